//! One behaviour across subcommands: each test runs the same check over every subcommand (and every
//! output path of `annotate`), so a new subcommand or format that behaves differently fails here.
//! Every document here is written for these tests.

mod common;

use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

use serde_json::Value;

/// The files the subcommands read, in one temporary folder that is also their working directory.
struct Files {
    dir: tempfile::TempDir,
}

const TEXT: &str = "Border guards in Hyesan, Ryanggang Province, stopped two traders.\n\
    The Ministry of State Security questioned them in Samsu County.\n";

impl Files {
    fn new() -> Files {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("news.txt"), TEXT).unwrap();
        let gold = serde_json::json!({
            "id": "g1",
            "text": "Hyesan is cold.",
            "spans": [{"start": 0, "end": 6, "label": "CITY"}],
        });
        std::fs::write(dir.path().join("gold.jsonl"), format!("{gold}\n")).unwrap();
        std::fs::create_dir(dir.path().join("folder")).unwrap();
        Files { dir }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn command(&self, args: &[&str]) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_nkner"));
        command.args(args).current_dir(self.dir.path());
        command
    }

    fn run(&self, args: &[&str], stdin: &[u8]) -> Output {
        common::run_with_stdin(self.command(args), stdin)
    }
}

/// Every subcommand, and every way `annotate` writes, as a command line that prints something to
/// standard output. Paths are relative to the working directory of [`Files`].
const EVERY_COMMAND: &[&[&str]] = &[
    &["annotate", "news.txt"],
    &["annotate", "--format", "geojson", "news.txt"],
    &["annotate", "--format", "conll", "news.txt"],
    &["render", "news.txt"],
    &["gazetteer"],
    &["gazetteer", "--format", "jsonl"],
    &["gazetteer", "--format", "geojson"],
    &["explain", "news.txt"],
    &["lookup", "Hyesan"],
    &["eval", "gold.jsonl"],
];

/// The subcommands' names, for the checks that need one run each.
const SUBCOMMANDS: &[&[&str]] = &[
    &["annotate", "news.txt"],
    &["render", "news.txt"],
    &["gazetteer"],
    &["explain", "news.txt"],
    &["lookup", "Hyesan"],
    &["eval", "gold.jsonl"],
];

fn with(command: &[&str], extra: &[&str]) -> Vec<String> {
    command.iter().chain(extra).map(|s| s.to_string()).collect()
}

fn strings(args: &[String]) -> Vec<&str> {
    args.iter().map(String::as_str).collect()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// `nkner X | head -c 1`, at its hardest: the reader is gone before the first byte is written.
#[test]
fn a_closed_stdout_ends_every_subcommand_quietly_with_success() {
    let files = Files::new();
    for args in EVERY_COMMAND {
        let (reader, writer) = std::io::pipe().unwrap();
        drop(reader);
        let out = files
            .command(args)
            .stdin(Stdio::null())
            .stdout(writer)
            .stderr(Stdio::piped())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
        assert_eq!(stderr(&out), "", "{args:?}");
    }
}

#[test]
fn an_unknown_label_is_a_usage_error_everywhere() {
    let files = Files::new();
    for args in SUBCOMMANDS {
        for flag in ["--labels", "--label"] {
            let args = with(args, &[flag, "FOO"]);
            let out = files.run(&strings(&args), b"");
            assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
            assert!(
                stderr(&out).contains("unknown label 'FOO'"),
                "{args:?}: {}",
                stderr(&out)
            );
        }
        let args = with(args, &["--no-such-flag"]);
        let out = files.run(&strings(&args), b"");
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
    }
    let out = files.run(&["gazetteer", "--province", "Atlantis"], b"");
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("'Atlantis'"), "{}", stderr(&out));
}

/// `--labels` is one flag with one meaning: `gazetteer` filters by it (it used to ignore it and
/// filter by `--label`, still accepted but no longer shown).
#[test]
fn labels_filter_the_gazetteer_and_lookup_too() {
    let files = Files::new();
    for flag in ["--labels", "--label"] {
        let out = files.run(&["gazetteer", flag, "COUNTY,DISTRICT"], b"");
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        let rows = String::from_utf8(out.stdout).unwrap();
        let labels: std::collections::BTreeSet<&str> = rows
            .lines()
            .skip(1)
            .map(|l| l.split('\t').nth(1).unwrap())
            .collect();
        assert_eq!(
            labels.into_iter().collect::<Vec<_>>(),
            ["COUNTY", "DISTRICT"]
        );
    }
    let help = files.run(&["gazetteer", "--help"], b"");
    let help = String::from_utf8(help.stdout).unwrap();
    assert!(
        help.contains("--labels") && !help.contains("--label "),
        "{help}"
    );
    // Hyesan is a city: a lookup kept to counties finds nothing.
    let out = files.run(&["lookup", "--labels", "COUNTY", "Hyesan"], b"");
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
}

