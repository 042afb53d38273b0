//! Emotions and customer signals: from a sentence's tokens to intensities, and the escalation rule.
//!
//! No pass of its own: when emotions are on, the valence walk (`rules.rs`) also looks each word up
//! in the emotion and signal lexicons (phrases first, longest match, then the word's exact key,
//! its squeezed elongation, its English stem) and hands every hit here with what it knows of it:
//! negated or not (its clause-bounded, raised and double negation), the boosters that reach it,
//! CAPS and elongation. So valence and emotions share one list of modifiers and one scope logic.
//! Negators, boosters and contrast words of the valence lexicon are no emotion terms themselves.
//!
//! Intensities. Each hit has a lexicon intensity `w` in (0, 1] (at most 0.98 here). Boosters
//! (factor `1 + BOOSTER_GAIN · k`, "very" k = 0.293), ALL CAPS (`CAPS_GAIN`) and elongation scale
//! it in log space, `1 − (1 − w)^factor`, so "so happy" is 0.90 where "happy" is 0.8 and nothing
//! passes 1. Hits of one emotion combine as a noisy-OR, `1 − Π(1 − wᵢ)`: one word gives its own
//! intensity, more words approach 1 without passing it. `!` raises a sentence's intensities
//! (each `!` up to three adds `EXCLAIM_GAIN` to the exponent). A document takes, per emotion, its
//! strongest sentence, raised when the emotion recurs: `1 − exp(−Σ Lᵢ / √k)` with
//! `Lᵢ = −ln(1 − sᵢ)` over the k sentences where it occurs, if that is larger. So a long ticket
//! with one furious sentence stays furious, repeated anger counts a little more, and length alone
//! never saturates the score.
//!
//! Negation. A negated term does not count for its own emotion or signal ("not happy" is not
//! joy, "not afraid" is not fear, "not urgent" is not urgency, "won't cancel" is not churn).
//! A negated joy or trust term gives `NEGATED_TRANSFER` of its intensity to the Plutchik opposite
//! (joy → sadness: "not happy" is mildly sad; trust → disgust: "don't trust them" is distrust).
//! A negated negative emotion gives nothing: "not afraid" is not trust, "not angry" not fear.

use std::sync::{Arc, LazyLock, OnceLock};

use rustc_hash::FxHashMap;

use crate::emotion::{Emotion, EmotionScores};
use crate::error::Error;
use crate::lexicon::stem_filter::StemFilter;
use crate::lexicon::vocab::{SentenceKeys, Vocab, flag};
use crate::lexicon::{Key, TermKeys, parse, term_keys};
use crate::normalize::squeeze;
use crate::rules::{BOOSTER_DECAY, Config};
use crate::score::SentenceScore;
use crate::signals::{Signal, Signals};
use crate::tokenize::{Token, TokenKind};

/// Eight emotions then five signals.
const N: usize = 13;
const SIG: usize = 8;
const FRUSTRATION: usize = SIG + Signal::Frustration as usize;
const URGENCY: usize = SIG + Signal::Urgency as usize;
const CONFUSION: usize = SIG + Signal::Confusion as usize;
const ANGER: usize = Emotion::Anger as usize;

/// A booster's scalar k scales a hit by `1 + BOOSTER_GAIN · k`: "very" (0.293) ×1.44,
/// "slightly" (−0.293) ×0.56. Twice VADER's relative effect, because intensities are on a
/// 0–1 scale where one word is often already near the middle.
const BOOSTER_GAIN: f64 = 1.5;
/// ALL CAPS in mixed-case text: the term counts ×1.4 (VADER's CAPS increment, 0.733, is about
/// 40% of a typical valence).
const CAPS_GAIN: f64 = 1.4;
/// An elongated term (`soooo happy`) counts like a boosted one.
const ELONGATION_GAIN: f64 = 1.2;
/// Each `!` (up to three) raises a sentence's intensities: `1 − (1 − s)^(1 + 0.15·n)`.
const EXCLAIM_GAIN: f64 = 0.15;
/// Share of a negated joy or trust term that goes to its Plutchik opposite.
const NEGATED_TRANSFER: f64 = 0.5;
/// `??` (two or more question marks): frustration and urgency cues.
const QUESTIONS_FRUSTRATION: f64 = 0.3;
/// See [`QUESTIONS_FRUSTRATION`].
const QUESTIONS_URGENCY: f64 = 0.15;
/// `!!` in a negative sentence: frustration cue.
const EXCLAIMS_FRUSTRATION: f64 = 0.3;
/// Two or more words in ALL CAPS in a negative sentence of mixed-case text: shouting.
const SHOUTING_FRUSTRATION: f64 = 0.35;
/// A waiting time ("for 3 weeks") in a sentence that complains gives frustration
/// `WAIT_FRUSTRATION · unit weight` and urgency `WAIT_URGENCY · unit weight`.
const WAIT_FRUSTRATION: f64 = 0.8;
/// See [`WAIT_FRUSTRATION`].
const WAIT_URGENCY: f64 = 0.4;

