//! Alignment as the literature measures it (bases, every measure, weights)
//! and questions asked step by step over time (`--from/--to`).

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::support::dg;

const SUMMIT: &str = "2024-07-04";

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/align")
        .join(name)
}

fn round(v: &Value, places: i32) -> f64 {
    let f = 10f64.powi(places);
    (v.as_f64().unwrap_or_else(|| panic!("not a number: {v}")) * f).round() / f
}

/// Signorino & Ritter (1999), Table 6, through the binary: the alliances
/// of 1914 as a database, the capability shares as a weights file.
#[test]
fn table_6_on_the_alliances_basis() {
    let europe = fixture("europe_1914.ron");
    let json = dg(["align", "Germany", "Russia", "--basis", "alliances"])
        .graph(&europe)
        .on("1914-07-01")
        .json();
    assert_eq!(json["basis"], "alliances");
    assert_eq!(json["n"], 20);
    assert_eq!(round(&json["s_score"], 2), 0.4);
    assert_eq!(round(&json["kappa"], 4), -0.0776);
    assert_eq!(round(&json["pi"], 4), -0.0448);
    assert_eq!(round(&json["tau_b"], 4), 0.0303);
    let weights = fixture("capabilities_1914.csv");
    let weighted = dg([
        "align",
        "GMY",
        "RUS",
        "--basis",
        "alliances",
        "--weights",
        weights.to_str().unwrap(),
    ])
    .graph(&europe)
    .on("1914-07-01")
    .json();
    assert_eq!(round(&weighted["s_score"], 2), -0.46);
    assert_eq!(weighted["weighted"], true);
    // S recomputes from the listed dimensions: 1 − 2·Σ|a − b| / (3·n).
    let distance: f64 = ["agreements", "disagreements", "one_sided"]
        .iter()
        .flat_map(|k| json[*k].as_array().unwrap())
        .map(|c| (c["a_value"].as_f64().unwrap() - c["b_value"].as_f64().unwrap()).abs())
        .sum();
    assert!((1.0 - 2.0 * distance / 60.0 - json["s_score"].as_f64().unwrap()).abs() < 1e-12);
    // Italy: allied with both, at different strengths (defense, entente).
    let text = dg(["align", "Germany", "Russia", "--basis", "alliances"])
        .graph(&europe)
        .on("1914-07-01")
        .text();
    assert!(text.contains("Allied at different strengths (1)"), "{text}");
    assert!(
        text.contains("on Italy: Germany defense pact, Russia entente"),
        "{text}"
    );
    // Ranked by κ: Germany's allies first.
    let top = dg([
        "align",
        "Germany",
        "--top",
        "2",
        "--basis",
        "alliances",
        "--measure",
        "kappa",
    ])
    .graph(&europe)
    .on("1914-07-01")
    .json();
    let ids: Vec<&str> = top
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["AUH", "RUM"]);
}

#[test]
fn every_measure_is_reported_and_undefined_ones_say_why() {
    let json = dg(["align", "Russia", "China"]).on(SUMMIT).json();
    for key in ["s_score", "s_squared", "kappa", "pi", "tau_b", "n", "basis"] {
        assert!(json.get(key).is_some(), "{key} missing: {json}");
    }
    assert_eq!(json["basis"], "relations");
    assert!(json["undefined"].is_null());
    // On votes, the bundled database records no roll call: nothing to compare.
    let votes = dg(["align", "Russia", "China", "--basis", "votes"])
        .on(SUMMIT)
        .json();
    assert_eq!(votes["n"], 0);
    assert!(votes["s_score"].is_null());
    assert!(
        votes["undefined"]
            .as_str()
            .unwrap()
            .contains("nothing to compare")
    );
    let text = dg(["align", "Russia", "China", "--basis", "votes"])
        .on(SUMMIT)
        .text();
    assert!(text.contains("S = undefined"), "{text}");
}