#[test]
fn a_province_is_named_any_way_lookup_knows() {
    let files = Files::new();
    let list = |province: &str| {
        let out = files.run(&["gazetteer", "--province", province], b"");
        assert_eq!(out.status.code(), Some(0), "{province}: {}", stderr(&out));
        String::from_utf8(out.stdout).unwrap()
    };
    let by_id = list("kp-ryanggang");
    assert!(by_id.contains("kp-ryanggang-hyesan"), "{by_id}");
    for name in [
        "Ryanggang",
        "Yanggang",
        "양강도",
        "Yanggang-do",
        "ryanggang province",
    ] {
        assert_eq!(list(name), by_id, "{name}");
    }
}

/// `-` reads standard input wherever a file is read: the inputs of `annotate`, `render`, `explain` and
/// `eval` (gold or system), and `--gazetteer` and `--rules` of every subcommand.
#[test]
fn a_dash_reads_standard_input_everywhere() {
    let files = Files::new();
    let gold = std::fs::read(files.path("gold.jsonl")).unwrap();
    let system = br#"{"id": "g1", "spans": [{"start": 0, "end": 6, "label": "CITY"}]}"#;
    let cases: &[(&[&str], &[u8], &str)] = &[
        (&["annotate", "-"], TEXT.as_bytes(), "kp-ryanggang-hyesan"),
        (&["render", "-"], TEXT.as_bytes(), "kp-ryanggang-hyesan"),
        (&["explain", "-"], TEXT.as_bytes(), "kp-ryanggang-hyesan"),
        (&["eval", "-"], &gold, "micro 1.000 1.000 1.000"),
        (
            &["eval", "gold.jsonl", "-"],
            system,
            "micro 1.000 1.000 1.000",
        ),
    ];
    for (args, stdin, expected) in cases {
        let out = files.run(args, stdin);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
        let stdout = String::from_utf8(out.stdout).unwrap();
        assert!(stdout.contains(expected), "{args:?}: {stdout}");
    }
    // A gazetteer or rules on standard input, for every subcommand (`gazetteer` uses no rules).
    let mine =
        "id\tlabel\tkind\tname\tparent\tforms\thangul\tformer\tlat\tlon\tverified\tsources\tnote\n\
                my-unit\tUNIT\tunit\tPaektusan Hero Unit\t\t\t\t\t\t\tyes\t\t\n";
    std::fs::write(files.path("unit.txt"), "The Paektusan Hero Unit trained.\n").unwrap();
    let rules = "shipyard\tUNIT\tNo\\. \\d+ Shipyard\n";
    std::fs::write(
        files.path("brigade.txt"),
        "The No. 77 Shipyard launched a boat.\n",
    )
    .unwrap();
    let every: &[&[&str]] = &[
        &["annotate", "{}"],
        &["render", "{}"],
        &["explain", "{}"],
        &["gazetteer"],
        &["lookup", "{}"],
        &["eval", "gold.jsonl"],
    ];
    for (flag, stdin, file, name, expected) in [
        (
            "--gazetteer",
            mine,
            "unit.txt",
            "Paektusan Hero Unit",
            "my-unit",
        ),
        ("--rules", rules, "brigade.txt", "Hyesan", "No. 77 Shipyard"),
    ] {
        for args in every {
            if flag == "--rules" && args[0] == "gazetteer" {
                continue;
            }
            let arg = if args[0] == "lookup" { name } else { file };
            let mut args: Vec<&str> = args
                .iter()
                .map(|a| if *a == "{}" { arg } else { a })
                .collect();
            args.extend([flag, "-"]);
            let out = files.run(&args, stdin.as_bytes());
            assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
            let stdout = String::from_utf8(out.stdout).unwrap();
            // `lookup` asks for Hyesan with the rules; `eval` scores its gold (Hyesan) either way.
            let expected = match args[0] {
                "lookup" if flag == "--rules" => "kp-ryanggang-hyesan",
                "eval" => "micro 1.000 1.000 1.000",
                _ => expected,
            };
            assert!(stdout.contains(expected), "{args:?}: {stdout}");
        }
    }
    // Standard input is read once.
    for args in [
        &["annotate", "--gazetteer", "-"][..],
        &["eval", "-", "-"],
        &["explain", "--rules", "-"],
        &["lookup", "X", "--gazetteer", "-", "--rules", "-"],
    ] {
        let out = files.run(args, b"");
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert!(
            stderr(&out).contains("standard input can be read once"),
            "{args:?}"
        );
    }
}

