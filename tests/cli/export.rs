//! `diplograph export`: every format through the real binary, with the
//! seed's facts checked in the output, every DOT rendered by Graphviz, a
//! database whose names are built to break the writers, and the closed
//! pipe that must not abort.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use serde_json::Value;

use crate::support::{dg, repo_graph};

const SUMMIT: &str = "2024-07-04";
const RED: &str = "#dc2626";

fn breaking_names() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/export/breaking_names.ron")
}

fn binary() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_diplograph"))
}

/// Whether Graphviz's `dot` runs here. In CI it must (`.ci/run` installs
/// it); elsewhere the Graphviz checks are skipped with a notice.
fn graphviz() -> bool {
    let found = Command::new("dot")
        .arg("-V")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !found {
        assert!(
            std::env::var_os("CI").is_none(),
            "Graphviz must be installed in CI (.ci/run installs it)"
        );
        eprintln!("notice: Graphviz `dot` not found; skipping the rendering check");
    }
    found
}

/// Renders DOT with `dot -Tsvg`; fails the test on any Graphviz error or
/// warning. `None` when Graphviz is absent (outside CI).
fn render(dot: &str) -> Option<String> {
    if !graphviz() {
        return None;
    }
    let mut child = Command::new("dot")
        .arg("-Tsvg")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("dot starts");
    let mut stdin = child.stdin.take().unwrap();
    let input = dot.to_string();
    let feeder = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let out = child.wait_with_output().unwrap();
    feeder.join().unwrap().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success() && stderr.trim().is_empty(),
        "dot -Tsvg failed ({}):\n{stderr}\n--- input ---\n{dot}",
        out.status
    );
    let svg = String::from_utf8(out.stdout).expect("SVG is UTF-8");
    assert!(svg.contains("<svg"), "{svg}");
    Some(svg)
}

/// A DOT node or edge statement: its attributes, unescaped.
#[derive(Debug)]
struct Statement {
    from: String,
    to: Option<String>,
    attrs: HashMap<String, String>,
}

/// Reads the statements `diplograph export dot` writes (one per line,
/// `id [a="…", …];` or `a -> b [ … ];`): enough to check the facts drawn.
fn statements(dot: &str) -> Vec<Statement> {
    let mut out = Vec::new();
    for line in dot.lines().map(str::trim) {
        let Some((head, rest)) = line.split_once(" [") else {
            continue;
        };
        let (from, to) = match head.split_once(" -> ") {
            Some((a, b)) => (a.to_string(), Some(b.to_string())),
            None => (head.to_string(), None),
        };
        if ["graph", "node", "edge"].contains(&from.as_str()) {
            continue;
        }
        let mut attrs = HashMap::new();
        let mut chars = rest.chars().peekable();
        loop {
            let name: String = chars.by_ref().take_while(|c| *c != '=').collect();
            if name.is_empty() {
                break;
            }
            assert_eq!(chars.next(), Some('"'), "quoted value in {line}");
            let mut value = String::new();
            while let Some(c) = chars.next() {
                match c {
                    '\\' => {
                        let next = chars.next().unwrap();
                        value.push(if next == 'n' { '\n' } else { next });
                    }
                    '"' => break,
                    c => value.push(c),
                }
            }
            attrs.insert(name.trim_start_matches(", ").to_string(), value);
            if chars.peek() == Some(&']') {
                break;
            }
        }
        out.push(Statement { from, to, attrs });
    }
    out
}

/// Node id → label.
fn labels(statements: &[Statement]) -> HashMap<String, String> {
    statements
        .iter()
        .filter(|s| s.to.is_none())
        .map(|s| (s.from.clone(), s.attrs["label"].clone()))
        .collect()
}

