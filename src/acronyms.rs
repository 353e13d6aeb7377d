//! Acronyms the document defines ("Ministry of Social Security (MSS)"): they take that meaning from the
//! definition on, and one the gazetteer lacks is found in the rest of the document too (rule 6).

use std::collections::HashMap;

use crate::candidate::{Candidate, Origin};
use crate::candidates::word_ok;
use crate::compile::Compiled;
use crate::entity::Label;

/// Acronyms the document defines ("Ministry of Social Security (MSS)") take that meaning from there
/// on; an acronym the gazetteer lacks is found in the rest of the document too.
pub(crate) fn apply_definitions(f: &str, compiled: &Compiled, candidates: &mut Vec<Candidate>) {
    let mut defined: HashMap<&str, (u32, usize)> = HashMap::new();
    for c in candidates.iter_mut() {
        let text = &f[c.start..c.end];
        if let Some(&(entity, _)) = defined.get(text) {
            // "Central Committee of the Workers' Party of Korea (WPK)": the acronym names the
            // parent at the end of the nested name, which is what it already reads as; "United
            // Front Department of the Workers' Party of Korea (UFD)": it names the child at its head.
            let nested = c.entity.is_some_and(|e| {
                compiled.is_ancestor(e, entity) || compiled.is_ancestor(entity, e)
            });
            if c.entity != Some(entity) && !nested {
                c.entity = Some(entity);
                c.candidates.clear();
                c.ambiguous = false;
                c.label = compiled.entities[entity as usize].entity.label;
                c.origin = Origin::Acronym;
            }
        }
        if let (Some(entity), Some(Label::Agency | Label::Unit)) = (c.entity, c.label) {
            if let Some((acronym, at)) = parenthesized_acronym(f, c.end) {
                defined.insert(acronym, (entity, at));
            }
        }
    }
    candidates.retain(|c| c.entity.is_some() || !c.candidates.is_empty() || c.origin.is_rule());
    if defined.is_empty() {
        return;
    }
    // Sorted, so that a binary search finds whether a span is already a candidate.
    let mut known: Vec<(usize, usize)> = candidates.iter().map(|c| (c.start, c.end)).collect();
    known.sort_unstable();
    let found = |start: usize, end: usize, candidates: &mut Vec<Candidate>| {
        let Some(&(entity, from)) = defined.get(&f[start..end]) else {
            return;
        };
        if start >= from
            && word_ok(f, start, end, false)
            && known.binary_search(&(start, end)).is_err()
        {
            let label = compiled.entities[entity as usize].entity.label;
            let mut c = Candidate::entity(start, end, label, entity, 0);
            c.origin = Origin::Acronym;
            candidates.push(c);
        }
    };
    let bytes = f.as_bytes();
    if defined.len() <= FEW {
        // A few acronyms: each is looked for on its own, at memchr's speed.
        for acronym in defined.keys() {
            for start in memchr::memmem::find_iter(bytes, acronym.as_bytes()) {
                found(start, start + acronym.len(), candidates);
            }
        }
        return;
    }
    // An acronym is a run of ASCII letters and digits: one pass over the runs finds every defined
    // acronym, however many the document defines.
    let mut at = 0;
    while at < bytes.len() {
        if !bytes[at].is_ascii_alphanumeric() {
            at += 1;
            continue;
        }
        let start = at;
        while at < bytes.len() && bytes[at].is_ascii_alphanumeric() {
            at += 1;
        }
        found(start, at, candidates);
    }
}

/// Up to this many defined acronyms, each is searched for on its own; more, and one pass over the words
/// looks them all up.
const FEW: usize = 4;

