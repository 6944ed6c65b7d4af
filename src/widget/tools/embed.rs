//! Embedding: the options a host page sets on `<outcome-calculator>` (or,
//! for the iframe page, in its address), fields it locks, panels it hides,
//! the colour theme, the height message a framed calculator posts to its
//! parent, and the embed code to copy.
//!
//! Options: `lock="care_starts,funding_years"` (link parameter names; those
//! inputs become read-only with a note), `hide="explain,charts"` (panels
//! left out), `theme="light|dark|auto"`, `presenter` (large type),
//! `view="compact"` (the sentence, the key figures, one chart and a link
//! to the full calculator: the embed codes' default) and
//! `sections="results,chart,form,…"` (only those parts). `view`,
//! `sections`, `theme` and `hide` are applied by widget.css from the host
//! element's attributes (the iframe page copies them there from its
//! address before its first paint, www/start.js), so the result written
//! into the page shows them from the start. Scenario presets use the link
//! parameter names themselves (see [`crate::model::scenario::link`]).

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, ShadowRoot};

use crate::model::{scenario::link, Scenario};

use crate::dom::{self, attrs, cat};
use crate::widget::form::fields;

/// Names that configure the embed rather than the scenario.
pub const OPTION_NAMES: &[&str] = &[
    "lock",
    "hide",
    "theme",
    "id",
    "presenter",
    "parent_origin",
    "view",
    "sections",
];

/// Panels a host may hide.
pub const PANELS: &[&str] = &[
    "programmes",
    "charts",
    "explain",
    "share",
    "compare",
    "export",
    "workshop",
];

/// An option from the host element, else (on pages that keep the scenario
/// in their address) from the address.
pub fn option(host: &Element, name: &str) -> Option<String> {
    if let Some(v) = host.get_attribute(name) {
        return Some(v);
    }
    if !crate::widget::tools::address::owns_address(host) {
        return None;
    }
    let search = web_sys::window()?.location().search().ok()?;
    link::pairs(&search)
        .ok()?
        .into_iter()
        .rev()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v)
}

/// A comma-separated option as a list.
pub fn list(host: &Element, name: &str) -> Vec<String> {
    option(host, name)
        .unwrap_or_default()
        .split(',')
        .map(|s| s.trim().to_ascii_lowercase())
        .filter(|s| !s.is_empty())
        .collect()
}

/// Applies `theme`, `hide` and `presenter` to the widget's root element.
pub fn apply_look(page: &Element, host: &Element) {
    let classes = page.class_list();
    let theme = option(host, "theme").unwrap_or_default();
    if let t @ ("light" | "dark") = theme.trim() {
        let _ = classes.add_1(&cat(&["oc-theme-", t]));
    }
    for panel in list(host, "hide") {
        if PANELS.contains(&panel.as_str()) {
            let _ = classes.add_1(&cat(&["oc-hide-", &panel]));
        }
    }
    if option(host, "presenter").is_some_and(|v| v != "false") {
        let _ = classes.add_1("oc-presenter");
    }
}

/// The input id for a link parameter: the same id for programme settings
/// (`pause.annual_cost`), the path the table of fields gives the others.
pub fn input_for_key(key: &str) -> Option<String> {
    fields::input_for_key(key).map(str::to_string)
}

/// The link parameter for a scenario path (`council.care_starts` →
/// `care_starts`, `programmes[0].cohort` → `family-safeguarding.cohort`),
/// so messages about a link name what is in it.
pub fn key_for_path(s: &Scenario, path: &str) -> String {
    if let Some(rest) = path.strip_prefix("programmes[") {
        if let Some((n, field)) = rest.split_once("].") {
            if let Some(p) = n.parse::<usize>().ok().and_then(|i| s.programmes.get(i)) {
                return cat(&[&p.programme, ".", field]);
            }
        }
        return "programmes".into();
    }
    let top = path.split('.').next().unwrap_or(path);
    if top == "evidence_set" {
        return "evidence".into();
    }
    if top == "version" {
        return "v".into();
    }
    fields::key_for_path(path).unwrap_or(path).to_string()
}

