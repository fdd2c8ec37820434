//! Exports: the graph (or the part of it a [`Selection`] chooses, as of a
//! moment) written in the formats other tools read.
//!
//! - [`dot`]: a Graphviz diagram, written with the `dot-writer` crate;
//! - [`picture`]: SVG and PNG, rendered by Graphviz when it is installed,
//!   and SVG through a pure-Rust layout when it is not;
//! - [`html`]: one self-contained interactive page (time slider, filters,
//!   search, paths), refused above [`PAGE_LIMIT`] entities unless
//!   narrowed or forced;
//! - [`graphml`], [`gexf`] (dynamic, for Gephi's timeline), [`nodelink`]
//!   (NetworkX and D3) and [`csv`] (Neo4j bulk import).
//!
//! Every exporter starts from one [`Slice`] and takes every attribute from
//! [`attrs`], so each format carries the same facts: an attribute added
//! there appears everywhere. The data formats stream to any
//! `std::io::Write` (`write_to`; `write` returns the same bytes in memory),
//! so memory stays flat at a million relations; DOT is built in memory
//! (dot-writer panics in `Drop` on a write error) and drawings are refused
//! above [`DRAWING_LIMIT`] entities unless narrowed or forced. Exporters
//! never print; where the bytes go is [`write_file_with`]'s or the CLI's
//! job.

pub mod attrs;
pub mod csv;
pub mod dot;
pub mod gexf;
pub mod graphml;
pub mod html;
mod layout;
pub mod nodelink;
pub mod picture;
mod xml;

use std::io::Write;
use std::path::Path;

use petgraph::graph::{EdgeIndex, NodeIndex};

use crate::error::Error;
use crate::graph::{DiploGraph, View, When};
pub use crate::query::subgraph::Selection;
use crate::query::subgraph::{Subgraph, select};

/// The most entities a drawing (DOT, SVG, PNG) holds unless forced:
/// Graphviz takes minutes and gigabytes to lay out more, and nobody can read
/// the picture. Narrow it with `--focus`/`--depth` or `--via`, or keep the
/// most connected entities with `--max-nodes`.
pub const DRAWING_LIMIT: usize = 5_000;

/// The most entities `export html` embeds unless `--focus`, `--max-nodes`
/// or `--force` is given: past a few thousand the layout takes long, the
/// browser draws and filters slowly, and nobody can read the picture. See
/// [`html`].
pub const PAGE_LIMIT: usize = 2_000;

/// The part of the graph one export writes: the entities and relations a
/// [`Selection`] keeps, as of the view's moment.
///
/// ```
/// use diplograph::{export::{Selection, Slice}, graph::{DiploGraph, When}, store};
/// let graph = DiploGraph::new(store::load_str("g", store::BUNDLED).unwrap());
/// let all = Slice::new(graph.at(When::AllTime), &Selection::default());
/// assert_eq!(all.nodes().len(), graph.node_count());
/// assert_eq!(all.edges().len(), graph.relation_count());
/// ```
#[derive(Clone, Debug)]
pub struct Slice<'g> {
    view: View<'g>,
    subgraph: Subgraph,
}

impl<'g> Slice<'g> {
    /// Selects what `selection` keeps from `view`.
    pub fn new(view: View<'g>, selection: &Selection) -> Self {
        let subgraph = select(&view, selection);
        Slice { view, subgraph }
    }

