//! Line charts of time series (`--chart FILE.svg` over `--from/--to/--every`):
//! one line per series, the steps' dates along the x axis, drawn with
//! plotters' SVG backend.
//!
//! Why SVG only: a bitmap needs the text rasterised, which plotters does
//! through its `ttf` feature — font-kit, linking the system's `FontConfig`
//! and `FreeType` into every build of the binary and reading the system's
//! fonts at run time (about 40 more crates; measured: a scratch crate
//! with plotters builds in 6 s for SVG, 31 s with the bitmap backend).
//! SVG leaves the text to whatever shows it, and every browser does.
//!
//! What a reader needs from the chart: the title; a y axis with ticks (S
//! from −1 to 1, or the data's own range); each step's label under the x
//! axis (as many as fit without overlapping, evenly spread); one line per
//! series in its own colour with its own marker, named in the legend; and
//! a gap where a value is undefined — a line is never drawn across a step
//! that has no value, since "unknown" is not "in between".

use std::path::Path;

use jiff::civil::Date;
use plotters::prelude::*;

use crate::error::Error;
use crate::store::save::{self, Replace};

/// One line of a chart: its name in the legend and its value at each step.
#[derive(Clone, Debug, PartialEq)]
pub struct Series {
    /// The name in the legend ("Belarus", "S with Russia").
    pub name: String,
    /// The value at each step of [`LineChart::steps`], in order; `None`
    /// (or a value that is not finite) where it is undefined: the line
    /// stops there and starts again at the next value.
    pub points: Vec<Option<f64>>,
}

/// A line chart over dated steps.
#[derive(Clone, Debug, PartialEq)]
pub struct LineChart {
    /// The title above the chart.
    pub title: String,
    /// What the x axis shows ("date").
    pub x_label: String,
    /// What the y axis shows ("S score").
    pub y_label: String,
    /// The days of the steps, strictly increasing: where each step stands
    /// on the x axis (uneven steps stand unevenly).
    pub steps: Vec<Date>,
    /// The label of each step ("2001", "2001-07"), one per step.
    pub step_labels: Vec<String>,
    /// The lines, each with one point per step.
    pub series: Vec<Series>,
    /// The y axis from its first to its second value (`Some((-1.0, 1.0))`
    /// for S); `None` for the data's own range, padded a little.
    pub y_range: Option<(f64, f64)>,
}

/// The file formats a chart is written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChartFormat {
    /// Scalable vector graphics (the one drawn).
    Svg,
    /// A bitmap: refused, see the module's documentation.
    Png,
}

/// Why `.png` is refused, with what to do instead.
const PNG_NEEDS: &str = "PNG charts need a font rasteriser (plotters' ttf feature, which links \
    the system's FontConfig and FreeType into diplograph); write .svg instead: any browser shows \
    it, and `rsvg-convert chart.svg -o chart.png` makes a PNG of it";

impl ChartFormat {
    /// The format a chart file's name asks for, by its extension (any
    /// case): `.svg`. `.png` and any other name are usage errors saying
    /// what to write instead.
    ///
    /// ```
    /// use diplograph::render::chart::ChartFormat;
    /// use std::path::Path;
    /// assert_eq!(ChartFormat::from_path(Path::new("s.SVG")).unwrap(), ChartFormat::Svg);
    /// assert!(ChartFormat::from_path(Path::new("s.png")).is_err());
    /// assert!(ChartFormat::from_path(Path::new("s")).is_err());
    /// ```
    pub fn from_path(path: &Path) -> Result<ChartFormat, Error> {
        let extension = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        match extension.as_deref() {
            Some("svg") => Ok(ChartFormat::Svg),
            Some("png") => Err(Error::Usage(PNG_NEEDS.to_string())),
            _ => Err(Error::Usage(format!(
                "a chart is written as SVG: name the file FILE.svg (not `{}`)",
                path.display()
            ))),
        }
    }
}

/// Width and height of a chart, in pixels.
const SIZE: (u32, u32) = (900, 500);

/// The colours of the series, in turn (Tableau 10: told apart on screen
/// and in print); the eleventh series takes the first colour again, with
/// another marker.
const COLOURS: [RGBColor; 10] = [
    RGBColor(31, 119, 180),
    RGBColor(255, 127, 14),
    RGBColor(44, 160, 44),
    RGBColor(214, 39, 40),
    RGBColor(148, 103, 189),
    RGBColor(140, 86, 75),
    RGBColor(227, 119, 194),
    RGBColor(127, 127, 127),
    RGBColor(188, 189, 34),
    RGBColor(23, 190, 207),
];

