//! Finding entities by what people call them.
//!
//! Analysts type "iran", "Rakhmon", "Tokayev" or "Organisation": ids, names
//! and aliases, in any case, with or without accents. A [`NameIndex`] folds
//! all of them to one key form and answers exact lookups by binary search
//! over sorted keys, O(log n); when
//! nothing matches it ranks near misses for a "did you mean". The store uses
//! it to check that aliases are unique, the graph to resolve command-line
//! names.

use std::collections::HashMap;
use std::sync::OnceLock;

use unicode_normalization::UnicodeNormalization;

/// The comparison form of a name: lowercase, accents removed, runs of
/// whitespace, `_` and `-` collapsed to one space.
///
/// ```
/// use diplograph::names::fold;
/// assert_eq!(fold("António  Guterres"), "antonio guterres");
/// assert_eq!(fold("Recep Tayyip Erdoğan"), "recep tayyip erdogan");
/// assert_eq!(fold("xi-jinping"), "xi jinping");
/// ```
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    fold_into(text, &mut out);
    out
}

/// Appends the folded form of `text` to `out` (which the fold treats as
/// starting empty only if it is). ASCII text, the common case, skips the
/// Unicode decomposition: a large database folds hundreds of thousands of
/// names when it loads.
fn fold_into(text: &str, out: &mut String) {
    let start = out.len();
    let mut pending_space = false;
    if text.is_ascii() {
        // NFD leaves ASCII alone and no ASCII character is a combining mark.
        for &b in text.as_bytes() {
            if (b as char).is_whitespace() || b == b'_' || b == b'-' {
                pending_space = out.len() > start;
                continue;
            }
            if pending_space {
                out.push(' ');
                pending_space = false;
            }
            out.push(b.to_ascii_lowercase() as char);
        }
        return;
    }
    for c in text.nfd() {
        if unicode_normalization::char::is_combining_mark(c) {
            continue;
        }
        if c.is_whitespace() || c == '_' || c == '-' {
            pending_space = out.len() > start;
            continue;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        out.extend(c.to_lowercase());
    }
}

/// How a name matched an entity.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Match {
    /// The whole id, name or alias.
    Exact(usize),
    /// A common abbreviation of the entity's name ("UK" for `GBR`), from
    /// [`ABBREVIATIONS`].
    Abbreviation(usize),
    /// One word of exactly one entity's name or alias ("Putin", "Tokayev").
    Word(usize),
}

/// A common abbreviation of a state's name that is not its id: what
/// people type for the state, and the ISO 3166 alpha-3 code it stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Abbreviation {
    /// The abbreviation, as written ("UK"); matched folded and without
    /// dots, so "u.k." is the same.
    pub short: &'static str,
    /// The id it stands for (ISO 3166-1 alpha-3, or ISO 3166-3 for states
    /// that no longer exist: `SUN`, `DDR`, `YUG`).
    pub id: &'static str,
    /// The state's usual name, for messages when the database lacks it.
    pub name: &'static str,
    /// The state that continued it in international law (Russia for the
    /// Soviet Union): the abbreviation means that state instead when the
    /// database has no entity `id` and the successor's aliases or note name
    /// the predecessor (by `short` or `name`), i.e. the database itself
    /// records the continuation.
    pub continued_by: Option<&'static str>,
}

