//! The extractor: configuration, and the pipeline from text to spans.
//!
//! `extract` runs these stages, each in its own module:
//!
//! 1. fold the text (`normalize`);
//! 2. scan it once with the automaton of every form and cue phrase (`compile`), and run the unit rules
//!    (`rules`);
//! 3. keep the matches that stand as whole words and join their head words (`boundary`), here in
//!    [`Extractor::candidates`];
//! 4. weigh each against its sentence and the one before (`context`): context-dependent forms, South
//!    Korean namesakes, foreign bodies, unit cues; then apply acronyms the document defines;
//! 5. resolve overlaps, longest first (`resolve`), and settle coordinations with a plural head;
//! 6. map the survivors back to the original text, on grapheme boundaries, with byte and char offsets.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use unicode_segmentation::GraphemeCursor;

use crate::boundary;
use crate::compile::{compile, Compiled, Reading, Target};
use crate::context::{self, Cue};
use crate::entity::{Entity, Label, Status};
use crate::error::Error;
use crate::gazetteer::{flag, Gazetteer};
use crate::normalize::Folded;
use crate::resolve::{resolve, Candidate, Origin};
use crate::rules::{self, Rule, RuleSet};
use crate::span::{Source, Span};

static DEFAULT: LazyLock<Extractor> = LazyLock::new(Extractor::new);

/// Extracts spans from `text` with the default extractor (built-in gazetteer and rules), built on first
/// use and shared by every thread.
///
/// ```
/// let spans = nkner::extract("The MSS detained traders in Hyesan.");
/// let found: Vec<_> = spans.iter().map(|s| (s.text.as_str(), s.label.as_str())).collect();
/// assert_eq!(found, [("MSS", "AGENCY"), ("Hyesan", "CITY")]);
/// ```
pub fn extract(text: &str) -> Vec<Span> {
    DEFAULT.extract(text)
}

/// The default extractor, built once from the built-in gazetteer and rules.
pub fn default_extractor() -> &'static Extractor {
    &DEFAULT
}

/// Finds North Korean places, agencies and units in text.
///
/// Build one (it compiles the gazetteer into an automaton, a few milliseconds) and share it: it is
/// `Send + Sync`, and [`extract`](Extractor::extract) takes `&self`.
///
/// ```
/// use nkner::{Extractor, Label};
///
/// let extractor = Extractor::new();
/// let spans = extractor.extract("Agents from the Ministry of State Security (MSS) raided Musan County.");
/// assert_eq!(spans.len(), 3);
/// assert_eq!(spans[0].kb_id.as_deref(), Some("mss"));
/// assert_eq!(spans[1].text, "MSS");
/// assert_eq!(spans[2].text, "Musan County");
/// assert_eq!(spans[2].label, Label::County);
/// assert_eq!(spans[2].parent_id.as_deref(), Some("kp-north-hamgyong"));
/// ```
pub struct Extractor {
    compiled: Compiled,
    rules: RuleSet,
    labels: HashSet<Label>,
}

/// Configures and builds an [`Extractor`].
///
/// By default it uses the built-in gazetteer and rules and keeps every label.
///
/// ```
/// use nkner::{Extractor, Label};
///
/// let places_only = Extractor::builder()
///     .labels([Label::Province, Label::City, Label::County, Label::District])
///     .build()?;
/// let spans = places_only.extract("The KPA moved troops to Sinuiju.");
/// assert_eq!(spans.len(), 1);
/// assert_eq!(spans[0].text, "Sinuiju");
/// # Ok::<(), nkner::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct ExtractorBuilder {
    builtin_gazetteer: bool,
    builtin_rules: bool,
    gazetteers: Vec<Gazetteer>,
    rules: Vec<Rule>,
    labels: Option<Vec<Label>>,
}

impl Default for ExtractorBuilder {
    fn default() -> Self {
        ExtractorBuilder::new()
    }
}

impl ExtractorBuilder {
    /// A builder with the built-in gazetteer and rules, keeping every label.
    pub fn new() -> ExtractorBuilder {
        ExtractorBuilder {
            builtin_gazetteer: true,
            builtin_rules: true,
            gazetteers: Vec::new(),
            rules: Vec::new(),
            labels: None,
        }
    }

    /// Whether to load the built-in gazetteer (default true). Turn it off to use only your own.
    pub fn builtin_gazetteer(&mut self, yes: bool) -> &mut ExtractorBuilder {
        self.builtin_gazetteer = yes;
        self
    }

