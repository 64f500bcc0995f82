//! Integration tests for `framelex check`: a lexicon set with every warning, one with
//! errors, a clean one, the corpus report, and bad inputs.

use assert_cmd::Command;

fn framelex() -> Command {
    let mut c = Command::cargo_bin("framelex").unwrap();
    c.current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("NO_COLOR");
    c
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
fn every_warning_in_one_set() {
    let (code, out, err) = run(&["check", "--lexicons", "tests/fixtures/lint/problems"]);
    assert_eq!(code, Some(0), "warnings alone pass: {err}");
    insta::assert_snapshot!("check_problems", out);
    let (code, _, _) = run(&[
        "check",
        "--lexicons",
        "tests/fixtures/lint/problems",
        "--deny-warnings",
    ]);
    assert_eq!(code, Some(1));
}

#[test]
fn json_lists_codes_and_places() {
    let (code, out, _) = run(&[
        "check",
        "--lexicons",
        "tests/fixtures/lint/problems",
        "--format",
        "json",
    ]);
    assert_eq!(code, Some(0));
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let mut codes: Vec<&str> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    codes.sort_unstable();
    codes.dedup();
    assert_eq!(
        codes,
        [
            "duplicate-term",
            "empty-frame",
            "empty-group",
            "exclusion-is-term",
            "presence",
            "shadowed-term",
            "shared-term",
            "wildcard-stem",
            "written-vs-matched"
        ]
    );
    assert_eq!(v["errors"], 0);
    let dup = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "duplicate-term")
        .unwrap();
    assert_eq!(dup["file"], "tests/fixtures/lint/problems/threat.toml");
    assert_eq!(
        (dup["line"].as_u64(), dup["column"].as_u64()),
        (Some(14), Some(3))
    );
    assert_eq!(dup["related"][0]["line"], 12);
}

#[test]
fn errors_exit_1_and_are_all_reported() {
    let (code, out, _) = run(&["check", "--lexicons", "tests/fixtures/lint/broken"]);
    assert_eq!(code, Some(1));
    insta::assert_snapshot!("check_broken", out);
}

#[test]
fn a_clean_set_and_the_defaults_pass() {
    let (code, out, _) = run(&["check", "--lexicons", "tests/fixtures/lint/clean"]);
    assert_eq!(code, Some(0));
    assert_eq!(
        out,
        "check: no problems (1 frame, 3 terms checked in 2 files)\n"
    );
    // The embedded default set: no error, and its three shared terms are its only
    // warnings ("new cold war", "escalat*", "commercial and national security";
    // docs/frames.md).
    let (code, out, _) = run(&["check"]);
    assert_eq!(code, Some(0), "{out}");
    assert!(!out.contains("error["), "{out}");
    assert_eq!(out.matches("warning[shared-term]").count(), 3, "{out}");
    assert!(out.contains("\"new cold war\" is a term of frame"), "{out}");
    assert!(
        out.trim_end()
            .ends_with("check: 0 errors, 3 warnings (3 frames, 1118 terms checked in 4 files)"),
        "{out}"
    );
}

#[test]
fn corpus_report() {
    let (code, out, err) = run(&[
        "check",
        "--lexicons",
        "tests/fixtures/lexicons",
        "--corpus",
        "tests/fixtures/docs.jsonl",
        "--corpus",
        "tests/fixtures/corpus",
    ]);
    assert_eq!(code, Some(0), "{err}");
    insta::assert_snapshot!("check_corpus", out);
}

#[test]
fn corpus_is_skipped_when_the_set_has_errors() {
    let (code, out, _) = run(&[
        "check",
        "--lexicons",
        "tests/fixtures/lint/broken",
        "--corpus",
        "tests/fixtures/docs.jsonl",
    ]);
    assert_eq!(code, Some(1));
    assert!(out.contains("The corpus was not read"), "{out}");
}

#[test]
fn bad_inputs_exit_2() {
    let (code, _, err) = run(&["check", "--lexicons", "tests/fixtures/nope"]);
    assert_eq!(code, Some(2));
    assert!(
        err.starts_with("framelex: error: cannot check the lexicon set: tests/fixtures/nope: no such lexicon file or folder (embedded sets, by name: default, policy-frames)"),
        "{err}"
    );
    let (code, _, err) = run(&[
        "check",
        "--lexicons",
        "tests/fixtures/lexicons",
        "--corpus",
        "tests/fixtures/missing.jsonl",
    ]);
    assert_eq!(code, Some(2));
    assert!(
        err.contains("tests/fixtures/missing.jsonl: cannot open"),
        "{err}"
    );
    let (code, _, err) = run(&[
        "check",
        "--lexicons",
        "tests/fixtures/lexicons",
        "--corpus",
        "tests/fixtures/bad.jsonl",
    ]);
    assert_eq!(code, Some(2));
    assert!(err.contains("records failed"), "{err}");
}

