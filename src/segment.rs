//! Fast paths for the UAX #29 sentence and word boundaries of `unicode-segmentation`.
//!
//! Most customer text is ASCII, or ASCII with a few curly quotes, accented letters and emoji.
//! For it, a byte table (and a short list of common non-ASCII characters, [`common_cat`])
//! replaces the Unicode property lookups, and the boundaries are exactly those of
//! `unicode-segmentation` 1.13: the same state machines, run on bytes. Tests compare both paths
//! on random strings, on every evaluation text, and check every listed character's class.

/// Sentence_Break classes of the ASCII bytes (UAX #29 table 4; ASCII has no Sep, OLetter,
/// Extend or Format).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum SCat {
    Other,
    Cr,
    Lf,
    Sp,
    Lower,
    Upper,
    Numeric,
    ATerm,
    STerm,
    Close,
    SContinue,
    /// Extend and Format: transparent to every rule (SB5), except at the start of the text and
    /// after a paragraph separator, which [`simple_text`] rules out.
    Extend,
}

/// The Sentence_Break class of the non-ASCII characters that customer text commonly holds:
/// curly quotes, dashes, Latin-1 letters, the no-break space and emoji with their joiners and
/// variation selectors (the skin-tone modifiers are symbols of their own to UAX #29).
/// `None` for the rest, which take the `unicode-segmentation` path. None of these is a
/// terminator or a separator, which the skip in [`SimpleSentences::next_break`] relies on.
fn common_cat(c: char) -> Option<SCat> {
    Some(match c {
        '\u{A0}' => SCat::Sp,
        '\u{C0}'..='\u{D6}' | '\u{D8}'..='\u{DE}' => SCat::Upper,
        '\u{DF}'..='\u{F6}' | '\u{F8}'..='\u{FF}' => SCat::Lower,
        '\u{AB}' | '\u{BB}' | '\u{2018}' | '\u{2019}' | '\u{201C}' | '\u{201D}' => SCat::Close,
        '\u{2013}' | '\u{2014}' => SCat::SContinue,
        '\u{200D}' | '\u{FE0E}' | '\u{FE0F}' => SCat::Extend,
        '\u{A3}' | '\u{B0}' | '\u{20AC}' | '\u{2026}' | '\u{2122}' => SCat::Other,
        '\u{2600}'..='\u{26FF}'
        | '\u{2764}'
        | '\u{1F300}'..='\u{1F64F}'
        | '\u{1F680}'..='\u{1F6FF}'
        | '\u{1F900}'..='\u{1F9FF}'
        | '\u{1FA70}'..='\u{1FAFF}' => SCat::Other,
        _ => return None,
    })
}

/// The class of the character that starts at byte `at` of `text` (a character boundary), and
/// its length. Only for [`simple_text`], whose non-ASCII characters all have a [`common_cat`].
// Inlined: called once per character the sentence rules look at.
#[inline(always)]
fn cat_at(text: &str, at: usize) -> (SCat, usize) {
    let b = text.as_bytes()[at];
    if b.is_ascii() {
        return (SENTENCE_CAT[usize::from(b)], 1);
    }
    let c = text[at..].chars().next().unwrap_or(' ');
    (char_cat(c), c.len_utf8())
}

/// The class of a character of a [`simple_text`].
fn char_cat(c: char) -> SCat {
    match u8::try_from(c) {
        Ok(b) if b.is_ascii() => SENTENCE_CAT[usize::from(b)],
        _ => common_cat(c).unwrap_or(SCat::Other),
    }
}

/// Whether [`SimpleSentences`] splits `text` exactly as `unicode-segmentation` does: every
/// non-ASCII character has a [`common_cat`], and no Extend/Format character opens the text or
/// follows a line break (where SB5 does not apply).
pub(crate) fn simple_text(text: &str) -> bool {
    let mut prev = None;
    for c in text.chars() {
        if !c.is_ascii() {
            match common_cat(c) {
                None => return false,
                Some(SCat::Extend) if matches!(prev, None | Some('\r' | '\n')) => return false,
                Some(_) => {}
            }
        }
        prev = Some(c);
    }
    true
}

