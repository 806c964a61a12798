//! Attaching counts to casualty words inside one sentence.
//!
//! A count attaches to a trigger (see `kind.rs`) in one of three ways:
//! - **right**: count, then a noun phrase continuation (person nouns, names, "of the ...",
//!   at most three unknown words), then auxiliaries ("were", "have been", "reportedly"), then
//!   the trigger: "more than 60 soldiers of the brigade, Jane Roe, were captured",
//!   "9 people were killed and 30 wounded", "four people were shot, one fatally";
//! - **left**: trigger, an optional qualifier, the count: "killing 3", "capturing 40 of its
//!   defenders", "displaced more than 6,000 people";
//! - **toll**: toll noun, toll verbs, the count: "the death toll rose to 11".
//!
//! A right attachment to a transitive verb without an auxiliary is rejected when an object
//! follows ("3 gunmen killed 5 people": the 3 are not victims). Counts of things ("12
//! vehicles", "31 surgeries") never attach; an indefinite article counts one person only when
//! a person noun follows ("a 12-year-old boy was shot"); a definite singular person at the
//! start of a clause counts one ("the 12-year-old died").

use crate::words::Words;
use herald_model::{ClaimKind, Qualifier};
use herald_text::number::{find_numbers, CountForm, NumberKind};

pub use crate::kind::may_hold_trigger;
use crate::kind::{trigger_at, trigger_ending_at, Attach, Trigger};
use crate::person::{group_of, is_age_noun, is_person, is_person_singular, is_thing};
use crate::qualifier;
use crate::token::{index_at, index_ending, tokenize, Tok};

/// A count attached to a casualty word.
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    pub kind: ClaimKind,
    pub value: u64,
    pub qualifier: Qualifier,
    /// Byte offset of the count (or its qualifier) in the sentence.
    pub at: usize,
    pub group: Option<String>,
    /// Wounded by gunfire ("shot"): subject to the "N shot, M fatally" rule.
    pub shot: bool,
    /// One definite person ("the victim", "one of them"): a subset of an earlier count.
    pub definite: bool,
    /// "others", "another": disjoint from earlier counts.
    pub other: bool,
    /// Everyone shot in the incident ("a quadruple shooting"): includes the dead wherever the
    /// sentence names them.
    pub total: bool,
}

#[derive(Debug, Clone)]
struct Count {
    start: usize,
    end: usize,
    value: u64,
    implied: Option<Qualifier>,
    form: CountForm,
    definite: bool,
    /// "he", "she" or a name: counts one person only for a death ("he died at the hospital",
    /// "Jane Roe was fatally shot"); a name or pronoun wounded is usually one already counted.
    pronoun: bool,
}

static AUX: Words = Words::new(&[
    "were",
    "was",
    "are",
    "is",
    "be",
    "been",
    "being",
    "have",
    "has",
    "had",
    "reportedly",
    "also",
    "all",
    "later",
    "since",
    "now",
    "still",
    "subsequently",
    "confirmed",
    "believed",
    "feared",
    "thought",
    "to",
    "reported",
    "allegedly",
    "apparently",
    "critically",
    "seriously",
    "severely",
    "badly",
    "gravely",
    "slightly",
    "lightly",
    "mortally",
    "either",
    "each",
    "who",
    "that",
    "already",
    "found",
    "remain",
    "remained",
    "remains",
    "left",
    "got",
    "get",
    "suffering",
    "suffered",
    "sustained",
    "sustaining",
    "received",
    "from",
    "with",
    "found",
    "said",
    "initially",
    "eventually",
    "ultimately",
    "tragically",
    "so",
    "far",
    "officially",
    "presumed",
    "listed",
    "being",
    "were",
    "previously",
    "just",
    "recently",
    "been",
    "whom",
    "went",
    "gone",
]);

static STOPS: Words = Words::new(&[
    "and",
    "or",
    "but",
    "while",
    "when",
    "after",
    "before",
    "as",
    "because",
    "if",
    "said",
    "says",
    "told",
    "according",
    "than",
    "where",
    "which",
    "whose",
    "not",
    "no",
    "never",
    "during",
    "by",
    "for",
    "since",
    "until",
    "per",
    "say",
    "tell",
    "tells",
]);

static FILLER: Words = Words::new(&[
    "of",
    "the",
    "his",
    "her",
    "their",
    "its",
    "our",
    "my",
    "your",
    "these",
    "those",
    "in",
    "from",
    "aboard",
    "inside",
    "at",
    "on",
    "other",
    "more",
    "additional",
    "young",
    "old",
    "local",
    "armed",
    "unarmed",
    "innocent",
    "foreign",
    "including",
    "among",
    "them",
    "whom",
    "mostly",
    "many",
    "such",
    "'s",
    "-",
    "year",
    "years",
    "old",
    "elderly",
    "pro",
    "anti",
    "government",
    "opposition",
    "security",
    "army",
    "police",
]);

const DETERMINERS: &[&str] = &[
    "the", "his", "her", "their", "its", "our", "my", "a", "an", "these", "those", "this", "that",
];

const CLAUSE_START: &[&str] = &[
    ",", ";", "and", "but", "when", "after", "while", "as", "where", "\"", "“", "”", "(", "-",
];

const TOLL_GAP: &[&str] = &[
    "rose",
    "has",
    "have",
    "had",
    "risen",
    "climbed",
    "climbing",
    "reached",
    "reaching",
    "stood",
    "stands",
    "stand",
    "at",
    "to",
    "of",
    "is",
    "was",
    "now",
    "jumped",
    "increased",
    "hit",
    "topped",
    "passed",
    "surpassed",
    "rising",
    "further",
    "officially",
    "climbs",
    "rises",
    "reaches",
    "jumps",
    "increases",
];

