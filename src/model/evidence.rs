//! The evidence library: what each programme does, for whom, by how much,
//! how sure we are, what it costs, and where every figure comes from.
//!
//! Figures are those marked verified in the project's research notes. Where
//! a study gives one figure and no interval, the low and high values follow
//! the convention in [`range_rule`] and say so.

use serde::{Deserialize, Serialize};

use super::citation::{self, Citation, Verification};
use super::outcome::{Agency, Outcome};

/// The version of this evidence library. Scenarios and share links record it
/// so that old links can say which figures they were made with.
pub const EVIDENCE_SET: &str = "2026.1";

/// Strength of the study design behind an effect, strongest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Grade {
    /// Randomised controlled trial.
    Rct,
    /// Area-level quasi-experimental design (comparison areas or time series).
    Qed,
    /// Before and after in one council, no comparison group.
    BeforeAfter,
    /// Modelled from other figures, not measured.
    Modelled,
}

impl Grade {
    /// A short plain-English name.
    pub fn label(self) -> &'static str {
        match self {
            Grade::Rct => "randomised controlled trial",
            Grade::Qed => "comparison-area study",
            Grade::BeforeAfter => "before-and-after study in one council",
            Grade::Modelled => "modelled estimate",
        }
    }
}

/// The half-width of the range put around a single published figure, as a
/// share of it, by grade: RCT ±25%, comparison-area ±40%, before/after and
/// modelled ±50%. A convention of this calculator, shown as such in the UI.
pub fn range_rule(grade: Grade) -> f64 {
    match grade {
        Grade::Rct => 0.25,
        Grade::Qed => 0.40,
        Grade::BeforeAfter | Grade::Modelled => 0.50,
    }
}

/// How an effect is measured, which fixes how it is applied.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(tag = "measure", rename_all = "snake_case")]
pub enum Measure {
    /// A relative reduction (%) in the council's own count of the outcome,
    /// applied to the engaged share.
    Relative,
    /// A reduction in percentage points in the share of the programme's
    /// cohort who reach the outcome; `control_pct` is the share in the
    /// comparison group (% of the cohort).
    PercentagePoints {
        /// Share of the comparison group reaching the outcome (%).
        control_pct: f64,
    },
    /// Events avoided per year by one council running the programme in full;
    /// `counterfactual` is the events there would otherwise have been.
    PerCouncil {
        /// Events a year without the programme in the studied areas.
        counterfactual: f64,
    },
    /// Percentage points worked out from an observed rate with no comparison
    /// group: the effect is (the user's counterfactual rate − `observed_pct`).
    ObservedRate {
        /// Share of the cohort reaching the outcome with the programme (%).
        observed_pct: f64,
    },
}

/// A figure with its range.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Range {
    /// Low value.
    pub low: f64,
    /// Central value, the published figure.
    pub central: f64,
    /// High value.
    pub high: f64,
}

impl Range {
    /// A range by [`range_rule`] around one published figure.
    pub fn by_rule(central: f64, grade: Grade) -> Range {
        let w = range_rule(grade);
        Range {
            low: central * (1.0 - w),
            central,
            high: central * (1.0 + w),
        }
    }
}

/// One outcome a programme moves.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Effect {
    /// What it moves.
    pub outcome: Outcome,
    /// How the figure is measured.
    #[serde(flatten)]
    pub measure: Measure,
    /// Size of the reduction: % for relative, percentage points, or events a
    /// year for per-council effects. Zero for observed-rate effects, whose
    /// size comes from the user's counterfactual rate.
    pub size: Range,
    /// True when low/high come from [`range_rule`], not the source.
    pub range_by_rule: bool,
    /// What the study measured, in words.
    pub finding: &'static str,
    /// The study.
    pub source: Citation,
    /// How the figure was checked.
    pub verification: Verification,
}

/// A monetised benefit per case, for programmes whose evidence is a cost
/// model rather than outcome counts.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CaseBenefit {
    /// Who gains.
    pub agency: Agency,
    /// £ per case, spread evenly over [`CASE_BENEFIT_YEARS`].
    pub per_case: Range,
    /// The study.
    pub source: Citation,
}

