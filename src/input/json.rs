//! Pulling the few fields framelex needs out of one JSON line, without building a tree.
//!
//! Dumps carry many fields per article (title, url, authors, HTML …) and framelex needs
//! two or three of them. A `serde_json::Value` per line would allocate for every field;
//! this visitor walks the object once, copies the text into a reused buffer, keeps the
//! `--keep` fields as raw JSON (so they are written back byte for byte) and skips the
//! rest. Dotted paths (`body.text`) descend into nested objects.

use std::borrow::Cow;
use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::value::RawValue;

/// A field path: `a.b` is `["a", "b"]`.
pub type FieldPath = Vec<String>;

/// Splits a field name given on the command line into a path.
pub fn parse_path(name: &str) -> FieldPath {
    name.split('.').map(str::to_string).collect()
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Target {
    Text,
    Id,
    Keep(usize),
}

/// What was found in one line.
#[derive(Debug, Default)]
pub struct Extracted {
    /// `None` when the text field is absent; `Some(Err(kind))` when it is not a string.
    pub text: Option<Result<(), &'static str>>,
    /// The id as a string (numbers are written as they are), if present and usable.
    pub id: Option<String>,
    /// Each `--keep` field as raw JSON, if present.
    pub kept: Vec<Option<Box<RawValue>>>,
}

/// The fields to pull out.
#[derive(Debug, Clone)]
pub struct JsonSpec {
    wants: Vec<(Target, FieldPath)>,
    keep_count: usize,
}

impl JsonSpec {
    /// A spec for a text field, an id field and fields to keep.
    pub fn new(text: &FieldPath, id: &FieldPath, keep: &[FieldPath]) -> Self {
        let mut wants = vec![(Target::Text, text.clone()), (Target::Id, id.clone())];
        wants.extend(
            keep.iter()
                .enumerate()
                .map(|(i, p)| (Target::Keep(i), p.clone())),
        );
        JsonSpec {
            wants,
            keep_count: keep.len(),
        }
    }

    /// Parses `line`, writing the text into `text`. Errors are messages for the user
    /// ("not a JSON object", the parser's message for malformed JSON).
    pub fn extract(&self, line: &str, text: &mut String) -> Result<Extracted, String> {
        text.clear();
        let mut out = Extracted {
            kept: vec![None; self.keep_count],
            ..Extracted::default()
        };
        let wants: Vec<&(Target, FieldPath)> = self.wants.iter().collect();
        let mut de = serde_json::Deserializer::from_str(line);
        let seed = Object {
            depth: 0,
            wants: &wants,
            out: &mut out,
            text,
        };
        match seed.deserialize(&mut de).and_then(|_| de.end()) {
            Ok(()) => Ok(out),
            Err(e) => Err(json_message(&e)),
        }
    }
}

fn json_message(e: &serde_json::Error) -> String {
    let msg = e.to_string();
    if msg.starts_with("not a JSON object") {
        return msg[..msg.find(" at line ").unwrap_or(msg.len())].to_string();
    }
    // serde_json says "… at line 1 column 17"; a record is one line, so keep the column.
    let msg = match msg.rfind(" at line ") {
        Some(i) => {
            let col = msg[i..].rsplit(' ').next().unwrap_or("?");
            format!("{} (column {col})", &msg[..i])
        }
        None => msg,
    };
    format!("malformed JSON: {msg}")
}

struct Object<'a, 'w> {
    depth: usize,
    wants: &'a [&'w (Target, FieldPath)],
    out: &'a mut Extracted,
    text: &'a mut String,
}

