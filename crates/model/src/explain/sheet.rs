//! The workings as a CSV sheet: one row per step of each figure's working,
//! from the figure down to its inputs, with each input's source. Offered
//! beside the report CSV, so a finance officer can check a figure in a
//! spreadsheet.

use std::collections::HashMap;
use std::fmt::Write as _;

use crate::base::error::Error;
use crate::explain::derivation::{Derivation, Step, StepKind};
use crate::explain::share;
use crate::explain::words::source_words;
use crate::explain::Workings;
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
/// A working written out once is not written again: where the same step
/// (the same words, value and steps below it) comes again, in the same
/// figure or another, one row gives its value and says where it is worked
/// out (`the same working as summary.npv step 12, above`). Every figure's
/// working is there in full, down to its sourced inputs, at a size a
/// spreadsheet opens at once.
///
/// ```
/// use outcome_model::{default_scenario, explain::sheet};
/// let csv = sheet::headline(&default_scenario()).unwrap();
/// assert!(csv.starts_with("figure,step,depth,label,value,unit,price year,source\n"));
/// assert!(csv.contains("summary.budget_npv,1,0,"));
/// assert!(csv.contains("the same working as summary."));
/// ```
pub fn headline(s: &Scenario) -> Result<String, Error> {
    let mut w = Workings::new(s)?;
    let mut sheet = Sheet::default();
    for path in HEADLINE {
        if let Ok(d) = w.derivation(path, false) {
            sheet.figure(&d);
        }
    }
    Ok(sheet.out)
}

/// Appends the rows of one working, its shared steps written out in place.
pub fn rows(out: &mut String, d: &Derivation) {
    let mut sheet = Sheet {
        out: std::mem::take(out),
        ..Sheet::default()
    };
    sheet.figure(d);
    *out = sheet.out;
}

/// A sheet being written: its text, and where each working that has steps
/// below it was first written.
struct Sheet {
    out: String,
    /// Each step with steps below it that has been written, by its
    /// fingerprint ([`share::fingerprints`]): its place in `places`.
    written: HashMap<u64, usize>,
    /// Where each was written: its figure and step number.
    places: Vec<(String, usize)>,
}

impl Default for Sheet {
    fn default() -> Self {
        Sheet {
            out: String::from("figure,step,depth,label,value,unit,price year,source\n"),
            written: HashMap::new(),
            places: Vec::new(),
        }
    }
}

/// A step as a row (label, value, unit, price year), its source and its
/// steps.
fn row_of(step: &Step) -> (String, String, &[Step]) {
    let (source, of): (String, &[Step]) = match &step.kind {
        StepKind::Input { source } => (source_words(source), &[]),
        StepKind::Operation { op, of } => (format!("the {} of the steps below", op.words()), of),
        StepKind::Simulated { seed, draws, from } => (
            format!("a simulation result ({draws} draws, seed {seed})"),
            from,
        ),
        StepKind::Searched { how, from } => (format!("found by search: {how}"), from),
        StepKind::Same { .. } => (String::new(), &[]),
    };
    let row = format!(
        "{},{},{},{}",
        csv_field(&step.label),
        step.value,
        csv_field(step.unit.label()),
        csv_field(step.price_year.as_deref().unwrap_or("")),
    );
    (row, csv_field(&source), of)
}

impl Sheet {
    fn figure(&mut self, d: &Derivation) {
        let top = d.expanded();
        let mut prints = Vec::new();
        share::fingerprints(&top, &mut prints);
        let mut at = Walk {
            figure: &d.path,
            prints: &prints,
            next: 0,
            n: 0,
        };
        self.walk(&mut at, &top, 0);
    }

    fn walk(&mut self, at: &mut Walk, step: &Step, depth: usize) {
        at.n += 1;
        let (fp, size) = at.prints.get(at.next).copied().unwrap_or((0, 1));
        let (row, source, of) = row_of(step);
        if !of.is_empty() {
            if let Some((f, first)) = self.written.get(&fp).and_then(|&i| self.places.get(i)) {
                let _ = writeln!(
                    self.out,
                    "{},{},{},{},{}",
                    csv_field(at.figure),
                    at.n,
                    depth,
                    row,
                    csv_field(&format!("the same working as {f} step {first}, above")),
                );
                at.next += size;
                return;
            }
            self.written.insert(fp, self.places.len());
            self.places.push((at.figure.to_string(), at.n));
        }
        at.next += 1;
        let _ = writeln!(
            self.out,
            "{},{},{},{},{}",
            csv_field(at.figure),
            at.n,
            depth,
            row,
            source
        );
        for s in of {
            self.walk(at, s, depth + 1);
        }
    }
}

/// Where the walk through one figure's working is.
struct Walk<'a> {
    figure: &'a str,
    /// The fingerprint and size of each step, in the walk's order.
    prints: &'a [(u64, usize)],
    /// The place of the next step in `prints`.
    next: usize,
    /// The number of the last row written for the figure.
    n: usize,
}
