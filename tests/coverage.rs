//! Coverage: for every row of the built-in gazetteer (the reference tables' rows), a sentence with a
//! North Korean context finds the row's names with the right label and link: a place's English name with
//! its head word, each of its Latin forms, its Hangul form with a particle; a body's name and its acronyms
//! of three letters or more. Special regions and media, which have no label, are left out.

pub(crate) const DIVISIONS: &str = include_str!("../gazetteers/divisions.tsv");
pub(crate) const AGENCIES: &str = include_str!("../gazetteers/agencies.tsv");

#[derive(Clone)]
pub(crate) struct Row<'a> {
    pub(crate) id: &'a str,
    pub(crate) label: &'a str,
    pub(crate) kind: &'a str,
    pub(crate) name: &'a str,
    pub(crate) parent: &'a str,
    /// Latin forms with their flags (`"amb"`, `"nk"`, ...; empty for none).
    pub(crate) forms: Vec<(&'a str, &'a str)>,
    pub(crate) hangul: Vec<(&'a str, &'a str)>,
}

/// The rows of a gazetteer file.
pub(crate) fn rows(tsv: &str) -> Vec<Row<'_>> {
    tsv.lines()
        .skip(1)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| {
            let c: Vec<&str> = l.split('\t').collect();
            Row {
                id: c[0],
                label: c[1],
                kind: c[2],
                name: c[3],
                parent: c[4],
                forms: split_forms(c[5]),
                hangul: split_forms(c[6]),
            }
        })
        .collect()
}

fn split_forms(cell: &str) -> Vec<(&str, &str)> {
    cell.split('|')
        .filter(|f| !f.is_empty())
        .map(|f| match f.find('{') {
            Some(i) => (&f[..i], &f[i + 1..f.len() - 1]),
            None => (f, ""),
        })
        .collect()
}

/// The English head word of a place label.
pub(crate) fn head(label: &str) -> &'static str {
    match label {
        "PROVINCE" => " Province",
        "CITY" => " City",
        "COUNTY" => " County",
        _ => " District",
    }
}

/// Checks that `sentence` yields a span `mention` with `label` linked to `id` (or listing it among the
/// candidates of a shared name). Returns a description of the failure.
/// Checks that `mention` is found in `sentence` with `label`, linked to `id` (`linked`), or with no
/// link (a historical province or county, rules 28 and 29f).
fn check(sentence: &str, mention: &str, label: &str, id: &str, linked: bool) -> Option<String> {
    let spans = nkner::extract(sentence);
    let hit = spans.iter().find(|s| s.text == mention);
    match hit {
        Some(s)
            if s.label.as_str() == label
                && (s.kb_id.as_deref() == Some(id)
                    || s.candidates.iter().any(|c| &**c == id)
                    || (!linked && s.kb_id.is_none())) =>
        {
            None
        }
        Some(s) => Some(format!(
            "{id}: {sentence:?}: {mention:?} is {} {:?}, want {label}",
            s.label, s.kb_id
        )),
        None => Some(format!(
            "{id}: {sentence:?}: no span {mention:?}; got {:?}",
            spans.iter().map(|s| s.text.as_str()).collect::<Vec<_>>()
        )),
    }
}

fn skipped(flags: &str) -> bool {
    flags.contains("sk") || flags.contains("alt")
}

#[test]
fn every_division_is_found_by_its_names() {
    let mut failures = Vec::new();
    let mut checked = 0;
    for row in rows(DIVISIONS).iter().filter(|r| r.label != "NONE") {
        let linked = !row.kind.starts_with("historical_");
        let english = format!("{}{}", row.name, head(row.label));
        let sentence =
            format!("North Korean state media said that {english} reported a good harvest.");
        failures.extend(check(&sentence, &english, row.label, row.id, linked));
        for &(form, flags) in &row.forms {
            if skipped(flags) {
                continue;
            }
            let ends_in_suffix = ["-do", "-bukto", "-namdo"]
                .iter()
                .any(|s| form.ends_with(s));
            let mention = if ends_in_suffix {
                form.to_string()
            } else {
                format!("{form}{}", head(row.label))
            };
            let sentence = format!("Rodong Sinmun reported that {mention} met its quota.");
            failures.extend(check(&sentence, &mention, row.label, row.id, linked));
            checked += 1;
        }
        for &(hangul, _) in &row.hangul {
            let sentence = format!("북한 {hangul}에서 회의가 열렸다.");
            failures.extend(check(&sentence, hangul, row.label, row.id, linked));
            checked += 1;
        }
    }
    assert!(checked > 600, "only {checked} forms checked");
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn every_body_is_found_by_its_name_and_acronyms() {
    let mut failures = Vec::new();
    for row in rows(AGENCIES).iter().filter(|r| r.label != "NONE") {
        let sentence = format!("North Korea's {} issued a statement.", row.name);
        failures.extend(check(&sentence, row.name, row.label, row.id, true));
        let acronyms = row.forms.iter().filter(|(f, flags)| {
            f.len() >= 3
                && f.chars().all(|c| c.is_ascii_alphanumeric())
                && f.chars().filter(char::is_ascii_uppercase).count() >= 2
                && !skipped(flags)
        });
        for &(acronym, flags) in acronyms {
            let label = if flags.contains("UNIT") {
                "UNIT"
            } else {
                row.label
            };
            let sentence = format!("North Korea's {acronym} issued a statement.");
            failures.extend(check(&sentence, acronym, label, row.id, true));
        }
        for &(hangul, flags) in &row.hangul {
            let label = if flags.contains("UNIT") {
                "UNIT"
            } else {
                row.label
            };
            let sentence = format!("북한 {hangul}는 성명을 발표했다.");
            failures.extend(check(&sentence, hangul, label, row.id, true));
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