/// The default escalation threshold: see [`AnalyzerBuilder::escalation_threshold`](crate::AnalyzerBuilder::escalation_threshold).
pub const DEFAULT_ESCALATION_THRESHOLD: f64 = 0.5;
/// Default weights of negative valence, frustration, urgency and churn intent in the escalation
/// score: see [`AnalyzerBuilder::escalation_weights`](crate::AnalyzerBuilder::escalation_weights).
pub const DEFAULT_ESCALATION_WEIGHTS: [f64; 4] = [0.5, 0.8, 0.6, 0.9];

pub(crate) type Weights = [f32; N];

/// A multi-word term of the emotion or signal lexicon.
#[derive(Clone, Debug)]
struct Phrase {
    keys: Box<[Key]>,
    weights: Weights,
}

/// The emotion and signal lexicons, keyed like the valence lexicon.
#[derive(Clone, Default)]
pub(crate) struct AffectLexicon {
    words: FxHashMap<Key, Weights>,
    /// First key → phrases starting with it, longest first.
    phrases: FxHashMap<Key, Vec<Phrase>>,
    stems: FxHashMap<Key, Weights>,
    /// Rules out most words before the stemmer runs.
    stem_filter: StemFilter,
}

impl std::fmt::Debug for AffectLexicon {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AffectLexicon")
            .field("words", &self.words.len())
            .field(
                "phrases",
                &self.phrases.values().map(Vec::len).sum::<usize>(),
            )
            .finish()
    }
}

pub(crate) const EMOTIONS_TSV: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/lexicons/en/emotions.tsv"
));
pub(crate) const SIGNALS_TSV: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/lexicons/en/signals.tsv"
));

/// The rows of the bundled emotion and signal files, parsed by `build.rs` (`None` for a file it
/// left to the parser).
mod rows {
    include!(concat!(env!("OUT_DIR"), "/affect_rows.rs"));
}

static BUILTIN: OnceLock<Arc<AffectLexicon>> = OnceLock::new();

/// The bundled emotion and signal lexicons, parsed on first use (or by `lexicon::load_both`).
pub(crate) fn builtin() -> Arc<AffectLexicon> {
    Arc::clone(BUILTIN.get_or_init(|| {
        Arc::new(
            AffectLexicon::bundled()
                .expect("bundled emotion lexicons are validated by tests/emotions.rs"),
        )
    }))
}

/// Shares `lex`, the bundled emotion and signal lexicons parsed by `lexicon::load_both`. A copy
/// parsed meanwhile by another thread is kept: either will do.
pub(crate) fn set_builtin(lex: AffectLexicon) {
    let _ = BUILTIN.set(Arc::new(lex));
}

/// A bundled file's rows as `build.rs` parsed them: term, (label, intensity) pairs.
type Rows = &'static [(&'static str, &'static [(&'static str, f32)])];

/// The slot of label `name` among the weights: an emotion's, or a signal's.
fn slot(name: &str, signals: bool) -> Option<usize> {
    if signals {
        name.parse::<Signal>().ok().map(|s| SIG + s.index())
    } else {
        name.parse::<Emotion>().ok().map(Emotion::index)
    }
}

impl AffectLexicon {
    /// The bundled emotion and signal lexicons: from `build.rs`'s rows, else (or when a row
    /// has an unknown label) parsed from the files, which reports the line.
    pub fn bundled() -> Result<Self, Error> {
        if let (Some(emotions), Some(signals)) = (rows::EMOTION_ROWS, rows::SIGNAL_ROWS) {
            let mut lex = AffectLexicon::default();
            if lex.insert_rows(emotions, false) && lex.insert_rows(signals, true) {
                lex.finish();
                return Ok(lex);
            }
        }
        AffectLexicon::from_tsv(EMOTIONS_TSV, SIGNALS_TSV)
    }

