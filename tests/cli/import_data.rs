//! `import cow-states|cow-igo|cow-alliances|un-votes` through the binary,
//! on small fixtures written for these tests (`tests/fixtures/import/`):
//! the summary each import ends with, the facts the database then holds
//! (read back with `show`, `members`, `list`, `neighbors` and the file
//! itself), idempotence, `--dry-run`, bad rows and bad invocations.

use std::path::{Path, PathBuf};

use serde_json::Value;
use tempfile::TempDir;

use crate::support::{dg, ids};

/// A fixture of this directory.
fn fixture(name: &str) -> String {
    format!("tests/fixtures/import/{name}")
}

/// A new empty database (checked up to 2024-07-28) in a temporary
/// directory.
fn fresh() -> (TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("world.ron");
    let out = dg(["init", "--checked", "2024-07-28"]).graph(&db).text();
    assert_eq!(
        out,
        format!(
            "created {}: an empty database, facts checked up to 2024-07-28\n",
            db.display()
        )
    );
    (dir, db)
}

/// A copy of `with_sco.ron` (the SCO and the UN as organizations, India
/// and Namibia without codes) in a temporary directory.
fn with_sco() -> (TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("sco.ron");
    std::fs::copy(fixture("with_sco.ron"), &db).unwrap();
    (dir, db)
}

/// `import SET FILES… [EXTRA…]` into `db`: its stdout (exit 0 required).
fn import(db: &Path, set: &str, files: &[&str], extra: &[&str]) -> String {
    let mut args = vec!["import".to_string(), set.to_string()];
    args.extend(files.iter().map(|f| fixture(f)));
    args.extend(extra.iter().map(ToString::to_string));
    dg(args).graph(db).text()
}

/// `import SET FILES…` into `db`, which must fail with `code`: its stderr.
fn import_fails(db: &Path, set: &str, files: &[&str], code: i32) -> String {
    let mut args = vec!["import".to_string(), set.to_string()];
    args.extend(files.iter().map(|f| fixture(f)));
    dg(args).graph(db).fails_with(code)
}

/// The lines of the file's relations list (trimmed).
fn relations(db: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(db).unwrap();
    let start = text.find("    relations: [\n").expect("a relations list") + 17;
    text[start..]
        .lines()
        .map(str::trim)
        .take_while(|l| *l != "],")
        .map(ToString::to_string)
        .collect()
}

/// The entity line of `id` in the file (trimmed).
fn entity_line(db: &Path, id: &str) -> String {
    let text = std::fs::read_to_string(db).unwrap();
    let needle = format!("(id: \"{id}\",");
    text.lines()
        .map(str::trim)
        .find(|l| l.contains(&needle) && !l.starts_with("(id:"))
        .unwrap_or_else(|| panic!("no entity {id} in:\n{text}"))
        .to_string()
}

/// The source line of `id` in the file (trimmed).
fn source_line(db: &Path, id: &str) -> String {
    let text = std::fs::read_to_string(db).unwrap();
    let needle = format!("(id: \"{id}\",");
    text.lines()
        .map(str::trim)
        .find(|l| l.starts_with(&needle))
        .unwrap_or_else(|| panic!("no source {id} in:\n{text}"))
        .to_string()
}

/// The statehood spells `show ID --format json` gives, as (since, until).
fn statehood(db: &Path, id: &str) -> Vec<(String, Option<String>)> {
    let shown = dg(["show", id]).graph(db).json();
    shown["statehood"]
        .as_array()
        .expect("statehood")
        .iter()
        .map(|s| {
            (
                s["since"].as_str().unwrap().to_string(),
                s["until"].as_str().map(ToString::to_string),
            )
        })
        .collect()
}

/// Imports twice: the second import adds nothing, says so, and leaves
/// the file byte for byte as the first left it.
fn second_import_changes_nothing(db: &Path, set: &str, files: &[&str], present: usize) {
    let before = std::fs::read(db).unwrap();
    let out = import(db, set, files, &[]);
    assert_eq!(std::fs::read(db).unwrap(), before, "{set} changed the file");
    assert!(out.contains("\n  source: already listed\n"), "{out}");
    assert!(out.contains("\n  entities created: none\n"), "{out}");
    assert!(out.contains("\n  relations added: none\n"), "{out}");
    assert!(
        out.contains(&format!(
            "\n  relations already in the database: {present}\n"
        )),
        "{out}"
    );
    assert!(
        out.ends_with("\n  nothing new: everything was already in the database\n"),
        "{out}"
    );
}

// --- cow-states -----------------------------------------------------------

