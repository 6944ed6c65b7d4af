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
//! Figures beyond what the council, or England, could have (a typed count
//! far from the council's official one, above its children, results above
//! its own counts or spend: `model::calc::plausible`) are printed one line
//! each on stderr in every mode, and as a `warnings` array in the JSON.
//!
//! `--ready NAME` projects a ready scenario (`model::scenario::ready`) as if it
//! were a file: `--ready supporting-families-investing-in-practice` is
//! Supporting Families: Investing in Practice as funded. `--ready` alone
//! lists them. `--scenario` prints the scenarios as JSON instead of their
//! projections, and `--link` their share links' query strings.
//!
//! `--simulate` adds the Monte Carlo summary and the tornado to the JSON
//! (same seed, same numbers as the browser).
//!
//! `--council CODE --history`, `--council CODE --neighbours` and
//! `--backtest` show a council in context (see `context_cli.rs`).
//!
//! `--explain OUTPUT` prints the working of one figure as indented text:
//! the sentence with the live numbers, the formula, the chain from the
//! figure down to its inputs with each input's source, the sources, and
//! the inputs that move it most. OUTPUT is the figure's path in the JSON
//! projection, e.g. `summary.budget_npv`, `summary.npv` or
//! `'years[2].savings.police'`. `--explain-json OUTPUT` (or `--explain
//! OUTPUT --explain-json`) prints the same working as JSON; `--outputs`
//! lists every path that can be explained.

#![forbid(unsafe_code)]

use std::process::ExitCode;

use outcome_calculator::model;

mod context_cli;

