//! Stage 6: the surviving candidates as spans of the original text, on grapheme boundaries, with byte
//! and char offsets, linked to their entries.

use unicode_segmentation::GraphemeCursor;

use crate::candidate::{Candidate, Origin};
use crate::entity::Label;
use crate::extractor::Extractor;
use crate::normalize::Folded;
use crate::span::{Source, Span};

/// Where stage 6 hands its spans, in order: a vector (which makes room for all of them at once, as the
/// count is known) or a caller's function ([`Extractor::extract_each`]).
pub(crate) trait SpanSink {
    /// At most `spans` spans are coming.
    fn expect(&mut self, _spans: usize) {}
    fn take(&mut self, span: Span);
}

impl SpanSink for Vec<Span> {
    fn expect(&mut self, spans: usize) {
        self.reserve(spans);
    }

    fn take(&mut self, span: Span) {
        self.push(span);
    }
}

/// A caller's function as a [`SpanSink`].
pub(crate) struct EachSpan<F>(pub(crate) F);

impl<F: FnMut(Span)> SpanSink for EachSpan<F> {
    fn take(&mut self, span: Span) {
        (self.0)(span);
    }
}

impl Extractor {
    /// Stage 6: spans in the original text.
    pub(crate) fn to_spans(
        &self,
        text: &str,
        folded: &Folded<'_>,
        accepted: &mut Vec<Candidate>,
        sink: &mut dyn SpanSink,
    ) {
        sink.expect(accepted.len());
        // Printable ASCII has a character a byte: nothing to count.
        let count_chars = if folded.is_unchanged() {
            str::len
        } else {
            count_chars
        };
        let mut chars_before = 0usize;
        let mut counted_to = 0usize;
        let mut last_end = 0usize;
        for c in accepted.drain(..) {
            let Some(label) = c.label else { continue };
            let (start_byte, end_byte) = original_range(text, folded, c.start, c.end);
            if start_byte < last_end || end_byte <= start_byte {
                continue;
            }
            last_end = end_byte;
            chars_before += count_chars(&text[counted_to..start_byte]);
            let start = chars_before;
            let end = start + count_chars(&text[start_byte..end_byte]);
            chars_before = end;
            counted_to = end_byte;
            sink.take(self.span(text, c, label, (start, end), (start_byte, end_byte)));
        }
    }

    pub(crate) fn span(
        &self,
        text: &str,
        c: Candidate,
        label: Label,
        (start, end): (usize, usize),
        (start_byte, end_byte): (usize, usize),
    ) -> Span {
        let entities = &self.compiled.entities;
        let entity = c.entity.map(|e| &entities[e as usize]);
        let matched = &text[start_byte..end_byte];
        let source = match c.origin {
            Origin::Form { entity, form } => Source::Gazetteer {
                form: entities[entity as usize].forms[form as usize].clone(),
            },
            Origin::Rule(index) => Source::Rule {
                rule: self.rules.rules[index].name.clone(),
            },
            Origin::Acronym => Source::Acronym {
                acronym: matched.to_string(),
            },
        };
        Span {
            start_char: start,
            end_char: end,
            start_byte,
            end_byte,
            label,
            text: matched.to_string(),
            kb_id: entity.map(|e| e.id.clone()),
            name: entity.map(|e| e.name.clone()),
            parent_id: entity.and_then(|e| e.parent.clone()),
            province_id: entity.and_then(|e| e.province.clone()),
            lat: entity.and_then(|e| e.entity.lat),
            lon: entity.and_then(|e| e.entity.lon),
            ambiguous: c.ambiguous,
            candidates: c
                .candidates
                .iter()
                .map(|&i| entities[i as usize].id.clone())
                .collect(),
            source,
        }
    }
}

/// The original text's byte range of folded `start..end`, widened to grapheme boundaries so that marks
/// after the last letter belong to it.
pub(crate) fn original_range(
    text: &str,
    folded: &Folded<'_>,
    start: usize,
    end: usize,
) -> (usize, usize) {
    // Printable ASCII folds to itself, and every place between two of its characters is a grapheme
    // boundary.
    if folded.is_unchanged() {
        return (start, end);
    }
    let f = folded.as_str();
    let start_raw = folded.original_start(start);
    let last_char = f[..end]
        .char_indices()
        .next_back()
        .map_or(start, |(i, _)| i);
    let last_start = folded.original_start(last_char);
    let end_raw = last_start + text[last_start..].chars().next().map_or(0, char::len_utf8);
    (
        grapheme_floor(text, start_raw),
        grapheme_ceil(text, end_raw),
    )
}

fn count_chars(s: &str) -> usize {
    s.chars().count()
}

/// Whether `at` is a grapheme boundary for certain without the segmentation tables: between two ASCII
/// characters other than a carriage return and its line feed, no rule joins them.
fn plain_boundary(text: &str, at: usize) -> bool {
    let bytes = text.as_bytes();
    match (at.checked_sub(1).map(|i| bytes[i]), bytes.get(at)) {
        (None, _) | (_, None) => true,
        (Some(before), Some(&after)) => {
            before.is_ascii() && after.is_ascii() && !(before == b'\r' && after == b'\n')
        }
    }
}

fn grapheme_floor(text: &str, at: usize) -> usize {
    if plain_boundary(text, at) {
        return at;
    }
    let mut cursor = GraphemeCursor::new(at, text.len(), true);
    match cursor.is_boundary(text, 0) {
        Ok(true) => at,
        _ => cursor.prev_boundary(text, 0).ok().flatten().unwrap_or(0),
    }
}

fn grapheme_ceil(text: &str, at: usize) -> usize {
    if plain_boundary(text, at) {
        return at;
    }
    let mut cursor = GraphemeCursor::new(at, text.len(), true);
    match cursor.is_boundary(text, 0) {
        Ok(true) => at,
        _ => cursor
            .next_boundary(text, 0)
            .ok()
            .flatten()
            .unwrap_or(text.len()),
    }
}
