//! The parser: query text to [`ast::Query`](super::ast::Query).
//!
//! Three steps. A scan of the raw text first refuses what could make the
//! parser slow or deep (more than [`MAX_QUERY_BYTES`], brackets nested
//! more than [`MAX_NESTING`] levels) and notes what pest would report
//! badly (a string, comment or backquoted name never closed; a bracket
//! never closed or closed by the wrong one). Then the pest grammar in
//! `grammar.pest` reads the text; when it fails, the furthest position it
//! reached is explained in words: a clause diplograph does not run
//! (`CREATE`, `UNWIND`, …) is "not supported", anything else is "expected
//! a node pattern like (n) …, found …". Last, the pairs are turned into
//! the syntax tree, checking what the grammar leaves open: the order of
//! clauses, a relationship with two arrow heads, numbers too large, a
//! parenthesised pattern with no relationship (refused here rather than
//! left to the planner, since it is a mistake of syntax: `(a:country)`
//! is a label test Cypher writes in `MATCH`).

use std::num::NonZeroUsize;

use pest::Parser as _;
use pest::error::{ErrorVariant, InputLocation};
use pest::iterators::Pair;

use super::ast::{
    BinaryOp, Clause, Direction, Expr, ExprKind, Ident, Item, Labels, Length, Literal, Match,
    NodePattern, Pattern, Projection, Query, RelPattern, Shortest, SortItem, Span, UnaryOp,
};
use crate::error::{Error, QueryError, QueryProblem};

#[cfg(test)]
mod tests;

/// The pest parser generated from the grammar; private, so its `Rule`
/// enum is no part of the library's interface.
mod grammar {
    #[derive(pest_derive::Parser)]
    #[grammar = "query/cypher/grammar.pest"]
    pub(super) struct Cypher;
}

use grammar::{Cypher, Rule};

/// The longest query text accepted, in bytes: far beyond any query a
/// person writes, and small enough that parsing it stays quick.
pub const MAX_QUERY_BYTES: usize = 64 * 1024;

/// The deepest nesting of `(`, `[` and `{` accepted. The grammar recurses
/// only through brackets, so this bounds the parser's stack.
pub const MAX_NESTING: usize = 64;

/// The deepest expression tree accepted (operators, property accesses
/// and brackets each add a level). A chain like `a OR b OR …` nests one
/// level per operator; this keeps every later walk of the tree (planning,
/// dropping it) far from the end of a thread's stack.
pub const MAX_DEPTH: usize = 500;

/// Parses `text` (from `origin`: `query`, `stdin` or a file's name).
///
/// # Errors
/// [`Error::Query`] at the line and column of the first problem.
pub fn parse(text: &str, origin: &str) -> Result<Query, Error> {
    let scan = Scan::new(text, origin)?;
    // The grammar makes at most about 200 rule calls per byte (64 levels
    // of brackets take the most; the tests pass at 200); five times that
    // only stops an input whose backtracking the grammar's design missed.
    // pest's limit is process-wide, and this is pest's only grammar.
    pest::set_call_limit(NonZeroUsize::new(100_000 + 1_000 * text.len()));
    match Cypher::parse(Rule::query, text) {
        Ok(mut pairs) => {
            let Some(query) = pairs.next() else {
                return Err(syntax(
                    origin,
                    text,
                    0..0,
                    "the query is empty".into(),
                    None,
                ));
            };
            Builder {
                text,
                origin,
                blanks: &scan.blanks,
            }
            .query(query)
        }
        Err(err) => Err(explain(text, origin, &err, scan.imbalance)),
    }
}

/// A syntax error at `span`.
fn syntax(origin: &str, text: &str, span: Span, message: String, help: Option<String>) -> Error {
    QueryError::at(origin, text, span, QueryProblem::Syntax, message, help)
}

/// A bracket that does not pair up: where, and what to say.
struct Imbalance {
    /// Where the bracket is.
    span: Span,
    /// What is wrong with it.
    message: String,
    /// How to fix it.
    help: String,
}

/// What the scan of the raw text found that pest would explain badly,
/// and where the blanks are.
struct Scan {
    /// The first bracket that does not pair up, if any.
    imbalance: Option<Imbalance>,
    /// The maximal runs of white space and comments, in order: pest's
    /// spans of rules that end in an optional part take in the blanks
    /// after them, and these trim them off.
    blanks: Vec<Span>,
}

impl Scan {
    /// Scans `text`, refusing at once what must not reach pest.
    fn new(text: &str, origin: &str) -> Result<Scan, Error> {
        Self::check_size(text, origin)?;
        let bytes = text.as_bytes();
        let mut open: Vec<(u8, usize)> = Vec::new();
        let mut imbalance = None;
        let mut blanks: Vec<Span> = Vec::new();
        let mut blank = |run: Span| match blanks.last_mut() {
            Some(last) if last.end == run.start => last.end = run.end,
            _ => blanks.push(run),
        };
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b' ' | b'\t' | b'\r' | b'\n' => {
                    blank(i..i + 1);
                    i += 1;
                }
                0xEF if text[i..].starts_with('\u{feff}') => {
                    blank(i..i + 3);
                    i += 3;
                }
                b'/' if bytes.get(i + 1) == Some(&b'/') => {
                    let end = i + text[i..].find('\n').unwrap_or(text.len() - i);
                    blank(i..end);
                    i = end;
                }
                b'/' if bytes.get(i + 1) == Some(&b'*') => match text[i + 2..].find("*/") {
                    Some(end) => {
                        blank(i..i + end + 4);
                        i += end + 4;
                    }
                    None => {
                        return Err(syntax(
                            origin,
                            text,
                            i..i + 2,
                            "this comment is never closed".into(),
                            Some("end it with */".into()),
                        ));
                    }
                },
                quote @ (b'\'' | b'"' | b'`') => {
                    i = Self::closing(text, i, quote).ok_or_else(|| {
                        let (what, end) = match quote {
                            b'`' => ("name in backquotes", "`"),
                            b'"' => ("string", "\""),
                            _ => ("string", "'"),
                        };
                        syntax(
                            origin,
                            text,
                            i..i + 1,
                            format!("this {what} is never closed"),
                            Some(format!("end it with {end}")),
                        )
                    })?;
                }
                b @ (b'(' | b'[' | b'{') => {
                    open.push((b, i));
                    if open.len() > MAX_NESTING {
                        return Err(syntax(
                            origin,
                            text,
                            i..i + 1,
                            format!(
                                "nested too deeply: more than {MAX_NESTING} levels of brackets"
                            ),
                            Some("write the query with fewer nested brackets".into()),
                        ));
                    }
                    i += 1;
                }
                b @ (b')' | b']' | b'}') => {
                    if let Some(problem) = Self::close(text, &mut open, i, b) {
                        imbalance.get_or_insert(problem);
                    }
                    i += 1;
                }
                _ => i += 1,
            }
        }
        if let Some(&(o, at)) = open.last() {
            imbalance.get_or_insert(Imbalance {
                span: at..at + 1,
                message: format!(
                    "unbalanced brackets: this `{}` is never closed",
                    char::from(o)
                ),
                help: format!("close it with `{}`", char::from(closer(o))),
            });
        }
        Ok(Scan { imbalance, blanks })
    }

    /// Refuses a text longer than [`MAX_QUERY_BYTES`].
    fn check_size(text: &str, origin: &str) -> Result<(), Error> {
        if text.len() > MAX_QUERY_BYTES {
            return Err(QueryError::at(
                origin,
                text,
                MAX_QUERY_BYTES..MAX_QUERY_BYTES + 1,
                QueryProblem::Unsupported,
                format!(
                    "not supported: a query longer than {} KiB (this one is {} bytes)",
                    MAX_QUERY_BYTES / 1024,
                    text.len()
                ),
                Some("split it into smaller queries, or pass long lists as parameters".into()),
            ));
        }
        Ok(())
    }

    /// Closes bracket `b` at byte `i` against the innermost of `open`;
    /// what is wrong if it does not pair up.
    fn close(text: &str, open: &mut Vec<(u8, usize)>, i: usize, b: u8) -> Option<Imbalance> {
        let wanted = match b {
            b')' => b'(',
            b']' => b'[',
            _ => b'{',
        };
        let (b, wanted_char) = (char::from(b), char::from(wanted));
        match open.pop() {
            Some((o, _)) if o == wanted => None,
            Some((o, at)) => {
                let (line, col) = line_col(text, at);
                Some(Imbalance {
                    span: i..i + 1,
                    message: format!(
                        "unbalanced brackets: `{b}` closes the `{}` opened at {line}:{col}",
                        char::from(o)
                    ),
                    help: format!(
                        "close the `{}` with `{}` first",
                        char::from(o),
                        char::from(closer(o))
                    ),
                })
            }
            None => Some(Imbalance {
                span: i..i + 1,
                message: format!("unbalanced brackets: this `{b}` closes nothing"),
                help: format!("remove it, or open it earlier with `{wanted_char}`"),
            }),
        }
    }

    /// The index just past the quote that closes the one at `start`, if
    /// any (a backslash escapes in strings, a doubled backquote in names).
    fn closing(text: &str, start: usize, quote: u8) -> Option<usize> {
        let bytes = text.as_bytes();
        let mut i = start + 1;
        while i < bytes.len() {
            let b = bytes[i];
            if b == b'\\' && quote != b'`' {
                i += 2;
            } else if b == quote {
                if quote == b'`' && bytes.get(i + 1) == Some(&b'`') {
                    i += 2;
                } else {
                    return Some(i + 1);
                }
            } else {
                i += 1;
            }
        }
        None
    }
}

