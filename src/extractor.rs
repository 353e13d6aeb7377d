//! The extractor: configuration, and the pipeline from text to spans.
//!
//! `extract` runs these stages, each in its own module:
//!
//! 1. fold the text (`normalize`);
//! 2. scan it once with the automaton of every form and cue phrase (`scan`, over what `compile` built),
//!    and run the unit rules (`rules`);
//! 3. keep the matches that stand as whole words, join their head words (`boundary`) and drop another
//!    country's bodies (`candidates`);
//! 4. weigh the names that depend on context against their sentence, the one before and the document
//!    (`weigh`, with the cue lists of `context`); then apply acronyms the document defines (`acronyms`);
//! 5. resolve overlaps, longest first (`resolve`); join nested and juxtaposed bodies (`nested`); settle
//!    names shared by several entries (`homonyms`) and coordinations with a plural head;
//! 6. map the survivors back to the original text, on grapheme boundaries, with byte and char offsets
//!    (`output`).
//!
//! `Extractor::run` is that list, one call a stage.

use std::sync::LazyLock;

use crate::acronyms;
use crate::candidates;
use crate::compile::{compile, Compiled};
use crate::entity::{Entity, Label};
use crate::error::Error;
use crate::explain::{Decision, Explanation};
use crate::gazetteer::Gazetteer;
use crate::normalize::Folded;
use crate::output::{self, original_range, EachSpan, SpanSink};
use crate::resolve::resolve;
use crate::rules::{self, Rule, RuleSet};
use crate::scratch::Scratch;
use crate::settle::settle;
use crate::span::Span;
use crate::weigh::{self, Trace};

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
    pub(crate) compiled: Compiled,
    pub(crate) rules: RuleSet,
    /// The labels kept, a bit each.
    labels: u8,
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
    /// successor, or a parent cycle; or the automaton's error if it cannot be built.
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
                .as_deref()
                .unwrap_or(&Label::ALL)
                .iter()
                .fold(0, |bits, &l| bits | label_bit(l)),
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

    /// Every entry a name or spelling matches, with the form and the variant rules that match it, as a
    /// span's provenance would say; a trailing head word ("Pochon County") joins where the place has that
    /// status. Context is not weighed: the flags say which readings depend on it.
    ///
    /// ```
    /// let found = nkner::default_extractor().lookup("Nason");
    /// assert_eq!(found[0].entity.id, "kp-rason");
    /// assert_eq!(found[0].form, "Rason");
    /// assert_eq!(found[0].rules, ["3: initial sound"]);
    /// ```
    pub fn lookup(&self, name: &str) -> Vec<crate::Lookup<'_>> {
        crate::lookup::lookup(&self.compiled, name)
    }

    /// For a name that [`lookup`](Extractor::lookup) does not know, the entries whose spellings are
    /// nearest (at most five, nearest first, one per entry): spellings within one edit of the folded
    /// name, or two for a name of seven characters or more, where an edit inserts, deletes or replaces a
    /// character or swaps two neighbours.
    ///
    /// ```
    /// let near = nkner::default_extractor().suggest("Pyongayng");
    /// assert_eq!(near[0].spelling, "pyongyang");
    /// assert_eq!(near[0].found.entity.id, "kp-pyongyang");
    /// ```
    pub fn suggest(&self, name: &str) -> Vec<crate::Suggestion<'_>> {
        crate::lookup::suggest(&self.compiled, name, 5)
    }

    /// Every entity the extractor knows, in gazetteer order.
    pub fn entities(&self) -> impl Iterator<Item = &Entity> {
        self.compiled.entities.iter().map(|e| &e.entity)
    }

    /// Finds the mentions in `text`: spans sorted by start, never overlapping, each on grapheme
    /// boundaries of the original text. Never panics, whatever the input.
    pub fn extract(&self, text: &str) -> Vec<Span> {
        let folded = Folded::new(text);
        let mut spans = Vec::new();
        Scratch::with(|scratch| self.run(text, &folded, None, scratch, &mut spans));
        spans
    }

    /// As [`extract`](Extractor::extract), handing each span to `each`, in order, as it is made rather
    /// than collecting them. On text dense with names a [`Span`] takes many times the bytes of its
    /// mention, so a caller that writes spans out as they come keeps a very long document's memory to a
    /// small multiple of its size.
    ///
    /// ```
    /// let mut labels = Vec::new();
    /// nkner::default_extractor().extract_each("Traders in Hyesan and Musan County.", |span| {
    ///     labels.push(span.label.to_string())
    /// });
    /// assert_eq!(labels, ["CITY", "COUNTY"]);
    /// ```
    pub fn extract_each(&self, text: &str, each: impl FnMut(Span)) {
        let folded = Folded::new(text);
        let mut sink = EachSpan(each);
        Scratch::with(|scratch| self.run(text, &folded, None, scratch, &mut sink));
    }

    /// The spans of `text` with the evidence behind the names whose reading depends on context: what
    /// the document as a whole says, and why each namesake, South Korean spelling, context-dependent
    /// name and numbered unit was kept or dropped. Slower than [`extract`](Extractor::extract); for
    /// looking into a result, not for batch work.
    pub fn explain(&self, text: &str) -> Explanation {
        let folded = Folded::new(text);
        let mut trace = Trace::default();
        let mut spans = Vec::new();
        Scratch::with(|scratch| {
            self.run(text, &folded, Some(&mut trace), scratch, &mut spans);
        });
        let decisions = trace
            .verdicts
            .into_iter()
            .map(|(start, end, verdict)| {
                let (start_byte, end_byte) = original_range(text, &folded, start, end);
                Decision {
                    text: text[start_byte..end_byte].to_string(),
                    start_byte,
                    end_byte,
                    kept: verdict.is_ok(),
                    reason: verdict.unwrap_or_else(|reason| reason),
                }
            })
            .collect();
        Explanation {
            spans,
            document: trace.document,
            decisions,
        }
    }

    /// The pipeline, stage by stage; `trace` collects the context decisions for [`Extractor::explain`].
    fn run(
        &self,
        text: &str,
        folded: &Folded<'_>,
        trace: Option<&mut Trace>,
        scratch: &mut Scratch,
        sink: &mut dyn SpanSink,
    ) {
        let f = folded.as_str();
        let compiled = &self.compiled;
        let rules = &self.rules.rules;
        let Scratch {
            matching,
            mentions,
            weighing,
            accepted,
        } = scratch;
        candidates::find(f, compiled, &self.rules, matching, mentions);
        weigh::weigh(f, folded, rules, mentions, weighing, trace);
        acronyms::apply_definitions(f, compiled, &mut mentions.candidates);
        resolve(&mut mentions.candidates, accepted);
        settle(f, folded.line_breaks(), compiled, accepted);
        accepted.retain(|c| c.label.is_some_and(|l| self.labels & label_bit(l) != 0) && !c.pending);
        output::to_spans(text, compiled, rules, folded, accepted, sink);
    }
}

