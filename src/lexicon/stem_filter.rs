//! A filter that skips stemming words whose stem cannot be in the stem index.
//!
//! The English (Porter 2) stemmer only rewrites the end of a word, and never lengthens it. It
//! deletes suffixes; its replacements (`ational` → `ate`, `ies` → `i`, `bli` → `ble`, ...) start
//! in R1 (after the second letter) and keep all but at most one letter of what they replace, plus
//! one added `e` or `i`; only `biliti` → `ble` keeps one letter and adds two (`le`). So a stem
//! `s` of a word `w` is at most as long as `w` and shares all its letters but the last with `w`,
//! or all but the last two when it ends in `le`. A stem index entry can then only match words
//! that start with its *key* (the stem without its last letter, or two for `-le`) and are at
//! least as long as the lexicon word it stands for; and the stem's letter after the key is the
//! word's own letter there or one a rule writes (`e`, `i`, or the `l` of `biliti` → `bl`), so a
//! key also records which letters followed it. Checking the word's prefixes against the keys
//! (three to eight letters: a bit table of four-letter beginnings, one of hashed prefixes, then a
//! map) is far cheaper than the stemmer, and rejects most words. The tests check these properties of the stemmer on generated and real words.

use rustc_hash::FxHashMap;

/// Longest key prefix compared (eight bytes pack into a `u64`).
const MAX_KEY: usize = 8;
/// Shortest key: indexed stems have at least five letters.
const MIN_KEY: usize = 3;
/// Bits of the table that rules most prefixes out before the map lookup.
const BITS: usize = 1 << 18;

/// Keys of the indexed stems, with the length of the shortest lexicon word behind each.
#[derive(Clone)]
pub(crate) struct StemFilter {
    /// Which four-letter beginnings any key allows, indexed by [`fourgram`]: one load rejects
    /// most words before any hashing (three-letter beginnings let three in four words through).
    fourgrams: Box<[u64]>,
    /// A fixed size, so that a hashed index needs no bounds check.
    bits: Box<[u64; BITS / 64]>,
    /// Per key: the length of the shortest lexicon word behind it, and which letters follow it
    /// in its stems (bit `c - b'a'`; every bit for a key cut to [`MAX_KEY`] bytes).
    by_key: FxHashMap<u64, (u8, u32)>,
}

/// Letters a stem may have after its key whatever the word has there (see the module docs).
const WRITTEN: u32 = 1 << (b'e' - b'a') | 1 << (b'i' - b'a') | 1 << (b'l' - b'a');

/// Four-letter beginnings `a..z` × 4 (a 57 KB table).
const FOURGRAMS: usize = 26 * 26 * 26 * 26;

impl Default for StemFilter {
    fn default() -> Self {
        StemFilter {
            fourgrams: vec![0; FOURGRAMS.div_ceil(64)].into_boxed_slice(),
            bits: Box::new([0; BITS / 64]),
            by_key: FxHashMap::default(),
        }
    }
}

/// The index of the first four bytes of `b` among [`FOURGRAMS`], if they are lower-case letters.
fn fourgram(b: &[u8]) -> Option<usize> {
    const ONES: u32 = 0x0101_0101;
    const HIGH: u32 = ONES * 0x80;
    let x = u32::from_le_bytes(b.get(..4)?.try_into().ok()?);
    // The four bytes tested at once (as `normalize::plain_shape_packed` does): ASCII only, so
    // no byte carries into the next; `+ 0x1f` sets a top bit from b'a' on, `+ 0x05` past b'z'.
    if x & HIGH != 0 || x.wrapping_add(ONES * 0x1f) & !x.wrapping_add(ONES * 0x05) & HIGH != HIGH {
        return None;
    }
    let [c0, c1, c2, c3] = (x - ONES * u32::from(b'a')).to_le_bytes().map(usize::from);
    Some(((c0 * 26 + c1) * 26 + c2) * 26 + c3)
}

