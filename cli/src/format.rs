//! Output formats besides JSON Lines: CoNLL (IOB2) and brat standoff.
//!
//! **CoNLL.** One token per line, four tab-separated columns: the token, its start and end (Unicode
//! scalar offsets into the document, as in the JSON output) and its IOB2 tag, last so that readers that
//! take the last column find it. Tokens are runs of letters and digits, or single other characters;
//! white space separates them and is not a token. Tokens are also split at every span boundary, so a
//! span is always a whole number of tokens and the spans can be read back exactly (see
//! [`read_conll`]). Each document starts with `-DOCSTART-`, its id (JSON) and, for an error record,
//! `error=<message>`, then a blank line; a blank line ends it. Within a document a blank line also ends
//! each sentence, split as the extractor splits them to weigh context ([`nkner::sentences`]), never
//! inside a span; `--conll-blocks document` keeps one block per document.
//!
//! **brat.** For each document, `NNNNNNNN_<id>.txt` (the text) and `.ann` (the annotations) in the output
//! folder: `T` lines for spans (`T1<TAB>CITY 13 19<TAB>Hyesan`) and `N` lines linking them to the
//! gazetteer (`N1<TAB>Reference T1 nkner:kp-ryanggang-hyesan<TAB>Hyesan`), for correction in brat or
//! INCEpTION. `NNNNNNNN` is the record's number in the run, and the id is reduced to letters, digits,
//! `-`, `_` and `.`, so that no id can name a file outside the folder. An error record gives
//! `NNNNNNNN_<id>.error` with the message.

use std::fmt::Write as _;

use nkner::Span;

/// Appends the CoNLL block of one document: its sentences separated by blank lines when `sentences`.
pub fn write_conll(id_json: &str, text: &str, spans: &[Span], sentences: bool, out: &mut Vec<u8>) {
    let mut block = String::new();
    let _ = writeln!(block, "-DOCSTART-\t{id_json}\n");
    let chars: Vec<char> = text.chars().collect();
    // Where sentences start, in chars, after the first.
    let mut sentence_starts: Vec<usize> = Vec::new();
    if sentences {
        let mut counted = (0, 0);
        for range in nkner::sentences(text).into_iter().skip(1) {
            counted = (
                range.start,
                counted.1 + text[counted.0..range.start].chars().count(),
            );
            sentence_starts.push(counted.1);
        }
    }
    let mut next_sentence = sentence_starts.iter().copied().peekable();
    let mut tokens_in_sentence = 0;
    let mut cuts: Vec<usize> = spans
        .iter()
        .flat_map(|s| [s.start_char, s.end_char])
        .collect();
    cuts.sort_unstable();
    let mut span_index = 0;
    // The first cut after `i`: `i` only grows, so the cuts are walked once, not searched per token (which
    // made a long document's output quadratic).
    let mut cut_index = 0;
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_whitespace() {
            i += 1;
            continue;
        }
        while cut_index < cuts.len() && cuts[cut_index] <= i {
            cut_index += 1;
        }
        let next_cut = cuts.get(cut_index).copied().unwrap_or(chars.len());
        let mut end = i + 1;
        if chars[i].is_alphanumeric() {
            while end < next_cut && chars[end].is_alphanumeric() {
                end += 1;
            }
        }
        // Combining marks and invisible characters stay with the token before them.
        while end < next_cut && is_attached(chars[end]) {
            end += 1;
        }
        while span_index < spans.len() && spans[span_index].end_char <= i {
            span_index += 1;
        }
        let tag = match spans.get(span_index) {
            Some(s) if s.start_char <= i && i < s.end_char => {
                let prefix = if s.start_char == i { "B" } else { "I" };
                format!("{prefix}-{}", s.label)
            }
            _ => "O".to_string(),
        };
        if next_sentence.peek().is_some_and(|&s| s <= i) && !tag.starts_with('I') {
            while next_sentence.next_if(|&s| s <= i).is_some() {}
            if tokens_in_sentence > 0 {
                block.push('\n');
            }
            tokens_in_sentence = 0;
        }
        tokens_in_sentence += 1;
        let token: String = chars[i..end].iter().collect();
        let _ = writeln!(block, "{token}\t{i}\t{end}\t{tag}");
        i = end;
    }
    block.push('\n');
    out.extend_from_slice(block.as_bytes());
}

