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
    out.clear();
    push_key(word, before_nt, out)
}

/// The shape of `word` when its key is the word itself, as for most words: lower-case letters
/// only (no caps, no clitic, nothing to lower-case), neither "nt" nor before a detached "n't"
/// (the only special keys such a word can take). `None`: use [`push_key`].
pub(crate) fn plain_shape(b: &[u8], before_nt: bool) -> Option<WordShape> {
    (!before_nt && b != b"nt" && b.iter().all(u8::is_ascii_lowercase)).then(|| WordShape {
        caps: false,
        elongated: has_run(b),
    })
}

/// Whether a byte occurs three times in a row in `b` (elongation of a plain word).
pub(crate) fn has_run(b: &[u8]) -> bool {
    b.windows(3).any(|w| w[0] == w[1] && w[1] == w[2])
}

/// `0x0101…01`: one in every byte of a word.
const ONES: u64 = u64::MAX / 0xff;
/// The top bit of every byte.
const HIGH: u64 = ONES * 0x80;

/// The low `n` bytes of a word (`n` ≤ 8): a load, not a branch and a shift.
fn low_bytes(n: usize) -> u64 {
    const LOW: [u64; 9] = {
        let mut t = [u64::MAX; 9];
        let mut n = 0;
        while n < 8 {
            t[n] = (1u64 << (8 * n)) - 1;
            n += 1;
        }
        t
    };
    LOW[n]
}

/// [`plain_shape`] of a word of `len` ≤ 8 bytes given as one little-endian number (zero past
/// `len`, as the vocabulary packs keys): the same answer from a few operations on all its bytes
/// at once instead of two loops over them; most words are that short. (`SentenceKeys::read`
/// runs its two halves apart: a known word's elongation is the vocabulary's.)
#[cfg(test)]
pub(crate) fn plain_shape_packed(x: u64, len: usize, before_nt: bool) -> Option<WordShape> {
    is_plain_packed(x, len, before_nt).then(|| WordShape {
        caps: false,
        elongated: elongated_packed(x, len),
    })
}

/// Whether [`plain_shape_packed`] has an answer: the word is ASCII lower-case letters only,
/// neither "nt" nor before a detached "n't". Its elongation is [`elongated_packed`], which a
/// word the vocabulary knows takes from there instead.
#[inline(always)]
pub(crate) fn is_plain_packed(x: u64, len: usize, before_nt: bool) -> bool {
    let high = HIGH & low_bytes(len);
    // ASCII bytes only, so that adding to each byte carries into no other: its top bit is then
    // set by `+ 0x1f` from b'a' on, and by `+ 0x05` from b'z' + 1 on.
    let lower =
        x & HIGH == 0 && x.wrapping_add(ONES * 0x1f) & !x.wrapping_add(ONES * 0x05) & high == high;
    !before_nt && lower && !(len == 2 && x == u64::from(u16::from_le_bytes(*b"nt")))
}

/// Whether a byte occurs three times in a row in the word of `len` ≤ 8 bytes packed in `x`
/// ([`has_run`] of its bytes).
#[inline(always)]
pub(crate) fn elongated_packed(x: u64, len: usize) -> bool {
    // A zero byte at `i` in `pairs` is b[i] == b[i + 1]; in `triples`, a run of three from `i`.
    let pairs = x ^ (x >> 8);
    let triples = pairs | (pairs >> 8);
    let zero = !(((triples & !HIGH) + !HIGH) | triples) & HIGH;
    zero & low_bytes(len.saturating_sub(2)) != 0
}

/// [`plain_shape`] of a word of 9 to 15 bytes given as two little-endian numbers (`lo`: its
/// first eight bytes; `hi`: the rest, zero past `len`): [`plain_shape_packed`]'s operations on
/// 128 bits, where the byte loops cost about three times as much.
#[cfg(test)]
pub(crate) fn plain_shape_wide(lo: u64, hi: u64, len: usize, before_nt: bool) -> Option<WordShape> {
    is_plain_wide(lo, hi, len, before_nt).then(|| WordShape {
        caps: false,
        elongated: elongated_wide(lo, hi, len),
    })
}

