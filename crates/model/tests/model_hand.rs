//! The projection against calculations written out by hand.

use outcome_model::data::evidence::Grade;
use outcome_model::{
    data::prices, project, Agency, Cohorts, Council, CustomBenefit, CustomEffect, CustomMeasure,
    CustomProgramme, EffectLevel, Outcome, ProgrammeChoice, Projection, Scenario, UnitCosts,
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
        emergency_admissions: Some(500.0),
        ..Council::default()
    }
}

/// Unit costs that make the arithmetic easy to follow.
fn round_costs() -> UnitCosts {
    UnitCosts {
        foster_weekly: 500.0,
        residential_weekly: 5_000.0,
        cp_plan_annual: 4_000.0,
        cin_annual: 2_000.0,
        care_proceedings: 20_000.0,
        care_proceedings_council_pct: 25.0,
        police_incident: 400.0,
        emergency_admission: 150.0,
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
fn family_safeguarding_applies_each_finding_to_its_own_measure() {
    // Whole caseload served (eligible = 600 × 940/1,140 families), no
    // haircuts: the first year's cohort changes care time, plans and
    // children in need by the published shares of the council's counts.
    let s = plain(vec![ProgrammeChoice::new("family-safeguarding")]);
    let p = run(&s);
    let y1 = &p.years[0].counts;
    // Care time: 39% of the cohort's care time; entries spread through the
    // year give half a year each in year 1: 400 × 0.39 × 0.5 = 78.
    close(y1.children_in_care_fewer, 78.0, "child-years, year 1");
    close(y1.care_entries_avoided, 0.0, "no entries are claimed");
    // Plans at 31 March fall 29% × 600 = 174; half a year in year 1.
    close(y1.cp_plans_fewer, 87.0, "plan-years, year 1");
    // Children in need only: 8.8% × 5,000 less the 174 fewer on plans and
    // the 156 fewer looked after at 31 March (0.39 × 400) = 110; half in
    // year 1.
    close(
        y1.children_in_need_fewer,
        55.0,
        "children in need only, year 1",
    );
    // The evaluation followed each family for its first 12 months: each
    // year's cohort counts for that year only, so every year is year 1.
    let years = |p: &Projection, f: fn(&outcome_model::Counts) -> f64| -> Vec<f64> {
        p.years.iter().map(|y| f(&y.counts)).collect()
    };
    let cy = years(&p, |c| c.children_in_care_fewer);
    close(cy[1], 78.0, "year 2");
    close(cy[2], 78.0, "year 3");
    let plans = years(&p, |c| c.cp_plans_fewer);
    close(plans[1], 87.0, "plans, year 2");
    close(plans[2], 87.0, "plans, year 3");
    // Counting all of it after the first year (a choice beyond the
    // evidence): D = 1,000 ÷ 400 = 2.5 years, so the year-1 cohort's 156
    // entries' worth of stays run 0.5, 1, 1 in years 1–3, the year-2
    // cohort 0.5, 1…; plans ½ and ½.
    let mut all = s.clone();
    all.assumptions.beyond_observed_pct = Some(100.0);
    let q = run(&all);
    let cy = years(&q, |c| c.children_in_care_fewer);
    close(cy[0], 78.0, "year 1 is the same");
    close(cy[1], 156.0 * (1.0 + 0.5), "year 2, all counted");
    close(cy[2], 156.0 * (1.0 + 1.0 + 0.5), "year 3, all counted");
    close(
        q.years[1].counts.cp_plans_fewer,
        174.0,
        "plans, year 2, all counted",
    );
    // A quarter counted: the tails are a quarter of what they were.
    let mut quarter = s.clone();
    quarter.assumptions.beyond_observed_pct = Some(25.0);
    let r = run(&quarter);
    close(
        r.years[1].counts.children_in_care_fewer,
        78.0 + 0.25 * 156.0,
        "year 2, a quarter counted",
    );
    assert!(
        r.headline_notes[0].contains("beyond the evidence"),
        "{:?}",
        r.headline_notes
    );
}

#[test]
fn hand_calculation_family_safeguarding_money() {
    let s = plain(vec![ProgrammeChoice::new("family-safeguarding")]);
    let p = run(&s);
    let y = &p.years[0];
    // Care £26,000 a year (500 × 52), plans £4,000, children in need £2,000.
    let council = 78.0 * 26_000.0 + 87.0 * 4_000.0 + 55.0 * 2_000.0;
    close(
        y.savings.childrens_services,
        council,
        "council savings, year 1",
    );
    // Only the allowances and administration in foster care are cash by
    // default (64.2%); staff time is not.
    close(y.cashable_savings, 78.0 * 26_000.0 * 0.642, "cash, year 1");
    // Police and NHS: the evaluation's £106,824 and £220,002 a year for
    // 940 families, per family, uprated from 2015-16 prices.
    let families = 600.0 * 940.0 / 1_140.0;
    let up = prices::uplift(2015);
    close(
        y.savings.police,
        families * 106_824.0 / 940.0 * up,
        "police",
    );
    close(y.savings.nhs, families * 220_002.0 / 940.0 * up, "NHS");
    // Cost: £4.8m ÷ 940 a family, uprated, per family served.
    close(y.cost, families * 4_800_000.0 / 940.0 * up, "cost");
}

#[test]
fn a_council_twice_the_size_serving_the_same_families_gets_the_same_result() {
    let mut small = plain(vec![ProgrammeChoice::new("family-safeguarding")]);
    small.programmes[0].cohort = Some(200.0);
    let mut big = small.clone();
    let k = &mut big.council;
    for v in [
        &mut k.children_looked_after,
        &mut k.care_starts,
        &mut k.care_ceased,
        &mut k.cp_plans,
        &mut k.children_in_need,
    ] {
        *v = v.map(|x| x * 2.0);
    }
    let (a, b) = (run(&small), run(&big));
    close(b.summary.npv, a.summary.npv, "same families, same result");
    // Doubling the families served (below the eligible caseload) doubles
    // cost and benefit.
    let mut double = small.clone();
    double.programmes[0].cohort = Some(400.0);
    let d = run(&double);
    close(
        d.summary.pv_savings,
        2.0 * a.summary.pv_savings,
        "benefit doubles",
    );
    close(d.summary.pv_cost, 2.0 * a.summary.pv_cost, "cost doubles");
}

#[test]
fn served_families_never_exceed_the_eligible_caseload() {
    let mut s = plain(vec![ProgrammeChoice::new("family-safeguarding")]);
    s.programmes[0].cohort = Some(100_000.0);
    let p = run(&s);
    let eligible = 600.0 * 940.0 / 1_140.0;
    close(p.years[0].served, eligible, "capped");
    assert!(
        p.notes.iter().any(|n| n.contains("eligible caseload")),
        "{:?}",
        p.notes
    );
}

#[test]
fn no_funding_means_no_new_cohort_only_tails() {
    let mut s = plain(vec![ProgrammeChoice::new("family-safeguarding")]);
    s.assumptions.horizon_years = 5;
    s.assumptions.funding_years = 1;
    let p = run(&s);
    assert_eq!(p.years[1].served, 0.0);
    assert_eq!(p.years[1].cost, 0.0);
    // By default the year-1 cohort counts for its first 12 months only.
    assert_eq!(
        p.years[1].gross_savings, 0.0,
        "nothing after the year observed"
    );
    // Counting all of it: the year-1 cohort's stays (2.5 years: 0.5, 1, 1)
    // and plans (½, ½).
    s.assumptions.beyond_observed_pct = Some(100.0);
    let p = run(&s);
    close(
        p.years[1].counts.children_in_care_fewer,
        156.0,
        "tail, year 2",
    );
    close(
        p.years[2].counts.children_in_care_fewer,
        156.0,
        "tail, year 3",
    );
    close(p.years[3].counts.children_in_care_fewer, 0.0, "stay over");
    close(p.years[1].counts.cp_plans_fewer, 87.0, "plans, year 2");
    close(p.years[2].counts.cp_plans_fewer, 0.0, "plans over");
    assert_eq!(p.years[4].gross_savings, 0.0);
}

#[test]
fn hand_calculation_discounting_and_optimism_bias() {
    let mut s = plain(vec![ProgrammeChoice::new("family-safeguarding")]);
    s.assumptions.discount_rate_pct = 10.0;
    s.assumptions.optimism_bias_costs_pct = 50.0;
    s.assumptions.optimism_bias_benefits.before_after_pct = 40.0;
    let p = run(&s);
    let plain_run = run(&plain(vec![ProgrammeChoice::new("family-safeguarding")]));
    for (y, q) in p.years.iter().zip(&plain_run.years) {
        close(y.gross_savings, 0.6 * q.gross_savings, "benefit haircut");
        close(y.cost, 1.5 * q.cost, "cost uplift");
        close(
            y.discount_factor,
            1.0 / 1.1f64.powi(y.year as i32 - 1),
            "discount",
        );
    }
    close(
        p.summary.budget_npv,
        p.years
            .iter()
            .map(|y| (y.cashable_savings - y.cost) * y.discount_factor)
            .sum(),
        "net present budget impact",
    );
}

fn custom_cp(central: f64) -> ProgrammeChoice {
    let mut c = ProgrammeChoice::new("custom");
    c.annual_cost = 100_000.0;
    c.custom = Some(CustomProgramme {
        name: "Plans".into(),
        grade: Grade::Rct,
        effects: vec![CustomEffect {
            outcome: Outcome::CpPlans,
            measure: CustomMeasure::Relative,
            low: central / 2.0,
            central,
            high: central,
            baseline: None,
        }],
        benefits: Vec::new(),
        cohorts: Default::default(),
        nature: outcome_model::Nature::Programme,
    });
    c
}

#[test]
fn two_programmes_never_count_more_than_the_council_has() {
    let s = plain(vec![custom_cp(80.0), custom_cp(80.0)]);
    let p = run(&s);
    for y in &p.years {
        assert!(
            y.counts.cp_plans_fewer <= 600.0 + 1e-9,
            "{}",
            y.counts.cp_plans_fewer
        );
    }
    assert!(p.notes.iter().any(|n| n.contains("held to that count")));
}

#[test]
fn fgc_nested_in_family_safeguarding_applies_to_the_risk_left() {
    let mut fgc = ProgrammeChoice::new("fgc-pre-proceedings");
    fgc.cohort = Some(100.0);
    fgc.annual_cost = 10_000.0;
    let alone = run(&plain(vec![fgc.clone()]));
    let both = run(&plain(vec![
        ProgrammeChoice::new("family-safeguarding"),
        fgc,
    ]));
    // 8.6 points of 100 children: half a year in year 1.
    close(
        alone.years[0].counts.children_in_care_fewer,
        100.0 * 0.086 * 0.5,
        "alone",
    );
    // With the whole caseload in Family Safeguarding, FGC works on the 61%
    // of care time it leaves.
    let fgc_share = both.programmes[1].counts.children_in_care_fewer;
    close(
        fgc_share,
        alone.programmes[0].counts.children_in_care_fewer * 0.61,
        "nested",
    );
}

#[test]
fn effect_levels_order_the_results() {
    let mut npvs = Vec::new();
    for level in [EffectLevel::Low, EffectLevel::Central, EffectLevel::High] {
        let mut s = plain(vec![ProgrammeChoice::new("family-safeguarding")]);
        s.assumptions.effect_level = level;
        npvs.push(run(&s).summary.npv);
    }
    assert!(npvs[0] < npvs[1] && npvs[1] <= npvs[2], "{npvs:?}");
}

#[test]
fn switching_value_makes_the_budget_impact_zero() {
    let mut s = plain(vec![ProgrammeChoice::new("family-safeguarding")]);
    s.assumptions.optimism_bias_benefits.before_after_pct = 40.0;
    // A cost per family low enough for the care effect to pay it back.
    s.programmes[0].cost_per_case = Some(1_000.0);
    let p = run(&s);
    let be = &p.programmes[0].break_even[0];
    close(be.applied, 39.0 * 0.6, "applied after the haircut");
    let needed = be.needed.expect("breaks even");
    // Re-run with the care effect at the switching value (before the haircut).
    let mut t = s.clone();
    t.programmes[0].effect_scale_pct = 100.0 * needed / be.applied;
    let q = run(&t);
    assert!(q.summary.budget_npv.abs() < 1.0, "{}", q.summary.budget_npv);
}

#[test]
fn a_file_of_an_older_evidence_set_opens_with_what_changed() {
    // Saved with method 2: it opens, with the current figures and a notice
    // naming what changed, first among the notes; an unknown set is refused.
    let text = r#"{"version": 2, "evidence_set": "2026.2", "council": {"care_starts": 300,
        "children_looked_after": 700, "care_ceased": 280, "cp_plans": 400, "children_in_need": 3000},
        "programmes": [{"programme": "family-safeguarding", "cohort": 200}]}"#;
    let s: Scenario = serde_json::from_str(text).expect("reads");
    let p = run(&s);
    assert!(
        p.headline_notes[0].contains("evidence set 2026.2"),
        "{:?}",
        p.headline_notes
    );
    assert!(
        p.headline_notes[0].contains("Method 3"),
        "{:?}",
        p.headline_notes
    );
    assert_eq!(p.evidence_set, outcome_model::data::evidence::EVIDENCE_SET);
    let mut future = s.clone();
    future.evidence_set = "2031.1".into();
    let e = project(&future).expect_err("unknown set");
    assert_eq!(
        e[0].field,
        outcome_model::base::error::Location::from("evidence_set")
    );
}

