//! Throughput of `empathic`, and of two Rust VADER ports on the same corpus in the same run.
//!
//! The corpus is the 23,703 VADER snippets (`../shared/eval/vader/{amazon,movies,nyt,tweets}.jsonl`)
//! when present, else the 320 reviews bundled in `examples/data/reviews.jsonl`. Every benchmark
//! checks a known document or token count inside its loop, so a broken benchmark fails instead
//! of looking fast. See `benches/README.md` for how to run them and the latest figures.

use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use empathic::Analyzer;

/// The VADER snippets: amazon 3,708 + movies 10,605 + nyt 5,190 + tweets 4,200.
const VADER_DOCS: usize = 23_703;
/// `examples/data/reviews.jsonl`.
const BUNDLED_DOCS: usize = 320;

struct Corpus {
    name: &'static str,
    docs: Vec<String>,
    bytes: u64,
}

fn texts(path: &Path) -> Option<Vec<String>> {
    let raw = std::fs::read_to_string(path).ok()?;
    raw.lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).ok()?;
            Some(v["text"].as_str()?.to_owned())
        })
        .collect()
}

fn corpus() -> Corpus {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let vader = root.join("../shared/eval/vader");
    let mut docs = Vec::new();
    for name in ["amazon", "movies", "nyt", "tweets"] {
        match texts(&vader.join(format!("{name}.jsonl"))) {
            Some(t) => docs.extend(t),
            None => {
                docs.clear();
                break;
            }
        }
    }
    let (name, docs) = if docs.is_empty() {
        eprintln!("{} not found: using the bundled reviews", vader.display());
        let docs = texts(&root.join("examples/data/reviews.jsonl")).expect("bundled corpus");
        assert_eq!(docs.len(), BUNDLED_DOCS);
        ("bundled-reviews", docs)
    } else {
        assert_eq!(docs.len(), VADER_DOCS);
        ("vader-snippets", docs)
    };
    let bytes = docs.iter().map(|d| d.len() as u64).sum();
    Corpus { name, docs, bytes }
}

/// One review sentence.
const SHORT: &str =
    "The kettle looks great but it stopped working after a week, so disappointed :(";

/// A review of about 500 words, made of the bundled reviews.
fn long_review() -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let docs = texts(&root.join("examples/data/reviews.jsonl")).expect("bundled corpus");
    let mut review = String::new();
    for d in docs {
        if review.split_whitespace().count() >= 500 {
            break;
        }
        review.push_str(&d);
        review.push(' ');
    }
    review
}

fn tokenize(c: &mut Criterion) {
    let corpus = corpus();
    let expected: usize = corpus
        .docs
        .iter()
        .map(|d| empathic::__bench::tokenize(d))
        .sum();
    assert!(expected > corpus.docs.len());
    let mut g = c.benchmark_group("tokenize");
    g.throughput(Throughput::Bytes(corpus.bytes));
    g.bench_function(corpus.name, |b| {
        b.iter(|| {
            let n: usize = corpus
                .docs
                .iter()
                .map(|d| empathic::__bench::tokenize(black_box(d)))
                .sum();
            assert_eq!(n, expected);
        })
    });
    g.finish();
}

fn analyze(c: &mut Criterion) {
    let analyzer = Analyzer::new();
    let long = long_review();
    let long_tokens = analyzer.analyze(&long).tokens();
    assert!(long_tokens >= 500);
    let short_tokens = analyzer.analyze(SHORT).tokens();
    let mut g = c.benchmark_group("analyze");
    g.throughput(Throughput::Bytes(SHORT.len() as u64));
    g.bench_function("short", |b| {
        b.iter(|| assert_eq!(analyzer.analyze(black_box(SHORT)).tokens(), short_tokens))
    });
    g.throughput(Throughput::Bytes(long.len() as u64));
    g.bench_function("long", |b| {
        b.iter(|| assert_eq!(analyzer.analyze(black_box(&long)).tokens(), long_tokens))
    });
    g.bench_function("long-explained", |b| {
        b.iter(|| {
            let e = analyzer.explain(black_box(&long));
            assert_eq!(e.score.tokens(), long_tokens);
        })
    });
    g.finish();
}

