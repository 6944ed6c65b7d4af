//! The calculation kernel: a [`Plan`] prepared once from a validated
//! scenario, then [`simulate`]d as often as needed (once for the projection,
//! a few dozen times for the switching values, thousands of times for the
//! Monte Carlo) into a reusable [`Work`] buffer.
//!
//! Each year's cases carry their own stream of benefits over the following
//! years: a programme funded for N years serves cohorts in years 1…N only,
//! and after that only the tails of those cohorts continue. The formulas are
//! documented on [`crate::project()`] and in `docs/methodology.md`.

use crate::base::outcome::{Agency, Outcome};
use crate::calc::baseline::{self, Series, Yearly};
use crate::calc::record::{
    Benefit, Held, Lands, Money, Nothing, PerCase, Record, Recorder, Term, Tiers,
};
use crate::calc::resolve::{self, Change};
use crate::data::evidence::Placement;
use crate::scenario::valid::Valid;

/// Number of outcomes.
pub const OUTCOMES: usize = 6;
/// Number of agencies.
pub const AGENCIES: usize = 5;

const CARE: usize = Outcome::CareEntries as usize;
const CP: usize = Outcome::CpPlans as usize;
const CIN: usize = Outcome::ChildrenInNeed as usize;
const COURT: usize = Outcome::CareProceedings as usize;
const POLICE: usize = Outcome::PoliceIncidents as usize;
const NHS: usize = Outcome::EmergencyAdmissions as usize;
const CS: usize = Agency::ChildrensServices as usize;

/// Everything fixed for a scenario.
#[derive(Debug, Clone)]
pub struct Plan {
    /// Years projected.
    pub horizon: usize,
    /// Years funded (may exceed the horizon).
    pub funded_years: usize,
    /// Resolved programmes.
    pub programmes: Vec<resolve::Programme>,
    /// Share of full reach by year.
    pub ramp: Vec<f64>,
    /// Share of a cohort's benefits left k years after it was served:
    /// [`Plan::kept`] to the power k.
    pub persist: Vec<f64>,
    /// The drop-off a year as a share (0–1).
    pub drop_off: f64,
    /// The share of a cohort's benefits kept each year: 1 − the drop-off.
    pub kept: f64,
    /// The typed yearly change of every count, as [`Plan::growth`] applies it.
    pub yearly: Yearly,
    /// Each series' own trend a year ([`Series::ALL`] order), as
    /// [`Plan::trend`] applies it; `None` when the baseline is flat or the
    /// series has no trend figure.
    pub trends: [Option<Yearly>; 4],
    /// Years from the council's figures to the end of the first year
    /// ([`baseline::lead_years`]).
    pub lead_years: i32,
    /// Baseline growth by year from the typed yearly change of every
    /// count (the counts without the programmes).
    pub growth: Vec<f64>,
    /// Baseline multiplier by year of each outcome with a history, from
    /// its trend ([`baseline::factors`], [`Series::ALL`] order); all 1
    /// when the baseline is flat.
    pub trend: Vec<[f64; 4]>,
    /// Upper bounds per outcome from the council's counts, per year before
    /// growth and trend: care entries, CP plans, children in need only,
    /// proceedings, police incidents, admissions (`None`: no bound).
    pub bound: [Option<f64>; OUTCOMES],
    /// Children in need (all tiers), on plans and looked after, for the
    /// bound on children in need only once each follows its own trend.
    pub cin_parts: Option<(f64, f64, f64)>,
    /// Children looked after at 31 March: the bound on child-years in care.
    pub care_stock: Option<f64>,
    /// Years in care per entry for the council (D).
    pub care_years: f64,
    /// The council's looked after ÷ leaving care, before it is held between
    /// 0.1 and 18 years ([`resolve::care_quotient`]).
    pub care_quotient: Option<f64>,
    /// Per programme, the share of an avoided stay falling k years after
    /// entry (entries spread through the year: half a year in the first).
    pub entry_profile: Vec<Vec<f64>>,
    /// Per programme, the share of the rest of a stay falling k years after
    /// a child would have been in care at 12 months.
    pub stay_profile: Vec<Vec<f64>>,
    /// £ a year for a child in care by programme (its placement), 2025-26.
    pub care_unit: Vec<f64>,
    /// Cashable share of each programme's care savings (0–1).
    pub care_cashable: Vec<f64>,
    /// £ per unit for each outcome (the care entry slot is unused: care is
    /// costed by time), 2025-26 prices.
    pub unit: [f64; OUTCOMES],
    /// Council share of proceedings cost (0–1).
    pub proceedings_council: f64,
    /// Cashable shares (0–1) of the council's savings by outcome, then of
    /// its monetised per-case benefits.
    pub cashable: [f64; OUTCOMES + 1],
    /// Optimism bias on costs as a share (0–1).
    pub cost_optimism: f64,
    /// 1 + optimism bias on costs.
    pub cost_uplift: f64,
    /// Discount factor by year.
    pub discount: Vec<f64>,
    /// (programme, outcome) pairs left out for lack of a council figure.
    pub skipped: Vec<(usize, Outcome)>,
}

