//! Batch scoring, streaming and aggregates over the sample archive in `examples/data/`.

use std::collections::BTreeMap;
use std::path::Path;

use empathic::{Aggregate, Analyzer, DocumentScore, GroupedAggregate, Polarity, TimeBucket};

struct Review {
    date: String,
    product: String,
    text: String,
}

fn reviews() -> Vec<Review> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/data/reviews.jsonl");
    let data = std::fs::read_to_string(path).expect("the sample archive ships with the crate");
    data.lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            let s = |k: &str| v[k].as_str().unwrap().to_owned();
            Review {
                date: s("date"),
                product: s("product"),
                text: s("text"),
            }
        })
        .collect()
}

fn texts() -> Vec<String> {
    reviews().into_iter().map(|r| r.text).collect()
}

#[test]
fn batch_equals_one_by_one() {
    let analyzer = Analyzer::new();
    let texts = texts();
    let one_by_one: Vec<DocumentScore> = texts.iter().map(|t| analyzer.analyze(t)).collect();
    assert_eq!(analyzer.analyze_batch(&texts), one_by_one);
    // &str slices work too, and an empty batch is empty.
    let borrowed: Vec<&str> = texts.iter().map(String::as_str).collect();
    assert_eq!(analyzer.analyze_batch(&borrowed), one_by_one);
    assert!(analyzer.analyze_batch::<&str>(&[]).is_empty());
    let explained: Vec<DocumentScore> = analyzer
        .explain_batch(&texts)
        .into_iter()
        .map(|e| e.score)
        .collect();
    assert_eq!(explained, one_by_one);
}

#[test]
fn stream_keeps_order_across_chunks() {
    let analyzer = Analyzer::new();
    let texts = texts();
    let expected = analyzer.analyze_batch(&texts);
    for chunk in [1, 7, 64, 1000] {
        // An iterator that is not a slice: the stream must buffer it itself.
        let stream = analyzer
            .analyze_stream(texts.iter().map(|t| t.as_str()))
            .chunk_size(chunk);
        assert_eq!(stream.collect::<Vec<_>>(), expected, "chunk size {chunk}");
    }
    assert_eq!(analyzer.analyze_stream(Vec::<String>::new()).count(), 0);
}

#[test]
fn stream_reads_only_what_it_needs() {
    // An endless input: taking three scores must not try to read it all.
    let analyzer = Analyzer::new();
    let endless = std::iter::repeat("good")
        .enumerate()
        .map(|(i, t)| if i % 2 == 0 { t } else { "bad" });
    let first: Vec<Polarity> = analyzer
        .analyze_stream(endless)
        .chunk_size(4)
        .take(3)
        .map(|s| s.polarity())
        .collect();
    assert_eq!(
        first,
        [Polarity::Positive, Polarity::Negative, Polarity::Positive]
    );
}

/// Everything except the mean must match exactly; the mean up to rounding.
fn assert_same(a: &Aggregate, b: &Aggregate) {
    assert_eq!(a.count(), b.count());
    for p in [
        Polarity::Positive,
        Polarity::Negative,
        Polarity::Neutral,
        Polarity::Mixed,
    ] {
        assert_eq!(a.polarity_count(p), b.polarity_count(p));
    }
    for q in [0.0, 0.1, 0.5, 0.9, 1.0] {
        assert_eq!(a.percentile(q), b.percentile(q));
    }
    assert_eq!(a.top_positive(usize::MAX), b.top_positive(usize::MAX));
    assert_eq!(a.top_negative(usize::MAX), b.top_negative(usize::MAX));
    assert_eq!(a.explained(), b.explained());
    assert!((a.mean().unwrap() - b.mean().unwrap()).abs() < 1e-12);
}

#[test]
fn merged_partials_equal_one_pass() {
    let analyzer = Analyzer::new();
    let explanations = analyzer.explain_batch(&texts());
    let single: Aggregate = explanations.iter().collect();
    for size in [1, 13, 100, 319] {
        let parts: Vec<Aggregate> = explanations
            .chunks(size)
            .map(|c| c.iter().collect())
            .collect();
        // Left fold, right fold and a tree: merging is associative.
        let left = parts
            .iter()
            .cloned()
            .fold(Aggregate::new(), Aggregate::merge);
        let right = parts
            .iter()
            .rev()
            .cloned()
            .fold(Aggregate::new(), |acc, p| p.merge(acc));
        let mut tree = parts.clone();
        while tree.len() > 1 {
            tree = tree
                .chunks(2)
                .map(|pair| {
                    pair.iter()
                        .cloned()
                        .fold(Aggregate::new(), Aggregate::merge)
                })
                .collect();
        }
        for merged in [&left, &right, &tree[0]] {
            assert_same(merged, &single);
        }
    }
    assert_same(&analyzer.aggregate_batch(&texts()), &single);
}

#[test]
fn aggregate_statistics_agree_with_the_scores() {
    let analyzer = Analyzer::new();
    let scores = analyzer.analyze_batch(&texts());
    let agg: Aggregate = scores.iter().collect();
    let mut compounds: Vec<f64> = scores.iter().map(DocumentScore::compound).collect();
    compounds.sort_by(f64::total_cmp);
    let n = compounds.len();
    // Nearest rank on the exact values, to the histogram's 0.001.
    let exact = |q: f64| compounds[((q * n as f64).ceil() as usize).max(1) - 1];
    for q in [0.1, 0.5, 0.9] {
        assert!(
            (agg.percentile(q).unwrap() - exact(q)).abs() <= 0.0005 + 1e-12,
            "q = {q}"
        );
    }
    let positive = scores
        .iter()
        .filter(|s| s.polarity() == Polarity::Positive)
        .count() as f64;
    let negative = scores
        .iter()
        .filter(|s| s.polarity() == Polarity::Negative)
        .count() as f64;
    let net = (positive - negative) / n as f64 * 100.0;
    assert!((agg.net_sentiment().unwrap() - net).abs() < 1e-9);
    let mean = compounds.iter().sum::<f64>() / n as f64;
    assert!((agg.mean().unwrap() - mean).abs() < 1e-12);
    // Scores alone carry no terms.
    assert!(agg.top_positive(5).is_empty() && agg.explained() == 0);
}

