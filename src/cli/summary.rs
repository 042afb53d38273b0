//! Summaries: the overall aggregate, by group and by time bucket, as JSON or a table.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use empathic::{Aggregate, Emotion, Explanation, GroupedAggregate, Polarity, Signal, TimeBucket};
use serde::Serialize;

/// Group key of records without the group field.
pub const NO_VALUE: &str = "(none)";
/// Time key of records whose date field is missing or not a date.
pub const BAD_DATE: &str = "(invalid date)";

/// What `--summary` writes and `summarize` prints.
#[derive(Serialize, Default)]
pub struct Summary {
    /// Records read, bad ones included.
    pub records: u64,
    /// Bad records (error records in the output).
    pub errors: u64,
    /// Scored records whose date field was missing or unreadable.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub invalid_dates: Option<u64>,
    pub all: Aggregate,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub group_by: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub groups: Option<GroupedAggregate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub time_field: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bucket: Option<TimeBucket>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub trend: Option<GroupedAggregate>,
    /// With both a group and a time field: the trend of each group.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub group_trends: Option<BTreeMap<String, GroupedAggregate>>,
}

/// How records are grouped.
#[derive(Clone, Debug, Default)]
pub struct Grouping {
    pub group_by: Option<String>,
    pub time: Option<(String, TimeBucket)>,
}

impl Summary {
    pub fn new(g: &Grouping) -> Self {
        Summary {
            invalid_dates: g.time.as_ref().map(|_| 0),
            group_by: g.group_by.clone(),
            groups: g.group_by.as_ref().map(|_| GroupedAggregate::new()),
            time_field: g.time.as_ref().map(|(f, _)| f.clone()),
            bucket: g.time.as_ref().map(|&(_, b)| b),
            trend: g.time.as_ref().map(|_| GroupedAggregate::new()),
            group_trends: (g.group_by.is_some() && g.time.is_some()).then(BTreeMap::new),
            ..Summary::default()
        }
    }

    /// Adds a scored record with its group value and date value (as read, if any).
    pub fn add(&mut self, e: &Explanation, group: Option<&str>, date: Option<&str>) {
        self.records += 1;
        self.all.add_explained(e);
        let group = group.unwrap_or(NO_VALUE);
        if let Some(groups) = &mut self.groups {
            groups.add_explained(group, e);
        }
        let Some(bucket) = self.bucket else { return };
        let key = match date.map(|d| bucket.key(d)) {
            Some(Ok(k)) => k,
            _ => {
                *self.invalid_dates.get_or_insert(0) += 1;
                BAD_DATE.to_owned()
            }
        };
        if let Some(trend) = &mut self.trend {
            trend.add_explained(&key, e);
        }
        if let Some(gt) = &mut self.group_trends {
            if !gt.contains_key(group) {
                gt.insert(group.to_owned(), GroupedAggregate::new());
            }
            if let Some(t) = gt.get_mut(group) {
                t.add_explained(&key, e);
            }
        }
    }

    /// Counts a bad record.
    pub fn add_error(&mut self) {
        self.records += 1;
        self.errors += 1;
    }

    pub fn merge(mut self, other: Summary) -> Summary {
        let Summary {
            records,
            errors,
            invalid_dates,
            all,
            groups,
            trend,
            group_trends,
            ..
        } = other;
        self.records += records;
        self.errors += errors;
        if let (Some(a), Some(b)) = (&mut self.invalid_dates, invalid_dates) {
            *a += b;
        }
        self.all.merge_from(all);
        if let (Some(a), Some(b)) = (&mut self.groups, groups) {
            a.merge_from(b);
        }
        if let (Some(a), Some(b)) = (&mut self.trend, trend) {
            a.merge_from(b);
        }
        if let (Some(a), Some(b)) = (&mut self.group_trends, group_trends) {
            for (k, t) in b {
                a.entry(k).or_default().merge_from(t);
            }
        }
        self
    }

