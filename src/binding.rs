//! The JavaScript binding: scenario in, projection out, converted with
//! serde-wasm-bindgen. No arithmetic here; errors become real JS `Error`s
//! with a `field` property naming the input, a `kind` property (the
//! error's code, e.g. `out_of_range`: read that, never the message),
//! `data` (the kind with its figures and names, as the error's JSON form
//! gives them: `{kind: "out_of_range", min: 1, max: 10}`) and `detail`
//! (the words without the field).

use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::model::{self, Error};

/// A JS `Error` whose message names the field, with `field`, `kind` (the
/// error's [`Error::code`]), `data` (the [`model::ErrorKind`] with its
/// figures) and `detail` ([`Error::message`]) set.
pub fn js_error(e: &Error) -> JsValue {
    let err = js_sys::Error::new(&e.to_string());
    let _ = js_sys::Reflect::set(&err, &"field".into(), &e.field.to_string().into());
    let _ = js_sys::Reflect::set(&err, &"kind".into(), &e.code().into());
    let _ = js_sys::Reflect::set(&err, &"data".into(), &to_js(&e.kind));
    let _ = js_sys::Reflect::set(&err, &"detail".into(), &e.message().into());
    err.into()
}

/// Converts a model value to a plain JS value (objects, not Maps; `None` as `null`).
pub fn to_js<T: Serialize + ?Sized>(value: &T) -> JsValue {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .unwrap_or(JsValue::NULL)
}

/// Reads a scenario from a JS value, naming the bad field on failure.
/// Every key is read, so a misspelt field is refused by name
/// ([`crate::js_value`]).
pub fn scenario_from_js(value: JsValue) -> Result<model::Scenario, Error> {
    crate::js_value::scenario(&value)
}

/// Projects a scenario object (the scenario format). Throws an `Error` naming
/// the first bad field.
#[wasm_bindgen]
pub fn project(scenario: JsValue) -> Result<JsValue, JsValue> {
    let s = scenario_from_js(scenario).map_err(|e| js_error(&e))?;
    match model::validate(&s) {
        Ok(v) => Ok(to_js(&outcome_kernel::project_valid(v))),
        Err(errors) => Err(js_error(&errors[0])),
    }
}

/// Every problem with a scenario object, as `[{field, kind, data,
/// message}]` (empty when it is valid; `data` as on a thrown error).
#[wasm_bindgen]
pub fn validate(scenario: JsValue) -> JsValue {
    #[derive(Serialize)]
    struct Problem<'a> {
        field: &'a str,
        kind: &'static str,
        data: &'a model::ErrorKind,
        message: String,
    }
    let errors = match scenario_from_js(scenario) {
        Ok(s) => model::validate(&s).err().unwrap_or_default(),
        Err(e) => vec![e],
    };
    let list: Vec<Problem> = errors
        .iter()
        .map(|e| Problem {
            field: e.field.path(),
            kind: e.code(),
            data: &e.kind,
            message: e.message(),
        })
        .collect();
    to_js(&list)
}

/// The evidence library: programmes with effects, grades and citations.
#[wasm_bindgen]
pub fn library() -> JsValue {
    to_js(&model::data::evidence::library())
}

/// The evidence set version this build holds.
#[wasm_bindgen(js_name = evidenceSet)]
pub fn evidence_set() -> String {
    model::data::evidence::EVIDENCE_SET.to_string()
}

/// The Monte Carlo summary of a scenario object (seeded: the same seed gives
/// the same numbers as the CLI). Throws an `Error` naming the first bad field.
#[wasm_bindgen]
pub fn simulate(scenario: JsValue) -> Result<JsValue, JsValue> {
    let s = scenario_from_js(scenario).map_err(|e| js_error(&e))?;
    match model::validate(&s) {
        Ok(v) => Ok(to_js(&outcome_kernel::simulate_valid(v))),
        Err(errors) => Err(js_error(&errors[0])),
    }
}

