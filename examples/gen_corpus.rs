//! Writes a deterministic JSON Lines corpus of news-like articles to standard output, for benchmarks:
//! `cargo run --release --example gen_corpus -- 200` writes at least 200 MB.
//!
//! Each line is `{"id": N, "text": "..."}`, the text four paragraphs of the generator the criterion
//! benchmark uses (`benches/corpus.rs`), separated by blank lines.

use std::io::{BufWriter, Write};

// Shared with the benchmarks, which use the parts this example does not.
#[allow(dead_code)]
#[path = "../benches/corpus.rs"]
mod corpus;

fn main() -> std::io::Result<()> {
    let megabytes: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(10);
    let target = megabytes * 1_000_000;
    let mut rng = corpus::Rng::new(42);
    let mut out = BufWriter::new(std::io::stdout().lock());
    let mut written = 0;
    let mut id = 0u64;
    while written < target {
        let text: Vec<String> = (0..4).map(|_| corpus::paragraph(&mut rng)).collect();
        let line = serde_json::json!({"id": id, "text": text.join("\n\n")}).to_string();
        writeln!(out, "{line}")?;
        written += line.len() + 1;
        id += 1;
    }
    out.flush()
}
