//! The streaming annotation pipeline: one reader, N workers, one writer, in input order, in bounded
//! memory.
//!
//! The reader (the calling thread) cuts the inputs into numbered batches: blocks of whole JSON lines
//! (about 1 MiB), or text documents. It does little more than copy bytes. Workers split, parse, extract
//! and serialize whole batches, so the only work left to the writer is to put finished batches back in
//! order and write them; it also numbers the records, for brat file names. With two cores, what the
//! reader and the writer do is taken from the workers, so both are kept lean. Memory is bounded by a fixed number of
//! permits: the reader takes one before it sends a batch and the writer gives it back once the batch is
//! written, so at most `4 × threads` batches are in flight, whatever the size of the corpus, and the
//! reader waits when the buffer that restores the order is full. A permit is the output buffer its batch
//! is serialized into, handed back emptied, so that the megabytes of output a batch makes are not
//! allocated and faulted in afresh each time.
//!
//! A `.gz` output is a series of gzip members, one a batch (concatenated members are one valid gzip
//! file, which `gzip -d` and `MultiGzDecoder` read whole), so that compression is not one thread's
//! job: the writer compresses the batches the workers leave it, and a worker that sees batches waiting
//! for the writer compresses its own. With one thread, gzip runs beside it; with many, it is shared.
//!
//! Nothing is lost: every non-blank input line, and every text input, gives exactly one output record,
//! an error record where it could not be annotated. An output file is written under a temporary name and
//! renamed into place at the end ([`crate::output`]): if a write fails (a full disk), the temporary file
//! is removed and whatever was at the output path before is left as it was.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use crossbeam_channel::{bounded, unbounded, Receiver, Sender};
use flate2::write::GzEncoder;
use indicatif::{ProgressBar, ProgressStyle};
use nkner::{Extractor, Label, Span};

use crate::format::{self, BratDoc};
use crate::input::{self, Chunk, Input, Kind};
use crate::output::OutputFile;
use crate::record::{self, Fields, Output, SpanFields};
use crate::stop::Stop;

/// Output formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// JSON Lines in the annotation contract's shape.
    Jsonl,
    /// CoNLL, IOB2 tags (see [`crate::format`]), with a blank line between sentences when `sentences`.
    Conll {
        /// Whether sentences are split (`--conll-blocks sentence`).
        sentences: bool,
    },
    /// brat standoff files in a folder.
    Brat,
}

/// Where the output goes.
#[derive(Debug)]
pub enum Destination {
    /// Standard output.
    Stdout,
    /// A file; a `.gz` name is gzip-compressed.
    File(PathBuf),
    /// A file already open, written as it is (the anonymous temporary file of `render`).
    Open(File),
    /// A folder of brat files.
    Folder(PathBuf),
}

/// Settings of a run.
#[derive(Clone, Debug)]
pub struct Options {
    /// Threads that parse, extract and serialize.
    pub threads: usize,
    /// The output format.
    pub format: Format,
    /// The longest document or line kept, in bytes; longer ones become error records.
    pub max_doc_bytes: usize,
    /// Field names of JSON Lines records.
    pub fields: Fields,
    /// Adds the text to the output of text inputs.
    pub include_text: bool,
    /// Adds `"source"` (the input's path) to every JSON Lines record; error records get it anyway when
    /// there are several inputs.
    pub with_source: bool,
    /// The span fields to write in JSON Lines; all of them when `None`.
    pub span_fields: Option<SpanFields>,
    /// Shows a progress bar on standard error.
    pub progress: bool,
}

/// What a run did.
#[derive(Clone, Debug, Default)]
pub struct Summary {
    /// Records written, error records included.
    pub documents: u64,
    /// Error records written.
    pub errors: u64,
    /// Bytes of input read, as stored (compressed, for a `.gz` input): the unit of the progress bar.
    pub bytes: u64,
    /// Records whose text held lone surrogate escapes, read as U+FFFD.
    pub replaced_surrogates: u64,
    /// Spans written, per label.
    pub labels: BTreeMap<Label, u64>,
    /// Inputs that could not be read, or broke off, and output that could not be written.
    pub failures: Vec<String>,
    /// Whether the run was interrupted before the end of its inputs.
    pub interrupted: bool,
    /// Wall time.
    pub elapsed: Duration,
}

