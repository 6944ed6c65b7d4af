//! "If every council adopted these programmes": the user's programmes and
//! assumptions run for every council in England, or in one region, each
//! with its own official figures (`model::views::rollout`), with the totals, a
//! table by region, the ten councils with the largest effects and the
//! roll-out as a CSV file. The same figures as `outcome-calculator
//! --all-councils`.

use std::cell::RefCell;
use std::rc::Rc;

use js_sys::Array;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{
    Blob, BlobPropertyBag, Element, HtmlElement, HtmlSelectElement, Node, ShadowRoot, Url,
};

use crate::model::scenario::council_preset;
use crate::model::views::export;
use crate::model::views::rollout::{self, rollout_over, Rollout, Totals};

use crate::dom::format;
use crate::dom::{self, add_c, add_ct, add_t, attrs, cat, text};
use crate::widget::form::council;
use crate::widget::results::charts;
use crate::widget::state::{push_count, State};

type Shared = Rc<RefCell<State>>;

const PANEL: &str = "national";
const REGION: &str = "national-region";
const BODY: &str = "national-results";

/// Draws the closed panel into `parent` and wires it.
pub fn build(parent: &Node, root: &ShadowRoot, st: &Shared) {
    let d = add_c(parent, "details", "oc-details oc-national");
    d.set_id(PANEL);
    add_ct(
        &d,
        "summary",
        "oc-details-summary",
        "If every council in England, or in a region, adopted this",
    );
    let body = add_c(&d, "div", "oc-folded");
    add_ct(
        &body,
        "p",
        "oc-hint",
        &cat(&[
            "Your programmes and assumptions, run for every council with its own official figures. ",
            rollout::RULE,
        ]),
    );
    let group = add_c(&body, "div", "oc-field");
    let l = add_ct(&group, "label", "oc-label", "Area");
    attrs(&l, &[("for", REGION)]);
    let select = add_c(&group, "select", "oc-select");
    attrs(&select, &[("id", REGION), ("name", REGION)]);
    let results = add_c(&body, "div", "oc-national-results");
    results.set_id(BODY);
    let download = add_ct(
        &body,
        "button",
        "oc-button oc-button--secondary",
        "Download the roll-out (CSV)",
    );
    attrs(
        &download,
        &[("type", "button"), ("id", "national-download")],
    );

    let (r, s) = (root.clone(), st.clone());
    council::on(&d, "toggle", move |_| sync(&r, &s.borrow()));
    let (r, s) = (root.clone(), st.clone());
    council::on(&select, "change", move |_| sync(&r, &s.borrow()));
    let (r, s) = (root.clone(), st.clone());
    council::on(&download, "click", move |_| {
        let st = s.borrow();
        if let Some(out) = run(&r, &st) {
            save(&r, &out);
        }
    });
}

/// The region chosen, or `None` for England.
fn region(root: &ShadowRoot) -> Option<String> {
    dom::by_id(root, REGION)
        .and_then(|e| e.dyn_into::<HtmlSelectElement>().ok())
        .map(|s| s.value())
        .filter(|v| !v.is_empty())
}

/// The roll-out for the state, or `None` while the scenario has problems.
fn run(root: &ShadowRoot, st: &State) -> Option<Rollout> {
    if st.stale || !st.problems.is_empty() {
        return None;
    }
    let year = council::year(st);
    let list = council::list(st, year);
    Some(rollout_over(
        &st.scenario,
        &list,
        year,
        region(root).as_deref(),
    ))
}

/// Redraws the panel when it is open. Called after every recomputation.
pub fn sync(root: &ShadowRoot, st: &State) {
    let Some(panel) = dom::by_id(root, PANEL) else {
        return;
    };
    if !panel.has_attribute("open") {
        return;
    }
    regions(root, st);
    let Some(body) = dom::by_id(root, BODY) else {
        return;
    };
    dom::clear(&body);
    let download = dom::by_id(root, "national-download");
    let Some(r) = run(root, st) else {
        add_ct(
            &body,
            "p",
            "oc-stale",
            "Correct the problems in your scenario to see the roll-out.",
        );
        if let Some(b) = download {
            dom::show(&b, false);
        }
        return;
    };
    if let Some(b) = download {
        dom::show(&b, !r.councils.is_empty());
    }
    draw(&body, &r, st);
}

/// Keeps the region options in line with the councils of the year.
fn regions(root: &ShadowRoot, st: &State) {
    let Some(select) = dom::by_id(root, REGION) else {
        return;
    };
    let list = council::list(st, council::year(st));
    let names = council_preset::regions(&list);
    let key = names.join("|");
    if select.get_attribute("data-key").as_deref() == Some(&key) {
        return;
    }
    let chosen = region(root).unwrap_or_default();
    dom::clear(&select);
    let all = add_ct(&select, "option", "", "England");
    attrs(&all, &[("value", "")]);
    for n in &names {
        let o = add_ct(&select, "option", "", n);
        attrs(&o, &[("value", n)]);
    }
    attrs(&select, &[("data-key", &key)]);
    if let Some(s) = select.dyn_ref::<HtmlSelectElement>() {
        s.set_value(if names.contains(&chosen.as_str()) {
            &chosen
        } else {
            ""
        });
    }
}

fn number(n: usize) -> String {
    let mut s = String::new();
    push_count(&mut s, n);
    s
}

fn pair(list: &Node, term: &str, value: &str, note: &str) {
    let row = add_c(list, "div", "oc-pair");
    add_ct(&row, "dt", "oc-term", term);
    let dd = add_ct(&row, "dd", "oc-value", value);
    add_ct(&dd, "span", "oc-value-note", note);
}

