//! The report's figures: intervals, highlighting, sums by group and period, co-occurrence,
//! examples. The page itself is tested from the command line and in a browser
//! (`tests/report.rs`).

use super::highlight::{CONTEXT, MAX_WINDOW};
use super::*;
use crate::input::Kept;
use crate::lexicon::{LexiconSet, Source};
use crate::Scorer;

fn fixture() -> Compiled {
    let src = |path: &str, text: &str| Source {
        path: path.into(),
        text: text.into(),
    };
    let set = LexiconSet::from_sources(vec![
        src(
            "threat.toml",
            "id = \"threat\"\nname = \"Threat\"\nexclude = [\"social security\"]\n[[group]]\nname = \"g\"\nweight = 2.0\nterms = [\"national security\", \"adversar*\"]\n",
        ),
        src(
            "coop.toml",
            "id = \"coop\"\nname = \"Cooperation\"\n[[group]]\nname = \"g\"\nweight = 1.5\nterms = [\"cooperation\", \"national security\"]\n",
        ),
    ])
    .unwrap();
    Compiled::new(set).unwrap()
}

fn opts(examples: usize, seed: u64) -> ReportOptions {
    ReportOptions {
        group_by: vec!["source".into()],
        date_field: Some("date".into()),
        period: Period::Year,
        examples,
        seed,
        max_groups: 10,
        voice: None,
    }
}

fn kept(source: &str, date: &str) -> Vec<Kept> {
    vec![Kept::Str(source.into()), Kept::Str(date.into())]
}

#[test]
fn wilson_intervals_match_known_values() {
    let close =
        |(a, b): (f64, f64), (c, d): (f64, f64)| (a - c).abs() < 0.01 && (b - d).abs() < 0.01;
    assert!(close(wilson(0, 10), (0.0, 27.75)), "{:?}", wilson(0, 10));
    assert!(close(wilson(5, 10), (23.66, 76.34)), "{:?}", wilson(5, 10));
    assert!(
        close(wilson(10, 10), (72.25, 100.0)),
        "{:?}",
        wilson(10, 10)
    );
    assert!(
        close(wilson(1, 1000), (0.018, 0.565)),
        "{:?}",
        wilson(1, 1000)
    );
    assert_eq!(wilson(0, 0), (0.0, 0.0));
}

#[test]
fn highlight_marks_every_hit_and_cuts_long_texts_around_the_focus() {
    let c = fixture();
    let text = "Adversaries threaten national security, not social security.";
    let score = Scorer::new(&c).score(text);
    let h = highlight(&c, text, &score, None, None, false);
    assert!(!h.cut);
    let marked: Vec<(&str, Vec<(&str, &str)>)> = h
        .segments
        .iter()
        .filter(|s| !s.hits.is_empty())
        .map(|s| {
            (
                s.text.as_str(),
                s.hits
                    .iter()
                    .map(|x| (x.frame_id.as_str(), x.kind))
                    .collect(),
            )
        })
        .collect();
    assert_eq!(
        marked,
        [
            ("Adversaries", vec![("threat", "counted")]),
            (
                "national security",
                vec![("threat", "counted"), ("coop", "counted")]
            ),
            ("social security", vec![("threat", "excluded")]),
        ]
    );
    // The segments put together give the text back.
    let joined: String = h.segments.iter().map(|s| s.text.as_str()).collect();
    assert_eq!(joined, text);

    // A long text is cut to windows around the focused frame's hits, marked as gaps.
    let long = format!(
        "{}cooperation{}",
        "filler words here. ".repeat(100),
        " more filler.".repeat(100)
    );
    let score = Scorer::new(&c).score(&long);
    let h = highlight(&c, &long, &score, Some(1), None, false);
    assert!(h.cut);
    assert!(h.segments.first().unwrap().gap && h.segments.last().unwrap().gap);
    let shown: usize = h
        .segments
        .iter()
        .filter(|s| !s.gap)
        .map(|s| s.text.len())
        .sum();
    assert!(shown <= 2 * 160 + "cooperation".len() + 8, "{shown}");
    assert!(h
        .segments
        .iter()
        .any(|s| s.text == "cooperation" && s.hits.len() == 1));
    // Whole: no cut.
    assert!(!highlight(&c, &long, &score, Some(1), None, true).cut);
}

