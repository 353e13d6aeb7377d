//! Regex rules for what a list cannot hold: numbered units, offices, bureaus, groups and corps, and
//! bodies and formations known only by their shape (ministries, commissions, departments, divisions).
//!
//! A gazetteer lists the units that are known ("Unit 10215", "Bureau 121", "Office 39"); news keeps naming
//! new ones. The rules below find the numbered shapes of `nk_units_patterns.md`. A number alone says
//! nothing about whose unit it is ("Office 365", "Unit 731", "Unit 8200"), so a rule match that the
//! gazetteer does not list needs a North Korean cue in its sentence (KPA, WPK, North Korea, a listed body)
//! and no foreign modifier ("PLA Unit 61398", see `context`), and numbers that look like years never match. Where a rule and a
//! gazetteer form give the same span, the gazetteer wins (ANNOTATION rule 7); where a rule span ends with a
//! listed unit ("KPA Unit 586"), it takes that unit's entry.
//!
//! Rules run on the folded text (see `normalize`), so white space inside a match is a single space.

use regex::Regex;
use regex_automata::{meta, Input};

use crate::entity::Label;
use crate::error::Error;

/// The default size limit of a compiled user rule, in bytes (the `regex` crate's `size_limit`).
pub const DEFAULT_RULE_SIZE_LIMIT: usize = 1 << 20;

/// A regex rule that labels what it matches.
///
/// Rules match the folded text: diacritics removed, curly apostrophes straight, white space runs as one
/// space. A match must start and end at a word boundary (checked by the extractor, not by the regex).
///
/// ```
/// use nkner::{Extractor, Label, Rule};
///
/// let rule = Rule::new("farm", r"KPA Farm No\. \d{3,4}", Label::Unit)?;
/// let extractor = Extractor::builder().rule(rule).build()?;
/// let spans = extractor.extract("Soldiers from KPA Farm No. 1116 were sent to the fields.");
/// assert_eq!(spans[0].text, "KPA Farm No. 1116");
/// assert_eq!(spans[0].kb_id, None);
/// # Ok::<(), nkner::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct Rule {
    pub(crate) name: std::sync::Arc<str>,
    pub(crate) regex: Regex,
    pub(crate) label: Label,
    pub(crate) needs_cue: bool,
    /// The match is a bare number after a generic word ([`Needs::NearbyCue`]): a North Korean document
    /// around it is no evidence. Set only for built-in rules.
    pub(crate) bare_number: bool,
}

impl Rule {
    /// A rule named `name` that gives `label` to every match of `pattern`, with no cue required.
    ///
    /// # Errors
    ///
    /// An error naming the rule if the pattern is invalid, or compiles to more than
    /// [`DEFAULT_RULE_SIZE_LIMIT`] bytes.
    pub fn new(name: &str, pattern: &str, label: Label) -> Result<Rule, Error> {
        Rule::with_size_limit(name, pattern, label, DEFAULT_RULE_SIZE_LIMIT)
    }

    /// As [`Rule::new`], with a size limit of your own for the compiled regex.
    ///
    /// # Errors
    ///
    /// An error naming the rule if the pattern is invalid or too large.
    pub fn with_size_limit(
        name: &str,
        pattern: &str,
        label: Label,
        size_limit: usize,
    ) -> Result<Rule, Error> {
        let regex = regex::RegexBuilder::new(pattern)
            .size_limit(size_limit)
            .dfa_size_limit(size_limit)
            .build()
            .map_err(|e| Error::rule(name, e.to_string().replace('\n', " ")))?;
        Ok(Rule {
            name: name.into(),
            regex,
            label,
            needs_cue: false,
            bare_number: false,
        })
    }

    /// Requires a North Korean cue in the match's sentence (off by default for user rules).
    pub fn needs_north_korean_cue(mut self, yes: bool) -> Rule {
        self.needs_cue = yes;
        self
    }

    /// The rule's name.
    pub fn name(&self) -> &str {
        &self.name
    }
}

/// An ordinal as English news writes one: "4th", "Seventh".
macro_rules! ordinal {
    () => {
        r"(?:\d{1,3}(?:st|nd|rd|th)|First|Second|Third|Fourth|Fifth|Sixth|Seventh|Eighth|Ninth|Tenth|Eleventh|Twelfth)"
    };
}

/// A formation's arm or kind before its echelon: 제43저격여단, 제2수상함전대, and as the South's press
/// writes the North's armour, 105탱크사단 (탱크 for 땅크) and 제105기갑사단.
macro_rules! hangul_arm {
    () => {
        r"(?:(?:저격|경보병|보병|기계화|기갑|포병|공병|땅크|탱크|전차|항공|해병|특수작전|수상함|잠수함|방사포) ?)?"
    };
}