    /// Whether to use the built-in unit rules (default true).
    pub fn builtin_rules(&mut self, yes: bool) -> &mut ExtractorBuilder {
        self.builtin_rules = yes;
        self
    }

    /// Adds a gazetteer, on top of the built-in one unless that is turned off.
    pub fn gazetteer(&mut self, gazetteer: Gazetteer) -> &mut ExtractorBuilder {
        self.gazetteers.push(gazetteer);
        self
    }

    /// Adds a rule, after the built-in ones.
    pub fn rule(&mut self, rule: Rule) -> &mut ExtractorBuilder {
        self.rules.push(rule);
        self
    }

    /// Keeps only spans with these labels. Overlaps are resolved before this filter, so a dropped
    /// agency name still hides the place inside it, as it would in the full output.
    pub fn labels(&mut self, labels: impl IntoIterator<Item = Label>) -> &mut ExtractorBuilder {
        self.labels = Some(labels.into_iter().collect());
        self
    }

    /// Compiles the gazetteers and rules into an extractor.
    ///
    /// # Errors
    ///
    /// An error naming the file and line of an id defined twice across gazetteers, an unknown parent or
    /// a parent cycle; or the automaton's error if it cannot be built.
    pub fn build(&self) -> Result<Extractor, Error> {
        let mut entries = Vec::new();
        if self.builtin_gazetteer {
            entries.extend(Gazetteer::builtin().entries);
        }
        for g in &self.gazetteers {
            entries.extend(g.entries.iter().cloned());
        }
        let compiled = compile(&entries)?;
        let mut all_rules = if self.builtin_rules {
            rules::builtin()
        } else {
            Vec::new()
        };
        all_rules.extend(self.rules.iter().cloned());
        Ok(Extractor {
            compiled,
            rules: RuleSet::new(all_rules, self.rules.is_empty())?,
            labels: self
                .labels
                .clone()
                .unwrap_or_else(|| Label::ALL.to_vec())
                .into_iter()
                .collect(),
        })
    }
}

impl Default for Extractor {
    fn default() -> Self {
        Extractor::new()
    }
}

impl std::fmt::Debug for Extractor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Extractor")
            .field("entities", &self.compiled.entities.len())
            .field("patterns", &self.compiled.patterns.len())
            .field("rules", &self.rules.rules.len())
            .finish()
    }
}

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

