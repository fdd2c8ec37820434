//! `timeline` and `diff` through the binary, on the facts of graph.ron:
//! Belarus's SCO membership of 2024-07-04 (an observer until that day),
//! the Iranian presidency (Raisi until 2024-05-19, Mokhber acting until
//! 2024-07-28, then Pezeshkian), Mongolia an observer since "2004" (the
//! year alone), the China–United States rivalry (undated).

use std::path::Path;

use serde_json::Value;

use crate::support::{Dg, dg};

/// `diplograph diff --from FROM --to TO MORE…`.
fn diff(from: &str, to: &str, more: &[&str]) -> Dg {
    let mut args = vec!["diff", "--from", from, "--to", to];
    args.extend(more);
    dg(args)
}

/// The fixture with a roll call of 2022-03-02 (Russia voted no,
/// Kazakhstan abstained).
fn votes_fixture() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/render_new_kinds.ron")
}

/// The first day a JSON date stands for ("2004" is 2004-01-01), so dates
/// of any precision compare.
fn first_day(date: &str) -> String {
    match date.len() {
        4 => format!("{date}-01-01"),
        7 => format!("{date}-01"),
        _ => date.to_string(),
    }
}

fn relations(value: &Value) -> &Vec<Value> {
    value.as_array().expect("a list of relations")
}

/// The one relation of `kind` from `from` to `to` in a list.
fn find<'a>(list: &'a Value, kind: &str, from: &str, to: &str) -> Option<&'a Value> {
    relations(list)
        .iter()
        .find(|r| r["kind"] == kind && r["from"] == from && r["to"] == to)
}

#[test]
fn belarus_joining_the_sco_is_one_status_change_from_observer_to_member() {
    let text = diff("2024-07-03", "2024-07-05", &[]).text();
    let line = text
        .lines()
        .find(|l| l.contains("Belarus in Shanghai Cooperation Organisation"))
        .unwrap_or_else(|| panic!("no status line:\n{text}"));
    assert!(line.contains("observer → member"), "{line}");
    assert!(line.contains("2024-07-04"), "{line}");
    // Reported once: neither as a membership gained nor as one lost.
    assert_eq!(text.matches("Belarus").count(), 1, "{text}");
    assert!(!text.contains("gained") && !text.contains("lost"), "{text}");

    let json = diff("2024-07-03", "2024-07-05", &[]).json();
    assert_eq!(
        (json["from"].as_str(), json["to"].as_str()),
        (Some("2024-07-03"), Some("2024-07-05"))
    );
    let member = find(&json["started"], "member", "BLR", "SCO").expect("membership started");
    assert_eq!(member["since"], "2024-07-04");
    let observer = find(&json["ended"], "observer", "BLR", "SCO").expect("observer status ended");
    assert_eq!(observer["until"], "2024-07-04");
    assert_eq!(relations(&json["ended"]).len(), 1);
    let changed = relations(&json["changed"]);
    assert_eq!(changed.len(), 1);
    assert_eq!(changed[0]["kind"], "status");
    assert_eq!(&changed[0]["before"], observer);
    assert_eq!(&changed[0]["after"], member);
    // The SCO Plus meeting of 2024-07-04 started too; the summit itself
    // (from 2024-07-03) was already under way on the first day.
    assert!(find(&json["started"], "hosts", "KAZ", "sco-2024-plus").is_some());
    assert!(find(&json["started"], "hosts", "KAZ", "sco-2024-astana").is_none());
}

#[test]
fn a_relation_until_a_day_is_not_in_force_on_that_day() {
    // Belarus was an observer until 2024-07-04: on 2024-07-04 it is over.
    let json = diff("2024-07-03", "2024-07-04", &["--focus", "Belarus"]).json();
    assert!(find(&json["ended"], "observer", "BLR", "SCO").is_some());
    let json = diff("2024-07-02", "2024-07-03", &["--focus", "Belarus"]).json_found_nothing();
    assert!(relations(&json["started"]).is_empty() && relations(&json["ended"]).is_empty());
}

