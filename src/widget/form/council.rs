//! "Your council's figures": the council picker (a `<select>` grouped by
//! region), the year of the figures, the source line and the licence
//! credit, loading newer figures from the official files, and the marks on
//! figures the user has changed from the official ones, each with a button
//! that puts the official figure back.
//!
//! The figures and the comparisons come from `model::scenario::council_preset`; this
//! file only draws them and wires the events.

use std::cell::RefCell;
use std::rc::Rc;

use js_sys::{Array, Function, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, Event, HtmlInputElement, HtmlSelectElement, Node, ShadowRoot};

use crate::model::data::presets::{self, OwnedPreset};
use crate::model::import::dfe::{self, FileKind};
use crate::model::scenario::council_preset::{self, FIGURES};

use crate::dom::format;
use crate::dom::{self, add, add_c, add_ct, attrs, cat, source_link, text};
use crate::widget::state::{push_count, State};

/// Id of the council picker.
pub const PICK: &str = "council-pick";
/// Id of the year picker.
pub const YEAR: &str = "council-year";
/// Id of the file input for the official files.
pub const FILES: &str = "council-files";

type Shared = Rc<RefCell<State>>;
/// Recomputes and redraws: the widget's `update`.
pub type Update = fn(&ShadowRoot, &mut State, bool);

/// Fills in a starting scenario that names a council but gives no figures
/// (`?council=E10000015`) and notes the official figures to compare with.
/// An unknown council is an error on the picker.
pub fn start(s: &mut State) {
    if let Err(e) = council_preset::complete(&mut s.scenario) {
        s.bad.push((PICK.into(), e));
        return;
    }
    s.official = official_for(s);
    // A code no table knows is named; figures of a year without a table
    // are simply the user's own.
    let c = &s.scenario.council;
    if let (None, Some(code)) = (&s.official, &c.code) {
        if presets::latest(code).is_none() {
            let year = c.data_year.unwrap_or(presets::LATEST_YEAR);
            s.bad
                .push((PICK.into(), council_preset::unknown(code, year)));
        }
    }
}

/// The presets of `year` the picker offers: loaded ones replace the
/// built-in ones of their year.
pub fn list(s: &State, year: u16) -> Vec<OwnedPreset> {
    match &s.imported {
        Some(i) if i.year == year => i.councils.clone(),
        _ => presets::all(year).iter().map(|p| p.owned()).collect(),
    }
}

/// Years with figures, newest first.
fn years(s: &State) -> Vec<u16> {
    let mut y: Vec<u16> = presets::YEARS.iter().rev().copied().collect();
    if let Some(i) = &s.imported {
        if let Err(at) = y.binary_search_by(|x| i.year.cmp(x)) {
            y.insert(at, i.year);
        }
    }
    y
}

/// The year the picker shows.
pub fn year(s: &State) -> u16 {
    let ys = years(s);
    s.scenario
        .council
        .data_year
        .filter(|y| ys.contains(y))
        .unwrap_or(ys[0])
}

fn official_for(s: &State) -> Option<OwnedPreset> {
    let c = &s.scenario.council;
    let year = c.data_year.unwrap_or(presets::LATEST_YEAR);
    council_preset::find_in(&list(s, year), c.code.as_deref()?).cloned()
}

fn year_text(y: u16) -> String {
    let mut s = String::new();
    push_count(&mut s, usize::from(y));
    s
}

/// Draws the picker, the year, the source line, the credit and the file
/// loader at the top of the council fieldset.
pub fn build(parent: &Node, st: &State) {
    let group = add_c(parent, "div", "oc-field");
    group.set_id(&cat(&[PICK, "-group"]));
    let l = add_ct(&group, "label", "oc-label", "Council");
    attrs(&l, &[("for", PICK)]);
    let hint = add_ct(
        &group,
        "div",
        "oc-hint",
        "Choose your council to fill in its published figures. You can then change any of them.",
    );
    hint.set_id(&cat(&[PICK, "-hint"]));
    error_slot(&group, PICK);
    let pick = add_c(&group, "select", "oc-select");
    let described = cat(&[PICK, "-hint"]);
    attrs(
        &pick,
        &[
            ("id", PICK),
            ("name", PICK),
            ("aria-describedby", &described),
            ("data-describedby", &described),
        ],
    );
    fill_picker(&pick, &list(st, year(st)));

    let yg = add_c(parent, "div", "oc-field");
    let l = add_ct(&yg, "label", "oc-label", "Year of the figures");
    attrs(&l, &[("for", YEAR)]);
    let ys = add_c(&yg, "select", "oc-select");
    attrs(&ys, &[("id", YEAR), ("name", YEAR)]);
    fill_years(&ys, st);

    let source = add_c(parent, "p", "oc-hint oc-council-source");
    source.set_id("council-source");
    let credit = add_ct(parent, "p", "oc-credit", presets::CREDIT);
    credit.set_id("council-credit");

    let reset = add_ct(
        parent,
        "button",
        "oc-button oc-button--secondary",
        "Reset all to official figures",
    );
    attrs(&reset, &[("type", "button"), ("id", "council-reset-all")]);
    dom::show(&reset, false);
    let said = add_c(parent, "p", dom::VH);
    attrs(&said, &[("id", "council-said"), ("role", "status")]);

    loader(parent);
}

