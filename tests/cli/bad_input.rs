//! Bad input through the real binary: every malformed or invalid database
//! must make `diplograph check` fail with a clear message, the right exit
//! code, nothing on stdout and no panic.
//!
//! Fixtures live in `tests/fixtures/bad`. Each `NAME.ron` is run as
//! `diplograph --graph NAME.ron check` from inside that directory, so
//! messages name the bare file. `NAME.expected` lists what stderr must
//! contain, one substring per line, and ends with a line `exit: N`. Blank
//! lines and lines starting with `#` are comments. Substrings are compared
//! ignoring whitespace and miette's `│` gutter, because miette wraps long
//! messages to the terminal width.
//!
//! The generated-input tests below need no fixture files: empty and blank
//! files, random bytes, truncated copies of the repository's graph.ron,
//! megabytes of junk, deep nesting, a directory and a missing path.

use std::ffi::OsStr;
use std::fmt::Write as _;
use std::fs;
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::time::Duration;

use assert_cmd::Command;
use tempfile::TempDir;

/// Generous: the slowest case (10 MB of junk) takes well under a second.
const TIMEOUT: Duration = Duration::from_mins(2);

/// How much of a long stderr a failure message shows.
const SHOWN: usize = 3000;

fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/bad")
}

/// The stems of the files in `dir` whose extension is `ext`, sorted.
fn stems(dir: &Path, ext: &str) -> Vec<String> {
    let mut found: Vec<String> = fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()))
        .map(|entry| entry.expect("directory entry").path())
        .filter(|path| path.extension() == Some(OsStr::new(ext)))
        .map(|path| {
            path.file_stem()
                .and_then(OsStr::to_str)
                .expect("fixture names are UTF-8")
                .to_string()
        })
        .collect();
    found.sort();
    found
}

/// How one run ended.
struct Outcome {
    /// `None` when killed by a signal or by the timeout.
    code: Option<i32>,
    stdout: Vec<u8>,
    stderr: String,
}

