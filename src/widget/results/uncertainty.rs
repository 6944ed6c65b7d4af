//! "How sure are we?": the Monte Carlo and the tornado in the results.
//!
//! The simulation (10,000 runs by default) takes longer than one keystroke
//! should, so it runs once the input has settled ([`SETTLE_MS`] after the
//! last change) instead of in the input handler. Until then the last
//! simulation stays up, marked as being updated. The results are kept per
//! widget with the scenario they are for, so a redraw (a resize, a
//! submitted form) shows them again at once.
//!
//! - a sentence from the model ("In 8 of 10 simulations the programme pays
//!   for itself in cash to the council by year 3");
//! - where the ranges come from: published intervals apart from conventions;
//! - a fan chart of the council's cash savings minus cost so far: the middle
//!   8 in 10 simulations as a band, the median as a line, break-even at £0;
//! - a tornado of the inputs that move the council's net budget impact
//!   most, each between the low and the high end of its range.
//!
//! Both charts have tables of the same figures. The section carries the
//! exact simulated figures as `data-` attributes (shortest round-trip
//! decimals) so tests can compare them with the command-line tool's.

use js_sys::{Function, Number, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, Node, ShadowRoot};

use crate::model::calc::uncertainty::{Bar, Simulation, Simulator};
use crate::widget::live::Settled;

use crate::dom::format;
use crate::dom::{self, add_c, add_ct, add_t, attrs, cat, svg};
use crate::widget::live::{self, Done, Sure};
use crate::widget::results::charts::{
    self, figure, label, legend_within, line, n, nice, patterns, rect, text_width, LEADING,
};
use crate::widget::state::{push_count, State};

/// How long the input must rest before the simulation runs, ms.
pub const SETTLE_MS: i32 = 400;

/// Most inputs shown in the tornado.
const MAX_BARS: usize = 8;

/// Calls `performance[method](arg)` if the page has it (marks and measures
/// for the benchmarks); returns the result.
pub fn performance(method: &str, args: &[&str]) -> JsValue {
    let Ok(perf) = Reflect::get(&js_sys::global(), &"performance".into()) else {
        return JsValue::UNDEFINED;
    };
    let Some(f) = Reflect::get(&perf, &method.into())
        .ok()
        .and_then(|f| f.dyn_into::<Function>().ok())
    else {
        return JsValue::UNDEFINED;
    };
    let r = match args {
        [] => f.call0(&perf),
        [a] => f.call1(&perf, &(*a).into()),
        [a, b, ..] => f.call2(&perf, &(*a).into(), &(*b).into()),
    };
    r.unwrap_or(JsValue::UNDEFINED)
}

/// The section for the projection `p` of `st.scenario`, appended to
/// `parent` (inside the figures, which are cleared on each redraw).
pub fn section(parent: &Node, st: &State, width: f64) {
    let Some(widget) = parent
        .get_root_node()
        .dyn_into::<ShadowRoot>()
        .ok()
        .and_then(|root| live::find(&root))
    else {
        return;
    };
    let mut sure = widget.sure.borrow_mut();
    let holder = holder(&mut sure);
    // Already in place while typing: left where it is.
    if holder.parent_node().as_ref() != Some(parent) {
        let _ = parent.append_child(&holder);
    }
    let current = sure
        .done
        .as_ref()
        .is_some_and(|d| st.stale || *d.scenario == st.scenario);
    if holder.child_element_count() == 0 || (width - sure.width).abs() > 24.0 {
        draw(&mut sure, &holder, width);
    }
    busy(&holder, !current);
    // Asked again for the scenario already waiting (the charts redrawn
    // once typing rests): the wait is not started again.
    let waiting = sure.timer.is_some()
        && sure
            .pending
            .as_ref()
            .is_some_and(|p| *p.scenario == st.scenario);
    if !current && !st.stale && !waiting {
        // The scenario as validated for the projection drawn, and that
        // projection's figure: neither is worked out again.
        if let (Some(scenario), Some(p)) = (&st.shown, &st.last) {
            let settled = Settled {
                scenario: scenario.clone(),
                npv: p.summary.budget_npv,
            };
            schedule(&widget.root, &mut sure, settled);
        }
    }
}

/// The section of one widget, made on its first drawing and kept across
/// redraws of the figures around it.
fn holder(sure: &mut Sure) -> Element {
    sure.holder
        .get_or_insert_with(|| {
            let holder = dom::el("div");
            holder.set_class_name("oc-sure");
            holder.set_id("oc-sure");
            holder
        })
        .clone()
}

