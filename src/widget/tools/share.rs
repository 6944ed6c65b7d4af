//! Share links: the scenario in the page address, read on mount and kept
//! up to date as the user edits, and the "Copy link" and embed-code boxes.
//!
//! Where the starting scenario comes from, later winning:
//! 1. the default scenario;
//! 2. the host element's attributes (the same names as link parameters);
//! 3. on the calculator's own pages (`data-url-state` on the element), the
//!    address's query; else the copy saved on this device, with any locked
//!    attributes put back on top.
//!
//! A link never silently replaces the user's own scenario saved on this
//! device: when they differ, the saved copy is left as it is (the host's
//! [`ASIDE`] attribute stops saving) and a notice offers "Open my saved
//! scenario" or "Save this link's scenario instead".
//!
//! A full link (one with `v=`, as "Copy link" makes) is read on top of the
//! format's blank scenario, so it gives back exactly the scenario it was
//! made from; a partial preset (`?funding_years=3`) is read on top of the
//! default scenario. A link that cannot be used is named in an alert and
//! the defaults are shown instead.

use wasm_bindgen::prelude::*;
use web_sys::{Element, ShadowRoot};

use crate::model::{self, scenario::link, Error, Scenario, ValidScenario};

use crate::dom::{self, add, add_c, add_ct, add_t, attrs, cat, text};
use crate::widget::{tools::embed, tools::workshop};

