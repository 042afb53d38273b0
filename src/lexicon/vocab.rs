//! The vocabulary: one hash table for the hot path. Every key that any lexicon or rule knows
//! (valence terms, emotion and signal terms, the words of every phrase, the cue words of the
//! rules) maps to one [`Word`] holding all of it, so a token costs one probe, and phrases are
//! matched by comparing ids instead of strings.

use std::sync::{Arc, LazyLock, OnceLock};

use rustc_hash::FxHashMap;

use super::{Entry, Lexicon, Phrase};
use crate::affect::{AffectLexicon, Weights};
use crate::normalize::{
    WordShape, elongated_packed, elongated_wide, has_run, is_plain_packed, is_plain_wide,
    plain_shape, push_key,
};
use crate::tokenize::{Token, TokenKind};

/// The id of a key the vocabulary does not know (and of tokens that are not words).
pub(crate) const UNKNOWN: u32 = u32::MAX;

/// Bits of [`Word::flags`]: the word is in one of the rules' word lists.
pub(crate) mod flag {
    /// [`crate::rules::WAIT_CUES`]: a duration in the sentence is a waiting time.
    pub const WAIT_CUE: u64 = 1;
    /// [`crate::affect::WAIT_WORDS`]: the sentence talks of waiting (urgency).
    pub const WAIT_WORD: u64 = 1 << 1;
    /// [`crate::rules::LIKE_VERB_AFTER`]: a following "like" is the verb.
    pub const LIKE_AFTER: u64 = 1 << 2;
    /// [`crate::rules::TIME_UNITS`].
    pub const TIME_UNIT: u64 = 1 << 3;
    /// "a", "an", "another": may open a duration ("an hour").
    pub const DURATION_OPENER: u64 = 1 << 4;
    /// "again".
    pub const AGAIN: u64 = 1 << 5;
    /// "like".
    pub const LIKE: u64 = 1 << 6;
    /// "for", "since": may open a waiting time ("for 3 weeks").
    pub const WAIT_OPENER: u64 = 1 << 7;
    /// [`crate::affect::COUNTS`]: a number word ("three weeks").
    pub const COUNT: u64 = 1 << 8;
    /// [`crate::rules::WORK_FORMS`].
    pub const WORK: u64 = 1 << 9;
    /// "free": after a hyphen it reverses the word before ("hassle-free", "charisma-free").
    pub const FREE: u64 = 1 << 10;
    /// "too": before a word without sentiment it finds fault ("too plastic", "fills too fast").
    pub const TOO: u64 = 1 << 11;
    /// [`crate::rules::NOT_TOO_MUCH`]: a function word, not a quality ("me too and", "too the").
    pub const NOT_QUALITY: u64 = 1 << 12;
    /// "or": after a negated term it carries the negation on ("not funny or clever").
    pub const OR: u64 = 1 << 13;
    /// [`crate::rules::INTERJECTIONS`]: takes the polarity of the rest of its sentence.
    pub const INTERJECTION: u64 = 1 << 14;
    /// [`crate::rules::DISCOURSE_MARKERS`]: alone before a comma it opens a reply, not a verdict.
    pub const DISCOURSE: u64 = 1 << 15;
    /// [`crate::rules::WH_WORDS`]: may open a clause a negation does not reach.
    pub const WH: u64 = 1 << 16;
    /// "than": "better than this".
    pub const THAN: u64 = 1 << 17;
    /// "a", "an", "the": they use up no negation scope.
    pub const ARTICLE: u64 = 1 << 18;
    /// [`crate::rules::COULD`]: may open "couldn't be better".
    pub const COULD: u64 = 1 << 19;
    /// No stem rule can match the word ([`crate::rules::stem_rules_may_apply`]): it is not
    /// stemmed. Set on words neither lexicon scores ("that", "with", "this"), which the phrases
    /// bring in and which would otherwise go through the stem filters at every occurrence, and
    /// on valence words whose stem the emotion lexicon cannot have (their own entry is found
    /// first, so they are stemmed only for emotions).
    pub const NO_STEM: u64 = 1 << 20;
    /// [`NO_STEM`], no emotion weights, and no laughter: written plainly (not elongated), the
    /// word finds nothing in the lexicons, so their lookups are skipped.
    pub const UNSCORED: u64 = 1 << 21;
    /// [`crate::rules::CONTACT_CUES`]: a count of times in the sentence is of attempts.
    pub const CONTACT: u64 = 1 << 22;
    /// "times", "twice": may close a count of attempts.
    pub const REPEAT: u64 = 1 << 23;
    // The cue words of rare rules: a rule whose cue word its sentence lacks is not tried
    // ([`super::SentenceKeys::seen`]).
    /// "if": may open a counterfactual condition ("if it were cheaper").
    pub const IF: u64 = 1 << 24;
    /// "were": the verb of a counterfactual condition.
    pub const WERE: u64 = 1 << 25;
    /// [`crate::rules::UNDONE`]: "fixed", "repaired" after a fault.
    pub const UNDONE: u64 = 1 << 26;
    /// "about", "all": open the ironic frames "about as X as", "all the X of a".
    pub const IRONIC_FRAME: u64 = 1 << 27;
    /// [`crate::rules::IMPROVEMENTS`]: "better", "improve".
    pub const IMPROVEMENT: u64 = 1 << 28;
    /// [`crate::rules::COMPARATIVES`]: "better", "faster".
    pub const COMPARATIVE: u64 = 1 << 29;
    /// [`crate::rules::RIVALS`]: "old", "original", "previous".
    pub const RIVAL: u64 = 1 << 30;
    /// [`crate::rules::PRAISE_OPENERS`]: "thanks", "great" before a fault.
    pub const PRAISE_OPENER: u64 = 1 << 31;
    /// "until", "then": turn praise into a complaint ([`crate::rules::until_turn`]).
    pub const UNTIL: u64 = 1 << 32;
    /// "anti": before a hyphen it reverses the word after ("anti-glare").
    pub const ANTI: u64 = 1 << 33;
    /// "please", "pls", "plz", "kindly": the sentence asks for something
    /// ([`crate::rules::SentenceRaw::asks`]).
    pub const PLEASE: u64 = 1 << 34;
    /// "sooner", "earlier", "ago": a wish dated back ([`crate::rules::SOONER`]).
    pub const SOONER: u64 = 1 << 35;
    /// The key has a byte three times in a row ([`crate::normalize::has_run`]): a plain word
    /// whose key it is is elongated, which [`super::SentenceKeys::read`] takes from here for
    /// the words the vocabulary knows instead of testing their bytes.
    pub const ELONGATED: u64 = 1 << 36;
    /// "nervous", "skeptical", "dreading": the writer's apprehension, a setup when reported
    /// before the events ([`crate::rules::SentenceRaw::setup`]).
    pub const APPREHENSIVE: u64 = 1 << 37;
}

