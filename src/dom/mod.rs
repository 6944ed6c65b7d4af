//! Tiny DOM helpers. Text the user typed, or any other data, only ever
//! reaches the page through `set_text_content` and attribute setters, never
//! as markup.

pub mod chart;
pub mod context;
pub mod download;
pub mod format;
pub mod morph;

use wasm_bindgen::JsCast;
use web_sys::{Document, Element, HtmlElement, Node, ShadowRoot};

/// The SVG namespace.
pub const SVG: &str = "http://www.w3.org/2000/svg";

/// Class that hides text visually but leaves it for screen readers.
pub const VH: &str = "oc-vh";

thread_local! {
    static DOC: Document = web_sys::window()
        .and_then(|w| w.document())
        .expect("the widget runs in a page");
}

/// Runs `f` in a task of its own, after anything waiting (a key pressed).
pub fn next_task(f: impl FnOnce() + 'static) {
    if let Some(w) = web_sys::window() {
        let run = wasm_bindgen::closure::Closure::once_into_js(f);
        let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(run.unchecked_ref(), 0);
    }
}

/// The page's document.
pub fn doc() -> Document {
    DOC.with(Clone::clone)
}

/// A new HTML element.
pub fn el(tag: &str) -> Element {
    doc().create_element(tag).expect("valid tag name")
}

/// A new HTML element appended to `parent`.
pub fn add(parent: &Node, tag: &str) -> Element {
    let e = el(tag);
    let _ = parent.append_child(&e);
    e
}

/// A new element with a class, appended to `parent`.
pub fn add_c(parent: &Node, tag: &str, class: &str) -> Element {
    let e = add(parent, tag);
    e.set_class_name(class);
    e
}

/// A new element holding `text`, appended to `parent`.
pub fn add_t(parent: &Node, tag: &str, text: &str) -> Element {
    let e = add(parent, tag);
    e.set_text_content(Some(text));
    e
}

/// A new element with a class and text, appended to `parent`.
pub fn add_ct(parent: &Node, tag: &str, class: &str, text: &str) -> Element {
    let e = add_c(parent, tag, class);
    e.set_text_content(Some(text));
    e
}

/// Appends a text node.
pub fn text(parent: &Node, text: &str) {
    let _ = parent.append_child(&doc().create_text_node(text));
}

/// Sets attributes from name/value pairs.
pub fn attrs(e: &Element, pairs: &[(&str, &str)]) {
    for (name, value) in pairs {
        let _ = e.set_attribute(name, value);
    }
}

/// Sets or removes a boolean attribute.
pub fn flag(e: &Element, name: &str, on: bool) {
    if on {
        let _ = e.set_attribute(name, "");
    } else {
        let _ = e.remove_attribute(name);
    }
}

/// Shows or hides an element with the `hidden` attribute.
pub fn show(e: &Element, visible: bool) {
    flag(e, "hidden", !visible);
}

/// Removes every child.
pub fn clear(e: &Node) {
    ungroup_radios(e);
    e.set_text_content(None);
}

/// Takes `e` out of the page.
pub fn remove(e: &Element) {
    ungroup_radios(e);
    e.remove();
}

/// Takes the named radio buttons in `e` out of their group, before `e` (or
/// its children) leave the page. Chromium's group of same-named radios in
/// a shadow root, outside a form, keeps a radio after it is removed, and
/// with it every node of the drawing it was in: redrawing a panel with
/// radios then held each old drawing for the life of the page (24,000
/// nodes after 2,000 random steps with the council context open).
pub fn ungroup_radios(e: &Node) {
    let found = if let Some(el) = e.dyn_ref::<Element>() {
        el.query_selector_all("input[type=radio][name]")
    } else if let Some(root) = e.dyn_ref::<ShadowRoot>() {
        root.query_selector_all("input[type=radio][name]")
    } else {
        return;
    };
    let Ok(list) = found else {
        return;
    };
    for i in 0..list.length() {
        if let Some(radio) = list.item(i).and_then(|n| n.dyn_into::<Element>().ok()) {
            let _ = radio.remove_attribute("name");
        }
    }
    if let Some(radio) = e.dyn_ref::<Element>().filter(|el| {
        el.get_attribute("type").as_deref() == Some("radio") && el.has_attribute("name")
    }) {
        let _ = radio.remove_attribute("name");
    }
}

/// Text that only screen readers announce, appended to `parent`.
pub fn hidden_text(parent: &Node, text: &str) {
    add_ct(parent, "span", VH, text);
}

/// A link to a source, opening in a new tab, appended to `parent`.
pub fn source_link(parent: &Node, href: &str, text: &str) -> Element {
    let a = add_t(parent, "a", text);
    attrs(
        &a,
        &[
            ("href", href),
            ("rel", "noopener noreferrer"),
            ("target", "_blank"),
        ],
    );
    a.set_class_name("oc-link");
    hidden_text(&a, " (opens in a new tab)");
    a
}

/// The element with this id in the widget.
pub fn by_id(root: &ShadowRoot, id: &str) -> Option<Element> {
    root.get_element_by_id(id)
}

/// Moves keyboard focus to an element.
pub fn focus(e: &Element) {
    if let Some(h) = e.dyn_ref::<HtmlElement>() {
        let _ = h.focus();
    }
}

/// A new SVG element appended to `parent`.
pub fn svg(parent: &Node, tag: &str, pairs: &[(&str, &str)]) -> Element {
    let e = doc()
        .create_element_ns(Some(SVG), tag)
        .expect("valid SVG tag name");
    attrs(&e, pairs);
    let _ = parent.append_child(&e);
    e
}

/// Joins strings without `format!`.
pub fn cat(parts: &[&str]) -> String {
    let mut s = String::with_capacity(parts.iter().map(|p| p.len()).sum());
    for p in parts {
        s.push_str(p);
    }
    s
}

/// The text with its first letter in capitals (GOV.UK messages are
/// sentences; the model's are lower case so they can follow a field name).
pub fn sentence(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// A whole number for an SVG attribute.
pub fn n(x: f64) -> String {
    (x.round() as i64).to_string()
}
