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
    /// The text value was not a plain string, or held an unpaired surrogate escape (see
    /// [`text_from_raw`]): the line must be read again, the strict way.
    read_again: bool,
    /// The strict reading of a text value read from a raw value (a field used twice)
    /// failed: serde_json's message, at its column in the line.
    text_error: Option<String>,
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
        // The fast way skips over the text value as raw JSON and decodes it here. That is
        // the whole story for a string, which is what texts are; anything else (another
        // type, an unpaired surrogate escape) or a line that fails is read again with
        // serde_json's own strings, so that results and messages are what they always
        // were: a raw value is only skipped over, with fewer checks.
        match self.extract_with(line, text, false) {
            Ok(e) if !e.read_again => Ok(e),
            _ => self.extract_with(line, text, true),
        }
    }

    /// `strict`: read the text with serde_json's strings rather than unescaping it here.
    fn extract_with(
        &self,
        line: &str,
        text: &mut String,
        strict: bool,
    ) -> Result<Extracted, String> {
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
            strict,
            line,
        };
        match seed.deserialize(&mut de).and_then(|_| de.end()) {
            Ok(()) => match out.text_error.take() {
                Some(message) => Err(message),
                None => Ok(out),
            },
            Err(e) => Err(json_message(&e, 0)),
        }
    }
}

/// The message for the user; `shift` is the byte offset in the line of the value `e` was
/// read from (0 for the line itself).
fn json_message(e: &serde_json::Error, shift: usize) -> String {
    let msg = e.to_string();
    if msg.starts_with("not a JSON object") {
        return msg[..msg.find(" at line ").unwrap_or(msg.len())].to_string();
    }
    // serde_json says "… at line 1 column 17"; a record is one line, so keep the column.
    let msg = match msg.rfind(" at line ") {
        Some(i) => format!("{} (column {})", &msg[..i], e.column() + shift),
        None => msg,
    };
    format!("malformed JSON: {msg}")
}

