//! The lexicon: every term the scorer knows, keyed by its normal form.
//!
//! One hash map holds single-token terms (words, emoticons, emoji) with their valence and their
//! role (plain sentiment, booster/dampener, negator, contrast), so each token costs one lookup.
//! Multi-word terms are indexed by their first key and matched on the token sequence. A second map
//! goes from English stem to entry for the stem fallback.

mod builtin;
pub(crate) mod parse;
pub(crate) mod stem_filter;
pub(crate) mod vocab;

use std::borrow::Cow;

use rustc_hash::{FxHashMap, FxHashSet};

use crate::error::Error;
use crate::normalize::{emoji_key, is_emoticon_like, word_key};
use crate::tokenize::{BARE_CONTRACTIONS, TokenKind, segment};

pub(crate) use builtin::{
    VADER, VADER_EMOJI, builtin, insert_builtin_modifiers, load_both, load_parallel,
};

/// Which lexicon a matched term came from, as shown in explanations.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "lowercase"))]
#[non_exhaustive]
pub enum Source {
    /// Added through [`AnalyzerBuilder`](crate::AnalyzerBuilder).
    User,
    /// `lexicons/en/customer.tsv`: review and support vocabulary curated for this crate.
    Customer,
    /// `lexicons/en/middling.tsv`: a middling verdict ("mixed feelings", "three stars",
    /// "nothing special"): a document that states one is neither praise nor complaint, so its
    /// praise weighs little.
    Middling,
    /// `lexicons/en/phatic.tsv`: greetings, closings and courtesy formulas ("Best regards"),
    /// which count only in a message that says nothing else.
    Phatic,
    /// `lexicons/en/emoji.tsv`.
    Emoji,
    /// `lexicons/en/vader.tsv`: the VADER 3.3.2 lexicon.
    Vader,
    /// `lexicons/en/afinn.tsv`: AFINN-165 terms VADER lacks, rescaled.
    Afinn,
    /// Modifier lists (`boosters.tsv`, `negators.tsv`, `contrast.tsv`) and punctuation rules.
    Rule,
}

/// How a contrastive conjunction splits a sentence.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Contrast {
    /// `but`, `however`: what follows weighs more, what precedes less.
    But,
    /// `although`, `even though`: the clause it opens (up to a comma) weighs less.
    Although,
}

/// What a term does besides (or instead of) carrying valence.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Role {
    Valence,
    /// Scales the next sentiment term: positive intensifies, negative dampens.
    Booster(f32),
    Negator,
    Contrast(Contrast),
}

/// A lexicon entry. A modifier may carry its own valence too ("pretty", "no"): it counts only
/// when the word modifies nothing.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Entry {
    pub valence: f32,
    pub role: Role,
    pub source: Source,
}

/// A key as the lexicon stores it: borrowed from the bundled files (or `build.rs`'s stem
/// table) when the key is the term as written, as for most bundled terms, so that loading
/// them allocates nothing per term; owned otherwise (a user's terms, keys the normaliser
/// rewrote).
pub(crate) type Key = Cow<'static, str>;

/// A multi-word term: all its keys, first one included.
#[derive(Clone, Debug)]
pub(crate) struct Phrase {
    pub keys: std::sync::Arc<[Key]>,
    pub entry: Entry,
}

/// The lexicon. Built once and shared behind an `Arc`.
#[derive(Clone, Default)]
pub(crate) struct Lexicon {
    words: FxHashMap<Key, Entry>,
    /// First key → phrases starting with it, longest first.
    phrases: FxHashMap<Key, Vec<Phrase>>,
    emoticons: FxHashSet<Key>,
    /// English stem → (entry, the lexicon word it stands for).
    stems: FxHashMap<Key, (Entry, Key)>,
    /// Skips stemming words whose stem cannot be in `stems`.
    stem_filter: stem_filter::StemFilter,
}

impl std::fmt::Debug for Lexicon {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Lexicon")
            .field("words", &self.words.len())
            .field(
                "phrases",
                &self.phrases.values().map(Vec::len).sum::<usize>(),
            )
            .field("stems", &self.stems.len())
            .finish()
    }
}

