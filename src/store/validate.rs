//! Semantic validation: turns a parsed [`GraphFile`] into a [`Snapshot`]
//! (the one validated form of a database), or into the complete list of
//! what is wrong with it. The rules that the fast reader applies too live
//! in [`super::rules`], written once for both.
//!
//! Checks, each reported with the element it concerns:
//! - format version; ids well-formed for their kind; names non-empty;
//! - ids unique, and no alias (or name) shared by two entities, compared
//!   the way the CLI resolves names (case- and accent-insensitive);
//! - every relation's endpoints exist ("did you mean" otherwise), are not
//!   the same entity, and have kinds the relation allows;
//! - `until` after `since`; an event's end not before its start;
//! - every cited source is listed; `over` names an issue;
//! - no fact recorded twice for overlapping periods, no state both member
//!   and observer of one organization at once, no office held by two
//!   people at once.

use std::collections::HashMap;

use std::ops::ControlFlow;

use super::convert::{entity_from_record, relation_from_record};
use super::rules::{self, Clash, Fact};
use super::snapshot::Snapshot;
use crate::date::{PartialDate, Validity};
use crate::model::{Coverage, Database, Entity, EntityKind, Relation, Source};
use crate::names::{NameIndex, fold};
use crate::schema::{FORMAT_VERSION, GraphFile};

/// Which part of the file a problem is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Site {
    /// The file as a whole (e.g. its version).
    File,
    /// The n-th source.
    Source(usize),
    /// The n-th entity.
    Entity(usize),
    /// The n-th relation.
    Relation(usize),
}

/// A problem before it is given a position in the text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RawProblem {
    /// The element (or the file) at fault; becomes a line and column.
    pub site: Site,
    /// What is wrong, naming the element; becomes [`Problem::message`](crate::error::Problem::message).
    pub message: String,
    /// How to fix it, if there is something specific to say.
    pub help: Option<String>,
    /// Text inside the element to point at (e.g. a bad date), if any.
    pub focus: Option<String>,
    /// For file-level problems: the field whose value `focus` is looked
    /// for after, so that the same text elsewhere is not mistaken for it.
    pub field: Option<&'static str>,
}

/// Validates and converts; on failure returns every problem found.
///
/// ```
/// use diplograph::store::{parse, validate::validate};
/// let file = parse("g.ron", r#"(version: 1, checked: "2024", entities: [
///     country(id: "RUS", name: "Russia"), country(id: "rus", name: "Russia again")])"#).unwrap();
/// let problems = validate(file).unwrap_err();
/// assert!(!problems.is_empty());
/// assert!(problems[0].message.to_lowercase().contains("rus"), "{}", problems[0].message);
/// ```
pub fn validate(file: GraphFile) -> Result<Snapshot, Vec<RawProblem>> {
    let mut problems = Problems::default();
    if file.version != FORMAT_VERSION {
        problems.0.push(RawProblem {
            site: Site::File,
            message: format!(
                "format version {} is not supported; this diplograph reads version {FORMAT_VERSION}",
                file.version
            ),
            help: None,
            focus: Some("version".into()),
            field: None,
        });
    }
    let checked = problems.date(Site::File, &file.checked);
    let sources = check_sources(&file, &mut problems);
    let entities: Vec<Entity> = file
        .entities
        .into_iter()
        .enumerate()
        .map(|(i, record)| entity_from_record(record, &mut |t| problems.date(Site::Entity(i), t)))
        .collect();
    check_entities(&entities, &sources, &mut problems);
    let relations: Vec<Relation> = file
        .relations
        .into_iter()
        .enumerate()
        .map(|(i, record)| {
            relation_from_record(record, &mut |t| problems.date(Site::Relation(i), t))
        })
        .collect();
    check_relations(&entities, &sources, &relations, &mut problems);
    check_one_line(&sources, &entities, &relations, &mut problems);
    // In file order, whichever check found them.
    problems.0.sort_by_key(|p| p.site);
    match checked {
        Some(checked) if problems.0.is_empty() => Ok(Snapshot::from_database(&Database {
            checked,
            sources,
            entities,
            relations,
        })),
        _ => Err(problems.0),
    }
}

