//! Workshop use: presenter mode (large type for a projector), "Start again"
//! (back to the defaults), and the
//! copy of the scenario saved on this device after every change.
//!
//! The saved copy is the share-link query (the same codec, so it is as
//! exact as a link) in `localStorage`, keyed by the page's path. Only the
//! calculator's own pages save (`data-url-state`): an element in someone
//! else's article shows that article's figures each time. Storage can
//! be missing, refused or full (sandboxed frames, some `file://` pages,
//! private modes, a full quota): then the bar says the figures are not
//! saved, instead of "Saved on this device only". A share link opened
//! over a different saved scenario does not replace it: saving waits until
//! the user chooses (see [`crate::widget::tools::share`]). Nor does
//! another tab: when one saves a different scenario ([`watch_other_tabs`],
//! the `storage` event), this one stops saving and offers to open the
//! other tab's scenario or keep its own.

use web_sys::{Element, Storage};

use crate::dom::{self, add_c, add_ct, attrs, cat};

const KEY: &str = "outcome-calculator:scenario:";

/// True when this page keeps a copy of the scenario.
pub fn saves(host: &Element) -> bool {
    crate::widget::tools::address::owns_address(host)
}

fn storage(host: &Element) -> Option<Storage> {
    if !saves(host) {
        return None;
    }
    web_sys::window()?.local_storage().ok().flatten()
}

fn key(host: &Element) -> String {
    let path = web_sys::window()
        .and_then(|w| w.location().pathname().ok())
        .unwrap_or_default();
    let which = host.get_attribute("id").unwrap_or_default();
    cat(&[KEY, &path, "#", &which])
}

/// The saved scenario (a link query), if there is one.
pub fn load(host: &Element) -> Option<String> {
    storage(host)?.get_item(&key(host)).ok().flatten()
}

/// Saves the scenario, or forgets it when `query` is `None`; nothing while
/// a link is shown over the user's own saved scenario and they have not
/// chosen between them ([`crate::widget::tools::address::ASIDE`]). Returns
/// false, and the bar says so, when the browser refuses (no storage, or
/// `setItem` throws: full or switched off).
pub fn save(host: &Element, query: Option<&str>) -> bool {
    if !saves(host) || host.has_attribute(crate::widget::tools::address::ASIDE) {
        return true;
    }
    let Some(s) = storage(host) else {
        note(host, Some(NOT_SAVED_OFF));
        return false;
    };
    let k = key(host);
    let done = match query {
        Some(q) => {
            if s.get_item(&k).ok().flatten().as_deref() == Some(q) {
                note(host, None);
                return true;
            }
            s.set_item(&k, q)
        }
        None => s.remove_item(&k),
    };
    match done {
        Ok(()) => {
            note(host, None);
            true
        }
        Err(_) => {
            note(host, Some(NOT_SAVED_FULL));
            false
        }
    }
}

/// The bar's saving note when all is well.
const SAVED: &str = "Saved on this device only.";
/// The note when the browser gives no storage to this page.
const NOT_SAVED_OFF: &str = "Not saved: this browser does not let the calculator keep a copy here (storage is switched off). Copy the link under the results to keep your figures.";
/// The note when saving failed.
const NOT_SAVED_FULL: &str = "Not saved: this browser refused to keep a copy (its storage may be full or switched off). Copy the link under the results to keep your figures.";

/// Id of the saving note in the bar.
pub const NOTE_ID: &str = "saved-note";

/// Sets the bar's saving note: `None` for saved, else why not.
fn note(host: &Element, why: Option<&str>) {
    let Some(p) = host
        .shadow_root()
        .and_then(|r| r.get_element_by_id(NOTE_ID))
    else {
        return;
    };
    let words = why.unwrap_or(SAVED);
    if p.text_content().as_deref() != Some(words) {
        p.set_text_content(Some(words));
    }
    dom::flag(&p, "data-failed", why.is_some());
}

/// Id of the notice shown when another tab saved a different scenario.
pub const ELSEWHERE_ID: &str = "saved-elsewhere";

