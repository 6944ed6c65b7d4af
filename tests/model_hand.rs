//! The projection against calculations written out by hand.

use outcome_calculator::model::{
    project, Council, EffectLevel, ProgrammeChoice, Projection, Scenario, UnitCosts,
};

const EPS: f64 = 1e-6;

#[track_caller]
fn close(actual: f64, expected: f64, what: &str) {
    assert!(
        (actual - expected).abs() <= EPS * expected.abs().max(1.0),
        "{what}: got {actual}, expected {expected}"
    );
}

/// A council with round figures.
fn council() -> Council {
    Council {
        name: "Example".into(),
        children_looked_after: Some(1_000.0),
        care_starts: Some(400.0),
        care_ceased: Some(400.0),
        cp_plans: Some(600.0),
        children_in_need: Some(5_000.0),
        police_incidents: Some(1_000.0),
        ae_attendances: Some(500.0),
        ..Council::default()
    }
}

/// Unit costs that make the arithmetic easy to follow.
fn round_costs() -> UnitCosts {
    UnitCosts {
        foster_weekly: 500.0,
        residential_weekly: 5_000.0,
        residential_share_pct: 10.0,
        cp_plan_annual: 4_000.0,
        cin_annual: 2_000.0,
        care_proceedings: 20_000.0,
        care_proceedings_council_pct: 25.0,
        police_incident: 400.0,
        ae_attendance: 150.0,
    }
}

/// Everything at full strength from year 1, no haircuts, no discounting.
fn plain(programmes: Vec<ProgrammeChoice>) -> Scenario {
    let mut s = Scenario::new(council(), programmes);
    s.unit_costs = round_costs();
    let a = &mut s.assumptions;
    a.ramp_pct = vec![100.0];
    a.optimism_bias_costs_pct = 0.0;
    a.optimism_bias_benefits.rct_pct = 0.0;
    a.optimism_bias_benefits.qed_pct = 0.0;
    a.optimism_bias_benefits.before_after_pct = 0.0;
    a.optimism_bias_benefits.modelled_pct = 0.0;
    a.discount_rate_pct = 0.0;
    a.horizon_years = 3;
    a.funding_years = 3;
    s
}

fn run(s: &Scenario) -> Projection {
    project(s).unwrap_or_else(|e| panic!("scenario is valid: {e:?}"))
}

#[test]
fn family_safeguarding_moves_counts_by_the_published_percentages() {
    // Before any adjustment, the year-1 counts fall by exactly the published
    // reductions: 39% of care entries, 29% of CP plans, 8.8% of CIN, 58% of
    // repeat police incidents and 53% of adult A&E attendances.
    let p = run(&plain(vec![ProgrammeChoice::new("family-safeguarding")]));
    let c = &p.years[0].counts;
    let cases = [
        ("care entries", c.care_entries_avoided, 400.0 * 0.39),
        ("cp plans", c.cp_plans_fewer, 600.0 * 0.29),
        (
            "children in need",
            c.children_in_need_fewer,
            5_000.0 * 0.088,
        ),
        (
            "police incidents",
            c.police_incidents_avoided,
            1_000.0 * 0.58,
        ),
        ("a&e attendances", c.ae_attendances_avoided, 500.0 * 0.53),
    ];
    for (what, actual, expected) in cases {
        close(actual, expected, what);
    }
}

#[test]
fn hand_calculation_family_safeguarding_three_years() {
    // D = 1,000 looked after ÷ 400 leaving = 2.5 years: 0.5, 1, 1 in the
    // first three years after an entry.
    // Care a year = 52 × (500 × 0.9 + 5,000 × 0.1) = 52 × 950 = £49,400.
    // Entries avoided each year = 400 × 39% = 156.
    // Child-years avoided: y1 = 156 × 0.5 = 78; y2 = 78 + 156 = 234;
    // y3 = 78 + 156 + 156 = 390.
    // CP 174 × £4,000 = £696,000; CIN 440 × £2,000 = £880,000;
    // police 580 × £400 = £232,000; A&E 265 × £150 = £39,750.
    // Cost: cohort = 600 CP plans (stand-in) × £4,800,000 / 940 a family.
    let cost = 600.0 * 4_800_000.0 / 940.0;
    let fixed = 696_000.0 + 880_000.0 + 232_000.0 + 39_750.0;
    let table = [
        // (year, child-years, savings)
        (1, 78.0, 78.0 * 49_400.0 + fixed),
        (2, 234.0, 234.0 * 49_400.0 + fixed),
        (3, 390.0, 390.0 * 49_400.0 + fixed),
    ];
    let p = run(&plain(vec![ProgrammeChoice::new("family-safeguarding")]));
    let mut cumulative = 0.0;
    for (year, child_years, savings) in table {
        let y = &p.years[year - 1];
        close(y.counts.children_in_care_fewer, child_years, "child-years");
        close(y.gross_savings, savings, "savings");
        close(y.cost, cost, "cost");
        cumulative += savings - cost;
        close(y.cumulative_net, cumulative, "cumulative net");
    }
    close(p.summary.npv, cumulative, "npv at 0% discount");
    assert_eq!(p.summary.payback_year, Some(1));
}

