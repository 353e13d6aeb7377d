//! The one error type of the crate.
//!
//! Errors come from building an extractor: loading a gazetteer (a file, a line, a fault) or compiling a
//! rule (its name and what the `regex` crate said). Extraction itself cannot fail. Messages are lowercase
//! and say where: `gazetteers/divisions.tsv:41: unknown flag 'ambigous'`.

use std::fmt;

/// An error that occurred while loading a gazetteer or building an [`Extractor`](crate::Extractor).
///
/// Its `Display` names the source and the line where the fault is, and what is wrong.
///
/// # Example
///
/// ```
/// use nkner::Gazetteer;
///
/// let tsv = "id\tlabel\tkind\tname\tparent\tforms\thangul\tformer\tlat\tlon\tverified\tsources\tnote\n\
///            x-1\tTOWN\tcity\tSomewhere\t\t\t\t\t\t\tyes\t\t\n";
/// let err = Gazetteer::from_tsv("mine.tsv", tsv).unwrap_err();
/// assert_eq!(err.to_string(), "mine.tsv:2: unknown label 'TOWN'");
/// assert_eq!(err.line(), Some(2));
/// ```
#[derive(Debug)]
pub struct Error {
    kind: ErrorKind,
}

#[derive(Debug, thiserror::Error)]
enum ErrorKind {
    #[error("{origin}:{line}: {message}")]
    Gazetteer {
        origin: String,
        line: usize,
        message: String,
    },
    #[error("rule '{name}': {message}")]
    Rule { name: String, message: String },
    #[error("{path}: {error}")]
    Io {
        path: String,
        #[source]
        error: std::io::Error,
    },
    #[error("{message}")]
    Build { message: String },
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

    /// The line of the gazetteer file where the fault is, counted from 1, if the error is about a line.
    pub fn line(&self) -> Option<usize> {
        match &self.kind {
            ErrorKind::Gazetteer { line, .. } => Some(*line),
            _ => None,
        }
    }

    /// The name of the gazetteer source (usually a file path) the error is about, if any.
    pub fn source_name(&self) -> Option<&str> {
        match &self.kind {
            ErrorKind::Gazetteer { origin, .. } => Some(origin),
            ErrorKind::Io { path, .. } => Some(path),
            _ => None,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.kind.fmt(f)
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        std::error::Error::source(&self.kind)
    }
}
