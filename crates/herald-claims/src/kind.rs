//! Casualty words: which words say that people were killed, wounded, captured, detained,
//! displaced, went missing or were kidnapped, and how a count attaches to them.
//!
//! Each trigger is a word sequence with an [`Attach`] mode:
//! - `Right`: the count comes before ("40 people **were killed**", "120 **wounded**",
//!   "one **fatally**", "thousands **fled their homes**");
//! - `Left`: the count comes after ("**killing** 3", "**capturing** 100 of his soldiers",
//!   "**displaced** more than 6,000 people");
//! - `Both`: participles that work either way ("killed", "wounded", "arrested");
//! - `Noun`: a noun right after the count, with no verb between ("12 **deaths**");
//! - `Toll`: a toll noun followed by a verb and the count ("the **death toll** rose to 11").
//!
//! "shot" counts as wounded (`shot: true`) unless a fatal form says otherwise ("shot dead",
//! "fatally shot", "shot and killed"); see `shooting.rs` for the "N shot, M fatally" rule.
//! "evacuated" is deliberately absent: people evacuated (staff, missions) are not displaced.

use crate::token::Tok;
use crate::words::Words;
use rustc_hash::FxHashMap as HashMap;
use std::sync::LazyLock;

use herald_model::ClaimKind;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Attach {
    Right,
    Left,
    Both,
    Noun,
    Toll,
}

#[derive(Debug, Clone)]
pub struct Trigger {
    pub words: Vec<&'static str>,
    pub kind: ClaimKind,
    pub attach: Attach,
    /// Wounded by gunfire: subject to the "N shot, M fatally" rule.
    pub shot: bool,
    /// A verb that takes an object in the active voice ("killed 5 people").
    pub transitive: bool,
}

use Attach::{Both, Left, Noun, Right, Toll};
use ClaimKind::{Captured, Detained, Displaced, Kidnapped, Killed, Missing, Wounded};

