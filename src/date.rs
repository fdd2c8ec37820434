//! Dates as sources give them: a year, a month or a day.
//!
//! Diplomatic facts are often known only to the year ("an observer since
//! 2004") or the month. Rounding them to a made-up day would invent
//! precision, so a [`PartialDate`] keeps exactly what was written and says
//! how it compares with real days: a partial date stands for the **first
//! day of its period** ("2017" is 2017-01-01, "2017-06" is 2017-06-01).
//! That one rule orders all dates and decides every "as of" question.

use std::cmp::Ordering;
use std::fmt;
use std::str::FromStr;

use jiff::civil::Date;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// How much of a date the source stated.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Precision {
    /// `YYYY`
    Year,
    /// `YYYY-MM`
    Month,
    /// `YYYY-MM-DD`
    Day,
}

/// A calendar date known to year, month or day precision.
///
/// Written and read as `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; impossible dates
/// (`2023-02-30`, month 13) are refused when parsed, so every value names a
/// real period.
///
/// ```
/// use diplograph::date::{PartialDate, Precision};
/// let d: PartialDate = "2017-06".parse().unwrap();
/// assert_eq!(d.precision(), Precision::Month);
/// assert_eq!(d.to_string(), "2017-06");
/// assert_eq!(d.first_day().to_string(), "2017-06-01");
/// assert!("2023-02-30".parse::<PartialDate>().is_err());
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct PartialDate {
    year: i16,
    month: Option<i8>,
    day: Option<i8>,
}

/// Why a text is not a date.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    /// The text is not `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    #[error("`{0}` is not a date: write YYYY, YYYY-MM or YYYY-MM-DD")]
    Shape(String),
    /// The shape is right but no such day or month exists.
    #[error("`{text}` is not a real date: {reason}")]
    Impossible {
        /// The text as given.
        text: String,
        /// What is wrong with it, e.g. "February 2023 has 28 days".
        reason: String,
    },
}

impl PartialDate {
    /// A date from a day of the calendar, at day precision.
    pub fn from_day(day: Date) -> Self {
        PartialDate {
            year: day.year(),
            month: Some(day.month()),
            day: Some(day.day()),
        }
    }

    /// The year part.
    pub fn year(&self) -> i16 {
        self.year
    }

    /// How precise the source was.
    pub fn precision(&self) -> Precision {
        match (self.month, self.day) {
            (None, _) => Precision::Year,
            (Some(_), None) => Precision::Month,
            (Some(_), Some(_)) => Precision::Day,
        }
    }

    /// The first day of the period this date names; the day it stands for in
    /// every comparison.
    ///
    /// # Panics
    /// Never: a `PartialDate` is only made by parsing, which checks the
    /// year, month and day, or from a [`Date`], which is already valid.
    pub fn first_day(&self) -> Date {
        // Valid by construction: parsing checked the year, month and day.
        Date::new(self.year, self.month.unwrap_or(1), self.day.unwrap_or(1))
            .expect("PartialDate holds a checked date")
    }

    /// The period right after this one, at the same precision: the next
    /// day, month or year. What an inclusive last day, month or year ("in
    /// force until 1945-05") becomes as an exclusive `until`. `None` past
    /// the year 9999.
    ///
    /// ```
    /// use diplograph::date::PartialDate;
    /// let next = |t: &str| t.parse::<PartialDate>().unwrap().following().unwrap().to_string();
    /// assert_eq!(next("1945-05-08"), "1945-05-09");
    /// assert_eq!(next("1945-12"), "1946-01");
    /// assert_eq!(next("1999"), "2000");
    /// assert_eq!(next("2024-02-29"), "2024-03-01");
    /// ```
    pub fn following(&self) -> Option<PartialDate> {
        match self.precision() {
            Precision::Day => {
                let day = self.first_day().tomorrow().ok()?;
                (day.year() <= 9999).then(|| PartialDate::from_day(day))
            }
            Precision::Month => {
                let (year, month) = match self.month {
                    Some(12) => (self.year + 1, 1),
                    m => (self.year, m.unwrap_or(1) + 1),
                };
                (year <= 9999).then_some(PartialDate {
                    year,
                    month: Some(month),
                    day: None,
                })
            }
            Precision::Year => (self.year < 9999).then_some(PartialDate {
                year: self.year + 1,
                month: None,
                day: None,
            }),
        }
    }

