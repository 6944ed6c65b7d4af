//! The projection's chain rebuilt as steps: the same arithmetic as
//! [`crate::calc::engine::simulate`] at the central draw, each number kept
//! with how it was reached, programme by programme and year by year. Built
//! only when a working is asked for.

use crate::calc::engine::{Plan, AGENCIES, OUTCOMES};
use crate::calc::outcome::{Agency, Outcome};
use crate::calc::projection::year_label;
use crate::calc::resolve::{Change, Programme};
use crate::data::citation::Verification;
use crate::data::defaults;
use crate::data::evidence::{
    self, CohortDefault, Duration, EligibleBase, Grade, Measure, Placement, Quantity, CUSTOM_ID,
    PAUSE_STUDIED_INFANT_ENTRIES,
};
use crate::data::prices::PRICE_BASE_LABEL;
use crate::explain::derivation::{Op, Source, Step, Unit};
use crate::explain::source::Sources;
use crate::scenario::format::{CustomMeasure, EffectLevel, Scenario};

const CARE: usize = Outcome::CareEntries as usize;
const CP: usize = Outcome::CpPlans as usize;
const CIN: usize = Outcome::ChildrenInNeed as usize;
const COURT: usize = Outcome::CareProceedings as usize;
const POLICE: usize = Outcome::PoliceIncidents as usize;
const NHS: usize = Outcome::EmergencyAdmissions as usize;

/// One effect of one programme, ready to explain.
pub(crate) struct EffectSteps {
    /// Its size before adjustments.
    pub(crate) size: Step,
    /// The change per case served in a year before growth, adjustment and
    /// timing (size ÷ 100 × the quantity per unit).
    pub(crate) per_case: Step,
    /// Where its range comes from, for the simulation's inputs.
    pub(crate) source: Source,
}

/// The chain as steps. Indices follow [`crate::calc::engine::Work`]:
/// `[i * h + t]` for programme *i*, year *t*.
pub(crate) struct Model<'a> {
    pub(crate) s: &'a Scenario,
    pub(crate) plan: Plan,
    pub(crate) h: usize,
    pub(crate) n: usize,
    pub(crate) src: Sources<'a>,
    /// Years in care per entry (D).
    pub(crate) care_years: Step,
    pub(crate) adjustment: Vec<Step>,
    pub(crate) cohort: Vec<Step>,
    pub(crate) eligible: Vec<Option<Step>>,
    pub(crate) cost_per_case: Vec<Step>,
    /// Per programme, its effects in [`crate::calc::engine::Draw::sizes`] order.
    pub(crate) effects: Vec<Vec<EffectSteps>>,
    /// Per programme, its per-case money values: (value, its source).
    pub(crate) case_values: Vec<Vec<(Step, Source)>>,
    pub(crate) discount: Vec<Step>,
    pub(crate) served: Vec<Step>,
    /// `[(i * h + t) * OUTCOMES + o]`.
    pub(crate) avoided: Vec<Step>,
    pub(crate) child_years: Vec<Step>,
    /// `[(i * h + t) * AGENCIES + a]`.
    pub(crate) savings: Vec<Step>,
    pub(crate) cashable: Vec<Step>,
    pub(crate) cost: Vec<Step>,
}

fn grade_field(g: Grade) -> &'static str {
    match g {
        Grade::Rct => "assumptions.optimism_bias_benefits.rct_pct",
        Grade::Qed => "assumptions.optimism_bias_benefits.qed_pct",
        Grade::BeforeAfter => "assumptions.optimism_bias_benefits.before_after_pct",
        Grade::Modelled => "assumptions.optimism_bias_benefits.modelled_pct",
    }
}

fn product(label: impl Into<String>, unit: Unit, of: Vec<Step>) -> Step {
    Step::op(label, unit, Op::Product, of)
}

fn share(step: Step) -> Step {
    let label = format!("{} as a share", step.label);
    Step::op(label, Unit::Share, Op::Percent, vec![step])
}

/// `step` unless it is exactly 1 (a factor that changes nothing).
fn factor(out: &mut Vec<Step>, step: Step) {
    if step.value != 1.0 {
        out.push(step);
    }
}

/// A profile's share in one year: the stay left after `start` years,
/// no more than `cap` and no less than 0 (engine's `profile`).
fn profile_step(d: &Step, start: f64, cap: f64, label: String) -> Step {
    let m = |v: f64, why: &str| Sources::method(why, v, Unit::Years, why);
    let left = if start == 0.0 {
        d.clone()
    } else {
        Step::op(
            "stay left",
            Unit::Years,
            Op::Difference,
            vec![d.clone(), m(start, "years of the stay already counted")],
        )
    };
    let v = left.value;
    if v >= cap {
        Step::op(
            label,
            Unit::Years,
            Op::Min,
            vec![
                left,
                m(
                    cap,
                    if cap == 0.5 {
                        "half a year in the year of entry (entries spread through the year)"
                    } else {
                        "a whole year in each later year"
                    },
                ),
            ],
        )
    } else if v <= 0.0 {
        Step::op(
            label,
            Unit::Years,
            Op::Max,
            vec![left, m(0.0, "no stay left")],
        )
    } else {
        left.named(label)
    }
}

