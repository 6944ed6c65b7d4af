//! The workings as a CSV sheet: one row per step of each figure's working,
//! from the figure down to its inputs, with each input's source. Offered
//! beside the report CSV, so a finance officer can check a figure in a
//! spreadsheet.

use std::fmt::Write as _;

use crate::explain::derivation::{Derivation, Step, StepKind};
use crate::explain::words::source_words;
use crate::explain::Workings;
use crate::scenario::error::Error;
use crate::scenario::format::Scenario;
use crate::views::export::csv_field;

/// The headline figures whose workings the sheet holds.
pub const HEADLINE: [&str; 8] = [
    "summary.budget_npv",
    "summary.pv_cashable",
    "summary.pv_cost",
    "summary.pv_council_noncash",
    "summary.pv_other_agencies",
    "summary.npv",
    "summary.bcr",
    "summary.payback_year",
];

/// The sheet for the headline figures of a scenario (those it has). Errors
/// name the first bad field of an invalid scenario.
///
/// ```
/// use outcome_model::{default_scenario, explain::sheet};
/// let csv = sheet::headline(&default_scenario()).unwrap();
/// assert!(csv.starts_with("figure,step,depth,label,value,unit,price year,source\n"));
/// assert!(csv.contains("summary.budget_npv,1,0,"));
/// ```
pub fn headline(s: &Scenario) -> Result<String, Error> {
    let mut w = Workings::new(s)?;
    let mut out = String::from("figure,step,depth,label,value,unit,price year,source\n");
    for path in HEADLINE {
        if let Ok(d) = w.derivation(path, false) {
            rows(&mut out, &d);
        }
    }
    Ok(out)
}

/// Appends the rows of one working, its shared steps written out in place.
pub fn rows(out: &mut String, d: &Derivation) {
    let mut n = 0;
    walk(out, d, &d.expanded(), 0, &mut n);
}

fn walk(out: &mut String, d: &Derivation, step: &Step, depth: usize, n: &mut usize) {
    *n += 1;
    let source = match &step.kind {
        StepKind::Input { source } => source_words(source),
        StepKind::Operation { op, .. } => format!("the {} of the steps below", op.words()),
        StepKind::Simulated { seed, draws, .. } => {
            format!("a simulation result ({draws} draws, seed {seed})")
        }
        StepKind::Searched { how, .. } => format!("found by search: {how}"),
        StepKind::Same { .. } => String::new(),
    };
    let _ = writeln!(
        out,
        "{},{},{},{},{},{},{},{}",
        csv_field(&d.path),
        n,
        depth,
        csv_field(&step.label),
        step.value,
        csv_field(step.unit.label()),
        csv_field(step.price_year.as_deref().unwrap_or("")),
        csv_field(&source),
    );
    match &step.kind {
        StepKind::Operation { of, .. }
        | StepKind::Simulated { from: of, .. }
        | StepKind::Searched { from: of, .. } => {
            for s in of {
                walk(out, d, s, depth + 1, n);
            }
        }
        StepKind::Input { .. } | StepKind::Same { .. } => {}
    }
}