/// Stems shorter than this never match: short stems merge unrelated words ("likely" → "like").
pub(crate) const MIN_STEM_LEN: usize = 5;

/// Endings of a lexicon word after its stem, besides the text-side stem endings, that keep it
/// in the stem index: none ("disappoint") and a dropped final e ("rude" → "rud").
const INDEXED_ENDINGS: [&str; 2] = ["", "e"];

/// Valence bounds of every valence file (VADER's scale).
pub(crate) const VALENCE_RANGE: (f32, f32) = (-4.0, 4.0);
/// Bounds of booster scalars.
pub(crate) const BOOSTER_RANGE: (f32, f32) = (-1.0, 1.0);

impl Lexicon {
    /// An empty lexicon with room for `words` single-token terms (saves rehashing at load).
    pub fn with_capacity(words: usize) -> Self {
        Lexicon {
            words: FxHashMap::with_capacity_and_hasher(words, Default::default()),
            ..Lexicon::default()
        }
    }

    /// Number of single-token terms.
    pub fn len(&self) -> usize {
        self.words.len()
    }

    pub fn word(&self, key: &str) -> Option<&Entry> {
        self.words.get(key)
    }

    /// The term `key` as the lexicon spells it, with its entry.
    pub fn term(&self, key: &str) -> Option<(&str, &Entry)> {
        self.words.get_key_value(key).map(|(k, e)| (&**k, e))
    }

    /// The entry standing for the stem of `word`, if the lexicon word it comes from is no
    /// longer than `word` (see [`stands_for`]).
    pub fn stem(&self, stem: &str, word: &str) -> Option<&(Entry, Key)> {
        self.stems
            .get(stem)
            .filter(|(_, rep)| rep.len() <= word.len())
    }

    /// Whether the stem of `word` (ASCII lower-case) may be in the stem index: when not, the
    /// stemmer need not run.
    #[inline(always)]
    pub fn may_stem(&self, word: &str) -> bool {
        self.stem_filter.may_match(word)
    }

    /// Every single-token term and its entry.
    pub fn entries(&self) -> impl Iterator<Item = (&str, &Entry)> {
        self.words.iter().map(|(k, e)| (&**k, e))
    }

    /// The phrase lists, one per first key, each longest first.
    pub fn phrase_lists(&self) -> impl Iterator<Item = &[Phrase]> {
        self.phrases.values().map(Vec::as_slice)
    }

    /// Phrases starting with `first`, longest first.
    #[cfg(test)]
    pub fn phrases(&self, first: &str) -> &[Phrase] {
        self.phrases.get(first).map_or(&[], Vec::as_slice)
    }

    pub fn is_emoticon(&self, lower: &str) -> bool {
        self.emoticons.contains(lower)
    }

    /// Adds or overrides a term. A valence replaces an existing one and keeps its role; a
    /// role replaces an existing role and keeps its valence.
    pub fn insert(&mut self, term: &str, valence: Option<f32>, role: Option<Role>, source: Source) {
        self.insert_keys(term_keys(term).into_owned(), valence, role, source);
    }

    /// [`Lexicon::insert`] for a term of a bundled file, whose keys may borrow it.
    pub(crate) fn insert_static(
        &mut self,
        term: &'static str,
        valence: Option<f32>,
        role: Option<Role>,
        source: Source,
    ) {
        self.insert_keys(term_keys(term), valence, role, source);
    }