#[test]
fn hand_calculation_discounting_ramp_and_optimism_bias() {
    // One relative effect (CP plans only, via a custom programme) so the
    // chain can be followed: 600 plans × 50% reach × 20% effect × (1 − 25%
    // optimism bias for a comparison-area grade) = 45 plans in year 1, then
    // 600 × 100% × 20% × 75% = 90. Savings at £4,000 a plan; cost £100,000
    // a year × 1.41 optimism bias; discount 3.5%.
    let mut s = plain(vec![custom_cp(20.0)]);
    s.assumptions.ramp_pct = vec![50.0, 100.0];
    s.assumptions.optimism_bias_benefits.qed_pct = 25.0;
    s.assumptions.optimism_bias_costs_pct = 41.0;
    s.assumptions.discount_rate_pct = 3.5;
    let p = run(&s);
    let plans = [45.0, 90.0, 90.0];
    let mut npv = 0.0;
    for (t, expected) in plans.iter().enumerate() {
        let y = &p.years[t];
        let df = 1.0 / 1.035f64.powi(t as i32);
        close(y.counts.cp_plans_fewer, *expected, "plans");
        close(y.gross_savings, expected * 4_000.0, "savings");
        close(y.cost, 141_000.0, "cost");
        close(y.discount_factor, df, "discount factor");
        npv += (expected * 4_000.0 - 141_000.0) * df;
    }
    close(p.summary.npv, npv, "npv");
    // Cashable: CP plan savings are 0% cashable by default.
    close(p.summary.pv_cashable, 0.0, "cashable");
    close(p.summary.budget_npv, -p.summary.pv_cost, "budget npv");
}

fn custom_cp(central: f64) -> ProgrammeChoice {
    use outcome_calculator::model::evidence::Grade;
    use outcome_calculator::model::{CustomEffect, CustomMeasure, CustomProgramme, Outcome};
    let mut c = ProgrammeChoice::new("custom");
    c.annual_cost = 100_000.0;
    c.custom = Some(CustomProgramme {
        name: "Plan reduction".into(),
        grade: Grade::Qed,
        effects: vec![CustomEffect {
            outcome: Outcome::CpPlans,
            measure: CustomMeasure::Relative,
            low: central / 2.0,
            central,
            high: central * 1.5,
            baseline: None,
        }],
    });
    c
}

#[test]
fn funding_stops_and_the_effect_decays() {
    // Funded 1 year of 3; decay 50%: plans avoided 120, 60, 30; cost only in year 1.
    let mut s = plain(vec![custom_cp(20.0)]);
    s.assumptions.funding_years = 1;
    s.assumptions.decay_after_funding_pct = 50.0;
    let p = run(&s);
    let table = [(120.0, 100_000.0), (60.0, 0.0), (30.0, 0.0)];
    for (t, (plans, cost)) in table.iter().enumerate() {
        close(p.years[t].counts.cp_plans_fewer, *plans, "plans");
        close(p.years[t].cost, *cost, "cost");
    }
}

#[test]
fn two_programmes_never_count_a_child_twice() {
    // Two custom programmes each cutting CP plans by 60%: apart they would
    // avoid 360 + 360 = 720 of 600 plans; together 600 × (1 − 0.4 × 0.4) = 504,
    // shared equally.
    let p = run(&plain(vec![custom_cp(60.0), custom_cp(60.0)]));
    close(p.years[0].counts.cp_plans_fewer, 504.0, "combined");
    close(
        p.programmes[0].counts.cp_plans_fewer,
        252.0 * 3.0,
        "first share",
    );
    close(
        p.programmes[1].counts.cp_plans_fewer,
        252.0 * 3.0,
        "second share",
    );
}

#[test]
fn fgc_percentage_points_of_the_cohort() {
    // 200 children in pre-proceedings: 8.6 points fewer in care = 17.2
    // entries; 12.5 points fewer proceedings = 25 cases at £20,000, 25% to
    // the council. Care entries combine with the council's 400 starts.
    let mut c = ProgrammeChoice::new("fgc-pre-proceedings");
    c.cohort = Some(200.0);
    c.cost_per_case = Some(1_000.0);
    let p = run(&plain(vec![c]));
    let y = &p.years[0];
    close(y.counts.care_entries_avoided, 17.2, "entries");
    close(y.counts.care_proceedings_avoided, 25.0, "proceedings");
    close(y.savings.courts_legal, 25.0 * 20_000.0 * 0.75, "courts");
    close(y.cost, 200_000.0, "cost");
}

#[test]
fn effect_levels_order_the_results() {
    let mut results = Vec::new();
    for level in [EffectLevel::Low, EffectLevel::Central, EffectLevel::High] {
        let mut s = plain(vec![ProgrammeChoice::new("family-safeguarding")]);
        s.assumptions.effect_level = level;
        results.push(run(&s).summary.npv);
    }
    assert!(
        results[0] < results[1] && results[1] < results[2],
        "{results:?}"
    );
}

#[test]
fn break_even_effect_makes_npv_zero() {
    let mut s = plain(vec![custom_cp(20.0)]);
    s.programmes[0].annual_cost = 400_000.0;
    let p = run(&s);
    // Savings 600 × e% × £4,000 = £400,000 → e = 16.67%.
    let be = &p.programmes[0].break_even[0];
    close(
        be.needed.expect("breaks even"),
        100.0 * 400_000.0 / (600.0 * 4_000.0),
        "needed",
    );
}
