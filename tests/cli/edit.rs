//! Editing through the real binary: every command on a copy of graph.ron,
//! its refusals, and the guarantees of writes (atomic, locked, lossless,
//! permissions kept, outside changes never overwritten).

#[cfg(unix)]
use std::fmt::Write as _;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use tempfile::TempDir;

use crate::support::{dg, repo_graph};

/// A private copy of the repository's graph.ron.
fn copy() -> (TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("graph.ron");
    std::fs::copy(repo_graph(), &path).unwrap();
    (dir, path)
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap()
}

fn comments(text: &str) -> usize {
    text.lines()
        .filter(|l| l.trim_start().starts_with("//"))
        .count()
}

#[test]
fn add_an_entity_and_a_relation_then_query_them() {
    let (_dir, path) = copy();
    let out = dg([
        "add",
        "entity",
        "--kind",
        "country",
        "--id",
        "LAO",
        "--name",
        "Laos",
        "--alias",
        "Lao People's Democratic Republic",
    ])
    .graph(&path)
    .text();
    assert!(out.starts_with("added country `LAO` (Laos) at "), "{out}");
    let out = dg([
        "add",
        "relation",
        "--kind",
        "dialogue_partner",
        "--from",
        "Lao People's Democratic Republic",
        "--to",
        "Shanghai Cooperation Organization",
        "--since",
        "2025-09-01",
        "--source",
        "interfax-2025-09-01",
    ])
    .graph(&path)
    .text();
    assert!(
        out.starts_with("added dialogue_partner LAO → SCO since 2025-09-01 at "),
        "{out}"
    );
    let partners = dg(["members", "SCO", "--status", "dialogue_partner"])
        .graph(&path)
        .on("2025-09-01")
        .json();
    assert!(
        partners
            .as_array()
            .unwrap()
            .iter()
            .any(|m| m["id"] == "LAO")
    );
    // The new entity sits with the other countries, the file stays canonical
    // and every comment is still there.
    let text = read(&path);
    let laos = text.find("country(id: \"LAO\"").unwrap();
    assert!(laos < text.find("organization(id: \"SCO\"").unwrap());
    dg(["fmt", "--check"]).graph(&path).text();
    assert_eq!(comments(&text), comments(&read(&repo_graph())));
}

#[test]
fn add_relation_with_kind_fields_and_their_refusals() {
    let (_dir, path) = copy();
    let out = dg([
        "add",
        "relation",
        "--kind",
        "leads",
        "--from",
        "Mokhber",
        "--to",
        "Iran",
        "--role",
        "First Vice President",
        "--since",
        "2021-08-08",
        "--until",
        "2024-07-28",
    ])
    .graph(&path)
    .text();
    assert!(
        out.contains("leads mohammad-mokhber → IRN since 2021-08-08"),
        "{out}"
    );
    assert!(read(&path).contains(
        r#"leads(from: "mohammad-mokhber", to: "IRN", role: "First Vice President", since: "2021-08-08", until: "2024-07-28"),"#
    ));
    let err = dg([
        "add", "relation", "--kind", "leads", "--from", "Modi", "--to", "India",
    ])
    .graph(&path)
    .fails_with(2);
    assert!(err.contains("leads needs --role"), "{err}");
    let err = dg([
        "add", "relation", "--kind", "member", "--from", "IND", "--to", "SCO", "--role", "x",
    ])
    .graph(&path)
    .fails_with(2);
    assert!(
        err.contains("--role belongs to leads and serves relations, not member"),
        "{err}"
    );
    let err = dg([
        "add",
        "relation",
        "--kind",
        "stance",
        "--from",
        "PAK",
        "--to",
        "ukraine-war",
    ])
    .graph(&path)
    .fails_with(2);
    assert!(err.contains("stance needs --position"), "{err}");
    let out = dg([
        "add",
        "relation",
        "--kind",
        "stance",
        "--from",
        "TKM",
        "--to",
        "war in ukraine",
        "--position",
        "neutral",
        "--since",
        "2022-03",
    ])
    .graph(&path)
    .text();
    assert!(
        out.contains("stance TKM → ukraine-war since 2022-03"),
        "{out}"
    );
}

