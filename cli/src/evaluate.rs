//! `nkner eval GOLD [SYSTEM]`: strict and partial-overlap scores per label, the most frequent errors, and
//! linking accuracy, with the library's [`nkner::eval`]. Without SYSTEM, the extractor annotates the gold
//! texts itself. Either file may be `-`, standard input (not both: the command line checks). The last line is `micro P R F1`, strict, as the project's reference scorer prints it.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::io::BufReader;
use std::path::Path;

use anyhow::{bail, Context, Result};
use nkner::eval::{check_gold, read_documents, score, Counts, Document, Report};
use nkner::Extractor;

/// What an evaluation printed, and what it could not score.
#[derive(Clone, Debug)]
pub struct Evaluation {
    /// The report, as text.
    pub text: String,
    /// Ids of gold documents the system file has no record for (the run fails, as the reference
    /// scorer's does).
    pub missing: Vec<String>,
}

/// Runs the evaluation. Documents are paired by id; with `pair_single`, a gold file of one document and
/// a system file of one document are paired whatever their ids (the output of `nkner annotate` on a
/// text file is named by its path).
///
/// # Errors
///
/// A file that cannot be read or parsed, or an invalid gold file; with `pair_single`, a file that does
/// not hold exactly one document.
pub fn run(
    extractor: &Extractor,
    gold_path: &Path,
    system_path: Option<&Path>,
    show: usize,
    pair_single: bool,
) -> Result<Evaluation> {
    let gold = read(gold_path, true)?;
    if let Err(faults) = check_gold(&gold) {
        bail!("{} is not valid gold:\n{faults}", name(gold_path));
    }
    let mut system = match system_path {
        Some(path) => read(path, false)?,
        None => gold
            .iter()
            .map(|d| {
                let text = d.text.as_deref().unwrap_or("");
                Document::from_spans(&d.id, text, &extractor.extract(text))
            })
            .collect(),
    };
    if pair_single {
        match (gold.as_slice(), system.as_mut_slice()) {
            ([g], [s]) => s.id.clone_from(&g.id),
            _ => bail!(
                "--pair-single needs one document on each side ({} gold, {} system)",
                gold.len(),
                system.len()
            ),
        }
    }
    let report = score(&gold, &system);
    Ok(Evaluation {
        text: render(&report, show),
        missing: report.missing,
    })
}

fn name(path: &Path) -> String {
    if path.as_os_str() == "-" {
        "standard input".to_string()
    } else {
        path.display().to_string()
    }
}

fn read(path: &Path, gold: bool) -> Result<Vec<Document>> {
    if path.as_os_str() == "-" {
        return Ok(read_documents(std::io::stdin().lock(), &name(path), gold)?);
    }
    let file =
        std::fs::File::open(path).with_context(|| format!("cannot read {}", path.display()))?;
    Ok(read_documents(BufReader::new(file), &name(path), gold)?)
}

fn row(out: &mut String, name: &str, strict: Counts, partial: Counts) {
    let _ = writeln!(
        out,
        "{name:10} {:6.3} {:6.3} {:6.3} {:5} {:5} {:5}   {:6.3} {:6.3} {:6.3}",
        strict.precision(),
        strict.recall(),
        strict.f1(),
        strict.tp,
        strict.fp,
        strict.fn_,
        partial.precision(),
        partial.recall(),
        partial.f1()
    );
}

/// Formats a report: the per-label table, the most frequent errors, linking, and the micro line.
pub fn render(report: &Report, show: usize) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{:10} {:>6} {:>6} {:>6} {:>5} {:>5} {:>5}   {:>6} {:>6} {:>6}",
        "label", "P", "R", "F1", "tp", "fp", "fn", "pP", "pR", "pF1"
    );
    let mut labels: Vec<&String> = report.strict.keys().chain(report.partial.keys()).collect();
    labels.sort();
    labels.dedup();
    for label in labels {
        let strict = report.strict.get(label).copied().unwrap_or_default();
        let partial = report.partial.get(label).copied().unwrap_or_default();
        row(&mut out, label, strict, partial);
    }
    row(&mut out, "overall", report.micro(), report.micro_partial());
    for (kind, title) in [("FP", "false positives"), ("FN", "misses")] {
        let mut counts: HashMap<(&str, &str), usize> = HashMap::new();
        for m in report.misses.iter().filter(|m| m.kind == kind) {
            *counts
                .entry((m.text.as_str(), m.span.2.as_str()))
                .or_default() += 1;
        }
        let mut ranked: Vec<_> = counts.into_iter().collect();
        ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        if !ranked.is_empty() {
            let shown: Vec<String> = ranked
                .iter()
                .take(show)
                .map(|((text, label), n)| format!("{text:?} {label} ×{n}"))
                .collect();
            let _ = writeln!(out, "most frequent {title}: {}", shown.join(", "));
        }
    }
    if !report.missing.is_empty() {
        let _ = writeln!(
            out,
            "{} gold documents have no system line",
            report.missing.len()
        );
    }
    let (linked, right) = report.linking;
    if linked > 0 {
        let _ = writeln!(
            out,
            "linking: {right} of {linked} found gold spans with a kb_id carry the same kb_id ({:.3})",
            right as f64 / linked as f64
        );
    }
    let micro = report.micro();
    let _ = writeln!(
        out,
        "micro {:.3} {:.3} {:.3}",
        micro.precision(),
        micro.recall(),
        micro.f1()
    );
    out
}
