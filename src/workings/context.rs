//! "Your council in context", drawn on demand: the chosen council's
//! history 2013-2025, the choice of baseline without the programmes with
//! each outcome's history, baseline and projection on one chart
//! (`context_baseline.rs`), and its rates per 10,000 children and spend
//! per looked-after child beside its ten statistical neighbours, their
//! median and England (`model::context::neighbour_compare`), each chart
//! with a table, and the half-way illustration.
//!
//! The calculator keeps the panel (`widget::tools::context`): it asks the
//! loader's `drawContext` to draw into the panel's body once the panel is
//! open and after every recomputation, `contextBaseline` for a
//! baseline chosen and `contextHalfWay` for the illustration made a
//! scenario; the answer comes
//! back as the scenario's [`link::to_parts`](crate::model::scenario::link::to_parts), which the calculator reads
//! with the link codec it has. Its buttons and radios are answered by the
//! calculator's listeners on the panel. The council figures
//! (`data/council-data.js`, loaded by the loader) are read here once.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::prelude::*;
use web_sys::Element;

use crate::dom::chart::{self as charts, fill, label, patterns, rect};
use crate::dom::context::{HALF_WAY, HALF_WAY_SAID, USE_AVERAGE};
use crate::dom::format;
use crate::dom::{self, add_c, add_ct, cat};
use crate::model::context::council_data::CouncilData;
use crate::model::context::history::{self, Measure};
use crate::model::context::neighbour_compare::{
    self, compare, half_way_counts, half_way_scenario, Comparison, Rates, Role,
};
use crate::model::context::neighbours::Closeness;
use crate::model::context::spend::{self, SpendYear};
use crate::model::context::trend;
use crate::model::{Baseline, Projection, Scenario};

#[path = "context_baseline.rs"]
mod baseline;

thread_local! {
    /// The council figures, read once from the text the loader passed.
    static DATA: RefCell<Option<Rc<CouncilData>>> = const { RefCell::new(None) };
}

/// The council figures: read from `text` the first time, then kept. `Err`
/// is the sentence the panel shows.
fn data(text: Option<String>) -> Result<Rc<CouncilData>, String> {
    if let Some(d) = DATA.with(|d| d.borrow().clone()) {
        return Ok(d);
    }
    let text = text.ok_or_else(unavailable)?;
    let d = CouncilData::from_bundle(&text)
        .map(Rc::new)
        .map_err(|e| cat(&["The council figures could not be read: ", &e.message(), "."]))?;
    DATA.with(|slot| *slot.borrow_mut() = Some(d.clone()));
    Ok(d)
}

fn unavailable() -> String {
    "The council history and neighbour figures could not be loaded. They are a separate file \
     (data/council-data.js beside the calculator) that could not be fetched; check your \
     connection, then open the panel again."
        .to_string()
}

/// Draws the panel's content into `body` for `scenario` (the form's, the
/// format's JS form), with `shown` (the last scenario that passed
/// validation, or null) for the lines over the years projected, and the
/// council figures' text `data` (absent where they could not be loaded).
/// A scenario that cannot be read leaves the panel as it is.
#[wasm_bindgen]
pub fn draw_context(
    body: Element,
    scenario: JsValue,
    shown: JsValue,
    data: Option<String>,
) -> Result<(), JsValue> {
    let Ok(s) = super::scenario_of(scenario) else {
        return Ok(());
    };
    let shown = if shown.is_null() || shown.is_undefined() {
        None
    } else {
        super::scenario_of(shown)
            .ok()
            .filter(|v| v.council.code == s.council.code)
    };
    let code = s.council.code.clone().unwrap_or_default();
    match self::data(data) {
        Ok(d) => {
            let p = shown.as_ref().and_then(|v| crate::model::project(v).ok());
            render(&body, &d, &code, &s, shown.as_ref(), p.as_ref());
        }
        Err(why) => {
            dom::clear(&body);
            let p = add_ct(&body, "p", "oc-notice", &why);
            dom::attrs(&p, &[("role", "status")]);
        }
    }
    Ok(())
}

