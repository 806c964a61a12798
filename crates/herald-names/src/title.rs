//! Titles, honorifics and roles written next to a name.
//!
//! "UN Secretary-General Ban Ki-moon", "Field Marshal X", "Dr. X", "army spokesman X": the
//! title is kept as the mention's `role` and is no part of the name, and it is strong evidence
//! that the name is a person's. Capitalised titles are found inside a capitalised span
//! ([`title_run`]); lower-case role nouns just before a name ([`is_role_noun`]) give the same
//! evidence.

use rustc_hash::FxHashSet as HashSet;
use std::sync::LazyLock;

/// Words that are a title on their own or end a title ("Minister", "General", "Dr").
pub(crate) const HEADS: &str = "president minister premier secretary-general secretary general gen marshal colonel col \
 lieutenant lt major maj captain capt cpt sergeant sgt commander cmdr admiral adm brigadier brig corporal cpl \
 private pvt officer detective det sheriff deputy chief trooper agent inspector insp superintendent supt \
 constable dr doctor mr mrs ms miss mx prof professor sir dame lord lady king queen prince princess sheikh \
 shaikh emir amir sultan imam ayatollah pope cardinal bishop archbishop rabbi father rev reverend pastor \
 governor gov mayor senator sen rep representative congressman congresswoman ambassador envoy judge justice \
 chancellor speaker chairman chairwoman chairperson spokesman spokeswoman spokesperson councilman \
 councilwoman councillor councilor commissioner director attorney prosecutor leader coach president-elect \
 vice-president marshall spc pfc sfc ssg specialist";

/// Words that start a title only when a head follows ("Prime Minister", "Foreign Minister").
pub(crate) const MODIFIERS: &str = "prime vice deputy foreign defense defence interior finance health justice field \
 crown supreme acting assistant associate district county state police fire executive managing general \
 lieutenant major brigadier chief senior special first grand lance staff master petty rear staff-sergeant \
 former interim secretary economy education energy trade information culture transport oil army navy \
 military security national";

/// Portfolios after "Secretary of" ("Secretary of State").
const PORTFOLIOS: &str =
    "state defense defence health justice energy commerce labor labour education \
 transportation agriculture treasury interior homeland";

/// Lower-case nouns that, just before a name, say it is a person's ("spokesman", "commander").
pub(crate) const ROLE_NOUNS: &str = "spokesman spokeswoman spokesperson commander leader chief president minister premier \
 envoy lawmaker legislator member chairman chairwoman director official officer general colonel judge senator \
 governor mayor ambassador secretary king queen prince princess sheikh dictator strongman journalist reporter \
 correspondent analyst professor doctor representative suspect victim resident son daughter wife husband \
 father mother brother sister uncle aunt cousin nephew niece boyfriend girlfriend deputy detective sheriff \
 trooper lieutenant sergeant captain coach player actor actress singer rapper author writer founder ceo \
 executive owner manager student teacher pastor priest imam attorney lawyer prosecutor investigator witness \
 neighbor neighbour friend candidate activist head warlord strongman marshal emir sultan counterpart \
 successor predecessor adviser advisor aide negotiator mediator photographer editor researcher scientist \
 economist diplomat politician councilman councilwoman boss gunman shooter driver pilot nurse surgeon";

static HEAD_SET: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| HEADS.split_whitespace().collect());
static MODIFIER_SET: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| MODIFIERS.split_whitespace().collect());
static PORTFOLIO_SET: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| PORTFOLIOS.split_whitespace().collect());
static ROLE_SET: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| ROLE_NOUNS.split_whitespace().collect());

/// Calls `f` with the word lower-cased, without a trailing dot.
fn with_norm<R>(word: &str, f: impl FnOnce(&str) -> R) -> R {
    herald_text::with_lowercase(word.trim_end_matches('.'), f)
}