const TABLE: &[(&str, ClaimKind, Attach)] = &[
    // killed
    ("killed", Killed, Both),
    ("killing", Killed, Left),
    ("kills", Killed, Left),
    ("dead", Killed, Right),
    ("died", Killed, Right),
    ("die", Killed, Right),
    ("dies", Killed, Right),
    ("deaths", Killed, Noun),
    ("fatalities", Killed, Noun),
    ("the deaths of", Killed, Left),
    ("the lives of", Killed, Left),
    ("death toll", Killed, Toll),
    ("toll", Killed, Toll),
    ("number of dead", Killed, Toll),
    ("number of deaths", Killed, Toll),
    ("number of people killed", Killed, Toll),
    ("number of fatalities", Killed, Toll),
    ("fatally", Killed, Right),
    ("fatally shot", Killed, Both),
    ("fatally shooting", Killed, Left),
    ("fatally wounding", Killed, Left),
    ("fatally injuring", Killed, Left),
    ("fatally stabbing", Killed, Left),
    ("fatally wounded", Killed, Both),
    ("fatally injured", Killed, Both),
    ("fatally stabbed", Killed, Both),
    ("mortally wounded", Killed, Both),
    ("shot dead", Killed, Both),
    ("shot and killed", Killed, Both),
    ("shot , killed", Killed, Both),
    ("shot to death", Killed, Right),
    ("stabbed to death", Killed, Right),
    ("beaten to death", Killed, Right),
    ("burned to death", Killed, Right),
    ("gunned down", Killed, Both),
    ("bodies of", Killed, Left),
    ("bodies", Killed, Noun),
    ("lost their lives", Killed, Right),
    ("lost his life", Killed, Right),
    ("lost her life", Killed, Right),
    ("slain", Killed, Right),
    ("murdered", Killed, Both),
    ("massacred", Killed, Both),
    ("executed", Killed, Both),
    ("perished", Killed, Right),
    ("pronounced dead", Killed, Right),
    ("death of", Killed, Left),
    ("deaths of", Killed, Left),
    ("killing of", Killed, Left),
    ("murder of", Killed, Left),
    ("fatal shooting of", Killed, Left),
    ("shooting death of", Killed, Left),
    ("shooting deaths of", Killed, Left),
    // wounded
    ("wounded", Wounded, Both),
    ("wounding", Wounded, Left),
    ("injured", Wounded, Both),
    ("injuring", Wounded, Left),
    ("hurt", Wounded, Right),
    ("in critical condition", Wounded, Right),
    ("in serious condition", Wounded, Right),
    ("in stable condition", Wounded, Right),
    ("in fair condition", Wounded, Right),
    ("hospitalized", Wounded, Right),
    ("hospitalised", Wounded, Right),
    ("stabbed", Wounded, Both),
    ("shot", Wounded, Both),
    ("shooting", Wounded, Left),
    ("shooting of", Wounded, Left),
    ("struck by gunfire", Wounded, Right),
    ("hit by gunfire", Wounded, Right),
    ("struck by a bullet", Wounded, Right),
    ("hit by a bullet", Wounded, Right),
    ("struck by a stray bullet", Wounded, Right),
    ("hit by a stray bullet", Wounded, Right),
    ("struck by bullets", Wounded, Right),
    ("hit by bullets", Wounded, Right),
    ("hit and injured", Wounded, Right),
    ("struck and injured", Wounded, Right),
    ("hit and wounded", Wounded, Right),
    ("struck and wounded", Wounded, Right),
    ("gunshot wounds", Wounded, Right),
    ("gunshot wound", Wounded, Right),
    ("a gunshot wound", Wounded, Right),
    ("bullet wounds", Wounded, Right),
    ("gunshot injuries", Wounded, Right),
    ("non-fatal gunshot wounds", Wounded, Right),
    ("non-fatal bullet wounds", Wounded, Right),
    ("non-fatal wounds", Wounded, Right),
    ("non-fatal injuries", Wounded, Right),
    ("non-life-threatening injuries", Wounded, Right),
    ("non-life threatening injuries", Wounded, Right),
    ("life-threatening injuries", Wounded, Right),
    ("life threatening injuries", Wounded, Right),
    ("serious injuries", Wounded, Right),
    ("critical injuries", Wounded, Right),
    ("minor injuries", Wounded, Right),
    // captured
    ("captured", Captured, Both),
    ("capturing", Captured, Left),
    ("taken prisoner", Captured, Right),
    ("taken captive", Captured, Right),
    ("prisoners of war", Captured, Noun),
    // detained
    ("detained", Detained, Both),
    ("detaining", Detained, Left),
    ("arrested", Detained, Both),
    ("arresting", Detained, Left),
    ("arrests", Detained, Noun),
    ("in custody", Detained, Right),
    ("taken into custody", Detained, Right),
    ("being held", Detained, Right),
    // displaced
    ("displaced", Displaced, Both),
    ("displacing", Displaced, Left),
    ("fled their homes", Displaced, Right),
    ("fled the fighting", Displaced, Right),
    ("fled the violence", Displaced, Right),
    ("fled the clashes", Displaced, Right),
    ("fled the country", Displaced, Right),
    ("fled the area", Displaced, Right),
    ("fled the region", Displaced, Right),
    ("fled the city", Displaced, Right),
    ("forced to flee", Displaced, Right),
    ("forced from their homes", Displaced, Right),
    ("forced out of their homes", Displaced, Right),
    ("homeless", Displaced, Right),
    // missing
    ("missing", Missing, Right),
    ("unaccounted for", Missing, Right),
    // kidnapped
    ("kidnapped", Kidnapped, Both),
    ("kidnapping", Kidnapped, Left),
    ("abducted", Kidnapped, Both),
    ("abducting", Kidnapped, Left),
    ("taken hostage", Kidnapped, Right),
    ("held hostage", Kidnapped, Right),
    ("held captive", Kidnapped, Right),
    ("hostages", Kidnapped, Noun),
];

static TRANSITIVE: Words = Words::new(&[
    "killed",
    "wounded",
    "injured",
    "shot",
    "captured",
    "detained",
    "arrested",
    "displaced",
    "kidnapped",
    "abducted",
    "murdered",
    "massacred",
    "executed",
    "stabbed",
    "fatally shot",
    "shot dead",
    "shot and killed",
    "shot , killed",
    "gunned down",
    "fatally stabbed",
    "fatally wounded",
]);

