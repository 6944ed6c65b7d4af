//! The results: one sentence in a `role="status"` live region, then (not
//! live) the detailed figures, the charts, what to bear in mind and the
//! year-by-year table. When the form holds a problem the last good results
//! stay, marked "not updated", under an error summary.

use web_sys::{Element, Node, ShadowRoot};

use crate::model::{calc::plausible, BreakEven, Outcome, Projection};

use crate::dom::format;
use crate::dom::{self, add, add_c, add_ct, add_t, attrs, cat, text};
use crate::widget::results::charts;
use crate::widget::results::working;
use crate::widget::state::{push_count, State};

/// Builds the empty results section into `parent`.
pub fn build(parent: &Node) -> Element {
    let section = add_c(parent, "section", "oc-results");
    section.set_id("results");
    attrs(&section, &[("aria-labelledby", "results-title")]);
    let title = add_ct(&section, "h2", "oc-h2", "Results");
    title.set_id("results-title");
    // The skip link's target.
    attrs(&title, &[("tabindex", "-1")]);
    // On paper, whose results these are (the form is not printed).
    add_c(&section, "p", "oc-print-only oc-print-for").set_id("results-for");

    let summary = add_c(&section, "div", "oc-error-summary");
    summary.set_id("error-summary");
    attrs(
        &summary,
        &[
            ("tabindex", "-1"),
            ("aria-labelledby", "error-summary-title"),
        ],
    );
    dom::show(&summary, false);
    add_ct(
        &summary,
        "h4",
        "oc-error-summary-title",
        "There is a problem",
    )
    .set_id("error-summary-title");
    add_t(
        &summary,
        "p",
        "The results are not updated until you correct:",
    );
    add_c(&summary, "ul", "oc-error-list").set_id("error-list");

    // The sentence and the "not updated" mark stay in view while the form
    // scrolls beside them.
    let now = add_c(&section, "div", "oc-now");
    let status = add_c(&now, "p", "oc-status");
    status.set_id("status");
    attrs(
        &status,
        &[
            ("role", "status"),
            ("aria-live", "polite"),
            ("aria-atomic", "true"),
        ],
    );

    let stale = add_c(&now, "p", "oc-stale");
    stale.set_id("stale");
    add_t(&stale, "strong", "Not updated. ");
    text(
        &stale,
        "The figures below are for the last answers that worked.",
    );
    dom::show(&stale, false);

    // The figures in three parts: the key figures, redrawn as the reader
    // types; the chart of cost and savings, and then the rest, redrawn once
    // typing rests. On a narrow screen the first two come before the form
    // and the rest after it (widget.css).
    let figures = add_c(&section, "div", "oc-figures");
    figures.set_id("figures");
    add_c(&figures, "div", NOW).set_id(NOW);
    add_c(&figures, "div", CHART).set_id(CHART);
    // The compact embed's way to everything else (`view=compact`; hidden
    // otherwise, widget.css), with the scenario in its address
    // (`share::refresh`).
    let full = add_c(&figures, "p", "oc-full");
    let a = add_ct(&full, "a", "oc-link", "Open the full calculator");
    a.set_id("full-link");
    attrs(&a, &[("target", "_blank"), ("rel", "noopener")]);
    add_ct(&a, "span", "oc-vh", " (opens in a new tab)");
    // "How sure are we?" keeps its own place: its simulation follows on
    // its own time (`uncertainty`), and the rest is redrawn around it.
    add_c(&figures, "div", "oc-figures-more oc-figures-sure").set_id(SURE);
    add_c(&figures, "div", MORE).set_id(MORE);
    section
}

/// The key figures under the sentence.
const NOW: &str = "oc-figures-now";
/// The chart of cost and savings so far.
const CHART: &str = "oc-figures-chart";
/// The range ("How sure are we?").
const SURE: &str = "oc-figures-sure";
/// The other charts, what to bear in mind and the table by year.
const MORE: &str = "oc-figures-more";

