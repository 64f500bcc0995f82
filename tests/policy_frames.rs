//! Integration tests for the embedded `policy-frames` set and what comes with it: naming an
//! embedded set wherever a lexicon path is accepted, `lexicons list|export --set`,
//! `eval --title-field`, and the pack's cross-validated figures on the SemEval-2023 Task 3
//! training articles in `../shared`.

use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;

fn framelex() -> Command {
    let mut c = Command::cargo_bin("framelex").unwrap();
    c.current_dir(env!("CARGO_MANIFEST_DIR"));
    c
}

fn stdout_of(cmd: &mut Command) -> String {
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

const FRAMES: [&str; 14] = [
    "Economic",
    "Capacity_and_resources",
    "Morality",
    "Fairness_and_equality",
    "Legality_Constitutionality_and_jurisprudence",
    "Policy_prescription_and_evaluation",
    "Crime_and_punishment",
    "Security_and_defense",
    "Health_and_safety",
    "Quality_of_life",
    "Cultural_identity",
    "Public_opinion",
    "Political",
    "External_regulation_and_reputation",
];

/// Floors for the cross-validated figures on `train.jsonl` (see the test that uses them).
const MICRO_FLOOR: f64 = 0.62;
const MACRO_FLOOR: f64 = 0.50;

const TEXT: &str =
    "Police arrested the suspect after the murder; prosecutors will charge him with \
fraud and the court hears the case next week.";

#[test]
fn the_pack_is_selected_by_name_and_exports_as_it_scores() {
    let by_name = stdout_of(
        framelex()
            .args([
                "score",
                "--format",
                "jsonl",
                "--lexicons",
                "policy-frames",
                "-",
            ])
            .write_stdin(TEXT),
    );
    let record: serde_json::Value = serde_json::from_str(by_name.trim()).unwrap();
    let frames: Vec<&str> = record["frames"]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    let mut sorted = FRAMES.to_vec();
    sorted.sort_unstable();
    let mut got = frames.clone();
    got.sort_unstable();
    assert_eq!(got, sorted, "the 14 SemEval-2023 frames, named as there");
    assert!(
        record["frames"]["Crime_and_punishment"]["hits"]
            .as_u64()
            .unwrap()
            >= 3,
        "{record}"
    );
    assert_eq!(record["frames"]["Economic"]["hits"], 0, "{record}");

    // The default set stays the default.
    let default = stdout_of(
        framelex()
            .args(["score", "--format", "jsonl", "-"])
            .write_stdin(TEXT),
    );
    assert!(default.contains("\"security\""), "{default}");
    assert!(!default.contains("Crime_and_punishment"), "{default}");

    // Exported, the pack scores byte for byte as the embedded one.
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("pf");
    framelex()
        .args(["lexicons", "export", "--set", "policy-frames"])
        .arg(&dir)
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "wrote the policy-frames set (15 files)",
        ));
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    assert_eq!(files.len(), 15);
    assert!(files.contains(&"set.toml".to_string()));
    assert!(files.contains(&"Crime_and_punishment.toml".to_string()));
    let exported = stdout_of(
        framelex()
            .args(["score", "--format", "jsonl", "--lexicons"])
            .arg(&dir)
            .arg("-")
            .write_stdin(TEXT),
    );
    assert_eq!(by_name, exported);
    // The repository's folder is that same source.
    let folder = stdout_of(
        framelex()
            .args([
                "score",
                "--format",
                "jsonl",
                "--lexicons",
                "lexicons/policy-frames",
                "-",
            ])
            .write_stdin(TEXT),
    );
    assert_eq!(by_name, folder);
}

#[test]
fn lexicons_list_names_the_embedded_sets() {
    let out = stdout_of(framelex().args(["lexicons", "list", "--lexicons", "policy-frames"]));
    assert!(
        out.starts_with("lexicon set \"policy-frames\": 14 frames"),
        "{out}"
    );
    assert!(out.contains("\nCrime_and_punishment  (Crime and punishment)\n"));
    assert!(
        out.contains("embedded sets (name one with --lexicons NAME):\n  default        3 frames: ")
    );
    assert!(out.contains("\n  policy-frames  14 frames: "));
    // The header counts distinct automaton patterns: the fixture's 11 terms and 1
    // exclusion, "arms race" being a term of both frames.
    let fixture =
        stdout_of(framelex().args(["lexicons", "list", "--lexicons", "tests/fixtures/lexicons"]));
    assert_eq!(
        fixture.lines().next().unwrap(),
        "lexicon set \"fixture\": 2 frames, 11 automaton patterns; negation window 3 words, negated weight 0"
    );
    assert!(fixture.contains(
        "\nthreat  (Threat talk)\n  7 terms in 2 groups, 0 rules, 1 exclusion; present when score >= 2, hits >= 1, terms >= 1, density >= 0\n"
    ), "{fixture}");
}

