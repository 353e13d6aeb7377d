//! The JSON Lines reader on arbitrary input: blocks of whole lines, each line parsed into a record and
//! written out. Every non-blank line gives exactly one output line, and every output line is JSON.
#![no_main]

use std::collections::HashMap;

use libfuzzer_sys::fuzz_target;
use serde_json::value::RawValue;
use nkner_cli::input::{lines, Blocks, Chunk};
use nkner_cli::record::{self, Fields};

fuzz_target!(|data: &[u8]| {
    let fields = Fields::default();
    let mut blocks = Blocks::new(data, 64, 16);
    let mut out = Vec::new();
    let mut expected = 0usize;
    while let Some(chunk) = blocks.next_chunk() {
        match chunk {
            Chunk::Block { first_line, bytes } => {
                for (number, line) in lines(&bytes, first_line) {
                    expected += 1;
                    match record::parse(line, &fields) {
                        Ok(rec) => rec.write_annotated(&nkner::extract(&rec.text), &Default::default(), &mut out),
                        Err(e) => record::write_error(e.id.as_deref(), None, number, &e.message, &mut out),
                    }
                }
            }
            Chunk::TooLong { number, .. } => {
                expected += 1;
                record::write_error(None, None, number, "too long", &mut out);
            }
            Chunk::Broken { .. } => unreachable!("a slice cannot fail to read"),
        }
    }
    let text = std::str::from_utf8(&out).expect("output is UTF-8");
    assert_eq!(text.lines().count(), expected);
    for line in text.lines() {
        // Raw values, so that a number JSON allows but f64 does not (1e999) passes as it came in.
        let fields: HashMap<String, &RawValue> = serde_json::from_str(line).expect("output line is JSON");
        assert!(fields.contains_key("spans"));
    }
});