fn label_bit(label: Label) -> u8 {
    1 << label as u8
}

/// The cue lists of `context` generate their cases here, over the whole pipeline: a new cue brings its
/// cases with it, as a new gazetteer row does in `tests/behaviour.rs`.
#[cfg(test)]
mod tests {
    use crate::context::{
        DATELINE_BRACKETS, DATELINE_TOWNS, FOREIGN_BEFORE, KOREAN_SPEECH_VERBS, ORIGIN_BEFORE,
        OTHER_COUNTRY_CUES, OTHER_SETTING_CUES, SOUTH_DOCUMENT_CUES, SOUTH_INSTITUTION_CUES,
        SOUTH_KOREA_CUES, SOUTH_LOCAL_CUES, SOUTH_SIDE_CUES, SPEECH_VERBS, TARGET_AFTER,
    };
    use crate::entity::Label;

    /// The namesakes of the gazetteer, Hangul (고성군, 철원군) or Latin (Kosong, Ch'ŏrwŏn): a county or
    /// city form shared with the South.
    fn namesakes(hangul: bool) -> Vec<String> {
        crate::gazetteer::Gazetteer::builtin()
            .entries
            .iter()
            .filter(|e| matches!(e.entity.label, Some(Label::County | Label::City)))
            .flat_map(|e| &e.forms)
            .filter(|f| f.hangul == hangul && f.flags & crate::gazetteer::flag::AMB != 0)
            .map(|f| f.text.clone())
            .collect()
    }

