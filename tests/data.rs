//! The built-in data itself: every line loads, ids are unique and shaped like the reference's, text is
//! NFC, and a form shared by entries of different labels is never reported as one of them silently.

use std::collections::HashMap;

use unicode_normalization::UnicodeNormalization;

const FILES: [(&str, &str); 2] = [
    ("divisions.tsv", include_str!("../gazetteers/divisions.tsv")),
    ("agencies.tsv", include_str!("../gazetteers/agencies.tsv")),
];

#[test]
fn the_builtin_gazetteer_loads_and_builds() {
    let g = nkner::Gazetteer::builtin();
    assert_eq!(g.len(), 234 + 81);
    let extractor = nkner::Extractor::new();
    assert_eq!(extractor.entities().count(), g.len());
}

#[test]
fn ids_follow_the_reference_scheme() {
    for entity in nkner::Gazetteer::builtin().entities() {
        let place = entity.label.is_some_and(|l| l.is_place()) || entity.kind == "special_region";
        assert_eq!(place, entity.id.starts_with("kp-"), "{}", entity.id);
        assert!(
            entity.id.is_ascii() && !entity.id.contains(' '),
            "{}",
            entity.id
        );
    }
}

#[test]
fn every_line_is_nfc_with_thirteen_cells() {
    for (name, text) in FILES {
        for (i, line) in text.lines().enumerate() {
            assert_eq!(line.split('\t').count(), 13, "{name}:{}", i + 1);
            assert_eq!(
                line.nfc().collect::<String>(),
                line,
                "{name}:{}: not NFC",
                i + 1
            );
        }
    }
}

#[test]
fn every_place_has_a_province_and_hangul() {
    for (name, text) in FILES {
        for (i, line) in text.lines().enumerate().skip(1) {
            let cells: Vec<&str> = line.split('\t').collect();
            if cells[1] != "NONE" && cells[0].starts_with("kp-") {
                assert!(!cells[6].is_empty(), "{name}:{}: no Hangul", i + 1);
            }
        }
    }
    let extractor = nkner::Extractor::new();
    for e in extractor
        .entities()
        .filter(|e| e.label.is_some_and(|l| l.is_place()))
    {
        assert!(e.province.is_some(), "{} has no province", e.id);
    }
}

/// A form written on two entries with different labels must come out flagged: as a shared name with its
/// candidates, or through a flag that makes it conditional.
#[test]
fn forms_shared_across_labels_are_flagged() {
    let mut labels: HashMap<String, Vec<(&str, &str, &str)>> = HashMap::new();
    for (_, text) in FILES {
        for line in text.lines().skip(1) {
            let cells: Vec<&str> = line.split('\t').collect();
            for form in cells[5]
                .split('|')
                .chain(cells[6].split('|'))
                .filter(|f| !f.is_empty())
            {
                let (bare, flags) = form.split_once('{').unwrap_or((form, ""));
                labels
                    .entry(bare.to_lowercase())
                    .or_default()
                    .push((cells[0], cells[1], flags));
            }
        }
    }
    for (form, owners) in labels {
        let mut distinct: Vec<&str> = owners
            .iter()
            .map(|o| o.1)
            .filter(|l| *l != "NONE")
            .collect();
        distinct.sort_unstable();
        distinct.dedup();
        if distinct.len() < 2 {
            continue;
        }
        let conditional = owners
            .iter()
            .any(|o| ["alt", "amb", "sk", "nk"].iter().any(|f| o.2.contains(f)));
        let spans = nkner::extract(&format!("North Korea's {form} said so."));
        let shared = spans
            .iter()
            .any(|s| s.ambiguous && !s.candidates.is_empty());
        assert!(
            conditional || shared,
            "{form:?} is on {owners:?} with no flag"
        );
    }
}
