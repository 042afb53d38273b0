//! Hooks for the crate's own benchmarks (`benches/`), re-exported as the hidden `__bench` module.
//! Not part of the API: they may change or go away in any release.

/// Parses the bundled lexicons afresh (bypassing the shared, parsed-once copy) and returns the
/// number of single-word terms, so that a benchmark can time the first-use cost.
pub fn load_builtin_lexicon() -> usize {
    crate::lexicon::load().map_or(0, |l| l.len())
}

/// Splits `text` into sentences and tokens as [`Analyzer::analyze`](crate::Analyzer::analyze)
/// does and returns the number of tokens.
pub fn tokenize(text: &str) -> usize {
    let lex = crate::lexicon::builtin();
    let mut tokens = Vec::new();
    for (start, sentence) in crate::tokenize::sentences(text) {
        crate::tokenize::tokenize(sentence, start, &|e| lex.is_emoticon(e), &mut tokens);
    }
    tokens.len()
}
