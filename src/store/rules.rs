//! Rules that both readers apply, written once.
//!
//! The full validator ([`super::validate`]) and the fast reader
//! ([`super::snapshot::fast`]) must agree on what a valid database is. The
//! checks that look at one element at a time are shared through the model
//! and the schema (kind names from [`crate::model`], fields per kind from
//! [`crate::schema::fields`], id shapes from [`super::validate`]); the
//! checks that need every relation at once — facts that cannot hold at the
//! same time — are this module's [`overlaps`], which the validator uses to
//! word every problem and the fast reader uses to decline at the first.

use std::ops::ControlFlow;

use crate::model::RelationKind;

/// One relation as the "cannot hold at once" rules see it: its kind, its
/// ends as entity positions, the class of its folded role (0 for no role,
/// or a role that folds to nothing; equal roles have equal classes), and
/// its days as a half-open interval of day numbers, open ends as
/// `i32::MIN` / `i32::MAX`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Fact {
    /// The relation kind.
    pub kind: RelationKind,
    /// The `from` end.
    pub from: u32,
    /// The `to` end.
    pub to: u32,
    /// The role's class (see above).
    pub role: u32,
    /// First day in force.
    pub since: i32,
    /// First day no longer in force.
    pub until: i32,
}

/// Which rule two relations break together.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Clash {
    /// The same fact (kind, ends, role; symmetric kinds either way round)
    /// recorded twice for overlapping days.
    Twice,
    /// One state in two membership statuses of one organization at once
    /// (member and observer, say).
    TwoStatuses,
    /// One office (what is led, and the folded role) held by two people at
    /// once.
    TwoHolders,
}

