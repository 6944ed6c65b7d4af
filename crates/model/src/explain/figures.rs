//! Every figure a user sees, by its path in the projection, built as a
//! step from the rebuilt chain ([`super::model::Model`]).

use crate::base::outcome::{Agency, ByAgency, Outcome};
use crate::calc::engine::{self, Work, AGENCIES, OUTCOMES};
use crate::calc::projection::{Counts, Projection, Summary, Year};
use crate::calc::uncertainty::{Percentiles, Simulation};
use crate::data::prices::PRICE_BASE_LABEL;
use crate::explain::derivation::{Op, Step, StepKind, Unit};
use crate::explain::model::Model;
use crate::explain::source::Sources;

/// The counts of [`crate::Counts`], by their names in the projection.
pub const COUNTS: [&str; 8] = [
    "care_entries_avoided",
    "children_in_care_fewer",
    "care_days_avoided",
    "cp_plans_fewer",
    "children_in_need_fewer",
    "care_proceedings_avoided",
    "police_incidents_avoided",
    "emergency_admissions_avoided",
];

/// The agencies of [`crate::ByAgency`], by their names in the projection.
pub const AGENCY_NAMES: [&str; 5] = [
    "childrens_services",
    "police",
    "nhs",
    "courts_legal",
    "other_public",
];

/// Each year's figures, by their names in the projection.
pub const YEAR_FIGURES: [&str; 17] = [
    "gross_savings",
    "cashable_savings",
    "served",
    "cost",
    "net",
    "cumulative_savings",
    "cumulative_cost",
    "cumulative_net",
    "discount_factor",
    "pv_savings",
    "pv_cost",
    "cumulative_pv_net",
    "cumulative_cash_savings",
    "cumulative_cash_net",
    "cumulative_pv_cash_net",
    "counts",
    "savings",
];

/// Every explainable path of a projection, in the order a reader meets
/// them: the summary, each year, each programme, the simulation.
pub fn outputs(p: &Projection) -> Vec<String> {
    let mut out = Vec::new();
    let s = &p.summary;
    for f in [
        "budget_npv",
        "npv",
        "pv_savings",
        "pv_cashable",
        "pv_council_noncash",
        "pv_other_agencies",
        "pv_cost",
        "total_savings",
        "total_cashable",
        "total_cost",
    ] {
        out.push(format!("summary.{f}"));
    }
    for a in AGENCY_NAMES {
        out.push(format!("summary.pv_by_agency.{a}"));
    }
    for a in AGENCY_NAMES {
        out.push(format!("summary.savings_by_agency.{a}"));
    }
    let optional = [
        ("bcr", s.bcr.is_some()),
        ("financial_roi", s.financial_roi.is_some()),
        ("payback_year", s.payback_year.is_some()),
        ("public_payback_year", s.public_payback_year.is_some()),
        ("cost_switching_pct", s.cost_switching_pct.is_some()),
    ];
    for (f, there) in optional {
        if there {
            out.push(format!("summary.{f}"));
        }
    }
    out.push("summary.care_years".into());
    for c in COUNTS {
        out.push(format!("summary.counts.{c}"));
        out.push(format!("summary.average_counts.{c}"));
    }
    for t in 0..p.years.len() {
        for f in YEAR_FIGURES {
            match f {
                "counts" => {
                    for c in COUNTS {
                        out.push(format!("years[{t}].counts.{c}"));
                    }
                }
                "savings" => {
                    for a in AGENCY_NAMES {
                        out.push(format!("years[{t}].savings.{a}"));
                    }
                }
                f => out.push(format!("years[{t}].{f}")),
            }
        }
    }
    for (i, r) in p.programmes.iter().enumerate() {
        out.push(format!("programmes[{i}].cohort"));
        if r.eligible.is_some() {
            out.push(format!("programmes[{i}].eligible"));
        }
        out.push(format!("programmes[{i}].cost_per_case"));
        for f in ["savings", "cost", "pv_savings", "pv_cost"] {
            out.push(format!("programmes[{i}].{f}"));
        }
        for c in COUNTS {
            out.push(format!("programmes[{i}].counts.{c}"));
        }
        for (k, b) in r.break_even.iter().enumerate() {
            out.push(format!("programmes[{i}].break_even[{k}].used"));
            out.push(format!("programmes[{i}].break_even[{k}].applied"));
            if b.needed.is_some() {
                out.push(format!("programmes[{i}].break_even[{k}].needed"));
            }
        }
    }
    for q in ["p10", "p50", "p90"] {
        out.push(format!("uncertainty.npv.{q}"));
    }
    out.push("uncertainty.npv_positive_share".into());
    for t in 0..p.years.len() {
        for f in ["net", "cumulative_net", "cumulative_pv_net"] {
            for q in ["p10", "p50", "p90"] {
                out.push(format!("uncertainty.years[{t}].{f}.{q}"));
            }
        }
        out.push(format!("uncertainty.years[{t}].paid_back_share"));
    }
    out
}

