//! Time in the chain: discounting, baseline growth, how long benefits last,
//! the cases served each year, the nesting of one programme in another,
//! the share of a stay falling in each year, and the totals held to the
//! council's own counts.

use crate::calc::engine::OUTCOMES;
use crate::calc::outcome::Outcome;
use crate::calc::resolve::Change;
use crate::explain::derivation::{Op, Step, Unit};
use crate::explain::model::{factor, product, share, what, Model, CARE, CIN, COURT, CP, POLICE};
use crate::explain::source::Sources;

/// A profile's share in one year: the stay left after `start` years,
/// no more than `cap` and no less than 0 (engine's `profile`).
pub(super) fn profile_step(d: &Step, start: f64, cap: f64, label: String) -> Step {
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

impl Model<'_> {
    pub(super) fn discount_step(&self, t: usize) -> Step {
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
    pub(super) fn growth(&self, t: usize) -> Step {
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
    pub(super) fn persist(&self, k: usize) -> Step {
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

    pub(super) fn served_step(&self, i: usize, t: usize) -> Step {
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
    pub(super) fn nest(&self, i: usize, s: usize) -> Option<Step> {
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

    /// The entry (or, with `stay`, the 12-months) profile of programme `i`.
    pub(super) fn profile(&self, i: usize, stay: bool) -> Vec<Step> {
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
    pub(super) fn limit(&self, av: &mut [Step], o: usize) {
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
    pub(super) fn limit_stock(&self, cy: &mut [Step]) {
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
