//! The checks of the fuzz targets, shared with the test suite: the `extract` and `gazetteer` targets call
//! them on fuzzed input, and `tests/fuzz_seeds.rs` on every seed in `fuzz/seeds/` (it includes this file
//! with `#[path]`, so the library does not depend on the fuzz crate). They panic on a broken invariant.

use nkner::{Extractor, Gazetteer, Span};
use unicode_segmentation::UnicodeSegmentation;

/// The invariants of every extraction: spans in bounds, sorted and not overlapping, starting and ending
/// on grapheme boundaries, their text equal to their slice, their char offsets agreeing with their
/// byte offsets, and every linked id known to `extractor`.
pub fn spans(extractor: &Extractor, text: &str, spans: &[Span]) {
    let boundaries: Vec<usize> = text
        .grapheme_indices(true)
        .map(|(i, _)| i)
        .chain(std::iter::once(text.len()))
        .collect();
    let mut previous_end = 0;
    for s in spans {
        assert!(
            s.start_byte < s.end_byte && s.end_byte <= text.len(),
            "out of bounds: {s:?}"
        );
        assert!(
            s.start_byte >= previous_end,
            "overlapping or unsorted: {spans:?}"
        );
        previous_end = s.end_byte;
        assert!(
            boundaries.binary_search(&s.start_byte).is_ok(),
            "start inside a grapheme: {s:?}"
        );
        assert!(
            boundaries.binary_search(&s.end_byte).is_ok(),
            "end inside a grapheme: {s:?}"
        );
        assert_eq!(&text[s.start_byte..s.end_byte], s.text);
        assert_eq!(text[..s.start_byte].chars().count(), s.start_char);
        assert_eq!(s.start_char + s.text.chars().count(), s.end_char);
        if let Some(id) = &s.kb_id {
            assert!(extractor.entity(id).is_some(), "unknown id: {s:?}");
        }
    }
}

/// `extract` with the default extractor on arbitrary bytes.
pub fn extract(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let extractor = nkner::default_extractor();
    spans(extractor, &text, &extractor.extract(&text));
}

/// The gazetteer loader on arbitrary bytes: an error or a gazetteer, never a panic. A gazetteer that loads
/// and builds gives an extractor whose spans keep the invariants, on the input itself, on a fixed text and
/// on a text made of the gazetteer's own names and forms.
pub fn gazetteer(data: &[u8]) {
    let Ok(gazetteer) = Gazetteer::from_reader("fuzz.tsv", data) else {
        return;
    };
    let mut builder = Extractor::builder();
    builder.builtin_gazetteer(false).gazetteer(gazetteer);
    let Ok(extractor) = builder.build() else {
        return;
    };
    let names: String = extractor
        .entities()
        .flat_map(|e| {
            std::iter::once(e.name.to_string()).chain(e.id.split('-').map(str::to_string))
        })
        .collect::<Vec<_>>()
        .join(" and ");
    for text in [
        String::from_utf8_lossy(data).into_owned(),
        "Hyesan, Ryanggang Province; the MSS (MSS) and Unit 10215.".to_string(),
        format!("North Korea: {names}."),
    ] {
        spans(&extractor, &text, &extractor.extract(&text));
    }
}
