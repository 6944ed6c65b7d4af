//! Files the calculator and the on-demand module offer for download: a
//! name from the scenario, today's date, and the download itself (a blob
//! through an object URL, let go once the download has started).

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Blob, BlobPropertyBag, HtmlElement, Url};

use crate::dom::{self, attrs, cat};
use crate::model::Scenario;

/// Today's date as `YYYY-MM-DD` (the browser's clock, UTC).
pub fn today() -> String {
    let iso: String = js_sys::Date::new_0().to_iso_string().into();
    iso.chars().take(10).collect()
}

/// A file name from the scenario's label (or council name): lower case
/// letters and digits joined by dashes, at most about 48 characters.
pub fn file_name(s: &Scenario, ext: &str) -> String {
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
pub fn download_blob(blob: &Blob, name: &str) {
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
pub fn download_text(text: &str, mime: &str, name: &str) {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let opts = BlobPropertyBag::new();
    opts.set_type(mime);
    if let Ok(blob) = Blob::new_with_str_sequence_and_options(&parts, &opts) {
        download_blob(&blob, name);
    }
}
