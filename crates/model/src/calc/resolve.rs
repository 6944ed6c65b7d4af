//! Turns a validated scenario's programme choices into plain numbers the
//! kernel applies: cases served, the eligible caseload, each effect's size
//! and the quantity it moves per case, the placement and stay avoided, the
//! cost per case and the combined adjustment — every pound in 2025-26 prices.

use crate::base::outcome::{Agency, Outcome};
use crate::data::evidence::{
    self, CohortDefault, Duration, EligibleBase, Grade, Measure, Placement, Quantity, Range,
    RangeBasis, CUSTOM_ID, PAUSE_STUDIED_INFANT_ENTRIES,
};
use crate::data::prices;
use crate::scenario::format::{Cohorts, CustomMeasure, EffectLevel, ProgrammeChoice, Scenario};

/// What an effect changes, and how it unfolds over the years after a case
/// is served (see [`crate::calc::engine::simulate`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    /// Child-years in care of children who would have entered care
    /// (care time; no entries are counted).
    CareTime,
    /// Children who would have entered care: entries, and their time in care.
    CareEntries,
    /// Children who would have been in care 12 months after the start:
    /// half a year on average in the first year, then the rest of a stay.
    InCareAt12Months,
    /// Children on protection plans (a stock): half a year in the year
    /// served and half in the next.
    CpPlans,
    /// Children in need, all tiers, from which the same programme's fall in
    /// protection plans is taken out (only the children-in-need-only tier is
    /// costed).
    ChildrenInNeedAllTiers,
    /// Children in need only (neither on a plan nor looked after).
    ChildrenInNeedOnly,
    /// Events in the year served: proceedings, police call-outs, admissions.
    Flow(Outcome),
}

/// One effect, ready to apply.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Effect {
    /// The outcome it moves.
    pub outcome: Outcome,
    /// What it changes.
    pub change: Change,
    /// Size at the chosen level, before adjustments: % for council-relative
    /// effects, percentage points for cohort effects, events a year for
    /// per-council custom effects.
    pub size: f64,
    /// Low, central and high sizes, for the uncertainty analysis.
    pub range: [f64; 3],
    /// Quantity per case served at a size of 100: avoided per case =
    /// size ÷ 100 × `per_unit`.
    pub per_unit: f64,
    /// Largest sensible size (100% of a count, or the control share).
    pub cap: f64,
    /// `relative`, `points` or `per_council`.
    pub measure: &'static str,
    /// Where the low and high sizes come from: `published` (an interval
    /// published with the study), `convention` (this calculator's rule) or
    /// `yours` (a custom programme's own range).
    pub range_basis: &'static str,
    /// Years after a cohort is served in which the effect is counted in
    /// full: those its study observed (`usize::MAX` for a custom effect,
    /// counted as the user gives it).
    pub observed_years: usize,
    /// Share (0–1) of the effect counted in the years after those.
    pub beyond: f64,
    /// Whether that share is a choice beyond the evidence (the reader's,
    /// or none by default), which the simulation draws from none to all;
    /// `false` where the evaluation's own costing counted the years after.
    pub beyond_is_choice: bool,
    /// What the study followed and what its costing counted, in words.
    pub follow_up: &'static str,
    /// For an effect worked out from the share who entered care with the
    /// programme: the counterfactual share less that one, percentage
    /// points, and that none below 0 (the size at the central level);
    /// `None` for any other effect.
    pub points: Option<[f64; 2]>,
}

impl Effect {
    /// The share of the effect counted `lag` years after its cohort was
    /// served, before drop-off: all of it in the years observed, then
    /// `beyond` (or a draw's share, for a choice).
    ///
    /// ```
    /// # use outcome_model::calc::resolve::{Change, Effect};
    /// # use outcome_model::Outcome;
    /// let e = Effect {
    ///     outcome: Outcome::CpPlans, change: Change::CpPlans, size: 29.0,
    ///     range: [14.5, 29.0, 29.0], per_unit: 1.0, cap: 100.0,
    ///     measure: "relative", range_basis: "convention",
    ///     observed_years: 1, beyond: 0.0, beyond_is_choice: true,
    ///     follow_up: "followed for 12 months", points: None,
    /// };
    /// assert_eq!(e.counted(0, None), 1.0);
    /// assert_eq!(e.counted(1, None), 0.0);
    /// assert_eq!(e.counted(1, Some(0.25)), 0.25);
    /// ```
    #[inline(always)]
    pub fn counted(&self, lag: usize, drawn: Option<f64>) -> f64 {
        if lag < self.observed_years {
            1.0
        } else if self.beyond_is_choice {
            drawn.unwrap_or(self.beyond)
        } else {
            self.beyond
        }
    }
}

