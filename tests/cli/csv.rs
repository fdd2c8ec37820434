//! `--format csv`: every table answer read back with the csv crate (and
//! Python's `csv` module) and compared with the JSON of the same command
//! on the same day — same rows, same ids — and the commands without a
//! table refused with exit 2.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use serde_json::Value;

use crate::support::{Outcome, dg, ids};

const SUMMIT_AFTER: &str = "2024-07-05";

/// A CSV answer: its header and its rows, each by column name.
struct Table {
    header: Vec<String>,
    rows: Vec<HashMap<String, String>>,
}

impl Table {
    fn parse(text: &str) -> Table {
        let mut reader = ::csv::Reader::from_reader(text.as_bytes());
        let header: Vec<String> = reader
            .headers()
            .expect("a header row")
            .iter()
            .map(String::from)
            .collect();
        let rows = reader
            .records()
            .map(|record| {
                let record = record.unwrap_or_else(|e| panic!("bad CSV ({e}):\n{text}"));
                assert_eq!(record.len(), header.len(), "{text}");
                header
                    .iter()
                    .cloned()
                    .zip(record.iter().map(String::from))
                    .collect()
            })
            .collect();
        Table { header, rows }
    }

    /// One column, top to bottom.
    fn column(&self, name: &str) -> Vec<String> {
        assert!(
            self.header.iter().any(|h| h == name),
            "no column {name} in {:?}",
            self.header
        );
        self.rows.iter().map(|r| r[name].clone()).collect()
    }
}

/// `diplograph ARGS --as-of DAY --format csv`, which must succeed, parsed.
fn csv(args: &[&str], day: &str) -> Table {
    let out = csv_run(args, day);
    assert_eq!(out.code, 0, "{args:?}: {}", out.stderr);
    Table::parse(&out.stdout)
}

fn csv_run(args: &[&str], day: &str) -> Outcome {
    let mut args: Vec<&str> = args.to_vec();
    args.extend(["--format", "csv"]);
    dg(args).on(day).run()
}

fn json_of(args: &[&str], day: &str) -> Value {
    dg(args).on(day).json()
}

