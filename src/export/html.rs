//! One self-contained interactive page: the graph as SVG with pan and
//! zoom, a date slider, filters by kind, a search box, a details panel and
//! shortest paths, in a single HTML file that fetches nothing.
//!
//! **What is embedded.** The page carries one universe: the *all-time*
//! slice with the export's `--via`/`--focus` selection (and `--max-nodes`),
//! as a JSON block (`<script type="application/json" id="diplograph-data">`,
//! every `<` written `\u003c`, so no name can close the script). With it
//! come, computed here in Rust so that the page applies one rule and never
//! re-derives it:
//! - each relation's days in force ([`DiploGraph::days_in_force`]: its
//!   half-open `[since, until)` span cut to the statehood of both ends, as
//!   day numbers) and each entity's days of existence
//!   ([`DiploGraph::days_existing`]); the page shows day *d* by testing
//!   membership, then mirrors [`crate::query::subgraph::select`] (no
//!   selection: every entity existing that day; `--via`: the entities the
//!   relations in force touch; `--focus`: a breadth-first walk up to the
//!   depth), so its counts on a day are those of `export json --as-of`;
//! - node positions: Graphviz (`neato`, or `sfdp` above
//!   [`SFDP_ABOVE`] entities, or the `--engine` given) when it can be run,
//!   a deterministic force layout of this module otherwise; the page never
//!   moves a node by itself;
//! - every id, name and alias folded by [`names::fold`], so the search box
//!   resolves as the command line does (exact, abbreviation, one word, then
//!   Jaro–Winkler suggestions) without Unicode tables in the page;
//! - what the command line would note about each day (that the facts were
//!   last checked before it, that sources do not cover it:
//!   [`coverage::caveat_runs`]), shown over the graph;
//! - the looks of [`super::dot`] (colours, dashes, shapes), so the page and
//!   the drawings agree.
//!
//! With `--max-nodes N` the universe is the *all-time* N most connected
//! entities, shown as they stand on each day; `export json --as-of D
//! --max-nodes N` ranks by the relations of day D instead, so with that
//! option (only) the page's counts can differ from it. A period
//! (`--as-of 2024`) opens on its first day.
//!
//! **Live mode.** With [`PageOptions::live`] the same page asks the server
//! it came from (relative URLs `api/export`, `api/show/{id}`, `api/path`)
//! instead of computing visibility, details and paths itself; both modes
//! share one rendering path.
//!
//! **Size.** Above [`super::PAGE_LIMIT`] entities the command line refuses unless
//! `--focus`, `--max-nodes` or `--force` is given: the page would be slow to
//! lay out and to draw.
//!
//! The script and styles (`html/page.js`, `html/page.css`) are this
//! project's own; no third-party code is embedded.

use std::collections::{BTreeSet, HashMap};
use std::fmt::Write as _;

use jiff::civil::Date;
use petgraph::graph::NodeIndex;
use serde_json::{Value, json};

use super::Slice;
use super::attrs;
use super::dot::{self, DotOptions, EdgeLabels, Engine, edge_look, node_look};
use super::picture::{Graphviz, PictureFormat};
use crate::error::Error;
use crate::graph::DiploGraph;
use crate::model::{EntityKind, RelationKind};
use crate::names;
use crate::query::coverage;

/// Above this many entities the default layout program is `sfdp` instead
/// of `neato`, whose spring model grows quadratically.
pub const SFDP_ABOVE: usize = 400;

const SCRIPT: &str = include_str!("html/page.js");
const STYLE: &str = include_str!("html/page.css");

/// How to make the page.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PageOptions {
    /// The day shown when the page opens (a `#as-of=` fragment overrides
    /// it); `None` opens on "all time".
    pub date: Option<Date>,
    /// Ask the server the page was served from (relative `api/…` URLs)
    /// instead of computing visibility, details and paths in the page.
    pub live: bool,
    /// The heading and the document title.
    pub title: String,
    /// The `--via` kinds of the selection (what live requests repeat).
    pub via: Vec<RelationKind>,
    /// The `--focus` entity's id, if any, and the `--depth`.
    pub focus: Option<(String, usize)>,
    /// The Graphviz layout program; `None` chooses `neato` (`sfdp` above
    /// [`SFDP_ABOVE`] entities).
    pub engine: Option<Engine>,
}

