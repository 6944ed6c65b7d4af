//! What each council spends on children's social care: MHCLG revenue
//! outturn (form RO3), net current expenditure, for 2022-23, 2023-24 and
//! 2024-25.
//!
//! The figures come from `data/official/la_spend_YYYY_YY.csv` (see
//! `SOURCES.md` there), read by [`parse_table`] from the council data file
//! ([`crate::context::council_data`]); every function here takes the rows
//! read.
//!
//! **Units.** The files hold £ thousand; everything this module returns is
//! in **pounds (£)**, in the cash prices of the financial year it is for
//! (2024-25 outturn is in 2024-25 prices), not adjusted for inflation.
//!
//! **Net current expenditure** is column C7 of RO3: revenue spending
//! (capital excluded), including the overheads councils charge to the
//! service, less sales, fees, charges and other income. Councils classify
//! costs differently, so small differences between councils mean little.
//!
//! A figure the return does not give (`[x]` not received in time, `[z]` not
//! collected, `[note 4]`) is `None`, never zero. The caveats MHCLG and
//! `SOURCES.md` attach to particular councils are in
//! [`CouncilSpend::caveats`]. Anything showing these figures must carry
//! [`CREDIT`].

use crate::base::csv;
use crate::base::error::{Error, ErrorKind};
use crate::context::history::{self, Measure, Rows, Series};
use crate::data::published::{self, Published};

/// Attribution required by the Open Government Licence wherever spending
/// figures (and the counts they are divided by) are shown.
pub const CREDIT: &str = "Contains public sector information licensed under the Open Government Licence v3.0. Source: Ministry of Housing, Communities and Local Government; Department for Education; Office for National Statistics.";

/// A financial year of outturn, 1 April to 31 March.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SpendYear {
    /// 1 April 2022 to 31 March 2023 (DLUHC second release, 14 December 2023).
    Y2022_23,
    /// 1 April 2023 to 31 March 2024 (MHCLG *first* release, 29 August 2024;
    /// returns from 367 of 411 authorities; later revisions are not in the
    /// data).
    Y2023_24,
    /// 1 April 2024 to 31 March 2025 (MHCLG second release, 4 December 2025).
    Y2024_25,
}

impl SpendYear {
    /// Every year with outturn, oldest first.
    pub const ALL: [SpendYear; 3] = [
        SpendYear::Y2022_23,
        SpendYear::Y2023_24,
        SpendYear::Y2024_25,
    ];

    /// The latest year with outturn.
    pub const LATEST: SpendYear = SpendYear::Y2024_25;

    /// The year as written in the files and on the page: `2024-25`.
    pub fn label(self) -> &'static str {
        match self {
            SpendYear::Y2022_23 => "2022-23",
            SpendYear::Y2023_24 => "2023-24",
            SpendYear::Y2024_25 => "2024-25",
        }
    }

    /// The year whose 31 March ends this financial year: 2025 for 2024-25.
    pub fn ends(self) -> u16 {
        match self {
            SpendYear::Y2022_23 => 2023,
            SpendYear::Y2023_24 => 2024,
            SpendYear::Y2024_25 => 2025,
        }
    }

    /// The financial year ending on 31 March of `year`.
    pub fn ending(year: u16) -> Option<SpendYear> {
        SpendYear::ALL.into_iter().find(|y| y.ends() == year)
    }

    /// Reads `2024-25`, `2024_25` or `2025` (the year it ends).
    ///
    /// ```
    /// use outcome_model::context::spend::SpendYear;
    /// assert_eq!(SpendYear::parse("2024-25"), Some(SpendYear::Y2024_25));
    /// assert_eq!(SpendYear::parse("2024"), Some(SpendYear::Y2023_24));
    /// assert_eq!(SpendYear::parse("2021-22"), None);
    /// ```
    pub fn parse(text: &str) -> Option<SpendYear> {
        let text = text.trim().replace('_', "-");
        SpendYear::ALL
            .into_iter()
            .find(|y| y.label() == text || y.ends().to_string() == text)
    }

    /// The file the year is read from: `la_spend_2024_25.csv`.
    pub fn file_name(self) -> String {
        format!("la_spend_{}.csv", self.label().replace('-', "_"))
    }

    /// Which release of the outturn the figures are, in words.
    pub fn release(self) -> &'static str {
        match self {
            SpendYear::Y2022_23 => "second release, 14 December 2023",
            SpendYear::Y2023_24 => {
                "first release, 29 August 2024 (returns from 367 of 411 authorities; later \
                 revisions are not included)"
            }
            SpendYear::Y2024_25 => "second release, 4 December 2025",
        }
    }
}

