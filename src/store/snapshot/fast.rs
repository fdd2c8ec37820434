//! The fast reader: `graph.ron` text straight to a validated [`Snapshot`],
//! in one pass, without ron and without a `String` per value.
//!
//! It reads the subset of RON that diplograph and people write: the
//! database struct in parentheses, fields in any order, entities and
//! relations as `kind(field: value, …)`, strings without escapes, line
//! comments, trailing commas. It checks everything the full validator
//! ([`crate::store::validate`]) checks. The rule that keeps it honest is
//! **decline, never diagnose**: at anything outside that subset or anything
//! wrong, [`read`] returns `None` and the caller takes the full path (ron
//! and the validator), which accepts or explains. So the reader must never
//! accept a file the full path refuses, and must build exactly the database
//! the full path would; when in doubt it declines, which only costs time.
//! The tests hold it to that against ron on mutated files.

use std::borrow::Cow;
use std::io::Read;
use std::ops::ControlFlow;
use std::path::Path;

use rustc_hash::FxHashMap;
use xxhash_rust::xxh3::Xxh3;

use super::{
    EntityRecord, NONE, PackedDate, RelationRecord, Snapshot, SourceRecord, UNIVERSAL, day_number,
    valid_packed,
};
use crate::model::{AllianceType, Ballot, EntityKind, Position, RelationKind};
use crate::names::{NameIndexBuilder, fold};
use crate::schema::FORMAT_VERSION;
use crate::store::rules::{self, Fact};
use crate::store::validate::id_shape_problem;

/// Reads and validates `text`; `None` when the full path must decide.
/// O(length of text + relations · log degree).
///
/// ```
/// use diplograph::store::{self, snapshot::fast, validate::validate};
/// let snap = fast::read(store::BUNDLED).expect("the bundled file is in the subset");
/// let full = validate(store::parse("g", store::BUNDLED).unwrap()).unwrap();
/// assert_eq!(snap.to_database(), full.to_database());
/// assert!(fast::read("(version: 1, checked: \"2024-02-30\")").is_none());
/// ```
pub fn read(text: &str) -> Option<Snapshot> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut input = Whole {
        bytes: text.as_bytes(),
        pos: 0,
    };
    parse(&mut input, &mut |_| {})?.finish()
}

/// Reads and validates the file at `path` through a small window (the
/// whole text is never in memory: on a large file that saves its size in
/// memory, and the time to fault in and zero that much fresh memory).
/// Returns the snapshot, or `None` when the full path must decide, with the
/// xxh3 hash of the whole file when it was read to the end. `progress`
/// hears the number of bytes read every [`PROGRESS_STEP`] bytes.
pub fn read_file(
    path: &Path,
    progress: &mut dyn FnMut(usize),
) -> std::io::Result<(Option<Snapshot>, Option<u64>)> {
    read_stream(std::fs::File::open(path)?, WINDOW, ROOM, progress)
}

/// [`read_file`] on any reader, through a window of `window` bytes that
/// keeps at least `room` bytes ahead of the cursor (tests use tiny ones).
fn read_stream(
    input: impl Read,
    window: usize,
    room: usize,
    progress: &mut dyn FnMut(usize),
) -> std::io::Result<(Option<Snapshot>, Option<u64>)> {
    let mut input = Stream {
        input,
        buf: vec![0; window],
        room,
        start: 0,
        valid: 0,
        end: 0,
        eof: false,
        consumed: 0,
        hasher: Xxh3::new(),
        error: None,
    };
    let parsed = parse(&mut input, progress);
    if let Some(error) = input.error.take() {
        return Err(error);
    }
    // Only a file read to its end has a hash.
    let hash = (input.eof && input.start == input.end).then(|| input.hasher.digest());
    drop(input);
    Ok((parsed.and_then(Parsed::finish), hash))
}

/// How often [`read_file`] reports progress, in bytes.
pub const PROGRESS_STEP: usize = 1 << 20;

/// The streaming window's size, and how much of it one token may need
/// before more is read (a longer element just makes the window grow).
const WINDOW: usize = 1 << 20;
const ROOM: usize = 64 << 10;

/// Where the reader's bytes come from.
trait Input {
    /// The bytes not consumed yet: at least `min` of them unless the input
    /// ends sooner. Always whole UTF-8 characters (the readers rely on it).
    /// `None` on a read error or text that is not UTF-8.
    fn window(&mut self, min: usize) -> Option<&[u8]>;
    /// Marks the first `n` bytes of the window as read.
    fn consume(&mut self, n: usize);
    /// Whether the window holds everything that is left.
    fn at_end(&self) -> bool;
    /// Bytes consumed so far.
    fn offset(&self) -> usize;
    /// How many bytes a step asks for first.
    fn room(&self) -> usize {
        ROOM
    }
}

/// A text already in memory.
struct Whole<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl Input for Whole<'_> {
    fn window(&mut self, _min: usize) -> Option<&[u8]> {
        Some(&self.bytes[self.pos..])
    }

    fn consume(&mut self, n: usize) {
        self.pos += n;
    }

    fn at_end(&self) -> bool {
        true
    }

    fn offset(&self) -> usize {
        self.pos
    }
}

/// A file read through a reusable buffer, hashed as it goes.
struct Stream<R: Read> {
    input: R,
    buf: Vec<u8>,
    room: usize,
    start: usize,
    /// `buf[start..valid]` is checked UTF-8; `buf[valid..end]` is the start
    /// of a character whose other bytes are not read yet.
    valid: usize,
    end: usize,
    eof: bool,
    consumed: usize,
    hasher: Xxh3,
    error: Option<std::io::Error>,
}

impl<R: Read> Input for Stream<R> {
    fn window(&mut self, min: usize) -> Option<&[u8]> {
        if self.valid - self.start < min && !self.eof {
            self.buf.copy_within(self.start..self.end, 0);
            self.end -= self.start;
            self.valid -= self.start;
            self.start = 0;
            if self.buf.len() < min {
                self.buf.resize(min.next_power_of_two(), 0);
            }
            while self.end < self.buf.len() && !self.eof {
                match self.input.read(&mut self.buf[self.end..]) {
                    Ok(0) => self.eof = true,
                    Ok(n) => {
                        let first = self.consumed == 0 && self.end == 0;
                        self.hasher.update(&self.buf[self.end..self.end + n]);
                        self.end += n;
                        // The full path refuses a file that is not UTF-8
                        // anywhere: check each chunk as it arrives, keeping
                        // back a character cut by the chunk's end.
                        match std::str::from_utf8(&self.buf[self.valid..self.end]) {
                            Ok(_) => self.valid = self.end,
                            Err(e) if e.error_len().is_none() => self.valid += e.valid_up_to(),
                            Err(_) => return None,
                        }
                        // A byte-order mark is not content.
                        if first && self.buf[..self.end].starts_with(b"\xEF\xBB\xBF") {
                            self.start = 3;
                            self.consumed = 3;
                        }
                    }
                    Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                    Err(e) => {
                        self.error = Some(e);
                        return None;
                    }
                }
            }
        }
        if self.eof && self.valid != self.end {
            // The file ends inside a character.
            return None;
        }
        Some(&self.buf[self.start..self.valid])
    }

