//! `diplograph align --basis relations|alliances|votes` held to an independent
//! reference: `tests/python/align_reference.py` computes every measure
//! from the raw files in `../shared/peer` (never from a database), written
//! from the definitions alone, and every number the binary prints must be
//! the reference's to 1e-9 (null where the reference's is null). The
//! reference checks itself against Signorino & Ritter (1999), Table 6, and
//! the 1946 USA–Mexico votes against the file built for fpsim; the
//! library's measures are held to it on vectors of every shape.
//!
//! Skipped (one line) without `../shared/peer` or without Python.

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use diplograph::codes;
use diplograph::query::align::measures::{kendall_tau_b, s_score, scott_pi, weighted_kappa};
use serde_json::{Value, json};

use crate::real_data::{cow, peer, votes};
use crate::support::dg;

/// The numbers compared, in every answer and every row of a series.
const MEASURES: [&str; 6] = ["s_score", "s_squared", "kappa", "pi", "tau_b", "n"];

/// How far the binary's numbers may be from the reference's.
const TOLERANCE: f64 = 1e-9;

/// The states the cases compare: the database's id, the COW code the
/// alliance file uses and the alpha-2 code the votes file uses, codes
/// that name one state in every year compared.
const STATES: [(&str, u16, &str); 8] = [
    ("USA", 2, "US"),
    ("MEX", 70, "MX"),
    ("BRA", 140, "BR"),
    ("GBR", 200, "GB"),
    ("FRA", 220, "FR"),
    ("CHN", 710, "CN"),
    ("IND", 750, "IN"),
    ("PAK", 770, "PK"),
];

/// The pairs compared on single days (the first is a NATO pair, as a
/// test reads it).
const PAIRS: [(&str, &str); 7] = [
    ("USA", "GBR"),
    ("USA", "FRA"),
    ("IND", "PAK"),
    ("CHN", "IND"),
    ("FRA", "GBR"),
    ("USA", "MEX"),
    ("BRA", "USA"),
];

/// The Python interpreter: `$DIPLOGRAPH_PYTHON` (as `.ci/run` sets it),
/// else `python3`; `None`, after saying so, when it does not run. The
/// reference needs only the standard library.
fn python() -> Option<String> {
    let python = std::env::var("DIPLOGRAPH_PYTHON").unwrap_or_else(|_| "python3".to_string());
    let runs = Command::new(&python)
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if runs {
        Some(python)
    } else {
        println!("skipping: {python} not found");
        None
    }
}

/// Runs the reference with `args` and `input` on stdin; its stdout.
fn run_reference(python: &str, args: &[String], input: &str) -> String {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/python/align_reference.py");
    let mut child = Command::new(python)
        .arg(script)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the reference starts");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(
        out.status.success(),
        "reference {args:?} failed:\n{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    stdout
}

/// The reference's JSON answer for `args`.
fn reference(python: &str, args: &[String]) -> Value {
    let text = run_reference(python, args, "");
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("reference not JSON ({e}):\n{text}"))
}

/// Whether two JSON values are the same number to [`TOLERANCE`], or both
/// null.
fn close(got: &Value, want: &Value) -> bool {
    match (got.as_f64(), want.as_f64()) {
        (Some(g), Some(w)) => (g - w).abs() <= TOLERANCE,
        _ => got.is_null() && want.is_null(),
    }
}

/// Every measure on which `got` is not `want`, labelled.
fn differences(label: &str, got: &Value, want: &Value) -> Vec<String> {
    MEASURES
        .iter()
        .filter(|m| !close(&got[**m], &want[**m]))
        .map(|m| format!("{label} {m}: binary {} ≠ reference {}", got[*m], want[*m]))
        .collect()
}

/// When a case asks: one day, or every year of a range under a rule.
#[derive(Clone, Copy)]
enum Span<'a> {
    Day(&'a str),
    Years(i32, i32, &'a str),
}

/// One comparison: a basis, two states (database ids), when, and a
/// weights file.
struct Case<'a> {
    basis: &'a str,
    a: &'a str,
    b: &'a str,
    span: Span<'a>,
    weights: Option<&'a Path>,
}