/// The council's children in need only in one year, as
/// [`Plan::cin_only_at`] works it out: each count on its trend.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CinOnly {
    /// Children in need, all tiers.
    pub all: f64,
    /// Children on protection plans.
    pub plans: f64,
    /// Children looked after.
    pub looked_after: f64,
    /// `all` − `plans`.
    pub less_plans: f64,
    /// That − `looked_after`.
    pub less_looked_after: f64,
    /// That, none below 0: children in need only.
    pub only: f64,
}

/// Changes to the plan for one run: drawn or varied values.
#[derive(Debug, Clone, Copy)]
pub struct Draw<'a> {
    /// Effect sizes, programme by programme in order, replacing the plan's.
    pub sizes: Option<&'a [f64]>,
    /// Per-case money values, in order, replacing the plan's.
    pub case_values: Option<&'a [f64]>,
    /// Multiplier on each outcome's unit cost.
    pub unit_mult: [f64; OUTCOMES],
    /// Multiplier on each programme's engagement (capped at 100% reach).
    pub engagement_mult: Option<&'a [f64]>,
    /// Multiplier on every programme cost.
    pub cost_mult: f64,
    /// Share (0–1) counted after the period observed, for every effect
    /// where that share is a choice beyond the evidence
    /// ([`resolve::Effect::beyond_is_choice`]); `None` keeps the plan's.
    pub beyond: Option<f64>,
    /// Drop-off a year (0–1) replacing the scenario's; `None` keeps it.
    pub drop_off: Option<f64>,
    /// Multiplier on the length of an avoided stay in care (1: as planned).
    pub stay_mult: f64,
    /// Where the cashable share of an avoided placement sits in its range,
    /// −1 to 1: −1 half the planned share, 0 the planned share, 1 all of it.
    pub care_cash: f64,
}

impl Draw<'_> {
    /// The plan as it stands.
    pub fn central() -> Draw<'static> {
        Draw {
            sizes: None,
            case_values: None,
            unit_mult: [1.0; OUTCOMES],
            engagement_mult: None,
            cost_mult: 1.0,
            beyond: None,
            drop_off: None,
            stay_mult: 1.0,
            care_cash: 0.0,
        }
    }
}

/// The cashable share of an avoided placement at position `q` (−1 to 1) of
/// its range: from half the planned `share` (`q` = −1) through the planned
/// share (0) to all of it (1). A convention of this calculator: half for
/// council-run places whose fixed costs do not fall, all where every
/// avoided placement would have been bought in.
///
/// ```
/// use outcome_model::calc::engine::cash_share_at;
/// assert_eq!(cash_share_at(0.6, 0.0), 0.6);
/// assert_eq!(cash_share_at(0.6, -1.0), 0.3);
/// assert_eq!(cash_share_at(0.6, 1.0), 1.0);
/// ```
pub fn cash_share_at(share: f64, q: f64) -> f64 {
    if q < 0.0 {
        share + q * share * 0.5
    } else {
        share + q * (1.0 - share)
    }
}

/// Results of one run, flat: index `[i * horizon + t]` for programme *i*,
/// year *t* (times `OUTCOMES` or `AGENCIES` for the inner dimension).
#[derive(Debug, Clone, Default)]
pub struct Work {
    /// Counts changed, `[(i * h + t) * OUTCOMES + o]`: care entries avoided
    /// (a flow), plan-years of protection plans and of children in need
    /// only (stocks over the year), and the flows of proceedings, police
    /// call-outs and admissions.
    pub avoided: Vec<f64>,
    /// Child-years in care avoided, `[i * h + t]`.
    pub child_years: Vec<f64>,
    /// Savings, `[(i * h + t) * AGENCIES + agency]`, £.
    pub savings: Vec<f64>,
    /// Cashable savings to the council (children's services), `[i * h + t]`, £.
    pub cashable: Vec<f64>,
    /// Cost, `[i * h + t]`, £.
    pub cost: Vec<f64>,
    /// Cases served, `[i * h + t]`.
    pub served: Vec<f64>,
    /// Whether an outcome's total hit the council's own count in some year.
    pub capped: [bool; OUTCOMES + 1],
    /// This run's share of a cohort's benefits left `k` years on, `[k]`.
    persist: Vec<f64>,
    /// This run's stay profiles after an entry and after 12 months,
    /// `[i * h + k]`.
    entry: Vec<f64>,
    stay: Vec<f64>,
}