/// How much of the results a change redraws.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Redraw {
    /// Only the sentence and the error summary (the form holds a problem).
    Sentence,
    /// The sentence and the key figures: the reader is typing, and the
    /// charts and tables follow once typing rests ([`render_rest`]).
    Typing,
    /// Everything.
    All,
}

/// The one-sentence summary: cash to the council first, in stated prices
/// over a stated horizon, then the public-purse figure.
pub fn sentence(p: &Projection) -> String {
    let s = &p.summary;
    let mut years = String::new();
    push_count(&mut years, p.years.len());
    let mut out = cat(&[
        "Over ",
        &years,
        if p.years.len() == 1 {
            " year ("
        } else {
            " years ("
        },
        &s.horizon_label,
        "), in ",
        &s.price_base,
        " prices: ",
    ]);
    out.push_str(if s.budget_npv >= 0.0 {
        "the council saves "
    } else {
        "the council is out of pocket by "
    });
    out.push_str(&format::money(s.budget_npv.abs()));
    out.push_str(" in cash after costs (discounted)");
    match &s.payback_label {
        Some(l) => {
            out.push_str("; its cash pays back in ");
            out.push_str(l);
        }
        None => out.push_str("; its cash does not pay back within the period"),
    }
    out.push_str(". Across the public purse: ");
    out.push_str(if s.npv >= 0.0 {
        "net saving "
    } else {
        "net cost "
    });
    out.push_str(&format::money(s.npv.abs()));
    if let Some(l) = &s.public_payback_label {
        out.push_str(", paying back in ");
        out.push_str(l);
    }
    out.push('.');
    out
}

/// Brings the results section in line with the state, redrawing as much
/// as `redraw` says.
pub fn render(root: &ShadowRoot, st: &State, redraw: Redraw) {
    // A figure a waiting programme needs is asked for under its box, not
    // here (the results for the rest stay up).
    let problems: Vec<&crate::widget::state::Problem> =
        st.problems.iter().filter(|p| !p.waiting).collect();
    if let Some(summary) = dom::by_id(root, "error-summary") {
        dom::show(&summary, !problems.is_empty());
    }
    if let Some(list) = dom::by_id(root, "error-list") {
        dom::clear(&list);
        for p in &problems {
            let li = add(&list, "li");
            match &p.target {
                Some(t) => {
                    let a = add_t(&li, "a", &p.message);
                    attrs(&a, &[("href", &cat(&["#", t])), ("data-target", t)]);
                    a.set_class_name("oc-link");
                }
                None => text(&li, &p.message),
            }
        }
    }
    if let Some(stale) = dom::by_id(root, "stale") {
        dom::show(&stale, st.stale && st.last.is_some());
    }
    if let Some(whose) = dom::by_id(root, "results-for") {
        let s = st.shown.as_deref().unwrap_or(&st.scenario);
        let name = &s.council.name;
        let words = if name.is_empty() || s.label.contains(name.as_str()) {
            s.label.clone()
        } else {
            cat(&[&s.label, " (", name, ")"])
        };
        if whose.text_content().as_deref() != Some(words.as_str()) {
            whose.set_text_content(Some(&words));
        }
    }
    if let Some(status) = dom::by_id(root, "status") {
        let words = match (&st.last, st.stale) {
            (Some(p), false) => {
                let mut words = sentence(p);
                for w in &st.waiting {
                    if let Some(lib) = st.library.iter().find(|l| l.id == w.programme) {
                        words.push(' ');
                        words.push_str(lib.name);
                        words.push_str(
                            " is not counted yet: it needs a figure, asked for under its box.",
                        );
                    }
                }
                words
            }
            _ => {
                let mut n = String::new();
                push_count(&mut n, problems.len().max(1));
                cat(&[
                    "Results not updated: ",
                    &n,
                    if problems.len() > 1 {
                        " answers need"
                    } else {
                        " answer needs"
                    },
                    " correcting.",
                ])
            }
        };
        if status.text_content().as_deref() != Some(words.as_str()) {
            status.set_text_content(Some(&words));
        }
    }
    if redraw == Redraw::Sentence {
        return;
    }
    if let (Some(p), Some(now)) = (&st.last, dom::by_id(root, NOW)) {
        // Drawn aside, then only what changed is written into the page.
        let fresh = dom::el("div");
        key_figures(&fresh, st, p);
        dom::morph::children(&now, &fresh);
    }
    if redraw == Redraw::All {
        render_rest(root, st);
    } else {
        working::reopen(root, st);
    }
}

