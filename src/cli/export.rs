//! `diplograph export FORMAT`: the command-line layer over
//! [`crate::export`]. It resolves names, builds the selection and the
//! drawing options, calls one exporter, and decides where the bytes go.

use std::fmt::Write as _;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};

use super::Context;
use crate::error::Error;
use crate::export::dot::{DotOptions, EdgeLabels, Engine, Overlap, RankDir};
use crate::export::picture::{Graphviz, PictureFormat, Renderer};
use crate::export::{
    DRAWING_LIMIT, PAGE_LIMIT, Selection, Slice, csv, dot, gexf, graphml, html, nodelink, picture,
    write_file, write_file_with,
};
use crate::graph::When;
use crate::model::{EntityKind, RelationKind};
use crate::store::Origin;

/// The formats `export` writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// Graphviz DOT source
    Dot,
    /// SVG picture (Graphviz if installed, else a built-in layout)
    Svg,
    /// PNG picture (needs Graphviz)
    Png,
    /// GraphML with typed attributes (yEd, Cytoscape, NetworkX)
    Graphml,
    /// GEXF 1.3, dynamic (Gephi, with its timeline)
    Gexf,
    /// Node-link JSON (D3, NetworkX node_link_graph)
    #[expect(
        clippy::doc_markdown,
        reason = "clap prints this doc comment verbatim in --help, where backticks would show"
    )]
    Json,
    /// Neo4j bulk-import CSV: nodes.csv and relationships.csv in --output DIR
    Csv,
    /// One self-contained interactive page (date slider, filters, search, paths; no network).
    /// Above 2,000 entities it needs --focus, --max-nodes or --force
    Html,
}

impl ExportFormat {
    fn name(self) -> &'static str {
        match self {
            ExportFormat::Dot => "dot",
            ExportFormat::Svg => "svg",
            ExportFormat::Png => "png",
            ExportFormat::Graphml => "graphml",
            ExportFormat::Gexf => "gexf",
            ExportFormat::Json => "json",
            ExportFormat::Csv => "csv",
            ExportFormat::Html => "html",
        }
    }

    /// Whether `option` (a drawing option) applies: all of them to the
    /// drawings; `--title`, `--engine` and `--force` to the page.
    fn takes(self, option: &str) -> bool {
        self.is_drawing()
            || self == ExportFormat::Html && matches!(option, "--title" | "--engine" | "--force")
    }

    fn is_drawing(self) -> bool {
        matches!(
            self,
            ExportFormat::Dot | ExportFormat::Svg | ExportFormat::Png
        )
    }
}

/// Direction of rank in `dot`'s layered layout (the command-line face of
/// [`RankDir`]).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum RankDirArg {
    /// Top to bottom.
    #[value(name = "TB")]
    TopBottom,
    /// Left to right (default: long names read better side by side).
    #[default]
    #[value(name = "LR")]
    LeftRight,
    /// Bottom to top.
    #[value(name = "BT")]
    BottomTop,
    /// Right to left.
    #[value(name = "RL")]
    RightLeft,
}

impl From<RankDirArg> for RankDir {
    fn from(arg: RankDirArg) -> RankDir {
        match arg {
            RankDirArg::TopBottom => RankDir::TopBottom,
            RankDirArg::LeftRight => RankDir::LeftRight,
            RankDirArg::BottomTop => RankDir::BottomTop,
            RankDirArg::RightLeft => RankDir::RightLeft,
        }
    }
}

/// The Graphviz layout program (the command-line face of [`Engine`]).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum EngineArg {
    /// Layered (hierarchies, memberships).
    #[default]
    Dot,
    /// Spring model (small graphs).
    Neato,
    /// Force-directed.
    Fdp,
    /// Force-directed, for large graphs.
    Sfdp,
    /// Circular.
    Circo,
    /// Radial, around the first node.
    Twopi,
}

impl From<EngineArg> for Engine {
    fn from(arg: EngineArg) -> Engine {
        match arg {
            EngineArg::Dot => Engine::Dot,
            EngineArg::Neato => Engine::Neato,
            EngineArg::Fdp => Engine::Fdp,
            EngineArg::Sfdp => Engine::Sfdp,
            EngineArg::Circo => Engine::Circo,
            EngineArg::Twopi => Engine::Twopi,
        }
    }
}

