//! `framelex report` and `explain --format html` from the command line, and the pages they
//! write loaded in a real browser: headless Chromium (Debian's `chromium`, which `.ci/run`
//! installs) dumps the DOM after loading, and the tests read it for each chart, the
//! highlighted hits, and signs that a document's markup ran (it must not).
//!
//! Without Chromium the browser tests fail and say so, unless `FRAMELEX_SKIP_BROWSER=1`
//! says a skip is intended (and then each skip is printed).

use std::path::{Path, PathBuf};
use std::process::Command as Process;

use assert_cmd::Command;

fn framelex() -> Command {
    Command::cargo_bin("framelex").unwrap()
}

fn lexicons() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/lexicons")
}

/// A small corpus with groups, dates, and one document written to attack the page.
const CORPUS: &str = r#"{"id": "w1", "source": "Wire", "date": "2023-02-01", "text": "Washington sees Beijing as an adversary; national security comes first."}
{"id": "w2", "source": "Wire", "date": "2023-06-01", "text": "Both sides stressed cooperation and shared risks."}
{"id": "d1", "source": "Daily", "date": "2024-01-05", "text": "A threat to national security, they said, and an arms race."}
{"id": "d2", "source": "Daily", "date": "2024-03-05", "text": "The bakery opened a second shop downtown."}
{"id": "x<img src=x onerror=document.title='pwned-id'>", "source": "<script>document.title='pwned-source'</script>", "date": "2024-04-01", "text": "<script>document.title='pwned'</script></textarea>\"><img src=x onerror=\"document.title='pwned-img'\"> national security <a href=\"javascript:document.title='pwned-link'\">link</a> {{ 7*7 }}"}
{"id": "bad", "source": "Wire", "date": "2024-05-01", "text": 5}
"#;

fn corpus(dir: &Path) -> PathBuf {
    let p = dir.join("corpus.jsonl");
    std::fs::write(&p, CORPUS).unwrap();
    p
}

fn report(dir: &Path, extra: &[&str]) -> (String, std::process::Output) {
    let out_path = dir.join("report.html");
    let out = framelex()
        .args([
            "report",
            "--group-by",
            "source",
            "--date-field",
            "date",
            "--lexicons",
        ])
        .arg(lexicons())
        .args(extra)
        .arg(corpus(dir))
        .arg("-o")
        .arg(&out_path)
        .output()
        .unwrap();
    let page = std::fs::read_to_string(&out_path).unwrap_or_default();
    (page, out)
}

#[test]
fn report_writes_every_section_with_the_figures() {
    let dir = tempfile::tempdir().unwrap();
    let (page, out) = report(dir.path(), &[]);
    let err = String::from_utf8_lossy(&out.stderr);
    // The bad record is reported, counted, and makes the exit status 2.
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("corpus.jsonl:6: field \"text\" is a number, expected a string"),
        "{err}"
    );
    assert!(
        err.contains("report.html (") && err.contains("KiB): 5 documents, 1 failed"),
        "{err}"
    );
    assert!(
        page.contains("<td id=\"counts\">5 documents, 57 words; 1 failed records</td>"),
        "{page}"
    );
    assert!(page.contains("1 failed records"));
    for id in [
        "prevalence",
        "by-1",
        "time",
        "cooccurrence",
        "terms",
        "examples",
    ] {
        assert!(page.contains(&format!("id=\"{id}\"")), "section {id}");
    }
    for chart in [
        "chart-prevalence",
        "chart-time",
        "chart-time-counts",
        "chart-cooccurrence",
    ] {
        let at = page
            .find(&format!("id=\"{chart}\"><svg"))
            .unwrap_or_else(|| panic!("{chart}"));
        assert!(page[at..].contains("</svg>"));
    }
    assert_eq!(
        page.matches("class=\"chart group-chart\"><svg").count(),
        2,
        "one chart per frame for --group-by source"
    );
    // threat is present in w1, d1 and the attack document: 3 of 5 = 60.0 %.
    assert!(
        page.contains(
            "<td class=\"n\">3</td><td class=\"n\">60.0</td><td class=\"n\">23.1–88.2</td>"
        ),
        "{}",
        &page[page.find("table-prevalence").unwrap()..][..1500]
    );
    // The periods, with their units.
    assert!(page.contains("<tr><td>2023</td><td class=\"n\">2</td>"));
    assert!(page.contains("<tr><td>2024</td><td class=\"n\">3</td>"));
    // Terms that never hit are listed.
    assert!(page.contains("terms never hit</summary>"));
    // Examples carry highlighted hits with tooltips.
    assert!(page.contains("<mark tabindex=\"0\" class=\"f0 counted\" title=\"threat: national security (weight 2.0, counted)\" data-tip=\"threat: national security (weight 2.0, counted)\">national security</mark>"));
    // The same input and seed give the same page, but for the date line.
    let (again, _) = report(dir.path(), &[]);
    let strip = |p: &str| {
        p.lines()
            .filter(|l| !l.contains(" UTC"))
            .collect::<Vec<_>>()
            .join("\n")
    };
    assert_eq!(strip(&page), strip(&again));
}

