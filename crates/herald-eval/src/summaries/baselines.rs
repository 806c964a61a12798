//! The peers herald's summaries are measured against, on the same clusters: Lead, LexRank
//! and TextRank, re-implemented after `../shared/tools/baselines.py` (which runs Python
//! sumy) so the comparison needs no Python.
//!
//! As there: the raw article texts are split into sentences by a regex-like splitter
//! (paragraph breaks, or `.!?` + space + capital/digit unless after a common abbreviation
//! or a single initial); candidates are all sentences of all articles in order, exact
//! repeats dropped; LexRank and TextRank rate them as sumy does (lowercased words,
//! stop words out, Snowball stems; LexRank: TF-IDF cosine graph with threshold 0.1 and
//! the power method to ε 0.1; TextRank: word-overlap edges normalised by log lengths,
//! damping 0.85, ε 1e-4); sentences are taken in rank order until the word budget is
//! met, the last one cut to fit, and printed in document order. Lead takes the first
//! article's sentences (then the next article's) up to the budget.
//!
//! The stop list is sumy's (SMART); the stemmer is rust-stemmers' Snowball English where
//! sumy uses NLTK's, so a few ratings can differ slightly.

use std::collections::{HashMap, HashSet};

use std::sync::LazyLock;

use herald_text::stem;

const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "sen", "rep", "gov", "gen", "col", "lt", "sgt", "capt",
    "cmdr", "st", "jr", "sr", "inc", "co", "corp", "ltd", "vs", "etc", "no", "mt", "ft", "ave",
    "blvd", "rd", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
    "dec", "u.s", "u.k", "u.n", "a.m", "p.m", "e.g", "i.e", "d.c", "al", "approx", "dept", "est",
    "fig", "rev", "supt", "det", "ofc", "cpl", "pvt", "atty",
];

/// The SMART stop list sumy uses for English (whitespace-separated).
const STOP_WORDS: &str = "\
    a a's able about above according accordingly across actually after afterwards again against \
    ain't all allow allows almost alone along already also although always am among amongst an \
    and another any anybody anyhow anyone anything anyway anyways anywhere apart appear \
    appreciate appropriate are aren't around as aside ask asking associated at available away \
    awfully b be became because become becomes becoming been before beforehand behind being \
    believe below beside besides best better between beyond both brief but by c c'mon c's came \
    can can't cannot cant cause causes certain certainly changes clearly co com come comes \
    concerning consequently consider considering contain containing contains corresponding could \
    couldn't course currently d definitely described despite did didn't different do does \
    doesn't doing don't done down downwards during e each edu eg eight either else elsewhere \
    enough entirely especially et etc even ever every everybody everyone everything everywhere \
    ex exactly example except f far few fifth first five followed following follows for former \
    formerly forth four from further furthermore g get gets getting given gives go goes going \
    gone got gotten greetings h had hadn't happens hardly has hasn't have haven't having he he'd \
    he'll he's hello help hence her here here's hereafter hereby herein hereupon hers herself hi \
    him himself his hither hopefully how how's howbeit however i i'd i'll i'm i've ie if ignored \
    immediate in inasmuch inc indeed indicate indicated indicates inner insofar instead into \
    inward is isn't it it'd it'll it's its itself j just k keep keeps kept know known knows l \
    last lately later latter latterly least less lest let let's like liked likely little look \
    looking looks ltd m mainly many may maybe me mean meanwhile merely might more moreover most \
    mostly much must mustn't my myself n name namely nd near nearly necessary need needs neither \
    never nevertheless new next nine no nobody non none noone nor normally not nothing novel now \
    nowhere o obviously of off often oh ok okay old on once one ones only onto or other others \
    otherwise ought our ours ourselves out outside over overall own p particular particularly \
    per perhaps placed please plus possible presumably probably provides q que quite qv r rather \
    rd re really reasonably regarding regardless regards relatively respectively right s said \
    same saw say saying says second secondly see seeing seem seemed seeming seems seen self \
    selves sensible sent serious seriously seven several shall shan't she she'd she'll she's \
    should shouldn't since six so some somebody somehow someone something sometime sometimes \
    somewhat somewhere soon sorry specified specify specifying still sub such sup sure t t's \
    take taken tell tends th than thank thanks thanx that that's thats the their theirs them \
    themselves then thence there there's thereafter thereby therefore therein theres thereupon \
    these they they'd they'll they're they've think third this thorough thoroughly those though \
    three through throughout thru thus to together too took toward towards tried tries truly try \
    trying twice two u un under unfortunately unless unlikely until unto up upon us use used \
    useful uses using usually uucp v value various very via viz vs w want wants was wasn't way \
    we we'd we'll we're we've welcome well went were weren't what what's whatever when when's \
    whence whenever where where's whereafter whereas whereby wherein whereupon wherever whether \
    which while whither who who's whoever whole whom whose why why's will willing wish with \
    within without won't wonder would wouldn't x y yes yet you you'd you'll you're you've your \
    yours yourself yourselves z zero";

