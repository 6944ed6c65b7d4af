//! When the widget itself fails. The model answers every input with results
//! or with errors naming the field, so a panic is a bug; if one happens,
//! each calculator on the page is replaced by a message saying so, with a
//! button that clears the scenario saved on this device and starts again
//! with the default figures, and a link to reload the page. Never a dead
//! widget.
//!
//! The WebAssembly build aborts on panic: the hook below runs first, then
//! the call that panicked traps. The module itself stays usable, so the
//! button mounts a fresh widget into the same shadow root.

use std::cell::Cell;

use wasm_bindgen::prelude::*;
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
        "Reset the calculator to clear the scenario saved on this device and start again with the default figures.",
    );
    let button = add_ct(&box_, "button", "oc-button", "Reset the calculator");
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
        crate::widget::listen(&button, "click", move |_| reset(&root, &host));
    }
    dom::focus(&box_);
}

/// Forgets the saved scenario (and a scenario in the page address) and
/// mounts the calculator again with the default figures.
pub fn reset(root: &ShadowRoot, host: &HtmlElement) {
    crate::widget::tools::workshop::save(host, None);
    let defaults = crate::widget::state::starting_scenario();
    crate::widget::tools::share::sync_address(
        host,
        &crate::model::scenario::link::to_query(&defaults),
        true,
    );
    FAULTED.with(|f| f.set(false));
    if crate::widget::mount_with(root.clone(), host.clone(), defaults).is_err() {
        show(root, host);
    }
}