/// The markers of the series, in turn.
#[derive(Clone, Copy)]
enum Marker {
    Circle,
    Triangle,
    Square,
    Diamond,
    Cross,
}

const MARKERS: [Marker; 5] = [
    Marker::Circle,
    Marker::Triangle,
    Marker::Square,
    Marker::Diamond,
    Marker::Cross,
];

/// Markers are drawn on at most this many steps of a series (evenly
/// spread; a point standing alone is always marked, having no line).
const MARKED_STEPS: usize = 60;

/// Pixels a character of a 12-pixel label takes, near enough: how many
/// step labels fit under the axis.
const CHAR_WIDTH: usize = 7;

/// The chart as a file of `format`.
///
/// Arguments: `chart`, whose every series has one point per step and
/// whose steps each have a label and increase. Returns the file's bytes
/// (SVG text); an [`Error::Chart`] when the chart does not fit together
/// (or the y range is empty), [`Error::Usage`] for PNG. Cost:
/// O(steps × series), the text being a few hundred bytes per point.
///
/// ```
/// use diplograph::render::chart::{render, ChartFormat, LineChart, Series};
/// let chart = LineChart {
///     title: "S with Russia".into(),
///     x_label: "year".into(),
///     y_label: "S".into(),
///     steps: vec![jiff::civil::date(2001, 1, 1), jiff::civil::date(2002, 1, 1), jiff::civil::date(2003, 1, 1)],
///     step_labels: vec!["2001".into(), "2002".into(), "2003".into()],
///     series: vec![Series { name: "China".into(), points: vec![Some(0.5), None, Some(0.9)] }],
///     y_range: Some((-1.0, 1.0)),
/// };
/// let svg = String::from_utf8(render(&chart, ChartFormat::Svg).unwrap()).unwrap();
/// assert!(svg.starts_with("<svg") && svg.contains("S with Russia") && svg.contains("2002"));
/// ```
pub fn render(chart: &LineChart, format: ChartFormat) -> Result<Vec<u8>, Error> {
    match format {
        ChartFormat::Svg => svg(chart).map(String::into_bytes),
        ChartFormat::Png => Err(Error::Usage(PNG_NEEDS.to_string())),
    }
}

/// Writes a chart's bytes to `path` through the atomic writer, refusing
/// to replace an existing file unless `force` (`--force`), as exports do
/// ([`save::refusal`]).
///
/// ```
/// let dir = tempfile::tempdir().unwrap();
/// let path = dir.path().join("s.svg");
/// diplograph::render::chart::write_chart(&path, b"<svg/>", false).unwrap();
/// assert!(diplograph::render::chart::write_chart(&path, b"<svg/>", false).is_err());
/// diplograph::render::chart::write_chart(&path, b"<svg></svg>", true).unwrap();
/// ```
pub fn write_chart(path: &Path, bytes: &[u8], force: bool) -> Result<(), Error> {
    if let Some(why) = save::refusal(path, force) {
        return Err(Error::Usage(format!(
            "the chart {why}: pass --force to replace it, or name another file"
        )));
    }
    let replace = if force { Replace::Yes } else { Replace::No };
    save::write_atomic(path, bytes, replace)
}

/// The most lines a chart of `central` draws: the entities that rank most
/// often, so the legend stays readable.
pub const MOST_LINES: usize = 8;

