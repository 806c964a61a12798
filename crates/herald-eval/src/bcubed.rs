//! B-cubed precision, recall and F1 of a clustering against a gold grouping (Bagga and
//! Baldwin, 1998): per item, the share of its predicted cluster that is in its gold
//! cluster (precision) and of its gold cluster that is in its predicted one (recall),
//! averaged over the gold items. A gold item missing from the prediction is a singleton.

use std::collections::HashMap;
use std::hash::Hash;

#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct Score {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    pub items: usize,
}

/// Score `predicted` (item → cluster) against `gold` (item → cluster).
pub fn score<I: Hash + Eq + Clone, P: Hash + Eq + Clone, G: Hash + Eq + Clone>(
    predicted: &HashMap<I, P>,
    gold: &HashMap<I, G>,
) -> Score {
    if gold.is_empty() {
        return Score {
            precision: 0.0,
            recall: 0.0,
            f1: 0.0,
            items: 0,
        };
    }
    // Missing predictions are singletons: key them by the item itself.
    let label = |item: &I| predicted.get(item).cloned().ok_or_else(|| item.clone());
    let mut predicted_size: HashMap<Result<P, I>, usize> = HashMap::new();
    let mut gold_size: HashMap<&G, usize> = HashMap::new();
    let mut both: HashMap<(Result<P, I>, &G), usize> = HashMap::new();
    for (item, g) in gold {
        let p = label(item);
        *predicted_size.entry(p.clone()).or_default() += 1;
        *gold_size.entry(g).or_default() += 1;
        *both.entry((p, g)).or_default() += 1;
    }
    let (mut precision, mut recall) = (0.0, 0.0);
    for (item, g) in gold {
        let p = label(item);
        let shared = both[&(p.clone(), g)] as f64;
        precision += shared / predicted_size[&p] as f64;
        recall += shared / gold_size[g] as f64;
    }
    let n = gold.len() as f64;
    let (precision, recall) = (precision / n, recall / n);
    let f1 = if precision + recall > 0.0 {
        2.0 * precision * recall / (precision + recall)
    } else {
        0.0
    };
    Score {
        precision,
        recall,
        f1,
        items: gold.len(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map(pairs: &[(&'static str, u32)]) -> HashMap<&'static str, u32> {
        pairs.iter().copied().collect()
    }

    #[test]
    fn perfect_and_all_in_one() {
        let gold = map(&[("a", 1), ("b", 1), ("c", 2)]);
        let s = score(&gold, &gold);
        assert!((s.f1 - 1.0).abs() < 1e-9);
        let lumped = map(&[("a", 0), ("b", 0), ("c", 0)]);
        let s = score(&lumped, &gold);
        // precision: a,b see 2/3, c sees 1/3 → 5/9; recall 1
        assert!((s.precision - 5.0 / 9.0).abs() < 1e-9);
        assert!((s.recall - 1.0).abs() < 1e-9);
    }

    #[test]
    fn missing_predictions_are_singletons() {
        let gold = map(&[("a", 1), ("b", 1)]);
        let predicted = map(&[("a", 7)]);
        let s = score(&predicted, &gold);
        assert!((s.precision - 1.0).abs() < 1e-9);
        assert!((s.recall - 0.5).abs() < 1e-9);
    }
}