/// Years over which a per-case monetised benefit is spread, evenly, from the
/// year the case is worked with. The FDAC cost models used five years; their
/// timing within those years is not published.
pub const CASE_BENEFIT_YEARS: usize = 5;

/// A published programme cost.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PublishedCost {
    /// £ per case (per family, child or woman, as the cohort says).
    pub per_case: f64,
    /// Price year of the figure.
    pub price_year: &'static str,
    /// How it was found.
    pub basis: &'static str,
    /// The source.
    pub source: Citation,
    /// How it was checked.
    pub verification: Verification,
}

/// Who a programme works with, and where the count comes from.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Cohort {
    /// What one case is, e.g. "families worked with a year".
    pub unit: &'static str,
    /// Hint shown next to the input.
    pub hint: &'static str,
    /// Council figure used when the user enters none (a marked proxy), or
    /// `None` when the user must enter it.
    pub default_from: Option<CohortDefault>,
}

/// A council figure used as a cohort proxy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CohortDefault {
    /// Children on child protection plans at 31 March.
    CpPlans,
}

/// A programme in the library.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Programme {
    /// Stable id used in scenarios and links.
    pub id: &'static str,
    /// Display name.
    pub name: &'static str,
    /// One sentence on what it is and what the evidence says.
    pub summary: &'static str,
    /// Overall evidence grade (of the effects used by default).
    pub grade: Grade,
    /// Who it works with.
    pub cohort: Cohort,
    /// Outcome effects.
    pub effects: Vec<Effect>,
    /// Monetised per-case benefits (FDAC).
    pub case_benefits: Vec<CaseBenefit>,
    /// Published cost, or `None` when the user must enter one.
    pub cost: Option<PublishedCost>,
    /// Findings reported but not turned into money here, and why.
    pub not_counted: &'static str,
    /// Cautions a reader should see with the results.
    pub caveats: &'static [&'static str],
}

/// The id of the user-defined programme.
pub const CUSTOM_ID: &str = "custom";

/// Every programme in the current evidence set.
pub fn library() -> Vec<Programme> {
    PROGRAMMES.iter().map(|(_, make)| make()).collect()
}

/// Builds one programme of the library.
type Make = fn() -> Programme;

/// The library's programmes by id, in display order.
const PROGRAMMES: [(&str, Make); 5] = [
    ("family-safeguarding", family_safeguarding),
    ("fgc-pre-proceedings", fgc_pre_proceedings),
    ("pause", pause),
    ("fdac", fdac),
    ("no-wrong-door", no_wrong_door),
];

/// The programme with this id, if the library holds it (built alone: the
/// national view looks programmes up hundreds of times).
pub fn find(id: &str) -> Option<Programme> {
    PROGRAMMES
        .iter()
        .find(|(key, _)| *key == id)
        .map(|(_, make)| make())
}

fn family_safeguarding() -> Programme {
    let g = Grade::BeforeAfter;
    let src = citation::FORRESTER_2017;
    let effect = |outcome, pct, finding| Effect {
        outcome,
        measure: Measure::Relative,
        size: Range::by_rule(pct, g),
        range_by_rule: true,
        finding,
        source: src,
        verification: Verification::Verified,
    };
    Programme {
        id: "family-safeguarding",
        name: "Family Safeguarding",
        summary: "Adult specialists (domestic abuse, mental health, substance misuse, probation) join children's social work teams. In Hertfordshire's first year days in care fell 39%, children on protection plans 29% and children in need 8.8%, against the years before (one council, no comparison group; a later five-council study found significant falls in care entry in 4 of 5).",
        grade: g,
        cohort: Cohort {
            unit: "families worked with a year",
            hint: "Hertfordshire worked with 940 families in its first year. If you leave this blank the calculator uses your number of children on protection plans as a stand-in.",
            default_from: Some(CohortDefault::CpPlans),
        },
        effects: vec![
            effect(Outcome::CareEntries, 39.0, "days in care fell 39% in the first year (applied here to children entering care)"),
            effect(Outcome::CpPlans, 29.0, "children on child protection plans fell 29%"),
            effect(Outcome::ChildrenInNeed, 8.8, "children in need cases fell 8.8%"),
            effect(Outcome::PoliceIncidents, 58.0, "repeat police incidents fell an estimated 58% a year"),
            effect(Outcome::AeAttendances, 53.0, "adult A&E admissions fell an estimated 53% a year"),
        ],
        case_benefits: vec![],
        cost: Some(PublishedCost {
            per_case: 4_800_000.0 / 940.0,
            price_year: "2014-16",
            basis: "Hertfordshire's £4.8m DfE innovation grant ÷ the 940 families worked with in the first 12 months",
            source: citation::FORRESTER_2017,
            verification: Verification::Derived,
        }),
        not_counted: "School attendance (+36%, council figures) is not turned into money.",
        caveats: &[
            "One council's before-and-after figures: promising, not proof of cause.",
            "The five-council follow-up confirmed the direction in 4 of 5 councils but its sizes are not confirmed.",
            "Results from the national roll-out (Strengthening Families, Protecting Children) are not yet published.",
        ],
    }
}

