//! Stage 4: context. Names whose reading depends on the text around them are kept or dropped here.
//!
//! A namesake (Kangwon, also South Korea's Gangwon), a South Korean spelling (Goseong), a name that is
//! North Korean only in a North Korean text (the Cabinet), another country's body with a North Korean
//! name (NSA) and a unit rule's match are weighed against the evidence of their sentence, the sentence
//! before and the document (ANNOTATION rules 9, 24, 25 and 27), in an order where each decision can lean
//! on the ones before. `DESIGN.md` gives the order of evidence; [`Extractor::explain`] returns it.

use std::collections::HashSet;

use crate::candidate::{Candidate, Origin};
use crate::context::{self, Cue};
use crate::entity::Label;
use crate::explain::{DocumentEvidence, Reason};
use crate::extractor::Extractor;
use crate::gazetteer::flag;
use crate::normalize::Folded;
use crate::scratch::{trim, KEEP};

/// Per-sentence evidence.
#[derive(Clone, Copy, Default)]
struct Evidence {
    /// A North Korea cue phrase ("North Korea", "DPRK", 북한).
    north_cue: bool,
    /// A South Korea cue phrase ("South Korea", "Seoul", "Gyeonggi", 서울).
    south_cue: bool,
    /// A North Korean name that needs no context, or one that context has confirmed.
    north_entity: bool,
    /// A South Korean spelling of a shared name that context did not make North Korean.
    south_spelling: bool,
}

/// A verdict on a candidate whose reading depends on context; `None` for the others, which are kept.
type Verdict = Option<Result<Reason, Reason>>;

/// The buffers of stage 4, kept in the per-thread scratch: the sentence starts, each sentence's
/// evidence, each candidate's verdict, and the entities already confirmed.
#[derive(Default)]
pub(crate) struct Weighing {
    sentences: Vec<usize>,
    evidence: Vec<Evidence>,
    verdicts: Vec<Verdict>,
    established: HashSet<u32>,
}

impl Weighing {
    /// Empties the buffers, and gives back any that a long document has grown past `scratch::KEEP`
    /// elements.
    pub(crate) fn trim(&mut self) {
        trim(&mut self.sentences);
        trim(&mut self.evidence);
        trim(&mut self.verdicts);
        self.established.clear();
        if self.established.capacity() > KEEP {
            self.established = HashSet::new();
        }
    }
}

/// Whether the mention at `at` is in a North Korean context, and why: North Korean evidence in its own
/// sentence decides; a South Korea cue there rules out what the sentence before (or `also`: an earlier
/// mention, the document) would suggest. In a document about South Korea's own ground, only the own
/// sentence counts.
fn north_reason(
    evidence: &[Evidence],
    starts: &[usize],
    at: usize,
    also: Option<Reason>,
    south_document: bool,
) -> Result<Reason, Reason> {
    let own = evidence[context::sentence_of(starts, at)];
    let w = window(evidence, starts, at);
    if own.north_cue || own.north_entity {
        Ok(Reason::NorthInSentence)
    } else if own.south_cue {
        Err(Reason::SouthInWindow)
    } else if south_document {
        Err(Reason::SouthGround)
    } else if w.north_cue || w.north_entity {
        Ok(Reason::NorthInSentenceBefore)
    } else {
        also.ok_or(Reason::NoNorthEvidence)
    }
}

/// The evidence of the sentence holding `at` and the one before it.
fn window(evidence: &[Evidence], starts: &[usize], at: usize) -> Evidence {
    let i = context::sentence_of(starts, at);
    let mut w = evidence[i];
    if let Some(p) = i.checked_sub(1).map(|p| evidence[p]) {
        w.north_cue |= p.north_cue;
        w.south_cue |= p.south_cue;
        w.north_entity |= p.north_entity;
        w.south_spelling |= p.south_spelling;
    }
    w
}

/// What `weigh` found, for [`Extractor::explain`]: the document's evidence and each verdict at its
/// folded offsets.
#[derive(Default)]
pub(crate) struct Trace {
    pub(crate) document: DocumentEvidence,
    pub(crate) verdicts: Vec<(usize, usize, Result<Reason, Reason>)>,
}

impl Extractor {
    /// Stage 4, where any candidate needs it: sentences are found only then.
    pub(crate) fn weigh(
        &self,
        f: &str,
        folded: &Folded<'_>,
        cues: &[(usize, Cue)],
        candidates: &mut Vec<Candidate>,
        weighing: &mut Weighing,
        trace: Option<&mut Trace>,
    ) {
        let conditional = flag::NK | flag::AMB | flag::SK | flag::MARKED;
        if candidates
            .iter()
            .any(|c| c.flags & conditional != 0 || c.needs_cue)
        {
            context::sentence_starts(f, folded.line_breaks(), &mut weighing.sentences);
            self.weigh_candidates(f, cues, candidates, weighing, trace);
        }
    }

