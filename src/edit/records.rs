//! File records built from plain parameters.
//!
//! Each editing command and importer describes what it adds with one of
//! the parameter structs here (plain strings and model enums, nothing of
//! any command-line parser) and gets back the schema record the file
//! holds, with dates checked and put in canonical form, and every field
//! the kind does not have refused. The messages name fields the way the
//! command line does (`--role`), since that is where people meet them.

use crate::date::PartialDate;
use crate::error::Error;
use crate::model::{AllianceType, Ballot, EntityKind, Position, RelationKind};
use crate::schema::{
    CodesRecord, CountryRecord, CoverageRecord, EntityRecord, EventRecord, NamedRecord,
    OrganizationRecord, Parts, RelationRecord, RollCallRecord, SourceRecord, TieRecord,
};

/// An entity to add: its kind, id, name and the optional fields.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EntityParams {
    /// What kind of entity it is.
    pub kind: EntityKind,
    /// Its id (ISO alpha-3 for countries, acronym for organizations, a
    /// lowercase slug otherwise).
    pub id: String,
    /// Its usual name.
    pub name: String,
    /// Other spellings or transliterations.
    pub aliases: Vec<String>,
    /// A free-text note.
    pub note: Option<String>,
    /// Events only: where it takes place.
    pub place: Option<String>,
    /// Events only: first day (a date: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`).
    pub start: Option<String>,
    /// Events only: last day.
    pub end: Option<String>,
    /// Organizations only: the day it was founded (a date).
    pub founded: Option<String>,
    /// Organizations only: the first day it no longer existed (a date).
    pub dissolved: Option<String>,
    /// Organizations only: (nearly) every state belongs to it.
    pub universal: bool,
    /// Countries only: the Correlates of War state number.
    pub cow: Option<u16>,
    /// Countries only: the Gleditsch–Ward state number.
    pub gw: Option<u16>,
    /// Roll calls only (and required there): the day of the vote.
    pub date: Option<String>,
    /// Roll calls only: the session of the body.
    pub session: Option<u16>,
    /// Roll calls only: the resolution voted on.
    pub resolution: Option<String>,
}

impl EntityParams {
    /// An entity with just a kind, an id and a name.
    pub fn new(kind: EntityKind, id: &str, name: &str) -> EntityParams {
        EntityParams {
            kind,
            id: id.to_string(),
            name: name.to_string(),
            aliases: Vec::new(),
            note: None,
            place: None,
            start: None,
            end: None,
            founded: None,
            dissolved: None,
            universal: false,
            cow: None,
            gw: None,
            date: None,
            session: None,
            resolution: None,
        }
    }
}

/// A relation to add. `from`, `to` and `over` are ids here (resolving
/// names is [`super::ops`]'s job); the kind-specific fields must fit the
/// kind.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RelationParams {
    /// What kind of relation it is.
    pub kind: RelationKind,
    /// The entity it goes from.
    pub from: String,
    /// The entity it goes to.
    pub to: String,
    /// First day in force (a date).
    pub since: Option<String>,
    /// First day no longer in force (a date).
    pub until: Option<String>,
    /// The id of a listed source.
    pub source: Option<String>,
    /// A free-text note.
    pub note: Option<String>,
    /// `leads` and `serves` only (and required there): the office.
    pub role: Option<String>,
    /// `leads` and `serves` only: held in an acting capacity.
    pub acting: bool,
    /// `dispute` and `conflict` only: the issue it is over.
    pub over: Option<String>,
    /// `stance` only (and required there): the position taken.
    pub position: Option<Position>,
    /// `vote` only (and required there): the ballot cast (`--position
    /// yes|no|abstain` on the command line, `position` in the file).
    pub ballot: Option<Ballot>,
    /// `alliance` only: its type.
    pub alliance: Option<AllianceType>,
}

impl RelationParams {
    /// A relation of `kind` from `from` to `to`, with no other field.
    pub fn new(kind: RelationKind, from: &str, to: &str) -> RelationParams {
        RelationParams {
            kind,
            from: from.to_string(),
            to: to.to_string(),
            since: None,
            until: None,
            source: None,
            note: None,
            role: None,
            acting: false,
            over: None,
            position: None,
            ballot: None,
            alliance: None,
        }
    }
}

