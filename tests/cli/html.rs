//! `export html`: the self-contained page, checked as a file and then in
//! headless Chromium (skipped, with one printed line, when there is none).

use std::path::{Path, PathBuf};
use std::time::Instant;

use serde_json::Value;

use crate::browser::{self, Browser};
use crate::support::dg;

/// Writes the page for `args` (after `export html`) into `dir`.
fn export(dir: &Path, name: &str, args: &[&str]) -> PathBuf {
    let path = dir.join(name);
    let mut all = vec!["export", "html", "--output", path.to_str().unwrap()];
    all.extend_from_slice(args);
    dg(all).text();
    path
}

/// The data block of a page, parsed.
fn data_of(page: &str) -> Value {
    let open = r#"<script type="application/json" id="diplograph-data">"#;
    let start = page.find(open).expect("a data block") + open.len();
    let end = start + page[start..].find("</script>").expect("the block ends");
    serde_json::from_str(&page[start..end]).expect("the data block is JSON")
}

/// `export json ARGS` as (node ids, link keys).
pub(crate) fn json_counts(args: &[&str]) -> (usize, usize) {
    let mut all = vec!["export", "json"];
    all.extend_from_slice(args);
    let data: Value = serde_json::from_str(&dg(all).text()).unwrap();
    (
        data["nodes"].as_array().unwrap().len(),
        data["links"].as_array().unwrap().len(),
    )
}

/// The key of the `kind` relation from `from` to `to` in the all-time export.
pub(crate) fn link_key(kind: &str, from: &str, to: &str) -> String {
    let data: Value = serde_json::from_str(&dg(["export", "json", "--all-time"]).text()).unwrap();
    data["links"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["kind"] == kind && l["source"] == from && l["target"] == to)
        .unwrap_or_else(|| panic!("no {kind} from {from} to {to}"))["key"]
        .as_str()
        .unwrap()
        .to_string()
}

#[test]
fn the_page_is_one_self_contained_file_holding_the_all_time_selection() {
    let dir = tempfile::tempdir().unwrap();
    let path = export(dir.path(), "view.html", &["--as-of", "2024-07-04"]);
    let page = std::fs::read_to_string(&path).unwrap();
    assert!(page.starts_with("<!DOCTYPE html>"));
    let lower = page.to_lowercase();
    for external in [
        "src=\"http",
        "src='http",
        "href=\"http",
        "href='http",
        "url(http",
        "url(\"http",
        "url('http",
        "@import",
        "<script src",
        "<link",
        "<iframe",
    ] {
        assert!(!lower.contains(external), "the page refers to {external}");
    }
    assert_eq!(
        page.matches("<script").count(),
        2,
        "the data and the script"
    );
    let data = data_of(&page);
    let (nodes, links) = json_counts(&["--all-time"]);
    assert_eq!(data["nodes"].as_array().unwrap().len(), nodes);
    assert_eq!(data["edges"].as_array().unwrap().len(), links);
    assert_eq!(data["date"], "2024-07-04");
    // Belarus's SCO membership holds from the Astana summit on.
    let key = link_key("member", "BLR", "SCO");
    let edge = data["edges"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["key"] == key.as_str())
        .unwrap();
    assert_eq!(edge["days"], serde_json::json!([[19908, null]]));
    assert_eq!(edge["since"], "2024-07-04");
    eprintln!("export html of the bundled graph: {} bytes", page.len());

    // A selection is embedded as the all-time slice with that selection.
    let narrow = export(
        dir.path(),
        "sco.html",
        &["--focus", "SCO", "--depth", "1", "--via", "member"],
    );
    let data = data_of(&std::fs::read_to_string(narrow).unwrap());
    let (nodes, links) = json_counts(&[
        "--all-time",
        "--focus",
        "SCO",
        "--depth",
        "1",
        "--via",
        "member",
    ]);
    assert_eq!(data["nodes"].as_array().unwrap().len(), nodes);
    assert_eq!(data["edges"].as_array().unwrap().len(), links);
    assert_eq!(data["selection"]["focus"], "SCO");
    assert_eq!(data["selection"]["via"], serde_json::json!(["member"]));
}

