//! Hostile input to the library: huge repetition, long runs of marks and invisible characters inside
//! names, NUL bytes, a large user gazetteer. Nothing panics, nothing is lost, offsets stay right.

use nkner::{Extractor, Gazetteer, Label};

#[test]
fn the_same_name_a_million_times() {
    let text = "Hyesan ".repeat(1_000_000);
    let spans = nkner::extract(&text);
    assert_eq!(spans.len(), 1_000_000);
    assert_eq!(spans[999_999].start_char, 7 * 999_999);
    assert!(spans.windows(2).all(|w| w[0].end_byte <= w[1].start_byte));
}

#[test]
fn long_runs_of_marks_and_invisible_characters_inside_names() {
    for filler in [
        "\u{0301}", "\u{200D}", "\u{00AD}", "\u{200F}", "\u{200B}", "\u{FEFF}",
    ] {
        let run = filler.repeat(20_000);
        let text = format!("Hye{run}san County and {run} Musan{run} and \0\0Chongjin\0");
        let spans = nkner::extract(&text);
        let found: Vec<&str> = spans.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(found.len(), 3, "{filler:?}: {}", found.len());
        // Hyesan was never a county: the head word stays out (rule 15).
        assert!(
            spans[0].text == format!("Hye{run}san"),
            "{filler:?}: {}",
            spans[0].text.len()
        );
        assert_eq!(spans[0].label, Label::City);
        assert!(spans[1].text.starts_with("Musan"));
        assert_eq!(spans[2].text, "Chongjin");
        for s in &spans {
            assert_eq!(&text[s.start_byte..s.end_byte], s.text);
            assert_eq!(text[..s.start_byte].chars().count(), s.start_char);
        }
    }
}

#[test]
fn a_run_of_combining_marks_alone_or_after_a_name() {
    let marks = "\u{0301}".repeat(200_000);
    assert!(nkner::extract(&marks).is_empty());
    let text = format!("Sinuiju{marks}");
    let spans = nkner::extract(&text);
    assert_eq!(spans.len(), 1);
    assert_eq!(
        spans[0].end_byte,
        text.len(),
        "the marks belong to the name's last letter"
    );
}

#[test]
fn a_user_gazetteer_of_ten_thousand_entries_builds_and_matches() {
    let mut tsv = String::from(
        "id\tlabel\tkind\tname\tparent\tforms\thangul\tformer\tlat\tlon\tverified\tsources\tnote\n",
    );
    for i in 0..10_000 {
        tsv += &format!("u-{i}\tUNIT\tunit\tTest Brigade {i}\t\tTB{i}\t\t\t\t\tyes\t\t\n");
    }
    let g = Gazetteer::from_tsv("big.tsv", &tsv).unwrap();
    let extractor = Extractor::builder().gazetteer(g).build().unwrap();
    let spans = extractor.extract("Test Brigade 9999 met TB42 in Hyesan.");
    let ids: Vec<Option<&str>> = spans.iter().map(|s| s.kb_id.as_deref()).collect();
    assert_eq!(
        ids,
        [Some("u-9999"), Some("u-42"), Some("kp-ryanggang-hyesan")]
    );
}
