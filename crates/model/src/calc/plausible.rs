//! Checks that a scenario's figures, and its results, are within what a
//! council (or England) could have: [`warnings`] returns every warning to
//! show beside the figures, in the widget, the CLI and the CSV report.
//!
//! The rules, and which of them are conventions of this calculator:
//!
//! - **Beside the council's official figures** (its row in the latest
//!   built-in tables, [`presets::LATEST_YEAR`]): a typed count more than
//!   [`OFFICIAL_RATIO`] times the official one, or less than a third of it.
//!   The factor 3 is a **convention**: it catches an extra or a missing zero
//!   (10 times) while a year's change in a real council is far smaller.
//! - **Beside its children aged 0 to 17** (`council.population_0_17`, or the
//!   official figure when the scenario has none): children looked after,
//!   starting care, on protection plans or in need above the council's
//!   children are impossible; a rate per 10,000 children more than
//!   [`RATE_RATIO`] times the highest of any council in England (worked out
//!   from the latest tables, [`highest_rate`]) is implausible (the factor 2
//!   is a **convention**).
//! - **Counts that contradict each other**: more children looked after, or
//!   on protection plans, than children in need (the DfE's children in need
//!   at 31 March include both); more children starting care in a year than
//!   [`STARTS_RATIO`] times the children looked after (stays would average
//!   under four months; Kent, with its unaccompanied asylum-seeking
//!   children, has the highest ratio in the 2025 tables, 1.7; the factor 3
//!   is a **convention**).
//! - **Results beside the council**: child-years in care avoided in a year
//!   above its children looked after, care entries avoided in a year above
//!   its care starts, and savings to the council in a year above its whole
//!   children's social care spend ([`csc_spend`]); any count above England's
//!   children aged 0 to 17.
//! - **Effects left out** because a council figure they need is blank: the
//!   figure is named.
//! - **National totals** ([`crate::views::rollout::warnings`]): child-years in care avoided a year
//!   above England's children looked after, care entries avoided a year
//!   above England's care starts.

use serde::Serialize;

use crate::base::outcome::Outcome;
use crate::calc::engine::Plan;
use crate::calc::projection::Projection;
use crate::data::csc_spend;
use crate::data::presets::{self, Preset};
use crate::scenario::format::Council;
use crate::scenario::format::Scenario;

/// A typed count more than this many times the council's official figure
/// (or less than its inverse) is flagged. A **convention** (see the module).
pub const OFFICIAL_RATIO: f64 = 3.0;

/// A rate per 10,000 children more than this many times the highest
/// council's is flagged. A **convention**.
pub const RATE_RATIO: f64 = 2.0;

/// Care starts a year more than this many times the children looked after
/// are flagged. A **convention**.
pub const STARTS_RATIO: f64 = 3.0;