/// Finds the relations that cannot hold at the same time, telling `found`
/// each `(earlier, later, clash)` by relation number (`earlier < later`),
/// until it returns [`ControlFlow::Break`].
///
/// Each relation is reported at most once per rule, against the first
/// relation (by start, then number) it overlaps with and clashes with.
/// Relations with empty intervals are skipped (the validator reports those
/// on their own).
///
/// Arguments: `entities`, the number of entity positions; `facts`, every
/// relation in file order. Complexity: O(R log R) for R relations plus the
/// overlaps inside each group (a sweep over the intervals still open, so
/// linear for the usual succession of terms); memory O(R + entities).
///
/// ```
/// use std::ops::ControlFlow;
/// use diplograph::model::RelationKind;
/// use diplograph::store::rules::{Clash, Fact, overlaps};
/// let term = |from, since, until| Fact { kind: RelationKind::Leads, from, to: 0, role: 1, since, until };
/// // Two presidents of entity 0 for ten overlapping days.
/// let facts = [term(1, 0, 100), term(2, 90, 200)];
/// let mut clashes = Vec::new();
/// overlaps(3, &facts, |a, b, why| { clashes.push((a, b, why)); ControlFlow::Continue(()) });
/// assert_eq!(clashes, [(0, 1, Clash::TwoHolders)]);
/// ```
pub fn overlaps(
    entities: usize,
    facts: &[Fact],
    mut found: impl FnMut(usize, usize, Clash) -> ControlFlow<()>,
) -> ControlFlow<()> {
    // Facts and statuses, grouped by the first end of the fact (the lower
    // position for symmetric kinds, whose ends are interchangeable).
    let fill = Keyed((RelationKind::Member, 0, 0), 0, 0, 0);
    let (starts, mut grouped) = buckets(entities, fill, || {
        facts.iter().enumerate().map(|(i, f)| {
            let (a, b) = if f.kind.is_symmetric() {
                (f.from.min(f.to), f.from.max(f.to))
            } else {
                (f.from, f.to)
            };
            (a, Keyed((f.kind, b, f.role), f.since, f.until, i as u32))
        })
    });
    let mut statuses: Vec<(u32, Keyed<RelationKind>)> = Vec::new();
    let mut run: Vec<Keyed<RelationKind>> = Vec::new();
    let (mut open, mut open_statuses) = (Vec::new(), Vec::new());
    for a in 0..entities {
        let group = &mut grouped[starts[a] as usize..starts[a + 1] as usize];
        if group.len() < 2 {
            continue;
        }
        group.sort_unstable_by_key(|k| (k.0, k.1, k.3));
        // Same kind, same other end, same role: no two may overlap.
        for same in group.chunk_by(|x, y| x.0 == y.0) {
            sweep(same, &mut open, |_, _| true, Clash::Twice, &mut found)?;
        }
        // Membership statuses towards one organization: different kinds
        // only on different days.
        statuses.clear();
        statuses.extend(
            group
                .iter()
                .filter(|k| k.0.0.is_membership())
                .map(|k| (k.0.1, Keyed(k.0.0, k.1, k.2, k.3))),
        );
        if statuses.len() < 2 {
            continue;
        }
        statuses.sort_unstable_by_key(|(other, k)| (*other, k.1, k.3));
        for same in statuses.chunk_by(|x, y| x.0 == y.0) {
            run.clear();
            run.extend(same.iter().map(|(_, k)| *k));
            sweep(
                &run,
                &mut open_statuses,
                |x, y| x != y,
                Clash::TwoStatuses,
                &mut found,
            )?;
        }
    }
    drop(grouped);
    // Offices (`leads`, `serves`): grouped by what is held, then by folded role.
    let (starts, mut offices) = buckets(entities, Keyed((0, 0), 0, 0, 0), || {
        facts
            .iter()
            .enumerate()
            .filter(|(_, f)| f.kind.is_office())
            .map(|(i, f)| (f.to, Keyed((f.role, f.from), f.since, f.until, i as u32)))
    });
    let mut holders: Vec<Keyed<u32>> = Vec::new();
    let mut open = Vec::new();
    for a in 0..entities {
        let group = &mut offices[starts[a] as usize..starts[a + 1] as usize];
        if group.len() < 2 {
            continue;
        }
        group.sort_unstable_by_key(|k| (k.0.0, k.1, k.3));
        for same in group.chunk_by(|x, y| x.0.0 == y.0.0) {
            holders.clear();
            holders.extend(same.iter().map(|k| Keyed(k.0.1, k.1, k.2, k.3)));
            sweep(
                &holders,
                &mut open,
                |x, y| x != y,
                Clash::TwoHolders,
                &mut found,
            )?;
        }
    }
    ControlFlow::Continue(())
}

/// A relation in a group: a key, its interval, its number. Ordered by key,
/// then start, then number (the order [`sweep`] needs; groups are sorted
/// by key, start and number only).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Keyed<K>(K, i32, i32, u32);

/// Walks one run sorted by start and tells `found` each relation that
/// overlaps an earlier-starting one still open whose holder `differs`
/// (the first such, in start order).
fn sweep<K: Copy>(
    run: &[Keyed<K>],
    open: &mut Vec<(i32, K, u32)>,
    differs: impl Fn(K, K) -> bool,
    clash: Clash,
    found: &mut impl FnMut(usize, usize, Clash) -> ControlFlow<()>,
) -> ControlFlow<()> {
    open.clear();
    for &Keyed(holder, since, until, i) in run {
        if since >= until {
            continue;
        }
        open.retain(|(end, _, _)| *end > since);
        if let Some(&(_, _, other)) = open.iter().find(|(_, h, _)| differs(*h, holder)) {
            let (first, second) = (other.min(i), other.max(i));
            found(first as usize, second as usize, clash)?;
        }
        open.push((until, holder, i));
    }
    ControlFlow::Continue(())
}

