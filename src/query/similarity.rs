//! How alike two entities' surroundings are: the Jaccard similarity of
//! their neighbour sets, the standard structural similarity of network
//! analysis (what NetworkX's `jaccard_coefficient` and igraph's
//! `similarity_jaccard` compute), as of the view's moment.
//!
//! [`crate::query::align`] is the diplomatic measure (signed ties to every
//! state and organization, chance-corrected); this one only asks "how many
//! of the entities either touches do both touch?", which is what recommends
//! a missing tie or finds duplicate entities.

use petgraph::graph::NodeIndex;

use crate::graph::View;

/// The distinct entities one relation in force away from `node`, either
/// direction, in entity order.
pub fn neighbour_set(view: &View<'_>, node: NodeIndex) -> Vec<u32> {
    let mut set: Vec<u32> = view
        .graph()
        .csr()
        .both(node.index())
        .filter(|(e, _, _)| view.in_force_at(*e as usize))
        .map(|(_, other, _)| other)
        .collect();
    set.sort_unstable();
    set.dedup();
    set
}

/// |N(a) ∩ N(b)| / |N(a) ∪ N(b)| over distinct neighbours; 0 when neither
/// has any. O(deg a · log deg a + deg b · log deg b).
///
/// ```
/// use diplograph::{graph::{DiploGraph, When}, store};
/// use diplograph::query::similarity::jaccard;
/// let graph = DiploGraph::new(store::load_str("g", store::BUNDLED).unwrap());
/// let view = graph.at(When::On(jiff::civil::date(2024, 7, 4)));
/// let n = |s: &str| graph.resolve(s).unwrap();
/// assert!(jaccard(&view, n("Kazakhstan"), n("Kyrgyzstan")) > jaccard(&view, n("Kazakhstan"), n("Ukraine")));
/// assert_eq!(jaccard(&view, n("RUS"), n("RUS")), 1.0);
/// ```
pub fn jaccard(view: &View<'_>, a: NodeIndex, b: NodeIndex) -> f64 {
    let (x, y) = (neighbour_set(view, a), neighbour_set(view, b));
    let (mut i, mut j, mut both) = (0, 0, 0usize);
    while i < x.len() && j < y.len() {
        match x[i].cmp(&y[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                both += 1;
                i += 1;
                j += 1;
            }
        }
    }
    let union = x.len() + y.len() - both;
    if union == 0 {
        0.0
    } else {
        both as f64 / union as f64
    }
}

/// [`jaccard`] for many pairs at once, in pair order. Marks each side's
/// neighbours in two dense arrays instead of sorting them, so a pair costs
/// O(deg a + deg b) after one O(V) allocation for the whole batch.
///
/// ```
/// use diplograph::{graph::{DiploGraph, When}, store};
/// use diplograph::query::similarity::{jaccard, jaccard_all};
/// let graph = DiploGraph::new(store::load_str("g", store::BUNDLED).unwrap());
/// let view = graph.at(When::AllTime);
/// let n = |s: &str| graph.resolve(s).unwrap();
/// let pairs = [(n("IND"), n("PAK")), (n("RUS"), n("CHN")), (n("UN"), n("UN"))];
/// let each: Vec<f64> = pairs.iter().map(|(a, b)| jaccard(&view, *a, *b)).collect();
/// assert_eq!(jaccard_all(&view, &pairs), each);
/// ```
pub fn jaccard_all(view: &View<'_>, pairs: &[(NodeIndex, NodeIndex)]) -> Vec<f64> {
    let csr = view.graph().csr();
    // mark[v] = 2k + 1: v is a neighbour of the k-th pair's a;
    // mark[v] = 2k + 2: v was counted for its b as well.
    let mut mark = vec![0u32; view.graph().node_count()];
    let all_time = view.when() == crate::graph::When::AllTime;
    let mut out = Vec::with_capacity(pairs.len());
    for (k, (a, b)) in pairs.iter().enumerate() {
        let (of_a, of_b) = (2 * k as u32 + 1, 2 * k as u32 + 2);
        let mut size_a = 0usize;
        for side in [csr.outgoing(a.index()), csr.incoming(a.index())] {
            for &[e, other] in side {
                if (all_time || view.in_force_at(e as usize)) && mark[other as usize] < of_a {
                    mark[other as usize] = of_a;
                    size_a += 1;
                }
            }
        }
        let (mut size_b, mut both) = (0usize, 0usize);
        for side in [csr.outgoing(b.index()), csr.incoming(b.index())] {
            for &[e, other] in side {
                let m = &mut mark[other as usize];
                if (all_time || view.in_force_at(e as usize)) && *m < of_b {
                    both += usize::from(*m == of_a);
                    size_b += 1;
                    *m = of_b;
                }
            }
        }
        let union = size_a + size_b - both;
        out.push(if union == 0 {
            0.0
        } else {
            both as f64 / union as f64
        });
    }
    out
}