/// Everything the lexicons and rules say about one key.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Word {
    /// The valence lexicon's entry for the key itself.
    pub entry: Option<Entry>,
    /// Index of the emotion/signal weights of the key itself.
    emotion: u32,
    /// Valence phrases starting with the key: a range of [`Vocab::phrases`], longest first.
    phrases: (u32, u32),
    /// Bit `id % 64` for the id of each of their second keys.
    seconds: u64,
    /// Emotion phrases starting with the key: a range of [`Vocab::affect_phrases`].
    affect_phrases: (u32, u32),
    /// [`seconds`](Self::seconds) of the emotion phrases.
    affect_seconds: u64,
    pub flags: u64,
}

impl Default for Word {
    fn default() -> Self {
        Word {
            entry: None,
            emotion: UNKNOWN,
            phrases: (0, 0),
            seconds: 0,
            affect_phrases: (0, 0),
            affect_seconds: 0,
            flags: 0,
        }
    }
}

/// A valence phrase with the ids of its keys.
#[derive(Debug)]
pub(crate) struct IdPhrase {
    pub ids: Box<[u32]>,
    /// `ids[1]`, kept inline: most candidate phrases fail on their second key, and this spares
    /// loading the ids from elsewhere in memory.
    pub second: u32,
    pub phrase: Phrase,
}

/// An emotion phrase with the ids of its keys.
#[derive(Debug)]
pub(crate) struct AffectPhrase {
    pub ids: Box<[u32]>,
    /// `ids[1]`, kept inline (see [`IdPhrase::second`]).
    pub second: u32,
    pub weights: Weights,
}

/// The bit of id `id` in [`Word::seconds`].
fn second_bit(id: u32) -> u64 {
    1 << (id % 64)
}

/// The second id of a phrase's ids ([`UNKNOWN`] for a one-key phrase, which never occurs).
fn second(ids: &[u32]) -> u32 {
    ids.get(1).copied().unwrap_or(UNKNOWN)
}

/// A key of at most [`SHORT`] bytes packed into two words (zero-padded, its length in the top
/// byte), so that a probe hashes two words and compares them inline instead of hashing and
/// comparing a string: nearly every word is that short.
type Packed = (u64, u64);
/// The longest key that is [`Packed`].
const SHORT: usize = 15;
/// Zeros put after keys: [`Vocab::id_padded`] reads sixteen bytes from a key's start.
const PADDING: &str = "\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0";

fn pack(key: &[u8]) -> Option<Packed> {
    let mut b = [0u8; 16];
    b.get_mut(..key.len())?.copy_from_slice(key);
    b[15] = u8::try_from(key.len())
        .ok()
        .filter(|&n| usize::from(n) <= SHORT)?;
    let (lo, hi) = b.split_at(8);
    Some((
        u64::from_le_bytes(lo.try_into().ok()?),
        u64::from_le_bytes(hi.try_into().ok()?),
    ))
}

/// `KEEP_BYTES[n]` keeps the low `n` bytes of a word (a load, not a branch and a shift).
const KEEP_BYTES: [u64; 9] = {
    let mut t = [u64::MAX; 9];
    let mut n = 0;
    while n < 8 {
        t[n] = (1u64 << (8 * n)) - 1;
        n += 1;
    }
    t
};

/// The `len` ≤ [`SHORT`] bytes of `buf` from `start` (which has sixteen bytes from there) as two
/// little-endian words, zero past `len`: two loads and masks instead of a copy.
fn load(buf: &[u8], start: usize, len: usize) -> (u64, u64) {
    debug_assert!(len <= SHORT);
    // One bounds check for the sixteen bytes.
    let w = u128::from_le_bytes(buf[start..start + 16].try_into().unwrap_or_default());
    // Both masks from one entry: no clamp of `len` to each word.
    let (lo, hi) = KEEP_PAIRS[len & SHORT];
    (w as u64 & lo, (w >> 64) as u64 & hi)
}

/// `KEEP_PAIRS[n]` keeps the low `n` ≤ [`SHORT`] bytes of two words, low word first.
const KEEP_PAIRS: [(u64, u64); SHORT + 1] = {
    let mut t = [(0, 0); SHORT + 1];
    let mut n = 0;
    while n <= SHORT {
        t[n] = (
            KEEP_BYTES[if n < 8 { n } else { 8 }],
            KEEP_BYTES[n.saturating_sub(8)],
        );
        n += 1;
    }
    t
};

/// The ids of the [`Packed`] keys: an open-addressing table with linear probing, whose slots
/// hold the key's two words and its id side by side, so that a probe is one multiply, one or
/// two slot loads and two compares (a general hash map hashed, matched control bytes and
/// compared through its bucket layout at every word of the text). An empty slot has `hi == 0`,
/// which no key has (its length is in the top byte). At most three quarters full.
#[derive(Debug, Default)]
struct PackedTable {
    slots: Vec<Slot>,
    /// `64 - log2(slots.len())`: the hash's top bits pick the slot.
    shift: u32,
    len: usize,
}

