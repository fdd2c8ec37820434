//! Answers that explain themselves: `align` lists every dimension that
//! moves S, `path --weighted` says what the path costs, centrality runs on
//! the relations that say something about alignment, and text shows notes
//! (always in `show`, with `--notes` in the listings).

use serde_json::Value;

use crate::support::dg;

const SUMMIT: &str = "2024-07-04";

/// The three lists of an `align A B` answer, every item.
fn listed(json: &Value) -> Vec<&Value> {
    ["agreements", "disagreements", "one_sided"]
        .iter()
        .flat_map(|k| json[*k].as_array().unwrap())
        .collect()
}

fn value(item: &Value, side: &str) -> i64 {
    item[format!("{side}_value")].as_i64().unwrap()
}

/// S recomputed from the listed items alone: 1 − Σ|a − b| / dimensions.
fn recomputed(json: &Value) -> f64 {
    let distance: i64 = listed(json)
        .iter()
        .map(|item| (value(item, "a") - value(item, "b")).abs())
        .sum();
    1.0 - distance as f64 / json["dimensions"].as_f64().unwrap()
}

fn item<'a>(json: &'a Value, list: &str, target: &str) -> &'a Value {
    json[list]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["target"] == target)
        .unwrap_or_else(|| panic!("{target} in {list}: {json:#}"))
}

#[test]
fn align_s_recomputes_from_the_listed_dimensions() {
    for (pair, extra) in [
        (["Russia", "China"], None),
        (["India", "Pakistan"], Some("--all")),
        (["China", "Ukraine"], Some("--all")),
        (["Belarus", "United States"], Some("--all")),
    ] {
        let mut args = vec!["align", pair[0], pair[1]];
        args.extend(extra);
        let json = dg(&args).on(SUMMIT).json();
        for list in ["agreements", "disagreements", "one_sided"] {
            assert_eq!(json[format!("{list}_omitted")], 0, "{pair:?} {list}");
        }
        let s = json["s_score"].as_f64().unwrap();
        assert!((recomputed(&json) - s).abs() < 1e-9, "{pair:?}: {json:#}");
        // Every dimension is in one list or held by neither.
        let count = listed(&json).len() as u64 + json["neither"].as_u64().unwrap();
        assert_eq!(count, json["dimensions"].as_u64().unwrap(), "{pair:?}");
        // Each list holds what its name says.
        for item in json["agreements"].as_array().unwrap() {
            assert_eq!(value(item, "a"), value(item, "b"));
        }
        for item in json["disagreements"].as_array().unwrap() {
            assert!(value(item, "a") * value(item, "b") < 0);
        }
        for item in json["one_sided"].as_array().unwrap() {
            assert_eq!((value(item, "a") - value(item, "b")).abs(), 1);
        }
        // The two states' own dimensions are listed, marked as such.
        let mut own: Vec<(&str, &str)> = listed(&json)
            .iter()
            .filter(|i| !i["own"].is_null())
            .map(|i| (i["own"].as_str().unwrap(), i["target"].as_str().unwrap()))
            .collect();
        own.sort_unstable();
        let (a, b) = (json["a"].as_str().unwrap(), json["b"].as_str().unwrap());
        assert_eq!(own, [("a", a), ("b", b)], "{pair:?}");
    }
}