impl<'a> Model<'a> {
    /// Rebuilds the chain of a validated scenario.
    pub(crate) fn new(s: &'a Scenario) -> Model<'a> {
        let plan = Plan::new(s);
        let h = plan.horizon;
        let n = plan.programmes.len();
        let src = Sources::new(s);
        let mut m = Model {
            s,
            h,
            n,
            src,
            care_years: Step::input(
                "",
                0.0,
                Unit::Years,
                Source::Method {
                    rule: String::new(),
                },
            ),
            adjustment: Vec::new(),
            cohort: Vec::new(),
            eligible: Vec::new(),
            cost_per_case: Vec::new(),
            effects: Vec::new(),
            case_values: Vec::new(),
            discount: Vec::new(),
            served: Vec::new(),
            avoided: Vec::new(),
            child_years: Vec::new(),
            savings: Vec::new(),
            cashable: Vec::new(),
            cost: Vec::new(),
            plan,
        };
        m.care_years = m.years_in_care();
        for i in 0..n {
            let adj = m.adjustment_of(i);
            m.adjustment.push(adj);
            let e = m.eligible_of(i);
            m.eligible.push(e);
            let c = m.cohort_of(i);
            m.cohort.push(c);
            let cpc = m.cost_per_case_of(i);
            m.cost_per_case.push(cpc);
            let fx = m.effects_of(i);
            m.effects.push(fx);
            let cv = m.case_values_of(i);
            m.case_values.push(cv);
        }
        m.discount = (0..h).map(|t| m.discount_step(t)).collect();
        m.served = (0..n)
            .flat_map(|i| (0..h).map(move |t| (i, t)))
            .map(|(i, t)| m.served_step(i, t))
            .collect();
        m.chain();
        m
    }

    fn label_of(&self, i: usize) -> &str {
        &self.plan.programmes[i].name
    }

    fn year(&self, t: usize) -> String {
        year_label(self.s.assumptions.start_year, t)
    }

    fn pct_field(&self, label: &str, path: &str, value: f64) -> Step {
        share(self.src.field(label, path, value, Unit::Percent))
    }

    /// Years in care per entry (D): the scenario's figure, the council's
    /// looked after ÷ leaving care, or England's.
    fn years_in_care(&self) -> Step {
        let s = self.s;
        if let Some(d) = s.assumptions.care_years {
            return self.src.field(
                "years in care per entry",
                "assumptions.care_years",
                d,
                Unit::Years,
            );
        }
        match (s.council.children_looked_after, s.council.care_ceased) {
            (Some(cla), Some(ceased)) if ceased > 0.0 && cla > 0.0 => {
                let q = Step::op(
                    "years in care per entry: looked after ÷ leaving care",
                    Unit::Years,
                    Op::Quotient,
                    vec![
                        self.src.council(
                            "children looked after at 31 March",
                            "council.children_looked_after",
                            cla,
                        ),
                        self.src.council(
                            "children leaving care in the year",
                            "council.care_ceased",
                            ceased,
                        ),
                    ],
                );
                let v = q.value;
                let m = |x: f64, why: &str| Sources::method(why, x, Unit::Years, why);
                if v < 0.1 {
                    Step::op(
                        "years in care per entry",
                        Unit::Years,
                        Op::Max,
                        vec![q, m(0.1, "no shorter than 0.1 years")],
                    )
                } else if v > 18.0 {
                    Step::op(
                        "years in care per entry",
                        Unit::Years,
                        Op::Min,
                        vec![q, m(18.0, "no longer than 18 years")],
                    )
                } else {
                    q
                }
            }
            _ => {
                let d = defaults::sourced("assumptions.care_years");
                match d {
                    Some(d) => Step::input(
                        "years in care per entry: England's",
                        defaults::ENGLAND_CARE_YEARS,
                        Unit::Years,
                        Source::Cited {
                            field: Some("assumptions.care_years".into()),
                            basis: d.basis.into(),
                            citation: d.source,
                            verification: d.verification,
                        },
                    ),
                    None => Sources::method(
                        "years in care per entry: England's",
                        defaults::ENGLAND_CARE_YEARS,
                        Unit::Years,
                        "England's looked after ÷ leaving care",
                    ),
                }
            }
        }
    }

    /// (1 − deadweight)(1 − attribution)(1 − optimism bias)(effect scale).
    fn adjustment_of(&self, i: usize) -> Step {
        let c = &self.s.programmes[i];
        let p = &self.plan.programmes[i];
        let at = |f: &str| format!("programmes[{i}].{f}");
        let keep = |label: &str, path: String, v: f64| {
            Step::op(
                format!("share left after {label}"),
                Unit::Share,
                Op::Complement,
                vec![self.pct_field(label, &path, v)],
            )
        };
        let opt = self.s.assumptions.optimism_bias_benefits.for_grade(p.grade);
        product(
            format!("{}: adjustment to its effects", p.name),
            Unit::Factor,
            vec![
                keep("deadweight", at("deadweight_pct"), c.deadweight_pct),
                keep("attribution", at("attribution_pct"), c.attribution_pct),
                keep(
                    &format!("optimism bias on benefits ({})", p.grade.label()),
                    grade_field(p.grade).to_string(),
                    opt,
                ),
                self.pct_field(
                    "scale of the effects",
                    &at("effect_scale_pct"),
                    c.effect_scale_pct,
                ),
            ],
        )
    }

    /// The council's infant care entries: its own, or the studied areas'
    /// average, never more than all its entries.
    fn infant_entries(&self) -> Step {
        let k = &self.s.council;
        let stand_in = match k.infant_care_starts {
            Some(v) => self.src.field(
                "infants entering care a year",
                "council.infant_care_starts",
                v,
                Unit::Children,
            ),
            None => Sources::cited(
                "infants entering care a year: the studied Pause areas' average",
                PAUSE_STUDIED_INFANT_ENTRIES,
                Unit::Children,
                "14.4 fewer a year was about 30% (Boddy et al. 2020): 14.4 ÷ 0.30 = 48; used when the council has no count of its own",
                crate::data::citation::BODDY_2020,
                Verification::Derived,
            ),
        };
        match k.care_starts {
            Some(starts) => Step::op(
                "infants entering care a year (no more than all care entries)",
                Unit::Children,
                Op::Min,
                vec![
                    stand_in,
                    self.src
                        .council("children starting care", "council.care_starts", starts),
                ],
            ),
            None => stand_in,
        }
    }

    fn library(&self, i: usize) -> Option<evidence::Programme> {
        let c = &self.s.programmes[i];
        if c.programme == CUSTOM_ID {
            None
        } else {
            evidence::find(&c.programme)
        }
    }

    fn eligible_of(&self, i: usize) -> Option<Step> {
        let c = &self.s.programmes[i];
        let p = &self.plan.programmes[i];
        let v = p.eligible?;
        if let Some(e) = c.eligible {
            return Some(self.src.field(
                "eligible cases a year",
                &format!("programmes[{i}].eligible"),
                e,
                Unit::Cases,
            ));
        }
        let prog = self.library(i)?;
        let e = prog.eligible?;
        let base = match e.base {
            EligibleBase::CpPlans => self.src.council(
                "children on protection plans at 31 March",
                "council.cp_plans",
                self.s.council.cp_plans?,
            ),
            EligibleBase::InfantCareEntries => self.infant_entries(),
        };
        let citation = prog
            .effects
            .first()
            .map(|e| e.source)
            .or(prog.case_benefits.first().map(|b| b.source))?;
        let step = product(
            format!("{}: eligible cases a year", p.name),
            Unit::Cases,
            vec![
                base,
                Sources::cited(
                    "cases per unit of the council figure",
                    e.per_unit,
                    Unit::Factor,
                    e.basis,
                    citation,
                    Verification::Derived,
                ),
            ],
        );
        debug_assert!((step.value - v).abs() <= 1e-9 * v.abs().max(1.0));
        Some(step)
    }

    fn cohort_of(&self, i: usize) -> Step {
        let c = &self.s.programmes[i];
        let p = &self.plan.programmes[i];
        let path = format!("programmes[{i}].cohort");
        let label = format!("{}: cases a year at full reach", p.name);
        if c.programme == CUSTOM_ID {
            return match c.cohort.filter(|v| *v > 0.0) {
                Some(v) => self.src.field(&label, &path, v, Unit::Cases),
                None => Sources::method(
                    &label,
                    1.0,
                    Unit::Cases,
                    "no cohort given: the effects are for the council as a whole, one case a year",
                ),
            };
        }
        if let Some(v) = c.cohort {
            return self.src.field(&label, &path, v, Unit::Cases);
        }
        let prog = self.library(i);
        match prog.as_ref().and_then(|q| q.cohort.default) {
            Some(CohortDefault::Eligible) => match &self.eligible[i] {
                Some(e) => e
                    .clone()
                    .named(format!("{label}: the whole eligible caseload")),
                None => Sources::method(
                    &label,
                    0.0,
                    Unit::Cases,
                    "no cohort and no eligible caseload",
                ),
            },
            Some(CohortDefault::Cases(v)) => {
                let q = prog.expect("a library programme");
                let citation = q
                    .effects
                    .first()
                    .map(|e| e.source)
                    .unwrap_or(crate::data::citation::GREEN_BOOK);
                Sources::cited(
                    &label,
                    v,
                    Unit::Cases,
                    q.cohort.hint,
                    citation,
                    Verification::Derived,
                )
            }
            None => Sources::method(&label, 0.0, Unit::Cases, "no cohort entered"),
        }
    }

    fn cost_per_case_of(&self, i: usize) -> Step {
        let c = &self.s.programmes[i];
        let p = &self.plan.programmes[i];
        let label = format!("{}: cost per case", p.name);
        let path = format!("programmes[{i}].cost_per_case");
        if let Some(v) = c.cost_per_case {
            return self.src.field(&label, &path, v, Unit::PoundsACase);
        }
        match self.library(i).and_then(|q| q.cost) {
            Some(cost) => product(
                label,
                Unit::PoundsACase,
                vec![
                    Sources::cited(
                        "published cost per case",
                        cost.per_case,
                        Unit::PoundsACase,
                        cost.basis,
                        cost.source,
                        cost.verification,
                    )
                    .priced(&crate::data::prices::label(cost.price_year)),
                    Sources::uplift(cost.price_year),
                ],
            )
            .priced(PRICE_BASE_LABEL),
            None => Sources::method(&label, 0.0, Unit::PoundsACase, "no cost per case entered")
                .priced(PRICE_BASE_LABEL),
        }
    }

    /// The size of each resolved effect and its change per case served.
    fn effects_of(&self, i: usize) -> Vec<EffectSteps> {
        let p: &Programme = &self.plan.programmes[i];
        let c = &self.s.programmes[i];
        let level = self.s.assumptions.effect_level;
        let pick = |r: [f64; 3]| match level {
            EffectLevel::Low => r[0],
            EffectLevel::Central => r[1],
            EffectLevel::High => r[2],
        };
        let level_words = match level {
            EffectLevel::Low => "low end of the range",
            EffectLevel::Central => "the published figure",
            EffectLevel::High => "high end of the range",
        };
        let unit_of = |measure: &str| match measure {
            "relative" => Unit::Percent,
            "per_council" => Unit::Events,
            _ => Unit::Percent,
        };
        let mut out: Vec<EffectSteps> = Vec::new();
        // Sizes and the quantity each moves per unit of size.
        let mut raw: Vec<(Step, Option<Step>, Source)> = Vec::new();
        if c.programme == CUSTOM_ID {
            let custom = c
                .custom
                .as_ref()
                .expect("validated: custom has its definition");
            let cohort = c.cohort.filter(|v| *v > 0.0);
            for (j, e) in custom.effects.iter().enumerate() {
                let count = crate::calc::resolve::council_count(self.s, e.outcome);
                if e.measure == CustomMeasure::Relative && count.is_none() {
                    continue;
                }
                let end = match level {
                    EffectLevel::Low => "low",
                    EffectLevel::Central => "central",
                    EffectLevel::High => "high",
                };
                let path = format!("programmes[{i}].custom.effects[{j}].{end}");
                let size = pick([e.low, e.central, e.high]);
                let measure = match e.measure {
                    CustomMeasure::Relative => "relative",
                    CustomMeasure::PercentagePoints => "points",
                    CustomMeasure::PerCouncil => "per_council",
                };
                let leaf = self.src.field(
                    &format!("{}: effect on {}", p.name, e.outcome.label()),
                    &path,
                    size,
                    unit_of(measure),
                );
                let per_unit = match e.measure {
                    CustomMeasure::Relative => {
                        let k = self.council_count_step(e.outcome, count.unwrap_or(0.0));
                        Some(match cohort {
                            Some(v) => Step::op(
                                "council count per case",
                                Unit::Factor,
                                Op::Quotient,
                                vec![
                                    k,
                                    self.src.field(
                                        "cases a year",
                                        &format!("programmes[{i}].cohort"),
                                        v,
                                        Unit::Cases,
                                    ),
                                ],
                            ),
                            None => k,
                        })
                    }
                    CustomMeasure::PercentagePoints => None,
                    CustomMeasure::PerCouncil => Some(Sources::method(
                        "events a year per unit of size",
                        100.0,
                        Unit::Factor,
                        "a per-council effect is a number of events a year: size ÷ 100 × 100",
                    )),
                };
                let source = match &leaf.kind {
                    crate::explain::derivation::StepKind::Input { source } => source.clone(),
                    _ => unreachable!("a field is an input"),
                };
                raw.push((leaf, per_unit, source));
            }
        } else if let Some(prog) = self.library(i) {
            let eligible = self.eligible[i].clone();
            for e in &prog.effects {
                let kept = p
                    .effects
                    .get(raw.len())
                    .is_some_and(|r| r.outcome == e.quantity.outcome());
                if !kept {
                    continue;
                }
                let source = Source::Cited {
                    field: None,
                    basis: e.finding.to_string(),
                    citation: e.source,
                    verification: e.verification,
                };
                let label = format!(
                    "{}: effect on {} ({})",
                    p.name,
                    e.quantity.outcome().label(),
                    level_words
                );
                let rule = evidence::range_rule(prog.grade);
                let (size, per_unit) = match e.measure {
                    Measure::CouncilRelative => {
                        let count = match e.quantity {
                            Quantity::InfantCareEntries => self.infant_entries(),
                            q => {
                                let o = q.outcome();
                                let v =
                                    crate::calc::resolve::council_count(self.s, o).unwrap_or(0.0);
                                self.council_count_step(o, v)
                            }
                        };
                        let per = Step::op(
                            "council count per eligible case",
                            Unit::Factor,
                            Op::Quotient,
                            vec![
                                count,
                                eligible
                                    .clone()
                                    .expect("a council effect has an eligible caseload"),
                            ],
                        );
                        let v = pick([e.size.low, e.size.central, e.size.high]);
                        (
                            self.evidence_size(&label, v, level, rule, &source, Unit::Percent),
                            Some(per),
                        )
                    }
                    Measure::CohortPoints { .. } => {
                        let v = pick([e.size.low, e.size.central, e.size.high]);
                        (
                            self.evidence_size(&label, v, level, rule, &source, Unit::Percent),
                            None,
                        )
                    }
                    Measure::CohortObserved { observed_pct } => {
                        let control = match c.counterfactual_pct {
                            Some(v) => self.src.field(
                                "share who would have entered care without it",
                                &format!("programmes[{i}].counterfactual_pct"),
                                v,
                                Unit::Percent,
                            ),
                            None => Sources::cited(
                                "share who would have entered care without it (none entered: the observed rate)",
                                observed_pct,
                                Unit::Percent,
                                e.finding,
                                e.source,
                                e.verification,
                            ),
                        };
                        let observed = Sources::cited(
                            "share who entered care with it",
                            observed_pct,
                            Unit::Percent,
                            e.finding,
                            e.source,
                            e.verification,
                        );
                        let diff = Step::op(
                            "counterfactual − observed, points",
                            Unit::Percent,
                            Op::Difference,
                            vec![control, observed],
                        );
                        let derived = if diff.value < 0.0 {
                            Step::op(
                                "points avoided (none below 0)",
                                Unit::Percent,
                                Op::Max,
                                vec![
                                    diff,
                                    Sources::method(
                                        "zero",
                                        0.0,
                                        Unit::Percent,
                                        "no effect below zero",
                                    ),
                                ],
                            )
                        } else {
                            diff
                        };
                        let size = match level {
                            EffectLevel::Low => product(
                                label.clone(),
                                Unit::Percent,
                                vec![
                                    derived,
                                    Sources::method(
                                        "low end: share of the figure kept",
                                        1.0 - rule,
                                        Unit::Share,
                                        "the calculator's range convention: the low end is the figure less 25% (trial), 40% (comparison areas) or 50% (before/after, modelled)",
                                    ),
                                ],
                            ),
                            _ => derived.named(label.clone()),
                        };
                        (size, None)
                    }
                };
                raw.push((size, per_unit, source));
            }
        }
        // Change per case, with the children-in-need-only tier taken out.
        let per_case_of = |size: &Step, per_unit: &Option<Step>| {
            let mut of = vec![share(size.clone())];
            if let Some(u) = per_unit {
                of.push(u.clone());
            }
            product("change per case served", Unit::Factor, of)
        };
        let find = |ch: Change| p.effects.iter().position(|e| e.change == ch);
        let cp_pc = find(Change::CpPlans).map(|k| per_case_of(&raw[k].0, &raw[k].1));
        let care_pc = find(Change::CareTime).map(|k| {
            let mut x = per_case_of(&raw[k].0, &raw[k].1);
            if p.care_years < 1.0 {
                x = product(
                    "fall in children looked after at 31 March per case",
                    Unit::Factor,
                    vec![
                        x,
                        Step::op(
                            "share of a year in care",
                            Unit::Years,
                            Op::Min,
                            vec![
                                self.programme_care_years(i),
                                Sources::method("a year", 1.0, Unit::Years, "a year"),
                            ],
                        ),
                    ],
                );
            }
            x.named("fall in children looked after at 31 March per case")
        });
        for (k, (size, per_unit, source)) in raw.into_iter().enumerate() {
            let mut per_case = per_case_of(&size, &per_unit);
            if p.effects[k].change == Change::ChildrenInNeedAllTiers {
                let mut x = per_case;
                if let Some(cp) = &cp_pc {
                    x = Step::op(
                        "less the fall in protection plans",
                        Unit::Factor,
                        Op::Difference,
                        vec![x, cp.clone().named("fall in protection plans per case")],
                    );
                }
                if let Some(care) = &care_pc {
                    x = Step::op(
                        "less the fall in children looked after",
                        Unit::Factor,
                        Op::Difference,
                        vec![x, care.clone()],
                    );
                }
                per_case = if x.value < 0.0 {
                    Step::op(
                        "children in need only, per case (none below 0)",
                        Unit::Factor,
                        Op::Max,
                        vec![
                            x,
                            Sources::method("zero", 0.0, Unit::Factor, "no fall below zero"),
                        ],
                    )
                } else {
                    x.named("children in need only, per case")
                };
            }
            out.push(EffectSteps {
                size,
                per_case,
                source,
            });
        }
        out
    }

    /// A library effect's size at the chosen level.
    fn evidence_size(
        &self,
        label: &str,
        v: f64,
        level: EffectLevel,
        rule: f64,
        source: &Source,
        unit: Unit,
    ) -> Step {
        let source = match (level, source) {
            (EffectLevel::Central, s) => s.clone(),
            (_, Source::Cited { citation, basis, field, .. }) => Source::Cited {
                field: field.clone(),
                basis: format!(
                    "{basis}; the {} of its range, by the calculator's convention (the published figure less {}%, up to the figure itself)",
                    if level == EffectLevel::Low { "low end" } else { "high end" },
                    rule * 100.0
                ),
                citation: *citation,
                verification: Verification::Convention,
            },
            (_, s) => s.clone(),
        };
        Step::input(label, v, unit, source)
    }

    fn council_count_step(&self, o: Outcome, v: f64) -> Step {
        let (label, path) = match o {
            Outcome::CareEntries => ("children starting care in the year", "council.care_starts"),
            Outcome::CpPlans => (
                "children on protection plans at 31 March",
                "council.cp_plans",
            ),
            Outcome::ChildrenInNeed => ("children in need at 31 March", "council.children_in_need"),
            Outcome::CareProceedings => ("care proceedings a year", "council.care_proceedings"),
            Outcome::PoliceIncidents => {
                ("repeat police call-outs a year", "council.police_incidents")
            }
            Outcome::EmergencyAdmissions => (
                "adult emergency admissions a year",
                "council.emergency_admissions",
            ),
        };
        self.src.council(label, path, v)
    }

    /// Years an avoided stay would have lasted for programme `i`.
    fn programme_care_years(&self, i: usize) -> Step {
        match self.library(i).map(|p| p.duration) {
            Some(Duration::UntilAdult { entry_age }) => {
                let to_adult = Step::op(
                    "years until 18",
                    Unit::Years,
                    Op::Difference,
                    vec![
                        Sources::method("age 18", 18.0, Unit::Years, "care ends at 18"),
                        Sources::method(
                            "age on entering care",
                            entry_age,
                            Unit::Years,
                            "a convention: the cohort was aged 12 and over; entry taken at 15",
                        ),
                    ],
                );
                Step::op(
                    "years an avoided stay would have lasted (no later than 18)",
                    Unit::Years,
                    Op::Min,
                    vec![self.care_years.clone(), to_adult],
                )
            }
            _ => self.care_years.clone(),
        }
    }

    fn case_values_of(&self, i: usize) -> Vec<(Step, Source)> {
        let level = self.s.assumptions.effect_level;
        let Some(prog) = self.library(i) else {
            return Vec::new();
        };
        prog.case_benefits
            .iter()
            .map(|b| {
                let r = [b.per_case.low, b.per_case.central, b.per_case.high];
                let v = match level {
                    EffectLevel::Low => r[0],
                    EffectLevel::Central => r[1],
                    EffectLevel::High => r[2],
                };
                let source = Source::Cited {
                    field: None,
                    basis: b.basis.to_string(),
                    citation: b.source,
                    verification: if level == EffectLevel::Central {
                        Verification::Derived
                    } else {
                        Verification::Convention
                    },
                };
                let leaf = Step::input(
                    format!("{}: benefit per case to {}", prog.name, b.agency.label()),
                    v,
                    Unit::PoundsACase,
                    source.clone(),
                )
                .priced(&crate::data::prices::label(b.price_year));
                let step = product(
                    format!("{}: benefit per case to {}", prog.name, b.agency.label()),
                    Unit::PoundsACase,
                    vec![leaf, Sources::uplift(b.price_year)],
                )
                .priced(PRICE_BASE_LABEL);
                (step, source)
            })
            .collect()
    }

    fn discount_step(&self, t: usize) -> Step {
        Step::op(
            format!("discount factor, {}", self.year(t)),
            Unit::Factor,
            Op::DiscountFactor,
            vec![
                self.src.field(
                    "discount rate",
                    "assumptions.discount_rate_pct",
                    self.s.assumptions.discount_rate_pct,
                    Unit::Percent,
                ),
                Sources::method(
                    "years after the first",
                    t as f64,
                    Unit::Years,
                    "each year is discounted from the first year of the programme",
                ),
            ],
        )
    }

    /// Growth of the counts without the programmes by year `t`.
    fn growth(&self, t: usize) -> Step {
        Step::op(
            format!("baseline growth to {}", self.year(t)),
            Unit::Factor,
            Op::Power,
            vec![
                Step::op(
                    "1 + yearly change",
                    Unit::Factor,
                    Op::OnePlus,
                    vec![self.pct_field(
                        "yearly change in the counts without the programmes",
                        "assumptions.baseline_trend_pct",
                        self.s.assumptions.baseline_trend_pct,
                    )],
                ),
                Sources::method(
                    "years after the first",
                    t as f64,
                    Unit::Years,
                    "years of growth",
                ),
            ],
        )
    }

    /// Share of a cohort's benefits left `k` years after it was served.
    fn persist(&self, k: usize) -> Step {
        Step::op(
            format!("share of the benefits left after {k} years"),
            Unit::Factor,
            Op::Power,
            vec![
                Step::op(
                    "share kept each year",
                    Unit::Share,
                    Op::Complement,
                    vec![self.pct_field(
                        "drop-off a year",
                        "assumptions.drop_off_pct",
                        self.s.assumptions.drop_off_pct,
                    )],
                ),
                Sources::method(
                    "years since served",
                    k as f64,
                    Unit::Years,
                    "years since the cohort was served",
                ),
            ],
        )
    }

    fn served_step(&self, i: usize, t: usize) -> Step {
        let name = self.label_of(i).to_string();
        let label = format!("{name}: cases served, {}", self.year(t));
        if t >= self.plan.funded_years {
            return Sources::method(
                &label,
                0.0,
                Unit::Cases,
                "no cases are served once funding has stopped (assumptions.funding_years)",
            );
        }
        let a = &self.s.assumptions;
        let r = t.min(a.ramp_pct.len() - 1);
        let c = &self.s.programmes[i];
        let mut of = vec![self.cohort[i].clone()];
        of.push(self.pct_field(
            "engagement",
            &format!("programmes[{i}].engagement_pct"),
            c.engagement_pct,
        ));
        of.push(self.pct_field(
            "share of full reach this year",
            &format!("assumptions.ramp_pct[{r}]"),
            a.ramp_pct[r],
        ));
        let asked = product(
            format!("{name}: cases asked for, {}", self.year(t)),
            Unit::Cases,
            of,
        );
        match &self.eligible[i] {
            Some(e) => Step::op(label, Unit::Cases, Op::Min, vec![asked, e.clone()]),
            None => asked.named(label),
        }
    }

    /// The nesting factor of programme `i` for cohort `s`, if it nests.
    fn nest(&self, i: usize, s: usize) -> Option<Step> {
        let p = &self.plan.programmes[i];
        let j = p.parent.filter(|j| *j != i)?;
        let parent = &self.plan.programmes[j];
        let cover = match (&self.eligible[j], parent.eligible) {
            (Some(e), Some(ev)) if ev > 0.0 => Step::op(
                format!("share of {}'s caseload covered", parent.name),
                Unit::Share,
                Op::Quotient,
                vec![self.served[j * self.h + s].clone(), e.clone()],
            ),
            _ => Sources::method(
                "share of the parent's caseload covered",
                0.0,
                Unit::Share,
                "no eligible caseload for the programme it nests in",
            ),
        };
        let reduction = match self.plan.programmes[j]
            .effects
            .iter()
            .position(|e| e.change == Change::CareTime)
        {
            Some(k) => {
                let r = product(
                    format!("{}'s fall in care time after adjustment", parent.name),
                    Unit::Share,
                    vec![
                        share(self.effects[j][k].size.clone()),
                        self.adjustment[j].clone(),
                    ],
                );
                let v = r.value;
                let m = |x: f64| Sources::method("bound", x, Unit::Share, "a share from 0 to 1");
                if v > 1.0 {
                    Step::op("capped at 1", Unit::Share, Op::Min, vec![r, m(1.0)])
                } else if v < 0.0 {
                    Step::op("floored at 0", Unit::Share, Op::Max, vec![r, m(0.0)])
                } else {
                    r
                }
            }
            None => Sources::method(
                "fall in care time",
                0.0,
                Unit::Share,
                "the programme it nests in has no effect on care time",
            ),
        };
        Some(Step::op(
            format!("risk left by {} ({})", parent.name, self.year(s)),
            Unit::Share,
            Op::Complement,
            vec![product(
                "covered × fall",
                Unit::Share,
                vec![cover, reduction],
            )],
        ))
    }

    /// The changes, caps and money, as the engine runs them.
    fn chain(&mut self) {
        let (n, h) = (self.n, self.h);
        let mut avoided: Vec<Vec<Step>> = vec![Vec::new(); n * h * OUTCOMES];
        let mut years: Vec<Vec<Step>> = vec![Vec::new(); n * h];
        let mut case_money: Vec<Vec<Step>> = vec![Vec::new(); n * h * AGENCIES];
        for i in 0..n {
            let p = self.plan.programmes[i].clone();
            let name = p.name.clone();
            let entry: Vec<Step> = self.profile(i, false);
            let stay: Vec<Step> = self.profile(i, true);
            for s in 0..h {
                let cases = &self.served[i * h + s];
                if cases.value == 0.0 {
                    continue;
                }
                let nf = self.nest(i, s);
                for (j, e) in p.effects.iter().enumerate() {
                    let mut of = vec![self.effects[i][j].per_case.clone()];
                    if e.measure == "relative" {
                        factor(&mut of, self.growth(s));
                    }
                    of.push(cases.clone());
                    of.push(self.adjustment[i].clone());
                    let x = product(
                        format!("{name}: change for the cases served in {}", self.year(s)),
                        Unit::Factor,
                        of,
                    );
                    for t in s..h {
                        let lag = t - s;
                        let k = i * h + t;
                        let keep = self.persist(lag);
                        let when =
                            format!("{name}, cohort of {}, in {}", self.year(s), self.year(t));
                        let term = |unit: Unit, what: &str, timing: Option<Step>, nested: bool| {
                            let mut of = vec![x.clone()];
                            if let Some(tm) = timing {
                                of.push(tm);
                            }
                            if nested {
                                if let Some(f) = &nf {
                                    of.push(f.clone());
                                }
                            }
                            factor(&mut of, keep.clone());
                            product(format!("{what}: {when}"), unit, of)
                        };
                        match e.change {
                            Change::CareTime => years[k].push(term(
                                Unit::ChildYears,
                                "child-years in care avoided",
                                Some(entry[lag].clone()),
                                true,
                            )),
                            Change::InCareAt12Months => years[k].push(term(
                                Unit::ChildYears,
                                "child-years in care avoided",
                                Some(stay[lag].clone()),
                                true,
                            )),
                            Change::CareEntries => {
                                if lag == 0 {
                                    avoided[k * OUTCOMES + CARE].push(term(
                                        Unit::Children,
                                        "care entries avoided",
                                        None,
                                        true,
                                    ));
                                }
                            }
                            Change::CpPlans
                            | Change::ChildrenInNeedAllTiers
                            | Change::ChildrenInNeedOnly => {
                                if lag < 2 {
                                    let o = if e.change == Change::CpPlans { CP } else { CIN };
                                    let half = Sources::method(
                                        "half a year",
                                        0.5,
                                        Unit::Years,
                                        "a count at 31 March is costed as half a child-year in the year served and half in the next",
                                    );
                                    avoided[k * OUTCOMES + o].push(term(
                                        Unit::ChildYears,
                                        if o == CP {
                                            "child-years on protection plans avoided"
                                        } else {
                                            "child-years in need only avoided"
                                        },
                                        Some(half),
                                        false,
                                    ));
                                }
                            }
                            Change::Flow(o) => {
                                if lag == 0 {
                                    avoided[k * OUTCOMES + o.index()].push(term(
                                        Unit::Events,
                                        &format!("{} avoided", o.label()),
                                        None,
                                        false,
                                    ));
                                }
                            }
                        }
                    }
                }
            }
            // Monetised per-case values.
            for (j, c) in p.case_values.iter().enumerate() {
                let a = c.agency.index();
                for s in 0..h {
                    let cases = &self.served[i * h + s];
                    if cases.value == 0.0 {
                        continue;
                    }
                    let mut of = vec![
                        cases.clone(),
                        self.case_values[i][j].0.clone(),
                        self.adjustment[i].clone(),
                    ];
                    if a == Agency::ChildrensServices.index() {
                        if let Some(f) = self.nest(i, s) {
                            of.push(f);
                        }
                    }
                    let per_year = Step::op(
                        format!(
                            "{name}: benefit a year to {}, cohort of {}",
                            c.agency.label(),
                            self.year(s)
                        ),
                        Unit::Pounds,
                        Op::Quotient,
                        vec![
                            product("cases × benefit per case × adjustment", Unit::Pounds, of),
                            Sources::cited(
                                "years the benefit is spread over",
                                c.years as f64,
                                Unit::Years,
                                match &self.case_values[i][j].1 {
                                    Source::Cited { basis, .. } => basis,
                                    _ => "",
                                },
                                match &self.case_values[i][j].1 {
                                    Source::Cited { citation, .. } => *citation,
                                    _ => crate::data::citation::GREEN_BOOK,
                                },
                                Verification::Derived,
                            ),
                        ],
                    )
                    .priced(PRICE_BASE_LABEL);
                    for t in s..h.min(s + c.years) {
                        let mut of = vec![per_year.clone()];
                        factor(&mut of, self.persist(t - s));
                        let step = if of.len() == 1 {
                            of.pop().expect("one")
                        } else {
                            product(per_year.label.clone(), Unit::Pounds, of)
                        };
                        case_money[(i * h + t) * AGENCIES + a].push(step.priced(PRICE_BASE_LABEL));
                    }
                }
            }
        }
        let sum = |label: String, unit: Unit, v: Vec<Step>| Step::sum(label, unit, v);
        // Entries, capped; then the stays that follow from them.
        let mut av: Vec<Step> = avoided
            .into_iter()
            .enumerate()
            .map(|(x, v)| {
                let (k, o) = (x / OUTCOMES, x % OUTCOMES);
                let (i, t) = (k / h, k % h);
                let unit = match o {
                    CARE => Unit::Children,
                    CP | CIN => Unit::ChildYears,
                    _ => Unit::Events,
                };
                sum(
                    format!(
                        "{}: {} avoided, {}",
                        self.label_of(i),
                        what(o),
                        self.year(t)
                    ),
                    unit,
                    v,
                )
            })
            .collect();
        self.limit(&mut av, CARE);
        let mut cy = years;
        for i in 0..n {
            let entry = self.profile(i, false);
            for s in 0..h {
                let entries = &av[(i * h + s) * OUTCOMES + CARE];
                if entries.value == 0.0 {
                    continue;
                }
                for t in s..h {
                    let mut of = vec![entries.clone(), entry[t - s].clone()];
                    factor(&mut of, self.persist(t - s));
                    cy[i * h + t].push(product(
                        format!(
                            "child-years in care of the entries avoided in {}, in {}",
                            self.year(s),
                            self.year(t)
                        ),
                        Unit::ChildYears,
                        of,
                    ));
                }
            }
        }
        let mut cy: Vec<Step> = cy
            .into_iter()
            .enumerate()
            .map(|(k, v)| {
                sum(
                    format!(
                        "{}: child-years in care avoided, {}",
                        self.label_of(k / h),
                        self.year(k % h)
                    ),
                    Unit::ChildYears,
                    v,
                )
            })
            .collect();
        for o in 1..OUTCOMES {
            self.limit(&mut av, o);
        }
        self.limit_stock(&mut cy);
        // Money and cost.
        let u = &self.s.unit_costs;
        let cash = &self.s.assumptions.cashable;
        let money =
            |label: &str, path: &str, v: f64, unit: Unit| self.src.field(label, path, v, unit);
        let weeks = || Sources::method("weeks a year", 52.0, Unit::Factor, "52 weeks a year");
        let mut savings = Vec::with_capacity(n * h * AGENCIES);
        let mut cashable = Vec::with_capacity(n * h);
        let mut cost = Vec::with_capacity(n * h);
        for i in 0..n {
            let p = &self.plan.programmes[i];
            let name = p.name.clone();
            let care_unit = match p.placement {
                Placement::Foster => product(
                    "foster care, a year",
                    Unit::PoundsAYear,
                    vec![
                        weeks(),
                        money(
                            "foster care, a week",
                            "unit_costs.foster_weekly",
                            u.foster_weekly,
                            Unit::PoundsAWeek,
                        ),
                    ],
                ),
                Placement::Residential => product(
                    "a children's home, a year",
                    Unit::PoundsAYear,
                    vec![
                        weeks(),
                        money(
                            "a children's home, a week",
                            "unit_costs.residential_weekly",
                            u.residential_weekly,
                            Unit::PoundsAWeek,
                        ),
                    ],
                ),
                Placement::CouncilAverage => match self.s.council.cla_spend_per_child {
                    Some(v) => self.src.council(
                        "the council's spend per looked-after child, a year",
                        "council.cla_spend_per_child",
                        v,
                    ),
                    None => product(
                        "foster care, a year (no council average given)",
                        Unit::PoundsAYear,
                        vec![
                            weeks(),
                            money(
                                "foster care, a week",
                                "unit_costs.foster_weekly",
                                u.foster_weekly,
                                Unit::PoundsAWeek,
                            ),
                        ],
                    ),
                },
            }
            .priced(PRICE_BASE_LABEL);
            let care_cash = match p.placement {
                Placement::Residential => self.pct_field(
                    "cashable share of children's home savings",
                    "assumptions.cashable.residential_pct",
                    cash.residential_pct,
                ),
                _ => self.pct_field(
                    "cashable share of care savings",
                    "assumptions.cashable.care_pct",
                    cash.care_pct,
                ),
            };
            for t in 0..h {
                let k = i * h + t;
                let when = format!("{name}, {}", self.year(t));
                let pounds = |label: String, of: Vec<Step>| {
                    product(label, Unit::Pounds, of).priced(PRICE_BASE_LABEL)
                };
                let care = pounds(
                    format!("care savings: {when}"),
                    vec![cy[k].clone(), care_unit.clone()],
                );
                let cp = pounds(
                    format!("protection plan savings: {when}"),
                    vec![
                        av[k * OUTCOMES + CP].clone(),
                        money(
                            "a protection plan, a year",
                            "unit_costs.cp_plan_annual",
                            u.cp_plan_annual,
                            Unit::PoundsAYear,
                        ),
                    ],
                );
                let cin = pounds(
                    format!("children in need savings: {when}"),
                    vec![
                        av[k * OUTCOMES + CIN].clone(),
                        money(
                            "a child in need case, a year",
                            "unit_costs.cin_annual",
                            u.cin_annual,
                            Unit::PoundsAYear,
                        ),
                    ],
                );
                let court = pounds(
                    format!("care proceedings savings: {when}"),
                    vec![
                        av[k * OUTCOMES + COURT].clone(),
                        money(
                            "care proceedings, a case",
                            "unit_costs.care_proceedings",
                            u.care_proceedings,
                            Unit::PoundsACase,
                        ),
                    ],
                );
                let council_court = pounds(
                    format!("the council's share of care proceedings savings: {when}"),
                    vec![
                        court.clone(),
                        self.pct_field(
                            "the council's share of care proceedings costs",
                            "unit_costs.care_proceedings_council_pct",
                            u.care_proceedings_council_pct,
                        ),
                    ],
                );
                let police = pounds(
                    format!("police call-out savings: {when}"),
                    vec![
                        av[k * OUTCOMES + POLICE].clone(),
                        money(
                            "a police incident",
                            "unit_costs.police_incident",
                            u.police_incident,
                            Unit::PoundsACase,
                        ),
                    ],
                );
                let nhs = pounds(
                    format!("emergency admission savings: {when}"),
                    vec![
                        av[k * OUTCOMES + NHS].clone(),
                        money(
                            "an emergency admission",
                            "unit_costs.emergency_admission",
                            u.emergency_admission,
                            Unit::PoundsACase,
                        ),
                    ],
                );
                let cases = |a: Agency| case_money[k * AGENCIES + a.index()].clone();
                for a in Agency::ALL {
                    let mut of = cases(a);
                    match a {
                        Agency::ChildrensServices => {
                            of.extend([care.clone(), cp.clone(), cin.clone(), council_court.clone()])
                        }
                        Agency::CourtsLegal => of.push(
                            Step::op(
                                format!("care proceedings savings to courts, Cafcass and legal aid: {when}"),
                                Unit::Pounds,
                                Op::Difference,
                                vec![court.clone(), council_court.clone()],
                            )
                            .priced(PRICE_BASE_LABEL),
                        ),
                        Agency::Police => of.push(police.clone()),
                        Agency::Nhs => of.push(nhs.clone()),
                        Agency::OtherPublic => {}
                    }
                    savings.push(
                        Step::sum(
                            format!("savings to {}: {when}", a.label()),
                            Unit::Pounds,
                            of,
                        )
                        .priced(PRICE_BASE_LABEL),
                    );
                }
                let mut of: Vec<Step> = cases(Agency::ChildrensServices)
                    .into_iter()
                    .map(|c| {
                        pounds(
                            "cash from a per-case benefit".into(),
                            vec![
                                c,
                                self.pct_field(
                                    "cashable share of per-case benefits",
                                    "assumptions.cashable.case_benefits_pct",
                                    cash.case_benefits_pct,
                                ),
                            ],
                        )
                    })
                    .collect();
                of.push(pounds(
                    "cash from care".into(),
                    vec![care, care_cash.clone()],
                ));
                of.push(pounds(
                    "cash from protection plans".into(),
                    vec![
                        cp,
                        self.pct_field(
                            "cashable share of protection plan savings",
                            "assumptions.cashable.cp_plans_pct",
                            cash.cp_plans_pct,
                        ),
                    ],
                ));
                of.push(pounds(
                    "cash from children in need".into(),
                    vec![
                        cin,
                        self.pct_field(
                            "cashable share of children in need savings",
                            "assumptions.cashable.children_in_need_pct",
                            cash.children_in_need_pct,
                        ),
                    ],
                ));
                of.push(pounds(
                    "cash from care proceedings".into(),
                    vec![
                        council_court,
                        self.pct_field(
                            "cashable share of care proceedings savings",
                            "assumptions.cashable.care_proceedings_pct",
                            cash.care_proceedings_pct,
                        ),
                    ],
                ));
                cashable.push(
                    Step::sum(
                        format!("cash savings to the council: {when}"),
                        Unit::Pounds,
                        of,
                    )
                    .priced(PRICE_BASE_LABEL),
                );
                cost.push(self.cost_step(i, t));
            }
        }
        self.avoided = av;
        self.child_years = cy;
        self.savings = savings;
        self.cashable = cashable;
        self.cost = cost;
    }

    fn cost_step(&self, i: usize, t: usize) -> Step {
        let c = &self.s.programmes[i];
        let label = format!("{}: cost, {}", self.label_of(i), self.year(t));
        if t >= self.plan.funded_years {
            return Sources::method(
                &label,
                0.0,
                Unit::Pounds,
                "nothing is spent once funding has stopped (assumptions.funding_years)",
            )
            .priced(PRICE_BASE_LABEL);
        }
        let mut of = vec![
            product(
                "cases served × cost per case",
                Unit::Pounds,
                vec![
                    self.served[i * self.h + t].clone(),
                    self.cost_per_case[i].clone(),
                ],
            ),
            self.src.field(
                "yearly cost",
                &format!("programmes[{i}].annual_cost"),
                c.annual_cost,
                Unit::Pounds,
            ),
        ];
        if t == 0 {
            of.push(self.src.field(
                "set-up cost",
                &format!("programmes[{i}].setup_cost"),
                c.setup_cost,
                Unit::Pounds,
            ));
        }
        product(
            label,
            Unit::Pounds,
            vec![
                Step::op("cost before optimism bias", Unit::Pounds, Op::Sum, of)
                    .priced(PRICE_BASE_LABEL),
                Step::op(
                    "1 + optimism bias on costs",
                    Unit::Factor,
                    Op::OnePlus,
                    vec![self.pct_field(
                        "optimism bias on costs",
                        "assumptions.optimism_bias_costs_pct",
                        self.s.assumptions.optimism_bias_costs_pct,
                    )],
                ),
            ],
        )
        .priced(PRICE_BASE_LABEL)
    }

    /// The entry (or, with `stay`, the 12-months) profile of programme `i`.
    fn profile(&self, i: usize, stay: bool) -> Vec<Step> {
        let d = self.programme_care_years(i);
        (0..self.h)
            .map(|k| {
                let label = format!("share of a year in care, {k} years on");
                if stay {
                    if k == 0 {
                        Sources::method(
                            &label,
                            0.5,
                            Unit::Years,
                            "half a year in the first year: the gap opens through it",
                        )
                    } else {
                        profile_step(&d, (k - 1) as f64, 1.0, label)
                    }
                } else if k == 0 {
                    profile_step(&d, 0.0, 0.5, label)
                } else {
                    profile_step(&d, 0.5 + (k - 1) as f64, 1.0, label)
                }
            })
            .collect()
    }

    /// Holds outcome `o` to the council's count year by year, where it binds.
    fn limit(&self, av: &mut [Step], o: usize) {
        let (n, h) = (self.n, self.h);
        let k = &self.s.council;
        let bound = match o {
            CARE => k.care_starts.map(|v| {
                self.src.council(
                    "children starting care in the year",
                    "council.care_starts",
                    v,
                )
            }),
            CP => k.cp_plans.map(|v| {
                self.src.council(
                    "children on protection plans at 31 March",
                    "council.cp_plans",
                    v,
                )
            }),
            CIN => k.children_in_need.map(|cin| {
                let mut x = self.src.council(
                    "children in need at 31 March",
                    "council.children_in_need",
                    cin,
                );
                if let Some(cp) = k.cp_plans {
                    x = Step::op(
                        "less those on plans",
                        Unit::Children,
                        Op::Difference,
                        vec![
                            x,
                            self.src.council(
                                "children on protection plans at 31 March",
                                "council.cp_plans",
                                cp,
                            ),
                        ],
                    );
                }
                if let Some(cla) = k.children_looked_after {
                    x = Step::op(
                        "less those looked after",
                        Unit::Children,
                        Op::Difference,
                        vec![
                            x,
                            self.src.council(
                                "children looked after at 31 March",
                                "council.children_looked_after",
                                cla,
                            ),
                        ],
                    );
                }
                if x.value < 0.0 {
                    x = Step::op(
                        "children in need only (none below 0)",
                        Unit::Children,
                        Op::Max,
                        vec![
                            x,
                            Sources::method("zero", 0.0, Unit::Children, "no fewer than none"),
                        ],
                    );
                }
                x.named("children in need only")
            }),
            COURT => k
                .care_proceedings
                .map(|v| self.council_count_step(Outcome::CareProceedings, v)),
            POLICE => k
                .police_incidents
                .map(|v| self.council_count_step(Outcome::PoliceIncidents, v)),
            _ => k
                .emergency_admissions
                .map(|v| self.council_count_step(Outcome::EmergencyAdmissions, v)),
        };
        let Some(b) = bound else { return };
        for t in 0..h {
            let total: f64 = (0..n).map(|i| av[(i * h + t) * OUTCOMES + o].value).sum();
            let mut of = vec![b.clone()];
            factor(&mut of, self.growth(t));
            let bt = product("the council's own count", b.unit, of);
            if total > bt.value && total > 0.0 {
                let all: Vec<Step> = (0..n)
                    .map(|i| av[(i * h + t) * OUTCOMES + o].clone())
                    .collect();
                let f = Step::op(
                    format!("held to the council's own count of {}", what(o)),
                    Unit::Factor,
                    Op::Quotient,
                    vec![
                        bt,
                        Step::op("all programmes together", all[0].unit, Op::Sum, all),
                    ],
                );
                for i in 0..n {
                    let x = &mut av[(i * h + t) * OUTCOMES + o];
                    let label = x.label.clone();
                    *x = product(
                        format!("{label}, held to the council's count"),
                        x.unit,
                        vec![x.clone(), f.clone()],
                    );
                }
            }
        }
    }

    /// Holds child-years in care to the children looked after, where it binds.
    fn limit_stock(&self, cy: &mut [Step]) {
        let (n, h) = (self.n, self.h);
        let Some(cla) = self.s.council.children_looked_after else {
            return;
        };
        let b = self.src.council(
            "children looked after at 31 March",
            "council.children_looked_after",
            cla,
        );
        for t in 0..h {
            let total: f64 = (0..n).map(|i| cy[i * h + t].value).sum();
            let mut of = vec![b.clone()];
            factor(&mut of, self.growth(t));
            let bt = product("the council's own count", Unit::Children, of);
            if total > bt.value && total > 0.0 {
                let all: Vec<Step> = (0..n).map(|i| cy[i * h + t].clone()).collect();
                let f = Step::op(
                    "held to the council's children looked after",
                    Unit::Factor,
                    Op::Quotient,
                    vec![
                        bt,
                        Step::op("all programmes together", Unit::ChildYears, Op::Sum, all),
                    ],
                );
                for i in 0..n {
                    let x = &mut cy[i * h + t];
                    let label = x.label.clone();
                    *x = product(
                        format!("{label}, held to the council's count"),
                        Unit::ChildYears,
                        vec![x.clone(), f.clone()],
                    );
                }
            }
        }
    }
}

fn what(o: usize) -> &'static str {
    match o {
        CARE => "care entries",
        CP => "child-years on protection plans",
        CIN => "child-years in need only",
        COURT => "care proceedings",
        POLICE => "repeat police call-outs",
        _ => "adult emergency admissions",
    }
}
