//! The CLI's council-in-context commands:
//!
//! ```text
//! outcome-calculator --council E10000015 --history [--method flat|linear|damped|growth|rate|england]
//! outcome-calculator --council E10000015 --neighbours [--year 2025]
//! outcome-calculator --backtest
//! ```
//!
//! `--history` prints the council's series 2013-2025 with rates per 10,000
//! and the baseline for the next three years by the chosen method (the
//! back-test's winner unless `--method` is given); `--neighbours` prints
//! the comparison with its ten statistical neighbours as CSV;
//! `--backtest` prints the back-test table of `docs/methodology.md`.
//!
//! The figures are the council data file the page loads
//! (`www/data/council-data.js`), taken in at build time and read with the
//! model's own reader, as the page reads it.

use std::fmt::Write as _;
use std::process::ExitCode;

use outcome_calculator::model::context::council_data::CouncilData;
use outcome_calculator::model::context::history::{self, Measure, OwnedSeries};
use outcome_calculator::model::context::trend::{self, TrendMethod};
use outcome_calculator::model::{context::backtest, context::neighbour_compare, context::spend};

/// The council data file the page loads.
const COUNCIL_DATA: &str = include_str!("../www/data/council-data.js");

/// Whether the arguments ask for one of these commands.
pub fn wanted(args: &[String]) -> bool {
    args.iter().any(|a| {
        matches!(
            a.as_str(),
            "--council" | "--history" | "--neighbours" | "--backtest"
        )
    })
}

fn fail(message: &str) -> ExitCode {
    eprintln!("outcome-calculator: {message}");
    ExitCode::from(2)
}

/// Runs the command the arguments ask for.
pub fn run(args: &[String]) -> ExitCode {
    let mut council: Option<String> = None;
    let (mut show_history, mut show_neighbours, mut show_backtest) = (false, false, false);
    let mut method = trend::DEFAULT;
    let mut year = history::LAST_YEAR;
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--council" => match it.next() {
                Some(c) => council = Some(c.clone()),
                None => return fail("--council needs an ONS code such as E10000015"),
            },
            "--history" => show_history = true,
            "--neighbours" => show_neighbours = true,
            "--backtest" => show_backtest = true,
            "--method" => match it.next().and_then(|m| TrendMethod::parse(m)) {
                Some(m) => method = m,
                None => {
                    return fail(
                        "--method needs one of flat, linear, damped, growth, rate, england",
                    )
                }
            },
            "--year" => match it.next().and_then(|y| y.parse().ok()) {
                Some(y) if (history::FIRST_YEAR..=history::LAST_YEAR).contains(&y) => year = y,
                _ => return fail("--year needs a year from 2013 to 2025"),
            },
            other => return fail(&format!("{other} does not go with --council (try --help)")),
        }
    }
    let data = match CouncilData::from_module(COUNCIL_DATA) {
        Ok(d) => d,
        Err(e) => return fail(&format!("the council data file cannot be read: {e}")),
    };
    if show_backtest {
        print!(
            "{}",
            backtest::render_markdown(&backtest::run(&data.history))
        );
        return ExitCode::SUCCESS;
    }
    let Some(code) = council else {
        return fail("--history and --neighbours need --council CODE");
    };
    if !show_history && !show_neighbours {
        return fail("--council needs --history or --neighbours");
    }
    let Some(series) = history::find(&data.history, &code) else {
        return fail(&format!("{code} is not a council in the DfE history"));
    };
    if show_history {
        print!("{}", history_text(&data, series, method));
    }
    if show_neighbours {
        match neighbour_compare::compare(&data, &series.code, year) {
            Some(c) => print!("{}", neighbour_compare::to_csv(&c)),
            None => {
                eprintln!(
                    "outcome-calculator: {} ({}) has no statistical neighbours: it is not a \
                     current council",
                    series.name, series.code
                );
                return ExitCode::FAILURE;
            }
        }
    }
    ExitCode::SUCCESS
}

/// The council's history and baselines as CSV-like text.
fn history_text(data: &CouncilData, series: &OwnedSeries, method: TrendMethod) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "# {} ({}), figures at 31 March",
        series.name, series.code
    );
    let cols = [
        Measure::Population,
        Measure::LookedAfter,
        Measure::CareStarts,
        Measure::CpPlans,
        Measure::ChildrenInNeed,
    ];
    let header: Vec<String> = cols
        .iter()
        .map(|m| m.column().to_string())
        .chain(cols[1..].iter().map(|m| format!("{}_per_10k", m.column())))
        .collect();
    let _ = writeln!(s, "year,{}", header.join(","));
    for (year, _) in &series.rows {
        let mut cells: Vec<String> = cols
            .iter()
            .map(|m| {
                series
                    .value(*year, *m)
                    .map_or(String::new(), |v| format!("{v:.0}"))
            })
            .collect();
        for m in &cols[1..] {
            let rate = history::rate(
                series.value(*year, *m),
                series.value(*year, Measure::Population),
            );
            cells.push(rate.map_or(String::new(), |r| format!("{r:.1}")));
        }
        let _ = writeln!(s, "{year},{}", cells.join(","));
    }
    for m in cols {
        for (year, why) in series.missing(m) {
            if !(m != Measure::Population && year < 2019 && why == "not in the source") {
                let _ = writeln!(s, "# {year} {}: {why}", m.name());
            }
        }
    }
    let _ = writeln!(
        s,
        "# looked-after figures (and care starts) are published from 2019 only"
    );
    let _ = writeln!(s);
    let default = if method == trend::DEFAULT {
        " (the default: the back-test's winner)"
    } else {
        ""
    };
    let _ = writeln!(s, "# baseline: {}{default}", method.name());
    let _ = writeln!(s, "outcome,{}", {
        let end = series.rows.last().map_or(0, |(y, _)| *y);
        (1..=3)
            .map(|h| (end + h).to_string())
            .collect::<Vec<_>>()
            .join(",")
    });
    for m in Measure::OUTCOMES {
        let b = trend::council_baseline(&data.history, &series.code, m, method, 3);
        let cells: Vec<String> = b.iter().map(|(_, v)| format!("{v:.0}")).collect();
        let _ = writeln!(s, "{},{}", m.column(), cells.join(","));
    }
    let _ = writeln!(s);
    let _ = writeln!(s, "# {}", spend::CREDIT);
    s
}