/// The file input for the official files, folded away.
fn loader(parent: &Node) {
    let d = add_c(parent, "details", "oc-details");
    add_ct(
        &d,
        "summary",
        "oc-details-summary",
        "Load newer figures from the Department for Education",
    );
    let body = add_c(&d, "div", "oc-folded");
    let group = add_c(&body, "div", "oc-field");
    group.set_id(&cat(&[FILES, "-group"]));
    let l = add_ct(&group, "label", "oc-label", "Official data files (CSV)");
    attrs(&l, &[("for", FILES)]);
    let hint = add_c(&group, "div", "oc-hint");
    hint.set_id(&cat(&[FILES, "-hint"]));
    text(
        &hint,
        "The underlying data of \u{2018}Children looked after in England including adoption\u{2019} \
         (cla_number_and_rate_per_10k_children.csv) and \u{2018}Characteristics of children in \
         need\u{2019} (b1_children_in_need_2013_to_YYYY.csv and \
         d5_cpps_at31march_by_duration_2013_to_YYYY.csv), from ",
    );
    source_link(
        &hint,
        "https://explore-education-statistics.service.gov.uk/",
        "Explore Education Statistics",
    );
    text(
        &hint,
        ". Choose one or more. The files stay on your computer.",
    );
    error_slot(&group, FILES);
    let input = add_c(&group, "input", "oc-file");
    let described = cat(&[FILES, "-hint"]);
    attrs(
        &input,
        &[
            ("type", "file"),
            ("id", FILES),
            ("name", FILES),
            ("multiple", ""),
            ("accept", ".csv,text/csv"),
            ("aria-describedby", &described),
            ("data-describedby", &described),
        ],
    );
    let status = add_c(&body, "div", "oc-loaded");
    attrs(&status, &[("id", "council-loaded"), ("role", "status")]);
}

fn error_slot(group: &Element, id: &str) {
    let err = add_c(group, "p", "oc-error");
    err.set_id(&cat(&[id, "-error"]));
    dom::show(&err, false);
}

/// The options of the picker: "your own figures", then the councils
/// grouped by region.
fn fill_picker(pick: &Element, list: &[OwnedPreset]) {
    dom::clear(pick);
    let own = add_ct(pick, "option", "", "None: enter your own figures");
    attrs(&own, &[("value", "")]);
    for region in council_preset::regions(list) {
        let g = add(pick, "optgroup");
        attrs(&g, &[("label", region)]);
        for p in list.iter().filter(|p| p.region == region) {
            let o = add_ct(&g, "option", "", &p.name);
            attrs(&o, &[("value", &p.code)]);
        }
    }
}

fn fill_years(select: &Element, st: &State) {
    dom::clear(select);
    let loaded = st.imported.as_ref().map(|i| i.year);
    for y in years(st) {
        let words = year_text(y);
        let words = if Some(y) == loaded {
            cat(&["31 March ", &words, " (from the files you loaded)"])
        } else {
            cat(&["31 March ", &words])
        };
        let o = add_ct(select, "option", "", &words);
        attrs(&o, &[("value", &year_text(y))]);
    }
}

fn set_select(root: &ShadowRoot, id: &str, value: &str) {
    if let Some(s) = dom::by_id(root, id).and_then(|e| e.dyn_into::<HtmlSelectElement>().ok()) {
        if s.value() != value {
            s.set_value(value);
        }
    }
}