    /// [`Self::first_day`] as a day number (days since 1970-01-01), the
    /// form flat records and interval checks compare.
    ///
    /// ```
    /// let d: diplograph::date::PartialDate = "1970-02".parse().unwrap();
    /// assert_eq!(d.day_number(), 31);
    /// ```
    pub fn day_number(&self) -> i32 {
        day_number_of(self.first_day())
    }
}

/// A calendar day as a day number (days since 1970-01-01).
///
/// ```
/// assert_eq!(diplograph::date::day_number_of(jiff::civil::date(1970, 1, 2)), 1);
/// ```
pub fn day_number_of(day: Date) -> i32 {
    days_from_civil(i32::from(day.year()), day.month() as u32, day.day() as u32)
}

impl Ord for PartialDate {
    /// Ordered by the day each date stands for; at the same day the less
    /// precise date comes first, so the order is total and stable.
    fn cmp(&self, other: &Self) -> Ordering {
        self.first_day()
            .cmp(&other.first_day())
            .then(self.precision().cmp(&other.precision()))
    }
}

impl PartialOrd for PartialDate {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(month) = self.month {
            write!(f, "-{month:02}")?;
        }
        if let Some(day) = self.day {
            write!(f, "-{day:02}")?;
        }
        Ok(())
    }
}

fn number(part: &str, digits: usize) -> Option<i16> {
    if part.len() == digits && part.bytes().all(|b| b.is_ascii_digit()) {
        part.parse().ok()
    } else {
        None
    }
}

impl FromStr for PartialDate {
    type Err = DateError;

    fn from_str(text: &str) -> Result<Self, DateError> {
        let shape = || DateError::Shape(text.to_string());
        let impossible = |reason: String| DateError::Impossible {
            text: text.to_string(),
            reason,
        };
        let mut parts = text.split('-');
        let year = parts.next().and_then(|p| number(p, 4)).ok_or_else(shape)?;
        let month = match parts.next() {
            Some(p) => Some(number(p, 2).ok_or_else(shape)?),
            None => None,
        };
        let day = match parts.next() {
            Some(p) => Some(number(p, 2).ok_or_else(shape)?),
            None => None,
        };
        if parts.next().is_some() {
            return Err(shape());
        }
        if year == 0 {
            return Err(impossible("there is no year 0".into()));
        }
        if let Some(m) = month
            && !(1..=12).contains(&m)
        {
            return Err(impossible(format!("there is no month {m}")));
        }
        if let (Some(m), Some(d)) = (month, day) {
            let days = i16::from(jiff::civil::date(year, m as i8, 1).days_in_month());
            if d < 1 || d > days {
                let month_name = jiff::civil::date(year, m as i8, 1).strftime("%B");
                return Err(impossible(format!("{month_name} {year} has {days} days")));
            }
        }
        Ok(PartialDate {
            year,
            month: month.map(|m| m as i8),
            day: day.map(|d| d as i8),
        })
    }
}

impl Serialize for PartialDate {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for PartialDate {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

/// The stretch of time a relation is in force: the half-open interval
/// `[since, until)`. A missing `since` reaches back indefinitely; a missing
/// `until` means the relation is still in force.
///
/// ```
/// use diplograph::date::Validity;
/// let v = Validity::new(Some("2021-08-03".parse().unwrap()), Some("2024-05-19".parse().unwrap()));
/// assert!(v.in_force_on(jiff::civil::date(2024, 5, 18)));
/// assert!(!v.in_force_on(jiff::civil::date(2024, 5, 19)));
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Validity {
    /// First day in force (a partial date: its first day).
    pub since: Option<PartialDate>,
    /// First day no longer in force.
    pub until: Option<PartialDate>,
}

impl Validity {
    /// An interval from its two ends.
    pub fn new(since: Option<PartialDate>, until: Option<PartialDate>) -> Self {
        Validity { since, until }
    }

    /// Whether the relation holds on `day`.
    pub fn in_force_on(&self, day: Date) -> bool {
        self.since.is_none_or(|s| s.first_day() <= day)
            && self.until.is_none_or(|u| day < u.first_day())
    }

    /// Whether the interval contains no day at all.
    pub fn is_empty(&self) -> bool {
        matches!((self.since, self.until), (Some(s), Some(u)) if u.first_day() <= s.first_day())
    }

