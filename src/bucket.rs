//! Time buckets: from a date or timestamp field to a day, ISO week or month key, so that
//! aggregates grouped by bucket give trends over time.
//!
//! Dates are read by hand (`YYYY-MM-DD` and RFC 3339 timestamps) with the civil-date algorithms
//! of H. Hinnant ("chrono-Compatible Low-Level Date Algorithms"), so no date crate is needed.

use std::fmt;
use std::str::FromStr;

use crate::error::Error;

/// The width of a time bucket.
///
/// Keys sort chronologically as strings: `2026-01-06` (day), `2026-W02` (ISO 8601 week, which
/// starts on Monday and belongs to the year of its Thursday), `2026-01` (month).
///
/// ```
/// use empathic::TimeBucket;
///
/// assert_eq!(TimeBucket::Day.key("2026-01-06")?, "2026-01-06");
/// assert_eq!(TimeBucket::Week.key("2026-01-06")?, "2026-W02");
/// assert_eq!(TimeBucket::Month.key("2026-01-06T10:15:00Z")?, "2026-01");
/// // Timestamps with an offset are bucketed by their UTC date.
/// assert_eq!(TimeBucket::Day.key("2026-01-06T23:30:00-05:00")?, "2026-01-07");
/// assert!(TimeBucket::Day.key("06/01/2026").is_err());
/// # Ok::<(), empathic::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "lowercase"))]
#[non_exhaustive]
pub enum TimeBucket {
    /// One calendar day: `YYYY-MM-DD`.
    Day,
    /// One ISO 8601 week: `YYYY-Www`.
    Week,
    /// One calendar month: `YYYY-MM`.
    Month,
}

impl TimeBucket {
    /// The lower-case name: `"day"`, `"week"`, `"month"`.
    pub fn as_str(self) -> &'static str {
        match self {
            TimeBucket::Day => "day",
            TimeBucket::Week => "week",
            TimeBucket::Month => "month",
        }
    }

    /// The bucket key of a `YYYY-MM-DD` date or an RFC 3339 timestamp
    /// (`2026-01-06T10:15:00Z`, `2026-01-06 10:15:00.25+02:00`, `2026-01-06T10:15`).
    ///
    /// A timestamp with an offset (`Z`, `+02:00`) is converted to UTC first, so records written
    /// in different time zones fall into the same buckets; one without an offset keeps the date
    /// as written.
    ///
    /// # Errors
    /// An error ([`Error::is_date`]) naming the value when it is not such a date, or names a day
    /// that does not exist (`2026-02-30`).
    pub fn key(self, timestamp: &str) -> Result<String, Error> {
        let days = parse_utc_days(timestamp)?;
        let (y, m, d) = civil_from_days(days);
        Ok(match self {
            TimeBucket::Day => format!("{y:04}-{m:02}-{d:02}"),
            TimeBucket::Month => format!("{y:04}-{m:02}"),
            TimeBucket::Week => {
                let (year, week) = iso_week(days);
                format!("{year:04}-W{week:02}")
            }
        })
    }
}

impl fmt::Display for TimeBucket {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for TimeBucket {
    type Err = Error;