/// The bracket that closes `open`.
fn closer(open: u8) -> u8 {
    match open {
        b'(' => b')',
        b'[' => b']',
        _ => b'}',
    }
}

/// The 1-based line and column (in characters) of byte `at`.
fn line_col(text: &str, at: usize) -> (usize, usize) {
    let before = text.get(..at).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
    (line, col)
}

/// Whether `b` can be part of a name.
fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// The byte index of the next character at or after `from` that is not
/// white space or inside a comment.
fn skip_blank(text: &str, mut from: usize) -> usize {
    let bytes = text.as_bytes();
    loop {
        while from < bytes.len() && bytes[from].is_ascii_whitespace() {
            from += 1;
        }
        if text[from..].starts_with("//") {
            from += text[from..].find('\n').unwrap_or(text.len() - from);
        } else if text[from..].starts_with("/*") {
            from = text[from + 2..]
                .find("*/")
                .map_or(text.len(), |end| from + 2 + end + 2);
        } else {
            return from;
        }
    }
}

/// The word (letters, digits, `_`) starting at `at`, possibly empty.
fn word_at(text: &str, at: usize) -> &str {
    let len = text.as_bytes()[at..]
        .iter()
        .take_while(|&&b| is_word_byte(b))
        .count();
    &text[at..at + len]
}

/// The brackets open at byte `at`, innermost last.
fn open_brackets(text: &str, at: usize) -> Vec<u8> {
    let bytes = text.as_bytes();
    let mut open = Vec::new();
    let mut i = 0;
    while i < at && i < bytes.len() {
        match bytes[i] {
            b'/' if bytes.get(i + 1) == Some(&b'/') || bytes.get(i + 1) == Some(&b'*') => {
                i = skip_blank(text, i).max(i + 1);
            }
            quote @ (b'\'' | b'"' | b'`') => {
                i = Scan::closing(text, i, quote).unwrap_or(bytes.len());
            }
            b @ (b'(' | b'[' | b'{') => {
                open.push(b);
                i += 1;
            }
            b')' | b']' | b'}' => {
                open.pop();
                i += 1;
            }
            _ => i += 1,
        }
    }
    open
}

/// The clauses that change data, which diplograph's queries never do.
const WRITING: &[&str] = &[
    "CREATE", "MERGE", "SET", "DELETE", "DETACH", "REMOVE", "DROP", "FOREACH",
];

/// Read-only Cypher keywords outside the subset.
const OUTSIDE: &[&str] = &["UNWIND", "UNION", "CASE", "USE"];

/// What the subset holds, for the help of an "outside the subset" error.
const SUBSET_HELP: &str = "diplograph's Cypher has MATCH, OPTIONAL MATCH, WHERE, WITH, RETURN \
    (DISTINCT, ORDER BY, SKIP, LIMIT), shortestPath, exists(…), pattern predicates and AS OF";

/// The error for a construct outside the subset, `what` at `span`.
fn outside(origin: &str, text: &str, span: Span, what: &str) -> Error {
    QueryError::at(
        origin,
        text,
        span,
        QueryProblem::Unsupported,
        format!("not supported: {what} is outside diplograph's Cypher subset"),
        Some(SUBSET_HELP.into()),
    )
}

/// If the text at `pos`, where the grammar stopped, starts Cypher that
/// diplograph does not run, the error saying so.
fn unsupported(text: &str, origin: &str, pos: usize) -> Option<Error> {
    let word = word_at(text, pos);
    let after = skip_blank(text, pos + word.len());
    let next = text.as_bytes().get(after).copied();
    if word.is_empty() {
        let before = text[..pos].trim_end();
        let in_list = open_brackets(text, pos).last() == Some(&b'[');
        return match next {
            Some(b'|') if in_list => {
                Some(outside(origin, text, pos..pos + 1, "a list comprehension"))
            }
            Some(b'{')
                if before.to_ascii_lowercase().ends_with("exists")
                    || before.to_ascii_lowercase().ends_with("count")
                    || before.to_ascii_lowercase().ends_with("collect") =>
            {
                Some(outside(origin, text, pos..pos + 1, "a subquery in braces"))
            }
            Some(b'~') if before.ends_with('=') => Some(outside(
                origin,
                text,
                pos - 1..pos + 1,
                "a regular expression match (=~)",
            )),
            _ => None,
        };
    }
    // A keyword used as a name (`(create)`, `{set: 1}`) is not a clause.
    if matches!(
        next,
        Some(b')' | b':' | b',' | b'.' | b']' | b'}' | b'|' | b'=')
    ) {
        return None;
    }
    let upper = word.to_ascii_uppercase();
    let span = pos..pos + word.len();
    let read_only = |span: Span| {
        Some(QueryError::at(
            origin,
            text,
            span,
            QueryProblem::Unsupported,
            "not supported: read-only — diplograph query never changes the database".into(),
            Some(
                "to change the data, use `diplograph add`, `diplograph end`, \
                 `diplograph remove` or `diplograph import`"
                    .into(),
            ),
        ))
    };
    if WRITING.contains(&upper.as_str()) {
        return read_only(span);
    }
    if upper == "LOAD" && word_at(text, after).eq_ignore_ascii_case("csv") {
        return read_only(pos..after + 3);
    }
    if upper == "CALL" {
        if next == Some(b'{') {
            return Some(outside(origin, text, span, "a CALL { … } subquery"));
        }
        return read_only(span);
    }
    if upper == "WHERE" && open_brackets(text, pos).last() == Some(&b'[') {
        return Some(outside(origin, text, span, "a list comprehension"));
    }
    if OUTSIDE.contains(&upper.as_str()) {
        return Some(outside(origin, text, span, &upper));
    }
    None
}