/// The page for `slice` (the all-time slice with the selection, see the
/// module documentation), laid out by Graphviz when it is installed.
///
/// ```
/// use diplograph::export::{html, Selection, Slice};
/// use diplograph::{graph::{DiploGraph, When}, store};
/// let graph = DiploGraph::new(store::load_str("g", store::BUNDLED).unwrap());
/// let slice = Slice::new(graph.at(When::AllTime), &Selection::default());
/// let options = html::PageOptions {
///     date: Some(jiff::civil::date(2024, 7, 4)),
///     title: "Diplomatic relations".into(),
///     ..Default::default()
/// };
/// let page = html::page(&slice, &options).unwrap();
/// assert!(page.starts_with("<!DOCTYPE html>"));
/// assert!(page.contains(r#"id="diplograph-data""#));
/// ```
pub fn page(slice: &Slice<'_>, options: &PageOptions) -> Result<String, Error> {
    page_with(slice, options, &Graphviz::from_env())
}

/// [`page`] with a given Graphviz program (one that cannot be started
/// means the built-in layout).
///
/// # Panics
///
/// Never: JSON values always serialize.
pub fn page_with(
    slice: &Slice<'_>,
    options: &PageOptions,
    graphviz: &Graphviz,
) -> Result<String, Error> {
    let positions = positions(slice, options, graphviz)?;
    let data = data(slice, options, &positions);
    let json = serde_json::to_string(&data)
        .expect("JSON values always serialize")
        .replace('<', "\\u003c");
    // XML escaping is valid HTML, and it also replaces what no document
    // may hold.
    let title = super::xml::escape(&options.title);
    let mut out = String::with_capacity(json.len() + SCRIPT.len() + STYLE.len() + 4096);
    let mode = if options.live { "live" } else { "static" };
    let _ = write!(
        out,
        concat!(
            "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n",
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n",
            "<meta name=\"generator\" content=\"diplograph\">\n",
            "<title>{title}</title>\n<style>\n{style}</style>\n</head>\n<body>\n",
            "<main id=\"diplograph\" data-mode=\"{mode}\" data-ready=\"false\" data-date=\"\" ",
            "data-visible-entities=\"0\" data-visible-relations=\"0\" data-notes=\"0\">\n",
            "<header>\n<h1 id=\"title\">{title}</h1>\n<div id=\"controls\">\n",
            "<input type=\"range\" id=\"date-slider\" aria-label=\"date\" step=\"1\">\n",
            "<input type=\"date\" id=\"date-input\" aria-label=\"date\">\n",
            "<label><input type=\"checkbox\" id=\"all-time\"> all time</label>\n",
            "<input type=\"search\" id=\"search\" placeholder=\"Find an entity…\" autocomplete=\"off\" aria-label=\"search\">\n",
            "<span id=\"search-result\"></span>\n",
            "<span class=\"zoom\"><button type=\"button\" id=\"zoom-in\" title=\"zoom in\">+</button>",
            "<button type=\"button\" id=\"zoom-out\" title=\"zoom out\">\u{2212}</button>",
            "<button type=\"button\" id=\"zoom-fit\" title=\"fit\">fit</button></span>\n",
            "</div>\n<div id=\"status\" role=\"status\"></div>\n<div id=\"notes\" role=\"note\"></div>\n</header>\n",
            "<div id=\"layout\">\n<aside id=\"legend\" aria-label=\"legend and filters\"></aside>\n",
            "<svg id=\"canvas\" role=\"img\" aria-label=\"graph\"></svg>\n",
            "<aside id=\"side\"><section id=\"details\"><p class=\"hint\">Click an entity to see its relations; shift-click a second one for a path.</p></section>",
            "<section id=\"path\"></section></aside>\n</div>\n</main>\n",
            "<script type=\"application/json\" id=\"diplograph-data\">{json}</script>\n",
            "<script>\n{script}</script>\n</body>\n</html>\n"
        ),
        title = title,
        style = STYLE,
        mode = mode,
        json = json,
        script = SCRIPT,
    );
    Ok(out)
}