    /// A readable report: one table row per aggregate, then the top terms overall.
    pub fn table(&self, top: usize) -> String {
        let mut s = String::new();
        let _ = writeln!(s, "{} records, {} errors", self.records, self.errors);
        let _ = writeln!(s);
        table(&mut s, "", [("all", &self.all)]);
        if let (Some(field), Some(groups)) = (&self.group_by, &self.groups) {
            let _ = writeln!(s);
            table(&mut s, field, groups.iter());
        }
        if let (Some(field), Some(bucket), Some(trend)) =
            (&self.time_field, self.bucket, &self.trend)
        {
            let _ = writeln!(s);
            table(&mut s, &format!("{field} ({bucket})"), trend.iter());
        }
        if let (Some(gt), Some(field), Some(bucket)) =
            (&self.group_trends, &self.group_by, self.bucket)
        {
            for (group, trend) in gt {
                let _ = writeln!(s);
                table(&mut s, &format!("{field}={group} ({bucket})"), trend.iter());
            }
        }
        let terms = |v: Vec<(&str, u64)>| {
            v.iter()
                .map(|(t, n)| format!("{t} ({n})"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let _ = writeln!(s);
        let share = |v: Option<f64>| v.map_or("-".to_owned(), |v| format!("{:.1}%", v * 100.0));
        let emotions: Vec<String> = Emotion::ALL
            .iter()
            .map(|e| format!("{e} {:.2}", self.all.mean_emotion(*e).unwrap_or(0.0)))
            .collect();
        let _ = writeln!(s, "mean emotions: {}", emotions.join(", "));
        let signals: Vec<String> = Signal::ALL
            .iter()
            .map(|g| format!("{g} {}", share(self.all.signal_rate(*g))))
            .collect();
        let _ = writeln!(s, "signal rates: {}", signals.join(", "));
        let _ = writeln!(s, "to escalate: {}", share(self.all.escalation_share()));
        let _ = writeln!(s, "top positive: {}", terms(self.all.top_positive(top)));
        let _ = writeln!(s, "top negative: {}", terms(self.all.top_negative(top)));
        if let Some(n) = self.invalid_dates.filter(|&n| n > 0) {
            let _ = writeln!(
                s,
                "{n} records without a readable date are under {BAD_DATE:?}"
            );
        }
        s
    }
}

fn table<'a>(
    s: &mut String,
    title: &str,
    rows: impl IntoIterator<Item = (&'a str, &'a Aggregate)>,
) {
    let rows: Vec<(&str, &Aggregate)> = rows.into_iter().collect();
    let width = rows
        .iter()
        .map(|(k, _)| k.chars().count())
        .chain([title.chars().count(), 5])
        .max()
        .unwrap_or(5);
    let _ = writeln!(
        s,
        "{title:<width$} {:>8} {:>7} {:>7} {:>7} {:>7} {:>6} {:>6} {:>6} {:>6} {:>6}",
        "count", "mean", "median", "p10", "p90", "pos%", "neg%", "neu%", "mix%", "net"
    );
    let num = |v: Option<f64>| v.map_or("-".to_owned(), |v| format!("{v:+.3}"));
    let pct = |a: &Aggregate, p| {
        a.polarity_share(p)
            .map_or("-".to_owned(), |v| format!("{:.1}", v * 100.0))
    };
    for (key, a) in rows {
        let _ = writeln!(
            s,
            "{key:<width$} {:>8} {:>7} {:>7} {:>7} {:>7} {:>6} {:>6} {:>6} {:>6} {:>6}",
            a.count(),
            num(a.mean()),
            num(a.median()),
            num(a.percentile(0.1)),
            num(a.percentile(0.9)),
            pct(a, Polarity::Positive),
            pct(a, Polarity::Negative),
            pct(a, Polarity::Neutral),
            pct(a, Polarity::Mixed),
            a.net_sentiment()
                .map_or("-".to_owned(), |v| format!("{v:+.0}")),
        );
    }
}
