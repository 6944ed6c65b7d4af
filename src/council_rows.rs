//! Councils' published figures passed between the calculator and the
//! on-demand module as JavaScript arrays: one array a council, `[code, old
//! code, name, region, then the counts in the order of `Preset`'s fields,
//! each a number or null]`. The calculator passes the councils of a year
//! to the national roll-out (so the module carries no table of figures),
//! and the module passes back the councils read from the reader's DfE
//! files.

use js_sys::Array;
use wasm_bindgen::JsValue;

use crate::model::data::presets::{OwnedPreset, Preset};

/// The councils as arrays.
pub fn to_rows<S: AsRef<str>>(councils: &[Preset<S>]) -> Array {
    councils
        .iter()
        .map(|p| {
            let row = Array::new();
            for t in [&p.code, &p.old_code, &p.name, &p.region] {
                row.push(&JsValue::from_str(t.as_ref()));
            }
            for c in p.figures() {
                row.push(&c.map_or(JsValue::NULL, |x| JsValue::from_f64(f64::from(x))));
            }
            JsValue::from(row)
        })
        .collect()
}

/// The councils of `year` that [`to_rows`] wrote.
pub fn from_rows(value: &JsValue, year: u16) -> Vec<OwnedPreset> {
    let count = |row: &Array, i: u32| row.get(i).as_f64().map(|x| x as u32);
    Array::from(value)
        .iter()
        .map(|row| {
            let row = Array::from(&row);
            let text = |i: u32| row.get(i).as_string().unwrap_or_default();
            Preset {
                code: text(0),
                old_code: text(1),
                name: text(2),
                region: text(3),
                year,
                population_0_17: count(&row, 4),
                children_looked_after: count(&row, 5),
                care_starts: count(&row, 6),
                care_ceased: count(&row, 7),
                children_in_need: count(&row, 8),
                cin_started: count(&row, 9),
                cp_plans: count(&row, 10),
            }
        })
        .collect()
}
