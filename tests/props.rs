//! Invariants that hold for every input: spans lie in bounds, on grapheme boundaries, sorted and not
//! overlapping, their text equals their slice and their byte and char offsets agree; the result does not
//! depend on the thread. And behaviour over names drawn from the gazetteer, in random neutral
//! surroundings: a listed place with its head word, a namesake by the country around it, a form that
//! needs North Korean context, coordinated names before a plural head, an acronym the text defines; each
//! asserting the label and the link, not only that something was found.

use std::collections::HashMap;
use std::sync::LazyLock;

use proptest::prelude::*;
use unicode_normalization::UnicodeNormalization;

use crate::coverage::{head, rows, Row, AGENCIES, DIVISIONS};

/// Cases per property: enough to draw most names of each pool several times, within about a minute for
/// the whole module on two cores in the test profile.
const CASES: u32 = 2048;

/// The invariants the fuzz targets check (a broken one panics, which proptest reports and shrinks).
fn check_invariants(text: &str) -> Result<(), TestCaseError> {
    let extractor = nkner::default_extractor();
    crate::fuzz_seeds::check::spans(extractor, text, &extractor.extract(text));
    Ok(())
}

/// Pieces that exercise the matcher: names, heads, particles, marks and invisible characters.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("Hyesan".to_string()),
        Just("Ryanggang".to_string()),
        Just(" Province".to_string()),
        Just("-gun".to_string()),
        // A number and a hyphen after a name, where a neighbourhood's suffix may follow (1-dong).
        Just(" 1-".to_string()),
        Just("P'yŏngyang".to_string()),
        Just("MSS".to_string()),
        Just("Unit 10215".to_string()),
        Just("혜산".to_string()),
        Just("시".to_string()),
        Just("에서".to_string()),
        Just("\u{0301}".to_string()),
        Just("\u{200D}".to_string()),
        Just("\u{00AD}".to_string()),
        Just("\u{200F}".to_string()),
        Just("\u{1112}\u{1168}".to_string()),
        Just("\0".to_string()),
        Just(" ".to_string()),
        Just("\n".to_string()),
        Just(". ".to_string()),
        Just("(".to_string()),
        Just(")".to_string()),
        Just("South Korea".to_string()),
        "\\PC{0,4}",
    ]
}

/// Words that are no name, no cue and no head word, and change no decision around a name.
const NEUTRAL: &[&str] = &[
    "farmers",
    "said",
    "that",
    "on",
    "monday",
    "market",
    "officials",
    "reported",
    "rice",
    "prices",
    "rose",
    "workers",
    "were",
    "sent",
    "to",
    "fields",
    "again",
    "last",
    "week",
    "a",
    "report",
];

fn words(max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(NEUTRAL), 0..=max).prop_map(|w| w.join(" "))
}

/// A name drawn from the gazetteer: the form as written, the mention it makes (with a head word for a
/// place), its label and its entity.
#[derive(Clone, Debug)]
struct Name {
    form: &'static str,
    mention: String,
    label: &'static str,
    id: &'static str,
}

/// Every Latin form of the built-in gazetteer with `flags` exactly, that no other row also has (a shared
/// name has no single link), of a row whose label passes `label`.
fn pool(flags: &str, label: impl Fn(&str) -> bool) -> Vec<Name> {
    let all: Vec<Row<'static>> = rows(DIVISIONS).into_iter().chain(rows(AGENCIES)).collect();
    let mut owners: HashMap<String, Vec<&str>> = HashMap::new();
    for row in &all {
        for form in row.forms.iter().map(|f| f.0).chain([row.name]) {
            let ids = owners.entry(key(form)).or_default();
            if !ids.contains(&row.id) {
                ids.push(row.id);
            }
        }
    }
    let mut names = Vec::new();
    // Historical provinces are PROVINCE spans without a link (rule 28): not drawn here.
    for row in all
        .iter()
        .filter(|r| label(r.label) && !r.kind.starts_with("historical_"))
    {
        for &(form, f) in &row.forms {
            if f != flags || owners[&key(form)].len() > 1 {
                continue;
            }
            let place = matches!(row.label, "PROVINCE" | "CITY" | "COUNTY" | "DISTRICT");
            let suffixed = ["-do", "-bukto", "-namdo"]
                .iter()
                .any(|s| form.ends_with(s));
            let mention = if place && !suffixed {
                format!("{form}{}", head(row.label))
            } else {
                form.to_string()
            };
            names.push(Name {
                form,
                mention,
                label: row.label,
                id: row.id,
            });
        }
    }
    assert!(!names.is_empty(), "no forms flagged {flags:?}");
    names
}

/// A form as the matcher sees it, near enough to tell which forms two rows share: no diacritics,
/// apostrophes, hyphens or spaces, in lower case ("Ŭnsan" and "Unsan", "Inmin Gun" and "Inmingun").
fn key(form: &str) -> String {
    form.nfd()
        .filter(|c| !('\u{300}'..='\u{36F}').contains(c) && !matches!(c, '\'' | '’' | '-' | ' '))
        .flat_map(char::to_lowercase)
        .collect()
}

static PLACES: LazyLock<Vec<Name>> = LazyLock::new(|| {
    pool("", |l| {
        matches!(l, "PROVINCE" | "CITY" | "COUNTY" | "DISTRICT")
    })
});
static COUNTIES: LazyLock<Vec<Name>> = LazyLock::new(|| pool("", |l| l == "COUNTY"));
static NAMESAKES: LazyLock<Vec<Name>> = LazyLock::new(|| pool("amb", |l| l != "NONE"));
static NORTH_ONLY: LazyLock<Vec<Name>> = LazyLock::new(|| pool("nk", |l| l == "AGENCY"));
static BODIES: LazyLock<Vec<Name>> = LazyLock::new(|| pool("", |l| matches!(l, "AGENCY" | "UNIT")));

