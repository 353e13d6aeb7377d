//! Annotated records from any input, for the commands that look at a whole corpus (`render`, `annotate
//! --format geojson`).
//!
//! An annotated JSON Lines file (the output of `nkner annotate`, of a Spark job) is read as it is, so a
//! large run can be viewed without annotating it again. Anything else is annotated by the ordinary
//! pipeline, every core and the same error records included, into a temporary JSON Lines file that is
//! then read back: the pipeline stays the one streaming path from text to spans, and memory stays
//! bounded however large the input. The temporary file has no name (it is unlinked from the start), so
//! no way out of the program, a signal, an abort or a kill, can leave its hundreds of megabytes behind.

use std::io::{BufRead, BufReader, Seek};
use std::sync::atomic::AtomicU64;
use std::sync::Arc;

use anyhow::{Context, Result};
use nkner::Extractor;
use serde_json::Value;

use crate::input::{self, Input, Kind};
use crate::pipeline::{self, Destination, Format, Options};
use crate::stop::Stop;

/// What the reading gave besides the records.
#[derive(Debug, Default)]
pub struct Outcome {
    /// Inputs that could not be read, with the reason.
    pub failures: Vec<String>,
    /// Whether an interrupt stopped the annotation.
    pub interrupted: bool,
}

/// Whether an input is already annotated: a JSON Lines file whose first record has a `spans` array.
/// Standard input (`nkner annotate x.txt | nkner render`) cannot be read twice: its first record is
/// looked at in place, see [`stdin_is_annotated`]; `--annotated` says so where that is not enough.
pub fn is_annotated(input: &Input) -> bool {
    if input.path.is_none() && (input.kind == Kind::Jsonl || input.sniff) && !input.gzip {
        return stdin_is_annotated();
    }
    // A FIFO or a device could not be read twice either.
    let regular = input
        .path
        .as_ref()
        .is_some_and(|p| std::fs::metadata(p).is_ok_and(|m| m.is_file()));
    if input.kind != Kind::Jsonl || !regular {
        return false;
    }
    let Ok(reader) = input::open(input, Arc::new(AtomicU64::new(0)), &Arc::new(Stop::new())) else {
        return false;
    };
    let first = reader
        .lines()
        .map_while(Result::ok)
        .find(|l| !l.trim().is_empty());
    first
        .and_then(|l| serde_json::from_str::<Value>(&l).ok())
        .is_some_and(|v| v.get("spans").is_some_and(Value::is_array))
}

/// Whether standard input starts with an annotated record: its first non-blank byte is `{` and its first
/// line, as far as the standard library's buffer of standard input holds it (8 KiB), has a `"spans"`
/// key. The buffer is filled but not consumed, so the reading that follows sees every byte. A quote
/// inside a JSON string is escaped, so `"spans":` outside one is a key. A first record whose text comes
/// before its spans and fills the buffer is annotated again, which gives the same spans.
pub fn stdin_is_annotated() -> bool {
    let mut stdin = std::io::stdin().lock();
    let Ok(buffered) = stdin.fill_buf() else {
        return false;
    };
    let start = buffered
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(buffered.len());
    let first = &buffered[start..];
    let first = &first[..memchr::memchr(b'\n', first).unwrap_or(first.len())];
    first.starts_with(b"{") && has_spans_key(first)
}

fn has_spans_key(line: &[u8]) -> bool {
    const KEY: &[u8] = b"\"spans\"";
    memchr::memmem::find_iter(line, KEY).any(|at| {
        line[at + KEY.len()..]
            .iter()
            .find(|b| !b.is_ascii_whitespace())
            .is_some_and(|&b| b == b':')
    })
}

/// Calls `each` with every record, in input order: annotated inputs as read (`annotated` forces that
/// reading for every JSON Lines input), the others annotated first. A line that is not JSON is passed as
/// an error record, as the pipeline would write it.
///
/// # Errors
///
/// The temporary file cannot be created or read back.
pub fn for_each(
    extractor: &Extractor,
    inputs: &[Input],
    options: &Options,
    annotated: bool,
    stop: &Arc<Stop>,
    mut each: impl FnMut(Value),
) -> Result<Outcome> {
    let mut outcome = Outcome::default();
    let ready: Vec<(bool, &Input)> = inputs
        .iter()
        .map(|i| {
            let jsonl = i.kind == Kind::Jsonl;
            (annotated && (jsonl || i.sniff) || is_annotated(i), i)
        })
        .collect();
    // Runs of inputs to annotate go through the pipeline together, so that its threads are kept busy
    // across files; order is kept.
    for run in ready.chunk_by(|a, b| a.0 == b.0) {
        let run_inputs: Vec<Input> = run.iter().map(|(_, i)| (*i).clone()).collect();
        if !run[0].0 {
            annotate(
                extractor,
                &run_inputs,
                options,
                stop,
                &mut outcome,
                &mut each,
            )?;
            continue;
        }
        for input in &run_inputs {
            let read = input::open(input, Arc::new(AtomicU64::new(0)), stop)
                .and_then(|reader| read_lines(reader, &mut each));
            if let Err(e) = read {
                outcome.failures.push(format!("{}: {e}", input.name()));
            }
        }
    }
    Ok(outcome)
}

fn annotate(
    extractor: &Extractor,
    inputs: &[Input],
    options: &Options,
    stop: &Arc<Stop>,
    outcome: &mut Outcome,
    each: &mut impl FnMut(Value),
) -> Result<()> {
    let mut temporary = tempfile::tempfile().context("cannot create a temporary file")?;
    // Every span field is read back, whatever `--fields` asked of the command's own output.
    let options = Options {
        format: Format::Jsonl,
        include_text: true,
        progress: false,
        span_fields: None,
        ..options.clone()
    };
    let destination = Destination::Open(
        temporary
            .try_clone()
            .context("cannot create a temporary file")?,
    );
    let summary = pipeline::run(extractor, inputs, &destination, &options, stop);
    outcome.failures.extend(summary.failures);
    outcome.interrupted |= summary.interrupted;
    temporary
        .rewind()
        .context("cannot read the temporary file back")?;
    read_lines(BufReader::new(temporary), each).context("cannot read the temporary file back")?;
    Ok(())
}

fn read_lines(reader: impl BufRead, each: &mut impl FnMut(Value)) -> std::io::Result<()> {
    for (number, line) in reader.split(b'\n').enumerate() {
        let line = line?;
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        each(serde_json::from_slice(&line).unwrap_or_else(|e| {
            serde_json::json!({"id": null, "line": number + 1, "error": e.to_string(), "spans": []})
        }));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::has_spans_key;

    #[test]
    fn a_spans_key_is_told_from_spans_in_a_text() {
        assert!(has_spans_key(br#"{"id":"a","spans":[]}"#));
        assert!(has_spans_key(br#"{"spans":[]}"#));
        assert!(has_spans_key(br#"{"id": "a", "spans" : []}"#));
        assert!(!has_spans_key(
            br#"{"id":"a","text":"the \"spans\": word"}"#
        ));
        assert!(!has_spans_key(br#"{"id":"a","text":"spans"}"#));
        assert!(!has_spans_key(br#"{"spans""#));
    }
}