/// A count of [`Counts`] by its name in the projection.
fn count_value(c: &Counts, name: &str) -> Option<f64> {
    Some(match name {
        "care_entries_avoided" => c.care_entries_avoided,
        "children_in_care_fewer" => c.children_in_care_fewer,
        "care_days_avoided" => c.care_days_avoided,
        "cp_plans_fewer" => c.cp_plans_fewer,
        "children_in_need_fewer" => c.children_in_need_fewer,
        "care_proceedings_avoided" => c.care_proceedings_avoided,
        "police_incidents_avoided" => c.police_incidents_avoided,
        "emergency_admissions_avoided" => c.emergency_admissions_avoided,
        _ => return None,
    })
}

/// An amount of [`ByAgency`] by the agency's name in the projection.
fn agency_value(b: &ByAgency, name: &str) -> Option<f64> {
    agency(name).map(|a| b.get(a))
}

/// A percentile by its name (`p10`, `p50`, `p90`).
fn percentile(p: &Percentiles, name: &str) -> Option<f64> {
    match name {
        "p10" => Some(p.p10),
        "p50" => Some(p.p50),
        "p90" => Some(p.p90),
        _ => None,
    }
}

/// The value of a projection's figure at `path` (one of [`outputs`]).
///
/// ```
/// use outcome_model::{default_scenario, explain, project};
/// let p = project(&default_scenario()).unwrap();
/// assert_eq!(explain::projection_value(&p, "summary.npv"), Some(p.summary.npv));
/// assert_eq!(explain::projection_value(&p, "years[1].savings.police"), Some(p.years[1].savings.police));
/// assert_eq!(explain::projection_value(&p, "years[99].cost"), None);
/// ```
pub fn projection_value(p: &Projection, path: &str) -> Option<f64> {
    let parts = parts(path);
    let name = |k: usize| parts.get(k).map(|x| x.0);
    match parts.first()? {
        ("summary", None) => {
            let s = &p.summary;
            Some(match name(1)? {
                "budget_npv" => s.budget_npv,
                "npv" => s.npv,
                "pv_savings" => s.pv_savings,
                "pv_cashable" => s.pv_cashable,
                "pv_council_noncash" => s.pv_council_noncash,
                "pv_other_agencies" => s.pv_other_agencies,
                "pv_cost" => s.pv_cost,
                "total_savings" => s.total_savings,
                "total_cashable" => s.total_cashable,
                "total_cost" => s.total_cost,
                "pv_by_agency" => agency_value(&s.pv_by_agency, name(2)?)?,
                "savings_by_agency" => agency_value(&s.savings_by_agency, name(2)?)?,
                "bcr" => s.bcr?,
                "financial_roi" => s.financial_roi?,
                "payback_year" => f64::from(s.payback_year?),
                "public_payback_year" => f64::from(s.public_payback_year?),
                "cost_switching_pct" => s.cost_switching_pct?,
                "care_years" => s.care_years,
                "counts" => count_value(&s.counts, name(2)?)?,
                // A total over the years ÷ the years: a stock on an
                // average day (plans, children in need), as the results show it.
                "average_counts" => p.yearly_average(count_value(&s.counts, name(2)?)?),
                _ => return None,
            })
        }
        ("years", Some(t)) => {
            let y = p.years.get(*t)?;
            Some(match name(1)? {
                "counts" => count_value(&y.counts, name(2)?)?,
                "savings" => agency_value(&y.savings, name(2)?)?,
                "gross_savings" => y.gross_savings,
                "cashable_savings" => y.cashable_savings,
                "served" => y.served,
                "cost" => y.cost,
                "net" => y.net,
                "cumulative_savings" => y.cumulative_savings,
                "cumulative_cost" => y.cumulative_cost,
                "cumulative_net" => y.cumulative_net,
                "discount_factor" => y.discount_factor,
                "pv_savings" => y.pv_savings,
                "pv_cost" => y.pv_cost,
                "cumulative_pv_net" => y.cumulative_pv_net,
                "cumulative_cash_savings" => y.cumulative_cash_savings,
                "cumulative_cash_net" => y.cumulative_cash_net,
                "cumulative_pv_cash_net" => y.cumulative_pv_cash_net,
                _ => return None,
            })
        }
        ("programmes", Some(i)) => {
            let r = p.programmes.get(*i)?;
            Some(match parts.get(1)? {
                ("cohort", None) => r.cohort,
                ("eligible", None) => r.eligible?,
                ("cost_per_case", None) => r.cost_per_case,
                ("savings", None) => r.savings,
                ("cost", None) => r.cost,
                ("pv_savings", None) => r.pv_savings,
                ("pv_cost", None) => r.pv_cost,
                ("counts", None) => count_value(&r.counts, name(2)?)?,
                ("break_even", Some(k)) => {
                    let b = r.break_even.get(*k)?;
                    match name(2)? {
                        "used" => b.used,
                        "applied" => b.applied,
                        "needed" => b.needed?,
                        _ => return None,
                    }
                }
                _ => return None,
            })
        }
        _ => None,
    }
}