/// The name of a kind as people read it: `dialogue partner`.
fn spoken(name: &str) -> String {
    name.replace('_', " ")
}

/// Each entity of the slice's place in the page's node list (the slice's
/// order), by which edges and positions name their ends.
fn places(slice: &Slice<'_>) -> HashMap<NodeIndex, usize> {
    slice
        .nodes()
        .iter()
        .enumerate()
        .map(|(i, n)| (*n, i))
        .collect()
}

/// The embedded data block.
fn data(slice: &Slice<'_>, options: &PageOptions, positions: &[(f64, f64)]) -> Value {
    let graph = slice.graph();
    let place = places(slice);
    let mut sources = serde_json::Map::new();
    let edges = edge_values(slice, &place, &mut sources);
    let entity_kinds: BTreeSet<EntityKind> = slice
        .nodes()
        .iter()
        .map(|n| graph.entity_kind(*n))
        .collect();
    let relation_kinds: BTreeSet<RelationKind> =
        slice.edges().iter().map(|e| graph.kind(*e)).collect();
    json!({
        "title": options.title,
        "live": options.live,
        "date": options.date.map(|d| d.to_string()),
        "span": span(slice, options.date),
        "checked": graph.checked().to_string(),
        "caveats": caveat_values(graph),
        "selection": {
            "via": options.via.iter().map(|k| k.name()).collect::<Vec<_>>(),
            "focus": options.focus.as_ref().map(|(id, _)| id),
            "depth": options.focus.as_ref().map_or(0, |(_, d)| *d),
        },
        "ring": ring_org(slice, options).map(|n| place[&n]),
        "entityKinds": entity_kinds.iter().map(|k| {
            let look = node_look(*k);
            json!({"kind": k.name(), "label": spoken(k.name()), "shape": look.shape, "fill": look.fill, "line": look.line})
        }).collect::<Vec<_>>(),
        "relationKinds": relation_kinds.iter().map(|k| {
            let look = edge_look(*k);
            json!({
                "kind": k.name(), "label": spoken(k.name()), "color": look.color, "style": look.style,
                "width": look.penwidth.parse::<f64>().unwrap_or(1.0),
                "arrow": if look.undirected { "none" } else { look.arrowhead },
            })
        }).collect::<Vec<_>>(),
        "abbreviations": names::ABBREVIATIONS.iter().map(|a| json!([a.short.to_ascii_lowercase(), a.id])).collect::<Vec<_>>(),
        "nodes": node_values(slice, positions),
        "edges": edges,
        "sources": sources,
    })
}

/// What the command line would note about each day shown
/// ([`coverage::caveat_runs`] over the whole graph, as for `export json`):
/// runs of day numbers `[from, until)` (null: unbounded) with their notes,
/// worded for whichever day the page shows.
fn caveat_values(graph: &DiploGraph) -> Vec<Value> {
    let day = |d: Option<Date>| d.map(crate::date::day_number_of);
    coverage::caveat_runs(graph, &[])
        .iter()
        .map(|run| {
            json!({
                "from": day(run.from),
                "until": day(run.until),
                "notes": run.caveats.iter().map(|c| c.text("the day shown")).collect::<Vec<_>>(),
            })
        })
        .collect()
}

/// The slider's span as day numbers: from the earliest to the latest
/// recorded day of any relation or statehood in the slice, widened to
/// hold the day shown on open (the day the facts were checked when there
/// is none).
fn span(slice: &Slice<'_>, date: Option<Date>) -> [i32; 2] {
    let graph = slice.graph();
    let mut lo = i32::MAX;
    let mut hi = i32::MIN;
    let days = slice
        .edges()
        .iter()
        .flat_map(|e| graph.days_in_force(*e))
        .chain(slice.nodes().iter().flat_map(|n| graph.days_existing(*n)));
    for d in days
        .flatten()
        .flatten()
        .chain(date.map(crate::date::day_number_of))
    {
        lo = lo.min(d);
        hi = hi.max(d);
    }
    if lo > hi {
        lo = crate::date::day_number_of(graph.checked().first_day());
        hi = lo;
    }
    [lo, hi]
}