/// A capitalized word of a body's name, hyphenated parts included ("Building-Materials").
macro_rules! word {
    () => {
        r"[A-Z][a-z]+(?:-[A-Za-z]+)?"
    };
}

/// What a built-in rule's match needs before it counts as North Korea's.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Needs {
    /// Nothing: the shape is North Korean by itself ("Combined Unit 325", "No. 8 Inspection Unit").
    Nothing,
    /// North Korean evidence in its sentence or the one before, or a North Korean document around it
    /// that its sentences do not take to South Korea: a shape with a descriptive name ("4th Corps",
    /// "Ministry of Coal Industry").
    Cue,
    /// North Korean evidence in its sentence or the one before; the document around it is not enough. A
    /// bare number after a generic word ("Unit 731", "Office 365", "Group 207") says nothing about whose
    /// it is.
    NearbyCue,
}

/// The built-in rules: `(name, pattern, label, what a match needs)`.
///
/// Besides numbered units, they find bodies by their shape (ANNOTATION rule 25): the Cabinet's
/// ministries and state commissions, the party's departments, general bureaus, and the army's numbered or
/// ordinal formations, in English and in Korean. A shape says nothing about whose body it is ("Ministry
/// of Agriculture", "5th Corps"), so each needs North Korean evidence, and a span found so has no entry.
const BUILTIN: &[(&str, &str, Label, Needs)] = &[
    (
        "numbered-unit",
        // The state's press also puts the number first: "the 6556 Unit of the KPA".
        r"(?:(?:KPA|Korean People's Army) )?Unit (?:No\. ?)?\d{3,5}|\d{3,5} Unit of the (?:KPA|Korean People's Army)",
        Label::Unit,
        Needs::NearbyCue,
    ),
    ("date-named-unit", r"\d{1,2}\.\d{1,2} Unit", Label::Unit, Needs::Cue),
    (
        "combined-unit",
        r"(?:KPA )?(?:Navy )?(?:Large )?Combined Unit \d{2,4}",
        Label::Unit,
        Needs::Nothing,
    ),
    // "Room" with a number is everyday English ("Room 101"); the rooms that are North Korean units are
    // listed in the gazetteer.
    (
        "numbered-office",
        r"(?:Bureau|Office) (?:No\. ?)?\d{1,3}",
        Label::Unit,
        Needs::NearbyCue,
    ),
    (
        "office-number",
        r"No\. ?\d{1,3} (?:Office|Bureau)",
        Label::Unit,
        Needs::NearbyCue,
    ),
    (
        "numbered-group",
        r"Group \d{2,4}|\d{2,4} Sangmu|Unified Command \d{1,3}",
        Label::Unit,
        Needs::NearbyCue,
    ),
    (
        "inspection-unit",
        r"No\. ?\d{1,3} Inspection Unit|Inspection Unit No\. ?\d{1,3}",
        Label::Unit,
        Needs::Nothing,
    ),
    (
        "corps",
        concat!(
            "(?:",
            ordinal!(),
            r"|I|II|III|IV|V|VI|VII|VIII|IX|X|XI|XII) (?:(?:Army|Ground|Mechanized|Mechanised|Armored|Armoured|Artillery|Infantry) )?Corps",
            // The number after the word, as Seoul's wires write it: "Corps 7 and Corps 9".
            r"|Corps \d{1,2}"
        ),
        Label::Unit,
        Needs::Cue,
    ),
    (
        "district-command",
        r"\d{1,2}(?:st|nd|rd|th) District Command",
        Label::Unit,
        Needs::Cue,
    ),
    (
        "division",
        concat!(
            ordinal!(),
            r" (?:(?:Infantry|Light Infantry|Armored|Armoured|Mechanized|Mechanised|Artillery|Sniper|Air|Naval) )?Division|Division \d{2,4}|\d{2,4} Division"
        ),
        Label::Unit,
        Needs::Cue,
    ),
    (
        "brigade",
        concat!(
            ordinal!(),
            r" (?:(?:Border Guard|Sniper|Airborne|Light Infantry|Artillery|Armored|Armoured|Mechanized|Mechanised|Construction|Security|Naval) )?Brigade|(?:Construction (?:Shock )?|Shock |Border Guard )?Brigade (?:No\. ?)?\d{2,4}|\d{2,4} Brigade"
        ),
        Label::Unit,
        Needs::Cue,
    ),
    (
        "regiment",
        concat!(
            r"No\. ?\d{1,3} (?:[A-Z][A-Za-z-]+ ){0,3}Regiment|",
            ordinal!(),
            r" (?:[A-Z][a-z]+ ){0,2}Regiment"
        ),
        Label::Unit,
        Needs::Cue,
    ),
    (
        "ordinal-department",
        concat!(ordinal!(), " (?:Department|Bureau)"),
        Label::Unit,
        Needs::Cue,
    ),
    (
        "ministry",
        concat!(
            "Ministry of (?:",
            word!(),
            r",? (?:and )?){0,4}(?:Industry|Industries|Affairs|Protection|Security|Agriculture|Fisheries|Forestry|Education|Health|Finance|Culture|Commerce|Railways|Railway|Railroads|Transport|Energy|Power|Mining|Shipbuilding|Machinery|Metals|Chemistry|Fuel|Materials|Telecommunications|Communications|Trade|Relations|Construction|Management|Sports|Labour|Labor|Resources|Development|Procurement|Administration|Control|Supervision|Insurance|Welfare)"
        ),
        Label::Agency,
        Needs::Cue,
    ),
    (
        "academy",
        concat!("Academy of (?:", word!(), " ){1,3}Sciences?"),
        Label::Agency,
        Needs::Cue,
    ),
    (
        "ordinal-named-bureau",
        concat!(ordinal!(), " (?:", word!(), " ){1,3}(?:General )?Bureau"),
        Label::Agency,
        Needs::Cue,
    ),
    (
        "state-commission",
        concat!("State (?:", word!(), " (?:and )?){1,5}(?:Commission|Committee)"),
        Label::Agency,
        Needs::Cue,
    ),
    (
        "general-bureau",
        concat!(
            "General Bureau of (?:",
            word!(),
            " (?:and )?){0,3}",
            word!(),
            "|",
            word!(),
            " General Bureau"
        ),
        Label::Agency,
        Needs::Cue,
    ),
    (
        "party-department",
        concat!(
            "(?:(?:Central )?(?:(?:Korean )?Workers'? Party(?: of Korea)?|WPK|KWP|Party)(?: Central Committee)? (?:",
            word!(),
            " (?:and )?){0,3}",
            word!(),
            " Department)|(?:(?:",
            word!(),
            " (?:and )?){0,3}",
            word!(),
            r" Department of the (?:(?:WPK|KWP|Party|Workers' Party|Workers Party) )?Central Committee)",
            // "the party's Civil Defense Department": the possessive stays outside the span (rule 3,
            // `leading_possessive`).
            "|[Pp]arty's (?:",
            word!(),
            " (?:and )?){0,3}",
            word!(),
            " Department"
        ),
        Label::Agency,
        Needs::Cue,
    ),
    ("hangul-office", r"\d{2,3}호실", Label::Unit, Needs::Cue),
    // A unit by its number alone: 180부대 (rule 13).
    ("hangul-numbered-unit", r"제?\d{2,5} ?부대", Label::Unit, Needs::Cue),
    // A numbered laboratory: 110호 연구소 (rule 13).
    ("hangul-lab", r"\d{2,3}호 ?연구소", Label::Unit, Needs::Cue),
    ("hangul-sangmu", r"\d{2,4}상무", Label::Unit, Needs::Cue),
    (
        "hangul-formation",
        concat!(
            // A space after the number only where 제 stands before it (제115 군부대): "3 대대로" is "for
            // three generations".
            // The North's own words for a unit (군부대, 연합부대) after a service: the service is its
            // parent and part of the name (rule 23, as "KPA Navy Unit 597": 공군 354군부대, 해군
            // 제597연합부대). Before a formation any army has (육군 5군단) a bare service is the South's
            // (`context::is_foreign`), so it stays outside the shape.
            r"(?:(?:(?:해군|공군|륙군|육군) )?(?:근위 ?)?(?:제\d{1,5} ?|\d{1,5})",
            hangul_arm!(),
            r"(?:대연합부대|연합부대|군부대)",
            // A border guard brigade's own name (국경경비 25여단); 국경경비대 before it is the border
            // guards, a common noun, not part of the name (국경경비대 25여단 → 25여단).
            r"|(?:국경경비 )?(?:근위 ?)?(?:제\d{1,4} ?|\d{1,4})",
            hangul_arm!(),
            r"(?:군단|사단|여단|련대|연대|대대|전대|훈련소))"
        ),
        Label::Unit,
        Needs::Cue,
    ),
    (
        "hangul-numbered-bureau",
        r"[가-힣]*(?:총국|사령부|보위성|보위국) 제\d{1,2}국",
        Label::Unit,
        Needs::Cue,
    ),
    // A general bureau by its number is a unit (rule 23: 조선인민군 제8총국).
    ("hangul-numbered-general-bureau", r"제?\d{1,2}총국", Label::Unit, Needs::Cue),
    (
        "hangul-general-bureau",
        r"(?:제\d{1,2})?[가-힣]{1,8}총국",
        Label::Agency,
        Needs::Cue,
    ),
    (
        "hangul-ministry",
        r"[가-힣]{1,6}공업성|농업성|수산성|체신성|철도성|보건성|재정성",
        Label::Agency,
        Needs::Cue,
    ),
    (
        "hangul-state-commission",
        r"국가[가-힣]{2,10}(?:위원회|사령부)",
        Label::Agency,
        Needs::Cue,
    ),
];

