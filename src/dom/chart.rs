//! Chart and table primitives shared by the calculator's charts
//! (`widget::results::charts`) and the panels drawn by the on-demand
//! module (`workings::context`): a figure with its caption, download
//! buttons and folded table; SVG text, lines, rectangles, fill patterns,
//! legends, gridlines and year labels; text measured in px for laying
//! out charts at the width they are shown.

// The calculator and the on-demand module each draw with some of these.
#![cfg_attr(not(all(feature = "widget", feature = "workings")), allow(dead_code))]

use web_sys::{Element, Node};

use super::{add, add_c, add_ct, add_t, attrs, cat, n, svg};

/// A figure with caption and a folded table; returns the SVG and the element
/// to put the table in.
pub(crate) fn figure(
    parent: &Node,
    id: &str,
    title: &str,
    says: &str,
    w: f64,
    h: f64,
) -> (Element, Element) {
    let fig = add_c(parent, "figure", "oc-figure");
    let cap = add_c(&fig, "figcaption", "oc-caption");
    add_ct(&cap, "span", "oc-caption-title", title);
    super::text(&cap, " ");
    add_ct(&cap, "span", "oc-caption-says", says);
    let chart = svg(
        &fig,
        "svg",
        &[
            ("viewBox", &cat(&["0 0 ", &n(w), " ", &n(h)])),
            ("class", "oc-chart"),
            ("aria-hidden", "true"),
            ("focusable", "false"),
            ("data-chart", id),
        ],
    );
    chart_buttons(&fig, id, title);
    let details = add_c(&fig, "details", "oc-details oc-table-toggle");
    details.set_id(&cat(&[id, "-table"]));
    add_ct(
        &details,
        "summary",
        "oc-details-summary",
        "Show the figures as a table",
    );
    (chart, details)
}

/// The download buttons under a chart (`tools::export::chart` answers
/// them).
fn chart_buttons(fig: &Element, id: &str, title: &str) {
    let row = add_c(fig, "div", "oc-buttons oc-chart-buttons oc-panel-export");
    for (format, words) in [("svg", "Download SVG"), ("png", "Download PNG")] {
        let b = add_ct(
            &row,
            "button",
            "oc-button oc-button--secondary oc-button--small",
            words,
        );
        attrs(
            &b,
            &[
                ("type", "button"),
                ("data-action", "chart"),
                ("data-chart", id),
                ("data-format", format),
                (
                    "aria-label",
                    &cat(&[words, " of the chart \u{201c}", title, "\u{201d}"]),
                ),
            ],
        );
    }
}

/// Sets the height of a chart `w` px wide once its contents are laid out.
pub(crate) fn fit_height(chart: &Element, w: f64, h: f64) {
    let _ = chart.set_attribute("viewBox", &cat(&["0 0 ", &n(w), " ", &n(h)]));
}

/// A table in a keyboard-scrollable region. The first cell of each row is
/// its header.
pub fn table(parent: &Node, caption: &str, head: &[&str], rows: &[Vec<String>]) -> Element {
    table_with(parent, caption, head, rows, &|_, _, _, _| false)
}

/// A [`table`] whose body cells `cell(tr, row, column, text)` may draw
/// itself (the column counts the cells after the row's header); it returns
/// false for a plain cell.
pub fn table_with(
    parent: &Node,
    caption: &str,
    head: &[&str],
    rows: &[Vec<String>],
    cell: &dyn Fn(&Node, usize, usize, &str) -> bool,
) -> Element {
    let region = add_c(parent, "div", "oc-scroll");
    attrs(
        &region,
        &[
            ("tabindex", "0"),
            ("role", "region"),
            ("aria-label", caption),
        ],
    );
    let t = add_c(&region, "table", "oc-table");
    add_ct(&t, "caption", "oc-table-caption", caption);
    let tr = add(&add(&t, "thead"), "tr");
    for (i, h) in head.iter().enumerate() {
        let th = add_t(&tr, "th", h);
        attrs(&th, &[("scope", "col")]);
        if i > 0 {
            th.set_class_name("oc-num");
        }
    }
    let body = add(&t, "tbody");
    for (r, row) in rows.iter().enumerate() {
        let tr = add(&body, "tr");
        for (i, text) in row.iter().enumerate() {
            if i == 0 {
                let th = add_t(&tr, "th", text);
                attrs(&th, &[("scope", "row")]);
            } else if !cell(&tr, r, i - 1, text) {
                add_ct(&tr, "td", "oc-num", text);
            }
        }
    }
    region
}