#[derive(Default)]
struct Problems(Vec<RawProblem>);

impl Problems {
    fn push(&mut self, site: Site, message: String, help: Option<String>) {
        self.0.push(RawProblem {
            site,
            message,
            help,
            focus: None,
            field: None,
        });
    }

    /// Parses a date of the element at `site`, recording why it is bad.
    fn date(&mut self, site: Site, text: &str) -> Option<PartialDate> {
        match text.parse() {
            Ok(date) => Some(date),
            Err(err) => {
                self.0.push(RawProblem {
                    site,
                    message: format!("{err}"),
                    help: None,
                    focus: Some(format!("\"{text}\"")),
                    field: (site == Site::File).then_some("checked"),
                });
                None
            }
        }
    }
}

/// A problem for every text (id, name, alias, role, title, …) that holds
/// a control character: each is one line of printable characters, so that
/// it reads, greps and prints as one line; and for every note that holds
/// one other than a line break or a tab.
fn check_one_line(
    sources: &[Source],
    entities: &[Entity],
    relations: &[Relation],
    problems: &mut Problems,
) {
    let mut check = |site: Site, owner: &dyn Fn() -> String, field: &str, text: Option<&String>| {
        let (found, help) = if field == "note" {
            (
                text.and_then(|t| crate::names::note_control_character(t)),
                "a note may hold line breaks and tabs, but no other control character",
            )
        } else {
            (
                text.and_then(|t| crate::names::control_character(t)),
                "ids, names and every text but notes are one line of printable characters",
            )
        };
        if let Some(c) = found {
            problems.push(
                site,
                format!(
                    "the {field} of {} holds {}",
                    owner(),
                    crate::names::describe_control(c)
                ),
                Some(help.into()),
            );
        }
    };
    for (i, s) in sources.iter().enumerate() {
        let owner = || format!("source `{}`", s.id.escape_debug());
        let texts = [
            ("id", Some(&s.id)),
            ("title", Some(&s.title)),
            ("publisher", s.publisher.as_ref()),
            ("url", s.url.as_ref()),
            ("note", s.note.as_ref()),
        ];
        for (field, text) in texts {
            check(Site::Source(i), &owner, field, text);
        }
    }
    for (i, e) in entities.iter().enumerate() {
        let owner = || format!("`{}`", e.id.escape_debug());
        let place = e.event.as_ref().and_then(|ev| ev.place.as_ref());
        let texts = [
            ("id", Some(&e.id)),
            ("name", Some(&e.name)),
            ("note", e.note.as_ref()),
            ("place", place),
        ];
        let aliases = e.aliases.iter().map(|a| ("alias", Some(a)));
        for (field, text) in texts.into_iter().chain(aliases) {
            check(Site::Entity(i), &owner, field, text);
        }
    }
    for (i, r) in relations.iter().enumerate() {
        let owner = || describe(r).escape_debug().to_string();
        let texts = [
            ("from", Some(&r.from)),
            ("to", Some(&r.to)),
            ("source", r.source.as_ref()),
            ("note", r.note.as_ref()),
            ("role", r.role.as_ref()),
            ("over", r.over.as_ref()),
        ];
        for (field, text) in texts {
            check(Site::Relation(i), &owner, field, text);
        }
    }
}

