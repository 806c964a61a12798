//! Per-article analysis: sentences, name mentions, casualty claims and the article's date.

use chrono::NaiveDate;
use herald_model::{Article, Claim, Mention, Sentence};

/// An article with what the digest needs from it.
#[derive(Debug, Clone)]
pub struct Analyzed {
    pub article: Article,
    /// Sentences of `article.text` (the title is not part of them).
    pub sentences: Vec<Sentence>,
    pub mentions: Vec<Mention>,
    pub claims: Vec<Claim>,
    /// The published date, parsed.
    pub date: Option<NaiveDate>,
}

/// Analyse one cleaned article. Pure; run it in parallel over articles.
pub fn analyze(article: Article) -> Analyzed {
    let date = article
        .published
        .as_deref()
        .and_then(herald_text::date::parse_published);
    let sentences = herald_text::sentences(&article.text);
    let mentions = herald_names::mentions(&article.id, &article.text, &sentences);
    let claims = herald_claims::claims(&article, &sentences, date);
    Analyzed {
        article,
        sentences,
        mentions,
        claims,
        date,
    }
}
