//! Linking: one id per real person, organisation or place across events.
//!
//! [`resolve`](crate::resolve) works inside one event; a story that runs for weeks spreads over
//! many events, and a reader (or the store) wants "every event about this person". [`link`]
//! walks the events in the order given and the entities of each in order, and gives every
//! entity the id of the first earlier entity that is the same thing, or a new id:
//! `person/islam-karimov`, `organization/united-nations`, `location/samarkand`.
//!
//! Two entities are the same thing when their types agree and their names are alike by the
//! rules resolution uses: a gazetteer alias ("UN" and "United Nations"), the same name up to
//! case and punctuation (the entity's name or one of its multi-word forms), full personal
//! names alike in given name and surname ("Tamerlan Gaddani" / "Tamerlan Qaddani"), or
//! organisation and place names alike word by word. Each entity is compared with the *first*
//! entity of a thing (its seed), never with every member, so near spellings cannot chain two
//! different names together. A surname alone is linked only to the same surname alone: it is
//! too weak to attach to someone's full name in another story.
//!
//! The id is a slug of the seed's name (the gazetteer's canonical name when known), with
//! `-2`, `-3`... when two different things would share a slug. Same input, same ids.
//!
//! [`Linker`] does the same one event at a time, so a long stream's events can be linked
//! as they are digested and written out, not held. Blocks and name keys are kept as 64-bit
//! hashes: on a million-article stream the linker holds millions of them.

use std::hash::{Hash, Hasher};

use rustc_hash::{FxHashMap, FxHasher};

use herald_model::{Entity, EntityType};

use crate::gazetteer::{self, key};
use crate::similarity::{
    keys_alike, name_words, person_keys_alike, person_words, PersonKeys, Thresholds, TokenKeys,
};
use crate::transliteration::skeleton;

/// One real thing seen so far: its id, type and seed names.
struct Thing {
    id: Box<str>,
    kind: EntityType,
    /// Hashes of the keys of the seed's name and multi-word forms.
    keys: Box<[u64]>,
    /// The gazetteer's canonical name for the seed, when it knows it.
    canonical: Option<&'static str>,
    /// The seed's name tokens as the similarity rules compare them.
    spelling: Spelling,
}

/// The tokens [`same_thing`]'s similarity rules compare first, keyed once per name: the
/// surname of a full personal name, or every word of an organisation or place name. A pair
/// whose tokens are not alike cannot match, so most candidates are ruled out without the
/// full comparison.
enum Spelling {
    /// A person named by two words or more.
    FullName(PersonKeys),
    /// An organisation or place: the keys of its words.
    Words(Vec<TokenKeys>),
    /// Nothing the similarity rules can match (a lone surname, type `Other`).
    None,
}

fn spelling(e: &Entity) -> Spelling {
    match e.kind {
        EntityType::Person => match PersonKeys::new(&e.name) {
            Some(keys) => Spelling::FullName(keys),
            None => Spelling::None,
        },
        EntityType::Organization | EntityType::Location => Spelling::Words(
            name_words(&e.name)
                .into_iter()
                .map(TokenKeys::new)
                .collect(),
        ),
        EntityType::Other => Spelling::None,
    }
}

/// Lower-case ASCII words joined by hyphens: "Abdel-Karim al-Zayn" → "abdel-karim-al-zayn".
fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars() {
        let folded = crate::transliteration::fold(&c.to_string());
        let piece = if c.is_ascii_alphanumeric() {
            c.to_ascii_lowercase().to_string()
        } else if !folded.is_empty() && folded.is_ascii() {
            folded
        } else {
            String::new()
        };
        if piece.is_empty() {
            if !out.is_empty() && !out.ends_with('-') {
                out.push('-');
            }
        } else {
            out.push_str(&piece);
        }
    }
    let out = out.trim_end_matches('-').to_string();
    if out.is_empty() {
        "unnamed".to_string()
    } else {
        out
    }
}

fn keys(e: &Entity) -> Vec<String> {
    let mut out = vec![key(&e.name)];
    for f in &e.forms {
        let k = key(f);
        if k.contains(' ') && !out.contains(&k) {
            out.push(k);
        }
    }
    out.retain(|k| !k.is_empty());
    out
}

