//! The VADER-compatible model: vaderSentiment 3.3.2's `polarity_scores`, reproduced number for
//! number (see [`Model::Vader`](crate::Model::Vader)).
//!
//! This is a re-implementation of the algorithm's behaviour, not a translation of its quirks into
//! better rules: every step below does what the Python does, including what it gets wrong, because
//! users of this mode want Python's numbers. In order:
//!
//! 1. every code point found in the emoji table is replaced by its description (a space before it
//!    unless one precedes; none after it), then the text is stripped of Python whitespace;
//! 2. words are Python's `str.split()` pieces with ASCII punctuation stripped from both ends,
//!    unless fewer than three characters would remain (so `:)` and `no!` stay whole);
//! 3. each word gets a valence: boosters and "kind" before "of" get 0; lexicon words get their
//!    value, negated by "no" one or two words back, with CAPS emphasis, then up to three preceding
//!    words that are *not* in the lexicon add booster scalars and may negate it (`n't` only with an
//!    ASCII apostrophe), "never so/this" boosts, idioms override, and "least" negates;
//! 4. the `but` rule scales values before/after the first "but", locating each value with
//!    Python's `list.index`, i.e. at the first *equal* value (a known upstream bug, kept);
//! 5. the sum plus `!`/`?` emphasis is normalised to the compound; pos/neu/neg are shares of
//!    valence mass; all four are rounded like Python's `round` (3 decimals, compound 4).
//!
//! The code constants (NEGATE, BOOSTER_DICT, SPECIAL_CASES, B_INCR, C_INCR, N_SCALAR, …) are
//! those of vaderSentiment 3.3.2, MIT licence, © 2016 C.J. Hutto. The lexicon is
//! `lexicons/en/vader.tsv` and the emoji descriptions `lexicons/en/vader_emoji.tsv`, loaded with
//! the crate's shared TSV parser.

use std::borrow::Cow;
use std::sync::LazyLock;

use rustc_hash::FxHashMap;

use crate::error::Error;
use crate::lexicon::{VADER, VADER_EMOJI, VALENCE_RANGE, parse};
use crate::score::{DocumentScore, SentenceScore, label};

/// Booster increment (vaderSentiment `B_INCR`; `B_DECR` is its negative).
const B_INCR: f64 = 0.293;
/// ALL-CAPS increment (`C_INCR`).
const C_INCR: f64 = 0.733;
/// Negation factor (`N_SCALAR`).
const N_SCALAR: f64 = -0.74;
/// Normalisation constant of `normalize` (`alpha`).
const ALPHA: f64 = 15.0;

/// vaderSentiment's `NEGATE` list.
const NEGATE: &[&str] = &[
    "aint",
    "arent",
    "cannot",
    "cant",
    "couldnt",
    "darent",
    "didnt",
    "doesnt",
    "ain't",
    "aren't",
    "can't",
    "couldn't",
    "daren't",
    "didn't",
    "doesn't",
    "dont",
    "hadnt",
    "hasnt",
    "havent",
    "isnt",
    "mightnt",
    "mustnt",
    "neither",
    "don't",
    "hadn't",
    "hasn't",
    "haven't",
    "isn't",
    "mightn't",
    "mustn't",
    "neednt",
    "needn't",
    "never",
    "none",
    "nope",
    "nor",
    "not",
    "nothing",
    "nowhere",
    "oughtnt",
    "shant",
    "shouldnt",
    "uhuh",
    "wasnt",
    "werent",
    "oughtn't",
    "shan't",
    "shouldn't",
    "uh-uh",
    "wasn't",
    "weren't",
    "without",
    "wont",
    "wouldnt",
    "won't",
    "wouldn't",
    "rarely",
    "seldom",
    "despite",
];

