//! Reading the few fields a run needs from a JSONL record without building a map of it: the
//! text (borrowed from the line when it has no escapes), the id, group and date fields, and
//! whether the output key is already there. Every other value is still parsed, so a record is
//! accepted or rejected, with the same message, exactly as when parsed into a `Value`.

use std::borrow::Cow;
use std::fmt;

use serde::Deserializer as _;
use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::Value;

/// The names of the fields a run reads.
pub struct Names<'f> {
    pub text: &'f str,
    pub id: Option<&'f str>,
    pub group: Option<&'f str>,
    pub time: Option<&'f str>,
    /// The output key (JSONL output only).
    pub key: Option<&'f str>,
}

/// What [`pick`] found in one record.
#[derive(Default)]
pub struct Picked<'a> {
    /// The record is a JSON object (else it was parsed and skipped).
    pub object: bool,
    /// The object has no field.
    pub empty: bool,
    /// The object has the output key.
    pub has_key: bool,
    /// The text field: `Err` when it is not a string; `None` when absent.
    pub text: Option<Result<Cow<'a, str>, ()>>,
    /// The id, group and date fields as text (`None` when absent or null).
    pub id: Option<String>,
    pub group: Option<String>,
    pub time: Option<String>,
}

/// Parses one JSONL line, keeping what `names` asks for.
pub fn pick<'a>(line: &'a str, names: &Names) -> serde_json::Result<Picked<'a>> {
    let mut de = serde_json::Deserializer::from_str(line);
    let picked = (&mut de).deserialize_any(Record { names })?;
    de.end()?;
    Ok(picked)
}

/// A field's text as a summary or error record shows it: strings as they are, null as absent,
/// anything else as compact JSON.
pub fn value_text(v: &Value) -> Option<String> {
    match v {
        Value::Null => None,
        Value::String(s) => Some(s.clone()),
        other => Some(other.to_string()),
    }
}

const TEXT: u8 = 1;
const ID: u8 = 2;
const GROUP: u8 = 4;
const TIME: u8 = 8;
const KEY: u8 = 16;

struct Record<'n, 'f> {
    names: &'n Names<'f>,
}

impl<'de> Visitor<'de> for Record<'_, '_> {
    type Value = Picked<'de>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Picked<'de>, A::Error> {
        let mut p = Picked {
            object: true,
            empty: true,
            ..Picked::default()
        };
        while let Some(roles) = map.next_key_seed(Roles { names: self.names })? {
            p.empty = false;
            if roles & KEY != 0 {
                p.has_key = true;
            }
            if roles & (ID | GROUP | TIME) != 0 {
                // Rare enough (a handful of short fields) to take the general path.
                let v: Value = map.next_value()?;
                if roles & TEXT != 0 {
                    p.text = Some(match &v {
                        Value::String(s) => Ok(Cow::Owned(s.clone())),
                        _ => Err(()),
                    });
                }
                let text = value_text(&v);
                for (role, slot) in [(ID, &mut p.id), (GROUP, &mut p.group), (TIME, &mut p.time)] {
                    if roles & role != 0 {
                        slot.clone_from(&text);
                    }
                }
            } else if roles & TEXT != 0 {
                p.text = Some(map.next_value_seed(Text)?);
            } else {
                map.next_value::<Checked>()?;
            }
        }
        Ok(p)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Picked<'de>, A::Error> {
        while seq.next_element::<Checked>()?.is_some() {}
        Ok(Picked::default())
    }

    fn visit_bool<E>(self, _: bool) -> Result<Picked<'de>, E> {
        Ok(Picked::default())
    }
    fn visit_i64<E>(self, _: i64) -> Result<Picked<'de>, E> {
        Ok(Picked::default())
    }
    fn visit_u64<E>(self, _: u64) -> Result<Picked<'de>, E> {
        Ok(Picked::default())
    }
    fn visit_f64<E>(self, _: f64) -> Result<Picked<'de>, E> {
        Ok(Picked::default())
    }
    fn visit_str<E>(self, _: &str) -> Result<Picked<'de>, E> {
        Ok(Picked::default())
    }
    fn visit_unit<E>(self) -> Result<Picked<'de>, E> {
        Ok(Picked::default())
    }
}

/// A key, as the roles it plays in this run (a bit set; 0 for any other key).
struct Roles<'n, 'f> {
    names: &'n Names<'f>,
}