/// A monetised benefit per case.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CaseValue {
    /// Who gains.
    pub agency: Agency,
    /// £ per case at the chosen level, 2025-26 prices, over `years`.
    pub value: f64,
    /// Low, central and high, 2025-26 prices.
    pub range: [f64; 3],
    /// Years it lasts from the year a case is served.
    pub years: usize,
    /// How it unfolds over `years`. `None` (a library benefit): `value` is
    /// for the whole period, spread evenly over it and reduced by the
    /// scenario's drop-off. `Some(d)` (a custom benefit, the GMCA way):
    /// `value` is £ a case in each year, falling by `d` (a share, 0–1) a
    /// year after the first, instead of the scenario's drop-off.
    pub yearly_drop_off: Option<f64>,
}

impl CaseValue {
    /// The share of a year's value left `lag` years after the cases were
    /// served, given the scenario's `persist` (0–1 by lag): this value's
    /// own drop-off when it has one.
    ///
    /// ```
    /// # use outcome_model::calc::resolve::CaseValue;
    /// # use outcome_model::Agency;
    /// let mut c = CaseValue {
    ///     agency: Agency::Nhs, value: 1_000.0, range: [1_000.0; 3], years: 3,
    ///     yearly_drop_off: Some(0.2),
    /// };
    /// assert_eq!(c.keep(2, &[1.0, 0.5, 0.25]), 0.8 * 0.8);
    /// c.yearly_drop_off = None;
    /// assert_eq!(c.keep(2, &[1.0, 0.5, 0.25]), 0.25);
    /// ```
    #[inline(always)]
    pub fn keep(&self, lag: usize, persist: &[f64]) -> f64 {
        match self.kept_a_year() {
            Some(k) => k.powi(lag as i32),
            None => persist[lag],
        }
    }

    /// The share of a year's value kept into the next (1 − its own
    /// drop-off, 0–1); `None` for a value that follows the scenario's
    /// drop-off.
    #[inline(always)]
    pub fn kept_a_year(&self) -> Option<f64> {
        self.yearly_drop_off.map(|d| 1.0 - d)
    }

    /// Years the value is divided over in each year: all of `years` for a
    /// value for the whole period, 1 for a value a year.
    pub fn spread_over(&self) -> f64 {
        match self.yearly_drop_off {
            Some(_) => 1.0,
            None => self.years as f64,
        }
    }
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
    /// Cases a year at full reach.
    pub cohort: f64,
    /// Cases a year the council could serve, where known; served cases
    /// never exceed it.
    pub eligible: Option<f64>,
    /// Reach at full roll-out, as a share (0–1).
    pub engagement: f64,
    /// £ per case served, 2025-26 prices.
    pub cost_per_case: f64,
    /// £ a year while funded.
    pub annual_cost: f64,
    /// £ once, in year 1.
    pub setup_cost: f64,
    /// Outcome effects.
    pub effects: Vec<Effect>,
    /// Monetised benefits per case.
    pub case_values: Vec<CaseValue>,
    /// (1 − deadweight)(1 − attribution)(1 − optimism bias)(effect scale):
    /// the product of [`Programme::adjusted_by`].
    pub adjustment: f64,
    /// Deadweight and attribution as shares (0–1): the first two factors
    /// of [`Programme::adjusted_by`] are 1 − each.
    pub taken_off: [f64; 2],
    /// The factors of the adjustment, each 0–1: the share left after
    /// deadweight, after attribution and after optimism bias, and the
    /// scale of the effects.
    pub adjusted_by: [f64; 4],
    /// The optimism bias on this programme's benefits (0–1): the
    /// simulation's most likely effect is the published one less it.
    pub optimism: f64,
    /// The placement avoided.
    pub placement: Placement,
    /// Years an avoided stay in care would have lasted.
    pub care_years: f64,
    /// The longest it could have lasted (until 18), years: the bound on a
    /// longer stay drawn in the simulation.
    pub max_care_years: f64,
    /// Index of a chosen programme whose cohort contains this one's.
    pub parent: Option<usize>,
    /// Whether it serves one cohort, in the first year only (a custom
    /// programme's choice); otherwise one in each funded year.
    pub first_year_only: bool,
}