    /// [`Lexicon::insert`] for a term already keyed by [`term_keys`].
    fn insert_keys(
        &mut self,
        keys: TermKeys<'static>,
        valence: Option<f32>,
        role: Option<Role>,
        source: Source,
    ) {
        let merge = |old: Option<Entry>| -> Entry {
            let mut e = old.unwrap_or(Entry {
                valence: 0.0,
                role: Role::Valence,
                source,
            });
            if let Some(v) = valence {
                e.valence = v;
                e.source = source;
            }
            if let Some(r) = role {
                e.role = r;
                if valence.is_none() && e.valence == 0.0 {
                    e.source = source;
                }
            }
            e
        };
        match keys {
            TermKeys::Single(key, emoticon) => {
                if emoticon {
                    self.emoticons.insert(key.clone());
                }
                match self.words.entry(key) {
                    std::collections::hash_map::Entry::Occupied(mut o) => {
                        let e = merge(Some(*o.get()));
                        o.insert(e);
                    }
                    std::collections::hash_map::Entry::Vacant(v) => {
                        v.insert(merge(None));
                    }
                }
            }
            TermKeys::Phrase(keys) => {
                // "could have done better" also matches "could've done better", whose clitic
                // the normaliser drops, and "couldve done better", typed without apostrophe.
                // Only before a participle: "a must have" is a noun.
                if let Some(i) = keys
                    .windows(2)
                    .position(|w| MODALS.contains(&&*w[0]) && w[1] == "have")
                    .filter(|&i| i + 2 < keys.len())
                {
                    let mut twin = keys.clone();
                    twin.remove(i + 1);
                    let mut typed = twin.clone();
                    typed[i].to_mut().push_str("ve");
                    self.insert_keys(TermKeys::Phrase(twin), valence, role, source);
                    self.insert_keys(TermKeys::Phrase(typed), valence, role, source);
                }
                let list = self.phrases.entry(keys[0].clone()).or_default();
                let keys: std::sync::Arc<[Key]> = keys.into();
                match list.iter_mut().find(|p| p.keys == keys) {
                    Some(p) => p.entry = merge(Some(p.entry)),
                    None => list.push(Phrase {
                        keys,
                        entry: merge(None),
                    }),
                }
            }
            TermKeys::Empty => {}
        }
    }

    /// Adds every row of a two-column valence file.
    pub fn insert_valence_tsv(&mut self, text: &str, source: Source) -> Result<(), Error> {
        let rows = keyed_valence_rows(text)?;
        for (keys, v) in rows {
            self.insert_keys(keys.into_owned(), Some(v), None, source);
        }
        Ok(())
    }

    /// Inserts the rows of a valence file keyed by [`keyed_valence_rows`].
    pub(crate) fn insert_keyed(&mut self, rows: Vec<(TermKeys<'static>, f32)>, source: Source) {
        for (keys, v) in rows {
            self.insert_keys(keys, Some(v), None, source);
        }
    }

    /// Finishes loading: orders phrases longest first and rebuilds the stem index.
    pub fn finish(&mut self) {
        self.sort_phrases();
        let index = self.stem_index();
        self.set_stem_index(index);
    }

    /// Adds the possessive twins of the phrases ([`possessive_twins`]), then orders every
    /// phrase list longest first.
    pub(crate) fn sort_phrases(&mut self) {
        add_possessive_twins(
            &mut self.phrases,
            |p| &p.keys,
            |p, keys| Phrase {
                keys: keys.into(),
                entry: p.entry,
            },
        );
        for list in self.phrases.values_mut() {
            longest_first(list, |p| &p.keys);
        }
    }

    /// The stem index of the words (built apart from [`set_stem_index`](Self::set_stem_index),
    /// so that the first load builds it on one thread while the vocabulary is built on another).
    pub(crate) fn stem_index(&self) -> StemIndex {
        let stemmer = rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::English);
        // Stem → the word standing for its group, chosen by a total order on the members so
        // that hash iteration order never matters.
        let mut groups: FxHashMap<Key, (Entry, Key)> =
            FxHashMap::with_capacity_and_hasher(self.words.len() / 2, Default::default());
        for (key, e) in &self.words {
            // A stem is never longer than its word: shorter words cannot give an indexed stem.
            if e.role == Role::Valence
                && e.valence != 0.0
                && key.len() >= MIN_STEM_LEN
                && key.chars().all(char::is_alphabetic)
            {
                let stem = crate::stem::lexicon_stem(&stemmer, key);
                // The lexicon word must be an inflection of the stem too: "wonderful" (-ful)
                // must not stand for "wondering", nor "careful" for "caring".
                let derived = key.strip_prefix(stem.as_ref()).is_some_and(|end| {
                    !INDEXED_ENDINGS.contains(&end) && !crate::rules::STEM_ENDINGS.contains(&end)
                });
                if stem.len() < MIN_STEM_LEN || derived {
                    continue;
                }
                match groups.entry(stem) {
                    std::collections::hash_map::Entry::Vacant(v) => {
                        v.insert((*e, key.clone()));
                    }
                    std::collections::hash_map::Entry::Occupied(mut o) => {
                        if stands_for(o.key(), key, &o.get().1) {
                            o.insert((*e, key.clone()));
                        }
                    }
                }
            }
        }
        let filter = stem_filter::StemFilter::new(
            groups.iter().map(|(stem, (_, word))| (&**stem, word.len())),
        );
        StemIndex {
            stems: groups,
            filter,
        }
    }

