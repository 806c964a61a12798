//! `herald serve`: the store's JSON API, web pages and Atom feed.

use std::net::SocketAddr;
use std::path::PathBuf;

use anyhow::Result;
use clap::Args;

#[derive(Args, Debug)]
pub struct ServeArgs {
    /// The store to serve (written by `herald ingest`).
    #[arg(long, default_value = "herald.db", value_name = "FILE")]
    pub db: PathBuf,
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1:8080", value_name = "ADDR")]
    pub addr: SocketAddr,
}

pub fn serve(args: ServeArgs) -> Result<()> {
    herald_server::serve(&args.db, args.addr)
}
