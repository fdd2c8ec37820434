//! Nothing lost by a slip (issue 11): names that resolve as people type
//! them and suggestions that say who is meant, one name per option, empty
//! answers that still parse, refusals that quote the argument and leave
//! the file byte for byte as it was, completions and a man page.

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::support::dg;

/// A small database with the states the abbreviations stand for, Russia
/// noted as the USSR's continuation, and a term that has ended.
const STATES: &str = r#"(version: 1, checked: "2024-07-04",
 sources: [(id: "s", title: "A source")],
 entities: [
  country(id: "GBR", name: "United Kingdom"),
  country(id: "UKR", name: "Ukraine"),
  country(id: "ARE", name: "United Arab Emirates"),
  country(id: "PRK", name: "North Korea"),
  country(id: "KOR", name: "South Korea"),
  country(id: "CHN", name: "China"),
  country(id: "SAU", name: "Saudi Arabia"),
  country(id: "USA", name: "United States"),
  country(id: "RUS", name: "Russia", note: "continuing state of the USSR since 1991-12-25"),
  organization(id: "SCO", name: "Shanghai Cooperation Organisation"),
  person(id: "pat-doe", name: "Pat Doe"),
 ],
 relations: [
  member(from: "CHN", to: "SCO", since: "2001-06-15", source: "s"),
  member(from: "RUS", to: "SCO", since: "2001-06-15", source: "s"),
  leads(from: "pat-doe", to: "UKR", role: "President", since: "2010", until: "2015"),
 ],
)
"#;

/// `text` written to `graph.ron` in a new directory.
fn fixture(text: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("graph.ron");
    std::fs::write(&path, text).unwrap();
    (dir, path)
}

/// The bytes of `path`, to compare after a refusal.
fn bytes(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap()
}

/// The id `show TEXT` resolves to in `graph`.
fn shown(graph: &Path, text: &str) -> String {
    dg(["show", text]).graph(graph).json()["id"]
        .as_str()
        .unwrap()
        .to_string()
}

#[test]
fn did_you_mean_offers_names_with_their_ids() {
    let err = dg(["show", "Rusia"]).fails_with(2);
    assert!(err.contains("did you mean Russia (RUS)?"), "{err}");
    assert!(!err.contains("`RUS`"), "an id alone: {err}");
    let err = dg(["members", "Shanghai Cooperaton Organisation"]).fails_with(2);
    assert!(
        err.contains("did you mean Shanghai Cooperation Organisation (SCO)?"),
        "{err}"
    );
}

#[test]
fn common_abbreviations_resolve_to_the_state_they_stand_for() {
    let (_dir, graph) = fixture(STATES);
    for (text, id) in [
        ("UK", "GBR"),
        ("u.k.", "GBR"),
        ("US", "USA"),
        ("USA", "USA"),
        ("U.S.A.", "USA"),
        ("UAE", "ARE"),
        ("PRC", "CHN"),
        ("DPRK", "PRK"),
        ("ROK", "KOR"),
        ("KSA", "SAU"),
        // No SUN here, and Russia's note records the continuation.
        ("USSR", "RUS"),
    ] {
        assert_eq!(shown(&graph, text), id, "{text}");
    }
}

#[test]
fn uk_is_never_taken_for_ukraine() {
    // The bundled database holds Ukraine but not the United Kingdom.
    let empty = tempfile::tempdir().unwrap();
    let out = dg(["show", "UK", "--format", "json"])
        .default_graph()
        .dir(empty.path())
        .run();
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(
        out.stderr.contains(
            "`UK` usually stands for United Kingdom (GBR), which this database does not record"
        ),
        "{}",
        out.stderr
    );
    assert!(!out.stderr.contains("UKR"), "{}", out.stderr);
    assert!(!out.stderr.contains("Ukraine"), "{}", out.stderr);
    let _: Value = serde_json::from_str(&out.stdout).expect("stdout is JSON");
    // Without the USSR's continuation recorded, USSR is not Russia.
    let err = dg(["show", "USSR"]).fails_with(1);
    assert!(err.contains("Soviet Union (SUN)"), "{err}");
    assert!(!err.contains("RUS"), "{err}");
}

