//! The shooting rule: people shot are wounded unless the text says they died.
//!
//! "Four people were shot, one fatally" reports 4 shot of whom 1 died: 3 wounded and 1 killed,
//! not 4 wounded. So a wounded count read from "shot" (N) is reduced by a killed count (M ≤ N)
//! that follows it in the same sentence; else by one definite person dying within the next
//! three sentences ("the 12-year-old died"); else by the largest killed count elsewhere in the
//! article that fits inside N ("6 members of a family shot to death" ... "seven people were
//! shot" gives 1 wounded). Counts of "others" are disjoint and neither reduce nor are reduced. When M = N the wounded count is
//! dropped. Counts from "wounded"/"injured" are never reduced: those words already exclude the
//! dead.

use crate::attachment::Found;
use herald_model::{Claim, ClaimKind};

/// True when `claim` is a wounded count read from "shot" that its article left as it was:
/// everyone shot, the dead possibly among them. `found` are the findings of the claim's
/// sentence (`read(&claim.sentence)`), which a caller may share between claims of one
/// sentence.
pub fn is_raw_shot_count_in(found: &[Found], claim: &Claim) -> bool {
    if claim.kind != ClaimKind::Wounded {
        return false;
    }
    found.iter().any(|f| {
        f.kind == ClaimKind::Wounded
            && f.shot
            && !f.other
            && f.value == claim.value
            && (f.definite || !killed_before(found, f.at, f.total))
    })
}

/// A killed count earlier in the same sentence names other people than a shot count after
/// it ("1 dead, 3 shot"), unless the shot count is everyone ("2 died in a triple shooting")
/// or one definite person ("a man died after shooting himself": callers check).
fn killed_before(sentence: &[Found], at: usize, total: bool) -> bool {
    !total
        && sentence
            .iter()
            .any(|k| k.kind == ClaimKind::Killed && k.at < at)
}

/// Applies the rule to the per-sentence findings of one article, in sentence order.
pub fn apply(article: &mut [Vec<Found>]) {
    let mut emptied: Vec<(usize, usize)> = Vec::new();
    for s in 0..article.len() {
        for i in 0..article[s].len() {
            let f = &article[s][i];
            if !(f.kind == ClaimKind::Wounded && f.shot) {
                continue;
            }
            let (n, at, total, one) = (f.value, f.at, f.total, f.definite);
            if f.other || !f.definite && killed_before(&article[s], at, total) {
                continue; // "three others were shot", "1 dead, 3 shot": disjoint from the dead
            }
            // Same sentence, after the shot count; else a definite person in the next sentences;
            // else the largest killed count of the article that fits inside the shot count.
            let same = article[s]
                .iter()
                .find(|k| {
                    k.kind == ClaimKind::Killed
                        && (k.at > at || total || one)
                        && k.value <= n
                        && !k.other
                })
                .map(|k| k.value);
            let next = || {
                article
                    .iter()
                    .skip(s + 1)
                    .take(3)
                    .flat_map(|v| v.iter())
                    .find(|k| k.kind == ClaimKind::Killed && k.definite && k.value <= n && !k.other)
                    .map(|k| k.value)
            };
            let anywhere = || {
                article
                    .iter()
                    .enumerate()
                    .filter(|(t, _)| *t != s)
                    .flat_map(|(_, v)| v.iter())
                    .filter(|k| k.kind == ClaimKind::Killed && k.value <= n && !k.other)
                    .map(|k| k.value)
                    .max()
            };
            let later = || next().or_else(anywhere);
            if let Some(m) = same.or_else(later) {
                if let Some(f) = article[s].get_mut(i) {
                    f.value = n - m;
                    f.shot = false; // applied once
                    if f.value == 0 {
                        emptied.push((s, i));
                    }
                }
            }
        }
    }
    for &(s, i) in emptied.iter().rev() {
        if let Some(v) = article.get_mut(s) {
            if i < v.len() {
                v.remove(i);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::attachment::read;

    fn run(sentences: &[&str]) -> Vec<(ClaimKind, u64)> {
        let mut found: Vec<Vec<Found>> = sentences.iter().map(|s| read(s)).collect();
        apply(&mut found);
        found
            .into_iter()
            .flatten()
            .map(|f| (f.kind, f.value))
            .collect()
    }

    #[test]
    fn shot_minus_fatal() {
        assert_eq!(
            run(&["Four people were shot, one fatally."]),
            vec![(ClaimKind::Wounded, 3), (ClaimKind::Killed, 1)]
        );
        assert_eq!(
            run(&[
                "Four teens were shot near a school on Friday.",
                "The 12-year-old died at a hospital."
            ]),
            vec![(ClaimKind::Wounded, 3), (ClaimKind::Killed, 1)]
        );
        assert_eq!(
            run(&["A man was shot.", "The victim died later."]),
            vec![(ClaimKind::Killed, 1)]
        );
        assert_eq!(
            run(&["Two people were injured and one other died."]),
            vec![(ClaimKind::Wounded, 2), (ClaimKind::Killed, 1)]
        );
        assert_eq!(
            run(&[
                "Five relatives were shot to death.",
                "Six people were shot at the home."
            ]),
            vec![(ClaimKind::Killed, 5), (ClaimKind::Wounded, 1)]
        );
        assert_eq!(
            run(&["1 dead, 3 shot near a park"]),
            vec![(ClaimKind::Killed, 1), (ClaimKind::Wounded, 3)]
        );
        assert_eq!(
            run(&["A man died after accidentally shooting himself."]),
            vec![(ClaimKind::Killed, 1)]
        );
        assert_eq!(
            run(&["Two people died in a triple shooting."]),
            vec![(ClaimKind::Killed, 2), (ClaimKind::Wounded, 1)]
        );
        assert_eq!(
            run(&["One man died and three others were shot."]),
            vec![(ClaimKind::Killed, 1), (ClaimKind::Wounded, 3)]
        );
    }
}