#[derive(Clone, Copy, Debug, Default)]
struct Slot {
    key: Packed,
    /// A copy of the id's [`Word::flags`] ([`Vocab::sync_flags`]): a probe of the text's words
    /// gets them with the id, without a read of the word.
    flags: u64,
    id: u32,
}

impl PackedTable {
    fn with_capacity(n: usize) -> Self {
        let size = (n.max(8) * 4 / 3 + 1).next_power_of_two();
        PackedTable {
            slots: vec![Slot::default(); size],
            shift: 64 - size.trailing_zeros(),
            len: 0,
        }
    }

    /// The slot where a probe for `(lo, hi)` starts: Fibonacci hashing of both words.
    #[inline(always)]
    fn home(&self, (lo, hi): Packed) -> usize {
        let h = (lo ^ hi.rotate_left(29)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        (h >> self.shift) as usize
    }

    /// The id of `key`, if it has one.
    #[inline(always)]
    fn get(&self, key: Packed) -> Option<u32> {
        self.slot(key).map(|s| s.id)
    }

    /// The slot of `key`, if it has one.
    #[inline(always)]
    fn slot(&self, key: Packed) -> Option<&Slot> {
        if self.slots.is_empty() {
            return None;
        }
        let mask = self.slots.len() - 1;
        let mut i = self.home(key);
        loop {
            let s = &self.slots[i & mask];
            if s.key == key {
                return Some(s);
            }
            if s.key.1 == 0 {
                return None;
            }
            i = (i & mask) + 1;
        }
    }

    /// The id of `key`, inserted with `id` if it has none.
    fn get_or_insert(&mut self, key: Packed, id: u32) -> u32 {
        // Room first (a key already in grows the table a little early), so that one probe
        // finds the key or the empty slot it goes in.
        if (self.len + 1) * 4 > self.slots.len() * 3 {
            let mut bigger = PackedTable::with_capacity((self.len + 1) * 2);
            for s in self.slots.iter().filter(|s| s.key.1 != 0) {
                bigger.put(s.key, s.id);
            }
            *self = bigger;
        }
        let mask = self.slots.len() - 1;
        let mut i = self.home(key) & mask;
        loop {
            let s = &mut self.slots[i];
            if s.key == key {
                return s.id;
            }
            if s.key.1 == 0 {
                *s = Slot { key, id, flags: 0 };
                self.len += 1;
                return id;
            }
            i = (i + 1) & mask;
        }
    }

    /// Puts a key that is not in the table, in a table with room for it.
    fn put(&mut self, key: Packed, id: u32) {
        let mask = self.slots.len() - 1;
        let mut i = self.home(key) & mask;
        while self.slots[i].key.1 != 0 {
            i = (i + 1) & mask;
        }
        self.slots[i] = Slot { key, id, flags: 0 };
        self.len += 1;
    }

    fn iter(&self) -> impl Iterator<Item = (&Packed, &u32)> {
        (self.slots.iter())
            .filter(|s| s.key.1 != 0)
            .map(|s| (&s.key, &s.id))
    }
}

/// See the module documentation. Built once per analyser (shared for the bundled lexicons).
#[derive(Debug, Default)]
pub(crate) struct Vocab {
    /// Ids of the keys of at most [`SHORT`] bytes.
    ids: PackedTable,
    /// Ids of the longer keys.
    long_ids: FxHashMap<Box<str>, u32>,
    words: Vec<Word>,
    phrases: Vec<IdPhrase>,
    /// The [`IdPhrase::second`] of each of [`phrases`](Self::phrases), packed and, within each
    /// word's range, in ascending order (ties in list order): a word's candidates are found by a
    /// binary search here, and only a match is read in full.
    phrase_seconds: Vec<u32>,
    /// The phrase (index into [`phrases`](Self::phrases)) of each of
    /// [`phrase_seconds`](Self::phrase_seconds).
    phrase_index: Vec<u32>,
    affect_phrases: Vec<AffectPhrase>,
    /// [`phrase_seconds`](Self::phrase_seconds) of [`affect_phrases`](Self::affect_phrases).
    affect_seconds: Vec<u32>,
    weights: Vec<Weights>,
}

impl Vocab {
    /// The vocabulary of a valence lexicon and, with emotions on, an emotion lexicon.
    pub fn new(lex: &Lexicon, affect: Option<&AffectLexicon>) -> Vocab {
        Vocab::keys(lex, affect).with_stem_flags(lex, affect)
    }

