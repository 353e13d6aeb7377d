//! Throughput of the whole `extract` pipeline against a bare Aho-Corasick scan of the same patterns, on
//! the same generated corpus, in the same run: the ratio shows what folding, boundaries, context and
//! resolution cost on top of the scan. Also the time to build the default extractor.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};

mod corpus;

fn extract(c: &mut Criterion) {
    let docs = corpus::corpus(42, 1 << 20);
    let bytes: usize = docs.iter().map(String::len).sum();
    let extractor = nkner::Extractor::new();
    let bare = corpus::bare_scan(&extractor);

    let mut group = c.benchmark_group("throughput");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.sample_size(20);
    group.bench_function("bare_aho_corasick_scan", |b| {
        b.iter(|| {
            docs.iter()
                .map(|d| bare.find_iter(d).count())
                .sum::<usize>()
        })
    });
    group.bench_function("extract_pipeline", |b| {
        b.iter(|| {
            docs.iter()
                .map(|d| extractor.extract(d).len())
                .sum::<usize>()
        })
    });
    group.finish();
}

fn construct(c: &mut Criterion) {
    let mut group = c.benchmark_group("construct");
    group.sample_size(10);
    group.bench_function("default_extractor", |b| b.iter(nkner::Extractor::new));
    group.finish();
}

criterion_group!(benches, extract, construct);
criterion_main!(benches);