/// The value of a simulation's figure at `path` (starting `uncertainty.`).
pub fn simulation_value(sim: &Simulation, path: &str) -> Option<f64> {
    let parts = parts(path);
    let name = |k: usize| parts.get(k).map(|x| x.0);
    if parts.first()? != &("uncertainty", None) {
        return None;
    }
    match parts.get(1)? {
        ("npv", None) => percentile(&sim.npv, name(2)?),
        ("npv_positive_share", None) => Some(sim.npv_positive_share),
        ("years", Some(t)) => {
            let y = sim.years.get(*t)?;
            match name(2)? {
                "net" => percentile(&y.net, name(3)?),
                "cumulative_net" => percentile(&y.cumulative_net, name(3)?),
                "cumulative_pv_net" => percentile(&y.cumulative_pv_net, name(3)?),
                "paid_back_share" => Some(y.paid_back_share),
                _ => None,
            }
        }
        _ => None,
    }
}

/// A path split into names with an optional index each: `years[2].cost`
/// is `[("years", Some(2)), ("cost", None)]`.
pub(crate) fn parts(path: &str) -> Vec<(&str, Option<usize>)> {
    path.split('.')
        .map(|part| match part.split_once('[') {
            Some((name, rest)) => (name, rest.trim_end_matches(']').parse::<usize>().ok()),
            None => (part, None),
        })
        .collect()
}

/// An operation on money with the projection's `value`.
fn pounds(label: impl Into<String>, op: Op, of: Vec<Step>, value: f64) -> Step {
    Step::recorded(label, Unit::Pounds, op, of, value).priced(PRICE_BASE_LABEL)
}

/// A sum of money with the projection's `value`.
fn sum_pounds(label: impl Into<String>, of: Vec<Step>, value: f64) -> Step {
    Step::recorded_sum(label, Unit::Pounds, of, value).priced(PRICE_BASE_LABEL)
}

fn count_unit(name: &str) -> Unit {
    match name {
        "care_entries_avoided" => Unit::Children,
        "care_days_avoided" => Unit::Days,
        "children_in_care_fewer" | "cp_plans_fewer" | "children_in_need_fewer" => Unit::ChildYears,
        _ => Unit::Events,
    }
}

/// A count's name in words.
pub(crate) fn count_words(name: &str) -> &'static str {
    match name {
        "care_entries_avoided" => "fewer children entering care",
        "children_in_care_fewer" => "fewer child-years in care",
        "care_days_avoided" => "days in care avoided",
        "cp_plans_fewer" => "fewer child-years on protection plans",
        "children_in_need_fewer" => "fewer child-years in need only",
        "care_proceedings_avoided" => "care proceedings avoided",
        "police_incidents_avoided" => "repeat police call-outs avoided",
        _ => "adult emergency admissions avoided",
    }
}

fn agency(name: &str) -> Option<Agency> {
    AGENCY_NAMES
        .iter()
        .position(|a| *a == name)
        .map(|k| Agency::ALL[k])
}