    /// Inserts rows parsed by `build.rs`; `false` at the first unknown label.
    fn insert_rows(&mut self, rows: Rows, signals: bool) -> bool {
        for &(term, labels) in rows {
            let mut w: Weights = [0.0; N];
            for &(name, v) in labels {
                let Some(i) = slot(name, signals) else {
                    return false;
                };
                w[i] = v;
            }
            self.insert(term, w);
        }
        true
    }

    /// Parses an emotion file and a signal file (`term<TAB>label:intensity,...`).
    pub fn from_tsv(emotions: &'static str, signals: &'static str) -> Result<Self, Error> {
        let mut lex = AffectLexicon::default();
        lex.insert_tsv(emotions, false)?;
        lex.insert_tsv(signals, true)?;
        lex.finish();
        Ok(lex)
    }

    fn insert_tsv(&mut self, text: &'static str, signals: bool) -> Result<(), Error> {
        for row in parse::rows(text, 2)? {
            let mut w: Weights = [0.0; N];
            for part in row.value.split(',') {
                let (name, value) = part.split_once(':').ok_or_else(|| {
                    Error::format(
                        row.line,
                        format!("expected label:intensity, found {part:?}"),
                    )
                })?;
                let slot = slot(name, signals)
                    .ok_or_else(|| Error::format(row.line, format!("unknown label {name:?}")))?;
                let v: f32 = value.trim().parse().map_err(|_| {
                    Error::format(
                        row.line,
                        format!("expected a number after {name:?}, found {value:?}"),
                    )
                })?;
                if !(v > 0.0 && v <= 1.0) {
                    return Err(Error::format(
                        row.line,
                        format!("intensity {v} is outside (0, 1]"),
                    ));
                }
                w[slot] = v;
            }
            self.insert(row.term, w);
        }
        Ok(())
    }

    /// Adds a term's weights to what the lexicon has for it (an emotion file and a signal file
    /// may both list a term).
    fn insert(&mut self, term: &'static str, w: Weights) {
        let merge = |old: &mut Weights| {
            for (o, n) in old.iter_mut().zip(w) {
                if n > 0.0 {
                    *o = n;
                }
            }
        };
        match term_keys(term) {
            TermKeys::Single(key, _) => merge(self.words.entry(key).or_insert([0.0; N])),
            TermKeys::Phrase(keys) => {
                let list = self.phrases.entry(keys[0].clone()).or_default();
                let keys = keys.into_boxed_slice();
                match list.iter_mut().find(|p| p.keys == keys) {
                    Some(p) => merge(&mut p.weights),
                    None => list.push(Phrase { keys, weights: w }),
                }
            }
            TermKeys::Empty => {}
        }
    }

    fn finish(&mut self) {
        // "cancel my subscription" also stands for "cancel our subscription".
        crate::lexicon::add_possessive_twins(
            &mut self.phrases,
            |p| &p.keys,
            |p, keys| Phrase {
                keys: keys.into_boxed_slice(),
                weights: p.weights,
            },
        );
        for list in self.phrases.values_mut() {
            crate::lexicon::longest_first(list, |p| &p.keys);
        }
        // Stem index: the word that is its own stem wins, otherwise the element-wise maximum of
        // the words sharing the stem. Neither depends on the order of the words (one word at
        // most is the stem itself, and the maximum of weights in (0, 1] is order-free), so
        // hash order never matters.
        let stemmer = rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::English);
        let mut stems: FxHashMap<Key, (bool, Weights)> = FxHashMap::default();
        for (key, &w) in &self.words {
            // A stem is never longer than its word: shorter words give no indexed stem.
            if key.len() < crate::lexicon::MIN_STEM_LEN
                || !key.bytes().all(|c| c.is_ascii_lowercase())
            {
                continue;
            }
            let stem = crate::stem::lexicon_stem(&stemmer, key);
            if stem.len() < crate::lexicon::MIN_STEM_LEN {
                continue;
            }
            let exact = **key == *stem;
            let slot = stems.entry(stem).or_insert((false, [0.0; N]));
            if exact {
                *slot = (true, w);
            } else if !slot.0 {
                for (o, n) in slot.1.iter_mut().zip(w) {
                    *o = o.max(n);
                }
            }
        }
        self.stems = stems.into_iter().map(|(k, (_, w))| (k, w)).collect();
        // A word is never shorter than its stem.
        self.stem_filter = StemFilter::new(self.stems.keys().map(|s| (&**s, s.len())));
    }

    /// Every single-token term and its weights.
    pub(crate) fn words(&self) -> impl Iterator<Item = (&str, &Weights)> {
        self.words.iter().map(|(k, w)| (&**k, w))
    }

    /// The phrase lists, one per first key, each longest first: (keys, weights).
    pub(crate) fn phrase_lists(
        &self,
    ) -> impl Iterator<Item = impl Iterator<Item = (&[Key], &Weights)>> {
        self.phrases
            .values()
            .map(|list| list.iter().map(|p| (&*p.keys, &p.weights)))
    }

    /// A word the lexicon lacks as such: its squeezed elongation, its English stem (when
    /// `stemmable`, see `rules::lookup_word`).
    #[inline(always)]
    pub(crate) fn lookup_inflected(
        &self,
        key: &str,
        elongated: bool,
        stemmable: bool,
        stemmer: &crate::stem::Stemmer,
        alt: &mut String,
    ) -> Option<&Weights> {
        if elongated {
            for keep in [2, 1] {
                squeeze(key, keep, alt);
                if let Some(w) = self.words.get(alt.as_str()) {
                    return Some(w);
                }
            }
        }
        if stemmable && self.stem_filter.may_match(key) {
            return self.stems.get(&*stemmer.stem(key));
        }
        None
    }

    /// Whether the stem of `key` (ASCII lower-case) may be an emotion term's: see
    /// [`StemFilter::may_match`].
    pub(crate) fn may_stem(&self, key: &str) -> bool {
        self.stem_filter.may_match(key)
    }

    /// An emoji or emoticon, by its exact key.
    pub(crate) fn symbol(&self, key: &str) -> Option<&Weights> {
        self.words.get(key)
    }
}