impl Work {
    #[inline]
    fn reset(&mut self, n: usize, h: usize) {
        fn size(v: &mut Vec<f64>, len: usize) {
            v.clear();
            v.resize(len, 0.0);
        }
        size(&mut self.avoided, n * h * OUTCOMES);
        size(&mut self.child_years, n * h);
        size(&mut self.savings, n * h * AGENCIES);
        size(&mut self.cashable, n * h);
        size(&mut self.cost, n * h);
        size(&mut self.served, n * h);
        self.capped = [false; OUTCOMES + 1];
    }

    /// Total savings minus cost in year `t`, all programmes: the public
    /// purse, £.
    pub fn net(&self, n: usize, h: usize, t: usize) -> f64 {
        (0..n)
            .map(|i| {
                let k = i * h + t;
                self.savings[k * AGENCIES..(k + 1) * AGENCIES]
                    .iter()
                    .sum::<f64>()
                    - self.cost[k]
            })
            .sum()
    }

    /// Cash to the council minus cost in year `t`, all programmes, £.
    #[inline]
    pub fn cash_net(&self, n: usize, h: usize, t: usize) -> f64 {
        (0..n)
            .map(|i| self.cashable[i * h + t] - self.cost[i * h + t])
            .sum()
    }

    /// Cost in year `t`, all programmes, £.
    #[inline]
    pub fn cost_in(&self, n: usize, h: usize, t: usize) -> f64 {
        (0..n).map(|i| self.cost[i * h + t]).sum()
    }
}

pub use crate::calc::resolve::care_years;

/// Share of a `d`-year stay in care falling in each year after an entry:
/// entries are spread through the year, so half a year in the year of
/// entry, then whole years until `d` is used up.
///
/// ```
/// use outcome_model::calc::engine::care_profile;
/// assert_eq!(care_profile(2.25, 4), vec![0.5, 1.0, 0.75, 0.0]);
/// ```
#[inline]
pub fn care_profile(d: f64, years: usize) -> Vec<f64> {
    profile(d, years, 0.5)
}

/// The same for a child who would still have been in care 12 months after
/// the start: half a year in the first year (the gap opens through it),
/// then the rest of a stay, `d` years, from the second year.
///
/// ```
/// use outcome_model::calc::engine::stay_profile;
/// assert_eq!(stay_profile(1.5, 4), vec![0.5, 1.0, 0.5, 0.0]);
/// ```
#[inline]
pub fn stay_profile(d: f64, years: usize) -> Vec<f64> {
    let mut out = vec![0.0; years];
    if years > 0 {
        out[0] = 0.5;
        for (k, v) in profile(d, years - 1, 1.0).into_iter().enumerate() {
            out[k + 1] = v;
        }
    }
    out
}

#[inline]
fn profile(d: f64, years: usize, first: f64) -> Vec<f64> {
    let mut left = d;
    (0..years)
        .map(|k| {
            let take = left.min(if k == 0 { first } else { 1.0 }).max(0.0);
            left -= take;
            take
        })
        .collect()
}

