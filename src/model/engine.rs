//! The calculation kernel: a [`Plan`] prepared once from a validated
//! scenario, then [`simulate`]d as often as needed (once for the projection,
//! ~60 times for the break-even search, thousands of times for the Monte
//! Carlo) into a reusable [`Work`] buffer, without allocating.
//!
//! The formulas are documented on [`super::project()`] and in
//! `docs/methodology.md`.

use super::defaults;
use super::evidence::CASE_BENEFIT_YEARS;
use super::outcome::{Agency, Outcome};
use super::resolve::{self, Kind};
use super::scenario::{Cashable, Scenario};

/// Number of outcomes.
pub const OUTCOMES: usize = 6;
/// Number of agencies.
pub const AGENCIES: usize = 5;

/// Everything fixed for a scenario.
#[derive(Debug, Clone)]
pub struct Plan {
    /// Years projected.
    pub horizon: usize,
    /// Years funded (may exceed the horizon).
    pub funded_years: usize,
    /// Resolved programmes.
    pub programmes: Vec<resolve::Programme>,
    /// Ramp share of full reach by year (frozen after funding).
    pub ramp: Vec<f64>,
    /// Persistence by year.
    pub persist: Vec<f64>,
    /// Baseline growth by year.
    pub growth: Vec<f64>,
    /// The council's baseline for each outcome.
    pub council: [Option<f64>; OUTCOMES],
    /// Years in care per entry.
    pub care_years: f64,
    /// Share of an entry's years in care falling in year k after it.
    pub profile: Vec<f64>,
    /// £ a year for each outcome unit: care a year, CP plan, CIN case,
    /// proceedings, police incident, A&E attendance.
    pub unit: [f64; OUTCOMES],
    /// Council share of proceedings cost (0–1).
    pub proceedings_council: f64,
    /// Cashable shares (0–1) by outcome, then case benefits.
    pub cashable: [f64; OUTCOMES + 1],
    /// 1 + optimism bias on costs.
    pub cost_uplift: f64,
    /// Discount factor by year.
    pub discount: Vec<f64>,
    /// (programme, outcome) pairs left out for lack of a council figure.
    pub skipped: Vec<(usize, Outcome)>,
}

/// Changes to the plan for one run: a common multiple of every effect
/// (break-even search) and, for the Monte Carlo, drawn values.
#[derive(Debug, Clone, Copy)]
pub struct Draw<'a> {
    /// Multiplies every effect and per-case benefit.
    pub scale: f64,
    /// Effect sizes, programme by programme in order, replacing the plan's.
    pub sizes: Option<&'a [f64]>,
    /// Per-case benefits, in order, replacing the plan's.
    pub case_values: Option<&'a [f64]>,
    /// Multiplier on each outcome's unit cost.
    pub unit_mult: [f64; OUTCOMES],
    /// Multiplier on each programme's engagement (capped at 100% reach).
    pub engagement_mult: Option<&'a [f64]>,
}

impl Draw<'_> {
    /// The plan as it stands, times `scale`.
    pub fn scaled(scale: f64) -> Draw<'static> {
        Draw {
            scale,
            sizes: None,
            case_values: None,
            unit_mult: [1.0; OUTCOMES],
            engagement_mult: None,
        }
    }
}

/// Results of one run, flat: index `[i * horizon + t]` for programme *i*,
/// year *t* (times `OUTCOMES` or `AGENCIES` for the inner dimension).
#[derive(Debug, Clone, Default)]
pub struct Work {
    /// Events avoided after combination, `[(i * h + t) * OUTCOMES + o]`.
    pub avoided: Vec<f64>,
    /// Years in care avoided, `[i * h + t]`.
    pub child_years: Vec<f64>,
    /// Savings, `[(i * h + t) * AGENCIES + agency]`.
    pub savings: Vec<f64>,
    /// Cashable savings, `[i * h + t]`.
    pub cashable: Vec<f64>,
    /// Cost, `[i * h + t]`.
    pub cost: Vec<f64>,
    /// Reach (share of the cohort) by programme and year, `[i * h + t]`.
    reach: Vec<f64>,
    /// Own effect and events without the programme in one year,
    /// `[i * OUTCOMES + o]`.
    own: Vec<f64>,
    without: Vec<f64>,
}