/// A JSON value as a CSV cell: `null` is the empty cell, strings as they
/// are, numbers and booleans as written.
fn cell(value: &Value) -> String {
    match value {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// A cell's number, read by `serde_json`'s parser as the JSON it is
/// compared with was (`serde_json` reads some decimals one unit in the last
/// place off; the same text read the same way compares exactly).
fn number(text: &str) -> f64 {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("not a number ({e}): {text}"))
}

/// The columns of a relation in CSV, and the JSON field each holds.
const RELATION: [(&str, &str); 12] = [
    ("relation", "kind"),
    ("from", "from"),
    ("to", "to"),
    ("since", "since"),
    ("until", "until"),
    ("source", "source"),
    ("note", "note"),
    ("role", "role"),
    ("acting", "acting"),
    ("over", "over"),
    ("position", "position"),
    ("type", "type"),
];

fn assert_relation(row: &HashMap<String, String>, relation: &Value) {
    for (column, field) in RELATION {
        assert_eq!(row[column], cell(&relation[field]), "{column} of {row:?}");
    }
}

#[test]
fn members_of_the_sco_after_astana_are_the_json_members_belarus_among_them() {
    let table = csv(&["members", "SCO"], SUMMIT_AFTER);
    assert_eq!(
        table.header,
        ["id", "name", "status", "since", "until", "source", "note"]
    );
    let json = json_of(&["members", "SCO"], SUMMIT_AFTER);
    assert_eq!(table.column("id"), ids(&json));
    for (row, member) in table.rows.iter().zip(json.as_array().unwrap()) {
        for column in &table.header {
            assert_eq!(row[column], cell(&member[column]), "{column}");
        }
    }
    let belarus = table.rows.iter().find(|r| r["id"] == "BLR").unwrap();
    assert_eq!(belarus["name"], "Belarus");
    assert_eq!(belarus["status"], "member");
    assert_eq!(belarus["since"], "2024-07-04");
    assert_eq!(belarus["until"], "", "still a member: no end recorded");
    assert_eq!(belarus["source"], "news-az-2024-07-04");
    // The day before, Belarus was an observer.
    let before = csv(&["members", "SCO"], "2024-07-03");
    let belarus = before.rows.iter().find(|r| r["id"] == "BLR").unwrap();
    assert_eq!(belarus["status"], "observer");
}

#[test]
fn list_gives_ids_names_kinds_aliases_and_notes_of_the_json_list() {
    let table = csv(&["list", "--kind", "organization"], SUMMIT_AFTER);
    let json = json_of(&["list", "--kind", "organization"], SUMMIT_AFTER);
    assert_eq!(table.column("id"), ids(&json));
    for (row, entity) in table.rows.iter().zip(json.as_array().unwrap()) {
        assert_eq!(row["name"], cell(&entity["name"]));
        assert_eq!(row["kind"], "organization");
        assert_eq!(row["note"], cell(&entity["note"]));
        let aliases: Vec<String> = entity["aliases"]
            .as_array()
            .unwrap()
            .iter()
            .map(cell)
            .collect();
        assert_eq!(row["aliases"], aliases.join("; "));
    }
    let un = table.rows.iter().find(|r| r["id"] == "UN").unwrap();
    assert_eq!(un["aliases"], "U.N.; UNO");
}

#[test]
fn neighbors_has_one_row_per_relation_of_the_json_neighbours() {
    let table = csv(&["neighbors", "Belarus"], SUMMIT_AFTER);
    let json = json_of(&["neighbors", "Belarus"], SUMMIT_AFTER);
    let mut expected = Vec::new();
    for neighbour in json.as_array().unwrap() {
        for relation in neighbour["relations"].as_array().unwrap() {
            expected.push((neighbour, relation));
        }
    }
    assert_eq!(table.rows.len(), expected.len());
    for (row, (neighbour, relation)) in table.rows.iter().zip(expected) {
        assert_eq!(row["id"], cell(&neighbour["id"]));
        assert_eq!(row["name"], cell(&neighbour["name"]));
        assert_eq!(row["kind"], cell(&neighbour["kind"]));
        assert_relation(row, relation);
    }
    let sco = table.rows.iter().find(|r| r["id"] == "SCO").unwrap();
    assert_eq!(
        (
            sco["relation"].as_str(),
            sco["from"].as_str(),
            sco["to"].as_str()
        ),
        ("member", "BLR", "SCO")
    );
    assert_eq!(sco["since"], "2024-07-04");
}

#[test]
fn path_has_one_row_per_hop_of_every_json_path() {
    let args = ["path", "India", "China", "--k", "3"];
    let table = csv(&args, SUMMIT_AFTER);
    let json = json_of(&args, SUMMIT_AFTER);
    let paths = json.as_array().unwrap();
    assert_eq!(paths.len(), 3);
    let hops: usize = paths
        .iter()
        .map(|p| p["hops"].as_u64().unwrap() as usize)
        .sum();
    assert_eq!(table.rows.len(), hops);
    let mut rows = table.rows.iter();
    for (p, path) in paths.iter().enumerate() {
        let nodes = path["nodes"].as_array().unwrap();
        for (h, step) in path["steps"].as_array().unwrap().iter().enumerate() {
            let row = rows.next().unwrap();
            assert_eq!(row["path"], (p + 1).to_string());
            assert_eq!(row["hop"], (h + 1).to_string());
            assert_eq!(row["cost"], "", "not weighted");
            assert_eq!(row["step_from"], cell(&nodes[h]));
            assert_eq!(row["step_to"], cell(&nodes[h + 1]));
            assert_eq!(row["step_from_name"], cell(&path["entities"][h]["name"]));
            assert_relation(row, step);
        }
    }
    let first: Vec<String> = table.rows[..2]
        .iter()
        .map(|r| r["step_to"].clone())
        .collect();
    assert_eq!(first, ["SCO", "CHN"], "India —member→ SCO ←member— China");

    let weighted = csv(&["path", "India", "China", "--weighted"], SUMMIT_AFTER);
    let cost = json_of(&["path", "India", "China", "--weighted"], SUMMIT_AFTER)[0]["cost"].clone();
    assert!(cost.is_u64());
    assert!(weighted.column("cost").iter().all(|c| *c == cell(&cost)));
}

#[test]
fn clusters_list_every_member_of_every_cluster_unless_limited() {
    let table = csv(&["clusters"], SUMMIT_AFTER);
    // JSON caps by default; CSV lists what JSON lists with --all.
    let json = json_of(&["clusters", "--all"], SUMMIT_AFTER);
    let mut expected = Vec::new();
    for (c, cluster) in json.as_array().unwrap().iter().enumerate() {
        for id in cluster["members"].as_array().unwrap() {
            expected.push(((c + 1).to_string(), cell(&cluster["size"]), cell(id)));
        }
    }
    let got: Vec<(String, String, String)> = table
        .rows
        .iter()
        .map(|r| (r["cluster"].clone(), r["size"].clone(), r["id"].clone()))
        .collect();
    assert_eq!(got, expected);
    let belarus = table.rows.iter().find(|r| r["id"] == "BLR").unwrap();
    assert_eq!(
        (belarus["name"].as_str(), belarus["kind"].as_str()),
        ("Belarus", "country")
    );

    // An explicit limit still applies, and stderr says what was left out.
    let limited = csv_run(
        &["clusters", "--limit", "1", "--members", "2"],
        SUMMIT_AFTER,
    );
    assert_eq!(limited.code, 0, "{}", limited.stderr);
    let rows = Table::parse(&limited.stdout);
    assert_eq!(rows.column("cluster"), ["1", "1"]);
    assert_eq!(
        rows.column("id"),
        expected[..2]
            .iter()
            .map(|e| e.2.clone())
            .collect::<Vec<_>>()
    );
    assert!(
        limited
            .stderr
            .contains(&format!("2 of {} members", expected.len())),
        "{}",
        limited.stderr
    );
}

/// The measures of an alignment, as CSV and JSON both name them.
const MEASURES: [&str; 5] = ["s_score", "s_squared", "kappa", "pi", "tau_b"];

/// A measure's cell against its JSON value: the same number, or empty
/// where JSON says `null` (undefined).
fn assert_measure(row: &HashMap<String, String>, json: &Value, key: &str) {
    match json[key].as_f64() {
        Some(v) => assert_eq!(number(&row[key]), v, "{key}"),
        None => assert_eq!(row[key], "", "undefined {key} is an empty cell"),
    }
}

#[test]
fn align_a_pair_is_one_row_of_the_json_scores_and_counts() {
    let table = csv(&["align", "Russia", "China"], SUMMIT_AFTER);
    let json = json_of(&["align", "Russia", "China", "--all"], SUMMIT_AFTER);
    assert_eq!(table.rows.len(), 1);
    let row = &table.rows[0];
    assert_eq!(
        (row["a"].as_str(), row["a_name"].as_str()),
        ("RUS", "Russia")
    );
    assert_eq!(
        (row["b"].as_str(), row["b_name"].as_str()),
        ("CHN", "China")
    );
    for key in MEASURES {
        assert_measure(row, &json, key);
    }
    assert!(!row["kappa"].is_empty());
    for (column, field) in [
        ("agreements", "agreements"),
        ("disagreements", "disagreements"),
        ("one_sided", "one_sided"),
    ] {
        let listed = json[field].as_array().unwrap().len();
        assert_eq!(row[column], listed.to_string(), "{column}");
    }
    for column in ["basis", "n", "weighted", "neither", "direct_sign"] {
        assert_eq!(row[column], cell(&json[column]), "{column}");
    }
    assert_eq!(number(&row["weight"]), json["weight"].as_f64().unwrap());
}

#[test]
fn align_top_ranks_the_json_states_with_their_scores() {
    let args = ["align", "Russia", "--top", "5"];
    let table = csv(&args, SUMMIT_AFTER);
    let json = json_of(&args, SUMMIT_AFTER);
    assert_eq!(table.column("id"), ids(&json));
    assert_eq!(table.column("rank"), ["1", "2", "3", "4", "5"]);
    for (row, state) in table.rows.iter().zip(json.as_array().unwrap()) {
        assert_eq!(row["name"], cell(&state["name"]));
        assert_eq!(row["n"], cell(&state["n"]));
        for key in MEASURES {
            assert_measure(row, state, key);
        }
    }
    assert!(table.column("id").contains(&"BLR".to_string()));
}

#[test]
fn a_series_has_one_row_per_step_of_the_json_series() {
    let args = ["members", "SCO", "--from", "2014", "--to", "2017"];
    let out = dg(args.iter().chain(&["--format", "csv"])).run();
    assert_eq!(out.code, 0, "{}", out.stderr);
    let table = Table::parse(&out.stdout);
    let json = dg(args).json();
    let steps = json.as_array().unwrap();
    assert_eq!(table.column("step"), ["2014", "2015", "2016", "2017"]);
    assert_eq!(table.rows.len(), steps.len());
    for (row, step) in table.rows.iter().zip(steps) {
        for column in [
            "step",
            "from",
            "until",
            "rule",
            "member",
            "observer",
            "dialogue_partner",
        ] {
            assert_eq!(row[column], cell(&step[column]), "{column}");
        }
        for column in ["joined", "left"] {
            let ids: Vec<String> = step[column].as_array().unwrap().iter().map(cell).collect();
            assert_eq!(row[column], ids.join("; "), "{column}");
        }
    }
    // Armenia, Azerbaijan and Nepal became dialogue partners in 2016.
    let joined = &table.rows[2];
    assert_eq!(joined["joined"], "ARM; AZE; NPL");
    assert_eq!(joined["joined_names"], "Armenia; Azerbaijan; Nepal");

    // A measure undefined in a step is an empty cell, as JSON's null.
    // (The seed records no roll call: on votes nothing is compared.)
    for basis in ["relations", "votes"] {
        let args = [
            "align", "Russia", "China", "--from", "2020", "--to", "2023", "--basis", basis,
        ];
        // Nothing compared in any step is an empty answer: exit 1.
        let nothing = basis == "votes";
        let out = dg(args.iter().chain(&["--format", "csv"])).run();
        assert_eq!(out.code, i32::from(nothing), "{}", out.stderr);
        let table = Table::parse(&out.stdout);
        let json = if nothing {
            dg(args).json_found_nothing()
        } else {
            dg(args).json()
        };
        assert_eq!(table.rows.len(), 4);
        for (row, step) in table.rows.iter().zip(json.as_array().unwrap()) {
            for key in MEASURES {
                assert_measure(row, step, key);
            }
            assert_eq!(row["n"], cell(&step["n"]));
        }
        let empty = table.column("s_score").iter().all(String::is_empty);
        assert_eq!(empty, nothing, "{basis}");
    }
    // Central: the entity at each rank, by id and by name.
    let args = ["central", "--from", "2023", "--to", "2024", "--top", "2"];
    let table = Table::parse(&dg(args.iter().chain(&["--format", "csv"])).text());
    let json = dg(args).json();
    for (row, step) in table.rows.iter().zip(json.as_array().unwrap()) {
        assert_eq!(row["1"], cell(&step["1"]));
        assert_eq!(row["1_name"], "United Nations");
        assert_eq!(number(&row["score_2"]), step["score_2"].as_f64().unwrap());
    }
}

#[test]
fn balance_lists_every_unbalanced_triangle_of_the_json_answer() {
    let table = csv(&["balance"], SUMMIT_AFTER);
    assert_eq!(
        table.header,
        [
            "a", "a_name", "b", "b_name", "c", "c_name", "ab", "bc", "ca"
        ]
    );
    let json = json_of(&["balance", "--all"], SUMMIT_AFTER);
    let count = json["unbalanced_count"].as_u64().unwrap() as usize;
    assert!(count > 0);
    assert_eq!(table.rows.len(), count);
    let triangles = json["unbalanced"].as_array().unwrap();
    let signs = json["unbalanced_signs"].as_array().unwrap();
    for ((row, states), signs) in table.rows.iter().zip(triangles).zip(signs) {
        for (i, column) in ["a", "b", "c"].iter().enumerate() {
            assert_eq!(row[*column], cell(&states[i]));
        }
        for (i, column) in ["ab", "bc", "ca"].iter().enumerate() {
            assert_eq!(row[*column], cell(&signs[i]));
        }
        // Unbalanced (strong balance): an odd number of negative ties.
        let negatives = ["ab", "bc", "ca"]
            .iter()
            .filter(|c| row[**c] == "-1")
            .count();
        assert_eq!(negatives % 2, 1, "{row:?}");
    }
    // India and Pakistan's dispute makes the triangles with their friends.
    assert!(
        table
            .rows
            .iter()
            .any(|r| r["b"] == "IND" && r["c"] == "PAK" && r["bc"] == "-1")
    );
}

#[test]
fn central_ranks_the_json_scores() {
    let args = ["central", "--measure", "degree", "--top", "6"];
    let out = csv_run(&args, SUMMIT_AFTER);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let table = Table::parse(&out.stdout);
    let json = json_of(&args, SUMMIT_AFTER);
    let scores = &json["scores"];
    assert_eq!(table.column("id"), ids(scores));
    for (row, score) in table.rows.iter().zip(scores.as_array().unwrap()) {
        assert_eq!(row["name"], cell(&score["name"]));
        assert_eq!(row["kind"], cell(&score["kind"]));
        assert_eq!(number(&row["score"]), score["score"].as_f64().unwrap());
    }
    let omitted = json["omitted"].as_u64().unwrap();
    assert!(omitted > 0);
    assert!(
        out.stderr.contains(&format!("{omitted} more")),
        "{}",
        out.stderr
    );
}

#[test]
fn an_empty_answer_is_the_header_alone_and_exits_1() {
    let out = csv_run(&["members", "SCO"], "1990-01-01");
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert_eq!(out.stdout, "id,name,status,since,until,source,note\n");
    // What the emptiness means goes to stderr, as beside JSON.
    assert!(out.stderr.contains("note:"), "{}", out.stderr);
    assert!(out.stderr.contains("2001"), "{}", out.stderr);
}

#[test]
fn commands_without_a_table_refuse_csv_with_exit_2_naming_the_formats() {
    for args in [
        vec!["show", "Iran"],
        vec!["report"],
        vec!["codes", "255", "--from", "cow"],
    ] {
        let mut with = args.clone();
        with.extend(["--format", "csv"]);
        let err = dg(&with).on(SUMMIT_AFTER).fails_with(2);
        assert!(
            err.contains(&format!("`{}` has no CSV form", args[0])),
            "{err}"
        );
        assert!(err.contains("--format text or json"), "{err}");
    }
    let err = dg(["check", "--format", "csv"]).fails_with(2);
    assert!(err.contains("`check` has no CSV form"), "{err}");
    // Before the command's name too.
    let err = dg(["--format", "csv", "show", "Iran"]).fails_with(2);
    assert!(err.contains("`show` has no CSV form"), "{err}");
}

#[test]
fn an_edit_asked_for_csv_is_refused_before_anything_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("graph.ron");
    std::fs::copy(crate::support::repo_graph(), &path).unwrap();
    let before = std::fs::read_to_string(&path).unwrap();
    let err = dg([
        "add", "entity", "--kind", "country", "--id", "ZZZ", "--name", "Zedland", "--format", "csv",
    ])
    .graph(&path)
    .fails_with(2);
    assert!(err.contains("no CSV form"), "{err}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), before);
}

fn quoting_fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/csv_quoting.ron")
}

