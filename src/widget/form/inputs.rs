//! The form: programme picker, council figures, time frame, unit costs and
//! method assumptions, following the GOV.UK patterns (visible labels, hints,
//! `type="text" inputmode="decimal"`, £ and % affixes, errors next to the
//! field).

use web_sys::{Element, Node, ShadowRoot};

use crate::model::data::citation::Citation;
use crate::model::data::defaults::{self, Sourced};
use crate::model::data::evidence::{Grade, Measure, Placement, Programme};
use crate::model::scenario::fields::Kind as TableKind;
use crate::model::{Agency, Cohorts, CustomBenefit, CustomProgramme, EffectLevel};

use crate::dom::format;
use crate::dom::{self, add, add_c, add_ct, add_t, attrs, cat, source_link, text};
use crate::widget::form::errors;
use crate::widget::form::fields::{self, Affix, Field, Kind};
use crate::widget::state::{self, push_count, Problem, State};

/// The input for the years of funding.
const FUNDING_YEARS: &str = "assumptions.funding_years";

/// Builds the form into `parent`.
pub fn build(parent: &Node, st: &State) -> Element {
    let form = add_c(parent, "form", "oc-form");
    attrs(
        &form,
        &[("novalidate", ""), ("aria-labelledby", "scenario-title")],
    );
    add_ct(&form, "h2", "oc-h2", "Your scenario").set_id("scenario-title");
    add_ct(
        &form,
        "p",
        "oc-lede",
        "Choose programmes and change any figure: the results update as you type.",
    );

    programmes(&form, st);

    // How long the money lasts is the next question after which
    // programmes, so it sits right under them (on a phone too).
    let funding = fieldset(&form, "How long the funding lasts");
    for f in fields::TIME.iter().filter(|f| f.key == FUNDING_YEARS) {
        number(&funding, f.key, f, f.label, f.hint, st);
    }

    let council = fieldset(&form, "Your council's figures");
    crate::widget::form::council::build(&council, st);
    for f in fields::COUNCIL {
        let group = number(&council, f.key, f, f.label, f.hint, st);
        crate::widget::form::council::note_slot(&group, f.key);
    }

    let time = fieldset(&form, "Time frame and evidence");
    for f in fields::TIME.iter().filter(|f| f.key != FUNDING_YEARS) {
        number(&time, f.key, f, f.label, f.hint, st);
    }
    levels(&time, st.scenario.assumptions.effect_level);

    // The folded sections: (title, hint, fields).
    let sections: [(&str, &str, &[Field]); 3] = [
        (
            "Unit costs",
            "What each outcome costs. Every default is a published figure; replace any with your own.",
            fields::UNIT_COSTS,
        ),
        (
            "Method assumptions",
            "The Green Book settings behind the results.",
            fields::METHOD,
        ),
        (
            "Uncertainty settings",
            "How the range of results under \u{201c}How sure are we?\u{201d} is worked out. Each simulation draws every effect from its evidence range, and the unit costs and shares reached from the spreads below.",
            fields::UNCERTAINTY,
        ),
    ];
    for (title, hint, list) in sections {
        let section = folded(&form, title, hint);
        for f in list {
            number(&section, f.key, f, f.label, f.hint, st);
        }
    }

    let submit = add_ct(&form, "button", "oc-button", "Update results");
    attrs(&submit, &[("type", "submit")]);
    form
}

fn fieldset(parent: &Node, legend: &str) -> Element {
    let fs = add_c(parent, "fieldset", "oc-fieldset");
    add_ct(&fs, "legend", "oc-legend", legend);
    fs
}

/// A fieldset inside a closed `<details>`, for the less-used settings.
fn folded(parent: &Node, title: &str, hint: &str) -> Element {
    let d = add_c(parent, "details", "oc-details");
    add_ct(&d, "summary", "oc-details-summary", title);
    let fs = add_c(&d, "fieldset", "oc-fieldset oc-fieldset--folded");
    add_ct(&fs, "legend", "oc-vh", title);
    add_ct(&fs, "p", "oc-hint", hint);
    fs
}

