//! The bundled English lexicons, compiled into the crate and parsed once on first use.

use std::sync::{Arc, LazyLock};

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
