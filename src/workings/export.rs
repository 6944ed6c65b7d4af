//! The export panel's downloads drawn on demand: a chart as an SVG file
//! that stands on its own (styles inlined, a title, the council, the
//! scenario, the price year and the source) or as a PNG at twice its size,
//! and the report as CSV. The calculator keeps the panel and its buttons
//! (`widget::tools::export`) and asks the loader's `exportChart` and
//! `reportCsv`; a button pressed before this module has arrived does what
//! it says once it has.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Blob, BlobPropertyBag, Element, ShadowRoot, Url};

use crate::dom::download::{download_blob, file_name, today};
use crate::dom::{self, attrs, cat, chart, n};
use crate::model::{self, Scenario};

/// Says what happened in the export panel's status line.
fn say(root: &ShadowRoot, words: &str) {
    if let Some(p) = dom::by_id(root, "export-status") {
        p.set_text_content(Some(words));
    }
}

/// Style properties copied onto each element of an exported chart, so the
/// file looks as it does on the page without the widget's stylesheet.
const STYLE: &[&str] = &[
    "fill",
    "fill-opacity",
    "stroke",
    "stroke-width",
    "stroke-dasharray",
    "stroke-linecap",
    "stroke-linejoin",
    "opacity",
    "font-family",
    "font-size",
    "font-weight",
    "text-anchor",
    "dominant-baseline",
    "paint-order",
];

/// The chart as a standalone SVG document (styles inlined, a background
/// and a title), and its size in CSS pixels.
/// The source line under an exported chart.
const SOURCE: &str = "Source: Children's Services Outcome Calculator; DfE and ONS council figures; published unit costs.";