/// Items grouped by a key in 0..n by a counting sort: the items of key k
/// are `items[starts[k]..starts[k + 1]]`, in the order given. `items` is
/// called twice (once to count, once to place), so it must repeat itself;
/// `fill` only stands in for slots about to be written. O(n + items).
fn buckets<T: Copy, I: Iterator<Item = (u32, T)>>(
    n: usize,
    fill: T,
    items: impl Fn() -> I,
) -> (Vec<u32>, Vec<T>) {
    let mut starts = vec![0u32; n + 1];
    let mut total = 0;
    for (key, _) in items() {
        starts[key as usize + 1] += 1;
        total += 1;
    }
    for k in 0..n {
        starts[k + 1] += starts[k];
    }
    let mut next = starts.clone();
    let mut out = vec![fill; total];
    for (key, item) in items() {
        out[next[key as usize] as usize] = item;
        next[key as usize] += 1;
    }
    (starts, out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use RelationKind as K;

    fn fact(kind: RelationKind, from: u32, to: u32, since: i32, until: i32) -> Fact {
        Fact {
            kind,
            from,
            to,
            role: 0,
            since,
            until,
        }
    }

    fn clashes(entities: usize, facts: &[Fact]) -> Vec<(usize, usize, Clash)> {
        let mut out = Vec::new();
        let _ = overlaps(entities, facts, |a, b, c| {
            out.push((a, b, c));
            ControlFlow::Continue(())
        });
        out
    }

    #[test]
    fn a_fact_twice_for_overlapping_days_clashes_either_way_round_when_symmetric() {
        let facts = [
            fact(K::Dispute, 0, 1, 0, 10),
            fact(K::Dispute, 1, 0, 9, 20),
            fact(K::Dispute, 0, 1, 20, 30),
        ];
        assert_eq!(clashes(2, &facts), [(0, 1, Clash::Twice)]);
        // A directed kind the other way round is another fact.
        let facts = [
            fact(K::Supports, 0, 1, 0, 10),
            fact(K::Supports, 1, 0, 0, 10),
        ];
        assert!(clashes(2, &facts).is_empty());
    }

    #[test]
    fn half_open_intervals_that_touch_do_not_clash() {
        let facts = [
            fact(K::Member, 0, 1, 0, 10),
            fact(K::Observer, 0, 1, 10, 20),
            fact(K::Member, 0, 1, 20, i32::MAX),
        ];
        assert!(clashes(2, &facts).is_empty());
    }

    #[test]
    fn two_statuses_in_one_organization_at_once_clash_but_not_in_two() {
        let facts = [
            fact(K::Observer, 0, 1, 0, 100),
            fact(K::Member, 0, 2, 50, 150),
            fact(K::Member, 0, 1, 50, 150),
        ];
        assert_eq!(clashes(3, &facts), [(0, 2, Clash::TwoStatuses)]);
    }

    #[test]
    fn one_office_with_two_holders_clashes_unless_the_roles_differ() {
        let mut a = fact(K::Leads, 3, 0, 0, 100);
        let mut b = fact(K::Leads, 4, 0, 99, 200);
        a.role = 1;
        b.role = 1;
        assert_eq!(clashes(5, &[a, b]), [(0, 1, Clash::TwoHolders)]);
        b.role = 2;
        assert!(clashes(5, &[a, b]).is_empty());
        // The same person twice is the same fact twice, not two holders.
        b.role = 1;
        b.from = 3;
        assert_eq!(clashes(5, &[a, b]), [(0, 1, Clash::Twice)]);
    }

    #[test]
    fn empty_intervals_are_left_to_the_validator() {
        let facts = [fact(K::Member, 0, 1, 5, 5), fact(K::Member, 0, 1, 0, 10)];
        assert!(clashes(2, &facts).is_empty());
    }

    #[test]
    fn break_stops_at_the_first_clash() {
        let facts = [
            fact(K::Member, 0, 1, 0, 10),
            fact(K::Member, 0, 1, 0, 10),
            fact(K::Member, 2, 1, 0, 10),
            fact(K::Member, 2, 1, 0, 10),
        ];
        let mut seen = 0;
        let flow = overlaps(3, &facts, |_, _, _| {
            seen += 1;
            ControlFlow::Break(())
        });
        assert_eq!((flow, seen), (ControlFlow::Break(()), 1));
    }
}