/// The consonant skeleton of a word and its one-letter deletions: two skeletons at most one
/// edit apart (the most similarity allows) always share one of these.
fn skeleton_variants(word: &str) -> Vec<String> {
    let chars: Vec<char> = skeleton(word).chars().collect();
    let mut variants = vec![chars.iter().collect::<String>()];
    // Similarity accepts a one-edit skeleton difference only from four consonants up.
    let edits = if chars.len() >= 4 { chars.len() } else { 0 };
    for skip in 0..edits {
        variants.push(
            chars
                .iter()
                .enumerate()
                .filter(|&(i, _)| i != skip)
                .map(|(_, c)| c)
                .collect(),
        );
    }
    variants
}

/// The blocks an entity is filed under (as a new thing) and the blocks it looks in (for
/// earlier things). Every pair of entities that is the same thing meets in one: exact name
/// keys, the gazetteer's canonical name, or spelling blocks; so [`link`] compares each
/// entity with a handful of candidates instead of every thing seen (a 10,000-article
/// stream: 453 s comparing with all things of the same type; see the closing figures of
/// issue #6).
struct Blocks {
    file: Vec<String>,
    look: Vec<String>,
}

fn blocks(e: &Entity, keys: &[String], canonical: Option<&str>, spelling: &Spelling) -> Blocks {
    let kind = e.kind.as_str();
    let mut both: Vec<String> = keys.iter().map(|k| format!("{kind}:k:{k}")).collect();
    if let Some(g) = canonical {
        both.push(format!("{kind}:g:{g}"));
    }
    let mut file = Vec::new();
    let mut look = Vec::new();
    // Spelling blocks only where the similarity rules can match at all: a full personal
    // name (both sides need two words), an organisation or place name of the same number
    // of words (compared word by word).
    match spelling {
        Spelling::FullName(person) => {
            // Surnames alike, and given names alike by spelling (a given or middle name's
            // skeleton variant) or by the initial rule ("J. Roe" fits any Roe whose given
            // name starts with J). The initial rule's block of every J. Roe, Jane Roe and
            // John Roe is read only by names that are initials: blocking all of them by the
            // given name's first letter or class made blocks of thousands of people on a
            // 300k-article stream (47 candidates per entity and growing).
            let (initial, letter) = person.given_initial();
            let letter = letter.map(String::from).unwrap_or_default();
            // Middle names are filed apart from given names, so "X County Coroner"s do not
            // all meet under "County": a name looks among middle names only with its given
            // name (the rule compares the shorter name's given name with the longer's
            // middle ones).
            let (given, middles) = person.given_variants();
            for v in person.surname().skeleton_variants() {
                for g in &given {
                    both.push(format!("{kind}:p:{v}:g{g}"));
                    look.push(format!("{kind}:p:{v}:m{g}"));
                }
                for m in &middles {
                    file.push(format!("{kind}:p:{v}:m{m}"));
                    look.push(format!("{kind}:p:{v}:g{m}"));
                }
                let all_of_letter = format!("{kind}:p:{v}:a{letter}");
                let initials_of_letter = format!("{kind}:p:{v}:i{letter}");
                if initial {
                    file.push(initials_of_letter.clone());
                    look.push(all_of_letter.clone());
                }
                file.push(all_of_letter);
                look.push(initials_of_letter);
            }
        }
        Spelling::Words(w) => {
            // Organisation and place names alike word by word: blocked by their first word
            // and, from two words, their last word too, so a common first word does not
            // make one huge block.
            let words = name_words(&e.name);
            let firsts = person_words(&e.name)
                .0
                .first()
                .map(|f| skeleton_variants(f))
                .unwrap_or_default();
            // From three words, the last two: "South Church Street" and "South Wayne
            // Street" share their first and last words (blocks of hundreds of streets).
            let lasts = match words.len() {
                0 | 1 => vec![String::new()],
                2 => skeleton_variants(words[1]),
                n => {
                    let last = skeleton_variants(words[n - 1]);
                    skeleton_variants(words[n - 2])
                        .iter()
                        .flat_map(|p| last.iter().map(move |l| format!("{p}+{l}")))
                        .collect()
                }
            };
            let count = w.len();
            for v in &firsts {
                for g in &lasts {
                    both.push(format!("{kind}:s{count}:{v}:{g}"));
                }
            }
        }
        Spelling::None => {}
    }
    file.extend_from_slice(&both);
    look.extend(both);
    for list in [&mut file, &mut look] {
        list.sort_unstable();
        list.dedup();
    }
    Blocks { file, look }
}

