//! Property tests: whatever the text, analysis returns a bounded, consistent score.

use empathic::Analyzer;
use proptest::prelude::*;

fn check(a: &Analyzer, text: &str) -> Result<(), TestCaseError> {
    let s = a.analyze(text);
    prop_assert!(
        (-1.0..=1.0).contains(&s.compound()),
        "compound {}",
        s.compound()
    );
    for share in [s.positive(), s.negative(), s.neutral()] {
        prop_assert!((0.0..=1.0).contains(&share));
    }
    prop_assert!((s.positive() + s.negative() + s.neutral() - 1.0).abs() < 1e-9);
    for x in s.sentences() {
        prop_assert!(x.start() <= x.end() && x.end() <= text.len());
        prop_assert!(text.is_char_boundary(x.start()) && text.is_char_boundary(x.end()));
        prop_assert!((-1.0..=1.0).contains(&x.compound()));
    }
    let e = a.explain(text);
    prop_assert_eq!(&e.score, &s);
    for c in &e.contributions {
        prop_assert!(c.start <= c.end && c.end <= text.len());
        prop_assert_eq!(&text[c.start..c.end], c.text.as_str());
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn any_unicode_text(text in "\\PC{0,200}") {
        check(&Analyzer::new(), &text)?;
    }

    #[test]
    fn review_like_text(words in prop::collection::vec(prop::sample::select(vec![
        "not", "very", "good", "bad", "GREAT", "but", "although", ",", ".", "!!!", "??", ":)",
        ":(", "😡", "👍🏽", "don't", "don’t", "n't", "sooo", "goood", "kind of", "never", "no",
        "problem", "works like a charm", "waste of money", "http://x.y", "@bob", "#fail", "42",
        "the", "at least", "however", "\n", "’", "-", "<3",
    ]), 0..40)) {
        check(&Analyzer::new(), &words.join(" "))?;
    }
}
