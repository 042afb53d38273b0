//! The bundled English lexicons, compiled into the crate and parsed once on first use.

use std::sync::{Arc, LazyLock, Mutex, Once};

use super::{BOOSTER_RANGE, Contrast, Lexicon, Role, Source, parse};
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
pub(crate) const BOOSTERS: &str = lexicon_file!("boosters.tsv");
pub(crate) const NEGATORS: &str = lexicon_file!("negators.tsv");
pub(crate) const CONTRAST: &str = lexicon_file!("contrast.tsv");
/// Emoji → description, for the VADER-compatible model only.
pub(crate) const VADER_EMOJI: &str = lexicon_file!("vader_emoji.tsv");

static BUILTIN: LazyLock<Arc<Lexicon>> = LazyLock::new(|| {
    Arc::new(load().expect("bundled lexicons are validated by tests/lexicons.rs"))
});

/// The bundled lexicon, parsed on first use and shared afterwards.
pub(crate) fn builtin() -> Arc<Lexicon> {
    Arc::clone(&BUILTIN)
}

static BOTH: Once = Once::new();

/// Parses the bundled valence and emotion lexicons for the first analyser that uses both, the
/// emotion lexicon on a second thread: they are independent, so on a multi-core machine the
/// first analyser is ready in about the time of the larger one. Later calls do nothing.
pub(crate) fn load_both() {
    BOTH.call_once(|| {
        in_parallel(|| drop(builtin()), || drop(crate::affect::builtin()));
    });
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

/// Parses the bundled files, lowest priority first: a later file overrides an earlier one.
pub(crate) fn load() -> Result<Lexicon, Error> {
    // About 9,000 single-token terms are bundled.
    let mut lex = Lexicon::with_capacity(10_000);
    lex.insert_valence_tsv(AFINN, Source::Afinn)?;
    lex.insert_valence_tsv(VADER, Source::Vader)?;
    lex.insert_valence_tsv(EMOJI, Source::Emoji)?;
    lex.insert_valence_tsv(CUSTOMER, Source::Customer)?;
    insert_modifiers(&mut lex, BOOSTERS, NEGATORS, CONTRAST)?;
    lex.finish();
    Ok(lex)
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
