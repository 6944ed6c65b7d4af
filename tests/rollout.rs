//! The national and regional roll-out, and the CLI's --all-councils.

use std::process::Command;

use outcome_calculator::model::views::rollout::rollout;
use outcome_calculator::model::{data::presets, default_scenario, project};

#[test]
fn national_totals_are_the_sum_of_councils_and_of_regions() {
    let r = rollout(&default_scenario(), presets::LATEST_YEAR, None);
    // City of London (CP plans suppressed) and the Isles of Scilly (care
    // figures not applicable) cannot run Family Safeguarding's effects.
    assert_eq!(r.councils.len() + r.skipped.len(), 153);
    assert_eq!(r.skipped.len(), 2, "{:?}", r.skipped);
    let sum: f64 = r.councils.iter().map(|c| c.totals.npv).sum();
    assert!((sum - r.total.npv).abs() < 1e-3 * sum.abs().max(1.0));
    let regions: f64 = r
        .by_region
        .iter()
        .map(|(_, t)| t.care_entries_avoided)
        .sum();
    assert!((regions - r.total.care_entries_avoided).abs() <= 1e-6 * regions);
    assert_eq!(r.total.councils as usize, r.councils.len());
}

#[test]
fn one_council_in_the_rollout_matches_its_own_projection() {
    let r = rollout(
        &default_scenario(),
        presets::LATEST_YEAR,
        Some("East Midlands"),
    );
    let derbyshire = r
        .councils
        .iter()
        .find(|c| c.code == "E10000007")
        .expect("Derbyshire");
    let own = project(&default_scenario()).unwrap().summary;
    assert!((derbyshire.totals.npv - own.npv).abs() < 1e-6 * own.npv.abs());
    assert!((derbyshire.totals.cost - own.total_cost).abs() < 1e-6 * own.total_cost);
    assert!(r.councils.iter().all(|c| c.region == "East Midlands"));
}

#[test]
fn cli_all_councils_agrees_with_the_national_view() {
    let dir = std::env::temp_dir().join("outcome-calculator-rollout-test");
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("default.json");
    std::fs::write(&file, serde_json::to_string(&default_scenario()).unwrap()).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_outcome-calculator"))
        .arg("--all-councils")
        .arg(&file)
        .output()
        .expect("cli runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    let total = text
        .lines()
        .find(|l| l.starts_with("TOTAL,"))
        .expect("total row");
    let cells: Vec<&str> = total.split(',').collect();
    let r = rollout(&default_scenario(), presets::LATEST_YEAR, None);
    assert_eq!(cells[4], format!("{:.2}", r.total.care_entries_avoided));
    assert_eq!(cells[11], format!("{:.2}", r.total.npv));
    let council_rows = text
        .lines()
        .skip(1)
        .filter(|l| !l.starts_with("REGION,") && !l.starts_with("TOTAL,"))
        .count();
    assert_eq!(council_rows, r.councils.len());
}

#[test]
fn the_worked_example_uses_the_official_figures() {
    let text = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("docs/examples/derbyshire-family-safeguarding.json"),
    )
    .unwrap();
    let s: outcome_calculator::model::Scenario = serde_json::from_str(&text).unwrap();
    let p = presets::find("E10000007", 2025).unwrap().to_council();
    assert_eq!(s.council, p);
}
