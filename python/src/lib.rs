//! Python bindings of nkner: the compiled module `nkner._nkner`, re-exported by the package `nkner`.
//!
//! A thin layer over the library's public API, with no logic of its own beyond moving values across:
//! spans and entries cross as the library serializes them (`serde_json::Value`, turned into Python
//! objects), so a field the library adds reaches `Span.to_dict()`, the entries and the look-ups with no
//! change here. Two things are the layer's own, and both are about the boundary:
//!
//! - `Extractor.pipe` runs the library on worker threads (std threads, one bounded job queue), in
//!   batches, with the GIL released while Python waits; it keeps input order and holds at most two
//!   batches a thread, so memory stays bounded however long the input.
//! - Python strings may hold lone surrogates, which UTF-8 cannot; each is read as U+FFFD, one code point
//!   for one, as the CLI does, so char offsets still index the Python string.
//!
//! No panic crosses into Python: the library promises none, and the workers catch one anyway and raise
//! `RuntimeError` in the caller.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::ops::Deref;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver, SyncSender};
use std::sync::{Arc, Mutex, TryLockError};

use pyo3::create_exception;
use pyo3::exceptions::{PyOSError, PyRuntimeError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyBytes, PyDict, PyIterator, PyList, PyString};
use serde_json::Value;

create_exception!(
    nkner,
    Error,
    PyValueError,
    "A gazetteer, rule or option nkner cannot use; the message names the file and line where there is \
     one (`mine.tsv:2: unknown label 'TOWN'`), also as the attributes `source_name` and `line`. A file \
     that cannot be read gives this error with the `OSError` as its `__cause__`."
);

/// The library's error as `nkner.Error`, with its message, file and line.
fn error(py: Python<'_>, e: &nkner::Error) -> PyErr {
    let err = Error::new_err(e.to_string());
    let value = err.value(py);
    // Setting an attribute on a fresh exception instance cannot fail.
    let _ = value.setattr("line", e.line());
    let _ = value.setattr("source_name", e.source_name());
    if let nkner::ErrorKind::Io { error: io, .. } = e.kind() {
        let cause = match io.raw_os_error() {
            Some(code) => PyOSError::new_err((code, io.to_string())),
            None => PyOSError::new_err(io.to_string()),
        };
        err.set_cause(py, Some(cause));
    }
    err
}

/// A value the library serialized, as Python objects: dicts (keys in the library's order), lists,
/// str, int, float, bool, None.
fn to_python<'py>(py: Python<'py>, value: &Value) -> PyResult<Bound<'py, PyAny>> {
    Ok(match value {
        Value::Null => py.None().into_bound(py),
        Value::Bool(b) => PyBool::new(py, *b).to_owned().into_any(),
        Value::Number(n) => match (n.as_u64(), n.as_i64()) {
            (Some(u), _) => u.into_pyobject(py)?.into_any(),
            (None, Some(i)) => i.into_pyobject(py)?.into_any(),
            _ => n.as_f64().unwrap_or(f64::NAN).into_pyobject(py)?.into_any(),
        },
        Value::String(s) => PyString::new(py, s).into_any(),
        Value::Array(items) => {
            let items = items
                .iter()
                .map(|v| to_python(py, v))
                .collect::<PyResult<Vec<_>>>()?;
            PyList::new(py, items)?.into_any()
        }
        Value::Object(map) => {
            let dict = PyDict::new(py);
            for (k, v) in map {
                dict.set_item(k, to_python(py, v)?)?;
            }
            dict.into_any()
        }
    })
}

/// Serializes a library value and hands it to Python.
fn serialized<'py>(py: Python<'py>, value: &impl serde::Serialize) -> PyResult<Bound<'py, PyAny>> {
    let value = serde_json::to_value(value)
        .map_err(|e| PyRuntimeError::new_err(format!("nkner: cannot serialize: {e}")))?;
    to_python(py, &value)
}

