//! The console examples of the README and `docs/` run as tests, so that the documentation
//! cannot drift from what the commands print.
//!
//! Every ```` ```console ```` block of `README.md` and `docs/*.md` is read as a session:
//! `$ command` lines (a line ending in `\` continues on the next) are run with `sh -c`, in
//! order, in one scratch copy of the project per file (its `examples/`, `lexicons/`,
//! `tests/` and `scripts/` linked in, and `../shared` beside it), with the `framelex` under
//! test first on the `PATH`. The lines after a command are its expected output (stdout,
//! then stderr), compared with snapbox: a line `…` (or `...`) stands for any number of
//! lines and `…` (or `[..]`) inside a line for any text. A command shown without output
//! must succeed. Blocks marked ```` ```console ignore ```` are not run (a command on the
//! reader's own files); the text beside each says so.
//!
//! A file whose examples need `../shared` fails when it is missing, unless
//! `FRAMELEX_SKIP_GOLD=1` says a skip is intended (and then each skip is printed).

use std::path::{Path, PathBuf};
use std::process::Command;

use snapbox::IntoData;

/// One `$ command` with the output the docs show for it.
struct Step {
    /// Line of the `$` in the file.
    line: usize,
    command: String,
    expected: Vec<String>,
}

/// The steps of every runnable console block of a Markdown text, in order.
fn steps(md: &str) -> Vec<Step> {
    let mut steps: Vec<Step> = Vec::new();
    let mut in_block = false;
    let mut continued = false;
    for (i, line) in md.lines().enumerate() {
        if let Some(info) = line.strip_prefix("```") {
            in_block =
                !in_block && info.trim_start().starts_with("console") && !info.contains("ignore");
            continued = false;
            continue;
        }
        if !in_block {
            continue;
        }
        if continued {
            let step = steps.last_mut().expect("a command is open");
            step.command.push('\n');
            step.command.push_str(line);
            continued = line.ends_with('\\');
        } else if let Some(command) = line.strip_prefix("$ ") {
            steps.push(Step {
                line: i + 1,
                command: command.to_string(),
                expected: Vec::new(),
            });
            continued = command.ends_with('\\');
        } else if let Some(step) = steps.last_mut() {
            step.expected.push(line.to_string());
        }
    }
    steps
}

/// The docs' elisions in snapbox's syntax: `…` alone on a line is `...`, inside a line
/// `[..]`.
fn expected_text(lines: &[String]) -> String {
    let mut out = String::new();
    let end = lines
        .iter()
        .rposition(|l| !l.trim().is_empty())
        .map_or(0, |i| i + 1);
    for l in &lines[..end] {
        if l.trim() == "…" {
            out.push_str("...");
        } else {
            out.push_str(&l.replace('…', "[..]"));
        }
        out.push('\n');
    }
    out
}

/// Links `target` at `link` (files and folders).
fn link(target: &Path, link: &Path) {
    #[cfg(unix)]
    std::os::unix::fs::symlink(target, link).unwrap();
    #[cfg(not(unix))]
    panic!("the doc examples run on Unix only ({target:?} -> {link:?})");
}

fn project() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Runs the examples of one file; returns the failures.
fn run_file(name: &str) -> Vec<String> {
    let path = project().join(name);
    let md = std::fs::read_to_string(&path).unwrap();
    let steps = steps(&md);
    if steps.is_empty() {
        return Vec::new();
    }
    let shared = project().join("../shared");
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("project");
    std::fs::create_dir(&root).unwrap();
    for entry in ["examples", "lexicons", "tests", "scripts"] {
        link(&project().join(entry), &root.join(entry));
    }
    if shared.exists() {
        link(&shared.canonicalize().unwrap(), &tmp.path().join("shared"));
    }
    let bin = PathBuf::from(env!("CARGO_BIN_EXE_framelex"));
    let path_var = format!(
        "{}:{}",
        bin.parent().unwrap().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let mut failures = Vec::new();
    for step in steps {
        let place = format!("{name}:{}", step.line);
        if step.command.contains("../shared") && !shared.exists() {
            let msg = format!("{place}: needs ../shared, which is missing");
            if std::env::var_os("FRAMELEX_SKIP_GOLD").is_some_and(|v| v == "1") {
                eprintln!("SKIPPED (FRAMELEX_SKIP_GOLD=1): {msg}");
                continue;
            }
            failures.push(format!("{msg}; set FRAMELEX_SKIP_GOLD=1 to skip"));
            continue;
        }
        let out = Command::new("sh")
            .arg("-c")
            .arg(&step.command)
            .current_dir(&root)
            .env("PATH", &path_var)
            .env("NO_COLOR", "1")
            .env_remove("FRAMELEX_BIN")
            .output()
            .unwrap();
        let mut actual = String::from_utf8_lossy(&out.stdout).into_owned();
        actual.push_str(&String::from_utf8_lossy(&out.stderr));
        // A block ends where its text ends: trailing blank lines are not compared.
        let actual = format!("{}\n", actual.trim_end());
        if step.expected.iter().all(|l| l.trim().is_empty()) {
            if !out.status.success() {
                failures.push(format!(
                    "{place}: `{}` failed ({}):\n{actual}",
                    step.command, out.status
                ));
            }
            continue;
        }
        let expected = expected_text(&step.expected);
        // Backslashes are JSON escapes here, not Windows paths.
        if let Err(e) = snapbox::Assert::new().normalize_paths(false).try_eq(
            Some(&place),
            actual.clone().into_data(),
            expected.into_data(),
        ) {
            failures.push(format!("{place}: `{}`\n{e}", step.command));
        }
    }
    failures
}

fn doc_files() -> Vec<String> {
    let mut files = vec!["README.md".to_string()];
    let mut docs: Vec<String> = std::fs::read_dir(project().join("docs"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".md"))
        .map(|n| format!("docs/{n}"))
        .collect();
    docs.sort();
    files.extend(docs);
    files
}

/// `FRAMELEX_DOCS=README.md,docs/policy-frames.md` runs only those files (for editing).
#[test]
fn documented_examples_print_what_the_docs_say() {
    let only: Option<Vec<String>> = std::env::var("FRAMELEX_DOCS")
        .ok()
        .map(|v| v.split(',').map(str::to_string).collect());
    let files: Vec<String> = doc_files()
        .into_iter()
        .filter(|f| only.as_ref().is_none_or(|o| o.contains(f)))
        .collect();
    // A filter that names no file would pass having run nothing.
    assert!(
        !files.is_empty(),
        "FRAMELEX_DOCS names no documentation file (write docs/NAME.md)"
    );
    let failures: Vec<String> = files.iter().flat_map(|f| run_file(f)).collect();
    assert!(
        failures.is_empty(),
        "{} documented example(s) differ from what the commands print:\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}

#[test]
fn the_block_reader_reads_commands_outputs_and_elisions() {
    let md = "text\n```console\n$ framelex a \\\n    --b\nout 1\n…\nout…2\n$ framelex c\n```\n```console ignore\n$ framelex never\n```\n```sh\n$ framelex nor\n```\n";
    let s = steps(md);
    assert_eq!(s.len(), 2);
    assert_eq!(s[0].command, "framelex a \\\n    --b");
    assert_eq!(s[0].line, 3);
    assert_eq!(expected_text(&s[0].expected), "out 1\n...\nout[..]2\n");
    assert_eq!(s[1].command, "framelex c");
    assert!(s[1].expected.is_empty());
}
