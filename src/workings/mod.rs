//! Every figure's working, drawn on demand: a WebAssembly module of its
//! own (feature `workings`, built into `www/pkg-workings/`), fetched the
//! first time a reader opens a figure's working or a scenario file
//! ([`mod@file`]), so the calculator does not carry the derivations' code or
//! the scenario file's decoder. The widget makes each figure a button and
//! the panel below it (`widget::results::working`); the loader passes the
//! panel, the scenario and the figure's path here.
//!
//! A working: a sentence with the live numbers, the formula, then the chain
//! of steps down to the inputs (each step a disclosure, drawn when it
//! opens; each input with its source: the reader's own figure linked to its
//! field, a council's official figure, a cited default), and the inputs
//! that move the figure most. Every number is the model's
//! (`model::explain`), formatted through `Intl.NumberFormat('en-GB')`.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, Event, Node, ShadowRoot};

use crate::dom::format;
use crate::dom::{self, add, add_c, add_ct, attrs, cat, source_link, text};
use crate::model::data::citation::Citation;
use crate::model::explain::{self, Derivation, Source, Step, StepKind, Unit};
use crate::model::{self, Scenario};

pub mod context;
pub mod dfe;
pub mod export;
pub mod file;
pub mod national;

thread_local! {
    /// The workings drawn, by panel id, for drawing their steps as they open.
    static DRAWN: RefCell<Vec<(String, Rc<Derivation>)>> = const { RefCell::new(Vec::new()) };
}

/// The scenario the calculator passed (the format's JS form), read by the
/// same strict reader as a scenario file, so that the module carries one
/// decoder.
pub(crate) fn scenario_of(value: JsValue) -> Result<Scenario, JsValue> {
    let tree = crate::js_value::to_tree(&value, 0)
        .ok_or_else(|| js_sys::Error::new("the scenario is nested too deeply"))?;
    model::decode(tree).map_err(|e| js_sys::Error::new(&e.to_string()).into())
}

/// Draws the working of the figure at `path` of `scenario` (a scenario in
/// the format's JS form) into `panel`, replacing what it held.
#[wasm_bindgen]
pub fn draw_working(panel: Element, scenario: JsValue, path: &str) -> Result<(), JsValue> {
    let s = scenario_of(scenario)?;
    let root: ShadowRoot = panel
        .get_root_node()
        .dyn_into()
        .map_err(|_| js_sys::Error::new("the panel is not in the calculator"))?;
    dom::clear(&panel);
    let id = panel.id();
    match explain::explain(&s, path) {
        Ok(d) => {
            let d = Rc::new(d);
            draw(&panel, &d, &root);
            DRAWN.with(|w| {
                let mut w = w.borrow_mut();
                w.retain(|(p, _)| *p != id);
                w.push((id, d));
                // The open workings of one page: a handful.
                if w.len() > 24 {
                    w.remove(0);
                }
            });
        }
        Err(e) => {
            add_ct(
                &panel,
                "p",
                "oc-working-sentence",
                &cat(&[
                    "This figure has no working for these answers: ",
                    &e.to_string(),
                    ".",
                ]),
            );
        }
    }
    if !panel.has_attribute("data-listening") {
        dom::flag(&panel, "data-listening", true);
        // Toggle does not bubble: caught on the way down.
        let root2 = root.clone();
        let c = Closure::<dyn FnMut(Event)>::new(move |e: Event| on_toggle(&root2, &e));
        let _ = panel.add_event_listener_with_callback_and_bool(
            "toggle",
            c.as_ref().unchecked_ref(),
            true,
        );
        c.forget();
    }
    Ok(())
}

/// The headline figures' workings as a CSV sheet (`model::explain::sheet`).
#[wasm_bindgen]
pub fn workings_csv(scenario: JsValue) -> Result<String, JsValue> {
    let s = scenario_of(scenario)?;
    explain::sheet::headline(&s).map_err(|e| js_sys::Error::new(&e.to_string()).into())
}