#[test]
fn collector_sums_groups_periods_and_cooccurrence() {
    let c = fixture();
    let mut scorer = Scorer::new(&c);
    let docs = [
        ("a1", "A", "2023-01-02", "national security first"),
        ("a2", "A", "2023-05-02", "cooperation now"),
        ("a3", "A", "2024-01-02", "nothing here"),
        ("b1", "B", "2024-03-02", "adversaries and cooperation"),
        ("b2", "B", "not a date", "national security again"),
    ];
    let mut col = Collector::new(&c, opts(2, 1));
    for (id, source, date, text) in docs {
        col.add_document();
        col.add_unit(id, None, &kept(source, date), text, &scorer.score(text));
    }
    col.add_failed();
    let data = col.finish();
    assert_eq!((data.documents, data.units, data.failed), (5, 5, 1));
    let threat = &data.frames[0];
    assert_eq!((threat.present, threat.hits), (3, 3));
    assert!((threat.share - 60.0).abs() < 1e-9);
    let coop = &data.frames[1];
    assert_eq!(coop.present, 4);
    // national security: threat and coop; adversaries + cooperation: both too.
    assert_eq!(data.cooccurrence, vec![vec![3, 3], vec![3, 4]]);
    let by_source = &data.groups[0];
    assert_eq!(by_source.field, "source");
    let rows: Vec<(&str, u64, u64)> = by_source
        .rows
        .iter()
        .map(|r| (r.value.as_str(), r.units, r.shares[0].present))
        .collect();
    assert_eq!(rows, [("A", 3, 1), ("B", 2, 2)]);
    let periods: Vec<(&str, u64, bool)> = data
        .periods
        .iter()
        .map(|p| (p.period.as_str(), p.units, p.dated))
        .collect();
    assert_eq!(
        periods,
        [
            ("2023", 2, true),
            ("2024", 2, true),
            ("(unparseable)", 1, false)
        ]
    );
    // Terms: "national security" carries threat's two hits of weight 2, "adversar*" one.
    let terms: Vec<(&str, u64)> = threat
        .top_terms
        .iter()
        .map(|t| (t.term.as_str(), t.hits))
        .collect();
    assert_eq!(terms, [("national security", 2), ("adversar*", 1)]);
    assert!((threat.top_terms[0].share - 66.67).abs() < 0.01);
    assert!(threat.never_hit.is_empty());
    // Examples: the highest scores first, at most 2.
    let top: Vec<&str> = threat.top_examples.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(top.len(), 2);
    assert!(threat.top_examples[0].score >= threat.top_examples[1].score);
}

#[test]
fn random_examples_are_reproducible_with_a_seed_and_differ_across_seeds() {
    let c = fixture();
    let mut scorer = Scorer::new(&c);
    let run = |seed: u64, scorer: &mut Scorer<'_>| -> Vec<String> {
        let mut col = Collector::new(&c, opts(3, seed));
        for i in 0..200 {
            let text = format!("cooperation number {i}");
            col.add_document();
            col.add_unit(
                &format!("d{i:03}"),
                None,
                &kept("A", "2024-01-01"),
                &text,
                &scorer.score(&text),
            );
        }
        col.finish().frames[1]
            .random_examples
            .iter()
            .map(|e| e.id.clone())
            .collect()
    };
    let a = run(7, &mut scorer);
    assert_eq!(a.len(), 3);
    assert_eq!(a, run(7, &mut scorer), "same seed, same sample");
    let others: Vec<Vec<String>> = (8..12).map(|s| run(s, &mut scorer)).collect();
    assert!(
        others.iter().any(|o| *o != a),
        "other seeds draw other samples"
    );
    // Not simply the first three.
    assert_ne!(a, ["d000", "d001", "d002"]);
}