    fn consume(&mut self, n: usize) {
        self.start += n;
        self.consumed += n;
    }

    fn at_end(&self) -> bool {
        self.eof && self.valid == self.end
    }

    fn offset(&self) -> usize {
        self.consumed
    }

    fn room(&self) -> usize {
        self.room
    }
}

/// Runs one step of reading on the window, retrying with a larger window
/// when the step ran into the end of the window before the end of the
/// text: a failure there may only mean "not enough text yet", and a
/// success may have stopped early (at blanks or a name cut off by the
/// window's end). Tokens are pure, so a retry starts clean; an element
/// ([`item`]) changes the snapshot when it succeeds, so it is never
/// retried after succeeding — it cannot succeed while starved anyway, as
/// its last byte is its closing parenthesis, and if it ever did the
/// reader declines instead of guessing.
fn step<T>(input: &mut dyn Input, f: impl FnMut(&mut Reader<'_>) -> Option<T>) -> Option<T> {
    run(input, f, true)
}

/// [`step`] for one element of a list.
fn item(input: &mut dyn Input, f: impl FnMut(&mut Reader<'_>) -> Option<()>) -> Option<()> {
    run(input, f, false)
}

fn run<T>(
    input: &mut dyn Input,
    mut f: impl FnMut(&mut Reader<'_>) -> Option<T>,
    pure: bool,
) -> Option<T> {
    let mut min = input.room();
    loop {
        let eof = input.at_end();
        let window = input.window(min)?;
        let available = window.len();
        let mut reader = Reader {
            b: window,
            i: 0,
            starved: false,
            // The window may have reached the end while being filled.
            eof: eof || available < min,
        };
        let out = f(&mut reader);
        let cut_short = reader.starved && !reader.eof;
        match out {
            Some(value) if !cut_short => {
                let n = reader.i;
                input.consume(n);
                return Some(value);
            }
            Some(_) if !pure => return None,
            _ if cut_short => min = available.max(min) * 2,
            _ => return None,
        }
    }
}

/// Reads the text into records, checking everything that concerns one
/// element at a time; what needs all of them is left to [`Parsed::finish`].
#[expect(
    clippy::redundant_closure_for_method_calls,
    reason = "`Reader::number` names one lifetime of `Reader`; `step` needs the closure for every one"
)]
fn parse(input: &mut dyn Input, progress: &mut dyn FnMut(usize)) -> Option<Parsed> {
    let mut build = Build::default();
    step(input, |r| {
        r.ws()?;
        r.expect(b'(')
    })?;
    let mut seen = 0u8;
    let (mut version, mut checked) = (None, None);
    let mut next_report = PROGRESS_STEP;
    loop {
        let name = step(input, |r| {
            r.ws()?;
            if r.eat(b')') {
                return Some(0u8);
            }
            let bit = match r.ident()? {
                "version" => 1,
                "checked" => 2,
                "sources" => 4,
                "entities" => 8,
                "relations" => 16,
                _ => return None,
            };
            r.ws()?;
            r.expect(b':')?;
            r.ws()?;
            Some(bit)
        })?;
        if name == 0 {
            break;
        }
        if seen & name != 0 {
            return None;
        }
        seen |= name;
        match name {
            1 => version = Some(step(input, |r| r.number())?),
            2 => checked = Some(step(input, |r| date(r.string()?))?),
            4 => list(input, &mut |r| build.source(r), &mut |_| {})?,
            8 => list(input, &mut |r| build.entity(r), &mut |at| {
                if at >= next_report {
                    progress(at);
                    next_report = at + PROGRESS_STEP;
                }
            })?,
            // Relations name entities by id: they must come after them.
            _ if seen & 8 == 0 => return None,
            _ => list(input, &mut |r| build.relation(r), &mut |at| {
                if at >= next_report {
                    progress(at);
                    next_report = at + PROGRESS_STEP;
                }
            })?,
        }
        let more = step(input, |r| {
            r.ws()?;
            if r.eat(b',') {
                return Some(true);
            }
            r.expect(b')')?;
            Some(false)
        })?;
        if !more {
            break;
        }
    }
    // Nothing but blanks and comments may follow.
    step(input, |r| {
        r.ws()?;
        (r.i == r.b.len() && r.eof).then_some(())
    })?;
    if version? != FORMAT_VERSION {
        return None;
    }
    let mut snap = build.snap;
    snap.checked = checked?;
    Some(Parsed {
        snap,
        names: build.names,
        role_class: build.role_class,
        empty_class: build.role_folds.get("").copied(),
    })
}

/// `[item, item, …]`, trailing comma allowed; `done` hears the offset
/// after each item.
fn list(
    input: &mut dyn Input,
    element: &mut dyn FnMut(&mut Reader<'_>) -> Option<()>,
    done: &mut dyn FnMut(usize),
) -> Option<()> {
    step(input, |r| {
        r.ws()?;
        r.expect(b'[')
    })?;
    loop {
        let closed = step(input, |r| {
            r.ws()?;
            Some(r.eat(b']'))
        })?;
        if closed {
            return Some(());
        }
        item(input, &mut *element)?;
        done(input.offset());
        let more = step(input, |r| {
            r.ws()?;
            if r.eat(b',') {
                return Some(true);
            }
            r.expect(b']')?;
            Some(false)
        })?;
        if !more {
            return Some(());
        }
    }
}

/// A cursor over a window of the text. Every method returns `None` at
/// anything it does not expect; running into the end of a window that is
/// not the end of the text sets `starved`, so the step can be retried with
/// more text.
struct Reader<'a> {
    b: &'a [u8],
    i: usize,
    starved: bool,
    /// Whether the window ends where the text does.
    eof: bool,
}

impl<'a> Reader<'a> {
    /// `b[from..to]` as text. Both ends must sit at an ASCII byte of the
    /// window or at its ends (every caller cuts at quotes, separators or
    /// the end of an identifier), so the slice is whole characters of text
    /// the window's [`Input`] has already checked to be UTF-8.
    fn text(&self, from: usize, to: usize) -> &'a str {
        let bytes = &self.b[from..to];
        debug_assert!(std::str::from_utf8(bytes).is_ok());
        // SAFETY: windows are valid UTF-8 (`Input::window`), and `from` and
        // `to` are ends of the window or positions of ASCII bytes, which
        // are always character boundaries: the slice is valid UTF-8.
        unsafe { std::str::from_utf8_unchecked(bytes) }
    }

    /// The byte at `i`, noting when the window ran out.
    fn at(&mut self, i: usize) -> Option<u8> {
        let byte = self.b.get(i).copied();
        if byte.is_none() {
            self.starved = true;
        }
        byte
    }

    /// Skips ASCII whitespace and `//` comments (ron also skips a few
    /// Unicode spaces and block comments: those make us decline).
    fn ws(&mut self) -> Option<()> {
        loop {
            match self.b.get(self.i) {
                Some(b' ' | b'\t' | b'\n' | b'\r' | 0x0B | 0x0C) => self.i += 1,
                Some(b'/') => {
                    if self.at(self.i + 1) != Some(b'/') {
                        return None;
                    }
                    match self.b[self.i + 2..].iter().position(|c| *c == b'\n') {
                        Some(k) => self.i += k + 3,
                        None if self.eof => self.i = self.b.len(),
                        None => {
                            self.starved = true;
                            return None;
                        }
                    }
                }
                Some(_) => return Some(()),
                None => {
                    // Perhaps more blanks beyond the window.
                    self.starved = true;
                    return Some(());
                }
            }
        }
    }

    fn eat(&mut self, byte: u8) -> bool {
        if self.at(self.i) == Some(byte) {
            self.i += 1;
            true
        } else {
            false
        }
    }

    fn expect(&mut self, byte: u8) -> Option<()> {
        self.eat(byte).then_some(())
    }

    /// An ASCII identifier.
    fn ident(&mut self) -> Option<&'a str> {
        let start = self.i;
        match self.at(self.i) {
            Some(c) if c.is_ascii_alphabetic() || c == b'_' => self.i += 1,
            _ => return None,
        }
        loop {
            match self.at(self.i) {
                Some(c) if c.is_ascii_alphanumeric() || c == b'_' => self.i += 1,
                _ => break,
            }
        }
        Some(self.text(start, self.i))
    }

    /// Where the string at the cursor starts, and how far its text runs
    /// before the closing quote or the first escape; `None` when no
    /// string starts here (or the window ends first: starved).
    fn string_head(&mut self) -> Option<(usize, usize)> {
        if self.at(self.i) != Some(b'"') {
            return None;
        }
        let start = self.i + 1;
        let Some(len) = self.b[start..]
            .iter()
            .position(|c| *c == b'"' || *c == b'\\')
        else {
            self.starved = true;
            return None;
        };
        Some((start, len))
    }

    /// A string without escapes (ron returns such strings as they are).
    fn string(&mut self) -> Option<&'a str> {
        let (start, len) = self.string_head()?;
        if self.b[start + len] != b'"' {
            return None;
        }
        // Control characters are refused by the validator: decline them
        // (C0 and DEL as bytes; C1, U+0080–U+009F, is 0xC2 then 0x80–0x9F
        // in UTF-8, while 0xC2 before anything else is printable: «, ©).
        let raw = &self.b[start..start + len];
        if raw.iter().enumerate().any(|(k, &c)| {
            c < 0x20
                || c == 0x7f
                || (c == 0xc2 && raw.get(k + 1).is_some_and(|n| (0x80..=0x9f).contains(n)))
        }) {
            return None;
        }
        self.i = start + len + 1;
        Some(self.text(start, start + len))
    }

    /// A string that may hold escapes (`\"`, `\\`, `\n`, `\t`, `\r`,
    /// `\'`, `\u{…}`), as ron writes names and notes with quotes or line
    /// breaks: borrowed when it has none, decoded otherwise. `multiline`:
    /// a note, which may hold line breaks and tabs (no other control
    /// character, as the validator says); anything else holds none.
    /// Declines any other escape.
    fn text_field(&mut self, multiline: bool) -> Option<Cow<'a, str>> {
        let (start, len) = self.string_head()?;
        if self.b[start + len] == b'"' {
            return self.string().map(Cow::Borrowed);
        }
        let mut out = String::from(self.text(start, start + len));
        let mut i = start + len;
        loop {
            let Some(&b) = self.b.get(i) else {
                self.starved = true;
                return None;
            };
            match b {
                b'"' => break,
                b'\\' => {
                    let Some(&e) = self.b.get(i + 1) else {
                        self.starved = true;
                        return None;
                    };
                    i += 2;
                    match e {
                        b'"' => out.push('"'),
                        b'\\' => out.push('\\'),
                        b'\'' => out.push('\''),
                        b'n' => out.push('\n'),
                        b't' => out.push('\t'),
                        b'r' => out.push('\r'),
                        b'u' => {
                            if self.b.get(i) != Some(&b'{') {
                                return None;
                            }
                            let Some(close) = self.b[i..].iter().position(|c| *c == b'}') else {
                                self.starved = true;
                                return None;
                            };
                            let hex = std::str::from_utf8(&self.b[i + 1..i + close]).ok()?;
                            out.push(char::from_u32(u32::from_str_radix(hex, 16).ok()?)?);
                            i += close + 1;
                        }
                        _ => return None,
                    }
                }
                _ => {
                    // Up to the next quote or escape, as it is.
                    let run = self.b[i..]
                        .iter()
                        .position(|c| *c == b'"' || *c == b'\\')
                        .unwrap_or(self.b.len() - i);
                    out.push_str(self.text(i, i + run));
                    i += run;
                }
            }
        }
        let allowed = |c: char| multiline && (c == '\n' || c == '\t');
        if out.chars().any(|c| c.is_control() && !allowed(c)) {
            return None;
        }
        self.i = i + 1;
        Some(Cow::Owned(out))
    }

    /// A whole number in plain decimal, no sign, no leading zero.
    fn number(&mut self) -> Option<u32> {
        let start = self.i;
        while self.at(self.i).is_some_and(|c| c.is_ascii_digit()) {
            self.i += 1;
        }
        let digits = self.text(start, self.i);
        let next = self.at(self.i);
        if digits.is_empty()
            || (digits.len() > 1 && digits.starts_with('0'))
            || !matches!(
                next,
                Some(b' ' | b'\t' | b'\n' | b'\r' | b',' | b')' | b'/')
            )
        {
            return None;
        }
        digits.parse().ok()
    }

    fn boolean(&mut self) -> Option<bool> {
        match self.ident()? {
            "true" => Some(true),
            "false" => Some(false),
            _ => None,
        }
    }

    /// `[item, item, …]` inside one step, trailing comma allowed.
    fn list(&mut self, mut item: impl FnMut(&mut Self) -> Option<()>) -> Option<()> {
        self.expect(b'[')?;
        loop {
            self.ws()?;
            if self.eat(b']') {
                return Some(());
            }
            item(self)?;
            self.ws()?;
            if self.eat(b',') {
                continue;
            }
            return self.expect(b']');
        }
    }

    /// The fields of a struct whose `(` was just read, up to its `)`.
    fn fields(&mut self, mut field: impl FnMut(&mut Self, &'a str) -> Option<()>) -> Option<()> {
        loop {
            self.ws()?;
            if self.eat(b')') {
                return Some(());
            }
            let name = self.ident()?;
            self.ws()?;
            self.expect(b':')?;
            self.ws()?;
            field(self, name)?;
            self.ws()?;
            if self.eat(b',') {
                continue;
            }
            return self.expect(b')');
        }
    }

    /// `[ "a", "b" ]`.
    fn strings(&mut self, out: &mut Vec<&'a str>) -> Option<()> {
        self.list(|r| {
            out.push(r.string()?);
            Some(())
        })
    }
}