/// The emotion settings of an analyser.
#[derive(Clone, Debug)]
pub(crate) struct Affect {
    /// `None` when emotions are off.
    pub lexicon: Option<Arc<AffectLexicon>>,
    pub threshold: f64,
    /// Negative valence, frustration, urgency, churn intent.
    pub weights: [f64; 4],
}

/// What one sentence holds: per emotion and signal, `L = −ln(1 − intensity)`.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct SentenceAffect {
    logs: [f64; N],
    /// Bit `i` set when `logs[i]` is not 0: most sentences hold no channel, and the others one
    /// or two of the 13.
    present: u16,
}

impl SentenceAffect {
    /// The intensity of channel `i`, rounded; an absent channel is +0.0 without `exp` and
    /// `round` (most of the 13 are absent).
    fn intensity(&self, i: usize) -> f64 {
        if self.logs[i] == 0.0 {
            return 0.0;
        }
        let l = self.logs[i];
        MEMOS
            .intensity
            .get(l.to_bits())
            .unwrap_or_else(|| intensity(l))
    }

    fn add(&mut self, i: usize, w: f64) {
        self.add_log(i, log_rest(w));
    }

    fn add_log(&mut self, i: usize, l: f64) {
        self.logs[i] += l;
        if l != 0.0 {
            self.present |= 1 << i;
        }
    }

    /// Whether the sentence holds no emotion and no signal (most sentences).
    fn is_empty(&self) -> bool {
        self.present == 0
    }

    fn scores(&self) -> (EmotionScores, Signals) {
        let mut all = [0.0; N];
        let mut present = self.present;
        while present != 0 {
            let i = present.trailing_zeros() as usize;
            present &= present - 1;
            all[i] = self.intensity(i);
        }
        let mut e = [0.0; 8];
        let mut s = [0.0; 5];
        e.copy_from_slice(&all[..SIG]);
        s.copy_from_slice(&all[SIG..]);
        (EmotionScores::from_array(e), Signals::from_array(s))
    }
}

/// One hit never reaches exactly 1, so that `ln` stays finite and boosting still shows.
const MAX_HIT: f64 = 0.98;

/// What [`SentenceAffect::add`] adds for an intensity `w`: `−ln(1 − w)`, never negative, so
/// the log stays 0 exactly when every term added is 0.
fn log_rest(w: f64) -> f64 {
    -(1.0 - w.clamp(0.0, MAX_HIT)).ln()
}

/// The log an unboosted, unnegated hit of weight `v` adds (see [`SentenceAffect::add_hit`]).
fn hit_log(v: f32) -> f64 {
    log_rest(1.0 - (1.0 - f64::from(v).min(MAX_HIT)))
}

/// A channel's intensity from its log, rounded (see [`SentenceAffect::intensity`]).
fn intensity(l: f64) -> f64 {
    round(1.0 - (-l).exp())
}