#[test]
fn no_name_can_break_out_of_the_data_block() {
    let dir = tempfile::tempdir().unwrap();
    let fixture =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/export/breaking_names.ron");
    let path = dir.path().join("names.html");
    dg([
        "export",
        "html",
        "--all-time",
        "--output",
        path.to_str().unwrap(),
    ])
    .graph(&fixture)
    .text();
    let page = std::fs::read_to_string(&path).unwrap();
    let open = r#"id="diplograph-data">"#;
    let start = page.find(open).unwrap() + open.len();
    let block = &page[start..start + page[start..].find("</script>").unwrap()];
    assert!(!block.contains('<'), "every < in the data is escaped");
    let data = data_of(&page);
    let names: Vec<&str> = data["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["name"].as_str().unwrap())
        .collect();
    assert!(names.contains(&"<b>HTML</b> &amp; <i>tags</i> <br/>"));
    assert!(names.contains(&"Российская Федерация"));
    assert_eq!(page.matches("</script>").count(), 2);
}

#[test]
fn a_large_graph_needs_a_focus_max_nodes_or_force() {
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.ron");
    dg([
        "generate",
        "--countries",
        "2100",
        "--organizations",
        "10",
        "--relations",
        "3000",
        "--output",
        big.to_str().unwrap(),
    ])
    .default_graph()
    .text();
    let out = dir.path().join("big.html");
    let err = dg(["export", "html", "--all-time", "-o", out.to_str().unwrap()])
        .graph(&big)
        .fails_with(2);
    assert!(err.contains("2,000") || err.contains("2000"), "{err}");
    assert!(err.contains("--max-nodes"), "{err}");
    assert!(!out.exists(), "nothing is written");
    dg([
        "export",
        "html",
        "--all-time",
        "--max-nodes",
        "50",
        "-o",
        out.to_str().unwrap(),
    ])
    .graph(&big)
    .text();
    let data = data_of(&std::fs::read_to_string(&out).unwrap());
    assert_eq!(data["nodes"].as_array().unwrap().len(), 50);
}

#[test]
fn output_rules_are_those_of_every_export() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("view.html");
    std::fs::write(&path, "keep me").unwrap();
    let p = path.to_str().unwrap();
    let err = dg(["export", "html", "-o", p]).fails_with(2);
    assert!(err.contains("--force"), "{err}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "keep me");
    dg(["export", "html", "-o", p, "--force", "--title", "SCO"]).text();
    let page = std::fs::read_to_string(&path).unwrap();
    assert!(page.contains("<title>SCO</title>"));
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        1,
        "no temporary file left"
    );
    // To stdout, and drawing options that mean nothing for a page.
    assert!(dg(["export", "html"]).text().contains("id=\"diplograph\""));
    let err = dg(["export", "html", "--rankdir", "TB"]).fails_with(2);
    assert!(err.contains("--rankdir"), "{err}");
    // The database itself is never replaced.
    let graph = dir.path().join("graph.ron");
    std::fs::copy(crate::support::repo_graph(), &graph).unwrap();
    dg(["export", "html", "--force", "-o", graph.to_str().unwrap()])
        .graph(&graph)
        .fails_with(2);
}

/// Opens `page#fragment` and waits until it has drawn.
fn open(browser: &Browser, page: &Path, fragment: &str) {
    browser.open(&format!("{}{fragment}", browser::file_url(page)));
    browser.wait_for("document.getElementById('diplograph').dataset.ready === 'true'");
}

/// (entities, relations) the page shows.
pub(crate) fn shown(browser: &Browser) -> (usize, usize) {
    let n = |name: &str| {
        browser
            .attr("#diplograph", name)
            .as_str()
            .unwrap()
            .parse::<usize>()
            .unwrap()
    };
    (n("data-visible-entities"), n("data-visible-relations"))
}

/// Whether the edge with `key` is drawn.
pub(crate) fn drawn(browser: &Browser, key: &str) -> bool {
    browser.eval(&format!(
        "!document.querySelector('.edge[data-key=\"{key}\"]').classList.contains('hidden')"
    )) == Value::Bool(true)
}

/// With Iran selected, picks a path from it to Belarus as a user does
/// and checks it is drawn: two hops, through the SCO.
pub(crate) fn path_from_iran_to_belarus(browser: &Browser) {
    browser.click("#path-from");
    browser.click("g.node[data-id=\"BLR\"]");
    browser.wait_for("document.getElementById('details').dataset.id === 'BLR'");
    browser.click("#path-to");
    browser.wait_for("document.getElementById('diplograph').dataset.pathHops === '2'");
    assert_eq!(
        browser.eval("document.querySelectorAll('.edge.on-path').length"),
        2
    );
}

