//! Limits: enormous and tiny numbers, zeros, 100% effects, the ends of the
//! horizon and blank fields. Every case is answered, either with finite
//! results (projection and simulation) or with errors that name the fields
//! at fault; none panics, none yields NaN or infinity.

mod common;

use common::numbers;
use outcome_model::calc::uncertainty::{self, Percentiles, Simulation};
use outcome_model::{
    default_scenario, project, scenario::link, scenario::parse, validate, CustomEffect,
    CustomMeasure, CustomProgramme, Error, ErrorKind, Outcome, ProgrammeChoice, Scenario,
};

const HUGE: f64 = 1e300;
const TINY: f64 = 1e-300;

/// What a case must give.
#[derive(Debug)]
enum Expect {
    /// Finite results.
    Results,
    /// Errors, the first of which is about this field.
    ErrorAt(&'static str),
}
use Expect::{ErrorAt, Results};

type Change = fn(&mut Scenario);

fn all_finite(p: &Percentiles) -> bool {
    p.p10.is_finite() && p.p50.is_finite() && p.p90.is_finite()
}

fn ordered(p: &Percentiles) -> bool {
    p.p10 <= p.p50 && p.p50 <= p.p90
}

/// Checks a simulation: finite, ordered percentiles and shares in 0–1.
fn check_simulation(name: &str, sim: &Simulation) {
    let mut all = vec![sim.npv];
    for y in &sim.years {
        all.extend([y.net, y.cumulative_pv_net]);
        assert!((0.0..=1.0).contains(&y.paid_back_share), "{name}");
    }
    for p in &all {
        assert!(all_finite(p), "{name}: non-finite percentiles {p:?}");
        assert!(ordered(p), "{name}: percentiles out of order {p:?}");
    }
    assert!((0.0..=1.0).contains(&sim.npv_positive_share), "{name}");
    assert!(!sim.sentence.is_empty(), "{name}");
}

/// Runs one case through validate, project and simulate.
fn answer(name: &str, s: &Scenario, expect: &Expect) {
    let checked = validate(s);
    let projected = project(s);
    let mut small = s.clone();
    small.uncertainty.draws = 200;
    let simulated = uncertainty::simulate(&small);
    match expect {
        Results => {
            assert!(checked.is_ok(), "{name}: {checked:?}");
            let p = projected.unwrap_or_else(|e| panic!("{name}: {e:?}"));
            assert_eq!(
                p.years.len(),
                s.assumptions.horizon_years as usize,
                "{name}"
            );
            for x in numbers(&p) {
                assert!(x.is_finite(), "{name}: non-finite output {x}");
            }
            let sim = simulated.unwrap_or_else(|e| panic!("{name}: {e:?}"));
            check_simulation(name, &sim);
        }
        ErrorAt(field) => {
            let errors = checked.expect_err(name);
            assert_eq!(
                errors[0].field,
                outcome_model::base::error::Location::from(*field),
                "{name}: {errors:?}"
            );
            assert_messages(name, &errors);
            assert_eq!(projected.expect_err(name), errors, "{name}");
            assert!(simulated.is_err(), "{name}");
        }
    }
}

/// Every message is plain words without NaN or infinity in it.
fn assert_messages(name: &str, errors: &[Error]) {
    for e in errors {
        let text = e.to_string();
        assert!(
            !e.field.path().is_empty(),
            "{name}: an error without a field"
        );
        for bad in ["NaN", "inf", "Infinity"] {
            assert!(!text.contains(bad), "{name}: message {text:?}");
        }
    }
}

fn first(s: &mut Scenario) -> &mut ProgrammeChoice {
    &mut s.programmes[0]
}

/// A custom programme that removes every care entry (100% relative).
fn whole_effect(s: &mut Scenario) {
    let mut c = ProgrammeChoice::new("custom");
    c.cohort = Some(200.0);
    c.annual_cost = 500_000.0;
    c.custom = Some(CustomProgramme {
        name: "Everything works".into(),
        grade: outcome_model::data::evidence::Grade::Rct,
        effects: vec![CustomEffect {
            outcome: Outcome::CareEntries,
            measure: CustomMeasure::Relative,
            low: 100.0,
            central: 100.0,
            high: 100.0,
            baseline: None,
        }],
        benefits: Vec::new(),
        cohorts: Default::default(),
        nature: outcome_model::Nature::Programme,
    });
    s.programmes = vec![c];
}

#[test]
fn limits_are_answered() {
    let cases: &[(&str, Change, Expect)] = &[
        ("the default scenario", |_| {}, Results),
        // Enormous figures are refused by name.
        (
            "1e300 children starting care",
            |s| s.council.care_starts = Some(HUGE),
            ErrorAt("council.care_starts"),
        ),
        (
            "1e300 children aged 0 to 17",
            |s| s.council.population_0_17 = Some(HUGE),
            ErrorAt("council.population_0_17"),
        ),
        (
            "1e300 a week for foster care",
            |s| s.unit_costs.foster_weekly = HUGE,
            ErrorAt("unit_costs.foster_weekly"),
        ),
        (
            "1e300 a year for a plan",
            |s| s.unit_costs.cp_plan_annual = HUGE,
            ErrorAt("unit_costs.cp_plan_annual"),
        ),
        (
            "1e300 families",
            |s| first(s).cohort = Some(HUGE),
            ErrorAt("programmes[0].cohort"),
        ),
        (
            "1e300 a year to run",
            |s| first(s).annual_cost = HUGE,
            ErrorAt("programmes[0].annual_cost"),
        ),
        (
            "1e300 to set up",
            |s| first(s).setup_cost = HUGE,
            ErrorAt("programmes[0].setup_cost"),
        ),
        (
            "1e300 % of the effect",
            |s| first(s).effect_scale_pct = HUGE,
            ErrorAt("programmes[0].effect_scale_pct"),
        ),
        (
            "1e300 % discount",
            |s| s.assumptions.discount_rate_pct = HUGE,
            ErrorAt("assumptions.discount_rate_pct"),
        ),
        (
            "1e300 % trend",
            |s| s.assumptions.baseline_trend_pct = HUGE,
            ErrorAt("assumptions.baseline_trend_pct"),
        ),
        (
            "-1e300 % trend",
            |s| s.assumptions.baseline_trend_pct = -HUGE,
            ErrorAt("assumptions.baseline_trend_pct"),
        ),
        (
            "1e300 years in care",
            |s| s.assumptions.care_years = Some(HUGE),
            ErrorAt("assumptions.care_years"),
        ),
        (
            "NaN children starting care",
            |s| s.council.care_starts = Some(f64::NAN),
            ErrorAt("council.care_starts"),
        ),
        (
            "infinite cost",
            |s| first(s).annual_cost = f64::INFINITY,
            ErrorAt("programmes[0].annual_cost"),
        ),
        // Tiny figures give tiny (finite) results.
        (
            "1e-300 children starting care",
            |s| s.council.care_starts = Some(TINY),
            Results,
        ),
        ("1e-300 families", |s| first(s).cohort = Some(TINY), Results),
        (
            "1e-300 a year to run",
            |s| first(s).annual_cost = TINY,
            Results,
        ),
        (
            "1e-300 % engagement",
            |s| first(s).engagement_pct = TINY,
            Results,
        ),
        (
            "1e-300 % discount",
            |s| s.assumptions.discount_rate_pct = TINY,
            Results,
        ),
        (
            "1e-300 a week for care",
            |s| {
                s.unit_costs.foster_weekly = TINY;
                s.unit_costs.residential_weekly = TINY;
            },
            Results,
        ),
        // Zeros.
        (
            "no children starting care",
            |s| s.council.care_starts = Some(0.0),
            Results,
        ),
        ("no families", |s| first(s).cohort = Some(0.0), Results),
        (
            "nothing spent",
            |s| {
                first(s).annual_cost = 0.0;
                first(s).setup_cost = 0.0;
                first(s).cost_per_case = Some(0.0);
            },
            Results,
        ),
        ("no engagement", |s| first(s).engagement_pct = 0.0, Results),
        ("no effect", |s| first(s).effect_scale_pct = 0.0, Results),
        (
            "every unit cost zero",
            |s| {
                let u = &mut s.unit_costs;
                u.foster_weekly = 0.0;
                u.residential_weekly = 0.0;
                u.cp_plan_annual = 0.0;
                u.cin_annual = 0.0;
                u.care_proceedings = 0.0;
                u.police_incident = 0.0;
                u.emergency_admission = 0.0;
            },
            Results,
        ),
        (
            "no uncertainty",
            |s| {
                s.uncertainty.unit_cost_spread_pct = 0.0;
                s.uncertainty.engagement_spread_pct = 0.0;
            },
            Results,
        ),
        // 100% everywhere.
        (
            "100% engagement, no deadweight, full attribution",
            |s| {
                let p = first(s);
                p.engagement_pct = 100.0;
                p.deadweight_pct = 0.0;
                p.attribution_pct = 100.0;
            },
            Results,
        ),
        (
            "the largest effect scale (500%)",
            |s| first(s).effect_scale_pct = 500.0,
            Results,
        ),
        ("a custom effect of 100%", whole_effect, Results),
        (
            "100% spreads",
            |s| {
                s.uncertainty.unit_cost_spread_pct = 100.0;
                s.uncertainty.engagement_spread_pct = 100.0;
            },
            Results,
        ),
        (
            "1e300 % spreads",
            |s| {
                s.uncertainty.unit_cost_spread_pct = HUGE;
            },
            ErrorAt("uncertainty.unit_cost_spread_pct"),
        ),
        (
            "a spread over 100%",
            |s| {
                s.uncertainty.engagement_spread_pct = 101.0;
            },
            ErrorAt("uncertainty.engagement_spread_pct"),
        ),
        (
            "NaN engagement spread",
            |s| {
                s.uncertainty.engagement_spread_pct = f64::NAN;
            },
            ErrorAt("uncertainty.engagement_spread_pct"),
        ),
        // The ends of the horizon.
        (
            "a horizon of 0 years",
            |s| s.assumptions.horizon_years = 0,
            ErrorAt("assumptions.horizon_years"),
        ),
        (
            "a horizon of 1 year",
            |s| s.assumptions.horizon_years = 1,
            Results,
        ),
        (
            "a horizon of 10 years",
            |s| s.assumptions.horizon_years = 10,
            Results,
        ),
        (
            "a horizon of 20 years",
            |s| s.assumptions.horizon_years = 20,
            Results,
        ),
        (
            "a horizon of 21 years",
            |s| s.assumptions.horizon_years = 21,
            ErrorAt("assumptions.horizon_years"),
        ),
        (
            "funded for 20 years of 1",
            |s| {
                s.assumptions.horizon_years = 1;
                s.assumptions.funding_years = 20;
            },
            Results,
        ),
        (
            "funded for 21 years",
            |s| s.assumptions.funding_years = 21,
            ErrorAt("assumptions.funding_years"),
        ),
        (
            "a ramp of 20 years over 20 years",
            |s| {
                s.assumptions.horizon_years = 20;
                s.assumptions.ramp_pct = (1..=20).map(|i| f64::from(i) * 5.0).collect();
            },
            Results,
        ),
        (
            "a ramp of 21 years",
            |s| s.assumptions.ramp_pct = vec![100.0; 21],
            ErrorAt("assumptions.ramp_pct"),
        ),
        (
            "funded for 0 years",
            |s| s.assumptions.funding_years = 0,
            ErrorAt("assumptions.funding_years"),
        ),
        // Blank.
        (
            "every council figure blank",
            |s| {
                let c = &mut s.council;
                c.population_0_17 = None;
                c.children_looked_after = None;
                c.care_starts = None;
                c.care_ceased = None;
                c.cp_plans = None;
                c.children_in_need = None;
                c.care_proceedings = None;
                c.police_incidents = None;
                c.emergency_admissions = None;
            },
            ErrorAt("council.care_starts"),
        ),
        (
            "no programmes",
            |s| s.programmes.clear(),
            ErrorAt("programmes"),
        ),
        (
            "no ramp",
            |s| s.assumptions.ramp_pct.clear(),
            ErrorAt("assumptions.ramp_pct"),
        ),
    ];
    for (name, change, expect) in cases {
        let mut s = default_scenario();
        change(&mut s);
        answer(name, &s, expect);
    }
}

#[test]
fn every_council_figure_blank_names_each_figure_needed() {
    let mut s = default_scenario();
    let c = &mut s.council;
    c.population_0_17 = None;
    c.children_looked_after = None;
    c.care_starts = None;
    c.care_ceased = None;
    c.cp_plans = None;
    c.children_in_need = None;
    let errors = validate(&s).unwrap_err();
    assert_messages("blank council", &errors);
    assert!(
        errors
            .iter()
            .all(|e| matches!(e.kind, ErrorKind::Missing { .. })),
        "{errors:?}"
    );
}

/// Text as typed into the form: every field of the share link left blank,
/// or filled with enormous, tiny or malformed numbers.
#[test]
fn typed_text_at_the_limits_is_read_or_refused() {
    let long_nines = "9".repeat(400);
    let long_zeros = format!("0.{}1", "0".repeat(400));
    let cases: &[(&str, Option<f64>)] = &[
        ("0", Some(0.0)),
        ("100", Some(100.0)),
        ("100%", Some(100.0)),
        ("0.000000000000001", Some(1e-15)),
        ("1e300", None),
        ("1e-300", None),
        ("Infinity", None),
        ("NaN", None),
        ("-", None),
        (".", None),
        ("£", None),
        ("%", None),
        (&long_nines, None),
    ];
    for (text, expect) in cases {
        match (parse::number(text), expect) {
            (Ok(Some(x)), Some(want)) => assert_eq!(x, *want, "{text}"),
            (Err(_), None) => {}
            (got, _) => panic!("{text:?} gave {got:?}, expected {expect:?}"),
        }
    }
    // Hundreds of zeros after the point: a tiny number or a refusal, never
    // a panic or a non-finite value.
    if let Ok(Some(x)) = parse::number(&long_zeros) {
        assert!(x.is_finite() && x >= 0.0);
    }
}

#[test]
fn a_share_link_with_every_field_blank_names_the_fields() {
    // Keys the link codec knows, each with an empty value.
    let blank: Vec<String> = link::keys()
        .iter()
        .filter(|k| !k.contains('.'))
        .map(|k| format!("{k}="))
        .collect();
    let query = blank.join("&");
    match link::from_query(&query) {
        Ok(s) => {
            // Blank optional figures: the scenario validates or names them.
            if let Err(errors) = validate(&s) {
                assert_messages("blank link", &errors);
            }
        }
        Err(errors) => {
            assert!(!errors.is_empty());
            assert_messages("blank link", &errors);
        }
    }
    for (key, value) in [
        ("horizon_years", "0"),
        ("horizon_years", "21"),
        ("care_starts", "1e300"),
        ("care_starts", &"9".repeat(400)),
        ("discount_rate_pct", "-1"),
        ("draws", "4294967296"),
    ] {
        let query = format!("v=1&programmes=family-safeguarding&{key}={value}");
        let outcome = link::from_query(&query).map(|s| validate(&s).map(|_| ()));
        match outcome {
            Ok(Ok(())) => panic!("{key}={value} was accepted"),
            Ok(Err(errors)) | Err(errors) => {
                assert!(
                    errors.iter().any(|e| e.field.path().ends_with(key)),
                    "{key}={value}: {errors:?}"
                );
                assert_messages(key, &errors);
            }
        }
    }
}

/// Found by the decoder fuzzer: a scenario file with an enormous
/// simulation spread validated and then simulated to NaN percentiles.
#[test]
fn a_scenario_file_with_an_enormous_spread_is_refused() {
    let path = concat!(
        concat!(env!("CARGO_MANIFEST_DIR"), "/../.."),
        "/fuzz/corpus/json/spread-1e300.json"
    );
    let bytes = std::fs::read(path).unwrap();
    let mut de = serde_json::Deserializer::from_slice(&bytes);
    let s = outcome_model::decode(&mut de).unwrap();
    let errors = validate(&s).unwrap_err();
    assert_eq!(
        errors[0].field,
        outcome_model::base::error::Location::from("uncertainty.unit_cost_spread_pct")
    );
    assert_eq!(
        errors[0].kind,
        ErrorKind::OutOfRange {
            min: 0.0,
            max: 100.0
        }
    );
    assert!(uncertainty::simulate(&s).is_err());
}
