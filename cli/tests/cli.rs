//! End to end: the built binary on files, folders and standard input, every output format, bad input,
//! and the faults a batch job meets. Output is decoded and compared as data.

mod common;

use std::io::{Read, Write};
use std::path::Path;
use std::process::{Command, Stdio};

use serde_json::{json, Value};

struct Run {
    code: i32,
    stdout: Vec<u8>,
    stderr: String,
}

impl Run {
    fn records(&self) -> Vec<Value> {
        String::from_utf8(self.stdout.clone())
            .expect("stdout is UTF-8")
            .lines()
            .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON: {l:?}: {e}")))
            .collect()
    }
}

/// Runs the binary and asserts its exit status: every end-to-end test states the status it expects.
fn nkner(args: &[&str], stdin: &[u8], status: i32) -> Run {
    let mut command = Command::new(env!("CARGO_BIN_EXE_nkner"));
    command.args(args);
    let out = common::run_with_stdin(command, stdin);
    let run = Run {
        code: out.status.code().unwrap_or(-1),
        stdout: out.stdout,
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    };
    assert_eq!(run.code, status, "nkner {args:?}: {}", run.stderr);
    run
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

fn pair(text: &str, label: &str) -> (String, String) {
    (text.to_string(), label.to_string())
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    e.write_all(bytes).unwrap();
    e.finish().unwrap()
}

fn sample() -> String {
    concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../examples/sample_article.txt"
    )
    .to_string()
}