#[test]
fn names_and_notes_with_commas_quotes_and_line_breaks_round_trip() {
    let fixture = quoting_fixture();
    for args in [vec!["list"], vec!["members", "PACT"]] {
        let mut with = args.clone();
        with.extend(["--format", "csv"]);
        let text = dg(&with).graph(&fixture).on("2024-01-01").text();
        let table = Table::parse(&text);
        let json = dg(&args).graph(&fixture).on("2024-01-01").json();
        let items = json.as_array().unwrap();
        assert_eq!(table.rows.len(), items.len());
        for (row, item) in table.rows.iter().zip(items) {
            for column in ["id", "name", "note"] {
                assert_eq!(row[column], cell(&item[column]), "{column}");
            }
        }
        if let Some(python) = python() {
            assert_eq!(
                python_rows(&python, &text),
                table_as_lists(&table),
                "{text}"
            );
        }
    }
    let text = dg(["list", "--format", "csv"]).graph(&fixture).text();
    let table = Table::parse(&text);
    let aland = &table.rows[0];
    assert_eq!(aland["name"], "Aland, Republic of");
    assert_eq!(aland["aliases"], "The \"Isles\"; A, B");
    assert_eq!(
        aland["note"],
        "first line\nsecond line, with a comma\n\"quoted\" third"
    );
    let pact = table.rows.iter().find(|r| r["id"] == "PACT").unwrap();
    assert_eq!(pact["name"], " Pact of Commas, Quotes \"and\" Lines");
}