static STOP_SET: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| STOP_WORDS.split_whitespace().collect());

/// Number of whitespace-separated words.
pub fn words(s: &str) -> usize {
    s.split_whitespace().count()
}

/// The first `n` whitespace-separated words of `s`, joined by single spaces.
pub fn cut(s: &str, n: usize) -> String {
    s.split_whitespace().take(n).collect::<Vec<_>>().join(" ")
}

fn is_closer(c: char) -> bool {
    matches!(c, '"' | '\'' | '\u{201d}' | '\u{2019}' | ')' | ']')
}

fn is_opener(c: char) -> bool {
    matches!(c, '"' | '\'' | '\u{201c}' | '\u{2018}' | '(' | '[')
}

/// Sentences of a raw text, as `baselines.py`'s `split_sentences`.
pub fn split_sentences(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for para in text.split('\n') {
        let para = para.split_whitespace().collect::<Vec<_>>().join(" ");
        if para.is_empty() {
            continue;
        }
        let chars: Vec<(usize, char)> = para.char_indices().collect();
        let mut start = 0usize; // byte offset
        let mut i = 0usize; // char index
        while i < chars.len() {
            let (at, c) = chars[i];
            if !matches!(c, '.' | '!' | '?') {
                i += 1;
                continue;
            }
            let mut j = i;
            while j < chars.len() && matches!(chars[j].1, '.' | '!' | '?') {
                j += 1;
            }
            while j < chars.len() && is_closer(chars[j].1) {
                j += 1;
            }
            let space_from = j;
            while j < chars.len() && chars[j].1.is_whitespace() {
                j += 1;
            }
            let mut k = j;
            if k < chars.len() && is_opener(chars[k].1) {
                k += 1;
            }
            let next_ok = j > space_from
                && k < chars.len()
                && (chars[k].1.is_ascii_uppercase() || chars[k].1.is_ascii_digit());
            // Failing at this run also fails at any later start inside it.
            let run_end = j.max(i + 1);
            if !next_ok {
                i = run_end;
                continue;
            }
            let end = chars.get(j).map_or(para.len(), |&(b, _)| b);
            let head = &para[start..at];
            let tok = head
                .rsplit(char::is_whitespace)
                .next()
                .unwrap_or("")
                .to_lowercase();
            let tok = tok.trim_start_matches(['"', '\'', '(', '\u{201c}', '\u{2018}']);
            let single_initial = {
                let mut cs = tok.chars();
                matches!((cs.next(), cs.next()), (Some(x), None) if x.is_alphabetic())
            };
            if c == '.' && (ABBREVIATIONS.contains(&tok) || single_initial) {
                i = j;
                continue;
            }
            let s = para[start..end].trim();
            if !s.is_empty() {
                out.push(s.to_string());
            }
            start = end;
            i = j;
        }
        let s = para[start..].trim();
        if !s.is_empty() {
            out.push(s.to_string());
        }
    }
    out
}

/// sumy's words: `[A-Za-z0-9]+(?:['’][A-Za-z]+)*`.
fn sumy_words(s: &str) -> Vec<&str> {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if !b[i].is_ascii_alphanumeric() {
            i += 1;
            continue;
        }
        let start = i;
        while i < b.len() && b[i].is_ascii_alphanumeric() {
            i += 1;
        }
        loop {
            let apostrophe = if s[i..].starts_with('\'') {
                1
            } else if s[i..].starts_with('\u{2019}') {
                3
            } else {
                0
            };
            if apostrophe == 0 || !b.get(i + apostrophe).is_some_and(u8::is_ascii_alphabetic) {
                break;
            }
            i += apostrophe;
            while i < b.len() && b[i].is_ascii_alphabetic() {
                i += 1;
            }
        }
        out.push(&s[start..i]);
    }
    out
}

fn has_word(s: &str) -> bool {
    s.bytes().any(|b| b.is_ascii_alphanumeric())
}

/// All sentences of all articles in order, exact repeats (case and spacing aside) and
/// sentences without a word dropped.
pub fn candidate_sentences(texts: &[&str]) -> Vec<String> {
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for t in texts {
        for s in split_sentences(t) {
            let key = s
                .to_lowercase()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            if !has_word(&s) || !seen.insert(key) {
                continue;
            }
            out.push(s);
        }
    }
    out
}

