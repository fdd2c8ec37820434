//! `query` through the binary: the Cypher subset clause by clause, the
//! date built into every hop (Belarus the day before and the day it
//! joined the SCO, the Iranian handover, the SCO before its founding,
//! Germany between its statehood spells), every kind of error, the
//! limits, and the three output formats.

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::support::{Dg, csv_records, dg};

/// `diplograph query TEXT MORE…`.
fn q(text: &str, more: &[&str]) -> Dg {
    let mut args = vec!["query"];
    args.extend(more);
    args.push(text);
    dg(args)
}

/// The rows of a JSON answer.
fn rows(value: &Value) -> &Vec<Value> {
    value.as_array().expect("an array of rows")
}

/// Column `name` of every row, as text (a string, or JSON for anything
/// else).
fn column(value: &Value, name: &str) -> Vec<String> {
    rows(value)
        .iter()
        .map(|row| match &row[name] {
            Value::String(s) => s.clone(),
            other => other.to_string(),
        })
        .collect()
}

fn sorted(mut v: Vec<String>) -> Vec<String> {
    v.sort();
    v
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

const SCO_MEMBERS: &str =
    "MATCH (c:country)-[:member]->(:organization {id: 'SCO'}) RETURN count(*) AS members";

// ----- valid time -----

#[test]
fn every_hop_is_in_force_on_the_day_asked_about() {
    let count = |day: &str| q(SCO_MEMBERS, &[]).on(day).json()[0]["members"].clone();
    // Belarus joined on 2024-07-04, the summit's second day.
    assert_eq!(count("2024-07-03"), 9);
    assert_eq!(count("2024-07-04"), 10);
    // India and Pakistan joined on 2017-06-09; Iran on 2023-07-04.
    assert_eq!(count("2017-06-08"), 6);
    assert_eq!(count("2017-06-09"), 8);
    assert_eq!(count("2023-07-04"), 9);
}

#[test]
fn as_of_in_the_query_wins_over_the_option_and_says_so() {
    let text = format!("{SCO_MEMBERS} AS OF date('2024-07-03')");
    let out = q(&text, &["--format", "json"]).on("2024-07-04").run();
    assert_eq!(out.code, 0, "{}", out.stderr);
    let value: Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(value[0]["members"], 9);
    assert!(
        out.stderr
            .contains("AS OF 2024-07-03 is used instead of 2024-07-04, the day of --as-of"),
        "{}",
        out.stderr
    );
    // Asked today, the notes about the facts speak of the query's day:
    // 2024-07-03 is before they were last checked (2024-07-28), so
    // nothing "may be out of date".
    let today = q(&text, &[]).run();
    assert_eq!(today.code, 0, "{}", today.stderr);
    assert!(
        !today.stderr.contains("may be out of date"),
        "{}",
        today.stderr
    );
    let plain = q(SCO_MEMBERS, &[]).run();
    assert!(
        plain.stderr.contains("may be out of date"),
        "{}",
        plain.stderr
    );
}

#[test]
fn all_time_lifts_the_filter_and_shows_both_of_belarus_statuses() {
    let value = q(
        "MATCH (:country {name: 'Belarus'})-[r:member|observer]->(:organization {id: 'SCO'}) RETURN type(r) AS status, r.since AS since, r.until AS until ORDER BY since",
        &["--all-time"],
    )
    .json();
    assert_eq!(column(&value, "status"), ["observer", "member"]);
    // Half-open: the observer status ends the day membership begins.
    assert_eq!(value[0]["until"], "2024-07-04");
    assert_eq!(value[1]["since"], "2024-07-04");
    assert_eq!(value[1]["until"], Value::Null);
}

#[test]
fn on_a_handover_day_exactly_one_person_leads_iran() {
    let president = |day: &str| {
        q(
            "MATCH (p:person)-[l:leads {role: 'President'}]->(:country {id: 'IRN'}) RETURN p.name AS name, l.acting AS acting",
            &[],
        )
        .on(day)
        .json()
    };
    let before = president("2024-05-18");
    assert_eq!(column(&before, "name"), ["Ebrahim Raisi"]);
    // Raisi's term "until 2024-05-19" does not include that day.
    let handover = president("2024-05-19");
    assert_eq!(column(&handover, "name"), ["Mohammad Mokhber"]);
    assert_eq!(handover[0]["acting"], true);
    let after = president("2024-07-28");
    assert_eq!(column(&after, "name"), ["Masoud Pezeshkian"]);
}

#[test]
fn an_organization_is_not_matched_before_its_founding() {
    let text = "MATCH (o:organization {id: 'SCO'}) RETURN o.name AS name";
    let out = q(text, &[]).on("2001-06-14").run();
    assert_eq!(out.code, 1, "nothing matched: {}", out.stdout);
    assert!(
        out.stdout
            .contains("no rows: nothing matched as of 2001-06-14"),
        "{}",
        out.stdout
    );
    let founded = q(text, &[]).on("2001-06-15").json();
    assert_eq!(
        column(&founded, "name"),
        ["Shanghai Cooperation Organisation"]
    );
}

#[test]
fn a_state_is_matched_only_within_its_statehood() {
    let states = |when: &[&str]| {
        let mut args = vec![];
        args.extend(when);
        sorted(column(
            &q("MATCH (c:country) RETURN c.id AS id", &args)
                .graph(fixture("statehood.ron"))
                .json(),
            "id",
        ))
    };
    // Germany between its spells (1945-05-09 to 1955-05-05), the GDR not yet.
    assert_eq!(states(&["--as-of", "1950-01-01"]), ["FRA", "GBR", "USA"]);
    assert_eq!(
        states(&["--as-of", "1960-01-01"]),
        ["DDR", "DEU", "FRA", "GBR", "USA"]
    );
    assert_eq!(states(&["--all-time"]), ["DDR", "DEU", "FRA", "GBR", "USA"]);
    // No relation of a state outside its statehood is walked either.
    let members = q(
        "MATCH (c:country)-[:member]->(:organization {id: 'UN'}) RETURN c.id AS id",
        &["--as-of", "1990-10-03"],
    )
    .graph(fixture("statehood.ron"))
    .json();
    assert!(!column(&members, "id").contains(&"DDR".to_string()));
}

// ----- the README's analyst questions, as facts -----

#[test]
fn sco_members_in_a_dispute_with_another_member_are_india_and_pakistan() {
    let value = q(
        "MATCH (a:country)-[:member]->(:organization {id: 'SCO'})<-[:member]-(b:country), (a)-[d:dispute]-(b) RETURN a.name AS state, b.name AS other, d.over AS over, d.since AS since ORDER BY state",
        &[],
    )
    .on("2024-07-04")
    .json();
    assert_eq!(column(&value, "state"), ["India", "Pakistan"]);
    assert_eq!(column(&value, "other"), ["Pakistan", "India"]);
    assert_eq!(column(&value, "over"), ["kashmir", "kashmir"]);
    assert_eq!(column(&value, "since"), ["1947-10", "1947-10"]);
}

#[test]
fn the_leaders_of_the_members_on_the_summits_first_day() {
    let value = q(
        "MATCH (c:country)-[:member]->(:organization {id: 'SCO'}), (p:person)-[l:leads]->(c) RETURN c.name AS member, p.name AS leader, l.acting AS acting ORDER BY member AS OF date('2024-07-03')",
        &[],
    )
    .json();
    let members = column(&value, "member");
    assert!(
        !members.contains(&"Belarus".to_string()),
        "Belarus joined on the 4th"
    );
    let led = |state: &str| -> Vec<(String, bool)> {
        rows(&value)
            .iter()
            .filter(|r| r["member"] == state)
            .map(|r| {
                (
                    r["leader"].as_str().unwrap().to_string(),
                    r["acting"] == true,
                )
            })
            .collect()
    };
    assert!(led("Iran").contains(&("Mohammad Mokhber".to_string(), true)));
    assert!(led("Kazakhstan").contains(&("Kassym-Jomart Tokayev".to_string(), false)));
    assert!(led("China").contains(&("Xi Jinping".to_string(), false)));
}

#[test]
fn states_at_astana_that_were_neither_members_nor_observers() {
    let value = q(
        "MATCH (p:person)-[:attends]->(:event)-[:part_of*0..1]->(:event {id: 'sco-2024-astana'}), (p)-[:leads|serves]->(c:country) WHERE NOT (c)-[:member|observer]->(:organization {id: 'SCO'}) RETURN DISTINCT c.name AS state ORDER BY state",
        &[],
    )
    .on("2024-07-04")
    .json();
    let states = column(&value, "state");
    for guest in ["Azerbaijan", "Qatar", "Turkey"] {
        assert!(states.contains(&guest.to_string()), "{guest} in {states:?}");
    }
    for insider in ["Belarus", "Mongolia", "Kazakhstan", "India"] {
        assert!(
            !states.contains(&insider.to_string()),
            "{insider} in {states:?}"
        );
    }
}

#[test]
fn who_sanctions_russia() {
    let value = q(
        "MATCH (s)-[r:sanctions]->(:country {name: 'Russia'}) RETURN s.id AS who, r.since AS since ORDER BY who",
        &[],
    )
    .on("2024-07-04")
    .json();
    assert_eq!(column(&value, "who"), ["EU", "USA"]);
    assert_eq!(column(&value, "since"), ["2014-03-17", "2014-03-17"]);
}

#[test]
fn a_state_backing_a_state_at_war() {
    let text = "MATCH (a)-[:supports]->(b)-[w:conflict]-(c) RETURN a.id AS backer, b.id AS backs, c.id AS enemy, w.since AS since";
    let value = q(text, &[]).on("2024-07-04").json();
    assert_eq!(column(&value, "backer"), ["CHN"]);
    assert_eq!(column(&value, "enemy"), ["UKR"]);
    assert_eq!(column(&value, "since"), ["2022-02-24"]);
    // Before the full-scale invasion China's support is not recorded.
    let out = q(text, &[]).on("2021-01-01").run();
    assert_eq!(out.code, 1);
}

// ----- clauses -----

#[test]
fn optional_match_keeps_the_row_with_nulls_said_as_not_recorded() {
    let text = "MATCH (c:country)-[:member]->(:organization {id: 'SCO'}) OPTIONAL MATCH (c)-[s:stance]->(:issue {id: 'ukraine-war'}) RETURN c.id AS member, s.position AS position ORDER BY member";
    let value = q(text, &[]).on("2024-07-04").json();
    assert_eq!(rows(&value).len(), 10, "every member, matched or not");
    let position =
        |id: &str| rows(&value).iter().find(|r| r["member"] == id).unwrap()["position"].clone();
    assert_eq!(position("RUS"), "supports");
    assert_eq!(position("IND"), "neutral");
    let unrecorded: Vec<&Value> = rows(&value)
        .iter()
        .filter(|r| r["position"].is_null())
        .collect();
    assert!(!unrecorded.is_empty());
    // count(x) counts the values that are not null; count(*) the rows.
    let counted = q(
        "MATCH (c:country)-[:member]->(:organization {id: 'SCO'}) OPTIONAL MATCH (c)-[s:stance]->(:issue {id: 'ukraine-war'}) RETURN count(*) AS members, count(s) AS stances",
        &[],
    )
    .on("2024-07-04")
    .json();
    assert_eq!(counted[0]["members"], 10);
    assert_eq!(counted[0]["stances"], 10 - unrecorded.len());
    let text_out = q(text, &[]).on("2024-07-04").text();
    assert!(text_out.contains("not recorded"), "{text_out}");
    assert!(!text_out.contains("null"), "{text_out}");
}

#[test]
fn with_groups_and_filters_then_the_next_clause_reads_the_groups() {
    let value = q(
        "MATCH (c:country)-[r:member]->(:organization {id: 'SCO'}) WITH r.since.year AS year, count(*) AS n, collect(c.id) AS ids WHERE n > 1 RETURN year, n, ids ORDER BY year",
        &[],
    )
    .on("2024-07-04")
    .json();
    assert_eq!(column(&value, "year"), ["2001", "2017"]);
    assert_eq!(column(&value, "n"), ["6", "2"]);
    assert_eq!(value[1]["ids"], serde_json::json!(["IND", "PAK"]));
}

#[test]
fn distinct_order_skip_and_limit() {
    let all = q(
        "MATCH (c:country)-[:member|observer|dialogue_partner]->(:organization {id: 'SCO'}) RETURN DISTINCT c.id AS id ORDER BY id DESC",
        &[],
    )
    .on("2024-07-04")
    .json();
    let ids = column(&all, "id");
    let mut expected = ids.clone();
    expected.sort_by(|a, b| b.cmp(a));
    assert_eq!(ids, expected, "descending");
    let page = q(
        "MATCH (c:country)-[:member|observer|dialogue_partner]->(:organization {id: 'SCO'}) RETURN DISTINCT c.id AS id ORDER BY id DESC SKIP 2 LIMIT 3",
        &[],
    )
    .on("2024-07-04")
    .json();
    assert_eq!(column(&page, "id"), ids[2..5].to_vec());
}

#[test]
fn aggregates_count_distinct_min_max_sum_avg() {
    let value = q(
        "MATCH (c:country)-[r:member]->(:organization {id: 'SCO'}) RETURN count(*) AS n, count(DISTINCT r.since.year) AS years, min(r.since) AS first, max(r.since) AS last, sum(1) AS ones, avg(r.since.year) AS mean",
        &[],
    )
    .on("2024-07-04")
    .json();
    let row = &value[0];
    assert_eq!(row["n"], 10);
    // 2001 (six), 2017 (two), 2023 (Iran), 2024 (Belarus).
    assert_eq!(row["years"], 4);
    assert_eq!(row["first"], "2001-06-15");
    assert_eq!(row["last"], "2024-07-04");
    assert_eq!(row["ones"], 10);
    let mean = row["mean"].as_f64().unwrap();
    let expected = (6.0 * 2001.0 + 2.0 * 2017.0 + 2023.0 + 2024.0) / 10.0;
    assert!((mean - expected).abs() < 1e-9, "{mean}");
}

#[test]
fn count_over_no_rows_is_zero_not_nothing() {
    let value = q(
        "MATCH (c:country)-[:member]->(:organization {id: 'SCO'}) RETURN count(*) AS n",
        &[],
    )
    .on("1999-01-01")
    .json();
    assert_eq!(value[0]["n"], 0);
}

#[test]
fn variable_length_hops_and_paths() {
    // Two hops through the SCO: every other member, each once.
    let value = q(
        "MATCH p = (:country {id: 'IND'})-[:member*2]-(other:country) RETURN other.id AS id, length(p) AS hops ORDER BY id",
        &[],
    )
    .on("2024-07-04")
    .json();
    let ids = column(&value, "id");
    assert!(ids.contains(&"PAK".to_string()) && ids.contains(&"BLR".to_string()));
    assert!(
        !ids.contains(&"IND".to_string()),
        "a relationship is used once per path"
    );
    assert!(column(&value, "hops").iter().all(|h| h == "2"));
}

#[test]
fn shortest_path_walks_only_relations_in_force() {
    let text = "MATCH p = shortestPath((:country {id: 'IRN'})-[*..4]-(:country {id: 'BLR'})) RETURN length(p) AS hops, nodes(p) AS nodes";
    let value = q(text, &[]).on("2024-07-04").json();
    assert_eq!(value[0]["hops"], 2, "both members of the SCO that day");
    let nodes = value[0]["nodes"].as_array().unwrap();
    assert_eq!(nodes[0]["id"], "IRN");
    assert_eq!(nodes[2]["id"], "BLR");
    let all = q(
        "MATCH p = allShortestPaths((:country {id: 'IRN'})-[*..4]-(:country {id: 'BLR'})) RETURN count(*) AS paths",
        &[],
    )
    .on("2024-07-04")
    .json();
    assert!(all[0]["paths"].as_i64().unwrap() >= 1);
}

#[test]
fn where_operators() {
    let ids = |condition: &str| {
        let text = format!(
            "MATCH (c:country)-[:member]->(:organization {{id: 'SCO'}}) WHERE {condition} RETURN c.id AS id ORDER BY id"
        );
        let out = q(&text, &["--format", "json"]).on("2024-07-04").run();
        assert!(
            out.code == 0 || out.code == 1,
            "{condition}: {}",
            out.stderr
        );
        column(&serde_json::from_str(&out.stdout).unwrap(), "id")
    };
    assert_eq!(ids("c.id IN ['IND', 'PAK', 'USA']"), ["IND", "PAK"]);
    assert_eq!(ids("c.name STARTS WITH 'K'"), ["KAZ", "KGZ"]);
    assert_eq!(
        ids("c.name ENDS WITH 'stan' AND c.name CONTAINS 'z'"),
        ["KAZ", "KGZ", "UZB"]
    );
    assert_eq!(ids("c.id = 'IND' XOR c.id = 'PAK'"), ["IND", "PAK"]);
    assert_eq!(ids("NOT c.id <> 'CHN'"), ["CHN"]);
    assert_eq!(ids("c.id = 'ZZZ'"), Vec::<String>::new());
    assert_eq!(ids("toLower(c.name) = 'iran'"), ["IRN"]);
    assert_eq!(ids("size(c.name) = 5"), ["CHN", "IND"]);
    assert_eq!(ids("c.cow IS NULL OR c.cow > 0"), ids("true"));
}

#[test]
fn pattern_predicates_and_exists() {
    let value = q(
        "MATCH (c:country)-[:member]->(:organization {id: 'SCO'}) WHERE exists((c)-[:stance {position: 'supports'}]->(:issue)) RETURN c.id AS id ORDER BY id",
        &[],
    )
    .on("2024-07-04")
    .json();
    assert_eq!(column(&value, "id"), ["BLR", "RUS"]);
}

#[test]
fn parameters_from_the_command_line() {
    let value = q(
        "MATCH (c:country)-[:member]->(:organization {id: $org}) WHERE c.id IN $ids RETURN c.id AS id ORDER BY id",
        &["--param", "org=SCO", "--param", r#"ids=["IND","PAK","USA"]"#],
    )
    .on("2024-07-04")
    .json();
    assert_eq!(column(&value, "id"), ["IND", "PAK"]);
}

#[test]
fn the_query_from_a_file_or_stdin() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("q.cypher");
    std::fs::write(&file, format!("// SCO members\n{SCO_MEMBERS}\n")).unwrap();
    let from_file = dg(["query", "--file", file.to_str().unwrap()])
        .on("2024-07-04")
        .json();
    assert_eq!(from_file[0]["members"], 10);
    let mut cmd = assert_cmd::Command::cargo_bin("diplograph").unwrap();
    let out = cmd
        .args(["--graph", crate::support::repo_graph().to_str().unwrap()])
        .args(["query", "--as-of", "2024-07-04", "--format", "json", "-"])
        .write_stdin(SCO_MEMBERS)
        .output()
        .unwrap();
    let from_stdin: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(from_stdin[0]["members"], 10);
}

// ----- output -----

#[test]
fn text_json_and_csv_name_the_columns_alike() {
    let text = "MATCH (c:country {id: 'IND'})-[r:member]->(o:organization {id: 'SCO'}) RETURN c, o.name, r.since AS joined";
    let table = q(text, &[]).on("2024-07-04").text();
    let mut lines = table.lines();
    let header = lines.next().unwrap();
    assert!(
        header.starts_with("c ") && header.contains("o.name") && header.ends_with("joined"),
        "{header}"
    );
    let row = lines.next().unwrap();
    assert!(row.starts_with("India (IND)"), "{row}");
    assert!(table.contains("1 row as of 2024-07-04"), "{table}");
    let json = q(text, &[]).on("2024-07-04").json();
    assert_eq!(json[0]["c"]["id"], "IND");
    assert_eq!(json[0]["c"]["kind"], "country");
    assert_eq!(json[0]["o.name"], "Shanghai Cooperation Organisation");
    assert_eq!(json[0]["joined"], "2017-06-09");
    let csv = q(text, &["--format", "csv"]).on("2024-07-04").text();
    let records = csv_records(csv.as_bytes());
    assert_eq!(records.len(), 1);
    assert_eq!(records[0]["c"], "IND");
    assert_eq!(records[0]["joined"], "2017-06-09");
    assert!(csv.starts_with("c,o.name,joined\n"), "{csv}");
}

#[test]
fn explain_starts_from_the_most_selective_node() {
    let plan = q(
        "MATCH (a:country)-[:member]->(o:organization {id: 'SCO'}) RETURN a.name",
        &["--explain"],
    )
    .on("2024-07-04")
    .text();
    assert!(
        plan.contains(
            "start at (o:organization {id: 'SCO'}) (looked up by id in the name index: 1 entity)"
        ),
        "{plan}"
    );
    assert!(plan.contains("walked backwards"), "{plan}");
    // Each condition is tested where its variables are first bound.
    let plan = q(
        "MATCH (a:country)-[:member]->(o) WHERE a.name = 'India' AND o.founded < date('2002') RETURN o.id",
        &["--explain"],
    )
    .text();
    assert!(
        plan.contains(
            "start at (a:country) (looked up by name or alias in the name index: 1 entity)"
        ),
        "{plan}"
    );
    assert!(
        plan.contains("WHERE a.name = 'India': tested at step 1's start"),
        "{plan}"
    );
    assert!(
        plan.contains("WHERE o.founded < date('2002'): tested in step 1 once (o) is reached"),
        "{plan}"
    );
}

// ----- errors -----

#[test]
fn a_syntax_error_points_at_its_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("bad.cypher");
    std::fs::write(&file, "MATCH (c:country)\nRETURN c.name AS").unwrap();
    let err = dg(["query", "--file", file.to_str().unwrap()]).fails_with(2);
    assert!(err.contains("bad.cypher:2:"), "{err}");
}