/// A series answer as a chart: one line per charted column (every measure
/// of `align`, each status of `members`, the triangle index of `balance`,
/// the clusters of `clusters`), or for `central` one line per entity that
/// ranks in some step (its score where it ranks, a gap elsewhere; the
/// [`MOST_LINES`] that rank most often). The title is the series' title
/// ([`crate::render::series_title`]), naming the question, the basis and
/// the rule.
///
/// ```
/// use diplograph::graph::DiploGraph;
/// use diplograph::query::align::Basis;
/// use diplograph::query::series::{Every, Rule, align, steps};
/// use diplograph::render::chart::from_series;
/// let graph = DiploGraph::load(&diplograph::store::Origin::Bundled).unwrap();
/// let years = steps(jiff::civil::date(2001, 1, 1), jiff::civil::date(2024, 12, 31), Every::Year).unwrap();
/// let (rus, chn) = (graph.node("RUS").unwrap(), graph.node("CHN").unwrap());
/// let found = align(&graph, &years, Rule::Any, rus, chn, Basis::Relations, &mut |_| Ok(None)).unwrap();
/// let chart = from_series(&graph, &found);
/// assert_eq!(chart.series.len(), 5);
/// assert_eq!(chart.series[0].name, "S");
/// assert_eq!(chart.step_labels.len(), 24);
/// ```
pub fn from_series(
    graph: &crate::graph::DiploGraph,
    found: &crate::query::series::SeriesTable,
) -> LineChart {
    use crate::query::align::Measure;
    use crate::query::series::{Cell, SeriesOf};
    let number = |cell: &Cell| match cell {
        Cell::Number(v) => *v,
        Cell::Count(n) => Some(*n as f64),
        Cell::Entity(_) | Cell::Entities(_) => None,
    };
    let series: Vec<Series> = match &found.of {
        SeriesOf::Central { .. } => {
            // (entity, the steps it ranks in) in order of first appearance.
            let mut ranked: Vec<(petgraph::graph::NodeIndex, usize)> = Vec::new();
            for (_, cells) in &found.rows {
                for cell in cells {
                    if let Cell::Entity(Some(n)) = cell {
                        match ranked.iter_mut().find(|(m, _)| m == n) {
                            Some((_, count)) => *count += 1,
                            None => ranked.push((*n, 1)),
                        }
                    }
                }
            }
            let mut order: Vec<usize> = (0..ranked.len()).collect();
            order.sort_by_key(|i| (std::cmp::Reverse(ranked[*i].1), *i));
            order.truncate(MOST_LINES);
            order.sort_unstable();
            order
                .into_iter()
                .map(|i| {
                    let node = ranked[i].0;
                    let points = found
                        .rows
                        .iter()
                        .map(|(_, cells)| {
                            cells
                                .chunks(2)
                                .find(|pair| pair[0] == Cell::Entity(Some(node)))
                                .and_then(|pair| number(&pair[1]))
                        })
                        .collect();
                    Series {
                        name: graph.entity(node).name.clone(),
                        points,
                    }
                })
                .collect()
        }
        SeriesOf::Align { .. }
        | SeriesOf::Members { .. }
        | SeriesOf::Balance { .. }
        | SeriesOf::Clusters { .. } => found
            .columns
            .iter()
            .enumerate()
            .filter(|(_, c)| c.charted)
            .map(|(k, c)| Series {
                name: Measure::ALL
                    .iter()
                    .find(|m| m.key() == c.key)
                    .map_or_else(|| c.key.replace('_', " "), |m| m.symbol().to_string()),
                points: found
                    .rows
                    .iter()
                    .map(|(_, cells)| number(&cells[k]))
                    .collect(),
            })
            .collect(),
    };
    let (y_label, y_range) = match &found.of {
        SeriesOf::Align { .. } => ("similarity (−1 to 1)".to_string(), Some((-1.0, 1.0))),
        SeriesOf::Members { .. } => ("states".to_string(), None),
        SeriesOf::Balance { .. } => ("share of triangles balanced".to_string(), Some((0.0, 1.0))),
        SeriesOf::Clusters { .. } => ("clusters / largest cluster".to_string(), None),
        SeriesOf::Central { measure, .. } => (measure.name().to_string(), None),
    };
    LineChart {
        title: crate::render::series_title(graph, found),
        x_label: "date".to_string(),
        y_label,
        steps: found.rows.iter().map(|(step, _)| step.from).collect(),
        step_labels: found.rows.iter().map(|(step, _)| step.label()).collect(),
        series,
        y_range,
    }
}

#[expect(
    clippy::needless_pass_by_value,
    reason = "called as `map_err(chart_error)` on plotters' error values"
)]
fn chart_error(why: impl ToString) -> Error {
    Error::Chart {
        why: why.to_string(),
    }
}

