//! `diplograph query` against the issue's targets, each measured with a
//! baseline taken in the same run (the machine is shared and noisy: the
//! ratios are what carries from one run to the next).
//!
//! - **1M generated database** (`generate` with the sizes of
//!   [`Params::LARGE`], the ones benches/queries.rs and scripts/bounds.py
//!   use, written once under `target/bench-query/`). Every query runs in a
//!   fresh process of the release binary, so loading through the
//!   snapshot cache counts, as it does for a user's command. Targets: a
//!   two-hop pattern from one named state ≤ 100 ms, a three-hop count
//!   ≤ 1 s. The states are picked from the data: the median, the 90th
//!   percentile and the largest alliance-and-partnership degree in force.
//!   Baseline: the same process finding just that state
//!   (`MATCH (a:country {id: …}) RETURN a.id`), so "2-hop = baseline + X".
//!   The in-process column is `cypher::run` alone on the graph already
//!   loaded: the executor's share.
//! - **Bundled graph**: every example (the list below, then each
//!   `$ diplograph query …` line of a ```` ```console ```` block in
//!   README.md, so new README examples are benched without editing this
//!   file) ≤ 20 ms in process. Baseline: `query::show` of Iran. The
//!   fresh-process column is the whole command, graph.ron parse included.
//!
//! Prints Markdown tables; asserts nothing, so a noisy machine never fails
//! a build with it. Without `--bench` (`cargo test --benches`) it runs
//! only the bundled examples once each, as a smoke test.
//!
//! ```text
//! cargo bench --bench query                          # both parts, 7 runs a row
//! QUERY_BENCH_RUNS=11 cargo bench --bench query      # more fresh processes a row
//! QUERY_BENCH_ONLY=bundled cargo bench --bench query # or 1m
//! ```

use std::fmt::Write as _;
use std::io::BufRead;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant, SystemTime};

use diplograph::generate::Params;
use diplograph::graph::{DiploGraph, When};
use diplograph::model::{EntityKind, RelationKind};
use diplograph::query;
use diplograph::query::cypher::{self, Options, value::Value};
use diplograph::store::Origin;
use jiff::civil::Date;
use petgraph::graph::NodeIndex;

/// The allocator the binary uses, so that in-process numbers are the
/// binary's.
#[global_allocator]
static GLOBAL: diplograph::memory::Allocator = diplograph::memory::Allocator;

/// The release binary cargo built for this bench.
const BINARY: &str = env!("CARGO_BIN_EXE_diplograph");
/// The repository: graph.ron and README.md.
const MANIFEST: &str = env!("CARGO_MANIFEST_DIR");
/// The day every 1M query and most examples run as of (the benches' day).
const DAY: &str = "2024-07-04";

/// Representative queries on the bundled graph: (`--as-of`, text), `None`
/// for `--all-time`. Add a line to bench another; README examples are
/// read on their own.
const EXAMPLES: &[(Option<&str>, &str)] = &[
    (
        Some(DAY),
        "MATCH (a:country)-[:member]->(:organization {id: 'SCO'})<-[:member]-(b:country), \
         (a)-[d:dispute]-(b) RETURN a.name, b.name",
    ),
    (
        Some(DAY),
        "MATCH (c:country)-[:member]->(:organization {id: 'SCO'}), (p:person)-[l:leads]->(c) \
         RETURN c.name, p.name, l.role ORDER BY c.name",
    ),
    (
        Some(DAY),
        "MATCH p = shortestPath((a:country {id: 'BLR'})-[*..6]-(b:country {id: 'USA'})) \
         RETURN length(p) AS hops, nodes(p) AS via",
    ),
    (
        Some(DAY),
        "MATCH (o:organization) OPTIONAL MATCH (c:country)-[:observer|dialogue_partner]->(o) \
         RETURN o.id, count(c) AS partners, collect(c.name) AS names ORDER BY o.id",
    ),
    (
        Some(DAY),
        "MATCH (a:country {id: 'IRN'})-[:member|observer*1..2]-(x:country) \
         RETURN DISTINCT x.name ORDER BY x.name",
    ),
    (
        Some(DAY),
        "MATCH (c:country)-[s:stance]->(:issue {id: 'ukraine-war'}) \
         RETURN s.position, count(*) AS states ORDER BY states DESC",
    ),
    (
        Some(DAY),
        "MATCH (c:country)-[:member]->(o:organization) WITH c, count(o) AS n WHERE n > 1 \
         RETURN c.name, n ORDER BY n DESC, c.name",
    ),
    (
        None,
        "MATCH (p:person)-[l:leads]->(:country {name: 'Iran'}) \
         RETURN p.name, l.role, l.since, l.until ORDER BY l.since",
    ),
];