impl<'de> DeserializeSeed<'de> for Roles<'_, '_> {
    type Value = u8;

    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<u8, D::Error> {
        d.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for Roles<'_, '_> {
    type Value = u8;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a key")
    }

    fn visit_str<E>(self, k: &str) -> Result<u8, E> {
        let n = self.names;
        let is = |name: Option<&str>, role: u8| if name == Some(k) { role } else { 0 };
        Ok(is(Some(n.text), TEXT)
            | is(n.id, ID)
            | is(n.group, GROUP)
            | is(n.time, TIME)
            | is(n.key, KEY))
    }
}

/// The text field: borrowed when the line holds it without escapes.
struct Text;

impl<'de> DeserializeSeed<'de> for Text {
    type Value = Result<Cow<'de, str>, ()>;

    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Text {
    type Value = Result<Cow<'de, str>, ()>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_borrowed_str<E>(self, s: &'de str) -> Result<Self::Value, E> {
        Ok(Ok(Cow::Borrowed(s)))
    }
    fn visit_str<E>(self, s: &str) -> Result<Self::Value, E> {
        Ok(Ok(Cow::Owned(s.to_owned())))
    }
    fn visit_string<E>(self, s: String) -> Result<Self::Value, E> {
        Ok(Ok(Cow::Owned(s)))
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        Checked.visit_map(map).map(|_| Err(()))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
        Checked.visit_seq(seq).map(|_| Err(()))
    }
    fn visit_bool<E>(self, _: bool) -> Result<Self::Value, E> {
        Ok(Err(()))
    }
    fn visit_i64<E>(self, _: i64) -> Result<Self::Value, E> {
        Ok(Err(()))
    }
    fn visit_u64<E>(self, _: u64) -> Result<Self::Value, E> {
        Ok(Err(()))
    }
    fn visit_f64<E>(self, _: f64) -> Result<Self::Value, E> {
        Ok(Err(()))
    }
    fn visit_unit<E>(self) -> Result<Self::Value, E> {
        Ok(Err(()))
    }
}

/// Any JSON value, parsed (numbers in range, escapes valid, depth limited, as for a `Value`)
/// and dropped. Unlike `IgnoredAny`, which serde_json skips without checking numbers.
struct Checked;

impl<'de> de::Deserialize<'de> for Checked {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(Checked)
    }
}

impl<'de> Visitor<'de> for Checked {
    type Value = Checked;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Checked, A::Error> {
        while map.next_entry::<IgnoredAny, Checked>()?.is_some() {}
        Ok(Checked)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Checked, A::Error> {
        while seq.next_element::<Checked>()?.is_some() {}
        Ok(Checked)
    }
    fn visit_bool<E>(self, _: bool) -> Result<Checked, E> {
        Ok(Checked)
    }
    fn visit_i64<E>(self, _: i64) -> Result<Checked, E> {
        Ok(Checked)
    }
    fn visit_u64<E>(self, _: u64) -> Result<Checked, E> {
        Ok(Checked)
    }
    fn visit_f64<E>(self, _: f64) -> Result<Checked, E> {
        Ok(Checked)
    }
    fn visit_str<E>(self, _: &str) -> Result<Checked, E> {
        Ok(Checked)
    }
    fn visit_unit<E>(self) -> Result<Checked, E> {
        Ok(Checked)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NAMES: Names = Names {
        text: "text",
        id: Some("id"),
        group: Some("product"),
        time: None,
        key: Some("empathic"),
    };

    /// Whether a line parses, and with which message, as it would into a `Value`.
    fn same_verdict(line: &str) {
        let fast = pick(line, &NAMES).map(|_| ()).map_err(|e| e.to_string());
        let full = serde_json::from_str::<Value>(line)
            .map(|_| ())
            .map_err(|e| e.to_string());
        assert_eq!(fast, full, "{line}");
    }

    #[test]
    fn accepts_and_rejects_what_a_value_parse_does() {
        for line in [
            r#"{"text":"a","n":1e400}"#,
            r#"{"text":"a","n":[1e400]}"#,
            r#"{"text":"a","s":"\ud800"}"#,
            r#"{"text":"a","s":"\q"}"#,
            r#"{"text":"a"} x"#,
            r#"{"text":"a","#,
            r#"{"text":"a","x":{"y":[1,{"z":null}]},"b":true,"c":-0.5}"#,
            "[1,2",
            r#"{"text":1e400}"#,
            r#"{"id":1e400,"text":"a"}"#,
        ] {
            same_verdict(line);
        }
        let deep = format!(
            r#"{{"text":"a","x":{}{}}}"#,
            "[".repeat(200),
            "]".repeat(200)
        );
        same_verdict(&deep);
    }

    #[test]
    fn picks_the_fields_of_a_run() {
        let line = r#"{"id":7,"text":"caf\u00e9","product":"K2","empathic":{"compound":0}}"#;
        let p = pick(line, &NAMES).unwrap();
        assert!(p.object && !p.empty && p.has_key);
        assert_eq!(p.text, Some(Ok(Cow::Owned("café".to_owned()))));
        assert_eq!(p.id.as_deref(), Some("7"));
        assert_eq!(p.group.as_deref(), Some("K2"));

        let p = pick(r#"{"text":"plain","text":"last wins"}"#, &NAMES).unwrap();
        assert!(matches!(p.text, Some(Ok(Cow::Borrowed("last wins")))));
        assert!(!p.has_key && p.id.is_none());

        let p = pick(r#"{"text":["x"],"id":null}"#, &NAMES).unwrap();
        assert_eq!(p.text, Some(Err(())));
        assert!(p.id.is_none());

        assert!(!pick("[1]", &NAMES).unwrap().object);
        let p = pick("{ }", &NAMES).unwrap();
        assert!(p.object && p.empty && p.text.is_none());
    }
}
