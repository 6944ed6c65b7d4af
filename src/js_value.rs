//! A scenario handed over by JavaScript, read exactly as strictly as a
//! scenario file: the value is walked into a
//! [`model::scenario::tree::Value`] (every key seen, nesting bounded) and
//! decoded from that, so a misspelt field is refused by name wherever a
//! scenario comes from: the JS API's argument, and in the workings module
//! a scenario file (through `JSON.parse`) and the calculator's own
//! scenario. serde-wasm-bindgen's own deserializer looks up only the fields
//! a struct knows and would let a misspelt one pass unseen.

use crate::model::{self, scenario::tree::Value, Error, Scenario};
use wasm_bindgen::{JsCast, JsValue};

/// Reads a scenario from a JavaScript value (an object in the scenario
/// format, or `JSON.parse` of a file); the error names the field.
pub fn scenario(value: &JsValue) -> Result<Scenario, Error> {
    let tree = to_tree(value, 0).ok_or_else(|| too_deep("scenario"))?;
    model::decode(tree)
}

/// The error for a value nested deeper than the tree allows.
fn too_deep(field: &str) -> Error {
    use model::scenario::tree::MAX_DEPTH;
    let mut detail = String::from("it is nested more than ");
    detail.push_str(&MAX_DEPTH.to_string());
    detail.push_str(" levels deep (a scenario is at most 5)");
    Error::new(field, model::ErrorKind::Malformed { detail })
}

/// A JavaScript value as a tree; `None` when it is nested deeper than
/// [`model::scenario::tree::MAX_DEPTH`].
pub fn to_tree(v: &JsValue, depth: usize) -> Option<Value> {
    use model::scenario::tree::MAX_DEPTH;
    if v.is_null() || v.is_undefined() {
        return Some(Value::Null);
    }
    if let Some(b) = v.as_bool() {
        return Some(Value::Bool(b));
    }
    if let Some(n) = v.as_f64() {
        return Some(Value::Number(n));
    }
    if let Some(t) = v.as_string() {
        return Some(Value::String(t));
    }
    if depth >= MAX_DEPTH {
        return None;
    }
    if js_sys::Array::is_array(v) {
        let a: &js_sys::Array = v.unchecked_ref();
        return a
            .iter()
            .map(|item| to_tree(&item, depth + 1))
            .collect::<Option<Vec<_>>>()
            .map(Value::Array);
    }
    let entries = js_sys::Object::entries(v.unchecked_ref());
    entries
        .iter()
        .map(|pair| {
            let pair: js_sys::Array = pair.unchecked_into();
            let key = pair.get(0).as_string().unwrap_or_default();
            Some((key, to_tree(&pair.get(1), depth + 1)?))
        })
        .collect::<Option<Vec<_>>>()
        .map(Value::Object)
}