/// The single-word keys of vaderSentiment's `BOOSTER_DICT` and their scalar (`B_INCR` or
/// `B_DECR`).
fn booster(word: &str) -> Option<f64> {
    match word {
        "absolutely" | "amazingly" | "awfully" | "completely" | "considerable" | "considerably"
        | "decidedly" | "deeply" | "effing" | "enormous" | "enormously" | "entirely"
        | "especially" | "exceptional" | "exceptionally" | "extreme" | "extremely"
        | "fabulously" | "flipping" | "flippin" | "frackin" | "fracking" | "fricking"
        | "frickin" | "frigging" | "friggin" | "fully" | "fuckin" | "fucking" | "fuggin"
        | "fugging" | "greatly" | "hella" | "highly" | "hugely" | "incredible" | "incredibly"
        | "intensely" | "major" | "majorly" | "more" | "most" | "particularly" | "purely"
        | "quite" | "really" | "remarkably" | "so" | "substantially" | "thoroughly" | "total"
        | "totally" | "tremendous" | "tremendously" | "uber" | "unbelievably" | "unusually"
        | "utter" | "utterly" | "very" => Some(B_INCR),
        "almost" | "barely" | "hardly" | "kinda" | "kindof" | "kind-of" | "less" | "little"
        | "marginal" | "marginally" | "occasional" | "occasionally" | "partly" | "scarce"
        | "scarcely" | "slight" | "slightly" | "somewhat" | "sorta" | "sortof" | "sort-of" => {
            Some(-B_INCR)
        }
        _ => None,
    }
}

/// The two-word keys of `BOOSTER_DICT`, which only the idiom check can match.
const BOOSTER_BIGRAMS: &[([&str; 2], f64)] = &[
    (["just", "enough"], -B_INCR),
    (["kind", "of"], -B_INCR),
    (["sort", "of"], -B_INCR),
];

/// vaderSentiment's `SPECIAL_CASES`, split into words. Its one-word key ("badass") is left out:
/// the check only ever compares two- and three-word sequences with it.
const SPECIAL_CASES: &[(&[&str], f64)] = &[
    (&["the", "shit"], 3.0),
    (&["the", "bomb"], 3.0),
    (&["bad", "ass"], 1.5),
    (&["bus", "stop"], 0.0),
    (&["yeah", "right"], -2.0),
    (&["kiss", "of", "death"], -1.5),
    (&["to", "die", "for"], 3.0),
    (&["beating", "heart"], 3.5),
];

/// The VADER tables, parsed on first use.
struct Tables {
    lexicon: FxHashMap<&'static str, f64>,
    /// Only one-code-point keys: vaderSentiment compares the text one code point at a time, so
    /// its multi-code-point keys (flags, skin tones, ZWJ sequences) can never match.
    emoji: FxHashMap<char, &'static str>,
}

static TABLES: LazyLock<Tables> =
    LazyLock::new(|| load().expect("bundled VADER tables are validated by the vader tests"));

fn load() -> Result<Tables, Error> {
    let mut lexicon = FxHashMap::default();
    for row in parse::rows(VADER, 2)? {
        // Parsed as f64 from the text, as Python's float() does: no detour through f32.
        let v: f64 = row.value.trim().parse().map_err(|_| {
            Error::format(
                row.line,
                format!("expected a number in column 2, found {:?}", row.value),
            )
        })?;
        let (lo, hi) = VALENCE_RANGE;
        if !(f64::from(lo)..=f64::from(hi)).contains(&v) {
            return Err(Error::format(
                row.line,
                format!("value {v} is outside [{lo}, {hi}]"),
            ));
        }
        lexicon.insert(row.term, v);
    }
    let mut emoji = FxHashMap::default();
    for row in parse::rows(VADER_EMOJI, 2)? {
        let mut chars = row.term.chars();
        if let (Some(c), None) = (chars.next(), chars.next()) {
            emoji.insert(c, row.value);
        }
    }
    Ok(Tables { lexicon, emoji })
}

/// Parses the VADER tables now, so that the first [`analyze`] does not pay for it.
pub(crate) fn preload() {
    LazyLock::force(&TABLES);
}

/// Python's `str.isspace`: Rust's `char::is_whitespace` plus the four ASCII separators
/// U+001C..U+001F.
fn is_py_space(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}

