//! Fast, explainable sentiment scoring for what customers write: product reviews, survey answers,
//! support tickets and chat.
//!
//! Text goes through sentences → tokens (emoji, emoticons, contractions, ALL CAPS, elongation and
//! `!!!` kept as signals) → lexicon lookup (exact form, then English stem) → valence rules
//! (negation, boosters and dampeners, contrast, multi-word phrases, emphasis) → scores. The
//! lexicons ship inside the crate (`lexicons/` in the source, with their provenance and licences),
//! so it works with zero set-up.
//!
//! # Overview
//! - [`analyze`]: score a text with the default analyser.
//! - [`Analyzer`]: an immutable, `Send + Sync`, cheaply cloned scorer; build a custom one with
//!   [`Analyzer::builder`] ([`AnalyzerBuilder`]).
//! - [`DocumentScore`]: compound valence in [−1, 1], positive/negative/neutral shares, a
//!   [`Polarity`] label and per-sentence [`SentenceScore`]s.
//! - [`Explanation`]: every [`Contribution`] to a score with the [`Modifier`]s applied.
//! - [`EmotionScores`]: intensities of Plutchik's eight [`Emotion`]s, per document and sentence.
//! - [`Signals`]: customer [`Signal`]s (frustration, urgency, churn intent, gratitude, confusion)
//!   and [`DocumentScore::escalate`], a configurable rule to route a ticket to a person.
//! - Batches: [`Analyzer::analyze_batch`] (parallel, in order), [`Analyzer::analyze_stream`]
//!   (unbounded input, bounded memory), and [`Aggregate`] / [`GroupedAggregate`] statistics
//!   (mean, median, percentiles, polarity shares, net sentiment, top terms) that merge, grouped
//!   by any key or by [`TimeBucket`] for trends.
//!
//! # Example
//! ```
//! use empathic::{Analyzer, Polarity};
//!
//! let analyzer = Analyzer::new();
//! let score = analyzer.analyze("Arrived damaged and support never answered. Never again!");
//! assert_eq!(score.polarity(), Polarity::Negative);
//!
//! let why = analyzer.explain("The screen is NOT bad at all :)");
//! for c in &why.contributions {
//!     println!("{} {:+.2}", c.text, c.contribution);
//! }
//! ```
//!
//! # How a document score is made
//! Each sentence's terms add up to a raw sum `x`, mapped to [−1, 1] as `x / sqrt(x² + 15)`
//! (VADER's normalisation). A document takes the mean raw sum of its opinionated sentences,
//! weighted for contrast (a sentence opening with "However" outweighs the one before), times the
//! square root of their number up to four, and maps it the same way. So two agreeing sentences say
//! more than one, opposite sentences cancel (ten glowing plus ten furious sentences score about 0,
//! and [`Polarity::Mixed`]), and length alone never drives a long review to ±0.99.
//!
//! # Emotions and customer signals
//! The same walk over the tokens reads the emotion and signal lexicons (`lexicons/en/emotions.tsv`,
//! `signals.tsv`: Empath, a lexicon derived from GoEmotions' train split, and curated phrases;
//! no research-only NRC data), with the same negation scope and boosters as valence. A hit counts its lexicon
//! intensity, raised by boosters, CAPS and `!`; hits of one emotion combine as a noisy-OR
//! `1 − Π(1 − wᵢ)`. A negated term does not count for itself ("not happy" is not joy); negated joy
//! and trust give half their intensity to sadness and disgust. A document takes each emotion's
//! strongest sentence, raised when it recurs. Waiting times ("for 3 weeks"), `??`, `!!` and
//! shouting in a complaint add frustration and urgency.
//!
//! ```
//! use empathic::{Analyzer, Emotion};
//!
//! let s = Analyzer::new().analyze("Still waiting after 2 weeks?? I'm furious. Cancel my account.");
//! assert_eq!(s.emotions().dominant(), Some(Emotion::Anger));
//! assert!(s.signals().churn_intent() > 0.5 && s.escalate());
//! ```
//!
//! # Features
//! | feature | default | what it adds |
//! |---|---|---|
//! | `parallel` | yes | rayon-parallel batch scoring |
//! | `serde` | yes | `Serialize`/`Deserialize` for every output type |
//! | `cli` | no | the `empathic` command-line tool (`cargo install empathic --features cli`) |

mod affect;
mod aggregate;
mod analyzer;
mod batch;
mod bench_hooks;
mod bucket;
mod builder;
mod emotion;
mod error;
mod explain;
mod lexicon;
mod model;
mod normalize;
mod rating;
mod rules;
mod score;
mod segment;
mod signals;
mod stem;
mod tokenize;
mod transcript;
mod vader;

pub use affect::{DEFAULT_ESCALATION_THRESHOLD, DEFAULT_ESCALATION_WEIGHTS};
pub use aggregate::{Aggregate, GroupedAggregate, SERIALIZED_TOP_TERMS, SIGNAL_PRESENT};
pub use analyzer::{Analyzer, analyze};
pub use batch::{DEFAULT_CHUNK_SIZE, ScoreStream};
pub use bucket::TimeBucket;
pub use builder::{AnalyzerBuilder, DEFAULT_MIXED_THRESHOLD, DEFAULT_NEGATION_WINDOW};
pub use emotion::{Emotion, EmotionScores};
pub use error::Error;
pub use explain::{Contribution, Explanation, Modifier};
pub use lexicon::Source;
pub use model::Model;
pub use score::{DocumentScore, Polarity, SentenceScore};
pub use signals::{Signal, Signals};
pub use transcript::Speaker;

/// Hooks for the crate's benchmarks. Not part of the API: they may change in any release.
#[doc(hidden)]
pub mod __bench {
    pub use crate::bench_hooks::{load_builtin_lexicon, tokenize};
}

// The README's Rust examples run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
