//! Output files that never destroy an input and are never left cut.
//!
//! Batch jobs often write next to what they read, and a typo (`-o a.jsonl` for `a.jsonl`) must not cost
//! the corpus: [`refuse_inputs`] compares an output with every input before anything is read. It
//! compares files, not names: a symbolic or hard link to an input is the input, and a path inside an
//! input folder is refused too (the next run of the same command would read it back).
//!
//! An [`OutputFile`] is written under a temporary name in the destination's own folder (a rename is
//! atomic only within one file system) and renamed over the destination by [`OutputFile::commit`], so
//! a run that fails (a full disk) or dies leaves the old file, or no file, never a cut one. A
//! temporary left by a run that is ended at once (a second signal, see [`crate::stop`]) is removed on
//! the way out ([`remove_temporaries`]). Devices and FIFOs (`/dev/null`, `/dev/stdout`, a pipe) cannot
//! be renamed over, and are written as they are.
//!
//! The rename is not preceded by an `fsync`: the promise is about runs that fail or are stopped, not
//! about a machine that loses power.

use std::ffi::OsString;
use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// Temporary files not yet renamed into place, for [`remove_temporaries`].
static TEMPORARIES: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// Removes the temporary files of outputs still being written: called before the program exits
/// without finishing them.
pub fn remove_temporaries() {
    if let Ok(mut temporaries) = TEMPORARIES.lock() {
        for path in temporaries.drain(..) {
            let _ = fs::remove_file(path);
        }
    }
}

fn forget(path: &Path) {
    if let Ok(mut temporaries) = TEMPORARIES.lock() {
        temporaries.retain(|p| p != path);
    }
}

/// An output file being written: under a temporary name beside its destination until
/// [`commit`](OutputFile::commit), and removed if dropped before.
#[derive(Debug)]
pub struct OutputFile {
    file: File,
    /// The temporary name; `None` for a file written in place (a device, a FIFO, an open handle).
    temporary: Option<PathBuf>,
    /// Where the file goes.
    target: PathBuf,
}

impl OutputFile {
    /// Starts writing `path`: a temporary file in its folder, or `path` itself when it is a device or
    /// a FIFO. A symbolic link is followed: the file it names is replaced, the link kept.
    ///
    /// # Errors
    ///
    /// The temporary file cannot be created (a missing or read-only folder).
    pub fn create(path: &Path) -> io::Result<OutputFile> {
        let target = fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        let existing = fs::metadata(&target).ok();
        if existing.as_ref().is_some_and(|m| !m.is_file()) {
            return Ok(OutputFile {
                file: fs::OpenOptions::new().write(true).open(&target)?,
                temporary: None,
                target,
            });
        }
        // A rename would replace a file its owner made read-only, which writing in place never did.
        if existing
            .as_ref()
            .is_some_and(|m| m.permissions().readonly())
        {
            return Err(io::Error::new(
                io::ErrorKind::PermissionDenied,
                "the file is read-only",
            ));
        }
        let folder = match target.parent() {
            Some(parent) if !parent.as_os_str().is_empty() => parent,
            _ => Path::new("."),
        };
        let mut prefix = OsString::from(".");
        prefix.push(target.file_name().unwrap_or_default());
        prefix.push(".");
        let mut builder = tempfile::Builder::new();
        builder.prefix(&prefix).suffix(".partial");
        #[cfg(unix)]
        {
            // As a new file would be made (the umask applies), not tempfile's owner-only 0600.
            use std::os::unix::fs::PermissionsExt as _;
            builder.permissions(fs::Permissions::from_mode(0o666));
        }
        let (file, temporary) = builder.tempfile_in(folder)?.keep().map_err(|e| e.error)?;
        if let Some(existing) = existing {
            // The replacement keeps the mode of the file it replaces.
            let _ = file.set_permissions(existing.permissions());
        }
        if let Ok(mut temporaries) = TEMPORARIES.lock() {
            temporaries.push(temporary.clone());
        }
        Ok(OutputFile {
            file,
            temporary: Some(temporary),
            target,
        })
    }

    /// Writes to an open file as it is (an anonymous temporary file, say).
    pub fn from_file(file: File) -> OutputFile {
        OutputFile {
            file,
            temporary: None,
            target: PathBuf::new(),
        }
    }

    /// Flushes and puts the file in place of its destination.
    ///
    /// # Errors
    ///
    /// The rename fails; the temporary file is removed and the destination left as it was.
    pub fn commit(mut self) -> io::Result<()> {
        self.file.flush()?;
        let Some(temporary) = self.temporary.take() else {
            return Ok(());
        };
        let renamed = fs::rename(&temporary, &self.target);
        if renamed.is_err() {
            let _ = fs::remove_file(&temporary);
        }
        forget(&temporary);
        renamed
    }
}

impl Drop for OutputFile {
    fn drop(&mut self) {
        if let Some(temporary) = self.temporary.take() {
            let _ = fs::remove_file(&temporary);
            forget(&temporary);
        }
    }
}

impl Write for OutputFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.file.write(buf)
    }

    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        self.file.write_all(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.file.flush()
    }
}

/// An existing path's identity: its canonical path and, on Unix, its device and inode (which a hard
/// link shares).
struct Identity {
    path: PathBuf,
    #[cfg(unix)]
    inode: Option<(u64, u64)>,
}

impl Identity {
    fn of(path: &Path) -> Option<Identity> {
        let canonical = fs::canonicalize(path).ok()?;
        Some(Identity {
            #[cfg(unix)]
            inode: fs::metadata(&canonical).ok().map(|m| {
                use std::os::unix::fs::MetadataExt as _;
                (m.dev(), m.ino())
            }),
            path: canonical,
        })
    }

