//! Why the extractor kept or dropped the names whose reading depends on context.
//!
//! Most spans need no context: "Hyesan" is Hyesan. A namesake (Kangwon, also South Korea's Gangwon), a
//! South Korean spelling (Goseong), a name that is North Korean only in a North Korean text (the
//! Cabinet) and a numbered unit are decided by evidence in their sentence, the sentence before, and the
//! document as a whole (ANNOTATION rules 9 and 27). [`Extractor::explain`](crate::Extractor::explain)
//! returns that evidence and each decision with its reason, so a surprising span (or a missing one) can
//! be traced without reading the code.

#[cfg(feature = "serde")]
use serde::Serialize;

use crate::span::Span;

/// Why a context-dependent name was kept or dropped. The first reason that applied, in the order the
/// extractor weighs them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum Reason {
    /// The words right around it mark it as North Korea's ("North Korea's Kangwon Province").
    MarkedNorth,
    /// Its own sentence has a North Korea cue phrase or a North Korean name.
    NorthInSentence,
    /// The sentence before has North Korean evidence, and its own sentence names no South Korea cue.
    NorthInSentenceBefore,
    /// The same entity was kept earlier in the document (one sense per discourse).
    SeenBefore,
    /// The document is North Korean (a North Korea cue, a North Korean body or two North Korean places)
    /// and neither its sentence nor the one before names South Korea.
    NorthDocument,
    /// Its sentence or the one before names South Korea, or spells a shared name the South's way.
    SouthInWindow,
    /// The document is about South Korea's own ground (rule 27) and its sentence has no North Korean
    /// evidence.
    SouthGround,
    /// No North Korean evidence within reach.
    NoNorthEvidence,
    /// Another country's body shares the name ("NSA"), and the words around it do not make it North
    /// Korea's.
    NotMarkedNorth,
    /// Another country's body shares the name (China's Ministry of State Security), and the text names
    /// such a country and never North Korea.
    OtherCountryText,
    /// Its sentence is set in another country or government (Tokyo, a president) and does not name
    /// North Korea.
    OtherCountryInSentence,
}

/// One decision on a context-dependent name.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize))]
#[non_exhaustive]
pub struct Decision {
    /// The name as written.
    pub text: String,
    /// Start in the original text, in UTF-8 bytes.
    pub start_byte: usize,
    /// End (exclusive) in the original text, in UTF-8 bytes.
    pub end_byte: usize,
    /// Whether it was kept. A kept name can still lose to a longer overlapping reading.
    pub kept: bool,
    /// Why.
    pub reason: Reason,
}

/// What the document as a whole says (rule 27).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize))]
#[non_exhaustive]
pub struct DocumentEvidence {
    /// Signs of South Korea's own ground: its provinces, cities and counties, words of its local affairs,
    /// South Korean spellings of shared names that were dropped.
    pub south_ground: usize,
    /// Mentions of North Korean places and bodies that need no context.
    pub north_ground: usize,
    /// Whether the document is about South Korea's own ground: `south_ground > 2 * north_ground`.
    pub about_south_ground: bool,
    /// Whether the document is North Korean for names that need North Korean context.
    pub north_korean: bool,
}

/// The spans of a text, with the evidence and decisions behind the context-dependent ones.
///
/// ```
/// use nkner::explain::Reason;
///
/// let text = "Snow closed roads in Yanggu and Inje.\n\nSchools shut.\n\nFarmers near Haean waited.";
/// let explanation = nkner::default_extractor().explain(text);
/// assert!(explanation.spans.is_empty());
/// assert!(explanation.document.about_south_ground);
/// assert_eq!(explanation.decisions[0].text, "Haean");
/// assert_eq!(explanation.decisions[0].reason, Reason::SouthGround);
/// ```
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(Serialize))]
#[non_exhaustive]
pub struct Explanation {
    /// The spans, as [`Extractor::extract`](crate::Extractor::extract) gives them.
    pub spans: Vec<Span>,
    /// What the document as a whole says.
    pub document: DocumentEvidence,
    /// Each context-dependent name and what was decided, in text order.
    pub decisions: Vec<Decision>,
}
