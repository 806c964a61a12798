//! MinHash signatures of word shingles, for near-duplicate detection.
//!
//! 64 permutations of one 64-bit hash (multiply-xorshift mixing with per-slot seeds)
//! estimate Jaccard similarity within about ±0.06; that is plenty to tell a re-posted wire
//! copy (> 0.8) from a different write-up of the same story (< 0.3).

use crate::features::hash;

pub const SLOTS: usize = 64;
const SHINGLE: usize = 4;

pub type Signature = [u64; SLOTS];

/// Signature of the word 4-grams of `words` (lowercased tokens). Texts shorter than one
/// shingle use their single words.
pub fn signature(words: &[String]) -> Signature {
    let mut sig = [u64::MAX; SLOTS];
    let mut feed = |h: u64| {
        for (slot, value) in sig.iter_mut().enumerate() {
            let v = mix(h ^ SEEDS[slot]);
            if v < *value {
                *value = v;
            }
        }
    };
    if words.len() < SHINGLE {
        for w in words {
            feed(hash(w));
        }
    } else {
        let hashes: Vec<u64> = words.iter().map(|w| hash(w)).collect();
        for window in hashes.windows(SHINGLE) {
            let mut h = 0u64;
            for &w in window {
                h = mix(h ^ w);
            }
            feed(h);
        }
    }
    sig
}

/// Estimated Jaccard similarity of the two shingle sets.
pub fn similarity(a: &Signature, b: &Signature) -> f32 {
    let same = a
        .iter()
        .zip(b)
        .filter(|(x, y)| x == y && **x != u64::MAX)
        .count();
    same as f32 / SLOTS as f32
}

fn mix(mut x: u64) -> u64 {
    // splitmix64 finaliser
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

const SEEDS: [u64; SLOTS] = {
    let mut seeds = [0u64; SLOTS];
    let mut i = 0;
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    while i < SLOTS {
        state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        seeds[i] = z ^ (z >> 31);
        i += 1;
    }
    seeds
};

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Vec<String> {
        s.split_whitespace().map(str::to_lowercase).collect()
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
}
