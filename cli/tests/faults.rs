//! Faults a batch job meets, one test each (issue 19): an output onto an input, unreadable folders,
//! endless inputs, FIFOs without a writer, signals, full disks, huge documents, bad gazetteers and
//! rules. Each test fails without the fix it pins.
//!
//! Tests that send a signal measure the time from the signal to the end of the program. The fixes end
//! it within milliseconds, and the issue asks for two seconds; the assertions allow two seconds plus
//! [`SLACK`] because these tests run beside others on a loaded two-core machine, where a process can
//! wait that long for a core. Without the fixes the program never ends: every wait is bounded, and a
//! program still running then is killed and the test fails.
#![cfg(unix)]

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

/// What the signal tests allow beyond the two seconds the issue asks for: scheduling delay on a loaded
/// machine, not work the program does.
const SLACK: Duration = Duration::from_secs(3);

fn binary() -> Command {
    Command::new(env!("CARGO_BIN_EXE_nkner"))
}

/// Runs the binary to its end (killed after a minute) and returns its output.
fn run(args: &[&str]) -> Output {
    let child = binary()
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    finish(child, Duration::from_secs(60))
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Waits for `child` at most `limit`, killing it then (the test then fails on its status). Its output
/// is read meanwhile, so that a full pipe cannot stall it.
fn finish(child: Child, limit: Duration) -> Output {
    let id = child.id().to_string();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || tx.send(child.wait_with_output()));
    let waited = rx.recv_timeout(limit).or_else(|_| {
        let _ = Command::new("kill").args(["-KILL", &id]).status();
        rx.recv()
    });
    waited.unwrap().unwrap()
}

