//! How sure are we? A seeded Monte Carlo over the evidence ranges, and a
//! one-at-a-time sensitivity analysis (the tornado).
//!
//! Each simulation draws every effect size and per-case benefit from a
//! triangular distribution from its low end up to the published figure,
//! most likely at the published figure less the optimism bias (the value
//! the projection uses), every unit cost from a triangle of ± the unit-cost
//! spread, and every programme's engagement from a triangle of ± the
//! engagement spread, then runs the same kernel as the projection. Results
//! are the council's cash: savings it no longer pays minus the cost. The generator is PCG (`rand_pcg::Pcg64Mcg`)
//! seeded from the scenario, so the same seed gives the same numbers in the
//! CLI and the browser.

use rand_core::{RngCore, SeedableRng};
use rand_pcg::Pcg64Mcg;
use serde::Serialize;

use crate::base::error::Error;
use crate::calc::engine::{self, Draw, Plan, Work, OUTCOMES};
use crate::calc::projection::year_label;
use crate::calc::resolve;
use crate::scenario::format::Scenario;
use crate::scenario::valid::Valid;
use crate::scenario::validate::validate;

/// 10th, 50th and 90th percentiles.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Percentiles {
    /// 10th percentile.
    pub p10: f64,
    /// Median.
    pub p50: f64,
    /// 90th percentile.
    pub p90: f64,
}

/// One year of the simulation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SimYear {
    /// 1 for the first year.
    pub year: u32,
    /// Financial year, e.g. `2026-27`.
    pub label: String,
    /// The council's cash savings minus cost in the year, £.
    pub net: Percentiles,
    /// The same so far (not discounted), £: the figure the council's
    /// payback year is read from.
    pub cumulative_net: Percentiles,
    /// The council's net present budget impact so far, £.
    pub cumulative_pv_net: Percentiles,
    /// Share of simulations (0–1) in which the council's cash savings have
    /// covered the cost by this year.
    pub paid_back_share: f64,
}

/// The simulation's results.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Simulation {
    /// Number of simulations.
    pub draws: u32,
    /// Seed used.
    pub seed: u32,
    /// Year by year.
    pub years: Vec<SimYear>,
    /// The council's net present budget impact over the horizon (cash
    /// savings minus cost, discounted), £.
    pub npv: Percentiles,
    /// Share of simulations (0–1) in which the council gains in cash.
    pub npv_positive_share: f64,
    /// The result in one plain sentence.
    pub sentence: String,
    /// Where each effect's range comes from: published intervals apart
    /// from this calculator's conventions.
    pub ranges: Vec<RangeSource>,
    /// The method's conventions drawn in each simulation, with their ranges.
    pub conventions: Vec<ConventionRange>,
    /// The headline: the council's net present budget impact as projected,
    /// £ (what every draw at its most likely value gives).
    pub headline_npv: f64,
    /// Why the middle of the simulations is not the headline, when it is
    /// more than a tenth away from it: which ranges reach further on one
    /// side of the headline's setting.
    pub gap: Option<String>,
}

/// Why the middle of the simulations sits above or below the headline: the
/// ranges that reach only one way from the headline's setting. `None` when
/// the two are within a tenth of each other (or £1,000).
fn gap_note(headline: f64, median: f64, conventions: &[ConventionRange]) -> Option<String> {
    let apart = (median - headline).abs();
    if apart <= (0.1 * headline.abs()).max(1_000.0) {
        return None;
    }
    let way = if median > headline { "above" } else { "below" };
    let mut why: Vec<String> = conventions
        .iter()
        .filter(|c| c.high > c.low && (c.mode == c.low || c.mode == c.high))
        .map(|c| {
            let side = if c.mode == c.low { "more" } else { "less" };
            format!(
                "\u{201c}{}\u{201d} can only be {side} than the headline takes it ({})",
                c.name, c.basis
            )
        })
        .collect();
    why.push("each effect is drawn from the low end of its evidence up to the published figure, most likely at the figure the headline uses".to_string());
    Some(format!(
        "The middle of the simulations is {way} the headline because their ranges are lopsided: {}.",
        why.join("; ")
    ))
}

/// A convention of the method drawn in each simulation, with its range:
/// what the headline takes as given, the simulation varies.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ConventionRange {
    /// What is drawn, in words.
    pub name: &'static str,
    /// The scenario field it stands for.
    pub field: &'static str,
    /// Low end, most likely value and high end, in `unit`.
    pub low: f64,
    /// The value the headline uses.
    pub mode: f64,
    /// The high end.
    pub high: f64,
    /// `%`, `% a year` or `× the planned length`.
    pub unit: &'static str,
    /// Why the range is what it is: always a labelled convention.
    pub basis: &'static str,
}

/// How far an avoided stay may be from the planned length in the
/// simulation and the tornado, as a share of it: stock ÷ leavers is a
/// steady-state approximation, and short stays pull the average down
/// (DfE counts; a convention of this calculator).
pub const STAY_SPREAD: f64 = 0.5;

/// The most drop-off a year the simulation draws (or the scenario's own,
/// if more): a convention of this calculator, the tornado's high end too.
pub const DROP_OFF_HIGH_PCT: f64 = 50.0;

