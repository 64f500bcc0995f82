//! Dictionary import and export (`framelex::dictionary`, `lexicons import`, `lexicons export
//! --to`) and the LIWC-style measures (`score --measure percent`).
//!
//! Two kinds of input: small hand-made files in `tests/fixtures/dictionaries/`, one per
//! format and quirk (written here, with the bytes each quirk needs), and the real
//! dictionaries in `../shared/dictionaries/`, whose category and entry counts are those its
//! README gives. Each real dictionary imports to the expected counts, scores hand-written
//! sentences to the expected hits, and survives import → export → import unchanged.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use framelex::dictionary::{self, ExportFormat, Format, ImportOptions, Imported, Input, NoteKind};
use framelex::lexicon::{LexiconSet, Source};
use framelex::score::HitKind;
use framelex::{Compiled, Scorer};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/dictionaries")
        .join(name)
}

/// A file of `../shared/dictionaries/`, or a failure that says it is missing (unless
/// `FRAMELEX_SKIP_GOLD=1` says a skip is intended, and then it is printed).
fn shared(rel: &str) -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/dictionaries")
        .join(rel);
    if p.exists() {
        return Some(p);
    }
    if std::env::var_os("FRAMELEX_SKIP_GOLD").is_some_and(|v| v == "1") {
        eprintln!("SKIPPED (FRAMELEX_SKIP_GOLD=1): {} is missing", p.display());
        return None;
    }
    panic!(
        "the shared dictionaries are missing: {}; set FRAMELEX_SKIP_GOLD=1 to skip",
        p.display()
    );
}

fn read(path: &Path) -> Input {
    let bytes = std::fs::read(path).unwrap();
    let (text, _) = dictionary::decode(&bytes);
    let format = Format::from_extension(path).unwrap();
    Input {
        path: path.file_name().unwrap().to_string_lossy().into_owned(),
        format,
        dictionary: dictionary::read(&text, format)
            .unwrap_or_else(|e| panic!("{}: {e}", path.display())),
    }
}

fn options(level: Option<usize>) -> ImportOptions {
    ImportOptions {
        level,
        negation: false,
        name: "test".into(),
        description: String::new(),
    }
}

/// The set the files of an import make, loaded as framelex loads any set.
fn load(imported: &Imported) -> LexiconSet {
    let sources = imported
        .files
        .iter()
        .map(|(name, text)| Source {
            path: name.as_str().into(),
            text: text.as_str().into(),
        })
        .collect();
    LexiconSet::from_sources(sources)
        .unwrap_or_else(|e| panic!("the imported set does not load: {e}"))
}

fn import(inputs: &[Input], level: Option<usize>) -> (Imported, LexiconSet) {
    let imported = dictionary::to_lexicon_files(inputs, &options(level));
    let set = load(&imported);
    (imported, set)
}

/// Per frame name, its terms with their weights, in order: what a round trip must keep.
fn contents(set: &LexiconSet) -> Vec<(String, Vec<(String, f64)>)> {
    set.frames
        .iter()
        .map(|f| {
            let terms = f
                .groups
                .iter()
                .flat_map(|g| g.terms.iter().map(move |t| (t.text.clone(), g.weight)))
                .collect::<Vec<_>>();
            (f.name.clone(), terms)
        })
        .collect()
}

/// The counted hits of `text`, as frame name → matched texts.
fn hits(set: &LexiconSet, text: &str) -> BTreeMap<String, Vec<String>> {
    let compiled = Compiled::new(set.clone()).unwrap();
    let mut scorer = Scorer::new(&compiled);
    let score = scorer.score(text);
    let mut out: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for h in score.hits.iter().filter(|h| h.kind == HitKind::Counted) {
        out.entry(compiled.frames[h.frame].name.clone())
            .or_default()
            .push(text[h.start..h.end].to_string());
    }
    out
}

fn expect(pairs: &[(&str, &[&str])]) -> BTreeMap<String, Vec<String>> {
    pairs
        .iter()
        .map(|(f, h)| (f.to_string(), h.iter().map(|s| s.to_string()).collect()))
        .collect()
}

/// `(line, kind, message)` of every note, for exact comparison.
fn notes(imported: &Imported) -> Vec<(Option<usize>, NoteKind, String)> {
    imported
        .notes
        .iter()
        .map(|(_, n)| (n.line, n.kind, n.message.clone()))
        .collect()
}

/// [`contents`] with each frame's terms sorted: `.dic` and `.dicx` write one row per term
/// for all categories, so a term shared by two categories comes back in row order.
fn canonical(set: &LexiconSet) -> Vec<(String, Vec<(String, f64)>)> {
    let mut c = contents(set);
    for (_, terms) in &mut c {
        terms.sort_by(|a, b| a.0.cmp(&b.0));
    }
    c
}

fn roundtrip(set: &LexiconSet, format: ExportFormat) -> LexiconSet {
    let exported = dictionary::export(set, format);
    let read_format = match format {
        ExportFormat::Yaml => Format::Yaml,
        ExportFormat::Dic => Format::Dic,
        ExportFormat::Dicx => Format::Dicx,
    };
    let dict = dictionary::read(&exported.text, read_format).unwrap_or_else(|e| {
        panic!(
            "the {format:?} export does not read back: {e}\n{}",
            exported.text
        )
    });
    let input = Input {
        path: "exported".into(),
        format: read_format,
        dictionary: dict,
    };
    import(&[input], None).1
}

// ---------------------------------------------------------------------------------------
// Hand-made fixtures: one quirk each.

#[test]
fn dic_header_with_spaces_several_ids_per_line_and_zero_padding() {
    let (imported, set) = import(&[read(&fixture("header.dic"))], None);
    assert_eq!(
        contents(&set),
        vec![
            (
                "Threat words".to_string(),
                vec![
                    ("threat*".into(), 1.0),
                    ("menace".into(), 1.0),
                    ("danger".into(), 1.0)
                ]
            ),
            (
                "Calm".to_string(),
                vec![
                    ("calm".into(), 1.0),
                    ("peace talks".into(), 1.0),
                    ("relax".into(), 1.0)
                ]
            ),
            (
                "Mixed".to_string(),
                vec![("danger".into(), 1.0), ("relax".into(), 1.0)]
            ),
        ]
    );
    let ids: Vec<&str> = set.frames.iter().map(|f| f.id.as_str()).collect();
    assert_eq!(ids, ["Threat_words", "Calm", "Mixed"]);
    assert_eq!(
        (
            imported.categories,
            imported.frames,
            imported.entries,
            imported.terms
        ),
        (3, 3, 9, 8)
    );
    assert_eq!(imported.renamed, 1);
    assert_eq!(imported.count(NoteKind::Trimmed), 2);
    assert_eq!(imported.count(NoteKind::Merged), 1);
    assert!(notes(&imported).contains(&(
        Some(11),
        NoteKind::Merged,
        "`threat*` is listed again in \"Threat words\" (first at line 6); merged".into()
    )));
    // Negation is off: "no menace" counts, as in LIWC.
    assert_eq!(
        hits(&set, "No menace, only peace-talks; relax."),
        expect(&[
            ("Threat words", &["menace"]),
            ("Calm", &["peace-talks", "relax"]),
            ("Mixed", &["relax"])
        ])
    );
}

