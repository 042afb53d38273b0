//! English stems, memoised: the stemmer is the costliest step per word, and the same few thousand
//! words make up most of the words that reach it.

use std::cell::RefCell;
use std::hash::Hasher;

use rustc_hash::FxHasher;

/// Words (and stems) up to this many bytes are memoised; longer ones are stemmed every time.
const MAX_LEN: usize = 16;
/// Slots of the memo (a power of two): about 280 KB, room for the vocabulary of thousands of
/// reviews (with emotions on, a word can be stemmed for both lexicons).
const SLOTS: usize = 8192;
/// The memo starts afresh when this many slots are taken, so that probes stay short.
const MAX_FILL: usize = SLOTS * 3 / 4;

#[derive(Clone, Copy)]
struct Slot {
    word: [u8; MAX_LEN],
    stem: [u8; MAX_LEN],
    word_len: u8,
    stem_len: u8,
    /// The stem is the word's beginning (most are: the stemmer cut an ending off), so a hit
    /// borrows it from the word instead of checking the copied bytes for UTF-8.
    prefix: bool,
}

const EMPTY: Slot = Slot {
    word: [0; MAX_LEN],
    stem: [0; MAX_LEN],
    // No memoised word is this long, so an empty slot never matches.
    word_len: u8::MAX,
    stem_len: 0,
    prefix: false,
};

/// An open-addressing table of recent words and their stems.
struct Memo {
    slots: Box<[Slot]>,
    taken: usize,
}

/// The English (Porter 2) stemmer with a memo of recent words. Stemming is a pure function, so
/// the memo never changes a result; it lives in a per-thread workspace, never shared.
pub(crate) struct Stemmer {
    inner: rust_stemmers::Stemmer,
    memo: RefCell<Memo>,
}

impl Default for Stemmer {
    fn default() -> Self {
        Stemmer {
            inner: rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::English),
            // Allocated on first use, so that an unused workspace costs nothing.
            memo: RefCell::new(Memo {
                slots: Box::default(),
                taken: 0,
            }),
        }
    }
}

/// A stem: memoised inline, or straight from the stemmer.
pub(crate) enum Stem<'a> {
    Inline { bytes: [u8; MAX_LEN], len: u8 },
    Direct(std::borrow::Cow<'a, str>),
}

impl std::ops::Deref for Stem<'_> {
    type Target = str;

    fn deref(&self) -> &str {
        match self {
            // Only whole stems of valid UTF-8 are stored, so this never falls back.
            Stem::Inline { bytes, len } => {
                std::str::from_utf8(&bytes[..usize::from(*len)]).unwrap_or_default()
            }
            Stem::Direct(s) => s,
        }
    }
}

impl AsRef<str> for Stem<'_> {
    fn as_ref(&self) -> &str {
        self
    }
}

impl Stemmer {
    /// The stem of `word`, which must be lower-case (as the stemmer requires).
    pub fn stem<'a>(&self, word: &'a str) -> Stem<'a> {
        let w = word.as_bytes();
        if w.len() > MAX_LEN {
            return Stem::Direct(self.inner.stem(word));
        }
        let mut h = FxHasher::default();
        h.write(w);
        let Ok(mut memo) = self.memo.try_borrow_mut() else {
            return Stem::Direct(self.inner.stem(word));
        };
        if memo.slots.is_empty() {
            memo.slots = vec![EMPTY; SLOTS].into_boxed_slice();
        }
        let mut i = (h.finish() >> 32) as usize & (SLOTS - 1);
        loop {
            let slot = &memo.slots[i];
            if slot.word_len == u8::MAX {
                break;
            }
            if usize::from(slot.word_len) == w.len() && slot.word[..w.len()] == *w {
                if slot.prefix {
                    if let Some(stem) = word.get(..usize::from(slot.stem_len)) {
                        return Stem::Direct(std::borrow::Cow::Borrowed(stem));
                    }
                }
                return Stem::Inline {
                    bytes: slot.stem,
                    len: slot.stem_len,
                };
            }
            i = (i + 1) & (SLOTS - 1);
        }
        let stem = self.inner.stem(word);
        if stem.len() <= MAX_LEN {
            if memo.taken >= MAX_FILL {
                memo.slots.fill(EMPTY);
                memo.taken = 0;
                i = (h.finish() >> 32) as usize & (SLOTS - 1);
            }
            memo.taken += 1;
            let slot = &mut memo.slots[i];
            slot.word[..w.len()].copy_from_slice(w);
            slot.word_len = w.len() as u8;
            slot.stem[..stem.len()].copy_from_slice(stem.as_bytes());
            slot.stem_len = stem.len() as u8;
            slot.prefix = word.starts_with(&*stem);
        }
        Stem::Direct(stem)
    }
}

include!(concat!(env!("OUT_DIR"), "/stems.rs"));

/// The stem of a lexicon word at load time: from the table `build.rs` precomputed for the
/// bundled words, else from `stemmer`.
pub(crate) fn lexicon_stem(
    stemmer: &rust_stemmers::Stemmer,
    word: &str,
) -> std::borrow::Cow<'static, str> {
    static TABLE: std::sync::LazyLock<rustc_hash::FxHashMap<&str, &str>> =
        std::sync::LazyLock::new(|| LEXICON_STEMS.iter().copied().collect());
    match TABLE.get(word) {
        Some(stem) => std::borrow::Cow::Borrowed(stem),
        None => std::borrow::Cow::Owned(stemmer.stem(word).into_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn precomputed_stems_are_the_stemmers() {
        let plain = rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::English);
        assert!(
            LEXICON_STEMS.len() > 5_000,
            "the bundled words are in the table"
        );
        assert!(LEXICON_STEMS.windows(2).all(|p| p[0].0 < p[1].0), "sorted");
        for (w, stem) in LEXICON_STEMS {
            assert_eq!(plain.stem(w), *stem, "{w}");
        }
        // A word the table lacks is stemmed as usual.
        assert_eq!(
            lexicon_stem(&plain, "zzzunhappily"),
            plain.stem("zzzunhappily")
        );
    }

    #[test]
    fn memo_returns_the_stemmers_result() {
        let plain = rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::English);
        let memo = Stemmer::default();
        let words = [
            "disappointing",
            "happily",
            "running",
            "generously",
            "a",
            "abcdefghijklmnopqrstuvwxyzabc",
        ];
        for _ in 0..3 {
            for w in words {
                assert_eq!(&*memo.stem(w), &*plain.stem(w), "{w}");
            }
        }
        // More words than the memo holds: it starts afresh without mixing results.
        for n in 0..20_000 {
            let w = format!("word{n}ing");
            assert_eq!(&*memo.stem(&w), &*plain.stem(&w));
        }
    }
}
