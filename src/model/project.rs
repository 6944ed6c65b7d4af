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

use super::defaults;
use super::evidence::{Grade, CASE_BENEFIT_YEARS};
use super::outcome::{Agency, ByAgency, Outcome};
use super::resolve::{self, Kind};
use super::scenario::Scenario;

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
    fn add(&mut self, o: &Counts) {
        self.care_entries_avoided += o.care_entries_avoided;
        self.children_in_care_fewer += o.children_in_care_fewer;
        self.care_days_avoided += o.care_days_avoided;
        self.cp_plans_fewer += o.cp_plans_fewer;
        self.children_in_need_fewer += o.children_in_need_fewer;
        self.care_proceedings_avoided += o.care_proceedings_avoided;
        self.police_incidents_avoided += o.police_incidents_avoided;
        self.ae_attendances_avoided += o.ae_attendances_avoided;
    }

    fn set_flow(&mut self, o: Outcome, v: f64) {
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

/// Years in care per entry: the scenario's figure, or the council's looked
/// after ÷ leaving care, or England's.
pub fn care_years(s: &Scenario) -> f64 {
    if let Some(d) = s.assumptions.care_years {
        return d;
    }
    match (s.council.children_looked_after, s.council.care_ceased) {
        (Some(cla), Some(ceased)) if ceased > 0.0 && cla > 0.0 => (cla / ceased).clamp(0.1, 18.0),
        _ => defaults::ENGLAND_CARE_YEARS,
    }
}

/// Share of D years spent in care in year k after an entry in year 0.
pub fn care_profile(d: f64, years: usize) -> Vec<f64> {
    let mut left = d;
    (0..years)
        .map(|k| {
            let take = left.min(if k == 0 { 0.5 } else { 1.0 }).max(0.0);
            left -= take;
            take
        })
        .collect()
}

/// The raw run shared by [`project`] and the break-even search.
pub(crate) struct Run {
    pub years: Vec<Year>,
    pub programmes: Vec<ProgrammeResult>,
    pub notes: Vec<String>,
    pub care_years: f64,
    pub care_annual: f64,
}

/// The council's own count of an outcome, if it has one.
pub(crate) fn council_baseline(s: &Scenario, o: Outcome) -> Option<f64> {
    let k = &s.council;
    match o {
        Outcome::CareEntries => k.care_starts,
        Outcome::CpPlans => k.cp_plans,
        Outcome::ChildrenInNeed => k.children_in_need,
        Outcome::CareProceedings => k.care_proceedings,
        Outcome::PoliceIncidents => k.police_incidents,
        Outcome::AeAttendances => k.ae_attendances,
    }
}

/// Runs the chain with every effect multiplied by `scale`.
pub(crate) fn run(s: &Scenario, scale: f64) -> Run {
    let a = &s.assumptions;
    let horizon = a.horizon_years as usize;
    let funded_years = (a.funding_years as usize).max(1);
    let progs: Vec<resolve::Programme> = s
        .programmes
        .iter()
        .map(|c| resolve::programme(s, c))
        .collect();
    let n = progs.len();
    let mut notes = Vec::new();

    let ramp = |t: usize| -> f64 {
        let r = &a.ramp_pct;
        r[t.min(r.len() - 1)] / 100.0
    };
    let last_funded = funded_years.min(horizon.max(1)) - 1;
    let reach_t: Vec<f64> = (0..horizon).map(|t| ramp(t.min(last_funded))).collect();
    let persist: Vec<f64> = (0..horizon)
        .map(|t| {
            let drop = (1.0 - a.drop_off_pct / 100.0).powi(t as i32);
            if t >= funded_years {
                let gone = (t - funded_years + 1) as i32;
                drop * (1.0 - a.decay_after_funding_pct / 100.0).powi(gone)
            } else {
                drop
            }
        })
        .collect();
    let growth: Vec<f64> = (0..horizon)
        .map(|t| (1.0 + a.baseline_trend_pct / 100.0).powi(t as i32))
        .collect();

    // avoided[i][t][o] after combination.
    let mut avoided = vec![vec![[0.0f64; 6]; horizon]; n];
    let mut skipped: Vec<(usize, Outcome)> = Vec::new();
    for t in 0..horizon {
        for o in Outcome::ALL {
            let council = council_baseline(s, o).map(|b| b * growth[t]);
            let mut without = vec![0.0; n];
            let mut own = vec![0.0; n];
            for (i, p) in progs.iter().enumerate() {
                let reach = p.engagement * reach_t[t];
                for e in p.effects.iter().filter(|e| e.outcome == o) {
                    let size = e.size * scale;
                    let (w, av) = match e.kind {
                        Kind::Relative => match council {
                            Some(b) => (b * reach, b * reach * size / 100.0),
                            None => {
                                if !skipped.contains(&(i, o)) {
                                    skipped.push((i, o));
                                }
                                (0.0, 0.0)
                            }
                        },
                        Kind::Points { control } => (
                            p.cohort * reach * control / 100.0,
                            p.cohort * reach * size / 100.0,
                        ),
                        Kind::PerCouncil { counterfactual } => {
                            (reach * counterfactual, reach * size)
                        }
                    };
                    without[i] += w;
                    own[i] += (av * p.adjustment * persist[t]).min(w);
                }
            }
            let base = council.unwrap_or_else(|| without.iter().sum());
            let total_own: f64 = own.iter().sum();
            if base <= 0.0 || total_own <= 0.0 {
                continue;
            }
            let remaining: f64 = own.iter().map(|v| 1.0 - (v / base).min(1.0)).product();
            let combined = base * (1.0 - remaining);
            for i in 0..n {
                avoided[i][t][o.index()] = combined * own[i] / total_own;
            }
        }
    }
    for (i, o) in skipped {
        notes.push(format!(
            "{}: the effect on {} is not counted because the council figure for it is blank.",
            progs[i].name,
            o.label()
        ));
    }

    let d = care_years(s);
    let profile = care_profile(d, horizon);
    let u = &s.unit_costs;
    let care_annual = u.care_annual();
    let cash = &a.cashable;
    let ob_costs = 1.0 + a.optimism_bias_costs_pct / 100.0;
    let rate = a.discount_rate_pct / 100.0;

    let mut years = Vec::with_capacity(horizon);
    let mut results: Vec<ProgrammeResult> = progs
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
    let (mut cum_s, mut cum_c, mut cum_pv) = (0.0, 0.0, 0.0);
    for t in 0..horizon {
        let df = 1.0 / (1.0 + rate).powi(t as i32);
        let mut counts = Counts::default();
        let mut savings = ByAgency::default();
        let mut cashable = 0.0;
        let mut cost = 0.0;
        for (i, p) in progs.iter().enumerate() {
            let mut c = Counts::default();
            for o in Outcome::ALL {
                c.set_flow(o, avoided[i][t][o.index()]);
            }
            c.children_in_care_fewer = (0..=t)
                .map(|s0| avoided[i][s0][Outcome::CareEntries.index()] * profile[t - s0])
                .sum();
            c.care_days_avoided = c.children_in_care_fewer * 365.0;

            let mut sv = ByAgency::default();
            let mut cb = 0.0;
            let mut put = |agency: Agency, amount: f64, cash_pct: f64| {
                sv.add(agency, amount);
                cb += amount * cash_pct / 100.0;
            };
            put(Agency::ChildrensServices, c.children_in_care_fewer * care_annual, cash.care_pct);
            put(Agency::ChildrensServices, c.cp_plans_fewer * u.cp_plan_annual, cash.cp_plans_pct);
            put(
                Agency::ChildrensServices,
                c.children_in_need_fewer * u.cin_annual,
                cash.children_in_need_pct,
            );
            let proceedings = c.care_proceedings_avoided * u.care_proceedings;
            let council_part = u.care_proceedings_council_pct / 100.0;
            put(
                Agency::ChildrensServices,
                proceedings * council_part,
                cash.care_proceedings_pct,
            );
            put(
                Agency::CourtsLegal,
                proceedings * (1.0 - council_part),
                cash.care_proceedings_pct,
            );
            put(Agency::Police, c.police_incidents_avoided * u.police_incident, cash.police_pct);
            put(Agency::Nhs, c.ae_attendances_avoided * u.ae_attendance, cash.nhs_pct);
            for (agency, per_case) in &p.case_benefits {
                let first = (t + 1).saturating_sub(CASE_BENEFIT_YEARS);
                let cases: f64 = (first..=t)
                    .map(|s0| p.cohort * p.engagement * reach_t[s0] * persist[s0])
                    .sum();
                let amount = cases * per_case * scale * p.adjustment / CASE_BENEFIT_YEARS as f64;
                put(*agency, amount, cash.case_benefits_pct);
            }

            let pc = if t < funded_years {
                let setup = if t == 0 { p.setup_cost } else { 0.0 };
                (p.cohort * p.engagement * reach_t[t] * p.cost_per_case + p.annual_cost + setup)
                    * ob_costs
            } else {
                0.0
            };
            let r = &mut results[i];
            r.counts.add(&c);
            r.savings += sv.total();
            r.cost += pc;
            r.pv_savings += sv.total() * df;
            r.pv_cost += pc * df;
            counts.add(&c);
            for ag in Agency::ALL {
                savings.add(ag, sv.get(ag));
            }
            cashable += cb;
            cost += pc;
        }
        let gross = savings.total();
        cum_s += gross;
        cum_c += cost;
        cum_pv += (gross - cost) * df;
        years.push(Year {
            year: t as u32 + 1,
            label: year_label(a.start_year, t),
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
    Run {
        years,
        programmes: results,
        notes,
        care_years: d,
        care_annual,
    }
}

/// A financial year label: `2026-27` for `start_year` 2026 and `t` 0.
pub fn year_label(start_year: u16, t: usize) -> String {
    let y = u32::from(start_year) + t as u32;
    format!("{y}-{:02}", (y + 1) % 100)
}

fn npv_at(s: &Scenario, scale: f64) -> f64 {
    let r = run(s, scale);
    r.years.iter().map(|y| y.pv_savings - y.pv_cost).sum()
}

/// Largest multiple of the effects the break-even search tries: enough for
/// any relative effect to reach 100% from 1%.
const MAX_SCALE: f64 = 100.0;

/// The multiple of every effect at which NPV = 0 (bisection; NPV rises with
/// the multiple because every saving does and costs do not depend on it).
pub(crate) fn break_even_scale(s: &Scenario) -> Option<f64> {
    if npv_at(s, 0.0) >= 0.0 {
        return Some(0.0);
    }
    if npv_at(s, MAX_SCALE) < 0.0 {
        return None;
    }
    let (mut lo, mut hi) = (0.0, MAX_SCALE);
    for _ in 0..60 {
        let mid = 0.5 * (lo + hi);
        if npv_at(s, mid) >= 0.0 {
            hi = mid;
        } else {
            lo = mid;
        }
    }
    Some(hi)
}