#[test]
fn timeline_iran_shows_each_handover_as_one_line() {
    let text = dg(["timeline", "Iran"]).text();
    let line = |needle: &str| {
        let found: Vec<&str> = text.lines().filter(|l| l.contains(needle)).collect();
        assert_eq!(found.len(), 1, "`{needle}` in:\n{text}");
        found[0]
    };
    let first = line("Ebrahim Raisi → Mohammad Mokhber (acting), President of Iran");
    assert!(first.trim_start().starts_with("2024-05-19"), "{first}");
    let second = line("Mohammad Mokhber (acting) → Masoud Pezeshkian, President of Iran");
    assert!(second.trim_start().starts_with("2024-07-28"), "{second}");
    // Raisi's start is its own line; his end and Mokhber's start and end
    // are not repeated apart from the handovers.
    assert!(
        line("Ebrahim Raisi: President of Iran")
            .trim_start()
            .starts_with("2021-08-03")
    );
    assert!(
        !text.contains("Mohammad Mokhber: acting President"),
        "{text}"
    );
    // Iran became a full SCO member on 2023-07-04, an observer until then.
    let status = line("Iran in Shanghai Cooperation Organisation: observer → member");
    assert!(status.trim_start().starts_with("2023-07-04"), "{status}");
    // In date order.
    let days: Vec<&str> = text
        .lines()
        .skip(1)
        .map(|l| l.split_whitespace().next().unwrap())
        .collect();
    let mut sorted = days.clone();
    sorted.sort_by_key(|d| first_day(d));
    assert_eq!(days, sorted);
}

#[test]
fn timeline_json_is_sorted_by_date_with_a_handover_as_its_end_then_its_start() {
    let json = dg(["timeline", "Iran"]).json();
    let items = json.as_array().unwrap();
    let days: Vec<String> = items
        .iter()
        .map(|i| first_day(i["date"].as_str().expect("every Iranian change is dated")))
        .collect();
    assert!(days.windows(2).all(|w| w[0] <= w[1]), "{days:?}");
    let on = |day: &str| -> Vec<(&str, &str)> {
        items
            .iter()
            .filter(|i| i["date"] == day)
            .map(|i| {
                (
                    i["change"].as_str().unwrap(),
                    i["relation"]["from"].as_str().unwrap(),
                )
            })
            .collect()
    };
    assert_eq!(
        on("2024-05-19"),
        [("ended", "ebrahim-raisi"), ("started", "mohammad-mokhber")]
    );
    assert_eq!(
        on("2024-07-28"),
        [
            ("ended", "mohammad-mokhber"),
            ("started", "masoud-pezeshkian")
        ]
    );
    let mokhber = items
        .iter()
        .find(|i| i["relation"]["from"] == "mohammad-mokhber")
        .unwrap();
    assert_eq!(mokhber["relation"]["acting"], true);
    assert_eq!(mokhber["relation"]["role"], "President");
}

#[test]
fn dates_print_at_their_precision_and_an_unrecorded_start_is_said() {
    let text = dg(["timeline", "Mongolia"]).text();
    let observer = text
        .lines()
        .find(|l| l.contains("observer of Shanghai"))
        .unwrap();
    assert!(observer.trim_start().starts_with("2004 "), "{observer}");
    let json = dg(["timeline", "Mongolia", "--via", "observer"]).json();
    assert_eq!(json[0]["date"], "2004");

    // The rivalry of China and the United States has no date in graph.ron.
    let text = dg(["timeline", "United States", "--via", "rivalry"]).text();
    assert!(
        text.contains("not recorded  started  China rivals United States"),
        "{text}"
    );
    let json = dg(["timeline", "United States", "--via", "rivalry"]).json();
    assert_eq!(json.as_array().unwrap().len(), 1);
    assert_eq!(json[0]["date"], Value::Null);
    assert_eq!(json[0]["change"], "started");
}

