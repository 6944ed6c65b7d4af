//! Every figure's working over random scenarios: for every output of every
//! valid random scenario, with a flat baseline or a random trend, the
//! derivation's own steps give the projection's figure (money to the
//! penny, the rest to a billionth) and every input names a source.
//!
//! 16 cases by default; set `EXPLAIN_CASES` for more (each case explains
//! every figure of its scenario).

#[path = "../crates/model/tests/common/mod.rs"]
mod common;

use common::scenario;
use outcome_calculator::model::explain::{Source, StepKind, Workings};
use outcome_calculator::model::{validate, Baseline, BaselineTrends};
use proptest::prelude::*;

/// What the counts without the programmes follow: held flat, or a trend of
/// random yearly changes, % a year, some of them blank.
fn baseline() -> impl Strategy<Value = (Baseline, BaselineTrends)> {
    (
        prop::sample::select(Baseline::ALL.to_vec()),
        prop::array::uniform4(prop::option::of(-50.0..=50.0f64)),
    )
        .prop_map(|(b, [la, cs, cp, cin])| {
            (
                b,
                BaselineTrends {
                    looked_after_pct: la,
                    care_starts_pct: cs,
                    cp_plans_pct: cp,
                    children_in_need_pct: cin,
                },
            )
        })
}

fn config() -> ProptestConfig {
    let cases = std::env::var("EXPLAIN_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(16);
    ProptestConfig {
        cases,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn every_working_of_a_random_scenario_adds_up(mut s in scenario(), (b, trends) in baseline()) {
        s.uncertainty.draws = 24;
        s.assumptions.baseline = b;
        s.assumptions.baseline_trends = trends;
        prop_assume!(validate(&s).is_ok());
        let mut w = Workings::new(&s).expect("valid");
        for path in w.outputs() {
            let d = w.derivation(&path, false).map_err(|e| TestCaseError::fail(format!("{path}: {e}")))?;
            let got = d.evaluate();
            let ok = if d.unit.is_money() {
                (got - d.value).abs() < 0.005
            } else {
                (got - d.value).abs() <= 1e-9 * d.value.abs().max(1.0)
            };
            prop_assert!(ok, "{}: the steps give {}, the projection {}", path, got, d.value);
            let mut unsourced = Vec::new();
            d.walk(&mut |x| {
                if let StepKind::Input { source } = &x.kind {
                    let named = match source {
                        Source::Yours { field } => !field.is_empty(),
                        Source::Official { dataset, citation, .. } => {
                            !dataset.is_empty() && citation.url.starts_with("https://")
                        }
                        Source::Cited { citation, .. } => citation.url.starts_with("https://"),
                        Source::Method { rule } => !rule.is_empty(),
                    };
                    if !named {
                        unsourced.push(x.label.clone());
                    }
                }
            });
            prop_assert!(unsourced.is_empty(), "{}: inputs without a source: {:?}", path, unsourced);
        }
    }
}