#[test]
fn a_text_file_is_one_document_named_by_its_path() {
    let path = sample();
    let run = nkner(&["annotate", "--quiet", &path], b"", 0);
    let records = run.records();
    assert_eq!(records.len(), 1);
    assert_eq!(records[0]["id"], path.as_str());
    let spans = texts(&records[0]);
    assert!(spans.contains(&pair("Ryanggang Province", "PROVINCE")));
    assert!(spans.contains(&pair("Unit 10215", "UNIT")));
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
fn standard_input_as_text_with_its_text_included() {
    let run = nkner(
        &["annotate", "--quiet", "--include-text"],
        "Smugglers in Sinŭiju.".as_bytes(),
        0,
    );
    let records = run.records();
    assert_eq!(records[0]["id"], "-");
    assert_eq!(records[0]["text"], "Smugglers in Sinŭiju.");
    assert_eq!(texts(&records[0]), [pair("Sinŭiju", "CITY")]);
    let span = &records[0]["spans"][0];
    assert_eq!((&span["start"], &span["end"]), (&json!(13), &json!(20)));
    assert_eq!(
        (&span["start_byte"], &span["end_byte"]),
        (&json!(13), &json!(21))
    );
}

#[test]
fn json_lines_keep_order_ids_and_other_fields() {
    let input = concat!(
        "{\"id\": 7, \"text\": \"The KPA is in Hyesan.\", \"source\": \"x\", \"spans\": [1]}\n",
        "\n",
        "{\"id\": \"b\", \"text\": \"Nothing here.\"}\n",
        "{\"id\": null, \"text\": \"Musan\"}\n",
    );
    let run = nkner(
        &["annotate", "--quiet", "--input", "jsonl"],
        input.as_bytes(),
        0,
    );
    let records = run.records();
    assert_eq!(records.len(), 3, "a blank line is passed over");
    assert_eq!(records[0]["id"], 7);
    assert_eq!(records[0]["source"], "x");
    assert_eq!(
        texts(&records[0]),
        [pair("KPA", "AGENCY"), pair("Hyesan", "CITY")]
    );
    assert_eq!(records[1]["id"], "b");
    assert_eq!(records[1]["spans"], json!([]));
    assert_eq!(records[2]["id"], Value::Null);
}

#[test]
fn every_kind_of_bad_line_becomes_an_error_record_in_place() {
    let long = format!("{{\"id\": \"long\", \"text\": \"{}\"}}", "x".repeat(300));
    let mut input = Vec::new();
    input.extend_from_slice(b"{\"id\": 1, \"text\": \"Hyesan\"}\n");
    input.extend_from_slice(b"not json\n");
    input.extend_from_slice(b"{\"id\": 3}\n");
    input.extend_from_slice(b"{\"id\": 4, \"text\": \"\xff\xfe\"}\n");
    input.extend_from_slice(long.as_bytes());
    input.extend_from_slice(b"\n[1, 2]\n{\"id\": 7, \"text\": \"Musan\"}\n");
    let run = nkner(
        &[
            "annotate",
            "--quiet",
            "--input",
            "jsonl",
            "--max-doc-bytes",
            "200",
        ],
        &input,
        0,
    );
    let records = run.records();
    assert_eq!(records.len(), 7);
    assert_eq!(texts(&records[0]), [pair("Hyesan", "CITY")]);
    let errors: Vec<(Value, Value, String)> = records[1..6]
        .iter()
        .map(|r| {
            assert_eq!(r["spans"], json!([]));
            (
                r["id"].clone(),
                r["line"].clone(),
                r["error"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(errors[0].1, 2);
    assert!(
        errors[0].2.starts_with("line is not JSON"),
        "{}",
        errors[0].2
    );
    assert_eq!(
        errors[1],
        (json!(3), json!(3), "no field 'text'".to_string())
    );
    assert_eq!(errors[2].0, Value::Null);
    assert!(
        errors[2].2.starts_with("line is not UTF-8"),
        "{}",
        errors[2].2
    );
    assert_eq!(errors[3].1, 5);
    assert_eq!(
        errors[3].2,
        "line is longer than --max-doc-bytes (326 > 200 bytes)"
    );
    assert_eq!(errors[4].2, "line is not a JSON object");
    assert_eq!(texts(&records[6]), [pair("Musan", "COUNTY")]);
    assert_eq!(records[6]["id"], 7);
}

#[test]
fn strict_turns_error_records_into_a_failing_status() {
    let run = nkner(
        &["annotate", "--quiet", "--input", "jsonl", "--strict"],
        b"oops\n",
        3,
    );
    assert_eq!(run.records().len(), 1);
}

#[test]
fn other_field_names() {
    let run = nkner(
        &[
            "annotate",
            "--quiet",
            "--input",
            "jsonl",
            "--text-field",
            "body",
            "--id-field",
            "doc",
        ],
        b"{\"doc\": [1, 2], \"body\": \"Chongjin\"}\n{\"doc\": 5, \"text\": \"x\"}\n",
        0,
    );
    let records = run.records();
    assert_eq!(texts(&records[0]), [pair("Chongjin", "CITY")]);
    assert_eq!(records[1]["id"], 5);
    assert_eq!(records[1]["error"], "no field 'body'");
}

#[test]
fn folders_are_walked_for_text_and_json_lines_plain_or_gzipped() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.txt"), "Smugglers in Hyesan.").unwrap();
    std::fs::write(
        dir.path().join("b.jsonl"),
        "{\"id\": \"b1\", \"text\": \"Musan\"}\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("c.jsonl.gz"),
        gzip(b"{\"id\": \"c1\", \"text\": \"Rason\"}\n"),
    )
    .unwrap();
    std::fs::write(dir.path().join("d.txt.gz"), gzip("Nampho".as_bytes())).unwrap();
    std::fs::write(dir.path().join("ignored.csv"), "Pyongyang").unwrap();
    let run = nkner(
        &["annotate", "--quiet", dir.path().to_str().unwrap()],
        b"",
        0,
    );
    let records = run.records();
    let ids: Vec<&str> = records.iter().map(|r| r["id"].as_str().unwrap()).collect();
    let a = dir.path().join("a.txt").display().to_string();
    let d = dir.path().join("d.txt.gz").display().to_string();
    assert_eq!(ids, [a.as_str(), "b1", "c1", d.as_str()]);
    assert_eq!(texts(&records[2]), [pair("Rason", "CITY")]);
    assert_eq!(texts(&records[3]), [pair("Nampho", "CITY")]);
}

#[test]
fn an_overlong_text_document_is_an_error_record() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.txt");
    std::fs::write(&path, "Hyesan ".repeat(100)).unwrap();
    let run = nkner(
        &[
            "annotate",
            "--quiet",
            "--max-doc-bytes",
            "100",
            path.to_str().unwrap(),
        ],
        b"",
        0,
    );
    let records = run.records();
    assert_eq!(
        records[0]["error"],
        "document is longer than --max-doc-bytes (700 > 100 bytes)"
    );
    assert_eq!(records[0]["id"], path.to_str().unwrap());
    let run = nkner(
        &[
            "annotate",
            "--quiet",
            "--max-doc-bytes",
            "1000",
            path.to_str().unwrap(),
        ],
        b"",
        0,
    );
    assert_eq!(run.records()[0]["spans"].as_array().unwrap().len(), 100);
}

fn gunzip(path: &Path) -> String {
    let mut text = String::new();
    flate2::read::MultiGzDecoder::new(std::fs::File::open(path).unwrap())
        .read_to_string(&mut text)
        .expect("a whole gzip stream");
    text
}

#[test]
fn a_gzip_output_file_decompresses_to_the_plain_output_file() {
    // Three batches of about 1 MiB of input.
    let text = "Traders in Hyesan said prices rose. ".repeat(20);
    let many: String = (0..4000)
        .map(|i| format!("{{\"id\": {i}, \"text\": \"{text}\"}}\n"))
        .collect();
    // (input, threads, whether the output is several gzip members, one a batch)
    let cases = [
        ("", "1", false),
        (
            "{\"id\": 1, \"text\": \"Hyesan\"}\n{\"id\": 2, \"text\": \"Musan\"}\n",
            "1",
            false,
        ),
        (many.as_str(), "1", true),
        (many.as_str(), "2", true),
    ];
    for (input, threads, members) in cases {
        let dir = tempfile::tempdir().unwrap();
        let plain = dir.path().join("out.jsonl");
        let packed = dir.path().join("out.jsonl.gz");
        for out in [&plain, &packed] {
            let args = [
                "annotate",
                "--quiet",
                "--input",
                "jsonl",
                "--threads",
                threads,
            ];
            let run = nkner(
                &[&args[..], &["-o", out.to_str().unwrap()]].concat(),
                input.as_bytes(),
                0,
            );
            assert!(run.stdout.is_empty());
        }
        let unpacked = gunzip(&packed);
        assert_eq!(unpacked, std::fs::read_to_string(&plain).unwrap());
        assert_eq!(unpacked.lines().count(), input.lines().count());
        let mut first = String::new();
        flate2::read::GzDecoder::new(std::fs::File::open(&packed).unwrap())
            .read_to_string(&mut first)
            .unwrap();
        assert_eq!(
            first.len() < unpacked.len(),
            members,
            "{} lines",
            input.lines().count()
        );
    }
}

#[test]
fn conll_output_matches_its_hand_written_form_and_reads_back() {
    let run = nkner(
        &[
            "annotate", "--quiet", "--input", "jsonl", "--format", "conll",
        ],
        b"{\"id\": \"d1\", \"text\": \"MSS agents in Hyesan City.\"}\nbad\n",
        0,
    );
    let out = String::from_utf8(run.stdout).unwrap();
    let expected = concat!(
        "-DOCSTART-\t\"d1\"\n\n",
        "MSS\t0\t3\tB-AGENCY\n",
        "agents\t4\t10\tO\n",
        "in\t11\t13\tO\n",
        "Hyesan\t14\t20\tB-CITY\n",
        "City\t21\t25\tI-CITY\n",
        ".\t25\t26\tO\n\n",
    );
    assert!(out.starts_with(expected), "{out}");
    assert!(
        out[expected.len()..].starts_with("-DOCSTART-\tnull\terror=line is not JSON"),
        "{out}"
    );
    let back = nkner_cli::format::read_conll(&out);
    assert_eq!(
        back,
        [
            ("\"d1\"".to_string(), 0, 3, "AGENCY".to_string()),
            ("\"d1\"".to_string(), 14, 25, "CITY".to_string())
        ]
    );
}

#[test]
fn conll_round_trip_on_the_sample_article() {
    let path = sample();
    let json = nkner(&["annotate", "--quiet", &path], b"", 0).records();
    let conll = nkner(&["annotate", "--quiet", "--format", "conll", &path], b"", 0);
    let back = nkner_cli::format::read_conll(&String::from_utf8(conll.stdout).unwrap());
    let want: Vec<(String, usize, usize, String)> = json[0]["spans"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                serde_json::to_string(&path).unwrap(),
                s["start"].as_u64().unwrap() as usize,
                s["end"].as_u64().unwrap() as usize,
                s["label"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert!(want.len() > 20);
    assert_eq!(back, want);
}

#[test]
fn brat_output_writes_standoff_files_with_safe_names() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("brat");
    nkner(
        &[
            "annotate",
            "--quiet",
            "--input",
            "jsonl",
            "--format",
            "brat",
            "--out-dir",
            out.to_str().unwrap(),
        ],
        b"{\"id\": \"../../x\", \"text\": \"Traders in Hyesan.\"}\n{\"id\": 2, \"text\": 5}\n",
        0,
    );
    let mut names: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "00000001__.._x.ann",
            "00000001__.._x.txt",
            "00000002_2.error",
            "annotation.conf"
        ]
    );
    assert_eq!(
        std::fs::read_to_string(out.join("00000001__.._x.txt")).unwrap(),
        "Traders in Hyesan."
    );
    assert_eq!(
        std::fs::read_to_string(out.join("00000001__.._x.ann")).unwrap(),
        "T1\tCITY 11 17\tHyesan\nN1\tReference T1 nkner:kp-ryanggang-hyesan\tHyesan\n"
    );
    assert!(!dir.path().join("x.txt").exists() && !Path::new("/x.txt").exists());
    assert!(std::fs::read_to_string(out.join("00000002_2.error"))
        .unwrap()
        .contains("is not a string"));
}

#[test]
fn usage_errors_exit_with_status_2_and_say_what_is_wrong() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("o");
    let out = out.to_str().unwrap();
    for (args, says) in [
        (vec!["annotate", "--format", "brat"], "--out-dir"),
        (
            vec!["annotate", "--format", "brat", "--out-dir", out, "-o", out],
            "not to -o",
        ),
        (vec!["annotate", "--out-dir", out], "--format brat"),
        (
            vec!["annotate", "--labels", "CITY,TOWN"],
            "unknown label 'TOWN'",
        ),
        (
            vec!["annotate", "--fields", "start,offset"],
            "unknown span field 'offset'",
        ),
        (vec!["annotate", "--threads"], "--threads"),
        (vec!["annotate", "--format", "xml"], "xml"),
        (vec!["eval"], "GOLD"),
    ] {
        let run = nkner(&args, b"x", 2);
        assert!(run.stderr.contains(says), "{args:?}: {}", run.stderr);
        assert!(run.stdout.is_empty(), "{args:?}");
    }
    assert!(!Path::new(out).exists(), "nothing written on a usage error");
}

#[test]
fn brat_output_comes_with_its_annotation_conf() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("brat");
    nkner(
        &[
            "annotate",
            "--quiet",
            "--format",
            "brat",
            "--out-dir",
            out.to_str().unwrap(),
        ],
        b"Traders in Hyesan.",
        0,
    );
    let conf = std::fs::read_to_string(out.join("annotation.conf")).unwrap();
    let entities: Vec<&str> = conf
        .split("[relations]")
        .next()
        .unwrap()
        .lines()
        .skip(1)
        .filter(|l| !l.is_empty())
        .collect();
    assert_eq!(
        entities,
        ["PROVINCE", "CITY", "COUNTY", "DISTRICT", "AGENCY", "UNIT"]
    );
}

