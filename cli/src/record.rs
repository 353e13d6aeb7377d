//! One input record in, one output line out: parsing a JSON Lines record and writing its annotated form
//! or its error record.
//!
//! The record is parsed into its fields as raw JSON (`RawValue`), so every field but the text passes
//! through byte for byte, in its order, without being decoded and encoded again; the id keeps its JSON
//! type. The output is the input object with `spans` replacing any input `spans`, or an error record
//! `{"id": <id or null>, "line": <n>, "error": "...", "spans": []}` in the input's place.
//!
//! A text with a lone surrogate escape (`"\ud83d"`, which Python's `json.dumps` writes for half an
//! emoji) is not valid Unicode; rather than lose the document, each lone surrogate is read as U+FFFD,
//! one scalar value for one, so character offsets still agree with the source as Python reads it.

use indexmap::IndexMap;
use nkner::Span;
use serde_json::value::RawValue;

/// Where to find the text and the id in a JSON Lines record.
#[derive(Clone, Debug)]
pub struct Fields {
    /// The field holding the text (`--text-field`, default `text`).
    pub text: String,
    /// The field holding the id (`--id-field`, default `id`).
    pub id: String,
}

impl Default for Fields {
    fn default() -> Fields {
        Fields {
            text: "text".to_string(),
            id: "id".to_string(),
        }
    }
}

/// A parsed JSON Lines record: its fields as raw JSON, and its decoded text.
#[derive(Debug)]
pub struct Record<'a> {
    fields: IndexMap<String, &'a RawValue>,
    /// The decoded text to annotate.
    pub text: String,
    /// Whether the text held lone surrogate escapes, read as U+FFFD.
    pub replaced_surrogates: bool,
    id_field: &'a str,
}

/// A field of a span in the JSON output.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum SpanField {
    Start,
    End,
    StartByte,
    EndByte,
    Label,
    Text,
    KbId,
    Name,
    ParentId,
    ProvinceId,
    Lat,
    Lon,
    Ambiguous,
    Candidates,
    Source,
}

impl SpanField {
    /// Every field, in the order of `Span`'s serde form.
    const ALL: [SpanField; 15] = [
        SpanField::Start,
        SpanField::End,
        SpanField::StartByte,
        SpanField::EndByte,
        SpanField::Label,
        SpanField::Text,
        SpanField::KbId,
        SpanField::Name,
        SpanField::ParentId,
        SpanField::ProvinceId,
        SpanField::Lat,
        SpanField::Lon,
        SpanField::Ambiguous,
        SpanField::Candidates,
        SpanField::Source,
    ];

    fn name(self) -> &'static str {
        match self {
            SpanField::Start => "start",
            SpanField::End => "end",
            SpanField::StartByte => "start_byte",
            SpanField::EndByte => "end_byte",
            SpanField::Label => "label",
            SpanField::Text => "text",
            SpanField::KbId => "kb_id",
            SpanField::Name => "name",
            SpanField::ParentId => "parent_id",
            SpanField::ProvinceId => "province_id",
            SpanField::Lat => "lat",
            SpanField::Lon => "lon",
            SpanField::Ambiguous => "ambiguous",
            SpanField::Candidates => "candidates",
            SpanField::Source => "source",
        }
    }

    /// Writes the field's value, or nothing and `false` where serde leaves the field out.
    fn write_value(self, span: &Span, out: &mut Vec<u8>) -> bool {
        match self {
            SpanField::Start => write_int(out, span.start_char),
            SpanField::End => write_int(out, span.end_char),
            SpanField::StartByte => write_int(out, span.start_byte),
            SpanField::EndByte => write_int(out, span.end_byte),
            SpanField::Label => write_string(out, span.label.as_str()),
            SpanField::Text => write_string(out, &span.text),
            SpanField::KbId => match &span.kb_id {
                Some(id) => write_string(out, id),
                None => out.extend_from_slice(b"null"),
            },
            SpanField::Name => return write_some(out, span.name.as_deref()),
            SpanField::ParentId => return write_some(out, span.parent_id.as_deref()),
            SpanField::ProvinceId => return write_some(out, span.province_id.as_deref()),
            SpanField::Lat => return write_some(out, span.lat.as_ref()),
            SpanField::Lon => return write_some(out, span.lon.as_ref()),
            SpanField::Ambiguous => {
                out.extend_from_slice(if span.ambiguous { b"true" } else { b"false" })
            }
            SpanField::Candidates if span.candidates.is_empty() => return false,
            SpanField::Candidates => write_json(out, &span.candidates),
            SpanField::Source => write_json(out, &span.source),
        }
        true
    }
}