/// How the force-directed engines remove node overlaps (the command-line
/// face of [`Overlap`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum OverlapArg {
    /// Remove overlaps (Graphviz's best available method).
    #[value(name = "false")]
    Remove,
    /// Keep overlaps.
    #[value(name = "true")]
    Keep,
    /// Scale the layout up uniformly until nodes no longer overlap.
    Scale,
    /// Scale x and y separately.
    Scalexy,
    /// Prism (needs Graphviz built with GTS).
    Prism,
    /// Compress while keeping nodes apart.
    Compress,
    /// Voronoi-based adjustment.
    Voronoi,
}

impl From<OverlapArg> for Overlap {
    fn from(arg: OverlapArg) -> Overlap {
        match arg {
            OverlapArg::Remove => Overlap::Remove,
            OverlapArg::Keep => Overlap::Keep,
            OverlapArg::Scale => Overlap::Scale,
            OverlapArg::Scalexy => Overlap::Scalexy,
            OverlapArg::Prism => Overlap::Prism,
            OverlapArg::Compress => Overlap::Compress,
            OverlapArg::Voronoi => Overlap::Voronoi,
        }
    }
}

/// What edge labels say (the command-line face of [`EdgeLabels`]).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum LabelsArg {
    /// Kind, detail and dates: "member / since 2024-07-04".
    #[default]
    Full,
    /// Kind and detail only: "member", "acting President".
    Short,
    /// No edge labels (colours and the legend tell the kinds).
    None,
}

impl From<LabelsArg> for EdgeLabels {
    fn from(arg: LabelsArg) -> EdgeLabels {
        match arg {
            LabelsArg::Full => EdgeLabels::Full,
            LabelsArg::Short => EdgeLabels::Short,
            LabelsArg::None => EdgeLabels::None,
        }
    }
}

/// Arguments of `export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// What to write
    #[arg(value_enum, id = "export_format", value_name = "FORMAT")]
    pub format: ExportFormat,

    /// Write to this file instead of stdout (for csv: into this directory)
    #[arg(long, short, value_name = "PATH")]
    pub output: Option<PathBuf>,

    /// Only relations of this kind (repeatable)
    #[arg(long = "via", value_enum, value_name = "KIND")]
    pub via: Vec<RelationKind>,

    /// Only entities within --depth relations of this one (id, name or alias)
    #[arg(long, value_name = "ENTITY")]
    pub focus: Option<String>,

    /// How many relations away from --focus to go
    #[arg(long, value_name = "N", default_value_t = 1, requires = "focus")]
    pub depth: usize,

    /// Draw this organization's full members inside a box (repeatable) [dot, svg, png]
    #[arg(long = "cluster-by", value_name = "ORG", help_heading = "Drawing")]
    pub cluster_by: Vec<String>,

    /// Rank direction of the layered layout [dot, svg, png]
    #[arg(long, value_enum, default_value_t, help_heading = "Drawing")]
    pub rankdir: RankDirArg,

    /// Graphviz layout program [dot, svg, png; html: default neato, sfdp above 400 entities]
    #[arg(long, value_enum, default_value_t, help_heading = "Drawing")]
    pub engine: EngineArg,

    /// Overlap removal for neato, fdp and sfdp [default: false, i.e. remove] [dot, svg, png]
    #[arg(long, value_enum, help_heading = "Drawing")]
    pub overlap: Option<OverlapArg>,

    /// What edge labels say [dot, svg, png]
    #[arg(long, value_enum, default_value_t, help_heading = "Drawing")]
    pub labels: LabelsArg,

    /// Leave out the legend [dot, svg, png]
    #[arg(long, help_heading = "Drawing")]
    pub no_legend: bool,

    /// Heading above the diagram [default: the focus and the date] [dot, svg, png, html]
    #[arg(long, value_name = "TEXT", help_heading = "Drawing")]
    pub title: Option<String>,

    /// Keep only the N most connected entities (most relations in the selection; ties in file
    /// order) and the relations among them
    #[arg(long, value_name = "N")]
    pub max_nodes: Option<usize>,

    /// Replace an existing --output file; for drawings, also draw more than 5,000 entities,
    /// which Graphviz may take very long to lay out (for html: embed more than 2,000). Never
    /// replaces the database it reads
    #[arg(long)]
    pub force: bool,

    /// `--graph`.
    #[command(flatten)]
    pub database: super::DatabaseOption,

    /// `--as-of`, `--all-time`.
    #[command(flatten)]
    pub time: super::TimeOptions,
}

