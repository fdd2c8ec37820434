//! Statehood: where a country's spells are recorded, a state that does not
//! exist on the day asked about is not a node of the graph that day, and
//! its relations are not edges — `list`, `show`, `neighbors`, `clusters`,
//! `balance` and the rest see only the states of that day.

use serde_json::json;

use crate::support::{dg, ids};

const FIXTURE: &str = "tests/fixtures/statehood.ron";
const OUTSIDE: &str = "tests/fixtures/statehood_outside.ron";

fn run(args: &[&str], date: &str) -> String {
    dg(args).graph(FIXTURE).on(date).text()
}

#[test]
fn list_leaves_out_the_states_not_existing_that_day() {
    assert_eq!(
        run(&["list", "--kind", "country"], "1950-01-01"),
        "\
ID   KIND     NAME            ALIASES
FRA  country  France
GBR  country  United Kingdom
USA  country  United States
"
    );
    assert_eq!(
        run(&["list", "--kind", "country"], "1960-01-01"),
        "\
ID   KIND     NAME                        ALIASES
DEU  country  Germany                     West Germany
DDR  country  German Democratic Republic  East Germany
FRA  country  France
GBR  country  United Kingdom
USA  country  United States
"
    );
    // Today (the default): the GDR is gone; for all time, every state.
    let today = dg(["list", "--kind", "country"]).graph(FIXTURE).json();
    assert_eq!(ids(&today), ["DEU", "FRA", "GBR", "USA"]);
    let ever = dg(["list", "--kind", "country", "--all-time"])
        .graph(FIXTURE)
        .json();
    assert_eq!(ids(&ever), ["DEU", "DDR", "FRA", "GBR", "USA"]);
    // Half-open spells: the since day is a day of statehood, the until day is not.
    let on = |date| {
        ids(&dg(["list", "--kind", "country"])
            .graph(FIXTURE)
            .on(date)
            .json())
    };
    assert!(on("1945-05-08").contains(&"DEU".to_string()));
    assert!(!on("1945-05-09").contains(&"DEU".to_string()));
    assert!(on("1955-05-05").contains(&"DEU".to_string()));
    assert!(on("1990-10-02").contains(&"DDR".to_string()));
    assert!(!on("1990-10-03").contains(&"DDR".to_string()));
    // Organizations are listed whatever the day.
    let orgs = dg(["list", "--kind", "organization"])
        .graph(FIXTURE)
        .on("1950-01-01")
        .json();
    assert_eq!(ids(&orgs), ["NATO", "UN"]);
}

#[test]
fn show_says_a_state_did_not_exist_that_day() {
    assert_eq!(
        run(&["show", "DEU"], "1950-01-01"),
        "\
Germany (DEU) — country
  also called: West Germany
  not a state on 1950-01-01 (a state 1816-01-01 to 1945-05-08 and from 1955-05-05)
No relations in force as of 1950-01-01 (5 recorded at other times).
"
    );
    assert_eq!(
        run(&["show", "DEU"], "1960-01-01"),
        "\
Germany (DEU) — country
  also called: West Germany
  statehood: 1816-01-01 to 1945-05-08 and from 1955-05-05
3 relations as of 1960-01-01:
  → member              North Atlantic Treaty Organization (NATO)    since 1955-05-09         [nato]
  — alliance (defense)  France (FRA)                                 since 1955-05-09         [nato]
  — rivalry             German Democratic Republic (DDR)             1955-05-05 – 1972-12-21
"
    );
    assert!(
        run(&["show", "FRA"], "1960-01-01").contains("\n  statehood: not recorded\n"),
        "a state without spells says so"
    );
    let deu = dg(["show", "DEU"]).graph(FIXTURE).on("1950-01-01").json();
    assert_eq!(deu["exists"], json!(false));
    assert_eq!(
        deu["statehood"],
        json!([
            {"since": "1816-01-01", "until": "1945-05-09", "source": "cow-states"},
            {"since": "1955-05-05", "until": null, "source": "cow-states"},
        ])
    );
    assert_eq!(deu["relations"], json!([]));
    let ddr = dg(["show", "DDR"]).graph(FIXTURE).on("1960-01-01").json();
    assert_eq!(ddr["exists"], json!(true));
    let fra = dg(["show", "FRA"]).graph(FIXTURE).on("1950-01-01").json();
    assert_eq!(fra["statehood"], json!([]));
    assert_eq!(fra["exists"], json!(true));
    let nato = dg(["show", "NATO"]).graph(FIXTURE).on("1950-01-01").json();
    assert_eq!(nato["statehood"], json!(null));
}

#[test]
fn neighbors_see_only_the_states_of_the_day() {
    assert_eq!(
        run(&["neighbors", "FRA"], "1950-01-01"),
        "\
France (FRA): 2 neighbours as of 1950-01-01
  North Atlantic Treaty Organization (NATO)  organization  → member    since 1949-08-24  [nato]
  United Nations (UN)                        organization  → member    since 1945-10-24  [un]
"
    );
    assert_eq!(
        run(&["neighbors", "FRA"], "1960-01-01"),
        "\
France (FRA): 3 neighbours as of 1960-01-01
  Germany (DEU)                              country       — alliance (defense)    since 1955-05-09  [nato]
  North Atlantic Treaty Organization (NATO)  organization  → member                since 1949-08-24  [nato]
  United Nations (UN)                        organization  → member                since 1945-10-24  [un]
"
    );
    // During the war, Germany was a state and at war with France.
    let war = run(&["neighbors", "FRA"], "1944-06-06");
    assert!(war.contains("Germany (DEU)"), "{war}");
    assert!(war.contains("conflict"), "{war}");
}