fn check_sources(file: &GraphFile, problems: &mut Problems) -> Vec<Source> {
    let sources: Vec<Source> = file
        .sources
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let mut date = |text: &Option<String>| {
                text.as_deref()
                    .and_then(|d| problems.date(Site::Source(i), d))
            };
            Source {
                id: s.id.clone(),
                title: s.title.clone(),
                publisher: s.publisher.clone(),
                date: date(&s.date),
                url: s.url.clone(),
                note: s.note.clone(),
                coverage: s.coverage.as_ref().map(|c| Coverage {
                    records: c.records.clone(),
                    since: date(&c.since),
                    until: date(&c.until),
                }),
            }
        })
        .collect();
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for (i, source) in file.sources.iter().enumerate() {
        if source.id.trim().is_empty() {
            problems.push(Site::Source(i), "source has an empty id".into(), None);
        } else if let Some(first) = seen.insert(&source.id, i) {
            problems.push(
                Site::Source(i),
                format!("source id `{}` is used twice", source.id),
                Some(format!("source #{} already has this id", first + 1)),
            );
        }
        if source.title.trim().is_empty() {
            problems.push(
                Site::Source(i),
                format!("source `{}` has an empty title", source.id),
                None,
            );
        }
        if let Some(coverage) = &sources[i].coverage {
            if coverage.records.trim().is_empty() {
                problems.push(
                    Site::Source(i),
                    format!(
                        "source `{}` covers nothing: its `records` is empty",
                        source.id
                    ),
                    Some("say in words what the source records".into()),
                );
            }
            if Validity::new(coverage.since, coverage.until).is_empty() {
                problems.push(
                    Site::Source(i),
                    format!(
                        "source `{}` covers no day: its coverage ends before it starts",
                        source.id
                    ),
                    Some("`until` is the first day no longer covered".into()),
                );
            }
        }
    }
    sources
}

/// What is wrong with a country's research numbers, checked against the
/// code table ([`crate::codes`]): each must name a state of its list, and
/// the numbers must be those of the state the id names — the numbers of
/// one of its ISO periods (DEU: COW 255 or 260, Gleditsch–Ward 260), or,
/// for an id ISO never listed, the COW state whose letter code it is.
/// Shared by the validator and the fast reader (which declines on any).
///
/// ```
/// use diplograph::store::validate::codes_problem;
/// assert_eq!(codes_problem("RUS", Some(365), Some(365)), None);
/// assert_eq!(codes_problem("DEU", Some(260), Some(260)), None);
/// assert!(codes_problem("UKR", Some(365), None).unwrap().contains("Russia"));
/// assert!(codes_problem("RUS", Some(9999), None).unwrap().contains("no state"));
/// ```
pub fn codes_problem(id: &str, cow: Option<u16>, gw: Option<u16>) -> Option<String> {
    use crate::codes::{cow_state, gw_state, iso::ISO};
    if cow.is_none() && gw.is_none() {
        return None;
    }
    if let Some(n) = cow
        && cow_state(n).is_none()
    {
        return Some(format!("COW {n} is no state in the Correlates of War list"));
    }
    if let Some(n) = gw
        && gw_state(n).is_none()
    {
        return Some(format!("Gleditsch–Ward {n} is no state in their list"));
    }
    let lines: Vec<_> = ISO.iter().filter(|line| line.alpha3 == id).collect();
    // The ISO alpha-3 codes of the lines that pass, each once, sorted.
    let alpha3s = |pass: &dyn Fn(&crate::codes::IsoCode) -> bool| {
        let mut codes: Vec<&str> = ISO.iter().filter(|l| pass(l)).map(|l| l.alpha3).collect();
        codes.sort_unstable();
        codes.dedup();
        codes.join(", ")
    };
    let describe_cow = |n: u16| {
        let state = cow_state(n).map_or("?", |s| s.name);
        format!(
            "COW {n} is {state} (ISO {})",
            alpha3s(&|line: &crate::codes::IsoCode| line.cow == n)
        )
    };
    if lines.is_empty() {
        // No ISO code: the id is the COW letter code of the state.
        return match cow.and_then(cow_state) {
            Some(state) if state.abb != id => Some(format!(
                "{}, whose COW letter code is `{}`, not `{id}`",
                describe_cow(state.ccode),
                state.abb
            )),
            _ => None,
        };
    }
    if let Some(n) = cow
        && !lines.iter().any(|line| line.cow == n)
    {
        return Some(format!("{}, not `{id}`", describe_cow(n)));
    }
    if let Some(n) = gw
        && !lines.iter().any(|line| line.gw == n)
    {
        let state = gw_state(n).map_or("?", |s| s.name);
        return Some(format!(
            "Gleditsch–Ward {n} is {state} (ISO {}), not `{id}`",
            alpha3s(&|line: &crate::codes::IsoCode| line.gw == n)
        ));
    }
    None
}