#[test]
fn dic_with_bare_cr_line_endings_merges_a_term_listed_for_two_categories() {
    let (imported, set) = import(&[read(&fixture("cr-only.dic"))], None);
    assert_eq!(
        contents(&set),
        vec![
            (
                "care".to_string(),
                vec![("vulnerable".into(), 1.0), ("protect".into(), 1.0)]
            ),
            (
                "harm".to_string(),
                vec![("vulnerable".into(), 1.0), ("hurt*".into(), 1.0)]
            ),
        ]
    );
    assert!(imported.notes.is_empty(), "{:?}", imported.notes);
    assert_eq!(
        hits(&set, "Protect the vulnerable from hurting."),
        expect(&[
            ("care", &["Protect", "vulnerable"]),
            ("harm", &["vulnerable", "hurting"])
        ])
    );
}

#[test]
fn dic_with_bom_crlf_and_windows_1252_bytes() {
    let bytes = std::fs::read(fixture("bom-crlf.dic")).unwrap();
    let (text, encoding) = dictionary::decode(&bytes);
    assert_eq!(encoding, None);
    assert!(text.starts_with("%\r\n"), "the BOM is dropped");
    let (_, set) = import(&[read(&fixture("bom-crlf.dic"))], None);
    assert_eq!(
        contents(&set)[0].1,
        vec![("café".to_string(), 1.0), ("naïve".to_string(), 1.0)]
    );

    let bytes = std::fs::read(fixture("cp1252.dic")).unwrap();
    let (text, encoding) = dictionary::decode(&bytes);
    assert_eq!(encoding, Some("windows-1252"));
    assert!(
        text.contains("café\t1") && text.contains("don\u{2019}t eat\t1"),
        "{text:?}"
    );
    let (_, set) = import(&[read(&fixture("cp1252.dic"))], None);
    // The curly apostrophe of 0x92 meets a straight one in the text.
    assert_eq!(
        hits(&set, "Don't eat at the CAFÉ"),
        expect(&[("food", &["Don't eat", "CAFÉ"])])
    );
}

#[test]
fn dic_conditional_entries_unknown_ids_and_missing_ids_are_reported() {
    let (imported, set) = import(&[read(&fixture("conditional.dic"))], None);
    assert_eq!(
        notes(&imported),
        vec![
            (Some(6), NoteKind::Dropped, "`like`: `134/125[02]` dropped: a conditional assignment (LIWC2007) or other construct framelex has no equivalent for; its plain ids are kept".into()),
            (Some(7), NoteKind::Dropped, "`kind`: `(02 134)125/464` dropped: a conditional assignment (LIWC2007) or other construct framelex has no equivalent for; the entry is dropped".into()),
            (Some(8), NoteKind::Dropped, "`well`: category id 99 is not in the header; this assignment is dropped".into()),
            (Some(9), NoteKind::Dropped, "`lonely` has no category id; dropped".into()),
        ]
    );
    assert_eq!(
        contents(&set),
        vec![
            ("verb".to_string(), vec![("like".into(), 1.0)]),
            ("funct".to_string(), vec![("well".into(), 1.0)]),
            ("affect".to_string(), vec![]),
        ]
    );
}

#[test]
fn wildcards_framelex_cannot_say_get_the_nearest_form_and_a_note() {
    let (imported, set) = import(&[read(&fixture("wildcards.dic"))], None);
    assert_eq!(
        contents(&set)[0]
            .1
            .iter()
            .map(|(t, _)| t.as_str())
            .collect::<Vec<_>>(),
        ["ness", "heckl*", "PENITEN*", "no", "fine*"]
    );
    assert_eq!(
        notes(&imported),
        vec![
            (Some(4), NoteKind::Changed, "pattern `*ness` → `ness`: leading wildcard dropped (framelex matches word starts only)".into()),
            (Some(5), NoteKind::Changed, "pattern `heckl**` → `heckl*`: `**` read as `*`".into()),
            (Some(6), NoteKind::Changed, "pattern `PENITEN*(CIARY` → `PENITEN*`: cut at the inner wildcard (framelex wildcards end a term)".into()),
            (Some(7), NoteKind::Changed, "pattern `no * way` → `no`: a wildcard word and what follows it dropped".into()),
            (Some(8), NoteKind::Dropped, "pattern `*` is only a wildcard; dropped".into()),
            (Some(9), NoteKind::Dropped, "pattern `-` has nothing framelex can match; dropped".into()),
        ]
    );
}

#[test]
fn dicx_marks_weights_zeros_and_bad_cells() {
    let (imported, set) = import(&[read(&fixture("weighted.dicx"))], None);
    assert_eq!(
        contents(&set),
        vec![
            (
                "Negative".to_string(),
                vec![("awful".into(), -0.7), ("meh".into(), 1.0)]
            ),
            (
                "Positive".to_string(),
                vec![("civil rights".into(), 1.5), ("great".into(), 0.9)]
            ),
            (
                "Intensity".to_string(),
                vec![("awful".into(), 1.0), ("great".into(), 1.0)]
            ),
        ]
    );
    assert_eq!(
        notes(&imported),
        vec![
            (
                Some(4),
                NoteKind::Dropped,
                "`ok` is in no category (every cell empty or 0); dropped".into()
            ),
            (
                Some(6),
                NoteKind::Dropped,
                "`meh`: 1 cell(s) beyond the header's categories dropped".into()
            ),
            (
                Some(7),
                NoteKind::Dropped,
                "`odd`: weight `inf` is not a finite number; dropped".into()
            ),
        ]
    );
    // Negative weights score negatively; a frame is present on any match it scores above 0.
    let compiled = Compiled::new(set).unwrap();
    let score = Scorer::new(&compiled).score("An awful, great day for civil rights.");
    let by_id = |id: &str| &score.frames[compiled.frame_index(id).unwrap()];
    assert_eq!(by_id("Negative").score, -0.7);
    assert!(!by_id("Negative").present);
    assert!((by_id("Positive").score - 2.4).abs() < 1e-9);
    assert!(by_id("Positive").present);
    assert_eq!(by_id("Intensity").score, 2.0);
}