impl Plan {
    /// Prepares a validated scenario (only [`crate::validate`] makes a
    /// [`Valid`] one, so the kernel never checks again).
    pub fn new(s: Valid) -> Plan {
        let s = s.scenario();
        let a = &s.assumptions;
        let horizon = a.horizon_years as usize;
        let funded_years = a.funding_years as usize;
        let programmes: Vec<resolve::Programme> = s
            .programmes
            .iter()
            .map(|c| resolve::programme(s, c))
            .collect();
        let ramp = (0..horizon)
            .map(|t| a.ramp_pct[t.min(a.ramp_pct.len() - 1)] / 100.0)
            .collect();
        let drop_off = a.drop_off_pct / 100.0;
        let kept = 1.0 - drop_off;
        let persist = (0..horizon).map(|k| kept.powi(k as i32)).collect();
        let growth = baseline::growth(s);
        let trend = baseline::factors(s);
        let k = &s.council;
        let cin_parts = k.children_in_need.map(|cin| {
            (
                cin,
                k.cp_plans.unwrap_or(0.0),
                k.children_looked_after.unwrap_or(0.0),
            )
        });
        let cin_only = match (k.children_in_need, k.cp_plans, k.children_looked_after) {
            (Some(cin), cp, cla) => Some((cin - cp.unwrap_or(0.0) - cla.unwrap_or(0.0)).max(0.0)),
            _ => None,
        };
        let bound = [
            k.care_starts,
            k.cp_plans,
            cin_only,
            k.care_proceedings,
            k.police_incidents,
            k.emergency_admissions,
        ];
        let mut skipped = Vec::new();
        for (i, (p, c)) in programmes.iter().zip(&s.programmes).enumerate() {
            if c.programme == crate::data::evidence::CUSTOM_ID {
                continue;
            }
            if let Some(prog) = crate::data::evidence::find(&c.programme) {
                for e in &prog.effects {
                    let o = e.quantity.outcome();
                    if !p.effects.iter().any(|r| r.outcome == o) && !skipped.contains(&(i, o)) {
                        skipped.push((i, o));
                    }
                }
            }
        }
        let d = care_years(s);
        let u = &s.unit_costs;
        let cash = &a.cashable;
        let average = k.cla_spend_per_child.unwrap_or_else(|| u.foster_annual());
        let care_unit = programmes
            .iter()
            .map(|p| match p.placement {
                Placement::Foster => u.foster_annual(),
                Placement::Residential => u.residential_annual(),
                Placement::CouncilAverage => average,
            })
            .collect();
        let care_cashable = programmes
            .iter()
            .map(|p| match p.placement {
                Placement::Residential => cash.residential_pct / 100.0,
                _ => cash.care_pct / 100.0,
            })
            .collect();
        let rate = a.discount_rate_pct / 100.0;
        let cost_optimism = a.optimism_bias_costs_pct / 100.0;
        let trends = Series::ALL.map(|k| {
            k.trend(&a.baseline_trends)
                .filter(|_| !a.baseline.is_flat())
                .map(baseline::Yearly::of)
        });
        Plan {
            horizon,
            funded_years,
            entry_profile: programmes
                .iter()
                .map(|p| care_profile(p.care_years, horizon))
                .collect(),
            stay_profile: programmes
                .iter()
                .map(|p| stay_profile(p.care_years, horizon))
                .collect(),
            care_unit,
            care_cashable,
            programmes,
            ramp,
            persist,
            drop_off,
            kept,
            yearly: baseline::Yearly::of(a.baseline_trend_pct),
            trends,
            lead_years: baseline::lead_years(s),
            growth,
            trend,
            bound,
            cin_parts,
            care_stock: k.children_looked_after,
            care_years: d,
            care_quotient: resolve::care_quotient(s),
            unit: [
                0.0,
                u.cp_plan_annual,
                u.cin_annual,
                u.care_proceedings,
                u.police_incident,
                u.emergency_admission,
            ],
            proceedings_council: u.care_proceedings_council_pct / 100.0,
            cashable: [
                0.0,
                cash.cp_plans_pct / 100.0,
                cash.children_in_need_pct / 100.0,
                cash.care_proceedings_pct / 100.0,
                cash.police_pct / 100.0,
                cash.nhs_pct / 100.0,
                cash.case_benefits_pct / 100.0,
            ],
            cost_optimism,
            cost_uplift: 1.0 + cost_optimism,
            discount: (0..horizon)
                .map(|t| 1.0 / (1.0 + rate).powi(t as i32))
                .collect(),
            skipped,
        }
    }

    /// Number of effect sizes across all programmes (the length of
    /// [`Draw::sizes`]).
    pub fn effect_count(&self) -> usize {
        self.programmes.iter().map(|p| p.effects.len()).sum()
    }

    /// The most outcome `o` can change in year `t` (the council's count as
    /// it stands that year without the programmes); `o == OUTCOMES` is
    /// time in care, held to the children looked after.
    #[inline]
    pub fn bound_at(&self, o: usize, t: usize) -> Option<f64> {
        self.count_at(o, t).map(|b| b * self.growth[t])
    }

    /// The council's count of outcome `o` in year `t` on its trend, before
    /// the typed yearly change of every count ([`Plan::bound_at`] is this
    /// × the year's growth).
    #[inline]
    pub fn count_at(&self, o: usize, t: usize) -> Option<f64> {
        let f = &self.trend[t];
        let at = |k: Series| f[k.index()];
        match o {
            OUTCOMES => self.care_stock.map(|c| c * at(Series::LookedAfter)),
            CARE => self.bound[CARE].map(|b| b * at(Series::CareStarts)),
            CP => self.bound[CP].map(|b| b * at(Series::CpPlans)),
            CIN => self.cin_only_at(t).map(|c| c.only),
            _ => self.bound[o],
        }
    }

