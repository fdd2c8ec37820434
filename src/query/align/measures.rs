//! The similarity measures of the foreign-policy literature, over two
//! vectors of integer categories: Signorino–Ritter S (absolute and squared
//! distances), Cohen's weighted κ, Scott's π and Kendall's τb.
//!
//! Every measure is read off one [`Table`]: the (weighted) contingency
//! table of the two vectors. Comparing two portfolios only ever fills a
//! table, whatever the basis (ties, alliance commitments, votes), so each
//! formula is written once, here; the vector functions ([`s_score`],
//! [`weighted_kappa`], [`scott_pi`], [`kendall_tau_b`]) fill a table and
//! read it. A table has c² cells for c categories (3 or 4 here), so every
//! measure is O(c⁴) at most once the table is filled in O(n).
//!
//! Definitions (R = max − min, pᵢⱼ the share of the total weight in cell
//! (i, j), pᵢ. and p.ⱼ the margins):
//! - S = 1 − 2·Σ pᵢⱼ·|i − j| / R, and with squared distances
//!   S² = 1 − 2·Σ pᵢⱼ·(i − j)² / R² (Signorino & Ritter 1999);
//! - κ = 1 − Σ dᵢⱼ·pᵢⱼ / Σ dᵢⱼ·pᵢ.·p.ⱼ with dᵢⱼ = ((i − j)/R)² (Cohen's
//!   weighted κ with quadratic weights, Häge 2011): agreement beyond what
//!   each state's own use of the categories makes likely;
//! - π = (pₒ − pₑ)/(1 − pₑ), pₒ = Σ pᵢᵢ, pₑ = Σ mᵢ², mᵢ = (pᵢ. + p.ᵢ)/2
//!   (Scott's π, Häge 2011): chance from the two states' pooled use;
//! - τb = (C − D)/√((n₀ − n₁)(n₀ − n₂)) over the unweighted counts
//!   (Kendall's τb): concordant minus discordant pairs of dimensions.
//!
//! A measure is `None` where it is undefined: nothing compared, or (κ, π,
//! τb) no variation to correct for; [`Scores::undefined_because`] says why
//! in words.

/// A contingency table of two vectors of integer categories `min..=max`:
/// each cell holds the total weight and the number of the dimensions
/// where the first vector has category i and the second j.
///
/// ```
/// use diplograph::query::align::measures::Table;
/// let mut t = Table::new(0, 3);
/// t.add(3, 0, 1.0);
/// t.add(0, 3, 1.0);
/// t.add_many(0, 0, 18.0, 18);
/// assert_eq!(t.n(), 20);
/// // Two of twenty dimensions at the full distance 3: S = 1 − 2·(6/20)/3.
/// assert!((t.scores().s_score.unwrap() - 0.8).abs() < 1e-12);
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct Table {
    min: i64,
    categories: usize,
    /// Total weight per cell, row-major (first vector's category first).
    weight: Vec<f64>,
    /// Dimensions per cell, whatever their weight.
    count: Vec<f64>,
    n: usize,
}

impl Table {
    /// An empty table over the categories `min..=max` (`max >= min`).
    pub fn new(min: i64, max: i64) -> Table {
        let categories = (max - min + 1).max(1) as usize;
        Table {
            min,
            categories,
            weight: vec![0.0; categories * categories],
            count: vec![0.0; categories * categories],
            n: 0,
        }
    }

    /// Adds one dimension where the first vector has `x`, the second `y`,
    /// with weight `w`. Values outside the categories are clamped to them
    /// (callers only pass their basis' values).
    pub fn add(&mut self, x: i64, y: i64, w: f64) {
        self.add_many(x, y, w, 1);
    }

    /// Adds `times` dimensions of value (`x`, `y`) whose weights sum to
    /// `w`: the dimensions neither state holds, added at once.
    pub fn add_many(&mut self, x: i64, y: i64, w: f64, times: usize) {
        if times == 0 {
            return;
        }
        let cell = self.cell(x) * self.categories + self.cell(y);
        self.weight[cell] += w;
        self.count[cell] += times as f64;
        self.n += times;
    }

    fn cell(&self, v: i64) -> usize {
        ((v - self.min).max(0) as usize).min(self.categories - 1)
    }

    /// The number of dimensions compared.
    pub fn n(&self) -> usize {
        self.n
    }

