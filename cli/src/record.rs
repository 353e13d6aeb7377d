//! One input record in, one output line out: parsing a JSON Lines record and writing its annotated form
//! or its error record.
//!
//! The record is parsed into its fields as raw JSON (`RawValue`), so every field but the text passes
//! through byte for byte, in its order, without being decoded and encoded again; the id keeps its JSON
//! type. The output is the input object with `spans` replacing any input `spans`, or an error record
//! `{"id": <id or null>, "line": <n>, "error": "...", "spans": []}` in the input's place.

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
    id_field: &'a str,
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
/// record.write_annotated(&nkner::extract(&record.text), &mut out);
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
    let text: String = serde_json::from_str(raw_text.get())
        .map_err(|_| fail(format!("field '{}' is not a string", fields.text)))?;
    Ok(Record {
        fields: map,
        text,
        id_field: &fields.id,
    })
}

impl Record<'_> {
    /// The record's id as raw JSON (`"a"`, `7`), if it has one.
    pub fn id(&self) -> Option<&str> {
        self.fields.get(self.id_field).map(|v| v.get())
    }

    /// Writes the record with `spans` in place of any input `spans`, and a newline.
    pub fn write_annotated(&self, spans: &[Span], out: &mut Vec<u8>) {
        out.push(b'{');
        let mut first = true;
        for (key, value) in &self.fields {
            if key == "spans" {
                continue;
            }
            if !first {
                out.push(b',');
            }
            first = false;
            write_key(out, key);
            out.extend_from_slice(value.get().as_bytes());
        }
        if !first {
            out.push(b',');
        }
        write_key(out, "spans");
        write_spans(out, spans);
        out.extend_from_slice(b"}\n");
    }
}

/// Writes an output line for a text document: `{"id": ..., ["text": ...,] "spans": [...]}`.
pub fn write_document(id: &str, text: Option<&str>, spans: &[Span], out: &mut Vec<u8>) {
    out.push(b'{');
    write_key(out, "id");
    write_string(out, id);
    if let Some(text) = text {
        out.push(b',');
        write_key(out, "text");
        write_string(out, text);
    }
    out.push(b',');
    write_key(out, "spans");
    write_spans(out, spans);
    out.extend_from_slice(b"}\n");
}

/// Writes an error record and a newline. `id` is raw JSON (`None` writes `null`).
pub fn write_error(id: Option<&str>, line: u64, message: &str, out: &mut Vec<u8>) {
    out.extend_from_slice(b"{\"id\":");
    out.extend_from_slice(id.unwrap_or("null").as_bytes());
    out.extend_from_slice(format!(",\"line\":{line},\"error\":").as_bytes());
    write_string(out, message);
    out.extend_from_slice(b",\"spans\":[]}\n");
}

fn write_key(out: &mut Vec<u8>, key: &str) {
    write_string(out, key);
    out.push(b':');
}

fn write_string(out: &mut Vec<u8>, s: &str) {
    // Writing a string into a Vec cannot fail.
    let _ = serde_json::to_writer(&mut *out, s);
}

fn write_spans(out: &mut Vec<u8>, spans: &[Span]) {
    // Spans are plain data with string keys: serializing them into a Vec cannot fail.
    let _ = serde_json::to_writer(&mut *out, spans);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn annotate(line: &str) -> String {
        let fields = Fields::default();
        let record = parse(line.as_bytes(), &fields).unwrap();
        let spans = nkner::extract(&record.text);
        let mut out = Vec::new();
        record.write_annotated(&spans, &mut out);
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
        write_error(Some("\"d\""), 3, "line is not JSON: \"oops\"", &mut out);
        let value: serde_json::Value = serde_json::from_slice(&out).unwrap();
        assert_eq!(
            value,
            serde_json::json!({"id": "d", "line": 3, "error": "line is not JSON: \"oops\"", "spans": []})
        );
        out.clear();
        write_error(None, 1, "x", &mut out);
        assert_eq!(
            out,
            b"{\"id\":null,\"line\":1,\"error\":\"x\",\"spans\":[]}\n"
        );
    }
}
