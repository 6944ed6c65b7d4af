//! Downloads and import: the report CSV, the scenario file (JSON, exactly
//! the format the command-line calculator reads), importing a scenario
//! file, and each chart as SVG or PNG. Files are made in the page and
//! downloaded through a Blob and an object URL; nothing is sent anywhere.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Blob, BlobPropertyBag, Element, HtmlElement, ShadowRoot, Url};

use crate::model::{self, scenario::link, Projection, Scenario};

use crate::dom::n;
use crate::dom::{self, add_c, add_ct, add_t, attrs, cat};
use crate::widget::results::charts;

/// Builds the export panel: report, scenario file, import.
pub fn build(parent: &Element) -> Element {
    let section = add_c(parent, "section", "oc-tool oc-panel-export");
    attrs(&section, &[("aria-labelledby", "export-title")]);
    add_ct(&section, "h3", "oc-h3", "Download or open a scenario").set_id("export-title");
    let row = add_c(&section, "div", "oc-buttons");
    for (action, words) in [
        ("csv", "Download the report (CSV)"),
        ("json", "Download the scenario file (JSON)"),
        ("workings", "Download the workings (CSV)"),
        ("print", "Print"),
    ] {
        let b = add_ct(&row, "button", "oc-button oc-button--secondary", words);
        attrs(&b, &[("type", "button"), ("data-action", action)]);
    }
    add_t(
        &section,
        "p",
        "The report lists every figure used with its source and the results year by year. The workings show how each headline figure is worked out, step by step down to its sourced inputs. The scenario file opens here again, or in the command-line calculator.",
    );
    let group = add_c(&section, "div", "oc-field");
    group.set_id("import-group");
    let l = add_ct(&group, "label", "oc-label", "Open a scenario file");
    attrs(&l, &[("for", "import")]);
    add_ct(
        &group,
        "div",
        "oc-hint",
        "A .json file downloaded from this calculator. It replaces the figures in the form.",
    )
    .set_id("import-hint");
    let err = add_c(&group, "p", "oc-error");
    err.set_id("import-error");
    attrs(&err, &[("role", "alert")]);
    dom::show(&err, false);
    let input = add_c(&group, "input", "oc-file");
    attrs(
        &input,
        &[
            ("type", "file"),
            ("id", "import"),
            ("accept", ".json,application/json"),
            ("aria-describedby", "import-hint"),
        ],
    );
    let said = add_c(&section, "p", "oc-copied");
    said.set_id("export-status");
    attrs(&said, &[("role", "status")]);
    section
}

/// Today's date as `YYYY-MM-DD` (the browser's clock, UTC).
fn today() -> String {
    let iso: String = js_sys::Date::new_0().to_iso_string().into();
    iso.chars().take(10).collect()
}

/// A file name from the scenario's label (or council name): lower case
/// letters and digits joined by dashes, at most about 48 characters.
fn file_name(s: &Scenario, ext: &str) -> String {
    let source = if s.label.is_empty() {
        &s.council.name
    } else {
        &s.label
    };
    let mut stem = String::new();
    for c in source.chars() {
        if c.is_ascii_alphanumeric() {
            stem.push(c.to_ascii_lowercase());
        } else if !stem.is_empty() && !stem.ends_with('-') {
            stem.push('-');
        }
        if stem.len() >= 48 {
            break;
        }
    }
    let stem = stem.trim_end_matches('-');
    cat(&[if stem.is_empty() { "scenario" } else { stem }, ".", ext])
}

/// Downloads a blob under a name.
fn download_blob(blob: &Blob, name: &str) {
    let Ok(url) = Url::create_object_url_with_blob(blob) else {
        return;
    };
    let a = dom::el("a");
    attrs(&a, &[("href", &url), ("download", name)]);
    if let Some(a) = a.dyn_ref::<HtmlElement>() {
        a.click();
    }
    // Give the download a moment to start before letting the URL go.
    let c = Closure::once_into_js(move || {
        let _ = Url::revoke_object_url(&url);
    });
    if let Some(w) = web_sys::window() {
        let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(c.unchecked_ref(), 10_000);
    }
}