/// Going to hospital: "were taken to area hospitals", "was rushed to a hospital". People
/// taken to hospital after an attack are wounded unless the text says they died, so these are
/// `shot`-like: a death reported for them is subtracted (see `shooting.rs`).
const HOSPITAL_VERBS: &[&str] = &[
    "taken",
    "rushed",
    "transported",
    "sent",
    "brought",
    "airlifted",
];
const HOSPITAL_PLACES: &[&str] = &[
    "to hospital",
    "to hospitals",
    "to the hospital",
    "to a hospital",
    "to an area hospital",
    "to a local hospital",
    "to a nearby hospital",
    "to area hospitals",
    "to local hospitals",
    "to nearby hospitals",
    "to several hospitals",
    "to different hospitals",
];

/// All triggers, longest first so that "shot and killed" wins over "shot".
pub static TRIGGERS: LazyLock<Vec<Trigger>> = LazyLock::new(|| {
    let hospital = HOSPITAL_VERBS.iter().flat_map(|v| {
        HOSPITAL_PLACES.iter().map(move |p| Trigger {
            words: std::iter::once(*v).chain(p.split(' ')).collect(),
            kind: Wounded,
            attach: Right,
            shot: true,
            transitive: false,
        })
    });
    let mut v: Vec<Trigger> = TABLE
        .iter()
        .map(|&(phrase, kind, attach)| Trigger {
            words: phrase.split(' ').collect(),
            kind,
            attach,
            shot: kind == Wounded && phrase.starts_with("shot")
                || phrase.starts_with("shooting")
                || phrase.contains("gunshot")
                || phrase.contains("gunfire")
                || phrase.contains("bullet"),
            transitive: TRANSITIVE.contains(&phrase),
        })
        .chain(hospital)
        .collect();
    v.sort_by_key(|t| std::cmp::Reverse(t.words.len()));
    v
});

/// Indexes into [`TRIGGERS`] by first word and by last word, each list in `TRIGGERS` order
/// (longest first), so a lookup at a token only tries the triggers that can match there.
struct ByWord {
    first: HashMap<&'static str, Vec<usize>>,
    last: HashMap<&'static str, Vec<usize>>,
}

static BY_WORD: LazyLock<ByWord> = LazyLock::new(|| {
    let mut first: HashMap<&'static str, Vec<usize>> = HashMap::default();
    let mut last: HashMap<&'static str, Vec<usize>> = HashMap::default();
    for (i, t) in TRIGGERS.iter().enumerate() {
        if let (Some(f), Some(l)) = (t.words.first(), t.words.last()) {
            first.entry(f).or_default().push(i);
            last.entry(l).or_default().push(i);
        }
    }
    ByWord { first, last }
});

/// Words of which a sentence must hold at least one (as a token) for any trigger to match
/// in it: per trigger its longest word that is not a stopword, unless one of its words is a
/// one-word trigger already. Matched as lowercase substrings of the raw sentence, a cheap
/// necessary test that lets sentences without any casualty word skip the token work.
static KEYWORDS: LazyLock<aho_corasick::AhoCorasick> = LazyLock::new(|| {
    let single: Vec<&'static str> = TRIGGERS
        .iter()
        .filter(|t| t.words.len() == 1)
        .map(|t| t.words[0])
        .collect();
    let mut words: Vec<&'static str> = single.clone();
    for t in TRIGGERS.iter().filter(|t| t.words.len() > 1) {
        if t.words.iter().any(|w| single.contains(w)) {
            continue;
        }
        let longest = |ws: &mut dyn Iterator<Item = &'static str>| {
            ws.fold(None::<&'static str>, |best, w| match best {
                Some(b) if b.len() >= w.len() => Some(b),
                _ => Some(w),
            })
        };
        let mut content = t
            .words
            .iter()
            .copied()
            .filter(|w| !herald_text::is_stopword(w));
        let pick = longest(&mut content).or_else(|| longest(&mut t.words.iter().copied()));
        words.extend(pick);
    }
    words.sort_unstable();
    words.dedup();
    aho_corasick::AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .build(&words)
        .expect("trigger keywords build an automaton")
});