#[test]
fn alliances_without_a_type_are_left_out_and_listed() {
    // The bundled Russia–Belarus alliance (the Union State) has no COW type.
    let json = dg(["align", "Russia", "Belarus", "--basis", "alliances"])
        .on(SUMMIT)
        .json();
    let untyped = json["untyped"].as_array().unwrap();
    assert_eq!(untyped.len(), 1, "{json}");
    assert_eq!(untyped[0]["kind"], "alliance");
    let text = dg(["align", "Russia", "Belarus", "--basis", "alliances"])
        .on(SUMMIT)
        .text();
    assert!(
        text.contains("left out: 1 alliance whose type is not recorded"),
        "{text}"
    );
}

#[test]
fn bad_weights_are_all_listed_and_votes_are_not_weighted() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("w.csv");
    std::fs::write(&bad, "entity,weight\nRussia,heavy\nChina,-1\nRusia,1\n").unwrap();
    let err = dg([
        "align",
        "Russia",
        "China",
        "--weights",
        bad.to_str().unwrap(),
    ])
    .on(SUMMIT)
    .fails_with(2);
    assert!(
        err.contains("w.csv:2:") && err.contains("w.csv:3:"),
        "{err}"
    );
    let unknown = dir.path().join("u.csv");
    std::fs::write(&unknown, "entity,weight\nRusia,1\nChina,1\nChina,2\n").unwrap();
    let err = dg([
        "align",
        "Russia",
        "China",
        "--weights",
        unknown.to_str().unwrap(),
    ])
    .on(SUMMIT)
    .fails_with(2);
    assert!(
        err.contains("u.csv:2:") && err.contains("Russia (RUS)"),
        "{err}"
    );
    assert!(
        err.contains("u.csv:4:") && err.contains("weighted twice"),
        "{err}"
    );
    let good = dir.path().join("g.csv");
    std::fs::write(&good, "entity,weight\nRussia,1\n").unwrap();
    let err = dg([
        "align",
        "Russia",
        "China",
        "--basis",
        "votes",
        "--weights",
        good.to_str().unwrap(),
    ])
    .on(SUMMIT)
    .fails_with(2);
    assert!(err.contains("not weighted"), "{err}");
    // Dimensions the file leaves out weigh 0, and the answer says which.
    let json = dg([
        "align",
        "Russia",
        "China",
        "--weights",
        good.to_str().unwrap(),
    ])
    .on(SUMMIT)
    .json();
    assert!(
        json["missing_weights"]
            .as_array()
            .unwrap()
            .iter()
            .any(|id| id == "CHN")
    );
}

#[test]
fn align_over_time_gives_one_row_per_year() {
    let rows = dg(["align", "Russia", "China", "--from", "2000", "--to", "2024"]).json();
    let rows = rows.as_array().unwrap();
    assert_eq!(rows.len(), 25);
    assert_eq!(rows[0]["step"], "2000");
    assert_eq!(rows[24]["step"], "2024");
    assert_eq!(rows[0]["from"], "2000-01-01");
    assert_eq!(rows[0]["until"], "2001-01-01");
    assert_eq!(rows[0]["rule"], "any");
    // Before the SCO (2001) and the treaty of 2001 they shared less.
    assert!(rows[0]["s_score"].as_f64() < rows[1]["s_score"].as_f64());
    // A step equals the single-day answer on that day under `first`/`last`.
    let last = dg([
        "align", "Russia", "China", "--from", "2023", "--to", "2023", "--rule", "last",
    ])
    .json();
    let day = dg(["align", "Russia", "China"]).on("2023-12-31").json();
    for key in ["s_score", "s_squared", "kappa", "pi", "tau_b", "n"] {
        assert_eq!(last[0][key], day[key], "{key}");
    }
    let text = dg(["align", "Russia", "China", "--from", "2023", "--to", "2024"]).text();
    assert!(
        text.starts_with("Alignment of Russia and China on relations, 2023 to 2024"),
        "{text}"
    );
    let months = dg([
        "align", "Russia", "China", "--from", "2024-06", "--to", "2024-08", "--every", "month",
    ])
    .json();
    let steps: Vec<&str> = months
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["step"].as_str().unwrap())
        .collect();
    assert_eq!(steps, ["2024-06", "2024-07", "2024-08"]);
}