    /// R, the largest distance two values can be apart.
    fn range(&self) -> f64 {
        (self.categories - 1).max(1) as f64
    }

    /// The cells as shares of the total weight, `None` when the total is
    /// zero (nothing compared, or every weight zero) or too large to add up.
    fn shares(&self) -> Option<Vec<f64>> {
        let total: f64 = self.weight.iter().sum();
        (self.n > 0 && total > 0.0 && total.is_finite())
            .then(|| self.weight.iter().map(|w| w / total).collect())
    }

    /// The first vector's margin (rows) and the second's (columns).
    fn margins(&self, p: &[f64]) -> (Vec<f64>, Vec<f64>) {
        let c = self.categories;
        let rows = (0..c).map(|i| p[i * c..(i + 1) * c].iter().sum()).collect();
        let cols = (0..c).map(|j| (0..c).map(|i| p[i * c + j]).sum()).collect();
        (rows, cols)
    }

    /// Signorino–Ritter S: 1 − 2·Σ p·d / R with d = |i − j| (or
    /// 2·Σ p·d² / R² when `squared`). `None` when nothing is compared.
    pub fn s_score(&self, squared: bool) -> Option<f64> {
        let p = self.shares()?;
        let c = self.categories;
        let r = self.range();
        let mut distance = 0.0;
        for i in 0..c {
            for j in 0..c {
                let d = (i as f64 - j as f64).abs() / r;
                distance += p[i * c + j] * if squared { d * d } else { d };
            }
        }
        Some(1.0 - 2.0 * distance)
    }

    /// Cohen's weighted κ with quadratic disagreement weights. `None` when
    /// undefined: nothing compared, or chance disagreement zero (both use
    /// one single category).
    pub fn kappa(&self) -> Option<f64> {
        let p = self.shares()?;
        let c = self.categories;
        let r = self.range();
        let (rows, cols) = self.margins(&p);
        let (mut seen, mut chance) = (0.0, 0.0);
        for i in 0..c {
            for j in 0..c {
                let d = ((i as f64 - j as f64) / r).powi(2);
                seen += d * p[i * c + j];
                chance += d * rows[i] * cols[j];
            }
        }
        (chance > 1e-12).then(|| 1.0 - seen / chance)
    }

    /// Scott's π: nominal agreement corrected by the pooled margins.
    /// `None` when undefined: nothing compared, or chance agreement 1.
    pub fn pi(&self) -> Option<f64> {
        let p = self.shares()?;
        let c = self.categories;
        let (rows, cols) = self.margins(&p);
        let observed: f64 = (0..c).map(|i| p[i * c + i]).sum();
        let chance: f64 = (0..c)
            .map(|i| f64::midpoint(rows[i], cols[i]).powi(2))
            .sum();
        (1.0 - chance > 1e-12).then(|| (observed - chance) / (1.0 - chance))
    }

    /// Kendall's τb over the (unweighted) counts. `None` when undefined:
    /// fewer than two dimensions, or one side's values all tied.
    pub fn tau_b(&self) -> Option<f64> {
        let c = self.categories;
        let at = |i: usize, j: usize| self.count[i * c + j];
        let pairs = |k: f64| k * (k - 1.0) / 2.0;
        let (mut concordant, mut discordant) = (0.0, 0.0);
        for i in 0..c {
            for j in 0..c {
                for i2 in i + 1..c {
                    for j2 in 0..c {
                        let both = at(i, j) * at(i2, j2);
                        if j2 > j {
                            concordant += both;
                        } else if j2 < j {
                            discordant += both;
                        }
                    }
                }
            }
        }
        let tied_x: f64 = (0..c).map(|i| pairs((0..c).map(|j| at(i, j)).sum())).sum();
        let tied_y: f64 = (0..c).map(|j| pairs((0..c).map(|i| at(i, j)).sum())).sum();
        let n0 = pairs(self.n as f64);
        let denominator = ((n0 - tied_x) * (n0 - tied_y)).sqrt();
        (denominator > 0.0).then(|| (concordant - discordant) / denominator)
    }

    /// Every measure at once.
    pub fn scores(&self) -> Scores {
        Scores {
            s_score: self.s_score(false),
            s_squared: self.s_score(true),
            kappa: self.kappa(),
            pi: self.pi(),
            tau_b: self.tau_b(),
            n: self.n,
            weight: self.weight.iter().sum(),
        }
    }
}

