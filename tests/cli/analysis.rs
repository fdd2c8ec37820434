//! The analysis commands on the seed: paths, clusters, alignment, balance,
//! centrality, and the briefing's analytic sections.

use serde_json::Value;

use crate::support::dg;

const SUMMIT: &str = "2024-07-04";

fn strings(value: &Value) -> Vec<String> {
    value
        .as_array()
        .expect("an array")
        .iter()
        .map(|v| v.as_str().expect("a string").to_string())
        .collect()
}

#[test]
fn india_reaches_china_in_two_hops_through_the_sco() {
    let text = dg(["path", "India", "China", "--via", "member"])
        .on(SUMMIT)
        .text();
    assert_eq!(text, "India —member→ SCO ←member— China (2 hops)\n");
    let json = dg(["path", "India", "China", "--via", "member"])
        .on(SUMMIT)
        .json();
    assert_eq!(json.as_array().unwrap().len(), 1);
    assert_eq!(json[0]["hops"], 2);
    assert_eq!(strings(&json[0]["nodes"]), ["IND", "SCO", "CHN"]);
    assert_eq!(strings(&json[0]["relations"]), ["member", "member"]);
    assert_eq!(json[0]["forward"], serde_json::json!([true, false]));
}

#[test]
fn before_india_joined_the_sco_the_un_is_the_link() {
    let json = dg(["path", "IND", "CHN", "--via", "member"])
        .on("2016-01-01")
        .json();
    assert_eq!(strings(&json[0]["nodes"]), ["IND", "UN", "CHN"]);
}

#[test]
fn k_shortest_and_all_paths_are_ordered_and_distinct() {
    let json = dg(["path", "India", "China", "--k", "4"]).on(SUMMIT).json();
    let paths = json.as_array().unwrap();
    assert_eq!(paths.len(), 4);
    let hops: Vec<u64> = paths.iter().map(|p| p["hops"].as_u64().unwrap()).collect();
    assert!(hops.windows(2).all(|w| w[0] <= w[1]), "{hops:?}");
    let mut routes: Vec<Vec<String>> = paths.iter().map(|p| strings(&p["nodes"])).collect();
    routes.dedup();
    assert_eq!(routes.len(), 4);

    let all = dg([
        "path",
        "India",
        "China",
        "--all",
        "--via",
        "member",
        "--max-hops",
        "2",
    ])
    .on(SUMMIT)
    .json();
    let routes: Vec<Vec<String>> = all
        .as_array()
        .unwrap()
        .iter()
        .map(|p| strings(&p["nodes"]))
        .collect();
    assert_eq!(routes, [["IND", "SCO", "CHN"], ["IND", "UN", "CHN"]]);
}

#[test]
fn no_path_names_the_date_and_kinds_and_exits_1() {
    // "No path" is the answer (on stdout), not an error.
    let out = dg(["path", "India", "Pakistan", "--via", "conflict"])
        .on(SUMMIT)
        .run();
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(
        out.stdout
            .starts_with("no path from India to Pakistan over conflict as of 2024-07-04"),
        "{}",
        out.stdout
    );
    let out = dg([
        "path",
        "India",
        "China",
        "--via",
        "member",
        "--max-hops",
        "1",
    ])
    .on(SUMMIT)
    .run();
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(
        out.stdout.contains("within 1 hop over member"),
        "{}",
        out.stdout
    );
    let err = dg(["path", "India", "Chna"]).on(SUMMIT).fails_with(2);
    assert!(err.contains("did you mean China (CHN)?"), "{err}");
}

