//! Stage 4: context. Names whose reading depends on the text around them are kept or dropped here.
//!
//! A namesake (Kangwon, also South Korea's Gangwon), a South Korean spelling (Goseong), a name that is
//! North Korean only in a North Korean text (the Cabinet), another country's body with a North Korean
//! name (NSA) and a unit rule's match are weighed against the evidence of their sentence, the sentence
//! before and the document (ANNOTATION rules 9, 24, 25 and 27), in an order where each decision can lean
//! on the ones before. `DESIGN.md` gives the order of evidence;
//! [`Extractor::explain`](crate::Extractor::explain) returns it.

use std::collections::HashSet;

use crate::buffer::{trim, KEEP};
use crate::candidate::{Candidate, Origin};
use crate::candidates::Mentions;
use crate::context::{self, Cue};
use crate::entity::Label;
use crate::explain::{DocumentEvidence, Reason};
use crate::gazetteer::flag;
use crate::normalize::Folded;
use crate::rules::Rule;

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
    /// A South Korean source reporting ("the JCS said"), a South Korea cue unless the sentence names
    /// the North.
    south_speaker: bool,
    /// "The North", a North Korea cue in a text that names North Korea otherwise.
    the_north: bool,
    /// Another government named as its setting (Tokyo, a president, 우리 정부).
    other_setting: bool,
    /// A border story told from the South's side (귀순, "defected to the South").
    south_side: bool,
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
    /// Empties the buffers, and gives back any that a long document has grown past `buffer::KEEP`
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

/// Whether a South Korea cue (the South, its places) follows the name ending at `end` as where it
/// lies: after ", ", " in ", ", in " or " on " ("Sincheon in Seoul", "Oncheon, Busan", "Gimhwa, in
/// South Korea's Cheorwon County", "Bongcheon Station on Seoul's Line 2"), with a few words of the
/// place's own name between ("Station in Songpa, Seoul").
fn placed_in_the_south(f: &str, end: usize, cues: &[(usize, Cue)]) -> bool {
    const WITHIN: usize = 24;
    let first = cues.partition_point(|&(at, _)| at < end);
    cues[first..]
        .iter()
        .take_while(|&&(at, _)| at <= end + WITHIN)
        .filter(|&&(_, cue)| matches!(cue, Cue::SouthKorea | Cue::SouthLocal))
        .any(|&(at, _)| {
            // "…, Seoul-based Daily NK reported": the South names a newsroom, not where the place is;
            // "…, South Korean officials said" names people, not a place.
            if context::names_a_newsroom(f, at) || context::is_nationality(f, at) {
                return false;
            }
            let between = &f[end..at];
            let link = [", in ", ", ", " in ", " on "]
                .iter()
                .find_map(|l| between.find(l).map(|i| (i, l.len())));
            // The words before the link are the place's own, capitalised (Station, Techno Valley),
            // or a place the link itself names ("in Songpa"); no sentence ends between.
            link.is_some_and(|(i, len)| {
                let mut words = between[..i].split(' ').filter(|w| !w.is_empty());
                i + len == between.len()
                    && !between.contains(['.', ';'])
                    && words.clone().count() <= 4
                    && words.all(|w| w == "in" || w.starts_with(|c: char| c.is_uppercase()))
            })
        })
}

/// What `weigh` found, for [`Extractor::explain`](crate::Extractor::explain): the document's evidence and each verdict at its
/// folded offsets.
#[derive(Default)]
pub(crate) struct Trace {
    pub(crate) document: DocumentEvidence,
    pub(crate) verdicts: Vec<(usize, usize, Result<Reason, Reason>)>,
}

