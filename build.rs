//! Precomputes the English stems of the bundled lexicons' words, so that loading them does not
//! run the stemmer ~9,000 times (it was about 40 % of the load time). The table is an
//! optimisation only: a word it lacks (a user's term) is stemmed at load as before, and a unit
//! test checks every entry against the stemmer.

use std::collections::BTreeSet;
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
    let dest = Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("stems.rs");
    std::fs::write(dest, out).expect("OUT_DIR is writable");
}
