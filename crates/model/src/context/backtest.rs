//! The back-test that chooses the trend method: every candidate
//! ([`TrendMethod::ALL`]) is fitted on each council's figures up to a year
//! Y and scored on Y+1, Y+2 and Y+3, for every Y with enough history.
//!
//! The score of a method for an outcome and horizon is the **median
//! absolute percentage error** across all council-and-origin forecasts
//! (`|forecast − actual| / actual × 100`; actual figures of zero or missing
//! are not scored). The winner is the method with the lowest mean of those
//! medians over the four outcomes and three horizons; flat wins ties, so a
//! method must beat flat to replace it. [`render_markdown`] writes the table
//! that `docs/methodology.md` shows, and a test checks both the table and
//! that [`trend::DEFAULT`](crate::context::trend::DEFAULT) is the winner.

use crate::context::history::{self, Measure, Rows, Series};
use crate::context::trend::{baseline_with, Context, TrendMethod};

/// Years ahead scored: 1, 2 and 3.
pub const HORIZONS: usize = 3;

/// Figures a council needs up to the origin year for a forecast to be
/// scored.
pub const MIN_FIT_YEARS: usize = 3;

/// One cell of the back-test.
#[derive(Debug, Clone, PartialEq)]
pub struct Score {
    /// The outcome.
    pub measure: Measure,
    /// Years ahead (1 to [`HORIZONS`]).
    pub horizon: usize,
    /// The method.
    pub method: TrendMethod,
    /// Median absolute percentage error, in per cent; `None` when nothing
    /// was scored.
    pub median_ape: Option<f64>,
    /// Number of forecasts scored (councils × origin years).
    pub forecasts: usize,
}

/// The whole back-test.
#[derive(Debug, Clone, PartialEq)]
pub struct BackTest {
    /// One score per outcome, horizon and method, in that order.
    pub scores: Vec<Score>,
    /// Per outcome, the first and last origin year Y that was scored.
    pub origins: Vec<(Measure, u16, u16)>,
}

/// Runs the back-test over `councils` for the outcomes in
/// [`Measure::OUTCOMES`] and every method in [`TrendMethod::ALL`].
pub fn run<S: AsRef<str>, R: Rows<S>>(councils: &[Series<S, R>]) -> BackTest {
    let mut scores = Vec::new();
    let mut origins = Vec::new();
    for measure in Measure::OUTCOMES {
        let england = history::england_series(councils, measure);
        // errors[method][horizon - 1]
        let mut errors = vec![vec![Vec::<Option<f64>>::new(); HORIZONS]; TrendMethod::ALL.len()];
        let (mut first, mut last) = (u16::MAX, 0u16);
        for s in councils {
            let values = s.values(measure);
            let population = s.values(Measure::Population);
            for (i, &(origin, _)) in values.iter().enumerate() {
                let fit = &values[..=i];
                if fit.iter().filter(|(_, v)| v.is_some()).count() < MIN_FIT_YEARS {
                    continue;
                }
                let pop: Vec<(u16, Option<f64>)> = population
                    .iter()
                    .copied()
                    .filter(|(y, _)| *y <= origin)
                    .collect();
                let eng: Vec<(u16, Option<f64>)> = england
                    .iter()
                    .copied()
                    .filter(|(y, _)| *y <= origin)
                    .collect();
                let context = Context {
                    population: &pop,
                    england: &eng,
                };
                for h in 1..=HORIZONS {
                    let actual = values
                        .iter()
                        .find(|(y, _)| usize::from(*y) == usize::from(origin) + h)
                        .and_then(|(_, v)| *v)
                        .filter(|a| *a > 0.0);
                    let Some(actual) = actual else { continue };
                    first = first.min(origin);
                    last = last.max(origin);
                    for (m, method) in TrendMethod::ALL.into_iter().enumerate() {
                        let forecast = baseline_with(method, fit, &context, h);
                        let error = forecast
                            .get(h - 1)
                            .map(|f| (f - actual).abs() / actual * 100.0);
                        errors[m][h - 1].push(error);
                    }
                }
            }
        }
        if first <= last {
            origins.push((measure, first, last));
        }
        for h in 1..=HORIZONS {
            for (m, method) in TrendMethod::ALL.into_iter().enumerate() {
                let e = &errors[m][h - 1];
                scores.push(Score {
                    measure,
                    horizon: h,
                    method,
                    median_ape: median(e),
                    forecasts: e.iter().flatten().count(),
                });
            }
        }
    }
    BackTest { scores, origins }
}