/// How far a built-in rule's match may reach before and after a word it always contains, in bytes of
/// folded text: the text scanned around the word. Where a run of capitalized words or Hangul syllables
/// makes the reach unbounded, `WINDOW` stands for it, and a match that touches a window's edge sends
/// the scan over the whole text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Reach {
    pub(crate) before: usize,
    pub(crate) after: usize,
}

/// What every rule that a trigger word serves needs near the word, checked before its window is
/// scanned: a word inside a listed name ("Committee" in the Central Committee's name, 보위성 in
/// 국가보위성) where none of its rules can match costs no scan. Each is a necessary condition of those
/// rules' matches (the rule comments at [`TRIGGERS`] say which); `a_rule_match_is_found_in_the_window_
/// of_its_word` checks them against a whole-text scan.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Near {
    /// Anything: the word's rules take runs of words or syllables.
    Anything,
    /// An ASCII digit within the reach: every numbered shape.
    Digit,
    /// " of " right after the word: "Ministry of", "Academy of".
    OfAfter,
    /// "State " within the reach before: "State Planning Commission".
    StateBefore,
    /// 국가 within the reach before: 국가계획위원회.
    KukgaBefore,
    /// " 제" and a digit right after: 보위성 제2국.
    NumberAfter,
    /// " 제" and a digit right after, or 국가 within the reach before: 사령부 has both rules.
    NumberAfterOrKukgaBefore,
}