/// The starting scenario and what to tell the user about it.
pub struct Start {
    /// The scenario to show.
    pub scenario: Scenario,
    /// What could not be used, and where it came from ("link", "page").
    pub problems: Vec<(&'static str, Error)>,
    /// The evidence set the link was made with, when it is not this
    /// calculator's.
    pub older: Option<String>,
    /// True when a link (or, for a link that could not be used, the
    /// defaults) is shown over a different scenario of the user's own saved
    /// on this device, which is kept until the user chooses.
    pub aside: bool,
    /// True when [`Start::older`] is the evidence set of the copy saved on
    /// this device rather than of a link.
    pub older_saved: bool,
    /// True when the defaults are shown in place of the saved copy (a link
    /// that could not be used, a reset after a fault): the notice about the
    /// saved copy says so.
    pub defaults: bool,
    /// [`Start::scenario`] as the start-up validated it, when it did (a
    /// link, the element's attributes, the saved copy): the first
    /// recompute takes it rather than checking the same scenario again.
    pub checked: Option<ValidScenario>,
}

pub use crate::widget::tools::address::{owns_address, ASIDE};

/// The scenario pairs among the host's attributes.
fn attribute_pairs(host: &Element) -> Vec<(String, String)> {
    let keys = link::keys();
    host.get_attribute_names()
        .iter()
        .filter_map(|n| n.as_string())
        .filter(|n| keys.contains(&n.as_str()) || (n.contains('.') && !n.starts_with("data-")))
        .map(|n| {
            let v = host.get_attribute(&n).unwrap_or_default();
            (n, v)
        })
        .collect()
}

/// The scenario pairs in the page address (options such as `id` left out).
fn address_pairs(host: &Element) -> Result<Vec<(String, String)>, Error> {
    if !owns_address(host) {
        return Ok(Vec::new());
    }
    let search = web_sys::window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default();
    Ok(link::pairs(&search)?
        .into_iter()
        .filter(|(k, _)| !embed::OPTION_NAMES.contains(&k.as_str()) && !link::is_tracking(k))
        .collect())
}

/// Reads pairs on top of `preset`, or of the blank scenario for a full link.
fn read(preset: &Scenario, pairs: &[(String, String)]) -> Result<Scenario, Vec<Error>> {
    let base = if pairs.iter().any(|(k, _)| k == "v") {
        Scenario::new(Default::default(), Vec::new())
    } else {
        preset.clone()
    };
    // A link naming a council starts from that council's official figures;
    // the link's own figures then win. A council no table knows is not a
    // damaged link: the picker says which councils replaced it.
    let base =
        crate::model::scenario::council_preset::base_for(base.clone(), pairs).unwrap_or(base);
    link::apply(base, pairs)
}

/// Checks a scenario read from a link; an older evidence set is allowed
/// through (the user is offered the current one).
/// Returns the older evidence set, if any, and the scenario with the
/// current one, validated.
fn check(s: &Scenario) -> Result<(Option<String>, ValidScenario), Vec<Error>> {
    let older = link::older_evidence(s).map(str::to_string);
    let mut probe = s.clone();
    if older.is_some() {
        probe.evidence_set = model::data::evidence::EVIDENCE_SET.into();
    }
    let valid = model::validate(&probe).map(model::Valid::to_owned)?;
    Ok((older, valid))
}

/// A scenario written as a link, once: its pairs (the embed code's
/// attributes) and its query (the share link, the iframe's address, the
/// saved copy and the page's address).
pub struct Written {
    /// The link's keys and values, in order.
    pub pairs: Vec<(String, String)>,
    /// The same, encoded (without the leading `?`).
    pub query: String,
}

impl Written {
    /// Writes `s` as a link.
    pub fn of(s: &Scenario) -> Written {
        let pairs = link::to_pairs(s);
        let query = link::query_of(&pairs);
        Written { pairs, query }
    }
}

/// Works out the starting scenario for a host element.
///
/// The copy saved on this device is never removed here: a link that
/// cannot be used, or one shown over a different saved scenario, leaves it
/// aside (the host's [`ASIDE`] attribute stops saving until the reader
/// chooses); a saved copy that cannot be read is left aside the same way;
/// one made with an older evidence set opens with the current one, and
/// its text as it was is kept under a key of its own
/// ([`workshop::keep_older`]).
pub fn start(host: &Element) -> Start {
    dom::flag(host, ASIDE, false);
    let defaults = crate::widget::state::starting_scenario();
    let mut problems = Vec::new();
    let named = |from: &'static str, s: &Scenario, errors: Vec<Error>| -> Vec<_> {
        errors
            .into_iter()
            .map(|mut e| {
                e.field = embed::key_for_path(s, e.field.path()).into();
                (from, e)
            })
            .collect()
    };
    let attrs = attribute_pairs(host);
    // No attribute: the defaults, which pass validation by construction
    // (checked once, with everything else, when the state is first worked
    // out).
    // The attributes' scenario as validated, kept while it is the one shown.
    let mut preset_checked = None;
    let preset = match read(&defaults, &attrs) {
        Ok(s) if attrs.is_empty() => s,
        Ok(s) => match check(&s) {
            Ok((_, valid)) => {
                preset_checked = (*valid == s).then_some(valid);
                s
            }
            Err(errors) => {
                problems.extend(named("page", &s, errors));
                defaults.clone()
            }
        },
        Err(errors) => {
            problems.extend(named("page", &defaults, errors));
            defaults.clone()
        }
    };
    let address = match address_pairs(host) {
        Ok(p) => p,
        Err(e) => {
            problems.push(("link", e));
            Vec::new()
        }
    };
    let has_saved = workshop::load(host).is_some();
    // A link that could not be used: the defaults (or the page's
    // presets), and the saved copy left as it is.
    let refused = |problems: Vec<(&'static str, Error)>, preset: Scenario| {
        dom::flag(host, ASIDE, has_saved);
        Start {
            scenario: preset,
            problems,
            older: None,
            aside: has_saved,
            older_saved: false,
            defaults: true,
            checked: None,
        }
    };
    if problems.iter().any(|(from, _)| *from == "link") {
        return refused(problems, preset);
    }
    if !address.is_empty() {
        return match read(&preset, &address) {
            Ok(s) => match check(&s) {
                // A link of an older method opens with the current one and
                // a notice naming what changed.
                Ok((older, valid)) => {
                    let scenario = Scenario::clone(&valid);
                    // The same as the saved copy: the same scenario, or
                    // failing that the same link (written only then).
                    let aside = has_saved
                        && saved(host).is_none_or(|m| {
                            m != scenario && link::to_query(&m) != link::to_query(&scenario)
                        });
                    dom::flag(host, ASIDE, aside);
                    Start {
                        scenario,
                        problems,
                        older,
                        aside,
                        older_saved: false,
                        defaults: false,
                        checked: Some(valid),
                    }
                }
                Err(errors) => {
                    problems.extend(named("link", &s, errors));
                    refused(problems, preset)
                }
            },
            Err(errors) => {
                problems.extend(named("link", &preset, errors));
                refused(problems, preset)
            }
        };
    }
    match read_saved(host) {
        None => Start {
            scenario: preset,
            problems,
            older: None,
            aside: false,
            older_saved: false,
            defaults: false,
            checked: preset_checked,
        },
        Some(Ok((valid, older))) => {
            if let (Some(old), Some(text)) = (&older, workshop::load(host)) {
                workshop::keep_older(host, old, &text);
            }
            Start {
                scenario: Scenario::clone(&valid),
                problems,
                older_saved: older.is_some(),
                older,
                aside: false,
                defaults: false,
                checked: Some(valid),
            }
        }
        Some(Err(errors)) => {
            problems.extend(named("saved", &preset, errors));
            dom::flag(host, ASIDE, true);
            Start {
                scenario: preset,
                problems,
                older: None,
                aside: false,
                older_saved: false,
                defaults: false,
                checked: preset_checked,
            }
        }
    }
}