/// A choice of span fields for slimmer output (`--fields start,end,label,kb_id`), in the order given.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SpanFields(Vec<SpanField>);

impl std::str::FromStr for SpanFields {
    type Err = String;

    fn from_str(list: &str) -> Result<SpanFields, String> {
        let mut chosen = Vec::new();
        for name in list.split(',').map(str::trim).filter(|n| !n.is_empty()) {
            let Some(&known) = SpanField::ALL.iter().find(|f| f.name() == name) else {
                let known: Vec<&str> = SpanField::ALL.iter().map(|f| f.name()).collect();
                return Err(format!(
                    "unknown span field '{name}' (known: {})",
                    known.join(",")
                ));
            };
            if !chosen.contains(&known) {
                chosen.push(known);
            }
        }
        if chosen.is_empty() {
            return Err("no span field chosen".to_string());
        }
        Ok(SpanFields(chosen))
    }
}

/// What an output record carries besides the input's fields and the spans.
#[derive(Clone, Copy, Debug, Default)]
pub struct Output<'a> {
    /// The input the record came from, written as `"source"` (`--with-source`, or several inputs for
    /// error records).
    pub source: Option<&'a str>,
    /// The span fields to write; all of them when `None`.
    pub span_fields: Option<&'a SpanFields>,
}

/// Why a record could not be annotated, with the id if the record had one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RecordError {
    /// The record's id as raw JSON, where it could be read.
    pub id: Option<String>,
    /// What was wrong.
    pub message: String,
}

impl RecordError {
    /// An error with no id.
    pub fn new(message: impl Into<String>) -> RecordError {
        RecordError {
            id: None,
            message: message.into(),
        }
    }
}

/// Parses one line of JSON Lines.
///
/// ```
/// use nkner_cli::record::{parse, Fields};
///
/// let fields = Fields::default();
/// let record = parse(br#"{"id": 7, "text": "Smugglers in Hyesan"}"#, &fields).unwrap();
/// assert_eq!(record.id(), Some("7"));
/// let mut out = Vec::new();
/// record.write_annotated(&nkner::extract(&record.text), &Default::default(), &mut out);
/// assert!(out.starts_with(br#"{"id":7,"text":"Smugglers in Hyesan","spans":[{"start":13,"#));
///
/// let error = parse(b"not json", &fields).unwrap_err();
/// assert!(error.message.starts_with("line is not JSON"));
/// ```
///
/// # Errors
///
/// A [`RecordError`] when the line is not UTF-8, not JSON, not an object, or has no string text field.
pub fn parse<'a>(line: &'a [u8], fields: &'a Fields) -> Result<Record<'a>, RecordError> {
    let line = std::str::from_utf8(line).map_err(|e| {
        RecordError::new(format!(
            "line is not UTF-8 (invalid byte at offset {})",
            e.valid_up_to()
        ))
    })?;
    let map: IndexMap<String, &RawValue> =
        serde_json::from_str(line).map_err(|e| match serde_json::from_str::<&RawValue>(line) {
            Ok(_) => RecordError::new("line is not a JSON object"),
            Err(_) => RecordError::new(format!("line is not JSON: {e}")),
        })?;
    let id = map.get(&fields.id).map(|v| v.get().to_string());
    let fail = |message: String| RecordError {
        id: id.clone(),
        message,
    };
    let raw_text = map
        .get(&fields.text)
        .ok_or_else(|| fail(format!("no field '{}'", fields.text)))?;
    let (text, replaced_surrogates) = match serde_json::from_str::<String>(raw_text.get()) {
        Ok(text) => (text, false),
        Err(_) => (
            decode_with_lone_surrogates(raw_text.get())
                .ok_or_else(|| fail(format!("field '{}' is not a string", fields.text)))?,
            true,
        ),
    };
    Ok(Record {
        fields: map,
        text,
        replaced_surrogates,
        id_field: &fields.id,
    })
}

