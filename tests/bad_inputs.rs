//! Bad input never loses a record: the catalogue of docs/errors.md, one case per kind of
//! bad input, each run through the real binary.
//!
//! Every case states what its inputs hold (how many records), and every run is checked
//! for the accounting rule: one output record per input record (scored or an error
//! record), the same counts in the `--stats` line, exit status 2 exactly when a record
//! failed. Large and binary inputs are generated in temporary folders at run time; the
//! heavy cases are sized to prove their point (bounded memory, no hang) and no larger.

use std::io::Write;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

fn fixture_lexicons() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/lexicons")
}

/// What one run of `framelex score --format jsonl --stats` gave.
#[derive(Debug)]
struct Run {
    code: i32,
    records: Vec<Value>,
    stderr: String,
    stats: Stats,
}

/// The counts of the final `--stats` line.
#[derive(Debug, PartialEq, Eq, Default)]
struct Stats {
    records: u64,
    scored: u64,
    failed: u64,
    skipped: u64,
}

impl Run {
    fn errors(&self) -> Vec<&str> {
        self.records
            .iter()
            .filter_map(|r| r.get("error").and_then(Value::as_str))
            .collect()
    }

    fn ids(&self) -> Vec<&str> {
        self.records
            .iter()
            .map(|r| r["id"].as_str().expect("every record has an id"))
            .collect()
    }

    /// Checks the accounting rule for a run whose inputs held `records` records.
    fn accounts_for(&self, records: u64) -> &Self {
        let failed = self.errors().len() as u64;
        assert_eq!(
            self.records.len() as u64,
            records,
            "records out != records in\n{self:#?}"
        );
        assert_eq!(
            self.stats,
            Stats {
                records,
                scored: records - failed,
                failed,
                skipped: self.stats.skipped,
            },
            "--stats line disagrees with the output\n{self:#?}"
        );
        let want_code = if failed > 0 { 2 } else { 0 };
        assert_eq!(self.code, want_code, "exit status\n{self:#?}");
        if failed > 0 {
            assert!(
                self.stderr.contains(&format!(
                    "framelex: {records} records: {} scored, {failed} failed",
                    records - failed
                )),
                "{}",
                self.stderr
            );
        }
        self
    }

    fn stderr_has(&self, s: &str) -> &Self {
        assert!(
            self.stderr.contains(s),
            "stderr lacks {s:?}:\n{}",
            self.stderr
        );
        self
    }
}

/// Parses the `--stats` line: `framelex: N records: S scored, F failed, K skipped; …`.
fn parse_stats(stderr: &str) -> Stats {
    let line = stderr
        .lines()
        .rev()
        .find(|l| l.starts_with("framelex: ") && l.contains(" records: "))
        .unwrap_or_else(|| panic!("no --stats line in:\n{stderr}"));
    let counts = line["framelex: ".len()..]
        .split_once(';')
        .unwrap_or_else(|| panic!("stats line {line:?}"))
        .0;
    let nums: Vec<u64> = counts
        .split([' ', ',', ':'])
        .filter_map(|w| w.parse().ok())
        .collect();
    let stats = Stats {
        records: nums[0],
        scored: nums[1],
        failed: nums[2],
        skipped: nums[3],
    };
    assert_eq!(
        counts,
        format!(
            "{} records: {} scored, {} failed, {} skipped",
            stats.records, stats.scored, stats.failed, stats.skipped
        ),
        "stats line {line:?}"
    );
    stats
}

/// Runs `framelex score --format jsonl --stats` with the fixture lexicons in `dir`.
fn score_in(dir: &Path, args: &[&str]) -> Run {
    let out = Command::cargo_bin("framelex")
        .unwrap()
        .current_dir(dir)
        .args(["score", "--format", "jsonl", "--stats", "--lexicons"])
        .arg(fixture_lexicons())
        .args(args)
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).expect("output is UTF-8");
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    let records = stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect();
    Run {
        code: out.status.code().expect("exited, not killed"),
        records,
        stats: parse_stats(&stderr),
        stderr,
    }
}

/// A temporary folder holding `files`.
fn folder(files: &[(&str, &[u8])]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, bytes) in files {
        let p = dir.path().join(name);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, bytes).unwrap();
    }
    dir
}

fn frames(r: &Value) -> &Value {
    &r["frames"]
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    enc.write_all(bytes).unwrap();
    enc.finish().unwrap()
}

/// `n` JSONL records, ids 0.., each with one hit of "national security".
fn jsonl_records(n: usize) -> Vec<u8> {
    let mut s = String::new();
    for i in 0..n {
        s.push_str(&format!(
            "{{\"id\":\"r{i}\",\"text\":\"national security, item {i} of a long list\"}}\n"
        ));
    }
    s.into_bytes()
}

// ---- the catalogue ----------------------------------------------------------------------

#[test]
fn empty_files() {
    let dir = folder(&[("e.txt", b""), ("e.jsonl", b""), ("e.csv", b"")]);
    // An empty text file is one document with no words; empty JSONL and CSV files hold
    // no records.
    let run = score_in(dir.path(), &["e.txt", "e.jsonl", "e.csv"]);
    run.accounts_for(1);
    assert_eq!(run.ids(), ["e.txt"]);
    assert_eq!(run.records[0]["words"], 0);
    assert_eq!(run.records[0]["dominant"], Value::Null);
    // A CSV file with a header and no rows holds no records either.
    let dir = folder(&[("h.csv", b"id,text\n")]);
    score_in(dir.path(), &["h.csv"]).accounts_for(0);
}

/// A text file over `--max-doc-bytes` is one error record that gives its whole size
/// (after decompression), not the part read before giving up on it.
#[test]
fn an_oversized_text_file_is_an_error_with_its_whole_size() {
    let big = format!("{}x\n", "threat ".repeat(142));
    assert_eq!(big.len(), 996);
    // At the limit a document is scored; a byte over it, it is not.
    let at = format!("{}a threat", "x ".repeat(46));
    assert_eq!(at.len(), 100);
    let over = format!("{at}s");
    let dir = folder(&[
        ("big.txt", big.as_bytes()),
        ("at.txt", at.as_bytes()),
        ("over.txt", over.as_bytes()),
        ("bigz.txt.gz", &gzip(big.as_bytes())),
    ]);
    let r = score_in(
        dir.path(),
        &[
            "--max-doc-bytes",
            "100",
            "big.txt",
            "at.txt",
            "over.txt",
            "bigz.txt.gz",
        ],
    );
    r.accounts_for(4);
    assert_eq!(r.ids(), ["big.txt", "at.txt", "over.txt", "bigz.txt.gz"]);
    assert_eq!(r.records[1]["words"], 48);
    assert_eq!(
        r.errors(),
        [
            "big.txt: document is 996 bytes, over the limit of 100 (--max-doc-bytes)",
            "over.txt: document is 101 bytes, over the limit of 100 (--max-doc-bytes)",
            "bigz.txt.gz: document is 996 bytes, over the limit of 100 (--max-doc-bytes)",
        ]
    );
}