impl Model<'_> {
    /// A count for programme `i` in year `t`.
    fn count(&self, i: usize, t: usize, name: &str) -> Step {
        let k = i * self.h + t;
        let at = |o: Outcome| self.avoided[k * OUTCOMES + o.index()].clone();
        match name {
            "care_entries_avoided" => at(Outcome::CareEntries),
            "children_in_care_fewer" => self.child_years[k].clone(),
            "care_days_avoided" => Step::recorded(
                format!(
                    "{}: days in care avoided, {}",
                    self.plan.programmes[i].name,
                    self.year_of(t)
                ),
                Unit::Days,
                Op::Product,
                vec![
                    self.child_years[k].clone(),
                    Sources::method("days a year", 365.0, Unit::Days, "365 days a year"),
                ],
                self.kernel.programme_years[k].care_days,
            ),
            "cp_plans_fewer" => at(Outcome::CpPlans),
            "children_in_need_fewer" => at(Outcome::ChildrenInNeed),
            "care_proceedings_avoided" => at(Outcome::CareProceedings),
            "police_incidents_avoided" => at(Outcome::PoliceIncidents),
            _ => at(Outcome::EmergencyAdmissions),
        }
    }

    pub(crate) fn year_of(&self, t: usize) -> String {
        crate::calc::projection::year_label(self.s.assumptions.start_year, t)
    }

    /// The projection's figures for year `t`.
    fn y(&self, t: usize) -> &Year {
        &self.projection.years[t]
    }

    fn count_year(&self, t: usize, name: &str) -> Step {
        Step::recorded_sum(
            format!("{}, {}", count_words(name), self.year_of(t)),
            count_unit(name),
            (0..self.n).map(|i| self.count(i, t, name)).collect(),
            count_value(&self.y(t).counts, name).unwrap_or_default(),
        )
    }

    fn agency_it(&self, i: usize, t: usize, a: Agency) -> Step {
        self.savings[(i * self.h + t) * AGENCIES + a.index()].clone()
    }

    fn agency_year(&self, t: usize, a: Agency) -> Step {
        sum_pounds(
            format!("savings to {}, {}", a.label(), self.year_of(t)),
            (0..self.n).map(|i| self.agency_it(i, t, a)).collect(),
            self.y(t).savings.get(a),
        )
    }

    fn gross_year(&self, t: usize) -> Step {
        sum_pounds(
            format!("savings to every agency, {}", self.year_of(t)),
            Agency::ALL
                .iter()
                .map(|a| self.agency_year(t, *a))
                .collect(),
            self.y(t).gross_savings,
        )
    }

    fn cash_year(&self, t: usize) -> Step {
        sum_pounds(
            format!("cash savings to the council, {}", self.year_of(t)),
            (0..self.n)
                .map(|i| self.cashable[i * self.h + t].clone())
                .collect(),
            self.y(t).cashable_savings,
        )
    }

    fn cost_year(&self, t: usize) -> Step {
        sum_pounds(
            format!("cost, {}", self.year_of(t)),
            (0..self.n)
                .map(|i| self.cost[i * self.h + t].clone())
                .collect(),
            self.y(t).cost,
        )
    }

    fn served_year(&self, t: usize) -> Step {
        Step::recorded_sum(
            format!("cases served, {}", self.year_of(t)),
            Unit::Cases,
            (0..self.n)
                .map(|i| self.served[i * self.h + t].clone())
                .collect(),
            self.y(t).served,
        )
    }

    /// `x` in year `t` discounted: the projection's `value`.
    fn pv(&self, label: String, t: usize, x: Step, value: f64) -> Step {
        pounds(label, Op::Product, vec![x, self.discount[t].clone()], value)
    }

    /// Σ over years up to `t` of `f(u)`: the projection's `value`.
    fn so_far(&self, label: String, t: usize, f: &dyn Fn(usize) -> Step, value: f64) -> Step {
        sum_pounds(label, (0..=t).map(f).collect(), value)
    }

    fn cash_net_year(&self, u: usize) -> Step {
        pounds(
            format!("cash savings less cost, {}", self.year_of(u)),
            Op::Difference,
            vec![self.cash_year(u), self.cost_year(u)],
            self.kernel.years[u].cash_net,
        )
    }

    fn net_year(&self, u: usize) -> Step {
        pounds(
            format!("savings less cost, {}", self.year_of(u)),
            Op::Difference,
            vec![self.gross_year(u), self.cost_year(u)],
            self.y(u).net,
        )
    }

    /// A figure of year `t`.
    fn year_figure(&self, t: usize, rest: &[(&str, Option<usize>)]) -> Option<Step> {
        let y = self.year_of(t);
        let (name, _) = *rest.first()?;
        let at = self.y(t);
        let savings_so_far = || {
            self.so_far(
                format!("savings so far, to {y}"),
                t,
                &|u| self.gross_year(u),
                at.cumulative_savings,
            )
        };
        let cost_so_far = || {
            self.so_far(
                format!("cost so far, to {y}"),
                t,
                &|u| self.cost_year(u),
                at.cumulative_cost,
            )
        };
        Some(match name {
            "counts" => self.count_year(t, rest.get(1)?.0),
            "savings" => self.agency_year(t, agency(rest.get(1)?.0)?),
            "gross_savings" => self.gross_year(t),
            "cashable_savings" => self.cash_year(t),
            "served" => self.served_year(t),
            "cost" => self.cost_year(t),
            "net" => self.net_year(t),
            "cumulative_savings" => savings_so_far(),
            "cumulative_cost" => cost_so_far(),
            "cumulative_net" => pounds(
                format!("savings less cost so far, to {y}"),
                Op::Difference,
                vec![savings_so_far(), cost_so_far()],
                at.cumulative_net,
            ),
            "discount_factor" => self.discount[t].clone(),
            "pv_savings" => self.pv(
                format!("present value of savings, {y}"),
                t,
                self.gross_year(t),
                at.pv_savings,
            ),
            "pv_cost" => self.pv(
                format!("present value of cost, {y}"),
                t,
                self.cost_year(t),
                at.pv_cost,
            ),
            "cumulative_pv_net" => self.so_far(
                format!("present value of savings less cost so far, to {y}"),
                t,
                &|u| {
                    self.pv(
                        format!("present value of savings less cost, {}", self.year_of(u)),
                        u,
                        self.net_year(u),
                        self.kernel.years[u].pv_net,
                    )
                },
                at.cumulative_pv_net,
            ),
            "cumulative_cash_savings" => self.so_far(
                format!("cash savings to the council so far, to {y}"),
                t,
                &|u| self.cash_year(u),
                at.cumulative_cash_savings,
            ),
            "cumulative_cash_net" => self.so_far(
                format!("cash savings less cost so far, to {y}"),
                t,
                &|u| self.cash_net_year(u),
                at.cumulative_cash_net,
            ),
            "cumulative_pv_cash_net" => self.so_far(
                format!("present value of cash savings less cost so far, to {y}"),
                t,
                &|u| {
                    self.pv(
                        format!(
                            "present value of cash savings less cost, {}",
                            self.year_of(u)
                        ),
                        u,
                        self.cash_net_year(u),
                        self.kernel.years[u].pv_cash_net,
                    )
                },
                at.cumulative_pv_cash_net,
            ),
            _ => return None,
        })
    }

    /// Σ over the years of `f(t)`: the projection's `value`.
    fn over_years(&self, label: &str, f: &dyn Fn(usize) -> Step, value: f64) -> Step {
        sum_pounds(label.to_string(), (0..self.h).map(f).collect(), value)
    }

    fn summary(&self) -> &Summary {
        &self.projection.summary
    }

    fn pv_savings(&self) -> Step {
        self.over_years(
            "present value of savings to every agency",
            &|t| {
                self.pv(
                    format!("present value of savings, {}", self.year_of(t)),
                    t,
                    self.gross_year(t),
                    self.y(t).pv_savings,
                )
            },
            self.summary().pv_savings,
        )
    }

    fn pv_cash(&self) -> Step {
        self.over_years(
            "present value of cash savings to the council",
            &|t| {
                self.pv(
                    format!("present value of cash savings, {}", self.year_of(t)),
                    t,
                    self.cash_year(t),
                    self.kernel.years[t].pv_cash,
                )
            },
            self.summary().pv_cashable,
        )
    }

    fn pv_cost(&self) -> Step {
        self.over_years(
            "present value of cost",
            &|t| {
                self.pv(
                    format!("present value of cost, {}", self.year_of(t)),
                    t,
                    self.cost_year(t),
                    self.y(t).pv_cost,
                )
            },
            self.summary().pv_cost,
        )
    }

    fn pv_agency(&self, a: Agency) -> Step {
        self.over_years(
            &format!("present value of savings to {}", a.label()),
            &|t| {
                self.pv(
                    format!(
                        "present value of savings to {}, {}",
                        a.label(),
                        self.year_of(t)
                    ),
                    t,
                    self.agency_year(t, a),
                    self.kernel.years[t].pv_by_agency[a.index()],
                )
            },
            self.summary().pv_by_agency.get(a),
        )
    }

    fn budget_npv(&self) -> Step {
        pounds(
            "net present budget impact to the council",
            Op::Difference,
            vec![self.pv_cash(), self.pv_cost()],
            self.summary().budget_npv,
        )
    }

    /// The first year the running total of `net` reaches £0 while cost so
    /// far is above £0: each year's `net`, then each year's cost; the
    /// projection's `year` (0: none).
    fn payback(&self, label: &str, net: &dyn Fn(usize) -> Step, year: Option<u32>) -> Step {
        let mut of: Vec<Step> = (0..self.h).map(net).collect();
        of.extend((0..self.h).map(|t| self.cost_year(t)));
        Step::recorded(
            label,
            Unit::Year,
            Op::FirstYear,
            of,
            year.map_or(0.0, f64::from),
        )
    }

    /// A summary figure.
    fn summary_figure(&self, rest: &[(&str, Option<usize>)]) -> Option<Step> {
        let (name, _) = *rest.first()?;
        let sm = self.summary();
        // A ratio to the present value of cost: there is one only when
        // there is a cost (otherwise the figure is not offered).
        let ratio = |label: &str, top: Step, value: Option<f64>| {
            Step::recorded(
                label,
                Unit::Ratio,
                Op::Quotient,
                vec![top, self.pv_cost()],
                value.unwrap_or(f64::NAN),
            )
        };
        let counts_over = |c: &str| {
            Step::recorded_sum(
                format!("{} over the years", count_words(c)),
                count_unit(c),
                (0..self.h).map(|t| self.count_year(t, c)).collect(),
                count_value(&sm.counts, c).unwrap_or_default(),
            )
        };
        Some(match name {
            "budget_npv" => self.budget_npv(),
            "npv" => pounds(
                "net present value to the public purse",
                Op::Difference,
                vec![self.pv_savings(), self.pv_cost()],
                sm.npv,
            ),
            "pv_savings" => self.pv_savings(),
            "pv_cashable" => self.pv_cash(),
            "pv_cost" => self.pv_cost(),
            "pv_council_noncash" => pounds(
                "present value of the council's savings that are not cash",
                Op::Difference,
                vec![self.pv_agency(Agency::ChildrensServices), self.pv_cash()],
                sm.pv_council_noncash,
            ),
            "pv_other_agencies" => pounds(
                "present value of other agencies' savings",
                Op::Difference,
                vec![self.pv_savings(), self.pv_agency(Agency::ChildrensServices)],
                sm.pv_other_agencies,
            ),
            "pv_by_agency" => self.pv_agency(agency(rest.get(1)?.0)?),
            "savings_by_agency" => {
                let a = agency(rest.get(1)?.0)?;
                self.over_years(
                    &format!("savings to {} over the years", a.label()),
                    &|t| self.agency_year(t, a),
                    sm.savings_by_agency.get(a),
                )
            }
            "total_savings" => self.over_years(
                "savings over the years",
                &|t| self.gross_year(t),
                sm.total_savings,
            ),
            "total_cashable" => self.over_years(
                "cash savings to the council over the years",
                &|t| self.cash_year(t),
                sm.total_cashable,
            ),
            "total_cost" => {
                self.over_years("cost over the years", &|t| self.cost_year(t), sm.total_cost)
            }
            "bcr" => ratio("public-value benefit-cost ratio", self.pv_savings(), sm.bcr),
            "financial_roi" => ratio(
                "financial return on investment",
                self.budget_npv(),
                sm.financial_roi,
            ),
            "payback_year" => self.payback(
                "year the council's cash pays back",
                &|u| self.cash_net_year(u),
                sm.payback_year,
            ),
            "public_payback_year" => self.payback(
                "year the public purse is paid back",
                &|u| self.net_year(u),
                sm.public_payback_year,
            ),
            "cost_switching_pct" => Step::recorded(
                "how far costs could rise before the budget impact is £0",
                Unit::Percent,
                Op::Product,
                vec![
                    Step::recorded(
                        "cash savings for each £1 of cost, less 1",
                        Unit::Factor,
                        Op::Difference,
                        vec![
                            ratio(
                                "cash savings for each £1 of cost",
                                self.pv_cash(),
                                self.kernel.cash_ratio.map(|r| r.0),
                            ),
                            Sources::method("1", 1.0, Unit::Factor, "costs covered exactly"),
                        ],
                        self.kernel.cash_ratio.map_or(f64::NAN, |r| r.1),
                    ),
                    Sources::method("100", 100.0, Unit::Factor, "as a percentage"),
                ],
                sm.cost_switching_pct.unwrap_or(f64::NAN),
            ),
            "care_years" => self.care_years.clone(),
            "counts" => counts_over(rest.get(1)?.0),
            "average_counts" => {
                let c = rest.get(1)?.0;
                // The projection's yearly average of its total: total ÷
                // years ([`Projection::yearly_average`]).
                let total = counts_over(c);
                let average = self.projection.yearly_average(total.value);
                Step::recorded(
                    format!("{}, on average over the years", count_words(c)),
                    count_unit(c),
                    Op::Quotient,
                    vec![
                        total,
                        self.src.field(
                            "years of the projection",
                            "assumptions.horizon_years",
                            self.h as f64,
                            Unit::Years,
                        ),
                    ],
                    average,
                )
            }
            _ => return None,
        })
    }

    /// A figure of programme `i`.
    fn programme_figure(
        &self,
        i: usize,
        rest: &[(&str, Option<usize>)],
        work: &mut Work,
    ) -> Option<Step> {
        if i >= self.n {
            return None;
        }
        let name = self.plan.programmes[i].name.clone();
        let result = &self.projection.programmes[i];
        let sums = |t: usize| &self.kernel.programme_years[i * self.h + t];
        let total = |t: usize| {
            sum_pounds(
                format!("{name}: savings to every agency, {}", self.year_of(t)),
                Agency::ALL
                    .iter()
                    .map(|a| self.agency_it(i, t, *a))
                    .collect(),
                sums(t).savings,
            )
        };
        let cost = |t: usize| self.cost[i * self.h + t].clone();
        let (first, k) = *rest.first()?;
        Some(match first {
            "cohort" => self.cohort[i].clone(),
            "eligible" => self.eligible[i].clone()?,
            "cost_per_case" => self.cost_per_case[i].clone(),
            "savings" => sum_pounds(
                format!("{name}: savings over the years"),
                (0..self.h).map(total).collect(),
                result.savings,
            ),
            "cost" => sum_pounds(
                format!("{name}: cost over the years"),
                (0..self.h).map(cost).collect(),
                result.cost,
            ),
            "pv_savings" => sum_pounds(
                format!("{name}: present value of savings"),
                (0..self.h)
                    .map(|t| {
                        self.pv(
                            format!("present value, {}", self.year_of(t)),
                            t,
                            total(t),
                            sums(t).pv_savings,
                        )
                    })
                    .collect(),
                result.pv_savings,
            ),
            "pv_cost" => sum_pounds(
                format!("{name}: present value of cost"),
                (0..self.h)
                    .map(|t| {
                        self.pv(
                            format!("present value, {}", self.year_of(t)),
                            t,
                            cost(t),
                            sums(t).pv_cost,
                        )
                    })
                    .collect(),
                result.pv_cost,
            ),
            "counts" => {
                let c = rest.get(1)?.0;
                Step::recorded_sum(
                    format!("{name}: {} over the years", count_words(c)),
                    count_unit(c),
                    (0..self.h).map(|t| self.count(i, t, c)).collect(),
                    count_value(&result.counts, c).unwrap_or_default(),
                )
            }
            "break_even" => {
                let j = k?;
                let fx = self.effects[i].get(j)?;
                let what = rest.get(1)?.0;
                let applied = Step::recorded(
                    format!("{name}: effect applied, after adjustments"),
                    fx.size.unit,
                    Op::Product,
                    vec![fx.size.clone(), self.adjustment[i].clone()],
                    result.break_even.get(j)?.applied,
                );
                match what {
                    "used" => fx.size.clone(),
                    "applied" => applied,
                    "needed" => {
                        let at: usize = self.effects[..i].iter().map(Vec::len).sum::<usize>() + j;
                        let size = engine::switching_size(&self.plan, at, work)?;
                        let searched = Step {
                            label: format!("{name}: effect size, before adjustments, at which the budget impact is £0"),
                            value: size,
                            unit: fx.size.unit,
                            price_year: None,
                            kind: StepKind::Searched {
                                how: "bisection: 50 halvings between 0 and the largest sensible size (100% of a count, or the comparison group's share), each running the whole projection with this effect at that size and every other input as entered, keeping the smallest size at which the council's net present budget impact is £0 or more".into(),
                                from: vec![fx.size.clone(), self.budget_npv()],
                            },
                        };
                        Step::recorded(
                            format!("{name}: break-even effect, after adjustments"),
                            fx.size.unit,
                            Op::Product,
                            vec![searched, self.adjustment[i].clone()],
                            *self.needed.get(i)?.get(j)?.as_ref()?,
                        )
                    }
                    _ => return None,
                }
            }
            _ => return None,
        })
    }

    /// The settings and ranges the simulation draws from.
    fn simulation_inputs(&self) -> Vec<Step> {
        let u = &self.s.uncertainty;
        let mut of = vec![
            self.src.field(
                "simulations",
                "uncertainty.draws",
                f64::from(u.draws),
                Unit::Count,
            ),
            self.src
                .field("seed", "uncertainty.seed", f64::from(u.seed), Unit::Count),
            self.src.field(
                "spread of each unit cost, ±",
                "uncertainty.unit_cost_spread_pct",
                u.unit_cost_spread_pct,
                Unit::Percent,
            ),
            self.src.field(
                "spread of each programme's engagement, ±",
                "uncertainty.engagement_spread_pct",
                u.engagement_spread_pct,
                Unit::Percent,
            ),
        ];
        for (i, p) in self.plan.programmes.iter().enumerate() {
            for (e, fx) in p.effects.iter().zip(&self.effects[i]) {
                for (end, v) in [
                    ("low end", e.range[0]),
                    ("used", e.size),
                    ("high end", e.range[2]),
                ] {
                    of.push(Step::input(
                        format!(
                            "{}: effect on {}, {end} ({} range)",
                            p.name,
                            e.outcome.label(),
                            e.range_basis
                        ),
                        v,
                        fx.size.unit,
                        fx.source.clone(),
                    ));
                }
            }
            for (c, (_, source)) in p.case_values.iter().zip(&self.case_values[i]) {
                for (end, v) in [
                    ("low end", c.range[0]),
                    ("used", c.value),
                    ("high end", c.range[2]),
                ] {
                    of.push(
                        Step::input(
                            format!(
                                "{}: benefit per case to {}, {end}",
                                p.name,
                                c.agency.label()
                            ),
                            v,
                            Unit::PoundsACase,
                            source.clone(),
                        )
                        .priced(PRICE_BASE_LABEL),
                    );
                }
            }
            of.push(self.adjustment[i].clone());
        }
        of
    }

    /// A figure of the simulation: its value, marked as a simulation result.
    fn simulation_figure(&self, path: &str, sim: &Simulation) -> Option<Step> {
        let value = simulation_value(sim, path)?;
        let share = path.ends_with("share");
        Some(Step {
            label: sim_words(path),
            value,
            unit: if share { Unit::Share } else { Unit::Pounds },
            price_year: (!share).then(|| PRICE_BASE_LABEL.to_string()),
            kind: StepKind::Simulated {
                seed: sim.seed,
                draws: sim.draws,
                from: self.simulation_inputs(),
            },
        })
    }

    /// The step of the figure at `path`, if there is one.
    pub(crate) fn figure(&self, path: &str, sim: Option<&Simulation>) -> Option<Step> {
        let parts = parts(path);
        let (head, index) = *parts.first()?;
        let mut work = Work::default();
        match head {
            "summary" => self.summary_figure(&parts[1..]),
            "years" => {
                let t = index?;
                if t >= self.h {
                    return None;
                }
                self.year_figure(t, &parts[1..])
            }
            "programmes" => self.programme_figure(index?, &parts[1..], &mut work),
            "uncertainty" => self.simulation_figure(path, sim?),
            _ => None,
        }
    }
}

/// A simulation figure in words.
pub(crate) fn sim_words(path: &str) -> String {
    let q = if path.ends_with("p10") {
        "10th percentile"
    } else if path.ends_with("p50") {
        "median"
    } else {
        "90th percentile"
    };
    let year = parts(path)
        .get(1)
        .and_then(|p| p.1)
        .map(|t| format!(" in year {}", t + 1));
    let year = year.unwrap_or_default();
    if path.ends_with("npv_positive_share") {
        "share of simulations in which the council gains in cash".into()
    } else if path.ends_with("paid_back_share") {
        format!(
            "share of simulations in which the council's cash has covered the cost by year{year}"
        )
    } else if path.contains("cumulative_pv_net") {
        format!("{q} of the council's net present budget impact so far{year}")
    } else if path.contains("cumulative_net") {
        format!("{q} of the council's cash savings less cost so far{year}")
    } else if path.contains(".net.") {
        format!("{q} of the council's cash savings less cost{year}")
    } else {
        format!("{q} of the council's net present budget impact")
    }
}