const fn sentence_cat(b: u8) -> SCat {
    match b {
        b'\t' | 0x0B | 0x0C | b' ' => SCat::Sp,
        b'\n' => SCat::Lf,
        b'\r' => SCat::Cr,
        b'a'..=b'z' => SCat::Lower,
        b'A'..=b'Z' => SCat::Upper,
        b'0'..=b'9' => SCat::Numeric,
        b'.' => SCat::ATerm,
        b'!' | b'?' => SCat::STerm,
        b'"' | b'\'' | b'(' | b')' | b'[' | b']' | b'{' | b'}' => SCat::Close,
        b',' | b'-' | b':' | b';' => SCat::SContinue,
        _ => SCat::Other,
    }
}

static SENTENCE_CAT: [SCat; 128] = {
    let mut t = [SCat::Other; 128];
    let mut i = 0;
    while i < 128 {
        t[i] = sentence_cat(i as u8);
        i += 1;
    }
    t
};

/// A collapsed run of the text seen so far, as in `unicode-segmentation`'s sentence state.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Part {
    Sot,
    Eot,
    Other,
    Cr,
    Lf,
    ATerm,
    UpperLower,
    ClosePlus,
    SpPlus,
    STerm,
}

fn part(cat: SCat) -> Part {
    match cat {
        SCat::Cr => Part::Cr,
        SCat::Lf => Part::Lf,
        SCat::ATerm => Part::ATerm,
        SCat::Upper | SCat::Lower => Part::UpperLower,
        SCat::Close => Part::ClosePlus,
        SCat::Sp => Part::SpPlus,
        SCat::STerm => Part::STerm,
        _ => Part::Other,
    }
}

fn is_saterm(p: Part) -> bool {
    matches!(p, Part::ATerm | Part::STerm)
}

/// The last four parts; `[3]` is the latest.
type State = [Part; 4];

fn advance(s: State, cat: SCat) -> State {
    match (s[3], cat) {
        (Part::ClosePlus, SCat::Close) | (Part::SpPlus, SCat::Sp) => s,
        _ => [s[1], s[2], s[3], part(cat)],
    }
}

/// SB8: ATerm Close* Sp* × ( ¬(OLetter | Upper | Lower | ParaSep | SATerm) )* Lower
fn sb8(s: &State, text: &str, at: usize) -> bool {
    let mut idx = if s[3] == Part::SpPlus { 2 } else { 3 };
    if s[idx] == Part::ClosePlus {
        idx -= 1;
    }
    if s[idx] != Part::ATerm {
        return false;
    }
    let mut i = at;
    while i < text.len() {
        let (cat, len) = cat_at(text, i);
        match cat {
            SCat::Lower => return true,
            SCat::Upper | SCat::Cr | SCat::Lf | SCat::STerm | SCat::ATerm => return false,
            _ => i += len,
        }
    }
    false
}

/// SATerm Close* Sp*
fn sb8a(s: &State) -> bool {
    let mut idx = if s[3] == Part::SpPlus { 2 } else { 3 };
    if s[idx] == Part::ClosePlus {
        idx -= 1;
    }
    is_saterm(s[idx])
}

/// SATerm Close*
fn sb9(s: &State) -> bool {
    let idx = if s[3] == Part::ClosePlus { 2 } else { 3 };
    is_saterm(s[idx])
}

/// SATerm Close* Sp* ParaSep?
fn sb11(s: &State) -> bool {
    let mut idx = if matches!(s[3], Part::Cr | Part::Lf) {
        2
    } else {
        3
    };
    if s[idx] == Part::SpPlus {
        idx -= 1;
    }
    if s[idx] == Part::ClosePlus {
        idx -= 1;
    }
    is_saterm(s[idx])
}

