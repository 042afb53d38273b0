//! Aggregates: what a batch of scores adds up to, in a form that partial results merge into.
//!
//! Every statistic is kept as a mergeable accumulator (sums, counts, a fixed histogram), so a
//! rayon `fold`/`reduce`, a stream of chunks or separate jobs give the same result as one pass.

use std::borrow::Cow;
use std::collections::BTreeMap;

use rustc_hash::FxHashMap;

use crate::emotion::Emotion;
use crate::explain::{Explanation, Modifier};
use crate::lexicon::Source;
use crate::score::{DocumentScore, Polarity};
use crate::signals::Signal;

/// Histogram bins per unit of compound: percentiles are exact to 1/1000.
const BINS_PER_UNIT: f64 = 1000.0;
/// Bins over [−1, 1], bin `i` centred on `−1 + i/1000`.
const BINS: usize = 2001;
/// How many terms of each sign the serialised form keeps (the in-memory counts are complete;
/// they are bounded by the lexicon's size).
pub const SERIALIZED_TOP_TERMS: usize = 50;

/// Summary statistics of many scored documents.
///
/// Build one with [`add`](Self::add) (scores only) or [`add_explained`](Self::add_explained)
/// (scores plus the top terms), from an iterator ([`FromIterator`], [`Extend`]), or with
/// [`Analyzer::aggregate_batch`](crate::Analyzer::aggregate_batch). Partial aggregates combine
/// with [`merge`](Self::merge), in any grouping, to the same counts, histogram and term counts as
/// a single pass (the mean differs only by floating-point rounding).
///
/// Median and percentiles come from a fixed 2001-bin histogram of compound over [−1, 1], so
/// they are exact to 0.001 and memory does not grow with the number of documents.
///
/// ```
/// use empathic::{Aggregate, Analyzer, Polarity};
///
/// let analyzer = Analyzer::new();
/// let texts = ["Love it, works great", "Broken on arrival, awful", "Great value", "It is a kettle"];
/// let first: Aggregate = analyzer.analyze_batch(&texts[..2]).iter().collect();
/// let second: Aggregate = analyzer.analyze_batch(&texts[2..]).iter().collect();
/// let all = first.merge(second);
/// assert_eq!(all.count(), 4);
/// assert_eq!(all.polarity_count(Polarity::Positive), 2);
/// assert_eq!(all.net_sentiment(), Some(25.0)); // 50% positive − 25% negative
/// assert!(all.percentile(0.1).unwrap() < 0.0 && all.percentile(0.9).unwrap() > 0.0);
/// ```
///
/// # Adding statistics
/// Each statistic is one field with its own accumulator, read in [`add`](Self::add) and
/// combined in [`merge`](Self::merge), which destructures every field so that a new one does
/// not compile until it merges.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Aggregate {
    count: u64,
    compound_sum: f64,
    histogram: Histogram,
    /// Indexed by [`polarity_index`].
    polarity: [u64; 4],
    /// Sum of each emotion's intensity, in [`Emotion::ALL`] order.
    emotions: [f64; 8],
    /// Documents where each signal reaches [`SIGNAL_PRESENT`], in [`Signal::ALL`] order.
    signals: [u64; 5],
    /// Documents that [`DocumentScore::escalate`].
    escalations: u64,
    terms: Terms,
}

/// A signal counts as present in a document at this intensity or more (for
/// [`Aggregate::signal_rate`]).
pub const SIGNAL_PRESENT: f64 = 0.5;

/// Counts of compound values in [`BINS`] bins; empty until the first value.
#[derive(Clone, Debug, Default, PartialEq)]
struct Histogram {
    bins: Vec<u64>,
}

/// In how many explained documents each lexicon entry contributed, by sign.
#[derive(Clone, Debug, Default, PartialEq)]
struct Terms {
    documents: u64,
    positive: FxHashMap<String, u64>,
    negative: FxHashMap<String, u64>,
}

fn polarity_index(p: Polarity) -> usize {
    match p {
        Polarity::Positive => 0,
        Polarity::Negative => 1,
        Polarity::Neutral => 2,
        Polarity::Mixed => 3,
    }
}

impl Histogram {
    fn add(&mut self, compound: f64) {
        if self.bins.is_empty() {
            self.bins = vec![0; BINS];
        }
        self.bins[bin(compound)] += 1;
    }