fn table_as_lists(table: &Table) -> Vec<Vec<String>> {
    let mut out = vec![table.header.clone()];
    out.extend(
        table
            .rows
            .iter()
            .map(|r| table.header.iter().map(|h| r[h].clone()).collect()),
    );
    out
}

/// `python3`, or `None` (with a notice) where there is none.
fn python() -> Option<String> {
    let python = "python3".to_string();
    let ok = Command::new(&python)
        .args(["-c", "import csv, json"])
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !ok {
        eprintln!("notice: no python3; skipping the check with Python's csv module");
        return None;
    }
    Some(python)
}

/// The rows Python's `csv` module reads from `text`.
fn python_rows(python: &str, text: &str) -> Vec<Vec<String>> {
    use std::io::Write;
    let script = "import csv, io, json, sys\n\
                  data = sys.stdin.buffer.read().decode('utf-8')\n\
                  print(json.dumps(list(csv.reader(io.StringIO(data, newline='')))))";
    let mut child = Command::new(python)
        .args(["-c", script])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(text.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn csv_lists_past_the_caps_text_and_json_apply_by_default() {
    let dir = tempfile::tempdir().unwrap();
    let graph = dir.path().join("generated.ron");
    let size = [
        "--countries",
        "60",
        "--organizations",
        "30",
        "--relations",
        "3000",
    ];
    let mut args = vec!["generate", "--output", graph.to_str().unwrap()];
    args.extend(size);
    assert_eq!(dg(&args).default_graph().run().code, 0);
    let day = "2024-01-01";
    let run = |args: &[&str]| -> Table {
        let mut args = args.to_vec();
        args.extend(["--format", "csv"]);
        let out = dg(&args).graph(&graph).on(day).run();
        assert_eq!(out.code, 0, "{}", out.stderr);
        assert!(
            !out.stderr.contains("more"),
            "nothing is left out: {}",
            out.stderr
        );
        Table::parse(&out.stdout)
    };

    let capped = dg(["clusters"]).graph(&graph).on(day).json();
    let all = dg(["clusters", "--all"]).graph(&graph).on(day).json();
    let sizes: Vec<u64> = all
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["size"].as_u64().unwrap())
        .collect();
    assert!(
        capped.as_array().unwrap().len() < sizes.len(),
        "the default caps apply to JSON"
    );
    let table = run(&["clusters"]);
    assert_eq!(table.rows.len() as u64, sizes.iter().sum::<u64>());
    let every: Vec<String> = all
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|c| c["members"].as_array().unwrap().iter().map(cell))
        .collect();
    assert_eq!(table.column("id"), every);

    let balance = dg(["balance"]).graph(&graph).on(day).json();
    assert!(
        balance["omitted"].as_u64().unwrap() > 0,
        "the default limit applies to JSON"
    );
    let table = run(&["balance"]);
    assert_eq!(
        table.rows.len() as u64,
        balance["unbalanced_count"].as_u64().unwrap()
    );
}
