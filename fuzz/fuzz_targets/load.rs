//! Fuzzes the loader and validation with arbitrary bytes.
//!
//! Invariants checked on every input:
//! - loading never panics, whatever the bytes (malformed RON, broken
//!   UTF-8, deep nesting, huge numbers) — errors are values;
//! - rendering the error report never panics (spans stay inside the text);
//! - a file that loads survives canonical formatting: the formatted text
//!   loads to the same data, and formatting it again changes nothing.
#![no_main]

use diplograph::store::{decode, load_str, locate::Locations, save::format};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = match decode("fuzz.ron", data.to_vec()) {
        Ok(text) => text,
        Err(err) => {
            let _ = format!("{:?}", miette::Report::new(err));
            return;
        }
    };
    let _ = Locations::scan(&text);
    match load_str("fuzz.ron", &text) {
        Ok(db) => {
            let formatted = format("fuzz.ron", &text).expect("a loadable file formats");
            let again = load_str("fuzz.ron", &formatted).expect("formatted text loads");
            assert_eq!(db.to_database(), again.to_database(), "formatting changed the data");
            assert_eq!(
                format("fuzz.ron", &formatted).expect("formats twice"),
                formatted,
                "formatting is not idempotent"
            );
        }
        Err(err) => {
            let _ = format!("{:?}", miette::Report::new(err));
        }
    }
});