#[test]
fn unknown_names_get_did_you_mean() {
    for (text, typed, meant) in [
        ("MATCH (c:contry) RETURN c", "contry", "country"),
        ("MATCH (c)-[:membr]->(o) RETURN c", "membr", "member"),
        ("MATCH (c:country) RETURN c.nmae", "nmae", "name"),
        (
            "MATCH (c:country) RETURN toLowr(c.name)",
            "toLowr",
            "tolower",
        ),
    ] {
        let err = q(text, &[]).fails_with(2);
        assert!(err.contains(typed), "{text}: {err}");
        assert!(
            err.contains(&format!("did you mean `{meant}`")),
            "{text}: {err}"
        );
        assert!(err.contains("query:1:"), "{text}: {err}");
    }
    let err = q("MATCH (c:country) RETURN d.name", &[]).fails_with(2);
    assert!(err.contains("no variable `d` is bound here"), "{err}");
    assert!(err.contains("the variables here are: c"), "{err}");
    let err = q("MATCH (c {id: $who}) RETURN c", &[]).fails_with(2);
    assert!(err.contains("--param who="), "{err}");
}

#[test]
fn writing_clauses_are_not_supported() {
    for text in [
        "CREATE (c:country {id: 'ZZA'}) RETURN c",
        "MERGE (c:country {id: 'ZZA'}) RETURN c",
        "MATCH (c:country {id: 'IND'}) SET c.name = 'x' RETURN c",
        "MATCH (c:country {id: 'IND'}) DETACH DELETE c",
    ] {
        let err = q(text, &[]).fails_with(2);
        assert!(err.contains("not supported: read-only"), "{text}: {err}");
    }
}

