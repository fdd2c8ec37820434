use super::measures::{kendall_tau_b, s_score, scott_pi, weighted_kappa};
use super::*;
use crate::graph::{DiploGraph, When};
use std::fmt::Write as _;

/// Signorino & Ritter (1999), Table 6, as a database: the 20 European
/// states of 1914 with Germany's and Russia's alliances (the Triple
/// Alliance and Romania; the Franco-Russian alliance and the ententes).
fn europe_1914() -> DiploGraph {
    let states = [
        ("GMY", "Germany"),
        ("RUS", "Russia"),
        ("UKG", "United Kingdom"),
        ("FRN", "France"),
        ("AUH", "Austria-Hungary"),
        ("ITA", "Italy"),
        ("BEL", "Belgium"),
        ("SPN", "Spain"),
        ("TUR", "Ottoman Empire"),
        ("NTH", "Netherlands"),
        ("SWD", "Sweden"),
        ("RUM", "Romania"),
        ("POR", "Portugal"),
        ("SWZ", "Switzerland"),
        ("GRC", "Greece"),
        ("DEN", "Denmark"),
        ("YUG", "Serbia"),
        ("BUL", "Bulgaria"),
        ("NOR", "Norway"),
        ("ALB", "Albania"),
    ];
    let entities: Vec<String> = states
        .iter()
        .map(|(id, name)| format!(r#"country(id: "{id}", name: "{name}")"#))
        .collect();
    let alliances = [
        ("GMY", "AUH", "defense"),
        ("GMY", "ITA", "defense"),
        ("GMY", "RUM", "defense"),
        ("RUS", "FRN", "defense"),
        ("RUS", "UKG", "entente"),
        ("RUS", "ITA", "entente"),
        // Untyped: left out of the alliances basis, and said so.
        ("UKG", "FRN", ""),
    ];
    let relations: Vec<String> = alliances
        .iter()
        .map(|(a, b, t)| {
            let t = if t.is_empty() {
                String::new()
            } else {
                format!(", type: {t}")
            };
            format!(r#"alliance(from: "{a}", to: "{b}", since: "1900", until: "1915"{t})"#)
        })
        .collect();
    DiploGraph::parse(
        "europe.ron",
        &format!(
            r#"(version: 1, checked: "2024-07-04", entities: [{}], relations: [{}])"#,
            entities.join(", "),
            relations.join(", ")
        ),
    )
    .unwrap()
}

#[test]
fn table_6_from_a_database_of_alliances() {
    let graph = europe_1914();
    let view = graph.at(When::On(jiff::civil::date(1914, 7, 1)));
    let frame = Frame::new(view, Basis::Alliances);
    let (gmy, rus) = (graph.node("GMY").unwrap(), graph.node("RUS").unwrap());
    let found = align(&frame, gmy, rus);
    let round = |v: Option<f64>, places: i32| {
        (v.unwrap() * 10f64.powi(places)).round() / 10f64.powi(places)
    };
    assert_eq!(found.scores.n, 20);
    assert_eq!(round(found.scores.s_score, 2), 0.4);
    assert_eq!(round(found.scores.kappa, 4), -0.0776);
    assert_eq!(round(found.scores.pi, 4), -0.0448);
    assert_eq!(round(found.scores.tau_b, 4), 0.0303);
    assert!(
        found.untyped.is_empty(),
        "neither is party to the untyped one"
    );
    // Italy: both allied, at different strengths; Austria-Hungary: only
    // Germany; none shared.
    let ita = graph.node("ITA").unwrap();
    assert!(found.disagreements.iter().any(|c| c.target == ita));
    assert!(found.agreements.is_empty());
    // Weighted by the capability shares of the table.
    let shares = "entity,weight\nGMY,.25\nRUS,.21\nUKG,.20\nFRN,.08\nAUH,.08\nITA,.05\nBEL,.03\n\
                  SPN,.03\nTUR,.02\nNTH,.01\nSWD,.01\nRUM,.01\nPOR,.01\nSWZ,.01\nGRC,0\nDEN,0\n\
                  YUG,0\nBUL,0\nNOR,0\nALB,0\n";
    let rows = crate::import::weights::read(shares.as_bytes(), "w.csv").unwrap();
    let weights = Weights::resolve(&graph, &rows, "w.csv", jiff::civil::date(1914, 7, 1)).unwrap();
    let weighted = align(&frame.weighted(Some(&weights)), gmy, rus);
    assert_eq!(round(weighted.scores.s_score, 2), -0.46);
    assert!(weighted.missing_weights.is_empty());
    // The United Kingdom's alliance with France has no type.
    let ukg = graph.node("UKG").unwrap();
    let fra = graph.node("FRN").unwrap();
    assert_eq!(align(&frame, ukg, fra).untyped.len(), 1);
}

/// The plain comparison over every dimension in order, through the vector
/// functions: the reference the sparse [`compare`] must match.
fn dense_reference(frame: &Frame<'_>, a: &Portfolio, b: &Portfolio) -> Scores {
    let dims = dimensions(frame);
    let value = |p: &Portfolio, t: NodeIndex| p.holdings.get(&t).map_or(0, |h| i64::from(h.value));
    let mut targets: Vec<NodeIndex> = dims.clone();
    targets.extend(
        a.holdings
            .keys()
            .filter(|t| only_if_both(&frame.view, **t) && b.holdings.contains_key(t)),
    );
    let x: Vec<i64> = targets.iter().map(|t| value(a, *t)).collect();
    let y: Vec<i64> = targets.iter().map(|t| value(b, *t)).collect();
    let w: Vec<f64> = targets
        .iter()
        .map(|t| {
            if only_if_both(&frame.view, *t) {
                1.0
            } else {
                frame.weight(*t)
            }
        })
        .collect();
    let (min, max) = frame.basis.categories();
    let weights = frame.weights.map(|_| &w[..]);
    Scores {
        s_score: s_score(&x, &y, weights, min, max, false),
        s_squared: s_score(&x, &y, weights, min, max, true),
        kappa: weighted_kappa(&x, &y, weights, min, max),
        pi: scott_pi(&x, &y, weights, min, max),
        tau_b: kendall_tau_b(&x, &y, min, max),
        n: targets.len(),
        weight: weights.map_or(targets.len() as f64, |w| w.iter().sum()),
    }
}

fn close(a: Option<f64>, b: Option<f64>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => (a - b).abs() < 1e-9,
        (a, b) => a == b,
    }
}

/// The sparse comparison gives what comparing every dimension in order
/// gives, on every basis, and S recomputes from the lists alone.
#[test]
fn the_sparse_comparison_is_the_full_one() {
    use crate::generate::{Params, generate};
    let small = Params {
        seed: 5,
        countries: 30,
        organizations: 8,
        relations: 1_500,
    };
    for text in [
        crate::store::BUNDLED.to_string(),
        generate(&small).unwrap().text,
    ] {
        let graph = DiploGraph::new(crate::store::load_str("g", &text).unwrap());
        let states: Vec<NodeIndex> = graph
            .nodes()
            .filter(|n| graph.entity_kind(*n) == EntityKind::Country)
            .collect();
        let half = states.iter().step_by(2).enumerate().fold(
            "entity,weight\n".to_string(),
            |mut text, (i, s)| {
                let _ = writeln!(text, "{},{}", graph.entity(*s).id, 1 + i % 3);
                text
            },
        );
        let rows = crate::import::weights::read(half.as_bytes(), "w.csv").unwrap();
        let weights =
            Weights::resolve(&graph, &rows, "w.csv", jiff::civil::date(2024, 7, 4)).unwrap();
        for when in [When::On(jiff::civil::date(2024, 7, 4)), When::AllTime] {
            for basis in [Basis::Relations, Basis::Alliances, Basis::Votes] {
                for w in [None, Some(&weights)] {
                    let frame = Frame::new(graph.at(when), basis).weighted(w);
                    let dims = frame.dimensions();
                    for &a in &states {
                        for &b in &states {
                            let (pa, pb) = (portfolio(&frame, a), portfolio(&frame, b));
                            let full = dense_reference(&frame, &pa, &pb);
                            let sparse = compare(&frame, &dims, &pa, &pb);
                            let s = sparse.scores;
                            for (x, y) in [
                                (full.s_score, s.s_score),
                                (full.s_squared, s.s_squared),
                                (full.kappa, s.kappa),
                                (full.pi, s.pi),
                                (full.tau_b, s.tau_b),
                            ] {
                                assert!(close(x, y), "{basis:?} {full:?} {s:?}");
                            }
                            assert_eq!(full.n, s.n);
                            if w.is_none() {
                                let listed: u32 =
                                    [&sparse.agreements, &sparse.disagreements, &sparse.one_sided]
                                        .into_iter()
                                        .flatten()
                                        .map(|c| u32::from(c.distance()))
                                        .sum();
                                let (min, max) = basis.categories();
                                let recomputed = (s.n > 0).then(|| {
                                    1.0 - 2.0 * f64::from(listed)
                                        / ((max - min) as f64 * s.n as f64)
                                });
                                assert!(close(recomputed, s.s_score));
                            }
                        }
                    }
                }
            }
        }
    }
}

#[test]
fn ranking_agrees_with_comparing_each_pair() {
    let graph = europe_1914();
    let frame = Frame::new(
        graph.at(When::On(jiff::civil::date(1914, 7, 1))),
        Basis::Alliances,
    );
    let gmy = graph.node("GMY").unwrap();
    let ranked = rank(&frame, gmy, 3, Measure::S);
    assert_eq!(ranked.len(), 3);
    // Germany's allies: Austria-Hungary and Romania, allied with Germany alone, tie
    // (by id); Italy, also Russia's entente partner, trails.
    let ids: Vec<&str> = ranked
        .iter()
        .map(|a| graph.entity(a.b).id.as_str())
        .collect();
    assert_eq!(ids, ["AUH", "RUM", "ITA"]);
    for al in &ranked {
        assert_eq!(al.scores, align(&frame, gmy, al.b).scores);
    }
}

#[test]
fn votes_are_compared_on_the_roll_calls_both_cast() {
    let graph = DiploGraph::parse(
        "v.ron",
        r#"(version: 1, checked: "2024-07-04", entities: [
            country(id: "ZZA", name: "Aland", statehood: [(since: "1990-01-01")]),
            country(id: "ZZB", name: "Bland"),
            roll_call(id: "r1", name: "r1", date: "1989-05-01"),
            roll_call(id: "r2", name: "r2", date: "1989-06-01"),
            roll_call(id: "r3", name: "r3", date: "1989-07-01"),
            roll_call(id: "r4", name: "r4", date: "1990-07-01"),
        ], relations: [
            vote(from: "ZZA", to: "r1", position: yes),
            vote(from: "ZZB", to: "r1", position: no),
            vote(from: "ZZA", to: "r2", position: abstain),
            vote(from: "ZZB", to: "r2", position: abstain),
            vote(from: "ZZA", to: "r3", position: yes),
            vote(from: "ZZA", to: "r4", position: yes),
            vote(from: "ZZB", to: "r4", position: yes),
        ])"#,
    )
    .unwrap();
    let (a, b) = (graph.node("ZZA").unwrap(), graph.node("ZZB").unwrap());
    // 1989: before Aland's statehood, its votes still count; r3 only one cast.
    let frame = Frame::new(
        graph.at(When::On(jiff::civil::date(1989, 12, 1))),
        Basis::Votes,
    );
    let found = align(&frame, a, b);
    assert_eq!(found.scores.n, 2);
    // yes (1) against no (3): distance 2; abstain both: 0. S = 1 − 2·2/(2·2).
    assert_eq!(found.scores.s_score, Some(0.0));
    assert_eq!(found.disagreements.len(), 1);
    assert_eq!(found.agreements.len(), 1);
    let later = Frame::new(
        graph.at(When::On(jiff::civil::date(1990, 12, 1))),
        Basis::Votes,
    );
    let found = align(&later, a, b);
    assert_eq!(found.scores.n, 1);
    assert_eq!(found.scores.s_score, Some(1.0));
    assert!(found.scores.kappa.is_none());
    let none = Frame::new(
        graph.at(When::On(jiff::civil::date(2000, 1, 1))),
        Basis::Votes,
    );
    let found = align(&none, a, b);
    assert_eq!(found.scores.n, 0);
    assert_eq!(found.scores.s_score, None);
}