/// Marks the section as being brought up to date (or not).
fn busy(holder: &Element, on: bool) {
    attrs(holder, &[("aria-busy", if on { "true" } else { "false" })]);
    let _ = holder
        .class_list()
        .toggle_with_force("oc-sure--updating", on);
    if let Some(note) = holder.query_selector(".oc-sure-note").ok().flatten() {
        dom::show(&note, on);
    }
}

/// Runs the simulation for `scenario` once the input has rested.
fn schedule(root: &ShadowRoot, sure: &mut Sure, scenario: Settled) {
    let Some(window) = web_sys::window() else {
        return;
    };
    if let Some(t) = sure.timer.take() {
        window.clear_timeout_with_handle(t);
    }
    sure.pending = Some(scenario);
    let root = root.clone();
    let run = Closure::once_into_js(move || {
        if let Some(scenario) = take_pending(&root) {
            run_in_parts(root, scenario);
        }
    });
    sure.timer = window
        .set_timeout_with_callback_and_timeout_and_arguments_0(run.unchecked_ref(), SETTLE_MS)
        .ok();
}

/// The scenario waiting to be simulated in the widget in `root`, taken
/// (its timer stopped).
fn take_pending(root: &ShadowRoot) -> Option<Settled> {
    let widget = live::find(root)?;
    let mut sure = widget.sure.borrow_mut();
    if let (Some(t), Some(w)) = (sure.timer.take(), web_sys::window()) {
        w.clear_timeout_with_handle(t);
    }
    sure.pending.take()
}

/// Runs the pending simulation of the widget in `root` now, if there is
/// one, and shows it.
pub fn flush(root: &ShadowRoot) {
    if let Some(scenario) = take_pending(root) {
        performance("mark", &["oc:uncertainty-start"]);
        let sim = outcome_kernel::simulate_valid(scenario.scenario.valid());
        show(root, scenario, sim);
    }
}

/// Whether the widget in `root` is waiting to simulate a newer scenario
/// (the reader typed again): the work under way is then dropped.
fn superseded(root: &ShadowRoot) -> bool {
    live::find(root).is_some_and(|w| w.sure.borrow().pending.is_some())
}

/// The simulation a slice at a time, then the tornado and the drawing,
/// each in a task of its own: a key pressed meanwhile waits for one slice
/// (about [`SLICE_MS`]), not the whole, and a newer scenario drops the rest.
fn run_in_parts(root: ShadowRoot, scenario: Settled) {
    performance("mark", &["oc:uncertainty-start"]);
    let sim = Simulator::new(scenario.scenario.valid());
    run_slices(root, scenario, sim);
}

/// Longest a slice of the simulation runs before letting the page answer
/// the reader, ms.
const SLICE_MS: f64 = 6.0;

/// Draws run between two looks at the clock.
const SLICE_DRAWS: usize = 200;

/// Runs draws of `sim` for about [`SLICE_MS`], then goes on in the next
/// task, or shows the finished simulation.
fn run_slices(root: ShadowRoot, scenario: Settled, mut sim: Simulator) {
    let now = || performance("now", &[]).as_f64().unwrap_or(0.0);
    let start = now();
    while !outcome_kernel::step(&mut sim, SLICE_DRAWS) {
        if now() - start >= SLICE_MS {
            dom::next_task(move || {
                if !superseded(&root) {
                    run_slices(root, scenario, sim);
                }
            });
            return;
        }
    }
    let sim = outcome_kernel::finish(sim);
    dom::next_task(move || {
        if !superseded(&root) {
            show(&root, scenario, sim);
        }
    });
}

/// Works out the tornado for `scenario` and shows it with `sim`.
fn show(root: &ShadowRoot, settled: Settled, sim: Simulation) {
    let Settled { scenario, npv } = settled;
    let bars = outcome_kernel::tornado_valid(scenario.valid());
    let Some(widget) = live::find(root) else {
        return;
    };
    let mut sure = widget.sure.borrow_mut();
    sure.done = Some(Done {
        scenario,
        sim,
        bars,
        npv,
    });
    let (holder, width) = (holder(&mut sure), sure.width);
    draw(&mut sure, &holder, width);
    busy(&holder, false);
    performance("measure", &["oc:uncertainty", "oc:uncertainty-start"]);
}