fn chart_svg(root: &ShadowRoot, id: &str, s: &Scenario) -> Option<(String, f64, f64)> {
    let svg = root
        .query_selector(&cat(&["svg[data-chart=\"", id, "\"]"]))
        .ok()
        .flatten()?;
    let w = web_sys::window()?;
    let copy: Element = svg.clone_node_with_deep(true).ok()?.dyn_into().ok()?;
    let from = svg.query_selector_all("*").ok()?;
    let to = copy.query_selector_all("*").ok()?;
    // Presentation attributes rather than a style attribute: the page's
    // Content-Security-Policy allows no inline styles.
    let inline = |src: &Element, dst: &Element| {
        if let Ok(Some(cs)) = w.get_computed_style(src) {
            for p in STYLE {
                let v = cs.get_property_value(p).unwrap_or_default();
                if !v.is_empty() && v != "normal" && v != "auto" {
                    let _ = dst.set_attribute(p, &v);
                }
            }
        }
        let _ = dst.remove_attribute("class");
    };
    inline(&svg, &copy);
    for i in 0..from.length() {
        if let (Some(a), Some(b)) = (
            from.item(i).and_then(|n| n.dyn_into::<Element>().ok()),
            to.item(i).and_then(|n| n.dyn_into::<Element>().ok()),
        ) {
            inline(&a, &b);
        }
    }
    let rect = svg.get_bounding_client_rect();
    let (width, height) = (rect.width().max(1.0), rect.height().max(1.0));
    let look = root
        .query_selector(".oc")
        .ok()
        .flatten()
        .and_then(|page| w.get_computed_style(&page).ok().flatten());
    let prop = |name: &str, or: &str| {
        look.as_ref()
            .and_then(|cs| cs.get_property_value(name).ok())
            .filter(|c| !c.is_empty() && c != "rgba(0, 0, 0, 0)")
            .unwrap_or_else(|| or.into())
    };
    let (bg, ink) = (prop("background-color", "#fff"), prop("color", "#000"));
    let back = dom::doc().create_element_ns(Some(dom::SVG), "rect").ok()?;
    attrs(
        &back,
        &[("width", "100%"), ("height", "100%"), ("fill", &bg)],
    );
    let _ = copy.insert_before(&back, copy.first_child().as_ref());
    let title_text = fig_title(root, id);
    if !title_text.is_empty() {
        let t = dom::doc().create_element_ns(Some(dom::SVG), "title").ok()?;
        t.set_text_content(Some(&title_text));
        let _ = copy.insert_before(&t, copy.first_child().as_ref());
    }
    // A title, the council, the scenario, the price year above the chart
    // and the source under it, so the file stands on its own on a slide.
    // The words are in the chart's own units (its viewBox, which on a
    // narrow screen is wider than the box it is shown in), wrapped to its
    // width, measured as the charts measure their labels.
    let view: Vec<f64> = svg
        .get_attribute("viewBox")
        .unwrap_or_default()
        .split(' ')
        .filter_map(|v| v.parse().ok())
        .collect();
    let (vw, vh) = match view[..] {
        [_, _, w, h] if w > 0.0 && h > 0.0 => (w, h),
        _ => (width, height),
    };
    let room = (vw - 8.0).max(40.0);
    let bold_room = room * 1.04 / 1.12;
    let title_lines = chart::wrap(&title_text, 16.0, bold_room);
    let sub_lines = chart::wrap(&subtitle(s), 12.0, room);
    let source_lines = chart::wrap(SOURCE, 11.0, room);
    let head = 12.0 + 20.0 * title_lines.len() as f64 + 16.0 * sub_lines.len() as f64;
    let foot = 8.0 + 14.0 * source_lines.len() as f64;
    let mut lines: Vec<(f64, &str, &str, &str)> = Vec::new();
    let mut y = -head;
    for l in &title_lines {
        y += 20.0;
        lines.push((y, "700", "16", l));
    }
    for l in &sub_lines {
        y += 16.0;
        lines.push((y, "400", "12", l));
    }
    let mut y = vh + 4.0;
    for l in &source_lines {
        y += 14.0;
        lines.push((y, "400", "11", l));
    }
    for (y, weight, size, words) in lines {
        let t = dom::doc().create_element_ns(Some(dom::SVG), "text").ok()?;
        attrs(
            &t,
            &[
                ("x", "4"),
                ("y", &n(y)),
                ("font-size", size),
                ("font-weight", weight),
                ("fill", &ink),
            ],
        );
        t.set_text_content(Some(words));
        let _ = copy.append_child(&t);
    }
    let total = vh + head + foot;
    attrs(
        &copy,
        &[(
            "viewBox",
            &cat(&["0 ", &n(-head), " ", &n(vw), " ", &n(total)]),
        )],
    );
    attrs(&back, &[("y", &n(-head)), ("height", &n(total))]);
    let height = total * width / vw;
    let (ws, hs) = (
        (width.round() as i64).to_string(),
        (height.round() as i64).to_string(),
    );
    attrs(
        &copy,
        &[
            ("xmlns", dom::SVG),
            ("width", &ws),
            ("height", &hs),
            ("role", "img"),
        ],
    );
    let _ = copy.remove_attribute("aria-hidden");
    let _ = copy.remove_attribute("focusable");
    let _ = copy.remove_attribute("data-chart");
    let text = web_sys::XmlSerializer::new()
        .ok()?
        .serialize_to_string(&copy)
        .ok()?;
    Some((
        cat(&["<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", &text, "\n"]),
        width,
        height,
    ))
}

/// The line under an exported chart's title: the scenario by its label,
/// with the council's name unless the label already says it, and the price
/// year.
fn subtitle(s: &Scenario) -> String {
    let council = s.council.name.trim();
    let label = s.label.trim();
    let prices = model::data::prices::PRICE_BASE_LABEL;
    if label.is_empty() {
        return cat(&[council, ". Money in ", prices, " prices."]);
    }
    let named = council.is_empty() || label.contains(council);
    cat(&[
        if named { "" } else { council },
        if named { "" } else { ". " },
        "Scenario: ",
        label,
        ". Money in ",
        prices,
        " prices.",
    ])
}