/// The similarity of two states by every measure, `None` where undefined.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Scores {
    /// Signorino–Ritter S with absolute distances.
    pub s_score: Option<f64>,
    /// Signorino–Ritter S with squared distances.
    pub s_squared: Option<f64>,
    /// Cohen's quadratic-weighted κ.
    pub kappa: Option<f64>,
    /// Scott's π.
    pub pi: Option<f64>,
    /// Kendall's τb.
    pub tau_b: Option<f64>,
    /// The dimensions (or votes) compared.
    pub n: usize,
    /// Their total weight (`n` when unweighted).
    pub weight: f64,
}

impl Scores {
    /// Why the measures that are `None` are undefined, in words, or
    /// `None` when all are defined.
    ///
    /// ```
    /// use diplograph::query::align::measures::Table;
    /// let mut t = Table::new(1, 3);
    /// t.add(1, 1, 1.0);
    /// t.add(1, 1, 1.0);
    /// assert_eq!(
    ///     t.scores().undefined_because().unwrap(),
    ///     "κ, π and τb are undefined: both use one single value throughout"
    /// );
    /// assert_eq!(
    ///     Table::new(1, 3).scores().undefined_because().unwrap(),
    ///     "every measure is undefined: nothing to compare"
    /// );
    /// ```
    pub fn undefined_because(&self) -> Option<String> {
        if self.s_score.is_none() {
            return Some(if self.n == 0 {
                "every measure is undefined: nothing to compare".to_string()
            } else {
                "every measure is undefined: the weights of the dimensions compared add up to 0 (or past what a number holds)".to_string()
            });
        }
        let missing: Vec<&str> = [(self.kappa, "κ"), (self.pi, "π"), (self.tau_b, "τb")]
            .into_iter()
            .filter(|(v, _)| v.is_none())
            .map(|(_, name)| name)
            .collect();
        let names = match missing.as_slice() {
            [] => return None,
            [one] => format!("{one} is"),
            [rest @ .., last] => format!("{} and {last} are", rest.join(", ")),
        };
        let reason = if self.n < 2 {
            "a single dimension has no variation to correct for"
        } else {
            "both use one single value throughout"
        };
        // τb alone can be undefined when one side is constant and the
        // other is not; κ and π are then defined.
        let reason = if missing == ["τb"] {
            "one of the two uses one single value throughout"
        } else {
            reason
        };
        Some(format!("{names} undefined: {reason}"))
    }
}

/// The table of `x` against `y` (categories `min..=max`, optional weights).
fn table(x: &[i64], y: &[i64], weights: Option<&[f64]>, min: i64, max: i64) -> Table {
    let mut t = Table::new(min, max);
    for k in 0..x.len().min(y.len()) {
        t.add(x[k], y[k], weights.map_or(1.0, |w| w[k]));
    }
    t
}

/// Signorino–Ritter S between two vectors of categories `min..=max`
/// (R = max − min): 1 − 2·Σ wₖ·|xₖ − yₖ| / (R·Σ wₖ), or with `squared`
/// distances 1 − 2·Σ wₖ·(xₖ − yₖ)² / (R²·Σ wₖ). `weights` default to 1.
/// `None` when nothing is compared. O(n).
///
/// ```
/// use diplograph::query::align::measures::s_score;
/// let (x, y) = ([3, 3, 2, 2], [2, 2, 3, 3]);
/// let w = [0.5, 0.3, 0.1, 0.1];
/// let close = |a: Option<f64>, b: f64| (a.unwrap() - b).abs() < 1e-9;
/// assert!(close(s_score(&x, &y, None, 0, 3, false), 1.0 / 3.0));
/// assert!(close(s_score(&x, &y, Some(&w), 0, 3, false), 1.0 / 3.0));
/// assert!(close(s_score(&x, &y, Some(&w), 0, 3, true), 7.0 / 9.0));
/// assert_eq!(s_score(&[], &[], None, 0, 3, false), None);
/// ```
pub fn s_score(
    x: &[i64],
    y: &[i64],
    weights: Option<&[f64]>,
    min: i64,
    max: i64,
    squared: bool,
) -> Option<f64> {
    table(x, y, weights, min, max).s_score(squared)
}

