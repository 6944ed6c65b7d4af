//! Compare: pin the current scenario as A, B or C and see the key results
//! side by side with each one's difference from A, and the settings that
//! differ. A pinned scenario can be put back into the form or removed.
//!
//! Pins are kept per widget across redraws (Reset, restore, import).

use web_sys::{Element, ShadowRoot};

use crate::model::views::compare::{self, Unit};
use crate::model::{Projection, Scenario};

use crate::dom::{self, add, add_c, add_ct, add_t, attrs, cat, text};
use crate::widget::live::{self, Pin};
use crate::widget::results::charts;
use crate::widget::{dom::format, form::fields, tools::embed};

/// Most scenarios pinned at once.
pub const MAX_PINS: usize = 3;
const NAMES: [&str; MAX_PINS] = ["A", "B", "C"];

/// The pins of one widget (kept in its [`live::Widget`]).
pub fn pins(root: &ShadowRoot) -> Vec<Pin> {
    live::find(root).map_or_else(Vec::new, |w| w.pins.borrow().clone())
}

fn set_pins(root: &ShadowRoot, pins: Vec<Pin>) {
    if let Some(w) = live::find(root) {
        *w.pins.borrow_mut() = pins;
    }
}

/// Pins the current scenario. Returns a sentence saying what happened.
pub fn pin(root: &ShadowRoot, scenario: &Scenario, projection: Option<&Projection>) -> String {
    let mut all = pins(root);
    let Some(p) = projection else {
        return "Correct the answers marked as wrong first: only a scenario with results can be pinned.".into();
    };
    if all.len() >= MAX_PINS {
        return "Three scenarios are pinned already. Remove one to pin another.".into();
    }
    all.push(Pin {
        scenario: scenario.clone(),
        projection: p.clone(),
    });
    let name = NAMES[all.len() - 1];
    set_pins(root, all);
    cat(&["Pinned this scenario as ", name, "."])
}

/// Removes pin `i`; the later pins move up a letter.
pub fn remove(root: &ShadowRoot, i: usize) -> String {
    let mut all = pins(root);
    if i >= all.len() {
        return String::new();
    }
    all.remove(i);
    set_pins(root, all);
    cat(&[
        "Removed scenario ",
        NAMES[i],
        ". The scenarios after it have moved up a letter.",
    ])
}

/// Builds the panel: the pin button, the status line and the table slot.
pub fn build(parent: &Element) -> Element {
    let section = add_c(parent, "section", "oc-tool oc-panel-compare");
    section.set_id("compare");
    attrs(&section, &[("aria-labelledby", "compare-title")]);
    add_ct(&section, "h3", "oc-h3", "Compare scenarios").set_id("compare-title");
    add_t(
        &section,
        "p",
        "Pin up to three scenarios, change the figures, and see them side by side. The differences are from A.",
    );
    let b = add_ct(&section, "button", "oc-button", "Pin this scenario");
    attrs(&b, &[("type", "button"), ("data-action", "pin")]);
    b.set_id("pin");
    let said = add_c(&section, "p", "oc-copied");
    said.set_id("compare-status");
    attrs(&said, &[("role", "status")]);
    add_c(&section, "div", "oc-compare-body").set_id("compare-body");
    section
}

fn value_words(unit: Unit, v: Option<f64>, p: &Projection) -> String {
    match (unit, v) {
        (_, None) if unit == Unit::Year => "not within the years shown".into(),
        (_, None) => "none".into(),
        (Unit::Count, Some(x)) => format::count(x),
        (Unit::Money, Some(x)) => format::money(x),
        (Unit::Ratio, Some(x)) => format::ratio(x),
        (Unit::Year, Some(x)) => {
            let i = (x as usize).saturating_sub(1);
            match p.years.get(i) {
                Some(y) => cat(&["year ", &format::count(x), " (", &y.label, ")"]),
                None => cat(&["year ", &format::count(x)]),
            }
        }
    }
}

fn difference_words(unit: Unit, d: Option<f64>) -> String {
    let Some(d) = d else {
        return "no comparison".into();
    };
    if d == 0.0 {
        return "the same".into();
    }
    let sign = if d > 0.0 { "+" } else { "−" };
    let size = match unit {
        Unit::Count => format::count(d.abs()),
        Unit::Money => format::money(d.abs()),
        Unit::Ratio => format::ratio(d.abs()),
        Unit::Year => {
            let n = format::count(d.abs());
            cat(&[&n, if d.abs() == 1.0 { " year" } else { " years" }])
        }
    };
    cat(&[sign, &size])
}

/// A setting's name for people: the form's label where there is one.
fn setting_name(key: &str) -> String {
    let label = embed::input_for_key(key)
        .and_then(|id| fields::find(&id).map(|(f, _)| f.label))
        .filter(|l| !l.is_empty());
    match (key, label) {
        (_, Some(l)) => l.to_string(),
        ("programmes", _) => "Programmes".into(),
        ("effect_level", _) => "Size of the effects".into(),
        ("label", _) => "Label".into(),
        ("name", _) => "Council".into(),
        ("council", _) => "Council code".into(),
        _ => key.to_string(),
    }
}

