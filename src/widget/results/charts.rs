//! Charts drawn as SVG: cumulative cost against savings with the payback
//! point, savings by agency, and outcome changes by year.
//!
//! Each chart is a `<figure>` whose caption says what it shows in words,
//! followed by a table of the same figures behind a "Show the figures as a
//! table" toggle. Series differ by line style, marker shape or fill pattern
//! and are labelled, never by colour alone. The SVG is drawn at the width it
//! will be shown so that its text stays at reading size.

use web_sys::{Element, Node};

use crate::model::{Agency, Projection, Year};

use crate::dom::format;
use crate::dom::{self, add_c, cat, svg};
use crate::widget::results::working;

pub(crate) use crate::dom::chart::{
    anchor_within, axis_years, figure, fill, fit_height, grid, label, legend_within, line, nice,
    patterns, rect, table, text_width, wrap, LEADING,
};
pub(crate) use crate::dom::n;

/// A [`table`] whose body cells are figures that open their working:
/// `path(row, column)` gives the figure of each (the column counts the
/// cells after the row's header), `None` for a plain cell.
pub fn figure_table(
    parent: &Node,
    caption: &str,
    head: &[&str],
    rows: &[Vec<String>],
    path: &dyn Fn(usize, usize) -> Option<String>,
) -> Element {
    crate::dom::chart::table_with(
        parent,
        caption,
        head,
        rows,
        &|tr, r, c, text| match path(r, c) {
            Some(p) => {
                working::button(&add_c(tr, "td", "oc-num"), &p, text);
                true
            }
            None => false,
        },
    )
}

/// A column of a table by year: its heading, the figure's path in
/// `years[t]` (for its working) and how its value reads.
pub(crate) type YearColumn = (&'static str, &'static str, fn(&Year) -> String);

/// Fewer children in care, child-years.
pub(crate) const IN_CARE: YearColumn = (
    "Fewer children in care (child-years)",
    "counts.children_in_care_fewer",
    |y| format::count(y.counts.children_in_care_fewer),
);
/// Care entries avoided.
pub(crate) const ENTRIES: YearColumn = (
    "Care entries avoided (a flow)",
    "counts.care_entries_avoided",
    |y| format::count(y.counts.care_entries_avoided),
);
/// Fewer children on protection plans.
pub(crate) const PLANS: YearColumn = (
    "Fewer children on protection plans (a stock, average over the year)",
    "counts.cp_plans_fewer",
    |y| format::count(y.counts.cp_plans_fewer),
);
/// Fewer children in need only.
pub(crate) const IN_NEED: YearColumn = (
    "Fewer children in need only (a stock, average over the year)",
    "counts.children_in_need_fewer",
    |y| format::count(y.counts.children_in_need_fewer),
);

/// A table with a row per year of the projection, each value a figure
/// that opens its working.
pub(crate) fn by_year(
    parent: &Node,
    caption: &str,
    p: &Projection,
    columns: &[YearColumn],
) -> Element {
    let head: Vec<&str> = std::iter::once("Year")
        .chain(columns.iter().map(|c| c.0))
        .collect();
    let rows: Vec<Vec<String>> = p
        .years
        .iter()
        .map(|y| {
            std::iter::once(y.label.clone())
                .chain(columns.iter().map(|c| (c.2)(y)))
                .collect()
        })
        .collect();
    figure_table(parent, caption, &head, &rows, &|t, c| {
        columns.get(c).map(|col| working::year_path(t, col.1))
    })
}

/// Year labels under the x axis of a chart `w` px wide, thinned so they
/// never overlap.
fn year_labels(
    chart: &Node,
    p: &Projection,
    x_of: &dyn Fn(usize) -> f64,
    y: f64,
    step: f64,
    w: f64,
) {
    let labels: Vec<&str> = p.years.iter().map(|y| y.label.as_str()).collect();
    axis_years(chart, &labels, x_of, y, step, w);
}

