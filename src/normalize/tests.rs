use super::*;

fn norm(s: &str) -> (String, usize) {
    let mut n = Normalizer::default();
    n.normalize(s);
    (n.text().to_string(), n.words())
}

#[test]
fn folds_case_typography_and_gaps() {
    let cases = [
        ("ÉTATS-UNIS", "états unis"),
        ("Arms\u{2014}race", "arms race"),
        ("arms \n - race", "arms race"),
        ("America\u{2019}s", "america's"),
        ("\u{201C}Quoted\u{201D}", "\"quoted\""),
        // Quotes off the fast path for curly ones, and a letter that folds to `'`.
        ("«Sécurité» „Zitat\u{201F}", "\"sécurité\" \"zitat\""),
        ("don\u{02BC}t \u{201B}tis", "don't 'tis"),
        ("ΚΌΣΜΟΣ", "κόσμοσ"),
        ("κόσμος", "κόσμοσ"),
        ("STRAẞE straße", "strasse strasse"),
        ("МОСКВА", "москва"),
        ("non\u{00A0}breaking\u{202F}space", "non breaking space"),
        ("soft\u{00AD}hyphen", "softhyphen"),
        ("中国AI", "中国ai"),
        // A paragraph break (a blank line, or U+2029) is one `\n`, not a space, so that
        // no phrase spans it; one line break is a space (wrapped text).
        ("national\nsecurity", "national security"),
        ("national\n\nSecurity", "national\nsecurity"),
        ("NATIONAL \r\n \r\n SÉCURITÉ", "national\nsécurité"),
        ("national\r\rsecurity", "national\nsecurity"),
        (
            "Безопасность\u{2029}Национальная",
            "безопасность\nнациональная",
        ),
        ("a\u{2028}b", "a b"),
        ("a\u{2028}\u{00A0}\u{2028}b", "a\nb"),
        ("a\n\u{00AD}\nb", "a\nb"),
        ("a\n-\nb", "a b"),
        ("a \u{2014}\n\n b", "a\nb"),
        ("a\n\n", "a\n"),
    ];
    for (input, want) in cases {
        assert_eq!(norm(input).0, want, "input {input:?}");
    }
}

#[test]
fn counts_words() {
    let cases = [
        ("", 0),
        ("   ", 0),
        ("one two  three", 3),
        ("America's self-reliance", 2),
        ("America\u{2019}s", 1),
        ("the U.S. spent $5.5 billion", 5),
        ("a - b", 2),
        ("中国人工智能", 6),
        ("Ça va, très bien.", 4),
        ("word,", 1),
        // Non-ASCII punctuation ends a word as ASCII punctuation does.
        ("alpha«beta gamma", 3),
        ("alpha»beta", 2),
        ("wait…what", 2),
        ("5€ each", 2),
        ("东京。大阪", 4),
        ("naïve—café", 2),
        ("l’état", 1),
        ("l‘état", 2),
    ];
    for (input, want) in cases {
        assert_eq!(norm(input).1, want, "input {input:?}");
    }
}

/// A slow, obviously-correct normaliser: one character at a time.
fn reference(text: &str) -> (String, Vec<u32>) {
    let mut out = String::new();
    let mut words = Vec::new();
    let mut state = 0; // 0 outside, 1 inside, 2 after a joiner
    let mut in_gap = false;
    // The current run of gaps: where its space is in `out`, and its original text.
    let mut run = (0, String::new());
    for (i, c) in text.char_indices() {
        let fold = fold_char(c);
        if matches!(fold, Fold::Drop) {
            continue; // invisible: it neither ends a word nor a gap
        }
        if in_gap && !matches!(fold, Fold::Gap) {
            end_run(&mut out, &run);
        }
        // Words are what matching sees: the class of the character it folds to (the
        // modifier letter apostrophe is a letter that folds to `'`, a joiner).
        let class = char_class(match fold {
            Fold::Char(f) => f,
            _ => c,
        });
        let joiner = matches!(
            c,
            '\'' | '-' | '.' | ',' | '\u{2019}' | '\u{02BC}' | '\u{2010}' | '\u{2011}'
        );
        state = match (class, joiner) {
            (CharClass::Word, _) => {
                if state == 0 {
                    words.push(i as u32);
                }
                1
            }
            (CharClass::Continuous, _) => {
                words.push(i as u32);
                0
            }
            (_, true) if state == 1 => 2,
            _ => 0,
        };
        match fold {
            Fold::Gap => {
                if !in_gap {
                    run = (out.len(), String::new());
                    out.push(' ');
                }
                run.1.push(c);
                in_gap = true;
            }
            Fold::Drop => unreachable!(),
            Fold::Char(f) => {
                out.push(f);
                in_gap = false;
            }
            Fold::Many => {
                if matches!(c, 'ß' | 'ẞ') {
                    out.push_str("ss");
                } else {
                    out.extend(c.to_lowercase().map(|l| if l == 'ς' { 'σ' } else { l }));
                }
                in_gap = false;
            }
        }
    }
    if in_gap {
        end_run(&mut out, &run);
    }
    (out, words)
}

