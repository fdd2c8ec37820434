//! The syntax tree of a query: what the parser makes and the planner
//! reads. Every node that a message may point at carries its [`Span`] in
//! the query text, so an unknown label or property is shown underlined
//! where it was typed.

/// Byte offsets `[start, end)` into the query text.
pub type Span = std::ops::Range<usize>;

/// A whole query: clauses in order, ending with `RETURN`, and an optional
/// trailing `AS OF date('…')` that overrides `--as-of`.
#[derive(Clone, Debug, PartialEq)]
pub struct Query {
    /// `MATCH`, `OPTIONAL MATCH`, `WITH` … then one `RETURN`, in order.
    pub clauses: Vec<Clause>,
    /// The expression of a trailing `AS OF …` clause (`date('2024-07-04')`
    /// or a parameter), if any.
    pub as_of: Option<Expr>,
}

/// One clause of a query.
#[derive(Clone, Debug, PartialEq)]
pub enum Clause {
    /// `MATCH p1, p2 WHERE …` or `OPTIONAL MATCH …`.
    Match(Match),
    /// `WITH …`: a projection that the next clauses see instead of the
    /// rows before it (with its own `WHERE`).
    With(Projection),
    /// `RETURN …`: the last clause.
    Return(Projection),
}

/// `[OPTIONAL] MATCH pattern, pattern … [WHERE condition]`.
#[derive(Clone, Debug, PartialEq)]
pub struct Match {
    /// `OPTIONAL MATCH`: a row that matches nothing is kept, with the
    /// clause's new variables null.
    pub optional: bool,
    /// The comma-separated patterns, all of which must match.
    pub patterns: Vec<Pattern>,
    /// The clause's `WHERE`, if any.
    pub condition: Option<Expr>,
    /// The clause from `MATCH` to its end.
    pub span: Span,
}

/// The body of `WITH` and `RETURN`.
#[derive(Clone, Debug, PartialEq)]
pub struct Projection {
    /// `DISTINCT`.
    pub distinct: bool,
    /// `*`: every variable in scope, in the order they were bound, before
    /// the listed items.
    pub star: bool,
    /// The items, in order.
    pub items: Vec<Item>,
    /// `ORDER BY …`, in order of precedence.
    pub order: Vec<SortItem>,
    /// `SKIP n`.
    pub skip: Option<Expr>,
    /// `LIMIT n`.
    pub limit: Option<Expr>,
    /// `WITH … WHERE condition` (always `None` for `RETURN`).
    pub condition: Option<Expr>,
    /// The clause from its keyword to its end.
    pub span: Span,
}

/// `expression [AS alias]`.
#[derive(Clone, Debug, PartialEq)]
pub struct Item {
    /// What is computed.
    pub expr: Expr,
    /// `AS alias`, if given.
    pub alias: Option<Ident>,
    /// The column's name: the alias, else the expression exactly as typed
    /// (`m.name`, `count(*)`), as Cypher names columns.
    pub name: String,
}

/// `expression [ASC|DESC]` in `ORDER BY`.
#[derive(Clone, Debug, PartialEq)]
pub struct SortItem {
    /// What is sorted by.
    pub expr: Expr,
    /// `DESC` (or `DESCENDING`).
    pub descending: bool,
}

/// A name as typed (a variable, label, type, property, function or
/// parameter name), with where it was typed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ident {
    /// The name, without backticks.
    pub name: String,
    /// Where it is in the query text.
    pub span: Span,
}

/// A path pattern: `[p =] [shortestPath(] (a)-[r]->(b)-…(c) [)]`.
#[derive(Clone, Debug, PartialEq)]
pub struct Pattern {
    /// `p = …`: the path variable, if any.
    pub variable: Option<Ident>,
    /// `shortestPath(…)` or `allShortestPaths(…)` around the pattern.
    pub shortest: Option<Shortest>,
    /// The first node.
    pub start: NodePattern,
    /// Each hop and the node it reaches, in order.
    pub steps: Vec<(RelPattern, NodePattern)>,
    /// The whole pattern, `shortestPath(…)` and `p =` included.
    pub span: Span,
}

/// Which shortest paths a `shortestPath`-style pattern asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shortest {
    /// `shortestPath(…)`: one shortest path per pair of ends.
    One,
    /// `allShortestPaths(…)`: every shortest path per pair of ends.
    All,
}

/// `(variable:label1:label2 {key: value, …})`; every part optional.
#[derive(Clone, Debug, PartialEq)]
pub struct NodePattern {
    /// The variable, if named.
    pub variable: Option<Ident>,
    /// Labels: entity kinds. More than one (`:country:person`) means all
    /// of them, as in Cypher, so matches nothing when they differ;
    /// `:country|person` means either (alternatives).
    pub labels: Labels,
    /// The property map, as written.
    pub properties: Vec<(Ident, Expr)>,
    /// The parentheses and what they hold.
    pub span: Span,
}