/// Draws the headline figures' sentences and formulas into `section`, for
/// the printed handout.
#[wasm_bindgen]
pub fn draw_print(section: Element, scenario: JsValue) -> Result<(), JsValue> {
    let s = scenario_of(scenario)?;
    dom::clear(&section);
    add_ct(
        &section,
        "h3",
        "oc-h3",
        "How the headline figures are worked out",
    );
    for path in [
        "summary.budget_npv",
        "summary.pv_cashable",
        "summary.pv_cost",
        "summary.npv",
        "summary.bcr",
        "summary.payback_year",
    ] {
        if let Ok(d) = explain::explain(&s, path) {
            let p = add_c(&section, "p", "oc-working-sentence");
            add_ct(&p, "strong", "oc-working-term", &cat(&[&d.label, ". "]));
            text(&p, &d.sentence);
            let f = add_c(&section, "p", "oc-working-formula");
            text(&f, &cat(&["Formula: ", &d.formula]));
        }
    }
    add_ct(
        &section,
        "p",
        "oc-working-note",
        "Every figure's full working, with its sources, opens in the calculator: select the figure.",
    );
    Ok(())
}

/// Draws the steps of a step whose disclosure has just opened.
fn on_toggle(root: &ShadowRoot, e: &Event) {
    let Some(d) = e.target().and_then(|t| t.dyn_into::<Element>().ok()) else {
        return;
    };
    let Some(key) = d.get_attribute("data-step") else {
        return;
    };
    if !d.has_attribute("open") || d.has_attribute("data-drawn") {
        return;
    }
    let Some(id) = d.closest(".oc-working").ok().flatten().map(|p| p.id()) else {
        return;
    };
    let Some(der) = DRAWN.with(|w| {
        w.borrow()
            .iter()
            .find(|(p, _)| *p == id)
            .map(|(_, d)| d.clone())
    }) else {
        return;
    };
    if let (Some(step), Ok(Some(list))) = (find(&der, &key), d.query_selector("ul")) {
        children(&list, &der, step, &key, root);
        dom::flag(&d, "data-drawn", true);
    }
}

/// A working: sentence, formula, the chain, what moves it most.
fn draw(panel: &Element, d: &Derivation, root: &ShadowRoot) {
    attrs(
        panel,
        &[
            ("role", "region"),
            ("aria-label", &cat(&["How it is worked out: ", &d.label])),
        ],
    );
    add_ct(panel, "p", "oc-working-sentence", &d.sentence);
    let f = add_c(panel, "p", "oc-working-formula");
    add_ct(&f, "span", "oc-working-term", "Formula: ");
    text(&f, &d.formula);
    if !d.symbols.is_empty() {
        text(&f, " ");
        add_ct(&f, "code", "oc-working-symbols", &d.symbols);
    }
    sources(panel, d);
    add_ct(panel, "h4", "oc-working-h", "The working");
    let list = add_c(panel, "ul", "oc-working-steps");
    item(&list, d, &d.step, "r", root, true);

    if !d.sensitive.is_empty() {
        add_ct(panel, "h4", "oc-working-h", "What moves this number most?");
        let ul = add_c(panel, "ul", "oc-working-moves");
        for s in &d.sensitive {
            let li = add(&ul, "li");
            match s.fields.first().filter(|f| dom::by_id(root, f).is_some()) {
                Some(field) => {
                    let a = add_ct(&li, "a", "oc-link", &s.input);
                    attrs(&a, &[("href", &cat(&["#", field])), ("data-target", field)]);
                }
                None => text(&li, &s.input),
            }
            text(
                &li,
                &cat(&[
                    ": ",
                    &value_text(s.value_low, d.unit),
                    " (",
                    &s.low_label,
                    ") to ",
                    &value_text(s.value_high, d.unit),
                    " (",
                    &s.high_label,
                    ")",
                ]),
            );
        }
        if let Some(note) = &d.sensitivity_note {
            add_ct(panel, "p", "oc-working-note", note);
        }
    }
}