/// `-o -` is standard output wherever there is `-o` (it used to write a file named `-`).
#[test]
fn dash_o_dash_is_standard_output_everywhere() {
    let files = Files::new();
    for args in [
        &["annotate", "news.txt", "-o", "-"][..],
        &["annotate", "--format", "geojson", "news.txt", "-o", "-"],
        &["annotate", "--format", "conll", "news.txt", "-o", "-"],
        &["render", "news.txt", "-o", "-"],
        &["gazetteer", "-o", "-"],
        &["gazetteer", "--format", "geojson", "--output", "-"],
    ] {
        let out = files.run(args, b"");
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
        assert!(!out.stdout.is_empty(), "{args:?}");
        assert!(!files.path("-").exists(), "{args:?} wrote a file named '-'");
    }
}

/// An operating system's error is said once, whichever subcommand met it.
#[test]
fn an_os_error_is_printed_once_everywhere() {
    let files = Files::new();
    for args in SUBCOMMANDS {
        for flag in ["--gazetteer", "--rules"] {
            let args = with(args, &[flag, "folder"]);
            let out = files.run(&strings(&args), b"");
            assert_eq!(out.status.code(), Some(1), "{args:?}: {}", stderr(&out));
            let message = stderr(&out);
            assert_eq!(
                message.matches("Is a directory").count(),
                1,
                "{args:?}: {message}"
            );
        }
    }
    let out = files.run(&["annotate", "--gazetteer", "missing.tsv"], b"");
    let message = stderr(&out);
    assert_eq!(message.matches("No such file").count(), 1, "{message}");
}

#[test]
fn lookup_suggests_the_nearest_spellings_with_their_ids() {
    let files = Files::new();
    for (name, id) in [
        ("Pyongayng", "kp-pyongyang"),
        ("Chongjn", "kp-north-hamgyong-chongjin"),
        ("Wonson", "kp-kangwon-wonsan"),
        ("Sinuju", "kp-north-pyongan-sinuiju"),
        ("Kangye", "kp-chagang-kanggye"),
        ("Pyong Yang", "kp-pyongyang"),
        ("Hamgyong-bukdo", "kp-north-hamgyong"),
    ] {
        let out = files.run(&["lookup", name], b"");
        assert_eq!(out.status.code(), Some(1), "{name}");
        let message = stderr(&out);
        assert!(
            message.contains(&format!("no entry matches '{name}'; nearest: "))
                && message.contains(&format!(", {id})")),
            "{name}: {message}"
        );
    }
    let out = files.run(&["lookup", "Atlantis"], b"");
    assert_eq!(stderr(&out), "nkner: no entry matches 'Atlantis'\n");
}

/// A Rust program reads the command's JSON Lines back into the library's types.
#[test]
fn the_json_output_deserializes_into_spans_and_entities() {
    let files = Files::new();
    let out = files.run(&["annotate", "news.txt"], b"");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let line = String::from_utf8(out.stdout).unwrap();
    let record: Value = serde_json::from_str(line.trim()).unwrap();
    let mut spans: Vec<nkner::Span> = serde_json::from_value(record["spans"].clone()).unwrap();
    let mut expected = nkner::extract(TEXT);
    assert_eq!(spans.len(), expected.len());
    // Coordinates pass through decimal text: equal to a rounding error, then compared without them.
    for (read, found) in spans.iter_mut().zip(&mut expected) {
        for (a, b) in [
            (&mut read.lat, &mut found.lat),
            (&mut read.lon, &mut found.lon),
        ] {
            assert!(
                a.zip(*b).is_none_or(|(a, b)| (a - b).abs() < 1e-9) && a.is_some() == b.is_some()
            );
            (*a, *b) = (None, None);
        }
    }
    assert_eq!(spans, expected);

    let out = files.run(&["gazetteer", "--format", "jsonl"], b"");
    let entities: Vec<nkner::Entity> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let builtin: Vec<&nkner::Entity> = nkner::default_extractor().entities().collect();
    assert_eq!(entities.len(), builtin.len());
    for (read, known) in entities.iter().zip(builtin) {
        assert_eq!(
            (
                &read.id,
                read.label,
                &read.name,
                &read.parent,
                &read.province
            ),
            (
                &known.id,
                known.label,
                &known.name,
                &known.parent,
                &known.province
            )
        );
        assert_eq!((&read.forms, &read.hangul), (&known.forms, &known.hangul));
        assert_eq!(
            (&read.former_names, &read.sources, &read.note),
            (&known.former_names, &known.sources, &known.note)
        );
    }
    let hyesan = entities
        .iter()
        .find(|e| e.id == "kp-ryanggang-hyesan")
        .unwrap();
    assert_eq!(hyesan.hangul_name(), Some("혜산시"));
}