/// A source to add, which relations can then cite.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SourceParams {
    /// Its id, as relations cite it.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Who published it.
    pub publisher: Option<String>,
    /// When (a date).
    pub date: Option<String>,
    /// Where to read it.
    pub url: Option<String>,
    /// A free-text note.
    pub note: Option<String>,
    /// What it records (words), and the first and the first uncovered day
    /// (dates), when it declares its coverage.
    pub coverage: Option<(String, Option<String>, Option<String>)>,
}

/// Checks the date `text` given for field `what` and returns it in
/// canonical form.
///
/// ```
/// use diplograph::edit::records::date;
/// assert_eq!(date("since", "2017-06-09").unwrap(), "2017-06-09");
/// assert!(date("since", "2017-13").unwrap_err().to_string().starts_with("--since: "));
/// ```
pub fn date(what: &str, text: &str) -> Result<String, Error> {
    text.parse::<PartialDate>()
        .map(|d| d.to_string())
        .map_err(|e| Error::Usage(format!("--{what}: {e}")))
}

fn opt_date(what: &str, text: Option<&str>) -> Result<Option<String>, Error> {
    text.map(|t| date(what, t)).transpose()
}

/// Refuses a text given for `--option` that holds a control character (a
/// line feed, a tab): every text of a database is one line of printable
/// characters. The message quotes the argument with its escapes shown.
///
/// ```
/// use diplograph::edit::records::one_line;
/// let err = one_line("name", "a\nb").unwrap_err().to_string();
/// assert_eq!(err, r#"--name "a\nb" holds a line feed (U+000A); every text in the database is one line of printable characters"#);
/// assert!(one_line("name", "Türkiye").is_ok());
/// ```
pub fn one_line(option: &str, text: &str) -> Result<(), Error> {
    match crate::names::control_character(text) {
        None => Ok(()),
        Some(c) => Err(Error::Usage(format!(
            "--{option} {text:?} holds {}; every text in the database is one line of printable characters",
            crate::names::describe_control(c)
        ))),
    }
}

/// [`one_line`] for an optional text.
fn opt_one_line(option: &str, text: Option<&str>) -> Result<(), Error> {
    text.map_or(Ok(()), |t| one_line(option, t))
}

/// Refuses a `--note` that holds a control character other than a line
/// break or a tab (notes may run over several lines).
fn note_text(text: Option<&str>) -> Result<(), Error> {
    match text.and_then(crate::names::note_control_character) {
        None => Ok(()),
        Some(c) => Err(Error::Usage(format!(
            "--note {:?} holds {}; a note may hold line breaks and tabs, but no other control character",
            text.unwrap_or_default(),
            crate::names::describe_control(c)
        ))),
    }
}

/// The record of an entity. Refuses a malformed id (for its kind), an
/// empty name, texts with control characters, `place`, `start` and `end`
/// on anything but an event, and bad dates: each as a command-line error
/// quoting the option.
///
/// ```
/// use diplograph::model::EntityKind;
/// use diplograph::edit::records::{EntityParams, entity_record};
/// let err = entity_record(&EntityParams::new(EntityKind::Country, "arm", "Armenia")).unwrap_err();
/// assert!(err.to_string().starts_with("--id `arm`: a country id is"), "{err}");
/// ```
///
/// ```
/// use diplograph::model::EntityKind;
/// use diplograph::edit::records::{EntityParams, entity_record};
/// use diplograph::store::save::render_entity;
/// let record = entity_record(&EntityParams::new(EntityKind::Country, "ARM", "Armenia")).unwrap();
/// assert_eq!(render_entity(&record), r#"country(id: "ARM", name: "Armenia")"#);
/// ```
pub fn entity_record(params: &EntityParams) -> Result<EntityRecord, Error> {
    one_line("id", &params.id)?;
    one_line("name", &params.name)?;
    for alias in &params.aliases {
        one_line("alias", alias)?;
    }
    note_text(params.note.as_deref())?;
    opt_one_line("place", params.place.as_deref())?;
    if let Some(help) = crate::store::validate::id_shape_problem(params.kind, &params.id) {
        return Err(Error::Usage(format!("--id `{}`: {help}", params.id)));
    }
    if params.name.trim().is_empty() {
        return Err(Error::Usage("--name is empty".into()));
    }
    if let Some(alias) = params
        .aliases
        .iter()
        .find(|a| crate::names::fold(a).is_empty())
    {
        return Err(Error::Usage(format!("--alias {alias:?} is empty")));
    }
    entity_fields(params)
}