#[test]
fn edits_that_break_the_graph_are_refused_and_nothing_is_written() {
    let (_dir, path) = copy();
    let before = read(&path);
    // Mongolia is an observer: being a member at the same time is refused.
    let err = dg([
        "add", "relation", "--kind", "member", "--from", "MNG", "--to", "SCO", "--since", "2030",
    ])
    .graph(&path)
    .fails_with(2);
    assert!(
        err.contains("`MNG` would be both observer and member of `SCO` at once"),
        "{err}"
    );
    // A relation to an entity that does not exist.
    let err = dg([
        "add", "relation", "--kind", "member", "--from", "Atlantis", "--to", "SCO",
    ])
    .graph(&path)
    .fails_with(2);
    assert!(err.contains("no entity is called `Atlantis`"), "{err}");
    // A duplicate id, a bad date, a source that is not listed.
    let err = dg([
        "add", "entity", "--kind", "country", "--id", "RUS", "--name", "Again",
    ])
    .graph(&path)
    .fails_with(2);
    assert!(
        err.contains("--id `RUS` already names Russia (RUS)"),
        "{err}"
    );
    let err = dg([
        "add",
        "relation",
        "--kind",
        "member",
        "--from",
        "EGY",
        "--to",
        "SCO",
        "--since",
        "2024-02-30",
    ])
    .graph(&path)
    .fails_with(2);
    assert!(err.contains("February 2024 has 29 days"), "{err}");
    let err = dg([
        "add", "relation", "--kind", "alliance", "--from", "EGY", "--to", "SAU", "--source",
        "nowhere",
    ])
    .graph(&path)
    .fails_with(2);
    assert!(
        err.contains("--source `nowhere` is not a listed source"),
        "{err}"
    );
    assert_eq!(read(&path), before, "no refused edit touched the file");
}

#[test]
fn dry_run_shows_the_change_and_writes_nothing() {
    let (_dir, path) = copy();
    let before = read(&path);
    let out = dg([
        "add",
        "relation",
        "--kind",
        "alliance",
        "--from",
        "EGY",
        "--to",
        "SAU",
        "--dry-run",
    ])
    .graph(&path)
    .text();
    assert!(
        out.contains("+        alliance(from: \"EGY\", to: \"SAU\"),"),
        "{out}"
    );
    assert!(out.ends_with("dry run: nothing was written\n"), "{out}");
    assert_eq!(read(&path), before);
    let json = dg([
        "end",
        "--kind",
        "leads",
        "--from",
        "Modi",
        "--to",
        "IND",
        "--on",
        "2030",
        "--dry-run",
    ])
    .graph(&path)
    .json();
    assert_eq!(json["dry_run"], true);
    assert_eq!(json["diff"]["removed"].as_array().unwrap().len(), 1);
    assert!(
        json["diff"]["added"][0]
            .as_str()
            .unwrap()
            .contains("until: \"2030\"")
    );
    assert_eq!(read(&path), before);
}

#[test]
fn end_closes_the_relation_in_force_and_keeps_history() {
    let (_dir, path) = copy();
    let out = dg([
        "end",
        "--kind",
        "leads",
        "--from",
        "Putin",
        "--to",
        "Russia",
        "--on",
        "2030-05-07",
    ])
    .graph(&path)
    .text();
    // Putin has six terms in the file (President and Prime Minister); only
    // the one in force is ended.
    assert!(
        out.starts_with("ended leads vladimir-putin → RUS on 2030-05-07"),
        "{out}"
    );
    let before = dg(["show", "Russia"]).graph(&path).on("2030-05-06").json();
    let after = dg(["show", "Russia"]).graph(&path).on("2030-05-07").json();
    let leads = |v: &serde_json::Value| {
        v["relations"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|r| r["kind"] == "leads")
            .count()
    };
    assert_eq!(leads(&before), 1);
    assert_eq!(leads(&after), 0);
    let history = dg(["neighbors", "Putin", "--relation", "leads", "--all-time"])
        .graph(&path)
        .json();
    assert_eq!(
        history[0]["relations"].as_array().unwrap().len(),
        6,
        "no term deleted"
    );
    // Symmetric kinds match either way round; ended relations cannot end twice.
    dg([
        "end", "--kind", "dispute", "--from", "PAK", "--to", "IND", "--on", "2040",
    ])
    .graph(&path)
    .text();
    let err = dg([
        "end", "--kind", "dispute", "--from", "IND", "--to", "PAK", "--on", "2041",
    ])
    .graph(&path)
    .fails_with(2);
    assert!(
        err.contains("dispute IND — PAK since 1947-10 until 2040 (")
            && err.contains("already ends on 2040"),
        "{err}"
    );
    let err = dg([
        "end", "--kind", "alliance", "--from", "IND", "--to", "PAK", "--on", "2041",
    ])
    .graph(&path)
    .fails_with(2);
    assert!(
        err.contains("there is no alliance relation between `IND` and `PAK`"),
        "{err}"
    );
}

