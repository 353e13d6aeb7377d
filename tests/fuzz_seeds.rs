//! Every seed of the `extract` and `gazetteer` fuzz targets, through the targets' own checks: the checks
//! run on every test run, not only where a fuzzer is installed. (The `jsonl` seeds run in the CLI's tests.)

use std::path::Path;

#[path = "../fuzz/check/invariants.rs"]
pub(crate) mod check;

fn seeds(target: &str) -> Vec<(String, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz/seeds")
        .join(target);
    let mut seeds: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| {
            let path = entry.expect("a seed").path();
            let data = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            (path.display().to_string(), data)
        })
        .collect();
    seeds.sort();
    assert!(!seeds.is_empty(), "no seeds in {}", dir.display());
    seeds
}

#[test]
fn every_extract_seed_keeps_the_invariants() {
    for (name, data) in seeds("extract") {
        println!("{name}");
        check::extract(&data);
    }
}

#[test]
fn every_gazetteer_seed_keeps_the_invariants() {
    for (name, data) in seeds("gazetteer") {
        println!("{name}");
        check::gazetteer(&data);
    }
}

/// The checks catch what they are for: a span off a grapheme boundary, out of order, or with a wrong
/// offset.
#[test]
fn the_checks_reject_broken_spans() {
    let extractor = nkner::default_extractor();
    let text = "Musan\u{0301} and Hyesan";
    let good = extractor.extract(text);
    check::spans(extractor, text, &good);
    let mut cut = good.clone();
    cut[0].end_byte -= 2;
    cut[0].text = text[..cut[0].end_byte].to_string();
    cut[0].end_char -= 1;
    let mut swapped = good.clone();
    swapped.swap(0, 1);
    let mut shifted = good.clone();
    shifted[1].start_char += 1;
    for broken in [cut, swapped, shifted] {
        let caught = std::panic::catch_unwind(|| check::spans(extractor, text, &broken));
        assert!(caught.is_err(), "{broken:?}");
    }
}