/// Decodes a JSON string literal whose `\u` escapes may hold lone surrogates, each read as U+FFFD.
/// `None` for anything but a string literal.
fn decode_with_lone_surrogates(literal: &str) -> Option<String> {
    fn hex4(chars: &mut std::str::Chars<'_>) -> Option<u32> {
        let digits: String = chars.by_ref().take(4).collect();
        (digits.len() == 4).then(|| u32::from_str_radix(&digits, 16).ok())?
    }
    let inner = literal.strip_prefix('"')?.strip_suffix('"')?;
    let mut out = String::with_capacity(inner.len());
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        let decoded = match chars.next()? {
            'u' => {
                let unit = hex4(&mut chars)?;
                match unit {
                    0xD800..=0xDBFF => {
                        let mut ahead = chars.clone();
                        let low = (ahead.next() == Some('\\') && ahead.next() == Some('u'))
                            .then(|| hex4(&mut ahead))
                            .flatten()
                            .filter(|low| (0xDC00..=0xDFFF).contains(low));
                        match low {
                            Some(low) => {
                                chars = ahead;
                                char::from_u32(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00))?
                            }
                            None => char::REPLACEMENT_CHARACTER,
                        }
                    }
                    0xDC00..=0xDFFF => char::REPLACEMENT_CHARACTER,
                    _ => char::from_u32(unit)?,
                }
            }
            'b' => '\u{8}',
            'f' => '\u{c}',
            'n' => '\n',
            'r' => '\r',
            't' => '\t',
            other @ ('"' | '\\' | '/') => other,
            _ => return None,
        };
        out.push(decoded);
    }
    Some(out)
}

impl Record<'_> {
    /// The record's id as raw JSON (`"a"`, `7`), if it has one.
    pub fn id(&self) -> Option<&str> {
        self.fields.get(self.id_field).map(|v| v.get())
    }

    /// Writes the record with `spans` in place of any input `spans` (and `output.source` in place of
    /// any input `source`), and a newline.
    pub fn write_annotated(&self, spans: &[Span], output: &Output<'_>, out: &mut Vec<u8>) {
        self.start_annotated(output, out).write_all(spans, out);
    }

    /// Writes the record as [`write_annotated`](Record::write_annotated) does, up to its spans, which
    /// are then written one at a time through the [`SpanList`] returned.
    pub fn start_annotated<'o>(&self, output: &Output<'o>, out: &mut Vec<u8>) -> SpanList<'o> {
        out.push(b'{');
        for (key, value) in &self.fields {
            let replaced = key == "spans" || (key == "source" && output.source.is_some());
            if !replaced {
                write_key(out, key);
                out.extend_from_slice(value.get().as_bytes());
                out.push(b',');
            }
        }
        SpanList::start(output, out)
    }
}

/// Writes an output line for a text document: `{"id": ..., ["text": ...,] "spans": [...]}`.
pub fn write_document(
    id: &str,
    text: Option<&str>,
    spans: &[Span],
    output: &Output<'_>,
    out: &mut Vec<u8>,
) {
    start_document(id, text, output, out).write_all(spans, out);
}

/// Writes a text document's output line as [`write_document`] does, up to its spans, which are then
/// written one at a time through the [`SpanList`] returned.
pub fn start_document<'o>(
    id: &str,
    text: Option<&str>,
    output: &Output<'o>,
    out: &mut Vec<u8>,
) -> SpanList<'o> {
    out.push(b'{');
    write_key(out, "id");
    write_string(out, id);
    out.push(b',');
    if let Some(text) = text {
        write_key(out, "text");
        write_string(out, text);
        out.push(b',');
    }
    SpanList::start(output, out)
}

/// The spans of an output line being written, one at a time, so that a document's spans need not all
/// be held at once ([`nkner::Extractor::extract_each`]): [`push`](SpanList::push) each, then
/// [`finish`](SpanList::finish) the line.
#[derive(Debug)]
pub struct SpanList<'o> {
    fields: &'o [SpanField],
    first: bool,
}

