//! Hooks for the crate's own benchmarks (`benches/`), re-exported as the hidden `__bench` module.
//! Not part of the API: they may change or go away in any release.

/// Parses the bundled lexicons afresh (bypassing the shared, parsed-once copies; the emotion
/// lexicon on a second thread) and builds the vocabulary the default analyser uses: what the
/// first `Analyzer::new()` of a process costs. Returns the number of single-word valence terms, so that a benchmark can check it,
/// and what was built, so that it can drop it outside the timing.
pub fn load_builtin_lexicon() -> (usize, impl Sized) {
    // As the first analyser does (`lexicon::load_both`).
    let (lex, affect, vocab) =
        crate::lexicon::load_parallel(true).expect("bundled lexicons are validated by tests");
    (lex.len(), (lex, affect, vocab))
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