impl Near {
    /// Whether the text around the trigger word at `start..end` can hold a match of its rules that
    /// reach as far as `reach`.
    pub(crate) fn holds(self, text: &str, start: usize, end: usize, reach: Reach) -> bool {
        let bytes = text.as_bytes();
        let before = &bytes[start.saturating_sub(reach.before)..start];
        let after = &bytes[end..(end + reach.after).min(bytes.len())];
        let contains =
            |hay: &[u8], needle: &str| hay.windows(needle.len()).any(|w| w == needle.as_bytes());
        let number_after =
            || matches!(after, [b' ', 0xEC, 0xA0, 0x9C, d, ..] if d.is_ascii_digit());
        match self {
            Near::Anything => true,
            Near::Digit => before.iter().chain(after).any(u8::is_ascii_digit),
            Near::OfAfter => bytes[end..].starts_with(b" of "),
            Near::StateBefore => contains(before, "State "),
            Near::KukgaBefore => contains(before, "국가"),
            Near::NumberAfter => number_after(),
            Near::NumberAfterOrKukgaBefore => number_after() || contains(before, "국가"),
        }
    }
}

impl Reach {
    const fn new(before: usize, after: usize) -> Reach {
        Reach { before, after }
    }

    /// The larger reach on each side.
    pub(crate) fn max(self, other: Reach) -> Reach {
        Reach::new(self.before.max(other.before), self.after.max(other.after))
    }
}