#[test]
fn an_issue_has_the_disputes_over_it_as_show_does() {
    let text = dg(["timeline", "Kashmir"]).text();
    assert!(text.contains("1947-10"), "{text}");
    assert!(
        text.contains("India disputes with Pakistan over Kashmir"),
        "{text}"
    );
    let json = diff("1947-01-01", "1948-01-01", &["--focus", "Kashmir"]).json();
    assert!(find(&json["started"], "dispute", "IND", "PAK").is_some());
}

#[test]
fn a_window_and_kinds_narrow_a_timeline() {
    let json = dg([
        "timeline",
        "Iran",
        "--from",
        "2024-05-19",
        "--to",
        "2024-07-27",
        "--via",
        "leads",
    ])
    .json();
    let changes: Vec<(&str, &str)> = json
        .as_array()
        .unwrap()
        .iter()
        .map(|i| (i["date"].as_str().unwrap(), i["change"].as_str().unwrap()))
        .collect();
    assert_eq!(
        changes,
        [("2024-05-19", "ended"), ("2024-05-19", "started")]
    );
    // Nothing in the window: exit 1, valid JSON, and the reason in text.
    let empty = dg(["timeline", "Iran", "--from", "2025-01-01"]).json_found_nothing();
    assert_eq!(empty, Value::Array(Vec::new()));
    let out = dg(["timeline", "Iran", "--from", "2025-01-01"]).run();
    assert_eq!(out.code, 1);
    assert!(
        out.stdout
            .starts_with("Iran (IRN): no relation started or ended from 2025-01-01"),
        "{}",
        out.stdout
    );
}

#[test]
fn an_empty_diff_exits_1_with_valid_json_and_a_reason() {
    let json = diff("2024-07-03", "2024-07-03", &[]).json_found_nothing();
    assert!(relations(&json["started"]).is_empty());
    assert!(relations(&json["ended"]).is_empty());
    assert!(relations(&json["changed"]).is_empty());
    let out = diff("2024-07-10", "2024-07-20", &["--focus", "Belarus"]).run();
    assert_eq!(out.code, 1);
    assert_eq!(
        out.stdout,
        "no relation touching Belarus (BLR) started or ended between 2024-07-10 and 2024-07-20\n"
    );
}

#[test]
fn unknown_names_get_did_you_mean_and_days_out_of_order_are_a_usage_error() {
    let err = dg(["timeline", "Irna"]).fails_with(2);
    assert!(err.contains("did you mean Iran (IRN)"), "{err}");
    let err = diff("2024-07-03", "2024-07-05", &["--focus", "Belarussia"]).fails_with(2);
    assert!(
        err.contains("did you mean") && err.contains("Belarus (BLR)"),
        "{err}"
    );
    let err = diff("2024-07-05", "2024-07-03", &[]).fails_with(2);
    assert!(
        err.contains("--from 2024-07-05 is after --to 2024-07-03"),
        "{err}"
    );
    let err = dg([
        "timeline",
        "Iran",
        "--from",
        "2024-07-05",
        "--to",
        "2024-07-03",
    ])
    .fails_with(2);
    assert!(
        err.contains("--from 2024-07-05 is after --to 2024-07-03"),
        "{err}"
    );
    dg(["diff", "--from", "2024-07-03"]).fails_with(2);
    diff("2024-07-03", "2024-13-01", &[]).fails_with(2);
}

#[test]
fn an_office_changes_hands_past_the_acting_holder_between_two_days() {
    let text = diff("2024-05-01", "2024-08-01", &["--via", "leads"]).text();
    let line = text
        .lines()
        .find(|l| l.contains("Ebrahim Raisi → Masoud Pezeshkian, President of Iran"))
        .unwrap_or_else(|| panic!("{text}"));
    assert!(
        line.contains("until 2024-05-19; since 2024-07-28"),
        "{line}"
    );
    assert!(!text.contains("Mokhber"), "{text}");
    let json = diff("2024-05-01", "2024-08-01", &["--via", "leads"]).json();
    assert_eq!(json["changed"][0]["kind"], "office");
    assert_eq!(json["changed"][0]["before"]["from"], "ebrahim-raisi");
    assert_eq!(json["changed"][0]["after"]["from"], "masoud-pezeshkian");
}

