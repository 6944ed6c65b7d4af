//! The inputs of the chain for each programme: its cases, eligible caseload,
//! cost, adjustment, effects and per-case benefits, and the years an avoided
//! stay in care would have lasted, each down to its sources.

use crate::base::outcome::Outcome;
use crate::calc::resolve::{Change, Programme};
use crate::data::citation::Verification;
use crate::data::defaults;
use crate::data::evidence::{
    self, CohortDefault, Duration, EligibleBase, Measure, Quantity, CUSTOM_ID,
    PAUSE_STUDIED_INFANT_ENTRIES,
};
use crate::data::prices::PRICE_BASE_LABEL;
use crate::explain::derivation::{Op, Source, Step, Unit};
use crate::explain::model::{
    as_share, benefit_name, grade_field, valued, EffectSteps, Model, Tiers,
};
use crate::explain::source::Sources;
use crate::scenario::format::{CustomMeasure, EffectLevel};

impl Model<'_> {
    /// Years in care per entry (D): the scenario's figure, the council's
    /// looked after ÷ leaving care, or England's.
    pub(super) fn years_in_care(&self) -> Step {
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
                let of = vec![
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
                ];
                // The kernel's years in care: its quotient held between
                // 0.1 and 18 years.
                let d = self.plan.care_years;
                let ratio = self.plan.care_quotient.unwrap_or(d);
                let quotient = "years in care per entry: looked after ÷ leaving care";
                let m = |x: f64, why: &str| Sources::method(why, x, Unit::Years, why);
                let held = |op: Op, bound: Step| {
                    let q = Step::recorded(quotient, Unit::Years, Op::Quotient, of.clone(), ratio);
                    Step::recorded(
                        "years in care per entry",
                        Unit::Years,
                        op,
                        vec![q, bound],
                        d,
                    )
                };
                if ratio < 0.1 {
                    held(Op::Max, m(0.1, "no shorter than 0.1 years"))
                } else if ratio > 18.0 {
                    held(Op::Min, m(18.0, "no longer than 18 years"))
                } else {
                    Step::recorded(quotient, Unit::Years, Op::Quotient, of, d)
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
    pub(super) fn adjustment_of(&self, i: usize) -> Step {
        let c = &self.s.programmes[i];
        let p = &self.plan.programmes[i];
        let at = |f: &str| format!("programmes[{i}].{f}");
        // The kernel's factors of the adjustment.
        let [deadweight, attribution, optimism, scale] = p.adjusted_by;
        let keep = |label: &str, share: Step, left: f64| {
            Step::recorded(
                format!("share left after {label}"),
                Unit::Share,
                Op::Complement,
                vec![share],
                left,
            )
        };
        let opt = self.s.assumptions.optimism_bias_benefits.for_grade(p.grade);
        let optimism = if self.s.assumptions.effect_level == EffectLevel::High {
            keep(
                "optimism bias",
                Sources::method(
                    "optimism bias on benefits",
                    0.0,
                    Unit::Share,
                    "the high setting takes the published figures as they stand, with no optimism bias",
                ),
                optimism,
            )
        } else {
            let label = format!("optimism bias on benefits ({})", p.grade.label());
            keep(
                &label,
                self.kernel_share(&label, grade_field(p.grade), opt, p.optimism),
                optimism,
            )
        };
        let left_after = |label: &str, path: String, v: f64, [share, left]: [f64; 2]| {
            keep(label, self.kernel_share(label, &path, v, share), left)
        };
        Step::recorded(
            format!("{}: adjustment to its effects", p.name),
            Unit::Factor,
            Op::Product,
            vec![
                left_after(
                    "deadweight",
                    at("deadweight_pct"),
                    c.deadweight_pct,
                    [p.taken_off[0], deadweight],
                ),
                left_after(
                    "attribution",
                    at("attribution_pct"),
                    c.attribution_pct,
                    [p.taken_off[1], attribution],
                ),
                optimism,
                self.kernel_share(
                    "scale of the effects",
                    &at("effect_scale_pct"),
                    c.effect_scale_pct,
                    scale,
                ),
            ],
            p.adjustment,
        )
    }

    /// The council's infant care entries: its own, or the studied areas'
    /// average, never more than all its entries.
    pub(super) fn infant_entries(&self) -> Step {
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
            Some(starts) => Step::recorded(
                "infants entering care a year (no more than all care entries)",
                Unit::Children,
                Op::Min,
                vec![
                    stand_in,
                    self.src
                        .council("children starting care", "council.care_starts", starts),
                ],
                crate::calc::resolve::infant_care_starts(self.s).unwrap_or(starts),
            ),
            None => stand_in,
        }
    }

    pub(super) fn library(&self, i: usize) -> Option<evidence::Programme> {
        let c = &self.s.programmes[i];
        if c.programme == CUSTOM_ID {
            None
        } else {
            evidence::find(&c.programme)
        }
    }

    pub(super) fn eligible_of(&self, i: usize) -> Option<Step> {
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
        Some(Step::recorded(
            format!("{}: eligible cases a year", p.name),
            Unit::Cases,
            Op::Product,
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
            v,
        ))
    }

    pub(super) fn cohort_of(&self, i: usize) -> Step {
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

    pub(super) fn cost_per_case_of(&self, i: usize) -> Step {
        let c = &self.s.programmes[i];
        let p = &self.plan.programmes[i];
        let label = format!("{}: cost per case", p.name);
        let path = format!("programmes[{i}].cost_per_case");
        if let Some(v) = c.cost_per_case {
            return self.src.field(&label, &path, v, Unit::PoundsACase);
        }
        match self.library(i).and_then(|q| q.cost) {
            Some(cost) => Step::recorded(
                label,
                Unit::PoundsACase,
                Op::Product,
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
                p.cost_per_case,
            )
            .priced(PRICE_BASE_LABEL),
            None => Sources::method(&label, 0.0, Unit::PoundsACase, "no cost per case entered")
                .priced(PRICE_BASE_LABEL),
        }
    }

    /// The size of each resolved effect and its change per case served.
    pub(super) fn effects_of(&self, i: usize) -> Vec<EffectSteps> {
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
            "points" => Unit::Points,
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
                            Some(v) => Step::recorded(
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
                                p.effects[raw.len()].per_unit,
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
                let what = match e.quantity {
                    Quantity::CareTime => "fall in days in care",
                    Quantity::CareEntries => "fall in children entering care",
                    Quantity::InfantCareEntries => "fall in infants entering care",
                    Quantity::InCareAt12Months => "fall in children in care 12 months on",
                    Quantity::CpPlans => "fall in children on protection plans",
                    Quantity::ChildrenInNeed => "fall in children in need",
                    Quantity::CareProceedings => "fall in care proceedings issued",
                };
                let label = format!("{}: {what} ({level_words})", p.name);
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
                        let per = Step::recorded(
                            "council count per eligible case",
                            Unit::Factor,
                            Op::Quotient,
                            vec![
                                count,
                                eligible
                                    .clone()
                                    .expect("a council effect has an eligible caseload"),
                            ],
                            p.effects[raw.len()].per_unit,
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
                            self.evidence_size(&label, v, level, rule, &source, Unit::Points),
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
                                "share who would have entered care without it: none given, so the observed rate (no effect)",
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
                        // The kernel's counterfactual − observed, and that
                        // none below 0.
                        let [points, avoided] = p.effects[raw.len()].points.expect(
                            "the kernel keeps the points of an effect from the share observed",
                        );
                        let diff = Step::recorded(
                            "counterfactual − observed, points",
                            Unit::Points,
                            Op::Difference,
                            vec![control, observed],
                            points,
                        );
                        let derived = if diff.value < 0.0 {
                            Step::recorded(
                                "points avoided (none below 0)",
                                Unit::Points,
                                Op::Max,
                                vec![
                                    diff,
                                    Sources::method(
                                        "zero",
                                        0.0,
                                        Unit::Points,
                                        "no effect below zero",
                                    ),
                                ],
                                avoided,
                            )
                        } else {
                            diff
                        };
                        // The kernel's size at the chosen level.
                        let used = p.effects[raw.len()].size;
                        let size = match level {
                            EffectLevel::Low => Step::recorded(
                                label.clone(),
                                Unit::Points,
                                Op::Product,
                                vec![
                                    derived,
                                    Sources::method(
                                        "low end: share of the figure kept",
                                        1.0 - rule,
                                        Unit::Share,
                                        "the calculator's range convention: the low end is the figure less 25% (trial), 40% (comparison areas) or 50% (before/after, modelled)",
                                    ),
                                ],
                                used,
                            ),
                            _ => valued(derived.named(label.clone()), used),
                        };
                        (size, None)
                    }
                };
                raw.push((size, per_unit, source));
            }
        }
        // Change per case, as the kernel works it out before its cohorts
        // (the children-in-need-only tier is taken out cohort by cohort).
        let kernel = |k: usize| {
            self.kernel
                .per_case_of(i, k)
                .copied()
                .expect("the kernel records every effect's change per case")
        };
        let per_case_of = |k: usize| {
            let (size, per_unit) = (&raw[k].0, &raw[k].1);
            let x = kernel(k);
            let mut of = vec![as_share(size.clone(), x.share)];
            if let Some(u) = per_unit {
                of.push(u.clone());
            }
            Step::recorded(
                "change per case served",
                Unit::Factor,
                Op::Product,
                of,
                x.change,
            )
        };
        let find = |ch: Change| p.effects.iter().position(|e| e.change == ch);
        let cp_pc = find(Change::CpPlans).map(per_case_of);
        let care_pc = find(Change::CareTime).map(|k| {
            let mut x = per_case_of(k);
            if let Some([year, fall]) = kernel(k).at_31_march {
                if p.care_years < 1.0 {
                    x = Step::recorded(
                        "fall in children looked after at 31 March per case",
                        Unit::Factor,
                        Op::Product,
                        vec![
                            x,
                            Step::recorded(
                                "share of a year in care",
                                Unit::Years,
                                Op::Min,
                                vec![
                                    self.programme_care_years(i),
                                    Sources::method("a year", 1.0, Unit::Years, "a year"),
                                ],
                                year,
                            ),
                        ],
                        fall,
                    );
                } else {
                    x = valued(x, fall);
                }
            }
            x.named("fall in children looked after at 31 March per case")
        });
        for (k, (size, _, source)) in raw.iter().enumerate() {
            let per_case = per_case_of(k);
            let tiers = (p.effects[k].change == Change::ChildrenInNeedAllTiers).then(|| Tiers {
                all: per_case.clone(),
                plans: cp_pc
                    .clone()
                    .map(|cp| cp.named("fall in protection plans per case")),
                looked_after: care_pc.clone(),
            });
            let (size, source) = (size.clone(), source.clone());
            out.push(EffectSteps {
                size,
                per_case,
                source,
                tiers,
            });
        }
        out
    }

    /// A library effect's size at the chosen level.
    pub(super) fn evidence_size(
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

    pub(super) fn council_count_step(&self, o: Outcome, v: f64) -> Step {
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
    pub(super) fn programme_care_years(&self, i: usize) -> Step {
        match self.library(i).map(|p| p.duration) {
            Some(Duration::UntilAdult { entry_age }) => {
                let p = &self.plan.programmes[i];
                let to_adult = Step::recorded(
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
                    p.max_care_years,
                );
                Step::recorded(
                    "years an avoided stay would have lasted (no later than 18)",
                    Unit::Years,
                    Op::Min,
                    vec![self.care_years.clone(), to_adult],
                    p.care_years,
                )
            }
            _ => self.care_years.clone(),
        }
    }

    pub(super) fn case_values_of(&self, i: usize) -> Vec<(Step, Source)> {
        let level = self.s.assumptions.effect_level;
        let Some(prog) = self.library(i) else {
            return self.custom_benefits_of(i);
        };
        // The kernel's values, uprated (none when the council's figures
        // already count the programme).
        let values = &self.plan.programmes[i].case_values;
        prog.case_benefits
            .iter()
            .zip(values)
            .map(|(b, c)| {
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
                let step = Step::recorded(
                    format!("{}: benefit per case to {}", prog.name, b.agency.label()),
                    Unit::PoundsACase,
                    Op::Product,
                    vec![leaf, Sources::uplift(b.price_year)],
                    c.value,
                )
                .priced(PRICE_BASE_LABEL);
                (step, source)
            })
            .collect()
    }

    /// A custom programme's benefits in money: each one's value at the
    /// chosen level, £ a case a year, the user's own field.
    fn custom_benefits_of(&self, i: usize) -> Vec<(Step, Source)> {
        let Some(custom) = self.s.programmes[i].custom.as_ref() else {
            return Vec::new();
        };
        let name = &self.plan.programmes[i].name;
        let level = self.s.assumptions.effect_level;
        custom
            .benefits
            .iter()
            .enumerate()
            .map(|(j, b)| {
                let (end, v) = match level {
                    EffectLevel::Low => ("low", b.low),
                    EffectLevel::Central => ("value", b.value),
                    EffectLevel::High => ("high", b.high),
                };
                let leaf = self
                    .src
                    .field(
                        &format!("{name}: {}, a case a year", benefit_name(&b.name, j)),
                        &format!("programmes[{i}].custom.benefits[{j}].{end}"),
                        v,
                        Unit::PoundsACase,
                    )
                    .priced(PRICE_BASE_LABEL);
                let source = match &leaf.kind {
                    crate::explain::derivation::StepKind::Input { source } => source.clone(),
                    _ => unreachable!("a field is an input"),
                };
                (leaf, source)
            })
            .collect()
    }
}
