//! Each council's net spend per looked-after child, the latest year with a
//! usable figure: the one number of the revenue outturn the calculator
//! offers beside the national unit costs (an average, not a marginal
//! cost). Written into `per_child_table.rs` by `gen-presets` from
//! [`crate::context::spend`], so the browser carries 153 numbers, not the outturn.

#[path = "per_child_table.rs"]
mod table;

/// The latest net spend per looked-after child of a council: (the year the
/// financial year ends, £ a year in that year's cash prices).
pub fn latest(code: &str) -> Option<(u16, f64)> {
    table::LATEST
        .iter()
        .find(|(c, _, _)| *c == code)
        .map(|(_, y, v)| (*y, *v))
}
