//! Every seed of the `jsonl` fuzz target (`fuzz/seeds/jsonl/`), through the target's own check.

use std::path::Path;

#[path = "../../fuzz/check/jsonl.rs"]
mod check;

#[test]
fn every_jsonl_seed_gives_one_record_per_line_in_order() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../fuzz/seeds/jsonl");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.expect("a seed").path())
        .collect();
    paths.sort();
    assert!(!paths.is_empty(), "no seeds in {}", dir.display());
    for path in paths {
        println!("{}", path.display());
        check::jsonl(&std::fs::read(&path).expect("a readable seed"));
    }
}
