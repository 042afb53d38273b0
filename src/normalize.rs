//! Lookup keys: the one normal form shared by lexicon terms and text tokens.
//!
//! A key is lower-case with `’` folded to `'`; `n't` and `not` are the same key, as are `ca`
//! (from `can't`) and `can`; clitics (`'s 're 'll 've 'd 'm`) are dropped. Elongated words
//! (`sooo`, `goood`) are detected here and squeezed by the lexicon lookup.

use crate::tokenize::BARE_CONTRACTIONS;

/// What normalising a word found besides its key.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct WordShape {
    /// Two or more letters, all upper-case (`GREAT`).
    pub caps: bool,
    /// A letter repeated three or more times in a row (`sooo`).
    pub elongated: bool,
}

/// Writes the key of `word` into `out` (cleared first). `before_nt` says the next token is `n't`,
/// which turns the stems `ca`/`wo`/`sha` back into `can`/`will`/`shall`.
pub(crate) fn word_key(word: &str, before_nt: bool, out: &mut String) -> WordShape {
    ascii_word_key(word, before_nt, out).unwrap_or_else(|| unicode_word_key(word, before_nt, out))
}

fn unicode_word_key(word: &str, before_nt: bool, out: &mut String) -> WordShape {
    out.clear();
    let mut letters = 0usize;
    let mut upper = 0usize;
    let mut run = 0usize;
    let mut prev = '\0';
    let mut elongated = false;
    for c in word.chars() {
        if c.is_alphabetic() {
            letters += 1;
            upper += usize::from(c.is_uppercase());
        }
        let c = if c == '’' { '\'' } else { c };
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else {
            out.extend(c.to_lowercase());
        }
        run = if c == prev { run + 1 } else { 1 };
        elongated |= run >= 3 && c.is_alphabetic();
        prev = c;
    }
    let shape = WordShape {
        caps: letters >= 2 && upper == letters,
        elongated,
    };
    match out.as_str() {
        "n't" | "nt" | "'t" => "not".clone_into(out),
        "ca" if before_nt => "can".clone_into(out),
        "wo" if before_nt => "will".clone_into(out),
        "sha" if before_nt => "shall".clone_into(out),
        _ => {
            if before_nt {
                detached_stem(out);
            }
            for clitic in ["'s", "'re", "'ll", "'ve", "'d", "'m"] {
                if out.len() > clitic.len() && out.ends_with(clitic) {
                    out.truncate(out.len() - clitic.len());
                    break;
                }
            }
        }
    }
    shape
}

/// The shape [`word_key`] finds, without writing the key.
pub(crate) fn word_shape(word: &str) -> WordShape {
    let (mut letters, mut upper, mut run, mut prev) = (0usize, 0usize, 0usize, '\0');
    let mut elongated = false;
    for c in word.chars() {
        let alpha = c.is_alphabetic();
        letters += usize::from(alpha);
        upper += usize::from(c.is_uppercase());
        let c = if c == '’' { '\'' } else { c };
        run = if c == prev { run + 1 } else { 1 };
        elongated |= run >= 3 && alpha;
        prev = c;
    }
    WordShape {
        caps: letters >= 2 && upper == letters,
        elongated,
    }
}

/// [`word_key`] of an ASCII word: the same key and shape, byte by byte; `None` (and `out` in
/// an unspecified state) for a word that is not ASCII.
fn ascii_word_key(word: &str, before_nt: bool, out: &mut String) -> Option<WordShape> {
    out.clear();
    let (mut letters, mut upper, mut run, mut prev) = (0u32, 0u32, 0u32, 0u8);
    let (mut elongated, mut apostrophe) = (false, false);
    for &b in word.as_bytes() {
        if !b.is_ascii() {
            return None;
        }
        out.push(char::from(b.to_ascii_lowercase()));
        let alpha = (b | 0x20).wrapping_sub(b'a') < 26;
        letters += u32::from(alpha);
        // An ASCII letter is upper-case when its 0x20 bit is clear.
        upper += u32::from(alpha & (b & 0x20 == 0));
        apostrophe |= b == b'\'';
        run = if b == prev { run + 1 } else { 1 };
        elongated |= run >= 3 && alpha;
        prev = b;
    }
    let shape = WordShape {
        caps: letters >= 2 && upper == letters,
        elongated,
    };
    if out.len() <= 3 {
        match out.as_str() {
            "n't" | "nt" | "'t" => "not".clone_into(out),
            "ca" if before_nt => "can".clone_into(out),
            "wo" if before_nt => "will".clone_into(out),
            "sha" if before_nt => "shall".clone_into(out),
            _ => {}
        }
    }
    if before_nt {
        detached_stem(out);
    }
    if apostrophe {
        for clitic in ["'s", "'re", "'ll", "'ve", "'d", "'m"] {
            if out.len() > clitic.len() && out.ends_with(clitic) {
                out.truncate(out.len() - clitic.len());
                break;
            }
        }
    }
    Some(shape)
}