/// `scenario` (the format's JS form) with the baseline whose word is
/// `value` and its yearly figures from the council's history. Returns
/// `{ parts }`, the scenario as [`link::to_parts`](crate::model::scenario::link::to_parts), or `{ message }`, the
/// sentence saying why not.
#[wasm_bindgen]
pub fn context_baseline(value: &str, scenario: JsValue) -> Result<JsValue, JsValue> {
    let s = super::scenario_of(scenario)?;
    let made = self::data(None).and_then(|d| {
        let code = s.council.code.clone().unwrap_or_default();
        let b = Baseline::parse(value)
            .ok_or_else(|| cat(&["There is no baseline \u{201c}", value, "\u{201d}."]))?;
        let mut s = s;
        s.assumptions.baseline = b;
        s.assumptions.baseline_trends = trend::scenario_trends(&d.history, &code, b);
        Ok(s)
    });
    Ok(super::file::parts_or_message(made))
}

/// The panel's half-way illustration of `scenario` (the format's JS
/// form) as a scenario of its own: `{ parts }` or `{ message }`, as
/// [`context_baseline`].
#[wasm_bindgen]
pub fn context_half_way(scenario: JsValue) -> Result<JsValue, JsValue> {
    let s = super::scenario_of(scenario)?;
    let made = self::data(None).and_then(|d| {
        let code = s.council.code.clone().unwrap_or_default();
        compare(&d, &code, history::LAST_YEAR)
            .ok_or_else(|| "This council has no statistical neighbours.".to_string())
            .and_then(|c| {
                half_way_scenario(&s, &c, &d).map_err(|e| dom::sentence(&cat(&[&e.message(), "."])))
            })
    });
    Ok(super::file::parts_or_message(made))
}

/// A rate per 10,000 with one decimal, or "no figure".
fn rate_text(x: Option<f64>) -> String {
    x.map_or("no figure".to_string(), |v| {
        format::input((v * 10.0).round() / 10.0, true)
    })
}

fn money_text(x: Option<f64>) -> String {
    x.map_or("no figure".to_string(), format::money)
}

/// Draws the panel's content for council `code`: the council's history,
/// the baseline section (its lines over the years projected from `shown`,
/// the last scenario that passed validation, and its projection `p`), and
/// the comparison with its neighbours for the scenario the form holds, `s`.
fn render(
    body: &Element,
    data: &CouncilData,
    code: &str,
    s: &Scenario,
    shown: Option<&Scenario>,
    p: Option<&Projection>,
) {
    dom::clear(body);
    let Some(series) = history::find(&data.history, code) else {
        add_ct(
            body,
            "p",
            "oc-notice",
            "This council is not in the Department for Education's history (2013 to 2025), so \
             there is no history or comparison to show.",
        );
        return;
    };
    let name = series.name.clone();
    add_ct(body, "h3", "oc-heading-s", &cat(&[&name, " since 2013"]));
    history_table(body, data, code, &name);
    // The lines over the years projected are drawn from the last scenario
    // that passed validation (the one the results show), never from
    // figures the form marks as wrong: a start year of 20000 or years to
    // project of 0 cannot reach the charts. The council's own figures
    // around them follow the form. Without one (another council chosen
    // and not yet complete): no lines.
    let (lines_of, p) = match shown {
        Some(v) => (v, p),
        None => (s, None),
    };
    baseline::section(body, data, series, lines_of, p);

    match compare(data, code, history::LAST_YEAR) {
        Some(c) => comparison(body, data, &c, &name, s),
        None => {
            add_ct(
                body,
                "p",
                "oc-notice",
                &cat(&[
                    &name,
                    " has no statistical neighbours in the Department for Education's 2025 model: \
                     it no longer exists as a council (its figures end in ",
                    &format::input(
                        f64::from(series.years().last().copied().unwrap_or(0)),
                        false,
                    ),
                    ").",
                ]),
            );
        }
    }
    add_ct(body, "p", "oc-hint oc-credit", neighbour_compare::CREDIT);
}

