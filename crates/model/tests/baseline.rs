//! The counts without the programmes: a flat baseline gives the projection
//! as it always was, and a trend moves only the baseline (the counts the
//! changes are held to and the counts a council-wide effect is a share
//! of), year by year.

mod council_file;

use council_file::data;
use outcome_model::calc::baseline::{self, lead_years, Series};
use outcome_model::context::trend;
use outcome_model::data::evidence::Grade;
use outcome_model::scenario::link;
use outcome_model::views::baseline::lines;
use outcome_model::{
    default_scenario, project, Baseline, BaselineTrends, CustomEffect, CustomMeasure,
    CustomProgramme, Outcome, ProgrammeChoice, Projection, Scenario,
};

fn with(programmes: &[&str]) -> Scenario {
    let mut s = default_scenario();
    s.programmes = programmes.iter().map(|p| ProgrammeChoice::new(p)).collect();
    s
}

/// A programme of the user's own whose one effect is measured per family
/// served (percentage points of the cohort).
fn per_family() -> Scenario {
    let mut c = ProgrammeChoice::new("custom");
    c.cohort = Some(50.0);
    c.cost_per_case = Some(3_000.0);
    c.custom = Some(CustomProgramme {
        name: "Per family".into(),
        grade: Grade::Qed,
        effects: vec![CustomEffect {
            outcome: Outcome::CareEntries,
            measure: CustomMeasure::PercentagePoints,
            low: 2.0,
            central: 4.0,
            high: 6.0,
            baseline: Some(20.0),
        }],
        benefits: Vec::new(),
        cohorts: Default::default(),
        nature: outcome_model::Nature::Programme,
    });
    let mut s = default_scenario();
    s.programmes = vec![c];
    s
}

fn scenarios() -> Vec<(&'static str, Scenario)> {
    let mut typed = with(&["family-safeguarding", "fgc-pre-proceedings"]);
    typed.assumptions.baseline_trend_pct = 3.0;
    typed.programmes[1].cohort = Some(60.0);
    typed.programmes[1].cost_per_case = Some(1_500.0);
    let mut short = with(&["family-safeguarding", "pause"]);
    short.assumptions.funding_years = 2;
    short.assumptions.horizon_years = 7;
    short.programmes[1].annual_cost = 400_000.0;
    vec![
        ("the default", default_scenario()),
        ("a typed yearly change", typed),
        ("funded for two of seven years", short),
        ("no wrong door", {
            let mut s = with(&["no-wrong-door"]);
            s.programmes[0].cohort = Some(40.0);
            s.programmes[0].cost_per_case = Some(2_000.0);
            s.programmes[0].counterfactual_pct = Some(30.0);
            s
        }),
        ("per family", per_family()),
    ]
}

fn trends(pct: f64) -> BaselineTrends {
    BaselineTrends {
        looked_after_pct: Some(pct),
        care_starts_pct: Some(pct),
        cp_plans_pct: Some(pct),
        children_in_need_pct: Some(pct),
    }
}

fn run(s: &Scenario) -> Projection {
    project(s).unwrap_or_else(|e| panic!("{e:?}"))
}

/// Every number of a projection (its notes aside: a trend is named there).
fn numbers(
    p: &Projection,
) -> (
    &[outcome_model::Year],
    &[outcome_model::ProgrammeResult],
    &outcome_model::Summary,
) {
    (&p.years, &p.programmes, &p.summary)
}

#[test]
fn a_flat_baseline_is_the_projection_as_before() {
    for (what, s) in scenarios() {
        let before = run(&s);
        // Trend figures are ignored while the baseline is flat.
        let mut ignored = s.clone();
        ignored.assumptions.baseline_trends = trends(12.5);
        assert_eq!(run(&ignored), before, "{what}: figures of a flat baseline");
        // A trend of nothing a year is flat.
        for b in [Baseline::CouncilTrend, Baseline::EnglandTrend] {
            let mut zero = s.clone();
            zero.assumptions.baseline = b;
            zero.assumptions.baseline_trends = trends(0.0);
            let p = run(&zero);
            assert_eq!(numbers(&p), numbers(&before), "{what}: {b:?} at 0% a year");
            assert!(p
                .notes
                .iter()
                .any(|n| n.starts_with("Without the programmes")));
            let mut blank = s.clone();
            blank.assumptions.baseline = b;
            let p = run(&blank);
            assert_eq!(
                numbers(&p),
                numbers(&before),
                "{what}: {b:?} with no figures"
            );
        }
        // A flat scenario's link and file say nothing of the baseline, so
        // they read as they did before it existed.
        let q = link::to_query(&s);
        assert!(
            !q.split('&')
                .any(|kv| kv.starts_with("baseline=") || kv.starts_with("trend_")),
            "{what}: {q}"
        );
        let json = serde_json::to_value(&s).unwrap();
        let a = json["assumptions"].as_object().unwrap();
        assert!(!a.contains_key("baseline") && !a.contains_key("baseline_trends"));
        // The without line is the council's figure, moved only by the
        // typed yearly change.
        let p = run(&s);
        for l in lines(&s, &p) {
            for (t, pt) in l.points.iter().enumerate() {
                let g = (1.0 + s.assumptions.baseline_trend_pct / 100.0).powi(t as i32);
                assert_eq!(pt.without, l.count * g, "{what}: {:?}", l.series);
                assert!(pt.with <= pt.without);
            }
        }
    }
}

