//! Stage 3: keeping the matches of the scan (stage 2) that stand as mentions.
//!
//! One pass over the word starts finds names, cue phrases and the trigger words of the unit rules, every
//! pattern beginning at each start (`scan`). It keeps what a leftmost-longest scan would locate, and
//! looks closer only where that does not stand as a clean mention: there the shorter readings at the same
//! start and the names starting inside it are taken too. What this gives up: a longer name that starts
//! inside a clean match and ends after it ("Korean People's Army Air Force" inside "North Korean People's
//! Army Air Force") is not seen. Each match becomes a [`Candidate`] once it passes the word boundaries,
//! its head word is joined (`boundary`) and it is not another thing named after a place
//! (`context::is_non_place`). The unit rules run only as far around their trigger words as their matches
//! can reach. Then the candidates that the words around them make another country's, or that stand last
//! in a coordination of numbers, are dropped.

use crate::boundary;
use crate::candidate::Candidate;
use crate::compile::{Reading, Target};
use crate::context::{self, Cue};
use crate::entity::{Label, Status};
use crate::extractor::Extractor;
use crate::gazetteer::flag;
use crate::rules;
use crate::scan::Found;
use crate::scratch::Scratch;

impl Extractor {
    /// Stages 2 and 3: the scan (`scan`) and the whole-word matches of names and rules, in text order (at one start, the longest
    /// first), without another country's bodies, into `scratch.candidates`; and the cue phrases found on
    /// the way, into `scratch.cues`.
    pub(crate) fn candidates(&self, f: &str, scratch: &mut Scratch) {
        let Scratch {
            found,
            kept,
            candidates,
            cues,
            triggers,
            windows,
            rule_matches,
            ..
        } = scratch;
        candidates.clear();
        cues.clear();
        triggers.clear();
        // Emulates a leftmost-longest scan that looks inside the matches that do not stand as clean
        // mentions: the longest pattern at a start is a located match unless it starts inside the last
        // one; a clean one is passed over, the others are searched for every shorter reading.
        let mut located_end = 0;
        self.compiled.scanner.scan(f, found, |found| {
            let at = found[0].start;
            let longest = found[found.len() - 1];
            if at < located_end {
                for m in found {
                    self.take_match(f, m, kept, candidates, cues, triggers);
                }
                return at;
            }
            located_end = longest.end;
            let clean = self.take_match(f, &longest, kept, candidates, cues, triggers);
            if clean || inside_a_word(f, &longest) {
                return longest.end;
            }
            for m in &found[..found.len() - 1] {
                self.take_match(f, m, kept, candidates, cues, triggers);
            }
            at
        });
        // Where the words the built-in rules need were seen; anywhere when a user rule may match there.
        let around = self.rules.gated.then_some(&triggers[..]);
        self.rules.find(f, around, windows, rule_matches);
        for &(index, start, end) in rule_matches.iter() {
            let start = start + rules::leading_function_words(&f[start..end]);
            // A shape that is also a South Korea cue phrase ("Ministry of Unification") is South Korea's.
            if start == end
                || !word_ok(f, start, end, false)
                || rules::is_excluded(&f[start..end])
                || context::SOUTH_KOREA_CUES.contains(&&f[start..end])
            {
                continue;
            }
            let rule = &self.rules.rules[index];
            candidates.push(Candidate::rule(
                start,
                end,
                rule.label,
                index,
                rule.needs_cue,
            ));
        }
        // Later stages read the candidates in text order; at one start, the longest first.
        candidates
            .sort_unstable_by_key(|c| (c.start, std::cmp::Reverse(c.end), c.origin.is_rule()));
        drop_foreign_bodies(f, candidates);
        candidates.retain(|c| {
            !(matches!(c.label, Some(Label::Agency | Label::Unit)) && is_coordinated(f, c.start))
        });
        if candidates.iter().any(|c| c.flags & flag::AFTER_SUFFIX != 0) {
            keep_bare_after_suffix(f, candidates);
        }
    }