#[test]
fn votes_are_counted_in_text_and_listed_in_json() {
    let on_the_day = || diff("2022-03-01", "2022-03-02", &[]).graph(votes_fixture());
    let text = on_the_day().text();
    assert!(
        text.contains("cast: 2 votes on 1 roll call: no 1, abstained 1"),
        "{text}"
    );
    assert!(
        text.contains("Aggression against Ukraine (unga-es-11-1)"),
        "{text}"
    );
    assert!(!text.contains("Russia voted no"), "{text}");
    let json = on_the_day().json();
    let cast = relations(&json["started"]);
    assert_eq!(cast.len(), 2);
    assert!(
        cast.iter()
            .all(|v| v["kind"] == "vote" && v["since"] == "2022-03-02")
    );
    // A vote holds on its roll call's day alone.
    let after = diff("2022-03-02", "2022-03-03", &[]).graph(votes_fixture());
    assert!(after.text().contains("over: 2 votes on 1 roll call"));
    // A timeline counts a state's votes by year, with the day when one.
    let text = dg(["timeline", "Russia"]).graph(votes_fixture()).text();
    assert!(
        text.contains("2022-03-02  voted    1 vote on 1 roll call: no 1"),
        "{text}"
    );
}

#[test]
fn long_answers_are_capped_in_text_and_say_what_they_left_out() {
    let text = dg(["timeline", "China", "--limit", "3"]).text();
    assert_eq!(text.lines().count(), 1 + 3 + 1, "{text}");
    assert!(
        text.lines().last().unwrap().contains("… and 8 more lines"),
        "{text}"
    );
    assert_eq!(
        dg(["timeline", "China", "--all"]).text().lines().count(),
        12
    );
    let text = diff("2016-01-01", "2024-07-05", &["--limit", "2"]).text();
    assert!(text.contains("… and "), "{text}");
    // JSON lists every change whatever the cap.
    let all = diff("2016-01-01", "2024-07-05", &[]).json();
    let capped = diff("2016-01-01", "2024-07-05", &["--limit", "2"]).json();
    assert_eq!(all, capped);
}

#[test]
fn notes_are_shown_under_their_change_when_asked() {
    let text = dg(["timeline", "Iran", "--via", "leads", "--notes"]).text();
    assert!(
        text.contains("note on Ebrahim Raisi: killed in a helicopter crash"),
        "{text}"
    );
    assert!(
        text.contains("note on Mohammad Mokhber (acting): Article 131"),
        "{text}"
    );
    assert!(
        !dg(["timeline", "Iran", "--via", "leads"])
            .text()
            .contains("note")
    );
}

#[test]
fn the_analysis_finds_russia_and_india_drifting_apart() {
    let args = || diff("2000-01-01", "2024-07-05", &["--analysis"]);
    let json = args().json();
    let pair = json["alignment"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["a"] == "RUS" && p["b"] == "IND")
        .expect("Russia and India moved apart by more than 0.1");
    let (before, after) = (
        pair["before"].as_f64().unwrap(),
        pair["after"].as_f64().unwrap(),
    );
    assert!(after < before - 0.1);
    assert!((pair["change"].as_f64().unwrap() - (after - before)).abs() < 1e-12);
    // Blocs on both days; every move names a bloc position of each list.
    let blocs = &json["blocs"];
    for m in blocs["moves"].as_array().unwrap() {
        for side in ["from", "to"] {
            if let Some(i) = m[side].as_u64() {
                assert!(
                    blocs[side][i as usize]
                        .as_array()
                        .unwrap()
                        .contains(&m["id"])
                );
            }
        }
    }
    let text = args().text();
    assert!(text.contains("Russia – India"), "{text}");
    assert!(text.contains("Blocs of states"), "{text}");
    // A higher threshold keeps only larger moves; it needs --analysis.
    let high = diff(
        "2000-01-01",
        "2024-07-05",
        &["--analysis", "--threshold", "0.5"],
    )
    .json();
    assert!(high["alignment"].as_array().unwrap().is_empty());
    diff("2000-01-01", "2024-07-05", &["--threshold", "0.5"]).fails_with(2);
    diff(
        "2000-01-01",
        "2024-07-05",
        &["--analysis", "--threshold=-1"],
    )
    .fails_with(2);
}

