//! Scoring spans against gold annotations.
//!
//! Reads the JSON Lines shape of `ANNOTATION.md` (one document per line with `id`, `text`, `spans`),
//! checks a gold file, and computes strict precision, recall and F1 per label (same start, end and label,
//! counted as multisets, so a span emitted twice is one true positive and one false positive), partial
//! overlap figures, and linking accuracy where gold spans carry `kb_id`. An error record of a system
//! (`{"id", "line", "error"}`) counts as a document with no spans. The strict figures are those of the
//! project's reference scorer on the same files.
//!
//! ```
//! use nkner::eval::{score, Document};
//!
//! let gold = Document::parse_line(r#"{"id": "a", "text": "Hyesan", "spans": [{"start": 0, "end": 6, "label": "CITY"}]}"#, true)?;
//! let system = Document::parse_line(r#"{"id": "a", "spans": [{"start": 0, "end": 6, "label": "CITY"}]}"#, false)?;
//! let report = score(&[gold], &[system]);
//! assert_eq!(report.micro().f1(), 1.0);
//! # Ok::<(), nkner::Error>(())
//! ```

use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::BufRead;

use serde_json::Value;

use crate::entity::Label;
use crate::error::Error;
use crate::span::Span;

/// One annotated document.
#[derive(Clone, Debug, Default, PartialEq)]
#[non_exhaustive]
pub struct Document {
    /// The document id, as JSON text for non-string ids (`7`, `null`).
    pub id: String,
    /// The text, where the record carries it.
    pub text: Option<String>,
    /// The gold `category`, where given.
    pub category: Option<String>,
    /// The spans.
    pub spans: Vec<EvalSpan>,
}

/// A span as an evaluation sees it.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct EvalSpan {
    /// Start, in Unicode scalar values (`start` in the JSON files).
    pub start_char: usize,
    /// End (exclusive), in Unicode scalar values (`end` in the JSON files).
    pub end_char: usize,
    /// The label's name.
    pub label: String,
    /// The span's text, where given.
    pub text: Option<String>,
    /// `None` where the record has no `kb_id` key; `Some(None)` where it is null.
    pub kb_id: Option<Option<String>>,
}

impl EvalSpan {
    /// The evaluation view of an extracted span.
    pub fn from_span(span: &Span) -> EvalSpan {
        EvalSpan {
            start_char: span.start_char,
            end_char: span.end_char,
            label: span.label.as_str().to_string(),
            text: Some(span.text.clone()),
            kb_id: Some(span.kb_id.as_deref().map(str::to_string)),
        }
    }
}

impl Document {
    /// Parses one JSON Lines record. A `gold` record must have `spans`; a system error record (with
    /// `error` and no `spans`) is a document with no spans.
    ///
    /// # Errors
    ///
    /// An [`ErrorKind::Annotation`](crate::ErrorKind::Annotation) error saying what is wrong with the
    /// record.
    pub fn parse_line(line: &str, gold: bool) -> Result<Document, Error> {
        let value: Value =
            serde_json::from_str(line).map_err(|e| Error::annotation(format!("not JSON: {e}")))?;
        let obj = value
            .as_object()
            .ok_or_else(|| Error::annotation("not a JSON object"))?;
        let id = match obj.get("id") {
            Some(Value::String(s)) => s.clone(),
            Some(other) => other.to_string(),
            None => "null".to_string(),
        };
        let text = obj.get("text").and_then(Value::as_str).map(str::to_string);
        let category = obj
            .get("category")
            .and_then(Value::as_str)
            .map(str::to_string);
        let spans = match obj.get("spans") {
            Some(Value::Array(items)) => items
                .iter()
                .map(parse_span)
                .collect::<Result<Vec<_>, _>>()
                .map_err(Error::annotation)?,
            Some(_) => return Err(Error::annotation("'spans' is not an array")),
            None if !gold && obj.contains_key("error") => Vec::new(),
            None => return Err(Error::annotation("no spans field")),
        };
        Ok(Document {
            id,
            text,
            category,
            spans,
        })
    }

