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
//! # Features
//! | feature | default | what it adds |
//! |---|---|---|
//! | `parallel` | yes | rayon-parallel batch scoring |
//! | `serde` | yes | `Serialize`/`Deserialize` for every output type |

mod analyzer;
mod bench_hooks;
mod builder;
mod error;
mod explain;
mod lexicon;
mod model;
mod normalize;
mod rules;
mod score;
mod segment;
mod stem;
mod tokenize;
mod vader;

pub use analyzer::{Analyzer, analyze};
pub use builder::{AnalyzerBuilder, DEFAULT_MIXED_THRESHOLD, DEFAULT_NEGATION_WINDOW};
pub use error::Error;
pub use explain::{Contribution, Explanation, Modifier};
pub use lexicon::Source;
pub use model::Model;
pub use score::{DocumentScore, Polarity, SentenceScore};

/// Hooks for the crate's benchmarks. Not part of the API: they may change in any release.
#[doc(hidden)]
pub mod __bench {
    pub use crate::bench_hooks::{load_builtin_lexicon, tokenize};
}