impl Case<'_> {
    /// The code the reference knows a state by on this basis.
    fn code(&self, id: &str) -> String {
        let (_, cow, alpha2) = STATES
            .iter()
            .find(|s| s.0 == id)
            .unwrap_or_else(|| panic!("{id} is not in STATES"));
        if self.basis == "votes" {
            (*alpha2).to_string()
        } else {
            cow.to_string()
        }
    }

    /// The arguments both programs take for `span` and `weights`, the
    /// reference's (`--from Y1 --to Y2 --rule R`) without `--every year`.
    fn when(&self, binary: bool) -> Vec<String> {
        let mut args: Vec<String> = match self.span {
            Span::Day(day) => vec!["--as-of".into(), day.into()],
            Span::Years(first, last, rule) => {
                let mut years = vec![
                    "--from".into(),
                    first.to_string(),
                    "--to".into(),
                    last.to_string(),
                ];
                if binary {
                    years.extend(["--every".into(), "year".into()]);
                }
                years.extend(["--rule".into(), rule.into()]);
                years
            }
        };
        if let Some(weights) = self.weights {
            args.extend(["--weights".into(), weights.display().to_string()]);
        }
        args
    }

    /// What the binary answers, on the database `db`.
    fn binary(&self, db: &Path) -> Value {
        let mut args: Vec<String> = ["align", self.a, self.b, "--basis", self.basis]
            .map(String::from)
            .to_vec();
        args.extend(self.when(true));
        let answer = dg(&args).graph(db).json();
        if answer.is_object() {
            assert_eq!(answer["basis"], self.basis, "{args:?}");
        }
        answer
    }

    /// What the reference answers.
    fn reference(&self, python: &str, peer: &Path) -> Value {
        let mut args: Vec<String> = vec![
            "--peer".into(),
            peer.display().to_string(),
            "--basis".into(),
            self.basis.into(),
            "--a".into(),
            self.code(self.a),
            "--b".into(),
            self.code(self.b),
        ];
        args.extend(self.when(false));
        reference(python, &args)
    }

    /// How the case is named in a message.
    fn label(&self) -> String {
        let when = match self.span {
            Span::Day(day) => day.to_string(),
            Span::Years(first, last, rule) => format!("{first}–{last} {rule}"),
        };
        let weighted = if self.weights.is_some() {
            " weighted"
        } else {
            ""
        };
        format!("{} {}–{} {when}{weighted}", self.basis, self.a, self.b)
    }
}

/// Compares the binary's answer with the reference's, row by row for a
/// series (the same steps, in order): every difference, labelled with the
/// pair and the step.
fn compare(case: &Case<'_>, got: &Value, want: &Value) -> Vec<String> {
    let label = case.label();
    match (got.as_array(), want.as_array()) {
        (None, None) => differences(&label, got, want),
        (Some(rows), Some(wanted)) => {
            let steps =
                |rows: &[Value]| -> Vec<Value> { rows.iter().map(|r| r["step"].clone()).collect() };
            if steps(rows) != steps(wanted) {
                return vec![format!(
                    "{label}: steps {:?} ≠ the reference's {:?}",
                    steps(rows),
                    steps(wanted)
                )];
            }
            rows.iter()
                .zip(wanted)
                .flat_map(|(g, w)| differences(&format!("{label} {}", w["step"]), g, w))
                .collect()
        }
        _ => vec![format!("{label}: binary {got} ≠ reference {want}")],
    }
}