/// Every count in `sentence` attached to a casualty word.
pub fn read(sentence: &str) -> Vec<Found> {
    if !may_hold_trigger(sentence) {
        return Vec::new();
    }
    read_tokens(sentence, &tokenize(sentence))
}

/// [`read`] on the sentence's tokens (as [`tokenize`] gives them). Every finding hangs on a
/// trigger, so callers may skip sentences where [`may_hold_trigger`] is false.
pub fn read_tokens(sentence: &str, toks: &[Tok]) -> Vec<Found> {
    // The keyword test passes sentences where a trigger's keyword stands without the rest
    // of its phrase ("hospital", "condition"): with no trigger at any token there is nothing
    // to attach a count to, so the counts are not read.
    if !crate::kind::any_trigger(toks) {
        return Vec::new();
    }
    let lows: Vec<String> = toks.iter().map(|t| t.low.clone()).collect();
    let counts = counts(sentence, toks, &lows);
    let mut out = Vec::new();
    // The count index each finding came from, and whether it attached to its right.
    let mut from: Vec<(usize, bool)> = Vec::new();
    for (ci, c) in counts.iter().enumerate() {
        if is_whole_of_part(&lows, &counts, c) {
            continue; // "two of the 12 victims": the 12 is the whole, not who was harmed
        }
        let (explicit, qstart) = match qualifier::before(&lows, c.start) {
            Some((q, s)) => (Some(q), s),
            None => (None, c.start),
        };
        let q = explicit
            .or(qualifier::after(&lows, c.end))
            .or(c.implied)
            .unwrap_or(Qualifier::Exact);
        let by_right = right(toks, &lows, &counts, c);
        let is_right = by_right.is_some();
        let attached = by_right.or_else(|| left(&lows, qstart, c));
        let attached = attached.map(|(t, g, o, j)| (upgrade(&lows, t, j), g, o));
        let attached = attached.filter(|(t, _, _)| !c.pronoun || t.kind == ClaimKind::Killed);
        if let Some((t, group, other)) = attached {
            from.push((ci, is_right));
            out.push(Found {
                kind: t.kind,
                value: c.value,
                qualifier: q,
                at: toks.get(qstart).map(|t| t.start).unwrap_or(0),
                group,
                shot: t.shot,
                definite: c.definite
                    || (c.value == 1 && lows.get(c.end + 1).is_some_and(|w| w == "of")),
                other,
                total: false,
            });
        }
    }
    coordinate(toks, &lows, &counts, &mut out, &from);
    killed_objects(toks, &lows, &counts, &mut out);
    if !out.iter().any(|f| f.kind == ClaimKind::Wounded && f.shot) {
        out.extend(multiple_shooting(toks, &lows));
    }
    out
}

/// "two men and a woman were shot", "a 12-year-old and two teens were wounded": counts of
/// people joined by "and" (or commas) before one casualty word are one group; their sum is
/// added to the last count's finding. A first count that attached by itself ("one man died
/// and three others were shot") is not part of the group.
fn coordinate(
    toks: &[Tok],
    lows: &[String],
    counts: &[Count],
    out: &mut [Found],
    from: &[(usize, bool)],
) {
    for (fi, &(ci, is_right)) in from.iter().enumerate() {
        if !is_right {
            continue;
        }
        let mut total = 0u64;
        let mut first_at = None;
        let mut k = ci;
        while k > 0 {
            let prev = &counts[k - 1];
            let cur = &counts[k];
            let name = prev.definite && prev.pronoun && cur.pronoun == prev.pronoun;
            if from.iter().any(|&(c, _)| c == k - 1) || prev.definite && !name {
                break;
            }
            // prev's noun phrase: a person noun within three words (or the rest of a name),
            // then "and" or "," (with an age between commas after a name).
            let head = if name {
                let mut h = prev.end;
                while h + 1 < cur.start && toks.get(h + 1).is_some_and(Tok::has_capital) {
                    h += 1;
                }
                Some(h)
            } else {
                (prev.end + 1..=prev.end + 3)
                    .take_while(|&j| j < cur.start)
                    .find(|&j| lows.get(j).is_some_and(|w| crate::person::is_person(w)))
            };
            let Some(head) = head else { break };
            let gap: Vec<&str> = (head + 1..cur.start)
                .map(|j| lows[j].as_str())
                .filter(|w| !(name && w.chars().all(|c| c.is_ascii_digit())))
                .collect();
            let joined = gap == ["and"]
                || gap == [","]
                || gap == [",", "and"]
                || name && gap == [",", ",", "and"];
            if !joined {
                break;
            }
            total += prev.value;
            first_at = Some(prev.start);
            k -= 1;
        }
        if let (Some(f), Some(_)) = (out.get_mut(fi), first_at) {
            f.value += total;
            f.other = false;
        }
    }
}