/// Runs `diplograph --graph GRAPH check` in `dir`.
fn check_in(dir: &Path, graph: impl AsRef<OsStr>) -> Outcome {
    let output = Command::cargo_bin("diplograph")
        .expect("the diplograph binary is built")
        .current_dir(dir)
        .arg("--graph")
        .arg(graph)
        .arg("check")
        // Plain, deterministic diagnostics whatever the caller's environment.
        .env("NO_COLOR", "1")
        .env_remove("FORCE_COLOR")
        .env_remove("CLICOLOR_FORCE")
        .env_remove("NO_GRAPHICS")
        .env_remove("DIPLOGRAPH_GRAPH")
        .env_remove("RUST_BACKTRACE")
        .timeout(TIMEOUT)
        .output()
        .expect("the diplograph binary runs");
    Outcome {
        code: output.status.code(),
        stdout: output.stdout,
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

/// `text` without whitespace or miette's wrapping gutter.
fn squash(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace() && *c != '│')
        .collect()
}

/// At most [`SHOWN`] characters of `text`, indented for a failure message.
fn excerpt(text: &str) -> String {
    let mut shown: String = text.chars().take(SHOWN).collect();
    if shown.len() < text.len() {
        let _ = write!(shown, "\n… ({} bytes in all)", text.len());
    }
    shown
        .lines()
        .map(|line| format!("      {line}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// What is wrong with a run that should have failed cleanly with `exit`.
fn unclean(out: &Outcome, exit: i32) -> Vec<String> {
    let mut problems = Vec::new();
    match out.code {
        Some(code) if code == exit => {}
        Some(code) => problems.push(format!("exit code {code}, expected {exit}")),
        None => problems.push(format!(
            "killed by a signal or not finished within {TIMEOUT:?}, expected exit code {exit}"
        )),
    }
    for marker in ["panicked", "RUST_BACKTRACE"] {
        if out.stderr.contains(marker) {
            problems.push(format!("stderr contains {marker:?}"));
        }
    }
    if !out.stdout.is_empty() {
        problems.push(format!(
            "stdout is not empty: {:?}",
            String::from_utf8_lossy(&out.stdout)
        ));
    }
    if out.stderr.trim().is_empty() {
        problems.push("stderr is empty: no message at all".to_string());
    }
    problems
}

/// The substrings of `needles` that stderr lacks.
fn missing<'a>(out: &Outcome, needles: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let stderr = squash(&out.stderr);
    needles
        .into_iter()
        .filter(|needle| !stderr.contains(&squash(needle)))
        .map(|needle| format!("stderr lacks {needle:?}"))
        .collect()
}

/// Whether stderr names `file` with a line and column: `file:L:C:`.
fn has_location(stderr: &str, file: &str) -> bool {
    let prefix = format!("{file}:");
    stderr.match_indices(&prefix).any(|(at, _)| {
        let rest = &stderr[at + prefix.len()..];
        let mut parts = rest.splitn(3, ':');
        let is_number = |s: Option<&str>| {
            s.is_some_and(|s| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()))
        };
        is_number(parts.next()) && is_number(parts.next()) && parts.next().is_some()
    })
}

/// One failure report: what went wrong and the stderr it happened with.
fn report(label: &str, problems: &[String], out: &Outcome) -> String {
    format!(
        "── {label}\n   - {}\n   stderr:\n{}",
        problems.join("\n   - "),
        excerpt(&out.stderr)
    )
}

/// Panics with every failure at once, if there are any.
fn assert_no_failures(what: &str, total: usize, failures: &[String]) {
    assert!(
        failures.is_empty(),
        "{} of {total} {what} failed:\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}

/// A parsed `.expected` file.
#[derive(Debug, PartialEq)]
struct Expected {
    needles: Vec<String>,
    exit: i32,
}

fn parse_expected(text: &str) -> Result<Expected, String> {
    let lines: Vec<&str> = text
        .lines()
        .filter(|line| !line.trim().is_empty() && !line.starts_with('#'))
        .collect();
    let Some((last, needles)) = lines.split_last() else {
        return Err("no `exit: N` line".to_string());
    };
    let exit = last
        .strip_prefix("exit:")
        .and_then(|code| code.trim().parse().ok())
        .ok_or_else(|| format!("the last line must be `exit: N`, found {last:?}"))?;
    if let Some(stray) = needles.iter().find(|line| line.starts_with("exit:")) {
        return Err(format!(
            "`exit:` must be the last line only, found {stray:?}"
        ));
    }
    Ok(Expected {
        needles: needles.iter().map(ToString::to_string).collect(),
        exit,
    })
}

#[test]
fn every_bad_fixture_fails_with_its_expected_diagnostics() {
    let dir = fixtures_dir();
    let names = stems(&dir, "ron");
    assert!(!names.is_empty(), "no fixtures in {}", dir.display());
    let mut failures = Vec::new();
    for name in &names {
        let path = dir.join(format!("{name}.expected"));
        let expected = match fs::read_to_string(&path)
            .map_err(|e| format!("cannot read {}: {e}", path.display()))
            .and_then(|text| parse_expected(&text))
        {
            Ok(expected) => expected,
            Err(why) => {
                failures.push(format!("── {name}.expected: {why}"));
                continue;
            }
        };
        let out = check_in(&dir, format!("{name}.ron"));
        let mut problems = unclean(&out, expected.exit);
        problems.extend(missing(&out, expected.needles.iter().map(String::as_str)));
        if !problems.is_empty() {
            failures.push(report(&format!("{name}.ron"), &problems, &out));
        }
    }
    assert_no_failures("bad fixtures", names.len(), &failures);
}

#[test]
fn every_fixture_has_an_expected_file_and_vice_versa() {
    let dir = fixtures_dir();
    let inputs = stems(&dir, "ron");
    let expectations = stems(&dir, "expected");
    let mut failures: Vec<String> = inputs
        .iter()
        .filter(|name| !expectations.contains(name))
        .map(|name| format!("{name}.ron has no {name}.expected"))
        .collect();
    failures.extend(
        expectations
            .iter()
            .filter(|name| !inputs.contains(name))
            .map(|name| format!("{name}.expected has no {name}.ron")),
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn expected_files_are_read_as_documented() {
    let parsed = parse_expected("# a note\nfoo.ron:1:2: bad\n\nhelp\nexit: 3\n").unwrap();
    assert_eq!(
        parsed,
        Expected {
            needles: vec!["foo.ron:1:2: bad".to_string(), "help".to_string()],
            exit: 3,
        }
    );
    assert!(parse_expected("foo\n").is_err());
    assert!(parse_expected("").is_err());
    assert!(parse_expected("exit: 3\nfoo\nexit: 3\n").is_err());
    assert!(squash("a name\n  │ wrapped").contains(&squash("name wrapped")));
    assert!(has_location("× x.ron:12:5: bad", "x.ron"));
    assert!(!has_location("× x.ron: 2 problems found", "x.ron"));
}

// ---------------------------------------------------------------------------
// Generated inputs: written to a temporary directory, never to the repository.

/// Writes `contents` to a fresh temporary directory as `name` and runs
/// `diplograph --graph NAME check` there.
fn check_generated(name: &str, contents: &[u8]) -> Outcome {
    let dir = TempDir::new().expect("a temporary directory");
    fs::write(dir.path().join(name), contents).expect("write the generated input");
    check_in(dir.path(), name)
}

/// Requires a clean failure with `exit`, the `needles` in stderr and, when
/// `located`, a `name:line:col:` location.
fn assert_fails_cleanly(name: &str, out: &Outcome, exit: i32, needles: &[&str], located: bool) {
    let mut problems = unclean(out, exit);
    problems.extend(missing(out, needles.iter().copied()));
    if located && !has_location(&out.stderr, name) {
        problems.push(format!("stderr has no `{name}:LINE:COL:` location"));
    }
    assert!(problems.is_empty(), "{}", report(name, &problems, out));
}

/// xorshift64: deterministic pseudo-random bytes without a crate.
struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }

    fn bytes(&mut self, len: usize) -> Vec<u8> {
        (0..len).map(|_| (self.next() >> 24) as u8).collect()
    }
}

#[test]
fn an_empty_file_is_refused() {
    let out = check_generated("empty.ron", b"");
    assert_fails_cleanly(
        "empty.ron",
        &out,
        3,
        &["empty.ron:1:1: the file is empty"],
        true,
    );
}

#[test]
fn a_file_of_only_whitespace_is_refused() {
    let out = check_generated("blank.ron", b"  \n\t\n   \r\n\n    ");
    assert_fails_cleanly(
        "blank.ron",
        &out,
        3,
        &["blank.ron:1:1: the file is empty"],
        true,
    );
}

#[test]
fn random_bytes_are_refused() {
    let bytes = XorShift(0x9E37_79B9_7F4A_7C15).bytes(64 * 1024);
    let out = check_generated("random.ron", &bytes);
    assert_fails_cleanly("random.ron", &out, 3, &["is not UTF-8 text"], true);
}

#[test]
fn random_ron_punctuation_is_refused() {
    // Valid UTF-8 made of RON's own tokens, so the parser itself is exercised.
    const ALPHABET: &[u8] = b"()[]{}:,\"'#/*\\-_.0123456789 \n\trelationsmemberfromto";
    let mut rng = XorShift(0x2545_F491_4F6C_DD1D);
    let bytes: Vec<u8> = (0..64 * 1024)
        .map(|_| ALPHABET[(rng.next() % ALPHABET.len() as u64) as usize])
        .collect();
    let out = check_generated("soup.ron", &bytes);
    assert_fails_cleanly("soup.ron", &out, 3, &[], true);
}

#[test]
fn every_truncation_of_the_repository_graph_is_refused() {
    let full = fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("graph.ron"))
        .expect("the repository's graph.ron");
    // Any cut before the final `)` leaves the database unclosed.
    let end = full
        .iter()
        .rposition(|&b| b == b')')
        .expect("graph.ron ends with `)`");
    let cuts: Vec<usize> = (0..=end).step_by(97).collect();
    let dir = TempDir::new().expect("a temporary directory");
    let file = |cut: usize| format!("cut-{cut:05}.ron");
    for &cut in &cuts {
        fs::write(dir.path().join(file(cut)), &full[..cut]).expect("write a truncated copy");
    }

    // Every cut, in process: an error with a line and column inside the text.
    let mut failures = Vec::new();
    for &cut in &cuts {
        let path = dir.path().join(file(cut));
        let origin = diplograph::store::Origin::File(path.clone());
        let result = panic::catch_unwind(AssertUnwindSafe(|| diplograph::store::load(&origin)));
        let text = String::from_utf8_lossy(&full[..cut]);
        let why = match result {
            Err(_) => Some("panicked".to_string()),
            Ok(Ok(_)) => Some("loaded as a valid database".to_string()),
            Ok(Err(err)) => {
                let message = err.to_string();
                if err.exit_code() != 3 {
                    Some(format!("exit code {} for: {message}", err.exit_code()))
                } else if !message.starts_with(&format!("{}:", path.display())) {
                    Some(format!("message does not start with the path: {message}"))
                } else if let diplograph::error::Error::Parse(parse) = &err {
                    let lines: Vec<&str> = text.split('\n').collect();
                    let line_ok = (1..=lines.len()).contains(&parse.line);
                    let col_ok = line_ok
                        && (1..=lines[parse.line - 1].chars().count() + 1).contains(&parse.col);
                    (!(line_ok && col_ok)).then(|| {
                        format!(
                            "{}:{} is outside the text ({} lines): {message}",
                            parse.line,
                            parse.col,
                            lines.len()
                        )
                    })
                } else {
                    Some(format!("not a parse error: {message}"))
                }
            }
        };
        if let Some(why) = why {
            let tail: String = text
                .chars()
                .rev()
                .take(60)
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect();
            failures.push(format!("cut at byte {cut} (…{tail:?}): {why}"));
        }
    }
    assert_no_failures("in-process truncations", cuts.len(), &failures);

    // 40 of them, spread evenly, through the binary.
    let mut picked: Vec<usize> = (0..40).map(|i| cuts[i * (cuts.len() - 1) / 39]).collect();
    picked.dedup();
    let mut failures = Vec::new();
    for &cut in &picked {
        let name = file(cut);
        let out = check_in(dir.path(), &name);
        let mut problems = unclean(&out, 3);
        if !has_location(&out.stderr, &name) {
            problems.push(format!("stderr has no `{name}:LINE:COL:` location"));
        }
        if !problems.is_empty() {
            failures.push(report(&name, &problems, &out));
        }
    }
    assert_no_failures(
        "truncations run through the binary",
        picked.len(),
        &failures,
    );
}

#[test]
fn ten_megabytes_of_junk_lines_are_refused() {
    let line = "junk line: ([{ this is not a database }]) \"unterminated, 12.5e3 :: //\n";
    let junk = line.repeat(10 * 1024 * 1024 / line.len() + 1);
    let out = check_generated("junk.ron", junk.as_bytes());
    assert_fails_cleanly("junk.ron", &out, 3, &["junk.ron:1:1:"], true);
}

#[test]
fn deeply_nested_brackets_are_refused() {
    let deep = 100_000;
    let cases = [
        ("brackets.ron", "[".repeat(deep)),
        ("parens.ron", "(".repeat(deep)),
        (
            "nested-relations.ron",
            format!(
                "(version: 1, checked: \"2024-07-28\", relations: {}",
                "[".repeat(deep)
            ),
        ),
        (
            "nested-note.ron",
            format!(
                "(version: 1, checked: \"2024-07-28\", relations: [member(from: \"RUS\", to: \"SCO\", note: {}",
                "(".repeat(deep)
            ),
        ),
    ];
    for (name, text) in &cases {
        let out = check_generated(name, text.as_bytes());
        assert_fails_cleanly(name, &out, 3, &[], true);
    }
}

#[test]
fn a_directory_as_the_graph_is_refused() {
    let dir = TempDir::new().expect("a temporary directory");
    fs::create_dir(dir.path().join("a-directory.ron")).expect("create a directory");
    let out = check_in(dir.path(), "a-directory.ron");
    assert_fails_cleanly(
        "a-directory.ron",
        &out,
        4,
        &["cannot read a-directory.ron"],
        false,
    );
}

#[test]
fn a_missing_graph_is_refused() {
    let dir = TempDir::new().expect("a temporary directory");
    let out = check_in(dir.path(), "no-such-file.ron");
    assert_fails_cleanly(
        "no-such-file.ron",
        &out,
        4,
        &["cannot read no-such-file.ron"],
        false,
    );
}
