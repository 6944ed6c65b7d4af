//! "Councils like yours": a council's rates per 10,000 children and its
//! spend per looked-after child beside its ten statistical neighbours,
//! their median and England.
//!
//! Rates are per 10,000 children aged 0 to 17 at 31 March of the year (care
//! starts: in the year to 31 March). Spend per looked-after child is
//! [`spend::per_child`] for the financial year that ends
//! on that 31 March, in £ of that year: an **average cost, not a marginal
//! one**. A missing figure is `None`, never zero, and is left out of the
//! median. Anything showing these figures must carry [`CREDIT`].

use crate::base::error::{Error, ErrorKind};
use crate::base::outcome::Outcome;
use crate::context::council_data::CouncilData;
use crate::context::history::{self, Measure};
use crate::context::neighbours::{self, median, Closeness};
use crate::context::spend::{self, SpendYear};
use crate::data::evidence::{Grade, CUSTOM_ID};
use crate::scenario::format::{
    CustomEffect, CustomMeasure, CustomProgramme, ProgrammeChoice, Scenario,
};

pub use crate::context::council_data::CREDIT;

/// The figures compared.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Rates {
    /// Children looked after at 31 March per 10,000 children.
    pub looked_after: Option<f64>,
    /// Child protection plans at 31 March per 10,000 children.
    pub cp_plans: Option<f64>,
    /// Children in need at 31 March per 10,000 children.
    pub children_in_need: Option<f64>,
    /// Children starting to be looked after in the year, per 10,000 children.
    pub care_starts: Option<f64>,
    /// Net spend on children looked after per looked-after child, £ a year
    /// (an average cost, not a marginal one).
    pub spend_per_looked_after_child: Option<f64>,
}

impl Rates {
    /// The figures with their CSV column names, in order.
    pub fn columns(&self) -> [(&'static str, Option<f64>); 5] {
        [
            ("looked_after_per_10k", self.looked_after),
            ("cp_plans_per_10k", self.cp_plans),
            ("children_in_need_per_10k", self.children_in_need),
            ("care_starts_per_10k", self.care_starts),
            (
                "spend_per_looked_after_child_gbp",
                self.spend_per_looked_after_child,
            ),
        ]
    }
}

impl Rates {
    /// The rate of `measure` per 10,000 children, where it is one of the
    /// four compared.
    pub fn of(&self, measure: Measure) -> Option<f64> {
        match measure {
            Measure::LookedAfter => self.looked_after,
            Measure::CpPlans => self.cp_plans,
            Measure::ChildrenInNeed => self.children_in_need,
            Measure::CareStarts => self.care_starts,
            _ => None,
        }
    }
}

/// What a row of the comparison is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// The council chosen.
    Council,
    /// One of its statistical neighbours, with the closeness band.
    Neighbour(Closeness),
    /// The median of the neighbours that have the figure.
    NeighbourMedian,
    /// England: every council's figures summed.
    England,
}

impl Role {
    /// The role in words, as in the CSV.
    pub fn label(self) -> &'static str {
        match self {
            Role::Council => "council",
            Role::Neighbour(_) => "neighbour",
            Role::NeighbourMedian => "neighbours' median",
            Role::England => "England",
        }
    }
}

/// One row of the comparison.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// What the row is.
    pub role: Role,
    /// ONS code (`None` for the median and England).
    pub code: Option<String>,
    /// Name.
    pub name: String,
    /// The figures.
    pub rates: Rates,
}

/// A council beside its neighbours, their median and England.
#[derive(Debug, Clone, PartialEq)]
pub struct Comparison {
    /// The 31 March of the rates.
    pub year: u16,
    /// The financial year of the spend.
    pub spend_year: Option<SpendYear>,
    /// The council, its ten neighbours (closest first), the neighbours'
    /// median, England.
    pub rows: Vec<Row>,
}

fn council_rates(data: &CouncilData, code: &str, year: u16) -> Rates {
    let series = history::find(&data.history, code);
    let r = |m: Measure| {
        series.and_then(|s| history::rate(s.value(year, m), s.value(year, Measure::Population)))
    };
    Rates {
        looked_after: r(Measure::LookedAfter),
        cp_plans: r(Measure::CpPlans),
        children_in_need: r(Measure::ChildrenInNeed),
        care_starts: r(Measure::CareStarts),
        spend_per_looked_after_child: SpendYear::ending(year)
            .and_then(|y| spend::per_child(data.spend_rows(y), &data.history, code, y).ok()),
    }
}

