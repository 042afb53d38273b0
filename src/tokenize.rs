//! Text → sentences → tokens with byte offsets.
//!
//! Sentences and words come from Unicode UAX #29 (`unicode-segmentation`). Before segmenting, each
//! whitespace-separated chunk is checked against the lexicon's emoticons, because UAX #29 would split
//! `:-)` into three punctuation marks. URLs, e-mail addresses and @mentions are kept whole so that
//! they never score; `#hashtags` yield their word; negative contractions are split PTB-style
//! (`don't` → `do` + `n't`, `cannot` → `can` + `not`) so that negation and phrases see one form
//! whether the text says `don't`, `don’t` or the pre-tokenised `do n't`.

use unicode_segmentation::UnicodeSegmentation;

use crate::lexicon::is_nt;
use crate::normalize::is_emoticon_like;
use crate::segment::{AsciiWords, SimpleSentences, simple_text};

/// What a token is, which decides how the rules treat it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum TokenKind {
    /// Letters (possibly with digits or apostrophes): looked up in the lexicon.
    Word,
    /// Starts with a digit: never scores alone, may be part of a phrase ("5 stars").
    Number,
    /// A lexicon emoticon such as `:-)` or `<3`.
    Emoticon,
    /// A pictographic symbol (emoji, with its modifiers and ZWJ parts).
    Emoji,
    /// `!`
    Exclaim,
    /// `?`
    Question,
    /// Punctuation that ends a clause: `, ; : ( ) .`, dashes and a hyphen between spaces.
    Boundary,
    /// URL, e-mail address or @mention: kept so that it never scores.
    Ignored,
}

/// A token: a byte span of the document and what it is. Tokens hold no borrow, so buffers of
/// them can be reused from one document to the next.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Token {
    pub start: usize,
    pub end: usize,
    pub kind: TokenKind,
    /// A word that is a detached negative clitic (`n't`, `nt`, `'t`: `lexicon::is_nt`), which
    /// changes the key of the word before it (`ca` → `can`); set where words are pushed, so
    /// the keys need not test every next word's text. Never set on other kinds of token.
    pub nt: bool,
    /// The next token of the sentence is `nt`: set as that one is pushed, so that the keys read
    /// a flag of the token at hand instead of loading the next one.
    pub before_nt: bool,
}

impl Token {
    fn new(text: &str, start: usize, kind: TokenKind) -> Self {
        Token::at(start, text.len(), kind)
    }

    /// The token of `len` bytes from `start`.
    fn at(start: usize, len: usize, kind: TokenKind) -> Self {
        Token {
            start,
            end: start + len,
            kind,
            nt: false,
            before_nt: false,
        }
    }

    /// The word of `len` bytes from `start`, `nt` if it is a negative clitic.
    fn word(start: usize, len: usize, nt: bool) -> Self {
        Token {
            nt,
            ..Token::at(start, len, TokenKind::Word)
        }
    }

    /// The token's text in `doc`.
    pub fn text<'a>(&self, doc: &'a str) -> &'a str {
        &doc[self.start..self.end]
    }
}

/// Byte spans of the sentences of `text`, whitespace-only ones left out.
pub(crate) fn sentences(text: &str) -> Sentences<'_> {
    // ASCII text, and text whose other characters are common ones (curly quotes, accents,
    // emoji), takes the byte fast path, which yields the same boundaries; most short texts are
    // one sentence, which a scan for terminators shows.
    // One OR over all bytes, which vectorises: `is_ascii` stops early but costs more a byte, and
    // most texts are ASCII to their end.
    let ascii = text.bytes().fold(0, |acc, b| acc | b) < 0x80;
    if !ascii && !simple_text(text) {
        Sentences::Unicode(text.split_sentence_bound_indices())
    } else if is_one_sentence(text.as_bytes()) {
        Sentences::One(Some(text))
    } else {
        Sentences::Simple(SimpleSentences::new(text))
    }
}