impl<'o> SpanList<'o> {
    /// Writes `"source"` where asked for and opens the list.
    fn start(output: &Output<'o>, out: &mut Vec<u8>) -> SpanList<'o> {
        if let Some(source) = output.source {
            write_key(out, "source");
            write_string(out, source);
            out.push(b',');
        }
        write_key(out, "spans");
        out.push(b'[');
        SpanList {
            fields: output.span_fields.map_or(&SpanField::ALL[..], |f| &f.0),
            first: true,
        }
    }

    /// Writes the next span.
    pub fn push(&mut self, span: &Span, out: &mut Vec<u8>) {
        if !self.first {
            out.push(b',');
        }
        self.first = false;
        write_span(out, span, self.fields);
    }

    /// Closes the list, the record and the line.
    pub fn finish(self, out: &mut Vec<u8>) {
        out.extend_from_slice(b"]}\n");
    }

    fn write_all(mut self, spans: &[Span], out: &mut Vec<u8>) {
        for span in spans {
            self.push(span, out);
        }
        self.finish(out);
    }
}

/// Writes an error record and a newline. `id` is raw JSON (`None` writes `null`); `source` names the
/// input where there are several.
pub fn write_error(
    id: Option<&str>,
    source: Option<&str>,
    line: u64,
    message: &str,
    out: &mut Vec<u8>,
) {
    out.extend_from_slice(b"{\"id\":");
    out.extend_from_slice(id.unwrap_or("null").as_bytes());
    if let Some(source) = source {
        out.extend_from_slice(b",\"source\":");
        write_string(out, source);
    }
    out.extend_from_slice(format!(",\"line\":{line},\"error\":").as_bytes());
    write_string(out, message);
    out.extend_from_slice(b",\"spans\":[]}\n");
}

fn write_key(out: &mut Vec<u8>, key: &str) {
    write_string(out, key);
    out.push(b':');
}

fn write_string(out: &mut Vec<u8>, s: &str) {
    // Most strings (ids, names, mentions) need no escape: copied as they are, they come out as
    // serde_json writes them, which escapes only these bytes.
    if s.bytes().all(|b| b >= 0x20 && b != b'"' && b != b'\\') {
        out.push(b'"');
        out.extend_from_slice(s.as_bytes());
        out.push(b'"');
    } else {
        write_json(out, s);
    }
}

fn write_int(out: &mut Vec<u8>, n: usize) {
    out.extend_from_slice(itoa::Buffer::new().format(n).as_bytes());
}

fn write_some<T: serde::Serialize + ?Sized>(out: &mut Vec<u8>, value: Option<&T>) -> bool {
    value.inspect(|v| write_json(out, v)).is_some()
}

fn write_json<T: serde::Serialize + ?Sized>(out: &mut Vec<u8>, value: &T) {
    // Strings, numbers, lists of strings and the span's source serialize into a Vec without fail.
    let _ = serde_json::to_writer(&mut *out, value);
}

/// Writes a span with the chosen fields, in their order, as serde would write a struct of them: with
/// all the fields, what the library's `Serialize` of `Span` writes (a test holds them together), and
/// with `--fields`, a choice of them without building a `Value` of each span first, which took as
/// much time as the extraction.
fn write_span(out: &mut Vec<u8>, span: &Span, fields: &[SpanField]) {
    out.push(b'{');
    let mut empty = true;
    for &field in fields {
        let mark = out.len();
        if !empty {
            out.push(b',');
        }
        out.push(b'"');
        out.extend_from_slice(field.name().as_bytes());
        out.extend_from_slice(b"\":");
        if field.write_value(span, out) {
            empty = false;
        } else {
            out.truncate(mark);
        }
    }
    out.push(b'}');
}

#[cfg(test)]
mod tests {
    use super::*;

