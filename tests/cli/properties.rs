//! Property tests: random valid databases round-trip through save and load,
//! and random edit sequences either keep the file valid or are refused
//! without touching it.

use std::collections::BTreeSet;

use diplograph::edit::Document;
use diplograph::schema::{
    CountryRecord, CoverageRecord, EntityRecord, GraphFile, NamedRecord, OfficeRecord,
    OrganizationRecord, RelationRecord, SourceRecord, TieRecord,
};
use diplograph::store::locate::List;
use diplograph::store::save::{format, render_file, render_relation};
use diplograph::store::{load_str, parse};
use proptest::prelude::*;

/// Text that stresses escaping: quotes, backslashes, apostrophes,
/// non-Latin scripts, RON syntax; line breaks and tabs too when
/// `breaks` (notes may hold them, names may not).
fn awkward(breaks: bool) -> impl Strategy<Value = String> {
    let breaks: &[&str] = if breaks { &["\n", "\t"] } else { &[] };
    prop::collection::vec(
        prop_oneof![
            prop::sample::select(
                [
                    ["\"", "\\", "'", "Ш", "北京", "),]", "//"].as_slice(),
                    breaks
                ]
                .concat()
                .into_iter()
                .map(str::to_string)
                .collect::<Vec<_>>()
            ),
            "[a-zA-Z ]{1,8}",
        ],
        1..5,
    )
    .prop_map(|parts| parts.concat())
}

/// Awkward one-line text, for names.
fn awkward_text() -> impl Strategy<Value = String> {
    awkward(false)
}

fn date() -> impl Strategy<Value = (i16, i8)> {
    (1900i16..2030, 1i8..=12)
}

fn text_date((y, m): (i16, i8), precise: bool) -> String {
    if precise {
        format!("{y:04}-{m:02}-01")
    } else {
        format!("{y:04}")
    }
}

