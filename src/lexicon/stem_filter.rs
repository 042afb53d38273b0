//! A filter that skips stemming words whose stem cannot be in the stem index.
//!
//! The English (Porter 2) stemmer only rewrites the end of a word: it deletes suffixes, and each
//! replacement (`ational` → `ate`, `ies` → `i`, `bli` → `ble`, ...) starts at or after the second
//! letter (in R1) and keeps the suffix's first letter. So a stem of five letters or more (the only
//! ones indexed) starts with the same three letters as its word. One bit per three-letter prefix
//! of the indexed stems then tells, before calling the stemmer (its costliest step per word),
//! whether the stem lookup can succeed.

/// Letters `a`..=`z`, three positions.
const PREFIXES: usize = 26 * 26 * 26;

/// The set of three-letter prefixes of the indexed stems.
#[derive(Clone)]
pub(crate) struct StemFilter {
    bits: Box<[u64]>,
}

impl Default for StemFilter {
    fn default() -> Self {
        StemFilter {
            bits: vec![0; PREFIXES.div_ceil(64)].into_boxed_slice(),
        }
    }
}

fn index(word: &str) -> Option<usize> {
    let b = word.as_bytes();
    if b.len() < 3 || !b[..3].iter().all(u8::is_ascii_lowercase) {
        return None;
    }
    let d = |i: usize| usize::from(b[i] - b'a');
    Some((d(0) * 26 + d(1)) * 26 + d(2))
}

impl StemFilter {
    /// Records the prefix of an indexed stem. Stems that do not start with three ASCII letters
    /// are never looked up (only ASCII lower-case words are stemmed).
    pub fn insert(&mut self, stem: &str) {
        if let Some(i) = index(stem) {
            self.bits[i / 64] |= 1 << (i % 64);
        }
    }

    /// Whether the stem of `word` (ASCII lower-case) may be indexed.
    pub fn may_match(&self, word: &str) -> bool {
        index(word).is_some_and(|i| self.bits[i / 64] & (1 << (i % 64)) != 0)
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    /// Suffixes the English stemmer removes or rewrites, to reach every rule.
    const SUFFIXES: &[&str] = &[
        "", "s", "es", "ies", "ied", "sses", "ss", "us", "ed", "edly", "eed", "eedly", "ing",
        "ingly", "y", "ational", "tional", "enci", "anci", "abli", "entli", "izer", "ization",
        "ation", "ator", "alism", "aliti", "alli", "fulness", "ousli", "ousness", "iveness",
        "iviti", "biliti", "bli", "ogi", "fulli", "lessli", "li", "alize", "icate", "iciti",
        "ical", "ful", "ness", "ative", "al", "ance", "ence", "er", "ic", "able", "ible", "ant",
        "ement", "ment", "ent", "ism", "ate", "iti", "ous", "ive", "ize", "ion", "e", "ll",
        "ating", "ated", "bling", "izing", "ily", "ly", "ously", "ably", "ibly",
    ];

    fn check(word: &str) {
        let stemmer = rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::English);
        let stem = stemmer.stem(word);
        if stem.len() >= super::super::MIN_STEM_LEN {
            assert_eq!(&stem.as_bytes()[..3], &word.as_bytes()[..3], "{word} → {stem}");
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(20_000))]
        #[test]
        fn long_stems_keep_the_first_three_letters(
            stem in "[a-z]{1,7}",
            suffix in prop::sample::select(SUFFIXES),
            again in prop::sample::select(SUFFIXES),
        ) {
            check(&format!("{stem}{suffix}{again}"));
        }
    }

    #[test]
    fn eval_words_keep_the_first_three_letters() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/eval");
        let Ok(sets) = std::fs::read_dir(&dir) else {
            eprintln!("skipped: {} not found", dir.display());
            return;
        };
        let mut words = std::collections::BTreeSet::new();
        for set in sets.flatten() {
            for file in std::fs::read_dir(set.path()).into_iter().flatten().flatten() {
                let text = std::fs::read_to_string(file.path()).unwrap_or_default();
                for w in text.split(|c: char| !c.is_ascii_alphabetic()) {
                    if w.len() > 3 {
                        words.insert(w.to_ascii_lowercase());
                    }
                }
            }
        }
        for w in &words {
            check(w);
        }
    }
}
