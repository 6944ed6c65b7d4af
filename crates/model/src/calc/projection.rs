//! The projection: year by year, the Green Book / GMCA chain on the
//! families served.
//!
//! For programme *i*, cases served in year *s* and year *t* ≥ *s*:
//!
//! ```text
//! served[s]   = min(cohort × engagement × ramp[s], eligible)   (0 once funding has stopped)
//! covered[s]  = served[s] ÷ eligible                          (council-measured effects)
//! adjust      = (1 − deadweight)(1 − attribution)(1 − optimism_bias[grade]) × effect_scale
//! per case    = size × (the council's count ÷ eligible)  for effects measured on the whole council
//!             = size points of one case                  for effects measured on the cohort
//! change[t]  += served[s] × per case × adjust × (1 − drop_off)^(t − s) × profile[t − s] × nest[s]
//! ```
//!
//! Care is costed by time: an entry avoided would have lasted D years (the
//! council's looked after ÷ leaving care), half a year in the year of entry;
//! a child not in care 12 months on saves half a year, then the rest of a
//! stay. Protection plans and children in need are stocks at 31 March,
//! costed as half a child-year in the year served and half in the next;
//! children in need exclude those on plans. A programme nested in another
//! (family group conferences inside Family Safeguarding) applies to the risk
//! the other leaves: nest(s) = 1 − covered_parent(s) × the parent's reduction.
//! Totals are held to the council's own counts. Every pound is in 2025-26
//! prices; year t is discounted by 1 ÷ (1 + r)^t from the first year.

use serde::Serialize;

use crate::base::outcome::{Agency, ByAgency, Outcome};
use crate::calc::engine::{self, Plan, Work, AGENCIES, OUTCOMES};
use crate::calc::record::{ProgrammeYear, Recorder, YearSums};
use crate::data::evidence::Grade;

/// Counts changed by the programmes in one year (or summed over years).
/// Flows are events in the year; stocks are child-years (the average number
/// fewer over the year).
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Counts {
    /// Children who did not enter care (a flow).
    pub care_entries_avoided: f64,
    /// Fewer children in care on average over the year (a stock, child-years).
    pub children_in_care_fewer: f64,
    /// Days in care avoided (child-years × 365).
    pub care_days_avoided: f64,
    /// Fewer children on protection plans on average over the year (a
    /// stock, child-years).
    pub cp_plans_fewer: f64,
    /// Fewer children in need only (not on a plan, not looked after) on
    /// average over the year (a stock, child-years).
    pub children_in_need_fewer: f64,
    /// Care proceedings not issued (a flow).
    pub care_proceedings_avoided: f64,
    /// Repeat police call-outs avoided (a flow).
    pub police_incidents_avoided: f64,
    /// Adult emergency admissions avoided (a flow).
    pub emergency_admissions_avoided: f64,
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
        self.emergency_admissions_avoided += o.emergency_admissions_avoided;
    }

    pub(crate) fn set_flow(&mut self, o: Outcome, v: f64) {
        match o {
            Outcome::CareEntries => self.care_entries_avoided = v,
            Outcome::CpPlans => self.cp_plans_fewer = v,
            Outcome::ChildrenInNeed => self.children_in_need_fewer = v,
            Outcome::CareProceedings => self.care_proceedings_avoided = v,
            Outcome::PoliceIncidents => self.police_incidents_avoided = v,
            Outcome::EmergencyAdmissions => self.emergency_admissions_avoided = v,
        }
    }
}

/// One year of the projection. Money in £, 2025-26 prices.
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
    /// Cashable savings to the council, £.
    pub cashable_savings: f64,
    /// Cases served, all programmes.
    pub served: f64,
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
    /// Cash savings to the council so far, £ (undiscounted).
    pub cumulative_cash_savings: f64,
    /// Cash to the council minus cost so far, £ (undiscounted).
    pub cumulative_cash_net: f64,
    /// Present value of cash to the council minus cost so far, £.
    pub cumulative_pv_cash_net: f64,
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
    /// Cases a year at full reach (after any default).
    pub cohort: f64,
    /// Cases a year the council could serve, where known.
    pub eligible: Option<f64>,
    /// The placement avoided, in words.
    pub placement: String,
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
    /// Per effect, one at a time: the size used and the size at which the
    /// council's net present budget impact is zero (the switching value).
    pub break_even: Vec<BreakEven>,
}

