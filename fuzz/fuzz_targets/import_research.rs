//! Fuzzes the readers of the research data sets and their mappers with
//! arbitrary bytes.
//!
//! Every reader (`cow_states::read`, `cow_igo::read`, `cow_igo::read_names`,
//! `cow_alliances::read`, `un_votes::read_roll_calls`,
//! `un_votes::read_votes`) gets the input; where one succeeds, its rows go
//! through the mapper of its data set (`research::states`, `igos`,
//! `alliances`, `votes`). Invariants: nothing panics, whatever the bytes;
//! every bad row, from a reader or a mapper, names a line the input has
//! (0 only for a code the IGO mapper cannot place, which `research::read`
//! finds in the file); and a refusal renders.
//!
//! The UN votes take two files: an input holding a NUL byte is split
//! there (roll calls before it, votes after); otherwise both are the input.
#![no_main]

use diplograph::import::dataset::Dataset;
use diplograph::import::{BadRow, cow_alliances, cow_igo, cow_states, research, un_votes};
use libfuzzer_sys::fuzz_target;

/// The lines of `bytes`, as a reader counts them (at least one).
fn lines(bytes: &[u8]) -> u64 {
    bytes.iter().filter(|b| **b == b'\n').count() as u64 + 1
}

/// Every bad row a reader gave lies within its input.
fn within(bad: &[BadRow], bytes: &[u8], what: &str) {
    let n = lines(bytes);
    for b in bad {
        assert!(
            (1..=n).contains(&b.line),
            "{what}: bad row at line {} of {n}: {}",
            b.line,
            b.message
        );
    }
}

/// Every bad row of a mapped data set lies within its file's input, and
/// the refusal renders.
fn mapped(set: &Dataset, inputs: &[(&str, &[u8])], zero_allowed: bool) {
    for (file, b) in &set.bad {
        let bytes = inputs
            .iter()
            .find(|(name, _)| name == file)
            .map_or_else(|| panic!("a bad row of an unknown file {file}"), |(_, b)| *b);
        let n = lines(bytes);
        let low = u64::from(!zero_allowed);
        assert!(
            (low..=n).contains(&b.line),
            "{file}: bad row at line {} of {n}: {}",
            b.line,
            b.message
        );
    }
    if let Some(err) = set.refusal() {
        let _ = format!("{:?}", miette::Report::new(err));
    }
}

/// Renders a reader's error (it must not panic either).
fn fails(err: diplograph::error::Error) {
    let _ = format!("{:?}", miette::Report::new(err));
}

fuzz_target!(|data: &[u8]| {
    let (calls_bytes, votes_bytes) = match data.iter().position(|b| *b == 0) {
        Some(at) => (&data[..at], &data[at + 1..]),
        None => (data, data),
    };
    let mut quiet = |_: u64| {};

    match cow_states::read(data, "states.csv", &mut quiet) {
        Ok(states) => {
            within(&states.bad, data, "cow_states::read");
            mapped(&research::states("states.csv", &states), &[("states.csv", data)], false);
        }
        Err(err) => fails(err),
    }

    match cow_igo::read(data, "igo.csv", &mut quiet) {
        Ok(mut igo) => {
            within(&igo.bad, data, "cow_igo::read");
            if let Ok(names) = cow_igo::read_names(data, "igo.csv", &mut quiet) {
                igo.apply_names(&names);
            }
            mapped(&research::igos("igo.csv", &igo), &[("igo.csv", data)], true);
        }
        Err(err) => fails(err),
    }

    match cow_igo::read_names(data, "names.csv", &mut quiet) {
        Ok(names) => within(&names.bad, data, "cow_igo::read_names"),
        Err(err) => fails(err),
    }

    match cow_alliances::read(data, "alliances.csv", &mut quiet) {
        Ok(alliances) => {
            within(alliances.bad(), data, "cow_alliances::read");
            mapped(
                &research::alliances("alliances.csv", &alliances),
                &[("alliances.csv", data)],
                false,
            );
        }
        Err(err) => fails(err),
    }

    let calls = match un_votes::read_roll_calls(calls_bytes, "calls.csv", &mut quiet) {
        Ok(calls) => {
            within(&calls.bad, calls_bytes, "un_votes::read_roll_calls");
            Some(calls)
        }
        Err(err) => {
            fails(err);
            None
        }
    };
    match un_votes::read_votes(votes_bytes, "votes.csv", calls.as_ref(), &mut quiet) {
        Ok(votes) => {
            within(&votes.bad, votes_bytes, "un_votes::read_votes");
            if let Some(calls) = &calls {
                let set = research::votes("votes.csv and calls.csv", "votes.csv", &votes, "calls.csv", calls);
                mapped(&set, &[("votes.csv", votes_bytes), ("calls.csv", calls_bytes)], false);
            }
        }
        Err(err) => fails(err),
    }
});
