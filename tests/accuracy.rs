//! Accuracy must not regress: measures every polarity set under `../shared/eval` on the holdout
//! split (odd FNV-1a hash of `id`) with the `evaluate` example's own code, and fails when a 3-class
//! macro-F1, binary accuracy or Pearson r falls more than 0.01 below
//! `tests/data/accuracy-baseline.json`. Regenerate the baseline after a deliberate change with
//!
//! ```text
//! cargo run --release --example evaluate -- ../shared/eval --split holdout --json > tests/data/accuracy-baseline.json
//! ```
//!
//! Skips, saying why, when `../shared/eval` is absent. The metric, loader and grouping unit
//! tests run here too, since the example's own tests are not run by `cargo test`.

#[allow(dead_code)]
#[path = "../examples/evaluate/dataset.rs"]
mod dataset;
#[allow(dead_code)]
#[path = "../examples/evaluate/eval.rs"]
mod eval;
#[allow(dead_code)]
#[path = "../examples/evaluate/metrics.rs"]
mod metrics;

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

use dataset::{SetFile, Split};
use eval::Figures;

/// The largest drop below the baseline a figure may show.
const MARGIN: f64 = 0.01;
/// The figures pinned, as named in the baseline JSON.
const PINNED: [&str; 3] = ["macro_f1", "binary_accuracy", "pearson"];

fn pinned(f: &Figures, metric: &str) -> Option<f64> {
    match metric {
        "macro_f1" => f.macro_f1(),
        "binary_accuracy" => f.binary_accuracy,
        "pearson" => f.pearson,
        _ => None,
    }
}

/// Current holdout figures keyed by (file, domain).
fn measure(root: &Path) -> BTreeMap<(String, Option<String>), Figures> {
    let analyzer = empathic::Analyzer::new();
    let mut out = BTreeMap::new();
    let files = dataset::jsonl_files(root).unwrap_or_else(|e| panic!("{e}"));
    for path in files {
        let items = match dataset::load_set(&path) {
            Ok(SetFile::Labelled(items)) => items,
            Ok(SetFile::Skipped(_)) => continue,
            Err(e) => panic!("{e}"),
        };
        let file = dataset::relative_name(root, &path);
        let items: Vec<&dataset::Item> = items
            .iter()
            .filter(|it| Split::Holdout.contains(&it.id))
            .collect();
        let texts: Vec<&str> = items.iter().map(|it| it.text.as_str()).collect();
        let compounds = eval::score_empathic(&analyzer, &texts);
        for g in eval::groups(&file, &items, &compounds) {
            out.insert((g.file, g.domain), g.figures);
        }
    }
    out
}

#[test]
fn holdout_accuracy_does_not_drop_below_the_baseline() {
    let crate_root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let root = crate_root.join("../shared/eval");
    if !root.is_dir() {
        println!(
            "skipped: {} is absent (the evaluation data lives beside the crate)",
            root.display()
        );
        return;
    }
    let baseline_path = crate_root.join("tests/data/accuracy-baseline.json");
    let baseline: serde_json::Value = std::fs::read_to_string(&baseline_path)
        .map_err(|e| e.to_string())
        .and_then(|s| serde_json::from_str(&s).map_err(|e| e.to_string()))
        .unwrap_or_else(|e| panic!("{}: {e}", baseline_path.display()));
    assert_eq!(
        baseline["split"], "holdout",
        "the baseline must be measured on the holdout split"
    );
    let sets = baseline["sets"]
        .as_array()
        .expect("baseline `sets` is a list");

    let started = std::time::Instant::now();
    let current = measure(&root);
    let elapsed = started.elapsed();

    let mut table = format!(
        "{:<36} {:<16} {:>9} {:>9} {:>8}\n",
        "set", "figure", "baseline", "current", "change"
    );
    let mut failures = Vec::new();
    let mut gains = Vec::new();
    for set in sets {
        let file = set["file"]
            .as_str()
            .expect("baseline set has a `file`")
            .to_owned();
        let domain = set["domain"].as_str().map(str::to_owned);
        let name = match &domain {
            Some(d) => format!("{file} [{d}]"),
            None => file.clone(),
        };
        let Some(figures) = current.get(&(file, domain)) else {
            failures.push(format!(
                "{name}: in the baseline but not found under {}",
                root.display()
            ));
            continue;
        };
        for metric in PINNED {
            let Some(base) = set[metric].as_f64() else {
                continue;
            };
            let now = pinned(figures, metric);
            let change = now.map_or(f64::NEG_INFINITY, |n| n - base);
            let shown = now.map_or_else(|| "-".to_owned(), |n| format!("{n:.4}"));
            let _ = writeln!(
                table,
                "{name:<36} {metric:<16} {base:>9.4} {shown:>9} {:>+8.4}",
                eval::round4(change) + 0.0
            );
            if change < -MARGIN {
                failures.push(format!(
                    "{name}: {metric} {shown} < baseline {base:.4} − {MARGIN}"
                ));
            } else if change > MARGIN {
                gains.push(format!("{name}: {metric} {shown} > baseline {base:.4}"));
            }
        }
    }
    for (file, domain) in current.keys() {
        let known = sets
            .iter()
            .any(|s| s["file"] == file.as_str() && s["domain"].as_str() == domain.as_deref());
        if !known {
            println!("note: {file} {domain:?} is not in the baseline (regenerate it to pin it)");
        }
    }
    println!("{table}scored the holdout split in {elapsed:.1?}");
    if !gains.is_empty() {
        println!(
            "improved by more than {MARGIN}; regenerate the baseline to pin the gain:\n  {}",
            gains.join("\n  ")
        );
    }
    assert!(
        failures.is_empty(),
        "accuracy regressed:\n  {}\n\n{table}",
        failures.join("\n  ")
    );
}

