//! Which relation an `end` or a `remove` means.
//!
//! A command names a relation by its kind and its two ends; the file may
//! hold several such relations (a leader's successive terms), or none. The
//! rules, each refusing with a message that lists the candidates and their
//! lines when it cannot choose:
//!
//! - **end**: the one relation *in force on the day before* the end date
//!   (by the engine's rule, [`crate::date::Validity::in_force_on`], with
//!   event defaults applied as the graph applies them), narrowed by office
//!   (`role`) for `leads`. A relation that has already ended is not
//!   silently moved: ending it is refused, naming it with its dates, unless
//!   `force`; then its end date moves (the one in force on that day, else
//!   the one that ended last before it).
//! - **remove**: the one relation of that kind between the two, narrowed by
//!   its start date (`since`) when there are several.

use petgraph::graph::EdgeIndex;

use super::document::Document;
use crate::date::{PartialDate, Validity};
use crate::error::Error;
use crate::graph::DiploGraph;
use crate::model::{Relation, RelationKind};
use crate::store::convert;
use crate::store::locate::List;
use crate::store::validate::describe;

/// One relation of the file that a command could mean.
#[derive(Clone, Debug, PartialEq)]
pub struct Candidate {
    /// Its position in the file's relations.
    pub index: usize,
    /// Its 1-based line in the file.
    pub line: usize,
    /// The relation as written.
    pub relation: Relation,
    /// When it is in force, event defaults applied (what queries see).
    pub validity: Validity,
}

impl Candidate {
    /// `leads vladimir-putin → RUS since 2012-05-07 until 2018-05-07
    /// (graph.ron:120)`: how messages list it, with its dates.
    pub fn describe(&self, file: &str) -> String {
        format!(
            "{}{}{} ({file}:{})",
            describe(&self.relation),
            since_text(&self.relation.validity.since),
            until_text(&self.relation.validity.until),
            self.line
        )
    }
}

/// ` since 2017-06-09`, or nothing without a start date.
pub fn since_text(since: &Option<PartialDate>) -> String {
    since.map(|s| format!(" since {s}")).unwrap_or_default()
}

/// ` until 2024-05-20`, or nothing without an end date.
pub fn until_text(until: &Option<PartialDate>) -> String {
    until.map(|u| format!(" until {u}")).unwrap_or_default()
}

/// The candidates listed for a message: `a (f:1); b (f:2)`.
pub fn listing<'c>(candidates: impl IntoIterator<Item = &'c Candidate>, file: &str) -> String {
    candidates
        .into_iter()
        .map(|c| c.describe(file))
        .collect::<Vec<_>>()
        .join("; ")
}

/// Every relation of one kind between two entities (either way round for
/// symmetric kinds), in file order: what an `end` or `remove` chooses
/// among.
#[derive(Clone, Debug, PartialEq)]
pub struct Matches {
    /// The kind asked for.
    pub kind: RelationKind,
    /// The id of one end, as asked.
    pub from: String,
    /// The id of the other end.
    pub to: String,
    /// The file's name, for messages.
    pub file: String,
    /// The relations found.
    pub found: Vec<Candidate>,
}

/// The relation at `index` of the document as a model value.
pub fn relation_at(doc: &Document, index: usize) -> Relation {
    convert::relation_from_record(doc.records().relations[index].clone(), &mut |t| {
        t.parse().ok()
    })
}

impl Matches {
    /// Finds the relations of `kind` between `from` and `to` (ids) in
    /// `doc`. `graph`, the database before the edit, supplies each one's
    /// validity as queries see it; without it (the file does not validate
    /// yet, or it was edited since) the dates written are used.
    /// O(relations in the file): each is converted to be compared.
    pub fn find(
        doc: &Document,
        graph: Option<&DiploGraph>,
        kind: RelationKind,
        from: &str,
        to: &str,
    ) -> Matches {
        let relations = &doc.records().relations;
        let graph = graph.filter(|g| !doc.is_changed() && g.relation_count() == relations.len());
        let found = (0..relations.len())
            .filter_map(|index| {
                let relation = relation_at(doc, index);
                let same = relation.from == from && relation.to == to;
                let reversed = kind.is_symmetric() && relation.from == to && relation.to == from;
                (relation.kind == kind && (same || reversed)).then(|| Candidate {
                    index,
                    line: doc.line_of(List::Relations, index),
                    validity: graph
                        .map_or(relation.validity, |g| g.validity(EdgeIndex::new(index))),
                    relation,
                })
            })
            .collect();
        Matches {
            kind,
            from: from.to_string(),
            to: to.to_string(),
            file: doc.name(),
            found,
        }
    }

