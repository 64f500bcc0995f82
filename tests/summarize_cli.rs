//! Integration tests for `framelex summarize`: grouping by fields and periods, the three
//! output formats, and exact merging of shard summaries.

use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;

fn framelex() -> Command {
    let mut c = Command::cargo_bin("framelex").unwrap();
    c.current_dir(env!("CARGO_MANIFEST_DIR"));
    c
}

fn summarize() -> Command {
    let mut c = framelex();
    c.args(["summarize", "--lexicons", "tests/fixtures/lexicons"]);
    c
}

const DOCS: &str = r#"{"id": "1", "bias": "left", "date": "2020-01-05", "text": "national security and an adversary"}
{"id": "2", "bias": "left", "date": "March 3, 2020", "text": "cooperation on shared risks"}
{"id": "3", "bias": "right", "date": "2021-06-01T10:00:00Z", "text": "an adversary threatens national security"}
{"id": "4", "bias": "right", "date": "someday", "text": "the bakery opened"}
{"id": "5", "date": "2021-07-01", "text": "an arms race"}
{"id": "6", "bias": "left", "date": "2020-02-01", "text": 7}
"#;

fn write(dir: &Path, name: &str, text: &str) -> String {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p.display().to_string()
}

#[test]
fn groups_by_field_and_year() {
    let tmp = tempfile::tempdir().unwrap();
    let docs = write(tmp.path(), "docs.jsonl", DOCS);
    let out = summarize()
        .args([
            "--group-by",
            "bias",
            "--date-field",
            "date",
            "--format",
            "json",
            &docs,
        ])
        .output()
        .unwrap();
    // Record 6 failed (text is a number): exit 2, counted as failed in its group.
    assert_eq!(out.status.code(), Some(2));
    let s: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let rows = s["rows"].as_array().unwrap();
    let keys: Vec<String> = rows
        .iter()
        .map(|r| {
            r["key"]
                .as_array()
                .unwrap()
                .iter()
                .map(|k| k.as_str().unwrap())
                .collect::<Vec<_>>()
                .join("/")
        })
        .collect();
    assert_eq!(
        keys,
        [
            "(missing)/2021",
            "left/2020",
            "right/(unparseable)",
            "right/2021"
        ]
    );
    let left = &rows[1];
    assert_eq!(left["documents"], 2);
    assert_eq!(left["failed"], 1);
    assert_eq!(left["frames"][0]["present"], 1); // threat
    assert_eq!(left["frames"][0]["presence"], 0.5);
    assert_eq!(left["frames"][1]["present"], 1); // cooperation
    assert_eq!(left["frames"][0]["top_terms"][0][0], "adversar*");
    // The sums behind the row: record 1 ("national security and an adversary", 5 words)
    // scores threat 2 + 2 = 4, density 800; record 2 ("cooperation on shared risks", 4
    // words) cooperation 1.5 + 1.5 = 3, density 750.
    let sums = &s["groups"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["key"] == serde_json::json!(["left", "2020"]))
        .unwrap();
    assert_eq!(sums["words"], 9);
    assert_eq!(sums["frames"][0]["hits"], 2);
    assert_eq!(sums["frames"][0]["negated"], 0);
    assert_eq!(sums["frames"][0]["density_micros"], 800_000_000i64);
    assert_eq!(
        sums["frames"][0]["terms"],
        serde_json::json!({"adversar*": 1, "national security": 1})
    );
    assert_eq!(sums["frames"][1]["hits"], 2);
    assert_eq!(sums["frames"][1]["density_micros"], 750_000_000i64);
    assert_eq!(left["frames"][0]["mean_density"], 400.0);
    assert_eq!(left["frames"][1]["mean_density"], 375.0);
    // Record 3 ("an adversary threatens national security"): threat* is weak (0.5).
    let right = &rows[3];
    assert_eq!(right["frames"][0]["top_terms"].as_array().unwrap().len(), 3);
}

#[test]
fn table_and_csv_formats() {
    let tmp = tempfile::tempdir().unwrap();
    let docs = write(tmp.path(), "docs.jsonl", DOCS);
    summarize()
        .args(["--group-by", "bias", &docs])
        .assert()
        .code(2)
        .stdout(predicate::str::contains("bias       documents  failed"))
        .stdout(predicate::str::contains("left               2       1"))
        .stdout(predicate::str::contains("top terms"));
    let out = summarize()
        .args([
            "--date-field",
            "date",
            "--period",
            "month",
            "--format",
            "csv",
            &docs,
        ])
        .output()
        .unwrap();
    let csv = String::from_utf8(out.stdout).unwrap();
    assert!(
        csv.starts_with("month,documents,failed,frame,present,presence,mean_density,top_terms\n")
    );
    assert!(csv.contains("\n2020-03,1,0,cooperation,1,1.0000,"));
}