/// Checks that the parts of `chart` fit together; returns each step's
/// day offset from the first.
fn offsets(chart: &LineChart) -> Result<Vec<i32>, Error> {
    let n = chart.steps.len();
    if chart.step_labels.len() != n {
        return Err(chart_error(format!(
            "{} step labels for {n} steps",
            chart.step_labels.len()
        )));
    }
    if let Some(s) = chart.series.iter().find(|s| s.points.len() != n) {
        return Err(chart_error(format!(
            "series `{}` has {} points for {n} steps",
            s.name,
            s.points.len()
        )));
    }
    if let Some([before, after]) = chart
        .steps
        .windows(2)
        .find(|w| w[0] >= w[1])
        .and_then(|w| <[Date; 2]>::try_from(w).ok())
    {
        return Err(chart_error(format!(
            "steps must increase, but {after} comes after {before}"
        )));
    }
    let first = chart
        .steps
        .first()
        .map_or(0, |d| crate::date::day_number_of(*d));
    Ok(chart
        .steps
        .iter()
        .map(|d| crate::date::day_number_of(*d) - first)
        .collect())
}

/// A point's value, if it has one to draw.
fn value(point: Option<f64>) -> Option<f64> {
    point.filter(|v| v.is_finite())
}

/// The y axis: `chart.y_range`, else the data's range padded by 5% on
/// each side (a single value gets room around it; no value at all, 0 to 1).
fn y_axis(chart: &LineChart) -> Result<(f64, f64), Error> {
    if let Some((lo, hi)) = chart.y_range {
        if !(lo.is_finite() && hi.is_finite() && lo < hi) {
            return Err(chart_error(format!("the y range {lo} to {hi} is empty")));
        }
        return Ok((lo, hi));
    }
    let values = chart
        .series
        .iter()
        .flat_map(|s| s.points.iter().copied().filter_map(value));
    let (lo, hi) = values.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
        (lo.min(v), hi.max(v))
    });
    if lo > hi {
        return Ok((0.0, 1.0));
    }
    let (lo, hi) = if lo == hi {
        let room = if lo == 0.0 { 1.0 } else { lo.abs() / 10.0 };
        (lo - room, hi + room)
    } else {
        (lo, hi)
    };
    let pad = (hi - lo) / 20.0;
    Ok((lo - pad, hi + pad))
}

/// The steps whose labels are shown: every `k`-th, so that they fit in
/// `width` pixels side by side.
fn labelled(chart: &LineChart, width: u32) -> Vec<usize> {
    let n = chart.steps.len();
    let longest = chart
        .step_labels
        .iter()
        .map(|l| l.chars().count())
        .max()
        .unwrap_or(0);
    let fit = (width as usize / (longest * CHAR_WIDTH + 14)).max(1);
    (0..n).step_by(n.div_ceil(fit).max(1)).collect()
}

/// The runs of consecutive defined points of a series: each is one
/// unbroken line.
fn runs(offsets: &[i32], series: &Series) -> Vec<Vec<(i32, f64)>> {
    let mut runs: Vec<Vec<(i32, f64)>> = Vec::new();
    let mut current = Vec::new();
    for (x, point) in offsets.iter().zip(&series.points) {
        match value(*point) {
            Some(y) => current.push((*x, y)),
            None if !current.is_empty() => runs.push(std::mem::take(&mut current)),
            None => {}
        }
    }
    if !current.is_empty() {
        runs.push(current);
    }
    runs
}

/// Draws `points` with `marker` in `style` on any drawing area.
fn mark<DB, CT>(
    area: &DrawingArea<DB, CT>,
    marker: Marker,
    points: &[CT::From],
    style: ShapeStyle,
) -> Result<(), Error>
where
    DB: DrawingBackend,
    CT: plotters::coord::CoordTranslate,
    CT::From: Clone,
{
    let at = |p: &CT::From| EmptyElement::at(p.clone());
    let drawn = match marker {
        Marker::Circle => points
            .iter()
            .try_for_each(|p| area.draw(&(at(p) + Circle::new((0, 0), 4, style)))),
        Marker::Triangle => points
            .iter()
            .try_for_each(|p| area.draw(&(at(p) + TriangleMarker::new((0, 0), 5, style)))),
        Marker::Square => points
            .iter()
            .try_for_each(|p| area.draw(&(at(p) + Rectangle::new([(-4, -4), (4, 4)], style)))),
        Marker::Diamond => points.iter().try_for_each(|p| {
            let corners = vec![(0, -5), (5, 0), (0, 5), (-5, 0)];
            area.draw(&(at(p) + Polygon::new(corners, style)))
        }),
        Marker::Cross => points
            .iter()
            .try_for_each(|p| area.draw(&(at(p) + Cross::new((0, 0), 4, style.stroke_width(2))))),
    };
    drawn.map_err(chart_error)
}

