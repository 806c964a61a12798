//! Sparse weighted term vectors: `(term, weight)` pairs sorted by term, as clustering and
//! summarising build them. One dot product for both (they had a copy each).

/// Dot product of two vectors sorted by term (a merge over the terms); for unit vectors,
/// their cosine.
pub fn dot<T: Ord>(a: &[(T, f32)], b: &[(T, f32)]) -> f32 {
    let (mut i, mut j, mut sum) = (0, 0, 0.0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                sum += a[i].1 * b[j].1;
                i += 1;
                j += 1;
            }
        }
    }
    sum
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shared_terms_only() {
        let a = [(1u32, 0.5), (3, 2.0), (7, 1.0)];
        let b = [(2u32, 9.0), (3, 0.5), (7, 3.0), (8, 1.0)];
        assert_eq!(dot(&a, &b), 2.0 * 0.5 + 1.0 * 3.0);
        assert_eq!(dot(&a, &[]), 0.0);
        let words = [("flood".to_string(), 1.0)];
        assert_eq!(dot(&words, &words), 1.0);
    }
}
