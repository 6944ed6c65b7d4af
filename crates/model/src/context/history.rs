//! Each council's published figures year by year, 2013 to 2025: children
//! looked after, care starts and endings, children in need, child
//! protection plans, and children aged 0 to 17.
//!
//! The figures come from `data/official/la_history.csv` (see
//! `SOURCES.md` there): DfE *Children looked after in England including
//! adoptions* and *Children in need*, with the ONS mid-year population
//! estimates DfE uses for its rates. The file is read by [`parse_table`],
//! from the council data file (`www/data/council-data.js`, see
//! [`crate::context::council_data`]) the browser, the CLI and the tests
//! all read; every function here takes the councils read.
//!
//! `year` is always the 31 March that ends the reporting year. Looked-after
//! figures exist only from 2019. A council that was created or abolished by
//! a boundary change has rows only for the years it existed, under its own
//! code: no series is stitched across a boundary change. A figure that is
//! suppressed or not published is `None`, never zero, and
//! [`Published::why_missing`] says why. Anything showing these figures must
//! carry [`CREDIT`].

use crate::base::csv;
use crate::base::error::{Error, ErrorKind, Location};
use crate::data::published::{self, Published};

/// Attribution required by the Open Government Licence wherever these
/// figures are shown.
pub const CREDIT: &str = "Contains public sector information licensed under the Open Government Licence v3.0. Source: Department for Education; Office for National Statistics.";

/// The first year (31 March) in the history.
pub const FIRST_YEAR: u16 = 2013;

/// The latest year (31 March) in the history.
pub const LAST_YEAR: u16 = 2025;

/// A figure in the history, in column order of `la_history.csv`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Measure {
    /// Children aged 0 to 17: the ONS mid-year estimate for mid-(year - 1),
    /// as DfE pairs it with 31 March of `year`.
    Population,
    /// Children looked after at 31 March (2019 on).
    LookedAfter,
    /// Children starting to be looked after in the year to 31 March (2019 on).
    CareStarts,
    /// Children ceasing to be looked after in the year to 31 March (2019 on).
    CareCeased,
    /// Children in need at 31 March.
    ChildrenInNeed,
    /// Children in need episodes started in the year to 31 March.
    CinStarted,
    /// Children on a child protection plan at 31 March.
    CpPlans,
}

impl Measure {
    /// Every measure, in column order.
    pub const ALL: [Measure; 7] = [
        Measure::Population,
        Measure::LookedAfter,
        Measure::CareStarts,
        Measure::CareCeased,
        Measure::ChildrenInNeed,
        Measure::CinStarted,
        Measure::CpPlans,
    ];

    /// The outcomes a trend is projected for (all but the population).
    pub const OUTCOMES: [Measure; 4] = [
        Measure::LookedAfter,
        Measure::CareStarts,
        Measure::CpPlans,
        Measure::ChildrenInNeed,
    ];

    /// Column of `la_history.csv`.
    pub fn column(self) -> &'static str {
        COLUMNS[4 + self.index()]
    }

    /// Name in words, lower case.
    pub fn name(self) -> &'static str {
        match self {
            Measure::Population => "children aged 0 to 17",
            Measure::LookedAfter => "children looked after at 31 March",
            Measure::CareStarts => "children starting to be looked after",
            Measure::CareCeased => "children ceasing to be looked after",
            Measure::ChildrenInNeed => "children in need at 31 March",
            Measure::CinStarted => "children in need episodes started",
            Measure::CpPlans => "child protection plans at 31 March",
        }
    }

    /// Reads a measure by its column name (`cla_31mar`) or a short name
    /// (`looked-after`, `care-starts`, `cp-plans`, `cin`, `population`).
    pub fn parse(text: &str) -> Option<Measure> {
        let t = text.trim().to_ascii_lowercase().replace('_', "-");
        Measure::ALL.into_iter().find(|m| {
            m.column().replace('_', "-") == t
                || match m {
                    Measure::Population => t == "population",
                    Measure::LookedAfter => t == "looked-after" || t == "cla",
                    Measure::CareStarts => t == "care-starts",
                    Measure::CareCeased => t == "care-ceased",
                    Measure::ChildrenInNeed => t == "cin" || t == "children-in-need",
                    Measure::CinStarted => t == "cin-started",
                    Measure::CpPlans => t == "cp-plans" || t == "cpp",
                }
        })
    }

    fn index(self) -> usize {
        match self {
            Measure::Population => 0,
            Measure::LookedAfter => 1,
            Measure::CareStarts => 2,
            Measure::CareCeased => 3,
            Measure::ChildrenInNeed => 4,
            Measure::CinStarted => 5,
            Measure::CpPlans => 6,
        }
    }
}

