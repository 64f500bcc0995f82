use super::*;
use crate::score::Scorer;

fn src(path: &str, text: &str) -> Source {
    Source {
        path: path.into(),
        text: text.into(),
    }
}

fn frame(id: &str, body: &str) -> Source {
    src(
        &format!("{id}.toml"),
        &format!("id = \"{id}\"\nname = \"{id}\"\n{body}"),
    )
}

/// (code, the text under the primary label) of every finding.
fn findings(sources: Vec<Source>) -> Vec<(&'static str, String)> {
    let checked = check_sources(sources);
    checked
        .lints
        .iter()
        .map(|l| {
            let at = l.primary.as_ref().map_or(String::new(), |p| {
                checked.sources[p.source].text[p.span.clone()].to_string()
            });
            (l.code, at)
        })
        .collect()
}

/// A case: its name, the files, the findings expected as (code, text under the caret).
type Case = (&'static str, Vec<Source>, Vec<(&'static str, &'static str)>);

#[test]
fn each_warning_rule_fires_on_its_case_and_only_there() {
    let group = |terms: &str| format!("[[group]]\nname = \"g\"\nterms = [{terms}]\n");
    let cases: Vec<Case> = vec![
        ("clean", vec![frame("a", &group("\"threat\", \"adversar*\""))], vec![]),
        (
            "duplicate, across case and spacing",
            vec![frame("a", &group("\"arms race\", \"Arms  Race\""))],
            vec![("duplicate-term", "\"Arms  Race\"")],
        ),
        (
            "exclusion that is a term",
            vec![frame(
                "a",
                &format!("exclude = [\"threat\"]\n{}", group("\"threat\"")),
            )],
            vec![("exclusion-is-term", "\"threat\"")],
        ),
        (
            "shared between frames",
            vec![
                frame("a", &group("\"arms race\"")),
                frame("b", &group("\"arms race\"")),
            ],
            vec![("shared-term", "\"arms race\"")],
        ),
        (
            "wildcard listed first wins the tie",
            vec![frame("a", &group("\"threat*\", \"threats\""))],
            vec![("shadowed-term", "\"threats\"")],
        ),
        (
            "a heavier exact term is not shadowed",
            vec![frame(
                "a",
                "[[group]]\nname = \"s\"\nweight = 2.0\nterms = [\"threats\"]\n[[group]]\nname = \"w\"\nterms = [\"threat*\"]\n",
            )],
            vec![],
        ),
        (
            "an exclusion wildcard cancels a term",
            vec![frame(
                "a",
                &format!("exclude = [\"secur*\"]\n{}", group("\"security\"")),
            )],
            vec![("shadowed-term", "\"security\"")],
        ),
        (
            "a phrase is not shadowed by a wildcard of its first word",
            vec![frame("a", &group("\"secur*\", \"security risk\""))],
            vec![],
        ),
        (
            "punctuation at the edges",
            vec![frame(
                "a",
                &group("\"threat.\", \"(talks)\", \"u.s.\", \"inc.\", \"'t slowed\", \"'cause\", \"' ok\""),
            )],
            vec![
                ("written-vs-matched", "\"threat.\""),
                ("written-vs-matched", "\"(talks)\""),
                ("written-vs-matched", "\"' ok\""),
            ],
        ),
        (
            "spaces, invisible characters, a gap before *",
            vec![frame("a", &group("\" danger \", \"hos\u{200B}tile\", \"anti- *\""))],
            vec![
                ("written-vs-matched", "\" danger \""),
                ("written-vs-matched", "\"hos\u{200B}tile\""),
                ("written-vs-matched", "\"anti- *\""),
            ],
        ),
        (
            "short and ineffective wildcards",
            vec![frame("a", &group("\"ai*\", \"war*\", \"合作*\""))],
            vec![("wildcard-stem", "\"ai*\""), ("wildcard-stem", "\"合作*\"")],
        ),
        (
            "empty frame",
            vec![frame("a", "description = \"later\"\n")],
            vec![("empty-frame", "\"a\"")],
        ),
        (
            "empty group",
            vec![frame(
                "a",
                &format!("{}[[group]]\nname = \"later\"\nterms = []\n", group("\"threat\"")),
            )],
            vec![("empty-group", "\"later\"")],
        ),
        (
            "negative weight, with its non-ASCII group name",
            vec![frame(
                "a",
                &format!("{}[[group]]\nname = \"désaveu\"\nweight = -1.0\nterms = [\"pas de menace\"]\n", group("\"threat\"")),
            )],
            vec![("negative-weight", "\"désaveu\"")],
        ),
        (
            "unreachable min_terms",
            vec![frame(
                "a",
                &format!("[presence]\nmin_terms = 3\n{}", group("\"a1\", \"b2\"")),
            )],
            vec![("presence", "\"a\"")],
        ),
        (
            "unreachable min_score: no positive weight",
            vec![frame(
                "a",
                "[presence]\nmin_score = 0.5\n[[group]]\nname = \"n\"\nweight = -1.0\nterms = [\"calm\"]\n",
            )],
            vec![("presence", "\"a\""), ("negative-weight", "\"n\"")],
        ),
        (
            "no positive weight, but no min_score either",
            vec![frame(
                "a",
                "[presence]\nmin_score = 0.0\nmin_hits = 1\n[[group]]\nname = \"n\"\nweight = -1.0\nterms = [\"calm\"]\n",
            )],
            vec![("negative-weight", "\"n\"")],
        ),
        (
            "always present",
            vec![frame(
                "a",
                &format!(
                    "[presence]\nmin_score = 0.0\nmin_hits = 0\nmin_terms = 0\n{}",
                    group("\"threat\"")
                ),
            )],
            vec![("presence", "\"a\"")],
        ),
        (
            "a scope no frame names",
            vec![
                src("set.toml", "[scope.ai]\nterms = [\"AI\"]\n"),
                frame("a", &group("\"threat\"")),
            ],
            vec![("unused-scope", "ai")],
        ),
        (
            "scope terms listed twice or also excluded",
            vec![
                src(
                    "set.toml",
                    "[scope.ai]\nterms = [\"AI\", \"chip*\", \"ai\"]\nexclude = [\"chip*\"]\n",
                ),
                frame("a", &format!("scope = \"ai\"\n{}", group("\"threat\""))),
            ],
            vec![
                ("duplicate-term", "\"ai\""),
                ("excluded-scope-term", "\"chip*\""),
            ],
        ),
    ];
    for (name, sources, want) in cases {
        let got = findings(sources);
        let want: Vec<(&str, String)> = want.iter().map(|(c, t)| (*c, t.to_string())).collect();
        assert_eq!(got, want, "{name}");
    }
}

#[test]
fn errors_come_all_at_once_with_suggestions() {
    let sources = vec![
        frame(
            "a",
            "colour = \"red\"\n[presence]\ndescription = \"x\"\n[[group]]\nname = \"g\"\nwieght = 2.0\nterms = [\"x\"]\n",
        ),
        src("b.toml", "id = \"b\"\nname = \"unclosed\n"),
        frame("c", "[[group]]\nname = \"g\"\nterms = [\"fine\", \"Fine\"]\n"),
    ];
    let checked = check_sources(sources);
    assert!(checked.set.is_none());
    let got: Vec<(Severity, &str, Option<&str>)> = checked
        .lints
        .iter()
        .map(|l| (l.severity, l.code, l.help.as_deref()))
        .collect();
    assert_eq!(got.len(), 5, "{got:#?}");
    assert_eq!(
        got[0],
        (
            Severity::Error,
            "unknown-key",
            Some("did you mean `color`?")
        )
    );
    assert!(got[1].2.unwrap().contains("is a top-level key"));
    assert_eq!(
        got[2],
        (
            Severity::Error,
            "unknown-key",
            Some("did you mean `weight`?")
        )
    );
    assert_eq!((got[3].0, got[3].1), (Severity::Error, "toml"));
    // The file that loads on its own is still linted.
    assert_eq!((got[4].0, got[4].1), (Severity::Warning, "duplicate-term"));
    assert_eq!(checked.frames_checked, 1);
}

#[test]
fn the_key_scan_knows_every_key_of_the_format() {
    // A file using every key loads, and the scan finds nothing unknown in it.
    let full = "id = \"a\"\nname = \"A\"\ndescription = \"d\"\ncolor = \"red\"\nexclude = [\"x y\"]\nscope = \"ai\"\n[presence]\nmin_score = 1.0\nmin_hits = 1\nmin_terms = 1\nmin_density = 0.0\n[[group]]\nname = \"g\"\ndescription = \"d\"\nweight = 1.0\nterms = [\"t\"]\n[[rule]]\nname = \"r\"\ndescription = \"d\"\nweight = 1.0\nwindow = 5\nordered = true\nsame_sentence = true\nall = [[\"t\"], [\"u\"]]\nnone = [\"n\"]\n";
    let set = "name = \"s\"\ndescription = \"d\"\nframes = [\"a\"]\n[negation]\nnegators = [\"not\"]\nwindow = 3\nweight = 0.0\n[voice]\nattribution = [\"said\"]\n[scope.ai]\ndescription = \"d\"\nterms = [\"AI\"]\nexclude = [\"Ai Weiwei\"]\nmin_hits = 1\nwindow = \"paragraph\"\ndocument_min_hits = 3\n";
    assert!(LexiconSet::from_sources(vec![src("a.toml", full), src("set.toml", set)]).is_ok());
    for (text, set_file) in [(full, false), (set, true)] {
        let table = DeTable::parse(text).unwrap();
        let mut out = Vec::new();
        scan_file(0, table.get_ref(), set_file, &mut out);
        assert!(out.is_empty(), "{out:?}");
    }
    // A misspelt key inside a scope table is found, with the nearest key.
    let table = DeTable::parse("[scope.ai]\nterms = [\"AI\"]\nwindw = 3\n").unwrap();
    let mut out = Vec::new();
    scan_file(0, table.get_ref(), true, &mut out);
    assert_eq!(out.len(), 1);
    assert_eq!(out[0].message, "unknown key `windw` in [scope.ai]");
    assert_eq!(out[0].help.as_deref(), Some("did you mean `window`?"));
}

#[test]
fn nearest_key() {
    let keys = ["name", "description", "weight", "terms"];
    let cases = [
        ("wieght", Some("weight")),
        ("weigth", Some("weight")),
        ("term", Some("terms")),
        ("descripton", Some("description")),
        ("colour", None),
        ("x", None),
        // Two neighbours swapped are one edit, the most for three to five characters.
        ("trems", Some("terms")),
        ("tesrm", None),
        // Six to nine characters allow two edits, not three; ten or more allow three.
        ("wxight", Some("weight")),
        ("wxyzht", None),
        ("dxscxiptixn", Some("description")),
        ("dxscxixtixn", None),
    ];
    for (word, want) in cases {
        assert_eq!(nearest(word, keys.iter().copied()), want, "{word}");
    }
}

#[test]
fn the_default_set_has_no_error() {
    let checked = check_sources(embedded_sources());
    assert!(checked.set.is_some());
    assert_eq!(checked.count(Severity::Error), 0);
}

/// The corpus counts of `texts`, each scored and probed as `check --corpus` does.
fn corpus_stats(c: &Compiled, texts: &[&str]) -> CorpusStats {
    let probe = Probe::new(c);
    let mut stats = CorpusStats::new(c);
    let mut scorer = Scorer::new(c);
    for text in texts {
        let score = scorer.score(text);
        stats.add(&score, probe.observe(text, &score));
    }
    stats
}

#[test]
fn corpus_finds_dead_and_swallowed_terms_and_expansions() {
    let set = LexiconSet::from_sources(vec![
        frame(
            "a",
            "exclude = [\"social security\"]\n[[group]]\nname = \"g\"\nterms = [\"security\", \"national security\", \"secur*\", \"zebra\"]\n",
        ),
        frame("b", "[[group]]\nname = \"g\"\nterms = [\"security\"]\n"),
    ])
    .unwrap();
    let c = Compiled::new(set).unwrap();
    let stats = corpus_stats(
        &c,
        &[
            "National security and social security.",
            "Securities fell; national security rose.",
            "Secure the NATIONAL SECURITY.",
        ],
    );
    let lints = stats.lints(&c);
    let got: Vec<(&str, &str)> = lints.iter().map(|l| (l.code, l.message.as_str())).collect();
    assert_eq!(
        got,
        [
            (
                "shadowed-in-corpus",
                "term \"security\" of frame \"a\" occurs 4 times in the corpus but never counts"
            ),
            (
                "dead-term",
                "frame \"a\": 1 of 4 terms never hit in the corpus (3 units)"
            ),
            (
                "shadowed-in-corpus",
                "term \"security\" of frame \"b\" occurs 4 times in the corpus but never counts"
            ),
        ]
    );
    assert!(lints[0]
        .help
        .as_deref()
        .unwrap()
        .contains("\"national security\" ×3 (term of a), \"social security\" ×1 (exclusion of a)"));
    let report = stats.report(&c, 5);
    assert_eq!(report.units, 3);
    assert_eq!(report.wildcards.len(), 1);
    assert_eq!(report.wildcards[0].term, "secur*");
    assert_eq!(
        report.wildcards[0].top,
        [("secure".to_string(), 1), ("securities".to_string(), 1)]
    );
    let a = &report.frames[0];
    assert_eq!((a.present, a.hits, a.terms, a.terms_hit), (3, 5, 4, 2));
    assert_eq!(a.top[0].term, "national security");
    assert!((a.top[0].share - 0.6).abs() < 1e-12);
    assert_eq!((a.exclusions, a.exclusions_hit), (1, 1));
}

/// A loader error about an unknown key gets the nearest of the keys serde lists
/// ("expected one of `a`, `b`"), the first of them as much as the others.
#[test]
fn loader_errors_about_unknown_keys_suggest_the_nearest_listed_key() {
    let lint = |message: &str| {
        let d = crate::lexicon::Diagnostic {
            location: None,
            span: None,
            message: message.into(),
        };
        loader_lint(&[], None, d).help
    };
    let listed = "expected one of `name`, `description`, `weight`, `terms`";
    for (key, want) in [
        ("nmae", Some("did you mean `name`?")),
        ("descripton", Some("did you mean `description`?")),
        ("wieght", Some("did you mean `weight`?")),
        ("term", Some("did you mean `terms`?")),
        ("colour", None),
    ] {
        let message = format!("unknown field `{key}`, {listed}");
        assert_eq!(lint(&message).as_deref(), want, "{key}");
    }
}

/// Over a corpus, each scope lists only its own terms that occurred, and each frame the
/// hits its scope held back.
#[test]
fn corpus_counts_scopes_and_what_they_hold_back() {
    let set = LexiconSet::from_sources(vec![
        src(
            "set.toml",
            "[scope.ai]\nterms = [\"AI\", \"model\", \"robot\"]\n[scope.chips]\nterms = [\"chip\"]\n",
        ),
        frame("a", "scope = \"ai\"\n[[group]]\nname = \"g\"\nterms = [\"threat\"]\n"),
        frame("b", "scope = \"chips\"\n[[group]]\nname = \"g\"\nterms = [\"export\"]\n"),
    ])
    .unwrap();
    let c = Compiled::new(set).unwrap();
    let stats = corpus_stats(
        &c,
        &[
            "AI is a threat.",
            "A threat, they say; an export.",
            "Chip export controls, and an AI model.",
        ],
    );
    let report = stats.report(&c, 5);
    let held: Vec<(u64, u64)> = report
        .frames
        .iter()
        .map(|f| (f.hits, f.out_of_scope))
        .collect();
    assert_eq!(held, [(1, 1), (1, 1)]);
    let scopes: Vec<(&str, u64)> = report
        .scopes
        .iter()
        .map(|s| (s.scope.as_str(), s.units))
        .collect();
    assert_eq!(scopes, [("ai", 2), ("chips", 1)]);
    assert_eq!(
        report.scopes[0].top,
        [("AI".to_string(), 2), ("model".to_string(), 1)]
    );
    assert_eq!(report.scopes[1].top, [("chip".to_string(), 1)]);
}