#[test]
fn empty_and_whitespace_only_text() {
    let dir = folder(&[
        ("ws.txt", b" \n\t\r\n \xc2\xa0 "),
        (
            "ws.jsonl",
            b"{\"id\":\"empty\",\"text\":\"\"}\n   \n\t\n{\"id\":\"ws\",\"text\":\" \\n\\t \"}\n",
        ),
        ("ws.csv", b"id,text\nempty,\nws,\"  \n  \"\n"),
    ]);
    let run = score_in(dir.path(), &["ws.txt", "ws.jsonl", "ws.csv"]);
    run.accounts_for(5);
    assert_eq!(run.ids(), ["ws.txt", "empty", "ws", "empty", "ws"]);
    for r in &run.records {
        assert_eq!(r["words"], 0, "{r}");
    }
    // The two blank JSONL lines are not records; they are counted as skipped.
    assert_eq!(run.stats.skipped, 2);
}

#[test]
fn nul_bytes() {
    let dir = folder(&[
        ("nul.txt", b"national\0security\0 and an arms race\0"),
        (
            "nul.jsonl",
            b"{\"id\":\"escaped\",\"text\":\"arms race\\u0000national security\"}\n{\"id\":\"raw\",\"text\":\"arms race\0\"}\n",
        ),
        ("nul.csv", b"id,text\ncsv,\"arms race\0\"\n"),
    ]);
    let run = score_in(dir.path(), &["nul.txt", "nul.jsonl", "nul.csv"]);
    run.accounts_for(4);
    // NUL is a non-word character: it separates words but is no space, so the phrase
    // "national security" does not span it, while "security" alone hits.
    let t = frames(&run.records[0]);
    assert_eq!(t["threat"]["terms"]["security"], 1);
    assert_eq!(t["threat"]["terms"]["arms race"], 1);
    assert!(t["threat"]["terms"].get("national security").is_none());
    assert_eq!(frames(&run.records[1])["threat"]["hits"], 2);
    // A raw control character inside a JSON string is malformed JSON (so the id cannot
    // be read either: the record is named by its place).
    assert_eq!(run.ids()[2], "nul.jsonl:2");
    assert!(
        run.errors()[0].starts_with("nul.jsonl:2: malformed JSON: control character"),
        "{:?}",
        run.errors()
    );
    assert_eq!(frames(&run.records[3])["threat"]["hits"], 1);
}

#[test]
fn invalid_utf8_in_text_jsonl_and_csv() {
    let dir = folder(&[
        ("bad.txt", b"national security \xff\xfe threat"),
        (
            "bad.jsonl",
            b"{\"id\":\"j\",\"text\":\"national security \xc3\x28 threat\"}\n{\"id\":\"ok\",\"text\":\"fine\"}\n",
        ),
        ("bad.csv", b"id,text\nc\xff,\"national security \xed\xa0\x80 threat\"\n"),
    ]);
    let run = score_in(dir.path(), &["bad.txt", "bad.jsonl", "bad.csv"]);
    run.accounts_for(4)
        .stderr_has("framelex: warning: 3 records held invalid UTF-8");
    let counts: Vec<&Value> = run.records.iter().map(|r| &r["invalid_utf8"]).collect();
    // Each U+FFFD put in counts: \xff\xfe two, \xc3( one, and an encoded surrogate
    // (\xed\xa0\x80) three, as String::from_utf8_lossy replaces it byte by byte.
    assert_eq!(
        counts,
        [
            &Value::from(2),
            &Value::from(1),
            &Value::Null,
            &Value::from(3)
        ]
    );
    for i in [0, 1, 3] {
        assert_eq!(
            frames(&run.records[i])["threat"]["hits"],
            2,
            "{}",
            run.records[i]
        );
    }
    assert_eq!(run.records[3]["id"], "c\u{FFFD}");
}

#[test]
fn an_unpaired_surrogate_escape_is_malformed_json_however_the_text_is_read() {
    // JSON may escape a lone UTF-16 surrogate, which is no character: the record fails
    // with serde_json's message, also when the text is kept as well (read from one raw
    // value) or nested in a kept object.
    let dir = folder(&[
        (
            "s.jsonl",
            b"{\"id\":\"a\",\"text\":\"x \\ud800 y\"}\n{\"id\":\"ok\",\"text\":\"fine\"}\n",
        ),
        (
            "n.jsonl",
            b"{\"id\":\"a\",\"body\":{\"text\":\"x \\ud800 y\"}}\n",
        ),
    ]);
    for extra in [&[][..], &["--keep", "text"][..]] {
        let mut args = extra.to_vec();
        args.push("s.jsonl");
        let run = score_in(dir.path(), &args);
        run.accounts_for(2);
        assert_eq!(
            run.errors(),
            ["s.jsonl:1: malformed JSON: unexpected end of hex escape (column 27)"],
            "{extra:?}"
        );
    }
    for extra in [&[][..], &["--keep", "body"][..]] {
        let mut args = vec!["--text-field", "body.text"];
        args.extend_from_slice(extra);
        args.push("n.jsonl");
        let run = score_in(dir.path(), &args);
        assert_eq!(
            run.errors(),
            ["n.jsonl:1: malformed JSON: unexpected end of hex escape (column 35)"],
            "{extra:?}"
        );
    }
}

#[test]
fn byte_order_marks() {
    let dir = folder(&[
        ("bom.txt", b"\xef\xbb\xbfnational security"),
        (
            "bom.jsonl",
            b"\xef\xbb\xbf{\"id\":\"j\",\"text\":\"national security\"}\n",
        ),
        ("bom.csv", b"\xef\xbb\xbfid,text\nc,national security\n"),
        (
            "bomq.csv",
            b"\xef\xbb\xbf\"id\",\"text\"\nq,national security\n",
        ),
    ]);
    let run = score_in(dir.path(), &["bom.txt", "bom.jsonl", "bom.csv", "bomq.csv"]);
    run.accounts_for(4);
    // The BOM is no part of the first field name: the id column is found.
    assert_eq!(run.ids(), ["bom.txt", "j", "c", "q"]);
    for r in &run.records {
        assert_eq!(frames(r)["threat"]["hits"], 1, "{r}");
        assert_eq!(r["words"], 2);
        assert!(r.get("invalid_utf8").is_none());
    }
}

#[test]
fn crlf_line_ends() {
    let dir = folder(&[
        ("crlf.txt", b"national\r\nsecurity\r\n"),
        (
            "crlf.jsonl",
            b"{\"id\":\"a\",\"text\":\"national security\"}\r\n\r\n{\"id\":\"b\",\"text\":\"arms\\r\\nrace\"}\r\n",
        ),
        ("crlf.csv", b"id,text\r\na,national security\r\nb,\"arms\r\nrace\"\r\n"),
    ]);
    let run = score_in(dir.path(), &["crlf.txt", "crlf.jsonl", "crlf.csv"]);
    run.accounts_for(5);
    assert_eq!(run.ids(), ["crlf.txt", "a", "b", "a", "b"]);
    // A line break inside a phrase is white space (matching contract, clause 5).
    assert_eq!(
        frames(&run.records[0])["threat"]["terms"]["national security"],
        1
    );
    assert_eq!(frames(&run.records[2])["threat"]["terms"]["arms race"], 1);
    assert_eq!(frames(&run.records[4])["threat"]["terms"]["arms race"], 1);
    assert_eq!(run.stats.skipped, 1);
}