/// Whether `id` has the form the issue's conventions give its kind.
/// What is wrong with a country's statehood spells, given as half-open
/// day-number intervals (open ends as `i32::MIN`/`i32::MAX`), or `None`:
/// each must hold at least a day, and they must come in order without
/// overlapping. The one rule both readers apply. O(spells).
///
/// ```
/// use diplograph::store::validate::statehood_problem;
/// assert_eq!(statehood_problem(&[(i32::MIN, 10), (20, i32::MAX)]), None);
/// assert!(statehood_problem(&[(0, 10), (5, 20)]).unwrap().contains("spell 2"));
/// assert!(statehood_problem(&[(10, 10)]).unwrap().contains("spell 1"));
/// ```
pub fn statehood_problem(spells: &[(i32, i32)]) -> Option<String> {
    for (i, &(since, until)) in spells.iter().enumerate() {
        if until <= since {
            return Some(format!(
                "statehood spell {} ends no later than it starts",
                i + 1
            ));
        }
        if i > 0 && since < spells[i - 1].1 {
            return Some(format!(
                "statehood spell {} starts before spell {i} ends: spells come in order, apart",
                i + 1
            ));
        }
    }
    None
}

pub(crate) fn id_shape_problem(kind: EntityKind, id: &str) -> Option<String> {
    let slug = |s: &str| {
        !s.is_empty()
            && s.split('-').all(|part| {
                !part.is_empty()
                    && part
                        .bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
            })
    };
    let ok = match kind {
        EntityKind::Country => id.len() == 3 && id.bytes().all(|b| b.is_ascii_uppercase()),
        EntityKind::Organization => {
            !id.is_empty()
                && id.bytes().next().is_some_and(|b| b.is_ascii_uppercase())
                && id
                    .bytes()
                    .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b"&+-".contains(&b))
        }
        EntityKind::Person | EntityKind::Event | EntityKind::Issue | EntityKind::RollCall => {
            slug(id)
        }
    };
    (!ok).then(|| match kind {
        EntityKind::Country => {
            "a country id is its ISO 3166-1 alpha-3 code: three capital letters, e.g. \"RUS\""
        }
        EntityKind::Organization => {
            "an organization id is its acronym in capitals, e.g. \"SCO\" or \"G20\""
        }
        EntityKind::Person | EntityKind::Event | EntityKind::Issue | EntityKind::RollCall => {
            "this id must be a lowercase slug: letters and digits joined by '-', e.g. \"xi-jinping\""
        }
    }
    .to_string())
}

/// Problems with a country's statehood spells: their order
/// ([`statehood_problem`]) and the sources they cite.
fn check_statehood(
    site: Site,
    id: &str,
    spells: &[crate::model::Spell],
    sources: &[Source],
    problems: &mut Problems,
) {
    let days: Vec<(i32, i32)> = spells
        .iter()
        .map(|s| {
            (
                s.since.map_or(i32::MIN, |d| d.day_number()),
                s.until.map_or(i32::MAX, |d| d.day_number()),
            )
        })
        .collect();
    if let Some(problem) = statehood_problem(&days) {
        problems.push(
            site,
            format!("country `{id}`: {problem}"),
            Some("`until` is the first day it no longer existed as a state".into()),
        );
    }
    for spell in spells {
        if let Some(cited) = &spell.source
            && !sources.iter().any(|s| &s.id == cited)
        {
            problems.push(
                site,
                format!("country `{id}`: statehood cites unknown source `{cited}`"),
                Some("add it to `sources` first".into()),
            );
        }
    }
}

