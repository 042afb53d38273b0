//! Every bundled lexicon file follows the format in lexicons/README.md: a header naming its source
//! and licence, TAB-separated fields, lower-case single-spaced terms, byte-order sorted (so no
//! duplicates), values in range. The parser enforces part of this at load; this checks the rest.

use std::path::Path;

struct Spec {
    file: &'static str,
    columns: usize,
    /// Range of a numeric second column, if it is numeric.
    range: Option<(f64, f64)>,
    /// Emoji files: terms have no case to check.
    emoji: bool,
}

const SPECS: &[Spec] = &[
    Spec {
        file: "afinn.tsv",
        columns: 2,
        range: Some((-4.0, 4.0)),
        emoji: false,
    },
    Spec {
        file: "vader.tsv",
        columns: 2,
        range: Some((-4.0, 4.0)),
        emoji: false,
    },
    Spec {
        file: "customer.tsv",
        columns: 2,
        range: Some((-4.0, 4.0)),
        emoji: false,
    },
    Spec {
        file: "middling.tsv",
        columns: 2,
        range: Some((-4.0, 4.0)),
        emoji: false,
    },
    Spec {
        file: "phatic.tsv",
        columns: 2,
        range: Some((-4.0, 4.0)),
        emoji: false,
    },
    Spec {
        file: "emoji.tsv",
        columns: 2,
        range: Some((-4.0, 4.0)),
        emoji: true,
    },
    Spec {
        file: "vader_emoji.tsv",
        columns: 2,
        range: None,
        emoji: true,
    },
    Spec {
        file: "boosters.tsv",
        columns: 2,
        range: Some((-1.0, 1.0)),
        emoji: false,
    },
    Spec {
        file: "negators.tsv",
        columns: 1,
        range: None,
        emoji: false,
    },
    Spec {
        file: "contrast.tsv",
        columns: 2,
        range: None,
        emoji: false,
    },
    // label:weight lists; their values are checked in tests/emotions.rs.
    Spec {
        file: "emotions.tsv",
        columns: 2,
        range: None,
        emoji: false,
    },
    Spec {
        file: "signals.tsv",
        columns: 2,
        range: None,
        emoji: false,
    },
];

fn read(file: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("lexicons/en")
        .join(file);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Data lines as (line number, fields).
fn data(text: &str) -> Vec<(usize, Vec<&str>)> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.starts_with('#') && !l.trim().is_empty())
        .map(|(i, l)| (i + 1, l.split('\t').collect()))
        .collect()
}

#[test]
fn every_bundled_file_is_listed_here() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("lexicons/en");
    for entry in std::fs::read_dir(dir).unwrap() {
        let name = entry.unwrap().file_name().into_string().unwrap();
        if name.ends_with(".tsv") {
            assert!(
                SPECS.iter().any(|s| s.file == name),
                "{name} has no format check here"
            );
        }
    }
}

#[test]
fn headers_name_source_and_licence() {
    for spec in SPECS {
        let text = read(spec.file);
        let header: String = text
            .lines()
            .take_while(|l| l.starts_with('#') || l.trim().is_empty())
            .collect();
        let lower = header.to_lowercase();
        assert!(
            lower.contains("source"),
            "{}: header names no source",
            spec.file
        );
        assert!(
            lower.contains("licen"),
            "{}: header names no licence",
            spec.file
        );
        // Comments only in the header.
        let after = text
            .lines()
            .skip_while(|l| l.starts_with('#') || l.trim().is_empty());
        assert!(
            after.clone().all(|l| !l.starts_with('#')),
            "{}: comment after data",
            spec.file
        );
    }
}

#[test]
fn rows_are_well_formed_sorted_and_in_range() {
    for spec in SPECS {
        let text = read(spec.file);
        let rows = data(&text);
        assert!(!rows.is_empty(), "{} is empty", spec.file);
        let mut prev: Option<&str> = None;
        for (line, fields) in &rows {
            let at = format!("{} line {line}", spec.file);
            assert_eq!(fields.len(), spec.columns, "{at}: {fields:?}");
            let term = fields[0];
            assert!(
                !term.is_empty() && term.trim() == term,
                "{at}: stray whitespace"
            );
            assert!(!term.contains("  "), "{at}: double space");
            assert!(!term.contains('’'), "{at}: curly apostrophe (write ')");
            if !spec.emoji {
                assert_eq!(term, term.to_lowercase(), "{at}: not lower-case");
            }
            if let Some(p) = prev {
                assert!(
                    p.as_bytes() < term.as_bytes(),
                    "{at}: {term:?} not after {p:?}"
                );
            }
            prev = Some(term);
            if let Some((lo, hi)) = spec.range {
                let v: f64 = fields[1]
                    .parse()
                    .unwrap_or_else(|_| panic!("{at}: not a number"));
                assert!((lo..=hi).contains(&v), "{at}: {v} outside [{lo}, {hi}]");
            }
        }
    }
}

#[test]
fn afinn_only_adds_what_vader_lacks() {
    let vader = read("vader.tsv");
    let vader: std::collections::HashSet<&str> =
        data(&vader).into_iter().map(|(_, f)| f[0]).collect();
    let afinn = read("afinn.tsv");
    for (line, f) in data(&afinn) {
        assert!(
            !vader.contains(f[0]),
            "afinn.tsv line {line}: {:?} is in vader.tsv",
            f[0]
        );
    }
}

#[test]
fn contrast_kinds_are_known() {
    for (line, f) in data(&read("contrast.tsv")) {
        assert!(
            matches!(f[1], "but" | "although"),
            "contrast.tsv line {line}: {:?}",
            f[1]
        );
    }
}

#[test]
fn bundled_lexicons_build_and_match_through_contractions() {
    // Building parses every file (a malformed one is an error here, not a panic later).
    let a = empathic::Analyzer::builder()
        .build()
        .expect("bundled lexicons parse");
    // A phrase written expanded in the file matches every way of typing it.
    for text in [
        "It does not work",
        "It doesn't work",
        "It doesn’t work",
        "It doesnt work",
    ] {
        let e = a.explain(text);
        assert!(
            e.contributions.iter().any(|c| c.entry == "does not work"),
            "{text:?} did not match the phrase: {e}"
        );
    }
}

/// Phatic formulas are phrases: a single word ("dear", "regards") is opinion or nothing, and
/// only a whole formula is ritual.
#[test]
fn phatic_formulas_are_phrases() {
    for line in read("phatic.tsv").lines().filter(|l| !l.starts_with('#')) {
        let term = line.split('\t').next().unwrap_or_default();
        assert!(term.contains(' '), "phatic.tsv: {term:?} is one word");
    }
}