    /// [`Vocab::new`] but for the flags of unscored words that need the lexicon's stem index
    /// ([`with_stem_flags`](Self::with_stem_flags)): everything else needs neither stem index,
    /// so the first load builds this while another thread builds the valence stem index.
    pub fn keys(lex: &Lexicon, affect: Option<&AffectLexicon>) -> Vocab {
        // Room for every key: the lexicon's words, then phrase words, emotion words and cue
        // words not among them (a few thousand), so that neither table grows while built.
        let room = lex.len() + 4096;
        let mut v = Vocab {
            ids: PackedTable::with_capacity(room),
            words: Vec::with_capacity(room),
            ..Vocab::default()
        };
        for (key, entry) in lex.entries() {
            let id = v.add(key);
            let w = &mut v.words[id as usize];
            w.entry = Some(*entry);
            // A word with a valence entry is stemmed only for the emotion lexicon (and not
            // when it has emotion weights of its own).
            if affect.is_some_and(|a| !a.may_stem(key)) {
                w.flags |= flag::NO_STEM;
            }
        }
        // Ids from here on (`lex.len()`) are of words without a valence entry.
        debug_assert_eq!(v.words.len(), lex.len());
        for list in lex.phrase_lists() {
            let start = v.phrases.len() as u32;
            for p in list {
                let ids: Box<[u32]> = p.keys.iter().map(|k| v.add(k)).collect();
                v.phrases.push(IdPhrase {
                    second: second(&ids),
                    ids,
                    phrase: p.clone(),
                });
            }
            let first = v.phrases[start as usize].ids[0];
            let w = &mut v.words[first as usize];
            w.phrases = (start, v.phrases.len() as u32);
            w.seconds = v.phrases[start as usize..]
                .iter()
                .fold(0, |bits, p| bits | second_bit(p.second));
        }
        if let Some(aff) = affect {
            for (key, w) in aff.words() {
                let id = v.add(key);
                v.words[id as usize].emotion = v.weights.len() as u32;
                v.weights.push(*w);
            }
            for list in aff.phrase_lists() {
                let start = v.affect_phrases.len() as u32;
                for (keys, weights) in list {
                    let ids: Box<[u32]> = keys.iter().map(|k| v.add(k)).collect();
                    v.affect_phrases.push(AffectPhrase {
                        second: second(&ids),
                        ids,
                        weights: *weights,
                    });
                }
                let first = v.affect_phrases[start as usize].ids[0];
                let w = &mut v.words[first as usize];
                w.affect_phrases = (start, v.affect_phrases.len() as u32);
                w.affect_seconds = v.affect_phrases[start as usize..]
                    .iter()
                    .fold(0, |bits, p| bits | second_bit(p.second));
            }
        }
        let lists: [(&[&str], u64); 35] = [
            (&crate::rules::WAIT_CUES, flag::WAIT_CUE),
            (crate::affect::WAIT_WORDS, flag::WAIT_WORD),
            (&crate::rules::LIKE_VERB_AFTER, flag::LIKE_AFTER),
            (&crate::rules::TIME_UNITS, flag::TIME_UNIT),
            (&["a", "an", "another"], flag::DURATION_OPENER),
            (&["again"], flag::AGAIN),
            (&["like"], flag::LIKE),
            (&["for", "since"], flag::WAIT_OPENER),
            (crate::affect::COUNTS, flag::COUNT),
            (&crate::rules::WORK_FORMS, flag::WORK),
            (&["free"], flag::FREE),
            (&["too"], flag::TOO),
            (&crate::rules::NOT_TOO_MUCH, flag::NOT_QUALITY),
            (&["or"], flag::OR),
            (&crate::rules::INTERJECTIONS, flag::INTERJECTION),
            (&crate::rules::DISCOURSE_MARKERS, flag::DISCOURSE),
            (&crate::rules::WH_WORDS, flag::WH),
            (&["than"], flag::THAN),
            (&crate::rules::ARTICLES, flag::ARTICLE),
            (&crate::rules::COULD, flag::COULD),
            (&crate::rules::CONTACT_CUES, flag::CONTACT),
            (&["times", "twice"], flag::REPEAT),
            (&["if"], flag::IF),
            (&["were"], flag::WERE),
            (&crate::rules::UNDONE, flag::UNDONE),
            (&["about", "all"], flag::IRONIC_FRAME),
            (&crate::rules::IMPROVEMENTS, flag::IMPROVEMENT),
            (&crate::rules::COMPARATIVES, flag::COMPARATIVE),
            (&crate::rules::RIVALS, flag::RIVAL),
            (&crate::rules::PRAISE_OPENERS, flag::PRAISE_OPENER),
            (&["until", "then"], flag::UNTIL),
            (&["anti"], flag::ANTI),
            (&crate::rules::PLEASE, flag::PLEASE),
            (&crate::rules::SOONER, flag::SOONER),
            (&crate::rules::APPREHENSIVE, flag::APPREHENSIVE),
        ];
        for (words, bit) in lists {
            for w in words {
                let id = v.add(w);
                v.words[id as usize].flags |= bit;
            }
        }
        // Each word's phrases by second key; a phrase found is the first (longest) in list order
        // among those with the sentence's second key, which this order keeps.
        let mut order: Vec<u32> = (0..v.phrases.len() as u32).collect();
        for w in &v.words {
            let (a, b) = (w.phrases.0 as usize, w.phrases.1 as usize);
            order[a..b].sort_unstable_by_key(|&j| (v.phrases[j as usize].second, j));
        }
        v.phrase_seconds = order
            .iter()
            .map(|&j| v.phrases[j as usize].second)
            .collect();
        v.phrase_index = order;
        v.affect_seconds = v.affect_phrases.iter().map(|p| p.second).collect();
        v
    }

    /// Sets `NO_STEM` and `UNSCORED` on the words of [`Vocab::keys`] that no stem rule can
    /// reach, which `lex`'s stem index (built by now) says.
    pub fn with_stem_flags(mut self, lex: &Lexicon, affect: Option<&AffectLexicon>) -> Vocab {
        // Ids from `lex.len()` on are of words without a valence entry (see `keys`).
        let unscored = lex.len();
        let v = &mut self;
        // Only the words without a valence entry or emotion weights: the few hundred function
        // words of phrases and rule lists, common in text; testing all words would slow the
        // load (words with an entry are told apart by id, so their `Word`s are not even read).
        for (&(lo, hi), &id) in v.ids.iter() {
            if (id as usize) < unscored {
                continue;
            }
            let w = &mut v.words[id as usize];
            if w.emotion != UNKNOWN {
                continue;
            }
            let mut bytes = [0; 16];
            bytes[..8].copy_from_slice(&lo.to_le_bytes());
            bytes[8..].copy_from_slice(&hi.to_le_bytes());
            let key = std::str::from_utf8(&bytes[..usize::from(bytes[15]).min(SHORT)]);
            if key.is_ok_and(|k| !crate::rules::stem_rules_may_apply(k, lex, affect)) {
                w.flags |= flag::NO_STEM;
                if key.is_ok_and(|k| !crate::rules::laughter(k)) {
                    w.flags |= flag::UNSCORED;
                }
            }
        }
        self.sync_flags();
        self
    }