/// `(from label, to label, edge label)` of every edge not in the legend.
fn edges(dot: &str) -> Vec<(String, String, Statement)> {
    let all = statements(dot);
    let names = labels(&all);
    all.into_iter()
        .filter(|s| s.to.is_some() && !s.from.starts_with("legend_"))
        .map(|s| {
            let from = names[&s.from].clone();
            let to = names[s.to.as_ref().unwrap()].clone();
            (from, to, s)
        })
        .collect()
}

fn members_drawn(day: &str) -> Vec<String> {
    let dot = dg([
        "export", "dot", "--focus", "SCO", "--via", "member", "--via", "observer",
    ])
    .on(day)
    .text();
    render(&dot);
    let mut members: Vec<String> = edges(&dot)
        .into_iter()
        .filter(|(_, to, s)| {
            to == "Shanghai Cooperation Organisation" && s.attrs["label"].starts_with("member")
        })
        .map(|(from, _, _)| from)
        .collect();
    members.sort();
    members
}

#[test]
fn dot_draws_the_sco_members_as_edges_to_the_sco_and_belarus_from_the_summit_day() {
    let before = members_drawn("2024-07-03");
    assert_eq!(
        before,
        [
            "China",
            "India",
            "Iran",
            "Kazakhstan",
            "Kyrgyzstan",
            "Pakistan",
            "Russia",
            "Tajikistan",
            "Uzbekistan"
        ]
    );
    let on = members_drawn(SUMMIT);
    assert_eq!(on.len(), 10);
    assert!(on.contains(&"Belarus".to_string()));

    let dot = dg(["export", "dot", "--focus", "SCO", "--via", "member"])
        .on(SUMMIT)
        .text();
    let belarus = edges(&dot)
        .into_iter()
        .find(|(from, _, _)| from == "Belarus")
        .expect("Belarus is drawn");
    assert_eq!(belarus.2.attrs["label"], "member\nsince 2024-07-04");
}

#[test]
fn negative_ties_are_red_and_dashed_and_symmetric_ties_have_no_arrowheads() {
    let dot = dg(["export", "dot", "--all-time"]).text();
    render(&dot);
    let drawn = edges(&dot);
    assert_eq!(drawn.len(), relation_count(), "every relation is drawn");
    let mut negative = 0;
    for (from, to, s) in &drawn {
        let label = &s.attrs["label"];
        let kind = label.split(['\n', ' ']).next().unwrap();
        let is_negative = ["rivalry", "dispute", "conflict", "sanctions"].contains(&kind);
        let is_symmetric =
            ["partnership", "alliance", "rivalry", "dispute", "conflict"].contains(&kind);
        if is_negative {
            negative += 1;
            assert_eq!(s.attrs["style"], "dashed", "{from} {label} {to}");
            assert_eq!(s.attrs["color"], RED, "{from} {label} {to}");
        } else {
            assert_ne!(s.attrs["color"], RED, "{from} {label} {to}");
            assert_ne!(s.attrs["style"], "dashed", "{from} {label} {to}");
        }
        assert_eq!(
            s.attrs.get("dir").map(String::as_str) == Some("none"),
            is_symmetric,
            "{from} {label} {to}"
        );
    }
    // Russia–Ukraine war (from 2014, and the full-scale invasion from
    // 2022), India–Pakistan over Kashmir, China–US rivalry, EU and US
    // sanctions on Russia.
    assert_eq!(negative, 6);
    let kashmir = drawn
        .iter()
        .find(|(from, to, _)| from == "India" && to == "Pakistan")
        .unwrap();
    assert_eq!(
        kashmir.2.attrs["label"],
        "dispute over Kashmir\nsince 1947-10"
    );
}