/// Makes the locked fields read-only, each with a note saying why.
pub fn lock(root: &ShadowRoot, host: &Element) {
    for key in list(host, "lock") {
        match key.as_str() {
            "programmes" => {
                if let Some(fs) = dom::by_id(root, "programmes") {
                    if let Ok(boxes) = fs.query_selector_all("input[type=checkbox]") {
                        for i in 0..boxes.length() {
                            if let Some(b) = boxes.item(i).and_then(|n| n.dyn_into().ok()) {
                                dom::flag(&b, "disabled", true);
                            }
                        }
                    }
                    note(&fs, "programmes");
                }
            }
            "effect_level" => {
                for level in ["low", "central", "high"] {
                    if let Some(r) = dom::by_id(root, &cat(&["level.", level])) {
                        dom::flag(&r, "disabled", true);
                    }
                }
                if let Some(fs) =
                    dom::by_id(root, "level.low").and_then(|r| r.closest("fieldset").ok().flatten())
                {
                    note(&fs, "level");
                }
            }
            _ => {
                let Some(id) = input_for_key(&key) else {
                    continue;
                };
                let Some(input) = dom::by_id(root, &id) else {
                    continue;
                };
                dom::flag(&input, "readonly", true);
                let _ = input.class_list().add_1("oc-input--locked");
                if let Some(group) = dom::by_id(root, &cat(&[&id, "-group"])) {
                    let note_id = note(&group, &id);
                    let base = input.get_attribute("data-describedby").unwrap_or_default();
                    let ids = if base.is_empty() {
                        note_id
                    } else {
                        cat(&[&base, " ", &note_id])
                    };
                    attrs(
                        &input,
                        &[("data-describedby", &ids), ("aria-describedby", &ids)],
                    );
                }
            }
        }
    }
}

/// Adds the "set by this page" note to a locked group; returns its id.
fn note(parent: &Element, id: &str) -> String {
    let note_id = cat(&[id, "-locked"]);
    let p = dom::el("p");
    p.set_class_name("oc-hint oc-locked-note");
    p.set_id(&note_id);
    p.set_text_content(Some(
        "Set by the page this calculator is on, so it cannot be changed here.",
    ));
    // After the label or legend, before the input.
    let after = parent
        .query_selector(":scope > label, :scope > legend, :scope > .oc-hint")
        .ok()
        .flatten();
    match after.and_then(|a| a.next_sibling()) {
        Some(next) => {
            let _ = parent.insert_before(&p, Some(&next));
        }
        None => {
            let _ = parent.append_child(&p);
        }
    }
    note_id
}

/// In an iframe: posts the page's height to the parent whenever it changes,
/// as `{type: 'outcome-calculator:height', id, height}` (id from the
/// address's `id`) and as the AMP `{sentinel: 'amp', type: 'embed-size',
/// height}`, to the parent's origin: the address's `parent_origin` when
/// the host gives one, else the origin the browser reports for the parent
/// (`location.ancestorOrigins`, then `document.referrer`). Only when none is
/// known (a parent that sends no referrer, in a browser without
/// `ancestorOrigins`) does it post to any parent: the height is not private.
pub fn report_height(host: &HtmlElement) {
    let Some(w) = web_sys::window() else {
        return;
    };
    let Ok(Some(parent)) = w.parent() else {
        return;
    };
    if parent == w {
        return;
    }
    // Once per calculator: each drawing would add another observer.
    if host.has_attribute("data-reports-height") {
        return;
    }
    dom::flag(host, "data-reports-height", true);
    let id = option(host, "id").unwrap_or_default();
    let target = parent_origin(host, &w).unwrap_or_else(|| "*".into());
    let Some(body) = dom::doc().body() else {
        return;
    };
    let last = std::rc::Rc::new(std::cell::Cell::new(-1i32));
    let measured = body.clone();
    let post = move || {
        let h = measured.get_bounding_client_rect().height().ceil() as i32;
        if h <= 0 || h == last.get() {
            return;
        }
        last.set(h);
        let ours = js_sys::Object::new();
        set(&ours, "type", &"outcome-calculator:height".into());
        set(&ours, "id", &JsValue::from_str(&id));
        set(&ours, "height", &h.into());
        let _ = parent.post_message(&ours, &target);
        let amp = js_sys::Object::new();
        set(&amp, "sentinel", &"amp".into());
        set(&amp, "type", &"embed-size".into());
        set(&amp, "height", &h.into());
        let _ = parent.post_message(&amp, &target);
    };
    let c = Closure::<dyn FnMut()>::new(post);
    if let Ok(observer) = web_sys::ResizeObserver::new(c.as_ref().unchecked_ref()) {
        observer.observe(&body);
    }
    c.forget();
}