fn same_thing(
    thing: &Thing,
    e: &Entity,
    ek: &[u64],
    canonical: Option<&'static str>,
    spelling: &Spelling,
    t: &Thresholds,
) -> bool {
    if thing.kind != e.kind {
        return false;
    }
    if let (Some(a), Some(b)) = (thing.canonical, canonical) {
        return a == b;
    }
    if ek.iter().any(|k| thing.keys.contains(k)) {
        return true;
    }
    match (&thing.spelling, spelling) {
        (Spelling::FullName(a), Spelling::FullName(b)) => person_keys_alike(a, b, t),
        (Spelling::Words(a), Spelling::Words(b)) => {
            // `words_alike` word by word: same number of words, each alike, distances summed.
            if a.len() != b.len() || a.is_empty() {
                return false;
            }
            let mut distance = 0.0;
            for (x, y) in a.iter().zip(b) {
                match keys_alike(x, y, t) {
                    Some((_, d)) => distance += d,
                    None => return false,
                }
            }
            distance <= 1.0
        }
        _ => false,
    }
}

/// Sets [`Entity::id`] on every entity of every event so that one real thing has the same id
/// in every event (see the module docs for the rules). Call it after the events are digested,
/// with the events in a stable order (oldest first); ids already set are overwritten.
pub fn link(events: &mut [Vec<Entity>]) {
    let mut linker = Linker::default();
    for event in events.iter_mut() {
        linker.link_event(event);
    }
}

/// [`link`] one event at a time: the things seen so far, their blocks and the ids taken.
#[derive(Default)]
pub struct Linker {
    thresholds: Thresholds,
    things: Vec<Thing>,
    blocks: BlockLists,
    /// Per id slug (hashed: a million things' slugs as strings cost 80 MB), how many
    /// things have it.
    taken: FxHashMap<u64, u32>,
}

/// The things filed under each block, as linked lists in one vector: a million-article
/// stream files tens of millions of (block, thing) pairs, and a `Vec` per block cost
/// about 60 bytes each where a list entry costs 8 (300k-article stream: peak memory of
/// the whole run 1.53 GB with a `Vec` per block; see the commit for the figure after).
#[derive(Default)]
struct BlockLists {
    /// Block hash (32 bits: two blocks that collide only give more candidates to compare)
    /// → index in `entries` of the block's latest thing.
    heads: FxHashMap<u32, u32>,
    /// (thing, index of the block's previous entry or `u32::MAX`).
    entries: Vec<(u32, u32)>,
}

impl BlockLists {
    fn file(&mut self, block: u64, thing: u32) {
        let next = self.entries.len() as u32;
        let previous = self.heads.insert(fold32(block), next).unwrap_or(u32::MAX);
        self.entries.push((thing, previous));
    }

    /// The things filed under `block`, latest first.
    fn things(&self, block: u64) -> impl Iterator<Item = u32> + '_ {
        let mut at = self.heads.get(&fold32(block)).copied().unwrap_or(u32::MAX);
        std::iter::from_fn(move || {
            let &(thing, previous) = self.entries.get(at as usize)?;
            at = previous;
            Some(thing)
        })
    }
}

fn fold32(h: u64) -> u32 {
    (h ^ (h >> 32)) as u32
}

fn hashed(text: &str) -> u64 {
    let mut h = FxHasher::default();
    text.hash(&mut h);
    h.finish()
}