/// The council's figures by year with the baseline of the default method.
fn history_table(body: &Element, data: &CouncilData, code: &str, name: &str) {
    let series = history::find(&data.history, code).expect("found by the caller");
    let measures = [
        Measure::LookedAfter,
        Measure::CareStarts,
        Measure::CpPlans,
        Measure::ChildrenInNeed,
    ];
    let mut rows: Vec<Vec<String>> = Vec::new();
    for year in series.years() {
        let mut row = vec![format::input(f64::from(year), false)];
        for m in measures {
            row.push(series.value(year, m).map_or(String::new(), format::count));
        }
        rows.push(row);
    }
    charts::table(
        body,
        &cat(&[
            name,
            ": children at 31 March (care starts: in the year to 31 March), as published",
        ]),
        &[
            "Year",
            "Looked after",
            "Starting care",
            "Child protection plans",
            "Children in need",
        ],
        &rows,
    );
    let mut notes =
        vec!["Looked-after figures (and care starts) are published from 2019 only.".to_string()];
    for m in measures {
        for (year, why) in series.missing(m) {
            if year >= 2019 || m == Measure::CpPlans || m == Measure::ChildrenInNeed {
                notes.push(cat(&[
                    &format::input(f64::from(year), false),
                    ", ",
                    m.name(),
                    ": ",
                    why,
                    ".",
                ]));
            }
        }
    }
    let ul = add_c(body, "ul", "oc-hint oc-context-notes");
    for n in notes {
        add_ct(&ul, "li", "", &n);
    }
}

/// The comparison: a bar chart per rate with the table of every figure.
fn comparison(body: &Element, data: &CouncilData, c: &Comparison, name: &str, s: &Scenario) {
    add_ct(
        body,
        "h3",
        "oc-heading-s",
        &cat(&[name, " beside councils like it"]),
    );
    add_ct(
        body,
        "p",
        "oc-hint",
        "Its ten statistical neighbours are the councils most like it by the Department for \
         Education's 2025 model. Rates are per 10,000 children aged 0 to 17 at 31 March 2025.",
    );
    type Pick = fn(&Rates) -> Option<f64>;
    let charts_of: [(&str, &str, Pick); 4] = [
        ("oc-context-cla", "Children looked after per 10,000", |r| {
            r.looked_after
        }),
        ("oc-context-cpp", "Child protection plans per 10,000", |r| {
            r.cp_plans
        }),
        ("oc-context-cin", "Children in need per 10,000", |r| {
            r.children_in_need
        }),
        (
            "oc-context-starts",
            "Children starting care in the year per 10,000",
            |r| r.care_starts,
        ),
    ];
    for (id, title, pick) in charts_of {
        bar_chart(body, id, title, c, pick);
    }
    // Every figure, also the spend, as one table.
    let rows: Vec<Vec<String>> = c
        .rows
        .iter()
        .map(|r| {
            let who = match r.role {
                Role::Neighbour(b) => cat(&[&r.name, " (", closeness(b), ")"]),
                _ => r.name.clone(),
            };
            vec![
                who,
                rate_text(r.rates.looked_after),
                rate_text(r.rates.cp_plans),
                rate_text(r.rates.children_in_need),
                rate_text(r.rates.care_starts),
                money_text(r.rates.spend_per_looked_after_child),
            ]
        })
        .collect();
    let spend_year = c.spend_year.map_or("", SpendYear::label);
    charts::table(
        body,
        &cat(&[
            name,
            " and its statistical neighbours: rates per 10,000 children at 31 March 2025, and \
             spend per looked-after child in ",
            spend_year,
        ]),
        &[
            "Council",
            "Looked after",
            "Child protection plans",
            "Children in need",
            "Starting care",
            "Spend per looked-after child",
        ],
        &rows,
    );
    spend_note(body, data, c, name);
    unit_cost(body, name, s);
    illustration(body, data, c, name);
}

/// A closeness band in lower case.
fn closeness(b: Closeness) -> &'static str {
    match b {
        Closeness::ExtremelyClose => "extremely close",
        Closeness::VeryClose => "very close",
        Closeness::Close => "close",
        Closeness::SomewhatClose => "somewhat close",
        Closeness::NotClose => "not close",
    }
}

