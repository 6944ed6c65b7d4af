//! "Your council in context": the chosen council's history 2013-2025, the
//! choice of baseline without the programmes with each outcome's history,
//! baseline and projection on one chart (`context_baseline.rs`), and its
//! rates per 10,000 children and spend per looked-after child beside its
//! ten statistical neighbours, their median and England
//! (`model::context::neighbour_compare`), each chart with a table, and a
//! button that makes "half-way to the neighbours' median" a scenario,
//! labelled an illustration.
//!
//! The figures are not in the module: they load from
//! `data/council-data.js` beside the loader the first time the panel is
//! opened with a council chosen (the loader's `loadCouncilData()` on the
//! host element), so they add nothing to what a reader downloads first.
//! Where they cannot load (the single-file page opened from disk), the
//! panel says so.

use std::cell::RefCell;
use std::rc::Rc;

use js_sys::{Function, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, Node, ShadowRoot};

use crate::model::context::council_data::CouncilData;
use crate::model::context::history::{self, Measure};
use crate::model::context::neighbour_compare::{
    self, compare, half_way_counts, half_way_scenario, Comparison, Rates, Role,
};
use crate::model::context::neighbours::Closeness;
use crate::model::context::spend::{self, SpendYear};
use crate::model::context::trend;
use crate::model::Baseline;

#[path = "context_baseline.rs"]
mod baseline;

use crate::dom::format;
use crate::dom::{self, add_c, add_ct, cat};
use crate::widget::form::council;
use crate::widget::live;
use crate::widget::results::charts::{self, fill, label, patterns, rect};
use crate::widget::state::State;
use web_sys::{Event, HtmlInputElement};

type Shared = Rc<RefCell<State>>;

const PANEL: &str = "context";
const BODY: &str = "context-body";

/// Where the council data stands.
enum Load {
    NotAsked,
    Loading,
    Ready(Rc<CouncilData>),
    Failed(String),
}

thread_local! {
    static DATA: RefCell<Load> = const { RefCell::new(Load::NotAsked) };
}

/// Draws the closed panel into `parent` and wires it.
pub fn build(parent: &Node, root: &ShadowRoot, st: &Shared) {
    let d = add_c(parent, "details", "oc-details oc-context");
    d.set_id(PANEL);
    add_ct(
        &d,
        "summary",
        "oc-details-summary",
        "Your council in context: its history and councils like it",
    );
    let body = add_c(&d, "div", "oc-folded");
    body.set_id(BODY);
    let (r, s) = (root.clone(), st.clone());
    council::on(&d, "toggle", move |_| {
        if let Ok(st) = s.try_borrow() {
            sync_with(&r, &st, &s);
        }
    });
    let (r, s) = (root.clone(), st.clone());
    council::on(&d, "change", move |e| on_change(&r, &s, &e));
    let (r, s) = (root.clone(), st.clone());
    council::on(&d, "click", move |e| on_click(&r, &s, &e));
}

/// Redraws the panel when it is open. Called after every recomputation.
pub fn sync(root: &ShadowRoot, st: &State) {
    if let Some(shared) = live::find(root).and_then(|w| w.state()) {
        sync_with(root, st, &shared);
    }
}

fn sync_with(root: &ShadowRoot, st: &State, shared: &Shared) {
    let Some(panel) = dom::by_id(root, PANEL) else {
        return;
    };
    if !panel.has_attribute("open") {
        return;
    }
    let Some(body) = dom::by_id(root, BODY) else {
        return;
    };
    let code = st.scenario.council.code.clone().unwrap_or_default();
    if code.is_empty() {
        dom::clear(&body);
        add_ct(
            &body,
            "p",
            "oc-hint",
            "Choose a council above to see its figures since 2013 and how it compares with the \
             councils most like it.",
        );
        return;
    }
    let state = DATA.with(|d| match &*d.borrow() {
        Load::Ready(data) => Some(Ok(data.clone())),
        Load::Failed(why) => Some(Err(why.clone())),
        Load::Loading => None,
        Load::NotAsked => None,
    });
    match state {
        Some(Ok(data)) => render(&body, &data, &code, st),
        Some(Err(why)) => {
            dom::clear(&body);
            let p = add_ct(&body, "p", "oc-notice", &why);
            dom::attrs(&p, &[("role", "status")]);
        }
        None => {
            dom::clear(&body);
            let p = add_ct(&body, "p", "oc-hint", "Loading the council figures\u{2026}");
            dom::attrs(&p, &[("role", "status")]);
            start_loading(root, shared);
        }
    }
}

/// Asks the loader for the council data, once.
fn start_loading(root: &ShadowRoot, shared: &Shared) {
    let asked = DATA.with(|d| {
        let mut d = d.borrow_mut();
        if matches!(*d, Load::NotAsked) {
            *d = Load::Loading;
            true
        } else {
            false
        }
    });
    if !asked {
        return;
    }
    let host = root.host();
    let loader = Reflect::get(&host, &JsValue::from_str("loadCouncilData"))
        .ok()
        .and_then(|f| f.dyn_into::<Function>().ok());
    let promise = loader
        .and_then(|f| f.call0(&host).ok())
        .and_then(|p| p.dyn_into::<Promise>().ok());
    let Some(promise) = promise else {
        finish(root, shared, Err(unavailable()));
        return;
    };
    let (r, s) = (root.clone(), shared.clone());
    let ok = Closure::once(move |text: JsValue| {
        let result = match text.as_string() {
            Some(t) => CouncilData::from_bundle(&t)
                .map(Rc::new)
                .map_err(|e| cat(&["The council figures could not be read: ", &e.message(), "."])),
            None => Err(unavailable()),
        };
        finish(&r, &s, result);
    });
    let (r, s) = (root.clone(), shared.clone());
    let failed = Closure::once(move |_: JsValue| finish(&r, &s, Err(unavailable())));
    let _ = promise.then2(&ok, &failed);
    ok.forget();
    failed.forget();
}