/// Something in a scenario or its results that is beyond what the council,
/// or England, could have. Each names the field (a path in the scenario
/// format, or in the projection for a result) and says what is wrong in
/// plain lower-case words ([`Warning::message`]).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Warning {
    /// A typed council count far from the council's official figure.
    FarFromOfficial {
        /// The field, e.g. `council.care_starts`.
        field: &'static str,
        /// What it counts, in words.
        what: &'static str,
        /// The typed figure.
        typed: f64,
        /// The official figure.
        official: f64,
        /// Year (at 31 March) of the official figure.
        year: u16,
    },
    /// A count of children above all the council's children aged 0 to 17.
    AbovePopulation {
        /// The field.
        field: &'static str,
        /// What it counts, in words.
        what: &'static str,
        /// The count.
        count: f64,
        /// The council's children aged 0 to 17.
        population: f64,
    },
    /// A rate per 10,000 children far above the highest council's.
    RateAboveEngland {
        /// The field.
        field: &'static str,
        /// What it counts, in words.
        what: &'static str,
        /// The council's rate per 10,000 children aged 0 to 17.
        rate: f64,
        /// The highest council rate in England, per 10,000.
        highest: f64,
        /// The council with that rate.
        council: &'static str,
    },
    /// One count above another that includes it, or far above what it
    /// should be beside it.
    Contradicts {
        /// The field.
        field: &'static str,
        /// What it counts, in words.
        what: &'static str,
        /// Its value.
        count: f64,
        /// The other count, in words.
        other: &'static str,
        /// The other count's value.
        other_count: f64,
        /// Why the two cannot both be right, in words.
        why: &'static str,
    },
    /// A result in one year above the council's own count.
    ResultAboveCount {
        /// The projection's path, e.g. `years[2].counts.children_in_care_fewer`.
        field: String,
        /// The financial year.
        year: String,
        /// What it counts, in words.
        what: &'static str,
        /// The result.
        value: f64,
        /// The council count, in words.
        count_what: &'static str,
        /// The council count.
        count: f64,
    },
    /// The council's savings in a year above its whole children's social
    /// care spend.
    SavingsAboveSpend {
        /// The projection's path.
        field: String,
        /// The details.
        above: AboveSpend,
    },
    /// More children than England has aged 0 to 17.
    AboveEngland {
        /// The field.
        field: &'static str,
        /// The count.
        most: f64,
        /// England's children aged 0 to 17.
        england: f64,
    },
    /// A programme's effect not projected because a council figure it is
    /// measured against is blank.
    NeedsFigure {
        /// The council figure needed, e.g. `council.care_starts`.
        field: &'static str,
        /// The programme's name.
        programme: String,
        /// The outcome left out, in words.
        outcome: &'static str,
    },
    /// A national or regional total a year above England's own count.
    NationalAboveEngland {
        /// The roll-out's figure, e.g. `total.children_in_care_fewer`.
        field: &'static str,
        /// What it counts, in words.
        what: &'static str,
        /// The total a year (the horizon's total ÷ its years).
        per_year: f64,
        /// England's count, in words.
        count_what: &'static str,
        /// England's count (the councils' latest figures, summed).
        england: f64,
    },
}

impl Warning {
    /// The field (a scenario path) or result (a projection path) it is
    /// about.
    pub fn field(&self) -> &str {
        match self {
            Warning::FarFromOfficial { field, .. }
            | Warning::AbovePopulation { field, .. }
            | Warning::RateAboveEngland { field, .. }
            | Warning::Contradicts { field, .. }
            | Warning::AboveEngland { field, .. }
            | Warning::NeedsFigure { field, .. }
            | Warning::NationalAboveEngland { field, .. } => field,
            Warning::ResultAboveCount { field, .. } | Warning::SavingsAboveSpend { field, .. } => {
                field
            }
        }
    }

