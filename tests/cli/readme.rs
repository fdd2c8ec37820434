//! The README's example sessions are real: each `$ diplograph …` in a
//! `console` block is run and must print what the README shows.

use std::path::Path;

use crate::support::{dg, repo_graph};

struct Session {
    command: String,
    expected: String,
}

/// `$ command` lines and the output below each, from every console block.
fn sessions(readme: &str) -> Vec<Session> {
    let mut out = Vec::new();
    let mut in_console = false;
    for line in readme.lines() {
        if line.starts_with("```") {
            in_console = line == "```console";
            continue;
        }
        if !in_console {
            continue;
        }
        if let Some(command) = line.strip_prefix("$ ") {
            out.push(Session {
                command: command.to_string(),
                expected: String::new(),
            });
        } else if let Some(last) = out.last_mut() {
            last.expected.push_str(line);
            last.expected.push('\n');
        }
    }
    out
}

#[test]
fn readme_sessions_match_real_runs() {
    let readme = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md"))
        .expect("README.md");
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(repo_graph(), dir.path().join("graph.ron")).unwrap();
    // The research data sets, for the sessions that import them; without
    // them those sessions are skipped (never copied into the repository).
    let peer = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/peer");
    let has_peer = peer.is_dir();
    if has_peer {
        std::os::unix::fs::symlink(&peer, dir.path().join("peer")).unwrap();
    } else {
        println!("skipping the README's world-database sessions: ../shared/peer not found");
    }
    let mut checked = 0;
    let mut failures = Vec::new();
    for session in sessions(&readme) {
        let owned = shell_words(&session.command);
        let words: Vec<&str> = owned.iter().map(String::as_str).collect();
        match words.as_slice() {
            ["cat", file] => {
                std::fs::write(dir.path().join(file), &session.expected).unwrap();
            }
            ["diplograph", args @ ..] => {
                if !has_peer
                    && args
                        .iter()
                        .any(|a| a.starts_with("peer/") || *a == "world.ron")
                {
                    continue;
                }
                let out = dg(args.to_vec()).default_graph().dir(dir.path()).run();
                let actual = if out.code == 0 {
                    out.stdout
                } else {
                    out.stderr
                };
                let matches = match session.expected.strip_suffix("  …\n") {
                    Some(prefix) => actual.starts_with(prefix),
                    None => actual == session.expected,
                };
                if !matches {
                    failures.push(format!(
                        "$ {}\n--- README ---\n{}--- actual ---\n{actual}",
                        session.command, session.expected
                    ));
                }
                checked += 1;
            }
            _ => panic!("README console command not understood: {}", session.command),
        }
    }
    assert!(checked >= 8, "only {checked} README sessions found");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// A console line split into words as a shell does for the README's
/// sessions: on blanks, with '…' and "…" quoting a word that holds blanks
/// (a query), no other escapes.
fn shell_words(line: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word: Option<String> = None;
    let mut quote: Option<char> = None;
    for c in line.chars() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (None, '\'' | '"') => {
                quote = Some(c);
                word.get_or_insert_with(String::new);
            }
            (None, c) if c.is_whitespace() => words.extend(word.take()),
            (_, c) => word.get_or_insert_with(String::new).push(c),
        }
    }
    words.extend(word);
    words
}

#[test]
fn console_lines_split_as_a_shell_splits_them() {
    assert_eq!(
        shell_words(r#"diplograph query --as-of 2024 "MATCH (a {id: 'X'}) RETURN a" x"#),
        [
            "diplograph",
            "query",
            "--as-of",
            "2024",
            "MATCH (a {id: 'X'}) RETURN a",
            "x"
        ]
    );
    assert_eq!(shell_words("a  'b c'd \"\""), ["a", "b cd", ""]);
}
