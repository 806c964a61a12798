//! Who reported a figure: "according to the Interior Ministry", "the Red Cross
//! said", "..., police said Thursday", "..., said army spokesman Jane Roe".
//!
//! Every reporting cue of a sentence is found with its position. A claim takes the last cue
//! before its count (the "X said ... N" order), else the first one after it ("N ..., X said").
//! The source is written as in the text, trimmed: no leading "the", no "(WHO)" acronym, no
//! trailing "news agency"; a lowercase role before a name is dropped ("army spokesman Jane Roe"
//! gives "Jane Roe"); an "of ..." complement after a several-word institution is dropped
//! ("the Interior Ministry of the unity government" gives "Interior Ministry", while "Ministry of
//! Health" stays whole). A pronoun source ("it said") is returned as [`Source::Pronoun`] so the
//! caller can resolve it to the article's previous source.

use crate::token::Tok;
use crate::words::Words;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    Named(String),
    Pronoun,
}

/// A reporting cue: the byte position of its verb (or "according to") and its source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cue {
    pub at: usize,
    pub source: Source,
}

static VERBS: Words = Words::new(&[
    "said",
    "says",
    "say",
    "told",
    "tells",
    "reported",
    "reports",
    "announced",
    "announces",
    "stated",
    "states",
    "quoted",
    "estimated",
    "estimates",
    "added",
    "adds",
    "confirmed",
]);

const PRONOUNS: &[&str] = &["it", "he", "she", "they", "we", "i"];

/// Words that end a subject when walking back from its verb.
static SUBJECT_STOPS: Words = Words::new(&[
    "that",
    "which",
    "who",
    "whom",
    "while",
    "when",
    "as",
    "after",
    "before",
    "because",
    "but",
    "and",
    "meanwhile",
    "however",
    "if",
    "although",
    "though",
    "whereas",
    "where",
    "since",
    "so",
    "than",
    "also",
]);

/// Words between a subject and its verb that are not part of the subject.
static BETWEEN: Words = Words::new(&[
    "has",
    "have",
    "had",
    "was",
    "is",
    "also",
    "later",
    "earlier",
    "previously",
    "reportedly",
    "initially",
    "then",
    "now",
    "on",
    "last",
    "late",
    "early",
    "yesterday",
    "today",
    "tonight",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "morning",
    "evening",
    "night",
    "afternoon",
    "separately",
    "further",
    "had",
]);

const AUX: &[&str] = &["were", "was", "is", "are", "be", "been", "being"];

static INSTITUTION_HEADS: Words = Words::new(&[
    "ministry",
    "government",
    "office",
    "council",
    "army",
    "forces",
    "agency",
    "authorities",
    "authority",
    "department",
    "police",
    "administration",
    "command",
    "committee",
    "service",
    "services",
    "organization",
    "organisation",
    "mission",
    "officials",
]);

/// All reporting cues of a sentence, in text order.
pub fn cues(toks: &[Tok]) -> Vec<Cue> {
    let mut out = Vec::new();
    for (i, t) in toks.iter().enumerate() {
        if t.low == "according" && toks.get(i + 1).is_some_and(|n| n.low == "to") {
            let words: Vec<&Tok> = toks[i + 2..]
                .iter()
                .take_while(|t| t.is_word() || t.text == "-" || t.text == "'")
                .take_while(|t| !VERBS.contains(&t.low.as_str()) && t.low != "that")
                .collect();
            if let Some(s) = clean(&words) {
                out.push(Cue {
                    at: t.start,
                    source: s,
                });
            }
            continue;
        }
        if !VERBS.contains(&t.low.as_str()) {
            continue;
        }
        // "were reported killed", "was said to": a passive, not a report.
        if i > 0 && AUX.contains(&toks[i - 1].low.as_str()) {
            continue;
        }
        // "confirmed" only as a reporting verb when a clause follows.
        if t.low == "confirmed"
            && !toks
                .get(i + 1)
                .is_some_and(|n| n.low == "that" || n.low == "on")
        {
            continue;
        }
        if let Some(s) = subject_before(toks, i) {
            out.push(Cue {
                at: t.start,
                source: s,
            });
        } else if let Some(s) = subject_after(toks, i) {
            out.push(Cue {
                at: t.start,
                source: s,
            });
        }
    }
    out
}