/// Listens (once per page) for another tab saving on this device: a
/// calculator whose saved copy another tab changed to something other
/// than what it shows stops saving ([`crate::widget::tools::address::ASIDE`])
/// and says so, with "Open the other tab's scenario" and "Keep this tab's
/// scenario" (which saves it over the other's). Neither tab's work is
/// overwritten without the reader choosing.
pub fn watch_other_tabs() {
    use wasm_bindgen::JsCast;
    thread_local! {
        static ON: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    }
    if ON.with(|on| on.replace(true)) {
        return;
    }
    let Some(w) = web_sys::window() else {
        return;
    };
    let c =
        wasm_bindgen::closure::Closure::<dyn FnMut(web_sys::Event)>::new(|e: web_sys::Event| {
            let get = |name: &str| {
                js_sys::Reflect::get(&e, &name.into())
                    .ok()
                    .and_then(|v| v.as_string())
            };
            // `key` is null when another tab cleared all storage.
            let changed = get("key");
            let new_value = get("newValue");
            for widget in crate::widget::live::all() {
                let host = &widget.host;
                if !saves(host) || !host.is_connected() {
                    continue;
                }
                if changed.as_deref().is_some_and(|k| k != key(host)) {
                    continue;
                }
                other_tab_saved(&widget.root, host, new_value.as_deref());
            }
        });
    let _ = w.add_event_listener_with_callback("storage", c.as_ref().unchecked_ref());
    c.forget();
}

fn other_tab_saved(root: &web_sys::ShadowRoot, host: &Element, new_value: Option<&str>) {
    use crate::model::scenario::link;
    // The same scenario as this tab's: nothing to choose between.
    let mine = crate::widget::live::find(root)
        .and_then(|w| w.state())
        .and_then(|st| st.try_borrow().ok().map(|s| link::to_query(&s.scenario)));
    if mine.is_some() && mine.as_deref() == new_value {
        return;
    }
    dom::flag(host, crate::widget::tools::address::ASIDE, true);
    let Some(page) = root.query_selector(".oc").ok().flatten() else {
        return;
    };
    if let Some(old) = dom::by_id(root, ELSEWHERE_ID) {
        old.remove();
    }
    let box_ = add_c(&page, "div", "oc-notice");
    box_.set_id(ELSEWHERE_ID);
    attrs(
        &box_,
        &[
            ("role", "alert"),
            ("aria-labelledby", "saved-elsewhere-title"),
        ],
    );
    add_ct(
        &box_,
        "h2",
        "oc-notice-title",
        if new_value.is_some() {
            "Another tab saved a different scenario"
        } else {
            "Another tab cleared the saved scenario"
        },
    )
    .set_id("saved-elsewhere-title");
    add_ct(
        &box_,
        "p",
        "",
        "The copy saved on this device is now the other tab's. This tab's figures stay as they are and are not saved over it until you choose.",
    );
    for (words, action) in [
        ("Open the other tab's scenario", "saved-open"),
        ("Keep this tab's scenario", "saved-replace"),
    ] {
        if action == "saved-open" && new_value.is_none() {
            continue;
        }
        let b = add_ct(&box_, "button", "oc-button oc-button--secondary", words);
        attrs(&b, &[("type", "button"), ("data-action", action)]);
    }
    let _ = page.insert_before(&box_, page.first_child().as_ref());
}

/// Keeps the text of a saved copy made with an older evidence set under a
/// key of its own (`…:evidence-<set>`), once: the copy under the usual key
/// is then saved with the current evidence set, and the one as it was is
/// never lost.
pub fn keep_older(host: &Element, evidence: &str, text: &str) {
    let Some(s) = storage(host) else {
        return;
    };
    let k = cat(&[&key(host), ":evidence-", evidence]);
    if s.get_item(&k).ok().flatten().is_none() {
        let _ = s.set_item(&k, text);
    }
}

const UNDO_SHOWN: &str = "data-undo-shown";
const UNDO_SAVED: &str = "data-undo-saved";

/// After "Start again": an "Undo" button in the bar, which puts back the
/// scenario shown (`shown`, a query) and the saved copy as it was
/// (`before`).
pub fn offer_undo(root: &web_sys::ShadowRoot, host: &Element, shown: &str, before: Option<&str>) {
    let _ = host.set_attribute(UNDO_SHOWN, shown);
    match before {
        Some(b) => {
            let _ = host.set_attribute(UNDO_SAVED, b);
        }
        None => {
            let _ = host.remove_attribute(UNDO_SAVED);
        }
    }
    let Some(status) = dom::by_id(root, "bar-status") else {
        return;
    };
    let Some(bar) = status.parent_element() else {
        return;
    };
    let b = add_ct(&bar, "button", "oc-button oc-button--secondary", "Undo");
    attrs(
        &b,
        &[
            ("type", "button"),
            ("id", "reset-undo"),
            ("data-action", "reset-undo"),
        ],
    );
}