/// Redraws the range, the charts and the tables (with everything).
pub fn render_rest(root: &ShadowRoot, st: &State) {
    if let Some(rest) = rest_begin(root, st) {
        rest_charts(&rest, st);
        rest_end(root, rest, st);
    }
}

/// The redraw of the charts and tables once typing rests, under way: the
/// figures after the range are drawn aside in parts (each quick enough for
/// a task of its own, so a key pressed meanwhile waits for one part, not
/// the whole), then written into the page where they differ.
pub struct Rest {
    fresh: Element,
    width: f64,
}

/// First part: the chart of cost and savings, and the range's section
/// (its simulation follows on its own time).
pub fn rest_begin(root: &ShadowRoot, st: &State) -> Option<Rest> {
    let (Some(p), Some(figures), Some(chart), Some(sure)) = (
        &st.last,
        dom::by_id(root, "figures"),
        dom::by_id(root, CHART),
        dom::by_id(root, SURE),
    ) else {
        return None;
    };
    let width = figures_width(&figures).unwrap_or(600.0).clamp(280.0, 760.0);
    let fresh = dom::el("div");
    charts::cumulative(&fresh, p, width);
    dom::morph::children(&chart, &fresh);
    crate::widget::results::uncertainty::section(&sure, st, width);
    Some(Rest {
        fresh: dom::el("div"),
        width,
    })
}

/// Second part: the charts by agency and by outcome, drawn aside.
pub fn rest_charts(rest: &Rest, st: &State) {
    if let Some(p) = &st.last {
        add_ct(&rest.fresh, "h3", "oc-h3", "More charts");
        charts::agencies(&rest.fresh, p, rest.width);
        charts::outcomes(&rest.fresh, p, rest.width);
    }
}

/// Last part: what to bear in mind and the table by year, then everything
/// drawn aside written into the page (a table the reader opened stays
/// open, `dom::morph`), the workings left open drawn again.
pub fn rest_end(root: &ShadowRoot, rest: Rest, st: &State) {
    let (Some(p), Some(more)) = (&st.last, dom::by_id(root, MORE)) else {
        return;
    };
    bear_in_mind(&rest.fresh, st, p);
    year_table(&rest.fresh, p);
    dom::morph::children(&more, &rest.fresh);
    // Workings left open follow the figures they explain.
    working::reopen(root, st);
}

/// While typing: the range is marked as being brought up to date (and its
/// simulation scheduled) at once, though the charts wait.
pub fn mark_range(root: &ShadowRoot, st: &State) {
    if let (Some(sure), Some(figures)) = (dom::by_id(root, SURE), dom::by_id(root, "figures")) {
        let width = figures_width(&figures).unwrap_or(600.0).clamp(280.0, 760.0);
        crate::widget::results::uncertainty::section(&sure, st, width);
    }
}

/// The width of the figures, px: as the resize observer last saw it
/// (`data-width`), measured only when there is none yet. Measuring on every
/// keystroke would force a layout of the whole page in the input handler.
fn figures_width(figures: &Element) -> Option<f64> {
    if let Some(w) = figures
        .get_attribute("data-width")
        .and_then(|w| w.parse::<f64>().ok())
    {
        return Some(w);
    }
    let w = figures.client_width();
    if w > 0 {
        note_width(figures, w);
    }
    Some(f64::from(w)).filter(|w| *w > 0.0)
}

