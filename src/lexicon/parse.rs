//! The TSV format shared by the bundled lexicons and the ones users load.
//!
//! `#` starts a comment line, blank lines are skipped, data lines are TAB-separated fields whose
//! first field is the term. Every problem is reported with its 1-based line number.

use crate::error::Error;

/// One data line of a lexicon file.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Row<'a> {
    pub line: usize,
    pub term: &'a str,
    /// The second column, if the file has one.
    pub value: &'a str,
}

impl Row<'_> {
    /// The second column as a number within `[lo, hi]`.
    pub fn number(&self, lo: f32, hi: f32) -> Result<f32, Error> {
        let v = short_decimal(self.value).map_or_else(|| self.value.trim().parse(), Ok);
        let v: f32 = v.map_err(|_| {
            Error::format(
                self.line,
                format!("expected a number in column 2, found {:?}", self.value),
            )
        })?;
        if !(lo..=hi).contains(&v) {
            return Err(Error::format(
                self.line,
                format!("value {v} is outside [{lo}, {hi}]"),
            ));
        }
        Ok(v)
    }
}

/// Powers of ten that are exact in `f32` (5¹⁰ < 2²⁴).
const POW10: [f32; 11] = [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10];

/// `s` as `f32` when it is a short plain decimal (`-2.3`, `0.25`, `4`): the digits as an integer
/// below 2²⁴ divided by a power of ten up to 10¹⁰. Both are exact in `f32`, so the one division,
/// correctly rounded, gives the very value `str::parse` gives (its own fast path), without the
/// general parser; every bundled valence is such a number. `None` for anything else.
fn short_decimal(s: &str) -> Option<f32> {
    let (negative, digits) = match s.as_bytes() {
        [b'-', rest @ ..] => (true, rest),
        b => (false, b),
    };
    let (mut mantissa, mut decimals, mut dot) = (0u32, 0usize, false);
    for &b in digits {
        match b {
            b'0'..=b'9' => {
                mantissa = mantissa.checked_mul(10)? + u32::from(b - b'0');
                decimals += usize::from(dot);
            }
            b'.' if !dot => dot = true,
            _ => return None,
        }
    }
    // "", "-", ".", "1.": left to the general parser.
    let digit_count = digits.len() - usize::from(dot);
    if digit_count == 0 || (dot && decimals == 0) || mantissa >= 1 << 24 {
        return None;
    }
    let v = mantissa as f32 / *POW10.get(decimals)?;
    Some(if negative { -v } else { v })
}

/// A printable ASCII byte: never part of the whitespace `str::trim` removes (which includes
/// the ASCII controls \t..\r).
fn printable(b: Option<&u8>) -> bool {
    b.is_some_and(|b| (0x21..0x80).contains(b))
}

/// `s.trim().is_empty()`, decided on the first byte when it is printable ASCII (almost every
/// line): `trim` decodes each end as UTF-8, and the bundled files have ~10,000 lines.
fn is_blank(s: &str) -> bool {
    !printable(s.as_bytes().first()) && s.trim().is_empty()
}

/// `s.trim() == s`, decided on the end bytes when they are printable ASCII.
fn is_trimmed(s: &str) -> bool {
    let b = s.as_bytes();
    (printable(b.first()) && printable(b.last())) || s.trim() == s
}

/// Parses `text` into rows of exactly `columns` fields (1 or 2), rejecting empty terms, terms
/// with stray whitespace and repeated terms.
pub(crate) fn rows(text: &str, columns: usize) -> Result<Vec<Row<'_>>, Error> {
    debug_assert!(matches!(columns, 1 | 2));
    let mut out: Vec<Row<'_>> = Vec::with_capacity(text.len() / 16);
    // Repeated terms: while the terms come in ascending order (as in every bundled file), a
    // repeat can only be the previous term; after the first term out of order, a set of all
    // terms so far takes over.
    let mut seen: Option<rustc_hash::FxHashSet<&str>> = None;
    // One pass over the bytes finds both line ends and tabs (the bundled files have 20,000
    // short lines, where a searcher per line and per field costs more than the scan).
    let bytes = text.as_bytes();
    let (mut start, mut line) = (0, 0);
    while start < bytes.len() {
        line += 1;
        let (mut end, mut tabs) = (start, [usize::MAX; 2]);
        let mut fields = 1;
        while let Some(&b) = bytes.get(end).filter(|&&b| b != b'\n') {
            if b == b'\t' {
                if fields <= 2 {
                    tabs[fields - 1] = end;
                }
                fields += 1;
            }
            end += 1;
        }
        // Line ends and tabs are ASCII, so these are character boundaries.
        let raw = &text[start..end];
        let line_start = start;
        start = end + 1;
        let raw = raw.strip_suffix('\r').unwrap_or(raw);
        if is_blank(raw) || raw.starts_with('#') {
            continue;
        }
        if fields != columns {
            return Err(Error::format(
                line,
                format!("expected {columns} tab-separated field(s), found {fields}"),
            ));
        }
        let field = |i: usize| {
            let from = if i == 0 { line_start } else { tabs[i - 1] + 1 };
            let to = tabs.get(i).copied().filter(|&t| t != usize::MAX);
            &text[from..to.unwrap_or(line_start + raw.len())]
        };
        let term = field(0);
        let value = (columns == 2).then(|| field(1));
        if term.is_empty() {
            return Err(Error::format(line, "empty term"));
        }
        let b = term.as_bytes();
        if !is_trimmed(term) || b.windows(2).any(|w| w == b"  ") {
            return Err(Error::format(
                line,
                format!("term {term:?} has stray whitespace"),
            ));
        }
        let repeated = match (&mut seen, out.last()) {
            (None, Some(prev)) if prev.term >= term => {
                let set = seen.insert(out.iter().map(|r| r.term).collect());
                !set.insert(term)
            }
            (None, _) => false,
            (Some(set), _) => !set.insert(term),
        };
        if repeated {
            return Err(Error::duplicate(line, term));
        }
        out.push(Row {
            line,
            term,
            value: value.unwrap_or_default(),
        });
    }
    Ok(out)
}