#[test]
fn cow_states_creates_the_states_with_their_codes_and_spells() {
    let (_dir, db) = fresh();
    let out = import(&db, "cow-states", &["cow_states_cli.csv"], &[]);
    assert_eq!(
        out,
        format!(
            "\
imported tests/fixtures/import/cow_states_cli.csv into {}
  source: cow-states-2016 (added)
  entities created: 5 countries
  relations added: none
  relations already in the database: 0
  rows skipped: none
",
            db.display()
        )
    );
    // COW 365 is one state; ISO splits it at 1922-12-30 and 1991-12-26.
    let open = |since: &str| (since.to_string(), None);
    let closed = |since: &str, until: &str| (since.to_string(), Some(until.to_string()));
    assert_eq!(
        statehood(&db, "RUS"),
        [closed("1816-01-01", "1922-12-30"), open("1991-12-26")]
    );
    assert_eq!(statehood(&db, "SUN"), [closed("1922-12-30", "1991-12-26")]);
    // COW 255 to 1945-05-08, 260 from 1955-05-05 to 1990-10-02 and 255
    // again from 1990-10-03: one DEU, the adjacent spells merged.
    assert_eq!(
        statehood(&db, "DEU"),
        [closed("1816-01-01", "1945-05-09"), open("1955-05-05")]
    );
    assert_eq!(statehood(&db, "DDR"), [closed("1954-03-25", "1990-10-03")]);
    assert_eq!(statehood(&db, "USA"), [open("1816-01-01")]);
    let shown = dg(["show", "DEU"]).graph(&db).json();
    assert_eq!(shown["codes"], serde_json::json!({"cow": 255, "gw": 260}));
    assert_eq!(shown["name"], "Germany");
    // The source cites the list and covers its days (to 2016-12-31).
    assert_eq!(
        source_line(&db, "cow-states-2016"),
        "(id: \"cow-states-2016\", title: \"State System Membership List\", publisher: \"Correlates of War Project\", date: \"2017\", url: \"https://correlatesofwar.org/data-sets/state-system-membership/\", note: \"Correlates of War Project (2017), State System Membership List, v2016; imported from tests/fixtures/import/cow_states_cli.csv\", coverage: (records: \"states in the international system\", since: \"1816-01-01\", until: \"2017-01-01\")),"
    );
    // The states of a day: the Soviet Union's last day, then Russia's first.
    let on = |day| ids(&dg(["list", "--kind", "country"]).graph(&db).on(day).json());
    assert_eq!(on("1991-12-25"), ["USA", "DEU", "SUN"]);
    assert_eq!(on("1991-12-26"), ["USA", "DEU", "RUS"]);
    assert_eq!(on("1960-01-01"), ["USA", "DEU", "DDR", "SUN"]);
    assert_eq!(on("1950-01-01"), ["USA", "SUN"]);
    let sun = dg(["show", "SUN"]).graph(&db).on("1992-01-01").text();
    assert!(
        sun.contains("  not a state on 1992-01-01 (a state 1922-12-30 to 1991-12-25)\n"),
        "{sun}"
    );
    second_import_changes_nothing(&db, "cow-states", &["cow_states_cli.csv"], 0);
}

#[test]
fn cow_states_fills_in_the_codes_and_spells_an_existing_country_lacks() {
    let (_dir, db) = with_sco();
    let states = "stateabb,ccode,statenme,styear,stmonth,stday,endyear,endmonth,endday,version\n\
                  IND,750,India,1947,8,15,2016,12,31,2016\n";
    let csv = db.with_file_name("india.csv");
    std::fs::write(&csv, states).unwrap();
    let out = dg(["import", "cow-states", csv.to_str().unwrap()])
        .graph(&db)
        .text();
    assert!(out.contains("\n  entities created: none\n"), "{out}");
    assert!(
        out.contains("\n  entities given the fields they lacked: IND\n"),
        "{out}"
    );
    // Its name and note stay; codes and statehood are added.
    assert_eq!(
        entity_line(&db, "IND"),
        "country(id: \"IND\", name: \"India\", codes: (cow: 750, gw: 750), statehood: [(since: \"1947-08-15\", source: \"cow-states-2016\")]),"
    );
}

// --- cow-igo ----------------------------------------------------------------