/// "PSSRU 2017": the publisher up to its first comma or bracket, and the year.
pub fn short_source(c: &Citation) -> String {
    let end = c.publisher.find([',', '(']).unwrap_or(c.publisher.len());
    let mut s = c.publisher[..end].trim_end().to_string();
    s.push(' ');
    push_count(&mut s, usize::from(c.year));
    s
}

/// ", £646 in 2016-17 prices, uprated to 2025-26" for a money default;
/// nothing for other figures.
pub fn price_note(s: &Sourced) -> String {
    match s.price_year {
        Some(y) => cat(&[
            ", ",
            &format::money(s.published),
            " in ",
            &crate::model::data::prices::label(y),
            " prices, uprated to ",
            crate::model::data::prices::PRICE_BASE_LABEL,
        ]),
        None => String::new(),
    }
}

/// A sourced default in words: "£646 a week".
pub fn sourced_value(s: &Sourced) -> String {
    if let Some(rest) = s.unit().strip_prefix('£') {
        cat(&[&format::money(s.value), rest])
    } else if let Some(rest) = s.unit().strip_prefix('%') {
        cat(&[&format::pct(s.value), rest])
    } else {
        cat(&[&format::ratio(s.value), " ", s.unit()])
    }
}

/// One number input with its label, hint, error slot and affix.
fn number(parent: &Node, id: &str, f: &Field, label: &str, hint: &str, st: &State) -> Element {
    let group = add_c(parent, "div", "oc-field");
    group.set_id(&cat(&[id, "-group"]));
    let l = add_ct(&group, "label", "oc-label", label);
    attrs(&l, &[("for", id)]);
    let hint_id = cat(&[id, "-hint"]);
    let source = defaults::sourced(f.key).filter(|_| f.key.contains('.'));
    let has_hint = !hint.is_empty() || source.is_some();
    if has_hint {
        let h = add_ct(&group, "div", "oc-hint", hint);
        h.set_id(&hint_id);
        if let Some(s) = source {
            let line = add_c(&h, "span", "oc-source");
            let lead = if f.kind == Kind::Optional {
                "Used when your figures are missing: "
            } else {
                "Default "
            };
            text(&line, &cat(&[lead, &sourced_value(&s), " ("]));
            source_link(&line, s.source.url, &short_source(&s.source));
            text(&line, &price_note(&s));
            text(&line, ").");
        }
    }
    let err = add_c(&group, "p", "oc-error");
    err.set_id(&cat(&[id, "-error"]));
    dom::show(&err, false);

    let wrap = add_c(&group, "div", "oc-input-wrap");
    if f.affix == Affix::Pound {
        let a = add_ct(&wrap, "span", "oc-affix", "£");
        attrs(&a, &[("aria-hidden", "true")]);
    }
    let width = match (f.affix, f.kind) {
        (_, Kind::Whole) => "oc-input oc-w-4",
        (Affix::Pct, _) => "oc-input oc-w-5",
        _ => "oc-input oc-w-10",
    };
    let input = add_c(&wrap, "input", width);
    let value = st
        .value(id)
        .map(|v| format::input(v, f.kind != Kind::Whole))
        .unwrap_or_default();
    attrs(
        &input,
        &[
            ("type", "text"),
            ("inputmode", "decimal"),
            ("id", id),
            ("name", id),
            ("autocomplete", "off"),
            ("spellcheck", "false"),
            ("value", &value),
        ],
    );
    if has_hint {
        attrs(
            &input,
            &[
                ("aria-describedby", &hint_id),
                ("data-describedby", &hint_id),
            ],
        );
    }
    if f.affix == Affix::Pct {
        let a = add_ct(&wrap, "span", "oc-affix", "%");
        attrs(&a, &[("aria-hidden", "true")]);
    }
    group
}

/// The evidence grade in words, strongest first.
pub fn grade_words(g: Grade) -> &'static str {
    match g {
        Grade::Rct => "strong (a randomised controlled trial)",
        Grade::Qed => "moderate (a comparison-area study)",
        Grade::BeforeAfter => "limited (a before-and-after study in one council)",
        Grade::Modelled => "limited (a modelled estimate)",
    }
}

