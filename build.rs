//! Precomputes, from the bundled lexicon files, what the first analyser would otherwise compute
//! at load:
//!
//! - the English stems of the bundled lexicons' words, so that loading them does not run the
//!   stemmer ~9,000 times (it was about 40 % of the load time). A word the table lacks (a user's
//!   term) is stemmed at load as before, and a unit test checks every entry against the stemmer.
//! - the rows of the bundled valence files, parsed (`lexicon::builtin`): term and value, in file
//!   order, so that the load only keys them. A file with anything the crate's parser could reject
//!   gets no table (`None`) and is parsed at load as before, which reports the error with its
//!   line; a unit test checks every table against that parser. The same for the emotion and
//!   signal files (term and `(label, intensity)` pairs; the labels are checked at load).

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

    let mut out = String::new();
    for (name, file) in AFFECT_FILES {
        println!("cargo:rerun-if-changed=lexicons/en/{file}");
        let text = std::fs::read_to_string(dir.join(file)).unwrap_or_default();
        let _ = writeln!(
            out,
            "/// The rows of `lexicons/en/{file}` (see `build.rs`).\n\
             pub(crate) static {name}: Option<super::Rows> = "
        );
        match affect_rows(&text) {
            Some(rows) => {
                out.push_str("Some(&[\n");
                for (term, labels) in rows {
                    let _ = write!(out, "    ({term:?}, &[");
                    for (label, v) in labels {
                        let _ = write!(out, "({label:?}, f32::from_bits({:#010x})), ", v.to_bits());
                    }
                    out.push_str("]),\n");
                }
                out.push_str("]);\n");
            }
            None => out.push_str("None;\n"),
        }
    }
    std::fs::write(Path::new(&out_dir).join("affect_rows.rs"), out).expect("OUT_DIR is writable");
}

/// The bundled emotion and signal files parsed here, with the names of their tables.
const AFFECT_FILES: [(&str, &str); 2] = [
    ("EMOTION_ROWS", "emotions.tsv"),
    ("SIGNAL_ROWS", "signals.tsv"),
];

/// The bundled valence files parsed here, with the names of their tables.
const VALENCE_FILES: [(&str, &str); 6] = [
    ("AFINN_ROWS", "afinn.tsv"),
    ("VADER_ROWS", "vader.tsv"),
    ("EMOJI_ROWS", "emoji.tsv"),
    ("CUSTOMER_ROWS", "customer.tsv"),
    ("MIDDLING_ROWS", "middling.tsv"),
    ("PHATIC_ROWS", "phatic.tsv"),
];

/// A row of an emotion or signal file: the term and its (label, intensity) pairs.
type AffectRow<'a> = (&'a str, Vec<(&'a str, f32)>);

/// The `(term, [(label, intensity)])` rows of an emotion or signal file
/// (`term<TAB>label:intensity,...`), or `None` for anything `AffectLexicon::from_tsv` might
/// reject besides an unknown label (which the crate checks when it reads the table): what
/// [`two_columns`] rejects, a part without `:`, an intensity that is no number in (0, 1].
fn affect_rows(text: &str) -> Option<Vec<AffectRow<'_>>> {
    let mut rows = Vec::new();
    for (term, value) in two_columns(text)? {
        let mut labels = Vec::new();
        for part in value.split(',') {
            let (label, v) = part.split_once(':')?;
            let v: f32 = v.trim().parse().ok()?;
            if !(v > 0.0 && v <= 1.0) {
                return None;
            }
            labels.push((label, v));
        }
        rows.push((term, labels));
    }
    Some(rows)
}

/// The `(term, value)` rows of a two-column valence file, or `None` for anything the crate's
/// parser (`lexicon::parse::rows`, `Row::number` within VADER's range) might reject: what
/// [`two_columns`] rejects, a value that is no number in [-4, 4].
fn valence_rows(text: &str) -> Option<Vec<(&str, f32)>> {
    let mut rows = Vec::new();
    for (term, value) in two_columns(text)? {
        let v: f32 = value.trim().parse().ok()?;
        if !(-4.0..=4.0).contains(&v) {
            return None;
        }
        rows.push((term, v));
    }
    Some(rows)
}

/// The `(term, second column)` data lines of a two-column file, as `lexicon::parse::rows`
/// reads them, or `None` for anything it rejects: a wrong field count, an empty or padded term,
/// a repeated term. Comment and blank lines are skipped, as there.
fn two_columns(text: &str) -> Option<Vec<(&str, &str)>> {
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
        rows.push((term, value));
    }
    Some(rows)
}
