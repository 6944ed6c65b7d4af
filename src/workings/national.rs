//! "If every council adopted these programmes", drawn on demand: the
//! reader's programmes and assumptions run for every council in England,
//! or in one region, each with its own official figures
//! (`model::views::rollout`), with the totals, a table by region, the ten
//! councils with the largest effects and the roll-out as a CSV file. The
//! same figures as `outcome-calculator --all-councils`.
//!
//! The calculator keeps the panel, its area picker and its download button
//! (`widget::results::national`) and asks the loader's `drawNational` to
//! draw into the panel's results, passing the councils of the year
//! ([`council_rows::from_rows`]).

use js_sys::Array;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Blob, BlobPropertyBag, Element, HtmlElement, Node, ShadowRoot, Url};

use crate::council_rows;
use crate::dom::chart as charts;
use crate::dom::format;
use crate::dom::{self, add_c, add_ct, add_t, attrs, cat, text};
use crate::model::views::export;
use crate::model::views::rollout::{self, rollout_over, Rollout, Totals};
use crate::model::Scenario;

/// Draws the roll-out of `scenario` (a valid scenario in the format's JS
/// form) over `councils`, the councils of `year` as the calculator holds
/// them (its built-in figures or the reader's own DfE files, read by
/// [`council_rows::from_rows`]; the module carries no table of its own), in `region`
/// (England when empty), into `body`; with `download`, offers it as a CSV
/// file instead. Shows the panel's download button when
/// there is a council to download.
#[wasm_bindgen]
pub fn draw_national(
    body: Element,
    scenario: JsValue,
    year: u16,
    region: &str,
    councils: JsValue,
    download: bool,
) -> Result<(), JsValue> {
    let s = super::scenario_of(scenario)?;
    let region = Some(region).filter(|r| !r.is_empty());
    let r = rollout_over(&s, &council_rows::from_rows(&councils, year), year, region);
    let root: ShadowRoot = body
        .get_root_node()
        .dyn_into()
        .map_err(|_| js_sys::Error::new("the panel is not in the calculator"))?;
    if download {
        save(&root, &r);
        return Ok(());
    }
    dom::clear(&body);
    if let Some(b) = dom::by_id(&root, "national-download") {
        dom::show(&b, !r.councils.is_empty());
    }
    draw(&body, &r, &s);
    Ok(())
}

fn number(n: usize) -> String {
    dom::n(n as f64)
}

fn pair(list: &Node, term: &str, value: &str, note: &str) {
    let row = add_c(list, "div", "oc-pair");
    add_ct(&row, "dt", "oc-term", term);
    let dd = add_ct(&row, "dd", "oc-value", value);
    add_ct(&dd, "span", "oc-value-note", note);
}

fn draw(body: &Element, r: &Rollout, s: &Scenario) {
    let scope = r.region.as_deref().unwrap_or("England");
    let years = s.assumptions.horizon_years.max(1) as usize;
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
    let y = number(usize::from(r.data_year));
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
    let y = number(usize::from(r.data_year));
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
