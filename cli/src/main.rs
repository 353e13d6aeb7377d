//! `nkner`: annotate text with North Korean places, agencies and units.
//!
//! A thin layer over the `nkner` library and this package's library: arguments in, a run of the
//! pipeline, a summary and an exit status out.
//!
//! Exit status: 0 when every input record produced an output line (error records are data);
//! 1 for an input that could not be read, an output that could not be written, or a bad gazetteer or
//! rules file (and, for `eval`, invalid gold or a gold document the system file lacks); 2 for a usage
//! error, and for an output that would overwrite an input; 3 with `--strict` when any error record was
//! written; 129, 130 and 143 after SIGHUP, SIGINT and SIGTERM (what was read is written first). A
//! closed standard output (`nkner annotate | head`) ends every subcommand at once, quietly, with
//! 0.
//!
//! The same things have the same names in every subcommand: `--labels`, `-o/--output` (where `-` is
//! standard output), and `-` for standard input wherever a file is read.

mod commands;

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use anyhow::Result;
use clap::{Args, Parser, Subcommand, ValueEnum};
use nkner::Label;
use nkner_cli::config::{self, ExtractorOptions};
use nkner_cli::input::{self, Kind};
use nkner_cli::pipeline::{self, Destination, Format, Options};
use nkner_cli::record::{Fields, SpanFields};
use nkner_cli::stop::Stop;

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
    /// Annotate documents: one output record per input record, in input order.
    Annotate(AnnotateArgs),
    /// Score annotations against a gold file (strict and partial P/R/F1 per label, linking).
    Eval(EvalArgs),
    /// Annotate one text and say why each context-dependent name was kept or dropped (JSON).
    Explain(ExplainArgs),
    /// Write one self-contained HTML page: documents with their spans, a summary and a map.
    Render(commands::RenderArgs),
    /// Print the gazetteer entries a name or spelling matches, with the form and variant rule.
    Lookup(commands::LookupArgs),
    /// List or export the gazetteers (built-in and --gazetteer files), filtered by label or province.
    Gazetteer(commands::GazetteerArgs),
}

#[derive(Args)]
struct ExplainArgs {
    /// A text file; standard input when absent or `-`.
    path: Option<PathBuf>,
    /// The longest text explained, in bytes, as for `annotate`.
    #[arg(long, default_value_t = pipeline::DEFAULT_MAX_DOC_BYTES)]
    max_doc_bytes: usize,
    #[command(flatten)]
    extractor: ExtractorArgs,
}

#[derive(Args)]
struct AnnotateArgs {
    /// Files or folders to read (folders: *.txt, *.jsonl and their .gz forms, recursively); `-` or
    /// nothing for standard input.
    paths: Vec<PathBuf>,
    /// How to read inputs: `text` (each input is one document, its id the path as given) or `jsonl`
    /// (one JSON object per line). Default: by file name (.jsonl and .jsonl.gz are JSON Lines,
    /// anything else is text); standard input is JSON Lines when its first non-blank byte is `{`,
    /// text otherwise.
    #[arg(long, value_enum)]
    input: Option<InputFormat>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = OutputFormat::Jsonl)]
    format: OutputFormat,
    /// Write to this file instead of standard output (`-` is standard output); a name ending in .gz is
    /// gzip-compressed (not with `--format brat`, which writes to `--out-dir`).
    #[arg(short = 'o', long = "output")]
    output: Option<PathBuf>,
    /// With `--format conll`: a blank line after each `sentence` (split as the extractor splits text to
    /// weigh context), or one block per `document`.
    #[arg(long, value_enum, default_value_t = ConllBlocks::Sentence)]
    conll_blocks: ConllBlocks,
    /// Folder for `--format brat` (created if missing).
    #[arg(long)]
    out_dir: Option<PathBuf>,
    /// Threads that parse, extract and serialize, at most 4 a core [default: the number of cores].
    #[arg(long)]
    threads: Option<usize>,
    /// The longest document (text input) or line (JSON Lines) kept, in bytes; a longer one becomes an
    /// error record, never held whole in memory. A thread annotating a document needs up to 12 times its
    /// size (768 MiB at the default) on text that is nothing but names, about 6 times on dense news.
    #[arg(long, default_value_t = pipeline::DEFAULT_MAX_DOC_BYTES)]
    max_doc_bytes: usize,
    /// The JSON Lines field holding the text.
    #[arg(long, default_value = "text")]
    text_field: String,
    /// The JSON Lines field holding the id (kept with its JSON type).
    #[arg(long, default_value = "id")]
    id_field: String,
    /// With text input and JSON Lines output, add the text to each record.
    #[arg(long)]
    include_text: bool,
    /// Add `"source"`, the input's path, to every JSON Lines record (error records name it anyway when
    /// there are several inputs).
    #[arg(long)]
    with_source: bool,
    /// The span fields to write in JSON Lines, comma-separated, in this order (for slimmer output:
    /// `start,end,label,kb_id`) [default: all].
    #[arg(long, value_name = "LIST")]
    fields: Option<String>,
    /// Exit with status 3 if any error record was written.
    #[arg(long)]
    strict: bool,
    /// No progress bar and no summary on standard error.
    #[arg(short, long)]
    quiet: bool,
    #[command(flatten)]
    extractor: ExtractorArgs,
}