/// The first byte of `b` after which a sentence may end (SATerm and ParaSep: `.`, `!`, `?`, line
/// breaks), or its length; everything before it is skipped.
pub(crate) fn may_end(b: &[u8]) -> usize {
    may_end_in(b, true)
}

/// [`may_end`] of a text that has line breaks only if `breaks`.
fn may_end_in(b: &[u8], breaks: bool) -> usize {
    let terminator = memchr::memchr3(b'.', b'!', b'?', b).unwrap_or(b.len());
    if !breaks {
        return terminator;
    }
    memchr::memchr2(b'\n', b'\r', &b[..terminator]).unwrap_or(terminator)
}

/// Sentence boundaries of a [`simple_text`]: what `split_sentence_bound_indices` yields.
#[derive(Clone, Debug)]
pub(crate) struct SimpleSentences<'a> {
    text: &'a str,
    pos: usize,
    state: State,
    start: Option<usize>,
    /// Whether the text has a line break: most have none, and the skip then need not look for
    /// one.
    breaks: bool,
}

impl<'a> SimpleSentences<'a> {
    /// `text` must be a [`simple_text`].
    pub fn new(text: &'a str) -> Self {
        debug_assert!(simple_text(text));
        SimpleSentences {
            text,
            pos: 0,
            state: [Part::Sot; 4],
            start: None,
            breaks: memchr::memchr2(b'\n', b'\r', text.as_bytes()).is_some(),
        }
    }

    /// Whether the text holds a line break.
    pub fn has_breaks(&self) -> bool {
        self.breaks
    }

    /// The next boundary (the byte offset of the character that follows it).
    fn next_break(&mut self) -> Option<usize> {
        let b = self.text.as_bytes();
        while self.pos < b.len() {
            // After a character that is not a terminator, a separator, a space or a closing
            // mark, no boundary can come before the next terminator or separator: skip to it.
            // Of the skipped bytes only the last one's part matters to the rules that follow
            // (the others cannot reach back to a terminator). No character of [`common_cat`] is
            // a terminator or a separator, and the skip stops at an ASCII byte, so at a
            // character. Checked first, so that it also follows the character after a boundary.
            if matches!(self.state[3], Part::Other | Part::UpperLower) {
                let skip = self.pos + may_end_in(&b[self.pos..], self.breaks);
                if skip > self.pos {
                    let last = last_cat(self.text, self.pos, skip).map_or(self.state[3], part);
                    self.state = [Part::Other, Part::Other, Part::Other, last];
                    self.pos = skip;
                    if skip == b.len() {
                        break;
                    }
                }
            }
            let at = self.pos;
            let before = self.state;
            let (cat, len) = cat_at(self.text, at);
            self.pos += len;
            if cat == SCat::Extend {
                // SB5: part of the character before it; never a boundary.
                continue;
            }
            self.state = advance(before, cat);
            let brk = match cat {
                _ if before[3] == Part::Sot => true,                   // SB1
                SCat::Lf if before[3] == Part::Cr => false,            // SB3
                _ if matches!(before[3], Part::Cr | Part::Lf) => true, // SB4
                SCat::Numeric if before[3] == Part::ATerm => false,    // SB6
                SCat::Upper if before[2..] == [Part::UpperLower, Part::ATerm] => false, // SB7
                _ if sb8(&before, self.text, at) => false,             // SB8
                SCat::SContinue | SCat::STerm | SCat::ATerm if sb8a(&before) => false, // SB8a
                SCat::Close | SCat::Sp | SCat::Cr | SCat::Lf if sb9(&before) => false, // SB9
                SCat::Sp | SCat::Cr | SCat::Lf if sb8a(&before) => false, // SB10
                _ => sb11(&before),                                    // SB11, SB998
            };
            if brk {
                return Some(at);
            }
        }
        if matches!(self.state[3], Part::Sot | Part::Eot) {
            None
        } else {
            self.state = [self.state[1], self.state[2], self.state[3], Part::Eot];
            Some(self.pos)
        }
    }
}