/// The conventions the simulation draws, for a plan of scenario `s`:
/// benefits after the period observed (where counting them is a choice),
/// drop-off, the length of an avoided stay and the cashable share of an
/// avoided placement.
pub fn conventions(s: &Scenario, plan: &Plan) -> Vec<ConventionRange> {
    let mut out = Vec::new();
    let choice = plan
        .programmes
        .iter()
        .flat_map(|p| p.effects.iter())
        .find(|e| e.beyond_is_choice);
    if let Some(e) = choice {
        out.push(ConventionRange {
            name: "Benefits after the period each study observed",
            field: "assumptions.beyond_observed_pct",
            low: 0.0,
            mode: e.beyond * 100.0,
            high: 100.0,
            unit: "%",
            basis: "beyond the evidence: from none of an effect after the months its study followed the families to all of it, most likely as the headline counts it",
        });
    }
    let d = s.assumptions.drop_off_pct;
    out.push(ConventionRange {
        name: "Drop-off a year",
        field: "assumptions.drop_off_pct",
        low: 0.0,
        mode: d,
        high: d.max(DROP_OFF_HIGH_PCT),
        unit: "% a year",
        basis: "a convention: from none to half a year, most likely as entered; the evaluations followed families for a year or less",
    });
    out.push(ConventionRange {
        name: "Length of an avoided stay in care",
        field: "assumptions.care_years",
        low: 1.0 - STAY_SPREAD,
        mode: 1.0,
        high: 1.0 + STAY_SPREAD,
        unit: "× the planned length",
        basis: "a convention: children looked after ÷ children leaving care is a steady-state approximation, and short stays pull it down; never beyond 18",
    });
    out.push(ConventionRange {
        name: "Cashable share of an avoided placement",
        field: "assumptions.cashable.care_pct",
        low: -1.0,
        mode: 0.0,
        high: 1.0,
        unit: "position in the range",
        basis: "a convention: from half the share entered (council-run places whose fixed costs do not fall) to all of it (every avoided placement bought in)",
    });
    out
}

/// The range one effect is drawn from, and where it comes from.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RangeSource {
    /// The programme.
    pub programme: String,
    /// The outcome, in words.
    pub outcome: &'static str,
    /// `relative` (%), `points` or `per_council`.
    pub measure: &'static str,
    /// Low, central and high sizes, before adjustments.
    pub low: f64,
    /// The figure used.
    pub central: f64,
    /// The high end.
    pub high: f64,
    /// `published`, `convention` or `yours`.
    pub basis: &'static str,
}

/// A draw from the triangular distribution on (low, mode, high) given a
/// uniform `u` in [0, 1).
///
/// ```
/// use outcome_model::calc::uncertainty::triangular;
/// assert_eq!(triangular(0.0, 0.0, 1.0, 2.0), 0.0);
/// assert_eq!(triangular(0.5, 0.0, 1.0, 2.0), 1.0);
/// ```
#[inline(always)]
pub fn triangular(u: f64, low: f64, mode: f64, high: f64) -> f64 {
    let span = high - low;
    if span <= 0.0 {
        return mode;
    }
    let split = (mode - low) / span;
    if u < split {
        low + (u * span * (mode - low)).sqrt()
    } else {
        high - ((1.0 - u) * span * (high - mode)).sqrt()
    }
}

#[inline(always)]
fn uniform(rng: &mut Pcg64Mcg) -> f64 {
    (rng.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
}

/// Index of quantile `q` (0–1) among `len` sorted values.
fn rank(len: usize, q: f64) -> usize {
    ((len - 1) as f64 * q).round() as usize
}

/// Moves the `k`-th smallest of `v` to `v[k]`, smaller ones before it and
/// larger ones after (Hoare's quickselect, median-of-three pivot), and
/// returns it. The values are finite.
fn select(v: &mut [f64], k: usize) -> f64 {
    let (mut lo, mut hi) = (0, v.len() - 1);
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        let (a, b, c) = (v[lo], v[mid], v[hi]);
        let pivot = if a < b {
            if b < c {
                b
            } else if a < c {
                c
            } else {
                a
            }
        } else if a < c {
            a
        } else if b < c {
            c
        } else {
            b
        };
        let (mut i, mut j) = (lo, hi);
        loop {
            while v[i] < pivot {
                i += 1;
            }
            while pivot < v[j] {
                j -= 1;
            }
            if i >= j {
                break;
            }
            v.swap(i, j);
            i += 1;
            j -= 1;
        }
        // v[lo..=j] <= pivot <= v[j + 1..=hi]
        if k <= j {
            hi = j;
        } else {
            lo = j + 1;
        }
    }
    v[k]
}

/// The 10th, 50th and 90th percentiles of `values` (nearest rank), which it
/// may reorder; `scratch` is working space, reused from call to call.
fn percentiles(values: &mut [f64], scratch: &mut Vec<f64>) -> Percentiles {
    let len = values.len();
    if len == 0 {
        return Percentiles::default();
    }
    let ranks = [rank(len, 0.1), rank(len, 0.5), rank(len, 0.9)];
    if len >= BRACKETED {
        let [p10, p50, p90] = bracketed(values, ranks, scratch);
        return Percentiles { p10, p50, p90 };
    }
    let [k10, k50, k90] = ranks;
    let p50 = select(values, k50);
    let (below, above) = values.split_at_mut(k50);
    Percentiles {
        p10: if k10 < k50 { select(below, k10) } else { p50 },
        p50,
        p90: if k90 > k50 {
            select(&mut above[1..], k90 - k50 - 1)
        } else {
            p50
        },
    }
}

/// From this many values on, [`bracketed`] is used.
const BRACKETED: usize = 4_096;
/// Size of the sample that brackets a rank.
const SAMPLE: usize = 512;
/// Sample positions either side of a rank's expected place: over four
/// standard deviations of where it falls in a sample of [`SAMPLE`].
const MARGIN: usize = 48;