impl Work {
    /// Sizes the buffers for `n` programmes over `h` years and zeroes the
    /// events avoided (every other buffer is written in full by a run).
    fn reset(&mut self, n: usize, h: usize) {
        fn size(v: &mut Vec<f64>, len: usize) {
            if v.len() != len {
                v.clear();
                v.resize(len, 0.0);
            }
        }
        size(&mut self.avoided, n * h * OUTCOMES);
        self.avoided.fill(0.0);
        size(&mut self.child_years, n * h);
        size(&mut self.savings, n * h * AGENCIES);
        size(&mut self.cashable, n * h);
        size(&mut self.cost, n * h);
        size(&mut self.reach, n * h);
        size(&mut self.own, n * OUTCOMES);
        size(&mut self.without, n * OUTCOMES);
    }

    /// Total savings minus cost in year `t`, all programmes, £.
    #[inline(always)]
    pub fn net(&self, n: usize, h: usize, t: usize) -> f64 {
        let (savings, cost) = (&self.savings[..], &self.cost[..]);
        let mut net = 0.0;
        for i in 0..n {
            let k = i * h + t;
            let mut s = 0.0;
            for v in &savings[k * AGENCIES..(k + 1) * AGENCIES] {
                s += *v;
            }
            net += s - cost[k];
        }
        net
    }

