//! The bundled English lexicons, compiled into the crate and parsed once on first use.

use std::sync::{Arc, Mutex, Once, OnceLock};

use super::{BOOSTER_RANGE, Contrast, Lexicon, Role, Source, TermKeys, keyed_valence_rows, parse};
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
/// over two threads ([`load_parallel`]). Later calls do nothing.
pub(crate) fn load_both() {
    BOTH.call_once(|| {
        if BUILTIN.get().is_some() {
            drop(crate::affect::builtin());
            return;
        }
        let (lex, _) = load_parallel(|| drop(crate::affect::builtin()));
        // Another thread may have parsed it meanwhile through `builtin()`: either copy will do.
        let _ = BUILTIN.set(Arc::new(lex.expect(VALIDATED)));
    });
}

/// The bundled valence files above AFINN, lowest priority first: a later file overrides an
/// earlier one.
const ABOVE_AFINN: [(&str, Source); 4] = [
    (VADER, Source::Vader),
    (EMOJI, Source::Emoji),
    (CUSTOMER, Source::Customer),
    (PHATIC, Source::Phatic),
];

/// [`load`] with the files keyed on two threads: this one keys the files above AFINN, the other
/// runs `other` (the emotion lexicon) and keys AFINN, which balances the two; the rows are then
/// inserted here in priority order. Also returns what `other` returned.
pub(crate) fn load_parallel<B: Send>(
    other: impl FnOnce() -> B + Send,
) -> (Result<Lexicon, Error>, Option<B>) {
    let (above, other) = in_parallel(keyed_above_afinn, || (other(), keyed_valence_rows(AFINN)));
    let (b, afinn) = match other {
        Some((b, afinn)) => (Some(b), afinn),
        None => (None, keyed_valence_rows(AFINN)),
    };
    (assemble(afinn, above), b)
}

/// Parses the bundled files, lowest priority first: a later file overrides an earlier one.
pub(crate) fn load() -> Result<Lexicon, Error> {
    assemble(keyed_valence_rows(AFINN), keyed_above_afinn())
}

/// The keyed rows of the files above AFINN, with their sources.
fn keyed_above_afinn() -> [KeyedFile; 4] {
    ABOVE_AFINN.map(|(text, source)| keyed_valence_rows(text).map(|r| (r, source)))
}

/// A valence file's keyed rows ([`keyed_valence_rows`]).
type Keyed = Result<Vec<(TermKeys, f32)>, Error>;
/// The same with the file's source.
type KeyedFile = Result<(Vec<(TermKeys, f32)>, Source), Error>;

/// The bundled lexicon from its files' keyed rows: AFINN's, then the others' in priority order,
/// then the modifier lists.
fn assemble(afinn: Keyed, above: [KeyedFile; 4]) -> Result<Lexicon, Error> {
    // About 9,000 single-token terms are bundled.
    let mut lex = Lexicon::with_capacity(10_000);
    lex.insert_keyed(afinn?, Source::Afinn);
    for file in above {
        let (rows, source) = file?;
        lex.insert_keyed(rows, source);
    }
    insert_modifiers(&mut lex, BOOSTERS, NEGATORS, CONTRAST)?;
    lex.finish();
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
    boosters: &str,
    negators: &str,
    contrast: &str,
) -> Result<(), Error> {
    for row in parse::rows(boosters, 2)? {
        let k = row.number(BOOSTER_RANGE.0, BOOSTER_RANGE.1)?;
        lex.insert(row.term, None, Some(Role::Booster(k)), Source::Rule);
    }
    for row in parse::rows(negators, 1)? {
        lex.insert(row.term, None, Some(Role::Negator), Source::Rule);
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
        lex.insert(row.term, None, Some(Role::Contrast(kind)), Source::Rule);
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
        let (par, other) = load_parallel(|| 7);
        assert_eq!(other, Some(7));
        let (par, seq) = (par.expect("bundled lexicons parse"), load().expect("parse"));
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
        // A malformed file is an error, not a partial lexicon.
        assert!(assemble(keyed_valence_rows("bad\trow\n"), keyed_above_afinn()).is_err());
    }

    #[test]
    fn load_both_parses_both_lexicons() {
        load_both();
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