/// The values of ranks `ks` among `values`, the same as [`select`] gives,
/// by counting. Quickselect's comparisons go either way at random, which
/// processors predict badly. Here a sample of the values (independent
/// draws, so any spread-out subset will do) gives, for each rank, two
/// values that very likely bracket it; one pass counts the values below
/// each bracket and gathers those inside it, without branching; and the
/// selection runs on those few. Where a bracket misses, or holds too many,
/// it falls back to [`select`] on all the values.
fn bracketed(values: &mut [f64], ks: [usize; 3], scratch: &mut Vec<f64>) -> [f64; 3] {
    let len = values.len();
    let stride = len / SAMPLE;
    let mut sample = [0.0; SAMPLE];
    for (i, x) in sample.iter_mut().enumerate() {
        *x = values[i * stride];
    }
    sample.sort_unstable_by(f64::total_cmp);
    let mut lo = [0.0; 3];
    let mut hi = [0.0; 3];
    for q in 0..3 {
        let at = ks[q] * SAMPLE / len;
        lo[q] = sample[at.saturating_sub(MARGIN)];
        hi[q] = sample[(at + MARGIN).min(SAMPLE - 1)];
    }
    // Room for a quarter of the values in each bracket (about a fifth is
    // expected); the last slot takes the overflow.
    let cap = len / 4;
    scratch.clear();
    scratch.resize(3 * cap, 0.0);
    let (a, rest) = scratch.split_at_mut(cap);
    let (b, c) = rest.split_at_mut(cap);
    let last = cap - 1;
    let (mut b0, mut b1, mut b2) = (0usize, 0usize, 0usize);
    let (mut n0, mut n1, mut n2) = (0usize, 0usize, 0usize);
    // Written out for the three brackets, with `as` casts rather than
    // `min` or `From`, which the browser build would call.
    for &x in values.iter() {
        b0 += (x < lo[0]) as usize;
        a[if n0 < last { n0 } else { last }] = x;
        n0 += (lo[0] <= x && x <= hi[0]) as usize;
        b1 += (x < lo[1]) as usize;
        b[if n1 < last { n1 } else { last }] = x;
        n1 += (lo[1] <= x && x <= hi[1]) as usize;
        b2 += (x < lo[2]) as usize;
        c[if n2 < last { n2 } else { last }] = x;
        n2 += (lo[2] <= x && x <= hi[2]) as usize;
    }
    let near = [a, b, c];
    let below = [b0, b1, b2];
    let n = [n0, n1, n2];
    let mut out = [0.0; 3];
    for q in 0..3 {
        let k = ks[q];
        out[q] = if n[q] < cap && below[q] <= k && k < below[q] + n[q] {
            select(&mut near[q][..n[q]], k - below[q])
        } else {
            select(values, k)
        };
    }
    out
}

/// Runs the Monte Carlo for a scenario.
pub fn simulate(s: &Scenario) -> Result<Simulation, Vec<Error>> {
    Ok(simulate_valid(validate(s)?))
}

/// [`simulate`] for a scenario already validated: a [`Simulator`] run to
/// the end.
pub fn simulate_valid(s: Valid) -> Simulation {
    Simulator::new(s).finish()
}

/// The Monte Carlo in slices, for a caller that must not wait for all the
/// draws at once (the browser's page between key presses). Set up from a
/// validated scenario by [`Simulator::new`], run a few draws at a time by
/// [`Simulator::step`], and read by [`Simulator::finish`]. The draws come
/// from one seeded generator in the same order however they are sliced, so
/// the result is exactly [`simulate_valid`]'s.
///
/// ```rust
/// use outcome_model::calc::uncertainty::{simulate_valid, Simulator};
///
/// let mut s = outcome_model::default_scenario();
/// s.uncertainty.draws = 1_000;
/// let valid = outcome_model::validate(&s).unwrap();
/// let mut sim = Simulator::new(valid);
/// while !sim.step(256) {
///     // Between slices the caller is free: a key press is handled here.
///     assert!(sim.drawn() < sim.draws());
/// }
/// assert_eq!(sim.drawn(), 1_000);
/// assert_eq!(sim.finish(), simulate_valid(valid));
/// ```
#[derive(Debug, Clone)]
pub struct Simulator {
    /// The scenario's plan, the kernel's input.
    plan: Plan,
    /// Number of simulations asked for (1–100,000).
    draws: usize,
    /// Number of simulations run so far (0 to `draws`).
    drawn: usize,
    /// Seed the generator started from.
    seed: u32,
    /// First financial year, for the year labels (e.g. 2026 for 2026-27).
    start_year: u16,
    /// Unit costs are drawn from 1 ± this, a share of the cost (0–1).
    cost_w: f64,
    /// Engagement is drawn from 1 ± this, a share of it (0–1).
    eng_w: f64,
    /// The generator, where the last slice left it.
    rng: Pcg64Mcg,
    /// Each effect size's low end, mode, high end and the factor the draw
    /// is multiplied by ([`spread`]), in [`Draw::sizes`] order.
    ranges: Vec<[f64; 4]>,
    /// The same for the per-case money values, £, in
    /// [`Draw::case_values`] order.
    case_ranges: Vec<[f64; 4]>,
    /// The share counted after the period observed (low, mode, high, 0–1),
    /// when some effect leaves it to a choice.
    beyond: Option<[f64; 3]>,
    /// Drop-off a year (low, mode, high, 0–1).
    drop_off: [f64; 3],
    /// The conventions drawn, as reported.
    conventions: Vec<ConventionRange>,
    /// This draw's effect sizes.
    sizes: Vec<f64>,
    /// This draw's per-case money values, £.
    cases: Vec<f64>,
    /// This draw's multiplier on each programme's engagement.
    engagement: Vec<f64>,
    /// The council's cash savings minus cost in each year, £, one column of
    /// draws a year: `[t * draws + d]`.
    net: Vec<f64>,
    /// The same so far (not discounted), £, laid out as `net`.
    cum_net: Vec<f64>,
    /// The same so far, discounted, £, laid out as `net`.
    cum_pv: Vec<f64>,
    /// How many simulations first pay back in each year.
    paid_in: Vec<usize>,
    /// Each simulation's net present budget impact over the horizon, £.
    npvs: Vec<f64>,
    /// The kernel's results for the current draw.
    work: Work,
}

