//! The gazetteer loader on arbitrary files: an error or a gazetteer, never a panic; and an extractor
//! built from what loads gives spans that keep their invariants.
#![no_main]

use libfuzzer_sys::fuzz_target;

// The module holds the checks of both targets (and the seed test's); each target uses its own.
#[allow(dead_code)]
#[path = "../check/invariants.rs"]
mod check;

fuzz_target!(|data: &[u8]| check::gazetteer(data));