/// The text of a Python `str`, for the library. A lone surrogate (which UTF-8 cannot hold, and which
/// `json.loads` gives for half an escaped emoji) becomes U+FFFD: one code point for one, so offsets
/// still index the Python string.
fn text_of<'a>(obj: &'a Bound<'_, PyAny>) -> PyResult<Cow<'a, str>> {
    let s = obj.cast::<PyString>().map_err(|_| {
        let kind = obj
            .get_type()
            .name()
            .map_or_else(|_| "?".to_string(), |n| n.to_string());
        PyTypeError::new_err(format!("nkner: expected a str, got {kind}"))
    })?;
    if let Ok(text) = s.to_cow() {
        return Ok(text);
    }
    let encoded = s.call_method1("encode", ("utf-8", "surrogatepass"))?;
    let mut bytes = encoded.cast::<PyBytes>()?.as_bytes().to_vec();
    // A surrogate encodes as ED A0..BF 80..BF; U+FFFD as EF BF BD, as long, so nothing else moves.
    let mut i = 0;
    while i + 2 < bytes.len() {
        if bytes[i] == 0xED && bytes[i + 1] >= 0xA0 {
            bytes[i..i + 3].copy_from_slice("\u{FFFD}".as_bytes());
            i += 3;
        } else {
            i += 1;
        }
    }
    String::from_utf8(bytes)
        .map(Cow::Owned)
        .map_err(|e| PyValueError::new_err(format!("nkner: text is not valid Unicode: {e}")))
}

/// The message of a panic caught before it reaches Python (the library promises none: a bug).
fn internal_error(panic: &(dyn std::any::Any + Send)) -> String {
    let what = panic
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".to_string());
    format!("nkner: internal error (please report it): {what}")
}

/// The default extractor, or one built from options; cheap to clone and to send to a thread.
#[derive(Clone)]
enum Shared {
    Default,
    Built(Arc<nkner::Extractor>),
}

impl Deref for Shared {
    type Target = nkner::Extractor;

    fn deref(&self) -> &nkner::Extractor {
        match self {
            Shared::Default => nkner::default_extractor(),
            Shared::Built(extractor) => extractor,
        }
    }
}

/// One mention found in a text: where it is, what it is, and which gazetteer entry it names.
///
/// `start` and `end` are Python string indices (`text[span.start:span.end] == span.text`);
/// `start_byte` and `end_byte` count UTF-8 bytes. The other attributes are those of the JSON output,
/// and `to_dict()` gives that JSON object. Spans compare equal when every field is equal.
#[pyclass(frozen, module = "nkner", name = "Span")]
struct Span(nkner::Span);

fn opt(s: &Option<Arc<str>>) -> Option<&str> {
    s.as_deref()
}

#[pymethods]
impl Span {
    /// Start, as a Python string index (Unicode code points).
    #[getter]
    fn start(&self) -> usize {
        self.0.start_char
    }

    /// End (exclusive), as a Python string index.
    #[getter]
    fn end(&self) -> usize {
        self.0.end_char
    }

    /// Start, in UTF-8 bytes.
    #[getter]
    fn start_byte(&self) -> usize {
        self.0.start_byte
    }

    /// End (exclusive), in UTF-8 bytes.
    #[getter]
    fn end_byte(&self) -> usize {
        self.0.end_byte
    }

    /// The type of the mention: PROVINCE, CITY, COUNTY, DISTRICT, AGENCY or UNIT.
    #[getter]
    fn label(&self) -> &'static str {
        self.0.label.as_str()
    }

    /// The mention as written in the text.
    #[getter]
    fn text(&self) -> &str {
        &self.0.text
    }

    /// Id of the gazetteer entry named; None for a rule match without an entry, or for a name shared
    /// by several entries (then `candidates` lists them).
    #[getter]
    fn kb_id(&self) -> Option<&str> {
        opt(&self.0.kb_id)
    }

    /// Canonical English name of the entry named.
    #[getter]
    fn name(&self) -> Option<&str> {
        opt(&self.0.name)
    }

    /// Id of the containing unit or parent body.
    #[getter]
    fn parent_id(&self) -> Option<&str> {
        opt(&self.0.parent_id)
    }

    /// Id of the province or provincial-level city that contains a place (itself for a level-1 unit).
    #[getter]
    fn province_id(&self) -> Option<&str> {
        opt(&self.0.province_id)
    }

    /// Latitude of the linked place's approximate centre, where the gazetteer has it.
    #[getter]
    fn lat(&self) -> Option<f64> {
        self.0.lat
    }

    /// Longitude of the linked place's approximate centre, where the gazetteer has it.
    #[getter]
    fn lon(&self) -> Option<f64> {
        self.0.lon
    }

    /// True for a name that is also South Korean (ANNOTATION rule 9), or shared by several entries.
    #[getter]
    fn ambiguous(&self) -> bool {
        self.0.ambiguous
    }

    /// The entries a shared name may stand for, when `kb_id` is None for that reason.
    #[getter]
    fn candidates(&self) -> Vec<&str> {
        self.0.candidates.iter().map(|c| &**c).collect()
    }

    /// How the span was found: `{"kind": "gazetteer", "form": ...}`, `{"kind": "rule", "rule": ...}`
    /// or `{"kind": "acronym", "acronym": ...}`.
    #[getter]
    fn source<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        serialized(py, &self.0.source)
    }

    /// The span as the JSON output writes it: `start`/`end` in code points, `start_byte`/`end_byte`,
    /// and the optional fields only where they have a value.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        serialized(py, &self.0)
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let repr = |s: &str| -> PyResult<String> { Ok(PyString::new(py, s).repr()?.to_string()) };
        let kb_id = match self.kb_id() {
            Some(id) => repr(id)?,
            None => "None".to_string(),
        };
        Ok(format!(
            "Span(start={}, end={}, label={}, text={}, kb_id={})",
            self.0.start_char,
            self.0.end_char,
            repr(self.label())?,
            repr(&self.0.text)?,
            kb_id
        ))
    }

    fn __eq__(&self, other: &Self) -> bool {
        self.0 == other.0
    }

    fn __hash__(&self) -> u64 {
        use std::hash::{Hash, Hasher};
        // Equal spans have equal offsets, labels and links; that is enough to spread them.
        let mut h = std::collections::hash_map::DefaultHasher::new();
        (
            self.0.start_byte,
            self.0.end_byte,
            self.0.label,
            &self.0.kb_id,
        )
            .hash(&mut h);
        h.finish()
    }
}

