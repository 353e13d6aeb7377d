//! What the gazetteers know about a name: every entry a name or spelling matches, with the form that
//! matched and the variant rules that derived the name from it.
//!
//! This answers "which entries match 'Pochon'?" without reading the TSV files, and explains a span's
//! provenance before any text is annotated. It looks the name up among the automaton's own patterns, so it
//! sees exactly what extraction sees (user gazetteers included), but it weighs no context: a form that
//! needs North Korean context, or is also South Korean, is listed with the flags that say so.

use crate::boundary;
use crate::compile::{Compiled, Target};
use crate::entity::{Entity, Label, Status};
use crate::gazetteer::flag;
use crate::normalize::fold;
use crate::variants::{self, rule};

/// One way a name matches a gazetteer entry: see [`Extractor::lookup`](crate::Extractor::lookup).
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct Lookup<'a> {
    /// The entry.
    pub entity: &'a Entity,
    /// The label a span of this reading would get (a form may carry its own, "Unit 586{UNIT}").
    pub label: Option<Label>,
    /// The gazetteer form that matched, as written (what a span's `source.form` would say).
    pub form: &'a str,
    /// The variant rules, numbered as in `gazetteers/README.md`, that derive the name from the form; empty
    /// when the name is the form itself (up to folding: case, diacritics, apostrophe shapes, spaces).
    pub rules: Vec<&'static str>,
    /// The form's flags (`amb`, `nk`, `sk`, `case`, ...), and `former` for a former name.
    pub flags: Vec<&'static str>,
    /// The head word that followed the name and joins it ("County" in "Pochon County"), if any.
    pub head: Option<String>,
}

pub(crate) fn lookup<'a>(compiled: &'a Compiled, name: &str) -> Vec<Lookup<'a>> {
    let name = name.trim();
    let mut found = matches(compiled, name, None);
    if found.is_empty() {
        if let Some((at, status)) = boundary::any_head_at_end(name) {
            let head = name[at..].trim_start_matches([' ', '-']);
            found = matches(compiled, name[..at].trim_end(), Some((head, status)));
        }
    }
    found
}

/// A gazetteer spelling near a name that matches nothing: see
/// [`Extractor::suggest`](crate::Extractor::suggest).
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct Suggestion<'a> {
    /// The spelling, as the automaton holds it: folded and in lower case ("pyongyang").
    pub spelling: &'a str,
    /// How many edits (a letter inserted, deleted, replaced, or two neighbours swapped) turn the folded
    /// name into the spelling.
    pub edits: usize,
    /// What the spelling matches.
    pub found: Lookup<'a>,
}

/// The entries whose spellings are nearest to `name`, at most `limit` of them, nearest first: the
/// spellings within one edit of the folded name (two for a name of seven characters or more).
pub(crate) fn suggest<'a>(compiled: &'a Compiled, name: &str, limit: usize) -> Vec<Suggestion<'a>> {
    let wanted: Vec<char> = fold(name.trim()).to_ascii_lowercase().chars().collect();
    if wanted.is_empty() {
        return Vec::new();
    }
    let most = if wanted.len() >= 7 { 2 } else { 1 };
    let mut near: Vec<(usize, &str)> = compiled
        .keys
        .iter()
        .filter_map(|key| {
            let edits = edit_distance(&wanted, key, most)?;
            Some((edits, key.as_str()))
        })
        .collect();
    near.sort_unstable();
    let mut out: Vec<Suggestion<'a>> = Vec::new();
    for (edits, spelling) in near {
        for found in matches(compiled, spelling, None) {
            if out.len() == limit {
                return out;
            }
            if out.iter().all(|s| s.found.entity.id != found.entity.id) {
                out.push(Suggestion {
                    spelling,
                    edits,
                    found,
                });
            }
        }
    }
    out
}

