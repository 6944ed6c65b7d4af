//! A panic in the widget, for real, in headless Chromium: the panic hook
//! replaces every mounted calculator with a message, a button that mounts
//! it again with what was typed, and a reset button; neither clears the
//! saved scenario.
//!
//! The panic is raised by a Rust callback called from JavaScript, as an
//! event handler would be: the WebAssembly call traps (the build aborts on
//! panic) and the trap surfaces to the caller as a JavaScript error, while
//! the module stays usable.
//!
//! ```text
//! CHROMEDRIVER=/usr/bin/chromedriver WASM_BINDGEN_TEST_WEBDRIVER_JSON=$PWD/webdriver.json \
//!   cargo test --target wasm32-unknown-unknown --features api --test wasm_fault
//! ```
#![cfg(target_arch = "wasm32")]

use outcome_calculator::widget::{self, fault, tools::workshop};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{HtmlElement, ShadowRoot};

wasm_bindgen_test_configure!(run_in_browser);

/// A calculator mounted in a fresh host element with an id of its own.
fn mounted(id: &str) -> (ShadowRoot, HtmlElement) {
    let doc = web_sys::window().unwrap().document().unwrap();
    let host: HtmlElement = doc.create_element("div").unwrap().dyn_into().unwrap();
    host.set_id(id);
    doc.body().unwrap().append_child(&host).unwrap();
    let root = host
        .attach_shadow(&web_sys::ShadowRootInit::new(web_sys::ShadowRootMode::Open))
        .unwrap();
    widget::mount(root.clone(), host.clone()).unwrap();
    (root, host)
}

/// Panics inside a Rust callback called from JavaScript; returns what the
/// JavaScript caller saw.
fn panic_in_callback() -> Result<JsValue, JsValue> {
    let boom = Closure::<dyn FnMut()>::new(|| panic!("a fault raised by the test"));
    let f: &js_sys::Function = boom.as_ref().unchecked_ref();
    let seen = f.call0(&JsValue::NULL);
    boom.forget();
    seen
}

fn has(root: &ShadowRoot, selector: &str) -> bool {
    root.query_selector(selector).unwrap().is_some()
}

fn message(root: &ShadowRoot) -> String {
    root.get_element_by_id(fault::MESSAGE_ID)
        .and_then(|e| e.text_content())
        .unwrap_or_default()
}

fn click_reset(root: &ShadowRoot) {
    root.get_element_by_id(fault::RESET_ID)
        .expect("a reset button")
        .dyn_into::<HtmlElement>()
        .unwrap()
        .click();
}

#[wasm_bindgen_test]
fn a_panic_shows_a_message_and_reset_mounts_the_calculator_again() {
    let (root, host) = mounted("fault-one");
    let (other_root, _) = mounted("fault-two");
    assert!(has(&root, ".oc-layout"), "mounted");
    // Only the calculator's own page keeps a copy on the device.
    host.set_attribute("data-url-state", "").unwrap();
    workshop::save(&host, Some("v=1&programmes=pause&care_starts=123"));
    assert!(workshop::load(&host).is_some());

    let seen = panic_in_callback();
    assert!(seen.is_err(), "the call that panicked traps");

    // Every calculator on the page shows the message instead of a form
    // that no longer answers.
    for r in [&root, &other_root] {
        assert!(!has(r, ".oc-layout"), "the broken form is gone");
        let alert = r.get_element_by_id(fault::MESSAGE_ID).expect("a message");
        assert_eq!(alert.get_attribute("role").as_deref(), Some("alert"));
        let text = message(r);
        assert!(text.contains("Something went wrong"), "{text}");
        assert!(text.contains("Reset the calculator"), "{text}");
        assert!(has(r, "a[href]"), "a reload link");
    }
    assert!(
        workshop::load(&host).is_some(),
        "nothing is cleared until the user asks"
    );

    click_reset(&root);
    assert!(has(&root, ".oc-layout"), "mounted again");
    assert!(has(&root, "#summary, .oc-results"), "with results");
    assert!(root.get_element_by_id(fault::MESSAGE_ID).is_none());
    assert_eq!(
        workshop::load(&host).as_deref(),
        Some("v=1&programmes=pause&care_starts=123"),
        "the saved scenario is kept"
    );
    assert!(
        root.get_element_by_id("saved-aside").is_some(),
        "a notice offers the saved scenario back"
    );
    // The other calculator keeps its message until it is reset too.
    assert!(message(&other_root).contains("Something went wrong"));
    click_reset(&other_root);
    assert!(has(&other_root, ".oc-layout"));

    // A later fault is caught again: the hook is armed after a reset.
    assert!(panic_in_callback().is_err());
    assert!(message(&root).contains("Something went wrong"));
    click_reset(&root);
    assert!(has(&root, ".oc-layout"));
}

fn input(root: &ShadowRoot, id: &str) -> web_sys::HtmlInputElement {
    root.get_element_by_id(id)
        .expect(id)
        .dyn_into::<web_sys::HtmlInputElement>()
        .unwrap()
}

#[wasm_bindgen_test]
fn after_a_fault_try_again_puts_back_what_was_typed() {
    let (root, _host) = mounted("fault-typed");
    let care = input(&root, "council.care_starts");
    care.set_value("515");
    // A value the form refuses is kept as typed too.
    let years = input(&root, "assumptions.funding_years");
    years.set_value("twelve");

    assert!(panic_in_callback().is_err());
    assert!(message(&root).contains("Try again with your figures"));
    root.get_element_by_id(fault::RETRY_ID)
        .expect("a retry button")
        .dyn_into::<HtmlElement>()
        .unwrap()
        .click();
    assert!(has(&root, ".oc-layout"), "mounted again");
    assert_eq!(input(&root, "council.care_starts").value(), "515");
    assert_eq!(input(&root, "assumptions.funding_years").value(), "twelve");
}