/// The first article's sentences (then the next article's) up to `budget` words.
pub fn lead(texts: &[&str], budget: usize) -> String {
    let mut out: Vec<String> = Vec::new();
    let mut used = 0;
    'articles: for t in texts {
        for s in split_sentences(t) {
            if used >= budget {
                break 'articles;
            }
            let w = words(&s);
            out.push(if used + w <= budget {
                s
            } else {
                cut(&s, budget - used)
            });
            used += w.min(budget - used);
        }
        if used >= budget {
            break;
        }
    }
    out.join(" ")
}

/// Sentences in rank order until the budget is met (the last one cut to fit), printed in
/// document order.
pub fn take_in_rank_order(sentences: &[String], ranked: &[usize], budget: usize) -> String {
    let mut chosen: Vec<(usize, String)> = Vec::new();
    let mut used = 0;
    for &i in ranked {
        if used >= budget {
            break;
        }
        let Some(s) = sentences.get(i) else { continue };
        let w = words(s);
        if w == 0 {
            continue;
        }
        chosen.push((
            i,
            if used + w <= budget {
                s.clone()
            } else {
                cut(s, budget - used)
            },
        ));
        used += w.min(budget - used);
    }
    chosen.sort_by_key(|c| c.0);
    chosen
        .into_iter()
        .map(|c| c.1)
        .collect::<Vec<_>>()
        .join(" ")
}

/// sumy's `_to_words_set`: lowercased words, stop words out, stemmed (a list, repeats kept).
fn sumy_terms(s: &str) -> Vec<String> {
    sumy_words(s)
        .into_iter()
        .map(str::to_lowercase)
        .filter(|w| !STOP_SET.contains(w.as_str()))
        .map(|w| stem(&w))
        .collect()
}

/// Indexes of `sentences`, best first by the rating, ties in document order.
fn by_rating(scores: &[f64]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..scores.len()).collect();
    order.sort_by(|&a, &b| scores[b].total_cmp(&scores[a]).then(a.cmp(&b)));
    order
}

/// sumy's LexRank ranking.
pub fn lexrank(sentences: &[String]) -> Vec<usize> {
    let n = sentences.len();
    if n == 0 {
        return Vec::new();
    }
    // Term ids, tf / max tf per sentence, idf = ln(n / (1 + df)).
    let mut ids: HashMap<String, usize> = HashMap::new();
    let mut tfs: Vec<Vec<(usize, f64)>> = Vec::with_capacity(n);
    for s in sentences {
        let mut counts: HashMap<usize, f64> = HashMap::new();
        for t in sumy_terms(s) {
            let next = ids.len();
            let id = *ids.entry(t).or_insert(next);
            *counts.entry(id).or_default() += 1.0;
        }
        let max = counts.values().copied().fold(0.0, f64::max).max(1.0);
        let mut v: Vec<(usize, f64)> = counts.into_iter().map(|(k, c)| (k, c / max)).collect();
        v.sort_by_key(|x| x.0);
        tfs.push(v);
    }
    let mut df = vec![0usize; ids.len()];
    for v in &tfs {
        for &(k, _) in v {
            df[k] += 1;
        }
    }
    let idf: Vec<f64> = df
        .iter()
        .map(|&d| (n as f64 / (1.0 + d as f64)).ln())
        .collect();
    let norms: Vec<f64> = tfs
        .iter()
        .map(|v| {
            v.iter()
                .map(|&(k, w)| (w * idf[k]).powi(2))
                .sum::<f64>()
                .sqrt()
        })
        .collect();
    let mut adjacency: Vec<Vec<usize>> = vec![Vec::new(); n];
    for a in 0..n {
        for b in 0..n {
            let mut num = 0.0;
            let (x, y) = (&tfs[a], &tfs[b]);
            let (mut i, mut j) = (0, 0);
            while i < x.len() && j < y.len() {
                match x[i].0.cmp(&y[j].0) {
                    std::cmp::Ordering::Less => i += 1,
                    std::cmp::Ordering::Greater => j += 1,
                    std::cmp::Ordering::Equal => {
                        num += x[i].1 * y[j].1 * idf[x[i].0].powi(2);
                        i += 1;
                        j += 1;
                    }
                }
            }
            let cos = if norms[a] > 0.0 && norms[b] > 0.0 {
                num / (norms[a] * norms[b])
            } else {
                0.0
            };
            if cos > 0.1 {
                adjacency[a].push(b);
            }
        }
    }
    // Row-normalised 0/1 matrix, power method on its transpose (each step scaled to unit
    // length) until the step is ≤ 0.1.
    let mut p = vec![1.0 / n as f64; n];
    for _ in 0..10_000 {
        let mut next = vec![0.0; n];
        for (row, cols) in adjacency.iter().enumerate() {
            if cols.is_empty() {
                continue;
            }
            let share = p[row] / cols.len() as f64;
            for &c in cols {
                next[c] += share;
            }
        }
        let norm = next.iter().map(|x| x * x).sum::<f64>().sqrt();
        if norm > 0.0 {
            next.iter_mut().for_each(|x| *x /= norm);
        }
        let step = next
            .iter()
            .zip(&p)
            .map(|(a, b)| (a - b).powi(2))
            .sum::<f64>()
            .sqrt();
        p = next;
        if step <= 0.1 {
            break;
        }
    }
    // Equal ratings (common after the few steps ε 0.1 allows) go in document order, as
    // numpy's exact sums mostly leave them; our summation order must not reorder them.
    let p: Vec<f64> = p.iter().map(|x| (x * 1e12).round() / 1e12).collect();
    by_rating(&p)
}