/// An effect's or a per-case value's range to draw from: low end, mode,
/// high end and the factor a draw is multiplied by.
///
/// Each range runs from its low end up to the published figure, most
/// likely at the published figure less the optimism bias (the value the
/// projection uses), so the simulation does not take the bias twice.
/// Draws are divided by (1 − bias), which the kernel multiplies back.
fn spread(p: &resolve::Programme, r: [f64; 3], central: f64) -> [f64; 4] {
    let keep = 1.0 - p.optimism;
    if keep <= 0.0 {
        return [0.0; 4];
    }
    let mode = central * keep;
    [r[0].min(mode), mode, r[2].max(mode), 1.0 / keep]
}

/// The ranges of every programme's effect sizes and of its per-case money
/// values, in [`Draw::sizes`] and [`Draw::case_values`] order.
fn draw_ranges(plan: &Plan) -> (Vec<[f64; 4]>, Vec<[f64; 4]>) {
    let progs = &plan.programmes;
    let sizes = progs
        .iter()
        .flat_map(|p| p.effects.iter().map(move |e| spread(p, e.range, e.size)))
        .collect();
    let cases = progs
        .iter()
        .flat_map(|p| {
            p.case_values
                .iter()
                .map(move |c| spread(p, c.range, c.value))
        })
        .collect();
    (sizes, cases)
}

impl Simulator {
    /// Sets up the simulation of a validated scenario (as for
    /// [`simulate_valid`]): its plan, the ranges to draw from, the generator
    /// seeded from `s.uncertainty.seed`, and room for every draw's results
    /// (three numbers a year and one more a draw: 8 bytes each, about
    /// 2.4 MB for 10,000 draws over 10 years). No draw is run yet.
    pub fn new(v: Valid) -> Simulator {
        let plan = Plan::new(v);
        let s = v.scenario();
        let u = &s.uncertainty;
        let draws = u.draws.clamp(1, 100_000) as usize;
        let h = plan.horizon;
        let n = plan.programmes.len();
        let (ranges, case_ranges) = draw_ranges(&plan);
        let cv = conventions(s, &plan);
        let of = |field: &str| {
            cv.iter()
                .find(|c| c.field == field)
                .map(|c| [c.low / 100.0, c.mode / 100.0, c.high / 100.0])
        };
        let beyond = of("assumptions.beyond_observed_pct");
        let drop_off = of("assumptions.drop_off_pct").unwrap_or([0.0; 3]);
        Simulator {
            conventions: cv,
            beyond,
            drop_off,
            draws,
            drawn: 0,
            seed: u.seed,
            start_year: s.assumptions.start_year,
            cost_w: u.unit_cost_spread_pct / 100.0,
            eng_w: u.engagement_spread_pct / 100.0,
            rng: Pcg64Mcg::seed_from_u64(u64::from(u.seed)),
            sizes: vec![0.0; ranges.len()],
            cases: vec![0.0; case_ranges.len()],
            ranges,
            case_ranges,
            engagement: vec![1.0; n],
            net: vec![0.0; draws * h],
            cum_net: vec![0.0; draws * h],
            cum_pv: vec![0.0; draws * h],
            paid_in: vec![0; h],
            npvs: vec![0.0; draws],
            work: Work::default(),
            plan,
        }
    }

    /// Number of simulations in all (1–100,000: the scenario's
    /// `uncertainty.draws`, held to that range).
    pub fn draws(&self) -> usize {
        self.draws
    }

    /// Number of simulations run so far, 0 to [`Simulator::draws`].
    pub fn drawn(&self) -> usize {
        self.drawn
    }

    /// Whether every simulation has been run.
    pub fn is_done(&self) -> bool {
        self.drawn == self.draws
    }

    /// Runs up to `slice` more simulations (fewer when fewer are left; none
    /// for 0) and returns whether all are now done. A slice's time is in
    /// proportion to its simulations, each a run of the kernel over the
    /// horizon for every programme.
    pub fn step(&mut self, slice: usize) -> bool {
        self.step_with(slice, engine::simulate)
    }

    /// [`Simulator::step`], each draw run by `kernel`: [`engine::simulate`],
    /// or the same function instantiated in a crate compiled for speed (the
    /// calculator's `outcome-kernel`, `crates/kernel`). Generic so that this
    /// loop is compiled where it is instantiated, with that crate's
    /// optimisation.
    pub fn step_with<K: Fn(&Plan, &Draw, &mut Work)>(&mut self, slice: usize, kernel: K) -> bool {
        let start = self.drawn;
        let end = start.saturating_add(slice).min(self.draws);
        let Simulator {
            plan,
            draws,
            cost_w,
            eng_w,
            ranges,
            case_ranges,
            beyond,
            drop_off,
            sizes,
            cases,
            engagement,
            net,
            cum_net,
            cum_pv,
            paid_in,
            npvs,
            ..
        } = self;
        let (plan, draws, cost_w, eng_w) = (&*plan, *draws, *cost_w, *eng_w);
        let (beyond, drop_off) = (*beyond, *drop_off);
        let h = plan.horizon;
        let n = plan.programmes.len();
        // Slices, not `Vec`s, in the loop: see `engine::simulate`.
        let discount = &plan.discount[..];
        let (ranges, case_ranges) = (&ranges[..], &case_ranges[..]);
        let (sizes, cases, engagement) = (&mut sizes[..], &mut cases[..], &mut engagement[..]);
        let (net, cum_net, cum_pv) = (&mut net[..], &mut cum_net[..], &mut cum_pv[..]);
        let (paid_in, npvs) = (&mut paid_in[..], &mut npvs[..]);
        // The generator and the kernel's buffers too are locals in the loop,
        // not fields reached through `self`, which the compiler can keep in
        // registers; they are put back after it.
        let mut rng = self.rng.clone();
        let mut w = std::mem::take(&mut self.work);

        for d in start..end {
            for k in 0..ranges.len() {
                let r = ranges[k];
                sizes[k] = triangular(uniform(&mut rng), r[0], r[1], r[2]) * r[3];
            }
            for k in 0..case_ranges.len() {
                let r = case_ranges[k];
                cases[k] = triangular(uniform(&mut rng), r[0], r[1], r[2]) * r[3];
            }
            let mut unit_mult = [1.0; OUTCOMES];
            for m in unit_mult.iter_mut() {
                *m = triangular(uniform(&mut rng), 1.0 - cost_w, 1.0, 1.0 + cost_w);
            }
            for m in engagement.iter_mut() {
                *m = triangular(uniform(&mut rng), 1.0 - eng_w, 1.0, 1.0 + eng_w);
            }
            let beyond = beyond.map(|b| triangular(uniform(&mut rng), b[0], b[1], b[2]));
            let drop = triangular(uniform(&mut rng), drop_off[0], drop_off[1], drop_off[2]);
            let stay_mult =
                triangular(uniform(&mut rng), 1.0 - STAY_SPREAD, 1.0, 1.0 + STAY_SPREAD);
            let care_cash = triangular(uniform(&mut rng), -1.0, 0.0, 1.0);
            let draw = Draw {
                sizes: Some(sizes),
                case_values: Some(cases),
                unit_mult,
                engagement_mult: Some(engagement),
                cost_mult: 1.0,
                beyond,
                drop_off: Some(drop),
                stay_mult,
                care_cash,
            };
            kernel(plan, &draw, &mut w);
            let (mut cum, mut cum_cost, mut pv) = (0.0, 0.0, 0.0);
            let mut paid = false;
            for t in 0..h {
                let y = w.cash_net(n, h, t);
                cum += y;
                cum_cost += w.cost_in(n, h, t);
                pv += y * discount[t];
                net[t * draws + d] = y;
                cum_net[t * draws + d] = cum;
                cum_pv[t * draws + d] = pv;
                if !paid && cum_cost > 0.0 && cum >= 0.0 {
                    paid = true;
                    paid_in[t] += 1;
                }
            }
            npvs[d] = pv;
        }
        self.rng = rng;
        self.work = w;
        self.drawn = end;
        self.is_done()
    }