/// Cohen's weighted κ with quadratic disagreement weights over the integer
/// categories `min..=max` (Häge 2011). `None` when undefined. O(n).
///
/// ```
/// use diplograph::query::align::measures::weighted_kappa;
/// let k = weighted_kappa(&[3, 3, 2, 2], &[2, 2, 3, 3], None, 1, 4).unwrap();
/// assert!((k - -1.0).abs() < 1e-9);
/// assert_eq!(weighted_kappa(&[1, 1], &[1, 1], None, 0, 2), None);
/// ```
pub fn weighted_kappa(
    x: &[i64],
    y: &[i64],
    weights: Option<&[f64]>,
    min: i64,
    max: i64,
) -> Option<f64> {
    table(x, y, weights, min, max).kappa()
}

/// Scott's π (Häge 2011): agreement corrected for chance, with chance
/// taken from the two states' *pooled* use of each category (where
/// Cohen's κ keeps each state's own), and agreement nominal: a pair
/// agrees when the categories are equal. π = (pₒ − pₑ) / (1 − pₑ).
///
/// Arguments: the values `x` and `y` (integer categories `min..=max`),
/// optional `weights`. Returns `None` when undefined (chance agreement is
/// 1: both use one single category). O(n).
///
/// ```
/// use diplograph::query::align::measures::scott_pi;
/// // Signorino & Ritter (1999), Table 6: Germany and Russia in 1914.
/// let germany = [3, 0, 0, 0, 3, 3, 0, 0, 0, 0, 0, 3, 0, 0, 0, 0, 0, 0, 0, 0];
/// let russia = [0, 3, 1, 3, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
/// let pi = scott_pi(&germany, &russia, None, 0, 3).unwrap();
/// assert_eq!((pi * 10_000.0).round() / 10_000.0, -0.0448);
/// assert_eq!(scott_pi(&[1, 1], &[1, 1], None, 0, 3), None);
/// ```
pub fn scott_pi(x: &[i64], y: &[i64], weights: Option<&[f64]>, min: i64, max: i64) -> Option<f64> {
    table(x, y, weights, min, max).pi()
}