/// The counts of a sentence as token ranges, with articles kept only before a person noun and
/// definite singular persons added.
fn counts(sentence: &str, toks: &[Tok], lows: &[String]) -> Vec<Count> {
    let mut out = Vec::new();
    for m in find_numbers(sentence) {
        if m.kind != NumberKind::Count {
            continue;
        }
        let (Some(start), Some(end)) = (index_at(toks, m.start), index_ending(toks, m.end)) else {
            continue;
        };
        if end < start {
            continue;
        }
        if m.form == CountForm::Article && !singular_person_follows(lows, end) {
            continue;
        }
        out.push(Count {
            start,
            end,
            value: m.value,
            implied: m.qualifier,
            form: m.form,
            definite: false,
            pronoun: false,
        });
    }
    // "the 12-year-old died", "his wife was wounded": one person, at the start of a clause.
    for (i, w) in lows.iter().enumerate() {
        let det = matches!(
            w.as_str(),
            "the" | "his" | "her" | "their" | "that" | "this" | "another"
        );
        let after_death_of = i >= 1
            && lows[i - 1] == "of"
            && trigger_ending_at(lows, i - 1, |a| a == Attach::Left).is_some();
        // "shot his uncle", "killing her husband": one person, the object of a casualty verb.
        let after_verb = i >= 1
            && trigger_ending_at(lows, i - 1, |a| matches!(a, Attach::Left | Attach::Both))
                .is_some_and(|t| t.transitive || t.attach == Attach::Left);
        let at_clause_start = i == 0
            || after_death_of
            || after_verb
            || lows
                .get(i - 1)
                .is_some_and(|p| CLAUSE_START.contains(&p.as_str()));
        if det
            && at_clause_start
            && singular_person_follows(lows, i)
            && !out
                .iter()
                .any(|c: &Count| c.start <= i + 1 && i < c.end + 1)
        {
            out.push(Count {
                start: i,
                end: i,
                value: 1,
                implied: None,
                form: CountForm::Article,
                definite: true,
                pronoun: false,
            });
        }
    }
    // "he died at the hospital", "she was pronounced dead": one person, at a clause start;
    // "Man shot in leg" (a headline without its article): one person, at the start.
    for (i, w) in lows.iter().enumerate() {
        let at_start = i == 0 || lows.get(i - 1).is_some_and(|p| p == ":" || p == "—");
        let at_clause_start = at_start
            || lows
                .get(i - 1)
                .is_some_and(|p| CLAUSE_START.contains(&p.as_str()));
        let pronoun = matches!(w.as_str(), "he" | "she") && at_clause_start;
        let after_and = i >= 1 && matches!(lows[i - 1].as_str(), "and" | "but" | ";");
        let name = (at_start || after_and) && is_name(toks, lows, i);
        // "Pleasantville woman shot in foot": a headline's place names, then the person.
        let placed = (1..=3).contains(&i)
            && toks[..i].iter().all(|t| t.is_word() && t.has_capital())
            && lows[..i]
                .iter()
                .all(|w| !DETERMINERS.contains(&w.as_str()) && w != "another")
            && !out.iter().any(|c: &Count| c.start < i)
            && is_person_singular(w)
            && trigger_at(lows, i + 1, |a| matches!(a, Attach::Right | Attach::Both)).is_some();
        // "Brother accidentally shot 12-year-old": an age noun right after a casualty verb.
        let object = i >= 1
            && is_age_noun(w)
            && trigger_ending_at(lows, i - 1, |a| matches!(a, Attach::Left | Attach::Both))
                .is_some_and(|t| t.transitive || t.attach == Attach::Left);
        let bare = (at_start || placed || object) && is_person_singular(w);
        if (pronoun || name || bare) && !out.iter().any(|c: &Count| c.start <= i && i <= c.end) {
            out.push(Count {
                start: i,
                end: i,
                value: 1,
                implied: None,
                form: CountForm::Article,
                definite: true,
                pronoun: pronoun || name,
            });
        }
    }
    // "identify man killed in shooting", "identified the boy fatally shot on Friday": a
    // person noun followed by a casualty participle (a reduced relative clause) is one person.
    for (i, w) in lows.iter().enumerate() {
        if !is_person_singular(w) || out.iter().any(|c: &Count| c.end + 4 >= i && c.start <= i) {
            continue;
        }
        let mut k = i + 1;
        // An age set off by commas: "boy, 11, killed".
        if lows.get(k).is_some_and(|x| x == ",")
            && lows
                .get(k + 1)
                .is_some_and(|x| x.chars().all(|ch| ch.is_ascii_digit()))
            && lows.get(k + 2).is_some_and(|x| x == ",")
        {
            k += 3;
        }
        if lows.get(k).is_some_and(|x| is_adverb(x)) && trigger_at(lows, k, |_| true).is_none() {
            k += 1;
        }
        let Some(t) = trigger_at(lows, k, |a| matches!(a, Attach::Right | Attach::Both)) else {
            continue;
        };
        let next = lows
            .get(k + t.words.len())
            .map(String::as_str)
            .unwrap_or("");
        let participle = t
            .words
            .last()
            .is_some_and(|x| x.ends_with("ed") || *x == "shot")
            || t.words
                .first()
                .is_some_and(|x| *x == "fatally" || *x == "shot");
        if participle
            && t.attach == Attach::Both
            && !matches!(
                next,
                "at" | "himself" | "herself" | "and" | "a" | "an" | "the"
            )
            && accept_right(lows, t, k, 0)
        {
            out.push(Count {
                start: i,
                end: i,
                value: 1,
                implied: None,
                form: CountForm::Article,
                definite: true,
                pronoun: false,
            });
        }
    }
    // "a third victim died": the dead so far number at least the ordinal (read for deaths
    // only).
    for (i, w) in lows.iter().enumerate() {
        let Some(value) = ordinal_value(w) else {
            continue;
        };
        // Not "the fourth teenager killed this year": a rank in a tally of other events.
        let det = i == 0 || matches!(lows[i - 1].as_str(), "a" | "," | ":");
        let person = lows
            .get(i + 1)
            .is_some_and(|x| is_person_singular(x) && !is_age_noun(x));
        if det && person {
            out.retain(|c| !(c.form == CountForm::Article && i >= 1 && c.start == i - 1));
            out.push(Count {
                start: i,
                end: i,
                value,
                implied: Some(Qualifier::AtLeast),
                form: CountForm::Words,
                definite: false,
                pronoun: true,
            });
        }
    }
    // "shot himself", "killing herself": one person.
    for (i, w) in lows.iter().enumerate() {
        if matches!(w.as_str(), "himself" | "herself")
            && i >= 1
            && trigger_ending_at(lows, i - 1, |a| matches!(a, Attach::Left | Attach::Both))
                .is_some()
        {
            out.push(Count {
                start: i,
                end: i,
                value: 1,
                implied: None,
                form: CountForm::Article,
                definite: true,
                pronoun: false,
            });
        }
    }
    out.sort_by_key(|c| c.start);
    out
}

