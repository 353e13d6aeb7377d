//! Behaviour, not examples (CheckList, Ribeiro et al., ACL 2020): every name of the gazetteer, in every
//! everyday context a newsroom writes it in, must come out the same.
//!
//! Nothing here is a list of names: the cases are generated from `gazetteers/divisions.tsv` and
//! `agencies.tsv`, so a new row brings its cases with it. Three kinds of test, each a set of
//! capabilities:
//!
//! - *Minimum functionality*: each name (a division's English name with and without its head word, each
//!   Latin form, each Hangul or Hanja form, the bare Hangul stem of a city; a body's names and acronyms)
//!   dropped into carrier sentences of our own writing: followed by a number, a year, a date, a count, a
//!   measure; in a dateline; at the start and end of a text; in quotes, brackets, a list, a capitalised
//!   headline, a lower-case tag line; after a dash; with a possessive; before each Korean particle.
//! - *Invariance*: a change that must leave the spans alone (another sentence before or after, a number
//!   changed, a place swapped for another of its level, a South Korean sentence far away in a document
//!   about the North, line breaks and non-breaking spaces between words).
//! - *Direction*: a change that must move a span a known way (a South Korea cue drops a namesake; the city
//!   named after a district picks that city's district; a company word after a place ends the place).
//!
//! A failure that the contract explains is listed in [`EXPECTED`] with its rule; any other failure, and any
//! listed exception that no longer fails, fails the test. `cargo test --test integration behaviour --
//! --nocapture` prints the table that `docs/testing.md` shows.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use crate::coverage::{head, rows, Row, AGENCIES, DIVISIONS};

const EVERYDAY: &str = include_str!("../gazetteers/everyday.txt");

/// One name to test: an entry's form as the text writes it, and what it must give.
#[derive(Clone, Debug)]
struct Name {
    id: &'static str,
    label: &'static str,
    form: String,
    /// Hangul or Hanja (Korean carriers) rather than Latin script (English carriers).
    korean: bool,
    place: bool,
    /// A historical province or county: a span without a link (rules 28, 29f).
    linked: bool,
    /// The form needs a North Korean context (flag `nk`).
    needs_context: bool,
    /// Lower case makes it another word or no name: acronyms, everyday words, case-sensitive forms,
    /// forms that need context ("the cabinet"), a body's single word or numbered phrase ("room 39")
    /// (rule 21; DESIGN.md, "Letter case").
    needs_capital: bool,
    /// The form is case-sensitive (`case`): capitals make it another word ("MOSS").
    case_sensitive: bool,
    /// The form also names a numbered series (`series`: "Hwasong 18", rule 11).
    series: bool,
    /// Written with its head word ("Hwasong District").
    headed: bool,
}

fn everyday_words() -> Vec<String> {
    EVERYDAY
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| l.trim().to_lowercase())
        .collect()
}

fn is_acronym(form: &str) -> bool {
    form.chars().filter(char::is_ascii_uppercase).count() >= 2
        && !form.contains(' ')
        && form == form.to_uppercase()
}

fn has(flags: &str, flag: &str) -> bool {
    flags.split(',').any(|f| f == flag)
}

/// The Hangul suffixes a city's bare stem is written without (rule 18).
const CITY_SUFFIXES: &[&str] = &["직할시", "특별시", "특급시", "시"];

fn names() -> Vec<Name> {
    let everyday = everyday_words();
    let mut out = Vec::new();
    let latin = |row: &Row<'static>, form: String, flags: &str, place: bool| {
        let lower = fold_breves(&form.to_lowercase());
        let single_word = !form.trim().contains(' ');
        let capitals = form.chars().filter(char::is_ascii_uppercase).count();
        let numbered = form.contains(|c: char| c.is_ascii_digit());
        Name {
            id: row.id,
            label: if has(flags, "UNIT") {
                "UNIT"
            } else {
                row.label
            },
            needs_capital: is_acronym(&form)
                || ["case", "head", "person"].iter().any(|f| has(flags, f))
                || everyday.contains(&lower)
                || form.chars().filter(|c| c.is_alphanumeric()).count() <= 4
                || (!place && ((single_word && capitals >= 2) || numbered)),
            case_sensitive: has(flags, "case"),
            series: has(flags, "series"),
            headed: false,
            form,
            korean: false,
            place,
            linked: !row.kind.starts_with("historical_"),
            needs_context: has(flags, "nk"),
        }
    };
    let korean = |row: &Row<'static>, form: String, flags: &str, place: bool| Name {
        id: row.id,
        label: if has(flags, "UNIT") {
            "UNIT"
        } else {
            row.label
        },
        form,
        korean: true,
        place,
        linked: !row.kind.starts_with("historical_"),
        needs_context: has(flags, "nk"),
        needs_capital: false,
        case_sensitive: false,
        series: false,
        headed: false,
    };
    for row in rows(DIVISIONS).into_iter().filter(|r| r.label != "NONE") {
        let head = head(row.label);
        let headed = |mut name: Name| {
            name.headed = true;
            name
        };
        out.push(headed(latin(&row, format!("{}{head}", row.name), "", true)));
        for &(form, flags) in &row.forms {
            if ["alt", "sk", "marked"].iter().any(|f| has(flags, f)) {
                continue;
            }
            let suffixed = ["-do", "-bukto", "-namdo", "-pukto"]
                .iter()
                .any(|s| form.ends_with(s));
            if suffixed {
                out.push(latin(&row, form.to_string(), flags, true));
                continue;
            }
            out.push(headed(latin(&row, format!("{form}{head}"), flags, true)));
            if !has(flags, "head") && !has(flags, "person") {
                out.push(latin(&row, form.to_string(), flags, true));
            }
        }
        for &(form, flags) in &row.hangul {
            out.push(korean(&row, form.to_string(), flags, true));
            // A provincial-level city's Hanja with 市 for its long suffix (開城特別市, 開城市).
            let hanja_stem = ["特別市", "直轄市", "特級市"]
                .iter()
                .find_map(|s| form.strip_suffix(s));
            if let Some(stem) = hanja_stem.filter(|_| row.kind == "provincial_city") {
                out.push(korean(&row, format!("{stem}市"), flags, true));
            }
            let city = matches!(row.kind, "city" | "provincial_city");
            if city && !has(flags, "suffix") && is_hangul(form) {
                if let Some(stem) = CITY_SUFFIXES.iter().find_map(|s| form.strip_suffix(s)) {
                    out.push(korean(&row, stem.to_string(), flags, true));
                }
            }
        }
    }
    for row in rows(AGENCIES).into_iter().filter(|r| r.label != "NONE") {
        let written = row.forms.iter().any(|&(f, _)| f == row.name);
        if !written {
            out.push(latin(&row, row.name.to_string(), "", false));
        }
        for &(form, flags) in &row.forms {
            if ["alt", "sk", "marked"].iter().any(|f| has(flags, f)) || form.chars().count() < 3 {
                continue;
            }
            out.push(latin(&row, form.to_string(), flags, false));
            // The other order of a ministry's name (gazetteers/README.md, variant rule 7).
            if let Some(field) = form.strip_prefix("Ministry of ") {
                if !field.contains(" of ") && !field.starts_with("the ") {
                    out.push(latin(&row, format!("{field} Ministry"), flags, false));
                }
            }
        }
        for &(form, flags) in &row.hangul {
            out.push(korean(&row, form.to_string(), flags, false));
        }
    }
    out
}