    /// The names `extract` finds in `text`.
    fn names_in(text: &str) -> Vec<String> {
        crate::extract(text).into_iter().map(|s| s.text).collect()
    }

    /// Every form of the built-in gazetteer that carries `flag`, as written.
    fn forms_with_flag(flag: u32) -> Vec<String> {
        crate::gazetteer::Gazetteer::builtin()
            .entries
            .iter()
            .flat_map(|e| &e.forms)
            .filter(|f| f.flags & flag != 0)
            .map(|f| f.text.clone())
            .collect()
    }

    /// Asserts that `extract` finds no name in `text`.
    fn assert_no_name(text: &str) {
        let names = names_in(text);
        assert!(names.is_empty(), "{text}: {names:?}");
    }

    /// Asserts that `extract` does not find `name` in `text`.
    fn assert_lacks(text: &str, name: &str) {
        let names = names_in(text);
        assert!(!names.iter().any(|n| n == name), "{text}: {names:?}");
    }

    /// Asserts that `extract` finds `name` in `text`.
    fn assert_finds(text: &str, name: &str) {
        let names = names_in(text);
        assert!(names.iter().any(|n| n == name), "{text}: {names:?}");
    }

    /// Every South institution cue, glued to every namesake as the South's local news writes it, makes
    /// the text about the South's ground and drops the namesake; the same text without the cue keeps
    /// it (rules 9, 27). Generated from the cue list: a new cue brings its cases.
    #[test]
    fn every_south_institution_drops_every_namesake() {
        let namesakes = namesakes(true);
        assert!(namesakes.iter().any(|n| n == "고성군"), "{namesakes:?}");
        for cue in SOUTH_INSTITUTION_CUES {
            for name in &namesakes {
                let stem = name.trim_end_matches(['군', '시']);
                let (with, without) = match *cue {
                    "억원" => (
                        format!("{name}에 3억원을 들여 도로를 닦았다."),
                        format!("{name}에 도로를 닦았다."),
                    ),
                    day if day.ends_with("민의 날") => {
                        let suffix = &day[..day.find("민의 날").unwrap()];
                        if !name.ends_with(suffix) {
                            continue;
                        }
                        (
                            format!("{name}민의 날 행사가 {name}에서 열렸다."),
                            format!("행사가 {name}에서 열렸다."),
                        )
                    }
                    office => (
                        format!("{stem}{office} 관계자는 {name}에 눈이 내렸다고 밝혔다."),
                        format!("관계자는 {name}에 눈이 내렸다고 밝혔다."),
                    ),
                };
                assert_eq!(names_in(&without), [name.as_str()], "{without}");
                assert_lacks(&with, name);
            }
        }
    }

    /// Every Hangul form that the South shares, at any level (강원도, 고성군, 철원군).
    fn hangul_namesakes_of_every_level() -> Vec<String> {
        crate::gazetteer::Gazetteer::builtin()
            .entries
            .iter()
            .flat_map(|e| &e.forms)
            .filter(|f| f.hangul && f.flags & crate::gazetteer::flag::AMB != 0)
            .map(|f| f.text.clone())
            .collect()
    }