/// The columns of a `la_spend_YYYY_YY.csv` file, in order. Money columns
/// are net current expenditure in £ thousand.
pub const COLUMNS: [&str; 16] = [
    "new_la_code",
    "old_la_code",
    "la_name",
    "cla_total",
    "cla_residential",
    "cla_fostering",
    "cla_asylum",
    "cla_other",
    "other_children_family_services",
    "family_support",
    "youth_justice",
    "safeguarding",
    "asylum_seekers",
    "services_young_people",
    "sure_start_early_years",
    "total_childrens_social_care",
];

/// Number of money columns.
pub const MONEY_COLUMNS: usize = 13;

// Indexes into `SpendRow::figures` (column index minus 3).
const CLA_TOTAL: usize = 0;
const CLA_RESIDENTIAL: usize = 1;
const CLA_FOSTERING: usize = 2;
const CLA_ASYLUM: usize = 3;
const CLA_OTHER: usize = 4;
const OTHER_CHILDREN_FAMILY: usize = 5;
const FAMILY_SUPPORT: usize = 6;
const SAFEGUARDING: usize = 8;
const TOTAL_CSC: usize = 12;

/// One council's row as published: money in **£ thousand**, in the order of
/// [`COLUMNS`] from `cla_total` on.
#[derive(Debug, Clone, PartialEq)]
pub struct SpendRow<S = &'static str> {
    /// ONS code, e.g. `E10000015`.
    pub code: S,
    /// The Department for Education's three-digit code, e.g. `919`.
    pub old_code: S,
    /// Council name as DfE spells it.
    pub name: S,
    /// The 13 money columns, £ thousand, as published.
    pub figures: [Published<S>; MONEY_COLUMNS],
}

/// A row read from a file.
pub type OwnedSpendRow = SpendRow<String>;

/// Something to know before using a council's spending figures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SpendCaveat {
    /// The council's return was not received in time: every figure is
    /// `[x]` (MHCLG Notes column `M`).
    ReturnNotReceived,
    /// Only the children-looked-after total was given; MHCLG prints
    /// `[note 4]` in the four sub-lines (Gateshead, 2024-25).
    ClaBreakdownNotProvided,
    /// The council's children's services are run by a trust and the
    /// payment to it is recorded under "other children's and families
    /// services", not on the looked-after lines, so its looked-after spend
    /// (and spend per looked-after child) is meaningless; compare total
    /// children's social care instead (Sandwell, per `SOURCES.md`).
    ClaRecordedElsewhere,
    /// MHCLG's note 3 to the 2023-24 first release: the looked-after
    /// figures are unreliable (Harrow reported none, Richmond upon Thames
    /// gave no sub-lines, Southwark netted off about £40m more than in
    /// 2022-23).
    ClaUnreliable,
    /// The looked-after sub-lines do not add up to the looked-after total
    /// (by more than £1,000).
    ClaLinesDoNotAddUp,
}

impl SpendCaveat {
    /// The caveat in a lower-case sentence for the page or a CSV.
    pub fn text(self) -> &'static str {
        match self {
            SpendCaveat::ReturnNotReceived => {
                "the council's return was not received in time: no figures"
            }
            SpendCaveat::ClaBreakdownNotProvided => {
                "only the looked-after total was given, not residential, fostering and other"
            }
            SpendCaveat::ClaRecordedElsewhere => {
                "children's services are run by a trust and the payment to it is recorded \
                 outside the looked-after lines: compare total children's social care instead"
            }
            SpendCaveat::ClaUnreliable => {
                "MHCLG flags this council's looked-after figures in this release as unreliable"
            }
            SpendCaveat::ClaLinesDoNotAddUp => {
                "the looked-after sub-lines do not add up to the looked-after total"
            }
        }
    }

    /// Whether the caveat makes the looked-after total unusable as a unit
    /// cost.
    pub fn spoils_cla_total(self) -> bool {
        matches!(
            self,
            SpendCaveat::ReturnNotReceived
                | SpendCaveat::ClaRecordedElsewhere
                | SpendCaveat::ClaUnreliable
        )
    }
}