/// What [`offer_undo`] kept, taken (the scenario shown, the saved copy).
pub fn take_undo(host: &Element) -> Option<(String, Option<String>)> {
    let shown = host.get_attribute(UNDO_SHOWN)?;
    let before = host.get_attribute(UNDO_SAVED);
    let _ = host.remove_attribute(UNDO_SHOWN);
    let _ = host.remove_attribute(UNDO_SAVED);
    Some((shown, before))
}

/// The bar at the top: presenter mode, "Start again" with its confirmation, and
/// the saving note. Buttons carry `data-action` for the shared click
/// handler.
pub fn bar(page: &Element, host: &Element) -> Element {
    let bar = add_c(page, "div", "oc-topbar oc-panel-workshop");
    let presenter = page.class_list().contains("oc-presenter");
    let b = add_ct(
        &bar,
        "button",
        "oc-button oc-button--secondary",
        "Presenter mode",
    );
    attrs(
        &b,
        &[
            ("type", "button"),
            ("data-action", "presenter"),
            ("aria-pressed", if presenter { "true" } else { "false" }),
        ],
    );
    b.set_id("presenter");
    let r = add_ct(
        &bar,
        "button",
        "oc-button oc-button--secondary",
        "Start again",
    );
    attrs(
        &r,
        &[
            ("type", "button"),
            ("data-action", "reset"),
            ("aria-controls", "reset-confirm"),
            ("aria-expanded", "false"),
        ],
    );
    r.set_id("reset");
    if saves(host) {
        let note = add_ct(
            &bar,
            "p",
            "oc-saved",
            if storage(host).is_some() {
                SAVED
            } else {
                NOT_SAVED_OFF
            },
        );
        attrs(&note, &[("id", NOTE_ID), ("role", "status")]);
        dom::flag(&note, "data-failed", storage(host).is_none());
        watch_other_tabs();
    }

    let confirm = add_c(&bar, "div", "oc-confirm");
    confirm.set_id("reset-confirm");
    dom::show(&confirm, false);
    add_ct(
        &confirm,
        "p",
        "oc-confirm-text",
        if saves(host) {
            "Start again with the default figures and clear the copy saved on this device? Pinned scenarios stay."
        } else {
            "Start again with the default figures? Pinned scenarios stay."
        },
    );
    let yes = add_ct(
        &confirm,
        "button",
        "oc-button oc-button--warning",
        "Yes, start again",
    );
    attrs(&yes, &[("type", "button"), ("data-action", "reset-yes")]);
    let no = add_ct(
        &confirm,
        "button",
        "oc-button oc-button--secondary",
        "Cancel",
    );
    attrs(&no, &[("type", "button"), ("data-action", "reset-no")]);

    let said = add_c(&bar, "p", "oc-bar-status");
    said.set_id("bar-status");
    attrs(&said, &[("role", "status"), ("tabindex", "-1")]);
    bar
}

/// Turns presenter mode on or off; remembered on the host element so that
/// it survives a redraw.
pub fn toggle_presenter(page: &Element, host: &Element, button: &Element) {
    let on = !page.class_list().contains("oc-presenter");
    let _ = page.class_list().toggle_with_force("oc-presenter", on);
    // `data-presenting` fills the screen (widget.css).
    for name in ["presenter", "data-presenting"] {
        if on {
            let _ = host.set_attribute(name, "");
        } else {
            let _ = host.remove_attribute(name);
        }
    }
    let _ = button.set_attribute("aria-pressed", if on { "true" } else { "false" });
}

/// Opens or closes the "Start again" confirmation.
pub fn ask_reset(root: &web_sys::ShadowRoot, open: bool) {
    if let Some(c) = dom::by_id(root, "reset-confirm") {
        dom::show(&c, open);
        if open {
            if let Ok(Some(yes)) = c.query_selector("[data-action=reset-yes]") {
                dom::focus(&yes);
            }
        }
    }
    if let Some(r) = dom::by_id(root, "reset") {
        let _ = r.set_attribute("aria-expanded", if open { "true" } else { "false" });
        if !open {
            dom::focus(&r);
        }
    }
}