/// The labels of a node pattern.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Labels {
    /// `:a:b` — every one must hold (empty: any kind).
    pub all: Vec<Ident>,
    /// `:a|b` — one of them must hold (empty: no such condition). Written
    /// alone, `:a` goes in `all`.
    pub any: Vec<Ident>,
}

/// `-[variable:type1|type2 *min..max {key: value}]->` and its directions.
#[derive(Clone, Debug, PartialEq)]
pub struct RelPattern {
    /// The variable, if named. On a variable-length hop it is bound to the
    /// list of relationships walked.
    pub variable: Option<Ident>,
    /// Relationship types: relation kinds; any one of them (empty: any).
    pub types: Vec<Ident>,
    /// The property map, as written.
    pub properties: Vec<(Ident, Expr)>,
    /// Which way the arrow points, from the node before the hop.
    pub direction: Direction,
    /// `*…`: a variable-length hop; `None` for exactly one relationship.
    pub length: Option<Length>,
    /// From the first `-` or `<` to the last `-` or `>`.
    pub span: Span,
}

/// The direction of a hop, seen from the node written before it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    /// `-[]->`: from the node before to the node after.
    Outgoing,
    /// `<-[]-`: from the node after to the node before.
    Incoming,
    /// `-[]-`: either way.
    Either,
}

/// The bounds of a variable-length hop, in relationships.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Length {
    /// The fewest relationships (`*` and `*..4` say 1).
    pub min: u32,
    /// The most (`None`: no bound, as `*` and `*2..` say).
    pub max: Option<u32>,
}

/// An expression, with where it was typed.
#[derive(Clone, Debug, PartialEq)]
pub struct Expr {
    /// What it is.
    pub kind: ExprKind,
    /// Where it is in the query text.
    pub span: Span,
}

/// The expressions of the subset.
#[derive(Clone, Debug, PartialEq)]
pub enum ExprKind {
    /// `null`, `true`, `42`, `4.2`, `'text'`.
    Literal(Literal),
    /// `$name`.
    Parameter(String),
    /// A variable bound by a pattern or a `WITH`.
    Variable(String),
    /// `expression.property`.
    Property(Box<Expr>, Ident),
    /// `[a, b, …]`.
    List(Vec<Expr>),
    /// `{key: value, …}`.
    Map(Vec<(Ident, Expr)>),
    /// `NOT x`, `-x`.
    Unary(UnaryOp, Box<Expr>),
    /// `a op b`.
    Binary(BinaryOp, Box<Expr>, Box<Expr>),
    /// `x IS NULL` (`negated`: `x IS NOT NULL`).
    IsNull {
        /// What is tested.
        expr: Box<Expr>,
        /// `IS NOT NULL`.
        negated: bool,
    },
    /// `name(args)` or `name(DISTINCT args)`: functions and aggregates
    /// alike, told apart by name when planned.
    Call {
        /// The function's name as typed (matched without regard to case).
        name: Ident,
        /// `DISTINCT` before the arguments (aggregates only).
        distinct: bool,
        /// The arguments.
        args: Vec<Expr>,
    },
    /// `count(*)`.
    CountStar,
    /// A pattern used as a condition (`WHERE (a)-[:sanctions]->(b)`) or
    /// `exists((a)-[:sanctions]->(b))`: true when it matches at least
    /// once with the row's variables as bound.
    Exists(Box<Pattern>),
}

/// A literal value.
#[derive(Clone, Debug, PartialEq)]
pub enum Literal {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// An integer.
    Integer(i64),
    /// A floating-point number.
    Float(f64),
    /// A string in single or double quotes, escapes decoded.
    String(String),
}

/// Prefix operators.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnaryOp {
    /// `NOT`.
    Not,
    /// `-`.
    Negate,
}

/// Infix operators.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BinaryOp {
    /// `OR`.
    Or,
    /// `XOR`.
    Xor,
    /// `AND`.
    And,
    /// `=`.
    Eq,
    /// `<>` (or `!=`).
    Ne,
    /// `<`.
    Lt,
    /// `<=`.
    Le,
    /// `>`.
    Gt,
    /// `>=`.
    Ge,
    /// `IN`.
    In,
    /// `STARTS WITH`.
    StartsWith,
    /// `ENDS WITH`.
    EndsWith,
    /// `CONTAINS`.
    Contains,
    /// `+` (numbers, strings, lists).
    Add,
    /// `-`.
    Subtract,
    /// `*`.
    Multiply,
    /// `/`.
    Divide,
    /// `%`.
    Modulo,
}