/// A regular expression for what a list cannot hold (numbered units), giving spans of one label.
///
/// `Rule(name, pattern, label, north_korean_cue=False)`: `pattern` is a `regex` crate pattern matched
/// on the folded text (diacritics removed, curly apostrophes straight, white space runs as one space),
/// in the letter case it says (`(?i)` for any); a match must start and end at a word boundary. `name`
/// appears in a span's `source`. With `north_korean_cue=True` a match is kept only near a North
/// Korean cue, as the built-in unit rules are. A bad pattern raises `nkner.Error` naming the rule.
#[pyclass(frozen, module = "nkner", name = "Rule")]
struct Rule(nkner::Rule);

#[pymethods]
impl Rule {
    #[new]
    #[pyo3(signature = (name, pattern, label, north_korean_cue = false))]
    fn new(
        py: Python<'_>,
        name: &str,
        pattern: &str,
        label: &str,
        north_korean_cue: bool,
    ) -> PyResult<Rule> {
        let label = parse_label(label)?;
        let rule = nkner::Rule::new(name, pattern, label).map_err(|e| error(py, &e))?;
        Ok(Rule(rule.needs_north_korean_cue(north_korean_cue)))
    }

    /// The rule's name.
    #[getter]
    fn name(&self) -> &str {
        self.0.name()
    }

    fn __repr__(&self) -> String {
        format!("Rule({:?})", self.0.name())
    }
}

fn parse_label(label: &str) -> PyResult<nkner::Label> {
    label
        .parse()
        .map_err(|e: nkner::UnknownLabel| Error::new_err(e.to_string()))
}

/// Finds North Korean places, agencies and units in text.
///
/// `Extractor()` is the default one (built-in gazetteer and rules, every label). Keyword options:
/// `labels` keeps only spans with these labels (overlaps are resolved first, so a dropped agency name
/// still hides the place inside it); `gazetteers` adds TSV files in the format of `gazetteers/README.md`;
/// `rules` adds `Rule`s after the built-in ones; `builtin=False` leaves the built-in gazetteer out (as
/// the CLI's `--no-builtin`). A bad file raises `nkner.Error` naming its file and line.
///
/// Build one and reuse it: building compiles the gazetteer into an automaton (milliseconds for the
/// built-in one). It is safe to share across threads; `pipe` runs without the GIL, and so does `extract` on a long
/// text.
#[pyclass(frozen, module = "nkner", name = "Extractor")]
struct Extractor {
    inner: Shared,
}