#[test]
fn cow_igo_turns_yearly_statuses_into_dated_memberships() {
    let (_dir, db) = fresh();
    let out = import(
        &db,
        "cow-igo",
        &["cow_igo_cli.csv", "cow_igo_cli_names.csv"],
        &[],
    );
    assert_eq!(
        out,
        format!(
            "\
imported tests/fixtures/import/cow_igo_cli.csv and tests/fixtures/import/cow_igo_cli_names.csv into {}
  source: cow-igo-3 (added)
  entities created: 5 countries, 4 organizations
  relations added: 10 member, 2 observer, 1 associate
  relations already in the database: 0
  rows skipped: none
  note: 1 cell missing (−9), read as unknown: a missing year ends a membership's run and starts none
",
            db.display()
        )
    );
    assert_eq!(
        relations(&db),
        [
            // 1 in 1990–1995, 0 after: in force 1990 up to 1996.
            r#"member(from: "IND", to: "UN", since: "1990", until: "1996", source: "cow-igo-3"),"#,
            // Until the organization's dissolution (−1 from 1996).
            r#"member(from: "IND", to: "XIGO", since: "1992", until: "1996", source: "cow-igo-3"),"#,
            // Status 3 to the data's last year (2002): open.
            r#"observer(from: "IND", to: "SCO", since: "2001", source: "cow-igo-3"),"#,
            // `nam` is the Non-Aligned Movement, not Namibia (NAM).
            r#"member(from: "IND", to: "NAM-IGO", since: "1990", source: "cow-igo-3"),"#,
            // −9 in 1994 is unknown: it splits the run, it is no "not a member".
            r#"member(from: "NAM", to: "UN", since: "1990", until: "1994", source: "cow-igo-3"),"#,
            r#"member(from: "NAM", to: "UN", since: "1995", source: "cow-igo-3"),"#,
            r#"member(from: "NAM", to: "NAM-IGO", since: "1990", source: "cow-igo-3"),"#,
            // COW 365 is the Soviet Union in 1990 and 1991, Russia after.
            r#"member(from: "RUS", to: "UN", since: "1992", source: "cow-igo-3"),"#,
            r#"member(from: "RUS", to: "SCO", since: "2001", source: "cow-igo-3"),"#,
            r#"member(from: "SUN", to: "UN", since: "1990", until: "1992", source: "cow-igo-3"),"#,
            r#"member(from: "USA", to: "UN", since: "1990", source: "cow-igo-3"),"#,
            // Status 2 is associate membership, a status of its own.
            r#"associate(from: "USA", to: "XIGO", since: "1992", until: "1995", source: "cow-igo-3"),"#,
            r#"observer(from: "USA", to: "XIGO", since: "1995", until: "1996", source: "cow-igo-3"),"#,
        ]
    );
    // −1 before the first year and after the last: founded and dissolved;
    // an IGO existing in the data's first year was founded then or before.
    assert_eq!(
        entity_line(&db, "XIGO"),
        "organization(id: \"XIGO\", name: \"Example Organization of States\", founded: \"1992\", dissolved: \"1996\", note: \"COW IGO `xigo`; created by import from tests/fixtures/import/cow_igo_cli.csv\"),"
    );
    assert_eq!(
        entity_line(&db, "SCO"),
        "organization(id: \"SCO\", name: \"Shanghai Cooperation Organization\", founded: \"2001\", note: \"COW IGO `sco`; created by import from tests/fixtures/import/cow_igo_cli.csv\"),"
    );
    assert_eq!(
        entity_line(&db, "UN"),
        "organization(id: \"UN\", name: \"United Nations\", note: \"COW IGO `un`; created by import from tests/fixtures/import/cow_igo_cli.csv\"),"
    );
    // (The heading counts only full members: "1 member", a fault of the
    // members renderer reported to the lead; the rows are right.)
    let members = dg(["members", "XIGO"]).graph(&db).on("1993-07-01").text();
    assert!(
        members.ends_with(
            "\n  member     India (IND)          1992 – 1996\n  associate  United States (USA)  1992 – 1995\n"
        ),
        "{members}"
    );
    let un = dg(["members", "UN"]).graph(&db).on("1994-07-01").json();
    // Namibia's 1994 is missing (−9): not a member that year, not known
    // to have left.
    assert_eq!(ids(&un), ["IND", "RUS", "USA"], "{un}");
    assert_eq!(un[0]["status"], "member");
    assert_eq!(un[0]["until"], "1996");
    // Past the data's last year (2002) the coverage note is on stderr.
    let past = dg(["members", "SCO"]).graph(&db).on("2003-01-02").run();
    assert_eq!(past.code, 0, "{}", past.stderr);
    assert_eq!(
        past.stdout,
        "\
Shanghai Cooperation Organization (SCO) as of 2003-01-02: 1 member, 1 observer
  member    Russia (RUS)  since 2001
  observer  India (IND)   since 2001
"
    );
    assert_eq!(
        past.stderr,
        "note: 2003-01-02 is outside what the sources this answer relies on cover (cow-igo-3 records IGO memberships (full, associate, observer), by year from 1990 until 2003); what they do not record is missing\n"
    );
    let within = dg(["members", "SCO"]).graph(&db).on("2002-12-31").run();
    assert_eq!(within.stderr, "");
    second_import_changes_nothing(
        &db,
        "cow-igo",
        &["cow_igo_cli.csv", "cow_igo_cli_names.csv"],
        13,
    );
}

#[test]
fn cow_igo_merges_into_the_organizations_and_countries_a_database_has() {
    let (_dir, db) = with_sco();
    let out = import(
        &db,
        "cow-igo",
        &["cow_igo_cli.csv", "cow_igo_cli_names.csv"],
        &[],
    );
    assert!(
        out.contains("\n  entities created: 3 countries, 2 organizations\n"),
        "{out}"
    );
    assert!(
        out.contains("\n  entities given the fields they lacked: NAM, IND\n"),
        "{out}"
    );
    // `sco` lands on the database's SCO, `un` on its UN: unchanged, with
    // their own founding days.
    assert_eq!(
        entity_line(&db, "SCO"),
        "organization(id: \"SCO\", name: \"Shanghai Cooperation Organisation\", aliases: [\"Shanghai Cooperation Organization\"], founded: \"2001-06-15\"),"
    );
    assert_eq!(
        entity_line(&db, "UN"),
        "organization(id: \"UN\", name: \"United Nations\", aliases: [\"U.N.\"], founded: \"1945-10-24\", universal: true),"
    );
    // Namibia exists, so `nam` is NAM-IGO; Namibia gets its codes.
    assert_eq!(
        entity_line(&db, "NAM"),
        "country(id: \"NAM\", name: \"Namibia\", codes: (cow: 565, gw: 565)),"
    );
    assert_eq!(
        entity_line(&db, "NAM-IGO"),
        "organization(id: \"NAM-IGO\", name: \"Non-Aligned Movement\", note: \"COW IGO `nam`; created by import from tests/fixtures/import/cow_igo_cli.csv\"),"
    );
    let orgs = ids(&dg(["list", "--kind", "organization"]).graph(&db).json());
    assert_eq!(orgs, ["SCO", "UN", "XIGO", "NAM-IGO"]);
    let neighbors = dg(["neighbors", "NAM"]).graph(&db).on("2000-07-01").json();
    let text = neighbors.to_string();
    assert!(
        text.contains("\"NAM-IGO\"") && text.contains("\"UN\""),
        "{text}"
    );
    second_import_changes_nothing(
        &db,
        "cow-igo",
        &["cow_igo_cli.csv", "cow_igo_cli_names.csv"],
        13,
    );
}

