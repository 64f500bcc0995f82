//! Integration tests for `framelex diff`: units that turn present or absent with the
//! terms responsible, the eval delta with --gold, and bad inputs.

use std::path::Path;

use assert_cmd::Command;

fn framelex() -> Command {
    let mut c = Command::cargo_bin("framelex").unwrap();
    c.current_dir(env!("CARGO_MANIFEST_DIR"));
    c
}

const GOLD: &str = r#"{"id": "u1", "text": "National security first: the adversary must not win the arms race.", "labels": ["threat"]}
{"id": "u2", "text": "Cooperation and shared risks, not an arms race.", "labels": ["cooperation"]}
{"id": "u3", "text": "A quiet day at the market, a threat to no one.", "labels": []}
{"id": "u4", "text": "They fear an enemy and its threats.", "labels": ["threat"]}
{"id": "u5", "text": "Social Security payments rise; national security too.", "labels": []}
"#;

/// A copy of the fixture lexicons with `enemy` added to threat's strong group and
/// `national security` moved to its weak one.
fn edited(dir: &Path) -> String {
    let new = dir.join("new");
    std::fs::create_dir(&new).unwrap();
    for f in ["set.toml", "cooperation.toml", "threat.toml"] {
        let text = std::fs::read_to_string(Path::new("tests/fixtures/lexicons").join(f)).unwrap();
        let text = text
            .replace("terms = [\"national security\", ", "terms = [\"enemy\", ")
            .replace(
                "terms = [\"threat*\", ",
                "terms = [\"national security\", \"threat*\", ",
            );
        std::fs::write(new.join(f), text).unwrap();
    }
    new.display().to_string()
}

fn run(args: &[&str]) -> (Option<i32>, String, String) {
    let out = framelex().args(args).output().unwrap();
    (
        out.status.code(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn diff_with_gold() {
    let tmp = tempfile::tempdir().unwrap();
    let gold = tmp.path().join("gold.jsonl");
    std::fs::write(&gold, GOLD).unwrap();
    let new = edited(tmp.path());
    let (code, out, err) = run(&[
        "diff",
        "--old",
        "tests/fixtures/lexicons",
        "--new",
        &new,
        "--gold",
        gold.to_str().unwrap(),
    ]);
    assert_eq!(code, Some(0), "{err}");
    let out = out
        .replace(&gold.display().to_string(), "GOLD")
        .replace(&new, "NEW");
    insta::assert_snapshot!("diff_gold", out);
}

#[test]
fn diff_on_a_corpus_as_json() {
    let tmp = tempfile::tempdir().unwrap();
    let new = edited(tmp.path());
    let (code, out, err) = run(&[
        "diff",
        "--old",
        "tests/fixtures/lexicons",
        "--new",
        &new,
        "--format",
        "json",
        "tests/fixtures/docs.jsonl",
        "tests/fixtures/corpus",
    ]);
    assert_eq!(code, Some(0), "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["units"], 7);
    let threat = &v["frames"][0];
    assert_eq!(threat["frame"], "threat");
    // d1: "national security" now weighs 0.5, adversar* 2: score 4 → 2.5, still present.
    assert_eq!(threat["turned_absent"].as_array().unwrap().len(), 1);
    let lost = &threat["turned_absent"][0];
    assert_eq!(lost["id"], "tests/fixtures/docs.jsonl:5");
    assert_eq!(lost["old_score"], 2.5);
    assert_eq!(lost["new_score"], 1.0);
    // Same hit, lighter weight.
    assert_eq!(
        lost["terms"],
        serde_json::json!([{"term": "national security", "old": 1, "new": 1, "old_weight": 2.0, "new_weight": 0.5}])
    );
    assert_eq!(v["eval"], serde_json::Value::Null);
    assert_eq!(v["frames"][1]["score_changed"], 0);
}

#[test]
fn frames_only_in_one_set() {
    let (code, out, _) = run(&[
        "diff",
        "--old",
        "tests/fixtures/lexicons",
        "--new",
        "tests/fixtures/lexicons/threat.toml",
        "tests/fixtures/docs.jsonl",
    ]);
    assert_eq!(code, Some(0));
    assert!(out.contains("(only in old)"), "{out}");
    assert!(out.contains("cooperation: 2 units turn absent"), "{out}");
    // A gold label that is a frame of one set only is evaluated where it exists, with a
    // warning.
    let tmp = tempfile::tempdir().unwrap();
    let gold = tmp.path().join("gold.jsonl");
    std::fs::write(&gold, GOLD).unwrap();
    let (code, _, err) = run(&[
        "diff",
        "--old",
        "tests/fixtures/lexicons",
        "--new",
        "tests/fixtures/lexicons/threat.toml",
        "--gold",
        gold.to_str().unwrap(),
    ]);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(
        err.matches("warning: gold label").collect::<Vec<_>>().len(),
        1,
        "{err}"
    );
    assert!(
        err.contains("warning: gold label \"cooperation\" is a frame of only one of the sets"),
        "{err}"
    );
}

#[test]
fn bad_inputs_exit_2() {
    let (code, _, err) = run(&[
        "diff",
        "--old",
        "tests/fixtures/nope",
        "--new",
        "tests/fixtures/lexicons",
        "tests/fixtures/docs.jsonl",
    ]);
    assert_eq!(code, Some(2));
    assert!(
        err.starts_with("framelex: error: --old: invalid lexicon set: tests/fixtures/nope"),
        "{err}"
    );
    let (code, _, err) = run(&[
        "diff",
        "--old",
        "tests/fixtures/lexicons",
        "--new",
        "tests/fixtures/lexicons",
        "tests/fixtures/missing.jsonl",
    ]);
    assert_eq!(code, Some(2));
    assert!(
        err.contains("tests/fixtures/missing.jsonl: cannot open"),
        "{err}"
    );
    let tmp = tempfile::tempdir().unwrap();
    let gold = tmp.path().join("gold.jsonl");
    std::fs::write(
        &gold,
        "{\"id\": \"x\", \"text\": \"t\", \"labels\": [\"fear\"]}\n",
    )
    .unwrap();
    let (code, _, err) = run(&[
        "diff",
        "--old",
        "tests/fixtures/lexicons",
        "--new",
        "tests/fixtures/lexicons",
        "--gold",
        gold.to_str().unwrap(),
    ]);
    assert_eq!(code, Some(2));
    assert!(
        err.contains("label \"fear\" names no frame of either lexicon set"),
        "{err}"
    );
}