#[pymethods]
impl Extractor {
    #[new]
    #[pyo3(
        signature = (*, labels = None, gazetteers = Vec::new(), rules = Vec::new(), builtin = true),
        text_signature = "(*, labels=None, gazetteers=(), rules=(), builtin=True)"
    )]
    fn new(
        py: Python<'_>,
        labels: Option<Vec<String>>,
        gazetteers: Vec<PathBuf>,
        rules: Vec<PyRef<'_, Rule>>,
        builtin: bool,
    ) -> PyResult<Extractor> {
        if labels.is_none() && gazetteers.is_empty() && rules.is_empty() && builtin {
            return Ok(Extractor {
                inner: Shared::Default,
            });
        }
        let mut builder = nkner::Extractor::builder();
        builder.builtin_gazetteer(builtin);
        if let Some(labels) = labels {
            let labels = labels
                .iter()
                .map(|l| parse_label(l))
                .collect::<PyResult<Vec<_>>>()?;
            builder.labels(labels);
        }
        for rule in &rules {
            builder.rule(rule.0.clone());
        }
        let built = py.detach(move || {
            for path in &gazetteers {
                builder.gazetteer(nkner::Gazetteer::from_path(path)?);
            }
            builder.build()
        });
        let extractor = built.map_err(|e| error(py, &e))?;
        Ok(Extractor {
            inner: Shared::Built(Arc::new(extractor)),
        })
    }

    /// The spans of `text`: sorted by start, never overlapping, each on grapheme boundaries.
    fn extract<'py>(
        &self,
        py: Python<'py>,
        text: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyList>> {
        extract_with(py, &self.inner, text)
    }

    /// Annotates an iterable of texts on `threads` worker threads (default: one a core), yielding one
    /// list of spans per text, in input order.
    ///
    /// Texts are read `batch_size` at a time (a batch also closes at 1 MB of text), and at most two
    /// batches a thread are in flight, so memory stays bounded however long the input; the GIL is
    /// released while the workers run. For a pandas column: `list(extractor.pipe(df.text))`.
    #[pyo3(signature = (texts, *, batch_size = 256, threads = None))]
    fn pipe(
        &self,
        texts: &Bound<'_, PyAny>,
        batch_size: usize,
        threads: Option<usize>,
    ) -> PyResult<Pipe> {
        if batch_size == 0 {
            return Err(PyValueError::new_err(
                "nkner: batch_size must be at least 1",
            ));
        }
        let threads = match threads {
            Some(0) => return Err(PyValueError::new_err("nkner: threads must be at least 1")),
            Some(n) => n,
            None => std::thread::available_parallelism().map_or(1, |n| n.get()),
        };
        Ok(Pipe {
            state: Mutex::new(PipeState {
                input: Some(texts.try_iter()?.unbind()),
                extractor: self.inner.clone(),
                pool: None,
                threads,
                batch_size,
                sent: 0,
                next: 0,
                waiting: BTreeMap::new(),
                current: Vec::new().into_iter(),
            }),
        })
    }

    /// Every entry a name or spelling matches, with the gazetteer form that matched and the variant
    /// rules (numbered as in `gazetteers/README.md`) that derive the name from it. Context is not
    /// weighed: `flags` say which readings depend on it. Each is a dict: `entity` (as in `entities()`),
    /// `label`, `form`, `rules`, `flags`, `head`.
    fn lookup<'py>(&self, py: Python<'py>, name: &str) -> PyResult<Bound<'py, PyList>> {
        lookup_with(py, &self.inner, name)
    }

    /// Every entry of the extractor's gazetteers, in gazetteer order, as dicts (`id`, `label`, `kind`,
    /// `name`, `parent`, `province`, `former_names`, `lat`, `lon`, `verified`).
    fn entities<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let items = self
            .inner
            .entities()
            .map(|e| serialized(py, e))
            .collect::<PyResult<Vec<_>>>()?;
        PyList::new(py, items)
    }

    /// The patterns of the extractor's automaton: every form and generated variant, folded and in lower
    /// case, and the context cue phrases. What a bare keyword scan of the same names would look for.
    fn patterns(&self) -> Vec<&str> {
        self.inner.patterns().collect()
    }

    /// The entry with this id, as a dict, or None.
    fn entity<'py>(&self, py: Python<'py>, id: &str) -> PyResult<Option<Bound<'py, PyAny>>> {
        self.inner.entity(id).map(|e| serialized(py, e)).transpose()
    }

    fn __repr__(&self) -> String {
        format!(
            "Extractor(entities={}, patterns={})",
            self.inner.entities().count(),
            self.inner.patterns().count()
        )
    }
}

