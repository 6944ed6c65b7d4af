//! The browser widget, in Rust with web-sys, mounted into the shadow root
//! of `<outcome-calculator>` by the loader (`www/outcome-calculator.js`).
//!
//! Rooms by concern:
//!
//! - [`state`] holds the scenario, the user's text that could not be used
//!   and the last good projection;
//! - [`form`]: the table of number inputs ([`form::fields`]), the inputs
//!   drawn from it ([`form::inputs`]) and the council picker with the DfE
//!   file reader ([`form::council`]);
//! - [`results`]: the live sentence and figures ([`results::figures`]), the
//!   SVG charts with their tables ([`results::charts`]), "How sure are
//!   we?" ([`results::uncertainty`], run once the input has settled),
//!   England's view ([`results::national`]) and "How this is calculated"
//!   ([`results::method`]);
//! - [`tools`] works out the starting scenario and adds the tools around
//!   the calculator: share links and embed codes ([`tools::share`]),
//!   pinned scenarios ([`tools::compare`]), CSV, scenario file and chart
//!   exports ([`tools::export`]), presenter mode and the copy saved on the
//!   device ([`tools::workshop`]), the host's embedding options
//!   ([`tools::embed`]) and, with the feature `council-context`, "Your
//!   council in context" (`tools::context`: history, baseline and
//!   statistical neighbours, from data loaded only when the panel opens);
//! - [`dom`] holds the few DOM helpers everything uses (text only ever goes
//!   in through `set_text_content` and attributes), number formatting
//!   through `Intl.NumberFormat('en-GB')` ([`dom::format`]);
//! - [`fault`]: a panic replaces the widget with a message and a way to
//!   start again.
//!
//! Styles come from `widget.css` next to the loader, through a `<link>` in
//! the shadow root (the page's CSP allows `style-src 'self'`, not inline
//! styles). The host's `data-base` attribute gives the folder it is in. The
//! single-file page instead gives the CSS to the shadow root as a
//! constructed stylesheet (`data-inline-css`).

pub mod fault;
pub mod form;
pub mod live;
pub mod results;
pub mod state;
pub mod tools;

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, Event, HtmlElement, HtmlInputElement, ShadowRoot};

use crate::dom::{self, add_c, attrs, cat};
use state::State;

type Shared = Rc<RefCell<State>>;

/// Draws the widget into `root` with the default scenario and makes it live.
#[wasm_bindgen]
pub fn mount(root: ShadowRoot, host: HtmlElement) -> Result<(), JsValue> {
    // The scenario from the page address, the element's attributes or the
    // copy saved on this device (tools.rs); the default scenario otherwise.
    let start = tools::starting(&host);
    let scenario = start.scenario.clone();
    draw(root, host, scenario, Some(start))
}

/// [`mount`] with a given starting scenario.
pub fn mount_with(
    root: ShadowRoot,
    host: HtmlElement,
    scenario: crate::model::Scenario,
) -> Result<(), JsValue> {
    draw(root, host, scenario, None)
}

