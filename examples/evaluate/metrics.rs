//! Accuracy metrics for the evaluation harness: pure functions, no I/O.
//!
//! Conventions (the VADER paper's where it has one):
//! - 3-class prediction from a compound score: `≥ 0.05` positive, `≤ −0.05` negative, else
//!   neutral ([`Class::from_compound`]).
//! - Macro-F1 averages the per-class F1 over the classes present in the gold labels, so on a
//!   binary set it averages positive and negative F1 and a predicted neutral counts as an error.
//!   Precision of a class never predicted is 0 (as scikit-learn's `zero_division=0`).
//! - Weighted F1 weights each class's F1 by its gold support: the closest match to the VADER
//!   paper's published "3-class F1" (VADER 3.3.2 measured here: 0.90 / 0.58 / 0.61 / 0.55 on
//!   tweets / movies / Amazon / NYT against the paper's 0.96 / 0.61 / 0.63 / 0.55).
//! - Binary accuracy covers the items whose gold label is not neutral, predicted by the sign of
//!   the compound; exactly 0 counts as wrong, so a system that abstains is not rewarded.
//! - Pearson r and Spearman r (average ranks for ties) against the human mean rating.

/// Half-width of the neutral band on the compound score.
pub const NEUTRAL_BAND: f64 = 0.05;

/// A polarity class, gold or predicted.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Class {
    /// Negative.
    Negative,
    /// Neutral.
    Neutral,
    /// Positive.
    Positive,
}

impl Class {
    /// The three classes, in confusion-matrix order.
    pub const ALL: [Class; 3] = [Class::Negative, Class::Neutral, Class::Positive];

    /// Row/column of this class in a [`Confusion`].
    pub fn index(self) -> usize {
        self as usize
    }

    /// The lower-case name used in the data files.
    pub fn as_str(self) -> &'static str {
        match self {
            Class::Negative => "negative",
            Class::Neutral => "neutral",
            Class::Positive => "positive",
        }
    }

    /// Parses a lower-case label as written in the data files.
    pub fn parse(label: &str) -> Option<Class> {
        Class::ALL.into_iter().find(|c| c.as_str() == label)
    }

    /// The 3-class prediction for a compound score (±[`NEUTRAL_BAND`]).
    pub fn from_compound(compound: f64) -> Class {
        if compound >= NEUTRAL_BAND {
            Class::Positive
        } else if compound <= -NEUTRAL_BAND {
            Class::Negative
        } else {
            Class::Neutral
        }
    }

    /// The gold value on the compound's scale when a set has no rating: ±1, or 0 for neutral.
    pub fn unit_value(self) -> f64 {
        match self {
            Class::Negative => -1.0,
            Class::Neutral => 0.0,
            Class::Positive => 1.0,
        }
    }
}

/// Precision, recall and F1 of one class.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ClassScores {
    /// Correct predictions of the class over all predictions of it (0 when never predicted).
    pub precision: f64,
    /// Correct predictions of the class over its gold items (0 when it has none).
    pub recall: f64,
    /// Harmonic mean of precision and recall (0 when both are 0).
    pub f1: f64,
    /// Number of gold items of the class.
    pub support: usize,
}

/// A 3×3 confusion matrix: rows are gold classes, columns predicted classes.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Confusion {
    counts: [[usize; 3]; 3],
}

impl Confusion {
    /// Counts `(gold, predicted)` pairs.
    pub fn from_pairs(pairs: impl IntoIterator<Item = (Class, Class)>) -> Self {
        let mut counts = [[0; 3]; 3];
        for (gold, predicted) in pairs {
            counts[gold.index()][predicted.index()] += 1;
        }
        Confusion { counts }
    }

    /// Number of items with this gold class and this prediction.
    pub fn get(&self, gold: Class, predicted: Class) -> usize {
        self.counts[gold.index()][predicted.index()]
    }

    /// Number of items.
    pub fn total(&self) -> usize {
        self.counts.iter().flatten().sum()
    }

    /// Number of gold items of `class`.
    pub fn support(&self, class: Class) -> usize {
        self.counts[class.index()].iter().sum()
    }

    /// Share of items predicted right; `None` when empty.
    pub fn accuracy(&self) -> Option<f64> {
        let total = self.total();
        let correct: usize = Class::ALL.iter().map(|&c| self.get(c, c)).sum();
        (total > 0).then(|| correct as f64 / total as f64)
    }

    /// Precision, recall and F1 of one class.
    pub fn class_scores(&self, class: Class) -> ClassScores {
        let tp = self.get(class, class) as f64;
        let predicted: usize = Class::ALL.iter().map(|&g| self.get(g, class)).sum();
        let support = self.support(class);
        let ratio = |n: f64, d: usize| if d == 0 { 0.0 } else { n / d as f64 };
        let precision = ratio(tp, predicted);
        let recall = ratio(tp, support);
        let f1 = if precision + recall == 0.0 {
            0.0
        } else {
            2.0 * precision * recall / (precision + recall)
        };
        ClassScores {
            precision,
            recall,
            f1,
            support,
        }
    }