/// empathic (default: emotions and signals on; off; explained) and the two Rust VADER ports,
/// same corpus, same run, documents per second.
fn peers(c: &mut Criterion) {
    let corpus = corpus();
    let n = corpus.docs.len();
    let mut g = c.benchmark_group(format!("peers/{}", corpus.name));
    g.sample_size(10).measurement_time(Duration::from_secs(5));
    g.throughput(Throughput::Elements(n as u64));
    let analyzer = Analyzer::new();
    g.bench_function("empathic", |b| {
        b.iter(|| {
            let docs = corpus
                .docs
                .iter()
                .filter(|d| black_box(analyzer.analyze(d)).compound().is_finite())
                .count();
            assert_eq!(docs, n);
        })
    });
    // Emotions and signals are one pass (`AnalyzerBuilder::emotions`): off, valence only.
    let valence_only = Analyzer::builder()
        .emotions(false)
        .build()
        .expect("valid settings");
    g.bench_function("empathic-emotions-off", |b| {
        b.iter(|| {
            let docs = corpus
                .docs
                .iter()
                .filter(|d| black_box(valence_only.analyze(d)).compound().is_finite())
                .count();
            assert_eq!(docs, n);
        })
    });
    let explaining = Analyzer::new();
    g.bench_function("empathic-explained", |b| {
        b.iter(|| {
            let docs = corpus
                .docs
                .iter()
                .filter(|d| {
                    black_box(explaining.explain(d))
                        .score
                        .compound()
                        .is_finite()
                })
                .count();
            assert_eq!(docs, n);
        })
    });
    let vs = vader_sentimental::SentimentIntensityAnalyzer::new();
    g.bench_function("vader-sentimental", |b| {
        b.iter(|| {
            let docs = corpus
                .docs
                .iter()
                .filter(|d| black_box(vs.polarity_scores(d)).compound.is_finite())
                .count();
            assert_eq!(docs, n);
        })
    });
    let vsn = vader_sentiment::SentimentIntensityAnalyzer::new();
    g.bench_function("vader_sentiment", |b| {
        b.iter(|| {
            let docs = corpus
                .docs
                .iter()
                .filter(|d| black_box(vsn.polarity_scores(d))["compound"].is_finite())
                .count();
            assert_eq!(docs, n);
        })
    });
    g.finish();
}

/// `analyze_batch` on a pool of one thread against two, over 1k, 10k and 100k documents (the
/// corpus, cycled).
fn batch(c: &mut Criterion) {
    let corpus = corpus();
    let analyzer = Analyzer::new();
    let mut g = c.benchmark_group("batch");
    g.sample_size(10).measurement_time(Duration::from_secs(4));
    for size in [1_000usize, 10_000, 100_000] {
        let docs: Vec<&str> = corpus
            .docs
            .iter()
            .cycle()
            .take(size)
            .map(String::as_str)
            .collect();
        g.throughput(Throughput::Elements(size as u64));
        for threads in [1, 2] {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .expect("thread pool");
            let name = if threads == 1 {
                "sequential"
            } else {
                "parallel-2"
            };
            g.bench_with_input(BenchmarkId::new(name, size), &docs, |b, docs| {
                b.iter(|| assert_eq!(pool.install(|| analyzer.analyze_batch(docs)).len(), size))
            });
        }
    }
    g.finish();
}

fn lexicon(c: &mut Criterion) {
    let (words, _) = empathic::__bench::load_builtin_lexicon();
    assert!(words > 5_000, "{words} terms");
    let mut g = c.benchmark_group("lexicon");
    g.sample_size(20);
    // Valence + emotion lexicons + vocabulary: the first `Analyzer::new()`. Dropping them is
    // not part of getting ready, so it is left out of the timing.
    g.bench_function("load", |b| {
        b.iter_with_large_drop(|| {
            let (n, built) = empathic::__bench::load_builtin_lexicon();
            assert_eq!(n, words);
            built
        })
    });
    g.finish();
}

criterion_group!(benches, tokenize, analyze, peers, batch, lexicon);
criterion_main!(benches);