    /// The warning in plain lower-case words, without the field.
    pub fn message(&self) -> String {
        match self {
            Warning::FarFromOfficial {
                what,
                typed,
                official,
                year,
                ..
            } => format!(
                "{} {what} is {} the council's official figure ({} at 31 March {year}): check for {}",
                count(*typed),
                if typed > official {
                    "more than 3 times"
                } else {
                    "less than a third of"
                },
                count(*official),
                if typed > official {
                    "an extra zero"
                } else {
                    "a missing zero"
                },
            ),
            Warning::AbovePopulation {
                what,
                count: n,
                population,
                ..
            } => format!(
                "{} {what} is more than all the council's {} children aged 0 to 17",
                count(*n),
                count(*population)
            ),
            Warning::RateAboveEngland {
                what,
                rate,
                highest,
                council,
                ..
            } => format!(
                "{} {what} per 10,000 children is more than twice the highest rate of any council in England ({}, {council})",
                count(*rate),
                count(*highest)
            ),
            Warning::Contradicts {
                what,
                count: n,
                other,
                other_count,
                why,
                ..
            } => format!(
                "{} {what} is more than {}: {why}",
                count(*n),
                if other.is_empty() {
                    count(*other_count)
                } else {
                    format!("{} {other}", count(*other_count))
                }
            ),
            Warning::ResultAboveCount {
                year,
                what,
                value,
                count_what,
                count: n,
                ..
            } => format!(
                "{} {what} in {year} is more than the council's {} {count_what}",
                count(*value),
                count(*n)
            ),
            Warning::SavingsAboveSpend { above, .. } => format!(
                "the council's savings in {} ({}) are more than its whole children's social care spend in {} ({})",
                above.year,
                money(above.savings),
                csc_spend::YEAR,
                money(above.spend)
            ),
            Warning::AboveEngland { most, england, .. } => format!(
                "these figures count {} children, more than England has aged 0 to 17 (about {})",
                count(*most),
                count(*england)
            ),
            Warning::NeedsFigure {
                field,
                programme,
                outcome,
            } => format!(
                "{programme}: the effect on {outcome} is not projected because the council has no figure for {}; enter it to include the effect",
                field.trim_start_matches("council.").replace('_', " ")
            ),
            Warning::NationalAboveEngland {
                what,
                per_year,
                count_what,
                england,
                ..
            } => format!(
                "{} {what} a year is more than England's {} {count_what}",
                count(*per_year),
                count(*england)
            ),
        }
    }
}

impl std::fmt::Display for Warning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.field(), self.message())
    }
}

/// A whole number with thousands separators, e.g. `1,000,000`; a number
/// below 10 keeps one decimal.
fn count(x: f64) -> String {
    if x.abs() < 10.0 && x.fract() != 0.0 {
        return crate::base::decimal::fixed(x, 1);
    }
    let r = x.round();
    let digits = format!("{}", r.abs() as u64);
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if r < 0.0 {
        out.insert(0, '-');
    }
    out
}

/// Pounds to the nearest pound, e.g. `£1,234,567`.
fn money(x: f64) -> String {
    format!("£{}", count(x.round()))
}

/// The council counts compared with its official figures and its
/// children: field path, words, scenario value, preset value.
type Figure = (&'static str, &'static str, Option<f64>, Option<u32>);

fn figures(k: &Council, p: Option<&Preset>) -> [Figure; 6] {
    let o = |f: fn(&Preset) -> Option<u32>| p.and_then(f);
    [
        (
            "council.population_0_17",
            "children aged 0 to 17",
            k.population_0_17,
            o(|p| p.population_0_17),
        ),
        (
            "council.children_looked_after",
            "children looked after",
            k.children_looked_after,
            o(|p| p.children_looked_after),
        ),
        (
            "council.care_starts",
            "children starting care",
            k.care_starts,
            o(|p| p.care_starts),
        ),
        (
            "council.care_ceased",
            "children leaving care",
            k.care_ceased,
            o(|p| p.care_ceased),
        ),
        (
            "council.cp_plans",
            "children on protection plans",
            k.cp_plans,
            o(|p| p.cp_plans),
        ),
        (
            "council.children_in_need",
            "children in need",
            k.children_in_need,
            o(|p| p.children_in_need),
        ),
    ]
}

/// The highest rate per 10,000 children aged 0 to 17 of any council in the
/// latest tables for the figure a preset holds, and the council's name.
pub fn highest_rate(of: fn(&Preset) -> Option<u32>) -> Option<(f64, &'static str)> {
    presets::all(presets::LATEST_YEAR)
        .iter()
        .filter_map(|p| {
            let pop = f64::from(p.population_0_17?);
            let n = f64::from(of(p)?);
            (pop > 0.0).then(|| (n / pop * 10_000.0, p.name))
        })
        .max_by(|a, b| a.0.total_cmp(&b.0))
}

/// A count of every council in the latest tables, summed (England).
pub(crate) fn england_sum(of: fn(&Preset) -> Option<u32>) -> f64 {
    presets::all(presets::LATEST_YEAR)
        .iter()
        .filter_map(of)
        .map(f64::from)
        .sum()
}

