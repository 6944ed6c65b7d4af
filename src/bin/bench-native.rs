//! Native timings for `npm run bench` (figures to read, not a test).
//!
//! ```text
//! cargo run --release --bin bench-native
//! ```
//!
//! Times, each as the median of several repetitions after a warm-up:
//!
//! - `projection_ms`: one projection of the default scenario (validation
//!   and `outcome_kernel::project_valid`, break-even search included);
//! - `mc_ms`: the Monte Carlo of the default scenario with 10,000 draws over
//!   10 years (`outcome_kernel::simulate_valid`);
//! - `national_ms`: every council × every library programme × 10 years: one
//!   `rollout::rollout` per programme for the latest year of figures.
//!
//! and prints them as one line of JSON on stdout:
//! `{"projection_ms":…, "mc_ms":…, "national_ms":…}`. `bench/wasm.mjs`
//! times the same operations through the WebAssembly exports.

use std::hint::black_box;
use std::time::Instant;

use outcome_calculator::model::data::evidence::{self, Measure};
use outcome_calculator::model::{
    data::presets, default_scenario, validate, views::rollout, ProgrammeChoice, Scenario,
};

/// Fixed settings for the national view, for programmes whose evidence does
/// not supply them (the same rule as `nationalTemplates` in `bench/common.mjs`):
/// no cohort stand-in → 100 cases a year; no published cost → £500,000 a
/// year; an effect without a comparison group → 40% counterfactual.
pub const BENCH_COHORT: f64 = 100.0;
/// See [`BENCH_COHORT`].
pub const BENCH_ANNUAL_COST: f64 = 500_000.0;
/// See [`BENCH_COHORT`].
pub const BENCH_COUNTERFACTUAL_PCT: f64 = 40.0;
/// Years projected in the Monte Carlo and the national view.
pub const YEARS: u32 = 10;
/// Draws in the Monte Carlo.
pub const DRAWS: u32 = 10_000;

/// The default scenario over [`YEARS`] years, funded throughout.
fn ten_years() -> Scenario {
    let mut s = default_scenario();
    s.assumptions.horizon_years = YEARS;
    s.assumptions.funding_years = YEARS;
    s
}

/// One scenario per library programme, each valid for every council that
/// publishes the figures the programme needs.
pub fn national_templates() -> Vec<Scenario> {
    evidence::library()
        .iter()
        .map(|p| {
            let mut choice = ProgrammeChoice::new(p.id);
            if p.cohort.default.is_none() {
                choice.cohort = Some(BENCH_COHORT);
            }
            if p.cost.is_none() {
                choice.annual_cost = BENCH_ANNUAL_COST;
            }
            if p.effects
                .iter()
                .any(|e| matches!(e.measure, Measure::CohortObserved { .. }))
            {
                choice.counterfactual_pct = Some(BENCH_COUNTERFACTUAL_PCT);
            }
            let mut s = ten_years();
            s.programmes = vec![choice];
            s.label = p.name.to_string();
            s
        })
        .collect()
}

/// Median time of one call of `f`, in ms: `warm` unmeasured runs, then `reps`
/// repetitions of `batch` calls each.
fn median_ms(warm: usize, reps: usize, batch: usize, mut f: impl FnMut()) -> f64 {
    for _ in 0..warm {
        f();
    }
    let mut times: Vec<f64> = (0..reps)
        .map(|_| {
            let t0 = Instant::now();
            for _ in 0..batch {
                f();
            }
            t0.elapsed().as_secs_f64() * 1e3 / batch as f64
        })
        .collect();
    times.sort_by(f64::total_cmp);
    times[times.len() / 2]
}

fn main() {
    // (a) one projection of the default scenario.
    let s = default_scenario();
    let projection_ms = median_ms(200, 21, 200, || {
        let v = validate(black_box(&s)).expect("the default scenario is valid");
        black_box(outcome_kernel::project_valid(v));
    });

    // (b) Monte Carlo: 10,000 draws × 10 years.
    let mut mc = ten_years();
    mc.uncertainty.draws = DRAWS;
    let mc = validate(&mc).expect("the default scenario is valid");
    let mut npv_p50 = 0.0;
    let mc_ms = median_ms(3, 15, 1, || {
        npv_p50 = black_box(outcome_kernel::simulate_valid(black_box(mc)))
            .npv
            .p50;
    });

    // (e) every council × every programme × 10 years.
    let templates = national_templates();
    let year = presets::LATEST_YEAR;
    let mut councils = 0;
    let national_ms = median_ms(3, 15, 1, || {
        councils = 0;
        for t in &templates {
            let r = black_box(rollout::rollout(black_box(t), year, None));
            councils += r.councils.len();
        }
    });

    println!(
        "{{\"projection_ms\":{projection_ms:.4}, \"mc_ms\":{mc_ms:.4}, \"national_ms\":{national_ms:.4}, \
         \"mc_npv_p50\":{npv_p50:.2}, \"national_council_runs\":{councils}}}"
    );
}