/// A number as JavaScript writes it (the shortest decimal that reads back
/// as the same number), for `data-` attributes.
fn exact(x: f64) -> String {
    Number::from(x)
        .to_string_with_radix(10)
        .ok()
        .and_then(|s| s.as_string())
        .unwrap_or_default()
}

/// A share (0–1) as a percentage: "83%".
fn share(x: f64) -> String {
    format::pct((x * 1000.0).round() / 10.0)
}

/// Redraws the section's contents from what the widget holds.
fn draw(sure: &mut Sure, holder: &Element, width: f64) {
    dom::clear(holder);
    sure.width = width;
    add_ct(holder, "h3", "oc-h3", "How sure are we?");
    let Some(d) = &sure.done else {
        add_t(
            holder,
            "p",
            "Working out the range of results from the evidence\u{2026}",
        );
        return;
    };
    let note = add_ct(
        holder,
        "p",
        "oc-sure-note",
        "Working out the range for your latest answers\u{2026}",
    );
    dom::show(&note, false);
    let sim = &d.sim;
    for (name, value) in [
        ("data-draws", exact(f64::from(sim.draws))),
        ("data-seed", exact(f64::from(sim.seed))),
        ("data-npv-p10", exact(sim.npv.p10)),
        ("data-npv-p50", exact(sim.npv.p50)),
        ("data-npv-p90", exact(sim.npv.p90)),
    ] {
        attrs(holder, &[(name, &value)]);
    }
    let mut draws = String::new();
    push_count(&mut draws, sim.draws as usize);
    let lead = add_c(holder, "p", "oc-sure-sentence");
    lead.set_id("oc-sure-sentence");
    lead.set_text_content(Some(&sim.sentence));
    add_ct(
        holder,
        "p",
        "oc-hint",
        &cat(&[
            "From ",
            &format::count(f64::from(sim.draws)),
            " simulations, each drawing every effect from its evidence range and every unit cost and share reached from the spreads under \u{201c}Uncertainty settings\u{201d}. The council's net budget impact (cash savings minus cost, discounted): ",
            &format::money(sim.npv.p50),
            " in the middle simulation; 8 in 10 between ",
            &format::money(sim.npv.p10),
            " and ",
            &format::money(sim.npv.p90),
            ". In ",
            &share(sim.npv_positive_share),
            " of simulations the council's cash savings are more than the cost.",
        ]),
    );
    if let Some(gap) = &sim.gap {
        let p = add_ct(
            holder,
            "p",
            "oc-hint",
            &cat(&[
                "The headline is ",
                &format::money(sim.headline_npv),
                ". ",
                gap,
            ]),
        );
        p.set_id("oc-sure-gap");
    }
    ranges(holder, sim);
    fan(holder, sim, width);
    tornado(holder, &d.bars, d.npv, width);
}

/// Where the ranges come from: published intervals apart from the
/// calculator's conventions.
fn ranges(parent: &Node, sim: &Simulation) {
    let details = add_c(parent, "details", "oc-details");
    add_ct(
        &details,
        "summary",
        "oc-details-summary",
        "Where the ranges come from",
    );
    let size = |measure: &str, x: f64| match measure {
        "relative" => format::pct(x),
        "points" => cat(&[&format::count(x), " points"]),
        _ => cat(&[&format::count(x), " a year"]),
    };
    for (basis, title, none) in [
        (
            "published",
            "Published intervals",
            "None of the effects used here has a published interval among the verified figures.",
        ),
        (
            "convention",
            "This calculator's conventions (not published intervals)",
            "",
        ),
        ("yours", "Your own ranges", ""),
    ] {
        let rows: Vec<_> = sim.ranges.iter().filter(|r| r.basis == basis).collect();
        if rows.is_empty() && none.is_empty() {
            continue;
        }
        add_ct(&details, "h4", "oc-h4", title);
        if rows.is_empty() {
            add_t(&details, "p", none);
            continue;
        }
        let list = add_c(&details, "ul", "oc-list");
        for r in rows {
            add_t(
                &list,
                "li",
                &cat(&[
                    &r.programme,
                    ", ",
                    r.outcome,
                    ": ",
                    &size(r.measure, r.low),
                    " to ",
                    &size(r.measure, r.high),
                    " (used: ",
                    &size(r.measure, r.central),
                    ")",
                ]),
            );
        }
    }
    {
        use crate::model::data::evidence::{range_rule, Grade};
        let below = |g| crate::dom::format::pct(range_rule(g) * 100.0);
        add_t(
            &details,
            "p",
            &cat(&[
                "An effect with one published figure runs from ",
                &below(Grade::Rct),
                " (trial) to ",
                &below(Grade::BeforeAfter),
                " below it, up to the figure itself. Unit costs and reach use the spreads under \u{201c}Uncertainty settings\u{201d}.",
            ]),
        );
    }
    add_ct(
        &details,
        "h4",
        "oc-h4",
        "The method's conventions, drawn in every simulation",
    );
    let list = add_c(&details, "ul", "oc-list");
    for c in &sim.conventions {
        let (low, mode, high) = match c.unit {
            "%" | "% a year" => (format::pct(c.low), format::pct(c.mode), format::pct(c.high)),
            "× the planned length" => (
                cat(&["× ", &format::count(c.low)]),
                cat(&["× ", &format::count(c.mode)]),
                cat(&["× ", &format::count(c.high)]),
            ),
            _ => (
                "half the share entered".to_string(),
                "the share entered".to_string(),
                "all of it".to_string(),
            ),
        };
        let item = add_t(
            &list,
            "li",
            &cat(&[
                c.name, ": ", &low, " to ", &high, " (used: ", &mode, "). ", c.basis, ".",
            ]),
        );
        item.set_attribute("data-field", c.field).ok();
    }
}