/// A custom programme with benefits in money only, the GMCA way: 100 cases
/// a year at £2,000 a case, 25% deadweight, 10% attribution.
fn mentoring(benefits: Vec<CustomBenefit>, cohorts: Cohorts) -> ProgrammeChoice {
    let mut c = ProgrammeChoice::new("custom");
    c.cohort = Some(100.0);
    c.cost_per_case = Some(2_000.0);
    c.deadweight_pct = 25.0;
    c.attribution_pct = 10.0;
    c.custom = Some(CustomProgramme {
        name: "Mentoring".into(),
        grade: Grade::Qed,
        effects: Vec::new(),
        benefits,
        cohorts,
        nature: outcome_model::Nature::Programme,
    });
    c
}

fn benefit(agency: Agency, value: f64, years: u32, drop_off_pct: f64) -> CustomBenefit {
    CustomBenefit {
        name: "a benefit".into(),
        agency,
        low: value / 2.0,
        value,
        high: value * 1.5,
        years,
        drop_off_pct,
    }
}

/// The GMCA model's basic case, funded 2 years over a 5-year horizon.
fn gmca_case(benefits: Vec<CustomBenefit>, cohorts: Cohorts) -> Scenario {
    let mut s = plain(vec![mentoring(benefits, cohorts)]);
    s.assumptions.horizon_years = 5;
    s.assumptions.funding_years = 2;
    s
}