/// The iterator of [`sentences`]: one of its three ways of finding them (an enum, where a chain
/// of three optional iterators asked each in turn for every sentence).
pub(crate) enum Sentences<'a> {
    One(Option<&'a str>),
    Simple(SimpleSentences<'a>),
    Unicode(unicode_segmentation::USentenceBoundIndices<'a>),
}

impl Sentences<'_> {
    /// Whether the text may hold a line break: one sentence holds none, and the byte path
    /// knows (a chat transcript, one turn a line, needs them: `transcript::turns`).
    pub(crate) fn may_break_lines(&self) -> bool {
        match self {
            Sentences::One(_) => false,
            Sentences::Simple(s) => s.has_breaks(),
            Sentences::Unicode(_) => true,
        }
    }
}

impl<'a> Iterator for Sentences<'a> {
    type Item = (usize, &'a str);

    fn next(&mut self) -> Option<(usize, &'a str)> {
        loop {
            let (start, s) = match self {
                Sentences::One(text) => (0, text.take()?),
                Sentences::Simple(it) => it.next()?,
                Sentences::Unicode(it) => it.next()?,
            };
            let trimmed = trim_start(s);
            let start = start + (s.len() - trimmed.len());
            let trimmed = trim_end(trimmed);
            if !trimmed.is_empty() {
                return Some((start, trimmed));
            }
        }
    }
}

/// [`str::trim_start`], by byte while the text starts with ASCII: `trim_ascii_start` drops the
/// same ASCII whitespace but for the vertical tab, and a character past it decides the rest.
fn trim_start(s: &str) -> &str {
    let t = s.trim_ascii_start();
    match t.as_bytes().first() {
        Some(&b) if b == 0x0b || !b.is_ascii() => t.trim_start(),
        _ => t,
    }
}

/// [`str::trim_end`] the same way (see [`trim_start`]).
fn trim_end(s: &str) -> &str {
    let t = s.trim_ascii_end();
    match t.as_bytes().last() {
        Some(&b) if b == 0x0b || !b.is_ascii() => t.trim_end(),
        _ => t,
    }
}

/// Whether UAX #29 finds only one sentence with text in an ASCII text (or a `simple_text`,
/// whose other characters are neither terminators nor separators): no terminator (`.`, `!`,
/// `?`) or line break before a final run of terminators, closing quotes or brackets, and
/// ASCII whitespace. UAX #29 breaks only after terminators (SB11) and line breaks (SB4); after
/// the final run nothing but whitespace is left, which `sentences` drops.
fn is_one_sentence(b: &[u8]) -> bool {
    let mut i = crate::segment::may_end(b);
    while b.get(i).is_some_and(|c| matches!(c, b'.' | b'!' | b'?')) {
        i += 1;
    }
    while b
        .get(i)
        .is_some_and(|c| matches!(c, b'"' | b'\'' | b')' | b']' | b'}'))
    {
        i += 1;
    }
    b[i..]
        .iter()
        .all(|c| matches!(c, b' ' | b'\t' | b'\x0b' | b'\x0c' | b'\r' | b'\n'))
}

/// Appends the tokens of `sentence` (which starts at byte `offset` of the document) to `out`.
/// `is_emoticon` receives an ASCII-lowercased chunk and says whether the lexicon knows it.
pub(crate) fn tokenize(
    sentence: &str,
    offset: usize,
    is_emoticon: &dyn Fn(&str) -> bool,
    out: &mut Vec<Token>,
) {
    let mut lower = [0u8; MAX_EMOTICON];
    let bytes = sentence.as_bytes();
    // A clitic opening this sentence marks no token of the one before.
    let sentence_first = out.len();
    let mut pos = 0;
    while pos < bytes.len() {
        // Skip whitespace (ASCII by byte), then take one whitespace-delimited chunk.
        while bytes
            .get(pos)
            .is_some_and(|&b| CHUNK_CLASS[usize::from(b)] & SPACE != 0)
        {
            pos += 1;
        }
        if bytes.get(pos).is_some_and(|b| !b.is_ascii()) {
            let Some(ws_end) = sentence[pos..].find(|c: char| !c.is_whitespace()) else {
                break;
            };
            pos += ws_end;
        }
        if pos >= bytes.len() {
            break;
        }
        // The chunk's end, byte by byte while ASCII; the union of its bytes' classes says
        // whether it has ASCII punctuation, anything but letters and digits, or non-ASCII.
        let (mut end, mut seen) = (pos, 0u8);
        // Letters and digits (class 0) in a tighter loop: most chunks are nothing else. A
        // slice iterator steps one pointer, where indexing stepped two counters.
        end += bytes[pos..]
            .iter()
            .position(|&b| CHUNK_CLASS[usize::from(b)] != 0)
            .unwrap_or(bytes.len() - pos);
        // The chunk's leading letters and digits: a word before any punctuation.
        let lead = end - pos;
        // The commonest chunk: letters and digits up to a space or the end. What the general
        // path below finds for it (no stop, nothing after the word), without its tests.
        if lead > 0
            && bytes
                .get(end)
                .is_none_or(|&b| CHUNK_CLASS[usize::from(b)] & SPACE != 0)
        {
            classify_alnum(&bytes[pos..end], offset + pos, out);
            pos = end;
            continue;
        }
        // The next commonest: letters and digits with one apostrophe between two letters ("it's",
        // "don't", "I'm") up to a space or the end. UAX #29 keeps it one word (WB6, WB7), it is
        // no emoticon (its only punctuation is the apostrophe), and the general path below ends
        // in `classify` of the whole chunk.
        if lead > 0 && bytes.get(end) == Some(&b'\'') && bytes[end - 1].is_ascii_alphabetic() {
            let tail = bytes[end + 1..]
                .iter()
                .take_while(|&&b| CHUNK_CLASS[usize::from(b)] == 0)
                .count();
            let stop = end + 1 + tail;
            if tail > 0
                && bytes[end + 1].is_ascii_alphabetic()
                && bytes
                    .get(stop)
                    .is_none_or(|&b| CHUNK_CLASS[usize::from(b)] & SPACE != 0)
            {
                classify(&sentence[pos..stop], offset + pos, out);
                pos = stop;
                continue;
            }
        }
        // "unacceptable.Unless", "sure.But": a space forgotten after a full stop. UAX #29 reads
        // one word there, which no lexicon knows; the stop ends the chunk instead, so both
        // words score. Two lower-case letters before it and a capitalised word after it keep
        // initials ("J.Smith"), abbreviations ("U.S.") and host names ("shop.com") whole.
        if missing_space_after_stop(&bytes[pos..], lead) {
            end += 1;
            seen = CHUNK_CLASS[usize::from(b'.')];
        }
        let split = end - pos > lead;
        while let Some(&b) = bytes.get(end).filter(|_| !split) {
            let class = CHUNK_CLASS[usize::from(b)];
            if class & SPACE != 0 {
                break;
            }
            if class & NON_ASCII == 0 {
                seen |= class;
                end += 1;
            } else {
                seen |= NON_ASCII;
                match sentence[end..].chars().next() {
                    Some(c) if !c.is_whitespace() => end += c.len_utf8(),
                    _ => break,
                }
            }
        }
        let (punct, ascii) = (seen & PUNCT != 0, seen & NON_ASCII == 0);
        let alnum = seen & NOT_ALNUM == 0;
        let start = offset + pos;
        let span = pos..end;
        pos = end;
        if !punct && ascii && alnum {
            // Letters and digits only: UAX #29 keeps them together as one word. Bytes: the
            // commonest chunk needs no `str` slice and its boundary checks.
            classify_alnum(&bytes[span], start, out);
            continue;
        }
        let chunk = &sentence[span];
        // URLs, addresses, mentions and emoticons all have ASCII punctuation.
        if !punct {
            if ascii {
                segment_ascii(chunk, start, out);
            } else {
                segment(chunk, start, out);
            }
            continue;
        }
        // "do n 't", "didn 't": some corpora detach the clitic from its word. Kept whole, it
        // reads as `n't` (a lone "n" before it is dropped), so negation sees it.
        if matches!(chunk, "'t" | "'T" | "’t" | "’T") {
            if let Some(prev) = out
                .last()
                .filter(|t| t.kind == TokenKind::Word && t.start >= offset)
            {
                let word = &sentence[prev.start - offset..prev.end - offset];
                if word.ends_with(['n', 'N']) {
                    if word.len() == 1 {
                        out.pop();
                    }
                    push_token(
                        out,
                        Token::word(start, chunk.len(), is_nt(chunk.as_bytes())),
                    );
                    continue;
                }
            }
        }
        // A hyphen standing alone between spaces is a dash ("I don't see the problem - I love
        // it"): it ends a clause, where a hyphen inside a word ("well-made") does not.
        if matches!(chunk, "-" | "--" | "---") {
            out.push(Token::new(chunk, start, TokenKind::Boundary));
            continue;
        }
        if let Some(kind) = whole_chunk_kind(chunk, seen & AT != 0) {
            out.push(Token::new(chunk, start, kind));
            continue;
        }
        // The commonest chunk with punctuation: a word and sentence marks ("great!", "ok.",
        // "why??"). UAX #29 splits off each mark, and a word is no emoticon.
        if ascii {
            let b = chunk.as_bytes();
            let word = lead;
            if word > 0 && b[word..].iter().all(|&c| is_sentence_mark(c)) {
                classify(&chunk[..word], start, out);
                for i in word..b.len() {
                    classify(&chunk[i..=i], start + i, out);
                }
                continue;
            }
        }
        // An emoticon, possibly followed by sentence punctuation (":)!!", ":(.").
        let core = chunk.trim_end_matches(|c: char| c.is_ascii() && is_sentence_mark(c as u8));
        let core = if core.is_empty() { chunk } else { core };
        if is_emoticon_like(core) {
            let low = &mut lower[..core.len()];
            low.copy_from_slice(core.as_bytes());
            low.make_ascii_lowercase();
            if std::str::from_utf8(low).is_ok_and(is_emoticon) {
                out.push(Token::new(core, start, TokenKind::Emoticon));
                segment(&chunk[core.len()..], start + core.len(), out);
                continue;
            }
        }
        let first = out.len();
        segment(chunk, start, out);
        // "&gt;", "&amp;": HTML entities left in exported text are markup, not words.
        if chunk.as_bytes().contains(&b'&') {
            let mut entity_end = None;
            for j in first..out.len() {
                let t = &mut out[j];
                let (a, b) = (t.start - offset, t.end - offset);
                if Some(t.start) == entity_end {
                    // The entity's ";" ends no clause.
                    t.kind = TokenKind::Ignored;
                } else if t.kind == TokenKind::Word
                    && a > 0
                    && bytes[a - 1] == b'&'
                    && bytes.get(b) == Some(&b';')
                {
                    // No clitic either ("&nt;"): `Token::nt` is of words only.
                    (t.kind, t.nt) = (TokenKind::Ignored, false);
                    entity_end = Some(t.end);
                    if let Some(p) = j.checked_sub(1) {
                        out[p].before_nt = false;
                    }
                }
            }
        }
    }
    if let Some(p) = sentence_first.checked_sub(1) {
        out[p].before_nt = false;
    }
}

/// Pushes `t`, marking the token before it when it is a negative clitic.
#[inline(always)]
fn push_token(out: &mut Vec<Token>, t: Token) {
    if t.nt {
        if let Some(p) = out.last_mut() {
            p.before_nt = true;
        }
    }
    out.push(t);
}

const MAX_EMOTICON: usize = 8;

/// Whether `chunk` has a full stop right after its `lead` letters and digits that a forgotten
/// space follows: two lower-case letters before it, an upper-case and a lower-case letter after.
fn missing_space_after_stop(chunk: &[u8], lead: usize) -> bool {
    lead >= 2
        && chunk.get(lead) == Some(&b'.')
        && chunk[lead - 2..lead].iter().all(u8::is_ascii_lowercase)
        && chunk.get(lead + 1).is_some_and(u8::is_ascii_uppercase)
        && chunk.get(lead + 2).is_some_and(u8::is_ascii_lowercase)
}

/// Marks that may follow a word or an emoticon in the same chunk ("great!", ":)!!").
fn is_sentence_mark(c: u8) -> bool {
    matches!(c, b'.' | b',' | b'!' | b'?' | b';')
}

/// Byte class bits of the chunk scan, one table lookup per byte.
const SPACE: u8 = 1;
const PUNCT: u8 = 2;
/// Punctuation or a control character: the chunk is not letters and digits only.
const NOT_ALNUM: u8 = 4;
/// A byte of a non-ASCII character (which may be whitespace: decoded as a char).
const NON_ASCII: u8 = 8;
/// `@`: only a chunk with one can be an address or a mention.
const AT: u8 = 16;
/// The class bits of each byte.
const CHUNK_CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        t[b] = if !c.is_ascii() {
            NON_ASCII
        } else if matches!(c, b'\t'..=b'\r' | b' ') {
            SPACE
        } else if c == b'@' {
            PUNCT | NOT_ALNUM | AT
        } else if c.is_ascii_punctuation() {
            PUNCT | NOT_ALNUM
        } else if c.is_ascii_alphanumeric() {
            0
        } else {
            NOT_ALNUM
        };
        b += 1;
    }
    t
};