#[test]
fn yaml_keys_stay_strings_scalars_are_lists_and_levels_flatten() {
    let (imported, set) = import(&[read(&fixture("levels.yml"))], None);
    let names: Vec<(&str, &str)> = set
        .frames
        .iter()
        .map(|f| (f.id.as_str(), f.name.as_str()))
        .collect();
    assert_eq!(
        names,
        [
            ("EUROPE_NORTH_NO", "EUROPE/NORTH/NO"),
            ("EUROPE_NORTH_01", "EUROPE/NORTH/01"),
            ("EUROPE_WEST_FR", "EUROPE/WEST/FR"),
            ("EMPTY", "EMPTY"),
            ("SYMBOLS_plus", "SYMBOLS/+"),
            ("SYMBOLS_and", "SYMBOLS/&"),
        ]
    );
    assert_eq!(contents(&set)[1].1, vec![("Svalbard".to_string(), 1.0)]);
    assert_eq!(
        contents(&set)[2]
            .1
            .iter()
            .map(|(t, _)| t.as_str())
            .collect::<Vec<_>>(),
        ["France", "Côte d'Azur", "colo*"]
    );
    assert_eq!(
        notes(&imported),
        vec![(
            Some(7),
            NoteKind::Changed,
            "pattern `colo?r` → `colo*`: cut at the inner wildcard (framelex wildcards end a term)"
                .into()
        )]
    );
    assert_eq!((imported.categories, imported.frames), (10, 6));

    let (_, top) = import(&[read(&fixture("levels.yml"))], Some(1));
    let top: Vec<(String, usize)> = contents(&top)
        .into_iter()
        .map(|(n, t)| (n, t.len()))
        .collect();
    assert_eq!(
        top,
        [
            ("EUROPE".to_string(), 7),
            ("EMPTY".to_string(), 0),
            ("SYMBOLS".to_string(), 2)
        ]
    );
    let (_, two) = import(&[read(&fixture("levels.yml"))], Some(2));
    assert_eq!(
        two.frames
            .iter()
            .map(|f| f.name.as_str())
            .collect::<Vec<_>>(),
        [
            "EUROPE/NORTH",
            "EUROPE/WEST",
            "EMPTY",
            "SYMBOLS/+",
            "SYMBOLS/&"
        ]
    );
}

#[test]
fn yaml_that_is_not_a_dictionary_is_an_error_with_its_line() {
    let text = std::fs::read_to_string(fixture("not-a-map.yml")).unwrap();
    let e = dictionary::read(&text, Format::Yaml).unwrap_err();
    assert_eq!(
        e.to_string(),
        "1: the top level is not a mapping of categories (`name: [patterns]`)"
    );
    let text = std::fs::read_to_string(fixture("broken.yml")).unwrap();
    let e = dictionary::read(&text, Format::Yaml).unwrap_err();
    assert_eq!(e.line, Some(2), "{e}");
    assert!(e.message.starts_with("not valid YAML: "), "{e}");
}

#[test]
fn lc3_colour_suffix_word_start_spaces_and_a_stray_line() {
    let (imported, set) = import(&[read(&fixture("colour.lc3"))], None);
    assert_eq!(
        contents(&set),
        vec![
            (
                "positive".to_string(),
                vec![("good".into(), 1.0), ("great*".into(), 1.0)]
            ),
            (
                "negative".to_string(),
                vec![("bad".into(), 1.0), ("not good".into(), 1.0)]
            ),
        ]
    );
    assert_eq!(imported.count(NoteKind::Trimmed), 4);
    assert_eq!(
        notes(&imported)
            .into_iter()
            .filter(|n| n.1 != NoteKind::Trimmed)
            .collect::<Vec<_>>(),
        vec![(
            Some(1),
            NoteKind::Dropped,
            "`stray` comes before any `+category` line; dropped".into()
        )]
    );
    // Leftmost-longest over the set: "not good" wins over "good" inside it.
    assert_eq!(
        hits(&set, "Not good, but greatness."),
        expect(&[("negative", &["Not good"]), ("positive", &["greatness"])])
    );
}

#[test]
fn cat_depth_comes_from_tabs_after_spaces_and_weights_carry() {
    let (imported, set) = import(&[read(&fixture("indent.cat"))], None);
    assert_eq!(
        contents(&set),
        vec![
            (
                "SOUTH/NA".to_string(),
                vec![("Namibia".into(), 1.0), ("Windhoek".into(), 2.0)]
            ),
            (
                "SOUTH/ZA".to_string(),
                vec![
                    ("South Africa".into(), 1.0),
                    ("S African*".into(), 1.0),
                    ("Cape Town".into(), 1.5)
                ]
            ),
            ("SOUTH/ZA/EMPTY".to_string(), vec![]),
            ("NORTH/EG".to_string(), vec![("Egypt".into(), 1.0)]),
        ]
    );
    assert_eq!(
        notes(&imported),
        vec![(
            Some(12),
            NoteKind::Dropped,
            "`Cairo (x)`: the weight in parentheses is not a number; dropped".into()
        )]
    );
    assert_eq!(set.frames[0].id, "SOUTH_NA", "a category named NA stays NA");
    let (_, spaces) = import(&[read(&fixture("spaces.cat"))], None);
    assert_eq!(
        contents(&spaces),
        vec![
            (
                "ANIMALS/PETS".to_string(),
                vec![("DOG*".into(), 1.0), ("CAT".into(), 1.0)]
            ),
            ("ANIMALS/FARM".to_string(), vec![("COW*".into(), 1.0)]),
        ]
    );
}

/// A tab moves to the next multiple of four columns, after spaces as after nothing; a
/// parenthesised ending with a blank in it is no weight.
#[test]
fn cat_tabs_after_spaces_reach_the_same_column() {
    let text = "A\n\tX\n\t\tx1 (1)\n  \tY\n\t\ty1 (2)\n\t\tCairo (x y)\n";
    let input = Input {
        path: "made.cat".into(),
        format: Format::Cat,
        dictionary: dictionary::read(text, Format::Cat).unwrap(),
    };
    let (imported, set) = import(&[input], None);
    assert_eq!(
        contents(&set),
        vec![
            ("A/X".to_string(), vec![("x1".into(), 1.0)]),
            ("A/Y".to_string(), vec![("y1".into(), 2.0)]),
            // Not `Cairo` of weight "x y": a line without a weight is a category.
            ("A/Y/Cairo (x y)".to_string(), vec![]),
        ]
    );
    assert_eq!(notes(&imported), vec![]);
}

/// A category whose name leaves no letter or digit is named by its place among the frames,
/// counted from 1.
#[test]
fn nameless_categories_are_numbered_from_one() {
    use framelex::dictionary::{Category, Dictionary, Entry};
    let category = |name: &str, term: &str, line: usize| Category {
        path: vec![name.to_string()],
        line,
        entries: vec![Entry {
            pattern: term.into(),
            weight: 1.0,
            line,
        }],
    };
    let input = Input {
        path: "made.dic".into(),
        format: Format::Dic,
        dictionary: Dictionary {
            name: None,
            categories: vec![
                category("Economy", "tax", 1),
                category("", "tariff", 2),
                category("  ", "trade", 3),
            ],
            notes: Vec::new(),
        },
    };
    let (_, set) = import(&[input], None);
    let ids: Vec<&str> = set.frames.iter().map(|f| f.id.as_str()).collect();
    assert_eq!(ids, ["Economy", "category_2", "category_3"]);
}