/// How a ready scenario is named among the files.
const READY: &str = "ready:";

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
    let args = std::env::args().skip(1);
    let mut files = Vec::new();
    let mut explain: Option<String> = None;
    let mut explain_json = false;
    let mut list_outputs = false;
    let mut print_scenario = false;
    let mut print_link = false;
    let mut args = args.peekable();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--explain" => match args.next() {
                Some(path) => explain = Some(path),
                None => {
                    eprintln!("outcome-calculator: --explain needs a figure's path, e.g. summary.npv (--outputs lists them)");
                    return ExitCode::from(2);
                }
            },
            "--explain-json" => {
                explain_json = true;
                if args.peek().is_some_and(|a| is_output_path(a)) {
                    explain = args.next();
                }
            }
            "--outputs" => list_outputs = true,
            "--scenario" => print_scenario = true,
            "--link" => print_link = true,
            "--ready" => match args.next_if(|a| !a.starts_with("--")) {
                Some(name) if model::scenario::ready::find(&name).is_some() => {
                    files.push(format!("{READY}{name}"));
                }
                other => {
                    if let Some(name) = &other {
                        eprintln!("outcome-calculator: no ready scenario is called {name}");
                    }
                    for r in model::scenario::ready::ALL {
                        println!("{}\t{}", r.id, r.title);
                    }
                    return if other.is_some() {
                        ExitCode::from(2)
                    } else {
                        ExitCode::SUCCESS
                    };
                }
            },
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
                println!("--ready NAME: a ready scenario in place of a file (--ready alone lists them); --scenario prints the scenarios as JSON, --link their share links");
                println!("--council CODE --history | --neighbours: the council's series and baseline, or its statistical neighbours as CSV; --backtest: the trend back-test");
                println!("--explain OUTPUT: the working of one figure as text (e.g. --explain summary.budget_npv, --explain 'years[2].savings.police'):");
                println!("  the sentence with your numbers, the formula, every step down to the inputs and their sources, and what moves it most");
                println!("--explain-json OUTPUT: the same working as JSON; --outputs: every figure that can be explained");
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
        let ready = path
            .strip_prefix(READY)
            .and_then(model::scenario::ready::find)
            .map(|r| (r.build)());
        let read = match &ready {
            Some(s) => serde_json::to_string(s).map_err(std::io::Error::other),
            None => std::fs::read_to_string(path),
        };
        let text = match read {
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
        match model::validate(&scenario) {
            Ok(valid) => {
                let p = model::project_valid(valid);
                // Figures beyond what the council, or England, could have:
                // one line each on stderr, whatever the output.
                for w in model::calc::plausible::warnings(&scenario, &p) {
                    eprintln!("{path}: warning: {w}");
                }
                // What the headline does not count, or counts beyond the
                // evidence: on stderr too, whatever the output.
                for note in &p.headline_notes {
                    eprintln!("{path}: note: {note}");
                }
                outputs.push((path.clone(), valid.to_owned(), p))
            }
            Err(errors) => {
                for e in errors {
                    eprintln!("{path}: {e}");
                }
                failed = true;
            }
        }
    }
    if print_scenario || print_link {
        for (_, scenario, _) in &outputs {
            if print_link {
                println!("?{}", model::scenario::link::to_query(scenario));
            } else {
                let json = serde_json::to_string_pretty(&**scenario);
                println!("{}", json.expect("scenarios serialise"));
            }
        }
    } else if list_outputs {
        for (_, _, p) in &outputs {
            for path in model::explain::outputs(p) {
                println!("{path}");
            }
        }
    } else if explain.is_some() || explain_json {
        let Some(path) = explain else {
            eprintln!("outcome-calculator: --explain-json needs a figure's path, e.g. summary.npv (--outputs lists them)");
            return ExitCode::from(2);
        };
        let mut workings = Vec::new();
        for (file, scenario, _) in &outputs {
            match model::explain::explain(scenario, &path) {
                Ok(d) => workings.push(d),
                Err(e) => {
                    eprintln!("{file}: {e}");
                    failed = true;
                }
            }
        }
        if explain_json {
            let json = if workings.len() == 1 {
                serde_json::to_string_pretty(&workings[0])
            } else {
                serde_json::to_string_pretty(&workings)
            };
            println!("{}", json.expect("workings serialise"));
        } else {
            for d in &workings {
                print!("{}", model::explain::text::render(d));
            }
        }
    } else if all_councils {
        for (path, scenario, _) in &outputs {
            // A ready scenario is already the programme's councils
            // together: run for each council, it would count it again.
            if path.starts_with(READY) {
                eprintln!("{path}: a ready scenario is the programme's own councils together; --all-councils does not apply to it");
                failed = true;
                continue;
            }
            let r = model::views::rollout::rollout(scenario, year, region.as_deref());
            if r.councils.is_empty() {
                eprintln!("{path}: no council matches (regions: see the official tables)");
                failed = true;
            }
            print!("{}", model::views::export::rollout_csv(&r));
            for s in &r.skipped {
                eprintln!("{path}: {} ({}) left out: {}", s.name, s.code, s.reason);
            }
            for w in model::views::rollout::warnings(&r, scenario.assumptions.horizon_years) {
                eprintln!("{path}: warning: {w}");
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
                let warnings = warnings_json(s, p);
                if simulate {
                    serde_json::json!({
                        "projection": p,
                        "simulation": model::calc::uncertainty::simulate_valid(s.valid()),
                        "tornado": model::calc::uncertainty::tornado_valid(s.valid()),
                        "warnings": warnings,
                    })
                } else {
                    let mut v = serde_json::to_value(p).expect("projections serialise");
                    if let Some(o) = v.as_object_mut() {
                        o.insert("warnings".into(), warnings);
                    }
                    v
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

/// The scenario's warnings ([`model::calc::plausible::warnings`]) as a JSON
/// array of `{ "field", "kind", "message" }`.
fn warnings_json(s: &model::Scenario, p: &model::Projection) -> serde_json::Value {
    model::calc::plausible::warnings(s, p)
        .iter()
        .map(|w| {
            serde_json::json!({
                "field": w.field(),
                "kind": serde_json::to_value(w).ok().and_then(|v| v.get("kind").cloned()),
                "message": w.message(),
            })
        })
        .collect()
}

/// Whether an argument is a figure's path rather than a file.
fn is_output_path(arg: &str) -> bool {
    ["summary.", "years[", "programmes[", "uncertainty."]
        .iter()
        .any(|p| arg.starts_with(p))
}