impl Summary {
    /// The end-of-run report: documents, bytes, entities per label, error records, time, throughput.
    pub fn report(&self) -> String {
        let seconds = self.elapsed.as_secs_f64().max(1e-9);
        let mb = self.bytes as f64 / 1e6;
        let labels: Vec<String> = self
            .labels
            .iter()
            .map(|(l, n)| format!("{l} {n}"))
            .collect();
        format!(
            "nkner: {} documents ({} error records), {:.1} MB of input in {:.2} s ({:.1} MB/s, {:.0} documents/s)\n\
             nkner: entities: {}{}{}",
            self.documents,
            self.errors,
            mb,
            seconds,
            mb / seconds,
            self.documents as f64 / seconds,
            if labels.is_empty() { "none".to_string() } else { labels.join(", ") },
            if self.replaced_surrogates > 0 {
                format!("\nnkner: {} records had lone surrogate escapes in their text, read as U+FFFD", self.replaced_surrogates)
            } else {
                String::new()
            },
            if self.interrupted { "\nnkner: interrupted: the output holds the records read before the signal" } else { "" },
        )
    }
}

struct Job {
    input: Arc<str>,
    line: u64,
    body: Body,
}

enum Body {
    /// Whole JSON lines, the first numbered `line`.
    Lines(Vec<u8>),
    Text(Vec<u8>),
    Error {
        id: Option<String>,
        message: String,
    },
}

struct Batch {
    seq: u64,
    jobs: Vec<Job>,
    /// The permit: an empty buffer for the output.
    buffer: Vec<u8>,
}

#[derive(Default)]
struct Done {
    seq: u64,
    /// The batch's output, or the end of it when the start is in `spill`.
    bytes: Vec<u8>,
    /// The start of a large batch's output, moved out of memory ([`Done::spill_if_large`]).
    spill: Option<Spill>,
    /// Whether `bytes` is already a gzip member.
    packed: bool,
    brat: Vec<BratDoc>,
    documents: u64,
    errors: u64,
    replaced_surrogates: u64,
    labels: [u64; 6],
}

/// An anonymous temporary file holding the start of a batch's output.
struct Spill {
    file: File,
    /// The bytes in it that count: a write that failed half-way is cut back to this.
    len: u64,
}

/// A batch's output past this size goes to a temporary file, so that the JSON of a document dense with
/// names (20 times its size and more) is never held in memory.
const SPILL_BYTES: usize = 8 << 20;

impl Done {
    /// Moves the output written so far to the batch's spill file once it passes [`SPILL_BYTES`]. When
    /// the temporary folder cannot take it, the output stays in memory: it costs memory, never output.
    fn spill_if_large(&mut self) {
        if self.bytes.len() < SPILL_BYTES {
            return;
        }
        if self.spill.is_none() {
            let Ok(file) = tempfile::tempfile() else {
                return;
            };
            self.spill = Some(Spill { file, len: 0 });
        }
        let Some(spill) = self.spill.as_mut() else {
            return;
        };
        if spill.file.write_all(&self.bytes).is_ok() {
            spill.len += self.bytes.len() as u64;
            self.bytes.clear();
        } else if spill.file.set_len(spill.len).is_err()
            || spill.file.seek(SeekFrom::Start(spill.len)).is_err()
        {
            // Neither kept nor cut back: a spill that cannot be trusted is not used.
            self.spill = None;
        }
    }

    /// Writes the whole output, the spilled start first, to `to`.
    fn write_to(&self, to: &mut dyn Write) -> io::Result<()> {
        if let Some(spill) = &self.spill {
            let mut file = &spill.file;
            file.seek(SeekFrom::Start(0))?;
            io::copy(&mut file.take(spill.len), to)?;
        }
        to.write_all(&self.bytes)
    }
}

/// What the workers need to know besides the options.
struct Settings<'a> {
    options: &'a Options,
    /// Error records name their input when there are several.
    several_inputs: bool,
    /// Whether each batch is compressed as its own gzip member.
    gzip: bool,
}

impl Settings<'_> {
    fn output<'a>(&'a self, input: &'a str) -> Output<'a> {
        Output {
            source: self.options.with_source.then_some(input),
            span_fields: self.options.span_fields.as_ref(),
        }
    }

    fn error_source<'a>(&self, input: &'a str) -> Option<&'a str> {
        (self.options.with_source || self.several_inputs).then_some(input)
    }
}