/// The cue a count at byte `at` takes: the last before it, else the first after it.
pub fn for_position(cues: &[Cue], at: usize) -> Option<&Cue> {
    cues.iter()
        .rev()
        .find(|c| c.at < at)
        .or_else(|| cues.iter().find(|c| c.at > at))
}

fn subject_before(toks: &[Tok], verb: usize) -> Option<Source> {
    let mut k = verb;
    // Skip dates and auxiliaries between subject and verb: "said on Thursday" is handled by
    // the caller; here "the ministry on Monday said", "police have said".
    while k > 0 {
        let t = &toks[k - 1];
        if BETWEEN.contains(&t.low.as_str())
            || t.text.chars().all(|c| c.is_ascii_digit())
            || is_month(&t.low)
        {
            k -= 1;
            continue;
        }
        break;
    }
    // Skip an acronym in parentheses: "Example Relief Agency (ERA) said".
    if k >= 3 && toks[k - 1].text == ")" && toks[k - 3].text == "(" {
        k -= 3;
    }
    let end = k;
    let mut start = end;
    while start > 0 {
        let t = &toks[start - 1];
        if !(t.is_word() || t.text == "-" || t.text == "'" || t.text == "’" || t.text == ".") {
            break;
        }
        if SUBJECT_STOPS.contains(&t.low.as_str()) {
            break;
        }
        start -= 1;
        if end - start > 12 {
            return None;
        }
    }
    let words: Vec<&Tok> = toks[start..end].iter().collect();
    if words.len() == 1 && PRONOUNS.contains(&words[0].low.as_str()) {
        return Some(Source::Pronoun);
    }
    clean(&words)
}

/// The inverted order after a comma or quote: "..., said army spokesman Jane Roe."
fn subject_after(toks: &[Tok], verb: usize) -> Option<Source> {
    let prev = verb.checked_sub(1).map(|p| toks[p].text)?;
    if !matches!(prev, "," | "\"" | "”" | "'" | "’") {
        return None;
    }
    let words: Vec<&Tok> = toks[verb + 1..]
        .iter()
        .take_while(|t| t.is_word() || t.text == "-" || t.text == "'")
        .take_while(|t| !matches!(t.low.as_str(), "on" | "in" | "that" | "who" | "when" | "at"))
        .take(10)
        .collect();
    if words.len() == 1 && PRONOUNS.contains(&words[0].low.as_str()) {
        return Some(Source::Pronoun);
    }
    clean(&words)
}

fn is_month(w: &str) -> bool {
    matches!(
        w,
        "january"
            | "february"
            | "march"
            | "april"
            | "may"
            | "june"
            | "july"
            | "august"
            | "september"
            | "october"
            | "november"
            | "december"
    )
}

