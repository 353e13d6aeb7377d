#[path = "../benches/corpus.rs"]
mod corpus;
fn main() {
    let docs = corpus::corpus(42, 32 << 20);
    let e = nkner::Extractor::new();
    let t = std::time::Instant::now();
    let n: usize = docs.iter().map(|d| e.extract(d).len()).sum();
    let bytes: usize = docs.iter().map(String::len).sum();
    eprintln!(
        "{n} spans, {:.1} MB/s",
        bytes as f64 / t.elapsed().as_secs_f64() / 1e6
    );
}