const BATCH_BYTES: usize = 1 << 20;
/// The largest output buffer handed back for reuse: a batch of news makes about 3 to 5 MiB.
const KEPT_BUFFER_BYTES: usize = 16 << 20;
const BATCH_RECORDS: usize = 1024;

/// The default `--max-doc-bytes`: the longest document annotated. A thread annotating a document
/// needs up to 12 times its size on text that is nothing but names, about 6 times on dense news (see
/// the README's reliability section), so this bounds the memory of a run at about
/// `threads × 12 × DEFAULT_MAX_DOC_BYTES`.
pub const DEFAULT_MAX_DOC_BYTES: usize = 64 << 20;

/// The most threads a core that `--threads` is given: more only cost memory (each thread holds up to
/// four batches and a document's working buffers) and, by the tens of thousands, abort the program.
pub const MAX_THREADS_PER_CORE: usize = 4;

/// The threads to run on `cores` cores for `--threads requested`, and whether the request was cut down
/// to [`MAX_THREADS_PER_CORE`] a core. None requested is one a core.
pub fn threads(requested: Option<usize>, cores: usize) -> (usize, bool) {
    let cap = cores.max(1) * MAX_THREADS_PER_CORE;
    match requested {
        None => (cores.max(1), false),
        Some(n) if n > cap => (cap, true),
        Some(n) => (n.max(1), false),
    }
}

/// Annotates `inputs` into `destination`. `stop` is requested by a signal: reading stops, and what was
/// read is written.
pub fn run(
    extractor: &Extractor,
    inputs: &[Input],
    destination: &Destination,
    options: &Options,
    stop: &Arc<Stop>,
) -> Summary {
    let settings = Settings {
        options,
        several_inputs: inputs.len() > 1,
        gzip: matches!(destination, Destination::File(path) if is_gzip(path)),
    };
    let started = Instant::now();
    let threads = options.threads.max(1);
    let (batch_tx, batch_rx) = bounded::<Batch>(threads * 2);
    let (done_tx, done_rx) = unbounded::<Done>();
    let in_flight = threads * 4;
    let (permit_tx, permit_rx) = bounded::<Vec<u8>>(in_flight);
    for _ in 0..in_flight {
        let _ = permit_tx.send(Vec::new());
    }
    let total: Option<u64> = inputs
        .iter()
        .map(|i| {
            i.path
                .as_ref()
                .and_then(|p| std::fs::metadata(p).ok())
                .map(|m| m.len())
        })
        .sum();
    let bar = options.progress.then(|| progress_bar(total));
    let read_count = Arc::new(AtomicU64::new(0));
    let writer_failed = AtomicBool::new(false);

    let mut summary = std::thread::scope(|scope| {
        for _ in 0..threads {
            let batch_rx = batch_rx.clone();
            let done_tx = done_tx.clone();
            let settings = &settings;
            scope.spawn(move || work(extractor, settings, &batch_rx, &done_tx));
        }
        drop(done_tx);
        let writer = scope.spawn(|| {
            write(
                destination,
                done_rx,
                permit_tx,
                bar.as_ref(),
                &writer_failed,
            )
        });
        let mut reader = Reader {
            batch_tx,
            permit_rx,
            batch: Vec::new(),
            batch_bytes: 0,
            seq: 0,
            failures: Vec::new(),
            bar: bar.as_ref(),
            read_count: &read_count,
        };
        let interrupted = reader.read_all(inputs, options, stop, &writer_failed);
        let failures = std::mem::take(&mut reader.failures);
        drop(reader);
        let mut summary = writer.join().unwrap_or_else(|_| Summary {
            failures: vec!["the writer thread failed".to_string()],
            ..Summary::default()
        });
        summary.failures.splice(0..0, failures);
        summary.interrupted = interrupted;
        summary.bytes = read_count.load(Ordering::Relaxed);
        summary
    });
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    summary.elapsed = started.elapsed();
    summary
}