/// The breves and apostrophes of McCune-Reischauer taken off, as `everyday.txt` lists its words.
fn fold_breves(text: &str) -> String {
    text.chars()
        .filter(|c| !matches!(c, '\'' | '’'))
        .map(|c| match c {
            'ŏ' => 'o',
            'ŭ' => 'u',
            other => other,
        })
        .collect()
}

fn is_hangul(text: &str) -> bool {
    text.chars().all(|c| ('가'..='힣').contains(&c))
}

/// Whether the last syllable of `text` has a final consonant, and whether that final is ㄹ.
fn final_consonant(text: &str) -> (bool, bool) {
    match text.chars().last() {
        Some(c @ '가'..='힣') => {
            let jong = (c as u32 - 0xAC00) % 28;
            (jong != 0, jong == 8)
        }
        // Hanja and Latin are read aloud with a final here; the particle's choice is no part of the test.
        _ => (true, false),
    }
}

/// Fills a carrier: `{X}` is the name as written, `{XU}` in capitals, `{XL}` in lower case; `{은}`, `{이}`,
/// `{을}`, `{과}`, `{으로}` are the particles that agree with the name's last syllable. Returns the text and
/// the byte range of the name in it.
fn fill(template: &str, form: &str) -> (String, std::ops::Range<usize>) {
    let (batchim, rieul) = final_consonant(form);
    let pick = |with: &'static str, without: &'static str| if batchim { with } else { without };
    let mut text = String::new();
    let mut range = 0..0;
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        text.push_str(&rest[..open]);
        let close = open + rest[open..].find('}').expect("closed placeholder");
        let key = &rest[open + 1..close];
        let value: String = match key {
            "X" => form.to_string(),
            "XU" => form.to_uppercase(),
            "XL" => form.to_lowercase(),
            "은" => pick("은", "는").into(),
            "이" => pick("이", "가").into(),
            "을" => pick("을", "를").into(),
            "과" => pick("과", "와").into(),
            "으로" => (if batchim && !rieul { "으로" } else { "로" }).into(),
            other => panic!("unknown placeholder {other}"),
        };
        if key.starts_with('X') {
            range = text.len()..text.len() + value.len();
        }
        text.push_str(&value);
        rest = &rest[close + 1..];
    }
    text.push_str(rest);
    (text, range)
}

#[derive(Clone, Copy, PartialEq)]
enum For {
    Places,
    Bodies,
    Both,
}

/// A carrier sentence of our own writing: (capability, who it is for, template).
type Carrier = (&'static str, For, &'static str);

