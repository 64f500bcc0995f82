//! Integration tests for topic scope (`[scope.NAME]` in `set.toml`) through the binary:
//! what `score` writes in every format, with units judged in their document, what
//! `explain`, `kwic`, `lexicons list` and `check` show, what `eval` attributes to a
//! scope, and `eval --cv`. The lexicons are `tests/fixtures/scoped`, written for these
//! tests (a scoped frame `threat`, an unscoped frame `cooperation`).

use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;

fn framelex() -> Command {
    let mut c = Command::cargo_bin("framelex").unwrap();
    c.current_dir(env!("CARGO_MANIFEST_DIR"));
    c
}

fn scoped(args: &[&str]) -> Command {
    let mut c = framelex();
    c.arg(args[0])
        .args(["--lexicons", "tests/fixtures/scoped"])
        .args(&args[1..]);
    c
}

fn stdout(c: &mut Command) -> String {
    let out = c.output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn json_lines(s: &str) -> Vec<serde_json::Value> {
    s.lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// Three paragraphs: the first names the topic (in French), the second does not, the
/// third names it only inside a scope exclusion.
const TEXT: &str =
    "L'INTELLIGENCE ARTIFICIELLE et les puces: une menace pour la sécurité nationale.\n\n\
                    The menace from China grows; dialogue helps.\n\n\
                    Chocolate chip cookies are a threat.\n";

#[test]
fn jsonl_reports_held_back_hits_and_scope_terms() {
    let out = json_lines(&stdout(
        scoped(&["score", "--format", "jsonl", "-"]).write_stdin(TEXT),
    ));
    let r = &out[0];
    let t = &r["frames"]["threat"];
    // In scope: menace and sécurité nationale in the first paragraph.
    assert_eq!(t["hits"], 2);
    assert_eq!(t["score"], 3.0);
    assert_eq!(t["present"], true);
    assert_eq!(t["terms"]["sécurité nationale"], 1);
    // Held back: the second paragraph's menace and the third's threat. The rule that China
    // and menace make in the second paragraph is out of scope too, and not reported.
    assert_eq!(t["out_of_scope"], 2);
    assert_eq!(t["out_of_scope_terms"]["menace"], 1);
    assert_eq!(t["out_of_scope_terms"]["threat*"], 1);
    assert!(t["out_of_scope_terms"].get("rival-threat").is_none(), "{t}");
    assert!(t.get("rules").is_none(), "{t}");
    // An unscoped frame has no out_of_scope key and counts everywhere.
    let c = &r["frames"]["cooperation"];
    assert!(c.get("out_of_scope").is_none(), "{c}");
    assert_eq!(c["hits"], 1);
    // The scope's terms: "chip" inside "Chocolate chip" does not count.
    assert_eq!(r["scopes"]["tech"]["hits"], 1);
    assert_eq!(r["scopes"]["tech"]["terms"]["intelligence artificielle"], 1);
}

#[test]
fn csv_and_table_have_scope_columns() {
    let csv = stdout(scoped(&["score", "--format", "csv", "-"]).write_stdin(TEXT));
    let mut lines = csv.lines();
    assert_eq!(
        lines.next().unwrap(),
        "id,words,dominant,threat_hits,threat_negated,threat_score,threat_density,threat_present,threat_out_of_scope,cooperation_hits,cooperation_negated,cooperation_score,cooperation_density,cooperation_present,scope_tech,error"
    );
    let row: Vec<&str> = lines.next().unwrap().split(',').collect();
    assert_eq!(row[3..9], ["2", "0", "3.0", "125.0", "true", "2"]);
    assert_eq!(row[14], "1");
    let table =
        stdout(scoped(&["score", "--format", "table", "--color", "never", "-"]).write_stdin(TEXT));
    assert!(table.contains("present  out of scope"), "{table}");
    assert!(
        table.contains("threat           2        0        3   125.00  yes                 2"),
        "{table}"
    );
    assert!(
        table.contains("cooperation      1        0        1    41.67  yes                 -"),
        "{table}"
    );
}

/// The frames of the scoped fixture, without its set file, in a temporary folder.
fn scoped_frames() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    for f in ["threat.toml", "cooperation.toml"] {
        std::fs::copy(
            Path::new("tests/fixtures/scoped").join(f),
            tmp.path().join(f),
        )
        .unwrap();
    }
    tmp
}

/// The scoped fixture with a second scope (`place`), in a temporary folder.
fn two_scopes() -> tempfile::TempDir {
    let tmp = scoped_frames();
    let set = std::fs::read_to_string("tests/fixtures/scoped/set.toml").unwrap();
    std::fs::write(
        tmp.path().join("set.toml"),
        set + "\n[scope.place]\nterms = [\"Beijing\", \"Pékin\"]\nwindow = \"document\"\n",
    )
    .unwrap();
    tmp
}

/// One document scored, one malformed record.
const TWO_RECORDS: &str = "{\"id\":\"a\",\"text\":\"AI chips: no threat here, but a national security menace from Pékin.\"}\n{\"id\":\"b\",\"text\":\n";

#[test]
fn jsonl_writes_optional_keys_only_when_they_hold_something() {
    let tmp = two_scopes();
    let out = framelex()
        .args(["score", "--format", "jsonl", "--lexicons"])
        .arg(tmp.path())
        .arg("-")
        .write_stdin(TWO_RECORDS)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let out = String::from_utf8(out.stdout).unwrap();
    // Every line is JSON, the scopes' object included (two scopes, one comma).
    let records = json_lines(&out);
    assert_eq!(records.len(), 2, "{out}");
    let r = &records[0];
    let t = &r["frames"]["threat"];
    // "no threat" is negated: under negated_terms only, and not listed with a 0 under terms.
    assert_eq!(t["negated"], 1);
    assert_eq!(
        t["terms"],
        serde_json::json!({"national security": 1, "menace": 1})
    );
    assert_eq!(t["negated_terms"], serde_json::json!({"threat*": 1}));
    // In scope everywhere: out_of_scope is 0 and there is no list of held-back terms.
    assert_eq!(t["out_of_scope"], 0);
    assert!(t.get("out_of_scope_terms").is_none(), "{t}");
    // Nothing negated in the other frame: no negated_terms key.
    assert!(
        r["frames"]["cooperation"].get("negated_terms").is_none(),
        "{r}"
    );
    assert_eq!(
        r["scopes"],
        serde_json::json!({
            "tech": {"hits": 2, "terms": {"AI": 1, "chip*": 1}},
            "place": {"hits": 1, "terms": {"Pékin": 1}},
        })
    );
    assert_eq!(records[1]["id"], "-:2");
}

#[test]
fn csv_error_rows_have_as_many_fields_as_the_header() {
    // Every optional column at once: scopes, --terms, --measure percent, --keep, units;
    // and the default set of three frames (two here), as percent adds one column a frame.
    let tmp = two_scopes();
    let two = tmp.path();
    let three = Path::new("lexicons");
    for (lexicons, extra) in [
        (two, &[][..]),
        (two, &["--terms"][..]),
        (two, &["--measure", "percent"][..]),
        (
            two,
            &[
                "--terms",
                "--measure",
                "percent",
                "--keep",
                "outlet",
                "--unit",
                "paragraph",
            ][..],
        ),
        (three, &["--measure", "percent"][..]),
    ] {
        let out = framelex()
            .args(["score", "--format", "csv", "--lexicons"])
            .arg(lexicons)
            .args(extra)
            .arg("-")
            .write_stdin(TWO_RECORDS)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{extra:?}");
        let mut reader = csv::ReaderBuilder::new()
            .flexible(true)
            .from_reader(&out.stdout[..]);
        let header = reader.headers().unwrap().clone();
        let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
        assert_eq!(rows.len(), 2, "{extra:?}");
        for row in &rows {
            assert_eq!(row.len(), header.len(), "{extra:?}: {header:?} {row:?}");
        }
        // The error row: the id, empty score columns, the reason under "error".
        let error = &rows[1];
        assert_eq!(&error[0], "-:2", "{extra:?}");
        assert!(
            error[header.len() - 1].contains("malformed JSON"),
            "{error:?}"
        );
        assert!(
            error
                .iter()
                .skip(1)
                .take(header.len() - 2)
                .all(str::is_empty),
            "{error:?}"
        );
        if lexicons == two {
            // The scored row has its scope columns in place.
            let col = |name: &str| header.iter().position(|h| h == name).unwrap();
            assert_eq!(&rows[0][col("scope_tech")], "2", "{extra:?}");
            assert_eq!(&rows[0][col("scope_place")], "1", "{extra:?}");
            assert_eq!(&rows[0][col("threat_negated")], "1", "{extra:?}");
        }
    }
}

#[test]
fn units_are_judged_in_their_document_when_the_window_reaches_beyond_them() {
    let tmp = scoped_frames();
    let set = std::fs::read_to_string("tests/fixtures/scoped/set.toml").unwrap();
    let run = |window: &str| {
        std::fs::write(
            tmp.path().join("set.toml"),
            set.replace("window = \"paragraph\"", &format!("window = {window}")),
        )
        .unwrap();
        let out = framelex()
            .args([
                "score",
                "--format",
                "jsonl",
                "--unit",
                "paragraph",
                "--lexicons",
            ])
            .arg(tmp.path())
            .arg("-")
            .write_stdin(TEXT)
            .output()
            .unwrap();
        assert!(out.status.success());
        json_lines(&String::from_utf8(out.stdout).unwrap())
            .iter()
            .map(|r| r["frames"]["threat"]["out_of_scope"].as_u64().unwrap())
            .collect::<Vec<u64>>()
    };
    // The second paragraph names no topic: held back under "paragraph" and "unit", counted
    // under "document" (the first paragraph names it); the third likewise.
    assert_eq!(run("\"paragraph\""), [0, 1, 1]);
    assert_eq!(run("\"unit\""), [0, 1, 1]);
    assert_eq!(run("\"document\""), [0, 0, 0]);
}

#[test]
fn explain_and_kwic_show_what_scope_held_back() {
    let out = stdout(scoped(&["explain", "-"]).write_stdin(TEXT));
    assert!(
        out.contains("The [threat out of scope: menace] from China grows"),
        "{out}"
    );
    assert!(
        out.contains("  out of scope (held back: no term of scope \"tech\" in the paragraph): menace ×1, threat* ×1"),
        "{out}"
    );
    assert!(
        out.contains("scope tech (window: paragraph, at least 1 term; frames: threat): intelligence artificielle ×1"),
        "{out}"
    );
    // With every hit in scope, nothing is said to be held back.
    let out = stdout(scoped(&["explain", "-"]).write_stdin("AI is a threat."));
    assert!(out.contains("AI is a [threat: threat]."), "{out}");
    assert!(!out.contains("out of scope"), "{out}");
    let json: serde_json::Value = serde_json::from_str(&stdout(
        scoped(&["explain", "--format", "json", "-"]).write_stdin(TEXT),
    ))
    .unwrap();
    let held: Vec<&str> = json["hits"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|h| h["kind"] == "out_of_scope")
        .map(|h| h["text"].as_str().unwrap())
        .collect();
    assert_eq!(held, ["menace", "threat"]);
    assert_eq!(json["frames"][0]["out_of_scope"], 2);
    assert!(json["rule_hits"].as_array().unwrap().is_empty());
    assert_eq!(json["scopes"]["tech"]["hits"], 1);
    let kwic =
        stdout(scoped(&["kwic", "--out-of-scope", "--color", "never", "-"]).write_stdin(TEXT));
    let rows: Vec<&str> = kwic.lines().collect();
    assert_eq!(rows.len(), 2, "{kwic}");
    assert!(rows[0].contains("menace (out of scope)"), "{kwic}");
    assert!(rows[1].contains("threat* (out of scope)"), "{kwic}");
    // By default kwic lists the hits that count or are negated, not the held-back ones.
    let all =
        stdout(scoped(&["kwic", "--frame", "threat", "--color", "never", "-"]).write_stdin(TEXT));
    assert_eq!(all.lines().count(), 2, "{all}");
}

#[test]
fn lexicons_list_and_check_show_scopes() {
    let list = stdout(framelex().args(["lexicons", "list", "--lexicons", "tests/fixtures/scoped"]));
    assert!(list.contains("  scope: tech\n"), "{list}");
    assert!(
        list.contains("scope tech: 4 terms, 1 exclusion; a hit counts when at least 1 of its terms occur in the paragraph"),
        "{list}"
    );
    // A scope no frame names is a warning; a frame naming an undefined scope an error.
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(
        tmp.path().join("set.toml"),
        "[scope.ai]\nterms = [\"AI\"]\n[scope.chips]\nterms = [\"chip*\"]\n",
    )
    .unwrap();
    std::fs::write(
        tmp.path().join("a.toml"),
        "id = \"a\"\nname = \"A\"\nscope = \"ai\"\n[[group]]\nname = \"g\"\nterms = [\"threat\"]\n",
    )
    .unwrap();
    framelex()
        .args(["check", "--color", "never", "--lexicons"])
        .arg(tmp.path())
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "warning[unused-scope]: scope \"chips\" is defined but no frame names it",
        ));
    std::fs::write(
        tmp.path().join("a.toml"),
        "id = \"a\"\nname = \"A\"\nscope = \"ia\"\n[[group]]\nname = \"g\"\nterms = [\"threat\"]\n",
    )
    .unwrap();
    framelex()
        .args(["lexicons", "list", "--lexicons"])
        .arg(tmp.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "a.toml:3:9: unknown scope \"ia\" (set.toml defines: ai, chips)",
        ));
}