/// The copy saved on this device, with locked presets put back, and the
/// older evidence set it was made with, if any (the scenario then has the
/// current one); `None` when nothing is saved, errors when it cannot be
/// used.
pub fn read_saved(host: &Element) -> Option<SavedCopy> {
    let text = workshop::load(host)?;
    Some(link::from_query(&text).and_then(|s| {
        let s = with_locks(host, s);
        let (older, valid) = check(&s)?;
        Ok((valid, older))
    }))
}

/// A saved copy as read: the scenario (validated, with the current
/// evidence set) and the older evidence set it was made with, or what is
/// wrong with it.
pub type SavedCopy = Result<(ValidScenario, Option<String>), Vec<Error>>;

/// The copy saved on this device, if it can be used (one of an older
/// evidence set opens with the current one).
pub fn saved(host: &Element) -> Option<Scenario> {
    read_saved(host)?.ok().map(|(s, _)| s.into_inner())
}

/// A scenario with the fields the host locks put back to the host's values
/// (from its attributes, or on the calculator's own pages its address), for
/// a saved copy, a restored pin or an opened file. A locked programme list
/// is put back only when it differs, so programme settings are kept.
pub fn with_locks(host: &Element, s: Scenario) -> Scenario {
    let lock = embed::list(host, "lock");
    if lock.is_empty() {
        return s;
    }
    let mut pairs = attribute_pairs(host);
    pairs.extend(address_pairs(host).unwrap_or_default());
    let ids: Vec<&str> = s.programmes.iter().map(|p| p.programme.as_str()).collect();
    let same_list = |v: &str| v.split(',').map(str::trim).eq(ids.iter().copied());
    let locked: Vec<(String, String)> = pairs
        .into_iter()
        .filter(|(k, v)| lock.contains(k) && !(k == "programmes" && same_list(v)))
        .collect();
    if locked.is_empty() {
        return s;
    }
    link::apply(s.clone(), &locked).unwrap_or(s)
}

