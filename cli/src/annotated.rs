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
/// Standard input is never peeked at (it could not be read twice); `--annotated` says so instead.
pub fn is_annotated(input: &Input) -> bool {
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
        .map(|i| (i.kind == Kind::Jsonl && (annotated || is_annotated(i)), i))
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
