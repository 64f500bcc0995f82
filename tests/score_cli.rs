//! Integration tests: run the real `framelex` binary on fixtures written for the project
//! (`tests/fixtures/`), with a fixed fixture lexicon set so that tuning the default
//! lexicons never changes these outputs.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::Stdio;

use assert_cmd::Command;
use predicates::prelude::*;

fn fixture(p: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(p)
}

fn framelex() -> Command {
    let mut c = Command::cargo_bin("framelex").unwrap();
    c.current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("NO_COLOR");
    c
}

/// `framelex score` with the fixture lexicons.
fn score() -> Command {
    let mut c = framelex();
    c.args(["score", "--lexicons", "tests/fixtures/lexicons"]);
    c
}

fn stdout_of(c: &mut Command) -> String {
    let out = c.output().unwrap();
    String::from_utf8(out.stdout).unwrap()
}

fn json_lines(s: &str) -> Vec<serde_json::Value> {
    s.lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// Compares with a golden file. `UPDATE_GOLDEN=1 cargo test` rewrites a file that
/// differs and then fails, so that a run with it set never passes silently: run again
/// without it (and read the diff) to pass.
fn golden(name: &str, actual: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        let old = std::fs::read_to_string(&path).unwrap_or_default();
        if old != actual {
            std::fs::write(&path, actual).unwrap();
            panic!(
                "{} rewritten (UPDATE_GOLDEN); check the diff and run again without it",
                path.display()
            );
        }
    }
    let want = std::fs::read_to_string(&path)
        .unwrap_or_else(|_| panic!("missing {}; run with UPDATE_GOLDEN=1", path.display()));
    assert_eq!(actual, want, "output differs from {}", path.display());
}

#[test]
fn jsonl_output_matches_golden() {
    let out = stdout_of(score().args([
        "--format",
        "jsonl",
        "--keep",
        "source,date",
        "tests/fixtures/docs.jsonl",
    ]));
    golden("docs.jsonl", &out);
    let recs = json_lines(&out);
    assert_eq!(recs.len(), 5);
    assert_eq!(recs[0]["frames"]["threat"]["terms"]["national security"], 1);
    assert_eq!(recs[0]["dominant"], "threat");
    assert_eq!(recs[3]["id"], "4"); // numeric ids are written as strings
    assert_eq!(recs[3]["source"]["name"], "Le Monde"); // kept fields are copied verbatim
    assert_eq!(recs[4]["id"], "tests/fixtures/docs.jsonl:5"); // no id: path:line
    assert_eq!(recs[4]["frames"]["cooperation"]["terms"]["合作"], 1);
}

#[test]
fn table_is_the_default_format_on_request_and_shows_frames() {
    let out = stdout_of(score().args([
        "--format",
        "table",
        "--color",
        "never",
        "tests/fixtures/corpus/alpha.txt",
    ]));
    golden("alpha.table", &out);
    assert!(out.contains("threat"));
    assert!(!out.contains('\x1b'));
    let colored = stdout_of(score().args([
        "--format",
        "table",
        "--color",
        "always",
        "tests/fixtures/corpus/alpha.txt",
    ]));
    assert!(colored.contains("\x1b["));
}

/// Without `--format`, output to a pipe (or an `-o` file with no known extension) is JSONL;
/// the table is the default only on a terminal, which a test cannot be.
#[test]
fn the_default_format_off_a_terminal_is_jsonl() {
    let default = stdout_of(score().arg("tests/fixtures/docs.jsonl"));
    let explicit = stdout_of(score().args(["--format", "jsonl", "tests/fixtures/docs.jsonl"]));
    assert_eq!(default, explicit);
    assert_eq!(json_lines(&default).len(), 5);
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("scores.out");
    score()
        .args(["tests/fixtures/docs.jsonl", "-o"])
        .arg(&out)
        .assert()
        .success();
    assert_eq!(std::fs::read_to_string(&out).unwrap(), explicit);
}