    fn merge(&mut self, other: Histogram) {
        if self.bins.is_empty() {
            *self = other;
        } else {
            for (a, b) in self.bins.iter_mut().zip(other.bins) {
                *a += b;
            }
        }
    }

    /// Nearest-rank percentile: the smallest bin holding at least `q·n` of the `n` values.
    fn quantile(&self, q: f64, n: u64) -> Option<f64> {
        if n == 0 || !(0.0..=1.0).contains(&q) {
            return None;
        }
        let rank = ((q * n as f64).ceil() as u64).max(1);
        let mut seen = 0;
        for (i, &c) in self.bins.iter().enumerate() {
            seen += c;
            if seen >= rank {
                return Some(bin_value(i));
            }
        }
        None
    }
}

fn bin(compound: f64) -> usize {
    let c = if compound.is_finite() {
        compound.clamp(-1.0, 1.0)
    } else {
        0.0
    };
    ((c + 1.0) * BINS_PER_UNIT).round() as usize
}

fn bin_value(i: usize) -> f64 {
    // A quotient of two exact integers, so bin centres print as 0.123, not 0.12299999.
    (i as f64 - BINS_PER_UNIT) / BINS_PER_UNIT
}

impl Terms {
    fn add(&mut self, e: &Explanation) {
        self.documents += 1;
        // A document counts once per term and sign, however often it repeats the word.
        let mut seen: Vec<(bool, Cow<str>)> = Vec::new();
        for c in &e.contributions {
            if c.source == Source::Rule || c.contribution == 0.0 {
                continue;
            }
            // "not good" is reported as such: a negated term is a different complaint.
            let negated = c
                .modifiers
                .iter()
                .any(|m| matches!(m, Modifier::Negated { .. }));
            let key: Cow<str> = if negated {
                Cow::Owned(format!("not {}", c.entry))
            } else {
                Cow::Borrowed(&c.entry)
            };
            let positive = c.contribution > 0.0;
            if seen.iter().any(|(p, k)| *p == positive && *k == key) {
                continue;
            }
            let map = if positive {
                &mut self.positive
            } else {
                &mut self.negative
            };
            // Terms repeat across documents: copy the key only the first time.
            match map.get_mut(key.as_ref()) {
                Some(n) => *n += 1,
                None => {
                    map.insert(key.clone().into_owned(), 1);
                }
            }
            seen.push((positive, key));
        }
    }

    fn merge(&mut self, other: Terms) {
        let Terms {
            documents,
            positive,
            negative,
        } = other;
        self.documents += documents;
        for (mine, theirs) in [
            (&mut self.positive, positive),
            (&mut self.negative, negative),
        ] {
            if mine.is_empty() {
                *mine = theirs;
                continue;
            }
            for (k, n) in theirs {
                *mine.entry(k).or_default() += n;
            }
        }
    }
}

/// The `n` most frequent terms, ties by term for a stable order.
fn top(map: &FxHashMap<String, u64>, n: usize) -> Vec<(&str, u64)> {
    let mut v: Vec<(&str, u64)> = map.iter().map(|(k, &c)| (k.as_str(), c)).collect();
    v.sort_unstable_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
    v.truncate(n);
    v
}

impl Aggregate {
    /// An empty aggregate.
    pub fn new() -> Self {
        Aggregate::default()
    }

    /// Adds one document's score.
    pub fn add(&mut self, score: &DocumentScore) {
        self.count += 1;
        self.compound_sum += score.compound();
        self.histogram.add(score.compound());
        self.polarity[polarity_index(score.polarity())] += 1;
        for (sum, (_, v)) in self.emotions.iter_mut().zip(score.emotions().iter()) {
            *sum += v;
        }
        for (n, (_, v)) in self.signals.iter_mut().zip(score.signals().iter()) {
            *n += u64::from(v >= SIGNAL_PRESENT);
        }
        self.escalations += u64::from(score.escalate());
    }

