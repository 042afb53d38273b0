//! The bundled English lexicons, compiled into the crate and parsed once on first use.
//!
//! `build.rs` precomputes, from the TSV files, the English stems of the bundled lexicons' words
//! (checked against the stemmer by a unit test), so the first analyser does not stem 9,000
//! words, and the parsed rows of the six bundled valence files (term, value; [`FILES`]) and of
//! the emotion and signal files (term, label:intensity pairs). A file it cannot parse as
//! strictly as `lexicon::parse` gets no table and is parsed at load with the parser's
//! line-numbered error; a unit test compares every table with the parser. So the load only
//! keys and inserts rows. Keys that are the term as written (most bundled terms,
//! `lexicon::is_own_key`) borrow the compiled-in text (`lexicon::Key`, a `Cow<'static, str>`),
//! so the load allocates nothing per term; a user's files and terms go through the same parser
//! and normaliser. The first analyser with emotions (`lexicon::load_both`, `load_parallel`)
//! keys and inserts AFINN, VADER and the emoji on this thread while a second (scoped) thread
//! keys `customer.tsv`, `middling.tsv` and `phatic.tsv` and builds the emotion lexicon; this
//! thread inserts those rows after it, then builds the vocabulary's keys (`Vocab::keys`) while
//! the other thread builds the valence stem index, and sets the stem-dependent flags last
//! (`Vocab::with_stem_flags`).

use std::sync::{Arc, Mutex, Once, OnceLock};

use super::vocab::Vocab;
use super::{
    BOOSTER_RANGE, Contrast, Lexicon, Role, Source, TermKeys, keyed_valence_rows, parse, term_keys,
};
use crate::affect::AffectLexicon;
use crate::error::Error;

macro_rules! lexicon_file {
    ($name:literal) => {
        include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/lexicons/en/", $name))
    };
}

pub(crate) const AFINN: &str = lexicon_file!("afinn.tsv");
pub(crate) const VADER: &str = lexicon_file!("vader.tsv");
pub(crate) const EMOJI: &str = lexicon_file!("emoji.tsv");
pub(crate) const CUSTOMER: &str = lexicon_file!("customer.tsv");
pub(crate) const MIDDLING: &str = lexicon_file!("middling.tsv");
pub(crate) const PHATIC: &str = lexicon_file!("phatic.tsv");
pub(crate) const BOOSTERS: &str = lexicon_file!("boosters.tsv");
pub(crate) const NEGATORS: &str = lexicon_file!("negators.tsv");
pub(crate) const CONTRAST: &str = lexicon_file!("contrast.tsv");
/// Emoji → description, for the VADER-compatible model only.
pub(crate) const VADER_EMOJI: &str = lexicon_file!("vader_emoji.tsv");

const VALIDATED: &str = "bundled lexicons are validated by tests/lexicons.rs";

static BUILTIN: OnceLock<Arc<Lexicon>> = OnceLock::new();

/// The bundled lexicon, parsed on first use (or by [`load_both`]) and shared afterwards.
pub(crate) fn builtin() -> Arc<Lexicon> {
    Arc::clone(BUILTIN.get_or_init(|| Arc::new(load().expect(VALIDATED))))
}

static BOTH: Once = Once::new();

/// Parses the bundled valence and emotion lexicons for the first analyser that uses both, split
/// over two threads ([`load_parallel`]), with their vocabulary when `vocab` (an analyser with
/// the bundled lexicons only). Later calls do nothing.
pub(crate) fn load_both(vocab: bool) {
    BOTH.call_once(|| {
        if BUILTIN.get().is_some() {
            drop(crate::affect::builtin());
            return;
        }
        let (lex, affect, v) = load_parallel(vocab).expect(VALIDATED);
        // Another thread may have parsed them meanwhile through `builtin()`: either copy will do.
        let _ = BUILTIN.set(Arc::new(lex));
        crate::affect::set_builtin(affect);
        if let Some(v) = v {
            super::vocab::set_builtin(v);
        }
    });
}

/// The rows of the bundled valence files, parsed by `build.rs` (`None` for a file it left to
/// the parser).
mod rows {
    include!(concat!(env!("OUT_DIR"), "/valence_rows.rs"));
}