const ENGLISH: &[Carrier] = &[
    (
        "en: number after",
        For::Places,
        "In {X} 30 houses collapsed after the rains.",
    ),
    (
        "en: number after",
        For::Bodies,
        "In the {X} 12 officials were purged.",
    ),
    (
        "en: year after",
        For::Both,
        "The {X} 2024 plan was announced in January.",
    ),
    (
        "en: date after",
        For::Places,
        "Markets in {X} March 5 reopened, traders said.",
    ),
    (
        "en: count after",
        For::Places,
        "In {X} two dozen traders were arrested.",
    ),
    (
        "en: measure after",
        For::Places,
        "The depot lies in {X} 20 km from the river.",
    ),
    (
        "en: dateline",
        For::Places,
        "{X}, March 5 (KCNA) -- Workers met to discuss the harvest.",
    ),
    (
        "en: dateline in capitals",
        For::Places,
        "{XU}, March 5 (AP) — Officials met on Monday.",
    ),
    (
        "en: start of text",
        For::Both,
        "{X} ordered a new crackdown this week.",
    ),
    (
        "en: end of text",
        For::Places,
        "Smugglers were arrested in {X}",
    ),
    (
        "en: end of text",
        For::Bodies,
        "The order came from the {X}",
    ),
    (
        "en: end of sentence",
        For::Places,
        "Smugglers were arrested in {X}. Prices rose.",
    ),
    (
        "en: end of sentence",
        For::Bodies,
        "The order came from the {X}. Prices rose.",
    ),
    (
        "en: straight quotes",
        For::Both,
        "Officials called \"{X}\" a model for others.",
    ),
    (
        "en: curly quotes",
        For::Both,
        "Officials called “{X}” a model for others.",
    ),
    (
        "en: single quotes",
        For::Both,
        "Officials called ‘{X}’ a model for others.",
    ),
    (
        "en: brackets",
        For::Both,
        "Officials (of {X}) met on Monday.",
    ),
    (
        "en: square brackets",
        For::Both,
        "[{X}] Officials met on Monday.",
    ),
    (
        "en: list",
        For::Places,
        "Arrests were reported in Chongjin, {X}, and Sinuiju.",
    ),
    (
        "en: list",
        For::Bodies,
        "Officials of the army, the {X}, and the police met.",
    ),
    (
        "en: headline in capitals",
        For::Places,
        "FLOODS HIT {XU} AS RAINS CONTINUE",
    ),
    (
        "en: headline in capitals",
        For::Bodies,
        "{XU} ORDERS NEW CRACKDOWN",
    ),
    (
        "en: lower-case tag line",
        For::Both,
        "tags: food prices, {XL}, border",
    ),
    (
        "en: after a dash",
        For::Both,
        "Prices rose again—{X} was the worst hit.",
    ),
    (
        "en: after a spaced dash",
        For::Both,
        "Prices rose again – {X} was the worst hit.",
    ),
    (
        "en: possessive",
        For::Both,
        "{X}'s officials were replaced.",
    ),
    (
        "en: curly possessive",
        For::Both,
        "{X}’s officials were replaced.",
    ),
    (
        "en: line start",
        For::Both,
        "Border report\n{X} officials were fined.",
    ),
    (
        "en: hyphenated modifier",
        For::Places,
        "{X}-based traders were fined.",
    ),
    (
        "en: area",
        For::Places,
        "Traders in the {X} area were fined.",
    ),
    (
        "en: colon headline",
        For::Both,
        "{X}: officials fined for graft",
    ),
    (
        "en: road between places",
        For::Places,
        "The {X}-Wonsan road was closed.",
    ),
    (
        "en: near",
        For::Places,
        "A bridge near {X}, close to the border, collapsed.",
    ),
    (
        "en: wire dateline",
        For::Both,
        "SEOUL, March 5 (Yonhap) -- {X} officials were fined.",
    ),
    ("en: slash", For::Places, "Chongjin/{X} prices rose."),
    (
        "en: parenthesised gloss",
        For::Places,
        "The city ({X}) was closed.",
    ),
    (
        "en: plural possessive",
        For::Both,
        "{X}'s and Chongjin's markets reopened.",
    ),
    (
        "en: ellipsis",
        For::Both,
        "Officials in... {X}... were fined.",
    ),
    (
        "en: semicolon",
        For::Both,
        "Prices rose; {X} was worst hit.",
    ),
    ("en: comma after", For::Places, "In {X}, prices rose again."),
    ("en: question", For::Both, "Why {X}?"),
    ("en: exclamation", For::Both, "Not {X} again!"),
    (
        "en: quoted with a comma inside",
        For::Both,
        "“{X},” the source said.",
    ),
    (
        "en: country after",
        For::Places,
        "{X}, North Korea, is cold.",
    ),
    (
        "en: from and to",
        For::Places,
        "Trains ran from {X} to Chongjin.",
    ),
    ("en: born", For::Places, "A {X}-born defector spoke."),
    (
        "en: en dash modifier",
        For::Places,
        "{X}–based traders were fined.",
    ),
    (
        "en: people's committee",
        For::Places,
        "The {X} People's Committee met.",
    ),
    (
        "en: title case headline",
        For::Both,
        "Floods Hit {X} As Rains Continue",
    ),
    (
        "en: html tags, lower case",
        For::Both,
        "related: <a href=\"#\">{XL}</a> news",
    ),
    (
        "en: slash list, lower case",
        For::Places,
        "tags: smuggling/{XL}/border",
    ),
];