/// Sets the date field as a user does (a value, then `change`).
pub(crate) fn set_date(browser: &Browser, date: &str) {
    browser.eval(&format!(
        "(() => {{ const i = document.getElementById('date-input'); i.value = '{date}'; i.dispatchEvent(new Event('change')); }})()"
    ));
    browser.wait_for(&format!(
        "document.getElementById('diplograph').dataset.date === '{date}'"
    ));
}

/// Days around the bundled database's caveats: before the UN's
/// coverage, its first day, inside everything, the day the facts were
/// checked and the day after, and later.
pub(crate) const CAVEAT_DAYS: [&str; 7] = [
    "1900-01-01",
    "1945-10-23",
    "1945-10-24",
    "2024-07-04",
    "2024-07-28",
    "2024-07-29",
    "2026-12-02",
];

/// The notes `export json --as-of DATE` prints on stderr, without their
/// "note: " prefix.
pub(crate) fn cli_notes(date: &str) -> Vec<String> {
    let out = dg(["export", "json", "--as-of", date]).run();
    assert_eq!(out.code, 0, "{}", out.stderr);
    out.stderr
        .lines()
        .filter_map(|l| l.strip_prefix("note: "))
        .map(str::to_string)
        .collect()
}

/// The notes a page's data block holds for `date`, worded for that day.
fn page_notes(block: &Value, date: &str) -> Vec<String> {
    let day = i64::from(diplograph::date::day_number_of(date.parse().unwrap()));
    block["caveats"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|run| run["from"].as_i64().is_none_or(|from| from <= day))
        .filter(|run| run["until"].as_i64().is_none_or(|until| day < until))
        .flat_map(|run| run["notes"].as_array().unwrap())
        .map(|note| note.as_str().unwrap().replace("the day shown", date))
        .collect()
}

#[test]
fn the_page_holds_for_each_day_the_notes_the_command_line_prints() {
    let dir = tempfile::tempdir().unwrap();
    let page = std::fs::read_to_string(export(dir.path(), "view.html", &[])).unwrap();
    let data = data_of(&page);
    for date in CAVEAT_DAYS {
        assert_eq!(page_notes(&data, date), cli_notes(date), "{date}");
    }
    // The runs the bundled database has: before the UN's coverage, and
    // after the day the facts were checked.
    let runs = data["caveats"].as_array().unwrap();
    assert_eq!(runs.len(), 2, "{runs:#?}");
    assert_eq!(runs[0]["from"], Value::Null);
    assert_eq!(
        runs[0]["until"],
        diplograph::date::day_number_of(jiff::civil::date(1945, 10, 24))
    );
    assert_eq!(
        runs[1]["from"],
        diplograph::date::day_number_of(jiff::civil::date(2024, 7, 29))
    );
    assert_eq!(runs[1]["until"], Value::Null);
}

/// Checks the page shows, for the day it shows (`date`), one line for each
/// note `export json --as-of DATE` prints.
pub(crate) fn assert_notes_shown(browser: &Browser, date: &str) {
    let expected = cli_notes(date);
    assert_eq!(
        browser.attr("#diplograph", "data-notes"),
        expected.len().to_string().as_str(),
        "{date}"
    );
    // Through JSON text: the protocol gives an array back as a reference.
    let lines = browser.eval(
        "JSON.stringify(Array.from(document.querySelectorAll('#notes .caveat'), (e) => e.textContent))",
    );
    let lines: Vec<String> = serde_json::from_str(lines.as_str().unwrap()).unwrap();
    let lines: Vec<String> = lines
        .iter()
        .map(|l| l.replace("the day shown", date))
        .collect();
    let expected: Vec<String> = expected.iter().map(|n| format!("note: {n}")).collect();
    assert_eq!(lines, expected, "{date}");
}

