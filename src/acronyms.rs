//! Acronyms the document defines ("Ministry of Social Security (MSS)"): they take that meaning from the
//! definition on, and one the gazetteer lacks is found in the rest of the document too (rule 6).

use std::collections::HashMap;

use crate::candidate::{Candidate, Origin};
use crate::candidates::word_ok;
use crate::entity::Label;
use crate::extractor::Extractor;

impl Extractor {
    /// Acronyms the document defines ("Ministry of Social Security (MSS)") take that meaning from there
    /// on; an acronym the gazetteer lacks is found in the rest of the document too.
    pub(crate) fn apply_definitions(&self, f: &str, candidates: &mut Vec<Candidate>) {
        let mut defined: HashMap<&str, (u32, usize)> = HashMap::new();
        for c in candidates.iter_mut() {
            let text = &f[c.start..c.end];
            if let Some(&(entity, _)) = defined.get(text) {
                // "Central Committee of the Workers' Party of Korea (WPK)": the acronym names the
                // parent at the end of the nested name, which is what it already reads as.
                let names_parent = c.entity.is_some_and(|e| self.is_ancestor(e, entity));
                if c.entity != Some(entity) && !names_parent {
                    c.entity = Some(entity);
                    c.candidates.clear();
                    c.ambiguous = false;
                    c.label = self.compiled.entities[entity as usize].entity.label;
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
                let label = self.compiled.entities[entity as usize].entity.label;
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
