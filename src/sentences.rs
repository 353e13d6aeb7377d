//! The sentences context is weighed in, for tools that must split a text the same way.
//!
//! Stage 4 decides a context-dependent name by the evidence in its sentence and the one before
//! (`context.rs`); CoNLL output, which NER trainers read sentence by sentence, splits with the same rule
//! so that a sentence there is a sentence here. The rule is the extractor's, not a general one: see
//! [`sentences`].

use std::ops::Range;

use crate::context::sentence_starts;
use crate::normalize::Folded;

/// The sentences of `text`, as byte ranges that cover it end to end, in order.
///
/// A sentence ends at `.`, `!`, `?` or `。` followed by a space and a capital, a digit, a quote or
/// Hangul, unless the word before the stop is an abbreviation ("No. 8", "Jan. 15", "N. Korea", "U.S."),
/// and at a blank line (a headline and its first paragraph are two sentences). This is how the extractor
/// splits a text to weigh context; white space between sentences belongs to the sentence before.
///
/// ```
/// let text = "Agents arrived in Hyesan. N. Korea denied it.\n\nNo. 8 unit";
/// let parts: Vec<&str> = nkner::sentences(text).into_iter().map(|r| &text[r]).collect();
/// assert_eq!(parts, ["Agents arrived in Hyesan. ", "N. Korea denied it.\n\n", "No. 8 unit"]);
/// ```
pub fn sentences(text: &str) -> Vec<Range<usize>> {
    if text.is_empty() {
        return Vec::new();
    }
    let folded = Folded::new(text);
    let mut starts = Vec::new();
    sentence_starts(folded.as_str(), folded.line_breaks(), &mut starts);
    let mut bounds: Vec<usize> = starts
        .iter()
        .map(|&s| {
            let mut at = folded.original_start(s).min(text.len());
            while !text.is_char_boundary(at) {
                at += 1;
            }
            at
        })
        .filter(|&at| at < text.len())
        .collect();
    bounds.dedup();
    bounds.push(text.len());
    bounds.windows(2).map(|w| w[0]..w[1]).collect()
}
