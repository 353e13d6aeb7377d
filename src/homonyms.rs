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
    let is_place = |c: &Candidate| c.label.is_some_and(Label::is_place);
    if accepted.len() < 2 && accepted.iter().all(|c| c.candidates.is_empty()) {
        return;
    }
    // Each place once: every shared name looks through them, so a long document naming the same places
    // again and again must not make that quadratic. Only a shared name needs them.
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
    for i in 0..accepted.len() {
        let next = accepted.get(i + 1).filter(|n| {
            is_place(n) && n.candidates.is_empty() && locates(&f[accepted[i].end..n.start])
        });
        let next_place = next.and_then(|n| n.entity);
        let next_province = next
            .filter(|n| n.label == Some(Label::Province))
            .and_then(|n| n.entity);
        if !is_place(&accepted[i]) {
            continue;
        }
        // Only a ward, or a name shared by several entries, looks for a city around it.
        let looks =
            accepted[i].label == Some(Label::District) || !accepted[i].candidates.is_empty();
        // A city written right before a ward, as Korean writes a ward with its city (함흥시 룡성구역).
        let prev_city = i
            .checked_sub(1)
            .filter(|_| looks)
            .map(|p| &accepted[p])
            .filter(|p| {
                p.label == Some(Label::City)
                    && p.candidates.is_empty()
                    && locates_after(&f[p.end..accepted[i].start])
            })
            .and_then(|p| p.entity);
        // Only words that say where the ward is: in a list ("Sunan District, Hamhung and ...") the city
        // after it is the next item.
        let city = next
            .filter(|n| {
                n.label == Some(Label::City)
                    && matches!(&f[accepted[i].end..n.start], " of " | " in " | ", in ")
            })
            .and_then(|n| n.entity)
            .or(prev_city);
        let c = &mut accepted[i];
        if c.candidates.is_empty() {
            if let (Some(e), Some(province)) = (c.entity, next_province) {
                if !is_ancestor(province, e) && !is_ancestor(e, province) {
                    c.ambiguous = true;
                }
            }
            // A ward of a city that the gazetteer does not list under that city ("Ryongsong District
            // of Hamhung"): that city's ward, which has no entry, not the namesake elsewhere (rules
            // 15 and 29f).
            if let (Some(e), Some(city)) = (c.entity, city) {
                if c.label == Some(Label::District) && !is_ancestor(city, e) {
                    c.entity = None;
                    c.ambiguous = false;
                }
            }
            continue;
        }
        let within = |region: u32| -> Vec<u32> {
            c.candidates
                .iter()
                .copied()
                .filter(|&k| k != region && is_ancestor(region, k))
                .collect()
        };
        let mut chosen = next_place
            .or(prev_city)
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
    for c in accepted.iter_mut() {
        if c.entity.is_some() && !c.candidates.is_empty() {
            c.candidates.clear();
            c.ambiguous = c.flags & (flag::AMB | flag::SK) != 0;
        }
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
