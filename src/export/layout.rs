//! SVG without Graphviz: the slice laid out by the pure-Rust `layout-rs`
//! crate, with the same colours, dashes and labels as the DOT drawing.
//!
//! layout-rs draws boxes, ellipses and straight arrows in layers; it has
//! no clusters, HTML or engine choice, so `--cluster-by`, the legend and
//! `--engine` are Graphviz-only. The graph is built directly (not parsed
//! from our DOT), so names need no DOT escaping here; layout-rs escapes
//! XML itself, and control characters are replaced beforehand because no
//! XML escape can carry them.

use std::collections::HashMap;

use layout::backends::svg::SVGWriter;
use layout::core::base::Orientation;
use layout::core::color::Color;
use layout::core::style::{LineStyleKind, StyleAttr};
use layout::std_shapes::render::get_shape_size;
use layout::std_shapes::shapes::{Arrow, Element, LineEndKind, ShapeKind};
use layout::topo::layout::VisualGraph;

use super::Slice;
use super::dot::{DotOptions, RankDir, edge_label, edge_look, node_label, node_look};
use crate::error::Error;
use crate::model::EntityKind;

const FONT_SIZE: usize = 14;

fn color(hex: &str) -> Color {
    Color::from_name(hex).unwrap_or_else(|| Color::fast("black"))
}

/// Text layout-rs can put in XML: control characters other than the
/// newline (a line break for layout-rs) become U+FFFD.
fn clean(text: &str) -> String {
    text.chars()
        .filter(|c| *c != '\r')
        .map(|c| {
            if c == '\t' {
                ' '
            } else if c.is_control() && c != '\n' || c == '\u{FFFE}' || c == '\u{FFFF}' {
                '\u{FFFD}'
            } else {
                c
            }
        })
        .collect()
}

/// Lays the slice out and returns an SVG document.
pub(crate) fn svg(slice: &Slice<'_>, options: &DotOptions) -> Result<String, Error> {
    let orientation = match options.rankdir {
        RankDir::LeftRight | RankDir::RightLeft => Orientation::LeftToRight,
        RankDir::TopBottom | RankDir::BottomTop => Orientation::TopToBottom,
    };
    let graph = slice.graph();
    let mut vg = VisualGraph::new(orientation);
    let mut handles = HashMap::new();
    for node in slice.nodes() {
        let kind = graph.entity(*node).kind;
        let look = node_look(kind);
        let label = clean(&node_label(slice, *node));
        let shape = match kind {
            EntityKind::Person => ShapeKind::new_circle(&label),
            EntityKind::Country
            | EntityKind::Organization
            | EntityKind::Event
            | EntityKind::Issue
            | EntityKind::RollCall => ShapeKind::new_box(&label),
        };
        let rounded = match kind {
            EntityKind::Organization | EntityKind::Event => 12,
            EntityKind::Country | EntityKind::Person | EntityKind::Issue | EntityKind::RollCall => {
                0
            }
        };
        let style = StyleAttr::new(
            color(look.line),
            2,
            Some(color(look.fill)),
            rounded,
            FONT_SIZE,
        );
        let size = get_shape_size(orientation, &shape, FONT_SIZE, false);
        let element = Element::create(shape, style, orientation, size);
        handles.insert(*node, vg.add_node(element));
    }
    for edge in slice.edges() {
        let (from, to) = slice.endpoints(*edge);
        let kind = graph.relation(*edge).kind;
        let look = edge_look(kind);
        let line_style = match look.style {
            "dashed" => LineStyleKind::Dashed,
            "dotted" => LineStyleKind::Dotted,
            _ => LineStyleKind::Normal,
        };
        let end = if look.undirected {
            LineEndKind::None
        } else {
            LineEndKind::Arrow
        };
        let width = if look.style == "bold" { 3 } else { 2 };
        let style = StyleAttr::new(color(look.color), width, None, 0, FONT_SIZE - 3);
        let label = clean(&edge_label(slice, *edge, options.labels));
        let arrow = Arrow::new(
            LineEndKind::None,
            end,
            line_style,
            &label,
            &style,
            &None,
            &None,
        );
        vg.add_edge(arrow, handles[&from], handles[&to]);
    }
    if vg.num_nodes() == 0 {
        return Ok(concat!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?>\n",
            "<svg width=\"10\" height=\"10\" viewBox=\"0 0 10 10\" xmlns=\"http://www.w3.org/2000/svg\"></svg>\n"
        )
        .to_string());
    }
    let mut writer = SVGWriter::new();
    // A safety net: layout-rs asserts its own invariants. Should one fail
    // on some input, the user gets an error, not an abort.
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        vg.do_it(false, false, false, &mut writer);
        writer.finalize()
    }))
    .map_err(|_| Error::Layout)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::Selection;
    use crate::export::tests::bundled;
    use crate::graph::When;

    #[test]
    fn the_whole_seed_lays_out_with_red_dashes_for_tensions() {
        let graph = bundled();
        let slice = Slice::new(graph.at(When::AllTime), &Selection::default());
        let svg = svg(&slice, &DotOptions::new()).unwrap();
        assert!(svg.starts_with("<?xml"));
        assert!(svg.contains("Shanghai Cooperation Organisation"));
        assert!(svg.contains("stroke-dasharray"));
        assert!(svg.contains("#dc2626ff"), "negative ties are red");
    }

    #[test]
    fn an_empty_slice_is_an_empty_picture() {
        let graph = bundled();
        let slice = Slice::new(
            graph.at(When::On(jiff::civil::date(1900, 1, 1))),
            &Selection {
                via: vec![crate::model::RelationKind::Member],
                focus: None,
            },
        );
        assert!(slice.nodes().is_empty());
        assert!(svg(&slice, &DotOptions::new()).unwrap().contains("<svg"));
    }
}
