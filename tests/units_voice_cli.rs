//! Integration tests for proximity rules, `--unit`, `--count-units`, `--voice` and
//! `eval --fit-thresholds`, on text and lexicons written for the project.

use assert_cmd::Command;
use predicates::prelude::*;

fn framelex() -> Command {
    let mut c = Command::cargo_bin("framelex").unwrap();
    c.current_dir(env!("CARGO_MANIFEST_DIR"));
    c
}

fn json_lines(s: &[u8]) -> Vec<serde_json::Value> {
    String::from_utf8(s.to_vec())
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

const TEXT: &str = "First, the budget passed.\n\n\u{201C}China is a threat to national security,\u{201D} officials warned. Dr. Lee agreed.\n\nCritics said the arms race was reckless. We need cooperation.\n";

fn lexicons(dir: &std::path::Path) -> String {
    std::fs::write(
        dir.join("set.toml"),
        "frames = [\"threat\", \"cooperation\"]\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("threat.toml"),
        "id = \"threat\"\nname = \"T\"\n[[group]]\nname = \"g\"\nweight = 2.0\nterms = [\"national security\", \"arms race\"]\n[[rule]]\nname = \"china-threat\"\nweight = 2.0\nwindow = 5\nsame_sentence = true\nall = [[\"china\"], [\"threat*\"]]\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("cooperation.toml"),
        "id = \"cooperation\"\nname = \"C\"\n[presence]\nmin_score = 1.0\n[[group]]\nname = \"g\"\nweight = 1.0\nterms = [\"cooperation\"]\n",
    )
    .unwrap();
    dir.display().to_string()
}

#[test]
fn rules_count_and_are_reported_by_name() {
    let tmp = tempfile::tempdir().unwrap();
    let lex = lexicons(tmp.path());
    let out = framelex()
        .args(["score", "--format", "jsonl", "--lexicons", &lex, "-"])
        .write_stdin(TEXT)
        .output()
        .unwrap();
    let recs = json_lines(&out.stdout);
    let t = &recs[0]["frames"]["threat"];
    assert_eq!(t["rules"]["china-threat"], 1);
    assert_eq!(t["hits"], 3); // national security, arms race, the rule
    assert_eq!(t["score"], 6.0);
}

#[test]
fn units_give_one_record_each_with_their_range() {
    let tmp = tempfile::tempdir().unwrap();
    let lex = lexicons(tmp.path());
    for (unit, n) in [("paragraph", 3), ("sentence", 5)] {
        let out = framelex()
            .args([
                "score",
                "--format",
                "jsonl",
                "--unit",
                unit,
                "--lexicons",
                &lex,
                "-",
            ])
            .write_stdin(TEXT)
            .output()
            .unwrap();
        assert!(out.status.success());
        let recs = json_lines(&out.stdout);
        assert_eq!(recs.len(), n, "{unit}");
        for (i, r) in recs.iter().enumerate() {
            assert_eq!(r["id"], "-");
            assert_eq!(r["unit"], i);
            let (s, e) = (
                r["start"].as_u64().unwrap() as usize,
                r["end"].as_u64().unwrap() as usize,
            );
            assert!(s < e && e <= TEXT.len());
        }
        if unit == "sentence" {
            // "Dr. Lee agreed." stays one sentence; the quote's sentence holds the rule.
            let s = recs[2]["start"].as_u64().unwrap() as usize;
            let e = recs[2]["end"].as_u64().unwrap() as usize;
            assert_eq!(&TEXT[s..e], "Dr. Lee agreed.");
            assert_eq!(recs[1]["frames"]["threat"]["rules"]["china-threat"], 1);
        }
    }
    // CSV gets unit columns.
    framelex()
        .args([
            "score",
            "--format",
            "csv",
            "--unit",
            "paragraph",
            "--lexicons",
            &lex,
            "-",
        ])
        .write_stdin(TEXT)
        .assert()
        .success()
        .stdout(predicate::str::starts_with(
            "id,unit,start,end,words,dominant,",
        ));
}

#[test]
fn count_units_and_voice() {
    let tmp = tempfile::tempdir().unwrap();
    let lex = lexicons(tmp.path());
    let out = framelex()
        .args([
            "score",
            "--format",
            "jsonl",
            "--count-units",
            "paragraph",
            "--voice",
            "author",
            "--lexicons",
            &lex,
            "-",
        ])
        .write_stdin(TEXT)
        .output()
        .unwrap();
    let r = &json_lines(&out.stdout)[0];
    let t = &r["frames"]["threat"];
    // Every threat hit is quoted or reported ("officials warned", "Critics said").
    assert_eq!(t["voice"]["quoted"], 3);
    assert_eq!(t["voice"]["author"], 0);
    assert_eq!(t["hits"], 0);
    assert_eq!(t["present"], false);
    assert_eq!(t["units_present"], 0);
    let c = &r["frames"]["cooperation"];
    assert_eq!(c["voice"]["author"], 1);
    assert_eq!(c["present"], true);
    assert_eq!(c["units_present"], 1);
    // --voice quoted keeps only the quoted hits.
    let out = framelex()
        .args([
            "score",
            "--format",
            "jsonl",
            "--voice",
            "quoted",
            "--lexicons",
            &lex,
            "-",
        ])
        .write_stdin(TEXT)
        .output()
        .unwrap();
    let r = &json_lines(&out.stdout)[0];
    assert_eq!(r["frames"]["threat"]["hits"], 3);
    assert_eq!(r["frames"]["cooperation"]["present"], false);
    // Bad combinations are usage errors.
    framelex()
        .args([
            "score",
            "--unit",
            "sentence",
            "--count-units",
            "paragraph",
            "-",
        ])
        .write_stdin(TEXT)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "--count-units goes with --unit document",
        ));
    // ... found before any output (a CSV header was printed first, issue 17 item 8).
    framelex()
        .args([
            "score",
            "--unit",
            "paragraph",
            "--count-units",
            "paragraph",
            "--format",
            "csv",
            "-",
        ])
        .write_stdin(TEXT)
        .assert()
        .code(2)
        .stdout("");
    // `document` is not offered to --count-units, and clap says what is.
    framelex()
        .args(["score", "--count-units", "document", "-"])
        .write_stdin(TEXT)
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains(
            "[possible values: paragraph, sentence]",
        ));
}

