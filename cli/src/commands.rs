//! The commands that look at what nkner knows and finds rather than annotate: `render`, `lookup`,
//! `gazetteer`, and `annotate --format geojson`. Their work is done in the library's modules
//! ([`nkner_cli::render`], [`nkner_cli::catalog`], [`nkner_cli::geojson`]); this is argument handling.

use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use std::sync::Arc;

use anyhow::{Context, Result};
use clap::{Args, ValueEnum};
use nkner::{Extractor, Label};
use nkner_cli::annotated;
use nkner_cli::catalog::{self, ListFormat};
use nkner_cli::geojson::{self, Tally};
use nkner_cli::input::{self, Input, Kind};
use nkner_cli::output::OutputFile;
use nkner_cli::pipeline::{self, Format, Options};
use nkner_cli::record::Fields;
use nkner_cli::render::Report;
use nkner_cli::stop::Stop;

use nkner_cli::config;

use crate::{
    extractor_options, extractor_stdin, is_stdio, reads_stdin, stdin_once, usage, ExtractorArgs,
    InputFormat,
};

#[derive(Args)]
pub struct RenderArgs {
    /// Files or folders: text, JSON Lines, or annotated JSON Lines (the output of `nkner annotate`,
    /// read as it is, not annotated again); `-` or nothing for standard input.
    paths: Vec<PathBuf>,
    /// How to read inputs, as for `annotate` [default: by file name].
    #[arg(long, value_enum)]
    input: Option<InputFormat>,
    /// Read every JSON Lines input as annotated already (standard input is never guessed).
    #[arg(long)]
    annotated: bool,
    /// The HTML file to write (`-` is standard output) [default: standard output].
    #[arg(short = 'o', long = "output")]
    output: Option<PathBuf>,
    /// Documents shown in full; the summary and the map cover them all.
    #[arg(long, default_value_t = 1000)]
    max_docs: usize,
    /// The page's title.
    #[arg(long, default_value = "nkner report")]
    title: String,
    /// The JSON Lines field holding the text.
    #[arg(long, default_value = "text")]
    text_field: String,
    /// The JSON Lines field holding the id.
    #[arg(long, default_value = "id")]
    id_field: String,
    /// Threads that annotate, at most 4 a core [default: the number of cores].
    #[arg(long)]
    threads: Option<usize>,
    /// The longest document or line annotated, in bytes (see `annotate --help`).
    #[arg(long, default_value_t = pipeline::DEFAULT_MAX_DOC_BYTES)]
    max_doc_bytes: usize,
    #[command(flatten)]
    extractor: ExtractorArgs,
}

#[derive(Args)]
pub struct LookupArgs {
    /// Names or spellings to look up ("Pochon", "Yanggang-do", "혜산", "Pochon County").
    #[arg(required = true)]
    names: Vec<String>,
    /// One JSON object per match instead of a line of text.
    #[arg(long)]
    json: bool,
    #[command(flatten)]
    extractor: ExtractorArgs,
}

#[derive(Args)]
pub struct GazetteerArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = ListFormatArg::Tsv)]
    format: ListFormatArg,
    /// Keep places in this province or provincial-level city: its id, or any name or spelling `nkner
    /// lookup` knows (`Ryanggang`, `Yanggang`, `양강도`). `--labels` keeps entries with these labels.
    #[arg(long)]
    province: Option<String>,
    /// Write to this file (`-` is standard output) [default: standard output].
    #[arg(short = 'o', long = "output")]
    output: Option<PathBuf>,
    #[command(flatten)]
    extractor: ExtractorArgs,
}

#[derive(Clone, Copy, ValueEnum)]
enum ListFormatArg {
    Tsv,
    Jsonl,
    Geojson,
}

/// Writes `output` (standard output when `None` or `-`) with `write`: a file whole or not at all (see
/// [`nkner_cli::output`]), and a failure (a full disk) names it.
fn write_out(
    output: Option<&Path>,
    write: impl FnOnce(&mut dyn Write) -> Result<()>,
) -> Result<()> {
    let Some(path) = output.filter(|p| !is_stdio(p)) else {
        let mut out = BufWriter::new(io::stdout().lock());
        write(&mut out)?;
        return Ok(out.flush()?);
    };
    let failed = || format!("cannot write {}", path.display());
    let mut out = BufWriter::new(OutputFile::create(path).with_context(failed)?);
    write(&mut out).with_context(failed)?;
    out.into_inner()
        .map_err(io::IntoInnerError::into_error)
        .and_then(OutputFile::commit)
        .with_context(failed)
}

/// Refuses, before anything is read, an output that would overwrite an input (see
/// [`nkner_cli::output::refuse_inputs`]): gazetteer and rules files count as inputs too.
pub(crate) fn refuse_inputs(
    output: Option<&Path>,
    folder: bool,
    inputs: &[PathBuf],
    extractor: &ExtractorArgs,
) -> Result<()> {
    let Some(output) = output.filter(|p| !is_stdio(p)) else {
        return Ok(());
    };
    let mut all = inputs.to_vec();
    all.extend(extractor.gazetteers.iter().chain(&extractor.rules).cloned());
    nkner_cli::output::refuse_inputs(output, folder, &all).map_err(crate::usage)
}

