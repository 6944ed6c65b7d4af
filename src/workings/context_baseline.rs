//! "Without the programmes" in the council-in-context panel: the choice of
//! baseline (held flat, the council's own trend, England's trend) and, for
//! each outcome, one chart of the council's published history with the
//! projection's lines without and with the programmes ahead of it
//! (`model::views::baseline::lines`), each with a table.
//!
//! Choosing a trend writes the baseline and its yearly figures, worked out
//! from the loaded history (`model::context::trend::scenario_trends`),
//! into the scenario, so a link or file made afterwards gives the same
//! numbers.

use web_sys::{Element, Node};

use crate::model::calc::baseline::Series;
use crate::model::context::council_data::CouncilData;
use crate::model::context::history::OwnedSeries;
use crate::model::context::trend::{self, measure_of};
use crate::model::views::baseline::{lines, Line};
use crate::model::{Baseline, Projection, Scenario};

use crate::dom::chart::{self as charts, label, legend, line, nice, rect};
use crate::dom::context::{radio_id, BASELINE as NAME};
use crate::dom::format;
use crate::dom::n;
use crate::dom::{self, add_c, add_ct, attrs, cat, svg};

/// What a baseline is, in the words the page uses.
fn words(b: Baseline) -> &'static str {
    match b {
        Baseline::Flat => "Held flat at the council's latest figures (the default)",
        Baseline::CouncilTrend => "The council's own trend",
        Baseline::EnglandTrend => "England's trend",
    }
}

/// A yearly change in words: "a rise of 2.1% a year", "no trend figure".
fn change_words(pct: Option<f64>) -> String {
    match pct {
        None => "no trend figure (held flat)".to_string(),
        Some(p) if p < 0.0 => cat(&["a fall of ", &format::pct(-p), " a year"]),
        Some(p) => cat(&["a rise of ", &format::pct(p), " a year"]),
    }
}

/// The choice of baseline with what the back-test found, and the charts.
pub fn section(
    body: &Element,
    data: &CouncilData,
    series: &OwnedSeries,
    s: &Scenario,
    p: Option<&Projection>,
) {
    add_ct(body, "h3", "oc-heading-s", "Without the programmes");
    let fs = add_c(body, "fieldset", "oc-fieldset oc-radios");
    attrs(&fs, &[("aria-describedby", "context-baseline-hint")]);
    add_ct(
        &fs,
        "legend",
        "oc-label",
        "What the counts do without the programmes",
    );
    let hint = add_ct(
        &fs,
        "div",
        "oc-hint",
        "Tested on every council's figures since 2013 (fitted on the years up to one year, \
         checked on the next three), no trend forecast better than holding the latest figures \
         flat, so flat is the default. The council's own trend and England's trend are there \
         to explore: each moves only the counts without the programmes, never the size of an \
         effect.",
    );
    hint.set_id("context-baseline-hint");
    for b in Baseline::ALL {
        let item = add_c(&fs, "div", "oc-radio");
        let id = radio_id(b);
        let input = add_c(&item, "input", "oc-radio-input");
        attrs(
            &input,
            &[
                ("type", "radio"),
                ("id", &id),
                ("name", NAME),
                ("value", b.word()),
            ],
        );
        dom::flag(&input, "checked", s.assumptions.baseline == b);
        let lab = add_ct(&item, "label", "oc-label oc-radio-label", words(b));
        attrs(&lab, &[("for", &id)]);
    }
    let code = series.code.as_str();
    let used = s.assumptions.baseline;
    if !used.is_flat() {
        let t = &s.assumptions.baseline_trends;
        let own = trend::scenario_trends(&data.history, code, used);
        let ul = add_c(body, "ul", "oc-hint oc-context-notes");
        for k in Series::ALL {
            add_ct(
                &ul,
                "li",
                "",
                &dom::sentence(&cat(&[k.name(), ": ", &change_words(k.trend(t)), "."])),
            );
        }
        if own != *t {
            let p = add_ct(
                body,
                "p",
                "oc-notice",
                &cat(&[
                    "These yearly changes are not ",
                    &series.name,
                    "'s as published (they came with a link or a file, or were worked out for \
                     another council). Choose the baseline again to use its own.",
                ]),
            );
            attrs(&p, &[("role", "status")]);
        }
    }
    let Some(p) = p else {
        add_ct(
            body,
            "p",
            "oc-hint",
            "The lines with and without the programmes show once the figures above are complete.",
        );
        return;
    };
    for l in lines(s, p) {
        chart(body, series, s, &l);
    }
}

