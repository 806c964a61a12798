//! Resolution: one entity per real person, organisation or place across an event's articles.
//!
//! Mentions are first grouped by exact spelling, then by spelling up to case and punctuation
//! ("U.S." and "US"). The groups are then joined in three passes, always comparing a candidate
//! with a cluster's *seed* (its best-attested form), never with any member, so that a chain of
//! near spellings cannot join two different names:
//! 1. multi-word names, most frequent first: full personal names whose given names and surnames
//!    are both alike ("Ahmad Qasim" / "Ahmed Gasim"), organisation and place names whose words
//!    are alike, gazetteer aliases ("Russian Federation" / "Russia");
//! 2. one-word names: a surname joins the full name whose last word it spells ("Karimov" →
//!    "Islam Karimov"), unless two full names claim it equally; otherwise it joins a one-word
//!    cluster it spells alike, or starts its own;
//! 3. acronyms: given in parentheses in the text, well known ("UN"), or the initials of a
//!    multi-word organisation name in the event ("KLF" → "Karimov Liberation Front").
//!
//! A person never joins a place or an organisation; two different gazetteer names never join.
//! Every joined spelling records a [`Merge`] with the rule and its evidence.

use std::cell::OnceCell;
use std::collections::BTreeSet;

use rustc_hash::FxHashMap as HashMap;

use herald_model::{Entity, EntityType, Mention, Merge};

use crate::gazetteer::{self, key, Known};
use crate::mention::PLACE_QUALIFIED_HEADS;
use crate::similarity::{
    cut_generation, full_names_alike, keys_alike, keys_likeness, name_words, person_keys_alike,
    person_words, surname_alike, words_alike, NameMatch, PersonKeys, Thresholds, TokenKeys,
};
use crate::Options;

/// Whether `short` is the initials of `long` ("WHO" of "World Health Organization").
pub fn initials_match(long: &str, short: &str) -> bool {
    // The letters and initials are compared as they are read, not collected into Strings,
    // and small words lower-cased on the stack (1k digest: about 3.4 k instructions a call
    // before, most of them allocations).
    let want = || {
        short
            .chars()
            .filter(|c| c.is_alphabetic())
            .flat_map(char::to_uppercase)
    };
    if want().nth(1).is_none() {
        return false;
    }
    let small = |w: &str| {
        herald_text::with_lowercase(w, |w| {
            matches!(
                w,
                "of" | "the" | "and" | "for" | "in" | "on" | "de" | "la" | "du" | "des" | "&"
            )
        })
    };
    let initials = |split_hyphens: bool| {
        long.split(move |c: char| c.is_whitespace() || (split_hyphens && c == '-'))
            .filter(|w| !w.is_empty() && !small(w))
            .filter_map(|w| w.chars().find(|c| c.is_alphabetic()))
            .flat_map(char::to_uppercase)
    };
    initials(false).eq(want()) || initials(true).eq(want())
}

fn is_acronym(text: &str) -> bool {
    // Two to eight letters, all capitals, no space; counted without collecting the letters
    // (1k digest: 23 M instructions over 31k calls with a Vec of them).
    if text.contains(' ') {
        return false;
    }
    let mut letters = 0;
    for c in text.chars().filter(|c| c.is_alphabetic()) {
        if !c.is_uppercase() {
            return false;
        }
        letters += 1;
    }
    (2..=8).contains(&letters)
}

/// All mentions of one spelling up to case and punctuation.
#[derive(Debug, Clone)]
struct Unit<'a> {
    /// Spellings as written: (text, count, first mention index).
    texts: Vec<(String, usize, usize)>,
    key: String,
    count: usize,
    first: usize,
    /// The articles, borrowed from the mentions (a copy per mention was most of the cost
    /// of grouping them).
    articles: BTreeSet<&'a str>,
    votes: [usize; 4],
    declared: Vec<String>,
}

impl Unit<'_> {
    /// The most frequent spelling (ties: first seen).
    fn rep(&self) -> &str {
        self.texts.first().map(|t| t.0.as_str()).unwrap_or("")
    }

    fn kind(&self) -> EntityType {
        if let Some(k) = gazetteer::lookup(self.rep()) {
            return k.kind;
        }
        vote(&self.votes)
    }
}

