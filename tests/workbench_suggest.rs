//! Integration tests for `framelex suggest`: ranked TOML lines from a gold file and from
//! positive/negative files, and bad inputs.

use assert_cmd::Command;

fn framelex() -> Command {
    let mut c = Command::cargo_bin("framelex").unwrap();
    c.current_dir(env!("CARGO_MANIFEST_DIR"));
    c
}

/// Units written for the project: the threat units talk of export controls and rivals.
const GOLD: &str = r#"{"id": "g1", "text": "Export controls keep the rival behind; export controls on chips matter.", "labels": ["threat"]}
{"id": "g2", "text": "The rival state gains ground unless export controls tighten.", "labels": ["threat"]}
{"id": "g3", "text": "Lawmakers want export controls against a rival state and its national security threat.", "labels": ["threat"]}
{"id": "g4", "text": "Both sides praised cooperation at the summit.", "labels": ["cooperation"]}
{"id": "g5", "text": "The market rose as chips sold well.", "labels": []}
{"id": "g6", "text": "A quiet summit on trade and weather.", "labels": []}
"#;

fn run(args: &[&str], gold: &str) -> (Option<i32>, String, String) {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("gold.jsonl");
    std::fs::write(&path, gold).unwrap();
    let args: Vec<String> = args
        .iter()
        .map(|a| a.replace("GOLD", path.to_str().unwrap()))
        .collect();
    let out = framelex().args(&args).output().unwrap();
    (
        out.status.code(),
        String::from_utf8(out.stdout)
            .unwrap()
            .replace(path.to_str().unwrap(), "GOLD"),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn toml_lines_from_gold() {
    let (code, out, err) = run(
        &[
            "suggest",
            "--lexicons",
            "tests/fixtures/lexicons",
            "--gold",
            "GOLD",
            "--frame",
            "threat",
            "--min-count",
            "2",
        ],
        GOLD,
    );
    assert_eq!(code, Some(0), "{err}");
    insta::assert_snapshot!("suggest_gold", out);
    // The lines parse as TOML array items.
    let items: String = out
        .lines()
        .filter(|l| !l.starts_with('#'))
        .collect::<Vec<_>>()
        .join("\n");
    let v: toml::Table = toml::from_str(&format!("terms = [\n{items}\n]")).unwrap();
    let terms: Vec<&str> = v["terms"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t.as_str().unwrap())
        .collect();
    assert_eq!(terms[..3], ["controls", "export", "export controls"]);
    // "national security" is a term of the frame: never suggested.
    assert!(!out.contains("\"national security\""));
}

#[test]
fn positive_and_negative_files_as_json() {
    let tmp = tempfile::tempdir().unwrap();
    let pos = tmp.path().join("pos.jsonl");
    let neg = tmp.path().join("neg.txt");
    std::fs::write(&pos, GOLD.lines().take(3).collect::<Vec<_>>().join("\n")).unwrap();
    std::fs::write(
        &neg,
        "The market rose as chips sold well. A quiet summit on trade.",
    )
    .unwrap();
    let out = framelex()
        .args([
            "suggest",
            "--positive",
            pos.to_str().unwrap(),
            "--negative",
            neg.to_str().unwrap(),
            "--min-count",
            "2",
            "--format",
            "json",
            "--max-words",
            "1",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["units"]["positive"], 3);
    assert_eq!(v["units"]["negative"], 1);
    let terms: Vec<&str> = v["suggestions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["term"].as_str().unwrap())
        .collect();
    assert!(terms.contains(&"export"), "{terms:?}");
    assert!(
        terms.iter().all(|t| !t.contains(' ')),
        "--max-words 1: {terms:?}"
    );
}

#[test]
fn bad_inputs_exit_2() {
    let (code, _, err) = run(
        &[
            "suggest",
            "--lexicons",
            "tests/fixtures/lexicons",
            "--gold",
            "GOLD",
            "--frame",
            "nope",
        ],
        GOLD,
    );
    assert_eq!(code, Some(2));
    assert!(err.contains("--frame nope: no frame \"nope\""), "{err}");
    let none = GOLD.replace("\"threat\"", "\"cooperation\"");
    let (code, _, err) = run(
        &[
            "suggest",
            "--lexicons",
            "tests/fixtures/lexicons",
            "--gold",
            "GOLD",
            "--frame",
            "threat",
        ],
        &none,
    );
    assert_eq!(code, Some(2));
    assert!(err.contains("is labelled \"threat\""), "{err}");
    let (code, _, err) = run(
        &[
            "suggest",
            "--lexicons",
            "tests/fixtures/lexicons",
            "--gold",
            "GOLD",
            "--frame",
            "threat",
        ],
        "{\"id\": 1, \"text\": \"x\"}\n",
    );
    assert_eq!(code, Some(2));
    assert!(err.contains(":1: missing field \"labels\""), "{err}");
    let (code, _, _) = run(&["suggest", "--gold", "GOLD"], GOLD);
    assert_eq!(code, Some(2), "--gold needs --frame");
}