/// The record of an entity from its fields, refusing only event fields on
/// other kinds and bad dates.
fn entity_fields(params: &EntityParams) -> Result<EntityRecord, Error> {
    let named = || NamedRecord {
        id: params.id.clone(),
        name: params.name.clone(),
        aliases: params.aliases.clone(),
        note: params.note.clone(),
    };
    if params.kind != EntityKind::Event
        && (params.place.is_some() || params.start.is_some() || params.end.is_some())
    {
        return Err(Error::Usage(
            "--place, --start and --end describe events only".into(),
        ));
    }
    if params.kind != EntityKind::RollCall
        && (params.date.is_some() || params.session.is_some() || params.resolution.is_some())
    {
        return Err(Error::Usage(
            "--date, --session and --resolution describe roll calls only".into(),
        ));
    }
    if params.kind != EntityKind::Country && (params.cow.is_some() || params.gw.is_some()) {
        return Err(Error::Usage(
            "--cow and --gw describe countries only".into(),
        ));
    }
    if params.kind != EntityKind::Organization
        && (params.founded.is_some() || params.dissolved.is_some() || params.universal)
    {
        return Err(Error::Usage(
            "--founded, --dissolved and --universal describe organizations only".into(),
        ));
    }
    Ok(match params.kind {
        EntityKind::Country => EntityRecord::Country(CountryRecord {
            id: params.id.clone(),
            name: params.name.clone(),
            aliases: params.aliases.clone(),
            codes: (params.cow.is_some() || params.gw.is_some()).then_some(CodesRecord {
                cow: params.cow,
                gw: params.gw,
            }),
            statehood: Vec::new(),
            note: params.note.clone(),
        }),
        EntityKind::Person => EntityRecord::Person(named()),
        EntityKind::Organization => EntityRecord::Organization(OrganizationRecord {
            id: params.id.clone(),
            name: params.name.clone(),
            aliases: params.aliases.clone(),
            founded: opt_date("founded", params.founded.as_deref())?,
            dissolved: opt_date("dissolved", params.dissolved.as_deref())?,
            universal: params.universal,
            note: params.note.clone(),
        }),
        EntityKind::Issue => EntityRecord::Issue(named()),
        EntityKind::Event => EntityRecord::Event(EventRecord {
            id: params.id.clone(),
            name: params.name.clone(),
            aliases: params.aliases.clone(),
            place: params.place.clone(),
            start: opt_date("start", params.start.as_deref())?,
            end: opt_date("end", params.end.as_deref())?,
            note: params.note.clone(),
        }),
        EntityKind::RollCall => EntityRecord::RollCall(RollCallRecord {
            id: params.id.clone(),
            name: params.name.clone(),
            aliases: params.aliases.clone(),
            date: match params.date.as_deref() {
                Some(text) => date("date", text)?,
                None => return Err(Error::Usage("a roll call needs --date".into())),
            },
            session: params.session,
            resolution: params.resolution.clone(),
            important: None,
            amendment: None,
            paragraph: None,
            note: params.note.clone(),
        }),
    })
}

/// The record of an entity an importer creates for an id it met: id and
/// name are the id, with `note`.
///
/// The id is taken as the input gives it: one the database would refuse
/// (a malformed id) is reported by the validation of the whole import.
///
/// Refuses the one kind that cannot be created from an id alone: a roll
/// call, which needs its day.
pub fn placeholder_entity(kind: EntityKind, id: &str, note: &str) -> Result<EntityRecord, Error> {
    let mut params = EntityParams::new(kind, id, id);
    params.note = Some(note.to_string());
    entity_fields(&params).map_err(|_| {
        Error::Usage(format!(
            "`{id}` is unknown, and a {kind} cannot be created from its id alone; add it first"
        ))
    })
}