impl<'de> DeserializeSeed<'de> for Object<'_, '_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Object<'_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let mut here: Vec<&(Target, FieldPath)> = Vec::new();
        while let Some(Key(key)) = map.next_key()? {
            here.clear();
            here.extend(
                self.wants
                    .iter()
                    .filter(|(_, p)| p.get(self.depth).is_some_and(|k| *k == key)),
            );
            if here.is_empty() {
                map.next_value::<IgnoredAny>()?;
                continue;
            }
            let terminal: Vec<Target> = here
                .iter()
                .filter(|(_, p)| p.len() == self.depth + 1)
                .map(|(t, _)| *t)
                .collect();
            let deeper: Vec<&(Target, FieldPath)> = here
                .iter()
                .copied()
                .filter(|(_, p)| p.len() > self.depth + 1)
                .collect();
            match (terminal.as_slice(), deeper.is_empty()) {
                ([Target::Text], true) => {
                    self.out.text = Some(map.next_value_seed(TextSeed(self.text))?);
                }
                ([], false) => map.next_value_seed(Object {
                    depth: self.depth + 1,
                    wants: &deeper,
                    out: self.out,
                    text: self.text,
                })?,
                _ => {
                    // Several uses of one value (or a value used whole and descended into):
                    // take it raw once, then read each use from the raw text.
                    let raw: Box<RawValue> = map.next_value()?;
                    for t in &terminal {
                        assign(*t, &raw, self.out, self.text);
                    }
                    if !deeper.is_empty() {
                        let mut de = serde_json::Deserializer::from_str(raw.get());
                        let _ = Object {
                            depth: self.depth + 1,
                            wants: &deeper,
                            out: self.out,
                            text: self.text,
                        }
                        .deserialize(&mut de);
                    }
                }
            }
        }
        Ok(())
    }

    // Anything but an object: at the top this is an error; further down the path it
    // means the nested field is missing.
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        self.not_object("an array")
    }
    fn visit_str<E: de::Error>(self, _: &str) -> Result<(), E> {
        self.not_object("a string")
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<(), E> {
        self.not_object("a boolean")
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<(), E> {
        self.not_object("a number")
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<(), E> {
        self.not_object("a number")
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<(), E> {
        self.not_object("a number")
    }
    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        self.not_object("null")
    }
}

impl Object<'_, '_> {
    fn not_object<E: de::Error>(self, what: &str) -> Result<(), E> {
        if self.depth == 0 {
            Err(E::custom(format!("not a JSON object (found {what})")))
        } else {
            Ok(())
        }
    }
}

fn assign(t: Target, raw: &RawValue, out: &mut Extracted, text: &mut String) {
    match t {
        Target::Text => {
            let mut de = serde_json::Deserializer::from_str(raw.get());
            out.text = TextSeed(text).deserialize(&mut de).ok();
        }
        Target::Id => {
            let mut de = serde_json::Deserializer::from_str(raw.get());
            out.id = IdSeed.deserialize(&mut de).ok().flatten();
        }
        Target::Keep(i) => out.kept[i] = Some(raw.to_owned()),
    }
}

/// A map key, borrowed when it has no escapes.
struct Key<'de>(Cow<'de, str>);

impl<'de> de::Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a key")
            }
            fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Borrowed(v)))
            }
            fn visit_str<E>(self, v: &str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(v.to_string())))
            }
        }
        d.deserialize_str(V)
    }
}

/// Copies a string value into the reused text buffer; other types give their kind.
struct TextSeed<'a>(&'a mut String);

impl<'de> DeserializeSeed<'de> for TextSeed<'_> {
    type Value = Result<(), &'static str>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for TextSeed<'_> {
    type Value = Result<(), &'static str>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a string")
    }
    fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
        // A repeated key keeps its last value, as for every other field.
        self.0.clear();
        self.0.push_str(v);
        Ok(Ok(()))
    }
    fn visit_bool<E>(self, _: bool) -> Result<Self::Value, E> {
        Ok(Err("a boolean"))
    }
    fn visit_i64<E>(self, _: i64) -> Result<Self::Value, E> {
        Ok(Err("a number"))
    }
    fn visit_u64<E>(self, _: u64) -> Result<Self::Value, E> {
        Ok(Err("a number"))
    }
    fn visit_f64<E>(self, _: f64) -> Result<Self::Value, E> {
        Ok(Err("a number"))
    }
    fn visit_unit<E>(self) -> Result<Self::Value, E> {
        Ok(Err("null"))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Err("an array"))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(Err("an object"))
    }
}