const KOREAN: &[Carrier] = &[
    (
        "ko: date after",
        For::Places,
        "{X} 10일 오후 주민들이 모였다.",
    ),
    (
        "ko: date after",
        For::Bodies,
        "{X} 10일 발표에 따르면 단속이 강화됐다.",
    ),
    ("ko: count after", For::Places, "{X} 2개 리가 물에 잠겼다."),
    ("ko: number after", For::Both, "{X} 30여 명이 처벌됐다."),
    (
        "ko: year after",
        For::Both,
        "{X} 2024년 사업 계획이 발표됐다.",
    ),
    ("ko: particle 에서", For::Both, "{X}에서 회의가 열렸다."),
    ("ko: particle 의", For::Both, "{X}의 간부들이 모였다."),
    ("ko: particle 은/는", For::Both, "{X}{은} 지시를 내렸다."),
    ("ko: particle 이/가", For::Both, "{X}{이} 피해를 입었다."),
    (
        "ko: particle 을/를",
        For::Both,
        "당국은 {X}{을} 다시 점검했다.",
    ),
    (
        "ko: particle 으로/로",
        For::Both,
        "간부들이 {X}{으로} 보내졌다.",
    ),
    (
        "ko: particle 과/와",
        For::Both,
        "{X}{과} 군당 간부들이 모였다.",
    ),
    (
        "ko: dateline",
        For::Places,
        "({X}=연합뉴스) 주민들이 모였다.",
    ),
    ("ko: quotes", For::Both, "소식통은 ‘{X}’ 문제를 언급했다."),
    (
        "ko: double quotes",
        For::Both,
        "소식통은 “{X}” 문제를 언급했다.",
    ),
    ("ko: brackets", For::Both, "회의({X})가 열렸다."),
    ("ko: headline tag", For::Both, "[속보] {X} 폭우 피해 커져"),
    (
        "ko: list",
        For::Places,
        "혜산시, {X}, 무산군 등에서 단속이 있었다.",
    ),
    (
        "ko: end of sentence",
        For::Both,
        "이번 단속을 맡은 곳은 {X}. 주민들은 긴장했다.",
    ),
    (
        "ko: after a dash",
        For::Both,
        "소식통 — {X} 주민들이 모였다.",
    ),
    ("ko: line start", For::Both, "소식\n{X} 간부들이 모였다."),
    ("ko: area", For::Places, "{X} 일대에서 단속이 있었다."),
    ("ko: located in", For::Places, "{X} 소재 공장이 멈췄다."),
    ("ko: resident", For::Places, "{X} 주민 A씨가 말했다."),
    ("ko: hanja gloss", For::Places, "{X}(惠山) 주민들이 모였다."),
    ("ko: particle 에서는", For::Both, "{X}에서는 회의가 열렸다."),
    ("ko: particle 까지", For::Both, "{X}까지 소식이 퍼졌다."),
    ("ko: particle 에도", For::Both, "{X}에도 지시가 내려왔다."),
    ("ko: question", For::Both, "왜 {X}인가?"),
    (
        "ko: middle dot list",
        For::Places,
        "혜산시·{X} 주민들이 모였다.",
    ),
    (
        "ko: wire dateline",
        For::Both,
        "(서울=연합뉴스) {X} 간부들이 모였다.",
    ),
    ("ko: particle 에선", For::Both, "{X}에선 회의가 열렸다."),
    ("ko: particle 엔", For::Both, "{X}엔 눈이 내렸다."),
    ("ko: particle 로부터", For::Both, "{X}로부터 지시가 왔다."),
    ("ko: particle 처럼", For::Both, "{X}처럼 단속이 심하다."),
    ("ko: particle 보다", For::Both, "{X}보다 물가가 높다."),
    ("ko: particle 와의", For::Both, "{X}와의 거래가 끊겼다."),
    (
        "ko: particle 을 비롯한",
        For::Both,
        "{X}{을} 비롯한 여러 곳에서 단속이 있었다.",
    ),
    (
        "ko: north korea before",
        For::Both,
        "북한 {X}에서 회의가 열렸다.",
    ),
    (
        "ko: country gloss",
        For::Places,
        "{X}(북한) 주민들이 모였다.",
    ),
    ("ko: region", For::Places, "{X} 지역 주민들이 모였다."),
];

/// The context a form that needs it is given: a sentence before the carrier, about North Korea.
const NORTH_CONTEXT: &str = "North Korean state media reported the news.\n";
const NORTH_CONTEXT_KO: &str = "북한 매체가 소식을 전했다.\n";

/// A failure the contract explains: the capabilities it is expected in, the names it is expected for,
/// the contract's rule and why. Exceptions are rules over the data, never single names.
struct Exception {
    capabilities: &'static [&'static str],
    names: fn(&Name) -> bool,
    rule: &'static str,
    why: &'static str,
}

const EXPECTED: &[Exception] = &[
    Exception {
        capabilities: &["en: number after", "en: measure after", "en: year after"],
        names: |n| n.series && !n.headed,
        rule: "11",
        why: "a series name before a number is the thing it names (\"Hwasong 18\"), whatever follows",
    },
    Exception {
        capabilities: &["en: title case headline"],
        names: |n| !n.place && n.form.ends_with(" Department of the Central Committee"),
        rule: "25",
        why: "in a title-case headline the department shape (\"... Department of the Central \
              Committee\") cannot tell the headline's capitalised words from a name's, and takes them",
    },
];

/// How many failures of each capability the table lists.
const FIRST_FAILURES: usize = 400;

/// The outcome of one capability.
#[derive(Default)]
struct Tally {
    cases: usize,
    failures: Vec<String>,
    expected: usize,
}

struct Suite {
    by_capability: BTreeMap<&'static str, Tally>,
    stale: Vec<String>,
}

impl Suite {
    fn new() -> Suite {
        Suite {
            by_capability: BTreeMap::new(),
            stale: Vec::new(),
        }
    }

    /// Records one case of `name`: `failure` is `None` when it passed.
    fn record(&mut self, capability: &'static str, name: Option<&Name>, failure: Option<String>) {
        let tally = self.by_capability.entry(capability).or_default();
        tally.cases += 1;
        let excused = name.and_then(|n| {
            EXPECTED
                .iter()
                .find(|e| e.capabilities.contains(&capability) && (e.names)(n))
        });
        match (failure, excused) {
            (Some(_), Some(_)) => tally.expected += 1,
            (Some(f), None) => tally.failures.push(f),
            (None, Some(e)) => self.stale.push(format!(
                "{capability}: {:?} passes now; rule {} ({}) no longer explains a failure",
                name.map(|n| &n.form),
                e.rule,
                e.why
            )),
            (None, None) => {}
        }
    }