/// The chart as SVG text.
fn svg(chart: &LineChart) -> Result<String, Error> {
    let offsets = offsets(chart)?;
    let (y_lo, y_hi) = y_axis(chart)?;
    let longest_name = chart
        .series
        .iter()
        .map(|s| s.name.chars().count())
        .max()
        .unwrap_or(0);
    let legend_width = (longest_name * CHAR_WIDTH + 70).min(SIZE.0 as usize * 2 / 5) as u32;
    let plot_width = SIZE.0 - legend_width;
    let shown = labelled(chart, plot_width.saturating_sub(100));
    let keys: Vec<i32> = shown.iter().map(|i| offsets[*i]).collect();
    let last = offsets.last().copied().unwrap_or(0);
    let pad = (last / 40).max(1);
    let label_of = |x: &i32| {
        offsets
            .binary_search(x)
            .map_or_else(|_| String::new(), |i| chart.step_labels[i].clone())
    };

    let mut text = String::new();
    {
        let root = SVGBackend::with_string(&mut text, SIZE).into_drawing_area();
        root.fill(&WHITE).map_err(chart_error)?;
        let (plot, legend) = root.split_horizontally(plot_width);
        let mut drawing = ChartBuilder::on(&plot)
            .caption(&chart.title, ("sans-serif", 20))
            .margin(12)
            .x_label_area_size(44)
            .y_label_area_size(64)
            .build_cartesian_2d((-pad..last + pad).with_key_points(keys), y_lo..y_hi)
            .map_err(chart_error)?;
        drawing
            .configure_mesh()
            .x_desc(chart.x_label.as_str())
            .y_desc(chart.y_label.as_str())
            .x_label_formatter(&label_of)
            .y_labels(9)
            .light_line_style(RGBColor(240, 240, 240))
            .label_style(("sans-serif", 12))
            .draw()
            .map_err(chart_error)?;
        for (i, series) in chart.series.iter().enumerate() {
            let colour = COLOURS[i % COLOURS.len()];
            let shape = MARKERS[i % MARKERS.len()];
            let runs = runs(&offsets, series);
            for run in runs.iter().filter(|r| r.len() > 1) {
                drawing
                    .draw_series(LineSeries::new(run.iter().copied(), colour.stroke_width(2)))
                    .map_err(chart_error)?;
            }
            let every = series.points.len().div_ceil(MARKED_STEPS).max(1);
            let defined = |i: usize| series.points.get(i).copied().and_then(value).is_some();
            let points: Vec<(i32, f64)> = (0..series.points.len())
                .filter_map(|i| {
                    let neighbour = i.checked_sub(1).is_some_and(defined) || defined(i + 1);
                    let y = value(series.points[i])?;
                    (!neighbour || i.is_multiple_of(every)).then_some((offsets[i], y))
                })
                .collect();
            mark(drawing.plotting_area(), shape, &points, colour.filled())?;
        }
        draw_legend(&legend, chart)?;
        root.present().map_err(chart_error)?;
    }
    Ok(text)
}

