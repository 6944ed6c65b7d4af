//! The JavaScript API (`src/binding.rs`, feature `api`) in headless Chromium:
//! every export converts faithfully and fails with a real `Error` naming the
//! field.
//!
//! ```text
//! CHROMEDRIVER=/usr/bin/chromedriver WASM_BINDGEN_TEST_WEBDRIVER_JSON=$PWD/webdriver.json \
//!   cargo test --target wasm32-unknown-unknown --features api --test wasm_binding
//! ```
#![cfg(all(target_arch = "wasm32", feature = "api"))]

use outcome_calculator::binding;
use outcome_calculator::model::{self, data::presets, Scenario};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn get(v: &JsValue, path: &str) -> JsValue {
    path.split('.').fold(v.clone(), |v, key| {
        js_sys::Reflect::get(&v, &JsValue::from_str(key))
            .unwrap_or_else(|_| panic!("no property {key} in {path}"))
    })
}

fn number(v: &JsValue, path: &str) -> f64 {
    get(v, path)
        .as_f64()
        .unwrap_or_else(|| panic!("{path} is not a number"))
}

fn scenario() -> Scenario {
    model::default_scenario()
}

fn js(s: &Scenario) -> JsValue {
    binding::to_js(s)
}

/// Sets `path` (dotted) on a JS object to `value`.
fn set(v: &JsValue, path: &str, value: JsValue) {
    let (parent, key) = match path.rsplit_once('.') {
        Some((parent, key)) => (get(v, parent), key),
        None => (v.clone(), path),
    };
    js_sys::Reflect::set(&parent, &JsValue::from_str(key), &value).unwrap();
}

/// The thrown value is a JS `Error` whose `field` names the input, whose
/// `kind` is the model's code for the problem (what a program reads,
/// never the words) and whose `detail` is the words without the field.
fn assert_error_names(err: JsValue, field: &str, kind: &str) {
    let e: js_sys::Error = err.dyn_into().expect("a JS Error");
    let message = String::from(e.message());
    assert_eq!(
        get(&e, "field").as_string().as_deref(),
        Some(field),
        "{message}"
    );
    assert_eq!(
        get(&e, "kind").as_string().as_deref(),
        Some(kind),
        "{message}"
    );
    assert_eq!(
        get(&e, "data.kind").as_string().as_deref(),
        Some(kind),
        "{message}"
    );
    let detail = get(&e, "detail").as_string().unwrap_or_default();
    assert_eq!(message, format!("{field}: {detail}"));
    assert!(
        detail.starts_with(|c: char| !c.is_uppercase()),
        "lower case: {detail}"
    );
}

#[wasm_bindgen_test]
fn project_matches_the_model_to_the_penny() {
    let native = model::project(&scenario()).unwrap();
    let out = binding::project(js(&scenario())).unwrap();
    for (path, want) in [
        ("summary.npv", native.summary.npv),
        ("summary.budget_npv", native.summary.budget_npv),
        ("summary.total_cost", native.summary.total_cost),
        ("summary.total_savings", native.summary.total_savings),
        ("summary.pv_cashable", native.summary.pv_cashable),
    ] {
        assert_eq!(number(&out, path), want, "{path}");
    }
    let years = get(&out, "years");
    assert_eq!(
        js_sys::Array::from(&years).length() as usize,
        native.years.len()
    );
}

#[wasm_bindgen_test]
fn bad_fields_throw_errors_naming_them() {
    // (path to spoil, value, field the error must name, its kind)
    let cases: [(&str, JsValue, &str, &str); 8] = [
        // A misspelt field is refused by name, as the CLI and the widget's
        // files refuse it, not passed over.
        (
            "assumptions.fundng_years",
            JsValue::from_f64(10.0),
            "assumptions.fundng_years",
            "malformed",
        ),
        (
            "programmes_",
            JsValue::from_f64(1.0),
            "programmes_",
            "malformed",
        ),
        (
            "assumptions.horizon_years",
            JsValue::from_f64(21.0),
            "assumptions.horizon_years",
            "out_of_range",
        ),
        (
            "assumptions.discount_rate_pct",
            JsValue::from_f64(-5.0),
            "assumptions.discount_rate_pct",
            "out_of_range",
        ),
        (
            "council.care_starts",
            JsValue::from_str("many"),
            "council.care_starts",
            "malformed",
        ),
        (
            "version",
            JsValue::from_f64(99.0),
            "version",
            "unsupported_version",
        ),
        (
            "programmes",
            js_sys::Array::new().into(),
            "programmes",
            "wrong_length",
        ),
        (
            "label",
            JsValue::from_str(&"x".repeat(201)),
            "label",
            "too_long",
        ),
    ];
    for (path, value, field, kind) in cases {
        let s = js(&scenario());
        set(&s, path, value);
        assert_error_names(binding::project(s).unwrap_err(), field, kind);
    }
}

