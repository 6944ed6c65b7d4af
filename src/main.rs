//! The analyst CLI: projects scenario files and prints JSON or CSV.
//!
//! ```text
//! outcome-calculator [--csv] [--simulate] SCENARIO.json [MORE.json ...]
//! ```
//!
//! `--all-councils` runs the scenario's programmes for every council with the
//! official figures (`--region NAME` for one region, `--year YYYY` for an
//! earlier table) and prints one CSV row per council.
//!
//! `--simulate` adds the Monte Carlo summary and the tornado to the JSON
//! (same seed, same numbers as the browser).
//!
//! `--council CODE --history`, `--council CODE --neighbours` and
//! `--backtest` show a council in context (see `context_cli.rs`).

#![forbid(unsafe_code)]

use std::process::ExitCode;

use outcome_calculator::model;

mod context_cli;

fn main() -> ExitCode {
    let all_args: Vec<String> = std::env::args().skip(1).collect();
    if context_cli::wanted(&all_args) {
        return context_cli::run(&all_args);
    }
    let mut csv = false;
    let mut simulate = false;
    let mut all_councils = false;
    let mut region: Option<String> = None;
    let mut year = model::data::presets::LATEST_YEAR;
    let mut args = std::env::args().skip(1);
    let mut files = Vec::new();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--all-councils" => all_councils = true,
            "--region" => match args.next() {
                Some(r) => region = Some(r),
                None => {
                    eprintln!("outcome-calculator: --region needs a region name");
                    return ExitCode::from(2);
                }
            },
            "--year" => match args.next().and_then(|y| y.parse().ok()) {
                Some(y) if model::data::presets::YEARS.contains(&y) => year = y,
                _ => {
                    eprintln!(
                        "outcome-calculator: --year needs one of {:?}",
                        model::data::presets::YEARS
                    );
                    return ExitCode::from(2);
                }
            },
            "--csv" => csv = true,
            "--simulate" => simulate = true,
            "-h" | "--help" => {
                println!(
                    "usage: outcome-calculator [--csv] [--simulate] SCENARIO.json [MORE.json ...]"
                );
                println!("prints each scenario's projection as JSON (an array when several), or CSV with --csv;");
                println!("--simulate adds the Monte Carlo percentiles and the sensitivity tornado to the JSON");
                println!("--council CODE --history | --neighbours: the council's series and baseline, or its statistical neighbours as CSV; --backtest: the trend back-test");
                return ExitCode::SUCCESS;
            }
            other if other.starts_with("--") => {
                eprintln!("outcome-calculator: unknown option {other} (try --help)");
                return ExitCode::from(2);
            }
            _ => files.push(arg),
        }
    }
    if files.is_empty() {
        eprintln!("usage: outcome-calculator [--csv] SCENARIO.json [MORE.json ...]");
        return ExitCode::from(2);
    }
    let mut outputs = Vec::new();
    let mut failed = false;
    for path in &files {
        let text = match std::fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) => {
                eprintln!("{path}: cannot read: {e}");
                failed = true;
                continue;
            }
        };
        let mut de = serde_json::Deserializer::from_str(&text);
        let scenario = match model::decode(&mut de) {
            Ok(s) => s,
            Err(e) => {
                eprintln!("{path}: {e}");
                failed = true;
                continue;
            }
        };
        match model::project(&scenario) {
            Ok(p) => outputs.push((path.clone(), scenario, p)),
            Err(errors) => {
                for e in errors {
                    eprintln!("{path}: {e}");
                }
                failed = true;
            }
        }
    }
    if all_councils {
        for (path, scenario, _) in &outputs {
            let r = model::views::rollout::rollout(scenario, year, region.as_deref());
            if r.councils.is_empty() {
                eprintln!("{path}: no council matches (regions: see the official tables)");
                failed = true;
            }
            print!("{}", model::views::export::rollout_csv(&r));
            for s in &r.skipped {
                eprintln!("{path}: {} ({}) left out: {}", s.name, s.code, s.reason);
            }
        }
    } else if csv {
        let mut first = true;
        for (path, scenario, p) in &outputs {
            let table = model::views::export::years_csv(path, scenario, p);
            // One header for the whole run.
            let body = if first {
                table.as_str()
            } else {
                table.split_once('\n').map_or("", |x| x.1)
            };
            print!("{body}");
            first = false;
        }
    } else {
        let projections: Vec<serde_json::Value> = outputs
            .iter()
            .map(|(_, s, p)| {
                if simulate {
                    serde_json::json!({
                        "projection": p,
                        "simulation": model::calc::uncertainty::simulate_valid(s),
                        "tornado": model::calc::uncertainty::tornado_valid(s),
                    })
                } else {
                    serde_json::to_value(p).expect("projections serialise")
                }
            })
            .collect();
        let json = if projections.len() == 1 {
            serde_json::to_string_pretty(&projections[0])
        } else {
            serde_json::to_string_pretty(&projections)
        };
        println!("{}", json.expect("projections serialise"));
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
