//! Renderers: turn query results into text for people, JSON for scripts
//! or CSV for spreadsheets.
//!
//! A renderer reads the graph only to name entities and relations; it never
//! touches the file and never decides what is true.

mod answer;
pub mod chart;
pub mod csv;
pub mod json;
pub mod panel;
pub mod rows;
mod table;
pub mod text;

pub use answer::Answer;

/// The output formats of every command.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Format {
    /// Aligned, readable text (default).
    #[default]
    Text,
    /// Stable JSON with documented field names, for scripts.
    Json,
    /// Comma-separated values with a header row, for spreadsheets and
    /// data frames: only answers that are tables have this form
    /// ([`Answer::render`] refuses the others).
    Csv,
}

use crate::date::{Precision, Validity};
use crate::graph::{DiploGraph, When};
use crate::model::{Ballot, Relation, RelationKind};

/// A ballot in words: "voted yes", "voted no", "abstained" — how every
/// answer and drawing says what a state did on a roll call.
///
/// ```
/// use diplograph::model::Ballot;
/// assert_eq!(diplograph::render::ballot_words(Ballot::Abstain), "abstained");
/// ```
pub fn ballot_words(ballot: Ballot) -> &'static str {
    match ballot {
        Ballot::Yes => "voted yes",
        Ballot::No => "voted no",
        Ballot::Abstain => "abstained",
    }
}

/// A relation's kind as its own fields qualify it — a vote by its ballot
/// ("voted yes"), an alliance by its type ("alliance (defense)") — else
/// the kind's name: what text answers print where they name a relation's
/// kind (`show`, `neighbors`, `path`, `align`), so that a vote never reads
/// without what was voted.
pub fn kind_phrase(relation: &Relation) -> String {
    match (relation.kind, relation.ballot, relation.alliance) {
        (RelationKind::Vote, Some(ballot), _) => ballot_words(ballot).to_string(),
        (RelationKind::Alliance, _, Some(kind)) => format!("alliance ({})", kind.words()),
        (kind, ..) => kind.to_string(),
    }
}

/// A relation in a few words, every field that qualifies it included:
/// "member", "acting President", "dispute over Kashmir", "neutral", "voted
/// yes", "alliance (defense)" — the edge labels of drawings and the
/// reasons `align` gives for a tie.
pub fn relation_phrase(graph: &DiploGraph, relation: &Relation) -> String {
    let over = || {
        relation.over.as_ref().map(|id| {
            graph
                .node(id)
                .map_or(id.clone(), |n| graph.entity(n).name.clone())
        })
    };
    match relation.kind {
        RelationKind::Leads => match (&relation.role, relation.acting) {
            (Some(role), true) => format!("acting {role}"),
            (Some(role), false) => role.clone(),
            (None, true) => "leads (acting)".to_string(),
            (None, false) => "leads".to_string(),
        },
        RelationKind::Dispute | RelationKind::Conflict => match over() {
            Some(issue) => format!("{} over {issue}", relation.kind),
            None => relation.kind.to_string(),
        },
        RelationKind::Stance => relation
            .position
            .map_or("stance".to_string(), |p| p.to_string()),
        RelationKind::DialoguePartner => "dialogue partner".to_string(),
        RelationKind::Associate => "associate member".to_string(),
        _ => kind_phrase(relation),
    }
}

/// "since 2001-06-15", "2021-08-03 – 2024-05-19", "until 2024", "on
/// 2022-03-02" (a relation of one day), or "".
pub fn dates(validity: &Validity) -> String {
    match (validity.since, validity.until) {
        // One day, like a vote on its roll call's day: "on 2022-03-02".
        (Some(s), Some(u)) if s.following() == Some(u) && u.precision() == Precision::Day => {
            format!("on {s}")
        }
        (Some(s), Some(u)) => format!("{s} – {u}"),
        (Some(s), None) => format!("since {s}"),
        (None, Some(u)) => format!("until {u}"),
        (None, None) => String::new(),
    }
}

