//! The CLI's council-in-context commands: `--council CODE --history`,
//! `--council CODE --neighbours` and `--backtest`.

use std::process::Command;

fn run(args: &[&str]) -> (bool, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_outcome-calculator"))
        .args(args)
        .output()
        .expect("the CLI runs");
    (
        out.status.success(),
        String::from_utf8(out.stdout).expect("utf-8"),
        String::from_utf8(out.stderr).expect("utf-8"),
    )
}

#[test]
fn hertfordshire_history_and_baseline() {
    let (ok, out, _) = run(&["--council", "E10000015", "--history"]);
    assert!(ok);
    assert!(out.starts_with("# Hertfordshire (E10000015)"));
    assert!(out.contains("\n2013,255703,,,578,5458,"), "{out}");
    assert!(
        out.contains("\n2025,277480,999,424,614,5848,36.0,15.3,22.1,210.8\n"),
        "{out}"
    );
    assert!(out.contains("(the default: the back-test's winner)"));
    assert!(out.contains("\ncla_31mar,999,999,999\n"), "{out}");
    assert!(out.contains("Open Government Licence v3.0"));
    let (ok, out, _) = run(&["--council", "919", "--history", "--method", "linear"]);
    assert!(ok);
    assert!(out.contains("# baseline: linear"));
    // The council's own trend, as the calculator's "own trend" baseline
    // uses it: the 2026 figure is 999 moved by one year of it.
    let (ok, out, _) = run(&["--council", "E10000015", "--history", "--method", "growth"]);
    assert!(ok);
    assert!(out.contains("# baseline: the council's own trend"), "{out}");
    let data = outcome_calculator::model::context::council_data::CouncilData::from_module(
        include_str!("../www/data/council-data.js"),
    )
    .expect("the council data file reads");
    let pct = outcome_calculator::model::context::trend::scenario_trends(
        &data.history,
        "E10000015",
        outcome_calculator::model::Baseline::CouncilTrend,
    )
    .looked_after_pct
    .unwrap();
    let line = out.lines().find(|l| l.starts_with("cla_31mar,")).unwrap();
    let first: f64 = line.split(',').nth(1).unwrap().parse().unwrap();
    assert!(
        (first - 999.0 * (1.0 + pct / 100.0)).abs() <= 1.0,
        "{line} vs {pct}%"
    );
}

#[test]
fn hertfordshire_neighbours_as_csv() {
    let (ok, out, _) = run(&["--council", "E10000015", "--neighbours"]);
    assert!(ok);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 16);
    assert!(
        lines[1].starts_with("council,E10000015,Hertfordshire,,2025,2024-25,36.0,22.1,210.8,15.3,")
    );
    assert_eq!(
        lines.iter().filter(|l| l.starts_with("neighbour,")).count(),
        10
    );
    assert!(lines[12].starts_with("neighbours' median,"));
    assert!(lines[13].starts_with("England,,England,,2025,2024-25,67.1,"));
    assert!(lines[14].contains("Ministry of Housing, Communities and Local Government"));
    assert!(lines[15].contains("an average cost"));
}

#[test]
fn errors_name_what_is_wrong() {
    let cases: &[(&[&str], &str)] = &[
        (&["--council", "E99999999", "--history"], "not a council"),
        (
            &["--council", "E10000015"],
            "needs --history or --neighbours",
        ),
        (&["--history"], "need --council"),
        (
            &["--council", "E10000015", "--history", "--method", "holt"],
            "--method needs",
        ),
        (
            &["--council", "E10000006", "--neighbours"],
            "no statistical neighbours",
        ),
    ];
    for (args, says) in cases {
        let (ok, _, err) = run(args);
        assert!(!ok, "{args:?}");
        assert!(err.contains(says), "{args:?}: {err}");
    }
}

#[test]
fn backtest_prints_the_documented_table() {
    let (ok, out, _) = run(&["--backtest"]);
    assert!(ok);
    let docs = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/methodology.md"),
    )
    .unwrap();
    assert!(docs.contains(&out));
}
