//! Scenario files, read on demand: the strict reader (every key of the file
//! seen, through [`model::scenario::tree`], the same as the CLI) lives in
//! this module, fetched when a reader first opens a file or a working,
//! because its generic decoding code (`serde` over the whole scenario
//! format, with the path of the field at fault) is about a tenth of the
//! calculator's bytes. The calculator gets the scenario back as
//! [`link::to_parts`], which it reads with the link codec it already has.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::model::scenario::{link, tree};
use crate::model::{self, Error, Scenario};

/// Longest import message, in characters.
const MAX_MESSAGE: usize = 600;

/// Reads a scenario file's text. Returns `{ parts }`, the scenario as
/// [`link::to_parts`], or `{ message }`, the sentence saying why the file
/// could not be used.
#[wasm_bindgen]
pub fn read_scenario_file(text: &str) -> JsValue {
    parts_or_message(read_scenario(text).map_err(|errors| import_message(&errors)))
}

/// A scenario made in this module, for the calculator: `{ parts }`, the
/// scenario as [`link::to_parts`] (which give back exactly this scenario:
/// `every_scenario_round_trips_through_its_parts` in
/// `crates/model/tests/link_roundtrip.rs`), or `{ message }`, the sentence
/// saying why there is none.
pub fn parts_or_message(made: Result<Scenario, String>) -> JsValue {
    let out = js_sys::Object::new();
    let (key, value): (&str, JsValue) = match made {
        Ok(s) => {
            let parts: js_sys::Array = link::to_parts(&s)
                .iter()
                .map(|p| JsValue::from_str(p))
                .collect();
            ("parts", parts.into())
        }
        Err(why) => ("message", why.into()),
    };
    let _ = js_sys::Reflect::set(&out, &key.into(), &value);
    out.into()
}

/// Reads a scenario file with the browser's `JSON.parse`, exactly as
/// strictly as the CLI (through [`model::scenario::tree`]: a misspelt
/// field is refused by name); the error names the field. Nesting deeper
/// than [`tree::MAX_DEPTH`] is refused before the text is parsed.
pub fn read_scenario(text: &str) -> Result<Scenario, Vec<Error>> {
    let malformed = |detail: String| {
        vec![Error::new(
            "scenario",
            model::ErrorKind::Malformed { detail },
        )]
    };
    if tree::nesting(text, tree::MAX_DEPTH) > tree::MAX_DEPTH {
        return Err(malformed(format!(
            "it is nested more than {} levels deep (a scenario file is at most 5)",
            tree::MAX_DEPTH
        )));
    }
    let value = js_sys::JSON::parse(text).map_err(|e| {
        malformed(
            e.dyn_ref::<js_sys::Error>()
                .map(|e| String::from(e.message()))
                .unwrap_or_else(|| "it is not JSON".into()),
        )
    })?;
    let value = crate::js_value::to_tree(&value, 0).ok_or_else(|| {
        malformed(format!(
            "it is nested more than {} levels deep (a scenario file is at most 5)",
            tree::MAX_DEPTH
        ))
    })?;
    let s = model::decode(value).map_err(|e| vec![e])?;
    model::validate(&s)?;
    Ok(s)
}

/// The message for a file that could not be used.
pub fn import_message(errors: &[Error]) -> String {
    let mut out = String::from("The file could not be used: ");
    for (i, e) in errors.iter().take(3).enumerate() {
        if i > 0 {
            out.push_str("; ");
        }
        out.push_str(&e.to_string());
    }
    if errors.len() > 3 {
        out.push_str("; and more");
    }
    // However long a parser's message, the sentence stays readable.
    if out.chars().count() > MAX_MESSAGE {
        out = out.chars().take(MAX_MESSAGE - 1).collect();
        out.push('\u{2026}');
    }
    out.push('.');
    out
}