fn extract_with<'py>(
    py: Python<'py>,
    extractor: &Shared,
    text: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyList>> {
    let text = text_of(text)?;
    let text: &str = &text;
    let run = || catch_unwind(AssertUnwindSafe(|| extractor.extract(text)));
    // Releasing the GIL costs more than a short text takes.
    let spans = if text.len() < 4096 {
        run()
    } else {
        py.detach(run)
    };
    let spans = spans.map_err(|panic| PyRuntimeError::new_err(internal_error(&*panic)))?;
    PyList::new(py, spans.into_iter().map(Span))
}

fn lookup_with<'py>(
    py: Python<'py>,
    extractor: &Shared,
    name: &str,
) -> PyResult<Bound<'py, PyList>> {
    let items = extractor
        .lookup(name)
        .iter()
        .map(|found| {
            let dict = PyDict::new(py);
            dict.set_item("entity", serialized(py, found.entity)?)?;
            dict.set_item("label", found.label.map(nkner::Label::as_str))?;
            dict.set_item("form", found.form)?;
            dict.set_item("rules", found.rules.clone())?;
            dict.set_item("flags", found.flags.clone())?;
            dict.set_item("head", found.head.as_deref())?;
            Ok(dict)
        })
        .collect::<PyResult<Vec<_>>>()?;
    PyList::new(py, items)
}

/// A batch of texts, numbered in input order.
type Job = (u64, Vec<String>);
/// A batch's spans, or the message of a panic.
type Done = (u64, Result<Vec<Vec<nkner::Span>>, String>);

/// Worker threads fed through one bounded queue. Dropping it closes the queue; the workers finish the
/// batch they hold and end.
struct Pool {
    jobs: SyncSender<Job>,
    /// Behind a lock only so that the wait can run with the GIL released (which needs `Sync`).
    done: Mutex<Receiver<Done>>,
}

impl Pool {
    fn start(extractor: &Shared, threads: usize) -> PyResult<Pool> {
        let (jobs, queue) = mpsc::sync_channel::<Job>(2 * threads);
        let (finished, done) = mpsc::channel::<Done>();
        let queue = Arc::new(Mutex::new(queue));
        for n in 0..threads {
            let queue = Arc::clone(&queue);
            let finished = finished.clone();
            let extractor = extractor.clone();
            std::thread::Builder::new()
                .name(format!("nkner-pipe-{n}"))
                .spawn(move || loop {
                    // A poisoned lock means another worker panicked while holding it: stop too.
                    let job = match queue.lock() {
                        Ok(queue) => queue.recv(),
                        Err(_) => return,
                    };
                    let Ok((seq, texts)) = job else { return };
                    let spans = catch_unwind(AssertUnwindSafe(|| {
                        texts.iter().map(|t| extractor.extract(t)).collect()
                    }))
                    .map_err(|panic| internal_error(&*panic));
                    if finished.send((seq, spans)).is_err() {
                        return;
                    }
                })
                .map_err(|e| {
                    PyRuntimeError::new_err(format!("nkner: cannot start a thread: {e}"))
                })?;
        }
        Ok(Pool {
            jobs,
            done: Mutex::new(done),
        })
    }
}

/// The longest text read into one batch of `Extractor.pipe`, in bytes, whatever `batch_size` says.
const BATCH_BYTES: usize = 1 << 20;

struct PipeState {
    /// The input iterator; None once it is exhausted or raised.
    input: Option<Py<PyIterator>>,
    extractor: Shared,
    /// Started on the first `next`, so a pipe never iterated starts no thread.
    pool: Option<Pool>,
    threads: usize,
    batch_size: usize,
    /// Batches sent to the workers, and the number of the next one to yield from.
    sent: u64,
    next: u64,
    /// Batches finished ahead of their turn.
    waiting: BTreeMap<u64, Vec<Vec<nkner::Span>>>,
    /// The batch being yielded from.
    current: std::vec::IntoIter<Vec<nkner::Span>>,
}

impl PipeState {
    /// Reads the next batch of texts from the input; an empty batch at its end.
    fn read_batch(&mut self, py: Python<'_>) -> PyResult<Vec<String>> {
        let mut batch = Vec::new();
        let mut bytes = 0;
        let Some(input) = &self.input else {
            return Ok(batch);
        };
        let mut input = input.bind(py).clone();
        while batch.len() < self.batch_size && bytes < BATCH_BYTES {
            match input.next() {
                Some(item) => {
                    let text = text_of(&item?)?.into_owned();
                    bytes += text.len();
                    batch.push(text);
                }
                None => {
                    self.input = None;
                    break;
                }
            }
        }
        Ok(batch)
    }