/// URLs, e-mail addresses and @mentions are one token that never scores. `has_at`: whether the
/// chunk holds an `@` (known from the chunk scan, so most chunks skip the search for it).
fn whole_chunk_kind(chunk: &str, has_at: bool) -> Option<TokenKind> {
    let b = chunk.as_bytes();
    let starts = |p: &[u8]| b.len() > p.len() && b[..p.len()].eq_ignore_ascii_case(p);
    if starts(b"http://") || starts(b"https://") || starts(b"www.") {
        return Some(TokenKind::Ignored);
    }
    if !has_at {
        return None;
    }
    if b.len() > 1 && b[0] == b'@' && b[1].is_ascii_alphanumeric() {
        return Some(TokenKind::Ignored);
    }
    // Byte searches: `str::find(char)` costs far more on these short chunks.
    if let Some(at) = b.iter().position(|&c| c == b'@') {
        if at > 0 && b[at..].contains(&b'.') && chunk.is_ascii() {
            return Some(TokenKind::Ignored);
        }
    }
    None
}

/// UAX #29 word segmentation of one chunk.
pub(crate) fn segment(chunk: &str, start: usize, out: &mut Vec<Token>) {
    if chunk.is_ascii() {
        segment_ascii(chunk, start, out);
    } else {
        for (i, seg) in chunk.split_word_bound_indices() {
            classify(seg, start + i, out);
        }
    }
}