/// Whether a JSON relation is in force on `day` by its own dates, read at
/// their precision (`"1950"` from 1950-01-01).
fn in_force(relation: &Value, day: &str) -> bool {
    let since = relation["since"].as_str().map(first_day);
    let until = relation["until"].as_str().map(first_day);
    since.is_none_or(|s| s.as_str() <= day) && until.is_none_or(|u| day < u.as_str())
}

#[test]
fn on_the_research_data_a_diff_holds_what_was_in_force_on_one_day_only() {
    let Some(_) = crate::real_data::peer() else {
        return;
    };
    let db = crate::real_data::cow();
    // The United States, a state throughout: its relations' own dates say
    // what held on each day.
    let (from, to) = ("1950-07-01", "1990-07-01");
    let json = diff(from, to, &["--focus", "USA"]).graph(db).json();
    let (started, ended) = (relations(&json["started"]), relations(&json["ended"]));
    assert!(
        started.len() > 10 && ended.len() > 10,
        "{} {}",
        started.len(),
        ended.len()
    );
    assert!(
        started
            .iter()
            .all(|r| in_force(r, to) && !in_force(r, from))
    );
    assert!(ended.iter().all(|r| in_force(r, from) && !in_force(r, to)));
    // The data sets are yearly: their dates print as the year alone.
    let text = dg(["timeline", "USA", "--via", "member", "--to", "1950-12-31"])
        .graph(db)
        .text();
    let years = text
        .lines()
        .skip(1)
        .filter(|l| l.split_whitespace().next().is_some_and(|d| d.len() == 4))
        .count();
    assert!(years > 10, "{text}");
}

#[test]
fn on_the_un_votes_a_roll_call_day_is_counted_not_listed() {
    let Some(peer) = crate::real_data::peer() else {
        return;
    };
    let db = crate::real_data::votes();
    let day = "1946-01-02";
    // The file's ballots of that day's roll calls.
    let mut calls = csv::Reader::from_path(peer.join("unvotes/un_roll_calls.csv")).unwrap();
    let headers = calls.headers().unwrap().clone();
    let (rcid, date) = (
        headers.iter().position(|h| h == "rcid").unwrap(),
        headers.iter().position(|h| h == "date").unwrap(),
    );
    let on_day: Vec<String> = calls
        .records()
        .map(Result::unwrap)
        .filter(|r| &r[date] == day)
        .map(|r| r[rcid].to_string())
        .collect();
    let mut votes = csv::Reader::from_path(peer.join("unvotes/un_votes.csv")).unwrap();
    let headers = votes.headers().unwrap().clone();
    let (rcid, vote) = (
        headers.iter().position(|h| h == "rcid").unwrap(),
        headers.iter().position(|h| h == "vote").unwrap(),
    );
    let mut counts = std::collections::BTreeMap::<String, usize>::new();
    for r in votes.records().map(Result::unwrap) {
        if on_day.contains(&r[rcid].to_string()) {
            *counts.entry(r[vote].to_string()).or_default() += 1;
        }
    }
    let in_file: usize = counts.values().sum();
    let json = diff("1946-01-01", day, &["--via", "vote"]).graph(db).json();
    let cast = relations(&json["started"]);
    // Every vote of the day, but those of states not yet (or no longer)
    // states in the COW system that day, which a dated view leaves out;
    // each roll call's as `show` lists them on the day.
    assert!(
        cast.len() > 20 && cast.len() <= in_file,
        "{} of {in_file}",
        cast.len()
    );
    let mut by_call = std::collections::BTreeMap::<String, [usize; 3]>::new();
    for v in cast {
        let slot = ["yes", "no", "abstain"]
            .iter()
            .position(|b| v["position"] == *b)
            .unwrap();
        by_call
            .entry(v["to"].as_str().unwrap().to_string())
            .or_default()[slot] += 1;
    }
    assert_eq!(by_call.len(), on_day.len());
    for (call, ballots) in &by_call {
        let shown = dg(["show", call.as_str()]).on(day).graph(db).json();
        let listed = relations(&shown["relations"])
            .iter()
            .filter(|r| r["kind"] == "vote")
            .count();
        assert_eq!(listed, ballots.iter().sum::<usize>(), "{call}");
    }
    let text = diff("1946-01-01", day, &["--via", "vote"]).graph(db).text();
    let summary = format!("cast: {} votes on {} roll call", cast.len(), on_day.len());
    assert!(text.contains(&summary), "{summary} in:\n{text}");
    assert!(text.lines().count() < 10 + on_day.len(), "{text}");
    for ballots in by_call.values() {
        let words: Vec<String> = ["yes", "no", "abstained"]
            .iter()
            .zip(ballots)
            .filter(|(_, n)| **n > 0)
            .map(|(w, n)| format!("{w} {n}"))
            .collect();
        assert!(text.contains(&words.join(", ")), "{words:?} in:\n{text}");
    }
}

