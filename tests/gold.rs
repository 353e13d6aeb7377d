//! The development gold set (`tests/data/dev_gold.jsonl`, written for this project and annotated by
//! ANNOTATION.md): the gold is checked, then scored with the library's own `eval`, the code behind
//! `nkner eval`. The suite fails below strict micro F1 0.95.

use nkner::eval::{check_gold, read_documents, score, Document};

const GOLD: &str = include_str!("data/dev_gold.jsonl");

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

#[test]
fn the_extractor_scores_at_least_095_on_the_gold_set() {
    let docs = gold();
    let extractor = nkner::default_extractor();
    let system: Vec<Document> = docs
        .iter()
        .map(|d| {
            let text = d.text.as_deref().unwrap_or("");
            Document::from_spans(&d.id, text, &extractor.extract(text))
        })
        .collect();
    let report = score(&docs, &system);
    let mut table = String::new();
    for (label, c) in &report.strict {
        table += &format!(
            "{label:10} P {:.3} R {:.3} F1 {:.3} (tp {} fp {} fn {})\n",
            c.precision(),
            c.recall(),
            c.f1(),
            c.tp,
            c.fp,
            c.fn_
        );
    }
    for m in &report.misses {
        table += &format!("{} {} {:?} {:?}\n", m.kind, m.doc, m.span, m.text);
    }
    let micro = report.micro();
    println!(
        "{table}micro P {:.3} R {:.3} F1 {:.3}",
        micro.precision(),
        micro.recall(),
        micro.f1()
    );
    assert!(
        micro.f1() >= 0.95,
        "micro F1 {:.3} < 0.95\n{table}",
        micro.f1()
    );
    let (linked, right) = report.linking;
    assert!(
        right as f64 >= 0.95 * linked as f64,
        "linking {right}/{linked}"
    );
}