/// A date as [`crate::date::PartialDate`] parses it, packed; `None` for
/// anything it would refuse.
fn date(text: &str) -> Option<PackedDate> {
    let b = text.as_bytes();
    let digits = |from: usize, to: usize| -> Option<u32> {
        b[from..to].iter().try_fold(0u32, |n, c| {
            c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
        })
    };
    let (year, month, day) = match b.len() {
        4 => (digits(0, 4)?, 0, 0),
        7 if b[4] == b'-' => (digits(0, 4)?, digits(5, 7)?, 0),
        10 if b[4] == b'-' && b[7] == b'-' => (digits(0, 4)?, digits(5, 7)?, digits(8, 10)?),
        _ => return None,
    };
    // A month or day written as 00 would pack like a coarser date.
    if (b.len() >= 7 && month == 0) || (b.len() == 10 && day == 0) {
        return None;
    }
    let packed = (year << 16) | (month << 8) | day;
    valid_packed(packed).then_some(packed)
}

fn opt_date(text: Option<&str>) -> Option<PackedDate> {
    match text {
        None => Some(0),
        Some(t) => date(t),
    }
}

/// Which of a kind's fields the schema accepts, as a set of bits: the
/// table the reader consults for every field, read off the serde types
/// ([`crate::schema::fields`]) once per read.
#[derive(Clone, Copy, Debug, Default)]
struct Accepts(u32);

