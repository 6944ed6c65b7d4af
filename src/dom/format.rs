//! Numbers for people, through the browser's `Intl.NumberFormat('en-GB')`:
//! grouping, rounding and currency as the reader's browser writes them.
//!
//! Money follows the GOV.UK style: whole pounds below £1 million
//! ("£646", "£28,700"), then one decimal and the word ("£2.6 million",
//! "£1.2 billion"), never "£0.4 million" or "£10k".

use js_sys::{Array, Function, Intl::NumberFormat, Object, Reflect};
use wasm_bindgen::JsValue;

use crate::dom::cat;

struct Formats {
    money: Function,
    whole: Function,
    one_dp: Function,
    two_dp: Function,
    plain: Function,
    four_dp: Function,
    pence: Function,
}

fn formatter(options: &[(&str, JsValue)]) -> Function {
    let o = Object::new();
    for (k, v) in options {
        let _ = Reflect::set(&o, &JsValue::from_str(k), v);
    }
    let locales = Array::of1(&JsValue::from_str("en-GB"));
    NumberFormat::new(&locales, &o).format()
}

fn digits(max: u32) -> (&'static str, JsValue) {
    ("maximumFractionDigits", JsValue::from(max))
}

thread_local! {
    static F: Formats = Formats {
        money: formatter(&[
            ("style", "currency".into()),
            ("currency", "GBP".into()),
            ("minimumFractionDigits", 0.into()),
            digits(0),
        ]),
        whole: formatter(&[digits(0)]),
        one_dp: formatter(&[digits(1)]),
        two_dp: formatter(&[digits(2)]),
        plain: formatter(&[digits(2), ("useGrouping", false.into())]),
        four_dp: formatter(&[digits(4)]),
        pence: formatter(&[
            ("style", "currency".into()),
            ("currency", "GBP".into()),
            digits(2),
        ]),
    };
}

fn run(pick: fn(&Formats) -> &Function, x: f64) -> String {
    F.with(|f| {
        pick(f)
            .call1(&JsValue::NULL, &JsValue::from_f64(x))
            .ok()
            .and_then(|v| v.as_string())
            .unwrap_or_default()
    })
}

/// Money: "£646", "-£28,700", "£2.6 million", "£1.2 billion".
pub fn money(x: f64) -> String {
    let a = x.abs();
    let sign = if x < 0.0 && a >= 0.5 { "-" } else { "" };
    // Millions rounded to one decimal decide the unit, so 999,999,999
    // reads "£1 billion", not "£1,000 million".
    let millions = (a / 1e5).round() / 10.0;
    if a < 1e6 {
        run(|f| &f.money, x)
    } else if millions < 1000.0 {
        cat(&[sign, "£", &run(|f| &f.one_dp, a / 1e6), " million"])
    } else {
        cat(&[sign, "£", &run(|f| &f.one_dp, a / 1e9), " billion"])
    }
}

/// A count of children or events: whole numbers with thousands commas;
/// below 10, one decimal ("2.5"), so that small effects do not read as 0.
pub fn count(x: f64) -> String {
    if x.abs() < 9.95 {
        run(|f| &f.one_dp, x)
    } else {
        run(|f| &f.whole, x)
    }
}

/// A percentage: "14%", "8.8%".
pub fn pct(x: f64) -> String {
    cat(&[&run(|f| &f.one_dp, x), "%"])
}

/// A figure in a working: up to four decimals ("0.6415", "1.035").
pub fn decimal(x: f64) -> String {
    run(|f| &f.four_dp, x)
}

/// Money to the penny, as a working's inputs are: "£636.12".
pub fn pence(x: f64) -> String {
    run(|f| &f.pence, x)
}

/// A ratio such as a benefit-cost ratio: "2.41".
pub fn ratio(x: f64) -> String {
    run(|f| &f.two_dp, x)
}

/// A figure written back into an input: up to two decimals, with thousands
/// commas unless `grouped` is false (years).
pub fn input(x: f64, grouped: bool) -> String {
    if grouped {
        run(|f| &f.two_dp, x)
    } else {
        run(|f| &f.plain, x)
    }
}
