//! Builds an extractor with a user gazetteer of 100,000 generated entries on top of the built-in one and
//! prints the time to parse and build it, and to extract with it. Peak memory:
//! `/usr/bin/time -f "%M KB" target/release/examples/big_gazetteer`.

use std::time::Instant;

fn main() {
    let entries: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(100_000);
    let mut tsv = String::from(
        "id\tlabel\tkind\tname\tparent\tforms\thangul\tformer\tlat\tlon\tverified\tsources\tnote\n",
    );
    for i in 0..entries {
        tsv += &format!(
            "user-{i}\tUNIT\tunit\tTest Battalion {i}\tkpa\tTB-{i}|Battalion No. {i}\t시험대대{i}\t\t\t\tyes\t\t\n"
        );
    }
    let started = Instant::now();
    let gazetteer =
        nkner::Gazetteer::from_tsv("generated.tsv", &tsv).expect("the generated file is valid");
    let parsed = started.elapsed();
    let extractor = nkner::Extractor::builder()
        .gazetteer(gazetteer)
        .build()
        .expect("the extractor builds");
    let built = started.elapsed();
    let text = format!(
        "Test Battalion {} and TB-{} moved to Hyesan. ",
        entries - 1,
        entries / 2
    )
    .repeat(1000);
    let t = Instant::now();
    let spans = extractor.extract(&text);
    println!(
        "{entries} entries ({} MB of TSV): parsed in {:.2} s, extractor built in {:.2} s; \
         extracted {} spans from {} KB in {:.1} ms",
        tsv.len() / 1_000_000,
        parsed.as_secs_f64(),
        built.as_secs_f64(),
        spans.len(),
        text.len() / 1000,
        t.elapsed().as_secs_f64() * 1000.0
    );
}