    /// The council's children in need only in year `t` on their trends,
    /// part by part (before the typed yearly change of every count);
    /// `None` without a count of children in need.
    #[inline]
    pub fn cin_only_at(&self, t: usize) -> Option<CinOnly> {
        let f = &self.trend[t];
        let at = |k: Series| f[k.index()];
        self.cin_parts.map(|(cin, cp, cla)| {
            let all = cin * at(Series::ChildrenInNeed);
            let plans = cp * at(Series::CpPlans);
            let looked_after = cla * at(Series::LookedAfter);
            let less_plans = all - plans;
            let less_looked_after = less_plans - looked_after;
            CinOnly {
                all,
                plans,
                looked_after,
                less_plans,
                less_looked_after,
                only: less_looked_after.max(0.0),
            }
        })
    }

    /// The trend multiplier in year `t` on the count an effect of kind
    /// `change` is a share of (1 for events without a history).
    #[inline]
    fn trend_of(&self, change: Change, t: usize) -> f64 {
        Series::of(change).map_or(1.0, |k| self.trend[t][k.index()])
    }

    /// The effect sizes as planned, in [`Draw::sizes`] order.
    pub fn sizes(&self) -> Vec<f64> {
        self.programmes
            .iter()
            .flat_map(|p| p.effects.iter().map(|e| e.size))
            .collect()
    }
}

/// Runs the chain for one draw into `w`.
///
/// For programme *i* serving `served[i, s]` cases in year *s* (cohort ×
/// reach × ramp, no more than the eligible caseload, and none once funding
/// has stopped), year *t* gets, from each earlier cohort *s* ≤ *t* at lag
/// *k* = *t* − *s*: cases × per-case change × adjustment × persistence(k) ×
/// the nesting factor, timed by the change's profile. Totals across
/// programmes are held to the council's own counts.
pub fn simulate(plan: &Plan, draw: &Draw, w: &mut Work) {
    simulate_recorded(plan, draw, w, &mut Nothing);
}

/// [`simulate`], telling `rec` what the kernel decides: the terms it adds
/// and where, and the totals it holds ([`crate::calc::record`]; the
/// workings are built over that record).
pub fn simulate_recorded<R: Recorder>(plan: &Plan, draw: &Draw, w: &mut Work, rec: &mut R) {
    let n = plan.programmes.len();
    let h = plan.horizon;
    w.reset(n, h);
    conventions(plan, draw, w);
    let persist = std::mem::take(&mut w.persist);
    let entry_all = std::mem::take(&mut w.entry);
    let stay_all = std::mem::take(&mut w.stay);
    simulate_with(plan, draw, w, &persist, &entry_all, &stay_all, rec);
    w.persist = persist;
    w.entry = entry_all;
    w.stay = stay_all;
}

/// Runs the kernel at the central draw and returns what it decided
/// ([`Record`]), with the run's results.
pub fn record(plan: &Plan) -> (Record, Work) {
    let mut rec = Record::default();
    let mut w = Work::default();
    simulate_recorded(plan, &Draw::central(), &mut w, &mut rec);
    (rec, w)
}

/// This run's persistence and stay profiles: the plan's, or those of the
/// draw's drop-off and stay length.
#[inline]
fn conventions(plan: &Plan, draw: &Draw, w: &mut Work) {
    let h = plan.horizon;
    w.persist.clear();
    match draw.drop_off {
        None => w.persist.extend_from_slice(&plan.persist),
        Some(d) => w.persist.extend((0..h).map(|k| (1.0 - d).powi(k as i32))),
    }
    w.entry.clear();
    w.stay.clear();
    for (i, p) in plan.programmes.iter().enumerate() {
        if draw.stay_mult == 1.0 {
            w.entry.extend_from_slice(&plan.entry_profile[i]);
            w.stay.extend_from_slice(&plan.stay_profile[i]);
        } else {
            let d = (p.care_years * draw.stay_mult).min(p.max_care_years);
            w.entry.extend(care_profile(d, h));
            w.stay.extend(stay_profile(d, h));
        }
    }
}

