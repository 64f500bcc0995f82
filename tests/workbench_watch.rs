//! Integration tests for `--watch`: `check`, `eval` and `explain` run again when a lexicon
//! file is saved.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Stdio};
use std::sync::mpsc;
use std::time::Duration;

/// A watching framelex, ended when the test ends, whether it passes or fails (a failed
/// assertion must not leave it running).
struct Watching(Child);

impl Drop for Watching {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Runs framelex with `args` and hands its stdout lines over a channel.
fn spawn(args: &[&str]) -> (Watching, mpsc::Receiver<String>) {
    let (child, out, _err) = spawn_both(args);
    (child, out)
}

/// [`spawn`], with stderr's lines over a second channel.
fn spawn_both(args: &[&str]) -> (Watching, mpsc::Receiver<String>, mpsc::Receiver<String>) {
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("framelex"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    fn forward(stream: impl std::io::Read + Send + 'static) -> mpsc::Receiver<String> {
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            // Reads to the end even when nobody listens, so that the child never
            // writes into a closed pipe.
            for line in BufReader::new(stream).lines().map_while(Result::ok) {
                let _ = tx.send(line);
            }
        });
        rx
    }
    let out = forward(child.stdout.take().unwrap());
    let err = forward(child.stderr.take().unwrap());
    (Watching(child), out, err)
}

/// Waits for a line containing `needle`; the lines read on the way.
fn wait_for(rx: &mpsc::Receiver<String>, needle: &str) -> Vec<String> {
    let mut seen = Vec::new();
    loop {
        match rx.recv_timeout(Duration::from_secs(30)) {
            Ok(line) => {
                let done = line.contains(needle);
                seen.push(line);
                if done {
                    return seen;
                }
            }
            Err(_) => panic!("no line with {needle:?} within 30 s; saw {seen:#?}"),
        }
    }
}

fn copy_fixture_lexicons(dir: &Path) {
    for f in ["set.toml", "cooperation.toml", "threat.toml"] {
        std::fs::copy(
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("tests/fixtures/lexicons")
                .join(f),
            dir.join(f),
        )
        .unwrap();
    }
}

/// Saves a file the way editors do: write a temporary file, rename it over the old one.
fn save(path: &Path, text: &str) {
    let tmp = path.with_extension("swp");
    std::fs::write(&tmp, text).unwrap();
    std::fs::rename(&tmp, path).unwrap();
}

#[test]
fn check_reruns_on_save() {
    let tmp = tempfile::tempdir().unwrap();
    copy_fixture_lexicons(tmp.path());
    let dir = tmp.path().to_str().unwrap();
    let (_watching, rx) = spawn(&["check", "--watch", "--lexicons", dir]);
    // The fixture set shares "arms race" between its frames, on purpose.
    wait_for(&rx, "check: 0 errors, 1 warning");
    // Reading the lexicons is no change, and neither is a file of the folder that is no
    // lexicon: nothing runs again until a save.
    std::fs::write(tmp.path().join("notes.txt"), "a note").unwrap();
    if let Ok(line) = rx.recv_timeout(Duration::from_millis(1500)) {
        panic!("ran again with nothing saved: {line}");
    }
    let threat = tmp.path().join("threat.toml");
    let text = std::fs::read_to_string(&threat).unwrap();
    save(&threat, &text.replace("\"lead\"]", "\"lead\", \"Lead\"]"));
    let seen = wait_for(&rx, "check: 0 errors, 2 warnings");
    assert!(
        seen.iter().any(|l| l.contains("warning[duplicate-term]")),
        "{seen:#?}"
    );
    save(&threat, &text.replace("weight = 2.0", "wieght = 2.0"));
    let seen = wait_for(&rx, "check: 1 error");
    assert!(
        seen.iter().any(|l| l.contains("did you mean `weight`?")),
        "{seen:#?}"
    );
}

#[test]
fn eval_reruns_on_save_and_survives_a_broken_lexicon() {
    let tmp = tempfile::tempdir().unwrap();
    copy_fixture_lexicons(tmp.path());
    let gold = tmp.path().join("gold.jsonl");
    std::fs::write(
        &gold,
        "{\"id\": \"u1\", \"text\": \"An enemy at the gates.\", \"labels\": [\"threat\"]}\n{\"id\": \"u2\", \"text\": \"Cooperation.\", \"labels\": [\"cooperation\"]}\n",
    )
    .unwrap();
    let lex = tmp.path().join("lexicons");
    std::fs::create_dir(&lex).unwrap();
    copy_fixture_lexicons(&lex);
    let (_watching, rx, err) = spawn_both(&[
        "eval",
        "--watch",
        "--lexicons",
        lex.to_str().unwrap(),
        "--gold",
        gold.to_str().unwrap(),
    ]);
    wait_for(&rx, "macro-F1 0.500");
    let threat = lex.join("threat.toml");
    let text = std::fs::read_to_string(&threat).unwrap();
    // A broken save is reported on stderr; the next good one is evaluated.
    save(&threat, "id = \"threat\"\nname = ");
    let seen = wait_for(&err, "threat.toml:2:");
    assert!(
        seen.last().unwrap().contains("lexicons/threat.toml:2:"),
        "the error names the file and line: {seen:#?}"
    );
    save(
        &threat,
        &text
            .replace("\"lead\"]", "\"lead\", \"enemy\"]")
            .replace("min_score = 2.0", "min_score = 0.5"),
    );
    wait_for(&rx, "macro-F1 1.000");
}

#[test]
fn explain_reruns_when_the_document_changes() {
    let tmp = tempfile::tempdir().unwrap();
    let doc = tmp.path().join("doc.txt");
    std::fs::write(&doc, "A quiet day.").unwrap();
    let (_watching, rx) = spawn(&[
        "explain",
        "--watch",
        "--lexicons",
        "tests/fixtures/lexicons",
        doc.to_str().unwrap(),
    ]);
    wait_for(&rx, "A quiet day.");
    save(&doc, "An adversary appears.");
    wait_for(&rx, "An [threat: adversary] appears.");
}