fn fgc_pre_proceedings() -> Programme {
    let g = Grade::Rct;
    let src = citation::CORAM_2023;
    Programme {
        id: "fgc-pre-proceedings",
        name: "Family Group Conferencing at pre-proceedings",
        summary: "A family group conference offered when a council sends a pre-proceedings letter. In a randomised trial in 21 councils (2,548 children), 36.2% were in care 12 months later against 44.8% without, and care proceedings were issued for 59.2% against 71.7%.",
        grade: g,
        cohort: Cohort {
            unit: "children entering pre-proceedings a year",
            hint: "Children whose families receive a pre-proceedings letter each year. This is not in the national tables: use your council's own count.",
            default_from: None,
        },
        effects: vec![
            Effect {
                outcome: Outcome::CareEntries,
                measure: Measure::PercentagePoints { control_pct: 44.8 },
                size: Range::by_rule(8.6, g),
                range_by_rule: true,
                finding: "looked after 12 months later: 36.2% with a conference, 44.8% without (8.6 points lower)",
                source: src,
                verification: Verification::Verified,
            },
            Effect {
                outcome: Outcome::CareProceedings,
                measure: Measure::PercentagePoints { control_pct: 71.7 },
                size: Range::by_rule(12.5, g),
                range_by_rule: true,
                finding: "care proceedings issued: 59.2% with a conference, 71.7% without (12.5 points lower)",
                source: src,
                verification: Verification::Verified,
            },
        ],
        case_benefits: vec![],
        cost: None,
        not_counted: "Fewer days in care at 6 months (87 against 115) is covered by the fall in children in care.",
        caveats: &["No cost per conference is published with the trial: enter your own."],
    }
}

fn pause() -> Programme {
    let g = Grade::Qed;
    Programme {
        id: "pause",
        name: "Pause",
        summary: "An 18-month programme of intensive support for women who have had children removed. Five Pause areas saw 14.4 fewer infants enter care per council a year (about 30%) than comparison areas.",
        grade: g,
        cohort: Cohort {
            unit: "Pause practices (one = the studied scale)",
            hint: "The effect is per council running Pause at the scale studied; the engagement rate scales it.",
            default_from: None,
        },
        effects: vec![Effect {
            outcome: Outcome::CareEntries,
            measure: Measure::PerCouncil {
                counterfactual: 14.4 / 0.30,
            },
            size: Range::by_rule(14.4, g),
            range_by_rule: true,
            finding: "14.4 fewer infants entering care per council a year, about 30% (215 fewer over 3 years in 5 sites)",
            source: citation::BODDY_2020,
            verification: Verification::Verified,
        }],
        case_benefits: vec![],
        cost: None,
        not_counted: "Women's own outcomes (employment +60%, housing) are not turned into money.",
        caveats: &["No cost per woman is published in the verified sources: enter your own annual cost."],
    }
}