#[test]
fn csv_output_has_a_header_and_a_row_per_record() {
    let out = stdout_of(score().args([
        "--format",
        "csv",
        "--keep",
        "source",
        "tests/fixtures/docs.csv",
    ]));
    let mut rdr = csv::Reader::from_reader(out.as_bytes());
    let headers = rdr.headers().unwrap().clone();
    assert_eq!(&headers[0], "id");
    assert_eq!(&headers[1], "source");
    assert!(headers.iter().any(|h| h == "threat_present"));
    let rows: Vec<csv::StringRecord> = rdr.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 4);
    assert_eq!(&rows[3][0], "d5"); // a quoted cell spanning two lines is one record
                                   // Values, column by column, for the first row; and every row agrees with JSONL.
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let jsonl = json_lines(&stdout_of(score().args([
        "--format",
        "jsonl",
        "tests/fixtures/docs.csv",
    ])));
    for (row, rec) in rows.iter().zip(&jsonl) {
        assert_eq!(&row[col("id")], rec["id"].as_str().unwrap());
        assert_eq!(row[col("words")].parse::<u64>().unwrap(), rec["words"]);
        assert_eq!(
            &row[col("dominant")],
            rec["dominant"].as_str().unwrap_or("")
        );
        for frame in ["threat", "cooperation"] {
            let f = &rec["frames"][frame];
            assert_eq!(
                row[col(&format!("{frame}_hits"))].parse::<u64>().unwrap(),
                f["hits"]
            );
            assert_eq!(
                row[col(&format!("{frame}_score"))].parse::<f64>().unwrap(),
                f["score"].as_f64().unwrap()
            );
            assert_eq!(
                row[col(&format!("{frame}_density"))]
                    .parse::<f64>()
                    .unwrap(),
                f["density"].as_f64().unwrap()
            );
            assert_eq!(
                &row[col(&format!("{frame}_present"))],
                f["present"].to_string()
            );
        }
    }
    let first = &rows[0];
    assert_eq!(
        &first[col("threat_score")],
        "4.0",
        "scores keep their decimal point"
    );
    assert_eq!(&first[col("threat_present")], "true");
    assert_eq!(&first[col("dominant")], "threat");
}

#[test]
fn csv_and_jsonl_inputs_score_alike() {
    let from_jsonl = json_lines(&stdout_of(score().args([
        "--format",
        "jsonl",
        "tests/fixtures/docs.jsonl",
    ])));
    let from_csv = json_lines(&stdout_of(score().args([
        "--format",
        "jsonl",
        "tests/fixtures/docs.csv",
    ])));
    for i in 0..3 {
        assert_eq!(from_jsonl[i]["frames"], from_csv[i]["frames"], "record {i}");
        assert_eq!(from_jsonl[i]["id"], from_csv[i]["id"]);
    }
    // TSV by flag.
    let tsv = std::fs::read_to_string(fixture("docs.csv"))
        .unwrap()
        .replace(',', "\t");
    let tmp = tempfile::tempdir().unwrap();
    let p = tmp.path().join("docs.data");
    std::fs::write(&p, tsv).unwrap();
    let out = json_lines(&stdout_of(
        score()
            .args(["--format", "jsonl", "--input-format", "tsv"])
            .arg(&p),
    ));
    assert_eq!(out[0]["frames"], from_jsonl[0]["frames"]);
}

#[test]
fn gzip_and_zstd_inputs_are_decompressed() {
    let plain = std::fs::read(fixture("docs.jsonl")).unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let gz = tmp.path().join("docs.jsonl.gz");
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    enc.write_all(&plain).unwrap();
    std::fs::write(&gz, enc.finish().unwrap()).unwrap();
    let zst = tmp.path().join("docs.jsonl.zst");
    std::fs::write(&zst, zstd::encode_all(&plain[..], 3).unwrap()).unwrap();
    // Compressed but named without the extension: found by magic bytes.
    let sneaky = tmp.path().join("docs.jsonl");
    std::fs::write(&sneaky, zstd::encode_all(&plain[..], 3).unwrap()).unwrap();
    let want = stdout_of(
        score()
            .args(["--format", "jsonl", "--id-field", "id"])
            .arg(fixture("docs.jsonl")),
    );
    let strip = |s: String| -> Vec<serde_json::Value> {
        json_lines(&s)
            .into_iter()
            .map(|mut v| {
                v.as_object_mut().unwrap().remove("id");
                v
            })
            .collect()
    };
    for p in [&gz, &zst, &sneaky] {
        let got = stdout_of(score().args(["--format", "jsonl"]).arg(p));
        assert_eq!(strip(got), strip(want.clone()), "{}", p.display());
    }
}

