//! Invariants that hold for every input: spans lie in bounds, on grapheme boundaries, sorted and not
//! overlapping, their text equals their slice and their byte and char offsets agree; the result does not
//! depend on the thread; an unambiguous name put into neutral text is found where it was put.

use proptest::prelude::*;
use unicode_segmentation::UnicodeSegmentation;

fn check_invariants(text: &str) -> Result<(), TestCaseError> {
    let spans = nkner::extract(text);
    let boundaries: Vec<usize> = text
        .grapheme_indices(true)
        .map(|(i, _)| i)
        .chain(std::iter::once(text.len()))
        .collect();
    let mut previous_end = 0;
    for s in &spans {
        prop_assert!(s.start_byte < s.end_byte && s.end_byte <= text.len());
        prop_assert!(
            s.start_byte >= previous_end,
            "overlap or unsorted: {spans:?}"
        );
        previous_end = s.end_byte;
        prop_assert!(
            boundaries.binary_search(&s.start_byte).is_ok(),
            "start off a grapheme boundary"
        );
        prop_assert!(
            boundaries.binary_search(&s.end_byte).is_ok(),
            "end off a grapheme boundary"
        );
        prop_assert_eq!(&text[s.start_byte..s.end_byte], s.text.as_str());
        prop_assert_eq!(text[..s.start_byte].chars().count(), s.start_char);
        prop_assert_eq!(s.start_char + s.text.chars().count(), s.end_char);
    }
    Ok(())
}

/// Pieces that exercise the matcher: names, heads, particles, marks and invisible characters.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("Hyesan".to_string()),
        Just("Ryanggang".to_string()),
        Just(" Province".to_string()),
        Just("-gun".to_string()),
        Just("P'yŏngyang".to_string()),
        Just("MSS".to_string()),
        Just("Unit 10215".to_string()),
        Just("혜산".to_string()),
        Just("시".to_string()),
        Just("에서".to_string()),
        Just("\u{0301}".to_string()),
        Just("\u{200D}".to_string()),
        Just("\u{00AD}".to_string()),
        Just("\u{200F}".to_string()),
        Just("\u{1112}\u{1168}".to_string()),
        Just("\0".to_string()),
        Just(" ".to_string()),
        Just("\n".to_string()),
        Just(". ".to_string()),
        Just("(".to_string()),
        Just(")".to_string()),
        Just("South Korea".to_string()),
        "\\PC{0,4}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn invariants_hold_on_any_string(text in "\\PC{0,60}") {
        check_invariants(&text)?;
    }

    #[test]
    fn invariants_hold_on_name_soup(pieces in prop::collection::vec(piece(), 0..24)) {
        check_invariants(&pieces.concat())?;
    }

    #[test]
    fn an_unambiguous_name_is_found_where_it_is_put(
        name in prop::sample::select(vec!["Hyesan", "Chongjin", "Samsu County", "Ryanggang Province", "Sariwon", "Musan County"]),
        before in "[a-z]{1,8}( [a-z]{1,8}){0,4}",
        after in "( [a-z]{1,8}){0,4}\\.",
    ) {
        let text = format!("{before} {name}{after}");
        let spans = nkner::extract(&text);
        let at = before.len() + 1;
        prop_assert!(
            spans.iter().any(|s| s.start_byte == at && s.text == name),
            "{name} not found in {text:?}: {spans:?}"
        );
    }

    #[test]
    fn the_result_does_not_depend_on_the_thread(pieces in prop::collection::vec(piece(), 0..16)) {
        let text = pieces.concat();
        let here = nkner::extract(&text);
        let there = std::thread::scope(|s| s.spawn(|| nkner::extract(&text)).join().unwrap());
        prop_assert_eq!(here, there);
    }
}
