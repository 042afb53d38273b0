//! Scoring items and turning scores into figures per file and per domain, with the JSON form
//! that `--json` prints and `tests/accuracy.rs` compares against its baseline.

use serde_json::{Map, Value, json};

use crate::dataset::Item;
use crate::metrics::{self, Class, Confusion};

/// The figures for one file or one domain of a file.
#[derive(Clone, Debug)]
pub struct Figures {
    /// Items measured.
    pub n: usize,
    /// Gold × predicted 3-class counts.
    pub confusion: Confusion,
    /// Binary accuracy on non-neutral gold items.
    pub binary_accuracy: Option<f64>,
    /// Items binary accuracy covers.
    pub binary_n: usize,
    /// Pearson r against the human rating, where the items have one.
    pub pearson: Option<f64>,
    /// Spearman r against the human rating.
    pub spearman: Option<f64>,
    /// Items with a rating (what the correlations cover).
    pub rated_n: usize,
}

impl Figures {
    /// Measures `compounds[i]` against `items[i]`.
    pub fn compute(items: &[&Item], compounds: &[f64]) -> Figures {
        assert_eq!(items.len(), compounds.len(), "one compound per item");
        let pairs = items.iter().zip(compounds);
        let confusion = Confusion::from_pairs(
            pairs
                .clone()
                .map(|(it, &c)| (it.gold, Class::from_compound(c))),
        );
        let (binary_accuracy, binary_n) =
            metrics::binary_accuracy(pairs.clone().map(|(it, &c)| (it.gold, c)));
        let (rated, predicted): (Vec<f64>, Vec<f64>) = pairs
            .filter_map(|(it, &c)| it.score.map(|s| (s, c)))
            .unzip();
        Figures {
            n: items.len(),
            confusion,
            binary_accuracy,
            binary_n,
            pearson: metrics::pearson(&predicted, &rated),
            spearman: metrics::spearman(&predicted, &rated),
            rated_n: rated.len(),
        }
    }

    /// 3-class accuracy.
    pub fn accuracy(&self) -> Option<f64> {
        self.confusion.accuracy()
    }

    /// 3-class macro-F1 over the gold classes present.
    pub fn macro_f1(&self) -> Option<f64> {
        self.confusion.macro_f1()
    }

    /// 3-class F1 weighted by gold support.
    pub fn weighted_f1(&self) -> Option<f64> {
        self.confusion.weighted_f1()
    }

    /// The JSON object `--json` prints for this group (keys sorted, figures to 4 decimals).
    pub fn to_json(&self) -> Value {
        let mut per_class = Map::new();
        let mut confusion = Map::new();
        for gold in Class::ALL {
            let s = self.confusion.class_scores(gold);
            per_class.insert(
                gold.as_str().into(),
                json!({
                    "f1": round4(s.f1),
                    "precision": round4(s.precision),
                    "recall": round4(s.recall),
                    "support": s.support,
                }),
            );
            let row: Map<String, Value> = Class::ALL
                .iter()
                .map(|&p| (p.as_str().to_owned(), self.confusion.get(gold, p).into()))
                .collect();
            confusion.insert(gold.as_str().into(), row.into());
        }
        json!({
            "accuracy": self.accuracy().map(round4),
            "binary_accuracy": self.binary_accuracy.map(round4),
            "binary_n": self.binary_n,
            "confusion": confusion,
            "macro_f1": self.macro_f1().map(round4),
            "n": self.n,
            "pearson": self.pearson.map(round4),
            "per_class": per_class,
            "rated_n": self.rated_n,
            "spearman": self.spearman.map(round4),
            "weighted_f1": self.weighted_f1().map(round4),
        })
    }
}

/// Rounds to 4 decimals, so the JSON stays short and stable.
pub fn round4(x: f64) -> f64 {
    (x * 1e4).round() / 1e4
}

/// Figures for a whole file (`domain: None`) or one of its domains.
#[derive(Clone, Debug)]
pub struct Group {
    /// The file's path relative to the data folder, with `/` separators.
    pub file: String,
    /// The domain, for a per-domain group.
    pub domain: Option<String>,
    /// The figures.
    pub figures: Figures,
}

impl Group {
    /// `file` or `file [domain]`: a unique name for tables and baselines.
    pub fn name(&self) -> String {
        match &self.domain {
            Some(d) => format!("{} [{d}]", self.file),
            None => self.file.clone(),
        }
    }

    /// The JSON object for this group: its figures plus `file` and `domain`.
    pub fn to_json(&self) -> Value {
        let mut obj = match self.figures.to_json() {
            Value::Object(m) => m,
            _ => Map::new(),
        };
        obj.insert("file".into(), self.file.clone().into());
        obj.insert("domain".into(), self.domain.clone().into());
        Value::Object(obj)
    }
}

