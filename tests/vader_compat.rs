//! `Model::Vader` against Python vaderSentiment 3.3.2 on the 23,703 snippets of the VADER paper's
//! four ground-truth sets. The reference scores live in the shared evaluation data beside the
//! repository (`../shared/eval/vader/`); without them the test says why and passes.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use empathic::{Analyzer, Model, Polarity};

const SETS: [&str; 4] = ["tweets", "movies", "amazon", "nyt"];
const TOLERANCE: f64 = 1e-4;

fn data_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/eval/vader")
}

fn read_jsonl(path: &Path) -> Vec<serde_json::Value> {
    let text = std::fs::read_to_string(path).unwrap();
    text.lines()
        .enumerate()
        .map(|(i, l)| {
            serde_json::from_str(l).unwrap_or_else(|e| panic!("{}:{}: {e}", path.display(), i + 1))
        })
        .collect()
}

/// VADER's 3-class label: the ±0.05 band on the compound.
fn label(compound: f64) -> Polarity {
    if compound >= 0.05 {
        Polarity::Positive
    } else if compound <= -0.05 {
        Polarity::Negative
    } else {
        Polarity::Neutral
    }
}

#[test]
fn matches_python_vader_on_the_vader_snippets() {
    let dir = data_dir();
    let reference = dir.join("vader-3.3.2-reference.jsonl");
    if !reference.exists() || SETS.iter().any(|s| !dir.join(format!("{s}.jsonl")).exists()) {
        eprintln!("skipped: {} not found (shared evaluation data absent)", dir.display());
        return;
    }
    let expected: HashMap<String, [f64; 4]> = read_jsonl(&reference)
        .into_iter()
        .map(|v| {
            let n = |k: &str| v[k].as_f64().unwrap();
            let id = v["id"].as_str().unwrap().to_owned();
            (id, [n("compound"), n("pos"), n("neu"), n("neg")])
        })
        .collect();

    let vader = Analyzer::builder().model(Model::Vader).build().unwrap();
    let (mut total, mut label_mismatches, mut exact) = (0usize, 0usize, 0usize);
    let mut mismatches: Vec<(String, String, [f64; 4], [f64; 4])> = Vec::new();
    for set in SETS {
        for doc in read_jsonl(&dir.join(format!("{set}.jsonl"))) {
            let id = doc["id"].as_str().unwrap();
            let text = doc["text"].as_str().unwrap();
            let want = expected.get(id).unwrap_or_else(|| panic!("{id} has no reference score"));
            let s = vader.analyze(text);
            let got = [s.compound(), s.positive(), s.neutral(), s.negative()];
            total += 1;
            if label(got[0]) != label(want[0]) || s.polarity() != label(want[0]) {
                label_mismatches += 1;
            }
            exact += usize::from(got == *want);
            if got.iter().zip(want).any(|(g, w)| (g - w).abs() > TOLERANCE) {
                mismatches.push((id.to_owned(), text.to_owned(), got, *want));
            }
        }
    }
    assert_eq!(total, expected.len(), "every reference id is scored once");
    let rate = 1.0 - mismatches.len() as f64 / total as f64;
    println!(
        "VADER mode vs vaderSentiment 3.3.2: {} / {total} documents within {TOLERANCE} \
         ({:.3} %; {exact} identical to the last digit), {} outside, \
         {label_mismatches} label mismatches",
        total - mismatches.len(),
        100.0 * rate,
        mismatches.len()
    );
    for (id, text, got, want) in mismatches.iter().take(20) {
        println!("  {id}: got {got:?}, python {want:?}: {text:?}");
    }
    assert_eq!(label_mismatches, 0, "every 3-class label must match Python's");
    assert!(rate >= 0.999, "only {:.3} % of documents match within {TOLERANCE}", 100.0 * rate);
}
