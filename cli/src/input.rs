//! Inputs: which files to read, how, and reading them record by record with a bounded memory.
//!
//! A folder is walked for `*.txt`, `*.jsonl` and their `.gz` forms (in sorted order, so runs are
//! reproducible). A `.jsonl` file is read as JSON Lines, a `.txt` file as one document; a file named
//! on the command line with another name is read as `--input` says (text by default). Standard input
//! without `--input` is JSON Lines when its first non-blank byte is `{`, text otherwise. A leading UTF-8
//! byte-order mark is skipped. Lines longer than the limit are never held whole: the reader keeps the
//! first bytes, counts the rest and reports the line as too long.

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use flate2::read::MultiGzDecoder;

use crate::stop::{Interruptible, Stop};

/// How an input is read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// The whole input is one document.
    Text,
    /// One JSON object per line.
    Jsonl,
}

/// One input to read: a file or standard input.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Input {
    /// The path, `None` for standard input.
    pub path: Option<PathBuf>,
    /// How to read it.
    pub kind: Kind,
    /// Whether it is gzip-compressed.
    pub gzip: bool,
    /// Whether its kind is decided by its first bytes ([`looks_like_json_lines`]): standard input
    /// without `--input`.
    pub sniff: bool,
    /// Why a folder found in a walk could not be listed: [`open`] gives this error, so it is reported
    /// as an unreadable file is, and the walk goes on with its siblings.
    pub unreadable: Option<(io::ErrorKind, String)>,
}

impl Input {
    /// The name used for ids and messages: the path as given, or `-`.
    pub fn name(&self) -> String {
        self.path
            .as_ref()
            .map_or_else(|| "-".to_string(), |p| p.display().to_string())
    }
}

/// Expands command-line paths into inputs. `forced` is `--input` when given.
///
/// # Errors
///
/// None at present: a folder that cannot be listed, like a missing file, is an input whose [`open`]
/// fails, so that the other inputs are still read.
pub fn expand(paths: &[PathBuf], forced: Option<Kind>) -> io::Result<Vec<Input>> {
    if paths.is_empty() {
        return Ok(vec![standard_input(forced)]);
    }
    let mut inputs = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" {
            inputs.push(standard_input(forced));
        } else if path.is_dir() {
            let mut found = Vec::new();
            walk(path, &mut found);
            found.sort_by(|a, b| a.0.cmp(&b.0));
            for (file, unreadable) in found {
                if unreadable.is_some() {
                    inputs.push(Input {
                        path: Some(file),
                        kind: forced.unwrap_or(Kind::Text),
                        gzip: false,
                        sniff: false,
                        unreadable,
                    });
                } else if let Some((kind, gzip)) = kind_of(&file) {
                    inputs.push(Input {
                        path: Some(file),
                        kind: forced.unwrap_or(kind),
                        gzip,
                        sniff: false,
                        unreadable: None,
                    });
                }
            }
        } else {
            let (kind, gzip) = kind_of(path).unwrap_or((Kind::Text, has_extension(path, "gz")));
            inputs.push(Input {
                path: Some(path.clone()),
                kind: forced.unwrap_or(kind),
                gzip,
                sniff: false,
                unreadable: None,
            });
        }
    }
    Ok(inputs)
}

fn standard_input(forced: Option<Kind>) -> Input {
    Input {
        path: None,
        kind: forced.unwrap_or(Kind::Text),
        gzip: false,
        sniff: forced.is_none(),
        unreadable: None,
    }
}

fn has_extension(path: &Path, ext: &str) -> bool {
    path.extension().is_some_and(|e| e == ext)
}

/// The kind of a file found in a folder, by its name: `.txt`, `.jsonl`, and their `.gz` forms.
fn kind_of(path: &Path) -> Option<(Kind, bool)> {
    let name = path.file_name()?.to_str()?;
    let (stem, gzip) = match name.strip_suffix(".gz") {
        Some(stem) => (stem, true),
        None => (name, false),
    };
    if stem.ends_with(".jsonl") {
        Some((Kind::Jsonl, gzip))
    } else if stem.ends_with(".txt") {
        Some((Kind::Text, gzip))
    } else {
        None
    }
}