#[inline(never)]
fn simulate_with<R: Recorder>(
    plan: &Plan,
    draw: &Draw,
    w: &mut Work,
    persist: &[f64],
    entry_all: &[f64],
    stay_all: &[f64],
    rec: &mut R,
) {
    let n = plan.programmes.len();
    let h = plan.horizon;
    let progs = &plan.programmes;

    // Cases served, and the share of the eligible caseload covered.
    let mut cover = vec![0.0; n * h];
    for (i, p) in progs.iter().enumerate() {
        let m = draw.engagement_mult.map_or(1.0, |m| m[i]);
        let reach = (p.engagement * m).min(1.0);
        let years = if p.first_year_only {
            1
        } else {
            plan.funded_years
        };
        for t in 0..h.min(years) {
            let asked = p.cohort * reach * plan.ramp[t];
            let mut served = asked;
            if let Some(e) = p.eligible {
                served = asked.min(e);
                cover[i * h + t] = if e > 0.0 { served / e } else { 0.0 };
                rec.asked(i, t, asked, cover[i * h + t]);
            }
            w.served[i * h + t] = served;
        }
    }

    // Sizes, and each programme's reduction in care time for its nested ones.
    let planned;
    let sizes = match draw.sizes {
        Some(s) => s,
        None => {
            planned = plan.sizes();
            &planned[..]
        }
    };
    let mut first = Vec::with_capacity(n);
    let mut k0 = 0;
    for p in progs {
        first.push(k0);
        k0 += p.effects.len();
    }
    let reduction: Vec<f64> = progs
        .iter()
        .zip(&first)
        .enumerate()
        .map(|(i, (p, &f))| {
            let sizes = &sizes[f..f + p.effects.len()];
            if let Some(fall) = p.care_time_fall(sizes) {
                rec.care_fall(i, fall);
            }
            p.care_time_reduction(sizes)
        })
        .collect();

    // Physical changes and money, programme by programme.
    let mut case_k = 0;
    for (i, p) in progs.iter().enumerate() {
        // The nesting factor for the cohort of year `s`, and the share of
        // the parent's caseload covered × its fall in care time.
        let nest = |s: usize| match p.parent {
            Some(j) if j != i => {
                let fall = cover[j * h + s] * reduction[j];
                (1.0 - fall, fall)
            }
            _ => (1.0, 0.0),
        };
        let entry = &entry_all[i * h..(i + 1) * h];
        let stay = &stay_all[i * h..(i + 1) * h];
        // Per-case changes of this programme at this draw's sizes: the
        // fall in plans, and in children looked after at 31 March (the
        // care-time change; entries through the year are still in care at
        // its end unless stays are shorter than a year), both inside the
        // children-in-need count.
        let (mut cp_per_case, mut care_per_case) = (0.0, 0.0);
        for (j, e) in p.effects.iter().enumerate() {
            let share = sizes[first[i] + j] / 100.0;
            let x = share * e.per_unit;
            let mut at_31_march = None;
            match e.change {
                Change::CpPlans => cp_per_case = x,
                Change::CareTime => {
                    let year = p.care_years.min(1.0);
                    care_per_case = x * year;
                    at_31_march = Some([year, care_per_case]);
                }
                _ => {}
            }
            rec.per_case(PerCase {
                programme: i,
                effect: j,
                share,
                change: x,
                at_31_march,
            });
        }
        for s in 0..h {
            let cases = w.served[i * h + s];
            if cases == 0.0 {
                continue;
            }
            let g = plan.growth[s];
            let (nf, nest_fall) = nest(s);
            for (j, e) in p.effects.iter().enumerate() {
                let mut x = sizes[first[i] + j] / 100.0 * e.per_unit;
                // An effect measured as a share of the council's count
                // follows that count's baseline (its trend, then the
                // typed yearly change); one measured per family does not.
                let relative = e.measure == "relative";
                let tr = |c: Change| {
                    if relative {
                        plan.trend_of(c, s)
                    } else {
                        1.0
                    }
                };
                if matches!(e.change, Change::ChildrenInNeedAllTiers) {
                    let all = x * tr(Change::ChildrenInNeedAllTiers);
                    let plans = cp_per_case * tr(Change::CpPlans);
                    let looked_after = care_per_case * tr(Change::CareTime);
                    let less_plans = all - plans;
                    let less_looked_after = less_plans - looked_after;
                    x = less_looked_after.max(0.0);
                    rec.tiers(Tiers {
                        programme: i,
                        effect: j,
                        cohort: s,
                        all,
                        plans,
                        looked_after,
                        less_plans,
                        less_looked_after,
                    });
                } else {
                    x *= tr(e.change);
                }
                let per_case = x;
                if relative {
                    x *= g;
                }
                let x = x * cases * p.adjustment;
                for t in s..h {
                    let lag = t - s;
                    let counted = e.counted(lag, draw.beyond);
                    if counted == 0.0 {
                        continue;
                    }
                    let Some(lands) = Lands::of(e.change, lag) else {
                        continue;
                    };
                    let term = Term {
                        programme: i,
                        effect: j,
                        cohort: s,
                        year: t,
                        lands,
                        per_case,
                        change: x,
                        nest: nf,
                        nest_fall,
                        value: 0.0,
                    };
                    let keep = persist[lag] * counted;
                    if keep == 0.0 {
                        rec.term(term);
                        continue;
                    }
                    let k = i * h + t;
                    // Child-years in care (no count), or a count.
                    let (count, v) = match lands {
                        Lands::CareTime => (None, x * entry[lag] * nf),
                        Lands::Stay => (None, x * stay[lag] * nf),
                        // Stays follow from the entries once they are held
                        // to the council's count (below).
                        Lands::Entries => (Some(CARE), x * nf),
                        Lands::Half(o) => (Some(o.index()), 0.5 * x),
                        Lands::Flow(o) => (Some(o.index()), x),
                    };
                    let value = v * keep;
                    rec.term(Term { value, ..term });
                    match count {
                        None => w.child_years[k] += value,
                        Some(o) => w.avoided[k * OUTCOMES + o] += value,
                    }
                }
            }
        }
        // Monetised per-case values: a library benefit spread over its
        // years with the scenario's drop-off, a custom one each year with
        // its own.
        for (j, c) in p.case_values.iter().enumerate() {
            let value = draw.case_values.map_or(c.value, |v| v[case_k + j]);
            let a = c.agency.index();
            for s in 0..h {
                let cases = w.served[i * h + s];
                if cases == 0.0 {
                    continue;
                }
                let (nf, nest_fall) = if a == CS { nest(s) } else { (1.0, 0.0) };
                let whole = cases * value * p.adjustment * nf;
                let per_year = whole / c.spread_over();
                for t in s..h.min(s + c.years) {
                    let k = i * h + t;
                    let amount = per_year * c.keep(t - s, persist);
                    w.savings[k * AGENCIES + a] += amount;
                    let cash = if a == CS {
                        let cash = amount * plan.cashable[OUTCOMES];
                        w.cashable[k] += cash;
                        cash
                    } else {
                        0.0
                    };
                    rec.benefit(Benefit {
                        programme: i,
                        value: j,
                        cohort: s,
                        year: t,
                        whole,
                        per_year,
                        amount,
                        cash,
                        nest: nf,
                        nest_fall,
                    });
                }
            }
        }
        case_k += p.case_values.len();
    }

    // Hold the totals to the council's own counts: entries first, then the
    // stays that follow from them, then everything else.
    rec.unheld(&w.avoided, false);
    limit(plan, w, n, CARE, rec);
    for i in 0..n {
        let entry = &entry_all[i * h..(i + 1) * h];
        for s in 0..h {
            let entries = w.avoided[(i * h + s) * OUTCOMES + CARE];
            if entries == 0.0 {
                continue;
            }
            for t in s..h {
                let value = entries * entry[t - s] * persist[t - s];
                rec.stays(i, s, t, value);
                w.child_years[i * h + t] += value;
            }
        }
    }
    rec.unheld(&w.child_years, true);
    for o in 1..=OUTCOMES {
        limit(plan, w, n, o, rec);
    }

    // Money and cost.
    for (i, p) in progs.iter().enumerate() {
        for t in 0..h {
            let k = i * h + t;
            let row = &w.avoided[k * OUTCOMES..(k + 1) * OUTCOMES];
            let u = |o: usize| plan.unit[o] * draw.unit_mult[o];
            let care = w.child_years[k] * plan.care_unit[i] * draw.unit_mult[CARE];
            let cp = row[CP] * u(CP);
            let cin = row[CIN] * u(CIN);
            let court = row[COURT] * u(COURT);
            let police = row[POLICE] * u(POLICE);
            let nhs = row[NHS] * u(NHS);
            let council_court = court * plan.proceedings_council;
            let sv = &mut w.savings[k * AGENCIES..(k + 1) * AGENCIES];
            sv[CS] += care + cp + cin + council_court;
            let courts = court - council_court;
            sv[Agency::CourtsLegal.index()] += courts;
            sv[Agency::Police.index()] += police;
            sv[Agency::Nhs.index()] += nhs;
            let care_cash = care * cash_share_at(plan.care_cashable[i], draw.care_cash);
            let cp_cash = cp * plan.cashable[CP];
            let cin_cash = cin * plan.cashable[CIN];
            let court_cash = council_court * plan.cashable[COURT];
            w.cashable[k] += care_cash + cp_cash + cin_cash + court_cash;
            let (cases_cost, cost_before, cost) = if t < plan.funded_years {
                let setup = if t == 0 { p.setup_cost } else { 0.0 };
                let cases_cost = w.served[k] * p.cost_per_case;
                let before = cases_cost + p.annual_cost + setup;
                (
                    cases_cost,
                    before,
                    before * plan.cost_uplift * draw.cost_mult,
                )
            } else {
                (0.0, 0.0, 0.0)
            };
            w.cost[k] = cost;
            rec.money(
                i,
                t,
                Money {
                    care,
                    cp,
                    cin,
                    court,
                    council_court,
                    courts,
                    police,
                    nhs,
                    care_cash,
                    cp_cash,
                    cin_cash,
                    court_cash,
                    cases_cost,
                    cost_before,
                    cost,
                },
            );
        }
    }
}