    /// Takes the cues, trigger words and candidate of one match. Returns whether it stands as a clean
    /// mention: a name that needs no context, or a cue phrase, on word boundaries.
    pub(crate) fn take_match(
        &self,
        f: &str,
        m: &Found,
        kept: &mut Vec<(u32, usize)>,
        candidates: &mut Vec<Candidate>,
        cues: &mut Vec<(usize, Cue)>,
        triggers: &mut Vec<(usize, usize)>,
    ) -> bool {
        let pattern = m.pattern;
        let readings = &self.compiled.patterns[pattern];
        let (start, end) = (m.start, m.end);
        // The text a rule's match around the word may cover, and a byte more on each side, so that
        // such a match does not touch the edge of the text scanned for it.
        if let Some(reach) = self.compiled.triggers[pattern] {
            triggers.push((
                start.saturating_sub(reach.before + 1),
                end + reach.after + 1,
            ));
        }
        let mut clean = false;
        for r in readings {
            if let Target::Cue(cue) = r.target {
                if exact_ok(f, start, end, r) && word_ok(f, start, end, r.hangul) {
                    let denied = match cue {
                        Cue::NorthKorea => context::is_negated(f, start),
                        Cue::SouthKorea => {
                            context::is_not_setting(f, start, end)
                                || context::is_dateline(f, start, end)
                        }
                        _ => context::is_dateline(f, start, end),
                    };
                    if !denied {
                        cues.push((start, cue));
                    }
                    clean = true;
                }
            }
        }
        if let Some(c) = self.candidate(f, start, end, readings, kept) {
            // A county or city with the South's local government glued on (고성군수, 철원군청, 포천시의회):
            // the South's own, and a sign of its ground (rule 27).
            if c.label.is_some_and(Label::is_place) && context::south_office_after(f, c.end) {
                cues.push((c.start, Cue::SouthLocal));
            }
            let conditional =
                flag::NK | flag::AMB | flag::SK | flag::PERSON | flag::HEAD | flag::MARKED;
            clean = c.flags & conditional == 0 && !c.pending && c.label.is_some();
            candidates.push(c);
        }
        clean
    }

