//! Review ratings written as numbers: "9/10", "3 out of 10", "4.5/5", "1/5 stars", and a bare
//! mark given by a verb of rating: "I'd give it a 10", "gave it a 1", "rated it 8".
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

/// Verbs that make a bare number a mark: "give it a 10", "gave it a 1", "rated it 8".
/// ("scored 3" is mostly a count of goals, so not "score").
const RATING_VERBS: [&str; 9] = [
    "give", "gives", "gave", "given", "giving", "rate", "rates", "rated", "rating",
];
/// Words that may follow a bare mark ("a 10 plus", "given a 10 to", "a 1 if I could"); any other
/// word makes the number a quantity ("give it a 2 week trial").
const AFTER_MARK: [&str; 12] = [
    "plus", "for", "and", "but", "because", "if", "to", "on", "in", "out", "without", "overall",
];
/// How many words a verb of rating may stand before its mark ("give this television series a 10").
const MARK_REACH: usize = 5;

/// A rating starting at number token `i`: its length in tokens and its valence. Out of line:
/// numbers are rare among tokens, and inlined into `rules::find_items` it cost the word path
/// registers.
#[inline(never)]
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
            return bare_mark(tokens, i, value, &word_is);
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

/// A bare mark out of 10 after a verb of rating, with "a"/"an" before it or the verb at most
/// two words back ("rated it 8"). Counted in words of the same clause. "4" and "5" say nothing
/// without their scale (out of 5 they praise, out of 10 they do not); "gave it 4 stars" is the
/// lexicon's.
fn bare_mark(
    tokens: &[Token],
    i: usize,
    value: f32,
    word_is: &dyn Fn(usize, &[&str]) -> bool,
) -> Option<(usize, f32)> {
    if !(0.0..=10.0).contains(&value) || (4.0..6.0).contains(&value) || value.fract() != 0.0 {
        return None;
    }
    let next_word = tokens.get(i + 1).filter(|t| t.kind == TokenKind::Word);
    if next_word.is_some() && !word_is(i + 1, &AFTER_MARK) {
        return None;
    }
    let article = i > 0 && word_is(i - 1, &["a", "an"]);
    let reach = if article { MARK_REACH + 1 } else { 2 };
    let verb = (0..i)
        .rev()
        .take(reach)
        .take_while(|&j| tokens[j].kind == TokenKind::Word)
        .any(|j| word_is(j, &RATING_VERBS));
    if !verb {
        return None;
    }
    let valence = ((value - 5.5) / 4.5 * TOP).clamp(-TOP, TOP);
    Some((1, valence))
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

    #[test]
    fn a_mark_given_by_a_verb_of_rating_is_a_rating() {
        assert_eq!(rate("I'd give it a 10."), Some((1, TOP)));
        assert_eq!(rate("We gave it a 1 because of the smell"), Some((1, -TOP)));
        assert_eq!(
            rate("I would give this television series a 10 plus"),
            Some((1, TOP))
        );
        let (_, eight) = rate("Rated it 8, not higher").unwrap();
        assert!(eight > 0.0 && eight < TOP);
        assert_eq!(rate("Give it a 2 week trial"), None);
        assert_eq!(rate("gave it 4 stars"), None);
        assert_eq!(rate("gave it a 5"), None);
        assert_eq!(rate("gave him 10 dollars"), None);
        assert_eq!(rate("gave me a call at 10."), None);
        assert_eq!(rate("a 10 minute wait"), None);
        assert_eq!(rate("He scored 3."), None);
    }
}
