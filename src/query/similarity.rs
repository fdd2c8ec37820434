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
/// neighbours in a dense array instead of sorting them, so a pair costs
/// O(deg a + deg b) after one O(V) allocation per batch. Large batches are
/// split over the available cores (each with its own array); the answers
/// do not depend on the split.
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
///
/// # Panics
///
/// Only if a batch's thread panicked, which would be a bug: a batch only
/// indexes arrays sized from the graph.
pub fn jaccard_all(view: &View<'_>, pairs: &[(NodeIndex, NodeIndex)]) -> Vec<f64> {
    /// Below this many pairs a thread costs more than it saves.
    const PER_THREAD: usize = 256;
    let threads = std::thread::available_parallelism()
        .map_or(1, usize::from)
        .min(pairs.len() / PER_THREAD)
        .max(1);
    if threads == 1 {
        return jaccard_batch(view, pairs);
    }
    let chunk = pairs.len().div_ceil(threads);
    std::thread::scope(|scope| {
        let parts: Vec<_> = pairs
            .chunks(chunk)
            .map(|part| scope.spawn(move || jaccard_batch(view, part)))
            .collect();
        parts
            .into_iter()
            .flat_map(|part| part.join().expect("a Jaccard batch does not panic"))
            .collect()
    })
}

/// [`jaccard_all`] on one thread.
fn jaccard_batch(view: &View<'_>, pairs: &[(NodeIndex, NodeIndex)]) -> Vec<f64> {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::generate::{Params, generate};
    use crate::graph::{DiploGraph, When};

    #[test]
    fn batches_split_over_threads_agree_with_one_pair_at_a_time() {
        let text = generate(&Params::SMALL).unwrap().text;
        let graph = DiploGraph::new(crate::store::load_str("g", &text).unwrap());
        let n = graph.node_count();
        // Enough pairs for several threads, hubs and leaves alike.
        let pairs: Vec<(NodeIndex, NodeIndex)> = (0..2_000)
            .map(|k| (NodeIndex::new(k * 7 % n), NodeIndex::new(k * 13 % 200)))
            .collect();
        for when in [When::AllTime, When::On(jiff::civil::date(1950, 1, 1))] {
            let view = graph.at(when);
            let one_by_one: Vec<f64> = pairs.iter().map(|(a, b)| jaccard(&view, *a, *b)).collect();
            assert_eq!(jaccard_all(&view, &pairs), one_by_one);
            assert!(one_by_one.iter().any(|j| *j > 0.0 && *j < 1.0));
        }
    }
}