/// Trims a source span to the name a reader expects.
fn clean(words: &[&Tok]) -> Option<Source> {
    let mut w: Vec<&Tok> = words.to_vec();
    // Leading determiners and discourse words.
    while w
        .first()
        .is_some_and(|t| matches!(t.low.as_str(), "the" | "a" | "an" | "both"))
    {
        w.remove(0);
    }
    // Trailing generic heads: "Daily Courier news agency".
    let n = w.len();
    if n >= 3
        && w[n - 2].low == "news"
        && w[n - 1].low == "agency"
        && w[..n - 2].iter().any(|t| t.has_capital())
    {
        w.truncate(n - 2);
    }
    if w.is_empty() || w.iter().all(|t| PRONOUNS.contains(&t.low.as_str())) {
        return None;
    }
    // No lowercase-only determiner phrases like "this" or "sources" alone are rejected: they
    // are still who said it. But a subject starting with a verb-ish word is not a source.
    if w.len() == 1
        && matches!(
            w[0].low.as_str(),
            "this" | "that" | "there" | "which" | "what"
        )
    {
        return None;
    }
    // "of ..." after a several-word institution: "Interior Ministry of X" -> "Interior Ministry".
    if let Some(of) = w.iter().position(|t| t.low == "of") {
        if of >= 2 && INSTITUTION_HEADS.contains(&w[of - 1].low.as_str()) {
            w.truncate(of);
        }
    }
    // Lowercase role words before a name: "army spokesman Jane Roe" -> "Jane Roe".
    if let Some(first_name) = w.iter().position(|t| t.has_capital()) {
        let tail_is_name = w[first_name..]
            .iter()
            .all(|t| t.has_capital() || t.text == "-");
        if first_name > 0
            && tail_is_name
            && w.len() - first_name >= 2
            && w[..first_name].iter().all(|t| !t.has_capital())
        {
            w.drain(..first_name);
        }
    }
    let mut s = String::new();
    let mut prev_end: Option<usize> = None;
    for t in &w {
        if let Some(e) = prev_end {
            if t.start > e {
                s.push(' ');
            }
        }
        s.push_str(t.text);
        prev_end = Some(t.end);
    }
    let s = s.trim_matches(|c: char| !c.is_alphanumeric()).to_string();
    if s.is_empty() {
        None
    } else {
        Some(Source::Named(s))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::token::tokenize;

    fn sources(s: &str) -> Vec<Source> {
        cues(&tokenize(s)).into_iter().map(|c| c.source).collect()
    }

    fn named(s: &str) -> Source {
        Source::Named(s.to_string())
    }

    #[test]
    fn according_to() {
        assert_eq!(
            sources("According to the Interior Ministry of the northern province, 4 people died."),
            vec![named("Interior Ministry")]
        );
        assert_eq!(
            sources("Nine people died, according to the Red Cross."),
            vec![named("Red Cross")]
        );
        assert_eq!(
            sources("according to the Ministry of Health"),
            vec![named("Ministry of Health")]
        );
    }

    #[test]
    fn subject_said() {
        assert_eq!(
            sources("The Example Relief Agency (ERA) said 5 people died."),
            vec![named("Example Relief Agency")]
        );
        assert_eq!(
            sources(
                "Earlier this week, the regional council said the storm had displaced 300 people."
            ),
            vec![named("regional council")]
        );
        assert_eq!(sources("Officials loyal to the interim government of Freedonia said on Monday that 9 were captured."), vec![named("Officials loyal to the interim government")]);
        assert_eq!(
            sources("Two people were killed, police said Thursday."),
            vec![named("police")]
        );
        assert_eq!(
            sources("The Daily Courier news agency quoted sources that 3 were arrested."),
            vec![named("Daily Courier")]
        );
    }

    #[test]
    fn inverted_and_pronouns() {
        assert_eq!(
            sources("Ten were captured, said army spokesman Jon Doe."),
            vec![named("Jon Doe")]
        );
        assert_eq!(
            sources("\"Six died,\" it said in a statement."),
            vec![Source::Pronoun]
        );
        assert!(sources("Three were reported killed.").is_empty());
    }

    #[test]
    fn nearest_cue() {
        let toks = tokenize(
            "Officials said 9 were captured, while the Aid Group said 5 people were killed.",
        );
        let cs = cues(&toks);
        assert_eq!(cs.len(), 2);
        let nine = toks
            .iter()
            .find(|t| t.text == "9")
            .map(|t| t.start)
            .unwrap_or(0);
        let five = toks
            .iter()
            .find(|t| t.text == "5")
            .map(|t| t.start)
            .unwrap_or(0);
        assert_eq!(
            for_position(&cs, nine).map(|c| &c.source),
            Some(&named("Officials"))
        );
        assert_eq!(
            for_position(&cs, five).map(|c| &c.source),
            Some(&named("Aid Group"))
        );
    }
}