#[test]
fn cow_igo_without_names_names_organizations_by_their_abbreviation() {
    let (_dir, db) = fresh();
    let out = import(&db, "cow-igo", &["cow_igo_cli.csv"], &[]);
    assert!(
        out.ends_with(
            "  note: 4 organizations are named by their abbreviation: the state-year file has no full names (give the IGO-year file too for them)\n"
        ),
        "{out}"
    );
    assert_eq!(
        entity_line(&db, "NAM-IGO"),
        "organization(id: \"NAM-IGO\", name: \"NAM (IGO)\", note: \"COW IGO `nam`; created by import from tests/fixtures/import/cow_igo_cli.csv\"),"
    );
}

#[test]
fn cow_igo_codes_cow_never_used_are_bad_rows_on_every_line() {
    let (_dir, db) = fresh();
    let before = std::fs::read(&db).unwrap();
    let err = import_fails(&db, "cow-igo", &["cow_igo_unknown_ccode.csv"], 2);
    let file = fixture("cow_igo_unknown_ccode.csv");
    assert!(
        err.contains(&format!(
            "3 bad rows in {file}; nothing was imported:\n  │ {file}:3: column `ccode`: value \"999\": no state in the COW list\n  │ {file}:5: column `ccode`: value \"999\": no state in the COW list\n  │ {file}:6: column `ccode`: value \"998\": no state in the COW list\n"
        )),
        "{err}"
    );
    assert_eq!(std::fs::read(&db).unwrap(), before);
}

// --- cow-alliances ----------------------------------------------------------

#[test]
fn cow_alliances_dyad_file_gives_typed_alliances_at_day_precision() {
    let (_dir, db) = fresh();
    let out = import(&db, "cow-alliances", &["cow_alliance_cli_dyad.csv"], &[]);
    assert_eq!(
        out,
        format!(
            "\
imported tests/fixtures/import/cow_alliance_cli_dyad.csv into {}
  source: cow-alliances-4.1 (added)
  entities created: 6 countries
  relations added: 5 alliance
  relations already in the database: 0
  rows skipped: none
",
            db.display()
        )
    );
    assert_eq!(
        relations(&db),
        [
            // Defense, non-aggression and entente: defense; right-censored: open.
            r#"alliance(from: "GBR", to: "USA", type: defense, since: "1949-04-04", source: "cow-alliances-4.1", note: "COW alliance 1"),"#,
            // No start day: month precision; an end year only: until the next year.
            r#"alliance(from: "FRA", to: "GBR", type: defense, since: "1947-03", until: "1992", source: "cow-alliances-4.1", note: "COW alliance 2"),"#,
            // COW 365 in 1939 is the Soviet Union; neutrality beats non-aggression;
            // the last day in force is 1941-06-22.
            r#"alliance(from: "DEU", to: "SUN", type: neutrality, since: "1939-08-23", until: "1941-06-23", source: "cow-alliances-4.1", note: "COW alliance 3"),"#,
            r#"alliance(from: "JPN", to: "SUN", type: non_aggression, since: "1941-04-13", until: "1945-08-10", source: "cow-alliances-4.1", note: "COW alliance 4"),"#,
            r#"alliance(from: "FRA", to: "SUN", type: entente, since: "1935-05-02", source: "cow-alliances-4.1", note: "COW alliance 5"),"#,
        ]
    );
    let on_last_day = dg(["neighbors", "DEU"]).graph(&db).on("1941-06-22").json();
    assert!(on_last_day.to_string().contains("\"SUN\""), "{on_last_day}");
    let after = dg(["neighbors", "DEU"]).graph(&db).on("1941-06-23").run();
    assert!(!after.stdout.contains("SUN"), "{}", after.stdout);
    second_import_changes_nothing(&db, "cow-alliances", &["cow_alliance_cli_dyad.csv"], 5);
}

#[test]
fn cow_alliances_dyad_years_make_one_relation_per_mirror_pair_and_run() {
    let (_dir, db) = fresh();
    let out = import(&db, "cow-alliances", &["cow_alliance_cli_years.csv"], &[]);
    assert!(out.contains("\n  entities created: 4 countries\n"), "{out}");
    assert!(out.contains("\n  relations added: 3 alliance\n"), "{out}");
    assert_eq!(
        relations(&db),
        [
            // Both directions, 1949 and 1950: one relation; ends before
            // the data's last year (1952): closed.
            r#"alliance(from: "CAN", to: "USA", type: defense, since: "1949", until: "1951", source: "cow-alliances-4.1"),"#,
            // The type changes: a new run.
            r#"alliance(from: "FRA", to: "GBR", type: entente, since: "1950", until: "1951", source: "cow-alliances-4.1"),"#,
            // Reaching the data's last year: open.
            r#"alliance(from: "FRA", to: "GBR", type: defense, since: "1951", source: "cow-alliances-4.1"),"#,
        ]
    );
    let shown = dg(["show", "CAN"]).graph(&db).on("1950-07-01").text();
    assert!(shown.contains("United States (USA)"), "{shown}");
    second_import_changes_nothing(&db, "cow-alliances", &["cow_alliance_cli_years.csv"], 3);
}

