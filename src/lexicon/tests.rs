//! Loading and validation: every error names its file, line and column.

use super::*;

fn load(files: &[(&str, &str)]) -> Result<LexiconSet, LexiconError> {
    LexiconSet::from_sources(
        files
            .iter()
            .map(|(p, t)| Source {
                path: (*p).into(),
                text: (*t).into(),
            })
            .collect(),
    )
}

const GOOD: &str = r#"id = "sec"
name = "Security"
exclude = ["social security"]

[presence]
min_score = 2.0

[[group]]
name = "core"
weight = 2.0
terms = ["national security", "adversar*"]
"#;

#[test]
fn loads_a_valid_frame_with_defaults() {
    let set = load(&[("sec.toml", GOOD)]).unwrap();
    let f = &set.frames[0];
    assert_eq!(f.id, "sec");
    assert_eq!(f.presence.min_score, 2.0);
    assert_eq!(f.presence.min_hits, 1);
    assert_eq!(f.groups[0].terms.len(), 2);
    assert!(f.groups[0].terms[1].is_wildcard());
    assert_eq!(set.negation.window, 3);
    assert_eq!(set.negation.weight, 0.0);
    let loc = set.location(&f.groups[0].terms[1]);
    assert_eq!((loc.line, loc.col), (11, 31));
}

#[test]
fn errors_name_file_line_and_column() {
    let rows: &[(&str, &str)] = &[
        (
            "id = \"a\"\nname = \"A\"\n[[group]]\nname = \"g\"\nwieght = 1.0\nterms = [\"x\"]\n",
            "a.toml:5:1: unknown field `wieght`",
        ),
        (
            "id = \"a\"\nname = \"A\"\n[[group]]\nname = \"g\"\nterms = [\"x\", \"\"]\n",
            "a.toml:5:15: empty term",
        ),
        (
            "id = \"a\"\nname = \"A\"\n[[group]]\nname = \"g\"\nterms = [\"x\", \"  \u{2014} \"]\n",
            "a.toml:5:15: term \"  \u{2014} \" normalises to nothing",
        ),
        (
            "id = \"a\"\nname = \"A\"\n[[group]]\nname = \"g\"\nterms = [\"*arms\"]\n",
            "a.toml:5:10: wildcard * is allowed only at the end",
        ),
        (
            "id = \"a\"\nname = \"A\"\n[[group]]\nname = \"g\"\nterms = [\"ar*ms*\"]\n",
            "a.toml:5:10: wildcard * is allowed only at the end",
        ),
        (
            "id = \"A b\"\nname = \"A\"\n",
            "a.toml:1:6: frame id \"A b\" must be",
        ),
        (
            "id = \"1st\"\nname = \"A\"\n",
            "a.toml:1:6: frame id \"1st\" must be ASCII letters, digits and _, starting with a letter",
        ),
        (
            "id = \"_x\"\nname = \"A\"\n",
            "a.toml:1:6: frame id \"_x\" must be",
        ),
        (
            "id = \"Économie\"\nname = \"A\"\n",
            "a.toml:1:6: frame id \"Économie\" must be",
        ),
        (
            "id = \"a\"\nname = \"A\"\ncolor = \"mauve\"\n",
            "a.toml:3:9: unknown color \"mauve\"",
        ),
        (
            "id = \"a\"\nname = \"A\"\n[[group]]\nname = \"g\"\nweight = nan\nterms = [\"x\"]\n",
            "a.toml:5:10: weight must be a finite number",
        ),
        ("id = \"a\"\nname = \"A\"\nterms = [\"x\"\n", "a.toml:3:"),
        // An unterminated string: its own line, not the "missing comma" that follows
        // (the first problem, as `check` reports it).
        (
            "id = \"a\"\nname = \"A\"\n[[group]]\nname = \"g\"\nterms = [\n  \"national sécurité,\n  \"threat\",\n]\n",
            "a.toml:6:",
        ),
        // Negative presence thresholds are refused (negative weights load, with a warning
        // from `check`).
        (
            "id = \"a\"\nname = \"A\"\n[presence]\nmin_score = -1\n",
            "a.toml:1:1: [presence] min_score and min_density must be 0 or more",
        ),
        (
            "id = \"a\"\nname = \"A\"\n[presence]\nmin_density = -0.5\n",
            "a.toml:1:1: [presence] min_score and min_density must be 0 or more (found min_score = 1, min_density = -0.5)",
        ),
        ("name = \"A\"\n", "a.toml:1:1: missing field `id`"),
    ];
    for (text, want) in rows {
        let err = load(&[("a.toml", text)]).unwrap_err().to_string();
        assert!(err.starts_with(want), "got {err:?}, want {want:?}");
    }
    let err = load(&[(
        "a.toml",
        "id = \"a\"\nname = \"A\"\n[[group]]\nname = \"g\"\nterms = [\n  \"national sécurité,\n  \"threat\",\n]\n",
    )])
    .unwrap_err()
    .to_string();
    assert!(!err.contains("missing comma"), "{err}");
    // A negative weight loads.
    assert!(load(&[(
        "a.toml",
        "id = \"a\"\nname = \"A\"\n[[group]]\nname = \"g\"\nweight = -1.0\nterms = [\"x\"]\n"
    )])
    .is_ok());
}

