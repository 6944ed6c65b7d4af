//! Random scenarios for the property tests, shared by the test binaries.
#![allow(dead_code)]

use outcome_model::data::evidence::{self, library, Grade, Measure, Placement};
use outcome_model::{
    Agency, Cohorts, Council, Counts, CustomBenefit, CustomEffect, CustomMeasure, CustomProgramme,
    EffectLevel, Outcome, ProgrammeChoice, Projection, Scenario,
};
use proptest::prelude::*;

include!("runnable.rs");

pub fn count() -> impl Strategy<Value = Option<f64>> {
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
                emergency_admissions: ae,
                ..Council::default()
            },
        )
}

fn outcome() -> impl Strategy<Value = Outcome> {
    prop::sample::select(Outcome::ALL.to_vec())
}

/// A custom benefit in money: any agency, a range of £ a case a year,
/// 1 to 20 years, any drop-off, and a name with the link's separators in it.
fn benefit() -> impl Strategy<Value = CustomBenefit> {
    (
        prop::sample::select(Agency::ALL.to_vec()),
        (0.0..50_000.0f64, 0.0..50_000.0f64, 0.0..=1.0f64),
        1u32..=20,
        0.0..=100.0f64,
        "[a-z :&=%]{0,20}",
    )
        .prop_map(|(agency, (a, b, q), years, drop_off_pct, name)| {
            let (low, high) = if a <= b { (a, b) } else { (b, a) };
            CustomBenefit {
                name,
                agency,
                low,
                value: low + (high - low) * q,
                high,
                years,
                drop_off_pct,
            }
        })
}

fn custom() -> impl Strategy<Value = CustomProgramme> {
    let effects = prop::collection::vec(
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
        0..4,
    );
    (
        effects,
        prop::collection::vec(benefit(), 0..3),
        prop::sample::select(Cohorts::ALL.to_vec()),
    )
        .prop_map(|(mut effects, benefits, cohorts)| {
            // At least one effect or benefit, as a programme needs.
            if effects.is_empty() && benefits.is_empty() {
                effects.push(CustomEffect {
                    outcome: Outcome::CareEntries,
                    measure: CustomMeasure::Relative,
                    low: 1.0,
                    central: 2.0,
                    high: 3.0,
                    baseline: None,
                });
            }
            CustomProgramme {
                name: "Random programme".into(),
                grade: Grade::Qed,
                effects,
                benefits,
                cohorts,
                nature: outcome_model::Nature::Programme,
            }
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
            count(),
            prop::option::of(prop::sample::select(vec![
                Placement::Foster,
                Placement::Residential,
                Placement::CouncilAverage,
            ])),
        ),
        custom(),
    )
        .prop_map(
            |(
                id,
                (cohort, engagement, scale),
                (per_case, annual, setup),
                (dw, attr, cf, eligible, placement),
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
                c.eligible = eligible;
                c.placement = placement;
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
        (1u32..=20, 1u32..=20, 0.0..=100.0f64, 0.0..=100.0f64),
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
                // Retired in method 2; the draw still comes from the same strategy.
                let _ = decay;
                a.drop_off_pct = drop;
                a.discount_rate_pct = rate;
                a.optimism_bias_costs_pct = obc;
                a.baseline_trend_pct = trend;
                a.ramp_pct = ramp;
                a.care_years = d;
                a.effect_level = level;
                s.unit_costs.foster_weekly = fw;
                s.assumptions.cashable.residential_pct = share;
                s
            },
        )
}

pub fn counts(c: &Counts) -> [f64; 8] {
    [
        c.care_entries_avoided,
        c.children_in_care_fewer,
        c.care_days_avoided,
        c.cp_plans_fewer,
        c.children_in_need_fewer,
        c.care_proceedings_avoided,
        c.police_incidents_avoided,
        c.emergency_admissions_avoided,
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
        s.pv_council_noncash,
        s.pv_other_agencies,
    ]);
    v.extend(s.bcr);
    v.extend(s.financial_roi);
    v.extend(s.cost_switching_pct);
    v
}