    /// The candidate of a match whose readings are `readings`; `kept` is scratch space, reused from one
    /// match to the next.
    pub(crate) fn candidate(
        &self,
        f: &str,
        start: usize,
        end: usize,
        readings: &[Reading],
        kept: &mut Vec<(u32, usize)>,
    ) -> Option<Candidate> {
        // A name that ends in an apostrophe typed for a breve ("Kangso'") right after an opening quote
        // is the name in quotes ("‘Kangso’"): the apostrophe closes them, and the shorter name stands.
        if f[..end].ends_with('\'') && f[..start].ends_with('\'') {
            return None;
        }
        let hangul = f[start..]
            .chars()
            .next()
            .is_some_and(crate::normalize::is_hangul);
        // Hanja written with its suffix is read like Hangul (rule 22: "Hancha羅先特別市" in an infobox).
        let ideograph = || {
            !f.as_bytes()[start].is_ascii()
                && f[start..]
                    .chars()
                    .next()
                    .is_some_and(crate::boundary::is_ideograph)
        };
        let left_ok = if hangul {
            boundary::hangul_left_ok(f, start)
        } else if ideograph() {
            boundary::ideograph_left_ok(f, start)
        } else {
            boundary::latin_left_ok(f, start)
        };
        if !left_ok {
            return None;
        }
        let right_latin = boundary::latin_right_ok(f, end);
        kept.clear();
        let mut secondary: Option<u32> = None;
        for (index, r) in readings.iter().enumerate() {
            let Target::Entity(entity) = r.target else {
                continue;
            };
            match case_fit(f, start, end, r) {
                CaseFit::Fits => {}
                // Lower case makes the bare form an everyday word ("anju"), not the form with its
                // head word ("anju city"): rule 21 is about the bare word. Kept until the head is known.
                CaseFit::NeedsHead
                    if !r.hangul
                        && self.compiled.entities[entity as usize]
                            .entity
                            .label
                            .is_some_and(Label::is_place) => {}
                _ => continue,
            }
            let right_ok = if r.hangul {
                r.flags & flag::BARE == 0 || boundary::hangul_bare_right_ok(f, end)
            } else {
                right_latin
            };
            if !right_ok {
                continue;
            }
            if r.flags & flag::ALT != 0 {
                secondary.get_or_insert(entity);
            } else {
                kept.push((entity, index));
            }
        }
        if kept.is_empty() && secondary.is_none() {
            return None;
        }
        let entities = &self.compiled.entities;

        // A head word joins where some reading's place has or had the status it names (rule 15).
        let mut span_end = end;
        let mut head: Option<Status> = None;
        let is_place = |&(e, r): &(u32, usize)| {
            !readings[r].hangul
                && entities[e as usize]
                    .entity
                    .label
                    .is_some_and(Label::is_place)
        };
        if kept.iter().any(is_place) {
            if let Some((head_end, status)) = boundary::head_after(f, end) {
                let supported =
                    |k: &(u32, usize)| is_place(k) && entities[k.0 as usize].has_status(status);
                if kept.iter().any(supported) {
                    kept.retain(supported);
                    span_end = head_end;
                    head = Some(status);
                }
            }
        }
        if head.is_none() && f.as_bytes()[start].is_ascii_lowercase() {
            kept.retain(|&(_, r)| case_fit(f, start, end, &readings[r]) == CaseFit::Fits);
            if kept.is_empty() && secondary.is_none() {
                return None;
            }
        }
        // A form that is a place only with its head word may still get it from a plural head after a
        // coordination ("Chollima and Hanggu districts"); so may a person's name (rule 10).
        let pending = head.is_none()
            && kept
                .iter()
                .any(|&(_, r)| readings[r].flags & (flag::PERSON | flag::HEAD) != 0);

        let label_of = |&(e, r): &(u32, usize)| -> Option<Label> {
            let e = &entities[e as usize];
            let r = &readings[r];
            if let Some(label) = r.label {
                return Some(label);
            }
            let status = head.or(r.suffix_status).filter(|s| e.has_status(*s));
            status.map(Status::label).or(e.entity.label)
        };
        let flags_of =
            |kept: &[(u32, usize)]| kept.iter().fold(0, |acc, &(_, r)| acc | readings[r].flags);
        let shared = kept.iter().any(|&(e, _)| e != kept[0].0);
        let mut candidate = match kept.len() {
            0 => Candidate::secondary_only(start, end, secondary?),
            _ if !shared => {
                let (e, r) = kept[0];
                let mut c =
                    Candidate::entity(start, span_end, label_of(&kept[0]), e, readings[r].form);
                c.flags = flags_of(kept);
                c
            }
            _ => {
                let first = kept
                    .iter()
                    .find(|&&(_, r)| !readings[r].former)
                    .unwrap_or(&kept[0]);
                let mut c = Candidate::entity(
                    start,
                    span_end,
                    label_of(first),
                    first.0,
                    readings[first.1].form,
                );
                let mut distinct: Vec<u32> = Vec::new();
                for &(e, _) in kept.iter() {
                    if !distinct.contains(&e) {
                        distinct.push(e);
                    }
                }
                // The one entry that bears the name today, if the others only bore it once (rule
                // 15); context may still choose another (`homonyms`).
                let mut current = kept
                    .iter()
                    .filter(|&&(_, r)| !readings[r].former)
                    .map(|&(e, _)| e);
                let first_current = current.next();
                let only_current = first_current.filter(|&e| current.all(|o| o == e));
                c.entity = only_current;
                c.candidates = distinct;
                c.ambiguous = only_current.is_none();
                c.flags = flags_of(kept);
                c
            }
        };
        candidate.has_head = head.is_some();
        if candidate.has_head {
            // The head word makes an everyday word the place ("Anju City"): no context is needed.
            candidate.flags &= !flag::NK;
        }
        candidate.pending = pending;
        let series = candidate.flags & flag::SERIES != 0;
        // A company's words after the head word count too: "Ryanggang-do Trading Company".
        if candidate.label.is_some_and(Label::is_place)
            && (context::is_non_place(f, start, end, series)
                || (span_end != end && context::is_company_after(f, span_end)))
        {
            return None;
        }
        Some(candidate)
    }
}

/// Drops the bodies that the words around them make another country's ("China's Ministry of State
/// Security", "PLA Unit 61398"), and the numbered designations coordinated after one of those ("PLA Unit
/// 61398, Unit 8201 and Office 366"): a number alone says nothing about whose unit it is.
fn drop_foreign_bodies(f: &str, candidates: &mut Vec<Candidate>) {
    let mut foreign_ends: Vec<usize> = Vec::new();
    candidates.retain(|c| {
        if !matches!(c.label, Some(Label::Agency | Label::Unit)) {
            return true;
        }
        // Candidates come in text order, so a coordinated one follows one of the last foreign bodies;
        // looking further back would make this quadratic in a dense document.
        let coordinated = || {
            c.origin.is_rule()
                && foreign_ends
                    .iter()
                    .rev()
                    .take(4)
                    .any(|&end| boundary::is_connector(f, end, c.start))
        };
        if context::is_foreign(f, c.start, c.end) || coordinated() {
            foreign_ends.push(c.end);
            return false;
        }
        true
    });
}

