//! The projection: year by year, the Green Book / GMCA chain.
//!
//! For programme *i*, effect *e* on outcome *o*, year *t* (0 = first year):
//!
//! ```text
//! reach[t]      = engagement × ramp[t]            (frozen at the last funded year)
//! persist[t]    = (1 − drop_off)^t × (1 − decay)^(years since funding ended)
//! adjust        = (1 − deadweight)(1 − attribution)(1 − optimism_bias[grade]) × effect_scale
//! relative:     without = B[o,t] × reach          avoided = without × size%
//! points:       without = cohort × reach × ctrl%  avoided = cohort × reach × size pts
//! per council:  without = reach × counterfactual  avoided = reach × size
//! avoided       = min(avoided × adjust × persist, without)
//! ```
//!
//! Programmes acting on the same outcome are combined so that no child is
//! counted twice: each programme's share r = avoided ÷ B of the outcome's
//! baseline B is applied in turn to what the others leave, giving
//! B × (1 − Π(1 − r)), which never exceeds B; the combined figure is shared
//! back to the programmes in proportion to their own. B is the council's
//! count (× trend), or, where the council has none, the sum of the
//! programmes' own "without" counts.
//!
//! Care entries avoided become years in care avoided: an entry avoided in
//! year t would have stayed D years (D = looked after ÷ leaving care), half a
//! year in year t and whole years after until D is used up, cut off at the
//! horizon. Savings are counts × unit costs, split by agency; costs are
//! (cohort × reach × cost per case + annual cost + set-up in year 1) ×
//! (1 + optimism bias on costs), while funded. Year t is discounted by
//! 1 ÷ (1 + r)^t.

use serde::Serialize;

use super::engine::{self, Plan, Work, AGENCIES, OUTCOMES};
use super::evidence::Grade;
use super::outcome::{Agency, ByAgency, Outcome};

/// Counts changed by the programmes in one year (or summed over years).
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Counts {
    /// Children who did not enter care.
    pub care_entries_avoided: f64,
    /// Fewer children in care on average over the year (child-years).
    pub children_in_care_fewer: f64,
    /// Days in care avoided (child-years × 365).
    pub care_days_avoided: f64,
    /// Fewer child protection plans on average over the year.
    pub cp_plans_fewer: f64,
    /// Fewer children in need on average over the year.
    pub children_in_need_fewer: f64,
    /// Care proceedings not issued.
    pub care_proceedings_avoided: f64,
    /// Repeat police call-outs avoided.
    pub police_incidents_avoided: f64,
    /// Adult A&E attendances avoided.
    pub ae_attendances_avoided: f64,
}

impl Counts {
    pub(crate) fn add(&mut self, o: &Counts) {
        self.care_entries_avoided += o.care_entries_avoided;
        self.children_in_care_fewer += o.children_in_care_fewer;
        self.care_days_avoided += o.care_days_avoided;
        self.cp_plans_fewer += o.cp_plans_fewer;
        self.children_in_need_fewer += o.children_in_need_fewer;
        self.care_proceedings_avoided += o.care_proceedings_avoided;
        self.police_incidents_avoided += o.police_incidents_avoided;
        self.ae_attendances_avoided += o.ae_attendances_avoided;
    }

    pub(crate) fn set_flow(&mut self, o: Outcome, v: f64) {
        match o {
            Outcome::CareEntries => self.care_entries_avoided = v,
            Outcome::CpPlans => self.cp_plans_fewer = v,
            Outcome::ChildrenInNeed => self.children_in_need_fewer = v,
            Outcome::CareProceedings => self.care_proceedings_avoided = v,
            Outcome::PoliceIncidents => self.police_incidents_avoided = v,
            Outcome::AeAttendances => self.ae_attendances_avoided = v,
        }
    }
}

/// One year of the projection. Money in £ at the unit costs' prices.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Year {
    /// 1 for the first year.
    pub year: u32,
    /// Financial year, e.g. `2026-27`.
    pub label: String,
    /// Outcome changes.
    pub counts: Counts,
    /// Savings by agency, £.
    pub savings: ByAgency,
    /// All savings, £.
    pub gross_savings: f64,
    /// Cashable savings, £.
    pub cashable_savings: f64,
    /// Programme cost including optimism bias, £.
    pub cost: f64,
    /// Savings − cost, £.
    pub net: f64,
    /// Savings so far, £ (undiscounted).
    pub cumulative_savings: f64,
    /// Cost so far, £ (undiscounted).
    pub cumulative_cost: f64,
    /// Net so far, £ (undiscounted).
    pub cumulative_net: f64,
    /// 1 ÷ (1 + r)^(year − 1).
    pub discount_factor: f64,
    /// Present value of savings, £.
    pub pv_savings: f64,
    /// Present value of cost, £.
    pub pv_cost: f64,
    /// Present value of net savings so far, £.
    pub cumulative_pv_net: f64,
}

/// One programme's share of the results, over the horizon.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProgrammeResult {
    /// Library id or `custom`.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Evidence grade.
    pub grade: Grade,
    /// Cases a year used (after any stand-in).
    pub cohort: f64,
    /// £ per case a year used.
    pub cost_per_case: f64,
    /// Outcome changes over the horizon.
    pub counts: Counts,
    /// Savings over the horizon, £.
    pub savings: f64,
    /// Cost over the horizon, £.
    pub cost: f64,
    /// Present value of savings, £.
    pub pv_savings: f64,
    /// Present value of cost, £.
    pub pv_cost: f64,
    /// Per effect: the published size and the size at which the whole
    /// scenario breaks even (NPV = 0), or none when no size does.
    pub break_even: Vec<BreakEven>,
}