/// Words one of which every built-in rule's match contains (each alternative of a rule names the one
/// it always holds, below), with the farthest reach of a match around it. The name automaton looks for
/// them too, so a text without any skips the rules, and a text with some is scanned only around them,
/// and only where what the rules of the word need stands near it ([`Near`]: a digit for every numbered
/// shape, "State " before "Committee"). Lengths: an ordinal is at most 8 bytes ("Eleventh"); "Korean
/// People's Army " 21; "No. 12345" 9. `a_rule_match_is_found_in_the_window_of_its_word` and the
/// property test after it check them against the whole-text scan.
pub(crate) const TRIGGERS: &[(&str, Reach, Near)] = &[
    // numbered-unit: "Korean People's Army Unit No. 12345", "12345 Unit of the Korean People's Army";
    // date-named-unit "12.31 Unit";
    // combined-unit "KPA Navy Large Combined Unit 1234"; inspection-unit "No. 123 Inspection Unit",
    // "Inspection Unit No. 123".
    ("Unit", Reach::new(24, 29), Near::Digit),
    // academy: "Academy of" and a run of words.
    ("Academy", Reach::new(0, WINDOW), Near::OfAfter),
    // numbered-office "Bureau No. 123", office-number "No. 123 Bureau", ordinal-department
    // "Eleventh Bureau", ordinal-named-bureau and general-bureau (runs of words on either side).
    ("Bureau", Reach::new(WINDOW, WINDOW), Near::Anything),
    ("Office", Reach::new(8, 8), Near::Digit),
    // numbered-group: "Group 1234", "1234 Sangmu", "Unified Command 123".
    ("Group", Reach::new(0, 5), Near::Digit),
    ("Sangmu", Reach::new(5, 0), Near::Digit),
    // district-command: "12th District Command".
    ("Command", Reach::new(14, 4), Near::Digit),
    // corps: "Eleventh Mechanized Corps".
    ("Corps", Reach::new(20, 3), Near::Anything),
    // brigade: "Eleventh Light Infantry Brigade", "Construction Shock Brigade No. 1234".
    ("Brigade", Reach::new(24, 9), Near::Anything),
    // regiment: up to three capitalized words before it.
    ("Regiment", Reach::new(WINDOW, 0), Near::Anything),
    // division: "Eleventh Light Infantry Division", "Division 1234".
    ("Division", Reach::new(24, 5), Near::Anything),
    // party-department: words before it; " of the Workers' Party Central Committee" after it (40).
    ("Department", Reach::new(WINDOW, 40), Near::Anything),
    // ministry: "Ministry of" and a run of words.
    ("Ministry", Reach::new(0, WINDOW), Near::OfAfter),
    // state-commission: "State" and a run of words before it.
    ("Commission", Reach::new(WINDOW, 0), Near::StateBefore),
    ("Committee", Reach::new(WINDOW, 0), Near::StateBefore),
    // hangul-office "123호실", hangul-sangmu "1234상무".
    ("호실", Reach::new(3, 0), Near::Digit),
    // hangul-lab "123호 연구소".
    ("연구소", Reach::new(7, 0), Near::Digit),
    ("상무", Reach::new(4, 0), Near::Digit),
    // hangul-formation: "국경경비 근위 제1234 특수작전 여단" (13 + 7 + 3 + 5 + 13 bytes).
    ("군단", Reach::new(44, 0), Near::Digit),
    ("사단", Reach::new(44, 0), Near::Digit),
    ("여단", Reach::new(44, 0), Near::Digit),
    ("련대", Reach::new(44, 0), Near::Digit),
    ("연대", Reach::new(44, 0), Near::Digit),
    ("대대", Reach::new(44, 0), Near::Digit),
    ("전대", Reach::new(44, 0), Near::Digit),
    ("연합부대", Reach::new(47, 0), Near::Digit),
    ("군부대", Reach::new(44, 0), Near::Digit),
    // hangul-numbered-unit "제12345부대", "제12345 부대".
    ("부대", Reach::new(9, 0), Near::Digit),
    ("훈련소", Reach::new(44, 0), Near::Digit),
    // hangul-numbered-bureau: syllables before, " 제12국" after (9); hangul-numbered-general-bureau
    // "제12" before 총국; hangul-general-bureau
    // "제12" and eight syllables before 총국; hangul-state-commission "국가" and ten syllables before
    // 위원회 or 사령부.
    ("총국", Reach::new(WINDOW, 9), Near::Anything),
    (
        "사령부",
        Reach::new(WINDOW, 9),
        Near::NumberAfterOrKukgaBefore,
    ),
    ("보위성", Reach::new(WINDOW, 9), Near::NumberAfter),
    ("보위국", Reach::new(WINDOW, 9), Near::NumberAfter),
    // hangul-ministry: six syllables before 공업성; the other ministries stand alone.
    ("공업성", Reach::new(18, 0), Near::Anything),
    ("농업성", Reach::new(0, 0), Near::Anything),
    ("수산성", Reach::new(0, 0), Near::Anything),
    ("체신성", Reach::new(0, 0), Near::Anything),
    ("철도성", Reach::new(0, 0), Near::Anything),
    ("보건성", Reach::new(0, 0), Near::Anything),
    ("재정성", Reach::new(0, 0), Near::Anything),
    ("위원회", Reach::new(36, 0), Near::KukgaBefore),
];

