//! Inputs: which files to read, how, and reading them record by record with a bounded memory.
//!
//! A folder is walked for `*.txt`, `*.jsonl` and their `.gz` forms (in sorted order, so runs are
//! reproducible). A `.jsonl` file is read as JSON Lines, a `.txt` file as one document; a file named
//! on the command line with another name, and standard input, are read as `--input` says (text by default).
//! Lines longer than the limit are never held whole: the reader keeps the first bytes, counts the rest
//! and reports the line as too long.

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use flate2::read::MultiGzDecoder;

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
/// An error naming the path that cannot be listed (a missing file is reported when it is opened, so
/// that the other inputs are still read).
pub fn expand(paths: &[PathBuf], forced: Option<Kind>) -> io::Result<Vec<Input>> {
    if paths.is_empty() {
        return Ok(vec![Input {
            path: None,
            kind: forced.unwrap_or(Kind::Text),
            gzip: false,
        }]);
    }
    let mut inputs = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" {
            inputs.push(Input {
                path: None,
                kind: forced.unwrap_or(Kind::Text),
                gzip: false,
            });
        } else if path.is_dir() {
            let mut found = Vec::new();
            walk(path, &mut found)
                .map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", path.display())))?;
            found.sort();
            for file in found {
                if let Some((kind, gzip)) = kind_of(&file) {
                    inputs.push(Input {
                        path: Some(file),
                        kind: forced.unwrap_or(kind),
                        gzip,
                    });
                }
            }
        } else {
            let (kind, gzip) = kind_of(path).unwrap_or((Kind::Text, has_extension(path, "gz")));
            inputs.push(Input {
                path: Some(path.clone()),
                kind: forced.unwrap_or(kind),
                gzip,
            });
        }
    }
    Ok(inputs)
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

fn walk(dir: &Path, found: &mut Vec<PathBuf>) -> io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        // Symbolic links to folders are not followed: they can loop.
        let file_type = entry.file_type()?;
        if file_type.is_dir() {
            walk(&entry.path(), found)?;
        } else {
            found.push(entry.path());
        }
    }
    Ok(())
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

/// Opens an input for reading, decompressing gzip. `count` receives the bytes read from the file.
///
/// # Errors
///
/// The error of opening the file.
pub fn open(input: &Input, count: Arc<AtomicU64>) -> io::Result<Box<dyn BufRead + Send>> {
    let raw: Box<dyn Read + Send> = match &input.path {
        Some(path) => Box::new(File::open(path)?),
        None => Box::new(io::stdin()),
    };
    let counted = Counting { inner: raw, count };
    Ok(if input.gzip {
        Box::new(BufReader::with_capacity(
            1 << 16,
            MultiGzDecoder::new(BufReader::new(counted)),
        ))
    } else {
        Box::new(BufReader::with_capacity(1 << 16, counted))
    })
}

/// What the line reader gives.
#[derive(Debug, PartialEq, Eq)]
pub enum Item {
    /// A line, without its newline, numbered from 1.
    Line {
        /// The line number.
        number: u64,
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

/// Reads lines of at most `max` bytes, skipping blank ones, never holding more than `max` bytes of one.
pub struct Lines<R> {
    inner: R,
    max: usize,
    number: u64,
    failed: bool,
}

impl<R: BufRead> Lines<R> {
    /// A reader of lines of at most `max` bytes.
    pub fn new(inner: R, max: usize) -> Lines<R> {
        Lines {
            inner,
            max,
            number: 0,
            failed: false,
        }
    }

    /// The next non-blank line, `None` at the end. After a read error, the line it cut is returned
    /// as [`Item::Broken`] and the reader ends.
    pub fn next_item(&mut self) -> Option<Item> {
        loop {
            if self.failed {
                return None;
            }
            self.number += 1;
            let mut bytes = Vec::new();
            let mut len: u64 = 0;
            let mut ended = false;
            loop {
                let buf = match self.inner.fill_buf() {
                    Ok(buf) => buf,
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                    Err(e) => {
                        self.failed = true;
                        return Some(Item::Broken {
                            number: self.number,
                            partial: len > 0,
                            error: e.to_string(),
                        });
                    }
                };
                if buf.is_empty() {
                    break;
                }
                let (take, newline) = match buf.iter().position(|&b| b == b'\n') {
                    Some(i) => (i, true),
                    None => (buf.len(), false),
                };
                let room = self.max.saturating_sub(bytes.len());
                bytes.extend_from_slice(&buf[..take.min(room)]);
                len += take as u64;
                ended = newline;
                self.inner.consume(take + usize::from(newline));
                if newline {
                    break;
                }
            }
            if len == 0 && !ended {
                return None;
            }
            if len > self.max as u64 {
                return Some(Item::TooLong {
                    number: self.number,
                    len,
                });
            }
            if bytes.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            return Some(Item::Line {
                number: self.number,
                bytes,
            });
        }
    }
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

    fn items(text: &[u8], max: usize) -> Vec<Item> {
        let mut lines = Lines::new(text, max);
        std::iter::from_fn(|| lines.next_item()).collect()
    }

    fn line(number: u64, bytes: &[u8]) -> Item {
        Item::Line {
            number,
            bytes: bytes.to_vec(),
        }
    }

    #[test]
    fn lines_are_numbered_and_blank_ones_skipped() {
        assert_eq!(
            items(b"a\n\n  \nbc\nd", 10),
            vec![line(1, b"a"), line(4, b"bc"), line(5, b"d")]
        );
        assert_eq!(items(b"", 10), vec![]);
        assert_eq!(items(b"\n\n", 10), vec![]);
    }

    #[test]
    fn long_lines_are_counted_not_kept() {
        assert_eq!(
            items(b"short\n0123456789abc\nok\n", 10),
            vec![
                line(1, b"short"),
                Item::TooLong { number: 2, len: 13 },
                line(3, b"ok")
            ]
        );
        assert_eq!(items(b"0123456789", 10), vec![line(1, b"0123456789")]);
    }

    #[test]
    fn a_long_line_across_small_buffers() {
        let text = format!("{}\nnext\n", "x".repeat(100_000));
        let reader = BufReader::with_capacity(7, text.as_bytes());
        let mut lines = Lines::new(reader, 1000);
        assert_eq!(
            lines.next_item(),
            Some(Item::TooLong {
                number: 1,
                len: 100_000
            })
        );
        assert_eq!(lines.next_item(), Some(line(2, b"next")));
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
        let mut lines = Lines::new(reader, 1000);
        let all: Vec<Item> = std::iter::from_fn(|| lines.next_item()).collect();
        assert!(
            matches!(all.last(), Some(Item::Broken { .. })),
            "{:?}",
            all.last()
        );
        assert!(all[..all.len() - 1]
            .iter()
            .all(|i| matches!(i, Item::Line { .. })));
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