/// Every warning about the scenario's council figures (beside its
/// official figures, its children and each other), its results and the
/// effects left out for lack of a figure, in that order. Empty when
/// nothing is beyond reach. `p` must be `s`'s projection.
pub fn warnings(s: &Scenario, p: &Projection) -> Vec<Warning> {
    let mut out = council_warnings(&s.council);
    out.extend(result_warnings(s, p));
    out.extend(needed_figures(s));
    out
}

/// The warnings about a council's figures alone.
pub fn council_warnings(k: &Council) -> Vec<Warning> {
    let mut out = Vec::new();
    let official = k
        .code
        .as_deref()
        .and_then(|c| presets::find(c, presets::LATEST_YEAR));
    let rows = figures(k, official);
    // Beside the official figures.
    if let Some(pr) = official {
        for (field, what, typed, off) in rows {
            let (Some(typed), Some(off)) = (typed, off) else {
                continue;
            };
            let off = f64::from(off);
            if off > 0.0 && (typed > OFFICIAL_RATIO * off || typed < off / OFFICIAL_RATIO) {
                out.push(Warning::FarFromOfficial {
                    field,
                    what,
                    typed,
                    official: off,
                    year: pr.year,
                });
            }
        }
    }
    // Beside the council's children.
    let population = k
        .population_0_17
        .or(official.and_then(|p| p.population_0_17).map(f64::from));
    let rates: [fn(&Preset) -> Option<u32>; 4] = [
        |p| p.children_looked_after,
        |p| p.care_starts,
        |p| p.cp_plans,
        |p| p.children_in_need,
    ];
    if let Some(pop) = population.filter(|x| *x > 0.0) {
        for ((field, what, value, _), of) in
            [rows[1], rows[2], rows[4], rows[5]].into_iter().zip(rates)
        {
            let Some(n) = value else { continue };
            if n > pop {
                out.push(Warning::AbovePopulation {
                    field,
                    what,
                    count: n,
                    population: pop,
                });
            } else if let Some((highest, council)) = highest_rate(of) {
                let rate = n / pop * 10_000.0;
                if rate > RATE_RATIO * highest {
                    out.push(Warning::RateAboveEngland {
                        field,
                        what,
                        rate,
                        highest,
                        council,
                    });
                }
            }
        }
    }
    // Beside each other.
    let includes = "the children in need at 31 March include them";
    if let (Some(cla), Some(cin)) = (k.children_looked_after, k.children_in_need) {
        if cla > cin {
            out.push(Warning::Contradicts {
                field: "council.children_looked_after",
                what: "children looked after",
                count: cla,
                other: "children in need",
                other_count: cin,
                why: includes,
            });
        }
    }
    if let (Some(cp), Some(cin)) = (k.cp_plans, k.children_in_need) {
        if cp > cin {
            out.push(Warning::Contradicts {
                field: "council.cp_plans",
                what: "children on protection plans",
                count: cp,
                other: "children in need",
                other_count: cin,
                why: includes,
            });
        }
    }
    if let (Some(starts), Some(cla)) = (k.care_starts, k.children_looked_after) {
        if starts > STARTS_RATIO * cla {
            out.push(Warning::Contradicts {
                field: "council.care_starts",
                what: "children starting care a year",
                count: starts,
                other: "",
                other_count: STARTS_RATIO * cla,
                why: "3 times the children looked after, so stays would average under four months (the highest ratio of any council in England is under 2)",
            });
        }
    }
    out
}

