//! End to end: the built binary on files and standard input, output decoded as JSON.

use std::io::Write;
use std::process::{Command, Stdio};

use serde_json::Value;

fn nkner(args: &[&str], stdin: &[u8]) -> (i32, Vec<Value>, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_nkner"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    child.stdin.take().unwrap().write_all(stdin).unwrap();
    let out = child.wait_with_output().unwrap();
    let records = String::from_utf8(out.stdout)
        .expect("stdout is UTF-8")
        .lines()
        .map(|l| serde_json::from_str(l).expect("every line is JSON"))
        .collect();
    (
        out.status.code().unwrap_or(-1),
        records,
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn texts(record: &Value) -> Vec<(String, String)> {
    record["spans"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["text"].as_str().unwrap().to_string(),
                s["label"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn a_text_file_is_one_document_named_by_its_path() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../examples/sample_article.txt"
    );
    let (code, records, _) = nkner(&["annotate", path], b"");
    assert_eq!(code, 0);
    assert_eq!(records.len(), 1);
    assert_eq!(records[0]["id"], path);
    let spans = texts(&records[0]);
    assert!(spans.contains(&("Ryanggang Province".into(), "PROVINCE".into())));
    assert!(spans.contains(&("Unit 10215".into(), "UNIT".into())));
    let first = &records[0]["spans"][0];
    for field in [
        "start",
        "end",
        "start_byte",
        "end_byte",
        "label",
        "text",
        "kb_id",
    ] {
        assert!(first.get(field).is_some(), "no {field} in {first}");
    }
}

#[test]
fn standard_input_as_text() {
    let (code, records, _) = nkner(&["annotate"], "Smugglers in Sinŭiju.".as_bytes());
    assert_eq!(code, 0);
    assert_eq!(records[0]["id"], "-");
    assert_eq!(
        texts(&records[0]),
        [("Sinŭiju".to_string(), "CITY".to_string())]
    );
    assert_eq!(records[0]["spans"][0]["start"], 13);
    assert_eq!(records[0]["spans"][0]["start_byte"], 13);
    assert_eq!(records[0]["spans"][0]["end"], 20);
    assert_eq!(records[0]["spans"][0]["end_byte"], 21);
}

#[test]
fn json_lines_keep_order_ids_and_other_fields() {
    let input = concat!(
        "{\"id\": 7, \"text\": \"The KPA is in Hyesan.\", \"source\": \"x\", \"spans\": [1]}\n",
        "\n",
        "{\"id\": \"b\", \"text\": \"Nothing here.\"}\n",
    );
    let (code, records, _) = nkner(&["annotate", "--input", "jsonl"], input.as_bytes());
    assert_eq!(code, 0);
    assert_eq!(records.len(), 2, "a blank line is passed over");
    assert_eq!(records[0]["id"], 7);
    assert_eq!(records[0]["source"], "x");
    assert_eq!(
        texts(&records[0]),
        [
            ("KPA".to_string(), "AGENCY".to_string()),
            ("Hyesan".to_string(), "CITY".to_string())
        ]
    );
    assert_eq!(records[1]["id"], "b");
    assert_eq!(records[1]["spans"], Value::Array(vec![]));
}

#[test]
fn bad_lines_become_error_records_in_place() {
    let input = b"{\"id\": 1, \"text\": \"Hyesan\"}\nnot json\n{\"id\": 3}\n\xff\xfe\n{\"id\": 5, \"text\": \"Musan\"}\n";
    let (code, records, _) = nkner(&["annotate", "--input", "jsonl"], input);
    assert_eq!(code, 0);
    assert_eq!(records.len(), 5);
    assert_eq!(records[1]["line"], 2);
    assert!(records[1]["error"].as_str().unwrap().contains("not JSON"));
    assert_eq!(records[2]["id"], 3);
    assert_eq!(records[2]["error"], "no string field 'text'");
    assert_eq!(records[3]["error"], "line is not UTF-8");
    assert_eq!(records[3]["spans"], Value::Array(vec![]));
    assert_eq!(
        texts(&records[4]),
        [("Musan".to_string(), "COUNTY".to_string())]
    );
}

#[test]
fn a_missing_file_is_an_error() {
    let (code, _, stderr) = nkner(&["annotate", "no/such/file.txt"], b"");
    assert_ne!(code, 0);
    assert!(stderr.contains("no/such/file.txt"), "{stderr}");
}
