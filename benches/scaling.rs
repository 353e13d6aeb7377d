//! Time against a document's size: one document of 1 KB, 1 MB, 16 MB and 64 MB, in each shape of text
//! that once hid a quadratic path (dense news-like mentions, sparse mentions, readings that overlap and
//! need a closer look, rule matches, Hangul, names and heads in one endless sentence, shared names among
//! many places, a parenthesis never closed, acronyms the document defines). Criterion reports MB/s per
//! size; linear work keeps it flat across sizes within each shape. This is a benchmark and not a test:
//! a timed assertion fails on a loaded machine, whatever the code. `cargo bench --bench scaling` (several
//! minutes: the 64 MB documents are read ten times each; `cargo bench --bench scaling -- hangul` for one
//! shape).

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};

#[allow(dead_code)] // the bare scan is for the other bench
mod corpus;

const SIZES: &[(&str, usize)] = &[
    ("1KB", 1 << 10),
    ("1MB", 1 << 20),
    ("16MB", 16 << 20),
    ("64MB", 64 << 20),
];

/// One document of `bytes` bytes in the given shape.
fn document(shape: &str, bytes: usize) -> String {
    let piece = match shape {
        "dense" => return corpus::corpus(7, bytes).join("\n\n"),
        "sparse" => {
            "Prices of rice and corn were steady at the markets this week, traders said, while fuel \
             stayed dear and the weather turned cold over the whole region. Officials have ordered \
             farms to report their harvest figures by the end of the month, residents said. \
             Teachers were told to collect contributions from students for a new school building. \
             Some factories have resumed operations, but workers say wages are paid irregularly. \
             A source in Hyesan said so. "
        }
        "overlapping" => {
            "Korean People's Army Naval Forces met in Pochon, North Korea's Kangwon Province. "
        }
        "hangul" => "혜산시에서 무산군으로 양강도의 ",
        "endless-sentence" => "the Cabinet and Pochon and Samsu counties and Sinuiju-si and ",
        "shared-names" => "Hwasong and Unsan sent grain to Hyesan and Musan. ",
        "open-parenthesis" => "Ministry of State Security (agents of the ministry met ",
        "acronyms" => return defined_acronyms(bytes),
        _ => "The KPA Unit 1234 and Bureau 121 of the 4th Corps moved. ",
    };
    let mut text = piece.repeat(bytes / piece.len() + 1);
    let mut end = bytes;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text.truncate(end);
    text
}

/// Distinct acronyms, each defined once after a body's name ("Ministry of State Security (QA12)") and
/// used again later: every definition is looked for in the rest of the document.
fn defined_acronyms(bytes: usize) -> String {
    let mut text = String::with_capacity(bytes + 64);
    let mut i = 0u32;
    while text.len() < bytes {
        text.push_str(&format!(
            "Ministry of State Security (QA{i}) agents and QA{i} cadres met. "
        ));
        i += 1;
    }
    text
}

fn scaling(c: &mut Criterion) {
    let extractor = nkner::Extractor::new();
    for shape in [
        "dense",
        "sparse",
        "overlapping",
        "rules",
        "hangul",
        "endless-sentence",
        "shared-names",
        "open-parenthesis",
        "acronyms",
    ] {
        let mut group = c.benchmark_group(format!("scaling/{shape}"));
        group.sample_size(10);
        for &(name, bytes) in SIZES {
            let text = document(shape, bytes);
            group.throughput(Throughput::Bytes(text.len() as u64));
            group.bench_with_input(BenchmarkId::from_parameter(name), &text, |b, text| {
                b.iter(|| extractor.extract(text).len())
            });
        }
        group.finish();
    }
}

criterion_group!(benches, scaling);
criterion_main!(benches);