#[test]
fn ykd_root_node_names_the_dictionary_and_scores_are_weights() {
    let input = read(&fixture("nested.ykd"));
    assert_eq!(input.dictionary.name.as_deref(), Some("My dictionary"));
    let (imported, set) = import(&[input], None);
    assert_eq!(
        contents(&set),
        vec![
            ("economy".to_string(), vec![("tax*".into(), 1.0)]),
            (
                "economy/trade".to_string(),
                vec![("tariff*".into(), 2.5), ("R&D".into(), 1.0)]
            ),
            ("health".to_string(), vec![("hospital*".into(), 1.0)]),
        ]
    );
    assert_eq!(
        notes(&imported),
        vec![(
            Some(4),
            NoteKind::Dropped,
            "pattern `orphan` sits in the dictionary's root node, outside any category; dropped"
                .into()
        )]
    );
    let text = std::fs::read_to_string(fixture("broken.ykd")).unwrap();
    let e = dictionary::read(&text, Format::Ykd).unwrap_err();
    assert!(e.to_string().starts_with("1: not well-formed XML: "), "{e}");
}

#[test]
fn variants_seen_in_the_wild() {
    // WordStat without weights: the leaves are the patterns.
    let (imported, set) = import(&[read(&fixture("unweighted.cat"))], None);
    assert_eq!(
        contents(&set),
        vec![
            (
                "EMOTIONS/JOY".to_string(),
                vec![("HAPP*".into(), 1.0), ("GLAD".into(), 1.0)]
            ),
            ("EMOTIONS/FEAR".to_string(), vec![("AFRAID".into(), 1.0)]),
        ]
    );
    assert_eq!(
        notes(&imported),
        vec![(None, NoteKind::Changed, "no line ends in a `(weight)`: the lines with nothing under them are read as patterns of weight 1".into())]
    );
    // A European-locale .dicx: `;` between cells, decimal commas.
    let (_, set) = import(&[read(&fixture("semicolon.dicx"))], None);
    assert_eq!(
        contents(&set),
        vec![
            ("pos".to_string(), vec![("good".into(), 1.0)]),
            ("neg".to_string(), vec![("bad".into(), -1.5)])
        ]
    );
    // YAML sub-categories written as list items.
    let (_, set) = import(&[read(&fixture("list-of-maps.yml"))], None);
    assert_eq!(
        contents(&set),
        vec![
            ("ECONOMY".to_string(), vec![("tax*".into(), 1.0)]),
            (
                "ECONOMY/TRADE".to_string(),
                vec![("tariff*".into(), 1.0), ("import*".into(), 1.0)]
            ),
        ]
    );
    // Emoticons are patterns like any other: no word boundary is needed around punctuation.
    let (_, set) = import(&[read(&fixture("emoticons.dic"))], None);
    assert_eq!(
        hits(&set, "great :) bad :-( love <3"),
        expect(&[("emoticons", &[":)", ":-(", "<3"])])
    );
    // Lexicoder's XML .lcd is read as Yoshikoder's .ykd.
    assert_eq!(
        Format::from_extension(Path::new("LSD2015.lcd")),
        Some(Format::Ykd)
    );
}

#[test]
fn dic_header_names_with_numbers_and_percent_trailing_tabs_and_colliding_ids() {
    let (imported, set) = import(&[read(&fixture("header-names.dic"))], None);
    let frames: Vec<(&str, &str)> = set
        .frames
        .iter()
        .map(|f| (f.id.as_str(), f.name.as_str()))
        .collect();
    assert_eq!(
        frames,
        [
            ("Top_10", "Top 10"),
            ("c50_rule", "50% rule"),
            ("same", "same"),
            ("same_2", "same"),
            ("same_2_2", "same 2")
        ]
    );
    assert_eq!(
        contents(&set)[..2],
        [
            (
                "Top 10".to_string(),
                vec![
                    ("hate".into(), 1.0),
                    ("of".into(), 1.0),
                    ("fair".into(), 1.0)
                ]
            ),
            (
                "50% rule".to_string(),
                vec![("hate".into(), 1.0), ("civil rights".into(), 1.0)]
            ),
        ]
    );
    assert_eq!(
        notes(&imported),
        vec![
            (Some(9), NoteKind::Dropped, "`of`: `<of>131/125` dropped: a conditional assignment (LIWC2007) or other construct framelex has no equivalent for; its plain ids are kept".into()),
            (Some(10), NoteKind::Changed, "pattern `fair-*` → `fair`: a wildcard after `-`: framelex wildcards extend words only, so the word before it is the term".into()),
        ]
    );
    // `fair` no longer hits "fairy"; it still hits "fair" in "fair-minded".
    assert_eq!(
        hits(&set, "A fairy, fair-minded."),
        expect(&[("Top 10", &["fair"])])
    );
    // Ids are unique without regard to case: they name files.
    let (Some(dic), Some(ykd)) = (
        shared("liwc-dic/mary.dic"),
        shared("yoshikoder-ykd/mary.ykd"),
    ) else {
        return;
    };
    let (_, both) = import(&[read(&dic), read(&ykd)], None);
    let ids: Vec<&str> = both.frames.iter().map(|f| f.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "A_category",
            "Another_category",
            "A_CATEGORY_2",
            "ANOTHER_CATEGORY_2"
        ]
    );
}

#[test]
fn cat_lines_with_children_are_categories_and_mixed_indents_are_read_by_width() {
    let (imported, set) = import(&[read(&fixture("mixed.cat"))], None);
    assert_eq!(
        contents(&set),
        vec![
            (
                "AFFECT/POSITIVE (GOOD)".to_string(),
                vec![("HAPPY".into(), 1.0)]
            ),
            ("ROOT/A".to_string(), vec![("X".into(), 1.0)]),
            ("ROOT/B".to_string(), vec![("Y".into(), 1.0)]),
        ]
    );
    assert!(imported.notes.is_empty(), "{:?}", imported.notes);
    // A CR-only, `;`-separated .dicx is told from its header row.
    let (_, set) = import(&[read(&fixture("cr-semicolon.dicx"))], None);
    assert_eq!(
        contents(&set),
        vec![
            ("a".to_string(), vec![("good".into(), 1.0)]),
            ("b".to_string(), vec![("bad".into(), -1.5)])
        ]
    );
}

#[test]
fn yaml_export_nests_levels_unless_a_category_also_has_children() {
    let (Some(news), Some(rid)) = (
        shared("yaml/newsmap_english.yml"),
        shared("wordstat-cat/RID.CAT"),
    ) else {
        return;
    };
    let (_, set) = import(&[read(&news)], None);
    let out = dictionary::export(&set, ExportFormat::Yaml);
    assert!(out.warnings.is_empty(), "{:?}", out.warnings);
    assert!(
        out.text
            .starts_with("AFRICA:\n  EAST:\n    BI:\n      - Burundi\n"),
        "{}",
        &out.text[..200]
    );
    let (_, levels) = import(
        &[Input {
            path: "x".into(),
            format: Format::Yaml,
            dictionary: dictionary::read(&out.text, Format::Yaml).unwrap(),
        }],
        Some(1),
    );
    assert_eq!(levels.frames.len(), 5, "levels work on the exported tree");
    let (_, set) = import(&[read(&rid)], None);
    let out = dictionary::export(&set, ExportFormat::Yaml);
    assert_eq!(
        out.warnings,
        ["\"PRIMARY/REGR_KNOL/TIMELESSNES\" is a category and has sub-categories, which YAML cannot nest: the categories are written flat, with `parent/child` keys"]
    );
    assert!(
        out.text.starts_with("PRIMARY/NEED/ORALITY:\n"),
        "{}",
        &out.text[..100]
    );
}

