//! Unknown is not none: what the database does not record is said to be
//! not recorded, never printed as if it did not exist.

use crate::support::dg;

const FIXTURE: &str = "tests/fixtures/unknown.ron";

fn fixture<const N: usize>(args: [&str; N]) -> crate::support::Dg {
    dg(args).graph(FIXTURE)
}

#[test]
fn an_organization_asked_about_before_its_founding_did_not_exist_yet() {
    let out = fixture(["members", "YOUNG"]).on("1996-01-01").run();
    assert_eq!(out.code, 1, "nothing is found: {}", out.stderr);
    assert_eq!(
        out.stdout,
        "Young Pact (YOUNG) was founded on 2001-06-15: it did not exist yet as of 1996-01-01.\n"
    );
    // JSON stays the documented array; the reason goes to stderr.
    let json = fixture(["members", "YOUNG", "--format", "json"])
        .on("1996-01-01")
        .run();
    assert_eq!(json.stdout.trim(), "[]");
    assert!(
        json.stderr.contains("was founded on 2001-06-15"),
        "{}",
        json.stderr
    );
    // The bundled SCO, as the issue asked it.
    let sco = dg(["members", "SCO"]).on("1996").run();
    assert!(
        sco.stdout
            .contains("was founded on 2001-06-15: it did not exist yet"),
        "{}",
        sco.stdout
    );
}

#[test]
fn a_dissolved_organization_no_longer_existed() {
    let out = fixture(["members", "GONE"]).on("1995-01-01").run();
    assert_eq!(out.code, 1);
    assert_eq!(
        out.stdout,
        "Old Pact (GONE) was dissolved on 1991-07-01: it no longer existed as of 1995-01-01.\n"
    );
    let before = fixture(["members", "GONE"]).on("1990-01-01").text();
    assert!(before.contains("1 member"), "{before}");
}

#[test]
fn an_organization_without_memberships_recorded_says_so() {
    let out = fixture(["members", "BLANK"]).on("2024-07-04").run();
    assert_eq!(out.code, 1);
    assert!(
        out.stdout
            .contains("Blank Union (BLANK): no memberships recorded"),
        "{}",
        out.stdout
    );
    assert!(!out.stdout.contains("no members\n"), "{}", out.stdout);
    let eu = dg(["members", "EU"]).on("2024-07-04").run();
    assert!(
        eu.stdout
            .contains("European Union (EU): no memberships recorded"),
        "{}",
        eu.stdout
    );
}

#[test]
fn a_status_with_nobody_then_counts_what_is_recorded_at_other_times() {
    let text = fixture(["members", "YOUNG", "--status", "observer"])
        .on("2010-01-01")
        .run();
    assert_eq!(text.code, 1);
    assert!(
        text.stdout.contains("no memberships recorded"),
        "{}",
        text.stdout
    );
    let out = fixture(["members", "GONE"]).on("1950-01-01").run();
    assert!(
        out.stdout.contains("was founded on 1955-05-14"),
        "{}",
        out.stdout
    );
}

#[test]
fn a_query_past_a_source_s_coverage_says_so_on_stderr_and_json_stays_clean() {
    let out = fixture(["members", "YOUNG", "--format", "json"])
        .on("2024-07-20")
        .run();
    assert_eq!(out.code, 0);
    let _: serde_json::Value = serde_json::from_str(&out.stdout).expect("clean JSON");
    let lines: Vec<&str> = out.stderr.lines().collect();
    assert_eq!(lines.len(), 1, "{}", out.stderr);
    assert!(
        lines[0].starts_with("note: 2024-07-20 is outside what the sources this answer relies on cover (statuses records member statuses from 2001-06-15 until 2024-07-05)"),
        "{}",
        out.stderr
    );
    // Inside the coverage, nothing is said.
    let quiet = fixture(["members", "YOUNG"]).on("2010-01-01").run();
    assert!(quiet.stderr.is_empty(), "{}", quiet.stderr);
    // A question about an entity whose relations cite other sources only
    // is not warned about this one.
    let other = fixture(["show", "ZZC"]).on("2024-07-20").run();
    assert!(other.stderr.is_empty(), "{}", other.stderr);
    // Two states compared rely on their own relations.
    let align = fixture(["align", "ZZA", "ZZB"]).on("2024-07-20").run();
    assert!(
        align.stderr.contains("statuses records member statuses"),
        "{}",
        align.stderr
    );
    // A whole-graph question relies on every source.
    let report = fixture(["report"]).on("2024-07-20").run();
    assert!(
        report.stderr.contains("statuses records member statuses"),
        "{}",
        report.stderr
    );
}