#[test]
fn malformed_json() {
    let dir = folder(&[(
        "m.jsonl",
        b"{\"id\":\"ok\",\"text\":\"arms race\"}\n{\"id\":\"x\",\"text\":\"unterminated}\n{\"id\": 1,, \"text\":\"a\"}\n{\"text\":\"a\"} trailing\n{'single':'quotes'}\n{\"id\":\"last\",\"text\":\"fine\"}",
    )]);
    let run = score_in(dir.path(), &["m.jsonl"]);
    run.accounts_for(6);
    assert_eq!(
        run.errors(),
        [
            "m.jsonl:2: malformed JSON: EOF while parsing a string (column 31)",
            "m.jsonl:3: malformed JSON: key must be a string (column 10)",
            "m.jsonl:4: malformed JSON: trailing characters (column 14)",
            "m.jsonl:5: malformed JSON: key must be a string (column 2)",
        ]
    );
    // A record whose id cannot be read is named by its place.
    assert_eq!(
        run.ids(),
        [
            "ok",
            "m.jsonl:2",
            "m.jsonl:3",
            "m.jsonl:4",
            "m.jsonl:5",
            "last"
        ]
    );
    run.stderr_has("m.jsonl:2: malformed JSON")
        .stderr_has("framelex: 6 records: 2 scored, 4 failed, 0 skipped;");
}

#[test]
fn text_field_of_the_wrong_type() {
    let dir = folder(&[(
        "t.jsonl",
        b"{\"id\":\"n\",\"text\":5}\n{\"id\":\"z\",\"text\":null}\n{\"id\":\"a\",\"text\":[\"x\"]}\n{\"id\":\"o\",\"text\":{\"x\":1}}\n{\"id\":\"b\",\"text\":true}\n{\"id\":\"m\"}\n",
    )]);
    let run = score_in(dir.path(), &["t.jsonl"]);
    run.accounts_for(6);
    assert_eq!(run.ids(), ["n", "z", "a", "o", "b", "m"]);
    assert_eq!(
        run.errors(),
        [
            "t.jsonl:1: field \"text\" is a number, expected a string",
            "t.jsonl:2: field \"text\" is null, expected a string",
            "t.jsonl:3: field \"text\" is an array, expected a string",
            "t.jsonl:4: field \"text\" is an object, expected a string",
            "t.jsonl:5: field \"text\" is a boolean, expected a string",
            "t.jsonl:6: missing field \"text\"",
        ]
    );
}

#[test]
fn missing_nested_field() {
    let dir = folder(&[(
        "n.jsonl",
        b"{\"id\":\"ok\",\"body\":{\"text\":\"arms race\"}}\n{\"id\":\"no_text\",\"body\":{}}\n{\"id\":\"no_body\"}\n{\"id\":\"flat\",\"body\":\"arms race\"}\n{\"id\":\"list\",\"body\":[{\"text\":\"x\"}]}\n",
    )]);
    let run = score_in(dir.path(), &["--text-field", "body.text", "n.jsonl"]);
    run.accounts_for(5);
    assert_eq!(frames(&run.records[0])["threat"]["hits"], 1);
    assert_eq!(
        run.errors(),
        [
            "n.jsonl:2: missing field \"body.text\"",
            "n.jsonl:3: missing field \"body.text\"",
            "n.jsonl:4: missing field \"body.text\"",
            "n.jsonl:5: missing field \"body.text\"",
        ]
    );
}

#[test]
fn json_lines_that_are_not_objects() {
    let dir = folder(&[(
        "v.jsonl",
        b"[1, 2]\n\"text\"\n42\nnull\ntrue\n{\"id\":\"obj\",\"text\":\"arms race\"}\n",
    )]);
    let run = score_in(dir.path(), &["v.jsonl"]);
    run.accounts_for(6);
    assert_eq!(
        run.errors(),
        [
            "v.jsonl:1: not a JSON object (found an array)",
            "v.jsonl:2: not a JSON object (found a string)",
            "v.jsonl:3: not a JSON object (found a number)",
            "v.jsonl:4: not a JSON object (found null)",
            "v.jsonl:5: not a JSON object (found a boolean)",
        ]
    );
    assert_eq!(run.ids()[5], "obj");
}

#[test]
fn csv_quoted_fields_with_newlines_and_quotes() {
    let dir = folder(&[(
        "q.csv",
        b"id,text,extra\n\
          a,\"He said \"\"national security\"\"\nand then, \"\"arms race\"\"\",x\n\
          short\n\
          c,\"one, two\",1,2,3\n\
          d,\"still open: national security\n",
    )]);
    let run = score_in(dir.path(), &["q.csv"]);
    run.accounts_for(4);
    assert_eq!(run.ids(), ["a", "short", "c", "d"]);
    let a = frames(&run.records[0]);
    assert_eq!(a["threat"]["terms"]["national security"], 1);
    assert_eq!(a["threat"]["terms"]["arms race"], 1);
    // Line numbers count the lines of the quoted cell above.
    assert_eq!(run.errors(), ["q.csv:4: row has no \"text\" column"]);
    // A row with extra cells is read; an unclosed quote runs to the end of the file.
    assert_eq!(run.records[2]["words"], 2);
    assert_eq!(frames(&run.records[3])["threat"]["hits"], 1);
}