#[test]
fn clusters_see_only_the_states_of_the_day() {
    assert_eq!(
        run(&["clusters"], "1950-01-01"),
        "\
Louvain communities as of 1950-01-01 over all relations: 1 community, modularity Q = 0.000
   1. (5) France, United Kingdom, United States, North Atlantic Treaty Organization, United Nations
"
    );
    assert_eq!(
        run(&["clusters"], "1960-01-01"),
        "\
Louvain communities as of 1960-01-01 over all relations: 2 communities, modularity Q = 0.142
   1. (4) United Kingdom, United States, North Atlantic Treaty Organization, United Nations
   2. (3) Germany, German Democratic Republic, France
"
    );
    // Components with no --via keep every node of the view: not Germany in 1950.
    let parts = run(&["clusters", "--method", "components"], "1950-01-01");
    assert!(!parts.contains("Germany"), "{parts}");
}

#[test]
fn balance_sees_only_the_states_of_the_day() {
    assert_eq!(
        run(&["balance"], "1950-01-01"),
        "\
Structural balance (strict) as of 1950-01-01: 3 states, 3 signed ties
  triangles: 1, balanced: 1, unbalanced: 0, triangle index: 1.000
  by signs: +++ 1, ++− 0, +−− 0, −−− 0
  frustration index: 0 (exact)
"
    );
    assert_eq!(
        run(&["balance"], "1960-01-01"),
        "\
Structural balance (strict) as of 1960-01-01: 5 states, 7 signed ties
  triangles: 4, balanced: 4, unbalanced: 0, triangle index: 1.000
  by signs: +++ 4, ++− 0, +−− 0, −−− 0
  frustration index: 0 (exact)
"
    );
}

#[test]
fn other_analyses_and_exports_leave_out_absent_states() {
    let report = run(&["report"], "1950-01-01");
    assert!(!report.contains("Germany"), "{report}");
    assert!(
        report.contains("  not recorded for: France, United Kingdom, United States\n"),
        "{report}"
    );
    let central = run(&["central"], "1950-01-01");
    assert!(!central.contains("Germany"), "{central}");
    let align = run(&["align", "FRA", "--top", "5"], "1950-01-01");
    assert!(!align.contains("Germany"), "{align}");
    let members = dg(["members", "NATO"])
        .graph(FIXTURE)
        .on("1960-01-01")
        .json();
    assert_eq!(ids(&members), ["FRA", "DEU", "GBR", "USA"]);
    let before = dg(["members", "NATO"])
        .graph(FIXTURE)
        .on("1955-05-08")
        .json();
    assert_eq!(ids(&before), ["FRA", "GBR", "USA"]);
    let out = dg(["path", "FRA", "DEU"])
        .graph(FIXTURE)
        .on("1950-01-01")
        .run();
    assert_eq!(out.code, 1, "{}", out.stderr);
    // Exports: a state not existing that day is no node; statehood is one attribute.
    let export = |date: &str| {
        let text = dg(["export", "json"]).graph(FIXTURE).on(date).text();
        serde_json::from_str::<serde_json::Value>(&text).unwrap()
    };
    assert_eq!(
        ids(&export("1950-01-01")["nodes"]),
        ["FRA", "GBR", "USA", "NATO", "UN"]
    );
    let later = export("1960-01-01");
    assert_eq!(later["nodes"][0]["id"], json!("DEU"));
    assert_eq!(
        later["nodes"][0]["statehood"],
        json!("1816-01-01/1945-05-09;1955-05-05/")
    );
    assert_eq!(
        later["nodes"][1]["statehood"],
        json!("1954-03-25/1990-10-03")
    );
    assert_eq!(later["nodes"][2]["statehood"], json!(null));
    let graphml = dg(["export", "graphml", "--all-time"])
        .graph(FIXTURE)
        .text();
    assert!(
        graphml.contains(r#"<data key="n_statehood">1954-03-25/1990-10-03</data>"#),
        "{graphml}"
    );
}

#[test]
fn check_warns_of_a_relation_outside_a_statehood_and_strict_refuses() {
    let clean = dg(["check", "--strict"]).graph(FIXTURE).text();
    assert!(clean.contains(": ok — 7 entities"), "{clean}");
    let out = dg(["check"]).graph(OUTSIDE).text();
    assert_eq!(
        out,
        "\
tests/fixtures/statehood_outside.ron: ok — 4 entities (1 country, 3 organizations), 3 relations (member 3), 0 sources; facts checked up to 2024-07-04
warning: tests/fixtures/statehood_outside.ron:17:9: member German Democratic Republic (DDR) → Council for Mutual Economic Assistance (CMEA) (1950-09-29 – 1990) holds on days German Democratic Republic (DDR) was not a state (a state 1954-03-25 to 1990-10-02); date it within the statehood, or record the statehood
1 warning (`check --strict` refuses the file until they are fixed)
"
    );
    let json = dg(["check"]).graph(OUTSIDE).json();
    let rules: Vec<&str> = json["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["rule"].as_str().unwrap())
        .collect();
    assert_eq!(rules, ["outside_statehood"]);
    let refused = dg(["check", "--strict"]).graph(OUTSIDE).fails_with(3);
    assert!(
        refused.contains("1 warning refused by --strict"),
        "{refused}"
    );
}