/// The chart's caption, for the file's title.
fn fig_title(root: &ShadowRoot, id: &str) -> String {
    root.query_selector(&cat(&["svg[data-chart=\"", id, "\"]"]))
        .ok()
        .flatten()
        .and_then(|s| s.closest("figure").ok().flatten())
        .and_then(|f| f.query_selector(".oc-caption-title").ok().flatten())
        .and_then(|c| c.text_content())
        .unwrap_or_default()
}

/// Downloads the chart `id` of the calculator `page` is in (any element
/// of its shadow root) as SVG or PNG (drawn at twice its size), for
/// `scenario` (the format's JS form: its label, council and price year
/// are written above the chart), and says so in the export panel.
#[wasm_bindgen]
pub fn export_chart(
    page: Element,
    id: &str,
    format: &str,
    scenario: JsValue,
) -> Result<(), JsValue> {
    let s = super::scenario_of(scenario)?;
    let root: ShadowRoot = page
        .get_root_node()
        .dyn_into()
        .map_err(|_| js_sys::Error::new("the chart is not in the calculator"))?;
    chart(&root, id, format, &s);
    Ok(())
}

/// The headline figures, the programmes and every year of the projection
/// of `scenario` (a valid scenario in the format's JS form) as the
/// report's CSV text (`model::views::export::report_csv`), dated today.
#[wasm_bindgen]
pub fn report_csv(scenario: JsValue) -> Result<String, JsValue> {
    let s = super::scenario_of(scenario)?;
    let p = model::project(&s)
        .map_err(|e| js_sys::Error::new(&e.first().map(ToString::to_string).unwrap_or_default()))?;
    Ok(model::views::export::report_csv(&s, &p, &today()))
}

fn chart(root: &ShadowRoot, id: &str, format: &str, s: &Scenario) {
    let Some((svg, w, h)) = chart_svg(root, id, s) else {
        return;
    };
    let name = cat(&[
        id.trim_start_matches("oc-"),
        "-",
        file_name(s, format).as_str(),
    ]);
    let opts = BlobPropertyBag::new();
    opts.set_type("image/svg+xml");
    let parts = js_sys::Array::of1(&JsValue::from_str(&svg));
    let Ok(blob) = Blob::new_with_str_sequence_and_options(&parts, &opts) else {
        return;
    };
    if format == "svg" {
        download_blob(&blob, &name);
        say(root, "The chart is downloading as an SVG file.");
        return;
    }
    let Ok(url) = Url::create_object_url_with_blob(&blob) else {
        return;
    };
    let Ok(img) = web_sys::HtmlImageElement::new() else {
        return;
    };
    let (img2, url2, root2) = (img.clone(), url.clone(), root.clone());
    let on_load = Closure::once_into_js(move || {
        let _ = Url::revoke_object_url(&url2);
        let Some(canvas) = dom::el("canvas")
            .dyn_into::<web_sys::HtmlCanvasElement>()
            .ok()
        else {
            return;
        };
        let scale = 2.0;
        canvas.set_width((w * scale).round() as u32);
        canvas.set_height((h * scale).round() as u32);
        let Some(ctx) = canvas
            .get_context("2d")
            .ok()
            .flatten()
            .and_then(|c| c.dyn_into::<web_sys::CanvasRenderingContext2d>().ok())
        else {
            return;
        };
        let _ = ctx.scale(scale, scale);
        let _ = ctx.draw_image_with_html_image_element_and_dw_and_dh(&img2, 0.0, 0.0, w, h);
        let done = Closure::once_into_js(move |blob: Option<Blob>| {
            if let Some(b) = blob {
                download_blob(&b, &name);
                say(&root2, "The chart is downloading as a PNG file.");
            }
        });
        let _ = canvas.to_blob(done.unchecked_ref());
    });
    img.set_onload(Some(on_load.unchecked_ref()));
    img.set_src(&url);
}