/// Which counts follow a trend on one outcome: (outcome, whether the time
/// in care avoided, plans avoided and care entries avoided move with it).
const MOVES: [(Series, [bool; 3]); 4] = [
    // Looked after only bounds the time in care, which does not bind here.
    (Series::LookedAfter, [false, false, false]),
    // Family Safeguarding's fall in days in care is a share of the care
    // starts (it claims no fewer entries).
    (Series::CareStarts, [true, false, false]),
    // Its fall in plans is a share of the plans.
    (Series::CpPlans, [false, true, false]),
    // Children in need moves only children in need.
    (Series::ChildrenInNeed, [false, false, false]),
];

#[test]
fn a_trend_moves_only_the_baseline_and_the_effects_measured_on_it() {
    let flat = with(&["family-safeguarding"]);
    let p0 = run(&flat);
    let lead = lead_years(&flat);
    assert_eq!(lead, 2, "figures at 31 March 2025, first year 2026-27");
    for pct in [-8.0, 10.0] {
        for (series, moves) in MOVES {
            let mut s = flat.clone();
            s.assumptions.baseline = Baseline::CouncilTrend;
            series.set_trend(&mut s.assumptions.baseline_trends, Some(pct));
            let p = run(&s);
            let what = format!("{series:?} at {pct}% a year");
            // Costs and families served never move.
            assert_eq!(p.summary.total_cost, p0.summary.total_cost, "{what}");
            for (y, y0) in p.years.iter().zip(&p0.years) {
                assert_eq!(y.served, y0.served, "{what}");
            }
            // In the first year only the first cohort counts, so a share of
            // a count moves exactly with that count's baseline.
            let f = (1.0 + pct / 100.0_f64).powi(lead);
            let got = &p.years[0].counts;
            let was = &p0.years[0].counts;
            for (i, (now, before)) in [
                (got.children_in_care_fewer, was.children_in_care_fewer),
                (got.cp_plans_fewer, was.cp_plans_fewer),
                (got.care_entries_avoided, was.care_entries_avoided),
            ]
            .into_iter()
            .enumerate()
            {
                let expected = if moves[i] { before * f } else { before };
                assert!(
                    (now - expected).abs() <= 1e-9 * expected.abs().max(1.0),
                    "{what}: count {i}: {now} vs {expected}"
                );
            }
            // The without line moves by the trend, year by year; the other
            // outcomes' lines do not.
            for l in lines(&s, &p) {
                for (t, pt) in l.points.iter().enumerate() {
                    let expected = if l.series == series {
                        l.count * (1.0 + pct / 100.0_f64).powi(lead + t as i32)
                    } else {
                        l.count
                    };
                    assert!(
                        (pt.without - expected).abs() < 1e-6,
                        "{what}: {:?}",
                        l.series
                    );
                    assert_eq!(pt.year, 2027 + t as u16);
                }
            }
        }
    }
}

#[test]
fn effects_measured_per_family_do_not_follow_the_trend() {
    let s = per_family();
    let before = run(&s);
    for b in [Baseline::CouncilTrend, Baseline::EnglandTrend] {
        let mut moved = s.clone();
        moved.assumptions.baseline = b;
        moved.assumptions.baseline_trends = trends(-6.0);
        let p = run(&moved);
        assert_eq!(p.summary, before.summary, "{b:?}");
        assert_ne!(
            lines(&moved, &p)[0].points[0].without,
            lines(&s, &before)[0].points[0].without
        );
    }
}

#[test]
fn a_falling_baseline_holds_the_changes_to_the_smaller_count() {
    // Plans falling 40% a year leave fewer plans than the programme
    // would take away: the change is held to the count as it then stands.
    let mut s = with(&["family-safeguarding"]);
    s.assumptions.baseline = Baseline::CouncilTrend;
    s.assumptions.baseline_trends.cp_plans_pct = Some(-40.0);
    let p = run(&s);
    for (l, y) in lines(&s, &p)
        .into_iter()
        .filter(|l| l.series == Series::CpPlans)
        .flat_map(|l| l.points.into_iter().zip(p.years.clone()))
    {
        assert!(y.counts.cp_plans_fewer <= l.without + 1e-9);
    }
}