/// Holds outcome `o`'s total across programmes to the council's own count,
/// year by year, scaling every programme's share alike; `o == OUTCOMES`
/// is time in care, held to the children looked after.
fn limit<R: Recorder>(plan: &Plan, w: &mut Work, n: usize, o: usize, rec: &mut R) {
    let h = plan.horizon;
    let bound = if o == OUTCOMES {
        plan.care_stock
    } else {
        plan.bound[o]
    };
    if bound.is_none() {
        return;
    }
    for t in 0..h {
        let Some(b) = plan.bound_at(o, t) else {
            continue;
        };
        let at = |w: &Work, k: usize| {
            if o == OUTCOMES {
                w.child_years[k]
            } else {
                w.avoided[k * OUTCOMES + o]
            }
        };
        let total: f64 = (0..n).map(|i| at(w, i * h + t)).sum();
        if total > b && total > 0.0 {
            w.capped[o] = true;
            let f = b / total;
            rec.held(Held {
                outcome: o,
                year: t,
                bound: b,
                total,
                factor: f,
            });
            for i in 0..n {
                let k = i * h + t;
                if o == OUTCOMES {
                    w.child_years[k] *= f;
                } else {
                    w.avoided[k * OUTCOMES + o] *= f;
                }
            }
        }
    }
}

