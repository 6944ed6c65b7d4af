//! Property tests of the model's invariants over random scenarios: no
//! panic, every output finite, zero effect gives zero savings, savings grow
//! with the effect, later years are discounted more, and the simulation's
//! percentiles are finite and ordered.
//!
//! The number of cases is 256 by default; set `PROPTEST_CASES` (e.g.
//! 100000, as `npm test` does) for a long run.

mod common;

use common::{counts, numbers, scenario};
use outcome_model::calc::uncertainty::{simulate, Percentiles};
use outcome_model::{project, validate};
use proptest::prelude::*;

/// Cases per property: `PROPTEST_CASES`, else 256.
fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(256);
    ProptestConfig {
        cases,
        // Failures are kept in tests/model_props.proptest-regressions.
        ..ProptestConfig::default()
    }
}

/// Draws per simulated case: enough for distinct percentiles, few enough
/// for 100,000 cases.
const DRAWS: u32 = 24;

fn ordered(p: &Percentiles) -> bool {
    [p.p10, p.p50, p.p90].iter().all(|x| x.is_finite()) && p.p10 <= p.p50 && p.p50 <= p.p90
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn valid_scenarios_project_to_finite_numbers(s in scenario()) {
        match project(&s) {
            Ok(p) => {
                prop_assert_eq!(p.years.len(), s.assumptions.horizon_years as usize);
                for x in numbers(&p) {
                    prop_assert!(x.is_finite(), "non-finite output {}", x);
                }
                for y in &p.years {
                    let c = counts(&y.counts);
                    prop_assert!(c.iter().all(|x| *x >= 0.0), "negative count {:?}", c);
                    prop_assert!(y.cost >= 0.0 && y.gross_savings >= 0.0);
                    prop_assert!(y.cashable_savings <= y.gross_savings * (1.0 + 1e-9) + 1e-6);
                }
            }
            Err(errors) => prop_assert!(!errors.is_empty()),
        }
    }

    #[test]
    fn funding_for_n_years_is_the_whole_horizon_with_later_cohorts_at_zero(mut s in scenario()) {
        // Funded for N years, against funded throughout with no cases
        // served after year N (ramp 0) and no fixed costs then: the same
        // savings year by year, exactly, and the same per-case costs.
        let h = s.assumptions.horizon_years as usize;
        let n = (s.assumptions.funding_years as usize).min(h);
        for p in &mut s.programmes {
            p.annual_cost = 0.0;
        }
        let mut whole = s.clone();
        whole.assumptions.funding_years = s.assumptions.horizon_years;
        let ramp = &s.assumptions.ramp_pct;
        whole.assumptions.ramp_pct = (0..h.max(1))
            .map(|t| if t < n { ramp[t.min(ramp.len() - 1)] } else { 0.0 })
            .collect();
        if let (Ok(a), Ok(b)) = (project(&s), project(&whole)) {
            for (x, y) in a.years.iter().zip(&b.years) {
                prop_assert_eq!(x.gross_savings, y.gross_savings);
                prop_assert_eq!(x.cashable_savings, y.cashable_savings);
                prop_assert_eq!(x.cost, y.cost);
            }
        }
    }

    #[test]
    fn zero_effect_gives_zero_savings(mut s in scenario()) {
        for p in &mut s.programmes {
            p.effect_scale_pct = 0.0;
        }
        if let Ok(p) = project(&s) {
            prop_assert_eq!(p.summary.total_savings, 0.0);
        }
    }

    #[test]
    fn savings_grow_with_effect_size(mut s in scenario(), k in 0.0..=1.0f64) {
        // One placement for every programme: where totals are held to the
        // council's counts, the share moves between programmes, which must
        // not change what a child-year is worth.
        for p in &mut s.programmes {
            p.placement = Some(outcome_model::data::evidence::Placement::Foster);
        }
        // With Family Safeguarding and a programme nested in it, a larger
        // Family Safeguarding effect leaves less risk for the other, which
        // may be costed at another placement: the total need not rise.
        let nested = s.programmes.iter().any(|p| p.programme == "family-safeguarding")
            && s.programmes.iter().any(|p| {
                outcome_model::data::evidence::find(&p.programme)
                    .is_some_and(|q| q.nests_in.is_some())
            });
        if validate(&s).is_err() || nested {
            return Ok(());
        }
        let mut smaller = s.clone();
        for p in &mut smaller.programmes {
            p.effect_scale_pct *= k;
        }
        let big = project(&s).unwrap().summary.total_savings;
        let small = project(&smaller).unwrap().summary.total_savings;
        prop_assert!(small <= big * (1.0 + 1e-9) + 1e-6, "{} > {}", small, big);
    }

    #[test]
    fn later_years_discount(s in scenario()) {
        if let Ok(p) = project(&s) {
            for w in p.years.windows(2) {
                if s.assumptions.discount_rate_pct > 0.0 {
                    prop_assert!(w[1].discount_factor < w[0].discount_factor);
                } else {
                    prop_assert_eq!(w[1].discount_factor, w[0].discount_factor);
                }
            }
            prop_assert_eq!(p.years[0].discount_factor, 1.0);
        }
    }

    #[test]
    fn simulations_are_finite_and_ordered(
        mut s in scenario(),
        cost_spread in 0.0..=100.0f64,
        reach_spread in 0.0..=100.0f64,
        seed in any::<u32>(),
    ) {
        s.uncertainty.draws = DRAWS;
        s.uncertainty.seed = seed;
        s.uncertainty.unit_cost_spread_pct = cost_spread;
        s.uncertainty.engagement_spread_pct = reach_spread;
        match simulate(&s) {
            Ok(sim) => {
                prop_assert_eq!(sim.years.len(), s.assumptions.horizon_years as usize);
                prop_assert!(ordered(&sim.npv), "npv {:?}", sim.npv);
                for y in &sim.years {
                    prop_assert!(ordered(&y.net), "net {:?}", y.net);
                    prop_assert!(ordered(&y.cumulative_pv_net), "pv {:?}", y.cumulative_pv_net);
                    prop_assert!((0.0..=1.0).contains(&y.paid_back_share));
                }
                // Paid back stays paid back.
                for w in sim.years.windows(2) {
                    prop_assert!(w[0].paid_back_share <= w[1].paid_back_share);
                }
                prop_assert!((0.0..=1.0).contains(&sim.npv_positive_share));
            }
            Err(errors) => prop_assert!(!errors.is_empty() && validate(&s).is_err()),
        }
    }
}

#[test]
fn most_random_scenarios_are_valid() {
    // The generator must exercise the projection, not only validation.
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    let strategy = scenario();
    let total = 2_000;
    let valid = (0..total)
        .filter(|_| validate(&strategy.new_tree(&mut runner).unwrap().current()).is_ok())
        .count();
    eprintln!("{valid} of {total} random scenarios are valid");
    assert!(
        valid * 4 >= total,
        "only {valid} of {total} random scenarios are valid"
    );
}
