//! The counts without the programmes, year by year: the council's figures
//! held flat, or moved by the yearly trend of each outcome the scenario
//! carries ([`Assumptions::baseline`](crate::Assumptions::baseline) and
//! [`Assumptions::baseline_trends`](crate::Assumptions::baseline_trends)).
//!
//! A trend moves only the baseline. The engine scales, year by year, the
//! counts it holds the programmes' changes to and the counts an effect
//! measured as a share of the council's count is a share of; effects
//! measured per family served do not move. The figures are at 31 March of
//! [`Council::data_year`](crate::Council::data_year); the first year
//! projected, the financial year starting in `start_year`, ends
//! [`lead_years`] later, so year *t* of the projection has
//! `count × (1 + trend)^(lead + t)`. The lines without and with the
//! programmes are [`crate::views::baseline::lines`].

use crate::calc::resolve::Change;
use crate::scenario::format::{BaselineTrends, Council, Scenario};

/// An outcome with a published history that a trend can move.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Series {
    /// Children looked after at 31 March (a stock).
    LookedAfter,
    /// Children starting to be looked after in the year (a flow).
    CareStarts,
    /// Children on child protection plans at 31 March (a stock).
    CpPlans,
    /// Children in need at 31 March, all tiers (a stock).
    ChildrenInNeed,
}

impl Series {
    /// Every series, in the order of [`BaselineTrends`].
    pub const ALL: [Series; 4] = [
        Series::LookedAfter,
        Series::CareStarts,
        Series::CpPlans,
        Series::ChildrenInNeed,
    ];

    /// Its place in [`Series::ALL`] (and in each year of [`factors`]).
    pub fn index(self) -> usize {
        match self {
            Series::LookedAfter => 0,
            Series::CareStarts => 1,
            Series::CpPlans => 2,
            Series::ChildrenInNeed => 3,
        }
    }

    /// Name in words, lower case.
    pub fn name(self) -> &'static str {
        match self {
            Series::LookedAfter => "children looked after at 31 March",
            Series::CareStarts => "children starting to be looked after in the year",
            Series::CpPlans => "child protection plans at 31 March",
            Series::ChildrenInNeed => "children in need at 31 March",
        }
    }

    /// Its field in the scenario format, e.g.
    /// `assumptions.baseline_trends.cp_plans_pct`.
    pub fn path(self) -> &'static str {
        match self {
            Series::LookedAfter => "assumptions.baseline_trends.looked_after_pct",
            Series::CareStarts => "assumptions.baseline_trends.care_starts_pct",
            Series::CpPlans => "assumptions.baseline_trends.cp_plans_pct",
            Series::ChildrenInNeed => "assumptions.baseline_trends.children_in_need_pct",
        }
    }

    /// The series whose count an effect of kind `change` measured as a
    /// share of the council's count is a share of: care starts for care
    /// entries and time in care, plans, children in need; `None` for
    /// events without a history.
    pub fn of(change: Change) -> Option<Series> {
        match change {
            Change::CareTime | Change::CareEntries | Change::InCareAt12Months => {
                Some(Series::CareStarts)
            }
            Change::CpPlans => Some(Series::CpPlans),
            Change::ChildrenInNeedAllTiers | Change::ChildrenInNeedOnly => {
                Some(Series::ChildrenInNeed)
            }
            Change::Flow(_) => None,
        }
    }

    /// Its trend figure in `t`, % a year.
    pub fn trend(self, t: &BaselineTrends) -> Option<f64> {
        match self {
            Series::LookedAfter => t.looked_after_pct,
            Series::CareStarts => t.care_starts_pct,
            Series::CpPlans => t.cp_plans_pct,
            Series::ChildrenInNeed => t.children_in_need_pct,
        }
    }

    /// Sets its trend figure in `t`, % a year.
    pub fn set_trend(self, t: &mut BaselineTrends, pct: Option<f64>) {
        match self {
            Series::LookedAfter => t.looked_after_pct = pct,
            Series::CareStarts => t.care_starts_pct = pct,
            Series::CpPlans => t.cp_plans_pct = pct,
            Series::ChildrenInNeed => t.children_in_need_pct = pct,
        }
    }

    /// The council's figure of it.
    pub fn count(self, c: &Council) -> Option<f64> {
        match self {
            Series::LookedAfter => c.children_looked_after,
            Series::CareStarts => c.care_starts,
            Series::CpPlans => c.cp_plans,
            Series::ChildrenInNeed => c.children_in_need,
        }
    }
}