/// Every rule of an extractor, compiled into one multi-pattern regex so that the text is scanned once,
/// whatever the number of rules. Each match says which rule it is: where several match at one place, the
/// first rule listed (leftmost-first, as in an alternation of the rules).
#[derive(Clone, Debug)]
pub(crate) struct RuleSet {
    combined: Option<meta::Regex>,
    pub(crate) rules: Vec<Rule>,
    /// True when every rule is a built-in one, so a text without a trigger word needs no rule scan.
    pub(crate) gated: bool,
}

/// The rules as one multi-pattern regex, or why they do not compile.
fn combine(rules: &[Rule], limit: usize) -> Result<meta::Regex, String> {
    meta::Builder::new()
        .configure(
            meta::Config::new()
                .nfa_size_limit(Some(limit))
                .hybrid_cache_capacity(limit),
        )
        .build_many(&rules.iter().map(|r| r.regex.as_str()).collect::<Vec<_>>())
        // meta's message ("error building NFA") says why only in its source.
        .map_err(|e| match std::error::Error::source(&e) {
            Some(source) => format!("{e}: {source}"),
            None => e.to_string(),
        })
}

impl RuleSet {
    pub(crate) fn new(rules: Vec<Rule>, gated: bool) -> Result<RuleSet, Error> {
        if rules.is_empty() {
            return Ok(RuleSet {
                combined: None,
                rules,
                gated,
            });
        }
        let limit = DEFAULT_RULE_SIZE_LIMIT.saturating_mul(rules.len() + 1);
        let combined = combine(&rules, limit).map_err(|why| {
            // Which rule breaks it: the shortest failing run of rules from the first ends with it.
            // Found by bisection, a few builds, only on this error path.
            let (mut fine, mut failing) = (0, rules.len());
            while failing - fine > 1 {
                let middle = (fine + failing) / 2;
                if combine(&rules[..middle], limit).is_ok() {
                    fine = middle;
                } else {
                    failing = middle;
                }
            }
            let culprit = &rules[failing - 1];
            let message = match failing - 1 {
                before if before > 0 && combine(std::slice::from_ref(culprit), limit).is_ok() => {
                    format!("does not compile together with the {before} rules before it: {why}")
                }
                _ => format!("does not compile: {why}"),
            };
            Error::rule(&culprit.name, message.replace('\n', " "))
        })?;
        Ok(RuleSet {
            combined: Some(combined),
            rules,
            gated,
        })
    }

    /// Every match in `text` into `found`: rule index, start, end. With `around` (the byte ranges the
    /// trigger words' matches may reach, see [`TRIGGERS`]), only those ranges are scanned; without,
    /// all of the text. `windows` is scratch space.
    pub(crate) fn find(
        &self,
        text: &str,
        around: Option<&[(usize, usize)]>,
        windows: &mut Vec<(usize, usize)>,
        found: &mut Vec<(usize, usize, usize)>,
    ) {
        found.clear();
        let Some(combined) = &self.combined else {
            return;
        };
        let scan = |from: usize, to: usize, found: &mut Vec<(usize, usize, usize)>| -> bool {
            let input = Input::new(text).span(from..to);
            for m in combined.find_iter(input) {
                let (start, end) = (m.start(), m.end());
                // A match that touches a window's edge may be cut by it: scan the whole text instead.
                if (start == from && from > 0) || (end == to && to < text.len()) {
                    return false;
                }
                if !is_placeholder(&text[start..end]) {
                    found.push((m.pattern().as_usize(), start, end));
                }
            }
            true
        };
        let Some(around) = around else {
            scan(0, text.len(), found);
            return;
        };
        windows.clear();
        windows.extend(around.iter().map(|&(start, end)| {
            (
                floor_char(text, start.min(text.len())),
                ceil_char(text, end.min(text.len())),
            )
        }));
        windows.sort_unstable();
        // Overlapping windows merge, in place.
        let mut merged = 0usize;
        for i in 0..windows.len() {
            let (from, to) = windows[i];
            match merged.checked_sub(1).map(|last| &mut windows[last]) {
                Some(last) if from <= last.1 => last.1 = last.1.max(to),
                _ => {
                    windows[merged] = (from, to);
                    merged += 1;
                }
            }
        }
        windows.truncate(merged);
        for &(from, to) in windows.iter() {
            if !scan(from, to, found) {
                found.clear();
                scan(0, text.len(), found);
                return;
            }
        }
    }
}

/// Whether a match's number is a placeholder, all zeros: a press that hides a unit's number writes
/// "00사단", "Unit 000", which names no unit.
fn is_placeholder(matched: &str) -> bool {
    let mut digits = matched.bytes().filter(u8::is_ascii_digit).peekable();
    digits.peek().is_some() && digits.all(|d| d == b'0')
}