/// Records the width of the figures (from the resize observer).
pub fn note_width(figures: &Element, w: i32) {
    let mut text = String::new();
    push_count(&mut text, w.max(0) as usize);
    let _ = figures.set_attribute("data-width", &text);
}

/// A term and its value in a description list.
fn pair(list: &Node, term: &str, value: &str, note: &str) {
    pair_at(list, term, value, note, None);
}

/// A term and its value, the value a button that opens its working when
/// `path` names the figure (`results::working`).
fn pair_at(list: &Node, term: &str, value: &str, note: &str, path: Option<&str>) {
    let row = add_c(list, "div", "oc-pair");
    add_ct(&row, "dt", "oc-term", term);
    let dd = match path {
        Some(p) => {
            let dd = add_c(&row, "dd", "oc-value");
            working::button(&dd, p, value);
            dd
        }
        None => add_ct(&row, "dd", "oc-value", value),
    };
    if !note.is_empty() {
        add_ct(&dd, "span", "oc-value-note", note);
    }
}

/// The warnings, the key figures and the break-even points.
fn key_figures(parent: &Node, st: &State, p: &Projection) {
    let s = &p.summary;
    let c = &s.counts;
    let n = p.years.len();
    let mut years = String::new();
    push_count(&mut years, n);
    // What the headline does not count, or counts beyond the evidence.
    for note in &p.headline_notes {
        let box_ = add_c(parent, "p", "oc-warning oc-warning--note");
        add_t(&box_, "strong", "Read the figures with this: ");
        text(&box_, note);
    }
    // Figures and results beyond what the council, or England, could
    // have: the same list as the CLI's and the CSV report's, for the
    // scenario the figures are of (the last that passed validation).
    let warnings = plausible::warnings(st.shown.as_deref().unwrap_or(&st.scenario), p);
    for w in warnings {
        let box_ = add_c(parent, "p", "oc-warning");
        let _ = box_.set_attribute("data-field", w.field());
        add_t(&box_, "strong", "Check the figures: ");
        text(&box_, &cat(&[&w.message(), "."]));
    }
    let span = match (p.years.first(), p.years.last()) {
        (Some(a), Some(b)) if n > 1 => cat(&[&a.label, " to ", &b.label]),
        (Some(a), _) => a.label.clone(),
        _ => String::new(),
    };
    add_ct(
        parent,
        "h3",
        "oc-h3",
        &cat(&[
            "Over ",
            &years,
            if n == 1 { " year, " } else { " years, " },
            &span,
        ]),
    );

    let kids = add_c(parent, "dl", "oc-keys");
    if c.care_entries_avoided > 0.0 {
        pair_at(
            &kids,
            "Care entries avoided",
            &format::count(c.care_entries_avoided),
            "a flow: children who did not start to be looked after, all years",
            Some("summary.counts.care_entries_avoided"),
        );
    }
    pair_at(
        &kids,
        "Time in care avoided",
        &format::count(c.children_in_care_fewer),
        "child-years in care, all years",
        Some("summary.counts.children_in_care_fewer"),
    );
    pair_at(
        &kids,
        "Fewer children on protection plans",
        &format::count(p.yearly_average(c.cp_plans_fewer)),
        "a stock: fewer on a plan on an average day, averaged over the years",
        Some("summary.average_counts.cp_plans_fewer"),
    );
    pair_at(
        &kids,
        "Fewer children in need (not on a plan or in care)",
        &format::count(p.yearly_average(c.children_in_need_fewer)),
        "a stock: fewer open cases on an average day, averaged over the years",
        Some("summary.average_counts.children_in_need_fewer"),
    );
    for (v, term, note, path) in [
        (
            c.care_proceedings_avoided,
            "Care proceedings avoided",
            "a flow: cases not issued, all years",
            "summary.counts.care_proceedings_avoided",
        ),
        (
            c.police_incidents_avoided,
            "Repeat police call-outs avoided",
            "a flow: incidents, all years",
            "summary.counts.police_incidents_avoided",
        ),
        (
            c.emergency_admissions_avoided,
            "Emergency admissions avoided",
            "a flow: adult admissions, all years",
            "summary.counts.emergency_admissions_avoided",
        ),
    ] {
        if v > 0.0 {
            pair_at(&kids, term, &format::count(v), note, Some(path));
        }
    }

    add_ct(
        parent,
        "h3",
        "oc-h3",
        &cat(&["Money: discounted, in ", &s.price_base, " prices"]),
    );
    let money = add_c(parent, "dl", "oc-keys oc-keys--money");
    pair_at(
        &money,
        "Net budget impact to the council",
        &format::money(s.budget_npv),
        "the council's cash savings minus the programme cost",
        Some("summary.budget_npv"),
    );
    pair_at(
        &money,
        "Council cash savings",
        &format::money(s.pv_cashable),
        "money that stops being spent: placements not bought",
        Some("summary.pv_cashable"),
    );
    pair_at(
        &money,
        "Programme cost",
        &format::money(s.pv_cost),
        "including optimism bias",
        Some("summary.pv_cost"),
    );
    pair_at(
        &money,
        "Council savings that are not cash",
        &format::money(s.pv_council_noncash),
        "staff time and in-house places freed; not cash unless you say so",
        Some("summary.pv_council_noncash"),
    );
    pair_at(
        &money,
        "Savings to other services",
        &format::money(s.pv_other_agencies),
        "police, NHS, courts and others",
        Some("summary.pv_other_agencies"),
    );
    pair_at(
        &money,
        "Net present value to the public purse",
        &format::money(s.npv),
        "all savings minus cost",
        Some("summary.npv"),
    );
    match s.bcr {
        Some(b) => pair_at(
            &money,
            "Benefit-cost ratio (public value)",
            &format::ratio(b),
            &cat(&[
                "£",
                &format::ratio(b),
                " of savings to all services for each £1 spent",
            ]),
            Some("summary.bcr"),
        ),
        None => pair(
            &money,
            "Benefit-cost ratio (public value)",
            "none",
            "there is no cost",
        ),
    }
    if let Some(r) = s.financial_roi {
        pair_at(
            &money,
            "Financial return on investment",
            &format::pct(r * 100.0),
            "the council's cash savings less cost, for each pound of cost",
            Some("summary.financial_roi"),
        );
    }
    match &s.payback_label {
        Some(l) => pair_at(
            &money,
            "Pays back in cash to the council",
            l,
            "the year its cash savings so far reach costs so far (not discounted)",
            Some("summary.payback_year"),
        ),
        None => pair(
            &money,
            "Pays back in cash to the council",
            &cat(&["not within ", &years, " years"]),
            "",
        ),
    }
    if let Some(l) = &s.public_payback_label {
        pair_at(
            &money,
            "Pays back to the public purse",
            l,
            "counting every service's savings",
            Some("summary.public_payback_year"),
        );
    }

    break_even(parent, st, p);
}