/// Binary accuracy on the bundled customer probe (`tests/data/probe/customer-probe.jsonl`),
/// measured 2026-11-22 with `cargo run --release --example evaluate -- tests/data/probe`.
const PROBE_BINARY_ACCURACY: f64 = 0.7350;
/// 3-class macro-F1 and binary accuracy on the bundled support probe
/// (`tests/data/probe/support-probe.jsonl`, all 600 texts), measured the same way.
const SUPPORT_MACRO_F1: f64 = 0.8772;
/// See [`SUPPORT_MACRO_F1`].
const SUPPORT_BINARY_ACCURACY: f64 = 0.8952;
/// 3-class macro-F1 and binary accuracy on the second support probe
/// (`tests/data/probe/support-probe-2.jsonl`, all 720 texts, written blind in the tenth session),
/// measured the same way.
const SUPPORT2_MACRO_F1: f64 = 0.8517;
/// See [`SUPPORT2_MACRO_F1`].
const SUPPORT2_BINARY_ACCURACY: f64 = 0.8926;
/// 3-class macro-F1 and binary accuracy on the third support probe
/// (`tests/data/probe/support-probe-3.jsonl`, all 600 longer US texts, written blind in the
/// eleventh session), measured the same way.
const SUPPORT3_MACRO_F1: f64 = 0.7550;
/// See [`SUPPORT3_MACRO_F1`].
const SUPPORT3_BINARY_ACCURACY: f64 = 0.7978;
/// 3-class macro-F1 and binary accuracy on the review probe (`tests/data/probe/review-probe.jsonl`,
/// all 600 reviews of six domains, written blind in the twelfth session), measured the same way.
const REVIEW_MACRO_F1: f64 = 0.7859;
/// See [`REVIEW_MACRO_F1`].
const REVIEW_BINARY_ACCURACY: f64 = 0.9000;
/// 3-class macro-F1 and binary accuracy on the social probe (`tests/data/probe/social-probe.jsonl`,
/// all 600 posts to and about brands, written blind in the thirteenth session), measured the
/// same way.
const SOCIAL_MACRO_F1: f64 = 0.8328;
/// See [`SOCIAL_MACRO_F1`].
const SOCIAL_BINARY_ACCURACY: f64 = 0.8200;
/// 3-class macro-F1 and binary accuracy on the long-review probe
/// (`tests/data/probe/longreview-probe.jsonl`, all 300 reviews of 60 to 530 words, written blind
/// in the fourteenth session), measured the same way.
const LONGREVIEW_MACRO_F1: f64 = 0.6199;
/// See [`LONGREVIEW_MACRO_F1`].
const LONGREVIEW_BINARY_ACCURACY: f64 = 0.6974;

/// 3-class macro-F1 and binary accuracy on the transcript probe
/// (`tests/data/probe/transcript-probe.jsonl`, all 300 support chats of 2 to 12 turns, written
/// blind in the fifteenth session), measured the same way.
const TRANSCRIPT_MACRO_F1: f64 = 0.8631;
/// See [`TRANSCRIPT_MACRO_F1`].
const TRANSCRIPT_BINARY_ACCURACY: f64 = 0.8711;
/// How much scoring only the customer's turns adds to the transcript probe's macro-F1 over
/// reading every line (measured 0.863 against 0.618).
const TRANSCRIPT_GAIN: f64 = 0.15;

/// The whole-file figures of a probe bundled in `tests/data/probe` (so that its test runs
/// everywhere, `../shared` or not).
fn probe_figures(file: &str, texts: usize) -> Figures {
    probe_figures_with(file, texts, &empathic::Analyzer::new())
}