    /// The relation `end … --on on` closes: the one in force on the day
    /// before `on` (holding `role`, when given), and the end date it had
    /// when `force` moves one. Refuses when there is none, when there are
    /// several, and when that one has already ended (unless `force`): a
    /// relation in force with an `until` of its own, or, when none is in
    /// force, the one that ended last before `on`.
    pub fn to_end(
        &self,
        on: PartialDate,
        role: Option<&str>,
        force: bool,
    ) -> Result<(&Candidate, Option<PartialDate>), Error> {
        let Matches { kind, from, to, .. } = self;
        let last_day = on.first_day().yesterday().ok();
        let holding: Vec<&Candidate> = self
            .found
            .iter()
            .filter(|c| match role {
                Some(role) => c
                    .relation
                    .role
                    .as_deref()
                    .is_some_and(|r| r.eq_ignore_ascii_case(role)),
                None => true,
            })
            .collect();
        let in_force: Vec<&Candidate> = holding
            .iter()
            .copied()
            .filter(|c| last_day.is_some_and(|day| c.validity.in_force_on(day)))
            .collect();
        // The relation meant, when it has already ended: in force with an
        // end date of its own, or else the last to end before `on`, when
        // no other begins between its end and `on` (then that one is what
        // `on` is about, and it is not in force yet).
        let starts = |c: &Candidate| c.validity.since.map(|d| d.first_day());
        let ended = match in_force.as_slice() {
            [one] => one.relation.validity.until.map(|until| (*one, until)),
            [] => holding
                .iter()
                .filter_map(|c| c.relation.validity.until.map(|until| (*c, until)))
                .filter(|(c, until)| {
                    until.first_day() < on.first_day()
                        && starts(c).is_none_or(|since| since < on.first_day())
                })
                .max_by_key(|(_, until)| until.first_day())
                .filter(|(_, until)| {
                    !holding.iter().any(|d| {
                        starts(d).is_some_and(|s| until.first_day() <= s && s <= on.first_day())
                    })
                }),
            _ => None,
        };
        if let Some((candidate, until)) = ended {
            let described = candidate.describe(&self.file);
            if until.first_day() == on.first_day() {
                return Err(Error::Usage(format!(
                    "{described} already ends on {until}; there is nothing to change"
                )));
            }
            if !force {
                return Err(Error::Usage(format!(
                    "{described} already ends on {until}; `end` does not move an end date \
                     unless --force (which would move it from {until} to {on})"
                )));
            }
            return Ok((candidate, Some(until)));
        }
        match in_force.as_slice() {
            [one] => Ok((one, None)),
            [] if self.found.is_empty() => Err(Error::Usage(format!(
                "there is no {kind} relation between `{from}` and `{to}` to end"
            ))),
            [] => Err(Error::Usage(format!(
                "no {kind} relation between `{from}` and `{to}` is in force on {on} \
                 (begun before it and not yet ended): {}",
                listing(&self.found, &self.file)
            ))),
            many => Err(Error::Usage(format!(
                "several {kind} relations between `{from}` and `{to}` are in force on {on}; \
                 name one with --role: {}",
                listing(many.iter().copied(), &self.file)
            ))),
        }
    }

