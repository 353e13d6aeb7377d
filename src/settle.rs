//! Stage 5, after resolution: what the winners of the overlaps say about each other.
//!
//! Nested and juxtaposed bodies are joined (`nested`), names shared by several entries are settled by
//! the places named around them (`homonyms`), a plural head after a coordination gives its status to
//! the names before it, and historical provinces lose their link. Each step reads the accepted
//! candidates in text order and the gazetteer's parent links, nothing else.

use crate::boundary;
use crate::candidate::Candidate;
use crate::compile::Compiled;
use crate::entity::{EntityKind, Label};
use crate::gazetteer::flag;
use crate::homonyms;
use crate::nested;
use crate::normalize::LineBreak;

/// Stage 5b over `accepted`, the candidates that won their overlaps, in text order; `line_breaks` are
/// the folded text's.
pub(crate) fn settle(
    f: &str,
    line_breaks: &[LineBreak],
    compiled: &Compiled,
    accepted: &mut Vec<Candidate>,
) {
    let is_ancestor = |a: u32, b: u32| compiled.is_ancestor(a, b);
    let parent = |e: u32| compiled.entities[e as usize].parent_index;
    let siblings = |a: u32, b: u32| parent(a).is_some() && parent(a) == parent(b);
    let line_break_at = |at: usize| line_breaks.binary_search_by_key(&at, |b| b.at).is_ok();
    // The Party's bodies and the offices under them (Room 39 under its Central Committee), not the
    // army's (the General Political Bureau, under the KPA, which is under the Party's commission).
    let in_party = |e: u32| {
        let mut at = Some(e);
        while let Some(i) = at {
            let entity = &compiled.entities[i as usize];
            match entity.entity.kind {
                EntityKind::Party => return true,
                EntityKind::Military => return false,
                _ => at = entity.parent_index,
            }
        }
        false
    };
    nested::join(f, accepted, is_ancestor, siblings, in_party, line_break_at);
    homonyms::settle(f, accepted, is_ancestor, |e| {
        compiled.entities[e as usize].entity.label
    });
    settle_coordinations(f, compiled, accepted);
    license_bare_after_head(accepted);
    unlink_historical_divisions(compiled, accepted);
}

/// A name that is a place only with its head word stands bare once the document has named that place
/// with it ("Kŭmgang County ... Kŭmgang lies north of"): one sense per discourse, as rule 18 lets a
/// Hangul stem stand after its suffixed form. Not a person's name: "Kim Jong Suk" alone stays the
/// person (rule 10).
fn license_bare_after_head(accepted: &mut [Candidate]) {
    // Most texts have no bare name waiting for its head word.
    if !accepted.iter().any(|c| c.pending) {
        return;
    }
    let mut named: Vec<u32> = Vec::new();
    for c in accepted.iter_mut() {
        let Some(entity) = c.entity else { continue };
        if c.pending && c.flags & flag::PERSON == 0 && named.contains(&entity) {
            c.pending = false;
        } else if c.has_head && !c.pending && !named.contains(&entity) {
            named.push(entity);
        }
    }
}

/// A historical province (Hwanghae, the Hamgyong provinces as a whole) or a county of the past (청성군)
/// is a span that no division of today stands for: it has no link (rules 28 and 29f).
fn unlink_historical_divisions(compiled: &Compiled, accepted: &mut [Candidate]) {
    let entities = &compiled.entities;
    for c in accepted.iter_mut() {
        if c.entity
            .is_some_and(|e| entities[e as usize].entity.kind.is_historical())
        {
            c.entity = None;
        }
    }
}