/// A state's statehood in words, each spell from its first day to its
/// last (the day before `until`, which is the first day it was no longer
/// a state): "1816-01-01 to 1945-05-08 and from 1955-05-05". A year- or
/// month-precision end reads as the year or month before it ("to 1989"
/// for `until: "1990"`). Empty for no spell.
///
/// ```
/// use diplograph::model::Spell;
/// let spell = |since: &str, until: Option<&str>| Spell {
///     since: Some(since.parse().unwrap()),
///     until: until.map(|u| u.parse().unwrap()),
///     source: None,
/// };
/// let germany = [spell("1816-01-01", Some("1945-05-09")), spell("1955-05-05", None)];
/// assert_eq!(diplograph::render::statehood_words(&germany), "1816-01-01 to 1945-05-08 and from 1955-05-05");
/// ```
pub fn statehood_words(spells: &[crate::model::Spell]) -> String {
    use crate::date::Precision;
    let last_day = |until: crate::date::PartialDate| -> String {
        let first = until.first_day();
        match until.precision() {
            Precision::Year => format!("{}", i32::from(first.year()) - 1),
            Precision::Month => {
                let (y, m) = (i32::from(first.year()), i32::from(first.month()));
                let (y, m) = if m == 1 { (y - 1, 12) } else { (y, m - 1) };
                format!("{y:04}-{m:02}")
            }
            Precision::Day => first
                .yesterday()
                .map_or_else(|_| until.to_string(), |d| d.to_string()),
        }
    };
    let words: Vec<String> = spells
        .iter()
        .map(|s| match (s.since, s.until) {
            (Some(since), Some(until)) => format!("{since} to {}", last_day(until)),
            (Some(since), None) => format!("from {since}"),
            (None, Some(until)) => format!("to {}", last_day(until)),
            (None, None) => "always".to_string(),
        })
        .collect();
    match words.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
    }
}

/// "as of 2024-07-04" or "over all time".
pub fn moment(when: When) -> String {
    match when {
        When::On(day) => format!("as of {day}"),
        When::During { from, until } => format!("in {}", crate::date::period_name(from, until)),
        When::AllTime => "over all time".to_string(),
    }
}

/// "over member, observer" or "over all relations".
pub fn kinds_text(via: &[crate::model::RelationKind]) -> String {
    if via.is_empty() {
        "over all relations".to_string()
    } else {
        let names: Vec<&str> = via.iter().map(|k| k.name()).collect();
        format!("over {}", names.join(", "))
    }
}

/// How much of a long answer is shown: at most `items` entries (clusters,
/// triangles, paths, broken ties) and at most `members` names inside one
/// entry; `None` shows everything. What is left out is always counted
/// ("… and N more", `"omitted"` in JSON).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Caps {
    /// At most this many entries of the answer's main list (`--limit`);
    /// `None` for all of them.
    pub items: Option<usize>,
    /// At most this many names inside one entry (the members of a cluster,
    /// the attendees of a summit); `None` for all of them.
    pub members: Option<usize>,
}

impl Caps {
    /// Everything (`--all`).
    pub const ALL: Caps = Caps {
        items: None,
        members: None,
    };

    /// How many of `len` entries to show.
    pub fn items_of(&self, len: usize) -> usize {
        self.items.map_or(len, |cap| cap.min(len))
    }

    /// How many of `len` names inside one entry to show.
    pub fn members_of(&self, len: usize) -> usize {
        self.members.map_or(len, |cap| cap.min(len))
    }
}

/// Clusters listed by default.
pub const DEFAULT_CLUSTERS: usize = 20;

/// Names listed per cluster by default.
pub const DEFAULT_MEMBERS: usize = 50;

impl Default for Caps {
    /// [`DEFAULT_CLUSTERS`] entries of at most [`DEFAULT_MEMBERS`] names.
    fn default() -> Caps {
        Caps {
            items: Some(DEFAULT_CLUSTERS),
            members: Some(DEFAULT_MEMBERS),
        }
    }
}

/// The title of a series: the question, what it is measured on, the steps
/// and the rule they were read by ("Alignment of Russia and China on
/// relations, 2001 to 2024 (any day of each step counts)"). What text
/// tables and charts head a series with.
pub fn series_title(graph: &DiploGraph, found: &crate::query::series::SeriesTable) -> String {
    use crate::query::series::{Rule, SeriesOf};
    let name = |n| graph.entity(n).name.clone();
    let what = match &found.of {
        SeriesOf::Align {
            a,
            b,
            basis,
            weighted,
        } => format!(
            "Alignment of {} and {} on {}{}",
            name(*a),
            name(*b),
            basis.name(),
            if *weighted { ", weighted" } else { "" }
        ),
        SeriesOf::Members { org } => format!("Members of {}", graph.named(*org)),
        SeriesOf::Balance { weak } => format!(
            "Structural balance ({})",
            if *weak { "weak" } else { "strict" }
        ),
        SeriesOf::Clusters { method } => format!("Clusters ({})", method.name()),
        SeriesOf::Central { measure, top } => {
            format!("The {top} most central by {}", measure.name())
        }
    };
    let span = match (found.rows.first(), found.rows.last()) {
        (Some((first, _)), Some((last, _))) if first == last => first.label(),
        (Some((first, _)), Some((last, _))) => format!("{} to {}", first.label(), last.label()),
        _ => "no step".to_string(),
    };
    let votes = matches!(
        found.of,
        SeriesOf::Align {
            basis: crate::query::align::Basis::Votes,
            ..
        }
    );
    let rule = match found.rule {
        _ if votes => "the roll calls of each step",
        Rule::Any => "in force on any day of each step",
        Rule::First => "as of each step's first day",
        Rule::Last => "as of each step's last day",
    };
    format!("{what}, {span} ({rule})")
}