impl Programme {
    /// A programme with its effects and nothing else set yet: the choice's
    /// settings are filled in by [`programme`].
    fn bare(
        id: &str,
        name: String,
        grade: Grade,
        effects: Vec<Effect>,
        case_values: Vec<CaseValue>,
        care_years: f64,
    ) -> Programme {
        Programme {
            id: id.to_string(),
            name,
            grade,
            cohort: 0.0,
            eligible: None,
            engagement: 0.0,
            cost_per_case: 0.0,
            annual_cost: 0.0,
            setup_cost: 0.0,
            effects,
            case_values,
            adjustment: 0.0,
            adjusted_by: [0.0; 4],
            taken_off: [0.0; 2],
            optimism: 0.0,
            placement: Placement::Foster,
            care_years,
            max_care_years: 18.0,
            parent: None,
            first_year_only: false,
        }
    }

    /// This programme's relative reduction in care time (0–1, after
    /// adjustments), which a programme nested in it applies after.
    #[inline]
    pub fn care_time_reduction(&self, sizes: &[f64]) -> f64 {
        self.care_time_fall(sizes)
            .map_or(0.0, |f| f.fall.clamp(0.0, 1.0))
    }

    /// This programme's fall in care time, where it has one, before it is
    /// held to a share from 0 to 1 ([`Programme::care_time_reduction`]).
    #[inline]
    pub fn care_time_fall(&self, sizes: &[f64]) -> Option<CareFall> {
        self.effects
            .iter()
            .zip(sizes)
            .find(|(e, _)| e.change == Change::CareTime)
            .map(|(_, s)| {
                let share = s / 100.0;
                CareFall {
                    share,
                    fall: share * self.adjustment,
                }
            })
    }
}

/// A programme's fall in care time, as [`Programme::care_time_fall`]
/// works it out.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CareFall {
    /// The effect's size as a share (size ÷ 100).
    pub share: f64,
    /// That × the programme's adjustment: the fall after adjustment,
    /// before it is held between 0 and 1.
    pub fall: f64,
}

fn pick(level: EffectLevel, r: [f64; 3]) -> f64 {
    match level {
        EffectLevel::Low => r[0],
        EffectLevel::Central => r[1],
        EffectLevel::High => r[2],
    }
}

/// The council's infant care entries: its own figure, or the studied Pause
/// areas' average, never more than all its care entries. `None` when the
/// council has neither its own figure nor a count of care entries: the
/// stand-in is not used for a council with no care entries to hold it to.
pub fn infant_care_starts(s: &Scenario) -> Option<f64> {
    let k = &s.council;
    match (k.infant_care_starts, k.care_starts) {
        (own, Some(starts)) => Some(own.unwrap_or(PAUSE_STUDIED_INFANT_ENTRIES).min(starts)),
        (own, None) => own,
    }
}

/// The eligible caseload of a library programme from the council figures.
pub fn eligible(s: &Scenario, prog: &evidence::Programme) -> Option<f64> {
    let e = prog.eligible?;
    let base = match e.base {
        EligibleBase::CpPlans => s.council.cp_plans?,
        EligibleBase::InfantCareEntries => infant_care_starts(s)?,
    };
    Some(base * e.per_unit)
}

/// A council count by outcome, if the scenario has it.
pub fn council_count(s: &Scenario, o: Outcome) -> Option<f64> {
    let k = &s.council;
    match o {
        Outcome::CareEntries => k.care_starts,
        Outcome::CpPlans => k.cp_plans,
        Outcome::ChildrenInNeed => k.children_in_need,
        Outcome::CareProceedings => k.care_proceedings,
        Outcome::PoliceIncidents => k.police_incidents,
        Outcome::EmergencyAdmissions => k.emergency_admissions,
    }
}

