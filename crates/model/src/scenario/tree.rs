//! A scenario file as a plain tree of values, read exactly as strictly as
//! the CLI reads JSON text: every key of every object is seen, so a
//! misspelt field (`"fundng_years"`) is refused by name, as
//! `deny_unknown_fields` asks. The browser builds the tree from
//! `JSON.parse` (no JSON code in the page); serde-wasm-bindgen's own
//! deserializer looks up only the fields a struct knows, so it never saw
//! the unknown ones.
//!
//! Nesting is bounded: a tree deeper than [`MAX_DEPTH`] is refused before
//! it is read ([`nesting`] checks the text itself, before any parser).

use serde::de::value::{Error as DeError, MapDeserializer, SeqDeserializer};
use serde::de::{self, IntoDeserializer, Visitor};
use serde::forward_to_deserialize_any;

/// Deepest nesting of arrays and objects read. A scenario file is five
/// levels deep (scenario, programmes, a programme, its own programme's
/// effects, an effect); the rest is room.
pub const MAX_DEPTH: usize = 32;

/// A JSON value.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number.
    Number(f64),
    /// A string.
    String(String),
    /// An array.
    Array(Vec<Value>),
    /// An object, its keys in order.
    Object(Vec<(String, Value)>),
}

/// The deepest nesting of arrays and objects in JSON text (brackets inside
/// strings not counted), stopping as soon as it passes `limit`.
///
/// ```
/// use outcome_model::scenario::tree::nesting;
/// assert_eq!(nesting(r#"{"a": [1, {"b": "[[["}]}"#, 32), 3);
/// assert!(nesting(&"[".repeat(100_000), 32) > 32);
/// ```
pub fn nesting(text: &str, limit: usize) -> usize {
    let (mut depth, mut deepest) = (0usize, 0usize);
    let (mut in_string, mut escaped) = (false, false);
    for b in text.bytes() {
        if in_string {
            match b {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'[' | b'{' => {
                depth += 1;
                deepest = deepest.max(depth);
                if deepest > limit {
                    return deepest;
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    deepest
}

impl<'de> IntoDeserializer<'de, DeError> for Value {
    type Deserializer = Value;
    fn into_deserializer(self) -> Value {
        self
    }
}

/// Largest whole number a JSON number holds exactly (2^53).
const EXACT: f64 = 9_007_199_254_740_992.0;

impl<'de> de::Deserializer<'de> for Value {
    type Error = DeError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match self {
            Value::Null => visitor.visit_unit(),
            Value::Bool(b) => visitor.visit_bool(b),
            // Whole numbers as integers, as a JSON parser gives them, so
            // whole-number fields read them; the rest as floats.
            Value::Number(n) if n.fract() == 0.0 && (0.0..=EXACT).contains(&n) => {
                visitor.visit_u64(n as u64)
            }
            Value::Number(n) if n.fract() == 0.0 && (-EXACT..0.0).contains(&n) => {
                visitor.visit_i64(n as i64)
            }
            Value::Number(n) => visitor.visit_f64(n),
            Value::String(s) => visitor.visit_string(s),
            Value::Array(items) => {
                let mut seq = SeqDeserializer::new(items.into_iter());
                let v = visitor.visit_seq(&mut seq)?;
                seq.end()?;
                Ok(v)
            }
            Value::Object(entries) => {
                let mut map = MapDeserializer::new(entries.into_iter());
                let v = visitor.visit_map(&mut map)?;
                map.end()?;
                Ok(v)
            }
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match self {
            Value::Null => visitor.visit_none(),
            v => visitor.visit_some(v),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        match self {
            Value::String(s) => visitor.visit_enum(s.into_deserializer()),
            Value::Object(entries) if entries.len() == 1 => visitor.visit_enum(
                de::value::MapAccessDeserializer::new(MapDeserializer::new(entries.into_iter())),
            ),
            other => other.deserialize_any(visitor),
        }
    }

    forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf unit unit_struct seq tuple tuple_struct map struct
        identifier ignored_any
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn obj(entries: &[(&str, Value)]) -> Value {
        Value::Object(
            entries
                .iter()
                .map(|(k, v)| (k.to_string(), v.clone()))
                .collect(),
        )
    }

    #[test]
    fn nesting_ignores_brackets_in_strings() {
        assert_eq!(nesting(r#"["\"[[[", "\\", {}]"#, 32), 2);
        assert_eq!(nesting("1", 32), 0);
    }

    #[test]
    fn a_misspelt_field_is_refused_by_name() {
        let tree = obj(&[
            ("version", Value::Number(2.0)),
            ("assumptions", obj(&[("fundng_years", Value::Number(10.0))])),
        ]);
        let e = crate::decode(tree).unwrap_err();
        assert_eq!(
            e.field,
            crate::base::error::Location::from("assumptions.fundng_years")
        );
        assert!(
            e.message().contains("unknown field `fundng_years`"),
            "{}",
            e.message()
        );
    }
}