#[test]
fn set_level_errors() {
    let err = load(&[("a.toml", GOOD), ("b.toml", GOOD)])
        .unwrap_err()
        .to_string();
    assert_eq!(
        err,
        "b.toml:1:6: duplicate frame id \"sec\" (first defined at a.toml:1:6)"
    );
    let err = load(&[
        ("set.toml", "[negation]\nwindow = 2\nweigth = 1\n"),
        ("a.toml", GOOD),
    ])
    .unwrap_err()
    .to_string();
    assert_eq!(
        err,
        "set.toml:3:1: unknown field `weigth`, expected one of `negators`, `window`, `weight`"
    );
    let err = load(&[("set.toml", "frames = [\"nope\"]\n"), ("a.toml", GOOD)])
        .unwrap_err()
        .to_string();
    assert_eq!(
        err,
        "set.toml:1:11: frame \"nope\" is listed here but no file defines it"
    );
    // A frame whose own file is broken is not reported a second time by set.toml.
    let broken = "id = \"sec\"\nname = 5\n";
    let err = load(&[("set.toml", "frames = [\"sec\"]\n"), ("a.toml", broken)])
        .unwrap_err()
        .to_string();
    assert!(err.starts_with("a.toml:2:8: invalid type"), "{err}");
    assert!(!err.contains("set.toml"), "{err}");
    let err = load(&[
        ("set.toml", "frames = [\"sec\", \"sec\"]\n"),
        ("a.toml", GOOD),
    ])
    .unwrap_err()
    .to_string();
    assert_eq!(err, "set.toml:1:18: frame \"sec\" is listed twice");
    let err = load(&[
        ("set.toml", "[negation]\nnegators = [\"rather than\"]\n"),
        ("a.toml", GOOD),
    ])
    .unwrap_err()
    .to_string();
    assert_eq!(
        err,
        "set.toml:2:13: negator \"rather than\" must be a single word"
    );
    let err = load(&[("set.toml", "name = \"x\"\n")])
        .unwrap_err()
        .to_string();
    assert_eq!(err, "the lexicon set has no frame");
}

#[test]
fn set_file_orders_frames_and_sets_negation() {
    let b = GOOD.replace("\"sec\"", "\"other\"");
    let set = load(&[
        (
            "set.toml",
            "frames = [\"other\"]\n[negation]\nnegators = [\"kein\"]\nwindow = 5\nweight = -1.0\n",
        ),
        ("a.toml", GOOD),
        ("b.toml", &b),
    ])
    .unwrap();
    let ids: Vec<&str> = set.frames.iter().map(|f| f.id.as_str()).collect();
    assert_eq!(ids, ["other", "sec"]);
    assert_eq!(set.negation.negators, ["kein"]);
    assert_eq!((set.negation.window, set.negation.weight), (5, -1.0));
}

