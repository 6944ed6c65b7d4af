//! Downloads and import: the report CSV, the scenario file (JSON, exactly
//! the format the command-line calculator reads), importing a scenario
//! file, and each chart as SVG or PNG. Files are made in the page and
//! downloaded through a Blob and an object URL; nothing is sent anywhere.
//! The report CSV and the charts' files are made by the on-demand module
//! (`crate::workings::export`, the loader's `reportCsv` and
//! `exportChart`), the workings sheet and the scenario file's strict
//! reader too; the panel, the scenario file and the answers are here.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, ShadowRoot};

use crate::model::{scenario::link, Scenario};

use crate::dom::download::{download_text, file_name};
use crate::dom::{self, add_c, add_ct, add_t, attrs, cat};
use crate::widget::results::working::scenario_value;

/// Builds the export panel: report, scenario file, import.
pub fn build(parent: &Element) -> Element {
    let section = add_c(parent, "section", "oc-tool oc-panel-export");
    attrs(&section, &[("aria-labelledby", "export-title")]);
    add_ct(&section, "h3", "oc-h3", "Download or open a scenario").set_id("export-title");
    let row = add_c(&section, "div", "oc-buttons");
    for (action, words) in [
        ("csv", "Download the report (CSV)"),
        ("json", "Download the scenario file (JSON)"),
        ("workings", "Download the workings (CSV)"),
        ("print", "Print"),
    ] {
        let b = add_ct(&row, "button", "oc-button oc-button--secondary", words);
        attrs(&b, &[("type", "button"), ("data-action", action)]);
    }
    add_t(
        &section,
        "p",
        "The report lists every figure used with its source and the results year by year. The workings show how each headline figure is worked out, step by step down to its sourced inputs. The scenario file opens here again, or in the command-line calculator.",
    );
    let group = add_c(&section, "div", "oc-field");
    group.set_id("import-group");
    let l = add_ct(&group, "label", "oc-label", "Open a scenario file");
    attrs(&l, &[("for", "import")]);
    add_ct(
        &group,
        "div",
        "oc-hint",
        "A .json file downloaded from this calculator. It replaces the figures in the form.",
    )
    .set_id("import-hint");
    let err = add_c(&group, "p", "oc-error");
    err.set_id("import-error");
    attrs(&err, &[("role", "alert")]);
    dom::show(&err, false);
    let input = add_c(&group, "input", "oc-file");
    attrs(
        &input,
        &[
            ("type", "file"),
            ("id", "import"),
            ("accept", ".json,application/json"),
            ("aria-describedby", "import-hint"),
        ],
    );
    let said = add_c(&section, "p", "oc-copied");
    said.set_id("export-status");
    attrs(&said, &[("role", "status")]);
    section
}

/// The scenario file: JSON indented by two spaces, as the command-line
/// calculator reads it. The browser's own `JSON.stringify` writes the text
/// (serde-wasm-bindgen gives it the scenario as a JS value), so the
/// calculator carries no JSON code of its own.
pub fn scenario_json(s: &Scenario) -> String {
    use serde::Serialize;
    let value = s
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .unwrap_or(JsValue::NULL);
    let mut text = js_sys::JSON::stringify_with_replacer_and_space(
        &value,
        &JsValue::NULL,
        &JsValue::from_f64(2.0),
    )
    .ok()
    .and_then(|t| t.as_string())
    .unwrap_or_default();
    text.push('\n');
    text
}

/// Said when the module that reads scenario files could not be loaded.
const NOT_LOADED: &str =
    "The file could not be read: check your connection, then choose the file again.";

/// Reads a scenario file's text and hands `done` the scenario, or the
/// sentence saying why the file could not be used. The strict reader is in
/// the workings module (`crate::workings::file`, fetched on first use
/// through the loader's `readScenario`), with the decoder's code; the
/// scenario comes back as [`link::to_parts`].
pub fn read_scenario(
    root: &ShadowRoot,
    text: &str,
    done: impl FnOnce(Result<Scenario, String>) + 'static,
) {
    let args = js_sys::Array::of1(&JsValue::from_str(text));
    ask_scenario(root, "readScenario", &args, NOT_LOADED, done);
}