#[test]
fn the_page_escapes_every_text_and_has_no_script() {
    let c = fixture();
    let mut scorer = Scorer::new(&c);
    let evil = "<script>document.title='pwned'</script> national security \"><img src=x onerror=alert(1)> {{ 7*7 }}";
    let mut col = Collector::new(&c, opts(1, 1));
    col.add_document();
    col.add_unit(
        "<b>id</b>",
        None,
        &kept("<i>src</i>", "2024-01-01"),
        evil,
        &scorer.score(evil),
    );
    let data = col.finish();
    let meta = Meta {
        title: "t<script>".into(),
        inputs: vec!["in.jsonl".into()],
        command: "framelex report".into(),
        date: "2026-01-01 00:00 UTC".into(),
        version: "0".into(),
        set_name: "s".into(),
        set_digest: set_digest(&c),
        set_frames: vec![
            ("threat".into(), "Threat".into(), 2),
            ("coop".into(), "Cooperation".into(), 2),
        ],
        unit: "document".into(),
        voice: None,
        group_by: vec!["source".into()],
        date_field: Some("date".into()),
        period: "year".into(),
        seed: 1,
    };
    let page = render(&data, &meta, None);
    assert!(
        !page.contains("<script"),
        "no script element, not even the document's"
    );
    assert!(!page.contains("<img"));
    assert!(!page.contains("<b>id</b>") && !page.contains("<i>src</i>"));
    assert!(page.contains("&lt;script&gt;document.title="));
    assert!(
        page.contains("{{ 7*7 }}"),
        "template syntax in a text is not evaluated"
    );
    assert!(page.contains("&lt;i&gt;src&lt;&#x2f;i&gt;"));
    assert!(page.contains("Content-Security-Policy\" content=\"default-src 'none'"));
    assert!(page.contains("<mark tabindex=\"0\" class=\"f0 counted\""));
}

fn set(files: &[(&str, &str)]) -> Compiled {
    let sources = files
        .iter()
        .map(|(p, t)| Source {
            path: (*p).into(),
            text: (*t).into(),
        })
        .collect();
    Compiled::new(LexiconSet::from_sources(sources).unwrap()).unwrap()
}

const RULED: &str = "id = \"sec\"\nname = \"Security\"\n[[group]]\nname = \"g\"\nweight = 1.0\nterms = [\"threat\"]\n[[group]]\nname = \"minus\"\nweight = -0.5\nterms = [\"calm\"]\n[[rule]]\nname = \"china-threat\"\nweight = 2.0\nall = [[\"china\"], [\"danger\"]]\nwindow = 4\n";

#[test]
fn rules_are_listed_with_the_text_and_in_the_term_table() {
    let c = set(&[("sec.toml", RULED)]);
    let text = "China is a danger, a threat, they say; stay calm.";
    let score = Scorer::new(&c).score(text);
    let h = highlight(&c, text, &score, Some(0), None, false);
    assert_eq!(h.rules.len(), 1);
    assert_eq!(
        (h.rules[0].name.as_str(), h.rules[0].text.as_str()),
        ("china-threat", "China is a danger")
    );
    let mut col = Collector::new(&c, opts(1, 1));
    col.add_document();
    col.add_unit("d", None, &kept("A", "2024-01-01"), text, &score);
    let data = col.finish();
    let rows: Vec<(&str, bool, u64)> = data.frames[0]
        .top_terms
        .iter()
        .map(|t| (t.term.as_str(), t.rule, t.hits))
        .collect();
    assert_eq!(
        rows,
        [
            ("calm", false, 1),
            ("china-threat", true, 1),
            ("threat", false, 1)
        ]
    );
    // Shares are of the absolute contributions: |−0.5| + 2 + 1 = 3.5.
    let shares: Vec<f64> = data.frames[0]
        .top_terms
        .iter()
        .map(|t| (t.share * 100.0).round() / 100.0)
        .collect();
    assert_eq!(shares, [14.29, 57.14, 28.57]);
    assert!((shares.iter().sum::<f64>() - 100.0).abs() < 0.02);
    // A rule that never hit is listed with the terms that never hit.
    let mut col = Collector::new(&c, opts(1, 1));
    let quiet = "A threat.";
    col.add_unit(
        "q",
        None,
        &kept("A", "2024-01-01"),
        quiet,
        &Scorer::new(&c).score(quiet),
    );
    assert_eq!(
        col.finish().frames[0].never_hit,
        ["calm", "rule china-threat"]
    );
}