#[test]
fn a_name_that_finds_nothing_is_a_note_with_look_alikes() {
    let out = q("MATCH (c:country {name: 'Rusia'}) RETURN c.id", &[])
        .on("2024-07-04")
        .run();
    assert_eq!(out.code, 1);
    assert!(
        out.stderr
            .contains("no entity has the name `Rusia`: did you mean Russia (RUS)?"),
        "{}",
        out.stderr
    );
    // The CLI's spellings and aliases find the entity.
    let value = q("MATCH (p:person {name: 'Mokhbar'}) RETURN p.id AS id", &[])
        .on("2024-07-04")
        .json();
    assert_eq!(column(&value, "id"), ["mohammad-mokhber"]);
}

// ----- limits -----

#[test]
fn max_rows_stops_a_query_and_says_so() {
    let err = q("MATCH (a), (b) RETURN a.id, b.id", &["--max-rows", "50"]).fails_with(6);
    assert!(err.contains("--max-rows 50"), "{err}");
}

#[test]
fn timeout_stops_a_query_that_would_not_end_soon() {
    // 70^6 rows counted as they stream (none is held): only the clock
    // can stop it.
    let err = q(
        "MATCH (a), (b), (c), (d), (e), (f) RETURN count(*)",
        &["--timeout", "0.3"],
    )
    .fails_with(6);
    assert!(err.contains("stopped by --timeout 0.3s"), "{err}");
}