    /// Puts in the stem index built by [`stem_index`](Self::stem_index).
    pub(crate) fn set_stem_index(&mut self, index: StemIndex) {
        self.stems = index.stems;
        self.stem_filter = index.filter;
    }
}

/// A lexicon's stem index and its filter ([`Lexicon::stem_index`]).
pub(crate) struct StemIndex {
    stems: FxHashMap<Key, (Entry, Key)>,
    filter: stem_filter::StemFilter,
}

/// The possessive determiners a phrase's "my" stands for: the experiencer of "made my day",
/// "wasted my time" or "exceeded my expectations" may be anyone ("made her day", "wasted our
/// time"), and the lexicons list the first person only.
const POSSESSIVES: [&str; 5] = ["our", "your", "his", "her", "their"];

/// The phrases a phrase with "my" also stands for: its first "my" replaced by each of
/// [`POSSESSIVES`] (none for a phrase without "my"). A twin the files list themselves keeps
/// its own entry ("lost our" is a negator as "lost my" is, but listed).
fn possessive_twins(keys: &[Key]) -> impl Iterator<Item = Vec<Key>> + '_ {
    let at = keys.iter().position(|k| k.as_bytes() == b"my");
    at.into_iter().flat_map(move |at| {
        POSSESSIVES.iter().map(move |&p| {
            let mut twin = keys.to_vec();
            twin[at] = Cow::Borrowed(p);
            twin
        })
    })
}

/// Adds to a phrase index (first key → phrases) the [`possessive_twins`] of its phrases, made by
/// `twin` from the phrase and the twin's keys, unless the index has them already.
pub(crate) fn add_possessive_twins<P>(
    phrases: &mut FxHashMap<Key, Vec<P>>,
    keys: impl Fn(&P) -> &[Key],
    twin: impl Fn(&P, Vec<Key>) -> P,
) {
    let mut twins = Vec::new();
    for p in phrases.values().flatten() {
        twins.extend(possessive_twins(keys(p)).map(|k| twin(p, k)));
    }
    for t in twins {
        let list = phrases.entry(keys(&t)[0].clone()).or_default();
        if !list.iter().any(|p| keys(p) == keys(&t)) {
            list.push(t);
        }
    }
}

/// Orders phrases that share a first key longest first (ties in key order), so the first match
/// is the longest: used by every phrase index.
pub(crate) fn longest_first<T, K: Ord>(list: &mut [T], keys: impl Fn(&T) -> &[K]) {
    list.sort_by(|a, b| {
        let (a, b) = (keys(a), keys(b));
        b.len().cmp(&a.len()).then_with(|| a.cmp(b))
    });
}

/// Several lexicon words may share a stem ("disappointed", "disappointing"). The word that *is*
/// the stem stands for the group; otherwise its shortest member (ties in byte order): this says
/// whether `a` comes before `b` in that order. The lookup then only accepts it for a word at
/// least as long: longer derived forms keep their root's sentiment ("disappointingly" ←
/// "disappoint"), shorter ones often do not ("appeal" ↛ "appealing", "expert" ↛ "expertly").
fn stands_for(stem: &str, a: &str, b: &str) -> bool {
    let rank = |w: &str| (w != stem, w.len());
    (rank(a), a) < (rank(b), b)
}

