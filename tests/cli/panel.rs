//! `panel dyad-year` and `panel state-year`: one row per pair of states
//! (per state) existing in each year, as CSV or JSON, with the relations
//! the database records in force that year.

use std::collections::BTreeMap;

use serde_json::Value;

use crate::support::{dg, ids};

const STATEHOOD: &str = "tests/fixtures/statehood.ron";

/// The rows of a CSV panel as maps from header to value.
fn csv_rows(text: &str) -> Vec<BTreeMap<String, String>> {
    crate::support::csv_records(text.as_bytes())
        .into_iter()
        .map(|r| r.into_iter().collect())
        .collect()
}

/// A JSON panel's rows as the CSV writes them (null empty, lists `;`).
fn json_rows(value: &Value) -> Vec<BTreeMap<String, String>> {
    value
        .as_array()
        .unwrap()
        .iter()
        .map(|row| {
            row.as_object()
                .unwrap()
                .iter()
                .map(|(k, v)| {
                    let text = match v {
                        Value::Null => String::new(),
                        Value::String(s) => s.clone(),
                        Value::Array(items) => items
                            .iter()
                            .map(|i| i.as_str().unwrap().to_string())
                            .collect::<Vec<_>>()
                            .join(";"),
                        other => other.to_string(),
                    };
                    (k.clone(), text)
                })
                .collect()
        })
        .collect()
}

/// The panel's rows for `year`.
fn of_year(rows: &[BTreeMap<String, String>], year: u16) -> Vec<&BTreeMap<String, String>> {
    rows.iter()
        .filter(|r| r["year"] == year.to_string())
        .collect()
}

/// The row of the pair (`a`, `b`) in `year`, in either order.
fn pair<'r>(
    rows: &'r [BTreeMap<String, String>],
    year: u16,
    a: &str,
    b: &str,
) -> &'r BTreeMap<String, String> {
    rows.iter()
        .find(|r| {
            r["year"] == year.to_string()
                && ((r["a"] == a && r["b"] == b) || (r["a"] == b && r["b"] == a))
        })
        .unwrap_or_else(|| panic!("no row {a}–{b} in {year}"))
}

/// The states `list` gives on `day`, in file order.
fn states_on(graph: &str, day: &str) -> Vec<String> {
    ids(&dg(["list", "--kind", "country"])
        .graph(graph)
        .on(day)
        .json())
}

#[test]
fn a_dyad_year_panel_holds_each_pair_of_the_years_states_once_or_twice_directed() {
    let graph = crate::support::repo_graph();
    let graph = graph.to_str().unwrap();
    for (rule, day) in [("first", "01-01"), ("last", "12-31")] {
        let text = dg([
            "panel",
            "dyad-year",
            "--from",
            "2000",
            "--to",
            "2024",
            "--rule",
            rule,
        ])
        .text();
        let rows = csv_rows(&text);
        let directed = csv_rows(
            &dg([
                "panel",
                "dyad-year",
                "--from",
                "2000",
                "--to",
                "2024",
                "--rule",
                rule,
                "--directed",
            ])
            .text(),
        );
        let mut total = 0;
        for year in 2000..=2024 {
            let states = states_on(graph, &format!("{year}-{day}"));
            let n = states.len();
            assert!(n > 20, "{year}: {n} states");
            let found = of_year(&rows, year);
            assert_eq!(found.len(), n * (n - 1) / 2, "{year} by {rule}");
            assert_eq!(of_year(&directed, year).len(), n * (n - 1), "{year}");
            // Each pair once, `a` before `b` in file order.
            let at = |id: &str| states.iter().position(|s| s == id).unwrap();
            assert!(found.iter().all(|r| at(&r["a"]) < at(&r["b"])));
            total += found.len();
        }
        assert_eq!(rows.len(), total, "only the years asked for");
    }
}

