//! The kinds of issue 12 in answers: a vote's ballot, an alliance's type,
//! a roll call's fields and every membership status, in text and JSON
//! alike (`tests/fixtures/render_new_kinds.ron`: the CIS, the Collective
//! Security Treaty and the General Assembly's vote on ES-11/1).

use serde_json::{Value, json};

use crate::support::dg;

const FIXTURE: &str = "tests/fixtures/render_new_kinds.ron";

/// The day of the vote on ES-11/1.
const VOTE_DAY: &str = "2022-03-02";

fn text(args: &[&str], date: &str) -> String {
    dg(args).graph(FIXTURE).on(date).text()
}

fn json(args: &[&str], date: &str) -> Value {
    dg(args).graph(FIXTURE).on(date).json()
}

/// The relation of `kind` to or from `other` in a `show` answer.
fn relation<'a>(shown: &'a Value, kind: &str, other: &str) -> &'a Value {
    shown["relations"]
        .as_array()
        .expect("relations")
        .iter()
        .find(|r| r["kind"] == kind && (r["to"] == other || r["from"] == other))
        .unwrap_or_else(|| panic!("no {kind} with {other} in {shown}"))
}

#[test]
fn show_words_a_vote_by_its_ballot_and_an_alliance_by_its_type() {
    assert_eq!(
        text(&["show", "RUS"], VOTE_DAY),
        "\
Russia (RUS) — country
  statehood: not recorded
3 relations as of 2022-03-02:
  → member              Commonwealth of Independent States (CIS)     since 1991-12-21
  — alliance (defense)  Kazakhstan (KAZ)                             since 1992-05-15
      note: Collective Security Treaty, Tashkent
  → voted no            Aggression against Ukraine (unga-es-11-1)    on 2022-03-02
"
    );
    // An abstention reads as one; a vote holds on its day alone.
    assert_eq!(
        text(&["show", "KAZ"], VOTE_DAY),
        "\
Kazakhstan (KAZ) — country
  statehood: not recorded
3 relations as of 2022-03-02:
  → member              Commonwealth of Independent States (CIS)     since 1991-12-21
  → abstained           Aggression against Ukraine (unga-es-11-1)    on 2022-03-02
  — alliance (defense)  Russia (RUS)                                 since 1992-05-15
      note: Collective Security Treaty, Tashkent
"
    );
    assert!(!text(&["show", "KAZ"], "2022-03-03").contains("abstained"));
}

#[test]
fn show_json_gives_the_ballot_as_position_and_the_alliance_type() {
    let kaz = json(&["show", "KAZ"], VOTE_DAY);
    assert_eq!(
        *relation(&kaz, "vote", "unga-es-11-1"),
        json!({
            "kind": "vote", "from": "KAZ", "to": "unga-es-11-1",
            "since": "2022-03-02", "until": "2022-03-03", "source": null, "note": null,
            "role": null, "acting": false, "over": null,
            "position": "abstain", "type": null,
        })
    );
    assert_eq!(
        *relation(&kaz, "alliance", "RUS"),
        json!({
            "kind": "alliance", "from": "RUS", "to": "KAZ",
            "since": "1992-05-15", "until": null, "source": null,
            "note": "Collective Security Treaty, Tashkent",
            "role": null, "acting": false, "over": null,
            "position": null, "type": "defense",
        })
    );
    // Every relation has the key, `null` where the kind has no type.
    let member = relation(&kaz, "member", "CIS");
    assert_eq!(member["type"], Value::Null);
    assert_eq!(member["position"], Value::Null);
    assert_eq!(kaz["roll_call"], Value::Null);
    // Seen from Russia, the vote against.
    let rus = json(&["show", "RUS"], VOTE_DAY);
    assert_eq!(relation(&rus, "vote", "unga-es-11-1")["position"], "no");
}