    /// Copies every short key's flags into its slot, once they are all set: the last step of
    /// every vocabulary's build ([`with_stem_flags`](Self::with_stem_flags)).
    fn sync_flags(&mut self) {
        for s in self.ids.slots.iter_mut().filter(|s| s.key.1 != 0) {
            s.flags = self.words[s.id as usize].flags;
        }
    }

    fn add(&mut self, key: &str) -> u32 {
        let id = self.words.len() as u32;
        let packed = pack(key.as_bytes());
        let id = match packed {
            Some(p) => self.ids.get_or_insert(p, id),
            None => *self.long_ids.entry(key.into()).or_insert(id),
        };
        if id as usize == self.words.len() {
            // A short key tested by word operations, as `read` tests a word's bytes.
            let elongated = match packed {
                Some((lo, _)) if key.len() <= 8 => elongated_packed(lo, key.len()),
                Some((lo, hi)) => elongated_wide(lo, hi & !(0xff << 56), key.len()),
                None => has_run(key.as_bytes()),
            };
            self.words.push(Word {
                flags: if elongated { flag::ELONGATED } else { 0 },
                ..Word::default()
            });
        }
        id
    }

    /// The id of the key `buf[start..end]`, where `buf` has at least sixteen bytes from `start`
    /// on: a short key is packed by two word loads and masks instead of a copy.
    fn id_padded(&self, buf: &[u8], start: usize, end: usize) -> u32 {
        let len = end - start;
        if len > SHORT {
            return std::str::from_utf8(&buf[start..end]).map_or(UNKNOWN, |k| self.id(k));
        }
        self.id_packed(load(buf, start, len), len)
    }

    /// The id of the key of `len` ≤ [`SHORT`] bytes whose bytes are `(lo, hi)` (see [`load`]).
    fn id_packed(&self, (lo, hi): (u64, u64), len: usize) -> u32 {
        self.id_flags_packed((lo, hi), len).0
    }

    /// [`id_packed`](Self::id_packed) and the id's flags (0 for [`UNKNOWN`]), both from its slot.
    #[inline(always)]
    fn id_flags_packed(&self, (lo, hi): (u64, u64), len: usize) -> (u32, u64) {
        let packed = (lo, hi | (len as u64) << 56);
        self.ids
            .slot(packed)
            .map_or((UNKNOWN, 0), |s| (s.id, s.flags))
    }

    /// The id of `key`, or [`UNKNOWN`].
    pub fn id(&self, key: &str) -> u32 {
        match pack(key.as_bytes()) {
            Some(p) => self.ids.get(p),
            None => self.long_ids.get(key).copied(),
        }
        .unwrap_or(UNKNOWN)
    }

    /// What the vocabulary knows of id `id` (`None` for [`UNKNOWN`]).
    pub fn word(&self, id: u32) -> Option<&Word> {
        self.words.get(id as usize)
    }

    /// Every key of at most [`SHORT`] bytes with its id.
    #[cfg(test)]
    pub fn short_keys(&self) -> Vec<(String, u32)> {
        (self.ids.iter())
            .map(|(&(lo, hi), &id)| {
                let mut b = [lo.to_le_bytes(), hi.to_le_bytes()].concat();
                b.truncate(usize::from(b[15]));
                (String::from_utf8(b).expect("keys are UTF-8"), id)
            })
            .collect()
    }

    /// The flags of id `id` (0 for [`UNKNOWN`]).
    pub fn flags(&self, id: u32) -> u64 {
        self.word(id).map_or(0, |w| w.flags)
    }

    /// The emotion/signal weights of the word itself.
    pub fn emotion(&self, w: &Word) -> Option<&Weights> {
        self.weights.get(w.emotion as usize)
    }

    /// Valence phrases starting with the word, longest first.
    #[cfg(test)]
    pub fn phrases(&self, w: &Word) -> &[IdPhrase] {
        &self.phrases[w.phrases.0 as usize..w.phrases.1 as usize]
    }

    /// [`phrases`](Self::phrases), or none when no phrase has `next` for its second key: one bit
    /// rules out the phrases of most words before they are compared one by one.
    #[cfg(test)]
    pub fn phrases_before(&self, w: &Word, next: u32) -> &[IdPhrase] {
        if w.seconds & second_bit(next) == 0 {
            return &[];
        }
        self.phrases(w)
    }

    /// Whether no valence or emotion phrase starting with the word has `next` for its second
    /// key (the tests of [`phrases_before`](Self::phrases_before) and
    /// [`affect_phrases_before`](Self::affect_phrases_before) at once).
    pub fn no_phrase_before(&self, w: &Word, next: u32) -> bool {
        (w.seconds | w.affect_seconds) & second_bit(next) == 0
    }

    /// The first (longest) valence phrase starting with the word at token `i` whose keys the
    /// tokens from `i` on carry: what `phrases_before(w, keys.next_id(i))` finds with
    /// [`SentenceKeys::starts_phrase`], by a binary search of the word's sorted second keys.
    #[inline(always)]
    pub fn phrase_at(&self, w: &Word, keys: &SentenceKeys, i: usize) -> Option<&IdPhrase> {
        let next = keys.next_id(i);
        if w.seconds & second_bit(next) == 0 {
            return None;
        }
        let (a, b) = (w.phrases.0 as usize, w.phrases.1 as usize);
        let seconds = &self.phrase_seconds[a..b];
        let index = &self.phrase_index[a..b];
        let mut j = seconds.partition_point(|&s| s < next);
        while j < seconds.len() && seconds[j] == next {
            let p = &self.phrases[index[j] as usize];
            if keys.starts_phrase(i, next, &p.ids) {
                return Some(p);
            }
            j += 1;
        }
        None
    }