/// Lists the files under `dir`, with the folders (or entries) that cannot be read and why: one
/// unreadable subfolder must not hide its readable siblings.
fn walk(dir: &Path, found: &mut Vec<(PathBuf, Option<(io::ErrorKind, String)>)>) {
    let unreadable = |e: io::Error| Some((e.kind(), e.to_string()));
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => return found.push((dir.to_path_buf(), unreadable(e))),
    };
    for entry in entries {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => return found.push((dir.to_path_buf(), unreadable(e))),
        };
        // Symbolic links to folders are not followed: they can loop.
        match entry.file_type() {
            Ok(t) if t.is_dir() => walk(&entry.path(), found),
            Ok(_) => found.push((entry.path(), None)),
            Err(e) => found.push((entry.path(), unreadable(e))),
        }
    }
}

/// Counts the bytes read from the underlying file, for progress against the file sizes.
pub struct Counting<R> {
    inner: R,
    count: Arc<AtomicU64>,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.count.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

/// A file whose reads end, as at the end of the file, once a stop is requested.
struct Stoppable<R> {
    inner: R,
    stop: Arc<Stop>,
}

impl<R: Read> Read for Stoppable<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.stop.is_requested() {
            return Ok(0);
        }
        self.inner.read(buf)
    }
}

/// Opens a path that is not a regular file (a FIFO blocks in `open` until a writer comes) on a helper
/// thread, and reads it through [`Interruptible`]. A stop before the open ends it with `Interrupted`;
/// the helper is left blocked, and ends with the program.
fn open_waiting(path: &Path, stop: &Arc<Stop>) -> io::Result<Interruptible> {
    let (tx, rx) = crossbeam_channel::bounded(1);
    let owned = path.to_path_buf();
    std::thread::spawn(move || {
        let _ = tx.send(File::open(owned));
    });
    crossbeam_channel::select! {
        recv(rx) -> opened => match opened {
            Ok(file) => Ok(Interruptible::new(file?, stop.clone())),
            Err(_) => Err(io::Error::other("the thread opening it ended")),
        },
        recv(stop.woken()) -> _ => Err(io::Error::new(
            io::ErrorKind::Interrupted,
            "stopped by a signal before it opened",
        )),
    }
}

/// The UTF-8 byte-order mark, which some editors and exporters put at the start of a file.
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Opens an input for reading, decompressing gzip and skipping a leading byte-order mark, so offsets
/// count from the text after it. `count` receives the bytes read from the file.
///
/// Every read can be ended by `stop`: after a stop an input reads as ended, so no loop over its bytes
/// (an endless line from `/dev/zero` being skipped included) outlives the signal. A regular file is read
/// directly and checks the stop between reads; anything else (standard input, a FIFO, a device, a
/// socket) can block for ever in `open` or `read`, so it is opened and read on a thread of its own
/// ([`Interruptible`]) while the caller waits on the data and the stop together.
///
/// # Errors
///
/// The error of opening the file (`Interrupted` when a stop came first), or of reading its first bytes.
pub fn open(
    input: &Input,
    count: Arc<AtomicU64>,
    stop: &Arc<Stop>,
) -> io::Result<Box<dyn BufRead + Send>> {
    if let Some((kind, message)) = &input.unreadable {
        return Err(io::Error::new(*kind, message.clone()));
    }
    let raw: Box<dyn Read + Send> = match &input.path {
        Some(path) if std::fs::metadata(path).is_ok_and(|m| m.is_file()) => Box::new(Stoppable {
            inner: File::open(path)?,
            stop: stop.clone(),
        }),
        Some(path) => Box::new(open_waiting(path, stop)?),
        None => Box::new(Interruptible::new(io::stdin(), stop.clone())),
    };
    let counted = Counting { inner: raw, count };
    let mut reader: Box<dyn BufRead + Send> = if input.gzip {
        Box::new(BufReader::with_capacity(
            1 << 16,
            MultiGzDecoder::new(BufReader::new(counted)),
        ))
    } else {
        Box::new(BufReader::with_capacity(1 << 16, counted))
    };
    if reader.fill_buf()?.starts_with(BOM) {
        reader.consume(BOM.len());
    }
    Ok(reader)
}