impl Linker {
    /// Sets the ids of the next event's entities (events in the order [`link`] takes them).
    pub fn link_event(&mut self, entities: &mut [Entity]) {
        for e in entities.iter_mut() {
            let ek = keys(e);
            let canonical = gazetteer::lookup(&e.name).map(|k| k.canonical);
            let own_spelling = spelling(e);
            let own_blocks = blocks(e, &ek, canonical, &own_spelling);
            let look: Vec<u64> = own_blocks.look.iter().map(|b| hashed(b)).collect();
            let ek: Vec<u64> = ek.iter().map(|k| hashed(k)).collect();
            let mut candidates: Vec<u32> =
                look.iter().flat_map(|&b| self.blocks.things(b)).collect();
            // The first thing seen wins, as in a scan of all things in order.
            candidates.sort_unstable();
            candidates.dedup();
            let t = &self.thresholds;
            let found = candidates.into_iter().find(|&i| {
                same_thing(
                    &self.things[i as usize],
                    e,
                    &ek,
                    canonical,
                    &own_spelling,
                    t,
                )
            });
            let index = match found {
                Some(i) => i as usize,
                None => {
                    let name = canonical.map_or_else(|| e.name.clone(), str::to_string);
                    let base = format!("{}/{}", e.kind.as_str(), slug(&name));
                    let n = self.taken.entry(hashed(&base)).or_insert(0);
                    *n += 1;
                    let id = if *n == 1 { base } else { format!("{base}-{n}") };
                    self.things.push(Thing {
                        id: id.into(),
                        kind: e.kind,
                        keys: ek.into(),
                        canonical,
                        spelling: own_spelling,
                    });
                    let index = self.things.len() - 1;
                    for b in &own_blocks.file {
                        self.blocks.file(hashed(b), index as u32);
                    }
                    index
                }
            };
            e.id = Some(self.things[index].id.to_string());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Blocking only saves comparisons: linking gives the ids a scan of every earlier thing
    /// gives, on names built to meet in the blocks' corners (spellings one edit apart,
    /// initials, middle names taken for given names, generational suffixes, multi-word
    /// places sharing first and last words).
    #[test]
    fn blocked_linking_finds_what_a_full_scan_finds() {
        let given = [
            "Jane", "Jayne", "J.", "John", "Jon", "Tamerlan", "Temerlan", "T.", "Syed",
        ];
        let middle = ["", "Ali ", "Jafar ", "County "];
        let surnames = [
            "Hussein",
            "Husein",
            "Gaddani",
            "Qaddani",
            "Kadhani",
            "Roe",
            "Rowe",
            "Coroner",
            "Greenhouse Jr.",
            "Greenhouse",
        ];
        let mut entities = Vec::new();
        for s in surnames {
            for m in middle {
                for g in given {
                    entities.push(e(&format!("{g} {m}{s}"), EntityType::Person, &[]));
                }
            }
        }
        for first in ["South", "North", "Sout"] {
            for mid in ["Church", "Chirch", "Wayne", ""] {
                for last in ["Street", "Streat", "Avenue"] {
                    let name = format!("{first} {mid} {last}").replace("  ", " ");
                    entities.push(e(&name, EntityType::Location, &[]));
                    entities.push(e(&name, EntityType::Organization, &[]));
                }
            }
        }
        let mut blocked = entities.clone();
        Linker::default().link_event(&mut blocked);

        // The same rules against every earlier thing, in order.
        let t = Thresholds::default();
        let mut things: Vec<Thing> = Vec::new();
        let mut matched = 0;
        for (entity, linked) in entities.iter().zip(&blocked) {
            let ek: Vec<u64> = keys(entity).iter().map(|k| hashed(k)).collect();
            let canonical = gazetteer::lookup(&entity.name).map(|k| k.canonical);
            let spelling = spelling(entity);
            let found = things
                .iter()
                .position(|thing| same_thing(thing, entity, &ek, canonical, &spelling, &t));
            match found {
                Some(i) => {
                    matched += 1;
                    assert_eq!(
                        linked.id.as_deref(),
                        Some(&*things[i].id),
                        "{}",
                        entity.name
                    );
                }
                None => things.push(Thing {
                    id: linked.id.clone().expect("linked").into(),
                    kind: entity.kind,
                    keys: ek.into(),
                    canonical,
                    spelling,
                }),
            }
        }
        assert!(matched > 100, "the names should link often ({matched})");
        assert!(things.len() > 20, "and stay apart often ({})", things.len());
    }

    fn e(name: &str, kind: EntityType, forms: &[&str]) -> Entity {
        Entity {
            id: None,
            name: name.to_string(),
            kind,
            forms: forms.iter().map(|s| s.to_string()).collect(),
            mentions: 1,
            articles: 1,
            merges: Vec::new(),
        }
    }

    use EntityType::{Location as L, Organization as O, Person as P};

    fn ids(events: &[Vec<Entity>]) -> Vec<Vec<String>> {
        events
            .iter()
            .map(|ev| {
                ev.iter()
                    .map(|x| x.id.clone().unwrap_or_default())
                    .collect()
            })
            .collect()
    }

    #[test]
    fn one_thing_one_id_across_events() {
        let mut events = vec![
            vec![
                e("Tamerlan Gaddani", P, &["Tamerlan Gaddani", "Gaddani"]),
                e("United Nations", O, &["United Nations", "UN"]),
                e("Samarkand", L, &["Samarkand"]),
            ],
            vec![
                e("Tamerlan Qaddani", P, &["Tamerlan Qaddani"]),
                e("UN", O, &["UN"]),
                e("Samarkand", L, &["Samarkand"]),
                e("Samarkand Police", O, &["Samarkand Police"]),
            ],
        ];
        link(&mut events);
        let got = ids(&events);
        assert_eq!(got[0][0], "person/tamerlan-gaddani");
        assert_eq!(got[1][0], "person/tamerlan-gaddani");
        assert_eq!(got[0][1], "organization/united-nations");
        assert_eq!(got[1][1], "organization/united-nations");
        assert_eq!(got[0][2], "location/samarkand");
        assert_eq!(got[1][2], "location/samarkand");
        assert_eq!(got[1][3], "organization/samarkand-police");
    }

    #[test]
    fn different_people_and_types_get_different_ids() {
        let mut events = vec![
            vec![
                e("Anna Karimova", P, &["Anna Karimova"]),
                e("Jordan", L, &["Jordan"]),
                e("Norris Tate Jr.", P, &["Norris Tate Jr."]),
            ],
            vec![
                e("Olga Karimova", P, &["Olga Karimova"]),
                e("Jordan", P, &["Jordan"]),
                e("Norris Tate Sr.", P, &["Norris Tate Sr."]),
                e("Karimova", P, &["Karimova"]),
            ],
        ];
        link(&mut events);
        let got = ids(&events);
        assert_ne!(got[0][0], got[1][0]);
        assert_ne!(got[0][1], got[1][1]);
        assert_eq!(got[0][1], "location/jordan");
        assert_eq!(got[1][1], "person/jordan");
        assert_ne!(got[0][2], got[1][2]);
        assert_eq!(got[1][2], "person/norris-tate-sr");
        // A surname alone does not attach to either full name.
        assert_eq!(got[1][3], "person/karimova");
    }

    #[test]
    fn ids_are_deterministic_and_slugs_unique() {
        let make = || {
            vec![
                vec![e("José Ruiz", P, &["José Ruiz"])],
                vec![e("Jose  Ruiz", P, &["Jose  Ruiz"])],
                vec![e("U.S.", L, &["U.S."]), e("Ali Baba", P, &[])],
                vec![e("Ali-Baba", O, &[]), e("Ali Baba!", O, &[])],
            ]
        };
        let (mut a, mut b) = (make(), make());
        link(&mut a);
        link(&mut b);
        assert_eq!(ids(&a), ids(&b));
        let got = ids(&a);
        assert_eq!(got[0][0], "person/jose-ruiz");
        assert_eq!(got[1][0], "person/jose-ruiz");
        assert_eq!(got[2][0], "location/united-states");
        assert_eq!(got[3][0], "organization/ali-baba");
        // One hyphenated word and two words are not alike word by word: two things, and
        // the second slug is made unique.
        assert_eq!(got[3][1], "organization/ali-baba-2");
    }

    #[test]
    fn odd_names_never_panic() {
        let mut events = vec![vec![
            e("", P, &[]),
            e("...", O, &["..."]),
            e("北京", L, &["北京"]),
        ]];
        link(&mut events);
        let got = ids(&events);
        assert_eq!(got[0][0], "person/unnamed");
        assert!(got[0].iter().all(|id| !id.is_empty()));
        link(&mut []);
    }
}
