//! "Your council in context": the panel, closed until a reader opens it.
//! Its content (the council's history, the choice of baseline with each
//! outcome's chart, the comparison with its statistical neighbours and the
//! half-way illustration) is drawn by the on-demand module
//! (`crate::workings::context`), fetched with the council figures
//! (`data/council-data.js`) the first time the panel opens with a council
//! chosen, through the loader's `drawContext`; until then the panel says
//! "Loading…" (a status, the body `aria-busy`).
//!
//! The calculator answers the panel's controls, so that the scenario stays
//! its own: a baseline chosen and the illustration made a scenario are
//! worked out by the module from the council figures (the loader's
//! `contextBaseline`, `contextHalfWay`) and come back as the scenario's link parts; "cost
//! at the council's average" sets each programme's placement here.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use js_sys::{Array, Function, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, Event, HtmlInputElement, Node, ShadowRoot};

use crate::dom::context::{radio_id, BASELINE, HALF_WAY, HALF_WAY_SAID, USE_AVERAGE};
use crate::dom::{self, add_c, add_ct, attrs};
use crate::model::Baseline;
use crate::widget::form::council;
use crate::widget::results::working::scenario_value;
use crate::widget::state::State;
use crate::widget::tools::export::ask_scenario;

type Shared = Rc<RefCell<State>>;

const PANEL: &str = "context";
const BODY: &str = "context-body";
/// The id of the control to focus once the module has drawn the body again.
const REFOCUS: &str = "data-refocus";

/// Said when the on-demand module could not be loaded.
const NOT_LOADED: &str = "The council figures could not be loaded: check your connection, then \
                          open the panel again.";

/// Draws the closed panel into `parent` and wires it.
pub fn build(parent: &Node, root: &ShadowRoot, st: &Shared) {
    let d = add_c(parent, "details", "oc-details oc-context");
    d.set_id(PANEL);
    add_ct(
        &d,
        "summary",
        "oc-details-summary",
        "Your council in context: its history and councils like it",
    );
    let body = add_c(&d, "div", "oc-folded");
    body.set_id(BODY);
    attrs(&body, &[("aria-live", "polite")]);
    let (r, s) = (root.clone(), st.clone());
    council::on(&d, "toggle", move |_| {
        if let Ok(st) = s.try_borrow() {
            sync(&r, &st);
        }
    });
    let (r, s) = (root.clone(), st.clone());
    council::on(&d, "change", move |e| on_change(&r, &s, &e));
    let (r, s) = (root.clone(), st.clone());
    council::on(&d, "click", move |e| on_click(&r, &s, &e));
}

/// Redraws the panel when it is open. Called after every recomputation.
pub fn sync(root: &ShadowRoot, st: &State) {
    let Some(panel) = dom::by_id(root, PANEL) else {
        return;
    };
    if !panel.has_attribute("open") {
        return;
    }
    let Some(body) = dom::by_id(root, BODY) else {
        return;
    };
    if st
        .scenario
        .council
        .code
        .as_deref()
        .unwrap_or_default()
        .is_empty()
    {
        dom::clear(&body);
        let _ = body.remove_attribute("data-drawn");
        add_ct(
            &body,
            "p",
            "oc-hint",
            "Choose a council above to see its figures since 2013 and how it compares with the \
             councils most like it.",
        );
        return;
    }
    // Until the module has drawn the panel once: a status.
    if !body.has_attribute("data-drawn") {
        dom::clear(&body);
        let p = add_ct(&body, "p", "oc-hint", "Loading the council figures\u{2026}");
        attrs(&p, &[("role", "status")]);
    }
    attrs(&body, &[("aria-busy", "true")]);
    let shown = st
        .shown
        .as_deref()
        .and_then(scenario_value)
        .unwrap_or(JsValue::NULL);
    let host = root.host();
    let promise = scenario_value(&st.scenario).and_then(|value| {
        Reflect::get(&host, &JsValue::from_str("drawContext"))
            .ok()?
            .dyn_into::<Function>()
            .ok()?
            .call3(&host, &body, &value, &shown)
            .ok()?
            .dyn_into::<Promise>()
            .ok()
    });
    let Some(promise) = promise else {
        said(&body, NOT_LOADED);
        return;
    };
    // The loader's promise never fails: it gives whether the panel was drawn.
    let b = body;
    let done = Closure::once(move |drawn: JsValue| {
        if drawn.is_truthy() {
            dom::flag(&b, "data-drawn", true);
            let _ = b.remove_attribute("aria-busy");
            if let Some(id) = b.get_attribute(REFOCUS) {
                let _ = b.remove_attribute(REFOCUS);
                if let Ok(Some(e)) = b.query_selector(&dom::cat(&["[id=\"", &id, "\"]"])) {
                    dom::focus(&e);
                }
            }
        } else {
            said(&b, NOT_LOADED);
        }
    });
    let _ = promise.then(&done);
    done.forget();
}