/// The publications the working's inputs come from, each once and linked,
/// with the inputs it gives: the sources one click from the figure, before
/// the chain of steps that leads to each.
fn sources(panel: &Element, d: &Derivation) {
    let mut cited: Vec<(&Citation, Vec<&str>)> = Vec::new();
    let mut yours = 0;
    for step in d.inputs() {
        let StepKind::Input { source } = &step.kind else {
            continue;
        };
        let c = match source {
            Source::Official { citation, .. } | Source::Cited { citation, .. } => citation,
            Source::Yours { .. } => {
                yours += 1;
                continue;
            }
            Source::Method { .. } => continue,
        };
        match cited.iter_mut().find(|(x, _)| x.id == c.id) {
            Some((_, labels)) => {
                if !labels.contains(&step.label.as_str()) {
                    labels.push(&step.label);
                }
            }
            None => cited.push((c, vec![&step.label])),
        }
    }
    if cited.is_empty() && yours == 0 {
        return;
    }
    add_ct(panel, "h4", "oc-working-h", "Sources");
    let ul = add_c(panel, "ul", "oc-working-sources");
    for (c, labels) in &cited {
        let li = add(&ul, "li");
        cite(&li, c);
        let shown: Vec<&str> = labels.iter().take(3).copied().collect();
        let mut words = cat(&[": ", &shown.join("; ")]);
        if labels.len() > shown.len() {
            words.push_str(" and ");
            push_count(&mut words, labels.len() - shown.len());
            words.push_str(" more");
        }
        text(&li, &words);
    }
    if yours > 0 {
        let li = add(&ul, "li");
        let mut words = String::from("Your own figures: ");
        push_count(&mut words, yours);
        words.push_str(if yours == 1 { " input" } else { " inputs" });
        words.push_str(", each linked to its field in the working below");
        text(&li, &words);
    }
}

/// One step as a list item: an input with its source, or a disclosure
/// over the steps it is made of (drawn now when `open`, else when opened).
fn item(list: &Node, d: &Derivation, step: &Step, key: &str, root: &ShadowRoot, open: bool) {
    let li = add_c(list, "li", "oc-working-step");
    let line = |parent: &Node| {
        add_ct(
            parent,
            "span",
            "oc-working-label",
            &dom::sentence(&step.label),
        );
        text(parent, ": ");
        add_ct(
            parent,
            "strong",
            "oc-working-value",
            &value_text(step.value, step.unit),
        );
        if let Some(y) = &step.price_year {
            text(parent, &cat(&[" (", y, " prices)"]));
        }
    };
    let (how, more) = match &step.kind {
        StepKind::Input { source } => {
            line(&li);
            let p = add_c(&li, "span", "oc-working-source");
            source_text(&p, source, root);
            return;
        }
        StepKind::Operation { op, .. } => (cat(&["the ", op.words(), " of:"]), true),
        StepKind::Simulated { seed, draws, .. } => {
            let mut n = String::new();
            push_count(&mut n, *draws as usize);
            let mut s = String::new();
            push_count(&mut s, *seed as usize);
            (
                cat(&[
                    "a result of ",
                    &n,
                    " simulations (seed ",
                    &s,
                    "), drawn from:",
                ]),
                true,
            )
        }
        StepKind::Searched { how, .. } => (cat(&["found by search: ", how]), true),
        StepKind::Same { .. } => ("worked out once and used again:".into(), true),
    };
    if !more {
        line(&li);
        return;
    }
    let det = add_c(&li, "details", "oc-working-more");
    attrs(&det, &[("data-step", key)]);
    let summary = add(&det, "summary");
    line(&summary);
    let body = add_c(&det, "div", "oc-working-body");
    add_ct(&body, "span", "oc-working-how", &how);
    add(&body, "ul");
    if open {
        dom::flag(&det, "open", true);
        if let Ok(Some(ul)) = body.query_selector("ul") {
            children(&ul, d, step, key, root);
            dom::flag(&det, "data-drawn", true);
        }
    }
}