/// Whether the mention at `at` is in a North Korean context: North Korean evidence in its own sentence
/// decides; a South Korea cue there rules out what the sentence before (or `also`: an earlier mention,
/// the document) would suggest.
fn is_north(evidence: &[Evidence], starts: &[usize], at: usize, also: bool) -> bool {
    let own = evidence[context::sentence_of(starts, at)];
    let w = window(evidence, starts, at);
    own.north_cue || own.north_entity || (!own.south_cue && (w.north_cue || w.north_entity || also))
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

impl Extractor {
    /// The extractor of the built-in gazetteer and rules.
    ///
    /// # Panics
    ///
    /// Never in a released crate: the test suite builds it.
    pub fn new() -> Extractor {
        ExtractorBuilder::new()
            .build()
            .unwrap_or_else(|e| panic!("built-in extractor: {e}"))
    }

    /// A builder, to add gazetteers and rules or choose labels.
    pub fn builder() -> ExtractorBuilder {
        ExtractorBuilder::new()
    }

    /// The entity with this id, if the extractor's gazetteers have it.
    ///
    /// ```
    /// let e = nkner::default_extractor().entity("kp-ryanggang-pochon-county").unwrap();
    /// assert_eq!(e.name, "Pochon");
    /// assert_eq!(e.parent.as_deref(), Some("kp-ryanggang"));
    /// ```
    pub fn entity(&self, id: &str) -> Option<&Entity> {
        self.compiled
            .by_id
            .get(id)
            .map(|&i| &self.compiled.entities[i as usize].entity)
    }

    /// The patterns of the extractor's automaton: every form and generated variant, folded and in lower
    /// case (the automaton compares ASCII case-insensitively), and the context cue phrases. Useful to see
    /// what a gazetteer line expands to, and to compare against a bare scan.
    ///
    /// ```
    /// let patterns: Vec<&str> = nkner::default_extractor().patterns().collect();
    /// assert!(patterns.contains(&"pyeongyang"));
    /// assert!(patterns.contains(&"yongbyon"));
    /// ```
    pub fn patterns(&self) -> impl Iterator<Item = &str> {
        self.compiled.keys.iter().map(String::as_str)
    }

    /// Every entity the extractor knows, in gazetteer order.
    pub fn entities(&self) -> impl Iterator<Item = &Entity> {
        self.compiled.entities.iter().map(|e| &e.entity)
    }

    /// Finds the mentions in `text`: spans sorted by start, never overlapping, each on grapheme
    /// boundaries of the original text. Never panics, whatever the input.
    pub fn extract(&self, text: &str) -> Vec<Span> {
        let folded = Folded::new(text);
        let f = folded.as_str();
        let (mut candidates, cues) = self.candidates(f);
        // Later stages read the candidates in text order; at one start, the longest first.
        candidates
            .sort_unstable_by_key(|c| (c.start, std::cmp::Reverse(c.end), c.origin.is_rule()));
        drop_foreign_bodies(f, &mut candidates);
        let conditional = flag::NK | flag::AMB | flag::SK;
        if candidates
            .iter()
            .any(|c| c.flags & conditional != 0 || c.needs_cue)
        {
            let starts = context::sentence_starts(f, folded.line_breaks());
            self.weigh(f, &starts, &cues, &mut candidates);
        }
        self.apply_definitions(f, &mut candidates);
        let mut accepted = resolve(candidates);
        self.settle_coordinations(f, &mut accepted);
        accepted.retain(|c| c.label.is_some_and(|l| self.labels.contains(&l)) && !c.pending);
        self.to_spans(text, &folded, accepted)
    }

    /// Stage 3: whole-word matches of names and rules, and the cue phrases found on the way.
    fn candidates(&self, f: &str) -> (Vec<Candidate>, Vec<(usize, Cue)>) {
        let mut candidates = Vec::new();
        let mut cues = Vec::new();
        // Where the words the built-in rules need were seen; `None` when a user rule may match anywhere.
        let mut triggers: Option<Vec<(usize, usize)>> = self.rules.gated.then(Vec::new);
        for located in self.compiled.locate(f) {
            let clean = self.take_match(f, &located, &mut candidates, &mut cues, &mut triggers);
            if !clean && !inside_a_word(f, &located) {
                for m in self.compiled.within(f, &located) {
                    self.take_match(f, &m, &mut candidates, &mut cues, &mut triggers);
                }
            }
        }
        for (index, start, end) in self.rules.find(f, triggers.as_deref()) {
            if start == end || !word_ok(f, start, end, false) || rules::is_excluded(&f[start..end])
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
        (candidates, cues)
    }

    /// Takes the cues, trigger words and candidate of one match. Returns whether it stands as a clean
    /// mention: a name that needs no context, or a cue phrase, on word boundaries.
    fn take_match(
        &self,
        f: &str,
        m: &aho_corasick::Match,
        candidates: &mut Vec<Candidate>,
        cues: &mut Vec<(usize, Cue)>,
        triggers: &mut Option<Vec<(usize, usize)>>,
    ) -> bool {
        let pattern = m.pattern().as_usize();
        let readings = &self.compiled.patterns[pattern];
        let (start, end) = (m.start(), m.end());
        if self.compiled.triggers[pattern] {
            if let Some(t) = triggers.as_mut() {
                t.push((start, end));
            }
        }
        let mut clean = false;
        for r in readings {
            if let Target::Cue(cue) = r.target {
                if exact_ok(f, start, end, r) && word_ok(f, start, end, r.hangul) {
                    if cue != Cue::NorthKorea || !context::is_negated(f, start) {
                        cues.push((start, cue));
                    }
                    clean = true;
                }
            }
        }
        if let Some(c) = self.candidate(f, start, end, readings) {
            let conditional = flag::NK | flag::AMB | flag::SK | flag::PERSON | flag::HEAD;
            clean = c.flags & conditional == 0 && !c.pending && c.label.is_some();
            candidates.push(c);
        }
        clean
    }

    fn candidate(
        &self,
        f: &str,
        start: usize,
        end: usize,
        readings: &[Reading],
    ) -> Option<Candidate> {
        let hangul = f[start..]
            .chars()
            .next()
            .is_some_and(crate::normalize::is_hangul);
        let left_ok = if hangul {
            boundary::hangul_left_ok(f, start)
        } else {
            boundary::latin_left_ok(f, start)
        };
        if !left_ok {
            return None;
        }
        let right_latin = boundary::latin_right_ok(f, end);
        let mut kept: Vec<(u32, &Reading)> = Vec::new();
        let mut secondary: Option<u32> = None;
        for r in readings {
            let Target::Entity(entity) = r.target else {
                continue;
            };
            if !exact_ok(f, start, end, r) {
                continue;
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
                kept.push((entity, r));
            }
        }
        if kept.is_empty() && secondary.is_none() {
            return None;
        }
        let entities = &self.compiled.entities;

        // A head word joins where some reading's place has or had the status it names (rule 15).
        let mut span_end = end;
        let mut head: Option<Status> = None;
        let is_place = |&(e, r): &(u32, &Reading)| {
            !r.hangul
                && entities[e as usize]
                    .entity
                    .label
                    .is_some_and(Label::is_place)
        };
        if kept.iter().any(is_place) {
            if let Some((head_end, status)) = boundary::head_after(f, end) {
                let supported: Vec<(u32, &Reading)> = kept
                    .iter()
                    .copied()
                    .filter(|k| is_place(k) && entities[k.0 as usize].has_status(status))
                    .collect();
                if !supported.is_empty() {
                    kept = supported;
                    span_end = head_end;
                    head = Some(status);
                }
            }
        }
        // A form that is a place only with its head word may still get it from a plural head after a
        // coordination ("Chollima and Hanggu districts"); so may a person's name (rule 10).
        let pending = head.is_none()
            && kept
                .iter()
                .any(|(_, r)| r.flags & (flag::PERSON | flag::HEAD) != 0);

        let label_of = |&(e, r): &(u32, &Reading)| -> Option<Label> {
            let e = &entities[e as usize];
            if let Some(label) = r.label {
                return Some(label);
            }
            let status = head.or(r.suffix_status).filter(|s| e.has_status(*s));
            status.map(Status::label).or(e.entity.label)
        };
        // A name that is one entry's own and another's former name links to the entry whose own name it
        // is (rule 15: "National Defence Commission" is `ndc`, not the `sac` it became).
        if kept.iter().any(|(_, r)| !r.former) {
            kept.retain(|(_, r)| !r.former);
        }
        let shared = kept.iter().any(|&(e, _)| e != kept[0].0);
        let mut candidate = match kept.len() {
            0 => Candidate::secondary_only(start, end, secondary?),
            _ if !shared => {
                let (e, r) = kept[0];
                let mut c = Candidate::entity(start, span_end, label_of(&kept[0]), e, r.form);
                c.flags = kept.iter().fold(0, |acc, (_, r)| acc | r.flags);
                c
            }
            _ => {
                let first = &kept[0];
                let mut c =
                    Candidate::entity(start, span_end, label_of(first), first.0, first.1.form);
                let mut distinct: Vec<u32> = Vec::new();
                for &(e, _) in &kept {
                    if !distinct.contains(&e) {
                        distinct.push(e);
                    }
                }
                c.entity = None;
                c.candidates = distinct;
                c.ambiguous = true;
                c.flags = kept.iter().fold(0, |acc, (_, r)| acc | r.flags);
                c
            }
        };
        candidate.has_head = head.is_some();
        candidate.pending = pending;
        if candidate.label.is_some_and(Label::is_place) && context::is_non_place(f, start, end) {
            return None;
        }
        Some(candidate)
    }

    /// Stage 4: context. Drops what its sentence says is not North Korean, flags namesakes. (Bodies
    /// marked as foreign by the words right around them are dropped before, without sentences.)
    ///
    /// Decisions are taken in an order where each one can lean on the ones before: a South Korean
    /// spelling that is dropped is itself a sign the text is about South Korea (rule 9); a namesake or a
    /// context-dependent form that is kept is a sign the text is about North Korea, for the forms and the
    /// unit rules decided after it.
    fn weigh(
        &self,
        f: &str,
        starts: &[usize],
        cues: &[(usize, Cue)],
        candidates: &mut Vec<Candidate>,
    ) {
        let mut evidence = vec![Evidence::default(); starts.len()];
        for &(at, cue) in cues {
            let e = &mut evidence[context::sentence_of(starts, at)];
            match cue {
                Cue::NorthKorea => e.north_cue = true,
                Cue::SouthKorea => e.south_cue = true,
            }
        }
        let mut body_anchor = false;
        let mut place_anchors: Vec<u32> = Vec::new();
        for c in candidates.iter().filter(|c| c.is_anchor()) {
            evidence[context::sentence_of(starts, c.start)].north_entity = true;
            match (c.label, c.entity) {
                (Some(Label::Agency | Label::Unit), _) => body_anchor = true,
                (_, Some(e)) if !place_anchors.contains(&e) => place_anchors.push(e),
                _ => {}
            }
        }
        // The document as a whole counts as North Korean where it says so ("North Korea", 북한), names a
        // North Korean body, or names two North Korean places: one place name that is also a common word
        // ("Anju") must not make it so.
        let north_document =
            body_anchor || place_anchors.len() >= 2 || evidence.iter().any(|e| e.north_cue);
        let mut keep = vec![true; candidates.len()];

        for (i, c) in candidates.iter_mut().enumerate() {
            if c.flags & flag::SK == 0 {
                continue;
            }
            let w = window(&evidence, starts, c.start);
            let marked = context::is_marked_north(f, c.start, c.end);
            if marked || (w.north_entity && !w.south_cue) {
                c.ambiguous = true;
            } else {
                keep[i] = false;
                evidence[context::sentence_of(starts, c.start)].south_spelling = true;
            }
        }
        for (i, c) in candidates.iter_mut().enumerate() {
            if c.flags & flag::AMB == 0 || c.flags & flag::SK != 0 {
                continue;
            }
            let w = window(&evidence, starts, c.start);
            let marked = context::is_marked_north(f, c.start, c.end);
            if !marked && (w.south_cue || w.south_spelling) {
                keep[i] = false;
            } else {
                c.ambiguous = true;
                evidence[context::sentence_of(starts, c.start)].north_entity = true;
            }
        }
        let mut established: HashSet<u32> = HashSet::new();
        for (i, c) in candidates.iter().enumerate() {
            if c.flags & flag::NK == 0 || !keep[i] {
                continue;
            }
            let sentence = context::sentence_of(starts, c.start);
            let known = c.entity.is_some_and(|e| established.contains(&e));
            let w = window(&evidence, starts, c.start);
            let north_elsewhere = north_document && !w.south_cue;
            if is_north(&evidence, starts, c.start, known || north_elsewhere) {
                established.extend(c.entity);
                evidence[sentence].north_entity = true;
            } else {
                keep[i] = false;
            }
        }
        for (i, c) in candidates.iter().enumerate() {
            if c.needs_cue {
                keep[i] &= is_north(&evidence, starts, c.start, false);
            }
        }
        let mut keep = keep.into_iter();
        candidates.retain(|_| keep.next().unwrap_or(false));
    }

    /// Acronyms the document defines ("Ministry of Social Security (MSS)") take that meaning from there
    /// on; an acronym the gazetteer lacks is found in the rest of the document too.
    fn apply_definitions(&self, f: &str, candidates: &mut Vec<Candidate>) {
        let mut defined: HashMap<&str, (u32, usize)> = HashMap::new();
        for c in candidates.iter_mut() {
            let text = &f[c.start..c.end];
            if let Some(&(entity, _)) = defined.get(text) {
                if c.entity != Some(entity) {
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
        let known: HashSet<(usize, usize)> = candidates.iter().map(|c| (c.start, c.end)).collect();
        // An acronym is a run of ASCII letters and digits: one pass over the runs finds every defined
        // acronym, however many the document defines.
        let bytes = f.as_bytes();
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
            let Some(&(entity, from)) = defined.get(&f[start..at]) else {
                continue;
            };
            if start >= from && word_ok(f, start, at, false) && !known.contains(&(start, at)) {
                let label = self.compiled.entities[entity as usize].entity.label;
                let mut c = Candidate::entity(start, at, label, entity, 0);
                c.origin = Origin::Acronym;
                candidates.push(c);
            }
        }
    }

    /// A plural head after a coordination gives its status to the names before it ("Pochon and Samsu
    /// counties"), and lets a person-derived place name stand without its own head (rule 10).
    fn settle_coordinations(&self, f: &str, accepted: &mut [Candidate]) {
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
                    if !c.has_head && self.compiled.entities[entity as usize].has_status(status) {
                        c.label = Some(status.label());
                    }
                }
            }
            i = j + 1;
        }
    }

    /// Stage 6: spans in the original text.
    fn to_spans(&self, text: &str, folded: &Folded<'_>, accepted: Vec<Candidate>) -> Vec<Span> {
        let f = folded.as_str();
        let mut spans = Vec::with_capacity(accepted.len());
        let mut chars_before = 0usize;
        let mut counted_to = 0usize;
        let mut last_end = 0usize;
        for c in accepted {
            let Some(label) = c.label else { continue };
            let start_raw = folded.original_start(c.start);
            let last_char = f[..c.end]
                .char_indices()
                .next_back()
                .map_or(c.start, |(i, _)| i);
            let last_start = folded.original_start(last_char);
            let end_raw = last_start + text[last_start..].chars().next().map_or(0, char::len_utf8);
            let start_byte = grapheme_floor(text, start_raw);
            let end_byte = grapheme_ceil(text, end_raw);
            if start_byte < last_end || end_byte <= start_byte {
                continue;
            }
            last_end = end_byte;
            chars_before += count_chars(&text[counted_to..start_byte]);
            let start = chars_before;
            let end = start + count_chars(&text[start_byte..end_byte]);
            chars_before = end;
            counted_to = end_byte;
            spans.push(self.span(text, c, label, (start, end), (start_byte, end_byte)));
        }
        spans
    }

    fn span(
        &self,
        text: &str,
        c: Candidate,
        label: Label,
        (start, end): (usize, usize),
        (start_byte, end_byte): (usize, usize),
    ) -> Span {
        let entities = &self.compiled.entities;
        let entity = c.entity.map(|e| &entities[e as usize]);
        let matched = &text[start_byte..end_byte];
        let source = match c.origin {
            Origin::Form { entity, form } => Source::Gazetteer {
                form: entities[entity as usize].forms[form as usize].clone(),
            },
            Origin::Rule(index) => Source::Rule {
                rule: self.rules.rules[index].name.clone(),
            },
            Origin::Acronym => Source::Acronym {
                acronym: matched.to_string(),
            },
        };
        Span {
            start_char: start,
            end_char: end,
            start_byte,
            end_byte,
            label,
            text: matched.to_string(),
            kb_id: entity.map(|e| e.id.clone()),
            name: entity.map(|e| e.name.clone()),
            parent_id: entity.and_then(|e| e.parent.clone()),
            province_id: entity.and_then(|e| e.province.clone()),
            ambiguous: c.ambiguous,
            candidates: c
                .candidates
                .iter()
                .map(|&i| entities[i as usize].id.clone())
                .collect(),
            source,
        }
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
        let coordinated = || {
            c.origin.is_rule()
                && foreign_ends
                    .iter()
                    .any(|&end| boundary::is_connector(f, end, c.start))
        };
        if context::is_foreign(f, c.start, c.end) || coordinated() {
            foreign_ends.push(c.end);
            return false;
        }
        true
    });
}