/// A few values of a function, computed once: a table indexed by a hash of the argument's
/// bits, each slot holding an argument and its value. An argument not in the table is computed
/// by the caller, so the answers are the function's, bit for bit.
struct Memo {
    keys: [u64; MEMO_SLOTS],
    values: [f64; MEMO_SLOTS],
}

const MEMO_SLOTS: usize = 256;

impl Memo {
    fn new(pairs: impl Iterator<Item = (u64, f64)>) -> Memo {
        // No argument has these bits (a NaN's, and no `f32`'s).
        let mut m = Memo {
            keys: [u64::MAX; MEMO_SLOTS],
            values: [0.0; MEMO_SLOTS],
        };
        for (k, v) in pairs {
            let s = Self::slot(k);
            if m.keys[s] == u64::MAX {
                (m.keys[s], m.values[s]) = (k, v);
            }
        }
        m
    }

    fn slot(key: u64) -> usize {
        (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 56) as usize
    }

    fn get(&self, key: u64) -> Option<f64> {
        let s = Self::slot(key);
        (self.keys[s] == key).then(|| self.values[s])
    }
}

/// `ln` and `exp` of the commonest emotion hits: lexicon weights have two decimals, and most
/// hits are unboosted, one to a sentence and channel, so [`hit_log`] and [`intensity`] take
/// few distinct arguments (about 55 k calls of each on the 23,703 VADER snippets).
struct Memos {
    /// [`hit_log`] by the weight's `f32` bits.
    hit_log: Memo,
    /// [`intensity`] of those logs, by the log's bits.
    intensity: Memo,
}

static MEMOS: LazyLock<Memos> = LazyLock::new(|| {
    let weights = || (1..=100u16).map(|k| f32::from(k) / 100.0);
    Memos {
        hit_log: Memo::new(weights().map(|v| (u64::from(v.to_bits()), hit_log(v)))),
        intensity: Memo::new(weights().map(|v| {
            let l = hit_log(v);
            (l.to_bits(), intensity(l))
        })),
    }
});

/// Rounds to six decimals: lexicon intensities are `f32`, and 0.100000001 helps nobody.
fn round(x: f64) -> f64 {
    round_half_away(x * 1e6) / 1e6
}

/// [`f64::round`] without its library call (for each emotion a sentence holds, and once per
/// document): the same value, bit for bit, for every input (a test compares them).
fn round_half_away(y: f64) -> f64 {
    // From 2^52 on every f64 is an integer (and NaN and infinities round to themselves).
    if y.abs() < 4_503_599_627_370_496.0 {
        // Exact: `t` is `y` truncated, and `y - t` its fraction.
        let t = y as i64 as f64;
        let r = if y - t >= 0.5 {
            t + 1.0
        } else if y - t <= -0.5 {
            t - 1.0
        } else {
            t
        };
        // -0.4 rounds to -0.0.
        r.copysign(y)
    } else {
        y
    }
}

/// An emotion or signal term that the valence walk found on one of its items.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Hit<'l> {
    /// Index of the item it belongs to.
    pub item: usize,
    pub weights: &'l Weights,
    pub caps: bool,
    pub elongated: bool,
    /// An emoji or emoticon: words do not modify it.
    pub symbol: bool,
}

/// Cues of a whole sentence, gathered during the valence walk.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Cues {
    exclaims: usize,
    questions: usize,
    shouted: usize,
    pub negators: usize,
    wait: f64,
    wait_word: bool,
    /// Tokens before this one belong to a waiting time or an emotion phrase already read.
    skip_until: usize,
}

impl Cues {
    /// Counts the marks of a `!` or `?` token. Out of line: rare next to words, whose walk it
    /// cost registers.
    #[inline(never)]
    pub(crate) fn punct(&mut self, kind: TokenKind, text: &str) {
        let n = text.chars().count();
        match kind {
            TokenKind::Exclaim => self.exclaims += n,
            TokenKind::Question => self.questions += n,
            _ => {}
        }
    }

    /// Reads word `i` (flags `flags` in the vocabulary); returns whether an emotion term may
    /// start there, that is, whether it lies outside a waiting time and an emotion phrase.
    pub(crate) fn word(
        &mut self,
        doc: &str,
        tokens: &[Token],
        keys: &SentenceKeys,
        vocab: &Vocab,
        i: usize,
        flags: u64,
    ) -> bool {
        if i < self.skip_until {
            return false;
        }
        self.shout(doc, tokens, keys, i);
        if let Some((weeks, len)) = waiting_time(tokens, keys, vocab, i, flags) {
            self.wait = self.wait.max(weeks);
            self.skip_until = i + len;
            return false;
        }
        // A branch, not an update of the field for every word.
        if flags & flag::WAIT_WORD != 0 {
            self.wait_word = true;
        }
        true
    }