/// `nkner annotate X.txt | nkner render -o r.html`: the annotated records are read as they are, and a
/// record without its text shows its spans and says that the text was not kept.
#[test]
fn annotate_piped_into_render_shows_the_spans() {
    let files = Files::new();
    for (extra, note) in [(&[][..], true), (&["--include-text"][..], false)] {
        let args = with(&["annotate", "-q", "news.txt"], extra);
        let annotated = files.run(&strings(&args), b"");
        assert_eq!(annotated.status.code(), Some(0), "{}", stderr(&annotated));
        let record: Value = serde_json::from_slice(&annotated.stdout).unwrap();
        let spans = record["spans"].as_array().unwrap().len();
        assert!(spans >= 4, "{record}");
        let out = files.run(&["render", "-o", "r.html"], &annotated.stdout);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        let page = std::fs::read_to_string(files.path("r.html")).unwrap();
        assert_eq!(page.matches("<mark ").count(), spans, "{extra:?}");
        assert!(!page.contains("no field"), "{extra:?}");
        assert_eq!(page.contains("The text was not kept"), note, "{extra:?}");
    }
}

/// Every `nkner` command in the README's `sh` blocks runs as written, in order (later ones read what
/// earlier ones wrote), from a folder that holds the clone's `examples` and `tests`, with the built
/// binary first on `PATH` (`target/release/nkner` stands for it too). Other commands (cargo, Spark) are
/// not run here.
#[test]
fn every_command_of_the_readme_runs_as_written() {
    let root = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/.."));
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    let dir = tempfile::tempdir().unwrap();
    for folder in ["examples", "tests"] {
        std::os::unix::fs::symlink(root.join(folder), dir.path().join(folder)).unwrap();
    }
    let binary = PathBuf::from(env!("CARGO_BIN_EXE_nkner"));
    let path = format!(
        "{}:{}",
        binary.parent().unwrap().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let mut in_sh = false;
    let mut ran = 0;
    for line in readme.lines() {
        if line.starts_with("```") {
            in_sh = line == "```sh";
            continue;
        }
        let command = line.replace("target/release/nkner", "nkner");
        if !in_sh || !command.starts_with("nkner ") {
            continue;
        }
        let out = Command::new("sh")
            .args(["-c", &command])
            .current_dir(dir.path())
            .env("PATH", &path)
            .stdin(Stdio::null())
            .output()
            .unwrap();
        assert!(out.status.success(), "README: {line}\n{}", stderr(&out));
        ran += 1;
    }
    assert!(ran >= 12, "only {ran} commands found in the README");
}

/// The README's links resolve: each `#anchor` names one of its headings (as GitHub makes anchors), and
/// each relative link names a file of the repository.
#[test]
fn the_readme_links_resolve() {
    let root = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/.."));
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    let mut in_code = false;
    let mut anchors = Vec::new();
    for line in readme.lines() {
        in_code ^= line.starts_with("```");
        if let Some(heading) = line.strip_prefix('#').filter(|_| !in_code) {
            let title = heading.trim_start_matches('#').trim().to_lowercase();
            let anchor: String = title
                .chars()
                .filter(|c| c.is_alphanumeric() || matches!(c, ' ' | '-' | '_'))
                .map(|c| if c == ' ' { '-' } else { c })
                .collect();
            anchors.push(anchor);
        }
    }
    let mut checked = 0;
    for (at, _) in readme.match_indices("](") {
        let target = &readme[at + 2..];
        let target = &target[..target.find(')').unwrap()];
        if let Some(anchor) = target.strip_prefix('#') {
            assert!(
                anchors.iter().any(|a| a == anchor),
                "README: no heading for #{anchor}"
            );
        } else if !target.starts_with("http") {
            assert!(
                root.join(target).exists(),
                "README: {target} does not exist"
            );
        }
        checked += 1;
    }
    assert!(checked >= 10, "{checked}");
}
