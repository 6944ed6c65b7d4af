//! When the widget itself fails. The model answers every input with results
//! or with errors naming the field, so a panic is a bug; if one happens,
//! each calculator on the page is replaced by a message saying so, with a
//! button that mounts it again with the figures it showed and puts back
//! what was typed in the form, one that starts again with the default
//! figures, and a link to reload the page. Neither clears the scenario
//! saved on this device: after a reset it is kept aside, with a notice
//! offering to open it. Never a dead widget, and nothing typed is lost.
//!
//! The WebAssembly build aborts on panic: the hook below runs first, then
//! the call that panicked traps. The module itself stays usable, so the
//! button mounts a fresh widget into the same shadow root.

use std::cell::Cell;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{HtmlElement, ShadowRoot};

use crate::dom::{self, add, add_c, add_ct, add_t, attrs, cat, text};

thread_local! {
    /// Set by a panic, cleared by a reset: a second panic before the reset
    /// is only logged, so the message stays put.
    static FAULTED: Cell<bool> = const { Cell::new(false) };
}

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = console, js_name = error)]
    fn console_error(message: &str);
}

/// Id of the message box.
pub const MESSAGE_ID: &str = "fault";
/// Id of the reset button.
pub const RESET_ID: &str = "fault-reset";
/// Id of the button that tries again with the figures that were shown.
pub const RETRY_ID: &str = "fault-retry";

/// The host's copy of what the form held when the fault came: the scenario
/// of the share link (a query) and the typed text of each input.
const KEPT_LINK: &str = "data-fault-link";
const KEPT_TYPED: &str = "data-fault-typed";

/// Installs the panic hook (once), as a calculator is being drawn.
pub fn watch() {
    static INSTALL: std::sync::Once = std::sync::Once::new();
    INSTALL.call_once(|| std::panic::set_hook(Box::new(on_panic)));
    FAULTED.with(|f| f.set(false));
}

fn on_panic(info: &std::panic::PanicHookInfo) {
    // For a bug report: the browser console keeps the panic's message.
    console_error(&cat(&["outcome-calculator: ", &info.to_string()]));
    if FAULTED.with(|f| f.replace(true)) {
        return;
    }
    // Every calculator on the page (`widget::live`): they share one
    // WebAssembly instance, which a panic leaves in doubt.
    for w in crate::widget::live::all() {
        if w.host.is_connected() {
            show(&w.root, &w.host);
        }
    }
}

/// Replaces a calculator with the message and the reset button.
pub fn show(root: &ShadowRoot, host: &HtmlElement) {
    keep_typed(root, host);
    if let Some(w) = crate::widget::live::find(root) {
        w.release();
    }
    dom::clear(root);
    // The single-file page styles the shadow root itself; otherwise the
    // stylesheet comes from the loader's folder, as for the widget.
    if !host.has_attribute("data-inline-css") {
        let sheet = add(root, "link");
        let href = cat(&[
            &host.get_attribute("data-base").unwrap_or_default(),
            "widget.css",
        ]);
        attrs(&sheet, &[("rel", "stylesheet"), ("href", &href)]);
    }
    let page = add_c(root, "div", "oc");
    let box_ = add_c(&page, "div", "oc-notice oc-notice--alert");
    attrs(
        &box_,
        &[
            ("id", MESSAGE_ID),
            ("role", "alert"),
            ("tabindex", "-1"),
            ("aria-labelledby", "fault-title"),
        ],
    );
    let title = add_ct(&box_, "h2", "oc-notice-title", "Something went wrong");
    title.set_id("fault-title");
    add_t(
        &box_,
        "p",
        "The calculator hit a problem it could not recover from. Nothing you entered has left this device.",
    );
    add_t(
        &box_,
        "p",
        "Try again with your figures: the calculator starts again with what you had typed. Or reset the calculator to start again with the default figures. Neither clears the scenario saved on this device.",
    );
    let retry = add_ct(&box_, "button", "oc-button", "Try again with your figures");
    attrs(&retry, &[("type", "button"), ("id", RETRY_ID)]);
    let button = add_ct(
        &box_,
        "button",
        "oc-button oc-button--secondary",
        "Reset the calculator",
    );
    attrs(&button, &[("type", "button"), ("id", RESET_ID)]);
    let again = add(&box_, "p");
    text(&again, "If that does not help, ");
    let reload = add_ct(&again, "a", "oc-link", "reload the page");
    let here = web_sys::window()
        .and_then(|w| w.location().href().ok())
        .unwrap_or_default();
    attrs(&reload, &[("href", &here)]);
    text(&again, ".");
    {
        let (root, host) = (root.clone(), host.clone());
        crate::widget::live::listen(&button, "click", move |_| reset(&root, &host));
    }
    {
        let (root, host) = (root.clone(), host.clone());
        crate::widget::live::listen(&retry, "click", move |_| retry_typed(&root, &host));
    }
    dom::focus(&box_);
}