fn england_rates(data: &CouncilData, year: u16) -> Rates {
    let r = |m: Measure| {
        history::england_rate_series(&data.history, m)
            .into_iter()
            .find(|(y, _)| *y == year)
            .and_then(|(_, v)| v)
    };
    Rates {
        looked_after: r(Measure::LookedAfter),
        cp_plans: r(Measure::CpPlans),
        children_in_need: r(Measure::ChildrenInNeed),
        care_starts: r(Measure::CareStarts),
        spend_per_looked_after_child: SpendYear::ending(year)
            .and_then(|y| spend::england_per_child(data.spend_rows(y), &data.history, y)),
    }
}

/// The comparison for the council with ONS code `code` at 31 March of
/// `year`, from the council data; `None` when the council has no
/// statistical neighbours (a former council, or not a council).
///
/// ```
/// use outcome_model::context::council_data::CouncilData;
/// use outcome_model::context::neighbour_compare::{compare, Role};
/// let data = CouncilData::from_module(include_str!(concat!(
///     env!("CARGO_MANIFEST_DIR"),
///     "/../../www/data/council-data.js"
/// )))
/// .unwrap();
/// let c = compare(&data, "E10000015", 2025).unwrap();
/// assert_eq!(c.rows.len(), 13);
/// assert_eq!(c.rows[0].role, Role::Council);
/// assert_eq!(c.rows[12].role, Role::England);
/// ```
pub fn compare(data: &CouncilData, code: &str, year: u16) -> Option<Comparison> {
    let n = neighbours::neighbours(&data.neighbours, code)?;
    let name_of = |code: &str| {
        history::find(&data.history, code)
            .map(|s| s.name.clone())
            .or_else(|| neighbours::neighbours(&data.neighbours, code).map(|n| n.name.clone()))
            .unwrap_or_default()
    };
    let mut rows = vec![Row {
        role: Role::Council,
        code: Some(n.code.clone()),
        name: n.name.clone(),
        rates: council_rates(data, &n.code, year),
    }];
    for (c, band) in &n.neighbours {
        rows.push(Row {
            role: Role::Neighbour(*band),
            code: Some(c.clone()),
            name: name_of(c),
            rates: council_rates(data, c, year),
        });
    }
    let of = |f: fn(&Rates) -> Option<f64>| {
        let v: Vec<Option<f64>> = rows[1..].iter().map(|r| f(&r.rates)).collect();
        median(&v)
    };
    let med = Rates {
        looked_after: of(|r| r.looked_after),
        cp_plans: of(|r| r.cp_plans),
        children_in_need: of(|r| r.children_in_need),
        care_starts: of(|r| r.care_starts),
        spend_per_looked_after_child: of(|r| r.spend_per_looked_after_child),
    };
    rows.push(Row {
        role: Role::NeighbourMedian,
        code: None,
        name: "Statistical neighbours' median".to_string(),
        rates: med,
    });
    rows.push(Row {
        role: Role::England,
        code: None,
        name: "England".to_string(),
        rates: england_rates(data, year),
    });
    Some(Comparison {
        year,
        spend_year: SpendYear::ending(year),
        rows,
    })
}

/// The count that would put a council half-way from its own rate to its
/// neighbours' median rate, given its count and children aged 0 to 17 —
/// an **illustration** of "if we moved half-way to our neighbours' median",
/// not evidence that any programme would do it.
///
/// ```
/// use outcome_model::context::neighbour_compare::half_way;
/// // 40 per 10,000 of 100,000 children is 400; half-way to 30 is 35: 350.
/// assert_eq!(half_way(400.0, 100_000.0, 30.0), Some(350.0));
/// assert_eq!(half_way(400.0, 0.0, 30.0), None);
/// ```
pub fn half_way(count: f64, population: f64, median_rate: f64) -> Option<f64> {
    if !(population > 0.0 && count >= 0.0 && median_rate >= 0.0) {
        return None;
    }
    let rate = count / population * 10_000.0;
    Some(((rate + median_rate) / 2.0) * population / 10_000.0)
}