const GOLD: &str = r#"{"id": "g1", "page": "p1", "text": "AI: a threat to national security.", "labels": ["threat"]}
{"id": "g2", "page": "p1", "text": "A threat to national security.", "labels": ["threat"]}
{"id": "g3", "page": "p2", "text": "Chocolate chip cookies: a menace and a threat.", "labels": []}
{"id": "g4", "page": "p2", "text": "AI chips and dialogue.", "labels": ["cooperation"]}
{"id": "g5", "page": "p3", "text": "Dialogue and cooperation on chips.", "labels": ["cooperation"]}
{"id": "g6", "page": "p3", "text": "Quiet markets.", "labels": []}
"#;

#[test]
fn eval_says_what_scope_removed_and_lost() {
    let tmp = tempfile::tempdir().unwrap();
    let gold = tmp.path().join("gold.jsonl");
    // One more positive, whose first paragraph is in scope and second is not: one false
    // positive removed (g3), two gold positives lost.
    std::fs::write(
        &gold,
        format!(
            "{GOLD}{}\n",
            r#"{"id": "g8", "page": "p4", "text": "AI menace.\n\nA threat to national security.", "labels": ["threat"]}"#
        ),
    )
    .unwrap();
    let out = stdout(scoped(&["eval", "--show-errors", "5", "--gold"]).arg(&gold));
    assert!(
        out.contains(
            "scope \"tech\" of threat: removed 1 false positives, lost 2 gold positives (g2, g8)"
        ),
        "{out}"
    );
    assert!(
        out.contains("g2                out of scope: national security ×1, threat* ×1"),
        "{out}"
    );
    // In scope in its first paragraph, held back in its second: the in-scope term is not
    // listed as out of scope with ×0.
    assert!(
        out.contains("g8                below threshold (score 1 of 2, 1 hits): menace ×1; out of scope: national security ×1, threat* ×1\n"),
        "{out}"
    );
    let json: serde_json::Value = serde_json::from_str(&stdout(
        scoped(&["eval", "--format", "json", "--gold"]).arg(&gold),
    ))
    .unwrap();
    let scope = &json["frames"][0]["scope"];
    assert_eq!(scope["removed_false_positives"], 1);
    assert_eq!(scope["lost_positives"], serde_json::json!(["g2", "g8"]));
    assert!(json["frames"][1]["scope"].is_null());
}