#[test]
fn folders_are_read_recursively_and_unknown_files_reported() {
    let out = score()
        .args(["--format", "jsonl", "tests/fixtures/corpus"])
        .assert()
        .success()
        .stderr(predicate::str::contains("passed over 1 files"));
    let recs = json_lines(&String::from_utf8(out.get_output().stdout.clone()).unwrap());
    let ids: Vec<&str> = recs.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(
        ids,
        [
            "tests/fixtures/corpus/alpha.txt",
            "tests/fixtures/corpus/nested/beta.txt"
        ]
    );
    // beta: "Social Security" is excluded, both threats are negated.
    assert_eq!(recs[1]["frames"]["threat"]["hits"], 0);
    assert_eq!(recs[1]["frames"]["threat"]["negated"], 2);
    assert_eq!(recs[1]["frames"]["threat"]["present"], false);
}

#[test]
fn stdin_is_sniffed() {
    let out = stdout_of(
        score()
            .args(["--format", "jsonl", "-"])
            .write_stdin("national security and an adversary\n"),
    );
    let recs = json_lines(&out);
    assert_eq!(recs[0]["id"], "-");
    assert_eq!(recs[0]["frames"]["threat"]["hits"], 2);
    let out = stdout_of(
        score()
            .args(["--format", "jsonl", "-"])
            .write_stdin("{\"id\":\"x\",\"text\":\"arms race\"}\n"),
    );
    assert_eq!(json_lines(&out)[0]["id"], "x");
}

#[test]
fn input_format_applies_to_stdin() {
    let out = stdout_of(
        score()
            .args(["--format", "jsonl", "--input-format", "csv", "-"])
            .write_stdin("id,text\nr1,national security\nr2,\"an arms race\"\n"),
    );
    let recs = json_lines(&out);
    assert_eq!(recs.len(), 2);
    assert_eq!(recs[1]["id"], "r2");
    assert_eq!(recs[1]["frames"]["cooperation"]["hits"], 1);
}

#[test]
fn hidden_folders_are_passed_over_and_empty_ids_fall_back() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(tmp.path().join(".git")).unwrap();
    std::fs::write(tmp.path().join(".git/config.txt"), "national security").unwrap();
    std::fs::write(
        tmp.path().join("a.jsonl"),
        "{\"id\": \"\", \"text\": \"an adversary\"}\n",
    )
    .unwrap();
    std::fs::write(
        tmp.path().join("b.csv"),
        "id,text\n,cooperation\nbig,0123456789\n",
    )
    .unwrap();
    let out = score()
        .args(["--format", "jsonl", "--max-doc-bytes", "5"])
        .arg(tmp.path())
        .output()
        .unwrap();
    let recs = json_lines(&String::from_utf8(out.stdout).unwrap());
    let ids: Vec<String> = recs
        .iter()
        .map(|r| r["id"].as_str().unwrap().to_string())
        .collect();
    let base = tmp.path().display().to_string();
    assert_eq!(
        ids,
        [
            format!("{base}/a.jsonl:1"),
            format!("{base}/b.csv:2"),
            "big".to_string()
        ]
    );
    // The oversized CSV cell keeps its row's id in the error record.
    assert!(recs[2]["error"]
        .as_str()
        .unwrap()
        .contains("over the limit of 5"));
}

#[test]
fn bad_records_get_error_records_and_exit_2() {
    let out = score()
        .args(["--format", "jsonl", "tests/fixtures/bad.jsonl"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "tests/fixtures/bad.jsonl:2: malformed JSON",
        ))
        .stderr(predicate::str::contains(
            "tests/fixtures/bad.jsonl:3: field \"text\" is a number, expected a string",
        ))
        .stderr(predicate::str::contains(
            "tests/fixtures/bad.jsonl:5: field \"text\" is null",
        ))
        .stderr(predicate::str::contains(
            "tests/fixtures/bad.jsonl:6: missing field \"text\"",
        ))
        .stderr(predicate::str::contains(
            "tests/fixtures/bad.jsonl:7: not a JSON object (found an array)",
        ))
        .stderr(predicate::str::contains("framelex: 5 of 7 records failed"));
    let recs = json_lines(&String::from_utf8(out.get_output().stdout.clone()).unwrap());
    // One output record per input record (the blank line is not a record), in order.
    let ids: Vec<&str> = recs.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(
        ids,
        [
            "ok1",
            "tests/fixtures/bad.jsonl:2",
            "num",
            "nul",
            "missing",
            "tests/fixtures/bad.jsonl:7",
            "ok2"
        ]
    );
    assert!(recs[2]["error"]
        .as_str()
        .unwrap()
        .starts_with("tests/fixtures/bad.jsonl:3:"));
    assert!(recs[6]["frames"].is_object());
}