#[test]
fn formats_are_sniffed_from_content() {
    let sniff =
        |name: &str| Format::sniff(&dictionary::decode(&std::fs::read(fixture(name)).unwrap()).0);
    assert_eq!(sniff("header.dic"), Some(Format::Dic));
    assert_eq!(sniff("weighted.dicx"), Some(Format::Dicx));
    assert_eq!(sniff("levels.yml"), Some(Format::Yaml));
    assert_eq!(sniff("colour.lc3"), Some(Format::Lc3));
    assert_eq!(sniff("indent.cat"), Some(Format::Cat));
    assert_eq!(sniff("nested.ykd"), Some(Format::Ykd));
    assert_eq!(sniff("unknown.txt"), None);
}

/// A group of weight 0 is left out of a .dicx only, where a 0 cell means "not a member";
/// the formats without weights keep its terms.
#[test]
fn weight_zero_groups_are_left_out_of_dicx_only() {
    let set = LexiconSet::from_sources(vec![Source {
        path: "a.toml".into(),
        text: "id = \"a\"\nname = \"A\"\n[[group]]\nname = \"kept\"\nterms = [\"oneterm\"]\n[[group]]\nname = \"zero\"\nweight = 0.0\nterms = [\"zeroterm\"]\n".into(),
    }])
    .unwrap();
    let dicx = dictionary::export(&set, ExportFormat::Dicx);
    assert!(
        dicx.text.contains("oneterm") && !dicx.text.contains("zeroterm"),
        "{}",
        dicx.text
    );
    assert_eq!(
        dicx.warnings.last().unwrap(),
        "a: group \"zero\" has weight 0, which LIWC-22 .dicx reads as \"not a member\"; its 1 term(s) left out"
    );
    for format in [ExportFormat::Dic, ExportFormat::Yaml] {
        let out = dictionary::export(&set, format);
        assert!(
            out.text.contains("oneterm") && out.text.contains("zeroterm"),
            "{}",
            out.text
        );
        assert!(
            !out.warnings.iter().any(|w| w.contains("not a member")),
            "{:?}",
            out.warnings
        );
    }
}

#[test]
fn every_fixture_round_trips_through_dicx_and_the_unweighted_ones_through_yaml_and_dic() {
    for name in [
        "header.dic",
        "cr-only.dic",
        "conditional.dic",
        "weighted.dicx",
        "levels.yml",
        "colour.lc3",
        "indent.cat",
        "nested.ykd",
    ] {
        let (_, set) = import(&[read(&fixture(name))], None);
        assert_eq!(
            canonical(&roundtrip(&set, ExportFormat::Dicx)),
            canonical(&set),
            "{name} via .dicx"
        );
        let weighted = canonical(&set)
            .iter()
            .any(|(_, t)| t.iter().any(|(_, w)| *w != 1.0));
        if !weighted {
            assert_eq!(
                canonical(&roundtrip(&set, ExportFormat::Yaml)),
                canonical(&set),
                "{name} via YAML"
            );
            assert_eq!(
                canonical(&roundtrip(&set, ExportFormat::Dic)),
                canonical(&set),
                "{name} via .dic"
            );
        }
    }
}

#[test]
fn export_warns_of_each_feature_that_does_not_carry() {
    let set = LexiconSet::embedded();
    let out = dictionary::export(&set, ExportFormat::Dic);
    let w = &out.warnings;
    assert!(
        w.iter()
            .any(|w| w.starts_with("negation (a window of 3 words) does not carry to LIWC .dic")),
        "{w:?}"
    );
    for id in ["security", "arms_race_criticism", "commercial_motive"] {
        for what in [
            "rule(s) left out",
            "exclusion(s) left out",
            "topic scope \"ai\" left out",
            "presence thresholds left out",
            "weights left out",
        ] {
            assert!(
                w.iter()
                    .any(|l| l.starts_with(&format!("{id}: ")) && l.contains(what)),
                "{id} {what}: {w:?}"
            );
        }
    }
    // .dicx keeps weights: no weight warning, and the weights are in the cells.
    let dicx = dictionary::export(&set, ExportFormat::Dicx);
    assert!(!dicx.warnings.iter().any(|w| w.contains("weights")));
    assert!(dicx
        .text
        .starts_with("DicTerm,security,arms_race_criticism,commercial_motive\n"));
    let back = roundtrip(&set, ExportFormat::Dicx);
    // Terms and weights carry; the categories are labelled with the frame ids.
    let mut original = canonical(&set);
    for (f, (name, _)) in set.frames.iter().zip(original.iter_mut()) {
        *name = f.id.clone();
    }
    // (Compared without printing the 1,000 terms on a failure.)
    assert!(
        canonical(&back) == original,
        "the default set does not round-trip through .dicx"
    );
}

// ---------------------------------------------------------------------------------------
// The real dictionaries of ../shared/dictionaries (counts from its README).

struct Real {
    file: &'static str,
    categories: usize,
    frames: usize,
    entries: usize,
    terms: usize,
    /// Notes other than trimmed blanks, by kind: (changed, dropped, merged).
    notes: (usize, usize, usize),
    sentences: &'static [(&'static str, Hits)],
}

/// Frame name → matched texts, as written in the table below.
type Hits = &'static [(&'static str, &'static [&'static str])];