impl Accepts {
    /// The fields that only some kinds have (every relation has `from`,
    /// `to`, `since`, `until`, `source` and `note`, every entity `id`,
    /// `name` and `note`: the schema's tests hold that), each a bit.
    const OPTIONAL: [&'static str; 20] = [
        "role",
        "acting",
        "over",
        "position",
        "aliases",
        "place",
        "start",
        "end",
        "founded",
        "dissolved",
        "universal",
        "codes",
        "statehood",
        "date",
        "session",
        "resolution",
        "important",
        "amendment",
        "paragraph",
        "type",
    ];
    const ROLE: u32 = 1 << 0;
    const ACTING: u32 = 1 << 1;
    const OVER: u32 = 1 << 2;
    const POSITION: u32 = 1 << 3;
    const ALIASES: u32 = 1 << 4;
    const PLACE: u32 = 1 << 5;
    const START: u32 = 1 << 6;
    const END: u32 = 1 << 7;
    const FOUNDED: u32 = 1 << 8;
    const DISSOLVED: u32 = 1 << 9;
    const UNIVERSAL: u32 = 1 << 10;
    const CODES: u32 = 1 << 11;
    const STATEHOOD: u32 = 1 << 12;
    const DATE: u32 = 1 << 13;
    const SESSION: u32 = 1 << 14;
    const RESOLUTION: u32 = 1 << 15;
    const IMPORTANT: u32 = 1 << 16;
    const AMENDMENT: u32 = 1 << 17;
    const PARAGRAPH: u32 = 1 << 18;
    const TYPE: u32 = 1 << 19;

    fn of(fields: &[&str]) -> Accepts {
        Accepts(
            Accepts::OPTIONAL
                .iter()
                .enumerate()
                .filter(|(_, f)| fields.contains(f))
                .fold(0, |bits, (i, _)| bits | 1 << i),
        )
    }

    fn has(self, bit: u32) -> bool {
        self.0 & bit != 0
    }
}

/// The fields each relation kind and each entity kind accepts, by kind
/// code.
struct Schema {
    relations: Vec<Accepts>,
    entities: Vec<Accepts>,
}

impl Default for Schema {
    fn default() -> Self {
        let accepts = |table: &crate::schema::fields::Table, name: &str| {
            table.fields_of(name).map_or(Accepts(0), Accepts::of)
        };
        Schema {
            relations: RelationKind::ALL
                .iter()
                .map(|k| accepts(crate::schema::fields::relations(), k.name()))
                .collect(),
            entities: EntityKind::ALL
                .iter()
                .map(|k| accepts(crate::schema::fields::entities(), k.name()))
                .collect(),
        }
    }
}

/// A source's `coverage: (records: …, since: …, until: …)`.
fn coverage_of<'a>(r: &mut Reader<'a>) -> Option<(&'a str, Option<&'a str>, Option<&'a str>)> {
    r.expect(b'(')?;
    let (mut records, mut since, mut until) = (None, None, None);
    r.fields(|r, name| match name {
        "records" => once(&mut records, r.string()?),
        "since" => once(&mut since, r.string()?),
        "until" => once(&mut until, r.string()?),
        _ => None,
    })?;
    Some((records?, since, until))
}

/// A country's `codes: (cow: …, gw: …)`.
fn codes_of(r: &mut Reader<'_>) -> Option<(Option<u16>, Option<u16>)> {
    r.expect(b'(')?;
    let (mut cow, mut gw) = (None, None);
    r.fields(|r, name| {
        let value = u16::try_from(r.number()?).ok()?;
        match name {
            "cow" => once(&mut cow, value),
            "gw" => once(&mut gw, value),
            _ => None,
        }
    })?;
    Some((cow, gw))
}

/// A country's `statehood: [(since: …, until: …, source: …), …]`, each
/// spell's texts as read.
type SpellTexts<'a> = (Option<&'a str>, Option<&'a str>, Option<&'a str>);

fn statehood_of<'a>(r: &mut Reader<'a>, out: &mut Vec<SpellTexts<'a>>) -> Option<()> {
    r.list(|r| {
        r.expect(b'(')?;
        let (mut since, mut until, mut source) = (None, None, None);
        r.fields(|r, name| match name {
            "since" => once(&mut since, r.string()?),
            "until" => once(&mut until, r.string()?),
            "source" => once(&mut source, r.string()?),
            _ => None,
        })?;
        out.push((since, until, source));
        Some(())
    })
}

/// Sets an optional field once; a second time means a duplicate field.
fn once<T>(slot: &mut Option<T>, value: T) -> Option<()> {
    if slot.is_some() {
        return None;
    }
    *slot = Some(value);
    Some(())
}

/// The snapshot under construction, with the lookups validation needs.
/// Nothing in it borrows the text: the window it is read through moves on.
#[derive(Default)]
struct Build {
    snap: Snapshot,
    source_ids: FxHashMap<Box<str>, u32>,
    /// Entity position by 64-bit hash of its id; a hit is confirmed by
    /// comparing the id itself, so a collision can only make us decline.
    ids: FxHashMap<u64, u32>,
    /// The entity last found on each side of a relation, plus one (0 for
    /// none): relations come in runs (one country's leaders, one
    /// organization's members).
    last: [u32; 2],
    /// The source last cited, plus one.
    last_source: u32,
    names: NameIndexBuilder,
    /// Which fields each kind accepts.
    schema: Schema,
    /// Role text → its string number.
    roles: FxHashMap<Box<str>, u32>,
    /// Folded role → its class.
    role_folds: FxHashMap<String, u32>,
    /// String number of a role → its class.
    role_class: FxHashMap<u32, u32>,
}

/// What [`parse`] read, no longer tied to the text.
struct Parsed {
    snap: Snapshot,
    names: NameIndexBuilder,
    role_class: FxHashMap<u32, u32>,
    /// The class of roles that fold to nothing, if any does.
    empty_class: Option<u32>,
}

fn id_hash(id: &str) -> u64 {
    xxhash_rust::xxh3::xxh3_64(id.as_bytes())
}

impl Build {
    /// The position of the entity with exactly this id.
    fn entity_at(&self, id: &str) -> Option<u32> {
        let pos = *self.ids.get(&id_hash(id))?;
        // The ids the name index keeps are laid end to end: a small,
        // cache-friendly place to confirm the hit.
        (self.names.id(pos as usize) == id).then_some(pos)
    }