#[test]
fn dot_has_a_legend_of_the_kinds_drawn_and_leaves_it_out_on_request() {
    let dot = dg(["export", "dot", "--focus", "India"]).on(SUMMIT).text();
    let svg = render(&dot);
    assert!(dot.contains("label=\"Legend\""));
    let all = statements(&dot);
    let legend: Vec<&str> = all
        .iter()
        .filter(|s| s.to.is_some() && s.from.starts_with("legend_"))
        .map(|s| s.attrs["label"].as_str())
        .collect();
    assert_eq!(
        legend,
        [
            "member",
            "leads",
            "dispute",
            "stance (supports / opposes / neutral)",
            "serves"
        ]
    );
    if let Some(svg) = svg {
        assert!(svg.contains(">Legend</text>"));
        assert!(svg.contains(">Narendra Modi</text>"));
    }
    let bare = dg(["export", "dot", "--focus", "India", "--no-legend"])
        .on(SUMMIT)
        .text();
    assert!(!bare.contains("Legend"));
}

#[test]
fn cluster_by_draws_the_members_inside_the_organization_box() {
    let dot = dg([
        "export",
        "dot",
        "--focus",
        "SCO",
        "--via",
        "member",
        "--via",
        "dialogue_partner",
        "--cluster-by",
        "Shanghai Cooperation Organization",
    ])
    .on(SUMMIT)
    .text();
    render(&dot);
    let start = dot
        .find("label=\"Shanghai Cooperation Organisation members\"")
        .unwrap();
    let cluster = &dot[start..dot[start..].find('}').unwrap() + start];
    for member in ["Belarus", "China", "India", "Iran"] {
        assert!(cluster.contains(&format!("label=\"{member}\"")), "{member}");
    }
    assert!(
        !cluster.contains("label=\"Egypt\""),
        "a dialogue partner is not a member"
    );
    let err = dg(["export", "dot", "--cluster-by", "Russia"])
        .on(SUMMIT)
        .fails_with(2);
    assert!(err.contains("needs an organization"), "{err}");
}

#[test]
fn every_drawing_option_renders() {
    let mut runs: Vec<Vec<&str>> = Vec::new();
    for rankdir in ["TB", "LR", "BT", "RL"] {
        runs.push(vec!["--rankdir", rankdir]);
    }
    for engine in ["dot", "neato", "fdp", "sfdp", "circo", "twopi"] {
        runs.push(vec!["--engine", engine]);
    }
    for overlap in ["false", "true", "scale", "compress"] {
        runs.push(vec!["--engine", "neato", "--overlap", overlap]);
    }
    for labels in ["full", "short", "none"] {
        runs.push(vec!["--labels", labels, "--no-legend"]);
    }
    runs.push(vec!["--cluster-by", "SCO", "--cluster-by", "UN"]);
    runs.push(vec!["--title", "A \"quoted\" title \\ with a backslash"]);
    for extra in runs {
        let mut args = vec!["export", "dot", "--all-time"];
        args.extend(&extra);
        let dot = dg(args).text();
        if let Some(svg) = render(&dot) {
            assert!(
                svg.contains("Shanghai Cooperation Organisation"),
                "{extra:?}"
            );
        }
    }
    let neato = dg(["export", "dot", "--engine", "neato"]).on(SUMMIT).text();
    assert!(neato.contains("layout=\"neato\"") && neato.contains("overlap=\"false\""));
}

