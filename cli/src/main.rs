//! `nkner`: annotate text with North Korean places, agencies and units.
//!
//! A thin layer over the library: it reads documents, calls [`nkner::Extractor::extract`] and writes one
//! JSON object per document, in input order, in the shape of the annotation contract.

use std::io::{self, BufRead, BufWriter, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::{Parser, Subcommand, ValueEnum};
use nkner::Extractor;
use serde_json::{json, Map, Value};

#[derive(Parser)]
#[command(
    name = "nkner",
    version,
    about = "Finds North Korean places, agencies and units in text"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Annotate documents; writes JSON Lines to stdout, one line per document, in input order.
    Annotate(AnnotateArgs),
}

#[derive(clap::Args)]
struct AnnotateArgs {
    /// Input files; standard input when none is given (or `-`).
    files: Vec<PathBuf>,
    /// How to read the input: `text` (each file is one document, its id the file name as given) or
    /// `jsonl` (one JSON object per line, with `text` and `id` fields).
    #[arg(long, value_enum, default_value_t = InputFormat::Text)]
    input: InputFormat,
}

#[derive(Clone, Copy, ValueEnum)]
enum InputFormat {
    Text,
    Jsonl,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            // A closed stdout (`nkner annotate | head`) is how a pipe says it has seen enough.
            if e.downcast_ref::<io::Error>()
                .is_some_and(|io| io.kind() == io::ErrorKind::BrokenPipe)
            {
                return ExitCode::SUCCESS;
            }
            eprintln!("nkner: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli) -> Result<()> {
    let Command::Annotate(args) = cli.command;
    let extractor = nkner::default_extractor();
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let inputs: Vec<Option<PathBuf>> = if args.files.is_empty() {
        vec![None]
    } else {
        args.files
            .into_iter()
            .map(|p| (p.as_os_str() != "-").then_some(p))
            .collect()
    };
    for input in inputs {
        let name = input
            .as_ref()
            .map_or_else(|| "-".to_string(), |p| p.display().to_string());
        let reader: Box<dyn Read> = match &input {
            Some(path) => {
                Box::new(std::fs::File::open(path).with_context(|| format!("cannot open {name}"))?)
            }
            None => Box::new(io::stdin()),
        };
        match args.input {
            InputFormat::Text => annotate_text(extractor, &name, reader, &mut out)?,
            InputFormat::Jsonl => annotate_jsonl(extractor, io::BufReader::new(reader), &mut out)?,
        }
    }
    out.flush()?;
    Ok(())
}

fn annotate_text(
    extractor: &Extractor,
    name: &str,
    mut reader: impl Read,
    out: &mut impl Write,
) -> Result<()> {
    let mut bytes = Vec::new();
    reader
        .read_to_end(&mut bytes)
        .with_context(|| format!("cannot read {name}"))?;
    let record = match String::from_utf8(bytes) {
        Ok(text) => json!({"id": name, "spans": extractor.extract(&text)}),
        Err(_) => json!({"id": name, "line": 1, "error": "input is not UTF-8", "spans": []}),
    };
    writeln!(out, "{record}")?;
    Ok(())
}

fn annotate_jsonl(extractor: &Extractor, reader: impl BufRead, out: &mut impl Write) -> Result<()> {
    for (index, line) in reader.split(b'\n').enumerate() {
        let line = line?;
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let record = annotate_record(extractor, &line, index + 1);
        writeln!(out, "{record}")?;
    }
    Ok(())
}

fn annotate_record(extractor: &Extractor, line: &[u8], number: usize) -> Value {
    let error =
        |id: Value, message: &str| json!({"id": id, "line": number, "error": message, "spans": []});
    let Ok(text) = std::str::from_utf8(line) else {
        return error(Value::Null, "line is not UTF-8");
    };
    let mut record: Map<String, Value> = match serde_json::from_str(text) {
        Ok(Value::Object(map)) => map,
        Ok(_) => return error(Value::Null, "line is not a JSON object"),
        Err(e) => return error(Value::Null, &format!("line is not JSON: {e}")),
    };
    let id = record.get("id").cloned().unwrap_or(Value::Null);
    let Some(Value::String(body)) = record.get("text") else {
        return error(id, "no string field 'text'");
    };
    let spans = serde_json::to_value(extractor.extract(body)).unwrap_or(Value::Null);
    record.insert("spans".to_string(), spans);
    Value::Object(record)
}