/// The optimal-string-alignment distance between `a` and `b` (insertions, deletions, substitutions and
/// swaps of neighbours, counted in chars), or `None` when it is more than `most`.
fn edit_distance(a: &[char], b: &str, most: usize) -> Option<usize> {
    let b: Vec<char> = b.chars().collect();
    if a.len().abs_diff(b.len()) > most {
        return None;
    }
    // Three rows of the table: two back (for swaps), one back, and the current one.
    let mut before: Vec<usize> = vec![0; b.len() + 1];
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    let mut current = vec![0; b.len() + 1];
    for i in 1..=a.len() {
        current[0] = i;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut d = (previous[j] + 1)
                .min(current[j - 1] + 1)
                .min(previous[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(before[j - 2] + 1);
            }
            current[j] = d;
        }
        if current.iter().min().is_some_and(|&m| m > most) {
            return None;
        }
        std::mem::swap(&mut before, &mut previous);
        std::mem::swap(&mut previous, &mut current);
    }
    Some(previous[b.len()]).filter(|&d| d <= most)
}

fn matches<'a>(
    compiled: &'a Compiled,
    name: &str,
    head: Option<(&str, Status)>,
) -> Vec<Lookup<'a>> {
    let folded = fold(name);
    let key = folded.to_ascii_lowercase();
    let Some(slot) = compiled.keys.iter().position(|k| *k == key) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for reading in &compiled.patterns[slot] {
        let Target::Entity(index) = reading.target else {
            continue;
        };
        if reading.exact.as_deref().is_some_and(|e| e != folded) {
            continue;
        }
        let entity = &compiled.entities[index as usize];
        if let Some((_, status)) = head {
            if !entity.has_status(status) {
                continue;
            }
        }
        let form = &*entity.forms[reading.form as usize];
        let place = entity.entity.label.is_some_and(Label::is_place);
        let rules = if !reading.generated {
            Vec::new()
        } else if reading.hangul {
            hangul_rules(form, &key, reading.flags)
        } else {
            variants::latin_explained(form, place)
                .into_iter()
                .find(|(v, _)| fold(v).to_ascii_lowercase() == key)
                .map(|(_, rules)| rules)
                .unwrap_or_default()
        };
        let mut flags: Vec<&'static str> = flag::NAMES
            .iter()
            .filter(|(_, bit)| reading.flags & bit != 0)
            .map(|&(name, _)| name)
            .collect();
        if reading.former {
            flags.push("former");
        }
        out.push(Lookup {
            entity: &entity.entity,
            label: reading.label.or(entity.entity.label),
            form,
            rules,
            flags,
            head: head.map(|(h, _)| h.to_string()),
        });
    }
    out
}

fn hangul_rules(form: &str, key: &str, flags: u32) -> Vec<&'static str> {
    let stem = variants::split_hangul_suffix(form).map_or(form, |(stem, _)| stem);
    let short = variants::short_province(stem);
    if flags & flag::BARE == 0 && short.as_ref().is_some_and(|s| key == format!("{s}도")) {
        return vec![rule::SHORT_PROVINCE];
    }
    if flags & flag::BARE == 0 {
        return vec![if variants::is_hangul_initial_sound(form, key) {
            rule::HANGUL_INITIAL
        } else {
            rule::CITY_SUFFIX
        }];
    }
    if short.is_some_and(|s| s == key) {
        vec![rule::SHORT_PROVINCE]
    } else if variants::is_hangul_initial_sound(stem, key) {
        vec![rule::BARE_STEM, rule::HANGUL_INITIAL]
    } else {
        vec![rule::BARE_STEM]
    }
}

#[cfg(test)]
mod tests {
    use super::{lookup, suggest};
    use crate::compile::builtin;

