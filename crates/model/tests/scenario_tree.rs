//! The browser reads scenario files through `scenario::tree` (built from
//! `JSON.parse`); the CLI through serde_json. Both must accept and refuse
//! the same files, with the same field named.

use outcome_model::scenario::tree::{self, Value};
use outcome_model::{decode, Scenario};

fn to_tree(v: &serde_json::Value) -> Value {
    match v {
        serde_json::Value::Null => Value::Null,
        serde_json::Value::Bool(b) => Value::Bool(*b),
        serde_json::Value::Number(n) => Value::Number(n.as_f64().unwrap()),
        serde_json::Value::String(s) => Value::String(s.clone()),
        serde_json::Value::Array(a) => Value::Array(a.iter().map(to_tree).collect()),
        serde_json::Value::Object(o) => {
            Value::Object(o.iter().map(|(k, v)| (k.clone(), to_tree(v))).collect())
        }
    }
}

fn examples() -> Vec<(String, serde_json::Value)> {
    let mut out = Vec::new();
    let root = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."));
    for dir in ["docs/examples", "examples"] {
        let entries = std::fs::read_dir(root.join(dir)).expect("the examples' folder is readable");
        for e in entries.flatten() {
            let p = e.path();
            if p.extension().is_some_and(|x| x == "json") {
                let text = std::fs::read_to_string(&p).unwrap();
                if let Ok(v) = serde_json::from_str::<serde_json::Value>(&text) {
                    if v.get("version").is_some() {
                        out.push((p.display().to_string(), v));
                    }
                }
            }
        }
    }
    assert!(!out.is_empty(), "no example scenario files found");
    out
}

fn both(v: &serde_json::Value) -> (Result<Scenario, String>, Result<Scenario, String>) {
    let cli = decode(v.clone()).map_err(|e| e.field.to_string());
    let browser = decode(to_tree(v)).map_err(|e| e.field.to_string());
    (cli, browser)
}

#[test]
fn every_example_reads_the_same_both_ways() {
    for (name, v) in examples() {
        let (cli, browser) = both(&v);
        assert!(cli.is_ok(), "{name}: {cli:?}");
        assert_eq!(cli, browser, "{name}");
    }
}

#[test]
fn misspelt_and_wrongly_typed_fields_are_refused_the_same_both_ways() {
    let (name, base) = examples().remove(0);
    let mut cases: Vec<(serde_json::Value, &str)> = Vec::new();
    let mut v = base.clone();
    let a = v["assumptions"].as_object_mut().unwrap();
    let years = a.remove("funding_years").unwrap_or(serde_json::json!(10));
    a.insert("fundng_years".into(), years);
    cases.push((v, "assumptions.fundng_years"));
    let mut v = base.clone();
    v.as_object_mut()
        .unwrap()
        .insert("colour".into(), "red".into());
    cases.push((v, "colour"));
    let mut v = base.clone();
    v["council"]["care_starts"] = "many".into();
    cases.push((v, "council.care_starts"));
    let mut v = base.clone();
    v["assumptions"]["horizon_years"] = serde_json::json!(2.5);
    cases.push((v, "assumptions.horizon_years"));
    for (v, field) in cases {
        let (cli, browser) = both(&v);
        assert_eq!(
            cli.as_ref().err().map(String::as_str),
            Some(field),
            "{name}: CLI"
        );
        assert_eq!(cli, browser, "{name}: {field}");
    }
}

#[test]
fn deep_nesting_is_caught_before_parsing() {
    assert!(tree::nesting(&"[".repeat(100_000), tree::MAX_DEPTH) > tree::MAX_DEPTH);
    let deep_object = "{\"a\":".repeat(50_000);
    assert!(tree::nesting(&deep_object, tree::MAX_DEPTH) > tree::MAX_DEPTH);
    for (_, v) in examples() {
        let text = serde_json::to_string(&v).unwrap();
        assert!(tree::nesting(&text, tree::MAX_DEPTH) <= 6, "{text}");
    }
}