    /// The simulation's results: percentiles year by year and over the
    /// horizon, the shares that pay back, and the sentence. Runs any
    /// simulations not yet run first, so the result is always complete.
    pub fn finish(self) -> Simulation {
        self.finish_with(engine::simulate)
    }

    /// [`Simulator::finish`], each draw left and the central run run by
    /// `kernel` (as for [`Simulator::step_with`]).
    pub fn finish_with<K: Fn(&Plan, &Draw, &mut Work)>(mut self, kernel: K) -> Simulation {
        self.step_with(usize::MAX, &kernel);
        let draws = self.draws;
        let h = self.plan.horizon;
        let mut years = Vec::with_capacity(h);
        let mut scratch = Vec::new();
        let mut paid = 0;
        for t in 0..h {
            let mut column =
                |v: &mut [f64]| percentiles(&mut v[t * draws..(t + 1) * draws], &mut scratch);
            paid += self.paid_in[t];
            years.push(SimYear {
                year: t as u32 + 1,
                label: year_label(self.start_year, t),
                net: column(&mut self.net),
                cumulative_net: column(&mut self.cum_net),
                cumulative_pv_net: column(&mut self.cum_pv),
                paid_back_share: paid as f64 / draws as f64,
            });
        }
        let npvs = &mut self.npvs[..];
        let positive = npvs.iter().filter(|v| **v > 0.0).count() as f64 / draws as f64;
        let sentence = sentence(&years, self.plan.programmes.len() > 1);
        let npv = percentiles(npvs, &mut scratch);
        kernel(&self.plan, &Draw::central(), &mut self.work);
        let headline_npv = engine::budget_npv(&self.plan, &self.work);
        Simulation {
            gap: gap_note(headline_npv, npv.p50, &self.conventions),
            headline_npv,
            ranges: range_sources(&self.plan),
            conventions: self.conventions.clone(),
            draws: draws as u32,
            seed: self.seed,
            years,
            npv,
            npv_positive_share: positive,
            sentence,
        }
    }
}

/// Where each effect's range comes from, programme by programme.
fn range_sources(plan: &Plan) -> Vec<RangeSource> {
    plan.programmes
        .iter()
        .flat_map(|p| {
            p.effects.iter().map(|e| RangeSource {
                programme: p.name.clone(),
                outcome: e.outcome.label(),
                measure: e.measure,
                low: e.range[0],
                central: e.size,
                high: e.range[2],
                basis: e.range_basis,
            })
        })
        .collect()
}

/// "In 8 of 10 simulations the programme pays for itself by year 3 (2028-29)."
fn sentence(years: &[SimYear], several: bool) -> String {
    let (subject, verb) = if several {
        (
            "the programmes",
            "pay for themselves in cash to the council",
        )
    } else {
        ("the programme", "pays for itself in cash to the council")
    };
    let tenths = |share: f64| (share * 10.0).round() as u32;
    if let Some(y) = years.iter().find(|y| y.paid_back_share >= 0.5) {
        let k = tenths(y.paid_back_share);
        let when = if y.year == 1 {
            format!("in its first year ({})", y.label)
        } else {
            format!("by year {} ({})", y.year, y.label)
        };
        return format!("In {k} of 10 simulations {subject} {verb} {when}.");
    }
    let last = years.last().map_or(0.0, |y| y.paid_back_share);
    let h = years.len();
    let span = if h == 1 {
        "1 year".to_string()
    } else {
        format!("{h} years")
    };
    let (do_, verb_base) = if several {
        ("do", "pay for themselves in cash to the council")
    } else {
        ("does", "pay for itself in cash to the council")
    };
    match tenths(last) {
        0 if last == 0.0 => {
            format!("In none of the simulations {do_} {subject} {verb_base} within {span}.")
        }
        0 => {
            format!("In fewer than 1 in 10 simulations {do_} {subject} {verb_base} within {span}.")
        }
        k => format!("In only {k} of 10 simulations {do_} {subject} {verb_base} within {span}."),
    }
}