/// The switching value of one effect, others as entered (Green Book 2022,
/// paras 5.60–5.61).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BreakEven {
    /// The outcome.
    pub outcome: Outcome,
    /// `relative` (%), `points` (percentage points) or `per_council` (events a year).
    pub measure: &'static str,
    /// The size used, before adjustments (the published figure).
    pub used: f64,
    /// The size used after adjustments (deadweight, attribution, optimism
    /// bias, scale): what the projection applies.
    pub applied: f64,
    /// The size, after adjustments, at which the council's net present
    /// budget impact is zero, if any up to the effect's cap.
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
    /// Cashable savings to the council over the horizon, £.
    pub total_cashable: f64,
    /// Cost over the horizon, £.
    pub total_cost: f64,
    /// Present value of savings, £.
    pub pv_savings: f64,
    /// Present value of savings by agency, £.
    pub pv_by_agency: ByAgency,
    /// Present value of cashable savings to the council, £.
    pub pv_cashable: f64,
    /// Present value of the council's savings that are not cash (staff
    /// time, in-house places), £.
    pub pv_council_noncash: f64,
    /// Present value of other agencies' savings, £.
    pub pv_other_agencies: f64,
    /// Present value of cost, £.
    pub pv_cost: f64,
    /// Net present value to the public purse: PV savings − PV cost, £.
    pub npv: f64,
    /// Net present budget impact to the council that pays: PV cashable
    /// savings − PV cost, £. The headline.
    pub budget_npv: f64,
    /// Public-value benefit-cost ratio: PV savings to every agency ÷ PV
    /// cost (none when cost is 0).
    pub bcr: Option<f64>,
    /// Financial return on investment: (PV cashable − PV cost) ÷ PV cost.
    pub financial_roi: Option<f64>,
    /// First year (1-based) in which the council's cumulative cash savings
    /// reach cumulative cost, undiscounted; none within the horizon.
    pub payback_year: Option<u32>,
    /// Its financial-year label.
    pub payback_label: Option<String>,
    /// The same for all savings to the public purse.
    pub public_payback_year: Option<u32>,
    /// Its financial-year label.
    pub public_payback_label: Option<String>,
    /// How far (%) costs could rise, or must fall (negative), before the
    /// council's net present budget impact is zero; none without costs.
    pub cost_switching_pct: Option<f64>,
    /// Years in care per care entry used (D).
    pub care_years: f64,
    /// Price base of every £ figure, e.g. `2025-26`.
    pub price_base: String,
    /// The years covered, e.g. `2026-27 to 2030-31`.
    pub horizon_label: String,
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
    /// What the headline does not count, or counts beyond the evidence,
    /// shown beside it: a programme the council already runs, benefits
    /// counted after the period their study observed, care starts that no
    /// programme here diverts, a link or file of an older evidence set.
    pub headline_notes: Vec<String>,
    /// Things the reader should know (effects left out for lack of a figure).
    pub notes: Vec<String>,
}

impl Projection {
    /// A count totalled over the years, as a yearly average: for a stock
    /// (children on a plan on an average day), its average over the years
    /// (`summary.average_counts`). Zero with no years.
    ///
    /// ```
    /// let p = outcome_model::project(&outcome_model::default_scenario()).unwrap();
    /// let total = p.summary.counts.cp_plans_fewer;
    /// assert_eq!(p.yearly_average(total), total / p.years.len() as f64);
    /// ```
    pub fn yearly_average(&self, total: f64) -> f64 {
        match self.years.len() {
            0 => 0.0,
            n => total / n as f64,
        }
    }
}