#[test]
fn truncated_gzip_and_corrupt_zstd() {
    let plain = jsonl_records(20_000);
    let gz = gzip(&plain);
    let mut zst = zstd::encode_all(&plain[..], 3).unwrap();
    let mid = zst.len() / 2;
    for b in &mut zst[mid..mid + 64] {
        *b ^= 0x5a;
    }
    let text_gz = gzip(&b"national security ".repeat(20_000));
    let mut csv = b"id,text\n".to_vec();
    for i in 0..20_000 {
        csv.extend_from_slice(format!("c{i},\"arms race\nline {i}\"\n").as_bytes());
    }
    let csv_gz = gzip(&csv);
    let dir = folder(&[
        ("cut.jsonl.gz", &gz[..gz.len() / 2]),
        ("bad.jsonl.zst", &zst),
        ("cut.txt.gz", &text_gz[..text_gz.len() / 2]),
        ("cut.csv.gz", &csv_gz[..csv_gz.len() / 2]),
    ]);
    for (file, detail) in [
        ("cut.jsonl.gz", "cannot read: "),
        ("bad.jsonl.zst", "cannot read: "),
        ("cut.csv.gz", "cannot read: incomplete deflate stream"),
    ] {
        let run = score_in(dir.path(), &[file]);
        let n = run.records.len() as u64;
        run.accounts_for(n);
        // The records before the damage are scored, in order; then one error record that
        // says where the damage is and that the rest of the file is lost.
        let errors = run.errors();
        assert_eq!(errors.len(), 1, "{file}: {errors:?}");
        assert!(run.records.last().unwrap().get("error").is_some());
        assert!(n > 100 && n < 20_000, "{file}: {n} records");
        let wants = if file.ends_with("csv.gz") {
            // CSV records span two lines each, after the header: the damage is on one of
            // the two lines of the record after the last whole one (which one depends on
            // how far the decompressor got before it noticed).
            let first = 2 * (n - 1) + 2;
            vec![
                format!("{file}:{first}: {detail}"),
                format!("{file}:{}: {detail}", first + 1),
            ]
        } else {
            vec![format!("{file}:{n}: {detail}")]
        };
        assert!(
            wants.iter().any(|w| errors[0].starts_with(w))
                && errors[0].ends_with("; the rest of the file is lost"),
            "{file}: {} (want one of {wants:?}…)",
            errors[0]
        );
        for (i, r) in run.records[..n as usize - 1].iter().enumerate() {
            let id = r["id"].as_str().unwrap();
            assert_eq!(&id[1..], i.to_string(), "{file}");
        }
    }
    // A text file is one record: a damaged one is an error record.
    let run = score_in(dir.path(), &["cut.txt.gz"]);
    run.accounts_for(1);
    assert_eq!(
        run.errors(),
        ["cut.txt.gz: cannot read: incomplete deflate stream"]
    );
}

#[test]
fn unreadable_inputs() {
    let dir = folder(&[("locked.txt", b"national security")]);
    let locked = dir.path().join("locked.txt");
    let mut perms = std::fs::metadata(&locked).unwrap().permissions();
    std::os::unix::fs::PermissionsExt::set_mode(&mut perms, 0o000);
    std::fs::set_permissions(&locked, perms).unwrap();
    // Permission bits do not stop root (CI and these machines run as root), so what a
    // chmod 000 file gets depends on who runs the test: find out rather than assume.
    let privileged = std::fs::read(&locked).is_ok();
    let run = score_in(dir.path(), &["locked.txt"]);
    run.accounts_for(1);
    if privileged {
        assert_eq!(frames(&run.records[0])["threat"]["hits"], 1);
    } else {
        assert_eq!(run.errors(), ["locked.txt: cannot open: Permission denied"]);
    }
    // Files that nobody can read, root included: a Unix socket cannot be opened, and
    // /proc/self/mem opens but fails to read at offset 0. A directory named like a file
    // is read as a folder.
    let _socket = std::os::unix::net::UnixListener::bind(dir.path().join("socket.txt")).unwrap();
    let mut args = vec!["socket.txt"];
    if Path::new("/proc/self/mem").exists() {
        args.push("/proc/self/mem");
    }
    let run = score_in(dir.path(), &args);
    run.accounts_for(args.len() as u64);
    assert_eq!(
        run.errors()[0],
        "socket.txt: cannot open: No such device or address"
    );
    if args.len() > 1 {
        assert_eq!(
            run.errors()[1],
            "/proc/self/mem: cannot read: Input/output error"
        );
    }
    run.stderr_has(&format!(
        "framelex: {0} records: 0 scored, {0} failed",
        args.len()
    ));
}

#[test]
fn symlink_loops_in_a_folder() {
    let dir = folder(&[
        ("corpus/a.txt", b"national security"),
        ("corpus/sub/b.txt", b"arms race"),
    ]);
    let corpus = dir.path().join("corpus");
    std::os::unix::fs::symlink("..", corpus.join("sub/up")).unwrap();
    std::os::unix::fs::symlink("self2.txt", corpus.join("self1.txt")).unwrap();
    std::os::unix::fs::symlink("self1.txt", corpus.join("self2.txt")).unwrap();
    let run = score_in(dir.path(), &["corpus"]);
    run.accounts_for(5);
    assert_eq!(
        run.ids(),
        [
            "corpus/a.txt",
            "corpus/self1.txt",
            "corpus/self2.txt",
            "corpus/sub/b.txt",
            "corpus/sub/up"
        ]
    );
    assert_eq!(
        run.errors(),
        [
            "corpus/self1.txt: cannot read: Too many levels of symbolic links",
            "corpus/self2.txt: cannot read: Too many levels of symbolic links",
            "corpus/sub/up: symbolic link loop back to corpus",
        ]
    );
}

/// Accounting across the whole catalogue in one run: every small input above, read
/// together (two threads, files of every kind mixed), gives one output record per input
/// record, in input order.
#[test]
fn accounting_across_the_catalogue() {
    let mut csv = b"id,text\n".to_vec();
    for i in 0..700 {
        csv.extend_from_slice(format!("c{i},\"arms race\n{i}\"\n").as_bytes());
    }
    let csv_gz = gzip(&csv);
    let jsonl = jsonl_records(1500);
    let files: Vec<(&str, Vec<u8>, u64)> = vec![
        ("01-empty.txt", b"".to_vec(), 1),
        ("02-empty.jsonl", b"".to_vec(), 0),
        ("03-empty.csv", b"".to_vec(), 0),
        ("04-ws.txt", b" \n ".to_vec(), 1),
        ("05-ws.jsonl", b"{\"text\":\" \"}\n\n \n".to_vec(), 1),
        ("06-nul.txt", b"a\0b".to_vec(), 1),
        ("07-nul.jsonl", b"{\"text\":\"a\0\"}\n".to_vec(), 1),
        ("08-bad.txt", b"\xff".to_vec(), 1),
        ("09-bad.jsonl", b"{\"text\":\"\xff\"}\n".to_vec(), 1),
        ("10-bad.csv", b"text\n\xff\n".to_vec(), 1),
        ("11-bom.csv", b"\xef\xbb\xbftext\nx\n".to_vec(), 1),
        (
            "12-crlf.jsonl",
            b"{\"text\":\"a\"}\r\n\r\n{\"text\":\"b\"}\r\n".to_vec(),
            2,
        ),
        (
            "13-malformed.jsonl",
            b"{\n}\n{\"text\":1}\n[]\nnull\n".to_vec(),
            5,
        ),
        (
            "14-quoted.csv",
            b"id,text\na,\"x\n\"\"y\"\"\"\nb\n".to_vec(),
            2,
        ),
        ("15-cut.jsonl.gz", gzip(&jsonl)[..4000].to_vec(), 0),
        ("16-cut.csv.gz", csv_gz[..csv_gz.len() / 2].to_vec(), 0),
        ("17-notext.csv", b"id,body\n1,x\n".to_vec(), 1),
        ("18-many.jsonl", jsonl.clone(), 1500),
    ];
    let dir = tempfile::tempdir().unwrap();
    let mut known = 0;
    for (name, bytes, n) in &files {
        std::fs::write(dir.path().join(name), bytes).unwrap();
        known += n;
    }
    // The damaged files hold as many records as were read before the damage, plus one
    // error record: count them alone first.
    let mut damaged = 0;
    for name in ["15-cut.jsonl.gz", "16-cut.csv.gz"] {
        let run = score_in(dir.path(), &[name]);
        assert_eq!(run.errors().len(), 1);
        damaged += run.records.len() as u64;
    }
    let names: Vec<&str> = files.iter().map(|f| f.0).collect();
    let mut args = vec!["--threads", "2"];
    args.extend(&names);
    let together = score_in(dir.path(), &args);
    together.accounts_for(known + damaged);
    // In input order: ids of the many-record file come last, in order.
    let tail: Vec<&str> = together.ids()[together.records.len() - 1500..].to_vec();
    let want: Vec<String> = (0..1500).map(|i| format!("r{i}")).collect();
    assert_eq!(tail, want);
    // The same inputs as one folder: the same records.
    let folder_run = score_in(dir.path(), &["--threads", "1", "."]);
    assert_eq!(folder_run.records.len(), together.records.len());
    assert_eq!(folder_run.stats, together.stats);
}