#[test]
fn end_refuses_to_move_an_end_date_already_set() {
    let (_dir, path) = copy();
    let before = read(&path);
    // Putin's first term (2000–2008) already ends: `end` says so instead of
    // silently moving its `until`.
    let err = dg([
        "end", "--kind", "leads", "--from", "Putin", "--to", "Russia", "--on", "2005",
    ])
    .graph(&path)
    .fails_with(2);
    assert!(
        err.contains("leads vladimir-putin → RUS since 2000-05-07 until 2008-05-07 ("),
        "{err}"
    );
    assert!(err.contains("already ends on 2008-05-07"), "{err}");
    assert!(err.contains("does not move an end date"), "{err}");
    assert_eq!(read(&path), before);
}

#[test]
fn remove_refuses_while_relations_point_at_an_entity_unless_cascade() {
    let (_dir, path) = copy();
    let err = dg(["remove", "entity", "Kashmir"])
        .graph(&path)
        .fails_with(2);
    assert!(err.contains("`kashmir` is named by 1 relation(s)"), "{err}");
    assert!(err.contains("dispute IND — PAK"), "{err}");
    let out = dg(["remove", "entity", "Kashmir", "--cascade"])
        .graph(&path)
        .text();
    assert!(out.contains("removed issue `kashmir`"), "{out}");
    assert!(
        out.contains("removed dispute IND — PAK since 1947-10"),
        "{out}"
    );
    dg(["check"]).graph(&path).text();
    let err = dg(["show", "Kashmir"]).graph(&path).fails_with(2);
    assert!(err.contains("no entity is called `Kashmir`"), "{err}");
    // Remove one relation; several of a kind need --since.
    let err = dg([
        "remove", "relation", "--kind", "leads", "--from", "Putin", "--to", "RUS",
    ])
    .graph(&path)
    .fails_with(2);
    assert!(err.contains("name one with --since"), "{err}");
    let out = dg([
        "remove",
        "relation",
        "--kind",
        "leads",
        "--from",
        "Putin",
        "--to",
        "RUS",
        "--since",
        "1999-12-31",
    ])
    .graph(&path)
    .text();
    assert!(
        out.starts_with("removed leads vladimir-putin → RUS since 1999-12-31"),
        "{out}"
    );
    dg(["fmt", "--check"]).graph(&path).text();
}

#[test]
fn add_source_then_cite_it() {
    let (_dir, path) = copy();
    dg([
        "add",
        "source",
        "--id",
        "csto-charter",
        "--title",
        "Charter of the CSTO",
        "--date",
        "2002-10-07",
    ])
    .graph(&path)
    .text();
    dg([
        "add",
        "relation",
        "--kind",
        "alliance",
        "--from",
        "RUS",
        "--to",
        "KAZ",
        "--source",
        "csto-charter",
        "--since",
        "2002-10-07",
    ])
    .graph(&path)
    .text();
    let kaz = dg(["show", "KAZ"]).graph(&path).on("2024-01-01").json();
    assert!(
        kaz["relations"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["kind"] == "alliance" && r["source"] == "csto-charter")
    );
}