/// Shows the problems with the link or presets, and the older-method
/// notice, at the top of the widget.
pub fn notices(page: &Element, start: &Start) {
    let (page_problems, saved_problems): (Vec<_>, Vec<_>) = start
        .problems
        .iter()
        .partition(|(from, _)| *from != "saved");
    if !page_problems.is_empty() {
        let box_ = add_c(page, "div", "oc-notice oc-notice--alert");
        attrs(&box_, &[("role", "alert")]);
        let from_link = page_problems.iter().any(|(from, _)| *from == "link");
        add_ct(
            &box_,
            "h2",
            "oc-notice-title",
            if from_link {
                "This link could not be used"
            } else {
                "This page's settings could not be used"
            },
        );
        add_t(
            &box_,
            "p",
            "The calculator shows the default figures instead. What was wrong:",
        );
        problem_list(&box_, &page_problems);
        let _ = page.insert_before(&box_, page.first_child().as_ref());
    }
    if !saved_problems.is_empty() {
        let box_ = add_c(page, "div", "oc-notice oc-notice--alert");
        box_.set_id("saved-unreadable");
        attrs(&box_, &[("role", "alert")]);
        add_ct(
            &box_,
            "h2",
            "oc-notice-title",
            "Your saved scenario could not be opened",
        );
        add_t(
            &box_,
            "p",
            "The calculator shows the default figures. The copy saved on this device is kept as it was, and nothing is saved over it until you choose. What was wrong:",
        );
        problem_list(&box_, &saved_problems);
        let b = add_ct(
            &box_,
            "button",
            "oc-button oc-button--secondary",
            "Save the figures shown instead",
        );
        attrs(&b, &[("type", "button"), ("data-action", "saved-replace")]);
        let _ = page.insert_before(&box_, page.first_child().as_ref());
    }
    if start.aside {
        let box_ = add_c(page, "div", "oc-notice");
        box_.set_id("saved-aside");
        attrs(
            &box_,
            &[("role", "region"), ("aria-labelledby", "saved-aside-title")],
        );
        add_ct(
            &box_,
            "h2",
            "oc-notice-title",
            "Your own scenario is still saved",
        )
        .set_id("saved-aside-title");
        add_t(
            &box_,
            "p",
            if start.defaults {
                "The default figures are shown. The scenario saved on this device is kept as it was until you choose."
            } else {
                "This link's figures are shown. The scenario saved on this device is kept as it was until you choose."
            },
        );
        for (words, action) in [
            ("Open my saved scenario", "saved-open"),
            ("Save this link's scenario instead", "saved-replace"),
        ] {
            let b = add_ct(&box_, "button", "oc-button oc-button--secondary", words);
            attrs(&b, &[("type", "button"), ("data-action", action)]);
        }
        let _ = page.insert_before(&box_, page.first_child().as_ref());
    }
    if let Some(old) = &start.older {
        let box_ = add_c(page, "div", "oc-notice");
        box_.set_id("older-evidence");
        attrs(
            &box_,
            &[
                ("role", "region"),
                ("aria-labelledby", "older-evidence-title"),
            ],
        );
        add_ct(
            &box_,
            "h2",
            "oc-notice-title",
            if start.older_saved {
                "Your saved scenario was made with an older method"
            } else {
                "This link was made with an older method"
            },
        )
        .set_id("older-evidence-title");
        add_t(
            &box_,
            "p",
            &cat(&[
                "It was made with evidence set ",
                old,
                ". The figures below use evidence set ",
                model::data::evidence::EVIDENCE_SET,
                if start.older_saved {
                    ", with your saved figures; the copy as it was saved is also kept on this device. "
                } else {
                    ", with your link's figures. "
                },
                model::data::evidence::METHOD_CHANGES,
            ]),
        );
        let _ = page.insert_before(&box_, page.first_child().as_ref());
    }
}