    /// [`phrase_at`](Self::phrase_at) of the emotion phrases.
    #[inline(always)]
    pub fn affect_phrase_at(
        &self,
        w: &Word,
        keys: &SentenceKeys,
        i: usize,
    ) -> Option<&AffectPhrase> {
        let next = keys.next_id(i);
        if w.affect_seconds & second_bit(next) == 0 {
            return None;
        }
        let (a, b) = (w.affect_phrases.0 as usize, w.affect_phrases.1 as usize);
        let j = first_at(&self.affect_seconds[a..b], next, |j| {
            keys.starts_phrase(i, next, &self.affect_phrases[a + j].ids)
        })?;
        Some(&self.affect_phrases[a + j])
    }

    /// Emotion phrases starting with the word, longest first.
    #[cfg(test)]
    pub fn affect_phrases(&self, w: &Word) -> &[AffectPhrase] {
        &self.affect_phrases[w.affect_phrases.0 as usize..w.affect_phrases.1 as usize]
    }

    /// [`affect_phrases`](Self::affect_phrases), or none when no phrase has `next` for its
    /// second key (see [`phrases_before`](Self::phrases_before)).
    #[cfg(test)]
    pub fn affect_phrases_before(&self, w: &Word, next: u32) -> &[AffectPhrase] {
        if w.affect_seconds & second_bit(next) == 0 {
            return &[];
        }
        self.affect_phrases(w)
    }
}

/// The first index `j` with `seconds[j] == next` for which `matches(j)`.
#[inline(always)]
fn first_at(seconds: &[u32], next: u32, matches: impl Fn(usize) -> bool) -> Option<usize> {
    (seconds.iter().enumerate()).find_map(|(j, &s)| (s == next && matches(j)).then_some(j))
}

static BUILTIN: OnceLock<Arc<Vocab>> = OnceLock::new();
static BUILTIN_VALENCE: LazyLock<Arc<Vocab>> =
    LazyLock::new(|| Arc::new(Vocab::new(&super::builtin(), None)));

/// The vocabulary of the bundled lexicons, with or without the emotion lexicon, built on first
/// use and shared afterwards.
pub(crate) fn builtin(emotions: bool) -> Arc<Vocab> {
    if !emotions {
        return Arc::clone(&BUILTIN_VALENCE);
    }
    Arc::clone(BUILTIN.get_or_init(|| {
        Arc::new(Vocab::new(
            &super::builtin(),
            Some(&crate::affect::builtin()),
        ))
    }))
}

/// Shares `vocab`, the vocabulary of the bundled lexicons with emotions, built along with them
/// (`lexicon::load_both`). A copy built meanwhile by another thread is kept: either will do.
pub(crate) fn set_builtin(vocab: Vocab) {
    let _ = BUILTIN.set(Arc::new(vocab));
}

/// One token's key: a span of [`SentenceKeys`]' buffer, its shape and its vocabulary id.
#[derive(Clone, Copy, Debug)]
struct Keyed {
    start: usize,
    end: usize,
    id: u32,
    shape: WordShape,
    /// The key is ASCII lower-case letters only (what the stemmer takes).
    lower: bool,
}

/// The [`Keyed`] of a token that is no word: an empty key, [`UNKNOWN`].
const NO_KEY: Keyed = Keyed {
    start: 0,
    end: 0,
    id: UNKNOWN,
    shape: WordShape {
        caps: false,
        elongated: false,
    },
    lower: false,
};

/// The keys of a sentence's tokens, computed once and read by every rule (the phrase matchers
/// look ahead, the cue rules look around). Tokens other than words and numbers get an empty key
/// and [`UNKNOWN`].
#[derive(Default)]
pub(crate) struct SentenceKeys {
    buf: String,
    keyed: Vec<Keyed>,
    /// The union of the flags of the sentence's words.
    seen: u64,
    /// See [`scorable`](Self::scorable): counted here, where each token's kind is read anyway.
    scorable: usize,
}

impl SentenceKeys {
    /// Reads the keys of `tokens` (spans into `doc`). Out of line: `find_items` spilled its
    /// registers around the inlined loop.
    #[inline(never)]
    pub fn read(&mut self, doc: &str, tokens: &[Token], vocab: &Vocab) {
        self.buf.clear();
        self.seen = 0;
        self.scorable = 0;
        // The sentence's text goes first into the buffer, in one copy, with padding so that
        // every key in it has sixteen bytes after its start to pack from: a word whose key is
        // the word itself (most words) is keyed by its span there; other keys are appended.
        let base = tokens.first().map_or(0, |t| t.start);
        self.buf
            .push_str(&doc[base..tokens.last().map_or(base, |t| t.end)]);
        self.buf.push_str(PADDING);
        // Spans of whole tokens are byte ranges on character boundaries: bytes spare the
        // boundary checks of `str` slicing.
        let bytes = doc.as_bytes();
        // Written in place, every entry (not filled first: most tokens are words).
        self.keyed.resize(tokens.len(), NO_KEY);
        for (t, k) in tokens.iter().zip(&mut self.keyed) {
            if matches!(t.kind, TokenKind::Word | TokenKind::Number) {
                // The tokenizer marked the words before an `is_nt` word.
                let before_nt = t.before_nt;
                let (start, len) = (t.start - base, t.end - t.start);
                // A capitalised word ("The", "Great") is keyed in place too, its first letter
                // lowered in the buffer: its key is then the plain word that the shape check
                // below accepts ("Nt" and a word before "n't" go to `push_key`, from `doc`).
                // A short word's bytes, loaded once for its capital, its shape and its id.
                let mut short = (len <= SHORT).then(|| load(self.buf.as_bytes(), start, len));
                let first =
                    short.map_or_else(|| bytes.get(t.start).copied(), |(lo, _)| Some(lo as u8));
                let capital = !before_nt && first.is_some_and(|b| b.is_ascii_uppercase());
                if capital {
                    self.buf[start..start + 1].make_ascii_lowercase();
                    // The loaded copy too: ASCII upper-case to lower-case is one bit.
                    short = short.map(|(lo, hi)| (lo | 0x20, hi));
                }
                if let Some((lo, hi)) = short.filter(|&(lo, hi)| {
                    if len <= 8 {
                        is_plain_packed(lo, len, before_nt)
                    } else {
                        is_plain_wide(lo, hi, len, before_nt)
                    }
                }) {
                    // A plain word: its key is its span here. Its elongation is its key's,
                    // which the vocabulary has for the words it knows.
                    let (id, flags) = vocab.id_flags_packed((lo, hi), len);
                    let mut elongated = if id != UNKNOWN {
                        flags & flag::ELONGATED != 0
                    } else if len <= 8 {
                        elongated_packed(lo, len)
                    } else {
                        elongated_wide(lo, hi, len)
                    };
                    // Elongation is of the word as written: "Sssorry" is not "sssorry".
                    if capital && elongated {
                        elongated = has_run(&bytes[t.start..t.end]);
                    }
                    k.shape = WordShape {
                        caps: false,
                        elongated,
                    };
                    (k.start, k.end, k.id, k.lower) = (start, start + len, id, true);
                    self.seen |= flags;
                    self.scorable += 1;
                    continue;
                }
                // A long word may be plain too; a short one here is not.
                let shape = short.map_or_else(
                    || plain_shape(&self.buf.as_bytes()[start..start + len], before_nt),
                    |_| None,
                );
                if let Some(mut shape) = shape {
                    // Elongation is of the word as written: "Sssorry" is not "sssorry".
                    if capital && shape.elongated {
                        shape.elongated = has_run(&bytes[t.start..t.end]);
                    }
                    (k.start, k.end, k.shape) = (start, start + len, shape);
                    k.lower = true;
                    k.id = vocab.id_padded(self.buf.as_bytes(), k.start, k.end);
                } else {
                    k.start = self.buf.len();
                    k.shape = push_key(t.text(doc), before_nt, &mut self.buf);
                    k.end = self.buf.len();
                    k.lower = self.buf.as_bytes()[k.start..]
                        .iter()
                        .all(u8::is_ascii_lowercase);
                    // Padded while it is probed; the next key overwrites the padding.
                    self.buf.push_str(PADDING);
                    k.id = vocab.id_padded(self.buf.as_bytes(), k.start, k.end);
                    self.buf.truncate(k.end);
                }
                self.seen |= vocab.flags(k.id);
                self.scorable += 1;
            } else {
                *k = NO_KEY;
                if matches!(t.kind, TokenKind::Emoji | TokenKind::Emoticon) {
                    self.scorable += 1;
                }
            }
        }
    }

