//! The output of extraction.

use std::sync::Arc;

#[cfg(feature = "serde")]
use serde::{Deserialize, Serialize};

use crate::entity::Label;

/// One mention found in a text: where it is, what it is, and which gazetteer entry it names.
///
/// Offsets point into the original text, which is never normalized, and every field says its unit:
/// `start_byte..end_byte` counts UTF-8 bytes (what Rust slices by, like `regex::Match::range`; see
/// [`Span::range`]), `start_char..end_char` counts Unicode scalar values (Python string indices, what
/// `ANNOTATION.md` uses; see [`Span::char_range`]). Both fall on grapheme boundaries, and `text` equals
/// the slice.
///
/// With the `serde` feature (on by default), serialized in the shape of `ANNOTATION.md`: the char
/// offsets as `start` and `end`, the byte offsets as `start_byte` and `end_byte`; optional fields that
/// are empty are left out. It deserializes from the same shape, so the spans of `nkner annotate`'s JSON
/// Lines read back as `Vec<Span>`. Ids and names are shared with the extractor (`Arc<str>`), so a span
/// costs one allocation for its text.
///
/// ```
/// let text = "Smugglers in P’yŏngyang and Hyesan, Ryanggang Province, were arrested.";
/// let spans = nkner::extract(text);
/// let city = &spans[1];
/// assert_eq!(&text[city.range()], "Hyesan");
/// assert_eq!(city.range(), 31..37);
/// assert_eq!(city.char_range(), 28..34);
/// assert_eq!(city.text, "Hyesan");
/// assert_eq!(city.kb_id.as_deref(), Some("kp-ryanggang-hyesan"));
/// assert_eq!(city.province_id.as_deref(), Some("kp-ryanggang"));
/// # #[cfg(feature = "serde")] {
/// let json = serde_json::to_value(city).unwrap();
/// assert_eq!(json["label"], "CITY");
/// let back: nkner::Span = serde_json::from_value(json).unwrap();
/// assert_eq!(&back, city);
/// # }
/// ```
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[non_exhaustive]
pub struct Span {
    /// Start, in Unicode scalar values from the start of the text (`start` in JSON).
    #[cfg_attr(feature = "serde", serde(rename = "start"))]
    pub start_char: usize,
    /// End (exclusive), in Unicode scalar values (`end` in JSON).
    #[cfg_attr(feature = "serde", serde(rename = "end"))]
    pub end_char: usize,
    /// Start, in UTF-8 bytes.
    pub start_byte: usize,
    /// End (exclusive), in UTF-8 bytes.
    pub end_byte: usize,
    /// The type of the mention.
    pub label: Label,
    /// The mention as written in the text.
    pub text: String,
    /// Id of the gazetteer entry named; `None` for a rule match without an entry, or for a name shared by
    /// several entries (then `candidates` lists them).
    pub kb_id: Option<Arc<str>>,
    /// Canonical name of the entry named.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub name: Option<Arc<str>>,
    /// Id of the containing unit or parent body.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub parent_id: Option<Arc<str>>,
    /// Id of the province or provincial-level city that contains a place (itself for a level-1 unit).
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub province_id: Option<Arc<str>>,
    /// Latitude of the linked place's approximate centre, in decimal degrees, where the gazetteer has it.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub lat: Option<f64>,
    /// Longitude of the linked place's approximate centre, in decimal degrees, where the gazetteer has it.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub lon: Option<f64>,
    /// True for a name that is also South Korean (ANNOTATION rule 9), or shared by several entries.
    pub ambiguous: bool,
    /// The entries a shared name may stand for, when `kb_id` is `None` for that reason.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Vec::is_empty")
    )]
    pub candidates: Vec<Arc<str>>,
    /// How the span was found.
    pub source: Source,
}

impl Span {
    /// The span's byte range in the original text, for slicing: `&text[span.range()] == span.text`.
    pub fn range(&self) -> std::ops::Range<usize> {
        self.start_byte..self.end_byte
    }

    /// The span's range in Unicode scalar values (Python string indices), as `ANNOTATION.md` counts.
    pub fn char_range(&self) -> std::ops::Range<usize> {
        self.start_char..self.end_char
    }
}

/// Provenance of a [`Span`]: the gazetteer form or the rule that matched.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "serde", serde(tag = "kind", rename_all = "lowercase"))]
#[non_exhaustive]
pub enum Source {
    /// A gazetteer form, as written in the gazetteer (before variants were generated).
    Gazetteer {
        /// The form.
        form: Arc<str>,
    },
    /// A regex rule, by name.
    Rule {
        /// The rule's name.
        rule: Arc<str>,
    },
    /// An acronym the document itself defined ("Ministry of External Economic Relations (MEER)").
    Acronym {
        /// The acronym.
        acronym: String,
    },
}