#[test]
fn merged_shards_equal_the_whole() {
    let tmp = tempfile::tempdir().unwrap();
    let lines: Vec<&str> = DOCS.lines().collect();
    let a = write(tmp.path(), "a.jsonl", &(lines[..3].join("\n") + "\n"));
    let b = write(tmp.path(), "b.jsonl", &(lines[3..].join("\n") + "\n"));
    let whole = write(tmp.path(), "whole.jsonl", DOCS);
    // Record 6 (text is a number) fails: its shard and the whole exit 2, the other 0.
    let run = |input: &str, out: &str, code: i32| {
        let status = summarize()
            .args([
                "--group-by",
                "bias",
                "--date-field",
                "date",
                "--period",
                "week",
                "--format",
                "json",
                "-o",
                out,
                input,
            ])
            .output()
            .unwrap()
            .status;
        assert_eq!(status.code(), Some(code), "{input}");
    };
    let (sa, sb, sw) = (
        tmp.path().join("a.json"),
        tmp.path().join("b.json"),
        tmp.path().join("w.json"),
    );
    run(&a, sa.to_str().unwrap(), 0);
    run(&b, sb.to_str().unwrap(), 2);
    run(&whole, sw.to_str().unwrap(), 2);
    let merged = framelex()
        .args(["summarize", "--format", "json", "--merge"])
        .arg(&sb)
        .arg(&sa)
        .output()
        .unwrap();
    assert!(merged.status.success());
    let merged = String::from_utf8(merged.stdout).unwrap();
    assert_eq!(merged, std::fs::read_to_string(&sw).unwrap());
    // And the whole is right, not only equal: 6 records, 5 scored and 1 failed; threat
    // present in records 1, 3 and 5 ("an arms race" is a strong term of threat).
    let s: serde_json::Value = serde_json::from_str(&merged).unwrap();
    let groups = s["groups"].as_array().unwrap();
    let total = |f: &dyn Fn(&serde_json::Value) -> u64| groups.iter().map(f).sum::<u64>();
    assert_eq!(total(&|g| g["documents"].as_u64().unwrap()), 5);
    assert_eq!(total(&|g| g["failed"].as_u64().unwrap()), 1);
    assert_eq!(
        total(&|g| g["frames"][0]["present"].as_u64().unwrap()),
        3,
        "{merged}"
    );
}

#[test]
fn merge_refuses_incompatible_or_foreign_files() {
    let tmp = tempfile::tempdir().unwrap();
    let docs = write(tmp.path(), "docs.jsonl", DOCS);
    let (x, y) = (tmp.path().join("x.json"), tmp.path().join("y.json"));
    summarize()
        .args([
            "--group-by",
            "bias",
            "--format",
            "json",
            "-o",
            x.to_str().unwrap(),
            &docs,
        ])
        .assert()
        .code(2);
    summarize()
        .args(["--format", "json", "-o", y.to_str().unwrap(), &docs])
        .assert()
        .code(2);
    framelex()
        .args(["summarize", "--merge"])
        .arg(&x)
        .arg(&y)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("summaries differ in --group-by"));
    framelex()
        .args(["summarize", "--merge"])
        .arg(&docs)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("not a framelex summary"));
    // The same shard twice, under its name or a copy's, would count its documents twice
    // (issue 17, item 6).
    let copy = tmp.path().join("copy.json");
    std::fs::copy(&x, &copy).unwrap();
    for twice in [&x, &copy] {
        framelex()
            .args(["summarize", "--merge"])
            .arg(&x)
            .arg(twice)
            .assert()
            .code(2)
            .stdout("")
            .stderr(predicate::str::contains(format!(
                "{} and {} hold the same summary: merging would count the same documents twice",
                x.display(),
                twice.display()
            )));
    }
}

/// A misspelled --group-by or --date-field field: a warning with a did-you-mean and the
/// fields of the first record; with --strict-fields an error, and -o is not written
/// (issue 17, item 2). A field that some records have is no warning.
#[test]
fn misspelled_fields_are_named() {
    let tmp = tempfile::tempdir().unwrap();
    let input = write(
        tmp.path(),
        "docs.jsonl",
        "{\"id\":\"a\",\"text\":\"a threat\",\"bias\":\"left\",\"date\":\"2020-01-01\"}\n{\"id\":\"b\",\"text\":\"x\",\"bias\":\"right\"}\n",
    );
    summarize()
        .args(["--group-by", "biass", "--date-field", "dat", &input])
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "framelex: warning: no record has the field \"biass\" (--group-by); did you mean \"bias\"? The first record's fields: \"bias\", \"date\", \"id\", \"text\"",
        ))
        .stderr(predicate::str::contains(
            "framelex: warning: no record has the field \"dat\" (--date-field); did you mean \"date\"?",
        ));
    summarize()
        .args(["--group-by", "bias", "--date-field", "date", &input])
        .assert()
        .success()
        .stderr(predicate::str::contains("warning").not());
    let out = tmp.path().join("s.json");
    summarize()
        .args([
            "--group-by",
            "biass",
            "--strict-fields",
            "--format",
            "json",
            &input,
            "-o",
        ])
        .arg(&out)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "error: no record has the field \"biass\" (--group-by); did you mean \"bias\"?",
        ));
    assert!(!out.exists());
    // --keep on score, the same.
    framelex()
        .args([
            "score",
            "--lexicons",
            "tests/fixtures/lexicons",
            "--format",
            "csv",
            "--keep",
            "sourse,bias",
            &input,
        ])
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "framelex: warning: no record has the field \"sourse\" (--keep)",
        ))
        .stderr(predicate::str::contains("\"bias\" (--keep)").not());
    framelex()
        .args([
            "score",
            "--lexicons",
            "tests/fixtures/lexicons",
            "--strict-fields",
            "--keep",
            "sourse",
            &input,
            "-o",
        ])
        .arg(tmp.path().join("k.jsonl"))
        .assert()
        .code(2);
    assert!(!tmp.path().join("k.jsonl").exists());
}