impl ExportArgs {
    /// The first drawing option given that the format does not take.
    fn drawing_option_given(&self) -> Option<&'static str> {
        let format = self.format;
        [
            (!self.cluster_by.is_empty(), "--cluster-by"),
            (self.rankdir != RankDirArg::default(), "--rankdir"),
            (self.engine != EngineArg::default(), "--engine"),
            (self.overlap.is_some(), "--overlap"),
            (self.labels != LabelsArg::default(), "--labels"),
            (self.no_legend, "--no-legend"),
            (self.title.is_some(), "--title"),
            // With --output, --force also replaces an existing file.
            (self.force && output_file(self).is_none(), "--force"),
        ]
        .into_iter()
        .find_map(|(given, name)| (given && !format.takes(name)).then_some(name))
    }
}

fn title(ctx: &Context, args: &ExportArgs, focus: Option<petgraph::graph::NodeIndex>) -> String {
    if let Some(title) = &args.title {
        return title.clone();
    }
    let moment = match ctx.when {
        When::On(day) => format!("as of {day}"),
        When::During { from, until } => format!("in {}", crate::date::period_name(from, until)),
        When::AllTime => "all time".to_string(),
    };
    format!("{}, {moment}", heading(ctx, args, focus))
}

/// The title without its moment: what the page, which shows every day,
/// is headed by.
fn heading(ctx: &Context, args: &ExportArgs, focus: Option<petgraph::graph::NodeIndex>) -> String {
    let mut head = match focus {
        Some(node) => {
            let e = ctx.graph.entity(node);
            format!("{} ({}) and its ties", e.name, e.id)
        }
        None => "Diplomatic relations".to_string(),
    };
    match args.via.len() {
        0 => {}
        1..=3 => {
            let kinds: Vec<&str> = args.via.iter().map(|k| k.name()).collect();
            let _ = write!(head, " through {}", kinds.join(", "));
        }
        n => {
            let _ = write!(head, " through {n} kinds of relation");
        }
    }
    head
}

/// Writes bytes to stdout; a closed pipe ends the output quietly.
fn write_stdout_bytes(bytes: &[u8]) -> Result<(), Error> {
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(bytes).and_then(|()| stdout.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(Error::Write(e)),
        _ => Ok(()),
    }
}