#[test]
fn fmt_rewrites_a_hand_made_file_keeping_every_comment() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("hand.ron");
    std::fs::write(
        &path,
        "// my notes\n(version: 1, checked: \"2024\", // when\n entities: [country( id: \"AAA\", // inline\n name: \"A\" ), country(id: \"BBB\", name: \"B\")],\n relations: [ rivalry(from: \"AAA\", to: \"BBB\") ] )\n",
    )
    .unwrap();
    let err = dg(["fmt", "--check"]).graph(&path).fails_with(5);
    assert!(err.contains("is not canonical"), "{err}");
    let out = dg(["fmt"]).graph(&path).text();
    assert!(out.starts_with("rewrote"), "{out}");
    let text = read(&path);
    for comment in ["// my notes", "// when", "// inline"] {
        assert!(text.contains(comment), "{comment} lost:\n{text}");
    }
    assert!(
        text.contains("        country(id: \"AAA\", name: \"A\"),\n"),
        "{text}"
    );
    dg(["fmt", "--check"]).graph(&path).text();
    let again = dg(["fmt"]).graph(&path).text();
    assert!(again.contains("already in canonical form"), "{again}");
    assert_eq!(read(&path), text, "formatting twice changes nothing");
}

#[test]
fn the_committed_graph_is_canonical() {
    let out = dg(["fmt", "--check"]).text();
    assert!(out.ends_with("is in canonical form\n"), "{out}");
}

#[test]
fn import_csv_validates_everything_before_writing() {
    let (dir, path) = copy();
    let csv = dir.path().join("dyads.csv");
    std::fs::write(
        &csv,
        "from,to,since,note\nRUS,BLR,1994,Collective Security Treaty\nKAZ,KGZ,1994-05,\nLAO,RUS,1994,\n",
    )
    .unwrap();
    let before = read(&path);
    // LAO is unknown and no --create-missing: refused, nothing written.
    let err = dg(["import", "csv", csv.to_str().unwrap(), "--kind", "alliance"])
        .graph(&path)
        .fails_with(2);
    assert!(err.contains("row 4"), "{err}");
    assert!(err.contains("--create-missing"), "{err}");
    assert_eq!(read(&path), before);
    // RUS–BLR overlaps the Union State alliance already recorded: refused whole.
    let err = dg([
        "import",
        "csv",
        csv.to_str().unwrap(),
        "--kind",
        "alliance",
        "--create-missing",
        "country",
    ])
    .graph(&path)
    .fails_with(2);
    assert!(
        err.contains("recorded twice for overlapping periods"),
        "{err}"
    );
    assert_eq!(read(&path), before);
    std::fs::write(
        &csv,
        "state_a,state_b,year\nKAZ,KGZ,1994\nLAO,RUS,1994\nLAO,KAZ,1994\n",
    )
    .unwrap();
    let out = dg([
        "import",
        csv.to_str().unwrap(),
        "--kind",
        "alliance",
        "--from-column",
        "state_a",
        "--to-column",
        "state_b",
        "--since-column",
        "year",
        "--create-missing",
        "country",
    ])
    .graph(&path)
    .run();
    assert_eq!(out.code, 2, "`import` needs a format: {}", out.stderr);
    let out = dg([
        "import",
        "csv",
        csv.to_str().unwrap(),
        "--kind",
        "alliance",
        "--from-column",
        "state_a",
        "--to-column",
        "state_b",
        "--since-column",
        "year",
        "--create-missing",
        "country",
    ])
    .graph(&path)
    .text();
    assert!(out.contains("added 1 new country entities: LAO"), "{out}");
    assert!(out.contains("imported 3 alliance relations"), "{out}");
    let arm = dg(["neighbors", "LAO"])
        .graph(&path)
        .on("2000-01-01")
        .json();
    assert_eq!(arm.as_array().unwrap().len(), 2);
    dg(["fmt", "--check"]).graph(&path).text();
}

#[test]
fn the_bundled_copy_cannot_be_edited() {
    let dir = tempfile::tempdir().unwrap();
    let err = dg([
        "add", "entity", "--kind", "country", "--id", "ARM", "--name", "Armenia",
    ])
    .default_graph()
    .dir(dir.path())
    .fails_with(2);
    assert!(err.contains("no database file to edit"), "{err}");
}