const REAL: &[Real] = &[
    Real {
        file: "liwc-dic/mary.dic",
        categories: 2,
        frames: 2,
        entries: 5,
        terms: 5,
        notes: (0, 0, 0),
        sentences: &[(
            "Mary had a little lamb.",
            &[
                ("A category", &["little", "lamb"]),
                ("Another category", &["Mary", "had"]),
            ],
        )],
    },
    Real {
        file: "liwc-dic/alpha.dic",
        categories: 2,
        frames: 2,
        entries: 2,
        terms: 2,
        notes: (0, 0, 0),
        sentences: &[(
            "An apple, bravo!",
            &[("A", &["An", "apple"]), ("Bravo", &["bravo"])],
        )],
    },
    Real {
        file: "liwc-dic/toy.dic",
        categories: 3,
        frames: 3,
        entries: 18,
        terms: 18,
        notes: (0, 0, 0),
        sentences: &[(
            "The coach dunked.",
            &[
                ("Basketball", &["coach", "dunked"]),
                ("Baseball", &["coach"]),
                ("Football", &["coach"]),
            ],
        )],
    },
    Real {
        file: "liwc-dic/mfd2.0.dic",
        categories: 10,
        frames: 10,
        entries: 2_103,
        terms: 2_103,
        notes: (0, 0, 0),
        sentences: &[(
            "They betray the vulnerable and ignore civil rights.",
            &[
                ("care.virtue", &["vulnerable"]),
                ("care.vice", &["vulnerable"]),
                ("fairness.virtue", &["civil rights"]),
                ("fairness.vice", &["betray"]),
                ("loyalty.vice", &["betray"]),
            ],
        )],
    },
    Real {
        file: "liwc-dicx/toy.dicx",
        categories: 3,
        frames: 3,
        entries: 18,
        terms: 18,
        notes: (0, 0, 0),
        sentences: &[(
            "The coach dunked.",
            &[
                ("Basketball", &["coach", "dunked"]),
                ("Baseball", &["coach"]),
                ("Football", &["coach"]),
            ],
        )],
    },
    Real {
        file: "liwc-dicx/toy_weighted.dicx",
        categories: 3,
        frames: 3,
        entries: 5,
        terms: 5,
        notes: (0, 0, 0),
        sentences: &[(
            "Awful, then ok, then excellent.",
            &[
                ("Negative", &["Awful"]),
                ("Neutral", &["ok"]),
                ("Positive", &["excellent"]),
            ],
        )],
    },
    Real {
        file: "yaml/mary.yml",
        categories: 2,
        frames: 2,
        entries: 6,
        terms: 6,
        notes: (0, 0, 0),
        sentences: &[(
            "Mary had a little lamb in this category.",
            &[
                ("A CATEGORY", &["little", "lamb"]),
                ("ANOTHER", &["Mary", "had", "category"]),
            ],
        )],
    },
    Real {
        file: "yaml/newsmap.yml",
        categories: 4,
        frames: 3,
        entries: 3,
        terms: 3,
        notes: (0, 0, 0),
        sentences: &[(
            "昨日コンゴ民主共和国で",
            &[("AFRICA/CD", &["コンゴ民主共和国"])],
        )],
    },
    Real {
        file: "yaml/newsmap_english.yml",
        categories: 268,
        frames: 241,
        entries: 819,
        terms: 817,
        notes: (0, 0, 2),
        sentences: &[(
            "Talks in Addis Ababa, Oslo and Côte d'Ivoire; Norwegians wait.",
            &[
                ("AFRICA/EAST/ET", &["Addis Ababa"]),
                ("EUROPE/NORTH/NO", &["Oslo", "Norwegians"]),
                ("AFRICA/WEST/CI", &["Côte d'Ivoire"]),
            ],
        )],
    },
    Real {
        file: "lexicoder-lc3/mary.lc3",
        categories: 2,
        frames: 2,
        entries: 5,
        terms: 5,
        notes: (0, 0, 0),
        sentences: &[(
            "Mary had a little lamb.",
            &[
                ("A category", &["little", "lamb"]),
                ("Another category", &["Mary", "had"]),
            ],
        )],
    },
    Real {
        file: "lexicoder-lc3/LSD2015_NEG.lc3",
        categories: 2,
        frames: 2,
        entries: 4_581,
        terms: 4_581,
        notes: (1, 0, 0),
        sentences: &[(
            "This is not good, but not bad.",
            &[
                ("neg_positive", &["not good"]),
                ("neg_negative", &["not bad"]),
            ],
        )],
    },
    Real {
        file: "wordstat-cat/issue-459.cat",
        categories: 6,
        frames: 5,
        entries: 20,
        terms: 20,
        notes: (0, 0, 0),
        sentences: &[(
            "From Cape Town to Windhoek.",
            &[("SOUTH/ZA", &["Cape Town"]), ("SOUTH/NA", &["Windhoek"])],
        )],
    },
    Real {
        file: "wordstat-cat/RID.CAT",
        categories: 52,
        frames: 44,
        entries: 3_150,
        // `QUOTA-*` becomes `QUOTA`, which the category already has.
        terms: 3_149,
        notes: (2, 0, 1),
        sentences: &[(
            "A kiss on the mouth.",
            &[
                ("PRIMARY/NEED/ORALITY", &["mouth"]),
                ("PRIMARY/NEED/SEX", &["kiss"]),
            ],
        )],
    },
    Real {
        file: "yoshikoder-ykd/mary.ykd",
        categories: 2,
        frames: 2,
        entries: 5,
        terms: 5,
        notes: (0, 0, 0),
        sentences: &[(
            "Mary had a little lamb.",
            &[
                ("A CATEGORY", &["little", "lamb"]),
                ("ANOTHER CATEGORY", &["Mary", "had"]),
            ],
        )],
    },
    Real {
        file: "yoshikoder-ykd/bara-dict-corrected.ykd",
        categories: 6,
        frames: 6,
        entries: 812,
        terms: 812,
        notes: (0, 0, 0),
        sentences: &[(
            "A back-street abortion.",
            &[("advocacy", &["back-street"]), ("medical", &["abortion"])],
        )],
    },
];

#[test]
fn real_dictionaries_import_with_the_documented_counts_and_score_sentences() {
    for real in REAL {
        let Some(path) = shared(real.file) else {
            return;
        };
        let (imported, set) = import(&[read(&path)], None);
        let f = real.file;
        assert_eq!(imported.categories, real.categories, "{f}: categories");
        assert_eq!(set.frames.len(), real.frames, "{f}: frames");
        assert_eq!(imported.entries, real.entries, "{f}: entries");
        assert_eq!(imported.terms, real.terms, "{f}: terms");
        let terms: usize = set
            .frames
            .iter()
            .flat_map(|fr| &fr.groups)
            .map(|g| g.terms.len())
            .sum();
        assert_eq!(terms, real.terms, "{f}: terms in the loaded set");
        let counts = (
            imported.count(NoteKind::Changed),
            imported.count(NoteKind::Dropped),
            imported.count(NoteKind::Merged),
        );
        assert_eq!(counts, real.notes, "{f}: notes {:#?}", imported.notes);
        for (text, expected) in real.sentences {
            let mut want = expect(expected);
            for v in want.values_mut() {
                v.sort();
            }
            let mut got = hits(&set, text);
            for v in got.values_mut() {
                v.sort();
            }
            assert_eq!(got, want, "{f}: {text}");
        }
    }
}

#[test]
fn real_dictionaries_round_trip_through_every_export_format() {
    for real in REAL {
        let Some(path) = shared(real.file) else {
            return;
        };
        let (_, set) = import(&[read(&path)], None);
        let original = canonical(&set);
        assert_eq!(
            canonical(&roundtrip(&set, ExportFormat::Dicx)),
            original,
            "{} via .dicx",
            real.file
        );
        if real.file.ends_with("toy_weighted.dicx") {
            continue; // weights do not carry to YAML and .dic (a warning says so)
        }
        assert_eq!(
            canonical(&roundtrip(&set, ExportFormat::Yaml)),
            original,
            "{} via YAML",
            real.file
        );
        assert_eq!(
            canonical(&roundtrip(&set, ExportFormat::Dic)),
            original,
            "{} via .dic",
            real.file
        );
    }
}