#[test]
fn an_empty_answer_is_valid_json_and_exits_1() {
    let none = dg(["neighbors", "MNG", "--via", "sanctions"])
        .on("2024-07-04")
        .json_found_nothing();
    assert_eq!(none, Value::Array(vec![]));
    let out = dg(["neighbors", "MNG", "--via", "sanctions"])
        .on("2024-07-04")
        .run();
    assert_eq!(out.code, 1);
    assert!(
        out.stdout
            .starts_with("Mongolia (MNG): no neighbours as of 2024-07-04"),
        "{}",
        out.stdout
    );
    let members = dg(["members", "SCO"]).on("1990").json_found_nothing();
    assert_eq!(members, Value::Array(vec![]));
    let path = dg(["path", "MNG", "USA", "--via", "sanctions"])
        .on("2024-07-04")
        .json_found_nothing();
    assert_eq!(path, Value::Array(vec![]));
    let (_dir, graph) = fixture(STATES);
    let events = dg(["list", "--kind", "event"])
        .graph(&graph)
        .json_found_nothing();
    assert_eq!(events, Value::Array(vec![]));
    let out = dg(["list", "--kind", "event"]).graph(&graph).run();
    assert_eq!((out.code, out.stdout.as_str()), (1, "no entities\n"));
    // An answer that found something still exits 0.
    assert_eq!(
        dg(["neighbors", "MNG", "--via", "observer"])
            .on("2024-07-04")
            .json()
            .as_array()
            .unwrap()
            .len(),
        1
    );
}

#[test]
fn neighbors_takes_via_like_every_other_command() {
    let via = dg(["neighbors", "Belarus", "--via", "member"])
        .on("2024-07-04")
        .json();
    let old = dg(["neighbors", "Belarus", "--relation", "member"])
        .on("2024-07-04")
        .json();
    assert_eq!(via, old);
    assert_eq!(crate::support::ids(&via), ["SCO", "UN"]);
    let help = dg(["neighbors", "--help"]).text();
    assert!(help.contains("--via <KIND>"), "{help}");
    assert!(!help.contains("--relation <"), "{help}");
}

#[test]
fn fmt_check_says_not_canonical_under_its_own_code() {
    let (_dir, graph) = fixture(STATES);
    let before = bytes(&graph);
    let err = dg(["fmt", "--check"]).graph(&graph).fails_with(5);
    assert!(err.contains("diplograph::not_canonical"), "{err}");
    assert!(err.contains("is not canonical"), "{err}");
    assert_eq!(bytes(&graph), before);
}

#[test]
fn dry_runs_say_what_would_be_done() {
    let (_dir, graph) = fixture(STATES);
    let before = bytes(&graph);
    let added = dg([
        "add",
        "relation",
        "--kind",
        "member",
        "--from",
        "KOR",
        "--to",
        "SCO",
        "--dry-run",
    ])
    .graph(&graph)
    .text();
    assert!(
        added.starts_with("would add member KOR → SCO at "),
        "{added}"
    );
    let ended = dg([
        "end",
        "--kind",
        "member",
        "--from",
        "China",
        "--to",
        "SCO",
        "--on",
        "2024",
        "--dry-run",
    ])
    .graph(&graph)
    .text();
    assert!(
        ended.starts_with("would end member CHN → SCO on 2024 ("),
        "{ended}"
    );
    let removed = dg([
        "remove",
        "relation",
        "--kind",
        "member",
        "--from",
        "RUS",
        "--to",
        "SCO",
        "--dry-run",
    ])
    .graph(&graph)
    .text();
    assert!(
        removed.starts_with("would remove member RUS → SCO since 2001-06-15 ("),
        "{removed}"
    );
    let entity = dg([
        "add",
        "entity",
        "--kind",
        "country",
        "--id",
        "ARM",
        "--name",
        "Armenia",
        "--dry-run",
        "--format",
        "json",
    ])
    .graph(&graph)
    .text();
    let json: Value = serde_json::from_str(&entity).unwrap();
    let change = json["changes"][0].as_str().unwrap();
    assert!(
        change.starts_with("would add country `ARM` (Armenia) at "),
        "{change}"
    );
    assert_eq!(json["dry_run"], true);
    assert_eq!(bytes(&graph), before);
}