/// Each entity of the slice, in slice order, with its place, days and
/// folded names.
fn node_values(slice: &Slice<'_>, positions: &[(f64, f64)]) -> Vec<Value> {
    let graph = slice.graph();
    slice
        .nodes()
        .iter()
        .zip(positions)
        .map(|(node, (x, y))| {
            let e = graph.entity(*node);
            let mut keys: Vec<String> = std::iter::once(e.id.as_str())
                .chain(std::iter::once(e.name.as_str()))
                .chain(e.aliases.iter().map(String::as_str))
                .map(names::fold)
                .filter(|k| !k.is_empty())
                .collect();
            keys.dedup();
            json!({
                "id": e.id,
                "name": e.name,
                "kind": e.kind.name(),
                "label": dot::node_label(slice, *node),
                "aliases": e.aliases,
                "note": e.note,
                "x": (x * 10.0).round() / 10.0,
                "y": (y * 10.0).round() / 10.0,
                "days": graph.days_existing(*node),
                "keys": keys,
            })
        })
        .collect()
}

/// Each relation of the slice, in slice order, in the shape of `show
/// --format json` plus its key, ends (positions), phrase and days in
/// force; the sources cited are gathered into `sources`.
fn edge_values(
    slice: &Slice<'_>,
    place: &HashMap<NodeIndex, usize>,
    sources: &mut serde_json::Map<String, Value>,
) -> Vec<Value> {
    let graph = slice.graph();
    slice
        .edges()
        .iter()
        .map(|edge| {
            let (from, to) = slice.endpoints(*edge);
            let r = graph.relation(*edge);
            let v = graph.validity(*edge);
            if let Some(k) = graph.source_of(*edge) {
                let s = graph.source(k);
                sources
                    .entry(s.id.clone())
                    .or_insert_with(|| json!({"title": s.title, "url": s.url}));
            }
            json!({
                "key": attrs::edge_id(*edge),
                "s": place[&from],
                "t": place[&to],
                "kind": r.kind.name(),
                "from": r.from,
                "to": r.to,
                "since": v.since.map(|d| d.to_string()),
                "until": v.until.map(|d| d.to_string()),
                "source": r.source,
                "note": r.note,
                "role": r.role,
                "acting": r.acting,
                "over": r.over,
                "position": r.position.map(|p| p.to_string()),
                "phrase": crate::render::relation_phrase(graph, r),
                "days": graph.days_in_force(*edge),
            })
        })
        .collect()
}

/// The organization whose members, observers and partners get a ring: the
/// focus when it is an organization, else the organization with the most
/// membership-like relations in the slice (ties: file order).
fn ring_org(slice: &Slice<'_>, options: &PageOptions) -> Option<NodeIndex> {
    let graph = slice.graph();
    if let Some((id, _)) = &options.focus
        && let Some(node) = graph.node(id)
        && graph.entity_kind(node) == EntityKind::Organization
        && slice.nodes().contains(&node)
    {
        return Some(node);
    }
    let mut count: HashMap<NodeIndex, usize> = HashMap::new();
    for e in slice.edges() {
        if graph.kind(*e).is_membership() {
            let (_, to) = slice.endpoints(*e);
            *count.entry(to).or_default() += 1;
        }
    }
    slice
        .nodes()
        .iter()
        .filter(|n| graph.entity_kind(**n) == EntityKind::Organization && !graph.is_universal(**n))
        .filter_map(|n| count.get(n).map(|c| (*c, *n)))
        .max_by_key(|(c, n)| (*c, std::cmp::Reverse(*n)))
        .map(|(_, n)| n)
}