#[cfg(test)]
mod decimal_tests {
    use super::short_decimal;

    proptest::proptest! {
        /// The short path gives `str::parse`'s value, bit for bit, or leaves the text to it.
        #[test]
        fn short_decimals_parse_like_std(s in "-?[0-9]{0,9}(\\.[0-9]{0,10})?|[-+.0-9eE ]{0,8}") {
            if let Some(v) = short_decimal(&s) {
                let std: f32 = s.parse().expect("a short decimal is a number");
                proptest::prop_assert_eq!(v.to_bits(), std.to_bits(), "{}", s);
            }
        }
    }

    #[test]
    fn short_decimals() {
        for s in ["-2.3", "0.25", "4", "-0.0", "3.14159", "0.1", "-3.9"] {
            let std: f32 = s.parse().unwrap();
            assert_eq!(
                short_decimal(s).map(f32::to_bits),
                Some(std.to_bits()),
                "{s}"
            );
        }
        for s in ["", "-", ".", "1.", "+1", "1e3", " 1", "1.2.3", "99999999.9"] {
            assert_eq!(short_decimal(s), None, "{s}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_comments_blank_lines_and_crlf() {
        let rows = rows("# header\n\ngood\t1.9\r\nbad\t-2.5\n", 2).unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!((rows[0].line, rows[0].term), (3, "good"));
        assert_eq!(rows[1].number(-4.0, 4.0).unwrap(), -2.5);
    }

    #[test]
    fn errors_name_the_line() {
        let err = rows("good\t1\nbad\n", 2).unwrap_err();
        assert_eq!(err.line(), Some(2));
        assert_eq!(
            err.to_string(),
            "lexicon line 2: expected 2 tab-separated field(s), found 1"
        );
        let err = rows("good\t1\ngood\t2\n", 2).unwrap_err();
        assert_eq!(err.to_string(), "lexicon line 2: duplicate term \"good\"");
        let row = rows("good\tgreat\n", 2).unwrap()[0];
        assert_eq!(row.number(-4.0, 4.0).unwrap_err().line(), Some(1));
        let row = rows("good\t9\n", 2).unwrap()[0];
        assert!(
            row.number(-4.0, 4.0)
                .unwrap_err()
                .to_string()
                .contains("outside")
        );
        assert_eq!(rows(" good\t1\n", 2).unwrap_err().line(), Some(1));
    }

    #[test]
    fn repeats_are_found_in_sorted_and_unsorted_files() {
        let sorted = "bad\t-1\ngood\t1\ngood\t2\n";
        assert_eq!(rows(sorted, 2).unwrap_err().line(), Some(3));
        // A repeat far from its first row, after the order breaks.
        let unsorted = "bad\t-1\ngood\t1\nawful\t-3\nnice\t2\ngood\t2\n";
        assert_eq!(rows(unsorted, 2).unwrap_err().line(), Some(5));
        // And before it breaks, then after.
        let late = "good\t1\nnice\t2\nbad\t-1\ngood\t3\n";
        assert_eq!(rows(late, 2).unwrap_err().line(), Some(4));
        assert_eq!(rows("b\t1\na\t1\nc\t1\n", 2).unwrap().len(), 3);
    }

    #[test]
    fn blank_and_trimmed_agree_with_trim() {
        let cases = [
            "",
            " ",
            "\t",
            "\u{b}",
            "\u{a0}",
            "a",
            " a",
            "a ",
            "a\u{b}",
            "\u{3000}a",
            "ab",
            "a b",
            "é",
            "\u{85}",
            "#",
            "\u{7f}",
        ];
        for s in cases {
            assert_eq!(is_blank(s), s.trim().is_empty(), "{s:?}");
            assert_eq!(is_trimmed(s), s.trim() == s, "{s:?}");
        }
    }
}