    /// Adds one document's score and counts its contributing terms for
    /// [`top_positive`](Self::top_positive) and [`top_negative`](Self::top_negative).
    ///
    /// ```
    /// use empathic::{Aggregate, Analyzer};
    ///
    /// let analyzer = Analyzer::new();
    /// let mut agg = Aggregate::new();
    /// for text in ["Great kettle", "great price, not good support", "great"] {
    ///     agg.add_explained(&analyzer.explain(text));
    /// }
    /// assert_eq!(agg.top_positive(1), vec![("great", 3)]);
    /// assert_eq!(agg.top_negative(1), vec![("not good", 1)]);
    /// ```
    pub fn add_explained(&mut self, explanation: &Explanation) {
        self.add(&explanation.score);
        self.terms.add(explanation);
    }

    /// Combines two partial aggregates (for rayon's `reduce`, or results of separate jobs).
    #[must_use]
    pub fn merge(mut self, other: Aggregate) -> Aggregate {
        self.merge_from(other);
        self
    }

    /// Adds another aggregate into this one.
    pub fn merge_from(&mut self, other: Aggregate) {
        let Aggregate {
            count,
            compound_sum,
            histogram,
            polarity,
            emotions,
            signals,
            escalations,
            terms,
        } = other;
        self.count += count;
        self.compound_sum += compound_sum;
        self.histogram.merge(histogram);
        for (a, b) in self.polarity.iter_mut().zip(polarity) {
            *a += b;
        }
        for (a, b) in self.emotions.iter_mut().zip(emotions) {
            *a += b;
        }
        for (a, b) in self.signals.iter_mut().zip(signals) {
            *a += b;
        }
        self.escalations += escalations;
        self.terms.merge(terms);
    }

    /// Mean intensity of `emotion` over the documents, `None` when empty.
    pub fn mean_emotion(&self, emotion: Emotion) -> Option<f64> {
        let i = Emotion::ALL.iter().position(|e| *e == emotion)?;
        (self.count > 0).then(|| self.emotions[i] / self.count as f64)
    }

    /// Share of documents in which `signal` reaches [`SIGNAL_PRESENT`], `None` when empty.
    pub fn signal_rate(&self, signal: Signal) -> Option<f64> {
        let i = Signal::ALL.iter().position(|s| *s == signal)?;
        (self.count > 0).then(|| self.signals[i] as f64 / self.count as f64)
    }

    /// Share of documents to escalate ([`DocumentScore::escalate`]), `None` when empty.
    pub fn escalation_share(&self) -> Option<f64> {
        (self.count > 0).then(|| self.escalations as f64 / self.count as f64)
    }

    /// Number of documents.
    pub fn count(&self) -> u64 {
        self.count
    }

    /// Mean compound, `None` when empty.
    pub fn mean(&self) -> Option<f64> {
        (self.count > 0).then(|| self.compound_sum / self.count as f64)
    }

    /// Median compound (nearest rank, to 0.001), `None` when empty.
    pub fn median(&self) -> Option<f64> {
        self.percentile(0.5)
    }

    /// The `q`-quantile of compound for `q` in [0, 1] (nearest rank, to 0.001): `percentile(0.1)`
    /// is the compound that 10% of documents are at or below. `None` when empty or `q` is out
    /// of range.
    pub fn percentile(&self, q: f64) -> Option<f64> {
        self.histogram.quantile(q, self.count)
    }

    /// Number of documents with this label.
    pub fn polarity_count(&self, polarity: Polarity) -> u64 {
        self.polarity[polarity_index(polarity)]
    }

    /// Share of documents with this label in [0, 1], `None` when empty.
    pub fn polarity_share(&self, polarity: Polarity) -> Option<f64> {
        (self.count > 0).then(|| self.polarity_count(polarity) as f64 / self.count as f64)
    }

    /// Net sentiment in [−100, 100]: share positive minus share negative, ×100, like a Net
    /// Promoter Score (mixed and neutral documents count in neither). `None` when empty.
    pub fn net_sentiment(&self) -> Option<f64> {
        Some(
            (self.polarity_share(Polarity::Positive)? - self.polarity_share(Polarity::Negative)?)
                * 100.0,
        )
    }

    /// Number of documents added with [`add_explained`](Self::add_explained): the base of the
    /// term counts.
    pub fn explained(&self) -> u64 {
        self.terms.documents
    }

    /// The `n` lexicon terms and phrases that most often pushed documents up, with the number of
    /// documents in which they did (most frequent first). A negated term appears as
    /// `"not <term>"`. Empty unless documents were added with
    /// [`add_explained`](Self::add_explained).
    pub fn top_positive(&self, n: usize) -> Vec<(&str, u64)> {
        top(&self.terms.positive, n)
    }

