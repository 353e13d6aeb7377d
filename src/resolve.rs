//! Overlap resolution: the spans that survive are those no longer reading contradicts.
//!
//! ANNOTATION rule 7: spans never overlap, and where two readings overlap the longer one wins. Ties are
//! broken deterministically, so the same text always gives the same spans:
//!
//! 1. the longer match (in bytes of the folded text) wins;
//! 2. at equal length, a gazetteer entry wins over a rule (rule 7), and a document-defined acronym
//!    counts as a gazetteer entry;
//! 3. then the earlier start;
//! 4. then the label in the order of [`Label::ALL`](crate::Label::ALL) (places before bodies);
//! 5. then the entity's order in the gazetteers.
//!
//! Entries without a label ("Kaesong Industrial Region", "Korean Central News Agency") take part and win
//! like any other, then are dropped, so the city inside the zone's name is no span. A rule span that ends
//! with a listed unit of the same label ("KPA Unit 586") takes that unit's entry before the contest.

use std::collections::BTreeMap;

use crate::candidate::Candidate;

/// Moves the non-overlapping winners of `candidates` to `accepted`, sorted by start. `run` is scratch
/// space.
pub(crate) fn resolve(candidates: &mut Vec<Candidate>, accepted: &mut Vec<Candidate>) {
    // Stable, and nearly free: candidates arrive in text order, but for the acronyms found last.
    candidates.sort_by_key(|c| c.start);
    inherit_listed_units(candidates);
    // The winners are moved down over the candidates already settled (there are never more of them
    // than that), so that a long document's candidates are not held twice: on text dense with names
    // they take several times its size. `accepted` takes the candidates' buffer.
    accepted.clear();
    std::mem::swap(candidates, accepted);
    let all = accepted;
    let mut kept = 0;
    let mut start = 0;
    // A candidate can only lose to one it overlaps, so each run of overlapping candidates is settled on
    // its own; most mentions are a run of one.
    while start < all.len() {
        let mut reach = all[start].end;
        let mut end = start + 1;
        while end < all.len() && all[end].start < reach {
            reach = reach.max(all[end].end);
            end += 1;
        }
        let winners = settle_run(&mut all[start..end]);
        // Left of `start` is only what was settled: moved forward, a winner overwrites a loser or
        // itself.
        for i in 0..winners {
            all.swap(kept + i, start + i);
        }
        kept += winners;
        start = end;
    }
    all.truncate(kept);
}

/// Settles a run of overlapping candidates: the best first, each kept unless it overlaps one kept
/// before. Moves the winners to the front of the run, in text order, and returns how many there are.
fn settle_run(run: &mut [Candidate]) -> usize {
    if run.len() <= 1 {
        return run.len();
    }
    run.sort_by(|a, b| {
        b.len()
            .cmp(&a.len())
            .then(a.origin.is_rule().cmp(&b.origin.is_rule()))
            .then(a.start.cmp(&b.start))
            .then(a.label.cmp(&b.label))
            .then(a.entity.cmp(&b.entity))
    });
    // Kept spans by start; they never overlap, so the one starting last before a candidate's end is
    // the only one that can reach into it. A tree keeps each check and insert logarithmic, however long
    // the run.
    let mut taken: BTreeMap<usize, usize> = BTreeMap::new();
    let mut winners = 0;
    for i in 0..run.len() {
        let c = &run[i];
        let overlaps = taken
            .range(..c.end)
            .next_back()
            .is_some_and(|(_, &end)| end > c.start);
        if overlaps {
            continue;
        }
        taken.insert(c.start, c.end);
        // Before `i` are winners and losers already seen: the winners keep their order.
        run.swap(winners, i);
        winners += 1;
    }
    run[..winners].sort_by_key(|c| c.start);
    winners
}

/// A rule span that ends with a listed entry of its label takes that entry. `candidates` are sorted by
/// start, so the entries inside a rule span follow its first candidate at that start.
fn inherit_listed_units(candidates: &mut [Candidate]) {
    for i in 0..candidates.len() {
        let c = &candidates[i];
        let (true, Some(label)) = (c.origin.is_rule(), c.label) else {
            continue;
        };
        let from = candidates.partition_point(|o| o.start < c.start);
        let inside = candidates[from..]
            .iter()
            .take_while(|o| o.start < c.end)
            .find(|o| {
                !o.origin.is_rule()
                    && o.end == c.end
                    && o.label == Some(label)
                    && o.entity.is_some()
            })
            .and_then(|o| o.entity);
        if inside.is_some() {
            candidates[i].entity = inside;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entity::Label;

    fn at(start: usize, end: usize, label: Label, entity: u32) -> Candidate {
        Candidate::entity(start, end, Some(label), entity, 0)
    }

    fn resolve(mut candidates: Vec<Candidate>) -> Vec<Candidate> {
        let mut accepted = Vec::new();
        super::resolve(&mut candidates, &mut accepted);
        accepted
    }

    fn spans(v: &[Candidate]) -> Vec<(usize, usize, Option<u32>)> {
        v.iter().map(|c| (c.start, c.end, c.entity)).collect()
    }

    #[test]
    fn the_longer_reading_wins() {
        let out = resolve(vec![
            at(0, 9, Label::Province, 1),
            at(0, 18, Label::Province, 1),
            at(10, 18, Label::City, 2),
        ]);
        assert_eq!(spans(&out), vec![(0, 18, Some(1))]);
    }

    #[test]
    fn a_gazetteer_entry_beats_a_rule_on_the_same_span() {
        let out = resolve(vec![
            Candidate::rule(4, 14, Label::Unit, 0, true),
            at(4, 14, Label::Unit, 7),
        ]);
        assert_eq!(spans(&out), vec![(4, 14, Some(7))]);
        assert!(!out[0].origin.is_rule());
    }

    #[test]
    fn a_rule_span_ending_in_a_listed_unit_takes_its_entry() {
        let out = resolve(vec![
            Candidate::rule(0, 12, Label::Unit, 0, true),
            at(4, 12, Label::Unit, 3),
        ]);
        assert_eq!(spans(&out), vec![(0, 12, Some(3))]);
    }

    #[test]
    fn ties_break_by_start_then_label() {
        let out = resolve(vec![at(3, 8, Label::Agency, 1), at(0, 5, Label::City, 2)]);
        assert_eq!(spans(&out), vec![(0, 5, Some(2))]);
        let out = resolve(vec![at(0, 5, Label::Agency, 1), at(0, 5, Label::City, 2)]);
        assert_eq!(spans(&out), vec![(0, 5, Some(2))]);
    }

    #[test]
    fn spans_that_touch_do_not_overlap() {
        let out = resolve(vec![at(5, 10, Label::City, 1), at(0, 5, Label::City, 2)]);
        assert_eq!(spans(&out), vec![(0, 5, Some(2)), (5, 10, Some(1))]);
    }

    #[test]
    fn disjoint_spans_all_survive_in_order() {
        let out = resolve(vec![at(10, 12, Label::City, 1), at(0, 5, Label::City, 2)]);
        assert_eq!(spans(&out), vec![(0, 5, Some(2)), (10, 12, Some(1))]);
    }
}