/// The number of threads to run: `--threads`, at most [`pipeline::MAX_THREADS_PER_CORE`] a core (with
/// a message when it was more), or one a core.
pub(crate) fn threads(requested: Option<usize>) -> usize {
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    let (threads, capped) = pipeline::threads(requested, cores);
    if capped {
        eprintln!(
            "nkner: --threads {} is more than {} a core on {cores} cores: using {threads}",
            requested.unwrap_or_default(),
            pipeline::MAX_THREADS_PER_CORE,
        );
    }
    threads
}

fn report_failures(outcome: &annotated::Outcome, stop: &Stop) -> ExitCode {
    for failure in &outcome.failures {
        eprintln!("nkner: {failure}");
    }
    if let Some(status) = stop.exit_status() {
        ExitCode::from(status)
    } else if outcome.failures.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

pub fn render(args: RenderArgs, stop: &Arc<Stop>) -> Result<ExitCode> {
    stdin_once(&[
        ("the input", reads_stdin(&args.paths)),
        extractor_stdin(&args.extractor),
    ])?;
    refuse_inputs(args.output.as_deref(), false, &args.paths, &args.extractor)?;
    // A signal ends the annotation; the page shows what was read, as `annotate` writes it.
    stop.listen()?;
    let extractor = config::build(&extractor_options(&args.extractor)?)?;
    let forced = args.input.map(|i| match i {
        InputFormat::Text => Kind::Text,
        InputFormat::Jsonl => Kind::Jsonl,
    });
    let inputs: Vec<Input> = input::expand(&args.paths, forced)?;
    let options = Options {
        threads: threads(args.threads),
        format: Format::Jsonl,
        max_doc_bytes: args.max_doc_bytes,
        fields: Fields {
            text: args.text_field.clone(),
            id: args.id_field,
        },
        include_text: true,
        with_source: false,
        span_fields: None,
        progress: false,
    };
    let mut report = Report::new(&extractor, args.max_docs);
    let outcome = annotated::for_each(&extractor, &inputs, &options, args.annotated, stop, |r| {
        report.add(&r, &args.text_field);
    })?;
    write_out(args.output.as_deref(), |out| report.write(&args.title, out))?;
    Ok(report_failures(&outcome, stop))
}

/// `nkner annotate --format geojson`: the inputs annotated (or read, when annotated already), then one
/// FeatureCollection.
pub fn annotate_geojson(
    extractor: &Extractor,
    inputs: &[Input],
    options: &Options,
    output: Option<&Path>,
    stop: &Arc<Stop>,
) -> Result<ExitCode> {
    let mut tally = Tally::new(None);
    let outcome = annotated::for_each(extractor, inputs, options, false, stop, |r| {
        tally.add(&r, extractor);
    })?;
    write_out(output, |out| Ok(geojson::write(&tally, out)?))?;
    Ok(report_failures(&outcome, stop))
}

pub fn lookup(args: LookupArgs) -> Result<ExitCode> {
    let options = extractor_options(&args.extractor)?;
    let extractor = config::build(&options)?;
    let kept = |label: Option<Label>| {
        options.labels.is_empty() || label.is_some_and(|l| options.labels.contains(&l))
    };
    let mut out = BufWriter::new(io::stdout().lock());
    let mut missing = 0;
    for name in &args.names {
        let mut found = extractor.lookup(name);
        found.retain(|f| kept(f.label));
        if found.is_empty() {
            missing += 1;
            let near: Vec<String> = extractor
                .suggest(name)
                .iter()
                .filter(|s| kept(s.found.label))
                .map(catalog::suggestion)
                .collect();
            if near.is_empty() {
                eprintln!("nkner: no entry matches '{name}'");
            } else {
                eprintln!(
                    "nkner: no entry matches '{name}'; nearest: {}",
                    near.join(", ")
                );
            }
        }
        for f in &found {
            if args.json {
                serde_json::to_writer(&mut out, &catalog::lookup_json(name, f, &extractor))?;
                writeln!(out)?;
            } else {
                writeln!(out, "{}", catalog::lookup_line(name, f, &extractor))?;
            }
        }
    }
    out.flush()?;
    // Like grep: 1 when a name matched nothing.
    Ok(if missing == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

pub fn gazetteer(args: GazetteerArgs) -> Result<ExitCode> {
    refuse_inputs(args.output.as_deref(), false, &[], &args.extractor)?;
    let options = extractor_options(&args.extractor)?;
    let extractor = config::build(&options)?;
    let entities = catalog::select(&extractor, &options.labels, args.province.as_deref())
        .map_err(|e| usage(format!("--province: {e}")))?;
    let format = match args.format {
        ListFormatArg::Tsv => ListFormat::Tsv,
        ListFormatArg::Jsonl => ListFormat::Jsonl,
        ListFormatArg::Geojson => ListFormat::Geojson,
    };
    write_out(args.output.as_deref(), |out| {
        catalog::write_list(&entities, format, out)
    })?;
    Ok(ExitCode::SUCCESS)
}
