//! The shared helpers of the readers: line splitting, pattern rewriting, frame ids. The
//! readers themselves are tested on files in `tests/dictionaries.rs`.

use super::*;

#[test]
fn lines_end_at_lf_crlf_and_bare_cr() {
    let lines: Vec<(usize, &str)> = split_lines("a\nb\r\nc\rd\r\n\re").collect();
    assert_eq!(
        lines,
        [(1, "a"), (2, "b"), (3, "c"), (4, "d"), (5, ""), (6, "e")]
    );
    assert_eq!(split_lines("").count(), 0);
    assert_eq!(split_lines("x\n").collect::<Vec<_>>(), [(1, "x")]);
}

#[test]
fn patterns_are_rewritten_in_term_syntax() {
    let term = |raw: &str| match convert_pattern(raw, false) {
        Converted::Term(t, change) => Ok((t, change.map(|(_, k)| k))),
        Converted::Dropped(why) => Err(why),
    };
    type Want = Result<(&'static str, Option<NoteKind>), &'static str>;
    let cases: &[(&str, Want)] = &[
        ("plain", Ok(("plain", None))),
        ("stem*", Ok(("stem*", None))),
        ("two words*", Ok(("two words*", None))),
        (" not good", Ok(("not good", Some(NoteKind::Trimmed)))),
        ("heckl**", Ok(("heckl*", Some(NoteKind::Changed)))),
        (" *ness ", Ok(("ness", Some(NoteKind::Changed)))),
        ("a*b", Ok(("a*", Some(NoteKind::Changed)))),
        ("no * way", Ok(("no", Some(NoteKind::Changed)))),
        ("état*", Ok(("état*", None))),
        ("fair-*", Ok(("fair", Some(NoteKind::Changed)))),
        ("don'*", Ok(("don", Some(NoteKind::Changed)))),
        ("u.s.*", Ok(("u.s", Some(NoteKind::Changed)))),
        ("colo?r", Ok(("colo?r", None))), // `?` is a wildcard in YAML only
        ("", Err("empty pattern")),
        ("   ", Err("empty pattern")),
        ("**", Err("pattern `**` is only a wildcard")),
        ("—", Err("pattern `—` has nothing framelex can match")),
    ];
    for (raw, want) in cases {
        let want = (*want)
            .map(|(t, k)| (t.to_string(), k))
            .map_err(str::to_string);
        assert_eq!(term(raw), want, "{raw:?}");
    }
    match convert_pattern("colo?r", true) {
        Converted::Term(t, Some((_, NoteKind::Changed))) => assert_eq!(t, "colo*"),
        _ => panic!("? is a wildcard in YAML"),
    }
}

#[test]
fn frame_ids_are_valid_and_readable() {
    let cases = [
        ("care.virtue", "care_virtue"),
        ("AFRICA/EAST/BI", "AFRICA_EAST_BI"),
        ("A category", "A_category"),
        ("01", "c01"),
        ("SYMBOLS/+", "SYMBOLS_plus"),
        ("&", "and"),
        ("+/-", "plus_minus"),
        ("アフリカ", "ahurika"),
        ("…", "dot_dot_dot"),
        ("", "category_7"),
        ("  spaced  out  ", "spaced_out"),
        ("ÉTATS-UNIS", "ETATS_UNIS"),
        ("ECONOMY/+STATE+", "ECONOMY_plus_STATE_plus"),
        ("ECONOMY/=STATE=", "ECONOMY_equals_STATE_equals"),
        ("ECONOMY/-STATE-", "ECONOMY_minus_STATE_minus"),
        ("CULTURE/CULTURE-HIGH", "CULTURE_CULTURE_HIGH"),
        ("function (Function Words)", "function_Function_Words"),
        ("don't", "don_t"),
    ];
    for (name, id) in cases {
        assert_eq!(frame_id(name, 7), id, "{name:?}");
    }
    // A category named by one ASCII symbol is named by the symbol's name; `/` separates
    // levels, and comes from transliteration only (U+2044, the fraction slash).
    assert_eq!(frame_id("\u{2044}", 7), "slash");
    let symbols = [
        ('+', "plus"),
        ('-', "minus"),
        ('&', "and"),
        ('@', "at"),
        ('#', "hash"),
        ('%', "percent"),
        ('$', "dollar"),
        ('?', "question"),
        ('!', "exclamation"),
        ('*', "star"),
        ('=', "equals"),
        ('<', "less"),
        ('>', "greater"),
        ('.', "dot"),
        (',', "comma"),
        (':', "colon"),
        (';', "semicolon"),
        ('~', "tilde"),
        ('^', "caret"),
        ('|', "bar"),
        ('_', "underscore"),
    ];
    for (symbol, id) in symbols {
        assert_eq!(frame_id(&symbol.to_string(), 7), id, "{symbol:?}");
    }
}

#[test]
fn formats_parse_by_name_and_extension() {
    assert_eq!(Format::parse("LIWC"), Some(Format::Dic));
    assert_eq!(Format::parse("yml"), Some(Format::Yaml));
    assert_eq!(Format::parse("csv"), None);
    assert_eq!(
        Format::from_extension(Path::new("RID.CAT")),
        Some(Format::Cat)
    );
    assert_eq!(
        Format::from_extension(Path::new("x.dicx")),
        Some(Format::Dicx)
    );
    assert_eq!(Format::from_extension(Path::new("noext")), None);
    for (name, f) in Format::ALL {
        assert_eq!(Format::parse(name), Some(f));
        assert_eq!(f.name(), name);
    }
}
