//! Facts of the seed article and its context, asked through the CLI.

use serde_json::Value;

use crate::support::{dg, ids};

fn members_with_status(value: &Value, status: &str) -> Vec<String> {
    let mut out: Vec<String> = value
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["status"] == status)
        .map(|m| m["id"].as_str().unwrap().to_string())
        .collect();
    out.sort();
    out
}

#[test]
fn sco_has_nine_members_the_day_before_belarus_joined() {
    let members = dg(["members", "SCO"]).on("2024-07-03").json();
    assert_eq!(
        members_with_status(&members, "member"),
        [
            "CHN", "IND", "IRN", "KAZ", "KGZ", "PAK", "RUS", "TJK", "UZB"
        ]
    );
    assert!(members_with_status(&members, "observer").contains(&"BLR".to_string()));
}

#[test]
fn sco_has_ten_members_once_belarus_joined() {
    let members = dg(["members", "SCO", "--status", "member"])
        .on("2024-07-05")
        .json();
    assert_eq!(members.as_array().unwrap().len(), 10);
    let belarus = members
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["id"] == "BLR")
        .expect("Belarus is a member");
    assert_eq!(belarus["name"], "Belarus");
    assert_eq!(belarus["status"], "member");
    assert_eq!(belarus["since"], "2024-07-04");
    assert_eq!(belarus["until"], Value::Null);
    let observers = dg(["members", "SCO", "--status", "observer"])
        .on("2024-07-05")
        .json();
    assert!(!ids(&observers).contains(&"BLR".to_string()));
}

#[test]
fn sco_membership_grew_from_the_six_founders() {
    let founding = dg(["members", "SCO", "--status", "member"])
        .on("2001-06-15")
        .json();
    let mut founders = ids(&founding);
    founders.sort();
    assert_eq!(founders, ["CHN", "KAZ", "KGZ", "RUS", "TJK", "UZB"]);
    let before = dg(["members", "SCO"]).on("2001-06-14").json_found_nothing();
    assert!(before.as_array().unwrap().is_empty());
    let india = dg(["members", "SCO"]).on("2017-06-08").json();
    assert_eq!(
        members_with_status(&india, "observer"),
        ["AFG", "BLR", "IND", "IRN", "MNG", "PAK"]
    );
    let after = dg(["members", "SCO"]).on("2017-06-09").json();
    assert_eq!(members_with_status(&after, "member").len(), 8);
    assert!(members_with_status(&after, "member").contains(&"IND".to_string()));
    let iran = dg(["members", "SCO"]).on("2023-07-04").json();
    assert_eq!(members_with_status(&iran, "member").len(), 9);
}

#[test]
fn sco_dialogue_partners_include_those_the_article_names() {
    let partners = dg(["members", "SCO", "--status", "dialogue_partner"])
        .on("2024-07-04")
        .json();
    assert_eq!(
        members_with_status(&partners, "dialogue_partner"),
        ["EGY", "SAU", "TUR"]
    );
}

fn leader_of(country: &str, date: &str) -> Vec<Value> {
    let shown = dg(["show", country]).on(date).json();
    shown["relations"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["kind"] == "leads")
        .cloned()
        .collect()
}

#[test]
fn iran_was_led_by_raisi_then_mokhber_acting_then_pezeshkian() {
    let may = leader_of("Iran", "2024-05-01");
    assert_eq!(may.len(), 1);
    assert_eq!(may[0]["from"], "ebrahim-raisi");
    assert_eq!(may[0]["acting"], false);
    assert_eq!(may[0]["until"], "2024-05-19");

    assert!(
        leader_of("Iran", "2024-05-19").is_empty(),
        "Raisi died that day"
    );

    let june = leader_of("Iran", "2024-06-01");
    assert_eq!(june.len(), 1);
    assert_eq!(june[0]["from"], "mohammad-mokhber");
    assert_eq!(june[0]["role"], "President");
    assert_eq!(june[0]["acting"], true);
    assert_eq!(june[0]["since"], "2024-05-20");

    let august = leader_of("IRN", "2024-07-28");
    assert_eq!(august[0]["from"], "masoud-pezeshkian");
}