    /// Counts word `i` as shouted when it is in capitals, with three letters or more (outside
    /// a waiting time or an emotion phrase).
    #[inline(always)]
    pub(crate) fn shout(&mut self, doc: &str, tokens: &[Token], keys: &SentenceKeys, i: usize) {
        if i >= self.skip_until
            && keys.shape(i).caps
            && tokens[i]
                .text(doc)
                .chars()
                .filter(|c| c.is_alphabetic())
                .count()
                >= 3
        {
            self.shouted += 1;
        }
    }

    /// An emotion phrase covers the tokens up to `end`.
    pub(crate) fn skip_to(&mut self, end: usize) {
        self.skip_until = end;
    }
}

impl SentenceAffect {
    /// Adds a term found by the valence walk, with what that walk knows of it: whether it is
    /// negated and the boosters that reach it (`(distance, k)`).
    pub(crate) fn add_hit(
        &mut self,
        hit: &Hit<'_>,
        negated: bool,
        boosters: impl Iterator<Item = (usize, f32)>,
        cfg: &Config,
        caps_ok: bool,
    ) {
        let mut factor = 1.0;
        for (dist, k) in boosters {
            factor *= 1.0 + BOOSTER_GAIN * f64::from(k) * BOOSTER_DECAY[dist];
        }
        if cfg.emphasis && hit.caps && caps_ok {
            factor *= CAPS_GAIN;
        }
        if cfg.emphasis && hit.elongated {
            factor *= ELONGATION_GAIN;
        }
        // The channels the term has (weights are 0 or in (0, 1]), as bits: most terms have one
        // or two of the 13, and one pass over the weights vectorises.
        let mut present = 0u16;
        for (j, v) in hit.weights.iter().enumerate() {
            present |= u16::from(*v > 0.0) << j;
        }
        while present != 0 {
            let j = present.trailing_zeros() as usize;
            present &= present - 1;
            let v = &hit.weights[j];
            if factor == 1.0 && !negated {
                let l = MEMOS.hit_log.get(u64::from(v.to_bits()));
                self.add_log(j, l.unwrap_or_else(|| hit_log(*v)));
                continue;
            }
            // Scaling in log space keeps a boosted hit below 1: "so happy" (0.8, ×1.44)
            // gives 0.90, "slightly happy" (×0.56) 0.59.
            let rest = 1.0 - f64::from(*v).min(MAX_HIT);
            // pow(x, 1) is exactly x: most hits have no booster, and `powf` is costly.
            let v = 1.0
                - if factor == 1.0 {
                    rest
                } else {
                    rest.powf(factor.max(0.0))
                };
            if !negated {
                self.add(j, v);
            } else if j == Emotion::Joy as usize {
                self.add(Emotion::Sadness as usize, v * NEGATED_TRANSFER);
            } else if j == Emotion::Trust as usize {
                self.add(Emotion::Disgust as usize, v * NEGATED_TRANSFER);
            }
        }
    }

    /// Adds the cues of the whole sentence once its terms are in. `valence_sum` is the
    /// sentence's raw valence (negative sentences read `!!`, CAPS and waiting times as
    /// frustration).
    pub(crate) fn finish(&mut self, cues: &Cues, valence_sum: f64, cfg: &Config, caps_ok: bool) {
        let emphasis = cfg.emphasis;
        let complaining =
            valence_sum < 0.0 || self.logs[FRUSTRATION] > 0.0 || self.logs[ANGER] > 0.0;
        if cues.questions >= 2 {
            self.add(FRUSTRATION, QUESTIONS_FRUSTRATION);
            self.add(URGENCY, QUESTIONS_URGENCY);
        }
        if emphasis && cues.exclaims >= 2 && complaining {
            self.add(FRUSTRATION, EXCLAIMS_FRUSTRATION);
        }
        if emphasis && caps_ok && cues.shouted >= 2 && complaining {
            self.add(FRUSTRATION, SHOUTING_FRUSTRATION);
        }
        if cues.wait > 0.0 && (complaining || cues.negators > 0 || cues.wait_word) {
            self.add(FRUSTRATION, WAIT_FRUSTRATION * cues.wait);
            self.add(URGENCY, WAIT_URGENCY * cues.wait);
        }
        if emphasis && cues.exclaims > 0 {
            let gain = 1.0 + EXCLAIM_GAIN * cues.exclaims.min(3) as f64;
            for (j, l) in self.logs.iter_mut().enumerate() {
                if j != CONFUSION {
                    *l *= gain;
                }
            }
        }
    }
}