#[test]
fn missing_files_and_csv_without_text_column_are_errors_not_panics() {
    score()
        .args(["--format", "jsonl", "no/such/file.txt"])
        .assert()
        .code(2)
        .stdout(predicate::str::contains(
            "\"error\":\"no/such/file.txt: cannot open: No such file or directory\"",
        ));
    score()
        .args([
            "--format",
            "jsonl",
            "--text-field",
            "body",
            "tests/fixtures/docs.csv",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "no column \"body\" in the header (columns: id, source, date, text)",
        ));
}

#[test]
fn output_is_identical_at_one_and_two_threads_across_batches() {
    let tmp = tempfile::tempdir().unwrap();
    let p = tmp.path().join("many.jsonl");
    let mut f = std::fs::File::create(&p).unwrap();
    // Long and short texts in turn: the workers' scorers are reused from one document
    // to the next, and whatever a long one leaves in them must not reach a short one.
    let long = "Export controls: \u{00C9}TATS-UNIS national security threat, not an arms race. "
        .repeat(150);
    let texts = [
        "national security and the arms race",
        long.as_str(),
        "cooperation on shared risks",
        "a quiet day at the market",
        "adversaries threaten, \u{201C}social security\u{201D} not",
    ];
    for i in 0..3000 {
        if i % 997 == 0 {
            writeln!(f, "{{\"id\": {i}, \"text\": oops}}").unwrap();
        } else {
            writeln!(
                f,
                "{{\"id\": {i}, \"text\": \"{} #{i}\"}}",
                texts[i % texts.len()]
            )
            .unwrap();
        }
    }
    drop(f);
    let run = |threads: &str| {
        let out = score()
            .args(["--format", "jsonl", "--threads", threads])
            .arg(&p)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2)); // four malformed records
        out.stdout
    };
    let one = run("1");
    assert_eq!(one.iter().filter(|&&b| b == b'\n').count(), 3000);
    for threads in ["2", "3"] {
        assert!(one == run(threads), "{threads} threads changed the output");
    }
}

#[test]
fn output_file_is_written_whole() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("scores.jsonl");
    score()
        .args(["--format", "jsonl", "-o"])
        .arg(&out)
        .arg("tests/fixtures/docs.jsonl")
        .assert()
        .success()
        .stdout("");
    assert_eq!(std::fs::read_to_string(&out).unwrap().lines().count(), 5);
    let leftovers = std::fs::read_dir(tmp.path()).unwrap().count();
    assert_eq!(leftovers, 1, "no temporary file is left behind");
}

/// Waits for a child that is expected to stop on its own, and reads its stderr: a child
/// still running after a minute (a deadlock) is killed and fails the test instead of
/// hanging it.
fn wait_at_most_a_minute(mut child: std::process::Child) -> (std::process::ExitStatus, String) {
    let started = std::time::Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > std::time::Duration::from_secs(60) {
            child.kill().unwrap();
            panic!("still running a minute after it should have stopped");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    };
    let mut err = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    (status, err)
}

#[test]
fn closed_stdout_ends_quietly() {
    let tmp = tempfile::tempdir().unwrap();
    let p = tmp.path().join("big.jsonl");
    let line = "{\"text\": \"national security and an arms race, again and again\"}\n";
    std::fs::write(&p, line.repeat(200_000)).unwrap();
    // One thread scores on the calling thread; more hand batches between threads, and
    // every one of them must stop when the printer does.
    for threads in ["1", "2", "3"] {
        let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("framelex"))
            .args(["score", "--format", "jsonl", "--threads", threads])
            .arg(&p)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut stdout = child.stdout.take().unwrap();
        let mut first = [0u8; 64];
        stdout.read_exact(&mut first).unwrap();
        drop(stdout); // like `| head -c 64`
        let (status, err) = wait_at_most_a_minute(child);
        assert_eq!(status.code(), Some(0), "--threads {threads}");
        assert_eq!(err, "", "--threads {threads}");
    }
}