/// The first `k` bytes of `b` (k ≤ 8), packed; letters are never 0, so lengths never collide.
fn pack(b: &[u8]) -> u64 {
    b.iter().rev().fold(0, |acc, &c| acc << 8 | u64::from(c))
}

/// The bit of a letter in a key's follower set ([`StemFilter::by_key`]); every bit for
/// another byte, which then rules nothing out.
fn letter(c: u8) -> u32 {
    if c.is_ascii_lowercase() {
        1 << (c - b'a')
    } else {
        u32::MAX
    }
}

fn bit(key: u64) -> usize {
    // Multiplicative hashing: the top bits of one multiply (the map decides, so collisions
    // only cost a map probe).
    (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - BITS.trailing_zeros())) as usize
}

impl StemFilter {
    /// The filter of a stem index: `(stem, length of the lexicon word it stands for)`.
    pub fn new<'a>(stems: impl IntoIterator<Item = (&'a str, usize)>) -> Self {
        let mut f = StemFilter::default();
        for (stem, word_len) in stems {
            let cut = if stem.ends_with("le") { 2 } else { 1 };
            let Some(key) = stem.as_bytes().get(..stem.len().saturating_sub(cut)) else {
                continue;
            };
            // Only ASCII lower-case words are stemmed; other stems never match.
            if key.len() < MIN_KEY || !key.iter().all(u8::is_ascii_lowercase) {
                continue;
            }
            // A three-letter key lets through every word that starts with it.
            let mut four = [key[0], key[1], key[2], key.get(3).copied().unwrap_or(b'a')];
            let last = if key.len() > 3 { four[3] } else { b'z' };
            while four[3] <= last {
                if let Some(t) = fourgram(&four) {
                    f.fourgrams[t / 64] |= 1 << (t % 64);
                }
                four[3] += 1;
            }
            let next = match stem.as_bytes().get(key.len()) {
                Some(&c) if key.len() <= MAX_KEY => letter(c),
                _ => u32::MAX,
            };
            let key = pack(&key[..key.len().min(MAX_KEY)]);
            let b = bit(key);
            f.bits[b / 64] |= 1 << (b % 64);
            let len = u8::try_from(word_len).unwrap_or(u8::MAX);
            let (min, follow) = f.by_key.entry(key).or_insert((len, 0));
            *min = (*min).min(len);
            *follow |= next;
        }
        f
    }

    /// Whether the stem of `word` (ASCII lower-case) may be in the index.
    #[inline(always)]
    pub fn may_match(&self, word: &str) -> bool {
        let w = word.as_bytes();
        // A key is at most one byte shorter than its stem, which is no longer than the word.
        let longest = w.len().saturating_sub(1).min(MAX_KEY);
        if longest < MIN_KEY {
            return false;
        }
        // Every key has at least three lower-case letters, all of them the word's first, and the
        // word has at least four.
        match fourgram(w) {
            Some(t) if self.fourgrams[t / 64] & (1 << (t % 64)) != 0 => {}
            _ => return false,
        }
        self.prefixes_match(w, longest)
    }

    /// The rest of [`may_match`](Self::may_match), for the words whose beginning passed: kept
    /// out of line so that the common early answer costs no call.
    #[inline(never)]
    fn prefixes_match(&self, w: &[u8], longest: usize) -> bool {
        let n = u8::try_from(w.len()).unwrap_or(u8::MAX);
        // The prefixes and the letter after the longest, bounds-checked once for the loop.
        let Some(w) = w.get(..=longest) else {
            return false;
        };
        // The packed prefix, grown one byte at a time (the same value as `pack(&w[..k])`).
        let mut key = pack(&w[..MIN_KEY - 1]);
        for k in MIN_KEY..w.len() {
            key |= u64::from(w[k - 1]) << (8 * (k - 1));
            let b = bit(key);
            if self.bits[b / 64] & (1 << (b % 64)) != 0
                && (self.by_key.get(&key)).is_some_and(|&(min, follow)| {
                    min <= n && follow & (letter(w[k]) | WRITTEN) != 0
                })
            {
                return true;
            }
        }
        false
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    /// Suffixes the English stemmer removes or rewrites, to reach every rule.
    const SUFFIXES: &[&str] = &[
        "",
        "s",
        "es",
        "ies",
        "ied",
        "sses",
        "ss",
        "us",
        "ed",
        "edly",
        "eed",
        "eedly",
        "ing",
        "ingly",
        "y",
        "ational",
        "tional",
        "enci",
        "anci",
        "abli",
        "entli",
        "izer",
        "ization",
        "ation",
        "ator",
        "alism",
        "aliti",
        "alli",
        "fulness",
        "ousli",
        "ousness",
        "iveness",
        "iviti",
        "biliti",
        "bli",
        "ogi",
        "fulli",
        "lessli",
        "li",
        "alize",
        "icate",
        "iciti",
        "ical",
        "ful",
        "ness",
        "ative",
        "al",
        "ance",
        "ence",
        "er",
        "ic",
        "able",
        "ible",
        "ant",
        "ement",
        "ment",
        "ent",
        "ism",
        "ate",
        "iti",
        "ous",
        "ive",
        "ize",
        "ion",
        "e",
        "ll",
        "ating",
        "ated",
        "bling",
        "izing",
        "ily",
        "ly",
        "ously",
        "ably",
        "ibly",
        "bility",
        "bilities",
        "ization",
        "izations",
        "ationally",
        "alities",
        "fully",
        "lessly",
        "iveness",
        "ogy",
        "logi",
        "eedly",
        "ingly",
        "ies",
        "yed",
        "ying",
        "ss",
        "sses",
        "ement",
        "ments",
    ];

    /// The properties the filter relies on: a stem long enough to be indexed is no longer than
    /// its word, and shares all its letters but the last (the last two if it ends in `le`) with
    /// the word, and the letter after those is the word's own there, or an `e`, `i` or `l` the
    /// stemmer wrote (`enci` → `ence`, `y` → `i`, `biliti` → `bl`). (Shorter stems may differ
    /// more: `dying` → `die`.)
    fn check(word: &str) {
        let stemmer = rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::English);
        let stem = stemmer.stem(word);
        if stem.len() < super::super::MIN_STEM_LEN {
            return;
        }
        assert!(stem.len() <= word.len(), "{word} → {stem}");
        let cut = if stem.ends_with("le") { 2 } else { 1 };
        let shared = stem.len().saturating_sub(cut);
        assert_eq!(&stem[..shared], &word[..shared], "{word} → {stem}");
        let (next, at) = (stem.as_bytes()[shared], word.as_bytes()[shared]);
        assert!(
            next == at || matches!(next, b'e' | b'i' | b'l'),
            "{word} → {stem}: the letter after the key"
        );
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(20_000))]
        #[test]
        fn stems_keep_the_word_but_its_end(
            stem in "[a-z]{1,7}",
            suffix in prop::sample::select(SUFFIXES),
            again in prop::sample::select(SUFFIXES),
        ) {
            check(&format!("{stem}{suffix}{again}"));
        }

        #[test]
        fn indexed_stems_pass_the_filter(
            stem in "[a-z]{1,9}",
            suffix in prop::sample::select(SUFFIXES),
            again in prop::sample::select(SUFFIXES),
        ) {
            // A stem index of one entry: the stem of a random word, standing for itself.
            let word = format!("{stem}{suffix}{again}");
            let stemmer = rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::English);
            let s = stemmer.stem(&word);
            if s.len() >= super::super::MIN_STEM_LEN {
                let f = super::StemFilter::new([(&*s, s.len())]);
                prop_assert!(f.may_match(&word), "{} → {}", word, s);
            }
        }
    }

    #[test]
    fn eval_words_keep_their_stems_prefix() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/eval");
        let Ok(sets) = std::fs::read_dir(&dir) else {
            eprintln!("skipped: {} not found", dir.display());
            return;
        };
        let mut words = std::collections::BTreeSet::new();
        for set in sets.flatten() {
            for file in std::fs::read_dir(set.path())
                .into_iter()
                .flatten()
                .flatten()
            {
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
