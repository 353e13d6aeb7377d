//! Stage 6: the surviving candidates as spans of the original text, on grapheme boundaries, with byte
//! and char offsets, linked to their entries.

use unicode_segmentation::GraphemeCursor;

use crate::candidate::{Candidate, Origin};
use crate::compile::Compiled;
use crate::entity::Label;
use crate::normalize::Folded;
use crate::rules::Rule;
use crate::span::{Source, Span};

/// Where stage 6 hands its spans, in order: a vector (which makes room for all of them at once, as the
/// count is known) or a caller's function
/// ([`Extractor::extract_each`](crate::Extractor::extract_each)).
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

/// Stage 6: spans in the original text, handed to `sink` in order; `compiled` and `rules` give what
/// each span links to and where it comes from.
pub(crate) fn to_spans(
    text: &str,
    compiled: &Compiled,
    rules: &[Rule],
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
        sink.take(span(
            compiled,
            rules,
            text,
            c,
            label,
            (start, end),
            (start_byte, end_byte),
        ));
    }
}

fn span(
    compiled: &Compiled,
    rules: &[Rule],
    text: &str,
    c: Candidate,
    label: Label,
    (start, end): (usize, usize),
    (start_byte, end_byte): (usize, usize),
) -> Span {
    let entities = &compiled.entities;
    let entity = c.entity.map(|e| &entities[e as usize]);
    let matched = &text[start_byte..end_byte];
    let source = match c.origin {
        Origin::Form { entity, form } => Source::Gazetteer {
            form: entities[entity as usize].forms[form as usize].clone(),
        },
        Origin::Rule(index) => Source::Rule {
            rule: rules[index].name.clone(),
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Where `name` is in the folded `text`, and that range in the original by `original_range`.
    fn folded_and_original(text: &str, name: &str) -> (&'static str, (usize, usize)) {
        let folded = Folded::new(text);
        let start = folded.as_str().find(name).unwrap();
        let range = original_range(text, &folded, start, start + name.len());
        (
            if folded.is_unchanged() {
                "unchanged"
            } else {
                "folded"
            },
            range,
        )
    }

    #[test]
    fn a_folded_range_maps_back_to_the_original_text() {
        assert_eq!(
            folded_and_original("In Hyesan city.", "Hyesan"),
            ("unchanged", (3, 9))
        );
        // Diacritics and a typographic apostrophe fold away: the original range is the longer one.
        let text = "In P’yŏngyang city.";
        let (kind, (start, end)) = folded_and_original(text, "P'yongyang");
        assert_eq!(kind, "folded");
        assert_eq!(&text[start..end], "P’yŏngyang");
        // A combining mark after the last letter belongs to the name (rule 8).
        let text = "In Hyesan\u{301} city.";
        let (_, (start, end)) = folded_and_original(text, "Hyesan");
        assert_eq!(&text[start..end], "Hyesan\u{301}");
    }

    #[test]
    fn grapheme_boundaries_are_found_without_the_tables_only_between_plain_ascii() {
        let text = "a\r\nb e\u{301}";
        assert!(plain_boundary(text, 0) && plain_boundary(text, 1) && plain_boundary(text, 3));
        assert!(!plain_boundary(text, 2), "inside a CR LF");
        assert_eq!((grapheme_floor(text, 2), grapheme_ceil(text, 2)), (1, 3));
        let mark = text.find('\u{301}').unwrap();
        assert!(!plain_boundary(text, mark));
        assert_eq!(
            (grapheme_floor(text, mark), grapheme_ceil(text, mark)),
            (mark - 1, text.len())
        );
        assert_eq!(grapheme_ceil(text, text.len()), text.len());
    }

    #[test]
    fn spans_carry_byte_and_char_offsets_their_entry_and_their_source() {
        let compiled = crate::compile::builtin();
        let hyesan = compiled.by_id["kp-ryanggang-hyesan"];
        let forms = &compiled.entities[hyesan as usize].forms;
        let hangul = forms.iter().position(|f| &**f == "혜산시").unwrap() as u32;
        let text = "혜산시 (Hyesan), Hyesan.";
        let folded = Folded::new(text);
        let f = folded.as_str();
        let latin = f.find("Hyesan").unwrap();
        let last = f.rfind("Hyesan").unwrap();
        let city = |start: usize, end: usize, form: u32| {
            Candidate::entity(start, end, Some(Label::City), hyesan, form)
        };
        let mut unlabelled = city(last, last + 6, 0);
        unlabelled.label = None;
        let mut accepted = vec![
            city(0, "혜산시".len(), hangul),
            city(latin, latin + 6, 0),
            // Overlaps the span before it: left out, as is one without a label.
            city(latin + 2, latin + 6, 0),
            unlabelled,
        ];
        let mut spans: Vec<Span> = Vec::new();
        to_spans(text, compiled, &[], &folded, &mut accepted, &mut spans);
        assert!(accepted.is_empty(), "the candidates are taken");
        let got: Vec<_> = spans
            .iter()
            .map(|s| {
                (
                    s.text.as_str(),
                    (s.start_byte, s.end_byte),
                    (s.start_char, s.end_char),
                )
            })
            .collect();
        assert_eq!(
            got,
            [("혜산시", (0, 9), (0, 3)), ("Hyesan", (11, 17), (5, 11))]
        );
        let span = &spans[0];
        assert_eq!(span.kb_id.as_deref(), Some("kp-ryanggang-hyesan"));
        assert_eq!(span.province_id.as_deref(), Some("kp-ryanggang"));
        assert_eq!(
            span.source,
            Source::Gazetteer {
                form: "혜산시".into()
            }
        );
        assert!(!span.ambiguous && span.candidates.is_empty());
    }

    #[test]
    fn a_callers_function_takes_every_span_in_order() {
        let compiled = crate::compile::builtin();
        let hyesan = compiled.by_id["kp-ryanggang-hyesan"];
        let text = "Hyesan and Hyesan.";
        let folded = Folded::new(text);
        let mut accepted = vec![
            Candidate::entity(0, 6, Some(Label::City), hyesan, 0),
            Candidate::entity(11, 17, Some(Label::City), hyesan, 0),
        ];
        let mut starts = Vec::new();
        let mut sink = EachSpan(|span: Span| starts.push(span.start_byte));
        to_spans(text, compiled, &[], &folded, &mut accepted, &mut sink);
        assert_eq!(starts, [0, 11]);
    }
}
