//! Bounded output on generated graphs: every analysis lists a capped
//! answer by default, says what it left out, and gives the whole answer on
//! request (`--limit`, `--all`). No timings are asserted: the values are.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use serde_json::Value;

use super::support::dg;

/// A generated graph, made once per test run and kept for every test.
fn generated(name: &str, relations: usize) -> PathBuf {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    let dir = DIR.get_or_init(|| tempfile::tempdir().expect("temp dir").keep());
    let path = dir.join(name);
    if !path.exists() {
        let part = dir.join(format!("{name}.part"));
        let out = dg([
            "generate",
            "--seed",
            "1",
            "--countries",
            "300",
            "--organizations",
            "300",
            "--relations",
            &relations.to_string(),
            "--output",
            part.to_str().expect("UTF-8 path"),
        ])
        .default_graph()
        .run();
        assert_eq!(out.code, 0, "{}", out.stderr);
        // Several tests may race to make it: the rename is atomic.
        std::fs::rename(&part, &path).unwrap_or(());
    }
    path
}

/// 300 countries, 300 organizations, 30,000 relations (3,736 entities).
fn small() -> PathBuf {
    static PATH: OnceLock<PathBuf> = OnceLock::new();
    PATH.get_or_init(|| generated("small.ron", 30_000)).clone()
}

/// The same with 45,000 relations: 5,361 entities, too many to draw.
fn wide() -> PathBuf {
    static PATH: OnceLock<PathBuf> = OnceLock::new();
    PATH.get_or_init(|| generated("wide.ron", 45_000)).clone()
}

fn on(graph: &Path, args: &[&str]) -> super::support::Dg {
    dg(args).graph(graph).on("2024-01-01")
}

fn count(v: &Value) -> u64 {
    v.as_u64().expect("a count")
}

#[test]
fn balance_counts_every_triangle_and_lists_the_twenty_worst() {
    let g = small();
    let json = on(&g, &["balance"]).json();
    let counts = &json["counts"];
    let total: u64 = ["+++", "++-", "+--", "---"]
        .iter()
        .map(|k| count(&counts[*k]))
        .sum();
    assert_eq!(total, count(&json["triangles"]));
    let unbalanced = count(&counts["++-"]) + count(&counts["---"]);
    assert_eq!(count(&json["unbalanced_count"]), unbalanced);
    assert_eq!(count(&json["balanced"]) + unbalanced, total);
    assert!(unbalanced > 20, "{unbalanced}");
    assert_eq!(json["unbalanced"].as_array().unwrap().len(), 20);
    assert_eq!(count(&json["omitted"]), unbalanced - 20);
    // Every listed triangle really is unbalanced (an odd number of −).
    for signs in json["unbalanced_signs"].as_array().unwrap() {
        let negatives = signs
            .as_array()
            .unwrap()
            .iter()
            .filter(|s| s.as_i64() == Some(-1))
            .count();
        assert_eq!(negatives % 2, 1, "{signs}");
    }
    // 300 states in one part: the frustration index is bounded, and says so.
    assert_eq!(json["exact"], false);
    assert!(json["method"].as_str().unwrap().contains("relocation"));
    assert!(count(&json["frustration_lower"]) <= count(&json["frustration"]));
    assert!(count(&json["frustration_lower"]) > 0);

    let all = on(&g, &["balance", "--all"]).json();
    assert_eq!(
        all["unbalanced"].as_array().unwrap().len() as u64,
        unbalanced
    );
    assert_eq!(all["omitted"], 0);
    // The five worst are among the twenty worst.
    let five = on(&g, &["balance", "--limit", "5"]).json();
    let twenty = json["unbalanced"].as_array().unwrap();
    for t in five["unbalanced"].as_array().unwrap() {
        assert!(twenty.contains(t), "{t}");
    }
    let text = on(&g, &["balance"]).text();
    assert!(
        text.contains(&format!("… and {} more", unbalanced - 20)),
        "{text}"
    );
    assert!(text.contains("frustration index: between"), "{text}");
    assert!(text.contains("by signs: +++ "), "{text}");
}

#[test]
fn weak_balance_counts_only_two_friends_and_a_foe_as_unbalanced() {
    let g = small();
    let strict = on(&g, &["balance"]).json();
    let weak = on(&g, &["balance", "--weak"]).json();
    assert_eq!(strict["counts"], weak["counts"]);
    assert_eq!(weak["unbalanced_count"], weak["counts"]["++-"]);
}

