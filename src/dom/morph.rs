//! Brings a drawn part of the page in line with a fresh drawing of it,
//! changing only what differs.
//!
//! The figures are drawn by plain functions into a detached element, then
//! [`children`] walks it beside the drawn one: a text that changed is
//! rewritten, an attribute that changed is set, and only where the two
//! differ in kind (another element, more or fewer rows) are nodes moved
//! across. Typing a digit then rewrites a few texts instead of rebuilding
//! the figures, so the browser lays out and paints less, and a focused
//! button or an open table stays as it is.

use wasm_bindgen::JsCast;
use web_sys::{Element, Node};

/// Makes the children of `live` match those of `fresh`, a detached drawing
/// of the same part (whose nodes may be moved into `live`).
pub fn children(live: &Node, fresh: &Node) {
    let mut at = live.first_child();
    let mut next = fresh.first_child();
    while let Some(f) = next {
        next = f.next_sibling();
        match at {
            Some(l) if same_kind(&l, &f) => {
                node(&l, &f);
                at = l.next_sibling();
            }
            Some(l) => {
                super::ungroup_radios(&l);
                let _ = live.replace_child(&f, &l);
                at = f.next_sibling();
            }
            None => {
                let _ = live.append_child(&f);
            }
        }
    }
    while let Some(l) = at {
        at = l.next_sibling();
        super::ungroup_radios(&l);
        let _ = live.remove_child(&l);
    }
}

/// Same node type and tag (text with text, `<dd>` with `<dd>`).
fn same_kind(a: &Node, b: &Node) -> bool {
    a.node_type() == b.node_type() && a.node_name() == b.node_name()
}

fn node(live: &Node, fresh: &Node) {
    if live.node_type() == Node::ELEMENT_NODE {
        if let (Some(l), Some(f)) = (live.dyn_ref::<Element>(), fresh.dyn_ref::<Element>()) {
            attributes(l, f);
        }
        children(live, fresh);
    } else {
        let text = fresh.node_value();
        if live.node_value() != text {
            live.set_node_value(text.as_deref());
        }
    }
}

/// Whether a disclosure is open is the reader's: a redraw leaves it.
const READERS: &str = "open";

/// Sets the attributes of `live` to those of `fresh`, but for [`READERS`].
fn attributes(live: &Element, fresh: &Element) {
    for name in live.get_attribute_names().iter() {
        if let Some(name) = name.as_string() {
            if name != READERS && !fresh.has_attribute(&name) {
                let _ = live.remove_attribute(&name);
            }
        }
    }
    for name in fresh.get_attribute_names().iter() {
        if let Some(name) = name.as_string().filter(|n| n != READERS) {
            let value = fresh.get_attribute(&name);
            if live.get_attribute(&name) != value {
                let _ = live.set_attribute(&name, value.as_deref().unwrap_or_default());
            }
        }
    }
}
