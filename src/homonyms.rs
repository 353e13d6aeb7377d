//! Names shared by several entries, settled by the text (ANNOTATION rule 15; issue: Unsan, Hwasong).
//!
//! Two North Korean counties are called Unsan; Hwasong is a ward of Pyongyang today and was the name of
//! Myonggan County until 2005. A span of such a name takes the entry the text points to, in this order:
//!
//! 1. the province or city named right after it ("Unsan County, North Pyongan Province");
//! 2. a province or city named elsewhere in the document that holds exactly one of the entries;
//! 3. the one entry that bears the name today, where the others only bore it once (rule 15: the
//!    National Defence Commission links to its own row, not to the State Affairs Commission that
//!    replaced it), chosen when the candidate was built.
//!
//! Where nothing decides, the span keeps a null `kb_id` and lists its candidates. A name with one entry
//! that is written right before a province it does not lie in ("Musan, South Pyongan") is flagged
//! `ambiguous`.

use crate::candidate::Candidate;
use crate::entity::Label;
use crate::gazetteer::flag;

/// Settles shared names in `accepted` (sorted, not overlapping). `is_ancestor(a, b)` says whether entity
/// `a` is `b` or contains it; `label_of(e)` is an entity's own label.
pub(crate) fn settle(
    f: &str,
    accepted: &mut [Candidate],
    is_ancestor: impl Fn(u32, u32) -> bool,
    label_of: impl Fn(u32) -> Option<Label>,
) {
    if accepted.len() < 2 && accepted.iter().all(|c| c.candidates.is_empty()) {
        return;
    }
    let places = named_places(accepted);
    for i in 0..accepted.len() {
        if !is_place(&accepted[i]) {
            continue;
        }
        let around = Around::of(f, accepted, i);
        let c = &mut accepted[i];
        if c.candidates.is_empty() {
            settle_linked(c, &around, &is_ancestor);
        } else {
            choose_entry(c, &around, &places, &is_ancestor, &label_of);
        }
    }
    for c in accepted.iter_mut() {
        if c.entity.is_some() && !c.candidates.is_empty() {
            c.candidates.clear();
            c.ambiguous = c.flags & (flag::AMB | flag::SK) != 0;
        }
    }
}

fn is_place(c: &Candidate) -> bool {
    c.label.is_some_and(Label::is_place)
}

/// The places the document names unambiguously, each once: every shared name looks through them, so a
/// long document naming the same places again and again must not make that quadratic. Only a shared
/// name needs them.
fn named_places(accepted: &[Candidate]) -> Vec<u32> {
    let mut places: Vec<u32> = Vec::new();
    if accepted.iter().any(|c| !c.candidates.is_empty()) {
        places.extend(
            accepted
                .iter()
                .filter(|c| is_place(c) && c.candidates.is_empty())
                .filter_map(|c| c.entity),
        );
        places.sort_unstable();
        places.dedup();
    }
    places
}

/// The places right around a place that say where it is.
struct Around {
    /// The place right after it, in words that locate it ("Hwasong, North Hamgyong").
    next_place: Option<u32>,
    /// The same, where it is a province.
    next_province: Option<u32>,
    /// A city written right before a ward, as Korean writes a ward with its city (함흥시 룡성구역).
    prev_city: Option<u32>,
    /// The city a ward is said to be of or in, after it, or the one before it.
    city: Option<u32>,
}

impl Around {
    fn of(f: &str, accepted: &[Candidate], i: usize) -> Around {
        let c = &accepted[i];
        let next = accepted
            .get(i + 1)
            .filter(|n| is_place(n) && n.candidates.is_empty() && locates(&f[c.end..n.start]));
        // Only a ward, or a name shared by several entries, looks for a city around it.
        let looks = c.label == Some(Label::District) || !c.candidates.is_empty();
        let prev_city = i
            .checked_sub(1)
            .filter(|_| looks)
            .map(|p| &accepted[p])
            .filter(|p| {
                p.label == Some(Label::City)
                    && p.candidates.is_empty()
                    && locates_after(&f[p.end..c.start])
            })
            .and_then(|p| p.entity);
        // Only words that say where the ward is: in a list ("Sunan District, Hamhung and ...") the city
        // after it is the next item.
        let city = next
            .filter(|n| {
                n.label == Some(Label::City)
                    && matches!(&f[c.end..n.start], " of " | " in " | ", in ")
            })
            .and_then(|n| n.entity)
            .or(prev_city);
        Around {
            next_place: next.and_then(|n| n.entity),
            next_province: next
                .filter(|n| n.label == Some(Label::Province))
                .and_then(|n| n.entity),
            prev_city,
            city,
        }
    }
}

/// A place with one entry: flagged where the province after it is not its own, unlinked where a ward
/// is said to be of a city that the gazetteer does not list it under ("Ryongsong District of Hamhung":
/// that city's ward, which has no entry, not the namesake elsewhere; rules 15 and 29f).
fn settle_linked(c: &mut Candidate, around: &Around, is_ancestor: impl Fn(u32, u32) -> bool) {
    if let (Some(e), Some(province)) = (c.entity, around.next_province) {
        if !is_ancestor(province, e) && !is_ancestor(e, province) {
            c.ambiguous = true;
        }
    }
    if let (Some(e), Some(city)) = (c.entity, around.city) {
        if c.label == Some(Label::District) && !is_ancestor(city, e) {
            c.entity = None;
            c.ambiguous = false;
        }
    }
}

/// A name shared by several entries takes the one inside the place named right around it, or else the
/// one inside the places the document names, where exactly one is.
fn choose_entry(
    c: &mut Candidate,
    around: &Around,
    places: &[u32],
    is_ancestor: impl Fn(u32, u32) -> bool,
    label_of: impl Fn(u32) -> Option<Label>,
) {
    let within = |region: u32| -> Vec<u32> {
        c.candidates
            .iter()
            .copied()
            .filter(|&k| k != region && is_ancestor(region, k))
            .collect()
    };
    let mut chosen = around
        .next_place
        .or(around.prev_city)
        .map(within)
        .filter(|k| k.len() == 1);
    if chosen.is_none() {
        let mut held: Vec<u32> = places.iter().flat_map(|&q| within(q)).collect();
        held.sort_unstable();
        held.dedup();
        chosen = Some(held).filter(|k| k.len() == 1);
    }
    if let Some(k) = chosen.map(|k| k[0]) {
        if c.entity != Some(k) && !c.has_head {
            c.label = label_of(k).or(c.label);
        }
        c.entity = Some(k);
    }
    if c.entity.is_some() {
        c.candidates.clear();
        c.ambiguous = c.flags & (flag::AMB | flag::SK) != 0;
    }
}

/// Whether the text between a city and the ward after it makes the city locate the ward: 함흥시 룡성구역,
/// "Hamhung's Ryongsong District".
fn locates_after(gap: &str) -> bool {
    matches!(gap, " " | "'s ")
}

/// Whether the text between a place and the next one makes the second locate the first: "Unsan
/// County, North Pyongan Province", "Hwasong in North Hamgyong".
fn locates(gap: &str) -> bool {
    matches!(gap, ", " | " in " | ", in " | " of " | " (" | " ")
}