#[test]
fn known_relations_are_ones_and_json_agrees_with_csv() {
    let args = ["panel", "dyad-year", "--from", "2010", "--to", "2016"];
    let csv = csv_rows(&dg(args).text());
    let json = json_rows(&dg(args).json());
    assert_eq!(csv, json);
    // The Union State treaty of 2000-01-26 (graph.ron).
    assert_eq!(pair(&csv, 2010, "RUS", "BLR")["alliance"], "1");
    assert_eq!(pair(&csv, 2010, "RUS", "BLR")["conflict"], "0");
    // Russia–Ukraine: a conflict from 2014-02-20 on, none before.
    assert_eq!(pair(&csv, 2013, "RUS", "UKR")["conflict"], "0");
    for year in 2014..=2016 {
        assert_eq!(pair(&csv, year, "RUS", "UKR")["conflict"], "1", "{year}");
    }
    // India and Pakistan dispute; China and India do not ally.
    assert_eq!(pair(&csv, 2012, "IND", "PAK")["dispute"], "1");
    assert_eq!(pair(&csv, 2012, "CHN", "IND")["alliance"], "0");
    // The rule: the war of 2022-02-24 is in force on 31 December 2022 and
    // on some day of 2014, and not on 1 January 2014.
    let first = csv_rows(
        &dg([
            "panel",
            "dyad-year",
            "--from",
            "2014",
            "--to",
            "2014",
            "--rule",
            "first",
        ])
        .text(),
    );
    assert_eq!(pair(&first, 2014, "RUS", "UKR")["conflict"], "0");
}

#[test]
fn a_directed_panel_counts_sanctions_from_a_to_b_only() {
    let directed = csv_rows(
        &dg([
            "panel",
            "dyad-year",
            "--from",
            "2024",
            "--to",
            "2024",
            "--directed",
        ])
        .text(),
    );
    let row = |a: &str, b: &str| {
        directed
            .iter()
            .find(|r| r["a"] == a && r["b"] == b)
            .unwrap_or_else(|| panic!("{a}→{b}"))
    };
    // graph.ron: the United States sanctions Russia, not the reverse.
    assert_eq!(row("USA", "RUS")["sanctions"], "1");
    assert_eq!(row("RUS", "USA")["sanctions"], "0");
    // Symmetric kinds hold both ways.
    assert_eq!(row("RUS", "BLR")["alliance"], "1");
    assert_eq!(row("BLR", "RUS")["alliance"], "1");
}

#[test]
fn codes_and_alignment_columns() {
    let rows = csv_rows(
        &dg([
            "panel",
            "dyad-year",
            "--from",
            "2010",
            "--to",
            "2010",
            "--codes",
            "cow",
            "--with-alignment",
        ])
        .text(),
    );
    let rus_blr = pair(&rows, 2010, "RUS", "BLR");
    let (rus, blr) = if rus_blr["a"] == "RUS" {
        ("a_code", "b_code")
    } else {
        ("b_code", "a_code")
    };
    assert_eq!(rus_blr[rus], "365");
    assert_eq!(rus_blr[blr], "370");
    // The panel's S is `align`'s on the same basis and rule.
    let align = dg(["align", "RUS", "BLR", "--from", "2010", "--to", "2010"]).json();
    let s: f64 = rus_blr["s_score"].parse().unwrap();
    let expected = align[0]["s_score"].as_f64().unwrap();
    assert!((s - expected).abs() < 1e-12, "{s} vs {expected}");
    assert!(rus_blr["n"].parse::<usize>().unwrap() > 0);
}