#[test]
fn a_custom_benefit_lasts_its_years_with_its_own_drop_off() {
    // 100 cases a year for 2 funded years; £1,000 a case a year to the
    // NHS for 3 years, falling 20% a year after the first; 25% deadweight,
    // 10% attribution, no optimism bias, no discounting.
    //   adjustment = (1 − 0.25)(1 − 0.10) = 0.675
    //   a cohort's first year = 100 × £1,000 × 0.675 = £67,500
    //   its second = £67,500 × 0.8 = £54,000; its third = × 0.8² = £43,200
    //   year 1: cohort 1, first year                   £67,500
    //   year 2: cohort 1 £54,000 + cohort 2 £67,500 = £121,500
    //   year 3: cohort 1 £43,200 + cohort 2 £54,000 =  £97,200
    //   year 4:                    cohort 2 £43,200 =  £43,200
    //   year 5: both cohorts' 3 years are over:             £0
    // A second benefit, £500 a case a year to the council for 2 years with
    // no drop-off, cashable at 50%:
    //   a cohort's year = 100 × £500 × 0.675 = £33,750
    //   years 1–4: £33,750, £67,500, £33,750, £0; cash half of each.
    // Cost: 100 × £2,000 = £200,000 in each funded year.
    let mut s = gmca_case(
        vec![
            benefit(Agency::Nhs, 1_000.0, 3, 20.0),
            benefit(Agency::ChildrensServices, 500.0, 2, 0.0),
        ],
        Cohorts::EachFundedYear,
    );
    s.assumptions.cashable.case_benefits_pct = 50.0;
    let p = run(&s);
    let nhs = [67_500.0, 121_500.0, 97_200.0, 43_200.0, 0.0];
    let council = [33_750.0, 67_500.0, 33_750.0, 0.0, 0.0];
    let cost = [200_000.0, 200_000.0, 0.0, 0.0, 0.0];
    for t in 0..5 {
        let y = &p.years[t];
        close(y.savings.nhs, nhs[t], &format!("NHS, year {}", t + 1));
        close(
            y.savings.childrens_services,
            council[t],
            &format!("council, year {}", t + 1),
        );
        close(
            y.cashable_savings,
            council[t] / 2.0,
            &format!("cash, year {}", t + 1),
        );
        close(y.cost, cost[t], &format!("cost, year {}", t + 1));
        close(y.served, [100.0, 100.0, 0.0, 0.0, 0.0][t], "cases served");
    }
    // NPV at 0%: £329,400 + £135,000 − £400,000 = £64,400.
    close(p.summary.npv, 64_400.0, "NPV");
    close(p.summary.budget_npv, 67_500.0 - 400_000.0, "budget impact");
}