/// The record of a source; refuses an empty id or title, texts with
/// control characters and a bad date.
pub fn source_record(params: &SourceParams) -> Result<SourceRecord, Error> {
    one_line("id", &params.id)?;
    one_line("title", &params.title)?;
    opt_one_line("publisher", params.publisher.as_deref())?;
    opt_one_line("url", params.url.as_deref())?;
    note_text(params.note.as_deref())?;
    if params.id.trim().is_empty() {
        return Err(Error::Usage("--id is empty".into()));
    }
    if params.title.trim().is_empty() {
        return Err(Error::Usage("--title is empty".into()));
    }
    Ok(SourceRecord {
        id: params.id.clone(),
        title: params.title.clone(),
        publisher: params.publisher.clone(),
        date: opt_date("date", params.date.as_deref())?,
        url: params.url.clone(),
        note: params.note.clone(),
        coverage: match &params.coverage {
            Some((records, since, until)) => Some(CoverageRecord {
                records: records.clone(),
                since: opt_date("covers-since", since.as_deref())?,
                until: opt_date("covers-until", until.as_deref())?,
            }),
            None => None,
        },
    })
}

/// Refuses the kind-specific fields of `params` that its kind lacks, and
/// requires those it must have (the check that does not depend on dates or
/// ids, so an importer can make it once for every row). Which kind takes
/// which field is read off the file schema ([`crate::schema::fields`]), so
/// a new kind with a `role` (like `serves`) needs nothing here; where the
/// schema has a `role` or a `position`, it requires one.
pub fn check_kind_fields(params: &RelationParams) -> Result<(), Error> {
    let kind = params.kind;
    let table = crate::schema::fields::relations();
    let takes = |k: RelationKind, field: &str| {
        table
            .fields_of(k.name())
            .is_some_and(|fields| fields.contains(&field))
    };
    let given = [
        ("role", params.role.is_some()),
        ("acting", params.acting),
        ("over", params.over.is_some()),
        (
            "position",
            params.position.is_some() || params.ballot.is_some(),
        ),
        ("type", params.alliance.is_some()),
    ];
    for (field, present) in given {
        if present && !takes(kind, field) {
            let kinds: Vec<&str> = RelationKind::ALL
                .iter()
                .filter(|k| takes(**k, field))
                .map(|k| k.name())
                .collect();
            return Err(Error::Usage(format!(
                "--{field} belongs to {} relations, not {kind}",
                kinds.join(" and ")
            )));
        }
    }
    if takes(kind, "role") && params.role.is_none() {
        return Err(Error::Usage(format!(
            "{kind} needs --role, e.g. --role {}",
            if kind == RelationKind::Leads {
                "President"
            } else {
                "\"Foreign Minister\""
            }
        )));
    }
    // `position` is a stance's position or a vote's ballot: each kind
    // needs its own.
    let needs = match kind {
        RelationKind::Vote => params.ballot.is_none().then_some("yes|no|abstain"),
        _ if takes(kind, "position") => params
            .position
            .is_none()
            .then_some("supports|opposes|neutral"),
        _ => None,
    };
    if let Some(choices) = needs {
        return Err(Error::Usage(format!("{kind} needs --position {choices}")));
    }
    if (kind == RelationKind::Vote && params.position.is_some())
        || (kind != RelationKind::Vote && params.ballot.is_some())
    {
        return Err(Error::Usage(format!(
            "--position for {kind} is {}",
            if kind == RelationKind::Vote {
                "yes, no or abstain"
            } else {
                "supports, opposes or neutral"
            }
        )));
    }
    Ok(())
}

