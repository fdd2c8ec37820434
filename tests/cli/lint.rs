//! `check` warns of what validates but is probably wrong; `--strict` makes
//! the warnings errors (as CI runs it on graph.ron).

use crate::support::{dg, repo_graph};

const FIXTURE: &str = "tests/fixtures/lint/warnings.ron";

#[test]
fn check_warns_with_the_place_of_each_problem_and_exits_0() {
    let text = dg(["check"]).graph(FIXTURE).text();
    let warnings: Vec<&str> = text
        .lines()
        .filter(|l| l.starts_with("warning: "))
        .collect();
    assert_eq!(warnings.len(), 4, "{text}");
    // An entity nobody relates to, at its own line.
    assert!(
        warnings[0].starts_with(&format!(
            "warning: {FIXTURE}:12:9: Nowhere (ZZB) is in no relation"
        )),
        "{text}"
    );
    // The office of President is empty on 2024-05-19 only.
    assert!(
        warnings[1].contains(":19:9: the office of President of Zedland (ZZA) is empty for 1 day"),
        "{text}"
    );
    assert!(warnings[1].contains("until 2024-05-19") && warnings[1].contains("since 2024-05-20"));
    // A 2024 report for a 1996 membership, with no note: late.
    assert!(warnings[2].contains(":20:9: member Zedland (ZZA) → Zed Organization (ZORG) (since 1996-04-26) cites `news-2024`, published 2024-07-04"), "{text}");
    // The same membership starts before the organization was founded.
    assert!(warnings[3].contains(":20:9: member Zedland (ZZA) → Zed Organization (ZORG) starts before Zed Organization (ZORG) was founded (2001-06-15)"), "{text}");
    assert!(
        text.ends_with("4 warnings (`check --strict` refuses the file until they are fixed)\n")
    );
}

#[test]
fn check_json_lists_the_warnings_by_rule() {
    let json = dg(["check"]).graph(FIXTURE).json();
    let rules: Vec<&str> = json["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["rule"].as_str().unwrap())
        .collect();
    assert_eq!(
        rules,
        [
            "unrelated_entity",
            "office_gap",
            "late_source",
            "outside_organization_life"
        ]
    );
    assert_eq!(json["warnings"][1]["at"], format!("{FIXTURE}:19:9"));
}

#[test]
fn strict_check_refuses_a_file_with_warnings() {
    let err = dg(["check", "--strict"]).graph(FIXTURE).fails_with(3);
    assert!(err.contains("4 warnings refused by --strict"), "{err}");
    assert!(err.contains("is empty for 1 day"), "{err}");
}

#[test]
fn a_handover_on_the_same_day_or_a_noted_late_source_is_no_warning() {
    let dir = tempfile::tempdir().unwrap();
    let fixed = std::fs::read_to_string(FIXTURE)
        .unwrap()
        .replace(r#"since: "2024-05-20""#, r#"since: "2024-05-19""#)
        .replace(
            r#"since: "1996-04-26", source: "news-2024")"#,
            r#"since: "2001-06-15", source: "news-2024", note: "the report recalls the founding members")"#,
        )
        .replace(r#"        country(id: "ZZB", name: "Nowhere"),"#, "");
    let path = dir.path().join("fixed.ron");
    std::fs::write(&path, fixed).unwrap();
    let text = dg(["check", "--strict"]).graph(&path).text();
    assert!(!text.contains("warning"), "{text}");
}
#[test]
fn the_bundled_database_passes_the_strict_check() {
    let out = dg(["check", "--strict"]).graph(repo_graph()).run();
    assert_eq!(out.code, 0, "{}", out.stderr);
}