#[test]
fn with_a_voice_only_its_hits_count_in_the_term_table_and_tooltips_say_so() {
    let c = set(&[("sec.toml", RULED)]);
    let text = "A threat, critics said: \"a threat and a threat\".";
    let mut scorer = Scorer::new(&c);
    let mut score = scorer.score(text);
    let spans = scorer.quoted_spans(text);
    scorer.apply_voice_spans(&spans, 0, &mut score, VoiceFilter::Author);
    let mut o = opts(1, 1);
    o.voice = Some(VoiceFilter::Author);
    let mut col = Collector::new(&c, o);
    col.add_unit("d", None, &kept("A", "2024-01-01"), text, &score);
    let data = col.finish();
    assert_eq!(
        data.frames[0].top_terms[0].hits, 1,
        "only the author's threat counts"
    );
    let h = highlight(&c, text, &score, None, Some(VoiceFilter::Author), false);
    let kinds: Vec<(&str, Option<&str>)> = h
        .segments
        .iter()
        .flat_map(|s| s.hits.iter().map(|x| (x.kind, x.voice)))
        .collect();
    assert_eq!(
        kinds,
        [
            ("counted", Some("author")),
            ("other_voice", Some("quoted")),
            ("other_voice", Some("quoted"))
        ]
    );
}

#[test]
fn examples_of_long_dense_texts_stay_small() {
    let c = fixture();
    let text = "national security and cooperation. ".repeat(2_000);
    let score = Scorer::new(&c).score(&text);
    let h = highlight(&c, &text, &score, Some(0), None, false);
    assert!(h.cut);
    let shown: usize = h
        .segments
        .iter()
        .filter(|s| !s.gap)
        .map(|s| s.text.len())
        .sum();
    assert!(
        shown <= 4 * (MAX_WINDOW + 2 * CONTEXT),
        "{shown} bytes shown"
    );
    assert!(shown >= 1_000, "{shown}");
}

#[test]
fn the_digest_depends_on_the_files_not_where_they_were_read_from() {
    let a = set(&[("/home/a/lex/sec.toml", RULED)]);
    let b = set(&[("./other/place/sec.toml", RULED)]);
    assert_eq!(set_digest(&a), set_digest(&b));
    let edited = RULED.replace("threat", "threats");
    assert_ne!(set_digest(&a), set_digest(&set(&[("sec.toml", &edited)])));
    assert_eq!(set_digest(&a).len(), 64);
}