// --- un-votes ---------------------------------------------------------------

/// Who voted on a roll call, as `show` lists them in JSON on its day.
fn voters(db: &Path, roll_call: &str, day: &str) -> Vec<String> {
    let shown = dg(["show", roll_call]).graph(db).on(day).json();
    shown["relations"]
        .as_array()
        .expect("relations")
        .iter()
        .map(|r| {
            assert_eq!(r["kind"], "vote");
            assert_eq!(r["since"], day, "a vote holds on its roll call's day");
            r["from"].as_str().unwrap().to_string()
        })
        .collect()
}

#[test]
fn un_votes_gives_roll_calls_and_votes() {
    let (_dir, db) = fresh();
    let out = import(
        &db,
        "un-votes",
        &["un_votes_cli.csv", "un_roll_calls_cli.csv"],
        &[],
    );
    assert_eq!(
        out,
        format!(
            "\
imported tests/fixtures/import/un_votes_cli.csv and tests/fixtures/import/un_roll_calls_cli.csv into {}
  source: unvotes (added)
  entities created: 4 countries, 2 roll calls
  relations added: 6 vote
  relations already in the database: 0
  rows skipped: none
",
            db.display()
        )
    );
    assert_eq!(
        entity_line(&db, "unga-90001"),
        r#"roll_call(id: "unga-90001", name: "QUESTION OF KOREA (roll call 90001)", date: "1950-10-07", session: 5, resolution: "A/RES/376(V)", important: true, amendment: false, paragraph: false, note: "A roll call written for diplograph's tests, on \"Korea\""),"#
    );
    assert_eq!(
        entity_line(&db, "unga-90002"),
        r#"roll_call(id: "unga-90002", name: "EMBARGO (TEST) (roll call 90002)", date: "2000-11-03", session: 55, resolution: "A/RES/55/20", important: false, amendment: false, paragraph: true),"#
    );
    // Russia (RU) on a 1950 roll call is the Soviet Union.
    assert_eq!(
        relations(&db),
        [
            r#"vote(from: "USA", to: "unga-90001", position: yes, source: "unvotes"),"#,
            r#"vote(from: "SUN", to: "unga-90001", position: no, source: "unvotes"),"#,
            r#"vote(from: "CAN", to: "unga-90001", position: abstain, source: "unvotes"),"#,
            r#"vote(from: "USA", to: "unga-90002", position: no, source: "unvotes"),"#,
            r#"vote(from: "RUS", to: "unga-90002", position: yes, source: "unvotes"),"#,
            r#"vote(from: "CAN", to: "unga-90002", position: yes, source: "unvotes"),"#,
        ]
    );
    assert_eq!(
        voters(&db, "unga-90001", "1950-10-07"),
        ["USA", "SUN", "CAN"]
    );
    assert_eq!(
        voters(&db, "unga-90002", "2000-11-03"),
        ["USA", "RUS", "CAN"]
    );
    let shown = dg(["show", "unga-90001"])
        .graph(&db)
        .on("1950-10-07")
        .json();
    assert_eq!(shown["kind"], "roll_call");
    assert_eq!(
        source_line(&db, "unvotes"),
        "(id: \"unvotes\", title: \"United Nations General Assembly Voting Data\", publisher: \"Harvard Dataverse\", url: \"https://doi.org/10.7910/DVN/LEJUQZ\", note: \"Voeten, Erik; Strezhnev, Anton; Bailey, Michael, \\\"United Nations General Assembly Voting Data\\\", Harvard Dataverse, doi:10.7910/DVN/LEJUQZ (CC0). Absent and non-member rows are not votes and add nothing\", coverage: (records: \"UN General Assembly roll-call votes\", since: \"1950-10-07\", until: \"2000-11-04\")),"
    );
    second_import_changes_nothing(
        &db,
        "un-votes",
        &["un_votes_cli.csv", "un_roll_calls_cli.csv"],
        6,
    );
}