/// The key of a word before a detached `'t` ("don 't", "won 't"): the word still ends in its
/// `n`, so it is cut where "dont" would be ("do", "will"). Other words are left alone.
fn detached_stem(out: &mut String) {
    let n = out.len();
    if out.ends_with('n')
        && BARE_CONTRACTIONS
            .iter()
            .any(|c| c.len() == n + 1 && c.starts_with(out.as_str()))
    {
        out.pop();
        match out.as_str() {
            "ca" => "can".clone_into(out),
            "wo" => "will".clone_into(out),
            "sha" => "shall".clone_into(out),
            _ => {}
        }
    }
}

/// Squeezes runs of three or more equal characters down to `keep` (1 or 2): `goood` → `good`
/// or `god`. Runs of one or two are left alone.
pub(crate) fn squeeze(key: &str, keep: usize, out: &mut String) {
    out.clear();
    let mut chars = key.chars().peekable();
    while let Some(c) = chars.next() {
        let mut n = 1;
        while chars.next_if_eq(&c).is_some() {
            n += 1;
        }
        let take = if n >= 3 { keep } else { n };
        out.extend(std::iter::repeat_n(c, take));
    }
}

/// The key of an emoji: variation selectors and skin-tone modifiers removed.
pub(crate) fn emoji_key(emoji: &str, out: &mut String) {
    out.clear();
    out.extend(
        emoji
            .chars()
            .filter(|c| !matches!(c, '\u{FE0E}' | '\u{FE0F}' | '\u{1F3FB}'..='\u{1F3FF}')),
    );
}

/// Whether a whitespace-delimited chunk may be an emoticon (`:-)`, `<3`, `x-d`, `:'(`): short,
/// ASCII, with punctuation other than an apostrophe, and at most two letters.
pub(crate) fn is_emoticon_like(s: &str) -> bool {
    s.len() <= 8
        && s.is_ascii()
        && s.bytes()
            .any(|b| b.is_ascii_punctuation() && !matches!(b, b'\'' | b'#' | b'@'))
        && s.bytes().filter(u8::is_ascii_alphabetic).count() <= 2
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(w: &str) -> (String, WordShape) {
        let mut s = String::new();
        let shape = word_key(w, false, &mut s);
        (s, shape)
    }

    #[test]
    fn keys() {
        assert_eq!(key("GREAT").0, "great");
        assert!(key("GREAT").1.caps);
        assert!(!key("I").1.caps);
        assert_eq!(key("n’t").0, "not");
        assert_eq!(key("product's").0, "product");
        assert_eq!(key("it’s").0, "it");
        assert!(key("sooo").1.elongated);
        assert!(!key("good").1.elongated);
        let mut s = String::new();
        word_key("ca", true, &mut s);
        assert_eq!(s, "can");
        // Before a detached "'t" ("don 't", "won 't").
        for (w, k) in [
            ("don", "do"),
            ("Won", "will"),
            ("didn", "did"),
            ("can", "can"),
            ("'t", "not"),
        ] {
            word_key(w, true, &mut s);
            assert_eq!(s, k);
        }
        word_key("don", false, &mut s);
        assert_eq!(s, "don");
    }

    proptest::proptest! {
        #[test]
        fn ascii_keys_equal_the_general_ones(
            w in proptest::prop_oneof![
                "[a-zA-Z'0-9.]{0,12}",
                "(n't|NT|nt|'t|ca|Wo|sha|don|WON|didn|can|it's|THEY'RE|we'll|I'd|i'm|'s|soOoo|GOOOD)",
            ],
            nt: bool,
        ) {
            let (mut fast, mut general) = (String::new(), String::new());
            let a = ascii_word_key(&w, nt, &mut fast).expect("ASCII");
            let b = unicode_word_key(&w, nt, &mut general);
            proptest::prop_assert_eq!(a, word_shape(&w));
            proptest::prop_assert_eq!((fast, a), (general, b));
        }
    }

    #[test]
    fn squeezing() {
        let mut s = String::new();
        squeeze("goooood", 2, &mut s);
        assert_eq!(s, "good");
        squeeze("sooo", 1, &mut s);
        assert_eq!(s, "so");
        squeeze("good", 1, &mut s);
        assert_eq!(s, "good");
    }

    #[test]
    fn emoji_keys_drop_modifiers() {
        let mut s = String::new();
        emoji_key("👍🏽", &mut s);
        assert_eq!(s, "👍");
        emoji_key("❤️", &mut s);
        assert_eq!(s, "❤");
    }
}