/// Stage 4, where any candidate needs it (sentences are found only then): drops what its sentence says
/// is not North Korean, flags namesakes. `rules` are the unit rules the rule candidates come from.
/// (Bodies marked as foreign by the words right around them are dropped before, without sentences.)
pub(crate) fn weigh(
    f: &str,
    folded: &Folded<'_>,
    rules: &[Rule],
    mentions: &mut Mentions,
    weighing: &mut Weighing,
    trace: Option<&mut Trace>,
) {
    // A `shared` body is in doubt only in a text that names another such country, a Revised spelling
    // only in one that names the South: most texts with either need no sentences.
    let cue_named = |kinds: &[Cue]| mentions.cues.iter().any(|(_, cue)| kinds.contains(cue));
    let mut conditional = flag::NK | flag::AMB | flag::SK | flag::MARKED;
    if cue_named(&[Cue::OtherCountry]) {
        conditional |= flag::SHARED;
    }
    if cue_named(&[Cue::SouthKorea, Cue::SouthLocal]) {
        conditional |= flag::REVISED;
    }
    let candidates = &mut mentions.candidates;
    if !candidates
        .iter()
        .any(|c| c.flags & conditional != 0 || c.needs_cue)
    {
        return;
    }
    let Weighing {
        sentences,
        evidence,
        verdicts,
        established,
    } = weighing;
    context::sentence_starts(f, folded.line_breaks(), sentences);
    evidence.clear();
    evidence.resize(sentences.len(), Evidence::default());
    verdicts.clear();
    verdicts.resize(candidates.len(), None);
    established.clear();
    let mut passes = Passes {
        f,
        starts: sentences,
        evidence,
        verdicts,
        established,
        south_ground: 0,
        north_ground: 0,
        north_document: false,
        south_document: false,
        united_states: false,
        other_country: false,
    };
    // Decisions are taken in an order where each one can lean on the ones before: a South Korean
    // spelling that is dropped is itself a sign the text is about South Korea (rule 9); a namesake or a
    // context-dependent form that is kept is a sign the text is about North Korea, for the forms and the
    // unit rules decided after it.
    passes.count_cues(&mentions.cues);
    passes.count_anchors(candidates, &mentions.cues);
    passes.shared_bodies(candidates);
    passes.weigh_the_north();
    passes.weigh_speakers();
    passes.south_spellings(candidates);
    passes.south_document = passes.south_ground > 2 * passes.north_ground;
    passes.namesakes(candidates);
    passes.marked_bodies(candidates);
    passes.context_forms(candidates);
    passes.rule_shapes(candidates, rules);
    if let Some(trace) = trace {
        trace.document = DocumentEvidence {
            south_ground: passes.south_ground,
            north_ground: passes.north_ground,
            about_south_ground: passes.south_document,
            north_korean: passes.north_document,
        };
        trace.verdicts = candidates
            .iter()
            .zip(passes.verdicts.iter())
            .filter_map(|(c, v)| Some((c.start, c.end, (*v)?)))
            .collect();
    }
    let mut verdicts = passes.verdicts.iter();
    candidates.retain(|_| verdicts.next().copied().flatten().is_none_or(|v| v.is_ok()));
}

/// The state the passes of stage 4 share: the sentences' evidence, each candidate's verdict, and what
/// the document as a whole is about.
struct Passes<'a> {
    f: &'a str,
    starts: &'a [usize],
    evidence: &'a mut [Evidence],
    verdicts: &'a mut [Verdict],
    /// Namesakes the text has made North Korea's (one sense per discourse).
    established: &'a mut HashSet<u32>,
    /// Signs of South Korea's own ground (its provinces, cities and local affairs) against mentions of
    /// North Korean places and bodies: what a whole document is about (rule 27).
    south_ground: usize,
    north_ground: usize,
    north_document: bool,
    south_document: bool,
    /// Whether the text names the United States or one of its bodies.
    united_states: bool,
    /// Whether the text names another country whose bodies share the North's names (China).
    other_country: bool,
}