/// The problems as a list: each field in code, then what was wrong.
fn problem_list(parent: &Element, problems: &[&(&'static str, Error)]) {
    let list = add_c(parent, "ul", "oc-list");
    for (_, e) in problems {
        let li = add(&list, "li");
        add_t(&li, "code", e.field.path());
        text(&li, &cat(&[": ", &e.message()]));
    }
}

/// The address of the full calculator for a query: this page on the
/// calculator's own pages (not when framed), else the folder of its files.
pub fn link_for(host: &Element, query: &str) -> String {
    let w = web_sys::window();
    let framed = w
        .as_ref()
        .and_then(|w| w.parent().ok().flatten())
        .is_some_and(|p| Some(&p) != w.as_ref());
    // This page's address without its query (works for file:// too).
    let here = w
        .as_ref()
        .and_then(|w| w.location().href().ok())
        .map(|h| h.split(['?', '#']).next().unwrap_or_default().to_string())
        .unwrap_or_default();
    let base = if let Some(hosted) = hosted(host) {
        hosted
    } else if owns_address(host) && !framed && !here.is_empty() {
        here
    } else {
        folder(host)
    };
    cat(&[&base, "?", query])
}

/// The attribute giving the address of a hosted copy of the calculator,
/// on which share links are built (for the single file opened from disk,
/// whose own address is a `file:` path).
pub const HOSTED: &str = "hosted-url";

/// Whether the page was opened from disk (the single file).
pub fn offline() -> bool {
    web_sys::window()
        .and_then(|w| w.location().protocol().ok())
        .is_some_and(|p| p == "file:")
}

/// The address of a hosted copy, if the element was given one (an
/// `http:` or `https:` address; anything else is left aside).
fn hosted(host: &Element) -> Option<String> {
    host.get_attribute(HOSTED)
        .and_then(|a| hosted_address(&a).ok().flatten())
}

/// A hosted copy's address as typed: `Ok(None)` when empty, the address
/// without its query or fragment, or why it cannot be used.
pub fn hosted_address(typed: &str) -> Result<Option<String>, String> {
    let typed = typed.trim();
    if typed.is_empty() {
        return Ok(None);
    }
    let url = web_sys::Url::new(typed).ok();
    match url {
        Some(u) if u.protocol() == "https:" || u.protocol() == "http:" => {
            u.set_search("");
            u.set_hash("");
            Ok(Some(u.href()))
        }
        _ => Err(cat(&[
            "Address of a hosted copy: \u{201c}",
            typed,
            "\u{201d} is not a web address. Give the address the calculator is published at, starting https://, or leave it empty.",
        ])),
    }
}

/// Takes the hosted copy's address typed in the share panel: kept on the
/// element (as [`HOSTED`]) and the link rebuilt on it, or the field's
/// error shown.
pub fn set_hosted(root: &ShadowRoot, host: &Element, typed: &str, s: Option<&Scenario>) {
    let result = hosted_address(typed);
    if let Some(err) = dom::by_id(root, "share-hosted-error") {
        dom::clear(&err);
        if let Err(m) = &result {
            dom::hidden_text(&err, "Error: ");
            dom::text(&err, m);
        }
        dom::show(&err, result.is_err());
    }
    if let Some(field) = dom::by_id(root, "share-hosted") {
        let ids = if result.is_err() {
            "share-hosted-hint share-hosted-error"
        } else {
            "share-hosted-hint"
        };
        attrs(&field, &[("aria-describedby", ids)]);
        if result.is_err() {
            attrs(&field, &[("aria-invalid", "true")]);
        } else {
            let _ = field.remove_attribute("aria-invalid");
        }
    }
    if let Some(g) = dom::by_id(root, "share-hosted-group") {
        let _ = g
            .class_list()
            .toggle_with_force("oc-field--error", result.is_err());
    }
    match result {
        Ok(Some(a)) => attrs(host, &[(HOSTED, &a)]),
        Ok(None) => {
            let _ = host.remove_attribute(HOSTED);
        }
        Err(_) => return,
    }
    if let Some(s) = s {
        refresh(root, host, &Written::of(s));
    }
}

/// In the single file opened from disk: says the link opens the scenario
/// on this device only, and asks for a hosted copy's address to build it
/// on instead.
fn offline_note(section: &Element) {
    let note = add_c(section, "div", "oc-share-offline");
    note.set_id("share-offline");
    add_t(
        &note,
        "p",
        "This copy of the calculator was opened from a file, so the link above opens the scenario only on this device. To share it with others, give the address of a copy of the calculator on the web: the link is then built on it.",
    );
    let group = add_c(&note, "div", "oc-field");
    group.set_id("share-hosted-group");
    let l = add_ct(
        &group,
        "label",
        "oc-label",
        "Address of a hosted copy (optional)",
    );
    attrs(&l, &[("for", "share-hosted")]);
    add_ct(
        &group,
        "div",
        "oc-hint",
        "For example https://www.example.gov.uk/outcome-calculator/",
    )
    .set_id("share-hosted-hint");
    let err = add_c(&group, "p", "oc-error");
    err.set_id("share-hosted-error");
    attrs(&err, &[("role", "alert")]);
    dom::show(&err, false);
    let field = add_c(&group, "input", "oc-input oc-w-full");
    attrs(
        &field,
        &[
            ("type", "url"),
            ("id", "share-hosted"),
            ("aria-describedby", "share-hosted-hint"),
            ("spellcheck", "false"),
            ("autocomplete", "url"),
        ],
    );
}

/// The folder the calculator's files are in (the loader's `data-base`).
pub fn folder(host: &Element) -> String {
    host.get_attribute("data-base").unwrap_or_default()
}

/// Keeps the address in line with the scenario (calculator pages only).
pub fn sync_address(host: &Element, query: &str, is_default: bool) {
    if !owns_address(host) {
        return;
    }
    let Some(w) = web_sys::window() else {
        return;
    };
    let search = w.location().search().unwrap_or_default();
    let wanted = if is_default && search.is_empty() {
        return;
    } else {
        let mut q = cat(&["?", query]);
        // Keep the embed options (id, lock, hide, theme) of a framed page.
        if let Ok(pairs) = link::pairs(&search) {
            for (k, v) in pairs {
                if embed::OPTION_NAMES.contains(&k.as_str()) {
                    q.push_str(&cat(&[
                        "&",
                        &link::encode_component(&k),
                        "=",
                        &link::encode_component(&v),
                    ]));
                }
            }
        }
        q
    };
    if wanted != search {
        if let Ok(h) = w.history() {
            let _ = h.replace_state_with_url(&JsValue::NULL, "", Some(&wanted));
        }
    }
}

/// The "Share" panel: the link in a read-only box with a copy button, and
/// the two embed codes.
pub fn build(parent: &Element) -> Element {
    let section = add_c(parent, "section", "oc-tool oc-panel-share");
    attrs(&section, &[("aria-labelledby", "share-title")]);
    add_ct(&section, "h3", "oc-h3", "Share this scenario").set_id("share-title");
    copy_box(
        &section,
        "share-link",
        "Link to this scenario",
        "Anyone with the link sees these figures. Nothing is sent anywhere: the scenario is in the link itself.",
        false,
        "Copy link",
    );
    if offline() {
        offline_note(&section);
    }
    let d = add_c(&section, "details", "oc-details");
    d.set_id("embed-codes");
    add_ct(
        &d,
        "summary",
        "oc-details-summary",
        "Embed this scenario on another site",
    );
    let inner = add_c(&d, "div", "oc-folded");
    add_t(
        &inner,
        "p",
        "Either code shows the calculator with these figures. Readers can still change them.",
    );
    copy_box(
        &inner,
        "embed-script",
        "Script and element",
        "For sites that allow scripts. The calculator matches the page's width.",
        true,
        "Copy script code",
    );
    copy_box(
        &inner,
        "embed-iframe",
        "Iframe",
        "For sites that only allow iframes. The small script resizes the frame to fit; without it, the frame keeps its height.",
        true,
        "Copy iframe code",
    );
    section
}

/// A labelled read-only box with a copy button and a confirmation line.
fn copy_box(parent: &Element, id: &str, label: &str, hint: &str, multi: bool, button: &str) {
    let group = add_c(parent, "div", "oc-field oc-copy");
    let l = add_ct(&group, "label", "oc-label", label);
    attrs(&l, &[("for", id)]);
    let hint_id = cat(&[id, "-hint"]);
    add_ct(&group, "div", "oc-hint", hint).set_id(&hint_id);
    let field = if multi {
        let t = add_c(&group, "textarea", "oc-textarea");
        attrs(&t, &[("rows", "5")]);
        t
    } else {
        add_c(&group, "input", "oc-input oc-w-full")
    };
    attrs(
        &field,
        &[
            ("id", id),
            ("readonly", ""),
            ("aria-describedby", &hint_id),
            ("spellcheck", "false"),
            ("autocomplete", "off"),
        ],
    );
    if !multi {
        attrs(&field, &[("type", "text")]);
    }
    let b = add_ct(&group, "button", "oc-button oc-button--secondary", button);
    attrs(&b, &[("type", "button"), ("data-copy", id)]);
    let done = add_c(&group, "p", "oc-copied");
    done.set_id(&cat(&[id, "-done"]));
    attrs(&done, &[("role", "status")]);
}

/// Fills the link and embed boxes for the current scenario.
pub fn refresh(root: &ShadowRoot, host: &Element, written: &Written) {
    let query = &written.query;
    set_value(root, "share-link", &link_for(host, query));
    if let Some(a) = dom::by_id(root, "full-link") {
        let base = hosted(host).unwrap_or_else(|| cat(&[&folder(host), "index.html"]));
        attrs(&a, &[("href", &cat(&[&base, "?", query]))]);
    }
    if let (Some(field), Some(a)) = (dom::by_id(root, "share-hosted"), hosted(host)) {
        if let Some(i) = field.dyn_ref::<web_sys::HtmlInputElement>() {
            if i.value().trim().is_empty() {
                i.set_value(&a);
            }
        }
    }
    let (script, iframe) = embed::codes(&folder(host), &written.pairs, query);
    set_value(root, "embed-script", &script);
    set_value(root, "embed-iframe", &iframe);
    for id in ["share-link", "embed-script", "embed-iframe"] {
        if let Some(done) = dom::by_id(root, &cat(&[id, "-done"])) {
            dom::clear(&done);
        }
    }
}

/// While the form has a problem: empties the link and embed boxes, so no
/// older scenario can be copied from them, and says what to correct.
pub fn hold(root: &ShadowRoot, problems: &[crate::widget::state::Problem]) {
    let words = cat(&["Correct the form first: ", &problem_words(problems)]);
    for id in ["share-link", "embed-script", "embed-iframe"] {
        set_value(root, id, "");
        if let Some(done) = dom::by_id(root, &cat(&[id, "-done"])) {
            done.set_text_content(Some(&words));
        }
    }
}

/// The first problem in the form, with the label of its field.
fn problem_words(problems: &[crate::widget::state::Problem]) -> String {
    let Some(p) = problems.first() else {
        return "a figure above is marked as wrong.".into();
    };
    let label = p
        .target
        .as_deref()
        .and_then(crate::widget::form::fields::find)
        .map(|(f, programme)| match programme {
            Some(id) => cat(&[f.label, " (", id, ")"]),
            None => f.label.to_string(),
        });
    match label {
        Some(l) => cat(&[&l, ": ", &p.message]),
        None => p.message.clone(),
    }
}

/// Says, in a box's confirmation line, that nothing was copied and why.
pub fn refuse(root: &ShadowRoot, id: &str, problems: &[crate::widget::state::Problem]) {
    if let Some(done) = dom::by_id(root, &cat(&[id, "-done"])) {
        done.set_text_content(Some(&cat(&[
            "Nothing was copied. Correct the form first: ",
            &problem_words(problems),
        ])));
    }
}

fn set_value(root: &ShadowRoot, id: &str, value: &str) {
    if let Some(e) = dom::by_id(root, id) {
        let _ = js_sys::Reflect::set(&e, &"value".into(), &JsValue::from_str(value));
    }
}

/// Copies a box's text: the clipboard if the browser allows it, else the
/// text is selected for the reader to copy. Says which happened.
pub fn copy(root: &ShadowRoot, id: &str) {
    let (Some(field), Some(done)) = (dom::by_id(root, id), dom::by_id(root, &cat(&[id, "-done"])))
    else {
        return;
    };
    let value = js_sys::Reflect::get(&field, &"value".into())
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_default();
    let fallback = {
        let (field, done) = (field.clone(), done.clone());
        move || {
            dom::focus(&field);
            call0(&field, "select");
            done.set_text_content(Some(
                "Copying is blocked here. The text is selected: press Ctrl+C (or Cmd+C on a Mac) to copy it.",
            ));
        }
    };
    let clipboard = web_sys::window()
        .map(|w| w.navigator())
        .and_then(|n| js_sys::Reflect::get(&n, &"clipboard".into()).ok())
        .filter(|c| !c.is_undefined() && !c.is_null());
    let promise = clipboard.and_then(|c| {
        let f: js_sys::Function = js_sys::Reflect::get(&c, &"writeText".into())
            .ok()?
            .dyn_into()
            .ok()?;
        f.call1(&c, &JsValue::from_str(&value))
            .ok()?
            .dyn_into::<js_sys::Promise>()
            .ok()
    });
    match promise {
        Some(p) => {
            let ok = Closure::once(move |_: JsValue| {
                done.set_text_content(Some("Copied to the clipboard."));
            });
            let fail = Closure::once(move |_: JsValue| fallback());
            let _ = p.then2(&ok, &fail);
            ok.forget();
            fail.forget();
        }
        None => fallback(),
    }
}

/// Calls a method with no arguments.
pub fn call0(target: &JsValue, method: &str) {
    if let Some(f) = js_sys::Reflect::get(target, &JsValue::from_str(method))
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
    {
        let _ = f.call0(target);
    }
}

use wasm_bindgen::JsCast;