/// The study behind a programme.
pub fn main_source(p: &Programme) -> Option<&Citation> {
    p.effects
        .first()
        .map(|e| &e.source)
        .or_else(|| p.case_benefits.first().map(|b| &b.source))
        .or_else(|| p.cost.as_ref().map(|c| &c.source))
}

fn programmes(form: &Node, st: &State) {
    let fs = fieldset(form, "Programmes to fund");
    fs.set_id("programmes");
    let hint = add_ct(
        &fs,
        "div",
        "oc-hint",
        "Choose one or more. Each shows what the evidence found and how strong it is.",
    );
    hint.set_id("programmes-hint");
    let err = add_c(&fs, "p", "oc-error");
    err.set_id("programmes-error");
    dom::show(&err, false);
    attrs(
        &fs,
        &[
            ("aria-describedby", "programmes-hint"),
            ("data-describedby", "programmes-hint"),
        ],
    );

    let list = add_c(&fs, "div", "oc-checkboxes");
    for (i, p) in st.library.iter().enumerate() {
        let item = add_c(&list, "div", "oc-checkbox");
        let id = cat(&["choose.", p.id]);
        let hint_id = cat(&[&id, "-hint"]);
        let reveal_id = cat(&["reveal.", p.id]);
        let input = add_c(&item, "input", "oc-checkbox-input");
        attrs(
            &input,
            &[
                ("type", "checkbox"),
                ("id", &id),
                ("name", "programme"),
                ("value", p.id),
                ("aria-describedby", &hint_id),
                ("aria-controls", &reveal_id),
            ],
        );
        dom::flag(&input, "checked", st.chosen[i]);
        let l = add_ct(&item, "label", "oc-label oc-checkbox-label", p.name);
        attrs(&l, &[("for", &id)]);
        let h = add_c(&item, "div", "oc-hint oc-checkbox-hint");
        h.set_id(&hint_id);
        // One line with "more"; the rest of the description and the
        // evidence open under it.
        let more = add_c(&h, "details", "oc-more");
        let line = add_c(&more, "summary", "oc-more-summary");
        add_ct(&line, "span", "oc-more-text", p.summary);
        add_ct(&line, "span", "oc-more-word", " more");
        let ev = add(&more, "p");
        text(&ev, "Evidence: ");
        add_t(&ev, "strong", grade_words(p.grade));
        if let Some(c) = main_source(p) {
            text(&ev, ". Source: ");
            source_link(&ev, c.url, &short_source(c));
        }
        text(&ev, ".");

        let reveal = add_c(&list, "div", "oc-reveal");
        reveal.set_id(&reveal_id);
        dom::show(&reveal, st.chosen[i]);
        // Said when the programme waits for a figure only the council can
        // give (`State::waiting`), where the reader is looking.
        let waiting = add_c(&reveal, "p", "oc-waiting");
        waiting.set_id(&cat(&["waiting.", p.id]));
        attrs(&waiting, &[("role", "status")]);
        dom::show(&waiting, false);
        programme_fields(&reveal, p, st);
    }
    // The programmes asked about that the library does not project: named,
    // with the page that says why (`www/evidence.html`, written from the
    // model's `data::unprojected`).
    let more = add_c(&fs, "p", "oc-hint");
    more.set_id("programmes-more");
    text(&more, "Not projected here: Leeds Family Valued, Inside Out, Partners in Practice, Contextual Safeguarding, Supporting Families: Investing in Practice. ");
    source_link(
        &more,
        "evidence.html#shown",
        "The evidence for every programme",
    );
    text(
        &more,
        " says what is known of each and why, and opens it as your own programme.",
    );
    own_programmes(&fs, st);
}

/// The user's own programmes from a scenario file or link: counted in the
/// results as set there, named here so that nothing is hidden.
fn own_programmes(fs: &Element, st: &State) {
    if st.extra.is_empty() {
        return;
    }
    let note = add_c(fs, "div", "oc-hint oc-own");
    note.set_id("programmes-own");
    add_t(
        &note,
        "p",
        "Also in this scenario, and in the results, as set in its file or link (change their benefits in money below, anything else in the file, then open it again):",
    );
    let list = add_c(&note, "ul", "oc-list");
    for c in &st.extra {
        let name = c
            .custom
            .as_ref()
            .map_or(c.programme.as_str(), |x| x.name.as_str());
        add_t(
            &list,
            "li",
            &cat(&["\u{201c}", name, "\u{201d}, your own programme"]),
        );
    }
    for (k, c) in st.extra.iter().enumerate() {
        if let Some(custom) = &c.custom {
            benefits(fs, st, k, custom);
        }
    }
}