    /// The `n` terms and phrases that most often pulled documents down (see
    /// [`top_positive`](Self::top_positive)).
    pub fn top_negative(&self, n: usize) -> Vec<(&str, u64)> {
        top(&self.terms.negative, n)
    }
}

impl<'a> Extend<&'a DocumentScore> for Aggregate {
    fn extend<I: IntoIterator<Item = &'a DocumentScore>>(&mut self, iter: I) {
        iter.into_iter().for_each(|s| self.add(s));
    }
}

impl Extend<DocumentScore> for Aggregate {
    fn extend<I: IntoIterator<Item = DocumentScore>>(&mut self, iter: I) {
        iter.into_iter().for_each(|s| self.add(&s));
    }
}

impl<'a> Extend<&'a Explanation> for Aggregate {
    fn extend<I: IntoIterator<Item = &'a Explanation>>(&mut self, iter: I) {
        iter.into_iter().for_each(|e| self.add_explained(e));
    }
}

impl<'a> FromIterator<&'a DocumentScore> for Aggregate {
    fn from_iter<I: IntoIterator<Item = &'a DocumentScore>>(iter: I) -> Self {
        let mut a = Aggregate::new();
        a.extend(iter);
        a
    }
}

impl FromIterator<DocumentScore> for Aggregate {
    fn from_iter<I: IntoIterator<Item = DocumentScore>>(iter: I) -> Self {
        let mut a = Aggregate::new();
        a.extend(iter);
        a
    }
}

impl<'a> FromIterator<&'a Explanation> for Aggregate {
    fn from_iter<I: IntoIterator<Item = &'a Explanation>>(iter: I) -> Self {
        let mut a = Aggregate::new();
        a.extend(iter);
        a
    }
}

/// Aggregates by group: product, channel, agent, or a [`TimeBucket`](crate::TimeBucket) key for
/// trends. Groups iterate in key order, so time buckets come out chronologically.
///
/// Serialises as a map from key to [`Aggregate`].
///
/// ```
/// use empathic::{Analyzer, GroupedAggregate, TimeBucket};
///
/// let analyzer = Analyzer::new();
/// let rows = [("2026-01-05", "great"), ("2026-01-11", "awful"), ("2026-01-12", "great")];
/// let mut trend = GroupedAggregate::new();
/// for (date, text) in rows {
///     trend.add(&TimeBucket::Week.key(date)?, &analyzer.analyze(text));
/// }
/// let weeks: Vec<(&str, u64)> = trend.iter().map(|(k, a)| (k, a.count())).collect();
/// assert_eq!(weeks, [("2026-W02", 2), ("2026-W03", 1)]);
/// # Ok::<(), empathic::Error>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(transparent))]
pub struct GroupedAggregate {
    groups: BTreeMap<String, Aggregate>,
}

impl GroupedAggregate {
    /// No groups yet.
    pub fn new() -> Self {
        GroupedAggregate::default()
    }

    /// The aggregate of group `key`, created empty if needed.
    pub fn group_mut(&mut self, key: &str) -> &mut Aggregate {
        // Look up before inserting so that existing keys are not copied.
        if !self.groups.contains_key(key) {
            self.groups.insert(key.to_owned(), Aggregate::new());
        }
        self.groups.get_mut(key).expect("inserted above")
    }

    /// Adds a score to group `key`.
    pub fn add(&mut self, key: &str, score: &DocumentScore) {
        self.group_mut(key).add(score);
    }

    /// Adds an explained score to group `key` (see [`Aggregate::add_explained`]).
    pub fn add_explained(&mut self, key: &str, explanation: &Explanation) {
        self.group_mut(key).add_explained(explanation);
    }

    /// Combines two partial results group by group.
    #[must_use]
    pub fn merge(mut self, other: GroupedAggregate) -> GroupedAggregate {
        self.merge_from(other);
        self
    }

    /// Adds another grouped result into this one.
    pub fn merge_from(&mut self, other: GroupedAggregate) {
        for (k, a) in other.groups {
            match self.groups.get_mut(&k) {
                Some(mine) => mine.merge_from(a),
                None => {
                    self.groups.insert(k, a);
                }
            }
        }
    }

