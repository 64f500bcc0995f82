//! Integration tests for `framelex eval`: metrics on a small gold file written for the
//! project, bad gold input, `--fail-under`, `--cv`, and the default lexicons on both
//! gold sets in `../shared/gold`.

use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;

fn framelex() -> Command {
    let mut c = Command::cargo_bin("framelex").unwrap();
    c.current_dir(env!("CARGO_MANIFEST_DIR"));
    c
}

fn write(dir: &Path, name: &str, text: &str) -> String {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p.display().to_string()
}

const GOLD: &str = r#"{"id": "u1", "text": "National security first: the adversary must not win the arms race.", "labels": ["threat"]}
{"id": "u2", "text": "Cooperation and shared risks, not an arms race.", "labels": ["cooperation"]}
{"id": "u3", "text": "A quiet day at the market.", "labels": []}
{"id": "u4", "text": "They fear no adversary.", "labels": ["threat"]}
{"id": "u5", "text": "Social Security payments rise; national security too.", "labels": []}
"#;

#[test]
fn eval_reports_metrics_and_attribution() {
    let tmp = tempfile::tempdir().unwrap();
    let gold = write(tmp.path(), "gold.jsonl", GOLD);
    let out = framelex()
        .args([
            "eval",
            "--lexicons",
            "tests/fixtures/lexicons",
            "--gold",
            &gold,
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let e: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let threat = &e["frames"][0];
    assert_eq!(threat["frame"], "threat");
    // u1 tp; u2 tn ("not an arms race" is negated); u4 fn (negated); u5 fp ("Social
    // Security" is excluded but "national security" counts).
    assert_eq!(
        [&threat["tp"], &threat["fp"], &threat["fn_"], &threat["tn"]],
        [1, 1, 1, 2]
    );
    assert_eq!(threat["false_negatives"][0]["id"], "u4");
    // The false positive's context: up to 40 characters either side, the hit in brackets.
    assert_eq!(
        threat["false_positive_terms"][0]["context"],
        "Social Security payments rise; [national security] too."
    );
    assert_eq!(
        threat["false_negatives"][0]["near_miss"],
        "negated: adversar* ×1"
    );
    let terms: Vec<&str> = threat["false_positive_terms"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["term"].as_str().unwrap())
        .collect();
    assert_eq!(terms, ["national security"]);
    assert_eq!(e["frames"][1]["f1"], 1.0);
    assert_eq!(e["units"], 5);

    // The table says the same for people.
    framelex()
        .args([
            "eval",
            "--lexicons",
            "tests/fixtures/lexicons",
            "--gold",
            &gold,
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "threat: 1 false negatives\n  u4                negated: adversar* ×1",
        ))
        .stdout(predicate::str::contains("macro-F1 0.750"));
}

/// `--id-field` names the field that holds a unit's id.
#[test]
fn eval_reads_ids_from_the_field_named() {
    let tmp = tempfile::tempdir().unwrap();
    let gold = write(tmp.path(), "gold.jsonl", &GOLD.replace("\"id\"", "\"doc\""));
    let e = eval_json(
        Path::new(&gold),
        &["--lexicons", "tests/fixtures/lexicons", "--id-field", "doc"],
    );
    assert_eq!(e["frames"][0]["false_negatives"][0]["id"], "u4", "{e}");
}

#[test]
fn eval_reads_csv_gold_and_fails_under() {
    let tmp = tempfile::tempdir().unwrap();
    let gold = write(
        tmp.path(),
        "gold.csv",
        "id,text,frames\nu1,\"national security and an adversary\",threat\nu2,cooperation and shared risks,cooperation; threat\nu3,nothing,\n",
    );
    framelex()
        .args([
            "eval",
            "--lexicons",
            "tests/fixtures/lexicons",
            "--labels-field",
            "frames",
            "--gold",
            &gold,
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains("3 units"));
    // The values: u1 is threat (found); u2 is cooperation (found) and threat (missed:
    // no threat term); u3 is nothing. threat P 1, R 1/2, F1 2/3; cooperation F1 1;
    // macro-F1 5/6; micro: tp 2, fn 1, so P 1, R 2/3, F1 0.8.
    let out = framelex()
        .args([
            "eval",
            "--lexicons",
            "tests/fixtures/lexicons",
            "--labels-field",
            "frames",
            "--format",
            "json",
            "--gold",
            &gold,
        ])
        .output()
        .unwrap();
    let e: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let threat = &e["frames"][0];
    assert_eq!(
        [&threat["tp"], &threat["fp"], &threat["fn_"], &threat["tn"]],
        [1, 0, 1, 1]
    );
    assert!((threat["f1"].as_f64().unwrap() - 2.0 / 3.0).abs() < 1e-12);
    assert_eq!(e["frames"][1]["f1"], 1.0);
    assert!((e["macro_f1"].as_f64().unwrap() - 5.0 / 6.0).abs() < 1e-12);
    assert_eq!(e["micro_precision"], 1.0);
    assert!((e["micro_f1"].as_f64().unwrap() - 0.8).abs() < 1e-12);
    assert_eq!(e["exact_match"], 2);
    assert_eq!(threat["false_negatives"][0]["id"], "u2");
    // --fail-under on either side of macro-F1 0.833.
    let fail_under = |t: &str| {
        framelex()
            .args([
                "eval",
                "--lexicons",
                "tests/fixtures/lexicons",
                "--labels-field",
                "frames",
                "--fail-under",
                t,
                "--gold",
                &gold,
            ])
            .assert()
    };
    fail_under("0.84").code(1).stderr(predicate::str::contains(
        "framelex: macro-F1 0.833 is below --fail-under 0.84",
    ));
    fail_under("0.83").success();
}

#[test]
fn eval_rejects_unknown_labels_and_bad_records() {
    let tmp = tempfile::tempdir().unwrap();
    let gold = write(
        tmp.path(),
        "gold.jsonl",
        "{\"id\": \"a\", \"text\": \"x\", \"labels\": [\"threat\"]}\n{\"id\": \"b\", \"text\": \"y\", \"labels\": [\"nope\"]}\n{\"id\": \"c\", \"labels\": []}\n{\"id\": \"d\", \"text\": \"z\"}\n",
    );
    framelex()
        .args(["eval", "--lexicons", "tests/fixtures/lexicons", "--gold", &gold])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "gold.jsonl:2: label \"nope\" names no frame of the lexicon set (its frames: threat, cooperation)",
        ))
        .stderr(predicate::str::contains("gold.jsonl:3: missing field \"text\""))
        .stderr(predicate::str::contains("gold.jsonl:4: missing field \"labels\""))
        .stderr(predicate::str::contains("3 of 4 gold records could not be used"));
}

#[test]
fn eval_reports_unevaluated_frames() {
    let tmp = tempfile::tempdir().unwrap();
    let gold = write(
        tmp.path(),
        "g.jsonl",
        "{\"id\": \"a\", \"text\": \"national security\", \"labels\": [\"threat\"]}\n",
    );
    framelex()
        .args([
            "eval",
            "--lexicons",
            "tests/fixtures/lexicons",
            "--gold",
            &gold,
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "unevaluated (no gold unit carries them): cooperation",
        ));
}

/// A gold file of `../shared/gold`, or a failure that says it is missing. The gold sets
/// live outside the project; a run without them fails visibly, unless
/// `FRAMELEX_SKIP_GOLD=1` says that is intended (and then the skip is printed).
fn shared_gold(name: &str) -> Option<std::path::PathBuf> {
    let gold = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/gold")
        .join(name);
    if gold.exists() {
        return Some(gold);
    }
    let msg = format!(
        "the gold set is missing: {} (expected beside the project in ../shared)",
        gold.display()
    );
    if std::env::var_os("FRAMELEX_SKIP_GOLD").is_some_and(|v| v == "1") {
        eprintln!("SKIPPED (FRAMELEX_SKIP_GOLD=1): {msg}");
        return None;
    }
    panic!("{msg}; set FRAMELEX_SKIP_GOLD=1 to skip the gold tests");
}

/// `framelex eval --format json` of the default lexicons on a gold file.
fn eval_json(gold: &Path, extra: &[&str]) -> serde_json::Value {
    let out = framelex()
        .args(["eval", "--format", "json"])
        .args(extra)
        .arg("--gold")
        .arg(gold)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// The figures the README states for a gold file (its row of the table under "The default
/// lexicons"): F1 of each frame, then macro-F1, as printed to three decimals.
fn readme_figures(gold: &str) -> Vec<String> {
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let prefix = format!("| `{gold}`");
    let row = readme
        .lines()
        .find(|l| l.starts_with(&prefix))
        .unwrap_or_else(|| panic!("README.md has no figures row for {gold}"));
    row.split('|')
        .skip(2)
        .filter_map(|cell| cell.split_whitespace().next())
        .map(str::to_owned)
        .collect()
}

/// The README states what `eval` measures, to the digit.
fn assert_readme_states(gold: &str, e: &serde_json::Value) {
    let mut measured: Vec<String> = e["frames"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| format!("{:.3}", f["f1"].as_f64().unwrap()))
        .collect();
    measured.push(format!("{:.3}", e["macro_f1"].as_f64().unwrap()));
    assert_eq!(
        readme_figures(gold),
        measured,
        "README.md's figures for {gold} differ from what eval measures"
    );
}

/// The default lexicons on the 60 paragraphs of the seed articles: macro-F1 at least 0.85.
#[test]
fn default_lexicons_on_the_seeds_gold() {
    let Some(gold) = shared_gold("seeds.jsonl") else {
        return;
    };
    let e = eval_json(&gold, &[]);
    assert_eq!(e["units"], 60);
    let macro_f1 = e["macro_f1"].as_f64().unwrap();
    assert!(
        macro_f1 >= 0.85,
        "macro-F1 {macro_f1:.3} on the seeds gold is below 0.85"
    );
    assert_readme_states("seeds.jsonl", &e);
}

/// The default lexicons on the 488 paragraphs of other pages (`dev.jsonl`): macro-F1 at
/// least 0.80, every frame at least 0.70, and the threshold fit cross-validated in 5 folds
/// (grouped by page) no more than 0.05 below the fit in sample.
#[test]
fn default_lexicons_on_the_dev_gold() {
    let Some(gold) = shared_gold("dev.jsonl") else {
        return;
    };
    let e = eval_json(&gold, &["--cv", "5", "--cv-group", "url"]);
    assert_eq!(e["units"], 488);
    let macro_f1 = e["macro_f1"].as_f64().unwrap();
    assert!(
        macro_f1 >= 0.80,
        "macro-F1 {macro_f1:.3} on the dev gold is below 0.80"
    );
    for f in e["frames"].as_array().unwrap() {
        let f1 = f["f1"].as_f64().unwrap();
        assert!(
            f1 >= 0.70,
            "{}: F1 {f1:.3} on the dev gold is below 0.70",
            f["frame"]
        );
    }
    let cv = &e["cross_validation"];
    let (out_of_sample, in_sample) = (
        cv["macro_f1"].as_f64().unwrap(),
        cv["in_sample_fitted"].as_f64().unwrap(),
    );
    assert!(
        out_of_sample >= in_sample - 0.05,
        "cross-validated macro-F1 {out_of_sample:.3} is more than 0.05 below the fit in sample ({in_sample:.3})"
    );
    assert_eq!(cv["folds"].as_array().unwrap().len(), 5);
    assert_readme_states("dev.jsonl", &e);
    // The cross-validated figure the README gives in brackets.
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    assert!(
        readme.contains(&format!("(5-fold CV by page: {out_of_sample:.3})")),
        "README.md does not state the cross-validated macro-F1 {out_of_sample:.3}"
    );
}

/// `eval --voice author` scores as `score --voice author`: a frame voiced only in a quote
/// is a false negative, and quoted hits are not blamed for false positives.
#[test]
fn eval_voice_counts_only_that_voice() {
    let tmp = tempfile::tempdir().unwrap();
    let gold = write(
        tmp.path(),
        "g.jsonl",
        concat!(
            r#"{"id": "q", "text": "The minister said: \"national security first\".", "labels": ["threat"]}"#,
            "\n",
            r#"{"id": "a", "text": "National security comes first for the nation.", "labels": ["threat"]}"#,
            "\n",
            r#"{"id": "n", "text": "Officials warned of national security risks.", "labels": []}"#,
            "\n",
            r#"{"id": "m", "text": "He said: \"adversaries are everywhere\". National security and national security again.", "labels": []}"#,
            "\n"
        ),
    );
    let run = |extra: &[&str]| -> serde_json::Value {
        let out = framelex()
            .args([
                "eval",
                "--lexicons",
                "tests/fixtures/lexicons",
                "--format",
                "json",
                "--gold",
            ])
            .arg(&gold)
            .args(extra)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice(&out.stdout).unwrap()
    };
    let all = run(&[]);
    let t = &all["frames"][0];
    assert_eq!([&t["tp"], &t["fp"], &t["fn_"]], [2, 2, 0], "{t}");
    // False-positive terms: "national security" 3 hits in 2 units (n once, m twice),
    // "adversar*" once in m.
    let fp = &t["false_positive_terms"];
    assert_eq!(fp[0]["term"], "national security");
    assert_eq!(
        (&fp[0]["count"], &fp[0]["units"]),
        (&3.into(), &2.into()),
        "{fp}"
    );
    assert_eq!(fp[1]["term"], "adversar*");
    assert_eq!(
        (&fp[1]["count"], &fp[1]["units"]),
        (&1.into(), &1.into()),
        "{fp}"
    );
    let author = run(&["--voice", "author"]);
    let t = &author["frames"][0];
    // q's quote and n's reported speech no longer count; m is still a false positive,
    // blamed on its author's words only.
    assert_eq!([&t["tp"], &t["fp"], &t["fn_"]], [1, 1, 1], "{t}");
    let fp = t["false_positive_terms"].as_array().unwrap();
    assert_eq!(fp.len(), 1, "{fp:?}");
    assert_eq!(fp[0]["term"], "national security");
    assert_eq!((&fp[0]["count"], &fp[0]["units"]), (&2.into(), &1.into()));
    assert_eq!(fp[0]["id"], "m");
    assert_eq!(t["false_negatives"][0]["id"], "q");
    // The table says which voice counted.
    let out = framelex()
        .args([
            "eval",
            "--lexicons",
            "tests/fixtures/lexicons",
            "--voice",
            "author",
            "--gold",
        ])
        .arg(&gold)
        .output()
        .unwrap();
    let table = String::from_utf8(out.stdout).unwrap();
    assert!(
        table.contains("4 units, lexicon set \"fixture\"; only author hits count (--voice author)"),
        "{table}"
    );
}
