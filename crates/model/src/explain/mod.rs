//! Every figure's working: for any figure of a projection, the chain that
//! produces it, from the figure down to its inputs, each input with its
//! value, unit, price year and source (the user's own figure, a council's
//! official figure, or a cited default), and the inputs that move the
//! figure most.
//!
//! Workings are built only when asked for, by [`explain`]; [`crate::project`]
//! never builds them, so typing in the widget is as fast as before. The
//! chain is read from the kernel's own record of the central run and the
//! projection over it ([`crate::calc::record`], `model.rs`): each step's
//! value is the engine's number, and the working names it and its
//! operands. [`Derivation::evaluate`] recomputes a figure from its steps
//! alone, and the tests check that it gives the projection's figure to the
//! penny for every output of many scenarios.
//!
//! ```
//! use outcome_model::{default_scenario, explain};
//! let s = default_scenario();
//! let d = explain::explain(&s, "summary.budget_npv").unwrap();
//! assert!((d.evaluate() - d.value).abs() < 0.005);
//! assert!(d.sentence.starts_with('£') || d.sentence.starts_with('−'));
//! assert!(!d.sensitive.is_empty());
//! let e = explain::explain(&s, "summary.no_such_figure").unwrap_err();
//! assert_eq!(e.field.path(), "summary.no_such_figure");
//! ```

pub mod derivation;
mod figures;
mod inputs;
mod model;
mod share;
pub mod sheet;
mod source;
pub mod text;
mod timing;
pub mod words;

pub use derivation::{Derivation, Op, Sensitivity, Source, Step, StepKind, Unit};
pub use figures::{outputs, projection_value, simulation_value};
pub use source::DEFLATOR;

use crate::base::error::{Error, ErrorKind};
use crate::calc::engine::{Plan, Work};
use crate::calc::project::{project_valid, summarise};
use crate::calc::projection::Projection;
use crate::calc::uncertainty::{self, End, Simulation};
use crate::scenario::format::Scenario;
use crate::scenario::valid::Valid;
use crate::scenario::validate::validate;

/// The working of the figure at `path` (one of [`outputs`]) for a
/// scenario. Errors name the first bad field of an invalid scenario, or
/// the path itself when the projection has no such figure
/// ([`ErrorKind::UnknownOutput`]) or no value for it in this scenario
/// ([`ErrorKind::NoFigure`]).
pub fn explain(s: &Scenario, path: &str) -> Result<Derivation, Error> {
    Workings::new(s)?.derivation(path, true)
}

/// A scenario's projection and its chain rebuilt as steps, for asking for
/// many workings of one scenario without rebuilding them each time.
pub struct Workings<'a> {
    s: Valid<'a>,
    projection: Projection,
    model: model::Model<'a>,
    simulation: Option<Simulation>,
}