struct Object<'a, 'w> {
    depth: usize,
    wants: &'a [&'w (Target, FieldPath)],
    out: &'a mut Extracted,
    text: &'a mut String,
    strict: bool,
    /// The whole line, where every raw value read lies: for the column of an error.
    line: &'a str,
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
                    // Borrowed raw, then unescaped here straight into the reused buffer:
                    // serde_json would first build the string in a scratch buffer of its
                    // own, grown from empty for every line.
                    self.out.text = Some(if self.strict {
                        map.next_value_seed(TextSeed(self.text))?
                    } else {
                        let raw: &'de RawValue = map.next_value()?;
                        text_from_raw(raw.get(), self.text, self.out)
                    });
                }
                ([], false) => map.next_value_seed(Object {
                    depth: self.depth + 1,
                    wants: &deeper,
                    out: self.out,
                    text: self.text,
                    strict: self.strict,
                    line: self.line,
                })?,
                _ => {
                    // Several uses of one value (or a value used whole and descended into):
                    // take it raw once, then read each use from the raw text. The raw
                    // value is borrowed from the line, so that an error in it can be
                    // placed in the line.
                    let raw: &'de RawValue = map.next_value()?;
                    let shift = raw.get().as_ptr() as usize - self.line.as_ptr() as usize;
                    for t in &terminal {
                        assign(*t, raw, shift, self.out, self.text, self.strict);
                    }
                    if !deeper.is_empty() {
                        // The raw value is well-formed JSON: what can fail here is the
                        // strict reading of a text string in it.
                        let mut de = serde_json::Deserializer::from_str(raw.get());
                        let nested = Object {
                            depth: self.depth + 1,
                            wants: &deeper,
                            out: self.out,
                            text: self.text,
                            strict: self.strict,
                            line: self.line,
                        }
                        .deserialize(&mut de);
                        if let Err(e) = nested {
                            self.out.text_error = Some(json_message(&e, shift));
                        }
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

/// Reads one use of a raw value that lies at byte `shift` of the line.
fn assign(
    t: Target,
    raw: &RawValue,
    shift: usize,
    out: &mut Extracted,
    text: &mut String,
    strict: bool,
) {
    match t {
        Target::Text if strict => {
            // serde_json's strings fail where the streaming reading of the line would
            // (an unpaired surrogate escape): the same message, at the same column.
            let mut de = serde_json::Deserializer::from_str(raw.get());
            match TextSeed(text).deserialize(&mut de) {
                Ok(found) => out.text = Some(found),
                Err(e) => out.text_error = Some(json_message(&e, shift)),
            }
        }
        Target::Text => out.text = Some(text_from_raw(raw.get(), text, out)),
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

/// Writes the string a raw JSON value holds into `text` (cleared first; a repeated key
/// keeps its last value, as for every other field).
///
/// The value has been through serde_json's parser, so its escapes are well formed; what
/// that parser does not check in a raw value is that `\u` escapes of UTF-16 surrogates
/// come in pairs. A lone one, or a value that is not a string, is marked in `out` for
/// [`JsonSpec::extract`] to read the line again with serde_json's own strings and types.
fn text_from_raw(raw: &str, text: &mut String, out: &mut Extracted) -> Result<(), &'static str> {
    if !raw.starts_with('"') {
        out.read_again = true;
        return Err("not a string");
    }
    text.clear();
    let body = &raw[1..raw.len() - 1];
    text.reserve(body.len());
    if unescape_into(body, text).is_none() {
        out.read_again = true;
    }
    Ok(())
}

/// Appends the JSON string body `s` (between its quotes, escapes well formed) to `out`,
/// decoded; `None` at an unpaired surrogate escape.
fn unescape_into(s: &str, out: &mut String) -> Option<()> {
    let b = s.as_bytes();
    let mut i = 0;
    while let Some(j) = memchr::memchr(b'\\', &b[i..]) {
        out.push_str(&s[i..i + j]);
        i += j + 1;
        let c = match b[i] {
            b'n' => '\n',
            b't' => '\t',
            b'r' => '\r',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'u' => {
                let hi = hex4(&b[i + 1..i + 5]);
                i += 4;
                match hi {
                    0xD800..=0xDBFF => {
                        // A high surrogate must be followed by an escaped low one.
                        let lo = (b.get(i + 1..i + 3) == Some(&b"\\u"[..]))
                            .then(|| hex4(&b[i + 3..i + 7]))
                            .filter(|lo| (0xDC00..=0xDFFF).contains(lo))?;
                        i += 6;
                        char::from_u32(0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00))?
                    }
                    _ => char::from_u32(hi)?,
                }
            }
            // `"`, `\\` and `/` stand for themselves.
            other => char::from(other),
        };
        out.push(c);
        i += 1;
    }
    out.push_str(&s[i..]);
    Some(())
}

/// The value of four hex digits (checked by the parser already).
fn hex4(h: &[u8]) -> u32 {
    h.iter().fold(0, |v, &d| {
        let digit = match d {
            b'0'..=b'9' => d - b'0',
            b'a'..=b'f' => d - b'a' + 10,
            _ => d - b'A' + 10,
        };
        (v << 4) + u32::from(digit)
    })
}

/// Copies a string value into the reused text buffer; other types give their kind. The
/// strict way, with serde_json's own strings, for the lines [`JsonSpec::extract`] reads
/// again: texts that are not plain strings, and lines the fast way failed on.
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

/// Reads an id: strings as they are, numbers written out. Anything else is no id: the
/// visitor's type error, which `assign` drops.
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
    fn ids_are_strings_or_numbers_and_nothing_else() {
        let s = spec("text", "id", &[]);
        let mut text = String::new();
        for (id, want) in [
            (r#""a-1""#, Some("a-1")),
            ("7", Some("7")),
            ("-7", Some("-7")),
            ("1.5", Some("1.5")),
            ("true", None),
            ("null", None),
            ("[1]", None),
            (r#"{"n": 1}"#, None),
        ] {
            let line = format!(r#"{{"id": {id}, "text": "x"}}"#);
            let e = s.extract(&line, &mut text).unwrap();
            assert_eq!(e.id.as_deref(), want, "{line}");
        }
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
            ("-12", "not a JSON object (found a number)"),
            ("1.5", "not a JSON object (found a number)"),
            ("true", "not a JSON object (found a boolean)"),
            ("null", "not a JSON object (found null)"),
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
        // Inside an object that is descended into, an error is serde_json's own too.
        let nested = spec("body.text", "id", &["body.n"]);
        let rows = [
            (
                "{\"body\": {\"text\": \"a\",}}",
                "malformed JSON: trailing comma (column 23)",
            ),
            (
                "{\"body\": {\"text\": \"a\" \"n\": 1}}",
                "malformed JSON: expected `,` or `}` (column 23)",
            ),
        ];
        for (line, want) in rows {
            assert_eq!(nested.extract(line, &mut text).unwrap_err(), want, "{line}");
        }
    }

    /// Every escape JSON has, with the decoding serde_json gives, and strings with
    /// unpaired surrogates, which must fail exactly as serde_json's own strings do.
    #[test]
    fn unescapes_like_serde_json() {
        let rows = [
            r#""plain ascii""#,
            r#""q \" b \\ s \/ \b \f \n \r \t""#,
            r#""\u00e9t\u00C9 \u2019 \u0000 \uFFFF""#,
            r#""pair \ud83d\ude00 end""#,
            r#""déjà “vu” — ÉTATS""#,
            r#""\\u00e9 is not an escape""#,
            r#""""#,
        ];
        for raw in rows {
            let want: String = serde_json::from_str(raw).unwrap();
            let (mut got, mut out) = (String::from("stale"), Extracted::default());
            assert_eq!(text_from_raw(raw, &mut got, &mut out), Ok(()), "{raw}");
            assert_eq!(got, want, "{raw}");
            assert!(!out.read_again, "{raw}");
        }
        // The text as a field of its own, used twice (also kept, so read from one raw
        // value), and nested in an object.
        let specs = [
            (spec("text", "id", &[]), false),
            (spec("text", "text", &["text"]), false),
            (spec("body.text", "id", &[]), true),
            (spec("body.text", "id", &["body"]), true),
        ];
        let mut text = String::new();
        for raw in [
            r#""\ud800""#,
            r#""\ud800 x""#,
            r#""\udc00""#,
            r#""\ud800\u0041""#,
            r#""\ud800\n""#,
        ] {
            for (s, nested) in &specs {
                let line = if *nested {
                    format!(r#"{{"body": {{"text": {raw}}}}}"#)
                } else {
                    format!(r#"{{"text": {raw}}}"#)
                };
                let serde = serde_json::from_str::<serde_json::Value>(&line).unwrap_err();
                let got = s.extract(&line, &mut text).unwrap_err();
                assert_eq!(got, json_message(&serde, 0), "{line}");
            }
        }
    }

    /// Whatever the line, the fast reading gives what serde_json's own strings give (the
    /// strict reading is the code before the fast one): values that are not strings,
    /// numbers out of range, surrogates in keys, errors after a lone surrogate, the text
    /// field used twice.
    #[test]
    fn reads_every_line_as_serde_json_strings_do() {
        let lines = [
            r#"{"text": 1e400}"#,
            r#"{"text": -0.5, "id": 1e999}"#,
            r#"{"text": {"\udc00": 1}}"#,
            r#"{"text": ["\ud800"]}"#,
            r#"{"text":"\ud800\q"}"#,
            "{\"text\":\"\\ud800\t\"}",
            r#"{"text":"\ud800","id":}"#,
            r#"{"text":"\ud800"}x"#,
            r#"{"text":"ok \u00e9", "id": "a"}"#,
            r#"{"text": true}"#,
            r#"{"text": null, "text": "last"}"#,
            r#"{"text": "first", "text": 5}"#,
        ];
        for spec in [spec("text", "id", &[]), spec("text", "text", &["text"])] {
            for line in lines {
                let (mut fast, mut strict) = (String::new(), String::new());
                let got = spec.extract(line, &mut fast);
                let want = spec.extract_with(line, &mut strict, true);
                assert_eq!(format!("{got:?}"), format!("{want:?}"), "{line}");
                assert_eq!(fast, strict, "{line}");
            }
        }
    }

    proptest::proptest! {
        /// Any string, written by serde_json or with every character escaped, reads back.
        #[test]
        fn unescape_round_trips(text in "\\PC{0,40}") {
            let s = spec("text", "id", &[]);
            let mut got = String::new();
            let line = serde_json::json!({"text": text}).to_string();
            s.extract(&line, &mut got).unwrap();
            proptest::prop_assert_eq!(&got, &text);
            let escaped: String = text
                .encode_utf16()
                .map(|u| format!("\\u{u:04x}"))
                .collect();
            s.extract(&format!(r#"{{"text": "{escaped}"}}"#), &mut got).unwrap();
            proptest::prop_assert_eq!(&got, &text);
        }
    }
}