#[test]
fn align_lists_one_sided_ties_and_own_dimensions_with_their_relations() {
    let json = dg(["align", "Russia", "China"]).on(SUMMIT).json();
    // Russia's alliance with Belarus, China has no tie to Belarus.
    let belarus = item(&json, "one_sided", "BLR");
    assert_eq!((value(belarus, "a"), value(belarus, "b")), (1, 0));
    let alliance = &belarus["a_relations"][0];
    assert_eq!(alliance["kind"], "alliance");
    assert_eq!(alliance["from"], "RUS");
    assert_eq!(alliance["to"], "BLR");
    assert_eq!(alliance["since"], "2000-01-26");
    assert_eq!(alliance["until"], Value::Null);
    assert_eq!(alliance["source"], "union-state-treaty");
    assert_eq!(belarus["b_relations"], serde_json::json!([]));
    // The EU sanctions Russia, not China.
    let eu = item(&json, "one_sided", "EU");
    assert_eq!((value(eu, "a"), value(eu, "b")), (-1, 0));
    assert_eq!(eu["a_relations"][0]["kind"], "sanctions");
    assert_eq!(eu["a_relations"][0]["from"], "EU");
    // Russia's own dimension: +1 by being Russia, China's tie to Russia.
    let russia = item(&json, "agreements", "RUS");
    assert_eq!(russia["own"], "a");
    assert_eq!((value(russia, "a"), value(russia, "b")), (1, 1));
    assert_eq!(russia["a_relations"], serde_json::json!([]));
    let kinds: Vec<&str> = russia["b_relations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["kind"].as_str().unwrap())
        .collect();
    assert!(kinds.contains(&"partnership"), "{kinds:?}");
    assert_eq!(item(&json, "agreements", "CHN")["own"], "b");

    // India and Pakistan: their own dimensions are where they are opposed.
    let ip = dg(["align", "India", "Pakistan"]).on(SUMMIT).json();
    let india = item(&ip, "disagreements", "IND");
    assert_eq!((value(india, "a"), value(india, "b")), (1, -1));
    assert_eq!(india["b_relations"][0]["kind"], "dispute");
    assert_eq!(item(&ip, "disagreements", "PAK")["own"], "b");
}

#[test]
fn align_text_groups_the_dimensions_and_says_how_s_is_made() {
    let json = dg(["align", "Russia", "China"]).on(SUMMIT).json();
    let text = dg(["align", "Russia", "China"]).on(SUMMIT).text();
    let n = |k: &str| json[k].as_array().unwrap().len();
    for (heading, list) in [
        ("Shared", "agreements"),
        ("Opposed", "disagreements"),
        ("One-sided", "one_sided"),
    ] {
        assert!(
            text.contains(&format!("\n{heading} ({})\n", n(list))),
            "{heading}: {text}"
        );
    }
    let distance: i64 = ["agreements", "disagreements", "one_sided"]
        .iter()
        .flat_map(|k| json[*k].as_array().unwrap())
        .map(|c| (c["a_value"].as_i64().unwrap() - c["b_value"].as_i64().unwrap()).abs())
        .sum();
    let formula = format!(
        "S = 1 − 2 × {distance} / (2 × {}): Σ|a − b| = {distance} over {} opposed and {} one-sided; {} shared, {} held by neither",
        json["n"],
        n("disagreements"),
        n("one_sided"),
        n("agreements"),
        json["neither"]
    );
    assert!(text.contains(&formula), "{formula}\n{text}");
    assert!(
        text.contains("on Belarus: Russia friendly, China no tie"),
        "{text}"
    );
    assert!(
        text.contains("on European Union: Russia at odds, China no tie"),
        "{text}"
    );
    assert!(
        text.contains("on Russia: Russia itself, China friendly"),
        "{text}"
    );
    // Headings come in this order.
    let at = |h: &str| text.find(&format!("\n{h} (")).unwrap();
    assert!(at("Shared") < at("Opposed") && at("Opposed") < at("One-sided"));
}

#[test]
fn align_limits_count_what_they_leave_out() {
    let all = dg(["align", "Russia", "China", "--all"]).on(SUMMIT).json();
    let one = dg(["align", "Russia", "China", "--limit", "1"])
        .on(SUMMIT)
        .json();
    for list in ["agreements", "disagreements", "one_sided"] {
        let total = all[list].as_array().unwrap().len() as u64;
        let shown = one[list].as_array().unwrap().len() as u64;
        assert_eq!(shown, total.min(1), "{list}");
        assert_eq!(
            one[format!("{list}_omitted")].as_u64().unwrap(),
            total - shown
        );
    }
    assert_eq!(one["s_score"], all["s_score"]);
    let one_sided = all["one_sided"].as_array().unwrap().len();
    assert!(one_sided >= 2, "{all:#}");
    let text = dg(["align", "Russia", "China", "--limit", "1"])
        .on(SUMMIT)
        .text();
    assert!(
        text.contains(&format!(
            "One-sided ({one_sided})\n  on Belarus: Russia friendly, China no tie"
        )),
        "{text}"
    );
    assert!(
        text.contains(&format!(
            "  … and {} more (--limit N or --all to list more)",
            one_sided - 1
        )),
        "{text}"
    );
}

#[test]
fn the_ranking_counts_every_group() {
    let text = dg(["align", "Russia", "--top", "2"]).on(SUMMIT).text();
    let json = dg(["align", "Russia", "China"]).on(SUMMIT).json();
    let n = |k: &str| json[k].as_array().unwrap().len();
    assert!(text.contains("SHARED  OPPOSED  ONE-SIDED"), "{text}");
    let china = text
        .lines()
        .find(|l| l.contains("China (CHN)"))
        .expect("China ranks");
    let counts: Vec<&str> = china.split_whitespace().rev().take(3).collect();
    assert_eq!(
        counts,
        [
            n("one_sided").to_string(),
            n("disagreements").to_string(),
            n("agreements").to_string()
        ]
    );
}

#[test]
fn path_weighted_says_what_it_costs() {
    let args = ["path", "India", "China", "--weighted"];
    let text = dg(args).on(SUMMIT).text();
    assert_eq!(text, "India —member→ SCO ←member— China (2 hops, cost 4)\n");
    let json = dg(args).on(SUMMIT).json();
    assert_eq!(json[0]["cost"], 4);
    assert_eq!(json[0]["truncated"], false);
    // Hop paths have no cost.
    let hops = dg(["path", "India", "China"]).on(SUMMIT).json();
    assert_eq!(hops[0]["cost"], Value::Null);
    // A path through a hostile tie costs 8 for it.
    let hostile = dg([
        "path",
        "India",
        "Pakistan",
        "--weighted",
        "--via",
        "dispute",
    ])
    .on(SUMMIT)
    .json();
    assert_eq!(hostile[0]["cost"], 8);
    // The help names the costs it uses.
    let help = dg(["path", "--help"]).text();
    assert!(
        help.contains("member, founder, partnership, serves 2;"),
        "{help}"
    );
    assert!(
        help.contains("rivalry, dispute, conflict, sanctions 8)"),
        "{help}"
    );
}

#[test]
fn path_json_says_whether_all_was_cut() {
    let cut = dg(["path", "India", "China", "--all", "--limit", "1"])
        .on(SUMMIT)
        .json();
    assert_eq!(cut.as_array().unwrap().len(), 1);
    assert_eq!(cut[0]["truncated"], true);
    assert_eq!(cut[0]["cost"], Value::Null);
    let whole = dg([
        "path",
        "India",
        "China",
        "--all",
        "--max-hops",
        "2",
        "--limit",
        "100",
    ])
    .on(SUMMIT)
    .json();
    let paths = whole.as_array().unwrap();
    assert!(paths.len() > 1, "{whole:#}");
    assert!(paths.iter().all(|p| p["truncated"] == false), "{whole:#}");
}

fn kinds_of(json: &Value) -> Vec<String> {
    json["scores"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["kind"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn centrality_runs_on_ties_between_states_and_organizations_by_default() {
    for measure in ["degree", "betweenness", "pagerank"] {
        for when in [Some(SUMMIT), Some("2022-09-15"), None] {
            let args = ["central", "--measure", measure, "--top", "1000"];
            let run = match when {
                Some(day) => dg(args).on(day),
                None => dg(args.iter().copied().chain(["--all-time"])),
            };
            let json = run.json();
            let kinds = kinds_of(&json);
            assert!(!kinds.is_empty());
            assert!(
                kinds.iter().all(|k| k == "country" || k == "organization"),
                "{measure} {when:?}: {kinds:?}"
            );
            assert_eq!(
                json["between"],
                serde_json::json!(["country", "organization"])
            );
            let via: Vec<&str> = json["via"]
                .as_array()
                .unwrap()
                .iter()
                .map(|k| k.as_str().unwrap())
                .collect();
            for signed in ["member", "founder", "partnership", "sanctions", "dispute"] {
                assert!(via.contains(&signed), "{via:?}");
            }
            for unsigned in ["leads", "attends", "hosts", "stance"] {
                assert!(!via.contains(&unsigned), "{via:?}");
            }
        }
    }
    // `--via` chooses otherwise, with whatever it joins.
    let attends = dg(["central", "--via", "attends", "--top", "1000"])
        .on(SUMMIT)
        .json();
    let kinds = kinds_of(&attends);
    assert!(kinds.iter().any(|k| k == "person"), "{kinds:?}");
    assert!(kinds.iter().any(|k| k == "event"), "{kinds:?}");
    assert_eq!(attends["via"], serde_json::json!(["attends"]));
    assert_eq!(attends["between"], Value::Null);
    let text = dg(["central", "--top", "3"]).on(SUMMIT).text();
    assert!(
        text.starts_with(
            "Most central by betweenness as of 2024-07-04 over signed relations between states and organizations:\n"
        ),
        "{text}"
    );
    let help = dg(["central", "--help"]).text();
    assert!(
        help.contains("between states and organizations only"),
        "{help}"
    );
    assert!(help.contains("dialogue_partner, founder"), "{help}");
}

#[test]
fn the_briefing_s_brokers_are_states_brokering_signed_ties() {
    let text = dg(["report"]).on(SUMMIT).text();
    assert!(
        text.contains(
            "\nBrokers (betweenness over signed relations between states and organizations)\n"
        ),
        "{text}"
    );
    let json = dg(["report"]).on(SUMMIT).json();
    let central = dg(["central", "--countries-only", "--top", "5"])
        .on(SUMMIT)
        .json();
    // The briefing's brokers are `central`'s first states with a score.
    let brokers: Vec<&Value> = json["brokers"].as_array().unwrap().iter().collect();
    assert!(!brokers.is_empty());
    for (broker, ranked) in brokers.iter().zip(central["scores"].as_array().unwrap()) {
        assert_eq!(broker["id"], ranked["id"]);
        assert!(
            (broker["score"].as_f64().unwrap() - ranked["score"].as_f64().unwrap()).abs() < 1e-12
        );
    }
}

#[test]
fn show_always_prints_relation_notes() {
    let text = dg(["show", "Mokhber"]).on(SUMMIT).text();
    let attends = text
        .lines()
        .position(|l| l.contains("→ attends"))
        .expect("Mokhber attends the summit");
    assert_eq!(
        text.lines().nth(attends + 1),
        Some("      note: as Iran's acting President"),
        "{text}"
    );
    let russia = dg(["show", "Russia"]).on(SUMMIT).text();
    assert!(
        russia.contains("  note: Suffered two terrorist attacks in 2024"),
        "{russia}"
    );
}

#[test]
fn listings_print_notes_only_when_asked() {
    for (args, note) in [
        (
            vec!["neighbors", "India"],
            "      note: the dispute over Jammu and Kashmir began with the fighting of October 1947",
        ),
        (
            vec!["members", "SCO"],
            "      note: admitted at the Astana summit of 2024",
        ),
        (
            vec!["report"],
            "        note on S. Jaishankar: led India's delegation as External Affairs Minister",
        ),
        (
            vec!["path", "India", "China", "--via", "member"],
            "    note on India —member→ SCO: admitted at the Astana summit of 2017",
        ),
        (
            vec!["list", "--kind", "organization"],
            "    note: Founded in 2001 to discuss security concerns",
        ),
    ] {
        // `list` is not dated; the others are asked as of the summit.
        let on = |args: &[&str]| {
            let run = dg(args);
            if args[0] == "list" {
                run
            } else {
                run.on("2024-07-05")
            }
        };
        let plain = on(&args).text();
        assert!(!plain.contains(note), "{args:?} without --notes:\n{plain}");
        assert!(!plain.contains("note on "), "{args:?}:\n{plain}");
        // The briefing always shows a summit's own note; nothing else
        // prints one without `--notes`.
        if args[0] != "report" {
            assert!(!plain.contains("note: "), "{args:?}:\n{plain}");
        }
        let mut noted = args.clone();
        noted.push("--notes");
        let text = on(&noted).text();
        assert!(text.contains(note), "{args:?} --notes:\n{text}");
    }
}

#[test]
fn json_carries_the_notes() {
    let list = dg(["list", "--kind", "organization"]).json();
    assert!(
        list[0]["note"]
            .as_str()
            .unwrap()
            .starts_with("Founded in 2001")
    );
    assert_eq!(list[2]["note"], Value::Null, "every key present");
    let members = dg(["members", "SCO"]).on("2024-07-05").json();
    let belarus = members
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["id"] == "BLR")
        .unwrap();
    assert_eq!(belarus["note"], "admitted at the Astana summit of 2024");
    let neighbors = dg(["neighbors", "India"]).on(SUMMIT).json();
    let sco = neighbors
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["id"] == "SCO")
        .unwrap();
    assert!(sco["note"].as_str().unwrap().starts_with("Founded in 2001"));
    assert_eq!(
        sco["relations"][0]["note"],
        "admitted at the Astana summit of 2017"
    );
    let report = dg(["report"]).on(SUMMIT).json();
    let org = &report["organizations"][0];
    assert_eq!(org["id"], "SCO");
    assert!(org["note"].as_str().unwrap().starts_with("Founded in 2001"));
    let india = org["memberships"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["id"] == "IND")
        .unwrap();
    assert_eq!(india["note"], "admitted at the Astana summit of 2017");
    let astana = report["summits"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == "sco-2024-astana")
        .unwrap();
    let attendances = astana["attendances"].as_array().unwrap();
    assert_eq!(
        attendances.len(),
        astana["attendees"].as_array().unwrap().len()
    );
    let by_india = attendances
        .iter()
        .find(|a| a["from"] == "subrahmanyam-jaishankar")
        .unwrap();
    assert!(
        by_india["note"]
            .as_str()
            .unwrap()
            .starts_with("led India's delegation as External Affairs Minister")
    );
    let path = dg(["path", "India", "China", "--via", "member"])
        .on(SUMMIT)
        .json();
    let entities = path[0]["entities"].as_array().unwrap();
    assert_eq!(entities[1]["id"], "SCO");
    assert!(
        entities[1]["note"]
            .as_str()
            .unwrap()
            .starts_with("Founded in 2001")
    );
    assert_eq!(
        path[0]["steps"][0]["note"],
        "admitted at the Astana summit of 2017"
    );
}