/// One bar of the tornado: NPV with one input at each end of its range and
/// everything else as entered.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Bar {
    /// What was varied, in words.
    pub input: String,
    /// The low end, in words (e.g. "low effect", "£485 a week").
    pub low_label: String,
    /// The high end, in words.
    pub high_label: String,
    /// The council's net budget impact with the input at its low end, £.
    pub npv_low: f64,
    /// The same at its high end, £.
    pub npv_high: f64,
}

/// The tornado: inputs ordered by how much they move NPV, largest first,
/// leaving out those that do not move it.
pub fn tornado(s: &Scenario) -> Result<Vec<Bar>, Vec<Error>> {
    Ok(tornado_valid(validate(s)?))
}

fn npv_of(s: &Scenario, w: &mut Work, kernel: impl Fn(&Plan, &Draw, &mut Work)) -> f64 {
    let plan = Plan::new(Valid::derived(s));
    kernel(&plan, &Draw::central(), w);
    engine::budget_npv(&plan, w)
}

/// One end of an input's range in the one-at-a-time analysis.
#[derive(Debug, Clone)]
pub(crate) enum End {
    /// The scenario with the input changed.
    Scenario(Box<Scenario>),
    /// The scenario's plan with these effect sizes and per-case values
    /// (in [`Draw::sizes`] and [`Draw::case_values`] order).
    Sizes {
        /// Effect sizes.
        sizes: Vec<f64>,
        /// Per-case money values.
        cases: Vec<f64>,
    },
}

impl End {
    /// Runs the kernel at this end into `w`, returning the plan it ran.
    pub(crate) fn run(&self, plan: &Plan, w: &mut Work) -> Option<Plan> {
        self.run_with(plan, w, engine::simulate)
    }

    /// [`End::run`] with the kernel's run `kernel` (as for
    /// [`Simulator::step_with`]).
    fn run_with(
        &self,
        plan: &Plan,
        w: &mut Work,
        kernel: impl Fn(&Plan, &Draw, &mut Work),
    ) -> Option<Plan> {
        match self {
            End::Scenario(t) => {
                let p = Plan::new(Valid::derived(t));
                kernel(&p, &Draw::central(), w);
                Some(p)
            }
            End::Sizes { sizes, cases } => {
                let draw = Draw {
                    sizes: Some(sizes),
                    case_values: Some(cases),
                    ..Draw::central()
                };
                kernel(plan, &draw, w);
                None
            }
        }
    }
}

/// One input of the one-at-a-time analysis with its two ends.
#[derive(Debug, Clone)]
pub(crate) struct Variation {
    /// What is varied, in words.
    pub(crate) input: String,
    /// The scenario fields it stands for.
    pub(crate) fields: Vec<String>,
    /// The low end, in words.
    pub(crate) low_label: String,
    /// The high end, in words.
    pub(crate) high_label: String,
    /// The low end.
    pub(crate) low: End,
    /// The high end.
    pub(crate) high: End,
}