#[test]
fn embedded_set_is_valid() {
    let set = LexiconSet::embedded();
    let ids: Vec<&str> = set.frames.iter().map(|f| f.id.as_str()).collect();
    assert_eq!(
        ids,
        ["security", "arms_race_criticism", "commercial_motive"]
    );
    assert!(set
        .frames
        .iter()
        .all(|f| f.groups.iter().map(|g| g.terms.len()).sum::<usize>() >= 30));
}

#[test]
fn rules_are_validated_with_locations() {
    let frame = |rule: &str| format!("id = \"a\"\nname = \"A\"\n[[rule]]\nname = \"r\"\n{rule}\n");
    let rows: &[(&str, &str)] = &[
        (
            "all = [[\"x\"]]",
            "a.toml:5:7: rule \"r\" needs at least two term groups in `all`",
        ),
        (
            "all = [[\"x\"], []]",
            "a.toml:5:7: rule \"r\" has an empty term group",
        ),
        (
            "all = [[\"x\"], [\"y\"]]\nwindow = 0",
            "a.toml:4:8: rule \"r\": window must be at least 1 word",
        ),
        (
            "all = [[\"x\"], [\"*y\"]]",
            "a.toml:5:16: wildcard * is allowed only at the end",
        ),
        (
            "all = [[\"x\"], [\"y\"]]\nwithin = 3",
            "a.toml:6:1: unknown field `within`",
        ),
    ];
    for (rule, want) in rows {
        let err = load(&[("a.toml", &frame(rule))]).unwrap_err().to_string();
        assert!(err.starts_with(want), "got {err:?}, want {want:?}");
    }
    let set = load(&[(
        "a.toml",
        &frame("all = [[\"x\", \"y*\"], [\"z\"]]\nnone = [\"n\"]\nordered = true"),
    )])
    .unwrap();
    let r = &set.frames[0].rules[0];
    assert_eq!(
        (r.window, r.ordered, r.same_sentence, r.weight),
        (10, true, false, 1.0)
    );
    assert_eq!((r.all.len(), r.none.len()), (2, 1));
}

const SCOPED: &str =
    "id = \"sec\"\nname = \"S\"\nscope = \"ai\"\n[[group]]\nname = \"g\"\nterms = [\"menace\"]\n";

#[test]
fn scopes_load_with_their_windows() {
    let rows: &[(&str, ScopeWindow, u32)] = &[
        ("", ScopeWindow::Unit, 1),
        ("window = \"unit\"", ScopeWindow::Unit, 1),
        ("window = \"document\"", ScopeWindow::Document, 1),
        (
            "window = \"paragraph\"\nmin_hits = 2",
            ScopeWindow::Paragraph,
            2,
        ),
        ("window = \"sentence\"", ScopeWindow::Sentence, 1),
        ("window = 40", ScopeWindow::Words(40), 1),
        (
            "window = 40\ndocument_min_hits = 3",
            ScopeWindow::Words(40),
            1,
        ),
    ];
    for (extra, window, min_hits) in rows {
        let set_toml = format!(
            "[scope.ai]\nterms = [\"IA\", \"puce*\"]\nexclude = [\"puce à l'oreille\"]\n{extra}\n"
        );
        let set = load(&[("set.toml", &set_toml), ("sec.toml", SCOPED)]).unwrap();
        let s = &set.scopes[0];
        assert_eq!(
            (s.name.as_str(), s.window, s.min_hits),
            ("ai", *window, *min_hits)
        );
        assert_eq!((s.terms.len(), s.exclude.len()), (2, 1));
        let doc = extra.contains("document_min_hits").then_some(3);
        assert_eq!(s.document_min_hits, doc);
        assert_eq!(
            set.scope_of(&set.frames[0]).map(|s| s.name.as_str()),
            Some("ai")
        );
    }
}