impl<'a> Workings<'a> {
    /// Validates and projects the scenario and rebuilds its chain. Errors
    /// name the first bad field.
    pub fn new(s: &'a Scenario) -> Result<Workings<'a>, Error> {
        let s = validate(s).map_err(|mut e| e.remove(0))?;
        let projection = project_valid(s);
        let mut model = model::Model::new(s);
        model.break_even_of(&projection);
        Ok(Workings {
            s,
            projection,
            model,
            simulation: None,
        })
    }

    /// The projection the workings explain.
    pub fn projection(&self) -> &Projection {
        &self.projection
    }

    /// Every path that can be explained ([`outputs`] of the projection).
    pub fn outputs(&self) -> Vec<String> {
        outputs(&self.projection)
    }

    /// The working of the figure at `path`; with `sensitivity`, the inputs
    /// that move it most too (about thirty runs of the projection).
    pub fn derivation(&mut self, path: &str, sensitivity: bool) -> Result<Derivation, Error> {
        let path = path.trim();
        if !self.outputs().iter().any(|p| p == path) {
            return Err(missing(path, &self.projection));
        }
        let unknown = || {
            Error::new(
                path,
                ErrorKind::UnknownOutput {
                    path: path.to_string(),
                },
            )
        };
        if path.starts_with("uncertainty.") && self.simulation.is_none() {
            self.simulation = Some(uncertainty::simulate_valid(self.s));
        }
        let sim = self
            .simulation
            .as_ref()
            .filter(|_| path.starts_with("uncertainty."));
        let step = self.model.figure(path, sim).ok_or_else(unknown)?;
        let value = match sim {
            Some(sim) => simulation_value(sim, path),
            None => projection_value(&self.projection, path),
        }
        .ok_or_else(unknown)?;
        let (sensitive, sensitivity_note) = if sensitivity {
            moves_most(self.s, path, step.unit.is_money())
        } else {
            (Vec::new(), None)
        };
        let (formula, symbols) = words::formula(path);
        let discounted = (path.contains("pv") || path.ends_with("npv") || path.contains("npv."))
            .then_some(self.s.assumptions.discount_rate_pct);
        let mut label = step.label.clone();
        if let Some(first) = label.get(..1) {
            label = first.to_uppercase() + &label[1..];
        }
        let sentence = words::sentence(value, &step, discounted);
        let (step, shared) = share::share(step);
        Ok(Derivation {
            path: path.to_string(),
            label,
            value,
            unit: step.unit,
            price_year: step.price_year.clone(),
            sentence,
            formula: formula.to_string(),
            symbols: symbols.to_string(),
            step,
            shared,
            sensitive,
            sensitivity_note,
        })
    }
}

/// Why a path is not among the outputs: a figure with no value in this
/// scenario, or no figure at all.
fn missing(path: &str, p: &Projection) -> Error {
    let all = outputs(p);
    let has = |q: &str| all.iter().any(|x| x == q);
    let why = match path {
        "summary.bcr" | "summary.financial_roi" | "summary.cost_switching_pct" => {
            Some("there is no cost, so there is no ratio to cost".to_string())
        }
        "summary.payback_year" => {
            Some("the council's cash savings do not cover the cost within the years projected".into())
        }
        "summary.public_payback_year" => {
            Some("savings to the public purse do not cover the cost within the years projected".into())
        }
        _ if path.ends_with(".needed") && has(&path.replace(".needed", ".used")) => Some(
            "no size of this effect alone, up to its largest sensible size, makes the council's net present budget impact £0".into(),
        ),
        _ if path.ends_with(".eligible") && has(&path.replace(".eligible", ".cohort")) => {
            Some("this programme has no eligible caseload from the council's figures".into())
        }
        _ => None,
    };
    match why {
        Some(why) => Error::new(path, ErrorKind::NoFigure { why }),
        None => Error::new(
            path,
            ErrorKind::UnknownOutput {
                path: path.to_string(),
            },
        ),
    }
}

/// The two or three inputs that move the figure at `path` most, from the
/// tornado's one-at-a-time analysis, and a note when they are found for
/// another figure.
fn moves_most(v: Valid, path: &str, money: bool) -> (Vec<Sensitivity>, Option<String>) {
    let s = v.scenario();
    let mut note = None;
    let mut out: Vec<Sensitivity> = Vec::new();
    let plan = Plan::new(v);
    let mut w = Work::default();
    let simulated = path.starts_with("uncertainty.");
    let break_even = path.ends_with(".needed");
    if simulated {
        note = Some(
            "for the council's net present budget impact, the figure the simulation reports: re-running the simulation for every input would take too long".to_string(),
        );
    }
    if break_even {
        note = Some(
            "the effect sizes themselves are left out: a break-even size is found with them as entered".to_string(),
        );
    }
    let mut value_at = |end: &End| -> Option<f64> {
        if simulated {
            let ran = end.run(&plan, &mut w);
            let p = ran.as_ref().unwrap_or(&plan);
            return Some(crate::calc::engine::budget_npv(p, &w));
        }
        if break_even {
            return match end {
                End::Scenario(t) => projection_value(&project_valid(Valid::derived(t)), path),
                End::Sizes { .. } => None,
            };
        }
        let ran = end.run(&plan, &mut w);
        let t = match end {
            End::Scenario(t) => t.as_ref(),
            _ => s,
        };
        let p = summarise(t, ran.as_ref().unwrap_or(&plan), &w, &[]);
        projection_value(&p, path)
    };
    for v in uncertainty::variations(v) {
        let (Some(low), Some(high)) = (value_at(&v.low), value_at(&v.high)) else {
            continue;
        };
        let moves = if money {
            (high - low).abs() > 0.005
        } else {
            (high - low).abs() > 1e-9 * low.abs().max(high.abs()).max(1.0)
        };
        if moves {
            out.push(Sensitivity {
                input: v.input,
                fields: v.fields,
                low_label: v.low_label,
                high_label: v.high_label,
                value_low: low,
                value_high: high,
            });
        }
    }
    out.sort_by(|a, b| {
        let sa = (a.value_high - a.value_low).abs();
        let sb = (b.value_high - b.value_low).abs();
        sb.total_cmp(&sa)
    });
    out.truncate(3);
    (out, note)
}