/// The benefits in money of the `k`-th of the scenario's own programmes,
/// counted the GMCA way (methodology §7a): a row of inputs for each, a
/// button to add one and one to remove each, and the choice of one cohort
/// or one a funded year. Labels, hints and bounds are the table of
/// fields'.
fn benefits(parent: &Element, st: &State, k: usize, custom: &CustomProgramme) {
    let own = cat(&["own", &digits(k)]);
    let fs = add_c(parent, "fieldset", "oc-fieldset oc-benefits");
    fs.set_id(&cat(&[&own, "-benefits"]));
    add_ct(
        &fs,
        "legend",
        "oc-legend",
        &cat(&["Benefits in money (", &custom.name, ")"]),
    );
    let hint_id = cat(&[&own, "-benefits-hint"]);
    add_ct(&fs, "p", "oc-hint", table_field("name").hint).set_id(&hint_id);
    attrs(&fs, &[("aria-describedby", &hint_id)]);
    cohorts(&fs, &own, custom.cohorts);
    let rows = add_c(&fs, "div", "oc-benefit-rows");
    rows.set_id(&cat(&[&own, "-rows"]));
    for (b, row) in custom.benefits.iter().zip(&st.benefit_rows[k]) {
        benefit_row(&rows, k, *row, b);
    }
    number_rows(&rows);
    let add = add_ct(
        &fs,
        "button",
        "oc-button oc-button--secondary",
        "Add a benefit",
    );
    attrs(
        &add,
        &[
            ("type", "button"),
            ("id", &cat(&[&own, "-add"])),
            ("data-benefit", "add"),
            ("data-own", &digits(k)),
        ],
    );
}

/// The row of table field `programmes[].custom.benefits[].<key>`
/// (`cohorts`: `programmes[].custom.cohorts`).
fn table_field(key: &str) -> &'static crate::model::scenario::fields::Field {
    let path = if key == "cohorts" {
        "programmes[].custom.cohorts".to_string()
    } else {
        cat(&["programmes[].custom.benefits[].", key])
    };
    crate::model::scenario::fields::by_path(&path).expect("a field of the table")
}

/// One cohort or one a funded year, as radios.
fn cohorts(parent: &Node, own: &str, current: Cohorts) {
    let f = table_field("cohorts");
    let fs = add_c(parent, "fieldset", "oc-fieldset oc-radios");
    let hint_id = cat(&[own, ".cohorts-hint"]);
    attrs(&fs, &[("aria-describedby", &hint_id)]);
    add_ct(&fs, "legend", "oc-label", "Cases served");
    add_ct(&fs, "div", "oc-hint", f.hint).set_id(&hint_id);
    for (c, words) in [
        (Cohorts::EachFundedYear, "A new cohort in each funded year"),
        (Cohorts::FirstYearOnly, "One cohort, in the first year only"),
    ] {
        let item = add_c(&fs, "div", "oc-radio");
        let id = cat(&[own, ".cohorts.", c.word()]);
        let input = add_c(&item, "input", "oc-radio-input");
        attrs(
            &input,
            &[
                ("type", "radio"),
                ("id", &id),
                ("name", &cat(&[own, ".cohorts"])),
                ("value", c.word()),
            ],
        );
        dom::flag(&input, "checked", c == current);
        let lab = add_ct(&item, "label", "oc-label oc-radio-label", words);
        attrs(&lab, &[("for", &id)]);
    }
}

