//! The crate's one error type.
//!
//! Analysis never fails; errors come only from configuration: a malformed lexicon file or an
//! invalid builder setting.

use std::fmt;

/// An error building an [`Analyzer`](crate::Analyzer) or parsing a lexicon.
///
/// The message names the line and the problem, e.g.
/// `lexicon line 12: expected a number in column 2, found "good"`.
#[derive(Clone, Debug, PartialEq)]
pub struct Error {
    kind: ErrorKind,
}

#[derive(Clone, Debug, PartialEq)]
enum ErrorKind {
    LexiconFormat { line: usize, reason: String },
    DuplicateTerm { line: usize, term: String },
    InvalidConfig(String),
    Io { path: String, reason: String },
    Date { value: String, reason: &'static str },
}

impl Error {
    pub(crate) fn format(line: usize, reason: impl Into<String>) -> Self {
        Error {
            kind: ErrorKind::LexiconFormat {
                line,
                reason: reason.into(),
            },
        }
    }

    pub(crate) fn duplicate(line: usize, term: &str) -> Self {
        Error {
            kind: ErrorKind::DuplicateTerm {
                line,
                term: term.to_owned(),
            },
        }
    }

    pub(crate) fn config(reason: impl Into<String>) -> Self {
        Error {
            kind: ErrorKind::InvalidConfig(reason.into()),
        }
    }

    pub(crate) fn io(path: &std::path::Path, err: &std::io::Error) -> Self {
        Error {
            kind: ErrorKind::Io {
                path: path.display().to_string(),
                reason: err.to_string(),
            },
        }
    }

    pub(crate) fn date(value: &str, reason: &'static str) -> Self {
        Error {
            kind: ErrorKind::Date {
                value: value.to_owned(),
                reason,
            },
        }
    }

    /// Whether the error is a date or timestamp that could not be read (from
    /// [`TimeBucket::key`](crate::TimeBucket::key)).
    pub fn is_date(&self) -> bool {
        matches!(self.kind, ErrorKind::Date { .. })
    }

    /// The 1-based line of the lexicon file at fault, when the error is about a lexicon line.
    pub fn line(&self) -> Option<usize> {
        match self.kind {
            ErrorKind::LexiconFormat { line, .. } | ErrorKind::DuplicateTerm { line, .. } => {
                Some(line)
            }
            _ => None,
        }
    }

    /// Whether the error is an invalid builder setting (as opposed to a lexicon problem).
    pub fn is_config(&self) -> bool {
        matches!(self.kind, ErrorKind::InvalidConfig(_))
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            ErrorKind::LexiconFormat { line, reason } => write!(f, "lexicon line {line}: {reason}"),
            ErrorKind::DuplicateTerm { line, term } => {
                write!(f, "lexicon line {line}: duplicate term {term:?}")
            }
            ErrorKind::InvalidConfig(reason) => write!(f, "invalid configuration: {reason}"),
            ErrorKind::Io { path, reason } => write!(f, "cannot read lexicon {path}: {reason}"),
            ErrorKind::Date { value, reason } => write!(f, "invalid date {value:?}: {reason}"),
        }
    }
}

impl std::error::Error for Error {}