#[test]
fn scope_errors_name_the_place() {
    let rows: &[(&str, &str, &str)] = &[
        (
            "[scope.ai]\nterms = [\"IA\"]\nwindow = \"page\"\n",
            SCOPED,
            "set.toml:3:10: scope \"ai\": window must be \"unit\", \"document\", \"paragraph\", \"sentence\" or a number of words of at least 1, not \"page\"",
        ),
        (
            "[scope.ai]\nterms = [\"IA\"]\nwindow = 0\n",
            SCOPED,
            "set.toml:3:10: scope \"ai\": window must be",
        ),
        (
            "[scope.ai]\nterms = [\"IA\"]\nmin_hits = 0\n",
            SCOPED,
            "set.toml:3:12: scope \"ai\": min_hits must be at least 1",
        ),
        (
            "[scope.ai]\nterms = [\"IA\"]\ndocument_min_hits = 0\n",
            SCOPED,
            "set.toml:3:21: scope \"ai\": document_min_hits must be at least 1",
        ),
        ("[scope.ai]\nterms = []\n", SCOPED, "set.toml:2:9: scope \"ai\" has no terms"),
        ("[scope.ai]\nterms = [\"I*A\"]\n", SCOPED, "set.toml:2:10: wildcard * is allowed only at the end"),
        (
            "[scope.ai]\nterms = [\"IA\"]\nwindw = 3\n",
            SCOPED,
            "set.toml:3:1: unknown field `windw`",
        ),
        (
            "[scope.Ai]\nterms = [\"IA\"]\n",
            "id = \"sec\"\nname = \"S\"\nscope = \"Ai\"\n",
            "set.toml:1:8: scope name \"Ai\" must be lower-case",
        ),
        (
            "[scope.ai]\nterms = [\"IA\"]\n",
            "id = \"sec\"\nname = \"S\"\nscope = \"ia\"\n",
            "sec.toml:3:9: unknown scope \"ia\" (set.toml defines: ai)",
        ),
        (
            "[scope.ai]\nterms = [\"IA\"]\n",
            "id = \"sec\"\nname = \"S\"\nscope = \"AI\"\n",
            "sec.toml:3:9: unknown scope \"AI\": scope names are lower-case",
        ),
        (
            "name = \"x\"\n",
            "id = \"sec\"\nname = \"S\"\nscope = \"ai\"\n",
            "sec.toml:3:9: unknown scope \"ai\": define it in set.toml as [scope.ai]",
        ),
    ];
    for (set_toml, frame, want) in rows {
        let err = load(&[("set.toml", set_toml), ("sec.toml", frame)]).unwrap_err();
        let got = err.to_string();
        assert!(
            got.starts_with(want),
            "{set_toml:?}\n got: {got}\nwant: {want}"
        );
    }
    // Without any set.toml a scope cannot be defined either.
    let err = load(&[("sec.toml", SCOPED)]).unwrap_err();
    assert_eq!(
        err.to_string(),
        "sec.toml:3:9: unknown scope \"ai\": define it in set.toml as [scope.ai]"
    );
}

#[test]
fn frame_ids_may_carry_capitals_as_in_established_schemes() {
    let set = LexiconSet::from_sources(vec![Source {
        path: "c.toml".into(),
        text: "id = \"Crime_and_punishment\"\nname = \"Crime\"\n[[group]]\nname = \"g\"\nterms = [\"arrest*\"]\n".into(),
    }])
    .unwrap();
    assert_eq!(set.frames[0].id, "Crime_and_punishment");
    assert_eq!(set.frame_index("Crime_and_punishment"), Some(0));
    assert_eq!(
        set.frame_index("crime_and_punishment"),
        None,
        "ids are case-sensitive"
    );
}