/// Councils whose looked-after spending is recorded on another line, every
/// year (from the caveats in `SOURCES.md`): Sandwell (Sandwell Children's
/// Trust). Other councils whose services are run by a trust or company may
/// also split costs unusually; they are not flagged, as the data does not
/// show it plainly.
pub const CLA_RECORDED_ELSEWHERE: &[&str] = &["E08000028"];

/// Councils whose looked-after figures MHCLG calls unreliable, by year
/// (MHCLG note 3 to the 2023-24 first release, as quoted in `SOURCES.md`):
/// Harrow, Richmond upon Thames, Southwark.
pub const CLA_UNRELIABLE: &[(SpendYear, &[&str])] = &[(
    SpendYear::Y2023_24,
    &["E09000015", "E09000027", "E09000028"],
)];

/// One council's net spending in one financial year, in **pounds (£)**
/// (cash prices of that year). `None` is "no figure" (return missing, line
/// not given), never zero; a published zero stays `Some(0.0)`.
///
/// `S` is the text type: `&'static str` from the built-in tables, `String`
/// from tables read at run time.
#[derive(Debug, Clone, PartialEq)]
pub struct CouncilSpend<S = &'static str> {
    /// ONS code.
    pub code: S,
    /// Council name as DfE spells it.
    pub name: S,
    /// The financial year.
    pub year: SpendYear,
    /// Children looked after, all (RO3 line 13), £.
    pub cla_total: Option<f64>,
    /// Of which residential care, £.
    pub cla_residential: Option<f64>,
    /// Of which fostering services, £.
    pub cla_fostering: Option<f64>,
    /// Of which asylum-seeking children who are looked after, £.
    pub cla_asylum: Option<f64>,
    /// Of which other, £ (excludes the asylum sub-line).
    pub cla_other: Option<f64>,
    /// Safeguarding children and young people's services, £.
    pub safeguarding: Option<f64>,
    /// Family support services, £.
    pub family_support: Option<f64>,
    /// Other children's and families services, £ (where Sandwell records
    /// its payment to its children's trust).
    pub other_children_family_services: Option<f64>,
    /// Total children's social care, £.
    pub total_childrens_social_care: Option<f64>,
    /// What to know before using the figures; empty when nothing is
    /// flagged.
    pub caveats: Vec<SpendCaveat>,
}

/// £ thousand as published to pounds, to the penny.
fn pounds<S: AsRef<str>>(k: &Published<S>) -> Option<f64> {
    k.value().map(|k| (k * 100_000.0).round() / 100.0)
}

/// The published row of the council with ONS code `code` (any letter case)
/// or DfE code among `rows`.
pub fn row<'a, S: AsRef<str>>(rows: &'a [SpendRow<S>], code: &str) -> Option<&'a SpendRow<S>> {
    let code = code.trim();
    rows.iter()
        .find(|r| r.code.as_ref().eq_ignore_ascii_case(code) || r.old_code.as_ref() == code)
}

fn is_code<S: AsRef<str>>(cell: &Published<S>, code: &str) -> bool {
    matches!(cell, Published::Code(c) if c.as_ref() == code)
}

/// The caveats of a published row.
fn caveats<S: AsRef<str>>(r: &SpendRow<S>, year: SpendYear) -> Vec<SpendCaveat> {
    let mut out = Vec::new();
    let f = &r.figures;
    let code = r.code.as_ref();
    if f.iter().all(|c| is_code(c, "[x]")) {
        out.push(SpendCaveat::ReturnNotReceived);
    }
    if f[CLA_RESIDENTIAL..=CLA_OTHER]
        .iter()
        .any(|c| is_code(c, "[note 4]"))
    {
        out.push(SpendCaveat::ClaBreakdownNotProvided);
    }
    if CLA_RECORDED_ELSEWHERE.contains(&code) {
        out.push(SpendCaveat::ClaRecordedElsewhere);
    }
    if CLA_UNRELIABLE
        .iter()
        .any(|(y, codes)| *y == year && codes.contains(&code))
    {
        out.push(SpendCaveat::ClaUnreliable);
    }
    if let Some(total) = f[CLA_TOTAL].value() {
        let parts: Vec<f64> = f[CLA_RESIDENTIAL..=CLA_OTHER]
            .iter()
            .filter_map(Published::value)
            .collect();
        if !parts.is_empty() && (parts.iter().sum::<f64>() - total).abs() > 1.0 {
            out.push(SpendCaveat::ClaLinesDoNotAddUp);
        }
    }
    out
}

