//! Panels for other tools: CSV (through the csv crate) or one JSON array of
//! objects with the same keys, written a row at a time into the caller's
//! (buffered) writer as the query makes the rows, so memory stays constant
//! whatever the panel's length. Panels have no text form: they are tables
//! for R, Stata or pandas, not for reading.

use std::io::{self, Write};

use crate::codes::Code;
use crate::graph::DiploGraph;
use crate::query::align::Measure;
use crate::query::panel::{PanelQuery, StateCount, Year, dyad_kinds};

/// How a panel is written.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum PanelFormat {
    /// Comma-separated values with a header line (the default).
    #[default]
    Csv,
    /// One JSON array of objects, keyed as the CSV header.
    Json,
}

/// One cell of a row.
enum Value<'a> {
    /// The year of the row.
    Year(i16),
    /// A count or a 0/1 flag.
    Int(usize),
    /// An entity's id.
    Id(&'a str),
    /// A code, empty (`null`) when the state has none.
    Code(Option<&'a Code>),
    /// A measure, empty (`null`) where undefined.
    Number(Option<f64>),
    /// Entities' ids: `;`-separated in CSV, an array in JSON; empty
    /// (`null`) when none is recorded.
    Ids(Vec<&'a str>),
}

/// A CSV or JSON writer of rows of [`Value`]s under fixed keys.
struct Sink<'w> {
    keys: Vec<String>,
    rows: usize,
    out: Out<'w>,
    /// A reused buffer for CSV fields.
    field: String,
}

enum Out<'w> {
    Csv(Box<csv::Writer<&'w mut dyn Write>>),
    Json(&'w mut dyn Write),
}

/// A csv error as the I/O error it wraps (so a closed pipe stays one).
pub fn io_error(e: csv::Error) -> io::Error {
    match e.into_kind() {
        csv::ErrorKind::Io(e) => e,
        other => io::Error::other(format!("{other:?}")),
    }
}

impl<'w> Sink<'w> {
    fn new(keys: Vec<String>, format: PanelFormat, out: &'w mut dyn Write) -> io::Result<Sink<'w>> {
        let out = match format {
            PanelFormat::Csv => {
                let mut w = csv::Writer::from_writer(out);
                w.write_record(&keys).map_err(io_error)?;
                Out::Csv(Box::new(w))
            }
            PanelFormat::Json => {
                out.write_all(b"[")?;
                Out::Json(out)
            }
        };
        Ok(Sink {
            keys,
            rows: 0,
            out,
            field: String::new(),
        })
    }

    fn row(&mut self, values: &[Value<'_>]) -> io::Result<()> {
        use std::fmt::Write as _;
        match &mut self.out {
            Out::Csv(w) => {
                for v in values {
                    self.field.clear();
                    let f = &mut self.field;
                    // Writing into a String cannot fail.
                    let _ = match v {
                        Value::Int(n) => write!(f, "{n}"),
                        Value::Year(y) => write!(f, "{y}"),
                        Value::Id(id) => write!(f, "{id}"),
                        Value::Code(c) => c.map_or(Ok(()), |c| write!(f, "{c}")),
                        Value::Number(x) => x
                            .filter(|x| x.is_finite())
                            .map_or(Ok(()), |x| write!(f, "{x}")),
                        Value::Ids(ids) => write!(f, "{}", ids.join(";")),
                    };
                    w.write_field(&self.field).map_err(io_error)?;
                }
                w.write_record(None::<&[u8]>).map_err(io_error)?;
            }
            Out::Json(w) => {
                w.write_all(if self.rows == 0 { b"\n{" } else { b",\n{" })?;
                for (i, (key, v)) in self.keys.iter().zip(values).enumerate() {
                    if i > 0 {
                        w.write_all(b",")?;
                    }
                    serde_json::to_writer(&mut *w, key)?;
                    w.write_all(b":")?;
                    match v {
                        Value::Int(n) => write!(w, "{n}")?,
                        Value::Year(y) => write!(w, "{y}")?,
                        Value::Id(id) => serde_json::to_writer(&mut *w, id)?,
                        Value::Code(c) => serde_json::to_writer(&mut *w, c)?,
                        Value::Number(x) => match x.filter(|x| x.is_finite()) {
                            Some(x) => write!(w, "{x}")?,
                            None => w.write_all(b"null")?,
                        },
                        Value::Ids(ids) if ids.is_empty() => w.write_all(b"null")?,
                        Value::Ids(ids) => serde_json::to_writer(&mut *w, ids)?,
                    }
                }
                w.write_all(b"}")?;
            }
        }
        self.rows += 1;
        Ok(())
    }

    /// Ends the output; returns the number of rows written.
    fn finish(self) -> io::Result<usize> {
        match self.out {
            Out::Csv(mut w) => w.flush()?,
            Out::Json(w) => w.write_all(if self.rows == 0 { b"]\n" } else { b"\n]\n" })?,
        }
        Ok(self.rows)
    }
}

/// The keys of a dyad-year panel: `year`, `a`, `b`, with codes `a_code`,
/// `b_code`, one per state-to-state kind, then with alignment every
/// measure and `n`.
///
/// ```
/// use diplograph::query::panel::PanelQuery;
/// let keys = diplograph::render::panel::dyad_keys(&PanelQuery::default());
/// assert_eq!(&keys[..4], ["year", "a", "b", "partnership"]);
/// ```
pub fn dyad_keys(query: &PanelQuery) -> Vec<String> {
    let mut keys: Vec<String> = ["year", "a", "b"].map(String::from).into();
    if query.codes.is_some() {
        keys.extend(["a_code", "b_code"].map(String::from));
    }
    keys.extend(dyad_kinds().iter().map(|k| k.name().to_string()));
    if query.alignment.is_some() {
        keys.extend(Measure::ALL.iter().map(|m| m.key().to_string()));
        keys.push("n".into());
    }
    keys
}

/// The keys of a state-year panel: `year`, `state`, with codes `code`,
/// one count per [`StateCount`], then `leader`.
pub fn state_keys(query: &PanelQuery) -> Vec<String> {
    let mut keys: Vec<String> = ["year", "state"].map(String::from).into();
    if query.codes.is_some() {
        keys.push("code".into());
    }
    keys.extend(StateCount::all().iter().map(|c| c.key()));
    keys.push("leader".into());
    keys
}

/// Writes the dyad-year panel of `years` to `out`, a row at a time.
/// Returns the number of rows.
pub fn write_dyads<'g>(
    graph: &DiploGraph,
    years: impl Iterator<Item = Year<'g>>,
    query: &PanelQuery,
    format: PanelFormat,
    out: &mut dyn Write,
) -> io::Result<usize> {
    let mut sink = Sink::new(dyad_keys(query), format, out)?;
    let kinds = dyad_kinds();
    for year in years {
        // One buffer per year: its values borrow the year's codes.
        let mut values = Vec::new();
        let label = year.period.from.year();
        for row in year.dyads() {
            values.clear();
            values.push(Value::Year(label));
            values.push(Value::Id(&graph.entity(row.a).id));
            values.push(Value::Id(&graph.entity(row.b).id));
            if query.codes.is_some() {
                values.push(Value::Code(row.a_code));
                values.push(Value::Code(row.b_code));
            }
            values.extend(
                kinds
                    .iter()
                    .map(|k| Value::Int(usize::from(row.ties.contains(*k)))),
            );
            if let Some(scores) = &row.scores {
                values.extend(Measure::ALL.iter().map(|m| Value::Number(m.of(scores))));
                values.push(Value::Int(scores.n));
            }
            sink.row(&values)?;
        }
    }
    sink.finish()
}

/// Writes the state-year panel of `years` to `out`, a row at a time.
/// Returns the number of rows.
pub fn write_states<'g>(
    graph: &DiploGraph,
    years: impl Iterator<Item = Year<'g>>,
    query: &PanelQuery,
    format: PanelFormat,
    out: &mut dyn Write,
) -> io::Result<usize> {
    let mut sink = Sink::new(state_keys(query), format, out)?;
    for year in years {
        // One buffer per year: its values borrow the year's codes.
        let mut values = Vec::new();
        let label = year.period.from.year();
        for row in year.state_rows() {
            values.clear();
            values.push(Value::Year(label));
            values.push(Value::Id(&graph.entity(row.state).id));
            if query.codes.is_some() {
                values.push(Value::Code(row.code));
            }
            values.extend(row.counts.iter().map(|n| Value::Int(*n)));
            values.push(Value::Ids(
                row.leaders
                    .iter()
                    .map(|n| graph.entity(*n).id.as_str())
                    .collect(),
            ));
            sink.row(&values)?;
        }
    }
    sink.finish()
}