/// Reads an id: strings as they are, numbers written out; anything else is no id.
struct IdSeed;

impl<'de> DeserializeSeed<'de> for IdSeed {
    type Value = Option<String>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for IdSeed {
    type Value = Option<String>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an id")
    }
    fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Some(v.to_string()))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Self::Value, E> {
        Ok(Some(v.to_string()))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Self::Value, E> {
        Ok(Some(v.to_string()))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Self::Value, E> {
        Ok(Some(v.to_string()))
    }
    fn visit_bool<E>(self, _: bool) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_unit<E>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(None)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(None)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(text: &str, id: &str, keep: &[&str]) -> JsonSpec {
        let keep: Vec<FieldPath> = keep.iter().map(|k| parse_path(k)).collect();
        JsonSpec::new(&parse_path(text), &parse_path(id), &keep)
    }

    #[test]
    fn extracts_text_id_and_kept_fields() {
        let s = spec("text", "id", &["source", "meta.date"]);
        let mut text = String::new();
        let line = r#"{"id": 7, "source": {"n": "AP"}, "big": [1,2,{"x":3}], "text": "A \"q\" \u00e9", "meta": {"date": "2020-01-01"}}"#;
        let e = s.extract(line, &mut text).unwrap();
        assert_eq!(text, "A \"q\" é");
        assert_eq!(e.text, Some(Ok(())));
        assert_eq!(e.id.as_deref(), Some("7"));
        assert_eq!(e.kept[0].as_ref().unwrap().get(), r#"{"n": "AP"}"#);
        assert_eq!(e.kept[1].as_ref().unwrap().get(), r#""2020-01-01""#);
    }

    #[test]
    fn a_repeated_key_keeps_its_last_value() {
        let s = spec("text", "id", &[]);
        let mut text = String::new();
        let e = s.extract(
            r#"{"text": "thr", "id": "a", "text": "eat", "id": "b"}"#,
            &mut text,
        );
        assert_eq!(text, "eat");
        assert_eq!(e.unwrap().id.as_deref(), Some("b"));
    }

    #[test]
    fn reports_types_and_missing_fields() {
        let s = spec("body.text", "id", &["body"]);
        let mut text = String::new();
        let rows: &[(&str, Option<Result<(), &str>>)] = &[
            (r#"{"body": {"text": "x"}}"#, Some(Ok(()))),
            (r#"{"body": {"text": 5}}"#, Some(Err("a number"))),
            (r#"{"body": {"text": null}}"#, Some(Err("null"))),
            (r#"{"body": {"text": [1]}}"#, Some(Err("an array"))),
            (r#"{"body": {"text": {}}}"#, Some(Err("an object"))),
            (r#"{"body": {"other": "x"}}"#, None),
            (r#"{"body": "flat"}"#, None),
            (r#"{}"#, None),
        ];
        for (line, want) in rows {
            let e = s.extract(line, &mut text).unwrap();
            assert_eq!(&e.text, want, "{line}");
        }
    }

    #[test]
    fn rejects_non_objects_and_malformed_lines() {
        let s = spec("text", "id", &[]);
        let mut text = String::new();
        let rows = [
            ("[1, 2]", "not a JSON object (found an array)"),
            ("\"text\"", "not a JSON object (found a string)"),
            ("12", "not a JSON object (found a number)"),
            (
                "{\"text\": \"a\"",
                "malformed JSON: EOF while parsing an object (column 12)",
            ),
            (
                "{\"text\": \"a\"} x",
                "malformed JSON: trailing characters (column 15)",
            ),
        ];
        for (line, want) in rows {
            assert_eq!(s.extract(line, &mut text).unwrap_err(), want, "{line}");
        }
    }
}
