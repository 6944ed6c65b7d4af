//! The tools around the calculator: the workshop bar at the top, and the
//! share, compare and export panels under the results. This is where the
//! widget's mount and update reach them ([`starting`], [`build`],
//! [`changed`]); each tool lives in its own module.

pub mod address;
pub mod compare;
#[cfg(feature = "council-context")]
pub mod context;
pub mod embed;
pub mod export;
pub mod share;
pub mod workshop;

use wasm_bindgen::JsCast;
use web_sys::{Element, Event, HtmlElement, ShadowRoot};

use crate::model::{scenario::link, Scenario};

use crate::dom::{self, add_c, attrs};
use crate::widget::live::Shared;
use crate::widget::live::{self, Later};
use crate::widget::tools::share::Start;

/// The starting scenario for a host: from its attributes, the page
/// address or the saved copy, with what to tell the user about it (shown
/// by [`build`]).
pub fn starting(host: &Element) -> Start {
    share::start(host)
}

/// Adds the tools to a freshly drawn widget and applies the embed options;
/// `start`, for the first drawing, says where its scenario came from.
pub fn build(
    root: &ShadowRoot,
    host: &HtmlElement,
    page: &Element,
    st: &Shared,
    start: Option<Start>,
) {
    if let Some(link) = stylesheet_link(root) {
        if !link.has_attribute("data-loaded") {
            let l = link.clone();
            crate::widget::live::listen(&link, "load", move |_| dom::flag(&l, "data-loaded", true));
        }
    }
    embed::apply_look(page, host);
    let bar = workshop::bar(page, host);
    let _ = page.insert_before(&bar, page.first_child().as_ref());
    {
        // Esc leaves presenter mode, as it leaves a full-screen view.
        let (p, h) = (page.clone(), host.clone());
        crate::widget::live::listen(page, "keydown", move |e| {
            let key = js_sys::Reflect::get(&e, &wasm_bindgen::JsValue::from_str("key"))
                .ok()
                .and_then(|k| k.as_string());
            if key.as_deref() == Some("Escape") && p.class_list().contains("oc-presenter") {
                if let Some(button) = p.query_selector("#presenter").ok().flatten() {
                    workshop::toggle_presenter(&p, &h, &button);
                    dom::focus(&button);
                }
            }
        });
    }
    // A skip link to the results, first in the tab order. A button: a
    // fragment link cannot reach into the shadow root (the page's
    // document has no such id), so the click moves the focus instead.
    let skip = dom::add_ct(page, "button", "oc-skip", "Skip to the results");
    attrs(
        &skip,
        &[
            ("type", "button"),
            ("id", "oc-skip"),
            ("data-target", "results-title"),
        ],
    );
    let _ = page.insert_before(&skip, page.first_child().as_ref());

    let tools = add_c(page, "div", "oc-tools");
    attrs(&tools, &[("id", "tools")]);
    if let Some(layout) = page.query_selector(".oc-layout").ok().flatten() {
        let _ = page.insert_before(&tools, layout.next_sibling().as_ref());
    }
    share::build(&tools);
    compare::build(&tools);
    export::build(&tools);
    compare::render(root);

    if let Some(start) = start {
        share::notices(page, &start);
    }
    embed::lock(root, host);
    embed::report_height(host);

    {
        let (root, st, page2, host) = (root.clone(), st.clone(), page.clone(), host.clone());
        crate::widget::live::listen(page, "click", move |e| {
            on_click(&root, &host, &page2, &st, &e)
        });
    }
    {
        let root = root.clone();
        if let Some(input) = dom::by_id(&root, "import") {
            let target = input.clone();
            crate::widget::live::listen(&input, "change", move |_| on_import(&root, &target));
        }
    }
    if let Some(input) = dom::by_id(root, "share-hosted") {
        let (root, st, host, target) = (root.clone(), st.clone(), host.clone(), input.clone());
        crate::widget::live::listen(&input, "change", move |_| {
            let typed = target
                .dyn_ref::<web_sys::HtmlInputElement>()
                .map(|i| i.value())
                .unwrap_or_default();
            let s = st.borrow();
            let scenario = (!s.stale).then_some(&s.scenario);
            share::set_hosted(&root, &host, &typed, scenario);
        });
    }
    // The address is left as it came until the user changes something, so
    // a link that could not be used can still be seen.
    let s = st.borrow();
    if !s.stale {
        let written = share::Written::of(&s.scenario);
        let q = &written.query;
        workshop::save(host, (!is_default(q)).then_some(q.as_str()));
        share::refresh(root, host, &written);
    } else {
        share::hold(root, &s.problems);
    }
}