/// Python's `str.isupper`: at least one upper-case letter and no lower-case or title-case one.
fn is_py_upper(word: &str) -> bool {
    let mut cased = false;
    for c in word.chars() {
        if c.is_lowercase() || is_titlecase(c) {
            return false;
        }
        cased |= c.is_uppercase();
    }
    cased
}

/// Unicode general category Lt (what Python's `istitle` flags).
fn is_titlecase(c: char) -> bool {
    matches!(
        c,
        '\u{1c5}' | '\u{1c8}' | '\u{1cb}' | '\u{1f2}' | '\u{1fbc}' | '\u{1fcc}' | '\u{1ffc}'
    ) || ('\u{1f88}'..='\u{1faf}').contains(&c) && (c as u32 & 0xf) >= 8
}

/// Python's `str.lower`, borrowing when nothing changes.
fn py_lower(word: &str) -> Cow<'_, str> {
    if word.is_ascii() {
        if word.bytes().any(|b| b.is_ascii_uppercase()) {
            Cow::Owned(word.to_ascii_lowercase())
        } else {
            Cow::Borrowed(word)
        }
    } else {
        let lower = word.to_lowercase();
        if lower == word {
            Cow::Borrowed(word)
        } else {
            Cow::Owned(lower)
        }
    }
}

/// `_strip_punc_if_word`: strips ASCII punctuation (`string.punctuation`) from both ends unless
/// two characters or fewer would remain.
fn strip_punc_if_word(token: &str) -> &str {
    let stripped = token.trim_matches(|c: char| c.is_ascii_punctuation());
    if stripped.chars().count() <= 2 {
        token
    } else {
        stripped
    }
}

/// Replaces every emoji code point by its description, as `polarity_scores` does.
fn replace_emoji<'a>(text: &'a str, emoji: &FxHashMap<char, &str>) -> Cow<'a, str> {
    // No key is ASCII, and most texts have no emoji at all.
    if text.is_ascii() || !text.chars().any(|c| emoji.contains_key(&c)) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 32);
    let mut prev_space = true;
    for c in text.chars() {
        if let Some(description) = emoji.get(&c) {
            if !prev_space {
                out.push(' ');
            }
            out.push_str(description);
            prev_space = false;
        } else {
            out.push(c);
            prev_space = c == ' ';
        }
    }
    Cow::Owned(out)
}

/// `negated([word])` on one lower-cased word. `n't` is matched with the ASCII apostrophe only.
fn negated(lower: &str) -> bool {
    NEGATE.contains(&lower) || lower.contains("n't")
}

/// One document's words, their lower-case forms and lexicon values.
struct Words<'a> {
    words: Vec<&'a str>,
    lower: Vec<Cow<'a, str>>,
    value: Vec<Option<f64>>,
    cap_diff: bool,
}