/// One outcome: its history, then without and with the programmes.
fn chart(body: &Element, series: &OwnedSeries, s: &Scenario, l: &Line) {
    let history = series.values(measure_of(l.series));
    let from = s
        .council
        .data_year
        .or_else(|| history.last().map(|(y, _)| *y))
        .unwrap_or(2025);
    let first_point = l.points.first().map_or(from + 1, |p| p.year);
    let rate = l.trend_pct.unwrap_or(0.0) / 100.0;
    // The years between the figures and the first year projected.
    let bridge: Vec<(u16, f64)> = (from + 1..first_point)
        .map(|y| (y, l.count * (1.0 + rate).powi(i32::from(y - from))))
        .collect();
    let shown: Vec<(u16, f64)> = history
        .iter()
        .filter_map(|(y, v)| v.map(|v| (*y, v)))
        .collect();
    let x0 = shown.first().map_or(from, |(y, _)| *y).min(from);
    let x1 = l.points.last().map_or(from, |p| p.year).max(from + 1);
    let top_value = shown
        .iter()
        .map(|(_, v)| *v)
        .chain(l.points.iter().map(|p| p.without.max(p.with)))
        .chain(bridge.iter().map(|(_, v)| *v))
        .chain([l.count])
        .fold(0.0, f64::max);
    let title = dom::sentence(l.series.name());
    let id = cat(&[
        "oc-context-line-",
        match l.series {
            Series::LookedAfter => "cla",
            Series::CareStarts => "starts",
            Series::CpPlans => "cpp",
            Series::ChildrenInNeed => "cin",
        },
    ]);
    let last = l.points.last();
    let says = match last {
        Some(pt) => cat(&[
            "Published up to ",
            &n(f64::from(from)),
            "; by 31 March ",
            &n(f64::from(pt.year)),
            ", ",
            &format::count(pt.without),
            " without the programmes (",
            &change_words(l.trend_pct),
            ") and ",
            &format::count(pt.with),
            " with them.",
        ]),
        None => cat(&["Published up to ", &n(f64::from(from)), "."]),
    };
    let says = cat(&[
        &says,
        " Solid line with dots: published; dashed with squares: without the programmes; \
         dotted with triangles: with them.",
    ]);
    let (w, h) = (640.0, 320.0);
    let (svg_el, details) = charts::figure(body, &id, &title, &says, w, h);
    fn swatch(chart: &Node, y: f64, i: usize) {
        let (class, dash) = match i {
            0 => ("oc-line oc-line-a", ""),
            1 => ("oc-line oc-line-b", ""),
            _ => ("oc-line oc-line-a", "2 6"),
        };
        let seg = svg(
            chart,
            "path",
            &[
                ("d", &cat(&["M2 ", &n(y + 9.0), " L28 ", &n(y + 9.0)])),
                ("class", class),
            ],
        );
        if !dash.is_empty() {
            dom::attrs(&seg, &[("stroke-dasharray", dash)]);
        }
        marker(chart, i, 15.0, y + 9.0);
    }
    let top_legend = legend(
        &svg_el,
        &[
            ("Published", ""),
            ("Without the programmes", ""),
            ("With the programmes", ""),
        ],
        swatch,
    );
    let (left, right) = (4.0, w - 14.0);
    let (top, bottom) = (top_legend + 24.0, h - 28.0);
    let max = nice(top_value);
    for k in 0..=4 {
        let v = max * f64::from(k) / 4.0;
        let y = bottom - (bottom - top) * f64::from(k) / 4.0;
        line(
            &svg_el,
            left,
            y,
            right,
            y,
            if k == 0 { "oc-axis" } else { "oc-grid" },
        );
        if k > 0 {
            label(
                &svg_el,
                left,
                y - 5.0,
                "start",
                "oc-chart-small",
                &format::count(v),
            );
        }
    }
    let span = f64::from(x1 - x0).max(1.0);
    let x_of = |y: u16| left + 8.0 + (right - left - 16.0) * f64::from(y - x0) / span;
    let y_of = |v: f64| bottom - (bottom - top) * v / max;
    // Year labels, every few years so they never overlap.
    let every = ((44.0 * span / (right - left)).ceil() as u16).max(1);
    let mut y = x1;
    loop {
        label(
            &svg_el,
            x_of(y),
            h - 8.0,
            "middle",
            "oc-chart-small",
            &n(f64::from(y)),
        );
        if y < x0 + every {
            break;
        }
        y -= every;
    }
    // Published, broken where a year has no figure.
    let mut d = String::new();
    let mut pen_down = false;
    for (year, v) in &history {
        match v {
            Some(v) => {
                d.push_str(&cat(&[
                    if pen_down { " L" } else { " M" },
                    &n(x_of(*year)),
                    " ",
                    &n(y_of(*v)),
                ]));
                pen_down = true;
            }
            None => pen_down = false,
        }
    }
    path(&svg_el, &d, "oc-line oc-line-a", "");
    for (year, v) in &shown {
        marker(&svg_el, 0, x_of(*year), y_of(*v));
    }
    // Without: from the council's figure through the years projected.
    let mut without: Vec<(u16, f64)> = vec![(from, l.count)];
    without.extend(bridge.iter().copied());
    without.extend(l.points.iter().map(|p| (p.year, p.without)));
    path(
        &svg_el,
        &polyline(&without, &x_of, &y_of),
        "oc-line oc-line-b",
        "",
    );
    for (year, v) in without.iter().skip(1) {
        marker(&svg_el, 1, x_of(*year), y_of(*v));
    }
    let with: Vec<(u16, f64)> = l.points.iter().map(|p| (p.year, p.with)).collect();
    path(
        &svg_el,
        &polyline(&with, &x_of, &y_of),
        "oc-line oc-line-a",
        "2 6",
    );
    for (year, v) in &with {
        marker(&svg_el, 2, x_of(*year), y_of(*v));
    }

    let no = String::new;
    let mut rows: Vec<Vec<String>> = history
        .iter()
        .map(|(y, v)| {
            vec![
                n(f64::from(*y)),
                v.map_or("no figure".to_string(), format::count),
                no(),
                no(),
            ]
        })
        .collect();
    for (y, v) in &bridge {
        rows.push(vec![n(f64::from(*y)), no(), format::count(*v), no()]);
    }
    for (t, pt) in l.points.iter().enumerate() {
        rows.push(vec![
            cat(&[
                &n(f64::from(pt.year)),
                " (",
                &crate::model::calc::projection::year_label(s.assumptions.start_year, t),
                ")",
            ]),
            no(),
            format::count(pt.without),
            format::count(pt.with),
        ]);
    }
    charts::table(
        &details,
        &cat(&[&title, ", by 31 March (or the year to it)"]),
        &[
            "Year",
            "Published",
            "Without the programmes",
            "With the programmes",
        ],
        &rows,
    );
}