/// The switching value of one effect.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BreakEven {
    /// The outcome.
    pub outcome: Outcome,
    /// `relative` (%), `points` (percentage points) or `per_council` (events a year).
    pub measure: &'static str,
    /// The size used, before adjustments.
    pub used: f64,
    /// The size at which NPV = 0, if any within 100% (or 100 times a
    /// per-council figure).
    pub needed: Option<f64>,
}

/// Green Book summary figures.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Summary {
    /// Outcome changes over the horizon.
    pub counts: Counts,
    /// Savings by agency over the horizon, £.
    pub savings_by_agency: ByAgency,
    /// Savings over the horizon, £.
    pub total_savings: f64,
    /// Cashable savings over the horizon, £.
    pub total_cashable: f64,
    /// Cost over the horizon, £.
    pub total_cost: f64,
    /// Present value of savings, £.
    pub pv_savings: f64,
    /// Present value of cashable savings, £.
    pub pv_cashable: f64,
    /// Present value of cost, £.
    pub pv_cost: f64,
    /// Net present value to the public purse: PV savings − PV cost, £.
    pub npv: f64,
    /// Net present budget impact: PV cashable savings − PV cost, £.
    pub budget_npv: f64,
    /// Benefit-cost ratio: PV savings ÷ PV cost (none when cost is 0).
    pub bcr: Option<f64>,
    /// Financial return on investment: (PV cashable − PV cost) ÷ PV cost.
    pub financial_roi: Option<f64>,
    /// First year (1-based) in which cumulative savings reach cumulative
    /// cost, undiscounted; none within the horizon.
    pub payback_year: Option<u32>,
    /// Its financial-year label.
    pub payback_label: Option<String>,
    /// The share (%) of every effect at which NPV = 0; none when no share up
    /// to the cap breaks even.
    pub break_even_scale_pct: Option<f64>,
    /// Years in care per care entry used (D).
    pub care_years: f64,
    /// Cost of a child in care for a year, £.
    pub care_annual_cost: f64,
}

/// The whole result.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Projection {
    /// Scenario format version.
    pub version: u32,
    /// Evidence set used.
    pub evidence_set: String,
    /// Year by year.
    pub years: Vec<Year>,
    /// By programme.
    pub programmes: Vec<ProgrammeResult>,
    /// Totals and Green Book figures.
    pub summary: Summary,
    /// Things the reader should know (effects left out for lack of a figure).
    pub notes: Vec<String>,
}

/// Builds the year-by-year and per-programme results of one run.
pub(crate) fn assemble(
    plan: &Plan,
    w: &Work,
    start_year: u16,
) -> (Vec<Year>, Vec<ProgrammeResult>) {
    let h = plan.horizon;
    let mut results: Vec<ProgrammeResult> = plan
        .programmes
        .iter()
        .map(|p| ProgrammeResult {
            id: p.id.clone(),
            name: p.name.clone(),
            grade: p.grade,
            cohort: p.cohort,
            cost_per_case: p.cost_per_case,
            counts: Counts::default(),
            savings: 0.0,
            cost: 0.0,
            pv_savings: 0.0,
            pv_cost: 0.0,
            break_even: Vec::new(),
        })
        .collect();
    let mut years = Vec::with_capacity(h);
    let (mut cum_s, mut cum_c, mut cum_pv) = (0.0, 0.0, 0.0);
    for t in 0..h {
        let df = plan.discount[t];
        let mut counts = Counts::default();
        let mut savings = ByAgency::default();
        let (mut cashable, mut cost) = (0.0, 0.0);
        for (i, r) in results.iter_mut().enumerate() {
            let k = i * h + t;
            let mut c = Counts::default();
            for o in Outcome::ALL {
                c.set_flow(o, w.avoided[k * OUTCOMES + o.index()]);
            }
            c.children_in_care_fewer = w.child_years[k];
            c.care_days_avoided = w.child_years[k] * 365.0;
            let sv = &w.savings[k * AGENCIES..(k + 1) * AGENCIES];
            let total: f64 = sv.iter().sum();
            r.counts.add(&c);
            r.savings += total;
            r.cost += w.cost[k];
            r.pv_savings += total * df;
            r.pv_cost += w.cost[k] * df;
            counts.add(&c);
            for a in Agency::ALL {
                savings.add(a, sv[a.index()]);
            }
            cashable += w.cashable[k];
            cost += w.cost[k];
        }
        let gross = savings.total();
        cum_s += gross;
        cum_c += cost;
        cum_pv += (gross - cost) * df;
        years.push(Year {
            year: t as u32 + 1,
            label: year_label(start_year, t),
            counts,
            savings,
            gross_savings: gross,
            cashable_savings: cashable,
            cost,
            net: gross - cost,
            cumulative_savings: cum_s,
            cumulative_cost: cum_c,
            cumulative_net: cum_s - cum_c,
            discount_factor: df,
            pv_savings: gross * df,
            pv_cost: cost * df,
            cumulative_pv_net: cum_pv,
        });
    }
    (years, results)
}

/// Notes for effects left out for lack of a council figure.
pub(crate) fn notes(plan: &Plan) -> Vec<String> {
    plan.skipped
        .iter()
        .map(|(i, o)| {
            format!(
                "{}: the effect on {} is not counted because the council figure for it is blank.",
                plan.programmes[*i].name,
                o.label()
            )
        })
        .collect()
}

/// A financial year label: `2026-27` for `start_year` 2026 and `t` 0.
pub fn year_label(start_year: u16, t: usize) -> String {
    let y = u32::from(start_year) + t as u32;
    format!("{y}-{:02}", (y + 1) % 100)
}

pub use engine::{care_profile, care_years};