#[test]
fn the_same_dictionary_in_three_formats_imports_to_the_same_terms() {
    let (Some(dic), Some(lc3), Some(ykd)) = (
        shared("liwc-dic/mary.dic"),
        shared("lexicoder-lc3/mary.lc3"),
        shared("yoshikoder-ykd/mary.ykd"),
    ) else {
        return;
    };
    let terms = |p: &Path| -> Vec<Vec<(String, f64)>> {
        contents(&import(&[read(p)], None).1)
            .into_iter()
            .map(|(_, t)| t)
            .collect()
    };
    assert_eq!(terms(&dic), terms(&lc3));
    assert_eq!(terms(&dic), terms(&ykd));
    let (Some(toy), Some(toyx)) = (shared("liwc-dic/toy.dic"), shared("liwc-dicx/toy.dicx")) else {
        return;
    };
    assert_eq!(
        contents(&import(&[read(&toy)], None).1),
        contents(&import(&[read(&toyx)], None).1)
    );
}

#[test]
fn levels_cut_the_real_trees() {
    let (Some(rid), Some(news)) = (
        shared("wordstat-cat/RID.CAT"),
        shared("yaml/newsmap_english.yml"),
    ) else {
        return;
    };
    let names = |p: &Path, level| -> Vec<String> {
        import(&[read(p)], Some(level))
            .1
            .frames
            .iter()
            .map(|f| f.name.clone())
            .collect()
    };
    assert_eq!(names(&rid, 1), ["PRIMARY", "SECONDARY", "EMOTIONS"]);
    let (_, top) = import(&[read(&rid)], Some(1));
    let total: usize = top
        .frames
        .iter()
        .flat_map(|f| &f.groups)
        .map(|g| g.terms.len())
        .sum();
    assert_eq!(
        total, 3_149,
        "every entry goes to its top-level category (QUOTA-* = QUOTA)"
    );
    assert_eq!(
        names(&news, 1),
        ["AFRICA", "AMERICA", "ASIA", "EUROPE", "OCEANIA"]
    );
    assert_eq!(names(&news, 2).len(), 22);
}

// ---------------------------------------------------------------------------------------
// The command line.

fn framelex() -> Command {
    Command::cargo_bin("framelex").unwrap()
}

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn import_cli_writes_a_set_that_scores_and_reports_notes_with_lines() {
    let dir = tempfile::tempdir().unwrap();
    let set = dir.path().join("set");
    let out = framelex()
        .current_dir(fixture(""))
        .args(["lexicons", "import", "wildcards.dic", "weighted.dicx", "-o"])
        .arg(&set)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains(
            "wildcards.dic:6: pattern `PENITEN*(CIARY` → `PENITEN*`: cut at the inner wildcard"
        ),
        "{err}"
    );
    assert!(
        err.contains("weighted.dicx:7: `odd`: weight `inf` is not a finite number; dropped"),
        "{err}"
    );
    assert!(
        err.contains(
            "framelex: imported wildcards.dic, weighted.dicx (LIWC .dic, LIWC-22 .dicx) in "
        ),
        "{err}"
    );
    assert!(
        err.contains(
            ": 4 categories → 4 frames, 13 entries → 11 terms (4 otherwise changed, 5 dropped)\n"
        ),
        "{err}"
    );
    let mut files: Vec<String> = std::fs::read_dir(&set)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    assert_eq!(
        files,
        [
            "Intensity.toml",
            "Negative.toml",
            "Positive.toml",
            "set.toml",
            "w.toml"
        ]
    );
    let set_toml = std::fs::read_to_string(set.join("set.toml")).unwrap();
    assert!(
        set_toml.contains("name = \"wildcards\"") && set_toml.contains("[negation]\nwindow = 0"),
        "{set_toml}"
    );

    // It scores at once; negation is off, so "not awful" counts.
    let scored = framelex()
        .args(["score", "--format", "csv", "--lexicons"])
        .arg(&set)
        .write_stdin("Not awful: penitentiary fineness.")
        .output()
        .unwrap();
    let csv = String::from_utf8(scored.stdout).unwrap();
    let header: Vec<&str> = csv.lines().next().unwrap().split(',').collect();
    let row: Vec<&str> = csv.lines().nth(1).unwrap().split(',').collect();
    let col = |name: &str| row[header.iter().position(|h| *h == name).unwrap()];
    assert_eq!(col("w_hits"), "2", "{csv}"); // penitentiary, fineness ("Not" is not "no")
    assert_eq!(col("Negative_score"), "-0.7");
    assert_eq!(col("Intensity_hits"), "1");

    // A second import into the same folder is refused, then replaces the set with --force.
    let again = framelex()
        .args(["lexicons", "import"])
        .arg(fixture("colour.lc3"))
        .arg("-o")
        .arg(&set)
        .output()
        .unwrap();
    assert_eq!(again.status.code(), Some(2));
    assert!(
        stderr(&again)
            .contains("already holds 5 .toml files (a lexicon set); use --force to replace them"),
        "{}",
        stderr(&again)
    );
    let forced = framelex()
        .args(["lexicons", "import", "--force"])
        .arg(fixture("colour.lc3"))
        .arg("-o")
        .arg(&set)
        .output()
        .unwrap();
    assert!(forced.status.success());
    let mut files: Vec<String> = std::fs::read_dir(&set)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    assert_eq!(
        files,
        ["negative.toml", "positive.toml", "set.toml"],
        "no frame of the first import stays behind"
    );
}

#[test]
fn import_cli_options_negation_name_and_level() {
    let dir = tempfile::tempdir().unwrap();
    let set = dir.path().join("set");
    let out = framelex()
        .args([
            "lexicons",
            "import",
            "--negation",
            "--name",
            "My sentiment",
            "--level",
            "1",
        ])
        .arg(fixture("indent.cat"))
        .arg("-o")
        .arg(&set)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let set_toml = std::fs::read_to_string(set.join("set.toml")).unwrap();
    assert!(set_toml.contains("name = \"My sentiment\"\n"), "{set_toml}");
    assert!(!set_toml.contains("[negation]"), "{set_toml}");
    assert!(
        stderr(&out).contains(": 6 categories → 2 frames, 6 entries → 6 terms"),
        "{}",
        stderr(&out)
    );
    // With negation kept, "not Windhoek" is negated; the names are the top level's.
    let scored = framelex()
        .args(["score", "--format", "jsonl", "--lexicons"])
        .arg(&set)
        .write_stdin("Not Windhoek but, in the end, Cape Town.")
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&scored.stdout).unwrap();
    assert_eq!(v["frames"]["SOUTH"]["hits"], 1, "{v}");
    assert_eq!(v["frames"]["SOUTH"]["negated"], 1, "{v}");
    assert_eq!(v["frames"]["SOUTH"]["score"], 1.5, "{v}");
    assert_eq!(v["frames"]["NORTH"]["hits"], 0, "{v}");
    let zero = framelex()
        .args(["lexicons", "import", "--level", "0"])
        .arg(fixture("indent.cat"))
        .arg("-o")
        .arg(&set)
        .output()
        .unwrap();
    assert_eq!(zero.status.code(), Some(2));
}