/// Years from 31 March of the council's figures to the end of the first
/// year projected: `start_year + 1 − data_year` (2 for figures at 31 March
/// 2025 and a programme starting in 2026-27), at least 1; 1 when the
/// figures have no year.
///
/// ```
/// use outcome_model::calc::baseline::lead_years;
/// let mut s = outcome_model::default_scenario();
/// s.council.data_year = Some(2025);
/// s.assumptions.start_year = 2026;
/// assert_eq!(lead_years(&s), 2);
/// s.council.data_year = None;
/// assert_eq!(lead_years(&s), 1);
/// ```
pub fn lead_years(s: &Scenario) -> i32 {
    match s.council.data_year {
        Some(y) => (i32::from(s.assumptions.start_year) + 1 - i32::from(y)).max(1),
        None => 1,
    }
}

/// Most years projected, as validation allows (the bound of
/// `assumptions.horizon_years` in [`crate::scenario::fields`]).
pub const MAX_HORIZON_YEARS: usize = crate::scenario::fields::MAX_YEARS as usize;

/// The years projected, never more than validation allows: a scenario not
/// yet validated (a form being typed) cannot make these loops run long.
fn years(s: &Scenario) -> usize {
    (s.assumptions.horizon_years as usize).min(MAX_HORIZON_YEARS)
}

/// For each year projected, each series' multiplier on the council's
/// figure from its trend (in [`Series::ALL`] order): exactly 1 when the
/// baseline is flat or the series has no trend figure.
pub fn factors(s: &Scenario) -> Vec<[f64; 4]> {
    let a = &s.assumptions;
    let h = years(s);
    if a.baseline.is_flat() {
        return vec![[1.0; 4]; h];
    }
    let lead = lead_years(s);
    (0..h)
        .map(|t| {
            let mut f = [1.0; 4];
            for k in Series::ALL {
                if let Some(pct) = k.trend(&a.baseline_trends) {
                    f[k.index()] = Yearly::of(pct).factor.powi(trend_years(lead, t));
                }
            }
            f
        })
        .collect()
}

/// Years a trend has run by the end of year `t` (0-based): `lead`
/// ([`lead_years`]) and the years after the first.
#[inline]
pub fn trend_years(lead: i32, t: usize) -> i32 {
    lead + t as i32
}

/// A yearly change as the baseline applies it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Yearly {
    /// The change a year as a share (% ÷ 100).
    pub share: f64,
    /// 1 + that: the factor a year.
    pub factor: f64,
}

impl Yearly {
    /// The yearly change of `pct` %.
    ///
    /// ```
    /// use outcome_model::calc::baseline::Yearly;
    /// assert_eq!(Yearly::of(50.0), Yearly { share: 0.5, factor: 1.5 });
    /// ```
    #[inline]
    pub fn of(pct: f64) -> Yearly {
        let share = pct / 100.0;
        Yearly {
            share,
            factor: 1.0 + share,
        }
    }
}

/// The typed yearly change of every count
/// ([`Assumptions::baseline_trend_pct`](crate::Assumptions::baseline_trend_pct))
/// for each year projected: `(1 + pct)^t`, 1 in the first year.
pub fn growth(s: &Scenario) -> Vec<f64> {
    let a = &s.assumptions;
    let y = Yearly::of(a.baseline_trend_pct);
    (0..years(s)).map(|t| y.factor.powi(t as i32)).collect()
}