/// Every abbreviation names resolve through, in one table. An entity's
/// own ids, names and aliases always come first (a database may give
/// "UK" to anything it likes); then these; then single words. An
/// abbreviation whose state the database lacks matches nothing and
/// suggests nothing else: "UK" is never taken for Ukraine (`UKR`).
pub const ABBREVIATIONS: &[Abbreviation] = &[
    abbreviation("UK", "GBR", "United Kingdom"),
    abbreviation("GB", "GBR", "United Kingdom"),
    abbreviation("US", "USA", "United States"),
    abbreviation("USA", "USA", "United States"),
    abbreviation("UAE", "ARE", "United Arab Emirates"),
    abbreviation("PRC", "CHN", "People's Republic of China"),
    abbreviation("ROC", "TWN", "Republic of China (Taiwan)"),
    abbreviation("DPRK", "PRK", "North Korea"),
    abbreviation("ROK", "KOR", "South Korea"),
    Abbreviation {
        continued_by: Some("RUS"),
        ..abbreviation("USSR", "SUN", "Soviet Union")
    },
    abbreviation("KSA", "SAU", "Saudi Arabia"),
    abbreviation("DRC", "COD", "Democratic Republic of the Congo"),
    abbreviation("RSA", "ZAF", "South Africa"),
    abbreviation("CAR", "CAF", "Central African Republic"),
    abbreviation("FRG", "DEU", "Germany"),
    abbreviation("GDR", "DDR", "East Germany"),
    abbreviation("NZ", "NZL", "New Zealand"),
    abbreviation("SFRY", "YUG", "Yugoslavia"),
];

/// An entry of [`ABBREVIATIONS`] without a continuing state.
const fn abbreviation(short: &'static str, id: &'static str, name: &'static str) -> Abbreviation {
    Abbreviation {
        short,
        id,
        name,
        continued_by: None,
    }
}

/// The entry of [`ABBREVIATIONS`] that `text` is (folded, dots ignored).
///
/// ```
/// use diplograph::names::abbreviation_of;
/// assert_eq!(abbreviation_of("U.K.").map(|a| a.id), Some("GBR"));
/// assert_eq!(abbreviation_of("uae").map(|a| a.id), Some("ARE"));
/// assert!(abbreviation_of("Ukraine").is_none());
/// ```
pub fn abbreviation_of(text: &str) -> Option<&'static Abbreviation> {
    let key: String = fold(text).chars().filter(|c| *c != '.').collect();
    ABBREVIATIONS
        .iter()
        .find(|a| a.short.eq_ignore_ascii_case(&key))
}

/// The first control character in `text` (a line feed, a tab, …), which
/// no id, name or other one-line text of a database may hold: each is one
/// line of printable characters, so that it reads, greps and prints as
/// one line (and cannot carry terminal escapes).
///
/// ```
/// use diplograph::names::control_character;
/// assert_eq!(control_character("a\nb"), Some('\n'));
/// assert_eq!(control_character("Türkiye"), None);
/// ```
pub fn control_character(text: &str) -> Option<char> {
    text.chars().find(|c| c.is_control())
}

/// The first control character in a note that is not a line break or a
/// tab: notes are free text and may run over several lines, but never
/// hold other control characters (a bell, an escape sequence).
///
/// ```
/// use diplograph::names::note_control_character;
/// assert_eq!(note_control_character("line one\nline two\tand a tab"), None);
/// assert_eq!(note_control_character("bell\u{7}"), Some('\u{7}'));
/// ```
pub fn note_control_character(text: &str) -> Option<char> {
    text.chars()
        .find(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
}

/// A control character in words: "a line feed (U+000A)".
pub fn describe_control(c: char) -> String {
    let name = match c {
        '\n' => "a line feed",
        '\r' => "a carriage return",
        '\t' => "a tab",
        '\0' => "a null character",
        '\u{7}' => "a bell",
        '\u{1b}' => "an escape",
        _ => "a control character",
    };
    format!("{name} (U+{:04X})", c as u32)
}

/// Distinct (text, owner) pairs sorted by text then owner, the texts laid
/// end to end in one string. Lookups are binary searches; building is one
/// sort; and the whole table is three flat arrays, which a snapshot can
/// store and read back without rebuilding anything.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Table {
    /// Every text, in order.
    pub text: String,
    /// Where each text ends in `text`.
    pub ends: Vec<u32>,
    /// The owner (entity position) of each text.
    pub owners: Vec<usize>,
}

