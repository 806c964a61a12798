//! Sparse TF-IDF vectors over stems, for sentence centrality and redundancy.

use rustc_hash::FxHashMap as HashMap;

use herald_text::{is_stopword, stem, tokens};

/// A unit-length sparse vector, sorted by term.
pub type Vector = Vec<(String, f32)>;

/// Stems of the content words of `text`.
pub fn stems(text: &str) -> Vec<String> {
    tokens(text)
        .into_iter()
        .filter(|t| t.text.chars().count() > 1 && !is_stopword(t.text))
        .map(|t| stem(t.text))
        .collect()
}

/// Document frequencies of stems over a set of texts (each already stemmed).
pub fn document_frequency<'a>(
    docs: impl IntoIterator<Item = &'a [String]>,
) -> HashMap<&'a str, usize> {
    let mut df: HashMap<&str, usize> = HashMap::default();
    for doc in docs {
        let mut seen: Vec<&str> = doc.iter().map(String::as_str).collect();
        seen.sort_unstable();
        seen.dedup();
        for s in seen {
            *df.entry(s).or_default() += 1;
        }
    }
    df
}

/// Unit TF-IDF vector of one stemmed text.
pub fn tf_idf(doc: &[String], df: &HashMap<&str, usize>, documents: usize) -> Vector {
    let mut tf: HashMap<&str, f32> = HashMap::default();
    for s in doc {
        *tf.entry(s.as_str()).or_default() += 1.0;
    }
    let n = documents as f32;
    let mut v: Vector = tf
        .into_iter()
        .map(|(s, f)| {
            let d = df.get(s).copied().unwrap_or(1) as f32;
            (s.to_string(), (1.0 + f.ln()) * (1.0 + n / d).ln())
        })
        .collect();
    v.sort_by(|a, b| a.0.cmp(&b.0));
    normalise(&mut v);
    v
}

pub fn normalise(v: &mut Vector) {
    let norm = v.iter().map(|(_, w)| w * w).sum::<f32>().sqrt();
    if norm > 0.0 {
        for (_, w) in v.iter_mut() {
            *w /= norm;
        }
    }
}

/// Cosine of two unit vectors (merge over sorted terms).
pub fn cosine(a: &Vector, b: &Vector) -> f32 {
    herald_text::sparse::dot(a, b)
}

/// Unit-length sum of vectors.
pub fn centroid<'a>(vectors: impl IntoIterator<Item = &'a Vector>) -> Vector {
    let mut sum: HashMap<&str, f32> = HashMap::default();
    for v in vectors {
        for (s, w) in v {
            *sum.entry(s.as_str()).or_default() += w;
        }
    }
    let mut c: Vector = sum.into_iter().map(|(s, w)| (s.to_string(), w)).collect();
    c.sort_by(|a, b| a.0.cmp(&b.0));
    normalise(&mut c);
    c
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cosine_of_same_text_is_one() {
        let docs = [
            stems("Floods displaced thousands"),
            stems("Markets rallied today"),
        ];
        let df = document_frequency(docs.iter().map(Vec::as_slice));
        let a = tf_idf(&docs[0], &df, 2);
        assert!((cosine(&a, &a) - 1.0).abs() < 1e-5);
        let b = tf_idf(&docs[1], &df, 2);
        assert_eq!(cosine(&a, &b), 0.0);
    }
}
