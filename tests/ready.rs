//! Ready scenarios (`model::scenario::ready`): each opens from the CLI
//! (`--ready NAME`), from its share link with the same numbers, and from
//! its file in `docs/examples/`, which is the scenario the model builds
//! (`cargo run -- --ready NAME --scenario > docs/examples/NAME.json`
//! writes it).

use std::path::Path;
use std::process::Command;

use outcome_calculator::model::{data::prices, project, scenario::link, scenario::ready};

fn cli(args: &[&str]) -> (bool, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_outcome-calculator"))
        .args(args)
        .output()
        .expect("cli runs");
    (
        out.status.success(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn every_ready_scenario_opens_from_the_cli_its_link_and_its_file() {
    for r in ready::ALL {
        let s = (r.build)();
        let p = project(&s).expect("runs");

        // The CLI projects it as it would its file.
        let (ok, out, err) = cli(&["--ready", r.id]);
        assert!(ok, "{err}");
        let json: serde_json::Value = serde_json::from_str(&out).unwrap();
        let cli_cost = json["summary"]["total_cost"].as_f64().unwrap();
        assert!((cli_cost - p.summary.total_cost).abs() < 1e-6);

        // Its share link gives the same numbers.
        let (ok, out, err) = cli(&["--ready", r.id, "--link"]);
        assert!(ok, "{err}");
        let query = out.trim().trim_start_matches('?');
        assert_eq!(query, link::to_query(&s));
        let opened = link::from_query(query).expect("the link opens");
        let q = project(&opened).expect("runs");
        for (a, b) in p.years.iter().zip(&q.years) {
            assert!(
                (a.cost - b.cost).abs() < 0.01
                    && (a.savings.total() - b.savings.total()).abs() < 0.01
            );
        }

        // Its file in docs/examples is the scenario.
        let file = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("docs/examples")
            .join(format!("{}.json", r.id));
        let text = std::fs::read_to_string(&file).unwrap_or_else(|_| panic!("{file:?}"));
        let (ok, out, _) = cli(&["--ready", r.id, "--scenario"]);
        assert!(ok);
        assert_eq!(
            text, out,
            "{file:?} differs: run `cargo run -- --ready {} --scenario`",
            r.id
        );
    }
}

#[test]
fn supporting_families_spends_what_was_announced_in_one_year() {
    let s = ready::supporting_families();
    let p = project(&s).unwrap();
    let announced = ready::SFIIP_FUNDING * prices::uplift(ready::SFIIP_PRICE_YEAR);
    assert!((p.summary.total_cost - announced).abs() < 0.01);
    assert!(p.years[0].cost > 0.0 && p.years[1..].iter().all(|y| y.cost == 0.0));
    // Children referred in the trial: half of its 2,548.
    assert_eq!(s.programmes[0].cohort, Some(1_274.0));
}

#[test]
fn an_unknown_ready_scenario_is_refused_and_the_names_are_listed() {
    let (ok, out, err) = cli(&["--ready", "no-such-scenario"]);
    assert!(!ok);
    assert!(err.contains("no-such-scenario"), "{err}");
    assert!(
        out.contains("supporting-families-investing-in-practice"),
        "{out}"
    );
}

#[test]
fn a_ready_scenario_is_not_run_for_every_council_again() {
    let (ok, _, err) = cli(&[
        "--ready",
        "supporting-families-investing-in-practice",
        "--all-councils",
    ]);
    assert!(!ok);
    assert!(err.contains("--all-councils does not apply"), "{err}");
}