/// The columns of `la_history.csv`, in order.
pub const COLUMNS: [&str; 11] = [
    "new_la_code",
    "old_la_code",
    "la_name",
    "year",
    "pop_0_17",
    "cla_31mar",
    "cla_starts",
    "cla_ceased",
    "cin_31mar",
    "cin_episodes_started",
    "cpp_31mar",
];

/// One council's history: the years it existed, oldest first, each with the
/// seven figures in [`Measure::ALL`] order, as published.
#[derive(Debug, Clone, PartialEq)]
pub struct Series<S = &'static str, R = &'static [(u16, [Published; 7])]> {
    /// ONS code (the current code for councils recoded without a boundary
    /// change: Buckinghamshire, North Yorkshire, Somerset).
    pub code: S,
    /// The Department for Education's three-digit code.
    pub old_code: S,
    /// Council name as DfE spells it.
    pub name: S,
    /// `(year, figures)`, oldest first.
    pub rows: R,
}

/// A council's history read from a file.
pub type OwnedSeries = Series<String, Vec<(u16, [Published<String>; 7])>>;

/// The rows of a series: a slice in the built-in table, a `Vec` when read
/// from a file.
pub trait Rows<S>: AsRef<[(u16, [Published<S>; 7])]> {}
impl<S, R: AsRef<[(u16, [Published<S>; 7])]>> Rows<S> for R {}

impl<S: AsRef<str>, R: Rows<S>> Series<S, R> {
    /// The published cell of `measure` in `year`; `None` when the council
    /// has no row that year (it did not exist).
    pub fn cell(&self, year: u16, measure: Measure) -> Option<&Published<S>> {
        self.rows
            .as_ref()
            .iter()
            .find(|(y, _)| *y == year)
            .map(|(_, f)| &f[measure.index()])
    }

    /// The figure of `measure` in `year`; `None` when there is none.
    pub fn value(&self, year: u16, measure: Measure) -> Option<f64> {
        self.cell(year, measure).and_then(Published::value)
    }

    /// The years the council existed, oldest first.
    pub fn years(&self) -> Vec<u16> {
        self.rows.as_ref().iter().map(|(y, _)| *y).collect()
    }

    /// `(year, figure)` for every year the council existed, oldest first.
    pub fn values(&self, measure: Measure) -> Vec<(u16, Option<f64>)> {
        self.rows
            .as_ref()
            .iter()
            .map(|(y, f)| (*y, f[measure.index()].value()))
            .collect()
    }

    /// `(year, rate per 10,000 children aged 0 to 17)`, oldest first.
    pub fn rates(&self, measure: Measure) -> Vec<(u16, Option<f64>)> {
        self.rows
            .as_ref()
            .iter()
            .map(|(y, f)| (*y, rate(f[measure.index()].value(), f[0].value())))
            .collect()
    }

    /// The years with no figure for `measure`, each with why, oldest first.
    pub fn missing(&self, measure: Measure) -> Vec<(u16, &'static str)> {
        self.rows
            .as_ref()
            .iter()
            .filter_map(|(y, f)| f[measure.index()].why_missing().map(|why| (*y, why)))
            .collect()
    }
}

