//! Emotion detection on GoEmotions: per-emotion precision, recall, F1 and macro-F1.
//!
//! ```text
//! cargo run --release --example evaluate_emotions -- ../shared/eval/goemotions
//! ```
//!
//! GoEmotions (Demszky et al. 2020) labels Reddit comments with 27 emotions. The six emotions
//! GoEmotions' own Ekman grouping (`ekman_mapping.json`, the `ekman` field of every row) shares
//! with Plutchik are evaluated; trust and anticipation have no GoEmotions counterpart:
//!
//! | emotion | GoEmotions labels |
//! |---|---|
//! | anger | anger, annoyance, disapproval |
//! | disgust | disgust |
//! | fear | fear, nervousness |
//! | joy | joy, amusement, approval, excitement, gratitude, love, optimism, relief, pride, admiration, desire, caring |
//! | sadness | sadness, disappointment, embarrassment, grief, remorse |
//! | surprise | surprise, realization, confusion, curiosity |
//!
//! A comment is predicted to carry an emotion when the document intensity reaches that
//! emotion's threshold. Thresholds are chosen on `train.jsonl` (best F1 per emotion on a grid of
//! 0.05 steps) and the scores are reported on `dev.jsonl`, which is never used for tuning. The
//! "any" row predicts an emotion whenever its intensity is above 0. NRCLex is measured with
//! `tools/nrclex_baseline.py`.

use std::path::Path;

use empathic::{Analyzer, Emotion};

const EVALUATED: [Emotion; 6] = [
    Emotion::Anger,
    Emotion::Disgust,
    Emotion::Fear,
    Emotion::Joy,
    Emotion::Sadness,
    Emotion::Surprise,
];

struct Row {
    gold: [bool; 6],
    scores: [f64; 6],
}

fn load(path: &Path, analyzer: &Analyzer) -> Result<Vec<Row>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut rows = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let v: serde_json::Value =
            serde_json::from_str(line).map_err(|e| format!("{}:{}: {e}", path.display(), i + 1))?;
        let text = v["text"]
            .as_str()
            .ok_or_else(|| format!("{}:{}: no text", path.display(), i + 1))?;
        let labels: Vec<&str> = v["ekman"]
            .as_array()
            .map(|a| a.iter().filter_map(|x| x.as_str()).collect())
            .unwrap_or_default();
        let score = analyzer.analyze(text);
        let mut gold = [false; 6];
        let mut scores = [0.0; 6];
        for (k, e) in EVALUATED.iter().enumerate() {
            gold[k] = labels.contains(&e.as_str());
            scores[k] = score.emotions().get(*e);
        }
        rows.push(Row { gold, scores });
    }
    Ok(rows)
}

/// Precision, recall and F1 of emotion `k` when predicting `score >= t` (and `score > 0`).
fn prf(rows: &[Row], k: usize, t: f64) -> (f64, f64, f64) {
    let (mut tp, mut fp, mut fn_) = (0.0, 0.0, 0.0);
    for r in rows {
        let pred = r.scores[k] > 0.0 && r.scores[k] >= t;
        match (pred, r.gold[k]) {
            (true, true) => tp += 1.0,
            (true, false) => fp += 1.0,
            (false, true) => fn_ += 1.0,
            _ => {}
        }
    }
    let p = if tp + fp > 0.0 { tp / (tp + fp) } else { 0.0 };
    let r = if tp + fn_ > 0.0 { tp / (tp + fn_) } else { 0.0 };
    let f = if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    (p, r, f)
}

fn report(name: &str, rows: &[Row], thresholds: &[f64; 6]) {
    let mut macro_f1 = 0.0;
    println!("| emotion | threshold | precision | recall | F1 |");
    println!("|---|---|---|---|---|");
    for (k, e) in EVALUATED.iter().enumerate() {
        let (p, r, f) = prf(rows, k, thresholds[k]);
        macro_f1 += f / 6.0;
        println!("| {e} | {:.2} | {p:.3} | {r:.3} | {f:.3} |", thresholds[k]);
    }
    println!("| **macro-F1 ({name})** | | | | **{macro_f1:.3}** |\n");
}

fn main() {
    let dir = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "../shared/eval/goemotions".to_owned());
    let dir = Path::new(&dir);
    let analyzer = Analyzer::new();
    let run = || -> Result<(), String> {
        let train = load(&dir.join("train.jsonl"), &analyzer)?;
        let dev = load(&dir.join("dev.jsonl"), &analyzer)?;
        let mut tuned = [0.0; 6];
        for (k, t) in tuned.iter_mut().enumerate() {
            let mut best = (-1.0, 0.0);
            for step in 0..20 {
                let cand = step as f64 * 0.05;
                let f = prf(&train, k, cand).2;
                if f > best.0 {
                    best = (f, cand);
                }
            }
            *t = best.1;
        }
        println!(
            "GoEmotions dev ({} comments), thresholds tuned on train ({} comments)\n",
            dev.len(),
            train.len()
        );
        report("tuned on train", &dev, &tuned);
        report("any intensity > 0", &dev, &[0.0; 6]);
        Ok(())
    };
    if let Err(e) = run() {
        eprintln!("evaluate_emotions: {e}");
        std::process::exit(1);
    }
}
