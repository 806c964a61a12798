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
    keys_alike, name_words, person_keys_alike, PersonKeys, Thresholds, TokenKeys,
};

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
        // Each character folded on its own (as `fold` of a one-character string, without the
        // string: 1k digest 17.8 M instructions of small Strings in here before).
        let piece = if c.is_ascii_alphanumeric() {
            Some(c.to_ascii_lowercase())
        } else {
            crate::transliteration::fold_char(c).filter(char::is_ascii)
        };
        match piece {
            Some(p) => out.push(p),
            None => {
                if !out.is_empty() && !out.ends_with('-') {
                    out.push('-');
                }
            }
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

/// One consonant skeleton variant: a word's skeleton, or the skeleton with one class
/// deleted. Two skeletons at most one edit apart (the most similarity allows) always share
/// one of these.
#[derive(Clone, Copy)]
struct Variant<'a> {
    skeleton: &'a [char],
    skip: Option<usize>,
}

/// The skeleton of a word and, from four classes up (similarity accepts a one-edit skeleton
/// difference only from there), its one-class deletions.
fn variants(keys: &TokenKeys) -> impl Iterator<Item = Variant<'_>> + Clone {
    let skeleton = keys.skeleton_chars();
    let edits = if skeleton.len() >= 4 {
        skeleton.len()
    } else {
        0
    };
    std::iter::once(None)
        .chain((0..edits).map(Some))
        .map(move |skip| Variant { skeleton, skip })
}