#[test]
fn names_built_to_break_dot_render_as_written() {
    let dot = dg(["export", "dot", "--all-time"])
        .graph(breaking_names())
        .text();
    let names = labels(&statements(&dot));
    let mut drawn: Vec<&str> = names
        .iter()
        .filter(|(id, _)| !id.starts_with("legend_"))
        .map(|(_, label)| label.as_str())
        .collect();
    drawn.sort_unstable();
    for name in [
        "Quote \"Land\"",
        "New Line\\nLand",
        "<b>HTML</b> &amp;amp; <i>tags</i> <br/>",
        "Российская Федерация",
        "subgraph",
        "digraph { a -> b; }",
        "node",
        "\\N \\G \\E \\L \\l \\r",
    ] {
        assert!(drawn.contains(&name), "{name:?} not among {drawn:?}");
    }
    // Node ids are synthetic: no name or DOT keyword is ever an id.
    for s in statements(&dot) {
        assert!(
            s.from.starts_with('n') && s.from[1..].parse::<usize>().is_ok()
                || s.from.starts_with("legend_"),
            "id {}",
            s.from
        );
    }
    let Some(svg) = render(&dot) else { return };
    for text in [
        ">Quote &quot;Land&quot;</text>",
        ">New Line\\nLand</text>",
        ">&lt;b&gt;HTML&lt;/b&gt; &amp;amp; &lt;i&gt;tags&lt;/i&gt; &lt;br/&gt;</text>",
        ">Российская Федерация</text>",
        ">\\N \\G \\E \\L \\l \\r</text>",
        ">strict digraph &#45;&#45; &#45;&gt; ;</text>",
        ">acting &quot;Supreme&quot; Leader \\ of &lt;All&gt;</text>",
    ] {
        assert!(svg.contains(text), "SVG lacks {text}");
    }
    for format in ["svg", "graphml", "gexf", "json"] {
        dg(["export", format, "--all-time"])
            .graph(breaking_names())
            .text();
    }
}

#[test]
fn names_built_to_break_survive_json_and_csv_exactly() {
    let list: Value = serde_json::from_str(
        &dg(["list", "--format", "json"])
            .graph(breaking_names())
            .text(),
    )
    .unwrap();
    let expected: HashMap<String, (String, Value)> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["id"].as_str().unwrap().to_string(),
                (
                    e["name"].as_str().unwrap().to_string(),
                    e["aliases"].clone(),
                ),
            )
        })
        .collect();

    let data: Value = serde_json::from_str(
        &dg(["export", "json", "--all-time"])
            .graph(breaking_names())
            .text(),
    )
    .unwrap();
    let nodes = data["nodes"].as_array().unwrap();
    assert_eq!(nodes.len(), expected.len());
    for node in nodes {
        let (name, aliases) = &expected[node["id"].as_str().unwrap()];
        assert_eq!(node["name"], *name);
        assert_eq!(node["aliases"], *aliases);
    }
    let leads = data["links"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["kind"] == "leads" && l["acting"] == true)
        .unwrap();
    assert_eq!(leads["role"], "\"Supreme\" Leader \\ of <All>");

    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("neo4j");
    let printed = dg([
        "export",
        "csv",
        "--all-time",
        "--output",
        out.to_str().unwrap(),
    ])
    .graph(breaking_names())
    .text();
    assert_eq!(printed, "");
    let mut reader = csv::Reader::from_path(out.join("nodes.csv")).unwrap();
    let header = reader.headers().unwrap().clone();
    let mut rows = 0;
    for record in reader.records() {
        let record = record.unwrap();
        assert_eq!(record.len(), header.len());
        let (name, _) = &expected[&record[0]];
        assert_eq!(&record[1], name);
        rows += 1;
    }
    assert_eq!(rows, expected.len());
    let mut reader = csv::Reader::from_path(out.join("relationships.csv")).unwrap();
    let relation_notes: Vec<String> = reader
        .records()
        .map(|r| r.unwrap()[6].to_string())
        .filter(|n| !n.is_empty())
        .collect();
    assert_eq!(relation_notes, ["note, with \"quotes\"\nand a newline"]);
}

fn relation_count() -> usize {
    let check = dg(["check"]).json();
    check["relation_count"].as_u64().unwrap() as usize
}

fn entity_count() -> usize {
    let check = dg(["check"]).json();
    check["entity_count"].as_u64().unwrap() as usize
}