    fn annotate(line: &str) -> String {
        let fields = Fields::default();
        let record = parse(line.as_bytes(), &fields).unwrap();
        let spans = nkner::extract(&record.text);
        let mut out = Vec::new();
        record.write_annotated(&spans, &Output::default(), &mut out);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn fields_pass_through_in_order_and_spans_are_replaced() {
        let out =
            annotate(r#"{"z": 1, "id": 7, "spans": [9], "text": "Hyesan", "meta": {"a": [1, 2]}}"#);
        assert!(
            out.starts_with(
                r#"{"z":1,"id":7,"text":"Hyesan","meta":{"a": [1, 2]},"spans":[{"start":0,"#
            ),
            "{out}"
        );
        assert!(out.ends_with("}]}\n"));
        let value: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(value["spans"].as_array().unwrap().len(), 1);
    }

    #[test]
    fn escapes_are_decoded_for_matching_and_kept_in_the_output() {
        let out = annotate(r#"{"id": "a", "text": "Hy\u0065san\nCity"}"#);
        assert!(out.contains(r#""text":"Hy\u0065san\nCity""#), "{out}");
        let value: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(value["spans"][0]["text"], "Hyesan\nCity");
    }

    #[test]
    fn bad_records_say_what_is_wrong_and_keep_their_id() {
        let fields = Fields::default();
        let err = |line: &[u8]| parse(line, &fields).unwrap_err();
        assert!(err(b"not json").message.starts_with("line is not JSON"));
        assert_eq!(err(b"[1, 2]").message, "line is not a JSON object");
        assert_eq!(err(b"\"text\"").message, "line is not a JSON object");
        assert_eq!(
            err(br#"{"id": "x"}"#),
            RecordError {
                id: Some("\"x\"".into()),
                message: "no field 'text'".into()
            }
        );
        assert_eq!(
            err(br#"{"id": 3, "text": 5}"#).message,
            "field 'text' is not a string"
        );
        assert!(err(b"{\"text\": \"\xff\"}")
            .message
            .starts_with("line is not UTF-8"));
    }

    #[test]
    fn lone_surrogates_are_read_as_one_replacement_character_each() {
        let fields = Fields::default();
        let line = br#"{"id": 1, "text": "\ud83d Hyesan \ud83d\ude00 and \ude00Musan\u00e9\n"}"#;
        let record = parse(line, &fields).unwrap();
        assert!(record.replaced_surrogates);
        assert_eq!(
            record.text,
            "\u{FFFD} Hyesan \u{1F600} and \u{FFFD}Musan\u{e9}\n"
        );
        let spans = nkner::extract(&record.text);
        assert_eq!(
            (spans[0].start_char, spans[0].text.as_str()),
            (2, "Hyesan"),
            "one scalar for one surrogate, as Python counts"
        );
        let clean = parse(br#"{"text": "Hyesan"}"#, &fields).unwrap();
        assert!(!clean.replaced_surrogates);
        assert_eq!(
            parse(br#"{"text": ["\ud83d"]}"#, &fields)
                .unwrap_err()
                .message,
            "field 'text' is not a string"
        );
    }

    #[test]
    fn source_and_chosen_span_fields() {
        let fields = Fields::default();
        let record = parse(br#"{"source": "old", "id": 2, "text": "Hyesan"}"#, &fields).unwrap();
        let chosen: SpanFields = "label, kb_id,start,label".parse().unwrap();
        let output = Output {
            source: Some("news/a.jsonl"),
            span_fields: Some(&chosen),
        };
        let mut out = Vec::new();
        record.write_annotated(&nkner::extract(&record.text), &output, &mut out);
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "{\"id\":2,\"text\":\"Hyesan\",\"source\":\"news/a.jsonl\",\"spans\":\
             [{\"label\":\"CITY\",\"kb_id\":\"kp-ryanggang-hyesan\",\"start\":0}]}\n"
        );
        let mut out = Vec::new();
        write_error(None, Some("b.jsonl"), 4, "line is not JSON", &mut out);
        let value: serde_json::Value = serde_json::from_slice(&out).unwrap();
        assert_eq!(value["source"], "b.jsonl");
        assert_eq!(value["line"], 4);
        assert!("start,town"
            .parse::<SpanFields>()
            .unwrap_err()
            .starts_with("unknown span field 'town'"));
        assert!(",".parse::<SpanFields>().is_err());
    }

    #[test]
    fn spans_are_written_as_serde_writes_them() {
        let text = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../examples/sample_article.txt"
        ))
        .unwrap();
        let mut spans = nkner::extract(&text);
        assert!(spans.iter().any(|s| s.lat.is_some()) && spans.iter().any(|s| s.lat.is_none()));
        // What the sample may lack: every optional field left out, escapes, each kind of source.
        let mut bare = spans[0].clone();
        (bare.kb_id, bare.name, bare.parent_id, bare.province_id) = (None, None, None, None);
        (bare.lat, bare.lon) = (None, None);
        bare.text = "a \"quoted\"\\ name\n\u{1}\u{7f}\u{e9}".to_string();
        bare.ambiguous = true;
        bare.candidates = vec!["kp-a".into(), "kp-\"b\"".into()];
        for source in [
            nkner::Source::Rule {
                rule: "unit".into(),
            },
            nkner::Source::Acronym {
                acronym: "MEER".into(),
            },
            nkner::Source::Gazetteer {
                form: "Ma\\san".into(),
            },
        ] {
            bare.source = source;
            spans.push(bare.clone());
        }
        for span in &spans {
            let mut out = Vec::new();
            write_span(&mut out, span, &SpanField::ALL);
            assert_eq!(
                String::from_utf8(out).unwrap(),
                serde_json::to_string(span).unwrap()
            );
        }
    }

    #[test]
    fn other_field_names() {
        let fields = Fields {
            text: "body".into(),
            id: "doc".into(),
        };
        let record = parse(br#"{"doc": [1], "body": "Musan"}"#, &fields).unwrap();
        assert_eq!(record.id(), Some("[1]"));
        assert_eq!(record.text, "Musan");
    }

    #[test]
    fn error_records_have_the_contract_shape() {
        let mut out = Vec::new();
        write_error(
            Some("\"d\""),
            None,
            3,
            "line is not JSON: \"oops\"",
            &mut out,
        );
        let value: serde_json::Value = serde_json::from_slice(&out).unwrap();
        assert_eq!(
            value,
            serde_json::json!({"id": "d", "line": 3, "error": "line is not JSON: \"oops\"", "spans": []})
        );
        out.clear();
        write_error(None, None, 1, "x", &mut out);
        assert_eq!(
            out,
            b"{\"id\":null,\"line\":1,\"error\":\"x\",\"spans\":[]}\n"
        );
    }
}
