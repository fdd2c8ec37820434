//! Tests of the Cypher parser: one per clause and construct, asserting
//! the tree it builds (rendered without spans as a compact s-expression,
//! plus the spans that messages and column names depend on), then each
//! kind of error with its line, column and words, then inputs built to
//! make a parser slow, deep or panic.

use std::fmt::Write as _;
use std::time::{Duration, Instant};

use super::*;
use crate::query::cypher::ast::{Clause, Direction, Length, Literal};

/// The tree of `q`, which must parse.
fn ok(q: &str) -> Query {
    parse(q, "query").unwrap_or_else(|e| panic!("{q:?} should parse: {e}"))
}

/// The error of `q`, which must not parse.
fn err(q: &str) -> QueryError {
    match parse(q, "query") {
        Err(Error::Query(e)) => *e,
        Err(other) => panic!("{q:?}: not a query error: {other}"),
        Ok(tree) => panic!("{q:?} should not parse, but gave {tree:?}"),
    }
}

/// The `RETURN` of `q`.
fn ret(q: &str) -> Projection {
    match ok(q).clauses.pop() {
        Some(Clause::Return(p)) => p,
        other => panic!("{q:?}: last clause {other:?}"),
    }
}

/// The first clause of `q`, a `MATCH`.
fn first_match(q: &str) -> Match {
    match ok(q).clauses.into_iter().next() {
        Some(Clause::Match(m)) => m,
        other => panic!("{q:?}: first clause {other:?}"),
    }
}

/// The `WHERE` of the first clause of `q`, rendered.
fn cond(q: &str) -> String {
    sx(first_match(q).condition.as_ref().expect("a WHERE"))
}

/// The expression `e` of `RETURN e`, rendered.
fn expr(e: &str) -> String {
    let p = ret(&format!("RETURN {e}"));
    assert_eq!(p.items.len(), 1, "{e}");
    sx(&p.items[0].expr)
}

/// The patterns of the first `MATCH` of `q`, rendered.
fn patterns(q: &str) -> Vec<String> {
    first_match(q).patterns.iter().map(px).collect()
}

/// An expression as an s-expression, without spans.
fn sx(e: &Expr) -> String {
    match &e.kind {
        ExprKind::Literal(Literal::Null) => "null".into(),
        ExprKind::Literal(Literal::Bool(b)) => b.to_string(),
        ExprKind::Literal(Literal::Integer(i)) => i.to_string(),
        ExprKind::Literal(Literal::Float(f)) => format!("{f:?}"),
        ExprKind::Literal(Literal::String(s)) => format!("{s:?}"),
        ExprKind::Parameter(p) => format!("${p}"),
        ExprKind::Variable(v) => v.clone(),
        ExprKind::Property(e, key) => format!("{}.{}", sx(e), key.name),
        ExprKind::List(items) => {
            format!("[{}]", items.iter().map(sx).collect::<Vec<_>>().join(" "))
        }
        ExprKind::Map(entries) => map(entries),
        ExprKind::Unary(op, e) => format!("({op:?} {})", sx(e)),
        ExprKind::Binary(op, a, b) => format!("({op:?} {} {})", sx(a), sx(b)),
        ExprKind::IsNull { expr, negated } => {
            format!(
                "({} {})",
                if *negated { "IsNotNull" } else { "IsNull" },
                sx(expr)
            )
        }
        ExprKind::Call {
            name,
            distinct,
            args,
        } => format!(
            "{}({}{})",
            name.name,
            if *distinct { "DISTINCT " } else { "" },
            args.iter().map(sx).collect::<Vec<_>>().join(" ")
        ),
        ExprKind::CountStar => "count(*)".into(),
        ExprKind::Exists(p) => format!("exists{}", px(p)),
    }
}

/// A property map, rendered.
fn map(entries: &[(Ident, Expr)]) -> String {
    let inner: Vec<String> = entries
        .iter()
        .map(|(k, v)| format!("{}: {}", k.name, sx(v)))
        .collect();
    format!("{{{}}}", inner.join(", "))
}

/// A node pattern, rendered like Cypher.
fn nx(n: &NodePattern) -> String {
    let mut out = String::from("(");
    if let Some(v) = &n.variable {
        out.push_str(&v.name);
    }
    for l in &n.labels.all {
        let _ = write!(out, ":{}", l.name);
    }
    let any: Vec<&str> = n.labels.any.iter().map(|l| l.name.as_str()).collect();
    if !any.is_empty() {
        let _ = write!(out, ":{}", any.join("|"));
    }
    if !n.properties.is_empty() {
        let _ = write!(out, " {}", map(&n.properties));
    }
    out.push(')');
    out
}

/// A pattern, rendered like Cypher.
fn px(p: &Pattern) -> String {
    let mut out = String::new();
    if let Some(v) = &p.variable {
        let _ = write!(out, "{} = ", v.name);
    }
    match p.shortest {
        Some(Shortest::One) => out.push_str("shortestPath("),
        Some(Shortest::All) => out.push_str("allShortestPaths("),
        None => {}
    }
    out.push_str(&nx(&p.start));
    for (r, n) in &p.steps {
        out.push_str(if r.direction == Direction::Incoming {
            "<-["
        } else {
            "-["
        });
        if let Some(v) = &r.variable {
            out.push_str(&v.name);
        }
        let types: Vec<&str> = r.types.iter().map(|t| t.name.as_str()).collect();
        if !types.is_empty() {
            let _ = write!(out, ":{}", types.join("|"));
        }
        if let Some(Length { min, max }) = r.length {
            let _ = write!(out, "*{min}..");
            if let Some(max) = max {
                let _ = write!(out, "{max}");
            }
        }
        if !r.properties.is_empty() {
            let _ = write!(out, " {}", map(&r.properties));
        }
        out.push_str(if r.direction == Direction::Outgoing {
            "]->"
        } else {
            "]-"
        });
        out.push_str(&nx(n));
    }
    if p.shortest.is_some() {
        out.push(')');
    }
    out
}

// ---- clauses -------------------------------------------------------------

