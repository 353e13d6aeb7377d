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

/// Rules whose match is a bare number after a generic word ("Unit 731", "Office 365", "Group 207"): the
/// number says nothing about whose it is, so such a match needs North Korean evidence in its sentence or
/// the one before; a North Korean document around it is not enough. Shapes with a descriptive name ("4th
/// Corps", "Ministry of Coal Industry") may lean on the document.
const BARE_NUMBERS: &[&str] = &[
    "numbered-unit",
    "numbered-office",
    "office-number",
    "numbered-group",
];

/// Whether the rule named `name` matches bare numbers (see [`BARE_NUMBERS`]).
pub(crate) fn is_bare_number(name: &str) -> bool {
    BARE_NUMBERS.contains(&name)
}

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

/// A capitalized word of a body's name, hyphenated parts included ("Building-Materials").
macro_rules! word {
    () => {
        r"[A-Z][a-z]+(?:-[A-Za-z]+)?"
    };
}

/// The built-in rules: `(name, pattern, label, needs a cue)`.
///
/// Besides numbered units, they find bodies by their shape (ANNOTATION rule 25): the Cabinet's
/// ministries and state commissions, the party's departments, general bureaus, and the army's numbered or
/// ordinal formations, in English and in Korean. A shape says nothing about whose body it is ("Ministry
/// of Agriculture", "5th Corps"), so each needs North Korean evidence, and a span found so has no entry.
const BUILTIN: &[(&str, &str, Label, bool)] = &[
    (
        "numbered-unit",
        r"(?:(?:KPA|Korean People's Army) )?Unit (?:No\. ?)?\d{3,5}",
        Label::Unit,
        true,
    ),
    ("date-named-unit", r"\d{1,2}\.\d{1,2} Unit", Label::Unit, true),
    (
        "combined-unit",
        r"(?:KPA )?(?:Navy )?(?:Large )?Combined Unit \d{2,4}",
        Label::Unit,
        false,
    ),
    // "Room" with a number is everyday English ("Room 101"); the rooms that are North Korean units are
    // listed in the gazetteer.
    (
        "numbered-office",
        r"(?:Bureau|Office) (?:No\. ?)?\d{1,3}",
        Label::Unit,
        true,
    ),
    (
        "office-number",
        r"No\. ?\d{1,3} (?:Office|Bureau)",
        Label::Unit,
        true,
    ),
    (
        "numbered-group",
        r"Group \d{2,4}|\d{2,4} Sangmu|Unified Command \d{1,3}",
        Label::Unit,
        true,
    ),
    (
        "inspection-unit",
        r"No\. ?\d{1,3} Inspection Unit|Inspection Unit No\. ?\d{1,3}",
        Label::Unit,
        false,
    ),
    (
        "corps",
        concat!(
            "(?:",
            ordinal!(),
            r"|I|II|III|IV|V|VI|VII|VIII|IX|X|XI|XII) (?:(?:Army|Ground|Mechanized|Mechanised|Armored|Armoured|Artillery|Infantry) )?Corps"
        ),
        Label::Unit,
        true,
    ),
    (
        "district-command",
        r"\d{1,2}(?:st|nd|rd|th) District Command",
        Label::Unit,
        true,
    ),
    (
        "division",
        concat!(
            ordinal!(),
            r" (?:(?:Infantry|Light Infantry|Armored|Armoured|Mechanized|Mechanised|Artillery|Sniper|Air|Naval) )?Division|Division \d{2,4}"
        ),
        Label::Unit,
        true,
    ),
    (
        "brigade",
        concat!(
            ordinal!(),
            r" (?:(?:Border Guard|Sniper|Airborne|Light Infantry|Artillery|Armored|Armoured|Mechanized|Mechanised|Construction|Security|Naval) )?Brigade|(?:Construction (?:Shock )?|Shock |Border Guard )?Brigade (?:No\. ?)?\d{2,4}"
        ),
        Label::Unit,
        true,
    ),
    (
        "regiment",
        concat!(
            r"No\. ?\d{1,3} (?:[A-Z][A-Za-z-]+ ){0,3}Regiment|",
            ordinal!(),
            r" (?:[A-Z][a-z]+ ){0,2}Regiment"
        ),
        Label::Unit,
        true,
    ),
    (
        "ordinal-department",
        concat!(ordinal!(), " (?:Department|Bureau)"),
        Label::Unit,
        true,
    ),
    (
        "ministry",
        concat!(
            "Ministry of (?:",
            word!(),
            r",? (?:and )?){0,4}(?:Industry|Industries|Affairs|Protection|Security|Agriculture|Fisheries|Forestry|Education|Health|Finance|Culture|Commerce|Railways|Transport|Telecommunications|Communications|Trade|Relations|Construction|Management|Sports|Labour|Labor|Resources|Development|Procurement|Administration|Control|Supervision|Insurance|Welfare)"
        ),
        Label::Agency,
        true,
    ),
    (
        "academy",
        concat!("Academy of (?:", word!(), " ){1,3}Sciences?"),
        Label::Agency,
        true,
    ),
    (
        "ordinal-named-bureau",
        concat!(ordinal!(), " (?:", word!(), " ){1,3}(?:General )?Bureau"),
        Label::Agency,
        true,
    ),
    (
        "state-commission",
        concat!("State (?:", word!(), " (?:and )?){1,5}(?:Commission|Committee)"),
        Label::Agency,
        true,
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
        true,
    ),
    (
        "party-department",
        concat!(
            "(?:(?:(?:Korean )?Workers'? Party(?: of Korea)?|WPK|KWP|Party)(?: Central Committee)? (?:",
            word!(),
            " (?:and )?){0,3}",
            word!(),
            " Department)|(?:(?:",
            word!(),
            " (?:and )?){0,3}",
            word!(),
            r" Department of the (?:(?:WPK|KWP|Party|Workers' Party|Workers Party) )?Central Committee)"
        ),
        Label::Agency,
        true,
    ),
    ("hangul-office", r"\d{2,3}호실", Label::Unit, true),
    ("hangul-sangmu", r"\d{2,4}상무", Label::Unit, true),
    (
        "hangul-formation",
        r"(?:국경경비대 )?제?\d{1,4}(?:군단|사단|여단|련대|연대|군부대|훈련소)",
        Label::Unit,
        true,
    ),
    (
        "hangul-numbered-bureau",
        r"[가-힣]*(?:총국|사령부|보위성|보위국) 제\d{1,2}국",
        Label::Unit,
        true,
    ),
    (
        "hangul-general-bureau",
        r"(?:제\d{1,2})?[가-힣]{1,8}총국",
        Label::Agency,
        true,
    ),
    (
        "hangul-ministry",
        r"[가-힣]{1,6}공업성|농업성|수산성|체신성|철도성|보건성|재정성",
        Label::Agency,
        true,
    ),
    (
        "hangul-state-commission",
        r"국가[가-힣]{2,10}(?:위원회|사령부)",
        Label::Agency,
        true,
    ),
];