    /// How many tokens may score: words, numbers, emoticons and emoji.
    pub fn scorable(&self) -> usize {
        self.scorable
    }

    /// Whether each of the flags `bits` is on some word of the sentence: rare rules ask it
    /// before looking for their cue words.
    pub fn seen(&self, bits: u64) -> bool {
        self.seen & bits == bits
    }

    /// The key of token `i`.
    pub fn key(&self, i: usize) -> &str {
        let k = &self.keyed[i];
        &self.buf[k.start..k.end]
    }

    pub fn id(&self, i: usize) -> u32 {
        self.keyed[i].id
    }

    /// The id of token `i + 1`, [`UNKNOWN`] after the last.
    pub fn next_id(&self, i: usize) -> u32 {
        self.keyed.get(i + 1).map_or(UNKNOWN, |k| k.id)
    }

    /// Whether the key of token `i` is ASCII lower-case letters only.
    pub fn is_lower(&self, i: usize) -> bool {
        self.keyed[i].lower
    }

    pub fn shape(&self, i: usize) -> WordShape {
        self.keyed[i].shape
    }

    /// Whether the tokens from `i` on carry the keys `ids` of a phrase whose first key is known
    /// to match and whose second is `second`: that one is compared first.
    pub fn starts_phrase(&self, i: usize, second: u32, ids: &[u32]) -> bool {
        self.keyed.get(i + 1).is_some_and(|k| k.id == second) && self.starts_with(i, ids)
    }