/// Appends the CoNLL block of an error record.
pub fn write_conll_error(id_json: &str, message: &str, out: &mut Vec<u8>) {
    let message = message.replace(['\n', '\t'], " ");
    out.extend_from_slice(format!("-DOCSTART-\t{id_json}\terror={message}\n\n\n").as_bytes());
}

fn is_attached(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}' | '\u{200B}'..='\u{200F}' | '\u{00AD}' | '\u{FE00}'..='\u{FE0F}')
}

/// A span read back from CoNLL: document id (JSON), start, end, label.
pub type ConllSpan = (String, usize, usize, String);

/// Reads the spans of CoNLL output back: consecutive `B-`/`I-` tokens of one label make a span, from the
/// first token's start to the last one's end.
pub fn read_conll(text: &str) -> Vec<ConllSpan> {
    let mut spans: Vec<ConllSpan> = Vec::new();
    let mut doc = String::new();
    let mut open: Option<(usize, usize, String)> = None;
    let close =
        |open: &mut Option<(usize, usize, String)>, doc: &str, spans: &mut Vec<ConllSpan>| {
            if let Some((s, e, l)) = open.take() {
                spans.push((doc.to_string(), s, e, l));
            }
        };
    for line in text.lines() {
        let cols: Vec<&str> = line.split('\t').collect();
        if cols[0] == "-DOCSTART-" {
            close(&mut open, &doc, &mut spans);
            doc = cols.get(1).unwrap_or(&"").to_string();
            continue;
        }
        if cols.len() < 4 {
            close(&mut open, &doc, &mut spans);
            continue;
        }
        let (start, end) = (cols[1].parse().unwrap_or(0), cols[2].parse().unwrap_or(0));
        let tag = cols[3];
        if let Some(label) = tag.strip_prefix("B-") {
            close(&mut open, &doc, &mut spans);
            open = Some((start, end, label.to_string()));
        } else if let Some(label) = tag.strip_prefix("I-") {
            match &mut open {
                Some((_, e, l)) if l == label => *e = end,
                _ => {
                    close(&mut open, &doc, &mut spans);
                    open = Some((start, end, label.to_string()));
                }
            }
        } else {
            close(&mut open, &doc, &mut spans);
        }
    }
    close(&mut open, &doc, &mut spans);
    spans
}

/// A brat document: its id, text and annotations. The file stem, `NNNNNNNN_<sanitized id>`, is made
/// when it is written, once its record number is known ([`brat_stem`]).
#[derive(Debug, PartialEq, Eq)]
pub struct BratDoc {
    /// The document id, as text.
    pub id: String,
    /// The `.txt` content, or `None` for an error record.
    pub text: Option<String>,
    /// The `.ann` content, or the error message for an error record.
    pub ann: String,
}

/// The `annotation.conf` written beside the brat files, so that brat and INCEpTION know the labels
/// (brat refuses a collection without one).
pub fn brat_annotation_conf() -> String {
    let mut conf = String::from("[entities]\n");
    for label in nkner::Label::ALL {
        let _ = writeln!(conf, "{label}");
    }
    conf.push_str("\n[relations]\n\n[events]\n\n[attributes]\n");
    conf
}

/// The file stem of record number `number` with id `id`: never a path outside the folder.
pub fn brat_stem(number: u64, id: &str) -> String {
    let mut clean: String = id
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.') {
                c
            } else {
                '_'
            }
        })
        .take(64)
        .collect();
    clean = clean.trim_start_matches('.').to_string();
    format!("{number:08}_{clean}")
}

