//! Output types: document and sentence scores, and the polarity label.

use crate::emotion::EmotionScores;
use crate::signals::Signals;

/// The label of a document or sentence.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "lowercase"))]
#[non_exhaustive]
pub enum Polarity {
    /// Compound ≥ 0.05 (VADER's convention).
    Positive,
    /// Compound ≤ −0.05.
    Negative,
    /// Compound within ±0.05, or no sentiment-bearing words at all.
    Neutral,
    /// A strongly positive and a strongly negative sentence or clause in the same document
    /// ("Fantastic product, horrible support."; see
    /// [`AnalyzerBuilder::mixed_threshold`](crate::AnalyzerBuilder::mixed_threshold)).
    Mixed,
}

impl Polarity {
    /// The lower-case name used in serialised output: `"positive"`, `"negative"`, `"neutral"`,
    /// `"mixed"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Polarity::Positive => "positive",
            Polarity::Negative => "negative",
            Polarity::Neutral => "neutral",
            Polarity::Mixed => "mixed",
        }
    }
}

impl std::fmt::Display for Polarity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The neutral band around 0 used for labels (VADER's ±0.05).
pub(crate) const NEUTRAL_BAND: f64 = 0.05;

pub(crate) fn label(compound: f64) -> Polarity {
    if compound >= NEUTRAL_BAND {
        Polarity::Positive
    } else if compound <= -NEUTRAL_BAND {
        Polarity::Negative
    } else {
        Polarity::Neutral
    }
}

/// Scores of one sentence.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct SentenceScore {
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) compound: f64,
    pub(crate) positive: f64,
    pub(crate) negative: f64,
    pub(crate) neutral: f64,
    pub(crate) emotions: EmotionScores,
    pub(crate) signals: Signals,
}

impl SentenceScore {
    /// Byte offset of the sentence's first character in the document.
    pub fn start(&self) -> usize {
        self.start
    }
    /// Byte offset just past the sentence's last character.
    pub fn end(&self) -> usize {
        self.end
    }
    /// The sentence's valence in [−1, 1].
    pub fn compound(&self) -> f64 {
        self.compound
    }
    /// Share of positive sentiment mass; with `negative` and `neutral` it sums to 1.
    pub fn positive(&self) -> f64 {
        self.positive
    }
    /// Share of negative sentiment mass.
    pub fn negative(&self) -> f64 {
        self.negative
    }
    /// Share of words that carry no sentiment.
    pub fn neutral(&self) -> f64 {
        self.neutral
    }
    /// The sentence's label.
    pub fn polarity(&self) -> Polarity {
        label(self.compound)
    }
    /// The sentence's emotion intensities (all 0 when emotions are off).
    pub fn emotions(&self) -> &EmotionScores {
        &self.emotions
    }
    /// The sentence's customer signals (all 0 when emotions are off).
    pub fn signals(&self) -> &Signals {
        &self.signals
    }
}

/// The sentiment of a document: what [`Analyzer::analyze`](crate::Analyzer::analyze) returns.
///
/// Serialises (feature `serde`) with the field names `compound`, `positive`, `negative`,
/// `neutral`, `polarity`, `tokens`, `matched`, `sentences`, `emotions`, `signals`,
/// `escalation`, `escalate`.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct DocumentScore {
    pub(crate) compound: f64,
    pub(crate) positive: f64,
    pub(crate) negative: f64,
    pub(crate) neutral: f64,
    pub(crate) polarity: Polarity,
    pub(crate) tokens: usize,
    pub(crate) matched: usize,
    pub(crate) sentences: Vec<SentenceScore>,
    pub(crate) emotions: EmotionScores,
    pub(crate) signals: Signals,
    pub(crate) escalation: f64,
    pub(crate) escalate: bool,
}

impl DocumentScore {
    /// The document's valence in [−1, 1]: −1 most negative, +1 most positive.
    ///
    /// Opposite sentences cancel and length alone does not saturate it (see the crate docs).
    pub fn compound(&self) -> f64 {
        self.compound
    }
    /// Share of positive sentiment mass in [0, 1]; `positive + negative + neutral == 1`.
    pub fn positive(&self) -> f64 {
        self.positive
    }
    /// Share of negative sentiment mass in [0, 1].
    pub fn negative(&self) -> f64 {
        self.negative
    }
    /// Share of words that carry no sentiment, in [0, 1]. An empty text is all neutral.
    pub fn neutral(&self) -> f64 {
        self.neutral
    }
    /// The label: positive, negative, neutral, or mixed.
    pub fn polarity(&self) -> Polarity {
        self.polarity
    }
    /// Number of tokens read (words, numbers, emoji, emoticons, punctuation runs excluded).
    pub fn tokens(&self) -> usize {
        self.tokens
    }
    /// Number of lexicon terms (words, phrases, emoji, emoticons) that contributed.
    pub fn matched(&self) -> usize {
        self.matched
    }
    /// Per-sentence scores, in text order.
    pub fn sentences(&self) -> &[SentenceScore] {
        &self.sentences
    }
    /// The document's emotion intensities: per emotion, its strongest sentence, raised a little
    /// when the emotion recurs in several sentences (see the crate docs). All 0 when emotions
    /// are off ([`AnalyzerBuilder::emotions`](crate::AnalyzerBuilder::emotions)).
    ///
    /// ```
    /// use empathic::Emotion;
    ///
    /// let s = empathic::analyze("Honestly I'm scared this will break again.");
    /// assert_eq!(s.emotions().dominant(), Some(Emotion::Fear));
    /// ```
    pub fn emotions(&self) -> &EmotionScores {
        &self.emotions
    }
    /// The document's customer signals, aggregated over sentences like [`emotions`](Self::emotions).
    pub fn signals(&self) -> &Signals {
        &self.signals
    }
    /// The escalation score in [0, 1] that [`escalate`](Self::escalate) compares with the
    /// analyser's threshold: a noisy-OR of negative valence, frustration, urgency and churn
    /// intent, each times its weight,
    /// `1 − (1 − w_n·max(0, −compound))(1 − w_f·frustration)(1 − w_u·urgency)(1 − w_c·churn)`
    /// (default weights [`DEFAULT_ESCALATION_WEIGHTS`](crate::DEFAULT_ESCALATION_WEIGHTS)).
    pub fn escalation(&self) -> f64 {
        self.escalation
    }
    /// Whether a person should handle this text now: [`escalation`](Self::escalation) reached the
    /// threshold set with [`AnalyzerBuilder::escalation_threshold`](crate::AnalyzerBuilder::escalation_threshold)
    /// (default [`DEFAULT_ESCALATION_THRESHOLD`](crate::DEFAULT_ESCALATION_THRESHOLD)).
    ///
    /// ```
    /// let a = empathic::Analyzer::new();
    /// assert!(a.analyze("Third time I ask: cancel my subscription NOW!!").escalate());
    /// assert!(!a.analyze("Thanks, the new charger works great.").escalate());
    /// ```
    pub fn escalate(&self) -> bool {
        self.escalate
    }
}