/// The warnings about the results beside the council's own counts and
/// spend, and England's children.
fn result_warnings(s: &Scenario, p: &Projection) -> Vec<Warning> {
    let k = &s.council;
    let mut out = Vec::new();
    let tolerance = 1e-6;
    for (i, y) in p.years.iter().enumerate() {
        if let Some(cla) = k.children_looked_after {
            if y.counts.children_in_care_fewer > cla * (1.0 + tolerance) + tolerance {
                out.push(Warning::ResultAboveCount {
                    field: format!("years[{i}].counts.children_in_care_fewer"),
                    year: y.label.clone(),
                    what: "child-years in care avoided",
                    value: y.counts.children_in_care_fewer,
                    count_what: "children looked after",
                    count: cla,
                });
            }
        }
        if let Some(starts) = k.care_starts {
            if y.counts.care_entries_avoided > starts * (1.0 + tolerance) + tolerance {
                out.push(Warning::ResultAboveCount {
                    field: format!("years[{i}].counts.care_entries_avoided"),
                    year: y.label.clone(),
                    what: "care entries avoided",
                    value: y.counts.care_entries_avoided,
                    count_what: "children starting care a year",
                    count: starts,
                });
            }
        }
    }
    if let Some(above) = above_spend(s, p) {
        let i = p
            .years
            .iter()
            .position(|y| y.label == above.year)
            .unwrap_or(0);
        out.push(Warning::SavingsAboveSpend {
            field: format!("years[{i}].savings.childrens_services"),
            above,
        });
    }
    if let Some(most) = above_england(s, p) {
        out.push(Warning::AboveEngland {
            field: "council",
            most,
            england: england_children(),
        });
    }
    out
}

/// The council figure each effect left out for lack of a figure needs.
fn needed_figures(s: &Scenario) -> Vec<Warning> {
    // Called with the scenario of a projection, so it passed validation.
    let plan = Plan::new(crate::scenario::valid::Valid::derived(s));
    plan.skipped
        .iter()
        .map(|(i, o)| Warning::NeedsFigure {
            field: match o {
                Outcome::CareEntries => "council.care_starts",
                Outcome::CpPlans => "council.cp_plans",
                Outcome::ChildrenInNeed => "council.children_in_need",
                Outcome::CareProceedings => "council.care_proceedings",
                Outcome::PoliceIncidents => "council.police_incidents",
                Outcome::EmergencyAdmissions => "council.emergency_admissions",
            },
            programme: plan.programmes[*i].name.clone(),
            outcome: o.label(),
        })
        .collect()
}

/// England's children aged 0 to 17: the councils' figures in the latest
/// built-in tables, summed (about 12.2 million).
pub fn england_children() -> f64 {
    england_sum(|p| p.population_0_17)
}

/// The council's savings in its best year beside its whole children's
/// social care spend in [`csc_spend::YEAR`], when they are more.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AboveSpend {
    /// The financial year of the largest savings, e.g. `2029-30`.
    pub year: String,
    /// The council's savings that year, £.
    pub savings: f64,
    /// Its total children's social care net spend, £.
    pub spend: f64,
}

/// `Some` when the council's savings in any one year are more than its
/// whole children's social care spend (`None` for a council without an
/// official code or figure).
pub fn above_spend(s: &Scenario, p: &Projection) -> Option<AboveSpend> {
    let spend = csc_spend::total(s.council.code.as_deref()?)?;
    let best = p.years.iter().max_by(|a, b| {
        a.savings
            .childrens_services
            .total_cmp(&b.savings.childrens_services)
    })?;
    let savings = best.savings.childrens_services;
    (savings > spend).then(|| AboveSpend {
        year: best.label.clone(),
        savings,
        spend,
    })
}