/// The brat files of one annotated document.
pub fn brat_doc(id: &str, text: &str, spans: &[Span]) -> BratDoc {
    let mut ann = String::new();
    for (i, s) in spans.iter().enumerate() {
        let n = i + 1;
        let shown = s.text.replace(['\n', '\r', '\t'], " ");
        let _ = writeln!(
            ann,
            "T{n}\t{} {} {}\t{shown}",
            s.label, s.start_char, s.end_char
        );
        if let (Some(kb), Some(name)) = (&s.kb_id, &s.name) {
            let _ = writeln!(ann, "N{n}\tReference T{n} nkner:{kb}\t{name}");
        } else if !s.candidates.is_empty() {
            let _ = writeln!(
                ann,
                "#{n}\tAnnotatorNotes T{n}\tcandidates: {}",
                s.candidates.join(", ")
            );
        }
    }
    BratDoc {
        id: id.to_string(),
        text: Some(text.to_string()),
        ann,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn conll(text: &str) -> String {
        let spans = nkner::extract(text);
        let mut out = Vec::new();
        write_conll("\"d\"", text, &spans, true, &mut out);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn conll_matches_the_hand_written_expectation() {
        assert_eq!(
            conll("MSS agents in Hyesan City."),
            "-DOCSTART-\t\"d\"\n\nMSS\t0\t3\tB-AGENCY\nagents\t4\t10\tO\nin\t11\t13\tO\n\
             Hyesan\t14\t20\tB-CITY\nCity\t21\t25\tI-CITY\n.\t25\t26\tO\n\n"
        );
    }

    #[test]
    fn sentences_are_blocks_unless_one_block_per_document_is_asked() {
        let text = "Traders met in Hyesan. N. Korea denied it.\n\nNo. 8 unit";
        let spans = nkner::extract(text);
        let blocks = |sentences: bool| {
            let mut out = Vec::new();
            write_conll("\"d\"", text, &spans, sentences, &mut out);
            let out = String::from_utf8(out).unwrap();
            let tokens = |block: &str| -> Vec<String> {
                block
                    .lines()
                    .map(|l| l.split('\t').next().unwrap().to_string())
                    .collect()
            };
            out.trim_end()
                .split("\n\n")
                .skip(1)
                .map(tokens)
                .collect::<Vec<_>>()
        };
        assert_eq!(
            blocks(true),
            [
                vec!["Traders", "met", "in", "Hyesan", "."],
                vec!["N", ".", "Korea", "denied", "it", "."],
                vec!["No", ".", "8", "unit"],
            ]
        );
        assert_eq!(blocks(false).len(), 1);
        assert_eq!(
            read_conll(
                &String::from_utf8({
                    let mut out = Vec::new();
                    write_conll("\"d\"", text, &spans, true, &mut out);
                    out
                })
                .unwrap()
            )
            .len(),
            spans.len()
        );
    }

    #[test]
    fn tokens_split_at_span_boundaries_so_spans_survive_a_round_trip() {
        let text = "The KPA’s Unit 10215 met in Hyesan-si and 혜산에서, near P'yŏngyang.";
        let spans = nkner::extract(text);
        let mut out = Vec::new();
        write_conll("\"d\"", text, &spans, true, &mut out);
        let back = read_conll(&String::from_utf8(out).unwrap());
        let want: Vec<ConllSpan> = spans
            .iter()
            .map(|s| {
                (
                    "\"d\"".to_string(),
                    s.start_char,
                    s.end_char,
                    s.label.to_string(),
                )
            })
            .collect();
        assert_eq!(back, want);
        assert!(
            want.iter().any(|s| s.3 == "CITY" && s.2 - s.1 == 2),
            "혜산 is a span: {want:?}"
        );
    }

    #[test]
    fn brat_files_for_a_document() {
        let text = "Traders in Hyesan and Unsan.";
        let doc = brat_doc("d1", text, &nkner::extract(text));
        assert_eq!(brat_stem(7, &doc.id), "00000007_d1");
        assert_eq!(
            doc.ann,
            "T1\tCITY 11 17\tHyesan\nN1\tReference T1 nkner:kp-ryanggang-hyesan\tHyesan\n\
             T2\tCOUNTY 22 27\tUnsan\n#2\tAnnotatorNotes T2\tcandidates: \
             kp-north-pyongan-unsan-county, kp-south-pyongan-unsan-county\n"
        );
    }

    #[test]
    fn brat_names_never_leave_the_folder() {
        assert_eq!(brat_stem(1, "../../x"), "00000001__.._x");
        assert_eq!(brat_stem(2, "/etc/passwd"), "00000002__etc_passwd");
        assert_eq!(brat_stem(3, "..."), "00000003_");
        assert!(!brat_stem(4, &"a".repeat(500)).contains('/'));
        assert_eq!(brat_stem(4, &"a".repeat(500)).len(), 9 + 64);
    }
}
