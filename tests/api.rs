//! The public surface: thread safety, the builder, user gazetteers and rules, and errors across files.

use nkner::{Extractor, Gazetteer, Label, Rule};

const HEADER: &str =
    "id\tlabel\tkind\tname\tparent\tforms\thangul\tformer\tlat\tlon\tverified\tsources\tnote\n";

fn row(id: &str, label: &str, name: &str, parent: &str, forms: &str) -> String {
    // Kinds are a closed list (`EntityKind`): the one that goes with the label.
    let kind = match label {
        "AGENCY" => "state".to_string(),
        other => other.to_lowercase(),
    };
    format!("{id}\t{label}\t{kind}\t{name}\t{parent}\t{forms}\t\t\t\t\tyes\t\t\n")
}

#[test]
fn public_types_are_send_and_sync() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<Extractor>();
    assert_send_sync::<Gazetteer>();
    assert_send_sync::<nkner::Span>();
    assert_send_sync::<nkner::Error>();
}

#[test]
fn a_user_gazetteer_adds_to_the_builtin_one() {
    let tsv = format!(
        "{HEADER}{}",
        row("my-farm", "UNIT", "Farm No. 1116", "kpa", "")
    );
    let g = Gazetteer::from_tsv("mine.tsv", &tsv).unwrap();
    let e = Extractor::builder().gazetteer(g).build().unwrap();
    let spans = e.extract("The KPA runs Farm No. 1116 near Hyesan.");
    let texts: Vec<&str> = spans.iter().map(|s| s.text.as_str()).collect();
    assert_eq!(texts, ["KPA", "Farm No. 1116", "Hyesan"]);
    assert_eq!(spans[1].parent_id.as_deref(), Some("kpa"));
}

#[test]
fn a_user_gazetteer_can_replace_the_builtin_one() {
    let tsv = format!(
        "{HEADER}{}",
        row("x-town", "CITY", "Newtown", "", "Newtown")
    );
    let g = Gazetteer::from_tsv("mine.tsv", &tsv).unwrap();
    let e = Extractor::builder()
        .builtin_gazetteer(false)
        .gazetteer(g)
        .build()
        .unwrap();
    let texts: Vec<String> = e
        .extract("Newtown and Hyesan")
        .into_iter()
        .map(|s| s.text)
        .collect();
    assert_eq!(texts, ["Newtown"]);
}

#[test]
fn errors_across_files_name_the_file_and_line() {
    let tsv = format!(
        "{HEADER}{}",
        row("x-ward", "DISTRICT", "Ward", "x-nowhere", "")
    );
    let g = Gazetteer::from_tsv("wards.tsv", &tsv).unwrap();
    let err = Extractor::builder().gazetteer(g).build().unwrap_err();
    assert_eq!(err.to_string(), "wards.tsv:2: unknown parent 'x-nowhere'");

    let tsv = format!("{HEADER}\n{}", row("mss", "AGENCY", "Other", "", ""));
    let g = Gazetteer::from_tsv("dup.tsv", &tsv).unwrap();
    let err = Extractor::builder().gazetteer(g).build().unwrap_err();
    let mss_line = 1 + include_str!("../gazetteers/agencies.tsv")
        .lines()
        .position(|line| line.starts_with("mss\t"))
        .expect("the built-in gazetteer has mss");
    assert_eq!(
        err.to_string(),
        format!(
            "dup.tsv:3: duplicate id 'mss' (first defined at gazetteers/agencies.tsv:{mss_line})"
        )
    );

    let tsv = format!(
        "{HEADER}{}{}",
        row("a", "CITY", "A", "b", ""),
        row("b", "CITY", "B", "a", "")
    );
    let g = Gazetteer::from_tsv("loop.tsv", &tsv).unwrap();
    let err = Extractor::builder()
        .builtin_gazetteer(false)
        .gazetteer(g)
        .build()
        .unwrap_err();
    assert_eq!(err.to_string(), "loop.tsv:2: parent cycle through 'a'");
}