// ---- large inputs ------------------------------------------------------------------------

/// Held by the tests that measure a child's peak memory and by those that hold tens of
/// megabytes themselves: on Linux a child's peak includes what this test process held when
/// the child was started, so a measured run must not overlap a test that holds a big buffer.
static BIG_MEMORY: std::sync::Mutex<()> = std::sync::Mutex::new(());

fn big_memory() -> std::sync::MutexGuard<'static, ()> {
    // A test that failed while holding the lock poisons it; the others still run.
    BIG_MEMORY.lock().unwrap_or_else(|e| e.into_inner())
}

/// Peak resident memory of a child run to completion, in bytes (Linux: from wait4).
#[cfg(target_os = "linux")]
fn run_measured(dir: &Path, args: &[&str]) -> (i32, Vec<u8>, String, u64) {
    use std::io::Read;
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("framelex"))
        .current_dir(dir)
        .args(["score", "--format", "jsonl", "--stats", "--lexicons"])
        .arg(fixture_lexicons())
        .args(args)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut stderr = child.stderr.take().unwrap();
    let out = std::thread::spawn(move || {
        let mut v = Vec::new();
        stdout.read_to_end(&mut v).unwrap();
        v
    });
    let err = std::thread::spawn(move || {
        let mut s = String::new();
        stderr.read_to_string(&mut s).unwrap();
        s
    });
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    // SAFETY: an all-zero rusage is a valid value; wait4 only writes into it.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: pid is our own child, not yet waited for; the pointers are to live locals.
    let r = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    assert_eq!(r, pid, "wait4: {}", std::io::Error::last_os_error());
    assert!(libc::WIFEXITED(status), "killed by a signal: {status}");
    let code = libc::WEXITSTATUS(status);
    // Reaped by wait4: stop Child from waiting again.
    std::mem::forget(child);
    (
        code,
        out.join().unwrap(),
        err.join().unwrap(),
        usage.ru_maxrss as u64 * 1024,
    )
}

/// Lines are read in blocks of a few hundred kilobytes, shared by their records: 2.5 MB of
/// lines of every length, with blank, CRLF, malformed and too-long lines among them, must
/// come out one record per line, in order, each with its own line number and text.
#[test]
fn lines_across_read_blocks_keep_their_order_numbers_and_text() {
    let mut input = Vec::new();
    let mut want: Vec<(usize, Option<&str>)> = Vec::new(); // (line, failure)
    for line in 1..=6000usize {
        match line % 997 {
            0 => input.extend_from_slice(b"   \n"), // blank: skipped
            1 if line > 1 => {
                input.extend_from_slice(b"{\"id\": \"broken\n");
                want.push((line, Some("malformed JSON")));
            }
            500 => {
                let big = "x ".repeat(3000);
                input.extend_from_slice(format!("{{\"text\": \"{big}\"}}\n").as_bytes());
                want.push((line, Some("over the limit of 5000")));
            }
            _ => {
                // Lengths from a few bytes to 1.5 KB; the text names its own line and
                // says "national security" once for every 100 lines.
                let filler = "word ".repeat(line * 7 % 300);
                let hits = "national security ".repeat(line / 100);
                let end = if line % 3 == 0 { "\r\n" } else { "\n" };
                let rec = format!(
                    "{{\"id\": \"l{line}\", \"text\": \"{hits}{filler}line {line}\"}}{end}"
                );
                input.extend_from_slice(rec.as_bytes());
                want.push((line, None));
            }
        }
    }
    assert!(input.len() > 2 << 20, "spans several blocks");
    let dir = folder(&[("lines.jsonl", &input)]);
    for threads in ["1", "2"] {
        let r = score_in(
            dir.path(),
            &[
                "--threads",
                threads,
                "--max-doc-bytes",
                "5000",
                "lines.jsonl",
            ],
        );
        assert_eq!(r.code, 2, "{}", r.stderr);
        assert_eq!(r.records.len(), want.len());
        assert_eq!(r.stats.skipped, 6);
        for (rec, (line, failure)) in r.records.iter().zip(&want) {
            match failure {
                Some(reason) => {
                    let e = rec["error"].as_str().unwrap();
                    assert!(e.starts_with(&format!("lines.jsonl:{line}: ")), "{e}");
                    assert!(e.contains(reason), "{e}");
                }
                None => {
                    assert_eq!(rec["id"], format!("l{line}"));
                    assert_eq!(frames(rec)["threat"]["hits"], line / 100, "line {line}");
                    // The word count shows the whole line's text was read, no more, no
                    // less: the filler, the hits and "line N".
                    let words = line * 7 % 300 + 2 * (line / 100) + 2;
                    assert_eq!(rec["words"], words, "line {line}");
                }
            }
        }
    }
}

