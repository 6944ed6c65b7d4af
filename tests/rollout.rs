//! The national and regional roll-out, and the CLI's --all-councils.

use std::process::Command;

use outcome_calculator::model::views::rollout::{rollout, scaled};
use outcome_calculator::model::{data::presets, default_scenario, project, ProgrammeChoice};

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
    assert_eq!(cells[12], format!("{:.2}", r.total.npv));
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

/// Hertfordshire's figures with family group conferences for 100 children
/// a year at £2,000 each.
fn fgc_template() -> outcome_calculator::model::Scenario {
    let mut s = default_scenario();
    s.council = presets::find("E10000015", presets::LATEST_YEAR)
        .unwrap()
        .to_council();
    let mut fgc = ProgrammeChoice::new("fgc-pre-proceedings");
    fgc.cohort = Some(100.0);
    fgc.cost_per_case = Some(2_000.0);
    s.programmes = vec![fgc];
    s
}

#[test]
fn each_councils_cases_follow_its_own_caseload() {
    let s = fgc_template();
    let year = presets::LATEST_YEAR;
    let herts = presets::find("E10000015", year).unwrap();
    let kent = presets::find("E10000016", year).unwrap().to_council();
    let scilly = presets::find("E06000053", year).unwrap().to_council();
    // Kent: 3,226 children starting care against Hertfordshire's 424.
    let k = scaled(&s, &kent)[0].cohort.unwrap();
    assert!((k - 100.0 * 3_226.0 / 424.0).abs() < 1e-9, "{k}");
    // The Isles of Scilly have no care starts: by children aged 0 to 17,
    // 319 against Hertfordshire's.
    let pop = f64::from(herts.population_0_17.unwrap());
    let sc = scaled(&s, &scilly)[0].cohort.unwrap();
    assert!((sc - 100.0 * 319.0 / pop).abs() < 1e-12, "{sc}");
    assert!(k > 2_000.0 * sc, "{k} {sc}");
    // Family Safeguarding at a share of the caseload: half of
    // Hertfordshire's eligible families gives half of Kent's.
    let mut fs = default_scenario();
    fs.council = herts.to_council();
    let eligible = 614.0 * 940.0 / 1_140.0;
    fs.programmes[0].cohort = Some(eligible / 2.0);
    fs.programmes[0].annual_cost = 1_000.0;
    let c = &scaled(&fs, &kent)[0];
    let kent_eligible = 1_150.0 * 940.0 / 1_140.0;
    assert!(
        (c.cohort.unwrap() - kent_eligible / 2.0).abs() < 1e-9,
        "{c:?}"
    );
    assert!(
        (c.annual_cost - 1_000.0 * 1_150.0 / 614.0).abs() < 1e-9,
        "{c:?}"
    );
    // Left at the whole caseload (the default), each council has its own.
    let mut whole = default_scenario();
    whole.council = herts.to_council();
    assert_eq!(scaled(&whole, &kent)[0].cohort, None);
    // In the roll-out, Kent's cost is its cases'.
    let r = rollout(&s, year, None);
    let cost = |code: &str| {
        r.councils
            .iter()
            .find(|c| c.code == code)
            .map(|c| c.totals.cost)
            .unwrap()
    };
    assert!((cost("E10000016") / cost("E06000053") - k / sc).abs() < 1e-6 * k / sc);
}

#[test]
fn the_rollout_csv_counts_family_group_conferences_children_in_care() {
    let r = rollout(&fgc_template(), presets::LATEST_YEAR, None);
    let csv = outcome_calculator::model::views::export::rollout_csv(&r);
    let head: Vec<&str> = csv.lines().next().unwrap().split(',').collect();
    let total: Vec<&str> = csv
        .lines()
        .find(|l| l.starts_with("TOTAL,"))
        .unwrap()
        .split(',')
        .collect();
    let at = |name: &str| {
        let i = head.iter().position(|h| *h == name).expect(name);
        total[i].parse::<f64>().unwrap()
    };
    // Family group conferences change who is in care 12 months on, not
    // entries: no entries avoided, but time in care and children.
    assert_eq!(at("care_entries_avoided"), 0.0);
    assert!(at("child_years_in_care_avoided") > 0.0, "{csv}");
    assert!(at("children_not_in_care_at_12_months") > 0.0, "{csv}");
    assert_eq!(
        at("children_not_in_care_at_12_months"),
        (r.total.not_in_care_at_12_months * 100.0).round() / 100.0
    );
}