/// A council's net spending in `year`, in pounds, with its caveats, from
/// the rows of `year`; `None` when the council has no row (it did not exist
/// or is not a children's services authority).
///
/// ```
/// use outcome_model::context::spend::{council_spend, SpendYear};
/// let data = outcome_model::context::council_data::CouncilData::from_module(include_str!(
///     concat!(env!("CARGO_MANIFEST_DIR"), "/../../www/data/council-data.js")
/// ))
/// .unwrap();
/// let rows = data.spend_rows(SpendYear::Y2024_25);
/// let herts = council_spend(rows, "E10000015", SpendYear::Y2024_25).unwrap();
/// assert_eq!(herts.cla_total, Some(120_818_050.0)); // £120.8 million
/// assert!(herts.caveats.is_empty());
///
/// let birmingham = council_spend(rows, "E08000025", SpendYear::Y2024_25).unwrap();
/// assert_eq!(birmingham.cla_total, None); // return not received: no figure, not zero
/// ```
pub fn council_spend<S: AsRef<str> + Clone>(
    rows: &[SpendRow<S>],
    code: &str,
    year: SpendYear,
) -> Option<CouncilSpend<S>> {
    let r = row(rows, code)?;
    let f = &r.figures;
    Some(CouncilSpend {
        code: r.code.clone(),
        name: r.name.clone(),
        year,
        cla_total: pounds(&f[CLA_TOTAL]),
        cla_residential: pounds(&f[CLA_RESIDENTIAL]),
        cla_fostering: pounds(&f[CLA_FOSTERING]),
        cla_asylum: pounds(&f[CLA_ASYLUM]),
        cla_other: pounds(&f[CLA_OTHER]),
        safeguarding: pounds(&f[SAFEGUARDING]),
        family_support: pounds(&f[FAMILY_SUPPORT]),
        other_children_family_services: pounds(&f[OTHER_CHILDREN_FAMILY]),
        total_childrens_social_care: pounds(&f[TOTAL_CSC]),
        caveats: caveats(r, year),
    })
}

/// Why a council has no spend per looked-after child for a year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoUnitSpend {
    /// The council has no spending row for the year.
    NoRow,
    /// The looked-after total is not given; why, in words (e.g. "return not
    /// received in time (`[x]`)").
    NoSpend(&'static str),
    /// The looked-after total is given but unusable (see the caveat).
    Spoiled(SpendCaveat),
    /// A count of children looked after at 31 March (start or end of the
    /// year) is missing: suppressed, or the council did not exist then.
    NoCount {
        /// The 31 March whose count is missing.
        year: u16,
    },
    /// The average count is zero.
    NoChildren,
}

impl NoUnitSpend {
    /// The reason in lower-case words.
    pub fn text(self) -> String {
        match self {
            NoUnitSpend::NoRow => "no spending return for this council and year".to_string(),
            NoUnitSpend::NoSpend(why) => format!("no looked-after spending figure: {why}"),
            NoUnitSpend::Spoiled(caveat) => caveat.text().to_string(),
            NoUnitSpend::NoCount { year } => {
                format!("no count of children looked after at 31 March {year}")
            }
            NoUnitSpend::NoChildren => "no children looked after".to_string(),
        }
    }
}