/// The council's cash so far against the cost so far, year by year, with
/// the year the cash pays back: every line, the marker and the sentence on
/// one basis, cash to the council, not discounted (the payback year's
/// basis, [`Summary::payback_year`](crate::model::Summary)). Savings to
/// every agency pay back on their own line of the sentence and in the
/// table, named as such.
pub fn cumulative(parent: &Node, p: &Projection, w: f64) {
    if p.years.is_empty() {
        return;
    }
    let s = &p.summary;
    let years = p.years.len();
    let mut says = match &s.payback_label {
        Some(l) => cat(&[
            "Cash savings to the council so far overtake the cost so far in ",
            l,
            ".",
        ]),
        None => cat(&[
            "Cash savings to the council so far stay below the cost so far for all ",
            &n(years as f64),
            " years.",
        ]),
    };
    says.push_str(match (&s.public_payback_label, &s.payback_label) {
        (Some(_), _) => {
            " Counting savings to every agency, not just cash to the council, they do in "
        }
        (None, Some(_)) => "",
        (None, None) => " So do savings to every agency.",
    });
    if let Some(l) = &s.public_payback_label {
        says.push_str(l);
        says.push('.');
    }
    says.push_str(" Not discounted, in ");
    says.push_str(crate::model::data::prices::PRICE_BASE_LABEL);
    says.push_str(" prices.");
    let h = (w * 0.62).clamp(280.0, 400.0);
    let (chart, details) = figure(
        parent,
        "oc-cumulative",
        "The council's cash and cost so far",
        &says,
        w,
        h,
    );

    fn swatch(chart: &Node, y: f64, i: usize) {
        let class = if i == 0 {
            "oc-line oc-line-a"
        } else {
            "oc-line oc-line-b"
        };
        line(chart, 2.0, y + 9.0, 28.0, y + 9.0, class);
        if i == 0 {
            svg(
                chart,
                "circle",
                &[
                    ("cx", "15"),
                    ("cy", &n(y + 9.0)),
                    ("r", "4"),
                    ("class", "oc-dot-a"),
                ],
            );
        } else {
            rect(chart, 11.0, y + 5.0, 8.0, 8.0, "oc-dot-b");
        }
    }
    let top_legend = legend_within(
        &chart,
        w,
        &[
            ("Cash savings to the council so far", ""),
            ("Cost so far", ""),
        ],
        swatch,
    );

    let (left, right) = (4.0, w - 14.0);
    // Above the plot: a line for "Pays back …", then the top gridline's value.
    let (top, bottom) = (top_legend + 46.0, h - 28.0);
    let max = nice(
        p.years
            .iter()
            .map(|y| y.cumulative_cash_savings.max(y.cumulative_cost))
            .fold(0.0, f64::max),
    );
    grid(&chart, left, right, top, bottom, max, format::money);
    let step = (right - left) / years as f64;
    let x_of = |i: usize| left + step * (i as f64 + 1.0);
    let y_of = |v: f64| bottom - (bottom - top) * v / max;

    for (k, class) in [(0usize, "oc-line oc-line-a"), (1, "oc-line oc-line-b")] {
        let value = |yr: &crate::model::Year| {
            if k == 0 {
                yr.cumulative_cash_savings
            } else {
                yr.cumulative_cost
            }
        };
        let mut d = cat(&["M", &n(left), " ", &n(bottom)]);
        for (i, yr) in p.years.iter().enumerate() {
            d.push_str(&cat(&[" L", &n(x_of(i)), " ", &n(y_of(value(yr)))]));
        }
        svg(&chart, "path", &[("d", &d), ("class", class)]);
        for (i, yr) in p.years.iter().enumerate() {
            let (x, v) = (x_of(i), value(yr));
            if k == 0 {
                svg(
                    &chart,
                    "circle",
                    &[
                        ("cx", &n(x)),
                        ("cy", &n(y_of(v))),
                        ("r", "4"),
                        ("class", "oc-dot-a"),
                    ],
                );
            } else {
                rect(&chart, x - 4.0, y_of(v) - 4.0, 8.0, 8.0, "oc-dot-b");
            }
        }
    }
    if let (Some(py), Some(pl)) = (s.payback_year, &s.payback_label) {
        let i = (py as usize).saturating_sub(1).min(years - 1);
        let x = x_of(i);
        line(&chart, x, top, x, bottom, "oc-mark");
        svg(
            &chart,
            "circle",
            &[
                ("cx", &n(x)),
                ("cy", &n(y_of(p.years[i].cumulative_cash_savings))),
                ("r", "9"),
                ("class", "oc-ring"),
            ],
        );
        // Above the plot, at the top of the year's mark, where no line of
        // the chart can cross it.
        let words = cat(&["Council's cash pays back ", pl]);
        let wide = text_width(&words, 14.0, true);
        let anchor = anchor_within(x, wide, 0.0, w);
        label(&chart, x, top - 26.0, anchor, "oc-chart-strong", &words);
    }
    year_labels(&chart, p, &x_of, h - 8.0, step, w);

    by_year(
        &details,
        "The council's cash and cost so far, by year (not discounted)",
        p,
        &[
            (
                "Cash savings to the council so far",
                "cumulative_cash_savings",
                |y| format::money(y.cumulative_cash_savings),
            ),
            ("Cost so far", "cumulative_cost", |y| {
                format::money(y.cumulative_cost)
            }),
            (
                "Council's cash less cost so far",
                "cumulative_cash_net",
                |y| format::money(y.cumulative_cash_net),
            ),
            (
                "Savings to every agency less cost so far",
                "cumulative_net",
                |y| format::money(y.cumulative_net),
            ),
        ],
    );
}