fn fdac() -> Programme {
    let g = Grade::Modelled;
    Programme {
        id: "fdac",
        name: "Family Drug and Alcohol Court",
        summary: "A problem-solving court for care proceedings where parents misuse drugs or alcohol. The national cost-benefit model puts the direct benefit at £74,068 a case (£73,357 to councils) for a cost of £18,000; a comparison study cannot attribute the effects entirely to FDAC.",
        grade: g,
        cohort: Cohort {
            unit: "families in care proceedings with parental substance misuse a year",
            hint: "Families whose care proceedings would go through FDAC each year.",
            default_from: None,
        },
        effects: vec![],
        case_benefits: vec![
            CaseBenefit {
                agency: Agency::ChildrensServices,
                per_case: Range::by_rule(73_357.0, g),
                source: citation::CJI_2024,
            },
            CaseBenefit {
                agency: Agency::OtherPublic,
                per_case: Range::by_rule(74_068.0 - 73_357.0, g),
                source: citation::CJI_2024,
            },
        ],
        cost: Some(PublishedCost {
            per_case: 18_000.0,
            price_year: "2024",
            basis: "national FDAC cost-benefit model, cost per case",
            source: citation::CJI_2024,
            verification: Verification::Verified,
        }),
        not_counted: "Benefits are a cost model's per-case figures, not counts of children.",
        caveats: &[
            "Monetised per case and added to other programmes' savings: if the same families also get a family group conference, lower the engagement rate.",
            "The timing of benefits within five years is not published; they are spread evenly.",
        ],
    }
}

fn no_wrong_door() -> Programme {
    let g = Grade::BeforeAfter;
    Programme {
        id: "no-wrong-door",
        name: "No Wrong Door",
        summary: "Hubs for adolescents on the edge of care or in care, with a named key worker. In North Yorkshire 86% of the 355 young people referred stayed out of care; there was no comparison group, so the effect depends on how many would otherwise have entered care.",
        grade: g,
        cohort: Cohort {
            unit: "adolescents referred a year",
            hint: "Young people aged 12 and over referred to the hub each year (North Yorkshire: 355 over two years).",
            default_from: None,
        },
        effects: vec![Effect {
            outcome: Outcome::CareEntries,
            measure: Measure::ObservedRate { observed_pct: 14.0 },
            size: Range { low: 0.0, central: 0.0, high: 0.0 },
            range_by_rule: false,
            finding: "86% of referred young people stayed out of care (14% entered)",
            source: citation::LUSHEY_2017,
            verification: Verification::Verified,
        }],
        case_benefits: vec![],
        cost: None,
        not_counted: "Falls in arrests (38%), missing episodes and hospital admissions are not turned into money.",
        caveats: &[
            "No comparison group: you must say what share would have entered care without the service.",
            "No cost is published in the verified sources: enter your own.",
        ],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_programme_is_found_by_its_own_id() {
        for (key, make) in PROGRAMMES {
            assert_eq!(make().id, key);
            assert_eq!(find(key).map(|p| p.id), Some(key));
        }
        assert!(find("no-such-programme").is_none());
    }

    #[test]
    fn every_programme_is_cited_and_its_ranges_are_ordered() {
        for p in library() {
            assert!(!p.summary.is_empty() && !p.caveats.is_empty(), "{}", p.id);
            assert!(
                !p.effects.is_empty() || !p.case_benefits.is_empty(),
                "{}",
                p.id
            );
            for e in &p.effects {
                assert!(e.source.url.starts_with("https://"), "{}", p.id);
                assert!(e.size.low <= e.size.central && e.size.central <= e.size.high);
            }
            for b in &p.case_benefits {
                assert!(
                    b.per_case.low <= b.per_case.central && b.per_case.central <= b.per_case.high
                );
            }
            if let Some(c) = &p.cost {
                assert!(c.per_case > 0.0 && !c.price_year.is_empty(), "{}", p.id);
            }
        }
    }

    #[test]
    fn ids_are_unique_and_found() {
        let lib = library();
        for p in &lib {
            assert_eq!(lib.iter().filter(|q| q.id == p.id).count(), 1);
            assert_eq!(find(p.id).map(|q| q.name), Some(p.name));
        }
        assert!(find(CUSTOM_ID).is_none());
    }

    #[test]
    fn range_rule_widens_as_evidence_weakens() {
        let widths: Vec<f64> = [Grade::Rct, Grade::Qed, Grade::BeforeAfter, Grade::Modelled]
            .into_iter()
            .map(range_rule)
            .collect();
        assert!(widths.windows(2).all(|w| w[0] <= w[1]), "{widths:?}");
    }
}