/// Horizontal bars: the council, its neighbours, their median, England.
fn bar_chart(
    body: &Element,
    id: &str,
    title: &str,
    c: &Comparison,
    pick: fn(&Rates) -> Option<f64>,
) {
    let w = 640.0;
    let row_h = 24.0;
    let h = row_h * c.rows.len() as f64 + 4.0;
    let council = pick(&c.rows[0].rates);
    let median = c
        .rows
        .iter()
        .find(|r| r.role == Role::NeighbourMedian)
        .and_then(|r| pick(&r.rates));
    let says = match (council, median) {
        (Some(v), Some(m)) => cat(&[
            &c.rows[0].name,
            ": ",
            &rate_text(Some(v)),
            "; its neighbours' median: ",
            &rate_text(Some(m)),
            ".",
        ]),
        _ => cat(&[&c.rows[0].name, ": no figure for 2025."]),
    };
    let says = cat(&[
        &says,
        " Solid bar: the council; hatched: its neighbours; dotted: their median and England.",
    ]);
    let (chart, details) = charts::figure(body, id, title, &says, w, h);
    patterns(&chart, id);
    let top = c
        .rows
        .iter()
        .filter_map(|r| pick(&r.rates))
        .fold(0.0, f64::max);
    let label_w = 230.0;
    let room = (w - label_w - 60.0).max(40.0);
    let mut table_rows = Vec::new();
    for (i, r) in c.rows.iter().enumerate() {
        let y = row_h * i as f64;
        let v = pick(&r.rates);
        let class = match r.role {
            Role::Council => "oc-chart-text oc-context-own",
            _ => "oc-chart-text",
        };
        label(&chart, label_w - 8.0, y + 16.0, "end", class, &r.name);
        let bw = match v {
            Some(v) if top > 0.0 => room * v / top,
            _ => 0.0,
        };
        let bar = rect(&chart, label_w, y + 4.0, bw, 16.0, "oc-bar oc-bar-a");
        let pattern = match r.role {
            Role::Council => 0,
            Role::Neighbour(_) => 1,
            Role::NeighbourMedian | Role::England => 2,
        };
        if pattern > 0 {
            // The class's own fill would hide the pattern.
            let _ = bar.set_attribute("class", "oc-bar oc-bar-b");
            let _ = bar.set_attribute("fill", &fill(id, pattern));
        }
        label(
            &chart,
            label_w + bw + 6.0,
            y + 16.0,
            "start",
            "oc-chart-small",
            &rate_text(v),
        );
        table_rows.push(vec![r.name.clone(), rate_text(v)]);
    }
    charts::table(
        &details,
        title,
        &["Council", "Per 10,000 children"],
        &table_rows,
    );
}

/// The council's spend per looked-after child and its caveats.
fn spend_note(body: &Element, data: &CouncilData, c: &Comparison, name: &str) {
    let Some(year) = c.spend_year else { return };
    let code = c.rows[0].code.clone().unwrap_or_default();
    let ul = add_c(body, "ul", "oc-hint oc-context-notes");
    match spend::per_child(data.spend_rows(year), &data.history, &code, year) {
        Ok(v) => {
            add_ct(
                &ul,
                "li",
                "",
                &cat(&[
                    name,
                    " spent ",
                    &format::money(v),
                    " per looked-after child in ",
                    year.label(),
                    " (",
                    year.label(),
                    " prices). ",
                    spend::PER_CHILD_NOTE,
                ]),
            );
        }
        Err(why) => {
            add_ct(
                &ul,
                "li",
                "",
                &cat(&[
                    "No spend per looked-after child for ",
                    name,
                    " in ",
                    year.label(),
                    ": ",
                    &why.text(),
                    ".",
                ]),
            );
        }
    }
    if let Some(s) = spend::council_spend(data.spend_rows(year), &code, year) {
        for caveat in s.caveats {
            add_ct(&ul, "li", "", &dom::sentence(&cat(&[caveat.text(), "."])));
        }
    }
    let missing: Vec<&str> = c
        .rows
        .iter()
        .filter(|r| matches!(r.role, Role::Neighbour(_)))
        .filter(|r| r.rates.spend_per_looked_after_child.is_none())
        .map(|r| r.name.as_str())
        .collect();
    if !missing.is_empty() {
        add_ct(
            &ul,
            "li",
            "",
            &cat(&[
                "No usable spend per looked-after child for ",
                &missing.join(", "),
                " (return missing, recorded elsewhere or a count suppressed); the median leaves them out.",
            ]),
        );
    }
}