fn progress_bar(total: Option<u64>) -> ProgressBar {
    let bar = match total {
        Some(total) => ProgressBar::new(total).with_style(
            ProgressStyle::with_template(
                "{spinner} {elapsed_precise} [{wide_bar}] {decimal_bytes}/{decimal_total_bytes} {decimal_bytes_per_sec} ETA {eta} {msg}",
            )
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
        ),
        None => ProgressBar::new_spinner().with_style(
            ProgressStyle::with_template("{spinner} {elapsed_precise} {decimal_bytes} {decimal_bytes_per_sec} {msg}")
                .unwrap_or_else(|_| ProgressStyle::default_spinner()),
        ),
    };
    bar.set_draw_target(indicatif::ProgressDrawTarget::stderr());
    bar.enable_steady_tick(Duration::from_millis(200));
    bar
}

struct Reader<'a> {
    batch_tx: Sender<Batch>,
    permit_rx: Receiver<Vec<u8>>,
    batch: Vec<Job>,
    batch_bytes: usize,
    seq: u64,
    failures: Vec<String>,
    bar: Option<&'a ProgressBar>,
    read_count: &'a Arc<AtomicU64>,
}

impl Reader<'_> {
    /// Reads every input; returns whether it stopped early on an interrupt.
    fn read_all(
        &mut self,
        inputs: &[Input],
        options: &Options,
        stop: &Arc<Stop>,
        writer_failed: &AtomicBool,
    ) -> bool {
        let halted = || stop.is_requested() || writer_failed.load(Ordering::Relaxed);
        for input in inputs {
            if halted() {
                break;
            }
            let name: Arc<str> = Arc::from(input.name());
            let mut reader = match input::open(input, self.read_count.clone(), stop) {
                Ok(r) => r,
                // A FIFO still waiting for a writer when the signal came: nothing of it was read.
                Err(_) if stop.is_requested() => break,
                Err(e) => {
                    self.failures.push(format!("cannot read {name}: {e}"));
                    continue;
                }
            };
            let kind = match input::looks_like_json_lines(&mut reader) {
                Ok(true) if input.sniff => Kind::Jsonl,
                _ => input.kind,
            };
            match kind {
                Kind::Text => {
                    let body = match input::read_document(&mut reader, options.max_doc_bytes) {
                        // A signal ends the reading as an end of file would: the text may be cut,
                        // and is not annotated as if it were whole.
                        Ok(_) if stop.is_requested() => Body::Error {
                            id: Some(json_string(&name)),
                            message: "not annotated: a signal stopped the reading of this document"
                                .to_string(),
                        },
                        Ok(Ok(bytes)) => Body::Text(bytes),
                        Ok(Err(len)) => Body::Error {
                            id: Some(json_string(&name)),
                            message: too_long("document", len, options.max_doc_bytes),
                        },
                        Err(e) => {
                            self.failures.push(format!("cannot read {name}: {e}"));
                            Body::Error {
                                id: Some(json_string(&name)),
                                message: format!("input could not be read: {e}"),
                            }
                        }
                    };
                    self.push(name.clone(), 1, body);
                }
                Kind::Jsonl => {
                    let mut blocks = input::Blocks::new(reader, options.max_doc_bytes, BATCH_BYTES);
                    while let Some(chunk) = blocks.next_chunk() {
                        match chunk {
                            Chunk::Block { first_line, bytes } => {
                                self.push(name.clone(), first_line, Body::Lines(bytes));
                            }
                            Chunk::TooLong { number, len } => {
                                let message = too_long("line", len, options.max_doc_bytes);
                                self.push(name.clone(), number, Body::Error { id: None, message });
                            }
                            Chunk::Broken {
                                number,
                                partial,
                                error,
                            } => {
                                self.failures.push(format!(
                                    "{name}: input broke off at line {number}: {error}"
                                ));
                                if partial {
                                    let message =
                                        format!("input broke off inside this line: {error}");
                                    self.push(
                                        name.clone(),
                                        number,
                                        Body::Error { id: None, message },
                                    );
                                }
                            }
                        }
                        if halted() {
                            break;
                        }
                    }
                }
            }
        }
        self.flush();
        stop.is_requested()
    }

    fn push(&mut self, input: Arc<str>, line: u64, body: Body) {
        self.batch_bytes += match &body {
            Body::Lines(b) | Body::Text(b) => b.len(),
            Body::Error { .. } => 0,
        };
        self.batch.push(Job { input, line, body });
        if self.batch_bytes >= BATCH_BYTES || self.batch.len() >= BATCH_RECORDS {
            self.flush();
        }
    }

    fn flush(&mut self) {
        if self.batch.is_empty() {
            return;
        }
        if let Some(bar) = self.bar {
            bar.set_position(self.read_count.load(Ordering::Relaxed));
        }
        // Waits while the writer holds `in_flight` batches: this is what bounds memory.
        let Ok(buffer) = self.permit_rx.recv() else {
            return;
        };
        let batch = Batch {
            seq: self.seq,
            jobs: std::mem::take(&mut self.batch),
            buffer,
        };
        self.seq += 1;
        self.batch_bytes = 0;
        let _ = self.batch_tx.send(batch);
    }
}

