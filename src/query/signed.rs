//! The signed network of states: for every pair of countries, whether they
//! are friends (+1), adversaries (−1) or unrelated, with the relations that
//! say so. Balance, blocs and cliques are computed on it.
//!
//! How a pair's sign is decided, in order:
//! 1. **Direct relations** between the two countries whose kind has a sign
//!    (partnership, alliance, supports; rivalry, dispute, conflict,
//!    sanctions), in either direction. If any is negative the tie is
//!    negative: hostility outweighs cooperation (India and Pakistan share
//!    the SCO but dispute Kashmir, so they are adversaries).
//! 2. Otherwise **shared full membership** in an organization is a positive
//!    tie, except in organizations the file marks `universal` (the UN and
//!    bodies like it): they say nothing about alignment, and counting them
//!    would make every pair friends. The mark is the file's, not a share of
//!    the countries the database happens to hold: a database of 17
//!    countries, all UN members, must not make the UN a bloc, and one that
//!    holds only the SCO's members must not make the SCO "universal".
//!
//! Only relations in force at the view's moment count, and, when `via` is
//! given, only relations of those kinds (shared membership needs `member`).

use std::collections::{BTreeMap, HashMap};

use rustc_hash::FxHashMap;

use petgraph::graph::{EdgeIndex, NodeIndex};

use crate::graph::View;
use crate::model::{EntityKind, RelationKind, Sign};

/// Why two states have the sign they have.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Reason {
    /// A relation between the two.
    Direct(EdgeIndex),
    /// Both are full members of this organization (the two memberships).
    Shared {
        /// The organization both belong to.
        organization: NodeIndex,
        /// The two memberships, that of the state first in the pair (the
        /// lower position) first.
        memberships: (EdgeIndex, EdgeIndex),
    },
}

/// The tie between two states.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Tie {
    /// +1 or −1.
    pub sign: i8,
    /// The relations that decide the sign (direct ones first).
    pub reasons: Vec<Reason>,
}

/// Every signed tie between countries, as of one moment.
#[derive(Clone, Debug, Default)]
pub struct SignedNetwork {
    /// Countries with at least one tie, in file order.
    pub states: Vec<NodeIndex>,
    /// Ties keyed by (i, j) positions in `states`, i < j.
    pub ties: BTreeMap<(usize, usize), Tie>,
    position: HashMap<NodeIndex, usize>,
}

impl SignedNetwork {
    /// Builds the network. O(E + Σ m²) where m is the number of members of
    /// each non-universal organization.
    pub fn build(view: &View<'_>, via: &[RelationKind]) -> SignedNetwork {
        let graph = view.graph();
        let admits = |kind: RelationKind| via.is_empty() || via.contains(&kind);
        let is_country = |n: NodeIndex| graph.entity_kind(n) == EntityKind::Country;
        let mut direct: BTreeMap<(NodeIndex, NodeIndex), Vec<EdgeIndex>> = BTreeMap::new();
        let mut members: BTreeMap<NodeIndex, Vec<(NodeIndex, EdgeIndex)>> = BTreeMap::new();
        for edge in view.relations() {
            let kind = graph.kind(edge);
            if !admits(kind) {
                continue;
            }
            let (a, b) = graph.endpoints(edge);
            if kind.sign() != Sign::None && is_country(a) && is_country(b) {
                direct.entry((a.min(b), a.max(b))).or_default().push(edge);
            } else if kind == RelationKind::Member && is_country(a) && !graph.is_universal(b) {
                members.entry(b).or_default().push((a, edge));
            }
        }
        let mut pairs: FxHashMap<(NodeIndex, NodeIndex), Tie> = FxHashMap::default();
        for ((a, b), edges) in direct {
            let negative = edges
                .iter()
                .any(|e| graph.kind(*e).sign() == Sign::Negative);
            pairs.insert(
                (a, b),
                Tie {
                    sign: if negative { -1 } else { 1 },
                    reasons: edges.into_iter().map(Reason::Direct).collect(),
                },
            );
        }
        for (organization, list) in members {
            for (i, (a, ea)) in list.iter().enumerate() {
                for (b, eb) in &list[i + 1..] {
                    if a == b {
                        continue;
                    }
                    let key = ((*a).min(*b), (*a).max(*b));
                    let memberships = if a < b { (*ea, *eb) } else { (*eb, *ea) };
                    let reason = Reason::Shared {
                        organization,
                        memberships,
                    };
                    let tie = pairs.entry(key).or_insert(Tie {
                        sign: 1,
                        reasons: Vec::new(),
                    });
                    // Shared membership only decides pairs with no direct
                    // tie (direct reasons, when any, come first).
                    if !matches!(tie.reasons.first(), Some(Reason::Direct(_))) {
                        tie.reasons.push(reason);
                    }
                }
            }
        }
        let mut pairs: Vec<((NodeIndex, NodeIndex), Tie)> = pairs.into_iter().collect();
        pairs.sort_unstable_by_key(|(key, _)| *key);
        let mut states: Vec<NodeIndex> = pairs.iter().flat_map(|((a, b), _)| [*a, *b]).collect();
        states.sort();
        states.dedup();
        let position: HashMap<NodeIndex, usize> =
            states.iter().enumerate().map(|(i, n)| (*n, i)).collect();
        let ties = pairs
            .into_iter()
            .map(|((a, b), tie)| ((position[&a], position[&b]), tie))
            .collect();
        SignedNetwork {
            states,
            ties,
            position,
        }
    }

