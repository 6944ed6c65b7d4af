//! "Your council in context": the chosen council's history 2013-2025 with
//! its baseline, and its rates per 10,000 children and spend per
//! looked-after child beside its ten statistical neighbours, their median
//! and England (`model::context::neighbour_compare`), each chart with a table.
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
    self, compare_in, half_way, Comparison, Rates, Role,
};
use crate::model::context::neighbours::Closeness;
use crate::model::context::spend::{self, SpendYear};
use crate::model::context::trend::{self, TrendMethod};

use crate::dom::format;
use crate::dom::{self, add_c, add_ct, cat};
use crate::widget::form::council;
use crate::widget::results::charts::{self, fill, label, patterns, rect};
use crate::widget::state::State;

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
    SHARED.with(|slot| *slot.borrow_mut() = Some(st.clone()));
}

thread_local! {
    static SHARED: RefCell<Option<Shared>> = const { RefCell::new(None) };
}

/// Redraws the panel when it is open. Called after every recomputation.
pub fn sync(root: &ShadowRoot, st: &State) {
    if let Some(shared) = SHARED.with(|s| s.borrow().clone()) {
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
        Some(Ok(data)) => render(&body, &data, &code),
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

/// Draws the panel's content for council `code`.
fn render(body: &Element, data: &CouncilData, code: &str) {
    dom::clear(body);
    let Some(series) = history::find_in(&data.history, code) else {
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

    match compare_in(data, code, history::LAST_YEAR) {
        Some(c) => comparison(body, data, &c, &name),
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
    let series = history::find_in(&data.history, code).expect("found by the caller");
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
    let method = trend::DEFAULT;
    let baselines: Vec<Vec<(u16, f64)>> = measures
        .iter()
        .map(|m| trend::council_baseline_in(&data.history, code, *m, method, 3))
        .collect();
    for h in 0..3 {
        let Some(year) = baselines.iter().find_map(|b| b.get(h).map(|(y, _)| *y)) else {
            break;
        };
        let mut row = vec![cat(&[
            &format::input(f64::from(year), false),
            " (baseline)",
        ])];
        for b in &baselines {
            row.push(b.get(h).map_or(String::new(), |(_, v)| format::count(*v)));
        }
        rows.push(row);
    }
    charts::table(
        body,
        &cat(&[
            name,
            ": children at 31 March (care starts: in the year to 31 March), and the baseline",
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
    let why = if method == TrendMethod::Flat {
        ". In a back-test over every council no trend method forecast better than holding the \
         last figure, so the baseline is flat; it is an assumption, not a forecast."
    } else {
        ". It forecast best in a back-test over every council; it is an assumption, not a \
         forecast."
    };
    let mut notes = vec![cat(&[
        "Baseline: ",
        method.name(),
        why,
        " Looked-after figures are published from 2019 only.",
    ])];
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
fn comparison(body: &Element, data: &CouncilData, c: &Comparison, name: &str) {
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
    match spend::per_child_in(data.spend_rows(year), &data.history, &code, year) {
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
    if let Some(s) = spend::council_spend_in(data.spend_rows(year), &code, year) {
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

/// "If we moved half-way to our neighbours' median rate": the counts, as
/// an illustration only.
fn illustration(body: &Element, data: &CouncilData, c: &Comparison, name: &str) {
    let code = c.rows[0].code.clone().unwrap_or_default();
    let Some(series) = history::find_in(&data.history, &code) else {
        return;
    };
    let year = c.year;
    let Some(population) = series.value(year, Measure::Population) else {
        return;
    };
    let median = c
        .rows
        .iter()
        .find(|r| r.role == Role::NeighbourMedian)
        .map(|r| r.rates)
        .unwrap_or_default();
    let items: [(&str, Measure, Option<f64>); 4] = [
        ("Looked after", Measure::LookedAfter, median.looked_after),
        ("Child protection plans", Measure::CpPlans, median.cp_plans),
        (
            "Children in need",
            Measure::ChildrenInNeed,
            median.children_in_need,
        ),
        (
            "Starting care in the year",
            Measure::CareStarts,
            median.care_starts,
        ),
    ];
    let mut rows = Vec::new();
    for (label, m, med) in items {
        let now = series.value(year, m);
        let to = match (now, med) {
            (Some(n), Some(med)) => half_way(n, population, med),
            _ => None,
        };
        rows.push(vec![
            label.to_string(),
            now.map_or("no figure".to_string(), format::count),
            to.map_or("no figure".to_string(), format::count),
        ]);
    }
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
}