/// A valence file's rows with their terms keyed: what [`Lexicon::insert_valence_tsv`] inserts.
/// Keying is most of the work of loading and needs no lexicon, so the bundled files are keyed
/// on two threads (`builtin::load_parallel`).
pub(crate) fn keyed_valence_rows(text: &str) -> Result<Vec<(TermKeys<'_>, f32)>, Error> {
    let parsed = parse::rows(text, 2)?;
    let mut rows = Vec::with_capacity(parsed.len());
    for row in parsed {
        let v = row.number(VALENCE_RANGE.0, VALENCE_RANGE.1)?;
        rows.push((term_keys(row.term), v));
    }
    Ok(rows)
}

/// A term's keys, borrowed from the term where they are its own words.
#[derive(PartialEq, Debug)]
pub(crate) enum TermKeys<'a> {
    Empty,
    /// Key, and whether the term is an emoticon.
    Single(Cow<'a, str>, bool),
    Phrase(Vec<Cow<'a, str>>),
}

impl TermKeys<'_> {
    /// The same keys, owned.
    pub fn into_owned(self) -> TermKeys<'static> {
        let own = |k: Cow<'_, str>| Cow::Owned(k.into_owned());
        match self {
            TermKeys::Empty => TermKeys::Empty,
            TermKeys::Single(k, emoticon) => TermKeys::Single(own(k), emoticon),
            TermKeys::Phrase(keys) => TermKeys::Phrase(keys.into_iter().map(own).collect()),
        }
    }
}

/// Whether `word` (one space-free piece of a term) is its own key: lower-case ASCII letters
/// that the tokenizer keeps whole (not "cannot" or a bare contraction such as "dont", which it
/// splits) and that the normaliser leaves alone (not a bare "nt", keyed "not"). Such a word is
/// one token, never a clitic, so it also leaves the key of the word before it alone.
fn is_own_key(word: &str) -> bool {
    !word.is_empty()
        && word.bytes().all(|b| b.is_ascii_lowercase())
        && word != "cannot"
        && !(word.ends_with("nt") && (word == "nt" || BARE_CONTRACTIONS.contains(&word)))
}

/// Modals whose "have" is often written as a clitic ("should've"), which the key drops.
const MODALS: [&str; 5] = ["could", "might", "must", "should", "would"];

/// Normalises a lexicon term exactly as the analyser normalises text.
pub(crate) fn term_keys(term: &str) -> TermKeys<'_> {
    // Printable ASCII at both ends (nearly every term) has nothing to trim: `trim` would decode
    // each end as UTF-8.
    let printable = |b: Option<&u8>| b.is_some_and(|b| (0x21..0x80).contains(b));
    let (first, last) = (term.as_bytes().first(), term.as_bytes().last());
    let term = if printable(first) && printable(last) {
        term
    } else {
        term.trim()
    };
    // Most terms are one plain lower-case word, or several, whose keys are the words themselves
    // (see `is_own_key`): they skip the tokenizer and are borrowed.
    if is_own_key(term) {
        return TermKeys::Single(Cow::Borrowed(term), false);
    }
    let spaces = term.bytes().filter(|&b| b == b' ').count();
    if spaces > 0 {
        // Exactly the room needed: the keys become a boxed slice without reallocating.
        let mut keys = Vec::with_capacity(spaces + 1);
        let mut start = 0;
        // Split at spaces by bytes (ASCII: the pieces are `str`s), not with a `char` searcher.
        for (i, &b) in term.as_bytes().iter().chain(b" ").enumerate() {
            if b == b' ' {
                let piece = &term[start..i];
                if !is_own_key(piece) {
                    return term_keys_full(term);
                }
                keys.push(Cow::Borrowed(piece));
                start = i + 1;
            }
        }
        return TermKeys::Phrase(keys);
    }
    term_keys_full(term)
}