    /// Every word of the South's local affairs and every town of the South, named in the
    /// sentence before, makes a short text about the South's ground and drops every namesake after it;
    /// a neutral word in its place keeps it (rule 27). Generated from the cue lists: a new cue brings
    /// its cases.
    #[test]
    fn every_south_local_word_drops_every_namesake_after_it() {
        let hangul_namesakes = hangul_namesakes_of_every_level();
        assert!(
            hangul_namesakes.iter().any(|n| n == "강원도"),
            "{hangul_namesakes:?}"
        );
        let hangul_cues = SOUTH_DOCUMENT_CUES
            .iter()
            .chain(SOUTH_LOCAL_CUES)
            .filter(|c| c.chars().any(crate::normalize::is_hangul_syllable));
        let mut cases = 0;
        for cue in hangul_cues {
            for name in &hangul_namesakes {
                let with = format!("이 소식은 {cue} 관련이다. {name}에 눈이 내렸다.");
                let without = format!("이 소식은 날씨 관련이다. {name}에 눈이 내렸다.");
                assert_eq!(names_in(&without), [name.as_str()], "{without}");
                assert_no_name(&with);
                cases += 1;
            }
        }
        let latin_cues = SOUTH_DOCUMENT_CUES
            .iter()
            .chain(SOUTH_LOCAL_CUES)
            .filter(|c| c.is_ascii());
        for cue in latin_cues {
            for name in namesakes(false) {
                let with = format!("The story concerns {cue}. Snow fell in {name}.");
                let without = format!("The story concerns the weather. Snow fell in {name}.");
                assert_eq!(names_in(&without), [name.as_str()], "{without}");
                assert_no_name(&with);
                cases += 1;
            }
        }
        assert!(cases > 1000, "{cases}");
    }

    /// Whether a Hangul word ends in a consonant, which picks its particle (합참이, 국방부가).
    fn ends_in_consonant(word: &str) -> bool {
        word.chars()
            .next_back()
            .is_some_and(|c| ('가'..='힣').contains(&c) && (c as u32 - 0xAC00) % 28 != 0)
    }

    /// The namesakes written in the script of the cue they are tested with: every Hangul form at any
    /// level, or the Latin forms of counties and cities.
    fn namesakes_in_script(hangul: bool) -> Vec<String> {
        if hangul {
            hangul_namesakes_of_every_level()
        } else {
            namesakes(false)
        }
    }

    /// Every South Korea cue named as the source that reports the North's act ("…, the JCS said",
    /// "…고 합참이 밝혔다", "합참에 따르면") leaves every namesake of the North's act standing; the same
    /// source reporting an act that names no North is the South's setting and drops it (rule 29j).
    /// Generated from the cue and verb lists.
    #[test]
    fn a_south_korean_source_of_a_report_on_the_north_keeps_every_namesake() {
        let mut cases = 0;
        for cue in SOUTH_KOREA_CUES.iter().filter(|c| !c.contains('=')) {
            let hangul = cue.chars().any(crate::normalize::is_hangul_syllable);
            let names = namesakes_in_script(hangul);
            for name in &names {
                let (reports, unmarked) = if hangul {
                    let subject = if ends_in_consonant(cue) { "이" } else { "가" };
                    let topic = if ends_in_consonant(cue) { "은" } else { "는" };
                    (
                        KOREAN_SPEECH_VERBS
                            .iter()
                            .flat_map(|verb| {
                                [
                                    format!(
                                        "북한이 {name}에서 미사일을 쐈다고 {cue}{subject} {verb}."
                                    ),
                                    format!(
                                        "{cue}{topic} 북한이 {name}에서 미사일을 쐈다고 {verb}."
                                    ),
                                ]
                            })
                            .chain([format!("{cue}에 따르면 북한이 {name}에서 미사일을 쐈다.")])
                            .collect::<Vec<_>>(),
                        format!("{name}에서 훈련을 했다고 {cue}{subject} 밝혔다."),
                    )
                } else {
                    (
                        SPEECH_VERBS
                            .iter()
                            .map(|verb| {
                                format!("North Korea fired rockets from {name}, {cue} officials {verb}.")
                            })
                            .chain([format!(
                                "North Korea fired rockets from {name}, according to {cue}."
                            )])
                            .collect::<Vec<_>>(),
                        format!("Rockets fell near {name}, {cue} officials said."),
                    )
                };
                for report in reports {
                    assert_finds(&report, name);
                    cases += 1;
                }
                assert!(!names_in(&unmarked).contains(name), "{unmarked}");
            }
        }
        assert!(cases > 1000, "{cases}");
    }

