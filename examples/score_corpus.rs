//! Scores every text of JSONL files (one `{"id": .., "text": ..}` object a line), for profiling
//! and for checking that an optimisation leaves every score unchanged.
//!
//! ```text
//! cargo run --release --example score_corpus -- [--dump out.tsv] [--explain out.txt] [--repeat N]
//!     [--engine NAME] [FILES...]
//! ```
//!
//! Without files it reads `../shared/eval/vader/{amazon,movies,nyt,tweets}.jsonl` (the 23,703
//! VADER snippets). `--dump` writes `id\tcompound\tpos\tneg\tneu\ttokens\tmatched` with every
//! float's exact bits, so two dumps are equal only if every score is bit-for-bit identical.
//! `--explain` writes every explanation. `--engine vader-sentimental` or `vader_sentiment`
//! times a peer crate instead. `--repeat N` scores the corpus N times and prints documents/s and MB/s.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut dump: Option<PathBuf> = None;
    let mut explain: Option<PathBuf> = None;
    let mut repeat = 1usize;
    let mut engine = String::from("empathic");
    let mut files: Vec<PathBuf> = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--dump" => dump = args.next().map(PathBuf::from),
            "--explain" => explain = args.next().map(PathBuf::from),
            "--engine" => engine = args.next().unwrap_or_default(),
            "--repeat" => repeat = args.next().and_then(|n| n.parse().ok()).unwrap_or(1),
            _ => files.push(a.into()),
        }
    }
    if files.is_empty() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/eval/vader");
        for name in ["amazon", "movies", "nyt", "tweets"] {
            files.push(dir.join(format!("{name}.jsonl")));
        }
    }
    let mut docs: Vec<(String, String)> = Vec::new();
    for f in &files {
        for line in std::fs::read_to_string(f)?.lines() {
            let v: serde_json::Value = serde_json::from_str(line)?;
            let id = v["id"].as_str().unwrap_or_default().to_owned();
            let text = v["text"].as_str().unwrap_or_default().to_owned();
            docs.push((id, text));
        }
    }
    let analyzer = empathic::Analyzer::new();
    if let Some(path) = dump {
        let mut out = std::io::BufWriter::new(std::fs::File::create(path)?);
        for (id, text) in &docs {
            let s = analyzer.analyze(text);
            writeln!(
                out,
                "{id}\t{:016x}\t{:016x}\t{:016x}\t{:016x}\t{}\t{}\t{:?}\t{}",
                s.compound().to_bits(),
                s.positive().to_bits(),
                s.negative().to_bits(),
                s.neutral().to_bits(),
                s.tokens(),
                s.matched(),
                s.polarity(),
                // Everything else (emotions, signals, sentences), floats in round-trip form.
                serde_json::to_string(&s)?,
            )?;
        }
    }
    if let Some(path) = explain {
        let mut out = std::io::BufWriter::new(std::fs::File::create(path)?);
        for (id, text) in &docs {
            writeln!(out, "{id}\n{}\n", analyzer.explain(text))?;
        }
    }
    let bytes: usize = docs.iter().map(|(_, t)| t.len()).sum();
    let start = Instant::now();
    let mut checksum = 0.0;
    match engine.as_str() {
        "empathic" => {
            for _ in 0..repeat {
                for (_, text) in &docs {
                    checksum += analyzer.analyze(text).compound();
                }
            }
        }
        "vader-sentimental" => {
            let peer = vader_sentimental::SentimentIntensityAnalyzer::new();
            for _ in 0..repeat {
                for (_, text) in &docs {
                    checksum += peer.polarity_scores(text).compound;
                }
            }
        }
        "vader_sentiment" => {
            let peer = vader_sentiment::SentimentIntensityAnalyzer::new();
            for _ in 0..repeat {
                for (_, text) in &docs {
                    checksum += peer.polarity_scores(text)["compound"];
                }
            }
        }
        other => return Err(format!("unknown engine {other:?}").into()),
    }
    let secs = start.elapsed().as_secs_f64();
    let n = (docs.len() * repeat) as f64;
    eprintln!(
        "{engine}: {} docs x {repeat}: {:.0} docs/s, {:.1} MB/s (checksum {checksum:.3})",
        docs.len(),
        n / secs,
        (bytes * repeat) as f64 / secs / 1e6,
    );
    Ok(())
}
