//! Casualty claims for herald: counts of people harmed read from sentences, and their
//! reconciliation into facts per event.
//!
//! This crate sits in the *analyze* stage (claims per article) and the *digest* stage (facts
//! per event) of herald's flow. [`claims`] reads each sentence of an article for counts of
//! people killed, wounded, captured, detained, displaced, missing or kidnapped, with the
//! qualifier the text puts on them ("at least", "more than", "around", "almost", "up to"),
//! who reported them, the period and date they hold for, the place and the victim group.
//! [`reconcile`] turns an event's claims into one [`Fact`] per kind: the best current figure,
//! its source, the range across sources, whether sources disagree, and how the figure moved.
//!
//! The reading is rule-based and explainable, one concept per module:
//! - `kind.rs`: casualty words and how counts attach to them;
//! - `attachment.rs`: count ↔ word attachment inside a sentence (passive, active, tolls,
//!   coordination "9 killed and 30 wounded", "N shot, one fatally"; adverbs and relative
//!   clauses inside the verb group "was accidentally shot", "who entered were wounded";
//!   reduced relatives "identify man killed in"; ordinals "a third victim died" (at least 3
//!   dead); victims listed after a killing verb, plus the killer when the sentence says he
//!   then killed himself: "killed his wife and two sons before turning the gun on himself" (4));
//! - `qualifier.rs`: "at least", "more than", "nearly"...;
//! - `person.rs`: person nouns vs things (a count must count people);
//! - `attribution.rs`: "according to X", "X said", "..., said X", pronoun sources;
//! - `period.rs`: period, `as_of` date and place;
//! - `shooting.rs`: "N shot, M died" gives N−M wounded;
//! - `context.rs`: sentences about other events (past incidents, city-wide totals);
//! - `reconcile.rs`: the rules that pick an event's figures (documented there).
//!
//! Numbers and dates come from `herald_text::number` (which also rules out years, ordinals,
//! times, money, measures, ages, phone numbers and addresses) and `herald_text::date`.

mod attachment;
mod attribution;
mod context;
mod kind;
mod period;
mod person;
mod qualifier;
mod reconcile;
mod shooting;
mod token;
mod words;

use chrono::NaiveDate;
use herald_model::{Article, Sentence};

pub use herald_model::{Claim, ClaimKind, Fact, FactPoint, Qualifier};
pub use reconcile::reconcile;

use attribution::Source;

/// Knobs of claim reading.
#[derive(Debug, Clone)]
pub struct Options {
    /// Resolve "it said"/"she said" to the article's most recent earlier source.
    pub resolve_pronouns: bool,
    /// Apply the shooting rule ("N shot, M fatally" gives N−M wounded).
    pub shooting_rule: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            resolve_pronouns: true,
            shooting_rule: true,
        }
    }
}

/// The claims of one article with default [`Options`]. `sentences` are the article's sentences
/// in order; `published` is its publication date (parsed from `article.published` when `None`).
pub fn claims(
    article: &Article,
    sentences: &[Sentence],
    published: Option<NaiveDate>,
) -> Vec<Claim> {
    claims_with(article, sentences, published, &Options::default())
}

/// The claims of one article.
pub fn claims_with(
    article: &Article,
    sentences: &[Sentence],
    published: Option<NaiveDate>,
    options: &Options,
) -> Vec<Claim> {
    let published = published.or_else(|| {
        article
            .published
            .as_deref()
            .and_then(herald_text::date::parse_published)
    });
    let title = title_sentence(article);
    let mut sentences: Vec<&Sentence> = title.iter().chain(sentences).collect();
    // Tokens only where a casualty word may be (most sentences have none); the cues of a
    // sentence without claims are read only when a later pronoun needs its source.
    let mut toks: Vec<Option<Vec<token::Tok>>> = Vec::with_capacity(sentences.len());
    let mut found: Vec<Vec<attachment::Found>> = Vec::with_capacity(sentences.len());
    for s in &sentences {
        if attachment::may_hold_trigger(&s.text) {
            let t = token::tokenize(&s.text);
            found.push(attachment::read_tokens(&s.text, &t));
            toks.push(Some(t));
        } else {
            found.push(Vec::new());
            toks.push(None);
        }
    }
    // The headline is read only when the text does not already hold it, but finding that
    // out means squashing the whole text. A headline without findings adds no claim and
    // changes no other sentence's (the shooting rule looks only at findings, and the headline
    // comes first); only its sources matter, to a pronoun with no named source in the text
    // before it. So the text is squashed now only for a headline with findings, else when a
    // pronoun reaches back to the headline.
    let mut title_pending = false;
    if let Some(t) = &title {
        if !found[0].is_empty() {
            if holds_title(&article.text, &t.text) {
                sentences.remove(0);
                toks.remove(0);
                found.remove(0);
            }
        } else {
            title_pending = true;
        }
    }
    if options.shooting_rule {
        shooting::apply(&mut found);
    }
    let mut title_absent: Option<bool> = None;
    let mut cues: Vec<Option<Vec<attribution::Cue>>> = vec![None; sentences.len()];
    let mut cues_of = |i: usize| -> Vec<attribution::Cue> {
        if i == 0
            && title_pending
            && *title_absent.get_or_insert_with(|| {
                title
                    .as_ref()
                    .is_some_and(|t| holds_title(&article.text, &t.text))
            })
        {
            return Vec::new();
        }
        cues[i]
            .get_or_insert_with(|| match &toks[i] {
                Some(t) => attribution::cues(t),
                None => attribution::cues(&token::tokenize(&sentences[i].text)),
            })
            .clone()
    };
    let mut out = Vec::new();
    for (i, (s, f)) in sentences.iter().zip(found).enumerate() {
        if f.is_empty() {
            continue;
        }
        let sentence_cues = cues_of(i);
        let scene = period::Scene::new(&s.text, published);
        for c in f {
            let source = match attribution::for_position(&sentence_cues, c.at).map(|c| &c.source) {
                Some(Source::Named(n)) => Some(n.clone()),
                Some(Source::Pronoun) if options.resolve_pronouns => {
                    // The last named source of the nearest earlier sentence that has one.
                    (0..i).rev().find_map(|j| {
                        cues_of(j).iter().rev().find_map(|c| match &c.source {
                            Source::Named(n) => Some(n.clone()),
                            Source::Pronoun => None,
                        })
                    })
                }
                _ => None,
            };
            let setting = scene.setting(c.at);
            out.push(Claim {
                kind: c.kind,
                value: c.value,
                qualifier: c.qualifier,
                article: article.id.clone(),
                sentence: s.text.clone(),
                sentence_index: s.index,
                attributed_to: source,
                as_of: setting.as_of,
                period: setting.period,
                place: setting.place,
                group: c.group,
            });
        }
    }
    out
}