/// Each slice node's position (in points, y down), in slice order.
fn positions(
    slice: &Slice<'_>,
    options: &PageOptions,
    graphviz: &Graphviz,
) -> Result<Vec<(f64, f64)>, Error> {
    let n = slice.nodes().len();
    if n == 0 {
        return Ok(Vec::new());
    }
    let engine = options.engine.unwrap_or(if n > SFDP_ABOVE {
        Engine::Sfdp
    } else {
        Engine::Neato
    });
    let dot_options = DotOptions {
        title: Some(String::new()),
        engine,
        labels: EdgeLabels::None,
        legend: false,
        ..DotOptions::new()
    };
    let text = dot::write(slice, &dot_options);
    if let Some((svg, _warnings)) = graphviz.render(&text, PictureFormat::Svg, engine)? {
        let found = graphviz_positions(&String::from_utf8_lossy(&svg));
        let all: Option<Vec<(f64, f64)>> = slice
            .nodes()
            .iter()
            .map(|v| found.get(&v.index()).copied())
            .collect();
        if let Some(all) = all {
            return Ok(all);
        }
    }
    Ok(force_layout(slice.graph(), slice))
}

/// Node centres from Graphviz's SVG: each `<g class="node">` is titled
/// `n<index>` (see [`super::dot`]); its first shape gives the centre (an
/// ellipse's `cx`/`cy`, or the middle of a polygon's points).
fn graphviz_positions(svg: &str) -> HashMap<usize, (f64, f64)> {
    let mut out = HashMap::new();
    for block in svg.split("<g id=\"node").skip(1) {
        let block = block.split("</g>").next().unwrap_or("");
        let Some(title) = between(block, "<title>", "</title>") else {
            continue;
        };
        let Some(index) = title
            .strip_prefix('n')
            .and_then(|i| i.parse::<usize>().ok())
        else {
            continue;
        };
        let ellipse = block.find("<ellipse");
        let polygon = block.find("<polygon");
        let centre = match (ellipse, polygon) {
            (Some(e), p) if p.is_none_or(|p| e < p) => {
                let tag = &block[e..];
                let num = |name: &str| {
                    between(tag, &format!(" {name}=\""), "\"").and_then(|v| v.parse::<f64>().ok())
                };
                num("cx").zip(num("cy"))
            }
            (_, Some(p)) => between(&block[p..], "points=\"", "\"").and_then(|points| {
                let xy: Vec<(f64, f64)> = points
                    .split_whitespace()
                    .filter_map(|pair| {
                        let (x, y) = pair.split_once(',')?;
                        Some((x.parse().ok()?, y.parse().ok()?))
                    })
                    .collect();
                let fold = |f: fn(f64, f64) -> f64, start: f64, pick: fn(&(f64, f64)) -> f64| {
                    xy.iter().map(pick).fold(start, f)
                };
                (!xy.is_empty()).then(|| {
                    (
                        f64::midpoint(
                            fold(f64::min, f64::INFINITY, |p| p.0),
                            fold(f64::max, f64::NEG_INFINITY, |p| p.0),
                        ),
                        f64::midpoint(
                            fold(f64::min, f64::INFINITY, |p| p.1),
                            fold(f64::max, f64::NEG_INFINITY, |p| p.1),
                        ),
                    )
                })
            }),
            _ => None,
        };
        if let Some(c) = centre {
            out.insert(index, c);
        }
    }
    out
}

/// The text between the first `open` and the next `close`.
fn between<'a>(text: &'a str, open: &str, close: &str) -> Option<&'a str> {
    let start = text.find(open)? + open.len();
    let len = text[start..].find(close)?;
    Some(&text[start..start + len])
}