fn check_entities(entities: &[Entity], sources: &[Source], problems: &mut Problems) {
    let mut ids: HashMap<String, usize> = HashMap::new();
    // Every folded id, name and alias, with the entity that first used it.
    let mut names: HashMap<String, usize> = HashMap::new();
    for (i, entity) in entities.iter().enumerate() {
        let site = Site::Entity(i);
        if let Some(help) = id_shape_problem(entity.kind, &entity.id) {
            problems.push(
                site,
                format!("{} id `{}` is malformed", entity.kind, entity.id),
                Some(help),
            );
        }
        if entity.name.trim().is_empty() {
            problems.push(site, format!("`{}` has an empty name", entity.id), None);
        }
        if let Some(first) = ids.insert(entity.id.to_lowercase(), i) {
            problems.push(
                site,
                format!("duplicate id `{}`", entity.id),
                Some(format!(
                    "`{}` ({}) already uses this id; ids are compared ignoring case",
                    entities[first].name, entities[first].kind
                )),
            );
            continue;
        }
        let mut own = std::collections::HashSet::new();
        for text in std::iter::once(&entity.id)
            .chain(std::iter::once(&entity.name))
            .chain(&entity.aliases)
        {
            let key = fold(text);
            if key.is_empty() {
                problems.push(site, format!("`{}` has an empty alias", entity.id), None);
                continue;
            }
            if !own.insert(key.clone()) {
                continue;
            }
            match names.get(&key) {
                Some(&other) if other != i => problems.push(
                    site,
                    format!(
                        "`{text}` would name both `{}` and `{}`",
                        entities[other].id, entity.id
                    ),
                    Some(
                        "names and aliases must be unique (ignoring case and accents) so that \
                         every name resolves to one entity"
                            .into(),
                    ),
                ),
                Some(_) => {}
                None => {
                    names.insert(key, i);
                }
            }
        }
        if let Some(country) = &entity.country {
            check_statehood(site, &entity.id, &country.statehood, sources, problems);
        }
        if let Some(country) = &entity.country
            && let Some(problem) = codes_problem(&entity.id, country.cow, country.gw)
        {
            problems.push(
                site,
                format!("country `{}`: {problem}", entity.id),
                Some("`codes: (cow: …, gw: …)` are the numbers of the state the id names; `diplograph codes` looks them up".into()),
            );
        }
        if let Some(org) = &entity.organization
            && Validity::new(org.founded, org.dissolved).is_empty()
        {
            problems.push(
                site,
                format!(
                    "organization `{}` is dissolved ({}) no later than it is founded ({})",
                    entity.id,
                    org.dissolved.map(|d| d.to_string()).unwrap_or_default(),
                    org.founded.map(|d| d.to_string()).unwrap_or_default(),
                ),
                Some("`dissolved` is the first day it no longer existed".into()),
            );
        }
        if let Some(event) = &entity.event
            && let (Some(start), Some(end)) = (event.start, event.end)
            && end.first_day() < start.first_day()
        {
            problems.push(
                site,
                format!(
                    "event `{}` ends ({end}) before it starts ({start})",
                    entity.id
                ),
                None,
            );
        }
    }
}

/// "a country", "an organization", "a country or person".
pub(crate) fn kinds_text(kinds: &[EntityKind]) -> String {
    let names: Vec<_> = kinds.iter().map(|k| k.name()).collect();
    let article = names
        .first()
        .map_or("a", |first| crate::error::article(first));
    match names.as_slice() {
        [one] => format!("{article} {one}"),
        [init @ .., last] => format!("{article} {} or {last}", init.join(", ")),
        [] => String::new(),
    }
}