/// Words that say a sentence is about waiting (urgency).
pub(crate) const WAIT_WORDS: &[&str] = &["wait", "waiting", "waited", "still", "ago"];
/// Words that may stand between "for" and a time unit ("for the past few weeks").
const FILLERS: &[&str] = &[
    "the",
    "past",
    "last",
    "over",
    "more",
    "than",
    "about",
    "almost",
    "nearly",
    "a",
    "an",
    "few",
    "couple",
    "of",
    "several",
    "like",
    "well",
    "literally",
];
/// Number words that may count time units ("three weeks", "many months").
pub(crate) const COUNTS: &[&str] = &[
    "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "twelve", "many",
    "some", "several", "few",
];

/// A waiting time starting at token `i` (vocabulary flags `flags`): "for 3 weeks", "for over a
/// week", "for days", "since Monday", "3 weeks ago". Returns its weight (minutes 0.2 … months
/// 1.0) and length.
fn waiting_time(
    tokens: &[Token],
    keys: &SentenceKeys,
    vocab: &Vocab,
    i: usize,
    flags: u64,
) -> Option<(f64, usize)> {
    let opener = flags & flag::WAIT_OPENER != 0;
    let number = tokens[i].kind == TokenKind::Number || flags & flag::COUNT != 0;
    if !opener && !number {
        return None;
    }
    let since = opener && keys.key(i) == "since";
    let mut j = i + usize::from(opener);
    let mut fillers = 0;
    while j < tokens.len() && fillers <= 4 {
        let t = tokens[j];
        if !matches!(t.kind, TokenKind::Word | TokenKind::Number) {
            return None;
        }
        let key = keys.key(j);
        if let Some(w) = unit_weight(key) {
            if since
                && !matches!(
                    key,
                    "yesterday"
                        | "monday"
                        | "tuesday"
                        | "wednesday"
                        | "thursday"
                        | "friday"
                        | "saturday"
                        | "sunday"
                )
                && fillers == 0
            {
                return None;
            }
            let mut len = j + 1 - i;
            // "3 weeks" alone is a quantity; "3 weeks ago"/"3 weeks now" is a time elapsed.
            if !opener {
                let next = tokens.get(j + 1).filter(|t| t.kind == TokenKind::Word);
                let tail = next.is_some_and(|_| {
                    matches!(keys.key(j + 1), "ago" | "now" | "later" | "already")
                });
                if !tail {
                    return None;
                }
                len += 1;
            }
            return Some((w, len));
        }
        if t.kind != TokenKind::Number
            && !FILLERS.contains(&key)
            && vocab.flags(keys.id(j)) & flag::COUNT == 0
        {
            return None;
        }
        fillers += 1;
        j += 1;
    }
    None
}

fn unit_weight(key: &str) -> Option<f64> {
    Some(match key {
        "minute" | "minutes" | "mins" => 0.2,
        "hour" | "hours" | "hrs" => 0.4,
        "day" | "days" | "yesterday" | "monday" | "tuesday" | "wednesday" | "thursday"
        | "friday" | "saturday" | "sunday" => 0.6,
        "week" | "weeks" => 0.8,
        "month" | "months" | "year" | "years" | "ages" | "forever" => 1.0,
        _ => return None,
    })
}

