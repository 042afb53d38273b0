//! Which scoring model an [`Analyzer`](crate::Analyzer) runs.

use crate::error::Error;

/// The scoring model, chosen with [`AnalyzerBuilder::model`](crate::AnalyzerBuilder::model).
///
/// ```
/// use empathic::{Analyzer, Model};
///
/// let vader = Analyzer::builder().model(Model::Vader).build()?;
/// // vaderSentiment 3.3.2 gives {'neg': 0.0, 'neu': 0.508, 'pos': 0.492, 'compound': 0.4404}.
/// let s = vader.analyze("The book was good.");
/// assert_eq!((s.compound(), s.positive(), s.neutral(), s.negative()), (0.4404, 0.492, 0.508, 0.0));
/// assert_eq!("vader".parse::<Model>()?, Model::Vader);
/// # Ok::<(), empathic::Error>(())
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "lowercase"))]
#[non_exhaustive]
pub enum Model {
    /// This crate's scorer: sentences, negation scopes, stems, contrast, phrases, and
    /// [`Polarity::Mixed`](crate::Polarity::Mixed). Takes every builder setting.
    #[default]
    Default,
    /// Reproduces vaderSentiment 3.3.2's `polarity_scores` (Hutto & Gilbert 2014): the same
    /// `compound`, `pos`, `neu` and `neg`, rounded as it rounds them (3 decimals, compound 4),
    /// with its tokenisation, emoji descriptions, idioms, negation and "but" rules, and its
    /// known defects (see the README, "Coming from Python VADER").
    ///
    /// The text is scored as one unit, as VADER does: the [`DocumentScore`](crate::DocumentScore)
    /// has one sentence spanning the trimmed text, [`tokens`](crate::DocumentScore::tokens) is
    /// VADER's word count, [`matched`](crate::DocumentScore::matched) the words found in its
    /// lexicon, and the polarity comes from the compound with the ±0.05 band (never
    /// [`Mixed`](crate::Polarity::Mixed)). A text without words scores 0 everywhere, `neutral`
    /// included, as in Python. [`Analyzer::explain`](crate::Analyzer::explain) returns the score
    /// with no contributions. The model uses VADER's own lexicon and takes no other builder
    /// setting.
    Vader,
}

impl Model {
    /// The name accepted by [`FromStr`](std::str::FromStr) and used in serialised settings:
    /// `"default"` or `"vader"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Model::Default => "default",
            Model::Vader => "vader",
        }
    }
}

impl std::fmt::Display for Model {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for Model {
    type Err = Error;

    /// Parses `"default"` or `"vader"` (ASCII case-insensitive).
    ///
    /// ```
    /// let err = "textblob".parse::<empathic::Model>().unwrap_err();
    /// assert!(err.is_config());
    /// assert_eq!(err.to_string(), "invalid configuration: unknown model \"textblob\" (expected \"default\" or \"vader\")");
    /// ```
    fn from_str(s: &str) -> Result<Self, Error> {
        [Model::Default, Model::Vader]
            .into_iter()
            .find(|m| s.eq_ignore_ascii_case(m.as_str()))
            .ok_or_else(|| {
                Error::config(format!(
                    "unknown model {s:?} (expected \"default\" or \"vader\")"
                ))
            })
    }
}