/// The legend, beside the chart: each series' line, marker and name.
fn draw_legend<DB: DrawingBackend>(
    area: &DrawingArea<DB, plotters::coord::Shift>,
    chart: &LineChart,
) -> Result<(), Error> {
    let top = 48;
    for (i, series) in chart.series.iter().enumerate() {
        let colour = COLOURS[i % COLOURS.len()];
        let y = top + 22 * i as i32;
        area.draw(&PathElement::new(
            vec![(8, y), (40, y)],
            colour.stroke_width(2),
        ))
        .map_err(chart_error)?;
        mark(
            area,
            MARKERS[i % MARKERS.len()],
            &[(24, y)],
            colour.filled(),
        )?;
        area.draw(&Text::new(
            series.name.as_str(),
            (48, y - 7),
            ("sans-serif", 13).into_font(),
        ))
        .map_err(chart_error)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn years(from: i16, to: i16) -> (Vec<Date>, Vec<String>) {
        (from..=to)
            .map(|y| (jiff::civil::date(y, 1, 1), y.to_string()))
            .unzip()
    }

    fn chart(series: Vec<Series>) -> LineChart {
        let (steps, step_labels) = years(2001, 2006);
        LineChart {
            title: "Alignment with Russia & friends".into(),
            x_label: "year".into(),
            y_label: "S score".into(),
            steps,
            step_labels,
            series,
            y_range: Some((-1.0, 1.0)),
        }
    }

    fn series(name: &str, points: &[Option<f64>]) -> Series {
        Series {
            name: name.into(),
            points: points.to_vec(),
        }
    }

    fn svg_of(chart: &LineChart) -> String {
        String::from_utf8(render(chart, ChartFormat::Svg).unwrap()).unwrap()
    }

    /// The text of every `<text>` element.
    fn texts(doc: &roxmltree::Document<'_>) -> Vec<String> {
        doc.descendants()
            .filter(|n| n.has_tag_name("text"))
            .map(|n| n.text().unwrap_or("").trim().to_string())
            .collect()
    }

    /// The `<polyline>` elements drawn in `colour` (`#RRGGBB`).
    fn lines_in(doc: &roxmltree::Document<'_>, colour: &str) -> usize {
        doc.descendants()
            .filter(|n| n.has_tag_name("polyline"))
            .filter(|n| {
                n.attribute("stroke")
                    .is_some_and(|s| s.eq_ignore_ascii_case(colour))
            })
            .count()
    }

    fn hex(c: RGBColor) -> String {
        format!("#{:02X}{:02X}{:02X}", c.0, c.1, c.2)
    }

    #[test]
    fn the_svg_parses_and_shows_title_legend_labels_and_a_line_per_series() {
        let chart = chart(vec![
            series(
                "China",
                &[
                    Some(0.5),
                    Some(0.6),
                    Some(0.7),
                    Some(0.8),
                    Some(0.9),
                    Some(0.9),
                ],
            ),
            series("Belarus <BLR>", &[Some(0.9); 6]),
            series(
                "India",
                &[
                    Some(-0.2),
                    Some(0.0),
                    Some(0.1),
                    Some(0.1),
                    Some(0.2),
                    Some(0.3),
                ],
            ),
        ]);
        let text = svg_of(&chart);
        let doc = roxmltree::Document::parse(&text).unwrap();
        let words = texts(&doc);
        for word in [
            "Alignment with Russia & friends",
            "year",
            "S score",
            "China",
            "Belarus <BLR>",
            "India",
        ] {
            assert!(words.iter().any(|w| w == word), "{word} not in {words:?}");
        }
        for label in &chart.step_labels {
            assert!(words.contains(label), "{label} not in {words:?}");
        }
        // Ticks on the y axis, from −1 to 1.
        assert!(words.iter().any(|w| w == "-1.0"), "{words:?}");
        assert!(words.iter().any(|w| w == "1.0"), "{words:?}");
        for (i, colour) in COLOURS.iter().take(3).enumerate() {
            // One line on the chart, one in the legend.
            assert_eq!(lines_in(&doc, &hex(*colour)), 2, "series {i}");
        }
    }

    #[test]
    fn an_undefined_point_splits_the_line() {
        let unbroken = chart(vec![series("A", &[Some(0.1); 6])]);
        let broken = chart(vec![series(
            "A",
            &[
                Some(0.1),
                Some(0.2),
                None,
                Some(0.4),
                Some(f64::NAN),
                Some(0.5),
            ],
        )]);
        let colour = hex(COLOURS[0]);
        let count = |c: &LineChart| {
            let text = svg_of(c);
            let doc = roxmltree::Document::parse(&text).unwrap();
            lines_in(&doc, &colour) - 1
        };
        assert_eq!(count(&unbroken), 1);
        // 0.1–0.2, then 0.4 alone (a marker, no line), then 0.5 alone.
        assert_eq!(count(&broken), 1);
        let two_runs = chart(vec![series(
            "A",
            &[Some(0.1), Some(0.2), None, Some(0.4), Some(0.5), Some(0.6)],
        )]);
        assert_eq!(count(&two_runs), 2);
        let points = |c: &LineChart| -> Vec<usize> {
            let offsets = offsets(c).unwrap();
            runs(&offsets, &c.series[0]).iter().map(Vec::len).collect()
        };
        assert_eq!(points(&broken), [2, 1, 1]);
        assert_eq!(points(&two_runs), [2, 3]);
    }

    #[test]
    fn many_steps_label_as_many_as_fit_evenly() {
        let (steps, step_labels): (Vec<Date>, Vec<String>) = (0..240)
            .map(|m| {
                let day = jiff::civil::date(2001 + (m / 12) as i16, (m % 12 + 1) as i8, 1);
                (day, format!("{:04}-{:02}", day.year(), day.month()))
            })
            .unzip();
        let chart = LineChart {
            steps,
            step_labels,
            y_range: None,
            series: vec![series("A", &vec![Some(3.0); 240])],
            ..chart(Vec::new())
        };
        let text = svg_of(&chart);
        let doc = roxmltree::Document::parse(&text).unwrap();
        let words = texts(&doc);
        let shown: Vec<&String> = chart
            .step_labels
            .iter()
            .filter(|l| words.contains(l))
            .collect();
        assert!(shown.len() >= 4 && shown.len() <= 20, "{shown:?}");
        assert_eq!(shown[0], "2001-01");
    }

    #[test]
    fn dense_series_mark_every_few_steps_and_every_point_standing_alone() {
        let (steps, step_labels): (Vec<Date>, Vec<String>) = (0..120)
            .map(|d| {
                let day = jiff::civil::date(2001, 1, 1) + jiff::Span::new().days(d);
                (day, day.to_string())
            })
            .unzip();
        // Defined everywhere but around step 61, which stands alone.
        let points = (0..120)
            .map(|i| (!matches!(i, 60 | 62)).then_some(0.5))
            .collect();
        let chart = LineChart {
            steps,
            step_labels,
            series: vec![Series {
                name: "A".into(),
                points,
            }],
            ..chart(Vec::new())
        };
        let text = svg_of(&chart);
        let doc = roxmltree::Document::parse(&text).unwrap();
        let circles = doc
            .descendants()
            .filter(|n| n.has_tag_name("circle"))
            .count();
        // Every second step (0, 2, …, 118 but 60 and 62), step 61, and the
        // legend's marker.
        assert_eq!(circles, 60 - 2 + 1 + 1);
    }

    #[test]
    fn the_y_range_comes_from_the_data_when_not_given() {
        let mut c = chart(vec![series(
            "A",
            &[Some(2.0), Some(4.0), None, None, None, None],
        )]);
        c.y_range = None;
        let (lo, hi) = y_axis(&c).unwrap();
        assert!(lo < 2.0 && lo > 1.8 && hi > 4.0 && hi < 4.2, "{lo} {hi}");
        c.series[0].points = vec![None; 6];
        assert_eq!(y_axis(&c).unwrap(), (0.0, 1.0));
        c.y_range = Some((1.0, 1.0));
        assert!(matches!(y_axis(&c), Err(Error::Chart { .. })));
    }

    #[test]
    fn charts_that_do_not_fit_together_are_errors_not_panics() {
        let mut c = chart(vec![series("A", &[Some(1.0)])]);
        let err = render(&c, ChartFormat::Svg).unwrap_err();
        assert!(err.to_string().contains("1 points for 6 steps"), "{err}");
        c.series.clear();
        c.step_labels.pop();
        assert!(render(&c, ChartFormat::Svg).is_err());
        let mut c = chart(Vec::new());
        c.steps.swap(0, 1);
        assert!(
            render(&c, ChartFormat::Svg)
                .unwrap_err()
                .to_string()
                .contains("must increase")
        );
        // One step, and no series at all, still draw.
        let mut one = chart(vec![series("A", &[Some(0.5)])]);
        one.steps.truncate(1);
        one.step_labels.truncate(1);
        assert!(svg_of(&one).contains("2001"));
        assert!(svg_of(&chart(Vec::new())).contains("<svg"));
    }

    #[test]
    fn png_is_refused_with_what_to_write_instead() {
        let err = ChartFormat::from_path(Path::new("out.png")).unwrap_err();
        assert!(matches!(err, Error::Usage(_)));
        assert!(err.to_string().contains("write .svg"), "{err}");
        assert!(render(&chart(Vec::new()), ChartFormat::Png).is_err());
        let err = ChartFormat::from_path(Path::new("out.pdf")).unwrap_err();
        assert!(err.to_string().contains("FILE.svg"), "{err}");
    }

    #[test]
    fn write_chart_refuses_an_existing_file_unless_forced() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("chart.svg");
        write_chart(&path, b"one", false).unwrap();
        let err = write_chart(&path, b"two", false).unwrap_err();
        assert!(matches!(err, Error::Usage(_)));
        assert!(err.to_string().contains("already exists"), "{err}");
        assert_eq!(std::fs::read(&path).unwrap(), b"one");
        write_chart(&path, b"two", true).unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"two");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}