/// A block of lines keeps no room for a line it dropped: short lines between lines too
/// long to keep and long blank lines, 260 MB in all, stay in bounded memory (each dropped
/// line used to pin the room it took in the block shared by the short lines around it:
/// about 160 MB here). The bound is the other large-input test's, because a child's peak
/// as Linux reports it includes what this test process held when it was started.
#[cfg(target_os = "linux")]
#[test]
fn dropped_long_lines_leave_no_memory_behind() {
    let _big = big_memory();
    let dir = tempfile::tempdir().unwrap();
    {
        let mut f =
            std::io::BufWriter::new(std::fs::File::create(dir.path().join("mixed.jsonl")).unwrap());
        let long = format!("{{\"text\": \"{}\"}}\n", "x".repeat(9 << 20));
        let blank = format!("{}\n", " ".repeat(4 << 20));
        for i in 0..20 {
            writeln!(f, r#"{{"id": "a{i}", "text": "national security"}}"#).unwrap();
            f.write_all(long.as_bytes()).unwrap();
            writeln!(f, r#"{{"id": "b{i}", "text": "arms race"}}"#).unwrap();
            f.write_all(blank.as_bytes()).unwrap();
        }
    }
    let (code, out, err, peak) =
        run_measured(dir.path(), &["--max-doc-bytes", "8000000", "mixed.jsonl"]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("framelex: 60 records: 40 scored, 20 failed, 20 skipped;"),
        "{err}"
    );
    assert_eq!(
        out.split(|&b| b == b'\n').filter(|l| !l.is_empty()).count(),
        60
    );
    assert!(peak < 100 << 20, "peak memory {} MB", peak >> 20);
}

#[cfg(target_os = "linux")]
#[test]
fn a_50_mb_document_is_scored_whole() {
    let _big = big_memory();
    // Mostly words that hit nothing, one hit at each end: the end one proves that the
    // whole document was read and scanned.
    const MB: usize = 1 << 20;
    let dir = tempfile::tempdir().unwrap();
    let filler = b"The quick brown fox jumps over the lazy dog. ";
    let mut doc = b"national security ".to_vec();
    while doc.len() < 50 * MB - 16 {
        doc.extend_from_slice(filler);
    }
    doc.truncate(50 * MB - 10);
    doc.extend_from_slice(b" arms race");
    assert_eq!(doc.len(), 50 * MB);
    std::fs::write(dir.path().join("big.txt"), &doc).unwrap();
    drop(doc);
    let (code, out, err, peak) = run_measured(dir.path(), &["big.txt"]);
    assert_eq!(code, 0, "{err}");
    let rec: Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(rec["frames"]["threat"]["terms"]["national security"], 1);
    assert_eq!(rec["frames"]["threat"]["terms"]["arms race"], 1);
    assert_eq!(rec["frames"]["cooperation"]["terms"]["arms race"], 1);
    assert!(
        err.contains("framelex: 1 records: 1 scored, 0 failed, 0 skipped;"),
        "{err}"
    );
    // The document is held whole with its normalised copy: a few times its size, never
    // a blow-up (docs/errors.md).
    assert!(peak < 8 * 50 * MB as u64, "peak memory {} MB", peak >> 20);
}

#[cfg(target_os = "linux")]
#[test]
fn a_100_mb_jsonl_line_without_newline_is_an_error_record_in_bounded_memory() {
    let _big = big_memory();
    const MB: usize = 1 << 20;
    let dir = tempfile::tempdir().unwrap();
    {
        let f = std::fs::File::create(dir.path().join("huge.jsonl")).unwrap();
        let mut f = std::io::BufWriter::new(f);
        f.write_all(b"{\"id\":\"small\",\"text\":\"arms race\"}\n{\"id\":\"huge\",\"text\":\"")
            .unwrap();
        let chunk = b"national security ".repeat(MB / 16);
        let mut written = 0;
        while written < 100 * MB {
            f.write_all(&chunk).unwrap();
            written += chunk.len();
        }
        f.write_all(b"\"}").unwrap(); // and no final newline
    }
    let (code, out, err, peak) = run_measured(dir.path(), &["huge.jsonl"]);
    assert_eq!(code, 2, "{err}");
    let recs: Vec<Value> = out
        .split(|&b| b == b'\n')
        .filter(|l| !l.is_empty())
        .map(|l| serde_json::from_slice(l).unwrap())
        .collect();
    assert_eq!(recs.len(), 2);
    assert_eq!(recs[0]["id"], "small");
    let e = recs[1]["error"].as_str().unwrap();
    assert!(
        e.starts_with("huge.jsonl:2: line is ")
            && e.ends_with(" bytes, over the limit of 67108864 (--max-doc-bytes)"),
        "{e}"
    );
    assert!(
        err.contains("framelex: 2 records: 1 scored, 1 failed, 0 skipped;"),
        "{err}"
    );
    // The line is never held whole: memory stays under its size (the reader keeps at
    // most --max-doc-bytes of it before giving up on it).
    assert!(peak < 100 * MB as u64, "peak memory {} MB", peak >> 20);
}

// ---- lexicon abuse -----------------------------------------------------------------------

/// Runs `framelex score --lexicons DIR -` on `text`, with the lexicon files given.
fn score_with_lexicon(files: &[(String, String)], text: &str) -> (i32, Vec<Value>, String) {
    let (code, stdout, stderr) = score_with_lexicon_raw(files, text);
    let records = stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    (code, records, stderr)
}

/// Like [`score_with_lexicon`], with the output as text (JSON objects parsed into
/// `Value`s lose their key order).
fn score_with_lexicon_raw(files: &[(String, String)], text: &str) -> (i32, String, String) {
    let dir = tempfile::tempdir().unwrap();
    for (name, body) in files {
        std::fs::write(dir.path().join(name), body).unwrap();
    }
    let out = Command::cargo_bin("framelex")
        .unwrap()
        .args(["score", "--format", "jsonl", "--lexicons"])
        .arg(dir.path())
        .arg("-")
        .write_stdin(text)
        .output()
        .unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn frame_toml(id: &str, terms: &[String]) -> String {
    let list: Vec<String> = terms
        .iter()
        .map(|t| serde_json::to_string(t).unwrap())
        .collect();
    format!(
        "id = \"{id}\"\nname = \"{id}\"\n\n[[group]]\nname = \"g\"\nterms = [{}]\n",
        list.join(", ")
    )
}

#[test]
fn lexicon_with_100_000_terms() {
    let _big = big_memory();
    let terms: Vec<String> = (0..100_000).map(|i| format!("w{i:06}")).collect();
    let (code, out, err) = score_with_lexicon(
        &[("big.toml".into(), frame_toml("big", &terms))],
        "W000000 and w099999, not w100000",
    );
    assert_eq!(code, 0, "{err}");
    let f = &out[0]["frames"]["big"];
    assert_eq!(f["terms"]["w000000"], 1);
    assert_eq!(f["terms"]["w099999"], 1);
    assert_eq!(f["hits"], 2);
}

#[test]
fn lexicon_with_1_000_frames() {
    let mut files: Vec<(String, String)> = (0..1000)
        .map(|i| {
            let id = format!("f{i:04}");
            let terms = [
                format!("t{i:04}"),
                "common".to_string(),
                format!("x{i:04}*"),
            ];
            (format!("{id}.toml"), frame_toml(&id, &terms))
        })
        .collect();
    files.push((
        "set.toml".into(),
        "name = \"many\"\nframes = [\"f0999\", \"f0000\"]\n".into(),
    ));
    let (code, raw, err) = score_with_lexicon_raw(&files, "common t0005 x0999abc");
    assert_eq!(code, 0, "{err}");
    let out: Value = serde_json::from_str(&raw).unwrap();
    let frames = out["frames"].as_object().unwrap();
    assert_eq!(frames.len(), 1000);
    // A term listed in every frame counts once in each.
    assert!(frames.values().all(|f| f["terms"]["common"] == 1));
    assert_eq!(frames["f0005"]["hits"], 2);
    assert_eq!(frames["f0999"]["terms"]["x0999*"], 1);
    // set.toml's order first, then file order.
    let at = |id: &str| raw.find(&format!("\"{id}\":{{")).unwrap();
    assert!(at("f0999") < at("f0000") && at("f0000") < at("f0001") && at("f0001") < at("f0998"));
}

#[test]
fn a_10_000_character_phrase() {
    let words: Vec<String> = (0..3000).map(|i| format!("w{}", i % 100)).collect();
    let mut phrase = words.join(" ");
    phrase.truncate(10_000);
    let phrase = phrase.trim_end().to_string();
    assert!(phrase.len() > 9_990);
    let (code, out, err) = score_with_lexicon(
        &[(
            "long.toml".into(),
            frame_toml("long", std::slice::from_ref(&phrase)),
        )],
        // Upper case, line breaks and hyphens for spaces: still the one phrase.
        &format!(
            "x {} y",
            phrase
                .to_uppercase()
                .replacen(' ', "\n", 500)
                .replacen(' ', "-", 500)
        ),
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(out[0]["frames"]["long"]["terms"][&phrase], 1);
}

#[test]
fn empty_blank_and_punctuation_terms() {
    let terms: Vec<String> = ["ok", "", "   ", "\u{2014}", "*", "\u{200B}", "a*b"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    let (code, out, err) = score_with_lexicon(&[("t.toml".into(), frame_toml("t", &terms))], "ok");
    assert_eq!(code, 2);
    assert!(out.is_empty());
    for want in [
        "t.toml:6:16: empty term",
        "t.toml:6:20: empty term",
        "t.toml:6:27: term \"\u{2014}\" normalises to nothing",
        "t.toml:6:32: term \"*\" normalises to nothing",
        // Invisible characters are shown escaped.
        "t.toml:6:37: term \"\\u{200b}\" normalises to nothing",
        "t.toml:6:42: wildcard * is allowed only at the end of a term",
    ] {
        assert!(err.contains(want), "stderr lacks {want:?}:\n{err}");
    }
    // All punctuation is a valid term: with no word character at either end it needs no
    // word boundary.
    let terms = vec!["!!!".to_string(), "?!".to_string()];
    let (code, out, err) = score_with_lexicon(
        &[("p.toml".into(), frame_toml("p", &terms))],
        "What?! Wow!!!! Yes!!!",
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(out[0]["frames"]["p"]["terms"]["!!!"], 2);
    assert_eq!(out[0]["frames"]["p"]["terms"]["?!"], 1);
}

#[test]
fn a_wildcard_on_a_one_letter_stem() {
    let terms = vec!["a*".to_string()];
    let text = "An apple a day: Äpfel are apples. ".repeat(2000);
    let (code, out, err) = score_with_lexicon(&[("w.toml".into(), frame_toml("w", &terms))], &text);
    assert_eq!(code, 0, "{err}");
    // "An", "apple", "a", "are", "apples" (not "Äpfel": Ä is not a), 2,000 times.
    assert_eq!(out[0]["frames"]["w"]["terms"]["a*"], 5 * 2000);
}

#[test]
fn deeply_nested_and_huge_toml() {
    let _big = big_memory();
    // Nesting past the TOML parser's depth limit is an error with a place, not a stack
    // overflow.
    for (open, close) in [("[", "]"), ("{a=", "}")] {
        let deep = format!(
            "id = \"d\"\nname = \"D\"\nx = {}1{}\n",
            open.repeat(100_000),
            close.repeat(100_000)
        );
        let (code, out, err) = score_with_lexicon(&[("d.toml".into(), deep)], "x");
        assert_eq!(code, 2);
        assert!(out.is_empty());
        assert!(err.contains("d.toml:3:"), "{err}");
        assert!(
            err.contains("recursion") || err.contains("recurse"),
            "{err}"
        );
    }
    // A 20 MB file (a long description) loads.
    let mut huge = frame_toml("h", &["needle".to_string()]);
    huge = huge.replacen(
        "name = \"h\"\n",
        &format!(
            "name = \"h\"\ndescription = \"{}\"\n",
            "hay ".repeat(5 << 20)
        ),
        1,
    );
    assert!(huge.len() > 20 << 20);
    let (code, out, err) = score_with_lexicon(&[("h.toml".into(), huge)], "a needle");
    assert_eq!(code, 0, "{err}");
    assert_eq!(out[0]["frames"]["h"]["hits"], 1);
    // Not UTF-8: an error naming the file.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("b.toml"), b"id = \"b\"\nname = \"\xff\"\n").unwrap();
    let out = Command::cargo_bin("framelex")
        .unwrap()
        .args(["score", "--lexicons"])
        .arg(dir.path())
        .arg("-")
        .write_stdin("x")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("b.toml: cannot read lexicon:"), "{err}");
}

/// Bad scopes stop the run with the place, before any input is read; a scope nobody
/// uses does not.
#[test]
fn bad_scopes() {
    let frame = |scope: &str| {
        frame_toml("a", &["threat".to_string()]).replacen(
            "name = \"a\"\n",
            &format!("name = \"a\"\nscope = \"{scope}\"\n"),
            1,
        )
    };
    let rows: &[(&str, &str, &[&str])] = &[
        (
            "[scope.ai]\nterms = [\"AI\"]\n",
            "ia",
            &["a.toml:3:9: unknown scope \"ia\" (set.toml defines: ai)"],
        ),
        (
            "[scope.ai]\nterms = []\n",
            "ai",
            &["set.toml:2:9: scope \"ai\" has no terms"],
        ),
        (
            "[scope.ai]\nterms = [\"AI\"]\nwindow = \"page\"\nmin_hits = 0\ndocument_min_hits = 0\n",
            "ai",
            &[
                "set.toml:3:10: scope \"ai\": window must be \"unit\", \"document\", \"paragraph\", \"sentence\" or a number of words of at least 1, not \"page\"",
                "set.toml:4:12: scope \"ai\": min_hits must be at least 1 (to stop restricting a frame, remove its `scope` key)",
                "set.toml:5:21: scope \"ai\": document_min_hits must be at least 1",
            ],
        ),
        (
            "[scope.AI]\nterms = [\"AI\"]\n",
            "AI",
            &["set.toml:1:8: scope name \"AI\" must be lower-case ASCII letters, digits and _, starting with a letter"],
        ),
        (
            "[scope.ai]\nterms = [\"AI\"]\n",
            "AI",
            &["a.toml:3:9: unknown scope \"AI\": scope names are lower-case ASCII letters, digits and _, starting with a letter"],
        ),
        (
            "[scope.ai]\nterms = [\"AI\"]\nwindwo = 3\n",
            "ai",
            &["set.toml:3:1: unknown field `windwo`, expected one of"],
        ),
    ];
    for (set, scope, wants) in rows {
        let (code, out, err) = score_with_lexicon(
            &[
                ("set.toml".into(), set.to_string()),
                ("a.toml".into(), frame(scope)),
            ],
            "AI is a threat",
        );
        assert_eq!(code, 2, "{set}: {err}");
        assert!(out.is_empty(), "{set}");
        for want in *wants {
            assert!(err.contains(want), "{set}: stderr lacks {want:?}:\n{err}");
        }
        // One message per problem: a scope that failed in set.toml is not also unknown
        // to the frames that name it.
        assert_eq!(err.lines().count(), wants.len(), "{set}: {err}");
    }
    // A scope no frame names is only a lint warning: scoring goes on, unrestricted.
    let (code, out, err) = score_with_lexicon(
        &[
            ("set.toml".into(), "[scope.ai]\nterms = [\"AI\"]\n".into()),
            ("a.toml".into(), frame_toml("a", &["threat".to_string()])),
        ],
        "a threat",
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(out[0]["frames"]["a"]["hits"], 1);
}

/// JSONL whose text field has another name: one error record per record, as before, and
/// one hint at the end that lists the fields and names the likely one (issue 17, item 3).
#[test]
fn jsonl_text_field_under_another_name_gets_one_hint() {
    let dir = folder(&[
        (
            "body.jsonl",
            b"{\"id\":\"a\",\"body\":\"Officials warned of a threat to national security.\",\"date\":\"2024-03-01\"}\n{\"id\":\"b\",\"body\":\"A second article, with words.\",\"date\":\"2024-03-02\"}\n{\"id\":\"c\",\"body\":\"Third.\"}\n",
        ),
        ("cased.jsonl", b"{\"id\":\"x\",\"Text\":\"short\"}\n"),
        ("nothing.jsonl", b"{\"id\":\"x\",\"n\":3,\"date\":\"2024-01-01\"}\n"),
    ]);
    let run = score_in(dir.path(), &["body.jsonl"]);
    assert_eq!(run.code, 2);
    assert_eq!(run.stats.failed, 3);
    assert_eq!(run.records.len(), 3);
    assert_eq!(run.stderr.matches("missing field \"text\"").count(), 3);
    assert_eq!(run.stderr.matches("hint:").count(), 1, "{}", run.stderr);
    assert!(run.stderr.contains(
        "framelex: hint: records have no field \"text\" (fields: \"body\", \"date\", \"id\"); name the text field with --text-field body"
    ), "{}", run.stderr);
    // A near spelling wins, whatever its length; with no prose field, no guess.
    let run = score_in(dir.path(), &["cased.jsonl"]);
    assert!(run.stderr.contains("--text-field Text"), "{}", run.stderr);
    let run = score_in(dir.path(), &["nothing.jsonl"]);
    assert!(
        run.stderr
            .contains("(fields: \"date\", \"id\", \"n\"); name the text field with --text-field\n"),
        "{}",
        run.stderr
    );
    // The hint's advice works.
    let run = score_in(dir.path(), &["--text-field", "body", "body.jsonl"]);
    assert_eq!((run.code, run.stats.scored), (0, 3));
}

/// A `.json` file holding one JSON array of records (pandas, scrapers) is read as its
/// records, numbered from 1, compact, pretty-printed or gzipped; an array that does not
/// parse is one error record that says how to convert it (issue 17, item 3).
#[test]
fn json_array_files_are_read_as_records() {
    let records = "[{\"id\": \"a\", \"text\": \"Adversaries threaten national security.\"}, {\"text\": \"Coopération et dialogue.\"}, {\"id\": \"c\"}, 7]";
    let pretty = records.replace(", {", ",\n  {").replace('[', "[\n  ") + "\n";
    let dir = folder(&[
        ("compact.json", records.as_bytes()),
        ("pretty.json", format!("\u{feff}{pretty}").as_bytes()),
        ("zipped.json.gz", &gzip(records.as_bytes())),
        ("broken.json", b"[{\"text\": \"a\"}, {\"text\": "),
    ]);
    for name in ["compact.json", "pretty.json", "zipped.json.gz"] {
        let run = score_in(dir.path(), &[name]);
        assert_eq!(run.code, 2, "{name}: {}", run.stderr);
        assert_eq!(
            (run.stats.records, run.stats.scored, run.stats.failed),
            (4, 2, 2),
            "{name}"
        );
        let ids: Vec<&str> = run
            .records
            .iter()
            .map(|r| r["id"].as_str().unwrap())
            .collect();
        assert_eq!(
            ids,
            ["a", &format!("{name}:2"), "c", &format!("{name}:4")],
            "{name}"
        );
        assert!(frames(&run.records[0])["threat"]["present"]
            .as_bool()
            .unwrap());
        assert!(run.records[2]["error"]
            .as_str()
            .unwrap()
            .ends_with(":3: missing field \"text\""));
        assert!(run.records[3]["error"]
            .as_str()
            .unwrap()
            .contains("not a JSON object"));
    }
    let run = score_in(dir.path(), &["broken.json"]);
    assert_eq!((run.code, run.records.len()), (2, 1));
    let error = run.records[0]["error"].as_str().unwrap();
    assert!(
        error.starts_with("broken.json: a JSON array that does not parse (EOF while parsing"),
        "{error}"
    );
    assert!(
        error.ends_with("(convert with: jq -c '.[]' FILE > FILE.jsonl)"),
        "{error}"
    );
}

/// Spreadsheet exports: a ";"-separated "CSV" (many locales) and Excel's "Unicode text"
/// (UTF-16 with a byte order mark, tab-separated) are read as what they are, not as one
/// mojibake column (issue 17, item 7).
#[test]
fn semicolon_csv_and_utf16_text_are_read() {
    let text = "id\ttext\r\nu1\tAdversaries threaten national security, « dit-on ».\r\nu2\tCoopération.\r\n";
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    // Big-endian, as some tools write it.
    let utf16_be: Vec<u8> = [0xFE, 0xFF]
        .into_iter()
        .chain(text.encode_utf16().flat_map(u16::to_be_bytes))
        .collect();
    let dir = folder(&[
        (
            "semi.csv",
            "id;text;source\ns1;Adversaries threaten national security.;Le Monde\ns2;\"Un texte; avec point-virgule\";Libé\n".as_bytes(),
        ),
        ("excel.tsv", &utf16),
        ("excel.csv", &utf16),
        ("excel-be.csv", &utf16_be),
        // One column: no separator to find, so a "|" in a cell is text.
        ("one.csv", b"text\nUS|China threat\n"),
    ]);
    let run = score_in(dir.path(), &["--keep", "source", "semi.csv"]);
    assert_eq!((run.code, run.stats.scored), (0, 2), "{}", run.stderr);
    assert_eq!(run.ids(), ["s1", "s2"]);
    assert_eq!(run.records[1]["source"], "Libé");
    assert!(frames(&run.records[0])["threat"]["present"]
        .as_bool()
        .unwrap());
    let run = score_in(dir.path(), &["--keep", "text", "one.csv"]);
    assert_eq!(run.records[0]["text"], "US|China threat", "{}", run.stderr);
    for name in ["excel.tsv", "excel.csv", "excel-be.csv"] {
        let run = score_in(dir.path(), &[name]);
        assert_eq!(
            (run.code, run.stats.scored),
            (0, 2),
            "{name}: {}",
            run.stderr
        );
        assert_eq!(run.ids(), ["u1", "u2"], "{name}");
        assert!(
            frames(&run.records[0])["threat"]["present"]
                .as_bool()
                .unwrap(),
            "{name}"
        );
    }
}