#[test]
fn the_summary_counts_documents_errors_and_labels() {
    let run = nkner(
        &["annotate", "--input", "jsonl"],
        b"{\"text\": \"Hyesan and the MSS\"}\nbad\n",
        0,
    );
    assert!(
        run.stderr.contains("nkner: 2 documents (1 error records)"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("entities: CITY 1, AGENCY 1"),
        "{}",
        run.stderr
    );
}

#[test]
fn user_gazetteers_rules_and_labels() {
    let dir = tempfile::tempdir().unwrap();
    let gazetteer = dir.path().join("mine.tsv");
    std::fs::write(
        &gazetteer,
        "id\tlabel\tkind\tname\tparent\tforms\thangul\tformer\tlat\tlon\tverified\tsources\tnote\n\
         my-farm\tUNIT\tunit\tFarm No. 1116\tkpa\t\t\t\t\t\tyes\t\t\n",
    )
    .unwrap();
    let rules = dir.path().join("rules.tsv");
    std::fs::write(&rules, "shipyard\tUNIT\tNo\\. \\d+ Shipyard\n").unwrap();
    let run = nkner(
        &[
            "annotate",
            "--quiet",
            "--gazetteer",
            gazetteer.to_str().unwrap(),
            "--rules",
            rules.to_str().unwrap(),
            "--labels",
            "UNIT",
        ],
        b"Farm No. 1116 and No. 5 Shipyard in Hyesan",
        0,
    );
    assert_eq!(
        texts(&run.records()[0]),
        [
            pair("Farm No. 1116", "UNIT"),
            pair("No. 5 Shipyard", "UNIT")
        ]
    );
    let bad = dir.path().join("bad.tsv");
    std::fs::write(&bad, "id\tlabel\n").unwrap();
    let run = nkner(&["annotate", "--gazetteer", bad.to_str().unwrap()], b"", 1);
    assert!(
        run.stderr.contains("bad.tsv:1: bad header"),
        "{}",
        run.stderr
    );
}

#[test]
fn an_unreadable_file_among_readable_ones_loses_nothing_else() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("good.txt");
    std::fs::write(&good, "Hyesan").unwrap();
    let missing = dir.path().join("missing.txt");
    let run = nkner(
        &[
            "annotate",
            "--quiet",
            missing.to_str().unwrap(),
            good.to_str().unwrap(),
        ],
        b"",
        1,
    );
    assert!(
        run.stderr.contains("cannot read") && run.stderr.contains("missing.txt"),
        "{}",
        run.stderr
    );
    assert_eq!(run.records().len(), 1);
    assert_eq!(texts(&run.records()[0]), [pair("Hyesan", "CITY")]);
}