/// A piece of a block's name.
#[derive(Clone, Copy)]
enum Piece<'a> {
    Text(&'a str),
    Letter(Option<char>),
    Variant(Variant<'a>),
}

/// Builds block names in one reused buffer and hashes each as the `str` it spells: the
/// same hashes the blocks had when each name was a `format!`ed `String` ("person:p:KDN:gTMRLN"),
/// without an allocation per block. 1k-article digest: `format!` and the sorting and
/// dropping of those strings were 2.8% and more of all instructions (see the commit for the
/// total before and after).
#[derive(Default)]
struct Namer {
    buf: String,
}

impl Namer {
    fn hash(&mut self, pieces: &[Piece]) -> u64 {
        self.hash_after(pieces, &[])
    }

    /// The hash of the name spelt by `prefix` followed by `rest`.
    fn hash_after(&mut self, prefix: &[Piece], rest: &[Piece]) -> u64 {
        self.buf.clear();
        for piece in prefix.iter().chain(rest) {
            match *piece {
                Piece::Text(t) => self.buf.push_str(t),
                Piece::Letter(c) => self.buf.extend(c),
                Piece::Variant(v) => self.buf.extend(
                    v.skeleton
                        .iter()
                        .enumerate()
                        .filter(|&(i, _)| Some(i) != v.skip)
                        .map(|(_, &c)| c),
                ),
            }
        }
        hashed(&self.buf)
    }
}

/// The blocks an entity is filed under (as a new thing) and the blocks it looks in (for
/// earlier things), as hashes of their names. Every pair of entities that is the same thing
/// meets in one: exact name keys, the gazetteer's canonical name, or spelling blocks; so
/// [`link`] compares each entity with a handful of candidates instead of every thing seen (a
/// 10,000-article stream: 453 s comparing with all things of the same type; see the closing
/// figures of issue #6).
struct Blocks {
    file: Vec<u64>,
    look: Vec<u64>,
}

fn blocks(
    e: &Entity,
    keys: &[String],
    canonical: Option<&str>,
    spelling: &Spelling,
    namer: &mut Namer,
) -> Blocks {
    use Piece::{Letter, Text, Variant as V};
    let kind = e.kind.as_str();
    let mut both: Vec<u64> = keys
        .iter()
        .map(|k| namer.hash(&[Text(kind), Text(":k:"), Text(k)]))
        .collect();
    if let Some(g) = canonical {
        both.push(namer.hash(&[Text(kind), Text(":g:"), Text(g)]));
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
            // Middle names are filed apart from given names, so "X County Coroner"s do not
            // all meet under "County": a name looks among middle names only with its given
            // name (the rule compares the shorter name's given name with the longer's
            // middle ones).
            let words = person.words();
            let given = &words[0];
            let middles = &words[1..words.len() - 1];
            for v in variants(person.surname()) {
                let at = [Text(kind), Text(":p:"), V(v)];
                let name = |namer: &mut Namer, tag: &str, extra: Piece| {
                    namer.hash(&[at[0], at[1], at[2], Text(tag), extra])
                };
                for g in variants(given) {
                    both.push(name(namer, ":g", V(g)));
                    look.push(name(namer, ":m", V(g)));
                }
                for m in middles.iter().flat_map(variants) {
                    file.push(name(namer, ":m", V(m)));
                    look.push(name(namer, ":g", V(m)));
                }
                let all_of_letter = name(namer, ":a", Letter(letter));
                let initials_of_letter = name(namer, ":i", Letter(letter));
                if initial {
                    file.push(initials_of_letter);
                    look.push(all_of_letter);
                }
                file.push(all_of_letter);
                look.push(initials_of_letter);
            }
        }
        Spelling::Words(w) => {
            // Organisation and place names alike word by word: blocked by their first word
            // and, from two words, their last word too, so a common first word does not
            // make one huge block. (`w` holds the keys of the name's words.)
            let count = w.len().to_string();
            if let Some(first) = w.first() {
                for v in variants(first) {
                    let at = [
                        Text(kind),
                        Text(":s"),
                        Text(&count),
                        Text(":"),
                        V(v),
                        Text(":"),
                    ];
                    match w.len() {
                        1 => both.push(namer.hash(&at)),
                        2 => {
                            for l in variants(&w[1]) {
                                both.push(namer.hash_after(&at, &[V(l)]));
                            }
                        }
                        // From three words, the last two: "South Church Street" and "South
                        // Wayne Street" share their first and last words (blocks of hundreds
                        // of streets).
                        n => {
                            for p in variants(&w[n - 2]) {
                                for l in variants(&w[n - 1]) {
                                    both.push(namer.hash_after(&at, &[V(p), Text("+"), V(l)]));
                                }
                            }
                        }
                    }
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
    namer: Namer,
    linked: Linked,
}

/// The thing each recently linked entity went to, by everything its link depends on: its
/// type, name and name keys (see [`Seen`]). An entity linked again (the same name in story
/// after story) goes to the same thing without its blocks being walked again: the things
/// filed since it was linked all come after its thing, and the first thing that is the
/// same wins, so its answer cannot change. On a 100k-article stream a recurring long
/// organisation name looked in about 180 blocks and walked their long lists each time:
/// linking time grew faster than the stream (see the commit for the figures).
#[derive(Default)]
struct Linked {
    /// Hash of the entity's [`Seen`] → the entity and its thing. A hash shared by two
    /// entities keeps the first; the other is linked the long way every time.
    things: FxHashMap<u64, (Seen, u32)>,
}

/// Entities remembered, up to this many (then forgotten at once, as the word keys are).
const LINKED_CACHE: usize = 1 << 17;

/// What an entity's link depends on: [`same_thing`], [`blocks`] and the id read its type,
/// its name (canonical name, spelling) and its name keys (the name's and the multi-word
/// forms') and nothing else.
#[derive(PartialEq)]
struct Seen {
    kind: EntityType,
    name: Box<str>,
    keys: Box<[String]>,
}

impl Linked {
    fn hash(kind: EntityType, name: &str, keys: &[String]) -> u64 {
        let mut h = FxHasher::default();
        kind.hash(&mut h);
        name.hash(&mut h);
        keys.hash(&mut h);
        h.finish()
    }

    fn get(&self, hash: u64, kind: EntityType, name: &str, keys: &[String]) -> Option<u32> {
        let (seen, thing) = self.things.get(&hash)?;
        (seen.kind == kind && *seen.name == *name && *seen.keys == *keys).then_some(*thing)
    }

    fn remember(&mut self, hash: u64, seen: Seen, thing: u32) {
        if self.things.len() >= LINKED_CACHE {
            self.things.clear();
        }
        self.things.entry(hash).or_insert((seen, thing));
    }
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
            let seen_hash = Linked::hash(e.kind, &e.name, &ek);
            if let Some(index) = self.linked.get(seen_hash, e.kind, &e.name, &ek) {
                e.id = Some(self.things[index as usize].id.to_string());
                continue;
            }
            let canonical = gazetteer::lookup(&e.name).map(|k| k.canonical);
            let own_spelling = spelling(e);
            let own_blocks = blocks(e, &ek, canonical, &own_spelling, &mut self.namer);
            let key_strings = ek;
            let ek: Vec<u64> = key_strings.iter().map(|k| hashed(k)).collect();
            let mut candidates: Vec<u32> = own_blocks
                .look
                .iter()
                .flat_map(|&b| self.blocks.things(b))
                .collect();
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
            let seen = Seen {
                kind: e.kind,
                name: e.name.as_str().into(),
                keys: key_strings.into(),
            };
            let index = match found {
                Some(i) => {
                    self.linked.remember(seen_hash, seen, i);
                    i as usize
                }
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
                    for &b in &own_blocks.file {
                        self.blocks.file(b, index as u32);
                    }
                    // Linked again, the entity would find its own new thing only if the
                    // thing is filed in a block the entity looks in and is the same thing
                    // (an entity without keys may not be): else it is linked the long way.
                    let listed = own_blocks
                        .look
                        .iter()
                        .any(|b| own_blocks.file.binary_search(b).is_ok());
                    let thing = &self.things[index];
                    if listed && same_thing(thing, e, &thing.keys, canonical, &thing.spelling, t) {
                        self.linked.remember(seen_hash, seen, index as u32);
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
        // Every name again after the others (linked from the remembered links), and again
        // with a form of its own (other keys: linked the long way).
        let once = entities.clone();
        entities.extend(once.iter().cloned());
        entities.extend(once.iter().map(|x| {
            let mut x = x.clone();
            x.forms.push(format!("{} Group", x.name));
            x
        }));
        let mut blocked = entities.clone();
        let mut linker = Linker::default();
        linker.link_event(&mut blocked);
        assert!(linker.linked.things.len() >= once.len(), "links remembered");

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
        assert!(
            matched > 100 + 2 * once.len(),
            "the names should link often ({matched})"
        );
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