/// A plural head after a coordination gives its status to the names before it ("Pochon and Samsu
/// counties"), and lets a person-derived place name stand without its own head (rule 10).
fn settle_coordinations(f: &str, compiled: &Compiled, accepted: &mut [Candidate]) {
    let is_place = |c: &Candidate| c.label.is_some_and(Label::is_place);
    let mut i = 0;
    while i < accepted.len() {
        if !is_place(&accepted[i]) {
            i += 1;
            continue;
        }
        let mut j = i;
        while j + 1 < accepted.len()
            && is_place(&accepted[j + 1])
            && boundary::is_connector(f, accepted[j].end, accepted[j + 1].start)
        {
            j += 1;
        }
        if let Some(status) = boundary::plural_head_after(f, accepted[j].end) {
            for c in &mut accepted[i..=j] {
                c.pending = false;
                let Some(entity) = c.entity else { continue };
                if !c.has_head && compiled.entities[entity as usize].has_status(status) {
                    c.label = Some(status.label());
                }
            }
        }
        i = j + 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compile::builtin;

    /// A candidate for `name` at its first occurrence in `f`, read as entry `id` with `label`.
    fn read(f: &str, name: &str, id: &str, label: Label) -> Candidate {
        let start = f.find(name).unwrap();
        let entity = builtin().by_id[id];
        Candidate::entity(start, start + name.len(), Some(label), entity, 0)
    }

    #[test]
    fn a_plural_head_gives_its_status_to_every_coordinated_place_before_it() {
        let f = "Floods hit Pochon, Samsu and Hyesan counties.";
        let mut accepted = vec![
            // Read without its head, as the city it is not: the plural head says which it is.
            read(f, "Pochon", "kp-ryanggang-pochon-county", Label::City),
            read(f, "Samsu", "kp-ryanggang-samsu-county", Label::County),
            read(f, "Hyesan", "kp-ryanggang-hyesan", Label::City),
        ];
        accepted[1].pending = true;
        settle_coordinations(f, builtin(), &mut accepted);
        let got: Vec<_> = accepted.iter().map(|c| (c.label, c.pending)).collect();
        // Hyesan has never been a county: its own label stands.
        assert_eq!(
            got,
            [
                (Some(Label::County), false),
                (Some(Label::County), false),
                (Some(Label::City), false)
            ]
        );
    }

    #[test]
    fn a_place_outside_the_coordination_keeps_what_it_was() {
        let f = "Samsu was calm; Pochon and Hyesan counties were not.";
        let mut accepted = vec![read(f, "Samsu", "kp-ryanggang-samsu-county", Label::County)];
        accepted[0].pending = true;
        settle_coordinations(f, builtin(), &mut accepted);
        assert!(accepted[0].pending);
    }

    #[test]
    fn a_name_that_needs_its_head_stands_bare_after_the_document_named_it_with_it() {
        let f =
            "Kumgang County lies north. Kumgang is quiet; Kim Jong Suk County and Kim Jong Suk.";
        let county = "kp-kangwon-kumgang-county";
        let person = "kp-ryanggang-kimjongsuk-county";
        // A county named with its head word, and a bare mention of it at `at`, waiting for a head.
        let named_then_bare = |name: &str, id: &str, at: usize| {
            let mut named = read(f, &format!("{name} County"), id, Label::County);
            named.has_head = true;
            let mut bare = read(&f[at..], name, id, Label::County);
            (bare.start, bare.end) = (bare.start + at, bare.end + at);
            bare.pending = true;
            (named, bare)
        };
        let (named, bare) = named_then_bare("Kumgang", county, f.find(". Kumgang").unwrap() + 2);
        let (person_named, mut person_bare) =
            named_then_bare("Kim Jong Suk", person, f.rfind("Kim Jong Suk").unwrap());
        person_bare.flags |= flag::PERSON;
        // Before its head-word mention, the bare name still waits.
        let mut early = vec![bare.clone(), named.clone()];
        license_bare_after_head(&mut early);
        assert!(early[0].pending);
        let mut accepted = vec![named, bare, person_named, person_bare];
        license_bare_after_head(&mut accepted);
        let pending: Vec<_> = accepted.iter().map(|c| c.pending).collect();
        assert_eq!(pending, [false, false, false, true]);
    }

    #[test]
    fn a_historical_province_or_county_keeps_its_span_and_loses_its_link() {
        let f = "Hwanghae, Hyesan and 청성군.";
        let mut accepted = vec![
            read(f, "Hwanghae", "kp-hist-hwanghae", Label::Province),
            read(f, "Hyesan", "kp-ryanggang-hyesan", Label::City),
            read(f, "청성군", "kp-hist-cheongseong-county", Label::County),
        ];
        settle(f, &[], builtin(), &mut accepted);
        let got: Vec<_> = accepted
            .iter()
            .map(|c| (c.label, c.entity.is_some()))
            .collect();
        assert_eq!(
            got,
            [
                (Some(Label::Province), false),
                (Some(Label::City), true),
                (Some(Label::County), false)
            ]
        );
    }
}