#[test]
fn communities_are_deterministic_and_report_modularity() {
    let first = dg(["clusters", "--method", "communities"])
        .on(SUMMIT)
        .json();
    let second = dg(["clusters", "--method", "communities"])
        .on(SUMMIT)
        .json();
    assert_eq!(first, second);
    let q = first[0]["modularity"].as_f64().unwrap();
    assert!(q > 0.2 && q < 1.0, "{q}");
    let members: usize = first
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["members"].as_array().unwrap().len())
        .sum();
    let entities = dg(["check"]).json()["entity_count"].as_u64().unwrap() as usize;
    assert_eq!(
        members, entities,
        "every entity is in exactly one community"
    );
    // India and Pakistan, tied by their dispute and their leaders, stay together.
    let with = |id: &str| {
        first
            .as_array()
            .unwrap()
            .iter()
            .position(|c| strings(&c["members"]).contains(&id.to_string()))
    };
    assert_eq!(with("IND"), with("PAK"));
}

#[test]
fn blocs_of_2024_split_the_sco_from_ukraine_and_the_united_states() {
    let json = dg(["clusters", "--method", "blocs"]).on(SUMMIT).json();
    assert_eq!(
        json,
        dg(["clusters", "--method", "blocs"]).on(SUMMIT).json(),
        "deterministic"
    );
    let blocs: Vec<Vec<String>> = json
        .as_array()
        .unwrap()
        .iter()
        .map(|b| strings(&b["members"]))
        .collect();
    assert_eq!(blocs.len(), 2);
    let mut sco = blocs[0].clone();
    sco.sort();
    assert_eq!(
        sco,
        [
            "BLR", "CHN", "IND", "IRN", "KAZ", "KGZ", "PAK", "RUS", "TJK", "UZB"
        ]
    );
    let mut other = blocs[1].clone();
    other.sort();
    assert_eq!(other, ["UKR", "USA"]);
    assert_eq!(json[0]["error"], 0.5);
    assert_eq!(
        json[0]["negative_inside"],
        serde_json::json!([["IND", "PAK"]])
    );
    let text = dg(["clusters", "--method", "blocs"]).on(SUMMIT).text();
    assert!(
        text.contains("negative inside a bloc: India — Pakistan (dispute over Kashmir)"),
        "{text}"
    );
    // No other k fits better: k = 2 is the smallest k with the lowest error.
    for k in ["1", "3"] {
        let fixed = dg(["clusters", "--method", "blocs", "--k", k])
            .on(SUMMIT)
            .json();
        assert_eq!(fixed[0]["k"].to_string(), k);
        assert!(
            fixed[0]["error"].as_f64().unwrap() >= 0.5,
            "k = {k}: {fixed}"
        );
    }
}

#[test]
fn cliques_split_the_sco_at_the_kashmir_dispute() {
    let json = dg(["clusters", "--method", "cliques"]).on(SUMMIT).json();
    let cliques: Vec<Vec<String>> = json
        .as_array()
        .unwrap()
        .iter()
        .map(|c| strings(&c["members"]))
        .collect();
    assert_eq!(cliques.len(), 2);
    for clique in &cliques {
        assert_eq!(clique.len(), 9);
        assert!(clique.contains(&"IND".to_string()) != clique.contains(&"PAK".to_string()));
    }
}

#[test]
fn components_over_hostile_relations() {
    let text = dg([
        "clusters",
        "--method",
        "components",
        "--via",
        "dispute",
        "--via",
        "conflict",
        "--countries-only",
    ])
    .on(SUMMIT)
    .text();
    assert!(text.contains("2 components"), "{text}");
    assert!(text.contains("(2) Russia, Ukraine"), "{text}");
    assert!(text.contains("(2) India, Pakistan"), "{text}");
}