/// Adds the slot for the "changed" or "not published" note and the reset
/// button to the group of a council figure (`id` is its scenario path).
pub fn note_slot(group: &Element, id: &str) {
    if !FIGURES.iter().any(|f| f.key == id) {
        return;
    }
    let note_id = cat(&[id, "-note"]);
    let note = add_c(group, "p", "oc-note");
    note.set_id(&note_id);
    dom::show(&note, false);
    let reset = add_c(group, "button", "oc-link-button");
    attrs(
        &reset,
        &[
            ("type", "button"),
            ("id", &cat(&[id, "-reset"])),
            ("data-reset", id),
        ],
    );
    dom::show(&reset, false);
    if let Ok(Some(input)) = group.query_selector("input") {
        let base = input.get_attribute("data-describedby").unwrap_or_default();
        let described = cat(&[&base, " ", &note_id]);
        attrs(
            &input,
            &[
                ("aria-describedby", described.trim()),
                ("data-describedby", described.trim()),
            ],
        );
    }
}

/// Brings the picker, the source line and the marks on changed figures in
/// line with the state. Called after every recomputation.
pub fn sync(root: &ShadowRoot, st: &State) {
    let code = st.scenario.council.code.as_deref().unwrap_or("");
    let known = st.official.is_some();
    set_select(root, PICK, if known { code } else { "" });
    set_select(root, YEAR, &year_text(year(st)));
    source_line(root, st);
    let mut any = false;
    for f in &FIGURES {
        any |= mark(root, st, f.key);
    }
    if let Some(b) = dom::by_id(root, "council-reset-all") {
        dom::show(&b, any);
    }
}

/// "Figures for Hertfordshire at 31 March 2025 from the Department for
/// Education …", redrawn only when it changes.
fn source_line(root: &ShadowRoot, st: &State) {
    let Some(p) = dom::by_id(root, "council-source") else {
        return;
    };
    let key = match &st.official {
        Some(o) => cat(&[
            &o.code,
            &year_text(o.year),
            if loaded(st, o.year) { "+" } else { "" },
        ]),
        None => String::new(),
    };
    if p.get_attribute("data-key").as_deref() == Some(&key) {
        return;
    }
    attrs(&p, &[("data-key", &key)]);
    dom::clear(&p);
    let Some(o) = &st.official else {
        text(
            &p,
            "No council chosen: enter your council's figures below, or choose a council above.",
        );
        return;
    };
    text(
        &p,
        &cat(&[
            "Figures for ",
            &o.name,
            " at 31 March ",
            &year_text(o.year),
            " from the ",
        ]),
    );
    source_link(
        &p,
        crate::model::data::citation::DFE_CLA.url,
        "Department for Education",
    );
    if loaded(st, o.year) {
        text(&p, " (the files you loaded)");
    }
    text(&p, " and ONS population estimates.");
    let missing: Vec<&str> = FIGURES
        .iter()
        .filter(|f| council_preset::official(o, f.key).is_none())
        .map(|f| f.words)
        .collect();
    if !missing.is_empty() {
        text(
            &p,
            &cat(&[
                " Not published for this council: ",
                &missing.join(", "),
                ". Enter your own figures for them.",
            ]),
        );
    }
}

fn loaded(st: &State, year: u16) -> bool {
    st.imported.as_ref().is_some_and(|i| i.year == year)
}

/// Marks one figure as changed from, or missing in, the official figures.
/// Returns whether it is changed.
fn mark(root: &ShadowRoot, st: &State, key: &str) -> bool {
    let (Some(note), Some(reset)) = (
        dom::by_id(root, &cat(&[key, "-note"])),
        dom::by_id(root, &cat(&[key, "-reset"])),
    ) else {
        return false;
    };
    let Some(o) = &st.official else {
        set_note(&note, &[]);
        dom::show(&reset, false);
        changed_class(root, key, false);
        return false;
    };
    let official = council_preset::official(o, key);
    let typing = st.bad.iter().any(|(id, _)| id == key);
    let changed = official.is_some() && (typing || st.value(key) != official);
    let label = crate::widget::form::fields::find(key).map_or("", |(f, _)| f.label);
    match official {
        Some(v) if changed => {
            let from = format::input(v, true);
            set_note(
                &note,
                &[
                    ("oc-tag", "Changed"),
                    ("", &cat(&[" from ", &from, ", the official figure."])),
                ],
            );
            if reset.get_attribute("data-from").as_deref() != Some(&from) {
                dom::clear(&reset);
                text(&reset, "Reset to official figure");
                dom::hidden_text(&reset, &cat(&[" for ", label, " (", &from, ")"]));
                attrs(&reset, &[("data-from", &from)]);
            }
        }
        Some(_) => set_note(&note, &[]),
        None if st.value(key).is_none() => set_note(
            &note,
            &[
                ("oc-tag", "Not published"),
                (
                    "",
                    &cat(&[" for ", &o.name, ": enter your council's own figure."]),
                ),
            ],
        ),
        None => set_note(
            &note,
            &[(
                "",
                &cat(&["Your own figure: not published for ", &o.name, "."]),
            )],
        ),
    }
    dom::show(&reset, changed);
    changed_class(root, key, changed);
    changed
}

