//! The update cycle: each change of input is checked, projected and
//! drawn ([`update`]), the charts and tables once typing rests, with the
//! field in use held where it is on the screen ([`steady`]); and the
//! form's own listeners that start it. [`super::mount`] wires these at
//! the top; a panel below that must bring the results in line calls
//! [`super::hooks::update`], which mount points here, so no panel names
//! this file or the mount.

use std::rc::Rc;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, Event, HtmlInputElement, ShadowRoot};

use crate::dom;
use crate::widget::live::{self, Shared};
use crate::widget::state::{self, State};
use crate::widget::tools;
use crate::widget::{form, results};

/// How long typing must rest before the charts and tables are redrawn, ms
/// (the simulation behind "How sure are we?" waits a little longer).
const REST_MS: i32 = 300;

/// Redraws the charts and tables of the widget in `root` once typing has
/// rested [`REST_MS`], or (`wait` false) drops the one waiting, when
/// everything has just been redrawn.
/// Runs a redraw of the results and keeps the field the reader is in
/// where it was on the screen: on a phone the results come before the
/// form, so a sentence, a list or a chart growing above would push the
/// field down while the reader types or ticks. The page is scrolled by as
/// much as the field moved (the browser's own scroll anchoring does not
/// reach into the calculator's shadow root).
fn steady<T>(root: &ShadowRoot, redraw: impl FnOnce() -> T) -> T {
    let field = root
        .active_element()
        .filter(|e| matches!(e.tag_name().as_str(), "INPUT" | "SELECT" | "TEXTAREA"));
    let Some(field) = field else {
        return redraw();
    };
    let before = field.get_bounding_client_rect().top();
    let out = redraw();
    let moved = field.get_bounding_client_rect().top() - before;
    if moved.abs() >= 0.5 && field.is_connected() {
        if let Some(w) = web_sys::window() {
            w.scroll_by_with_x_and_y(0.0, moved);
        }
    }
    out
}

pub(crate) fn rest_later(root: &ShadowRoot, wait: bool) {
    let (Some(window), Some(w)) = (web_sys::window(), live::find(root)) else {
        return;
    };
    if let Some(t) = w.rest.take() {
        window.clear_timeout_with_handle(t);
    }
    // Marks the charts and tables as waiting for their redraw.
    if let Some(f) = dom::by_id(root, "figures") {
        dom::flag(&f, "data-pending", wait);
    }
    if !wait {
        return;
    }
    let r = root.clone();
    let run = Closure::once_into_js(move || rest_now(&r));
    w.rest.set(
        window
            .set_timeout_with_callback_and_timeout_and_arguments_0(run.unchecked_ref(), REST_MS)
            .ok(),
    );
}

/// The redraw [`rest_later`] waited for, in parts
/// ([`results::figures::Rest`]), each in a task of its own; the reader
/// typing again drops the parts left.
fn rest_now(root: &ShadowRoot) {
    if let Some(w) = live::find(root) {
        w.rest.set(None);
    }
    let Some(rest) = steady(root, || {
        with_settled(root, |s| results::figures::rest_begin(root, s)).flatten()
    }) else {
        done_waiting(root);
        return;
    };
    let r = root.clone();
    dom::next_task(move || {
        if steady(&r, || {
            with_settled(&r, |s| results::figures::rest_charts(&rest, s))
        })
        .is_some()
        {
            dom::next_task(move || {
                if steady(&r, || {
                    with_settled(&r, |s| results::figures::rest_end(&r, rest, s))
                })
                .is_some()
                {
                    done_waiting(&r);
                }
            });
        }
    });
}

/// The charts and tables are up to date (`#figures[data-pending]` goes).
fn done_waiting(root: &ShadowRoot) {
    if let Some(f) = dom::by_id(root, "figures") {
        dom::flag(&f, "data-pending", false);
    }
}

/// Runs `f` on the state of the widget in `root` if its input has rested
/// (no newer redraw waiting) and its results are current.
fn with_settled<T>(root: &ShadowRoot, f: impl FnOnce(&State) -> T) -> Option<T> {
    let w = live::find(root)?;
    if w.rest.get().is_some() {
        return None;
    }
    let st = w.state()?;
    let s = st.try_borrow().ok()?;
    (!s.stale).then(|| f(&s))
}

/// Recomputes and brings errors and results in line: everything when
/// `force`, else (the reader typing) the sentence and key figures now and
/// the charts and tables once typing rests.
pub(crate) fn update(root: &ShadowRoot, s: &mut State, force: bool) {
    steady(root, || update_in_place(root, s, force));
}

fn update_in_place(root: &ShadowRoot, s: &mut State, force: bool) {
    use results::figures::Redraw;
    let before = std::mem::take(&mut s.problems);
    s.recompute();
    form::inputs::sync_errors(root, &before, &s.problems);
    form::inputs::sync_waiting(root, s);
    let redraw = if force {
        Redraw::All
    } else if s.stale {
        Redraw::Sentence
    } else {
        Redraw::Typing
    };
    results::figures::render(root, s, redraw);
    if redraw == Redraw::Typing {
        results::figures::mark_range(root, s);
    }
    if redraw != Redraw::Sentence {
        rest_later(root, redraw == Redraw::Typing);
    }
    form::council::sync(root, s);
    results::national::sync(root, s);
    #[cfg(feature = "council-context")]
    tools::context::sync(root, s);
    tools::changed(root, s);
}

