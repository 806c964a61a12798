//! MinHash signatures of word shingles, for near-duplicate detection.
//!
//! One-permutation hashing (Li, Owen and Zhang, 2012): each shingle is hashed once, its
//! top six bits pick one of 64 bins and the bin keeps the smallest low 32 bits it sees.
//! The share of agreeing bins among those not empty in both estimates the Jaccard
//! similarity of the two shingle sets, as 64 independent permutations would, within
//! about ±0.06 on texts of a few hundred words; that is plenty to tell a re-posted wire
//! copy (> 0.8) from a different write-up of the same story (< 0.3).
//!
//! Why not 64 permutations: they cost 64 hash mixes per shingle, 0.52 G of the 6.16 G
//! instructions of a whole `herald digest` on a 1,000-article stream; one permutation
//! costs one. datasketch and the Rust MinHash crates hash each shingle once per
//! permutation too.

pub const SLOTS: usize = 64;
const SHINGLE: usize = 4;
/// A bin no shingle fell in.
const EMPTY: u32 = u32::MAX;

pub type Signature = [u32; SLOTS];

/// Signature of the word 4-grams of a text given as the hashes of its lowercased words.
/// Texts shorter than one shingle use their single words.
pub fn signature(words: &[u64]) -> Signature {
    let mut sig = [EMPTY; SLOTS];
    let mut feed = |h: u64| {
        let h = mix(h);
        let slot = (h >> 58) as usize;
        // EMPTY is never a value: a bin that saw a shingle always differs from an empty one.
        let value = (h as u32).min(EMPTY - 1);
        if value < sig[slot] {
            sig[slot] = value;
        }
    };
    if words.len() < SHINGLE {
        for &w in words {
            feed(w);
        }
    } else {
        for window in words.windows(SHINGLE) {
            let mut h = 0u64;
            for &w in window {
                h = mix(h ^ w);
            }
            feed(h);
        }
    }
    sig
}

/// Estimated Jaccard similarity of the two shingle sets: agreeing bins among the bins
/// either signature filled (bins empty in both say nothing).
pub fn similarity(a: &Signature, b: &Signature) -> f32 {
    // Counted without branches, so the loop vectorises: a near-duplicate check compares
    // an article with up to a thousand recent members. A bin is empty in both exactly
    // when the two values' AND is EMPTY (all ones), and such bins also count as equal.
    let mut equal = 0u32;
    let mut both_empty = 0u32;
    for (x, y) in a.iter().zip(b) {
        equal += u32::from(x == y);
        both_empty += u32::from(x & y == EMPTY);
    }
    let used = SLOTS as u32 - both_empty;
    let same = equal - both_empty;
    if used == 0 {
        0.0
    } else {
        same as f32 / used as f32
    }
}

fn mix(mut x: u64) -> u64 {
    // splitmix64 finaliser
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::features::hash;

    fn words(s: &str) -> Vec<u64> {
        s.split_whitespace()
            .map(|w| hash(&w.to_lowercase()))
            .collect()
    }

    #[test]
    fn copies_are_similar_and_rewrites_are_not() {
        let a = "the storm destroyed dozens of homes along the coast on monday and officials said the damage would take months to repair while aid arrived";
        let copy = format!("{a} read more");
        let other = "officials said on monday that repairs along the coast would take months after a storm wrecked many houses and aid began arriving";
        let sa = signature(&words(a));
        assert!(similarity(&sa, &signature(&words(&copy))) > 0.8);
        assert!(similarity(&sa, &signature(&words(other))) < 0.3);
    }

    #[test]
    fn empty_text_matches_nothing() {
        let e = signature(&[]);
        assert_eq!(similarity(&e, &e), 0.0);
    }

    /// The bin-by-bin definition [`similarity`] counts without branches.
    fn slow_similarity(a: &Signature, b: &Signature) -> f32 {
        let mut same = 0u32;
        let mut used = 0u32;
        for (x, y) in a.iter().zip(b) {
            if *x == EMPTY && *y == EMPTY {
                continue;
            }
            used += 1;
            same += u32::from(x == y);
        }
        if used == 0 {
            0.0
        } else {
            same as f32 / used as f32
        }
    }

    #[test]
    fn similarity_counts_as_the_bin_by_bin_definition() {
        let mut state = 0x9e37_79b9_u64;
        let mut next = || {
            state = mix(state.wrapping_add(0x9e37_79b9_7f4a_7c15));
            state
        };
        for round in 0..500 {
            // Few distinct values and many empty bins, so bins agree and are empty often.
            let mut value = || match next() % 4 {
                0 => EMPTY,
                1 => EMPTY - 1,
                r if round % 2 == 0 => r as u32,
                _ => next() as u32,
            };
            let a: Signature = std::array::from_fn(|_| value());
            let b: Signature = std::array::from_fn(|i| if i % 3 == 0 { a[i] } else { value() });
            assert_eq!(similarity(&a, &b), slow_similarity(&a, &b));
            assert_eq!(similarity(&a, &a), slow_similarity(&a, &a));
        }
        let empty = [EMPTY; SLOTS];
        assert_eq!(similarity(&empty, &empty), slow_similarity(&empty, &empty));
    }

    /// The estimate follows the true Jaccard similarity of long texts: shingle sets that
    /// share a known share of their shingles (texts of distinct pseudo-random words).
    #[test]
    fn estimates_track_jaccard_similarity() {
        let mut state = 0x1234_5678_u64;
        let mut word = || {
            state = mix(state.wrapping_add(0x9e37_79b9_7f4a_7c15));
            state
        };
        for shared_share in [0.2f32, 0.5, 0.9] {
            let mut errors = Vec::new();
            for _ in 0..40 {
                // Texts of 400 words; the first `shared` words are common to both.
                let shared = (400.0 * shared_share) as usize;
                let common: Vec<u64> = (0..shared).map(|_| word()).collect();
                let mut a = common.clone();
                let mut b = common;
                a.extend((shared..400).map(|_| word()));
                b.extend((shared..400).map(|_| word()));
                let shingles = |t: &[u64]| t.len() - SHINGLE + 1;
                let common_shingles = shared.saturating_sub(SHINGLE - 1) as f32;
                let union = (shingles(&a) + shingles(&b)) as f32 - common_shingles;
                let truth = common_shingles / union;
                let estimate = similarity(&signature(&a), &signature(&b));
                errors.push((estimate - truth).abs());
            }
            let mean = errors.iter().sum::<f32>() / errors.len() as f32;
            assert!(mean < 0.06, "share {shared_share}: mean error {mean}");
        }
    }
}