    /// Mean F1 over the classes present in the gold labels; `None` when empty.
    pub fn macro_f1(&self) -> Option<f64> {
        let present: Vec<Class> = Class::ALL
            .into_iter()
            .filter(|&c| self.support(c) > 0)
            .collect();
        if present.is_empty() {
            return None;
        }
        let sum: f64 = present.iter().map(|&c| self.class_scores(c).f1).sum();
        Some(sum / present.len() as f64)
    }
}

impl Confusion {
    /// F1 per class weighted by gold support (scikit-learn's `average="weighted"`), the closest
    /// match to the "3-class F1" the VADER paper publishes; `None` when empty.
    pub fn weighted_f1(&self) -> Option<f64> {
        let total = self.total();
        let sum: f64 = Class::ALL
            .iter()
            .map(|&c| {
                let s = self.class_scores(c);
                s.f1 * s.support as f64
            })
            .sum();
        (total > 0).then(|| sum / total as f64)
    }
}

/// Binary accuracy over the `(gold, compound)` pairs whose gold class is not neutral: the sign
/// of the compound must match, and exactly 0 is wrong. Returns the accuracy (`None` when no
/// item qualifies) and the number of items it covers.
pub fn binary_accuracy(pairs: impl IntoIterator<Item = (Class, f64)>) -> (Option<f64>, usize) {
    let (mut n, mut correct) = (0usize, 0usize);
    for (gold, compound) in pairs {
        let right = match gold {
            Class::Neutral => continue,
            Class::Positive => compound > 0.0,
            Class::Negative => compound < 0.0,
        };
        n += 1;
        correct += usize::from(right);
    }
    ((n > 0).then(|| correct as f64 / n as f64), n)
}

/// Pearson's r; `None` when the lengths differ, there are fewer than 2 points or a side is
/// constant.
pub fn pearson(x: &[f64], y: &[f64]) -> Option<f64> {
    if x.len() != y.len() || x.len() < 2 {
        return None;
    }
    let n = x.len() as f64;
    let (mx, my) = (x.iter().sum::<f64>() / n, y.iter().sum::<f64>() / n);
    let (mut sxy, mut sxx, mut syy) = (0.0, 0.0, 0.0);
    for (a, b) in x.iter().zip(y) {
        let (dx, dy) = (a - mx, b - my);
        sxy += dx * dy;
        sxx += dx * dx;
        syy += dy * dy;
    }
    (sxx > 0.0 && syy > 0.0).then(|| sxy / (sxx * syy).sqrt())
}

/// Spearman's rank correlation: Pearson's r on ranks, tied values sharing their average rank.
pub fn spearman(x: &[f64], y: &[f64]) -> Option<f64> {
    if x.len() != y.len() {
        return None;
    }
    pearson(&average_ranks(x), &average_ranks(y))
}

/// 1-based ranks, tied values sharing the mean of the ranks they span.
pub fn average_ranks(values: &[f64]) -> Vec<f64> {
    let mut order: Vec<usize> = (0..values.len()).collect();
    order.sort_by(|&a, &b| values[a].total_cmp(&values[b]));
    let mut ranks = vec![0.0; values.len()];
    let mut start = 0;
    while start < order.len() {
        let mut end = start + 1;
        while end < order.len() && values[order[end]] == values[order[start]] {
            end += 1;
        }
        // Positions start..end hold ranks start+1..=end; their mean is (start + 1 + end) / 2.
        let rank = (start + 1 + end) as f64 / 2.0;
        for &i in &order[start..end] {
            ranks[i] = rank;
        }
        start = end;
    }
    ranks
}