    fn report(&self) -> String {
        let mut out =
            String::from("| capability | cases | failures | expected |\n|---|---|---|---|\n");
        for (capability, t) in &self.by_capability {
            let _ = writeln!(
                out,
                "| {capability} | {} | {} | {} |",
                t.cases,
                t.failures.len(),
                t.expected
            );
        }
        for (capability, t) in &self.by_capability {
            for f in t.failures.iter().take(FIRST_FAILURES) {
                let _ = writeln!(out, "{capability}: {f}");
            }
        }
        out
    }

    fn assert_clean(&self) {
        println!("{}", self.report());
        let failures: usize = self.by_capability.values().map(|t| t.failures.len()).sum();
        assert!(
            failures == 0 && self.stale.is_empty(),
            "{failures} unexpected failures, {} stale exceptions:\n{}\n{}",
            self.stale.len(),
            self.report(),
            self.stale.join("\n")
        );
    }
}

/// Whether `spans` hold the name at `range`, with its label and link. Returns what was wrong.
fn found(text: &str, range: std::ops::Range<usize>, name: &Name) -> Option<String> {
    let spans = nkner::extract(text);
    let hit = spans.iter().find(|s| s.range() == range);
    match hit {
        Some(s)
            if s.label.as_str() == name.label
                && (s.kb_id.as_deref() == Some(name.id)
                    || s.candidates.iter().any(|c| &**c == name.id)
                    || (!name.linked && s.kb_id.is_none())) =>
        {
            None
        }
        Some(s) => Some(format!(
            "{}: {text:?}: {:?} is {} {:?}",
            name.id, s.text, s.label, s.kb_id
        )),
        None => Some(format!(
            "{}: {text:?}: no span {:?}; got {:?}",
            name.id,
            &text[range],
            spans.iter().map(|s| s.text.as_str()).collect::<Vec<_>>()
        )),
    }
}

#[test]
fn every_name_in_every_everyday_context() {
    let mut suite = Suite::new();
    for name in names() {
        let carriers = if name.korean { KOREAN } else { ENGLISH };
        for &(capability, who, template) in carriers {
            let fits = match who {
                For::Both => true,
                For::Places => name.place,
                For::Bodies => !name.place,
            };
            let lowered = template.contains("{XL}");
            let capitals = template.contains("{XU}");
            if !fits || (lowered && name.needs_capital) || (capitals && name.case_sensitive) {
                continue;
            }
            let (mut text, mut range) = fill(template, &name.form);
            if name.needs_context {
                let context = if name.korean {
                    NORTH_CONTEXT_KO
                } else {
                    NORTH_CONTEXT
                };
                text.insert_str(0, context);
                range = range.start + context.len()..range.end + context.len();
            }
            let failure = found(&text, range, &name);
            suite.record(capability, Some(&name), failure);
        }
        // The breve typed as an apostrophe after its vowel (Kangryo'ng), as keyboards write it (rule 22).
        let typed = name
            .form
            .replace('ŏ', "o'")
            .replace('ŭ', "u'")
            .replace('Ŏ', "O'")
            .replace('Ŭ', "U'");
        if typed != name.form && !name.needs_context && !typed.ends_with('\'') {
            let name = Name {
                form: typed,
                ..name
            };
            for template in [
                "Floods hit {X} on Monday.",
                "{X} residents said prices rose.",
            ] {
                let (text, range) = fill(template, &name.form);
                let failure = found(&text, range, &name);
                suite.record("en: breve typed as an apostrophe", Some(&name), failure);
            }
        }
    }
    suite.assert_clean();
}

/// The spans of `text` as (text with white space folded, label, link): what an invariance compares.
fn readings(text: &str) -> Vec<(String, String, Option<String>)> {
    nkner::extract(text)
        .into_iter()
        .map(|s| {
            let words: Vec<&str> = s.text.split_whitespace().collect();
            (
                words.join(" "),
                s.label.to_string(),
                s.kb_id.as_deref().map(str::to_string),
            )
        })
        .collect()
}

/// Records whether `perturbed` gives the spans `base` gives (plus `extra`, where the change adds some).
fn invariant(
    suite: &mut Suite,
    capability: &'static str,
    name: &Name,
    base: &str,
    perturbed: &str,
) {
    let (want, got) = (readings(base), readings(perturbed));
    let failure = (want != got).then(|| format!("{perturbed:?}: want {want:?}, got {got:?}"));
    suite.record(capability, Some(name), failure);
}

/// One name of each entry, in the carrier that names it at the start of a text: the base of the
/// invariance tests (each entry's English name with its head word, or its body name; its first Hangul
/// form).
fn base_names() -> Vec<Name> {
    let mut seen: Vec<(&str, bool)> = Vec::new();
    names()
        .into_iter()
        .filter(|n| !n.needs_context && !n.series)
        .filter(|n| {
            let first = !seen.contains(&(n.id, n.korean));
            seen.push((n.id, n.korean));
            first
        })
        .collect()
}