#[cfg(unix)]
#[test]
fn permissions_are_kept_and_read_only_files_and_directories_refuse_cleanly() {
    use std::os::unix::fs::PermissionsExt;
    let (dir, path) = copy();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
    dg([
        "add", "relation", "--kind", "alliance", "--from", "EGY", "--to", "SAU",
    ])
    .graph(&path)
    .text();
    let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o640);

    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).unwrap();
    let before = read(&path);
    let err = dg([
        "remove", "relation", "--kind", "alliance", "--from", "EGY", "--to", "SAU",
    ])
    .graph(&path)
    .fails_with(4);
    assert!(err.contains("is read-only; nothing was changed"), "{err}");
    assert!(err.contains("chmod u+w"), "{err}");
    assert_eq!(read(&path), before);

    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o555)).unwrap();
    let out = dg([
        "remove", "relation", "--kind", "alliance", "--from", "EGY", "--to", "SAU",
    ])
    .graph(&path)
    .run();
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    // Root may write anywhere; everyone else gets a clear refusal.
    if out.code != 0 {
        assert_eq!(out.code, 4, "{}", out.stderr);
        assert!(out.stderr.contains("cannot write"), "{}", out.stderr);
        assert_eq!(read(&path), before);
    }
}

#[test]
fn concurrent_writers_all_land() {
    let (_dir, path) = copy();
    let countries = ["KAZ", "KGZ", "TJK", "UZB", "MNG", "AFG", "TUR", "SAU"];
    let children: Vec<_> = countries
        .iter()
        .map(|c| {
            Command::new(assert_cmd::cargo::cargo_bin("diplograph"))
                .args(["--graph", path.to_str().unwrap()])
                .args([
                    "add", "relation", "--kind", "alliance", "--from", "EGY", "--to", c,
                ])
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for child in children {
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let egypt = dg(["neighbors", "EGY", "--relation", "alliance"])
        .graph(&path)
        .on("2024-01-01")
        .json();
    assert_eq!(egypt.as_array().unwrap().len(), countries.len());
}

#[cfg(unix)]
#[test]
fn kill_9_during_repeated_saves_never_leaves_an_unloadable_file() {
    let (dir, path) = copy();
    // A larger file makes each save take longer, so kills land mid-write.
    // Overlapping duplicates are refused, so each row gets its own year.
    let csv = dir.path().join("many.csv");
    let mut rows = String::from("from,to,since,until\n");
    for i in 0..3000 {
        let _ = writeln!(rows, "AFG,MNG,{},{}", 1000 + i, 1001 + i);
    }
    std::fs::write(&csv, rows).unwrap();
    dg(["import", "csv", csv.to_str().unwrap(), "--kind", "rivalry"])
        .graph(&path)
        .text();
    let script = format!(
        "while true; do {bin} --graph {g} add relation --kind alliance --from EGY --to SAU >/dev/null 2>&1; \
         {bin} --graph {g} remove relation --kind alliance --from EGY --to SAU >/dev/null 2>&1; done",
        bin = assert_cmd::cargo::cargo_bin("diplograph").display(),
        g = path.display()
    );
    for round in 0..12u64 {
        let mut child = Command::new("sh")
            .args(["-c", &script])
            .process_group(0)
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(150 + 37 * round));
        // Kill the whole group: the shell and the writer it is running.
        let _ = Command::new("kill")
            .args(["-KILL", "--", &format!("-{}", child.id())])
            .status();
        // Should the group kill fail, stopping the shell still ends the loop.
        let _ = child.kill();
        let _ = child.wait();
        let out = dg(["check"]).graph(&path).run();
        assert_eq!(out.code, 0, "round {round}: {}", out.stderr);
    }
}

#[test]
fn a_file_changed_behind_the_lock_is_never_overwritten() {
    let (_dir, path) = copy();
    let mut doc = diplograph::edit::Document::open(&path).unwrap();
    doc.insert(
        diplograph::store::locate::List::Relations,
        None,
        &[r#"alliance(from: "EGY", to: "SAU")"#.to_string()],
    )
    .unwrap();
    // An editor that ignores locks saves meanwhile.
    let edited = read(&path).replace("// diplograph database", "// edited by hand");
    std::fs::write(&path, &edited).unwrap();
    let err = doc.commit(false).unwrap_err();
    assert!(
        err.to_string().contains("was changed by another program"),
        "{err}"
    );
    assert_eq!(read(&path), edited, "the other program's change survives");
}

#[test]
fn add_writes_an_organization_s_life_a_source_s_coverage_and_the_new_kinds() {
    let (_dir, path) = copy();
    let add = |args: &[&str]| {
        let mut all = vec!["add"];
        all.extend_from_slice(args);
        dg(all).graph(&path).text()
    };
    add(&[
        "entity",
        "--kind",
        "organization",
        "--id",
        "CSTO",
        "--name",
        "Collective Security Treaty Organization",
        "--founded",
        "2002-10-07",
    ]);
    add(&[
        "source",
        "--id",
        "csto-site",
        "--title",
        "CSTO member states",
        "--records",
        "CSTO memberships",
        "--covers-since",
        "2002-10-07",
        "--covers-until",
        "2024-07-05",
    ]);
    add(&[
        "entity",
        "--kind",
        "person",
        "--id",
        "test-minister",
        "--name",
        "Test Minister",
    ]);
    add(&[
        "relation",
        "--kind",
        "serves",
        "--from",
        "test-minister",
        "--to",
        "IND",
        "--role",
        "Minister of State for External Affairs",
        "--since",
        "2019-05-31",
        "--source",
        "csto-site",
    ]);
    let text = read(&path);
    assert!(text.contains(r#"organization(id: "CSTO", name: "Collective Security Treaty Organization", founded: "2002-10-07")"#), "{text}");
    assert!(text.contains(r#"(id: "csto-site", title: "CSTO member states", coverage: (records: "CSTO memberships", since: "2002-10-07", until: "2024-07-05"))"#), "{text}");
    assert!(text.contains(r#"serves(from: "test-minister", to: "IND", role: "Minister of State for External Affairs", since: "2019-05-31", source: "csto-site")"#), "{text}");
    // A minister is not a leader: `show India` lists the office as served.
    let india = dg(["show", "India"]).graph(&path).on("2024-07-04").text();
    assert!(india.contains("← serves"), "{india}");
    // Founding fields are for organizations only.
    let before = read(&path);
    let err = dg([
        "add",
        "entity",
        "--kind",
        "country",
        "--id",
        "ZZQ",
        "--name",
        "Q",
        "--founded",
        "2001",
    ])
    .graph(&path)
    .fails_with(2);
    assert!(err.contains("describe organizations only"), "{err}");
    assert_eq!(read(&path), before);
}

#[test]
fn init_creates_an_empty_database_and_never_replaces_one() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("world.ron");
    let out = dg(["init", "--checked", "2024-07-28"]).graph(&path).text();
    assert_eq!(
        out,
        format!(
            "created {}: an empty database, facts checked up to 2024-07-28\n",
            path.display()
        )
    );
    let check = dg(["check"]).graph(&path).text();
    assert!(
        check.ends_with(
            ": ok — 0 entities, 0 relations, 0 sources; facts checked up to 2024-07-28\n"
        ),
        "{check}"
    );
    // What importers and `add` then build on.
    dg([
        "add", "entity", "--kind", "country", "--id", "ZZA", "--name", "Aland",
    ])
    .graph(&path)
    .text();
    let before = read(&path);
    let err = dg(["init"]).graph(&path).fails_with(2);
    assert!(
        err.contains("already exists; init never replaces a database"),
        "{err}"
    );
    assert_eq!(read(&path), before);
    // Without --graph it creates ./graph.ron, and refuses it the second time.
    let here = tempfile::tempdir().unwrap();
    dg(["init"]).default_graph().dir(here.path()).text();
    assert!(here.path().join("graph.ron").is_file());
    let err = dg(["init"]).default_graph().dir(here.path()).fails_with(2);
    assert!(err.contains("graph.ron already exists"), "{err}");
    // A bad date is a command-line error that writes nothing.
    let other = dir.path().join("other.ron");
    let err = dg(["init", "--checked", "2024-13"])
        .graph(&other)
        .fails_with(2);
    assert!(err.contains("--checked"), "{err}");
    assert!(!other.exists());
}
