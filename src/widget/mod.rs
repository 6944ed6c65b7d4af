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
//! - [`cycle`]: the update cycle each change of input starts, and the
//!   form's listeners; [`hooks`]: what a panel calls back into (drawing
//!   again, the update), set here by [`mount`];
//! - [`fault`]: a panic replaces the widget with a message and a way to
//!   start again.
//!
//! Styles come from `widget.css` next to the loader, through a `<link>` in
//! the shadow root (the page's CSP allows `style-src 'self'`, not inline
//! styles). The host's `data-base` attribute gives the folder it is in. The
//! single-file page instead gives the CSS to the shadow root as a
//! constructed stylesheet (`data-inline-css`).

pub mod cycle;
pub mod fault;
pub mod form;
pub mod hooks;
pub mod live;
pub mod results;
pub mod state;
pub mod tools;

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::prelude::*;
use web_sys::{HtmlElement, ShadowRoot};

use crate::dom::{self, add_c, attrs, cat};
use cycle::{on_benefit_click, on_input, on_summary_click, update, watch_width};
use live::{listen, Shared};
use state::State;

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
/// scenario was found, for the notices about it. The panels that draw the
/// calculator again (an import, a restore, "Start again", after a fault)
/// reach this through [`hooks::draw`].
fn draw(
    root: ShadowRoot,
    host: HtmlElement,
    scenario: crate::model::Scenario,
    mut start: Option<tools::share::Start>,
) -> Result<(), JsValue> {
    hooks::set(draw, update);
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
    // Checked by the start-up already: not checked again.
    state.checked = start.as_mut().and_then(|s| s.checked.take());
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