#[derive(Args)]
struct EvalArgs {
    /// Gold annotations (JSON Lines: id, text, spans); `-` for standard input.
    gold: PathBuf,
    /// System annotations to score (`-` for standard input); without it, the gold texts are annotated
    /// now.
    system: Option<PathBuf>,
    /// How many of the most frequent false positives and misses to list.
    #[arg(long, default_value_t = 10)]
    show: usize,
    /// Pair a one-document gold file with a one-document system file whatever their ids (documents
    /// are otherwise paired by id).
    #[arg(long)]
    pair_single: bool,
    #[command(flatten)]
    extractor: ExtractorArgs,
}

#[derive(Args)]
pub(crate) struct ExtractorArgs {
    /// A gazetteer file to load on top of the built-in one (repeatable; `-` for standard input).
    #[arg(long = "gazetteer", value_name = "PATH")]
    gazetteers: Vec<PathBuf>,
    /// Do not load the built-in gazetteer.
    #[arg(long)]
    no_builtin: bool,
    /// A rules file: name, label, regex and an optional `cue`, tab-separated (repeatable; `-` for
    /// standard input).
    #[arg(long = "rules", value_name = "PATH")]
    rules: Vec<PathBuf>,
    /// Labels to keep, comma-separated (PROVINCE,CITY,COUNTY,DISTRICT,AGENCY,UNIT) [default: all].
    // `--label` was `gazetteer`'s spelling: still accepted, no longer shown.
    #[arg(long, alias = "label", value_delimiter = ',')]
    labels: Vec<String>,
}

#[derive(Clone, Copy, ValueEnum)]
pub(crate) enum InputFormat {
    Text,
    Jsonl,
}

#[derive(Clone, Copy, ValueEnum)]
enum ConllBlocks {
    Sentence,
    Document,
}

#[derive(Clone, Copy, ValueEnum)]
enum OutputFormat {
    Jsonl,
    Conll,
    Brat,
    /// One GeoJSON FeatureCollection of the mentioned places, for the whole input.
    Geojson,
}

/// A mistake in the command line: reported like clap's own, with exit status 2.
#[derive(Debug)]
struct UsageError(String);

impl std::fmt::Display for UsageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for UsageError {}

pub(crate) fn usage(message: impl Into<String>) -> anyhow::Error {
    UsageError(message.into()).into()
}

/// Whether an error is a write to a closed pipe, however deep in its chain (serde_json keeps the io
/// error inside its own).
fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .map(std::io::Error::kind)
            .or_else(|| {
                cause
                    .downcast_ref::<serde_json::Error>()
                    .and_then(serde_json::Error::io_error_kind)
            })
            == Some(std::io::ErrorKind::BrokenPipe)
    })
}

/// `-` as a path: standard input (or output, for `-o`).
pub(crate) fn is_stdio(path: &std::path::Path) -> bool {
    path.as_os_str() == "-"
}