const KINDS: [EntityType; 4] = [
    EntityType::Person,
    EntityType::Organization,
    EntityType::Location,
    EntityType::Other,
];

fn slot(kind: EntityType) -> usize {
    match kind {
        EntityType::Person => 0,
        EntityType::Organization => 1,
        EntityType::Location => 2,
        EntityType::Other => 3,
    }
}

/// The majority type over non-Other votes; ties go to person, then organisation, then place.
fn vote(votes: &[usize; 4]) -> EntityType {
    let mut best = EntityType::Other;
    let mut most = 0;
    for (i, &n) in votes.iter().take(3).enumerate() {
        if n > most {
            most = n;
            best = KINDS[i];
        }
    }
    best
}

fn compatible(a: EntityType, b: EntityType) -> bool {
    a == b || a == EntityType::Other || b == EntityType::Other
}

fn person_like(kind: EntityType) -> bool {
    matches!(kind, EntityType::Person | EntityType::Other)
}

/// Two gazetteer names that differ ("Iran", "Iraq") must never join (`a` and `b` are their
/// gazetteer entries).
fn gazetteer_conflict(a: Option<&Known>, b: Option<&Known>) -> bool {
    match (a, b) {
        (Some(x), Some(y)) => x.canonical != y.canonical,
        _ => false,
    }
}

/// Names `a` and `b` (gazetteer entries `ka`, `kb`) of one known thing.
fn gazetteer_alias(a: &str, b: &str, ka: Option<&Known>, kb: Option<&Known>) -> Option<NameMatch> {
    let (x, y) = (ka?, kb?);
    (x.canonical == y.canonical).then(|| NameMatch {
        rule: "alias",
        evidence: format!("{a} and {b} are names of {}", x.canonical),
        distance: 0.0,
    })
}

/// What the resolution rules compare of one unit's name, computed once: an event of a
/// hundred articles compares each of its hundreds of names with every cluster.
struct Spelt<'a> {
    name: &'a str,
    /// Its gazetteer entry.
    known: Option<&'static Known>,
    /// Keys of its words (as `words_alike` compares them).
    words: Vec<TokenKeys>,
    /// Its words' exact keys (as `qualified` compares them).
    word_keys: Vec<String>,
    /// A full personal name's keys.
    person: Option<PersonKeys>,
    /// How many words it has as a personal name (generational suffix dropped).
    person_words: usize,
    /// Keys of the whole name as one token: only one-word names are compared so, and they
    /// are made for those alone.
    whole: OnceCell<TokenKeys>,
}

impl<'a> Spelt<'a> {
    fn new(name: &'a str) -> Self {
        let words = name_words(name);
        let keys: Vec<TokenKeys> = words.iter().map(|w| TokenKeys::new(w)).collect();
        Spelt {
            name,
            known: gazetteer::lookup(name),
            person: PersonKeys::from_words(&words, &keys),
            person_words: cut_generation(&words).0,
            words: keys,
            word_keys: words.iter().map(|w| key(w)).collect(),
            whole: OnceCell::new(),
        }
    }

    fn whole(&self) -> &TokenKeys {
        self.whole.get_or_init(|| TokenKeys::new(self.name))
    }

    /// Whether `words_alike` finds the two names alike (same number of words, each alike).
    fn words_alike(&self, other: &Spelt, t: &Thresholds) -> bool {
        self.words.len() == other.words.len()
            && !self.words.is_empty()
            && self
                .words
                .iter()
                .zip(&other.words)
                .all(|(a, b)| keys_alike(a, b, t).is_some())
    }

    /// Whether `qualified` can hold: two words or more in the shorter name, which ends the
    /// longer one.
    fn may_qualify(&self, other: &Spelt) -> bool {
        let (a, b) = (&self.word_keys, &other.word_keys);
        let (short, long) = if a.len() < b.len() { (a, b) } else { (b, a) };
        short.len() >= 2 && short.len() != long.len() && long.ends_with(short)
    }
}