    /// The whole graph behind the slice (to name entities and relations).
    pub fn graph(&self) -> &'g DiploGraph {
        self.view.graph()
    }

    /// The view the slice was taken from.
    pub fn view(&self) -> View<'g> {
        self.view
    }

    /// Keeps only the `n` most connected entities (by the number of the
    /// slice's relations they take part in; ties in file order) and the
    /// relations among them. O(V log V + E).
    ///
    /// ```
    /// use diplograph::{export::{Selection, Slice}, graph::{DiploGraph, When}, store};
    /// let graph = DiploGraph::new(store::load_str("g", store::BUNDLED).unwrap());
    /// let top = Slice::new(graph.at(When::AllTime), &Selection::default()).most_connected(3);
    /// assert_eq!(top.nodes().len(), 3);
    /// assert!(top.nodes().contains(&graph.node("UN").unwrap()));
    /// ```
    #[must_use]
    pub fn most_connected(mut self, n: usize) -> Self {
        if self.subgraph.nodes.len() <= n {
            return self;
        }
        let graph = self.graph();
        let mut degree = vec![0usize; graph.node_count()];
        for e in &self.subgraph.edges {
            let (a, b) = graph.endpoints(*e);
            degree[a.index()] += 1;
            degree[b.index()] += 1;
        }
        let mut ranked = self.subgraph.nodes.clone();
        ranked.sort_by_key(|v| (std::cmp::Reverse(degree[v.index()]), *v));
        ranked.truncate(n);
        let mut keep = vec![false; graph.node_count()];
        for v in &ranked {
            keep[v.index()] = true;
        }
        self.subgraph.nodes.retain(|v| keep[v.index()]);
        self.subgraph.edges.retain(|e| {
            let (a, b) = graph.endpoints(*e);
            keep[a.index()] && keep[b.index()]
        });
        self
    }

    /// The moment the slice shows.
    pub fn when(&self) -> When {
        self.view.when()
    }

    /// Kept entities, in file order.
    pub fn nodes(&self) -> &[NodeIndex] {
        &self.subgraph.nodes
    }

    /// Kept relations, in file order.
    pub fn edges(&self) -> &[EdgeIndex] {
        &self.subgraph.edges
    }

    /// The two ends of a relation, as written in the file (`from`, `to`).
    pub fn endpoints(&self, edge: EdgeIndex) -> (NodeIndex, NodeIndex) {
        self.graph().endpoints(edge)
    }

    /// "2024-07-04" or "all time": what the export shows, for titles and
    /// metadata.
    pub fn moment(&self) -> String {
        match self.when() {
            When::On(day) => day.to_string(),
            When::During { from, until } => crate::date::period_name(from, until),
            When::AllTime => "all time".to_string(),
        }
    }
}

/// Writes `bytes` to `path` atomically (see [`AtomicFile`]): a reader, or
/// a failed run, never sees half a file; the file the user named is
/// replaced only by a complete one, and no other file is ever touched.
///
/// [`AtomicFile`]: crate::store::save::AtomicFile
pub fn write_file(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    write_file_with(path, |w| w.write_all(bytes))
}

/// Writes what `fill` writes to `path` atomically, as [`write_file`]:
/// through a buffer into the one atomic writer ([`AtomicFile`]), so a
/// streamed export of any size never holds its text in memory and never
/// leaves a partial file.
///
/// [`AtomicFile`]: crate::store::save::AtomicFile
pub fn write_file_with(
    path: &Path,
    fill: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<(), Error> {
    use crate::store::save::{AtomicFile, Replace};
    let mut atomic = AtomicFile::create(path)?;
    {
        let mut buffered = std::io::BufWriter::with_capacity(1 << 20, &mut atomic);
        fill(&mut buffered)
            .and_then(|()| buffered.flush())
            .map_err(|source| Error::WriteFile {
                path: path.to_path_buf(),
                source,
            })?;
    }
    atomic.commit(Replace::Yes)
}

#[cfg(test)]
pub(crate) mod tests {
    use crate::graph::DiploGraph;
    use crate::store;

    /// The bundled graph, for unit tests of the exporters.
    pub fn bundled() -> DiploGraph {
        DiploGraph::new(store::load_str("graph.ron", store::BUNDLED).expect("bundled graph"))
    }

    #[test]
    fn write_file_replaces_atomically_and_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.txt");
        super::write_file(&path, b"one").unwrap();
        super::write_file(&path, b"two").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "two");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn write_file_into_a_missing_directory_is_an_error_naming_the_path() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("no/such/dir/out.txt");
        let err = super::write_file(&path, b"x").unwrap_err();
        assert!(err.to_string().contains("out.txt"), "{err}");
    }
}