/// The most children the council's figures (or the fall in children in
/// need) count, when it
/// is more than England has aged 0 to 17.
pub fn above_england(s: &Scenario, p: &Projection) -> Option<f64> {
    let k = &s.council;
    let most = [
        k.population_0_17,
        k.children_looked_after,
        k.care_starts,
        k.cp_plans,
        k.children_in_need,
    ]
    .into_iter()
    .flatten()
    .chain(p.years.iter().map(|y| y.counts.children_in_need_fewer))
    .fold(0.0, f64::max);
    (most > england_children()).then_some(most)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{default_scenario, project};

    fn council(code: &str) -> Scenario {
        let mut s = default_scenario();
        let p = presets::find(code, presets::LATEST_YEAR).unwrap();
        s.council = p.to_council();
        s
    }

    fn kent() -> Scenario {
        council("E10000016")
    }

    fn fields(w: &[Warning]) -> Vec<&str> {
        w.iter().map(Warning::field).collect()
    }

    #[test]
    fn england_has_about_twelve_million_children() {
        let n = england_children();
        assert!((11_500_000.0..13_000_000.0).contains(&n), "{n}");
    }

    #[test]
    fn an_ordinary_scenario_has_no_warning() {
        let s = kent();
        let p = project(&s).unwrap();
        assert_eq!(above_spend(&s, &p), None);
        assert_eq!(above_england(&s, &p), None);
        assert_eq!(warnings(&s, &p), vec![]);
    }

    #[test]
    fn no_council_in_the_official_tables_is_flagged() {
        // The rules are conventions chosen so that every real council's
        // own figures pass.
        for p in presets::all(presets::LATEST_YEAR) {
            let w = council_warnings(&p.to_council());
            assert!(w.is_empty(), "{}: {w:?}", p.name);
        }
    }

    #[test]
    fn each_implausible_figure_is_flagged_on_its_field() {
        type Spoil = fn(&mut Council);
        // Blackpool: 28,923 children aged 0-17, 531 looked after, 165
        // starting care, 249 on plans, 1,753 in need (31 March 2025).
        let cases: Vec<(Spoil, &[&str])> = vec![
            // An extra zero on care leavers: ten times the official figure.
            (|k| k.care_ceased = Some(1_590.0), &["council.care_ceased"]),
            // An extra zero on plans: also far above England's highest rate
            // and above the children in need, who include them.
            (
                |k| k.cp_plans = Some(2_490.0),
                &["council.cp_plans", "council.cp_plans", "council.cp_plans"],
            ),
            // A missing zero: children in need then fewer than those looked
            // after and those on plans.
            (
                |k| k.children_in_need = Some(175.0),
                &[
                    "council.children_in_need",
                    "council.children_looked_after",
                    "council.cp_plans",
                ],
            ),
            // More starting care than all the council's children.
            (
                |k| k.care_starts = Some(1_000_000.0),
                &[
                    "council.care_starts",
                    "council.care_starts",
                    "council.care_starts",
                ],
            ),
            // Looked after above children in need; no official code.
            (
                |k| {
                    k.code = None;
                    k.children_looked_after = Some(2_000.0);
                },
                &[
                    "council.children_looked_after",
                    "council.children_looked_after",
                ],
            ),
            // Starts far above the children looked after: no official code.
            (
                |k| {
                    k.code = None;
                    k.care_starts = Some(1_700.0);
                },
                &["council.care_starts", "council.care_starts"],
            ),
        ];
        for (spoil, expected) in cases {
            let mut s = council("E06000009");
            spoil(&mut s.council);
            let w = council_warnings(&s.council);
            assert_eq!(fields(&w), expected.to_vec(), "{w:?}");
        }
    }

    #[test]
    fn blackpool_with_a_million_care_starts_is_warned_in_words() {
        let mut s = council("E06000009");
        s.council.care_starts = Some(1_000_000.0);
        let p = project(&s).unwrap();
        let w: Vec<String> = warnings(&s, &p).iter().map(Warning::to_string).collect();
        assert_eq!(
            w[..3],
            [
                "council.care_starts: 1,000,000 children starting care is more than 3 times the council's official figure (165 at 31 March 2025): check for an extra zero",
                "council.care_starts: 1,000,000 children starting care is more than all the council's 28,923 children aged 0 to 17",
                "council.care_starts: 1,000,000 children starting care a year is more than 1,593: 3 times the children looked after, so stays would average under four months (the highest ratio of any council in England is under 2)",
            ]
        );
    }

    #[test]
    fn the_highest_rates_come_from_the_tables() {
        let (cla, who) = highest_rate(|p| p.children_looked_after).unwrap();
        // Blackpool: 531 of 28,923 children (DfE publishes 184 per 10,000).
        assert_eq!(who, "Blackpool");
        assert!((cla - 531.0 / 28_923.0 * 10_000.0).abs() < 1e-9);
    }

    #[test]
    fn a_rate_far_above_englands_highest_is_flagged() {
        let mut s = council("E06000009");
        s.council.code = None;
        // 1,200 on plans in 28,923 children: 415 per 10,000, more than
        // twice Middlesbrough's 99.
        s.council.cp_plans = Some(1_200.0);
        let w = council_warnings(&s.council);
        assert!(
            matches!(
                w[..],
                [Warning::RateAboveEngland {
                    field: "council.cp_plans",
                    ..
                }]
            ),
            "{w:?}"
        );
    }

    /// The Isles of Scilly (no care figures: 319 children, care counts
    /// "not applicable" in 2025) running one Pause practice at £200,000 a
    /// year.
    fn scilly_pause() -> Scenario {
        let mut s = council("E06000053");
        let mut pause = crate::ProgrammeChoice::new("pause");
        pause.annual_cost = 200_000.0;
        s.programmes = vec![pause];
        s
    }

    #[test]
    fn a_council_without_care_starts_gets_no_stand_in_infant_entries() {
        let mut s = scilly_pause();
        assert_eq!(s.council.care_starts, None);
        let p = project(&s).unwrap();
        // Before: 48 stand-in infant entries × 30% × 0.75 = 10.8 a year,
        // unbounded. Now the effect is left out and the figure it needs is
        // named.
        assert_eq!(p.summary.counts.care_entries_avoided, 0.0);
        assert_eq!(p.summary.counts.children_in_care_fewer, 0.0);
        assert_eq!(p.summary.total_savings, 0.0);
        let w = warnings(&s, &p);
        assert_eq!(
            w,
            vec![Warning::NeedsFigure {
                field: "council.care_starts",
                programme: "Pause".into(),
                outcome: Outcome::CareEntries.label(),
            }]
        );
        assert!(
            w[0].message().contains("no figure for care starts"),
            "{w:?}"
        );
        // The council's own count of infants entering care is used as typed.
        s.council.infant_care_starts = Some(2.0);
        let p = project(&s).unwrap();
        let expected = 2.0 * 0.30 * 0.75 * p.years.len() as f64;
        assert!((p.summary.counts.care_entries_avoided - expected).abs() < 1e-9);
        assert_eq!(warnings(&s, &p), vec![]);
    }

    #[test]
    fn savings_above_the_councils_spend_are_flagged() {
        let mut s = kent();
        s.council.population_0_17 = Some(18_000_000.0);
        s.council.children_looked_after = Some(1_900_000.0);
        s.council.care_starts = Some(1_900_000.0);
        s.council.children_in_need = Some(1_900_000.0);
        s.council.cp_plans = Some(1_900_000.0);
        let p = project(&s).unwrap();
        let w = above_spend(&s, &p).expect("a warning");
        assert!(w.savings > w.spend, "{w:?}");
        assert_eq!(Some(w.spend), csc_spend::total("E10000016"));
        assert_eq!(above_england(&s, &p), Some(18_000_000.0));
        let all = warnings(&s, &p);
        assert!(all
            .iter()
            .any(|w| matches!(w, Warning::SavingsAboveSpend { .. })));
        assert!(all
            .iter()
            .any(|w| matches!(w, Warning::AboveEngland { .. })));
        // No official code: nothing to compare the savings with.
        s.council.code = None;
        assert_eq!(above_spend(&s, &p), None);
    }
}