#[test]
fn a_missing_file_is_an_error_naming_it() {
    let err = Gazetteer::from_path("no/such/file.tsv").unwrap_err();
    assert!(err.to_string().starts_with("no/such/file.tsv: "), "{err}");
}

#[test]
fn user_rules_and_label_filters() {
    let rule = Rule::new("farm", r"KPA Farm No\. \d+", Label::Unit).unwrap();
    let e = Extractor::builder()
        .rule(rule)
        .labels([Label::Unit])
        .build()
        .unwrap();
    let spans = e.extract("KPA Farm No. 1116 in Hyesan");
    assert_eq!(spans.len(), 1);
    assert_eq!(spans[0].text, "KPA Farm No. 1116");
    assert!(matches!(&spans[0].source, nkner::Source::Rule { rule } if &**rule == "farm"));
}

#[test]
fn the_builtin_rules_can_be_turned_off() {
    let text = "North Korea's Bureau 325 and Unit 10215 hacked banks.";
    let spans: Vec<String> = nkner::extract(text).into_iter().map(|s| s.text).collect();
    assert_eq!(spans, ["Bureau 325", "Unit 10215"]);
    let e = Extractor::builder().builtin_rules(false).build().unwrap();
    let spans: Vec<String> = e.extract(text).into_iter().map(|s| s.text).collect();
    assert_eq!(spans, ["Unit 10215"], "listed units stay, rule matches go");
}

#[test]
fn an_extractor_debugs_as_its_sizes() {
    let e = Extractor::builder().builtin_rules(false).build().unwrap();
    let debug = format!("{e:?}");
    assert!(
        debug.starts_with("Extractor { entities: ") && debug.ends_with("rules: 0 }"),
        "{debug}"
    );
}

#[cfg(feature = "serde")]
#[test]
fn spans_serialize_in_the_annotation_shape() {
    let spans = nkner::extract("Sinuiju");
    let json = serde_json::to_value(&spans[0]).unwrap();
    assert_eq!(json["start"], 0);
    assert_eq!(json["end"], 7);
    assert_eq!(json["start_byte"], 0);
    assert_eq!(json["label"], "CITY");
    assert_eq!(json["kb_id"], "kp-north-pyongan-sinuiju");
    assert_eq!(json["source"]["kind"], "gazetteer");
    assert_eq!(json["ambiguous"], false);
}

#[test]
fn hostile_inputs_do_not_panic() {
    let long_marks = format!("Hyesan{}", "\u{0301}".repeat(10_000));
    let many_names = "Hyesan ".repeat(20_000);
    for text in [
        "",
        "\0\0\0",
        "\u{200D}\u{200D}",
        "(((((",
        long_marks.as_str(),
        many_names.as_str(),
        "\u{1112}",
        "혜",
        "Hyesan\u{200F}\u{00AD}",
    ] {
        let _ = nkner::extract(text);
    }
    assert_eq!(nkner::extract(&many_names).len(), 20_000);
    let spans = nkner::extract(&long_marks);
    assert_eq!(spans[0].end_byte, long_marks.len());
}

#[cfg(feature = "serde")]
#[test]
fn spans_and_entities_read_back_what_they_wrote() {
    let spans = nkner::extract("Smugglers in Hyesan and Samsu County met the MSS.");
    let json = serde_json::to_string(&spans).unwrap();
    let back: Vec<nkner::Span> = serde_json::from_str(&json).unwrap();
    assert_eq!(back, spans);
    let hyesan = nkner::default_extractor()
        .entity("kp-ryanggang-hyesan")
        .unwrap();
    let back: nkner::Entity =
        serde_json::from_value(serde_json::to_value(hyesan).unwrap()).unwrap();
    assert_eq!(&back, hyesan);
}

