//! The error next to a field or group (GOV.UK pattern: the message above
//! the input, the group marked, the input described by the message), shared
//! by the inputs and the council picker.

use web_sys::ShadowRoot;

use crate::dom::{self, cat, text};

/// Shows, changes or clears the error next to a field or group (also the
/// council picker and the file input).
pub fn show_error(root: &ShadowRoot, slot: &str, message: Option<&str>) {
    let err_id = cat(&[slot, "-error"]);
    if let Some(err) = dom::by_id(root, &err_id) {
        dom::clear(&err);
        if let Some(m) = message {
            dom::hidden_text(&err, "Error: ");
            text(&err, m);
        }
        dom::show(&err, message.is_some());
    }
    if let Some(group) = dom::by_id(root, &cat(&[slot, "-group"])) {
        let _ = group
            .class_list()
            .toggle_with_force("oc-field--error", message.is_some());
    }
    if let Some(target) = dom::by_id(root, slot) {
        let base = target.get_attribute("data-describedby").unwrap_or_default();
        let described = match message {
            Some(_) if base.is_empty() => err_id,
            Some(_) => cat(&[&base, " ", &err_id]),
            None => base,
        };
        if described.is_empty() {
            let _ = target.remove_attribute("aria-describedby");
        } else {
            let _ = target.set_attribute("aria-describedby", &described);
        }
        if target.tag_name() == "INPUT" {
            if message.is_some() {
                let _ = target.set_attribute("aria-invalid", "true");
            } else {
                let _ = target.remove_attribute("aria-invalid");
            }
        }
    }
}