fn measure_words(b: &BreakEven, x: f64) -> String {
    match b.measure {
        "relative" => format::pct(x),
        "points" => cat(&[&format::count(x), " percentage points"]),
        _ => cat(&[&format::count(x), " a year"]),
    }
}

fn break_even(parent: &Node, st: &State, p: &Projection) {
    let s = &p.summary;
    add_ct(parent, "h3", "oc-h3", "Break-even for the council's budget");
    let list = add_c(parent, "ul", "oc-list");
    if let Some(k) = s.cost_switching_pct {
        let li = add(&list, "li");
        let (lead, shown) = if k >= 0.0 {
            ("Costs could rise by ", k)
        } else {
            ("Costs would have to fall by ", -k)
        };
        text(&li, lead);
        working::button(&li, "summary.cost_switching_pct", &format::pct(shown));
        text(
            &li,
            if k >= 0.0 {
                " before the council's cash savings stop covering them."
            } else {
                " for the council's cash savings to cover them."
            },
        );
    }
    for (i, r) in p.programmes.iter().enumerate() {
        for (k, b) in r.break_even.iter().enumerate() {
            let what = outcome_words(b.outcome);
            let li = add(&list, "li");
            let mut at = "programmes[".to_string();
            push_count(&mut at, i);
            at.push_str("].break_even[");
            push_count(&mut at, k);
            at.push_str("].");
            match b.needed {
                Some(x) => {
                    text(
                        &li,
                        &cat(&[
                            &r.name,
                            ": savings cover costs if ",
                            what,
                            " fall by at least ",
                        ]),
                    );
                    working::button(&li, &cat(&[&at, "needed"]), &measure_words(b, x));
                    text(
                        &li,
                        ", other effects as entered (applied now, after adjustments: ",
                    );
                    working::button(&li, &cat(&[&at, "applied"]), &measure_words(b, b.applied));
                    text(&li, ").");
                }
                None => text(
                    &li,
                    &cat(&[
                        &r.name,
                        ": no fall in ",
                        what,
                        " alone is large enough to cover the costs.",
                    ]),
                ),
            }
        }
    }
    let _ = st;
}