/// A round axis maximum at or above `max`: 1, 2, 2.5 or 5 times a power of 10.
pub(crate) fn nice(max: f64) -> f64 {
    if max <= 0.0 || !max.is_finite() {
        return 1.0;
    }
    let mut p = 1.0;
    while p * 10.0 <= max {
        p *= 10.0;
    }
    while p > max {
        p /= 10.0;
    }
    for m in [1.0, 2.0, 2.5, 5.0] {
        if m * p >= max {
            return m * p;
        }
    }
    10.0 * p
}

pub(crate) fn label(
    parent: &Node,
    x: f64,
    y: f64,
    anchor: &str,
    class: &str,
    words: &str,
) -> Element {
    let t = svg(
        parent,
        "text",
        &[
            ("x", &n(x)),
            ("y", &n(y)),
            ("text-anchor", anchor),
            ("class", class),
        ],
    );
    t.set_text_content(Some(words));
    t
}

pub(crate) fn line(parent: &Node, x1: f64, y1: f64, x2: f64, y2: f64, class: &str) {
    svg(
        parent,
        "line",
        &[
            ("x1", &n(x1)),
            ("y1", &n(y1)),
            ("x2", &n(x2)),
            ("y2", &n(y2)),
            ("class", class),
        ],
    );
}

pub(crate) fn rect(parent: &Node, x: f64, y: f64, w: f64, h: f64, class: &str) -> Element {
    svg(
        parent,
        "rect",
        &[
            ("x", &n(x)),
            ("y", &n(y)),
            ("width", &n(w.max(0.0))),
            ("height", &n(h.max(0.0))),
            ("class", class),
        ],
    )
}

/// Fill patterns (hatched, dotted) with ids unique to the chart.
pub(crate) fn patterns(chart: &Node, id: &str) {
    let defs = svg(chart, "defs", &[]);
    let hatch = svg(
        &defs,
        "pattern",
        &[
            ("id", &cat(&[id, "-hatch"])),
            ("width", "6"),
            ("height", "6"),
            ("patternUnits", "userSpaceOnUse"),
            ("patternTransform", "rotate(45)"),
        ],
    );
    rect(&hatch, 0.0, 0.0, 6.0, 6.0, "oc-pat-bg");
    rect(&hatch, 0.0, 0.0, 3.0, 6.0, "oc-pat-b");
    let dots = svg(
        &defs,
        "pattern",
        &[
            ("id", &cat(&[id, "-dots"])),
            ("width", "6"),
            ("height", "6"),
            ("patternUnits", "userSpaceOnUse"),
        ],
    );
    rect(&dots, 0.0, 0.0, 6.0, 6.0, "oc-pat-bg");
    svg(
        &dots,
        "circle",
        &[("cx", "3"), ("cy", "3"), ("r", "2"), ("class", "oc-pat-c")],
    );
}

/// Fill of series `i`: solid, hatched, dotted.
pub(crate) fn fill(id: &str, i: usize) -> String {
    match i {
        0 => String::new(),
        1 => cat(&["url(#", id, "-hatch)"]),
        _ => cat(&["url(#", id, "-dots)"]),
    }
}

/// The width of one character of Arial (and its metric twins, Liberation
/// Sans and Helvetica) in ems, rounded up to the widest of its kind.
fn em(c: char) -> f64 {
    match c {
        'i' | 'j' | 'l' | '\'' | '.' | ',' | ':' | ';' | '!' | ' ' | 'f' | 't' | 'I' | '('
        | ')' | '/' | 'r' | '-' => 0.34,
        'm' | 'M' | 'w' | 'W' => 0.95,
        c if c.is_ascii_uppercase() => 0.73,
        _ => 0.56,
    }
}

/// How wide `words` are drawn at `size` px (bold when `bold`), px: a
/// little more than Arial needs, so that text laid out by it never
/// collides.
pub(crate) fn text_width(words: &str, size: f64, bold: bool) -> f64 {
    let ems: f64 = words.chars().map(em).sum();
    ems * size * if bold { 1.12 } else { 1.04 }
}