#[test]
fn both_commands_take_their_days_as_from_and_to_and_are_completed() {
    for command in ["timeline", "diff"] {
        let help = dg([command, "--help"]).text();
        assert!(!help.contains("--as-of"), "{command} lists --as-of");
        for option in [
            "--from <DATE>",
            "--to <DATE>",
            "--via <KIND>",
            "--graph <PATH>",
            "--format <FORMAT>",
        ] {
            assert!(help.contains(option), "{command} lacks {option}");
        }
    }
    let bash = dg(["completions", "bash"]).default_graph().text();
    assert!(bash.contains("timeline") && bash.contains("diff"));
    // The shared options work before the command's name too.
    let before = dg(["--format", "json", "timeline", "Iran"]).text();
    assert_eq!(
        serde_json::from_str::<Value>(&before).unwrap(),
        dg(["timeline", "Iran"]).json()
    );
}

/// `timeline` and `diff` in CSV: the same changes as their JSON, one row
/// each, the halves of a handover or status change marked.
#[test]
fn timeline_and_diff_in_csv_are_their_json_row_by_row() {
    let rows = |text: &str| crate::support::csv_records(text.as_bytes());
    let csv = diff("2024-07-03", "2024-07-05", &["--format", "csv"]).text();
    let json = diff("2024-07-03", "2024-07-05", &[]).json();
    let table = rows(&csv);
    let started = relations(&json["started"]).len();
    let ended = relations(&json["ended"]).len();
    assert_eq!(table.len(), started + ended);
    let belarus = table
        .iter()
        .find(|r| r["from"] == "BLR" && r["relation"] == "member")
        .expect("Belarus's membership");
    assert_eq!(belarus["change"], "started");
    assert_eq!(belarus["paired"], "status");
    assert_eq!(belarus["since"], "2024-07-04");
    assert!(
        table
            .iter()
            .any(|r| r["from"] == "BLR" && r["relation"] == "observer" && r["change"] == "ended")
    );
    let csv = dg(["timeline", "Iran", "--format", "csv"]).text();
    let json = dg(["timeline", "Iran"]).json();
    let table = rows(&csv);
    assert_eq!(table.len(), json.as_array().unwrap().len());
    let handover: Vec<_> = table.iter().filter(|r| r["date"] == "2024-05-19").collect();
    assert!(
        handover.iter().all(|r| r["paired"] == "office"),
        "{handover:?}"
    );
    assert!(
        handover
            .iter()
            .any(|r| r["change"] == "started" && r["from"] == "mohammad-mokhber")
    );
}