/// Streams a data format to the output file (atomically) or to stdout
/// through a buffer; a closed pipe on stdout ends the output quietly.
pub(crate) fn stream(
    out: Option<&Path>,
    fill: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<String, Error> {
    if let Some(path) = out {
        write_file_with(path, fill)?;
        return Ok(String::new());
    }
    let stdout = std::io::stdout().lock();
    let mut buffered = std::io::BufWriter::with_capacity(1 << 20, stdout);
    match fill(&mut buffered).and_then(|()| buffered.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(Error::Write(e)),
        _ => Ok(String::new()),
    }
}

/// [`stream`], or into memory when the context returns its answers
/// (the server), so the bytes are the ones the command would print.
fn sink(
    ctx: &Context<'_>,
    out: Option<&Path>,
    fill: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<String, Error> {
    if !ctx.in_memory {
        return stream(out, fill);
    }
    let mut bytes = Vec::new();
    fill(&mut bytes).map_err(Error::Write)?;
    String::from_utf8(bytes).map_err(|_| Error::Usage("this export is not text".into()))
}

/// `--output -` means stdout, as in most tools.
fn output_file(args: &ExportArgs) -> Option<&Path> {
    args.output.as_deref().filter(|p| *p != Path::new("-"))
}

/// Runs `export`; returns what to print on stdout (empty when the output
/// went to a file, or was binary and already written).
pub fn run(ctx: &Context, args: &ExportArgs) -> Result<String, Error> {
    let graph = &ctx.graph;
    let format = args.format;
    let out = output_file(args);
    check_output(ctx, args, out)?;
    let focus = match &args.focus {
        Some(text) => Some(graph.resolve(text)?),
        None => None,
    };
    let selection = Selection {
        via: args.via.clone(),
        focus: focus.map(|node| (node, args.depth)),
    };
    let slice = slice_of(ctx, args, &selection)?;
    let options = dot_options(ctx, args, focus)?;
    let bytes: Vec<u8> = match format {
        ExportFormat::Dot => dot::write(&slice, &options).into_bytes(),
        ExportFormat::Svg | ExportFormat::Png => picture_bytes(&slice, &options, format)?,
        ExportFormat::Graphml => return sink(ctx, out, |w| graphml::write_to(&slice, w)),
        ExportFormat::Gexf => return sink(ctx, out, |w| gexf::write_to(&slice, w)),
        ExportFormat::Json => return sink(ctx, out, |w| nodelink::write_to(&slice, w)),
        ExportFormat::Html => {
            let options = page_options(ctx, args, focus);
            html::page(&slice, &options)?.into_bytes()
        }
        ExportFormat::Csv => {
            let Some(dir) = out else {
                return Err(csv_needs_output());
            };
            write_csv(dir, &slice)?;
            return Ok(String::new());
        }
    };
    match out {
        Some(path) => {
            write_file(path, &bytes)?;
            Ok(String::new())
        }
        None => match String::from_utf8(bytes) {
            Ok(text) => Ok(text),
            Err(binary) => {
                write_stdout_bytes(binary.as_bytes())?;
                Ok(String::new())
            }
        },
    }
}

/// The usage error of `export --format csv` without `--output DIR`.
fn csv_needs_output() -> Error {
    Error::ExportUsage {
        format: "csv",
        why: "writes two files (nodes.csv and relationships.csv)".into(),
        help: "name a directory for them: --output DIR".into(),
    }
}

/// Whether `a` and `b` are one file (the same device and inode on Unix,
/// so another spelling of the path, a symbolic link or a hard link is
/// recognised; the same canonical path elsewhere). False when either does
/// not exist.
pub(crate) fn same_file(a: &Path, b: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        match (std::fs::metadata(a), std::fs::metadata(b)) {
            (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
            _ => false,
        }
    }
    #[cfg(not(unix))]
    {
        match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
            (Ok(a), Ok(b)) => a == b,
            _ => false,
        }
    }
}

/// Refuses an output that would replace a file: always the database
/// being read (however its path is spelt), and any existing file unless
/// `--force`. For csv, the two files written into the directory.
fn check_target(ctx: &Context, args: &ExportArgs, out: &Path) -> Result<(), Error> {
    let format = args.format;
    let targets = if format == ExportFormat::Csv {
        vec![out.join("nodes.csv"), out.join("relationships.csv")]
    } else {
        vec![out.to_path_buf()]
    };
    for target in &targets {
        if let Origin::File(database) = &ctx.origin
            && same_file(target, database)
        {
            return Err(Error::ExportUsage {
                format: format.name(),
                why: format!("would replace {}, the database it reads", target.display()),
                help: "choose another --output (not even --force replaces the database)".into(),
            });
        }
        if let Some(why) = crate::store::save::refusal(target, args.force) {
            return Err(Error::ExportUsage {
                format: format.name(),
                why,
                help: "pass --force to replace it, or choose another --output".into(),
            });
        }
    }
    Ok(())
}

/// Refuses what cannot be written before any work is done: drawing options
/// on a data format, CSV without a directory, PNG to a terminal, an
/// output that would replace the database or (without `--force`) any
/// existing file.
fn check_output(ctx: &Context, args: &ExportArgs, out: Option<&Path>) -> Result<(), Error> {
    let format = args.format;
    if let Some(option) = args.drawing_option_given() {
        let or = if option == "--force" {
            ", or with --output to replace an existing file"
        } else {
            ""
        };
        let (why, also) = if format == ExportFormat::Html {
            (
                "lays out its own page, so this drawing option does not apply",
                "",
            )
        } else {
            (
                "draws nothing, so drawing options do not apply",
                " (--title and --engine also to html)",
            )
        };
        return Err(Error::ExportUsage {
            format: format.name(),
            why: why.into(),
            help: format!("{option} only applies to dot, svg and png{also}{or}"),
        });
    }
    if format == ExportFormat::Csv && out.is_none() {
        return Err(csv_needs_output());
    }
    if let Some(out) = out {
        check_target(ctx, args, out)?;
    }
    if format == ExportFormat::Png && out.is_none() && std::io::stdout().is_terminal() {
        return Err(Error::ExportUsage {
            format: "png",
            why: "is binary and stdout is a terminal".into(),
            help: "write it to a file with --output FILE.png, or redirect stdout".into(),
        });
    }
    Ok(())
}

/// The part of the graph exported: the selection, cut to `--max-nodes`,
/// and refused when a drawing would be too large to lay out (unless
/// `--force`).
fn slice_of<'g>(
    ctx: &'g Context,
    args: &ExportArgs,
    selection: &Selection,
) -> Result<Slice<'g>, Error> {
    let graph = &ctx.graph;
    let format = args.format;
    if args.max_nodes == Some(0) {
        return Err(Error::Usage("--max-nodes must be at least 1".into()));
    }
    // The page embeds every day: the all-time slice, which it narrows to
    // the day shown by itself.
    let when = if format == ExportFormat::Html {
        When::AllTime
    } else {
        ctx.when
    };
    let mut slice = Slice::new(graph.at(when), selection);
    if let Some(n) = args.max_nodes {
        slice = slice.most_connected(n);
    }
    if format.is_drawing() && !args.force && slice.nodes().len() > DRAWING_LIMIT {
        return Err(Error::ExportUsage {
            format: format.name(),
            why: format!(
                "would draw {} entities, more than the {} Graphviz can lay out in reasonable time",
                slice.nodes().len(),
                DRAWING_LIMIT
            ),
            help: "narrow the drawing with --focus ENTITY --depth N or --via KIND, keep the most connected entities with --max-nodes N, or draw it anyway with --force".into(),
        });
    }
    if format == ExportFormat::Html
        && !args.force
        && args.focus.is_none()
        && args.max_nodes.is_none()
        && slice.nodes().len() > PAGE_LIMIT
    {
        return Err(Error::ExportUsage {
            format: format.name(),
            why: format!(
                "would hold {} entities, more than the {} a page lays out and draws in reasonable time",
                slice.nodes().len(),
                PAGE_LIMIT
            ),
            help: "narrow the page with --focus ENTITY --depth N, keep the most connected entities with --max-nodes N, or make it anyway with --force".into(),
        });
    }
    Ok(slice)
}