#[test]
fn embedded_sets_load_by_name_and_paths_still_win() {
    let names: Vec<&str> = EMBEDDED_SETS.iter().map(|s| s.name).collect();
    assert_eq!(names, ["default", "policy-frames"]);
    let pf = LexiconSet::embedded_named("policy-frames").unwrap();
    assert_eq!(pf.name, "policy-frames");
    assert_eq!(pf.frames.len(), 14);
    assert_eq!(pf.negation.window, 0, "negation is off in the pack");
    assert!(LexiconSet::embedded_named("nope").is_none());
    // By name through the loader, with the repository's file names in messages.
    let sources = read_sources(&["policy-frames"]).unwrap();
    assert_eq!(&*sources[0].path, "lexicons/policy-frames/set.toml");
    assert_eq!(sources.len(), 15);
    // A name plus a file: the file's frame joins the set.
    let tmp = tempfile::tempdir().unwrap();
    let extra = tmp.path().join("extra.toml");
    std::fs::write(&extra, "id = \"extra\"\nname = \"E\"\n").unwrap();
    let joined = LexiconSet::load(&[std::path::PathBuf::from("default"), extra]).unwrap();
    let ids: Vec<&str> = joined.frames.iter().map(|f| f.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "security",
            "arms_race_criticism",
            "commercial_motive",
            "extra"
        ]
    );
    // Neither a path nor a name.
    let err = read_sources(&["defualt"]).unwrap_err().to_string();
    assert_eq!(
        err,
        "defualt: no such lexicon file or folder (embedded sets, by name: default, policy-frames)"
    );
}

#[test]
fn scope_names_are_lower_case_letters_digits_and_underscores() {
    let frame = |scope: &str| {
        format!("id = \"sec\"\nname = \"S\"\nscope = \"{scope}\"\n[[group]]\nname = \"g\"\nterms = [\"menace\"]\n")
    };
    let set = load(&[
        ("set.toml", "[scope.ai_2]\nterms = [\"IA\"]\n"),
        ("sec.toml", &frame("ai_2")),
    ])
    .unwrap();
    assert_eq!(set.scopes[0].name, "ai_2");
    for bad in ["9ai", "aI", "a-b"] {
        let err = load(&[
            ("set.toml", &format!("[scope.{bad}]\nterms = [\"IA\"]\n")),
            ("sec.toml", &frame(bad)),
        ])
        .unwrap_err();
        assert!(
            err.to_string().starts_with(&format!(
                "set.toml:1:8: scope name \"{bad}\" must be lower-case"
            )),
            "{bad}: {err}"
        );
    }
}

#[test]
fn a_frame_or_scope_with_errors_adds_no_second_error_elsewhere() {
    // A second frame "sec" whose own file has an error: that error only, not also a
    // duplicate id (the frame was not loaded).
    let bad = "id = \"sec\"\nname = \"S\"\n[presence]\nmin_score = -1.0\n";
    let err = load(&[("a.toml", GOOD), ("b.toml", bad)]).unwrap_err();
    assert_eq!(err.diagnostics.len(), 1, "{err}");
    assert!(err.to_string().starts_with("b.toml"), "{err}");
    assert!(!err.to_string().contains("duplicate"), "{err}");
    // A scope with an error is not listed among the defined ones when a frame names an
    // unknown scope.
    let err = load(&[
        (
            "set.toml",
            "[scope.bad]\nterms = [\"IA\"]\nwindow = 0\n[scope.ok]\nterms = [\"AI\"]\n",
        ),
        ("sec.toml", "id = \"sec\"\nname = \"S\"\nscope = \"nope\"\n"),
    ])
    .unwrap_err();
    assert_eq!(err.diagnostics.len(), 2, "{err}");
    assert_eq!(
        err.diagnostics[1].message,
        "unknown scope \"nope\" (set.toml defines: ok)"
    );
}

#[test]
fn presence_thresholds_must_both_be_finite() {
    for presence in [
        "min_score = inf",
        "min_density = inf",
        "min_score = nan\nmin_density = 1.0",
    ] {
        let text = format!("id = \"a\"\nname = \"A\"\n[presence]\n{presence}\n");
        let err = load(&[("a.toml", &text)]).unwrap_err();
        assert_eq!(
            err.to_string(),
            "a.toml:1:1: presence thresholds must be finite numbers",
            "{presence}"
        );
    }
}