/// "UN Security Council" and "Security Council": one name qualified by an acronym or a
/// gazetteer name of its parent or country.
fn qualified(a: &str, b: &str) -> Option<NameMatch> {
    let (wa, wb) = (name_words(a), name_words(b));
    let (short, long) = if wa.len() < wb.len() {
        (wa, wb)
    } else {
        (wb, wa)
    };
    if short.len() < 2 || short.len() == long.len() {
        return None;
    }
    let cut = long.len() - short.len();
    let same = long[cut..]
        .iter()
        .zip(&short)
        .all(|(x, y)| key(x) == key(y));
    let prefix = &long[..cut];
    let qualifiers = prefix
        .iter()
        .all(|w| is_acronym(w) || gazetteer::lookup(w).is_some());
    (same && qualifiers).then(|| NameMatch {
        rule: "qualified name",
        evidence: format!(
            "{} is {} qualified by {}",
            long.join(" "),
            short.join(" "),
            prefix.join(" ")
        ),
        distance: 0.5,
    })
}

#[derive(Debug)]
struct Cluster {
    seed: usize,
    members: Vec<usize>,
    /// (unit, rule, evidence) for every member but the seed.
    merges: Vec<(usize, &'static str, String)>,
    kind: EntityType,
}

impl Cluster {
    fn new(seed: usize, kind: EntityType) -> Self {
        Cluster {
            seed,
            members: vec![seed],
            merges: Vec::new(),
            kind,
        }
    }

    fn join(&mut self, unit: usize, kind: EntityType, m: NameMatch) {
        self.members.push(unit);
        self.merges.push((unit, m.rule, m.evidence));
        if self.kind == EntityType::Other {
            self.kind = kind;
        }
    }
}

fn units(mentions: &[Mention]) -> Vec<Unit<'_>> {
    let mut by_key: HashMap<String, usize> = HashMap::default();
    let mut out: Vec<Unit> = Vec::new();
    // The key of each mention is folded into one reused buffer: only a new unit copies it.
    let mut k = String::new();
    for (i, m) in mentions.iter().enumerate() {
        let text = m.text.trim();
        gazetteer::key_into(text, &mut k);
        if k.is_empty() {
            continue;
        }
        let idx = match by_key.get(k.as_str()) {
            Some(&idx) => idx,
            None => {
                out.push(Unit {
                    texts: Vec::new(),
                    key: k.clone(),
                    count: 0,
                    first: i,
                    articles: BTreeSet::new(),
                    votes: [0; 4],
                    declared: Vec::new(),
                });
                by_key.insert(k.clone(), out.len() - 1);
                out.len() - 1
            }
        };
        let u = &mut out[idx];
        u.count += 1;
        u.articles.insert(&m.article);
        u.votes[slot(m.kind)] += 1;
        if let Some(a) = &m.acronym {
            if !u.declared.iter().any(|d| key(d) == key(a)) {
                u.declared.push(a.clone());
            }
        }
        match u.texts.iter_mut().find(|t| t.0 == text) {
            Some(t) => t.1 += 1,
            None => u.texts.push((text.to_string(), 1, i)),
        }
    }
    for u in &mut out {
        u.texts.sort_by(|a, b| b.1.cmp(&a.1).then(a.2.cmp(&b.2)));
    }
    out
}

/// "Springfield" is a place when the event names the "Springfield Police Department": the
/// words before a local organisation's head ("Police", "Fire", "Township") name its town.
fn place_qualifiers(units: &mut [Unit]) {
    let orgs: Vec<(String, usize)> = units
        .iter()
        .filter(|u| u.kind() == EntityType::Organization)
        .map(|u| (u.key.clone(), u.count))
        .collect();
    for u in units.iter_mut() {
        if gazetteer::lookup(u.rep()).is_some() || is_acronym(u.rep()) {
            continue;
        }
        let qualifies: usize = orgs
            .iter()
            .filter(|(k, _)| {
                k.strip_prefix(u.key.as_str())
                    .and_then(|rest| rest.strip_prefix(' '))
                    .and_then(|rest| rest.split(' ').next())
                    .is_some_and(|head| PLACE_QUALIFIED_HEADS.contains(&head))
            })
            .map(|(_, n)| *n)
            .sum();
        if qualifies > 0 {
            u.votes[slot(EntityType::Location)] += qualifies + u.count;
        }
    }
}