    /// The South's border region named right after a namesake makes it the South's (강원도 접경지역);
    /// with the North's mark before it, or after a place the South does not share, it does not.
    /// Generated from the namesakes.
    #[test]
    fn the_souths_border_region_after_a_namesake_drops_it() {
        for name in hangul_namesakes_of_every_level() {
            for region in ["접경지역", "접경 지역", "접적지역"] {
                let south = format!("{name} {region}에서 풍선이 발견됐다.");
                assert_no_name(&south);
                let north = format!("북한 {name} {region}에서 풍선이 날아왔다.");
                assert_finds(&north, &name);
            }
        }
        assert_eq!(names_in("양강도 접경지역에서 밀수가 늘었다."), ["양강도"]);
    }

    /// Every namesake that speaks to the press, by its officials or as the source of a report, is the
    /// South's county or province; marked as the North's it is the North's (rule 27). Generated from the
    /// namesakes.
    #[test]
    fn every_namesake_that_briefs_the_press_is_the_souths() {
        for name in hangul_namesakes_of_every_level() {
            let topic = if ends_in_consonant(&name) {
                "은"
            } else {
                "는"
            };
            for text in [
                format!("{name} 관계자는 피해 지원에 나서겠다고 말했다."),
                format!("{name}{topic} 관광객이 20% 늘었다고 8일 밝혔다."),
                format!("{name}에 따르면 올해 어획량이 줄었다."),
            ] {
                assert_no_name(&text);
                assert_finds(&format!("북한 {text}"), &name);
            }
        }
    }

    /// Every `shared` form (China's Ministry of State Security) is another country's body in a text that
    /// names such a country and not North Korea, and the North's in a text that names the North or
    /// names no country (rule 27). Generated from the gazetteer and the country list.
    #[test]
    fn every_shared_form_is_another_countrys_in_that_countrys_text() {
        let forms = forms_with_flag(crate::gazetteer::flag::SHARED);
        assert!(forms.iter().any(|f| f == "MSS"), "{forms:?}");
        for form in &forms {
            for country in OTHER_COUNTRY_CUES.iter().filter(|c| c.is_ascii()) {
                assert_no_name(&format!(
                    "Officials in {country} said the {form} had acted."
                ));
                let north = format!("Officials in {country} said North Korea's border guards and the {form} had acted.");
                assert_finds(&north, form);
            }
            assert_finds(&format!("Officials said the {form} had acted."), form);
        }
    }

    /// Every written spelling that the South's Revised Romanization makes of a North Korean place and
    /// McCune-Reischauer does not (Sincheon, Gimhwa) is the South's place of that name where the words
    /// right after place it in the South ("in Seoul"), and the North's elsewhere, the South named in
    /// its sentence or not (rules 9, 10). Generated from the gazetteer.
    #[test]
    fn every_revised_only_spelling_placed_in_the_south_is_the_souths() {
        use crate::gazetteer::flag;
        let gazetteer = crate::gazetteer::Gazetteer::builtin();
        let mut cases = 0;
        for entry in gazetteer
            .entries
            .iter()
            .filter(|e| e.entity.label.is_some_and(Label::is_place))
        {
            // Forms that need a head word or context have their own cases.
            let plain = |f: &&crate::gazetteer::Form| {
                !f.hangul && !f.former && f.flags & (flag::HEAD | flag::PERSON | flag::NK) == 0
            };
            let revised = crate::compile::revised_only_spellings(entry);
            for form in entry.forms.iter().filter(plain) {
                if !revised.contains(&crate::normalize::fold(&form.text).to_ascii_lowercase()) {
                    continue;
                }
                let name = &form.text;
                assert_no_name(&format!("Residents of {name} in Seoul complained."));
                assert_finds(
                    &format!("Residents of {name} in North Korea complained."),
                    name,
                );
                assert_finds(&format!("Residents of {name} complained."), name);
                assert_finds(&format!("Seoul said residents of {name} complained."), name);
                let officials =
                    format!("Troops moved to {name} last month, South Korean officials said.");
                assert_finds(&officials, name);
                assert_finds(
                    &format!("Residents of {name}, Seoul-based media said, complained."),
                    name,
                );
                cases += 1;
            }
        }
        assert!(cases > 50, "{cases}");
    }