/// The inputs of one benefit, in a fieldset of its own with a button that
/// removes it.
pub fn benefit_row(parent: &Node, k: usize, row: usize, b: &CustomBenefit) {
    let id = |key: &str| state::benefit_id(k, row, key);
    let fs = add_c(parent, "fieldset", "oc-fieldset oc-benefit");
    fs.set_id(&id("row"));
    add_ct(&fs, "legend", "oc-label", "Benefit");
    // Name: text.
    let name = table_field("name");
    let group = field_group(&fs, &id("name"), name.label, "");
    let input = add_c(&group, "input", "oc-input oc-w-full");
    attrs(
        &input,
        &[
            ("type", "text"),
            ("id", &id("name")),
            ("name", &id("name")),
            ("autocomplete", "off"),
            ("value", &b.name),
        ],
    );
    // Who gains: a choice.
    let agency = table_field("agency");
    let group = field_group(&fs, &id("agency"), agency.label, "");
    let select = add_c(&group, "select", "oc-select");
    attrs(&select, &[("id", &id("agency")), ("name", &id("agency"))]);
    for a in Agency::ALL {
        let o = add_ct(&select, "option", "", &dom::sentence(a.label()));
        attrs(&o, &[("value", a.key())]);
        dom::flag(&o, "selected", a == b.agency);
    }
    // The numbers.
    for (key, v) in [
        ("value", b.value),
        ("low", b.low),
        ("high", b.high),
        ("years", f64::from(b.years)),
        ("drop_off_pct", b.drop_off_pct),
    ] {
        let f = table_field(key);
        let group = field_group(&fs, &id(key), f.label, f.hint);
        let wrap = add_c(&group, "div", "oc-input-wrap");
        let (affix, width) = match f.kind {
            TableKind::Money => (Affix::Pound, "oc-input oc-w-10"),
            TableKind::Percent => (Affix::Pct, "oc-input oc-w-5"),
            _ => (Affix::None, "oc-input oc-w-4"),
        };
        if affix == Affix::Pound {
            let a = add_ct(&wrap, "span", "oc-affix", "£");
            attrs(&a, &[("aria-hidden", "true")]);
        }
        let input = add_c(&wrap, "input", width);
        attrs(
            &input,
            &[
                ("type", "text"),
                ("inputmode", "decimal"),
                ("id", &id(key)),
                ("name", &id(key)),
                ("autocomplete", "off"),
                ("spellcheck", "false"),
                ("value", &format::input(v, key != "years")),
            ],
        );
        if !f.hint.is_empty() {
            let hint = cat(&[&id(key), "-hint"]);
            attrs(
                &input,
                &[("aria-describedby", &hint), ("data-describedby", &hint)],
            );
        }
        if affix == Affix::Pct {
            let a = add_ct(&wrap, "span", "oc-affix", "%");
            attrs(&a, &[("aria-hidden", "true")]);
        }
    }
    let remove = add_ct(
        &fs,
        "button",
        "oc-button oc-button--secondary",
        "Remove this benefit",
    );
    attrs(
        &remove,
        &[
            ("type", "button"),
            ("id", &id("remove")),
            ("data-benefit", "remove"),
            ("data-own", &digits(k)),
            ("data-row", &digits(row)),
        ],
    );
}

/// After the value of the benefit of input `id` is typed: its low and high
/// inputs show the benefit's own ends (which follow the value while it has
/// no range), unless they hold text that could not be used.
pub fn sync_range(root: &ShadowRoot, st: &State, id: &str) {
    let Some(base) = id.strip_suffix(".value") else {
        return;
    };
    let Some((k, row, _)) = state::parse_benefit_id(id) else {
        return;
    };
    let Some(b) = st.benefit_rows.get(k).and_then(|rows| {
        let j = rows.iter().position(|r| *r == row)?;
        st.extra[k].custom.as_ref()?.benefits.get(j)
    }) else {
        return;
    };
    for (key, v) in [(".low", b.low), (".high", b.high)] {
        let end = cat(&[base, key]);
        if st.bad.iter().any(|(x, _)| *x == end) {
            continue;
        }
        if let Some(input) = dom::by_id(root, &end)
            .and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlInputElement>(e).ok())
        {
            let text = format::input(v, true);
            if input.value().replace(',', "") != text.replace(',', "") {
                input.set_value(&text);
            }
        }
    }
}

/// Numbers the benefit rows' legends in their order: "Benefit 1", ….
pub fn number_rows(rows: &Element) {
    let legends = rows.query_selector_all(".oc-benefit > legend");
    if let Ok(list) = legends {
        for i in 0..list.length() {
            if let Some(l) = list.item(i) {
                l.set_text_content(Some(&cat(&["Benefit ", &digits(i as usize + 1)])));
            }
        }
    }
}

