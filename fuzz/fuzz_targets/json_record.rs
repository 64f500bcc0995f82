//! One JSONL line, a CSV row or a text file's bytes through [`RawRecord::parse`] and
//! [`JsonSpec::extract`]: never a panic, an error is a message naming the record, and
//! the text pulled out agrees with `serde_json::Value` on lines with no repeated keys.
#![no_main]

use std::sync::Arc;

use framelex::input::{parse_path, JsonSpec, Line, RawBody, RawRecord, ReadOptions};
use libfuzzer_sys::fuzz_target;
use serde_json::Value;

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let (text_field, keep): (&str, Vec<&str>) = match mode % 4 {
        0 => ("text", vec![]),
        1 => ("body.text", vec!["body"]),
        2 => ("text", vec!["text", "id", "a.b"]),
        _ => ("a.b.c", vec!["a", "a.b"]),
    };
    let opts = ReadOptions {
        text_field: parse_path(text_field),
        keep: keep.iter().map(|k| parse_path(k)).collect(),
        ..ReadOptions::default()
    };
    let spec = JsonSpec::new(&opts.text_field, &opts.id_field, &opts.keep);
    let origin: Arc<str> = "fuzz.jsonl".into();

    // A JSONL line, as the reader hands it over.
    let rec = RawRecord {
        origin: origin.clone(),
        line: 7,
        body: RawBody::Json(Line::from(rest.to_vec())),
    };
    match rec.parse(&spec, &opts) {
        Ok(doc) => {
            assert_eq!(doc.kept.len(), keep.len());
            assert_eq!(doc.location(), "fuzz.jsonl:7");
        }
        Err(e) => {
            assert_eq!(e.location, "fuzz.jsonl:7");
            assert!(!e.reason.is_empty());
            assert_eq!(e.kept.len(), keep.len());
        }
    }

    // The extractor against serde_json's own tree.
    let line = String::from_utf8_lossy(rest);
    let mut text = String::new();
    let got = spec.extract(&line, &mut text);
    if let Ok(value) = serde_json::from_str::<Value>(&line) {
        match (&value, &got) {
            (Value::Object(_), Err(e)) => panic!("valid object refused: {e} for {line:?}"),
            (Value::Object(_), Ok(_)) => {}
            (_, Ok(_)) => panic!("a non-object accepted: {line:?}"),
            (_, Err(e)) => assert!(e.starts_with("not a JSON object"), "{e}"),
        }
        let path = parse_path(text_field);
        // Repeated keys resolve differently (serde_json keeps the last); compare only
        // lines where every key of interest occurs at most once, unescaped.
        let unique = !line.contains('\\')
            && path
                .iter()
                .map(String::as_str)
                .chain(keep.iter().flat_map(|k| k.split('.')))
                .all(|k| line.matches(&format!("\"{k}\"")).count() <= 1);
        if let (Ok(e), true) = (&got, unique) {
            let mut v = Some(&value);
            for k in &path {
                v = v.and_then(|v| v.get(k.as_str()));
            }
            match v {
                Some(Value::String(s)) => {
                    assert_eq!(e.text, Some(Ok(())), "{line:?}");
                    assert_eq!(&text, s, "{line:?}");
                }
                Some(_) => assert!(matches!(e.text, Some(Err(_))), "{line:?}"),
                None => assert!(e.text.is_none(), "{line:?}: {:?}", e.text),
            }
        }
    }

    // A CSV row: text, id and kept cells in any state.
    let third = rest.len() / 3;
    let row = RawRecord {
        origin: origin.clone(),
        line: 3,
        body: RawBody::Row {
            text: (mode & 0x10 == 0).then(|| rest[..third].to_vec()),
            id: (mode & 0x20 == 0).then(|| rest[third..2 * third].to_vec()),
            keep: keep
                .iter()
                .map(|_| Some(rest[2 * third..].to_vec()))
                .collect(),
            too_long: (mode & 0x40 != 0).then_some(rest.len()),
        },
    };
    let _ = row.parse(&spec, &opts);

    // A whole text file.
    let file = RawRecord {
        origin,
        line: 1,
        body: RawBody::Text(rest.to_vec()),
    };
    let doc = file.parse(&spec, &opts).expect("a text file always parses");
    // Decoded lossily, one leading byte order mark removed.
    let (whole, _) = framelex::input::decode(rest);
    assert_eq!(doc.text, whole.strip_prefix('\u{FEFF}').unwrap_or(&whole));
});