/// The inputs the tornado varies, each with its two ends, in the tornado's
/// order before sorting.
pub(crate) fn variations(v: Valid) -> Vec<Variation> {
    let mut out = Vec::new();
    let plan = Plan::new(v);
    let s = v.scenario();
    let base_sizes = plan.sizes();
    let base_cases: Vec<f64> = plan
        .programmes
        .iter()
        .flat_map(|p| p.case_values.iter().map(|c| c.value))
        .collect();
    // Each programme's effects, low and high (others as entered).
    let (mut k, mut c) = (0, 0);
    for (i, p) in plan.programmes.iter().enumerate() {
        let end = |e: usize| {
            let mut sizes = base_sizes.clone();
            for (j, x) in p.effects.iter().enumerate() {
                sizes[k + j] = x.range[e];
            }
            let mut cases = base_cases.clone();
            for (j, r) in p.case_values.iter().map(|c| c.range).enumerate() {
                cases[c + j] = r[e];
            }
            End::Sizes { sizes, cases }
        };
        let mut fields = vec![format!("programmes[{i}].effect_scale_pct")];
        if let Some(custom) = &s.programmes[i].custom {
            for j in 0..custom.effects.len() {
                fields.push(format!("programmes[{i}].custom.effects[{j}].central"));
            }
            for j in 0..custom.benefits.len() {
                fields.push(format!("programmes[{i}].custom.benefits[{j}].value"));
            }
        }
        fields.push("assumptions.effect_level".into());
        out.push(Variation {
            input: format!("{}: size of effect", p.name),
            fields,
            low_label: "low end of the evidence".into(),
            high_label: "high end of the evidence".into(),
            low: end(0),
            high: end(2),
        });
        k += p.effects.len();
        c += p.case_values.len();
    }
    let scenario = |f: &dyn Fn(&mut Scenario)| {
        let mut t = s.clone();
        f(&mut t);
        End::Scenario(Box::new(t))
    };
    let vary = |input: String, fields: &[String], low: (&str, End), high: (&str, End)| Variation {
        input,
        fields: fields.to_vec(),
        low_label: low.0.to_string(),
        high_label: high.0.to_string(),
        low: low.1,
        high: high.1,
    };

    let spread = s.uncertainty.engagement_spread_pct / 100.0;
    for i in 0..s.programmes.len() {
        let e = s.programmes[i].engagement_pct;
        let at = |m: f64| {
            scenario(&|t: &mut Scenario| t.programmes[i].engagement_pct = (e * m).min(100.0))
        };
        let name = plan.programmes[i].name.clone();
        out.push(vary(
            format!("{name}: engagement"),
            &[format!("programmes[{i}].engagement_pct")],
            ("fewer reached", at(1.0 - spread)),
            ("more reached", at(1.0 + spread)),
        ));
    }

    let cs = s.uncertainty.unit_cost_spread_pct / 100.0;
    type Scale = fn(&mut Scenario, f64);
    let costs: [(&str, &[&str], Scale); 4] = [
        (
            "Cost of a child in care",
            &["unit_costs.foster_weekly", "unit_costs.residential_weekly"],
            |t, m| {
                t.unit_costs.foster_weekly *= m;
                t.unit_costs.residential_weekly *= m;
            },
        ),
        (
            "Cost of a child protection plan",
            &["unit_costs.cp_plan_annual"],
            |t, m| t.unit_costs.cp_plan_annual *= m,
        ),
        (
            "Cost of a child in need case",
            &["unit_costs.cin_annual"],
            |t, m| t.unit_costs.cin_annual *= m,
        ),
        (
            "Cost of care proceedings",
            &["unit_costs.care_proceedings"],
            |t, m| t.unit_costs.care_proceedings *= m,
        ),
    ];
    for (label, fields, apply) in costs {
        let at = |m: f64| scenario(&|t: &mut Scenario| apply(t, m));
        let fields: Vec<String> = fields.iter().map(|f| f.to_string()).collect();
        out.push(vary(
            label.to_string(),
            &fields,
            ("lower", at(1.0 - cs)),
            ("higher", at(1.0 + cs)),
        ));
    }

    out.push(vary(
        "Optimism bias on costs".into(),
        &["assumptions.optimism_bias_costs_pct".into()],
        (
            "0% (Green Book lower bound)",
            scenario(&|t| t.assumptions.optimism_bias_costs_pct = 0.0),
        ),
        (
            "41% (upper bound)",
            scenario(&|t| t.assumptions.optimism_bias_costs_pct = 41.0),
        ),
    ));
    out.push(vary(
        "Discount rate".into(),
        &["assumptions.discount_rate_pct".into()],
        ("2.5%", scenario(&|t| t.assumptions.discount_rate_pct = 2.5)),
        (
            "3.5% (Green Book)",
            scenario(&|t| t.assumptions.discount_rate_pct = 3.5),
        ),
    ));
    let d = plan.care_years;
    out.push(vary(
        "Years in care per child".into(),
        &["assumptions.care_years".into()],
        (
            "half as long",
            scenario(&|t| t.assumptions.care_years = Some((d * (1.0 - STAY_SPREAD)).max(0.1))),
        ),
        (
            "half as long again",
            scenario(&|t| t.assumptions.care_years = Some((d * (1.0 + STAY_SPREAD)).min(18.0))),
        ),
    ));
    let high = s.assumptions.drop_off_pct.max(DROP_OFF_HIGH_PCT);
    out.push(vary(
        "How long benefits last after the first year".into(),
        &["assumptions.drop_off_pct".into()],
        (
            "fade 50% a year",
            scenario(&|t| t.assumptions.drop_off_pct = high),
        ),
        (
            "no drop-off",
            scenario(&|t| t.assumptions.drop_off_pct = 0.0),
        ),
    ));
    if conventions(s, &plan)
        .iter()
        .any(|c| c.field == "assumptions.beyond_observed_pct")
    {
        out.push(vary(
            "Benefits after the period each study observed".into(),
            &["assumptions.beyond_observed_pct".into()],
            (
                "none counted",
                scenario(&|t| t.assumptions.beyond_observed_pct = Some(0.0)),
            ),
            (
                "all counted",
                scenario(&|t| t.assumptions.beyond_observed_pct = Some(100.0)),
            ),
        ));
    }
    let (care, home) = (
        s.assumptions.cashable.care_pct / 100.0,
        s.assumptions.cashable.residential_pct / 100.0,
    );
    let cash = |q: f64| {
        scenario(&move |t: &mut Scenario| {
            t.assumptions.cashable.care_pct = 100.0 * engine::cash_share_at(care, q);
            t.assumptions.cashable.residential_pct = 100.0 * engine::cash_share_at(home, q);
        })
    };
    out.push(vary(
        "Cashable share of an avoided placement".into(),
        &[
            "assumptions.cashable.care_pct".into(),
            "assumptions.cashable.residential_pct".into(),
        ],
        ("half as entered", cash(-1.0)),
        ("all of it", cash(1.0)),
    ));
    out
}

/// [`tornado`] for a scenario already validated.
pub fn tornado_valid(v: Valid) -> Vec<Bar> {
    tornado_valid_with(v, engine::simulate)
}