#[test]
fn labels_pad_like_strings() {
    let label = nkner::Label::County;
    assert_eq!(format!("{label:<10}|"), "COUNTY    |");
    assert_eq!(format!("{label:>10}|"), "    COUNTY|");
    assert_eq!(format!("{label:^10}|"), "  COUNTY  |");
    assert_eq!(format!("{label:.3}"), "COU");
    assert_eq!(label.to_string(), "COUNTY");
}

#[test]
fn an_io_error_says_its_cause_once_and_has_a_kind() {
    let dir = std::env::temp_dir();
    let err = nkner::Gazetteer::from_path(&dir).unwrap_err();
    let message = err.to_string();
    let cause = match err.kind() {
        nkner::ErrorKind::Io { error, .. } => error.to_string(),
        other => panic!("{other:?}"),
    };
    assert_eq!(message, format!("{}: {cause}", dir.display()));
    assert!(std::error::Error::source(&err).is_none());
    let err = nkner::Rule::new("bad", "(", nkner::Label::Unit).unwrap_err();
    assert!(matches!(err.kind(), nkner::ErrorKind::Rule { name, .. } if name == "bad"));
}

#[test]
fn entities_carry_their_forms_and_hangul_name() {
    let e = nkner::default_extractor()
        .entity("kp-ryanggang-pochon-county")
        .unwrap();
    assert_eq!(e.forms.first().map(String::as_str), Some("Pochon"));
    assert_eq!(e.hangul_name(), Some("보천군"));
    assert!(e.sources.is_some());
}

#[test]
fn sentences_cover_the_text_on_char_boundaries() {
    let texts = [
        "",
        "One sentence",
        "P\u{2019}y\u{014f}ngyang met. Hyesan\u{00a0}waited!  \u{d55c}\u{ad6d}. \u{c591}\u{ac15}\u{b3c4}\u{3002}\u{d61c}\u{c0b0}",
        "Headline\r\n\r\nBody text. More text.\n\n\n",
        "No. 8 unit. U.S. officials. N. Korea\u{0301} denied it.",
    ];
    for text in texts {
        let ranges = nkner::sentences(text);
        let mut at = 0;
        for r in &ranges {
            assert_eq!(r.start, at, "{text:?}: {ranges:?}");
            assert!(
                r.start < r.end && text.is_char_boundary(r.end),
                "{text:?}: {ranges:?}"
            );
            at = r.end;
        }
        assert_eq!(at, text.len(), "{text:?}: {ranges:?}");
    }
    assert_eq!(
        nkner::sentences("Headline\r\n\r\nBody text. More text.").len(),
        3
    );
}

/// Sentences 1 and 2 make the document North Korean; the shape (5) and the bare number (7) have no
/// cue in their sentence or the one before.
const NORTH_DOCUMENT: &str = "North Korea's Workers' Party met in Pyongyang. The KPA held drills \
    near Wonsan. Leaders spoke of the harvest. Farmers were tired after a long season. Trucks of \
    the Ministry of Sand Industry moved at dawn. Rain fell all week. Unit 1234 sent staff.";

#[test]
fn a_shape_leans_on_the_document_and_a_bare_number_does_not() {
    let texts: Vec<String> = Extractor::new()
        .extract(NORTH_DOCUMENT)
        .into_iter()
        .map(|s| s.text)
        .collect();
    assert!(
        texts.iter().any(|t| t == "Ministry of Sand Industry"),
        "{texts:?}"
    );
    assert!(!texts.iter().any(|t| t == "Unit 1234"), "{texts:?}");
    // What a match needs is the rule's, not its name's: a user rule named like a built-in one is
    // a user rule.
    let rule = Rule::new("numbered-unit", r"Unit \d{4}", Label::Unit).unwrap();
    let extractor = Extractor::builder()
        .builtin_rules(false)
        .rule(rule.needs_north_korean_cue(true))
        .build()
        .unwrap();
    let spans = extractor.extract(NORTH_DOCUMENT);
    assert!(spans.iter().any(|s| s.text == "Unit 1234"), "{spans:?}");
}
