//! Yearly observations into spells.
//!
//! The Correlates of War data sets record a fact once a year (a state's
//! status in an IGO, a dyad's alliance type), while diplograph records a
//! relation once with its dates. A [`Run`] is a maximal stretch of
//! consecutive years with one value: what becomes one dated relation. A
//! gap year, a missing value or a change of value ends a run, so a state
//! that leaves an organization and rejoins gets two runs, and an unknown
//! year is never bridged over as if the membership had held.

/// A maximal stretch of consecutive years with the same value.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Run<V> {
    /// The first year (inclusive).
    pub first: i32,
    /// The last year (inclusive).
    pub last: i32,
    /// The value every year of the run has.
    pub value: V,
    /// Whether the run reaches the last year of the data: it may go on
    /// past the data's coverage (right-censored), so it is left
    /// open-ended rather than ended.
    pub open: bool,
}

impl<V> Run<V> {
    /// Whether `year` lies in the run.
    pub fn covers(&self, year: i32) -> bool {
        (self.first..=self.last).contains(&year)
    }

    /// How many years the run spans.
    pub fn years(&self) -> u32 {
        (self.last - self.first + 1) as u32
    }
}

/// The runs of one key's observations.
///
/// `observations` are `(year, value)` sorted by year; a value of `None`
/// (missing, or "no relation" — whatever the caller does not want a run
/// of) ends the current run and starts none. `data_last` is the last year
/// the data covers: a run ending in it is [`Run::open`].
///
/// Returns the maximal runs, in year order. A year repeated with the same
/// value adds nothing; repeated with another value it ends the run and
/// starts one in that year (callers reject duplicate years first).
///
/// O(n) time, one pass; the output is at most n runs.
///
/// ```
/// use diplograph::import::runs::{Run, runs};
/// let obs = [(1990, Some('a')), (1991, Some('a')), (1992, None), (1993, Some('a')),
///            (1995, Some('a')), (1996, Some('b'))];
/// assert_eq!(runs(obs, 1996), vec![
///     Run { first: 1990, last: 1991, value: 'a', open: false },
///     Run { first: 1993, last: 1993, value: 'a', open: false },
///     Run { first: 1995, last: 1995, value: 'a', open: false },
///     Run { first: 1996, last: 1996, value: 'b', open: true },
/// ]);
/// ```
pub fn runs<V: PartialEq>(
    observations: impl IntoIterator<Item = (i32, Option<V>)>,
    data_last: i32,
) -> Vec<Run<V>> {
    keyed_runs(
        observations.into_iter().map(|(year, v)| ((), year, v)),
        data_last,
    )
    .into_iter()
    .map(|((), run)| run)
    .collect()
}

/// The runs of many keys' observations in one pass.
///
/// `observations` are `(key, year, value)`, each key's observations
/// together and sorted by year (as sorting by `(key, year)` leaves them);
/// a change of key ends the current run. Otherwise as [`runs`]: `None`
/// ends a run, `data_last` decides [`Run::open`].
///
/// Returns `(key, run)` in input order. O(n) time, one pass.
///
/// ```
/// use diplograph::import::runs::{Run, keyed_runs};
/// let obs = [(("USA", "NATO"), 1949, Some(1)), (("USA", "NATO"), 1950, Some(1)),
///            (("FRA", "NATO"), 1950, Some(1))];
/// let got = keyed_runs(obs, 1950);
/// assert_eq!(got[0], (("USA", "NATO"), Run { first: 1949, last: 1950, value: 1, open: true }));
/// assert_eq!(got[1].1.first, 1950);
/// ```
pub fn keyed_runs<K: PartialEq, V: PartialEq>(
    observations: impl IntoIterator<Item = (K, i32, Option<V>)>,
    data_last: i32,
) -> Vec<(K, Run<V>)> {
    let mut out: Vec<(K, Run<V>)> = Vec::new();
    // Whether the last run in `out` may still grow.
    let mut growing = false;
    for (key, year, value) in observations {
        if let Some((last_key, run)) = out.last_mut().filter(|_| growing)
            && *last_key == key
            && value.as_ref() == Some(&run.value)
        {
            if year == run.last + 1 {
                run.last = year;
                run.open = year == data_last;
                continue;
            }
            if year == run.last {
                continue;
            }
        }
        growing = false;
        if let Some(value) = value {
            out.push((
                key,
                Run {
                    first: year,
                    last: year,
                    value,
                    open: year == data_last,
                },
            ));
            growing = true;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run<V>(first: i32, last: i32, value: V, open: bool) -> Run<V> {
        Run {
            first,
            last,
            value,
            open,
        }
    }

    #[test]
    fn gaps_missing_values_and_changes_end_runs() {
        let obs = [
            (1945, Some(1)),
            (1946, Some(1)),
            (1947, Some(1)),
            (1948, None),
            (1949, Some(1)),
            (1950, Some(2)),
            (1951, Some(2)),
            (1953, Some(2)),
            (1954, Some(2)),
        ];
        assert_eq!(
            runs(obs, 1954),
            vec![
                run(1945, 1947, 1, false),
                run(1949, 1949, 1, false),
                run(1950, 1951, 2, false),
                run(1953, 1954, 2, true),
            ]
        );
        assert_eq!(runs(obs, 2000).iter().filter(|r| r.open).count(), 0);
        assert_eq!(runs::<u8>([], 2000), vec![]);
        assert_eq!(runs([(2000, None::<u8>)], 2000), vec![]);
    }

    #[test]
    fn keys_split_runs_and_repeats_are_absorbed() {
        let obs = [
            ("a", 1, Some('x')),
            ("a", 2, Some('x')),
            ("a", 2, Some('x')),
            ("b", 3, Some('x')),
            ("b", 4, Some('x')),
            ("b", 4, Some('y')),
        ];
        assert_eq!(
            keyed_runs(obs, 4),
            vec![
                ("a", run(1, 2, 'x', false)),
                ("b", run(3, 4, 'x', true)),
                ("b", run(4, 4, 'y', true)),
            ]
        );
        let r = run(1990, 1994, (), false);
        assert!(r.covers(1990) && r.covers(1994) && !r.covers(1995));
        assert_eq!(r.years(), 5);
    }

    #[test]
    fn runs_expanded_give_back_the_observations() {
        // A deterministic pseudo-random walk of 0/1/2/None values.
        let mut x: u32 = 12345;
        let obs: Vec<(i32, Option<u8>)> = (0..500)
            .map(|y| {
                x = x.wrapping_mul(1_103_515_245).wrapping_add(12345);
                let v = (x >> 16) % 7;
                (1800 + y, (v < 3).then_some((v % 2) as u8))
            })
            .collect();
        let got = runs(obs.iter().copied(), 2299);
        let mut expanded = vec![None; 500];
        for r in &got {
            for y in r.first..=r.last {
                assert!(expanded[(y - 1800) as usize].is_none());
                expanded[(y - 1800) as usize] = Some(r.value);
            }
        }
        assert_eq!(expanded, obs.iter().map(|o| o.1).collect::<Vec<_>>());
        // Maximal: no two runs touch with the same value.
        for w in got.windows(2) {
            assert!(w[0].last + 1 < w[1].first || w[0].value != w[1].value);
        }
    }
}