fn best(
    found: impl Iterator<Item = (usize, NameMatch)>,
    sizes: &[usize],
) -> Option<(usize, NameMatch)> {
    let mut all: Vec<(usize, NameMatch)> = found.collect();
    all.sort_by(|a, b| {
        a.1.distance
            .total_cmp(&b.1.distance)
            .then(sizes[b.0].cmp(&sizes[a.0]))
            .then(a.0.cmp(&b.0))
    });
    let mut it = all.into_iter();
    let first = it.next()?;
    if let Some(second) = it.next() {
        // Two clusters claim the name equally well: join only a clearly dominant one.
        if second.1.distance <= first.1.distance && sizes[first.0] < 2 * sizes[second.0] {
            return None;
        }
    }
    Some(first)
}

/// Resolves the mentions of one event into entities. See the module docs for the rules.
pub fn resolve_with(mentions: &[Mention], opts: &Options) -> Vec<Entity> {
    let t: &Thresholds = &opts.similarity;
    let mut units = units(mentions);
    place_qualifiers(&mut units);
    let mut order: Vec<usize> = (0..units.len()).collect();
    order.sort_by(|&a, &b| {
        units[b]
            .count
            .cmp(&units[a].count)
            .then(units[a].first.cmp(&units[b].first))
    });
    // Every name's keys, once: most pairs are told apart on them, and only a pair they
    // cannot rule out is compared in full (which also writes the evidence).
    let spelt: Vec<Spelt> = units.iter().map(|u| Spelt::new(u.rep())).collect();
    // `Unit::kind`, with the gazetteer entry already looked up.
    let kind_of = |u: usize| {
        spelt[u]
            .known
            .map_or_else(|| vote(&units[u].votes), |k| k.kind)
    };
    // Words that carry identity; a person's generational suffix ("Jr.") is not one.
    let words_of = |u: usize| {
        if person_like(kind_of(u)) {
            spelt[u].person_words
        } else {
            spelt[u].words.len()
        }
    };
    let (acronyms, rest): (Vec<usize>, Vec<usize>) =
        order.iter().partition(|&&u| is_acronym(units[u].rep()));
    let (multi, single): (Vec<usize>, Vec<usize>) = rest.iter().partition(|&&u| words_of(u) >= 2);

    let mut clusters: Vec<Cluster> = Vec::new();
    // Per cluster, the mentions of its members, kept as they join.
    let mut sizes: Vec<usize> = Vec::new();
    let join = |clusters: &mut Vec<Cluster>,
                sizes: &mut Vec<usize>,
                found: Option<(usize, NameMatch)>,
                u: usize,
                kind: EntityType| {
        match found {
            Some((ci, m)) => {
                clusters[ci].join(u, kind, m);
                sizes[ci] += units[u].count;
            }
            None => {
                clusters.push(Cluster::new(u, kind));
                sizes.push(units[u].count);
            }
        }
    };

    // 1. Multi-word names against multi-word seeds.
    for &u in &multi {
        let (rep, kind) = (units[u].rep(), kind_of(u));
        let own = &spelt[u];
        let found = clusters.iter().enumerate().filter_map(|(ci, c)| {
            let (seed, theirs) = (units[c.seed].rep(), &spelt[c.seed]);
            if !compatible(kind, c.kind) || gazetteer_conflict(own.known, theirs.known) {
                return None;
            }
            if let Some(m) = gazetteer_alias(rep, seed, own.known, theirs.known) {
                return Some((ci, m));
            }
            let m = if person_like(kind) && person_like(c.kind) {
                match (&theirs.person, &own.person) {
                    (Some(a), Some(b)) if person_keys_alike(a, b, t) => {
                        full_names_alike(seed, rep, t)
                    }
                    _ => None,
                }
            } else if theirs.words_alike(own, t) {
                words_alike(seed, rep, t)
            } else if theirs.may_qualify(own) {
                qualified(seed, rep)
            } else {
                None
            };
            m.map(|m| (ci, m))
        });
        let found = best(found, &sizes);
        join(&mut clusters, &mut sizes, found, u, kind);
    }
    let multi_clusters = clusters.len();

    // 2. One-word names: surname of a full name, else alike a one-word seed. Spelling keys
    // once per name, not once per comparison.
    for &u in &single {
        let (rep, kind) = (units[u].rep(), kind_of(u));
        let alias = clusters.iter().enumerate().find_map(|(ci, c)| {
            let theirs = spelt[c.seed].known;
            gazetteer_alias(rep, units[c.seed].rep(), spelt[u].known, theirs).map(|m| (ci, m))
        });
        if alias.is_some() {
            join(&mut clusters, &mut sizes, alias, u, kind);
            continue;
        }
        let known = spelt[u].known.is_some();
        // `surname_alike` needs this one word alike the seed's surname.
        let own = match person_words(rep).0.as_slice() {
            [one] => Some(TokenKeys::new(one)),
            _ => None,
        };
        let surname = clusters[..multi_clusters]
            .iter()
            .enumerate()
            .filter(|(_, c)| !known && person_like(kind) && person_like(c.kind))
            .filter(|(_, c)| match (&own, &spelt[c.seed].person) {
                (Some(a), Some(b)) => keys_alike(a, b.surname(), t).is_some(),
                _ => false,
            })
            .filter_map(|(ci, c)| surname_alike(rep, units[c.seed].rep(), t).map(|m| (ci, m)));
        let surname = best(surname, &sizes);
        if surname.is_some() {
            join(&mut clusters, &mut sizes, surname, u, kind);
            continue;
        }
        let alike = clusters
            .iter()
            .enumerate()
            .skip(multi_clusters)
            .filter(|(_, c)| compatible(kind, c.kind))
            .filter(|(_, c)| !is_acronym(units[c.seed].rep()))
            .filter(|(_, c)| !gazetteer_conflict(spelt[u].known, spelt[c.seed].known))
            .filter_map(|(ci, c)| {
                let seed = units[c.seed].rep();
                keys_likeness(spelt[c.seed].whole(), spelt[u].whole(), t).map(|l| {
                    let rule = if l.distance == 0.0 {
                        "spelling variant"
                    } else {
                        "transliteration"
                    };
                    let m = NameMatch {
                        rule,
                        evidence: format!("{rep} is spelt like {seed}: {}", l.evidence()),
                        distance: l.distance,
                    };
                    (ci, m)
                })
            });
        let alike = best(alike, &sizes);
        join(&mut clusters, &mut sizes, alike, u, kind);
    }

    // 3. Acronyms: declared in parentheses, well known, or initials of a name in the event.
    for &u in &acronyms {
        let (rep, kind) = (units[u].rep(), kind_of(u));
        let ukey = &units[u].key;
        let declared = clusters.iter().position(|c| {
            c.members
                .iter()
                .any(|&m| units[m].declared.iter().any(|d| key(d) == *ukey))
        });
        let found = declared
            .map(|ci| {
                let long = units[clusters[ci].seed].rep();
                let m = NameMatch {
                    rule: "acronym of",
                    evidence: format!("the text writes {long} ({rep})"),
                    distance: 0.0,
                };
                (ci, m)
            })
            .or_else(|| {
                clusters.iter().enumerate().find_map(|(ci, c)| {
                    c.members
                        .iter()
                        .find_map(|&m| {
                            gazetteer_alias(rep, units[m].rep(), spelt[u].known, spelt[m].known)
                        })
                        .map(|mut m| {
                            m.rule = "acronym of";
                            m.evidence = format!("well-known abbreviation: {}", m.evidence);
                            (ci, m)
                        })
                })
            })
            .or_else(|| {
                clusters.iter().enumerate().find_map(|(ci, c)| {
                    if c.kind == EntityType::Person {
                        return None;
                    }
                    c.members.iter().find_map(|&m| {
                        let long = units[m].rep();
                        (words_of(m) >= 2 && initials_match(long, rep)).then(|| {
                            let m = NameMatch {
                                rule: "acronym of",
                                evidence: format!("{rep} is the initials of {long}"),
                                distance: 0.0,
                            };
                            (ci, m)
                        })
                    })
                })
            });
        join(&mut clusters, &mut sizes, found, u, kind);
    }

    let mut entities: Vec<Entity> = clusters.iter().map(|c| entity(c, &units)).collect();
    entities.sort_by(|a, b| b.mentions.cmp(&a.mentions).then(a.name.cmp(&b.name)));
    entities
}