#[test]
fn ctrl_c_stops_cleanly_and_leaves_no_partial_output_file() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("scores.jsonl");
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("framelex"))
        .args([
            "score",
            "--format",
            "jsonl",
            "--input-format",
            "jsonl",
            "-o",
        ])
        .arg(&out)
        .arg("-")
        .stdin(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || {
        let line = "{\"text\": \"national security and an arms race\"}\n".repeat(1000);
        // Keep records flowing until the process stops reading.
        for _ in 0..3000 {
            if stdin.write_all(line.as_bytes()).is_err() {
                return;
            }
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
    });
    std::thread::sleep(std::time::Duration::from_millis(700));
    let killed = std::process::Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let (status, err) = wait_at_most_a_minute(child);
    writer.join().unwrap();
    assert_eq!(status.code(), Some(130), "stderr: {err}");
    assert!(err.contains("framelex: interrupted after "), "{err}");
    assert!(err.contains("was not written"), "{err}");
    assert!(!out.exists());
    assert_eq!(
        std::fs::read_dir(tmp.path()).unwrap().count(),
        0,
        "no temporary file left"
    );
}

#[test]
fn keep_refuses_reserved_names() {
    score()
        .args(["--keep", "frames", "tests/fixtures/docs.jsonl"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "\"frames\" is a key of framelex's own output",
        ));
}

#[test]
fn bad_lexicons_are_reported_with_file_line_col() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(
        tmp.path().join("sec.toml"),
        "id = \"sec\"\nname = \"S\"\n[[group]]\nname = \"g\"\nwieght = 2\nterms = [\"ok\", \"\", \"a*b\"]\n",
    )
    .unwrap();
    framelex()
        .args(["score", "--lexicons"])
        .arg(tmp.path())
        .arg("tests/fixtures/docs.jsonl")
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "framelex: error: invalid lexicon set",
        ))
        .stderr(predicate::str::contains(
            "sec.toml:5:1: unknown field `wieght`",
        ));
    std::fs::write(
        tmp.path().join("sec.toml"),
        "id = \"sec\"\nname = \"S\"\n[[group]]\nname = \"g\"\nterms = [\"ok\", \"\", \"a*b\"]\n",
    )
    .unwrap();
    framelex()
        .args(["score", "--lexicons"])
        .arg(tmp.path())
        .arg("tests/fixtures/docs.jsonl")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("sec.toml:5:16: empty term"))
        .stderr(predicate::str::contains(
            "sec.toml:5:20: wildcard * is allowed only at the end",
        ));
}

#[test]
fn export_edit_and_rescore() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("lex");
    framelex()
        .args(["lexicons", "export"])
        .arg(&dir)
        .assert()
        .success();
    // The exported copy scores exactly like the embedded set.
    let text = "They warned that adversaries threaten national security with AI.";
    let embedded = stdout_of(
        framelex()
            .args(["score", "--format", "jsonl", "-"])
            .write_stdin(text),
    );
    let copy = stdout_of(
        framelex()
            .args(["score", "--format", "jsonl", "--lexicons"])
            .arg(&dir)
            .arg("-")
            .write_stdin(text),
    );
    assert_eq!(embedded, copy);
    // Exporting again refuses to overwrite without --force.
    framelex()
        .args(["lexicons", "export"])
        .arg(&dir)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("use --force"));
    // Editing a term changes the result.
    let sec = dir.join("security.toml");
    let edited = std::fs::read_to_string(&sec).unwrap().replacen(
        "[[group]]",
        "[[group]]\nname = \"test\"\nweight = 10.0\nterms = [\"warned\"]\n\n[[group]]",
        1,
    );
    std::fs::write(&sec, edited).unwrap();
    let after = json_lines(&stdout_of(
        framelex()
            .args(["score", "--format", "jsonl", "--lexicons"])
            .arg(&dir)
            .arg("-")
            .write_stdin(text),
    ));
    assert_eq!(after[0]["frames"]["security"]["terms"]["warned"], 1);
}

#[test]
fn lexicons_list_shows_frames_and_counts() {
    framelex()
        .args(["lexicons", "list"])
        .assert()
        .success()
        .stdout(predicate::str::contains("security  (Security framing)"))
        .stdout(predicate::str::contains("arms_race_criticism"))
        .stdout(predicate::str::contains("commercial_motive"));
    framelex()
        .args(["lexicons", "list", "--lexicons", "tests/fixtures/lexicons"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "threat  (Threat talk)\n  7 terms in 2 groups, 0 rules, 1 exclusion",
        ));
}