fn too_long(what: &str, len: u64, max: usize) -> String {
    format!("{what} is longer than --max-doc-bytes ({len} > {max} bytes)")
}

fn json_string(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "null".to_string())
}

fn work(
    extractor: &Extractor,
    settings: &Settings<'_>,
    batches: &Receiver<Batch>,
    done: &Sender<Done>,
) {
    for batch in batches {
        let mut out = Done {
            seq: batch.seq,
            bytes: batch.buffer,
            ..Done::default()
        };
        for job in batch.jobs {
            process(extractor, settings, job, &mut out);
        }
        // Batches waiting for the writer mean it is the one behind: this one is compressed here (unless
        // it was too large to hold).
        if settings.gzip && !done.is_empty() && out.spill.is_none() {
            out.bytes = gzip_member(&out.bytes);
            out.packed = true;
        }
        if done.send(out).is_err() {
            return;
        }
    }
}

fn process(extractor: &Extractor, settings: &Settings<'_>, job: Job, out: &mut Done) {
    let options = settings.options;
    match job.body {
        Body::Error { id, message } => {
            fail(settings, &job.input, job.line, id.as_deref(), &message, out)
        }
        Body::Lines(bytes) => {
            for (line, record) in input::lines(&bytes, job.line) {
                annotate_line(extractor, settings, &job.input, line, record, out);
            }
        }
        Body::Text(bytes) => {
            let id = json_string(&job.input);
            match String::from_utf8(bytes) {
                Err(e) => {
                    let message = format!(
                        "input is not UTF-8 (invalid byte at offset {})",
                        e.utf8_error().valid_up_to()
                    );
                    fail(settings, &job.input, job.line, Some(&id), &message, out);
                }
                Ok(text) => {
                    out.documents += 1;
                    if options.format == Format::Jsonl {
                        let shown = options.include_text.then_some(text.as_str());
                        let output = settings.output(&job.input);
                        let list =
                            record::start_document(&job.input, shown, &output, &mut out.bytes);
                        stream(extractor, &text, list, out);
                        return;
                    }
                    let spans = extractor.extract(&text);
                    count(&spans, out);
                    match options.format {
                        Format::Conll { sentences } => {
                            format::write_conll(&id, &text, &spans, sentences, &mut out.bytes)
                        }
                        _ => out.brat.push(format::brat_doc(&job.input, &text, &spans)),
                    }
                }
            }
        }
    }
}

fn annotate_line(
    extractor: &Extractor,
    settings: &Settings<'_>,
    input: &str,
    line: u64,
    bytes: &[u8],
    out: &mut Done,
) {
    let options = settings.options;
    match record::parse(bytes, &options.fields) {
        Err(e) => fail(settings, input, line, e.id.as_deref(), &e.message, out),
        Ok(rec) => {
            out.documents += 1;
            out.replaced_surrogates += u64::from(rec.replaced_surrogates);
            if options.format == Format::Jsonl {
                let list = rec.start_annotated(&settings.output(input), &mut out.bytes);
                stream(extractor, &rec.text, list, out);
                return;
            }
            let spans = extractor.extract(&rec.text);
            count(&spans, out);
            match options.format {
                Format::Conll { sentences } => format::write_conll(
                    rec.id().unwrap_or("null"),
                    &rec.text,
                    &spans,
                    sentences,
                    &mut out.bytes,
                ),
                _ => out
                    .brat
                    .push(format::brat_doc(&plain_id(rec.id()), &rec.text, &spans)),
            }
        }
    }
}