/// An acronym in parentheses right after `at`: " (MSS)". Returns it and where it starts.
fn parenthesized_acronym(f: &str, at: usize) -> Option<(&str, usize)> {
    let rest = f[at..].strip_prefix(" (")?;
    // An acronym is at most eight bytes: look no further for its closing parenthesis.
    let close = memchr::memchr(b')', &rest.as_bytes()[..rest.len().min(9)])?;
    let acronym = &rest[..close];
    let capitals = acronym.chars().filter(char::is_ascii_uppercase).count();
    let shaped = (2..=8).contains(&acronym.len())
        && capitals >= 2
        && acronym.chars().all(|c| c.is_ascii_alphanumeric())
        && acronym.starts_with(|c: char| c.is_ascii_uppercase());
    shaped.then_some((acronym, at + 2))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The built-in entry `id`'s index.
    fn entry(id: &str) -> u32 {
        crate::compile::builtin().by_id[id]
    }

    /// A candidate for the built-in body `id` at `start..end`, read as its form 0.
    fn agency(start: usize, end: usize, id: &str) -> Candidate {
        Candidate::entity(start, end, Some(Label::Agency), entry(id), 0)
    }

    /// The candidates after `apply_definitions`, as (text, entity id, whether read as an acronym).
    fn applied(f: &str, mut candidates: Vec<Candidate>) -> Vec<(&str, Option<String>, bool)> {
        let compiled = crate::compile::builtin();
        apply_definitions(f, compiled, &mut candidates);
        candidates.sort_by_key(|c| c.start);
        let id = |e: u32| compiled.entities[e as usize].id.to_string();
        candidates
            .iter()
            .map(|c| {
                (
                    &f[c.start..c.end],
                    c.entity.map(id),
                    c.origin == Origin::Acronym,
                )
            })
            .collect()
    }

    #[test]
    fn a_defined_acronym_takes_the_meaning_of_its_definition_from_there_on() {
        // The gazetteer reads MSS as the Ministry of State Security; here it is defined otherwise.
        let f = "MSS agents. The Ministry of Social Security (MSS) said the MSS would act.";
        let at = |s: &str, from: usize| from + f[from..].find(s).unwrap();
        let ministry = at("Ministry", 0);
        let defined = at("MSS", ministry);
        let out = applied(
            f,
            vec![
                agency(0, 3, "mss"),
                agency(ministry, ministry + 27, "mosocsec"),
                agency(defined, defined + 3, "mss"),
            ],
        );
        let social = Some("mosocsec".to_string());
        assert_eq!(
            out,
            [
                ("MSS", Some("mss".to_string()), false),
                ("Ministry of Social Security", social.clone(), false),
                ("MSS", social.clone(), true),
                ("MSS", social, true),
            ]
        );
    }

    #[test]
    fn a_match_with_only_secondary_readings_stays_only_where_the_document_defines_it() {
        let f = "The Ministry of Social Security (MSS). MoSS and MSS.";
        let defined = f.find("MSS").unwrap();
        let moss = f.find("MoSS").unwrap();
        let later = f.rfind("MSS").unwrap();
        let out = applied(
            f,
            vec![
                agency(4, 31, "mosocsec"),
                agency(defined, defined + 3, "mss"),
                Candidate::secondary_only(moss, moss + 4, entry("mosocsec")),
                Candidate::secondary_only(later, later + 3, entry("mss")),
            ],
        );
        let social = Some("mosocsec".to_string());
        assert_eq!(
            out,
            [
                ("Ministry of Social Security", social.clone(), false),
                ("MSS", social.clone(), true),
                ("MSS", social, true),
            ]
        );
    }

    #[test]
    fn every_defined_acronym_is_found_after_its_definition_however_many() {
        // Below and above FEW, the two ways of looking for them.
        let bodies = ["mss", "mosocsec", "mss", "mosocsec", "mss", "mosocsec"];
        let acronyms = ["AB", "CD", "EF", "GH", "IJ", "KL"];
        for n in 1..=bodies.len() {
            let mut f = String::new();
            let mut candidates = Vec::new();
            for (body, acronym) in bodies.iter().zip(acronyms).take(n) {
                let start = f.len();
                f.push_str("Body ");
                candidates.push(agency(start, start + 4, body));
                f.push_str(&format!("({acronym}) and "));
            }
            // Before its definition an acronym is not yet one, inside a word never.
            let mut expected = 2 * n;
            for acronym in &acronyms[..n] {
                f.push_str(&format!("{acronym} X{acronym} "));
                expected += 1;
            }
            let f = format!("{} {f}", acronyms[0]);
            let candidates = candidates
                .into_iter()
                .map(|mut c| {
                    c.start += acronyms[0].len() + 1;
                    c.end += acronyms[0].len() + 1;
                    c
                })
                .collect();
            let out = applied(&f, candidates);
            assert_eq!(out.len(), expected, "{n} acronyms: {out:?}");
            for (body, acronym) in bodies.iter().zip(acronyms).take(n) {
                let found: Vec<_> = out.iter().filter(|(t, _, _)| *t == acronym).collect();
                assert_eq!(found.len(), 2, "{acronym} in {f:?}");
                assert!(found
                    .iter()
                    .all(|(_, id, acronym)| id.as_deref() == Some(*body) && *acronym));
            }
        }
    }

    #[test]
    fn an_acronym_read_as_its_definition_already_keeps_its_gazetteer_source() {
        let f = "The Ministry of State Security (MSS) said the MSS would act.";
        let defined = f.find("MSS").unwrap();
        let later = f.rfind("MSS").unwrap();
        let out = applied(
            f,
            vec![
                agency(4, 30, "mss"),
                agency(defined, defined + 3, "mss"),
                agency(later, later + 3, "mss"),
            ],
        );
        assert!(out.iter().all(|&(_, _, acronym)| !acronym), "{out:?}");
    }

    #[test]
    fn an_acronym_of_the_parent_at_the_end_of_a_nested_name_keeps_naming_the_parent() {
        // The definition's span is the Central Committee; the acronym names the party at its end.
        let f = "The Central Committee of the Workers' Party of Korea (WPK) met; the WPK said so.";
        let committee = f.find("Central").unwrap();
        let end = f.find(" (WPK)").unwrap();
        let later = f.rfind("WPK").unwrap();
        let out = applied(
            f,
            vec![
                agency(committee, end, "wpk_cc"),
                agency(end + 2, end + 5, "wpk"),
                agency(later, later + 3, "wpk"),
            ],
        );
        let wpk: Vec<_> = out.iter().filter(|(t, _, _)| *t == "WPK").collect();
        assert!(!wpk.is_empty(), "{out:?}");
        assert!(
            wpk.iter().all(|(_, id, _)| id.as_deref() == Some("wpk")),
            "{out:?}"
        );
    }

    #[test]
    fn a_shared_name_without_a_link_yet_is_left_to_the_later_stages() {
        let f = "Kangso and the Ministry of State Security (MSS).";
        let mut shared = Candidate::secondary_only(0, 6, entry("mss"));
        shared.label = Some(Label::District);
        shared.candidates = vec![entry("mss"), entry("mosocsec")];
        let ministry = f.find("Ministry").unwrap();
        let out = applied(f, vec![shared, agency(ministry, ministry + 26, "mss")]);
        // The shared name, the ministry, and the acronym the text defines.
        assert_eq!(out.len(), 3, "{out:?}");
        assert_eq!(out[0], ("Kangso", None, false));
    }

    #[test]
    fn many_acronyms_are_found_up_to_the_last_byte_of_the_text() {
        let bodies = ["mss", "mosocsec", "mss", "mosocsec", "mss"];
        let acronyms = ["AB", "CD", "EF", "GH", "IJ"];
        let mut f = String::new();
        let mut candidates = Vec::new();
        for (body, acronym) in bodies.iter().zip(acronyms) {
            candidates.push(agency(f.len(), f.len() + 4, body));
            f.push_str(&format!("Body ({acronym}) and "));
        }
        f.push_str("IJ");
        let out = applied(&f, candidates);
        assert_eq!(out.last().unwrap().0, "IJ", "{out:?}");
    }

    #[test]
    fn an_acronym_is_two_to_eight_letters_or_digits_with_two_capitals_in_parentheses() {
        let f = |rest: &str| parenthesized_acronym(rest, 0).map(|(a, at)| (a.to_string(), at));
        assert_eq!(f(" (MSS) said"), Some(("MSS".to_string(), 2)));
        assert_eq!(f(" (APT38)"), Some(("APT38".to_string(), 2)));
        assert_eq!(f(" (MoSS)"), Some(("MoSS".to_string(), 2)));
        for no in [
            " (Mss)",
            " (M)",
            " (ABCDEFGHI)",
            "(MSS)",
            " (mSS)",
            " (M-SS)",
            " (MSS",
            "",
        ] {
            assert_eq!(f(no), None, "{no:?}");
        }
    }
}