/// Resolves one programme choice of a validated scenario; `index` is its
/// place in the scenario.
pub fn programme(s: &Scenario, choice: &ProgrammeChoice) -> Programme {
    let level = s.assumptions.effect_level;
    let d = care_years(s);
    let mut effects = Vec::new();
    let mut case_values = Vec::new();
    let optimism;
    let mut p = if choice.programme == CUSTOM_ID {
        let custom = choice
            .custom
            .as_ref()
            .expect("validated: custom programmes carry their definition");
        optimism = s.assumptions.optimism_bias_benefits.for_grade(custom.grade);
        let cohort = choice.cohort.filter(|c| *c > 0.0);
        for e in &custom.effects {
            let range = [e.low, e.central, e.high];
            let base = e.baseline.unwrap_or(0.0);
            let change = match e.outcome {
                Outcome::CareEntries => Change::CareEntries,
                Outcome::CpPlans => Change::CpPlans,
                Outcome::ChildrenInNeed => Change::ChildrenInNeedOnly,
                o => Change::Flow(o),
            };
            let (per_unit, cap, measure) = match e.measure {
                // % of the council's count over the cohort it covers, or
                // over the whole council when no cohort is given.
                CustomMeasure::Relative => match council_count(s, e.outcome) {
                    Some(count) => (count / cohort.unwrap_or(1.0), 100.0, "relative"),
                    None => continue,
                },
                CustomMeasure::PercentagePoints => (1.0, base.max(0.0), "points"),
                CustomMeasure::PerCouncil => (100.0, base.max(0.0), "per_council"),
            };
            effects.push(Effect {
                outcome: e.outcome,
                change,
                size: pick(level, range),
                range,
                per_unit,
                cap,
                measure,
                range_basis: "yours",
                observed_years: usize::MAX,
                beyond: 1.0,
                beyond_is_choice: false,
                follow_up: "your own programme's effects are counted as you give them",
                points: None,
            });
        }
        for b in &custom.benefits {
            let range = [b.low, b.value, b.high];
            case_values.push(CaseValue {
                agency: b.agency,
                value: pick(level, range),
                range,
                years: b.years as usize,
                yearly_drop_off: Some(b.drop_off_pct / 100.0),
            });
        }
        let name = if custom.name.trim().is_empty() {
            "Your programme".to_string()
        } else {
            custom.name.clone()
        };
        Programme {
            first_year_only: custom.cohorts == Cohorts::FirstYearOnly,
            cohort: cohort.unwrap_or(1.0),
            cost_per_case: choice.cost_per_case.unwrap_or(0.0),
            placement: choice.placement.unwrap_or(Placement::Foster),
            ..Programme::bare(CUSTOM_ID, name, custom.grade, effects, case_values, d)
        }
    } else {
        let prog = evidence::find(&choice.programme).expect("validated: programme exists");
        optimism = s.assumptions.optimism_bias_benefits.for_grade(prog.grade);
        let eligible = choice.eligible.or_else(|| eligible(s, &prog));
        let cohort = choice.cohort.or(match prog.cohort.default {
            Some(CohortDefault::Eligible) => eligible,
            Some(CohortDefault::Cases(n)) => Some(n),
            None => None,
        });
        let per_case = |count: Option<f64>| match (count, eligible) {
            (Some(c), Some(e)) if e > 0.0 => Some(c / e),
            _ => None,
        };
        for e in &prog.effects {
            let mut points = None;
            let range = [e.size.low, e.size.central, e.size.high];
            let outcome = e.quantity.outcome();
            let (change, per_unit, cap, size, range, measure) = match (e.measure, e.quantity) {
                (Measure::CouncilRelative, q) => {
                    let (change, count) = match q {
                        Quantity::CareTime => (Change::CareTime, s.council.care_starts),
                        Quantity::InfantCareEntries => (Change::CareEntries, infant_care_starts(s)),
                        Quantity::CpPlans => (Change::CpPlans, s.council.cp_plans),
                        Quantity::ChildrenInNeed => {
                            (Change::ChildrenInNeedAllTiers, s.council.children_in_need)
                        }
                        Quantity::CareEntries => (Change::CareEntries, s.council.care_starts),
                        Quantity::InCareAt12Months => {
                            (Change::InCareAt12Months, s.council.care_starts)
                        }
                        Quantity::CareProceedings => (
                            Change::Flow(Outcome::CareProceedings),
                            s.council.care_proceedings,
                        ),
                    };
                    match per_case(count) {
                        Some(u) => (change, u, 100.0, pick(level, range), range, "relative"),
                        None => continue,
                    }
                }
                (Measure::CohortPoints { control_pct }, q) => {
                    let change = match q {
                        Quantity::InCareAt12Months => Change::InCareAt12Months,
                        Quantity::CareEntries | Quantity::InfantCareEntries => Change::CareEntries,
                        Quantity::CareTime => Change::CareTime,
                        Quantity::CpPlans => Change::CpPlans,
                        Quantity::ChildrenInNeed => Change::ChildrenInNeedOnly,
                        Quantity::CareProceedings => Change::Flow(Outcome::CareProceedings),
                    };
                    (
                        change,
                        1.0,
                        control_pct,
                        pick(level, range),
                        range,
                        "points",
                    )
                }
                (Measure::CohortObserved { observed_pct }, _) => {
                    // The size follows from the user's counterfactual; its
                    // range is the grade's convention below it.
                    let control = choice.counterfactual_pct.unwrap_or(observed_pct);
                    let diff = control - observed_pct;
                    let derived = diff.max(0.0);
                    points = Some([diff, derived]);
                    let r = Range::by_rule(derived, prog.grade);
                    let range = [r.low, r.central, r.high];
                    (
                        Change::CareEntries,
                        1.0,
                        control,
                        pick(level, range),
                        range,
                        "points",
                    )
                }
            };
            let chosen = s.assumptions.beyond_observed_pct.map(|v| v / 100.0);
            let (beyond, beyond_is_choice) = match (e.follow_up.beyond, chosen) {
                (true, None) => (1.0, false),
                (_, Some(share)) => (share, true),
                (false, None) => (0.0, true),
            };
            effects.push(Effect {
                outcome,
                change,
                size,
                range,
                per_unit,
                cap,
                measure,
                range_basis: match e.range_basis {
                    RangeBasis::Published => "published",
                    RangeBasis::Convention => "convention",
                },
                observed_years: e.follow_up.years as usize,
                beyond,
                beyond_is_choice,
                follow_up: e.follow_up.basis,
                points,
            });
        }
        for b in &prog.case_benefits {
            let up = prices::uplift(b.price_year);
            let range = [
                b.per_case.low * up,
                b.per_case.central * up,
                b.per_case.high * up,
            ];
            case_values.push(CaseValue {
                agency: b.agency,
                value: pick(level, range),
                range,
                years: b.years,
                yearly_drop_off: None,
            });
        }
        let max_care_years = match prog.duration {
            Duration::Council => 18.0,
            Duration::UntilAdult { entry_age } => 18.0 - entry_age,
        };
        let care_years = d.min(max_care_years);
        let parent = prog
            .nests_in
            .and_then(|id| s.programmes.iter().position(|c| c.programme == id));
        // A council whose official figures postdate the programme's start
        // there already counts its effect: nothing further is counted.
        if already_runs(s, prog.id).is_some() {
            effects.clear();
            case_values.clear();
        }
        Programme {
            cohort: cohort.unwrap_or(0.0),
            eligible,
            cost_per_case: choice.cost_per_case.unwrap_or_else(|| {
                prog.cost
                    .as_ref()
                    .map_or(0.0, |c| c.per_case * prices::uplift(c.price_year))
            }),
            placement: choice.placement.unwrap_or(prog.placement),
            parent,
            max_care_years,
            ..Programme::bare(
                prog.id,
                prog.name.to_string(),
                prog.grade,
                effects,
                case_values,
                care_years,
            )
        }
    };
    // The high setting is the published figures as they stand: no
    // optimism bias taken off them.
    let optimism = if level == EffectLevel::High {
        0.0
    } else {
        optimism
    };
    p.engagement = choice.engagement_pct / 100.0;
    p.annual_cost = choice.annual_cost;
    p.setup_cost = choice.setup_cost;
    p.optimism = optimism / 100.0;
    p.taken_off = [
        choice.deadweight_pct / 100.0,
        choice.attribution_pct / 100.0,
    ];
    p.adjusted_by = [
        1.0 - p.taken_off[0],
        1.0 - p.taken_off[1],
        1.0 - optimism / 100.0,
        choice.effect_scale_pct / 100.0,
    ];
    let [deadweight, attribution, optimism, scale] = p.adjusted_by;
    p.adjustment = deadweight * attribution * optimism * scale;
    p
}