#[test]
fn links_and_files_carry_the_baseline_and_its_figures() {
    for b in Baseline::ALL {
        let mut s = default_scenario();
        s.assumptions.baseline = b;
        s.assumptions.baseline_trends = BaselineTrends {
            looked_after_pct: Some(-1.25),
            care_starts_pct: None,
            cp_plans_pct: Some(3.5),
            children_in_need_pct: Some(0.07),
        };
        let back = link::from_query(&link::to_query(&s)).unwrap();
        assert_eq!(back, s, "{b:?}: link");
        let json = serde_json::to_string(&s).unwrap();
        let read: Scenario = serde_json::from_str(&json).unwrap();
        assert_eq!(read, s, "{b:?}: file");
        assert_eq!(run(&back), run(&s));
    }
    // An old file has neither: it opens flat.
    let old = r#"{"version":2,"evidence_set":"2026.2","council":{"name":"X","cp_plans":600},
        "programmes":[{"programme":"family-safeguarding"}]}"#;
    let s: Scenario = serde_json::from_str(old).unwrap();
    assert_eq!(s.assumptions.baseline, Baseline::Flat);
    assert!(s.assumptions.baseline_trends.is_empty());
    // Bad words and figures name their field.
    let e = link::from_query("v=2&programmes=&baseline=upwards").unwrap_err();
    assert_eq!(
        e[0].field,
        outcome_model::base::error::Location::from("baseline")
    );
    let mut s = default_scenario();
    s.assumptions.baseline_trends.cp_plans_pct = Some(60.0);
    let e = project(&s).unwrap_err();
    assert_eq!(
        e[0].field,
        outcome_model::base::error::Location::from("assumptions.baseline_trends.cp_plans_pct")
    );
}

#[test]
fn the_trend_figures_come_from_the_councils_history() {
    let history = &data().history;
    let cases: &[(&str, Baseline, [bool; 4])] = &[
        ("E10000015", Baseline::CouncilTrend, [true; 4]),
        ("E10000015", Baseline::EnglandTrend, [true; 4]),
        ("E10000015", Baseline::Flat, [false; 4]),
        // The Isles of Scilly publish no looked-after figures, and their
        // plans are none or suppressed: only children in need has a trend.
        (
            "E06000053",
            Baseline::CouncilTrend,
            [false, false, false, true],
        ),
        ("E99999999", Baseline::CouncilTrend, [false; 4]),
    ];
    for (code, b, present) in cases {
        let t = trend::scenario_trends(history, code, *b);
        for k in Series::ALL {
            let v = k.trend(&t);
            assert_eq!(v.is_some(), present[k.index()], "{code} {b:?} {k:?}");
            if let Some(v) = v {
                assert!((-50.0..=50.0).contains(&v));
                assert_eq!((v * 100.0).round() / 100.0, v, "rounded to 0.01%");
            }
        }
    }
    // England's trend is the same for every council.
    let a = trend::scenario_trends(history, "E10000015", Baseline::EnglandTrend);
    let b = trend::scenario_trends(history, "E08000025", Baseline::EnglandTrend);
    assert_eq!(a, b);
    // Derbyshire (the default council) with its own trend: the without
    // line starts from its figures at 31 March 2025, two years before the
    // end of 2026-27.
    let mut s = default_scenario();
    s.assumptions.baseline = Baseline::CouncilTrend;
    s.assumptions.baseline_trends =
        trend::scenario_trends(history, "E10000007", Baseline::CouncilTrend);
    let p = run(&s);
    let la = &lines(&s, &p)[0];
    assert_eq!(la.series, Series::LookedAfter);
    let r = s.assumptions.baseline_trends.looked_after_pct.unwrap();
    assert!((la.points[0].without - 1_024.0 * (1.0 + r / 100.0).powi(2)).abs() < 1e-9);
    assert_eq!(la.trend_pct, Some(r));
    assert_eq!(baseline::factors(&s).len(), 5);
}

/// A scenario as a form holds it while the reader types (not validated):
/// years to project 0 or billions, a start year of 20000 or 65535, with the
/// projection of the last valid scenario. Neither panics nor runs long,
/// and no line has more years than validation allows.
#[test]
fn lines_of_a_scenario_being_typed_never_panic_and_stay_bounded() {
    let good = with(&["family-safeguarding"]);
    let p = project(&good).unwrap();
    for horizon in [0, 1, 11, 9_999, u32::MAX] {
        for start in [2026, 20_000, u16::MAX] {
            let mut s = good.clone();
            s.assumptions.horizon_years = horizon;
            s.assumptions.start_year = start;
            for b in [Baseline::Flat, Baseline::CouncilTrend] {
                s.assumptions.baseline = b;
                assert!(baseline::factors(&s).len() <= baseline::MAX_HORIZON_YEARS);
                assert!(baseline::growth(&s).len() <= baseline::MAX_HORIZON_YEARS);
                for l in lines(&s, &p) {
                    assert!(l.points.len() <= (horizon as usize).min(p.years.len()));
                }
            }
        }
    }
}

/// [`baseline::MAX_HORIZON_YEARS`] is validation's bound on years to project.
#[test]
fn the_bound_on_years_is_validations() {
    let mut s = default_scenario();
    s.assumptions.horizon_years = baseline::MAX_HORIZON_YEARS as u32;
    assert!(project(&s).is_ok());
    s.assumptions.horizon_years += 1;
    assert!(project(&s).is_err());
}