/// Net present value to the public purse of one run, £.
pub fn npv(plan: &Plan, w: &Work) -> f64 {
    let n = plan.programmes.len();
    (0..plan.horizon)
        .map(|t| w.net(n, plan.horizon, t) * plan.discount[t])
        .sum()
}

/// Net present budget impact to the council of one run: cashable savings
/// minus cost, discounted, £.
pub fn budget_npv(plan: &Plan, w: &Work) -> f64 {
    let n = plan.programmes.len();
    (0..plan.horizon)
        .map(|t| w.cash_net(n, plan.horizon, t) * plan.discount[t])
        .sum()
}

/// The switching value of effect `k` (in [`Draw::sizes`] order): the size
/// at which the council's net present budget impact is zero, everything
/// else as planned (Green Book 2022, paras 5.60–5.61). `None` when no size
/// up to the effect's cap gets there. The size is before adjustments; the
/// caller multiplies by the programme's adjustment to state it after them.
pub fn switching_size(plan: &Plan, k: usize, w: &mut Work) -> Option<f64> {
    switching_size_with(plan, k, w, simulate)
}

/// [`switching_size`], each run by `kernel`: [`simulate`], or the same
/// function instantiated in a crate compiled for speed (`crates/kernel`).
pub fn switching_size_with(
    plan: &Plan,
    k: usize,
    w: &mut Work,
    kernel: impl Fn(&Plan, &Draw, &mut Work),
) -> Option<f64> {
    let mut sizes = plan.sizes();
    let (_, e) = effect_at(plan, k)?;
    let cap = e.cap;
    let mut at = |v: f64, w: &mut Work| {
        sizes[k] = v;
        let draw = Draw {
            sizes: Some(&sizes),
            ..Draw::central()
        };
        kernel(plan, &draw, w);
        budget_npv(plan, w)
    };
    if at(0.0, w) >= 0.0 {
        return Some(0.0);
    }
    if at(cap, w) < 0.0 {
        return None;
    }
    let (mut lo, mut hi) = (0.0, cap);
    for _ in 0..50 {
        let mid = 0.5 * (lo + hi);
        if at(mid, w) >= 0.0 {
            hi = mid;
        } else {
            lo = mid;
        }
    }
    Some(hi)
}

/// The programme and effect at index `k` of [`Draw::sizes`].
pub fn effect_at(plan: &Plan, mut k: usize) -> Option<(&resolve::Programme, &resolve::Effect)> {
    for p in &plan.programmes {
        if k < p.effects.len() {
            return Some((p, &p.effects[k]));
        }
        k -= p.effects.len();
    }
    None
}