impl Passes<'_> {
    fn sentence(&self, at: usize) -> usize {
        context::sentence_of(self.starts, at)
    }

    fn window(&self, at: usize) -> Evidence {
        window(self.evidence, self.starts, at)
    }

    /// Whether the sentence of `at` is set in another country or government and names no North:
    /// "North Korea reshuffled its cabinet. In Tokyo, the Cabinet met" (rule 24); the sentence before
    /// does not reach into it.
    fn set_elsewhere(&self, at: usize) -> Option<Reason> {
        let own = self.evidence[self.sentence(at)];
        (own.other_setting && !own.north_cue && !own.north_entity)
            .then_some(Reason::OtherCountryInSentence)
    }

    fn north_reason(&self, at: usize, also: Option<Reason>) -> Result<Reason, Reason> {
        north_reason(self.evidence, self.starts, at, also, self.south_document)
    }

    /// The cue phrases into their sentences' evidence, and the South's local affairs into its ground.
    fn count_cues(&mut self, cues: &[(usize, Cue)]) {
        for &(at, cue) in cues {
            let e = &mut self.evidence[context::sentence_of(self.starts, at)];
            match cue {
                Cue::NorthKorea => e.north_cue = true,
                Cue::SouthKorea => e.south_cue = true,
                Cue::SouthSpeaker => e.south_speaker = true,
                Cue::TheNorth => e.the_north = true,
                Cue::UnitedStates => self.united_states = true,
                Cue::OtherCountry => self.other_country = true,
                Cue::OtherSetting => e.other_setting = true,
                Cue::SouthSide => e.south_side = true,
                Cue::SouthLocal => {
                    e.south_cue = true;
                    self.south_ground += 1;
                }
                Cue::SouthDocument | Cue::SouthInstitution => self.south_ground += 1,
            }
        }
    }

    /// The names that need no context into their sentences' evidence, and whether the document as a
    /// whole counts as North Korean: where it says so ("North Korea", 북한), names a North Korean body,
    /// or names two North Korean places (one place name that is also a common word, "Anju", must not
    /// make it so).
    fn count_anchors(&mut self, candidates: &[Candidate], cues: &[(usize, Cue)]) {
        let mut body_anchor = false;
        let mut first_place: Option<u32> = None;
        let mut two_places = false;
        for (i, c) in candidates.iter().enumerate() {
            if !c.is_anchor() {
                continue;
            }
            // A spelling the South's system makes, placed in the South by the words right after it,
            // is the South's place of that name ("Sincheon Station in Seoul", "Oncheon, Busan",
            // rule 9).
            if c.flags & flag::REVISED != 0 && placed_in_the_south(self.f, c.end, cues) {
                self.verdicts[i] = Some(Err(Reason::SouthInWindow));
                continue;
            }
            let sentence = self.sentence(c.start);
            self.evidence[sentence].north_entity = true;
            self.north_ground += 1;
            match (c.label, c.entity) {
                (Some(Label::Agency | Label::Unit), _) => body_anchor = true,
                (_, Some(e)) => match first_place {
                    None => first_place = Some(e),
                    Some(first) => two_places |= first != e,
                },
                _ => {}
            }
        }
        self.north_document =
            body_anchor || two_places || self.evidence.iter().any(|e| e.north_cue);
    }

    /// A body whose name another country's body shares (China's Ministry of State Security) is that
    /// country's in a text that names such a country and not North Korea (no North Korean document, no
    /// North Korean name in its sentence or the one before: rule 27); anywhere else it is the North's,
    /// and evidence of the North as any body is.
    fn shared_bodies(&mut self, candidates: &[Candidate]) {
        for (i, c) in candidates.iter().enumerate() {
            if c.flags & flag::SHARED == 0 {
                continue;
            }
            let w = self.window(c.start);
            let north = self.north_document
                || w.north_cue
                || w.north_entity
                || context::is_marked_north(self.f, c.start, c.end);
            if self.other_country && !north {
                self.verdicts[i] = Some(Err(Reason::OtherCountryText));
                continue;
            }
            let sentence = self.sentence(c.start);
            self.evidence[sentence].north_entity = true;
            self.north_ground += 1;
            self.north_document = true;
        }
    }

    /// "The North" names North Korea in a text that names it otherwise ("North Korea fired ... The North
    /// fired some 80 shells"), and nothing in one that does not.
    fn weigh_the_north(&mut self) {
        if !self.north_document {
            return;
        }
        for e in self.evidence.iter_mut() {
            e.north_cue |= e.the_north;
        }
    }

    /// A South Korean source reporting the North's act in a sentence that names the North is no sign
    /// of the South's setting ("North Korea fired from Kangwon Province, the JCS said"); in a sentence
    /// that does not name the North it is one, as any South Korea cue (rule 29j).
    fn weigh_speakers(&mut self) {
        for e in self.evidence.iter_mut() {
            if e.south_speaker && !(e.north_cue || e.north_entity) {
                e.south_cue = true;
            }
        }
    }

    /// South Korean spellings of shared names, the first sign of the South's ground: a document is
    /// about it when those signs outnumber the North Korean places and bodies it names two to one. A
    /// text that compares the two Koreas ("Gangnam in Seoul, Kangnam near Pyongyang") names both about
    /// as often, and keeps its sentences' own evidence.
    fn south_spellings(&mut self, candidates: &mut [Candidate]) {
        let f = self.f;
        for (i, c) in candidates.iter_mut().enumerate() {
            if c.flags & flag::SK == 0 {
                continue;
            }
            if context::follows_comparison(f, c.start) {
                // The South's namesake, named to tell it apart: no span, and no sign of the South's
                // ground either (rule 29j).
                self.verdicts[i] = Some(Err(Reason::SouthInWindow));
                continue;
            }
            let w = self.window(c.start);
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
                // tell it apart, as a page about the North's namesake does: a sign for its sentence,
                // not for the document's ground.
                if !context::is_marked_south(f, c.start) {
                    self.south_ground += 1;
                }
                let sentence = self.sentence(c.start);
                self.evidence[sentence].south_spelling = true;
            }
            self.verdicts[i] = Some(verdict);
        }
    }

    /// Namesakes of South Korean places: tagged unless the text says they are the South's (rule 9). A
    /// page about the North's Kosong County keeps it where a later sentence compares it with the
    /// South's (rule 29j), unless the words right before make that mention the South's own.
    fn namesakes(&mut self, candidates: &mut [Candidate]) {
        let f = self.f;
        for (i, c) in candidates.iter_mut().enumerate() {
            if c.flags & flag::AMB == 0 || c.flags & flag::SK != 0 {
                continue;
            }
            let w = self.window(c.start);
            let sentence = self.sentence(c.start);
            let own = self.evidence[sentence];
            let north_here = own.north_cue || own.north_entity;
            // North Korean evidence in its own sentence outweighs a South Korea cue in the sentence
            // before, as for context-dependent forms; one in its own sentence does not.
            let seen_north = c.entity.is_some_and(|e| self.established.contains(&e));
            let verdict = if context::is_marked_north(f, c.start, c.end) {
                Ok(Reason::MarkedNorth)
            } else if context::is_marked_south(f, c.start) {
                Err(Reason::SouthInWindow)
            } else if seen_north && !self.south_document {
                Ok(Reason::SeenBefore)
            } else if own.south_cue || own.south_spelling || own.south_side {
                Err(Reason::SouthInWindow)
            } else if north_here {
                Ok(Reason::NorthInSentence)
            } else if w.south_cue || w.south_spelling {
                Err(Reason::SouthInWindow)
            } else if self.south_document {
                Err(Reason::SouthGround)
            } else {
                Ok(Reason::NoNorthEvidence)
            };
            if verdict.is_ok() {
                c.ambiguous = true;
                self.evidence[sentence].north_entity = true;
                if matches!(verdict, Ok(Reason::MarkedNorth | Reason::NorthInSentence)) {
                    self.established.extend(c.entity);
                }
            }
            self.verdicts[i] = Some(verdict);
        }
    }

    /// Another country's body by the same name or acronym ("NSA", rule 27): the words around it must
    /// make it North Korea's; for an `nktext` form, a North Korean text that names no American body
    /// where its sentence or the one before names another of the North's bodies or places also does.
    fn marked_bodies(&mut self, candidates: &[Candidate]) {
        for (i, c) in candidates.iter().enumerate() {
            if c.flags & flag::MARKED != 0 {
                let w = self.window(c.start);
                // A North Korean text that names no American body means the North's by the shared
                // name, where the window names another of the North's bodies or places and not the
                // South ("moved from the Ministry of People's Armed Forces to the National Security
                // Agency"); "North Korean hackers" beside it is not enough.
                let north_text = c.flags & flag::NK_TEXT != 0
                    && self.north_document
                    && !self.united_states
                    && w.north_entity
                    && !w.south_cue;
                self.verdicts[i] = Some(if context::is_marked_north(self.f, c.start, c.end) {
                    Ok(Reason::MarkedNorth)
                } else if north_text {
                    Ok(Reason::NorthDocument)
                } else {
                    Err(Reason::NotMarkedNorth)
                });
            }
        }
    }

    /// Names that are North Korean only in a North Korean text (the Cabinet): their sentence, the one
    /// before, an earlier mention or the document must say so.
    fn context_forms(&mut self, candidates: &[Candidate]) {
        for (i, c) in candidates.iter().enumerate() {
            if c.flags & flag::NK == 0 || self.verdicts[i].is_some_and(|v| v.is_err()) {
                continue;
            }
            let w = self.window(c.start);
            let also = if c.entity.is_some_and(|e| self.established.contains(&e)) {
                Some(Reason::SeenBefore)
            } else {
                (self.north_document && !w.south_cue).then_some(Reason::NorthDocument)
            };
            let verdict = if c.flags & flag::BUILDING != 0 && self.south_document {
                Err(Reason::SouthGround)
            } else if let Some(elsewhere) = self.set_elsewhere(c.start) {
                Err(elsewhere)
            } else {
                self.north_reason(c.start, also)
            };
            if verdict.is_ok() {
                self.established.extend(c.entity);
                let sentence = self.sentence(c.start);
                self.evidence[sentence].north_entity = true;
            }
            self.verdicts[i] = Some(verdict);
        }
    }

    /// A rule's shape is North Korean where its window says so, or in a North Korean document where its
    /// window does not name South Korea (rule 25: "kept only in a North Korean text"); a bare number
    /// needs its window.
    fn rule_shapes(&mut self, candidates: &[Candidate], rules: &[Rule]) {
        for (i, c) in candidates.iter().enumerate() {
            if c.needs_cue && self.verdicts[i].is_none_or(|v| v.is_ok()) {
                let w = self.window(c.start);
                let bare_number = matches!(c.origin, Origin::Rule(r) if rules[r].bare_number);
                let also = (self.north_document && !w.south_cue && !bare_number)
                    .then_some(Reason::NorthDocument);
                self.verdicts[i] = Some(match self.set_elsewhere(c.start) {
                    Some(elsewhere) => Err(elsewhere),
                    None => self.north_reason(c.start, also),
                });
            }
        }
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

    /// A candidate for `name`'s first mention at or after `from` in `text`, of entity `entity`, with
    /// `flags`.
    fn at(text: &str, name: &str, from: usize, entity: u32, flags: u32) -> Candidate {
        let start = from + text[from..].find(name).unwrap();
        let mut c = Candidate::entity(start, start + name.len(), Some(Label::City), entity, 0);
        c.flags = flags;
        c
    }

    /// What stage 4 keeps (start, whether flagged ambiguous), and its verdicts (start, verdict).
    type Weighed = (Vec<(usize, bool)>, Vec<(usize, Result<Reason, Reason>)>);

    /// Stage 4 over `candidates` with the cue phrases `cues` (phrase, cue, each at its first
    /// occurrence).
    fn weighed(text: &str, cues: &[(&str, Cue)], candidates: Vec<Candidate>) -> Weighed {
        let folded = Folded::new(text);
        let mut mentions = Mentions {
            candidates,
            cues: cues
                .iter()
                .map(|&(p, cue)| (text.find(p).unwrap(), cue))
                .collect(),
        };
        let mut trace = Trace::default();
        weigh(
            text,
            &folded,
            &[],
            &mut mentions,
            &mut Weighing::default(),
            Some(&mut trace),
        );
        let kept = mentions
            .candidates
            .iter()
            .map(|c| (c.start, c.ambiguous))
            .collect();
        let verdicts = trace
            .verdicts
            .iter()
            .map(|&(start, _, v)| (start, v))
            .collect();
        (kept, verdicts)
    }

    #[test]
    fn a_namesake_goes_with_its_own_sentence_then_the_one_before() {
        let text =
            "Seoul sent aid to Kangwon. Farmers in Kangwon met. North Korea said Kangwon grew.";
        let candidates = (0..3)
            .scan(0, |from, _| {
                let c = at(text, "Kangwon", *from, 0, flag::AMB);
                *from = c.end;
                Some(c)
            })
            .collect();
        let cues = [("Seoul", Cue::SouthKorea), ("North Korea", Cue::NorthKorea)];
        let (kept, verdicts) = weighed(text, &cues, candidates);
        let third = text.rfind("Kangwon").unwrap();
        assert_eq!(kept, [(third, true)]);
        let reasons: Vec<_> = verdicts.iter().map(|&(_, v)| v).collect();
        assert_eq!(
            reasons,
            [
                Err(Reason::SouthInWindow),
                Err(Reason::SouthInWindow),
                Ok(Reason::NorthInSentence)
            ]
        );
    }

    #[test]
    fn a_context_form_needs_a_north_korean_document_or_sentence() {
        let alone = "The Cabinet met on Monday.";
        let (kept, verdicts) = weighed(alone, &[], vec![at(alone, "Cabinet", 0, 9, flag::NK)]);
        assert_eq!(kept, []);
        assert_eq!(verdicts, [(4, Err(Reason::NoNorthEvidence))]);
        // Two places of the North, named by names that need no context, make the document North Korean.
        let text = "The Cabinet met on Monday. Floods hit Hyesan and Musan.";
        let candidates = vec![
            at(text, "Cabinet", 0, 9, flag::NK),
            at(text, "Hyesan", 0, 1, 0),
            at(text, "Musan", 0, 2, 0),
        ];
        let (kept, verdicts) = weighed(text, &[], candidates);
        assert_eq!(kept.len(), 3);
        assert_eq!(verdicts, [(4, Ok(Reason::NorthDocument))]);
        // One place does not: it may be an everyday word.
        let text = "The Cabinet met on Monday. Floods hit Hyesan.";
        let candidates = vec![
            at(text, "Cabinet", 0, 9, flag::NK),
            at(text, "Hyesan", 0, 1, 0),
        ];
        assert_eq!(
            weighed(text, &[], candidates).0,
            [(text.find("Hyesan").unwrap(), false)]
        );
    }

    /// Goseong, Cheorwon and Pocheon (South Korean spellings), Hyesan (a North Korean place) and Kangwon
    /// (a namesake) in `text`.
    fn three_south_spellings_one_place_then_kangwon(text: &str) -> Vec<Candidate> {
        let mut candidates: Vec<Candidate> = ["Goseong", "Cheorwon", "Pocheon"]
            .iter()
            .enumerate()
            .map(|(i, name)| at(text, name, 0, i as u32, flag::SK))
            .collect();
        candidates.push(at(text, "Hyesan", 0, 5, 0));
        candidates.push(at(text, "Kangwon", 0, 6, flag::AMB));
        candidates
    }

    #[test]
    fn south_korean_spellings_outnumbering_the_norths_names_make_a_south_korean_document() {
        // Three South Korean spellings against one North Korean place: the ground is the South's, and a
        // namesake without a cue of its own goes with it.
        let text =
            "Goseong, Cheorwon and Pocheon held fairs. Hyesan was quiet. Later Kangwon voted.";
        let candidates = three_south_spellings_one_place_then_kangwon(text);
        let (kept, verdicts) = weighed(text, &[], candidates);
        assert_eq!(kept, [(text.find("Hyesan").unwrap(), false)]);
        assert_eq!(verdicts.last().unwrap().1, Err(Reason::SouthGround));
        // With one South Korean spelling, the namesake is tagged.
        let text = "Goseong held a fair. Hyesan was quiet. Later Kangwon voted.";
        let candidates = vec![
            at(text, "Goseong", 0, 0, flag::SK),
            at(text, "Hyesan", 0, 5, 0),
            at(text, "Kangwon", 0, 6, flag::AMB),
        ];
        let (kept, _) = weighed(text, &[], candidates);
        assert_eq!(kept.len(), 2);
    }

    #[test]
    fn another_countrys_body_by_the_same_name_needs_words_that_make_it_the_norths() {
        let text = "The NSA said so. North Korea's NSA denied it.";
        let candidates = vec![
            at(text, "NSA", 0, 3, flag::MARKED),
            at(text, "NSA", 10, 3, flag::MARKED),
        ];
        let (kept, verdicts) = weighed(text, &[("North Korea", Cue::NorthKorea)], candidates);
        assert_eq!(kept, [(text.rfind("NSA").unwrap(), false)]);
        assert_eq!(verdicts[0].1, Err(Reason::NotMarkedNorth));
        assert_eq!(verdicts[1].1, Ok(Reason::MarkedNorth));
    }

    #[test]
    fn a_rule_shape_is_kept_in_a_north_korean_document_unless_its_window_names_the_south() {
        let shape = |text: &str, name: &str| {
            let start = text.find(name).unwrap();
            Candidate::rule(start, start + name.len(), Label::Unit, 0, true)
        };
        let rule = Rule::new("unit", r"Unit \d+", Label::Unit).unwrap();
        let weigh_one = |text: &str, cues: &[(&str, Cue)]| {
            let folded = Folded::new(text);
            let mut mentions = Mentions {
                candidates: vec![shape(text, "Unit 123")],
                cues: cues
                    .iter()
                    .map(|&(p, cue)| (text.find(p).unwrap(), cue))
                    .collect(),
            };
            let rules = [rule.clone()];
            weigh(
                text,
                &folded,
                &rules,
                &mut mentions,
                &mut Weighing::default(),
                None,
            );
            mentions.candidates.len()
        };
        assert_eq!(weigh_one("Unit 123 moved.", &[]), 0);
        assert_eq!(
            weigh_one(
                "North Korea's Unit 123 moved.",
                &[("North Korea", Cue::NorthKorea)]
            ),
            1
        );
        // Far from the cue, in the same North Korean document; a South Korea cue in its own sentence
        // (and one in the sentence after, which is not its window) tells otherwise.
        let later = "North Korea moved. Rain fell. Then Unit 123 left for Seoul. Seoul said so.";
        assert_eq!(weigh_one(later, &[("North Korea", Cue::NorthKorea)]), 1);
        let cues = [("North Korea", Cue::NorthKorea), ("Seoul", Cue::SouthKorea)];
        assert_eq!(weigh_one(later, &cues), 0);
        let after = "North Korea moved. Rain fell. Then Unit 123 left. Seoul said so.";
        assert_eq!(weigh_one(after, &cues), 1);
    }

    #[test]
    fn the_sentence_before_lends_its_cue_its_names_and_its_south_spellings() {
        let reason = |text: &str, cues: &[(&str, Cue)], candidates: Vec<Candidate>| {
            let start = candidates[candidates.len() - 1].start;
            let (_, verdicts) = weighed(text, cues, candidates);
            verdicts
                .into_iter()
                .find(|&(at, _)| at == start)
                .map(|(_, v)| v)
        };
        let text = "North Korea said so. The Cabinet met.";
        let cabinet = || at(text, "Cabinet", 0, 9, flag::NK);
        assert_eq!(
            reason(text, &[("North Korea", Cue::NorthKorea)], vec![cabinet()]),
            Some(Ok(Reason::NorthInSentenceBefore))
        );
        let text = "Hyesan flooded. The Cabinet met.";
        let candidates = vec![
            at(text, "Hyesan", 0, 1, 0),
            at(text, "Cabinet", 0, 9, flag::NK),
        ];
        assert_eq!(
            reason(text, &[], candidates),
            Some(Ok(Reason::NorthInSentenceBefore))
        );
        let text = "Goseong held a fair. Kangwon voted.";
        let candidates = vec![
            at(text, "Goseong", 0, 0, flag::SK),
            at(text, "Kangwon", 0, 6, flag::AMB),
        ];
        assert_eq!(
            reason(text, &[], candidates),
            Some(Err(Reason::SouthInWindow))
        );
    }

    #[test]
    fn a_north_korean_body_anywhere_makes_the_document_north_korean() {
        let text = "The MSS met. Rain fell. Wind blew. The Cabinet met.";
        let mut body = at(text, "MSS", 0, 3, 0);
        body.label = Some(Label::Agency);
        let candidates = vec![body, at(text, "Cabinet", 0, 9, flag::NK)];
        let (kept, verdicts) = weighed(text, &[], candidates);
        assert_eq!(kept.len(), 2);
        assert_eq!(
            verdicts,
            [(text.find("Cabinet").unwrap(), Ok(Reason::NorthDocument))]
        );
    }

    #[test]
    fn the_souths_local_affairs_count_as_its_ground_and_its_marked_spellings_do_not() {
        // Three signs of the South's local affairs against one North Korean place: the South's ground.
        let text = "Hyesan was quiet. Rain fell. Rain fell. Later Kangwon voted.";
        let candidates = || {
            vec![
                at(text, "Hyesan", 0, 1, 0),
                at(text, "Kangwon", 0, 6, flag::AMB),
            ]
        };
        let local = [
            ("Rain", Cue::SouthLocal),
            ("fell", Cue::SouthLocal),
            ("Later", Cue::SouthDocument),
        ];
        let (_, verdicts) = weighed(text, &local, candidates());
        assert_eq!(verdicts.last().unwrap().1, Err(Reason::SouthGround));
        // One in its own sentence is a South Korea cue there.
        let (_, verdicts) = weighed(text, &[("Later", Cue::SouthLocal)], candidates());
        assert_eq!(verdicts.last().unwrap().1, Err(Reason::SouthInWindow));
        let document = [
            ("Rain", Cue::SouthDocument),
            ("fell", Cue::SouthDocument),
            ("Wind", Cue::SouthDocument),
        ];
        let text = "Hyesan was quiet. Rain fell. Wind blew. Later Kangwon voted.";
        let candidates = vec![
            at(text, "Hyesan", 0, 1, 0),
            at(text, "Kangwon", 0, 6, flag::AMB),
        ];
        let (_, verdicts) = weighed(text, &document, candidates);
        assert_eq!(verdicts.last().unwrap().1, Err(Reason::SouthGround));
        // South Korean spellings the words before mark as the South's are named to tell them apart:
        // no sign of the document's ground.
        let text =
            "South Korea's Goseong, South Korea's Cheorwon and South Korea's Pocheon held fairs. \
                    Hyesan was quiet. Later Kangwon voted.";
        let candidates = three_south_spellings_one_place_then_kangwon(text);
        let (_, verdicts) = weighed(text, &[], candidates);
        assert_eq!(verdicts.last().unwrap().1, Ok(Reason::NoNorthEvidence));
    }
}
