//! Each outcome without and with the programmes, year by year: the
//! baseline of [`crate::calc::baseline`] and the projection's changes, for
//! the chart that puts them after the council's published history.

use crate::calc::baseline::{factors, growth, Series};
use crate::calc::projection::Projection;
use crate::scenario::format::Scenario;

/// One year of a [`Line`].
#[derive(Debug, Clone, PartialEq)]
pub struct Point {
    /// The 31 March that ends the year projected (2027 for 2026-27).
    pub year: u16,
    /// Without the programmes: the baseline, children.
    pub without: f64,
    /// With the programmes: the baseline less the projection's change
    /// (never below zero), children.
    pub with: f64,
}

/// An outcome without and with the programmes over the years projected.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    /// The outcome.
    pub series: Series,
    /// The council's figure the baseline starts from.
    pub count: f64,
    /// The trend used, % a year (`None`: held flat).
    pub trend_pct: Option<f64>,
    /// One point per year projected.
    pub points: Vec<Point>,
}

/// Each outcome the council has a figure for, without and with the
/// programmes, year by year. With the programmes is the baseline less the
/// projection's change: fewer children in care on average over the year
/// for the looked-after count, care entries avoided for care starts,
/// fewer plans for plans, and for all children in need the fall in
/// children in need only, on plans and in care together.
///
/// ```
/// use outcome_model::calc::baseline::Series;
/// use outcome_model::views::baseline::lines;
/// let s = outcome_model::default_scenario();
/// let p = outcome_model::project(&s).unwrap();
/// let cp = lines(&s, &p).into_iter().find(|l| l.series == Series::CpPlans).unwrap();
/// // Flat: the council's figure every year, less the change with the programmes.
/// assert!(cp.points.iter().all(|pt| pt.without == cp.count && pt.with <= pt.without));
/// ```
pub fn lines(s: &Scenario, p: &Projection) -> Vec<Line> {
    let f = factors(s);
    let g = growth(s);
    let first = u32::from(s.assumptions.start_year) + 1;
    Series::ALL
        .into_iter()
        .filter_map(|k| {
            let count = k.count(&s.council)?;
            // As many years as the projection and the scenario both have
            // (a projection of another scenario, or a scenario not yet
            // validated, can differ): never an index out of range.
            let points = p
                .years
                .iter()
                .zip(f.iter().zip(&g))
                .enumerate()
                .map(|(t, (y, (f, g)))| {
                    let without = count * f[k.index()] * g;
                    let c = &y.counts;
                    let change = match k {
                        Series::LookedAfter => c.children_in_care_fewer,
                        Series::CareStarts => c.care_entries_avoided,
                        Series::CpPlans => c.cp_plans_fewer,
                        Series::ChildrenInNeed => {
                            c.children_in_need_fewer + c.cp_plans_fewer + c.children_in_care_fewer
                        }
                    };
                    Point {
                        year: u16::try_from(first.saturating_add(t as u32)).unwrap_or(u16::MAX),
                        without,
                        with: (without - change).max(0.0),
                    }
                })
                .collect();
            Some(Line {
                series: k,
                count,
                trend_pct: if s.assumptions.baseline.is_flat() {
                    None
                } else {
                    k.trend(&s.assumptions.baseline_trends)
                },
                points,
            })
        })
        .collect()
}