fn outcome_words(o: Outcome) -> &'static str {
    match o {
        Outcome::CareEntries => "care entries",
        other => other.label(),
    }
}

fn bear_in_mind(parent: &Node, st: &State, p: &Projection) {
    add_ct(parent, "h3", "oc-h3", "Bear in mind");
    let list = add_c(parent, "ul", "oc-list");
    for note in &p.notes {
        add_t(&list, "li", note);
    }
    for r in &p.programmes {
        let unit = st
            .library
            .iter()
            .find(|l| l.id == r.id)
            .map_or("cases a year", |l| l.cohort.unit);
        let mut served = cat(&[&r.name, ": ", &format::count(r.cohort), " ", unit]);
        if let Some(e) = r.eligible {
            served.push_str(&cat(&[
                " at full reach, of an eligible caseload of about ",
                &format::count(e),
            ]));
        }
        served.push_str(&cat(&[
            "; a child kept out of care is costed at ",
            &r.placement,
            ".",
        ]));
        add_t(&list, "li", &served);
    }
    for r in &p.programmes {
        if let Some(prog) = st.library.iter().find(|l| l.id == r.id) {
            for c in prog.caveats {
                add_t(&list, "li", &cat(&[prog.name, ": ", c]));
            }
            if !prog.not_counted.is_empty() {
                add_t(&list, "li", &cat(&[prog.name, ": ", prog.not_counted]));
            }
        }
    }
    add_t(
        &list,
        "li",
        &cat(&[
            "Money is in ",
            crate::model::data::prices::PRICE_BASE_LABEL,
            " prices: each published cost is uprated from its own price year with HM Treasury's GDP deflator (March 2026).",
        ]),
    );
}

fn year_table(parent: &Node, p: &Projection) {
    let d = add_c(parent, "details", "oc-details oc-table-toggle");
    d.set_id("oc-years");
    add_ct(&d, "summary", "oc-details-summary", "Year by year");
    charts::by_year(
        &d,
        "Year by year",
        p,
        &[
            charts::ENTRIES,
            charts::IN_CARE,
            charts::PLANS,
            charts::IN_NEED,
            ("Savings (all services)", "gross_savings", |y| {
                format::money(y.gross_savings)
            }),
            ("Cash to the council", "cashable_savings", |y| {
                format::money(y.cashable_savings)
            }),
            ("Cost", "cost", |y| format::money(y.cost)),
            ("Net", "net", |y| format::money(y.net)),
            ("Net so far", "cumulative_net", |y| {
                format::money(y.cumulative_net)
            }),
            ("Net present value so far", "cumulative_pv_net", |y| {
                format::money(y.cumulative_pv_net)
            }),
        ],
    );
}