/// Net spending on children looked after per looked-after child, in £ a
/// year (cash prices of `year`), or why there is none.
///
/// It is the looked-after total (RO3 line 13) divided by the **average of
/// the counts of children looked after at 31 March at the start and at the
/// end of the financial year** (for 2024-25: 31 March 2024 and 31 March
/// 2025, from the DfE history). The spending runs over the whole year, so
/// the mean of the opening and closing counts stands for the number looked
/// after during it better than either date alone, especially in a council
/// whose numbers are growing or falling; it is the method of the check in
/// `SOURCES.md`.
///
/// It is an **average cost, not a marginal one**: it spreads fixed costs
/// and the most expensive placements over every child, so one child fewer
/// in care saves less (or, for a child leaving a costly placement, more)
/// than this figure. The 31 March counts also miss children looked after
/// for part of the year only, councils classify costs differently, and
/// small councils swing widely.
///
/// ```
/// use outcome_model::context::spend::{per_child, SpendYear};
/// let data = outcome_model::context::council_data::CouncilData::from_module(include_str!(
///     concat!(env!("CARGO_MANIFEST_DIR"), "/../../www/data/council-data.js")
/// ))
/// .unwrap();
/// let rows = data.spend_rows(SpendYear::Y2024_25);
/// // Hertfordshire 2024-25: £120,818,050 / ((971 + 999) / 2) children
/// let herts = per_child(rows, &data.history, "E10000015", SpendYear::Y2024_25).unwrap();
/// assert_eq!(herts.round(), 122_658.0);
/// // Sandwell records its looked-after spending elsewhere.
/// assert!(per_child(rows, &data.history, "E08000028", SpendYear::Y2024_25).is_err());
/// ```
pub fn per_child<S: AsRef<str>, T: AsRef<str>, R: Rows<T>>(
    rows: &[SpendRow<S>],
    history: &[Series<T, R>],
    code: &str,
    year: SpendYear,
) -> Result<f64, NoUnitSpend> {
    let r = row(rows, code).ok_or(NoUnitSpend::NoRow)?;
    if let Some(&c) = caveats(r, year).iter().find(|c| c.spoils_cla_total()) {
        return Err(NoUnitSpend::Spoiled(c));
    }
    let cell = &r.figures[CLA_TOTAL];
    let Some(total) = pounds(cell) else {
        return Err(NoUnitSpend::NoSpend(
            cell.why_missing().unwrap_or("not published"),
        ));
    };
    let series = history::find(history, r.code.as_ref());
    let count = |y: u16| {
        series
            .and_then(|s| s.value(y, Measure::LookedAfter))
            .ok_or(NoUnitSpend::NoCount { year: y })
    };
    let start = count(year.ends() - 1)?;
    let end = count(year.ends())?;
    let average = (start + end) / 2.0;
    if average <= 0.0 {
        return Err(NoUnitSpend::NoChildren);
    }
    Ok(total / average)
}

/// What the page says beside a council's spend per looked-after child
/// wherever it is offered as a unit cost.
pub const PER_CHILD_NOTE: &str = "Your council's net spending on children looked after, divided by the average number looked after at 31 March at the start and end of the year (MHCLG revenue outturn and DfE figures). It is an average cost, not a marginal one: one child fewer in care saves less than this, or more if the child left an expensive placement. Councils record costs differently.";

/// Spending per looked-after child across England in `year`: the sum of
/// the looked-after totals of every council with a usable per-child figure,
/// over the sum of their average counts (£ a year; an average, not a
/// marginal cost). MHCLG's own England figure also includes estimates for
/// missing returns, so it differs a little.
pub fn england_per_child<S: AsRef<str>, T: AsRef<str>, R: Rows<T>>(
    rows: &[SpendRow<S>],
    history: &[Series<T, R>],
    year: SpendYear,
) -> Option<f64> {
    let (mut spend, mut children) = (0.0, 0.0);
    for r in rows {
        if let Ok(per_child) = per_child(rows, history, r.code.as_ref(), year) {
            let total = pounds(&r.figures[CLA_TOTAL]).unwrap_or(0.0);
            spend += total;
            children += total / per_child;
        }
    }
    (children > 0.0).then(|| spend / children)
}

/// Reads a file in the `la_spend_YYYY_YY.csv` format (the columns in
/// [`COLUMNS`], a header first), in file order. Codes stay codes; errors
/// name the line and column.
pub fn parse_table(text: &str) -> Result<Vec<OwnedSpendRow>, Error> {
    let records = csv::records(text)?;
    let rows = csv::body(&records, &COLUMNS, "a spending file")?;
    let mut out: Vec<OwnedSpendRow> = Vec::with_capacity(rows.len());
    for row in rows {
        let cell = |i: usize| row.fields.get(i).map_or("", |s| s.trim());
        let field = |i: usize| csv::place(row.line, Some(COLUMNS[i]));
        if out.iter().any(|r| r.code == cell(0)) {
            return Err(Error::new(
                field(0),
                ErrorKind::Conflict {
                    reason: format!("{} is listed twice", cell(0)),
                },
            ));
        }
        let mut figures: [Published<String>; MONEY_COLUMNS] =
            std::array::from_fn(|_| Published::Blank);
        for (i, slot) in figures.iter_mut().enumerate() {
            *slot = published::read(cell(i + 3), field(i + 3))?;
        }
        out.push(SpendRow {
            code: cell(0).to_string(),
            old_code: cell(1).to_string(),
            name: cell(2).to_string(),
            figures,
        });
    }
    Ok(out)
}