/// Whether a numbered or ordinal body at `at` is the last of coordinated numbers ("II and III Corps",
/// "806th and 815th Mechanized Corps"): left untagged, as "Units 324 and 287" are (rule 13).
fn is_coordinated(f: &str, at: usize) -> bool {
    let starts_numbered = f[at..]
        .split(' ')
        .next()
        .is_some_and(|w| w.starts_with(|c: char| c.is_ascii_digit()) || is_roman(w));
    let Some(before) = f[..at]
        .strip_suffix(" and ")
        .or_else(|| f[..at].strip_suffix(", "))
    else {
        return false;
    };
    let word = before.rsplit(' ').next().unwrap_or(before);
    starts_numbered
        && (word.starts_with(|c: char| c.is_ascii_digit())
            && word.ends_with(|c: char| c.is_ascii_alphanumeric())
            || is_roman(word))
}

fn is_roman(word: &str) -> bool {
    !word.is_empty() && word.len() <= 4 && word.bytes().all(|b| matches!(b, b'I' | b'V' | b'X'))
}

/// Whether a match is the start of a longer ASCII word ("sec" in "second"): then nothing at or inside it
/// can stand as a word either. One starting at the same place and ending sooner ends inside the word;
/// one starting later starts inside it. So it need not be looked into.
fn inside_a_word(f: &str, m: &Found) -> bool {
    let word = |b: &u8| b.is_ascii_alphanumeric();
    f.as_bytes()[m.start..m.end].iter().all(word)
        && (f.as_bytes()[..m.start].last().is_some_and(word)
            || f.as_bytes().get(m.end).is_some_and(word))
}

/// Rule 18: the bare Hangul name of a city that is also an everyday word (개성, 구성) counts only after
/// the document has named that city with its suffix (개성시); before that, or without it, it is the word.
fn keep_bare_after_suffix(f: &str, candidates: &mut Vec<Candidate>) {
    let suffixed: Vec<(u32, usize)> = candidates
        .iter()
        .filter(|c| c.flags & flag::BARE == 0)
        .filter(|c| f[c.start..].starts_with(crate::normalize::is_hangul))
        .filter_map(|c| c.entity.map(|e| (e, c.start)))
        .collect();
    candidates.retain(|c| {
        c.flags & flag::AFTER_SUFFIX == 0
            || suffixed
                .iter()
                .any(|&(e, at)| Some(e) == c.entity && at < c.start)
    });
}

fn exact_ok(f: &str, start: usize, end: usize, r: &Reading) -> bool {
    case_fit(f, start, end, r) == CaseFit::Fits
}

/// How the letter case of the text at `start..end` fits a reading.
#[derive(Clone, Copy, PartialEq, Eq)]
enum CaseFit {
    Fits,
    /// In lower case where the reading wants a capital: only a following head word can make it the name.
    NeedsHead,
    No,
}

fn case_fit(f: &str, start: usize, end: usize, r: &Reading) -> CaseFit {
    if r.exact
        .as_deref()
        .is_some_and(|exact| &f[start..end] != exact)
    {
        return CaseFit::No;
    }
    let lower = f[start..].starts_with(|c: char| c.is_ascii_lowercase());
    // A lower-case name inside a web address or an e-mail address is part of it (a URL slug), not a
    // mention (rule 21 is about tag lines and captions, not links).
    if !lower {
        CaseFit::Fits
    } else if boundary::inside_link(f, start, end) {
        CaseFit::No
    } else if r.capital {
        CaseFit::NeedsHead
    } else {
        CaseFit::Fits
    }
}

pub(crate) fn word_ok(f: &str, start: usize, end: usize, hangul: bool) -> bool {
    if hangul {
        boundary::hangul_left_ok(f, start)
    } else {
        boundary::latin_left_ok(f, start) && boundary::latin_right_ok(f, end)
    }
}
