//! Integration tests for `framelex kwic`: alignment, order, filters, and bad inputs.

use assert_cmd::Command;

fn kwic(args: &[&str]) -> (Option<i32>, String, String) {
    let out = Command::cargo_bin("framelex")
        .unwrap()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("NO_COLOR")
        .args(["kwic", "--lexicons", "tests/fixtures/lexicons"])
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
fn aligned_and_sorted_by_term_then_id() {
    let (code, out, err) = kwic(&["tests/fixtures/docs.jsonl", "tests/fixtures/corpus"]);
    assert_eq!(code, Some(0), "{err}");
    insta::assert_snapshot!("kwic_all", out);
    // The hit column starts at the same place on every line.
    let starts: Vec<usize> = out.lines().map(|l| l.find('│').unwrap()).collect();
    let widths: Vec<usize> = out
        .lines()
        .map(|l| unicode_width(&l[..l.find('│').unwrap()]))
        .collect();
    assert!(
        widths.windows(2).all(|w| w[0] == w[1]),
        "{starts:?} {widths:?}"
    );
}

/// Display width, counting CJK characters as two columns.
fn unicode_width(s: &str) -> usize {
    s.chars()
        .map(|c| {
            if ('\u{4E00}'..='\u{9FFF}').contains(&c) {
                2
            } else {
                1
            }
        })
        .sum()
}

#[test]
fn filters() {
    let terms = |out: &str| -> Vec<String> {
        out.lines()
            .map(|l| l.split_whitespace().nth(2).unwrap().to_string())
            .collect()
    };
    let (_, out, _) = kwic(&["--frame", "cooperation", "tests/fixtures/docs.jsonl"]);
    assert_eq!(terms(&out), ["arms", "cooperation", "shared", "合作"]);
    let (_, out, _) = kwic(&[
        "--term",
        "ADVERSAR*",
        "tests/fixtures/docs.jsonl",
        "tests/fixtures/corpus",
    ]);
    assert_eq!(terms(&out), ["adversar*", "adversar*"]);
    let (_, out, _) = kwic(&["--negated", "tests/fixtures/corpus"]);
    assert_eq!(out.lines().count(), 2);
    assert!(
        out.lines().all(|l| l.contains("threat* (negated)")),
        "{out}"
    );
    let (_, out, _) = kwic(&["--excluded", "tests/fixtures/corpus"]);
    assert!(out.contains("social security (excluded)"), "{out}");
    let (code, out, err) = kwic(&["--limit", "2", "tests/fixtures/docs.jsonl"]);
    assert_eq!(code, Some(0));
    assert_eq!(out.lines().count(), 2);
    assert_eq!(err, "framelex: showed 2 of 10 hits (--limit)\n");
}

#[test]
fn jsonl() {
    let (_, out, _) = kwic(&[
        "--format",
        "jsonl",
        "--term",
        "états*",
        "tests/fixtures/docs.jsonl",
    ]);
    let v: serde_json::Value = serde_json::from_str(out.trim()).unwrap();
    assert_eq!(v["id"], "4");
    assert_eq!(v["hit"], "ÉTATS-UNIS");
    assert_eq!(v["left"], "Les ");
    assert_eq!(v["kind"], "counted");
}

#[test]
fn bad_inputs_exit_2() {
    let (code, _, err) = kwic(&["--frame", "nope", "tests/fixtures/docs.jsonl"]);
    assert_eq!(code, Some(2));
    assert_eq!(err, "framelex: error: --frame nope: no frame \"nope\" in the lexicon set (its frames: threat, cooperation)\n");
    let (code, _, err) = kwic(&["--term", "zebra*", "tests/fixtures/docs.jsonl"]);
    assert_eq!(code, Some(2));
    assert_eq!(
        err,
        "framelex: error: --term 'zebra*' matches no term of the lexicon set\n"
    );
    let (code, _, err) = kwic(&["tests/fixtures/bad.jsonl"]);
    assert_eq!(code, Some(2));
    assert!(
        err.contains("tests/fixtures/bad.jsonl:2: malformed JSON"),
        "{err}"
    );
}

/// `--text-field` names the field that holds the text.
#[test]
fn the_text_is_read_from_the_field_named() {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("b.jsonl");
    std::fs::write(
        &path,
        "{\"id\": \"k1\", \"body\": \"a national security threat\"}\n",
    )
    .unwrap();
    let path = path.to_str().unwrap();
    let (code, out, err) = kwic(&["--color", "never", "--text-field", "body", path]);
    assert_eq!(code, Some(0), "{err}");
    let rows: Vec<&str> = out.lines().collect();
    assert_eq!(rows.len(), 2, "{out}");
    assert!(rows.iter().all(|r| r.starts_with("k1  threat  ")), "{out}");
    assert!(rows[0].contains("│ national security │"), "{out}");
    assert!(rows[1].contains("│ threat            │"), "{out}");
}