/// [`tornado_valid`] with the kernel's run `kernel` (as for
/// [`Simulator::step_with`]).
pub fn tornado_valid_with<K: Fn(&Plan, &Draw, &mut Work)>(v: Valid, kernel: K) -> Vec<Bar> {
    let plan = Plan::new(v);
    let mut w = Work::default();
    let npv_at = |end: &End, w: &mut Work| match end {
        End::Scenario(t) => npv_of(t, w, &kernel),
        sizes => {
            sizes.run_with(&plan, w, &kernel);
            engine::budget_npv(&plan, w)
        }
    };
    let mut bars: Vec<Bar> = variations(v)
        .into_iter()
        .map(|v| Bar {
            npv_low: npv_at(&v.low, &mut w),
            npv_high: npv_at(&v.high, &mut w),
            input: v.input,
            low_label: v.low_label,
            high_label: v.high_label,
        })
        .collect();
    bars.retain(|b| (b.npv_high - b.npv_low).abs() > 0.005);
    bars.sort_by(|a, b| {
        let sa = (a.npv_high - a.npv_low).abs();
        let sb = (b.npv_high - b.npv_low).abs();
        sb.total_cmp(&sa)
    });
    bars
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::evidence::{library, Measure};
    use crate::default_scenario;
    use crate::scenario::council_preset;
    use crate::scenario::format::ProgrammeChoice;

    include!("../../tests/common/runnable.rs");

    /// The default scenario with `draws` simulations.
    fn drawing(draws: u32) -> Scenario {
        let mut s = default_scenario();
        s.uncertainty.draws = draws;
        s
    }

    /// The scenarios run in slices: (what, scenario), each valid.
    fn scenarios() -> Vec<(String, Scenario)> {
        let mut out = vec![
            ("the default scenario".to_string(), default_scenario()),
            ("1 draw".to_string(), drawing(1)),
            ("7 draws".to_string(), drawing(7)),
            ("the most draws".to_string(), drawing(100_000)),
        ];
        for p in library() {
            let mut s = drawing(300);
            s.programmes = vec![runnable(p.id)];
            out.push((format!("{} alone", p.id), s));
        }
        let mut s = drawing(1_001);
        s.programmes = library().iter().map(|p| runnable(p.id)).collect();
        s.uncertainty.seed = 9;
        s.assumptions.horizon_years = 7;
        out.push(("every programme, 7 years".to_string(), s.clone()));
        council_preset::apply_preset(&mut s, "E08000025", 2025).expect("birmingham is a council");
        out.push(("birmingham's figures, every programme".to_string(), s));
        out
    }

    /// Every number of a simulation, bit for bit.
    fn bits(sim: &Simulation) -> Vec<u64> {
        let of = |p: &Percentiles| [p.p10, p.p50, p.p90];
        let mut all: Vec<f64> = sim
            .years
            .iter()
            .flat_map(|y| {
                let [a, b, c] = [&y.net, &y.cumulative_net, &y.cumulative_pv_net].map(of);
                a.into_iter().chain(b).chain(c).chain([y.paid_back_share])
            })
            .collect();
        all.extend(of(&sim.npv));
        all.push(sim.npv_positive_share);
        all.extend(sim.ranges.iter().flat_map(|r| [r.low, r.central, r.high]));
        all.into_iter().map(f64::to_bits).collect()
    }

    /// Runs `s` in slices of `slice` draws, checking the count as it goes.
    fn in_slices(s: Valid, slice: usize) -> Simulation {
        let mut sim = Simulator::new(s);
        assert_eq!(sim.drawn(), 0);
        assert!(!sim.step(0), "no draw run by an empty slice");
        loop {
            let before = sim.drawn();
            let done = sim.step(slice);
            let ran = sim.drawn() - before;
            assert_eq!(ran, slice.min(sim.draws() - before), "slice of {slice}");
            assert_eq!(done, sim.is_done());
            if done {
                break;
            }
        }
        assert_eq!(sim.drawn(), sim.draws());
        assert!(sim.step(slice), "nothing left to run");
        sim.finish()
    }

    #[test]
    fn slices_give_exactly_the_whole_run() {
        // Slice sizes; `usize::MAX` runs every draw in one.
        let slices = [1, 7, 256, 1_000, usize::MAX];
        for (what, s) in scenarios() {
            let v = validate(&s).unwrap_or_else(|e| panic!("{what}: {e:?}"));
            let whole = simulate_valid(v);
            assert_eq!(whole.draws, s.uncertainty.draws, "{what}");
            let unstepped = Simulator::new(v).finish();
            assert_eq!(unstepped, whole, "{what}: finished without a step");
            assert_eq!(bits(&unstepped), bits(&whole), "{what}");
            for slice in slices {
                let sliced = in_slices(v, slice);
                assert_eq!(sliced, whole, "{what} in slices of {slice}");
                assert_eq!(bits(&sliced), bits(&whole), "{what} in slices of {slice}");
            }
            // Finishing part-way runs the rest.
            let mut part = Simulator::new(v);
            part.step(s.uncertainty.draws as usize / 2);
            assert_eq!(
                bits(&part.finish()),
                bits(&whole),
                "{what} finished half-way"
            );
        }
    }

    /// Nearest-rank percentiles by sorting, to check the selection against.
    fn by_sorting(values: &[f64]) -> Percentiles {
        let mut v = values.to_vec();
        v.sort_by(f64::total_cmp);
        let at = |q: f64| v[rank(v.len(), q)];
        Percentiles {
            p10: at(0.1),
            p50: at(0.5),
            p90: at(0.9),
        }
    }

    #[test]
    fn selection_gives_the_sorted_percentiles() {
        let mut rng = Pcg64Mcg::seed_from_u64(7);
        // (length, distinct values: 0 for continuous draws)
        let cases = [
            (1, 0),
            (2, 0),
            (3, 0),
            (10, 0),
            (11, 2),
            (100, 3),
            (1_000, 0),
            (1_001, 1),
            (10_000, 0),
            (10_000, 5),
        ];
        for (len, distinct) in cases {
            let values: Vec<f64> = (0..len)
                .map(|_| {
                    let u = uniform(&mut rng);
                    if distinct == 0 {
                        u * 2e6 - 1e6
                    } else {
                        (u * distinct as f64).floor()
                    }
                })
                .collect();
            let mut work = values.clone();
            assert_eq!(
                percentiles(&mut work, &mut Vec::new()),
                by_sorting(&values),
                "{len} values"
            );
            let mut sorted = values.clone();
            sorted.sort_by(f64::total_cmp);
            assert_eq!(
                percentiles(&mut sorted, &mut Vec::new()),
                by_sorting(&values),
                "sorted"
            );
            sorted.reverse();
            assert_eq!(
                percentiles(&mut sorted, &mut Vec::new()),
                by_sorting(&values),
                "reversed"
            );
            // Ranks by counting, brackets hit or missed.
            if len >= SAMPLE {
                let mut scratch = Vec::new();
                let mut all = values.clone();
                all.sort_by(f64::total_cmp);
                for ks in [[0, len / 2, len - 1], [1, len / 10, len - 2]] {
                    let mut work = values.clone();
                    let want = ks.map(|k| all[k]);
                    assert_eq!(bracketed(&mut work, ks, &mut scratch), want, "ranks {ks:?}");
                }
            }
        }
    }
}