/// [`segment`] of an ASCII chunk: the same segments as UAX #29, from a byte table.
fn segment_ascii(chunk: &str, start: usize, out: &mut Vec<Token>) {
    for (i, seg) in AsciiWords::new(chunk) {
        classify(seg, start + i, out);
    }
}

/// Turns one UAX #29 segment into a token, or drops it.
#[inline(always)]
fn classify(seg: &str, start: usize, out: &mut Vec<Token>) {
    // ASCII first characters, decided on the byte (the same classes as below).
    match seg.as_bytes().first() {
        Some(b) if b.is_ascii_alphabetic() => return push_word(seg.as_bytes(), start, out),
        Some(b) if b.is_ascii_digit() => {
            return out.push(Token::new(seg, start, TokenKind::Number));
        }
        Some(b'!') => return out.push(Token::new(seg, start, TokenKind::Exclaim)),
        Some(b'?') => return out.push(Token::new(seg, start, TokenKind::Question)),
        Some(b',' | b';' | b':' | b'(' | b')' | b'.') => {
            return out.push(Token::new(seg, start, TokenKind::Boundary));
        }
        Some(b'\'') | None => {}
        Some(b) if b.is_ascii() => return,
        Some(_) => {}
    }
    let first = seg.chars().next().unwrap_or(' ');
    if first.is_alphabetic() || (first == '\'' || first == '’') && seg.len() > 1 {
        push_word(seg.as_bytes(), start, out);
    } else if first.is_numeric() {
        out.push(Token::new(seg, start, TokenKind::Number));
    } else if first == '!' {
        out.push(Token::new(seg, start, TokenKind::Exclaim));
    } else if first == '?' {
        out.push(Token::new(seg, start, TokenKind::Question));
    } else if matches!(first, ',' | ';' | ':' | '(' | ')' | '.' | '—' | '–' | '…') {
        out.push(Token::new(seg, start, TokenKind::Boundary));
    } else if !first.is_ascii() && !first.is_whitespace() && !is_general_punct(first) {
        out.push(Token::new(seg, start, TokenKind::Emoji));
    }
    // Anything else (quotes, hyphens, '#', '*', '/') neither scores nor ends a clause.
}

