//! Prints the name mentions and entities of the text on standard input, one article per
//! blank-line-free block is not assumed: the whole input is one article.
//!
//! `cargo run -p herald-names --example names < article.txt`

use std::io::Read;

fn main() {
    let mut text = String::new();
    if std::io::stdin().read_to_string(&mut text).is_err() {
        eprintln!("could not read standard input");
        return;
    }
    let sentences = herald_text::sentences(&text);
    let mentions = herald_names::mentions("stdin", &text, &sentences);
    for m in &mentions {
        println!(
            "mention  {:<30} {:<12} role={:?} sentence={}",
            m.text,
            m.kind.as_str(),
            m.role,
            m.sentence
        );
    }
    for e in herald_names::resolve(&mentions) {
        println!(
            "entity   {:<30} {:<12} {:?}",
            e.name,
            e.kind.as_str(),
            e.forms
        );
        for m in &e.merges {
            println!(
                "           {} → {}: {} ({})",
                m.form, m.into, m.rule, m.evidence
            );
        }
    }
}
