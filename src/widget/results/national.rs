//! "If every council adopted these programmes": the panel, its area
//! picker and its download button. The roll-out itself (the reader's
//! programmes and assumptions run for every council with its own official
//! figures, `model::views::rollout`) is worked out and drawn by the
//! on-demand module (`crate::workings::national`), fetched the first time
//! the panel opens, through the loader's `drawNational`; until it has
//! drawn, the results say "Working out…" (a status, `aria-busy`), and a
//! download asked for meanwhile starts once it has arrived.

use std::cell::RefCell;
use std::rc::Rc;

use js_sys::{Array, Function, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlSelectElement, Node, ShadowRoot};

use crate::model::scenario::council_preset;
use crate::model::views::rollout;

use crate::dom::{self, add_c, add_ct, attrs, cat};
use crate::widget::form::council;
use crate::widget::results::working::scenario_value;
use crate::widget::state::State;

type Shared = Rc<RefCell<State>>;

const PANEL: &str = "national";
const REGION: &str = "national-region";
const BODY: &str = "national-results";

/// Draws the closed panel into `parent` and wires it.
pub fn build(parent: &Node, root: &ShadowRoot, st: &Shared) {
    let d = add_c(parent, "details", "oc-details oc-national");
    d.set_id(PANEL);
    add_ct(
        &d,
        "summary",
        "oc-details-summary",
        "If every council in England, or in a region, adopted this",
    );
    let body = add_c(&d, "div", "oc-folded");
    add_ct(
        &body,
        "p",
        "oc-hint",
        &cat(&[
            "Your programmes and assumptions, run for every council with its own official figures. ",
            rollout::RULE,
        ]),
    );
    let group = add_c(&body, "div", "oc-field");
    let l = add_ct(&group, "label", "oc-label", "Area");
    attrs(&l, &[("for", REGION)]);
    let select = add_c(&group, "select", "oc-select");
    attrs(&select, &[("id", REGION), ("name", REGION)]);
    let results = add_c(&body, "div", "oc-national-results");
    results.set_id(BODY);
    let download = add_ct(
        &body,
        "button",
        "oc-button oc-button--secondary",
        "Download the roll-out (CSV)",
    );
    attrs(
        &download,
        &[("type", "button"), ("id", "national-download")],
    );

    let (r, s) = (root.clone(), st.clone());
    council::on(&d, "toggle", move |_| sync(&r, &s.borrow()));
    let (r, s) = (root.clone(), st.clone());
    council::on(&select, "change", move |_| sync(&r, &s.borrow()));
    let (r, s) = (root.clone(), st.clone());
    council::on(&download, "click", move |_| {
        let st = s.borrow();
        if let Some(body) = dom::by_id(&r, BODY) {
            ask(&r, &st, &body, true);
        }
    });
}

/// The region chosen, or `None` for England.
fn region(root: &ShadowRoot) -> Option<String> {
    dom::by_id(root, REGION)
        .and_then(|e| e.dyn_into::<HtmlSelectElement>().ok())
        .map(|s| s.value())
        .filter(|v| !v.is_empty())
}

/// Redraws the panel when it is open. Called after every recomputation.
pub fn sync(root: &ShadowRoot, st: &State) {
    let Some(panel) = dom::by_id(root, PANEL) else {
        return;
    };
    if !panel.has_attribute("open") {
        return;
    }
    regions(root, st);
    let Some(body) = dom::by_id(root, BODY) else {
        return;
    };
    let download = dom::by_id(root, "national-download");
    if st.stale || !st.problems.is_empty() {
        dom::clear(&body);
        let _ = body.remove_attribute("data-drawn");
        add_ct(
            &body,
            "p",
            "oc-stale",
            "Correct the problems in your scenario to see the roll-out.",
        );
        if let Some(b) = download {
            dom::show(&b, false);
        }
        return;
    }
    // Until the module has drawn the roll-out once: a status.
    if !body.has_attribute("data-drawn") {
        dom::clear(&body);
        let p = add_ct(&body, "p", "oc-hint", "Working out the roll-out\u{2026}");
        attrs(&p, &[("role", "status")]);
    }
    attrs(&body, &[("aria-busy", "true")]);
    ask(root, st, &body, false);
}

/// Asks the loader's `drawNational` to draw the roll-out of the scenario
/// into `body`, or with `download` to offer it as a CSV file: the
/// scenario, the year, the area, and the councils of the year (the
/// built-in figures or the reader's own DfE files; `[code, old code, name,
/// region, then the counts]` a council, as `workings::national` reads
/// them).
fn ask(root: &ShadowRoot, st: &State, body: &Element, download: bool) {
    let year = council::year(st);
    // The councils go with the scenario, so the module carries no table
    // of its own.
    let councils = crate::council_rows::to_rows(&council::list(st, year));
    let Some(scenario) = scenario_value(&st.scenario) else {
        return;
    };
    let args = Array::new();
    for a in [
        body.into(),
        scenario,
        JsValue::from_f64(f64::from(year)),
        JsValue::from_str(&region(root).unwrap_or_default()),
        councils.into(),
        JsValue::from_bool(download),
    ] {
        args.push(&a);
    }
    let host = root.host();
    let promise = Reflect::get(&host, &JsValue::from_str("drawNational"))
        .ok()
        .and_then(|f| f.dyn_into::<Function>().ok())
        .and_then(|f| f.apply(&host, &args).ok())
        .and_then(|p| p.dyn_into::<Promise>().ok());
    let b = body.clone();
    let done = Closure::once(move |drawn: JsValue| {
        let _ = b.remove_attribute("aria-busy");
        if drawn.is_truthy() {
            dom::flag(&b, "data-drawn", true);
        } else {
            dom::clear(&b);
            let _ = b.remove_attribute("data-drawn");
            let p = add_ct(&b, "p", "oc-notice", NOT_LOADED);
            attrs(&p, &[("role", "status")]);
        }
    });
    match promise {
        Some(p) => {
            let _ = p.then(&done);
        }
        None => {
            let _ = done
                .as_ref()
                .unchecked_ref::<Function>()
                .call1(&JsValue::NULL, &JsValue::FALSE);
        }
    }
    done.forget();
}

/// Said when the on-demand module could not be loaded.
const NOT_LOADED: &str = "The roll-out could not be worked out: check your connection, then \
                          open the panel again.";

/// Keeps the region options in line with the councils of the year.
fn regions(root: &ShadowRoot, st: &State) {
    let Some(select) = dom::by_id(root, REGION) else {
        return;
    };
    let list = council::list(st, council::year(st));
    let names = council_preset::regions(&list);
    let key = names.join("|");
    if select.get_attribute("data-key").as_deref() == Some(&key) {
        return;
    }
    let chosen = region(root).unwrap_or_default();
    dom::clear(&select);
    let all = add_ct(&select, "option", "", "England");
    attrs(&all, &[("value", "")]);
    for n in &names {
        let o = add_ct(&select, "option", "", n);
        attrs(&o, &[("value", n)]);
    }
    attrs(&select, &[("data-key", &key)]);
    if let Some(s) = select.dyn_ref::<HtmlSelectElement>() {
        s.set_value(if names.contains(&chosen.as_str()) {
            &chosen
        } else {
            ""
        });
    }
}
