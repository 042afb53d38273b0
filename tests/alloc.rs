//! `analyze` allocates nothing per document but the score it returns (the vector of its
//! sentence scores), once a thread has scored a few documents.

use std::alloc::System;

use stats_alloc::{INSTRUMENTED_SYSTEM, Region, StatsAlloc};

#[global_allocator]
static GLOBAL: &StatsAlloc<System> = &INSTRUMENTED_SYSTEM;

/// Texts of every shape the pipeline handles: sentences, phrases, stems, elongation, caps,
/// emoji, emoticons, contractions, URLs, non-ASCII text, empty text.
fn texts() -> Vec<String> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/data/reviews.jsonl");
    let mut texts: Vec<String> = std::fs::read_to_string(path)
        .expect("bundled reviews")
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).expect("valid JSON");
            v["text"].as_str().unwrap_or_default().to_owned()
        })
        .collect();
    texts.extend(
        [
            "",
            "   ",
            "Sooo GOOOD!!! Not bad at all :) 👍🏽 but the lid cracked :( — can't complain, dont care.",
            "Although it is cheap, it's disappointingly flimsy. However, support was amazing; they couldn't have been nicer.",
            "see https://example.com/bad or mail bad@example.com @bad #fail 5 stars",
            "Très bien, but the café's wifi is horrible… naïve résumé?",
            "I like it. Tastes like rubber. Never so happy! Never again.",
        ]
        .map(String::from),
    );
    texts
}

/// One test only: the counters are process-wide, and tests run on parallel threads.
#[test]
fn analyze_allocates_only_the_returned_score() {
    let analyzer = empathic::Analyzer::new();
    let texts = texts();
    assert!(texts.len() > 300);
    // Warm-up: the thread's workspace grows to the largest document and the stem memo fills.
    for t in &texts {
        std::hint::black_box(analyzer.analyze(t));
        std::hint::black_box(empathic::analyze(t));
    }
    for free_function in [false, true] {
        let region = Region::new(GLOBAL);
        let mut with_sentences = 0;
        for t in &texts {
            let score = if free_function {
                empathic::analyze(t)
            } else {
                analyzer.analyze(t)
            };
            // The one vector of sentence scores, when there is a sentence.
            with_sentences += usize::from(!std::hint::black_box(score).sentences().is_empty());
        }
        let stats = region.change();
        assert_eq!(
            (stats.allocations, stats.reallocations),
            (with_sentences, 0),
            "{} documents (free function: {free_function})",
            texts.len()
        );
    }
}