/// The council's own spend per looked-after child beside the national
/// default for a child kept out of care, and a button that costs the
/// chosen programmes' children at it.
fn unit_cost(body: &Element, name: &str, s: &Scenario) {
    let foster = s.unit_costs.foster_annual();
    let fig = add_c(body, "div", "oc-context-spend");
    add_ct(
        &fig,
        "h3",
        "oc-heading-s",
        "The cost of a child kept out of care",
    );
    let ul = add_c(&fig, "ul", "oc-hint oc-context-notes");
    add_ct(
        &ul,
        "li",
        "",
        &cat(&[
            "National default: foster care, ",
            &format::money(foster),
            " a year (",
            &format::money(s.unit_costs.foster_weekly),
            " a week, ",
            crate::model::data::prices::PRICE_BASE_LABEL,
            " prices); a children's home, ",
            &format::money(s.unit_costs.residential_annual()),
            " a year.",
        ]),
    );
    match s.council.cla_spend_per_child {
        Some(v) => {
            add_ct(
                &ul,
                "li",
                "",
                &cat(&[
                    name,
                    "'s own net spend per looked-after child, as the calculator uses it: ",
                    &format::money(v),
                    " a year (its latest outturn, uprated to ",
                    crate::model::data::prices::PRICE_BASE_LABEL,
                    " prices). It is an average, not what one child fewer saves: it spreads \
                     fixed costs and the most expensive placements over every child.",
                ]),
            );
        }
        None => {
            add_ct(
                &ul,
                "li",
                "",
                &cat(&[
                    "No spend per looked-after child for ",
                    name,
                    ": missing, not zero (see the reason above). Enter the council's own \
                     figure under its figures to use one.",
                ]),
            );
        }
    }
    add_ct(
        &ul,
        "li",
        "",
        "Where a trust or company runs a council's children's services, the payment to it may \
         be recorded on other lines (Sandwell's is), so its spend per looked-after child may \
         not compare.",
    );
    if s.council.cla_spend_per_child.is_some() && !s.programmes.is_empty() {
        let b = add_ct(
            &fig,
            "button",
            "oc-button oc-button--secondary",
            "Cost the programmes' children at this council's average",
        );
        dom::attrs(&b, &[("type", "button"), ("id", USE_AVERAGE)]);
    }
}

/// "If we moved half-way to our neighbours' median rate": the counts, as
/// an illustration only.
fn illustration(body: &Element, data: &CouncilData, c: &Comparison, name: &str) {
    let items = [
        ("Looked after", Measure::LookedAfter),
        ("Child protection plans", Measure::CpPlans),
        ("Children in need", Measure::ChildrenInNeed),
        ("Starting care in the year", Measure::CareStarts),
    ];
    let Ok(counts) = half_way_counts(c, data, &items.map(|(_, m)| m)) else {
        return;
    };
    let shown = |x: Option<f64>| x.map_or("no figure".to_string(), format::count);
    let rows: Vec<Vec<String>> = items
        .iter()
        .zip(counts)
        .map(|((label, _), h)| vec![label.to_string(), shown(h.now), shown(h.half_way)])
        .collect();
    let fig = add_c(body, "div", "oc-context-illustration");
    add_ct(
        &fig,
        "h3",
        "oc-heading-s",
        "Illustration: half-way to the neighbours' median",
    );
    add_ct(
        &fig,
        "p",
        "oc-hint",
        &cat(&[
            "If ",
            name,
            " moved half-way from its own rate to its neighbours' median rate, with the same \
             number of children. This is an illustration of the gap, not evidence that any \
             programme would close it.",
        ]),
    );
    charts::table(
        &fig,
        &cat(&[
            name,
            ", 31 March 2025: now and half-way to the neighbours' median (an illustration)",
        ]),
        &["Children", "Now", "Half-way"],
        &rows,
    );
    add_ct(
        &fig,
        "p",
        "oc-hint",
        "As a scenario, the gap becomes a programme of its own (at no cost and with no optimism \
         bias, since it is arithmetic, not an estimate) that takes care starts, plans and \
         children in need half-way to the median, so the results show what the gap is worth. \
         It replaces the programmes chosen; rates already at or below the median stay as they \
         are.",
    );
    let button = add_ct(
        &fig,
        "button",
        "oc-button oc-button--secondary",
        "Make this illustration a scenario",
    );
    dom::attrs(&button, &[("type", "button"), ("id", HALF_WAY)]);
    let said = add_c(&fig, "p", "oc-hint");
    dom::attrs(&said, &[("id", HALF_WAY_SAID), ("role", "status")]);
}