    /// Name, entity id, form, rules, head word.
    type Case = (
        &'static str,
        &'static str,
        &'static str,
        &'static [&'static str],
        Option<&'static str>,
    );

    #[test]
    fn names_are_explained_by_form_and_rule() {
        let cases: &[Case] = &[
            ("Hyesan", "kp-ryanggang-hyesan", "Hyesan", &[], None),
            ("hyesan", "kp-ryanggang-hyesan", "Hyesan", &[], None),
            ("Nason", "kp-rason", "Rason", &["3: initial sound"], None),
            (
                "Phyongyang",
                "kp-pyongyang",
                "P'yŏngyang",
                &["2: p' t' k' → ph th kh"],
                None,
            ),
            (
                "P'yeongyang",
                "kp-pyongyang",
                "P'yŏngyang",
                &["1: ŏ → eo, ŭ → eu"],
                None,
            ),
            (
                "Ryongsong District",
                "kp-pyongyang-ryongsong-district",
                "Ryongsong",
                &[],
                Some("District"),
            ),
            (
                "Pochon County",
                "kp-ryanggang-pochon-county",
                "Pochon",
                &[],
                Some("County"),
            ),
            (
                "혜산",
                "kp-ryanggang-hyesan",
                "혜산시",
                &["5: bare stem"],
                None,
            ),
            (
                "나선",
                "kp-rason",
                "라선특별시",
                &["5: bare stem", "5: initial sound"],
                None,
            ),
            (
                "용성구역",
                "kp-pyongyang-ryongsong-district",
                "룡성구역",
                &["5: initial sound"],
                None,
            ),
        ];
        for &(name, id, form, rules, head) in cases {
            let found = lookup(builtin(), name);
            let hit = found
                .iter()
                .find(|l| l.entity.id == id)
                .unwrap_or_else(|| panic!("{name}: no {id} in {found:?}"));
            assert_eq!(hit.form, form, "{name}");
            assert_eq!(hit.rules, rules, "{name}");
            assert_eq!(hit.head.as_deref(), head, "{name}");
        }
    }

    #[test]
    fn misspellings_get_the_nearest_entries() {
        // `nkner lookup`'s tests go through the misspellings a user reported; these are the edits.
        let cases = [
            ("Pyongayng", "kp-pyongyang"),
            ("Hamgyong-bukdo", "kp-north-hamgyong"),
            ("혜사시", "kp-ryanggang-hyesan"),
        ];
        for (name, id) in cases {
            assert!(lookup(builtin(), name).is_empty(), "{name} matches");
            let near = suggest(builtin(), name, 5);
            assert!(
                near.iter().any(|s| s.found.entity.id == id),
                "{name}: no {id} in {near:?}"
            );
            assert!(
                near.len() <= 5 && near.iter().all(|s| s.edits <= 2),
                "{near:?}"
            );
        }
        assert!(suggest(builtin(), "Atlantis", 5).is_empty());
        assert!(suggest(builtin(), "", 5).is_empty());
    }

    #[test]
    fn edit_distance_counts_swaps_as_one() {
        let d = |a: &str, b: &str| super::edit_distance(&a.chars().collect::<Vec<_>>(), b, 3);
        assert_eq!(d("pyongayng", "pyongyang"), Some(1));
        assert_eq!(d("wonson", "wonsan"), Some(1));
        assert_eq!(d("kangye", "kanggye"), Some(1));
        assert_eq!(d("혜산", "혜산시"), Some(1));
        assert_eq!(d("abc", "abc"), Some(0));
        assert_eq!(d("abcdefgh", "a"), None);
    }

    #[test]
    fn flags_case_and_unknown_names() {
        let found = lookup(builtin(), "Pochon");
        assert!(found.iter().any(|l| l.flags.contains(&"amb")), "{found:?}");
        assert!(lookup(builtin(), "mss").is_empty());
        assert!(!lookup(builtin(), "MSS").is_empty());
        assert!(lookup(builtin(), "Atlantis").is_empty());
        assert!(lookup(builtin(), "").is_empty());
        // A head word joins only where the place has that status.
        assert!(lookup(builtin(), "Hyesan Province").is_empty());
    }
}
