//! The built-in data itself: every line loads, ids are unique and shaped like the reference's, text is
//! NFC, and a form shared by entries of different labels is never reported as one of them silently.
//! Every row names its sources and every source has its terms in `gazetteers/NOTICE.md`; parents are
//! rows of a kind that can contain the child; dates are in order and a successor exists; two rows of
//! one label that share a form say so in a note.

use std::collections::HashMap;

use unicode_normalization::UnicodeNormalization;

const FILES: [(&str, &str); 2] = [
    ("divisions.tsv", include_str!("../gazetteers/divisions.tsv")),
    ("agencies.tsv", include_str!("../gazetteers/agencies.tsv")),
];

#[test]
fn the_builtin_gazetteer_loads_and_builds() {
    let g = nkner::Gazetteer::builtin();
    // One entry per line after each file's header: a line that fails to load, or loads twice, shows here.
    let rows: usize = FILES.iter().map(|(_, text)| text.lines().count() - 1).sum();
    assert_eq!(g.len(), rows);
    let extractor = nkner::Extractor::new();
    assert_eq!(extractor.entities().count(), g.len());
}

#[test]
fn ids_follow_the_reference_scheme() {
    for entity in nkner::Gazetteer::builtin().entities() {
        let place = entity.label.is_some_and(|l| l.is_place())
            || entity.kind == nkner::EntityKind::SpecialRegion;
        assert_eq!(place, entity.id.starts_with("kp-"), "{}", entity.id);
        assert!(
            entity.id.is_ascii() && !entity.id.contains(' '),
            "{}",
            entity.id
        );
    }
}

#[test]
fn every_line_is_nfc_with_sixteen_cells() {
    for (name, text) in FILES {
        for (i, line) in text.lines().enumerate() {
            assert_eq!(line.split('\t').count(), 16, "{name}:{}", i + 1);
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

/// The cells of every data row of both files, with the file name and line number.
fn rows() -> Vec<(&'static str, usize, Vec<&'static str>)> {
    FILES
        .iter()
        .flat_map(|(name, text)| {
            text.lines()
                .enumerate()
                .skip(1)
                .map(move |(i, line)| (*name, i + 1, line.split('\t').collect()))
        })
        .collect()
}

/// The items of an `agencies.tsv` sources cell: split at the semicolons outside parentheses.
fn source_items(cell: &str) -> Vec<&str> {
    let mut items = Vec::new();
    let (mut depth, mut start) = (0i32, 0);
    for (i, c) in cell.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            ';' if depth == 0 => {
                items.push(cell[start..i].trim());
                start = i + 1;
            }
            _ => {}
        }
    }
    items.push(cell[start..].trim());
    items.into_iter().filter(|s| !s.is_empty()).collect()
}

/// The publishers `NOTICE.md` gives terms for in its section on the bodies' sources: the names in
/// backticks in that section's table.
fn notice_publishers() -> Vec<&'static str> {
    let notice = include_str!("../gazetteers/NOTICE.md");
    let section = notice
        .split("## Sources of `agencies.tsv`")
        .nth(1)
        .expect("NOTICE.md has a section on the sources of agencies.tsv");
    let section = section.split("\n## ").next().unwrap_or(section);
    section
        .lines()
        .filter(|l| l.starts_with('|'))
        .flat_map(|l| l.split('`').skip(1).step_by(2))
        .collect()
}

/// Every row names a source; every source of a division is a key `NOTICE.md` describes, and every
/// source of a body starts with a publisher whose terms `NOTICE.md` states.
#[test]
fn every_row_has_a_source_whose_terms_the_notice_states() {
    let notice = include_str!("../gazetteers/NOTICE.md");
    let publishers = notice_publishers();
    assert!(publishers.len() > 20, "{publishers:?}");
    for (file, line, cells) in rows() {
        let sources = cells[11];
        assert!(!sources.trim().is_empty(), "{file}:{line}: no source");
        if file == "divisions.tsv" {
            for key in sources.split(';') {
                assert!(
                    notice.contains(&format!("`{key}`")),
                    "{file}:{line}: source key '{key}' has no line in NOTICE.md"
                );
            }
        } else {
            for item in source_items(sources) {
                assert!(
                    publishers.iter().any(|p| item.starts_with(p)),
                    "{file}:{line}: source '{item}' names no publisher of NOTICE.md's table"
                );
            }
        }
    }
}