#[test]
fn eval_cross_validates_in_groups_and_rejects_bad_folds() {
    let tmp = tempfile::tempdir().unwrap();
    let gold = tmp.path().join("gold.jsonl");
    std::fs::write(&gold, GOLD).unwrap();
    let out = stdout(
        scoped(&[
            "eval",
            "--show-errors",
            "0",
            "--cv",
            "3",
            "--cv-group",
            "page",
            "--gold",
        ])
        .arg(&gold),
    );
    assert!(
        out.contains("3-fold cross-validation (units grouped by page, stratified, seed 1)"),
        "{out}"
    );
    assert_eq!(
        out.lines().filter(|l| l.starts_with("  fold ")).count(),
        3,
        "{out}"
    );
    // Three pages of two units: each fold holds one page whole.
    assert_eq!(out.matches("    2 units").count(), 3, "{out}");
    let json: serde_json::Value = serde_json::from_str(&stdout(
        scoped(&["eval", "--format", "json", "--cv", "2", "--gold"]).arg(&gold),
    ))
    .unwrap();
    let cv = &json["cross_validation"];
    assert_eq!(cv["k"], 2);
    assert_eq!(
        cv["folds"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["units"].as_u64().unwrap())
            .sum::<u64>(),
        6
    );
    // Too many folds for the groups; too few folds; a group field some record lacks.
    scoped(&["eval", "--cv", "4", "--cv-group", "page", "--gold"])
        .arg(&gold)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--cv 4: only 3 groups to split"));
    scoped(&["eval", "--cv", "1", "--gold"])
        .arg(&gold)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "--cv takes a number of folds of at least 2, not 1",
        ));
    let bad = tmp.path().join("bad.jsonl");
    std::fs::write(&bad, GOLD.replacen(", \"page\": \"p2\"", "", 1)).unwrap();
    scoped(&["eval", "--cv", "2", "--cv-group", "page", "--gold"])
        .arg(&bad)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "bad.jsonl:3: missing field \"page\" (--cv-group)",
        ));
    scoped(&["eval", "--cv-group", "page", "--gold"])
        .arg(&gold)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--cv"));
}

#[test]
fn diff_names_the_scope_and_the_rules_behind_a_change() {
    // The same set without its scope: the second and third paragraphs' hits come back.
    let tmp = tempfile::tempdir().unwrap();
    for f in ["set.toml", "threat.toml", "cooperation.toml"] {
        let text = std::fs::read_to_string(Path::new("tests/fixtures/scoped").join(f)).unwrap();
        std::fs::write(tmp.path().join(f), text.replace("scope = \"tech\"\n", "")).unwrap();
    }
    let doc = tmp.path().join("doc.txt");
    std::fs::write(&doc, "The menace from China grows.\n").unwrap();
    let out = stdout(
        framelex()
            .args(["diff", "--color", "never", "--old"])
            .arg(tmp.path())
            .args(["--new", "tests/fixtures/scoped"])
            .arg(&doc),
    );
    assert!(
        out.contains("score 2 → 0")
            && out.contains("+(out of scope) ×1, −menace ×1, −rule rival-threat ×1"),
        "{out}"
    );
}