impl Table {
    /// Sorts and deduplicates `(start, end, owner)` spans of `buffer`.
    fn build(buffer: &str, spans: Vec<(u32, u32, usize)>) -> Table {
        let text_of = |s: u32, e: u32| &buffer[s as usize..e as usize];
        // Sorting by the first eight bytes as a number decides most
        // comparisons without touching the text, and is the same order.
        let mut keyed: Vec<(u64, u32, u32, usize)> = spans
            .into_iter()
            .map(|(s, e, owner)| (prefix(text_of(s, e)), s, e, owner))
            .collect();
        keyed.sort_unstable_by(|a, b| {
            a.0.cmp(&b.0)
                .then_with(|| text_of(a.1, a.2).cmp(text_of(b.1, b.2)))
                .then(a.3.cmp(&b.3))
        });
        keyed.dedup_by(|a, b| a.3 == b.3 && a.0 == b.0 && text_of(a.1, a.2) == text_of(b.1, b.2));
        let mut table = Table {
            text: String::with_capacity(keyed.iter().map(|k| (k.2 - k.1) as usize).sum()),
            ends: Vec::with_capacity(keyed.len()),
            owners: Vec::with_capacity(keyed.len()),
        };
        for &(_, s, e, owner) in &keyed {
            table.text.push_str(text_of(s, e));
            table.ends.push(table.text.len() as u32);
            table.owners.push(owner);
        }
        table
    }

    /// Number of (text, owner) pairs.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// Whether the table is empty.
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// The i-th text.
    pub fn key(&self, i: usize) -> &str {
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        &self.text[start..self.ends[i] as usize]
    }

    /// The owners of `key`, in ascending order (empty when no text is
    /// `key`). Two binary searches: O(log n) key comparisons.
    pub fn find(&self, key: &str) -> &[usize] {
        let low = partition(self.len(), |i| self.key(i) < key);
        let high = low + partition(self.len() - low, |i| self.key(low + i) <= key);
        &self.owners[low..high]
    }

    /// Whether some text belongs to two different owners.
    pub fn has_shared_key(&self) -> bool {
        (1..self.len()).any(|i| self.key(i) == self.key(i - 1))
    }

    /// Whether the arrays are consistent (ends ascending, inside the text,
    /// on character boundaries), so lookups cannot panic. Used on tables
    /// read back from a snapshot file.
    pub fn is_well_formed(&self) -> bool {
        self.ends.len() == self.owners.len() && ends_well_formed(&self.text, &self.ends)
    }
}

/// Whether `ends`, the end offsets of texts laid end to end in `text`, are
/// ascending, inside `text` and on character boundaries: then slicing any
/// of the texts cannot panic. Checked on every such array read back from a
/// snapshot file.
pub(crate) fn ends_well_formed(text: &str, ends: &[u32]) -> bool {
    ends.windows(2).all(|w| w[0] <= w[1])
        && ends.last().is_none_or(|e| *e as usize <= text.len())
        && ends.iter().all(|e| text.is_char_boundary(*e as usize))
}

/// The first eight bytes of `text` as a big-endian number (zero-padded):
/// ordering by it and then by the text is the text's byte order.
pub fn prefix(text: &str) -> u64 {
    let mut bytes = [0u8; 8];
    let n = text.len().min(8);
    bytes[..n].copy_from_slice(&text.as_bytes()[..n]);
    u64::from_be_bytes(bytes)
}

/// The first i in 0..n for which `before(i)` is false (`before` must be
/// true then false along 0..n).
fn partition(n: usize, before: impl Fn(usize) -> bool) -> usize {
    let (mut low, mut high) = (0, n);
    while low < high {
        let mid = low + (high - low) / 2;
        if before(mid) {
            low = mid + 1;
        } else {
            high = mid;
        }
    }
    low
}

/// Every id, name and alias of a set of entities, folded, mapped to the
/// entity's position.
#[derive(Clone, Debug, Default)]
pub struct NameIndex {
    /// Folded ids, names and aliases with their entities.
    pub keys: Table,
    /// Each word of those keys with the entities whose keys contain it:
    /// built on first use, since most lookups are exact and a large
    /// database has half a million words.
    words: OnceLock<Table>,
    /// Each entity's id, as `owners` are positions: the text of ids in
    /// position order (a table whose owner i is i).
    pub ids: Table,
}