/// Writes the error record of a record that could not be annotated, in the output format.
fn fail(
    settings: &Settings<'_>,
    input: &str,
    line: u64,
    id: Option<&str>,
    message: &str,
    out: &mut Done,
) {
    out.documents += 1;
    out.errors += 1;
    match settings.options.format {
        Format::Jsonl => {
            let source = settings.error_source(input);
            record::write_error(id, source, line, message, &mut out.bytes)
        }
        Format::Conll { .. } => {
            format::write_conll_error(id.unwrap_or("null"), message, &mut out.bytes)
        }
        Format::Brat => out.brat.push(BratDoc {
            id: plain_id(id),
            text: None,
            ann: format!("{input}:{line}: {message}\n"),
        }),
    }
}

/// An id as text for a file name: a JSON string without its quotes, anything else as written.
fn plain_id(id: Option<&str>) -> String {
    match id {
        None => "null".to_string(),
        Some(raw) => serde_json::from_str::<String>(raw).unwrap_or_else(|_| raw.to_string()),
    }
}

/// Annotates `text` into the JSON Lines record begun with `list`, each span written as it is made: a
/// dense document's spans take many times its size, its JSON more, and neither is held whole (see
/// [`Done::spill_if_large`]).
fn stream(extractor: &Extractor, text: &str, mut list: record::SpanList<'_>, out: &mut Done) {
    extractor.extract_each(text, |span| {
        count(std::slice::from_ref(&span), out);
        list.push(&span, &mut out.bytes);
        out.spill_if_large();
    });
    list.finish(&mut out.bytes);
}

fn count(spans: &[Span], out: &mut Done) {
    for s in spans {
        if let Some(i) = Label::ALL.iter().position(|l| *l == s.label) {
            out.labels[i] += 1;
        }
    }
}

fn is_gzip(path: &Path) -> bool {
    path.extension().is_some_and(|e| e == "gz")
}

/// The gzip level of `.gz` output. Level 1 (zlib-rs's quick deflate) compresses annotated news three
/// to four times at about 340 MB/s a core; level 6, the usual default, five to six times at about
/// 90 MB/s, which costs as much CPU as the extraction itself and makes `.gz` output the bottleneck.
const GZIP_LEVEL: u32 = 1;

/// `bytes` as one gzip member.
fn gzip_member(bytes: &[u8]) -> Vec<u8> {
    let level = flate2::Compression::new(GZIP_LEVEL);
    let mut encoder = GzEncoder::new(Vec::with_capacity(bytes.len() / 3), level);
    // Compressing into a Vec cannot fail.
    let _ = encoder.write_all(bytes);
    encoder.finish().unwrap_or_default()
}

enum Sink {
    Stdout(io::Stdout),
    /// A file: plain, or gzip members written as the workers made them.
    File {
        file: OutputFile,
        gzip: bool,
        written: bool,
    },
    Folder(PathBuf),
}

fn open_sink(destination: &Destination) -> io::Result<Sink> {
    Ok(match destination {
        Destination::Stdout => Sink::Stdout(io::stdout()),
        Destination::File(path) => Sink::File {
            file: OutputFile::create(path)?,
            gzip: is_gzip(path),
            written: false,
        },
        Destination::Open(file) => Sink::File {
            file: OutputFile::from_file(file.try_clone()?),
            gzip: false,
            written: false,
        },
        Destination::Folder(dir) => {
            std::fs::create_dir_all(dir)?;
            write_whole(
                &dir.join("annotation.conf"),
                format::brat_annotation_conf().as_bytes(),
            )?;
            Sink::Folder(dir.clone())
        }
    })
}