/// The file's group, then one per domain (in name order) when the file has more than one.
pub fn groups(file: &str, items: &[&Item], compounds: &[f64]) -> Vec<Group> {
    let mut out = vec![Group {
        file: file.to_owned(),
        domain: None,
        figures: Figures::compute(items, compounds),
    }];
    let mut domains: Vec<&str> = items.iter().filter_map(|it| it.domain.as_deref()).collect();
    domains.sort_unstable();
    domains.dedup();
    if domains.len() > 1 {
        for domain in domains {
            let (sub_items, sub_compounds): (Vec<&Item>, Vec<f64>) = items
                .iter()
                .zip(compounds)
                .filter(|(it, _)| it.domain.as_deref() == Some(domain))
                .map(|(&it, &c)| (it, c))
                .unzip();
            out.push(Group {
                file: file.to_owned(),
                domain: Some(domain.to_owned()),
                figures: Figures::compute(&sub_items, &sub_compounds),
            });
        }
    }
    out
}

/// Empathic's compound for each text, on two threads; the order of `texts` is kept.
pub fn score_empathic(analyzer: &empathic::Analyzer, texts: &[&str]) -> Vec<f64> {
    let (first, second) = texts.split_at(texts.len() / 2);
    let score = |part: &[&str]| {
        part.iter()
            .map(|t| analyzer.analyze(t).compound())
            .collect::<Vec<_>>()
    };
    std::thread::scope(|s| {
        let handle = s.spawn(|| score(first));
        let tail = score(second);
        let mut head = handle
            .join()
            .unwrap_or_else(|e| std::panic::resume_unwind(e));
        head.extend(tail);
        head
    })
}

/// The whole report as JSON: `system`, `split`, `convention` and `sets` (one object per group).
pub fn report_json(system: &str, split: &str, groups: &[Group]) -> Value {
    json!({
        "convention": CONVENTION,
        "sets": groups.iter().map(Group::to_json).collect::<Vec<_>>(),
        "split": split,
        "system": system,
    })
}

/// The measuring conventions, in one line, for reports.
pub const CONVENTION: &str = "3-class: compound >= 0.05 positive, <= -0.05 negative, else neutral; \
macro-F1 over the gold classes present, weighted F1 by gold support; binary accuracy on non-neutral gold by the sign of compound \
(0 is wrong); Pearson/Spearman (average ranks) against the mean human rating; \
tune/holdout = FNV-1a 64-bit hash of id even/odd";

#[cfg(test)]
mod tests {
    use super::*;

    fn item(id: &str, gold: Class, score: Option<f64>, domain: &str) -> Item {
        Item {
            id: id.into(),
            text: String::new(),
            gold,
            score,
            domain: Some(domain.into()),
        }
    }

    #[test]
    fn a_file_with_several_domains_gets_a_group_per_domain() {
        let items = [
            item("a", Class::Positive, None, "yelp"),
            item("b", Class::Negative, None, "amazon"),
            item("c", Class::Negative, None, "yelp"),
        ];
        let refs: Vec<&Item> = items.iter().collect();
        let g = groups("uci/eval.jsonl", &refs, &[0.5, 0.0, 0.3]);
        let names: Vec<String> = g.iter().map(Group::name).collect();
        assert_eq!(
            names,
            [
                "uci/eval.jsonl",
                "uci/eval.jsonl [amazon]",
                "uci/eval.jsonl [yelp]"
            ]
        );
        assert_eq!(g[0].figures.n, 3);
        assert_eq!(g[1].figures.binary_accuracy, Some(0.0));
        assert_eq!(g[2].figures.binary_accuracy, Some(0.5));
        assert_eq!(g[0].figures.pearson, None);
    }

    #[test]
    fn a_single_domain_file_gets_one_group_and_correlations_use_the_rating() {
        let items = [
            item("a", Class::Positive, Some(2.0), "tweets"),
            item("b", Class::Negative, Some(-1.0), "tweets"),
            item("c", Class::Neutral, Some(0.1), "tweets"),
        ];
        let refs: Vec<&Item> = items.iter().collect();
        let g = groups("vader/tweets.jsonl", &refs, &[0.6, -0.2, 0.0]);
        assert_eq!(g.len(), 1);
        let f = &g[0].figures;
        assert_eq!((f.rated_n, f.spearman.map(round4)), (3, Some(1.0)));
        assert_eq!(f.accuracy(), Some(1.0));
        let j = g[0].to_json();
        assert_eq!(j["confusion"]["neutral"]["neutral"], 1);
        assert_eq!(j["domain"], Value::Null);
    }

    #[test]
    fn scoring_on_two_threads_keeps_the_order() {
        let analyzer = empathic::Analyzer::new();
        let texts = ["great", "awful", "the", "love it", "hate it"];
        let scores = score_empathic(&analyzer, &texts);
        let expected: Vec<f64> = texts
            .iter()
            .map(|t| analyzer.analyze(t).compound())
            .collect();
        assert_eq!(scores, expected);
    }
}