pub(crate) fn on_input(st: &Shared, root: &ShadowRoot, e: &Event) {
    // Who gains from a custom benefit: the one choice of the form that is
    // a `<select>` (the council picker has its own listener).
    if let Some(select) = e
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok())
    {
        let mut s = st.borrow_mut();
        if s.set_benefit(&select.id(), &select.value()) {
            update(root, &mut s, false);
        }
        return;
    }
    let Some(input) = e
        .target()
        .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
    else {
        return;
    };
    let mut s = st.borrow_mut();
    match input.type_().as_str() {
        "checkbox" => {
            let id = input.value();
            s.set_chosen(&id, input.checked());
            form::inputs::reveal(root, &id, input.checked());
        }
        "radio" => {
            let name = input.name();
            if let Some(programme) = name.strip_suffix(".placement") {
                if !s.set_placement(programme, &input.value()) {
                    return;
                }
            } else if let Some(own) = name
                .strip_suffix(".cohorts")
                .and_then(|n| n.strip_prefix("own"))
            {
                let k = own.parse().unwrap_or(usize::MAX);
                if !s.set_cohorts(k, &input.value()) {
                    return;
                }
            } else {
                match state::level_from(&input.value()) {
                    Some(level) => s.set_level(level),
                    None => return,
                }
            }
        }
        _ => {
            let (id, text) = (input.id(), input.value());
            if !s.set_text(&id, &text) {
                if !s.set_benefit(&id, &text) {
                    return;
                }
                form::inputs::sync_range(root, &s, &id);
            }
        }
    }
    update(root, &mut s, false);
}

/// The buttons that add a custom benefit and remove one: the form gains or
/// loses that benefit's row, the results follow, and focus goes to the new
/// benefit's first input, or to the button that adds one.
pub(crate) fn on_benefit_click(st: &Shared, root: &ShadowRoot, e: &Event) {
    let Some(button) = e
        .target()
        .and_then(|t| t.dyn_into::<Element>().ok())
        .and_then(|t| t.closest("[data-benefit]").ok().flatten())
    else {
        return;
    };
    let attr = |name: &str| -> usize {
        button
            .get_attribute(name)
            .and_then(|v| v.parse().ok())
            .unwrap_or(usize::MAX)
    };
    let k = attr("data-own");
    let own = dom::cat(&["own", &button.get_attribute("data-own").unwrap_or_default()]);
    let Some(rows) = dom::by_id(root, &dom::cat(&[&own, "-rows"])) else {
        return;
    };
    let mut s = st.borrow_mut();
    let focus = match button.get_attribute("data-benefit").as_deref() {
        Some("add") => {
            let Some(row) = s.add_benefit(k) else {
                return;
            };
            let custom = s.extra[k].custom.as_ref().expect("a custom programme");
            let b = custom.benefits.last().expect("the benefit just added");
            form::inputs::benefit_row(&rows, k, row, b);
            state::benefit_id(k, row, "name")
        }
        Some("remove") => {
            let row = attr("data-row");
            if !s.remove_benefit(k, row) {
                return;
            }
            if let Some(r) = dom::by_id(root, &state::benefit_id(k, row, "row")) {
                dom::remove(&r);
            }
            dom::cat(&[&own, "-add"])
        }
        _ => return,
    };
    form::inputs::number_rows(&rows);
    update(root, &mut s, true);
    if let Some(target) = dom::by_id(root, &focus) {
        dom::focus(&target);
    }
}

/// Links in the error summary and the skip link move focus to their
/// target (fragment links do not reach into a shadow root), opening any
/// folded section around it.
pub(crate) fn on_summary_click(root: &ShadowRoot, e: &Event) {
    let Some(link) = e
        .target()
        .and_then(|t| t.dyn_into::<Element>().ok())
        .and_then(|t| t.closest("[data-target]").ok().flatten())
    else {
        return;
    };
    let Some(id) = link.get_attribute("data-target") else {
        return;
    };
    if let Some(field) = dom::by_id(root, &id) {
        e.prevent_default();
        if let Ok(Some(d)) = field.closest("details") {
            dom::flag(&d, "open", true);
        }
        dom::focus(&field);
    }
}

/// Redraws the charts when the space they have changes, so their text stays
/// at reading size.
pub(crate) fn watch_width(root: &ShadowRoot, st: &Shared) {
    let Some(figures) = dom::by_id(root, "figures") else {
        return;
    };
    let (st, root) = (st.clone(), root.clone());
    let drawn = Rc::new(std::cell::Cell::new(0i32));
    let target = figures.clone();
    live::observe_size(&figures, move || {
        let w = target.client_width();
        if w > 0 {
            results::figures::note_width(&target, w);
        }
        if w > 0 && (w - drawn.get()).abs() > 24 {
            drawn.set(w);
            if let Ok(s) = st.try_borrow() {
                results::figures::render(&root, &s, results::figures::Redraw::All);
                rest_later(&root, false);
            }
        }
    });
}