#[test]
fn completions_and_help() {
    // Each shell's script completes every subcommand and the flags of `score` (fish
    // writes `-l voice`, the others `--voice`).
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let out = stdout_of(framelex().args(["completions", shell]));
        for word in [
            "score",
            "summarize",
            "eval",
            "check",
            "explain",
            "kwic",
            "diff",
            "suggest",
            "lexicons",
            "title-field",
            "voice",
            "count-units",
        ] {
            assert!(out.contains(word), "{shell} completions lack {word}");
        }
    }
    framelex()
        .args(["completions", "tcsh"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("invalid value 'tcsh'"));
    // Help lists every option with its text, and examples that name real subcommands.
    let help = stdout_of(framelex().args(["score", "--help"]));
    for needle in [
        "Usage: framelex score [OPTIONS] [INPUT]...",
        "--text-field <FIELD>",
        "--title-field <FIELD>",
        "--unit <UNIT>",
        "--voice <VOICE>",
        "--count-units <UNIT>",
        "--lexicons <PATH>",
        "Examples:",
    ] {
        assert!(help.contains(needle), "score --help lacks {needle:?}");
    }
    let top = stdout_of(framelex().arg("--help"));
    for line in top
        .lines()
        .filter(|l| l.trim_start().starts_with("framelex "))
    {
        let sub = line.split_whitespace().nth(1).unwrap();
        framelex().args([sub, "--help"]).assert().success();
    }
}

#[test]
fn embedded_defaults_score_the_examples() {
    let out = json_lines(&stdout_of(framelex().args([
        "score",
        "--format",
        "jsonl",
        "examples/export-controls-oped.txt",
        "examples/city-marathon.txt",
    ])));
    assert_eq!(out[0]["frames"]["security"]["present"], true);
    assert_eq!(out[1]["dominant"], serde_json::Value::Null);
}

/// `-o` writes files as `> FILE` would (issue 17, item 4): a new file gets 0666 less the
/// umask, a replaced file keeps its mode, a symbolic link stays a link to the new
/// results; a folder or a missing folder is named in the error.
#[cfg(unix)]
#[test]
fn output_file_modes_links_and_bad_paths() {
    use std::os::unix::fs::PermissionsExt;
    let tmp = tempfile::tempdir().unwrap();
    let bin = assert_cmd::cargo::cargo_bin("framelex");
    let input = fixture("docs.jsonl");
    let run = |umask: &str, out: &Path| {
        let status = std::process::Command::new("sh")
            .arg("-c")
            .arg(format!(
                "umask {umask}; exec \"$0\" score --lexicons tests/fixtures/lexicons --format jsonl \"$1\" -o \"$2\""
            ))
            .arg(&bin)
            .arg(&input)
            .arg(out)
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .status()
            .unwrap();
        assert!(
            status.code() == Some(0) || status.code() == Some(2),
            "{status}"
        );
    };
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    let new = tmp.path().join("new.jsonl");
    run("022", &new);
    assert_eq!(mode(&new), 0o644);
    let grp = tmp.path().join("grp.jsonl");
    run("027", &grp);
    assert_eq!(mode(&grp), 0o640);
    // Replacing keeps the old file's mode whatever the umask.
    std::fs::set_permissions(&new, std::fs::Permissions::from_mode(0o664)).unwrap();
    run("077", &new);
    assert_eq!(mode(&new), 0o664);
    assert!(std::fs::read_to_string(&new)
        .unwrap()
        .contains("\"frames\""));
    // A link stays a link, and its target gets the results.
    let link = tmp.path().join("link.jsonl");
    std::os::unix::fs::symlink(&grp, &link).unwrap();
    std::fs::write(&grp, "old").unwrap();
    run("022", &link);
    assert!(std::fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());
    assert!(std::fs::read_to_string(&grp)
        .unwrap()
        .contains("\"frames\""));
    // Bad paths say what is wrong with what the user gave.
    score()
        .args([input.to_str().unwrap(), "-o", tmp.path().to_str().unwrap()])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("it is a folder; name a file"));
    let missing = tmp.path().join("no/such/dir/x.jsonl");
    score()
        .args([input.to_str().unwrap(), "-o", missing.to_str().unwrap()])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(format!(
            "cannot write {}: there is no folder {}",
            missing.display(),
            tmp.path().join("no/such/dir").display()
        )));
}

