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
use crate::buffer::trim;
use crate::candidate::Candidate;
use crate::compile::{Compiled, CompiledEntity, Reading, Target};
use crate::context::{self, Cue};
use crate::entity::{Label, Status};
use crate::gazetteer::flag;
use crate::rules::{self, RuleSet};
use crate::scan::Found;

/// The buffers stage 3 works in, kept from one call to the next.
#[derive(Default)]
pub(crate) struct Matching {
    /// The patterns at one word start.
    found: Vec<Found>,
    /// The readings of one match that stand: entity and reading index.
    kept: Vec<(u32, usize)>,
    /// The text around the words the built-in rules need that a rule's match may cover.
    triggers: Vec<(usize, usize)>,
    /// The text around the trigger words, merged.
    windows: Vec<(usize, usize)>,
    /// Rule matches: rule index, start, end.
    rule_matches: Vec<(usize, usize, usize)>,
}

impl Matching {
    /// Empties the buffers, and gives back any that a long document has grown.
    pub(crate) fn trim(&mut self) {
        trim(&mut self.found);
        trim(&mut self.kept);
        trim(&mut self.triggers);
        trim(&mut self.windows);
        trim(&mut self.rule_matches);
    }
}

/// What stage 3 gives the stages after it: the candidates in text order (at one start, the longest
/// first) and the cue phrases found on the way, with where each starts.
#[derive(Default)]
pub(crate) struct Mentions {
    pub(crate) candidates: Vec<Candidate>,
    pub(crate) cues: Vec<(usize, Cue)>,
}

impl Mentions {
    pub(crate) fn trim(&mut self) {
        trim(&mut self.candidates);
        trim(&mut self.cues);
    }
}