    /// The aggregate of one group.
    pub fn get(&self, key: &str) -> Option<&Aggregate> {
        self.groups.get(key)
    }

    /// Groups in key order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &Aggregate)> {
        self.groups.iter().map(|(k, a)| (k.as_str(), a))
    }

    /// Number of groups.
    pub fn len(&self) -> usize {
        self.groups.len()
    }

    /// Whether there are no groups.
    pub fn is_empty(&self) -> bool {
        self.groups.is_empty()
    }

    /// All groups merged into one aggregate.
    pub fn total(&self) -> Aggregate {
        self.groups
            .values()
            .cloned()
            .fold(Aggregate::new(), Aggregate::merge)
    }

    /// The groups as a map.
    pub fn into_map(self) -> BTreeMap<String, Aggregate> {
        self.groups
    }
}

#[cfg(feature = "serde")]
mod serialize {
    //! The serialised form holds the derived statistics for readers, plus what merging needs:
    //! the non-empty histogram bins and the top terms.

    use super::*;
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    #[derive(Serialize, Deserialize)]
    struct Repr {
        count: u64,
        mean: Option<f64>,
        median: Option<f64>,
        p10: Option<f64>,
        p90: Option<f64>,
        net_sentiment: Option<f64>,
        polarity: Counts<u64>,
        shares: Counts<Option<f64>>,
        /// Mean intensity per emotion.
        emotions: BTreeMap<String, f64>,
        /// Documents per signal at or above `SIGNAL_PRESENT`, and their share.
        signals: BTreeMap<String, SignalCount>,
        escalations: u64,
        escalation_share: Option<f64>,
        explained: u64,
        top_positive: Vec<TermCount>,
        top_negative: Vec<TermCount>,
        /// `[compound, count]` for every non-empty bin.
        histogram: Vec<(f64, u64)>,
    }

    #[derive(Serialize, Deserialize)]
    struct Counts<T> {
        positive: T,
        negative: T,
        neutral: T,
        mixed: T,
    }

    impl<T> Counts<T> {
        fn new(f: impl Fn(Polarity) -> T) -> Self {
            Counts {
                positive: f(Polarity::Positive),
                negative: f(Polarity::Negative),
                neutral: f(Polarity::Neutral),
                mixed: f(Polarity::Mixed),
            }
        }
    }

    #[derive(Serialize, Deserialize)]
    struct SignalCount {
        documents: u64,
        rate: Option<f64>,
    }

    #[derive(Serialize, Deserialize)]
    struct TermCount {
        term: String,
        count: u64,
    }

    fn terms(v: Vec<(&str, u64)>) -> Vec<TermCount> {
        v.into_iter()
            .map(|(t, count)| TermCount {
                term: t.to_owned(),
                count,
            })
            .collect()
    }