#[test]
fn in_chromium_the_counts_of_each_day_are_those_of_export_json() {
    let Some(browser) = Browser::launch() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let page = export(dir.path(), "view.html", &[]);
    let member = link_key("member", "BLR", "SCO");
    let observer = link_key("observer", "BLR", "SCO");
    for date in ["2024-07-03", "2024-07-04", "2010-01-01"] {
        open(&browser, &page, &format!("#as-of={date}"));
        assert_eq!(browser.attr("#diplograph", "data-date"), date);
        assert_eq!(shown(&browser), json_counts(&["--as-of", date]), "{date}");
    }
    // What the command line notes for a day, the page says over the graph.
    for date in CAVEAT_DAYS {
        open(&browser, &page, &format!("#as-of={date}"));
        assert_notes_shown(&browser, date);
    }
    open(&browser, &page, "#all-time");
    assert_eq!(browser.attr("#diplograph", "data-date"), "all-time");
    assert_eq!(shown(&browser), json_counts(&["--all-time"]));
    assert_eq!(browser.attr("#diplograph", "data-notes"), "0");
    // Belarus moved from observer to member of the SCO at Astana.
    open(&browser, &page, "#as-of=2024-07-03");
    assert!(drawn(&browser, &observer) && !drawn(&browser, &member));
    assert_eq!(
        browser.attr("g.node[data-id=\"BLR\"]", "data-status"),
        "observer"
    );
    set_date(&browser, "2024-07-04");
    assert!(drawn(&browser, &member) && !drawn(&browser, &observer));
    assert_eq!(
        browser.attr("g.node[data-id=\"BLR\"]", "data-status"),
        "member"
    );
    assert_eq!(shown(&browser), json_counts(&["--as-of", "2024-07-04"]));
    assert_eq!(
        browser.eval("location.hash"),
        "#as-of=2024-07-04",
        "the fragment follows the date"
    );
    // The slider moves the day too.
    browser.eval(
        "(() => { const s = document.getElementById('date-slider'); s.value = String(14610); s.dispatchEvent(new Event('input')); })()",
    );
    browser.wait_for("document.getElementById('diplograph').dataset.date === '2010-01-01'");
    assert_eq!(shown(&browser), json_counts(&["--as-of", "2010-01-01"]));
    // Past the day the facts were checked, the note appears as the day moves.
    set_date(&browser, "2026-12-02");
    assert_notes_shown(&browser, "2026-12-02");

    // A narrower selection, mirrored day by day.
    for args in [
        &["--via", "member", "--via", "observer"][..],
        &["--focus", "SCO", "--depth", "1"][..],
    ] {
        let page = export(
            dir.path(),
            "narrow.html",
            &[&["--force"][..], args].concat(),
        );
        for date in ["2024-07-03", "2024-07-04", "2010-01-01"] {
            open(&browser, &page, &format!("#as-of={date}"));
            let expected = json_counts(&[&["--as-of", date][..], args].concat());
            assert_eq!(shown(&browser), expected, "{args:?} on {date}");
        }
    }
}

#[test]
fn in_chromium_names_that_break_writers_are_drawn_as_text() {
    let Some(browser) = Browser::launch() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let fixture =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/export/breaking_names.ron");
    let path = dir.path().join("names.html");
    dg(["export", "html", "--output", path.to_str().unwrap()])
        .graph(&fixture)
        .on("2024-07-04")
        .text();
    open(&browser, &path, "");
    let expected = {
        let data: Value = serde_json::from_str(
            &dg(["export", "json"])
                .graph(&fixture)
                .on("2024-07-04")
                .text(),
        )
        .unwrap();
        (
            data["nodes"].as_array().unwrap().len(),
            data["links"].as_array().unwrap().len(),
        )
    };
    assert_eq!(shown(&browser), expected);
    assert_eq!(
        browser.eval("document.querySelector('g.node[data-id=\"HTM\"] text').textContent"),
        "<b>HTML</b> &amp; <i>tags</i> <br/>"
    );
    assert_eq!(
        browser.eval("document.querySelectorAll('b, i, br').length"),
        0
    );
}