/// [`term_keys`] without the fast path (kept separate so a test can compare the two).
fn term_keys_full(term: &str) -> TermKeys<'static> {
    if !term.contains(' ') && is_emoticon_like(term) {
        return TermKeys::Single(Cow::Owned(term.to_ascii_lowercase()), true);
    }
    if term
        .chars()
        .next()
        .is_some_and(|c| !c.is_ascii() && !c.is_alphanumeric())
    {
        let mut key = String::new();
        emoji_key(term, &mut key);
        return TermKeys::Single(Cow::Owned(key), false);
    }
    let mut tokens = Vec::new();
    for (offset, piece) in term.split(' ').scan(0, |pos, p| {
        let start = *pos;
        *pos += p.len() + 1;
        Some((start, p))
    }) {
        segment(piece, offset, &mut tokens);
    }
    tokens.retain(|t| matches!(t.kind, TokenKind::Word | TokenKind::Number));
    let mut keys = Vec::with_capacity(tokens.len());
    for (i, t) in tokens.iter().enumerate() {
        let before_nt = tokens
            .get(i + 1)
            .is_some_and(|n| is_nt(n.text(term).as_bytes()));
        let mut key = String::new();
        word_key(t.text(term), before_nt, &mut key);
        keys.push(Cow::Owned(key));
    }
    match keys.len() {
        0 => TermKeys::Empty,
        1 => TermKeys::Single(keys.pop().unwrap_or_default(), false),
        _ => TermKeys::Phrase(keys),
    }
}