    /// Every form that needs North Korean context is not the North's body in a sentence set in another
    /// country or government, whatever the sentence before says, unless the sentence itself names the
    /// North (rule 24). Generated from the gazetteer and the setting lists.
    #[test]
    fn a_sentence_set_elsewhere_takes_no_context_from_the_one_before() {
        let settings = OTHER_SETTING_CUES.iter();
        let mut cases = 0;
        for setting in settings {
            let hangul = setting.chars().any(crate::normalize::is_hangul_syllable);
            for form in forms_with_flag(crate::gazetteer::flag::NK)
                .iter()
                .filter(|f| f.chars().any(crate::normalize::is_hangul_syllable) == hangul)
                // A form that is also an everyday word needs its capital; a shape of words runs on.
                .filter(|f| f.starts_with(|c: char| !c.is_ascii_lowercase()))
            {
                let (elsewhere, north) = if hangul {
                    (
                        format!("북한이 회의를 열었다. {setting} 관련 소식에서 {form} 회의가 열렸다."),
                        format!("북한이 회의를 열었다. {setting} 관련 소식에서 북한 {form} 회의가 열렸다."),
                    )
                } else {
                    (
                        format!("North Korea held a meeting. {setting} news said the {form} met too."),
                        format!("North Korea held a meeting. {setting} news said North Korea's {form} met too."),
                    )
                };
                assert_lacks(&elsewhere, form);
                assert!(
                    names_in(&north).iter().any(|n| n.contains(form.as_str())),
                    "{north}: {:?}",
                    names_in(&north)
                );
                cases += 1;
            }
        }
        assert!(cases > 50, "{cases}");
    }

    /// Every border story told from the South's side (a defection to the South) makes a namesake in its
    /// sentence the South's county, where the defector arrived, and a namesake marked as the North's
    /// stays the North's (rule 27). Generated from the cue list and the namesakes.
    #[test]
    fn a_defection_to_the_south_puts_the_namesake_in_the_south() {
        for cue in SOUTH_SIDE_CUES {
            let hangul = cue.chars().any(crate::normalize::is_hangul_syllable);
            let names = namesakes_in_script(hangul);
            for name in &names {
                let (south, north) = if hangul {
                    (
                        format!("북한군 병사가 {name} 일대로 {cue}했다."),
                        format!("북한 {name} 출신 병사가 {cue}했다."),
                    )
                } else {
                    (
                        format!("A North Korean soldier {cue} near {name} on Tuesday."),
                        format!("A soldier from North Korea's {name} {cue} on Tuesday."),
                    )
                };
                assert_lacks(&south, name);
                assert_finds(&north, name);
            }
        }
    }

    /// Every Hangul word before a formation's number that makes it another country's (국군, 우리 군, 미군)
    /// leaves it no span; the North's army before it keeps it (rule 25). Generated from the word list.
    #[test]
    fn every_foreign_word_before_a_korean_formation_drops_it() {
        let control = "북한군 제15사단 병력이 이동했다.";
        assert_eq!(names_in(control), ["제15사단"]);
        for word in FOREIGN_BEFORE
            .iter()
            .filter(|w| w.chars().any(crate::normalize::is_hangul_syllable))
        {
            let text = format!("{word} 제15사단 병력이 이동했다.");
            assert!(
                !names_in(&text).iter().any(|n| n.contains("사단")),
                "{text}: {:?}",
                names_in(&text)
            );
        }
    }

