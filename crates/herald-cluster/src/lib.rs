//! Event clustering: near-duplicates and a streaming, single-pass grouping of articles
//! into events.
//!
//! Sits after analysis and before the digest. Work is split in two so it scales:
//! [`features`] is a pure function of one article (run it on all cores), and
//! [`Clusterer::add`] places one article at a time, in time order, against the events
//! seen so far — the same code serves a one-shot `herald digest` and incremental ingest.
//!
//! An article joins the most similar *active* event when the score clears
//! [`Options::threshold`]; otherwise it opens a new event. The score blends
//! - TF-IDF cosine between the article and the event's centroid (stems, title words
//!   weighted up, IDF smoothed with a prior so that small batches do not discount the very
//!   words every article of one story shares), and
//! - the overlap of capitalised names (people, places, organisations written in the text),
//!   each weighed by its rarity and by how rarely the stream writes it in lower case, so
//!   "Mysore" counts and "Police" or "Sunday" barely do.
//!
//! Names also veto: an article whose names hardly overlap an event's does not join it
//! however alike the words (two shootings in one city in one week, a story retold about
//! other people). Numbers of two digits or more are terms too.
//!
//! Candidate events come from an inverted index over each event's strongest terms, never
//! from all pairs. An event stops being active once no article has joined it for
//! [`Options::quiet_days`] (only when both sides have dates).
//!
//! Late evidence may split an event: once it settles (quiet, or the stream ended), its
//! members are split in two by average linkage when the halves are much less alike than
//! each is within itself ([`split`]); callers take the moves with
//! [`Clusterer::take_splits`]. When the stream ends, an event of a few members (often a
//! short item the single pass could not place) joins the larger event it is as alike as
//! that event's members are to one another.
//!
//! Near-duplicates are found among the candidate events' members by MinHash estimates of
//! word 4-gram shingle overlap; a duplicate still joins the event (it corroborates) and
//! records the article it copies.

mod features;
mod minhash;
pub mod split;
mod stream;

pub use features::{features, Features};

/// Position in `earlier` of the article `article` nearly duplicates, if any (default
/// threshold). For callers that already know the grouping and only need the copies.
pub fn duplicate_of(article: &Features, earlier: &[Features]) -> Option<usize> {
    let threshold = Options::default().duplicate_threshold;
    earlier
        .iter()
        .enumerate()
        .map(|(i, e)| (i, minhash::similarity(&article.signature, &e.signature)))
        .filter(|&(_, s)| s >= threshold)
        .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)))
        .map(|(i, _)| i)
}
pub use stream::{Assignment, Clusterer, Options, Split};

/// Order in which to feed articles: by date where known, undated articles keep their input
/// position (they take the date of the closest earlier dated article). Stable.
pub fn stream_order(dates: &[Option<chrono::NaiveDate>]) -> Vec<usize> {
    let mut carried = Vec::with_capacity(dates.len());
    let mut last = None;
    for d in dates {
        if d.is_some() {
            last = *d;
        }
        carried.push(last);
    }
    // Leading undated articles sort before everything else, in input order.
    let mut order: Vec<usize> = (0..dates.len()).collect();
    order.sort_by_key(|&i| (carried[i], i));
    order
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    #[test]
    fn orders_by_date_and_keeps_undated_in_place() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
        let dates = vec![d("2020-01-05"), None, d("2020-01-01"), None];
        assert_eq!(stream_order(&dates), vec![2, 3, 0, 1]);
    }
}