#[test]
fn a_state_year_panel_counts_memberships_by_status_by_the_rule() {
    let row = |rule: &str| {
        let rows = csv_rows(
            &dg([
                "panel",
                "state-year",
                "--from",
                "2024",
                "--to",
                "2024",
                "--rule",
                rule,
            ])
            .text(),
        );
        rows.into_iter().find(|r| r["state"] == "BLR").unwrap()
    };
    // graph.ron: Belarus a UN member since 1945, an SCO observer until it
    // became a member on 2024-07-04.
    let last = row("last");
    assert_eq!((&*last["member"], &*last["observer"]), ("2", "0"));
    let first = row("first");
    assert_eq!((&*first["member"], &*first["observer"]), ("1", "1"));
    let any = row("any");
    assert_eq!((&*any["member"], &*any["observer"]), ("2", "1"));
    assert_eq!(last["alliance"], "1");
    assert_eq!(last["leader"], "alexander-lukashenko");
    // JSON agrees with CSV; a leader not recorded is null, not "none".
    let args = ["panel", "state-year", "--from", "2024", "--to", "2024"];
    let csv = csv_rows(&dg(args).text());
    let json = dg(args).json();
    assert_eq!(csv, json_rows(&json));
    let rows = json.as_array().unwrap();
    assert!(rows.iter().any(|r| r["leader"].is_null()));
    assert!(
        rows.iter()
            .all(|r| !r["leader"].is_array() || !r["leader"].as_array().unwrap().is_empty())
    );
    let usa = rows.iter().find(|r| r["state"] == "USA").unwrap();
    assert_eq!(usa["sanctions_given"], 1);
    let rus = rows.iter().find(|r| r["state"] == "RUS").unwrap();
    assert!(rus["sanctions_received"].as_u64().unwrap() >= 1);
}

#[test]
fn statehood_decides_which_states_a_year_has() {
    let panel = |rule: &str| {
        csv_rows(
            &dg([
                "panel",
                "dyad-year",
                "--from",
                "1953",
                "--to",
                "1956",
                "--rule",
                rule,
            ])
            .graph(STATEHOOD)
            .text(),
        )
    };
    let count = |rows: &[BTreeMap<String, String>], year| of_year(rows, year).len();
    // Germany is no state from 1945-05-09 to 1955-05-05; the GDR is one
    // from 1954-03-25. France, the UK and the US record no statehood.
    let first = panel("first");
    assert_eq!(
        [1953, 1954, 1955, 1956].map(|y| count(&first, y)),
        [3, 3, 6, 10]
    );
    let any = panel("any");
    assert_eq!(
        [1953, 1954, 1955, 1956].map(|y| count(&any, y)),
        [3, 6, 10, 10]
    );
    assert!(
        of_year(&any, 1953)
            .iter()
            .all(|r| r["a"] != "DDR" && r["b"] != "DDR")
    );
    // The same states as `list` on 1 January, pair by pair.
    for year in 1953..=1956 {
        let n = states_on(STATEHOOD, &format!("{year}-01-01")).len();
        assert_eq!(count(&first, year), n * (n - 1) / 2, "{year}");
    }
    // A rivalry from 1955-05-05 between the two Germanies.
    assert_eq!(pair(&any, 1956, "DEU", "DDR")["rivalry"], "1");
    let states = csv_rows(
        &dg([
            "panel",
            "state-year",
            "--from",
            "1954",
            "--to",
            "1954",
            "--rule",
            "first",
        ])
        .graph(STATEHOOD)
        .text(),
    );
    let listed: Vec<&str> = states.iter().map(|r| r["state"].as_str()).collect();
    assert_eq!(listed, ["FRA", "GBR", "USA"]);
}

#[test]
fn text_is_refused_and_a_closed_pipe_ends_quietly() {
    let err = dg([
        "panel",
        "state-year",
        "--from",
        "2024",
        "--to",
        "2024",
        "--format",
        "text",
    ])
    .fails_with(2);
    assert!(err.contains("--format csv"), "{err}");
    let err = dg(["panel", "dyad-year", "--from", "2024", "--to", "2000"]).fails_with(2);
    assert!(err.contains("before --from"), "{err}");
    // `| head -1`: the reader stops after one line; nothing is reported.
    let bin = assert_cmd::cargo::cargo_bin("diplograph");
    let out = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!(
            "'{}' --graph '{}' panel dyad-year --from 1900 --to 2023 --directed | head -1",
            bin.display(),
            crate::support::repo_graph().display()
        ))
        .output()
        .unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 1);
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
}