#[test]
fn each_command_lists_only_the_options_it_uses() {
    let generate = dg(["generate", "--help"]).text();
    for option in ["--as-of", "--all-time", "--graph", "--format"] {
        assert!(!generate.contains(option), "generate lists {option}");
    }
    for command in [
        &["fmt", "--help"][..],
        &["add", "entity", "--help"],
        &["end", "--help"],
        &["import", "csv", "--help"],
        &["check", "--help"],
    ] {
        let help = dg(command.to_vec()).text();
        assert!(!help.contains("--as-of"), "{command:?} lists --as-of");
        assert!(!help.contains("--all-time"), "{command:?} lists --all-time");
        assert!(help.contains("--graph <PATH>"), "{command:?}");
        assert!(help.contains("--format <FORMAT>"), "{command:?}");
    }
    for command in [
        &["show", "--help"][..],
        &["path", "--help"],
        &["export", "--help"],
    ] {
        let help = dg(command.to_vec()).text();
        assert!(help.contains("--as-of <DATE>"), "{command:?}");
        assert!(help.contains("--graph <PATH>"), "{command:?}");
    }
    assert!(
        !dg(["export", "--help"])
            .text()
            .contains("--format <FORMAT>")
    );
    // Before the command's name or after it, the options work as they did.
    let (_dir, graph) = fixture(STATES);
    let g = graph.to_str().unwrap();
    let before = dg(["--graph", g, "--as-of", "2005", "members", "SCO"])
        .default_graph()
        .text();
    let after = dg(["members", "SCO", "--as-of", "2005", "--graph", g])
        .default_graph()
        .text();
    assert_eq!(before, after);
    assert!(
        before.starts_with("Shanghai Cooperation Organisation (SCO) as of 2005-01-01: 2 members")
    );
    // After the name, an option the command does not take is refused.
    let err = dg(["fmt", "--as-of", "2005"]).graph(&graph).fails_with(2);
    assert!(err.contains("unexpected argument '--as-of'"), "{err}");
}

