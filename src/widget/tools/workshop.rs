//! Workshop use: presenter mode (large type for a projector), "Start again"
//! (back to the defaults), and the
//! copy of the scenario saved on this device after every change.
//!
//! The saved copy is the share-link query (the same codec, so it is as
//! exact as a link) in `localStorage`, keyed by the page's path. Only the
//! calculator's own pages save (`data-url-state`): an element in someone
//! else's article shows that article's figures each time. Storage can
//! be missing or refused (sandboxed frames, some `file://` pages, private
//! modes): then nothing is saved and nothing is said. A share link opened
//! over a different saved scenario does not replace it: saving waits until
//! the user chooses (see [`crate::widget::tools::share`]).

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
/// chosen between them ([`crate::widget::tools::address::ASIDE`]).
pub fn save(host: &Element, query: Option<&str>) {
    if host.has_attribute(crate::widget::tools::address::ASIDE) {
        return;
    }
    let Some(s) = storage(host) else {
        return;
    };
    let k = key(host);
    let _ = match query {
        Some(q) => {
            if s.get_item(&k).ok().flatten().as_deref() == Some(q) {
                return;
            }
            s.set_item(&k, q)
        }
        None => s.remove_item(&k),
    };
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
        add_ct(&bar, "p", "oc-saved", "Saved on this device only.");
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