/// Savings by agency over the horizon, with the cashable total.
pub fn agencies(parent: &Node, p: &Projection, w: f64) {
    let s = &p.summary;
    let mut rows: Vec<(&str, f64)> = Agency::ALL
        .iter()
        .map(|a| (a.label(), s.savings_by_agency.get(*a)))
        .filter(|(_, v)| *v >= 0.5)
        .collect();
    let top = rows.iter().map(|r| r.1).fold(0.0, f64::max);
    let mut says = match rows.iter().max_by(|a, b| a.1.total_cmp(&b.1)) {
        Some((name, v)) => cat(&[
            "Most of the savings go to ",
            name,
            " (",
            &format::money(*v),
            "). ",
            &format::money(s.total_cashable),
            " of all savings is cashable: money that stops being spent.",
        ]),
        None => "No savings are counted.".to_string(),
    };
    // The key figures are present values; these are the plain sums.
    says.push_str(" Over ");
    says.push_str(&n(p.years.len() as f64));
    says.push_str(" years, not discounted, in ");
    says.push_str(crate::model::data::prices::PRICE_BASE_LABEL);
    says.push_str(" prices.");
    rows.push(("of which cashable, all agencies", s.total_cashable));
    let h = 46.0 * rows.len() as f64 + 4.0;
    let (chart, details) = figure(parent, "oc-agencies", "Savings by agency", &says, w, h);
    patterns(&chart, "oc-agencies");
    let room = (w - 110.0).max(40.0);
    let last = rows.len() - 1;
    for (i, (name, v)) in rows.iter().enumerate() {
        let y = 46.0 * i as f64;
        label(
            &chart,
            0.0,
            y + 15.0,
            "start",
            "oc-chart-text",
            &dom::sentence(name),
        );
        let bw = if top > 0.0 { room * v / top } else { 0.0 };
        let bar = rect(&chart, 0.0, y + 22.0, bw, 18.0, "oc-bar oc-bar-a");
        if i == last {
            let _ = bar.set_attribute("fill", &fill("oc-agencies", 1));
            bar.set_attribute("class", "oc-bar oc-bar-b").ok();
        }
        label(
            &chart,
            bw + 6.0,
            y + 36.0,
            "start",
            "oc-chart-small",
            &format::money(*v),
        );
    }

    let mut table_rows: Vec<Vec<String>> = rows[..last]
        .iter()
        .map(|(name, v)| vec![dom::sentence(name), format::money(*v)])
        .collect();
    table_rows.push(vec!["All agencies".into(), format::money(s.total_savings)]);
    table_rows.push(vec![
        "Of which cashable".into(),
        format::money(s.total_cashable),
    ]);
    let years = &n(p.years.len() as f64);
    // The rows drawn: the agencies with savings, then the totals.
    let paths: Vec<String> = Agency::ALL
        .iter()
        .filter(|a| s.savings_by_agency.get(**a) >= 0.5)
        .map(|a| cat(&["summary.savings_by_agency.", a.key()]))
        .chain([
            "summary.total_savings".into(),
            "summary.total_cashable".into(),
        ])
        .collect();
    figure_table(
        &details,
        &cat(&["Savings by agency over ", years, " years"]),
        &["Agency", "Savings"],
        &table_rows,
        &|r, _| paths.get(r).cloned(),
    );
}