/// A bundled valence file: its text, its rows as `build.rs` parsed them, its source.
type File = (&'static str, Option<&'static [(&'static str, f32)]>, Source);

/// The bundled valence files, lowest priority first: a later file overrides an earlier one.
const FILES: [File; 6] = [
    (AFINN, rows::AFINN_ROWS, Source::Afinn),
    (VADER, rows::VADER_ROWS, Source::Vader),
    (EMOJI, rows::EMOJI_ROWS, Source::Emoji),
    (CUSTOMER, rows::CUSTOMER_ROWS, Source::Customer),
    (MIDDLING, rows::MIDDLING_ROWS, Source::Middling),
    (PHATIC, rows::PHATIC_ROWS, Source::Phatic),
];
/// How many of [`FILES`] [`load_parallel`] keys on its own thread (AFINN, VADER, emoji).
const LOWER_FILES: usize = 3;

/// [`load`] on two threads, along with the emotion lexicon, and with the vocabulary of both
/// when `vocab`. The valence rows come parsed from `build.rs`, so keying and inserting them is
/// the work: this thread keys and inserts the rows of AFINN, VADER and the emoji (most of
/// them) while the other keys the three files above them (`customer.tsv`, `middling.tsv`, `phatic.tsv`) and builds
/// the emotion lexicon, which takes about as long; their rows are inserted here after. Then the other thread builds the valence stem
/// index while this one builds the vocabulary's keys, which need no stem index (`Vocab::keys`).
pub(crate) fn load_parallel(vocab: bool) -> Result<(Lexicon, AffectLexicon, Option<Vocab>), Error> {
    let (low, high) = FILES.split_at(LOWER_FILES);
    let theirs = || {
        (
            high.iter().map(|&f| keyed(f)).collect::<Vec<_>>(),
            AffectLexicon::bundled(),
        )
    };
    let (lex, other) = in_parallel(|| assemble_files(low), theirs);
    let (mut lex, (rows, affect)) = (lex?, other.unwrap_or_else(theirs));
    for (file, rows) in high.iter().zip(rows) {
        lex.insert_keyed(rows?, file.2);
    }
    insert_modifiers(&mut lex, BOOSTERS, NEGATORS, CONTRAST)?;
    let affect = affect?;
    if !vocab {
        lex.finish();
        return Ok((lex, affect, None));
    }
    lex.sort_phrases();
    let (keys, index) = in_parallel(|| Vocab::keys(&lex, Some(&affect)), || lex.stem_index());
    let index = index.unwrap_or_else(|| lex.stem_index());
    lex.set_stem_index(index);
    let vocab = keys.with_stem_flags(&lex, Some(&affect));
    Ok((lex, affect, Some(vocab)))
}

/// Parses the bundled files, lowest priority first: a later file overrides an earlier one.
pub(crate) fn load() -> Result<Lexicon, Error> {
    let mut lex = assemble_unfinished()?;
    lex.finish();
    Ok(lex)
}

/// The keyed rows of a bundled valence file: from `build.rs`'s rows, else parsed.
fn keyed((text, rows, _): File) -> Result<Vec<(TermKeys<'static>, f32)>, Error> {
    match rows {
        Some(rows) => Ok(rows.iter().map(|&(term, v)| (term_keys(term), v)).collect()),
        None => keyed_valence_rows(text),
    }
}

/// The bundled lexicon before [`Lexicon::finish`]: the valence files in priority order, then
/// the modifier lists.
fn assemble_unfinished() -> Result<Lexicon, Error> {
    let mut lex = assemble_files(&FILES)?;
    insert_modifiers(&mut lex, BOOSTERS, NEGATORS, CONTRAST)?;
    Ok(lex)
}

/// A lexicon of `files`' rows, inserted in order.
fn assemble_files(files: &[File]) -> Result<Lexicon, Error> {
    // About 9,000 single-token terms are bundled.
    let mut lex = Lexicon::with_capacity(10_000);
    for &file in files {
        lex.insert_keyed(keyed(file)?, file.2);
    }
    Ok(lex)
}

/// Runs `a` here and `b` on a scoped thread, or both here when no thread can be started (a
/// platform without threads). `None` for `b` only if its lock was poisoned, which a panic in
/// `b` would rather have passed on.
pub(crate) fn in_parallel<A, B: Send>(
    a: impl FnOnce() -> A,
    b: impl FnOnce() -> B + Send,
) -> (A, Option<B>) {
    let job = Mutex::new(Some(b));
    let take = || job.lock().ok()?.take();
    std::thread::scope(|scope| {
        let spawned = std::thread::Builder::new().spawn_scoped(scope, || take().map(|f| f()));
        let a = a();
        let b = match spawned {
            // A panic on the other thread is passed on, as if it had happened here.
            Ok(handle) => handle
                .join()
                .unwrap_or_else(|p| std::panic::resume_unwind(p)),
            Err(_) => None,
        };
        (a, b.or_else(|| take().map(|f| f())))
    })
}

/// Adds the modifier lists (boosters, negators, contrastive conjunctions).
pub(crate) fn insert_modifiers(
    lex: &mut Lexicon,
    boosters: &'static str,
    negators: &'static str,
    contrast: &'static str,
) -> Result<(), Error> {
    for row in parse::rows(boosters, 2)? {
        let k = row.number(BOOSTER_RANGE.0, BOOSTER_RANGE.1)?;
        lex.insert_static(row.term, None, Some(Role::Booster(k)), Source::Rule);
    }
    for row in parse::rows(negators, 1)? {
        lex.insert_static(row.term, None, Some(Role::Negator), Source::Rule);
    }
    for row in parse::rows(contrast, 2)? {
        let kind = match row.value {
            "but" => Contrast::But,
            "although" => Contrast::Although,
            other => {
                return Err(Error::format(
                    row.line,
                    format!("expected \"but\" or \"although\" in column 2, found {other:?}"),
                ));
            }
        };
        lex.insert_static(row.term, None, Some(Role::Contrast(kind)), Source::Rule);
    }
    Ok(())
}

/// Adds only the bundled modifier lists (for analysers built without the bundled valences).
pub(crate) fn insert_builtin_modifiers(lex: &mut Lexicon) -> Result<(), Error> {
    insert_modifiers(lex, BOOSTERS, NEGATORS, CONTRAST)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::Entry;

    #[test]
    fn in_parallel_returns_both_results_and_passes_panics_on() {
        let (a, b) = in_parallel(|| 1 + 1, || "two".len());
        assert_eq!((a, b), (2, Some(3)));
        let caught = std::panic::catch_unwind(|| {
            in_parallel(|| (), || -> () { panic!("in the other thread") })
        });
        assert!(caught.is_err(), "a panic in `b` reaches the caller");
    }

    #[test]
    fn the_parallel_load_builds_the_sequential_lexicon() {
        let (par, affect, vocab) = load_parallel(true).expect("bundled lexicons parse");
        let seq = load().expect("parse");
        let (_, _, none) = load_parallel(false).expect("bundled lexicons parse");
        assert!(none.is_none());
        // The vocabulary built along with the lexicons is the one built from them afterwards.
        let (vocab, fresh) = (vocab.expect("asked for"), Vocab::new(&seq, Some(&affect)));
        assert_eq!(format!("{vocab:?}"), format!("{fresh:?}"));
        assert_eq!(par.words, seq.words);
        assert_eq!(par.emoticons, seq.emoticons);
        assert_eq!(par.stems, seq.stems);
        let phrases = |l: &Lexicon| -> Vec<(Vec<String>, Entry)> {
            let mut v: Vec<_> = (l.phrases.values().flatten())
                .map(|p| {
                    (
                        p.keys.iter().map(|k| k.to_string()).collect::<Vec<_>>(),
                        p.entry,
                    )
                })
                .collect();
            v.sort_by(|a, b| a.0.cmp(&b.0));
            v
        };
        assert_eq!(phrases(&par), phrases(&seq));
    }

    /// `build.rs` parsed every bundled valence file, exactly as the parser does.
    #[test]
    fn build_rs_rows_are_the_parsers() {
        for (text, rows, source) in FILES {
            let rows = rows.unwrap_or_else(|| panic!("build.rs parsed the {source:?} file"));
            let parsed = parse::rows(text, 2).expect("bundled files parse");
            assert_eq!(rows.len(), parsed.len(), "{source:?}");
            for (&(term, v), row) in rows.iter().zip(&parsed) {
                let n = (row.number(super::super::VALENCE_RANGE.0, super::super::VALENCE_RANGE.1))
                    .expect("a valence");
                assert_eq!((term, v.to_bits()), (row.term, n.to_bits()), "{source:?}");
            }
        }
    }

    #[test]
    fn load_both_parses_both_lexicons() {
        load_both(true);
        let fresh = load().expect("bundled lexicons parse");
        assert!(fresh.len() > 1_000);
        assert_eq!(builtin().len(), fresh.len());
        let affect = crate::affect::AffectLexicon::from_tsv(
            crate::affect::EMOTIONS_TSV,
            crate::affect::SIGNALS_TSV,
        )
        .expect("bundled emotion lexicons parse");
        assert_eq!(
            crate::affect::builtin().words().count(),
            affect.words().count()
        );
    }
}