#[test]
fn show_iran_in_text_names_the_acting_president() {
    let text = dg(["show", "Iran"]).on("2024-06-01").text();
    assert!(text.contains("Mohammad Mokhber"), "{text}");
    assert!(text.contains("acting President"), "{text}");
    assert!(text.contains("2024-05-20 – 2024-07-28"), "{text}");
    // Raisi is named in a note, never in a relation in force.
    assert!(
        !text
            .lines()
            .any(|l| l.contains("Raisi") && !l.trim_start().starts_with("note")),
        "{text}"
    );
}

#[test]
fn leaders_at_the_astana_summit_held_their_offices() {
    for (country, person) in [
        ("RUS", "vladimir-putin"),
        ("CHN", "xi-jinping"),
        ("KAZ", "kassym-jomart-tokayev"),
        ("PAK", "shehbaz-sharif"),
        ("UZB", "shavkat-mirziyoyev"),
        ("TJK", "emomali-rahmon"),
        ("KGZ", "sadyr-japarov"),
        ("BLR", "alexander-lukashenko"),
        ("IND", "narendra-modi"),
    ] {
        let leaders = leader_of(country, "2024-07-03");
        assert_eq!(leaders.len(), 1, "{country}");
        assert_eq!(leaders[0]["from"], person, "{country}");
    }
    let un = leader_of("UN", "2024-07-03");
    assert_eq!(un[0]["from"], "antonio-guterres");
    assert_eq!(un[0]["role"], "Secretary-General");
    assert_eq!(un[0]["since"], "2017-01-01");
}

#[test]
fn who_attended_astana_and_who_did_not() {
    let summit = dg(["show", "sco-2024-astana"]).on("2024-07-04").json();
    assert_eq!(summit["kind"], "event");
    assert_eq!(summit["event"]["place"], "Astana, Kazakhstan");
    assert_eq!(summit["event"]["start"], "2024-07-03");
    assert_eq!(summit["event"]["end"], "2024-07-04");
    let relations = summit["relations"].as_array().unwrap();
    let mut attendees: Vec<&str> = relations
        .iter()
        .filter(|r| r["kind"] == "attends")
        .map(|r| r["from"].as_str().unwrap())
        .collect();
    attendees.sort_unstable();
    assert_eq!(
        attendees,
        [
            "IND",
            "alexander-lukashenko",
            "antonio-guterres",
            "emomali-rahmon",
            "kassym-jomart-tokayev",
            "mohammad-mokhber",
            "sadyr-japarov",
            "shavkat-mirziyoyev",
            "shehbaz-sharif",
            "vladimir-putin",
            "xi-jinping",
        ]
    );
    assert!(!attendees.contains(&"UKR") && !attendees.contains(&"volodymyr-zelenskyy"));
    assert!(!attendees.contains(&"narendra-modi"));
    let host: Vec<&Value> = relations.iter().filter(|r| r["kind"] == "hosts").collect();
    assert_eq!(host.len(), 1);
    assert_eq!(host[0]["from"], "KAZ");
    assert!(
        summit["note"]
            .as_str()
            .unwrap()
            .contains("Ukraine did not attend")
    );
    // Before it began, nobody had attended it yet.
    let before = dg(["show", "sco-2024-astana"]).on("2024-07-02").json();
    assert!(before["relations"].as_array().unwrap().is_empty());
}