    /// A document of extracted spans.
    pub fn from_spans(id: &str, text: &str, spans: &[Span]) -> Document {
        Document {
            id: id.to_string(),
            text: Some(text.to_string()),
            category: None,
            spans: spans.iter().map(EvalSpan::from_span).collect(),
        }
    }
}

fn parse_span(value: &Value) -> Result<EvalSpan, String> {
    let obj = value.as_object().ok_or("a span is not a JSON object")?;
    let offset = |key: &str| {
        obj.get(key)
            .and_then(Value::as_u64)
            .map(|v| v as usize)
            .ok_or(format!("a span has no integer '{key}'"))
    };
    let label = obj
        .get("label")
        .and_then(Value::as_str)
        .ok_or("a span has no 'label'")?
        .to_string();
    Ok(EvalSpan {
        start_char: offset("start")?,
        end_char: offset("end")?,
        label,
        text: obj.get("text").and_then(Value::as_str).map(str::to_string),
        kb_id: obj.get("kb_id").map(|v| v.as_str().map(str::to_string)),
    })
}

/// Reads a JSON Lines file of documents, skipping blank lines.
///
/// # Errors
///
/// `name:line: what is wrong` for the first bad record (an
/// [`ErrorKind::Annotation`](crate::ErrorKind::Annotation) error), or a read error
/// ([`ErrorKind::Io`](crate::ErrorKind::Io)).
pub fn read_documents<R: BufRead>(
    reader: R,
    name: &str,
    gold: bool,
) -> Result<Vec<Document>, Error> {
    let mut docs = Vec::new();
    for (i, line) in reader.lines().enumerate() {
        let line = line.map_err(|e| Error::io(name, e))?;
        if line.trim().is_empty() {
            continue;
        }
        docs.push(Document::parse_line(&line, gold).map_err(|e| e.at(name, i + 1))?);
    }
    Ok(docs)
}

/// Checks a gold set: unique ids, every span inside its text and equal to its slice, known labels,
/// spans sorted and not overlapping.
///
/// # Errors
///
/// An [`ErrorKind::Annotation`](crate::ErrorKind::Annotation) error with every fault found, one per
/// line, naming the document.
pub fn check_gold(docs: &[Document]) -> Result<(), Error> {
    let mut faults = Vec::new();
    let mut ids = HashSet::new();
    for doc in docs {
        if !ids.insert(&doc.id) {
            faults.push(format!("{}: duplicate id", doc.id));
        }
        let chars: Vec<char> = doc.text.as_deref().unwrap_or("").chars().collect();
        let mut previous_end = 0;
        for s in &doc.spans {
            if s.label.parse::<Label>().is_err() {
                faults.push(format!("{}: unknown label '{}'", doc.id, s.label));
            }
            if s.start_char >= s.end_char || s.end_char > chars.len() {
                faults.push(format!(
                    "{}: span {}..{} out of bounds",
                    doc.id, s.start_char, s.end_char
                ));
                continue;
            }
            let slice: String = chars[s.start_char..s.end_char].iter().collect();
            if s.text.as_deref().is_some_and(|t| t != slice) {
                faults.push(format!(
                    "{}: span {}..{} is {:?} in the text, not {:?}",
                    doc.id, s.start_char, s.end_char, slice, s.text
                ));
            }
            if s.start_char < previous_end {
                faults.push(format!(
                    "{}: span {}..{} overlaps or precedes the one before",
                    doc.id, s.start_char, s.end_char
                ));
            }
            previous_end = s.end_char;
        }
    }
    if faults.is_empty() {
        Ok(())
    } else {
        Err(Error::annotation(faults.join("\n")))
    }
}

/// True positives, false positives and false negatives.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    /// True positives.
    pub tp: usize,
    /// False positives.
    pub fp: usize,
    /// False negatives.
    pub fn_: usize,
}

impl Counts {
    /// Precision (1 when nothing was predicted).
    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }

    /// Recall (1 when nothing was to be found).
    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }

    /// F1, the harmonic mean of precision and recall.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }

    fn add(&mut self, other: Counts) {
        self.tp += other.tp;
        self.fp += other.fp;
        self.fn_ += other.fn_;
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        1.0
    } else {
        a as f64 / b as f64
    }
}