#[test]
fn report_escapes_what_documents_contain() {
    let dir = tempfile::tempdir().unwrap();
    let (page, _) = report(dir.path(), &["--title", "<script>alert(1)</script> report"]);
    assert!(!page.contains("<script"), "no script element anywhere");
    assert!(!page.contains("<img"));
    assert!(!page.contains("<a href=\"javascript"));
    assert!(page.contains(
        "&lt;script&gt;document.title=&#x27;pwned&#x27;&lt;&#x2f;script&gt;&lt;&#x2f;textarea&gt;"
    ));
    assert!(page.contains("{{ 7*7 }}"));
    assert!(page.contains("<title>&lt;script&gt;alert(1)&lt;&#x2f;script&gt; report</title>"));
    // The command line is shown as a shell needs it: the title quoted, the rest bare.
    assert!(page.contains("framelex report --group-by source --date-field date --lexicons "));
    assert!(
        page.contains(" --title &#x27;&lt;script&gt;alert(1)&lt;&#x2f;script&gt; report&#x27; ")
    );
}

#[test]
fn report_options_are_checked_before_reading() {
    let dir = tempfile::tempdir().unwrap();
    let out = framelex()
        .args(["report", "--period", "month"])
        .arg(corpus(dir.path()))
        .arg("-o")
        .arg(dir.path().join("r.html"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--date-field"));
    let out = framelex()
        .args(["report"])
        .arg(corpus(dir.path()))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--output <FILE>"));
    let out = framelex()
        .args(["report"])
        .arg(corpus(dir.path()))
        .arg("-o")
        .arg(dir.path().join("no/such/dir/r.html"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    // --examples 0: no example, and the page says why there is none.
    let (page, _) = report(dir.path(), &["--examples", "0"]);
    assert!(!page.contains("<article class=\"doc example\">"));
}

#[test]
fn report_with_gold_adds_the_eval_table_and_the_errors() {
    let dir = tempfile::tempdir().unwrap();
    let gold = dir.path().join("gold.jsonl");
    std::fs::write(
        &gold,
        concat!(
            "{\"id\": \"g1\", \"text\": \"An adversary and national security.\", \"labels\": [\"threat\"]}\n",
            "{\"id\": \"g2\", \"text\": \"We need cooperation.\", \"labels\": [\"threat\", \"cooperation\"]}\n",
            "{\"id\": \"g3\", \"text\": \"Cooperation on national security.\", \"labels\": []}\n",
        ),
    )
    .unwrap();
    let (page, out) = report(dir.path(), &["--gold", gold.to_str().unwrap()]);
    assert_eq!(
        out.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(page.contains("<h2 id=\"gold\">Gold evaluation</h2>"));
    assert!(
        page.contains("<p>3 gold units."),
        "{}",
        &page[page.find("id=\"gold\"").unwrap()..][..600]
    );
    // threat: TP g1, FN g2, FP g3 -> P 0.5, R 0.5; cooperation: TP g2, FP g3 -> P 0.5, R 1.
    assert!(page.contains("<tr><td>threat</td><td class=\"n\">2</td><td class=\"n\">1</td><td class=\"n\">1</td><td class=\"n\">1</td><td class=\"n\">0.500</td><td class=\"n\">0.500</td><td class=\"n\">0.500</td></tr>"));
    assert!(page.contains("<tr><td>cooperation</td><td class=\"n\">1</td><td class=\"n\">1</td><td class=\"n\">1</td><td class=\"n\">0</td><td class=\"n\">0.500</td><td class=\"n\">1.000</td><td class=\"n\">0.667</td></tr>"));
    assert!(page.contains("<li><span class=\"mono\">g2</span>: no term of this frame</li>"));
    assert!(page.contains("<td class=\"mono\">national security</td>"));
    // A bad gold file fails with its records named, and writes nothing.
    std::fs::write(
        &gold,
        "{\"id\": \"g1\", \"text\": \"x\", \"labels\": [\"nope\"]}\n",
    )
    .unwrap();
    let (_, out) = report(dir.path(), &["--gold", gold.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("gold.jsonl:1: "),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn explain_html_shows_one_document_whole() {
    let dir = tempfile::tempdir().unwrap();
    let out = framelex()
        .args(["explain", "--format", "html", "--id", "d1", "--lexicons"])
        .arg(lexicons())
        .arg(corpus(dir.path()))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let page = String::from_utf8(out.stdout).unwrap();
    assert!(page.starts_with("<!DOCTYPE html>"));
    assert_eq!(page.matches("<article class=\"doc explained\">").count(), 1);
    assert!(
        page.contains("<span class=\"mono\">d1</span> · 11 words"),
        "{page}"
    );
    assert!(page.contains(">national security</mark>"));
    assert!(page.contains("title=\"threat: arms race (weight 2.0, counted); cooperation: arms race (weight 1.5, counted)\" data-tip="), "{page}");
}

#[test]
fn explain_unit_paragraph_explains_each_paragraph_in_every_format() {
    let dir = tempfile::tempdir().unwrap();
    let doc = dir.path().join("two.txt");
    std::fs::write(
        &doc,
        "National security first.\n\nThen cooperation, and an arms race.\n",
    )
    .unwrap();
    let run = |format: &str| {
        let out = framelex()
            .args([
                "explain",
                "--unit",
                "paragraph",
                "--format",
                format,
                "--lexicons",
            ])
            .arg(lexicons())
            .arg(&doc)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    let html = run("html");
    assert_eq!(html.matches("<article class=\"doc explained\">").count(), 2);
    assert!(html.contains("two.txt#0</span> · 3 words"), "{html}");
    assert!(html.contains("two.txt#1</span> · 6 words"));
    let json = run("json");
    let ids: Vec<String> = json
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["id"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    assert_eq!(ids.len(), 2);
    assert!(
        ids[0].ends_with("two.txt#0") && ids[1].ends_with("two.txt#1"),
        "{ids:?}"
    );
    let text = run("text");
    assert!(
        text.contains("[threat: National security] first."),
        "{text}"
    );
    assert!(
        text.contains("Then [cooperation: cooperation], and an [threat, cooperation: arms race].")
    );
}

// ---------------------------------------------------------------------------------------
// In a browser.

/// Chromium, or a failure that says it is missing (unless `FRAMELEX_SKIP_BROWSER=1`).
fn chromium() -> Option<PathBuf> {
    let candidates = ["chromium", "chromium-browser", "google-chrome"];
    if let Some(p) = std::env::var_os("CHROMIUM") {
        return Some(PathBuf::from(p));
    }
    for c in candidates {
        if let Ok(out) = Process::new("sh")
            .args(["-c", &format!("command -v {c}")])
            .output()
        {
            if out.status.success() {
                return Some(PathBuf::from(String::from_utf8_lossy(&out.stdout).trim()));
            }
        }
    }
    if std::env::var_os("FRAMELEX_SKIP_BROWSER").is_some_and(|v| v == "1") {
        eprintln!("SKIPPED (FRAMELEX_SKIP_BROWSER=1): no chromium on the PATH");
        return None;
    }
    panic!("no chromium on the PATH (apt-get install chromium, or set CHROMIUM=path); set FRAMELEX_SKIP_BROWSER=1 to skip the browser tests");
}

/// The DOM after Chromium loaded `page` (scripts, had any been allowed, would have run).
fn dump_dom(chromium: &Path, page: &Path) -> String {
    let profile = tempfile::tempdir().unwrap();
    let out = Process::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args(["--virtual-time-budget=2000", "--dump-dom"])
        .arg(format!("file://{}", page.display()))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "chromium failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn browser_renders_the_charts_and_highlights_and_runs_nothing() {
    let Some(chromium) = chromium() else { return };
    let dir = tempfile::tempdir().unwrap();
    let (_, out) = report(dir.path(), &[]);
    assert_eq!(out.status.code(), Some(2));
    let dom = dump_dom(&chromium, &dir.path().join("report.html"));
    // Each chart is an SVG in the DOM, with its bars, lines or cells drawn.
    for chart in [
        "chart-prevalence",
        "chart-time",
        "chart-time-counts",
        "chart-cooccurrence",
    ] {
        let at = dom
            .find(&format!("id=\"{chart}\""))
            .unwrap_or_else(|| panic!("{chart} missing"));
        let svg = &dom[at..][..dom[at..].find("</svg>").unwrap()];
        assert!(svg.contains("<svg"), "{chart}");
        assert!(
            svg.contains("<rect") || svg.contains("<polyline") || svg.contains("<path"),
            "{chart} draws nothing"
        );
    }
    assert!(
        dom.contains("<text") && dom.contains("of documents where the frame is present"),
        "axis labels"
    );
    assert_eq!(dom.matches("class=\"chart group-chart\"").count(), 2);
    // Highlighted hits, with their tooltips.
    assert!(
        dom.matches("<mark tabindex=\"0\" class=\"f0 counted\"")
            .count()
            >= 3
    );
    assert!(dom.contains("title=\"threat: national security (weight 2.0, counted)\""));
    // Nothing of the attack document ran or became markup.
    assert!(
        dom.contains("<title>framelex report: "),
        "the title is the report's"
    );
    assert!(!dom.contains("pwned</title>") && !dom.contains("<title>pwned"));
    assert!(!dom.contains("<img"), "no image element was created");
    assert!(!dom.contains("<script"), "no script element was created");
    assert!(!dom.contains("<a href=\"javascript"), "no link was created");
    assert!(
        dom.contains("&lt;script&gt;document.title='pwned'&lt;/script&gt;"),
        "the markup shows as text"
    );
}

#[test]
fn browser_renders_explain_html() {
    let Some(chromium) = chromium() else { return };
    let dir = tempfile::tempdir().unwrap();
    let out = framelex()
        .args(["explain", "--format", "html", "--lexicons"])
        .arg(lexicons())
        .arg(corpus(dir.path()))
        .output()
        .unwrap();
    let page = dir.path().join("explain.html");
    std::fs::write(&page, &out.stdout).unwrap();
    let dom = dump_dom(&chromium, &page);
    assert_eq!(dom.matches("<article class=\"doc explained\">").count(), 5);
    assert!(dom.matches("<mark tabindex=\"0\" class=").count() >= 6);
    assert!(!dom.contains("<img") && !dom.contains("<script"));
    assert!(dom.contains("<title>framelex explain: "));
}