thread_local! {
    /// The starting scenario's link, written once.
    static DEFAULT_QUERY: std::cell::OnceCell<String> = const { std::cell::OnceCell::new() };
}

fn is_default(query: &str) -> bool {
    DEFAULT_QUERY.with(|d| {
        query == d.get_or_init(|| link::to_query(&crate::widget::state::starting_scenario()))
    })
}

/// After every recompute: keep the share boxes in line at once, and save
/// the scenario and put it in the page address once the input has rested
/// ([`uncertainty::SETTLE_MS`](crate::widget::results::uncertainty::SETTLE_MS)), or when
/// the page is left: writing the address and the storage on every
/// keystroke took a sixth of the time of an update. Nothing changes while
/// the form holds a problem.
pub fn changed(root: &ShadowRoot, s: &crate::widget::state::State) {
    if dom::by_id(root, "tools").is_none() {
        return;
    }
    if s.stale {
        share::hold(root, &s.problems);
        return;
    }
    let host = root.host();
    // Written as a link once, for the boxes now and the address later.
    let written = share::Written::of(&s.scenario);
    share::refresh(root, &host, &written);
    keep_later(root, written.query);
}

thread_local! {
    static ON_PAGEHIDE: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

fn keep_later(root: &ShadowRoot, query: String) {
    let Some(w) = web_sys::window() else {
        return;
    };
    cancel(root);
    let r = root.clone();
    let run = wasm_bindgen::closure::Closure::once_into_js(move || keep_now(&r));
    let timer = w
        .set_timeout_with_callback_and_timeout_and_arguments_0(
            run.unchecked_ref(),
            crate::widget::results::uncertainty::SETTLE_MS,
        )
        .ok();
    if let Some(widget) = live::find(root) {
        *widget.later.borrow_mut() = Some(Later { timer, query });
    }
    if !ON_PAGEHIDE.with(|on| on.replace(true)) {
        let all = wasm_bindgen::closure::Closure::<dyn FnMut()>::new(|| {
            for w in live::all() {
                keep_now(&w.root);
            }
        });
        let _ = w.add_event_listener_with_callback("pagehide", all.as_ref().unchecked_ref());
        all.forget();
    }
}

/// Forgets the scenario waiting to be kept for `root` (a new one is
/// drawn), returning its link.
pub fn cancel(root: &ShadowRoot) -> Option<String> {
    let later = live::find(root)?.later.borrow_mut().take()?;
    if let (Some(t), Some(w)) = (later.timer, web_sys::window()) {
        w.clear_timeout_with_handle(t);
    }
    Some(later.query)
}

/// Saves the waiting scenario of `root` and puts it in the address now.
fn keep_now(root: &ShadowRoot) {
    let Some(query) = cancel(root) else {
        return;
    };
    let host = root.host();
    let is_default = is_default(&query);
    workshop::save(&host, (!is_default).then_some(query.as_str()));
    share::sync_address(&host, &query, is_default);
}

/// The `<link>` to widget.css at the top of the shadow root.
fn stylesheet_link(root: &ShadowRoot) -> Option<Element> {
    root.first_element_child()
        .filter(|e| e.tag_name().eq_ignore_ascii_case("link"))
}

/// Empties the shadow root except for a loaded stylesheet link, which it
/// returns (a redraw then needs no request).
pub fn clear_keeping_stylesheet(root: &ShadowRoot) -> Option<Element> {
    let link = stylesheet_link(root).filter(|l| l.has_attribute("data-loaded"));
    let children = root.children();
    let all: Vec<Element> = (0..children.length())
        .filter_map(|i| children.item(i))
        .collect();
    for child in all {
        if Some(&child) != link.as_ref() {
            dom::remove(&child);
        }
    }
    link
}

/// Draws the widget again with another scenario (restore, import, "Start again"),
/// keeping the pins, and says what happened.
pub(crate) fn redraw(root: &ShadowRoot, scenario: Scenario, said: &str) {
    redraw_aside(root, scenario, said, false);
}

/// [`redraw`], with the saved copy left aside (not saved over) when `aside`.
fn redraw_aside(root: &ShadowRoot, scenario: Scenario, said: &str, aside: bool) {
    let Ok(host) = root.host().dyn_into::<HtmlElement>() else {
        return;
    };
    // The reader has chosen what to show: from now on it is saved.
    dom::flag(&host, share::ASIDE, aside);
    let scenario = share::with_locks(&host, scenario);
    let query = link::to_query(&scenario);
    if crate::widget::hooks::mount_with(root.clone(), host.clone(), scenario).is_err() {
        return;
    }
    share::sync_address(&host, &query, is_default(&query));
    if let Some(p) = dom::by_id(root, "bar-status") {
        p.set_text_content(Some(said));
        dom::focus(&p);
    }
}

fn on_click(root: &ShadowRoot, host: &HtmlElement, page: &Element, st: &Shared, e: &Event) {
    let Some(button) = e
        .target()
        .and_then(|t| t.dyn_into::<Element>().ok())
        .and_then(|t| t.closest("button").ok().flatten())
    else {
        return;
    };
    if let Some(id) = button.get_attribute("data-copy") {
        // The boxes hold the last good scenario; with a problem in the
        // form that is not what the reader sees, so nothing is copied.
        let s = st.borrow();
        if s.stale {
            share::refuse(root, &id, &s.problems);
        } else {
            share::copy(root, &id);
        }
        return;
    }
    let Some(action) = button.get_attribute("data-action") else {
        return;
    };
    let pin_index = || {
        button
            .get_attribute("data-pin")
            .and_then(|l| compare::index(&l))
    };
    match action.as_str() {
        "presenter" => workshop::toggle_presenter(page, host, &button),
        "saved-open" => match share::read_saved(host) {
            Some(Ok((mine, _))) => redraw(
                root,
                mine.into_inner(),
                "Your saved scenario is back in the form.",
            ),
            Some(Err(errors)) => say(
                root,
                "bar-status",
                &dom::cat(&[
                    "Your saved scenario could not be opened (",
                    &errors
                        .iter()
                        .map(|e| dom::cat(&[e.field.path(), ": ", &e.message()]))
                        .collect::<Vec<_>>()
                        .join("; "),
                    "). It is kept on this device.",
                ]),
            ),
            None => say(
                root,
                "bar-status",
                "There is no saved scenario on this device.",
            ),
        },
        "saved-replace" => {
            dom::flag(host, share::ASIDE, false);
            let q = {
                let s = st.borrow();
                (!s.stale).then(|| link::to_query(&s.scenario))
            };
            let saved = match q {
                Some(q) => workshop::save(host, (!is_default(&q)).then_some(q.as_str())),
                None => true,
            };
            for id in ["saved-aside", "saved-unreadable", workshop::ELSEWHERE_ID] {
                if let Some(n) = dom::by_id(root, id) {
                    n.remove();
                }
            }
            say(
                root,
                "bar-status",
                if saved {
                    "The scenario shown is now the one saved on this device."
                } else {
                    "Not saved: this browser refused to keep a copy. Copy the link under the results to keep your figures."
                },
            );
            if let Some(p) = dom::by_id(root, "bar-status") {
                dom::focus(&p);
            }
        }
        "reset" => workshop::ask_reset(root, true),
        "reset-no" => workshop::ask_reset(root, false),
        "reset-yes" => {
            // What "Undo" puts back: the scenario shown and the saved copy.
            let shown = {
                let s = st.borrow();
                link::to_query(&s.scenario)
            };
            let before = workshop::load(host);
            dom::flag(host, share::ASIDE, false);
            workshop::save(host, None);
            clear_address(host);
            let start = share::start(host);
            redraw(
                root,
                start.scenario,
                if workshop::saves(host) {
                    "Started again: the figures are back to the defaults and the copy saved on this device is cleared."
                } else {
                    "Started again: the figures are back to the defaults."
                },
            );
            workshop::offer_undo(root, host, &shown, before.as_deref());
        }
        "reset-undo" => {
            let Some((shown, before)) = workshop::take_undo(host) else {
                return;
            };
            let Ok(scenario) = link::from_query(&shown) else {
                return;
            };
            // The saved copy as it was; the figures shown saved over it
            // only if they were the saved ones.
            let aside = before
                .as_deref()
                .is_some_and(|b| b != link::to_query(&scenario));
            if let Some(b) = &before {
                workshop::save(host, Some(b));
            }
            redraw_aside(
                root,
                scenario,
                "Undone: your figures are back, and so is the copy saved on this device.",
                aside,
            );
        }
        "pin" => {
            let words = {
                let s = st.borrow();
                let last = if s.stale { None } else { s.last.as_ref() };
                compare::pin(root, &s.scenario, last)
            };
            compare::render(root);
            say(root, "compare-status", &words);
        }
        "unpin" => {
            if let Some(i) = pin_index() {
                let words = compare::remove(root, i);
                compare::render(root);
                say(root, "compare-status", &words);
                if let Some(pin) = dom::by_id(root, "pin") {
                    dom::focus(&pin);
                }
            }
        }
        "restore" => {
            if let Some(i) = pin_index() {
                if let Some(pin) = compare::pins(root).get(i) {
                    let name = button.get_attribute("data-pin").unwrap_or_default();
                    redraw(
                        root,
                        pin.scenario.clone(),
                        &dom::cat(&["Scenario ", &name, " is back in the form."]),
                    );
                }
            }
        }
        "csv" => {
            let s = st.borrow();
            match (&s.last, s.stale) {
                (Some(_), false) => export::csv(root, &s.scenario),
                _ => say(
                    root,
                    "export-status",
                    "Correct the answers marked as wrong first: the report needs results.",
                ),
            }
        }
        "json" => {
            // Never a file the calculator would refuse: with answers marked
            // as wrong, the last figures that worked, and it says so.
            let s = st.borrow();
            match (s.stale, &s.shown) {
                (false, _) => export::json(root, &s.scenario),
                (true, Some(good)) => {
                    export::json(root, good);
                    say(
                        root,
                        "export-status",
                        "The scenario is downloading as a JSON file with the last figures that worked: the answers marked as wrong are not in it. Correct them and download it again to keep them.",
                    );
                }
                (true, None) => say(
                    root,
                    "export-status",
                    "Correct the answers marked as wrong first: the file would hold figures the calculator cannot open.",
                ),
            }
        }
        "workings" => {
            let s = st.borrow();
            if s.stale {
                say(
                    root,
                    "export-status",
                    "Correct the answers marked as wrong first: the workings need results.",
                );
            } else {
                export::workings(root, &s.scenario);
            }
        }
        "print" => {
            // The handout's page of workings first, then the print dialog.
            let s = st.borrow();
            crate::widget::results::working::print(root, s.shown.as_deref().unwrap_or(&s.scenario));
        }
        "chart" => {
            let id = button.get_attribute("data-chart").unwrap_or_default();
            let format = button.get_attribute("data-format").unwrap_or_default();
            export::chart(root, &id, &format, &st.borrow().scenario);
        }
        _ => {}
    }
}

/// Takes the scenario out of the address (embed options stay).
fn clear_address(host: &Element) {
    if !share::owns_address(host) {
        return;
    }
    let Some(w) = web_sys::window() else {
        return;
    };
    let search = w.location().search().unwrap_or_default();
    let kept: Vec<String> = link::pairs(&search)
        .unwrap_or_default()
        .into_iter()
        .filter(|(k, _)| embed::OPTION_NAMES.contains(&k.as_str()))
        .map(|(k, v)| {
            dom::cat(&[
                &link::encode_component(&k),
                "=",
                &link::encode_component(&v),
            ])
        })
        .collect();
    let path = w.location().pathname().unwrap_or_default();
    let url = if kept.is_empty() {
        path
    } else {
        dom::cat(&[&path, "?", &kept.join("&")])
    };
    if let Ok(h) = w.history() {
        let _ = h.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
    }
}

fn say(root: &ShadowRoot, id: &str, words: &str) {
    if let Some(p) = dom::by_id(root, id) {
        p.set_text_content(Some(words));
    }
}

fn on_import(root: &ShadowRoot, input: &Element) {
    let root = root.clone();
    let input2 = input.clone();
    export::read_file(input, move |text| {
        let reader = root.clone();
        let shown = move |result: Result<Scenario, String>| match result {
            Ok(s) => {
                let _ = js_sys::Reflect::set(&input2, &"value".into(), &"".into());
                redraw(
                    &root,
                    s,
                    "The scenario file is open: its figures are in the form.",
                );
            }
            Err(m) => {
                export::import_error(&root, Some(&m));
                dom::focus(&input2);
            }
        };
        match text {
            Ok(t) => export::read_scenario(&reader, &t, shown),
            Err(m) => shown(Err(m)),
        }
    });
}