#[test]
fn a_custom_benefit_s_drop_off_changes_the_result_and_the_scenario_s_does_not() {
    let at = |benefit_drop: f64, scenario_drop: f64| {
        let mut s = gmca_case(
            vec![benefit(Agency::OtherPublic, 1_000.0, 3, benefit_drop)],
            Cohorts::EachFundedYear,
        );
        s.assumptions.drop_off_pct = scenario_drop;
        run(&s).summary.total_savings
    };
    // No drop-off: each cohort's £67,500 for 3 years, 2 cohorts: £405,000.
    close(at(0.0, 0.0), 405_000.0, "no drop-off");
    // 30%: £67,500 × (1 + 0.7 + 0.49) × 2 = £295,650.
    close(at(30.0, 0.0), 295_650.0, "30% drop-off");
    // 100%: the first year only: £135,000.
    close(at(100.0, 0.0), 135_000.0, "all gone after the first year");
    // The benefit has its own drop-off; the scenario's does not touch it.
    close(at(30.0, 50.0), 295_650.0, "the scenario's drop-off");
}

#[test]
fn one_cohort_serves_its_cases_in_the_first_year_only() {
    // The same benefit, one cohort: £67,500, £54,000, £43,200, then none.
    // Cost: 100 × £2,000 + £10,000 in year 1; the yearly £10,000 alone in
    // year 2, the last funded year.
    let mut s = gmca_case(
        vec![benefit(Agency::Police, 1_000.0, 3, 20.0)],
        Cohorts::FirstYearOnly,
    );
    s.programmes[0].annual_cost = 10_000.0;
    let p = run(&s);
    let police = [67_500.0, 54_000.0, 43_200.0, 0.0, 0.0];
    let cost = [210_000.0, 10_000.0, 0.0, 0.0, 0.0];
    let served = [100.0, 0.0, 0.0, 0.0, 0.0];
    for t in 0..5 {
        let y = &p.years[t];
        close(
            y.savings.police,
            police[t],
            &format!("police, year {}", t + 1),
        );
        close(y.cost, cost[t], &format!("cost, year {}", t + 1));
        close(y.served, served[t], &format!("served, year {}", t + 1));
    }
    // At the high end, the high value with no optimism bias: £1,500.
    s.assumptions.effect_level = EffectLevel::High;
    close(
        run(&s).years[0].savings.police,
        100.0 * 1_500.0 * 0.675,
        "high end",
    );
}

#[test]
fn a_link_of_evidence_set_2026_3_gives_the_same_numbers_with_a_notice() {
    // Evidence set 2026.4 added programmes to the evidence page only: a
    // scenario made with 2026.3 opens with the same figures, and says so.
    let now = outcome_model::default_scenario();
    let mut then = now.clone();
    then.evidence_set = "2026.3".into();
    let (a, b) = (run(&now), run(&then));
    assert_eq!(a.years, b.years);
    assert_eq!(a.summary, b.summary);
    assert!(
        b.headline_notes[0].contains("evidence set 2026.3")
            && b.headline_notes[0].contains("Evidence set 2026.4 adds"),
        "{:?}",
        b.headline_notes
    );
}