/// Kendall's τb between two rankings in integer categories `min..=max`:
/// (concordant − discordant) / √((n₀ − n₁)(n₀ − n₂)), n₀ the pairs, n₁
/// and n₂ the pairs tied in `x` and in `y`. Counted from the contingency
/// table, so O(n + c⁴) for c categories rather than O(n²) over the pairs.
///
/// Returns `None` when undefined (every value of one side tied).
///
/// ```
/// use diplograph::query::align::measures::kendall_tau_b;
/// let germany = [3, 0, 0, 0, 3, 3, 0, 0, 0, 0, 0, 3, 0, 0, 0, 0, 0, 0, 0, 0];
/// let russia = [0, 3, 1, 3, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
/// let tau = kendall_tau_b(&germany, &russia, 0, 3).unwrap();
/// assert_eq!((tau * 10_000.0).round() / 10_000.0, 0.0303);
/// assert_eq!(kendall_tau_b(&[1, 2, 3], &[1, 2, 3], 0, 3), Some(1.0));
/// assert_eq!(kendall_tau_b(&[1, 1], &[1, 2], 0, 3), None);
/// ```
pub fn kendall_tau_b(x: &[i64], y: &[i64], min: i64, max: i64) -> Option<f64> {
    table(x, y, None, min, max).tau_b()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_published_check_vector() {
        let (x, y) = ([3, 3, 2, 2], [2, 2, 3, 3]);
        let w = [0.5, 0.3, 0.1, 0.1];
        let round = |v: Option<f64>| (v.unwrap() * 1000.0).round() / 1000.0;
        assert_eq!(round(s_score(&x, &y, None, 0, 3, false)), 0.333);
        assert_eq!(round(s_score(&x, &y, Some(&w), 0, 3, false)), 0.333);
        assert_eq!(round(s_score(&x, &y, Some(&w), 0, 3, true)), 0.778);
        assert_eq!(round(weighted_kappa(&x, &y, None, 0, 3)), -1.0);
    }

    /// Signorino & Ritter (1999), Table 6: Germany and Russia in 1914 over
    /// 20 European states, with the capability shares of the table.
    #[test]
    fn signorino_and_ritter_table_6() {
        let germany = [3, 0, 0, 0, 3, 3, 0, 0, 0, 0, 0, 3, 0, 0, 0, 0, 0, 0, 0, 0];
        let russia = [0, 3, 1, 3, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
        let shares = [
            0.25, 0.21, 0.20, 0.08, 0.08, 0.05, 0.03, 0.03, 0.02, 0.01, 0.01, 0.01, 0.01, 0.01,
            0.0, 0.0, 0.0, 0.0, 0.0, 0.0,
        ];
        let round = |v: Option<f64>, places: i32| {
            (v.unwrap() * 10f64.powi(places)).round() / 10f64.powi(places)
        };
        let (g, r) = (&germany[..], &russia[..]);
        assert_eq!(round(s_score(g, r, None, 0, 3, false), 2), 0.4);
        assert_eq!(round(s_score(g, r, Some(&shares), 0, 3, false), 2), -0.46);
        assert_eq!(round(weighted_kappa(g, r, None, 0, 3), 4), -0.0776);
        assert_eq!(round(scott_pi(g, r, None, 0, 3), 4), -0.0448);
        assert_eq!(round(kendall_tau_b(g, r, 0, 3), 4), 0.0303);
        // The same through one table, as every basis computes them.
        let scores = table(g, r, None, 0, 3).scores();
        assert_eq!(round(scores.kappa, 4), -0.0776);
        assert_eq!(scores.n, 20);
    }

    /// τb from the table agrees with counting every pair, on portfolios
    /// of every shape small enough to enumerate.
    #[test]
    fn tau_b_from_the_table_is_tau_b_over_the_pairs() {
        let pairwise = |x: &[i64], y: &[i64]| {
            let n = x.len();
            let (mut c, mut d, mut tx, mut ty) = (0.0, 0.0, 0.0, 0.0);
            for i in 0..n {
                for j in i + 1..n {
                    let (a, b) = (x[i] - x[j], y[i] - y[j]);
                    if a == 0 {
                        tx += 1.0;
                    }
                    if b == 0 {
                        ty += 1.0;
                    }
                    if a * b > 0 {
                        c += 1.0;
                    } else if a * b < 0 {
                        d += 1.0;
                    }
                }
            }
            let n0 = (n * (n - 1) / 2) as f64;
            let den = ((n0 - tx) * (n0 - ty)).sqrt();
            (den > 0.0).then(|| (c - d) / den)
        };
        let mut seed = 7u64;
        for _ in 0..200 {
            let mut next = || {
                seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
                ((seed >> 33) % 4) as i64
            };
            let x: Vec<i64> = (0..12).map(|_| next()).collect();
            let y: Vec<i64> = (0..12).map(|_| next()).collect();
            let (table, pairs) = (kendall_tau_b(&x, &y, 0, 3), pairwise(&x, &y));
            match (table, pairs) {
                (Some(a), Some(b)) => assert!((a - b).abs() < 1e-12, "{x:?} {y:?}"),
                (a, b) => assert_eq!(a, b),
            }
        }
    }

    #[test]
    fn identical_portfolios_score_one_and_opposite_minus_one() {
        let x = [1, -1, 0];
        assert_eq!(s_score(&x, &x, None, -1, 1, false), Some(1.0));
        assert_eq!(s_score(&[1, 1], &[-1, -1], None, -1, 1, false), Some(-1.0));
        assert_eq!(weighted_kappa(&x, &x, None, -1, 1), Some(1.0));
        assert_eq!(weighted_kappa(&[1, 1], &[1, 1], None, -1, 1), None);
        assert_eq!(scott_pi(&x, &x, None, -1, 1), Some(1.0));
    }

    #[test]
    fn weights_too_large_to_add_up_leave_every_measure_undefined() {
        let scores = table(&[1, 2], &[2, 1], Some(&[1e308, 1e308]), 1, 3).scores();
        assert_eq!(scores.s_score, None);
        assert_eq!(scores.pi, None);
    }

    #[test]
    fn zero_weights_leave_every_measure_undefined() {
        let scores = table(&[1, 2], &[2, 1], Some(&[0.0, 0.0]), 1, 3).scores();
        assert_eq!(scores.s_score, None);
        assert_eq!(scores.kappa, None);
        assert!(scores.undefined_because().unwrap().contains("add up to 0"));
    }
}
