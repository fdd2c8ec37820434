//! Differential fuzzing of the fast reader against the full path.
//!
//! The fast reader (`store::snapshot::fast`) may only ever decline: when it
//! accepts a text, ron and the validator must accept it too and build the
//! same database; and reading the same bytes from a file (streamed through
//! a window) must give the same answer as reading them from memory.
#![no_main]

use diplograph::store::{parse, snapshot::fast, validate::validate};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Some(snap) = fast::read(text) else {
        return;
    };
    // `load_str` drops a byte-order mark before either reader sees the text.
    let unmarked = text.strip_prefix('\u{feff}').unwrap_or(text);
    let file = parse("fuzz.ron", unmarked)
        .unwrap_or_else(|e| panic!("the fast reader accepted what ron refuses: {e}"));
    let db = validate(file)
        .unwrap_or_else(|p| panic!("the fast reader accepted what validation refuses: {p:?}"));
    assert_eq!(snap.to_database(), db.to_database(), "the two readers built different data");
    assert!(snap.is_well_formed());
});