#[test]
fn in_chromium_search_details_paths_and_filters_work() {
    let Some(browser) = Browser::launch() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let page = export(dir.path(), "view.html", &[]);
    let date = "2024-07-04";
    open(&browser, &page, &format!("#as-of={date}"));

    // "Mokhbar", as the command line resolves it: Mohammad Mokhber.
    browser.type_into("#search", "Mokhbar");
    browser
        .wait_for("document.getElementById('diplograph').dataset.selected === 'mohammad-mokhber'");
    let show = dg(["show", "mohammad-mokhber"]).on(date).json();
    let relations = show["relations"].as_array().unwrap().len();
    assert!(relations > 0);
    assert_eq!(
        browser.eval("document.querySelectorAll('#details li').length"),
        relations
    );
    let details = browser.eval("document.getElementById('details').textContent");
    assert!(
        details.as_str().unwrap().contains("acting President"),
        "{details}"
    );

    // A click on Iran lists its relations in force, with their sources.
    browser.click("g.node[data-id=\"IRN\"]");
    browser.wait_for("document.getElementById('details').dataset.id === 'IRN'");
    let show = dg(["show", "Iran"]).on(date).json();
    assert_eq!(
        browser.eval("document.querySelectorAll('#details li').length"),
        show["relations"].as_array().unwrap().len()
    );
    let details = browser.eval("document.getElementById('details').textContent");
    let details = details.as_str().unwrap();
    assert!(details.contains("etv-bharat-2023-07-04"), "{details}");
    assert!(details.contains("since 2023-07-04"), "{details}");

    path_from_iran_to_belarus(&browser);
    let path = browser.eval("document.getElementById('path').textContent");
    let path = path.as_str().unwrap();
    assert!(path.contains("Iran") && path.contains("Belarus"), "{path}");

    // Filters: hiding a kind hides exactly its entities or relations.
    let export: Value = serde_json::from_str(&dg(["export", "json"]).on(date).text()).unwrap();
    let links = export["links"].as_array().unwrap();
    let nodes = export["nodes"].as_array().unwrap();
    let members = links.iter().filter(|l| l["kind"] == "member").count();
    let (entities, relations) = shown(&browser);
    browser.click("#filter-relation-member");
    assert_eq!(shown(&browser), (entities, relations - members));
    browser.click("#filter-relation-member");
    assert_eq!(shown(&browser), (entities, relations));
    let people: Vec<&str> = nodes
        .iter()
        .filter(|n| n["kind"] == "person")
        .map(|n| n["id"].as_str().unwrap())
        .collect();
    let touching = links
        .iter()
        .filter(|l| {
            people.contains(&l["source"].as_str().unwrap())
                || people.contains(&l["target"].as_str().unwrap())
        })
        .count();
    browser.click("#filter-entity-person");
    assert_eq!(
        shown(&browser),
        (entities - people.len(), relations - touching)
    );
}

#[test]
fn in_chromium_the_page_loads_fast_and_draws_a_picture() {
    let Some(browser) = Browser::launch() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let page = export(dir.path(), "view.html", &[]);
    let bytes = std::fs::metadata(&page).unwrap().len();
    let started = Instant::now();
    open(&browser, &page, "#as-of=2024-07-04");
    let wall = started.elapsed();
    let ready = browser.attr("#diplograph", "data-ready-ms");
    eprintln!(
        "export html, bundled graph: {bytes} bytes; navigation start to data-ready: {} ms in headless Chromium ({} ms with the DevTools round trips)",
        ready.as_str().unwrap_or("?"),
        wall.as_millis()
    );
    // Belarus selected, so the picture shows the details panel too.
    browser.click("g.node[data-id=\"BLR\"]");
    browser.wait_for("document.getElementById('details').dataset.id === 'BLR'");
    let png = browser.screenshot_png();
    let (width, height, colours) = browser::png_facts(&png);
    // The window's size less whatever the browser keeps for itself.
    assert_eq!(width, browser::WIDTH);
    assert!((600..=browser::HEIGHT).contains(&height), "{height}");
    assert!(
        colours > 200,
        "a blank page has few colours; this one has {colours}"
    );
    // The README's picture is this screenshot. Tests leave the tree as
    // they found it: the shot goes to target/, and replaces the README's
    // only when asked (`DIPLOGRAPH_UPDATE_SCREENSHOT=1`), since fonts
    // differ from machine to machine.
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    std::fs::write(root.join("target/sco_view.png"), &png).unwrap();
    if std::env::var_os("DIPLOGRAPH_UPDATE_SCREENSHOT").is_some() {
        std::fs::write(root.join("examples/sco_view.png"), &png).unwrap();
    }
    let readme = std::fs::read(root.join("examples/sco_view.png")).unwrap();
    let (width, _, colours) = browser::png_facts(&readme);
    assert!(
        width == browser::WIDTH && colours > 200,
        "examples/sco_view.png is a real screenshot"
    );
}