/// What a grammar rule stands for, in words, and its place in a list of
/// expectations (lower first).
fn describe(rule: Rule) -> Option<(u8, &'static str)> {
    use Rule::*;
    Some(match rule {
        return_clause | kw_return => (0, "RETURN"),
        with_clause | kw_with => (1, "WITH"),
        match_clause | kw_match => (2, "MATCH"),
        kw_optional => (3, "OPTIONAL MATCH"),
        where_part | kw_where => (4, "WHERE"),
        order_part | kw_order => (5, "ORDER BY"),
        kw_by => (5, "BY"),
        skip_part | kw_skip => (6, "SKIP"),
        limit_part | kw_limit => (7, "LIMIT"),
        as_of | kw_as => (8, "AS"),
        kw_of => (8, "OF"),
        kw_asc | kw_desc => (9, "ASC or DESC"),
        kw_distinct => (10, "DISTINCT"),
        pattern | chain | shortest | kw_shortest | kw_all_shortest => {
            (11, "a pattern like (a)-[:type]->(b)")
        }
        node => (12, "a node pattern like (n) or (n:country)"),
        rel | rel_left | rel_right => (13, "a relationship like -[:type]->"),
        rel_detail => (14, "[…] with the relationship's type"),
        rel_types => (15, "a relationship type like :sanctions"),
        labels | label_and | label_or => (16, "a label like :country"),
        length | range_dots | length_min | length_max | length_exact => (17, "a length like *1..3"),
        props | map => (18, "a map like {name: 'France'}"),
        entry => (19, "a key: value pair"),
        key => (20, "a name"),
        star => (21, "*"),
        item | projection | expr | or_expr | xor_expr | and_expr | not_expr | comparison
        | predicate | additive | multiplicative | unary | postfix | negate | null | boolean
        | float | integer | string | parameter | count_star | call | group | list | kw_not
        | kw_null | kw_true | kw_false | kw_count | sort_item => (22, "an expression"),
        comp_op => (23, "a comparison like = or <"),
        add_op | mul_op | kw_or | kw_xor | kw_and | kw_starts | starts_suffix | kw_ends
        | ends_suffix | kw_contains | contains_suffix => (24, "an operator"),
        kw_in | in_suffix => (24, "IN"),
        kw_is | null_suffix => (24, "IS NULL"),
        property => (25, "a property like .name"),
        variable | backquoted => (26, "a variable name"),
        EOI => (27, "the end of the query"),
        _ => return None,
    })
}

/// Joins phrases as "a, b or c".
fn join_or(words: &[&str]) -> String {
    match words {
        [] => String::new(),
        [one] => (*one).to_string(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}

/// What the text holds at `pos`, for "found …".
fn found_at(text: &str, pos: usize) -> String {
    let word = word_at(text, pos);
    if pos >= text.len() {
        "the end of the query".into()
    } else if !word.is_empty() {
        format!("`{word}`")
    } else {
        let c = text[pos..].chars().next().unwrap_or(' ');
        format!("`{c}`")
    }
}

/// Is `word` one of the words that cannot be a bare variable?
fn is_reserved(word: &str) -> bool {
    const RESERVED: &[&str] = &[
        "MATCH", "OPTIONAL", "WITH", "RETURN", "WHERE", "ORDER", "SKIP", "LIMIT", "AS", "DISTINCT",
        "OR", "XOR", "AND", "NOT", "IN", "STARTS", "ENDS", "CONTAINS", "IS", "NULL", "TRUE",
        "FALSE", "CREATE", "MERGE", "SET", "DELETE", "DETACH", "REMOVE", "DROP", "FOREACH", "CALL",
        "UNWIND", "UNION", "CASE", "USE",
    ];
    RESERVED.contains(&word.to_ascii_uppercase().as_str())
}

/// Turns pest's failure into a query error in words.
fn explain(
    text: &str,
    origin: &str,
    err: &pest::error::Error<Rule>,
    imbalance: Option<Imbalance>,
) -> Error {
    let pos = match err.location {
        InputLocation::Pos(p) | InputLocation::Span((p, _)) => p.min(text.len()),
    };
    let positives = match &err.variant {
        ErrorVariant::ParsingError { positives, .. } => positives.clone(),
        ErrorVariant::CustomError { message } => {
            return QueryError::at(
                origin,
                text,
                pos..pos,
                QueryProblem::Unsupported,
                format!("not supported: a query this complex (the parser stopped: {message})"),
                Some("split it into simpler queries".into()),
            );
        }
    };
    if let Some(error) = unsupported(text, origin, pos) {
        return error;
    }
    if let Some(imbalance) = imbalance
        && imbalance.span.start <= pos
    {
        return syntax(
            origin,
            text,
            imbalance.span,
            imbalance.message,
            Some(imbalance.help),
        );
    }
    if skip_blank(text, 0) >= text.len() {
        return syntax(
            origin,
            text,
            pos..pos,
            "the query is empty".into(),
            Some("write a query like MATCH (c:country) RETURN c.name".into()),
        );
    }
    let words = expected_words(&positives);
    let found = found_at(text, pos);
    let message = if words.is_empty() {
        format!("unexpected {found}")
    } else {
        format!("expected {}, found {found}", join_or(&words))
    };
    let end = pos + word_at(text, pos).len().max(usize::from(pos < text.len()));
    let end = (pos..=end.min(text.len()))
        .rev()
        .find(|&e| text.is_char_boundary(e))
        .unwrap_or(pos);
    syntax(origin, text, pos..end, message, hint(text, pos, &words))
}

/// The clause keywords, as a message lists them where a clause can start.
const CLAUSES: [&str; 4] = ["RETURN", "WITH", "MATCH", "OPTIONAL MATCH"];

/// What pest expected (`positives`), in words, shortest list first:
/// the operators that could continue an expression are "an operator",
/// and where a clause could also start, the clauses are "a clause".
fn expected_words(positives: &[Rule]) -> Vec<&'static str> {
    let mut described: Vec<(u8, &str)> = positives.iter().filter_map(|&r| describe(r)).collect();
    if positives.contains(&Rule::query) {
        described.extend([
            (0, "RETURN"),
            (1, "WITH"),
            (2, "MATCH"),
            (3, "OPTIONAL MATCH"),
        ]);
    }
    described.sort_unstable();
    described.dedup();
    let mut words: Vec<&str> = described.iter().map(|&(_, w)| w).collect();
    let operators = [
        "a comparison like = or <",
        "IN",
        "IS NULL",
        "an operator",
        "a property like .name",
    ];
    if words.iter().filter(|w| operators.contains(w)).count() > 1 {
        words.retain(|w| !operators.contains(w) || *w == "an operator");
    }
    let clause_start = ["RETURN", "WITH", "MATCH"]
        .iter()
        .all(|w| words.contains(w));
    if clause_start {
        words.retain(|w| !CLAUSES.contains(w));
        if words.is_empty() {
            return CLAUSES.to_vec();
        }
        let at = words
            .iter()
            .position(|w| *w == "the end of the query")
            .unwrap_or(words.len());
        words.insert(at, "another clause");
    }
    words.dedup();
    words
}

/// A hint for a syntax error at `pos`, where `expected` was expected.
fn hint(text: &str, pos: usize, expected: &[&str]) -> Option<String> {
    let rest = &text[pos..];
    let before = text[..pos].trim_end();
    let word = word_at(text, pos);
    if rest.starts_with('=') && before.ends_with('=') {
        return Some("Cypher compares with = (a single =), and <> for not equal".into());
    }
    if rest.starts_with("&&") || rest.starts_with("||") || rest.starts_with('!') {
        return Some("Cypher writes AND, OR and NOT".into());
    }
    if rest.starts_with("==") {
        return Some("Cypher compares with = (a single =)".into());
    }
    let as_of_here = word.eq_ignore_ascii_case("as")
        && word_at(text, skip_blank(text, pos + 2)).eq_ignore_ascii_case("of");
    let clause_after_as_of = CLAUSES
        .iter()
        .any(|c| c.starts_with(&word.to_ascii_uppercase()))
        && !word.is_empty()
        && expected.contains(&"the end of the query")
        && !expected.contains(&"another clause");
    if as_of_here || clause_after_as_of {
        return Some("AS OF goes at the very end of the query, after RETURN".into());
    }
    let wants_name = [
        "a name",
        "a variable name",
        "an expression",
        "a pattern like (a)-[:type]->(b)",
    ];
    if !word.is_empty() && is_reserved(word) && expected.iter().any(|w| wants_name.contains(w)) {
        return Some(format!(
            "`{word}` is a reserved word; to use it as a name, put it in backquotes: `{word}`"
        ));
    }
    if rest.starts_with(':') && expected.iter().any(|w| w.contains("operator")) {
        return Some(
            "to require a label, put it in the pattern: MATCH (n:country), \
             or test it with a pattern: WHERE (n:country)-->()"
                .into(),
        );
    }
    if pos >= text.len() && expected.contains(&"RETURN") {
        return Some("a query ends with RETURN and what to show, e.g. RETURN n.name".into());
    }
    if expected.contains(&"a node pattern like (n) or (n:country)")
        || expected.contains(&"a pattern like (a)-[:type]->(b)")
    {
        return Some(
            "a node is written in parentheses: (n), (n:country), (:country {id: 'FRA'})".into(),
        );
    }
    None
}

/// A built expression and the depth of its tree.
type Built = (Expr, usize);

/// Turns pest pairs into the syntax tree.
struct Builder<'t> {
    /// The query text.
    text: &'t str,
    /// Where it came from, for errors.
    origin: &'t str,
    /// The runs of blanks in the text ([`Scan::blanks`]).
    blanks: &'t [Span],
}