#[test]
fn universal_membership_is_no_tie_however_few_countries_the_database_holds() {
    // Three countries, all members of ALL: no pair is friends through it.
    let balance = fixture(["balance"]).on("2000-01-01").json();
    assert_eq!(
        (balance["ties"].as_u64(), balance["triangles"].as_u64()),
        (Some(0), Some(0)),
        "{balance}"
    );
    let cliques = fixture([
        "clusters",
        "--method",
        "cliques",
        "--min-size",
        "2",
        "--format",
        "json",
    ])
    .on("2000-01-01")
    .run();
    assert_eq!(cliques.stdout.trim(), "[]", "{}", cliques.stdout);
    // In the bundled database of 1990 the UN's 13 members are not a bloc of
    // friends: no positive tie comes from it.
    let bundled = dg(["balance", "--all"]).on("1990-01-01").json();
    assert_eq!(bundled["triangles"], 0, "{bundled}");
    // Nor is it a dimension of alignment.
    let align = dg(["align", "Russia", "China"]).on("2024-07-04").json();
    let targets: Vec<&str> = align["agreements"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["target"].as_str().unwrap())
        .collect();
    assert!(!targets.contains(&"UN"), "{targets:?}");
}

#[test]
fn the_briefing_says_what_it_does_not_record() {
    let text = dg(["report"]).on("1990-01-01").text();
    assert!(
        text.contains("\nLeaders in office\n  none recorded\n  not recorded for: "),
        "{text}"
    );
    assert!(
        text.contains("\nSummits and other events\n  none recorded\n"),
        "{text}"
    );
    assert!(!text.contains("none yet"), "{text}");
    let summit = dg(["report"]).on("2024-07-04").text();
    assert!(
        summit.contains("no memberships recorded: European Union (EU)"),
        "{summit}"
    );
    // Events are shown with their last day.
    assert!(
        summit.contains("(Astana, Kazakhstan, 2024-07-03 to 2024-07-04)"),
        "{summit}"
    );
    let json = dg(["report"]).on("1990-01-01").json();
    assert!(
        json["leaders_not_recorded"].as_array().unwrap().len() > 10,
        "{json}"
    );
}

#[test]
fn a_dispute_touches_the_issue_it_is_over() {
    let kashmir = dg(["show", "Kashmir"]).on("2024-07-04").json();
    let about = kashmir["about"].as_array().unwrap();
    assert_eq!(about.len(), 1, "{kashmir}");
    assert_eq!(about[0]["kind"], "dispute");
    assert_eq!(
        (about[0]["from"].as_str(), about[0]["to"].as_str()),
        (Some("IND"), Some("PAK"))
    );
    let text = dg(["show", "Kashmir"]).on("2024-07-04").text();
    assert!(
        text.contains("◇ dispute  India (IND) – Pakistan (PAK)"),
        "{text}"
    );
    let neighbours = dg(["neighbors", "Kashmir"]).on("2024-07-04").json();
    let mut ids: Vec<&str> = neighbours
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["id"].as_str().unwrap())
        .collect();
    ids.sort_unstable();
    assert_eq!(ids, ["IND", "PAK"]);
    let path = dg(["path", "Kashmir", "Pakistan"]).on("2024-07-04").text();
    assert_eq!(path, "Kashmir —dispute— Pakistan (1 hop)\n");
}

#[test]
fn an_entity_with_nothing_in_force_tells_none_then_from_none_recorded() {
    let gone = fixture(["show", "GONE"]).on("2000-01-01").text();
    assert!(
        gone.contains("  no longer existed as of 2000-01-01 (dissolved 1991-07-01)\n"),
        "{gone}"
    );
    let young = fixture(["show", "YOUNG"]).on("1996-01-01").json();
    assert_eq!(young["exists"], false);
    let sco = dg(["show", "SCO"]).on("1996-01-01").text();
    assert!(
        sco.contains("  did not exist yet as of 1996-01-01 (founded 2001-06-15)\n"),
        "{sco}"
    );
    assert!(
        gone.contains("No relations in force as of 2000-01-01 (1 recorded at other times)."),
        "{gone}"
    );
}