    /// Cost in year `t`, all programmes, £.
    #[inline(always)]
    pub fn cost_in(&self, n: usize, h: usize, t: usize) -> f64 {
        let mut sum = 0.0;
        for i in 0..n {
            sum += self.cost[i * h + t];
        }
        sum
    }
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

/// Share of `d` years in care falling in each year after an entry: half a
/// year in the year of entry, then whole years until `d` is used up.
///
/// ```
/// use outcome_calculator::model::engine::care_profile;
/// assert_eq!(care_profile(2.25, 4), vec![0.5, 1.0, 0.75, 0.0]);
/// ```
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

/// The council's own count of an outcome, if it has one.
pub fn council_baseline(s: &Scenario, o: Outcome) -> Option<f64> {
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

fn cashable_shares(c: &Cashable) -> [f64; OUTCOMES + 1] {
    let mut out = [0.0; OUTCOMES + 1];
    for o in Outcome::ALL {
        out[o.index()] = c.for_outcome(o) / 100.0;
    }
    out[OUTCOMES] = c.case_benefits_pct / 100.0;
    out
}

impl Plan {
    /// Prepares a validated scenario.
    pub fn new(s: &Scenario) -> Plan {
        let a = &s.assumptions;
        let horizon = a.horizon_years as usize;
        let funded_years = (a.funding_years as usize).max(1);
        let programmes: Vec<resolve::Programme> = s
            .programmes
            .iter()
            .map(|c| resolve::programme(s, c))
            .collect();
        let last_funded = funded_years.min(horizon.max(1)) - 1;
        let ramp_at = |t: usize| a.ramp_pct[t.min(a.ramp_pct.len() - 1)] / 100.0;
        let ramp = (0..horizon).map(|t| ramp_at(t.min(last_funded))).collect();
        let persist = (0..horizon)
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
        let growth = (0..horizon)
            .map(|t| (1.0 + a.baseline_trend_pct / 100.0).powi(t as i32))
            .collect();
        let mut council = [None; OUTCOMES];
        for o in Outcome::ALL {
            council[o.index()] = council_baseline(s, o);
        }
        let mut skipped = Vec::new();
        for (i, p) in programmes.iter().enumerate() {
            for e in &p.effects {
                if e.kind == Kind::Relative
                    && council[e.outcome.index()].is_none()
                    && !skipped.contains(&(i, e.outcome))
                {
                    skipped.push((i, e.outcome));
                }
            }
        }
        let d = care_years(s);
        let u = &s.unit_costs;
        let rate = a.discount_rate_pct / 100.0;
        Plan {
            horizon,
            funded_years,
            programmes,
            ramp,
            persist,
            growth,
            council,
            care_years: d,
            profile: care_profile(d, horizon),
            unit: [
                u.care_annual(),
                u.cp_plan_annual,
                u.cin_annual,
                u.care_proceedings,
                u.police_incident,
                u.ae_attendance,
            ],
            proceedings_council: u.care_proceedings_council_pct / 100.0,
            cashable: cashable_shares(&a.cashable),
            cost_uplift: 1.0 + a.optimism_bias_costs_pct / 100.0,
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

    /// Number of per-case benefits across all programmes.
    pub fn case_value_count(&self) -> usize {
        self.programmes.iter().map(|p| p.case_benefits.len()).sum()
    }
}

/// The smaller of two finite numbers. (`f64::min` also handles NaN, which
/// the browser build turns into a call.)
#[inline(always)]
fn min(a: f64, b: f64) -> f64 {
    if b < a {
        b
    } else {
        a
    }
}

/// Runs the chain for one draw into `w`.
///
/// Written as plain loops over slices, with the reach of each programme and
/// year worked out once: the browser build is optimised for size, where
/// iterator adaptors, closures and `Vec` indexing are not inlined. The
/// arithmetic is the same, in the same order, as the formulas in
/// `docs/methodology.md`.
pub fn simulate(plan: &Plan, draw: &Draw, w: &mut Work) {
    let n = plan.programmes.len();
    let h = plan.horizon;
    w.reset(n, h);
    let progs = &plan.programmes[..];
    let (ramp, persist, growth) = (&plan.ramp[..], &plan.persist[..], &plan.growth[..]);

    // Reach by programme and year.
    let reach = &mut w.reach[..];
    for i in 0..n {
        let m = match draw.engagement_mult {
            Some(m) => m[i],
            None => 1.0,
        };
        let e = min(progs[i].engagement * m, 1.0);
        for t in 0..h {
            reach[i * h + t] = e * ramp[t];
        }
    }
    let reach = &w.reach[..];

    // Events avoided, combined across programmes per outcome and year.
    let avoided = &mut w.avoided[..];
    let own = &mut w.own[..];
    let without = &mut w.without[..];
    for t in 0..h {
        own.fill(0.0);
        without.fill(0.0);
        let mut k = 0;
        for i in 0..n {
            let p = &progs[i];
            let r = reach[i * h + t];
            for e in &p.effects[..] {
                let size = match draw.sizes {
                    Some(s) => s[k],
                    None => e.size,
                } * draw.scale;
                k += 1;
                let oi = e.outcome as usize;
                let (wo, av) = match e.kind {
                    Kind::Relative => match plan.council[oi] {
                        Some(b) => {
                            let b = b * growth[t];
                            (b * r, b * r * size / 100.0)
                        }
                        None => (0.0, 0.0),
                    },
                    Kind::Points { control } => {
                        (p.cohort * r * control / 100.0, p.cohort * r * size / 100.0)
                    }
                    Kind::PerCouncil { counterfactual } => (r * counterfactual, r * size),
                };
                without[i * OUTCOMES + oi] += wo;
                own[i * OUTCOMES + oi] += min(av * p.adjustment * persist[t], wo);
            }
        }
        for oi in 0..OUTCOMES {
            let base = match plan.council[oi] {
                Some(b) => b * growth[t],
                None => {
                    let mut sum = 0.0;
                    for i in 0..n {
                        sum += without[i * OUTCOMES + oi];
                    }
                    sum
                }
            };
            let mut total = 0.0;
            for i in 0..n {
                total += own[i * OUTCOMES + oi];
            }
            if base <= 0.0 || total <= 0.0 {
                continue;
            }
            let mut remaining = 1.0;
            for i in 0..n {
                remaining *= 1.0 - min(own[i * OUTCOMES + oi] / base, 1.0);
            }
            let combined = base * (1.0 - remaining);
            for i in 0..n {
                avoided[(i * h + t) * OUTCOMES + oi] = combined * own[i * OUTCOMES + oi] / total;
            }
        }
    }

    // Money.
    let avoided = &w.avoided[..];
    let mut unit = [0.0; OUTCOMES];
    for (o, u) in unit.iter_mut().enumerate() {
        *u = plan.unit[o] * draw.unit_mult[o];
    }
    let c = &plan.cashable;
    let profile = &plan.profile[..];
    const CARE: usize = Outcome::CareEntries as usize;
    const CP: usize = Outcome::CpPlans as usize;
    const CIN: usize = Outcome::ChildrenInNeed as usize;
    const COURT: usize = Outcome::CareProceedings as usize;
    const POLICE: usize = Outcome::PoliceIncidents as usize;
    const AE: usize = Outcome::AeAttendances as usize;
    const CS: usize = Agency::ChildrensServices as usize;
    let mut case_k = 0;
    for i in 0..n {
        let p = &progs[i];
        for t in 0..h {
            let k = i * h + t;
            let row = &avoided[k * OUTCOMES..(k + 1) * OUTCOMES];
            let mut cy = 0.0;
            for s0 in 0..t + 1 {
                cy += avoided[(i * h + s0) * OUTCOMES + CARE] * profile[t - s0];
            }
            w.child_years[k] = cy;
            let mut savings = [0.0; AGENCIES];
            let mut cash = 0.0;
            let proceedings = row[COURT] * unit[COURT];
            for (agency, amount, share) in [
                (CS, cy * unit[CARE], c[CARE]),
                (CS, row[CP] * unit[CP], c[CP]),
                (CS, row[CIN] * unit[CIN], c[CIN]),
                (CS, proceedings * plan.proceedings_council, c[COURT]),
                (
                    Agency::CourtsLegal as usize,
                    proceedings * (1.0 - plan.proceedings_council),
                    c[COURT],
                ),
                (
                    Agency::Police as usize,
                    row[POLICE] * unit[POLICE],
                    c[POLICE],
                ),
                (Agency::Nhs as usize, row[AE] * unit[AE], c[AE]),
            ] {
                savings[agency] += amount;
                cash += amount * share;
            }
            for (j, (agency, per_case)) in p.case_benefits.iter().enumerate() {
                let value = match draw.case_values {
                    Some(v) => v[case_k + j],
                    None => *per_case,
                };
                let first = (t + 1).saturating_sub(CASE_BENEFIT_YEARS);
                let mut cases = 0.0;
                for s0 in first..t + 1 {
                    cases += p.cohort * reach[i * h + s0] * persist[s0];
                }
                let amount = cases * value * draw.scale * p.adjustment / CASE_BENEFIT_YEARS as f64;
                savings[agency.index()] += amount;
                cash += amount * c[OUTCOMES];
            }
            w.savings[k * AGENCIES..(k + 1) * AGENCIES].copy_from_slice(&savings);
            w.cashable[k] = cash;
            w.cost[k] = if t < plan.funded_years {
                let setup = if t == 0 { p.setup_cost } else { 0.0 };
                (p.cohort * reach[k] * p.cost_per_case + p.annual_cost + setup) * plan.cost_uplift
            } else {
                0.0
            };
        }
        case_k += p.case_benefits.len();
    }
}

/// Net present value of one run, £.
pub fn npv(plan: &Plan, w: &Work) -> f64 {
    let n = plan.programmes.len();
    (0..plan.horizon)
        .map(|t| w.net(n, plan.horizon, t) * plan.discount[t])
        .sum()
}

/// Largest multiple of the effects the break-even search tries: enough for a
/// 1% effect to reach 100%.
const MAX_SCALE: f64 = 100.0;

/// The multiple of every effect at which NPV = 0, by bisection (NPV rises
/// with the multiple: every saving does, and costs do not depend on it).
/// `None` when even `MAX_SCALE` times the effects does not break even.
pub fn break_even_scale(plan: &Plan, w: &mut Work) -> Option<f64> {
    let mut npv_at = |k: f64| {
        simulate(plan, &Draw::scaled(k), w);
        npv(plan, w)
    };
    if npv_at(0.0) >= 0.0 {
        return Some(0.0);
    }
    if npv_at(MAX_SCALE) < 0.0 {
        return None;
    }
    let (mut lo, mut hi) = (0.0, MAX_SCALE);
    for _ in 0..50 {
        let mid = 0.5 * (lo + hi);
        if npv_at(mid) >= 0.0 {
            hi = mid;
        } else {
            lo = mid;
        }
    }
    Some(hi)
}