/// The moment a query runs as of, as `--as-of` / `--all-time` say it.
#[derive(Clone, Debug)]
enum Moment {
    /// `--as-of DAY`.
    Day(Date),
    /// `--all-time`.
    AllTime,
}

impl Moment {
    fn when(&self) -> When {
        match self {
            Moment::Day(day) => When::On(*day),
            Moment::AllTime => When::AllTime,
        }
    }

    fn args(&self) -> Vec<String> {
        match self {
            Moment::Day(day) => vec!["--as-of".into(), day.to_string()],
            Moment::AllTime => vec!["--all-time".into()],
        }
    }

    fn label(&self) -> String {
        match self {
            Moment::Day(day) => day.to_string(),
            Moment::AllTime => "all time".into(),
        }
    }
}

/// One query on the bundled graph.
struct Example {
    /// `bench` or `README.md:LINE`.
    origin: String,
    when: Moment,
    text: String,
    /// `--param` values as typed (for the fresh process) and as read.
    params: Vec<String>,
    options: Options,
    /// `--explain`: the plan is what is timed.
    explain: bool,
}

/// Median and fastest of some runs.
#[derive(Clone, Copy)]
struct Stats {
    median: Duration,
    min: Duration,
}

impl Stats {
    fn of(mut times: Vec<Duration>) -> Stats {
        times.sort();
        Stats {
            median: times[times.len() / 2],
            min: times[0],
        }
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// A Markdown table cell: `|` escaped, one line.
fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}

/// A query as a table cell, in backticks.
fn code(text: &str) -> String {
    format!("`{}`", cell(&squeeze(text)))
}

/// Runs of whitespace as one space (README queries span lines).
fn squeeze(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// What one fresh process of the binary did.
struct Ran {
    took: Duration,
    /// The exit code (-1: killed by a signal).
    code: i32,
    /// The first line it wrote on stderr.
    said: String,
}

/// One fresh process of the binary, stdout to /dev/null; `Err` only when
/// it cannot be started.
fn fresh(args: &[String]) -> Result<Ran, String> {
    let started = Instant::now();
    let out = Command::new(BINARY)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .output()
        .map_err(|e| format!("cannot run {BINARY}: {e}"))?;
    let took = started.elapsed();
    let said = String::from_utf8_lossy(&out.stderr);
    Ok(Ran {
        took,
        code: out.status.code().unwrap_or(-1),
        said: said
            .lines()
            .find(|l| !l.trim().is_empty())
            .unwrap_or("")
            .trim()
            .to_string(),
    })
}

/// Fresh processes of one command: the times, and how the first ended.
struct Fresh {
    stats: Stats,
    code: i32,
    said: String,
}

impl Fresh {
    /// The median as a cell, with the exit code when it is not 0.
    fn cell(&self) -> String {
        let median = format!("{:.1}", ms(self.stats.median));
        if self.code == 0 {
            median
        } else {
            format!("{median} (exit {})", self.code)
        }
    }
}

/// `runs` fresh processes of every command, taken in turns (each once,
/// then each again), so that a burst of load on the shared machine falls
/// on all the rows alike instead of on one.
fn fresh_turns(jobs: &[Vec<String>], runs: usize) -> Vec<Result<Fresh, String>> {
    let mut times: Vec<Result<Vec<Ran>, String>> = jobs.iter().map(|_| Ok(Vec::new())).collect();
    for _ in 0..runs {
        for (job, done) in jobs.iter().zip(times.iter_mut()) {
            if let Ok(list) = done {
                match fresh(job) {
                    Ok(ran) => list.push(ran),
                    Err(e) => *done = Err(e),
                }
            }
        }
    }
    times
        .into_iter()
        .map(|done| {
            let mut list = done?;
            let first = list.remove(0);
            let (code, said) = (first.code, first.said);
            let mut all: Vec<Duration> = list.iter().map(|r| r.took).collect();
            all.push(first.took);
            Ok(Fresh {
                stats: Stats::of(all),
                code,
                said,
            })
        })
        .collect()
}

fn fresh_cell(fresh: &Result<Fresh, String>) -> String {
    match fresh {
        Ok(f) => f.cell(),
        Err(e) => cell(e),
    }
}

/// Times `f` in this process: one warm-up call, then calls until at
/// least `min_runs` and 300 ms (at most 10,000 calls; a smoke run of one
/// call, no 300 ms).
fn in_process<T>(min_runs: usize, mut f: impl FnMut() -> T) -> Stats {
    std::hint::black_box(f());
    // A smoke run (one call) has no time budget.
    let budget = if min_runs > 1 {
        Duration::from_millis(300)
    } else {
        Duration::ZERO
    };
    let started = Instant::now();
    let mut times = Vec::new();
    while times.len() < min_runs || (started.elapsed() < budget && times.len() < 10_000) {
        let t = Instant::now();
        std::hint::black_box(f());
        times.push(t.elapsed());
    }
    Stats::of(times)
}

/// What a query answered in this process, and how fast.
struct Inside {
    /// The rows (or the plan's length), or the error that is the answer.
    answer: Result<String, String>,
    /// The moment it ran as of (a query's `AS OF` included).
    when: String,
    /// `None` when it panicked (the panic is on stderr).
    stats: Option<Stats>,
}

/// Runs (or, with `explain`, plans) `text` once to see the answer, then
/// times it: at least `min_runs` calls and 300 ms. An error is an answer
/// too, timed as one; a panic is caught, so that a bug in the executor
/// shows as a row of the table instead of ending the run.
fn inside(
    graph: &DiploGraph,
    when: When,
    text: &str,
    options: &Options,
    explain: bool,
    min_runs: usize,
) -> Inside {
    let call = || -> Result<(String, When), diplograph::error::Error> {
        if explain {
            cypher::explain(graph, when, text, "query", options)
                .map(|lines| (format!("plan: {} lines", lines.len()), when))
        } else {
            cypher::run(graph, when, text, "query", options).map(|rows| (rows_of(&rows), rows.when))
        }
    };
    match catch_unwind(AssertUnwindSafe(call)) {
        Err(_) => Inside {
            answer: Err("panicked (see stderr)".into()),
            when: when_label(when),
            stats: None,
        },
        Ok(first) => {
            let stats = in_process(min_runs, call);
            let (answer, ran_as_of) = match first {
                Ok((rows, at)) => (Ok(rows), at),
                Err(e) => (Err(first_line(&e.to_string())), when),
            };
            Inside {
                answer,
                when: when_label(ran_as_of),
                stats: Some(stats),
            }
        }
    }
}

fn when_label(when: When) -> String {
    match when {
        When::On(day) => day.to_string(),
        When::AllTime => "all time".into(),
        When::During { from, until } => format!("{from} until {until}"),
    }
}

fn first_line(text: &str) -> String {
    text.lines().next().unwrap_or("").to_string()
}

/// How many rows, and the count when the answer is one `count(*)`.
fn rows_of(rows: &cypher::Rows) -> String {
    match rows.rows.as_slice() {
        [row] if row.len() == 1 => match &row[0] {
            Value::Integer(n) => format!("1 (count {})", thousands(*n)),
            _ => "1".into(),
        },
        all => thousands(all.len() as i64),
    }
}

fn thousands(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    if n < 0 { format!("-{out}") } else { out }
}

/// The verdict of a median against a target.
fn verdict(median: Duration, target: Duration) -> String {
    if median <= target {
        "yes".into()
    } else {
        format!(
            "**NO** (+{:.0} ms, {:.1}× the target)",
            ms(median.saturating_sub(target)),
            median.as_secs_f64() / target.as_secs_f64()
        )
    }
}

fn env_number(key: &str, default: usize) -> usize {
    std::env::var(key)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn day(text: &str) -> Date {
    text.parse().expect("a day written by this bench")
}

fn main() {
    // `cargo bench -- --list` asks the harness what it has.
    let args: Vec<String> = std::env::args().collect();
    if args.iter().any(|a| a == "--list") {
        println!("query/bundled: bench");
        println!("query/1m: bench");
        return;
    }
    let benching = args.iter().any(|a| a == "--bench");
    let runs = env_number("QUERY_BENCH_RUNS", 7).max(5);
    let only = std::env::var("QUERY_BENCH_ONLY").unwrap_or_default();
    println!("binary: {BINARY}");
    if !benching {
        println!("(smoke run: bundled examples once each; `cargo bench --bench query` measures)");
        bundled(1, 1);
        return;
    }
    if only.is_empty() || only == "bundled" {
        bundled(runs, 20);
    }
    if only.is_empty() || only == "1m" {
        large(runs);
    }
}

// ----- the bundled graph -----

/// The examples: the list above, then README.md's (less any the list
/// already has), and what of README.md could not be benched.
fn examples() -> (Vec<Example>, Vec<String>) {
    let mut examples: Vec<Example> = EXAMPLES
        .iter()
        .map(|(when, text)| Example {
            origin: "bench".into(),
            when: when.map_or(Moment::AllTime, |d| Moment::Day(day(d))),
            text: (*text).to_string(),
            params: Vec::new(),
            options: Options::default(),
            explain: false,
        })
        .collect();
    let readme = Path::new(MANIFEST).join("README.md");
    let (found, skipped) = match std::fs::read_to_string(&readme) {
        Ok(text) => readme_examples(&text),
        Err(e) => (Vec::new(), vec![format!("README.md not read: {e}")]),
    };
    let key = |e: &Example| {
        (
            squeeze(&e.text),
            e.when.label(),
            e.explain,
            e.params.clone(),
        )
    };
    for example in found {
        if !examples.iter().any(|e| key(e) == key(&example)) {
            examples.push(example);
        }
    }
    (examples, skipped)
}

/// The command line that runs `example` on `file` in a fresh process.
fn example_args(file: &str, example: &Example) -> Vec<String> {
    let mut args: Vec<String> = vec!["--graph".into(), file.into(), "query".into()];
    args.extend(example.when.args());
    for param in &example.params {
        args.extend(["--param".into(), param.clone()]);
    }
    if example.explain {
        args.push("--explain".into());
    }
    args.push(example.text.clone());
    args
}

/// Times every example on the bundled graph and prints the table.
fn bundled(runs: usize, min_runs: usize) {
    let graph = DiploGraph::load(&Origin::Bundled).expect("the bundled graph loads");
    let file = Path::new(MANIFEST).join("graph.ron");
    let file = file.to_string_lossy().into_owned();
    let iran = graph.resolve("Iran").expect("Iran is in the bundled graph");
    let view = graph.at(When::On(day(DAY)));
    let shown = query::show(&view, iran).relations.len();
    let base = in_process(min_runs, || query::show(&view, iran).relations.len());
    let (examples, skipped) = examples();
    let answers: Vec<Inside> = examples
        .iter()
        .map(|e| {
            inside(
                &graph,
                e.when.when(),
                &e.text,
                &e.options,
                e.explain,
                min_runs,
            )
        })
        .collect();
    let mut jobs: Vec<Vec<String>> = vec![
        [
            "--graph", &file, "show", "Iran", "--as-of", DAY, "--format", "json",
        ]
        .iter()
        .map(ToString::to_string)
        .collect(),
    ];
    jobs.extend(examples.iter().map(|e| example_args(&file, e)));
    let fresh = fresh_turns(&jobs, runs);

    println!("## `diplograph query` on the bundled graph (target: each example ≤ 20 ms)\n");
    println!(
        "{} examples: {} listed in benches/query.rs, {} more from README.md's console blocks. \
         In process: `cypher::run` on the loaded graph, median of ≥ {min_runs} calls and 300 ms; \
         the verdict is on it. Fresh process: the whole `diplograph --graph graph.ron query …` \
         (graph.ron parsed, no cache at this size), median of {runs} taken in turns.\n",
        examples.len(),
        EXAMPLES.len(),
        examples.len() - EXAMPLES.len().min(examples.len()),
    );
    for note in &skipped {
        println!("- skipped: {note}");
    }
    if !skipped.is_empty() {
        println!();
    }
    println!(
        "| from | query | as of | rows | median ms | min ms | ratio to baseline | fresh process ms | target | verdict |"
    );
    println!("|---|---|---|---|---|---|---|---|---|---|");
    println!(
        "| baseline | `query::show(Iran)`; fresh: `show Iran --format json` | {DAY} | {shown} relations | {:.4} | {:.4} | 1 | {} | | |",
        ms(base.median),
        ms(base.min),
        fresh_cell(&fresh[0]),
    );
    for ((example, answer), fresh) in examples.iter().zip(&answers).zip(&fresh[1..]) {
        println!("{}", bundled_row(example, answer, fresh, base));
    }
    println!();
}

/// One example's row of the bundled table.
fn bundled_row(
    example: &Example,
    answer: &Inside,
    fresh: &Result<Fresh, String>,
    base: Stats,
) -> String {
    let target = Duration::from_millis(20);
    let rows = match &answer.answer {
        Ok(rows) => rows.clone(),
        Err(e) => format!("error: {}", cell(e)),
    };
    let mut line = format!(
        "| {} | {} | {} | {rows} | ",
        example.origin,
        code(&example.text),
        answer.when,
    );
    let fresh = fresh_cell(fresh);
    match answer.stats {
        Some(stats) => {
            let note = if answer.answer.is_err() {
                " (the answer is an error)"
            } else {
                ""
            };
            let _ = write!(
                line,
                "{:.3} | {:.3} | {:.0} | {fresh} | ≤ 20 ms | {}{note} |",
                ms(stats.median),
                ms(stats.min),
                stats.median.as_secs_f64() / base.median.as_secs_f64(),
                verdict(stats.median, target),
            );
        }
        None => {
            let _ = write!(line, " | | | {fresh} | ≤ 20 ms | **ERROR** |");
        }
    }
    line
}

// ----- README.md -----

/// Every `$ diplograph query …` command of README.md's ```` ```console ````
/// blocks, and what could not be benched (with why).
fn readme_examples(readme: &str) -> (Vec<Example>, Vec<String>) {
    let lines: Vec<&str> = readme.lines().collect();
    let mut found = Vec::new();
    let mut skipped = Vec::new();
    let mut in_console = false;
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        let trimmed = line.trim_start();
        if trimmed.starts_with("```") {
            in_console = !in_console && trimmed.trim_start_matches('`').trim() == "console";
            i += 1;
            continue;
        }
        let Some(command) = trimmed.strip_prefix("$ ") else {
            i += 1;
            continue;
        };
        if !in_console {
            i += 1;
            continue;
        }
        // A command may go on over the next lines: an open quote, or a
        // backslash at the end of the line.
        let start = i;
        let mut text = command.to_string();
        let mut words = shell_words(&text);
        while words.is_none() && i + 1 < lines.len() && !lines[i + 1].trim().starts_with("```") {
            i += 1;
            text.push('\n');
            text.push_str(lines[i]);
            words = shell_words(&text);
        }
        i += 1;
        let place = format!("README.md:{}", start + 1);
        match words {
            None => skipped.push(format!("{place}: the command's quotes never close")),
            Some(words) if is_query(&words) => match example_of(&words, &place) {
                Ok(example) => found.push(example),
                Err(why) => skipped.push(format!("{place}: {why}")),
            },
            Some(_) => {}
        }
    }
    (found, skipped)
}

/// `diplograph [global options] query …`.
fn is_query(words: &[String]) -> bool {
    words.first().is_some_and(|w| w == "diplograph") && words.iter().any(|w| w == "query")
}

/// The example a `diplograph … query …` command runs, or why it cannot be
/// benched on the bundled graph.
fn example_of(words: &[String], place: &str) -> Result<Example, String> {
    let mut when = Moment::Day(diplograph_today());
    let mut text = None;
    let mut params = Vec::new();
    let mut options = Options::default();
    let mut explain = false;
    let mut seen_query = false;
    let mut rest = words[1..].iter();
    while let Some(word) = rest.next() {
        let (flag, inline) = match word.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f, Some(v.to_string())),
            _ => (word.as_str(), None),
        };
        let mut value = || {
            inline
                .clone()
                .or_else(|| rest.next().cloned())
                .ok_or_else(|| format!("{flag} without a value"))
        };
        match flag {
            "query" if !seen_query => seen_query = true,
            "|" | ">" | ">>" | "<" | "2>" | "&&" | ";" => {
                return Err(format!("`{flag}`: only a plain command is benched"));
            }
            "--as-of" => {
                let v = value()?;
                when = Moment::Day(v.parse().map_err(|e| format!("--as-of {v}: {e}"))?);
            }
            "--all-time" => when = Moment::AllTime,
            "--format" | "--timeout" | "--color" => {
                value()?;
            }
            "--max-rows" => {
                let v = value()?;
                options.limits.max_rows = v.parse().map_err(|_| format!("--max-rows {v}"))?;
            }
            "--param" => {
                let v = value()?;
                let (name, val) = diplograph::query::cypher::param(&v)?;
                options.params.insert(name, val);
                params.push(v);
            }
            "--explain" => explain = true,
            "--graph" => {
                let v = value()?;
                if Path::new(&v).file_name().is_none_or(|f| f != "graph.ron") {
                    return Err(format!("--graph {v}: not the bundled graph"));
                }
            }
            "--file" | "-" => return Err("reads the query from a file or stdin".into()),
            f if f.starts_with('-') => {
                return Err(format!("{f}: an option this bench does not know"));
            }
            _ if seen_query && text.is_none() => text = Some(word.clone()),
            other => return Err(format!("unexpected word `{other}`")),
        }
    }
    let text = text.ok_or("no query text")?;
    Ok(Example {
        origin: place.to_string(),
        when,
        text,
        params,
        options,
        explain,
    })
}