#[test]
fn exports_carry_an_organization_s_life_and_universality() {
    let graphml = dg(["export", "graphml"]).on("2024-07-04").text();
    let un = graphml
        .split("<node id=\"UN\">")
        .nth(1)
        .and_then(|rest| rest.split("</node>").next())
        .expect("the UN is a node");
    assert!(
        un.contains(r#"<data key="n_founded">1945-10-24</data>"#),
        "{un}"
    );
    assert!(
        un.contains(r#"<data key="n_universal">true</data>"#),
        "{un}"
    );
    let text = dg(["export", "json"])
        .graph(FIXTURE)
        .on("1960-01-01")
        .text();
    let gone: serde_json::Value = serde_json::from_str(&text).unwrap();
    let node = gone["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["id"] == "GONE")
        .expect("the pact is a node");
    assert_eq!(node["dissolved"], "1991-07-01");
    assert_eq!(node["universal"], false);
}

#[test]
fn the_founding_day_briefing_names_every_founder_s_leader_and_what_is_not_recorded() {
    let json = dg(["report"]).on("2001-06-15").json();
    let mut led: Vec<&str> = json["leaders"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["to"].as_str().unwrap())
        .collect();
    led.sort_unstable();
    // A state may have a head of state and a head of government.
    led.dedup();
    for founder in ["CHN", "KAZ", "KGZ", "RUS", "TJK", "UZB"] {
        assert!(led.contains(&founder), "{founder} has no leader in {led:?}");
    }
    // Every other state is said to be not recorded, not left out.
    let missing: Vec<&str> = json["leaders_not_recorded"]
        .as_array()
        .unwrap()
        .iter()
        .map(|id| id.as_str().unwrap())
        .collect();
    let countries = dg(["list", "--kind", "country"]).json();
    assert_eq!(
        led.len() + missing.len(),
        countries.as_array().unwrap().len(),
        "{led:?} + {missing:?}"
    );
    assert!(missing.iter().all(|id| !led.contains(id)));
}

#[test]
fn countries_carry_their_research_numbers_checked_against_the_code_table() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("codes.ron");
    std::fs::write(
        &path,
        r#"(version: 1, checked: "2024-07-28",
    entities: [
        country(id: "RUS", name: "Russia", codes: (cow: 365, gw: 365)),
        country(id: "DEU", name: "Germany", codes: (cow: 260, gw: 260)),
        country(id: "BAV", name: "Bavaria", codes: (cow: 245)),
    ])"#,
    )
    .unwrap();
    let show = dg(["show", "DEU"]).graph(&path).on("1980-01-01").text();
    assert!(
        show.contains("  codes: COW 260, Gleditsch–Ward 260\n"),
        "{show}"
    );
    let json = dg(["show", "RUS"]).graph(&path).on("2000-01-01").json();
    assert_eq!(json["codes"], serde_json::json!({ "cow": 365, "gw": 365 }));
    // A number of another state, or of none, is refused with the file's place.
    for (codes, message) in [
        ("(cow: 365)", "COW 365 is Russia (ISO RUS, SUN), not `UKR`"),
        (
            "(cow: 9999)",
            "COW 9999 is no state in the Correlates of War list",
        ),
        ("(gw: 260)", "Gleditsch–Ward 260 is"),
    ] {
        let bad = dir.path().join("bad.ron");
        std::fs::write(
            &bad,
            format!(
                "(version: 1, checked: \"2024-07-28\",\n entities: [\n  country(id: \"UKR\", name: \"Ukraine\", codes: {codes}),\n ])"
            ),
        )
        .unwrap();
        let err = dg(["check"]).graph(&bad).fails_with(3);
        assert!(err.contains(":3:3: country `UKR`: "), "{err}");
        assert!(err.contains(message), "{codes}: {err}");
    }
    // `add` writes them, and refuses them on other kinds.
    dg([
        "add", "entity", "--kind", "country", "--id", "UKR", "--name", "Ukraine", "--cow", "369",
        "--gw", "369",
    ])
    .graph(&path)
    .text();
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(
        text.contains(r#"country(id: "UKR", name: "Ukraine", codes: (cow: 369, gw: 369))"#),
        "{text}"
    );
    let before = std::fs::read_to_string(&path).unwrap();
    let err = dg([
        "add", "entity", "--kind", "person", "--id", "p", "--name", "P", "--cow", "2",
    ])
    .graph(&path)
    .fails_with(2);
    assert!(
        err.contains("--cow and --gw describe countries only"),
        "{err}"
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), before);
}