/// Writes the note's parts (class, text) only when they change.
fn set_note(note: &Element, parts: &[(&str, &str)]) {
    let all: String = parts.iter().map(|(_, t)| *t).collect();
    if note.text_content().unwrap_or_default() == all {
        return;
    }
    dom::clear(note);
    for (class, t) in parts {
        if class.is_empty() {
            text(note, t);
        } else {
            add_ct(note, "strong", class, t);
        }
    }
    dom::show(note, !parts.is_empty());
}

fn changed_class(root: &ShadowRoot, key: &str, on: bool) {
    if let Some(g) = dom::by_id(root, &cat(&[key, "-group"])) {
        let _ = g.class_list().toggle_with_force("oc-field--changed", on);
    }
}

/// Writes the scenario's council figures into their inputs.
fn write_inputs(root: &ShadowRoot, st: &State) {
    for f in &FIGURES {
        if let Some(input) =
            dom::by_id(root, f.key).and_then(|e| e.dyn_into::<HtmlInputElement>().ok())
        {
            input.set_value(
                &st.value(f.key)
                    .map(|v| format::input(v, true))
                    .unwrap_or_default(),
            );
        }
    }
}

fn say(root: &ShadowRoot, words: &str) {
    if let Some(s) = dom::by_id(root, "council-said") {
        s.set_text_content(Some(words));
    }
}

/// Forgets text that could not be used in the council figures and the
/// picker, which a new choice replaces.
fn forget_bad(s: &mut State) {
    s.bad
        .retain(|(id, _)| id != PICK && !FIGURES.iter().any(|f| f.key == id));
}

/// Chooses the council with `code` (or none, for "") in `year`.
fn choose(root: &ShadowRoot, s: &mut State, code: &str, year: u16, update: Update) {
    forget_bad(s);
    if code.is_empty() {
        s.scenario.council.code = None;
        s.scenario.council.data_year = None;
        s.official = None;
    } else {
        let list = list(s, year);
        match council_preset::find_in(&list, code) {
            Some(p) => {
                council_preset::apply(&mut s.scenario, p);
                s.official = Some(p.clone());
            }
            None => {
                s.bad
                    .push((PICK.into(), council_preset::unknown(code, year)));
                s.official = None;
                s.scenario.council.data_year = Some(year);
            }
        }
    }
    write_inputs(root, s);
    update(root, s, true);
}