/// Downloads text under a name.
fn download_text(text: &str, mime: &str, name: &str) {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let opts = BlobPropertyBag::new();
    opts.set_type(mime);
    if let Ok(blob) = Blob::new_with_str_sequence_and_options(&parts, &opts) {
        download_blob(&blob, name);
    }
}

/// The scenario file: JSON indented by two spaces, as the command-line
/// calculator reads it. The browser's own `JSON.stringify` writes the text
/// (serde-wasm-bindgen gives it the scenario as a JS value), so the
/// calculator carries no JSON code of its own.
pub fn scenario_json(s: &Scenario) -> String {
    use serde::Serialize;
    let value = s
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .unwrap_or(JsValue::NULL);
    let mut text = js_sys::JSON::stringify_with_replacer_and_space(
        &value,
        &JsValue::NULL,
        &JsValue::from_f64(2.0),
    )
    .ok()
    .and_then(|t| t.as_string())
    .unwrap_or_default();
    text.push('\n');
    text
}

/// Said when the module that reads scenario files could not be loaded.
const NOT_LOADED: &str =
    "The file could not be read: check your connection, then choose the file again.";

/// Reads a scenario file's text and hands `done` the scenario, or the
/// sentence saying why the file could not be used. The strict reader is in
/// the workings module (`crate::workings::file`, fetched on first use
/// through the loader's `readScenario`), with the decoder's code; the
/// scenario comes back as [`link::to_parts`].
pub fn read_scenario(
    root: &ShadowRoot,
    text: &str,
    done: impl FnOnce(Result<Scenario, String>) + 'static,
) {
    let args = js_sys::Array::of1(&JsValue::from_str(text));
    ask_scenario(root, "readScenario", &args, NOT_LOADED, done);
}

/// Calls the loader's `name(...args)` on the host element, whose promise
/// gives `{ parts }` (a scenario as [`link::to_parts`]) or `{ message }`,
/// and hands `done` the scenario or the message; `failed` where the
/// on-demand module could not be loaded.
pub fn ask_scenario(
    root: &ShadowRoot,
    name: &str,
    args: &js_sys::Array,
    failed: &'static str,
    done: impl FnOnce(Result<Scenario, String>) + 'static,
) {
    use std::cell::Cell;
    use std::rc::Rc;
    let host = root.host();
    let Some(p) = js_sys::Reflect::get(&host, &JsValue::from_str(name))
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
        .and_then(|f| f.apply(&host, args).ok())
        .and_then(|p| p.dyn_into::<js_sys::Promise>().ok())
    else {
        done(Err(failed.into()));
        return;
    };
    let done = Rc::new(Cell::new(Some(done)));
    let (d1, d2) = (done.clone(), done);
    let read = Closure::<dyn FnMut(JsValue)>::new(move |answer: JsValue| {
        let get = |key: &str| js_sys::Reflect::get(&answer, &JsValue::from_str(key)).ok();
        let result = match get("message").and_then(|m| m.as_string()) {
            Some(m) => Err(m),
            None => {
                let parts: Vec<String> = get("parts")
                    .filter(js_sys::Array::is_array)
                    .map(|a| {
                        js_sys::Array::from(&a)
                            .iter()
                            .filter_map(|p| p.as_string())
                            .collect()
                    })
                    .unwrap_or_default();
                link::from_parts(&parts).map_err(|_| failed.to_string())
            }
        };
        if let Some(f) = d1.take() {
            f(result);
        }
    });
    let failed = Closure::<dyn FnMut(JsValue)>::new(move |_| {
        if let Some(f) = d2.take() {
            f(Err(failed.into()));
        }
    });
    let _ = p.then2(&read, &failed);
    read.forget();
    failed.forget();
}

/// Downloads the report CSV.
pub fn csv(root: &ShadowRoot, s: &Scenario, p: &Projection) {
    let text = model::views::export::report_csv(s, p, &today());
    download_text(&text, "text/csv;charset=utf-8", &file_name(s, "csv"));
    say(root, "The report is downloading as a CSV file.");
}