/// Standard input can be read once: a usage error when more than one of `readers` (each a flag or
/// argument name, with whether it is `-`) would read it.
pub(crate) fn stdin_once(readers: &[(&str, bool)]) -> Result<()> {
    let names: Vec<&str> = readers
        .iter()
        .filter(|(_, reads)| *reads)
        .map(|(name, _)| *name)
        .collect();
    if names.len() > 1 {
        return Err(usage(format!(
            "standard input can be read once, but {} each read it",
            names.join(" and ")
        )));
    }
    Ok(())
}

/// Whether the extractor options read standard input (`--gazetteer -` or `--rules -`), named for
/// [`stdin_once`].
pub(crate) fn extractor_stdin(args: &ExtractorArgs) -> (&'static str, bool) {
    let mut dashes = args.gazetteers.iter().chain(&args.rules);
    ("--gazetteer/--rules -", dashes.any(|p| is_stdio(p)))
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Annotate(args) => annotate(args),
        Command::Eval(args) => eval(args),
        Command::Explain(args) => explain(args),
        Command::Render(args) => commands::render(args, &Arc::new(Stop::new())),
        Command::Lookup(args) => commands::lookup(args),
        Command::Gazetteer(args) => commands::gazetteer(args),
    };
    match result {
        Ok(code) => code,
        // The reader has seen enough (`nkner gazetteer | head`): success, as Unix tools end.
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) if e.is::<UsageError>() => {
            eprintln!("nkner: usage: {e}");
            ExitCode::from(2)
        }
        Err(e) => {
            eprintln!("nkner: {e:#}");
            ExitCode::from(1)
        }
    }
}

pub(crate) fn extractor_options(args: &ExtractorArgs) -> Result<ExtractorOptions> {
    let dashes = args.gazetteers.iter().chain(&args.rules);
    if dashes.filter(|p| is_stdio(p)).count() > 1 {
        return Err(usage(
            "standard input can be read once: give `-` to one --gazetteer or --rules",
        ));
    }
    let labels = args
        .labels
        .iter()
        .map(|l| l.trim().to_ascii_uppercase().parse::<Label>())
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| usage(format!("--labels: {e}")))?;
    Ok(ExtractorOptions {
        gazetteers: args.gazetteers.clone(),
        no_builtin: args.no_builtin,
        rules: args.rules.clone(),
        labels,
    })
}

fn annotate(args: AnnotateArgs) -> Result<ExitCode> {
    stdin_once(&[
        ("the input", reads_stdin(&args.paths)),
        extractor_stdin(&args.extractor),
    ])?;
    let format = match args.format {
        OutputFormat::Jsonl | OutputFormat::Geojson => Format::Jsonl,
        OutputFormat::Conll => Format::Conll {
            sentences: matches!(args.conll_blocks, ConllBlocks::Sentence),
        },
        OutputFormat::Brat => Format::Brat,
    };
    let destination = match (format, &args.out_dir, &args.output) {
        (Format::Brat, _, Some(_)) => {
            return Err(usage(
                "--format brat writes to --out-dir, not to -o/--output",
            ))
        }
        (Format::Brat, Some(dir), None) => Destination::Folder(dir.clone()),
        (Format::Brat, None, None) => return Err(usage("--format brat needs --out-dir")),
        (_, Some(_), _) => return Err(usage("--out-dir goes with --format brat")),
        (_, None, Some(path)) if !is_stdio(path) => Destination::File(path.clone()),
        (_, None, _) => Destination::Stdout,
    };
    commands::refuse_inputs(
        args.output.as_deref().or(args.out_dir.as_deref()),
        args.out_dir.is_some(),
        &args.paths,
        &args.extractor,
    )?;
    let span_fields = args
        .fields
        .as_deref()
        .map(str::parse::<SpanFields>)
        .transpose()
        .map_err(|e| usage(format!("--fields: {e}")))?;

    // A signal stops the reading: what was read is written and the output is finished properly (a .gz
    // stream gets its trailer); see `nkner_cli::stop`.
    let stop = Arc::new(Stop::new());
    stop.listen()?;

    let extractor = config::build(&extractor_options(&args.extractor)?)?;
    let forced = args.input.map(|i| match i {
        InputFormat::Text => Kind::Text,
        InputFormat::Jsonl => Kind::Jsonl,
    });
    let inputs = input::expand(&args.paths, forced)?;
    let threads = commands::threads(args.threads);
    let options = Options {
        threads,
        format,
        max_doc_bytes: args.max_doc_bytes,
        fields: Fields {
            text: args.text_field,
            id: args.id_field,
        },
        include_text: args.include_text,
        with_source: args.with_source,
        span_fields,
        progress: !args.quiet && std::io::IsTerminal::is_terminal(&std::io::stderr()),
    };

    if matches!(args.format, OutputFormat::Geojson) {
        return commands::annotate_geojson(
            &extractor,
            &inputs,
            &options,
            args.output.as_deref().filter(|p| !is_stdio(p)),
            &stop,
        );
    }
    let summary = pipeline::run(&extractor, &inputs, &destination, &options, &stop);
    for failure in &summary.failures {
        eprintln!("nkner: {failure}");
    }
    if !args.quiet {
        eprintln!("{}", summary.report());
    }
    Ok(if let Some(status) = stop.exit_status() {
        ExitCode::from(status)
    } else if !summary.failures.is_empty() {
        ExitCode::from(1)
    } else if args.strict && summary.errors > 0 {
        ExitCode::from(3)
    } else {
        ExitCode::SUCCESS
    })
}