/// The day a command without `--as-of` runs as of.
fn diplograph_today() -> Date {
    jiff::ZonedDateTime::now().date()
}

/// Splits a POSIX shell command into words: single quotes (literal, may
/// span lines), double quotes (`\"`, `\\`, `\$`, `` \` `` escaped),
/// backslash escapes and backslash-newline outside quotes. `None` while a
/// quote is open or the text ends in a backslash (the command goes on).
fn shell_words(text: &str) -> Option<Vec<String>> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut in_word = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\'' => {
                in_word = true;
                loop {
                    match chars.next()? {
                        '\'' => break,
                        other => word.push(other),
                    }
                }
            }
            '"' => {
                in_word = true;
                loop {
                    match chars.next()? {
                        '"' => break,
                        '\\' => match chars.next()? {
                            e @ ('"' | '\\' | '$' | '`') => word.push(e),
                            '\n' => {}
                            other => {
                                word.push('\\');
                                word.push(other);
                            }
                        },
                        other => word.push(other),
                    }
                }
            }
            '\\' => match chars.next()? {
                '\n' => {}
                other => {
                    in_word = true;
                    word.push(other);
                }
            },
            '#' if !in_word => {
                // A comment to the end of the line.
                while chars.peek().is_some_and(|c| *c != '\n') {
                    chars.next();
                }
            }
            c if c.is_whitespace() => {
                if in_word {
                    words.push(std::mem::take(&mut word));
                    in_word = false;
                }
            }
            other => {
                in_word = true;
                word.push(other);
            }
        }
    }
    if in_word {
        words.push(word);
    }
    Some(words)
}

