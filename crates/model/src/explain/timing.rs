//! Time in the chain: discounting, baseline growth and each count's trend,
//! how long benefits last, the cases served each year, the nesting of one
//! programme in another, the share of a stay falling in each year, and the
//! totals held to the council's own counts.

use crate::base::outcome::Outcome;
use crate::calc::baseline::{self, Series};
use crate::calc::engine::{Work, OUTCOMES};
use crate::calc::record::Record;
use crate::calc::resolve::Change;
use crate::explain::derivation::{Op, Step, Unit};
use crate::explain::model::{as_share, factor, valued, what, Model, CARE, CIN, COURT, CP, POLICE};
use crate::explain::source::Sources;
use crate::explain::words::number;

/// A profile's share in one year: the stay left after `start` years,
/// no more than `cap` and no less than 0, with the kernel's `value` for it
/// (its plan's profile, [`crate::calc::engine::care_profile`]).
pub(super) fn profile_step(d: &Step, start: f64, cap: f64, label: String, value: f64) -> Step {
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
        Step::recorded(
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
            value,
        )
    } else if v <= 0.0 {
        Step::recorded(
            label,
            Unit::Years,
            Op::Max,
            vec![left, m(0.0, "no stay left")],
            value,
        )
    } else {
        valued(left.named(label), value)
    }
}

/// Years after the first year projected; `rule` says what they count.
fn after_first(t: usize, rule: &str) -> Step {
    Sources::method("years after the first", t as f64, Unit::Years, rule)
}