    fn next(&mut self, py: Python<'_>) -> PyResult<Option<Vec<nkner::Span>>> {
        loop {
            if let Some(spans) = self.current.next() {
                return Ok(Some(spans));
            }
            if self.pool.is_none() {
                self.pool = Some(Pool::start(&self.extractor, self.threads)?);
            }
            // Keep every worker busy, two batches a thread at most.
            while self.input.is_some() && self.sent - self.next < 2 * self.threads as u64 {
                let batch = match self.read_batch(py) {
                    Ok(batch) => batch,
                    Err(e) => {
                        self.input = None;
                        return Err(e);
                    }
                };
                if batch.is_empty() {
                    break;
                }
                let Some(pool) = &self.pool else { break };
                // The queue holds as many batches as may be in flight: this never waits.
                let job = (self.sent, batch);
                pool.jobs
                    .send(job)
                    .map_err(|_| PyRuntimeError::new_err("nkner: the worker threads stopped"))?;
                self.sent += 1;
            }
            if self.next == self.sent {
                self.pool = None;
                return Ok(None);
            }
            let batch = match self.waiting.remove(&self.next) {
                Some(batch) => batch,
                None => {
                    let Some(pool) = &self.pool else {
                        return Ok(None);
                    };
                    let (next, waiting) = (self.next, &mut self.waiting);
                    let done = &pool.done;
                    py.detach(|| loop {
                        let received = match done.lock() {
                            Ok(done) => done.recv(),
                            Err(_) => return Err("nkner: the pipe failed earlier".to_string()),
                        };
                        match received {
                            Ok((seq, Ok(batch))) if seq == next => return Ok(batch),
                            Ok((seq, Ok(batch))) => {
                                waiting.insert(seq, batch);
                            }
                            Ok((_, Err(panic))) => {
                                return Err(format!("nkner: internal error: {panic}"))
                            }
                            Err(_) => return Err("nkner: the worker threads stopped".to_string()),
                        }
                    })
                    .map_err(|e| {
                        self.input = None;
                        PyRuntimeError::new_err(e)
                    })?
                }
            };
            self.next += 1;
            self.current = batch.into_iter();
        }
    }
}

/// The iterator `Extractor.pipe` returns: one list of spans per input text, in input order.
#[pyclass(module = "nkner", name = "Pipe")]
struct Pipe {
    state: Mutex<PipeState>,
}

#[pymethods]
impl Pipe {
    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __next__<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyList>>> {
        // Never wait for the lock: its holder may be waiting for the workers without the GIL, and
        // would need the GIL this thread holds to go on. Python's generators refuse the same way.
        let mut state = match self.state.try_lock() {
            Ok(state) => state,
            Err(TryLockError::WouldBlock) => {
                return Err(PyValueError::new_err(
                    "nkner: the pipe is already being iterated in another thread",
                ))
            }
            Err(TryLockError::Poisoned(_)) => {
                return Err(PyRuntimeError::new_err("nkner: the pipe failed earlier"))
            }
        };
        match state.next(py)? {
            Some(spans) => Ok(Some(PyList::new(py, spans.into_iter().map(Span))?)),
            None => Ok(None),
        }
    }
}

/// The spans of `text` with the default extractor (built-in gazetteer and rules), built on first use.
#[pyfunction]
fn extract<'py>(py: Python<'py>, text: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyList>> {
    extract_with(py, &Shared::Default, text)
}

/// What the built-in gazetteer knows about a name: see `Extractor.lookup`.
#[pyfunction]
fn lookup<'py>(py: Python<'py>, name: &str) -> PyResult<Bound<'py, PyList>> {
    lookup_with(py, &Shared::Default, name)
}

/// Every entry of the built-in gazetteer, as dicts: see `Extractor.entities`.
#[pyfunction]
fn entities<'py>(py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
    Extractor {
        inner: Shared::Default,
    }
    .entities(py)
}

#[pymodule]
fn _nkner(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Span>()?;
    m.add_class::<Rule>()?;
    m.add_class::<Extractor>()?;
    m.add_class::<Pipe>()?;
    m.add_function(wrap_pyfunction!(extract, m)?)?;
    m.add_function(wrap_pyfunction!(lookup, m)?)?;
    m.add_function(wrap_pyfunction!(entities, m)?)?;
    m.add("Error", m.py().get_type::<Error>())?;
    m.add("GAZETTEER_VERSION", nkner::Gazetteer::BUILTIN_VERSION)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
