//! `extract` on arbitrary text: it must not panic, and its spans must keep their invariants (bounds,
//! order, grapheme boundaries, text and offsets).
#![no_main]

use libfuzzer_sys::fuzz_target;

// The module holds the checks of both targets (and the seed test's); each target uses its own.
#[allow(dead_code)]
#[path = "../check/invariants.rs"]
mod check;

fuzz_target!(|data: &[u8]| check::extract(data));
