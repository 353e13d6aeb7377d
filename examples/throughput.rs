//! Prints the throughput of `extract` and of a bare Aho-Corasick scan of the same patterns on the same
//! generated corpus, and their ratio: a quick check between criterion runs.
//! `cargo run --release --example throughput -- 32` uses 32 MB.

#[path = "../benches/corpus.rs"]
mod corpus;

fn main() {
    let megabytes: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(16);
    let docs = corpus::corpus(42, megabytes << 20);
    let bytes: usize = docs.iter().map(String::len).sum();
    let extractor = nkner::Extractor::new();
    let bare = corpus::bare_scan(&extractor);
    let rate = |f: &dyn Fn() -> usize| {
        let best = (0..3)
            .map(|_| {
                let t = std::time::Instant::now();
                std::hint::black_box(f());
                t.elapsed().as_secs_f64()
            })
            .fold(f64::INFINITY, f64::min);
        bytes as f64 / best / 1e6
    };
    let scan = rate(&|| docs.iter().map(|d| bare.find_iter(d).count()).sum());
    let pipeline = rate(&|| docs.iter().map(|d| extractor.extract(d).len()).sum());
    println!(
        "corpus: {} documents, {:.1} MB",
        docs.len(),
        bytes as f64 / 1e6
    );
    println!("bare Aho-Corasick scan: {scan:.1} MB/s");
    println!("extract pipeline:       {pipeline:.1} MB/s");
    println!("ratio pipeline / scan:  {:.2}", pipeline / scan);
}