fn draw(body: &Element, r: &Rollout, st: &State) {
    let scope = r.region.as_deref().unwrap_or("England");
    let years = st.scenario.assumptions.horizon_years.max(1) as usize;
    let per_year = |x: f64| x / years as f64;
    let t = &r.total;
    add_ct(
        body,
        "h3",
        "oc-h3",
        &cat(&[
            scope,
            ": ",
            &number(t.councils as usize),
            if t.councils == 1 {
                " council"
            } else {
                " councils"
            },
            ", over ",
            &number(years),
            if years == 1 { " year" } else { " years" },
        ]),
    );
    let totals = add_c(body, "dl", "oc-keys");
    totals.set_id("national-totals");
    pair(
        &totals,
        "Time in care avoided",
        &format::count(t.children_in_care_fewer),
        "child-years",
    );
    if t.care_entries_avoided > 0.0 {
        pair(
            &totals,
            "Care entries avoided",
            &format::count(t.care_entries_avoided),
            "children who did not start to be looked after, all years",
        );
    }
    if t.not_in_care_at_12_months > 0.0 {
        pair(
            &totals,
            "Children not in care 12 months on",
            &format::count(t.not_in_care_at_12_months),
            "who would have been without the programme, all years",
        );
    }
    pair(
        &totals,
        "Child protection plans avoided",
        &format::count(per_year(t.cp_plans_fewer)),
        "a stock: fewer on a plan on an average day, each year",
    );
    pair(
        &totals,
        "Programme cost",
        &format::money(t.cost),
        "including optimism bias",
    );
    pair(
        &totals,
        "Savings",
        &format::money(t.savings),
        "to all public services",
    );
    pair(
        &totals,
        "Net present value",
        &format::money(t.npv),
        "savings minus cost, discounted",
    );
    // Totals beyond England's own counts.
    for w in rollout::warnings(r, r.years) {
        let box_ = add_c(body, "p", "oc-warning");
        let _ = box_.set_attribute("data-field", w.field());
        add_t(&box_, "strong", "Check the figures: ");
        text(&box_, &cat(&[&w.message(), "."]));
    }
    let mut y = String::new();
    push_count(&mut y, usize::from(r.data_year));
    add_ct(
        body,
        "p",
        "oc-hint",
        &cat(&[
            "Each council's figures at 31 March ",
            &y,
            " from the Department for Education and ONS population estimates.",
        ]),
    );
    if !r.skipped.is_empty() {
        let p = add_c(body, "p", "oc-hint");
        p.set_id("national-skipped");
        text(
            &p,
            &cat(&["Left out, because a figure the programmes need is not published for them: "]),
        );
        let names: Vec<&str> = r.skipped.iter().map(|s| s.name.as_str()).collect();
        text(&p, &cat(&[&names.join(", "), "."]));
    }
    if r.region.is_none() {
        let rows: Vec<Vec<String>> = r
            .by_region
            .iter()
            .map(|(name, t)| row(name, t, per_year))
            .collect();
        charts::table(body, "By region", &HEAD, &rows).set_id("national-by-region");
    }
    let rows: Vec<Vec<String>> = r
        .councils
        .iter()
        .take(10)
        .map(|c| {
            let mut cells = row(&cat(&[&c.name, " (", &c.region, ")"]), &c.totals, per_year);
            cells.remove(1);
            cells
        })
        .collect();
    let n = rows.len();
    let caption = cat(&[
        "The ",
        &number(n),
        if n == 1 { " council" } else { " councils" },
        " with the most time in care avoided",
    ]);
    let mut head = HEAD.to_vec();
    head[0] = "Council (region)";
    head.remove(1);
    charts::table(body, &caption, &head, &rows).set_id("national-top");
}

const HEAD: [&str; 6] = [
    "Region",
    "Councils",
    "Time in care avoided (child-years)",
    "Child protection plans avoided a year",
    "Programme cost",
    "Net present value",
];

fn row(name: &str, t: &Totals, per_year: impl Fn(f64) -> f64) -> Vec<String> {
    vec![
        name.to_string(),
        number(t.councils as usize),
        format::count(t.children_in_care_fewer),
        format::count(per_year(t.cp_plans_fewer)),
        format::money(t.cost),
        format::money(t.npv),
    ]
}

/// Offers the roll-out as a CSV file.
fn save(root: &ShadowRoot, r: &Rollout) {
    let csv = export::rollout_csv(r);
    let opts = BlobPropertyBag::new();
    opts.set_type("text/csv;charset=utf-8");
    let Ok(blob) =
        Blob::new_with_str_sequence_and_options(&Array::of1(&JsValue::from_str(&csv)), &opts)
    else {
        return;
    };
    let Ok(url) = Url::create_object_url_with_blob(&blob) else {
        return;
    };
    let scope: String = r
        .region
        .as_deref()
        .unwrap_or("England")
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    let mut y = String::new();
    push_count(&mut y, usize::from(r.data_year));
    let a = dom::el("a");
    attrs(
        &a,
        &[
            ("href", &url),
            ("download", &cat(&["roll-out-", &scope, "-", &y, ".csv"])),
        ],
    );
    dom::show(&a, false);
    let _ = root.append_child(&a);
    if let Some(h) = a.dyn_ref::<HtmlElement>() {
        h.click();
    }
    a.remove();
    // Let the download start before the file is let go.
    let free = Closure::once_into_js(move || {
        let _ = Url::revoke_object_url(&url);
    });
    if let Some(w) = web_sys::window() {
        let _ =
            w.set_timeout_with_callback_and_timeout_and_arguments_0(free.unchecked_ref(), 10_000);
    }
}