    /// Reads `day`, `week` or `month` (any case).
    fn from_str(s: &str) -> Result<Self, Error> {
        match s.to_ascii_lowercase().as_str() {
            "day" => Ok(TimeBucket::Day),
            "week" => Ok(TimeBucket::Week),
            "month" => Ok(TimeBucket::Month),
            _ => Err(Error::config(format!(
                "unknown time bucket {s:?} (day, week or month)"
            ))),
        }
    }
}

/// Days since 1970-01-01 of the (UTC, when an offset is given) date of `s`.
fn parse_utc_days(s: &str) -> Result<i64, Error> {
    let b = s.trim().as_bytes();
    let bad = |reason| Error::date(s, reason);
    if b.len() < 10 || b[4] != b'-' || b[7] != b'-' {
        return Err(bad("expected YYYY-MM-DD or an RFC 3339 timestamp"));
    }
    let y = digits(&b[0..4]).ok_or_else(|| bad("expected a 4-digit year"))?;
    let m = digits(&b[5..7]).ok_or_else(|| bad("expected a 2-digit month"))?;
    let d = digits(&b[8..10]).ok_or_else(|| bad("expected a 2-digit day"))?;
    if !(1..=12).contains(&m) || d < 1 || d > days_in_month(y, m) {
        return Err(bad("no such day"));
    }
    let days = days_from_civil(y, m, d);
    let rest = &b[10..];
    if rest.is_empty() {
        return Ok(days);
    }
    if !matches!(rest[0], b'T' | b't' | b' ') {
        return Err(bad("unexpected text after the date"));
    }
    let minutes = parse_time_offset(&rest[1..]).ok_or_else(|| bad("malformed time or offset"))?;
    // Minutes since local midnight minus the offset: the UTC day may be the one before or after.
    Ok(days + minutes.div_euclid(24 * 60))
}

/// `HH:MM[:SS[.frac]][Z|±HH:MM|±HHMM]` → minutes after midnight in UTC (may fall outside
/// 0..1440 once the offset is applied).
fn parse_time_offset(b: &[u8]) -> Option<i64> {
    if b.len() < 5 || b[2] != b':' {
        return None;
    }
    let (h, mi) = (digits(&b[0..2])?, digits(&b[3..5])?);
    if h > 23 || mi > 59 {
        return None;
    }
    let mut rest = &b[5..];
    if rest.first() == Some(&b':') {
        let sec = digits(rest.get(1..3)?)?;
        if sec > 60 {
            return None; // 60 is a leap second
        }
        rest = &rest[3..];
        if rest.first() == Some(&b'.') {
            let frac = rest[1..].iter().take_while(|c| c.is_ascii_digit()).count();
            if frac == 0 {
                return None;
            }
            rest = &rest[1 + frac..];
        }
    }
    let local = h * 60 + mi;
    let offset = match rest {
        [] => 0,
        [b'Z' | b'z'] => 0,
        [sign @ (b'+' | b'-'), oh1, oh2, b':', om1, om2]
        | [sign @ (b'+' | b'-'), oh1, oh2, om1, om2] => {
            let (oh, om) = (digits(&[*oh1, *oh2])?, digits(&[*om1, *om2])?);
            if oh > 23 || om > 59 {
                return None;
            }
            let off = oh * 60 + om;
            if *sign == b'+' { off } else { -off }
        }
        _ => return None,
    };
    Some(local - offset)
}

fn digits(b: &[u8]) -> Option<i64> {
    if b.is_empty() || !b.iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some(b.iter().fold(0, |n, &c| n * 10 + i64::from(c - b'0')))
}

fn is_leap(y: i64) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

fn days_in_month(y: i64, m: i64) -> i64 {
    match m {
        2 if is_leap(y) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Hinnant's `days_from_civil`).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The date of a day number (Hinnant's `civil_from_days`).
fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (
        if m <= 2 {
            yoe + era * 400 + 1
        } else {
            yoe + era * 400
        },
        m,
        d,
    )
}

/// ISO 8601 (year, week) of a day: weeks start on Monday and belong to their Thursday's year.
fn iso_week(days: i64) -> (i64, i64) {
    // 1970-01-01 was a Thursday: weekday 0 = Monday.
    let weekday = (days + 3).rem_euclid(7);
    let thursday = days - weekday + 3;
    let (year, ..) = civil_from_days(thursday);
    (year, (thursday - days_from_civil(year, 1, 1)) / 7 + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_round_trip() {
        for z in -800_000..800_000 {
            let (y, m, d) = civil_from_days(z);
            assert_eq!(days_from_civil(y, m, d), z);
            assert!((1..=days_in_month(y, m)).contains(&d));
        }
    }

    #[test]
    fn iso_weeks_at_year_boundaries() {
        // Published ISO calendars: 2020-12-31 (Thu) is 2020-W53, 2021-01-03 (Sun) too,
        // 2021-01-04 (Mon) starts 2021-W01; 2024-12-30 (Mon) is already 2025-W01.
        let w = |s| TimeBucket::Week.key(s).unwrap();
        assert_eq!(w("2020-12-31"), "2020-W53");
        assert_eq!(w("2021-01-03"), "2020-W53");
        assert_eq!(w("2021-01-04"), "2021-W01");
        assert_eq!(w("2024-12-29"), "2024-W52");
        assert_eq!(w("2024-12-30"), "2025-W01");
        assert_eq!(w("2026-01-04"), "2026-W01");
        assert_eq!(w("2026-01-05"), "2026-W02");
    }

    #[test]
    fn offsets_move_the_utc_day() {
        let d = |s| TimeBucket::Day.key(s).unwrap();
        assert_eq!(d("2026-03-01T00:30:00+01:00"), "2026-02-28");
        assert_eq!(d("2024-03-01T00:30:00+0100"), "2024-02-29");
        assert_eq!(d("2026-12-31T20:00:00-05:00"), "2027-01-01");
        assert_eq!(d("2026-12-31T20:00:00.123456Z"), "2026-12-31");
        assert_eq!(d("2026-12-31 20:00"), "2026-12-31");
        assert_eq!(
            TimeBucket::Month.key("2026-12-31T23:59:60-00:30").unwrap(),
            "2027-01"
        );
    }

    #[test]
    fn rejects_what_is_not_a_date() {
        for s in [
            "",
            "2026",
            "2026-1-6",
            "2026-02-29",
            "2026-13-01",
            "2026-00-10",
            "2026-04-31",
            "06/01/2026",
            "2026-01-06x",
            "2026-01-06T25:00",
            "2026-01-06T10:00+5",
            "2026-01-06T10:00:00.Z",
            "2026-01-06T10:00:00 UTC",
            "２０２６-01-06",
        ] {
            let e = TimeBucket::Day.key(s).unwrap_err();
            assert!(e.is_date(), "{s:?}: {e}");
        }
    }

    #[test]
    fn parses_bucket_names() {
        assert_eq!("Week".parse::<TimeBucket>().unwrap(), TimeBucket::Week);
        assert!("year".parse::<TimeBucket>().unwrap_err().is_config());
    }
}