#[test]
fn un_votes_reads_voetens_own_layout_and_skips_absent_and_non_members() {
    let (_dir, db) = fresh();
    // The roll calls first: the files are told apart by their headers.
    let out = import(
        &db,
        "un-votes",
        &["un_roll_calls_cli.csv", "voeten_votes_cli.csv"],
        &[],
    );
    assert!(
        out.contains("\n  entities created: 4 countries, 2 roll calls\n"),
        "{out}"
    );
    assert!(out.contains("\n  relations added: 5 vote\n"), "{out}");
    assert!(
        out.contains("\n  rows skipped: 1 absent (8), 2 not a member (9)\n"),
        "{out}"
    );
    // 1 yes, 2 abstain, 3 no; COW 365 in 1950 is the Soviet Union.
    assert_eq!(
        relations(&db),
        [
            r#"vote(from: "USA", to: "unga-90001", position: yes, source: "unvotes"),"#,
            r#"vote(from: "SUN", to: "unga-90001", position: no, source: "unvotes"),"#,
            r#"vote(from: "CAN", to: "unga-90001", position: abstain, source: "unvotes"),"#,
            r#"vote(from: "USA", to: "unga-90002", position: no, source: "unvotes"),"#,
            r#"vote(from: "RUS", to: "unga-90002", position: yes, source: "unvotes"),"#,
        ]
    );
    // The absent United Kingdom and the non-member Japan add nothing.
    let countries = ids(&dg(["list", "--kind", "country", "--all-time"])
        .graph(&db)
        .json());
    assert_eq!(countries, ["USA", "SUN", "CAN", "RUS"]);
}

// --- every data set: dry run, JSON, bad rows, bad invocations ----------------

/// Each data set with fixture files it imports cleanly.
const CLEAN: [(&str, &[&str]); 5] = [
    ("cow-states", &["cow_states_cli.csv"]),
    ("cow-igo", &["cow_igo_cli.csv", "cow_igo_cli_names.csv"]),
    ("cow-alliances", &["cow_alliance_cli_dyad.csv"]),
    ("cow-alliances", &["cow_alliance_cli_years.csv"]),
    ("un-votes", &["un_votes_cli.csv", "un_roll_calls_cli.csv"]),
];

#[test]
fn a_dry_run_writes_nothing_and_says_what_it_would_add() {
    for (set, files) in CLEAN {
        let (_dir, db) = fresh();
        let before = std::fs::read(&db).unwrap();
        let dry = import(&db, set, files, &["--dry-run"]);
        assert_eq!(std::fs::read(&db).unwrap(), before, "{set} wrote");
        assert!(
            dry.starts_with("would import tests/fixtures/import/"),
            "{dry}"
        );
        let real = import(&db, set, files, &[]);
        // The same summary, but for the verb and the last line.
        let (dry_summary, dry_tail) = dry.rsplit_once("dry run: nothing was written (").unwrap();
        assert_eq!(dry_summary.replacen("would import", "imported", 1), real);
        let written = std::fs::read_to_string(&db).unwrap();
        let added = written.lines().count() - String::from_utf8(before).unwrap().lines().count();
        assert_eq!(
            dry_tail,
            format!("{added} lines would be added to {})\n", db.display()),
            "{set}"
        );
    }
}

#[test]
fn the_json_report_holds_the_summary() {
    let (_dir, db) = fresh();
    let mut args: Vec<String> = ["import", "cow-igo"].map(String::from).to_vec();
    args.extend(["cow_igo_cli.csv", "cow_igo_cli_names.csv"].map(fixture));
    let report: Value = dg(args.clone()).graph(&db).json();
    assert_eq!(report["dry_run"], false);
    assert_eq!(report["file"], db.display().to_string());
    assert_eq!(
        report["imports"],
        serde_json::json!([{
            "input": "tests/fixtures/import/cow_igo_cli.csv and tests/fixtures/import/cow_igo_cli_names.csv",
            "source_added": "cow-igo-3",
            "created": {"country": 5, "organization": 4},
            "completed": [],
            "added": {"member": 10, "observer": 2, "associate": 1},
            "present": 0,
            "overlapping": 0,
            "skipped": {},
            "notes": ["1 cell missing (−9), read as unknown: a missing year ends a membership's run and starts none"],
        }])
    );
    // One stretch of the file rewritten: 23 new lines (source, 9
    // entities, 13 relations) net of the lines it replaced.
    let diff = &report["diff"];
    assert_eq!(
        diff["added_lines"].as_u64().unwrap() - diff["removed_lines"].as_u64().unwrap(),
        23
    );
    // Again, as a dry run: everything is present.
    args.push("--dry-run".into());
    let again: Value = dg(args).graph(&db).json();
    assert_eq!(again["dry_run"], true);
    assert_eq!(again["imports"][0]["present"], 13);
    assert_eq!(again["imports"][0]["added"], serde_json::json!({}));
    assert_eq!(again["imports"][0]["source_added"], Value::Null);
}

/// Imports `files`, which must be refused listing exactly `rows` (the
/// fixture's name is prefixed), changing nothing.
fn refused(set: &str, files: &[&str], rows: &[&str]) {
    let (_dir, db) = fresh();
    let before = std::fs::read(&db).unwrap();
    let err = import_fails(&db, set, files, 2);
    assert_eq!(std::fs::read(&db).unwrap(), before, "{set} wrote");
    let inputs = files
        .iter()
        .map(|f| fixture(f))
        .collect::<Vec<_>>()
        .join(" and ");
    let listed: Vec<String> = err
        .lines()
        .filter_map(|l| l.trim_start().strip_prefix("│ "))
        .map(ToString::to_string)
        .collect();
    let want: Vec<String> = rows
        .iter()
        .map(|r| format!("tests/fixtures/import/{r}"))
        .collect();
    assert_eq!(listed, want, "{err}");
    assert!(
        err.contains(&format!(
            "{} bad row{} in {inputs}; nothing was imported:",
            rows.len(),
            if rows.len() == 1 { "" } else { "s" }
        )),
        "{err}"
    );
}