/// The reach that stands for a run of words: longer than any built-in rule's match seen in text.
const WINDOW: usize = 96;

fn floor_char(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn ceil_char(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at += 1;
    }
    at
}

pub(crate) fn builtin() -> Vec<Rule> {
    BUILTIN
        .iter()
        .map(|&(name, pattern, label, needs)| Rule {
            name: name.into(),
            regex: Regex::new(pattern).unwrap_or_else(|e| panic!("built-in rule {name}: {e}")),
            label,
            needs_cue: needs != Needs::Nothing,
            bare_number: needs == Needs::NearbyCue,
        })
        .collect()
}

/// The bytes of a shape's match up to its last capitalised function word: the words that start a
/// sentence ("The International Department of the Central Committee", "Why United Front Department
/// ..."), or a new line after a name ("... of the Workers' Party of Korea\nThe United Front Department",
/// a page's title before its first sentence). Determiners stay outside a span (rule 3), no body's name
/// starts with a question word, and none holds a capitalised function word inside.
pub(crate) fn leading_function_words(matched: &str) -> usize {
    let mut taken = 0;
    let mut word_start = 0;
    for word_end in memchr::memchr_iter(b' ', matched.as_bytes()) {
        if is_function_word(&matched[word_start..word_end]) && word_end + 1 < matched.len() {
            taken = word_end + 1;
        }
        word_start = word_end + 1;
    }
    taken
}

/// The bytes of a possessive that a shape's match starts with ("party's Civil Defense Department"):
/// determiners and possessives stay outside a span (rule 3).
pub(crate) fn leading_possessive(matched: &str) -> usize {
    ["party's ", "Party's "]
        .iter()
        .find(|p| matched.starts_with(*p))
        .map_or(0, |p| p.len())
}

/// The bytes of the words a shape's open run of words took after the name it ends with: a title and
/// what follows it ("General Bureau of Reconnaissance Director Kim"), a day or a month ("General Bureau
/// of Atomic Energy Monday"), a function word opening the next line ("... Border Guards The"). No
/// body's name holds a title or a date, nor ends with a function word (rules 1, 7). A run left ending
/// in "of" or "and" named nothing: all of it.
pub(crate) fn trailing_non_name_words(matched: &str) -> usize {
    let bytes = matched.as_bytes();
    let mut kept = memchr::memchr_iter(b' ', bytes)
        .find(|&space| {
            let rest = &matched[space + 1..];
            let word_len = memchr::memchr(b' ', rest.as_bytes()).unwrap_or(rest.len());
            is_title_or_date(&rest[..word_len])
        })
        .unwrap_or(matched.len());
    while let Some(space) = memchr::memrchr(b' ', &bytes[..kept]) {
        if !is_function_word(&matched[space + 1..kept]) {
            break;
        }
        kept = space;
    }
    let left = &matched[..kept];
    if kept < matched.len() && (left.ends_with(" of") || left.ends_with(" and")) {
        return matched.len();
    }
    matched.len() - kept
}

pub(crate) fn is_title_or_date(word: &str) -> bool {
    matches!(
        word,
        "Director"
            | "Chief"
            | "Chairman"
            | "Chairwoman"
            | "Minister"
            | "Vice"
            | "Deputy"
            | "Commander"
            | "Head"
            | "Secretary"
            | "President"
            | "Premier"
            | "Official"
            | "Officials"
            | "Officer"
            | "Officers"
            | "Spokesman"
            | "Spokesperson"
            | "Agent"
            | "Agents"
            | "Monday"
            | "Tuesday"
            | "Wednesday"
            | "Thursday"
            | "Friday"
            | "Saturday"
            | "Sunday"
            | "January"
            | "February"
            | "March"
            | "April"
            | "June"
            | "July"
            | "August"
            | "September"
            | "October"
            | "November"
            | "December"
    )
}

pub(crate) fn is_function_word(word: &str) -> bool {
    matches!(
        word,
        "The"
            | "An"
            | "A"
            | "Why"
            | "Not"
            | "How"
            | "When"
            | "Where"
            | "What"
            | "Who"
            | "Which"
            | "If"
            | "But"
            | "And"
            | "Or"
            | "In"
            | "On"
            | "At"
            | "For"
            | "From"
            | "To"
            | "With"
            | "By"
            | "As"
            | "Its"
            | "This"
            | "That"
            | "These"
            | "Those"
            | "Then"
            | "So"
            | "Now"
            | "Also"
            | "Both"
            | "Under"
            | "After"
            | "Before"
            | "Since"
            | "While"
            | "Our"
            | "Their"
            | "His"
            | "Her"
    )
}