/// A person's name at token `i`: one to three capitalised words, then a verb group, an age
/// set off by commas or the end of the clause ("Jane Roe was shot", "Roe, 22, died"). Words
/// the casualty tables know (person nouns, determiners, months) are not names.
fn is_name(toks: &[Tok], lows: &[String], i: usize) -> bool {
    const NOT_NAMES: &[&str] = &[
        "police",
        "authorities",
        "officials",
        "investigators",
        "deputies",
        "officers",
        "witnesses",
        "neighbors",
        "sheriff",
        "it",
        "they",
        "we",
        "there",
        "this",
        "that",
        "these",
        "those",
        "no",
        "none",
        "nobody",
        "all",
        "both",
        "each",
        "some",
        "many",
        "several",
        "one",
        "two",
        "three",
        "four",
        "five",
        "both",
        "no one",
        "everyone",
        "someone",
        "somebody",
        "anyone",
        "the",
        "a",
        "an",
        "his",
        "her",
        "their",
        "its",
        "our",
        "my",
        "your",
        "he",
        "she",
        "i",
        "you",
        "who",
        "what",
        "when",
        "where",
        "why",
        "how",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ];
    let mut k = i;
    while k < toks.len()
        && k < i + 3
        && toks[k].is_word()
        && toks[k].text.chars().next().is_some_and(char::is_uppercase)
    {
        let w = lows[k].as_str();
        if NOT_NAMES.contains(&w)
            || is_person(w)
            || is_thing(w)
            || crate::kind::trigger_at(lows, k, |_| true).is_some()
        {
            return false;
        }
        k += 1;
    }
    if k == i {
        return false;
    }
    let next = lows.get(k).map(String::as_str).unwrap_or("");
    matches!(next, "was" | "is" | "has" | "had" | "," | "died" | "later")
}

/// "a double shooting", "a quadruple shooting": that many people shot.
fn multiple_shooting(toks: &[Tok], lows: &[String]) -> Vec<Found> {
    let mut out = Vec::new();
    for (i, w) in lows.iter().enumerate() {
        let n = match w.as_str() {
            "double" => 2,
            "triple" => 3,
            "quadruple" => 4,
            "quintuple" => 5,
            _ => continue,
        };
        if lows.get(i + 1).is_some_and(|x| x == "shooting") {
            out.push(Found {
                kind: ClaimKind::Wounded,
                value: n,
                qualifier: Qualifier::Exact,
                at: toks.get(i).map(|t| t.start).unwrap_or(0),
                group: None,
                shot: true,
                definite: false,
                other: false,
                total: true,
            });
        }
    }
    out
}

/// A singular person noun within three words after token `i` ("a 23-year-old man").
fn singular_person_follows(lows: &[String], i: usize) -> bool {
    for k in i + 1..=i + 3 {
        let Some(w) = lows.get(k) else { return false };
        if is_person_singular(w) {
            // "a man's car", "the victim's family": the person is not the head.
            return !lows.get(k + 1).is_some_and(|n| n == "'s" || n == "'");
        }
        if !w.chars().next().is_some_and(char::is_alphanumeric) || is_thing(w) {
            return false;
        }
    }
    false
}

fn is_count_start(lows: &[String], counts: &[Count], j: usize) -> bool {
    counts
        .iter()
        .any(|c| c.start == j && c.form != CountForm::Article && !is_whole_of_part(lows, counts, c))
}

/// The M of "N of M" / "N of the M": a whole that a preceding count is part of.
fn is_whole_of_part(lows: &[String], counts: &[Count], c: &Count) -> bool {
    let w = |k: usize| lows.get(k).map(String::as_str).unwrap_or("");
    let of_at = if c.start >= 1 && w(c.start - 1) == "of" {
        Some(c.start - 1)
    } else if c.start >= 2 && w(c.start - 1) == "the" && w(c.start - 2) == "of" {
        Some(c.start - 2)
    } else {
        None
    };
    of_at.is_some_and(|o| o >= 1 && counts.iter().any(|p| p.end + 1 == o))
}