/// Runs every case on `db` and fails listing every difference; returns
/// the reference's answers, for the facts a test checks besides.
fn agree(python: &str, peer: &Path, db: &Path, cases: &[Case<'_>]) -> Vec<Value> {
    let mut wrong = Vec::new();
    let mut answers = Vec::new();
    for case in cases {
        let want = case.reference(python, peer);
        wrong.extend(compare(case, &case.binary(db), &want));
        answers.push(want);
    }
    assert!(
        wrong.is_empty(),
        "{} differences:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
    answers
}

/// The rows of a series answer.
fn rows(answer: &Value) -> &[Value] {
    answer.as_array().expect("a series is an array")
}

/// The comparison finds a difference, a null against a number, and
/// other steps, each named by its pair and step: a test that can fail.
#[test]
fn a_difference_is_reported_with_its_pair_and_step() {
    let case = Case {
        basis: "alliances",
        a: "USA",
        b: "GBR",
        span: Span::Years(1990, 1991, "any"),
        weights: None,
    };
    let row = |step: &str, s: f64, kappa: Value| {
        json!({"step": step, "s_score": s, "s_squared": 0.5, "kappa": kappa,
               "pi": null, "tau_b": 0.25, "n": 160})
    };
    let want = json!([row("1990", 0.5, json!(0.1)), row("1991", 0.5, json!(0.1))]);
    let near = json!([
        row("1990", 0.5 + 1e-10, json!(0.1)),
        row("1991", 0.5, json!(0.1))
    ]);
    assert!(compare(&case, &near, &want).is_empty());
    let got = json!([
        row("1990", 0.5 + 1e-6, json!(0.1)),
        row("1991", 0.5, Value::Null)
    ]);
    assert_eq!(
        compare(&case, &got, &want),
        [
            "alliances USA–GBR 1990–1991 any \"1990\" s_score: binary 0.500001 ≠ reference 0.5",
            "alliances USA–GBR 1990–1991 any \"1991\" kappa: binary null ≠ reference 0.1",
        ]
    );
    let fewer = json!([row("1990", 0.5, json!(0.1))]);
    assert_eq!(compare(&case, &fewer, &want).len(), 1);
    assert_eq!(compare(&case, &want[0], &want).len(), 1);
}

#[test]
fn the_reference_passes_its_self_test() {
    let Some(python) = python() else { return };
    let out = run_reference(&python, &["--self-test".to_string()], "");
    assert!(out.contains("ok: Table 6 kappa = -0.0775"), "{out}");
    assert!(!out.contains("FAIL"), "{out}");
    assert!(out.ends_with("passed: 0 failed\n"), "{out}");
}

/// The library's S, κ, π and τb (`src/query/align/measures.rs`) are the
/// reference's on vectors of every shape: categories 0..3 and 1..3, with
/// and without weights, one category throughout, one dimension.
#[test]
fn the_librarys_measures_are_the_references() {
    let Some(python) = python() else { return };
    let mut seed = 13u64;
    let mut next = |below: u64| {
        seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (seed >> 33) % below
    };
    let mut cases = Vec::new();
    for k in 0..300 {
        let (min, max) = if k % 2 == 0 { (0i64, 3i64) } else { (1, 3) };
        let n = 1 + next(40) as usize;
        // Some vectors use a single category, or two, to reach the
        // undefined cases.
        let spread = 1 + next((max - min + 1) as u64) as i64;
        let mut vector =
            || -> Vec<i64> { (0..n).map(|_| min + next(spread as u64) as i64).collect() };
        let (x, y) = (vector(), vector());
        let weights: Option<Vec<f64>> =
            (k % 3 == 0).then(|| (0..n).map(|_| (1 + next(9)) as f64 / 4.0).collect());
        cases.push((x, y, weights, min, max));
    }
    let input: Vec<Value> = cases
        .iter()
        .map(|(x, y, w, min, max)| json!({"x": x, "y": y, "weights": w, "min": min, "max": max}))
        .collect();
    let text = run_reference(
        &python,
        &["--measures".to_string()],
        &Value::Array(input).to_string(),
    );
    let want: Vec<Value> = serde_json::from_str(&text).unwrap();
    assert_eq!(want.len(), cases.len());
    let mut wrong = Vec::new();
    let mut undefined = 0;
    for (k, ((x, y, w, min, max), want)) in cases.iter().zip(&want).enumerate() {
        let w = w.as_deref();
        let got = json!({
            "s_score": s_score(x, y, w, *min, *max, false),
            "s_squared": s_score(x, y, w, *min, *max, true),
            "kappa": weighted_kappa(x, y, w, *min, *max),
            "pi": scott_pi(x, y, w, *min, *max),
            "tau_b": kendall_tau_b(x, y, *min, *max),
            "n": x.len(),
        });
        undefined += usize::from(want["kappa"].is_null());
        wrong.extend(differences(
            &format!("case {k} {x:?} {y:?} {w:?}"),
            &got,
            want,
        ));
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    // The undefined cases were reached, and so were the defined ones.
    assert!(undefined > 0 && undefined < cases.len(), "{undefined}");
}

#[test]
fn alliances_as_of_a_day_are_the_references() {
    let Some(peer) = peer() else { return };
    let Some(python) = python() else { return };
    let pairs = PAIRS;
    let days = ["1950-07-01", "1980-07-01", "2005-07-01"];
    let cases: Vec<Case<'_>> = days
        .iter()
        .flat_map(|day| {
            pairs.iter().map(|(a, b)| Case {
                basis: "alliances",
                a,
                b,
                span: Span::Day(day),
                weights: None,
            })
        })
        .collect();
    let answers = agree(&python, &peer, cow(), &cases);
    // The comparisons say something: NATO allies agree more than chance
    // in 1980, and the dimensions are the state system (more states in
    // 2005 than in 1950).
    let usa_gbr_1980 = &answers[pairs.len()];
    assert!(
        usa_gbr_1980["kappa"].as_f64().unwrap() > 0.0,
        "{usa_gbr_1980}"
    );
    let n = |answer: &Value| answer["n"].as_u64().unwrap();
    assert!(n(&answers[0]) < n(&answers[2 * pairs.len()]));
}

#[test]
fn alliances_year_by_year_are_the_references_under_every_rule() {
    let Some(peer) = peer() else { return };
    let Some(python) = python() else { return };
    let cases: Vec<Case<'_>> = ["any", "first", "last"]
        .into_iter()
        .map(|rule| Case {
            basis: "alliances",
            a: "USA",
            b: "GBR",
            span: Span::Years(1946, 2012, rule),
            weights: None,
        })
        .collect();
    // Under `any`, the dimensions are the states of some day of the year:
    // where a COW code is two states of the database that year (the USSR
    // and Russia in 1991) or two codes one state (West and unified Germany
    // in 1990), the two counts differ by construction. Those years are
    // compared on the other rules only.
    let changed = identity_changes(&peer, 1946, 2012);
    assert!(
        changed.contains(&1990) && changed.contains(&1991),
        "{changed:?}"
    );
    assert!(changed.len() <= 15, "{changed:?}");
    println!("rule any: years where COW codes and states differ, left out: {changed:?}");
    let answers = agree_on_series(&python, &peer, cow(), &cases, |case, year| {
        matches!(case.span, Span::Years(_, _, "any")) && changed.contains(&year)
    });
    assert!(answers.iter().all(|a| rows(a).len() == 67));
}

/// [`agree`] for series, leaving out the steps `left_out` names (the case
/// and the year): fails listing every difference in the others; returns
/// the reference's answers, whole.
fn agree_on_series(
    python: &str,
    peer: &Path,
    db: &Path,
    cases: &[Case<'_>],
    left_out: impl Fn(&Case<'_>, i32) -> bool,
) -> Vec<Value> {
    let mut wrong = Vec::new();
    let mut answers = Vec::new();
    for case in cases {
        let want = case.reference(python, peer);
        let got = case.binary(db);
        let keep = |answer: &Value| -> Value {
            Value::Array(
                rows(answer)
                    .iter()
                    .filter(|r| {
                        let year: i32 = r["step"].as_str().unwrap().parse().unwrap();
                        !left_out(case, year)
                    })
                    .cloned()
                    .collect(),
            )
        };
        wrong.extend(compare(case, &keep(&got), &keep(&want)));
        answers.push(want);
    }
    assert!(
        wrong.is_empty(),
        "{} differences:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
    answers
}

/// The years from `first` to `last` in which the COW codes in the system
/// on some day and the database's states on some day are not one to one
/// (read from `states2016.csv` and the code table's `entity_spans`).
fn identity_changes(peer: &Path, first: i32, last: i32) -> Vec<i32> {
    let spells = cow_spells(peer);
    (first..=last)
        .filter(|&year| {
            let (from, to) = (year as u32 * 10_000 + 101, year as u32 * 10_000 + 1231);
            let mut codes = std::collections::BTreeSet::new();
            let mut states = std::collections::BTreeSet::new();
            for &(ccode, start, end) in &spells {
                if start > to || end < from {
                    continue;
                }
                codes.insert(ccode);
                for (id, _, _) in codes::entity_spans(ccode, start.max(from), end.min(to)) {
                    states.insert(id);
                }
            }
            codes.len() != states.len()
        })
        .collect()
}

/// The COW system's spells as `states2016.csv` writes them: (code, first
/// day, last day), both included, days as `yyyymmdd`.
fn cow_spells(peer: &Path) -> Vec<(u16, u32, u32)> {
    crate::real_data::rows(&peer.join(crate::real_data::STATES))
        .iter()
        .map(|r| {
            let n = |k: &str| r[k].trim().parse::<u32>().unwrap();
            let day = |y: &str, m: &str, d: &str| n(y) * 10_000 + n(m) * 100 + n(d);
            (
                n("ccode") as u16,
                day("styear", "stmonth", "stday"),
                day("endyear", "endmonth", "endday"),
            )
        })
        .collect()
}

/// The years from `first` to `last` in which, on the day `rule` picks (1
/// January for `first`, 31 December for `last`), a COW code in the system
/// names another state of the database than the one the importer gives
/// the code's yearly rows to: [`codes::cow_near_year`], the state of 1
/// July. Russia (365 from 1991-12-26) holds none of 365's rows of 1991,
/// which go to the Soviet Union, where the reference reads the code's row
/// of the year for every day of it: the two differ on such a day whenever
/// a state compared has a row with that code.
fn split_years(peer: &Path, first: i32, last: i32, rule: &str) -> Vec<i32> {
    let spells = cow_spells(peer);
    let month_day = if rule == "first" { 101 } else { 1231 };
    (first..=last)
        .filter(|&year| {
            let day = year as u32 * 10_000 + month_day;
            spells
                .iter()
                .filter(|&&(_, start, end)| start <= day && day <= end)
                .any(|&(ccode, _, _)| {
                    let that_day = codes::entity_spans(ccode, day, day).first().map(|s| s.0);
                    that_day != codes::cow_near_year(ccode, year).and_then(|i| i.id())
                })
        })
        .collect()
}

/// How many dimensions the relations basis has on `day` in the database of
/// [`cow`]: the COW states in the system that day, and every IGO column of
/// the state-year file (organizations are dimensions whatever their
/// founding, and none of them is universal).
fn relations_dimensions(peer: &Path, day: &str) -> usize {
    use std::io::BufRead as _;
    let key: u32 = day.replace('-', "").parse().unwrap();
    let states = cow_spells(peer)
        .iter()
        .filter(|&&(_, start, end)| start <= key && key <= end)
        .count();
    let file = std::fs::File::open(peer.join("cow_igo/state_year_formatv3.csv")).unwrap();
    let mut header = String::new();
    std::io::BufReader::new(file)
        .read_line(&mut header)
        .unwrap();
    let columns: Vec<&str> = header.trim_end().split(',').collect();
    assert_eq!(columns[..3], ["ccode", "year", "state"]);
    states + columns.len() - 3
}

#[test]
fn relations_as_of_a_day_are_the_references() {
    let Some(peer) = peer() else { return };
    let Some(python) = python() else { return };
    let pairs = PAIRS;
    // 2014 is after the alliance file's last year (2012): an alliance in
    // force then is taken as still in force.
    let days = ["1950-07-01", "1980-07-01", "1990-07-01", "2014-07-01"];
    let cases: Vec<Case<'_>> = days
        .iter()
        .flat_map(|day| {
            pairs
                .iter()
                .map(|(a, b)| unweighted("relations", a, b, Span::Day(day)))
        })
        .collect();
    let answers = agree(&python, &peer, cow(), &cases);
    // The dimensions are the state system and every IGO, the same for
    // every pair of a day.
    for (day, answers) in days.iter().zip(answers.chunks(pairs.len())) {
        let n = relations_dimensions(&peer, day);
        assert!(answers.iter().all(|a| a["n"] == n), "{day}: {n}");
    }
    // The README's India–Pakistan of 1990-07-01, to its three places.
    let at = pairs.iter().position(|p| *p == ("IND", "PAK")).unwrap();
    let ind_pak = &answers[2 * pairs.len() + at];
    let places = |m: &str| format!("{:.3}", ind_pak[m].as_f64().unwrap());
    assert_eq!(
        (places("s_score"), places("kappa"), &ind_pak["n"]),
        ("0.954".into(), "0.761".into(), &json!(695))
    );
}

#[test]
fn relations_year_by_year_are_the_references_under_every_rule() {
    let Some(peer) = peer() else { return };
    let Some(python) = python() else { return };
    let (first, last) = (1950, 2014);
    let mut cases = Vec::new();
    for (a, b) in [("IND", "PAK"), ("USA", "FRA"), ("CHN", "IND")] {
        for rule in ["any", "first", "last"] {
            cases.push(unweighted(
                "relations",
                a,
                b,
                Span::Years(first, last, rule),
            ));
        }
    }
    // Left out: under `any`, the years where COW codes and states are not
    // one to one (as for the alliances); under `first` and `last`, the
    // years where a code names that day another state than the one its
    // yearly rows go to (France's and India's 1991 rows with 365 are the
    // Soviet Union's, not Russia's on 31 December).
    let changed = identity_changes(&peer, first, last);
    let on_first = split_years(&peer, first, last, "first");
    let on_last = split_years(&peer, first, last, "last");
    assert!(on_last.contains(&1991) && !on_first.contains(&1991));
    assert!(
        on_first.len() + on_last.len() <= 15,
        "{on_first:?} {on_last:?}"
    );
    println!("left out: any {changed:?}, first {on_first:?}, last {on_last:?}");
    let answers = agree_on_series(&python, &peer, cow(), &cases, |case, year| {
        match case.span {
            Span::Years(_, _, "any") => &changed,
            Span::Years(_, _, "first") => &on_first,
            _ => &on_last,
        }
        .contains(&year)
    });
    assert!(answers.iter().all(|a| rows(a).len() == 65));
}

#[test]
fn weighted_alliances_are_the_references() {
    let Some(peer) = peer() else { return };
    let Some(python) = python() else { return };
    let dir = std::env::temp_dir().join(format!("diplograph-align-ref-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let days = ["1980-07-01", "2005-07-01"];
    // A weight for every COW state in the system on the day, computed
    // from its code: 1 + ccode mod 7.
    let files: Vec<PathBuf> = days
        .iter()
        .map(|day| {
            let key = codes::day_key(day.parse().unwrap());
            let mut text = String::from("entity,weight\n");
            for state in codes::cow::COW.iter().filter(|s| s.in_system(key)) {
                writeln!(text, "{},{}", state.ccode, 1 + state.ccode % 7).unwrap();
            }
            let path = dir.join(format!("weights-{day}.csv"));
            std::fs::write(&path, text).unwrap();
            path
        })
        .collect();
    let mut cases = Vec::new();
    for (day, file) in days.iter().zip(&files) {
        for (a, b) in [("USA", "FRA"), ("IND", "PAK")] {
            for weights in [None, Some(file.as_path())] {
                cases.push(Case {
                    basis: "alliances",
                    a,
                    b,
                    span: Span::Day(day),
                    weights,
                });
            }
        }
    }
    let answers = agree(&python, &peer, cow(), &cases);
    // The weights move S (the same dimensions, weighted otherwise) and
    // leave τb, which is unweighted, and n alone.
    let (plain, weighted) = (&answers[0], &answers[1]);
    assert_ne!(plain["s_score"], weighted["s_score"]);
    assert_eq!(plain["tau_b"], weighted["tau_b"]);
    assert_eq!(plain["n"], weighted["n"]);
}

#[test]
fn votes_on_a_day_are_the_references() {
    let Some(peer) = peer() else { return };
    let Some(python) = python() else { return };
    // The reference's 1946 USA–Mexico votes are exactly fpsim's 38.
    let out = run_reference(
        &python,
        &[
            "--self-test".into(),
            "--peer".into(),
            peer.display().to_string(),
        ],
        "",
    );
    assert!(out.contains("ok: 1946 US-MX roll calls = 38"), "{out}");
    assert!(out.ends_with("passed: 0 failed\n"), "{out}");
    let cases = [
        unweighted("votes", "USA", "MEX", Span::Day("1946-07-01")),
        unweighted("votes", "IND", "PAK", Span::Day("1990-07-01")),
        unweighted("votes", "FRA", "GBR", Span::Day("1965-07-01")),
        unweighted("votes", "USA", "CHN", Span::Day("2003-07-01")),
    ];
    let answers = agree(&python, &peer, votes(), &cases);
    assert_eq!(answers[0]["n"], 38);
}

/// An unweighted case on `basis`.
fn unweighted<'a>(basis: &'a str, a: &'a str, b: &'a str, span: Span<'a>) -> Case<'a> {
    Case {
        basis,
        a,
        b,
        span,
        weights: None,
    }
}

#[test]
fn votes_year_by_year_are_the_references() {
    let Some(peer) = peer() else { return };
    let Some(python) = python() else { return };
    let cases = [
        unweighted("votes", "IND", "PAK", Span::Years(1948, 2020, "any")),
        unweighted("votes", "USA", "CHN", Span::Years(1975, 2020, "any")),
        // The votes basis reads the calendar year whatever the rule.
        unweighted("votes", "USA", "CHN", Span::Years(1975, 2020, "first")),
        unweighted("votes", "USA", "CHN", Span::Years(1975, 2020, "last")),
    ];
    let answers = agree(&python, &peer, votes(), &cases);
    assert_eq!(answers[1], answers[2]);
    assert_eq!(rows(&answers[1]).len(), 46);
}