#[test]
fn colour_only_when_asked() {
    let (code, plain, _) = run(&["check", "--lexicons", "tests/fixtures/lint/problems"]);
    assert_eq!(code, Some(0), "warnings alone pass");
    assert!(!plain.contains('\x1b'));
    let (code, out, _) = run(&[
        "--color",
        "always",
        "check",
        "--lexicons",
        "tests/fixtures/lint/problems",
    ]);
    assert_eq!(code, Some(0));
    assert!(out.contains('\x1b'));
    // The same report, only coloured.
    let stripped = String::from_utf8(strip_ansi(out.as_bytes())).unwrap();
    assert_eq!(stripped, plain);
}

/// Removes ANSI escape sequences (`ESC [ … letter`).
fn strip_ansi(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == 0x1b && bytes.get(i + 1) == Some(&b'[') {
            i += 2;
            while i < bytes.len() && !bytes[i].is_ascii_alphabetic() {
                i += 1;
            }
            i += 1;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    out
}

#[test]
fn allow_silences_the_warnings_named_and_only_those() {
    let problems = "tests/fixtures/lint/problems";
    let all = |extra: &[&str]| {
        let mut args = vec!["check", "--lexicons", problems, "--format", "json"];
        args.extend_from_slice(extra);
        let (code, out, err) = run(&args);
        assert_eq!(code, Some(0), "{err}");
        serde_json::from_str::<serde_json::Value>(&out).unwrap()
    };
    let codes = |v: &serde_json::Value| -> Vec<String> {
        v["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["code"].as_str().unwrap().to_string())
            .collect()
    };
    let before = all(&[]);
    let n = |v: &serde_json::Value, code: &str| codes(v).iter().filter(|c| *c == code).count();
    let shared = n(&before, "shared-term");
    let dups = n(&before, "duplicate-term");
    assert!(shared > 0 && dups > 0);
    let after = all(&["--allow", "shared-term,duplicate-term"]);
    assert_eq!(n(&after, "shared-term") + n(&after, "duplicate-term"), 0);
    assert_eq!(after["allowed"], shared + dups);
    assert_eq!(
        after["warnings"].as_u64().unwrap() as usize,
        codes(&before).len() - shared - dups,
        "the other warnings stay"
    );
    // Repeated flags add up, like the comma list.
    let repeated = all(&["--allow", "shared-term", "--allow", "duplicate-term"]);
    assert_eq!(repeated["allowed"], after["allowed"]);

    // Text: the summary says what was allowed; with every warning allowed,
    // --deny-warnings passes.
    let (code, out, _) = run(&[
        "check",
        "--lexicons",
        "tests/fixtures/lexicons",
        "--deny-warnings",
        "--allow",
        "shared-term",
    ]);
    assert_eq!(code, Some(0), "{out}");
    assert_eq!(
        out.trim(),
        "check: no problems (2 frames, 11 terms checked in 3 files; 1 warning allowed by --allow)"
    );
    let (code, _, _) = run(&[
        "check",
        "--lexicons",
        "tests/fixtures/lexicons",
        "--deny-warnings",
    ]);
    assert_eq!(code, Some(1));

    // An unknown code is a usage error with a suggestion; errors cannot be allowed.
    let (code, _, err) = run(&["check", "--allow", "shared-terms"]);
    assert_eq!(code, Some(2));
    assert!(
        err.contains("--allow shared-terms: no warning has this code (did you mean `shared-term`?"),
        "{err}"
    );
    let (code, _, err) = run(&["check", "--allow", "toml"]);
    assert_eq!(code, Some(2));
    assert!(
        err.contains("--allow toml: no warning has this code"),
        "{err}"
    );
}

/// Every code `--allow` accepts is a documented warning.
#[test]
fn allowed_codes_are_the_documented_warnings() {
    let doc = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/workbench.md"),
    )
    .unwrap();
    for code in framelex::lint::WARNING_CODES {
        assert!(
            doc.contains(&format!("`{code}`")),
            "{code} is not in docs/workbench.md"
        );
    }
}