#[test]
fn show_a_roll_call_gives_its_fields_marks_and_description() {
    assert_eq!(
        text(&["show", "unga-es-11-1"], VOTE_DAY),
        "\
Aggression against Ukraine (unga-es-11-1) — roll call
  date: 2022-03-02
  session: 76
  resolution: A/RES/ES-11/1
  important vote: not recorded
  amendment: no
  paragraph: no
  note: Deplores the aggression by the Russian Federation against Ukraine
2 relations as of 2022-03-02:
  ← voted no   Russia (RUS)        on 2022-03-02
  ← abstained  Kazakhstan (KAZ)    on 2022-03-02
"
    );
    let shown = json(&["show", "unga-es-11-1"], VOTE_DAY);
    assert_eq!(shown["kind"], "roll_call");
    assert_eq!(
        shown["note"],
        "Deplores the aggression by the Russian Federation against Ukraine"
    );
    assert_eq!(
        shown["roll_call"],
        json!({
            "date": "2022-03-02",
            "session": 76,
            "resolution": "A/RES/ES-11/1",
            "important": null,
            "amendment": false,
            "paragraph": false,
        })
    );
    let ballots: Vec<(&str, &str)> = shown["relations"]
        .as_array()
        .expect("relations")
        .iter()
        .map(|r| {
            (
                r["from"].as_str().expect("from"),
                r["position"].as_str().expect("a ballot"),
            )
        })
        .collect();
    assert_eq!(ballots, [("RUS", "no"), ("KAZ", "abstain")]);
    for kind in ["event", "codes", "statehood", "organization"] {
        assert_eq!(shown[kind], Value::Null, "{kind}");
    }
    // The day after, the marks are still there and the votes are not.
    assert_eq!(
        text(&["show", "unga-es-11-1"], "2022-03-03").lines().last(),
        Some("No relations in force as of 2022-03-03 (2 recorded at other times).")
    );
}

#[test]
fn neighbors_and_path_say_how_each_state_voted() {
    assert_eq!(
        text(&["neighbors", "unga-es-11-1"], VOTE_DAY),
        "\
Aggression against Ukraine (unga-es-11-1): 2 neighbours as of 2022-03-02
  Kazakhstan (KAZ)  country  ← abstained    on 2022-03-02
  Russia (RUS)      country  ← voted no     on 2022-03-02
"
    );
    assert_eq!(
        text(&["path", "RUS", "KAZ", "--via", "vote"], VOTE_DAY),
        "Russia —voted no→ Aggression against Ukraine ←abstained— Kazakhstan (2 hops)\n"
    );
    assert_eq!(
        text(&["path", "RUS", "KAZ", "--via", "alliance"], VOTE_DAY),
        "Russia —alliance (defense)— Kazakhstan (1 hop)\n"
    );
    let neighbors = json(&["neighbors", "unga-es-11-1"], VOTE_DAY);
    assert_eq!(neighbors[0]["relations"][0]["position"], "abstain");
    assert_eq!(neighbors[1]["relations"][0]["position"], "no");
}

#[test]
fn briefing_and_drawing_word_the_alliance_alike() {
    let report = text(&["report"], VOTE_DAY);
    assert!(
        report.contains(
            "\nPartnerships and support\n  Russia is in an alliance (defense) with Kazakhstan  since 1992-05-15\n"
        ),
        "{report}"
    );
    assert!(
        report.contains(
            "  Commonwealth of Independent States (CIS): 2 members, 1 observer, 1 associate member\n    members: Kazakhstan, Russia\n    observers: Mongolia\n    associate members: Turkmenistan\n"
        ),
        "{report}"
    );
    let dot = text(&["export", "dot"], VOTE_DAY);
    for label in [
        "label=\"alliance (defense)\\nsince 1992-05-15\"",
        "label=\"voted no\"",
        "label=\"abstained\"",
    ] {
        assert!(dot.contains(label), "{label} in\n{dot}");
    }
}

#[test]
fn members_heading_counts_every_status_present() {
    let listing = text(&["members", "CIS"], "2024-01-01");
    assert_eq!(
        listing,
        "\
Commonwealth of Independent States (CIS) as of 2024-01-01: 2 members, 1 observer, 1 associate member
  member     Kazakhstan (KAZ)    since 1991-12-21
  member     Russia (RUS)        since 1991-12-21
  observer   Mongolia (MNG)
  associate  Turkmenistan (TKM)  since 2005-08-26
"
    );
    // JSON lists the same memberships, with the statuses the heading counts.
    let found = json(&["members", "CIS"], "2024-01-01");
    let statuses: Vec<(&str, &str)> = found
        .as_array()
        .expect("an array")
        .iter()
        .map(|m| {
            (
                m["id"].as_str().expect("id"),
                m["status"].as_str().expect("status"),
            )
        })
        .collect();
    assert_eq!(
        statuses,
        [
            ("KAZ", "member"),
            ("RUS", "member"),
            ("MNG", "observer"),
            ("TKM", "associate"),
        ]
    );
    // Before Turkmenistan's associate status, no associate is counted.
    assert_eq!(
        text(&["members", "CIS"], "2000-01-01").lines().next(),
        Some("Commonwealth of Independent States (CIS) as of 2000-01-01: 2 members, 1 observer")
    );
}