    /// Whether the tokens from `i` on carry the keys `ids` (a phrase starting at `i`, whose first
    /// key is known to match).
    pub fn starts_with(&self, i: usize, ids: &[u32]) -> bool {
        self.keyed
            .get(i + 1..i + ids.len())
            .is_some_and(|ks| ks.iter().zip(&ids[1..]).all(|(k, id)| k.id == *id))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The vocabulary answers exactly what the lexicons it was built from answer.
    #[test]
    fn vocabulary_agrees_with_its_lexicons() {
        let lex = crate::lexicon::builtin();
        let aff = crate::affect::builtin();
        let v = Vocab::new(&lex, Some(&aff));
        let mut key_of = vec![String::new(); v.words.len()];
        for (&(lo, hi), &id) in v.ids.iter() {
            let mut b = [lo.to_le_bytes(), hi.to_le_bytes()].concat();
            b.truncate(usize::from(b[15]));
            key_of[id as usize] = String::from_utf8(b).expect("keys are UTF-8");
        }
        for (k, &id) in &v.long_ids {
            key_of[id as usize] = k.to_string();
        }
        assert!(key_of.iter().all(|k| !k.is_empty()), "every id has its key");
        let slots = v.ids.slots.iter().filter(|s| s.key.1 != 0);
        for s in slots {
            assert_eq!(
                s.flags, v.words[s.id as usize].flags,
                "{}",
                key_of[s.id as usize]
            );
        }
        for (id, k) in key_of.iter().enumerate() {
            let flagged = v.flags(id as u32) & flag::ELONGATED != 0;
            assert_eq!(flagged, has_run(k.as_bytes()), "{k}");
        }
        assert!(v.long_ids.keys().all(|k| k.len() > SHORT));
        for (key, entry) in lex.entries() {
            let w = v.word(v.id(key)).expect("every lexicon word has an id");
            assert_eq!(w.entry, Some(*entry), "{key}");
        }
        for (key, weights) in aff.words() {
            let w = v.word(v.id(key)).expect("every emotion word has an id");
            assert_eq!(v.emotion(w), Some(weights), "{key}");
        }
        for list in lex.phrase_lists() {
            let first = v.word(v.id(&list[0].keys[0])).expect("phrase start");
            let found = v.phrases(first);
            assert_eq!(found.len(), list.len());
            for (p, q) in list.iter().zip(found) {
                let keys: Vec<&str> = q.ids.iter().map(|&id| &*key_of[id as usize]).collect();
                let expected: Vec<&str> = p.keys.iter().map(|k| &**k).collect();
                assert_eq!(keys, expected, "ids spell the phrase, longest first");
                assert_eq!(v.phrases_before(first, q.second).len(), found.len());
            }
        }
        for list in aff.phrase_lists() {
            let list: Vec<_> = list.collect();
            let first = v.word(v.id(&list[0].0[0])).expect("phrase start");
            assert_eq!(v.affect_phrases(first).len(), list.len());
            for p in v.affect_phrases(first) {
                assert_eq!(v.affect_phrases_before(first, p.second).len(), list.len());
            }
        }
        assert_eq!(v.id("zzzz-not-a-word"), UNKNOWN);
        assert!(v.flags(v.id("weeks")) & flag::TIME_UNIT != 0);
        assert!(v.flags(v.id("since")) & flag::WAIT_OPENER != 0);
        assert_eq!(v.flags(v.id("weekly")) & flag::TIME_UNIT, 0);
        assert!(v.flags(v.id("or")) & flag::OR != 0);
        assert!(v.flags(v.id("wow")) & flag::INTERJECTION != 0);
        assert!(v.flags(v.id("well")) & flag::DISCOURSE != 0);
    }

    /// `doc` tokenised and its keys read with the bundled valence vocabulary.
    fn read(doc: &str) -> (Vocab, Vec<Token>, SentenceKeys) {
        let v = Vocab::new(&crate::lexicon::builtin(), None);
        let mut tokens = Vec::new();
        crate::tokenize::tokenize(doc, 0, &|_| false, &mut tokens);
        let mut keys = SentenceKeys::default();
        keys.read(doc, &tokens, &v);
        (v, tokens, keys)
    }

    #[test]
    fn phrases_match_only_whole_word_runs() {
        let (v, _, keys) = read("it does not work, does not! work");
        let ids: Vec<u32> = ["does", "not", "work"].iter().map(|k| v.id(k)).collect();
        assert!(ids.iter().all(|&id| id != UNKNOWN));
        assert!(keys.starts_with(1, &ids), "\"does not work\" from token 1");
        // "does not ! work": punctuation breaks the run.
        assert!(!keys.starts_with(5, &ids));
        assert_eq!(keys.key(2), "not");
    }

    /// Keys read in place, appended, packed from the padded buffer: each token's key, id and
    /// "lower-case letters only" agree with the key computed on its own.
    #[test]
    fn sentence_keys_agree_with_word_keys() {
        let doc = "The Staff DIDN'T help, don 't care; it's sooo GOOD x2 and disappointingly                    overcomplicated-ish Café 40min";
        let (v, tokens, keys) = read(doc);
        let mut key = String::new();
        for (i, t) in tokens.iter().enumerate() {
            if !matches!(t.kind, TokenKind::Word | TokenKind::Number) {
                continue;
            }
            let before_nt = tokens.get(i + 1).is_some_and(|n| {
                n.kind == TokenKind::Word && super::super::is_nt(n.text(doc).as_bytes())
            });
            let shape = crate::normalize::word_key(t.text(doc), before_nt, &mut key);
            assert_eq!((keys.key(i), keys.shape(i)), (key.as_str(), shape), "{t:?}");
            assert_eq!(keys.id(i), v.id(&key), "{key}");
            assert_eq!(
                keys.is_lower(i),
                key.bytes().all(|b| b.is_ascii_lowercase()),
                "{key}"
            );
        }
    }

    /// The packed scan of second keys finds the phrase the full scan of the word's phrases
    /// finds, at every token (phrases at the sentence's end and before punctuation too).
    #[test]
    fn phrase_scan_agrees_with_the_phrase_list() {
        let lex = crate::lexicon::builtin();
        let aff = crate::affect::builtin();
        let v = Vocab::new(&lex, Some(&aff));
        let docs = [
            "it does not work at all, not bad, not good! no doubt I will not recommend it",
            "I can't stop laughing, a waste of time and money, not worth it, not",
            "would not hesitate to recommend; would be nice to have, let you down. never again",
            "out of stock thank you so much at all no",
        ];
        let mut found = 0;
        for doc in docs {
            let mut tokens = Vec::new();
            crate::tokenize::tokenize(doc, 0, &|_| false, &mut tokens);
            let mut keys = SentenceKeys::default();
            keys.read(doc, &tokens, &v);
            for i in 0..tokens.len() {
                let Some(w) = v.word(keys.id(i)) else {
                    continue;
                };
                let full = (v.phrases_before(w, keys.next_id(i)).iter())
                    .find(|p| keys.starts_phrase(i, p.second, &p.ids));
                let packed = v.phrase_at(w, &keys, i);
                assert_eq!(full.map(|p| p as *const _), packed.map(|p| p as *const _));
                found += usize::from(packed.is_some());
                let full = (v.affect_phrases_before(w, keys.next_id(i)).iter())
                    .find(|p| keys.starts_phrase(i, p.second, &p.ids));
                let packed = v.affect_phrase_at(w, &keys, i);
                assert_eq!(full.map(|p| p as *const _), packed.map(|p| p as *const _));
                found += usize::from(packed.is_some());
            }
        }
        assert!(found >= 8, "the documents hold phrases ({found})");
    }
}