/// The reference's paragraph breaks: line breaks made `\n` (U+2029 two of them), then
/// a stretch without a hyphen or dash holding two `\n` is a blank line, and the run's
/// space becomes `\n`.
fn end_run(out: &mut String, (at, run): &(usize, String)) {
    let lines = run
        .replace("\r\n", "\n")
        .replace(['\r', '\u{0B}', '\u{0C}', '\u{85}', '\u{2028}'], "\n")
        .replace('\u{2029}', "\n\n");
    if lines
        .split(|c: char| !c.is_whitespace())
        .any(|stretch| stretch.matches('\n').count() >= 2)
    {
        out.replace_range(*at..*at + 1, "\n");
    }
}

/// What each piece of the normalised text stands for, one character (or one run of
/// gaps, with the invisible characters inside it) at a time:
/// `(norm_start, norm_end, orig_start, orig_end)`.
fn reference_units(text: &str) -> Vec<[usize; 4]> {
    let mut units: Vec<[usize; 4]> = Vec::new();
    let (mut n, mut in_gap) = (0, false);
    for (i, c) in text.char_indices() {
        let end = i + c.len_utf8();
        match fold_char(c) {
            Fold::Gap | Fold::Drop if in_gap => units.last_mut().unwrap()[3] = end,
            Fold::Drop => {}
            Fold::Gap => {
                units.push([n, n + 1, i, end]);
                n += 1;
                in_gap = true;
            }
            fold => {
                let folded: String = if let Fold::Char(f) = fold {
                    f.into()
                } else if matches!(c, 'ß' | 'ẞ') {
                    "ss".into()
                } else {
                    c.to_lowercase()
                        .map(|l| if l == 'ς' { 'σ' } else { l })
                        .collect()
                };
                units.push([n, n + folded.len(), i, end]);
                n += folded.len();
                in_gap = false;
            }
        }
    }
    units
}

/// Every offset of the normalised text maps back to the edges of the original
/// character (or run) it belongs to, as the slow reference sees them.
fn assert_map_agrees(n: &Normalizer, text: &str) {
    for [ns, ne, os, oe] in reference_units(text) {
        for p in ns..ne {
            if n.text().is_char_boundary(p) {
                assert_eq!(n.orig_start(p), os, "start {p} of {text:?}: {:?}", n.shifts);
            }
        }
        for p in ns + 1..=ne {
            if n.text().is_char_boundary(p) {
                assert_eq!(n.orig_end(p), oe, "end {p} of {text:?}: {:?}", n.shifts);
            }
        }
    }
}