#[test]
fn russia_and_china_are_more_aligned_than_india_and_pakistan() {
    let rc = dg(["align", "Russia", "China"]).on(SUMMIT).json();
    let ip = dg(["align", "India", "Pakistan"]).on(SUMMIT).json();
    // S ties (India and Pakistan share the SCO, the UN and an abstention
    // on the war); κ, which discounts chance agreement, separates them.
    assert!(rc["s_score"].as_f64().unwrap() >= ip["s_score"].as_f64().unwrap());
    assert!(rc["kappa"].as_f64().unwrap() > ip["kappa"].as_f64().unwrap());
    assert_eq!(rc["a"], "RUS");
    assert_eq!(rc["direct_sign"], 1);
    assert_eq!(ip["direct_sign"], -1);
    let direct: Vec<&str> = rc["direct"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["kind"].as_str().unwrap())
        .collect();
    assert_eq!(direct, ["partnership", "supports"]);
    let agreed: Vec<&str> = rc["agreements"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["target"].as_str().unwrap())
        .collect();
    for target in ["SCO", "USA"] {
        assert!(agreed.contains(&target), "{target} in {agreed:?}");
    }
    // Russia made the war; China abstained on ES-11/1: a one-sided
    // difference (supports against neutral).
    let war = rc["one_sided"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["target"] == "ukraine-war")
        .expect("they differ on the war");
    assert_eq!(war["a_value"], 1);
    assert_eq!(war["b_value"], 0);
    let text = dg(["align", "India", "Pakistan"]).on(SUMMIT).text();
    assert!(text.contains("hostile"), "{text}");
    assert!(
        text.contains("India disputes with Pakistan over Kashmir"),
        "{text}"
    );
}

#[test]
fn alignment_disagreements_show_opposite_ties() {
    let json = dg(["align", "China", "Ukraine"]).on(SUMMIT).json();
    let on_war = json["one_sided"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["target"] == "ukraine-war")
        .expect("China abstained on ES-11/1, Ukraine opposes the war");
    assert_eq!(on_war["a_value"], 0);
    assert_eq!(on_war["b_value"], -1);
    let russia = json["disagreements"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["target"] == "RUS")
        .expect("China is Russia's partner, Ukraine at war with it");
    assert_eq!(russia["a_value"], 1);
    assert_eq!(russia["b_value"], -1);
}

#[test]
fn most_aligned_with_russia() {
    let json = dg(["align", "Russia", "--top", "3"]).on(SUMMIT).json();
    let ranked: Vec<&str> = json
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    // Belarus and China tie on S (Belarus voted against ES-11/1, China abstained).
    let mut first_two = ranked[..2].to_vec();
    first_two.sort_unstable();
    assert_eq!(first_two, ["BLR", "CHN"]);
    assert_eq!(ranked.len(), 3);
    let by_kappa = dg(["align", "Russia", "--top", "50", "--measure", "kappa"])
        .on(SUMMIT)
        .json();
    let kappas: Vec<f64> = by_kappa
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|r| r["kappa"].as_f64())
        .collect();
    assert!(kappas.windows(2).all(|w| w[0] >= w[1]));
    assert_eq!(
        by_kappa.as_array().unwrap().len(),
        28,
        "every other country"
    );
}

#[test]
fn align_refuses_non_states_and_the_same_state_twice() {
    let err = dg(["align", "SCO", "China"]).on(SUMMIT).fails_with(2);
    assert!(
        err.contains("`SCO` is an organization, but align needs a country"),
        "{err}"
    );
    let err = dg(["align", "China", "PRC"]).on(SUMMIT).fails_with(2);
    assert!(err.contains("two different states"), "{err}");
}

#[test]
fn the_kashmir_dispute_unbalances_every_triangle_it_closes() {
    let json = dg(["balance"]).on(SUMMIT).json();
    let unbalanced = json["unbalanced"].as_array().unwrap();
    assert_eq!(
        unbalanced.len(),
        8,
        "India, Pakistan and each of 8 SCO partners"
    );
    for t in unbalanced {
        let ids = strings(t);
        assert!(ids.contains(&"IND".to_string()) && ids.contains(&"PAK".to_string()));
    }
    assert_eq!(json["frustration"], 1);
    assert_eq!(json["exact"], true);
    assert_eq!(
        json["balanced"].as_u64().unwrap() + 8,
        json["triangles"].as_u64().unwrap()
    );
    let text = dg(["balance"]).on(SUMMIT).text();
    assert!(
        text.contains("China, India, Pakistan: China + India (both in SCO); India − Pakistan (dispute over Kashmir); Pakistan + China (both in SCO)"),
        "{text}"
    );
    // Before India and Pakistan joined, no SCO triangle closed on them.
    let before = dg(["balance"]).on("2016-01-01").json();
    assert_eq!(before["unbalanced"].as_array().unwrap().len(), 0);
}