/// Words one of which every built-in rule's match contains. The name automaton looks for them too, so a
/// text without any skips the rules.
pub(crate) const TRIGGERS: &[&str] = &[
    "Unit",
    "Academy",
    "Bureau",
    "Office",
    "Group",
    "Sangmu",
    "Command",
    "Corps",
    "Brigade",
    "Regiment",
    "Division",
    "Department",
    "Ministry",
    "Commission",
    "Committee",
    "호실",
    "상무",
    "군단",
    "사단",
    "여단",
    "련대",
    "연대",
    "군부대",
    "훈련소",
    "총국",
    "사령부",
    "보위성",
    "보위국",
    "공업성",
    "농업성",
    "수산성",
    "체신성",
    "철도성",
    "보건성",
    "재정성",
    "위원회",
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
        let combined = meta::Builder::new()
            .configure(
                meta::Config::new()
                    .nfa_size_limit(Some(limit))
                    .hybrid_cache_capacity(limit),
            )
            .build_many(&rules.iter().map(|r| r.regex.as_str()).collect::<Vec<_>>())
            .map_err(|e| Error::build(format!("the rules do not compile together: {e}")))?;
        Ok(RuleSet {
            combined: Some(combined),
            rules,
            gated,
        })
    }

    /// Every match in `text` into `found`: rule index, start, end. With `triggers` (where the words
    /// every rule needs were seen), only the text around them is scanned; without, all of it. `windows`
    /// is scratch space.
    pub(crate) fn find(
        &self,
        text: &str,
        triggers: Option<&[(usize, usize)]>,
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
                found.push((m.pattern().as_usize(), start, end));
            }
            true
        };
        let Some(triggers) = triggers else {
            scan(0, text.len(), found);
            return;
        };
        windows.clear();
        windows.extend(triggers.iter().map(|&(start, end)| {
            let from = floor_char(text, start.saturating_sub(WINDOW));
            (from, ceil_char(text, (end + WINDOW).min(text.len())))
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

/// Bytes scanned on each side of a trigger word: longer than any built-in rule's match.
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
        .map(|&(name, pattern, label, needs_cue)| Rule {
            name: name.into(),
            regex: Regex::new(pattern).unwrap_or_else(|e| panic!("built-in rule {name}: {e}")),
            label,
            needs_cue,
        })
        .collect()
}

/// Whether a rule match is a year ("Group 2023") rather than a designation. Foreign designations ("PLA
/// Unit 61398", "Office 365 ... not North Korean") are left out by the evidence around them, in the
/// extractor, not here by their number.
pub(crate) fn is_excluded(matched: &str) -> bool {
    let number = matched
        .rsplit(|c: char| !c.is_ascii_digit())
        .find(|part| !part.is_empty())
        .unwrap_or("");
    number.len() == 4 && (number.starts_with("19") || number.starts_with("20"))
}

#[cfg(test)]
mod tests {
    use super::*;

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
