//! Batches: many texts scored in parallel (feature `parallel`) or in sequence, in input order,
//! with one set of scratch buffers per worker and no copy of the texts.

#[cfg(feature = "parallel")]
use rayon::prelude::*;

use crate::aggregate::{Aggregate, GroupedAggregate};
use crate::analyzer::{Analyzer, Workspace};
use crate::explain::Explanation;
use crate::score::DocumentScore;

/// Texts a [`ScoreStream`] scores together unless told otherwise.
pub const DEFAULT_CHUNK_SIZE: usize = 1024;

impl Analyzer {
    /// Scores many texts, in parallel with the `parallel` feature (the default) and sequentially
    /// without it. The scores are in input order and equal to [`analyze`](Self::analyze) on each
    /// text.
    ///
    /// ```
    /// let analyzer = empathic::Analyzer::new();
    /// let reviews = vec![String::from("Love it!"), String::from("Broke after a week.")];
    /// let scores = analyzer.analyze_batch(&reviews);
    /// assert!(scores[0].compound() > 0.0 && scores[1].compound() < 0.0);
    /// ```
    pub fn analyze_batch<T: AsRef<str> + Sync>(&self, texts: &[T]) -> Vec<DocumentScore> {
        #[cfg(feature = "parallel")]
        {
            texts
                .par_iter()
                // Each worker thread's own workspace (see `Analyzer::analyze`), warm across
                // the batch, rather than a fresh one per rayon job.
                .map(|t| self.analyze(t.as_ref()))
                .collect()
        }
        #[cfg(not(feature = "parallel"))]
        {
            texts.iter().map(|t| self.analyze(t.as_ref())).collect()
        }
    }

    /// Explains many texts like [`explain`](Self::explain), in parallel with the `parallel`
    /// feature, in input order.
    ///
    /// ```
    /// let e = empathic::Analyzer::new().explain_batch(&["not bad", "bad"]);
    /// assert_eq!(e[0].contributions[0].entry, "bad");
    /// assert!(e[0].score.compound() > 0.0 && e[1].score.compound() < 0.0);
    /// ```
    pub fn explain_batch<T: AsRef<str> + Sync>(&self, texts: &[T]) -> Vec<Explanation> {
        #[cfg(feature = "parallel")]
        {
            texts.par_iter().map(|t| self.explain(t.as_ref())).collect()
        }
        #[cfg(not(feature = "parallel"))]
        {
            let mut ws = Workspace::default();
            texts
                .iter()
                .map(|t| self.explain_in(t.as_ref(), &mut ws))
                .collect()
        }
    }

    /// Scores an iterator of texts of any length, [`DEFAULT_CHUNK_SIZE`] at a time (see
    /// [`ScoreStream::chunk_size`]): each chunk is scored with
    /// [`analyze_batch`](Self::analyze_batch), so memory holds one chunk of texts and scores,
    /// and the scores come out in input order.
    ///
    /// ```
    /// use std::io::BufRead;
    ///
    /// let input = "Great service\nNever again\nOkay I guess\n";
    /// let lines = input.as_bytes().lines().map_while(Result::ok);
    /// let analyzer = empathic::Analyzer::new();
    /// let labels: Vec<String> =
    ///     analyzer.analyze_stream(lines).chunk_size(2).map(|s| s.polarity().to_string()).collect();
    /// assert_eq!(labels.len(), 3);
    /// assert_eq!(labels[0], "positive");
    /// ```
    pub fn analyze_stream<I>(&self, texts: I) -> ScoreStream<'_, I::IntoIter>
    where
        I: IntoIterator,
        I::Item: AsRef<str> + Sync,
    {
        ScoreStream {
            analyzer: self,
            texts: texts.into_iter(),
            chunk: DEFAULT_CHUNK_SIZE,
            buffer: Vec::new(),
            scores: Vec::new().into_iter(),
        }
    }

    /// Scores many texts and adds them up, with their top terms (from explanations), without
    /// keeping the scores. Parallel with the `parallel` feature.
    ///
    /// ```
    /// let agg = empathic::Analyzer::new().aggregate_batch(&["love the size", "love the colour", "meh, broken"]);
    /// assert_eq!(agg.count(), 3);
    /// assert_eq!(agg.top_positive(1), vec![("love", 2)]);
    /// ```
    pub fn aggregate_batch<T: AsRef<str> + Sync>(&self, texts: &[T]) -> Aggregate {
        self.fold(
            texts,
            Aggregate::new,
            |agg, e, _| agg.add_explained(e),
            Aggregate::merge,
        )
    }