/// A disagreement between gold and system.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Miss {
    /// `"FP"` (the system's span is not in gold) or `"FN"` (a gold span the system missed).
    pub kind: &'static str,
    /// The document id.
    pub doc: String,
    /// Start, end and label.
    pub span: (usize, usize, String),
    /// The text of the span, where the gold text is known.
    pub text: String,
}

/// The result of [`score`].
#[derive(Clone, Debug, Default)]
pub struct Report {
    /// Strict counts per label.
    pub strict: BTreeMap<String, Counts>,
    /// Partial-overlap counts per label: a span counts if it overlaps one of the other side's with the
    /// same label.
    pub partial: BTreeMap<String, Counts>,
    /// Strict F1 counts per gold `category`.
    pub by_category: BTreeMap<String, Counts>,
    /// Strict disagreements, in document order.
    pub misses: Vec<Miss>,
    /// Gold spans with a `kb_id` that the system found strictly, and how many of those carry the same id.
    pub linking: (usize, usize),
    /// Gold documents with no system document.
    pub missing: Vec<String>,
}

impl Report {
    /// Strict counts over every label.
    pub fn micro(&self) -> Counts {
        sum(&self.strict)
    }

    /// Partial-overlap counts over every label.
    pub fn micro_partial(&self) -> Counts {
        sum(&self.partial)
    }
}

fn sum(map: &BTreeMap<String, Counts>) -> Counts {
    map.values().fold(Counts::default(), |mut acc, c| {
        acc.add(*c);
        acc
    })
}

type Key = (usize, usize, String);

/// Scores `system` against `gold`. Documents are paired by id, always: a system document with another
/// id is another document, however few there are (to score one text under two names, give them the
/// same id first).
pub fn score(gold: &[Document], system: &[Document]) -> Report {
    let by_id: HashMap<&str, &Document> = system.iter().map(|d| (d.id.as_str(), d)).collect();
    let mut report = Report::default();
    let empty = Document::default();
    for g in gold {
        let s = match by_id.get(g.id.as_str()) {
            Some(s) => *s,
            None => {
                report.missing.push(g.id.clone());
                &empty
            }
        };
        let gold_keys = multiset(&g.spans);
        let system_keys = multiset(&s.spans);
        let mut doc_counts = Counts::default();
        for (key, &n) in &gold_keys {
            let m = system_keys.get(key).copied().unwrap_or(0);
            let c = report.strict.entry(key.2.clone()).or_default();
            c.tp += n.min(m);
            c.fn_ += n.saturating_sub(m);
            doc_counts.tp += n.min(m);
            doc_counts.fn_ += n.saturating_sub(m);
            for _ in m..n {
                report.misses.push(miss("FN", g, key));
            }
        }
        for (key, &m) in &system_keys {
            let n = gold_keys.get(key).copied().unwrap_or(0);
            if m > n {
                report.strict.entry(key.2.clone()).or_default().fp += m - n;
                doc_counts.fp += m - n;
                for _ in n..m {
                    report.misses.push(miss("FP", g, key));
                }
            }
        }
        let category = g.category.clone().unwrap_or_else(|| "all".to_string());
        report
            .by_category
            .entry(category)
            .or_default()
            .add(doc_counts);
        partial(&mut report.partial, &g.spans, &s.spans);
        let system_links: HashMap<Key, Option<String>> = s
            .spans
            .iter()
            .map(|sp| (key_of(sp), sp.kb_id.clone().flatten()))
            .collect();
        for gs in &g.spans {
            if let Some(want) = &gs.kb_id {
                if let Some(got) = system_links.get(&key_of(gs)) {
                    report.linking.0 += 1;
                    if got == want {
                        report.linking.1 += 1;
                    }
                }
            }
        }
    }
    report
}

fn key_of(s: &EvalSpan) -> Key {
    (s.start_char, s.end_char, s.label.clone())
}

fn multiset(spans: &[EvalSpan]) -> BTreeMap<Key, usize> {
    let mut m = BTreeMap::new();
    for s in spans {
        *m.entry(key_of(s)).or_insert(0) += 1;
    }
    m
}