    /// "The North" names North Korea only in a text that names it otherwise: there it outweighs a South
    /// Korean source, alone it does not, nor does "the north" (a direction). Generated from the namesakes.
    #[test]
    fn the_north_is_north_korea_in_a_text_about_it() {
        for name in namesakes(false) {
            let report = format!("The North fired rockets from {name}, according to the JCS.");
            assert_finds(&format!("North Korea fired again. {report}"), &name);
            assert_no_name(&report);
            let direction = format!("North Korea fired again. Rockets fell in the north of {name}, according to the JCS.");
            assert_no_name(&direction);
        }
    }

    /// Every `nktext` form (the NSA) is the North's in a North Korean text that names another of the
    /// North's bodies beside it and no American body; an American body anywhere in the text, or no
    /// other North Korean name beside it, leaves it none (rule 27). Generated from the gazetteer.
    #[test]
    fn every_nktext_form_is_the_norths_only_in_a_north_korean_text_without_america() {
        let forms = forms_with_flag(crate::gazetteer::flag::NK_TEXT);
        assert!(
            forms.iter().any(|f| f == "National Security Agency"),
            "{forms:?}"
        );
        for form in &forms {
            let beside = format!("North Korea moved its border guards. The Ministry of People's Armed Forces handed them to the {form}.");
            assert_finds(&beside, form);
            let american = format!("{beside} The FBI said so.");
            assert!(!names_in(&american).contains(form), "{american}");
            let alone =
                format!("North Korea moved its border guards. Officers came from the {form}.");
            assert!(!names_in(&alone).contains(form), "{alone}");
        }
    }

    /// A local paper's dateline in brackets ("[철원]", "(고성)") at the start of a story drops every
    /// namesake of the story; the same town in brackets glued after a word is no dateline (rule 27).
    /// Generated from the dateline towns and brackets.
    #[test]
    fn every_bracketed_dateline_drops_every_namesake() {
        let namesakes = hangul_namesakes_of_every_level();
        for town in DATELINE_TOWNS {
            for (open, close) in DATELINE_BRACKETS {
                for name in &namesakes {
                    let story = format!("{open}{town}{close} {name}에 눈이 내렸다.");
                    assert_no_name(&story);
                    let glued = format!("기사{open}{town}{close} {name}에 눈이 내렸다.");
                    assert_finds(&glued, name);
                }
            }
        }
    }

    /// The South named as an origin or a target, not the setting (rule 29j), leaves every namesake in
    /// the sentence standing; the South named as the setting drops it. Generated from the phrase lists.
    #[test]
    fn the_south_as_origin_or_target_keeps_every_namesake() {
        for name in namesakes(false) {
            let setting = format!("In {name}, traders sold rice in South Korea.");
            assert!(names_in(&setting).is_empty(), "{setting}");
            for phrase in ORIGIN_BEFORE {
                let text = if phrase.starts_with("attack") || *phrase == "targeting" {
                    format!("In {name}, hackers planned {phrase} South Korea.")
                } else {
                    format!("In {name}, traders sold goods {phrase} South Korea.")
                };
                assert_eq!(names_in(&text), [name.as_str()], "{text}");
            }
        }
        for name in namesakes(true) {
            let setting = format!("{name}의 해커들은 한국에서 공격을 일삼았다.");
            assert!(names_in(&setting).is_empty(), "{setting}");
            // 한국 ends in a consonant: the phrases with 을 follow it.
            for phrase in TARGET_AFTER.iter().filter(|p| p.starts_with('을')) {
                let text = format!("{name}의 해커들은 한국{phrase} 공격을 일삼았다.");
                assert_eq!(names_in(&text), [name.as_str()], "{text}");
            }
        }
    }
}
