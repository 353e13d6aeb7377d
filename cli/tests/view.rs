//! End to end: `nkner lookup`, `nkner gazetteer`, `nkner annotate --format geojson` and `nkner render`,
//! and the rendered page in a real browser (headless Chromium, skipped where none is installed).
//! Every document here is written for these tests.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

fn nkner(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_nkner"))
        .args(args)
        .output()
        .expect("the binary runs")
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).expect("UTF-8")
}

fn json_lines(out: &Output) -> Vec<Value> {
    stdout(out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{l}: {e}")))
        .collect()
}

/// The test corpus: places, bodies, a hostile document, Hangul, a document without spans.
const DOCS: &[(&str, &str)] = &[
    ("d1", "Border guards in Hyesan, Ryanggang Province, stopped two traders; the MSS questioned them."),
    ("d2", "<script>document.title='pwned'</script> Farmers in Samsu County and Hyesan waited for rain."),
    ("d3", "A new road links Chongjin with Musan County in North Hamgyong."),
    ("d4", "양강도 혜산시의 시장이 다시 열렸다."),
    ("d5", "Nothing here names a place."),
];

fn corpus(dir: &Path) -> PathBuf {
    let path = dir.join("docs.jsonl");
    let lines: Vec<String> = DOCS
        .iter()
        .map(|(id, text)| serde_json::json!({"id": id, "text": text}).to_string())
        .collect();
    std::fs::write(&path, lines.join("\n") + "\n").unwrap();
    path
}

#[test]
fn lookup_explains_each_match() {
    let out = nkner(&["lookup", "--json", "Pochon County", "Nason", "혜산"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let found: Vec<(String, String, String, Value, Value)> = json_lines(&out)
        .into_iter()
        .map(|v| {
            let s = |k: &str| v[k].as_str().unwrap_or_default().to_string();
            (
                s("query"),
                s("id"),
                s("form"),
                v["rules"].clone(),
                v["head"].clone(),
            )
        })
        .collect();
    let expected = [
        (
            "Pochon County",
            "kp-ryanggang-pochon-county",
            "Pochon",
            serde_json::json!([]),
            serde_json::json!("County"),
        ),
        (
            "Nason",
            "kp-rason",
            "Rason",
            serde_json::json!(["3: initial sound"]),
            Value::Null,
        ),
        (
            "혜산",
            "kp-ryanggang-hyesan",
            "혜산시",
            serde_json::json!(["5: bare stem"]),
            Value::Null,
        ),
    ];
    for (query, id, form, rules, head) in expected {
        assert!(
            found.contains(&(
                query.into(),
                id.into(),
                form.into(),
                rules.clone(),
                head.clone()
            )),
            "{query}: {found:?}"
        );
    }
    let text = stdout(&nkner(&["lookup", "Pochon"]));
    assert!(text.contains("kp-ryanggang-pochon-county\tCOUNTY\tPochon, in kp-ryanggang\tform \u{201c}Pochon\u{201d} as written [amb]"), "{text}");
}

#[test]
fn lookup_of_an_unknown_name_fails_like_grep() {
    let out = nkner(&["lookup", "Atlantis", "Hyesan"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no entry matches 'Atlantis'"));
    assert!(stdout(&out).contains("kp-ryanggang-hyesan"));
}

#[test]
fn lookup_sees_user_gazetteers() {
    let dir = tempfile::tempdir().unwrap();
    let user = dir.path().join("user.tsv");
    std::fs::write(
        &user,
        "id\tlabel\tkind\tname\tparent\tforms\thangul\tformer\tlat\tlon\tverified\tsources\tnote\n\
         test-office\tUNIT\tunit\tTest Liaison Office\t\t\t\t\t\t\tyes\t\t\n",
    )
    .unwrap();
    let out = nkner(&[
        "lookup",
        "test liaison office",
        "--gazetteer",
        user.to_str().unwrap(),
    ]);
    assert!(out.status.success());
    assert!(stdout(&out).contains("test-office\tUNIT"));
}

#[test]
fn gazetteer_lists_every_county_of_a_province() {
    let data = include_str!("../../gazetteers/divisions.tsv");
    let mut expected: Vec<&str> = data
        .lines()
        .map(|l| l.split('\t').collect::<Vec<_>>())
        .filter(|c| c.len() > 4 && c[1] == "COUNTY" && c[4] == "kp-ryanggang")
        .map(|c| c[0])
        .collect();
    expected.sort_unstable();
    assert!(expected.len() > 5);
    for province in ["Ryanggang", "kp-ryanggang", "RYANGGANG"] {
        let out = nkner(&["gazetteer", "--labels", "COUNTY", "--province", province]);
        assert!(out.status.success());
        let text = stdout(&out);
        let mut lines = text.lines();
        assert_eq!(lines.next().unwrap().split('\t').next(), Some("id"));
        let mut ids: Vec<&str> = lines.map(|l| l.split('\t').next().unwrap()).collect();
        ids.sort_unstable();
        assert_eq!(ids, expected, "{province}");
    }
    let jsonl = json_lines(&nkner(&[
        "gazetteer",
        "--format",
        "jsonl",
        "--labels",
        "PROVINCE",
    ]));
    let provinces = include_str!("../../gazetteers/divisions.tsv")
        .lines()
        .filter(|l| l.split('\t').nth(1) == Some("PROVINCE"))
        .count();
    assert_eq!(jsonl.len(), provinces);
    assert!(jsonl.iter().all(|e| e["label"] == "PROVINCE"));
    let bad = nkner(&["gazetteer", "--province", "Atlantis"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("no province"));
}

/// Checks a FeatureCollection of points (RFC 7946) and returns its features' properties.
fn points(text: &str) -> Vec<Value> {
    let v: Value = serde_json::from_str(text).expect("GeoJSON is JSON");
    assert_eq!(v["type"], "FeatureCollection");
    let features = v["features"].as_array().expect("features");
    features
        .iter()
        .map(|f| {
            assert_eq!(f["type"], "Feature");
            assert_eq!(f["geometry"]["type"], "Point");
            let c = f["geometry"]["coordinates"].as_array().unwrap();
            assert_eq!(c.len(), 2);
            let (lon, lat) = (c[0].as_f64().unwrap(), c[1].as_f64().unwrap());
            // Longitude first, and within North Korea.
            assert!(
                (124.0..131.0).contains(&lon) && (37.5..43.1).contains(&lat),
                "{c:?}"
            );
            let p = f["properties"].clone();
            assert!(p["id"].is_string() && p["name"].is_string() && p["label"].is_string());
            p
        })
        .collect()
}

#[test]
fn gazetteer_exports_geojson() {
    let out = nkner(&[
        "gazetteer",
        "--format",
        "geojson",
        "--province",
        "Ryanggang",
    ]);
    let features = points(&stdout(&out));
    let with_coordinates = include_str!("../../gazetteers/divisions.tsv")
        .lines()
        .filter(|l| {
            l.starts_with("kp-ryanggang") && l.split('\t').nth(8).is_some_and(|c| !c.is_empty())
        })
        .count();
    assert!(with_coordinates >= 3);
    assert_eq!(features.len(), with_coordinates);
    assert!(features.iter().all(|p| p["province"] == "kp-ryanggang"));
}

#[test]
fn annotate_geojson_is_valid_and_counts_mentions() {
    let dir = tempfile::tempdir().unwrap();
    let input = corpus(dir.path());
    let out = nkner(&[
        "annotate",
        "-q",
        "--format",
        "geojson",
        input.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let features = points(&stdout(&out));
    let hyesan = features
        .iter()
        .find(|p| p["id"] == "kp-ryanggang-hyesan")
        .expect("Hyesan");
    assert_eq!(hyesan["count"], 3);
    assert_eq!(hyesan["documents"], serde_json::json!(["d1", "d2", "d4"]));
    assert_eq!(hyesan["province"], "kp-ryanggang");
    assert!(
        features.iter().all(|p| p["label"] != "AGENCY"),
        "only places"
    );
    assert!(features
        .iter()
        .all(|p| p["count"].as_u64().unwrap() >= 1 && p["documents"].is_array()));

    // The same from the annotated output, read as it is.
    let annotated = dir.path().join("annotated.jsonl");
    let first = nkner(&[
        "annotate",
        "-q",
        input.to_str().unwrap(),
        "-o",
        annotated.to_str().unwrap(),
    ]);
    assert!(first.status.success());
    let again = nkner(&[
        "annotate",
        "-q",
        "--format",
        "geojson",
        annotated.to_str().unwrap(),
    ]);
    assert_eq!(stdout(&again), stdout(&out));
}

#[test]
fn place_spans_carry_coordinates_and_bodies_none() {
    let dir = tempfile::tempdir().unwrap();
    let out = nkner(&["annotate", "-q", corpus(dir.path()).to_str().unwrap()]);
    let records = json_lines(&out);
    let spans = records[0]["spans"].as_array().unwrap();
    let by_text = |t: &str| spans.iter().find(|s| s["text"] == t).unwrap();
    let hyesan = by_text("Hyesan");
    assert!(hyesan["lat"]
        .as_f64()
        .is_some_and(|v| (41.0..42.0).contains(&v)));
    assert!(hyesan["lon"]
        .as_f64()
        .is_some_and(|v| (128.0..129.0).contains(&v)));
    let mss = by_text("MSS");
    assert!(mss.get("lat").is_none() && mss.get("lon").is_none());
}

fn render(dir: &Path, extra: &[&str]) -> String {
    let input = corpus(dir);
    let page = dir.join("report.html");
    let mut args = vec![
        "render",
        input.to_str().unwrap(),
        "-o",
        page.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    let out = nkner(&args);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    std::fs::read_to_string(page).unwrap()
}

fn span_count() -> usize {
    DOCS.iter().map(|(_, t)| nkner::extract(t).len()).sum()
}

/// The distinct places the test documents mention that have coordinates in the gazetteer: one marker
/// each. Derived from the data, which gains coordinates as open sources are found.
fn places_with_coordinates() -> usize {
    let extractor = nkner::default_extractor();
    let mut ids: Vec<String> = DOCS
        .iter()
        .flat_map(|(_, t)| extractor.extract(t))
        .filter(|s| s.label.is_place() && s.lat.is_some())
        .filter_map(|s| s.kb_id.map(|id| id.to_string()))
        .collect();
    ids.sort();
    ids.dedup();
    ids.len()
}

#[test]
fn render_writes_one_escaped_self_contained_page() {
    let dir = tempfile::tempdir().unwrap();
    let html = render(dir.path(), &[]);
    assert_eq!(html.matches("<mark").count(), span_count());
    assert_eq!(html.matches("<article").count(), DOCS.len());
    assert_eq!(
        html.matches("<script").count(),
        2,
        "the data and the page's own script"
    );
    assert!(html.contains("&lt;script&gt;document.title="));
    for external in ["http://", "https://", "src=", "@import", "url("] {
        assert!(!html.contains(external), "the page loads {external}");
    }
    let shown = render(dir.path(), &["--max-docs", "2"]);
    assert_eq!(shown.matches("<article").count(), 2);
    assert!(shown.contains("(3 more not shown)"));
}

#[test]
fn render_reads_annotated_output_without_annotating_again() {
    let dir = tempfile::tempdir().unwrap();
    let input = corpus(dir.path());
    let annotated = dir.path().join("annotated.jsonl");
    assert!(nkner(&[
        "annotate",
        "-q",
        input.to_str().unwrap(),
        "-o",
        annotated.to_str().unwrap()
    ])
    .status
    .success());
    // An extractor with no gazetteer finds nothing: the spans on the page are the file's.
    let page = dir.path().join("a.html");
    let out = nkner(&[
        "render",
        "--no-builtin",
        annotated.to_str().unwrap(),
        "-o",
        page.to_str().unwrap(),
    ]);
    assert!(out.status.success());
    let html = std::fs::read_to_string(page).unwrap();
    assert_eq!(html.matches("<mark").count(), span_count());
}

/// The first Chromium found on the PATH.
fn browser() -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    [
        "chromium",
        "chromium-browser",
        "google-chrome",
        "google-chrome-stable",
    ]
    .iter()
    .flat_map(|name| std::env::split_paths(&path).map(move |dir| dir.join(name)))
    .find(|p| p.is_file())
}

fn chromium(browser: &Path, args: &[&str], page: &Path) -> Output {
    Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
        ])
        .args(["--enable-logging=stderr", "--v=0"])
        // Nothing may be fetched: every host resolves to nowhere.
        .arg("--host-resolver-rules=MAP * ~NOTFOUND")
        .args(args)
        .arg(format!("file://{}", page.display()))
        .output()
        .expect("the browser runs")
}

#[test]
fn the_page_works_in_a_real_browser() {
    let Some(browser) = browser() else {
        // Straight to the terminal: the test harness captures eprintln! of passing tests.
        let _ = writeln!(
            std::io::stderr(),
            "SKIPPED the_page_works_in_a_real_browser: no Chromium on the PATH (apt-get install chromium)"
        );
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    render(dir.path(), &["--title", "nkner test report"]);
    let page = dir.path().join("report.html");
    let out = chromium(&browser, &["--dump-dom"], &page);
    let log = String::from_utf8_lossy(&out.stderr);
    let console: Vec<&str> = log.lines().filter(|l| l.contains("CONSOLE")).collect();
    assert!(console.is_empty(), "console messages: {console:#?}");
    let dom = stdout(&out);
    assert!(
        dom.contains("data-ready=\"1\""),
        "the page's script did not run to its end"
    );
    assert_eq!(dom.matches("<mark").count(), span_count());
    let markers = places_with_coordinates();
    assert!(
        markers >= 3,
        "the test documents name places with coordinates"
    );
    assert_eq!(dom.matches("<circle class=\"marker").count(), markers);
    assert!(
        dom.contains("<title>nkner test report</title>"),
        "the script in d2 ran"
    );
    assert!(dom.contains("&lt;script&gt;document.title="));

    let shot = Path::new(env!("CARGO_TARGET_TMPDIR")).join("render-screenshot.png");
    let out = chromium(
        &browser,
        &[
            "--hide-scrollbars",
            "--window-size=1280,1000",
            &format!("--screenshot={}", shot.display()),
        ],
        &page,
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let png = std::fs::read(&shot).expect("a screenshot");
    assert!(png.starts_with(b"\x89PNG"));
    eprintln!("screenshot: {}", shot.display());
}

#[test]
fn lookup_says_a_body_is_defunct_and_what_replaced_it() {
    let text = stdout(&nkner(&["lookup", "National Defence Commission"]));
    let ndc = text
        .lines()
        .find(|l| l.contains("\tndc\t"))
        .unwrap_or_else(|| panic!("{text}"));
    assert!(
        ndc.contains("1972 to 2016-06-29, defunct, succeeded by sac (State Affairs Commission)"),
        "{ndc}"
    );
    let json = json_lines(&nkner(&["lookup", "--json", "National Defence Commission"]));
    let ndc = json.iter().find(|v| v["id"] == "ndc").expect("ndc");
    assert_eq!(ndc["valid_to"], "2016-06-29");
    assert_eq!(ndc["successor_name"], "State Affairs Commission");
    // Both Korean spellings find their rows: the North's as written, the South's by rule.
    let out = nkner(&[
        "lookup",
        "로농적위군",
        "노농적위군",
        "노동당",
        "량강도",
        "양강도",
    ]);
    assert!(out.status.success());
    let text = stdout(&out);
    for (query, id) in [
        ("로농적위군", "wprg"),
        ("노농적위군", "wprg"),
        ("노동당", "wpk"),
        ("량강도", "kp-ryanggang"),
        ("양강도", "kp-ryanggang"),
    ] {
        assert!(
            text.lines()
                .any(|l| l.starts_with(&format!("{query}\t{id}\t"))),
            "{query}: {text}"
        );
    }
    assert!(text.contains("form \u{201c}로농적위군\u{201d} by rule 5: initial sound"));
}

#[test]
fn gazetteer_exports_dates_and_successors() {
    let text = stdout(&nkner(&["gazetteer", "--label", "AGENCY"]));
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap().split('\t').collect();
    let column = |name: &str| header.iter().position(|c| *c == name).unwrap();
    let ndc: Vec<&str> = lines
        .find(|l| l.starts_with("ndc\t"))
        .unwrap()
        .split('\t')
        .collect();
    assert_eq!(ndc[column("valid_to")], "2016-06-29");
    assert_eq!(ndc[column("successor")], "sac");
}