// ----- the 1M database -----

/// Where the 1M database lives: `target/bench-query/1m.ron`, beside the
/// binary's `target/`.
fn large_path() -> PathBuf {
    let target = Path::new(BINARY)
        .parent()
        .and_then(Path::parent)
        .map_or_else(|| Path::new(MANIFEST).join("target"), Path::to_path_buf);
    target.join("bench-query").join("1m.ron")
}

/// `generate`'s arguments for the 1M database.
fn generate_args(p: &Params) -> String {
    format!(
        "--seed {} --countries {} --organizations {} --relations {}",
        p.seed, p.countries, p.organizations, p.relations
    )
}

/// Writes the database unless a file made with the same arguments is
/// there; says which.
fn ensure_generated(path: &Path) -> String {
    let wanted = generate_args(&Params::LARGE);
    let first = std::fs::File::open(path).ok().and_then(|f| {
        let mut line = String::new();
        std::io::BufReader::new(f).read_line(&mut line).ok()?;
        Some(line)
    });
    if first.is_some_and(|l| l.contains(&format!("generate {wanted}`"))) {
        return format!("reused {} (`generate {wanted}`)", path.display());
    }
    std::fs::create_dir_all(path.parent().expect("a directory")).expect("target/ is writable");
    let started = Instant::now();
    let mut args: Vec<String> = vec!["generate".into()];
    args.extend(wanted.split(' ').map(String::from));
    args.extend([
        "--output".into(),
        path.display().to_string(),
        "--force".into(),
    ]);
    let status = Command::new(BINARY)
        .args(&args)
        .status()
        .expect("generate runs");
    assert!(status.success(), "generate failed: {status}");
    format!(
        "generated {} (`generate {wanted}`) in {:.1} s",
        path.display(),
        started.elapsed().as_secs_f64()
    )
}