/// sumy's TextRank ranking.
pub fn textrank(sentences: &[String]) -> Vec<usize> {
    let n = sentences.len();
    if n == 0 {
        return Vec::new();
    }
    let terms: Vec<Vec<String>> = sentences.iter().map(|s| sumy_terms(s)).collect();
    let counts: Vec<HashMap<&str, f64>> = terms
        .iter()
        .map(|t| {
            let mut c: HashMap<&str, f64> = HashMap::new();
            for w in t {
                *c.entry(w.as_str()).or_default() += 1.0;
            }
            c
        })
        .collect();
    let mut weights = vec![vec![0.0f64; n]; n];
    for i in 0..n {
        for j in i..n {
            let rank: f64 = terms[i]
                .iter()
                .map(|w| counts[j].get(w.as_str()).copied().unwrap_or(0.0))
                .sum();
            let r = if rank == 0.0 {
                0.0
            } else {
                let norm = (terms[i].len() as f64).ln() + (terms[j].len() as f64).ln();
                if norm.abs() < 1e-8 {
                    rank
                } else {
                    rank / norm
                }
            };
            weights[i][j] = r;
            weights[j][i] = r;
        }
    }
    let damping = 0.85;
    for row in weights.iter_mut() {
        let sum: f64 = row.iter().sum::<f64>() + 1e-7;
        for w in row.iter_mut() {
            *w = (1.0 - damping) / n as f64 + damping * *w / sum;
        }
    }
    let mut p = vec![1.0 / n as f64; n];
    for _ in 0..10_000 {
        let mut next = vec![0.0; n];
        for (row, ws) in weights.iter().enumerate() {
            for (c, w) in ws.iter().enumerate() {
                next[c] += w * p[row];
            }
        }
        let step = next
            .iter()
            .zip(&p)
            .map(|(a, b)| (a - b).powi(2))
            .sum::<f64>()
            .sqrt();
        p = next;
        if step <= 1e-4 {
            break;
        }
    }
    by_rating(&p)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_like_the_python_baseline() {
        let s = split_sentences(
            "Mr. Smith went to Washington. He met Dr. Jones at 5 p.m. Then he left!\n\"Really?\" she asked. U.S. forces, e.g. the Army, moved.",
        );
        assert_eq!(
            s,
            [
                "Mr. Smith went to Washington.",
                "He met Dr. Jones at 5 p.m. Then he left!",
                "\"Really?\" she asked.",
                "U.S. forces, e.g. the Army, moved."
            ]
        );
    }

    #[test]
    fn words_keep_apostrophes() {
        assert_eq!(
            sumy_words("don't stop, it's 5pm"),
            ["don't", "stop", "it's", "5pm"]
        );
    }

    #[test]
    fn budget_cuts_the_last_sentence() {
        let sents = vec!["one two three".to_string(), "four five six".to_string()];
        assert_eq!(take_in_rank_order(&sents, &[1, 0], 4), "one four five six");
        assert_eq!(lead(&["a b c. d e f."], 4), "a b c. d");
    }

    #[test]
    fn rankers_prefer_central_sentences() {
        let sents: Vec<String> = [
            "The storm flooded the river town.",
            "Flood water covered the river town after the storm.",
            "A cat sat on a mat.",
            "The storm and the flood hit the river town hard.",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        assert_ne!(lexrank(&sents)[0], 2);
        assert_ne!(textrank(&sents)[0], 2);
    }
}