/// A deterministic Fruchterman–Reingold layout for when Graphviz cannot be
/// run: nodes start on a sunflower spiral in slice order, attract along
/// relations and repel each other, with a cooling step; the same slice
/// always gives the same picture. O(iterations · V²).
fn force_layout(graph: &DiploGraph, slice: &Slice<'_>) -> Vec<(f64, f64)> {
    let n = slice.nodes().len();
    let place = places(slice);
    let links: Vec<(usize, usize)> = slice
        .edges()
        .iter()
        .map(|e| {
            let (a, b) = graph.endpoints(*e);
            (place[&a], place[&b])
        })
        .filter(|(a, b)| a != b)
        .collect();
    let k = 90.0_f64;
    let golden = std::f64::consts::PI * (3.0 - 5.0_f64.sqrt());
    let mut pos: Vec<(f64, f64)> = (0..n)
        .map(|i| {
            let r = k * (i as f64 + 0.5).sqrt();
            let a = golden * i as f64;
            (r * a.cos(), r * a.sin())
        })
        .collect();
    let iterations = if n <= 300 { 300 } else { 60 };
    let mut step = k * (n as f64).sqrt() / 4.0;
    for _ in 0..iterations {
        let mut shift = vec![(0.0_f64, 0.0_f64); n];
        for i in 0..n {
            for j in (i + 1)..n {
                let (dx, dy) = (pos[i].0 - pos[j].0, pos[i].1 - pos[j].1);
                let d2 = (dx * dx + dy * dy).max(0.01);
                let f = k * k / d2;
                shift[i].0 += dx * f;
                shift[i].1 += dy * f;
                shift[j].0 -= dx * f;
                shift[j].1 -= dy * f;
            }
            // A weak pull to the centre keeps separate components near.
            shift[i].0 -= pos[i].0 * 0.01;
            shift[i].1 -= pos[i].1 * 0.01;
        }
        for &(a, b) in &links {
            let (dx, dy) = (pos[a].0 - pos[b].0, pos[a].1 - pos[b].1);
            let d = (dx * dx + dy * dy).sqrt().max(0.1);
            let f = d / k;
            shift[a].0 -= dx * f;
            shift[a].1 -= dy * f;
            shift[b].0 += dx * f;
            shift[b].1 += dy * f;
        }
        for (p, s) in pos.iter_mut().zip(&shift) {
            let len = (s.0 * s.0 + s.1 * s.1).sqrt();
            if len > 0.0 {
                let m = len.min(step) / len;
                p.0 += s.0 * m;
                p.1 += s.1 * m;
            }
        }
        step = (step * 0.97).max(1.0);
    }
    pos
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::Selection;
    use crate::export::tests::bundled;
    use crate::graph::When;

    fn data_of(page: &str) -> Value {
        let start = page.find("id=\"diplograph-data\">").unwrap() + "id=\"diplograph-data\">".len();
        let end = start + page[start..].find("</script>").unwrap();
        serde_json::from_str(&page[start..end]).unwrap()
    }

    #[test]
    fn without_graphviz_every_node_still_has_a_distinct_place() {
        let graph = bundled();
        let slice = Slice::new(graph.at(When::AllTime), &Selection::default());
        let page = page_with(
            &slice,
            &PageOptions::default(),
            &Graphviz::at("/nonexistent/dot"),
        )
        .unwrap();
        let data = data_of(&page);
        let nodes = data["nodes"].as_array().unwrap();
        assert_eq!(nodes.len(), graph.node_count());
        let places: BTreeSet<(i64, i64)> = nodes
            .iter()
            .map(|n| {
                (
                    n["x"].as_f64().unwrap() as i64,
                    n["y"].as_f64().unwrap() as i64,
                )
            })
            .collect();
        assert_eq!(places.len(), nodes.len(), "no two nodes on one spot");
    }

    #[test]
    fn graphviz_svg_positions_are_read_from_ellipses_and_polygons() {
        let svg = r#"<g id="node1" class="node"><title>n3</title><ellipse fill="x" cx="10" cy="-20" rx="5" ry="5"/></g>
<g id="node2" class="node"><title>n7</title><polygon points="0,0 4,0 4,-2 0,-2 0,0"/></g>"#;
        let found = graphviz_positions(svg);
        assert_eq!(found[&3], (10.0, -20.0));
        assert_eq!(found[&7], (2.0, -1.0));
    }

    #[test]
    fn the_ring_goes_to_the_organization_with_most_statuses() {
        let graph = bundled();
        let slice = Slice::new(graph.at(When::AllTime), &Selection::default());
        let org = ring_org(&slice, &PageOptions::default()).unwrap();
        assert_eq!(graph.entity(org).id, "SCO");
    }

    #[test]
    fn titles_are_escaped() {
        let graph = bundled();
        let slice = Slice::new(graph.at(When::AllTime), &Selection::default());
        let options = PageOptions {
            title: "<script>alert('x')</script>".into(),
            ..PageOptions::default()
        };
        let page = page_with(&slice, &options, &Graphviz::at("/nonexistent/dot")).unwrap();
        assert!(page.contains("<title>&lt;script&gt;alert(&apos;x&apos;)&lt;/script&gt;</title>"));
    }
}
