//! Explanations: which terms made a score, and how each rule changed them.

use crate::lexicon::Source;
use crate::score::DocumentScore;

/// A rule that changed a term's valence, in the order applied.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "lowercase", tag = "rule"))]
#[non_exhaustive]
pub enum Modifier {
    /// A booster or dampener (`very`, `slightly`) added `delta` (already signed like the term).
    Boosted {
        /// The modifying word or phrase.
        by: String,
        /// What it added to the valence.
        delta: f64,
    },
    /// The term was written in ALL CAPS in a text that is not all caps.
    Caps {
        /// What it added.
        delta: f64,
    },
    /// The term was elongated (`goooood`).
    Elongated {
        /// What it added.
        delta: f64,
    },
    /// A negator in scope (`not`, `never`, `n't`) multiplied the valence by `factor`.
    Negated {
        /// The negating word.
        by: String,
        /// The factor applied.
        factor: f64,
    },
    /// A contrastive conjunction weighted the term's clause by `weight`.
    Contrast {
        /// The conjunction.
        by: String,
        /// The weight applied.
        weight: f64,
    },
    /// A phatic formula ("Best regards", "I hope you're well") in a message that says
    /// something else: it counts for nothing.
    Phatic,
    /// A word of a courteous request: a message that asks for something and holds nothing but
    /// mild praise ("I'd like to schedule ... I'll have the keys ready. Thanks!"), whose words
    /// are politeness and topic, so they count for nothing.
    Request,
    /// A word of an informational report: a message that opens as a note for other readers
    /// ("For anyone wondering, ...", "Fit notes for anyone sizing these boots:") and states no
    /// strong opinion, so its words are description and count for nothing.
    Informational,
    /// A middling verdict ("Mixed feelings.", "Three stars.", "3/5"): the document is neither
    /// praise nor complaint, so its positive compound was multiplied by `factor`.
    Middling {
        /// The factor applied to the document's positive compound.
        factor: f64,
    },
    /// A closing word of praise after nothing but complaints ("... doesn't scan. Fantastic."):
    /// sarcasm, so its sign turned.
    Ironic,
    /// Said in a chat transcript by the side that is not scored (the agent's "So sorry for the
    /// inconvenience!" when the customer is: [`Speaker`](crate::Speaker)), so it counts for
    /// nothing.
    OtherSpeaker,
}

/// One term or phrase that contributed to the score.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Contribution {
    /// Byte offset of the term's first character in the document.
    pub start: usize,
    /// Byte offset just past the term.
    pub end: usize,
    /// The text as written.
    pub text: String,
    /// Index of the sentence in [`DocumentScore::sentences`].
    pub sentence: usize,
    /// The lexicon entry that matched (normal form; a phrase's words joined by spaces).
    pub entry: String,
    /// Which lexicon the entry came from.
    pub source: Source,
    /// Whether the entry was found through the English stem of the word.
    pub by_stem: bool,
    /// The entry's valence before any rule.
    pub base: f64,
    /// The rules applied, in order.
    pub modifiers: Vec<Modifier>,
    /// What the term added to its sentence's raw sum.
    pub contribution: f64,
}

/// A score with the terms that explain it: what [`Analyzer::explain`](crate::Analyzer::explain)
/// returns.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Explanation {
    /// The same score [`Analyzer::analyze`](crate::Analyzer::analyze) returns.
    pub score: DocumentScore,
    /// Every contributing term, in text order; `!`/`?` emphasis appears as a term with
    /// source [`Source::Rule`].
    pub contributions: Vec<Contribution>,
}

impl std::fmt::Display for Explanation {
    /// A readable table: one line per contribution, then the document score.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for c in &self.contributions {
            write!(f, "{:>+7.3}  {:<24} {:?}", c.contribution, c.text, c.source)?;
            if c.by_stem {
                write!(f, " stem of {:?}", c.entry)?;
            } else if !c.text.eq_ignore_ascii_case(&c.entry) {
                write!(f, " as {:?}", c.entry)?;
            }
            write!(f, " base {:+.2}", c.base)?;
            for m in &c.modifiers {
                match m {
                    Modifier::Boosted { by, delta } => write!(f, ", {by:?} {delta:+.3}")?,
                    Modifier::Caps { delta } => write!(f, ", CAPS {delta:+.3}")?,
                    Modifier::Elongated { delta } => write!(f, ", elongated {delta:+.3}")?,
                    Modifier::Negated { by, factor } => write!(f, ", negated by {by:?} ×{factor}")?,
                    Modifier::Contrast { by, weight } => write!(f, ", {by:?} ×{weight}")?,
                    Modifier::Phatic => write!(f, ", a formula in a message with content ×0")?,
                    Modifier::Request => write!(f, ", part of a courteous request ×0")?,
                    Modifier::Informational => {
                        write!(f, ", description in an informational report ×0")?
                    }
                    Modifier::Ironic => write!(f, ", praise closing a complaint (sarcasm) ×-1")?,
                    Modifier::OtherSpeaker => {
                        write!(f, ", said by the other side of a chat transcript ×0")?
                    }
                    Modifier::Middling { factor } => {
                        write!(f, ", a middling verdict: the document's praise ×{factor}")?
                    }
                }
            }
            writeln!(f)?;
        }
        let s = &self.score;
        write!(
            f,
            "compound {:+.4} ({}), pos {:.3} neg {:.3} neu {:.3}",
            s.compound, s.polarity, s.positive, s.negative, s.neutral
        )
    }
}