/// [`is_plain_packed`] of a word of 9 to 15 bytes (see [`plain_shape_wide`]).
#[inline(always)]
pub(crate) fn is_plain_wide(lo: u64, hi: u64, len: usize, before_nt: bool) -> bool {
    const ONES: u128 = u128::MAX / 0xff;
    const HIGH: u128 = ONES * 0x80;
    let x = u128::from(lo) | u128::from(hi) << 64;
    let high = HIGH & low_bytes_wide(len);
    let lower =
        x & HIGH == 0 && x.wrapping_add(ONES * 0x1f) & !x.wrapping_add(ONES * 0x05) & high == high;
    // Nine bytes or more: never "nt".
    !before_nt && lower && len >= 9
}

/// [`elongated_packed`] of a word of 9 to 15 bytes (see [`plain_shape_wide`]).
#[inline(always)]
pub(crate) fn elongated_wide(lo: u64, hi: u64, len: usize) -> bool {
    const ONES: u128 = u128::MAX / 0xff;
    const HIGH: u128 = ONES * 0x80;
    let x = u128::from(lo) | u128::from(hi) << 64;
    let pairs = x ^ (x >> 8);
    let triples = pairs | (pairs >> 8);
    let zero = !(((triples & !HIGH) + !HIGH) | triples) & HIGH;
    zero & low_bytes_wide(len.saturating_sub(2)) != 0
}

/// The low `n` bytes of 128 bits (`n` ≤ 15).
#[inline(always)]
fn low_bytes_wide(n: usize) -> u128 {
    (1u128 << (8 * n.min(15))) - 1
}

/// Appends the key of `word` to `out` (see [`word_key`]), so the keys of a whole sentence can
/// share one buffer.
pub(crate) fn push_key(word: &str, before_nt: bool, out: &mut String) -> WordShape {
    let b = word.as_bytes();
    if b.iter().all(u8::is_ascii_lowercase) {
        let start = out.len();
        out.push_str(word);
        if before_nt || b == b"nt" {
            fix_key(out, start, before_nt, false);
        }
        return WordShape {
            caps: false,
            elongated: b.windows(3).any(|w| w[0] == w[1] && w[1] == w[2]),
        };
    }
    // Next commonest: a capitalised word ("The", "Great", "I"); no caps shape, no clitic.
    if let [first, rest @ ..] = b {
        if first.is_ascii_uppercase() && rest.iter().all(u8::is_ascii_lowercase) {
            let start = out.len();
            out.push(char::from(first.to_ascii_lowercase()));
            out.push_str(&word[1..]);
            if b.len() <= 3 || before_nt {
                fix_key(out, start, before_nt, false);
            }
            return WordShape {
                caps: false,
                elongated: b.windows(3).any(|w| w[0] == w[1] && w[1] == w[2]),
            };
        }
    }
    if word.is_ascii() {
        ascii_push_key(word, before_nt, out)
    } else {
        unicode_push_key(word, before_nt, out)
    }
}

fn unicode_push_key(word: &str, before_nt: bool, out: &mut String) -> WordShape {
    let start = out.len();
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
    fix_key(out, start, before_nt, true);
    shape
}

/// The special keys (`n't` → `not`, `ca` → `can` before `n't`) and dropped clitics, applied to
/// the key that starts at byte `start` of `out`.
fn fix_key(out: &mut String, start: usize, before_nt: bool, apostrophe: bool) {
    let replace = |out: &mut String, with: &str| {
        out.truncate(start);
        out.push_str(with);
    };
    let key = &out[start..];
    if key.len() <= 3 {
        match key {
            "n't" | "nt" | "'t" => return replace(out, "not"),
            "ca" if before_nt => return replace(out, "can"),
            "wo" if before_nt => return replace(out, "will"),
            "sha" if before_nt => return replace(out, "shall"),
            _ => {}
        }
    }
    if before_nt {
        detached_stem(out, start);
    }
    if apostrophe {
        let key = &out[start..];
        let clitic = ["'s", "'re", "'ll", "'ve", "'d", "'m"]
            .iter()
            .find(|c| key.len() > c.len() && key.ends_with(**c));
        if let Some(c) = clitic {
            out.truncate(out.len() - c.len());
        }
    }
}