impl Words<'_> {
    fn len(&self) -> usize {
        self.words.len()
    }

    fn is(&self, i: usize, word: &str) -> bool {
        self.lower[i] == word
    }

    /// Whether the lower-cased words starting at `start` are `seq`.
    fn matches(&self, start: usize, seq: &[&str]) -> bool {
        start + seq.len() <= self.len()
            && seq
                .iter()
                .enumerate()
                .all(|(k, w)| self.lower[start + k] == *w)
    }

    /// `scalar_inc_dec`: what word `j` adds as a booster of a term of valence `valence`.
    fn scalar(&self, j: usize, valence: f64) -> f64 {
        let Some(mut scalar) = booster(&self.lower[j]) else {
            return 0.0;
        };
        if valence < 0.0 {
            scalar = -scalar;
        }
        if self.cap_diff && is_py_upper(self.words[j]) {
            if valence > 0.0 {
                scalar += C_INCR;
            } else {
                scalar -= C_INCR;
            }
        }
        scalar
    }

    /// `sentiment_valence` for a word found in the lexicon with value `base`.
    fn valence(&self, i: usize, base: f64) -> f64 {
        let n = self.len();
        let mut valence = base;
        // "no" before another lexicon word negates it rather than scoring itself.
        if self.is(i, "no") && i + 1 < n && self.value[i + 1].is_some() {
            valence = 0.0;
        }
        if (i > 0 && self.is(i - 1, "no"))
            || (i > 1 && self.is(i - 2, "no"))
            || (i > 2 && self.is(i - 3, "no") && (self.is(i - 1, "or") || self.is(i - 1, "nor")))
        {
            valence = base * N_SCALAR;
        }
        // Zero counts as negative here, as upstream: a shouted "NO" before a word gets −0.733.
        if self.cap_diff && is_py_upper(self.words[i]) {
            if valence > 0.0 {
                valence += C_INCR;
            } else {
                valence -= C_INCR;
            }
        }
        for start_i in 0..3 {
            let j = match i.checked_sub(start_i + 1) {
                Some(j) if self.value[j].is_none() => j,
                _ => continue,
            };
            let mut s = self.scalar(j, valence);
            if start_i == 1 && s != 0.0 {
                s *= 0.95;
            }
            if start_i == 2 && s != 0.0 {
                s *= 0.9;
            }
            valence += s;
            valence = self.negation_check(valence, start_i, i);
            if start_i == 2 {
                valence = self.special_idioms_check(valence, i);
            }
        }
        self.least_check(valence, i)
    }

    /// `_negation_check` for the word `start_i + 1` places before `i`.
    fn negation_check(&self, valence: f64, start_i: usize, i: usize) -> f64 {
        let so_or_this = |k: usize| self.is(k, "so") || self.is(k, "this");
        match start_i {
            0 if negated(&self.lower[i - 1]) => valence * N_SCALAR,
            1 if self.is(i - 2, "never") && so_or_this(i - 1) => valence * 1.25,
            1 if self.is(i - 2, "without") && self.is(i - 1, "doubt") => valence,
            1 if negated(&self.lower[i - 2]) => valence * N_SCALAR,
            // Upstream's operator precedence: "so"/"this" right before the term boosts on its
            // own, with or without "never".
            2 if (self.is(i - 3, "never") && so_or_this(i - 2)) || so_or_this(i - 1) => {
                valence * 1.25
            }
            2 if self.is(i - 3, "without")
                && (self.is(i - 2, "doubt") || self.is(i - 1, "doubt")) =>
            {
                valence
            }
            2 if negated(&self.lower[i - 3]) => valence * N_SCALAR,
            _ => valence,
        }
    }

    /// `_special_idioms_check` (only reached with `i >= 3`).
    fn special_idioms_check(&self, mut valence: f64, i: usize) -> f64 {
        let special = |start: usize, len: usize| {
            SPECIAL_CASES
                .iter()
                .find(|(seq, _)| seq.len() == len && self.matches(start, seq))
                .map(|&(_, v)| v)
        };
        // onezero, twoonezero, twoone, threetwoone, threetwo: the first hit wins.
        let behind = [(i - 1, 2), (i - 2, 3), (i - 2, 2), (i - 3, 3), (i - 3, 2)];
        if let Some(v) = behind.iter().find_map(|&(s, l)| special(s, l)) {
            valence = v;
        }
        if let Some(v) = special(i, 2) {
            valence = v;
        }
        if let Some(v) = special(i, 3) {
            valence = v;
        }
        // Booster bigrams among the preceding words ("kind of good").
        for start in [i - 3, i - 2] {
            for (seq, scalar) in BOOSTER_BIGRAMS {
                if self.matches(start, seq) {
                    valence += scalar;
                }
            }
        }
        valence
    }

    /// `_least_check`: "least" right before the term negates it, except "at least" and
    /// "very least".
    fn least_check(&self, valence: f64, i: usize) -> f64 {
        let least_before = i > 0 && self.value[i - 1].is_none() && self.is(i - 1, "least");
        if least_before && (i == 1 || !(self.is(i - 2, "at") || self.is(i - 2, "very"))) {
            valence * N_SCALAR
        } else {
            valence
        }
    }
}