#[test]
fn an_unknown_name_or_set_says_which_sets_exist() {
    framelex()
        .args(["score", "--lexicons", "policy-frame", "-"])
        .write_stdin(TEXT)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "policy-frame: no such lexicon file or folder (embedded sets, by name: default, policy-frames)",
        ));
    let tmp = tempfile::tempdir().unwrap();
    framelex()
        .args(["lexicons", "export", "--set", "policy"])
        .arg(tmp.path().join("x"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "--set policy: no embedded set of that name (embedded sets: default, policy-frames)",
        ));
    assert!(!tmp.path().join("x").exists(), "nothing is created");
}

#[test]
fn a_real_folder_of_the_same_name_wins_over_the_embedded_set() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("policy-frames");
    std::fs::create_dir(&dir).unwrap();
    std::fs::write(
        dir.join("mine.toml"),
        "id = \"mine\"\nname = \"Mine\"\n[[group]]\nname = \"g\"\nterms = [\"suspect\"]\n",
    )
    .unwrap();
    let out = Command::cargo_bin("framelex")
        .unwrap()
        .current_dir(tmp.path())
        .args([
            "score",
            "--format",
            "jsonl",
            "--lexicons",
            "policy-frames",
            "-",
        ])
        .write_stdin(TEXT)
        .output()
        .unwrap();
    assert!(out.status.success());
    let record: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(record["frames"]["mine"]["hits"], 1, "{record}");
    assert!(record["frames"].get("Economic").is_none());
}

#[test]
fn the_pack_checks_clean() {
    framelex()
        .args([
            "check",
            "--deny-warnings",
            "--allow",
            "shared-term",
            "--lexicons",
            "policy-frames",
        ])
        .assert()
        .success();
}

/// Gold with titles: the title of `t1` carries the only term of its frame.
const TITLED: &str = r#"{"id": "t1", "title": "Police arrest murder suspect; prosecutors file fraud charges", "text": "A quiet week at city hall.", "frames": ["Crime_and_punishment"]}
{"id": "t2", "title": null, "text": "A quiet week.", "frames": []}
{"id": "t3", "text": "No title at all.", "frames": []}
"#;

fn eval_json(gold: &str, extra: &[&str]) -> serde_json::Value {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("gold.jsonl");
    std::fs::write(&path, gold).unwrap();
    let out = stdout_of(
        framelex()
            .args([
                "eval",
                "--lexicons",
                "policy-frames",
                "--labels-field",
                "frames",
                "--format",
                "json",
                "--gold",
            ])
            .arg(&path)
            .args(extra),
    );
    serde_json::from_str(&out).unwrap()
}

#[test]
fn eval_title_field_scores_the_title_with_the_text() {
    let crime = |e: &serde_json::Value| {
        e["frames"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["frame"] == "Crime_and_punishment")
            .cloned()
            .unwrap()
    };
    let without = eval_json(TITLED, &[]);
    assert_eq!(
        (&crime(&without)["tp"], &crime(&without)["fn_"]),
        (&0.into(), &1.into())
    );
    let with = eval_json(TITLED, &["--title-field", "title"]);
    assert_eq!(with["units"], 3);
    assert_eq!(
        (&crime(&with)["tp"], &crime(&with)["fn_"]),
        (&1.into(), &0.into())
    );
    // Only the labelled frame has support; micro-F1 pools it alone here.
    assert_eq!(with["micro_f1"], 1.0);
}

#[test]
fn eval_title_field_that_is_not_a_string_is_an_error_with_its_line() {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("gold.jsonl");
    std::fs::write(
        &path,
        "{\"id\": \"a\", \"title\": \"ok\", \"text\": \"x\", \"frames\": []}\n{\"id\": \"b\", \"title\": [\"x\"], \"text\": \"y\", \"frames\": []}\n",
    )
    .unwrap();
    framelex()
        .args([
            "eval",
            "--lexicons",
            "policy-frames",
            "--labels-field",
            "frames",
            "--title-field",
            "title",
            "--gold",
        ])
        .arg(&path)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "gold.jsonl:2: field \"title\" (--title-field) is an array, expected a string",
        ))
        .stderr(predicate::str::contains(
            "1 of 2 gold records could not be used",
        ));
}