// ----- patterns, one construct at a time -----

/// The first column of every row of `text` as of the summit's second day.
fn first_column(text: &str) -> Vec<String> {
    let out = q(text, &["--format", "csv"]).on("2024-07-04").run();
    assert!(out.code == 0 || out.code == 1, "{text}: {}", out.stderr);
    csv_records(out.stdout.as_bytes())
        .into_iter()
        .map(|r| {
            let mut cells: Vec<(String, String)> = r.into_iter().collect();
            cells.sort();
            cells.remove(0).1
        })
        .collect()
}

#[test]
fn directions_and_their_short_forms() {
    // member points from the state to the organization.
    assert!(
        first_column("MATCH (o:organization {id: 'SCO'})-[:member]->(c) RETURN c.id AS a")
            .is_empty()
    );
    assert_eq!(
        first_column(
            "MATCH (o:organization {id: 'SCO'})<-[:member]-(c {id: 'IND'}) RETURN c.id AS a"
        ),
        ["IND"]
    );
    assert_eq!(
        first_column("MATCH (o:organization {id: 'SCO'})<--(c {id: 'IND'}) RETURN c.id AS a"),
        ["IND"]
    );
    assert_eq!(
        first_column("MATCH (c {id: 'IND'})-->(o:organization {id: 'SCO'}) RETURN o.id AS a"),
        ["SCO"]
    );
    assert_eq!(
        first_column("MATCH (c {id: 'IND'})--(o:organization {id: 'SCO'}) RETURN o.id AS a"),
        ["SCO"]
    );
    // A symmetric kind matches written either way, even with an arrow.
    assert_eq!(
        first_column("MATCH (:country {id: 'PAK'})-[:dispute]->(b) RETURN b.id AS a"),
        ["IND"]
    );
    assert_eq!(
        first_column("MATCH (:country {id: 'IND'})<-[:dispute]-(b) RETURN b.id AS a"),
        ["PAK"]
    );
}