/// Stages 2 and 3: the scan of `compiled`'s automaton over the folded text `f` and the whole-word
/// matches of names and rules, without another country's bodies, into `mentions`.
pub(crate) fn find(
    f: &str,
    compiled: &Compiled,
    rules: &RuleSet,
    matching: &mut Matching,
    mentions: &mut Mentions,
) {
    let Matching {
        found,
        kept,
        triggers,
        windows,
        rule_matches,
    } = matching;
    mentions.candidates.clear();
    mentions.cues.clear();
    triggers.clear();
    let mut take = |m: &Found| take_match(f, compiled, m, kept, mentions, triggers);
    // Emulates a leftmost-longest scan that looks inside the matches that do not stand as clean
    // mentions: the longest pattern at a start is a located match unless it starts inside the last
    // one; a clean one is passed over, the others are searched for every shorter reading.
    let mut located_end = 0;
    compiled.scanner.scan(f, found, |found| {
        let at = found[0].start;
        let longest = found[found.len() - 1];
        if at < located_end {
            for m in found {
                take(m);
            }
            return at;
        }
        located_end = longest.end;
        let clean = take(&longest);
        if clean || inside_a_word(f, &longest) || names_a_thing(f, compiled, &longest) {
            return longest.end;
        }
        for m in &found[..found.len() - 1] {
            take(m);
        }
        at
    });
    let candidates = &mut mentions.candidates;
    // Where the words the built-in rules need were seen; anywhere when a user rule may match there.
    let around = rules.gated.then_some(&triggers[..]);
    rules.find(f, around, windows, rule_matches);
    for &(index, start, end) in rule_matches.iter() {
        let start = start
            + rules::leading_function_words(&f[start..end])
            + rules::leading_possessive(&f[start..end]);
        let end = end - rules::trailing_non_name_words(&f[start..end]);
        // A shape that is also a South Korea cue phrase ("Ministry of Unification") is South Korea's.
        // One ending in Hangul is glued to what follows as a listed body's name is: not into an
        // everyday word (경공업성과를) nor its flag (미사일총국기). One on a listed name's span ("Unit
        // 10215", "Ministry of State Security") would lose to it (rule 7) and only cost the weighing of
        // a rule candidate: the name's own verdict on its context is the one that counts.
        let hangul_end = f[..end].ends_with(crate::normalize::is_hangul);
        if start == end
            || candidates
                .iter()
                .any(|c| c.start == start && c.end == end && c.label.is_some() && !c.pending)
            || !word_ok(f, start, end, false)
            || rules::is_excluded(&f[start..end])
            || context::SOUTH_KOREA_CUES.contains(&&f[start..end])
            || (hangul_end && !boundary::hangul_body_right_ok(f, end))
        {
            continue;
        }
        let rule = &rules.rules[index];
        candidates.push(Candidate::rule(
            start,
            end,
            rule.label,
            index,
            rule.needs_cue,
        ));
    }
    // Later stages read the candidates in text order; at one start, the longest first.
    candidates.sort_unstable_by_key(|c| (c.start, std::cmp::Reverse(c.end), c.origin.is_rule()));
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
fn take_match(
    f: &str,
    compiled: &Compiled,
    m: &Found,
    kept: &mut Vec<(u32, usize)>,
    mentions: &mut Mentions,
    triggers: &mut Vec<(usize, usize)>,
) -> bool {
    let pattern = m.pattern;
    let readings = &compiled.patterns[pattern];
    let (start, end) = (m.start, m.end);
    // The text a rule's match around the word may cover, and a byte more on each side, so that
    // such a match does not touch the edge of the text scanned for it.
    // The words' reach where what their rules need stands near them, around the whole match.
    let reach = compiled.triggers[pattern]
        .iter()
        .filter_map(|&(offset, index)| {
            let (word, reach, near) = rules::TRIGGERS[usize::from(index)];
            let at = start + offset as usize;
            near.holds(f, at, at + word.len(), reach).then_some(reach)
        })
        .reduce(rules::Reach::max);
    if let Some(reach) = reach {
        triggers.push((
            start.saturating_sub(reach.before + 1),
            end + reach.after + 1,
        ));
    }
    let mut clean = false;
    for r in readings {
        if let Target::Cue(cue) = r.target {
            let written = &f[start..end];
            if r.exact
                .as_deref()
                .is_none_or(|phrase| cue_case_fits(written, phrase))
                && (cue == Cue::SouthInstitution || word_ok(f, start, end, r.hangul))
                && (cue != Cue::SouthLocal || !r.hangul || context::south_place_ends(f, end))
            {
                let denied = cue_denied(f, start, end, cue);
                if !denied {
                    let cue = if cue == Cue::SouthKorea && context::is_speaker(f, start, end) {
                        Cue::SouthSpeaker
                    } else {
                        cue
                    };
                    mentions.cues.push((start, cue));
                }
                // A town in brackets is read for the name in it too, which its sentence then weighs
                // ("회의(순천)가", "[철원] 철원군이"), and "the North" for the names that start with its
                // second word ("the North Korean navy").
                clean |=
                    cue != Cue::TheNorth && !context::ends_with_dateline_bracket(f, start, end);
            }
        }
    }
    // A body's Hangul name glued to the body before it (조선로동당중앙위원회): the child of a parent
    // written without its space, which stage 5 joins to it (rule 23).
    let after_body = mentions.candidates.last().is_some_and(|p| {
        p.end == start && matches!(p.label, Some(Label::Agency | Label::Unit)) && !p.pending
    });
    let matched = Match {
        f,
        start,
        end,
        readings,
        after_body,
    };
    if let Some(mut c) = candidate(&matched, &compiled.entities, kept) {
        // A building named after a body ("the former Workers' Party office" in Cheorwon) is the body's
        // mention only where the text makes it North Korea's, as a name that needs context is, and
        // never in a text about the South's ground (rule 29g).
        if c.label.is_some_and(|l| !l.is_place()) && context::building_after(f, c.end) {
            c.flags |= flag::NK | flag::BUILDING;
        }
        // A county or city with the South's local government glued on (고성군수, 철원군청, 포천시의회),
        // one of its townships after it (고성군 현내면), or a namesake with the South's border region
        // after it (강원도 접경지역) or speaking to the press (철원군 관계자, 고성군은 …고 밝혔다): the
        // South's own, and a sign of its ground (rule 27).
        let south_border = || {
            c.flags & (flag::AMB | flag::SK) != 0
                && (context::south_border_after(f, c.end) || context::south_voice_after(f, c.end))
                && !context::is_marked_north(f, c.start, c.end)
        };
        if c.label.is_some_and(Label::is_place)
            && (context::south_office_after(f, c.end)
                || context::south_township_after(f, c.end)
                || context::south_road_address_after(f, c.end)
                || south_border())
        {
            mentions.cues.push((c.start, Cue::SouthLocal));
        }
        // Any other place the words right before mark as the South's ("남한 김화군", the South's half
        // of a county the division split) is the South's: the text says whose it is (rule 9).
        // Namesakes and South spellings are weighed with their context in stage 4. Every such mark is
        // a South Korea cue found just before (the scan is in text order), which spares the others
        // the look.
        let south_cue_before = mentions
            .cues
            .last()
            .is_some_and(|&(at, cue)| cue == Cue::SouthKorea && c.start.saturating_sub(at) <= 48);
        if south_cue_before
            && c.label.is_some_and(Label::is_place)
            && c.flags & (flag::AMB | flag::SK) == 0
            && context::is_marked_south(f, c.start)
        {
            return false;
        }
        let conditional =
            flag::NK | flag::AMB | flag::SK | flag::PERSON | flag::HEAD | flag::MARKED;
        clean = c.flags & conditional == 0 && !c.pending && c.label.is_some();
        mentions.candidates.push(c);
    }
    clean
}

/// Whether the words around a cue phrase take its sense away: "not North Korea", "South Korea"
/// as a place of origin rather than the setting, a dateline.
fn cue_denied(f: &str, start: usize, end: usize, cue: Cue) -> bool {
    match cue {
        // 北 alone is the North in a Korean headline (北 내각, 北의), another word before an ideograph
        // (北京, 北部).
        Cue::NorthKorea if f.as_bytes()[start..end] == *"北".as_bytes() => {
            f[end..].chars().next().is_some_and(boundary::is_ideograph)
        }
        // So is 북, alone or before a particle (북 외무성, 북의 도발), not a word's start (북미, 북쪽).
        Cue::NorthKorea if f.as_bytes()[start..end] == *"북".as_bytes() => {
            !boundary::hangul_bare_right_ok(f, end)
        }
        // 북한강 is the North Han River, in the South (양구, 춘천, 가평), not the North.
        Cue::NorthKorea if f.as_bytes()[start..end] == *"북한".as_bytes() => {
            f[end..].starts_with('강')
        }
        Cue::NorthKorea => context::is_negated(f, start),
        Cue::TheNorth => context::the_north_is_no_country(f, start, end),
        Cue::SouthKorea => {
            context::is_not_setting(f, start, end) || context::is_dateline(f, start, end)
        }
        // A town in a local paper's dateline ("[철원]") only where its opening bracket stands before it.
        Cue::SouthLocal if context::ends_with_dateline_bracket(f, start, end) => {
            !context::is_bracket_dateline(f, start, end)
        }
        _ => context::is_dateline(f, start, end),
    }
}

/// A match of the scan as the steps of [`candidate`] read it: the folded text, where the match is, and
/// the readings of its pattern.
struct Match<'a> {
    f: &'a str,
    start: usize,
    end: usize,
    readings: &'a [Reading],
    /// Whether a body's name ends where this one starts.
    after_body: bool,
}