/// The record of the scenario's council running library programme `id`,
/// when its figures are the official ones of a year after the programme
/// started there (so they already contain its effect).
pub fn already_runs(s: &Scenario, id: &str) -> Option<&'static crate::data::adopters::Adoption> {
    let k = &s.council;
    let a = crate::data::adopters::find(k.code.as_deref()?, id)?;
    crate::data::adopters::already_in(a, k.data_year?).then_some(a)
}

/// Years in care per entry: the scenario's figure, or the council's looked
/// after ÷ leaving care, or England's.
pub fn care_years(s: &Scenario) -> f64 {
    if let Some(d) = s.assumptions.care_years {
        return d;
    }
    match care_quotient(s) {
        Some(q) => q.clamp(0.1, 18.0),
        None => crate::data::defaults::ENGLAND_CARE_YEARS,
    }
}

/// The council's children looked after ÷ children leaving care in the
/// year, years, before [`care_years`] holds it between 0.1 and 18; `None`
/// when the council lacks either (or either is 0).
pub fn care_quotient(s: &Scenario) -> Option<f64> {
    match (s.council.children_looked_after, s.council.care_ceased) {
        (Some(cla), Some(ceased)) if ceased > 0.0 && cla > 0.0 => Some(cla / ceased),
        _ => None,
    }
}