#[test]
fn labels_all_and_any() {
    assert_eq!(
        first_column("MATCH (x:country|organization {name: 'European Union'}) RETURN x.id AS a"),
        ["EU"]
    );
    assert!(first_column("MATCH (x:country:organization) RETURN x.id AS a").is_empty());
    assert_eq!(
        first_column("MATCH (x:issue) RETURN x.id AS a ORDER BY a"),
        ["kashmir", "ukraine-war"]
    );
}

#[test]
fn relationship_property_maps_and_zero_length_hops() {
    assert_eq!(
        first_column(
            "MATCH (c:country)-[:stance {position: 'supports'}]->(:issue) RETURN c.id AS a ORDER BY a"
        ),
        ["BLR", "RUS"]
    );
    // `*0..1`: the event itself, and the one it is part of.
    assert_eq!(
        first_column(
            "MATCH (:event {id: 'sco-2024-plus'})-[:part_of*0..1]->(x) RETURN x.id AS a ORDER BY a"
        ),
        ["sco-2024-astana", "sco-2024-plus"]
    );
}

#[test]
fn star_projections_and_ordering_by_what_is_not_returned() {
    let value = q(
        "MATCH (c:country {id: 'IND'})-[r:member]->(o:organization {id: 'SCO'}) RETURN *",
        &[],
    )
    .on("2024-07-04")
    .json();
    let keys: Vec<&String> = value[0].as_object().unwrap().keys().collect();
    assert_eq!(keys, ["c", "r", "o"]);
    assert_eq!(value[0]["r"]["since"], "2017-06-09");
    // The newest members first, by a date not in the result.
    assert_eq!(
        first_column(
            "MATCH (c:country)-[r:member]->(:organization {id: 'SCO'}) RETURN c.id AS a ORDER BY r.since DESC, a LIMIT 3"
        ),
        ["BLR", "IRN", "IND"]
    );
    // ORDER BY an aggregate written as in RETURN.
    assert_eq!(
        first_column(
            "MATCH (c:country)-[r:member|observer]->(:organization {id: 'SCO'}) RETURN type(r) AS a, count(*) ORDER BY count(*) DESC"
        ),
        ["member", "observer"]
    );
}

#[test]
fn wrong_types_and_cypher_outside_the_subset_are_errors_at_their_place() {
    for (text, words) in [
        (
            "MATCH (c:country) RETURN c.id SKIP 'a'",
            "SKIP takes a whole number",
        ),
        (
            "MATCH (c:country {id: 'IND'}) RETURN toLower(5)",
            "toLower() takes a string",
        ),
        (
            "MATCH (c:country {id: 'IND'}) RETURN 1 / 0",
            "division by zero",
        ),
        ("MATCH (c:country) RETURN c AS OF 'soon'", "not a date"),
        ("UNWIND [1, 2] AS x RETURN x", "not supported: UNWIND"),
        (
            "MATCH (c:country) WHERE count(*) > 1 RETURN c",
            "belongs in RETURN or WITH",
        ),
        ("MATCH p = (c)-[*]-(d) RETURN p.name", "has no properties"),
        (
            "MATCH (a {id: 'IRN'}), (b {id: 'BLR'}) RETURN shortestPath((a)-[*]-(b))",
            "not supported: shortestPath as a value",
        ),
    ] {
        let err = q(text, &[]).fails_with(2);
        assert!(err.contains(words), "{text}: {err}");
        assert!(err.contains("query:1:"), "{text}: {err}");
    }
}