/// The byte range of a pair.
fn span_of(pair: &Pair<'_, Rule>) -> Span {
    let span = pair.as_span();
    span.start()..span.end()
}

impl Builder<'_> {
    /// The byte range of `pair`, without the blanks pest's span may take
    /// in after its last token.
    fn span(&self, pair: &Pair<'_, Rule>) -> Span {
        let span = span_of(pair);
        let end = span.end;
        // The run holding the byte before `end`, if that byte is blank.
        let at = self.blanks.partition_point(|run| run.end < end);
        match self.blanks.get(at) {
            Some(run) if run.start < end && end <= run.end => span.start..run.start.max(span.start),
            _ => span,
        }
    }

    /// A syntax error at `span`.
    fn error(&self, span: Span, message: String, help: Option<String>) -> Error {
        syntax(self.origin, self.text, span, message, help)
    }

    /// A type error at `span`.
    fn type_error(&self, span: Span, message: String, help: Option<String>) -> Error {
        QueryError::at(
            self.origin,
            self.text,
            span,
            QueryProblem::Type,
            message,
            help,
        )
    }

    /// `depth`, unless it passes [`MAX_DEPTH`] (an error at `span`).
    fn check_depth(&self, depth: usize, span: &Span) -> Result<usize, Error> {
        if depth > MAX_DEPTH {
            return Err(self.error(
                span.clone(),
                format!("nested too deeply: an expression more than {MAX_DEPTH} levels deep"),
                Some("for many alternatives, test membership in a list: x IN [a, b, c]".into()),
            ));
        }
        Ok(depth)
    }

    /// The whole query.
    fn query(&self, pair: Pair<'_, Rule>) -> Result<Query, Error> {
        let mut clauses = Vec::new();
        let mut as_of = None;
        let mut returned = false;
        for part in pair.into_inner() {
            let span = self.span(&part);
            let clause = match part.as_rule() {
                Rule::match_clause => Clause::Match(self.match_clause(part)?),
                Rule::with_clause => Clause::With(self.projection_clause(part)?),
                Rule::return_clause => Clause::Return(self.projection_clause(part)?),
                Rule::as_of => {
                    let expr = part.into_inner().find(|p| p.as_rule() == Rule::expr);
                    if let Some(expr) = expr {
                        as_of = Some(self.expr(expr)?);
                    }
                    continue;
                }
                _ => continue,
            };
            if returned {
                let keyword = span.start..span.start + word_at(self.text, span.start).len();
                return Err(self.error(
                    keyword,
                    "RETURN must be the last clause; only AS OF may follow it".into(),
                    Some("to go on from a projection, use WITH instead of RETURN".into()),
                ));
            }
            returned = matches!(clause, Clause::Return(_));
            clauses.push(clause);
        }
        if !returned {
            // The end of the last clause: before trailing blanks and `;`.
            let mut end = self.text.len();
            loop {
                if let Some(run) = self.blanks.iter().find(|r| r.end == end && r.start < end) {
                    end = run.start;
                } else if self.text[..end].ends_with(';') {
                    end -= 1;
                } else {
                    break;
                }
            }
            return Err(self.error(
                end..end,
                "a query ends with RETURN …, and this one has no RETURN".into(),
                Some("add RETURN and what to show at the end, e.g. RETURN n.name".into()),
            ));
        }
        Ok(Query { clauses, as_of })
    }

    /// `[OPTIONAL] MATCH …`.
    fn match_clause(&self, pair: Pair<'_, Rule>) -> Result<Match, Error> {
        let span = self.span(&pair);
        let mut clause = Match {
            optional: false,
            patterns: Vec::new(),
            condition: None,
            span,
        };
        for part in pair.into_inner() {
            match part.as_rule() {
                Rule::kw_optional => clause.optional = true,
                Rule::pattern => clause.patterns.push(self.pattern(part)?),
                Rule::where_part => clause.condition = Some(self.where_part(part)?),
                _ => {}
            }
        }
        Ok(clause)
    }

    /// `WHERE condition`: the condition.
    fn where_part(&self, pair: Pair<'_, Rule>) -> Result<Expr, Error> {
        let span = self.span(&pair);
        match pair.into_inner().find(|p| p.as_rule() == Rule::expr) {
            Some(expr) => self.expr(expr),
            None => Err(self.error(span, "expected a condition after WHERE".into(), None)),
        }
    }

    /// `WITH …` or `RETURN …`.
    fn projection_clause(&self, pair: Pair<'_, Rule>) -> Result<Projection, Error> {
        let mut projection = Projection {
            distinct: false,
            star: false,
            items: Vec::new(),
            order: Vec::new(),
            skip: None,
            limit: None,
            condition: None,
            span: self.span(&pair),
        };
        for part in pair.into_inner() {
            match part.as_rule() {
                Rule::projection => self.projection(part, &mut projection)?,
                Rule::where_part => projection.condition = Some(self.where_part(part)?),
                _ => {}
            }
        }
        Ok(projection)
    }

    /// The body of a projection, into `projection`.
    fn projection(&self, pair: Pair<'_, Rule>, projection: &mut Projection) -> Result<(), Error> {
        for part in pair.into_inner() {
            match part.as_rule() {
                Rule::kw_distinct => projection.distinct = true,
                Rule::star => projection.star = true,
                Rule::item => projection.items.push(self.item(part)?),
                Rule::order_part => {
                    for sort in part.into_inner().filter(|p| p.as_rule() == Rule::sort_item) {
                        projection.order.push(self.sort_item(sort)?);
                    }
                }
                Rule::skip_part => projection.skip = self.last_expr(part)?,
                Rule::limit_part => projection.limit = self.last_expr(part)?,
                _ => {}
            }
        }
        Ok(())
    }

    /// The expression of a `SKIP n` or `LIMIT n`.
    fn last_expr(&self, pair: Pair<'_, Rule>) -> Result<Option<Expr>, Error> {
        pair.into_inner()
            .find(|p| p.as_rule() == Rule::expr)
            .map(|p| self.expr(p))
            .transpose()
    }

    /// `expression [AS alias]`.
    fn item(&self, pair: Pair<'_, Rule>) -> Result<Item, Error> {
        let mut expr = None;
        let mut alias = None;
        let mut name = String::new();
        for part in pair.into_inner() {
            match part.as_rule() {
                Rule::expr => {
                    name = self.text[self.span(&part)].to_string();
                    expr = Some(self.expr(part)?);
                }
                Rule::variable => alias = Some(self.ident(&part)?),
                _ => {}
            }
        }
        let Some(expr) = expr else {
            return Err(self.error(0..0, "expected an expression".into(), None));
        };
        if let Some(alias) = &alias {
            name.clone_from(&alias.name);
        }
        Ok(Item { expr, alias, name })
    }

    /// `expression [ASC|DESC]`.
    fn sort_item(&self, pair: Pair<'_, Rule>) -> Result<SortItem, Error> {
        let span = self.span(&pair);
        let mut expr = None;
        let mut descending = false;
        for part in pair.into_inner() {
            match part.as_rule() {
                Rule::expr => expr = Some(self.expr(part)?),
                Rule::kw_desc => descending = true,
                _ => {}
            }
        }
        match expr {
            Some(expr) => Ok(SortItem { expr, descending }),
            None => Err(self.error(span, "expected an expression to sort by".into(), None)),
        }
    }

    /// A name as typed: a word, or in backquotes (a doubled backquote
    /// standing for one).
    fn ident(&self, pair: &Pair<'_, Rule>) -> Result<Ident, Error> {
        let span = self.span(pair);
        let raw = pair.as_str();
        let name = match raw.strip_prefix('`').and_then(|r| r.strip_suffix('`')) {
            Some(inner) => inner.replace("``", "`"),
            None => raw.to_string(),
        };
        if name.is_empty() {
            return Err(self.error(
                span,
                "a name in backquotes cannot be empty".into(),
                Some("write a name between the backquotes".into()),
            ));
        }
        Ok(Ident { name, span })
    }

    /// `[p =] [shortestPath(] chain [)]`.
    fn pattern(&self, pair: Pair<'_, Rule>) -> Result<Pattern, Error> {
        let span = self.span(&pair);
        let mut variable = None;
        let mut shortest = None;
        let mut chain = None;
        for part in pair.into_inner() {
            match part.as_rule() {
                Rule::variable => variable = Some(self.ident(&part)?),
                Rule::chain => chain = Some(part),
                Rule::shortest => {
                    for inner in part.into_inner() {
                        match inner.as_rule() {
                            Rule::kw_shortest => shortest = Some(Shortest::One),
                            Rule::kw_all_shortest => shortest = Some(Shortest::All),
                            Rule::chain => chain = Some(inner),
                            _ => {}
                        }
                    }
                }
                _ => {}
            }
        }
        let Some(chain) = chain else {
            return Err(self.error(
                span,
                "expected a pattern like (a)-[:type]->(b)".into(),
                None,
            ));
        };
        let mut nodes = Vec::new();
        let mut rels = Vec::new();
        for part in chain.into_inner() {
            match part.as_rule() {
                Rule::node => nodes.push(self.node(part)?.0),
                Rule::rel => rels.push(self.rel(part)?.0),
                _ => {}
            }
        }
        let mut nodes = nodes.into_iter();
        let Some(start) = nodes.next() else {
            return Err(self.error(span, "expected a node pattern like (n)".into(), None));
        };
        Ok(Pattern {
            variable,
            shortest,
            start,
            steps: rels.into_iter().zip(nodes).collect(),
            span,
        })
    }

    /// `(variable:labels {properties})`, and the depth of its expressions.
    fn node(&self, pair: Pair<'_, Rule>) -> Result<(NodePattern, usize), Error> {
        let mut node = NodePattern {
            variable: None,
            labels: Labels::default(),
            properties: Vec::new(),
            span: self.span(&pair),
        };
        let mut depth = 1;
        for part in pair.into_inner() {
            match part.as_rule() {
                Rule::variable => node.variable = Some(self.ident(&part)?),
                Rule::labels => node.labels = self.labels(part)?,
                Rule::props => {
                    let (entries, d) = self.entries(part)?;
                    node.properties = entries;
                    depth = depth.max(d + 1);
                }
                _ => {}
            }
        }
        Ok((node, depth))
    }

    /// `:a:b` (all of them) or `:a|b` (any of them).
    fn labels(&self, pair: Pair<'_, Rule>) -> Result<Labels, Error> {
        let span = self.span(&pair);
        let mut first = None;
        let mut all = Vec::new();
        let mut any = Vec::new();
        for part in pair.into_inner() {
            match part.as_rule() {
                Rule::key => first = Some(self.ident(&part)?),
                Rule::label_and | Rule::label_or => {
                    let is_and = part.as_rule() == Rule::label_and;
                    if let Some(key) = part.into_inner().find(|p| p.as_rule() == Rule::key) {
                        let ident = self.ident(&key)?;
                        if is_and {
                            all.push(ident);
                        } else {
                            any.push(ident);
                        }
                    }
                }
                _ => {}
            }
        }
        let Some(first) = first else {
            return Err(self.error(span, "expected a label like :country".into(), None));
        };
        if !all.is_empty() && !any.is_empty() {
            return Err(self.error(
                span,
                "labels are either all required (:a:b) or alternatives (:a|b), not both".into(),
                Some("write one node pattern per combination".into()),
            ));
        }
        if any.is_empty() {
            all.insert(0, first);
        } else {
            any.insert(0, first);
        }
        Ok(Labels { all, any })
    }

    /// `{key: value, …}`: the entries, and the depth of their values.
    fn entries(&self, pair: Pair<'_, Rule>) -> Result<(Vec<(Ident, Expr)>, usize), Error> {
        let mut entries = Vec::new();
        let mut depth = 0;
        for entry in pair.into_inner().filter(|p| p.as_rule() == Rule::entry) {
            let mut key = None;
            for part in entry.into_inner() {
                match part.as_rule() {
                    Rule::key => key = Some(self.ident(&part)?),
                    Rule::expr => {
                        let (value, d) = self.expr_depth(part)?;
                        depth = depth.max(d);
                        if let Some(key) = key.take() {
                            entries.push((key, value));
                        }
                    }
                    _ => {}
                }
            }
        }
        Ok((entries, depth))
    }

    /// `-[…]->`, `<-[…]-`, `-[…]-` or a short form, and the depth of its
    /// expressions.
    fn rel(&self, pair: Pair<'_, Rule>) -> Result<(RelPattern, usize), Error> {
        let span = self.span(&pair);
        let mut rel = RelPattern {
            variable: None,
            types: Vec::new(),
            properties: Vec::new(),
            direction: Direction::Either,
            length: None,
            span: span.clone(),
        };
        let mut incoming = false;
        let mut outgoing = false;
        let mut depth = 1;
        for part in pair.into_inner() {
            match part.as_rule() {
                Rule::rel_left => incoming = part.as_str() == "<-",
                Rule::rel_right => outgoing = part.as_str() == "->",
                Rule::rel_detail => {
                    for inner in part.into_inner() {
                        match inner.as_rule() {
                            Rule::variable => rel.variable = Some(self.ident(&inner)?),
                            Rule::rel_types => {
                                for key in inner.into_inner().filter(|p| p.as_rule() == Rule::key) {
                                    rel.types.push(self.ident(&key)?);
                                }
                            }
                            Rule::length => rel.length = Some(self.length(inner)?),
                            Rule::props => {
                                let (entries, d) = self.entries(inner)?;
                                rel.properties = entries;
                                depth = depth.max(d + 1);
                            }
                            _ => {}
                        }
                    }
                }
                _ => {}
            }
        }
        rel.direction = match (incoming, outgoing) {
            (true, true) => {
                return Err(self.error(
                    span,
                    "a relationship points one way: it cannot have both <- and ->".into(),
                    Some("write -[…]-> or <-[…]-, or -[…]- for either way".into()),
                ));
            }
            (true, false) => Direction::Incoming,
            (false, true) => Direction::Outgoing,
            (false, false) => Direction::Either,
        };
        Ok((rel, depth))
    }

    /// `*`, `*N`, `*N..`, `*N..M` or `*..M`.
    fn length(&self, pair: Pair<'_, Rule>) -> Result<Length, Error> {
        let span = self.span(&pair);
        let mut min = None;
        let mut max = None;
        let mut exact = None;
        for part in pair.into_inner() {
            match part.as_rule() {
                Rule::length_min => min = Some(self.hops(&part)?),
                Rule::length_max => max = Some(self.hops(&part)?),
                Rule::length_exact => exact = Some(self.hops(&part)?),
                _ => {}
            }
        }
        let length = match exact {
            Some(n) => Length {
                min: n,
                max: Some(n),
            },
            None => Length {
                min: min.unwrap_or(1),
                max,
            },
        };
        if let Some(max) = length.max
            && max < length.min
        {
            return Err(self.type_error(
                span,
                format!(
                    "the length *{}..{max} asks for at least {} hops but at most {max}",
                    length.min, length.min
                ),
                Some("write the fewest hops first: *1..3".into()),
            ));
        }
        Ok(length)
    }

    /// A number of hops in a length.
    fn hops(&self, pair: &Pair<'_, Rule>) -> Result<u32, Error> {
        pair.as_str().parse().map_err(|_| {
            self.type_error(
                self.span(pair),
                format!("the number of hops {} is too large", pair.as_str()),
                Some(format!("a length is at most {}", u32::MAX)),
            )
        })
    }

    /// An expression.
    fn expr(&self, pair: Pair<'_, Rule>) -> Result<Expr, Error> {
        Ok(self.expr_depth(pair)?.0)
    }

    /// The first inner pair of `pair`, which the grammar guarantees.
    fn first<'i>(&self, pair: Pair<'i, Rule>) -> Result<Pair<'i, Rule>, Error> {
        let span = self.span(&pair);
        pair.into_inner()
            .next()
            .ok_or_else(|| self.error(span, "expected an expression".into(), None))
    }

    /// An expression and the depth of its tree.
    fn expr_depth(&self, pair: Pair<'_, Rule>) -> Result<Built, Error> {
        // Each bracket nests a pair per precedence level; most hold one
        // child, and stepping down to it here, not by a call, keeps the
        // stack this takes per bracket small.
        let mut pair = pair;
        while matches!(
            pair.as_rule(),
            Rule::expr
                | Rule::or_expr
                | Rule::xor_expr
                | Rule::and_expr
                | Rule::not_expr
                | Rule::comparison
                | Rule::predicate
                | Rule::additive
                | Rule::multiplicative
                | Rule::unary
                | Rule::postfix
        ) {
            let mut inner = pair.clone().into_inner();
            match (inner.next(), inner.next()) {
                (Some(only), None) => pair = only,
                _ => break,
            }
        }
        match pair.as_rule() {
            Rule::expr => self.expr_depth(self.first(pair)?),
            Rule::or_expr
            | Rule::xor_expr
            | Rule::and_expr
            | Rule::comparison
            | Rule::additive
            | Rule::multiplicative => self.binary(pair),
            Rule::not_expr => self.prefixed(pair, Rule::kw_not),
            Rule::unary => self.prefixed(pair, Rule::negate),
            Rule::predicate => self.predicate(pair),
            Rule::postfix => self.postfix(pair),
            _ => self.atom(pair),
        }
    }

    /// A left-associative chain `a op b op c …`.
    fn binary(&self, pair: Pair<'_, Rule>) -> Result<Built, Error> {
        let mut parts = pair.into_inner();
        let Some(first) = parts.next() else {
            return Err(self.error(0..0, "expected an expression".into(), None));
        };
        let (mut acc, mut depth) = self.expr_depth(first)?;
        while let Some(op) = parts.next() {
            let op_span = self.span(&op);
            let op = match (op.as_rule(), op.as_str()) {
                (Rule::kw_or, _) => BinaryOp::Or,
                (Rule::kw_xor, _) => BinaryOp::Xor,
                (Rule::kw_and, _) => BinaryOp::And,
                (_, "=") => BinaryOp::Eq,
                (_, "<>" | "!=") => BinaryOp::Ne,
                (_, "<") => BinaryOp::Lt,
                (_, "<=") => BinaryOp::Le,
                (_, ">") => BinaryOp::Gt,
                (_, ">=") => BinaryOp::Ge,
                (_, "+") => BinaryOp::Add,
                (_, "-") => BinaryOp::Subtract,
                (_, "*") => BinaryOp::Multiply,
                (_, "/") => BinaryOp::Divide,
                (_, "%") => BinaryOp::Modulo,
                (_, other) => {
                    return Err(self.error(op_span, format!("unknown operator `{other}`"), None));
                }
            };
            let Some(rhs) = parts.next() else {
                return Err(self.error(op_span, "expected an expression after it".into(), None));
            };
            let (rhs, rhs_depth) = self.expr_depth(rhs)?;
            let span = acc.span.start..rhs.span.end;
            depth = self.check_depth(depth.max(rhs_depth) + 1, &op_span)?;
            acc = Expr {
                kind: ExprKind::Binary(op, Box::new(acc), Box::new(rhs)),
                span,
            };
        }
        Ok((acc, depth))
    }

    /// `NOT NOT x` or `- - x`: prefix operators (`prefix` rules) before
    /// an operand. A minus right before a number makes a negative number,
    /// so `-9223372036854775808` is the smallest integer, not an overflow.
    fn prefixed(&self, pair: Pair<'_, Rule>, prefix: Rule) -> Result<Built, Error> {
        let mut ops = Vec::new();
        let mut operand = None;
        for part in pair.into_inner() {
            if part.as_rule() == prefix {
                ops.push(self.span(&part));
            } else {
                operand = Some(part);
            }
        }
        let Some(operand) = operand else {
            return Err(self.error(0..0, "expected an expression".into(), None));
        };
        let (mut acc, mut depth) = match (prefix, ops.last(), number(&operand)) {
            (Rule::negate, Some(minus), Some(number)) => {
                let minus = minus.clone();
                ops.pop();
                (self.number(&number, Some(minus.start))?, 1)
            }
            _ => self.expr_depth(operand)?,
        };
        let op = if prefix == Rule::kw_not {
            UnaryOp::Not
        } else {
            UnaryOp::Negate
        };
        for op_span in ops.into_iter().rev() {
            depth = self.check_depth(depth + 1, &op_span)?;
            let span = op_span.start..acc.span.end;
            acc = Expr {
                kind: ExprKind::Unary(op, Box::new(acc)),
                span,
            };
        }
        Ok((acc, depth))
    }

    /// `x IN l`, `x STARTS WITH s`, `x IS NULL` …, applied left to right.
    fn predicate(&self, pair: Pair<'_, Rule>) -> Result<Built, Error> {
        let mut parts = pair.into_inner();
        let Some(first) = parts.next() else {
            return Err(self.error(0..0, "expected an expression".into(), None));
        };
        let (mut acc, mut depth) = self.expr_depth(first)?;
        for suffix in parts {
            let suffix_span = self.span(&suffix);
            let span = acc.span.start..suffix_span.end;
            let rule = suffix.as_rule();
            if rule == Rule::null_suffix {
                let negated = suffix.into_inner().any(|p| p.as_rule() == Rule::kw_not);
                depth = self.check_depth(depth + 1, &suffix_span)?;
                acc = Expr {
                    kind: ExprKind::IsNull {
                        expr: Box::new(acc),
                        negated,
                    },
                    span,
                };
                continue;
            }
            let op = match rule {
                Rule::in_suffix => BinaryOp::In,
                Rule::starts_suffix => BinaryOp::StartsWith,
                Rule::ends_suffix => BinaryOp::EndsWith,
                _ => BinaryOp::Contains,
            };
            let Some(rhs) = suffix.into_inner().find(|p| p.as_rule() == Rule::additive) else {
                return Err(self.error(suffix_span, "expected an expression".into(), None));
            };
            let (rhs, rhs_depth) = self.expr_depth(rhs)?;
            depth = self.check_depth(depth.max(rhs_depth) + 1, &suffix_span)?;
            acc = Expr {
                kind: ExprKind::Binary(op, Box::new(acc), Box::new(rhs)),
                span,
            };
        }
        Ok((acc, depth))
    }

    /// `x.a.b`.
    fn postfix(&self, pair: Pair<'_, Rule>) -> Result<Built, Error> {
        let mut parts = pair.into_inner();
        let Some(first) = parts.next() else {
            return Err(self.error(0..0, "expected an expression".into(), None));
        };
        let (mut acc, mut depth) = self.expr_depth(first)?;
        for property in parts {
            let property_span = self.span(&property);
            let Some(key) = property.into_inner().next() else {
                continue;
            };
            let key = self.ident(&key)?;
            depth = self.check_depth(depth + 1, &property_span)?;
            let span = acc.span.start..property_span.end;
            acc = Expr {
                kind: ExprKind::Property(Box::new(acc), key),
                span,
            };
        }
        Ok((acc, depth))
    }

    /// An integer or float literal, negative when `minus` (where the
    /// minus sign is) is given.
    fn number(&self, pair: &Pair<'_, Rule>, minus: Option<usize>) -> Result<Expr, Error> {
        let digits = pair.as_str();
        let start = minus.unwrap_or(pair.as_span().start());
        let span = start..pair.as_span().end();
        let signed = if minus.is_some() {
            format!("-{digits}")
        } else {
            digits.to_string()
        };
        let literal = if pair.as_rule() == Rule::integer {
            let value = signed.parse::<i64>().map_err(|_| {
                self.type_error(
                    span.clone(),
                    format!("the integer {signed} is too large"),
                    Some(format!("integers go from {} to {}", i64::MIN, i64::MAX)),
                )
            })?;
            Literal::Integer(value)
        } else {
            let value = signed
                .parse::<f64>()
                .ok()
                .filter(|v| v.is_finite())
                .ok_or_else(|| {
                    self.type_error(
                        span.clone(),
                        format!("the number {signed} is too large"),
                        Some(format!("floating-point numbers go up to {:e}", f64::MAX)),
                    )
                })?;
            Literal::Float(value)
        };
        Ok(Expr {
            kind: ExprKind::Literal(literal),
            span,
        })
    }

    /// A literal, parameter, call, bracketed expression or variable.
    fn atom(&self, pair: Pair<'_, Rule>) -> Result<Built, Error> {
        let span = self.span(&pair);
        let leaf = |kind| {
            Ok((
                Expr {
                    kind,
                    span: span.clone(),
                },
                1,
            ))
        };
        match pair.as_rule() {
            Rule::null => leaf(ExprKind::Literal(Literal::Null)),
            Rule::boolean => leaf(ExprKind::Literal(Literal::Bool(
                pair.as_str().eq_ignore_ascii_case("true"),
            ))),
            Rule::integer | Rule::float => Ok((self.number(&pair, None)?, 1)),
            Rule::string => leaf(ExprKind::Literal(Literal::String(self.string(&pair)?))),
            Rule::parameter => {
                let name = &pair.as_str()[1..];
                let name = match name.strip_prefix('`').and_then(|n| n.strip_suffix('`')) {
                    Some(inner) => inner.replace("``", "`"),
                    None => name.to_string(),
                };
                leaf(ExprKind::Parameter(name))
            }
            Rule::count_star => leaf(ExprKind::CountStar),
            Rule::call => self.call(pair),
            Rule::group => self.group(pair),
            Rule::list => {
                let mut items = Vec::new();
                let mut depth = 0;
                for item in pair.into_inner() {
                    let (item, d) = self.expr_depth(item)?;
                    depth = depth.max(d);
                    items.push(item);
                }
                let depth = self.check_depth(depth + 1, &span)?;
                Ok((
                    Expr {
                        kind: ExprKind::List(items),
                        span,
                    },
                    depth,
                ))
            }
            Rule::map => {
                let (entries, depth) = self.entries(pair)?;
                let depth = self.check_depth(depth + 1, &span)?;
                Ok((
                    Expr {
                        kind: ExprKind::Map(entries),
                        span,
                    },
                    depth,
                ))
            }
            Rule::variable => leaf(ExprKind::Variable(self.ident(&pair)?.name)),
            _ => Err(self.error(span, "expected an expression".into(), None)),
        }
    }

    /// `name([DISTINCT] args)`; `exists((a)-->(b))` is the pattern test.
    fn call(&self, pair: Pair<'_, Rule>) -> Result<Built, Error> {
        let span = self.span(&pair);
        let mut name = None;
        let mut distinct = false;
        let mut args = Vec::new();
        let mut depth = 0;
        for part in pair.into_inner() {
            match part.as_rule() {
                Rule::variable => name = Some(self.ident(&part)?),
                Rule::kw_distinct => distinct = true,
                _ => {
                    let (arg, d) = self.expr_depth(part)?;
                    depth = depth.max(d);
                    args.push(arg);
                }
            }
        }
        let Some(name) = name else {
            return Err(self.error(span, "expected a function name".into(), None));
        };
        let depth = self.check_depth(depth + 1, &span)?;
        if name.name.eq_ignore_ascii_case("exists") && !distinct && args.len() == 1 {
            if let Some(Expr {
                kind: ExprKind::Exists(pattern),
                ..
            }) = args.pop()
            {
                return Ok((
                    Expr {
                        kind: ExprKind::Exists(pattern),
                        span,
                    },
                    depth,
                ));
            }
            return Err(self.error(
                span,
                "exists(…) takes a pattern with at least one relationship, like exists((a)-->(b))"
                    .into(),
                Some("to test that a property is set, write x.p IS NOT NULL".into()),
            ));
        }
        Ok((
            Expr {
                kind: ExprKind::Call {
                    name,
                    distinct,
                    args,
                },
                span,
            },
            depth,
        ))
    }

    /// `(expr)`, or a pattern predicate `(a)-[:t]->(b)` whose first node
    /// the grammar read as an expression with optional labels and map.
    fn group(&self, pair: Pair<'_, Rule>) -> Result<Built, Error> {
        let span = self.span(&pair);
        let mut inner = None;
        let mut labels = None;
        let mut props = None;
        let mut rels = Vec::new();
        let mut nodes = Vec::new();
        let mut depth = 0;
        let mut first_close = span.end;
        for part in pair.into_inner() {
            match part.as_rule() {
                Rule::expr => inner = Some(self.expr_depth(part)?),
                Rule::labels => labels = Some(self.labels(part)?),
                Rule::props => {
                    let (entries, d) = self.entries(part)?;
                    depth = depth.max(d + 1);
                    props = Some(entries);
                }
                Rule::rel => {
                    if rels.is_empty() {
                        first_close = self.span(&part).start;
                    }
                    let (rel, d) = self.rel(part)?;
                    depth = depth.max(d);
                    rels.push(rel);
                }
                Rule::node => {
                    let (node, d) = self.node(part)?;
                    depth = depth.max(d);
                    nodes.push(node);
                }
                _ => {}
            }
        }
        if rels.is_empty() {
            return match (inner, labels.is_some() || props.is_some()) {
                (Some((expr, d)), false) => Ok((
                    Expr {
                        kind: expr.kind,
                        span,
                    },
                    d,
                )),
                (None, false) => Err(self.error(
                    span,
                    "expected an expression in the parentheses".into(),
                    None,
                )),
                (_, true) => Err(self.error(
                    span,
                    "a pattern in an expression needs at least one relationship".into(),
                    Some(
                        "write the whole pattern, like (a:country)-[:member_of]->(o); \
                         to require a label, put it in MATCH (a:country)"
                            .into(),
                    ),
                )),
            };
        }
        if let Some((_, d)) = &inner {
            depth = depth.max(*d);
        }
        let start = self.group_start(
            inner.map(|(expr, _)| expr),
            labels.unwrap_or_default(),
            props,
            span.start..first_close,
        )?;
        let pattern = Pattern {
            variable: None,
            shortest: None,
            start,
            steps: rels.into_iter().zip(nodes).collect(),
            span: span.clone(),
        };
        let depth = self.check_depth(depth + 1, &span)?;
        Ok((
            Expr {
                kind: ExprKind::Exists(Box::new(pattern)),
                span,
            },
            depth,
        ))
    }

    /// The first node of a pattern predicate, from what the grammar read
    /// in its parentheses (at `span`): an expression that must be a
    /// variable or a map, then labels and a map.
    fn group_start(
        &self,
        inner: Option<Expr>,
        labels: Labels,
        props: Option<Vec<(Ident, Expr)>>,
        span: Span,
    ) -> Result<NodePattern, Error> {
        let mut start = NodePattern {
            variable: None,
            labels,
            properties: Vec::new(),
            span,
        };
        if let Some(expr) = inner {
            match expr.kind {
                ExprKind::Variable(name) => {
                    start.variable = Some(Ident {
                        name,
                        span: expr.span,
                    });
                }
                ExprKind::Map(entries) if props.is_none() => start.properties = entries,
                _ => {
                    return Err(self.error(
                        expr.span,
                        "a node pattern holds a variable, labels and a property map, \
                         like (n:country {id: 'FRA'})"
                            .into(),
                        None,
                    ));
                }
            }
        }
        if let Some(entries) = props {
            start.properties = entries;
        }
        Ok(start)
    }

    /// A string literal's text, escapes decoded.
    fn string(&self, pair: &Pair<'_, Rule>) -> Result<String, Error> {
        let raw = pair.as_str();
        let start = pair.as_span().start() + 1;
        let body = &raw[1..raw.len() - 1];
        let mut out = String::with_capacity(body.len());
        let mut chars = body.char_indices();
        while let Some((i, c)) = chars.next() {
            if c != '\\' {
                out.push(c);
                continue;
            }
            let escape = chars.next().map(|(_, e)| e);
            let decoded = match escape {
                Some('\\') => '\\',
                Some('\'') => '\'',
                Some('"') => '"',
                Some('n') => '\n',
                Some('t') => '\t',
                Some('r') => '\r',
                Some('b') => '\u{8}',
                Some('f') => '\u{c}',
                Some('u') => {
                    let (c, used) = self.unicode_escape(body, i, start)?;
                    for _ in 0..used {
                        chars.next();
                    }
                    c
                }
                other => {
                    let len = 1 + other.map_or(0, char::len_utf8);
                    return Err(self.error(
                        start + i..start + i + len,
                        format!("`\\{}` is not an escape", other.unwrap_or(' ')),
                        Some(r#"the escapes are \\ \' \" \n \t \r \b \f and \uXXXX"#.into()),
                    ));
                }
            };
            out.push(decoded);
        }
        Ok(out)
    }

    /// The character of the `\uXXXX` escape at byte `i` of `body` (or of
    /// a `\uXXXX\uXXXX` surrogate pair), and how many characters after the
    /// `u` it used.
    fn unicode_escape(&self, body: &str, i: usize, start: usize) -> Result<(char, usize), Error> {
        let hex = |at: usize| {
            body.get(at..at + 4)
                .filter(|h| h.bytes().all(|b| b.is_ascii_hexdigit()))
                .and_then(|h| u32::from_str_radix(h, 16).ok())
        };
        let bad = |len: usize| {
            self.error(
                start + i..start + (i + len).min(body.len()),
                "a \\u escape needs four hexadecimal digits naming a character".into(),
                Some(r"write \u00e9 for é, or \ud83d\ude00 for a character past \uffff".into()),
            )
        };
        let high = hex(i + 2).ok_or_else(|| bad(2))?;
        if (0xD800..0xDC00).contains(&high) {
            let low = body
                .get(i + 6..i + 8)
                .filter(|s| *s == "\\u")
                .and_then(|_| hex(i + 8))
                .filter(|low| (0xDC00..0xE000).contains(low))
                .ok_or_else(|| bad(6))?;
            let code = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00);
            return char::from_u32(code).map(|c| (c, 10)).ok_or_else(|| bad(12));
        }
        char::from_u32(high).map(|c| (c, 4)).ok_or_else(|| bad(6))
    }
}

/// The number literal that `pair` (a `postfix` with no property access)
/// is, if it is one: for folding a minus into it.
fn number<'i>(pair: &Pair<'i, Rule>) -> Option<Pair<'i, Rule>> {
    if pair.as_rule() != Rule::postfix {
        return None;
    }
    let mut parts = pair.clone().into_inner();
    let atom = parts.next()?;
    if parts.next().is_some() {
        return None;
    }
    matches!(atom.as_rule(), Rule::integer | Rule::float).then_some(atom)
}