#[test]
fn a_file_with_bad_rows_is_refused_whole_naming_every_one() {
    refused(
        "cow-states",
        &["cow_states_bad.csv"],
        &[
            "cow_states_bad.csv:3: column `stday`: value \"30\": not a day of 1900-02 (1 to 28)",
            "cow_states_bad.csv:4: column `endmonth`: value \"13\": not a month (1 to 12)",
            "cow_states_bad.csv:5: column `endyear`: value \"1900\": the spell ends (1900-01-01) before it starts (1910-05-31)",
            "cow_states_bad.csv:6: column `ccode`: value \"abc\": not a whole number",
            "cow_states_bad.csv:7: column `endyear`: value \"-9\": missing, and a value is needed",
            "cow_states_bad.csv:9: column `styear`: value \"1940\": the spell 1940-01-01 to 1950-12-31 of ccode 255 overlaps its spell on line 8 (1816-01-01 to 1945-05-08)",
            "cow_states_bad.csv:10: 9 fields where the header has 10",
        ],
    );
    refused(
        "cow-igo",
        &["cow_igo_bad.csv"],
        &[
            "cow_igo_bad.csv:3: column `sco`: value \"7\": not a status (0, 1, 2, 3, −9 or −1)",
            "cow_igo_bad.csv:4: column `ccode`: value \"x\": not a whole number",
            "cow_igo_bad.csv:4: column `un`: value \"yes\": not a status (0, 1, 2, 3, −9 or −1)",
            "cow_igo_bad.csv:5: column `year`: value \"2000\": ccode 2 already has year 2000, on line 2",
            "cow_igo_bad.csv:6: 3 fields where the header has 4",
            "cow_igo_bad.csv:7: column `year`: value \"NA\": missing, and a value is needed",
        ],
    );
    refused(
        "cow-alliances",
        &["cow_alliance_dyad_bad.csv"],
        &[
            "cow_alliance_dyad_bad.csv:2: column `dyad_st_day`: value \"4\": a day without a month",
            "cow_alliance_dyad_bad.csv:3: column `dyad_end_month`: value \"13\": not a month (1 to 12)",
            "cow_alliance_dyad_bad.csv:4: column `dyad_st_day`: value \"31\": not a day of 1950-04 (1 to 30)",
            "cow_alliance_dyad_bad.csv:5: column `dyad_end_year`: value \"1949\": the alliance ends (1949) before it starts (1950-02)",
            "cow_alliance_dyad_bad.csv:6: column `defense`: value \"2\": not 0 or 1",
            "cow_alliance_dyad_bad.csv:7: column `ccode1`: value \"NA\": missing, and a value is needed",
            "cow_alliance_dyad_bad.csv:8: column `dyad_st_year`: value \"\": missing, and a value is needed",
            "cow_alliance_dyad_bad.csv:9: column `dyad_end_month`: value \"5\": a day or month without a year",
            "cow_alliance_dyad_bad.csv:10: columns `ccode1`, `ccode2`: values \"900\", \"901\": no state in the COW list",
        ],
    );
    refused(
        "cow-alliances",
        &["cow_alliance_dyad_year_bad.csv"],
        &[
            "cow_alliance_dyad_year_bad.csv:4: column `year`: value \"1990\": the dyad 2–20 already has this year in this direction, on line 2",
            "cow_alliance_dyad_year_bad.csv:6: column `cow_nonagg`: value \"0\": its mirror row on line 5 says 1",
            "cow_alliance_dyad_year_bad.csv:7: column `ccode2`: value \"2\": the same state as `ccode1`",
            "cow_alliance_dyad_year_bad.csv:8: column `cow_entente`: value \"x\": not 0 or 1",
            "cow_alliance_dyad_year_bad.csv:9: column `year`: value \"NA\": missing, and a value is needed",
        ],
    );
    // Codes COW never used, listed in line order.
    refused(
        "cow-alliances",
        &["cow_alliance_dyad_year.csv"],
        &[
            "cow_alliance_dyad_year.csv:8: columns `ccode1`, `ccode2`: values \"900\", \"930\": no state in the COW list",
            "cow_alliance_dyad_year.csv:9: columns `ccode1`, `ccode2`: values \"900\", \"930\": no state in the COW list",
        ],
    );
    refused(
        "un-votes",
        &["un_votes_bad.csv", "un_roll_calls.csv"],
        &[
            "un_votes_bad.csv:3: column `vote`: value \"maybe\": not a vote (yes, no or abstain)",
            "un_votes_bad.csv:4: column `rcid`: value \"99\": no roll call has this rcid",
            "un_votes_bad.csv:5: column `country`: value \"United States\": a second vote on roll call 1, after line 2",
            "un_votes_bad.csv:6: column `country`: value \"\": missing, and a value is needed",
            "un_votes_bad.csv:7: column `rcid`: value \"x\": not a whole number",
            "un_votes_bad.csv:8: column `vote`: value \"NA\": missing, and a value is needed",
        ],
    );
}