/// The kinds of row that can contain a row of `kind`.
fn parent_kinds(kind: &str) -> &'static [&'static str] {
    match kind {
        "city" => &["province"],
        "county" => &["province", "provincial_city"],
        "historical_county" => &["province", "provincial_city", "historical_province"],
        "district" => &["province", "provincial_city", "city"],
        "party" => &["party"],
        "state" => &["state", "party"],
        "judicial" => &["state"],
        "mass_org" => &["party", "mass_org"],
        "military" => &["military", "state", "party"],
        "security" => &["security", "state", "party", "military"],
        "unit" => &["unit", "military", "security", "party", "state"],
        "media" | "company" => &["media", "party", "state", "military", "security"],
        _ => &[],
    }
}

#[test]
fn every_parent_and_successor_is_a_row_of_a_plausible_kind() {
    let rows = rows();
    let kind_of: HashMap<&str, &str> = rows.iter().map(|(_, _, c)| (c[0], c[2])).collect();
    for (file, line, cells) in &rows {
        let (id, kind, parent, successor) = (cells[0], cells[2], cells[4], cells[15]);
        if !parent.is_empty() {
            let parent_kind = kind_of.get(parent).copied();
            assert!(
                parent_kind.is_some_and(|k| parent_kinds(kind).contains(&k)),
                "{file}:{line}: {id} ({kind}) has parent {parent} ({parent_kind:?})"
            );
        }
        if !successor.is_empty() {
            assert!(successor != id, "{file}:{line}: {id} succeeds itself");
            assert!(
                kind_of.contains_key(successor),
                "{file}:{line}: no row {successor}"
            );
            assert!(
                !cells[14].is_empty(),
                "{file}:{line}: {id} has a successor but no valid_to"
            );
        }
    }
}

/// Dates: `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (`?` for an end not dated), and an end never before its
/// start. The loader checks the same for any file; this says it of the shipped data.
#[test]
fn every_valid_to_is_after_its_valid_from() {
    let date = |d: &str| -> Option<(u32, u32, u32)> {
        let parts: Vec<u32> = d
            .split('-')
            .map(|p| p.parse().ok())
            .collect::<Option<_>>()?;
        match parts[..] {
            [y] => Some((y, 0, 0)),
            [y, m] => Some((y, m, 0)),
            [y, m, d] => Some((y, m, d)),
            _ => None,
        }
    };
    let mut dated = 0;
    for (file, line, cells) in rows() {
        let (from, to) = (cells[13], cells[14]);
        let start = (!from.is_empty()).then(|| date(from).expect("valid_from is a date"));
        let end = (!to.is_empty() && to != "?").then(|| date(to).expect("valid_to is a date"));
        if let (Some(a), Some(b)) = (start, end) {
            // A year or month alone stands for all of it.
            let b = (
                b.0,
                if b.1 == 0 { 12 } else { b.1 },
                if b.2 == 0 { 31 } else { b.2 },
            );
            assert!(
                a <= b,
                "{file}:{line}: valid_to {to} before valid_from {from}"
            );
        }
        dated += usize::from(start.is_some() || end.is_some());
    }
    assert!(dated >= 20, "{dated} rows dated");
}

/// Two rows with the same label and a form in common (a written form, a Hangul form, a former name or
/// the name) must say so in a note: one of them names the form or the other row.
#[test]
fn rows_sharing_a_form_and_a_label_say_so_in_a_note() {
    let rows = rows();
    let mut owners: HashMap<(String, &str), Vec<usize>> = HashMap::new();
    for (index, (_, _, cells)) in rows.iter().enumerate() {
        let former = cells[7].split('|').map(|f| match f.rfind(" (") {
            Some(at) if f.ends_with(')') => &f[..at],
            _ => f,
        });
        let forms = cells[5]
            .split('|')
            .chain(cells[6].split('|'))
            .map(|f| f.split('{').next().unwrap_or(f))
            .chain(former)
            .chain([cells[3]])
            .filter(|f| !f.trim().is_empty());
        for form in forms {
            let slot = owners
                .entry((form.trim().to_lowercase(), cells[1]))
                .or_default();
            if !slot.contains(&index) {
                slot.push(index);
            }
        }
    }
    for ((form, label), indices) in owners {
        if indices.len() < 2 {
            continue;
        }
        let noted = indices.iter().any(|&i| {
            let note = rows[i].2[12].to_lowercase();
            note.contains(&form)
                || indices
                    .iter()
                    .any(|&j| j != i && note.contains(rows[j].2[0]))
        });
        let ids: Vec<&str> = indices.iter().map(|&i| rows[i].2[0]).collect();
        assert!(
            noted,
            "{label} form {form:?} is on {ids:?} with no note saying so"
        );
    }
}