fn polyline(pts: &[(u16, f64)], x_of: &dyn Fn(u16) -> f64, y_of: &dyn Fn(f64) -> f64) -> String {
    let mut d = String::new();
    for (i, (year, v)) in pts.iter().enumerate() {
        d.push_str(&cat(&[
            if i == 0 { "M" } else { " L" },
            &n(x_of(*year)),
            " ",
            &n(y_of(*v)),
        ]));
    }
    d
}

fn path(chart: &Element, d: &str, class: &str, dash: &str) {
    if d.trim().is_empty() {
        return;
    }
    let e = svg(chart, "path", &[("d", d.trim()), ("class", class)]);
    if !dash.is_empty() {
        attrs(&e, &[("stroke-dasharray", dash)]);
    }
}

/// A dot (published), a square (without) or a triangle (with).
fn marker(chart: &Node, kind: usize, x: f64, y: f64) {
    match kind {
        0 => {
            svg(
                chart,
                "circle",
                &[
                    ("cx", &n(x)),
                    ("cy", &n(y)),
                    ("r", "3"),
                    ("class", "oc-dot-a"),
                ],
            );
        }
        1 => {
            rect(chart, x - 3.0, y - 3.0, 7.0, 7.0, "oc-dot-b");
        }
        _ => {
            let d = cat(&[
                "M",
                &n(x),
                " ",
                &n(y - 5.0),
                " L",
                &n(x + 5.0),
                " ",
                &n(y + 4.0),
                " L",
                &n(x - 5.0),
                " ",
                &n(y + 4.0),
                " Z",
            ]);
            svg(chart, "path", &[("d", &d), ("class", "oc-dot-a")]);
        }
    }
}
