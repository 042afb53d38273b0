//! Precomputes, from the bundled lexicon files, what the first analyser would otherwise compute
//! at load:
//!
//! - the English stems of the bundled lexicons' words, so that loading them does not run the
//!   stemmer ~9,000 times (it was about 40 % of the load time). A word the table lacks (a user's
//!   term) is stemmed at load as before, and a unit test checks every entry against the stemmer.
//! - the rows of the bundled valence files, parsed (`lexicon::builtin`): term and value, in file
//!   order, so that the load only keys them. A file with anything the crate's parser could reject
//!   gets no table (`None`) and is parsed at load as before, which reports the error with its
//!   line; a unit test checks every table against that parser.

use std::collections::{BTreeSet, HashSet};
use std::fmt::Write as _;
use std::path::Path;

/// The files whose words get stem indexes (valence and emotion lexicons).
const FILES: [&str; 5] = [
    "afinn.tsv",
    "vader.tsv",
    "customer.tsv",
    "emotions.tsv",
    "signals.tsv",
];
/// Shorter words never yield an indexed stem (`lexicon::MIN_STEM_LEN`).
const MIN_LEN: usize = 5;

fn main() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("lexicons/en");
    let mut words = BTreeSet::new();
    for name in FILES {
        println!("cargo:rerun-if-changed=lexicons/en/{name}");
        // A file that cannot be read is reported by the crate's own include_str!.
        let text = std::fs::read_to_string(dir.join(name)).unwrap_or_default();
        for line in text.lines().filter(|l| !l.starts_with('#')) {
            let term = line.split('\t').next().unwrap_or_default();
            if term.len() >= MIN_LEN && term.bytes().all(|b| b.is_ascii_lowercase()) {
                words.insert(term.to_owned());
            }
        }
    }
    let stemmer = rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::English);
    let mut out = String::from(
        "/// `(word, English stem)` of the bundled lexicons' words, sorted by word.\n\
         pub(crate) static LEXICON_STEMS: &[(&str, &str)] = &[\n",
    );
    for w in &words {
        let _ = writeln!(out, "    ({w:?}, {:?}),", stemmer.stem(w));
    }
    out.push_str("];\n");
    let out_dir = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    std::fs::write(Path::new(&out_dir).join("stems.rs"), out).expect("OUT_DIR is writable");

    let mut out = String::new();
    for (name, file) in VALENCE_FILES {
        println!("cargo:rerun-if-changed=lexicons/en/{file}");
        let text = std::fs::read_to_string(dir.join(file)).unwrap_or_default();
        let _ = writeln!(
            out,
            "/// The rows of `lexicons/en/{file}` (see `build.rs`).\n\
             pub(crate) static {name}: Option<&[(&str, f32)]> = "
        );
        match valence_rows(&text) {
            Some(rows) => {
                out.push_str("Some(&[\n");
                for (term, v) in rows {
                    let _ = writeln!(
                        out,
                        "    ({term:?}, f32::from_bits({:#010x})),",
                        v.to_bits()
                    );
                }
                out.push_str("]);\n");
            }
            None => out.push_str("None;\n"),
        }
    }
    std::fs::write(Path::new(&out_dir).join("valence_rows.rs"), out).expect("OUT_DIR is writable");
}

/// The bundled valence files parsed here, with the names of their tables.
const VALENCE_FILES: [(&str, &str); 5] = [
    ("AFINN_ROWS", "afinn.tsv"),
    ("VADER_ROWS", "vader.tsv"),
    ("EMOJI_ROWS", "emoji.tsv"),
    ("CUSTOMER_ROWS", "customer.tsv"),
    ("PHATIC_ROWS", "phatic.tsv"),
];

/// The `(term, value)` rows of a two-column valence file, or `None` for anything the crate's
/// parser (`lexicon::parse::rows`, `Row::number` within VADER's range) might reject: a wrong
/// field count, an empty or padded term, a repeated term, a value that is no number in
/// [-4, 4]. Comment and blank lines are skipped, as there.
fn valence_rows(text: &str) -> Option<Vec<(&str, f32)>> {
    let mut rows = Vec::new();
    let mut seen = HashSet::new();
    for line in text.split('\n') {
        let raw = line.strip_suffix('\r').unwrap_or(line);
        if raw.trim().is_empty() || raw.starts_with('#') {
            continue;
        }
        let (term, value) = raw.split_once('\t')?;
        if value.contains('\t')
            || term.is_empty()
            || term.trim() != term
            || term.contains("  ")
            || !seen.insert(term)
        {
            return None;
        }
        let v: f32 = value.trim().parse().ok()?;
        if !(-4.0..=4.0).contains(&v) {
            return None;
        }
        rows.push((term, v));
    }
    Some(rows)
}