/// Wires the picker, the year, the reset buttons and the file input.
pub fn wire(root: &ShadowRoot, form: &Element, st: &Shared, update: Update) {
    let (r, s) = (root.clone(), st.clone());
    on(form, "change", move |e| {
        let Some(target) = e.target().and_then(|t| t.dyn_into::<Element>().ok()) else {
            return;
        };
        let value = || {
            target
                .dyn_ref::<HtmlSelectElement>()
                .map(|x| x.value())
                .unwrap_or_default()
        };
        match target.id().as_str() {
            PICK => {
                let mut st = s.borrow_mut();
                let y = year(&st);
                choose(&r, &mut st, &value(), y, update);
                let words = match &st.official {
                    Some(o) => cat(&["Figures for ", &o.name, " filled in."]),
                    None => "Council cleared: the figures stay as they are.".into(),
                };
                say(&r, &words);
            }
            YEAR => {
                let Ok(y) = value().parse::<u16>() else {
                    return;
                };
                let mut st = s.borrow_mut();
                let code = st.scenario.council.code.clone().unwrap_or_default();
                fill_picker_for(&r, &st, y);
                if code.is_empty() {
                    st.scenario.council.data_year = Some(y);
                    update(&r, &mut st, true);
                } else {
                    choose(&r, &mut st, &code, y, update);
                }
                say(
                    &r,
                    &cat(&["Figures at 31 March ", &year_text(y), " filled in."]),
                );
            }
            FILES => {
                if let Some(input) = target.dyn_ref::<HtmlInputElement>() {
                    read_files(&r, &s, input, update);
                }
            }
            _ => {}
        }
    });
    let (r, s) = (root.clone(), st.clone());
    on(form, "click", move |e| {
        let Some(button) = e
            .target()
            .and_then(|t| t.dyn_into::<Element>().ok())
            .and_then(|t| t.closest("button").ok().flatten())
        else {
            return;
        };
        let mut st = s.borrow_mut();
        let Some(official) = st.official.clone() else {
            return;
        };
        if let Some(key) = button.get_attribute("data-reset") {
            st.bad.retain(|(id, _)| *id != key);
            council_preset::reset(&mut st.scenario, &official, &key);
            write_inputs(&r, &st);
            update(&r, &mut st, false);
            if let Some(input) = dom::by_id(&r, &key) {
                dom::focus(&input);
            }
            let label = crate::widget::form::fields::find(&key).map_or("", |(f, _)| f.label);
            say(&r, &cat(&[label, ": back to the official figure."]));
        } else if button.id() == "council-reset-all" {
            forget_bad(&mut st);
            council_preset::apply(&mut st.scenario, &official);
            write_inputs(&r, &st);
            update(&r, &mut st, true);
            if let Some(pick) = dom::by_id(&r, PICK) {
                dom::focus(&pick);
            }
            say(&r, "Every figure is back to the official one.");
        }
    });
}

fn fill_picker_for(root: &ShadowRoot, st: &State, year: u16) {
    if let Some(pick) = dom::by_id(root, PICK) {
        fill_picker(&pick, &list(st, year));
    }
}

/// Reads the chosen files, then imports them.
fn read_files(root: &ShadowRoot, st: &Shared, input: &HtmlInputElement, update: Update) {
    let Some(files) = input.files() else { return };
    let mut names = Vec::new();
    let buffers = Array::new();
    // Too large a file is refused before it is read: reading 165 MB held
    // the page for minutes.
    for i in 0..files.length() {
        if let Some(f) = files.get(i) {
            if f.size() > dfe::MAX_FILE_BYTES as f64 {
                input.set_value("");
                crate::widget::form::errors::show_error(
                    root,
                    FILES,
                    Some(&cat(&[
                        "Nothing was loaded: ",
                        &dfe::too_large(&f.name()).to_string(),
                    ])),
                );
                return;
            }
        }
    }
    for i in 0..files.length() {
        if let Some(f) = files.get(i) {
            names.push(f.name());
            buffers.push(&f.array_buffer());
        }
    }
    if names.is_empty() {
        return;
    }
    // Cleared once read (the message names the files), so that choosing
    // the same file again, once corrected, reads it again. The files are
    // read by the on-demand module (`crate::workings::dfe`, the loader's
    // `readDfe`), which shows how far it has got in the status line and
    // hands the figures back.
    // "Reading…" until the module has read them.
    if let Some(status) = dom::by_id(root, "council-loaded") {
        dom::clear(&status);
        add_ct(
            &status,
            "p",
            "",
            &cat(&["Reading ", &names.join(", "), "\u{2026}"]),
        );
    }
    let (r, s, chosen) = (root.clone(), st.clone(), input.clone());
    let done = Closure::once(move |v: JsValue| {
        chosen.set_value("");
        let Some(status) = dom::by_id(&r, "council-loaded") else {
            return;
        };
        let list: Array = names.iter().map(|n| JsValue::from_str(n)).collect();
        let (r2, s2) = (r.clone(), s.clone());
        let answer = Closure::once(move |answer: JsValue| {
            let result = import_of(&answer);
            imported(&r2, &mut s2.borrow_mut(), &names, result, update);
        });
        let host = r.host();
        let asked = Reflect::get(&host, &JsValue::from_str("readDfe"))
            .ok()
            .and_then(|f| f.dyn_into::<Function>().ok())
            .map(|f| {
                let args = Array::of4(&status, &list, &v, answer.as_ref());
                f.apply(&host, &args)
            });
        answer.forget();
        if asked.is_none() {
            unread(&r);
        }
    });
    let (r, chosen) = (root.clone(), input.clone());
    let failed = Closure::once(move |_: JsValue| {
        chosen.set_value("");
        unread(&r);
    });
    let _ = Promise::all(&buffers).then2(&done, &failed);
    done.forget();
    failed.forget();
}

