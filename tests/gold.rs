//! The development gold set (`tests/data/dev_gold.jsonl`, written for this project and annotated by
//! ANNOTATION.md): the gold is checked, then scored with the library's own `eval`, the code behind
//! `nkner eval`. The errors the extractor makes on it are pinned, one by one: a change that adds one
//! fails, and so does a change that fixes one until the table says so.
//!
//! The seed article of the shared task material is scored the same way where it is present (beside the
//! repository, in `../shared`); it is never copied here.

use std::path::{Path, PathBuf};

use nkner::eval::{check_gold, read_documents, score, Document};

const GOLD: &str = include_str!("data/dev_gold.jsonl");

/// The errors the extractor makes on the development gold set: kind (`FP` a span not in gold, `FN` a gold
/// span missed, `LINK` a span found with the wrong `kb_id`), document, text, label.
///
/// To update it after a change (or after adding gold documents): run
/// `cargo test --test integration gold -- --nocapture`, check every line the failure prints against
/// ANNOTATION.md (fix the code or the gold where it is one of them that is wrong), then copy the printed
/// table here. Keep a comment on a row that says why the error is accepted.
const KNOWN_ERRORS: &[(&str, &str, &str, &str)] = &[
    // A 1968 commando unit in a sentence that names Seoul and no North Korean cue: rule cues fail.
    ("FN", "news-47", "Unit 124", "UNIT"),
];

/// The errors the extractor makes on the seed article (`../shared/examples/seed_article.gold.jsonl`),
/// updated as `KNOWN_ERRORS` is.
const SEED_KNOWN_ERRORS: &[(&str, &str, &str, &str)] = &[];

fn gold() -> Vec<Document> {
    read_documents(GOLD.as_bytes(), "tests/data/dev_gold.jsonl", true).expect("gold parses")
}

#[test]
fn the_gold_set_is_well_formed() {
    let docs = gold();
    check_gold(&docs).unwrap();
    let count = |c: &str| {
        docs.iter()
            .filter(|d| d.category.as_deref() == Some(c))
            .count()
    };
    assert!(count("news") >= 60, "news: {}", count("news"));
    assert!(
        count("adversarial") >= 20,
        "adversarial: {}",
        count("adversarial")
    );
    assert!(count("hangul") >= 15, "hangul: {}", count("hangul"));
}

/// Scores the default extractor on `docs`; returns every error as a row of `KNOWN_ERRORS`, and prints
/// the scores.
fn errors(docs: &[Document]) -> Vec<(String, String, String, String)> {
    let extractor = nkner::default_extractor();
    let system: Vec<Document> = docs
        .iter()
        .map(|d| {
            let text = d.text.as_deref().unwrap_or("");
            Document::from_spans(&d.id, text, &extractor.extract(text))
        })
        .collect();
    let report = score(docs, &system);
    let micro = report.micro();
    println!(
        "micro P {:.3} R {:.3} F1 {:.3}, linking {}/{}",
        micro.precision(),
        micro.recall(),
        micro.f1(),
        report.linking.1,
        report.linking.0
    );
    let mut found: Vec<(String, String, String, String)> = report
        .misses
        .iter()
        .map(|m| {
            (
                m.kind.into(),
                m.doc.clone(),
                m.text.clone(),
                m.span.2.clone(),
            )
        })
        .collect();
    for (g, s) in docs.iter().zip(&system) {
        for gs in g.spans.iter().filter(|gs| gs.kb_id.is_some()) {
            let wrong_link = s.spans.iter().any(|ss| {
                (ss.start_char, ss.end_char, &ss.label) == (gs.start_char, gs.end_char, &gs.label)
                    && ss.kb_id.clone().flatten() != gs.kb_id.clone().flatten()
            });
            if wrong_link {
                let text = gs.text.clone().unwrap_or_default();
                found.push(("LINK".into(), g.id.clone(), text, gs.label.clone()));
            }
        }
    }
    found
}

fn assert_errors_are(docs: &[Document], known: &[(&str, &str, &str, &str)], table: &str) {
    let found = errors(docs);
    let known: Vec<(String, String, String, String)> = known
        .iter()
        .map(|&(k, d, t, l)| (k.into(), d.into(), t.into(), l.into()))
        .collect();
    let new: Vec<_> = found.iter().filter(|e| !known.contains(e)).collect();
    let fixed: Vec<_> = known.iter().filter(|e| !found.contains(e)).collect();
    let rows: String = found
        .iter()
        .map(|(k, d, t, l)| format!("    ({k:?}, {d:?}, {t:?}, {l:?}),\n"))
        .collect();
    assert!(
        new.is_empty() && fixed.is_empty(),
        "the errors changed\nnew: {new:?}\nno longer made: {fixed:?}\n\
         after checking them, {table} becomes:\n{rows}"
    );
}

#[test]
fn the_extractor_makes_exactly_the_known_errors_on_the_gold_set() {
    assert_errors_are(&gold(), KNOWN_ERRORS, "KNOWN_ERRORS");
}

/// `../shared` beside the crate, where the shared task material lives on a development machine.
fn shared() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared");
    dir.is_dir().then_some(dir)
}

#[test]
fn the_extractor_makes_exactly_the_known_errors_on_the_seed_article() {
    let Some(shared) = shared() else {
        println!("skipped: no ../shared beside the crate, so no seed article to score");
        return;
    };
    let path = shared.join("examples/seed_article.gold.jsonl");
    let file = std::fs::File::open(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let docs = read_documents(
        std::io::BufReader::new(file),
        &path.display().to_string(),
        true,
    )
    .expect("seed gold parses");
    check_gold(&docs).unwrap();
    assert_errors_are(&docs, SEED_KNOWN_ERRORS, "SEED_KNOWN_ERRORS");
}

/// `tests/data/dev_gold.jsonl` is generated from `tests/data/dev_gold.txt` by
/// `scripts/gold_from_markup.py`: an edit to one alone fails here.
#[test]
fn the_gold_file_is_what_its_markup_generates() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = std::env::temp_dir().join(format!("nkner-dev-gold-{}.jsonl", std::process::id()));
    let run = std::process::Command::new("python3")
        .arg(root.join("scripts/gold_from_markup.py"))
        .arg(root.join("tests/data/dev_gold.txt"))
        .arg(&out)
        .output();
    let run = match run {
        Ok(run) => run,
        Err(e) => {
            println!("skipped: python3 cannot run ({e}), so the markup is not converted");
            return;
        }
    };
    assert!(
        run.status.success(),
        "gold_from_markup.py failed: {}",
        String::from_utf8_lossy(&run.stderr)
    );
    let generated = std::fs::read_to_string(&out).expect("the converted gold");
    let _ = std::fs::remove_file(&out);
    assert!(
        generated == GOLD,
        "tests/data/dev_gold.jsonl differs from what scripts/gold_from_markup.py makes of \
         tests/data/dev_gold.txt: run `python3 scripts/gold_from_markup.py`"
    );
}