    /// The part of the network on the given positions of `states` (sorted),
    /// renumbered from 0.
    #[must_use]
    pub fn restricted(&self, members: &[usize]) -> SignedNetwork {
        let states: Vec<NodeIndex> = members.iter().map(|i| self.states[*i]).collect();
        let position: HashMap<NodeIndex, usize> =
            states.iter().enumerate().map(|(i, n)| (*n, i)).collect();
        let ties = self
            .ties
            .iter()
            .filter_map(|(&(i, j), tie)| {
                let a = members.binary_search(&i).ok()?;
                let b = members.binary_search(&j).ok()?;
                Some(((a.min(b), a.max(b)), tie.clone()))
            })
            .collect();
        SignedNetwork {
            states,
            ties,
            position,
        }
    }

    /// A network of `n` anonymous states (node indices 0..n) from
    /// `(i, j, sign)` triples, for tests and synthetic studies.
    pub fn from_ties(n: usize, ties: &[(usize, usize, i8)]) -> SignedNetwork {
        let states: Vec<NodeIndex> = (0..n).map(NodeIndex::new).collect();
        let position = states.iter().enumerate().map(|(i, s)| (*s, i)).collect();
        let ties = ties
            .iter()
            .map(|&(i, j, sign)| {
                (
                    (i.min(j), i.max(j)),
                    Tie {
                        sign,
                        reasons: Vec::new(),
                    },
                )
            })
            .collect();
        SignedNetwork {
            states,
            ties,
            position,
        }
    }

    /// The tie between two states, if any.
    pub fn tie(&self, a: NodeIndex, b: NodeIndex) -> Option<&Tie> {
        let (i, j) = (*self.position.get(&a)?, *self.position.get(&b)?);
        self.ties.get(&(i.min(j), i.max(j)))
    }

    /// The sign between positions `i` and `j` of `states` (0 when none).
    pub fn sign_at(&self, i: usize, j: usize) -> i8 {
        self.ties.get(&(i.min(j), i.max(j))).map_or(0, |t| t.sign)
    }

    /// Neighbour lists by position, with signs: the adjacency the
    /// algorithms walk.
    pub fn adjacency(&self) -> Vec<Vec<(usize, i8)>> {
        let mut adj = vec![Vec::new(); self.states.len()];
        for (&(i, j), tie) in &self.ties {
            adj[i].push((j, tie.sign));
            adj[j].push((i, tie.sign));
        }
        adj
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::{DiploGraph, When};
    use crate::store;

    #[test]
    fn direct_hostility_outweighs_shared_membership_and_the_un_is_ignored() {
        let graph = DiploGraph::new(store::load_str("g", store::BUNDLED).unwrap());
        let view = graph.at(When::On(jiff::civil::date(2024, 7, 4)));
        let net = SignedNetwork::build(&view, &[]);
        let id = |s: &str| graph.node(s).unwrap();
        assert_eq!(net.tie(id("IND"), id("PAK")).unwrap().sign, -1);
        assert_eq!(net.tie(id("IND"), id("CHN")).unwrap().sign, 1);
        assert_eq!(net.tie(id("RUS"), id("CHN")).unwrap().sign, 1);
        assert_eq!(net.tie(id("USA"), id("RUS")).unwrap().sign, -1);
        // Both in the UN only: no tie.
        assert!(net.tie(id("EGY"), id("USA")).is_none());
        let india_china = net.tie(id("IND"), id("CHN")).unwrap();
        assert!(matches!(
            india_china.reasons[0],
            Reason::Shared { organization, .. } if organization == id("SCO")
        ));
    }
}