/// A council's count of one measure in the comparison's year, and the
/// count half-way from its rate to its neighbours' median rate (`None`
/// where a figure is not published).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct HalfWayCount {
    /// The count now.
    pub now: Option<f64>,
    /// The count half-way to the neighbours' median ([`half_way`]).
    pub half_way: Option<f64>,
}

/// The compared council's counts of each of `measures`, now and half-way to
/// its neighbours' median rate, with the same number of children.
///
/// Errors (field `council`) when the council has no published history or
/// no published number of children.
///
/// ```
/// use outcome_model::context::council_data::CouncilData;
/// use outcome_model::context::history::Measure;
/// use outcome_model::context::neighbour_compare::{compare, half_way_counts};
/// let data = CouncilData::from_module(include_str!(concat!(
///     env!("CARGO_MANIFEST_DIR"),
///     "/../../www/data/council-data.js"
/// )))
/// .unwrap();
/// let c = compare(&data, "E10000015", 2025).unwrap();
/// let [care] = half_way_counts(&c, &data, &[Measure::LookedAfter]).unwrap()[..] else { panic!() };
/// assert!(care.now.is_some() && care.half_way.is_some());
/// ```
pub fn half_way_counts(
    c: &Comparison,
    data: &CouncilData,
    measures: &[Measure],
) -> Result<Vec<HalfWayCount>, Error> {
    let council = c
        .rows
        .first()
        .ok_or_else(|| unknown_council("no council to compare"))?;
    let code = council.code.clone().unwrap_or_default();
    let series = history::find(&data.history, &code)
        .ok_or_else(|| unknown_council("the council has no published history"))?;
    let population = series.value(c.year, Measure::Population).ok_or_else(|| {
        no_figure("the number of children in the council is not published".to_string())
    })?;
    let median = c
        .rows
        .iter()
        .find(|r| r.role == Role::NeighbourMedian)
        .map(|r| r.rates)
        .unwrap_or_default();
    Ok(measures
        .iter()
        .map(|&m| {
            let now = series.value(c.year, m);
            HalfWayCount {
                now,
                half_way: now
                    .zip(median.of(m))
                    .and_then(|(n, r)| half_way(n, population, r)),
            }
        })
        .collect())
}

/// A council with no published history (or none to compare), an error
/// on the field `council`.
fn unknown_council(reason: &str) -> Error {
    Error::new(
        "council",
        ErrorKind::UnknownCouncil {
            reason: reason.to_string(),
        },
    )
}

/// A figure the comparison has no value for, an error on the field
/// `council`.
fn no_figure(why: String) -> Error {
    Error::new("council", ErrorKind::NoFigure { why })
}

/// The name of the programme an illustration scenario
/// ([`half_way_scenario`]) holds; the scenario marks it as an illustration
/// ([`CustomProgramme::nature`]), not by its name.
pub const ILLUSTRATION_NAME: &str =
    "Illustration: half-way to the neighbours' median (not a programme)";

