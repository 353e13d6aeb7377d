//! The JSON Lines reader on arbitrary input: blocks of whole lines, each line parsed into a record and
//! written out. Every non-blank line gives exactly one output line, in input order, and every output line
//! is JSON: an error record with that line's number, or the record with its text and valid spans.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../check/jsonl.rs"]
mod check;

fuzz_target!(|data: &[u8]| check::jsonl(data));