/// `_but_check`, with upstream's `list.index` lookup: each value is rewritten where it *first*
/// occurs, so repeated values can be scaled twice or not at all.
fn but_check(words: &Words<'_>, sentiments: &mut [f64]) {
    let Some(bi) = (0..words.len()).find(|&i| words.is(i, "but")) else {
        return;
    };
    for k in 0..sentiments.len() {
        let value = sentiments[k];
        let si = sentiments.iter().position(|&s| s == value).unwrap_or(k);
        if si < bi {
            sentiments[si] = value * 0.5;
        } else if si > bi {
            sentiments[si] = value * 1.5;
        }
    }
}

/// `_punctuation_emphasis`: up to four `!` at 0.292, and two or more `?` at 0.18 each (0.96 from
/// four on), counted over the whole text.
fn punctuation_emphasis(text: &str) -> f64 {
    let ep = text.bytes().filter(|&b| b == b'!').count().min(4);
    let qm = text.bytes().filter(|&b| b == b'?').count();
    let qm_amp = match qm {
        0 | 1 => 0.0,
        2 | 3 => qm as f64 * 0.18,
        _ => 0.96,
    };
    ep as f64 * 0.292 + qm_amp
}

/// Python's `round(x, digits)`: the decimal nearest to the exact binary value, ties to even.
/// Rust's fixed-precision formatting rounds the exact value the same way.
fn py_round(x: f64, digits: usize) -> f64 {
    format!("{x:.digits$}").parse().unwrap_or(x)
}

/// Scores `text` exactly as vaderSentiment 3.3.2's `polarity_scores`.
pub(crate) fn analyze(text: &str) -> DocumentScore {
    let tables = &*TABLES;
    let replaced = replace_emoji(text, &tables.emoji);
    let body = replaced.trim_matches(is_py_space);
    let words: Vec<&str> = body
        .split(is_py_space)
        .filter(|w| !w.is_empty())
        .map(strip_punc_if_word)
        .collect();
    let lower: Vec<Cow<'_, str>> = words.iter().map(|w| py_lower(w)).collect();
    let value = lower
        .iter()
        .map(|w| tables.lexicon.get(&**w).copied())
        .collect();
    let upper = words.iter().filter(|w| is_py_upper(w)).count();
    // `allcap_differential`: some but not all words are ALL CAPS.
    let cap_diff = upper > 0 && upper < words.len();
    let words = Words {
        words,
        lower,
        value,
        cap_diff,
    };

    let n = words.len();
    let mut sentiments = Vec::with_capacity(n);
    let mut matched = 0;
    for i in 0..n {
        let skip = booster(&words.lower[i]).is_some()
            || (i + 1 < n && words.is(i, "kind") && words.is(i + 1, "of"));
        let v = match words.value[i] {
            Some(base) if !skip => {
                matched += 1;
                words.valence(i, base)
            }
            _ => 0.0,
        };
        sentiments.push(v);
    }
    but_check(&words, &mut sentiments);
    let (compound, pos, neu, neg) = score_valence(&sentiments, body);

    let compound = py_round(compound, 4);
    let (positive, negative, neutral) = (py_round(pos, 3), py_round(neg, 3), py_round(neu, 3));
    let trimmed = text.trim_start_matches(is_py_space);
    let start = text.len() - trimmed.len();
    let end = start + trimmed.trim_end_matches(is_py_space).len();
    let sentences = if n == 0 {
        Vec::new()
    } else {
        vec![SentenceScore {
            start,
            end,
            compound,
            positive,
            negative,
            neutral,
            emotions: Default::default(),
            signals: Default::default(),
        }]
    };
    DocumentScore {
        compound,
        positive,
        negative,
        neutral,
        polarity: label(compound),
        tokens: n,
        matched,
        sentences,
        emotions: Default::default(),
        signals: Default::default(),
        escalation: 0.0,
        escalate: false,
    }
}