    /// Scores many items and adds them up by group: `text` picks each item's text and `key` its
    /// group (a product, an agent, or a [`TimeBucket`](crate::TimeBucket) key for a trend).
    /// Parallel with the `parallel` feature; includes top terms like
    /// [`aggregate_batch`](Self::aggregate_batch).
    ///
    /// ```
    /// struct Ticket { agent: &'static str, text: &'static str }
    /// let tickets = [
    ///     Ticket { agent: "ana", text: "Thanks, solved quickly!" },
    ///     Ticket { agent: "bo", text: "Still broken, useless answer" },
    ///     Ticket { agent: "ana", text: "Great help" },
    /// ];
    /// let by_agent = empathic::Analyzer::new()
    ///     .aggregate_by(&tickets, |t| t.text, |t| t.agent.to_string());
    /// assert_eq!(by_agent.get("ana").unwrap().count(), 2);
    /// assert!(by_agent.get("bo").unwrap().mean().unwrap() < 0.0);
    /// ```
    pub fn aggregate_by<T, F, K>(&self, items: &[T], text: F, key: K) -> GroupedAggregate
    where
        T: Sync,
        F: Fn(&T) -> &str + Sync,
        K: Fn(&T) -> String + Sync,
    {
        let texts: Vec<&str> = items.iter().map(&text).collect();
        self.fold(
            &texts,
            GroupedAggregate::new,
            |groups, e, i| groups.add_explained(&key(&items[i]), e),
            GroupedAggregate::merge,
        )
    }

    /// Explains every text and folds the explanations into `A`s (one per rayon job), then
    /// reduces them: no vector of scores is built.
    fn fold<T, A, N, F, M>(&self, texts: &[T], new: N, add: F, merge: M) -> A
    where
        T: AsRef<str> + Sync,
        A: Send,
        N: Fn() -> A + Sync + Send,
        F: Fn(&mut A, &Explanation, usize) + Sync + Send,
        M: Fn(A, A) -> A + Sync + Send,
    {
        #[cfg(feature = "parallel")]
        {
            texts
                .par_iter()
                .enumerate()
                .fold(
                    || (Workspace::default(), new()),
                    |(mut ws, mut acc), (i, t)| {
                        add(&mut acc, &self.explain_in(t.as_ref(), &mut ws), i);
                        (ws, acc)
                    },
                )
                .map(|(_, acc)| acc)
                .reduce(&new, &merge)
        }
        #[cfg(not(feature = "parallel"))]
        {
            let _ = merge;
            let mut ws = Workspace::default();
            let mut acc = new();
            for (i, t) in texts.iter().enumerate() {
                add(&mut acc, &self.explain_in(t.as_ref(), &mut ws), i);
            }
            acc
        }
    }
}

/// Scores an iterator of texts chunk by chunk, in order: what
/// [`Analyzer::analyze_stream`] returns.
pub struct ScoreStream<'a, I: Iterator> {
    analyzer: &'a Analyzer,
    texts: I,
    chunk: usize,
    buffer: Vec<I::Item>,
    scores: std::vec::IntoIter<DocumentScore>,
}

impl<I: Iterator> ScoreStream<'_, I> {
    /// How many texts to read and score together (default [`DEFAULT_CHUNK_SIZE`]; at least 1).
    /// Larger chunks keep more threads busy; smaller ones use less memory and give the first
    /// score sooner.
    #[must_use]
    pub fn chunk_size(mut self, texts: usize) -> Self {
        self.chunk = texts.max(1);
        self
    }
}

impl<I> Iterator for ScoreStream<'_, I>
where
    I: Iterator,
    I::Item: AsRef<str> + Sync,
{
    type Item = DocumentScore;

    fn next(&mut self) -> Option<DocumentScore> {
        if let Some(s) = self.scores.next() {
            return Some(s);
        }
        self.buffer.clear();
        self.buffer.extend(self.texts.by_ref().take(self.chunk));
        if self.buffer.is_empty() {
            return None;
        }
        self.scores = self.analyzer.analyze_batch(&self.buffer).into_iter();
        self.scores.next()
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let (lo, hi) = self.texts.size_hint();
        let ready = self.scores.len();
        (
            lo.saturating_add(ready),
            hi.and_then(|h| h.checked_add(ready)),
        )
    }
}

impl<I: Iterator> std::fmt::Debug for ScoreStream<'_, I> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ScoreStream")
            .field("chunk", &self.chunk)
            .field("ready", &self.scores.len())
            .finish_non_exhaustive()
    }
}
