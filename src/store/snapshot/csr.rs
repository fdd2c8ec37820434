//! Compressed sparse rows: every entity's outgoing and incoming relations
//! in two flat arrays, in file order — the snapshot's index of relations by
//! entity, which the graph walks (re-exported as `graph::csr`).
//!
//! petgraph's adjacency list threads each node's edges through linked
//! lists, one pointer chase per edge; whole-graph algorithms (components,
//! communities, label propagation, Dijkstra) walk a CSR 5–20× faster
//! because a node's neighbours sit side by side in memory. It is built
//! once per snapshot (or read back from the snapshot cache) and every walk
//! uses it.

use super::section::Section;

/// Outgoing and incoming adjacency of a directed multigraph on 0..n.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Csr {
    /// `out[out_start[v]..out_start[v + 1]]` are v's outgoing relations.
    pub out_start: Vec<u32>,
    /// [relation, target], by relation within each node.
    pub out: Section<[u32; 2]>,
    /// `inc[in_start[v]..in_start[v + 1]]` are v's incoming relations.
    pub in_start: Vec<u32>,
    /// [relation, source], by relation within each node.
    pub inc: Section<[u32; 2]>,
}

impl Csr {
    /// Builds the CSR of `n` nodes and the edges `(from, to)`, edge *j*
    /// being the j-th item. O(n + m), two counting sorts.
    ///
    /// ```
    /// use diplograph::graph::csr::Csr;
    /// let csr = Csr::new(3, [(0, 1), (2, 1), (0, 2)].into_iter());
    /// assert_eq!(csr.outgoing(0), &[[0, 1], [2, 2]]);
    /// assert_eq!(csr.incoming(1), &[[0, 0], [1, 2]]);
    /// ```
    pub fn new(n: usize, edges: impl Iterator<Item = (u32, u32)> + Clone) -> Csr {
        let (out_start, out) = rows(n, edges.clone());
        let (in_start, inc) = rows(n, edges.map(|(a, b)| (b, a)));
        Csr {
            out_start,
            out: out.into(),
            in_start,
            inc: inc.into(),
        }
    }

    /// [`Csr::new`] with the two directions built on two threads (they are
    /// independent): the graph build of a large database is mostly this.
    pub fn new_parallel(n: usize, edges: impl Iterator<Item = (u32, u32)> + Clone + Send) -> Csr {
        let reversed = edges.clone().map(|(a, b)| (b, a));
        let ((out_start, out), (in_start, inc)) = std::thread::scope(|scope| {
            let incoming = scope.spawn(move || rows(n, reversed));
            let outgoing = rows(n, edges);
            (
                outgoing,
                incoming
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
            )
        });
        Csr {
            out_start,
            out: out.into(),
            in_start,
            inc: inc.into(),
        }
    }

    /// Number of nodes.
    pub fn node_count(&self) -> usize {
        self.out_start.len().saturating_sub(1)
    }

    /// Outgoing [relation, target] pairs of `v`, by relation.
    pub fn outgoing(&self, v: usize) -> &[[u32; 2]] {
        &self.out[self.out_start[v] as usize..self.out_start[v + 1] as usize]
    }

    /// Incoming [relation, source] pairs of `v`, by relation.
    pub fn incoming(&self, v: usize) -> &[[u32; 2]] {
        &self.inc[self.in_start[v] as usize..self.in_start[v + 1] as usize]
    }

    /// Whether the arrays describe `n` nodes and `m` relations consistently
    /// (rows ascending and inside the arrays, every node and relation in
    /// range), so that no walk can index out of bounds.
    #[expect(
        clippy::needless_bitwise_bool,
        reason = "branch-free on purpose: `&` keeps the pass over every row and pair free of a branch per element"
    )]
    pub fn is_well_formed(&self, n: usize, m: usize) -> bool {
        let rows_ok = |start: &[u32], pairs: &[[u32; 2]]| {
            start.len() == n + 1
                && start.first() == Some(&0)
                && start.last().is_some_and(|l| *l as usize == pairs.len())
                && start.windows(2).fold(true, |ok, w| ok & (w[0] <= w[1]))
                && pairs.iter().fold(true, |ok, [e, v]| {
                    ok & ((*e as usize) < m) & ((*v as usize) < n)
                })
        };
        self.out.len() == m
            && self.inc.len() == m
            && rows_ok(&self.out_start, &self.out)
            && rows_ok(&self.in_start, &self.inc)
    }

    /// Both directions merged by relation: (relation, other end), each
    /// relation once (no relation joins a node to itself).
    pub fn both(&self, v: usize) -> Both<'_> {
        Both {
            out: self.outgoing(v),
            inc: self.incoming(v),
        }
    }

    /// Number of relations at `v`, both directions.
    pub fn degree(&self, v: usize) -> usize {
        self.outgoing(v).len() + self.incoming(v).len()
    }
}

/// One direction's rows: for each edge j = (a, b), the pair (j, b) in a's
/// row, rows in node order and pairs in edge order (a counting sort).
fn rows(n: usize, edges: impl Iterator<Item = (u32, u32)> + Clone) -> (Vec<u32>, Vec<[u32; 2]>) {
    let mut start = vec![0u32; n + 1];
    let mut m = 0usize;
    for (a, _) in edges.clone() {
        start[a as usize + 1] += 1;
        m += 1;
    }
    for v in 0..n {
        start[v + 1] += start[v];
    }
    let mut pairs = vec![[0u32; 2]; m];
    let mut next = start.clone();
    for (j, (a, b)) in edges.enumerate() {
        let slot = &mut next[a as usize];
        pairs[*slot as usize] = [j as u32, b];
        *slot += 1;
    }
    (start, pairs)
}

/// Iterator over a node's relations in both directions, by relation.
#[derive(Clone, Debug)]
pub struct Both<'a> {
    out: &'a [[u32; 2]],
    inc: &'a [[u32; 2]],
}

impl Iterator for Both<'_> {
    /// (relation, other end, outgoing)
    type Item = (u32, u32, bool);

    fn next(&mut self) -> Option<Self::Item> {
        match (self.out.first(), self.inc.first()) {
            (Some(&[e, o]), Some(&[f, _])) if e < f => {
                self.out = &self.out[1..];
                Some((e, o, true))
            }
            (_, Some(&[f, i])) => {
                self.inc = &self.inc[1..];
                Some((f, i, false))
            }
            (Some(&[e, o]), None) => {
                self.out = &self.out[1..];
                Some((e, o, true))
            }
            (None, None) => None,
        }
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let n = self.out.len() + self.inc.len();
        (n, Some(n))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_directions_merge_in_relation_order() {
        let csr = Csr::new(3, [(0, 1), (1, 0), (0, 2), (2, 0)].into_iter());
        let both: Vec<_> = csr.both(0).collect();
        assert_eq!(
            both,
            [(0, 1, true), (1, 1, false), (2, 2, true), (3, 2, false)]
        );
        assert_eq!(csr.degree(0), 4);
        assert_eq!(csr.node_count(), 3);
    }
}
