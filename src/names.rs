//! Finding entities by what people call them.
//!
//! Analysts type "iran", "Rakhmon", "Tokayev" or "Organisation": ids, names
//! and aliases, in any case, with or without accents. A [`NameIndex`] folds
//! all of them to one key form and answers exact lookups in O(1); when
//! nothing matches it ranks near misses for a "did you mean". The store uses
//! it to check that aliases are unique, the graph to resolve command-line
//! names.

use std::collections::HashMap;

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
    let mut pending_space = false;
    for c in text.nfd() {
        if unicode_normalization::char::is_combining_mark(c) {
            continue;
        }
        if c.is_whitespace() || c == '_' || c == '-' {
            pending_space = !out.is_empty();
            continue;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        out.extend(c.to_lowercase());
    }
    out
}

/// How a name matched an entity.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Match {
    /// The whole id, name or alias.
    Exact(usize),
    /// One word of exactly one entity's name or alias ("Putin", "Tokayev").
    Word(usize),
}

/// Every id, name and alias of a set of entities, folded, mapped to the
/// entity's position.
#[derive(Clone, Debug, Default)]
pub struct NameIndex {
    keys: HashMap<String, Vec<usize>>,
    words: HashMap<String, Vec<usize>>,
    /// (folded key, entity) for ranking near misses.
    all: Vec<(String, usize)>,
    ids: Vec<String>,
}

impl NameIndex {
    /// Index entities given as (id, name, aliases).
    pub fn new<'a, I, A>(entities: I) -> Self
    where
        I: IntoIterator<Item = (&'a str, &'a str, A)>,
        A: IntoIterator<Item = &'a str>,
    {
        let mut index = NameIndex::default();
        for (pos, (id, name, aliases)) in entities.into_iter().enumerate() {
            index.ids.push(id.to_string());
            let names = std::iter::once(id)
                .chain(std::iter::once(name))
                .chain(aliases);
            for text in names {
                let key = fold(text);
                if key.is_empty() {
                    continue;
                }
                for word in key.split(' ') {
                    let owners = index.words.entry(word.to_string()).or_default();
                    if owners.last() != Some(&pos) {
                        owners.push(pos);
                    }
                }
                let owners = index.keys.entry(key.clone()).or_default();
                if !owners.contains(&pos) {
                    owners.push(pos);
                    index.all.push((key, pos));
                }
            }
        }
        index
    }

    /// The entities whose id, name or alias folds to the same key as `text`.
    pub fn exact(&self, text: &str) -> &[usize] {
        self.keys.get(&fold(text)).map_or(&[], Vec::as_slice)
    }

    /// Resolves `text`: an exact id, name or alias first; failing that, a
    /// single word that belongs to exactly one entity. Returns the candidate
    /// entities when more than one matches equally well, `Err(vec![])` when
    /// none does.
    pub fn resolve(&self, text: &str) -> Result<Match, Vec<usize>> {
        match self.exact(text) {
            [one] => return Ok(Match::Exact(*one)),
            [] => {}
            many => return Err(many.to_vec()),
        }
        let key = fold(text);
        if key.contains(' ') {
            return Err(Vec::new());
        }
        match self.words.get(&key).map_or(&[][..], Vec::as_slice) {
            [one] => Ok(Match::Word(*one)),
            [] => Err(Vec::new()),
            many => Err(many.to_vec()),
        }
    }

    /// The ids of up to `limit` entities whose names look most like `text`,
    /// best first; empty when nothing is close.
    pub fn suggest(&self, text: &str, limit: usize) -> Vec<String> {
        let key = fold(text);
        if key.is_empty() {
            return Vec::new();
        }
        let mut best: HashMap<usize, f64> = HashMap::new();
        for (candidate, pos) in &self.all {
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
                && (candidate.contains(&key) || key.contains(candidate.as_str()))
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
        ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(self.ids[a.0].cmp(&self.ids[b.0])));
        ranked
            .into_iter()
            .take(limit)
            .map(|(pos, _)| self.ids[pos].clone())
            .collect()
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
    fn suggests_near_misses() {
        let idx = index();
        assert_eq!(idx.suggest("Rusia", 3), vec!["RUS"]);
        assert_eq!(idx.suggest("Belarussia", 3)[0], "BLR");
        assert!(idx.suggest("zzzz", 3).is_empty());
        assert_eq!(idx.suggest("Mokber", 3), vec!["mohammad-mokhber"]);
        assert!(idx.suggest("", 3).is_empty());
    }
}