/// Random texts from `pieces` agree with the reference: text, word starts and map.
fn agree_with_the_reference(pieces: &[&str], long: u64) {
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    for _ in 0..3000 {
        let mut text = String::new();
        let len = if seed % 5 == 0 {
            seed % long
        } else {
            seed % 12
        };
        for _ in 0..len {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            text.push_str(pieces[(seed % pieces.len() as u64) as usize]);
        }
        seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1);
        let mut n = Normalizer::default();
        n.normalize(&text);
        let (want_text, want_starts) = reference(&text);
        assert_eq!(n.text(), want_text, "{text:?}");
        assert_eq!(n.word_starts(), want_starts, "{text:?}");
        assert_eq!(n.words(), want_starts.len(), "{text:?}");
        assert_map_agrees(&n, &text);
        for (i, _) in n.text().char_indices().chain([(n.text().len(), ' ')]) {
            let (s, e) = (n.orig_start(i), n.orig_end(i));
            assert!(
                text.is_char_boundary(s) && text.is_char_boundary(e),
                "{text:?} at {i}"
            );
        }
    }
}

#[test]
fn fast_paths_agree_with_the_reference() {
    let pieces = [
        "a",
        "B",
        " ",
        "  ",
        "\n",
        "\r\n",
        "-",
        "--",
        "\u{2014}",
        " \u{2014} ",
        "\u{00A0}",
        "'",
        "\u{2019}",
        ".",
        ",",
        "x.y",
        "É",
        "ß",
        "İ",
        "中",
        "\u{00AD}",
        "\t",
        "Arms",
        "race",
        "\u{2011}",
        "\u{02BC}",
        "5",
        "_",
        "\r",
        "\u{2029}",
        "\u{2028}",
        "\u{0C}",
        "\u{85}",
        "\u{3000}",
    ];
    agree_with_the_reference(&pieces, 300);
}

/// Mostly ASCII, as news text is: long stretches stay in the hot loop, and the curly
/// quotes and runs of gaps it takes itself come in every combination with those it
/// leaves to the slow path.
#[test]
fn mostly_ascii_text_agrees_with_the_reference() {
    let pieces = [
        "National ",
        "SECURITY ",
        "arms-race ",
        "U.S. ",
        "America's ",
        "self-reliance, ",
        "  ",
        "\n\n",
        " - ",
        "x",
        "7",
        "_",
        "\u{2019}",
        "\u{2018}",
        "\u{201C}",
        "\u{201D}",
        "\u{2014}",
        "\u{2013}",
        "\u{00A0}",
        "\u{00AD}",
        "é",
        "\t",
        "\n",
        "\r\n\r\n",
        " \n \n ",
    ];
    agree_with_the_reference(&pieces, 200);
}

#[test]
fn records_word_starts() {
    let text = "The U.S. and \u{201C}Ça va\u{201D} — self-reliance, 中国AI";
    let mut n = Normalizer::default();
    n.normalize(text);
    let words: Vec<&str> = n
        .word_starts()
        .iter()
        .map(|&s| &text[s as usize..])
        .map(|rest| rest.split([' ', '\u{201D}', ',']).next().unwrap())
        .collect();
    assert_eq!(
        words,
        [
            "The",
            "U.S.",
            "and",
            "Ça",
            "va",
            "self-reliance",
            "中国AI",
            "国AI",
            "AI"
        ]
    );
    assert_eq!(n.word_starts().len(), n.words());
    let long = "word ".repeat(100);
    n.normalize(&long);
    assert_eq!(n.word_starts().len(), 100);
    assert_eq!(n.word_starts()[99], 495);
}

#[test]
fn maps_offsets_back() {
    let text = "“Arms\u{2014}race” — ÉTATS-UNIS’ İstanbul  \n  straße";
    let mut n = Normalizer::default();
    n.normalize(text);
    let norm = n.text().to_string();
    for (needle, orig) in [
        ("arms race", "Arms\u{2014}race"),
        ("états unis", "ÉTATS-UNIS"),
        ("strasse", "straße"),
    ] {
        let s = norm.find(needle).unwrap();
        let e = s + needle.len();
        assert_eq!(&text[n.orig_start(s)..n.orig_end(e)], orig);
    }
    // Every char boundary of the normalised text maps to a char boundary.
    for (i, _) in norm.char_indices() {
        assert!(
            text.is_char_boundary(n.orig_start(i)),
            "start {i} in {norm:?}: {:?}",
            n.shifts
        );
        assert!(text.is_char_boundary(n.orig_end(i)), "end {i}");
    }
}