/// Index given to claims read from the headline (when the text does not repeat it): no
/// sentence of the text has it.
pub const TITLE_SENTENCE: usize = usize::MAX;

/// The article's headline as a sentence to read before the text, when the text does not
/// already hold it ([`holds_title`]; the caller asks). Headlines often carry the count ("4
/// shot outside nightclub").
fn title_sentence(article: &Article) -> Option<Sentence> {
    let title = article.title.as_deref()?.trim();
    if title.is_empty() {
        return None;
    }
    Some(Sentence {
        index: TITLE_SENTENCE,
        start: 0,
        end: 0,
        text: title.to_string(),
        paragraph: 0,
    })
}

/// Whether `text` already holds the headline `title`, words and case aside.
fn holds_title(text: &str, title: &str) -> bool {
    squash(text).contains(&squash(title))
}

/// `s` with its words joined by single spaces, lower-cased.
fn squash(s: &str) -> String {
    // `str::to_lowercase` is `char::to_lowercase` char by char except for a final sigma.
    if s.contains('Σ') {
        return s
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase();
    }
    // The same in one buffer, ASCII byte by byte: the whole article text comes through
    // here (1k articles: 68 M -> 54 M instructions against a `char` loop).
    let mut out: Vec<u8> = Vec::with_capacity(s.len());
    let mut space = false;
    let mut at = 0;
    let bytes = s.as_bytes();
    while let Some(&b) = bytes.get(at) {
        if b.is_ascii() {
            // `char::is_whitespace` of the ASCII characters (it counts the vertical tab).
            if matches!(b, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r') {
                space = true;
            } else {
                if space && !out.is_empty() {
                    out.push(b' ');
                }
                space = false;
                out.push(b.to_ascii_lowercase());
            }
            at += 1;
            continue;
        }
        let c = s[at..].chars().next().unwrap_or_default();
        if c.is_whitespace() {
            space = true;
        } else {
            if space && !out.is_empty() {
                out.push(b' ');
            }
            space = false;
            let mut buffer = [0u8; 4];
            for l in c.to_lowercase() {
                out.extend_from_slice(l.encode_utf8(&mut buffer).as_bytes());
            }
        }
        at += c.len_utf8();
    }
    // Whole characters only were written.
    String::from_utf8(out).unwrap_or_default()
}

/// The claims of a single sentence, without article context (no pronoun resolution, no
/// cross-sentence shooting rule). Handy for tests and for callers that stream sentences.
pub fn claims_in_sentence(
    article_id: &str,
    sentence: &Sentence,
    published: Option<NaiveDate>,
) -> Vec<Claim> {
    let article = Article {
        id: article_id.to_string(),
        title: None,
        url: None,
        source: None,
        published: None,
        language: None,
        text: sentence.text.clone(),
        removed: Vec::new(),
        duplicate_of: None,
        event: None,
    };
    claims_with(
        &article,
        std::slice::from_ref(sentence),
        published,
        &Options::default(),
    )
}

