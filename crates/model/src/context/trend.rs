//! What would happen anyway: a baseline for an outcome from a council's own
//! history, by one of a few simple trend methods.
//!
//! A history is a list of `(year, figure)` pairs, `year` being the 31 March
//! that ends the reporting year and `None` a year with no figure (it is
//! skipped, never read as zero). A baseline is the figure for each of the
//! `years_ahead` years after the last year of the history, never below
//! zero.
//!
//! Which method is the default is decided by the back-test in
//! [`backtest`](crate::context::backtest) and documented in `docs/methodology.md`
//! ("The counterfactual: trend back-test"); a test keeps [`DEFAULT`] equal
//! to the back-test's winner.

use crate::calc::baseline;
use crate::context::history::{self, Measure, Rows, Series};
use crate::scenario::format::{Baseline, BaselineTrends};

/// A way to carry an outcome forward from its history.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TrendMethod {
    /// The last figure, held flat.
    Flat,
    /// An ordinary least-squares line through the last
    /// [`LINEAR_YEARS`] figures, extended.
    Linear,
    /// The last figure, moved by the least-squares slope of the last
    /// [`LINEAR_YEARS`] figures damped by [`DAMPING`] each year ahead: the
    /// change in year `h` is `slope × DAMPING^h`, so the trend fades.
    Damped,
    /// The council's own trend: the last figure, moved each year by the
    /// council's average yearly change over its last [`LINEAR_YEARS`]
    /// figures (the least-squares slope of their logarithm), as a steady
    /// percentage a year ([`growth_pct`]).
    Growth,
    /// The last rate per 10,000 children held flat, times the number of
    /// children carried forward by its own least-squares line (needs the
    /// population history; without it, the same as `Flat`).
    RateTimesPopulation,
    /// England's trend: the last figure, moved each year by England's
    /// average yearly change over the last [`LINEAR_YEARS`] years (the
    /// same steady percentage as [`TrendMethod::Growth`], from England's
    /// series; needs England's history; without it, the same as `Flat`).
    EnglandTrend,
}

/// Number of latest figures the line methods fit (fewer when the history
/// is shorter).
pub const LINEAR_YEARS: usize = 5;

/// Damping factor of [`TrendMethod::Damped`]: each year ahead keeps this
/// share of the previous year's change.
pub const DAMPING: f64 = 0.8;

/// The default method: the winner of the back-test (see
/// [`backtest::winner`](crate::context::backtest::winner)).
pub const DEFAULT: TrendMethod = TrendMethod::Flat;

impl TrendMethod {
    /// Every method, in the order the back-test reports them.
    pub const ALL: [TrendMethod; 6] = [
        TrendMethod::Flat,
        TrendMethod::Linear,
        TrendMethod::Damped,
        TrendMethod::Growth,
        TrendMethod::RateTimesPopulation,
        TrendMethod::EnglandTrend,
    ];

    /// Short name, as used on the command line: `flat`, `linear`,
    /// `damped`, `growth`, `rate`, `england`.
    pub fn id(self) -> &'static str {
        match self {
            TrendMethod::Flat => "flat",
            TrendMethod::Linear => "linear",
            TrendMethod::Damped => "damped",
            TrendMethod::Growth => "growth",
            TrendMethod::RateTimesPopulation => "rate",
            TrendMethod::EnglandTrend => "england",
        }
    }

    /// Name in words.
    pub fn name(self) -> &'static str {
        match self {
            TrendMethod::Flat => "flat (last figure)",
            TrendMethod::Linear => "linear (least squares, last 5 years)",
            TrendMethod::Damped => "damped trend (last figure, 5-year slope damped by 0.8 a year)",
            TrendMethod::Growth => {
                "the council's own trend (its average yearly change over 5 years)"
            }
            TrendMethod::RateTimesPopulation => {
                "rate per 10,000 held flat, times the children's population trend"
            }
            TrendMethod::EnglandTrend => {
                "England's trend (England's average yearly change over 5 years)"
            }
        }
    }

    /// The method whose yearly change a scenario's `baseline` carries:
    /// [`TrendMethod::Growth`] for the council's own trend,
    /// [`TrendMethod::EnglandTrend`] for England's; `None` when flat.
    pub fn of(baseline: Baseline) -> Option<TrendMethod> {
        match baseline {
            Baseline::Flat => None,
            Baseline::CouncilTrend => Some(TrendMethod::Growth),
            Baseline::EnglandTrend => Some(TrendMethod::EnglandTrend),
        }
    }

    /// Reads a method by its [`id`](TrendMethod::id).
    pub fn parse(text: &str) -> Option<TrendMethod> {
        let t = text.trim().to_ascii_lowercase();
        TrendMethod::ALL.into_iter().find(|m| m.id() == t)
    }
}