/// The shape [`word_key`] finds, without writing the key.
#[cfg(test)]
fn word_shape(word: &str) -> WordShape {
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

/// [`push_key`] of an ASCII word with other bytes than lower-case letters: the same key and
/// shape, computed on bytes.
fn ascii_push_key(word: &str, before_nt: bool, out: &mut String) -> WordShape {
    let start = out.len();
    let b = word.as_bytes();
    let (mut lower, mut upper, mut apostrophe, mut elongated) = (0u32, 0u32, false, false);
    for (i, &c) in b.iter().enumerate() {
        lower += u32::from(c.is_ascii_lowercase());
        upper += u32::from(c.is_ascii_uppercase());
        apostrophe |= c == b'\'';
        // A letter repeated three times in a row, compared as written ("sooo", not "SOoo").
        elongated |= i >= 2 && c == b[i - 1] && c == b[i - 2] && c.is_ascii_alphabetic();
    }
    out.push_str(word);
    if upper > 0 {
        out[start..].make_ascii_lowercase();
    }
    if b.len() <= 3 || apostrophe || before_nt {
        fix_key(out, start, before_nt, apostrophe);
    }
    WordShape {
        caps: upper >= 2 && lower == 0,
        elongated,
    }
}

/// The key of a word before a detached `'t` ("don 't", "won 't"): the word still ends in its
/// `n`, so it is cut where "dont" would be ("do", "will"). Other words are left alone.
fn detached_stem(out: &mut String, start: usize) {
    let key = &out[start..];
    let n = key.len();
    if key.ends_with('n')
        && BARE_CONTRACTIONS
            .iter()
            .any(|c| c.len() == n + 1 && c.starts_with(key))
    {
        out.pop();
        let with = match &out[start..] {
            "ca" => "can",
            "wo" => "will",
            "sha" => "shall",
            _ => return,
        };
        out.truncate(start);
        out.push_str(with);
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
    // The letters first, stopping at the third: most chunks tested are words with an
    // apostrophe or a hyphen ("it's", "well-made").
    s.len() <= 8
        && s.bytes().filter(u8::is_ascii_alphabetic).nth(2).is_none()
        && s.is_ascii()
        && s.bytes()
            .any(|b| b.is_ascii_punctuation() && !matches!(b, b'\'' | b'#' | b'@'))
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
        /// Every fast path (lower-case words, capitalised words, ASCII words, and a word that
        /// is its own key) gives the general path's key and shape.
        #[test]
        fn ascii_keys_equal_the_general_ones(
            w in proptest::prop_oneof![
                "[a-zA-Z'0-9.]{0,12}",
                "[A-Z]?[a-z]{0,8}",
                "(n't|NT|nt|'t|ca|Wo|sha|don|WON|didn|can|it's|THEY'RE|we'll|I'd|i'm|'s|soOoo|GOOOD|Nt|Ca|Sooo)",
            ],
            nt: bool,
        ) {
            let (mut fast, mut general) = (String::from("x"), String::from("x"));
            let mut dispatched = String::from("x");
            let a = ascii_push_key(&w, nt, &mut fast);
            let b = unicode_push_key(&w, nt, &mut general);
            let c = push_key(&w, nt, &mut dispatched);
            proptest::prop_assert_eq!(a, word_shape(&w));
            proptest::prop_assert_eq!((&fast, a), (&general, b));
            proptest::prop_assert_eq!((&dispatched, c), (&general, b));
            if let Some(shape) = plain_shape(w.as_bytes(), nt) {
                proptest::prop_assert_eq!((format!("x{w}"), shape), (general, b));
            }
        }

        /// The packed shape is the byte loop's, for any bytes (letters, their neighbours in
        /// ASCII, non-ASCII, runs) of every length the packed shape takes.
        #[test]
        fn packed_shapes_equal_the_byte_loops(
            b in proptest::collection::vec(
                proptest::prop_oneof![
                    proptest::sample::select(b"`az{AZ@nt0'\x7f\x80\xe2\xff".to_vec()),
                    proptest::num::u8::ANY,
                    b'a'..=b'e',
                ],
                0..=8,
            ),
            nt: bool,
        ) {
            let mut bytes = [0u8; 8];
            bytes[..b.len()].copy_from_slice(&b);
            let x = u64::from_le_bytes(bytes);
            proptest::prop_assert_eq!(plain_shape_packed(x, b.len(), nt), plain_shape(&b, nt));
        }

        /// The same for the 128-bit shape of words of 9 to 15 bytes.
        #[test]
        fn wide_shapes_equal_the_byte_loops(
            b in proptest::collection::vec(
                proptest::prop_oneof![
                    proptest::sample::select(b"`az{AZ@nt0'\x7f\x80\xe2\xff".to_vec()),
                    proptest::num::u8::ANY,
                    b'a'..=b'e',
                    b'a'..=b'z',
                ],
                9..=15,
            ),
            nt: bool,
        ) {
            let mut bytes = [0u8; 16];
            bytes[..b.len()].copy_from_slice(&b);
            let lo = u64::from_le_bytes(bytes[..8].try_into().unwrap());
            let hi = u64::from_le_bytes(bytes[8..].try_into().unwrap());
            proptest::prop_assert_eq!(plain_shape_wide(lo, hi, b.len(), nt), plain_shape(&b, nt));
        }
    }

    /// The shape of a lower-case ASCII word, elongated or not.
    fn lower(elongated: bool) -> Option<WordShape> {
        Some(WordShape {
            caps: false,
            elongated,
        })
    }

    #[test]
    fn wide_shapes() {
        let wide = |w: &str| {
            let mut bytes = [0u8; 16];
            bytes[..w.len()].copy_from_slice(w.as_bytes());
            let lo = u64::from_le_bytes(bytes[..8].try_into().unwrap());
            let hi = u64::from_le_bytes(bytes[8..].try_into().unwrap());
            plain_shape_wide(lo, hi, w.len(), false)
        };
        assert_eq!(wide("wonderful"), lower(false));
        assert_eq!(wide("sooooooooo"), lower(true));
        assert_eq!(wide("abcdefgooo"), lower(true));
        assert_eq!(wide("abcdefgoo"), lower(false));
        assert_eq!(wide("abcdefghijklmnp"), lower(false));
        assert_eq!(wide("abcdefghijklppp"), lower(true));
        assert_eq!(wide("abcdefghijklmnP"), None);
        assert_eq!(wide("Wonderful"), None);
        assert_eq!(wide("caf\u{e9}caf\u{e9}"), None);
    }

    #[test]
    fn packed_shapes() {
        let packed = |w: &str| {
            let mut bytes = [0u8; 8];
            bytes[..w.len()].copy_from_slice(w.as_bytes());
            plain_shape_packed(u64::from_le_bytes(bytes), w.len(), false)
        };
        assert_eq!(packed("good"), lower(false));
        assert_eq!(packed("sooo"), lower(true));
        assert_eq!(packed("zzzzzzzz"), lower(true));
        assert_eq!(packed("abcdefoo"), lower(false));
        assert_eq!(packed("abcdeooo"), lower(true));
        assert_eq!(packed(""), lower(false));
        assert_eq!(packed("Good"), None);
        assert_eq!(packed("nt"), None);
        assert_eq!(packed("caf\u{e9}"), None);
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