    /// [`Self::entity_at`] for one end of a relation, remembering the last.
    fn endpoint(&mut self, side: usize, id: &str) -> Option<u32> {
        let last = self.last[side];
        if last != 0 && self.names.id(last as usize - 1) == id {
            return Some(last - 1);
        }
        let pos = self.entity_at(id)?;
        self.last[side] = pos + 1;
        Some(pos)
    }

    fn source(&mut self, r: &mut Reader<'_>) -> Option<()> {
        r.expect(b'(')?;
        let (mut id, mut title, mut publisher, mut date_text, mut url, mut note) =
            (None, None, None, None, None, None);
        let mut coverage = None;
        r.fields(|r, name| match name {
            "id" => once(&mut id, r.string()?),
            "title" => once(&mut title, r.text_field(false)?),
            "publisher" => once(&mut publisher, r.string()?),
            "date" => once(&mut date_text, r.string()?),
            "url" => once(&mut url, r.string()?),
            "note" => once(&mut note, r.text_field(true)?),
            "coverage" => once(&mut coverage, coverage_of(r)?),
            _ => None,
        })?;
        let (id, title) = (id?, title?);
        if id.trim().is_empty() || title.trim().is_empty() {
            return None;
        }
        let k = self.snap.sources.len() as u32;
        if self.source_ids.insert(id.into(), k).is_some() {
            return None;
        }
        let (records, covers_since, covers_until) = match coverage {
            Some((records, since, until)) => {
                let (since, until) = (opt_date(since)?, opt_date(until)?);
                if records.trim().is_empty()
                    || (since != 0 && until != 0 && day_number(until, 0) <= day_number(since, 0))
                {
                    return None;
                }
                (Some(records), since, until)
            }
            None => (None, 0, 0),
        };
        let s = &mut self.snap.strings;
        let record = SourceRecord {
            id: s.push(id),
            title: s.push(&title),
            publisher: s.push_opt(publisher),
            date: opt_date(date_text)?,
            url: s.push_opt(url),
            note: s.push_opt(note.as_deref()),
            records: s.push_opt(records),
            covers_since,
            covers_until,
        };
        self.snap.sources.push(record);
        Some(())
    }

    #[expect(
        clippy::too_many_lines,
        reason = "one record's fields in the order the schema gives them; split in the next pass"
    )]
    fn entity(&mut self, r: &mut Reader<'_>) -> Option<()> {
        let kind = EntityKind::from_name(r.ident()?)?;
        r.expect(b'(')?;
        let accepts = self.schema.entities[kind.index()];
        let (mut id, mut name, mut note, mut place, mut start, mut end) =
            (None, None, None, None, None, None);
        let mut universal = None;
        let mut codes = None;
        let mut aliases: Vec<&str> = Vec::new();
        let mut has_aliases = false;
        let mut spells: Vec<SpellTexts<'_>> = Vec::new();
        let mut has_statehood = false;
        let (mut session, mut resolution) = (None, None);
        let mut marks: [Option<bool>; 3] = [None; 3];
        r.fields(|r, field| match field {
            "id" => once(&mut id, r.string()?),
            "name" => once(&mut name, r.text_field(false)?),
            "note" => once(&mut note, r.text_field(true)?),
            "aliases" if !has_aliases && accepts.has(Accepts::ALIASES) => {
                has_aliases = true;
                r.strings(&mut aliases)
            }
            "place" if accepts.has(Accepts::PLACE) => once(&mut place, r.string()?),
            "start" if accepts.has(Accepts::START) => once(&mut start, r.string()?),
            "end" if accepts.has(Accepts::END) => once(&mut end, r.string()?),
            // An organization's founding and dissolution take the places
            // of an event's first and last days in the record.
            "founded" if accepts.has(Accepts::FOUNDED) => once(&mut start, r.string()?),
            "dissolved" if accepts.has(Accepts::DISSOLVED) => once(&mut end, r.string()?),
            "universal" if accepts.has(Accepts::UNIVERSAL) => once(&mut universal, r.boolean()?),
            "codes" if accepts.has(Accepts::CODES) => once(&mut codes, codes_of(r)?),
            "statehood" if !has_statehood && accepts.has(Accepts::STATEHOOD) => {
                has_statehood = true;
                statehood_of(r, &mut spells)
            }
            // A roll call's day takes the place of an event's first day.
            "date" if accepts.has(Accepts::DATE) => once(&mut start, r.string()?),
            "session" if accepts.has(Accepts::SESSION) => {
                once(&mut session, u16::try_from(r.number()?).ok()?)
            }
            "resolution" if accepts.has(Accepts::RESOLUTION) => once(&mut resolution, r.string()?),
            "important" if accepts.has(Accepts::IMPORTANT) => once(&mut marks[0], r.boolean()?),
            "amendment" if accepts.has(Accepts::AMENDMENT) => once(&mut marks[1], r.boolean()?),
            "paragraph" if accepts.has(Accepts::PARAGRAPH) => once(&mut marks[2], r.boolean()?),
            _ => None,
        })?;
        let (id, name) = (id?, name?);
        // A roll call's day is required.
        if accepts.has(Accepts::DATE) && start.is_none() {
            return None;
        }
        let first_spell = self.snap.spells.len() as u32;
        let mut days = Vec::with_capacity(spells.len());
        for (since, until, source) in &spells {
            let (since, until) = (opt_date(*since)?, opt_date(*until)?);
            let source = match source {
                Some(id) => *self.source_ids.get(*id)?,
                None => NONE,
            };
            days.push((day_number(since, i32::MIN), day_number(until, i32::MAX)));
            self.snap.spells.push(super::SpellRecord {
                since,
                until,
                source,
            });
        }
        if crate::store::validate::statehood_problem(&days).is_some() {
            return None;
        }
        if id_shape_problem(kind, id).is_some() || name.trim().is_empty() {
            return None;
        }
        let (cow, gw) = codes.unwrap_or((None, None));
        if crate::store::validate::codes_problem(id, cow, gw).is_some() {
            return None;
        }
        let (start, end) = (opt_date(start)?, opt_date(end)?);
        // An event's last day is inclusive, a dissolution is not.
        let shortest = i32::from(kind == EntityKind::Organization);
        if start != 0 && end != 0 && day_number(end, 0) - day_number(start, 0) < shortest {
            return None;
        }
        let position = self.snap.entities.len() as u32;
        if self.ids.insert(id_hash(id), position).is_some() {
            return None;
        }
        self.names
            .add(id, std::iter::once(&*name).chain(aliases.iter().copied()));
        let s = &mut self.snap.strings;
        let first_alias = self.snap.aliases.len() as u32;
        for alias in &aliases {
            let text = s.push(alias);
            self.snap.aliases.push(text);
        }
        let record = EntityRecord {
            id: s.push(id),
            name: s.push(&name),
            note: s.push_opt(note.as_deref()),
            place: s.push_opt(place),
            start,
            end,
            flags: (if universal == Some(true) {
                UNIVERSAL
            } else {
                0
            }) | super::flag_bits(marks),
            cow: cow.map_or(NONE, u32::from),
            gw: gw.map_or(NONE, u32::from),
            spells: first_spell,
            spell_count: spells.len() as u32,
            session: session.map_or(NONE, u32::from),
            resolution: s.push_opt(resolution),
            aliases: first_alias,
            alias_count: aliases.len() as u32,
            kind: kind.index() as u32,
        };
        self.snap.entities.push(record);
        Some(())
    }

    /// The kind of the entity at position `e`.
    fn kind_of(&self, e: u32) -> EntityKind {
        EntityKind::ALL[self.snap.entities[e as usize].kind as usize]
    }

    /// The text number of a role, each distinct role stored once, with the
    /// class of its fold recorded for the overlap rules.
    fn role_text(&mut self, text: &str) -> u32 {
        if let Some(id) = self.roles.get(text) {
            return *id;
        }
        let id = self.snap.strings.push(text);
        self.roles.insert(text.into(), id);
        let next = self.role_folds.len() as u32 + 1;
        let class = *self.role_folds.entry(fold(text)).or_insert(next);
        self.role_class.insert(id, class);
        id
    }

    #[expect(
        clippy::too_many_lines,
        reason = "one record's fields in the order the schema gives them; split in the next pass"
    )]
    fn relation(&mut self, r: &mut Reader<'_>) -> Option<()> {
        let kind = RelationKind::from_name(r.ident()?)?;
        r.expect(b'(')?;
        let accepts = self.schema.relations[kind.index()];
        // Where the schema has a role or a position, it requires one.
        let (leads, stance) = (accepts.has(Accepts::ROLE), accepts.has(Accepts::POSITION));
        let (mut from, mut to, mut since, mut until, mut source, mut note) =
            (None, None, None, None, None, None);
        let (mut role, mut acting, mut over, mut position) = (None, None, None, None);
        r.fields(|r, field| match field {
            "from" => once(&mut from, r.string()?),
            "to" => once(&mut to, r.string()?),
            "since" => once(&mut since, r.string()?),
            "until" => once(&mut until, r.string()?),
            "source" => once(&mut source, r.string()?),
            "note" => once(&mut note, r.text_field(true)?),
            "role" if accepts.has(Accepts::ROLE) => once(&mut role, r.string()?),
            "acting" if accepts.has(Accepts::ACTING) => once(&mut acting, r.boolean()?),
            "over" if accepts.has(Accepts::OVER) => once(&mut over, r.string()?),
            "position" if accepts.has(Accepts::POSITION) => {
                let word = r.ident()?;
                let code = if kind == RelationKind::Vote {
                    super::value_code(None, Some(Ballot::from_name(word)?), None)
                } else {
                    super::value_code(Some(Position::from_name(word)?), None, None)
                };
                once(&mut position, code)
            }
            "type" if accepts.has(Accepts::TYPE) => {
                let t = AllianceType::from_name(r.ident()?)?;
                once(&mut position, super::value_code(None, None, Some(t)))
            }
            _ => None,
        })?;
        let (from, to) = (self.endpoint(0, from?)?, self.endpoint(1, to?)?);
        if from == to {
            return None;
        }
        if !kind.allowed_from().contains(&self.kind_of(from))
            || !kind.allowed_to().contains(&self.kind_of(to))
        {
            return None;
        }
        let (since, until) = (opt_date(since)?, opt_date(until)?);
        if since != 0 && until != 0 && day_number(until, 0) <= day_number(since, 0) {
            return None;
        }
        let source = match source {
            Some(id)
                if self.last_source != 0
                    && self
                        .snap
                        .strings
                        .get(self.snap.sources[self.last_source as usize - 1].id)
                        == id =>
            {
                self.last_source - 1
            }
            Some(id) => {
                let k = *self.source_ids.get(id)?;
                self.last_source = k + 1;
                k
            }
            None => NONE,
        };
        let role = match (leads, role) {
            (false, _) => NONE,
            (true, None) => return None,
            (true, Some(text)) => {
                if text.trim().is_empty() {
                    return None;
                }
                self.role_text(text)
            }
        };
        let over = match over {
            Some(id) => {
                let issue = self.entity_at(id)?;
                if self.kind_of(issue) != EntityKind::Issue {
                    return None;
                }
                issue
            }
            None => NONE,
        };
        if stance && position.is_none() {
            return None;
        }
        let record = RelationRecord {
            from,
            to,
            since,
            until,
            source,
            note: self.snap.strings.push_opt(note.as_deref()),
            role,
            over,
            kind: kind.index() as u8,
            position: position.unwrap_or(0),
            acting: u8::from(acting.unwrap_or(false)),
            pad: 0,
        };
        self.snap.relations.push(record);
        Some(())
    }
}