fn entity(c: &Cluster, units: &[Unit]) -> Entity {
    let mut forms: Vec<(String, usize, usize)> = c
        .members
        .iter()
        .flat_map(|&u| units[u].texts.iter().cloned())
        .collect();
    forms.sort_by(|a, b| b.1.cmp(&a.1).then(a.2.cmp(&b.2)));

    let seed = units[c.seed].rep();
    let canonical = gazetteer::lookup(seed).map(|k| key(k.canonical));
    let name = canonical
        .and_then(|ck| forms.iter().find(|f| key(&f.0) == ck))
        .or_else(|| forms.iter().find(|f| name_words(&f.0).len() >= 2))
        .or_else(|| forms.first())
        .map(|f| f.0.clone())
        .unwrap_or_default();

    let mut votes = [0usize; 4];
    // Only counted: borrowed, not copied.
    let mut articles: BTreeSet<&str> = BTreeSet::new();
    let mut mentions = 0;
    for &u in &c.members {
        for (v, n) in votes.iter_mut().zip(units[u].votes) {
            *v += n;
        }
        articles.extend(units[u].articles.iter().copied());
        mentions += units[u].count;
    }
    let kind = gazetteer::lookup(seed)
        .map(|k| k.kind)
        .unwrap_or_else(|| vote(&votes));

    let mut merges = Vec::new();
    let spelling = |form: &str, into: &str| Merge {
        form: form.to_string(),
        into: into.to_string(),
        rule: "spelling variant".to_string(),
        evidence: "the same name written with other capitals or punctuation".to_string(),
    };
    for (unit, rule, evidence) in &c.merges {
        // When the merged unit supplies the entity's name, the seed is the form that
        // joined it: record the same rule for the seed.
        let rep = units[*unit].rep();
        let form = if rep == name { seed } else { rep };
        if form != name {
            merges.push(Merge {
                form: form.to_string(),
                into: name.clone(),
                rule: rule.to_string(),
                evidence: evidence.clone(),
            });
        }
    }
    for &u in &c.members {
        for (text, _, _) in units[u].texts.iter().skip(1) {
            if *text != name {
                merges.push(spelling(text, &name));
            }
        }
    }

    Entity {
        id: None,
        name,
        kind,
        forms: forms.into_iter().map(|f| f.0).collect(),
        mentions,
        articles: articles.len(),
        merges,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(text: &str, kind: EntityType, article: &str) -> Mention {
        Mention {
            text: text.to_string(),
            kind,
            role: None,
            acronym: None,
            article: article.to_string(),
            sentence: 0,
            start: 0,
            end: text.len(),
        }
    }

    fn run(ms: &[Mention]) -> Vec<Entity> {
        resolve_with(ms, &Options::default())
    }

    fn entity_of<'a>(es: &'a [Entity], form: &str) -> Option<&'a Entity> {
        es.iter().find(|e| e.forms.iter().any(|f| f == form))
    }

    fn together(es: &[Entity], a: &str, b: &str) -> bool {
        match (entity_of(es, a), entity_of(es, b)) {
            (Some(x), Some(y)) => x.name == y.name && x.forms == y.forms,
            _ => false,
        }
    }

    use EntityType::{Location as L, Organization as O, Other as X, Person as P};

    #[test]
    fn transliterations_and_surnames_join() {
        let ms = vec![
            m("Tamerlan Gaddani", P, "a"),
            m("Gaddani", X, "a"),
            m("Tamerlan Qaddani", P, "b"),
            m("Qadhani", X, "b"),
            m("Islam Karimov", P, "a"),
            m("Kerimov", X, "b"),
            m("Karimov", P, "b"),
        ];
        let es = run(&ms);
        assert!(together(&es, "Tamerlan Gaddani", "Tamerlan Qaddani"));
        assert!(together(&es, "Gaddani", "Qadhani"));
        assert!(together(&es, "Gaddani", "Tamerlan Qaddani"));
        assert!(together(&es, "Kerimov", "Islam Karimov"));
        let k = entity_of(&es, "Karimov").expect("Karimov");
        assert_eq!(k.name, "Islam Karimov");
        assert_eq!(k.kind, P);
        assert_eq!(k.mentions, 3);
        assert_eq!(k.articles, 2);
        assert!(k.merges.iter().any(|m| m.rule == "surname of full name"));
        assert!(k
            .merges
            .iter()
            .any(|m| m.form == "Kerimov" && m.rule.contains("surname")));
    }

    #[test]
    fn differing_given_names_and_types_block() {
        let ms = vec![
            m("Ahmed Qasim", P, "a"),
            m("Ahmed al-Tayeb", P, "a"),
            m("Mohammed al-Tayeb", P, "a"),
            m("Rustal", P, "a"),
            m("Rustam Karimov", P, "a"),
            m("Qatar", L, "a"),
            m("Qaddani", P, "a"),
            m("Mastura", L, "a"),
            m("Masturi", P, "a"),
        ];
        let es = run(&ms);
        assert!(!together(&es, "Ahmed Qasim", "Ahmed al-Tayeb"));
        assert!(!together(&es, "Mohammed al-Tayeb", "Ahmed al-Tayeb"));
        assert!(!together(&es, "Rustal", "Rustam Karimov"));
        assert!(!together(&es, "Qatar", "Qaddani"));
        assert!(!together(&es, "Mastura", "Masturi"));
    }

    #[test]
    fn acronyms_join_expansions() {
        let mut who = m("World Health Organization", O, "a");
        who.acronym = Some("WHO".to_string());
        let ms = vec![
            who,
            m("WHO", O, "b"),
            m("UN", O, "a"),
            m("United Nations", O, "b"),
            m("EU", O, "a"),
            m("European Union", O, "a"),
            m("Karimov Liberation Front", O, "a"),
            m("KLF", O, "b"),
            m("USA", L, "a"),
            m("U.S.", L, "a"),
            m("United States", L, "b"),
            m("Russian Federation", L, "a"),
            m("Russia", L, "a"),
        ];
        let es = run(&ms);
        assert!(together(&es, "WHO", "World Health Organization"));
        assert!(together(&es, "UN", "United Nations"));
        assert!(together(&es, "EU", "European Union"));
        assert!(!together(&es, "UN", "European Union"));
        assert!(together(&es, "KLF", "Karimov Liberation Front"));
        assert!(together(&es, "USA", "United States"));
        assert!(together(&es, "U.S.", "USA"));
        assert!(together(&es, "Russia", "Russian Federation"));
        let un = entity_of(&es, "UN").expect("UN");
        assert_eq!(un.name, "United Nations");
        let us = entity_of(&es, "USA").expect("US");
        assert_eq!(us.name, "United States");
    }

    #[test]
    fn qualified_names_join() {
        let ms = vec![
            m("NATO Military Committee", O, "a"),
            m("Military Committee", O, "b"),
            m("Karimov Military Committee", P, "b"),
        ];
        let es = run(&ms);
        assert!(together(
            &es,
            "NATO Military Committee",
            "Military Committee"
        ));
        assert!(!together(
            &es,
            "Karimov Military Committee",
            "Military Committee"
        ));
    }

    #[test]
    fn no_chains_through_members() {
        // Each neighbour is one edit from the next, but the ends are far apart.
        let ms = vec![
            m("Baratov", X, "a"),
            m("Baratov", X, "a"),
            m("Baradov", X, "a"),
            m("Paradov", X, "a"),
        ];
        let es = run(&ms);
        assert!(together(&es, "Baratov", "Baradov"));
        assert!(!together(&es, "Baratov", "Paradov"));
    }

    #[test]
    fn ambiguous_surname_stays_apart() {
        let ms = vec![
            m("Logan Tate", P, "a"),
            m("Michael Tate", P, "a"),
            m("Tate", X, "a"),
        ];
        let es = run(&ms);
        assert!(!together(&es, "Tate", "Logan Tate"));
        assert!(!together(&es, "Tate", "Michael Tate"));
    }

    #[test]
    fn generational_suffixes() {
        let ms = vec![
            m("Jonas Burr Jr", P, "a"),
            m("Jonas Burr Jr", P, "a"),
            m("Jonas Burr Sr", P, "a"),
            m("Burr Jr", P, "b"),
            m("Burr Sr", X, "b"),
        ];
        let es = run(&ms);
        assert!(!together(&es, "Jonas Burr Jr", "Jonas Burr Sr"));
        assert!(together(&es, "Burr Jr", "Jonas Burr Jr"));
        assert!(together(&es, "Burr Sr", "Jonas Burr Sr"));
    }

    #[test]
    fn town_before_a_police_department_is_a_place() {
        let ms = vec![
            m("Oak Hollow", P, "a"),
            m("Oak Hollow Police Department", O, "a"),
            m("Tess Marrow", P, "a"),
        ];
        let es = run(&ms);
        assert_eq!(entity_of(&es, "Oak Hollow").map(|e| e.kind), Some(L));
        assert_eq!(entity_of(&es, "Tess Marrow").map(|e| e.kind), Some(P));
    }

    #[test]
    fn merge_evidence_reads_as_a_sentence() {
        let ms = vec![
            m("Islam Karimov", P, "a"),
            m("Islam Karimov", P, "a"),
            m("Islam Kerimov", P, "b"),
            m("Karimov", X, "b"),
        ];
        let es = run(&ms);
        let k = entity_of(&es, "Karimov").expect("Karimov");
        let surname = k
            .merges
            .iter()
            .find(|m| m.form == "Karimov")
            .expect("merge");
        assert_eq!(surname.evidence, "Karimov is the surname of Islam Karimov");
        let spelling = k
            .merges
            .iter()
            .find(|m| m.form == "Islam Kerimov")
            .expect("merge");
        assert!(
            spelling
                .evidence
                .starts_with("same given name Islam; surnames Karimov ~ Kerimov: same consonants"),
            "{}",
            spelling.evidence
        );
    }

    #[test]
    fn entities_sorted_and_forms_ordered() {
        let ms = vec![
            m("Zed", X, "a"),
            m("Samarkand", L, "a"),
            m("Samarkand", L, "b"),
            m("Samarqand", L, "b"),
            m("Samarqand", L, "b"),
            m("Samarqand", L, "b"),
        ];
        let es = run(&ms);
        assert_eq!(es[0].forms, vec!["Samarqand", "Samarkand"]);
        assert_eq!(es[0].mentions, 5);
        assert_eq!(es[1].name, "Zed");
    }

    #[test]
    fn initials() {
        assert!(initials_match("World Health Organization", "WHO"));
        assert!(initials_match("Agence France-Presse", "AFP"));
        assert!(initials_match(
            "Organization for Security and Co-operation in Europe",
            "OSCE"
        ));
        assert!(!initials_match("United Nations", "EU"));
        assert!(!initials_match("", ""));
    }

    /// The initials compared as read give what comparing collected Strings gave.
    #[test]
    fn initials_read_as_collected() {
        fn collected(long: &str, short: &str) -> bool {
            let want: String = short
                .chars()
                .filter(|c| c.is_alphabetic())
                .flat_map(char::to_uppercase)
                .collect();
            if want.chars().count() < 2 {
                return false;
            }
            let small = |w: &str| {
                matches!(
                    w.to_lowercase().as_str(),
                    "of" | "the" | "and" | "for" | "in" | "on" | "de" | "la" | "du" | "des" | "&"
                )
            };
            let initials = |split_hyphens: bool| -> String {
                long.split(|c: char| c.is_whitespace() || (split_hyphens && c == '-'))
                    .filter(|w| !w.is_empty() && !small(w))
                    .filter_map(|w| w.chars().find(|c| c.is_alphabetic()))
                    .flat_map(char::to_uppercase)
                    .collect()
            };
            initials(false) == want || initials(true) == want
        }
        let longs = [
            "World Health Organization",
            "Agence France-Presse",
            "Organization for Security and Co-operation in Europe",
            "United Nations",
            "Bank of the Straße",
            "ßtraße Union",
            "Of The And",
            "  Islamic   State  ",
            "Médecins Sans Frontières",
            "",
            "-",
            "A-B-C",
        ];
        let shorts = [
            "WHO", "AFP", "OSCE", "UN", "BS", "SSU", "SU", "", "I", "IS", "MSF", "ABC", "A",
            "A.B.C.", "Un",
        ];
        for long in longs {
            for short in shorts {
                assert_eq!(
                    initials_match(long, short),
                    collected(long, short),
                    "{long} / {short}"
                );
            }
        }
    }

    #[test]
    fn odd_input_never_panics() {
        let _ = run(&[]);
        let _ = run(&[
            m("", X, "a"),
            m("   ", P, "a"),
            m("...", O, "b"),
            m("北京", L, "a"),
        ]);
    }
}