/// A word that is or ends a title ("General", "Dr.", "Secretary-General").
pub fn is_title_head(word: &str) -> bool {
    with_norm(word, |w| HEAD_SET.contains(w))
}

fn is_modifier(word: &str) -> bool {
    with_norm(word, |w| MODIFIER_SET.contains(w))
}

/// A word that starts a title when a head follows ("Prime", "Deputy", "Field").
pub fn is_modifier_word(word: &str) -> bool {
    is_modifier(word)
}

/// A title abbreviation written with a dot ("Dr.", "Gen.", "Mr."), after which a name continues.
pub fn is_abbreviation(word: &str) -> bool {
    with_norm(word, |w| {
        matches!(
            w,
            "dr" | "mr"
                | "mrs"
                | "ms"
                | "mx"
                | "gen"
                | "col"
                | "lt"
                | "maj"
                | "capt"
                | "cpt"
                | "sgt"
                | "cmdr"
                | "adm"
                | "brig"
                | "cpl"
                | "pvt"
                | "det"
                | "insp"
                | "supt"
                | "prof"
                | "rev"
                | "gov"
                | "sen"
                | "rep"
                | "st"
                | "jr"
                | "sr"
                | "ft"
                | "spc"
                | "pfc"
                | "sfc"
                | "ssg"
                | "mt"
        )
    })
}

/// A lower-case role noun that marks the following name as a person ("spokesman").
pub fn is_role_noun(word: &str) -> bool {
    herald_text::with_lowercase(word, |w| ROLE_SET.contains(w))
}

/// Finds the title at the start of `words`: returns how many words it takes, or 0.
///
/// A title is a run of modifiers ending in a head ("Deputy Prime Minister"), or a head alone
/// ("Dr."), optionally followed by "of" and a portfolio ("Secretary of State"). Only a run that
/// leaves at least one word for the name counts, so "General Assembly" alone is no title.
pub fn title_run(words: &[&str]) -> usize {
    title_run_by(
        words,
        |i| is_title_head(words[i]),
        |i| is_modifier(words[i]),
    )
}

/// [`title_run`] with the head and modifier tests of the word at each index given: mention
/// finding keeps each word's answers, asked again as a run is split.
pub(crate) fn title_run_by(
    words: &[&str],
    head: impl Fn(usize) -> bool,
    modifier: impl Fn(usize) -> bool,
) -> usize {
    let mut best = 0;
    let mut i = 0;
    while i < words.len() {
        if head(i) {
            let mut end = i + 1;
            if end + 1 < words.len()
                && words[end] == "of"
                && with_norm(words[end + 1], |w| PORTFOLIO_SET.contains(w))
            {
                end += 2;
            }
            best = end;
            i = end;
            continue;
        }
        if modifier(i) {
            i += 1;
            continue;
        }
        break;
    }
    if best >= words.len() {
        // A title with nothing after it: the caller drops it; report the whole length.
        return words.len();
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_titles_before_names() {
        assert_eq!(title_run(&["Prime", "Minister", "Jane", "Doe"]), 2);
        assert_eq!(title_run(&["Field", "Marshal", "Karimov"]), 2);
        assert_eq!(title_run(&["Dr.", "Ana", "Lopez"]), 1);
        assert_eq!(title_run(&["Secretary-General", "Ban", "Ki-moon"]), 1);
        assert_eq!(title_run(&["Secretary", "of", "State", "John", "Kerry"]), 3);
        assert_eq!(title_run(&["Deputy", "Prime", "Minister", "Ivan"]), 3);
        assert_eq!(title_run(&["John", "Smith"]), 0);
        assert_eq!(title_run(&["Foreign", "Affairs"]), 0);
    }

    #[test]
    fn roles_and_abbreviations() {
        assert!(is_role_noun("spokesman"));
        assert!(is_abbreviation("Dr."));
        assert!(is_abbreviation("Gen"));
        assert!(!is_abbreviation("Karimov"));
    }
}