#[test]
fn the_articles_relations_are_recorded() {
    let russia = dg(["show", "Russia"]).on("2024-07-04").json();
    let has = |kind: &str, from: &str, to: &str| {
        russia["relations"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["kind"] == kind && r["from"] == from && r["to"] == to)
    };
    assert!(has("partnership", "RUS", "CHN"));
    assert!(has("supports", "CHN", "RUS"));
    assert!(has("conflict", "RUS", "UKR"));
    assert!(has("sanctions", "USA", "RUS"));
    assert!(has("stance", "RUS", "ukraine-war"));
    let conflict = russia["relations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["kind"] == "conflict")
        .unwrap();
    assert_eq!(conflict["since"], "2022-02-24");
    assert_eq!(conflict["over"], "ukraine-war");
    // The war was not in force before the invasion.
    let before = dg(["show", "Russia"]).on("2022-02-23").json();
    assert!(
        !before["relations"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["kind"] == "conflict" || r["kind"] == "supports")
    );

    // The dispute touches Pakistan, and Kashmir, which it is over.
    let kashmir = dg(["neighbors", "India", "--relation", "dispute"]).json();
    assert_eq!(ids(&kashmir), ["PAK", "kashmir"]);
    assert_eq!(kashmir[0]["relations"][0]["over"], "kashmir");
}

#[test]
fn stances_on_the_war_in_ukraine() {
    let war = dg(["show", "war in ukraine"]).on("2024-07-04").json();
    let position = |who: &str| {
        war["relations"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["kind"] == "stance" && r["from"] == who)
            .map(|r| r["position"].as_str().unwrap().to_string())
    };
    assert_eq!(position("CHN").as_deref(), Some("supports"));
    assert_eq!(position("IND").as_deref(), Some("neutral"));
    assert_eq!(position("UKR").as_deref(), Some("opposes"));
}

#[test]
fn the_samarkand_summit_of_2022() {
    let summit = dg(["show", "2022 SCO summit in Samarkand"]).json();
    let attendees: Vec<&str> = summit["relations"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["kind"] == "attends")
        .map(|r| r["from"].as_str().unwrap())
        .collect();
    assert!(attendees.contains(&"vladimir-putin"));
    assert!(attendees.contains(&"narendra-modi"));
    assert!(summit["note"].as_str().unwrap().contains("concerns"));
}

#[test]
fn seed_spellings_and_common_spellings_resolve_to_the_same_entity() {
    for (spelling, id) in [
        ("Mokhbar", "mohammad-mokhber"),
        ("Mokhber", "mohammad-mokhber"),
        ("Mohammad Mokhbar", "mohammad-mokhber"),
        ("Rakhmon", "emomali-rahmon"),
        ("Emomali Rahmon", "emomali-rahmon"),
        ("Zhaparov", "sadyr-japarov"),
        ("sadyr japarov", "sadyr-japarov"),
        ("Shanghai Cooperation Organization", "SCO"),
        ("Shanghai Cooperation Organisation", "SCO"),
        ("sco", "SCO"),
        ("Antonio Guterres", "antonio-guterres"),
        ("Türkiye", "TUR"),
        ("IRAN", "IRN"),
        ("U.S.", "USA"),
    ] {
        let shown = dg(["show", spelling]).on("2024-07-04").json();
        assert_eq!(shown["id"], id, "{spelling}");
    }
}

#[test]
fn unknown_names_get_did_you_mean_and_exit_2() {
    let err = dg(["show", "Rusia"]).fails_with(2);
    assert!(err.contains("no entity is called `Rusia`"), "{err}");
    assert!(err.contains("did you mean Russia (RUS)?"), "{err}");
    let err = dg(["members", "Shanghai Organisaton"]).fails_with(2);
    assert!(err.contains("(SCO)"), "{err}");
    let err = dg(["show", "qqqqqq"]).fails_with(2);
    assert!(err.contains("diplograph list"), "{err}");
    let err = dg(["members", "Russia"]).fails_with(2);
    assert!(
        err.contains("`RUS` is a country, but members needs an organization"),
        "{err}"
    );
    let err = dg(["show", "Iran"]).on("2024-02-30").fails_with(2);
    assert!(err.contains("February 2024 has 29 days"), "{err}");
    let err = dg(["neighbors", "Iran", "--relation", "friend"]).fails_with(2);
    assert!(err.contains("dialogue_partner"), "{err}");
}

#[test]
fn later_dates_than_the_last_check_are_flagged_on_stderr_only() {
    let out = dg(["members", "SCO", "--format", "json"])
        .on("2026-01-01")
        .run();
    assert_eq!(out.code, 0);
    assert!(
        out.stderr
            .contains("last checked up to 2024-07-28; answers for 2026-01-01 may be out of date"),
        "{}",
        out.stderr
    );
    assert_eq!(out.stderr.lines().count(), 1);
    let _: Value = serde_json::from_str(&out.stdout).expect("stdout stays clean JSON");
    let quiet = dg(["members", "SCO"]).on("2024-07-28").run();
    assert!(quiet.stderr.is_empty(), "{}", quiet.stderr);
}

#[test]
fn check_counts_entities_and_relations_by_kind() {
    let text = dg(["check"]).text();
    assert!(text.lines().next().unwrap().contains(": ok — "), "{text}");
    assert!(text.contains("17 countries"), "{text}");
    let json = dg(["check"]).json();
    assert_eq!(json["ok"], true);
    assert_eq!(json["entities"]["organization"], 3);
    assert_eq!(json["relations"]["founder"], 6);
    assert_eq!(json["relations"]["dispute"], 1);
    let total: u64 = json["relations"]
        .as_object()
        .unwrap()
        .values()
        .map(|v| v.as_u64().unwrap())
        .sum();
    assert_eq!(json["relation_count"], total);
}

#[test]
fn list_filters_by_kind() {
    let orgs = dg(["list", "--kind", "organization"]).json();
    assert_eq!(ids(&orgs), ["SCO", "UN", "EU"]);
    let people = dg(["list", "--kind", "person"]).text();
    assert!(people.starts_with("ID"), "{people}");
    assert!(people.contains("emomali-rahmon"), "{people}");
    assert!(!people.contains("country"), "{people}");
}

#[test]
fn neighbors_of_the_sco_by_membership() {
    let members = dg(["neighbors", "SCO", "--relation", "member"])
        .on("2024-07-05")
        .json();
    assert_eq!(members.as_array().unwrap().len(), 10);
    let all_time = dg(["neighbors", "SCO", "--all-time"]).json();
    // Everyone ever tied to the SCO, including through ended relations.
    assert!(ids(&all_time).contains(&"BLR".to_string()));
    let blr = all_time
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["id"] == "BLR")
        .unwrap();
    assert_eq!(blr["relations"].as_array().unwrap().len(), 2);
}