#[test]
fn weak_balance_counts_three_mutual_enemies_as_balanced() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("rivals.ron");
    std::fs::write(
        &path,
        r#"(version: 1, checked: "2024-01-01",
            entities: [country(id: "AAA", name: "A"), country(id: "BBB", name: "B"), country(id: "CCC", name: "C")],
            relations: [
                rivalry(from: "AAA", to: "BBB"),
                rivalry(from: "BBB", to: "CCC"),
                rivalry(from: "CCC", to: "AAA"),
            ])"#,
    )
    .unwrap();
    let strict = dg(["balance"]).graph(&path).on("2024-01-01").json();
    assert_eq!(strict["triangles"], 1);
    assert_eq!(
        strict["unbalanced"],
        serde_json::json!([["AAA", "BBB", "CCC"]])
    );
    assert_eq!(
        strict["unbalanced_signs"],
        serde_json::json!([[-1, -1, -1]])
    );
    assert_eq!(strict["frustration"], 1);
    let weak = dg(["balance", "--weak"])
        .graph(&path)
        .on("2024-01-01")
        .json();
    assert_eq!(weak["balanced"], 1);
    assert_eq!(weak["unbalanced"], serde_json::json!([]));
    assert_eq!(weak["frustration"], 0);
    assert_eq!(weak["triangle_index"], 1.0);
}

#[test]
fn brokers_and_hubs() {
    let degree = dg(["central", "--measure", "degree", "--top", "3"])
        .on(SUMMIT)
        .json();
    assert_eq!(degree["scores"][0]["id"], "UN");
    assert_eq!(degree["exact"], true);
    assert_eq!(degree["omitted"], degree["total"].as_u64().unwrap() - 3);
    let states = dg(["central", "--countries-only", "--top", "3"])
        .on(SUMMIT)
        .json();
    assert_eq!(states["total"], 29);
    assert_eq!(states["omitted"], 26);
    assert_eq!(states["exact"], true);
    assert_eq!(states["pivots"], serde_json::Value::Null);
    let states = &states["scores"];
    assert!(
        states
            .as_array()
            .unwrap()
            .iter()
            .all(|s| s["kind"] == "country")
    );
    let top: Vec<&str> = states
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap())
        .collect();
    assert!(top.contains(&"RUS"), "{top:?}");
    let pr = dg(["central", "--measure", "pagerank", "--top", "100"])
        .on(SUMMIT)
        .json();
    let total: f64 = pr["scores"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["score"].as_f64().unwrap())
        .sum();
    assert!((total - 1.0).abs() < 1e-6, "{total}");
}

#[test]
fn the_briefing_names_blocs_tensions_and_brokers() {
    let text = dg(["report"]).on(SUMMIT).text();
    for needle in [
        "Most aligned pairs of states",
        "hostile inside a bloc: India – Pakistan",
        "8 of",
        "frustration index 1",
        "Brokers",
    ] {
        assert!(text.contains(needle), "missing {needle:?}:\n{text}");
    }
    let json = dg(["report"]).on(SUMMIT).json();
    let kappas: Vec<f64> = json["alignments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["kappa"].as_f64().unwrap())
        .collect();
    assert_eq!(kappas.len(), 5);
    assert!(kappas.windows(2).all(|w| w[0] >= w[1]), "{kappas:?}");
    assert_eq!(json["balance"]["frustration"], 1);
    // The briefing's first broker is the most central state.
    let central = dg(["central", "--countries-only", "--top", "1"])
        .on(SUMMIT)
        .json();
    assert_eq!(json["brokers"][0]["id"], central["scores"][0]["id"]);
}
