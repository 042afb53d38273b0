//! Emotions: the eight of Plutchik's wheel, and their intensities in a text.

use std::str::FromStr;

use crate::error::Error;

/// One of Plutchik's eight basic emotions.
///
/// ```
/// use empathic::Emotion;
///
/// assert_eq!(Emotion::ALL.len(), 8);
/// assert_eq!("fear".parse::<Emotion>().unwrap(), Emotion::Fear);
/// assert_eq!(Emotion::Joy.to_string(), "joy");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "lowercase"))]
#[non_exhaustive]
pub enum Emotion {
    /// Anger, annoyance, rage ("furious", "pissed off", 😡).
    Anger,
    /// Anticipation: looking forward, interest, hope ("can't wait", "hoping", "curious").
    Anticipation,
    /// Disgust, loathing, revulsion ("disgusting", "gross", "vile").
    Disgust,
    /// Fear, worry, anxiety ("scared", "worried", "terrified").
    Fear,
    /// Joy, happiness, delight ("happy", "love it", "awesome").
    Joy,
    /// Sadness, disappointment, regret ("sad", "disappointed", "heartbroken").
    Sadness,
    /// Surprise, astonishment ("wow", "can't believe", "unexpected").
    Surprise,
    /// Trust, confidence, admiration ("reliable", "trustworthy", "impressed").
    Trust,
}

impl Emotion {
    /// All eight, in alphabetical order (the order of [`EmotionScores::iter`]).
    pub const ALL: [Emotion; 8] = [
        Emotion::Anger,
        Emotion::Anticipation,
        Emotion::Disgust,
        Emotion::Fear,
        Emotion::Joy,
        Emotion::Sadness,
        Emotion::Surprise,
        Emotion::Trust,
    ];

    /// The lower-case name used in lexicon files and serialised output.
    pub fn as_str(self) -> &'static str {
        match self {
            Emotion::Anger => "anger",
            Emotion::Anticipation => "anticipation",
            Emotion::Disgust => "disgust",
            Emotion::Fear => "fear",
            Emotion::Joy => "joy",
            Emotion::Sadness => "sadness",
            Emotion::Surprise => "surprise",
            Emotion::Trust => "trust",
        }
    }

    /// Position in [`Emotion::ALL`].
    pub(crate) fn index(self) -> usize {
        self as usize
    }
}

impl std::fmt::Display for Emotion {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Emotion {
    type Err = Error;

    /// Parses a lower-case name such as `"joy"`.
    fn from_str(s: &str) -> Result<Self, Error> {
        Emotion::ALL
            .into_iter()
            .find(|e| e.as_str() == s)
            .ok_or_else(|| Error::config(format!("unknown emotion {s:?}")))
    }
}

/// The intensity of each emotion in a document or sentence, each in [0, 1].
///
/// 0 means no word of that emotion was found; a single lexicon word gives its own intensity
/// (e.g. "happy" 0.8 joy), boosters ("very"), ALL CAPS and `!` raise it, and several words of the
/// same emotion add up towards 1 (see the crate docs). Serialises as an object with the lower-case
/// emotion names as keys.
///
/// ```
/// use empathic::Emotion;
///
/// let s = empathic::analyze("I'm so happy with it, but the delay made me furious.");
/// let e = s.emotions();
/// assert!(e.get(Emotion::Joy) > 0.5 && e.get(Emotion::Anger) > 0.5);
/// assert_eq!(e.get(Emotion::Sadness), 0.0);
/// assert!(matches!(e.dominant(), Some(Emotion::Anger | Emotion::Joy)));
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct EmotionScores {
    anger: f64,
    anticipation: f64,
    disgust: f64,
    fear: f64,
    joy: f64,
    sadness: f64,
    surprise: f64,
    trust: f64,
}

impl EmotionScores {
    pub(crate) fn from_array(v: [f64; 8]) -> Self {
        let [
            anger,
            anticipation,
            disgust,
            fear,
            joy,
            sadness,
            surprise,
            trust,
        ] = v;
        EmotionScores {
            anger,
            anticipation,
            disgust,
            fear,
            joy,
            sadness,
            surprise,
            trust,
        }
    }

    /// The intensity of `emotion`, in [0, 1].
    pub fn get(&self, emotion: Emotion) -> f64 {
        match emotion {
            Emotion::Anger => self.anger,
            Emotion::Anticipation => self.anticipation,
            Emotion::Disgust => self.disgust,
            Emotion::Fear => self.fear,
            Emotion::Joy => self.joy,
            Emotion::Sadness => self.sadness,
            Emotion::Surprise => self.surprise,
            Emotion::Trust => self.trust,
        }
    }

    /// Every emotion with its intensity, in [`Emotion::ALL`] order.
    pub fn iter(&self) -> impl Iterator<Item = (Emotion, f64)> + '_ {
        Emotion::ALL.into_iter().map(|e| (e, self.get(e)))
    }

    /// The most intense emotion, or `None` when no emotion was found. Ties go to the first in
    /// [`Emotion::ALL`] order.
    ///
    /// ```
    /// assert_eq!(empathic::analyze("The parcel arrived on Tuesday.").emotions().dominant(), None);
    /// ```
    pub fn dominant(&self) -> Option<Emotion> {
        let mut best: Option<(Emotion, f64)> = None;
        for (e, v) in self.iter() {
            if v > 0.0 && best.is_none_or(|(_, b)| v > b) {
                best = Some((e, v));
            }
        }
        best.map(|(e, _)| e)
    }
}