    /// Whether two intervals share at least one day (an empty interval
    /// shares none): for library users comparing facts; the store's own
    /// overlap rules work on day numbers ([`crate::store::rules`]).
    ///
    /// ```
    /// use diplograph::date::Validity;
    /// let v = |since: &str, until: &str| Validity::new(since.parse().ok(), until.parse().ok());
    /// assert!(v("2001", "2010").overlaps(&v("2009", "")));
    /// assert!(!v("2001", "2010").overlaps(&v("2010", "2020"))); // `until` is not in force
    /// ```
    pub fn overlaps(&self, other: &Validity) -> bool {
        if self.is_empty() || other.is_empty() {
            return false;
        }
        let starts_before_other_ends = match (self.since, other.until) {
            (Some(s), Some(u)) => s.first_day() < u.first_day(),
            _ => true,
        };
        let other_starts_before_self_ends = match (other.since, self.until) {
            (Some(s), Some(u)) => s.first_day() < u.first_day(),
            _ => true,
        };
        starts_before_other_ends && other_starts_before_self_ends
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's
/// `days_from_civil`): the day numbers that "as of" comparisons use on
/// flat records, without building calendar values. Exact for every year
/// diplograph accepts (1–9999). O(1).
///
/// ```
/// use diplograph::date::days_from_civil;
/// assert_eq!(days_from_civil(1970, 1, 1), 0);
/// assert_eq!(days_from_civil(2024, 7, 4) - days_from_civil(2024, 7, 3), 1);
/// ```
pub fn days_from_civil(y: i32, m: u32, d: u32) -> i32 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = (y - era * 400) as u32;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe as i32 - 719_468
}

/// The civil date `(year, month, day)` of a day number: the inverse of
/// [`days_from_civil`]. O(1).
///
/// ```
/// use diplograph::date::civil_from_days;
/// assert_eq!(civil_from_days(0), (1970, 1, 1));
/// ```
pub fn civil_from_days(z: i32) -> (i32, u32, u32) {
    let z = z + 719_468;
    let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
    let doe = (z - era * 146_097) as u32;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe as i32 + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// How a period `[from, until)` is named: "2001" for a calendar year,
/// "2001-07" for a calendar month, else "2001-03-05 to 2001-04-01" (the
/// last day included, as people write it).
///
/// ```
/// use diplograph::date::period_name;
/// use jiff::civil::date;
/// assert_eq!(period_name(date(2001, 1, 1), date(2002, 1, 1)), "2001");
/// assert_eq!(period_name(date(2001, 7, 1), date(2001, 8, 1)), "2001-07");
/// assert_eq!(period_name(date(2001, 3, 5), date(2001, 4, 2)), "2001-03-05 to 2001-04-01");
/// ```
pub fn period_name(from: Date, until: Date) -> String {
    let next_year = from
        .year()
        .checked_add(1)
        .and_then(|y| Date::new(y, 1, 1).ok());
    if from.month() == 1 && from.day() == 1 && Some(until) == next_year {
        return format!("{:04}", from.year());
    }
    if from.day() == 1
        && from
            .first_of_month()
            .checked_add(jiff::Span::new().months(1))
            .ok()
            == Some(until)
    {
        return format!("{:04}-{:02}", from.year(), from.month());
    }
    let last = until.yesterday().unwrap_or(until);
    format!("{from} to {last}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_days_round_trip() {
        for day in [-60_000, -1, 0, 1, 59, 365, 11_016, 20_000, 2_000_000] {
            let (y, m, d) = civil_from_days(day);
            assert_eq!(days_from_civil(y, m, d), day);
        }
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(days_from_civil(2000, 3, 1), 11_017);
    }

    use jiff::civil::date;

    fn d(text: &str) -> PartialDate {
        text.parse().unwrap()
    }

    #[test]
    fn parses_each_precision_and_prints_it_back() {
        for text in ["1945", "2017-06", "2024-07-04", "0001-01-01"] {
            assert_eq!(d(text).to_string(), text);
        }
        assert_eq!(d("1945").precision(), Precision::Year);
        assert_eq!(d("2024-02-29").first_day(), date(2024, 2, 29));
    }

    #[test]
    fn refuses_impossible_and_malformed_dates() {
        for text in [
            "",
            "24",
            "2024-7",
            "2024-07-4",
            "2024/07/04",
            "2024-07-04-01",
            "２０２４",
            "year",
        ] {
            assert!(
                matches!(text.parse::<PartialDate>(), Err(DateError::Shape(_))),
                "{text}"
            );
        }
        let err = "2023-02-29".parse::<PartialDate>().unwrap_err();
        assert_eq!(
            err.to_string(),
            "`2023-02-29` is not a real date: February 2023 has 28 days"
        );
        for text in ["2024-13", "2024-00", "2024-04-31", "2024-01-00", "0000"] {
            assert!(
                matches!(
                    text.parse::<PartialDate>(),
                    Err(DateError::Impossible { .. })
                ),
                "{text}"
            );
        }
    }

    #[test]
    fn orders_by_first_day_then_precision() {
        assert!(d("2017") < d("2017-01"));
        assert!(d("2017-01") < d("2017-01-01"));
        assert!(d("2017-01-01") < d("2017-01-02"));
        assert!(d("2016-12-31") < d("2017"));
    }

    #[test]
    fn validity_is_half_open() {
        let v = Validity::new(Some(d("2024-05-20")), Some(d("2024-07-28")));
        assert!(!v.in_force_on(date(2024, 5, 19)));
        assert!(v.in_force_on(date(2024, 5, 20)));
        assert!(v.in_force_on(date(2024, 7, 27)));
        assert!(!v.in_force_on(date(2024, 7, 28)));
        let open = Validity::new(Some(d("2001")), None);
        assert!(open.in_force_on(date(2001, 1, 1)));
        assert!(!open.in_force_on(date(2000, 12, 31)));
        assert!(Validity::default().in_force_on(date(1, 1, 1)));
    }

    #[test]
    fn detects_empty_and_overlapping_intervals() {
        assert!(Validity::new(Some(d("2024")), Some(d("2024"))).is_empty());
        assert!(Validity::new(Some(d("2024-05")), Some(d("2024-01"))).is_empty());
        assert!(!Validity::new(Some(d("2024")), None).is_empty());
        let a = Validity::new(Some(d("2000")), Some(d("2010")));
        let b = Validity::new(Some(d("2010")), None);
        let c = Validity::new(Some(d("2009")), None);
        assert!(!a.overlaps(&b));
        assert!(a.overlaps(&c));
        assert!(Validity::default().overlaps(&a));
    }

    mod properties {
        use super::*;
        use proptest::prelude::*;

        fn any_date() -> impl Strategy<Value = PartialDate> {
            (1i16..=9999, 0i8..=12, 0i8..=31).prop_map(|(y, m, d)| {
                let text = match (m, d) {
                    (0, _) => format!("{y:04}"),
                    (m, 0) => format!("{y:04}-{m:02}"),
                    (m, d) => {
                        let last = jiff::civil::date(y, m, 1).days_in_month();
                        format!("{y:04}-{m:02}-{:02}", d.min(last))
                    }
                };
                text.parse().expect("generated dates are valid")
            })
        }

        proptest! {
            #[test]
            fn display_then_parse_is_identity(d in any_date()) {
                prop_assert_eq!(d.to_string().parse::<PartialDate>().unwrap(), d);
            }

            #[test]
            fn order_agrees_with_first_days(a in any_date(), b in any_date()) {
                if a.first_day() < b.first_day() {
                    prop_assert!(a < b);
                }
                prop_assert_eq!(a == b, a.cmp(&b) == Ordering::Equal);
            }

            #[test]
            fn a_day_is_in_force_iff_between_the_ends(s in any_date(), u in any_date(), day in any_date()) {
                let v = Validity::new(Some(s), Some(u));
                let day = day.first_day();
                prop_assert_eq!(v.in_force_on(day), s.first_day() <= day && day < u.first_day());
                if v.is_empty() {
                    prop_assert!(!v.in_force_on(day));
                }
                prop_assert_eq!(v.overlaps(&Validity::new(Some(PartialDate::from_day(day)), None)),
                    !v.is_empty() && day < u.first_day());
            }

            #[test]
            fn arbitrary_text_never_panics(text in ".{0,16}") {
                let _ = text.parse::<PartialDate>();
            }
        }
    }
}