#[test]
fn control_characters_are_refused_in_the_file_and_on_the_command_line() {
    let escaped = STATES.replace(r#"name: "South Korea""#, r#"name: "South\nKorea""#);
    let (_dir, graph) = fixture(&escaped);
    let err = dg(["check"]).graph(&graph).fails_with(3);
    assert!(
        err.contains("graph.ron:8:3: the name of `KOR` holds a line feed (U+000A)"),
        "{err}"
    );
    // A raw tab, which the fast reader must decline too.
    let tab = STATES.replace(r#"name: "China""#, "name: \"Chi\tna\"");
    let (_dir2, graph2) = fixture(&tab);
    let err = dg(["check"]).graph(&graph2).fails_with(3);
    assert!(
        err.contains("graph.ron:9:3: the name of `CHN` holds a tab (U+0009)"),
        "{err}"
    );
    let (_dir3, graph3) = fixture(STATES);
    let before = bytes(&graph3);
    let err = dg([
        "add",
        "entity",
        "--kind",
        "country",
        "--id",
        "ARM",
        "--name",
        "Arm\nenia",
    ])
    .graph(&graph3)
    .fails_with(2);
    assert!(
        err.contains(r#"--name "Arm\nenia" holds a line feed (U+000A)"#),
        "{err}"
    );
    // A note may run over lines, but carries no terminal escape.
    let err = dg([
        "add",
        "relation",
        "--kind",
        "member",
        "--from",
        "KOR",
        "--to",
        "SCO",
        "--note",
        "in \u{1b}[31mred",
    ])
    .graph(&graph3)
    .fails_with(2);
    assert!(
        err.contains(r#"--note "in \u{1b}[31mred" holds an escape (U+001B)"#),
        "{err}"
    );
    assert_eq!(bytes(&graph3), before);
}

#[test]
fn export_never_replaces_a_file_unasked_nor_the_database_ever() {
    let (dir, graph) = fixture(STATES);
    let before = bytes(&graph);
    let existing = dir.path().join("old.dot");
    std::fs::write(&existing, "keep me").unwrap();
    let err = dg(["export", "dot", "--all-time", "--output"])
        .graph(&graph)
        .run();
    assert_eq!(err.code, 2, "a missing value is a usage error");
    let err = dg([
        "export",
        "dot",
        "--all-time",
        "--output",
        existing.to_str().unwrap(),
    ])
    .graph(&graph)
    .fails_with(2);
    assert!(err.contains("which already exists"), "{err}");
    assert!(err.contains("--force"), "{err}");
    assert_eq!(std::fs::read_to_string(&existing).unwrap(), "keep me");
    dg([
        "export",
        "dot",
        "--all-time",
        "--force",
        "--output",
        existing.to_str().unwrap(),
    ])
    .graph(&graph)
    .text();
    assert!(
        std::fs::read_to_string(&existing)
            .unwrap()
            .starts_with("digraph")
    );
    // The database itself: by its path, another spelling, a symbolic link
    // and a hard link, even with --force.
    let link = dir.path().join("link.ron");
    std::os::unix::fs::symlink(&graph, &link).unwrap();
    let hard = dir.path().join("hard.ron");
    std::fs::hard_link(&graph, &hard).unwrap();
    let spelt = dir.path().join(".").join("graph.ron");
    for target in [&graph, &spelt, &link, &hard] {
        let err = dg([
            "export",
            "graphml",
            "--all-time",
            "--force",
            "--output",
            target.to_str().unwrap(),
        ])
        .graph(&graph)
        .fails_with(2);
        assert!(err.contains("the database it reads"), "{target:?}: {err}");
    }
    // The database found in the working directory, named relatively.
    let err = dg([
        "export",
        "dot",
        "--all-time",
        "--force",
        "--output",
        "graph.ron",
    ])
    .default_graph()
    .dir(dir.path())
    .fails_with(2);
    assert!(err.contains("the database it reads"), "{err}");
    assert_eq!(bytes(&graph), before);
}

#[test]
fn end_refuses_a_relation_that_has_ended_unless_forced() {
    let (_dir, graph) = fixture(STATES);
    let before = bytes(&graph);
    let err = dg([
        "end", "--kind", "leads", "--from", "Pat Doe", "--to", "Ukraine", "--on", "2016",
    ])
    .graph(&graph)
    .fails_with(2);
    assert!(
        err.contains("leads pat-doe → UKR since 2010 until 2015 (")
            && err.contains("already ends on 2015"),
        "{err}"
    );
    assert!(err.contains("--force"), "{err}");
    assert_eq!(bytes(&graph), before);
    let moved = dg([
        "end", "--kind", "leads", "--from", "Pat Doe", "--to", "Ukraine", "--on", "2016", "--force",
    ])
    .graph(&graph)
    .text();
    assert!(
        moved.starts_with("moved the end of leads pat-doe → UKR since 2010 from 2015 to 2016 ("),
        "{moved}"
    );
    let text = std::fs::read_to_string(&graph).unwrap();
    assert!(text.contains(r#"since: "2010", until: "2016""#), "{text}");
}

#[test]
fn a_wrong_argument_to_an_edit_is_a_command_line_error_that_quotes_it() {
    let (dir, graph) = fixture(STATES);
    let before = bytes(&graph);
    let csv = dir.path().join("rows.csv");
    std::fs::write(&csv, "from,to\nKOR,SCO\n").unwrap();
    let csv = csv.to_str().unwrap();
    for (args, quoted) in [
        (
            &[
                "add", "relation", "--kind", "member", "--from", "KOR", "--to", "SCO", "--since",
                "2017-13",
            ][..],
            "`2017-13`",
        ),
        (
            &[
                "add", "relation", "--kind", "memberx", "--from", "KOR", "--to", "SCO",
            ],
            "'memberx'",
        ),
        (
            &[
                "add", "relation", "--kind", "member", "--from", "Kora", "--to", "SCO",
            ],
            "`Kora`",
        ),
        (
            &[
                "add", "relation", "--kind", "member", "--from", "KOR", "--to", "SCO", "--source",
                "nope",
            ],
            "--source `nope`",
        ),
        (
            &[
                "add", "relation", "--kind", "leads", "--from", "KOR", "--to", "SCO", "--role",
                "Chair",
            ],
            "--from `KOR`",
        ),
        (
            &[
                "add", "relation", "--kind", "member", "--from", "KOR", "--to", "SCO", "--since",
                "2020", "--until", "2019",
            ],
            "--until 2019",
        ),
        (
            &[
                "add", "entity", "--kind", "country", "--id", "arm", "--name", "Armenia",
            ],
            "--id `arm`",
        ),
        (
            &[
                "add", "entity", "--kind", "country", "--id", "ARM", "--name", "China",
            ],
            "--name `China`",
        ),
        (
            &[
                "end",
                "--kind",
                "member",
                "--from",
                "CHN",
                "--to",
                "SCO",
                "--on",
                "2020-02-30",
            ],
            "`2020-02-30`",
        ),
        (
            &[
                "remove", "relation", "--kind", "member", "--from", "CHN", "--to", "SCOO",
            ],
            "`SCOO`",
        ),
        (&["import", "csv", csv, "--kind", "memberx"], "'memberx'"),
    ] {
        let err = dg(args.to_vec()).graph(&graph).fails_with(2);
        assert!(err.contains(quoted), "{args:?}: {err}");
        assert!(!err.contains("fix these in the file"), "{args:?}: {err}");
        assert!(!err.contains("graph.ron:"), "{args:?}: {err}");
    }
    // What only the whole database can tell (a fact recorded twice, an
    // unlisted source on every imported row) is refused as the edit's
    // fault, without positions in a text that was never written.
    for args in [
        &[
            "add", "relation", "--kind", "member", "--from", "CHN", "--to", "SCO",
        ][..],
        &["import", "csv", csv, "--kind", "member", "--source", "nope"],
    ] {
        let err = dg(args.to_vec()).graph(&graph).fails_with(2);
        assert!(
            err.contains("graph.ron was not changed: this edit would make it invalid"),
            "{args:?}: {err}"
        );
        assert!(!err.contains("fix these in the file"), "{args:?}: {err}");
        assert!(!err.contains("graph.ron:"), "{args:?}: {err}");
    }
    assert_eq!(bytes(&graph), before);
}

#[test]
fn completions_and_a_man_page_describe_every_command() {
    let bash = dg(["completions", "bash"]).default_graph().text();
    for command in [
        "check",
        "list",
        "show",
        "neighbors",
        "members",
        "report",
        "path",
        "clusters",
        "align",
        "balance",
        "central",
        "add",
        "end",
        "remove",
        "fmt",
        "import",
        "export",
        "generate",
        "completions",
        "man",
    ] {
        assert!(bash.contains(command), "bash completion lacks {command}");
    }
    assert!(bash.contains("complete -F _diplograph"), "{}", &bash[..200]);
    for shell in ["zsh", "fish", "powershell", "elvish"] {
        let script = dg(["completions", shell]).default_graph().text();
        assert!(script.contains("diplograph"), "{shell}");
        assert!(script.contains("neighbors"), "{shell}");
    }
    let man = dg(["man"]).default_graph().text();
    assert!(man.starts_with(".TH diplograph 1"), "{}", &man[..100]);
    assert!(man.contains(".SH NAME"), "{man}");
    dg(["completions", "tcsh"]).default_graph().fails_with(2);
}

/// One state, an observer of one organization: nobody to rank it
/// against; and a summit attended by a person, not a state.
const ALONE: &str = r#"(version: 1, checked: "2024-07-04",
 sources: [(id: "s", title: "A source")],
 entities: [
  country(id: "MNG", name: "Mongolia"),
  organization(id: "SCO", name: "Shanghai Cooperation Organisation"),
  person(id: "pat-doe", name: "Pat Doe"),
  event(id: "summit", name: "A summit", start: "2024-07-03", end: "2024-07-04"),
 ],
 relations: [
  observer(from: "MNG", to: "SCO", since: "2004-06-17", source: "s"),
  attends(from: "pat-doe", to: "summit", source: "s"),
 ],
)
"#;

/// Runs `args` as text and as JSON: both exit 1, JSON is valid, the text
/// is `text` (one line, said in words) and JSON's stderr says it too.
fn found_nothing(args: &[&str], graph: &Path, text: &str) -> Value {
    let out = dg(args).graph(graph).run();
    assert_eq!(out.code, 1, "{args:?}: {}", out.stderr);
    assert_eq!(out.stdout, format!("{text}\n"), "{args:?}");
    assert!(!out.stderr.contains("diplograph::"), "{}", out.stderr);
    let mut json_args = args.to_vec();
    json_args.extend(["--format", "json"]);
    let out = dg(&json_args).graph(graph).run();
    assert_eq!(out.code, 1, "{json_args:?}: {}", out.stderr);
    assert!(
        out.stderr.contains(&format!("note: {text}")),
        "{}",
        out.stderr
    );
    serde_json::from_str(&out.stdout).unwrap_or_else(|e| panic!("not JSON ({e}):\n{}", out.stdout))
}

#[test]
fn empty_analyses_say_so_and_print_valid_json() {
    let bundled = crate::support::repo_graph();
    let none = found_nothing(
        &["clusters", "--via", "conflict", "--as-of", "1800"],
        &bundled,
        "Louvain communities as of 1800-01-01 over conflict: none; no entity has a relation of these kinds then",
    );
    assert_eq!(none, Value::Array(vec![]));
    let none = found_nothing(
        &["clusters", "--method", "cliques", "--as-of", "1800"],
        &bundled,
        "Maximal cliques of friendly states as of 1800-01-01 over all relations: none; no 3 states are all on friendly terms with one another then (--min-size sets how many)",
    );
    assert_eq!(none, Value::Array(vec![]));
    let none = found_nothing(
        &[
            "clusters",
            "--method",
            "blocs",
            "--via",
            "sanctions",
            "--as-of",
            "1800",
        ],
        &bundled,
        "Signed blocs of states as of 1800-01-01 over sanctions: none; no state has a signed tie of these kinds then",
    );
    assert_eq!(none, Value::Array(vec![]));
    let central = found_nothing(
        &["central", "--via", "conflict", "--as-of", "1800"],
        &bundled,
        "Nothing ranked by betweenness as of 1800-01-01 over conflict: no such relation holds then, so no entity was scored",
    );
    assert_eq!(central["scores"], Value::Array(vec![]));
    assert_eq!(
        (central["total"].clone(), central["omitted"].clone()),
        (0.into(), 0.into())
    );
    // Scored, but none of them a country.
    let (_dir, alone) = fixture(ALONE);
    let central = found_nothing(
        &[
            "central",
            "--via",
            "attends",
            "--countries-only",
            "--as-of",
            "2024-07-04",
        ],
        &alone,
        "Nothing ranked by betweenness as of 2024-07-04 over attends: no country is among the 2 entities scored",
    );
    assert_eq!(central["scores"], Value::Array(vec![]));
    assert_eq!(central["total"], 0);
    let ranked = found_nothing(
        &["align", "Russia", "--top", "3", "--as-of", "1800"],
        &bundled,
        "No state ranked by alignment with Russia (RUS) as of 1800-01-01, by S score: Russia has no tie to compare then (no relation to a state or to an organization other than a universal one, and no stance on an issue)",
    );
    assert_eq!(ranked, Value::Array(vec![]));
    let ranked = found_nothing(
        &[
            "align",
            "MNG",
            "--top",
            "3",
            "--measure",
            "kappa",
            "--as-of",
            "2024-07-04",
        ],
        &alone,
        "No state ranked by alignment with Mongolia (MNG) as of 2024-07-04, by weighted κ: the database holds no other state",
    );
    assert_eq!(ranked, Value::Array(vec![]));
    // The same commands that find something still exit 0, unchanged.
    let ranked = dg(["align", "Russia", "--top", "3"])
        .on("2024-07-04")
        .json();
    assert_eq!(ranked.as_array().unwrap().len(), 3);
    let central = dg(["central", "--via", "conflict"]).on("2024-07-04").json();
    assert_eq!(central["total"], 2);
    // Asking for nothing is a usage error, not an empty table.
    for args in [["central", "--top", "0"], ["align", "RUS", "--top"]] {
        let mut args = args.to_vec();
        if args[0] == "align" {
            args.push("0");
        }
        let err = dg(&args).on("2024-07-04").fails_with(2);
        assert!(err.contains("--top must be at least 1"), "{err}");
    }
}

#[test]
fn no_path_is_an_empty_answer_with_what_to_try() {
    let bundled = crate::support::repo_graph();
    let none = found_nothing(
        &["path", "Russia", "China", "--as-of", "1800"],
        &bundled,
        "no path from Russia to China over all relations as of 1800-01-01; try another date (--as-of) or --all-time",
    );
    assert_eq!(none, Value::Array(vec![]));
    let none = found_nothing(
        &[
            "path",
            "India",
            "China",
            "--via",
            "member",
            "--max-hops",
            "1",
            "--as-of",
            "2024-07-04",
        ],
        &bundled,
        "no path from India to China within 1 hop over member as of 2024-07-04; try more relation kinds (--via), more hops (--max-hops), another date (--as-of) or --all-time",
    );
    assert_eq!(none, Value::Array(vec![]));
    // --all stops at 4 hops unless told otherwise, and says so.
    let none = found_nothing(
        &["path", "Russia", "China", "--all", "--as-of", "1800"],
        &bundled,
        "no path from Russia to China within 4 hops over all relations as of 1800-01-01; try more hops (--max-hops), another date (--as-of) or --all-time",
    );
    assert_eq!(none, Value::Array(vec![]));
    // With nothing left to widen, it says that nothing connects them.
    let (_dir, states) = fixture(STATES);
    for how in ["--k", "--weighted"] {
        let mut args = vec!["path", "United Kingdom", "China", "--all-time", how];
        if how == "--k" {
            args.push("2");
        }
        let none = found_nothing(
            &args,
            &states,
            "no path from United Kingdom to China over all relations over all time; no relation ever recorded connects them",
        );
        assert_eq!(none, Value::Array(vec![]));
    }
}

#[test]
fn the_file_validator_suggests_entities_by_name_and_id() {
    let (_dir, graph) = fixture(
        r#"(version: 1, checked: "2024-07-04",
 entities: [
  country(id: "IND", name: "India"),
  country(id: "PAK", name: "Pakistan"),
  organization(id: "SCO", name: "Shanghai Cooperation Organisation"),
  issue(id: "kashmir", name: "Kashmir"),
 ],
 relations: [
  member(from: "Inda", to: "SCO"),
  member(from: "Pakistan", to: "SCO"),
  dispute(from: "IND", to: "PAK", over: "Kashmr"),
 ],
)
"#,
    );
    let before = bytes(&graph);
    let err = dg(["check"]).graph(&graph).fails_with(3);
    assert!(err.contains("did you mean India (IND)?"), "{err}");
    // A name where the id belongs: the entity it names, with the id to write.
    assert!(err.contains("did you mean Pakistan (PAK)?"), "{err}");
    assert!(err.contains("did you mean Kashmir (kashmir)?"), "{err}");
    assert!(!err.contains("`IND`?"), "an id alone: {err}");
    assert_eq!(bytes(&graph), before);
}