/// `count` per 10,000 of `population`; `None` if either is missing or the
/// population is not above zero.
///
/// ```
/// use outcome_model::context::history::rate;
/// assert_eq!(rate(Some(999.0), Some(277_480.0)).map(|r| (r * 10.0).round() / 10.0), Some(36.0));
/// assert_eq!(rate(None, Some(1000.0)), None);
/// ```
pub fn rate(count: Option<f64>, population: Option<f64>) -> Option<f64> {
    match (count, population) {
        (Some(c), Some(p)) if p > 0.0 => Some(c / p * 10_000.0),
        _ => None,
    }
}

/// The history of the council with ONS code `code` (any letter case) or DfE
/// code, among `councils`.
pub fn find<'a, S: AsRef<str>, R: Rows<S>>(
    councils: &'a [Series<S, R>],
    code: &str,
) -> Option<&'a Series<S, R>> {
    let code = code.trim();
    councils
        .iter()
        .find(|s| s.code.as_ref().eq_ignore_ascii_case(code) || s.old_code.as_ref() == code)
}

/// The published cell of `measure` for council `code` at `year`; `None`
/// when the council has no row that year.
///
/// ```
/// use outcome_model::context::council_data::CouncilData;
/// use outcome_model::context::history::{figure, Measure};
/// let data = CouncilData::from_module(include_str!(concat!(
///     env!("CARGO_MANIFEST_DIR"),
///     "/../../www/data/council-data.js"
/// )))
/// .unwrap();
/// let herts = figure(&data.history, "E10000015", 2025, Measure::LookedAfter).unwrap();
/// assert_eq!(herts.value(), Some(999.0));
/// // No looked-after figures before 2019: blank, not zero.
/// let before = figure(&data.history, "E10000015", 2018, Measure::LookedAfter).unwrap();
/// assert_eq!(before.value(), None);
/// ```
pub fn figure<S: AsRef<str>, R: Rows<S>>(
    councils: &[Series<S, R>],
    code: &str,
    year: u16,
    measure: Measure,
) -> Option<Published<String>> {
    find(councils, code)?
        .cell(year, measure)
        .map(Published::owned)
}

/// A council's series of `measure`: `(year, count)` for each year it
/// existed, oldest first; empty for an unknown code.
pub fn series<S: AsRef<str>, R: Rows<S>>(
    councils: &[Series<S, R>],
    code: &str,
    measure: Measure,
) -> Vec<(u16, Option<f64>)> {
    find(councils, code).map_or_else(Vec::new, |s| s.values(measure))
}

/// England's series of `measure`, 2013 to 2025: the sum of the council
/// rows that have a figure (councils whose figure is suppressed are left
/// out, so it can be a little below DfE's published total, which is also
/// rounded to the nearest 10); `None` for a year in which no council has a
/// figure (looked-after figures before 2019).
pub fn england_series<S: AsRef<str>, R: Rows<S>>(
    councils: &[Series<S, R>],
    measure: Measure,
) -> Vec<(u16, Option<f64>)> {
    (FIRST_YEAR..=LAST_YEAR)
        .map(|year| {
            let mut sum = 0.0;
            let mut any = false;
            for s in councils {
                if let Some(v) = s.value(year, measure) {
                    sum += v;
                    any = true;
                }
            }
            (year, any.then_some(sum))
        })
        .collect()
}

/// England's rate of `measure` per 10,000 children aged 0 to 17: over the
/// councils with both a figure and a population that year, the sum of
/// figures over the sum of populations.
pub fn england_rate_series<S: AsRef<str>, R: Rows<S>>(
    councils: &[Series<S, R>],
    measure: Measure,
) -> Vec<(u16, Option<f64>)> {
    (FIRST_YEAR..=LAST_YEAR)
        .map(|year| {
            let (mut count, mut population) = (0.0, 0.0);
            for s in councils {
                let c = s.value(year, measure);
                let p = s.value(year, Measure::Population);
                if let (Some(c), Some(p)) = (c, p) {
                    count += c;
                    population += p;
                }
            }
            (year, rate(Some(count), Some(population)))
        })
        .collect()
}

