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
//! (VADER's normalisation). A document sums its opinionated sentences and divides by the square
//! root of their number before the same mapping, so ten glowing and ten furious sentences give
//! about 0 (and [`Polarity::Mixed`]) and a long glowing review does not saturate at 0.99.
//!
//! # Features
//! | feature | default | what it adds |
//! |---|---|---|
//! | `parallel` | yes | rayon-parallel batch scoring |
//! | `serde` | yes | `Serialize`/`Deserialize` for every output type |
//! | `cli` | no | the `empathic` command-line tool (`cargo install empathic --features cli`) |

mod aggregate;
mod analyzer;
mod batch;
mod bucket;
mod builder;
mod error;
mod explain;
mod lexicon;
mod normalize;
mod rules;
mod score;
mod tokenize;

pub use aggregate::{Aggregate, GroupedAggregate, SERIALIZED_TOP_TERMS};
pub use analyzer::{Analyzer, analyze};
pub use batch::{DEFAULT_CHUNK_SIZE, ScoreStream};
pub use bucket::TimeBucket;
pub use builder::{AnalyzerBuilder, DEFAULT_MIXED_THRESHOLD, DEFAULT_NEGATION_WINDOW};
pub use error::Error;
pub use explain::{Contribution, Explanation, Modifier};
pub use lexicon::Source;
pub use score::{DocumentScore, Polarity, SentenceScore};