/// `-o`'s extension picks the format when `--format` is not given, `.gz`/`.zst` compress,
/// and a contradicting `--format` is an error before anything is read (issue 17, item 5).
#[test]
fn output_format_and_compression_follow_the_file_name() {
    let tmp = tempfile::tempdir().unwrap();
    let input = fixture("docs.jsonl");
    let run = |out: &str| {
        let path = tmp.path().join(out);
        score()
            .args([input.to_str().unwrap(), "-o", path.to_str().unwrap()])
            .assert()
            .code(predicate::in_iter([0, 2]));
        path
    };
    let csv = std::fs::read_to_string(run("x.csv")).unwrap();
    assert!(csv.starts_with("id,words,dominant,threat_hits,"), "{csv}");
    let tsv = std::fs::read_to_string(run("x.tsv")).unwrap();
    assert!(
        tsv.starts_with("id\twords\tdominant\tthreat_hits\t"),
        "{tsv}"
    );
    assert_eq!(tsv.lines().count(), csv.lines().count());
    let jsonl = std::fs::read_to_string(run("x.ndjson")).unwrap();
    assert!(jsonl.starts_with("{\"id\":"));
    let mut gz = String::new();
    flate2_read(&run("x.jsonl.gz"), &mut gz);
    assert_eq!(gz, jsonl);
    let zst = zstd_read(&run("x.CSV.zst"));
    assert_eq!(zst, csv);
    // An extension that names no format leaves the default (JSONL off a terminal).
    assert_eq!(std::fs::read_to_string(run("x.out")).unwrap(), jsonl);
    score()
        .args(["--format", "jsonl", input.to_str().unwrap(), "-o"])
        .arg(tmp.path().join("y.csv"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--format jsonl contradicts -o"));
    assert!(!tmp.path().join("y.csv").exists());
    // summarize: .json is the mergeable form, which --merge reads back.
    let s = tmp.path().join("s.json");
    framelex()
        .args([
            "summarize",
            "--lexicons",
            "tests/fixtures/lexicons",
            input.to_str().unwrap(),
            "-o",
        ])
        .arg(&s)
        .assert()
        .code(predicate::in_iter([0, 2]));
    let summary: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&s).unwrap()).unwrap();
    assert_eq!(summary["framelex_summary"], 2);
    framelex()
        .args(["summarize", "--merge"])
        .arg(&s)
        .args(["-o"])
        .arg(tmp.path().join("m.csv"))
        .assert()
        .success();
    assert!(std::fs::read_to_string(tmp.path().join("m.csv"))
        .unwrap()
        .starts_with("documents,failed,frame,"));
}

fn flate2_read(path: &Path, out: &mut String) {
    let bytes = std::fs::read(path).unwrap();
    assert_eq!(&bytes[..2], &[0x1f, 0x8b], "gzip magic");
    std::io::Read::read_to_string(
        &mut framelex::input::decompress(Box::new(std::fs::File::open(path).unwrap())).unwrap(),
        out,
    )
    .unwrap();
}

fn zstd_read(path: &Path) -> String {
    let bytes = std::fs::read(path).unwrap();
    assert_eq!(&bytes[..4], &[0x28, 0xb5, 0x2f, 0xfd], "zstd magic");
    // Decompressed by the library's own input reader (the machine may lack zstd).
    let mut text = String::new();
    std::io::Read::read_to_string(
        &mut framelex::input::decompress(Box::new(std::fs::File::open(path).unwrap())).unwrap(),
        &mut text,
    )
    .unwrap();
    text
}