#[test]
fn clusters_are_capped_in_number_and_in_members() {
    let g = small();
    let all = on(&g, &["clusters", "--method", "components", "--all"]).json();
    let clusters = all.as_array().unwrap();
    let n = clusters.len();
    assert!(n > 20, "{n}");
    let largest = count(&clusters[0]["size"]);
    assert!(largest > 50);
    assert_eq!(
        clusters[0]["members"].as_array().unwrap().len() as u64,
        largest
    );
    let sizes: u64 = clusters.iter().map(|c| count(&c["size"])).sum();
    let entities = count(&dg(["check"]).graph(&g).json()["entity_count"]);
    assert_eq!(sizes, entities, "every entity in one component");

    let capped = on(&g, &["clusters", "--method", "components"]).json();
    let capped = capped.as_array().unwrap();
    assert_eq!(capped.len(), 20);
    assert_eq!(count(&capped[0]["omitted_clusters"]), n as u64 - 20);
    assert_eq!(capped[0]["members"].as_array().unwrap().len(), 50);
    assert_eq!(count(&capped[0]["size"]), largest);
    assert_eq!(count(&capped[0]["omitted_members"]), largest - 50);

    let text = on(&g, &["clusters", "--method", "components"]).text();
    assert!(
        text.contains(&format!("… and {} more", largest - 50)),
        "{text}"
    );
    assert!(
        text.contains(&format!("… and {} more components", n - 20)),
        "{text}"
    );
    let three = on(
        &g,
        &[
            "clusters",
            "--method",
            "components",
            "--limit",
            "3",
            "--members",
            "2",
        ],
    )
    .json();
    assert_eq!(three.as_array().unwrap().len(), 3);
    assert_eq!(three[0]["members"].as_array().unwrap().len(), 2);
}

#[test]
fn blocs_and_cliques_on_a_generated_graph_are_capped_too() {
    let g = small();
    let blocs = on(&g, &["clusters", "--method", "blocs"]).json();
    let first = &blocs[0];
    assert!(first["error"].as_f64().unwrap() > 0.0);
    let listed = first["negative_inside"].as_array().unwrap().len() as u64;
    assert!(listed <= 20);
    let all = on(&g, &["clusters", "--method", "blocs", "--all"]).json();
    assert_eq!(
        all[0]["negative_inside"].as_array().unwrap().len() as u64,
        listed + count(&first["omitted_negative_inside"])
    );
    assert_eq!(all[0]["error"], first["error"], "the same partition");
    let cliques = on(&g, &["clusters", "--method", "cliques", "--limit", "4"]).json();
    assert_eq!(cliques.as_array().unwrap().len(), 4);
    let sizes: Vec<u64> = cliques
        .as_array()
        .unwrap()
        .iter()
        .map(|c| count(&c["size"]))
        .collect();
    assert!(sizes.windows(2).all(|w| w[0] >= w[1]), "{sizes:?}");
}

#[test]
fn betweenness_is_estimated_within_its_stated_bound() {
    let g = small();
    // Over every kind (the default, signed ties between states and
    // organizations, spans only the 600 of them: exact).
    let all_time = |args: &[&str]| {
        let mut args: Vec<&str> = args.to_vec();
        for kind in diplograph::model::RelationKind::ALL {
            args.extend(["--via", kind.name()]);
        }
        args.push("--all-time");
        dg(args).graph(&g)
    };
    let sampled = all_time(&["central", "--top", "3000"]).json();
    assert_eq!(sampled["exact"], false);
    let pivots = count(&sampled["pivots"]);
    let bound = sampled["error_bound"].as_f64().unwrap();
    assert!(pivots > 0 && pivots < count(&sampled["total"]));
    assert!(bound > 0.0 && bound < 1.0);
    assert_eq!(sampled["confidence"], 0.95);
    let exact = all_time(&["central", "--top", "3000", "--exact"]).json();
    assert_eq!(exact["exact"], true);
    assert_eq!(exact["pivots"], Value::Null);
    let score = |v: &Value| -> std::collections::HashMap<String, f64> {
        v["scores"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| {
                (
                    s["id"].as_str().unwrap().to_string(),
                    s["score"].as_f64().unwrap(),
                )
            })
            .collect()
    };
    let (a, b) = (score(&sampled), score(&exact));
    let worst = b
        .iter()
        .map(|(id, x)| (a.get(id).copied().unwrap_or(0.0) - x).abs())
        .fold(0.0, f64::max);
    assert!(worst <= bound, "{worst} > {bound}");
    // Deterministic: the same pivots every run.
    assert_eq!(sampled, all_time(&["central", "--top", "3000"]).json());
    let text = all_time(&["central"]).text();
    assert!(
        text.contains(&format!("estimated from {pivots} of")),
        "{text}"
    );
    assert!(text.contains("more (--top N lists more)"), "{text}");
}

#[test]
fn the_report_caps_its_sections() {
    let g = small();
    let text = on(&g, &["report"]).text();
    assert!(text.contains("… and 280 more organizations"), "{text}");
    assert!(text.contains("… and 280 more leaders"), "{text}");
    assert!(text.contains("frustration index between"), "{text}");
    let json = on(&g, &["report"]).json();
    assert_eq!(json["organizations"].as_array().unwrap().len(), 20);
    assert_eq!(json["organizations_omitted"], 280);
    assert_eq!(json["leaders"].as_array().unwrap().len(), 20);
    assert!(count(&json["tensions_omitted"]) > 0);
    assert_eq!(json["balance"]["exact"], false);
    assert_eq!(json["brokers"].as_array().unwrap().len(), 5);
}

