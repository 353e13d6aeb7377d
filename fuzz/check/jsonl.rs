//! The check of the `jsonl` fuzz target, shared with `cli/tests/fuzz_seeds.rs` (included with `#[path]`):
//! the CLI's JSON Lines path on arbitrary input gives one JSON output line per non-blank input line, in
//! input order: an error record naming that line's number, or the record with its own text and valid
//! spans. Panics on a broken invariant.

use std::collections::HashMap;

use nkner_cli::input::{lines, Blocks, Chunk};
use nkner_cli::record::{self, Fields};
use serde_json::value::RawValue;

/// Bytes of the longest line the check's reader accepts, and of its blocks: small, so that fuzzed input
/// crosses both limits.
const MAX_LINE: usize = 64;
const BLOCK: usize = 16;

pub fn jsonl(data: &[u8]) {
    let fields = Fields::default();
    let mut blocks = Blocks::new(data, MAX_LINE, BLOCK);
    let mut out = Vec::new();
    while let Some(chunk) = blocks.next_chunk() {
        match chunk {
            Chunk::Block { first_line, bytes } => {
                for (number, line) in lines(&bytes, first_line) {
                    match record::parse(line, &fields) {
                        Ok(rec) => rec.write_annotated(
                            &nkner::extract(&rec.text),
                            &Default::default(),
                            &mut out,
                        ),
                        Err(e) => {
                            record::write_error(e.id.as_deref(), None, number, &e.message, &mut out)
                        }
                    }
                }
            }
            Chunk::TooLong { number, .. } => {
                record::write_error(None, None, number, "too long", &mut out)
            }
            Chunk::Broken { .. } => unreachable!("a slice cannot fail to read"),
        }
    }
    // What the output must be, worked out from the input alone: its non-blank lines and their numbers.
    let expected: Vec<(u64, &[u8])> = data
        .split(|&b| b == b'\n')
        .zip(1u64..)
        .filter(|(line, _)| !line.iter().all(u8::is_ascii_whitespace))
        .map(|(line, number)| (number, line))
        .collect();
    let text = std::str::from_utf8(&out).expect("output is UTF-8");
    let output: Vec<&str> = text.lines().collect();
    assert_eq!(
        output.len(),
        expected.len(),
        "one output line per non-blank input line"
    );
    for (line, (number, input)) in output.iter().zip(&expected) {
        // Raw values, so that a number JSON allows but f64 does not (1e999) passes as it came in.
        let got: HashMap<String, &RawValue> =
            serde_json::from_str(line).expect("output line is JSON");
        let spans: Vec<serde_json::Value> =
            serde_json::from_str(got["spans"].get()).expect("spans is an array");
        // An error record has no text; an annotated record keeps its input's fields, text among them.
        if !got.contains_key("text") {
            assert!(got.contains_key("error"), "{line}");
            assert_eq!(
                got["line"].get(),
                number.to_string(),
                "error record out of order: {line}"
            );
            assert!(spans.is_empty());
            continue;
        }
        let input: HashMap<String, &RawValue> =
            serde_json::from_slice(input).expect("an annotated record was valid JSON");
        assert_eq!(
            got["text"].get(),
            input["text"].get(),
            "record out of order"
        );
        let text: String = serde_json::from_str(got["text"].get()).expect("text is a string");
        let mut previous_end = 0;
        for span in &spans {
            let (start, end) = (
                span["start_byte"].as_u64().unwrap(),
                span["end_byte"].as_u64().unwrap(),
            );
            let (start, end) = (start as usize, end as usize);
            assert!(
                previous_end <= start && start < end && end <= text.len(),
                "{line}"
            );
            assert_eq!(span["text"].as_str(), text.get(start..end), "{line}");
            previous_end = end;
        }
    }
}