/// The parent page's origin, when it is known (see [`report_height`]).
fn parent_origin(host: &HtmlElement, w: &web_sys::Window) -> Option<String> {
    let given = option(host, "parent_origin").and_then(|o| origin_of(&o));
    let ancestors = || {
        js_sys::Reflect::get(&w.location(), &"ancestorOrigins".into())
            .ok()
            .and_then(|list| js_sys::Reflect::get(&list, &0.into()).ok())
            .and_then(|o| o.as_string())
            .and_then(|o| origin_of(&o))
    };
    let referrer = || origin_of(&dom::doc().referrer());
    given.or_else(ancestors).or_else(referrer)
}

/// The origin of an address (`scheme://host[:port]`), if it has one.
fn origin_of(url: &str) -> Option<String> {
    let origin = web_sys::Url::new(url).ok()?.origin();
    (origin != "null" && !origin.is_empty()).then_some(origin)
}

fn set(o: &js_sys::Object, k: &str, v: &JsValue) {
    let _ = js_sys::Reflect::set(o, &JsValue::from_str(k), v);
}

/// Escapes text for an HTML attribute value in double quotes.
fn attr_text(value: &str) -> String {
    value
        .replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
}

/// The two embed codes for a scenario written as a link (its `pairs`
/// and their `query`, [`link::to_pairs`]): a script and element, and an
/// iframe with the parent script that sizes it. `base` is the folder the
/// calculator's files are in.
pub fn codes(base: &str, pairs: &[(String, String)], query: &str) -> (String, String) {
    // Compact (the sentence, the key figures, one chart and a link to the
    // full calculator): the size of an article's chart.
    let mut element = String::from("<outcome-calculator view=\"compact\"");
    for (k, v) in pairs {
        element.push_str(&cat(&["\n  ", k, "=\"", &attr_text(v), "\""]));
    }
    // Shown until the calculator starts, and in its place if its files
    // cannot be loaded (for example another site's server sends no CORS
    // headers): a blank space would say nothing.
    element.push_str(">\n  <p>The children's services outcome calculator should appear here. If it does not, this page could not load its files.</p>\n</outcome-calculator>");
    let script = cat(&[
        "<script type=\"module\" src=\"",
        &attr_text(base),
        "outcome-calculator.js\"></script>\n",
        &element,
    ]);
    let iframe = cat(&[
        "<iframe id=\"outcome-calculator-1\" src=\"",
        &attr_text(base),
        "embed.html?view=compact&amp;",
        &attr_text(query),
        "&amp;id=outcome-calculator-1\"\n  title=\"Children's services outcome calculator\" loading=\"lazy\"\n  width=\"100%\" height=\"840\" style=\"width: 100%; border: 0\"\n  allow=\"clipboard-write\"></iframe>\n<script src=\"",
        &attr_text(base),
        "embed-parent.js\" defer></script>",
    ]);
    (script, iframe)
}