/// `../shared/data/semeval2023-task3-en/train.jsonl`, or a failure that says it is missing
/// (unless `FRAMELEX_SKIP_GOLD=1` says a skip is intended, and then it is printed).
fn semeval_train() -> Option<std::path::PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/data/semeval2023-task3-en/train.jsonl");
    if p.exists() {
        return Some(p);
    }
    let msg = format!(
        "the SemEval-2023 training articles are missing: {}",
        p.display()
    );
    if std::env::var_os("FRAMELEX_SKIP_GOLD").is_some_and(|v| v == "1") {
        eprintln!("SKIPPED (FRAMELEX_SKIP_GOLD=1): {msg}");
        return None;
    }
    panic!("{msg}; set FRAMELEX_SKIP_GOLD=1 to skip the gold tests");
}

/// The pack's cross-validated figures on the 300 SemEval-2023 training articles stay above
/// floors a little under what `docs/policy-frames.md` reports, so that an edit that makes
/// the pack worse out of sample fails here.
#[test]
fn the_pack_holds_its_cross_validated_figures_on_semeval_train() {
    let Some(train) = semeval_train() else { return };
    let out = stdout_of(
        framelex()
            .args([
                "eval",
                "--lexicons",
                "policy-frames",
                "--labels-field",
                "frames",
                "--title-field",
                "title",
                "--cv",
                "5",
                "--format",
                "json",
                "--gold",
            ])
            .arg(&train),
    );
    let e: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(e["units"], 300);
    let frames: Vec<&str> = e["frames"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["frame"].as_str().unwrap())
        .collect();
    assert_eq!(frames, FRAMES, "every frame has gold support, in set order");
    let cv = &e["cross_validation"];
    let micro = cv["micro_f1"].as_f64().unwrap();
    let macro_ = cv["macro_f1"].as_f64().unwrap();
    assert!(micro >= MICRO_FLOOR, "cross-validated micro-F1 {micro:.3}");
    assert!(
        macro_ >= MACRO_FLOOR,
        "cross-validated macro-F1 {macro_:.3}"
    );
    // The lexicon as written is the in-sample fit (its thresholds were fitted on these
    // articles), so the two in-sample figures agree.
    let (written, fitted) = (
        cv["in_sample_micro_as_written"].as_f64().unwrap(),
        cv["in_sample_micro_fitted"].as_f64().unwrap(),
    );
    assert!((written - fitted).abs() < 0.01, "{written} vs {fitted}");
}

/// On BBC news, which nobody tuned on, the frames lead where a reader expects them.
#[test]
fn the_pack_finds_frames_where_bbc_news_has_them() {
    let bbc =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/bbc-news-2225/bbc_news.jsonl");
    if !bbc.exists() {
        let msg = format!("the BBC corpus is missing: {}", bbc.display());
        if std::env::var_os("FRAMELEX_SKIP_GOLD").is_some_and(|v| v == "1") {
            eprintln!("SKIPPED (FRAMELEX_SKIP_GOLD=1): {msg}");
            return;
        }
        panic!("{msg}; set FRAMELEX_SKIP_GOLD=1 to skip the gold tests");
    }
    let out = stdout_of(
        framelex()
            .args([
                "summarize",
                "--lexicons",
                "policy-frames",
                "--group-by",
                "category",
                "--format",
                "json",
            ])
            .arg(&bbc),
    );
    let s: serde_json::Value = serde_json::from_str(&out).unwrap();
    let frame = |id: &str| {
        s["frames"]
            .as_array()
            .unwrap()
            .iter()
            .position(|f| f == id)
            .unwrap()
    };
    let share = |category: &str, id: &str| {
        let g = s["groups"]
            .as_array()
            .unwrap()
            .iter()
            .find(|g| g["key"][0] == category)
            .unwrap();
        g["frames"][frame(id)]["present"].as_f64().unwrap() / g["documents"].as_f64().unwrap()
    };
    let categories = ["business", "entertainment", "politics", "sport", "tech"];
    for (leader, id, at_least) in [
        ("business", "Economic", 0.5),
        ("politics", "Political", 0.5),
        (
            "politics",
            "Legality_Constitutionality_and_jurisprudence",
            0.2,
        ),
    ] {
        let top = share(leader, id);
        assert!(top >= at_least, "{id} in {leader}: {top:.2}");
        for other in categories.iter().filter(|c| **c != leader) {
            assert!(
                share(other, id) < top,
                "{id}: {other} {:.2} >= {leader} {top:.2}",
                share(other, id)
            );
        }
    }
    // Sport news is nobody's frame: no frame in more than a fifth of its articles.
    for id in FRAMES {
        assert!(
            share("sport", id) < 0.2,
            "{id} in sport: {:.2}",
            share("sport", id)
        );
    }
}
