#[allow(dead_code)]
#[path = "../benches/corpus.rs"]
mod corpus;
fn main() {
    let docs = corpus::corpus(42, 32 << 20);
    let e = nkner::Extractor::new();
    for _ in 0..3 {
        let n: usize = docs.iter().map(|d| e.extract(d).len()).sum();
        std::hint::black_box(n);
    }
}