#[test]
fn match_and_return() {
    let q = ok("MATCH (c:country) RETURN c.name");
    assert_eq!(q.clauses.len(), 2);
    let Clause::Match(m) = &q.clauses[0] else {
        panic!("{q:?}")
    };
    assert!(!m.optional);
    assert_eq!(
        m.patterns.iter().map(px).collect::<Vec<_>>(),
        ["(c:country)"]
    );
    assert_eq!(m.span, 0..17);
    let Clause::Return(r) = &q.clauses[1] else {
        panic!("{q:?}")
    };
    assert_eq!(r.span, 18..31);
    assert_eq!(sx(&r.items[0].expr), "c.name");
    assert!(q.as_of.is_none());
}

#[test]
fn optional_match() {
    let q = ok("MATCH (a) OPTIONAL MATCH (a)-->(b) RETURN a, b");
    let Clause::Match(m) = &q.clauses[1] else {
        panic!("{q:?}")
    };
    assert!(m.optional);
    assert_eq!(m.span, 10..34);
    assert_eq!(px(&m.patterns[0]), "(a)-[]->(b)");
}

#[test]
fn keywords_ignore_case() {
    let q = ok("match (a) optional Match (a)-->(b) wItH a return DISTINCT a order by a desc");
    assert_eq!(q.clauses.len(), 4);
    let Some(Clause::Return(r)) = q.clauses.last() else {
        panic!()
    };
    assert!(r.distinct && r.order[0].descending);
}

#[test]
fn multiple_patterns() {
    assert_eq!(
        patterns("MATCH (a:country), (b:country), (a)-[:borders]-(b) RETURN a"),
        ["(a:country)", "(b:country)", "(a)-[:borders]-(b)"]
    );
}

#[test]
fn where_with_each_comparison() {
    for (op, name) in [
        ("=", "Eq"),
        ("<>", "Ne"),
        ("!=", "Ne"),
        ("<", "Lt"),
        ("<=", "Le"),
        (">", "Gt"),
        (">=", "Ge"),
    ] {
        assert_eq!(
            cond(&format!("MATCH (a) WHERE a.x {op} 1 RETURN a")),
            format!("({name} a.x 1)")
        );
    }
}

#[test]
fn arithmetic_operators_and_their_precedence() {
    assert_eq!(expr("1 + 2 * 3"), "(Add 1 (Multiply 2 3))");
    assert_eq!(expr("1 - 2 - 3"), "(Subtract (Subtract 1 2) 3)");
    assert_eq!(expr("a / b % c"), "(Modulo (Divide a b) c)");
    assert_eq!(expr("(1 + 2) * 3"), "(Multiply (Add 1 2) 3)");
    assert_eq!(expr("-a.x + 1"), "(Add (Negate a.x) 1)");
    assert_eq!(expr("1 + 2 = 3"), "(Eq (Add 1 2) 3)");
}

#[test]
fn boolean_precedence() {
    assert_eq!(expr("a OR b AND c"), "(Or a (And b c))");
    assert_eq!(expr("a AND b OR c"), "(Or (And a b) c)");
    assert_eq!(expr("a XOR b OR c"), "(Or (Xor a b) c)");
    assert_eq!(expr("a AND b XOR c"), "(Xor (And a b) c)");
    assert_eq!(expr("NOT a = b AND c"), "(And (Not (Eq a b)) c)");
    assert_eq!(expr("NOT NOT a"), "(Not (Not a))");
}

#[test]
fn xor() {
    assert_eq!(
        cond("MATCH (a) WHERE a.x XOR a.y RETURN a"),
        "(Xor a.x a.y)"
    );
}

#[test]
fn in_list() {
    assert_eq!(
        cond("MATCH (a) WHERE a.id IN ['FRA', 'DEU'] RETURN a"),
        r#"(In a.id ["FRA" "DEU"])"#
    );
    assert_eq!(expr("1 + 1 IN [2]"), "(In (Add 1 1) [2])");
    assert_eq!(expr("[]"), "[]");
}

#[test]
fn is_null_and_is_not_null() {
    assert_eq!(cond("MATCH (a) WHERE a.x IS NULL RETURN a"), "(IsNull a.x)");
    assert_eq!(
        cond("MATCH (a) WHERE a.x is not null AND a.y IS NULL RETURN a"),
        "(And (IsNotNull a.x) (IsNull a.y))"
    );
}

#[test]
fn string_predicates() {
    assert_eq!(
        cond("MATCH (a) WHERE a.name STARTS WITH 'Fr' RETURN a"),
        r#"(StartsWith a.name "Fr")"#
    );
    assert_eq!(
        cond("MATCH (a) WHERE a.name ENDS WITH 'ce' RETURN a"),
        r#"(EndsWith a.name "ce")"#
    );
    assert_eq!(
        cond("MATCH (a) WHERE a.name CONTAINS 'an' RETURN a"),
        r#"(Contains a.name "an")"#
    );
    assert_eq!(
        expr("a STARTS WITH 'x' AND a ENDS WITH 'y'"),
        r#"(And (StartsWith a "x") (EndsWith a "y"))"#
    );
}

// ---- patterns ------------------------------------------------------------

#[test]
fn labels_all_and_any() {
    assert_eq!(
        patterns("MATCH (n:country:person) RETURN n"),
        ["(n:country:person)"]
    );
    let m = first_match("MATCH (n:country|organization) RETURN n");
    let labels = &m.patterns[0].start.labels;
    assert!(labels.all.is_empty());
    let any: Vec<&str> = labels.any.iter().map(|l| l.name.as_str()).collect();
    assert_eq!(any, ["country", "organization"]);
    assert_eq!(labels.any[1].span, 17..29);
    assert_eq!(patterns("MATCH (n:a|:b|c) RETURN n"), ["(n:a|b|c)"]);
    let m = first_match("MATCH (:country) RETURN 1");
    assert_eq!(m.patterns[0].start.labels.all[0].name, "country");
    assert!(m.patterns[0].start.variable.is_none());
}

#[test]
fn types_with_alternatives() {
    assert_eq!(
        patterns("MATCH (a)-[r:sanctions|:embargoes|at_war_with]->(b) RETURN r"),
        ["(a)-[r:sanctions|embargoes|at_war_with]->(b)"]
    );
}