impl Parsed {
    /// The checks that need every record, and the indexes.
    fn finish(self) -> Option<Snapshot> {
        let Parsed {
            mut snap,
            names,
            role_class,
            empty_class,
        } = self;
        if names.empty_key {
            return None;
        }
        // Class 0 is the empty fold, which every relation without a role has.
        let class = |role: u32| {
            if role == NONE {
                return 0;
            }
            match role_class.get(&role) {
                Some(c) if Some(*c) == empty_class => 0,
                Some(c) => *c,
                None => 0,
            }
        };
        // The name index and the overlap rules need nothing from each
        // other: on a large database, build one on each core.
        let (index, overlaps_ok) = if snap.relation_count() < 100_000 {
            (names.finish(), no_overlaps(&snap, &class))
        } else {
            std::thread::scope(|scope| {
                let index = scope.spawn(|| names.finish());
                let ok = no_overlaps(&snap, &class);
                (
                    index
                        .join()
                        .expect("building the name index does not panic"),
                    ok,
                )
            })
        };
        snap.names = index;
        // Two entities sharing a folded id, name or alias (this also
        // catches ids equal but for case).
        if !overlaps_ok || snap.names.keys.has_shared_key() {
            return None;
        }
        Some(snap)
    }
}

/// The half-open day interval of a relation as written.
fn span(r: &RelationRecord) -> (i32, i32) {
    (day_number(r.since, i32::MIN), day_number(r.until, i32::MAX))
}