#[test]
fn a_truncated_gzip_leaves_whole_lines_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cut.jsonl.gz");
    let lines: String = (0..2000)
        .map(|i| {
            format!("{{\"id\": {i}, \"text\": \"Smugglers were caught in Hyesan on day {i}.\"}}\n")
        })
        .collect();
    let packed = gzip(lines.as_bytes());
    std::fs::write(&path, &packed[..packed.len() / 2]).unwrap();
    let run = nkner(&["annotate", "--quiet", path.to_str().unwrap()], b"", 1);
    assert!(run.stderr.contains("broke off"), "{}", run.stderr);
    let records = run.records();
    assert!(!records.is_empty() && records.len() < 2000);
    let last = records.last().unwrap();
    assert!(
        last["error"]
            .as_str()
            .is_some_and(|e| e.contains("broke off")),
        "{last}"
    );
    for (i, r) in records[..records.len() - 1].iter().enumerate() {
        assert_eq!(r["id"], i);
    }
}

#[test]
fn a_full_disk_is_reported() {
    if !Path::new("/dev/full").exists() {
        eprintln!("skipped a_full_disk_is_reported: this system has no /dev/full");
        return;
    }
    let run = nkner(
        &["annotate", "--quiet", "--input", "jsonl", "-o", "/dev/full"],
        b"{\"text\": \"Hyesan\"}\n",
        1,
    );
    assert!(
        run.stderr.contains("cannot write /dev/full"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_closed_stdout_ends_quietly_with_success() {
    let lines: String = (0..200_000)
        .map(|i| format!("{{\"id\": {i}, \"text\": \"Hyesan\"}}\n"))
        .collect();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("many.jsonl");
    std::fs::write(&path, lines).unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_nkner"))
        .args(["annotate", path.to_str().unwrap()])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut first = [0u8; 64];
    stdout.read_exact(&mut first).unwrap();
    drop(stdout);
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
}

/// Starts `nkner annotate` on JSON Lines from a standard input that stays open, writes `lines` records,
/// waits until they are read, sends `signals` and returns the exit status and the decompressed output.
fn stopped_by(signals: &[&str], lines: usize) -> (i32, String, String) {
    let dir = tempfile::tempdir().unwrap();
    let output = dir.path().join("out.jsonl.gz");
    let mut child = Command::new(env!("CARGO_BIN_EXE_nkner"))
        .args([
            "annotate",
            "--input",
            "jsonl",
            "-o",
            output.to_str().unwrap(),
        ])
        .stdin(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    for i in 0..lines {
        writeln!(stdin, "{{\"id\": {i}, \"text\": \"Smugglers in Hyesan.\"}}").unwrap();
    }
    stdin.flush().unwrap();
    // Standard input stays open: only the signal can end the run.
    std::thread::sleep(std::time::Duration::from_millis(1500));
    for signal in signals {
        let sent = Command::new("kill")
            .args([&format!("-{signal}"), &child.id().to_string()])
            .status()
            .unwrap();
        assert!(sent.success());
    }
    let out = child.wait_with_output().unwrap();
    drop(stdin);
    (
        out.status.code().unwrap_or(-1),
        gunzip(&output),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn assert_every_line_written(text: &str, lines: usize) {
    let ids: Vec<u64> = text
        .lines()
        .map(|l| {
            let record: Value = serde_json::from_str(l).expect("only whole lines");
            record["id"].as_u64().unwrap()
        })
        .collect();
    assert_eq!(ids, (0..lines as u64).collect::<Vec<_>>());
}

#[test]
fn an_interrupt_writes_what_was_read_and_finishes_the_gzip_output() {
    let (status, text, stderr) = stopped_by(&["INT"], 1000);
    assert_eq!(status, 130, "{stderr}");
    assert!(stderr.contains("interrupted"), "{stderr}");
    assert_every_line_written(&text, 1000);
}

#[test]
fn sigterm_twice_in_quick_succession_truncates_nothing() {
    let (status, text, stderr) = stopped_by(&["TERM", "TERM"], 1000);
    assert_eq!(status, 143, "{stderr}");
    assert_every_line_written(&text, 1000);
}

#[test]
fn a_byte_order_mark_is_skipped_and_offsets_count_after_it() {
    let run = nkner(
        &["annotate", "--quiet", "--input", "jsonl"],
        "\u{FEFF}{\"id\": 1, \"text\": \"Musan\"}\n".as_bytes(),
        0,
    );
    assert_eq!(texts(&run.records()[0]), [pair("Musan", "COUNTY")]);
    let run = nkner(
        &["annotate", "--quiet", "--input", "text"],
        "\u{FEFF}Traders in Hyesan.".as_bytes(),
        0,
    );
    assert_eq!(run.records()[0]["spans"][0]["start"], 11);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bom.jsonl.gz");
    std::fs::write(&path, gzip("\u{FEFF}{\"text\": \"Hyesan\"}\n".as_bytes())).unwrap();
    let run = nkner(&["annotate", "--quiet", path.to_str().unwrap()], b"", 0);
    assert_eq!(texts(&run.records()[0]), [pair("Hyesan", "CITY")]);
}

#[test]
fn lone_surrogate_escapes_are_annotated_and_counted() {
    let run = nkner(
        &["annotate", "--input", "jsonl"],
        b"{\"id\": 1, \"text\": \"\\ud83d Traders in Hyesan\"}\n{\"id\": 2, \"text\": \"Musan\"}\n",
        0,
    );
    // The text passes through as written (serde_json itself would refuse to read it back); the span
    // counts the lone surrogate as one scalar, as Python does.
    let out = String::from_utf8(run.stdout.clone()).unwrap();
    let first = out.lines().next().unwrap();
    assert!(
        first.starts_with(
            r#"{"id":1,"text":"\ud83d Traders in Hyesan","spans":[{"start":13,"end":19,"#
        ),
        "{first}"
    );
    assert_eq!(
        texts(&serde_json::from_str(out.lines().nth(1).unwrap()).unwrap()),
        [pair("Musan", "COUNTY")]
    );
    assert!(
        run.stderr.contains("1 records had lone surrogate escapes"),
        "{}",
        run.stderr
    );
}

#[test]
fn records_name_their_source_across_several_inputs() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.jsonl");
    let b = dir.path().join("b.jsonl");
    std::fs::write(&a, "{\"id\": 1, \"text\": \"Hyesan\"}\n").unwrap();
    std::fs::write(&b, "oops\n").unwrap();
    let run = nkner(
        &["annotate", "--quiet", dir.path().to_str().unwrap()],
        b"",
        0,
    );
    let records = run.records();
    assert_eq!(
        records[0].get("source"),
        None,
        "annotated records only on request"
    );
    assert_eq!(records[1]["source"], b.to_str().unwrap());
    assert_eq!(records[1]["line"], 1);
    let run = nkner(
        &["annotate", "--quiet", "--with-source", a.to_str().unwrap()],
        b"",
        0,
    );
    assert_eq!(run.records()[0]["source"], a.to_str().unwrap());
    let run = nkner(&["annotate", "--quiet", "--input", "jsonl"], b"oops\n", 0);
    assert_eq!(
        run.records()[0].get("source"),
        None,
        "one input needs no name"
    );
}

#[test]
fn json_lines_on_standard_input_are_recognised() {
    let run = nkner(
        &["annotate", "--quiet"],
        b"\n  {\"id\": \"x\", \"text\": \"Hyesan\"}\n{\"id\": \"y\", \"text\": \"Musan\"}\n",
        0,
    );
    let ids: Vec<Value> = run.records().iter().map(|r| r["id"].clone()).collect();
    assert_eq!(ids, [json!("x"), json!("y")]);
    let run = nkner(&["annotate", "--quiet"], b"{Hyesan} is not JSON", 0);
    assert_eq!(
        run.records()[0]["error"],
        "line is not JSON: key must be a string at line 1 column 2"
    );
    let run = nkner(&["annotate", "--quiet"], b"Traders in {Hyesan}", 0);
    assert_eq!(run.records()[0]["id"], "-");
}

#[test]
fn chosen_span_fields_make_slim_output() {
    let run = nkner(
        &["annotate", "--quiet", "--fields", "start,end,label,kb_id"],
        b"Traders in Hyesan.",
        0,
    );
    assert_eq!(
        run.records()[0]["spans"],
        json!([{"start": 11, "end": 17, "label": "CITY", "kb_id": "kp-ryanggang-hyesan"}])
    );
}

#[test]
fn eval_reproduces_strict_scores_and_annotates_gold_itself() {
    let dir = tempfile::tempdir().unwrap();
    let gold = dir.path().join("gold.jsonl");
    let system = dir.path().join("system.jsonl");
    std::fs::write(
        &gold,
        concat!(
            "{\"id\": \"a\", \"text\": \"Hyesan and Musan County\", \"spans\": [",
            "{\"start\": 0, \"end\": 6, \"label\": \"CITY\", \"kb_id\": \"kp-ryanggang-hyesan\"},",
            "{\"start\": 11, \"end\": 23, \"label\": \"COUNTY\"}]}\n",
            "{\"id\": \"b\", \"text\": \"the MSS\", \"spans\": [{\"start\": 4, \"end\": 7, \"label\": \"AGENCY\"}]}\n",
        ),
    )
    .unwrap();
    std::fs::write(
        &system,
        concat!(
            "{\"id\": \"a\", \"spans\": [{\"start\": 0, \"end\": 6, \"label\": \"CITY\", \"kb_id\": \"kp-ryanggang-hyesan\"},",
            "{\"start\": 11, \"end\": 16, \"label\": \"COUNTY\"}, {\"start\": 0, \"end\": 6, \"label\": \"CITY\"}]}\n",
            "{\"id\": \"b\", \"line\": 2, \"error\": \"x\", \"spans\": []}\n",
        ),
    )
    .unwrap();
    let run = nkner(
        &["eval", gold.to_str().unwrap(), system.to_str().unwrap()],
        b"",
        0,
    );
    let out = String::from_utf8(run.stdout).unwrap();
    // tp 1 (Hyesan), fp 2 (the duplicate and Musan without its head), fn 2 (Musan County, MSS).
    assert!(out.ends_with("micro 0.333 0.333 0.333\n"), "{out}");
    assert!(
        out.contains("COUNTY      0.000  0.000  0.000     0     1     1    1.000  1.000  1.000"),
        "{out}"
    );
    // As in the reference scorer, the last of two system spans at one place gives the link.
    assert!(out.contains("linking: 0 of 1"), "{out}");
    let run = nkner(&["eval", gold.to_str().unwrap()], b"", 0);
    assert!(String::from_utf8(run.stdout)
        .unwrap()
        .ends_with("micro 1.000 1.000 1.000\n"));
}

#[test]
fn eval_fails_on_a_missing_system_record_and_on_invalid_gold() {
    let dir = tempfile::tempdir().unwrap();
    let gold = dir.path().join("gold.jsonl");
    let system = dir.path().join("system.jsonl");
    std::fs::write(
        &gold,
        "{\"id\": \"a\", \"text\": \"Hyesan\", \"spans\": []}\n{\"id\": \"b\", \"text\": \"x\", \"spans\": []}\n",
    )
    .unwrap();
    std::fs::write(&system, "{\"id\": \"a\", \"spans\": []}\n").unwrap();
    let run = nkner(
        &["eval", gold.to_str().unwrap(), system.to_str().unwrap()],
        b"",
        1,
    );
    assert!(
        run.stderr
            .contains("1 gold documents have no system record (first: b)"),
        "{}",
        run.stderr
    );
    assert!(String::from_utf8(run.stdout).unwrap().contains("micro "));

    for (bad, says) in [
        (
            "{\"id\": \"a\", \"text\": \"Hyesan\", \"spans\": [{\"start\": 0, \"end\": 5, \"label\": \"CITY\", \"text\": \"Hyesan\"}]}\n",
            "is not valid gold",
        ),
        (
            "{\"id\": \"a\", \"text\": \"x\", \"spans\": []}\n{\"id\": \"a\", \"text\": \"y\", \"spans\": []}\n",
            "is not valid gold",
        ),
        ("not json\n", "gold.jsonl:1"),
    ] {
        std::fs::write(&gold, bad).unwrap();
        let run = nkner(&["eval", gold.to_str().unwrap()], b"", 1);
        assert!(run.stderr.contains(says), "{bad}: {}", run.stderr);
    }
    let run = nkner(
        &["eval", dir.path().join("none.jsonl").to_str().unwrap()],
        b"",
        1,
    );
    assert!(run.stderr.contains("cannot read"), "{}", run.stderr);
}

#[test]
fn a_single_100_mb_document() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.txt");
    let mut text = "lorem ipsum dolor sit amet ".repeat(100_000_000 / 27);
    text.push_str("Hyesan.");
    std::fs::write(&path, &text).unwrap();
    let run = nkner(&["annotate", "--quiet", path.to_str().unwrap()], b"", 0);
    let records = run.records();
    assert_eq!(records.len(), 1);
    let error = records[0]["error"].as_str().unwrap();
    assert!(
        error.starts_with("document is longer than --max-doc-bytes"),
        "{error}"
    );
    let run = nkner(
        &[
            "annotate",
            "--quiet",
            "--max-doc-bytes",
            "200000000",
            path.to_str().unwrap(),
        ],
        b"",
        0,
    );
    let records = run.records();
    assert_eq!(texts(&records[0]), [pair("Hyesan", "CITY")]);
    assert_eq!(records[0]["spans"][0]["start"], text.len() - 7);
}

#[test]
fn a_million_tiny_documents() {
    let input = "{\"text\":\"x\"}\n".repeat(1_000_000);
    let run = nkner(
        &["annotate", "--quiet", "--input", "jsonl"],
        input.as_bytes(),
        0,
    );
    let out = String::from_utf8(run.stdout).unwrap();
    assert_eq!(out.lines().count(), 1_000_000);
    assert!(out.lines().all(|l| l == "{\"text\":\"x\",\"spans\":[]}"));
}

#[test]
fn invalid_utf8_at_every_position_of_a_line() {
    let line = b"{\"id\": 1, \"text\": \"Traders in Hyesan.\"}";
    let mut input = Vec::new();
    for i in 0..=line.len() {
        input.extend_from_slice(&line[..i]);
        input.push(0xFF);
        input.extend_from_slice(&line[i..]);
        input.push(b'\n');
    }
    input.extend_from_slice(line);
    input.push(b'\n');
    let run = nkner(&["annotate", "--quiet", "--input", "jsonl"], &input, 0);
    let records = run.records();
    assert_eq!(
        records.len(),
        line.len() + 2,
        "one output line per input line"
    );
    for (i, r) in records[..=line.len()].iter().enumerate() {
        assert_eq!(r["line"], i + 1);
        assert!(
            r["error"]
                .as_str()
                .unwrap()
                .starts_with("line is not UTF-8"),
            "{r}"
        );
    }
    assert_eq!(texts(records.last().unwrap()), [pair("Hyesan", "CITY")]);
}

#[test]
fn a_rule_that_is_too_large_or_invalid_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let rules = dir.path().join("rules.tsv");
    std::fs::write(&rules, "huge\tUNIT\t\\w{50000}\n").unwrap();
    let run = nkner(&["annotate", "--rules", rules.to_str().unwrap()], b"", 1);
    assert!(
        run.stderr
            .contains("rules.tsv:1: rule 'huge': Compiled regex exceeds size limit"),
        "{}",
        run.stderr
    );
    std::fs::write(&rules, "# a comment\n\nbroken\tUNIT\tUnit (\n").unwrap();
    let run = nkner(&["annotate", "--rules", rules.to_str().unwrap()], b"", 1);
    assert!(
        run.stderr
            .contains("rules.tsv:3: rule 'broken': regex parse error"),
        "{}",
        run.stderr
    );
}

#[test]
fn output_does_not_depend_on_threads_or_on_how_input_is_split() {
    let records: Vec<String> = (0..3000)
        .map(|i| {
            format!(
                "{{\"id\": {i}, \"text\": \"Day {i}: the MSS in Hyesan, {}.\"}}\n",
                ["Musan", "Rason", "혜산에서"][i % 3]
            )
        })
        .collect();
    let all = records.concat();
    let one = nkner(
        &["annotate", "--quiet", "--input", "jsonl", "--threads", "1"],
        all.as_bytes(),
        0,
    )
    .stdout;
    let three = nkner(
        &["annotate", "--quiet", "--input", "jsonl", "--threads", "3"],
        all.as_bytes(),
        0,
    )
    .stdout;
    assert_eq!(one, three);
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a.jsonl"), dir.path().join("b.jsonl"));
    std::fs::write(&a, records[..1234].concat()).unwrap();
    std::fs::write(&b, records[1234..].concat()).unwrap();
    let split = nkner(
        &[
            "annotate",
            "--quiet",
            a.to_str().unwrap(),
            b.to_str().unwrap(),
        ],
        b"",
        0,
    )
    .stdout;
    assert_eq!(one, split);
}

#[test]
fn explain_says_why_context_kept_or_dropped_a_name() {
    let run = nkner(
        &["explain"],
        "North Korea's Kangwon Province flooded. The Cabinet met in Seoul.".as_bytes(),
        0,
    );
    let out: Value = serde_json::from_slice(&run.stdout).unwrap();
    assert_eq!(texts(&out), [pair("Kangwon Province", "PROVINCE")]);
    let decisions: Vec<(&str, bool, &str)> = out["decisions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["text"].as_str().unwrap(),
                d["kept"].as_bool().unwrap(),
                d["reason"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        decisions,
        [
            ("Kangwon Province", true, "marked_north"),
            ("Cabinet", false, "south_in_window")
        ]
    );
    assert_eq!(out["document"]["north_korean"], true);
}
