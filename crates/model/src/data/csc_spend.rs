//! Each council's total net spend on children's social care in 2024-25
//! (MHCLG revenue outturn, £): the ceiling for what a programme could save
//! it in a year. Written into `csc_spend_table.rs` by `gen-presets` from
//! [`crate::context::spend`], so the browser carries one number a council, not the
//! outturn. The figures are in £ thousand, as published, in the order of
//! the latest presets (no codes: a few hundred bytes).

use crate::data::presets;

#[rustfmt::skip]
#[path = "csc_spend_table.rs"]
mod table;

/// The year of the figures.
pub const YEAR: &str = "2024-25";

/// A council's total net spend on children's social care in [`YEAR`], £.
pub fn total(code: &str) -> Option<f64> {
    let i = presets::all(presets::LATEST_YEAR)
        .iter()
        .position(|p| p.code == code)?;
    table::TOTAL_K
        .get(i)
        .filter(|k| **k > 0)
        .map(|k| f64::from(*k) * 1000.0)
}

/// The share (0–1) of a council's net spend on children looked after in
/// [`YEAR`] that went on unaccompanied asylum-seeking children, when it
/// published both figures and the share is above nothing. None of the
/// library's programmes diverts those children's entries into care.
///
/// ```
/// use outcome_model::data::csc_spend::asylum_share;
/// assert!(asylum_share("E10000016").is_some_and(|s| s > 0.1)); // Kent
/// ```
pub fn asylum_share(code: &str) -> Option<f64> {
    let i = presets::all(presets::LATEST_YEAR)
        .iter()
        .position(|p| p.code == code)?;
    table::CLA_ASYLUM_PER_MILLE
        .get(i)
        .filter(|k| **k > 0)
        .map(|k| f64::from(*k) / 1000.0)
}