impl Affect {
    /// A document's emotions, signals, escalation score and escalation flag from its sentences'
    /// affect, one per sentence score in `scores` (whose emotions and signals are filled in);
    /// `compound` is the document's valence. Returned rather than written into the document,
    /// so that its score is built once, in place.
    pub(crate) fn attach(
        &self,
        scores: &mut [SentenceScore],
        compound: f64,
        sentences: &[SentenceAffect],
    ) -> (EmotionScores, Signals, f64, bool) {
        // The sentences with an emotion or a signal, and the scores of the last one.
        let (mut holding, mut last) = (0, Default::default());
        for (score, s) in scores.iter_mut().zip(sentences) {
            if !s.is_empty() {
                last = s.scores();
                (score.emotions, score.signals) = last;
                holding += 1;
            }
        }
        let (emotions, signals): (EmotionScores, Signals) = if holding > 1 {
            // Per channel over the sentences that hold it: the sum, their number, the maximum.
            let (mut sum, mut k, mut max) = ([0.0; N], [0u32; N], [0.0f64; N]);
            for s in sentences.iter().filter(|s| !s.is_empty()) {
                for j in 0..N {
                    if s.logs[j] > 0.0 {
                        sum[j] += s.logs[j];
                        k[j] += 1;
                        max[j] = max[j].max(s.logs[j]);
                    }
                }
            }
            let mut total = SentenceAffect::default();
            for j in 0..N {
                if k[j] > 0 {
                    total.logs[j] = max[j].max(sum[j] / f64::from(k[j]).sqrt());
                    total.present |= 1 << j;
                }
            }
            total.scores()
        } else {
            // One sentence (or none) is the document's total as it is: max(l, l / √1) = l.
            last
        };
        let [wn, wf, wu, wc] = self.weights;
        let parts = [
            wn * (-compound).max(0.0),
            wf * signals.frustration(),
            wu * signals.urgency(),
            wc * signals.churn_intent(),
        ];
        let keep: f64 = parts.iter().map(|p| 1.0 - p.clamp(0.0, 1.0)).product();
        let escalation = round(1.0 - keep);
        (emotions, signals, escalation, escalation >= self.threshold)
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    /// `build.rs` parsed both bundled files, and its rows make the lexicon the parser makes.
    #[test]
    fn build_rs_rows_make_the_parsers_lexicon() {
        use super::{AffectLexicon, EMOTIONS_TSV, SIGNALS_TSV, rows};
        assert!(rows::EMOTION_ROWS.is_some() && rows::SIGNAL_ROWS.is_some());
        let (a, b) = (
            AffectLexicon::bundled().expect("parses"),
            AffectLexicon::from_tsv(EMOTIONS_TSV, SIGNALS_TSV).expect("parses"),
        );
        let sorted = |l: &AffectLexicon| {
            let mut words: Vec<String> = l.words().map(|(k, w)| format!("{k} {w:?}")).collect();
            words.sort();
            let mut phrases: Vec<String> = (l.phrase_lists())
                .map(|list| format!("{:?}", list.collect::<Vec<_>>()))
                .collect();
            phrases.sort();
            let mut stems: Vec<String> =
                l.stems.iter().map(|(k, w)| format!("{k} {w:?}")).collect();
            stems.sort();
            (words, phrases, stems)
        };
        assert_eq!(sorted(&a), sorted(&b));
    }

    fn same(y: f64) -> bool {
        let (a, b) = (super::round_half_away(y), y.round());
        a.to_bits() == b.to_bits() || (a.is_nan() && b.is_nan())
    }

    /// The memos answer what the functions compute, bit for bit, and hold most two-decimal
    /// weights.
    #[test]
    fn memos_agree_with_their_functions() {
        let m = &*super::MEMOS;
        let mut held = 0;
        for k in 0..=1000u16 {
            let v = f32::from(k) / 1000.0;
            let l = super::hit_log(v);
            if let Some(got) = m.hit_log.get(u64::from(v.to_bits())) {
                assert_eq!(got.to_bits(), l.to_bits(), "{v}");
                held += usize::from(k % 10 == 0);
            }
            if let Some(got) = m.intensity.get(l.to_bits()) {
                assert_eq!(got.to_bits(), super::intensity(l).to_bits(), "{v}");
            }
        }
        assert!(held > 60, "{held} of 100 weights held");
    }

    #[test]
    fn rounding_matches_the_library_at_the_edges() {
        let big = 4_503_599_627_370_496.0;
        for y in [
            0.0,
            -0.0,
            0.5,
            -0.5,
            0.49999999999999994,
            1.5,
            2.5,
            -2.5,
            123_456.5,
            999_999.5,
            big - 0.5,
            big,
            big + 1.0,
            -big + 0.5,
            f64::MAX,
            f64::MIN_POSITIVE,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::NAN,
            -0.3,
            1e-300,
        ] {
            assert!(same(y), "{y}");
        }
    }

    proptest! {
        #[test]
        fn rounding_matches_the_library(bits in any::<u64>(), x in -2e6f64..2e6) {
            prop_assert!(same(f64::from_bits(bits)), "{}", f64::from_bits(bits));
            prop_assert!(same(x), "{}", x);
            prop_assert!(same(x * 1e6), "{}", x * 1e6);
        }
    }
}