/// [`classify`] of a chunk of ASCII letters and digits (one word or number), from its bytes.
#[inline(always)]
fn classify_alnum(b: &[u8], start: usize, out: &mut Vec<Token>) {
    match b.first() {
        Some(c) if c.is_ascii_digit() => out.push(Token::at(start, b.len(), TokenKind::Number)),
        Some(_) => push_word(b, start, out),
        None => {}
    }
}

fn is_general_punct(c: char) -> bool {
    matches!(c, '\u{2000}'..='\u{206F}' | '\u{3000}'..='\u{303F}' | '«' | '»' | '¿' | '¡')
}

/// Negative contractions typed without an apostrophe, split like their spelled-out twins
/// (`doesnt` → `does` + `nt`), so "doesnt work" matches "does not work".
pub(crate) const BARE_CONTRACTIONS: [&str; 22] = [
    "aint", "arent", "cant", "couldnt", "darent", "didnt", "doesnt", "dont", "hadnt", "hasnt",
    "havent", "isnt", "mightnt", "mustnt", "neednt", "oughtnt", "shant", "shouldnt", "wasnt",
    "werent", "wont", "wouldnt",
];

/// Pushes a word, splitting negative contractions: `don't` → `do` + `n't`, `cannot` → `can` + `not`,
/// `dont` → `do` + `nt`.
#[inline(always)]
fn push_word(b: &[u8], start: usize, out: &mut Vec<Token>) {
    // Every contraction split below ends in "t": most words are ruled out by one byte.
    if !matches!(b.last(), Some(b't' | b'T')) {
        return out.push(Token::at(start, b.len(), TokenKind::Word));
    }
    let ends_nt = |suffix: &str| {
        b.len() > suffix.len()
            && b[b.len() - suffix.len()..].eq_ignore_ascii_case(suffix.as_bytes())
    };
    let split = if ends_nt("n't") {
        Some(b.len() - 3)
    } else if ends_nt("n’t") {
        Some(b.len() - "n’t".len())
    } else if b.len() == 6 && b.eq_ignore_ascii_case(b"cannot") {
        Some(3)
    } else if (4..=8).contains(&b.len())
        && b[b.len() - 2..].eq_ignore_ascii_case(b"nt")
        && BARE_CONTRACTIONS
            .iter()
            .any(|c| c.as_bytes().eq_ignore_ascii_case(b))
    {
        Some(b.len() - 2)
    } else {
        None
    };
    match split {
        Some(at) => {
            // The base is flagged too: "ntn't" is "nt" + "n't", two clitics.
            push_token(out, Token::word(start, at, is_nt(&b[..at])));
            push_token(out, Token::word(start + at, b.len() - at, is_nt(&b[at..])));
        }
        None => push_token(out, Token::word(start, b.len(), is_nt(b))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trims_like_the_standard_library() {
        let ws = [
            " ", "\t", "\n", "\r", "\x0b", "\x0c", "\u{a0}", "\u{2028}", "\u{3000}",
        ];
        for a in ws {
            for b in ws {
                for core in ["", "x", "é", "a b", "\u{1c}"] {
                    let s = format!("{a}{b}{core}{b}{a}");
                    assert_eq!(trim_start(&s), s.trim_start(), "{s:?}");
                    assert_eq!(trim_end(&s), s.trim_end(), "{s:?}");
                }
            }
        }
    }

    fn toks(s: &str) -> Vec<(&str, TokenKind)> {
        let mut out = Vec::new();
        tokenize(
            s,
            0,
            &|e| matches!(e, ":)" | ":-(" | "<3" | ":d" | ":'("),
            &mut out,
        );
        out.into_iter().map(|t| (t.text(s), t.kind)).collect()
    }

    use TokenKind::*;

    #[test]
    fn contractions_split_with_either_apostrophe() {
        assert_eq!(toks("don't"), vec![("do", Word), ("n't", Word)]);
        assert_eq!(toks("don’t"), vec![("do", Word), ("n’t", Word)]);
        assert_eq!(toks("does n't"), vec![("does", Word), ("n't", Word)]);
        assert_eq!(toks("Cannot"), vec![("Can", Word), ("not", Word)]);
        assert_eq!(toks("it's"), vec![("it's", Word)]);
        assert_eq!(toks("DOESNT"), vec![("DOES", Word), ("NT", Word)]);
        assert_eq!(toks("DON’T"), vec![("DO", Word), ("N’T", Word)]);
        assert_eq!(toks("n't"), vec![("n't", Word)]);
        // HTML entities are markup.
        assert_eq!(
            toks("Play &gt; Stop"),
            vec![
                ("Play", Word),
                ("gt", Ignored),
                (";", Ignored),
                ("Stop", Word)
            ]
        );
        assert_eq!(toks("R&D"), vec![("R", Word), ("D", Word)]);
        // Corpora that detach the clitic: "do n 't", "didn 't".
        assert_eq!(toks("do n 't"), vec![("do", Word), ("'t", Word)]);
        assert_eq!(toks("didn 't"), vec![("didn", Word), ("'t", Word)]);
        assert_eq!(toks("it 't"), vec![("it", Word), ("t", Word)]);
        assert_eq!(toks("want"), vec![("want", Word)]);
    }

    #[test]
    fn emoticons_emoji_and_punctuation() {
        assert_eq!(
            toks("love it :)"),
            vec![("love", Word), ("it", Word), (":)", Emoticon)]
        );
        assert_eq!(
            toks(":D!!"),
            vec![(":D", Emoticon), ("!", Exclaim), ("!", Exclaim)]
        );
        assert_eq!(toks("<3"), vec![("<3", Emoticon)]);
        assert_eq!(
            toks("bad 😡👍🏽"),
            vec![("bad", Word), ("😡", Emoji), ("👍🏽", Emoji)]
        );
        assert_eq!(toks("🤦‍♀️"), vec![("🤦‍♀️", Emoji)]);
        assert_eq!(
            toks("why??"),
            vec![("why", Word), ("?", Question), ("?", Question)]
        );
        assert_eq!(
            toks("good, bad"),
            vec![("good", Word), (",", Boundary), ("bad", Word)]
        );
    }

    /// Chunks end at any Unicode whitespace, not only ASCII (the scan decodes non-ASCII bytes).
    #[test]
    fn non_ascii_whitespace_separates_chunks() {
        assert_eq!(
            toks("great\u{A0}product\u{2003}ok \u{3000} fine\u{A0}"),
            vec![
                ("great", Word),
                ("product", Word),
                ("ok", Word),
                ("fine", Word)
            ]
        );
        assert_eq!(
            toks("\u{A0} caf\u{E9}!"),
            vec![("café", Word), ("!", Exclaim)]
        );
    }

    #[test]
    fn urls_mentions_numbers_and_hashtags() {
        let t = toks("see https://x.com/bad @bad bad@x.com #fail 42");
        assert_eq!(
            t,
            vec![
                ("see", Word),
                ("https://x.com/bad", Ignored),
                ("@bad", Ignored),
                ("bad@x.com", Ignored),
                ("fail", Word),
                ("42", Number)
            ]
        );
    }

    /// UAX #29 sentences with surrounding whitespace trimmed and empty ones dropped: what
    /// `sentences` must give.
    fn uax_sentences(s: &str) -> Vec<(usize, &str)> {
        s.split_sentence_bound_indices()
            .filter_map(|(start, seg)| {
                let t = seg.trim_start();
                let start = start + (seg.len() - t.len());
                let t = t.trim_end();
                (!t.is_empty()).then_some((start, t))
            })
            .collect()
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(4000))]
        /// The one-sentence shortcut gives the sentences UAX #29 gives.
        #[test]
        fn one_sentence_shortcut_agrees_with_uax29(
            s in proptest::collection::vec(
                proptest::sample::select(b"aZ3 .!?,;:-'\"()[]{}_\t\n\r\x0b\x0c#xY".to_vec()),
                0..30,
            )
        ) {
            let s = std::str::from_utf8(&s).unwrap();
            proptest::prop_assert_eq!(sentences(s).collect::<Vec<_>>(), uax_sentences(s));
        }

        /// Text with curly quotes, accents, dashes and emoji takes the byte-level splitter (and
        /// the one-sentence shortcut) and gives the sentences UAX #29 gives.
        #[test]
        fn common_characters_split_as_uax29(
            s in proptest::collection::vec(
                proptest::sample::select(vec![
                    "a", "Z", " ", ".", "!", "?", "'", "\"", ")", "\n", "\u{2019}", "\u{201D}",
                    "\u{E9}", "\u{A0}", "\u{2014}", "\u{2026}", "\u{1F602}", "\u{FE0F}",
                    "\u{2764}", "\u{4E2D}",
                ]),
                0..30,
            )
        ) {
            let s = s.concat();
            proptest::prop_assert_eq!(sentences(&s).collect::<Vec<_>>(), uax_sentences(&s));
        }

        /// The word-and-marks shortcut: UAX #29 splits off each mark after an ASCII word.
        #[test]
        fn marks_after_a_word_are_single_segments(
            w in "[a-zA-Z0-9]{1,10}",
            marks in "[.,!?;]{1,5}",
        ) {
            let chunk = format!("{w}{marks}");
            let words: Vec<_> = chunk.split_word_bound_indices().collect();
            let mut expected = vec![(0, w.as_str())];
            expected.extend((w.len()..chunk.len()).map(|i| (i, &chunk[i..=i])));
            proptest::prop_assert_eq!(words, expected);
        }

        /// The apostrophe shortcut: UAX #29 keeps letters and digits with an apostrophe between
        /// two letters one word.
        #[test]
        fn an_apostrophe_between_letters_is_one_word(
            w in "[a-zA-Z0-9]{0,5}[a-zA-Z]'[a-zA-Z][a-zA-Z0-9]{0,5}",
        ) {
            let words: Vec<_> = w.split_word_bound_indices().collect();
            proptest::prop_assert_eq!(words, vec![(0, w.as_str())]);
        }

        /// The chunk scan's shortcut: UAX #29 never splits a run of ASCII letters and digits.
        #[test]
        fn letters_and_digits_are_one_word(w in "[a-zA-Z0-9]{1,24}") {
            let words: Vec<_> = w.split_word_bound_indices().collect();
            proptest::prop_assert_eq!(words, vec![(0, w.as_str())]);
        }

        /// `Token::nt`, set as words are pushed, is `is_nt` of the word's text on every path
        /// (split contractions, bare ones, detached clitics, non-ASCII chunks).
        #[test]
        fn clitic_flags_agree_with_the_text(
            text in "(([a-zA-Z]{0,5}(n't|N'T|n’t|nt|NT|'t|’t|not|t)?|n|do|ca)[ .,!’'é😀]{0,2}){0,10}",
            any in "\\PC{0,40}",
        ) {
            for text in [&text, &any] {
                let mut out = Vec::new();
                let mut firsts = Vec::new();
                for (start, s) in sentences(text) {
                    firsts.push(out.len());
                    tokenize(s, start, &|e| e == ":)", &mut out);
                }
                for (i, t) in out.iter().enumerate() {
                    let nt = t.kind == TokenKind::Word && is_nt(t.text(text).as_bytes());
                    proptest::prop_assert_eq!(t.nt, nt, "{:?} in {:?}", t, text);
                    // `before_nt`: the next token of the same sentence is `nt`.
                    let next_nt = !firsts.contains(&(i + 1)) && out.get(i + 1).is_some_and(|n| n.nt);
                    proptest::prop_assert_eq!(t.before_nt, next_nt, "{:?} in {:?}", t, text);
                }
            }
        }
    }

    #[test]
    fn clitics_are_flagged() {
        let text = "I don't, can't, dont, cannot care; do n't, didn 't care. Not it, at nt n'T";
        let mut out = Vec::new();
        tokenize(text, 0, &|_| false, &mut out);
        let flagged: Vec<&str> = out.iter().filter(|t| t.nt).map(|t| t.text(text)).collect();
        assert_eq!(flagged, ["n't", "n't", "nt", "n't", "'t", "nt", "n'T"]);
        // An entity's name is markup, no clitic: `nt` is only ever set on words.
        out.clear();
        tokenize("do &nt; care", 0, &|_| false, &mut out);
        assert!(out.iter().all(|t| !t.nt || t.kind == TokenKind::Word));
        assert!(out.iter().all(|t| !t.nt && !t.before_nt));
    }

    #[test]
    fn offsets_point_into_the_document() {
        let text = "Hi. I can't :)";
        let mut out = Vec::new();
        for (start, s) in sentences(text) {
            tokenize(s, start, &|e| e == ":)", &mut out);
        }
        for t in &out {
            assert!(text.is_char_boundary(t.start) && text.is_char_boundary(t.end));
        }
        assert_eq!(out.len(), 6);
    }
}