/// "If we moved half-way to our neighbours' median rate", as a scenario: the
/// council's figures in `base` with one programme of its own,
/// [`ILLUSTRATION_NAME`], that takes off each year, as a share of the
/// council's count, the gap between the council's rate at 31 March of the
/// comparison's year and half-way to its neighbours' median — for care
/// starts, child protection plans and children in need only (the fall in
/// all children in need less the fall in plans) — at no cost and with no
/// optimism bias, as it is arithmetic, not an estimate. Rates at or below
/// the median are left as they are. The scenario is labelled an
/// illustration, not evidence that any programme would close the gap.
///
/// Errors (field `council`) when the council has no figures to compare or
/// is at or below the median on all three.
///
/// ```
/// use outcome_model::context::council_data::CouncilData;
/// use outcome_model::context::neighbour_compare::{compare, half_way_scenario, ILLUSTRATION_NAME};
/// let data = CouncilData::from_module(include_str!(concat!(
///     env!("CARGO_MANIFEST_DIR"),
///     "/../../www/data/council-data.js"
/// )))
/// .unwrap();
/// let c = compare(&data, "E10000015", 2025).unwrap();
/// let s = half_way_scenario(&outcome_model::default_scenario(), &c, &data);
/// // Hertfordshire is below its neighbours' median on every rate.
/// assert!(s.is_err());
/// ```
pub fn half_way_scenario(
    base: &Scenario,
    c: &Comparison,
    data: &CouncilData,
) -> Result<Scenario, Error> {
    let [starts, plans, need] = half_way_counts(
        c,
        data,
        &[
            Measure::CareStarts,
            Measure::CpPlans,
            Measure::ChildrenInNeed,
        ],
    )?[..] else {
        unreachable!("one count for each measure asked for")
    };
    // The fall to half-way, in children, and the count it is a share of.
    let gap = |h: HalfWayCount| -> Option<(f64, f64)> {
        let (now, to) = (h.now?, h.half_way?);
        (now > 0.0).then_some((now, (now - to).max(0.0)))
    };
    let (starts, plans, need) = (gap(starts), gap(plans), gap(need));
    // The comparison has its council first (`half_way_counts` checked it).
    let name = &c.rows[0].name;
    let need_only = need.map(|(now, fall)| (now, (fall - plans.map_or(0.0, |p| p.1)).max(0.0)));
    let mut effects = Vec::new();
    for (outcome, g) in [
        (Outcome::CareEntries, starts),
        (Outcome::CpPlans, plans),
        (Outcome::ChildrenInNeed, need_only),
    ] {
        if let Some((now, fall)) = g.filter(|(_, fall)| *fall > 0.0) {
            let pct = (fall / now * 100.0).min(100.0);
            effects.push(CustomEffect {
                outcome,
                measure: CustomMeasure::Relative,
                low: pct,
                central: pct,
                high: pct,
                baseline: None,
            });
        }
    }
    if effects.is_empty() {
        return Err(no_figure(format!(
            "{name} is at or below its neighbours' median on care starts, plans and children in need: there is no gap to illustrate"
        )));
    }
    let mut choice = ProgrammeChoice::new(CUSTOM_ID);
    choice.cost_per_case = Some(0.0);
    choice.custom = Some(CustomProgramme {
        name: ILLUSTRATION_NAME.to_string(),
        grade: Grade::Modelled,
        effects,
        benefits: Vec::new(),
        cohorts: Default::default(),
        nature: crate::scenario::format::Nature::Illustration,
    });
    let mut s = base.clone();
    s.programmes = vec![choice];
    s.assumptions.optimism_bias_benefits.modelled_pct = 0.0;
    s.label = format!(
        "Illustration, not evidence of any programme: {name} half-way to its neighbours' median"
    );
    Ok(s)
}

/// The comparison as CSV: one row each for the council, its neighbours,
/// their median and England, then a `source` row with [`CREDIT`] and a
/// `note` row saying the spend is an average, not a marginal, cost.
/// Figures have one decimal (spend: whole pounds); a missing figure is an
/// empty cell.
pub fn to_csv(c: &Comparison) -> String {
    use std::fmt::Write as _;
    let quote = |s: &str| {
        if s.contains([',', '"', '\n']) {
            format!("\"{}\"", s.replace('"', "\"\""))
        } else {
            s.to_string()
        }
    };
    let mut s = String::new();
    let names: Vec<&str> = Rates::default().columns().iter().map(|(n, _)| *n).collect();
    let _ = writeln!(
        s,
        "role,code,name,closeness,year,spend_year,{}",
        names.join(",")
    );
    let spend_year = c.spend_year.map_or("", SpendYear::label);
    for r in &c.rows {
        let closeness = match r.role {
            Role::Neighbour(b) => b.label(),
            _ => "",
        };
        let figures: Vec<String> = r
            .rates
            .columns()
            .iter()
            .map(|(name, v)| match v {
                Some(v) if name.ends_with("_gbp") => format!("{v:.0}"),
                Some(v) => format!("{v:.1}"),
                None => String::new(),
            })
            .collect();
        let _ = writeln!(
            s,
            "{},{},{},{},{},{},{}",
            quote(r.role.label()),
            r.code.as_deref().unwrap_or(""),
            quote(&r.name),
            closeness,
            c.year,
            spend_year,
            figures.join(",")
        );
    }
    let blank = ",".repeat(names.len() + 3);
    let _ = writeln!(s, "source,,{}{blank}", quote(CREDIT));
    let _ = writeln!(
        s,
        "note,,{}{blank}",
        quote(
            "Spend per looked-after child is net current expenditure on children looked after \
             over the average number looked after at 31 March at the start and end of the year: \
             an average cost, not the saving from one child fewer."
        )
    );
    s
}