/// The snapshot cache's file (see store/snapshot/cache.rs): `.NAME.snapshot`.
fn cache_path(db: &Path) -> PathBuf {
    let name = db
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    db.with_file_name(format!(".{name}.snapshot"))
}

fn modified(path: &Path) -> Option<SystemTime> {
    std::fs::metadata(path).and_then(|m| m.modified()).ok()
}

/// A state the 1M queries start from, and why it was picked.
struct State {
    id: String,
    why: &'static str,
    ties: usize,
    memberships: usize,
}

/// The states at the median, the 90th percentile and the top of the
/// alliance-and-partnership degree in force on `day`.
fn pick_states(graph: &DiploGraph, day: Date) -> Vec<State> {
    let view = graph.at(When::On(day));
    let mut degrees: Vec<(usize, usize, NodeIndex)> = view
        .nodes()
        .filter(|n| graph.entity_kind(*n) == EntityKind::Country)
        .map(|n| {
            let incident = view.incident(n);
            let ties = incident
                .iter()
                .filter(|i| {
                    matches!(
                        i.relation.kind,
                        RelationKind::Alliance | RelationKind::Partnership
                    )
                })
                .count();
            let memberships = incident
                .iter()
                .filter(|i| i.outgoing && i.relation.kind == RelationKind::Member)
                .count();
            (ties, memberships, n)
        })
        .collect();
    degrees.sort_unstable();
    let len = degrees.len();
    assert!(len > 0, "the 1M database has countries");
    [
        ("median", len / 2),
        ("90th percentile", len * 9 / 10),
        ("largest", len - 1),
    ]
    .into_iter()
    .map(|(why, k)| {
        let (ties, memberships, n) = degrees[k];
        State {
            id: graph.entity(n).id.clone(),
            why,
            ties,
            memberships,
        }
    })
    .collect()
}