/// Collects folded names for a [`NameIndex`]: one buffer, spans into it.
#[derive(Debug, Default)]
pub struct NameIndexBuilder {
    buffer: String,
    keys: Vec<(u32, u32, usize)>,
    ids: Table,
    /// A name folded to nothing.
    pub empty_key: bool,
}

impl NameIndexBuilder {
    /// A builder expecting about `entities` entities.
    pub fn with_capacity(entities: usize) -> Self {
        NameIndexBuilder {
            buffer: String::with_capacity(entities * 24),
            keys: Vec::with_capacity(entities * 3),
            ids: Table {
                text: String::with_capacity(entities * 8),
                ends: Vec::with_capacity(entities),
                owners: Vec::with_capacity(entities),
            },
            empty_key: false,
        }
    }

    /// The id of an entity added so far.
    pub fn id(&self, pos: usize) -> &str {
        self.ids.key(pos)
    }

    /// Adds the next entity (positions count from 0 in the order added).
    pub fn add<'a>(&mut self, id: &'a str, names: impl IntoIterator<Item = &'a str>) {
        let pos = self.ids.len();
        self.ids.text.push_str(id);
        self.ids.ends.push(self.ids.text.len() as u32);
        self.ids.owners.push(pos);
        for text in std::iter::once(id).chain(names) {
            let start = self.buffer.len();
            fold_into(text, &mut self.buffer);
            let end = self.buffer.len();
            if start == end {
                self.empty_key = true;
                continue;
            }
            self.keys.push((start as u32, end as u32, pos));
        }
    }

    /// The finished index.
    pub fn finish(self) -> NameIndex {
        NameIndex {
            keys: Table::build(&self.buffer, self.keys),
            words: OnceLock::new(),
            ids: self.ids,
        }
    }
}

/// Two indexes are equal when they index the same names, whether or not
/// either has built its word table yet.
impl PartialEq for NameIndex {
    fn eq(&self, other: &Self) -> bool {
        self.keys == other.keys && self.ids == other.ids
    }
}

impl Eq for NameIndex {}

impl NameIndex {
    /// Indexes entities given as (id, name, aliases), entity *i* being the
    /// *i*-th item: every text is folded ([`fold`]) and sorted. The word
    /// table is left to be built on first use. O(k log k) for k texts.
    ///
    /// ```
    /// use diplograph::names::NameIndex;
    /// let index = NameIndex::new([("KAZ", "Kazakhstan", vec!["Qazaqstan"])]);
    /// assert_eq!(index.exact("qazaqstan"), &[0]);
    /// assert_eq!(index.exact("KAZ"), &[0]);
    /// ```
    pub fn new<'a, I, A>(entities: I) -> Self
    where
        I: IntoIterator<Item = (&'a str, &'a str, A)>,
        A: IntoIterator<Item = &'a str>,
    {
        let mut builder = NameIndexBuilder::default();
        for (id, name, aliases) in entities {
            builder.add(id, std::iter::once(name).chain(aliases));
        }
        builder.finish()
    }

    /// An index from its tables (as a snapshot file stores them).
    pub fn from_tables(keys: Table, words: Option<Table>, ids: Table) -> Self {
        let index = NameIndex {
            keys,
            words: OnceLock::new(),
            ids,
        };
        if let Some(words) = words {
            let _ = index.words.set(words);
        }
        index
    }

    /// The word table, built from the keys when first needed.
    pub fn words(&self) -> &Table {
        self.words.get_or_init(|| {
            let mut spans = Vec::with_capacity(self.keys.len() * 2);
            for i in 0..self.keys.len() {
                let start = if i == 0 { 0 } else { self.keys.ends[i - 1] };
                let mut at = start;
                for word in self.keys.key(i).split(' ') {
                    let len = word.len() as u32;
                    spans.push((at, at + len, self.keys.owners[i]));
                    at += len + 1;
                }
            }
            Table::build(&self.keys.text, spans)
        })
    }

