//! Property tests of the model's invariants over random scenarios.
//!
//! The number of cases is 256 by default; set `PROPTEST_CASES` (e.g.
//! 100000) for a long run.

use outcome_calculator::model::evidence::{self, Grade};
use outcome_calculator::model::{
    project, validate, Council, Counts, CustomEffect, CustomMeasure, CustomProgramme, EffectLevel,
    Outcome, ProgrammeChoice, Projection, Scenario,
};
use proptest::prelude::*;

fn count() -> impl Strategy<Value = Option<f64>> {
    prop_oneof![
        1 => Just(None),
        1 => Just(Some(0.0)),
        6 => (0.0..20_000.0f64).prop_map(Some),
        1 => (0.0..2_000_000.0f64).prop_map(Some),
    ]
}

fn council() -> impl Strategy<Value = Council> {
    (
        (count(), count(), count(), count()),
        (count(), count(), count(), count(), count()),
    )
        .prop_map(
            |((pop, cla, starts, ceased), (cp, cin, proc_, police, ae))| Council {
                name: "Random".into(),
                population_0_17: pop,
                children_looked_after: cla,
                care_starts: starts,
                care_ceased: ceased,
                cp_plans: cp,
                children_in_need: cin,
                care_proceedings: proc_,
                police_incidents: police,
                ae_attendances: ae,
                ..Council::default()
            },
        )
}

fn outcome() -> impl Strategy<Value = Outcome> {
    prop::sample::select(Outcome::ALL.to_vec())
}

fn custom() -> impl Strategy<Value = CustomProgramme> {
    prop::collection::vec(
        (
            outcome(),
            prop::sample::select(vec![
                CustomMeasure::Relative,
                CustomMeasure::PercentagePoints,
                CustomMeasure::PerCouncil,
            ]),
            0.0..100.0f64,
            0.0..100.0f64,
            0.0..100.0f64,
        )
            .prop_map(|(outcome, measure, a, b, base)| {
                let (low, high) = if a <= b { (a, b) } else { (b, a) };
                CustomEffect {
                    outcome,
                    measure,
                    low,
                    central: (low + high) / 2.0,
                    high,
                    baseline: Some(base),
                }
            }),
        1..4,
    )
    .prop_map(|effects| CustomProgramme {
        name: "Random programme".into(),
        grade: Grade::Qed,
        effects,
    })
}

fn programme() -> impl Strategy<Value = ProgrammeChoice> {
    let mut ids: Vec<String> = evidence::library()
        .iter()
        .map(|p| p.id.to_string())
        .collect();
    ids.push("custom".into());
    (
        prop::sample::select(ids),
        (count(), 0.0..=100.0f64, 0.0..=500.0f64),
        (
            prop::option::of(0.0..50_000.0f64),
            0.0..5_000_000.0f64,
            0.0..1_000_000.0f64,
        ),
        (
            0.0..=100.0f64,
            0.0..=100.0f64,
            prop::option::of(0.0..=100.0f64),
        ),
        custom(),
    )
        .prop_map(
            |(
                id,
                (cohort, engagement, scale),
                (per_case, annual, setup),
                (dw, attr, cf),
                custom,
            )| {
                let mut c = ProgrammeChoice::new(&id);
                c.cohort = cohort;
                c.engagement_pct = engagement;
                c.effect_scale_pct = scale;
                c.cost_per_case = per_case;
                c.annual_cost = annual;
                c.setup_cost = setup;
                c.deadweight_pct = dw;
                c.attribution_pct = attr;
                c.counterfactual_pct = cf;
                if id == "custom" {
                    c.custom = Some(custom);
                }
                c
            },
        )
}

pub fn scenario() -> impl Strategy<Value = Scenario> {
    (
        council(),
        prop::collection::vec(programme(), 1..4),
        (1u32..=10, 1u32..=10, 0.0..=100.0f64, 0.0..=100.0f64),
        (0.0..=20.0f64, 0.0..=200.0f64, -50.0..=50.0f64),
        (
            prop::collection::vec(0.0..=100.0f64, 1..5),
            prop::option::of(0.1..=18.0f64),
        ),
        prop::sample::select(vec![
            EffectLevel::Low,
            EffectLevel::Central,
            EffectLevel::High,
        ]),
        (0.0..=100_000.0f64, 0.0..=100.0f64),
    )
        .prop_map(
            |(
                council,
                programmes,
                (h, f, decay, drop),
                (rate, obc, trend),
                (ramp, d),
                level,
                (fw, share),
            )| {
                let mut s = Scenario::new(council, programmes);
                let a = &mut s.assumptions;
                a.horizon_years = h;
                a.funding_years = f;
                a.decay_after_funding_pct = decay;
                a.drop_off_pct = drop;
                a.discount_rate_pct = rate;
                a.optimism_bias_costs_pct = obc;
                a.baseline_trend_pct = trend;
                a.ramp_pct = ramp;
                a.care_years = d;
                a.effect_level = level;
                s.unit_costs.foster_weekly = fw;
                s.unit_costs.residential_share_pct = share;
                s
            },
        )
}

fn counts(c: &Counts) -> [f64; 8] {
    [
        c.care_entries_avoided,
        c.children_in_care_fewer,
        c.care_days_avoided,
        c.cp_plans_fewer,
        c.children_in_need_fewer,
        c.care_proceedings_avoided,
        c.police_incidents_avoided,
        c.ae_attendances_avoided,
    ]
}

/// Every number in a projection.
pub fn numbers(p: &Projection) -> Vec<f64> {
    let mut v = Vec::new();
    for y in &p.years {
        v.extend(counts(&y.counts));
        v.extend([
            y.savings.total(),
            y.gross_savings,
            y.cashable_savings,
            y.cost,
            y.net,
            y.cumulative_savings,
            y.cumulative_cost,
            y.cumulative_net,
            y.discount_factor,
            y.pv_savings,
            y.pv_cost,
            y.cumulative_pv_net,
        ]);
    }
    for r in &p.programmes {
        v.extend(counts(&r.counts));
        v.extend([
            r.cohort,
            r.cost_per_case,
            r.savings,
            r.cost,
            r.pv_savings,
            r.pv_cost,
        ]);
        for b in &r.break_even {
            v.push(b.used);
            v.extend(b.needed);
        }
    }
    let s = &p.summary;
    v.extend(counts(&s.counts));
    v.extend([
        s.savings_by_agency.total(),
        s.total_savings,
        s.total_cashable,
        s.total_cost,
        s.pv_savings,
        s.pv_cashable,
        s.pv_cost,
        s.npv,
        s.budget_npv,
        s.care_years,
        s.care_annual_cost,
    ]);
    v.extend(s.bcr);
    v.extend(s.financial_roi);
    v.extend(s.break_even_scale_pct);
    v
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

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
    fn zero_effect_gives_zero_savings(mut s in scenario()) {
        for p in &mut s.programmes {
            p.effect_scale_pct = 0.0;
        }
        if let Ok(p) = project(&s) {
            prop_assert_eq!(p.summary.total_savings, 0.0);
        }
    }

    #[test]
    fn savings_grow_with_effect_size(s in scenario(), k in 0.0..=1.0f64) {
        if validate(&s).is_err() {
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
}