/// `--terms`: CSV and TSV get a `<frame>_terms` column per frame holding the JSONL record's
/// `terms` object (issue 17, item 13).
#[test]
fn csv_terms_columns_hold_the_jsonl_terms() {
    let input = fixture("docs.jsonl");
    let jsonl = score()
        .args(["--format", "jsonl", input.to_str().unwrap()])
        .output()
        .unwrap();
    let records: Vec<serde_json::Value> = String::from_utf8(jsonl.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    for (format, delimiter) in [("csv", b','), ("tsv", b'\t')] {
        let out = score()
            .args(["--terms", "--format", format, input.to_str().unwrap()])
            .output()
            .unwrap();
        let mut rows = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .from_reader(&out.stdout[..]);
        let header: Vec<String> = rows.headers().unwrap().iter().map(String::from).collect();
        assert!(header.contains(&"threat_terms".to_string()), "{header:?}");
        let col = |name: &str| header.iter().position(|h| h == name).unwrap();
        let mut n = 0;
        for (row, rec) in rows.records().zip(&records) {
            let row = row.unwrap();
            if rec.get("error").is_some() {
                assert_eq!(&row[col("threat_terms")], "");
                continue;
            }
            for frame in ["threat", "cooperation"] {
                let cell: serde_json::Value =
                    serde_json::from_str(&row[col(&format!("{frame}_terms"))]).unwrap();
                assert_eq!(cell, rec["frames"][frame]["terms"], "{format} {frame}");
                n += 1;
            }
        }
        assert!(n >= 8, "{n}");
    }
    // Without --terms, no such column.
    let out = score()
        .args(["--format", "csv", input.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(!String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .next()
        .unwrap()
        .contains("_terms"));
}

#[test]
fn title_field_puts_the_title_first_as_its_own_paragraph() {
    let tmp = tempfile::tempdir().unwrap();
    // The fixture lexicons: "national security" and "adversar*" are terms of `threat`.
    let jsonl = tmp.path().join("t.jsonl");
    std::fs::write(
        &jsonl,
        concat!(
            r#"{"id": "a", "title": "Adversaries gather", "text": "Nothing else.", "src": "x"}"#,
            "\n",
            r#"{"id": "b", "title": "Les États-Unis: national", "text": "Security is up.", "src": "y"}"#,
            "\n",
            r#"{"id": "c", "title": 7, "text": "t", "src": "z"}"#,
            "\n",
            r#"{"id": "d", "text": "No title; national security.", "src": "w"}"#,
            "\n",
        ),
    )
    .unwrap();
    let out = framelex()
        .args([
            "score",
            "--lexicons",
            "tests/fixtures/lexicons",
            "--format",
            "jsonl",
            "--title-field",
            "title",
            "--keep",
            "src",
        ])
        .arg(&jsonl)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "a bad title fails its record");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr
            .contains("t.jsonl:3: field \"title\" (--title-field) is a number, expected a string"),
        "{stderr}"
    );
    let recs = json_lines(&String::from_utf8(out.stdout).unwrap());
    assert_eq!(recs.len(), 4, "every record has an output line");
    // The title's term counts.
    assert_eq!(
        recs[0]["frames"]["threat"]["terms"]["adversar*"], 1,
        "{}",
        recs[0]
    );
    assert_eq!(recs[0]["words"], 4);
    assert_eq!(recs[0]["src"], "x", "--keep is unchanged by the title");
    // A phrase never spans the title/text boundary: "national" ends the title and
    // "Security" starts the text, two hits of their own terms, not "national security".
    assert_eq!(
        recs[1]["frames"]["threat"]["terms"],
        serde_json::json!({"états-unis": 1, "security": 1}),
        "{}",
        recs[1]
    );
    assert_eq!(
        recs[2]["error"],
        format!(
            "{}:3: field \"title\" (--title-field) is a number, expected a string",
            jsonl.display()
        )
    );
    assert_eq!(recs[2]["src"], "z");
    // No title: the text alone.
    assert_eq!(recs[3]["frames"]["threat"]["terms"]["national security"], 1);
    assert_eq!(recs[3]["words"], 4);

    // CSV: the same, with a column.
    let csv = tmp.path().join("t.csv");
    std::fs::write(
        &csv,
        "id,title,text\n1,Adversaries,calm seas\n2,,calm seas\n",
    )
    .unwrap();
    let recs = json_lines(&stdout_of(
        framelex()
            .args([
                "score",
                "--lexicons",
                "tests/fixtures/lexicons",
                "--format",
                "jsonl",
                "--title-field",
                "title",
            ])
            .arg(&csv),
    ));
    assert_eq!(recs[0]["frames"]["threat"]["hits"], 1);
    assert_eq!(recs[0]["words"], 3);
    assert_eq!(recs[1]["frames"]["threat"]["hits"], 0);
    assert_eq!(recs[1]["words"], 2, "an empty title adds nothing");

    // explain: offsets count from the title, which is shown as the first paragraph.
    let out = stdout_of(
        framelex()
            .args([
                "explain",
                "--lexicons",
                "tests/fixtures/lexicons",
                "--format",
                "json",
                "--title-field",
                "title",
            ])
            .arg(&csv),
    );
    let first: serde_json::Value = serde_json::from_str(out.lines().next().unwrap()).unwrap();
    assert_eq!(first["text"], "Adversaries\n\ncalm seas", "{first}");
    assert_eq!(first["hits"][0]["start"], 0, "{first}");
    assert_eq!(first["hits"][0]["end"], "Adversaries".len(), "{first}");
}