/// The sensitivity tornado of a scenario object, largest swing first.
#[wasm_bindgen]
pub fn tornado(scenario: JsValue) -> Result<JsValue, JsValue> {
    let s = scenario_from_js(scenario).map_err(|e| js_error(&e))?;
    match model::validate(&s) {
        Ok(v) => Ok(to_js(&outcome_kernel::tornado_valid(v))),
        Err(errors) => Err(js_error(&errors[0])),
    }
}

/// A scenario object as a share-link query string.
#[wasm_bindgen(js_name = toQuery)]
pub fn to_query(scenario: JsValue) -> Result<String, JsValue> {
    let s = scenario_from_js(scenario).map_err(|e| js_error(&e))?;
    Ok(model::scenario::link::to_query(&s))
}

/// A share-link query string as a scenario object. Throws an `Error` naming
/// the first bad parameter.
#[wasm_bindgen(js_name = fromQuery)]
pub fn from_query(query: &str) -> Result<JsValue, JsValue> {
    match model::scenario::link::from_query(query) {
        Ok(s) => Ok(to_js(&s)),
        Err(errors) => Err(js_error(&errors[0])),
    }
}

/// "If every council did this": the scenario's programmes run with every
/// council's official figures of `year` (0 = latest), optionally for one
/// region. Throws an `Error` naming the first bad field of the scenario
/// itself (its council figures are replaced).
#[wasm_bindgen]
pub fn rollout(scenario: JsValue, year: u16, region: Option<String>) -> Result<JsValue, JsValue> {
    let s = scenario_from_js(scenario).map_err(|e| js_error(&e))?;
    let year = if year == 0 {
        model::data::presets::LATEST_YEAR
    } else {
        year
    };
    Ok(to_js(&model::views::rollout::rollout(
        &s,
        year,
        region.as_deref(),
    )))
}

/// The default scenario (Derbyshire's latest figures, Family Safeguarding).
#[wasm_bindgen(js_name = defaultScenario)]
pub fn default_scenario() -> JsValue {
    to_js(&model::default_scenario())
}

/// The full CSV report of a scenario object (inputs with sources, programmes,
/// summary, years); `date` is today's date as the page knows it.
#[wasm_bindgen(js_name = reportCsv)]
pub fn report_csv(scenario: JsValue, date: &str) -> Result<String, JsValue> {
    let s = scenario_from_js(scenario).map_err(|e| js_error(&e))?;
    match model::project(&s) {
        Ok(p) => Ok(model::views::export::report_csv(&s, &p, date)),
        Err(errors) => Err(js_error(&errors[0])),
    }
}

/// The working of one figure of a scenario object: `path` is the figure's
/// path in the projection (e.g. `summary.budget_npv`,
/// `years[2].savings.police`). Returns the derivation (sentence, formula,
/// steps down to the inputs with their sources, the inputs that move it
/// most). Throws an `Error` naming the first bad field, or the path when
/// there is no such figure.
#[wasm_bindgen]
pub fn explain(scenario: JsValue, path: &str) -> Result<JsValue, JsValue> {
    let s = scenario_from_js(scenario).map_err(|e| js_error(&e))?;
    match model::explain::explain(&s, path) {
        Ok(d) => Ok(to_js(&d)),
        Err(e) => Err(js_error(&e)),
    }
}

/// Every figure of a scenario object that [`explain`] can explain, as
/// paths. Throws an `Error` naming the first bad field.
#[wasm_bindgen(js_name = explainableOutputs)]
pub fn explainable_outputs(scenario: JsValue) -> Result<JsValue, JsValue> {
    let s = scenario_from_js(scenario).map_err(|e| js_error(&e))?;
    match model::project(&s) {
        Ok(p) => Ok(to_js(&model::explain::outputs(&p))),
        Err(errors) => Err(js_error(&errors[0])),
    }
}