/// A small count in decimal digits.
fn digits(n: usize) -> String {
    let mut s = String::new();
    push_count(&mut s, n);
    s
}

/// A field's group: its label, hint (when there is one) and error slot.
fn field_group(parent: &Node, id: &str, label: &str, hint: &str) -> Element {
    let group = add_c(parent, "div", "oc-field");
    group.set_id(&cat(&[id, "-group"]));
    let l = add_ct(&group, "label", "oc-label", label);
    attrs(&l, &[("for", id)]);
    if !hint.is_empty() {
        add_ct(&group, "div", "oc-hint", hint).set_id(&cat(&[id, "-hint"]));
    }
    let err = add_c(&group, "p", "oc-error");
    err.set_id(&cat(&[id, "-error"]));
    dom::show(&err, false);
    group
}

fn programme_fields(parent: &Node, p: &Programme, st: &State) {
    let mut target: Node = parent.clone();
    let observed = p.effects.iter().find_map(|e| match e.measure {
        Measure::CohortObserved { observed_pct } => Some(observed_pct),
        _ => None,
    });
    for f in fields::PROGRAMME {
        let id = cat(&[p.id, ".", f.key]);
        let (label, hint): (String, String) = match f.key {
            "cohort" => (dom::sentence(p.cohort.unit), p.cohort.hint.to_string()),
            "counterfactual_pct" => match observed {
                Some(o) => (
                    f.label.to_string(),
                    cat(&[
                        "There is no comparison group. The effect is this share minus the ",
                        &format::pct(o),
                        " who entered care in the study.",
                    ]),
                ),
                None => continue,
            },
            "cost_per_case" => (
                f.label.to_string(),
                match &p.cost {
                    Some(c) => cat(&[
                        "Leave blank to use the published ",
                        &format::money(c.per_case),
                        " in ",
                        &crate::model::data::prices::label(c.price_year),
                        " prices, uprated to ",
                        crate::model::data::prices::PRICE_BASE_LABEL,
                        " (",
                        c.basis,
                        ").",
                    ]),
                    None => cat(&[
                        "No cost is published for ",
                        p.name,
                        ": enter a cost per case, or another yearly cost below.",
                    ]),
                },
            ),
            _ => (f.label.to_string(), f.hint.to_string()),
        };
        let label = cat(&[&label, " (", p.name, ")"]);
        // Deadweight and attribution come last, folded away.
        if f.key == "deadweight_pct" {
            let d = add_c(&target, "details", "oc-details");
            add_ct(
                &d,
                "summary",
                "oc-details-summary",
                &cat(&["Deadweight and attribution (", p.name, ")"]),
            );
            target = add_c(&d, "div", "oc-folded").into();
        }
        number(&target, &id, f, &label, &hint, st);
        if f.key == "cost_per_case" {
            placements(&target, p, st);
        }
    }
}

/// The placement a child kept out of care would have had: the programme's
/// marginal placement, the other kind, or the council's average spend.
fn placements(parent: &Node, p: &Programme, st: &State) {
    let current = st
        .index_of(p.id)
        .and_then(|i| st.choices[i].placement)
        .unwrap_or(p.placement);
    let fs = add_c(parent, "fieldset", "oc-fieldset oc-radios");
    let hint_id = cat(&[p.id, ".placement-hint"]);
    attrs(&fs, &[("aria-describedby", &hint_id)]);
    add_ct(
        &fs,
        "legend",
        "oc-label",
        &cat(&["A child kept out of care is costed at (", p.name, ")"]),
    );
    let h = add_ct(
        &fs,
        "div",
        "oc-hint",
        &cat(&[
            "The published evidence points to ",
            p.placement.label(),
            ". Your council's average spend per looked-after child is an average, not what one child fewer saves.",
        ]),
    );
    h.set_id(&hint_id);
    for (value, place) in [
        ("foster", Placement::Foster),
        ("residential", Placement::Residential),
        ("council_average", Placement::CouncilAverage),
    ] {
        let item = add_c(&fs, "div", "oc-radio");
        let id = cat(&[p.id, ".placement.", value]);
        let input = add_c(&item, "input", "oc-radio-input");
        attrs(
            &input,
            &[
                ("type", "radio"),
                ("id", &id),
                ("name", &cat(&[p.id, ".placement"])),
                ("value", value),
            ],
        );
        dom::flag(&input, "checked", place == current);
        let words = dom::sentence(place.label());
        let lab = add_ct(&item, "label", "oc-label oc-radio-label", &words);
        attrs(&lab, &[("for", &id)]);
    }
}