/// What some methods need besides the outcome's own history: the
/// council's children aged 0 to 17, and England's series of the same
/// outcome, as `(year, figure)` pairs. Either may be empty.
#[derive(Debug, Clone, Copy, Default)]
pub struct Context<'a> {
    /// Children aged 0 to 17, by year.
    pub population: &'a [(u16, Option<f64>)],
    /// England's figure of the same outcome, by year.
    pub england: &'a [(u16, Option<f64>)],
}

/// The figures that are present, as `(year, value)`, oldest first.
fn points(history: &[(u16, Option<f64>)]) -> Vec<(f64, f64)> {
    let mut p: Vec<(f64, f64)> = history
        .iter()
        .filter_map(|(y, v)| v.filter(|v| v.is_finite()).map(|v| (f64::from(*y), v)))
        .collect();
    crate::base::sorted::sort_by(&mut p, |a, b| a.0 < b.0);
    p
}

/// Least-squares intercept and slope of the last `n` points; slope 0 for
/// fewer than two points.
fn least_squares(points: &[(f64, f64)], n: usize) -> Option<(f64, f64)> {
    let last = &points[points.len().saturating_sub(n)..];
    let k = last.len() as f64;
    if last.is_empty() {
        return None;
    }
    let mx = last.iter().map(|p| p.0).sum::<f64>() / k;
    let my = last.iter().map(|p| p.1).sum::<f64>() / k;
    let sxx: f64 = last.iter().map(|p| (p.0 - mx).powi(2)).sum();
    let sxy: f64 = last.iter().map(|p| (p.0 - mx) * (p.1 - my)).sum();
    let slope = if sxx > 0.0 { sxy / sxx } else { 0.0 };
    Some((my - slope * mx, slope))
}

/// The steady yearly change, in % a year, of the last `n` positive figures:
/// `e^b − 1` for `b` the least-squares slope of their natural logarithm
/// against the year, held to ±[`MAX_GROWTH_PCT`]. `None` with fewer than
/// two positive figures.
fn log_growth(points: &[(f64, f64)], n: usize) -> Option<f64> {
    let logs: Vec<(f64, f64)> = points
        .iter()
        .filter(|p| p.1 > 0.0)
        .map(|p| (p.0, p.1.ln()))
        .collect();
    if logs.len().min(n) < 2 {
        return None;
    }
    let (_, b) = least_squares(&logs, n)?;
    let pct = (b.exp() - 1.0) * 100.0;
    pct.is_finite()
        .then_some(pct.clamp(-MAX_GROWTH_PCT, MAX_GROWTH_PCT))
}

/// The largest yearly change a trend method gives, % a year either way (the
/// bounds of a scenario's trend figures).
pub const MAX_GROWTH_PCT: f64 = 50.0;

/// The yearly change, % a year, by which [`TrendMethod::Growth`] (the
/// series' own) or [`TrendMethod::EnglandTrend`] (England's, in
/// `context`) carries an outcome forward; `Some(0.0)` for
/// [`TrendMethod::Flat`]; `None` for the methods that are not a steady
/// change, or without two positive figures in the last [`LINEAR_YEARS`].
///
/// ```
/// use outcome_model::context::trend::{growth_pct, Context, TrendMethod};
/// let cla = [(2023, Some(100.0)), (2024, Some(110.0)), (2025, Some(121.0))];
/// let g = growth_pct(TrendMethod::Growth, &cla, &Context::default()).unwrap();
/// assert!((g - 10.0).abs() < 1e-9);
/// assert_eq!(growth_pct(TrendMethod::Flat, &cla, &Context::default()), Some(0.0));
/// assert_eq!(growth_pct(TrendMethod::Linear, &cla, &Context::default()), None);
/// ```
pub fn growth_pct(
    method: TrendMethod,
    history: &[(u16, Option<f64>)],
    context: &Context,
) -> Option<f64> {
    let pts = points(history);
    let end = history
        .iter()
        .map(|(y, _)| f64::from(*y))
        .fold(pts.last()?.0, f64::max);
    match method {
        TrendMethod::Flat => Some(0.0),
        TrendMethod::Growth => log_growth(&pts, LINEAR_YEARS),
        TrendMethod::EnglandTrend => {
            let eng: Vec<(f64, f64)> = points(context.england)
                .into_iter()
                .filter(|p| p.0 <= end)
                .collect();
            log_growth(&eng, LINEAR_YEARS)
        }
        _ => None,
    }
}