/// False only when no trigger can match in `sentence` (see [`KEYWORDS`]): no keyword occurs
/// where a token could be exactly that word. Tokens are compared lowercased, and the one
/// non-ASCII letter whose lowercase is ASCII (the Kelvin sign) turns the test off.
///
/// A keyword inside a longer word ("die" in "soldiers", "shot" in "shotgun", "toll" in
/// "tollway") is not a token: a third of the sentences with a keyword have it only so, and
/// skipping them saves their tokens and number reading.
pub fn may_hold_trigger(sentence: &str) -> bool {
    if sentence.contains('\u{212A}') {
        return true;
    }
    // Overlapping matches: a keyword found inside a longer one must still be seen.
    match KEYWORDS.try_find_overlapping_iter(sentence) {
        Ok(mut matches) => matches.any(|m| may_be_token(sentence, m.start(), m.end())),
        Err(_) => true,
    }
}

/// False only when the bytes `start..end` of `text`, a keyword, cannot be a whole token of [`herald_text::charclass::token_spans`]: a letter or
/// digit touches it, or a joiner ("-", "'", ".", ...) with a letter or digit beyond it (the
/// token runs on through the joiner: "non-fatal", "ex.shot").
fn may_be_token(text: &str, start: usize, end: usize) -> bool {
    use herald_text::charclass::{is_letter, is_number};
    let word = |c: char| is_letter(c) || is_number(c);
    let joiner = |c: char| matches!(c, '-' | '\'' | '’' | '.' | ',' | ':' | '/');
    let (Some(before), Some(found), Some(after)) =
        (text.get(..start), text.get(start..end), text.get(end..))
    else {
        return true;
    };
    // A keyword of punctuation ("," in "shot , killed") is a token wherever it stands.
    let letter = |c: char| c.is_ascii_alphabetic();
    if !found.starts_with(letter) || !found.ends_with(letter) {
        return true;
    }
    let mut back = before.chars().rev();
    let touches_before = match back.next() {
        Some(c) if word(c) => true,
        Some(c) if joiner(c) => back.next().is_some_and(word),
        _ => false,
    };
    let mut ahead = after.chars();
    let touches_after = match ahead.next() {
        Some(c) if word(c) => true,
        Some(c) if joiner(c) => ahead.next().is_some_and(word),
        _ => false,
    };
    !touches_before && !touches_after
}

/// Whether any trigger matches at some token of `toks` (as `trigger_at(lows, j, |_| true)`
/// for some `j` would say), read off the tokens without copying their lowercase forms.
pub fn any_trigger(toks: &[Tok]) -> bool {
    toks.iter().enumerate().any(|(j, tok)| {
        BY_WORD
            .first
            .get(tok.low.as_str())
            .is_some_and(|candidates| {
                candidates.iter().any(|&i| {
                    TRIGGERS[i]
                        .words
                        .iter()
                        .enumerate()
                        .all(|(k, w)| toks.get(j + k).is_some_and(|t| t.low == *w))
                })
            })
    })
}

/// The longest trigger starting at token `j` whose mode is accepted by `accept`.
pub fn trigger_at<'t>(
    lows: &[String],
    j: usize,
    accept: impl Fn(Attach) -> bool,
) -> Option<&'t Trigger> {
    let candidates = BY_WORD.first.get(lows.get(j)?.as_str())?;
    candidates.iter().map(|&i| &TRIGGERS[i]).find(|t| {
        accept(t.attach)
            && t.words.len() + j <= lows.len()
            && t.words
                .iter()
                .enumerate()
                .all(|(k, w)| lows.get(j + k).is_some_and(|l| l == w))
    })
}