#[test]
fn a_panel_without_states_is_an_empty_answer() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("late.ron");
    std::fs::write(
        &db,
        r#"(version: 1, checked: "2024-07-04", sources: [(id: "s", title: "S")], entities: [
            country(id: "ZZA", name: "Aland", statehood: [(since: "2000-01-01", source: "s")]),
        ], relations: [])"#,
    )
    .unwrap();
    let args = ["panel", "state-year", "--from", "1990", "--to", "1991"];
    assert_eq!(
        dg(args).graph(&db).json_found_nothing(),
        serde_json::json!([])
    );
    let out = dg(args).graph(&db).run();
    assert_eq!(out.code, 1);
    assert_eq!(
        out.stdout.lines().next().unwrap().split(',').next(),
        Some("year")
    );
    assert_eq!(out.stdout.lines().count(), 1, "the header alone");
    assert!(out.stderr.contains("no state existed"), "{}", out.stderr);
    let rows = csv_rows(
        &dg(["panel", "state-year", "--from", "2000", "--to", "2000"])
            .graph(&db)
            .text(),
    );
    assert_eq!(rows.len(), 1);
}

#[test]
fn the_cow_1990_panel_has_a_row_per_pair_of_cow_states() {
    let Some(peer) = crate::real_data::peer() else {
        return;
    };
    let states = crate::real_data::rows(&peer.join(crate::real_data::STATES));
    let db = crate::real_data::cow();
    for (rule, day) in [
        ("first", 1990 * 10_000 + 101),
        ("last", 1990 * 10_000 + 1231),
    ] {
        let n = states
            .iter()
            .filter(|r| {
                let at = |y: &str, m: &str, d: &str| -> u32 {
                    r[y].parse::<u32>().unwrap() * 10_000
                        + r[m].parse::<u32>().unwrap() * 100
                        + r[d].parse::<u32>().unwrap()
                };
                at("styear", "stmonth", "stday") <= day
                    && day <= at("endyear", "endmonth", "endday")
            })
            .count();
        let text = dg([
            "panel",
            "dyad-year",
            "--from",
            "1990",
            "--to",
            "1990",
            "--rule",
            rule,
        ])
        .graph(db)
        .text();
        assert_eq!(
            text.lines().count() - 1,
            n * (n - 1) / 2,
            "1990 by {rule}: {n} states"
        );
    }
}

#[test]
fn output_goes_to_a_file_and_undefined_measures_are_null() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("states.csv");
    let args = ["panel", "state-year", "--from", "2020", "--to", "2024"];
    let printed = dg(args).text();
    let mut to_file: Vec<&str> = args.to_vec();
    to_file.extend(["--output", file.to_str().unwrap()]);
    assert_eq!(dg(&to_file).text(), "", "nothing on stdout");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), printed);
    // A panel past the day the facts were checked (graph.ron: 2024-07-28)
    // says so on stderr, as a series does; stdout is the table alone.
    let late = dg(["panel", "state-year", "--from", "2025", "--to", "2025"]).run();
    assert_eq!(late.code, 0);
    assert!(
        late.stderr.contains("last checked up to 2024-07-28"),
        "{}",
        late.stderr
    );
    assert!(late.stdout.starts_with("year,state,"));
    // The votes basis of 2024: a pair sharing no roll call has no measure,
    // written null (and the JSON still parses).
    let json = dg([
        "panel",
        "dyad-year",
        "--from",
        "2024",
        "--to",
        "2024",
        "--with-alignment",
        "--basis",
        "votes",
    ])
    .json();
    let rows = json.as_array().unwrap();
    assert!(rows.iter().all(|r| r["n"].is_u64()));
    assert!(rows.iter().any(|r| r["s_score"].is_null()));
    for r in rows {
        assert_eq!(r["s_score"].is_null(), r["n"] == 0, "{r}");
    }
}
