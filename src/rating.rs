//! Review ratings written as numbers: "9/10", "3 out of 10", "4.5/5", "1/5 stars".
//!
//! A rating says how the writer judges the whole thing, so it scores like a verdict word: the
//! top of the scale as strongly as "5 stars" (+2.5 in customer.tsv), the midpoint as neutral.
//! Only the scales reviews use (out of 5 and out of 10) count, and the forms that are also
//! dates ("on 3/5", "10/10/2024") or statistics ("9 out of 10 dentists") do not.

use crate::tokenize::{Token, TokenKind};

/// Valence of the top of the scale, VADER's scale; the bottom is its opposite. The value of
/// "5 stars" in customer.tsv, so "5/5" and "5 stars" agree.
const TOP: f32 = 2.5;
/// Words before a number that make "N/M" a date: "on 3/5", "since 1/10".
const DATE_WORDS: [&str; 9] = [
    "on", "since", "from", "until", "till", "by", "before", "after", "dated",
];
/// Words that may follow "N out of M" in a rating ("8 out of 10 stars", "10 out of 10 for
/// service"); any other word makes it a statistic ("9 out of 10 dentists", "4 out of 5 times").
const AFTER_OUT_OF: [&str; 9] = [
    "stars", "star", "points", "overall", "for", "and", "but", "because", "from",
];

/// A rating starting at number token `i`: its length in tokens and its valence.
pub(crate) fn rating(doc: &str, tokens: &[Token], i: usize) -> Option<(usize, f32)> {
    let value = number(tokens[i].text(doc))?;
    let word_is = |j: usize, words: &[&str]| {
        tokens.get(j).is_some_and(|t| {
            t.kind == TokenKind::Word && words.iter().any(|w| t.text(doc).eq_ignore_ascii_case(w))
        })
    };
    if i > 0 && word_is(i - 1, &DATE_WORDS) {
        return None;
    }
    let number_at = |j: usize| tokens.get(j).filter(|t| t.kind == TokenKind::Number);
    let (len, scale) =
        if let Some(next) = number_at(i + 1).filter(|n| &doc[tokens[i].end..n.start] == "/") {
            // "10/10/2024" is a date.
            if doc[next.end..].starts_with('/') {
                return None;
            }
            (2, number(next.text(doc))?)
        } else if word_is(i + 1, &["out"]) && word_is(i + 2, &["of"]) {
            let scale = number(number_at(i + 3)?.text(doc))?;
            let statistic = tokens
                .get(i + 4)
                .is_some_and(|t| t.kind == TokenKind::Word && !word_is(i + 4, &AFTER_OUT_OF));
            if statistic {
                return None;
            }
            (4, scale)
        } else {
            return None;
        };
    // "1/10 of a second" is a fraction.
    if !(scale == 5.0 || scale == 10.0)
        || !(0.0..=scale).contains(&value)
        || word_is(i + len, &["of"])
    {
        return None;
    }
    // Scales start at 1: the midpoint of 1..=10 is 5.5, of 1..=5 it is 3.
    let mid = (1.0 + scale) / 2.0;
    let valence = ((value - mid) / (scale - mid) * TOP).clamp(-TOP, TOP);
    // "1/5 stars": the unit belongs to the rating.
    let len = len + usize::from(word_is(i + len, &["stars", "star"]));
    Some((len, valence))
}

/// A plain decimal number ("10", "4.5"); `None` for "10th", "3pm", "1,000".
fn number(text: &str) -> Option<f32> {
    if !text.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
        return None;
    }
    text.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokenize::tokenize;

    fn rate(text: &str) -> Option<(usize, f32)> {
        let mut tokens = Vec::new();
        tokenize(text, 0, &|_| false, &mut tokens);
        let i = tokens.iter().position(|t| t.kind == TokenKind::Number)?;
        rating(text, &tokens, i)
    }

    #[test]
    fn ratings_score_by_their_place_on_the_scale() {
        assert_eq!(rate("10/10"), Some((2, TOP)));
        assert_eq!(rate("I give it 1 out of 10."), Some((4, -TOP)));
        assert_eq!(rate("5/5 stars"), Some((3, TOP)));
        assert_eq!(rate("3/5"), Some((2, 0.0)));
        let (_, nine) = rate("9 out of 10 for the service").unwrap();
        let (_, seven) = rate("7/10").unwrap();
        assert!(TOP > nine && nine > seven && seven > 0.0);
        let (_, two) = rate("2/5, would not buy again").unwrap();
        assert!(two < 0.0);
        assert_eq!(rate("4.5/5").map(|r| r.0), Some(2));
    }

    #[test]
    fn dates_statistics_and_other_scales_are_not_ratings() {
        assert_eq!(rate("ordered on 3/5"), None);
        assert_eq!(rate("10/10/2024"), None);
        assert_eq!(rate("9 out of 10 dentists agree"), None);
        assert_eq!(rate("open 24/7"), None);
        assert_eq!(rate("1/2 a mile"), None);
        assert_eq!(rate("about 1/10 of a second"), None);
        assert_eq!(rate("11/10"), None);
        assert_eq!(rate("3 out of 4"), None);
    }
}
