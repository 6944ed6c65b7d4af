//! The council data file the page loads (`www/data/council-data.js`),
//! taken in and read once per test binary, as the CLI reads it.
#![allow(dead_code)]

use outcome_model::context::council_data::CouncilData;

/// The file's text.
pub const MODULE: &str = include_str!("../../../../www/data/council-data.js");

/// The council data, read with the model's own reader.
pub fn data() -> &'static CouncilData {
    static DATA: std::sync::OnceLock<CouncilData> = std::sync::OnceLock::new();
    DATA.get_or_init(|| CouncilData::from_module(MODULE).expect("the council data file reads"))
}