/// Whether these input paths read standard input: none given, or `-` among them.
pub(crate) fn reads_stdin(paths: &[PathBuf]) -> bool {
    paths.is_empty() || paths.iter().any(|p| is_stdio(p))
}

fn explain(args: ExplainArgs) -> Result<ExitCode> {
    use anyhow::Context as _;
    use std::io::{Read as _, Write as _};
    let path = args.path.as_deref().filter(|p| !is_stdio(p));
    stdin_once(&[
        ("the input", path.is_none()),
        extractor_stdin(&args.extractor),
    ])?;
    let extractor = config::build(&extractor_options(&args.extractor)?)?;
    let name = path.map_or_else(|| "standard input".to_string(), |p| p.display().to_string());
    let source: Box<dyn std::io::Read> = match path {
        Some(path) => {
            Box::new(std::fs::File::open(path).with_context(|| format!("cannot read {name}"))?)
        }
        None => Box::new(std::io::stdin()),
    };
    // As `annotate`: a text longer than the limit is refused after reading one byte past it.
    let mut bytes = Vec::new();
    source
        .take(args.max_doc_bytes as u64 + 1)
        .read_to_end(&mut bytes)
        .with_context(|| format!("cannot read {name}"))?;
    if bytes.len() > args.max_doc_bytes {
        anyhow::bail!(
            "{name} is longer than --max-doc-bytes ({} bytes)",
            args.max_doc_bytes
        );
    }
    let text = String::from_utf8(bytes).with_context(|| format!("{name} is not UTF-8"))?;
    let mut out = std::io::stdout().lock();
    serde_json::to_writer_pretty(&mut out, &extractor.explain(&text))?;
    writeln!(out)?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn eval(args: EvalArgs) -> Result<ExitCode> {
    use std::io::Write as _;
    stdin_once(&[
        ("GOLD -", is_stdio(&args.gold)),
        ("SYSTEM -", args.system.as_deref().is_some_and(is_stdio)),
        extractor_stdin(&args.extractor),
    ])?;
    let extractor = config::build(&extractor_options(&args.extractor)?)?;
    let report = nkner_cli::evaluate::run(
        &extractor,
        &args.gold,
        args.system.as_deref(),
        args.show,
        args.pair_single,
    )?;
    let mut out = std::io::stdout().lock();
    out.write_all(report.text.as_bytes())?;
    out.flush()?;
    if report.missing.is_empty() {
        return Ok(ExitCode::SUCCESS);
    }
    eprintln!(
        "nkner: {} gold documents have no system record (first: {})",
        report.missing.len(),
        report.missing[0]
    );
    Ok(ExitCode::from(1))
}