/// One row of the 1M table.
struct Row {
    state: String,
    label: &'static str,
    text: String,
    target: Option<Duration>,
    /// `cypher::run` alone, on the graph already loaded.
    inside: Inside,
}

/// Generates (once), warms the cache, picks the states, times the
/// patterns and prints the table and the plans.
fn large(runs: usize) {
    let db = large_path();
    println!("## `diplograph query` on the 1M generated database (fresh process)\n");
    println!("- {}", ensure_generated(&db));
    let file = db.display().to_string();
    println!("- {}", warm_cache(&db));
    let origin = Origin::File(db.clone());
    let load = in_process(3, || DiploGraph::load(&origin).map(|g| g.node_count()));
    let graph = DiploGraph::load(&origin).expect("the 1M database loads");
    println!(
        "- load through the cache, in process (`DiploGraph::load`): median {:.1} ms, min {:.1} ms",
        ms(load.median),
        ms(load.min)
    );
    let as_of = day(DAY);
    let states = pick_states(&graph, as_of);
    for s in &states {
        println!(
            "- state {} ({} alliance+partnership degree): {} ties, {} memberships in force on {DAY}",
            s.id, s.why, s.ties, s.memberships
        );
    }
    println!(
        "- {runs} fresh processes a row, taken in turns, stdout to /dev/null; `--as-of {DAY}`\n"
    );
    let mut rows = Vec::new();
    for state in &states {
        for (label, text, target) in patterns(&state.id) {
            let inside = inside(
                &graph,
                When::On(as_of),
                &text,
                &Options::default(),
                false,
                3,
            );
            rows.push(Row {
                state: state.id.clone(),
                label,
                text,
                target,
                inside,
            });
        }
    }
    let mut jobs: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            ["--graph", &file, "query", "--as-of", DAY, &r.text]
                .iter()
                .map(ToString::to_string)
                .collect()
        })
        .collect();
    let show_state = states[0].id.clone();
    jobs.push(
        [
            "--graph",
            &file,
            "show",
            &show_state,
            "--as-of",
            DAY,
            "--format",
            "json",
        ]
        .iter()
        .map(ToString::to_string)
        .collect(),
    );
    let fresh = fresh_turns(&jobs, runs);
    print_large(&rows, &fresh, &show_state);
    print_plans(&graph, as_of, &states);
}

