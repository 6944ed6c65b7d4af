//! The CLI's warnings about figures beyond what a council could have: on
//! stderr in every mode, and as a `warnings` array in the JSON.

use std::process::Command;

use outcome_calculator::model::{data::presets, default_scenario, Scenario};

/// Blackpool (E06000009: 28,923 children aged 0 to 17, 165 starting care
/// at 31 March 2025) with care starts typed as 1,000,000.
fn blackpool_million() -> Scenario {
    let mut s = default_scenario();
    s.council = presets::find("E06000009", presets::LATEST_YEAR)
        .unwrap()
        .to_council();
    s.council.care_starts = Some(1_000_000.0);
    s
}

fn run(s: &Scenario, name: &str, args: &[&str]) -> (String, String) {
    let dir = std::env::temp_dir().join("outcome-calculator-plausible-test");
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join(name);
    std::fs::write(&file, serde_json::to_string(s).unwrap()).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_outcome-calculator"))
        .args(args)
        .arg(&file)
        .output()
        .expect("cli runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    (
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn blackpool_with_a_million_care_starts_is_warned_in_every_mode() {
    let s = blackpool_million();
    for (i, args) in [&[][..], &["--csv"], &["--all-councils"]]
        .iter()
        .enumerate()
    {
        let (_, err) = run(&s, &format!("blackpool-{i}.json"), args);
        for expected in [
            "warning: council.care_starts: 1,000,000 children starting care is more than 3 times the council's official figure (165 at 31 March 2025): check for an extra zero",
            "warning: council.care_starts: 1,000,000 children starting care is more than all the council's 28,923 children aged 0 to 17",
        ] {
            assert!(err.contains(expected), "{args:?}: {err}");
        }
    }
    let (out, _) = run(&s, "blackpool-json.json", &[]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let w = v["warnings"].as_array().expect("a warnings array");
    assert!(w.len() >= 2, "{w:?}");
    assert_eq!(w[0]["field"], "council.care_starts");
    assert_eq!(w[0]["kind"], "far_from_official");
    assert_eq!(w[1]["kind"], "above_population");
    assert!(w[1]["message"]
        .as_str()
        .unwrap()
        .contains("28,923 children aged 0 to 17"));
}

#[test]
fn the_official_figures_give_no_warning() {
    let mut s = default_scenario();
    s.council = presets::find("E06000009", presets::LATEST_YEAR)
        .unwrap()
        .to_council();
    let (out, err) = run(&s, "blackpool-official.json", &["--simulate"]);
    assert!(!err.contains("warning"), "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["warnings"], serde_json::json!([]));
}
