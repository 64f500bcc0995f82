//! Integration tests for `framelex explain`: markup without a terminal, JSON spans,
//! colour on request, --id, stdin, and bad inputs.

use assert_cmd::Command;

fn framelex() -> Command {
    let mut c = Command::cargo_bin("framelex").unwrap();
    c.current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("NO_COLOR");
    c
}

fn explain(args: &[&str]) -> (Option<i32>, String, String) {
    let out = framelex()
        .args(["explain", "--lexicons", "tests/fixtures/lexicons"])
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn markup_for_every_record() {
    let (code, out, err) = explain(&["tests/fixtures/docs.jsonl", "tests/fixtures/corpus"]);
    assert_eq!(code, Some(0), "{err}");
    insta::assert_snapshot!("explain_markup", out);
}

#[test]
fn id_picks_records_in_input_order() {
    let (code, out, _) = explain(&["--id", "4,d2", "tests/fixtures/docs.jsonl"]);
    assert_eq!(code, Some(0));
    let headers: Vec<&str> = out
        .lines()
        .filter(|l| l.contains(" words   dominant: "))
        .collect();
    assert_eq!(
        headers,
        [
            "d2   12 words   dominant: cooperation",
            "4   9 words   dominant: threat"
        ]
    );
    assert!(out.contains("[threat, cooperation: arms race]"), "{out}");
}

#[test]
fn unknown_id_is_an_error() {
    let (code, out, err) = explain(&["--id", "d1,nope", "tests/fixtures/docs.jsonl"]);
    assert_eq!(code, Some(2));
    assert_eq!(out, "");
    assert_eq!(
        err,
        "framelex: error: no record with id \"nope\" in tests/fixtures/docs.jsonl (5 records read; --id-field is \"id\")\n"
    );
}

#[test]
fn json_spans() {
    let (code, out, _) = explain(&[
        "--format",
        "json",
        "--id",
        "tests/fixtures/docs.jsonl:5",
        "tests/fixtures/docs.jsonl",
    ]);
    assert_eq!(code, Some(0));
    let v: serde_json::Value = serde_json::from_str(out.trim()).unwrap();
    let text = v["text"].as_str().unwrap();
    let hits = v["hits"].as_array().unwrap();
    assert_eq!(hits.len(), 3);
    for h in hits {
        let (s, e) = (
            h["start"].as_u64().unwrap() as usize,
            h["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(&text[s..e], h["text"].as_str().unwrap());
    }
    assert_eq!(hits[2]["text"], "national\u{a0}security");
    assert_eq!(v["frames"][0]["terms"][0]["score"], 2.0);
    assert_eq!(v["frames"][0]["thresholds"]["min_score"], 2.0);
    assert_eq!(v["dominant"], "threat");
}

#[test]
fn negated_and_excluded_hits_are_marked() {
    let (code, out, _) = explain(&["tests/fixtures/corpus/nested/beta.txt"]);
    assert_eq!(code, Some(0));
    assert!(out.contains("[threat excluded: Social Security]"), "{out}");
    assert!(out.contains("no [threat negated: threat] at all"), "{out}");
    assert!(
        out.contains("threat*  weak    2 × 0.5   × 0 (negated) = 0"),
        "{out}"
    );
    assert!(
        out.contains("excluded by \"social security\" ×1: counts nothing"),
        "{out}"
    );
}

#[test]
fn stdin_and_colour() {
    let out = framelex()
        .args([
            "--color",
            "always",
            "explain",
            "--lexicons",
            "tests/fixtures/lexicons",
            "-",
        ])
        .write_stdin("An adversary, not a threat.")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let s = String::from_utf8(out.stdout).unwrap();
    assert!(s.contains("\x1b[1m\x1b[31madversary"), "{s:?}");
    assert!(s.contains("\x1b[9m\x1b[31mthreat"), "{s:?}");
    assert!(!s.contains("[threat:"));
}

#[test]
fn bad_inputs() {
    let (code, _, err) = explain(&["tests/fixtures/nope.txt"]);
    assert_eq!(code, Some(2));
    assert!(
        err.contains("tests/fixtures/nope.txt: cannot open"),
        "{err}"
    );
    let (code, _, err) = explain(&["--watch", "-"]);
    assert_eq!(code, Some(2));
    assert!(err.contains("--watch cannot re-read stdin"), "{err}");
    let out = framelex()
        .args(["explain", "--watch", "tests/fixtures/corpus/alpha.txt"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--watch needs --lexicons PATH"));
}