/// The longest trigger ending at token `k` (inclusive) whose mode is accepted by `accept`.
pub fn trigger_ending_at<'t>(
    lows: &[String],
    k: usize,
    accept: impl Fn(Attach) -> bool,
) -> Option<&'t Trigger> {
    let candidates = BY_WORD.last.get(lows.get(k)?.as_str())?;
    candidates.iter().map(|&i| &TRIGGERS[i]).find(|t| {
        let n = t.words.len();
        accept(t.attach)
            && k + 1 >= n
            && t.words
                .iter()
                .enumerate()
                .all(|(i, w)| lows.get(k + 1 - n + i).is_some_and(|l| l == w))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The first trigger in table order that matches `lows` from `j` on (the scan the
    /// index replaces).
    fn scan_at(lows: &[String], j: usize) -> Option<&'static Trigger> {
        TRIGGERS.iter().find(|t| {
            t.words
                .iter()
                .enumerate()
                .all(|(k, w)| lows.get(j + k).is_some_and(|l| l == w))
        })
    }

    fn scan_ending_at(lows: &[String], k: usize) -> Option<&'static Trigger> {
        TRIGGERS.iter().find(|t| {
            let n = t.words.len();
            k + 1 >= n
                && t.words
                    .iter()
                    .enumerate()
                    .all(|(i, w)| lows.get(k + 1 - n + i).is_some_and(|l| l == w))
        })
    }

    #[test]
    fn index_finds_what_a_scan_finds() {
        for t in TRIGGERS.iter() {
            let mut lows: Vec<String> = vec!["police".into(), "said".into()];
            lows.extend(t.words.iter().map(|w| w.to_string()));
            lows.push("on".into());
            let (first, last) = (2, 1 + t.words.len());
            let got = trigger_at(&lows, first, |_| true).map(|x| &x.words);
            assert_eq!(got, scan_at(&lows, first).map(|x| &x.words));
            assert!(got.is_some_and(|w| w.len() >= t.words.len()));
            let got = trigger_ending_at(&lows, last, |_| true).map(|x| &x.words);
            assert_eq!(got, scan_ending_at(&lows, last).map(|x| &x.words));
            assert!(got.is_some_and(|w| w.len() >= t.words.len()));
            // Nothing matches past the end.
            assert!(trigger_at(&lows, lows.len(), |_| true).is_none());
            assert!(trigger_ending_at(&lows, lows.len(), |_| true).is_none());
        }
    }

    #[test]
    fn keyword_test_lets_every_trigger_through() {
        for t in TRIGGERS.iter() {
            let plain = format!("Officials said {} on Monday.", t.words.join(" "));
            assert!(may_hold_trigger(&plain), "{plain}");
            let shouted = plain.to_uppercase();
            assert!(may_hold_trigger(&shouted), "{shouted}");
        }
        assert!(!may_hold_trigger(
            "The council met on Tuesday to discuss the budget."
        ));
        // The Kelvin sign lowercases to an ASCII "k": no shortcut on such text.
        assert!(may_hold_trigger("\u{212A}ILLED"));
        // Keywords inside longer words are not tokens.
        assert!(!may_hold_trigger(
            "Soldiers studied the shotgun at the tollway."
        ));
        assert!(!may_hold_trigger("A non-fatally-hurt x.shot"));
        assert!(may_hold_trigger("(Shot) 'dead'"));
    }

    /// Whether a trigger matches at some token of `text` (what [`may_hold_trigger`] must never
    /// deny).
    fn has_trigger(text: &str) -> bool {
        let lows: Vec<String> = crate::token::tokenize(text)
            .into_iter()
            .map(|t| t.low)
            .collect();
        (0..lows.len()).any(|j| trigger_at(&lows, j, |_| true).is_some())
    }

    #[test]
    fn keyword_test_never_denies_a_token_trigger() {
        // The token test relies on keywords that start and end with an ASCII letter.
        for t in TRIGGERS.iter() {
            for w in &t.words {
                if w.starts_with(|c: char| c.is_ascii_alphabetic()) {
                    assert!(w.ends_with(|c: char| c.is_ascii_alphabetic()), "{w}");
                }
                assert!(w.is_ascii() && !w.contains('\''), "{w}");
            }
        }
        // Only the Kelvin sign lowercases to ASCII letters alone.
        for c in (0x80..=0x10FFFF).filter_map(char::from_u32) {
            let low: String = c.to_lowercase().collect();
            assert!(!low.is_ascii() || c == '\u{212A}', "{c:?}");
        }
        let pieces = [
            "killed", "shot", "died", "die", "s", "non", "fatal", "fatally", "death", "toll",
            "wounded", "in", "custody", "Killed", "SHOT", "x", "9", "-", "'", "’", ".", ",", ":",
            "/", " ", " ", " ", "\n", "é", "\u{301}", "(", "K", "\u{212A}", "ing", "ed",
        ];
        let mut denied = 0;
        for text in crate::random_texts(&pieces, 0x0DDB_1A5E_5BAD_5EED, 50_000, 12) {
            let may = may_hold_trigger(&text);
            let has = has_trigger(&text);
            assert!(may || !has, "{text:?}");
            assert_eq!(any_trigger(&crate::token::tokenize(&text)), has, "{text:?}");
            denied += usize::from(!may);
        }
        // The test does deny: most strings hold no whole trigger word.
        assert!(denied > 10_000, "{denied}");
    }
}