/// The record of a relation: dates checked and made canonical, fields the
/// kind lacks refused, fields it needs (`role`, `position`) required.
///
/// ```
/// use diplograph::model::RelationKind;
/// use diplograph::edit::records::{RelationParams, relation_record};
/// use diplograph::store::save::render_relation;
/// let mut params = RelationParams::new(RelationKind::Member, "IND", "SCO");
/// params.since = Some("2017-06-09".into());
/// let record = relation_record(&params).unwrap();
/// assert_eq!(render_relation(&record), r#"member(from: "IND", to: "SCO", since: "2017-06-09")"#);
/// params.role = Some("President".into());
/// assert!(relation_record(&params).is_err());
/// ```
pub fn relation_record(params: &RelationParams) -> Result<RelationRecord, Error> {
    let since = opt_date("since", params.since.as_deref())?;
    let until = opt_date("until", params.until.as_deref())?;
    opt_one_line("source", params.source.as_deref())?;
    note_text(params.note.as_deref())?;
    opt_one_line("role", params.role.as_deref())?;
    check_kind_fields(params)?;
    if params.role.as_deref().is_some_and(|r| r.trim().is_empty()) {
        return Err(Error::Usage("--role is empty".into()));
    }
    if let (Some(s), Some(u)) = (&since, &until) {
        let day = |t: &str| t.parse::<PartialDate>().ok().map(|d| d.first_day());
        if day(u) <= day(s) {
            return Err(Error::Usage(format!(
                "--until {u} is not after --since {s}: a relation holds from `since` up to but not including `until`"
            )));
        }
    }
    let (from, to, source, note) = (
        params.from.clone(),
        params.to.clone(),
        params.source.clone(),
        params.note.clone(),
    );
    Ok(RelationRecord::from_parts(Parts {
        kind: params.kind,
        tie: TieRecord {
            from,
            to,
            since,
            until,
            source,
            note,
        },
        role: params.role.clone(),
        acting: params.acting,
        over: params.over.clone(),
        position: params.position,
        ballot: params.ballot,
        alliance: params.alliance,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::save::{render_entity, render_relation, render_source};

    fn usage(err: Error) -> String {
        match err {
            Error::Usage(message) => message,
            other => panic!("expected a usage error, got {other:?}"),
        }
    }

    #[test]
    fn every_entity_kind_keeps_its_fields() {
        let mut params = EntityParams::new(EntityKind::Country, "ARM", "Armenia");
        params.aliases = vec!["Republic of Armenia".into()];
        params.note = Some("joined 1992".into());
        assert_eq!(
            render_entity(&entity_record(&params).unwrap()),
            r#"country(id: "ARM", name: "Armenia", aliases: ["Republic of Armenia"], note: "joined 1992")"#
        );
        for (kind, word, id) in [
            (EntityKind::Person, "person", "x"),
            (EntityKind::Organization, "organization", "XO"),
            (EntityKind::Issue, "issue", "x"),
        ] {
            let record = entity_record(&EntityParams::new(kind, id, "X")).unwrap();
            assert_eq!(
                render_entity(&record),
                format!(r#"{word}(id: "{id}", name: "X")"#)
            );
        }
        let mut event = EntityParams::new(EntityKind::Event, "astana-2024", "Astana summit");
        event.place = Some("Astana".into());
        event.start = Some("2024-07-03".into());
        event.end = Some("2024-07-04".into());
        assert_eq!(
            render_entity(&entity_record(&event).unwrap()),
            r#"event(id: "astana-2024", name: "Astana summit", place: "Astana", start: "2024-07-03", end: "2024-07-04")"#
        );
    }

    #[test]
    fn event_fields_on_other_kinds_and_bad_dates_are_refused() {
        let mut params = EntityParams::new(EntityKind::Country, "ARM", "Armenia");
        params.place = Some("Yerevan".into());
        assert_eq!(
            usage(entity_record(&params).unwrap_err()),
            "--place, --start and --end describe events only"
        );
        let mut event = EntityParams::new(EntityKind::Event, "e", "E");
        event.start = Some("2024-02-30".into());
        assert!(usage(entity_record(&event).unwrap_err()).starts_with("--start: "));
        let source = SourceParams {
            id: "s".into(),
            title: "T".into(),
            publisher: None,
            date: Some("yesterday".into()),
            url: None,
            note: None,
            coverage: None,
        };
        assert!(usage(source_record(&source).unwrap_err()).starts_with("--date: "));
        let source = SourceParams {
            coverage: Some(("statuses".into(), Some("2001-13".into()), None)),
            date: None,
            ..source
        };
        assert!(usage(source_record(&source).unwrap_err()).starts_with("--covers-since: "));
    }

    #[test]
    fn a_source_keeps_its_fields_and_its_date_is_made_canonical() {
        let source = SourceParams {
            id: "astana-2024".into(),
            title: "Astana Declaration".into(),
            publisher: Some("SCO".into()),
            date: Some("2024-07".into()),
            url: Some("https://example.org".into()),
            note: None,
            coverage: Some(("SCO statuses".into(), Some("2001-06-15".into()), None)),
        };
        assert_eq!(
            render_source(&source_record(&source).unwrap()),
            r#"(id: "astana-2024", title: "Astana Declaration", publisher: "SCO", date: "2024-07", url: "https://example.org", coverage: (records: "SCO statuses", since: "2001-06-15"))"#
        );
    }

    #[test]
    fn relation_kinds_take_their_own_fields_and_refuse_others() {
        let mut leads = RelationParams::new(RelationKind::Leads, "p", "RUS");
        assert_eq!(
            usage(relation_record(&leads).unwrap_err()),
            "leads needs --role, e.g. --role President"
        );
        leads.role = Some("President".into());
        leads.acting = true;
        leads.since = Some("2024-05-07".into());
        assert_eq!(
            render_relation(&relation_record(&leads).unwrap()),
            r#"leads(from: "p", to: "RUS", role: "President", acting: true, since: "2024-05-07")"#
        );
        let mut member = RelationParams::new(RelationKind::Member, "IND", "SCO");
        member.acting = true;
        assert_eq!(
            usage(relation_record(&member).unwrap_err()),
            "--acting belongs to leads and serves relations, not member"
        );
        member.acting = false;
        member.role = Some("x".into());
        assert_eq!(
            usage(relation_record(&member).unwrap_err()),
            "--role belongs to leads and serves relations, not member"
        );
        let mut alliance = RelationParams::new(RelationKind::Alliance, "A", "B");
        alliance.over = Some("kashmir".into());
        assert_eq!(
            usage(relation_record(&alliance).unwrap_err()),
            "--over belongs to dispute and conflict relations, not alliance"
        );
        let mut dispute = RelationParams::new(RelationKind::Dispute, "IND", "PAK");
        dispute.over = Some("kashmir".into());
        assert_eq!(
            render_relation(&relation_record(&dispute).unwrap()),
            r#"dispute(from: "IND", to: "PAK", over: "kashmir")"#
        );
        let mut stance = RelationParams::new(RelationKind::Stance, "IND", "kashmir");
        assert_eq!(
            usage(relation_record(&stance).unwrap_err()),
            "stance needs --position supports|opposes|neutral"
        );
        stance.position = Some(Position::Opposes);
        stance.note = Some("n".into());
        assert_eq!(
            render_relation(&relation_record(&stance).unwrap()),
            r#"stance(from: "IND", to: "kashmir", position: opposes, note: "n")"#
        );
        member.role = None;
        member.position = Some(Position::Supports);
        assert_eq!(
            usage(relation_record(&member).unwrap_err()),
            "--position belongs to stance and vote relations, not member"
        );
    }

    #[test]
    fn relation_dates_are_checked_and_made_canonical() {
        let mut params = RelationParams::new(RelationKind::Partnership, "A", "B");
        params.since = Some("2017".into());
        params.until = Some("2020-01-01".into());
        params.source = Some("s".into());
        assert_eq!(
            render_relation(&relation_record(&params).unwrap()),
            r#"partnership(from: "A", to: "B", since: "2017", until: "2020-01-01", source: "s")"#
        );
        params.until = Some("2020-00".into());
        assert!(usage(relation_record(&params).unwrap_err()).starts_with("--until: "));
    }

    #[test]
    fn a_placeholder_entity_is_named_by_its_id() {
        let record = placeholder_entity(EntityKind::Country, "ARM", "created by import").unwrap();
        assert_eq!(
            render_entity(&record),
            r#"country(id: "ARM", name: "ARM", note: "created by import")"#
        );
        let refused = placeholder_entity(EntityKind::RollCall, "unga-3", "created").unwrap_err();
        assert!(
            refused
                .to_string()
                .contains("cannot be created from its id alone")
        );
    }
}