/// `count` pseudo-random texts of up to `max_pieces - 1` of `pieces` each, the same for the
/// same `seed` (xorshift): what the tests compare fast paths with slow ones on.
#[cfg(test)]
pub(crate) fn random_texts(
    pieces: &[&str],
    mut seed: u64,
    count: usize,
    max_pieces: u64,
) -> Vec<String> {
    (0..count)
        .map(|_| {
            let len = seed % max_pieces;
            let mut text = String::new();
            for _ in 0..len {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                text.push_str(pieces[(seed % pieces.len() as u64) as usize]);
            }
            text
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn squash_of_ascii_text_is_that_of_its_words_lowercased() {
        for text in [
            "  Two KILLED\tin\x0bcrash \r\n\x0c on Main St.  ",
            "",
            " \n ",
            "one",
        ] {
            let words: Vec<String> = text.split_whitespace().map(str::to_lowercase).collect();
            assert_eq!(squash(text), words.join(" "), "{text:?}");
        }
        // Not ASCII: the `char` path.
        assert_eq!(squash(" Ärzte  SAGEN "), "ärzte sagen");
    }

    fn article(text: &str) -> (Article, Vec<Sentence>) {
        let mut sentences = Vec::new();
        let mut start = 0;
        for (i, part) in text.split_inclusive(". ").enumerate() {
            let t = part.trim();
            sentences.push(Sentence {
                index: i,
                start,
                end: start + part.len(),
                text: t.to_string(),
                paragraph: 0,
            });
            start += part.len();
        }
        let a = Article {
            id: "t1".into(),
            title: None,
            url: None,
            source: None,
            published: Some("2020-05-09".into()),
            language: Some("en".into()),
            text: text.into(),
            removed: vec![],
            duplicate_of: None,
            event: None,
        };
        (a, sentences)
    }

    #[test]
    fn full_claims_with_context() {
        let (a, s) = article(
            "Nine people died in a week of clashes, according to the Regional Health Agency. \
             \"Shelling resulted in 140 wounded,\" it said in a statement. \
             The interior ministry said on Friday that 14 rebels were captured.",
        );
        let cs = claims(&a, &s, None);
        let brief: Vec<_> = cs
            .iter()
            .map(|c| (c.kind, c.value, c.attributed_to.as_deref()))
            .collect();
        assert_eq!(
            brief,
            vec![
                (ClaimKind::Killed, 9, Some("Regional Health Agency")),
                (ClaimKind::Wounded, 140, Some("Regional Health Agency")),
                (ClaimKind::Captured, 14, Some("interior ministry")),
            ]
        );
        assert_eq!(cs[0].period.as_deref(), Some("in a week of clashes"));
        assert_eq!(cs[0].as_of.as_deref(), Some("2020-05-09"));
        assert_eq!(cs[2].as_of.as_deref(), Some("2020-05-08"));
        assert_eq!(cs[2].group.as_deref(), Some("rebels"));
    }

    #[test]
    fn a_headline_the_text_holds_is_not_read() {
        // The headline is decided on lazily: when the text holds it, the claims must be those
        // of the article without a headline, pronoun sources included.
        let texts = [
            "The ministry said two soldiers were killed. \"Five were wounded,\" it said.",
            "Police Chief Roe said four people were shot. It said one died later.",
            "Nothing happened in the city. \"Three were hurt,\" he said.",
            "\"Six were injured,\" she said. Officials told reporters that 9 died.",
            "Rains fell.",
        ];
        let titles = [
            "Police said four people were shot",
            "police   said FOUR people were shot.",
            "The ministry said",
            "Agency reports 3 dead",
            "Governor Smith said on Monday",
            "",
            "Nothing happened in the city.",
            // Held after the pronoun: its source must not be the pronoun's.
            "Officials told reporters",
        ];
        let mut held = 0;
        for text in texts {
            for title in titles {
                for lead in [
                    "",
                    "Police said four people were shot. ",
                    "Governor Smith said on Monday. ",
                ] {
                    let body = format!("{lead}{text}");
                    let (mut a, s) = article(&body);
                    a.title = Some(title.to_string());
                    let got = claims(&a, &s, None);
                    if holds_title(&a.text, title.trim()) || title.trim().is_empty() {
                        held += 1;
                        let mut untitled = a.clone();
                        untitled.title = None;
                        assert_eq!(got, claims(&untitled, &s, None), "{title:?} {body:?}");
                    } else {
                        // A headline the text does not hold is read first.
                        let eager = Sentence {
                            index: TITLE_SENTENCE,
                            start: 0,
                            end: 0,
                            text: title.trim().to_string(),
                            paragraph: 0,
                        };
                        let mut all = vec![eager];
                        all.extend(s.iter().cloned());
                        let mut untitled = a.clone();
                        untitled.title = None;
                        let want = claims(&untitled, &all, None);
                        assert_eq!(got, want, "{title:?} {body:?}");
                    }
                }
            }
        }
        assert!(held > 5, "{held}");
    }

    #[test]
    fn never_panics_on_noise() {
        let alphabet: Vec<char> =
            "0123456789 ,.:-/$%aAthe killed shot one fatally at least said (WHO) é😀\"\n"
                .chars()
                .collect();
        let mut seed: u64 = 0xDEAD_BEEF_CAFE_F00D;
        for _ in 0..2000 {
            let len = (seed % 80) as usize;
            let mut text = String::new();
            for _ in 0..len {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                text.push(alphabet[(seed % alphabet.len() as u64) as usize]);
            }
            let (a, s) = article(&text);
            let cs = claims(&a, &s, None);
            let _ = reconcile(&cs);
        }
    }
}