/// The validator's "cannot hold at once" rules ([`rules::overlaps`]):
/// whether none is broken.
fn no_overlaps(snap: &Snapshot, class: &dyn Fn(u32) -> u32) -> bool {
    let facts: Vec<Fact> = snap
        .relations
        .iter()
        .map(|r| {
            let (since, until) = span(r);
            Fact {
                kind: RelationKind::ALL[r.kind as usize],
                from: r.from,
                to: r.to,
                role: class(r.role),
                since,
                until,
            }
        })
        .collect();
    rules::overlaps(
        snap.entities.len(),
        &facts,
        |_, _, _| ControlFlow::Break(()),
    )
    .is_continue()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store;

    #[test]
    fn dates_are_read_as_partial_dates_read_them() {
        for text in [
            "1945",
            "2017-06",
            "2024-07-04",
            "2024-02-29",
            "2023-02-29",
            "1900-02-29",
            "2000-02-29",
            "0000",
            "2024-13",
            "2024-00",
            "2024-01-00",
            "2024-7",
            "20244",
            "2024/07/04",
            "２０２４",
            "",
            "2024-07-04-01",
            "-2024",
            "2024-04-31",
        ] {
            let slow = text.parse::<crate::date::PartialDate>().ok();
            assert_eq!(
                date(text),
                super::super::pack(slow).into_nonzero(),
                "{text}"
            );
        }
    }

    trait NonZero {
        fn into_nonzero(self) -> Option<u32>;
    }

    impl NonZero for u32 {
        fn into_nonzero(self) -> Option<u32> {
            (self != 0).then_some(self)
        }
    }

    /// The fast reader's one promise: when it accepts, the full path
    /// accepts too and builds the same database.
    fn agrees_with_the_full_path(text: &str) -> bool {
        // Streamed through a tiny window, the answer is the same.
        let (streamed, _) = read_stream(text.as_bytes(), 16, 8, &mut |_| {}).unwrap();
        assert_eq!(streamed, read(text), "streaming differs on\n{text}");
        match read(text) {
            None => false,
            Some(snap) => {
                // As `load_str` does before either reader sees the text.
                let unmarked = text.strip_prefix('\u{feff}').unwrap_or(text);
                let full = store::load_str_fully("t.ron", unmarked).unwrap_or_else(|e| {
                    panic!("fast path accepted what the full path refuses: {e}\n{text}")
                });
                assert_eq!(snap.to_database(), full.to_database(), "{text}");
                assert!(snap.is_well_formed());
                true
            }
        }
    }

    /// The streaming reader, through a tiny window that makes it refill in
    /// the middle of every kind of token, builds the same snapshot.
    fn streams_like_the_whole_text(text: &str) {
        let whole = read(text);
        for (window, room) in [(8, 4), (13, 5), (64, 16), (1000, 100)] {
            let mut reports = Vec::new();
            let (streamed, hash) =
                read_stream(text.as_bytes(), window, room, &mut |at| reports.push(at)).unwrap();
            assert_eq!(streamed, whole, "window {window}");
            if whole.is_some() {
                assert_eq!(hash, Some(xxhash_rust::xxh3::xxh3_64(text.as_bytes())));
            }
            assert!(reports.windows(2).all(|w| w[0] < w[1]));
        }
    }

    #[test]
    fn streaming_through_a_small_window_changes_nothing() {
        streams_like_the_whole_text(store::BUNDLED);
        streams_like_the_whole_text(mutations::BASE);
        let made = crate::generate::generate(&crate::generate::Params {
            seed: 4,
            countries: 30,
            organizations: 6,
            relations: 800,
        })
        .unwrap();
        streams_like_the_whole_text(&made.text);
        // With a byte-order mark, a trailing comment without a newline, and
        // something wrong at the very end.
        let marked = format!("\u{feff}{}// the end", store::BUNDLED.trim_end());
        streams_like_the_whole_text(&marked);
        assert!(read(&marked).is_some());
        streams_like_the_whole_text(&format!("{} x", store::BUNDLED.trim_end()));
    }

    #[test]
    fn every_bad_fixture_is_declined() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/bad");
        let mut seen = 0;
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "ron") {
                if let Ok(text) = std::fs::read_to_string(&path) {
                    assert!(read(&text).is_none(), "{}", path.display());
                }
                seen += 1;
            }
        }
        assert!(seen > 20);
    }

    #[test]
    fn generated_databases_are_read_like_the_full_path() {
        for seed in 1..4 {
            let made = crate::generate::generate(&crate::generate::Params {
                seed,
                countries: 30,
                organizations: 6,
                relations: 1500,
            })
            .unwrap();
            assert!(agrees_with_the_full_path(&made.text));
        }
    }

    #[test]
    fn each_field_bit_is_the_bit_of_its_name() {
        let bits = [
            ("role", Accepts::ROLE),
            ("acting", Accepts::ACTING),
            ("over", Accepts::OVER),
            ("position", Accepts::POSITION),
            ("aliases", Accepts::ALIASES),
            ("place", Accepts::PLACE),
            ("start", Accepts::START),
            ("end", Accepts::END),
            ("founded", Accepts::FOUNDED),
            ("dissolved", Accepts::DISSOLVED),
            ("universal", Accepts::UNIVERSAL),
            ("codes", Accepts::CODES),
            ("statehood", Accepts::STATEHOOD),
            ("date", Accepts::DATE),
            ("session", Accepts::SESSION),
            ("resolution", Accepts::RESOLUTION),
            ("important", Accepts::IMPORTANT),
            ("amendment", Accepts::AMENDMENT),
            ("paragraph", Accepts::PARAGRAPH),
            ("type", Accepts::TYPE),
        ];
        assert_eq!(bits.len(), Accepts::OPTIONAL.len());
        for (name, bit) in bits {
            assert_eq!(Accepts::of(&[name]).0, bit, "{name}");
        }
    }

    #[test]
    fn escapes_are_decoded_and_a_line_break_outside_a_note_declined() {
        let db = |name: &str, note: &str| {
            format!(
                "(version: 1, checked: \"2024\", entities: [country(id: \"AAA\", name: \"{name}\", note: \"{note}\")])"
            )
        };
        let snap = read(&db(r#"A \"quoted\" \u{e9}"#, r"two\nlines\tand a tab")).unwrap();
        assert_eq!(snap.entity(0).name, "A \"quoted\" é");
        assert_eq!(
            snap.entity(0).note.as_deref(),
            Some("two\nlines\tand a tab")
        );
        // The full path refuses a line break in a name: so does the fast one.
        assert!(read(&db(r"two\nlines", "n")).is_none());
        assert!(store::load_str_fully("t.ron", &db(r"two\nlines", "n")).is_err());
        // An escape ron never writes is left to the full path.
        assert!(read(&db(r"bad \x41", "n")).is_none());
    }

    #[test]
    fn every_field_of_the_schema_is_understood() {
        // The full path's own writer puts every optional field in.
        let text = r#"// all fields
(
    version: 1, checked: "2024-07-28",
    sources: [
        (id: "s", title: "T", publisher: "P", date: "2024-07", url: "https://x", note: "n"),
        (id: "c", title: "C", coverage: (records: "statuses", since: "2001", until: "2024-07-05")),
        (id: "d", title: "D", coverage: (records: "all of it")),
    ],
    entities: [
        country(id: "AAA", name: "Aland", aliases: ["A1", "A2",], note: "n"),
        country(id: "BBB", name: "Bland", aliases: []),
        country(id: "USA", name: "United States", codes: (cow: 2, gw: 2)),
        country(id: "BAV", name: "Bavaria", codes: (cow: 245)),
        country(id: "DEU", name: "Germany", codes: (cow: 255, gw: 260), statehood: [(since: "1816-01-01", until: "1945-05-09", source: "s"), (since: "1955-05-05")]),
        country(id: "CCC", name: "Cland", statehood: [(until: "1900"), (since: "1901", until: "1902", source: "c"),]),
        person(id: "p-one", name: "P One"),
        roll_call(id: "unga-3", name: "Amendments, rules of procedure", date: "1946-01-01", session: 1, resolution: "R/1/66", important: false, amendment: true, note: "To adopt a Cuban amendment"),
        roll_call(id: "unga-4", name: "Elections", date: "1946-01-02"),
        roll_call(id: "unga-5", name: "The \"Uniting for Peace\" resolution \\ \u{e9}", date: "1950-11-03", note: "Two lines:\nand a\ttab, \"quoted\", it\'s"),
        organization(id: "ORG", name: "Org", aliases: ["O"]),
        organization(id: "UNO", name: "Everyone", founded: "1945-10-24", universal: true),
        organization(id: "OLD", name: "Old", founded: "1955-05-14", dissolved: "1991-07-01", universal: false),
        event(id: "e-1", name: "Summit", aliases: ["S1"], place: "Here", start: "2024-07-03", end: "2024-07-04", note: "n"),
        event(id: "e-2", name: "Session", start: "2024-07-04", end: "2024-07-04"),
        issue(id: "i-1", name: "Issue"),
    ],
    relations: [
        member(from: "AAA", to: "ORG", since: "2001", until: "2002-03", source: "s", note: "n"),
        leads(from: "p-one", to: "AAA", role: "President", acting: true, since: "2020", source: "s"),
        leads(from: "p-one", to: "ORG", role: "Head", acting: false),
        dispute(from: "AAA", to: "BBB", over: "i-1", since: "1999"),
        conflict(to: "BBB", from: "AAA"),
        stance(from: "AAA", to: "i-1", position: opposes, note: "n"),
        stance(from: "p-one", to: "i-1", position: neutral),
        attends(from: "p-one", to: "e-1"),
        hosts(from: "AAA", to: "e-1"),
        serves(from: "p-one", to: "BBB", role: "Foreign Minister", acting: true, since: "2019-05-31", source: "c"),
        part_of(from: "e-2", to: "e-1"),
        sanctions(from: "AAA", to: "p-one"),
        supports(from: "ORG", to: "AAA"),
        observer(from: "BBB", to: "ORG"), dialogue_partner(from: "AAA", to: "ORG", since: "2002-03"),
        founder(from: "AAA", to: "ORG"), partnership(from: "BBB", to: "AAA"),
        alliance(from: "AAA", to: "BBB"), rivalry(from: "AAA", to: "BBB"),
        alliance(from: "AAA", to: "DEU", type: non_aggression, since: "1939", until: "1941"),
        associate(from: "CCC", to: "ORG", since: "1990", until: "1995"),
        vote(from: "AAA", to: "unga-3", position: yes, source: "s"),
        vote(from: "BBB", to: "unga-3", position: abstain),
        vote(from: "AAA", to: "unga-4", position: no, note: "n"),
    ],
)
"#;
        assert!(agrees_with_the_full_path(text));
    }

    mod mutations {
        use super::*;
        use proptest::prelude::*;

        pub(super) const BASE: &str = r#"(version: 1, checked: "2024-07-28",
    sources: [(id: "s", title: "T", date: "2024")],
    entities: [
        country(id: "AAA", name: "Aland", aliases: ["Republic of Aland"]),
        country(id: "BBB", name: "Bland"),
        person(id: "p-one", name: "P One"),
        organization(id: "ORG", name: "Org"),
        event(id: "e-1", name: "Summit", start: "2024-07-03", end: "2024-07-04"),
        issue(id: "i-1", name: "Issue"),
    ],
    relations: [
        member(from: "AAA", to: "ORG", since: "2001", until: "2010", source: "s"),
        member(from: "AAA", to: "ORG", since: "2012", source: "s"),
        observer(from: "BBB", to: "ORG", since: "2001", until: "2010"),
        member(from: "BBB", to: "ORG", since: "2010"),
        leads(from: "p-one", to: "AAA", role: "President", since: "2020"),
        dispute(from: "AAA", to: "BBB", over: "i-1", since: "1999"),
        stance(from: "AAA", to: "i-1", position: opposes),
        attends(from: "p-one", to: "e-1"),
    ],
)
"#;

        /// Pieces whose insertion anywhere tests the reader's edges.
        const PIECES: &[&str] = &[
            " ",
            "\n",
            "\t",
            "\r",
            "\u{b}",
            "\u{c}",
            "\u{85}",
            "\u{a0}",
            "\u{2028}",
            "// c\n",
            "/* c */",
            "/",
            ",",
            ",,",
            "(",
            ")",
            "[",
            "]",
            ":",
            "\"",
            "\\",
            "\\n",
            "r",
            "r#",
            "#",
            "'",
            "x",
            "é",
            "_",
            "-",
            "0",
            "1",
            "+",
            ".",
            "Some(",
            "None",
            "country",
            "member(from: \"AAA\", to: \"ORG\"),",
            "id: \"AAA\", ",
            "since: \"2000\", ",
            "until: \"2011\", ",
            "role: \"President\", ",
            "acting: true, ",
            "aliases: [], ",
            "\"AAA\"",
            "\"BBB\"",
            "\"aaa\"",
            "\"2024-02-30\"",
            "\"p-one\"",
            "\u{feff}",
            "GraphFile",
            "leads(from: \"p-one\", to: \"BBB\", role: \"President\"),",
            "person(id: \"p-two\", name: \"P Two\"),",
            "person(id: \"p-two\", name: \"Aland\"),",
        ];

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(3000))]

            #[test]
            fn an_insertion_is_never_accepted_unless_the_full_path_agrees(
                at in 0usize..1200, piece in 0..PIECES.len()
            ) {
                let mut at = at.min(BASE.len());
                while !BASE.is_char_boundary(at) { at -= 1; }
                let text = format!("{}{}{}", &BASE[..at], PIECES[piece], &BASE[at..]);
                agrees_with_the_full_path(&text);
            }

            #[test]
            fn a_deletion_is_never_accepted_unless_the_full_path_agrees(
                at in 0usize..1200, len in 1usize..12
            ) {
                let start = at.min(BASE.len());
                let end = (start + len).min(BASE.len());
                let text = format!("{}{}", &BASE[..start], &BASE[end..]);
                agrees_with_the_full_path(&text);
            }

            #[test]
            fn a_replaced_byte_is_never_accepted_unless_the_full_path_agrees(
                at in 0usize..1200, byte in 32u8..127
            ) {
                let at = at.min(BASE.len() - 1);
                let mut bytes = BASE.as_bytes().to_vec();
                bytes[at] = byte;
                if let Ok(text) = String::from_utf8(bytes) {
                    agrees_with_the_full_path(&text);
                }
            }

            #[test]
            fn a_swapped_line_pair_is_never_accepted_unless_the_full_path_agrees(
                a in 0usize..22, b in 0usize..22
            ) {
                let mut lines: Vec<&str> = BASE.lines().collect();
                let (a, b) = (a.min(lines.len() - 1), b.min(lines.len() - 1));
                lines.swap(a, b);
                agrees_with_the_full_path(&lines.join("\n"));
            }
        }

        #[test]
        fn the_base_is_accepted() {
            assert!(agrees_with_the_full_path(BASE));
        }
    }

    #[test]
    fn reads_the_bundled_database_like_the_full_path() {
        let snap = read(store::BUNDLED).unwrap();
        assert!(snap.is_well_formed());
        assert_eq!(
            snap.to_database(),
            store::load_str_fully("g", store::BUNDLED)
                .unwrap()
                .to_database()
        );
        assert_eq!(
            snap,
            super::super::Snapshot::from_database(&snap.to_database())
        );
    }
}