    /// Whether every table is well formed and every owner is a position.
    pub fn is_well_formed(&self) -> bool {
        let n = self.ids.len();
        let words = self.words.get();
        self.keys.is_well_formed()
            && words.is_none_or(Table::is_well_formed)
            && self.ids.is_well_formed()
            && self
                .keys
                .owners
                .iter()
                .chain(words.map_or(&[][..], |w| &w.owners))
                .all(|o| *o < n)
    }

    /// The entities whose id, name or alias folds to the same key as `text`
    /// (ascending; several only when names clash, which the store refuses
    /// in a valid database). O(|text| + log k).
    pub fn exact(&self, text: &str) -> &[usize] {
        self.keys.find(&fold(text))
    }

    /// Resolves `text`: an exact id, name or alias first; failing that, a
    /// single word that belongs to exactly one entity. Returns the candidate
    /// entities when more than one matches equally well, `Err(vec![])` when
    /// none does. O(log k) in the k indexed texts, plus building the word
    /// table on the first word lookup.
    ///
    /// ```
    /// use diplograph::names::{Match, NameIndex};
    /// let index = NameIndex::new([
    ///     ("kassym-jomart-tokayev", "Kassym-Jomart Tokayev", vec![]),
    ///     ("KAZ", "Kazakhstan", vec![]),
    /// ]);
    /// assert_eq!(index.resolve("kazakhstan"), Ok(Match::Exact(1)));
    /// assert_eq!(index.resolve("Tokayev"), Ok(Match::Word(0)));
    /// assert_eq!(index.resolve("Astana"), Err(vec![]));
    /// ```
    pub fn resolve(&self, text: &str) -> Result<Match, Vec<usize>> {
        match self.exact(text) {
            [one] => return Ok(Match::Exact(*one)),
            [] => {}
            many => return Err(many.to_vec()),
        }
        if let Some(found) = self.abbreviated(text) {
            return found.map(Match::Abbreviation).map_err(|_| Vec::new());
        }
        let key = fold(text);
        if key.contains(' ') {
            return Err(Vec::new());
        }
        match self.words().find(&key) {
            [one] => Ok(Match::Word(*one)),
            [] => Err(Vec::new()),
            many => Err(many.to_vec()),
        }
    }

    /// The entity with id `id` (compared ignoring case), if any.
    pub fn position_of_id(&self, id: &str) -> Option<usize> {
        self.exact(id)
            .iter()
            .copied()
            .find(|&pos| self.ids.key(pos).eq_ignore_ascii_case(id))
    }

