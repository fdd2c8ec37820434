//! Fuzzes the parser of `diplograph query`'s Cypher subset with arbitrary
//! bytes.
//!
//! Invariants checked on every input that is UTF-8 (the command line and
//! `--file` hand the parser text, never raw bytes): parsing never panics,
//! overflows the stack or hangs (libFuzzer's timeout catches a slow
//! grammar); an error is a query error whose line, column and span lie in
//! the text, and it renders; a tree that parses ends with RETURN, has only
//! spans inside the text, and names every column by its alias or by the
//! text of its expression; and parsing is deterministic.
#![no_main]

use diplograph::error::Error;
use diplograph::query::cypher::ast::{Clause, Query};
use diplograph::query::cypher::parse;
use libfuzzer_sys::fuzz_target;

fn check_tree(text: &str, query: &Query) {
    let last = query.clauses.last().expect("a parsed query has clauses");
    assert!(
        matches!(last, Clause::Return(_)),
        "the last clause is RETURN"
    );
    for clause in &query.clauses {
        let (span, items) = match clause {
            Clause::Match(m) => {
                for p in &m.patterns {
                    assert!(p.span.start >= m.span.start && p.span.end <= m.span.end);
                }
                (&m.span, &[][..])
            }
            Clause::With(p) | Clause::Return(p) => (&p.span, &p.items[..]),
        };
        assert!(
            span.start <= span.end && span.end <= text.len(),
            "clause span in the text"
        );
        for item in items {
            let expr = &text[item.expr.span.clone()];
            match &item.alias {
                Some(alias) => assert_eq!(item.name, alias.name),
                None => assert_eq!(item.name, expr, "a column is named by its text"),
            }
            assert!(!item.name.is_empty());
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let first = parse(text, "fuzz");
    match &first {
        Ok(query) => check_tree(text, query),
        Err(Error::Query(e)) => {
            assert!(e.line >= 1 && e.col >= 1);
            assert!(
                e.span.offset() + e.span.len() <= text.len(),
                "error span in the text"
            );
            assert!(text.is_char_boundary(e.span.offset()));
            assert!(!e.message.is_empty());
        }
        Err(other) => panic!("not a query error: {other}"),
    }
    let again = parse(text, "fuzz");
    match (first, again) {
        (Ok(a), Ok(b)) => assert_eq!(a, b, "parsing is deterministic"),
        (Err(a), Err(b)) => {
            assert_eq!(a.to_string(), b.to_string(), "parsing is deterministic");
            // The snippet under the message must render, wherever it points.
            let _ = format!("{:?}", miette::Report::new(a));
        }
        _ => panic!("parsing is deterministic"),
    }
});