/// Whether a rule match in Latin script is a year ("Group 2023") rather than a designation. Foreign designations ("PLA
/// Unit 61398", "Office 365 ... not North Korean") are left out by the evidence around them, in the
/// extractor, not here by their number.
pub(crate) fn is_excluded(matched: &str) -> bool {
    // A number glued to a Korean unit word is its designation (제1973군부대, 2012부대), never a year.
    if !matched.is_ascii() {
        return false;
    }
    let bytes = matched.as_bytes();
    let Some(last_digit) = bytes.iter().rposition(u8::is_ascii_digit) else {
        return false;
    };
    let first_digit = bytes[..last_digit]
        .iter()
        .rposition(|b| !b.is_ascii_digit())
        .map_or(0, |i| i + 1);
    let number = &bytes[first_digit..=last_digit];
    number.len() == 4 && (number.starts_with(b"19") || number.starts_with(b"20"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_capitalised_article_is_no_part_of_a_shape() {
        assert_eq!(leading_function_words("The International Department"), 4);
        assert_eq!(leading_function_words("An Ministry"), 3);
        assert_eq!(leading_function_words("Theory Department"), 0);
        assert_eq!(leading_function_words("The "), 0);
        assert_eq!(leading_function_words("Why Not United Front Department"), 8);
        assert_eq!(leading_function_words("Whyte Department"), 0);
        assert_eq!(
            leading_function_words("Workers' Party of Korea The United Front Department"),
            28
        );
        assert_eq!(
            leading_function_words("Ministry of Land and Environment Protection"),
            0
        );
    }

    #[test]
    fn the_partys_possessive_is_no_part_of_a_shape() {
        assert_eq!(leading_possessive("party's Civil Defense Department"), 8);
        assert_eq!(leading_possessive("Party's Military Affairs Department"), 8);
        assert_eq!(leading_possessive("Party Civil Defense Department"), 0);
    }

    #[test]
    fn a_title_a_date_or_a_function_word_after_an_open_run_is_no_part_of_the_name() {
        fn cut(m: &str) -> &str {
            &m[..m.len() - trailing_non_name_words(m)]
        }
        assert_eq!(
            cut("General Bureau of Reconnaissance Director"),
            "General Bureau of Reconnaissance"
        );
        assert_eq!(
            cut("General Bureau of Atomic Energy Monday"),
            "General Bureau of Atomic Energy"
        );
        assert_eq!(
            cut("General Bureau of Border Guards The"),
            "General Bureau of Border Guards"
        );
        assert_eq!(cut("General Bureau of Monday"), "");
        assert_eq!(
            cut("General Bureau of Marches"),
            "General Bureau of Marches"
        );
        assert_eq!(
            cut("General Bureau of Reconnaissance Director Kim Yong"),
            "General Bureau of Reconnaissance"
        );
        assert_eq!(cut("Unit 10215"), "Unit 10215");
    }

    #[test]
    fn every_builtin_rule_compiles() {
        assert_eq!(builtin().len(), BUILTIN.len());
    }

    #[test]
    fn years_are_excluded_other_numbers_are_not() {
        for (matched, excluded) in [
            ("Group 2023", true),
            ("Unit 1950", true),
            ("Unit 2100", false),
            ("Unit 1899", false),
            ("Unit 731", false),
            ("Unit 10215", false),
            ("Unit 20231", false),
            ("Bureau 121", false),
            ("No. 2019 Office", true),
            ("제2019부대", false),
            ("조선인민군 제1973군부대", false),
            ("12.31 Unit", false),
            ("Unit", false),
        ] {
            assert_eq!(is_excluded(matched), excluded, "{matched}");
        }
    }

    #[test]
    fn a_user_rule_keeps_its_name_and_needs_no_cue_unless_asked() {
        let rule = Rule::new("farm", r"Farm \d+", Label::Unit).unwrap();
        assert_eq!(rule.name(), "farm");
        assert!(!rule.needs_cue);
        assert!(rule.needs_north_korean_cue(true).needs_cue);
    }

    #[test]
    fn invalid_and_oversized_user_rules_are_errors() {
        let err = Rule::new("broken", "Unit (", Label::Unit).unwrap_err();
        assert!(err.to_string().starts_with("rule 'broken': "), "{err}");
        let err = Rule::with_size_limit("huge", r"\w{1000}", Label::Unit, 10_000).unwrap_err();
        assert!(err.to_string().starts_with("rule 'huge': "), "{err}");
    }
}
