//! The trend methods and the back-test that chooses among them: the
//! default is the winner, and the table in `docs/methodology.md` is the
//! back-test's output.

mod council_file;

use council_file::data;
use outcome_model::context::backtest;
use outcome_model::context::history::Measure;
use outcome_model::context::trend::{self, baseline, baseline_with, Context, TrendMethod};

#[test]
fn the_default_is_the_back_test_winner_and_the_docs_show_the_table() {
    let test = backtest::run(&data().history);
    assert_eq!(
        backtest::winner(&test),
        trend::DEFAULT,
        "trend::DEFAULT must be the back-test's winner"
    );
    let table = backtest::render_markdown(&test);
    let docs = std::fs::read_to_string(
        std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
            .join("docs/methodology.md"),
    )
    .expect("docs/methodology.md");
    assert!(
        docs.contains(&table),
        "docs/methodology.md must hold the back-test table as printed by \
         `cargo run -- --backtest`:\n{table}"
    );
    // Every outcome and horizon is scored for every method.
    assert_eq!(test.scores.len(), 4 * 3 * TrendMethod::ALL.len());
    assert!(test
        .scores
        .iter()
        .all(|s| s.median_ape.is_some() && s.forecasts > 250));
}

#[test]
fn baselines() {
    let rising = [
        (2021, Some(100.0)),
        (2022, Some(110.0)),
        (2023, Some(120.0)),
        (2024, Some(130.0)),
        (2025, Some(140.0)),
    ];
    let gap = [(2023, Some(100.0)), (2024, None), (2025, Some(120.0))];
    let falling = [(2024, Some(20.0)), (2025, Some(5.0))];
    type History<'a> = &'a [(u16, Option<f64>)];
    let cases: &[(&str, TrendMethod, History, usize, &[f64])] = &[
        (
            "flat",
            TrendMethod::Flat,
            &rising,
            3,
            &[140.0, 140.0, 140.0],
        ),
        (
            "linear",
            TrendMethod::Linear,
            &rising,
            3,
            &[150.0, 160.0, 170.0],
        ),
        // Change 10 × 0.8, then × 0.8 again: +8, +6.4, +5.12.
        (
            "damped",
            TrendMethod::Damped,
            &rising,
            3,
            &[148.0, 154.4, 159.52],
        ),
        (
            "a gap is skipped, not zero",
            TrendMethod::Flat,
            &gap,
            1,
            &[120.0],
        ),
        ("linear over a gap", TrendMethod::Linear, &gap, 1, &[130.0]),
        (
            "never below zero",
            TrendMethod::Linear,
            &falling,
            2,
            &[0.0, 0.0],
        ),
        ("no figures", TrendMethod::Linear, &[(2025, None)], 3, &[]),
        ("nothing asked", TrendMethod::Flat, &rising, 0, &[]),
        // Without a population or England series these are flat.
        (
            "rate alone",
            TrendMethod::RateTimesPopulation,
            &rising,
            2,
            &[140.0, 140.0],
        ),
        (
            "growth of a single figure",
            TrendMethod::Growth,
            &[(2025, Some(40.0))],
            2,
            &[40.0, 40.0],
        ),
        (
            "england alone",
            TrendMethod::EnglandTrend,
            &rising,
            1,
            &[140.0],
        ),
    ];
    for (what, method, history, years, expected) in cases {
        let got = baseline(*method, history, *years);
        assert_eq!(got.len(), expected.len(), "{what}");
        for (g, e) in got.iter().zip(expected.iter()) {
            assert!((g - e).abs() < 1e-9, "{what}: {got:?} vs {expected:?}");
        }
    }
}

#[test]
fn baselines_with_population_and_england() {
    let cla = [(2024, Some(100.0)), (2025, Some(100.0))];
    // Children 10,000 then 11,000: the line gives 12,000 in 2026, so the
    // rate of 100 per 10,000 children (held) gives 120 children.
    let population = [(2024, Some(10_000.0)), (2025, Some(11_000.0))];
    // England up by a ninth a year (900 to 1,000): 100 becomes 111.1.
    let england = [(2024, Some(900.0)), (2025, Some(1_000.0))];
    let ctx = Context {
        population: &population,
        england: &england,
    };
    let rate = baseline_with(TrendMethod::RateTimesPopulation, &cla, &ctx, 1);
    assert!((rate[0] - 100.0 / 11_000.0 * 12_000.0).abs() < 1e-9);
    let eng = baseline_with(TrendMethod::EnglandTrend, &cla, &ctx, 1);
    assert!((eng[0] - 100.0 * 1_000.0 / 900.0).abs() < 1e-9);
    // The council's own steady change: 10% a year.
    let own = [
        (2023, Some(100.0)),
        (2024, Some(110.0)),
        (2025, Some(121.0)),
    ];
    let growth = baseline_with(TrendMethod::Growth, &own, &ctx, 2);
    assert!((growth[0] - 133.1).abs() < 1e-9 && (growth[1] - 146.41).abs() < 1e-9);
}

#[test]
fn council_baselines_start_after_2025() {
    let cases: &[(&str, Measure, usize)] = &[
        ("E10000015", Measure::LookedAfter, 3),
        ("E10000015", Measure::ChildrenInNeed, 1),
        ("E06000064", Measure::CpPlans, 2),
    ];
    for (code, measure, years) in cases {
        for method in TrendMethod::ALL {
            let b = trend::council_baseline(&data().history, code, *measure, method, *years);
            assert_eq!(b.len(), *years, "{code} {method:?}");
            assert_eq!(b[0].0, 2026);
            assert!(b.iter().all(|(_, v)| v.is_finite() && *v >= 0.0));
        }
    }
    // A council abolished in 2023 has no figures after 2023, and no code
    // gives nothing.
    assert_eq!(
        trend::council_baseline(
            &data().history,
            "E10000006",
            Measure::CpPlans,
            TrendMethod::Flat,
            1
        )[0]
        .0,
        2024
    );
    assert!(trend::council_baseline(
        &data().history,
        "E99999999",
        Measure::CpPlans,
        TrendMethod::Flat,
        1
    )
    .is_empty());
}

#[test]
fn methods_read_back() {
    for m in TrendMethod::ALL {
        assert_eq!(TrendMethod::parse(m.id()), Some(m));
    }
    assert_eq!(TrendMethod::parse("holt"), None);
}
