//! `cargo run -p herald-server --example serve -- DB [ADDR]`: the server alone, without
//! the rest of the `herald` binary (handy while working on the pages).

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let db = args.next().unwrap_or_else(|| "herald.db".into());
    let addr = args.next().unwrap_or_else(|| "127.0.0.1:8080".into());
    herald_server::serve(std::path::Path::new(&db), addr.parse()?)
}