fn name(pool: &'static LazyLock<Vec<Name>>) -> impl Strategy<Value = Name> {
    prop::sample::select(LazyLock::force(pool).clone())
}

/// The spans of `text` as (text, label, kb_id).
fn found(text: &str) -> Vec<(String, String, Option<String>)> {
    nkner::extract(text)
        .into_iter()
        .map(|s| {
            (
                s.text,
                s.label.to_string(),
                s.kb_id.as_deref().map(str::to_string),
            )
        })
        .collect()
}

fn spans_of(name: &Name) -> (String, String, Option<String>) {
    (
        name.mention.clone(),
        name.label.into(),
        Some(name.id.into()),
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: CASES, ..ProptestConfig::default() })]

    #[test]
    fn invariants_hold_on_any_string(text in "\\PC{0,60}") {
        check_invariants(&text)?;
    }

    #[test]
    fn invariants_hold_on_name_soup(pieces in prop::collection::vec(piece(), 0..24)) {
        check_invariants(&pieces.concat())?;
    }

    #[test]
    fn the_result_does_not_depend_on_the_thread(pieces in prop::collection::vec(piece(), 0..16)) {
        let text = pieces.concat();
        let here = nkner::extract(&text);
        let there = std::thread::scope(|s| s.spawn(|| nkner::extract(&text)).join().unwrap());
        prop_assert_eq!(here, there);
    }

    /// A listed place with its head word, anywhere in neutral words, is that place and nothing else.
    #[test]
    fn a_place_is_found_with_its_label_and_link(
        place in name(&PLACES), before in words(5), after in words(5),
    ) {
        let text = format!("{before} {} {after}.", place.mention);
        prop_assert_eq!(found(&text), vec![spans_of(&place)], "{}", text);
    }

    /// A namesake (rule 9) is dropped where the text is about South Korea, in its sentence or the one
    /// before; marked as North Korea's, it is kept, linked and flagged ambiguous.
    #[test]
    fn a_namesake_follows_the_country_around_it(
        place in name(&NAMESAKES), after in words(4), south in 0..3usize,
    ) {
        let text = match south {
            0 => format!("South Korea's {} {after}.", place.mention),
            1 => format!("The delegation came from Seoul. {} {after}.", place.mention),
            _ => format!("Officials in Gyeonggi {after}. {} {after}.", place.mention),
        };
        prop_assert_eq!(found(&text), vec![], "{}", text);
        let text = format!("North Korea's {} {after}.", place.mention);
        let spans = nkner::extract(&text);
        prop_assert_eq!(spans.len(), 1, "{}: {:?}", text, spans);
        prop_assert_eq!(&spans[0].text, &place.mention);
        prop_assert_eq!(spans[0].label.as_str(), place.label);
        prop_assert_eq!(spans[0].kb_id.as_deref(), Some(place.id));
        prop_assert!(spans[0].ambiguous);
    }

    /// A form that is North Korean only in a North Korean text ("the Cabinet") is found after a North
    /// Korea cue, and not in neutral words or beside Seoul.
    #[test]
    fn a_context_dependent_form_needs_north_korean_context(
        body in name(&NORTH_ONLY), before in words(4), after in words(4),
    ) {
        let text = format!("North Korean media said the {} {after}.", body.form);
        prop_assert_eq!(found(&text), vec![spans_of(&body)], "{}", text);
        let text = format!("{before} the {} {after}.", body.form);
        prop_assert_eq!(found(&text), vec![], "{}", text);
        let text = format!("Seoul said the {} {after}.", body.form);
        prop_assert_eq!(found(&text), vec![], "{}", text);
    }

    /// Counties coordinated before a plural head are each a COUNTY span with its own link; with its
    /// head word in lower case a county is one span with the head.
    #[test]
    fn counties_before_a_plural_head_keep_label_and_link(
        a in name(&COUNTIES), b in name(&COUNTIES), after in words(4),
    ) {
        prop_assume!(a.id != b.id);
        let text = format!("Farms in {} and {} counties {after}.", a.form, b.form);
        let want = vec![
            (a.form.to_string(), "COUNTY".to_string(), Some(a.id.to_string())),
            (b.form.to_string(), "COUNTY".to_string(), Some(b.id.to_string())),
        ];
        prop_assert_eq!(found(&text), want, "{}", text);
        let text = format!("Farms in {} county {after}.", a.form);
        let want = vec![(format!("{} county", a.form), "COUNTY".to_string(), Some(a.id.to_string()))];
        prop_assert_eq!(found(&text), want, "{}", text);
    }

    /// An acronym the text defines after a body's name takes that body's label and link, there and
    /// later in the document.
    #[test]
    fn a_defined_acronym_takes_the_bodys_link(
        body in name(&BODIES), acronym in "Q[A-Z]{2,4}", after in words(4),
    ) {
        let known = acronym.to_lowercase();
        prop_assume!(nkner::default_extractor().patterns().all(|p| p != known));
        let text = format!("North Korea's {} ({acronym}) met. Later the {acronym} {after}.", body.form);
        let mut want = vec![spans_of(&body)];
        let link = Some(body.id.to_string());
        want.push((acronym.clone(), body.label.to_string(), link.clone()));
        want.push((acronym.clone(), body.label.to_string(), link));
        prop_assert_eq!(found(&text), want, "{}", text);
    }
}