/// Calls the loader's `name(...args)` on the host element, whose promise
/// gives `{ parts }` (a scenario as [`link::to_parts`]) or `{ message }`,
/// and hands `done` the scenario or the message; `failed` where the
/// on-demand module could not be loaded.
pub fn ask_scenario(
    root: &ShadowRoot,
    name: &str,
    args: &js_sys::Array,
    failed: &'static str,
    done: impl FnOnce(Result<Scenario, String>) + 'static,
) {
    use std::cell::Cell;
    use std::rc::Rc;
    let host = root.host();
    let Some(p) = js_sys::Reflect::get(&host, &JsValue::from_str(name))
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
        .and_then(|f| f.apply(&host, args).ok())
        .and_then(|p| p.dyn_into::<js_sys::Promise>().ok())
    else {
        done(Err(failed.into()));
        return;
    };
    let done = Rc::new(Cell::new(Some(done)));
    let (d1, d2) = (done.clone(), done);
    let read = Closure::<dyn FnMut(JsValue)>::new(move |answer: JsValue| {
        let get = |key: &str| js_sys::Reflect::get(&answer, &JsValue::from_str(key)).ok();
        let result = match get("message").and_then(|m| m.as_string()) {
            Some(m) => Err(m),
            None => {
                let parts: Vec<String> = get("parts")
                    .filter(js_sys::Array::is_array)
                    .map(|a| {
                        js_sys::Array::from(&a)
                            .iter()
                            .filter_map(|p| p.as_string())
                            .collect()
                    })
                    .unwrap_or_default();
                link::from_parts(&parts).map_err(|_| failed.to_string())
            }
        };
        if let Some(f) = d1.take() {
            f(result);
        }
    });
    let failed = Closure::<dyn FnMut(JsValue)>::new(move |_| {
        if let Some(f) = d2.take() {
            f(Err(failed.into()));
        }
    });
    let _ = p.then2(&read, &failed);
    read.forget();
    failed.forget();
}

/// Downloads the report CSV of `s`, a scenario with results, written by
/// the on-demand module (the loader's `reportCsv`).
pub fn csv(root: &ShadowRoot, s: &Scenario) {
    ask_text(
        root,
        "reportCsv",
        s,
        file_name(s, "csv"),
        (
            "Writing the report\u{2026}",
            "The report is downloading as a CSV file.",
            "The report could not be made. Check your connection and try again.",
        ),
    );
}

/// Downloads the headline figures' workings as a CSV sheet, written by the
/// workings module (fetched on first use through the loader's
/// `workingsCsv`).
pub fn workings(root: &ShadowRoot, s: &Scenario) {
    ask_text(
        root,
        "workingsCsv",
        s,
        file_name(s, "csv").replace(".csv", "-workings.csv"),
        (
            "Working out every step\u{2026}",
            "The workings are downloading as a CSV file.",
            "The workings could not be loaded. Check your connection and try again.",
        ),
    );
}