    /// Stage 4: context. Drops what its sentence says is not North Korean, flags namesakes. (Bodies
    /// marked as foreign by the words right around them are dropped before, without sentences.)
    ///
    /// Decisions are taken in an order where each one can lean on the ones before: a South Korean
    /// spelling that is dropped is itself a sign the text is about South Korea (rule 9); a namesake or a
    /// context-dependent form that is kept is a sign the text is about North Korea, for the forms and the
    /// unit rules decided after it.
    fn weigh_candidates(
        &self,
        f: &str,
        cues: &[(usize, Cue)],
        candidates: &mut Vec<Candidate>,
        weighing: &mut Weighing,
        trace: Option<&mut Trace>,
    ) {
        let Weighing {
            sentences: starts,
            evidence,
            verdicts,
            established,
        } = weighing;
        let starts = &starts[..];
        evidence.clear();
        evidence.resize(starts.len(), Evidence::default());
        // Signs of South Korea's own ground (its provinces, cities and local affairs) against mentions of
        // North Korean places and bodies: what a whole document is about (rule 27).
        let mut south_ground = 0usize;
        for &(at, cue) in cues {
            let e = &mut evidence[context::sentence_of(starts, at)];
            match cue {
                Cue::NorthKorea => e.north_cue = true,
                Cue::SouthKorea => e.south_cue = true,
                Cue::SouthLocal => {
                    e.south_cue = true;
                    south_ground += 1;
                }
                Cue::SouthDocument => south_ground += 1,
            }
        }
        let mut body_anchor = false;
        // Two distinct places are enough to make a document North Korean.
        let mut first_place: Option<u32> = None;
        let mut two_places = false;
        let mut north_ground = 0usize;
        for c in candidates.iter().filter(|c| c.is_anchor()) {
            evidence[context::sentence_of(starts, c.start)].north_entity = true;
            north_ground += 1;
            match (c.label, c.entity) {
                (Some(Label::Agency | Label::Unit), _) => body_anchor = true,
                (_, Some(e)) => match first_place {
                    None => first_place = Some(e),
                    Some(first) => two_places |= first != e,
                },
                _ => {}
            }
        }
        // The document as a whole counts as North Korean where it says so ("North Korea", 북한), names a
        // North Korean body, or names two North Korean places: one place name that is also a common word
        // ("Anju") must not make it so.
        let north_document = body_anchor || two_places || evidence.iter().any(|e| e.north_cue);
        // The verdict on each context-dependent candidate; the others are kept.
        verdicts.clear();
        verdicts.resize(candidates.len(), None);

        // South Korean spellings of shared names are the first sign of the South's ground: a document
        // is about it when those signs outnumber the North Korean places and bodies it names two to
        // one. A text that compares the two Koreas ("Gangnam in Seoul, Kangnam near Pyongyang") names
        // both about as often, and keeps its sentences' own evidence.
        for (i, c) in candidates.iter_mut().enumerate() {
            if c.flags & flag::SK == 0 {
                continue;
            }
            if context::follows_comparison(f, c.start) {
                // The South's namesake, named to tell it apart: no span, and no sign of the South's
                // ground either (rule 29j).
                verdicts[i] = Some(Err(Reason::SouthInWindow));
                continue;
            }
            let w = window(evidence, starts, c.start);
            let verdict = if context::is_marked_north(f, c.start, c.end) {
                Ok(Reason::MarkedNorth)
            } else if w.north_entity && !w.south_cue {
                Ok(Reason::NorthInSentence)
            } else if w.south_cue {
                Err(Reason::SouthInWindow)
            } else {
                Err(Reason::NoNorthEvidence)
            };
            if verdict.is_ok() {
                c.ambiguous = true;
            } else {
                // One the words before mark as the South's ("South Korea's Goseong County") is named to
                // tell it apart, as a page about the North's namesake does: a sign for its sentence, not
                // for the document's ground.
                if !context::is_marked_south(f, c.start) {
                    south_ground += 1;
                }
                evidence[context::sentence_of(starts, c.start)].south_spelling = true;
            }
            verdicts[i] = Some(verdict);
        }
        let south_document = south_ground > 2 * north_ground;
        // Namesakes the text has made North Korea's (one sense per discourse): a page about the
        // North's Kosong County keeps it where a later sentence compares it with the South's (rule
        // 29j), unless the words right before make that mention the South's own.
        established.clear();
        for (i, c) in candidates.iter_mut().enumerate() {
            if c.flags & flag::AMB == 0 || c.flags & flag::SK != 0 {
                continue;
            }
            let w = window(evidence, starts, c.start);
            let own = evidence[context::sentence_of(starts, c.start)];
            let north_here = own.north_cue || own.north_entity;
            // North Korean evidence in its own sentence outweighs a South Korea cue in the sentence
            // before, as for context-dependent forms; one in its own sentence does not.
            let seen_north = c.entity.is_some_and(|e| established.contains(&e));
            let verdict = if context::is_marked_north(f, c.start, c.end) {
                Ok(Reason::MarkedNorth)
            } else if context::is_marked_south(f, c.start) {
                Err(Reason::SouthInWindow)
            } else if seen_north && !south_document {
                Ok(Reason::SeenBefore)
            } else if own.south_cue || own.south_spelling {
                Err(Reason::SouthInWindow)
            } else if north_here {
                Ok(Reason::NorthInSentence)
            } else if w.south_cue || w.south_spelling {
                Err(Reason::SouthInWindow)
            } else if south_document {
                Err(Reason::SouthGround)
            } else {
                // A namesake is tagged unless the text says it is the South's (rule 9).
                Ok(Reason::NoNorthEvidence)
            };
            if verdict.is_ok() {
                c.ambiguous = true;
                evidence[context::sentence_of(starts, c.start)].north_entity = true;
                if matches!(verdict, Ok(Reason::MarkedNorth | Reason::NorthInSentence)) {
                    established.extend(c.entity);
                }
            }
            verdicts[i] = Some(verdict);
        }
        // Another country's body by the same name or acronym ("NSA", rule 27): the words around it
        // must make it North Korea's; a document about North Korea is not enough.
        for (i, c) in candidates.iter().enumerate() {
            if c.flags & flag::MARKED != 0 {
                verdicts[i] = Some(if context::is_marked_north(f, c.start, c.end) {
                    Ok(Reason::MarkedNorth)
                } else {
                    Err(Reason::NotMarkedNorth)
                });
            }
        }
        for (i, c) in candidates.iter().enumerate() {
            if c.flags & flag::NK == 0 || verdicts[i].is_some_and(|v| v.is_err()) {
                continue;
            }
            let sentence = context::sentence_of(starts, c.start);
            let w = window(evidence, starts, c.start);
            let also = if c.entity.is_some_and(|e| established.contains(&e)) {
                Some(Reason::SeenBefore)
            } else {
                (north_document && !w.south_cue).then_some(Reason::NorthDocument)
            };
            let verdict = north_reason(evidence, starts, c.start, also, south_document);
            if verdict.is_ok() {
                established.extend(c.entity);
                evidence[sentence].north_entity = true;
            }
            verdicts[i] = Some(verdict);
        }
        // A rule's shape is North Korean where its window says so, or in a North Korean document where
        // its window does not name South Korea (rule 25: "kept only in a North Korean text"); a bare
        // number needs its window.
        for (i, c) in candidates.iter().enumerate() {
            if c.needs_cue && verdicts[i].is_none_or(|v| v.is_ok()) {
                let w = window(evidence, starts, c.start);
                let bare_number =
                    matches!(c.origin, Origin::Rule(r) if self.rules.rules[r].bare_number);
                let also = (north_document && !w.south_cue && !bare_number)
                    .then_some(Reason::NorthDocument);
                verdicts[i] = Some(north_reason(
                    evidence,
                    starts,
                    c.start,
                    also,
                    south_document,
                ));
            }
        }
        if let Some(trace) = trace {
            trace.document = DocumentEvidence {
                south_ground,
                north_ground,
                about_south_ground: south_document,
                north_korean: north_document,
            };
            trace.verdicts = candidates
                .iter()
                .zip(verdicts.iter())
                .filter_map(|(c, v)| Some((c.start, c.end, (*v)?)))
                .collect();
        }
        let mut verdicts = verdicts.iter();
        candidates.retain(|_| verdicts.next().copied().flatten().is_none_or(|v| v.is_ok()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_buffers_are_emptied_and_a_grown_one_given_back() {
        let mut weighing = Weighing::default();
        weighing.sentences.extend(0..2 * KEEP);
        weighing.evidence.resize(2 * KEEP, Evidence::default());
        weighing.verdicts.push(Some(Ok(Reason::MarkedNorth)));
        weighing.established.extend(0..2 * KEEP as u32);
        weighing.trim();
        assert!(weighing.sentences.is_empty() && weighing.evidence.is_empty());
        assert!(weighing.verdicts.is_empty() && weighing.established.is_empty());
        assert!(weighing.sentences.capacity() <= KEEP && weighing.established.capacity() <= KEEP);
        assert!(weighing.verdicts.capacity() > 0);
    }
}