#[test]
fn wrong_files_are_refused_with_a_clear_error_and_nothing_written() {
    let (_dir, db) = fresh();
    let before = std::fs::read(&db).unwrap();
    let cases: [(&str, &[&str], i32, &str); 7] = [
        (
            "cow-states",
            &["cow_states_cli.csv", "cow_states.csv"],
            2,
            "import cow-states takes 1 file, not 2",
        ),
        (
            "cow-alliances",
            &["cow_alliance_cli_dyad.csv", "cow_alliance_cli_years.csv"],
            2,
            "import cow-alliances takes 1 file, not 2",
        ),
        (
            "un-votes",
            &["un_votes_cli.csv"],
            2,
            "import un-votes needs two files: the votes (rcid, country, country_code, vote — or rcid, ccode, session, vote) and the roll calls (rcid, session, date, …), which give each vote its day",
        ),
        (
            "un-votes",
            &["un_votes_cli.csv", "voeten_votes_cli.csv"],
            2,
            "import un-votes: tests/fixtures/import/un_votes_cli.csv and tests/fixtures/import/voeten_votes_cli.csv are both votes files; give one of each",
        ),
        (
            "cow-igo",
            &["cow_igo_cli.csv", "cow_igo_state_year.csv"],
            2,
            "import cow-igo: tests/fixtures/import/cow_igo_cli.csv and tests/fixtures/import/cow_igo_state_year.csv are both state-year files; give one of each",
        ),
        (
            "cow-igo",
            &["cow_igo_cli_names.csv"],
            2,
            "import cow-igo needs the state-year file (ccode, year, state, one column per IGO)",
        ),
        (
            "un-votes",
            &["un_votes_cli.csv", "no_such_roll_calls.csv"],
            4,
            "cannot read tests/fixtures/import/no_such_roll_calls.csv",
        ),
    ];
    for (set, files, code, message) in cases {
        let err = import_fails(&db, set, files, code);
        assert!(err.contains(message), "{set} {files:?}:\n{err}");
        assert_eq!(std::fs::read(&db).unwrap(), before, "{set} {files:?} wrote");
    }
    // A file of another data set: the missing columns, and the header found.
    let err = import_fails(&db, "cow-states", &["un_votes_cli.csv"], 2);
    assert!(
        err.contains("tests/fixtures/import/un_votes_cli.csv: no column `stateabb`, no column `ccode`, no column `statenme` or `statename`, no column `styear`, no column `stmonth`, no column `stday`, no column `endyear`, no column `endmonth`, no column `endday`, no column `version`; its header is: country,rcid,country_code,vote"),
        "{err}"
    );
    let err = import_fails(&db, "cow-igo", &["un_votes_cli.csv"], 2);
    assert!(err.contains("no column `ccode`, no column `year`"), "{err}");
    assert_eq!(std::fs::read(&db).unwrap(), before);
    // No file at all is clap's usage error.
    let err = dg(["import", "cow-states"]).graph(&db).fails_with(2);
    assert!(err.contains("FILE"), "{err}");
}

#[test]
fn data_sets_imported_one_after_another_share_their_countries() {
    let (_dir, db) = fresh();
    import(&db, "cow-states", &["cow_states_cli.csv"], &[]);
    let out = import(
        &db,
        "un-votes",
        &["un_votes_cli.csv", "un_roll_calls_cli.csv"],
        &[],
    );
    // USA, SUN and RUS exist from cow-states; only Canada is new.
    assert!(
        out.contains("\n  entities created: 1 country, 2 roll calls\n"),
        "{out}"
    );
    assert_eq!(
        voters(&db, "unga-90001", "1950-10-07"),
        ["USA", "SUN", "CAN"]
    );
    let check = dg(["check"]).graph(&db).run();
    assert_eq!(check.code, 0, "{}", check.stderr);
}

#[test]
fn a_data_set_never_overwrites_what_the_database_records_for_the_same_days() {
    // The bundled-style database says India has been a UN member since
    // 1945-10-30 (its own source); the IGO file's yearly run for India and
    // the UN overlaps it and is not added, while its other rows are.
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("g.ron");
    std::fs::write(
        &db,
        r#"(version: 1, checked: "2024-07-28",
    sources: [(id: "un", title: "UN member states")],
    entities: [
        country(id: "IND", name: "India"),
        organization(id: "UN", name: "United Nations", founded: "1945-10-24", universal: true),
    ],
    relations: [
        member(from: "IND", to: "UN", since: "1945-10-30", source: "un"),
    ],
)
"#,
    )
    .unwrap();
    let csv = dir.path().join("igo.csv");
    std::fs::write(
        &csv,
        "ccode,year,state,un,asean\n750,1990,India,1,0\n750,1991,India,1,3\n",
    )
    .unwrap();
    let text = dg(["import", "cow-igo", &csv.display().to_string()])
        .graph(&db)
        .text();
    assert!(
        text.contains("relations not added, the database recording the same fact or another status for overlapping days (kept as recorded): 1"),
        "{text}"
    );
    let after = std::fs::read_to_string(&db).unwrap();
    assert!(after.contains(r#"member(from: "IND", to: "UN", since: "1945-10-30", source: "un")"#));
    assert!(
        !after.contains(r#"member(from: "IND", to: "UN", since: "1990""#),
        "{after}"
    );
    assert!(
        after.contains(r#"observer(from: "IND", to: "ASEAN", since: "1991", source: "cow-igo-3")"#),
        "{after}"
    );
}