/// Whether a match is a fragment of a longer ASCII word ("sec" in "second", "NK" in "think"): then no
/// match that starts inside it can stand as a word either. One starting at the same place and ending
/// sooner ends inside the word; one ending later would have been the leftmost-longest match; one starting
/// later starts inside the word. So its window need not be searched.
fn inside_a_word(f: &str, m: &aho_corasick::Match) -> bool {
    let word = |b: &u8| b.is_ascii_alphanumeric();
    f.as_bytes()[m.start()..m.end()].iter().all(word)
        && (f.as_bytes()[..m.start()].last().is_some_and(word)
            || f.as_bytes().get(m.end()).is_some_and(word))
}

fn exact_ok(f: &str, start: usize, end: usize, r: &Reading) -> bool {
    let capital_ok = !r.capital || f[start..].starts_with(|c: char| c.is_uppercase());
    capital_ok
        && r.exact
            .as_deref()
            .is_none_or(|exact| &f[start..end] == exact)
}

fn word_ok(f: &str, start: usize, end: usize, hangul: bool) -> bool {
    if hangul {
        boundary::hangul_left_ok(f, start)
    } else {
        boundary::latin_left_ok(f, start) && boundary::latin_right_ok(f, end)
    }
}

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

fn count_chars(s: &str) -> usize {
    s.as_bytes().iter().filter(|&&b| (b & 0xC0) != 0x80).count()
}

fn grapheme_floor(text: &str, at: usize) -> usize {
    let mut cursor = GraphemeCursor::new(at, text.len(), true);
    match cursor.is_boundary(text, 0) {
        Ok(true) => at,
        _ => cursor.prev_boundary(text, 0).ok().flatten().unwrap_or(0),
    }
}

fn grapheme_ceil(text: &str, at: usize) -> usize {
    let mut cursor = GraphemeCursor::new(at, text.len(), true);
    match cursor.is_boundary(text, 0) {
        Ok(true) => at,
        _ => cursor
            .next_boundary(text, 0)
            .ok()
            .flatten()
            .unwrap_or(text.len()),
    }
}