/// The years a council has no figure for `measure`, each with why, oldest
/// first (a year the council did not exist is not listed).
pub fn missing<S: AsRef<str>, R: Rows<S>>(
    councils: &[Series<S, R>],
    code: &str,
    measure: Measure,
) -> Vec<(u16, &'static str)> {
    find(councils, code).map_or_else(Vec::new, |s| s.missing(measure))
}

/// An error of the kind `kind` (an [`ErrorKind`] variant's constructor)
/// at `field`, in the words `reason`.
fn invalid(kind: fn(String) -> ErrorKind, field: Location, reason: String) -> Error {
    Error::new(field, kind(reason))
}

fn conflict(reason: String) -> ErrorKind {
    ErrorKind::Conflict { reason }
}

/// Reads `la_history.csv` (the columns in [`COLUMNS`], a header first) as
/// one series a council, councils in order of first appearance, years
/// sorted. Errors name the line and column: a wrong header, a figure that
/// is not a number or is negative, a council whose DfE code or name changes
/// between rows, or a council with two rows for one year.
pub fn parse_table(text: &str) -> Result<Vec<OwnedSeries>, Error> {
    let records = csv::records(text)?;
    let rows = csv::body(&records, &COLUMNS, "a history file")?;
    let mut out: Vec<OwnedSeries> = Vec::new();
    for row in rows {
        let cell = |i: usize| row.fields.get(i).map_or("", |s| s.trim());
        let field = |i: usize| csv::place(row.line, Some(COLUMNS[i]));
        let year: u16 = cell(3)
            .parse()
            .ok()
            .filter(|y| (FIRST_YEAR..=LAST_YEAR).contains(y))
            .ok_or_else(|| {
                invalid(
                    |reason| ErrorKind::BadCell { reason },
                    field(3),
                    format!("{} is not a year from {FIRST_YEAR} to {LAST_YEAR}", cell(3)),
                )
            })?;
        let mut figures: [Published<String>; 7] = std::array::from_fn(|_| Published::Blank);
        for (i, slot) in figures.iter_mut().enumerate() {
            let p = published::read(cell(i + 4), field(i + 4))?;
            if p.value().is_some_and(|v| v < 0.0 || v.fract() != 0.0) {
                return Err(invalid(
                    |reason| ErrorKind::BadCount { reason },
                    field(i + 4),
                    format!("{} is not a count of children", cell(i + 4)),
                ));
            }
            *slot = p;
        }
        let series = match out.iter_mut().find(|s| s.code == cell(0)) {
            Some(s) => {
                if s.old_code != cell(1) || s.name != cell(2) {
                    return Err(invalid(
                        conflict,
                        field(0),
                        format!(
                            "{} has another DfE code or name on an earlier line",
                            cell(0)
                        ),
                    ));
                }
                s
            }
            None => {
                out.push(Series {
                    code: cell(0).to_string(),
                    old_code: cell(1).to_string(),
                    name: cell(2).to_string(),
                    rows: Vec::new(),
                });
                out.last_mut().expect("just pushed")
            }
        };
        if series.rows.iter().any(|(y, _)| *y == year) {
            return Err(invalid(
                conflict,
                field(3),
                format!("{} has two rows for {year}", cell(0)),
            ));
        }
        series.rows.push((year, figures));
    }
    for s in &mut out {
        // The sort of `sorted`, not the standard one: the browser reads
        // these files too.
        crate::base::sorted::sort_by(&mut s.rows, |a, b| a.0 < b.0);
    }
    Ok(out)
}