/// Axis bounds covering `lo..hi` and zero, on round steps: (min, max, step).
fn axis(lo: f64, hi: f64) -> (f64, f64, f64) {
    let (lo, hi) = (lo.min(0.0), hi.max(0.0));
    let step = nice((hi - lo).max(1.0) / 4.0);
    let min = (lo / step).floor() * step;
    let max = (hi / step).ceil() * step;
    (min, max.max(min + step), step)
}

/// Net savings so far by year: P10–P90 band, median line, £0 line.
fn fan(parent: &Node, sim: &Simulation, w: f64) {
    let years = &sim.years;
    let Some(last) = years.last() else { return };
    let c = &last.cumulative_net;
    let span = if years.len() == 1 {
        "1 year".to_string()
    } else {
        let mut s = String::new();
        push_count(&mut s, years.len());
        s.push_str(" years");
        s
    };
    let says = cat(&[
        "After ",
        &span,
        ", the council's cash savings minus cost so far are ",
        &format::money(c.p50),
        " in the middle simulation, and between ",
        &format::money(c.p10),
        " and ",
        &format::money(c.p90),
        " in 8 of 10 simulations.",
    ]);
    let h = (w * 0.62).clamp(280.0, 400.0);
    let (chart, details) = figure(
        parent,
        "oc-fan",
        "Range of the council's cash savings minus cost so far",
        &says,
        w,
        h,
    );
    fn swatch(chart: &Node, y: f64, i: usize) {
        if i == 0 {
            rect(chart, 2.0, y + 2.0, 26.0, 14.0, "oc-fan-band");
        } else {
            line(chart, 2.0, y + 9.0, 28.0, y + 9.0, "oc-line oc-line-a");
        }
    }
    let top_legend = legend_within(
        &chart,
        w,
        &[("8 in 10 simulations", ""), ("Median simulation", "")],
        swatch,
    );
    let (left, right) = (4.0, w - 14.0);
    let (top, bottom) = (top_legend + 30.0, h - 30.0);
    let lo = years
        .iter()
        .map(|y| y.cumulative_net.p10)
        .fold(0.0, f64::min);
    let hi = years
        .iter()
        .map(|y| y.cumulative_net.p90)
        .fold(0.0, f64::max);
    let (min, max, step) = axis(lo, hi);
    let y_of = |v: f64| bottom - (bottom - top) * (v - min) / (max - min);
    let count = ((max - min) / step).round() as i32;
    for k in 0..=count {
        let v = min + step * f64::from(k);
        let y = y_of(v);
        let zero = v.abs() < step / 2.0;
        line(
            &chart,
            left,
            y,
            right,
            y,
            if zero { "oc-axis" } else { "oc-grid" },
        );
        let words = if zero {
            "£0: costs covered".to_string()
        } else {
            format::money(v)
        };
        label(&chart, left, y - 5.0, "start", "oc-chart-small", &words);
    }
    let step_x = (right - left) / years.len() as f64;
    let x_of = |i: usize| left + step_x * (i as f64 + 1.0);

    // Band: along the 90th percentile, back along the 10th, from £0 at the
    // start.
    let mut d = cat(&["M", &n(left), " ", &n(y_of(0.0))]);
    for (i, y) in years.iter().enumerate() {
        d.push_str(&cat(&[
            " L",
            &n(x_of(i)),
            " ",
            &n(y_of(y.cumulative_net.p90)),
        ]));
    }
    for (i, y) in years.iter().enumerate().rev() {
        d.push_str(&cat(&[
            " L",
            &n(x_of(i)),
            " ",
            &n(y_of(y.cumulative_net.p10)),
        ]));
    }
    d.push_str(" Z");
    svg(&chart, "path", &[("d", &d), ("class", "oc-fan-band")]);
    let mut d = cat(&["M", &n(left), " ", &n(y_of(0.0))]);
    for (i, y) in years.iter().enumerate() {
        d.push_str(&cat(&[
            " L",
            &n(x_of(i)),
            " ",
            &n(y_of(y.cumulative_net.p50)),
        ]));
    }
    svg(&chart, "path", &[("d", &d), ("class", "oc-line oc-line-a")]);
    for (i, y) in years.iter().enumerate() {
        svg(
            &chart,
            "circle",
            &[
                ("cx", &n(x_of(i))),
                ("cy", &n(y_of(y.cumulative_net.p50))),
                ("r", "4"),
                ("class", "oc-dot-a"),
            ],
        );
    }
    let labels: Vec<&str> = years.iter().map(|y| y.label.as_str()).collect();
    charts::axis_years(&chart, &labels, &x_of, h - 8.0, step_x, w);

    let rows: Vec<Vec<String>> = years
        .iter()
        .map(|y| {
            let c = &y.cumulative_net;
            vec![
                y.label.clone(),
                format::money(c.p10),
                format::money(c.p50),
                format::money(c.p90),
                share(y.paid_back_share),
            ]
        })
        .collect();
    // Each figure opens its working: the simulation's settings and ranges.
    let figures = [
        "cumulative_net.p10",
        "cumulative_net.p50",
        "cumulative_net.p90",
        "paid_back_share",
    ];
    charts::figure_table(
        &details,
        "The council's cash savings minus cost so far across the simulations, by year",
        &[
            "Year",
            "10th percentile",
            "Median",
            "90th percentile",
            "Simulations paid back by then",
        ],
        &rows,
        &|t, c| {
            figures.get(c).map(|f| {
                cat(&[
                    "uncertainty.",
                    &crate::widget::results::working::year_path(t, f),
                ])
            })
        },
    );
}