/// `score_valence` before rounding: (compound, pos, neu, neg); all 0 for a text without words.
fn score_valence(sentiments: &[f64], text: &str) -> (f64, f64, f64, f64) {
    if sentiments.is_empty() {
        return (0.0, 0.0, 0.0, 0.0);
    }
    // Left to right from 0, like Python's `sum`.
    let mut sum: f64 = sentiments.iter().fold(0.0, |acc, &s| acc + s);
    let amp = punctuation_emphasis(text);
    if sum > 0.0 {
        sum += amp;
    } else if sum < 0.0 {
        sum -= amp;
    }
    let compound = (sum / (sum * sum + ALPHA).sqrt()).clamp(-1.0, 1.0);

    let (mut pos_sum, mut neg_sum, mut neu_count) = (0.0_f64, 0.0_f64, 0.0_f64);
    for &s in sentiments {
        if s > 0.0 {
            // +1 compensates for neutral words counting 1 each.
            pos_sum += s + 1.0;
        }
        if s < 0.0 {
            neg_sum += s - 1.0;
        }
        if s == 0.0 {
            neu_count += 1.0;
        }
    }
    if pos_sum > neg_sum.abs() {
        pos_sum += amp;
    } else if pos_sum < neg_sum.abs() {
        neg_sum -= amp;
    }
    let total = pos_sum + neg_sum.abs() + neu_count;
    (
        compound,
        (pos_sum / total).abs(),
        (neu_count / total).abs(),
        (neg_sum / total).abs(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_tables_load() {
        let t = load().unwrap();
        // vaderSentiment 3.3.2: 7,506 distinct keys, of which 7,492 are lower-case (the only ones
        // its lower-casing lookup can reach); 1,212 one-code-point emoji.
        assert_eq!(t.lexicon.len(), 7492);
        assert_eq!(t.lexicon.get("good"), Some(&1.9));
        assert_eq!(t.emoji.len(), 1212);
        assert_eq!(t.emoji.get(&'😁'), Some(&"beaming face with smiling eyes"));
    }

    #[test]
    fn python_string_semantics() {
        assert!(is_py_space('\u{1f}') && is_py_space('\u{a0}') && !is_py_space('\u{200b}'));
        assert!(is_py_upper("WTF!") && is_py_upper(":D") && !is_py_upper(":)"));
        assert!(!is_py_upper("\u{1c5}X") && is_titlecase('\u{1f8f}') && !is_titlecase('\u{1f90}'));
        assert_eq!(strip_punc_if_word("\"great!!\""), "great");
        assert_eq!(strip_punc_if_word(":)"), ":)");
        assert_eq!(strip_punc_if_word("no!"), "no!");
        assert_eq!(py_lower("ÉTÉ"), "été");
    }

    #[test]
    fn rounding_is_pythons() {
        // round(0.0625, 3) == 0.062 and round(0.4375, 3) == 0.438 (exact ties, to even);
        // round(0.1235, 3) == 0.123 (0.1235 is stored just below the tie).
        assert_eq!(py_round(0.0625, 3), 0.062);
        assert_eq!(py_round(0.4375, 3), 0.438);
        assert_eq!(py_round(0.1235, 3), 0.123);
        assert_eq!(py_round(-0.98785, 4), -0.9879);
    }

    #[test]
    fn emoji_spacing() {
        let t = &*TABLES;
        assert_eq!(
            replace_emoji("ok😁now", &t.emoji),
            "ok beaming face with smiling eyesnow"
        );
        assert_eq!(
            replace_emoji("😁😁", &t.emoji),
            "beaming face with smiling eyes beaming face with smiling eyes"
        );
        assert_eq!(replace_emoji("plain", &t.emoji), "plain");
    }

    #[test]
    fn but_rule_rewrites_first_equal_value() {
        let words = |w: [&'static str; 3]| Words {
            words: w.to_vec(),
            lower: w.map(Cow::Borrowed).to_vec(),
            value: vec![None; 3],
            cap_diff: false,
        };
        // Expected values measured with vaderSentiment 3.3.2's `_but_check`.
        let mut s = [1.9, 0.0, 1.9];
        but_check(&words(["good", "but", "good"]), &mut s);
        assert_eq!(s, [0.95, 0.0, 2.8499999999999996]);
        // 3.8 halves to 1.9, so the next 1.9 is found at index 0 and halves that one again.
        let mut s = [3.8, 1.9, 0.0];
        but_check(&words(["x", "y", "but"]), &mut s);
        assert_eq!(s, [0.95, 1.9, 0.0]);
    }
}