/// The steps a step is made of, each closed.
fn children(list: &Element, d: &Derivation, step: &Step, key: &str, root: &ShadowRoot) {
    match &step.kind {
        StepKind::Operation { of, .. }
        | StepKind::Simulated { from: of, .. }
        | StepKind::Searched { from: of, .. } => {
            for (i, s) in of.iter().enumerate() {
                let mut k = key.to_string();
                k.push('.');
                push_count(&mut k, i);
                item(list, d, s, &k, root, false);
            }
        }
        StepKind::Same { id } => {
            if let Some(s) = d.shared.get(*id) {
                let mut k = "s".to_string();
                push_count(&mut k, *id);
                item(list, d, s, &k, root, false);
            }
        }
        StepKind::Input { .. } => {}
    }
}

/// The step at `key`: `r` the figure, `r.0.2` its first step's third,
/// `s3.1` the second step of shared step 3.
fn find<'a>(d: &'a Derivation, key: &str) -> Option<&'a Step> {
    let mut parts = key.split('.');
    let first = parts.next()?;
    let mut at = if first == "r" {
        &d.step
    } else {
        d.shared
            .get(first.strip_prefix('s')?.parse::<usize>().ok()?)?
    };
    for part in parts {
        let i: usize = part.parse().ok()?;
        at = match &at.kind {
            StepKind::Operation { of, .. }
            | StepKind::Simulated { from: of, .. }
            | StepKind::Searched { from: of, .. } => of.get(i)?,
            StepKind::Same { id } => d.shared.get(*id)?,
            StepKind::Input { .. } => return None,
        };
    }
    Some(at)
}

/// Where an input comes from, in words, with a link to its field or source.
fn source_text(p: &Element, source: &Source, root: &ShadowRoot) {
    match source {
        Source::Yours { field } => {
            text(p, "your figure");
            if dom::by_id(root, field).is_some() {
                text(p, " (");
                let a = add_ct(p, "a", "oc-link", "change it");
                attrs(
                    a.as_ref(),
                    &[("href", &cat(&["#", field])), ("data-target", field)],
                );
                text(p, ")");
            }
        }
        Source::Official {
            council_name,
            dataset,
            year,
            citation,
            ..
        } => {
            let mut y = String::new();
            push_count(&mut y, usize::from(*year));
            text(
                p,
                &cat(&[
                    council_name,
                    "'s official figure: ",
                    dataset,
                    ", ",
                    &y,
                    "; ",
                ]),
            );
            cite(p, citation);
        }
        Source::Cited {
            basis, citation, ..
        } => {
            text(p, &cat(&[&dom::sentence(basis), "; "]));
            cite(p, citation);
        }
        Source::Method { rule } => {
            text(p, &cat(&["a fixed figure of the method: ", rule]));
        }
    }
}

fn cite(p: &Element, c: &Citation) {
    let mut y = String::new();
    push_count(&mut y, usize::from(c.year));
    let title = cat(&[c.publisher, " (", &y, "), ", c.title]);
    if c.url.is_empty() {
        text(p, &title);
    } else {
        source_link(p, c.url, &title);
    }
}

/// A value in its unit, as precise as a working needs (money to the penny).
fn value_text(v: f64, unit: Unit) -> String {
    let with = |n: String, words: &str| cat(&[&n, " ", words]);
    match unit {
        Unit::Pounds => format::pence(v),
        Unit::PoundsAWeek => with(format::pence(v), "a week"),
        Unit::PoundsAYear => with(format::pence(v), "a year"),
        Unit::PoundsACase => with(format::pence(v), "a case"),
        Unit::Percent => cat(&[&format::decimal(v), "%"]),
        Unit::Ratio => with(format::decimal(v), "(£ for each £1)"),
        Unit::Factor | Unit::Index | Unit::Count => format::decimal(v),
        Unit::Share => with(format::decimal(v), "(a share of 1)"),
        Unit::Year => cat(&["year ", &format::decimal(v)]),
        u => with(format::decimal(v), u.label()),
    }
}

/// Appends a whole number, as the widget writes counts.
fn push_count(s: &mut String, n: usize) {
    s.push_str(&dom::n(n as f64));
}