#[cfg(test)]
mod tests {
    use super::*;
    use Class::{Negative as N, Neutral as O, Positive as P};

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-12
    }

    #[test]
    fn neutral_band_is_inclusive_at_the_edges() {
        assert_eq!(Class::from_compound(0.05), P);
        assert_eq!(Class::from_compound(0.0499), O);
        assert_eq!(Class::from_compound(-0.05), N);
        assert_eq!(Class::from_compound(-0.0499), O);
        assert_eq!(Class::parse("neutral"), Some(O));
        assert_eq!(Class::parse("Positive"), None);
    }

    /// 8 items: pos→pos ×3, pos→neu, neg→neg ×2, neg→pos, neu→neu.
    fn three_class() -> Confusion {
        let mut pairs = vec![(P, P); 3];
        pairs.extend([(P, O), (N, N), (N, N), (N, P), (O, O)]);
        Confusion::from_pairs(pairs)
    }

    #[test]
    fn confusion_counts_rows_gold_columns_predicted() {
        let c = three_class();
        assert_eq!(c.total(), 8);
        assert_eq!(c.get(P, P), 3);
        assert_eq!(c.get(N, P), 1);
        assert_eq!(c.get(P, N), 0);
        assert_eq!(c.support(N), 3);
    }

    #[test]
    fn accuracy_and_per_class_scores_by_hand() {
        let c = three_class();
        assert!(close(c.accuracy().unwrap(), 6.0 / 8.0));
        // Positive: 3 right of 4 predicted, 3 found of 4 gold.
        let p = c.class_scores(P);
        assert!(close(p.precision, 0.75) && close(p.recall, 0.75) && close(p.f1, 0.75));
        // Negative: 2 of 2 predicted, 2 of 3 gold → F1 = 2·1·⅔ / (1 + ⅔) = 0.8.
        let n = c.class_scores(N);
        assert!(close(n.precision, 1.0) && close(n.recall, 2.0 / 3.0) && close(n.f1, 0.8));
        // Neutral: 1 of 2 predicted, 1 of 1 gold → F1 = ⅔.
        assert!(close(c.class_scores(O).f1, 2.0 / 3.0));
        assert!(close(c.macro_f1().unwrap(), (0.75 + 0.8 + 2.0 / 3.0) / 3.0));
        // Weighted by support 4, 3, 1.
        assert!(close(
            c.weighted_f1().unwrap(),
            (0.75 * 4.0 + 0.8 * 3.0 + 2.0 / 3.0) / 8.0
        ));
    }

    #[test]
    fn macro_f1_on_a_binary_set_ignores_the_absent_class_but_counts_neutral_predictions() {
        // Gold pos ×2, neg ×2; one pos predicted neutral.
        let c = Confusion::from_pairs([(P, P), (P, O), (N, N), (N, N)]);
        // Positive: P 1, R ½ → ⅔. Negative: P 1, R 1 → 1. Neutral (no gold) is left out.
        assert!(close(c.macro_f1().unwrap(), (2.0 / 3.0 + 1.0) / 2.0));
        assert_eq!(c.class_scores(O).precision, 0.0);
    }

    #[test]
    fn empty_inputs_give_none() {
        let c = Confusion::default();
        assert_eq!(
            (c.accuracy(), c.macro_f1(), c.weighted_f1()),
            (None, None, None)
        );
        assert_eq!(binary_accuracy([(O, 0.5)]), (None, 0));
        assert_eq!(pearson(&[1.0], &[2.0]), None);
        assert_eq!(pearson(&[1.0, 1.0], &[2.0, 3.0]), None);
        assert_eq!(pearson(&[1.0, 2.0], &[2.0]), None);
    }

    #[test]
    fn binary_accuracy_uses_the_sign_and_counts_zero_as_wrong() {
        let pairs = [(P, 0.3), (P, 0.0), (N, -0.01), (N, 0.2), (O, 0.9)];
        assert_eq!(binary_accuracy(pairs), (Some(0.5), 4));
    }

    #[test]
    fn pearson_by_hand() {
        assert!(close(
            pearson(&[1.0, 2.0, 3.0], &[2.0, 4.0, 6.0]).unwrap(),
            1.0
        ));
        assert!(close(
            pearson(&[1.0, 2.0, 3.0], &[3.0, 2.0, 1.0]).unwrap(),
            -1.0
        ));
        // Deviations (−1.5, −.5, .5, 1.5) and (−1.5, .5, −.5, 1.5): 4 / √(5·5) = 0.8.
        assert!(close(
            pearson(&[1.0, 2.0, 3.0, 4.0], &[1.0, 3.0, 2.0, 4.0]).unwrap(),
            0.8
        ));
    }

    #[test]
    fn ties_share_their_average_rank() {
        assert_eq!(
            average_ranks(&[10.0, 20.0, 20.0, 5.0]),
            vec![2.0, 3.5, 3.5, 1.0]
        );
        assert_eq!(average_ranks(&[7.0, 7.0, 7.0]), vec![2.0, 2.0, 2.0]);
        assert!(average_ranks(&[]).is_empty());
    }

    #[test]
    fn spearman_by_hand() {
        // Monotone but not linear: ρ = 1 while r < 1.
        let (x, y) = ([1.0, 2.0, 3.0, 4.0], [1.0, 8.0, 27.0, 64.0]);
        assert!(close(spearman(&x, &y).unwrap(), 1.0));
        assert!(pearson(&x, &y).unwrap() < 0.99);
        // Ranks (1, 2.5, 2.5, 4) vs (1, 2, 3, 4): deviations (−1.5, 0, 0, 1.5) and
        // (−1.5, −.5, .5, 1.5) → 4.5 / √(4.5·5) = √0.9.
        let rho = spearman(&[1.0, 2.0, 2.0, 3.0], &[1.0, 2.0, 3.0, 4.0]).unwrap();
        assert!(close(rho, 0.9f64.sqrt()));
    }
}
