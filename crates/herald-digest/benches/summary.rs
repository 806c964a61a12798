//! How long one event of 100 articles takes to summarise (`summarize`) and to digest
//! whole (`digest_event`: entities, facts, timeline, title and summary).
//!
//! The articles are generated: a deterministic mix of one event's sentences (a shared
//! core of facts told in varied words, with changing tolls) and each outlet's own
//! background and filler, about 25 sentences of 20 words each, like real news copy.
//! Analysis (sentences, mentions, claims) is done once outside the timing.

use criterion::{criterion_group, criterion_main, Criterion};
use herald_digest::{analyze, digest_event, summarize, Analyzed, Options};
use herald_model::Article;

const SUBJECTS: &[&str] = &[
    "Rescue teams",
    "The regional governor",
    "Local officials",
    "The fire brigade",
    "Aid workers",
    "The national weather office",
    "Hospital staff",
    "The mayor of the port town",
    "Volunteers from nearby villages",
    "The interior ministry",
];
const VERBS: &[&str] = &[
    "said",
    "reported",
    "confirmed",
    "warned",
    "announced",
    "estimated",
    "told reporters",
];
const FACTS: &[&str] = &[
    "the flood waters rose overnight along the northern river valley",
    "several bridges were swept away near the old market",
    "thousands of residents were moved to schools and sports halls",
    "the main road to the coast remained closed for a third day",
    "power was cut to most of the eastern districts",
    "heavy rain is expected to continue until the weekend",
    "army helicopters dropped food and water to stranded farms",
    "the dam upstream was inspected for cracks",
];
const FILLER: &[&str] = &[
    "The town has a long history of trade with its neighbours across the bay.",
    "Prices of bread and fuel climbed in the local shops during the week.",
    "A football match planned for Sunday was moved to another city.",
    "Schools in the area will stay shut until further notice.",
    "Insurance companies said claims would take months to settle.",
];

struct Rng(u64);
impl Rng {
    fn next(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

fn articles(n: usize) -> Vec<Analyzed> {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    (0..n)
        .map(|i| {
            let mut text = String::new();
            let toll = 10 + i * 2;
            text.push_str(&format!(
                "At least {toll} people have been killed in the floods, {} {}.\n\n",
                SUBJECTS[rng.next(SUBJECTS.len())].to_lowercase(),
                VERBS[rng.next(VERBS.len())]
            ));
            for _ in 0..24 {
                if rng.next(3) == 0 {
                    text.push_str(FILLER[rng.next(FILLER.len())]);
                } else {
                    text.push_str(&format!(
                        "{} {} that {} on day {}.",
                        SUBJECTS[rng.next(SUBJECTS.len())],
                        VERBS[rng.next(VERBS.len())],
                        FACTS[rng.next(FACTS.len())],
                        rng.next(9) + 1
                    ));
                }
                text.push_str(if rng.next(3) == 0 { "\n\n" } else { " " });
            }
            analyze(Article {
                id: format!("a{i:03}"),
                title: Some(format!("Floods kill {toll} in the river valley")),
                url: None,
                source: Some(format!("outlet{}", i % 17)),
                published: Some(format!("2024-03-{:02}", 1 + i % 20)),
                language: Some("en".into()),
                text,
                removed: Vec::new(),
                duplicate_of: None,
                event: None,
            })
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let analyzed = articles(100);
    let members: Vec<&Analyzed> = analyzed.iter().collect();
    let entities = Vec::new();
    let facts = Vec::new();
    c.bench_function("summarize 100 articles, 40 words", |b| {
        b.iter(|| summarize(&members, &entities, &facts, 40))
    });
    c.bench_function("summarize 100 articles, 250 words", |b| {
        b.iter(|| summarize(&members, &entities, &facts, 250))
    });
    let options = Options::default();
    c.bench_function("digest_event 100 articles", |b| {
        b.iter(|| digest_event("e1", &members, &options))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