#[test]
fn all_time_and_as_of_conflict() {
    let err = dg(["show", "Iran", "--all-time"])
        .on("2024-01-01")
        .fails_with(2);
    assert!(err.contains("cannot be used with"), "{err}");
}

#[test]
fn report_briefs_the_summit_day() {
    let text = dg(["report"]).on("2024-07-04").text();
    for needle in [
        "Shanghai Cooperation Organisation (SCO): 10 members",
        "Mohammad Mokhber       acting President",
        "India disputes with Pakistan over Kashmir",
        "2024 SCO summit in Astana (Astana, Kazakhstan, 2024-07-03 to 2024-07-04), hosted by Kazakhstan",
    ] {
        assert!(text.contains(needle), "missing {needle:?} in\n{text}");
    }
    let json = dg(["report"]).on("2024-07-04").json();
    assert_eq!(json["as_of"], "2024-07-04");
    assert_eq!(json["summits"][0]["id"], "sco-2024-astana");
    assert_eq!(json["summits"][0]["hosts"][0], "KAZ");
}

#[test]
fn report_snapshot_on_the_summit_day() {
    insta::assert_snapshot!(dg(["report"]).on("2024-07-04").text());
}

#[test]
fn show_json_snapshot() {
    insta::assert_json_snapshot!(dg(["show", "Iran"]).on("2024-06-01").json());
}

#[test]
fn the_bundled_graph_is_used_outside_the_repository() {
    let dir = tempfile::tempdir().unwrap();
    let json = dg(["members", "SCO"])
        .default_graph()
        .dir(dir.path())
        .on("2024-07-05")
        .json();
    assert_eq!(members_with_status(&json, "member").len(), 10);
    let text = dg(["check"]).default_graph().dir(dir.path()).text();
    assert!(text.starts_with("<bundled graph.ron>: ok"), "{text}");
}

#[test]
fn the_graph_file_can_come_from_the_environment_or_the_current_directory() {
    let dir = tempfile::tempdir().unwrap();
    let mini = r#"(version: 1, checked: "2024-01-01",
        entities: [organization(id: "X", name: "Club"), country(id: "AAA", name: "Aland")],
        relations: [member(from: "AAA", to: "X")])"#;
    let path = dir.path().join("mini.ron");
    std::fs::write(&path, mini).unwrap();
    let json = dg(["members", "Club"])
        .default_graph()
        .env("DIPLOGRAPH_GRAPH", path.to_str().unwrap())
        .on("2024-01-01")
        .json();
    assert_eq!(ids(&json), ["AAA"]);
    let json = dg(["members", "X"]).graph(&path).on("2024-01-01").json();
    assert_eq!(ids(&json), ["AAA"]);
    std::fs::write(dir.path().join("graph.ron"), mini).unwrap();
    let json = dg(["members", "X"])
        .default_graph()
        .dir(dir.path())
        .on("2024-01-01")
        .json();
    assert_eq!(ids(&json), ["AAA"]);
}