#[test]
fn the_whole_report_is_there_on_request() {
    let g = small();
    let json = on(&g, &["report", "--limit", "50"]).json();
    assert_eq!(json["organizations"].as_array().unwrap().len(), 50);
    assert_eq!(json["organizations_omitted"], 250);
    assert_eq!(json["leaders"].as_array().unwrap().len(), 50);
    let all = on(&g, &["report", "--all"]).json();
    assert_eq!(all["organizations"].as_array().unwrap().len(), 300);
    assert_eq!(all["organizations_omitted"], 0);
    assert_eq!(all["leaders_omitted"], 0);
    assert_eq!(all["tensions_omitted"], 0);
    let text = on(&g, &["report", "--all"]).text();
    assert!(!text.contains("more organizations"), "{text}");
}

#[test]
fn align_lists_twenty_of_each_unless_asked() {
    let g = small();
    let json = on(&g, &["align", "AAA", "LSP"]).json();
    let agreements = json["agreements"].as_array().unwrap().len() as u64;
    let omitted = count(&json["agreements_omitted"]);
    let all = on(&g, &["align", "AAA", "LSP", "--all"]).json();
    assert_eq!(
        all["agreements"].as_array().unwrap().len() as u64,
        agreements + omitted
    );
    assert_eq!(all["s_score"], json["s_score"]);
    if omitted > 0 {
        assert_eq!(agreements, 20);
    }
    let ranked = on(&g, &["align", "AAA", "--top", "5"]).json();
    assert_eq!(ranked.as_array().unwrap().len(), 5);
    // The ranking is the one comparing every state in full.
    let every = on(&g, &["align", "AAA", "--top", "1000"]).json();
    assert_eq!(
        ranked.as_array().unwrap()[..],
        every.as_array().unwrap()[..5]
    );
}

#[test]
fn all_paths_are_the_first_shortest_ones() {
    let g = small();
    let first = on(&g, &["path", "AAA", "LSP", "--all", "--format", "json"]).text();
    let first: Value = serde_json::from_str(&first).unwrap();
    let first = first.as_array().unwrap();
    assert_eq!(first.len(), 100);
    let more: Value = serde_json::from_str(
        &on(
            &g,
            &[
                "path", "AAA", "LSP", "--all", "--limit", "300", "--format", "json",
            ],
        )
        .text(),
    )
    .unwrap();
    let more = more.as_array().unwrap();
    assert_eq!(more.len(), 300);
    assert_eq!(first[..], more[..100], "a prefix of the longer answer");
    let hops: Vec<u64> = more.iter().map(|p| count(&p["hops"])).collect();
    assert!(hops.windows(2).all(|w| w[0] <= w[1]));
    let text = on(&g, &["path", "AAA", "LSP", "--all"]).text();
    assert!(text.contains("stopped after the first 100 paths"), "{text}");
}

#[test]
fn large_drawings_are_refused_unless_narrowed_or_forced() {
    let g = wide();
    let err = on(&g, &["export", "dot"]).fails_with(2);
    assert!(err.contains("would draw 5361 entities"), "{err}");
    assert!(err.contains("--max-nodes"), "{err}");
    let dot = on(&g, &["export", "dot", "--max-nodes", "40"]).text();
    let nodes = dot
        .lines()
        .filter(|l| l.trim_start().starts_with('n') && l.contains(" [label=") && !l.contains("->"))
        .count();
    assert!(nodes > 0 && nodes <= 40, "{nodes}");
    let forced = on(&g, &["export", "dot", "--force"]).run();
    assert_eq!(forced.code, 0, "{}", forced.stderr);
    let err = on(&g, &["export", "graphml", "--force"]).fails_with(2);
    assert!(err.contains("--force only applies to dot"), "{err}");
    // Data formats are not drawings: written whole.
    let graphml = on(&g, &["export", "graphml"]).text();
    assert_eq!(graphml.matches("<node id=").count(), 5361);
}

#[test]
fn a_closed_pipe_is_not_an_error_for_streamed_exports() {
    use std::io::Read;
    use std::process::{Command, Stdio};
    let g = small();
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("diplograph"))
        .args(["--graph", g.to_str().unwrap(), "export", "json"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut head = [0u8; 64];
    child
        .stdout
        .as_mut()
        .unwrap()
        .read_exact(&mut head)
        .unwrap();
    drop(child.stdout.take());
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    let status = child.wait().unwrap();
    assert!(status.success(), "{status:?}: {stderr}");
    assert!(!stderr.contains("Broken pipe"), "{stderr}");
    assert!(String::from_utf8_lossy(&head).starts_with("{\n  \"directed\": true"));
}