#[test]
fn members_over_time_show_who_joined() {
    let rows = dg([
        "members", "SCO", "--from", "2023", "--to", "2024", "--rule", "last",
    ])
    .json();
    assert_eq!(rows[0]["member"], 9, "Iran joined on 2023-07-04");
    assert_eq!(rows[1]["member"], 10, "Belarus joined on 2024-07-04");
    assert!(
        rows[1]["joined"].as_array().unwrap().is_empty(),
        "Belarus was an observer before"
    );
    let first = dg([
        "members", "SCO", "--from", "2024", "--to", "2024", "--rule", "first",
    ])
    .json();
    assert_eq!(first[0]["member"], 9, "not yet on 1 January 2024");
    let all = dg([
        "members", "SCO", "--from", "2000", "--to", "2001", "--rule", "last",
    ])
    .json();
    assert_eq!(all[0]["member"], 0);
    let joined: Vec<&str> = all[1]["joined"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert_eq!(joined.len(), 6, "the six founders: {joined:?}");
}

#[test]
fn balance_clusters_and_central_take_series_too() {
    let balance = dg(["balance", "--from", "2013", "--to", "2015"]).json();
    assert_eq!(balance.as_array().unwrap().len(), 3);
    assert!(balance[0].get("triangle_index").is_some());
    let clusters = dg([
        "clusters", "--method", "blocs", "--from", "2023", "--to", "2024",
    ])
    .json();
    assert!(clusters[1]["clusters"].as_u64().unwrap() >= 2);
    let central = dg([
        "central",
        "--countries-only",
        "--top",
        "1",
        "--from",
        "2023",
        "--to",
        "2024",
    ])
    .json();
    assert_eq!(central[1]["1"], "RUS");
}

#[test]
fn series_refuse_what_they_cannot_answer() {
    let err = dg(["align", "Russia", "China", "--from", "2024", "--to", "2020"]).fails_with(2);
    assert!(err.contains("before --from"), "{err}");
    let err = dg(["align", "Russia", "--from", "2020", "--to", "2024"]).fails_with(2);
    assert!(err.contains("one pair of states"), "{err}");
    let err = dg(["align", "Russia", "China", "--from", "2020"]).fails_with(2);
    assert!(err.contains("--to"), "{err}");
    let err = dg([
        "align",
        "Russia",
        "China",
        "--from",
        "2020",
        "--to",
        "2021",
        "--as-of",
        "2020-01-01",
    ])
    .fails_with(2);
    assert!(err.contains("--as-of"), "{err}");
}

/// The chart in the README is what the binary draws today: regenerated and
/// compared byte for byte (plotters' SVG is deterministic).
#[test]
fn the_readme_chart_is_a_real_run() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("rc.svg");
    let args = [
        "align", "Russia", "China", "--from", "2001", "--to", "2024", "--every", "year",
    ];
    let text = dg(args
        .iter()
        .copied()
        .chain(["--chart", out.to_str().unwrap()]))
    .text();
    assert!(text.starts_with("Alignment of Russia and China on relations, 2001 to 2024"));
    let drawn = std::fs::read_to_string(&out).unwrap();
    let committed = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/russia_china_alignment.svg"),
    )
    .unwrap();
    assert!(
        drawn == committed,
        "examples/russia_china_alignment.svg is stale: rerun the README's command"
    );
    for label in [
        "S²",
        "κ",
        "π",
        "τb",
        "2001",
        "2023",
        "Alignment of Russia and China on relations",
    ] {
        assert!(drawn.contains(label), "{label}");
    }
    // The file is never replaced unless asked.
    let err = dg(args
        .iter()
        .copied()
        .chain(["--chart", out.to_str().unwrap()]))
    .fails_with(2);
    assert!(err.contains("--force"), "{err}");
    dg(args
        .iter()
        .copied()
        .chain(["--chart", out.to_str().unwrap(), "--force"]))
    .text();
    // Nor is the database.
    let copy = dir.path().join("db.svg");
    std::fs::copy(crate::support::repo_graph(), &copy).unwrap();
    let before = std::fs::read(&copy).unwrap();
    let err = dg(args
        .iter()
        .copied()
        .chain(["--chart", copy.to_str().unwrap(), "--force"]))
    .graph(&copy)
    .fails_with(2);
    assert!(err.contains("the database"), "{err}");
    assert_eq!(std::fs::read(&copy).unwrap(), before);
}
