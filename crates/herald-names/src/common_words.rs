//! Common English words that are capitalised only because they start a sentence or a line.
//!
//! A capitalised word at the start of a sentence ("The", "However", "Residents") is not evidence
//! of a name. [`is_stopword`] lists function words, which are never a name on their own anywhere;
//! [`is_common`] adds frequent content words of news prose, which are not names when they open a
//! sentence. The mention finder also uses the article's own lower-case words as evidence, so
//! these lists only need to cover the frequent cases.

use rustc_hash::FxHashSet as HashSet;
use std::sync::LazyLock;

pub(crate) const STOPWORDS: &str = "a an the this that these those there here his her hers its their theirs our ours your yours my mine \
 he she it they we you i me him us them who whom whose which what whatever whoever when where why how \
 and or but nor so yet if then than though although because since unless until while whereas whether \
 as at by for from in into of off on onto out over to up upon with within without about above across after \
 against along amid amidst among around before behind below beneath beside besides between beyond during \
 except inside like near outside past per regarding through throughout toward towards under underneath unlike via \
 be is are was were been being am do does did done have has had having will would shall should can could may might must \
 not no yes all any both each either every few many more most much neither none other others some such \
 one two three four five six seven eight nine ten eleven twelve twenty thirty forty fifty hundred thousand million billion \
 first second third last next also only just even still again already always never ever often sometimes soon \
 now today tonight yesterday tomorrow however meanwhile moreover furthermore nevertheless nonetheless therefore thus hence \
 instead indeed perhaps maybe otherwise accordingly likewise similarly consequently additionally finally \
 earlier later once twice very too quite rather almost nearly about around some several \
 i'm i've i'll i'd we're we've we'll we'd you're you've you'll they're they've they'll it's he's she's \
 that's there's here's what's let's don't doesn't didn't can't cannot won't isn't aren't wasn't weren't";

pub(crate) const COMMON: &str = "according after afterwards again ago ahead all among analysts another anyone anything apparently \
 area areas armed army arrest arrested attack attacks authorities battle battles breaking but casualties civilians \
 clashes command commander commanders council critics despite details developments diplomats director does doctors \
 during each early east eastern elsewhere every everyone everything expand families family fighters fighting \
 following forces foreign friday further government governments group groups hospital hospitals in-depth \
 investigators journalists killed last late latest leader leaders local many members militants militia militias \
 ministers ministry most monday news next north northern nothing observers officers official officials \
 opponents opposition organizers others our over people photo photos please police president prime reports \
 read related rebels reporters residents saturday security several shooting shortly since soldiers some \
 sources south southern sunday thursday tuesday wednesday thanks things troops under update updated upon \
 video violence victims west western while witnesses world yet authorities deputies detectives officer \
 firefighters paramedics neighbors neighbours students teachers parents children women men man woman boy girl \
 suspect suspects victim police-said gov't govt editor editors note watch click share advertisement \
 subscribe copyright home top more less live breaking exclusive analysis opinion comment comments \
 protesters demonstrators supporters leaders forces troops tanks aircraft warplanes airstrikes airstrike \
 strikes shelling explosions witnesses medics rescuers workers staff residents sources state states \
 national international regional federal central local public private military political economic \
 new old big small large great good bad high low long short full free open major minor senior junior \
 chief head heads body bodies court judges lawyers prosecutors charges charged officials spokesman spokeswoman \
 initially overall together unfortunately fortunately luckily sadly clearly obviously certainly surely \
 already currently recently previously originally eventually ultimately immediately suddenly quickly \
 former thousands hundreds dozens scores millions allied fellow dear am pm ok \
 neighbor neighbour relatives friends family relatives";

pub(crate) const CALENDAR: &str = "monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat sun \
 january february march april may june july august september october november december \
 jan feb mar apr jun jul aug sep sept oct nov dec christmas easter";

static STOP: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| STOPWORDS.split_whitespace().collect());
static COMMON_SET: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    COMMON
        .split_whitespace()
        .chain(STOPWORDS.split_whitespace())
        .collect()
});
static CALENDAR_SET: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| CALENDAR.split_whitespace().collect());

/// A function word ("the", "however", "he"): never a name by itself. Takes a lower-cased word.
pub fn is_stopword(lower: &str) -> bool {
    if lower.contains('’') {
        return STOP.contains(lower.replace('’', "'").as_str());
    }
    STOP.contains(lower)
}

/// A frequent word of news prose: not a name when it opens a sentence. Takes a lower-cased word.
pub fn is_common(lower: &str) -> bool {
    COMMON_SET.contains(lower)
}

/// A day or month name ("Thursday", "April"): capitalised, but a date, not a name.
pub fn is_calendar(lower: &str) -> bool {
    CALENDAR_SET.contains(lower.trim_end_matches('.'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_answer_lower_case_words() {
        assert!(is_stopword("the"));
        assert!(is_stopword("however"));
        assert!(is_stopword("i’m"));
        assert!(!is_stopword("residents"));
        assert!(is_common("residents"));
        assert!(is_common("meanwhile"));
        assert!(is_calendar("thursday"));
        assert!(is_calendar("apr."));
        assert!(!is_common("karimov"));
    }
}
