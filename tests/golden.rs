//! The golden table: sentences that cover every rule and tokenizer case, each with the expected
//! label and a compound range (tests/data/golden.tsv).

use empathic::{Analyzer, Polarity};

#[test]
fn golden_sentences() {
    let table = include_str!("data/golden.tsv");
    let analyzer = Analyzer::new();
    let mut failures = Vec::new();
    let mut rows = 0;
    for (i, line) in table.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        assert_eq!(
            cols.len(),
            5,
            "golden.tsv line {}: expected 5 columns",
            i + 1
        );
        let (text, want, lo, hi, what) = (cols[0], cols[1], cols[2], cols[3], cols[4]);
        let lo: f64 = lo.parse().unwrap();
        let hi: f64 = hi.parse().unwrap();
        let score = analyzer.analyze(text);
        let got = score.polarity();
        rows += 1;
        if got.as_str() != want || !(lo..=hi).contains(&score.compound()) {
            failures.push(format!(
                "line {}: {text:?} ({what}): got {got} {:+.4}, want {want} in [{lo}, {hi}]\n{}",
                i + 1,
                score.compound(),
                analyzer.explain(text)
            ));
        }
    }
    assert!(rows >= 40, "golden table has only {rows} rows");
    assert!(
        failures.is_empty(),
        "{} of {rows} golden rows failed:\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}

#[test]
fn polarity_names_match_the_table() {
    for p in [
        Polarity::Positive,
        Polarity::Negative,
        Polarity::Neutral,
        Polarity::Mixed,
    ] {
        assert_eq!(p.to_string(), p.as_str());
    }
}
