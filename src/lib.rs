//! Finds North Korean provinces, cities, counties, districts, state agencies and units in news text,
//! and returns them as typed spans linked to a gazetteer.
//!
//! # Overview
//!
//! - [`Extractor`] finds the mentions in a text; build it once and share it across threads.
//! - [`ExtractorBuilder`] configures one: extra gazetteers, extra rules, the labels to keep.
//! - [`Span`] is one mention: byte and char offsets, [`Label`], matched text, the linked entry's id.
//! - [`Gazetteer`] loads the names, from the built-in files or your own; [`Entity`] is one entry.
//! - [`Rule`] is a regex for what a list cannot hold (numbered units).
//! - [`Error`] says what went wrong while loading or building, and where.
//! - [`sentences`] splits a text as the extractor does to weigh context (CoNLL output uses it).
//! - [`eval`] scores spans against gold annotations (with the `serde` feature, on by default);
//!   [`explain`] says why context kept or dropped a name.
//!
//! # Example
//!
//! ```
//! use nkner::Label;
//!
//! let text = "Agents of the Ministry of State Security (MSS) arrested smugglers in \
//!             Hyesan, Ryanggang Province, and in Pochon and Samsu counties.";
//! let spans = nkner::extract(text);
//! let found: Vec<(&str, Label)> = spans.iter().map(|s| (s.text.as_str(), s.label)).collect();
//! assert_eq!(found, [
//!     ("Ministry of State Security", Label::Agency),
//!     ("MSS", Label::Agency),
//!     ("Hyesan", Label::City),
//!     ("Ryanggang Province", Label::Province),
//!     ("Pochon", Label::County),
//!     ("Samsu", Label::County),
//! ]);
//! assert_eq!(spans[4].kb_id.as_deref(), Some("kp-ryanggang-pochon-county"));
//! ```
//!
//! # Data
//!
//! The built-in gazetteer (`gazetteers/divisions.tsv` and `agencies.tsv`, compiled into the library)
//! holds every division of North Korea and its state, party, military and security bodies, with
//! McCune-Reischauer, Revised Romanization and North Korean spellings and Hangul. Spelling variants
//! are generated from each form by documented rules; see `gazetteers/README.md`. Its version is
//! [`Gazetteer::BUILTIN_VERSION`]; where each column comes from, and on what terms, is in
//! `gazetteers/NOTICE.md`.
//!
//! # Offsets
//!
//! Spans point into the original text, which is never normalized, and each offset field names its unit:
//! [`Span::start_byte`]/[`Span::end_byte`] count UTF-8 bytes (slice with [`Span::range`], as with
//! `regex::Match::range`), [`Span::start_char`]/[`Span::end_char`] count Unicode scalar values (Python
//! string indices; [`Span::char_range`]). Both fall on grapheme boundaries. In JSON the char offsets keep
//! the annotation contract's names, `start` and `end`. Matching itself runs on a folded copy
//! (diacritics, apostrophes, white space, invisible characters).

#![deny(missing_docs)]

mod acronyms;
mod boundary;
mod buffer;
mod candidate;
mod candidates;
mod compile;
mod context;
mod entity;
mod error;
#[cfg(feature = "serde")]
pub mod eval;
pub mod explain;
mod extractor;
mod gazetteer;
mod homonyms;
mod lookup;
mod nested;
mod normalize;
mod output;
mod resolve;
mod romanize;
mod rules;
mod scan;
mod scratch;
mod sentences;
mod settle;
mod span;
mod variants;
mod weigh;

pub use entity::{Entity, EntityKind, FormerName, Label, UnknownKind, UnknownLabel};
pub use error::{Error, ErrorKind};
pub use extractor::{default_extractor, extract, Extractor, ExtractorBuilder};
pub use gazetteer::Gazetteer;
pub use lookup::{Lookup, Suggestion};
pub use rules::{Rule, DEFAULT_RULE_SIZE_LIMIT};
pub use sentences::sentences;
pub use span::{Source, Span};

/// The README's examples, run as doc-tests.
#[doc = include_str!("../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;