prop_compose! {
    fn valid_file()(
        countries in 2usize..7,
        organizations in 1usize..3,
        names in prop::collection::vec(awkward_text(), 10),
        ties in prop::collection::vec((0usize..100, 0usize..100, 0usize..4, date(), 0u16..40, any::<bool>()), 0..25),
        checked in date(),
        note in proptest::option::of(awkward(true)),
    ) -> GraphFile {
        let country_id = |i: usize| format!("A{}{}", (b'A' + (i / 26) as u8) as char, (b'A' + (i % 26) as u8) as char);
        let mut entities = Vec::new();
        for i in 0..countries {
            entities.push(EntityRecord::Country(CountryRecord {
                id: country_id(i),
                // A unique prefix keeps folded names distinct.
                name: format!("Country {i} {}", names[i % names.len()]),
                aliases: vec![format!("C{i} alias {}", names[(i + 3) % names.len()])],
                codes: None,
                statehood: Vec::new(),
                note: note.clone(),
            }));
        }
        for o in 0..organizations {
            entities.push(EntityRecord::Organization(OrganizationRecord {
                id: format!("ORG{o}"),
                name: format!("Organization {o} {}", names[(o + 1) % names.len()]),
                aliases: vec![],
                founded: (o % 2 == 1).then(|| text_date(checked, o % 4 == 1)),
                dissolved: None,
                universal: o % 3 == 0,
                note: None,
            }));
        }
        entities.push(EntityRecord::Person(NamedRecord {
            id: "a-leader".into(),
            name: format!("Leader {}", names[0]),
            aliases: vec![],
            note: None,
        }));
        let sources = vec![SourceRecord {
            id: "src".into(),
            title: format!("Source {}", names[2]),
            publisher: None,
            date: Some(text_date(checked, true)),
            url: None,
            note: note.clone(),
            coverage: Some(CoverageRecord {
                records: format!("ties {}", names[1]),
                since: None,
                until: Some(text_date(checked, true)),
            }),
        }];
        let mut relations = Vec::new();
        let mut used = BTreeSet::new();
        for (a, b, kind, since, length, precise) in ties {
            let (a, b) = (a % countries, b % countries);
            let until = ((since.0 + 1 + length as i16).min(9999), since.1);
            let tie = |from: String, to: String| TieRecord {
                from,
                to,
                since: Some(text_date(since, precise)),
                until: Some(text_date(until, precise)),
                source: precise.then(|| "src".to_string()),
                note: note.clone(),
            };
            let key = match kind {
                2 => (kind, a, b % organizations),
                3 => (kind, a, b),
                _ => (kind, a.min(b), a.max(b)),
            };
            if !used.insert(key) {
                continue;
            }
            let record = match kind {
                0 if a != b => RelationRecord::Partnership(tie(country_id(a), country_id(b))),
                1 if a != b => RelationRecord::Sanctions(tie(country_id(a), country_id(b))),
                2 => RelationRecord::Member(tie(country_id(a), format!("ORG{}", b % organizations))),
                3 => {
                    let t = tie("a-leader".into(), country_id(a));
                    RelationRecord::Leads(OfficeRecord {
                        from: t.from,
                        to: t.to,
                        role: format!("Office {b}"),
                        acting: precise,
                        since: t.since,
                        until: t.until,
                        source: t.source,
                        note: t.note,
                    })
                }
                _ => continue,
            };
            relations.push(record);
        }
        GraphFile {
            version: 1,
            checked: text_date(checked, false),
            sources,
            entities,
            relations,
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn valid_databases_round_trip_through_save_and_load(file in valid_file()) {
        let text = render_file(&file);
        let db = load_str("p.ron", &text).map_err(|e| TestCaseError::fail(format!("{e:?}\n{text}")))?;
        // The records come back exactly, and the text is already canonical.
        prop_assert_eq!(parse("p.ron", &text).unwrap(), file);
        let formatted = format("p.ron", &text).unwrap();
        prop_assert_eq!(&formatted, &text);
        prop_assert_eq!(load_str("p.ron", &formatted).unwrap(), db);
        // One element per line.
        prop_assert!(text.lines().all(|l| !l.contains("),\n")));
    }

    #[test]
    fn random_edits_keep_the_file_valid_or_leave_it_untouched(
        file in valid_file(),
        edits in prop::collection::vec((0usize..3, 0usize..50, 0usize..50, 1900i16..2030), 1..6),
    ) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("graph.ron");
        std::fs::write(&path, render_file(&file)).unwrap();
        for (op, a, b, year) in edits {
            let before = std::fs::read_to_string(&path).unwrap();
            let mut doc = Document::open(&path).unwrap();
            let records = doc.records().clone();
            let countries: Vec<String> = records
                .entities
                .iter()
                .filter(|e| matches!(e, EntityRecord::Country(_)))
                .map(|e| e.id().to_string())
                .collect();
            let applied = match op {
                0 => {
                    let record = RelationRecord::Rivalry(TieRecord {
                        from: countries[a % countries.len()].clone(),
                        to: countries[b % countries.len()].clone(),
                        since: Some(format!("{year:04}")),
                        until: None,
                        source: None,
                        note: None,
                    });
                    doc.insert(List::Relations, None, &[render_relation(&record)])
                }
                1 if !records.relations.is_empty() => {
                    doc.remove(List::Relations, a % records.relations.len())
                }
                2 if !records.relations.is_empty() => {
                    let i = a % records.relations.len();
                    let mut record = records.relations[i].clone();
                    *record.common_mut().until = Some(format!("{year:04}"));
                    doc.replace(List::Relations, i, &render_relation(&record))
                }
                _ => Ok(()),
            };
            let committed = applied.and_then(|()| doc.commit(false).map(|_| ()));
            let after = std::fs::read_to_string(&path).unwrap();
            prop_assert!(load_str("graph.ron", &after).is_ok(), "the file always loads");
            if committed.is_err() {
                prop_assert_eq!(&after, &before, "a refused edit writes nothing");
            }
            prop_assert_eq!(format("graph.ron", &after).unwrap(), after.clone(), "edits keep canonical form");
        }
    }
}
