//! The one error type of the crate.
//!
//! Errors come from building an extractor: loading a gazetteer (a file, a line, a fault), compiling a
//! rule (its name and what the `regex` crate said), reading a file; and from reading annotation records
//! for an evaluation. Extraction itself cannot fail. Messages are lowercase and say where:
//! `gazetteers/divisions.tsv:41: unknown flag 'ambigous'`.
//!
//! An error prints its cause once: the `Display` of an [`ErrorKind::Io`] error includes the operating
//! system's message, so `source()` returns nothing (printing both, as `anyhow`'s `{:#}` does, would say
//! it twice). The underlying `std::io::Error` stays reachable through [`Error::kind`].
//!
//! A new kind of fault is a new variant of [`ErrorKind`] (it is `#[non_exhaustive]`, so adding one
//! breaks no caller), a `pub(crate)` constructor on [`Error`], and a line in `Display`.

use std::fmt;

/// An error that occurred while loading a gazetteer, building an [`Extractor`](crate::Extractor) or
/// reading annotations.
///
/// Its `Display` names the source and the line where the fault is, and what is wrong; [`Error::kind`]
/// says which kind of fault it is, for a program to match on.
///
/// # Example
///
/// ```
/// use nkner::{ErrorKind, Gazetteer};
///
/// let tsv = "id\tlabel\tkind\tname\tparent\tforms\thangul\tformer\tlat\tlon\tverified\tsources\tnote\n\
///            x-1\tTOWN\tcity\tSomewhere\t\t\t\t\t\t\tyes\t\t\n";
/// let err = Gazetteer::from_tsv("mine.tsv", tsv).unwrap_err();
/// assert_eq!(err.to_string(), "mine.tsv:2: unknown label 'TOWN'");
/// assert_eq!(err.line(), Some(2));
/// assert!(matches!(err.kind(), ErrorKind::Gazetteer { .. }));
///
/// let err = Gazetteer::from_path("no/such/file.tsv").unwrap_err();
/// match err.kind() {
///     ErrorKind::Io { error, .. } => assert_eq!(error.kind(), std::io::ErrorKind::NotFound),
///     other => panic!("{other:?}"),
/// }
/// // The cause is printed once, by `Display`.
/// assert!(std::error::Error::source(&err).is_none());
/// ```
#[derive(Debug)]
pub struct Error {
    kind: ErrorKind,
}

/// What kind of fault an [`Error`] is, with what the message is made of.
///
/// New kinds may be added in a minor release: match with a `_` arm.
#[derive(Debug)]
#[non_exhaustive]
pub enum ErrorKind {
    /// A line of a gazetteer is malformed, or contradicts another line.
    #[non_exhaustive]
    Gazetteer {
        /// The gazetteer's name (usually its path).
        origin: String,
        /// The line, counted from 1.
        line: usize,
        /// What is wrong.
        message: String,
    },
    /// A rule is malformed or its regex does not compile.
    #[non_exhaustive]
    Rule {
        /// The rule's name.
        name: String,
        /// What is wrong (for a regex, what the `regex` crate said).
        message: String,
    },
    /// A file could not be read.
    #[non_exhaustive]
    Io {
        /// The file.
        path: String,
        /// What the operating system said.
        error: std::io::Error,
    },
    /// The gazetteers and rules together cannot be compiled (the automaton's own limits).
    #[non_exhaustive]
    Build {
        /// What is wrong.
        message: String,
    },
    /// An annotation record, read for an evaluation, is not in the shape of `ANNOTATION.md`, or a gold
    /// set is invalid.
    #[non_exhaustive]
    Annotation {
        /// The file (or other source) the record is from, where known.
        origin: Option<String>,
        /// The line, counted from 1, where known.
        line: Option<usize>,
        /// What is wrong (for an invalid gold set, every fault, one per line).
        message: String,
    },
}

impl Error {
    pub(crate) fn gazetteer(source: &str, line: usize, message: impl Into<String>) -> Error {
        Error {
            kind: ErrorKind::Gazetteer {
                origin: source.to_string(),
                line,
                message: message.into(),
            },
        }
    }

    pub(crate) fn rule(name: &str, message: impl Into<String>) -> Error {
        Error {
            kind: ErrorKind::Rule {
                name: name.to_string(),
                message: message.into(),
            },
        }
    }

    pub(crate) fn io(path: &str, error: std::io::Error) -> Error {
        Error {
            kind: ErrorKind::Io {
                path: path.to_string(),
                error,
            },
        }
    }

    pub(crate) fn build(message: impl Into<String>) -> Error {
        Error {
            kind: ErrorKind::Build {
                message: message.into(),
            },
        }
    }

    #[cfg_attr(not(feature = "serde"), allow(dead_code))]
    pub(crate) fn annotation(message: impl Into<String>) -> Error {
        Error {
            kind: ErrorKind::Annotation {
                origin: None,
                line: None,
                message: message.into(),
            },
        }
    }

    /// The same annotation error, said of `origin` at `line`.
    #[cfg_attr(not(feature = "serde"), allow(dead_code))]
    pub(crate) fn at(mut self, origin: &str, line: usize) -> Error {
        if let ErrorKind::Annotation {
            origin: o, line: l, ..
        } = &mut self.kind
        {
            *o = Some(origin.to_string());
            *l = Some(line);
        }
        self
    }

    /// What kind of fault this is.
    pub fn kind(&self) -> &ErrorKind {
        &self.kind
    }

    /// The line of the file where the fault is, counted from 1, if the error is about a line.
    pub fn line(&self) -> Option<usize> {
        match &self.kind {
            ErrorKind::Gazetteer { line, .. } => Some(*line),
            ErrorKind::Annotation { line, .. } => *line,
            _ => None,
        }
    }

    /// The name of the source (usually a file path) the error is about, if any.
    pub fn source_name(&self) -> Option<&str> {
        match &self.kind {
            ErrorKind::Gazetteer { origin, .. } => Some(origin),
            ErrorKind::Io { path, .. } => Some(path),
            ErrorKind::Annotation { origin, .. } => origin.as_deref(),
            _ => None,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            ErrorKind::Gazetteer {
                origin,
                line,
                message,
            } => write!(f, "{origin}:{line}: {message}"),
            ErrorKind::Rule { name, message } => write!(f, "rule '{name}': {message}"),
            ErrorKind::Io { path, error } => write!(f, "{path}: {error}"),
            ErrorKind::Build { message } => f.write_str(message),
            ErrorKind::Annotation {
                origin,
                line,
                message,
            } => {
                match (origin, line) {
                    (Some(origin), Some(line)) => write!(f, "{origin}:{line}: ")?,
                    (Some(origin), None) => write!(f, "{origin}: ")?,
                    _ => {}
                }
                f.write_str(message)
            }
        }
    }
}

/// No `source()`: the cause is part of the message (see the module's documentation).
impl std::error::Error for Error {}
