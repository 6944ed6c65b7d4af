//! Every figure is a control: its value is a button that opens, right below
//! it, how the model worked it out with the reader's own numbers. The
//! working itself is drawn by a module of its own (`crate::workings`,
//! fetched the first time a reader opens one, through the loader's
//! `openWorking`), so the calculator does not carry its code; this side
//! makes the buttons, places the panel, keeps the open workings up to date
//! as the answers change, and asks for the printed handout's page.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, Event, Node, ShadowRoot};

use crate::dom::{self, add_c, add_ct, attrs, cat};
use crate::model::Scenario;
use crate::widget::state::State;

/// Id of a working's panel: this, then the figure's path.
const PANEL: &str = "working:";

/// A figure as a control: `value` in a button that opens the working of
/// the figure at `path` (a path of `model::explain::outputs`).
pub fn button(parent: &Node, path: &str, value: &str) -> Element {
    let b = add_ct(parent, "button", "oc-figure-button", value);
    attrs(
        &b,
        &[
            ("type", "button"),
            ("data-explain", path),
            ("aria-expanded", "false"),
            ("aria-controls", &cat(&[PANEL, path])),
        ],
    );
    dom::hidden_text(&b, ": show how it is worked out");
    b
}

/// The path of a figure of year `t` (from 0) of the projection.
pub fn year_path(t: usize, figure: &str) -> String {
    cat(&["years[", &dom::n(t as f64), "].", figure])
}

/// Opens or closes the working of a clicked figure; false when the click
/// was not on one.
pub fn on_click(root: &ShadowRoot, st: &State, e: &Event) -> bool {
    let Some(b) = e
        .target()
        .and_then(|t| t.dyn_into::<Element>().ok())
        .and_then(|t| t.closest("button[data-explain]").ok().flatten())
    else {
        return false;
    };
    let path = b.get_attribute("data-explain").unwrap_or_default();
    if let Some(panel) = dom::by_id(root, &cat(&[PANEL, &path])) {
        panel.remove();
        attrs(&b, &[("aria-expanded", "false")]);
        st.workings.borrow_mut().retain(|p| *p != path);
        return true;
    }
    st.workings.borrow_mut().push(path.clone());
    // The working of the figures shown: those of the last valid scenario.
    open_at(root, &b, &path, st.shown.as_deref().unwrap_or(&st.scenario));
    true
}

/// Draws the open workings again after the results were redrawn, from the
/// scenario now shown.
pub fn reopen(root: &ShadowRoot, st: &State) {
    let paths = st.workings.borrow().clone();
    let mut still = Vec::new();
    for path in paths {
        let found = root
            .query_selector(&cat(&["button[data-explain=\"", &path, "\"]"]))
            .ok()
            .flatten();
        if let Some(b) = found {
            open_at(root, &b, &path, st.shown.as_deref().unwrap_or(&st.scenario));
            still.push(path);
        }
    }
    *st.workings.borrow_mut() = still;
}

/// The working's panel after the figure's button (inside a description or
/// a paragraph, or after a table's scroll region), then asks for it to be
/// drawn.
fn open_at(root: &ShadowRoot, b: &Element, path: &str, scenario: &Scenario) {
    let id = cat(&[PANEL, path]);
    if let Some(old) = dom::by_id(root, &id) {
        old.remove();
    }
    let panel = dom::el("div");
    panel.set_class_name("oc-working");
    panel.set_id(&id);
    attrs(
        &panel,
        &[("role", "region"), ("aria-label", "How it is worked out")],
    );
    add_ct(&panel, "p", "oc-working-wait", "Working it out…");
    let region = b
        .closest("td, th")
        .ok()
        .flatten()
        .and_then(|cell| cell.closest(".oc-scroll").ok().flatten());
    match region {
        Some(r) => {
            let _ = r.after_with_node_1(&panel);
        }
        None => {
            let place = b
                .closest("dd, p, li")
                .ok()
                .flatten()
                .unwrap_or_else(|| b.clone());
            let _ = place.append_child(&panel);
        }
    }
    attrs(b, &[("aria-expanded", "true")]);
    ask(root, "openWorking", &panel, scenario, Some(path));
}

/// Builds the printed handout's page of workings (the headline figures'
/// sentences and formulas), then prints.
pub fn print(root: &ShadowRoot, scenario: &Scenario) {
    let Some(figures) = dom::by_id(root, "figures") else {
        return;
    };
    let section = match dom::by_id(root, "oc-print-workings") {
        Some(s) => s,
        None => {
            let s = add_c(&figures, "section", "oc-print-workings");
            s.set_id("oc-print-workings");
            s
        }
    };
    let print_now = || {
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    };
    match ask(root, "printWorkings", &section, scenario, None) {
        Some(p) => {
            // Printed whether or not the page of workings could be drawn.
            let done = Closure::<dyn FnMut(JsValue)>::new(move |_| print_now());
            let _ = p.then2(&done, &done);
            done.forget();
        }
        None => print_now(),
    }
}

/// Calls the loader's `name(panel, scenario, path)` on the host element;
/// the promise it returns, if any. The scenario goes as the format's JS
/// form (serde-wasm-bindgen), as a scenario file holds it.
fn ask(
    root: &ShadowRoot,
    name: &str,
    panel: &Element,
    scenario: &Scenario,
    path: Option<&str>,
) -> Option<js_sys::Promise> {
    let host = root.host();
    let f = js_sys::Reflect::get(&host, &JsValue::from_str(name))
        .ok()?
        .dyn_into::<js_sys::Function>()
        .ok()?;
    let value = scenario_value(scenario)?;
    let path = path.map_or(JsValue::UNDEFINED, JsValue::from_str);
    f.call3(&host, panel, &value, &path)
        .ok()?
        .dyn_into::<js_sys::Promise>()
        .ok()
}

/// A scenario in the format's JS form (serde-wasm-bindgen), as a scenario
/// file holds it: how the calculator passes one to the on-demand module.
pub fn scenario_value(scenario: &Scenario) -> Option<JsValue> {
    use serde::Serialize;
    scenario
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .ok()
}