/// Copies what the form holds onto the host before the form is cleared:
/// the share link's scenario and the text of every typed input (nothing
/// when the form is already gone, so a second fault keeps the first copy).
fn keep_typed(root: &ShadowRoot, host: &HtmlElement) {
    use crate::model::scenario::link;
    let Ok(inputs) = root.query_selector_all("form input[type=text]") else {
        return;
    };
    if inputs.length() == 0 {
        return;
    }
    let mut typed = Vec::new();
    for i in 0..inputs.length() {
        let Some(input) = inputs
            .item(i)
            .and_then(|n| n.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            continue;
        };
        typed.push(cat(&[
            &link::encode_component(&input.id()),
            "=",
            &link::encode_component(&input.value()),
        ]));
    }
    let _ = host.set_attribute(KEPT_TYPED, &typed.join("&"));
    let shared = dom::by_id(root, "share-link")
        .and_then(|e| js_sys::Reflect::get(&e, &"value".into()).ok())
        .and_then(|v| v.as_string())
        .and_then(|v| v.split_once('?').map(|(_, q)| q.to_string()));
    match shared {
        Some(q) if !q.is_empty() => {
            let _ = host.set_attribute(KEPT_LINK, &q);
        }
        _ => {}
    }
}

/// Mounts the calculator again with the scenario it showed and puts back
/// the text typed in each input (each as if typed: a value that caused the
/// fault brings the message back, with the text still kept).
pub fn retry_typed(root: &ShadowRoot, host: &HtmlElement) {
    use crate::model::scenario::link;
    let scenario = host
        .get_attribute(KEPT_LINK)
        .and_then(|q| link::from_query(&q).ok())
        .filter(|s| crate::model::validate(s).is_ok())
        .unwrap_or_else(crate::widget::state::starting_scenario);
    let typed = host
        .get_attribute(KEPT_TYPED)
        .and_then(|t| link::pairs(&t).ok())
        .unwrap_or_default();
    FAULTED.with(|f| f.set(false));
    if crate::widget::hooks::mount_with(root.clone(), host.clone(), scenario).is_err() {
        show(root, host);
        return;
    }
    for (id, value) in typed {
        let Some(input) =
            dom::by_id(root, &id).and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            continue;
        };
        if input.value() != value {
            input.set_value(&value);
            if let Ok(e) = web_sys::Event::new_with_event_init_dict("input", &{
                let init = web_sys::EventInit::new();
                init.set_bubbles(true);
                init
            }) {
                let _ = input.dispatch_event(&e);
            }
        }
        if FAULTED.with(|f| f.get()) {
            return;
        }
    }
    let _ = host.remove_attribute(KEPT_LINK);
    let _ = host.remove_attribute(KEPT_TYPED);
}

/// Mounts the calculator again with the default figures (and takes the
/// scenario out of the page address). The copy saved on this device is
/// kept: set aside (nothing is saved over it), with the notice offering to
/// open it.
pub fn reset(root: &ShadowRoot, host: &HtmlElement) {
    use crate::widget::tools::{share, workshop};
    let defaults = crate::widget::state::starting_scenario();
    share::sync_address(
        host,
        &crate::model::scenario::link::to_query(&defaults),
        true,
    );
    FAULTED.with(|f| f.set(false));
    let aside = workshop::load(host).is_some();
    dom::flag(host, share::ASIDE, aside);
    let start = share::Start {
        scenario: defaults.clone(),
        problems: Vec::new(),
        older: None,
        aside,
        older_saved: false,
        defaults: true,
        checked: None,
    };
    if crate::widget::hooks::draw(root.clone(), host.clone(), defaults, Some(start)).is_err() {
        show(root, host);
    }
}