fn unavailable() -> String {
    "The council history and neighbour figures could not be loaded. They are a separate file \
     (data/council-data.js beside the calculator) that the single-file page opened from disk \
     does not include; open the calculator from its website to see them."
        .to_string()
}

fn finish(root: &ShadowRoot, shared: &Shared, result: Result<Rc<CouncilData>, String>) {
    DATA.with(|d| {
        *d.borrow_mut() = match result {
            Ok(data) => Load::Ready(data),
            Err(why) => Load::Failed(why),
        }
    });
    if let Ok(st) = shared.try_borrow() {
        sync_with(root, &st, shared);
    }
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

/// The loaded council figures, if they are in.
fn loaded() -> Option<Rc<CouncilData>> {
    DATA.with(|d| match &*d.borrow() {
        Load::Ready(data) => Some(data.clone()),
        _ => None,
    })
}

/// A baseline chosen: its yearly figures from the council's history go
/// into the scenario, and everything is worked out again.
fn on_change(root: &ShadowRoot, shared: &Shared, e: &Event) {
    let Some(input) = e
        .target()
        .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
    else {
        return;
    };
    if input.name() != baseline::NAME {
        return;
    }
    let (Some(b), Some(data)) = (Baseline::parse(&input.value()), loaded()) else {
        return;
    };
    let Ok(mut st) = shared.try_borrow_mut() else {
        return;
    };
    let code = st.scenario.council.code.clone().unwrap_or_default();
    st.scenario.assumptions.baseline = b;
    st.scenario.assumptions.baseline_trends = trend::scenario_trends(&data.history, &code, b);
    crate::widget::hooks::update(root, &mut st, true);
    drop(st);
    // The panel was drawn again: keep the reader where they were.
    if let Some(radio) = dom::by_id(root, &baseline::radio_id(b)) {
        dom::focus(&radio);
    }
}

/// "Make it a scenario": the half-way illustration replaces the scenario.
fn on_click(root: &ShadowRoot, shared: &Shared, e: &Event) {
    let button = e
        .target()
        .and_then(|t| t.dyn_into::<Element>().ok())
        .and_then(|t| t.closest("button").ok().flatten())
        .map(|b| b.id())
        .unwrap_or_default();
    if button == USE_AVERAGE {
        use_average(root, shared);
        return;
    }
    let is_ours = button == HALF_WAY;
    let Some(data) = loaded().filter(|_| is_ours) else {
        return;
    };
    let made = {
        let Ok(st) = shared.try_borrow() else {
            return;
        };
        let code = st.scenario.council.code.clone().unwrap_or_default();
        compare(&data, &code, history::LAST_YEAR)
            .ok_or_else(|| "This council has no statistical neighbours.".to_string())
            .and_then(|c| {
                half_way_scenario(&st.scenario, &c, &data)
                    .map_err(|e| dom::sentence(&cat(&[&e.message(), "."])))
            })
    };
    match made {
        Ok(scenario) => crate::widget::tools::redraw(
            root,
            scenario,
            "Illustration made: the results now show the council half-way to its neighbours'              median rates. It is an illustration of the gap, not evidence of any programme.",
        ),
        Err(why) => {
            if let Some(p) = dom::by_id(root, "context-half-way-said") {
                p.set_text_content(Some(&why));
            }
        }
    }
}

/// Every chosen programme's children costed at the council's average.
fn use_average(root: &ShadowRoot, shared: &Shared) {
    let Ok(mut st) = shared.try_borrow_mut() else {
        return;
    };
    let ids: Vec<String> = st
        .scenario
        .programmes
        .iter()
        .map(|p| p.programme.clone())
        .collect();
    for id in &ids {
        if st.set_placement(id, "council_average") {
            if let Some(radio) = dom::by_id(root, &cat(&[id, ".placement.council_average"])) {
                dom::flag(&radio, "checked", true);
                if let Ok(r) = radio.dyn_into::<HtmlInputElement>() {
                    r.set_checked(true);
                }
            }
        }
    }
    crate::widget::hooks::update(root, &mut st, true);
    drop(st);
    if let Some(b) = dom::by_id(root, USE_AVERAGE) {
        dom::focus(&b);
    }
}

/// The id of the button that makes the half-way illustration a scenario.
const HALF_WAY: &str = "context-half-way";

/// Draws the panel's content for council `code`.
fn render(body: &Element, data: &CouncilData, code: &str, st: &State) {
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
    // around them follow the form.
    let shown = st
        .shown
        .as_deref()
        .filter(|s| s.council.code == st.scenario.council.code);
    // Without one (another council chosen and not yet complete): no lines.
    let (lines_of, p) = match shown {
        Some(v) => (v, st.last.as_ref()),
        None => (&st.scenario, None),
    };
    baseline::section(body, data, series, lines_of, p);
    let s = &st.scenario;

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
fn comparison(
    body: &Element,
    data: &CouncilData,
    c: &Comparison,
    name: &str,
    s: &crate::model::Scenario,
) {
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
fn unit_cost(body: &Element, name: &str, s: &crate::model::Scenario) {
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

/// The id of the button that costs every programme's children at the
/// council's average spend.
const USE_AVERAGE: &str = "context-use-average";

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
    dom::attrs(
        &said,
        &[("id", "context-half-way-said"), ("role", "status")],
    );
}