/// Builds the year-by-year and per-programme results of one run.
pub(crate) fn assemble<R: Recorder>(
    plan: &Plan,
    w: &Work,
    start_year: u16,
    rec: &mut R,
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
            eligible: p.eligible,
            placement: p.placement.label().to_string(),
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
    let (mut cum_cash, mut cum_pv_cash, mut cum_cash_s) = (0.0, 0.0, 0.0);
    for t in 0..h {
        let df = plan.discount[t];
        let mut counts = Counts::default();
        let mut savings = ByAgency::default();
        let (mut cashable, mut cost, mut served) = (0.0, 0.0, 0.0);
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
            let (pv_savings, pv_cost) = (total * df, w.cost[k] * df);
            r.pv_savings += pv_savings;
            r.pv_cost += pv_cost;
            rec.programme_year(
                k,
                ProgrammeYear {
                    savings: total,
                    pv_savings,
                    pv_cost,
                    care_days: c.care_days_avoided,
                },
            );
            counts.add(&c);
            for a in Agency::ALL {
                savings.add(a, sv[a.index()]);
            }
            cashable += w.cashable[k];
            cost += w.cost[k];
            served += w.served[k];
        }
        let gross = savings.total();
        cum_s += gross;
        cum_c += cost;
        let pv_net = (gross - cost) * df;
        let cash_net = cashable - cost;
        let pv_cash_net = cash_net * df;
        cum_pv += pv_net;
        cum_cash += cash_net;
        cum_cash_s += cashable;
        cum_pv_cash += pv_cash_net;
        rec.year(
            t,
            YearSums {
                cash_net,
                pv_net,
                pv_cash_net,
                ..YearSums::default()
            },
            false,
        );
        years.push(Year {
            year: t as u32 + 1,
            label: year_label(start_year, t),
            counts,
            savings,
            gross_savings: gross,
            cashable_savings: cashable,
            served,
            cost,
            net: gross - cost,
            cumulative_savings: cum_s,
            cumulative_cost: cum_c,
            cumulative_net: cum_s - cum_c,
            discount_factor: df,
            pv_savings: gross * df,
            pv_cost: cost * df,
            cumulative_pv_net: cum_pv,
            cumulative_cash_savings: cum_cash_s,
            cumulative_cash_net: cum_cash,
            cumulative_pv_cash_net: cum_pv_cash,
        });
    }
    (years, results)
}

/// Notes for effects left out for lack of a council figure, and for totals
/// held to the council's own counts.
pub(crate) fn notes(plan: &Plan, w: &Work) -> Vec<String> {
    let mut out: Vec<String> = plan
        .skipped
        .iter()
        .map(|(i, o)| {
            format!(
                "{}: the effect on {} is not counted because the council figure it is measured against is blank.",
                plan.programmes[*i].name,
                o.label()
            )
        })
        .collect();
    for (i, p) in plan.programmes.iter().enumerate() {
        if let Some(e) = p.eligible {
            if p.cohort * p.engagement > e + 1e-9 {
                out.push(format!(
                    "{}: {} cases a year asked for, but the council's eligible caseload is about {}; the projection serves that many.",
                    p.name,
                    round(p.cohort * p.engagement),
                    round(e)
                ));
            }
        }
        let _ = i;
    }
    for (o, hit) in w.capped.iter().enumerate() {
        if *hit {
            let what = if o == OUTCOMES {
                "time in care"
            } else {
                Outcome::ALL[o].label()
            };
            out.push(format!(
                "The programmes together would change {what} by more than the council's own count in some years; the totals are held to that count."
            ));
        }
    }
    out
}

fn round(x: f64) -> String {
    crate::base::decimal::shortest((x * 10.0).round() / 10.0)
}

/// A financial year label: `2026-27` for `start_year` 2026 and `t` 0.
pub fn year_label(start_year: u16, t: usize) -> String {
    let y = u32::from(start_year) + t as u32;
    format!("{y}-{:02}", (y + 1) % 100)
}

pub use engine::{care_profile, care_years};