#[test]
fn import_cli_errors_name_the_file_line_and_fix() {
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        ("unknown.txt", vec![], "unknown.txt: cannot tell the dictionary's format from its name or content; name it with --format liwc|dicx|yaml|lc3|cat|ykd"),
        ("unclosed.dic", vec![], "unclosed.dic:1: the header opened here is never closed by a line holding % (read as a LIWC .dic dictionary; name another format with --format)"),
        ("broken.ykd", vec![], "broken.ykd:1: not well-formed XML: "),
        ("header.dic", vec!["--format", "ykd"], "header.dic:1: not well-formed XML: "),
        ("missing.dic", vec![], "missing.dic: cannot read"),
    ];
    for (file, extra, message) in cases {
        let out = framelex()
            .current_dir(fixture(""))
            .args(["lexicons", "import", file])
            .args(&extra)
            .arg("-o")
            .arg(dir.path().join(file))
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{file}");
        assert!(stderr(&out).contains(message), "{file}: {}", stderr(&out));
        assert!(
            !dir.path().join(file).join("set.toml").exists(),
            "{file}: nothing written"
        );
    }
    // --format names the format of a file with any extension.
    let out = framelex()
        .current_dir(fixture(""))
        .args(["lexicons", "import", "unknown.txt", "--format", "lc3", "-o"])
        .arg(dir.path().join("lc3"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("no category: a .lc3 file has `+name` lines"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn export_cli_writes_a_file_or_into_a_folder_and_refuses_to_overwrite() {
    let dir = tempfile::tempdir().unwrap();
    let out = framelex()
        .args([
            "lexicons",
            "export",
            "--set",
            "policy-frames",
            "--to",
            "yaml",
        ])
        .arg(format!("{}/", dir.path().display()))
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let path = dir.path().join("policy-frames.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.starts_with("Economic:\n  - "), "{text}");
    assert!(
        stderr(&out).contains(&format!(
            "framelex: wrote the policy-frames set (14 categories) to {}",
            path.display()
        )),
        "{}",
        stderr(&out)
    );
    let again = framelex()
        .args([
            "lexicons",
            "export",
            "--set",
            "policy-frames",
            "--to",
            "yaml",
        ])
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(again.status.code(), Some(2));
    assert!(stderr(&again).contains("already exists; use --force to overwrite"));
    // --lexicons needs --to.
    let bad = framelex()
        .args(["lexicons", "export", "--lexicons", "default", "x/"])
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr(&bad).contains("--to"), "{}", stderr(&bad));
    // An imported set goes back under its own category names.
    let set = dir.path().join("mary");
    assert!(framelex()
        .args(["lexicons", "import"])
        .arg(fixture("header.dic"))
        .arg("-o")
        .arg(&set)
        .output()
        .unwrap()
        .status
        .success());
    let dic = dir.path().join("back.dic");
    let out = framelex()
        .args(["lexicons", "export", "--to", "dic", "--lexicons"])
        .arg(&set)
        .arg(&dic)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        stderr(&out),
        format!(
            "framelex: wrote the header set (3 categories) to {}\n",
            dic.display()
        )
    );
    assert_eq!(
        std::fs::read_to_string(&dic).unwrap(),
        "%\n1\tThreat words\n2\tCalm\n3\tMixed\n%\nthreat*\t1\nmenace\t1\ndanger\t1\t3\ncalm\t2\npeace talks\t2\nrelax\t2\t3\n"
    );
    // Into a folder, the file is named after the set, in letters, digits, - and _.
    let named = dir.path().join("named");
    assert!(framelex()
        .args(["lexicons", "import", "--name", "Mary's set: v-2_b"])
        .arg(fixture("header.dic"))
        .arg("-o")
        .arg(&named)
        .output()
        .unwrap()
        .status
        .success());
    let out = framelex()
        .args(["lexicons", "export", "--to", "dic", "--lexicons"])
        .arg(&named)
        .arg(format!("{}/", dir.path().join("out").display()))
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        dir.path().join("out/Mary_s_set__v-2_b.dic").is_file(),
        "{}",
        stderr(&out)
    );
}

#[test]
fn measure_percent_gives_liwc_columns() {
    let dir = tempfile::tempdir().unwrap();
    let set = dir.path().join("set");
    assert!(framelex()
        .args(["lexicons", "import"])
        .arg(fixture("cr-only.dic"))
        .arg("-o")
        .arg(&set)
        .output()
        .unwrap()
        .status
        .success());
    // 8 words; care: protect, vulnerable (2); harm: vulnerable, hurting (2); Dic counts
    // "vulnerable" once: 3 of 8 words.
    let text = "Protect the vulnerable from hurting, said nobody ever.";
    let out = framelex()
        .args([
            "score",
            "--measure",
            "percent",
            "--format",
            "csv",
            "--lexicons",
        ])
        .arg(&set)
        .write_stdin(text)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let csv = String::from_utf8(out.stdout).unwrap();
    let mut lines = csv.lines();
    let header = lines.next().unwrap();
    assert!(
        header.ends_with(",WC,Dic,care_pct,harm_pct,error"),
        "{header}"
    );
    assert!(
        lines.next().unwrap().ends_with(",8,37.5,25.0,25.0,"),
        "{csv}"
    );
    let out = framelex()
        .args([
            "score",
            "--measure",
            "percent",
            "--format",
            "jsonl",
            "--lexicons",
        ])
        .arg(&set)
        .write_stdin(text)
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["WC"], 8);
    assert_eq!(v["Dic"], 37.5);
    assert_eq!(v["frames"]["harm"]["pct"], 25.0);
    // A phrase matched across a hyphen covers one (joined) word: 1 of 3 words.
    let phrase = dir.path().join("phrase");
    let yml = dir.path().join("p.yml");
    std::fs::write(&yml, "rights: [civil rights]\n").unwrap();
    assert!(framelex()
        .args(["lexicons", "import"])
        .arg(&yml)
        .arg("-o")
        .arg(&phrase)
        .output()
        .unwrap()
        .status
        .success());
    let out = framelex()
        .args([
            "score",
            "--measure",
            "percent",
            "--format",
            "jsonl",
            "--lexicons",
        ])
        .arg(&phrase)
        .write_stdin("Defend civil-rights now")
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        (v["WC"].as_u64(), v["Dic"].as_f64()),
        (Some(3), Some(33.33)),
        "{v}"
    );
    // Without --measure, no such columns.
    let plain = framelex()
        .args(["score", "--format", "csv", "--lexicons"])
        .arg(&set)
        .write_stdin(text)
        .output()
        .unwrap();
    assert!(!String::from_utf8(plain.stdout).unwrap().contains("WC"));
    let table = framelex()
        .args(["score", "--measure", "percent", "--format", "table"])
        .write_stdin(text)
        .output()
        .unwrap();
    assert_eq!(table.status.code(), Some(2));
    assert!(
        stderr(&table).contains("--measure percent is for csv, tsv and jsonl output"),
        "{}",
        stderr(&table)
    );
}