/// The class of the last character of `text[from..to]` that is no Extend/Format (`None` if
/// there is none: the state before `from` stands).
fn last_cat(text: &str, from: usize, to: usize) -> Option<SCat> {
    let b = text.as_bytes();
    if b[to - 1].is_ascii() {
        return Some(SENTENCE_CAT[usize::from(b[to - 1])]);
    }
    text[from..to]
        .chars()
        .rev()
        .map(char_cat)
        .find(|&cat| cat != SCat::Extend)
}

impl<'a> Iterator for SimpleSentences<'a> {
    type Item = (usize, &'a str);

    fn next(&mut self) -> Option<(usize, &'a str)> {
        if self.start.is_none() {
            self.start = Some(self.next_break()?);
        }
        let end = self.next_break()?;
        let start = self.start.replace(end)?;
        Some((start, &self.text[start..end]))
    }
}

/// Word_Break classes of the ASCII bytes (UAX #29 table 3).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum WCat {
    Any,
    Cr,
    Lf,
    Newline,
    WSegSpace,
    Letter,
    Numeric,
    ExtendNumLet,
    MidLetter,
    MidNum,
    MidNumLet,
    SingleQuote,
}

const fn word_cat(b: u8) -> WCat {
    match b {
        b'\r' => WCat::Cr,
        b'\n' => WCat::Lf,
        0x0B | 0x0C => WCat::Newline,
        b' ' => WCat::WSegSpace,
        b'a'..=b'z' | b'A'..=b'Z' => WCat::Letter,
        b'0'..=b'9' => WCat::Numeric,
        b'_' => WCat::ExtendNumLet,
        b':' => WCat::MidLetter,
        b',' | b';' => WCat::MidNum,
        b'.' => WCat::MidNumLet,
        b'\'' => WCat::SingleQuote,
        _ => WCat::Any,
    }
}

static WORD_CAT: [WCat; 128] = {
    let mut t = [WCat::Any; 128];
    let mut i = 0;
    while i < 128 {
        t[i] = word_cat(i as u8);
        i += 1;
    }
    t
};

fn wcat(b: &[u8], i: usize) -> Option<WCat> {
    b.get(i).map(|&c| WORD_CAT[usize::from(c & 0x7F)])
}

/// The end of the word-boundary segment of ASCII `b` that starts at `i` (`i < b.len()`).
pub(crate) fn ascii_word_end(b: &[u8], i: usize) -> usize {
    let mut state = WORD_CAT[usize::from(b[i] & 0x7F)];
    match state {
        // WB3, WB3a
        WCat::Cr => return i + 1 + usize::from(wcat(b, i + 1) == Some(WCat::Lf)),
        // WB3d
        WCat::WSegSpace => {
            let mut j = i + 1;
            while wcat(b, j) == Some(WCat::WSegSpace) {
                j += 1;
            }
            return j;
        }
        WCat::Letter | WCat::Numeric | WCat::ExtendNumLet => {}
        // WB3a, WB999
        _ => return i + 1,
    }
    let mut j = i + 1;
    while let Some(cat) = wcat(b, j) {
        match cat {
            // WB5, WB8, WB9, WB10, WB13a, WB13b
            WCat::Letter | WCat::Numeric | WCat::ExtendNumLet => {
                state = cat;
                j += 1;
            }
            // WB6, WB7
            WCat::MidLetter | WCat::MidNumLet | WCat::SingleQuote
                if state == WCat::Letter && wcat(b, j + 1) == Some(WCat::Letter) =>
            {
                j += 2;
            }
            // WB11, WB12
            WCat::MidNum | WCat::MidNumLet | WCat::SingleQuote
                if state == WCat::Numeric && wcat(b, j + 1) == Some(WCat::Numeric) =>
            {
                j += 2;
            }
            _ => break,
        }
    }
    j
}