/// `--unit` and `--voice` count what `score` with the same flags scores: the summary of
/// the score records equals the summary of the texts.
#[test]
fn unit_and_voice_count_what_score_scores() {
    let tmp = tempfile::tempdir().unwrap();
    // Two paragraphs: the first holds a quoted threat (`national security`, 2.0 with
    // `adversary`), the second the author's own `arms race` (a term of both frames).
    let docs = write(
        tmp.path(),
        "v.jsonl",
        concat!(
            r#"{"id": "1", "bias": "left", "text": "The minister said: \"national security and the adversary\".\n\nWe see an arms race and an adversary."}"#,
            "\n",
            r#"{"id": "2", "bias": "left", "text": "cooperation on shared risks"}"#,
            "\n"
        ),
    );
    let summary = |extra: &[&str]| -> serde_json::Value {
        let out = summarize()
            .args(["--group-by", "bias", "--format", "json"])
            .args(extra)
            .arg(&docs)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice(&out.stdout).unwrap()
    };
    let left = |s: &serde_json::Value| s["groups"][0].clone();
    let whole = summary(&[]);
    assert_eq!(left(&whole)["documents"], 2);
    assert!(whole.get("unit").is_none() && whole.get("voice").is_none());
    assert_eq!(left(&whole)["frames"][0]["present"], 1);

    let paragraphs = summary(&["--unit", "paragraph"]);
    assert_eq!(paragraphs["unit"], "paragraph");
    assert_eq!(left(&paragraphs)["documents"], 3, "2 + 1 paragraphs");
    // threat: the first paragraph (2 + 2) and the second (adversary 2 + arms race 2).
    assert_eq!(left(&paragraphs)["frames"][0]["present"], 2);

    let author = summary(&["--voice", "author"]);
    assert_eq!(author["voice"], "author");
    // The quoted hits no longer count: threat keeps `arms race` and `adversary` of the
    // second paragraph (4.0), so it stays present, with 2 hits instead of 4.
    assert_eq!(left(&author)["frames"][0]["hits"], 2);
    assert_eq!(left(&whole)["frames"][0]["hits"], 4);
    let quoted = summary(&["--voice", "quoted", "--unit", "paragraph"]);
    assert_eq!(
        left(&quoted)["frames"][0]["present"],
        1,
        "only the quote's paragraph"
    );
    assert_eq!(left(&quoted)["frames"][0]["hits"], 2);

    // The same as summarising the records `score` writes with the same flags.
    let records = framelex()
        .args([
            "score",
            "--lexicons",
            "tests/fixtures/lexicons",
            "--format",
            "jsonl",
            "--keep",
            "bias",
            "--unit",
            "paragraph",
            "--voice",
            "quoted",
        ])
        .arg(&docs)
        .output()
        .unwrap();
    let present: u64 = String::from_utf8(records.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .map(|r| u64::from(r["frames"]["threat"]["present"] == true))
        .sum();
    assert_eq!(present, 1);

    // Table: the rows say what they count.
    let out = summarize()
        .args(["--unit", "sentence", "--voice", "author"])
        .arg(&docs)
        .output()
        .unwrap();
    let table = String::from_utf8(out.stdout).unwrap();
    assert!(table.starts_with("sentences  failed"), "{table}");
    assert!(
        table.contains("cells: share of sentences where the frame is present (mean density per 1,000 words); only author hits count (--voice author)"),
        "{table}"
    );

    // Summaries of other units or voices do not merge.
    let a = write(tmp.path(), "a.json", &whole.to_string());
    let b = write(tmp.path(), "b.json", &paragraphs.to_string());
    let c = write(tmp.path(), "c.json", &author.to_string());
    framelex()
        .args(["summarize", "--merge", &a, &b])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("summaries differ in --unit"));
    framelex()
        .args(["summarize", "--merge", &a, &c])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("summaries differ in --voice"));
}