/// Children's outcomes by year: time in care avoided, fewer protection
/// plans, fewer children in need only.
pub fn outcomes(parent: &Node, p: &Projection, w: f64) {
    if p.years.is_empty() {
        return;
    }
    type Get = fn(&crate::model::Counts) -> f64;
    let all: [(&str, Get); 3] = [
        ("Fewer children in care (child-years)", |c| {
            c.children_in_care_fewer
        }),
        ("Fewer children on protection plans (a stock)", |c| {
            c.cp_plans_fewer
        }),
        ("Fewer children in need only (a stock)", |c| {
            c.children_in_need_fewer
        }),
    ];
    let series: Vec<(&str, Get)> = all
        .into_iter()
        .filter(|(_, get)| p.years.iter().any(|y| get(&y.counts) > 0.0))
        .collect();
    let says = if series.is_empty() {
        "These programmes do not change these counts; their benefits are counted in money."
            .to_string()
    } else {
        let first = &p.years[0];
        let best = p
            .years
            .iter()
            .max_by(|a, b| (series[0].1)(&a.counts).total_cmp(&(series[0].1)(&b.counts)))
            .unwrap_or(first);
        cat(&[
            series[0].0,
            ": most in ",
            &best.label,
            " (",
            &format::count((series[0].1)(&best.counts)),
            ").",
        ])
    };
    let h = (w * 0.6).clamp(260.0, 380.0);
    let (chart, details) = figure(
        parent,
        "oc-outcomes",
        "Changes in children's outcomes by year",
        &says,
        w,
        h,
    );
    patterns(&chart, "oc-outcomes");
    fn swatch(chart: &Node, y: f64, i: usize) {
        let r = rect(chart, 4.0, y + 2.0, 18.0, 14.0, "oc-bar");
        let _ = r.set_attribute("class", SWATCH[i.min(2)]);
        if i > 0 {
            let _ = r.set_attribute("fill", &fill("oc-outcomes", i));
        }
    }
    const SWATCH: [&str; 3] = ["oc-bar oc-bar-a", "oc-bar oc-bar-b", "oc-bar oc-bar-c"];
    let names: Vec<(&str, &str)> = series.iter().map(|(name, _)| (*name, "")).collect();
    let top_legend = legend_within(&chart, w, &names, swatch);

    let (left, right) = (4.0, w - 6.0);
    let (top, bottom) = (top_legend + 24.0, h - 28.0);
    let max = nice(
        p.years
            .iter()
            .flat_map(|y| series.iter().map(move |(_, get)| get(&y.counts)))
            .fold(0.0, f64::max),
    );
    grid(&chart, left, right, top, bottom, max, format::count);
    let years = p.years.len();
    let step = (right - left) / years as f64;
    let group = step * 0.76;
    let k = series.len().max(1) as f64;
    for (i, y) in p.years.iter().enumerate() {
        let x0 = left + step * i as f64 + (step - group) / 2.0;
        for (j, (_, get)) in series.iter().enumerate() {
            let v = get(&y.counts);
            let bh = (bottom - top) * v / max;
            let r = rect(
                &chart,
                x0 + group / k * j as f64,
                bottom - bh,
                group / k - 1.0,
                bh,
                SWATCH[j.min(2)],
            );
            if j > 0 {
                let _ = r.set_attribute("fill", &fill("oc-outcomes", j));
            }
        }
    }
    let x_mid = |i: usize| left + step * (i as f64 + 0.5);
    year_labels(&chart, p, &x_mid, h - 8.0, step, w);

    by_year(
        &details,
        "Changes in children's outcomes by year",
        p,
        &[IN_CARE, ENTRIES, PLANS, IN_NEED],
    );
}