/// Redraws the comparison table from the pins.
pub fn render(root: &ShadowRoot) {
    let Some(body) = dom::by_id(root, "compare-body") else {
        return;
    };
    dom::clear(&body);
    let all = pins(root);
    if let Some(b) = dom::by_id(root, "pin") {
        let next = NAMES.get(all.len()).copied();
        b.set_text_content(Some(&match next {
            Some(n) => cat(&["Pin this scenario as ", n]),
            None => "Pin this scenario (three pinned)".into(),
        }));
    }
    if all.is_empty() {
        add_ct(&body, "p", "oc-hint", "No scenarios pinned yet.");
        return;
    }
    let projections: Vec<&Projection> = all.iter().map(|p| &p.projection).collect();
    let rows = compare::rows(&projections);
    let mut head: Vec<String> = vec!["Result".into()];
    for (i, _) in all.iter().enumerate() {
        head.push(cat(&["Scenario ", NAMES[i]]));
        if i > 0 {
            head.push(cat(&[NAMES[i], " compared with A"]));
        }
    }
    let table_rows: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            let mut row = vec![r.label.to_string()];
            for (i, v) in r.values.iter().enumerate() {
                row.push(value_words(r.unit, *v, projections[i]));
                if i > 0 {
                    row.push(difference_words(r.unit, r.differences[i]));
                }
            }
            row
        })
        .collect();
    let head_refs: Vec<&str> = head.iter().map(String::as_str).collect();
    charts::table(
        &body,
        "Pinned scenarios side by side",
        &head_refs,
        &table_rows,
    );

    let list = add_c(&body, "ul", "oc-pins");
    for (i, pin) in all.iter().enumerate() {
        let li = add_c(&list, "li", "oc-pin");
        let title = cat(&["Scenario ", NAMES[i]]);
        add_ct(&li, "h4", "oc-pin-title", &title);
        if i == 0 {
            add_t(&li, "p", &describe(&pin.scenario));
        } else {
            let diffs = compare::setting_differences(&all[0].scenario, &pin.scenario);
            if diffs.is_empty() {
                add_t(&li, "p", "The same settings as A.");
            } else {
                add_t(&li, "p", "Differs from A in:");
                let ul = add_c(&li, "ul", "oc-list");
                for (key, a, b) in diffs.iter().take(12) {
                    let item = add(&ul, "li");
                    add_t(&item, "strong", &setting_name(key));
                    text(
                        &item,
                        &cat(&[
                            ": ",
                            &shown(&pin.scenario, key, b),
                            " (A: ",
                            &shown(&all[0].scenario, key, a),
                            ")",
                        ]),
                    );
                }
                if diffs.len() > 12 {
                    add_t(&ul, "li", "and more.");
                }
            }
        }
        let restore = add_ct(
            &li,
            "button",
            "oc-button oc-button--secondary",
            "Put back into the form",
        );
        attrs(
            &restore,
            &[
                ("type", "button"),
                ("data-action", "restore"),
                ("data-pin", NAMES[i]),
                (
                    "aria-label",
                    &cat(&["Put back into the form: scenario ", NAMES[i]]),
                ),
            ],
        );
        let rm = add_ct(&li, "button", "oc-button oc-button--secondary", "Remove");
        attrs(
            &rm,
            &[
                ("type", "button"),
                ("data-action", "unpin"),
                ("data-pin", NAMES[i]),
                ("aria-label", &cat(&["Remove scenario ", NAMES[i]])),
            ],
        );
    }
}

/// A setting's value as the form shows it (a link leaves out values that
/// are the format's defaults, so those are read from the scenario).
fn shown(s: &Scenario, key: &str, linked: &str) -> String {
    let from_form = embed::input_for_key(key).and_then(|id| {
        let (f, programme) = fields::find(&id)?;
        let v = match (f.access, programme) {
            (fields::Access::Scenario(get, _), None) => get(s),
            (fields::Access::Choice(get, _), Some(p)) => {
                get(s.programmes.iter().find(|c| c.programme == p)?)
            }
            _ => None,
        };
        Some(match v {
            Some(x) => format::input(x, f.kind != fields::Kind::Whole),
            None => "blank".into(),
        })
    });
    from_form.unwrap_or_else(|| blank_words(linked))
}

fn blank_words(v: &str) -> String {
    if v.is_empty() {
        "not set".into()
    } else {
        v.replace(',', ", ")
    }
}

/// A short description of a scenario: programmes and years funded.
fn describe(s: &Scenario) -> String {
    let lib = crate::model::data::evidence::library();
    let names: Vec<&str> = s
        .programmes
        .iter()
        .map(|c| {
            lib.iter()
                .find(|p| p.id == c.programme)
                .map(|p| p.name)
                .unwrap_or(c.programme.as_str())
        })
        .collect();
    let a = &s.assumptions;
    cat(&[
        if s.council.name.is_empty() {
            ""
        } else {
            &s.council.name
        },
        if s.council.name.is_empty() { "" } else { ": " },
        &names.join(", "),
        ", funded ",
        &format::count(f64::from(a.funding_years)),
        " of ",
        &format::count(f64::from(a.horizon_years)),
        " years.",
    ])
}

/// The pin index for a letter.
pub fn index(letter: &str) -> Option<usize> {
    NAMES.iter().position(|n| *n == letter)
}