/// Starts the binary with its output piped, to be stopped by a signal.
fn start(args: &[&str]) -> Child {
    binary()
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

fn signal(child: &Child, name: &str) {
    let sent = Command::new("kill")
        .args([&format!("-{name}"), &child.id().to_string()])
        .status()
        .unwrap();
    assert!(sent.success());
}

/// Sends `signals` to `child` once it has run `after`, and returns its output and the time from the
/// first signal to its end.
fn stop_after(child: Child, after: Duration, signals: &[&str]) -> (Output, Duration) {
    std::thread::sleep(after);
    let sent = Instant::now();
    for (i, name) in signals.iter().enumerate() {
        // Two signals sent back to back may be handled at once by two of the child's threads, in
        // either order, on a loaded machine: which came first is only defined with a moment between.
        if i > 0 {
            std::thread::sleep(Duration::from_millis(100));
        }
        signal(&child, name);
    }
    let out = finish(child, Duration::from_secs(30));
    (out, sent.elapsed())
}

fn assert_prompt(took: Duration, what: &str) {
    eprintln!("{what}: ended {took:?} after the signal");
    assert!(
        took < Duration::from_secs(2) + SLACK,
        "{what}: {took:?} after the signal"
    );
}

fn records(bytes: &[u8]) -> Vec<Value> {
    String::from_utf8_lossy(bytes)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON: {l:?}: {e}")))
        .collect()
}

fn json_lines(n: usize) -> String {
    (0..n)
        .map(|i| format!("{{\"id\": {i}, \"text\": \"Smugglers in Hyesan on day {i}.\"}}\n"))
        .collect()
}

fn s(path: &Path) -> &str {
    path.to_str().unwrap()
}

// D1: an output onto an input is refused before anything is read; outputs are renamed into place.

#[test]
fn d1_an_output_onto_an_input_is_refused_and_the_input_kept() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("a.jsonl");
    let corpus = json_lines(20_000);
    std::fs::write(&input, &corpus).unwrap();
    let link = dir.path().join("link.jsonl");
    std::os::unix::fs::symlink(&input, &link).unwrap();
    let inside = dir.path().join("out.jsonl");
    for (command, output, inputs) in [
        ("annotate", &input, vec![s(&input)]),
        ("annotate", &link, vec![s(&input)]),
        ("annotate", &inside, vec![s(dir.path())]),
        ("render", &input, vec![s(&input)]),
    ] {
        let mut args = vec![command, "-o", s(output)];
        args.extend(&inputs);
        let out = run(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert!(
            stderr(&out).contains("would overwrite the input"),
            "{args:?}: {}",
            stderr(&out)
        );
        assert_eq!(std::fs::read_to_string(&input).unwrap(), corpus);
        assert!(!inside.exists());
    }
    let out = run(&[
        "annotate",
        "--format",
        "brat",
        "--out-dir",
        s(dir.path()),
        s(dir.path()),
    ]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    // A gazetteer file is an input too.
    let gazetteer = dir.path().join("g.tsv");
    std::fs::write(
        &gazetteer,
        "id\tlabel\tkind\tname\tparent\tforms\thangul\tformer\tlat\tlon\tverified\tsources\tnote\n",
    )
    .unwrap();
    let out = run(&[
        "gazetteer",
        "--gazetteer",
        s(&gazetteer),
        "-o",
        s(&gazetteer),
    ]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
}

#[test]
fn d1_a_killed_run_leaves_the_old_output_whole() {
    let dir = tempfile::tempdir().unwrap();
    let output = dir.path().join("out.jsonl");
    std::fs::write(&output, "the previous run's output\n").unwrap();
    let mut child = binary()
        .args(["annotate", "--quiet", "--input", "jsonl", "-o", s(&output)])
        .stdin(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    stdin.write_all(json_lines(5000).as_bytes()).unwrap();
    stdin.flush().unwrap();
    std::thread::sleep(Duration::from_millis(1000));
    child.kill().unwrap();
    child.wait().unwrap();
    drop(stdin);
    assert_eq!(
        std::fs::read_to_string(&output).unwrap(),
        "the previous run's output\n"
    );
    // A finished run replaces it whole.
    let input = dir.path().join("in.jsonl");
    std::fs::write(&input, json_lines(10)).unwrap();
    let out = run(&["annotate", "--quiet", s(&input), "-o", s(&output)]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(records(&std::fs::read(&output).unwrap()).len(), 10);
}

// D2: an unreadable folder is reported by name, and its siblings are read.

#[test]
fn d2_an_unreadable_subfolder_is_reported_and_its_siblings_read() {
    // Root reads any folder, so the test runs the binary as `nobody` (setpriv), when it can.
    let root = unsafe_is_root();
    if root && !Path::new("/usr/bin/setpriv").exists() {
        eprintln!("skipped: running as root without setpriv, a folder cannot be made unreadable");
        return;
    }
    let base = tempfile::Builder::new().tempdir_in("/tmp").unwrap();
    let dir = base.path().join("d");
    std::fs::create_dir_all(dir.join("sub")).unwrap();
    std::fs::write(dir.join("a.txt"), "Hyesan").unwrap();
    std::fs::write(dir.join("sub/hidden.txt"), "Musan").unwrap();
    std::fs::write(dir.join("z.txt"), "Kanggye").unwrap();
    use std::os::unix::fs::PermissionsExt as _;
    for path in [base.path(), dir.as_path()] {
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    std::fs::set_permissions(dir.join("sub"), std::fs::Permissions::from_mode(0o000)).unwrap();
    let as_nobody = || {
        let mut c = Command::new("setpriv");
        c.args(["--reuid=65534", "--regid=65534", "--clear-groups", "--"]);
        c.arg(env!("CARGO_BIN_EXE_nkner"));
        c
    };
    if root
        && !as_nobody()
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success())
    {
        eprintln!("skipped: nobody cannot run the test binary (a private target folder)");
        return;
    }
    let mut command = if root { as_nobody() } else { binary() };
    let out = command
        .args(["annotate", "--quiet", s(&dir)])
        .output()
        .unwrap();
    std::fs::set_permissions(dir.join("sub"), std::fs::Permissions::from_mode(0o755)).unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let message = stderr(&out);
    assert!(
        message.contains(&format!("{}", dir.join("sub").display())),
        "{message}"
    );
    let ids: Vec<String> = records(&out.stdout)
        .iter()
        .map(|r| r["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        ids,
        [
            dir.join("a.txt").display().to_string(),
            dir.join("z.txt").display().to_string()
        ]
    );
}

/// Whether this process runs as root: the owner of a file it creates is root.
fn unsafe_is_root() -> bool {
    use std::os::unix::fs::MetadataExt as _;
    let probe = tempfile::NamedTempFile::new().unwrap();
    probe.as_file().metadata().unwrap().uid() == 0
}

// D3: render leaves no temporary file behind, however it ends.

#[test]
fn d3_render_leaves_no_temporary_file_after_a_signal_or_a_kill() {
    for ending in ["INT", "TERM", "KILL"] {
        let temp = tempfile::tempdir().unwrap();
        let out_dir = tempfile::tempdir().unwrap();
        let page = out_dir.path().join("r.html");
        let mut child = binary()
            .args(["render", "--input", "jsonl", "-o", s(&page)])
            .env("TMPDIR", temp.path())
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut stdin = child.stdin.take().unwrap();
        stdin.write_all(json_lines(2000).as_bytes()).unwrap();
        stdin.flush().unwrap();
        // Standard input stays open: the run is annotating into its temporary file when it ends.
        let (out, took) = stop_after(child, Duration::from_millis(1500), &[ending]);
        drop(stdin);
        let left: Vec<_> = std::fs::read_dir(temp.path())
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        assert!(left.is_empty(), "{ending}: left {left:?}");
        if ending != "KILL" {
            assert_prompt(took, &format!("render, SIG{ending}"));
            let expected = if ending == "INT" { 130 } else { 143 };
            assert_eq!(out.status.code(), Some(expected), "{}", stderr(&out));
            let html = std::fs::read_to_string(&page).unwrap();
            assert!(html.trim_end().ends_with("</html>"), "a whole page");
        }
        let partial: Vec<_> = std::fs::read_dir(out_dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .filter(|n| n != "r.html")
            .collect();
        if ending != "KILL" {
            assert!(partial.is_empty(), "{partial:?}");
        }
    }
}

// H1: an endless line read from a path ends on a signal.

#[test]
fn h1_an_endless_input_from_a_path_ends_on_sigterm() {
    for input in ["text", "jsonl"] {
        let child = start(&["annotate", "--quiet", "--input", input, "/dev/zero"]);
        let (out, took) = stop_after(child, Duration::from_millis(1000), &["TERM"]);
        assert_eq!(out.status.code(), Some(143), "{input}: {}", stderr(&out));
        assert_prompt(took, &format!("/dev/zero as {input}"));
        // What was being read when the signal came is an error record, never annotated as if whole.
        for record in records(&out.stdout) {
            let error = record["error"].as_str().unwrap();
            assert!(
                error.contains("longer") || error.contains("signal"),
                "{record}"
            );
        }
    }
}

#[test]
fn h1_a_long_line_in_a_regular_file_ends_on_sigint() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("long.jsonl");
    let file = std::fs::File::create(&path).unwrap();
    // A sparse file: 200 GB of zero bytes, a line without an end, that takes no disk.
    if file.set_len(200 << 30).is_err() {
        eprintln!("skipped: this file system cannot make a 200 GB sparse file");
        return;
    }
    let child = start(&["annotate", "--quiet", s(&path)]);
    let (out, took) = stop_after(child, Duration::from_millis(1000), &["INT"]);
    assert_eq!(out.status.code(), Some(130), "{}", stderr(&out));
    assert_prompt(took, "a 200 GB line");
}

// H2: a FIFO with no writer ends on a signal.

#[test]
fn h2_a_fifo_without_a_writer_ends_on_sigterm() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("p");
    let made = Command::new("mkfifo").arg(&fifo).status();
    if !made.is_ok_and(|s| s.success()) {
        eprintln!("skipped: mkfifo is not available");
        return;
    }
    let child = start(&["annotate", "--quiet", s(&fifo)]);
    let (out, took) = stop_after(child, Duration::from_millis(1000), &["TERM"]);
    assert_eq!(out.status.code(), Some(143), "{}", stderr(&out));
    assert_prompt(took, "a FIFO with no writer");
    assert!(out.stdout.is_empty());

    // With a writer that stays silent, the read ends on the signal too.
    let child = start(&["annotate", "--quiet", "--input", "jsonl", s(&fifo)]);
    let mut writer = std::fs::OpenOptions::new().write(true).open(&fifo).unwrap();
    writer.write_all(json_lines(3).as_bytes()).unwrap();
    writer.flush().unwrap();
    let (out, took) = stop_after(child, Duration::from_millis(1000), &["TERM"]);
    drop(writer);
    assert_eq!(out.status.code(), Some(143), "{}", stderr(&out));
    assert_prompt(took, "a silent FIFO");
    assert_eq!(records(&out.stdout).len(), 3);
}

// C1: memory bounded per document.

/// A document as dense as news gets: a name every few words.
fn dense_document(bytes: usize) -> String {
    let sentence = "Traders from Hyesan and Musan County met officials of the Ministry of State Security in Sinuiju, North Pyongan Province. ";
    sentence.repeat(bytes / sentence.len())
}

/// The peak resident memory of a run, in bytes, from `/usr/bin/time -v`.
fn peak_memory(args: &[&str]) -> Option<(u64, Output)> {
    if !Path::new("/usr/bin/time").exists() {
        return None;
    }
    let out = Command::new("/usr/bin/time")
        .arg("-v")
        .arg(env!("CARGO_BIN_EXE_nkner"))
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .output()
        .unwrap();
    let report = stderr(&out);
    let kb = report
        .lines()
        .find_map(|l| {
            l.trim()
                .strip_prefix("Maximum resident set size (kbytes): ")
        })?
        .trim()
        .parse::<u64>()
        .ok()?;
    Some((kb * 1024, out))
}

#[test]
fn c1_a_dense_document_needs_less_than_ten_times_its_size() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("dense.txt");
    let size = 24 << 20;
    std::fs::write(&path, dense_document(size)).unwrap();
    let Some((baseline, _)) = peak_memory(&["annotate", "--quiet", "/dev/null"]) else {
        eprintln!("skipped: /usr/bin/time is not available");
        return;
    };
    let output = dir.path().join("out.jsonl");
    let (peak, out) = peak_memory(&[
        "annotate",
        "--quiet",
        "--threads",
        "1",
        s(&path),
        "-o",
        s(&output),
    ])
    .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let ratio = (peak - baseline) as f64 / size as f64;
    eprintln!(
        "a dense document of {} MB: peak {} MB, {} MB over the baseline, {ratio:.1} times its size",
        size >> 20,
        peak >> 20,
        (peak - baseline) >> 20
    );
    assert!(ratio < 10.0, "{ratio:.1} times");
    let written = records(&std::fs::read(&output).unwrap());
    assert_eq!(written.len(), 1);
    assert!(written[0]["spans"].as_array().unwrap().len() > 1_000_000);
}

#[test]
fn c1_a_record_whose_output_spills_to_disk_is_written_whole() {
    // A 2 MB dense document makes about 25 MB of JSON: past the 8 MiB the pipeline holds in memory.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("dense.txt");
    std::fs::write(&path, dense_document(2 << 20)).unwrap();
    let out = run(&["annotate", "--quiet", s(&path)]);
    assert!(out.status.success(), "{}", stderr(&out));
    let written = records(&out.stdout);
    assert_eq!(written.len(), 1);
    let spans = written[0]["spans"].as_array().unwrap().len();
    assert!(spans > 80_000, "{spans}");
    let packed = dir.path().join("out.jsonl.gz");
    let plain = dir.path().join("out.jsonl");
    for output in [&packed, &plain] {
        let out = run(&["annotate", "--quiet", s(&path), "-o", s(output)]);
        assert!(out.status.success(), "{}", stderr(&out));
    }
    assert_eq!(std::fs::read(&plain).unwrap(), out.stdout);
    let mut unpacked = Vec::new();
    flate2::read::MultiGzDecoder::new(std::fs::File::open(&packed).unwrap())
        .read_to_end(&mut unpacked)
        .unwrap();
    assert_eq!(unpacked, out.stdout);
}

// C2: --threads is capped.

#[test]
fn c2_a_huge_thread_count_is_capped_with_a_message() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("x.jsonl");
    std::fs::write(&input, json_lines(100)).unwrap();
    for command in ["annotate", "render"] {
        let out = run(&[command, "--threads", "30000", s(&input)]);
        assert_eq!(out.status.code(), Some(0), "{command}: {}", stderr(&out));
        assert!(
            stderr(&out).contains("--threads 30000 is more than"),
            "{}",
            stderr(&out)
        );
    }
}

// C3: explain has annotate's input limit.

#[test]
fn c3_explain_refuses_an_input_over_the_limit() {
    let out = run(&["explain", "/dev/zero"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("--max-doc-bytes"), "{}", stderr(&out));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.txt");
    std::fs::write(&path, "Traders in Hyesan.").unwrap();
    let out = run(&["explain", "--max-doc-bytes", "5", s(&path)]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let out = run(&["explain", s(&path)]);
    assert!(out.status.success(), "{}", stderr(&out));
}

// W2 and W3: SIGHUP stops as SIGTERM does; the first signal gives the status.

/// Starts `nkner annotate` to a file from a standard input that stays open, sends `signals` once the
/// lines are read, and returns the status and the records written.
fn annotate_until(signals: &[&str], extra: &[&str]) -> (Option<i32>, String, Duration) {
    let dir = tempfile::tempdir().unwrap();
    let output = dir.path().join("out.json");
    let mut child = binary()
        .args(["annotate", "--quiet", "--input", "jsonl", "-o", s(&output)])
        .args(extra)
        .stdin(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    stdin.write_all(json_lines(1000).as_bytes()).unwrap();
    stdin.flush().unwrap();
    let (out, took) = stop_after(child, Duration::from_millis(1500), signals);
    drop(stdin);
    let mut written = String::new();
    if let Ok(mut file) = std::fs::File::open(&output) {
        file.read_to_string(&mut written).unwrap();
    }
    assert!(stderr(&out).is_empty() || !stderr(&out).contains("panicked"));
    (out.status.code(), written, took)
}

#[test]
fn w2_sighup_writes_every_line_read_and_exits_129() {
    let (status, written, took) = annotate_until(&["HUP"], &[]);
    assert_eq!(status, Some(129));
    assert_prompt(took, "SIGHUP");
    let ids: Vec<u64> = records(written.as_bytes())
        .iter()
        .map(|r| r["id"].as_u64().unwrap())
        .collect();
    assert_eq!(ids, (0..1000).collect::<Vec<_>>());
}

#[test]
fn w3_the_first_of_two_signals_gives_the_status() {
    let (status, written, _) = annotate_until(&["TERM", "INT"], &[]);
    assert_eq!(status, Some(143));
    assert_eq!(records(written.as_bytes()).len(), 1000);
    let (status, _, _) = annotate_until(&["INT", "TERM"], &[]);
    assert_eq!(status, Some(130));
    let (status, written, _) = annotate_until(&["TERM"], &["--format", "geojson"]);
    assert_eq!(status, Some(143));
    let collection: Value = serde_json::from_str(&written).unwrap();
    assert_eq!(collection["type"], "FeatureCollection");
}

// W5: eval pairs documents by id.

#[test]
fn w5_eval_pairs_by_id_unless_told_to_pair_one_with_one() {
    let dir = tempfile::tempdir().unwrap();
    let gold = dir.path().join("gold.jsonl");
    let system = dir.path().join("system.jsonl");
    std::fs::write(
        &gold,
        r#"{"id": "a", "text": "Hyesan", "spans": [{"start": 0, "end": 6, "label": "CITY"}]}"#,
    )
    .unwrap();
    std::fs::write(
        &system,
        r#"{"id": "b", "spans": [{"start": 0, "end": 6, "label": "CITY"}]}"#,
    )
    .unwrap();
    let out = run(&["eval", s(&gold), s(&system)]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("have no system record (first: a)"),
        "{}",
        stderr(&out)
    );
    let out = run(&["eval", "--pair-single", s(&gold), s(&system)]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(String::from_utf8_lossy(&out.stdout).contains("micro 1.000 1.000 1.000"));
}

// W6 and U1: user gazetteers are checked, and may start with a byte-order mark.

const HEADER: &str =
    "id\tlabel\tkind\tname\tparent\tforms\thangul\tformer\tlat\tlon\tverified\tsources\tnote\n";

fn gazetteer_row(id: &str, lat: &str) -> String {
    format!("{id}\tCITY\tcity\tZorbatown\t\tZorbatown\t\t\t{lat}\t127.0\tyes\tmine\t\n")
}

#[test]
fn w6_user_gazetteers_reject_bad_coordinates_and_ids() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mine.tsv");
    for (row, fault) in [
        (gazetteer_row("zorbatown", "999"), "bad lat '999'"),
        (gazetteer_row("sp ace", "40"), "bad id 'sp ace'"),
        (gazetteer_row("zörba", "40"), "bad id 'zörba'"),
    ] {
        std::fs::write(&path, format!("{HEADER}{row}")).unwrap();
        let out = run(&["lookup", "--gazetteer", s(&path), "Zorbatown"]);
        assert_eq!(out.status.code(), Some(1));
        assert!(
            stderr(&out).contains(&format!("mine.tsv:2: {fault}")),
            "{}",
            stderr(&out)
        );
    }
}

#[test]
fn u1_a_gazetteer_with_a_byte_order_mark_loads() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bom.tsv");
    std::fs::write(
        &path,
        format!("\u{FEFF}{HEADER}{}", gazetteer_row("zorbatown", "40")),
    )
    .unwrap();
    let out = run(&["lookup", "--gazetteer", s(&path), "Zorbatown"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(String::from_utf8_lossy(&out.stdout).contains("zorbatown"));
}

// U2: rules that do not compile together are named.

#[test]
fn u2_rules_that_do_not_compile_together_name_the_file_and_rule() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("rules.tsv");
    let huge: Vec<String> = (0..300_000).map(|i| format!("Zq{i}x")).collect();
    let mut text = String::from("# words\nfine\tUNIT\tKPA Unit \\d+\n");
    text.push_str(&format!("many\tUNIT\t(?:{})\n", huge.join("|")));
    std::fs::write(&path, text).unwrap();
    let out = run(&["annotate", "--rules", s(&path), "/dev/null"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stderr(&out).contains(&format!("{}:3: rule 'many'", path.display())),
        "{}",
        stderr(&out)
    );
}

// U3: a full disk names the path, and leaves no cut page.

/// A 1 MB tmpfs, mounted for the test, or `None` (with the reason printed) where that is not allowed.
struct SmallDisk(tempfile::TempDir);

impl SmallDisk {
    fn mount() -> Option<SmallDisk> {
        let dir = tempfile::tempdir().unwrap();
        let mounted = Command::new("mount")
            .args(["-t", "tmpfs", "-o", "size=1m", "tmpfs", s(dir.path())])
            .stderr(Stdio::null())
            .status();
        if mounted.is_ok_and(|s| s.success()) {
            Some(SmallDisk(dir))
        } else {
            eprintln!("skipped the small disk: mounting a tmpfs needs root");
            None
        }
    }

    fn path(&self) -> PathBuf {
        self.0.path().to_path_buf()
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(self.0.path()).status();
    }
}

#[test]
fn u3_a_full_disk_names_the_path_and_leaves_the_old_output() {
    if Path::new("/dev/full").exists() {
        for args in [
            vec!["gazetteer", "-o", "/dev/full"],
            vec!["render", "-o", "/dev/full", "/dev/null"],
            vec![
                "annotate",
                "--format",
                "geojson",
                "-o",
                "/dev/full",
                "/dev/null",
            ],
        ] {
            let out = run(&args);
            assert_eq!(out.status.code(), Some(1), "{args:?}");
            assert!(
                stderr(&out).contains("cannot write /dev/full"),
                "{args:?}: {}",
                stderr(&out)
            );
        }
    }
    let Some(disk) = SmallDisk::mount() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in.jsonl");
    std::fs::write(&input, json_lines(20_000)).unwrap();
    for (args, name) in [
        (vec!["render", "--max-docs", "20000"], "page.html"),
        (vec!["annotate"], "out.jsonl"),
    ] {
        let output = disk.path().join(name);
        std::fs::write(&output, "old").unwrap();
        let command = args[0];
        let out = run(&[&args[..], &["-o", s(&output), s(&input)]].concat());
        assert_eq!(out.status.code(), Some(1), "{command}: {}", stderr(&out));
        assert!(
            stderr(&out).contains(&format!("cannot write {}", output.display())),
            "{}",
            stderr(&out)
        );
        assert_eq!(std::fs::read_to_string(&output).unwrap(), "old");
        let partial: Vec<_> = std::fs::read_dir(disk.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .filter(|n| n.to_string_lossy().ends_with(".partial"))
            .collect();
        assert!(partial.is_empty(), "{partial:?}");
    }
}