/// The candidate of a match, in named steps: the left boundary, the readings that fit the text, the
/// head word, the candidate, and what the words after it make of a place. `kept` is scratch space,
/// reused from one match to the next.
fn candidate(
    m: &Match<'_>,
    entities: &[CompiledEntity],
    kept: &mut Vec<(u32, usize)>,
) -> Option<Candidate> {
    let &Match {
        f,
        start,
        end,
        readings,
        after_body,
    } = m;
    // A name that ends in an apostrophe typed for a breve ("Kangso'") right after an opening quote
    // is the name in quotes ("‘Kangso’"): the apostrophe closes them, and the shorter name stands.
    if f[..end].ends_with('\'') && f[..start].ends_with('\'') {
        return None;
    }
    let glued_child = after_body
        && readings.iter().any(|r| match r.target {
            Target::Entity(e) => {
                r.hangul
                    && matches!(
                        entities[e as usize].entity.label,
                        Some(Label::Agency | Label::Unit)
                    )
            }
            _ => false,
        });
    if !left_ok(f, start) && !glued_child {
        return None;
    }
    let secondary = fitting_readings(m, entities, kept);
    if kept.is_empty() && secondary.is_none() {
        return None;
    }
    let (span_end, head) = join_head(m, entities, kept);
    if head.is_none() && f.as_bytes()[start].is_ascii_lowercase() {
        kept.retain(|&(_, r)| case_fit(f, start, end, &readings[r]) == CaseFit::Fits);
        if kept.is_empty() && secondary.is_none() {
            return None;
        }
    }
    let mut candidate = match kept.len() {
        0 => Candidate::secondary_only(start, end, secondary?),
        _ => reading_of(entities, readings, kept, start, span_end, head),
    };
    candidate.has_head = head.is_some();
    if candidate.has_head {
        // The head word makes an everyday word the place ("Anju City"): no context is needed.
        candidate.flags &= !flag::NK;
    }
    // A form that is a place only with its head word may still get it from a plural head after a
    // coordination ("Chollima and Hanggu districts"); so may a person's name (rule 10).
    candidate.pending = head.is_none()
        && kept
            .iter()
            .any(|&(_, r)| readings[r].flags & (flag::PERSON | flag::HEAD) != 0);
    let series = candidate.flags & flag::SERIES != 0;
    // The words after the head word count too: "Ryanggang-do Trading Company", "Sunan County-class";
    // a number after it does not make a series name (rule 29a: "Hwasong District 30 km away").
    if candidate.label.is_some_and(Label::is_place)
        && (context::is_non_place(f, start, end, series)
            || (span_end != end && context::is_non_place_after_head(f, span_end)))
    {
        return None;
    }
    // A song's title named after a body is no body, nor are the names inside it ("People's Army"): it
    // stands without a label, which yields no span but wins the overlap (rule 26).
    if candidate.label.is_some_and(|l| !l.is_place()) && context::in_a_title(f, start) {
        candidate.label = None;
    }
    Some(candidate)
}

/// Whether a name may start at `start`: after a word boundary of its script. Hanja written with its
/// suffix is read like Hangul (rule 22: "Hancha羅先特別市" in an infobox).
fn left_ok(f: &str, start: usize) -> bool {
    let first = f[start..].chars().next();
    if first.is_some_and(crate::normalize::is_hangul) {
        boundary::hangul_left_ok(f, start)
    } else if !f.as_bytes()[start].is_ascii() && first.is_some_and(boundary::is_ideograph) {
        boundary::ideograph_left_ok(f, start)
    } else {
        boundary::latin_left_ok(f, start)
    }
}

/// The entity readings whose case and right boundary fit the text, into `kept` (entity and reading
/// index); returns the first secondary (`alt`) reading's entity, kept apart.
fn fitting_readings(
    m: &Match<'_>,
    entities: &[CompiledEntity],
    kept: &mut Vec<(u32, usize)>,
) -> Option<u32> {
    let &Match {
        f,
        start,
        end,
        readings,
        ..
    } = m;
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
                    && entities[entity as usize]
                        .entity
                        .label
                        .is_some_and(Label::is_place) => {}
            _ => continue,
        }
        let right_ok = if r.hangul {
            if r.flags & flag::BARE == 0 {
                entities[entity as usize]
                    .entity
                    .label
                    .is_some_and(Label::is_place)
                    || boundary::hangul_body_right_ok(f, end)
            } else {
                boundary::hangul_stem_right_ok(f, end)
            }
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
    secondary
}