/// [`baseline()`] with the figures some methods need besides the history.
///
/// ```
/// use outcome_model::context::trend::{baseline_with, Context, TrendMethod};
/// let cla = [(2023, Some(100.0)), (2024, Some(110.0)), (2025, Some(120.0))];
/// let england = [(2023, Some(1000.0)), (2024, Some(1000.0)), (2025, Some(1100.0))];
/// let ctx = Context { population: &[], england: &england };
/// let b = baseline_with(TrendMethod::EnglandTrend, &cla, &ctx, 1);
/// assert_eq!(b.len(), 1);
/// ```
pub fn baseline_with(
    method: TrendMethod,
    history: &[(u16, Option<f64>)],
    context: &Context,
    years_ahead: usize,
) -> Vec<f64> {
    let pts = points(history);
    let Some(&(last_year, last)) = pts.last() else {
        return Vec::new();
    };
    // Years ahead count from the last year of the history, even if its
    // figure is missing.
    let end = history
        .iter()
        .map(|(y, _)| f64::from(*y))
        .fold(last_year, f64::max);
    let target = |h: usize| end + h as f64;
    let flat = || vec![last; years_ahead];
    let out: Vec<f64> = match method {
        TrendMethod::Flat => flat(),
        TrendMethod::Linear => {
            let (a, b) = least_squares(&pts, LINEAR_YEARS).unwrap_or((last, 0.0));
            (1..=years_ahead).map(|h| a + b * target(h)).collect()
        }
        TrendMethod::Damped => {
            let (_, b) = least_squares(&pts, LINEAR_YEARS).unwrap_or((last, 0.0));
            let mut level = last;
            let mut step = b;
            // Years between the last figure and the end of the history are
            // damped too.
            let gap = (end - last_year).round() as usize;
            for _ in 0..gap {
                step *= DAMPING;
                level += step;
            }
            (1..=years_ahead)
                .map(|_| {
                    step *= DAMPING;
                    level += step;
                    level
                })
                .collect()
        }
        TrendMethod::RateTimesPopulation => {
            let pop: Vec<(f64, f64)> = points(context.population)
                .into_iter()
                .filter(|p| p.0 <= end)
                .collect();
            let last_pop = pop.iter().rev().find(|p| p.0 == last_year).map(|p| p.1);
            match (last_pop, least_squares(&pop, LINEAR_YEARS)) {
                (Some(p0), Some((a, b))) if p0 > 0.0 => (1..=years_ahead)
                    .map(|h| last / p0 * (a + b * target(h)))
                    .collect(),
                _ => flat(),
            }
        }
        TrendMethod::Growth | TrendMethod::EnglandTrend => {
            match growth_pct(method, history, context) {
                Some(pct) => (1..=years_ahead)
                    .map(|h| last * (1.0 + pct / 100.0).powf(target(h) - last_year))
                    .collect(),
                None => flat(),
            }
        }
    };
    out.into_iter()
        .map(|v| if v.is_finite() { v.max(0.0) } else { last })
        .collect()
}

/// The baseline of an outcome: its figure in each of the `years_ahead`
/// years after the last year of `history`, carried forward by `method`
/// from the council's own figures (never below zero). Empty when the
/// history has no figure at all. The methods that need more than the
/// history ([`TrendMethod::RateTimesPopulation`],
/// [`TrendMethod::EnglandTrend`]) fall back to flat here: use
/// [`baseline_with`] or [`council_baseline`] for them.
///
/// ```
/// use outcome_model::context::trend::{baseline, TrendMethod};
/// let cla = [(2023, Some(100.0)), (2024, None), (2025, Some(120.0))];
/// assert_eq!(baseline(TrendMethod::Flat, &cla, 2), [120.0, 120.0]);
/// let line = baseline(TrendMethod::Linear, &cla, 2);
/// assert!((line[0] - 130.0).abs() < 1e-9 && (line[1] - 140.0).abs() < 1e-9);
/// assert!(baseline(TrendMethod::Flat, &[(2025, None)], 3).is_empty());
/// ```
pub fn baseline(
    method: TrendMethod,
    history: &[(u16, Option<f64>)],
    years_ahead: usize,
) -> Vec<f64> {
    baseline_with(method, history, &Context::default(), years_ahead)
}