/// `words` broken at spaces into lines no wider than `room` px at `size`
/// px (a single word wider than that keeps a line of its own).
pub(crate) fn wrap(words: &str, size: f64, room: f64) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in words.split(' ').filter(|w| !w.is_empty()) {
        let longer = if line.is_empty() {
            word.to_string()
        } else {
            cat(&[&line, " ", word])
        };
        if !line.is_empty() && text_width(&longer, size, false) > room {
            lines.push(std::mem::replace(&mut line, word.to_string()));
        } else {
            line = longer;
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// Space between the baselines of wrapped lines of chart text, px.
pub(crate) const LEADING: f64 = 18.0;

/// `words` wrapped to `room` px as lines of `class` text (14 px), the first
/// baseline at `y`; returns how many lines.
pub(crate) fn lines(parent: &Node, x: f64, y: f64, room: f64, class: &str, words: &str) -> usize {
    let all = wrap(words, 14.0, room);
    for (i, l) in all.iter().enumerate() {
        label(parent, x, y + LEADING * i as f64, "start", class, l);
    }
    all.len()
}

/// The anchor that keeps a label `width` px wide, centred on `x` where it
/// can be, between `left` and `right`.
pub(crate) fn anchor_within(x: f64, width: f64, left: f64, right: f64) -> &'static str {
    if x + width / 2.0 > right {
        "end"
    } else if x - width / 2.0 < left {
        "start"
    } else {
        "middle"
    }
}

/// A stacked legend: one swatch and name a line. Returns its height.
pub(crate) fn legend(chart: &Node, items: &[(&str, &str)], swatch: fn(&Node, f64, usize)) -> f64 {
    legend_within(chart, f64::INFINITY, items, swatch)
}

/// A stacked legend for a chart `w` px wide: a swatch and a name, wrapped
/// to the width, per item. Returns its height.
pub(crate) fn legend_within(
    chart: &Node,
    w: f64,
    items: &[(&str, &str)],
    swatch: fn(&Node, f64, usize),
) -> f64 {
    let mut y = 4.0;
    for (i, (name, _)) in items.iter().enumerate() {
        swatch(chart, y, i);
        let count = lines(chart, 34.0, y + 13.0, w - 36.0, "oc-chart-text", name);
        y += 22.0 + LEADING * (count - 1) as f64;
    }
    y + 2.0
}

/// Horizontal gridlines with their values written above them.
pub(crate) fn grid(
    chart: &Node,
    left: f64,
    right: f64,
    top: f64,
    bottom: f64,
    max: f64,
    fmt: fn(f64) -> String,
) {
    for k in 0..=4 {
        let v = max * f64::from(k) / 4.0;
        let y = bottom - (bottom - top) * f64::from(k) / 4.0;
        line(
            chart,
            left,
            y,
            right,
            y,
            if k == 0 { "oc-axis" } else { "oc-grid" },
        );
        if k > 0 {
            label(chart, left, y - 5.0, "start", "oc-chart-small", &fmt(v));
        }
    }
}

/// Labels `years` under an x axis at `x_of(i)`, `step` px apart, in a chart
/// `w` px wide, thinned (counting back from the last year) so that they
/// never overlap; labels near an edge are anchored inside it.
pub(crate) fn axis_years(
    chart: &Node,
    years: &[&str],
    x_of: &dyn Fn(usize) -> f64,
    y: f64,
    step: f64,
    w: f64,
) {
    let Some(last) = years.len().checked_sub(1) else {
        return;
    };
    let widest = years
        .iter()
        .map(|l| text_width(l, 13.0, false))
        .fold(0.0, f64::max);
    let every = (((widest + 12.0) / step).ceil() as usize).max(1);
    // From the last year back; a label anchored at an edge reaches further
    // in, so one that would come within 10 px of the last one drawn is left
    // out.
    let mut room_left = f64::INFINITY;
    for (i, words) in years.iter().enumerate().rev() {
        if !(last - i).is_multiple_of(every) {
            continue;
        }
        let x = x_of(i);
        let anchor = anchor_within(x, widest, 2.0, w - 2.0);
        let (from, to) = match anchor {
            "end" => (x - widest, x),
            "start" => (x, x + widest),
            _ => (x - widest / 2.0, x + widest / 2.0),
        };
        if to + 10.0 > room_left {
            continue;
        }
        room_left = from;
        label(chart, x, y, anchor, "oc-chart-small", words);
    }
}