/// Loads the database once in a fresh process (`check`), which writes the
/// snapshot cache when it is missing or stale; says what it did.
fn warm_cache(db: &Path) -> String {
    let cache = cache_path(db);
    let before = modified(&cache);
    let warm = fresh(&["--graph".into(), db.display().to_string(), "check".into()])
        .expect("the binary runs");
    assert_eq!(warm.code, 0, "check failed: {}", warm.said);
    let after = modified(&cache);
    let what = if after.is_some() && after != before {
        "wrote the snapshot cache"
    } else if after.is_some() {
        "the snapshot cache was already current"
    } else {
        "no snapshot cache was written (read-only directory? DIPLOGRAPH_SNAPSHOT=off?)"
    };
    format!(
        "warm-up: `check` in {:.0} ms ({what}); every timed run below loads through the cache",
        ms(warm.took)
    )
}

/// The patterns timed from each state: (label, query, target).
fn patterns(id: &str) -> [(&'static str, String, Option<Duration>); 3] {
    [
        (
            "baseline: the state",
            format!("MATCH (a:country {{id: '{id}'}}) RETURN a.id"),
            None,
        ),
        (
            "2-hop",
            format!(
                "MATCH (a:country {{id: '{id}'}})-[:alliance|partnership]-(b)-[:member]->(o) \
                 RETURN b.name, o.name"
            ),
            Some(Duration::from_millis(100)),
        ),
        (
            "3-hop count",
            format!(
                "MATCH (a:country {{id: '{id}'}})-[:alliance]-(b)-[:alliance]-(c)-[:member]->(o) \
                 RETURN count(*)"
            ),
            Some(Duration::from_secs(1)),
        ),
    ]
}

fn target_label(target: Option<Duration>) -> String {
    match target {
        Some(t) if t >= Duration::from_secs(1) => format!("≤ {} s", t.as_secs()),
        Some(t) => format!("≤ {} ms", t.as_millis()),
        None => String::new(),
    }
}

/// The 1M table: each row against its state's baseline row.
fn print_large(rows: &[Row], fresh: &[Result<Fresh, String>], show_state: &str) {
    println!(
        "| state | query | rows | median ms | min ms | − baseline ms | in-process run ms | ratio to baseline | target | verdict |"
    );
    println!("|---|---|---|---|---|---|---|---|---|---|");
    for (row, ran) in rows.iter().zip(fresh) {
        let base = rows
            .iter()
            .zip(fresh)
            .find(|(b, _)| b.state == row.state && b.target.is_none())
            .and_then(|(_, f)| f.as_ref().ok());
        let answer = match &row.inside.answer {
            Ok(r) => r.clone(),
            Err(e) => format!("error: {}", cell(e)),
        };
        let inside = row
            .inside
            .stats
            .map_or_else(String::new, |s| format!("{:.1}", ms(s.median)));
        let target = target_label(row.target);
        let rest = match ran {
            Ok(f) => {
                let versus = base.map_or_else(
                    || (String::new(), String::new()),
                    |b| {
                        (
                            format!("{:+.1}", ms(f.stats.median) - ms(b.stats.median)),
                            format!(
                                "{:.2}",
                                f.stats.median.as_secs_f64() / b.stats.median.as_secs_f64()
                            ),
                        )
                    },
                );
                let verdict = match row.target {
                    Some(_) if f.code != 0 => {
                        format!("**NO** (exit {}: {})", f.code, cell(&f.said))
                    }
                    Some(t) => verdict(f.stats.median, t),
                    None => String::new(),
                };
                format!(
                    "{} | {:.1} | {} | {inside} | {} | {target} | {verdict} |",
                    f.cell(),
                    ms(f.stats.min),
                    versus.0,
                    versus.1,
                )
            }
            Err(e) => format!("{} | | | {inside} | | {target} | **ERROR** |", cell(e)),
        };
        println!(
            "| {} | {} | {answer} | {rest}",
            row.state,
            code(&format!("{}: {}", row.label, row.text))
        );
    }
    if let Some(Ok(show)) = fresh.get(rows.len()) {
        println!(
            "| {show_state} | `show {show_state} --format json` (second baseline) | | {} | {:.1} | | | | | |",
            show.cell(),
            ms(show.stats.min),
        );
    }
    println!();
}

/// `--explain` of each pattern from the first state (the plans of the
/// others differ only in the id).
fn print_plans(graph: &DiploGraph, as_of: Date, states: &[State]) {
    let Some(state) = states.first() else { return };
    println!("Plans (`--explain`, state {}):\n", state.id);
    for (label, text, _) in patterns(&state.id) {
        let plan = catch_unwind(AssertUnwindSafe(|| {
            cypher::explain(graph, When::On(as_of), &text, "query", &Options::default())
        }));
        println!("{label}: `{text}`\n");
        println!("```text");
        match plan {
            Ok(Ok(lines)) => {
                for line in lines {
                    println!("{line}");
                }
            }
            Ok(Err(e)) => println!("error: {e}"),
            Err(_) => println!("panicked (see stderr)"),
        }
        println!("```\n");
    }
}