/// A council's baseline of `measure` from its history in `councils`, with
/// its population and England's series (the sum of `councils`) for the
/// methods that need them: `(year, figure)` for each of the `years_ahead`
/// years after 2025. Empty for an unknown council or one with no figure.
///
/// ```
/// use outcome_model::context::history::Measure;
/// use outcome_model::context::trend::{council_baseline, TrendMethod};
/// let data = outcome_model::context::council_data::CouncilData::from_module(include_str!(
///     concat!(env!("CARGO_MANIFEST_DIR"), "/../../www/data/council-data.js")
/// ))
/// .unwrap();
/// let herts = council_baseline(&data.history, "E10000015", Measure::LookedAfter, TrendMethod::Flat, 3);
/// assert_eq!(herts, [(2026, 999.0), (2027, 999.0), (2028, 999.0)]);
/// ```
pub fn council_baseline<S: AsRef<str>, R: Rows<S>>(
    councils: &[Series<S, R>],
    code: &str,
    measure: Measure,
    method: TrendMethod,
    years_ahead: usize,
) -> Vec<(u16, f64)> {
    let Some(series) = history::find(councils, code) else {
        return Vec::new();
    };
    let values = series.values(measure);
    let population = series.values(Measure::Population);
    let england = history::england_series(councils, measure);
    let context = Context {
        population: &population,
        england: &england,
    };
    let end = values.last().map_or(0, |(y, _)| *y);
    baseline_with(method, &values, &context, years_ahead)
        .into_iter()
        .zip(1u16..)
        .map(|(v, h)| (end + h, v))
        .collect()
}

/// The trend figures a scenario carries for `baseline`, from council
/// `code`'s history in `councils` (England's series is their sum): for
/// each outcome its [`growth_pct`] by [`TrendMethod::Growth`] (the
/// council's own trend) or [`TrendMethod::EnglandTrend`], rounded to
/// 0.01% a year; blank where the council has too few figures. All blank
/// for a flat baseline or an unknown council.
///
/// ```
/// use outcome_model::context::trend::scenario_trends;
/// use outcome_model::Baseline;
/// let data = outcome_model::context::council_data::CouncilData::from_module(include_str!(
///     concat!(env!("CARGO_MANIFEST_DIR"), "/../../www/data/council-data.js")
/// ))
/// .unwrap();
/// let t = scenario_trends(&data.history, "E10000015", Baseline::CouncilTrend);
/// assert!(t.looked_after_pct.is_some() && t.cp_plans_pct.is_some());
/// assert!(scenario_trends(&data.history, "E10000015", Baseline::Flat).is_empty());
/// ```
pub fn scenario_trends<S: AsRef<str>, R: Rows<S>>(
    councils: &[Series<S, R>],
    code: &str,
    baseline: Baseline,
) -> BaselineTrends {
    let mut out = BaselineTrends::default();
    let Some(method) = TrendMethod::of(baseline) else {
        return out;
    };
    let Some(series) = history::find(councils, code) else {
        return out;
    };
    for k in baseline::Series::ALL {
        let measure = measure_of(k);
        let values = series.values(measure);
        let england = if method == TrendMethod::EnglandTrend {
            history::england_series(councils, measure)
        } else {
            Vec::new()
        };
        let context = Context {
            population: &[],
            england: &england,
        };
        let pct = growth_pct(method, &values, &context).map(|p| (p * 100.0).round() / 100.0);
        k.set_trend(&mut out, pct);
    }
    out
}

/// The history's measure of a baseline series.
pub fn measure_of(series: baseline::Series) -> Measure {
    match series {
        baseline::Series::LookedAfter => Measure::LookedAfter,
        baseline::Series::CareStarts => Measure::CareStarts,
        baseline::Series::CpPlans => Measure::CpPlans,
        baseline::Series::ChildrenInNeed => Measure::ChildrenInNeed,
    }
}