#[test]
fn grouped_by_product_and_month() {
    let analyzer = Analyzer::new();
    let reviews = reviews();
    let by_product = analyzer.aggregate_by(&reviews, |r| &r.text, |r| r.product.clone());
    let mut expected: BTreeMap<&str, u64> = BTreeMap::new();
    for r in &reviews {
        *expected.entry(&r.product).or_default() += 1;
    }
    let counts: BTreeMap<&str, u64> = by_product.iter().map(|(k, a)| (k, a.count())).collect();
    assert_eq!(counts, expected);
    assert_same(
        &by_product.total(),
        &analyzer.aggregate_batch(&reviews.iter().map(|r| &r.text).collect::<Vec<_>>()),
    );

    let by_month = analyzer.aggregate_by(
        &reviews,
        |r| &r.text,
        |r| TimeBucket::Month.key(&r.date).unwrap(),
    );
    let months: Vec<&str> = by_month.iter().map(|(k, _)| k).collect();
    let mut sorted: Vec<String> = reviews.iter().map(|r| r.date[..7].to_owned()).collect();
    sorted.dedup();
    assert_eq!(
        months, sorted,
        "months in chronological order, as in the date-ordered archive"
    );

    // Grouped results merge like plain ones.
    let (a, b) = reviews.split_at(100);
    let halves = analyzer
        .aggregate_by(a, |r| &r.text, |r| r.product.clone())
        .merge(analyzer.aggregate_by(b, |r| &r.text, |r| r.product.clone()));
    for (k, agg) in by_product.iter() {
        assert_same(halves.get(k).unwrap(), agg);
    }
    let empty = GroupedAggregate::new();
    assert!(empty.is_empty() && empty.total().count() == 0);
}

#[test]
fn weekly_keys_cover_every_review() {
    for r in reviews() {
        let week = TimeBucket::Week.key(&r.date).unwrap();
        assert!(week.starts_with("2026-W"), "{} -> {week}", r.date);
    }
}

#[test]
fn batch_types_are_thread_safe() {
    fn check<T: Send + Sync>() {}
    check::<Aggregate>();
    check::<GroupedAggregate>();
    check::<TimeBucket>();
    check::<empathic::ScoreStream<'static, std::vec::IntoIter<String>>>();
}

#[test]
fn aggregates_carry_emotions_signals_and_escalations() {
    use empathic::{Emotion, Signal};
    let analyzer = empathic::Analyzer::new();
    let texts = [
        "Thank you so much, Maria was wonderful!",
        "Still waiting after 3 weeks. Cancel my subscription NOW, this is unacceptable!!",
        "The kettle is fine.",
        "I'm furious, the order never arrived and nobody answers. I want a refund ASAP.",
    ];
    let scores = analyzer.analyze_batch(&texts);
    let whole: Aggregate = scores.iter().collect();
    // The same statistics whichever way the documents are split and merged.
    let mut left: Aggregate = scores[..1].iter().collect();
    left.merge_from(scores[1..].iter().collect());
    let close = |a: Option<f64>, b: Option<f64>| (a.unwrap() - b.unwrap()).abs() < 1e-12;
    assert_eq!(left.count(), whole.count());
    assert!(close(left.mean(), whole.mean()));
    assert_eq!(left.escalation_share(), whole.escalation_share());
    for e in Emotion::ALL {
        assert!(close(left.mean_emotion(e), whole.mean_emotion(e)));
    }
    for g in Signal::ALL {
        assert_eq!(left.signal_rate(g), whole.signal_rate(g));
    }

    let escalated = scores.iter().filter(|s| s.escalate()).count() as f64;
    assert!(escalated >= 1.0, "the furious tickets should escalate");
    assert_eq!(whole.escalation_share(), Some(escalated / 4.0));
    let joy: f64 = scores.iter().map(|s| s.emotions().get(Emotion::Joy)).sum();
    assert!((whole.mean_emotion(Emotion::Joy).unwrap() - joy / 4.0).abs() < 1e-12);
    let churn = scores
        .iter()
        .filter(|s| s.signals().get(Signal::ChurnIntent) >= empathic::SIGNAL_PRESENT)
        .count() as f64;
    assert!(churn >= 1.0);
    assert_eq!(whole.signal_rate(Signal::ChurnIntent), Some(churn / 4.0));
    assert_eq!(Aggregate::new().escalation_share(), None);

    #[cfg(feature = "serde")]
    {
        let json = serde_json::to_value(&whole).unwrap();
        assert!(json["emotions"]["joy"].as_f64().unwrap() > 0.0);
        assert_eq!(json["signals"]["churn_intent"]["documents"], churn as u64);
        let back: Aggregate = serde_json::from_value(json).unwrap();
        assert_eq!(back.escalation_share(), whole.escalation_share());
        assert_eq!(
            back.signal_rate(Signal::ChurnIntent),
            whole.signal_rate(Signal::ChurnIntent)
        );
    }
}