/// Upgrades a wounding to a killing when the sentence goes on to say so: "had been shot and
/// was pronounced dead" (right), "stabbed three men to death" (left).
fn upgrade(lows: &[String], t: &'static Trigger, end: usize) -> &'static Trigger {
    if t.kind != ClaimKind::Wounded {
        return t;
    }
    let w = |k: usize| lows.get(k).map(String::as_str).unwrap_or("");
    for k in end + 1..=end + 5 {
        if w(k) == "to" && w(k + 1) == "death" {
            if let Some(fatal) = crate::kind::TRIGGERS
                .iter()
                .find(|x| x.kind == ClaimKind::Killed && x.words == ["shot", "to", "death"])
            {
                return fatal;
            }
        }
    }
    // "was shot several times and died": a short complement may come before the "and".
    let and_at = (end + 1..=end + 4).find(|&k| w(k) == "and").filter(|&a| {
        (end + 1..a).all(|k| {
            let x = w(k);
            x.chars().next().is_some_and(char::is_alphanumeric)
                && !STOPS.contains(&x)
                && trigger_at(lows, k, |_| true).is_none()
        })
    });
    if let Some(a) = and_at {
        let mut k = a + 1;
        while AUX.contains(&w(k)) && k < a + 5 {
            k += 1;
        }
        if let Some(fatal) = trigger_at(lows, k, |a| matches!(a, Attach::Right | Attach::Both)) {
            if fatal.kind == ClaimKind::Killed {
                return fatal;
            }
        }
    }
    t
}

/// count … [aux] TRIGGER
/// A trigger with the victim group, the "others" flag and the index of the trigger's last token.
type Attached = (&'static Trigger, Option<String>, bool, usize);

fn right(toks: &[Tok], lows: &[String], counts: &[Count], c: &Count) -> Option<Attached> {
    let n = lows.len();
    let mut j = c.end + 1;
    let mut unknown = 0;
    let mut filler = 0;
    let mut group = None;
    let mut other = false;
    loop {
        if j >= n {
            return None;
        }
        // "one of the wounded has died": after "the", a participle is a noun for people.
        let as_noun = j > 0
            && lows[j - 1] == "the"
            && matches!(lows[j].as_str(), "wounded" | "injured" | "dead" | "missing");
        if as_noun {
            filler += 1;
            j += 1;
            continue;
        }
        if let Some(t) = trigger_at(lows, j, |a| {
            matches!(a, Attach::Right | Attach::Both | Attach::Noun)
        }) {
            return (accept_right(lows, t, j, 0) && (t.attach != Attach::Noun || filler <= 2))
                .then_some((t, group, other, j + t.words.len() - 1));
        }
        let w = lows[j].as_str();
        if AUX.contains(&w) && !(w == "that" || w == "who")
            || (w == "who" || w == "that") && filler > 0
        {
            break;
        }
        if w == "," {
            // An appositive between commas is skipped whole: "six people, ages 14 to 52, were".
            if let Some(close) = (j + 1..(j + 10).min(n)).find(|&k| lows[k] == ",") {
                if (j + 1..close).all(|k| trigger_at(lows, k, |_| true).is_none()) {
                    j = close + 1;
                    continue;
                }
            }
        }
        if !toks[j].is_word() {
            if !matches!(w, "," | "-" | "'" | "’") {
                return None;
            }
        } else if STOPS.contains(&w) || is_count_start(lows, counts, j) || is_thing(w) {
            return None;
        } else if is_person(w) {
            group = group.or_else(|| group_of(w));
            other |= w == "others";
        } else if toks[j].has_capital()
            || FILLER.contains(&w)
            || w.chars().next().is_some_and(|ch| ch.is_ascii_digit())
        {
            other |= w == "other" || w == "more" || w == "additional";
        } else {
            let after_det = j > 0 && DETERMINERS.contains(&lows[j - 1].as_str());
            if w.ends_with("ed") && !after_det {
                return None;
            }
            unknown += 1;
            if unknown > 3 {
                return None;
            }
        }
        filler += 1;
        if filler > 12 {
            return None;
        }
        j += 1;
    }
    let relative = j < n && matches!(lows[j].as_str(), "who" | "that") && filler > 0;
    if let Some(found) = verb_group(lows, j) {
        return Some((found.0, group, other, found.1));
    }
    // "three troopers who entered the home were wounded": the relative clause is skipped up
    // to the main verb group (an auxiliary right after a word of the clause).
    if relative {
        let end = (j + 12).min(n);
        for k in j + 2..end {
            let w = lows[k].as_str();
            if matches!(w, "," | "and" | "but" | ";" | "." | "who" | "that") {
                continue;
            }
            if matches!(w, "was" | "were" | "is" | "are" | "has" | "have" | "had")
                && !AUX.contains(&lows[k - 1].as_str())
            {
                return verb_group(lows, k).map(|(t, e)| (t, group, other, e));
            }
            if trigger_at(lows, k, |_| true).is_some() {
                return None;
            }
        }
    }
    None
}

/// An auxiliary chain from token `j` (adverbs ending in -ly allowed: "was accidentally
/// shot") and the casualty word that ends it: the trigger and its last token.
fn verb_group(lows: &[String], mut j: usize) -> Option<(&'static Trigger, usize)> {
    let n = lows.len();
    let mut aux = 0;
    while j < n
        && (AUX.contains(&lows[j].as_str())
            || aux > 0 && is_adverb(&lows[j]) && trigger_at(lows, j, |_| true).is_none())
    {
        j += 1;
        aux += 1;
        if aux > 6 {
            return None;
        }
    }
    let t = trigger_at(lows, j, |a| matches!(a, Attach::Right | Attach::Both))?;
    accept_right(lows, t, j, aux).then_some((t, j + t.words.len() - 1))
}

/// The value of an ordinal word from "second" to "tenth".
fn ordinal_value(w: &str) -> Option<u64> {
    Some(match w {
        "second" => 2,
        "third" => 3,
        "fourth" => 4,
        "fifth" => 5,
        "sixth" => 6,
        "seventh" => 7,
        "eighth" => 8,
        "ninth" => 9,
        "tenth" => 10,
        _ => return None,
    })
}

/// Phrases saying the killer then killed himself or herself.
const SUICIDE: &[&str] = &[
    "turning the gun on himself",
    "turning the gun on herself",
    "turned the gun on himself",
    "turned the gun on herself",
    "taking his own life",
    "taking her own life",
    "took his own life",
    "took her own life",
    "killing himself",
    "killing herself",
    "killed himself",
    "killed herself",
    "shooting himself",
    "shooting herself",
    "then himself",
    "then herself",
];

/// The victims listed as objects of an active killing verb, counted person by person:
/// "killed his wife, son and daughter" (3), "killing her father and 6-year-old daughter"
/// (2), "killed his wife and four children" (5). When the sentence adds that the killer then
/// killed himself ("before turning the gun on himself"), the killer is counted too: the
/// sentence's total dead is the victims plus one. The total is added as a killed finding
/// when it is larger than every killed count already read.
fn killed_objects(toks: &[Tok], lows: &[String], counts: &[Count], out: &mut Vec<Found>) {
    let n = lows.len();
    // Headlines in title case capitalise every word: names cannot be told apart.
    let words = toks.iter().filter(|t| t.is_word()).count();
    let capitals = toks
        .iter()
        .filter(|t| t.is_word() && t.has_capital())
        .count();
    if words > 0 && capitals * 2 > words {
        return;
    }
    let mut best: Option<(u64, usize)> = None;
    let mut k = 0;
    while k < n {
        let Some(t) = trigger_at(lows, k, |a| matches!(a, Attach::Left | Attach::Both)) else {
            k += 1;
            continue;
        };
        let verb_end = k + t.words.len();
        let last = t.words.last().copied().unwrap_or("");
        let verb = t.transitive || (last.ends_with("ing") || last == "kills");
        let lowercase = !toks[k].has_capital();
        let first_ok = lows.get(verb_end).is_some_and(|w| {
            matches!(w.as_str(), "his" | "her" | "their" | "a" | "an" | "the")
                || counts.iter().any(|c| c.start == verb_end)
                || is_person(w)
                || toks[verb_end].has_capital() && toks[verb_end].is_word()
        });
        if t.kind != ClaimKind::Killed || !verb || !lowercase || !first_ok {
            k = verb_end;
            continue;
        }
        // Passive ("were killed") is not a killer's verb.
        if k > 0
            && matches!(
                lows[k - 1].as_str(),
                "was" | "were" | "is" | "are" | "be" | "been" | "being"
            )
        {
            k = verb_end;
            continue;
        }
        let mut total: u64 = 0;
        let mut j = verb_end;
        let mut unknown = 0;
        let mut last_was_name = false;
        while j < n {
            let w = lows[j].as_str();
            let counted_noun = |c: &Count| {
                c.start == verb_end || lows.get(c.end + 1).is_some_and(|x| is_person(x))
            };
            if let Some(c) = counts
                .iter()
                .find(|c| c.start == j && c.form != CountForm::Article && counted_noun(c))
            {
                total = total.saturating_add(c.value);
                j = c.end + 1;
                // The counted noun: "four children".
                while j < n && (is_person(&lows[j]) || lows[j].ends_with("-old")) {
                    j += 1;
                }
                unknown = 0;
                continue;
            }
            if is_person(w) && !matches!(w, "himself" | "herself" | "themselves") {
                let next_word = lows.get(j + 1).map(String::as_str).unwrap_or("");
                let head = !(is_person(next_word)
                    || next_word == "'s"
                    || is_age_noun(w)
                        && toks.get(j + 1).is_some_and(|x| !x.has_capital())
                        && next_word.chars().all(char::is_alphabetic)
                        && !next_word.is_empty()
                        && !matches!(next_word, "and" | "or"));
                last_was_name = false;
                if head && is_person_singular(w) {
                    total = total.saturating_add(1);
                } else if head && !is_person_singular(w) {
                    break; // a plural without a count: not countable
                }
                unknown = 0;
            } else if matches!(
                w,
                "and" | "," | "his" | "her" | "their" | "a" | "an" | "the"
            ) || toks[j].has_capital() && toks[j].is_word()
            {
                // A name right after an age noun is that person; other names are one person
                // when they start an item of the list.
                let name = toks[j].has_capital()
                    && toks[j].is_word()
                    && !is_person(w)
                    && !lows.get(j + 1).is_some_and(|x| is_person(x));
                let starts_item =
                    j == verb_end || lows[j - 1] == "and" || lows[j - 1] == "," && last_was_name;
                if name && starts_item {
                    total = total.saturating_add(1);
                    last_was_name = true;
                } else if matches!(w, "his" | "her" | "their" | "a" | "an" | "the") {
                    last_was_name = false;
                }
            } else if toks[j].is_word()
                && w.chars().all(char::is_alphabetic)
                && !STOPS.contains(&w)
                && !w.ends_with('s')
                && !w.ends_with("ed")
                && !w.ends_with("ing")
                && lows.get(j + 1).is_some_and(|x| is_person(x))
                && trigger_at(lows, j, |_| true).is_none()
                && unknown < 1
            {
                unknown += 1;
            } else {
                break;
            }
            j += 1;
        }
        if total >= 1 && best.is_none_or(|(b, _)| total > b) {
            best = Some((total, k));
        }
        k = verb_end.max(j);
    }
    let Some((mut total, at)) = best else { return };
    let low = lows.join(" ");
    if SUICIDE.iter().any(|p| low.contains(p)) {
        total = total.saturating_add(1);
    }
    let already = out
        .iter()
        .filter(|f| f.kind == ClaimKind::Killed)
        .map(|f| f.value)
        .max()
        .unwrap_or(0);
    if total >= 2 && total > already {
        out.push(Found {
            kind: ClaimKind::Killed,
            value: total,
            qualifier: Qualifier::Exact,
            at: toks.get(at).map(|t| t.start).unwrap_or(0),
            group: None,
            shot: false,
            definite: false,
            other: false,
            total: false,
        });
    }
}

/// An adverb inside a verb group: "accidentally", "critically", "apparently".
fn is_adverb(w: &str) -> bool {
    w.len() > 4 && w.ends_with("ly") && !matches!(w, "only" | "family" | "early" | "daily")
}

/// Rejects an active transitive verb with an object: "3 gunmen killed 5 people".
fn accept_right(lows: &[String], t: &Trigger, j: usize, aux: usize) -> bool {
    if t.attach == Attach::Noun && aux > 0 {
        return false;
    }
    // "died from one gunshot wound" counts wounds, not people.
    if t.words.contains(&"gunshot") && aux == 0 {
        return false;
    }
    if !t.transitive || aux > 0 {
        return true;
    }
    let next = lows
        .get(j + t.words.len())
        .map(String::as_str)
        .unwrap_or("");
    let next2 = lows
        .get(j + t.words.len() + 1)
        .map(String::as_str)
        .unwrap_or("");
    let object = matches!(
        next,
        "a" | "an"
            | "the"
            | "his"
            | "her"
            | "their"
            | "two"
            | "three"
            | "four"
            | "five"
            | "one"
            | "dozens"
            | "hundreds"
            | "some"
            | "about"
            | "around"
            | "nearly"
            | "almost"
            | "himself"
            | "herself"
            | "themselves"
    ) || (next == "at" && next2 == "least")
        || (matches!(next, "more" | "over") && next2 != "the")
        || next.chars().next().is_some_and(|ch| ch.is_ascii_digit())
        || is_person(next) && next != "dead";
    !object
}

/// TRIGGER [qualifier] count, or TOLL [verbs] [qualifier] count.
fn left(lows: &[String], qstart: usize, c: &Count) -> Option<Attached> {
    if qstart == 0 {
        return None;
    }
    // The head after the count must not be a thing: "killed 3 cattle".
    let mut group = None;
    let mut other = false;
    for k in c.end + 1..=c.end + 4 {
        let Some(w) = lows.get(k) else { break };
        if is_thing(w) {
            return None;
        }
        if is_person(w) {
            group = group_of(w);
            other = w == "others";
            break;
        }
        if !matches!(
            w.as_str(),
            "of" | "his" | "her" | "their" | "its" | "the" | "more" | "other"
        ) && !w.chars().next().is_some_and(char::is_uppercase)
        {
            break;
        }
    }
    let k = qstart - 1;
    if let Some(t) = trigger_ending_at(lows, k, |a| matches!(a, Attach::Left | Attach::Both)) {
        return Some((t, group, other, c.end));
    }
    let mut k2 = k;
    let mut steps = 0;
    while TOLL_GAP.contains(&lows.get(k2).map(String::as_str).unwrap_or("")) && k2 > 0 && steps < 5
    {
        k2 -= 1;
        steps += 1;
    }
    if steps > 0 {
        if let Some(t) = trigger_ending_at(lows, k2, |a| a == Attach::Toll) {
            return Some((t, group, other, c.end));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn got(s: &str) -> Vec<(ClaimKind, u64, Qualifier)> {
        read(s)
            .into_iter()
            .map(|f| (f.kind, f.value, f.qualifier))
            .collect()
    }

    use ClaimKind::*;
    use Qualifier::*;

    #[test]
    fn passive_and_coordination() {
        assert_eq!(
            got("Nine people were killed and 23 wounded by shelling."),
            vec![(Killed, 9, Exact), (Wounded, 23, Exact)]
        );
        assert_eq!(
            got("At least 40 people have been killed and more than 300 wounded in the fighting."),
            vec![(Killed, 40, AtLeast), (Wounded, 300, MoreThan)]
        );
        assert_eq!(
            got("Almost 90 killed in clashes"),
            vec![(Killed, 90, Almost)]
        );
        assert_eq!(
            got("around 1,500 people had been displaced by floods"),
            vec![(Displaced, 1500, About)]
        );
        assert_eq!(
            got("more than 60 soldiers of the retired rebel brigade, John Doe, were captured during the raid"),
            vec![(Captured, 60, MoreThan)]
        );
    }

    #[test]
    fn active_voice() {
        assert_eq!(
            got("The gunmen opened fire, killing three."),
            vec![(Killed, 3, Exact)]
        );
        assert_eq!(
            got("The militia captured the town, capturing 40 of its defenders."),
            vec![(Captured, 40, Exact)]
        );
        assert_eq!(
            got("the storm had displaced more than 6,000 people"),
            vec![(Displaced, 6000, MoreThan)]
        );
        assert_eq!(
            got("Police detained 12 others in the suburbs."),
            vec![(Detained, 12, Exact)]
        );
        assert_eq!(
            got("Three gunmen killed five people."),
            vec![(Killed, 5, Exact)]
        );
    }

    #[test]
    fn tolls_and_nouns() {
        assert_eq!(
            got("The death toll rose to 14 on Sunday."),
            vec![(Killed, 14, Exact)]
        );
        assert_eq!(
            got("bringing the death toll to at least 30"),
            vec![(Killed, 30, AtLeast)]
        );
        assert_eq!(got("There were 12 deaths."), vec![(Killed, 12, Exact)]);
        assert_eq!(
            got("Thousands of people have fled their homes."),
            vec![(Displaced, 1000, MoreThan)]
        );
        assert_eq!(
            got("Some 70 prisoners now detained in the camp"),
            vec![(Detained, 70, About)]
        );
    }

    #[test]
    fn shootings() {
        let f = read("Four people were shot, one fatally, at a park.");
        assert_eq!(
            f.iter().map(|f| (f.kind, f.value)).collect::<Vec<_>>(),
            vec![(Wounded, 4), (Killed, 1)]
        );
        assert!(f[0].shot);
        assert_eq!(
            got("A 19-year-old man was shot and killed."),
            vec![(Killed, 1, Exact)]
        );
        assert_eq!(
            got("The 12-year-old died at the hospital."),
            vec![(Killed, 1, Exact)]
        );
        assert_eq!(
            got("2 Shot, 1 Killed at Mall"),
            vec![(Wounded, 2, Exact), (Killed, 1, Exact)]
        );
        assert_eq!(
            got("A man, in his late teens, had been shot and was pronounced dead."),
            vec![(Killed, 1, Exact)]
        );
        assert_eq!(
            got("He stabbed three men to death."),
            vec![(Killed, 3, Exact)]
        );
        assert_eq!(
            got("Six people, ages 14 to 52, were shot."),
            vec![(Wounded, 6, Exact)]
        );
        // "one gunshot wound" counts wounds; "He died" is one death.
        assert_eq!(
            got("He died from one gunshot wound."),
            vec![(Killed, 1, Exact)]
        );
        assert_eq!(got("They died from one gunshot wound each."), vec![]);
        assert_eq!(got("Two of the 12 victims died."), vec![(Killed, 2, Exact)]);
        assert_eq!(
            got("Image 1 of 33 shows the shooting deaths scene."),
            vec![]
        );
        assert_eq!(
            got("charged in the death of his three-year-old son"),
            vec![(Killed, 1, Exact)]
        );
        assert_eq!(
            got("A boy accidentally shot his uncle in the leg."),
            vec![(Wounded, 1, Exact)]
        );
        assert_eq!(
            got("The teen shot himself with a rifle."),
            vec![(Wounded, 1, Exact)]
        );
        assert_eq!(
            got("Police are investigating a triple shooting downtown."),
            vec![(Wounded, 3, Exact)]
        );
        assert_eq!(
            got("Two men and a woman were shot outside a bar."),
            vec![(Wounded, 3, Exact)]
        );
        assert_eq!(
            got("A 12-year-old and two teens were wounded."),
            vec![(Wounded, 3, Exact)]
        );
        assert_eq!(
            got("One man died and three others were shot."),
            vec![(Killed, 1, Exact), (Wounded, 3, Exact)]
        );
        assert_eq!(
            got("Three women and two men were taken to area hospitals."),
            vec![(Wounded, 5, Exact)]
        );
        assert_eq!(got("A man, 26, was found dead."), vec![(Killed, 1, Exact)]);
    }

    #[test]
    fn adverbs_relative_clauses_and_reduced_relatives() {
        assert_eq!(
            got("A 15-year-old girl was accidentally shot by a cousin."),
            vec![(Wounded, 1, Exact)]
        );
        assert_eq!(
            got("Two deputies who entered the barn were wounded."),
            vec![(Wounded, 2, Exact)]
        );
        assert_eq!(
            got("Another 8-year-old was hurt in the blast."),
            vec![(Wounded, 1, Exact)]
        );
        assert_eq!(
            got("Deputies identify man killed near the marina."),
            vec![(Killed, 1, Exact)]
        );
        assert_eq!(
            got("Relatives named the boy, 12, killed on the farm."),
            vec![(Killed, 1, Exact)]
        );
        assert_eq!(
            got("Glenview woman shot in arm outside a bakery"),
            vec![(Wounded, 1, Exact)]
        );
        assert_eq!(
            got("Cousin accidentally shot 9-year-old, deputies say."),
            vec![(Wounded, 1, Exact)]
        );
        assert_eq!(
            got("A cyclist was struck by gunfire."),
            vec![(Wounded, 1, Exact)]
        );
        assert_eq!(
            got("A teen was shot, killed near a park."),
            vec![(Killed, 1, Exact)]
        );
        // "was fatally shot" stays a death.
        assert_eq!(
            got("A boy was fatally shot at home."),
            vec![(Killed, 1, Exact)]
        );
        // "shot at" someone is not a wound.
        assert!(got("Deputies say the man shot at a passing truck.").is_empty());
        // Ordinals count the dead so far, for deaths only.
        assert_eq!(
            got("A third victim died on Tuesday."),
            vec![(Killed, 3, AtLeast)]
        );
        assert!(got("A second victim was wounded.").is_empty());
        assert!(got("She was the fifth student killed this year.")
            .iter()
            .all(|(_, v, _)| *v != 5));
    }

    #[test]
    fn listed_victims_and_the_killer() {
        let max_killed = |s: &str| {
            read(s)
                .iter()
                .filter(|f| f.kind == Killed)
                .map(|f| f.value)
                .max()
                .unwrap_or(0)
        };
        assert_eq!(
            max_killed("Deputies say a farmer shot and killed his wife, son and niece before killing himself."),
            4
        );
        assert_eq!(
            max_killed("A woman is charged with killing her uncle and 4-year-old nephew."),
            2
        );
        assert_eq!(
            max_killed("The man is accused of killing his wife and three sons."),
            4
        );
        assert_eq!(
            max_killed("A trucker shot and killed his brother before turning the gun on himself."),
            2
        );
        assert_eq!(
            max_killed(
                "Guards say he opened fire, killing two and wounding 9 before taking his own life."
            ),
            3
        );
        // Not a list: the victim, then another clause; an age after a name; a title-case line.
        assert_eq!(
            max_killed("A man shot and killed a neighbor and stole her van."),
            1
        );
        assert!(max_killed("The gunman kept shooting, killing Ann Roe, 19.") <= 1);
        assert!(max_killed("Farmer Kills Brother, Wounds 3 Others") <= 1);
    }

    #[test]
    fn not_claims() {
        assert!(
            got("The agency evacuated members of its mission, which includes 15 people.")
                .is_empty()
        );
        assert!(got("Teams handled 47 major and 31 surgeries.").is_empty());
        assert!(got("The troops captured the town, about 50 km south of the capital.").is_empty());
        assert!(got("the 2011 war that toppled and then killed the dictator").is_empty());
        assert!(
            got("Twenty vehicles were destroyed and 3 rockets killed nobody.")
                .iter()
                .all(|c| c.1 == 0)
        );
        assert!(got("He was charged with 4 counts of malicious wounding.").is_empty());
        assert!(got("Jane Roe, 23, was arrested on Main Street.")
            .iter()
            .all(|c| c.1 != 23));
        assert!(got("soldiers of the 106th Battalion were captured").is_empty());
        assert!(got("A military camp was hit.").is_empty());
    }
}