/// Word boundaries of ASCII text: what `split_word_bound_indices` yields.
#[derive(Clone, Debug)]
pub(crate) struct AsciiWords<'a> {
    text: &'a str,
    pos: usize,
}

impl<'a> AsciiWords<'a> {
    /// `text` must be ASCII.
    pub fn new(text: &'a str) -> Self {
        debug_assert!(text.is_ascii());
        AsciiWords { text, pos: 0 }
    }
}

impl<'a> Iterator for AsciiWords<'a> {
    type Item = (usize, &'a str);

    fn next(&mut self) -> Option<(usize, &'a str)> {
        let start = self.pos;
        if start >= self.text.len() {
            return None;
        }
        let end = ascii_word_end(self.text.as_bytes(), start);
        self.pos = end;
        self.text.get(start..end).map(|s| (start, s))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use unicode_segmentation::UnicodeSegmentation;

    fn check(s: &str) {
        check_sentences(s);
        let fast: Vec<_> = AsciiWords::new(s).collect();
        let uax: Vec<_> = s.split_word_bound_indices().collect();
        assert_eq!(fast, uax, "words of {s:?}");
    }

    fn check_sentences(s: &str) {
        let fast: Vec<_> = SimpleSentences::new(s).collect();
        let uax: Vec<_> = s.split_sentence_bound_indices().collect();
        assert_eq!(fast, uax, "sentences of {s:?}");
    }

    /// The listed characters with an ASCII character of the same class.
    fn listed() -> Vec<(char, Option<char>)> {
        ('\u{80}'..='\u{1FFFF}')
            .filter_map(|c| {
                let rep = match common_cat(c)? {
                    SCat::Sp => Some(' '),
                    SCat::Upper => Some('A'),
                    SCat::Lower => Some('a'),
                    SCat::Close => Some('"'),
                    SCat::SContinue => Some(','),
                    SCat::Other => Some('#'),
                    SCat::Extend => None,
                    cat => {
                        panic!("{c:?} is listed as {cat:?}, which the fast path does not expect")
                    }
                };
                Some((c, rep))
            })
            .collect()
    }

    /// Every listed character has the class it is listed with: in contexts that tell the
    /// classes apart (every rule that looks at a neighbour), `unicode-segmentation` splits the
    /// text with it exactly as the text with an ASCII character of that class (an Extend
    /// character: as the text without it).
    #[test]
    fn listed_characters_have_their_class() {
        let before = [
            "a", "A", "1", "a.", "A.", "a. ", "a.\"", "a.\" ", "a!", "a! ", "a!\"", "a,", "a. #",
            "a.\n", "\"", "(", "a .",
        ];
        let after = [
            "", "a", "A", "1", " a", " A", ".", "!", " ", "\"", ",", "# a", "#A", "\n", ".a",
            ". a", ". A", ",a",
        ];
        let starts =
            |s: &str| -> Vec<usize> { s.split_sentence_bound_indices().map(|(i, _)| i).collect() };
        let listed = listed();
        assert!(listed.len() > 1500, "the emoji ranges are listed");
        for (c, rep) in listed {
            let rep = rep.map(String::from).unwrap_or_default();
            let with_c = c.to_string();
            let contexts = (["", "a. ", "x"].iter())
                .flat_map(|p| before.iter().map(move |b| format!("{p}{b}")))
                // Where SB5 does not apply, `simple_text` takes the other path.
                .filter(|b| !rep.is_empty() || !(b.is_empty() || b.ends_with(['\r', '\n'])));
            for b in contexts {
                for a in after {
                    let (got, want) = (format!("{b}{with_c}{a}"), format!("{b}{rep}{a}"));
                    // Boundaries after the character, moved to where they are without it.
                    let shift = |i: usize| {
                        if i > b.len() {
                            i - with_c.len() + rep.len()
                        } else {
                            i
                        }
                    };
                    let got: Vec<_> = starts(&got).into_iter().map(shift).collect();
                    assert_eq!(
                        got,
                        starts(&want),
                        "{c:?} ({:x}) in {b:?} _ {a:?}",
                        c as u32
                    );
                }
            }
        }
    }

    #[test]
    fn known_cases() {
        for s in [
            "",
            "Hi. I can't :)",
            "Mr. Smith went to Washington. He said \"no.\"  Then left!\r\nOK?",
            "e.g. this is fine. U.S.A. Next 3.5 and 3.Next. a... b",
            "it's 1,000,000 items; a:b foo_bar _x x_ 4_a ' 'a a'",
            "end.) ( Next. \"Quoted.\" next\n\nPara",
            "?!. ,a . a .\t\x0b\x0c b",
        ] {
            check(s);
        }
        // A skin-tone modifier is a symbol of its own, not Extend: "a." ends before it.
        for s in [
            "a.\u{1F3FB}Z",
            "Don\u{2019}t. \u{201C}Fine.\u{201D} Caf\u{E9}\u{2026} ok \u{1F621}\u{FE0F}! Next",
            "It broke \u{2014} again.\u{A0}Sad \u{1F937}\u{200D}\u{2640}\u{FE0F}",
        ] {
            assert!(simple_text(s));
            check_sentences(s);
        }
    }

    /// Every ASCII (for sentences: every simple) text of the evaluation sets (`../shared/eval`)
    /// splits the same both ways.
    #[test]
    fn eval_texts() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/eval");
        let Ok(sets) = std::fs::read_dir(&dir) else {
            eprintln!("skipped: {} not found", dir.display());
            return;
        };
        let mut checked = 0;
        for set in sets.flatten() {
            for file in std::fs::read_dir(set.path())
                .into_iter()
                .flatten()
                .flatten()
            {
                let path = file.path();
                if path.extension().is_none_or(|e| e != "jsonl") {
                    continue;
                }
                for line in std::fs::read_to_string(&path).unwrap_or_default().lines() {
                    let v: serde_json::Value = serde_json::from_str(line).unwrap_or_default();
                    let Some(text) = v["text"].as_str() else {
                        continue;
                    };
                    if text.is_ascii() {
                        check(text);
                        checked += 1;
                    } else if simple_text(text) {
                        check_sentences(text);
                        checked += 1;
                    }
                }
            }
        }
        assert!(checked > 0, "no texts in {}", dir.display());
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4000))]
        #[test]
        fn same_boundaries_as_unicode_segmentation(
            s in proptest::collection::vec(
                prop::sample::select(
                    b"aZ3 .!?,;:-'\"()[]_\t\n\r\x0b\x0c#@xY9".to_vec()
                ),
                0..40,
            )
        ) {
            check(std::str::from_utf8(&s).unwrap());
        }

        #[test]
        fn any_ascii(s in "[\\x00-\\x7f]{0,60}") {
            check(&s);
        }

        /// Text with curly quotes, accents, dashes and emoji (with modifiers and joiners).
        #[test]
        fn common_characters(
            s in proptest::collection::vec(
                prop::sample::select(vec![
                    "a", "Z", "3", " ", ".", "!", "?", ",", "-", "'", "\"", ")", "\n", "\r", "#",
                    "\u{2019}", "\u{201C}", "\u{201D}", "\u{AB}", "\u{E9}", "\u{C9}", "\u{DF}",
                    "\u{A0}", "\u{2013}", "\u{2014}", "\u{2026}", "\u{1F602}", "\u{2764}",
                    "\u{FE0F}", "\u{200D}", "\u{1F3FB}", "\u{2640}", "\u{20AC}",
                ]),
                0..40,
            )
        ) {
            let s = s.concat();
            if simple_text(&s) {
                check_sentences(&s);
            }
        }
    }
}