/// Whether an input looks like JSON Lines: its first non-blank byte (in what is buffered) is `{`.
///
/// # Errors
///
/// The error of reading the first bytes.
pub fn looks_like_json_lines(reader: &mut dyn BufRead) -> io::Result<bool> {
    let buf = reader.fill_buf()?;
    Ok(buf.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{'))
}

/// What the block reader gives.
#[derive(Debug, PartialEq, Eq)]
pub enum Chunk {
    /// Whole lines (each ending with a newline, but maybe the last of the input), the first numbered
    /// `first_line` (from 1). Split them with [`lines`].
    Block {
        /// The number of the block's first line.
        first_line: u64,
        /// The bytes.
        bytes: Vec<u8>,
    },
    /// A line longer than the limit: it was not kept.
    TooLong {
        /// The line number.
        number: u64,
        /// Its length in bytes.
        len: u64,
    },
    /// The input failed (a truncated gzip stream, a read error). Nothing more is read from it.
    Broken {
        /// The number of the line it failed in.
        number: u64,
        /// Whether part of that line had been read: then the line is incomplete, and lost.
        partial: bool,
        /// What failed.
        error: String,
    },
}

/// Reads JSON Lines input in blocks of whole lines of about `block` bytes, so that the reading thread
/// does little more than copy bytes: splitting and parsing lines is left to the workers. A line longer
/// than `max` bytes is never held whole: what was kept of it is dropped as soon as it passes the limit,
/// the rest is counted, and it is reported as [`Chunk::TooLong`] in its place.
pub struct Blocks<R> {
    inner: R,
    max: usize,
    block: usize,
    /// The number of the line being read.
    line: u64,
    /// A chunk to give before reading on (what ended the previous block).
    queued: Option<Chunk>,
    done: bool,
}

impl<R: BufRead> Blocks<R> {
    /// A reader of blocks of about `block` bytes, with lines of at most `max` bytes.
    pub fn new(inner: R, max: usize, block: usize) -> Blocks<R> {
        Blocks {
            inner,
            max,
            block: block.max(1),
            line: 1,
            queued: None,
            done: false,
        }
    }

    /// The next chunk, `None` at the end.
    pub fn next_chunk(&mut self) -> Option<Chunk> {
        if let Some(chunk) = self.queued.take() {
            return Some(chunk);
        }
        if self.done {
            return None;
        }
        let first_line = self.line;
        let mut out: Vec<u8> = Vec::new();
        // Bytes of the unfinished line at the end of `out`.
        let mut open = 0usize;
        // Length so far of a line over the limit, which is being counted, not kept.
        let mut skipping: Option<u64> = None;
        loop {
            let buf = match self.inner.fill_buf() {
                Ok(buf) => buf,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => {
                    self.done = true;
                    let partial = open > 0 || skipping.is_some();
                    out.truncate(out.len() - open);
                    let broken = Chunk::Broken {
                        number: self.line,
                        partial,
                        error: e.to_string(),
                    };
                    return Some(self.then(first_line, out, broken));
                }
            };
            if buf.is_empty() {
                self.done = true;
                return match skipping {
                    Some(len) => {
                        let too_long = Chunk::TooLong {
                            number: self.line,
                            len,
                        };
                        Some(self.then(first_line, out, too_long))
                    }
                    None if out.is_empty() => None,
                    None => Some(Chunk::Block {
                        first_line,
                        bytes: out,
                    }),
                };
            }
            let (end, newline) = match memchr::memchr(b'\n', buf) {
                Some(i) => (i, true),
                None => (buf.len(), false),
            };
            let taken = end + usize::from(newline);
            if skipping.is_none() && open + end > self.max {
                out.truncate(out.len() - open);
                skipping = Some(open as u64);
                open = 0;
            }
            if let Some(len) = skipping.as_mut() {
                *len += end as u64;
                self.inner.consume(taken);
                if newline {
                    let too_long = Chunk::TooLong {
                        number: self.line,
                        len: *len,
                    };
                    self.line += 1;
                    return Some(self.then(first_line, out, too_long));
                }
                continue;
            }
            out.extend_from_slice(&buf[..taken]);
            self.inner.consume(taken);
            if newline {
                open = 0;
                self.line += 1;
                if out.len() >= self.block {
                    return Some(Chunk::Block {
                        first_line,
                        bytes: out,
                    });
                }
            } else {
                open += end;
            }
        }
    }

    /// The block `out` if it holds anything, with `next` queued after it; else `next`.
    fn then(&mut self, first_line: u64, out: Vec<u8>, next: Chunk) -> Chunk {
        if out.is_empty() {
            return next;
        }
        self.queued = Some(next);
        Chunk::Block {
            first_line,
            bytes: out,
        }
    }
}

/// The non-blank lines of a block, numbered from `first_line`, without their newline.
pub fn lines(bytes: &[u8], first_line: u64) -> impl Iterator<Item = (u64, &[u8])> {
    // As `bytes.split(|&b| b == b'\n')`, with memchr's search rather than a test of every byte.
    let mut start = 0;
    memchr::memchr_iter(b'\n', bytes)
        .chain([bytes.len()])
        .map(move |end| {
            let line = &bytes[start..end];
            start = end + 1;
            line
        })
        .zip(first_line..)
        .filter(|(line, _)| !line.iter().all(u8::is_ascii_whitespace))
        .map(|(line, number)| (number, line))
}

/// Reads a whole input as one document of at most `max` bytes: `Ok(Ok(bytes))`, or `Ok(Err(len))` when
/// it is longer (the rest is read and counted, not kept).
///
/// # Errors
///
/// The read error.
pub fn read_document(reader: &mut dyn BufRead, max: usize) -> io::Result<Result<Vec<u8>, u64>> {
    let mut bytes = Vec::new();
    reader.take(max as u64 + 1).read_to_end(&mut bytes)?;
    if bytes.len() <= max {
        return Ok(Ok(bytes));
    }
    let rest = io::copy(reader, &mut io::sink())?;
    Ok(Err(bytes.len() as u64 + rest))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Reads `text` in blocks and flattens them into numbered lines and other chunks.
    fn read(text: &[u8], max: usize, block: usize, buffer: usize) -> Vec<String> {
        let mut blocks = Blocks::new(BufReader::with_capacity(buffer, text), max, block);
        let mut out = Vec::new();
        while let Some(chunk) = blocks.next_chunk() {
            match chunk {
                Chunk::Block { first_line, bytes } => {
                    assert!(
                        bytes.len() <= block + max + 1,
                        "a block stays near its size"
                    );
                    for (n, line) in lines(&bytes, first_line) {
                        out.push(format!("{n}:{}", String::from_utf8_lossy(line)));
                    }
                }
                Chunk::TooLong { number, len } => out.push(format!("{number}:too long ({len})")),
                Chunk::Broken {
                    number, partial, ..
                } => out.push(format!("{number}:broken ({partial})")),
            }
        }
        out
    }

    #[test]
    fn lines_are_numbered_and_blank_ones_skipped() {
        for (block, buffer) in [(1, 1), (3, 2), (1000, 7), (1 << 20, 1 << 16)] {
            assert_eq!(
                read(b"a\n\n  \nbc\nd", 10, block, buffer),
                ["1:a", "4:bc", "5:d"]
            );
            assert_eq!(read(b"", 10, block, buffer), Vec::<String>::new());
            assert_eq!(read(b"\n\n", 10, block, buffer), Vec::<String>::new());
            assert_eq!(read(b"a\nb\n", 10, block, buffer), ["1:a", "2:b"]);
            assert_eq!(read(b"\na", 10, block, buffer), ["2:a"]);
        }
    }

    #[test]
    fn long_lines_are_counted_not_kept() {
        for (block, buffer) in [(1, 1), (4, 3), (1000, 5), (1 << 20, 1 << 16)] {
            assert_eq!(
                read(b"short\n0123456789abc\nok\n", 10, block, buffer),
                ["1:short", "2:too long (13)", "3:ok"]
            );
            assert_eq!(read(b"0123456789", 10, block, buffer), ["1:0123456789"]);
            assert_eq!(
                read(b"ok\n0123456789abc", 10, block, buffer),
                ["1:ok", "2:too long (13)"]
            );
        }
    }

    #[test]
    fn a_long_line_across_small_buffers_is_never_held() {
        let text = format!("{}\nnext\n", "x".repeat(100_000));
        assert_eq!(
            read(text.as_bytes(), 1000, 64, 7),
            ["1:too long (100000)", "2:next"]
        );
    }

    #[test]
    fn a_truncated_gzip_stream_breaks_the_line_it_cut() {
        let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        std::io::Write::write_all(
            &mut encoder,
            "first line\nsecond line that is cut\n"
                .repeat(50)
                .as_bytes(),
        )
        .unwrap();
        let full = encoder.finish().unwrap();
        let cut = &full[..full.len() / 2];
        let reader = BufReader::new(MultiGzDecoder::new(cut));
        let mut blocks = Blocks::new(reader, 1000, 64);
        let mut chunks = Vec::new();
        while let Some(chunk) = blocks.next_chunk() {
            chunks.push(chunk);
        }
        assert!(
            matches!(chunks.last(), Some(Chunk::Broken { .. })),
            "{:?}",
            chunks.last()
        );
        assert!(chunks[..chunks.len() - 1]
            .iter()
            .all(|c| matches!(c, Chunk::Block { .. })));
    }

    #[test]
    fn documents_longer_than_the_limit_are_measured() {
        let mut r: &[u8] = b"0123456789";
        assert_eq!(
            read_document(&mut r, 10).unwrap(),
            Ok(b"0123456789".to_vec())
        );
        let mut r: &[u8] = b"0123456789";
        assert_eq!(read_document(&mut r, 4).unwrap(), Err(10));
    }

    #[test]
    fn folders_give_their_text_and_json_lines_files_in_order() {
        let dir = tempfile::tempdir().unwrap();
        for name in [
            "b.jsonl",
            "a.txt",
            "c.txt.gz",
            "d.jsonl.gz",
            "notes.md",
            "sub/e.txt",
        ] {
            let path = dir.path().join(name);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, b"x").unwrap();
        }
        let inputs = expand(&[dir.path().to_path_buf()], None).unwrap();
        let names: Vec<(String, Kind, bool)> = inputs
            .iter()
            .map(|i| {
                let name = i.path.as_ref().unwrap().strip_prefix(dir.path()).unwrap();
                (name.display().to_string(), i.kind, i.gzip)
            })
            .collect();
        assert_eq!(
            names,
            [
                ("a.txt".to_string(), Kind::Text, false),
                ("b.jsonl".to_string(), Kind::Jsonl, false),
                ("c.txt.gz".to_string(), Kind::Text, true),
                ("d.jsonl.gz".to_string(), Kind::Jsonl, true),
                ("sub/e.txt".to_string(), Kind::Text, false),
            ]
        );
        let forced = expand(
            &[PathBuf::from("x.jsonl"), PathBuf::from("-")],
            Some(Kind::Text),
        )
        .unwrap();
        assert!(forced.iter().all(|i| i.kind == Kind::Text));
        let auto = expand(
            &[PathBuf::from("x.jsonl.gz"), PathBuf::from("y.json")],
            None,
        )
        .unwrap();
        assert_eq!((auto[0].kind, auto[0].gzip), (Kind::Jsonl, true));
        assert_eq!((auto[1].kind, auto[1].gzip), (Kind::Text, false));
    }
}