    /// The relation `remove relation` deletes: the only one, or the one
    /// that begins on `since` (compared as canonical date text).
    pub fn to_remove(&self, since: Option<&str>) -> Result<&Candidate, Error> {
        let Matches { kind, from, to, .. } = self;
        let found: Vec<&Candidate> = self
            .found
            .iter()
            .filter(|c| {
                since.is_none_or(|s| {
                    c.relation.validity.since.map(|d| d.to_string()).as_deref() == Some(s)
                })
            })
            .collect();
        match found.as_slice() {
            [one] => Ok(one),
            [] => Err(Error::Usage(format!(
                "there is no {kind} relation between `{from}` and `{to}`{} to remove",
                since.map(|s| format!(" since {s}")).unwrap_or_default()
            ))),
            many => Err(Error::Usage(format!(
                "several {kind} relations between `{from}` and `{to}`; name one with --since: {}",
                listing(many.iter().copied(), &self.file)
            ))),
        }
    }
}

/// The relations that name entity `id` (as an end, or as what a dispute
/// is `over`), in file order: what removing the entity would orphan.
pub fn naming(doc: &Document, id: &str) -> Vec<Candidate> {
    (0..doc.records().relations.len())
        .filter_map(|index| {
            let relation = relation_at(doc, index);
            (relation.from == id || relation.to == id || relation.over.as_deref() == Some(id)).then(
                || Candidate {
                    index,
                    line: doc.line_of(List::Relations, index),
                    validity: relation.validity,
                    relation,
                },
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> PartialDate {
        text.parse().unwrap()
    }

    fn term(index: usize, since: &str, until: Option<&str>, role: &str) -> Candidate {
        let validity = Validity::new(Some(date(since)), until.map(date));
        Candidate {
            index,
            line: 10 + index,
            relation: Relation {
                kind: RelationKind::Leads,
                from: "p".into(),
                to: "RUS".into(),
                validity,
                source: None,
                note: None,
                role: Some(role.into()),
                acting: false,
                over: None,
                position: None,
                ballot: None,
                alliance: None,
            },
            validity,
        }
    }

    fn matches(found: Vec<Candidate>) -> Matches {
        Matches {
            kind: RelationKind::Leads,
            from: "p".into(),
            to: "RUS".into(),
            file: "g.ron".into(),
            found,
        }
    }

    fn usage(err: Error) -> String {
        match err {
            Error::Usage(message) => message,
            other => panic!("expected a usage error, got {other:?}"),
        }
    }

    #[test]
    fn end_chooses_the_term_in_force_the_day_before() {
        let m = matches(vec![
            term(0, "2000", Some("2008-05-07"), "President"),
            term(1, "2012-05-07", Some("2018-05-07"), "President"),
            term(2, "2024-05-07", None, "President"),
        ]);
        assert_eq!(
            m.to_end(date("2030-05-07"), None, false).unwrap().0.index,
            2
        );
        // Beginning on the end date itself is not being in force before it.
        let err = usage(m.to_end(date("2024-05-07"), None, true).unwrap_err());
        assert!(
            err.starts_with(
                "no leads relation between `p` and `RUS` is in force on 2024-05-07 \
                 (begun before it and not yet ended): leads p → RUS since 2000 until 2008-05-07 \
                 (g.ron:10); "
            ),
            "{err}"
        );
    }

    #[test]
    fn an_already_ended_term_is_refused_naming_its_dates_unless_forced() {
        let m = matches(vec![term(0, "2012-05-07", Some("2018-05-07"), "President")]);
        let err = usage(m.to_end(date("2015"), None, false).unwrap_err());
        assert_eq!(
            err,
            "leads p → RUS since 2012-05-07 until 2018-05-07 (g.ron:10) already ends on \
             2018-05-07; `end` does not move an end date unless --force (which would move it \
             from 2018-05-07 to 2015)"
        );
        let (chosen, previous) = m.to_end(date("2015"), None, true).unwrap();
        assert_eq!((chosen.index, previous), (0, Some(date("2018-05-07"))));
        // Ending exactly on its end date changes nothing, even forced.
        let err = usage(m.to_end(date("2018-05-07"), None, true).unwrap_err());
        assert!(err.contains("there is nothing to change"), "{err}");
        // After its end: the same refusal, and --force extends it.
        let err = usage(m.to_end(date("2019"), None, false).unwrap_err());
        assert!(err.contains("already ends on 2018-05-07"), "{err}");
        let (chosen, previous) = m.to_end(date("2019"), None, true).unwrap();
        assert_eq!((chosen.index, previous), (0, Some(date("2018-05-07"))));
    }

    #[test]
    fn several_in_force_are_listed_and_role_chooses() {
        let m = matches(vec![
            term(0, "2020", None, "President"),
            term(1, "2021", None, "Chairman"),
        ]);
        let err = usage(m.to_end(date("2025"), None, false).unwrap_err());
        assert_eq!(
            err,
            "several leads relations between `p` and `RUS` are in force on 2025; name one with \
             --role: leads p → RUS since 2020 (g.ron:10); leads p → RUS since 2021 (g.ron:11)"
        );
        assert_eq!(
            m.to_end(date("2025"), Some("chairman"), false)
                .unwrap()
                .0
                .index,
            1
        );
        assert!(m.to_end(date("2025"), Some("King"), false).is_err());
    }

    #[test]
    fn nothing_to_end_says_so() {
        let err = usage(
            matches(vec![])
                .to_end(date("2025"), None, false)
                .unwrap_err(),
        );
        assert_eq!(
            err,
            "there is no leads relation between `p` and `RUS` to end"
        );
    }

    #[test]
    fn remove_needs_since_among_several() {
        let m = matches(vec![
            term(0, "2000", Some("2008"), "President"),
            term(1, "2012", Some("2018"), "President"),
        ]);
        let err = usage(m.to_remove(None).unwrap_err());
        assert_eq!(
            err,
            "several leads relations between `p` and `RUS`; name one with --since: \
             leads p → RUS since 2000 until 2008 (g.ron:10); leads p → RUS since 2012 until 2018 \
             (g.ron:11)"
        );
        assert_eq!(m.to_remove(Some("2012")).unwrap().index, 1);
        let err = usage(m.to_remove(Some("2013")).unwrap_err());
        assert_eq!(
            err,
            "there is no leads relation between `p` and `RUS` since 2013 to remove"
        );
        let one = matches(vec![term(3, "2000", None, "President")]);
        assert_eq!(one.to_remove(None).unwrap().index, 3);
    }

    #[test]
    fn find_matches_symmetric_kinds_either_way_and_uses_event_defaults() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("g.ron");
        std::fs::write(
            &path,
            r#"(version: 1, checked: "2024", entities: [
                country(id: "IND", name: "India"), country(id: "PAK", name: "Pakistan"),
                event(id: "e", name: "Summit", start: "2024-07-03"),
            ], relations: [
                dispute(from: "PAK", to: "IND", since: "1947"),
                attends(from: "IND", to: "e"),
                alliance(from: "IND", to: "PAK", since: "1950", until: "1951"),
            ])"#,
        )
        .unwrap();
        let doc = Document::open(&path).unwrap();
        let graph = DiploGraph::new(doc.snapshot().unwrap());
        let m = Matches::find(&doc, Some(&graph), RelationKind::Dispute, "IND", "PAK");
        assert_eq!(m.found.len(), 1);
        assert_eq!((m.found[0].index, m.found[0].line), (0, 5));
        let m = Matches::find(&doc, Some(&graph), RelationKind::Attends, "IND", "e");
        assert_eq!(m.found[0].validity.since, Some(date("2024-07-03")));
        let err = usage(m.to_end(date("2024-07-01"), None, false).unwrap_err());
        assert!(err.contains("is in force on 2024-07-01"), "{err}");
        // Without the graph, the dates as written.
        let m = Matches::find(&doc, None, RelationKind::Attends, "IND", "e");
        assert_eq!(m.found[0].validity.since, None);
        // Asymmetric kinds match only as written.
        assert!(
            Matches::find(&doc, Some(&graph), RelationKind::Attends, "e", "IND")
                .found
                .is_empty()
        );
        assert_eq!(
            naming(&doc, "PAK")
                .iter()
                .map(|c| c.index)
                .collect::<Vec<_>>(),
            vec![0, 2]
        );
    }
}