    /// What an abbreviation in [`ABBREVIATIONS`] means here: `None` when
    /// `text` is not one; the entity it stands for when the index has it;
    /// the abbreviation itself (as the error) when the index lacks it.
    pub fn abbreviated(&self, text: &str) -> Option<Result<usize, &'static Abbreviation>> {
        let abbreviation = abbreviation_of(text)?;
        Some(self.position_of_id(abbreviation.id).ok_or(abbreviation))
    }

    /// The ids of up to `limit` entities whose names look most like `text`,
    /// best first; empty when nothing is close (see
    /// [`suggest_positions`](Self::suggest_positions)).
    pub fn suggest(&self, text: &str, limit: usize) -> Vec<String> {
        self.suggest_positions(text, limit)
            .into_iter()
            .map(|pos| self.ids.key(pos).to_string())
            .collect()
    }

    /// The positions of up to `limit` entities whose names look most like
    /// `text`, best first; empty when nothing is close.
    ///
    /// Each id, name and alias is scored by Jaro–Winkler similarity to the
    /// folded `text` (a one-word query against each word of a longer name,
    /// at 0.9 of the score; a containment of four letters or more counts as
    /// 0.9). An entity keeps its best score; those of at least 0.82 and
    /// within 0.05 of the best are kept, ties broken by id. O(k · |text| ·
    /// |name|) for k texts: meant for error messages, not for every query.
    ///
    /// ```
    /// use diplograph::names::NameIndex;
    /// let index = NameIndex::new([
    ///     ("vladimir-putin", "Vladimir Putin", vec![]),
    ///     ("RUS", "Russia", vec![]),
    /// ]);
    /// assert_eq!(index.suggest_positions("Putn", 3), vec![0]);
    /// assert!(index.suggest_positions("Brazil", 3).is_empty());
    /// ```
    ///
    /// A known abbreviation ([`ABBREVIATIONS`]) suggests the entity it
    /// stands for, or nothing when the index lacks it: never a look-alike
    /// ("UK" is not near-Ukraine, it is the United Kingdom).
    pub fn suggest_positions(&self, text: &str, limit: usize) -> Vec<usize> {
        match self.abbreviated(text) {
            Some(Ok(pos)) => return vec![pos],
            Some(Err(_)) => return Vec::new(),
            None => {}
        }
        let key = fold(text);
        if key.is_empty() {
            return Vec::new();
        }
        let mut best: HashMap<usize, f64> = HashMap::new();
        for i in 0..self.keys.len() {
            let (candidate, pos) = (self.keys.key(i), &self.keys.owners[i]);
            // A one-word query is compared with each word of a name ("putn" is
            // near "vladimir putin"), slightly below a one-word name's score;
            // a longer query with the whole name.
            let mut score = if key.contains(' ') || !candidate.contains(' ') {
                strsim::jaro_winkler(&key, candidate)
            } else {
                candidate
                    .split(' ')
                    .map(|word| strsim::jaro_winkler(&key, word) * 0.9)
                    .fold(0.0, f64::max)
            };
            if key.len() >= 4
                && candidate.len() >= 4
                && (candidate.contains(&key) || key.contains(candidate))
            {
                score = score.max(0.9);
            }
            let entry = best.entry(*pos).or_insert(0.0);
            if score > *entry {
                *entry = score;
            }
        }
        // Close enough to be a plausible typo, and not far behind the best.
        let top = best.values().copied().fold(0.0, f64::max);
        let mut ranked: Vec<(usize, f64)> = best
            .into_iter()
            .filter(|(_, score)| *score >= 0.82 && *score >= top - 0.05)
            .collect();
        ranked.sort_by(|a, b| {
            b.1.total_cmp(&a.1)
                .then(self.ids.key(a.0).cmp(self.ids.key(b.0)))
        });
        ranked.into_iter().take(limit).map(|(pos, _)| pos).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index() -> NameIndex {
        NameIndex::new([
            ("IRN", "Iran", vec!["Islamic Republic of Iran"]),
            (
                "mohammad-mokhber",
                "Mohammad Mokhber",
                vec!["Mohammad Mokhbar"],
            ),
            ("emomali-rahmon", "Emomali Rahmon", vec!["Emomali Rakhmon"]),
            (
                "SCO",
                "Shanghai Cooperation Organisation",
                vec!["Shanghai Cooperation Organization"],
            ),
            ("RUS", "Russia", vec![]),
            ("BLR", "Belarus", vec![]),
        ])
    }

    #[test]
    fn resolves_ids_names_and_aliases_in_any_case() {
        let idx = index();
        assert_eq!(idx.resolve("irn"), Ok(Match::Exact(0)));
        assert_eq!(idx.resolve("IRAN"), Ok(Match::Exact(0)));
        assert_eq!(idx.resolve("Mohammad Mokhbar"), Ok(Match::Exact(1)));
        assert_eq!(
            idx.resolve("shanghai cooperation organization"),
            Ok(Match::Exact(3))
        );
        assert_eq!(idx.resolve("Rakhmon"), Ok(Match::Word(2)));
        assert_eq!(idx.resolve("Rahmon"), Ok(Match::Word(2)));
    }

    #[test]
    fn a_shared_word_is_ambiguous_not_a_guess() {
        let idx = index();
        assert_eq!(idx.resolve("Mohammad"), Ok(Match::Word(1)));
        assert_eq!(idx.resolve("shanghai"), Ok(Match::Word(3)));
        let idx = NameIndex::new([("a", "Kim Jong Un", vec![]), ("b", "Kim Il Sung", vec![])]);
        assert_eq!(idx.resolve("kim"), Err(vec![0, 1]));
    }

    #[test]
    fn ascii_and_unicode_folds_agree() {
        for text in [
            "Xi-Jinping",
            "  A__b  c ",
            "UN",
            "tab\there",
            "-lead",
            "trail-",
        ] {
            let slow: String = {
                let mut out = String::new();
                let mut pending = false;
                for c in text.nfd() {
                    if c.is_whitespace() || c == '_' || c == '-' {
                        pending = !out.is_empty();
                        continue;
                    }
                    if pending {
                        out.push(' ');
                        pending = false;
                    }
                    out.extend(c.to_lowercase());
                }
                out
            };
            assert_eq!(fold(text), slow, "{text:?}");
        }
    }

    #[test]
    fn tables_find_every_owner_of_a_key() {
        let idx = NameIndex::new([("a", "Same", vec![]), ("b", "same", vec!["Other"])]);
        assert_eq!(idx.exact("SAME"), &[0, 1]);
        assert!(idx.keys.has_shared_key());
        assert!(idx.is_well_formed());
        assert_eq!(idx.exact("other"), &[1]);
        assert_eq!(idx.exact("nothing"), &[] as &[usize]);
    }

    #[test]
    fn abbreviations_resolve_to_their_state_and_never_to_a_look_alike() {
        let idx = NameIndex::new([
            ("UKR", "Ukraine", vec![]),
            ("GBR", "United Kingdom", vec![]),
            ("ARE", "United Arab Emirates", vec![]),
        ]);
        assert_eq!(idx.resolve("UK"), Ok(Match::Abbreviation(1)));
        assert_eq!(idx.resolve("u.k."), Ok(Match::Abbreviation(1)));
        assert_eq!(idx.resolve("uae"), Ok(Match::Abbreviation(2)));
        assert_eq!(idx.suggest("UK", 3), vec!["GBR"]);
        let without = NameIndex::new([("UKR", "Ukraine", vec![])]);
        assert_eq!(without.resolve("UK"), Err(vec![]));
        assert!(without.suggest("UK", 3).is_empty());
        // The database's own names come first.
        let own = NameIndex::new([("UKR", "Ukraine", vec!["UK"])]);
        assert_eq!(own.resolve("UK"), Ok(Match::Exact(0)));
    }

    #[test]
    fn every_abbreviation_is_distinct_and_names_a_state_code() {
        for (i, a) in ABBREVIATIONS.iter().enumerate() {
            assert!(
                a.id.len() == 3 && a.id.bytes().all(|b| b.is_ascii_uppercase()),
                "{a:?}"
            );
            assert!(
                ABBREVIATIONS[..i]
                    .iter()
                    .all(|b| !b.short.eq_ignore_ascii_case(a.short)),
                "{a:?} twice"
            );
        }
    }

    #[test]
    fn control_characters_are_found_and_named() {
        assert_eq!(control_character("a\tb"), Some('\t'));
        assert_eq!(control_character("plain text, with ü"), None);
        assert_eq!(control_character("c1\u{85}"), Some('\u{85}'));
        assert_eq!(describe_control('\n'), "a line feed (U+000A)");
    }

    #[test]
    fn suggests_near_misses() {
        let idx = index();
        assert_eq!(idx.suggest("Rusia", 3), vec!["RUS"]);
        assert_eq!(idx.suggest("Belarussia", 3)[0], "BLR");
        assert!(idx.suggest("zzzz", 3).is_empty());
        assert_eq!(idx.suggest("Mokber", 3), vec!["mohammad-mokhber"]);
        assert!(idx.suggest("", 3).is_empty());
    }
}