/// The median of the figures present (thousands of them: the standard
/// sort; the back-test is not part of the browser build).
fn median(values: &[Option<f64>]) -> Option<f64> {
    let mut v: Vec<f64> = values.iter().flatten().copied().collect();
    if v.is_empty() {
        return None;
    }
    v.sort_by(f64::total_cmp);
    let n = v.len();
    Some(if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    })
}

/// A method's mean of its median errors over every outcome and horizon.
pub fn mean_error(test: &BackTest, method: TrendMethod) -> Option<f64> {
    let v: Vec<f64> = test
        .scores
        .iter()
        .filter(|s| s.method == method)
        .filter_map(|s| s.median_ape)
        .collect();
    (!v.is_empty()).then(|| v.iter().sum::<f64>() / v.len() as f64)
}

/// The winner: the lowest [`mean_error`]; flat unless another method is
/// strictly lower.
pub fn winner(test: &BackTest) -> TrendMethod {
    let mut best = (TrendMethod::Flat, mean_error(test, TrendMethod::Flat));
    for method in TrendMethod::ALL {
        let e = mean_error(test, method);
        if let (Some(e), Some(b)) = (e, best.1) {
            if e < b {
                best = (method, Some(e));
            }
        }
    }
    best.0
}

/// The best method for one outcome and horizon (flat on ties).
pub fn best_for(test: &BackTest, measure: Measure, horizon: usize) -> Option<TrendMethod> {
    let mut best: Option<(TrendMethod, f64)> = None;
    for s in &test.scores {
        if s.measure == measure && s.horizon == horizon {
            if let Some(e) = s.median_ape {
                if best.is_none_or(|(_, b)| e < b) {
                    best = Some((s.method, e));
                }
            }
        }
    }
    best.map(|(m, _)| m)
}

/// The back-test as a Markdown table (median absolute percentage error,
/// per cent, one decimal; the best of each row in bold), followed by the
/// mean row (two decimals) and a line naming the winner.
pub fn render_markdown(test: &BackTest) -> String {
    use std::fmt::Write as _;
    let mut s = String::new();
    let methods: Vec<&str> = TrendMethod::ALL.iter().map(|m| m.id()).collect();
    let _ = writeln!(
        s,
        "| outcome | years ahead | forecasts | origin years | {} |",
        methods.join(" | ")
    );
    let _ = writeln!(
        s,
        "| --- | --- | --- | --- |{}",
        " --- |".repeat(methods.len())
    );
    for measure in Measure::OUTCOMES {
        let (first, last) = test
            .origins
            .iter()
            .find(|(m, _, _)| *m == measure)
            .map_or((0, 0), |(_, f, l)| (*f, *l));
        for h in 1..=HORIZONS {
            let best = best_for(test, measure, h);
            let row: Vec<&Score> = test
                .scores
                .iter()
                .filter(|s| s.measure == measure && s.horizon == h)
                .collect();
            let forecasts = row.first().map_or(0, |s| s.forecasts);
            let cells: Vec<String> = row
                .iter()
                .map(|s| match s.median_ape {
                    Some(e) if Some(s.method) == best => format!("**{e:.1}**"),
                    Some(e) => format!("{e:.1}"),
                    None => "n/a".to_string(),
                })
                .collect();
            let _ = writeln!(
                s,
                "| {} | {h} | {forecasts} | {first}-{last} | {} |",
                measure.name(),
                cells.join(" | ")
            );
        }
    }
    let means: Vec<String> = TrendMethod::ALL
        .iter()
        .map(|m| mean_error(test, *m).map_or("n/a".to_string(), |e| format!("{e:.2}")))
        .collect();
    let _ = writeln!(s, "| **mean of the rows** | | | | {} |", means.join(" | "));
    let _ = writeln!(
        s,
        "\nWinner (lowest mean): **{}** ({}).",
        winner(test).id(),
        winner(test).name()
    );
    s
}
