//! `extract` on arbitrary text: it must not panic, and its spans must keep their invariants.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let spans = nkner::extract(&text);
    let mut previous_end = 0;
    for s in &spans {
        assert!(s.start_byte < s.end_byte && s.end_byte <= text.len(), "out of bounds: {s:?}");
        assert!(s.start_byte >= previous_end, "overlapping or unsorted: {spans:?}");
        assert!(text.is_char_boundary(s.start_byte) && text.is_char_boundary(s.end_byte));
        assert_eq!(&text[s.start_byte..s.end_byte], s.text);
        assert_eq!(text[..s.start_byte].chars().count(), s.start);
        assert_eq!(s.start_char + s.text.chars().count(), s.end_char);
        previous_end = s.end_byte;
    }
});