#[test]
fn changes_that_must_not_move_a_span() {
    let mut suite = Suite::new();
    let names = base_names();
    for (i, name) in names.iter().enumerate() {
        let (base, far) = if name.korean {
            (
                fill("{X}에서 30여 가구가 피해를 입었다.", &name.form).0,
                "\n\n서울에서는 통일부 관계자가 논평을 거부했다.",
            )
        } else {
            (
                fill("In {X} 30 houses were damaged, state media said.", &name.form).0,
                "\n\nIn Seoul, officials of South Korea's unification ministry declined to comment.",
            )
        };
        let (before, after) = if name.korean {
            ("물가가 다시 올랐다. ", " 물가가 다시 올랐다.")
        } else {
            (
                "Prices rose again this week. ",
                " Prices rose again this week.",
            )
        };
        invariant(
            &mut suite,
            "inv: a sentence before",
            name,
            &base,
            &format!("{before}{base}"),
        );
        invariant(
            &mut suite,
            "inv: a sentence after",
            name,
            &base,
            &format!("{base}{after}"),
        );
        invariant(
            &mut suite,
            "inv: a number changed",
            name,
            &base,
            &base.replace("30", "412"),
        );
        // The South named far away in a longer document about the North.
        let long = format!("{base}\n\nPrices of rice rose in Hyesan and Musan.");
        invariant(
            &mut suite,
            "inv: the South far away",
            name,
            &long,
            &format!("{long}{far}"),
        );
        if !name.korean && name.form.contains(' ') {
            let broken = base.replacen(&name.form, &name.form.replacen(' ', "\n", 1), 1);
            invariant(
                &mut suite,
                "inv: a line break inside a name",
                name,
                &base,
                &broken,
            );
            let nbsp = base.replacen(&name.form, &name.form.replace(' ', "\u{a0}"), 1);
            invariant(&mut suite, "inv: non-breaking spaces", name, &base, &nbsp);
        }
        // Another entry of the same level in the same list leaves the others' spans alone.
        let other = names[i + 1..]
            .iter()
            .find(|o| o.label == name.label && o.korean == name.korean && o.id != name.id);
        if let Some(other) = other {
            let list = if name.korean {
                "혜산시, {X}, 무산군 등에서 단속이 있었다."
            } else {
                "Arrests were reported in Chongjin, {X}, and Musan."
            };
            let (a, ra) = fill(list, &name.form);
            let (b, rb) = fill(list, &other.form);
            let rest = |text: &str, range: std::ops::Range<usize>| -> Vec<_> {
                nkner::extract(text)
                    .into_iter()
                    .filter(|s| s.end_byte <= range.start || s.start_byte >= range.end)
                    .map(|s| (s.text, s.label.to_string()))
                    .collect()
            };
            let (want, got) = (rest(&a, ra), rest(&b, rb.clone()));
            let swapped = found(&b, rb, other);
            let failure = if want != got {
                Some(format!("{b:?}: the others were {want:?}, are {got:?}"))
            } else {
                swapped
            };
            suite.record("inv: a place or body swapped", Some(name), failure);
        }
    }
    suite.assert_clean();
}

/// Forms of the gazetteer with `flag`, as (row, form, Hangul?).
fn forms_with(flag: &str) -> Vec<(Row<'static>, &'static str, bool)> {
    let mut out = Vec::new();
    for row in rows(DIVISIONS).into_iter().chain(rows(AGENCIES)) {
        let latin = row.forms.iter().map(|&(f, fl)| (f, fl, false));
        let hangul = row.hangul.iter().map(|&(f, fl)| (f, fl, true));
        let mine: Vec<_> = latin
            .chain(hangul)
            .filter(|&(_, fl, _)| has(fl, flag) && !has(fl, "head") && !has(fl, "person"))
            .map(|(f, _, k)| (f, k))
            .collect();
        for (form, korean) in mine {
            out.push((row.clone(), form, korean));
        }
    }
    out
}

/// Records whether `text` holds no span over `range`.
fn absent(suite: &mut Suite, capability: &'static str, text: &str, range: std::ops::Range<usize>) {
    let over: Vec<String> = nkner::extract(text)
        .into_iter()
        .filter(|s| s.start_byte < range.end && range.start < s.end_byte)
        .map(|s| s.text)
        .collect();
    let failure = (!over.is_empty()).then(|| format!("{text:?}: want no span there, got {over:?}"));
    suite.record(capability, None, failure);
}

fn name_of(row: &Row<'static>, form: &str, korean: bool) -> Name {
    let flags = row
        .forms
        .iter()
        .chain(&row.hangul)
        .find(|&&(f, _)| f == form)
        .map_or("", |&(_, flags)| flags);
    Name {
        id: row.id,
        label: if has(flags, "UNIT") {
            "UNIT"
        } else {
            row.label
        },
        form: form.to_string(),
        korean,
        place: row.label != "AGENCY" && row.label != "UNIT",
        linked: true,
        needs_context: false,
        needs_capital: false,
        case_sensitive: false,
        series: false,
        headed: false,
    }
}