/// A problem if an entity of `kind` may not stand at the `end` (`"from"` or
/// `"to"`) of `rel`.
fn check_end(site: Site, rel: &Relation, end: &str, kind: EntityKind, problems: &mut Problems) {
    let (id, allowed) = if end == "from" {
        (&rel.from, rel.kind.allowed_from())
    } else {
        (&rel.to, rel.kind.allowed_to())
    };
    if allowed.contains(&kind) {
        return;
    }
    problems.push(
        site,
        format!(
            "{article} {kind} cannot be the `{end}` side of {}: `{id}` is {article} {kind}",
            rel.kind,
            article = crate::error::article(kind.name())
        ),
        Some(format!("{} goes {end} {}", rel.kind, kinds_text(allowed))),
    );
}

/// A problem if `rel` ends before it starts (or on the day it starts).
fn check_interval(site: Site, rel: &Relation, problems: &mut Problems) {
    if !rel.validity.is_empty() {
        return;
    }
    problems.push(
        site,
        format!(
            "{}: until ({}) is not after since ({})",
            describe(rel),
            rel.validity
                .until
                .map(|d| d.to_string())
                .unwrap_or_default(),
            rel.validity
                .since
                .map(|d| d.to_string())
                .unwrap_or_default(),
        ),
        Some(
            "a relation holds from `since` up to but not including `until`; a partial \
             date stands for its first day"
                .into(),
        ),
    );
}

/// The help for an endpoint that names no entity, when none looks like it.
const NO_SUCH_ENTITY: &str = "relations name entities by id; add the entity or fix the id";

/// The help for an `over` that names no entity, when none looks like it.
const NO_SUCH_ISSUE: &str = "`over` names an issue by id; add the issue or fix the id";

/// The help for an id in a relation that names no entity: "did you mean
/// India (IND)?", by name and id as the command line offers them: the
/// entity whose name or alias `text` is exactly (used where its id
/// belongs), else the look-alikes; `otherwise` when nothing is close.
fn suggest(index: &NameIndex, entities: &[Entity], text: &str, otherwise: &str) -> String {
    let found = match index.resolve(text) {
        Ok(crate::names::Match::Exact(pos)) => vec![pos],
        _ => index.suggest_positions(text, 3),
    };
    let named: Vec<crate::error::Named> = found
        .iter()
        .map(|&pos| crate::error::Named {
            name: entities[pos].name.clone(),
            id: entities[pos].id.clone(),
        })
        .collect();
    crate::error::did_you_mean(&named).unwrap_or_else(|| otherwise.to_string())
}

fn check_relations(
    entities: &[Entity],
    sources: &[Source],
    relations: &[Relation],
    problems: &mut Problems,
) {
    let index = NameIndex::new(entities.iter().map(|e| {
        (
            e.id.as_str(),
            e.name.as_str(),
            e.aliases.iter().map(String::as_str),
        )
    }));
    // Entity positions by id: endpoints and `over` here, the overlap rules
    // below.
    let positions: HashMap<&str, u32> = entities
        .iter()
        .enumerate()
        .map(|(i, e)| (e.id.as_str(), i as u32))
        .collect();
    let by_id = |id: &str| positions.get(id).map(|&i| &entities[i as usize]);
    let source_ids: std::collections::HashSet<&str> =
        sources.iter().map(|s| s.id.as_str()).collect();
    let endpoint =
        |id: &str, i: usize, role: &str, problems: &mut Problems| -> Option<EntityKind> {
            if let Some(e) = by_id(id) {
                return Some(e.kind);
            }
            problems.push(
                Site::Relation(i),
                format!(
                    "{} `{}` of {} is not an entity",
                    role,
                    id,
                    describe(&relations[i])
                ),
                Some(suggest(&index, entities, id, NO_SUCH_ENTITY)),
            );
            None
        };
    for (i, rel) in relations.iter().enumerate() {
        let site = Site::Relation(i);
        let from = endpoint(&rel.from, i, "from", problems);
        let to = endpoint(&rel.to, i, "to", problems);
        if rel.from == rel.to {
            problems.push(
                site,
                format!("{} relates `{}` to itself", rel.kind, rel.from),
                None,
            );
        }
        if let Some(kind) = from {
            check_end(site, rel, "from", kind, problems);
        }
        if let Some(kind) = to {
            check_end(site, rel, "to", kind, problems);
        }
        check_interval(site, rel, problems);
        if let Some(source) = &rel.source
            && !source_ids.contains(source.as_str())
        {
            problems.push(
                site,
                format!(
                    "{} cites source `{source}`, which is not listed",
                    describe(rel)
                ),
                Some("add it to `sources`, or fix the id".into()),
            );
        }
        if let Some(role) = &rel.role
            && role.trim().is_empty()
        {
            problems.push(site, format!("{} has an empty role", describe(rel)), None);
        }
        if let Some(over) = &rel.over {
            match by_id(over.as_str()) {
                Some(e) if e.kind == EntityKind::Issue => {}
                Some(e) => problems.push(
                    site,
                    format!(
                        "{} is `over` `{over}`, a {}, not an issue",
                        describe(rel),
                        e.kind
                    ),
                    None,
                ),
                None => problems.push(
                    site,
                    format!(
                        "{} is `over` `{over}`, which is not an entity",
                        describe(rel)
                    ),
                    Some(suggest(&index, entities, over, NO_SUCH_ISSUE)),
                ),
            }
        }
    }
    check_overlaps(entities.len(), &positions, relations, problems);
}