#[test]
fn graphml_declares_typed_keys_and_holds_every_entity_and_relation() {
    let xml = dg(["export", "graphml", "--all-time"]).text();
    assert!(xml.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<graphml "));
    for key in [
        r#"<key id="n_aliases" for="node" attr.name="aliases" attr.type="string"/>"#,
        r#"<key id="e_since" for="edge" attr.name="since" attr.type="string"/>"#,
        r#"<key id="e_acting" for="edge" attr.name="acting" attr.type="boolean"/>"#,
        r#"<key id="e_symmetric" for="edge" attr.name="symmetric" attr.type="boolean"/>"#,
        r#"<key id="e_position" for="edge" attr.name="position" attr.type="string"/>"#,
    ] {
        assert!(xml.contains(key), "{key}");
    }
    assert_eq!(xml.matches("<node id=").count(), entity_count());
    assert_eq!(xml.matches("<edge id=").count(), relation_count());
    assert!(xml.contains(r#"<data key="n_aliases">["U.N.","UNO"]</data>"#));
    // As of the day before the summit Belarus was an observer, not a member.
    let before = dg(["export", "graphml", "--via", "member", "--focus", "BLR"])
        .on("2024-07-03")
        .text();
    assert!(!before.contains(r#"target="SCO""#), "{before}");
    let on = dg(["export", "graphml", "--via", "member", "--focus", "BLR"])
        .on(SUMMIT)
        .text();
    assert!(on.contains(r#"source="BLR" target="SCO""#), "{on}");
}

#[test]
fn gexf_is_dynamic_with_inclusive_days_from_the_relations() {
    let xml = dg(["export", "gexf", "--all-time"]).text();
    assert!(xml.contains(r#"<gexf xmlns="http://gexf.net/1.3""#));
    assert!(xml.contains(r#"version="1.3""#));
    assert!(xml.contains(r#"<graph mode="dynamic" defaultedgetype="directed" timeformat="date">"#));
    assert_eq!(xml.matches("<edge id=").count(), relation_count());
    // Belarus: observer until the day it joined, member from that day.
    assert!(xml.contains(r#"source="BLR" target="SCO" kind="observer" label="observer" start="2015-07-10" end="2024-07-03""#));
    assert!(
        xml.contains(
            r#"source="BLR" target="SCO" kind="member" label="member" start="2024-07-04">"#
        )
    );
    // A year-precision date starts on its first day; the text stays exact.
    assert!(xml.contains(
        r#"source="MNG" target="SCO" kind="observer" label="observer" start="2004-01-01">"#
    ));
    assert!(xml.contains(r#"value="2004"/>"#));
}

#[test]
fn node_link_json_is_what_networkx_and_d3_read() {
    let data: Value = serde_json::from_str(&dg(["export", "json"]).on(SUMMIT).text()).unwrap();
    assert_eq!(data["directed"], true);
    assert_eq!(data["multigraph"], true);
    assert_eq!(data["graph"]["as_of"], SUMMIT);
    let links = data["links"].as_array().unwrap();
    let belarus = links
        .iter()
        .find(|l| l["source"] == "BLR" && l["target"] == "SCO")
        .unwrap();
    assert_eq!(belarus["kind"], "member");
    assert_eq!(belarus["since"], "2024-07-04");
    assert_eq!(belarus["until"], Value::Null);
    assert_eq!(belarus["sign"], "positive");
    let mokhber = links
        .iter()
        .find(|l| l["source"] == "mohammad-mokhber")
        .unwrap();
    assert_eq!(mokhber["role"], "President");
    assert_eq!(mokhber["acting"], true);
    let before: Value =
        serde_json::from_str(&dg(["export", "json"]).on("2024-07-03").text()).unwrap();
    assert!(
        !before["links"]
            .as_array()
            .unwrap()
            .iter()
            .any(|l| l["source"] == "BLR" && l["target"] == "SCO" && l["kind"] == "member"),
        "Belarus was not yet a member"
    );
}

#[test]
fn csv_follows_the_neo4j_bulk_import_headers() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("import");
    dg(["export", "csv", "--all-time", "-o", out.to_str().unwrap()]).text();
    let nodes = std::fs::read_to_string(out.join("nodes.csv")).unwrap();
    let relationships = std::fs::read_to_string(out.join("relationships.csv")).unwrap();
    assert!(nodes.starts_with("id:ID,name,:LABEL,kind,aliases:string[],"));
    assert!(relationships.starts_with(
        ":START_ID,:END_ID,:TYPE,since,until,citation,note,role,acting:boolean,over,position,"
    ));
    assert_eq!(nodes.lines().count(), entity_count() + 1);
    let rows: Vec<csv::StringRecord> = csv::Reader::from_path(out.join("relationships.csv"))
        .unwrap()
        .records()
        .map(Result::unwrap)
        .collect();
    let row = |from: &str, kind: &str| {
        rows.iter()
            .find(|r| &r[0] == from && &r[2] == kind)
            .unwrap_or_else(|| panic!("{from} {kind}"))
    };
    let kashmir = row("IND", "DISPUTE");
    assert_eq!(&kashmir[1], "PAK");
    assert_eq!((&kashmir[3], &kashmir[4]), ("1947-10", ""));
    assert_eq!(&kashmir[5], "unsc-resolution-47");
    assert_eq!(&kashmir[9], "kashmir");
    assert_eq!((&kashmir[11], &kashmir[12]), ("negative", "true"));
    let mokhber = row("mohammad-mokhber", "LEADS");
    assert_eq!((&mokhber[3], &mokhber[4]), ("2024-05-19", "2024-07-28"));
    assert_eq!((&mokhber[7], &mokhber[8]), ("President", "true"));
    assert_eq!(rows.len(), relation_count());
    assert_eq!(
        std::fs::read_dir(&out).unwrap().count(),
        2,
        "no temporary files left"
    );

    let err = dg(["export", "csv"]).on(SUMMIT).fails_with(2);
    assert!(err.contains("--output DIR"), "{err}");
}

#[test]
fn output_writes_the_file_and_prints_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sco.dot");
    let printed = dg([
        "export",
        "dot",
        "--focus",
        "SCO",
        "-o",
        path.to_str().unwrap(),
    ])
    .on(SUMMIT)
    .text();
    assert_eq!(printed, "");
    let written = std::fs::read_to_string(&path).unwrap();
    assert_eq!(
        written,
        dg(["export", "dot", "--focus", "SCO"]).on(SUMMIT).text()
    );
    let err = dg(["export", "dot", "-o", "/nonexistent/dir/x.dot"])
        .on(SUMMIT)
        .fails_with(4);
    assert!(err.contains("cannot write /nonexistent/dir/x.dot"), "{err}");
}

#[test]
fn drawing_options_are_refused_for_data_formats_and_unknown_focus_suggests() {
    let err = dg(["export", "graphml", "--rankdir", "TB"])
        .on(SUMMIT)
        .fails_with(2);
    assert!(
        err.contains("--rankdir only applies to dot, svg and png"),
        "{err}"
    );
    let err = dg(["export", "dot", "--focus", "Rusia"])
        .on(SUMMIT)
        .fails_with(2);
    assert!(err.contains("did you mean Russia (RUS)?"), "{err}");
    let err = dg(["export", "dot", "--depth", "2"])
        .on(SUMMIT)
        .fails_with(2);
    assert!(err.contains("--focus"), "{err}");
}

#[test]
fn svg_with_graphviz_is_drawn_by_graphviz() {
    if !graphviz() {
        return;
    }
    let out = dg(["export", "svg", "--focus", "SCO", "--via", "member"])
        .on(SUMMIT)
        .run();
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.contains("<!-- Generated by graphviz"));
    assert!(out.stdout.contains(">Belarus</text>"));
    assert!(!out.stderr.contains("note:"), "{}", out.stderr);
}

#[test]
fn svg_without_graphviz_is_laid_out_in_rust_with_a_note() {
    let out = dg(["export", "svg", "--focus", "SCO", "--via", "member"])
        .on(SUMMIT)
        .env("DIPLOGRAPH_DOT", "/nonexistent/dot")
        .run();
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.starts_with("<?xml"));
    assert!(out.stdout.contains("<svg"));
    assert!(out.stdout.contains("Belarus"));
    assert!(!out.stdout.contains("Generated by graphviz"));
    assert_eq!(out.stderr.lines().count(), 1, "{}", out.stderr);
    assert!(out.stderr.contains("Graphviz was not found"));
    assert!(out.stderr.contains("better layouts"));
    // The names built to break writers still make well-formed SVG text.
    let out = dg(["export", "svg", "--all-time"])
        .graph(breaking_names())
        .env("DIPLOGRAPH_DOT", "/nonexistent/dot")
        .run();
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.contains("Quote &quot;Land&quot;"));
    assert!(out.stdout.contains("&lt;b&gt;HTML&lt;/b&gt;"));
    assert!(
        !out.stdout.contains('\u{7}'),
        "no control characters in XML"
    );
}

fn run_binary(args: &[&str], env: Option<(&str, &str)>) -> std::process::Output {
    let mut cmd = Command::new(binary());
    cmd.env_remove("DIPLOGRAPH_GRAPH")
        .arg("--graph")
        .arg(repo_graph())
        .args(args);
    if let Some((k, v)) = env {
        cmd.env(k, v);
    }
    cmd.output().unwrap()
}

#[test]
fn png_needs_graphviz_and_says_what_to_install() {
    let out = run_binary(
        &["export", "png", "--as-of", SUMMIT],
        Some(("DIPLOGRAPH_DOT", "/nonexistent/dot")),
    );
    assert_eq!(out.status.code(), Some(4));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("png pictures need Graphviz"), "{stderr}");
    assert!(stderr.contains("apt-get install graphviz"), "{stderr}");
    assert!(out.stdout.is_empty());
    if !graphviz() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sco.png");
    let out = run_binary(
        &[
            "export",
            "png",
            "--as-of",
            SUMMIT,
            "--focus",
            "SCO",
            "-o",
            path.to_str().unwrap(),
        ],
        None,
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        std::fs::read(&path)
            .unwrap()
            .starts_with(b"\x89PNG\r\n\x1a\n")
    );
    // Piped (not a terminal), PNG goes to stdout.
    let out = run_binary(
        &["export", "png", "--as-of", SUMMIT, "--focus", "SCO"],
        None,
    );
    assert!(out.status.success());
    assert!(out.stdout.starts_with(b"\x89PNG"));
}

/// A valid database big enough that its DOT overflows any pipe buffer, so
/// a reader that stops early really closes the pipe under the writer.
fn big_graph(dir: &Path) -> PathBuf {
    let mut text = String::from(
        "(version: 1, checked: \"2024-07-28\", sources: [], entities: [organization(id: \"BIG\", name: \"Big Organization\"),\n",
    );
    let mut ids = Vec::new();
    for a in b'A'..=b'Z' {
        for b in b'A'..=b'Z' {
            for c in b'A'..=b'C' {
                ids.push(format!("{}{}{}", a as char, b as char, c as char));
            }
        }
    }
    for id in &ids {
        let _ = writeln!(text, "country(id: \"{id}\", name: \"Country {id}\"),");
    }
    text.push_str("], relations: [\n");
    for id in &ids {
        let _ = writeln!(
            text,
            "member(from: \"{id}\", to: \"BIG\", since: \"2001-06-15\"),"
        );
    }
    text.push_str("])\n");
    let path = dir.join("big.ron");
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn a_reader_that_stops_early_ends_export_quietly() {
    let dir = tempfile::tempdir().unwrap();
    let big = big_graph(dir.path());
    // The reader takes one line and closes the pipe, like `head -1`.
    let mut child = Command::new(binary())
        .args([
            "--graph",
            big.to_str().unwrap(),
            "--all-time",
            "export",
            "dot",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut first = [0u8; 9];
    stdout.read_exact(&mut first).unwrap();
    assert_eq!(&first, b"digraph {");
    drop(stdout);
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{:?}: {stderr}", out.status);
    assert!(
        !stderr.contains("panicked") && !stderr.contains("Aborted"),
        "{stderr}"
    );

    // And through a real shell pipeline, with the writer's status checked.
    let script = format!(
        "set -o pipefail; '{}' --graph '{}' --all-time export dot | head -1",
        binary().display(),
        big.display()
    );
    let out = Command::new("bash").args(["-c", &script]).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{:?}: {stderr}", out.status);
    assert_eq!(String::from_utf8_lossy(&out.stdout), "digraph {\n");
    assert!(
        !stderr.contains("panicked") && !stderr.contains("Aborted"),
        "{stderr}"
    );
}

/// The Python interpreter with NetworkX: `$DIPLOGRAPH_PYTHON` (`.ci/run`
/// points it at a virtual environment with the pinned NetworkX), else
/// `python3`.
fn python_with_networkx() -> Option<String> {
    let python = std::env::var("DIPLOGRAPH_PYTHON").unwrap_or_else(|_| "python3".to_string());
    let ok = Command::new(&python)
        .args(["-c", "import networkx"])
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !ok {
        assert!(
            std::env::var_os("CI").is_none(),
            "NetworkX must be available in CI (.ci/run installs it)"
        );
        eprintln!("notice: {python} has no NetworkX; skipping tests/python/check_exports.py");
        return None;
    }
    Some(python)
}

#[test]
fn networkx_reads_graphml_gexf_and_json_with_the_counts_check_reports() {
    let Some(python) = python_with_networkx() else {
        return;
    };
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/python/check_exports.py");
    let out = Command::new(python)
        .arg(script)
        .arg(binary())
        .arg(repo_graph())
        .arg(breaking_names())
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("graph.ron: NetworkX"), "{stdout}");
    assert!(stdout.ends_with("6 passed, 0 failed\n"), "{stdout}");
}

/// The words of an SVG: the content of its `<text>` elements, sorted (the
/// same for any Graphviz version, unlike coordinates).
fn svg_words(svg: &str) -> Vec<String> {
    let mut words: Vec<String> = svg
        .split("</text>")
        .filter_map(|chunk| {
            chunk
                .rsplit_once('>')
                .map(|(_, text)| text.replace("&#45;", "-"))
        })
        .filter(|text| !text.trim().is_empty())
        .collect();
    words.sort();
    words
}

#[test]
fn the_committed_sco_picture_is_current_and_shows_the_summit_day() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let committed = std::fs::read_to_string(root.join("docs/sco-2024.svg")).unwrap();
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    assert!(readme.contains("](docs/sco-2024.svg)"));
    assert!(readme.contains("--output docs/sco-2024.svg"));
    let words = svg_words(&committed);
    for word in [
        "Belarus",
        "since 2024-07-04",
        "Shanghai Cooperation Organisation members",
        "dispute over Kashmir",
        "Legend",
    ] {
        assert!(words.iter().any(|w| w == word), "{word} not in {words:?}");
    }
    if !graphviz() {
        return;
    }
    // The README's command, rerun: the same words, so the picture matches
    // graph.ron (regenerate it with that command when this fails).
    let fresh = dg([
        "export",
        "svg",
        "--focus",
        "SCO",
        "--via",
        "member",
        "--via",
        "observer",
        "--via",
        "dialogue_partner",
        "--via",
        "partnership",
        "--via",
        "supports",
        "--via",
        "dispute",
        "--cluster-by",
        "SCO",
        "--title",
        "The Shanghai Cooperation Organisation on 2024-07-04, the day Belarus joined",
    ])
    .on(SUMMIT)
    .text();
    assert_eq!(svg_words(&fresh), words);
}