/// [`probe_figures`] with another analyser.
fn probe_figures_with(file: &str, texts: usize, analyzer: &empathic::Analyzer) -> Figures {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/probe")
        .join(file);
    let Ok(SetFile::Labelled(items)) = dataset::load_set(&path) else {
        panic!("{}: not a labelled set", path.display());
    };
    assert_eq!(items.len(), texts, "{file} has {texts} texts");
    let items: Vec<&dataset::Item> = items.iter().collect();
    let texts: Vec<&str> = items.iter().map(|it| it.text.as_str()).collect();
    let compounds = eval::score_empathic(analyzer, &texts);
    eval::groups(file, &items, &compounds)
        .into_iter()
        .find(|g| g.domain.is_none())
        .expect("the whole-file group")
        .figures
}

fn assert_kept(what: &str, now: f64, pinned: f64) {
    println!("{what} {now:.4} (pinned {pinned:.4})");
    assert!(
        now >= pinned - MARGIN,
        "{what} fell to {now:.4} from {pinned:.4}"
    );
}

#[test]
fn customer_probe_accuracy_does_not_drop() {
    let f = probe_figures("customer-probe.jsonl", 600);
    let now = f.binary_accuracy.expect("binary accuracy");
    assert_kept("customer probe binary accuracy", now, PROBE_BINARY_ACCURACY);
}

/// A three-class probe keeps its macro-F1 and its binary accuracy.
fn assert_three_class_kept(name: &str, file: &str, texts: usize, f1: f64, binary: f64) {
    let f = probe_figures(file, texts);
    let now = f.macro_f1().expect("macro-F1");
    assert_kept(&format!("{name} macro-F1"), now, f1);
    let now = f.binary_accuracy.expect("binary accuracy");
    assert_kept(&format!("{name} binary accuracy"), now, binary);
}

#[test]
fn support_probe_accuracy_does_not_drop() {
    assert_three_class_kept(
        "support probe",
        "support-probe.jsonl",
        600,
        SUPPORT_MACRO_F1,
        SUPPORT_BINARY_ACCURACY,
    );
}

#[test]
fn second_support_probe_accuracy_does_not_drop() {
    assert_three_class_kept(
        "support probe 2",
        "support-probe-2.jsonl",
        720,
        SUPPORT2_MACRO_F1,
        SUPPORT2_BINARY_ACCURACY,
    );
}

#[test]
fn third_support_probe_accuracy_does_not_drop() {
    assert_three_class_kept(
        "support probe 3",
        "support-probe-3.jsonl",
        600,
        SUPPORT3_MACRO_F1,
        SUPPORT3_BINARY_ACCURACY,
    );
}

#[test]
fn review_probe_accuracy_does_not_drop() {
    assert_three_class_kept(
        "review probe",
        "review-probe.jsonl",
        600,
        REVIEW_MACRO_F1,
        REVIEW_BINARY_ACCURACY,
    );
}

#[test]
fn social_probe_accuracy_does_not_drop() {
    assert_three_class_kept(
        "social probe",
        "social-probe.jsonl",
        600,
        SOCIAL_MACRO_F1,
        SOCIAL_BINARY_ACCURACY,
    );
}

#[test]
fn long_review_probe_accuracy_does_not_drop() {
    assert_three_class_kept(
        "long-review probe",
        "longreview-probe.jsonl",
        300,
        LONGREVIEW_MACRO_F1,
        LONGREVIEW_BINARY_ACCURACY,
    );
}

#[test]
fn transcript_probe_accuracy_does_not_drop() {
    assert_three_class_kept(
        "transcript probe",
        "transcript-probe.jsonl",
        300,
        TRANSCRIPT_MACRO_F1,
        TRANSCRIPT_BINARY_ACCURACY,
    );
}

/// The agent's scripted courtesy and the customer's "ok thanks" hide how the customer feels:
/// reading only the customer's turns must stay clearly better than reading every line.
#[test]
fn transcripts_are_scored_on_the_customers_turns() {
    let everyone = empathic::Analyzer::builder()
        .speaker(empathic::Speaker::Everyone)
        .build()
        .expect("valid settings");
    let whole = probe_figures_with("transcript-probe.jsonl", 300, &everyone);
    let customer = probe_figures("transcript-probe.jsonl", 300);
    let (whole, customer) = (
        whole.macro_f1().expect("macro-F1"),
        customer.macro_f1().expect("macro-F1"),
    );
    println!("transcript probe macro-F1: customer's turns {customer:.4}, every line {whole:.4}");
    assert!(
        customer >= whole + TRANSCRIPT_GAIN,
        "customer's turns {customer:.4} against every line {whole:.4}"
    );
}