/// A short name for a relation in messages: `member IND → SCO`.
pub fn describe(rel: &Relation) -> String {
    let arrow = if rel.kind.is_symmetric() {
        "—"
    } else {
        "→"
    };
    format!("{} {} {arrow} {}", rel.kind, rel.from, rel.to)
}

/// Facts that cannot hold at the same time ([`rules::overlaps`], the rule
/// the fast reader applies too), each worded on the later relation.
fn check_overlaps(
    entities: usize,
    positions: &HashMap<&str, u32>,
    relations: &[Relation],
    problems: &mut Problems,
) {
    let mut role_classes: HashMap<String, u32> = HashMap::from([(String::new(), 0)]);
    let day = |d: Option<PartialDate>, open: i32| d.map_or(open, |d| d.day_number());
    // Relations whose ends are not entities are reported already.
    let mut numbers = Vec::with_capacity(relations.len());
    let facts: Vec<Fact> = relations
        .iter()
        .enumerate()
        .filter_map(|(i, rel)| {
            let (from, to) = (
                *positions.get(rel.from.as_str())?,
                *positions.get(rel.to.as_str())?,
            );
            let next = role_classes.len() as u32;
            let role = *role_classes
                .entry(rel.role.as_deref().map(fold).unwrap_or_default())
                .or_insert(next);
            numbers.push(i);
            Some(Fact {
                kind: rel.kind,
                from,
                to,
                role,
                since: day(rel.validity.since, i32::MIN),
                until: day(rel.validity.until, i32::MAX),
            })
        })
        .collect();
    let _ = rules::overlaps(entities, &facts, |x, y, clash| {
        let (first, second) = (numbers[x], numbers[y]);
        let (x, y) = (&relations[first], &relations[second]);
        let message = match clash {
            Clash::Twice => format!("{} is recorded twice for overlapping periods", describe(y)),
            Clash::TwoStatuses => format!(
                "`{}` would be both {} and {} of `{}` at once",
                y.from, x.kind, y.kind, y.to
            ),
            Clash::TwoHolders => format!(
                "`{}` and `{}` would both be {} of `{}` at once",
                x.from,
                y.from,
                y.role.as_deref().unwrap_or_default(),
                y.to
            ),
        };
        problems.push(
            Site::Relation(second),
            message,
            Some(format!(
                "relation #{} ({}) covers the same days; set `until` on one or `since` on the \
                 other",
                first + 1,
                describe(x)
            )),
        );
        ControlFlow::Continue(())
    });
}