/// A head word joins where some kept reading's place has or had the status it names (rule 15): the
/// readings without it are dropped. Returns where the name ends, with its head, and the head's status.
fn join_head(
    m: &Match<'_>,
    entities: &[CompiledEntity],
    kept: &mut Vec<(u32, usize)>,
) -> (usize, Option<Status>) {
    let &Match {
        f, end, readings, ..
    } = m;
    let is_place = |&(e, r): &(u32, usize)| {
        !readings[r].hangul
            && entities[e as usize]
                .entity
                .label
                .is_some_and(Label::is_place)
    };
    if !kept.iter().any(is_place) {
        return (end, None);
    }
    let Some((head_end, status)) = boundary::head_after(f, end) else {
        return (end, None);
    };
    let supported = |k: &(u32, usize)| is_place(k) && entities[k.0 as usize].has_status(status);
    if !kept.iter().any(supported) {
        return (end, None);
    }
    kept.retain(supported);
    (head_end, Some(status))
}

/// The candidate the `kept` readings make: one entry's, or, where they name several entries, the one
/// that bears the name today with the others as its alternatives.
fn reading_of(
    entities: &[CompiledEntity],
    readings: &[Reading],
    kept: &[(u32, usize)],
    start: usize,
    end: usize,
    head: Option<Status>,
) -> Candidate {
    let label_of = |&(e, r): &(u32, usize)| -> Option<Label> {
        let e = &entities[e as usize];
        let r = &readings[r];
        if let Some(label) = r.label {
            return Some(label);
        }
        let status = head.or(r.suffix_status).filter(|s| e.has_status(*s));
        status.map(Status::label).or(e.entity.label)
    };
    let flags = kept.iter().fold(0, |acc, &(_, r)| acc | readings[r].flags);
    let shared = kept.iter().any(|&(e, _)| e != kept[0].0);
    if !shared {
        let (e, r) = kept[0];
        let mut c = Candidate::entity(start, end, label_of(&kept[0]), e, readings[r].form);
        c.flags = flags;
        return c;
    }
    let first = kept
        .iter()
        .find(|&&(_, r)| !readings[r].former)
        .unwrap_or(&kept[0]);
    let mut c = Candidate::entity(start, end, label_of(first), first.0, readings[first.1].form);
    let mut distinct: Vec<u32> = Vec::new();
    for &(e, _) in kept {
        if !distinct.contains(&e) {
            distinct.push(e);
        }
    }
    // The one entry that bears the name today, if the others only bore it once (rule 15); context
    // may still choose another (`homonyms`).
    let mut current = kept
        .iter()
        .filter(|&&(_, r)| !readings[r].former)
        .map(|&(e, _)| e);
    let first_current = current.next();
    let only_current = first_current.filter(|&e| current.all(|o| o == e));
    c.entity = only_current;
    c.candidates = distinct;
    c.ambiguous = only_current.is_none();
    c.flags = flags;
    c
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
        // A listed formation named by its number (5군단, 제2사단) is a shape any army has.
        let shape = c.origin.is_rule() || starts_with_number(&f[c.start..c.end]);
        if context::is_foreign(f, c.start, c.end, shape) || coordinated() {
            foreign_ends.push(c.end);
            return false;
        }
        true
    });
}

/// Whether a body's name starts with its number: 5군단, 제2사단, "4th Corps".
fn starts_with_number(name: &str) -> bool {
    let name = name.strip_prefix('제').unwrap_or(name);
    name.starts_with(|c: char| c.is_ascii_digit())
}

/// Whether a numbered or ordinal body at `at` is the last of coordinated numbers ("II and III Corps",
/// "806th and 815th Mechanized Corps", 7·8총국): left untagged, as "Units 324 and 287" are (rule 13).
fn is_coordinated(f: &str, at: usize) -> bool {
    // Most bodies start with neither a digit nor a Roman numeral's letter: nothing to look at.
    if !matches!(f.as_bytes()[at], b'0'..=b'9' | b'I' | b'V' | b'X') {
        return false;
    }
    let starts_numbered = f[at..]
        .split(' ')
        .next()
        .is_some_and(|w| w.starts_with(|c: char| c.is_ascii_digit()) || is_roman(w));
    let before = &f[..at];
    let Some(before) = [" and ", ", ", "·", "ㆍ", "、", " 및 "]
        .iter()
        .find_map(|joint| before.strip_suffix(joint))
    else {
        return false;
    };
    // The word before the joint, without a quote or bracket it opens with ("121·180부대").
    let word = before
        .rsplit(' ')
        .next()
        .unwrap_or(before)
        .trim_start_matches(|c: char| !c.is_alphanumeric());
    starts_numbered
        && (word.starts_with(|c: char| c.is_ascii_digit())
            && word.ends_with(|c: char| c.is_ascii_alphanumeric())
            || is_roman(word))
}

fn is_roman(word: &str) -> bool {
    !word.is_empty() && word.len() <= 4 && word.bytes().all(|b| matches!(b, b'I' | b'V' | b'X'))
}