#[test]
fn each_direction_and_short_forms() {
    use Direction::*;
    let dirs = |q: &str| -> Vec<Direction> {
        first_match(q).patterns[0]
            .steps
            .iter()
            .map(|(r, _)| r.direction)
            .collect()
    };
    assert_eq!(
        dirs("MATCH (a)-[:x]->(b)<-[:y]-(c)-[:z]-(d) RETURN a"),
        [Outgoing, Incoming, Either]
    );
    assert_eq!(
        dirs("MATCH (a)-->(b)<--(c)--(d) RETURN a"),
        [Outgoing, Incoming, Either]
    );
    assert_eq!(
        dirs("MATCH (a)-[]->(b)<-[]-(c)-[]-(d) RETURN a"),
        [Outgoing, Incoming, Either]
    );
    let m = first_match("MATCH (a)<--(b) RETURN a");
    assert_eq!(m.patterns[0].steps[0].0.span, 9..12);
    let m = first_match("MATCH (a) -[r]-> (b) RETURN a");
    assert_eq!(m.patterns[0].steps[0].0.span, 10..16);
}

#[test]
fn each_length_form() {
    let length = |l: &str| {
        first_match(&format!("MATCH (a)-[:x{l}]->(b) RETURN a")).patterns[0].steps[0]
            .0
            .length
    };
    assert_eq!(length(""), None);
    assert_eq!(length("*"), Some(Length { min: 1, max: None }));
    assert_eq!(
        length("*3"),
        Some(Length {
            min: 3,
            max: Some(3)
        })
    );
    assert_eq!(length("*2.."), Some(Length { min: 2, max: None }));
    assert_eq!(
        length("*2..5"),
        Some(Length {
            min: 2,
            max: Some(5)
        })
    );
    assert_eq!(
        length("*..4"),
        Some(Length {
            min: 1,
            max: Some(4)
        })
    );
    assert_eq!(
        length("*0..1"),
        Some(Length {
            min: 0,
            max: Some(1)
        })
    );
    assert_eq!(length("*.."), Some(Length { min: 1, max: None }));
    let m = first_match("MATCH (a)-[*]-(b) RETURN a");
    assert!(m.patterns[0].steps[0].0.types.is_empty());
}