/// The page's options: the day shown on open (`--as-of`, today by
/// default; the first day of a period; "all time" for `--all-time`), the
/// title, the selection as ids, and `--engine` when given.
fn page_options(
    ctx: &Context,
    args: &ExportArgs,
    focus: Option<petgraph::graph::NodeIndex>,
) -> html::PageOptions {
    html::PageOptions {
        date: ctx.when.first_day(),
        live: false,
        title: args
            .title
            .clone()
            .unwrap_or_else(|| heading(ctx, args, focus)),
        via: args.via.clone(),
        focus: focus.map(|node| (ctx.graph.entity(node).id.clone(), args.depth)),
        engine: (args.engine != EngineArg::default()).then(|| args.engine.into()),
    }
}

/// The drawing options from the command line; the organizations named by
/// `--cluster-by` must resolve.
fn dot_options(
    ctx: &Context,
    args: &ExportArgs,
    focus: Option<petgraph::graph::NodeIndex>,
) -> Result<DotOptions, Error> {
    let graph = &ctx.graph;
    let clusters = args
        .cluster_by
        .iter()
        .map(|text| {
            graph.resolve_kind(
                text,
                EntityKind::Organization,
                "export --cluster-by",
                "an organization",
            )
        })
        .collect::<Result<Vec<_>, Error>>()?;
    let options = DotOptions {
        title: Some(title(ctx, args, focus)),
        rankdir: args.rankdir.into(),
        engine: args.engine.into(),
        overlap: args.overlap.map(Overlap::from),
        labels: args.labels.into(),
        legend: !args.no_legend,
        clusters,
    };
    Ok(options)
}

/// An SVG or PNG picture of the slice, through Graphviz or (SVG only) the
/// built-in layout; Graphviz's warnings and a missing Graphviz are said on
/// stderr.
fn picture_bytes(
    slice: &Slice<'_>,
    options: &DotOptions,
    format: ExportFormat,
) -> Result<Vec<u8>, Error> {
    let picture_format = if format == ExportFormat::Svg {
        PictureFormat::Svg
    } else {
        PictureFormat::Png
    };
    let picture = picture::render(slice, options, picture_format, &Graphviz::from_env())?;
    for line in picture.warnings.lines() {
        eprintln!("graphviz: {line}");
    }
    if picture.renderer == Renderer::Builtin {
        eprintln!(
            "note: Graphviz was not found, so diplograph laid this SVG out itself; install Graphviz (e.g. `apt-get install graphviz`) for better layouts"
        );
    }
    Ok(picture.bytes)
}

/// The Neo4j CSV pair into `dir` (made if missing): nodes first, then
/// relationships, each file complete or absent.
fn write_csv(dir: &Path, slice: &Slice<'_>) -> Result<(), Error> {
    std::fs::create_dir_all(dir).map_err(|source| Error::WriteFile {
        path: dir.to_path_buf(),
        source,
    })?;
    write_file_with(&dir.join("nodes.csv"), |w| csv::write_nodes(slice, w))?;
    write_file_with(&dir.join("relationships.csv"), |w| {
        csv::write_relationships(slice, w)
    })?;
    Ok(())
}