/// The inputs that move the net present value most, each bar from its
/// low-end to its high-end value around the figure as entered.
fn tornado(parent: &Node, all: &[Bar], npv: f64, w: f64) {
    let bars = &all[..all.len().min(MAX_BARS)];
    let Some(first) = bars.first() else {
        add_t(
            parent,
            "p",
            "No single input moves the council's net budget impact.",
        );
        return;
    };
    let (a, b) = if first.npv_low <= first.npv_high {
        (first.npv_low, first.npv_high)
    } else {
        (first.npv_high, first.npv_low)
    };
    let says = cat(&[
        &dom::sentence(&first.input),
        " moves the council's net budget impact most: from ",
        &format::money(a),
        " to ",
        &format::money(b),
        ". Each bar changes one input between the ends of its range and keeps the others as entered (",
        &format::money(npv),
        ").",
    ]);
    // Each row: the input's name (wrapped), its bar, and the values at the
    // bar's ends, beside them where the chart is wide enough, else on a
    // line under the bar.
    let ends: Vec<(f64, f64)> = bars
        .iter()
        .map(|b| (b.npv_low.min(b.npv_high), b.npv_low.max(b.npv_high)))
        .collect();
    let widest = ends
        .iter()
        .flat_map(|(l, r)| [format::money(*l), format::money(*r)])
        .map(|t| text_width(&t, 13.0, false))
        .fold(0.0, f64::max);
    let beside = w >= 420.0;
    let (left, right) = (8.0, w - 8.0);
    let names: Vec<Vec<String>> = bars
        .iter()
        .map(|b| charts::wrap(&dom::sentence(&b.input), 14.0, right - left))
        .collect();
    let row_h = |lines: usize| LEADING * (lines - 1) as f64 + if beside { 58.0 } else { 70.0 };
    let rows_h: f64 = names.iter().map(|l| row_h(l.len())).sum();
    let (chart, details) = figure(
        parent,
        "oc-tornado",
        "What moves the council's net budget impact most",
        &says,
        w,
        rows_h + 200.0,
    );
    patterns(&chart, "oc-tornado");
    fn swatch(chart: &Node, y: f64, i: usize) {
        let r = rect(chart, 4.0, y + 2.0, 22.0, 14.0, "oc-bar oc-bar-a");
        if i == 1 {
            let _ = r.set_attribute("fill", &charts::fill("oc-tornado", 1));
            let _ = r.set_attribute("class", "oc-bar oc-bar-b");
        }
    }
    let top = legend_within(
        &chart,
        w,
        &[
            ("With the input at the low end of its range", ""),
            ("With the input at the high end of its range", ""),
        ],
        swatch,
    ) + 10.0;
    // Room beside the bars for the values at their ends.
    let margin = if beside { widest + 8.0 } else { 0.0 };
    let lo = ends.iter().map(|e| e.0).fold(npv, f64::min);
    let hi = ends.iter().map(|e| e.1).fold(npv, f64::max);
    let pad = ((hi - lo) * 0.02).max(1.0);
    let (lo, hi) = (lo - pad, hi + pad);
    let x_of = |v: f64| left + margin + (right - left - 2.0 * margin) * (v - lo) / (hi - lo);
    let bottom = top + rows_h;
    if lo < 0.0 && hi > 0.0 {
        line(&chart, x_of(0.0), top, x_of(0.0), bottom, "oc-grid");
    }
    line(&chart, x_of(npv), top - 4.0, x_of(npv), bottom, "oc-mark");
    let mut y = top;
    for ((b, (l, r)), name) in bars.iter().zip(&ends).zip(&names) {
        for (i, words) in name.iter().enumerate() {
            label(
                &chart,
                left,
                y + 16.0 + LEADING * i as f64,
                "start",
                "oc-chart-text",
                words,
            );
        }
        let bar_y = y + 24.0 + LEADING * (name.len() - 1) as f64;
        for (k, v) in [(0, b.npv_low), (1, b.npv_high)] {
            let (x0, x1) = (x_of(npv.min(v)), x_of(npv.max(v)));
            let r = rect(&chart, x0, bar_y, x1 - x0, 18.0, "oc-bar oc-bar-a");
            if k == 1 {
                let _ = r.set_attribute("fill", &charts::fill("oc-tornado", 1));
                let _ = r.set_attribute("class", "oc-bar oc-bar-b");
            }
        }
        let (low, high) = (format::money(*l), format::money(*r));
        if beside {
            // Each end's value beside it, outside the bar.
            let (xl, xr) = (x_of(l.min(npv)), x_of(r.max(npv)));
            label(
                &chart,
                xl - 4.0,
                bar_y + 14.0,
                "end",
                "oc-chart-small",
                &low,
            );
            label(
                &chart,
                xr + 4.0,
                bar_y + 14.0,
                "start",
                "oc-chart-small",
                &high,
            );
        } else {
            let words = cat(&[&low, " to ", &high]);
            label(
                &chart,
                left,
                bar_y + 34.0,
                "start",
                "oc-chart-small",
                &words,
            );
        }
        y += row_h(name.len());
    }
    // Under the bars: the figure as entered, then £0, each kept inside.
    let entered = cat(&["As entered: ", &format::money(npv)]);
    let at = x_of(npv);
    let anchor = charts::anchor_within(at, text_width(&entered, 13.0, false), 0.0, w);
    label(
        &chart,
        at,
        bottom + 16.0,
        anchor,
        "oc-chart-small",
        &entered,
    );
    let mut h = bottom + 26.0;
    if lo < 0.0 && hi > 0.0 {
        let at = x_of(0.0);
        let anchor = charts::anchor_within(at, text_width("£0", 13.0, false), 0.0, w);
        label(&chart, at, bottom + 34.0, anchor, "oc-chart-small", "£0");
        h += 18.0;
    }
    charts::fit_height(&chart, w, h);

    let rows: Vec<Vec<String>> = all
        .iter()
        .map(|b| {
            vec![
                dom::sentence(&b.input),
                b.low_label.clone(),
                format::money(b.npv_low),
                b.high_label.clone(),
                format::money(b.npv_high),
            ]
        })
        .collect();
    charts::table(
        &details,
        "The council's net budget impact with each input at the ends of its range",
        &[
            "Input",
            "Low end",
            "Net budget impact at the low end",
            "High end",
            "Net budget impact at the high end",
        ],
        &rows,
    );
}