/// Downloads the headline figures' workings as a CSV sheet, written by the
/// workings module (fetched on first use through the loader's
/// `workingsCsv`).
pub fn workings(root: &ShadowRoot, s: &Scenario) {
    use serde::Serialize;
    let host = root.host();
    let Some(f) = js_sys::Reflect::get(&host, &JsValue::from_str("workingsCsv"))
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
    else {
        say(root, "The workings could not be made on this page.");
        return;
    };
    let Ok(value) = s.serialize(&serde_wasm_bindgen::Serializer::json_compatible()) else {
        return;
    };
    let Some(p) = f
        .call1(&host, &value)
        .ok()
        .and_then(|p| p.dyn_into::<js_sys::Promise>().ok())
    else {
        return;
    };
    say(root, "Working out every step…");
    let name = file_name(s, "csv").replace(".csv", "-workings.csv");
    let (r1, r2) = (root.clone(), root.clone());
    let done = Closure::<dyn FnMut(JsValue)>::new(move |text: JsValue| {
        if let Some(t) = text.as_string() {
            download_text(&t, "text/csv;charset=utf-8", &name);
            say(&r1, "The workings are downloading as a CSV file.");
        }
    });
    let failed = Closure::<dyn FnMut(JsValue)>::new(move |_| {
        say(
            &r2,
            "The workings could not be loaded. Check your connection and try again.",
        );
    });
    let _ = p.then2(&done, &failed);
    done.forget();
    failed.forget();
}

/// Downloads the scenario file.
pub fn json(root: &ShadowRoot, s: &Scenario) {
    download_text(&scenario_json(s), "application/json", &file_name(s, "json"));
    say(root, "The scenario is downloading as a JSON file.");
}

fn say(root: &ShadowRoot, words: &str) {
    if let Some(p) = dom::by_id(root, "export-status") {
        p.set_text_content(Some(words));
    }
}

/// Shows or clears the import error.
pub fn import_error(root: &ShadowRoot, message: Option<&str>) {
    if let Some(err) = dom::by_id(root, "import-error") {
        dom::clear(&err);
        if let Some(m) = message {
            dom::hidden_text(&err, "Error: ");
            dom::text(&err, m);
        }
        dom::show(&err, message.is_some());
    }
    if let Some(g) = dom::by_id(root, "import-group") {
        let _ = g
            .class_list()
            .toggle_with_force("oc-field--error", message.is_some());
    }
    if let Some(i) = dom::by_id(root, "import") {
        let ids = if message.is_some() {
            "import-hint import-error"
        } else {
            "import-hint"
        };
        attrs(&i, &[("aria-describedby", ids)]);
    }
}

/// Reads the chosen file and hands its text to `done`.
pub fn read_file(input: &Element, done: impl FnOnce(Result<String, String>) + 'static) {
    let file = input
        .dyn_ref::<web_sys::HtmlInputElement>()
        .and_then(|i| i.files())
        .and_then(|f| f.get(0));
    let Some(file) = file else {
        return;
    };
    if file.size() > 1_000_000.0 {
        done(Err(
            "The file is larger than 1 MB: choose a scenario file downloaded from this calculator."
                .into(),
        ));
        return;
    }
    let Ok(reader) = web_sys::FileReader::new() else {
        return;
    };
    let r2 = reader.clone();
    let on_load = Closure::once_into_js(move || {
        let text = r2.result().ok().and_then(|v| v.as_string());
        done(text.ok_or_else(|| "The file could not be read as text.".to_string()));
    });
    reader.set_onloadend(Some(on_load.unchecked_ref()));
    let _ = reader.read_as_text(&file);
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
    let title_lines = charts::wrap(&title_text, 16.0, bold_room);
    let sub_lines = charts::wrap(&subtitle(s), 12.0, room);
    let source_lines = charts::wrap(SOURCE, 11.0, room);
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
    if label.is_empty() {
        return cat(&[council, ". Money in 2025-26 prices."]);
    }
    let named = council.is_empty() || label.contains(council);
    cat(&[
        if named { "" } else { council },
        if named { "" } else { ". " },
        "Scenario: ",
        label,
        ". Money in 2025-26 prices.",
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

/// Downloads a chart as SVG or PNG (drawn at twice its size).
pub fn chart(root: &ShadowRoot, id: &str, format: &str, s: &Scenario) {
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