/// The negative clitic split off a contraction: `n't`, `n’t`, `nt` from `dont`, or a detached
/// `'t` ("don 't").
#[inline(always)]
pub(crate) fn is_nt(s: &[u8]) -> bool {
    // By length, case-insensitively: `| 0x20` maps only "N" to "n" and "T" to "t".
    let (n, t) = (|c: &u8| c | 0x20 == b'n', |c: &u8| c | 0x20 == b't');
    match s {
        [a, b] => (n(a) || *a == b'\'') && t(b),
        [a, b'\'', b] => n(a) && t(b),
        [0xE2, 0x80, 0x99, b] => t(b),
        [a, 0xE2, 0x80, 0x99, b] => n(a) && t(b),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lex(rows: &[(&str, f32)]) -> Lexicon {
        let mut l = Lexicon::default();
        for (t, v) in rows {
            l.insert(t, Some(*v), None, Source::User);
        }
        l.finish();
        l
    }

    /// `is_nt` is the case-insensitive comparison with its five clitics.
    #[test]
    fn nt_clitics() {
        let slow = |s: &[u8]| {
            ["n't", "n’t", "nt", "'t", "’t"]
                .iter()
                .any(|nt| s.eq_ignore_ascii_case(nt.as_bytes()))
        };
        let mut cases: Vec<Vec<u8>> = [
            "n't", "N'T", "n’t", "N’T", "nt", "Nt", "'t", "'T", "’t", "’T",
        ]
        .iter()
        .map(|s| s.as_bytes().to_vec())
        .collect();
        cases.extend(
            [
                "not", "it", "at", "but", "n`t", "m't", "nT", "'tt", "n'tt", "", "t", "ñt",
            ]
            .map(|s| s.as_bytes().to_vec()),
        );
        for a in 0..=255u8 {
            for b in [b't', b'T', b'u', a] {
                cases.push(vec![a, b]);
                cases.push(vec![a, b'\'', b]);
                cases.push(vec![0xE2, 0x80, a, b]);
                cases.push(vec![a, 0xE2, 0x80, 0x99, b]);
            }
        }
        for c in cases {
            assert_eq!(is_nt(&c), slow(&c), "{c:?}");
        }
    }

    #[test]
    fn terms_normalise_like_text() {
        let l = lex(&[
            ("can't stand", -2.0),
            ("doesn't work", -2.5),
            (":-)", 1.0),
            ("❤️", 3.0),
        ]);
        assert_eq!(
            l.phrases("can")[0].keys.as_ref(),
            ["can", "not", "stand"].map(Key::from)
        );
        assert_eq!(l.phrases("does")[0].keys.len(), 3);
        assert!(l.is_emoticon(":-)"));
        assert_eq!(l.word("❤").map(|e| e.valence), Some(3.0));
    }

    /// A phrase's "my" stands for any possessive, but a twin the file lists keeps its value.
    #[test]
    fn a_phrase_with_my_matches_every_possessive() {
        let l = lex(&[
            ("made my day", 2.5),
            ("wasted my time", -2.0),
            ("wasted our time", -1.0),
        ]);
        let value = |first: &str, keys: [&'static str; 3]| {
            (l.phrases(first).iter())
                .find(|p| p.keys.as_ref() == keys.map(Key::from))
                .map(|p| p.entry.valence)
        };
        for who in ["my", "our", "your", "his", "her", "their"] {
            assert_eq!(value("made", ["made", who, "day"]), Some(2.5), "{who}");
        }
        assert_eq!(value("wasted", ["wasted", "their", "time"]), Some(-2.0));
        assert_eq!(value("wasted", ["wasted", "our", "time"]), Some(-1.0));
        assert_eq!(value("made", ["made", "the", "day"]), None);
    }

    #[test]
    fn the_own_key_fast_path_gives_the_full_paths_keys() {
        let files = [
            builtin::AFINN,
            builtin::VADER,
            builtin::EMOJI,
            builtin::CUSTOMER,
            builtin::BOOSTERS,
            builtin::NEGATORS,
            builtin::CONTRAST,
            builtin::PHATIC,
            builtin::MIDDLING,
            crate::affect::EMOTIONS_TSV,
            crate::affect::SIGNALS_TSV,
        ];
        let extra = "cannot\ndont\nnt\nwant\nisnt\nmeant\nshouldnt\nwont do\ndo nt\n\
                     meant well\nwas not meant\nit cannot work\nsaint patrick\na  b\n";
        for text in files.into_iter().chain([extra]) {
            for line in text
                .lines()
                .filter(|l| !l.starts_with('#') && !l.is_empty())
            {
                let term = line.split('\t').next().unwrap_or_default();
                let (fast, full) = (term_keys(term), term_keys_full(term.trim()));
                assert!(fast == full, "{term:?}");
            }
        }
    }

    #[test]
    fn stem_collisions_resolve_deterministically() {
        // The word equal to the stem wins.
        let l = lex(&[
            ("disappoint", -2.0),
            ("disappointed", -2.4),
            ("disappointing", -2.2),
        ]);
        let (e, rep) = l.stem("disappoint", "disappointingly").unwrap();
        assert_eq!((e.valence, &**rep), (-2.0, "disappoint"));
        // Otherwise the shortest member, whatever the insertion order.
        let a = lex(&[
            ("frustrating", -2.4),
            ("frustrated", -2.0),
            ("frustrates", -1.9),
        ]);
        let b = lex(&[
            ("frustrates", -1.9),
            ("frustrated", -2.0),
            ("frustrating", -2.4),
        ]);
        let (ea, ka) = a.stem("frustrat", "frustratingly").unwrap();
        let (eb, kb) = b.stem("frustrat", "frustratingly").unwrap();
        assert_eq!((ea.valence, ka), (eb.valence, kb));
        assert_eq!((ea.valence, &**ka), (-2.0, "frustrated"));
        // A shorter word never borrows from a longer derived one.
        let l = lex(&[("appealing", 2.2)]);
        assert!(l.stem("appeal", "appeal").is_none());
        assert!(l.stem("appeal", "appeals").is_none());
        // Short stems are not indexed: "likely" must not find "like".
        assert!(lex(&[("like", 1.5)]).stem("like", "likely").is_none());
    }

    #[test]
    fn roles_and_valence_merge() {
        let mut l = Lexicon::default();
        l.insert("pretty", Some(2.2), None, Source::Vader);
        l.insert("pretty", None, Some(Role::Booster(0.15)), Source::Rule);
        let e = l.word("pretty").unwrap();
        assert_eq!(
            (e.valence, e.role, e.source),
            (2.2, Role::Booster(0.15), Source::Vader)
        );
    }
}