/// The top examples are the units of the highest scores, highest first, whatever order the
/// units come in; and the mean density is the mean over every unit.
#[test]
fn top_examples_are_the_highest_scores_in_any_order() {
    let c = fixture();
    let mut scorer = Scorer::new(&c);
    let mut col = Collector::new(&c, opts(3, 5));
    let mut densities = 0.0;
    // Scores 1.5 × n for n in a shuffled 1..=30.
    let order = (0..30).map(|i| (i * 7) % 30 + 1);
    for n in order {
        let text = format!("{} filler words", "cooperation ".repeat(n));
        let score = scorer.score(&text);
        densities += score.frames[1].density;
        col.add_document();
        col.add_unit(
            &format!("n{n}"),
            None,
            &kept("A", "2024-01-01"),
            &text,
            &score,
        );
    }
    let data = col.finish();
    let coop = &data.frames[1];
    let top: Vec<&str> = coop.top_examples.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(top, ["n30", "n29", "n28"]);
    assert!(
        (coop.mean_density - densities / 30.0).abs() < 1e-9,
        "{}",
        coop.mean_density
    );
    assert!(coop.mean_density > 0.0);
}

/// A frame `threat` with the term "danger" and a rule "china danger" (weight 2, within
/// 1,000 words), and "not"
/// as a negator.
fn rule_fixture() -> Compiled {
    let src = |path: &str, text: &str| Source {
        path: path.into(),
        text: text.into(),
    };
    let set = LexiconSet::from_sources(vec![
        src("set.toml", "[negation]\nnegators = [\"not\"]\n"),
        src(
            "threat.toml",
            "id = \"threat\"\nname = \"Threat\"\n[[group]]\nname = \"g\"\nterms = [\"danger\"]\n[[rule]]\nname = \"china danger\"\nweight = 2.0\nwindow = 1000\nall = [[\"china\"], [\"danger\"]]\n",
        ),
    ])
    .unwrap();
    Compiled::new(set).unwrap()
}

/// A rule's row counts its hits that count: not its negated ones.
#[test]
fn rule_rows_count_the_rule_hits_that_count() {
    let c = rule_fixture();
    let mut scorer = Scorer::new(&c);
    let mut col = Collector::new(&c, opts(1, 1));
    for (id, text) in [
        ("a", "China, a danger."),
        ("b", "Not China, not a danger."),
        ("c", "China, a danger again."),
    ] {
        col.add_document();
        col.add_unit(
            id,
            None,
            &kept("A", "2024-01-01"),
            text,
            &scorer.score(text),
        );
    }
    let data = col.finish();
    let rows: Vec<(&str, u64)> = data.frames[0]
        .top_terms
        .iter()
        .map(|t| (t.term.as_str(), t.hits))
        .collect();
    assert_eq!(rows, [("china danger", 2), ("danger", 2)]);
}

/// The heat map shows, in row i, the share of frame i's units that have frame j too.
#[test]
fn cooccurrence_cells_are_shares_of_the_row_frames_units() {
    let (values, labels) = cooccurrence_cells(&[vec![4, 3, 0], vec![3, 6, 0], vec![0, 0, 0]]);
    assert_eq!(
        values,
        [
            vec![1.0, 0.75, 0.0],
            vec![0.5, 1.0, 0.0],
            vec![0.0, 0.0, 0.0]
        ]
    );
    assert_eq!(
        labels,
        [
            ["100%", "75%", "0%"],
            ["50%", "100%", "0%"],
            ["–", "–", "–"]
        ]
    );
}

/// A long text is cut around its hits; a rule hit that spans much of it is shown from its
/// start only, not whole.
#[test]
fn long_rule_hits_are_shown_from_their_start() {
    let c = rule_fixture();
    let text = format!(
        "China{} danger{}",
        " fillerwords".repeat(60),
        " more filler".repeat(120)
    );
    let score = Scorer::new(&c).score(&text);
    assert_eq!(score.rule_hits.len(), 1);
    let h = highlight(&c, &text, &score, Some(0), None, false);
    assert!(h.cut);
    let first: usize = h
        .segments
        .iter()
        .take_while(|s| !s.gap)
        .map(|s| s.text.len())
        .sum();
    assert!(
        first <= MAX_WINDOW / 2 + CONTEXT,
        "the first window holds {first} bytes"
    );
    assert!(
        first >= MAX_WINDOW / 2,
        "the first window holds {first} bytes"
    );
}
