//! Turns a validated scenario's programme choices into plain numbers the
//! projection applies: the effect sizes at the chosen level, the cohort, the
//! cost per case and the combined adjustment.

use super::evidence::{self, Grade, Measure, Range, CUSTOM_ID};
use super::outcome::{Agency, Outcome};
use super::scenario::{CustomMeasure, EffectLevel, ProgrammeChoice, Scenario};

/// How a resolved effect turns into events avoided.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Kind {
    /// `size` % of the council's own count.
    Relative,
    /// `size` percentage points of the cohort; `control` % would reach the
    /// outcome without the programme.
    Points {
        /// % of the cohort without the programme.
        control: f64,
    },
    /// `size` events a year at full reach; `counterfactual` without it.
    PerCouncil {
        /// Events a year without the programme.
        counterfactual: f64,
    },
}

/// One effect, ready to apply.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Effect {
    /// What it moves.
    pub outcome: Outcome,
    /// How.
    pub kind: Kind,
    /// Size at the chosen level, before adjustments (%, points or events).
    pub size: f64,
    /// Low, central and high sizes, for the uncertainty analysis.
    pub range: [f64; 3],
}

/// A programme, ready to apply.
#[derive(Debug, Clone, PartialEq)]
pub struct Programme {
    /// Library id or `custom`.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Evidence grade.
    pub grade: Grade,
    /// Cases a year.
    pub cohort: f64,
    /// Reach at full roll-out, as a share (0–1).
    pub engagement: f64,
    /// £ per case a year.
    pub cost_per_case: f64,
    /// £ a year.
    pub annual_cost: f64,
    /// £ once, in year 1.
    pub setup_cost: f64,
    /// Outcome effects.
    pub effects: Vec<Effect>,
    /// Monetised benefits per case (£) by agency, at the chosen level.
    pub case_benefits: Vec<(Agency, f64)>,
    /// Low, central and high per-case benefits, in the same order.
    pub case_ranges: Vec<[f64; 3]>,
    /// (1 − deadweight)(1 − attribution)(1 − optimism bias)(effect scale).
    pub adjustment: f64,
}

fn pick(level: EffectLevel, low: f64, central: f64, high: f64) -> f64 {
    match level {
        EffectLevel::Low => low,
        EffectLevel::Central => central,
        EffectLevel::High => high,
    }
}

/// Resolves one programme choice of a validated scenario.
pub fn programme(s: &Scenario, choice: &ProgrammeChoice) -> Programme {
    let level = s.assumptions.effect_level;
    let mut effects = Vec::new();
    let mut case_benefits = Vec::new();
    let mut case_ranges = Vec::new();
    let (id, name, grade, cost_per_case, cohort_default);
    if choice.programme == CUSTOM_ID {
        let custom = choice
            .custom
            .as_ref()
            .expect("validated: custom programmes carry their definition");
        id = CUSTOM_ID.to_string();
        name = if custom.name.trim().is_empty() {
            "Your programme".to_string()
        } else {
            custom.name.clone()
        };
        grade = custom.grade;
        cost_per_case = choice.cost_per_case.unwrap_or(0.0);
        cohort_default = None;
        for e in &custom.effects {
            let size = pick(level, e.low, e.central, e.high);
            let baseline = e.baseline.unwrap_or(0.0);
            let kind = match e.measure {
                CustomMeasure::Relative => Kind::Relative,
                CustomMeasure::PercentagePoints => Kind::Points { control: baseline },
                CustomMeasure::PerCouncil => Kind::PerCouncil {
                    counterfactual: baseline,
                },
            };
            effects.push(Effect {
                outcome: e.outcome,
                kind,
                size,
                range: [e.low, e.central, e.high],
            });
        }
    } else {
        let prog = evidence::find(&choice.programme).expect("validated: programme exists");
        id = prog.id.to_string();
        name = prog.name.to_string();
        grade = prog.grade;
        cost_per_case = choice
            .cost_per_case
            .or(prog.cost.as_ref().map(|c| c.per_case))
            .unwrap_or(0.0);
        cohort_default = prog.cohort.default_from.map(|_| s.council.cp_plans);
        for e in &prog.effects {
            let size = pick(level, e.size.low, e.size.central, e.size.high);
            let range = [e.size.low, e.size.central, e.size.high];
            let (kind, size, range) = match e.measure {
                Measure::Relative => (Kind::Relative, size, range),
                Measure::PercentagePoints { control_pct } => (
                    Kind::Points {
                        control: control_pct,
                    },
                    size,
                    range,
                ),
                Measure::PerCouncil { counterfactual } => {
                    (Kind::PerCouncil { counterfactual }, size, range)
                }
                Measure::ObservedRate { observed_pct } => {
                    // The size follows from the user's counterfactual; its
                    // range is the grade's convention around it.
                    let control = choice.counterfactual_pct.unwrap_or(observed_pct);
                    let derived = (control - observed_pct).max(0.0);
                    let r = Range::by_rule(derived, prog.grade);
                    (
                        Kind::Points { control },
                        derived,
                        [r.low, r.central, r.high.min(control)],
                    )
                }
            };
            effects.push(Effect {
                outcome: e.outcome,
                kind,
                size,
                range,
            });
        }
        for b in &prog.case_benefits {
            case_benefits.push((
                b.agency,
                pick(level, b.per_case.low, b.per_case.central, b.per_case.high),
            ));
            case_ranges.push([b.per_case.low, b.per_case.central, b.per_case.high]);
        }
    }
    let optimism = s.assumptions.optimism_bias_benefits.for_grade(grade);
    let adjustment = (1.0 - choice.deadweight_pct / 100.0)
        * (1.0 - choice.attribution_pct / 100.0)
        * (1.0 - optimism / 100.0)
        * (choice.effect_scale_pct / 100.0);
    Programme {
        id,
        name,
        grade,
        cohort: choice.cohort.or(cohort_default.flatten()).unwrap_or(0.0),
        engagement: choice.engagement_pct / 100.0,
        cost_per_case,
        annual_cost: choice.annual_cost,
        setup_cost: choice.setup_cost,
        effects,
        case_benefits,
        case_ranges,
        adjustment,
    }
}