impl Sink {
    /// Writes a finished batch. `numbered` counts the records written before it, for brat names.
    fn write_batch(&mut self, done: &Done, numbered: u64) -> io::Result<()> {
        match self {
            Sink::Stdout(out) => {
                let mut lock = out.lock();
                done.write_to(&mut lock)?;
                lock.flush()?;
            }
            Sink::File {
                file,
                gzip,
                written,
            } => {
                *written = true;
                if *gzip && done.spill.is_some() {
                    let mut encoder = GzEncoder::new(file, flate2::Compression::new(GZIP_LEVEL));
                    done.write_to(&mut encoder)?;
                    return encoder.finish().map(drop);
                }
                if *gzip && !done.packed {
                    return file.write_all(&gzip_member(&done.bytes));
                }
                done.write_to(file)?;
            }
            Sink::Folder(dir) => {
                for (doc, number) in done.brat.iter().zip(numbered + 1..) {
                    let stem = format::brat_stem(number, &doc.id);
                    match &doc.text {
                        Some(text) => {
                            write_whole(&dir.join(format!("{stem}.txt")), text.as_bytes())?;
                            write_whole(&dir.join(format!("{stem}.ann")), doc.ann.as_bytes())?;
                        }
                        None => {
                            write_whole(&dir.join(format!("{stem}.error")), doc.ann.as_bytes())?
                        }
                    }
                }
            }
        }
        Ok(())
    }

    fn finish(self) -> io::Result<()> {
        match self {
            Sink::Stdout(out) => out.lock().flush(),
            // Without a member, the file would not be gzip: an empty one says there were no records.
            Sink::File {
                mut file,
                gzip: true,
                written: false,
            } => {
                file.write_all(&gzip_member(b""))?;
                file.commit()
            }
            Sink::File { file, .. } => file.commit(),
            Sink::Folder(_) => Ok(()),
        }
    }
}

/// Writes a file of a brat folder whole or not at all, as [`OutputFile`] does.
fn write_whole(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut file = OutputFile::create(path)?;
    file.write_all(bytes)?;
    file.commit()
}

fn write(
    destination: &Destination,
    done_rx: Receiver<Done>,
    permit_tx: Sender<Vec<u8>>,
    bar: Option<&ProgressBar>,
    failed: &AtomicBool,
) -> Summary {
    let mut summary = Summary::default();
    let mut sink = match open_sink(destination) {
        Ok(sink) => Some(sink),
        Err(e) => {
            summary
                .failures
                .push(format!("cannot write {}: {e}", describe(destination)));
            failed.store(true, Ordering::Relaxed);
            None
        }
    };
    let mut pending: BTreeMap<u64, Done> = BTreeMap::new();
    let mut next = 0u64;
    let mut labels = [0u64; 6];
    for done in done_rx {
        pending.insert(done.seq, done);
        while let Some(done) = pending.remove(&next) {
            next += 1;
            if let Some(s) = sink.as_mut() {
                match s.write_batch(&done, summary.documents) {
                    Ok(_) => {
                        summary.documents += done.documents;
                        summary.errors += done.errors;
                        summary.replaced_surrogates += done.replaced_surrogates;
                        for (total, n) in labels.iter_mut().zip(done.labels) {
                            *total += n;
                        }
                    }
                    // A closed pipe (`nkner annotate | head`) means the reader has seen enough: end at
                    // once, quietly, with success, as Unix tools do.
                    Err(e) if e.kind() == io::ErrorKind::BrokenPipe => std::process::exit(0),
                    Err(e) => {
                        summary
                            .failures
                            .push(format!("cannot write {}: {e}", describe(destination)));
                        // Dropping an output file removes its temporary: the old file stays.
                        sink = None;
                        failed.store(true, Ordering::Relaxed);
                    }
                }
            }
            if let Some(bar) = bar {
                bar.set_message(format!("{} documents", summary.documents));
            }
            let mut buffer = done.bytes;
            // A buffer that held a huge document is not kept for the rest of the run.
            if buffer.capacity() > KEPT_BUFFER_BYTES {
                buffer = Vec::new();
            }
            buffer.clear();
            let _ = permit_tx.send(buffer);
        }
    }
    if let Some(s) = sink {
        if let Err(e) = s.finish() {
            if e.kind() == io::ErrorKind::BrokenPipe {
                std::process::exit(0);
            }
            summary
                .failures
                .push(format!("cannot write {}: {e}", describe(destination)));
        }
    }
    for (label, n) in Label::ALL.iter().zip(labels) {
        if n > 0 {
            summary.labels.insert(*label, n);
        }
    }
    summary
}

fn describe(destination: &Destination) -> String {
    match destination {
        Destination::Stdout => "standard output".to_string(),
        Destination::File(p) | Destination::Folder(p) => p.display().to_string(),
        Destination::Open(_) => "a temporary file".to_string(),
    }
}