/// Whether a place's name is the start of a thing's ("Rajin-Sonbong River", "Hamgyong-bukto-class"):
/// then the shorter names at its start and inside it are that thing's too, not places.
fn names_a_thing(f: &str, compiled: &Compiled, m: &Found) -> bool {
    let place = |r: &Reading| match r.target {
        Target::Entity(e) => compiled.entities[e as usize]
            .entity
            .label
            .is_some_and(Label::is_place),
        _ => false,
    };
    compiled.patterns[m.pattern].iter().any(place) && context::is_non_place_after(f, m.end)
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

/// Whether the text of a cue phrase's match is the phrase as listed, in capitals (a headline: "NORTH
/// KOREA"), or with a capital first letter ("The North's" opening a sentence); a phrase that is no
/// acronym, in lower case too (a tag line: "north korea", rule 21). An acronym in lower case ("nk",
/// "rok") is another word.
fn cue_case_fits(written: &str, phrase: &str) -> bool {
    // The automaton matched the phrase ignoring ASCII case: the two have the same bytes but for it.
    let (w, p) = (written.as_bytes(), phrase.as_bytes());
    if w == p {
        return true;
    }
    let acronym = !p.iter().any(u8::is_ascii_lowercase);
    let upper = w.iter().zip(p).all(|(w, p)| *w == p.to_ascii_uppercase());
    let lower = w.iter().zip(p).all(|(w, p)| *w == p.to_ascii_lowercase());
    let capitalized = w[0] == p[0].to_ascii_uppercase() && w[1..] == p[1..];
    upper || capitalized || (lower && !acronym)
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
    if r.exact.as_deref().is_some_and(|exact| {
        let written = &f[start..end];
        written != exact
            && !(written == exact.to_ascii_uppercase() && among_capitals(f, start, end))
    }) {
        return CaseFit::No;
    }
    let lower = f[start..].starts_with(|c: char| c.is_ascii_lowercase());
    // A name that needs context, begun in lower case and capitalised after, is a word before the
    // name: "the party Central Committee" is "Central Committee". In lower case after "a", it is a
    // common noun: "a reconnaissance bureau".
    if lower
        && r.flags & flag::NK != 0
        && (f[start..end].bytes().any(|b| b.is_ascii_uppercase())
            || f[..start].ends_with(" a ")
            || f[..start].ends_with(" an "))
    {
        return CaseFit::No;
    }
    // A lower-case name inside a web address or an e-mail address is part of it (a URL slug), not a
    // mention (rule 21 is about tag lines and captions, not links).
    if !lower {
        CaseFit::Fits
    } else if boundary::inside_link(f, start, end) {
        CaseFit::No
    } else if r.capital && crate::variants::starts_with_direction_adjective(&f[start..]) {
        // The north of a region, whatever head follows ("northern Hwanghae-bukto").
        CaseFit::No
    } else if r.capital {
        CaseFit::NeedsHead
    } else {
        CaseFit::Fits
    }
}

/// Whether the words beside `start..end` are written in capitals, as a headline's are: then a name
/// whose case matters ("Cabinet", not a cabinet) is written in capitals too ("NORTH KOREA CABINET
/// MEETS", rule 21). An acronym's capitals say nothing there: it is written so everywhere.
fn among_capitals(f: &str, start: usize, end: usize) -> bool {
    let before = f[..start].trim_end().rsplit(' ').next().unwrap_or("");
    let after = f[end..].trim_start().split(' ').next().unwrap_or("");
    let capitals = |w: &str| w.bytes().any(|b| b.is_ascii_uppercase());
    let lower = |w: &str| w.bytes().any(|b| b.is_ascii_lowercase());
    (capitals(before) || capitals(after)) && !lower(before) && !lower(after)
}

pub(crate) fn word_ok(f: &str, start: usize, end: usize, hangul: bool) -> bool {
    if hangul {
        boundary::hangul_left_ok(f, start)
    } else {
        boundary::latin_left_ok(f, start) && boundary::latin_right_ok(f, end)
    }
}

#[cfg(test)]
mod tests {
    use std::sync::LazyLock;

    use super::*;
    use crate::compile::builtin;
    use crate::normalize::Folded;

    /// Rule matches: rule index, start, end.
    type Matches = Vec<(usize, usize, usize)>;

    /// The built-in rules, compiled once.
    fn builtin_rules() -> &'static RuleSet {
        static RULES: LazyLock<RuleSet> = LazyLock::new(|| {
            RuleSet::new(rules::builtin(), true).expect("the built-in rules compile")
        });
        &RULES
    }

    /// The rule matches stage 3 finds in the windows around the trigger words, and those of a scan of
    /// the whole text.
    fn windowed_and_whole(text: &str) -> (Matches, Matches) {
        let folded = Folded::new(text);
        let f = folded.as_str();
        let mut matching = Matching::default();
        find(
            f,
            builtin(),
            builtin_rules(),
            &mut matching,
            &mut Mentions::default(),
        );
        let mut whole = Vec::new();
        builtin_rules().find(f, None, &mut Vec::new(), &mut whole);
        (matching.rule_matches, whole)
    }

    #[test]
    fn a_rule_match_is_found_in_the_window_of_its_word() {
        // Each rule at its longest around its word, after text that a wider window would have read.
        let filler = "Several residents of the border town said that the checkpoint was closed. ";
        for matched in [
            "Korean People's Army Unit No. 12345",
            "KPA Navy Large Combined Unit 1234",
            "No. 123 Inspection Unit",
            "Inspection Unit No. 123",
            "12.31 Unit",
            "Bureau No. 123",
            "No. 123 Office",
            "Group 1234",
            "1234 Sangmu",
            "Unified Command 123",
            "12th District Command",
            "Eleventh Mechanized Corps",
            "VIII Corps",
            "Eleventh Light Infantry Division",
            "Division 1234",
            "109 Division",
            "25 Brigade",
            "Eleventh Light Infantry Brigade",
            "Construction Shock Brigade No. 1234",
            "No. 123 Long Range Artillery Regiment",
            "Twelfth Heavy Tank Regiment",
            "Eleventh Department",
            "Ministry of Land and Environment Protection",
            "Academy of Agricultural Sciences",
            "Twelfth Machine Building General Bureau",
            "State Planning and Economic Development Commission",
            "General Bureau of Mining and Metal Industry",
            "Ore Mining General Bureau",
            "Workers' Party of Korea Central Committee Organization and Guidance Department",
            "Propaganda and Agitation Department of the Workers' Party Central Committee",
            "123호실",
            "1234상무",
            "국경경비 제1234군단",
            "제12사단",
            "국가보위성 제12국",
            "제12정찰총국",
            "제12총국",
            "금속공업성",
            "철도성",
            "국가계획위원회",
            // Shapes at the Hangul rules' longest, not real bodies.
            "전자기계설비공업성",
            "국가경제개발계획지도협력위원회",
            "제12가나다라마바사아총국",
            "국경경비 근위 제1234특수작전 여단",
            "제324대연합부대",
        ] {
            let text = format!("{filler}{filler}{matched}. {filler}{filler}");
            let (windowed, whole) = windowed_and_whole(&text);
            assert!(!whole.is_empty(), "no rule matches {matched}");
            assert_eq!(windowed, whole, "{matched}");
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(256))]
        #[test]
        fn windows_find_what_the_whole_text_holds(
            words in proptest::collection::vec(proptest::sample::select(vec![
                "Unit", "Bureau", "Office", "Group", "Sangmu", "Command", "Corps", "Brigade",
                "Regiment", "Division", "Department", "Ministry of", "Academy of", "Commission",
                "Committee", "State", "General", "Central", "Party", "Workers'", "KPA", "Korean People's Army",
                "No.", "12", "123", "1234", "12345", "12.31", "Eleventh", "4th", "VIII", "Light Infantry",
                "Mechanized", "Navy", "Large", "Combined", "Inspection", "Unified", "District",
                "Planning", "Mining", "and", "of the", "Industry", "Sciences", "Shock", "the", "said",
                ",", ".", "제12", "국경경비", "군단", "총국", "보위성", "제3국", "국가", "계획", "위원회",
                "호실", "상무", "공업성", "철도성", "1234상무",
                // Listed names that hold trigger words, and the rest of the Hangul triggers.
                "Central Committee", "국가보위성", "사령부", "보위국", "부대", "제12 부대", "연구소", "Bureau 121",
            ]), 1..60),
        ) {
            let text = words.join(" ");
            let (windowed, whole) = windowed_and_whole(&text);
            proptest::prop_assert_eq!(windowed, whole, "{}", text);
        }
    }

    /// The candidates and cue phrases stage 3 finds in `text` with `compiled`: text, label, whether
    /// linked.
    fn found_in<'t>(
        compiled: &Compiled,
        text: &'t str,
    ) -> (Vec<(&'t str, Option<Label>)>, Vec<Cue>) {
        assert!(text.is_ascii(), "the folded text is the text");
        let mentions = mentions_in(compiled, text);
        let candidates = mentions
            .candidates
            .iter()
            .map(|c| (&text[c.start..c.end], c.label))
            .collect();
        (
            candidates,
            mentions.cues.iter().map(|&(_, cue)| cue).collect(),
        )
    }

    /// What stage 3 makes of `text` (folded first) with `compiled` and the built-in rules.
    fn mentions_in(compiled: &Compiled, text: &str) -> Mentions {
        let folded = Folded::new(text);
        let mut mentions = Mentions::default();
        let matching = &mut Matching::default();
        find(
            folded.as_str(),
            compiled,
            builtin_rules(),
            matching,
            &mut mentions,
        );
        mentions
    }

    /// The compiled gazetteer of `rows`, written here, each row's cells `id` to `note` (the dates empty).
    fn gazetteer_of(rows: &[&str]) -> Compiled {
        let header = "id\tlabel\tkind\tname\tparent\tforms\thangul\tformer\tlat\tlon\tverified\t\
                      sources\tnote\tvalid_from\tvalid_to\tsuccessor";
        let mut tsv = format!("{header}\n");
        for row in rows {
            tsv.push_str(&format!("{row}\t\t\t\n"));
        }
        let gazetteer = crate::gazetteer::Gazetteer::from_tsv("user.tsv", &tsv).unwrap();
        crate::compile::compile(&gazetteer.entries).unwrap()
    }

    /// A gazetteer of two entries, written here: a county and a city that is also an everyday word.
    fn two_places() -> Compiled {
        gazetteer_of(&[
            "musan\tCOUNTY\tcounty\tMusan\t\tMusan\t무산군\t\t\t\tno\t\t",
            "anju\tCITY\tcity\tAnju\t\tAnju\t안주시\t\t\t\tno\t\t",
        ])
    }

    #[test]
    fn a_head_word_joins_only_where_the_place_has_its_status() {
        let compiled = two_places();
        let county = Some(Label::County);
        assert_eq!(
            found_in(&compiled, "Musan County flooded.").0,
            [("Musan County", county)]
        );
        assert_eq!(
            found_in(&compiled, "Musan city flooded.").0,
            [("Musan", county)]
        );
        assert_eq!(
            found_in(&compiled, "MUSAN COUNTY").0,
            [("MUSAN COUNTY", county)]
        );
    }

    #[test]
    fn a_name_inside_a_longer_word_is_no_candidate() {
        let compiled = two_places();
        for text in ["Musanite ore", "the Xmusan mine", "Musan2 plant"] {
            assert_eq!(found_in(&compiled, text).0, [], "{text}");
        }
        assert_eq!(found_in(&compiled, "(Musan)").0.len(), 1);
    }

    #[test]
    fn a_lower_case_everyday_word_is_the_place_only_with_its_head_word() {
        let compiled = two_places();
        assert_eq!(found_in(&compiled, "a plate of anju").0, []);
        assert_eq!(
            found_in(&compiled, "tags: anju city").0,
            [("anju city", Some(Label::City))]
        );
        assert_eq!(
            found_in(&compiled, "In Anju, prices").0,
            [("Anju", Some(Label::City))]
        );
    }

    #[test]
    fn cue_phrases_are_collected_unless_the_words_before_deny_them() {
        let compiled = builtin();
        assert_eq!(found_in(compiled, "North Korea said.").1, [Cue::NorthKorea]);
        assert_eq!(found_in(compiled, "It is not North Korean.").1, []);
    }

    #[test]
    fn another_countrys_bodies_and_the_last_of_coordinated_numbers_are_dropped() {
        let compiled = builtin();
        let bodies = |text| {
            found_in(compiled, text)
                .0
                .into_iter()
                .filter(|(_, l)| matches!(l, Some(Label::Agency | Label::Unit)))
                .map(|(t, _)| t)
                .collect::<std::collections::BTreeSet<_>>()
                .into_iter()
                .collect::<Vec<_>>()
        };
        assert_eq!(
            bodies("The Ministry of State Security arrested him."),
            ["Ministry of State Security"]
        );
        assert_eq!(
            bodies("China's Ministry of State Security arrested him."),
            [] as [&str; 0]
        );
        assert_eq!(bodies("The III Corps moved."), ["III Corps"]);
        assert!(!bodies("The II and III Corps moved.").contains(&"III Corps"));
    }

    #[test]
    fn a_cue_phrase_fits_as_listed_in_capitals_capitalised_and_but_acronyms_in_lower_case() {
        for (written, phrase) in [
            ("North Korea", "North Korea"),
            ("NORTH KOREA", "North Korea"),
            ("The North's", "the North's"),
            ("north korea", "North Korea"),
            ("NK", "NK"),
        ] {
            assert!(cue_case_fits(written, phrase), "{written}");
        }
        for (written, phrase) in [("nk", "NK"), ("Nk", "NK"), ("north Korea", "North Korea")] {
            assert!(!cue_case_fits(written, phrase), "{written}");
        }
    }

    #[test]
    fn a_cue_is_denied_by_a_negation_a_dateline_or_an_ideograph_after_北() {
        let denied = |f: &str, phrase: &str, cue| {
            let start = f.find(phrase).unwrap();
            cue_denied(f, start, start + phrase.len(), cue)
        };
        assert!(denied(
            "It is not North Korean.",
            "North Korean",
            Cue::NorthKorea
        ));
        assert!(!denied(
            "It is North Korean.",
            "North Korean",
            Cue::NorthKorea
        ));
        assert!(denied("北京에서", "北", Cue::NorthKorea));
        assert!(!denied("北 내각", "北", Cue::NorthKorea));
        assert!(denied("북미 정상", "북", Cue::NorthKorea));
        assert!(!denied("북 외무성", "북", Cue::NorthKorea));
        assert!(denied("SEOUL, Dec. 3 (Yonhap)", "SEOUL", Cue::SouthKorea));
        assert!(!denied("Officials in Seoul said", "Seoul", Cue::SouthKorea));
    }

    #[test]
    fn a_rule_match_on_a_listed_names_span_is_no_candidate_of_its_own() {
        let origins = |text: &str| {
            let folded = Folded::new(text);
            let f = folded.as_str();
            mentions_in(builtin(), text)
                .candidates
                .iter()
                .map(|c| (f[c.start..c.end].to_string(), c.origin.is_rule()))
                .collect::<Vec<_>>()
        };
        // Listed: the gazetteer's reading stands alone, and its verdict on context is the only one.
        for name in ["Ministry of State Security", "Unit 10215", "Bureau 121"] {
            let text = format!("The {name} sent officials to the border.");
            assert_eq!(origins(&text), [(name.to_string(), false)], "{text}");
        }
        // Not listed: the rule's shape is the only reading.
        let text = "The Ministry of Tidal Power sent officials to the border.";
        assert_eq!(
            origins(text),
            [("Ministry of Tidal Power".to_string(), true)]
        );
    }

    #[test]
    fn coordinated_numbers_leave_the_last_untagged() {
        let last = |f: &str, name: &str| is_coordinated(f, f.rfind(name).unwrap());
        assert!(last("the II and III Corps", "III"));
        assert!(last("the 806th and 815th Corps", "815th"));
        assert!(last("7·8총국", "8총국"));
        assert!(!last("the Navy and III Corps", "III"));
        assert!(!last("the II and the III Corps", "III"));
        assert!(is_roman("VIII") && !is_roman("VIIII") && !is_roman("") && !is_roman("Vi"));
    }

    #[test]
    fn a_match_at_the_start_of_a_longer_word_hides_what_is_inside_it() {
        let inside = |f: &str, start: usize, end: usize| {
            inside_a_word(
                f,
                &Found {
                    pattern: 0,
                    start,
                    end,
                },
            )
        };
        assert!(inside("second", 0, 3) && inside("xsec", 1, 4));
        assert!(!inside("sec.", 0, 3) && !inside("Musan-ri", 0, 5));
    }

    #[test]
    fn a_place_name_that_starts_a_things_name_hides_the_names_at_its_start() {
        let compiled = builtin();
        let found = |f: &str, name: &str| {
            let start = f.find(name).unwrap();
            let key = name.to_ascii_lowercase();
            let pattern = compiled.keys.iter().position(|k| *k == key).unwrap();
            names_a_thing(
                f,
                compiled,
                &Found {
                    pattern,
                    start,
                    end: start + name.len(),
                },
            )
        };
        assert!(found("The Rajin-Sonbong River", "Rajin-Sonbong"));
        assert!(!found("In Rajin-Sonbong today", "Rajin-Sonbong"));
        assert_eq!(found_in(compiled, "The Rajin-Sonbong River flooded.").0, []);
    }

    #[test]
    fn a_bare_city_stem_that_is_a_word_needs_the_city_named_with_its_suffix_before() {
        let compiled = builtin();
        let cities = |text: &str| {
            let folded = Folded::new(text);
            let f = folded.as_str();
            mentions_in(compiled, text)
                .candidates
                .iter()
                .filter(|c| c.label == Some(Label::City))
                .map(|c| f[c.start..c.end].to_string())
                .collect::<Vec<_>>()
        };
        assert_eq!(cities("개성이 중요하다."), [] as [&str; 0]);
        assert_eq!(
            cities("개성시에 갔다. 개성에서 만났다."),
            ["개성시", "개성"]
        );
        assert_eq!(cities("개성에서 만났다. 개성시에 갔다."), ["개성시"]);
    }

    #[test]
    fn a_latin_name_starts_after_a_word_boundary_not_inside_a_romanized_word() {
        assert!(left_ok("in Musan", 3) && left_ok("(Musan", 1) && left_ok("'Musan", 1));
        assert!(!left_ok("xMusan", 1) && !left_ok("P'yongan", 2));
        assert!(left_ok("북한 무산군", 7) && !left_ok("북한무산군", 6));
        assert!(left_ok("(茂山郡", 1) && !left_ok("山茂山郡", 3));
        // A Latin name that starts with a letter outside ASCII keeps Latin boundaries.
        assert!(left_ok("in Ŭnjŏng", 3) && !left_ok("xŬnjŏng", 1));
    }

    #[test]
    fn a_cue_phrase_must_fit_its_case_and_stand_as_a_word() {
        let compiled = builtin();
        assert_eq!(
            found_in(compiled, "The nk wave and the NKorea label.").1,
            []
        );
        assert_eq!(found_in(compiled, "The NK wave.").1, [Cue::NorthKorea]);
    }

    #[test]
    fn a_match_with_only_secondary_readings_is_a_candidate_without_an_entry() {
        // No built-in form is only secondary; a user's gazetteer may write one.
        let compiled = gazetteer_of(&[
            "sb\tAGENCY\tstate\tSand Bureau\t\tSand Bureau|SDB{alt}\t\t\t\t\tno\t\t",
        ]);
        let mentions = mentions_in(&compiled, "SDB agents came.");
        let sdb = &mentions.candidates;
        assert_eq!(sdb.len(), 1, "{sdb:?}");
        assert!(sdb[0].entity.is_none() && sdb[0].label.is_none() && sdb[0].candidates.is_empty());
    }

    #[test]
    fn the_buffers_are_emptied_and_a_grown_one_given_back() {
        let mut matching = Matching::default();
        matching.found.push(Found {
            pattern: 0,
            start: 0,
            end: 1,
        });
        matching.kept.push((0, 0));
        matching
            .triggers
            .extend((0..2 * crate::buffer::KEEP).map(|i| (i, i)));
        matching.windows.push((0, 1));
        matching.rule_matches.push((0, 0, 1));
        matching.trim();
        assert!(
            matching.found.is_empty() && matching.kept.is_empty() && matching.windows.is_empty()
        );
        assert!(matching.triggers.is_empty() && matching.rule_matches.is_empty());
        assert_eq!(matching.triggers.capacity(), 0);
        assert!(matching.windows.capacity() > 0);
    }

    #[test]
    fn a_name_two_entries_share_keeps_the_flags_of_every_reading() {
        // Two counties named alike, both South Korean namesakes: the candidate is one, and a namesake.
        let row = |id: &str| format!("{id}\tCOUNTY\tcounty\tSamsu\t\tSamsu{{amb}}\t\t\t\t\tno\t\t");
        let compiled = gazetteer_of(&[&row("a"), &row("b")]);
        let mentions = mentions_in(&compiled, "Samsu flooded.");
        let c = &mentions.candidates;
        assert_eq!(c.len(), 1, "{c:?}");
        assert_eq!(c[0].candidates.len(), 2);
        assert_ne!(c[0].flags & flag::AMB, 0);
    }
}
