//! A bare whole-word scan of JSON Lines: the baseline that issue 11's CLI ratio is measured against
//! (`scripts/bench-cli.sh` runs it next to `nkner annotate --threads 1` on the same corpus).
//!
//! It does the least a tool finding the extractor's names in JSON Lines has to do, and does it the way
//! `nkner annotate` does, so the ratio between the two measures what the extractor adds and not how
//! either reads or writes: each line is parsed with serde_json into its fields as raw JSON, the `text`
//! field is decoded, one leftmost-longest, ASCII case-insensitive contiguous-NFA Aho-Corasick automaton
//! of `Extractor::patterns()` (the same as the library benchmark's `bare_scan`) scans it, matches with
//! an ASCII letter or digit on either side are dropped, and the input's fields are written through as
//! they were with `"entities": [{"text", "start", "end"}]` (char offsets) appended. No variants, no
//! context, no overlap resolution, one thread.
//!
//! `cargo run --release -p nkner-cli --example scan_jsonl -- IN.jsonl > OUT.jsonl`

use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, Write};

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use indexmap::IndexMap;
use serde::Serialize;
use serde_json::value::RawValue;

#[derive(Serialize)]
struct Entity<'a> {
    text: &'a str,
    start: usize,
    end: usize,
}

fn main() -> io::Result<()> {
    let Some(path) = std::env::args_os().nth(1) else {
        eprintln!("usage: scan_jsonl IN.jsonl > OUT.jsonl");
        std::process::exit(2);
    };
    let extractor = nkner::Extractor::new();
    let scanner = AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .ascii_case_insensitive(true)
        .kind(Some(AhoCorasickKind::ContiguousNFA))
        .build(extractor.patterns())
        .map_err(io::Error::other)?;
    let mut input = BufReader::with_capacity(1 << 16, File::open(path)?);
    let mut output = BufWriter::with_capacity(1 << 16, io::stdout().lock());
    let mut line = Vec::new();
    let mut record = Vec::new();
    loop {
        line.clear();
        if input.read_until(b'\n', &mut line)? == 0 {
            break;
        }
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        record.clear();
        scan_line(&scanner, &line, &mut record);
        output.write_all(&record)?;
    }
    output.flush()
}

/// Writes the scanned form of one line, or an error record when it is not an object with a text.
fn scan_line(scanner: &AhoCorasick, line: &[u8], out: &mut Vec<u8>) {
    let parsed = std::str::from_utf8(line)
        .ok()
        .and_then(|line| serde_json::from_str::<IndexMap<String, &RawValue>>(line).ok());
    let Some(fields) = parsed else {
        out.extend_from_slice(b"{\"error\":\"not a JSON object\",\"entities\":[]}\n");
        return;
    };
    let Some(text) = fields
        .get("text")
        .and_then(|raw| serde_json::from_str::<String>(raw.get()).ok())
    else {
        out.extend_from_slice(b"{\"error\":\"no string text\",\"entities\":[]}\n");
        return;
    };
    out.push(b'{');
    for (key, value) in &fields {
        if key != "entities" {
            write_json(out, key);
            out.push(b':');
            out.extend_from_slice(value.get().as_bytes());
            out.push(b',');
        }
    }
    write_json(out, "entities");
    out.push(b':');
    write_json(out, &scan(scanner, &text));
    out.extend_from_slice(b"}\n");
}

/// The whole-word matches of `text`, with char offsets.
fn scan<'t>(scanner: &AhoCorasick, text: &'t str) -> Vec<Entity<'t>> {
    let mut found = Vec::new();
    let bytes = text.as_bytes();
    let is_word = |i: usize| bytes.get(i).is_some_and(u8::is_ascii_alphanumeric);
    // Char offsets are counted forward from the previous match: matches come in order.
    let (mut byte, mut char) = (0, 0);
    let mut chars_to = |to: usize| {
        char += bytes[byte..to]
            .iter()
            .filter(|&&b| (b as i8) >= -0x40)
            .count();
        byte = to;
        char
    };
    for m in scanner.find_iter(text) {
        let (start, end) = (m.start(), m.end());
        if (start > 0 && is_word(start - 1)) || is_word(end) {
            continue;
        }
        let start_char = chars_to(start);
        let end_char = chars_to(end);
        found.push(Entity {
            text: &text[start..end],
            start: start_char,
            end: end_char,
        });
    }
    found
}

fn write_json<T: Serialize + ?Sized>(out: &mut Vec<u8>, value: &T) {
    // Strings and plain structs serialize into a Vec without fail.
    let _ = serde_json::to_writer(&mut *out, value);
}