#[test]
fn eval_fits_thresholds() {
    let tmp = tempfile::tempdir().unwrap();
    let gold = tmp.path().join("gold.jsonl");
    std::fs::write(
        &gold,
        "{\"id\":\"a\",\"text\":\"a threat\",\"labels\":[\"threat\"]}\n{\"id\":\"b\",\"text\":\"national security\",\"labels\":[\"threat\"]}\n{\"id\":\"c\",\"text\":\"the lead\",\"labels\":[]}\n",
    )
    .unwrap();
    framelex()
        .args([
            "eval",
            "--lexicons",
            "tests/fixtures/lexicons",
            "--fit-thresholds",
            "--gold",
        ])
        .arg(&gold)
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "threat: min_score 2 gives F1 0.667; best min_score = 0.5 gives F1 0.800",
        ))
        .stdout(predicate::str::contains("← best"));
}

#[test]
fn explain_lists_rule_hits() {
    let tmp = tempfile::tempdir().unwrap();
    let lex = lexicons(tmp.path());
    framelex()
        .args(["explain", "--lexicons", &lex, "-"])
        .write_stdin(TEXT)
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "rule china-threat (threat): China is a threat",
        ))
        .stdout(predicate::str::contains("  rule china-threat"));
    let out = framelex()
        .args(["explain", "--format", "json", "--lexicons", &lex, "-"])
        .write_stdin(TEXT)
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let hit = &v["rule_hits"][0];
    let (s, e) = (
        hit["start"].as_u64().unwrap() as usize,
        hit["end"].as_u64().unwrap() as usize,
    );
    assert_eq!(&TEXT[s..e], "China is a threat");
    // A rule's breakdown: a line for its counted hits and one for its negated hits, each
    // only when there are some.
    let cases = [
        ("China is a threat.", "  rule china-threat    1 × 2     = 2\n"),
        (
            "Nobody thinks China is a threat.",
            "  rule china-threat    1 × 2     × 0 (negated) = 0\n",
        ),
        (
            "Nobody thinks China is a threat. Yet China is a threat, they say.",
            "  rule china-threat    1 × 2     = 2\n  rule china-threat    1 × 2     × 0 (negated) = 0\n",
        ),
    ];
    for (text, want) in cases {
        let out = framelex()
            .args(["explain", "--color", "never", "--lexicons", &lex, "-"])
            .write_stdin(text)
            .output()
            .unwrap();
        let out = String::from_utf8(out.stdout).unwrap();
        // The threat frame's block: its verdict line, then its breakdown up to a blank line.
        let block: String = out
            .split_inclusive('\n')
            .skip_while(|l| !l.starts_with("threat  "))
            .skip(1)
            .take_while(|l| *l != "\n")
            .collect();
        assert_eq!(block, want, "{out}");
    }
}

#[test]
fn check_reports_rules_with_empty_groups() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(
        tmp.path().join("a.toml"),
        "id = \"a\"\nname = \"A\"\n[[group]]\nname = \"g\"\nterms = [\"x\"]\n[[rule]]\nname = \"r\"\nall = [[\"x\"], []]\n",
    )
    .unwrap();
    framelex()
        .args(["check", "--color", "never", "--lexicons"])
        .arg(tmp.path())
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "rule \"r\" has an empty term group",
        ))
        .stdout(predicate::str::contains("a.toml:8:7"))
        .stdout(predicate::str::contains("unknown key").not());
}

/// A document's invalid UTF-8 count goes with its first unit only, so that the units of
/// one document add up to it.
#[test]
fn invalid_utf8_is_counted_once_per_document() {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("bad.txt");
    std::fs::write(
        &path,
        b"first \xff para\n\nsecond para\n\nthird \xfe para\n",
    )
    .unwrap();
    let out = framelex()
        .args(["score", "--unit", "paragraph", "--format", "jsonl"])
        .arg(&path)
        .output()
        .unwrap();
    assert!(out.status.success());
    let counts: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["invalid_utf8"].clone())
        .collect();
    assert_eq!(
        counts,
        [
            serde_json::json!(2),
            serde_json::Value::Null,
            serde_json::Value::Null
        ]
    );
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("1 records held invalid UTF-8"), "{err}");
}