#[test]
fn changes_that_must_move_a_span() {
    let mut suite = Suite::new();
    // A South Korea cue drops a namesake (rule 9); a North Korea mark keeps a South spelling.
    for (row, form, korean) in forms_with("amb") {
        let template = if korean {
            "대한민국 경기도의 {X}에서 축제가 열렸다."
        } else {
            "{X}, a town in South Korea's Gyeonggi Province, held a festival."
        };
        let (text, range) = fill(template, form);
        absent(
            &mut suite,
            "dir: a South Korea cue drops a namesake",
            &text,
            range,
        );
        // A South Korean township (면) after a county: the North has none (rule 27).
        if korean && form.ends_with('군') {
            let (text, range) = fill("{X} 영북면에서 축제가 열렸다.", form);
            absent(
                &mut suite,
                "dir: a South Korean township drops a namesake",
                &text,
                range,
            );
        }
        let name = name_of(&row, form, korean);
        let (text, range) = fill(
            if korean {
                "북한 {X}에서 회의가 열렸다."
            } else {
                "North Korea's {X} held a meeting."
            },
            form,
        );
        suite.record(
            "dir: a North Korea mark keeps a namesake",
            Some(&name),
            found(&text, range, &name),
        );
    }
    // A mark before the province marks the county or city written after it: the North's and the South's
    // namesakes side by side keep the one and drop the other (rule 9).
    let divisions = rows(DIVISIONS);
    for (row, form, korean) in forms_with("amb") {
        let province = divisions
            .iter()
            .find(|p| p.id == row.parent && p.label == "PROVINCE");
        let (Some(province), true) = (province, korean) else {
            continue;
        };
        let Some(&(p, _)) = province.hangul.first() else {
            continue;
        };
        let (text, north) = fill(
            &format!("북한 {p} {{X}} 주민과 남한 {p} {form} 주민이 만났다."),
            form,
        );
        let name = name_of(&row, form, korean);
        suite.record(
            "dir: a mark before the province marks the place after it",
            Some(&name),
            found(&text, north, &name),
        );
        let south = text.rfind(form).map_or(0..0, |at| at..at + form.len());
        absent(
            &mut suite,
            "dir: a mark before the province marks the place after it",
            &text,
            south,
        );
    }
    // The North marked in the other ways news writes it: a headline's capitals, "N Korea", the North's,
    // 北 (rules 9, 21, 24).
    for (row, form, korean) in forms_with("amb") {
        let name = name_of(&row, form, korean);
        let marks: &[&str] = if korean {
            &["北 {X}에서 회의가 열렸다.", "北의 {X}에서 회의가 열렸다."]
        } else {
            &[
                "N Korea's {X} held a meeting.",
                "The North's {X} held a meeting.",
                "NORTH KOREA'S {X} HOLDS MEETING",
            ]
        };
        for template in marks {
            let (text, range) = fill(template, form);
            suite.record(
                "dir: a North Korea mark in another form keeps a namesake",
                Some(&name),
                found(&text, range, &name),
            );
        }
        if !korean {
            let (text, range) = fill(
                "{XU}, A TOWN IN SOUTH KOREA'S GYEONGGI, HOLDS FESTIVAL",
                form,
            );
            absent(
                &mut suite,
                "dir: a South Korea cue in capitals drops a namesake",
                &text,
                range,
            );
        }
    }
    // A North Korea cue in a headline's capitals, "N Korea" or 北, gives the context a form needs.
    for (row, form, korean) in forms_with("nk") {
        let name = name_of(&row, form, korean);
        let cues: &[&str] = if korean {
            &[
                "北, 간부 대거 숙청\n{X}{이} 회의를 열었다.",
                "북 당국이 밝혔다. {X}{이} 회의를 열었다.",
            ]
        } else {
            &[
                "NORTH KOREA PURGES OFFICIALS\nThe {X} met on Monday.",
                "N Korea purges officials. The {X} met on Monday.",
            ]
        };
        for template in cues {
            let (text, range) = fill(template, form);
            suite.record(
                "dir: a North Korea cue in another form gives context",
                Some(&name),
                found(&text, range, &name),
            );
        }
        // 북 at a word's start (북미 "North America", 북쪽 "the north side") is no cue.
        if korean {
            let (text, range) = fill("북미 정상들이 만났다. {X}{이} 회의를 열었다.", form);
            absent(
                &mut suite,
                "dir: 북 starting a word gives no context",
                &text,
                range,
            );
        }
    }
    for (row, form, korean) in forms_with("sk") {
        let name = name_of(&row, form, korean);
        let (text, range) = fill("Snow fell in North Korea's {X} on Monday.", form);
        suite.record(
            "dir: a North Korea mark keeps a South spelling",
            Some(&name),
            found(&text, range, &name),
        );
        let (text, range) = fill("Snow fell in {X} on Monday, Seoul officials said.", form);
        absent(
            &mut suite,
            "dir: a South spelling alone is the South's",
            &text,
            range,
        );
    }
    // Another country's body by the same name: the words around it decide (rule 27).
    for (row, form, korean) in forms_with("marked") {
        let name = name_of(&row, form, korean);
        let (text, range) = fill("North Korea's {X} issued a statement.", form);
        suite.record(
            "dir: marked as the North's, a shared body name",
            Some(&name),
            found(&text, range, &name),
        );
        let (text, range) = fill("The United States' {X} issued a statement.", form);
        absent(&mut suite, "dir: another country's body", &text, range);
    }
    // The city named with a ward picks that city's ward; another city's name unlinks it (rules 15, 29f).
    let cities: Vec<&Row<'static>> = divisions.iter().filter(|r| r.label == "CITY").collect();
    for ward in divisions.iter().filter(|r| r.label == "DISTRICT") {
        let Some(city) = cities.iter().find(|c| ward.parent == c.id) else {
            continue;
        };
        let name = name_of(ward, &format!("{} District", ward.name), false);
        let (text, range) = fill(&format!("Floods hit {{X}} of {}.", city.name), &name.form);
        suite.record(
            "dir: the city after a ward picks its ward",
            Some(&name),
            found(&text, range, &name),
        );
        if let (Some(&(w, _)), Some(&(c, _))) = (ward.hangul.first(), city.hangul.first()) {
            let name = name_of(ward, w, true);
            let (text, range) = fill(&format!("{c} {{X}}에서 불이 났다."), w);
            suite.record(
                "dir: the city before a ward picks its ward (Korean)",
                Some(&name),
                found(&text, range, &name),
            );
        }
        let other = cities.iter().find(|c| c.id != city.id && c.kind == "city");
        if let Some(other) = other {
            let (text, range) = fill(&format!("Floods hit {{X}} of {}.", other.name), &name.form);
            let linked: Vec<String> = nkner::extract(&text)
                .into_iter()
                .filter(|s| s.range() == range && s.kb_id.as_deref() == Some(ward.id))
                .map(|s| s.text)
                .collect();
            let failure =
                (!linked.is_empty()).then(|| format!("{text:?}: still linked to {}", ward.id));
            suite.record(
                "dir: another city's name unlinks a ward",
                Some(&name),
                failure,
            );
        }
    }
    // A thing's word after a place, or after its head word, ends the place (rules 11, 21): "-class" in any
    // case, a river, an orchestra, a newspaper; so are the shorter names inside it.
    for name in names().iter().filter(|n| n.place && !n.needs_context) {
        let things: &[&str] = if name.korean {
            &["{X}신문이 보도했다.", "{X}일보 기자가 썼다."]
        } else {
            &[
                "{X}-class submarines were seen.",
                "The {X} River flooded.",
                "Ships sheltered in {X} Bay.",
                "The {X} Orchestra played.",
                "The {X} Ilbo reported it.",
            ]
        };
        for thing in things {
            let (text, range) = fill(thing, &name.form);
            absent(
                &mut suite,
                "dir: a thing's word ends the place",
                &text,
                range,
            );
        }
    }
    // Two bodies under one parent side by side are a list, not a nested name (rules 12, 23): each its own
    // span.
    let agencies = rows(AGENCIES);
    let plain = |row: &Row<'static>| {
        row.hangul
            .iter()
            .find(|&&(f, flags)| flags.is_empty() && is_hangul(f))
            .map(|&(f, _)| f)
    };
    for (i, a) in agencies.iter().enumerate() {
        let sibling = agencies[i + 1..]
            .iter()
            .find(|b| !a.parent.is_empty() && b.parent == a.parent && b.label == a.label)
            .filter(|_| a.label != "NONE");
        let (Some(b), Some(fa)) = (sibling, plain(a)) else {
            continue;
        };
        let Some(fb) = plain(b) else { continue };
        let text = format!("북한 {fa} {fb} 관계자들이 모였다.");
        let got: Vec<(String, Option<String>)> = nkner::extract(&text)
            .into_iter()
            .map(|s| (s.text, s.kb_id.map(|k| k.to_string())))
            .collect();
        let want = vec![
            (fa.to_string(), Some(a.id.to_string())),
            (fb.to_string(), Some(b.id.to_string())),
        ];
        let failure = (got != want).then(|| format!("{text:?}: want {want:?}, got {got:?}"));
        suite.record("dir: siblings side by side are a list", None, failure);
    }
    // A body's department named after it by a word of its own is one span with it; an everyday word
    // ending the same way is no part of it (rules 12, 23).
    for name in names()
        .iter()
        .filter(|n| n.korean && !n.place && is_hangul(&n.form.replace(' ', "")))
    {
        let (text, range) = fill("북한 {X} 작전국이 지시했다.", &name.form);
        let joined = range.start..range.end + " 작전국".len();
        let got: Vec<(std::ops::Range<usize>, Option<String>)> = nkner::extract(&text)
            .into_iter()
            .map(|s| (s.range(), s.kb_id.map(|k| k.to_string())))
            .collect();
        // Unlinked, unless the gazetteer lists that department (정찰총국 작전국).
        let failure = (got.len() != 1 || got[0].0 != joined)
            .then(|| format!("{text:?}: want {joined:?}, got {got:?}"));
        suite.record(
            "dir: a department word joins the body before it",
            Some(name),
            failure,
        );
        let (text, range) = fill("북한 {X} 일부 간부들이 모였다.", &name.form);
        suite.record(
            "dir: an everyday word after a body stays out",
            Some(name),
            found(&text, range, name),
        );
    }
    // A Korean surname before a one-word place name makes it a person's given name (rule 10: "Ri
    // Sangwon").
    for name in names()
        .iter()
        .filter(|n| n.place && !n.korean && !n.headed && !n.needs_context && !n.form.contains(' '))
    {
        let (text, range) = fill("Vice minister Ri {X} spoke on Monday.", &name.form);
        absent(
            &mut suite,
            "dir: a surname before it makes a given name",
            &text,
            range,
        );
    }
    // A company word after a place ends the place (rules 11, 26): the words of a trade or a legal form.
    for name in names()
        .iter()
        .filter(|n| n.place && !n.korean && !n.headed && !n.needs_context)
    {
        for company in ["Trading Company", "Shipping", "Motors", "Corporation"] {
            let (text, range) = fill(&format!("{{X}} {company} signed a deal."), &name.form);
            absent(
                &mut suite,
                "dir: a company word ends the place",
                &text,
                range,
            );
        }
    }
    suite.assert_clean();
}