    impl Serialize for Aggregate {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            Repr {
                count: self.count,
                mean: self.mean(),
                median: self.median(),
                p10: self.percentile(0.1),
                p90: self.percentile(0.9),
                net_sentiment: self.net_sentiment(),
                polarity: Counts::new(|p| self.polarity_count(p)),
                shares: Counts::new(|p| self.polarity_share(p)),
                emotions: Emotion::ALL
                    .iter()
                    .map(|e| (e.as_str().to_owned(), self.mean_emotion(*e).unwrap_or(0.0)))
                    .collect(),
                signals: Signal::ALL
                    .iter()
                    .zip(self.signals)
                    .map(|(s, documents)| {
                        let rate = self.signal_rate(*s);
                        (s.as_str().to_owned(), SignalCount { documents, rate })
                    })
                    .collect(),
                escalations: self.escalations,
                escalation_share: self.escalation_share(),
                explained: self.explained(),
                top_positive: terms(self.top_positive(SERIALIZED_TOP_TERMS)),
                top_negative: terms(self.top_negative(SERIALIZED_TOP_TERMS)),
                histogram: (self.histogram.bins.iter().enumerate())
                    .filter(|&(_, &c)| c > 0)
                    .map(|(i, &c)| (bin_value(i), c))
                    .collect(),
            }
            .serialize(s)
        }
    }

    /// Reads what [`Serialize`] wrote, so that summaries of separate jobs merge. The term counts
    /// are those of the top [`SERIALIZED_TOP_TERMS`] of each sign.
    impl<'de> Deserialize<'de> for Aggregate {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            let r = Repr::deserialize(d)?;
            let mut a = Aggregate::new();
            a.count = r.count;
            a.compound_sum = r.mean.unwrap_or(0.0) * r.count as f64;
            let p = r.polarity;
            a.polarity = [p.positive, p.negative, p.neutral, p.mixed];
            for (i, e) in Emotion::ALL.iter().enumerate() {
                a.emotions[i] = r.emotions.get(e.as_str()).copied().unwrap_or(0.0) * r.count as f64;
            }
            for (i, s) in Signal::ALL.iter().enumerate() {
                a.signals[i] = r.signals.get(s.as_str()).map_or(0, |c| c.documents);
            }
            a.escalations = r.escalations;
            if a.polarity.iter().sum::<u64>() != r.count {
                return Err(serde::de::Error::custom(
                    "polarity counts do not add up to count",
                ));
            }
            let mut binned = 0;
            for (value, c) in r.histogram {
                if !(-1.0..=1.0).contains(&value) {
                    return Err(serde::de::Error::custom("histogram value outside [-1, 1]"));
                }
                if a.histogram.bins.is_empty() {
                    a.histogram.bins = vec![0; BINS];
                }
                a.histogram.bins[bin(value)] += c;
                binned += c;
            }
            if binned != r.count {
                return Err(serde::de::Error::custom(
                    "histogram counts do not add up to count",
                ));
            }
            a.terms.documents = r.explained;
            a.terms.positive = r
                .top_positive
                .into_iter()
                .map(|t| (t.term, t.count))
                .collect();
            a.terms.negative = r
                .top_negative
                .into_iter()
                .map(|t| (t.term, t.count))
                .collect();
            Ok(a)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Analyzer;

    #[test]
    fn percentiles_follow_nearest_rank() {
        let mut h = Histogram::default();
        for v in [-0.5, 0.0, 0.25, 0.5] {
            h.add(v);
        }
        assert_eq!(h.quantile(0.5, 4), Some(0.0));
        assert_eq!(h.quantile(0.75, 4), Some(0.25));
        assert_eq!(h.quantile(0.0, 4), Some(-0.5));
        assert_eq!(h.quantile(1.0, 4), Some(0.5));
        assert_eq!(h.quantile(0.1, 0), None);
        assert_eq!(bin_value(bin(0.1234)), 0.123);
        assert_eq!(bin_value(bin(-1.0)), -1.0);
        assert_eq!(bin_value(bin(1.0)), 1.0);
    }

    #[test]
    fn empty_aggregate_has_no_statistics() {
        let a = Aggregate::new();
        assert_eq!(
            (a.mean(), a.median(), a.net_sentiment()),
            (None, None, None)
        );
        assert_eq!(a.polarity_share(Polarity::Mixed), None);
    }

    #[test]
    fn repeated_terms_count_once_per_document() {
        let an = Analyzer::new();
        let mut a = Aggregate::new();
        a.add_explained(&an.explain("great great great!!!"));
        assert_eq!(a.top_positive(5), vec![("great", 1)]);
        assert_eq!(a.explained(), 1);
    }

    #[cfg(feature = "serde")]
    #[test]
    fn serialised_form_round_trips_and_merges() {
        let an = Analyzer::new();
        let texts = [
            "love it",
            "hate it",
            "it is fine",
            "not good",
            "awful, just awful",
        ];
        let a: Aggregate = texts
            .iter()
            .map(|t| an.explain(t))
            .collect::<Vec<_>>()
            .iter()
            .collect();
        let json = serde_json::to_string(&a).unwrap();
        let back: Aggregate = serde_json::from_str(&json).unwrap();
        assert_eq!(back.count(), a.count());
        assert_eq!(back.histogram, a.histogram);
        assert_eq!(back.polarity, a.polarity);
        assert_eq!(back.top_negative(10), a.top_negative(10));
        assert!((back.mean().unwrap() - a.mean().unwrap()).abs() < 1e-12);
        let v: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(
            v["polarity"]["negative"],
            a.polarity_count(Polarity::Negative)
        );
        let broken = json.replace("\"count\":5", "\"count\":6");
        assert!(serde_json::from_str::<Aggregate>(&broken).is_err());
    }
}