/// Says that the files could not be read.
pub fn unread(root: &ShadowRoot) {
    if let Some(status) = dom::by_id(root, "council-loaded") {
        dom::clear(&status);
    }
    crate::widget::form::errors::show_error(
        root,
        FILES,
        Some("The selected files could not be read: check your connection, then choose them again"),
    );
}

/// The figures the module read (see `crate::workings::dfe`), or its
/// message.
fn import_of(answer: &JsValue) -> Result<dfe::Import, String> {
    let get = |key: &str| Reflect::get(answer, &JsValue::from_str(key)).unwrap_or_default();
    if let Some(m) = get("message").as_string() {
        return Err(m);
    }
    let year = get("year").as_f64().ok_or_else(|| NOT_READ.to_string())? as u16;
    let files = Array::from(&get("files"))
        .iter()
        .map(|f| {
            let f = Array::from(&f);
            let kind = match f.get(0).as_f64().unwrap_or(0.0) as u8 {
                1 => FileKind::LookedAfter,
                2 => FileKind::ChildrenInNeed,
                3 => FileKind::ProtectionPlans,
                _ => FileKind::CompactPresets,
            };
            (kind, f.get(1).as_f64().unwrap_or(0.0) as usize)
        })
        .collect();
    Ok(dfe::Import {
        year,
        councils: crate::council_rows::from_rows(&get("councils"), year),
        files,
        warnings: Array::from(&get("warnings"))
            .iter()
            .filter_map(|w| w.as_string())
            .collect(),
    })
}

/// Said when the module's answer cannot be used.
const NOT_READ: &str = "the files could not be read";

/// Uses the figures of the files, or says what is wrong with them and
/// changes nothing.
fn imported(
    root: &ShadowRoot,
    s: &mut State,
    names: &[String],
    result: Result<dfe::Import, String>,
    update: Update,
) {
    let status = dom::by_id(root, "council-loaded");
    let import = match result {
        Ok(i) => i,
        Err(e) => {
            crate::widget::form::errors::show_error(
                root,
                FILES,
                Some(&cat(&["Nothing was loaded: ", &e])),
            );
            if let Some(status) = status {
                dom::clear(&status);
            }
            return;
        }
    };
    crate::widget::form::errors::show_error(root, FILES, None);
    let built = match presets::all(import.year) {
        [] => presets::all(presets::LATEST_YEAR),
        b => b,
    };
    let import = import.apply(built);
    let y = import.year;
    if let Some(status) = &status {
        dom::clear(status);
        let mut n = String::new();
        push_count(&mut n, import.councils.len());
        add_ct(
            status,
            "p",
            "",
            &cat(&[
                "Loaded the figures at 31 March ",
                &year_text(y),
                " for ",
                &n,
                " councils. The council list now uses them. From:",
            ]),
        );
        let ul = add_c(status, "ul", "oc-list");
        for (name, (kind, rows)) in names.iter().zip(&import.files) {
            let mut r = String::new();
            push_count(&mut r, *rows);
            add_ct(
                &ul,
                "li",
                "",
                &cat(&[name, ": ", kind.label(), ", ", &r, " rows used"]),
            );
        }
        if !import.warnings.is_empty() {
            add_ct(status, "p", "", "Please note:");
            let ul = add_c(status, "ul", "oc-list");
            for w in import.warnings.iter().take(10) {
                add_ct(&ul, "li", "", &dom::sentence(w));
            }
            if import.warnings.len() > 10 {
                let mut more = String::new();
                push_count(&mut more, import.warnings.len() - 10);
                add_ct(&ul, "li", "", &cat(&["And ", &more, " more."]));
            }
        }
    }
    s.imported = Some(import);
    if let Some(ys) = dom::by_id(root, YEAR) {
        fill_years(&ys, s);
    }
    fill_picker_for(root, s, y);
    match s.scenario.council.code.clone() {
        Some(code) => choose(root, s, &code, y, update),
        None => update(root, s, true),
    }
}

/// Adds an event listener for the drawing `target` is in, released when
/// the widget is drawn again.
pub fn on(target: &Element, event: &str, f: impl FnMut(Event) + 'static) {
    crate::widget::live::listen(target, event, f);
}