#[wasm_bindgen_test]
fn validate_lists_every_problem_and_nothing_for_a_good_scenario() {
    let good = binding::validate(js(&scenario()));
    assert_eq!(js_sys::Array::from(&good).length(), 0);

    let s = js(&scenario());
    set(&s, "assumptions.horizon_years", JsValue::from_f64(0.0));
    set(
        &s,
        "assumptions.discount_rate_pct",
        JsValue::from_f64(200.0),
    );
    let list = js_sys::Array::from(&binding::validate(s));
    let fields: Vec<String> = list
        .iter()
        .map(|p| get(&p, "field").as_string().unwrap())
        .collect();
    let kinds: Vec<String> = list
        .iter()
        .map(|p| get(&p, "kind").as_string().unwrap())
        .collect();
    assert_eq!(kinds, ["out_of_range", "out_of_range"]);
    // The kind's figures come as data: the bounds of each field, as the
    // model gives them.
    let mut native = scenario();
    native.assumptions.horizon_years = 0;
    native.assumptions.discount_rate_pct = 200.0;
    let errors = model::validate(&native).unwrap_err();
    assert_eq!(errors.len(), list.length() as usize);
    for (p, e) in list.iter().zip(&errors) {
        let model::ErrorKind::OutOfRange { min, max } = e.kind else {
            panic!("{e}");
        };
        assert_eq!(get(&p, "field").as_string().unwrap(), e.field.path());
        assert_eq!(number(&p, "data.min"), min);
        assert_eq!(number(&p, "data.max"), max);
    }
    assert!(
        fields.contains(&"assumptions.horizon_years".to_string()),
        "{fields:?}"
    );
    assert!(
        fields.contains(&"assumptions.discount_rate_pct".to_string()),
        "{fields:?}"
    );
    for p in list.iter() {
        assert!(!get(&p, "message").as_string().unwrap().is_empty());
    }
}

#[wasm_bindgen_test]
fn library_and_evidence_set_come_through_with_citations() {
    let lib = js_sys::Array::from(&binding::library());
    assert_eq!(
        lib.length() as usize,
        model::data::evidence::library().len()
    );
    for p in lib.iter() {
        assert!(get(&p, "id").as_string().is_some());
    }
    assert_eq!(binding::evidence_set(), model::data::evidence::EVIDENCE_SET);
}

#[wasm_bindgen_test]
fn simulation_is_seeded_and_matches_the_model() {
    let mut s = scenario();
    s.uncertainty.draws = 2_000;
    let native = model::calc::uncertainty::simulate(&s).unwrap();
    let a = binding::simulate(js(&s)).unwrap();
    let b = binding::simulate(js(&s)).unwrap();
    assert_eq!(number(&a, "npv.p50"), native.npv.p50);
    assert_eq!(number(&a, "npv.p10"), number(&b, "npv.p10"));
    assert_eq!(get(&a, "sentence").as_string().unwrap(), native.sentence);
    let bars = js_sys::Array::from(&binding::tornado(js(&s)).unwrap());
    assert!(bars.length() > 0);
}

#[wasm_bindgen_test]
fn share_link_round_trips_and_damage_is_named() {
    let q = binding::to_query(js(&scenario())).unwrap();
    assert_eq!(q, model::scenario::link::to_query(&scenario()));
    let back = binding::from_query(&q).unwrap();
    let again = binding::to_query(back).unwrap();
    assert_eq!(again, q);
    assert_error_names(
        binding::from_query("horizon_years=forty").unwrap_err(),
        "horizon_years",
        "not_a_number",
    );
}

#[wasm_bindgen_test]
fn rollout_and_report_csv_match_the_model() {
    let native = model::views::rollout::rollout(&scenario(), presets::LATEST_YEAR, None);
    let out = binding::rollout(js(&scenario()), 0, None).unwrap();
    assert_eq!(
        number(&out, "total.councils"),
        f64::from(native.total.councils)
    );
    assert_eq!(number(&out, "total.cost"), native.total.cost);
    let csv = binding::report_csv(js(&scenario()), "2026-11-23").unwrap();
    let p = model::project(&scenario()).unwrap();
    assert_eq!(
        csv,
        model::views::export::report_csv(&scenario(), &p, "2026-11-23")
    );
    let default = binding::default_scenario();
    assert_eq!(
        binding::to_query(default).unwrap(),
        model::scenario::link::to_query(&scenario())
    );
}

#[wasm_bindgen_test]
fn explain_gives_the_working_of_a_figure_and_names_an_unknown_path() {
    let s = scenario();
    let d = binding::explain(js(&s), "summary.budget_npv").expect("explains");
    let want = model::explain::explain(&s, "summary.budget_npv").expect("explains");
    assert_eq!(number(&d, "value"), want.value);
    assert_eq!(
        get(&d, "path").as_string().as_deref(),
        Some("summary.budget_npv")
    );
    assert_eq!(
        get(&d, "step.kind").as_string().as_deref(),
        Some("operation")
    );
    assert_eq!(get(&d, "sentence").as_string(), Some(want.sentence));
    let paths = binding::explainable_outputs(js(&s)).expect("lists");
    assert!(js_sys::Array::from(&paths).includes(&"years[2].savings.police".into(), 0));
    assert_error_names(
        binding::explain(js(&s), "years[99].cost").unwrap_err(),
        "years[99].cost",
        "unknown_output",
    );
    let bad = js(&s);
    set(
        &bad,
        "assumptions.discount_rate_pct",
        JsValue::from_str("lots"),
    );
    let err = binding::explain(bad, "summary.npv").unwrap_err();
    let e: js_sys::Error = err.dyn_into().expect("a JS Error");
    assert!(get(&e, "field")
        .as_string()
        .is_some_and(|f| f.starts_with("assumptions")));
}