/// Asks the loader's `name(scenario)` for a CSV text made by the
/// on-demand module and downloads it as `file`, saying `words`: while it
/// is made, once it is downloading, and if it could not be made.
fn ask_text(
    root: &ShadowRoot,
    name: &str,
    s: &Scenario,
    file: String,
    words: (&'static str, &'static str, &'static str),
) {
    let host = root.host();
    let promise = scenario_value(s).and_then(|value| {
        js_sys::Reflect::get(&host, &JsValue::from_str(name))
            .ok()?
            .dyn_into::<js_sys::Function>()
            .ok()?
            .call1(&host, &value)
            .ok()?
            .dyn_into::<js_sys::Promise>()
            .ok()
    });
    let Some(p) = promise else {
        say(root, words.2);
        return;
    };
    say(root, words.0);
    let (r1, r2) = (root.clone(), root.clone());
    let done = Closure::<dyn FnMut(JsValue)>::new(move |text: JsValue| {
        if let Some(t) = text.as_string() {
            download_text(&t, "text/csv;charset=utf-8", &file);
            say(&r1, words.1);
        }
    });
    let failed = Closure::<dyn FnMut(JsValue)>::new(move |_| say(&r2, words.2));
    let _ = p.then2(&done, &failed);
    done.forget();
    failed.forget();
}

/// Downloads the chart `id` as SVG or PNG, drawn by the on-demand module
/// (the loader's `exportChart`), which says when it is downloading.
pub fn chart(root: &ShadowRoot, id: &str, format: &str, s: &Scenario) {
    let Some(svg) = root
        .query_selector(&cat(&["svg[data-chart=\"", id, "\"]"]))
        .ok()
        .flatten()
    else {
        return;
    };
    let host = root.host();
    let promise = scenario_value(s).and_then(|value| {
        let args = js_sys::Array::of4(
            &svg,
            &JsValue::from_str(id),
            &JsValue::from_str(format),
            &value,
        );
        js_sys::Reflect::get(&host, &JsValue::from_str("exportChart"))
            .ok()?
            .dyn_into::<js_sys::Function>()
            .ok()?
            .apply(&host, &args)
            .ok()?
            .dyn_into::<js_sys::Promise>()
            .ok()
    });
    const FAILED: &str = "The chart could not be made. Check your connection and try again.";
    let Some(p) = promise else {
        say(root, FAILED);
        return;
    };
    say(root, "Drawing the chart\u{2026}");
    let r = root.clone();
    let failed = Closure::once(move |_: JsValue| say(&r, FAILED));
    let _ = p.catch(&failed);
    failed.forget();
}

/// Downloads the scenario file.
pub fn json(root: &ShadowRoot, s: &Scenario) {
    download_text(&scenario_json(s), "application/json", &file_name(s, "json"));
    say(root, "The scenario is downloading as a JSON file.");
}

fn say(root: &ShadowRoot, words: &str) {
    if let Some(p) = dom::by_id(root, "export-status") {
        p.set_text_content(Some(words));
    }
}

/// Shows or clears the import error.
pub fn import_error(root: &ShadowRoot, message: Option<&str>) {
    if let Some(err) = dom::by_id(root, "import-error") {
        dom::clear(&err);
        if let Some(m) = message {
            dom::hidden_text(&err, "Error: ");
            dom::text(&err, m);
        }
        dom::show(&err, message.is_some());
    }
    if let Some(g) = dom::by_id(root, "import-group") {
        let _ = g
            .class_list()
            .toggle_with_force("oc-field--error", message.is_some());
    }
    if let Some(i) = dom::by_id(root, "import") {
        let ids = if message.is_some() {
            "import-hint import-error"
        } else {
            "import-hint"
        };
        attrs(&i, &[("aria-describedby", ids)]);
    }
}

/// Reads the chosen file and hands its text to `done`.
pub fn read_file(input: &Element, done: impl FnOnce(Result<String, String>) + 'static) {
    let file = input
        .dyn_ref::<web_sys::HtmlInputElement>()
        .and_then(|i| i.files())
        .and_then(|f| f.get(0));
    let Some(file) = file else {
        return;
    };
    if file.size() > 1_000_000.0 {
        done(Err(
            "The file is larger than 1 MB: choose a scenario file downloaded from this calculator."
                .into(),
        ));
        return;
    }
    let Ok(reader) = web_sys::FileReader::new() else {
        return;
    };
    let r2 = reader.clone();
    let on_load = Closure::once_into_js(move || {
        let text = r2.result().ok().and_then(|v| v.as_string());
        done(text.ok_or_else(|| "The file could not be read as text.".to_string()));
    });
    reader.set_onloadend(Some(on_load.unchecked_ref()));
    let _ = reader.read_as_text(&file);
}