fn levels(parent: &Node, level: EffectLevel) {
    let fs = add_c(parent, "fieldset", "oc-fieldset oc-radios");
    attrs(&fs, &[("aria-describedby", "level-hint")]);
    add_ct(&fs, "legend", "oc-label", "Size of the effects");
    let below = |g| format::pct(crate::model::data::evidence::range_rule(g) * 100.0);
    use crate::model::data::evidence::Grade;
    let h = add_ct(
        &fs,
        "div",
        "oc-hint",
        &cat(&[
            "Where a study gives one figure, the low end is ",
            &below(Grade::Rct),
            " below it for a trial, ",
            &below(Grade::Qed),
            " for a comparison-area study and ",
            &below(Grade::BeforeAfter),
            " otherwise: a convention of this calculator, not a published interval. The published figure has the optimism bias for its grade taken off; the high end is the published figure as it stands, without that haircut.",
        ]),
    );
    h.set_id("level-hint");
    for (value, words, l) in [
        ("low", "Low end of the range", EffectLevel::Low),
        (
            "central",
            "The published figure, less the optimism bias",
            EffectLevel::Central,
        ),
        (
            "high",
            "The published figure as it stands",
            EffectLevel::High,
        ),
    ] {
        let item = add_c(&fs, "div", "oc-radio");
        let id = cat(&["level.", value]);
        let input = add_c(&item, "input", "oc-radio-input");
        attrs(
            &input,
            &[
                ("type", "radio"),
                ("id", &id),
                ("name", "effect_level"),
                ("value", value),
            ],
        );
        dom::flag(&input, "checked", l == level);
        let lab = add_ct(&item, "label", "oc-label oc-radio-label", words);
        attrs(&lab, &[("for", &id)]);
    }
}

/// Brings the errors next to the fields in line with `now`.
pub fn sync_errors(root: &ShadowRoot, before: &[Problem], now: &[Problem]) {
    for p in before {
        if let Some(slot) = &p.slot {
            if !now.iter().any(|n| n.slot.as_ref() == Some(slot)) {
                errors::show_error(root, slot, None);
            }
        }
    }
    for p in now {
        if let Some(slot) = &p.slot {
            // One message per slot: the first.
            if now.iter().find(|n| n.slot.as_ref() == Some(slot)) == Some(p) {
                errors::show_error(root, slot, Some(&p.message));
            }
        }
    }
}

/// Says, under each ticked programme that waits for a figure, that it is
/// not counted yet and which figures it needs.
pub fn sync_waiting(root: &ShadowRoot, st: &State) {
    for p in &st.library {
        let Some(note) = dom::by_id(root, &cat(&["waiting.", p.id])) else {
            continue;
        };
        let words = st.waiting.iter().find(|w| w.programme == p.id).map(|w| {
            cat(&[
                "Not counted yet. ",
                p.name,
                if w.needs.len() == 1 {
                    " needs a figure that no source publishes: enter it below, from your council's own records or the provider's price. The results leave it out until then."
                } else {
                    " needs figures that no source publishes: enter them below, from your council's own records or the provider's price. The results leave it out until then."
                },
            ])
        });
        if note.text_content().unwrap_or_default() != words.clone().unwrap_or_default() {
            note.set_text_content(words.as_deref());
        }
        dom::show(&note, words.is_some());
    }
}

/// Shows or hides a programme's own settings.
pub fn reveal(root: &ShadowRoot, programme: &str, on: bool) {
    if let Some(r) = dom::by_id(root, &cat(&["reveal.", programme])) {
        dom::show(&r, on);
    }
}