/// Draws the widget with `scenario`; `start` says how the starting
/// scenario was found, for the notices about it.
fn draw(
    root: ShadowRoot,
    host: HtmlElement,
    scenario: crate::model::Scenario,
    start: Option<tools::share::Start>,
) -> Result<(), JsValue> {
    fault::watch();
    let widget = live::register(&root, &host);
    // The last drawing's listeners and observers go with it.
    widget.release();
    // A scenario still waiting to be saved belongs to the old drawing.
    tools::cancel(&root);
    // Drawn over results already shown (the first result written into the
    // page, or a redraw): the range is worked out at once rather than once
    // the input has settled, so the section does not empty and refill.
    let over_results = dom::by_id(&root, "oc-sure").is_some();
    // A redraw keeps the stylesheet already loaded (no second request).
    let kept = tools::clear_keeping_stylesheet(&root);
    // The single-file page gives the styles to the shadow root itself
    // (`data-inline-css`, set by the loader); otherwise they load from
    // widget.css.
    let inline_css = host.has_attribute("data-inline-css");
    let sheet = match &kept {
        Some(link) => link.clone(),
        None => dom::add(&root, if inline_css { "span" } else { "link" }),
    };
    if !inline_css && kept.is_none() {
        attrs(
            &sheet,
            &[
                ("rel", "stylesheet"),
                ("href", &cat(&[&stylesheet_base(&host), "widget.css"])),
            ],
        );
    }
    let page = add_c(&root, "div", "oc");
    // Unstyled content would flash; show it once the stylesheet is in (or
    // has failed).
    dom::show(&page, inline_css || kept.is_some());
    let layout = add_c(&page, "div", "oc-layout");
    let mut state = State::new(scenario);
    // The council the scenario names, with its official figures.
    form::council::start(&mut state);
    let st: Shared = Rc::new(RefCell::new(state));
    widget.set_state(&st);
    let form = form::inputs::build(&layout, &st.borrow());
    results::figures::build(&layout);
    results::national::build(&page, &root, &st);
    #[cfg(feature = "council-context")]
    tools::context::build(&page, &root, &st);
    results::method::build(&page);

    update(&root, &mut st.borrow_mut(), true);
    // For the benchmarks: the first results are in the page.
    results::uncertainty::performance("mark", &["oc:first-result"]);
    if over_results {
        results::uncertainty::flush(&root);
    }

    {
        let page = page.clone();
        listen(&sheet, "load", move |_| dom::show(&page, true));
    }
    {
        let page = page.clone();
        listen(&sheet, "error", move |_| dom::show(&page, true));
    }
    {
        let (st, root) = (st.clone(), root.clone());
        listen(&form, "input", move |e| on_input(&st, &root, &e));
    }
    {
        let (st, root) = (st.clone(), root.clone());
        listen(&form, "click", move |e| on_benefit_click(&st, &root, &e));
    }
    {
        let (st, root) = (st.clone(), root.clone());
        listen(&form, "submit", move |e| {
            e.prevent_default();
            let mut s = st.borrow_mut();
            update(&root, &mut s, true);
            if !s.problems.is_empty() {
                if let Some(summary) = dom::by_id(&root, "error-summary") {
                    dom::focus(&summary);
                }
            }
        });
    }
    {
        // The error summary's links and the skip link to the results; a
        // figure's working.
        let (st, root2) = (st.clone(), root.clone());
        listen(&page, "click", move |e| {
            if !results::working::on_click(&root2, &st.borrow(), &e) {
                on_summary_click(&root2, &e);
            }
        });
    }

    form::council::wire(&root, &form, &st, update);
    watch_width(&root, &st);
    tools::build(&root, &host, &page, &st, start);
    Ok(())
}

/// The folder `widget.css` is in: the host's `data-base` attribute, else
/// the folder of the loader's `<script src>`, else the page's own.
fn stylesheet_base(host: &HtmlElement) -> String {
    if let Some(base) = host.get_attribute("data-base") {
        return base;
    }
    let src = dom::doc()
        .query_selector("script[src*='outcome-calculator']")
        .ok()
        .flatten()
        .and_then(|s| js_sys::Reflect::get(&s, &JsValue::from_str("src")).ok())
        .and_then(|v| v.as_string())
        .unwrap_or_default();
    match src.rfind('/') {
        Some(i) => src[..=i].to_string(),
        None => String::new(),
    }
}

/// Adds an event listener for the drawing `target` is in, released when
/// the widget is drawn again ([`live::listen`]).
fn listen(target: &Element, event: &str, f: impl FnMut(Event) + 'static) {
    live::listen(target, event, f);
}

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

fn rest_later(root: &ShadowRoot, wait: bool) {
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

fn on_input(st: &Shared, root: &ShadowRoot, e: &Event) {
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
fn on_benefit_click(st: &Shared, root: &ShadowRoot, e: &Event) {
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
fn on_summary_click(root: &ShadowRoot, e: &Event) {
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
fn watch_width(root: &ShadowRoot, st: &Shared) {
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