impl Model<'_> {
    pub(super) fn discount_step(&self, t: usize) -> Step {
        Step::recorded(
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
                after_first(
                    t,
                    "each year is discounted from the first year of the programme",
                ),
            ],
            self.plan.discount[t],
        )
    }

    /// Growth of the counts without the programmes by year `t`.
    pub(super) fn growth(&self, t: usize) -> Step {
        let y = self.plan.yearly;
        compound(
            format!("baseline growth to {}", self.year(t)),
            self.kernel_share(
                "yearly change in the counts without the programmes",
                "assumptions.baseline_trend_pct",
                self.s.assumptions.baseline_trend_pct,
                y.share,
            ),
            y.factor,
            after_first(t, "years of growth"),
            self.plan.growth[t],
        )
    }

    /// The trend of `series` by the end of year `t`: `(1 + yearly
    /// change)^(L + t)`, the multiplier on the council's figure of it
    /// ([`baseline::factors`]), `L` the years from the figures to the end
    /// of the first year ([`baseline::lead_years`]). `None` when the
    /// baseline is flat or the series has no trend figure.
    pub(super) fn trend(&self, series: Series, t: usize) -> Option<Step> {
        // The kernel's yearly change (none when the baseline is flat).
        let y = self.plan.trends[series.index()]?;
        let pct = series.trend(&self.s.assumptions.baseline_trends)?;
        let years = Step::recorded(
            format!("years of the trend to the end of {}", self.year(t)),
            Unit::Years,
            Op::Sum,
            vec![
                self.lead(),
                after_first(t, "years of the trend after the first year"),
            ],
            f64::from(baseline::trend_years(self.plan.lead_years, t)),
        );
        Some(compound(
            format!(
                "baseline trend of {}, to {}: {} a year over {}",
                series.name(),
                self.year(t),
                number(pct, Unit::Percent),
                number(years.value, Unit::Years)
            ),
            as_share(self.src.trend(series, pct), y.share),
            y.factor,
            years,
            self.plan.trend[t][series.index()],
        ))
    }

    /// `step` (a council's count, or a change measured as a share of one)
    /// moved by the trend of `series` by the end of year `t`, with the
    /// kernel's `value` for it; `step` itself when there is no series or
    /// it has no trend.
    pub(super) fn on_trend(
        &self,
        step: Step,
        series: Option<Series>,
        t: usize,
        value: f64,
    ) -> Step {
        match series.and_then(|k| self.trend(k, t)) {
            Some(f) if f.value != 1.0 => Step::recorded(
                format!("{}, on the trend to {}", step.label, self.year(t)),
                step.unit,
                Op::Product,
                vec![step, f],
                value,
            ),
            _ => step,
        }
    }

    /// Years from the council's figures (at 31 March of their year) to the
    /// end of the first year projected ([`baseline::lead_years`]).
    fn lead(&self) -> Step {
        let first = self.year(0);
        let end = i32::from(self.s.assumptions.start_year) + 1;
        let years = baseline::lead_years(self.s);
        let rule = match self.s.council.data_year {
            Some(y) if end - i32::from(y) == years => {
                format!("the council's figures are at 31 March {y}; {first} ends on 31 March {end}")
            }
            Some(y) => format!(
                "the council's figures are at 31 March {y}, not before the end of {first}: counted as a year before it"
            ),
            None => "the council's figures have no year: counted from a year before the end of the first year".to_string(),
        };
        Sources::method(
            &format!("years from the council's figures to the end of {first}"),
            f64::from(years),
            Unit::Years,
            &rule,
        )
    }

    /// The share of effect `e` counted `lag` years after its cohort was
    /// served, when it is not all of it: after the years its study
    /// observed, what the evaluation's costing counted or the user chose.
    pub(super) fn counted(&self, e: &crate::calc::resolve::Effect, lag: usize) -> Option<Step> {
        if lag < e.observed_years {
            return None;
        }
        let label = "share counted after the period its study observed";
        Some(
            match (e.beyond_is_choice, self.s.assumptions.beyond_observed_pct) {
                (true, Some(v)) => {
                    self.kernel_share(label, "assumptions.beyond_observed_pct", v, e.beyond)
                }
                _ => Sources::method(label, e.beyond, Unit::Share, e.follow_up),
            },
        )
    }

    /// Share of custom benefit `j` of programme `i` left `k` years after
    /// its cases were served: its own drop-off, not the scenario's.
    pub(super) fn benefit_keep(&self, i: usize, j: usize, k: usize) -> Step {
        let b = &self.s.programmes[i]
            .custom
            .as_ref()
            .expect("a custom benefit belongs to a custom programme")
            .benefits[j];
        let c = &self.plan.programmes[i].case_values[j];
        Step::recorded(
            format!(
                "share of the benefit left after {k} year{}",
                if k == 1 { "" } else { "s" }
            ),
            Unit::Factor,
            Op::Power,
            vec![
                Step::recorded(
                    "share kept each year",
                    Unit::Share,
                    Op::Complement,
                    vec![self.kernel_share(
                        "the benefit's drop-off a year",
                        &format!("programmes[{i}].custom.benefits[{j}].drop_off_pct"),
                        b.drop_off_pct,
                        c.yearly_drop_off
                            .expect("a custom benefit has its own drop-off"),
                    )],
                    c.kept_a_year()
                        .expect("a custom benefit has its own drop-off"),
                ),
                Sources::method(
                    "years since served",
                    k as f64,
                    Unit::Years,
                    "years since the cases were served",
                ),
            ],
            c.keep(k, &self.plan.persist),
        )
    }

    /// Share of a cohort's benefits left `k` years after it was served.
    pub(super) fn persist(&self, k: usize) -> Step {
        Step::recorded(
            format!("share of the benefits left after {k} years"),
            Unit::Factor,
            Op::Power,
            vec![
                Step::recorded(
                    "share kept each year",
                    Unit::Share,
                    Op::Complement,
                    vec![self.kernel_share(
                        "drop-off a year",
                        "assumptions.drop_off_pct",
                        self.s.assumptions.drop_off_pct,
                        self.plan.drop_off,
                    )],
                    self.plan.kept,
                ),
                Sources::method(
                    "years since served",
                    k as f64,
                    Unit::Years,
                    "years since the cohort was served",
                ),
            ],
            self.plan.persist[k],
        )
    }

    /// Programme `i`'s cases served in year `t`, with the kernel's `value`.
    pub(super) fn served_step(&self, i: usize, t: usize, value: f64) -> Step {
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
        if t > 0 && self.plan.programmes[i].first_year_only {
            return Sources::method(
                &label,
                0.0,
                Unit::Cases,
                &format!(
                    "one cohort only: cases are served in the first year (programmes[{i}].custom.cohorts)"
                ),
            );
        }
        let a = &self.s.assumptions;
        let r = t.min(a.ramp_pct.len() - 1);
        let c = &self.s.programmes[i];
        let mut of = vec![self.cohort[i].clone()];
        of.push(self.kernel_share(
            "engagement",
            &format!("programmes[{i}].engagement_pct"),
            c.engagement_pct,
            self.plan.programmes[i].engagement,
        ));
        of.push(self.kernel_share(
            "share of full reach this year",
            &format!("assumptions.ramp_pct[{r}]"),
            a.ramp_pct[r],
            self.plan.ramp[t],
        ));
        match &self.eligible[i] {
            Some(e) => {
                let (asked, _) = self
                    .kernel
                    .asked_at(i, t)
                    .expect("the kernel records the cases asked for of a programme it caps");
                let asked = Step::recorded(
                    format!("{name}: cases asked for, {}", self.year(t)),
                    Unit::Cases,
                    Op::Product,
                    of,
                    asked,
                );
                Step::recorded(label, Unit::Cases, Op::Min, vec![asked, e.clone()], value)
            }
            None => Step::recorded(label, Unit::Cases, Op::Product, of, value),
        }
    }

    /// The nesting factor of programme `i` for cohort `s`, if it nests,
    /// with the kernel's own value for it (`value`, from its record) and
    /// for the share of the parent's caseload covered × its fall in care
    /// time (`fall`).
    pub(super) fn nest(&self, i: usize, s: usize, value: f64, fall: f64) -> Option<Step> {
        let p = &self.plan.programmes[i];
        let j = p.parent.filter(|j| *j != i)?;
        let parent = &self.plan.programmes[j];
        let cover = match (&self.eligible[j], parent.eligible) {
            (Some(e), Some(ev)) if ev > 0.0 => Step::recorded(
                format!("share of {}'s caseload covered", parent.name),
                Unit::Share,
                Op::Quotient,
                vec![self.served[j * self.h + s].clone(), e.clone()],
                // The kernel's share; none recorded in a year the parent
                // serves no cases, where the kernel's share stays 0.
                self.kernel.asked_at(j, s).map_or(0.0, |(_, cover)| cover),
            ),
            _ => Sources::method(
                "share of the parent's caseload covered",
                0.0,
                Unit::Share,
                "no eligible caseload for the programme it nests in",
            ),
        };
        let care_time = parent
            .effects
            .iter()
            .position(|e| e.change == Change::CareTime);
        let reduction = match (care_time, self.kernel.care_fall_of(j)) {
            (Some(k), Some(kernel)) => {
                let r = Step::recorded(
                    format!("{}'s fall in care time after adjustment", parent.name),
                    Unit::Share,
                    Op::Product,
                    vec![
                        as_share(self.effects[j][k].size.clone(), kernel.share),
                        self.adjustment[j].clone(),
                    ],
                    kernel.fall,
                );
                let v = r.value;
                // The kernel's fall in care time, held to a share.
                let sizes: Vec<f64> = parent.effects.iter().map(|e| e.size).collect();
                let fall = parent.care_time_reduction(&sizes);
                let m = |x: f64| Sources::method("bound", x, Unit::Share, "a share from 0 to 1");
                if v > 1.0 {
                    Step::recorded("capped at 1", Unit::Share, Op::Min, vec![r, m(1.0)], fall)
                } else if v < 0.0 {
                    Step::recorded("floored at 0", Unit::Share, Op::Max, vec![r, m(0.0)], fall)
                } else {
                    valued(r, fall)
                }
            }
            _ => Sources::method(
                "fall in care time",
                0.0,
                Unit::Share,
                "the programme it nests in has no effect on care time",
            ),
        };
        Some(Step::recorded(
            format!("risk left by {} ({})", parent.name, self.year(s)),
            Unit::Share,
            Op::Complement,
            vec![Step::recorded(
                "covered × fall",
                Unit::Share,
                Op::Product,
                vec![cover, reduction],
                fall,
            )],
            value,
        ))
    }

    /// The entry (or, with `stay`, the 12-months) profile of programme `i`.
    pub(super) fn profile(&self, i: usize, stay: bool) -> Vec<Step> {
        let d = self.programme_care_years(i);
        let (entries, stays) = (&self.plan.entry_profile[i], &self.plan.stay_profile[i]);
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
                        profile_step(&d, (k - 1) as f64, 1.0, label, stays[k])
                    }
                } else if k == 0 {
                    profile_step(&d, 0.0, 0.5, label, entries[k])
                } else {
                    profile_step(&d, 0.5 + (k - 1) as f64, 1.0, label, entries[k])
                }
            })
            .collect()
    }

    /// Holds outcome `o` to the council's count in the years the kernel
    /// held it ([`Record::held`]); `work` is the kernel's run.
    pub(super) fn limit(&self, kernel: &Record, work: &Work, av: &mut [Step], o: usize) {
        let h = self.h;
        self.hold(kernel, &work.avoided, av, o, |i, t| {
            (i * h + t) * OUTCOMES + o
        });
    }

    /// Holds child-years in care to the children looked after in the years
    /// the kernel held them.
    pub(super) fn limit_stock(&self, kernel: &Record, work: &Work, cy: &mut [Step]) {
        let h = self.h;
        self.hold(kernel, &work.child_years, cy, OUTCOMES, |i, t| i * h + t);
    }

    /// Holds the total over programmes of `steps` to the council's count of
    /// outcome `o` ([`Model::count_at`]) in each year the kernel held it
    /// (where the total was more), scaling every programme's figure alike;
    /// `at(i, t)` is the place of programme *i*'s figure in year *t*, in
    /// `steps` and in `held` (the kernel's figures once held). Every value
    /// is the kernel's: its bound, total and factor, and what it held
    /// each programme's figure to.
    fn hold(
        &self,
        kernel: &Record,
        held: &[f64],
        steps: &mut [Step],
        o: usize,
        at: impl Fn(usize, usize) -> usize,
    ) {
        let n = self.n;
        for t in 0..self.h {
            let Some(rec) = kernel.held_at(o, t) else {
                continue;
            };
            let (Some(count), Some(value)) = (self.count_at(o, t), self.plan.count_at(o, t)) else {
                continue;
            };
            let count = valued(count, value);
            let unit = count.unit;
            let mut of = vec![count];
            factor(&mut of, self.growth(t));
            let bt = Step::recorded("the council's own count", unit, Op::Product, of, rec.bound);
            {
                let all: Vec<Step> = (0..n).map(|i| steps[at(i, t)].clone()).collect();
                let f = Step::recorded(
                    if o == OUTCOMES {
                        "held to the council's children looked after".to_string()
                    } else {
                        format!("held to the council's own count of {}", what(o))
                    },
                    Unit::Factor,
                    Op::Quotient,
                    vec![
                        bt,
                        Step::recorded(
                            "all programmes together",
                            all[0].unit,
                            Op::Sum,
                            all,
                            rec.total,
                        ),
                    ],
                    rec.factor,
                );
                for i in 0..n {
                    let x = &mut steps[at(i, t)];
                    let label = x.label.clone();
                    *x = Step::recorded(
                        format!("{label}, held to the council's count"),
                        x.unit,
                        Op::Product,
                        vec![x.clone(), f.clone()],
                        held[at(i, t)],
                    );
                }
            }
        }
    }

    /// The council's count of outcome `o` as it stands in year `t` without
    /// the programmes, before the typed yearly change of every count: its
    /// figure moved by its trend; `o == OUTCOMES` is the children looked
    /// after (the bound on time in care). `None` without the figure.
    fn count_at(&self, o: usize, t: usize) -> Option<Step> {
        let k = &self.s.council;
        // Each count on its trend, the kernel's value for it.
        let on =
            |step: Step, series: Series, value: f64| self.on_trend(step, Some(series), t, value);
        let kernel = |o: usize| {
            self.plan
                .count_at(o, t)
                .expect("the kernel has the count the working has")
        };
        let plans = |v: f64, value: f64| {
            on(
                self.src.council(
                    "children on protection plans at 31 March",
                    "council.cp_plans",
                    v,
                ),
                Series::CpPlans,
                value,
            )
        };
        let looked_after = |v: f64, value: f64| {
            on(
                self.src.council(
                    "children looked after at 31 March",
                    "council.children_looked_after",
                    v,
                ),
                Series::LookedAfter,
                value,
            )
        };
        match o {
            OUTCOMES => k
                .children_looked_after
                .map(|v| looked_after(v, kernel(OUTCOMES))),
            CARE => k.care_starts.map(|v| {
                on(
                    self.src.council(
                        "children starting care in the year",
                        "council.care_starts",
                        v,
                    ),
                    Series::CareStarts,
                    kernel(CARE),
                )
            }),
            CP => k.cp_plans.map(|v| plans(v, kernel(CP))),
            CIN => k.children_in_need.map(|cin| {
                let c = self
                    .plan
                    .cin_only_at(t)
                    .expect("the kernel has the children in need the working has");
                let mut x = on(
                    self.src.council(
                        "children in need at 31 March",
                        "council.children_in_need",
                        cin,
                    ),
                    Series::ChildrenInNeed,
                    c.all,
                );
                if let Some(cp) = k.cp_plans {
                    x = Step::recorded(
                        "less those on plans",
                        Unit::Children,
                        Op::Difference,
                        vec![x, plans(cp, c.plans)],
                        c.less_plans,
                    );
                }
                if let Some(cla) = k.children_looked_after {
                    x = Step::recorded(
                        "less those looked after",
                        Unit::Children,
                        Op::Difference,
                        vec![x, looked_after(cla, c.looked_after)],
                        c.less_looked_after,
                    );
                }
                if x.value < 0.0 {
                    x = Step::recorded(
                        "children in need only (none below 0)",
                        Unit::Children,
                        Op::Max,
                        vec![
                            x,
                            Sources::method("zero", 0.0, Unit::Children, "no fewer than none"),
                        ],
                        c.only,
                    );
                }
                valued(x.named("children in need only"), c.only)
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
        }
    }
}

/// `(1 + yearly change)^years`: a count moved by a steady yearly change,
/// with the kernel's `factor` a year (1 + the change) and `value` for it.
fn compound(label: String, change: Step, factor: f64, years: Step, value: f64) -> Step {
    Step::recorded(
        label,
        Unit::Factor,
        Op::Power,
        vec![
            Step::recorded(
                "1 + yearly change",
                Unit::Factor,
                Op::OnePlus,
                vec![change],
                factor,
            ),
            years,
        ],
        value,
    )
}