    fn same_file(&self, other: &Identity) -> bool {
        #[cfg(unix)]
        if let (Some(a), Some(b)) = (self.inode, other.inode) {
            return a == b;
        }
        self.path == other.path
    }
}

/// Where `path` would be once created: the canonical form of its nearest existing ancestor, with the
/// rest of the path after it.
fn resolved(path: &Path) -> Option<PathBuf> {
    if let Ok(canonical) = fs::canonicalize(path) {
        return Some(canonical);
    }
    let absolute = std::path::absolute(path).ok()?;
    let mut rest = Vec::new();
    let mut ancestor = absolute.as_path();
    loop {
        if let Ok(canonical) = fs::canonicalize(ancestor) {
            return Some(rest.iter().rev().fold(canonical, |p, c| p.join(c)));
        }
        rest.push(ancestor.file_name()?);
        ancestor = ancestor.parent()?;
    }
}

/// Checks, before anything is read, that writing `output` (a file, or with `folder`, a folder of
/// files) cannot overwrite an input: it must not be an input file or a link to one, nor be or lie in
/// an input folder. `inputs` are the paths as given (`-` is standard input, which is checked when it
/// is a file). Devices and FIFOs are not files that can be lost, and are never refused.
///
/// # Errors
///
/// A message saying which input the output would overwrite.
pub fn refuse_inputs(output: &Path, folder: bool, inputs: &[PathBuf]) -> Result<(), String> {
    let what = if folder { "output folder" } else { "output" };
    let existing = fs::metadata(output).ok();
    if !folder && existing.as_ref().is_some_and(|m| !m.is_file()) {
        return Ok(());
    }
    let Some(place) = resolved(output) else {
        return Ok(());
    };
    let identity = existing.and_then(|_| Identity::of(output));
    for input in inputs {
        if input.as_os_str() == "-" {
            continue;
        }
        let Some(input_identity) = Identity::of(input) else {
            continue;
        };
        let clash = if input.is_dir() {
            place.starts_with(&input_identity.path)
        } else {
            identity
                .as_ref()
                .is_some_and(|i| i.same_file(&input_identity))
                || place == input_identity.path
        };
        if clash {
            let kind = if input.is_dir() {
                "input folder"
            } else {
                "input"
            };
            return Err(format!(
                "the {what} {} would overwrite the {kind} {}: write it somewhere else",
                output.display(),
                input.display()
            ));
        }
    }
    if inputs.is_empty() || inputs.iter().any(|p| p.as_os_str() == "-") {
        if let (Some(identity), Some(stdin)) = (identity.as_ref(), standard_input()) {
            if identity.same_file(&stdin) {
                return Err(format!(
                    "the {what} {} is the file on standard input: write it somewhere else",
                    output.display()
                ));
            }
        }
    }
    Ok(())
}

/// Standard input's identity, when it is a file.
#[cfg(unix)]
fn standard_input() -> Option<Identity> {
    use std::os::unix::fs::MetadataExt as _;
    let metadata = fs::metadata("/dev/stdin").ok()?;
    metadata.is_file().then(|| Identity {
        path: PathBuf::new(),
        inode: Some((metadata.dev(), metadata.ino())),
    })
}

#[cfg(not(unix))]
fn standard_input() -> Option<Identity> {
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_output_is_renamed_into_place_only_when_committed() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.txt");
        fs::write(&path, "old").unwrap();
        let mut out = OutputFile::create(&path).unwrap();
        out.write_all(b"new").unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "old");
        drop(out);
        assert_eq!(fs::read_to_string(&path).unwrap(), "old");
        assert_eq!(
            fs::read_dir(dir.path()).unwrap().count(),
            1,
            "no temporary left"
        );
        let mut out = OutputFile::create(&path).unwrap();
        out.write_all(b"new").unwrap();
        out.commit().unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "new");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn a_read_only_file_is_not_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("kept.txt");
        fs::write(&path, "old").unwrap();
        let mut permissions = fs::metadata(&path).unwrap().permissions();
        permissions.set_readonly(true);
        fs::set_permissions(&path, permissions).unwrap();
        let error = OutputFile::create(&path).unwrap_err();
        assert_eq!(error.kind(), io::ErrorKind::PermissionDenied);
        assert_eq!(fs::read_to_string(&path).unwrap(), "old");
    }

    #[test]
    fn inputs_links_and_input_folders_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let input = dir.path().join("a.jsonl");
        fs::write(&input, "{}").unwrap();
        let inputs = [input.clone()];
        assert!(refuse_inputs(&input, false, &inputs).is_err());
        assert!(refuse_inputs(&dir.path().join("b.jsonl"), false, &inputs).is_ok());
        #[cfg(unix)]
        {
            let link = dir.path().join("link.jsonl");
            std::os::unix::fs::symlink(&input, &link).unwrap();
            assert!(refuse_inputs(&link, false, &inputs).is_err());
            let hard = dir.path().join("hard.jsonl");
            fs::hard_link(&input, &hard).unwrap();
            assert!(refuse_inputs(&hard, false, &inputs).is_err());
        }
        let folders = [dir.path().to_path_buf()];
        assert!(refuse_inputs(&dir.path().join("new/out.jsonl"), false, &folders).is_err());
        assert!(refuse_inputs(dir.path(), true, &folders).is_err());
        assert!(refuse_inputs(Path::new("/dev/null"), false, &inputs).is_ok());
    }
}