/// Replaces the panel's content with `why`, as a status.
fn said(body: &Element, why: &str) {
    dom::clear(body);
    let _ = body.remove_attribute("aria-busy");
    let p = add_ct(body, "p", "oc-notice", why);
    attrs(&p, &[("role", "status")]);
}

/// A baseline chosen: its yearly figures from the council's history
/// (worked out by the module) go into the scenario, and everything is
/// worked out again.
fn on_change(root: &ShadowRoot, shared: &Shared, e: &Event) {
    let Some(input) = e
        .target()
        .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
    else {
        return;
    };
    if input.name() != BASELINE {
        return;
    }
    let Some(b) = Baseline::parse(&input.value()) else {
        return;
    };
    let Some(value) = shared
        .try_borrow()
        .ok()
        .and_then(|st| scenario_value(&st.scenario))
    else {
        return;
    };
    let args = Array::of2(&JsValue::from_str(b.word()), &value);
    let (r, s) = (root.clone(), shared.clone());
    ask_scenario(root, "contextBaseline", &args, NOT_LOADED, move |made| {
        let Ok(made) = made else {
            return;
        };
        let Ok(mut st) = s.try_borrow_mut() else {
            return;
        };
        st.scenario.assumptions.baseline = made.assumptions.baseline;
        st.scenario.assumptions.baseline_trends = made.assumptions.baseline_trends;
        // The panel is drawn again: keep the reader where they were, once
        // it has been.
        if let Some(body) = dom::by_id(&r, BODY) {
            attrs(&body, &[(REFOCUS, &radio_id(b))]);
        }
        crate::widget::hooks::update(&r, &mut st, true);
    });
}

/// "Make it a scenario": the half-way illustration replaces the scenario;
/// "Cost the programmes' children at this council's average".
fn on_click(root: &ShadowRoot, shared: &Shared, e: &Event) {
    let button = e
        .target()
        .and_then(|t| t.dyn_into::<Element>().ok())
        .and_then(|t| t.closest("button").ok().flatten())
        .map(|b| b.id())
        .unwrap_or_default();
    if button == USE_AVERAGE {
        use_average(root, shared);
        return;
    }
    if button != HALF_WAY {
        return;
    }
    let Some((from, value)) = shared
        .try_borrow()
        .ok()
        .and_then(|st| Some((st.scenario.clone(), scenario_value(&st.scenario)?)))
    else {
        return;
    };
    let args = Array::of1(&value);
    // The illustration replaces the scenario it was made from, never
    // figures typed while it was being made (text the form could not use
    // leaves the scenario as it was, so typing is listened for too).
    let typed = Rc::new(Cell::new(false));
    let t = typed.clone();
    let listener = Closure::<dyn FnMut(Event)>::new(move |_: Event| t.set(true));
    let _ = root.add_event_listener_with_callback_and_bool(
        "input",
        listener.as_ref().unchecked_ref(),
        true,
    );
    let (r, s) = (root.clone(), shared.clone());
    ask_scenario(root, "contextHalfWay", &args, NOT_LOADED, move |made| {
        let _ = r.remove_event_listener_with_callback_and_bool(
            "input",
            listener.as_ref().unchecked_ref(),
            true,
        );
        drop(listener);
        let same = !typed.get() && s.try_borrow().is_ok_and(|st| st.scenario == from);
        let said = |words: &str| {
            if let Some(p) = dom::by_id(&r, HALF_WAY_SAID) {
                p.set_text_content(Some(words));
            }
        };
        match made {
            Ok(_) if !same => said(
                "Your figures changed while the illustration was made: select the button again.",
            ),
            Ok(scenario) => crate::widget::tools::redraw(
                &r,
                scenario,
                "Illustration made: the results now show the council half-way to its \
                 neighbours' median rates. It is an illustration of the gap, not evidence of \
                 any programme.",
            ),
            Err(why) => said(&why),
        }
    });
}

/// Every chosen programme's children costed at the council's average.
fn use_average(root: &ShadowRoot, shared: &Shared) {
    let Ok(mut st) = shared.try_borrow_mut() else {
        return;
    };
    let ids: Vec<String> = st
        .scenario
        .programmes
        .iter()
        .map(|p| p.programme.clone())
        .collect();
    for id in &ids {
        if st.set_placement(id, "council_average") {
            if let Some(radio) = dom::by_id(root, &dom::cat(&[id, ".placement.council_average"])) {
                dom::flag(&radio, "checked", true);
                if let Ok(r) = radio.dyn_into::<HtmlInputElement>() {
                    r.set_checked(true);
                }
            }
        }
    }
    // Focus stays on the button once the module has drawn it again.
    if let Some(body) = dom::by_id(root, BODY) {
        attrs(&body, &[(REFOCUS, USE_AVERAGE)]);
    }
    crate::widget::hooks::update(root, &mut st, true);
}