#[test]
fn property_maps() {
    assert_eq!(
        patterns(
            "MATCH (a:country {id: 'FRA', rank: 1})-[r:x {since: $d}]->({name: 'UN'}) RETURN a"
        ),
        [r#"(a:country {id: "FRA", rank: 1})-[r:x {since: $d}]->( {name: "UN"})"#]
    );
    assert_eq!(patterns("MATCH (a {}) RETURN a"), ["(a)"]);
}

#[test]
fn path_variable() {
    let m = first_match("MATCH p = (a)-[:x*1..3]->(b) RETURN p");
    assert_eq!(
        m.patterns[0].variable.as_ref().map(|v| v.name.as_str()),
        Some("p")
    );
    assert_eq!(px(&m.patterns[0]), "p = (a)-[:x*1..3]->(b)");
    assert_eq!(m.patterns[0].span, 6..28);
}

#[test]
fn shortest_path() {
    let m = first_match("MATCH p = shortestPath((a:country)-[*..6]-(b:country)) RETURN p");
    assert_eq!(m.patterns[0].shortest, Some(Shortest::One));
    assert_eq!(
        px(&m.patterns[0]),
        "p = shortestPath((a:country)-[*1..6]-(b:country))"
    );
    assert_eq!(m.patterns[0].span, 6..54);
    let m = first_match("MATCH SHORTESTPATH((a)-->(b)) RETURN 1");
    assert_eq!(m.patterns[0].shortest, Some(Shortest::One));
}

#[test]
fn all_shortest_paths() {
    let m = first_match("MATCH p = allShortestPaths((a)-[:x*]->(b)) RETURN p");
    assert_eq!(m.patterns[0].shortest, Some(Shortest::All));
    assert_eq!(
        px(&m.patterns[0]),
        "p = allShortestPaths((a)-[:x*1..]->(b))"
    );
}

#[test]
fn pattern_predicates() {
    assert_eq!(
        cond("MATCH (a), (b) WHERE (a)-[:sanctions]->(b) RETURN a"),
        "exists(a)-[:sanctions]->(b)"
    );
    assert_eq!(
        cond("MATCH (a) WHERE (a:country {id: 'FRA'})<--(:organization) RETURN a"),
        r#"exists(a:country {id: "FRA"})<-[]-(:organization)"#
    );
    assert_eq!(
        cond("MATCH (a) WHERE ({id: 'FRA'})--(a) RETURN a"),
        r#"exists( {id: "FRA"})-[]-(a)"#
    );
    assert_eq!(
        cond("MATCH (a) WHERE ()-->(a) RETURN a"),
        "exists()-[]->(a)"
    );
    let m = first_match("MATCH (a) WHERE (a)-[:x]->(b) RETURN a");
    let Some(Expr {
        kind: ExprKind::Exists(p),
        span,
    }) = &m.condition
    else {
        panic!()
    };
    assert_eq!(*span, 16..29);
    assert_eq!(p.start.span, 16..19);
    assert_eq!(
        p.start.variable.as_ref().map(|v| v.span.clone()),
        Some(17..18)
    );
}

#[test]
fn parenthesised_expressions_are_not_patterns() {
    assert_eq!(expr("(a)"), "a");
    assert_eq!(expr("((a))"), "a");
    assert_eq!(expr("(a) - 1"), "(Subtract a 1)");
    assert_eq!(expr("(a) < -3"), "(Lt a -3)");
    assert_eq!(expr("(a)<-3"), "(Lt a -3)");
    let r = ret("RETURN (a)");
    assert_eq!(r.items[0].expr.span, 7..10);
    assert_eq!(r.items[0].name, "(a)");
}

#[test]
fn exists_function() {
    assert_eq!(
        cond("MATCH (a) WHERE exists((a)-[:member_of]->(:organization)) RETURN a"),
        "exists(a)-[:member_of]->(:organization)"
    );
    let m = first_match("MATCH (a) WHERE EXISTS((a)-->()) RETURN a");
    assert_eq!(m.condition.map(|c| c.span), Some(16..32));
}

#[test]
fn not_pattern() {
    assert_eq!(
        cond("MATCH (a), (b) WHERE NOT (a)-[:allied_with]-(b) RETURN a"),
        "(Not exists(a)-[:allied_with]-(b))"
    );
    assert_eq!(
        cond("MATCH (a) WHERE a.x = 1 AND NOT exists((a)-->()) RETURN a"),
        "(And (Eq a.x 1) (Not exists(a)-[]->()))"
    );
}

// ---- expressions ---------------------------------------------------------

#[test]
fn literals() {
    assert_eq!(expr("null"), "null");
    assert_eq!(expr("TRUE"), "true");
    assert_eq!(expr("false"), "false");
    assert_eq!(expr("42"), "42");
    assert_eq!(expr("-42"), "-42");
    assert_eq!(expr("- -42"), "(Negate -42)");
    assert_eq!(expr("1.5"), "1.5");
    assert_eq!(expr("1e3"), "1000.0");
    assert_eq!(expr("2.5E-1"), "0.25");
    assert_eq!(expr("-9223372036854775808"), "-9223372036854775808");
    assert_eq!(expr("9223372036854775807"), "9223372036854775807");
}

#[test]
fn strings_and_escapes() {
    assert_eq!(expr("'single'"), r#""single""#);
    assert_eq!(expr(r#""double""#), r#""double""#);
    let r = ret(r#"RETURN 'a\\b\'c\"d\ne\tf\u00e9\ud83d\ude00', "it's""#);
    let ExprKind::Literal(Literal::String(s)) = &r.items[0].expr.kind else {
        panic!()
    };
    assert_eq!(s, "a\\b'c\"d\ne\tfé😀");
    let ExprKind::Literal(Literal::String(s)) = &r.items[1].expr.kind else {
        panic!()
    };
    assert_eq!(s, "it's");
    assert_eq!(
        expr("'/* not a comment */ // nor this'"),
        r#""/* not a comment */ // nor this""#
    );
}

#[test]
fn parameters() {
    assert_eq!(
        cond("MATCH (a) WHERE a.id = $id AND a.since > $`the day` RETURN a"),
        "(And (Eq a.id $id) (Gt a.since $the day))"
    );
}

#[test]
fn lists_and_maps() {
    assert_eq!(expr("[1, 'a', [true]]"), r#"[1 "a" [true]]"#);
    assert_eq!(expr("{a: 1, `b c`: [2]}"), "{a: 1, b c: [2]}");
    assert_eq!(expr("{}"), "{}");
    assert_eq!(expr("{match: 1, return: 2}"), "{match: 1, return: 2}");
}

#[test]
fn functions() {
    assert_eq!(expr("toUpper(a.name)"), "toUpper(a.name)");
    assert_eq!(expr("coalesce(a.x, b.x, 0)"), "coalesce(a.x b.x 0)");
    assert_eq!(expr("date('2024-07-04')"), r#"date("2024-07-04")"#);
    assert_eq!(expr("now()"), "now()");
    assert_eq!(expr("size(collect(a)) + 1"), "(Add size(collect(a)) 1)");
    let r = ret("RETURN toUpper(a.name)");
    let ExprKind::Call { name, .. } = &r.items[0].expr.kind else {
        panic!()
    };
    assert_eq!(name.span, 7..14);
}

#[test]
fn count_star_and_count_distinct() {
    assert_eq!(expr("count(*)"), "count(*)");
    assert_eq!(expr("COUNT ( * )"), "count(*)");
    assert_eq!(expr("count(DISTINCT b)"), "count(DISTINCT b)");
    assert_eq!(expr("count(b)"), "count(b)");
    assert_eq!(expr("collect(distinct b.name)"), "collect(DISTINCT b.name)");
}

#[test]
fn property_access_repeats() {
    assert_eq!(expr("a.b.c"), "a.b.c");
    assert_eq!(expr("a.`odd name`"), "a.odd name");
    assert_eq!(expr("a.order"), "a.order");
    let r = ret("RETURN a.b.c");
    let ExprKind::Property(inner, key) = &r.items[0].expr.kind else {
        panic!()
    };
    assert_eq!((inner.span.clone(), key.span.clone()), (7..10, 11..12));
}

// ---- projections ---------------------------------------------------------

#[test]
fn distinct() {
    assert!(ret("MATCH (a) RETURN DISTINCT a.x").distinct);
    assert!(!ret("MATCH (a) RETURN a.x").distinct);
}

#[test]
fn order_by_asc_and_desc() {
    let r =
        ret("MATCH (a) RETURN a ORDER BY a.x, a.y ASC, a.z DESC, a.w ascending, a.v DESCENDING");
    let order: Vec<(String, bool)> = r
        .order
        .iter()
        .map(|s| (sx(&s.expr), s.descending))
        .collect();
    assert_eq!(
        order,
        [
            ("a.x".into(), false),
            ("a.y".into(), false),
            ("a.z".into(), true),
            ("a.w".into(), false),
            ("a.v".into(), true)
        ]
    );
}

#[test]
fn skip_and_limit() {
    let r = ret("MATCH (a) RETURN a SKIP 5 LIMIT $n");
    assert_eq!(r.skip.as_ref().map(sx), Some("5".into()));
    assert_eq!(r.limit.as_ref().map(sx), Some("$n".into()));
    let r = ret("MATCH (a) RETURN a LIMIT 1 + 2");
    assert!(r.skip.is_none());
    assert_eq!(r.limit.as_ref().map(sx), Some("(Add 1 2)".into()));
}

#[test]
fn with_and_where() {
    let q = ok(
        "MATCH (a)-->(b) WITH a, count(b) AS n ORDER BY n DESC LIMIT 3 WHERE n > 2 RETURN a.name, n",
    );
    let Clause::With(w) = &q.clauses[1] else {
        panic!("{q:?}")
    };
    assert_eq!(w.items.len(), 2);
    assert_eq!(
        w.items[1].alias.as_ref().map(|a| a.name.as_str()),
        Some("n")
    );
    assert_eq!(
        w.items[1].alias.as_ref().map(|a| a.span.clone()),
        Some(36..37)
    );
    assert_eq!(w.condition.as_ref().map(sx), Some("(Gt n 2)".into()));
    assert_eq!(w.limit.as_ref().map(sx), Some("3".into()));
    assert_eq!(w.span, 16..73);
    let Clause::Return(r) = &q.clauses[2] else {
        panic!("{q:?}")
    };
    assert!(r.condition.is_none());
}

#[test]
fn star_projection() {
    let r = ret("MATCH (a)-->(b) RETURN *");
    assert!(r.star && r.items.is_empty());
    let r = ret("MATCH (a)-->(b) RETURN *, a.name AS name");
    assert!(r.star);
    assert_eq!(r.items[0].name, "name");
    let q = ok("MATCH (a) WITH * RETURN a");
    let Clause::With(w) = &q.clauses[1] else {
        panic!()
    };
    assert!(w.star);
}

#[test]
fn column_names_are_source_text_or_alias() {
    let r = ret(
        "MATCH (m) RETURN m.name, count(*), count( DISTINCT m ) , m.x+1 AS y, `m`.name // done",
    );
    let names: Vec<&str> = r.items.iter().map(|i| i.name.as_str()).collect();
    assert_eq!(
        names,
        ["m.name", "count(*)", "count( DISTINCT m )", "y", "`m`.name"]
    );
    assert_eq!(r.span, 10..77);
}

#[test]
fn as_of() {
    let q = ok("MATCH (a) RETURN a AS OF date('2024-07-04');");
    assert_eq!(
        q.as_of.as_ref().map(sx),
        Some(r#"date("2024-07-04")"#.into())
    );
    let q = ok("MATCH (a) RETURN a.x AS x ORDER BY x LIMIT 2 as of $day");
    assert_eq!(q.as_of.as_ref().map(sx), Some("$day".into()));
    let Some(Clause::Return(r)) = q.clauses.last() else {
        panic!()
    };
    assert_eq!(r.items[0].name, "x");
    assert!(ok("RETURN 1").as_of.is_none());
}

#[test]
fn comments_are_blank() {
    let q = ok(
        "// who borders France?\nMATCH /* any */ (a)-[:borders]-(b {id: 'FRA'}) // here\nRETURN a.name /* the name */ ; // end",
    );
    assert_eq!(q.clauses.len(), 2);
    let Clause::Match(m) = &q.clauses[0] else {
        panic!()
    };
    assert_eq!(m.span, 23..69);
    let Some(Clause::Return(r)) = q.clauses.last() else {
        panic!()
    };
    assert_eq!(r.items[0].name, "a.name");
}

#[test]
fn backquoted_names() {
    let m = first_match(
        "MATCH (`my node`:`odd label` {`key``s`: 1})-[`r`:`type`]->(b) RETURN `my node`",
    );
    let start = &m.patterns[0].start;
    assert_eq!(
        start.variable.as_ref().map(|v| v.name.as_str()),
        Some("my node")
    );
    assert_eq!(start.labels.all[0].name, "odd label");
    assert_eq!(start.properties[0].0.name, "key`s");
    assert_eq!(m.patterns[0].steps[0].0.types[0].name, "type");
    assert_eq!(expr("`match`"), "match");
}

#[test]
fn reserved_words_as_keys() {
    assert_eq!(
        patterns("MATCH (n:match {return: 1})-[:with]->(m) RETURN n"),
        ["(n:match {return: 1})-[:with]->(m)"]
    );
}

// ---- errors --------------------------------------------------------------

#[test]
fn syntax_error_on_line_two() {
    let e = err("MATCH (a)\nRETURN a..name");
    assert_eq!((e.kind, e.line, e.col), (QueryProblem::Syntax, 2, 10));
    assert_eq!(e.message, "expected a name, found `.`");
    let e = err("MATCH (a:country)\nWHERE (a.x = 1\nRETURN a");
    assert_eq!((e.kind, e.line, e.col), (QueryProblem::Syntax, 2, 7));
    assert!(e.message.contains("never closed"), "{}", e.message);
    let e = err("MATCH (a:country)\nRETURN a ORDER a.x");
    assert_eq!((e.line, e.col), (2, 16));
    assert_eq!(e.message, "expected BY, found `a`");
    assert_eq!(e.to_string(), "query:2:16: expected BY, found `a`");
}

#[test]
fn syntax_errors_say_what_was_expected() {
    let e = err("MATCH n RETURN n");
    assert_eq!((e.line, e.col), (1, 7));
    assert!(
        e.message
            .contains("expected a pattern like (a)-[:type]->(b)"),
        "{}",
        e.message
    );
    assert!(e.help.as_deref().is_some_and(|h| h.contains("parentheses")));
    let e = err("foo");
    assert_eq!(
        e.message,
        "expected RETURN, WITH, MATCH or OPTIONAL MATCH, found `foo`"
    );
    let e = err("MATCH (a)-[r:]->(b) RETURN a");
    assert_eq!(e.message, "expected a name, found `]`");
    let e = err("MATCH (a) RETURN");
    assert_eq!(
        e.message,
        "expected an expression, found the end of the query"
    );
    let e = err("MATCH (a)-(b) RETURN a");
    assert!(
        e.message.contains("a relationship like -[:type]->"),
        "{}",
        e.message
    );
    let e = err("OPTIONAL (a) RETURN a");
    assert_eq!(e.message, "expected MATCH, found `(`");
    let e = err("");
    assert_eq!(e.message, "the query is empty");
}

#[test]
fn double_equals_hint() {
    let e = err("MATCH (a) WHERE a.x == 1 RETURN a");
    assert_eq!((e.kind, e.col), (QueryProblem::Syntax, 22));
    assert!(
        e.help
            .as_deref()
            .is_some_and(|h| h.contains("Cypher compares with ="))
    );
    let e = err("MATCH (a) WHERE a.x && a.y RETURN a");
    assert!(
        e.help
            .as_deref()
            .is_some_and(|h| h.contains("AND, OR and NOT"))
    );
}

#[test]
fn label_test_in_where_hint() {
    let e = err("MATCH (n) WHERE n:country RETURN n");
    assert_eq!(e.col, 18);
    assert!(
        e.help
            .as_deref()
            .is_some_and(|h| h.contains("MATCH (n:country)"))
    );
}

#[test]
fn reserved_word_as_a_name_hint() {
    let e = err("MATCH (order) RETURN order");
    assert_eq!(e.col, 8);
    assert!(
        e.help.as_deref().is_some_and(|h| h.contains("backquotes")),
        "{:?}",
        e.help
    );
    ok("MATCH (`order`) RETURN `order`");
}

#[test]
fn missing_return() {
    for q in ["MATCH (a)", "MATCH (a) WITH a ", "MATCH (a) WITH a;"] {
        let e = err(q);
        assert_eq!(e.kind, QueryProblem::Syntax);
        assert!(
            e.message.starts_with("a query ends with RETURN …"),
            "{}",
            e.message
        );
    }
    assert_eq!(err("MATCH (a)  ").col, 10);
    assert_eq!(err("MATCH (a) ; // nothing more\n").col, 10);
    assert_eq!(err("MATCH (a)\n/* c */ ;").col, 10);
}

#[test]
fn return_only_last() {
    let e = err("MATCH (a) RETURN a MATCH (b) RETURN b");
    assert_eq!((e.kind, e.col), (QueryProblem::Syntax, 20));
    assert!(e.message.contains("RETURN must be the last clause"));
    assert!(e.help.as_deref().is_some_and(|h| h.contains("WITH")));
}

#[test]
fn as_of_misplaced() {
    let e = err("MATCH (a) AS OF date('2024-01-01') RETURN a");
    assert!(
        e.help
            .as_deref()
            .is_some_and(|h| h.contains("AS OF goes at the very end"))
    );
}

#[test]
fn both_arrow_heads() {
    for q in ["MATCH (a)<-[r]->(b) RETURN a", "MATCH (a)<-->(b) RETURN a"] {
        let e = err(q);
        assert_eq!((e.kind, e.col), (QueryProblem::Syntax, 10));
        assert!(e.message.contains("points one way"), "{}", e.message);
    }
}

#[test]
fn pattern_in_expression_needs_a_relationship() {
    let e = err("MATCH (a) WHERE (a:country) RETURN a");
    assert_eq!((e.kind, e.col), (QueryProblem::Syntax, 17));
    assert_eq!(
        e.message,
        "a pattern in an expression needs at least one relationship"
    );
    let e = err("MATCH (a) WHERE exists((a)) RETURN a");
    assert!(
        e.message.contains("exists(…) takes a pattern"),
        "{}",
        e.message
    );
    let e = err("MATCH (a) WHERE (a + 1)-->(b) RETURN a");
    assert_eq!(e.col, 18);
    assert!(e.message.contains("a node pattern holds"), "{}", e.message);
    let e = err("RETURN ()");
    assert!(
        e.message.contains("expected an expression"),
        "{}",
        e.message
    );
}

#[test]
fn mixed_labels() {
    let e = err("MATCH (n:a:b|c) RETURN n");
    assert_eq!((e.kind, e.col), (QueryProblem::Syntax, 9));
    assert!(e.message.contains("not both"));
}

#[test]
fn bad_lengths() {
    let e = err("MATCH (a)-[*3..1]->(b) RETURN a");
    assert_eq!((e.kind, e.col), (QueryProblem::Type, 12));
    let e = err("MATCH (a)-[*99999999999]->(b) RETURN a");
    assert_eq!((e.kind, e.col), (QueryProblem::Type, 13));
    assert!(e.message.contains("too large"));
}

#[test]
fn integer_overflow_is_a_type_error() {
    let e = err("RETURN 99999999999999999999");
    assert_eq!((e.kind, e.col), (QueryProblem::Type, 8));
    assert!(e.message.contains("too large"));
    let e = err("MATCH (a) WHERE a.x > 1\n  AND a.y < -9223372036854775809 RETURN a");
    assert_eq!((e.kind, e.line, e.col), (QueryProblem::Type, 2, 13));
    assert_eq!(err("RETURN 1e999").kind, QueryProblem::Type);
}

#[test]
fn unclosed_things() {
    let e = err("RETURN 'abc");
    assert_eq!(
        (e.col, e.message.as_str()),
        (8, "this string is never closed")
    );
    let e = err("RETURN \"a\\\"");
    assert_eq!(e.message, "this string is never closed");
    let e = err("RETURN `abc");
    assert_eq!(e.message, "this name in backquotes is never closed");
    let e = err("RETURN 1 /* abc");
    assert_eq!(
        (e.col, e.message.as_str()),
        (10, "this comment is never closed")
    );
    let e = err("RETURN [1, 2)");
    assert_eq!(e.col, 13);
    assert!(
        e.message.contains("`)` closes the `[` opened at 1:8"),
        "{}",
        e.message
    );
    let e = err("RETURN 1)");
    assert!(e.message.contains("closes nothing"), "{}", e.message);
    let e = err("MATCH (a\nRETURN a");
    assert_eq!((e.line, e.col), (1, 7));
    assert!(
        e.help
            .as_deref()
            .is_some_and(|h| h.contains("close it with `)`"))
    );
}

#[test]
fn bad_escapes() {
    let e = err(r"RETURN 'a\qb'");
    assert_eq!((e.kind, e.col), (QueryProblem::Syntax, 10));
    assert!(e.message.contains(r"`\q` is not an escape"));
    for q in [
        r"RETURN '\u12'",
        r"RETURN '\ud800'",
        r"RETURN '\ud800\u0041'",
        r"RETURN '\uzzzz'",
    ] {
        let e = err(q);
        assert_eq!((e.kind, e.col), (QueryProblem::Syntax, 9), "{q}");
        assert!(e.message.contains(r"\u escape"), "{q}: {}", e.message);
    }
}

#[test]
fn empty_backquotes() {
    let e = err("MATCH (``) RETURN 1");
    assert!(e.message.contains("cannot be empty"));
}

#[test]
fn writing_clauses_are_read_only() {
    for (q, col) in [
        ("CREATE (a:country {id: 'XXX'}) RETURN a", 1),
        ("MERGE (a:country {id: 'XXX'}) RETURN a", 1),
        ("MATCH (a) SET a.name = 'x' RETURN a", 11),
        ("MATCH (a) DELETE a", 11),
        ("MATCH (a) DETACH DELETE a", 11),
        ("MATCH (a) REMOVE a.name RETURN a", 11),
        ("DROP INDEX foo", 1),
        ("MATCH (a) FOREACH (x IN [1] | SET a.x = x)", 11),
        ("LOAD CSV FROM 'f.csv' AS row RETURN row", 1),
        ("CALL db.labels()", 1),
        ("MATCH (a) WHERE a.x = 1 create (b) RETURN a", 25),
        ("MATCH (a) WITH a\nMERGE (b)", 1),
    ] {
        let e = err(q);
        assert_eq!(e.kind, QueryProblem::Unsupported, "{q}");
        assert_eq!(
            e.message, "not supported: read-only — diplograph query never changes the database",
            "{q}"
        );
        assert_eq!(e.col, col, "{q}");
        assert!(
            e.help
                .as_deref()
                .is_some_and(|h| h.contains("diplograph add")),
            "{q}"
        );
    }
    let e = err("MATCH (a) DETACH DELETE a");
    assert_eq!(e.span.len(), 6);
}

#[test]
fn cypher_outside_the_subset() {
    for (q, what, col) in [
        ("UNWIND [1, 2] AS x RETURN x", "UNWIND", 1),
        ("MATCH (a) UNWIND a.list AS x RETURN x", "UNWIND", 11),
        ("MATCH (a) RETURN a UNION MATCH (b) RETURN b", "UNION", 20),
        (
            "MATCH (a) RETURN CASE WHEN a.x THEN 1 ELSE 2 END",
            "CASE",
            18,
        ),
        ("USE db MATCH (a) RETURN a", "USE", 1),
        ("RETURN [x IN [1, 2] | x * 2]", "a list comprehension", 21),
        (
            "RETURN [x IN [1, 2] WHERE x > 1]",
            "a list comprehension",
            21,
        ),
        (
            "MATCH (a) RETURN [(a)-->(b) | b.name]",
            "a list comprehension",
            29,
        ),
        (
            "CALL { MATCH (a) RETURN a } RETURN 1",
            "a CALL { … } subquery",
            1,
        ),
        (
            "MATCH (a) WHERE exists { MATCH (a)-->() } RETURN a",
            "a subquery in braces",
            24,
        ),
        (
            "MATCH (a) WHERE a.name =~ 'F.*' RETURN a",
            "a regular expression match (=~)",
            24,
        ),
    ] {
        let e = err(q);
        assert_eq!(e.kind, QueryProblem::Unsupported, "{q}");
        assert_eq!(
            e.message,
            format!("not supported: {what} is outside diplograph's Cypher subset"),
            "{q}"
        );
        assert_eq!(e.col, col, "{q}");
        assert!(
            e.help
                .as_deref()
                .is_some_and(|h| h.contains("OPTIONAL MATCH")),
            "{q}"
        );
    }
}

#[test]
fn too_long() {
    let q = format!("RETURN '{}'", "a".repeat(MAX_QUERY_BYTES));
    let e = err(&q);
    assert_eq!(e.kind, QueryProblem::Unsupported);
    assert!(e.message.contains("longer than 64 KiB"), "{}", e.message);
    // Just under the bound is fine.
    let q = format!("RETURN '{}'", "a".repeat(MAX_QUERY_BYTES - 20));
    assert_eq!(ret(&q).items.len(), 1);
}

#[test]
fn nested_too_deeply_points_at_the_65th_bracket() {
    let q = format!("RETURN {}1{}", "(".repeat(65), ")".repeat(65));
    let e = err(&q);
    assert_eq!((e.kind, e.line, e.col), (QueryProblem::Syntax, 1, 8 + 64));
    assert!(e.message.starts_with("nested too deeply"));
    let q = format!("RETURN {}1{}", "[{a: ".repeat(33), "}]".repeat(33));
    assert!(err(&q).message.starts_with("nested too deeply"));
    // Brackets in strings and comments do not count.
    let q = format!("RETURN '{}' /* {} */", "(".repeat(100), "[".repeat(100));
    assert_eq!(ret(&q).items.len(), 1);
}

#[test]
fn sixty_four_levels_parse_on_a_small_stack() {
    let q = format!("RETURN {}1{}", "(".repeat(64), ")".repeat(64));
    let q2 = format!(
        "MATCH (a) WHERE {}1{} RETURN a",
        "(a {k: ".repeat(32),
        "})-->()".repeat(32)
    );
    let q3 = format!("RETURN {}1{}", "f(".repeat(64), ")".repeat(64));
    let handle = std::thread::Builder::new()
        .stack_size(1024 * 1024)
        .spawn(move || {
            for q in [q, q2, q3] {
                parse(&q, "query").map_err(|e| e.to_string())?;
            }
            Ok::<(), String>(())
        })
        .unwrap();
    assert_eq!(handle.join().unwrap(), Ok(()));
}

#[test]
fn expressions_nested_too_deeply() {
    let q = format!("RETURN 1{}", " + 1".repeat(MAX_DEPTH + 1));
    let e = err(&q);
    assert!(e.message.starts_with("nested too deeply"), "{}", e.message);
    let q = format!("RETURN {}1", "NOT ".repeat(MAX_DEPTH + 1));
    assert!(err(&q).message.starts_with("nested too deeply"));
    let q = format!("RETURN a{}", ".b".repeat(MAX_DEPTH + 1));
    assert!(err(&q).message.starts_with("nested too deeply"));
    let q = format!("RETURN 1{}", " + 1".repeat(MAX_DEPTH - 1));
    ok(&q);
}

/// Inputs shaped to make a backtracking parser slow; each is about
/// 10,000 characters and must be answered (either way) at once.
#[test]
fn adversarial_inputs_are_quick() {
    let tenk = |unit: &str, tail: &str| {
        let mut s = String::new();
        while s.len() + unit.len() + tail.len() <= 10_000 {
            s.push_str(unit);
        }
        s.push_str(tail);
        s
    };
    let nest = |open: &str, middle: &str, close: &str, levels: usize| {
        format!("{}{middle}{}", open.repeat(levels), close.repeat(levels))
    };
    let inputs = [
        tenk("(", ""),
        tenk("[", ""),
        tenk("{", ""),
        tenk("((((((((", ")"),
        tenk("(a)-", ""),
        tenk("(a)--", "(b"),
        tenk("-", "1"),
        tenk("NOT ", "x"),
        tenk("a.", ""),
        tenk("'a' + ", ""),
        tenk("MATCH (a) ", ""),
        tenk("RETURN 1 ", ""),
        tenk("<-[", ""),
        format!("RETURN {}", tenk("(a)-->(b) AND ", "")),
        format!("MATCH {}", tenk("(a)-[:x*1..2 {k: 1}]->", "")),
        format!("RETURN {}", nest("({x: ", "1", "})-->()", 21)),
        format!("RETURN {}", nest("({x: ", "1", "})-->(", 21)),
        format!("MATCH (a) WHERE {}", nest("(a)-[{x: ", "1", "}]->(", 32)),
        format!("MATCH (a) WHERE {}", nest("(a)-[{x: ", "1", "}]-(", 32)),
        format!("MATCH (a) WHERE {}", nest("(a)<-[{x: ", "1", "}]-(", 32)),
        format!("MATCH (a) WHERE {}", nest("(a)--({x: ", "1", "})--", 32)),
        format!("RETURN {}", nest("[x IN ", "1", "| x]", 64)),
        format!("RETURN {}", nest("exists(", "(a)", ")", 64)),
        format!("RETURN {}", nest("f(", "", ",", 64)),
        format!("RETURN {}", nest("count(", "*", "", 64)),
        format!("MATCH {}", nest("(a {k: ", "1", "})-->(", 32)),
        format!("RETURN {}", nest("(", "a:b {k: 1}", ")-", 64)),
        format!("RETURN {}", nest("{a: ", "1", "", 64)),
        format!("RETURN {}", nest("[", "", "", 64)),
        format!("RETURN {}", tenk("(a) < -", "")),
        format!("RETURN {}", tenk("1 STARTS WITH ", "")),
        format!("RETURN {}", tenk("x IS NOT ", "")),
    ];
    for q in &inputs {
        let started = Instant::now();
        let result = parse(q, "query");
        let took = started.elapsed();
        assert!(
            took < Duration::from_secs(2),
            "{}…: {took:?}",
            &q[..q.len().min(40)]
        );
        if let Err(e) = result {
            let _ = e.to_string();
        }
    }
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    /// Words and symbols of the grammar, for token soups.
    const TOKENS: &[&str] = &[
        "MATCH",
        "OPTIONAL",
        "WITH",
        "RETURN",
        "WHERE",
        "ORDER",
        "BY",
        "SKIP",
        "LIMIT",
        "AS",
        "OF",
        "DISTINCT",
        "ASC",
        "DESC",
        "OR",
        "XOR",
        "AND",
        "NOT",
        "IN",
        "STARTS",
        "ENDS",
        "CONTAINS",
        "IS",
        "NULL",
        "TRUE",
        "FALSE",
        "count",
        "exists",
        "shortestPath",
        "allShortestPaths",
        "CREATE",
        "UNWIND",
        "CASE",
        "CALL",
        "a",
        "b",
        "`x`",
        "$p",
        "1",
        "1.5",
        "99999999999999999999",
        "'s'",
        "\"t\"",
        "'\\u12",
        "(",
        ")",
        "[",
        "]",
        "{",
        "}",
        ":",
        "|",
        ",",
        ".",
        "..",
        "*",
        "-",
        "->",
        "<-",
        "--",
        "-->",
        "<--",
        "=",
        "<>",
        "<",
        ">",
        "<=",
        ">=",
        "+",
        "/",
        "%",
        ";",
        "//",
        "/*",
        "*/",
        "\n",
        " ",
        "=~",
        "'",
        "`",
        "é",
    ];

    fn soup() -> impl Strategy<Value = String> {
        proptest::collection::vec(proptest::sample::select(TOKENS), 0..40)
            .prop_map(|tokens| tokens.join(" "))
    }

    fn dense_soup() -> impl Strategy<Value = String> {
        proptest::collection::vec(proptest::sample::select(TOKENS), 0..40)
            .prop_map(|tokens| tokens.concat())
    }

    /// Every error points inside the text, at a character boundary, and
    /// renders.
    fn check(text: &str) -> Result<(), TestCaseError> {
        if let Err(e) = parse(text, "query") {
            let Error::Query(q) = &e else {
                return Err(TestCaseError::fail(format!("not a query error: {e}")));
            };
            prop_assert!(q.line >= 1 && q.col >= 1);
            prop_assert!(q.span.offset() + q.span.len() <= text.len());
            prop_assert!(text.is_char_boundary(q.span.offset()));
            let _ = e.to_string();
        }
        Ok(())
    }

    proptest! {
        #[test]
        fn random_strings_never_panic(text in "\\PC{0,200}") {
            check(&text)?;
        }

        #[test]
        fn random_ascii_never_panics(text in "[ -~\n]{0,200}") {
            check(&text)?;
        }

        #[test]
        fn token_soups_never_panic(text in soup()) {
            check(&text)?;
        }

        #[test]
        fn dense_token_soups_never_panic(text in dense_soup()) {
            check(&text)?;
        }

        #[test]
        fn soups_after_a_valid_start_never_panic(text in soup()) {
            check(&format!("MATCH (a:country)-[r:x*1..2]->(b) WHERE {text}"))?;
            check(&format!("MATCH (a) RETURN a.name AS n, {text}"))?;
        }
    }
}
