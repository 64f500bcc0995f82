//! One table-driven test per clause of the matching contract (ARCHITECTURE.md), each with
//! non-ASCII cases.

use super::*;
use crate::lexicon::{LexiconSet, Source};

/// A frame for tests: `(id, [(weight, [terms])], [exclusions])`.
type FrameSpec<'a> = (&'a str, &'a [(f64, &'a [&'a str])], &'a [&'a str]);

/// Compiles frames, plus an optional `set.toml`.
fn compile(frames: &[FrameSpec<'_>], set: Option<&str>) -> Compiled {
    let mut sources = Vec::new();
    if let Some(set) = set {
        sources.push(Source {
            path: "set.toml".into(),
            text: set.into(),
        });
    }
    for (id, groups, exclude) in frames {
        let mut toml = format!("id = \"{id}\"\nname = \"{id}\"\nexclude = {exclude:?}\n");
        for (i, (w, terms)) in groups.iter().enumerate() {
            toml.push_str(&format!(
                "[[group]]\nname = \"g{i}\"\nweight = {w:?}\nterms = {terms:?}\n"
            ));
        }
        sources.push(Source {
            path: format!("{id}.toml").into(),
            text: toml.into(),
        });
    }
    Compiled::new(LexiconSet::from_sources(sources).unwrap()).unwrap()
}

fn one_frame(terms: &[&str]) -> Compiled {
    compile(&[("f", &[(1.0, terms)], &[])], None)
}

/// The hits of a text as (term as written, matched original slice, kind).
fn hits(c: &Compiled, text: &str) -> Vec<(String, String, HitKind)> {
    let mut s = Scorer::new(c);
    s.score(text)
        .hits
        .iter()
        .map(|h| {
            (
                c.terms[h.term].text.clone(),
                text[h.start..h.end].to_string(),
                h.kind,
            )
        })
        .collect()
}

/// Runs `(terms, text, expected matched slices)` rows.
fn check_rows(rows: &[(&[&str], &str, &[&str])]) {
    for (terms, text, want) in rows {
        let c = one_frame(terms);
        let got: Vec<String> = hits(&c, text).into_iter().map(|h| h.1).collect();
        assert_eq!(&got, want, "terms {terms:?} on {text:?}");
    }
}

#[test]
fn clause_1_case() {
    check_rows(&[
        (
            &["états-unis"],
            "Les ÉTATS-UNIS et la Chine",
            &["ÉTATS-UNIS"],
        ),
        (&["ÉTATS-UNIS"], "les états-unis", &["états-unis"]),
        (
            &["national security"],
            "NATIONAL Security",
            &["NATIONAL Security"],
        ),
        (&["κόσμος"], "Ο ΚΌΣΜΟΣ αλλάζει", &["ΚΌΣΜΟΣ"]),
        (&["угроза"], "УГРОЗА безопасности", &["УГРОЗА"]),
        (&["straße"], "die STRASSE", &["STRASSE"]),
        (&["Ölpreis"], "der ÖLPREIS steigt", &["ÖLPREIS"]),
    ]);
}

#[test]
fn clause_2_typography() {
    check_rows(&[
        (
            &["america's lead"],
            "America\u{2019}s lead",
            &["America\u{2019}s lead"],
        ),
        (
            &["America\u{2019}s lead"],
            "america's lead",
            &["america's lead"],
        ),
        (
            &["america's lead"],
            "America\u{02BC}s lead",
            &["America\u{02BC}s lead"],
        ),
        // U+02BC is a letter, but it folds to `'`, which starts no word: a word starts
        // after it, as after `'`.
        (&["tis"], "\u{02BC}Tis so", &["Tis"]),
        (&["tis"], "\u{201B}Tis so", &["Tis"]),
        (
            &["\"china threat\""],
            "the \u{201C}China threat\u{201D} story",
            &["\u{201C}China threat\u{201D}"],
        ),
        (&["arms race"], "an arms\u{2013}race", &["arms\u{2013}race"]),
        (&["arms race"], "an arms\u{2011}race", &["arms\u{2011}race"]),
        (&["arms race"], "an arms\u{2212}race", &["arms\u{2212}race"]),
        (
            &["national security"],
            "national\u{00A0}security",
            &["national\u{00A0}security"],
        ),
        (
            &["national security"],
            "national\u{2009}security",
            &["national\u{2009}security"],
        ),
        (
            &["l'hégémonie"],
            "L\u{2019}HÉGÉMONIE américaine",
            &["L\u{2019}HÉGÉMONIE"],
        ),
        (
            &["self\u{2010}reliance"],
            "self-reliance",
            &["self-reliance"],
        ),
    ]);
}

#[test]
fn clause_3_whole_words() {
    check_rows(&[
        (&["tax"], "a taxonomy of taxes", &[]),
        (&["tax"], "a tax, taxed", &["tax"]),
        (
            &["america"],
            "America's and America\u{2019}s lead",
            &["America", "America"],
        ),
        (&["ai"], "he said the AI", &["AI"]),
        (&["lead"], "misleading leads", &[]),
        (&["sécurité"], "insécurité; sécurité!", &["sécurité"]),
        (&["угроза"], "угрозами угроза", &["угроза"]),
        // Scripts without spaces need no boundaries, and a change of script is one.
        (&["芯片"], "美国芯片出口管制", &["芯片"]),
        (&["ai"], "发展AI技术", &["AI"]),
        (&["中国"], "中国AI", &["中国"]),
        (&["u.s."], "the U.S. lead", &["U.S."]),
    ]);
}

#[test]
fn clause_4_wildcards() {
    check_rows(&[
        (
            &["adversar*"],
            "adversary, adversarial adversaries adversar",
            &["adversary", "adversarial", "adversaries", "adversar"],
        ),
        (&["adversar*"], "nonadversarial", &[]),
        (
            &["adversar*"],
            "the adversary\u{2019}s plan",
            &["adversary"],
        ),
        (
            &["sécurit*"],
            "SÉCURITÉ et sécuritaire",
            &["SÉCURITÉ", "sécuritaire"],
        ),
        (&["угроз*"], "УГРОЗАМИ", &["УГРОЗАМИ"]),
        (
            &["distillation attack*"],
            "distillation-attacks",
            &["distillation-attacks"],
        ),
    ]);
}

#[test]
fn clause_5_phrases() {
    check_rows(&[
        (&["arms race"], "arms race", &["arms race"]),
        (&["arms race"], "arms-race", &["arms-race"]),
        (&["arms race"], "arms\n race", &["arms\n race"]),
        (
            &["arms race"],
            "ARMS \u{2014} RACE",
            &["ARMS \u{2014} RACE"],
        ),
        (&["arms race"], "armsrace", &[]),
        (&["arms-race"], "arms  race", &["arms  race"]),
        (&["холодная война"], "ХОЛОДНАЯ\nВОЙНА", &["ХОЛОДНАЯ\nВОЙНА"]),
    ]);
}

/// Clause 5, second half: a phrase spans a line break (wrapped text) but never a paragraph
/// break — a blank line, U+2029, or the blank line that joins a title to its text — with
/// each of the three matchers (flat table, the crate's DFA, the NFA fallback).
#[test]
fn clause_5_phrases_stop_at_paragraph_breaks() {
    let rows: &[(&[&str], &str, &[&str])] = &[
        (
            &["national security"],
            "the end of national\n\nSecurity begins",
            &[],
        ),
        (
            &["national security", "security"],
            "national\n\nSecurity",
            &["Security"],
        ),
        (
            &["national security"],
            "national\nsecurity",
            &["national\nsecurity"],
        ),
        (
            &["sécurité nationale"],
            "SÉCURITÉ \r\n  \r\n NATIONALE",
            &[],
        ),
        (
            &["sécurité nationale"],
            "SÉCURITÉ\r\nNATIONALE",
            &["SÉCURITÉ\r\nNATIONALE"],
        ),
        (&["холодная война"], "ХОЛОДНАЯ\u{2029}ВОЙНА", &[]),
        (
            &["холодная война"],
            "ХОЛОДНАЯ\u{2028}ВОЙНА",
            &["ХОЛОДНАЯ\u{2028}ВОЙНА"],
        ),
        (&["arms race"], "arms\n\u{00A0}\n\u{2014}race", &[]),
        // A dash between two line breaks is a line of its own, not a blank line.
        (
            &["arms race"],
            "arms\n\u{2014}\nrace",
            &["arms\n\u{2014}\nrace"],
        ),
        // Terms on either side of the break still hit, each on its own.
        (
            &["cold war", "арктика"],
            "COLD WAR\n\nАРКТИКА",
            &["COLD WAR", "АРКТИКА"],
        ),
        // A title joined to its text ("title\n\ntext", as `eval --title-field` does).
        (
            &["états unis", "unis"],
            "Les États\n\nUnis du texte",
            &["Unis"],
        ),
    ];
    for (terms, text, want) in rows {
        let [flat, dfa, nfa] = three_matchers(one_frame(terms));
        for (kind, c) in [("flat", &flat), ("dfa", &dfa), ("nfa", &nfa)] {
            let got: Vec<String> = hits(c, text).into_iter().map(|h| h.1).collect();
            assert_eq!(&got, want, "{kind}: terms {terms:?} on {text:?}");
        }
    }
    // A term written across a blank line is an ordinary phrase.
    check_rows(&[(&["arms\n\nrace"], "arms race", &["arms race"])]);
}

#[test]
fn clause_6_overlaps() {
    check_rows(&[
        (
            &[
                "national security",
                "security threat",
                "national security threat",
                "threat",
            ],
            "a national security threat",
            &["national security threat"],
        ),
        (
            &["national security", "national security risk"],
            "national security risks",
            &["national security"],
        ),
        (
            &["cold war", "new cold war"],
            "a new cold war",
            &["new cold war"],
        ),
        (
            &["guerre froide", "froide"],
            "la GUERRE FROIDE",
            &["GUERRE FROIDE"],
        ),
    ]);
    // A term listed in two frames counts once in each.
    let c = compile(
        &[
            ("a", &[(1.0, &["arms race"])], &[]),
            ("b", &[(2.0, &["arms race", "race"])], &[]),
        ],
        None,
    );
    let d = Scorer::new(&c).score("the arms race");
    assert_eq!((d.frames[0].hits, d.frames[1].hits), (1, 1));
    assert_eq!((d.frames[0].score, d.frames[1].score), (1.0, 2.0));
    // An exclusion that wins the overlap cancels what it covers.
    let c = compile(
        &[(
            "sec",
            &[(1.0, &["security", "sécurité"])],
            &["social security", "sécurité sociale"],
        )],
        None,
    );
    let got = hits(&c, "Social Security and security; la SÉCURITÉ SOCIALE");
    let kinds: Vec<(&str, HitKind)> = got.iter().map(|h| (h.1.as_str(), h.2)).collect();
    assert_eq!(
        kinds,
        [
            ("Social Security", HitKind::Excluded),
            ("security", HitKind::Counted),
            ("SÉCURITÉ SOCIALE", HitKind::Excluded)
        ]
    );
    assert_eq!(Scorer::new(&c).score("Social Security").frames[0].hits, 0);
}

#[test]
fn clause_7_negation() {
    let set = "[negation]\nnegators = [\"not\", \"no\", \"never\", \"n't\", \"pas\", \"не\"]\nwindow = 3\nweight = 0.0\n";
    let c = compile(
        &[("f", &[(2.0, &["threat", "угроза", "menace"])], &[])],
        Some(set),
    );
    let rows: &[(&str, HitKind)] = &[
        ("this is not a threat", HitKind::Negated),
        ("it isn\u{2019}t a threat", HitKind::Negated),
        ("it doesn't pose a threat", HitKind::Negated),
        ("never, in any sense, a threat", HitKind::Counted), // 4 words back
        ("no one doubts it: threat", HitKind::Counted),
        ("Not true. The threat is real", HitKind::Counted),
        ("not true; threat", HitKind::Counted),
        ("not the U.S. threat", HitKind::Negated),
        ("The answer was no. The threat is real", HitKind::Counted),
        ("not\n\nthreat", HitKind::Counted),
        // One line break is wrapped text, not a new paragraph: the negator still applies.
        ("not\nthreat", HitKind::Negated),
        ("NOT \r\n a threat", HitKind::Negated),
        ("не\nугроза", HitKind::Negated),
        ("не\n \nугроза", HitKind::Counted),
        // Words between two line breaks make them two wrapped lines, not a blank line.
        ("not\nquite\nthreat", HitKind::Negated),
        ("не\nэто\nугроза", HitKind::Negated),
        ("это не угроза", HitKind::Negated),
        ("ce n'est pas une menace", HitKind::Negated),
        ("a real threat", HitKind::Counted),
        ("nothing threat", HitKind::Counted),
        ("not only a threat", HitKind::Counted),
        ("not just a threat", HitKind::Counted),
        ("pas seulement une menace", HitKind::Negated),
    ];
    for (text, want) in rows {
        let got = hits(&c, text);
        assert_eq!(got.len(), 1, "{text:?}");
        assert_eq!(got[0].2, *want, "{text:?}");
    }
    // Negation looks before the hit, never inside it: a term may start with a negator.
    let c2 = compile(
        &[("f", &[(2.0, &["no winners", "не угроза"])], &[])],
        Some(set),
    );
    for text in ["there are no winners", "это не угроза"] {
        assert_eq!(hits(&c2, text)[0].2, HitKind::Counted, "{text:?}");
    }
    let d = Scorer::new(&c).score("not a threat, a threat");
    assert_eq!((d.frames[0].hits, d.frames[0].negated), (1, 1));
    assert_eq!(d.frames[0].score, 2.0);
    // A contraction negates only when the set lists `n't`: other negators are whole words.
    let no_contraction = compile(
        &[("f", &[(2.0, &["threat"])], &[])],
        Some("[negation]\nnegators = [\"not\", \"never\"]\n"),
    );
    let rows: &[(&str, HitKind)] = &[
        ("it doesn't pose a threat", HitKind::Counted),
        ("it isn\u{2019}t a threat", HitKind::Counted),
        ("it is not a threat", HitKind::Negated),
    ];
    for (text, want) in rows {
        assert_eq!(hits(&no_contraction, text)[0].2, *want, "{text:?}");
    }
    // `window = 0` turns negation off, whatever the negators.
    let off = compile(
        &[("f", &[(2.0, &["threat", "угроза"])], &[])],
        Some("[negation]\nnegators = [\"not\", \"не\"]\nwindow = 0\n"),
    );
    for text in ["not a threat", "not threat", "не угроза"] {
        assert_eq!(hits(&off, text)[0].2, HitKind::Counted, "{text:?}");
    }
    // A frame whose only hits are negated still lists them, also when an exclusion of
    // the same frame hits later in the text.
    let ex = compile(
        &[("f", &[(2.0, &["threat", "security"])], &["social security"])],
        Some("[negation]\nnegators = [\"not\"]\n"),
    );
    let d = Scorer::new(&ex).score("not a threat; later, Social Security checks");
    let f = &d.frames[0];
    assert_eq!((f.hits, f.negated), (0, 1));
    let negated: Vec<(&str, u32)> = f
        .terms
        .iter()
        .filter(|t| t.negated > 0)
        .map(|t| (ex.terms[t.term].text.as_str(), t.negated))
        .collect();
    assert_eq!(negated, [("threat", 1)]);
    assert!(d.hits.iter().any(|h| h.kind == HitKind::Excluded));
    // The negated weight of the set applies to negated hits.
    let c = compile(
        &[("f", &[(2.0, &["threat"])], &[])],
        Some("[negation]\nnegators = [\"not\"]\nweight = -0.5\n"),
    );
    assert_eq!(Scorer::new(&c).score("not a threat").frames[0].score, -1.0);
}

#[test]
fn clause_8_offsets() {
    let c = one_frame(&[
        "arms race",
        "états-unis",
        "america's lead",
        "adversar*",
        "中国",
    ]);
    let text = "“Soft\u{00AD}ware” — the ARMS\u{2014}\n RACE; İİ ẞ ÉTATS\u{2011}UNIS and America\u{2019}s LEAD, ADVERSARIES, 中国.";
    let got: Vec<String> = hits(&c, text).into_iter().map(|h| h.1).collect();
    assert_eq!(
        got,
        [
            "ARMS\u{2014}\n RACE",
            "ÉTATS\u{2011}UNIS",
            "America\u{2019}s LEAD",
            "ADVERSARIES",
            "中国"
        ]
    );
}

#[test]
fn clause_9_robustness() {
    let c = one_frame(&["a", "ab*", "b c", "中", "ς"]);
    let mut s = Scorer::new(&c);
    // Each odd input with the slices it must hit: offsets on char boundaries, and the
    // right hits, not merely none.
    let inputs: [(&str, &[&str]); 15] = [
        ("", &[]),
        (" ", &[]),
        ("\u{0}\u{0}", &[]),
        ("a", &["a"]),
        ("*", &[]),
        ("-", &[]),
        ("— — —", &[]),
        // The BOM is invisible: "a" and "b c" hit after it.
        ("\u{FEFF}a b c", &["a", "b c"]),
        // A combining mark is a word character: "a" after one is inside a word.
        ("İ\u{0307}a", &[]),
        // ...and extends a wildcard.
        ("ab\u{0301}c", &["ab\u{0301}c"]),
        ("中中中中", &["中", "中", "中", "中"]),
        // Final sigma folds to sigma: "ς" hits alone, not inside "ΣΣΣ".
        ("ΣΣΣ ς", &["ς"]),
        ("\u{200B}a\u{200B}", &["a"]),
        ("a-", &["a"]),
        ("-a", &["a"]),
    ];
    for (text, want) in inputs {
        let d = s.score(text);
        for h in &d.hits {
            assert!(text.is_char_boundary(h.start) && text.is_char_boundary(h.end));
            assert!(h.start <= h.end);
        }
        let got: Vec<&str> = d.hits.iter().map(|h| &text[h.start..h.end]).collect();
        assert_eq!(got, want, "{text:?}");
        assert_eq!(d.frames[0].hits as usize, want.len(), "{text:?}");
    }
    // Invalid UTF-8 is decoded lossily upstream; the replacement character is harmless.
    let lossy = String::from_utf8_lossy(b"a \xff\xfe b c");
    assert_eq!(s.score(&lossy).frames[0].hits, 2);
}

#[test]
fn presence_density_and_dominant() {
    let c = compile(
        &[
            ("a", &[(1.0, &["alpha"])], &[]),
            ("b", &[(0.5, &["beta", "gamma"])], &[]),
        ],
        None,
    );
    let d = Scorer::new(&c).score("alpha beta gamma delta");
    assert_eq!(d.words, 4);
    assert!(d.frames[0].present); // 1.0 >= default min_score 1.0
    assert!(d.frames[1].present); // 0.5 + 0.5
    assert_eq!(d.frames[0].density, 250.0);
    assert_eq!(d.dominant, Some(0)); // tie goes to the first frame
    let d = Scorer::new(&c).score("beta delta");
    assert!(!d.frames[1].present);
    assert_eq!(d.dominant, None);
}

/// Each hit knows how many words it covers (for `--measure percent`): the words that
/// start within it, at least one.
#[test]
fn hits_count_the_words_they_cover() {
    let c = one_frame(&["civil rights", "race", "中国", "national security"]);
    let rows: &[(&str, &[u32])] = &[
        ("civil rights", &[2]),
        ("civil-rights", &[1]),
        ("the arms-race", &[1]),
        ("national  security, race", &[2, 1]),
        // A script without spaces: each character is a word, and the next one starts
        // where the hit ends.
        ("中国威胁", &[2]),
        ("威胁中国", &[2]),
        ("NATIONAL\u{00AD} SECURITY", &[2]),
    ];
    for (text, want) in rows {
        let d = Scorer::new(&c).score(text);
        let got: Vec<u32> = d.hits.iter().map(|h| h.words).collect();
        assert_eq!(&got, want, "{text:?}");
    }
}

/// Compiles one frame with terms plus one rule given as TOML lines.
fn with_rule(rule: &str) -> Compiled {
    let frame = format!(
        "id = \"f\"\nname = \"f\"\nexclude = [\"china threat theory\"]\n[[group]]\nname = \"g\"\nweight = 1.0\nterms = [\"threat\"]\n[[rule]]\n{rule}\n"
    );
    let sources = vec![
        Source {
            path: "set.toml".into(),
            text: "[negation]\nnegators = [\"not\", \"no\"]\n".into(),
        },
        Source {
            path: "f.toml".into(),
            text: frame.into(),
        },
    ];
    Compiled::new(LexiconSet::from_sources(sources).unwrap()).unwrap()
}

/// Rule hits of a text as (matched original slice, negated).
fn rule_hits(c: &Compiled, text: &str) -> Vec<(String, bool)> {
    Scorer::new(c)
        .score(text)
        .rule_hits
        .iter()
        .map(|h| (text[h.start..h.end].to_string(), h.negated))
        .collect()
}

#[test]
fn rule_windows() {
    let base = "name = \"china-threat\"\nweight = 2.0\nall = [[\"china\", \"beijing\", \"中国\"], [\"threat*\", \"danger\"]]";
    let rows: &[(&str, &str, &[&str])] = &[
        // Within the window (default 10 words), either order.
        (base, "China poses a threat", &["China poses a threat"]),
        (base, "the threat from Beijing", &["threat from Beijing"]),
        // Window boundaries: window = 3 means the terms' first words lie within 3 words.
        (&format!("{base}\nwindow = 3"), "China is a threat", &[]),
        (
            &format!("{base}\nwindow = 3"),
            "China, a threat",
            &["China, a threat"],
        ),
        (
            &format!("{base}\nwindow = 4"),
            "China is a threat",
            &["China is a threat"],
        ),
        // Order.
        (
            &format!("{base}\nordered = true"),
            "the threat from Beijing",
            &[],
        ),
        (
            &format!("{base}\nordered = true"),
            "Beijing: a threat",
            &["Beijing: a threat"],
        ),
        // Sentence limit.
        (
            &format!("{base}\nsame_sentence = true"),
            "China grew. The threat rose.",
            &[],
        ),
        (
            base,
            "China grew. The threat rose.",
            &["China grew. The threat"],
        ),
        (
            &format!("{base}\nsame_sentence = true"),
            "Dr. Li said China is a threat.",
            &["China is a threat"],
        ),
        // Absence: a hedge between the terms or just before blocks the hit.
        (
            &format!("{base}\nnone = [\"allegedly\", \"hardly\"]"),
            "China is hardly a threat",
            &[],
        ),
        (
            &format!("{base}\nnone = [\"allegedly\"]"),
            "allegedly China is a threat",
            &[],
        ),
        (
            &format!("{base}\nnone = [\"allegedly\"]"),
            "China is a threat, allegedly",
            &["China is a threat"],
        ),
        // ...but only within `window` words before the first term: a hedge far earlier
        // in the text does not block a later hit.
        (
            &format!("{base}\nwindow = 4\nnone = [\"allegedly\"]"),
            "Allegedly it rained on the long parade route that day. China, a threat.",
            &["China, a threat"],
        ),
        (
            &format!("{base}\nwindow = 4\nnone = [\"allegedly\"]"),
            "allegedly it says that the report calls China, a threat",
            &["China, a threat"],
        ),
        (
            &format!("{base}\nwindow = 4\nnone = [\"allegedly\"]"),
            "allegedly, China, a threat",
            &[],
        ),
        // The fourth word before the first term is within the window; the fifth is not.
        (
            &format!("{base}\nwindow = 4\nnone = [\"allegedly\"]"),
            "it allegedly rained on us, China, a threat",
            &[],
        ),
        (
            &format!("{base}\nwindow = 4\nnone = [\"allegedly\"]"),
            "it allegedly rained on us and China, a threat",
            &["China, a threat"],
        ),
        // Hits of one rule do not overlap; two pairs give two hits.
        (
            base,
            "China threat. Beijing danger.",
            &["China threat", "Beijing danger"],
        ),
        // Non-ASCII and scripts without spaces.
        (base, "中国威胁 and a threat", &["中国威胁 and a threat"]),
        // An exclusion that wins covers the rule's terms too.
        (base, "the China threat theory", &[]),
    ];
    for (rule, text, want) in rows {
        let c = with_rule(rule);
        let got: Vec<String> = rule_hits(&c, text).into_iter().map(|h| h.0).collect();
        assert_eq!(&got, want, "rule {rule:?} on {text:?}");
    }
}

/// Ordered rules of three groups: the groups in their order hit, any other order not.
#[test]
fn ordered_rules_of_three_groups() {
    let rule = "name = \"abc\"\nweight = 1.0\nordered = true\nwindow = 8\nall = [[\"alpha\", \"альфа\"], [\"beta\"], [\"gamma\", \"γάμμα\"]]";
    let c = with_rule(rule);
    let rows: &[(&str, &[&str])] = &[
        (
            "alpha then beta then gamma",
            &["alpha then beta then gamma"],
        ),
        ("альфа, beta, γάμμα", &["альфа, beta, γάμμα"]),
        ("beta alpha gamma", &[]),
        ("alpha gamma beta", &[]),
        ("gamma beta alpha", &[]),
        // The window holds the first words of all three.
        ("alpha one two three four five six beta gamma", &[]),
        (
            "alpha one two three four five beta gamma",
            &["alpha one two three four five beta gamma"],
        ),
    ];
    for (text, want) in rows {
        let got: Vec<String> = rule_hits(&c, text).into_iter().map(|h| h.0).collect();
        assert_eq!(&got, want, "{text:?}");
    }
    // Ordered groups may not overlap: the second must start after the first ends.
    let c = with_rule(
        "name = \"o\"\nweight = 1.0\nordered = true\nall = [[\"china threat\"], [\"threat\"]]",
    );
    assert!(rule_hits(&c, "the china threat grows").is_empty());
    assert_eq!(rule_hits(&c, "the china threat, a threat").len(), 1);
    // Unordered, every order of the three hits.
    let c = with_rule(&rule.replace("ordered = true\n", ""));
    for text in ["beta alpha gamma", "gamma beta alpha", "alpha gamma beta"] {
        assert_eq!(rule_hits(&c, text).len(), 1, "{text:?}");
    }
}

#[test]
fn rule_terms_that_touch_an_exclusion_still_count() {
    // Exclusions that end or start with punctuation can touch a rule's term with nothing
    // between them: the term is outside the excluded span, and counts.
    let frame = "id = \"f\"\nname = \"f\"\nexclude = [\"threat:\", \":hoax\"]\n[[group]]\nname = \"g\"\nweight = 1.0\nterms = [\"zzz\"]\n[[rule]]\nname = \"r\"\nweight = 1.0\nall = [[\"china\"], [\"danger\"]]\n";
    let sources = vec![Source {
        path: "f.toml".into(),
        text: frame.into(),
    }];
    let c = Compiled::new(LexiconSet::from_sources(sources).unwrap()).unwrap();
    for (text, want) in [
        ("threat:china, a danger", "china, a danger"),
        ("china, a danger:hoax", "china, a danger"),
    ] {
        let d = Scorer::new(&c).score(text);
        assert_eq!(
            d.hits
                .iter()
                .filter(|h| h.kind == HitKind::Excluded)
                .count(),
            1,
            "{text:?}"
        );
        assert_eq!(rule_hits(&c, text), [(want.to_string(), false)], "{text:?}");
    }
}

#[test]
fn rules_of_more_than_64_groups() {
    // The quick check of which rules can hit keeps one bit per group, 64 of them: a rule
    // of 65 groups is still found, and still needs all of them.
    let words: Vec<String> = (0..65).map(|i| format!("w{i}")).collect();
    let groups: Vec<String> = words.iter().map(|w| format!("[\"{w}\"]")).collect();
    let rule = format!(
        "name = \"long\"\nweight = 1.0\nwindow = 100\nall = [{}]",
        groups.join(", ")
    );
    let c = with_rule(&rule);
    let all = words.join(" ");
    assert_eq!(rule_hits(&c, &all).len(), 1);
    for missing in [0, 63, 64] {
        let text: Vec<&str> = (0..65)
            .filter(|&i| i != missing)
            .map(|i| words[i].as_str())
            .collect();
        assert!(
            rule_hits(&c, &text.join(" ")).is_empty(),
            "without w{missing}"
        );
    }
}

#[test]
fn rule_hits_count_like_terms_and_can_be_negated() {
    let c = with_rule("name = \"ct\"\nweight = 2.0\nall = [[\"china\"], [\"threat\"]]");
    let d = Scorer::new(&c).score("China is a threat");
    // The term "threat" (1.0) and the rule (2.0) both count.
    assert_eq!((d.frames[0].hits, d.frames[0].score), (2, 3.0));
    assert_eq!(
        d.frames[0].rules,
        [RuleCount {
            rule: 0,
            count: 1,
            negated: 0
        }]
    );
    let d = Scorer::new(&c).score("not China as a threat");
    assert!(d.rule_hits[0].negated);
    assert_eq!(d.frames[0].rules[0].negated, 1);
    // The negated rule hit counts as negated (negated weight 0), the term "threat" (four
    // words after "not", out of the window of 3) as counted.
    assert_eq!(
        (d.frames[0].hits, d.frames[0].negated, d.frames[0].score),
        (1, 1, 1.0)
    );
    // With a negated weight of 0.5, the negated rule hit adds half its weight.
    let mut half = c.clone();
    half.negated_weight = 0.5;
    let d = Scorer::new(&half).score("not China as a threat");
    assert_eq!((d.frames[0].negated, d.frames[0].score), (1, 2.0));
    // A rule alone can make a frame present: rules count as distinct terms.
    let c = with_rule("name = \"ct\"\nweight = 2.0\nall = [[\"china\"], [\"rise\"]]");
    let d = Scorer::new(&c).score("China's rise");
    assert!(d.frames[0].present);
}

/// A compiled set three times: with its flat table, with the crate's DFA only, and with
/// the contiguous NFA, so that a test can run each matcher.
fn three_matchers(flat: Compiled) -> [Compiled; 3] {
    assert!(flat.flat.is_some(), "the set gets a flat table");
    let mut dfa = flat.clone();
    dfa.flat = None;
    let mut nfa = dfa.clone();
    let marked: Vec<Vec<u8>> = nfa
        .stems()
        .iter()
        .map(|s| crate::compile::marked(s))
        .collect();
    nfa.matcher = crate::compile::Matcher::nfa(&marked).expect("the stems build an NFA");
    [flat, dfa, nfa]
}

/// The scorer steps the flat table (`crate::flat`) where it was built, the crate's DFA
/// otherwise, and the contiguous NFA for sets too large for a DFA (`compile::Matcher`);
/// all three must score alike.
#[test]
fn the_nfa_fallback_scores_like_the_dfa() {
    let [flat, dfa, nfa] = three_matchers(Compiled::embedded());
    assert_eq!(nfa.automaton_kind(), "contiguous-nfa");
    assert_eq!(dfa.automaton_kind(), "dfa");
    let texts = [
        "Officials warned that China\u{2019}s AI ambitions are a threat to NATIONAL SECURITY, \
         and that export controls protect against adversaries.\n\nCritics call the \
         arms-race mentality reckless \u{2014} \u{201C}a new cold war\u{201D} \u{2014} and \
         say it is not a threat but a funding-round story.",
        "Les \u{C9}TATS-UNIS et la s\u{E9}curit\u{E9} nationale; 中国 人工智能; soft\u{AD}hyphen.",
        "",
    ];
    for text in texts {
        let a = Scorer::new(&flat).score(text);
        assert_eq!(a, Scorer::new(&dfa).score(text), "{text:?}");
        assert_eq!(a, Scorer::new(&nfa).score(text), "{text:?}");
    }
    let a = Scorer::new(&dfa).score(texts[0]);
    assert!(a.hits.len() > 5, "the test text hits ({})", a.hits.len());
}

/// Stepping the automaton inside the normalising loop finds exactly what a search over
/// the normalised text finds.
#[test]
fn the_fused_scan_finds_what_a_second_pass_finds() {
    let c = Compiled::embedded();
    let mut n = Normalizer::default();
    let texts = [
        "National security  threats,\n\n\u{201C}adversaries\u{201D} and the arms\u{2014}race \
         mentality; America\u{2019}s lead.",
        "ÉTATS-UNIS — export controls — backfire.\tZero-sum, self-reliance… cold war",
        "no hits at all here",
    ];
    for text in texts {
        let fused = fused_scan_count(&c, &mut n, text);
        n.normalize(text);
        assert_eq!(fused, bare_scan_count(&c, n.text()), "{text:?}");
    }
    assert!(fused_scan_count(&c, &mut n, texts[0]) >= 4);
}

/// Random texts made of lexicon words, gaps, typography and other scripts score the same
/// through the flat table as through the crate's DFA, and the fused scan over them finds
/// what a search over their normalised text finds.
#[test]
fn the_flat_table_scores_random_texts_like_the_crate_dfa() {
    let flat = Compiled::embedded();
    let mut dfa = flat.clone();
    dfa.flat = None;
    let pieces = [
        "national",
        "security",
        "Security",
        "NATIONAL",
        "threat",
        "arms",
        "race",
        "export",
        "controls",
        "China",
        "adversar",
        "ies",
        "cold",
        "war",
        "not",
        "never",
        "hype",
        " ",
        "  ",
        "\n\n",
        "-",
        "\u{2014}",
        "\u{2019}s",
        "\u{201C}",
        ".",
        ",",
        "'",
        "é",
        "ÉTATS",
        "中国",
        "\u{00AD}",
        "\u{00A0}",
        "x",
        "5",
    ];
    let mut seed = 0x9e37_79b9_7f4a_7c15u64;
    let mut norm = Normalizer::default();
    let mut hits = 0;
    for _ in 0..2000 {
        let mut text = String::new();
        for _ in 0..seed % 40 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            text.push_str(pieces[(seed % pieces.len() as u64) as usize]);
        }
        seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1);
        let a = Scorer::new(&flat).score(&text);
        assert_eq!(a, Scorer::new(&dfa).score(&text), "{text:?}");
        hits += a.hits.len();
        let fused = fused_scan_count(&flat, &mut norm, &text);
        norm.normalize(&text);
        assert_eq!(fused, bare_scan_count(&flat, norm.text()), "{text:?}");
    }
    assert!(hits > 500, "the texts hit ({hits})");
}

/// The bare scan over the flat table counts what the crate's own search loop counts.
#[test]
fn the_flat_bare_scan_counts_what_the_crate_scan_counts() {
    let c = Compiled::embedded();
    let mut n = Normalizer::default();
    for text in [
        "national security risks, an arms race; America\u{2019}s adversaries",
        "social security is not national security",
        "",
    ] {
        n.normalize(text);
        let t = n.text();
        assert_eq!(
            bare_scan_count_flat(&c, t),
            Some(bare_scan_count(&c, t)),
            "{t:?}"
        );
    }
    n.normalize("national security risks, an arms race");
    assert!(bare_scan_count(&c, n.text()) >= 2);
    let mut nfa = c.clone();
    nfa.flat = None;
    assert_eq!(bare_scan_count_flat(&nfa, "security"), None);
}

/// Voice filtering and negation together: each hit leaves the frame's counts once, with
/// the weight it was counted with (negated hits with the negated weight).
#[test]
fn voice_filter_takes_negated_hits_out_with_their_own_weight() {
    use crate::units::{score_text, UnitOptions};
    let c = compile(
        &[("f", &[(3.0, &["threat", "угроза"])], &[])],
        Some("[negation]\nnegators = [\"not\", \"не\"]\nweight = 0.5\n"),
    );
    let text = "Officials said: \u{201C}this is not a threat, не угроза\u{201D}. A threat looms.";
    let score = |voice| {
        let mut s = Scorer::new(&c);
        let opts = UnitOptions {
            voice: Some(voice),
            ..UnitOptions::default()
        };
        let r = score_text(&mut s, text, &opts).remove(0).score;
        let f = &r.frames[0];
        (f.hits, f.negated, f.score, f.present, f.voice.unwrap())
    };
    // All: one counted (3.0) and two negated (2 × 3.0 × 0.5) hits.
    let (hits, negated, total, present, voice) = score(VoiceFilter::All);
    assert_eq!((hits, negated, total, present), (1, 2, 6.0, true));
    assert_eq!((voice.author, voice.quoted), (1, 2));
    // Author: only the closing "A threat looms."
    let (hits, negated, total, ..) = score(VoiceFilter::Author);
    assert_eq!((hits, negated, total), (1, 0, 3.0));
    // Quoted: the two negated hits, at the negated weight, and no counted hit.
    let (hits, negated, total, present, _) = score(VoiceFilter::Quoted);
    assert_eq!((hits, negated, total, present), (0, 2, 3.0, false));
}

#[test]
fn thresholds_allow_a_rounding_error_relative_to_their_size() {
    // 0.7 + 0.2 is 0.8999999999999999 in binary floating point, and reaches 0.9.
    assert!(reaches(0.7 + 0.2, 0.9));
    assert!(!reaches(0.89, 0.9));
    // The allowance is 1e-9 of the threshold (at least 1e-9): 1e-6 at 1000.
    assert!(reaches(1000.0 - 5e-7, 1000.0));
    assert!(!reaches(1000.0 - 5e-6, 1000.0));
    assert!(reaches(-1000.0 - 5e-7, -1000.0));
    assert!(!reaches(-1000.0 - 5e-6, -1000.0));
    assert!(reaches(0.0, 0.0) && reaches(-5e-10, 0.0) && !reaches(-5e-9, 0.0));
}