fn miss(kind: &'static str, doc: &Document, key: &Key) -> Miss {
    let text = doc
        .text
        .as_deref()
        .map(|t| {
            t.chars()
                .skip(key.0)
                .take(key.1.saturating_sub(key.0))
                .collect()
        })
        .unwrap_or_default();
    Miss {
        kind,
        doc: doc.id.clone(),
        span: key.clone(),
        text,
    }
}

fn partial(out: &mut BTreeMap<String, Counts>, gold: &[EvalSpan], system: &[EvalSpan]) {
    let overlaps = |a: &EvalSpan, b: &EvalSpan| {
        a.label == b.label && a.start_char < b.end_char && b.start_char < a.end_char
    };
    for g in gold {
        let c = out.entry(g.label.clone()).or_default();
        if system.iter().any(|s| overlaps(g, s)) {
            c.tp += 1;
        } else {
            c.fn_ += 1;
        }
    }
    for s in system {
        if !gold.iter().any(|g| overlaps(g, s)) {
            out.entry(s.label.clone()).or_default().fp += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(line: &str, gold: bool) -> Document {
        Document::parse_line(line, gold).unwrap()
    }

    #[test]
    fn a_duplicate_span_is_one_hit_and_one_false_positive() {
        let g = doc(
            r#"{"id":"a","text":"Hyesan","spans":[{"start":0,"end":6,"label":"CITY"}]}"#,
            true,
        );
        let s = doc(
            r#"{"id":"a","spans":[{"start":0,"end":6,"label":"CITY"},{"start":0,"end":6,"label":"CITY"}]}"#,
            false,
        );
        let r = score(&[g], &[s]);
        assert_eq!(
            r.micro(),
            Counts {
                tp: 1,
                fp: 1,
                fn_: 0
            }
        );
    }

    #[test]
    fn an_error_record_is_a_document_without_spans() {
        let g = doc(
            r#"{"id":"a","text":"Hyesan","spans":[{"start":0,"end":6,"label":"CITY"}]}"#,
            true,
        );
        let s = doc(
            r#"{"id":"a","line":1,"error":"not JSON","spans":[]}"#,
            false,
        );
        assert_eq!(
            score(std::slice::from_ref(&g), &[s]).micro(),
            Counts {
                tp: 0,
                fp: 0,
                fn_: 1
            }
        );
        let s = doc(r#"{"id":"a","line":1,"error":"not JSON"}"#, false);
        assert_eq!(score(&[g], &[s]).micro().fn_, 1);
    }

    #[test]
    fn partial_overlap_and_linking() {
        let g = doc(
            r#"{"id":"a","text":"Pochon County","spans":[{"start":0,"end":13,"label":"COUNTY","kb_id":"x"}]}"#,
            true,
        );
        let s = doc(
            r#"{"id":"a","spans":[{"start":0,"end":6,"label":"COUNTY","kb_id":"x"}]}"#,
            false,
        );
        let r = score(std::slice::from_ref(&g), &[s]);
        assert_eq!(r.micro().tp, 0);
        assert_eq!(
            r.micro_partial(),
            Counts {
                tp: 1,
                fp: 0,
                fn_: 0
            }
        );
        let s = doc(
            r#"{"id":"a","spans":[{"start":0,"end":13,"label":"COUNTY","kb_id":"y"}]}"#,
            false,
        );
        assert_eq!(score(&[g], &[s]).linking, (1, 0));
    }

    #[test]
    fn gold_faults_are_all_reported() {
        let bad = doc(
            r#"{"id":"a","text":"Hyesan","spans":[{"start":0,"end":6,"label":"TOWN","text":"Hyesa"}]}"#,
            true,
        );
        let err = check_gold(&[bad.clone(), bad]).unwrap_err().to_string();
        assert!(err.contains("unknown label 'TOWN'"), "{err}");
        assert!(err.contains("not Some(\"Hyesa\")"), "{err}");
        assert!(err.contains("duplicate id"), "{err}");
    }
}
