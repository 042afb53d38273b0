//! ASCII fast paths for the UAX #29 sentence and word boundaries of `unicode-segmentation`.
//!
//! Most customer text is ASCII. For it, a byte table replaces the Unicode property lookups and
//! the boundaries are exactly those of `unicode-segmentation` 1.13: the same state machines, run
//! on bytes. Tests compare both paths on random ASCII strings and on every evaluation text.

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
fn sb8(s: &State, ahead: &[u8]) -> bool {
    let mut idx = if s[3] == Part::SpPlus { 2 } else { 3 };
    if s[idx] == Part::ClosePlus {
        idx -= 1;
    }
    if s[idx] != Part::ATerm {
        return false;
    }
    for &b in ahead {
        match SENTENCE_CAT[usize::from(b)] {
            SCat::Lower => return true,
            SCat::Upper | SCat::Cr | SCat::Lf | SCat::STerm | SCat::ATerm => return false,
            _ => {}
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

/// Bytes after which a sentence may end (SATerm and ParaSep): everything else is skipped.
fn may_end(b: u8) -> bool {
    matches!(b, b'.' | b'!' | b'?' | b'\n' | b'\r')
}

/// Sentence boundaries of ASCII text: what `split_sentence_bound_indices` yields.
#[derive(Clone, Debug)]
pub(crate) struct AsciiSentences<'a> {
    text: &'a str,
    pos: usize,
    state: State,
    start: Option<usize>,
}

impl<'a> AsciiSentences<'a> {
    /// `text` must be ASCII.
    pub fn new(text: &'a str) -> Self {
        debug_assert!(text.is_ascii());
        AsciiSentences {
            text,
            pos: 0,
            state: [Part::Sot; 4],
            start: None,
        }
    }

    /// The next boundary (the byte offset of the character that follows it).
    fn next_break(&mut self) -> Option<usize> {
        let b = self.text.as_bytes();
        while self.pos < b.len() {
            let at = self.pos;
            let before = self.state;
            let cat = SENTENCE_CAT[usize::from(b[at] & 0x7F)];
            self.pos += 1;
            self.state = advance(before, cat);
            let brk = match cat {
                _ if before[3] == Part::Sot => true,                   // SB1
                SCat::Lf if before[3] == Part::Cr => false,            // SB3
                _ if matches!(before[3], Part::Cr | Part::Lf) => true, // SB4
                SCat::Numeric if before[3] == Part::ATerm => false,    // SB6
                SCat::Upper if before[2..] == [Part::UpperLower, Part::ATerm] => false, // SB7
                _ if sb8(&before, &b[at..]) => false,                  // SB8
                SCat::SContinue | SCat::STerm | SCat::ATerm if sb8a(&before) => false, // SB8a
                SCat::Close | SCat::Sp | SCat::Cr | SCat::Lf if sb9(&before) => false, // SB9
                SCat::Sp | SCat::Cr | SCat::Lf if sb8a(&before) => false, // SB10
                _ => sb11(&before),                                    // SB11, SB998
            };
            if brk {
                return Some(at);
            }
            // After a byte that is not a terminator, a separator, a space or a closing mark, no
            // boundary can come before the next terminator or separator: skip to it. Of the
            // skipped bytes only the last one's part matters to the rules that follow (the
            // others cannot reach back to a terminator).
            if matches!(self.state[3], Part::Other | Part::UpperLower) {
                let skip = b[self.pos..]
                    .iter()
                    .position(|&c| may_end(c))
                    .map_or(b.len(), |p| self.pos + p);
                if skip > self.pos {
                    let last = SENTENCE_CAT[usize::from(b[skip - 1] & 0x7F)];
                    self.state = [Part::Other, Part::Other, Part::Other, part(last)];
                    self.pos = skip;
                }
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

impl<'a> Iterator for AsciiSentences<'a> {
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
        let fast: Vec<_> = AsciiSentences::new(s).collect();
        let uax: Vec<_> = s.split_sentence_bound_indices().collect();
        assert_eq!(fast, uax, "sentences of {s:?}");
        let fast: Vec<_> = AsciiWords::new(s).collect();
        let uax: Vec<_> = s.split_word_bound_indices().collect();
        assert_eq!(fast, uax, "words of {s:?}");
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
    }

    /// Every ASCII text of the evaluation sets (`../shared/eval`) splits the same both ways.
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
                    if let Some(text) = v["text"].as_str().filter(|t| t.is_ascii()) {
                        check(text);
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
    }
}
