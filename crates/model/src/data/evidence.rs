//! The evidence library: what each programme does, for whom, by how much,
//! how sure we are, what it costs, and where every figure comes from.
//!
//! Figures are those marked verified in the project's research notes. Each
//! effect names the population it was measured on (the families worked with,
//! or a whole council's count) and the quantity (care time, entries, a count
//! at 31 March). Where a study gives one figure and no interval, the low and
//! high values follow the convention in [`range_rule`] and say so.

use serde::{Deserialize, Serialize};

use crate::base::outcome::{Agency, Outcome};
use crate::data::citation::{self, Citation, Verification};

/// The version of this evidence library. Scenarios and share links record it
/// so that old links can say which figures they were made with.
pub const EVIDENCE_SET: &str = "2026.4";

/// Evidence sets of earlier releases. A link or file made with one opens
/// with the current figures and a notice of [`METHOD_CHANGES`].
pub const OLDER_SETS: &[&str] = &["2026.1", "2026.2", "2026.3"];

/// What changed in the method since the last evidence set, for readers of
/// older links and files.
pub const METHOD_CHANGES: &str = "Evidence set 2026.4 adds Leeds Family Valued, Inside Out, Partners in Practice, Contextual Safeguarding and Supporting Families: Investing in Practice to the evidence page, each shown with what is known and the figure a council would need to supply, and Supporting Families as a ready scenario; the five programmes projected before are projected as they were, so a link of evidence set 2026.3 gives the same numbers. Method 3 (since evidence set 2026.3): each year's families count for the years their study followed them, and no more unless the programme's own costing counted more (Family Safeguarding and family group conferences: the first 12 months), so a yearly saving no longer grows beyond the one the evaluation published; counting more is a labelled choice (Benefits after the period observed), drawn in the simulation with drop-off, the length of an avoided stay and the cashable share of a placement; the high effect setting is the published figures without the optimism-bias haircut; councils known to run a programme already do not count its effect twice; the calculator opens on Derbyshire, a council at England's median rate of children in care that is not known to run any of these programmes.";

/// Whether `set` names this release's evidence set or an earlier one.
pub fn known_set(set: &str) -> bool {
    set == EVIDENCE_SET || OLDER_SETS.contains(&set)
}

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

/// How far below a single published figure the range reaches, as a share of
/// it, by grade: RCT 25%, comparison-area 40%, before/after and modelled 50%.
/// A convention of this calculator, shown as such in the UI; the high end is
/// the published figure (see [`Range::by_rule`]).
pub fn range_rule(grade: Grade) -> f64 {
    match grade {
        Grade::Rct => 0.25,
        Grade::Qed => 0.40,
        Grade::BeforeAfter | Grade::Modelled => 0.50,
    }
}

/// What an effect was measured on, which fixes how it is applied.
///
/// "Council" effects were measured on a whole council's count while the
/// programme covered that council's whole caseload; they are applied to the
/// share of the caseload served (families served ÷ families eligible), never
/// stretched beyond it. "Cohort" effects were measured on the families or
/// children worked with and are applied per case served.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(tag = "measure", rename_all = "snake_case")]
pub enum Measure {
    /// A relative reduction (%) in a whole-council count, measured with the
    /// programme covering the whole caseload.
    CouncilRelative,
    /// A reduction in percentage points in the share of the cohort who
    /// reach the outcome; `control_pct` is the share in the comparison group.
    CohortPoints {
        /// Share of the comparison group reaching the outcome (%).
        control_pct: f64,
    },
    /// Percentage points worked out from an observed rate with no comparison
    /// group: the effect is (the user's counterfactual rate − `observed_pct`).
    CohortObserved {
        /// Share of the cohort reaching the outcome with the programme (%).
        observed_pct: f64,
    },
}

/// The quantity an effect was measured in. Stocks are counts at a point in
/// time (31 March, or 12 months after the start); flows are events in a
/// year; care time is child-days in care.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Quantity {
    /// Child-days in care of children entering care (care time).
    CareTime,
    /// Children starting to be looked after (a flow).
    CareEntries,
    /// Infants under 12 months starting to be looked after (a flow).
    InfantCareEntries,
    /// Children looked after 12 months after the start (a stock at a point).
    InCareAt12Months,
    /// Children on child protection plans at 31 March (a stock).
    CpPlans,
    /// Children in need at 31 March, all tiers (a stock).
    ChildrenInNeed,
    /// Care proceedings issued (a flow).
    CareProceedings,
}

impl Quantity {
    /// The outcome the quantity changes.
    pub fn outcome(self) -> Outcome {
        match self {
            Quantity::CareTime
            | Quantity::CareEntries
            | Quantity::InfantCareEntries
            | Quantity::InCareAt12Months => Outcome::CareEntries,
            Quantity::CpPlans => Outcome::CpPlans,
            Quantity::ChildrenInNeed => Outcome::ChildrenInNeed,
            Quantity::CareProceedings => Outcome::CareProceedings,
        }
    }

    /// Stock, flow or time, in words, for every place the figure is shown.
    pub fn kind(self) -> &'static str {
        match self {
            Quantity::CareTime => "time in care",
            Quantity::CareEntries | Quantity::InfantCareEntries | Quantity::CareProceedings => {
                "a flow, a year"
            }
            Quantity::InCareAt12Months => "a stock, 12 months after the start",
            Quantity::CpPlans | Quantity::ChildrenInNeed => "a stock, at 31 March",
        }
    }
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
    /// A range by [`range_rule`] around one published figure: from the
    /// rule's low end up to the published figure itself. No study observed
    /// more than its own figure, so the convention never goes above it.
    pub fn by_rule(central: f64, grade: Grade) -> Range {
        let w = range_rule(grade);
        Range {
            low: central * (1.0 - w),
            central,
            high: central,
        }
    }
}

/// Where an effect's range comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RangeBasis {
    /// A confidence interval published with the study.
    Published,
    /// This calculator's convention ([`range_rule`]), not a published interval.
    Convention,
}

/// How long a study followed the families it measured an effect on, and
/// whether the calculator's default counts the effect after that.
///
/// Each year of a projection must be as well supported as the first: a
/// cohort's effect is counted in full for the years its study observed.
/// After them the default counts it only where the programme's own
/// published costing did (`beyond`, with the reason in `basis`); otherwise
/// the share counted after the period observed is the reader's labelled
/// choice (`assumptions.beyond_observed_pct`), which the simulation draws
/// from none to all.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct FollowUp {
    /// Years after a family was first worked with over which the effect was
    /// observed (1: the first 12 months).
    pub years: u32,
    /// Whether the default counts the effect after those years.
    pub beyond: bool,
    /// Why, in words: what the study followed and what its costing counted.
    pub basis: &'static str,
}

/// One outcome a programme moves.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Effect {
    /// What it was measured in.
    pub quantity: Quantity,
    /// On whom it was measured.
    #[serde(flatten)]
    pub measure: Measure,
    /// Size of the reduction: % for council-relative effects, percentage
    /// points for cohort effects. Zero for observed-rate effects, whose size
    /// comes from the user's counterfactual rate.
    pub size: Range,
    /// Whether low/high are a published interval or the convention.
    pub range_basis: RangeBasis,
    /// What the study measured, in words.
    pub finding: &'static str,
    /// How long the study followed the families, and what is counted after.
    pub follow_up: FollowUp,
    /// The study.
    pub source: Citation,
    /// How the figure was checked.
    pub verification: Verification,
}

/// A monetised benefit per case, for findings published as money rather
/// than counts.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CaseBenefit {
    /// Who gains.
    pub agency: Agency,
    /// £ per case in its price year, spread evenly over `years`.
    pub per_case: Range,
    /// Years over which it falls, from the year the case is worked with.
    pub years: usize,
    /// Price year (the financial year it starts in).
    pub price_year: u16,
    /// How the figure is built.
    pub basis: &'static str,
    /// The study.
    pub source: Citation,
}

/// A published programme cost.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PublishedCost {
    /// £ per case (per family, child or woman, as the cohort says), in its
    /// price year.
    pub per_case: f64,
    /// Price year (the financial year it starts in).
    pub price_year: u16,
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
    /// The cohort used when the user enters none, or `None` when the user
    /// must enter it.
    pub default: Option<CohortDefault>,
}

/// A cohort used when the user enters none.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CohortDefault {
    /// The whole eligible caseload (a whole-system model, as evaluated).
    Eligible,
    /// A fixed number of cases, e.g. one Pause practice.
    Cases(f64),
}

/// The council figure an eligible caseload is scaled from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EligibleBase {
    /// Children on child protection plans at 31 March.
    CpPlans,
    /// Infants entering care a year (the council's figure, or the stand-in).
    InfantCareEntries,
}

/// How many cases a council could serve a year: `per_unit` cases for each
/// unit of a council figure. Served cases never exceed it.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Eligible {
    /// The council figure.
    pub base: EligibleBase,
    /// Cases per unit of it.
    pub per_unit: f64,
    /// How the ratio is built, in words.
    pub basis: &'static str,
}

/// The placement a child kept out of care would have had: the marginal
/// cost of the children a programme serves, not an all-age average.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Placement {
    /// Foster care.
    Foster,
    /// A children's home.
    Residential,
    /// The council's own net spend per looked-after child (an average, not
    /// a marginal cost).
    CouncilAverage,
}

impl Placement {
    /// A short plain-English name.
    pub fn label(self) -> &'static str {
        match self {
            Placement::Foster => "foster care",
            Placement::Residential => "a children's home",
            Placement::CouncilAverage => "your council's average spend per looked-after child",
        }
    }
}

/// How long a child kept out of care would have stayed.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Duration {
    /// The council's own: children looked after ÷ children leaving care.
    Council,
    /// The council's own, but no longer than until 18 from this age.
    UntilAdult {
        /// Age on entering care, years.
        entry_age: f64,
    },
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
    /// How many cases a council could serve, where the evidence says.
    pub eligible: Option<Eligible>,
    /// The placement avoided.
    pub placement: Placement,
    /// How long an avoided stay in care would have lasted.
    pub duration: Duration,
    /// A programme whose cohort contains this one's: when both are chosen,
    /// this one applies to the risk the other leaves.
    pub nests_in: Option<&'static str>,
    /// Outcome effects.
    pub effects: Vec<Effect>,
    /// Monetised per-case benefits.
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

/// Families Hertfordshire's Family Safeguarding teams worked with in their
/// first 12 months (innovationcsc.co.uk; HCLG Committee 2019, Box 2).
pub const FS_HERTS_FAMILIES: f64 = 940.0;
/// Hertfordshire's children on child protection plans at 31 March 2014, the
/// last count before the January 2015 launch (DfE, `la_history.csv`; a test
/// checks it against the file).
pub const FS_HERTS_CP_PLANS_2014: f64 = 1_140.0;

/// Infants entering care a year in an average studied Pause area without
/// Pause: 14.4 fewer a year was about 30% (Boddy et al. 2020), so
/// 14.4 ÷ 0.30 = 48. The stand-in when a council has no figure of its own.
pub const PAUSE_STUDIED_INFANT_ENTRIES: f64 = 48.0;

/// What Hertfordshire's evaluation followed, and why its effects are
/// counted for the first year of each cohort only.
pub const FS_FOLLOW_UP: FollowUp = FollowUp {
    years: 1,
    beyond: false,
    basis: "The evaluation compared each family's 12 months after allocation with the 12 months before, and costed the first year: \u{a3}2.6m to children's services, which it called a yearly saving (\u{201c}over \u{a3}2.5m per year\u{201d}). Nothing after the first 12 months was measured, and Hertfordshire's children looked after did not fall as a lasting 39% would make them (about 1,016 in January 2014, 929 at 31 March 2019 and 999 at 31 March 2025), so each year's families count for their first year; counting more is your choice (Benefits after the period observed).",
};

fn family_safeguarding() -> Programme {
    let g = Grade::BeforeAfter;
    let src = citation::FORRESTER_2017;
    let effect = |quantity, pct, finding| Effect {
        quantity,
        measure: Measure::CouncilRelative,
        size: Range::by_rule(pct, g),
        range_basis: RangeBasis::Convention,
        finding,
        follow_up: FS_FOLLOW_UP,
        source: src,
        verification: Verification::Verified,
    };
    let per_family = |agency, total: f64, basis| CaseBenefit {
        agency,
        per_case: Range::by_rule(total / FS_HERTS_FAMILIES, g),
        years: 1,
        price_year: 2015,
        basis,
        source: citation::HCLG_2019,
    };
    Programme {
        id: "family-safeguarding",
        name: "Family Safeguarding",
        summary: "Adult specialists (domestic abuse, mental health, substance misuse, probation) join children's social work teams. In Hertfordshire's first year, working with 940 families, days in care fell 39%, children on protection plans 29% and children in need 8.8%, against the years before (one council, no comparison group; a later five-council study found significant falls in care entry in 4 of 5).",
        grade: g,
        cohort: Cohort {
            unit: "families worked with a year",
            hint: "Hertfordshire's teams worked with 940 families in their first year, its whole safeguarding caseload. Left blank, the calculator uses your whole eligible caseload, as Hertfordshire did.",
            default: Some(CohortDefault::Eligible),
        },
        eligible: Some(Eligible {
            base: EligibleBase::CpPlans,
            per_unit: FS_HERTS_FAMILIES / FS_HERTS_CP_PLANS_2014,
            basis: "Hertfordshire worked with 940 families in the first year when it had 1,140 children on protection plans (31 March 2014): 0.825 families per child on a plan",
        }),
        placement: Placement::Foster,
        duration: Duration::Council,
        nests_in: None,
        effects: vec![
            effect(Quantity::CareTime, 39.0, "days in care fell 39% in the first year, for the families worked with"),
            effect(Quantity::CpPlans, 29.0, "children on child protection plans fell 29% (count at 31 March)"),
            effect(Quantity::ChildrenInNeed, 8.8, "children in need fell 8.8% (count at 31 March, all tiers)"),
        ],
        case_benefits: vec![
            per_family(Agency::Police, 106_824.0, "£106,824 a year to police and criminal justice (58% fewer repeat incidents) ÷ 940 families"),
            per_family(Agency::Nhs, 220_002.0, "£220,002 a year to the NHS (53% fewer adult emergency admissions) ÷ 940 families"),
        ],
        cost: Some(PublishedCost {
            per_case: 4_800_000.0 / FS_HERTS_FAMILIES,
            price_year: 2015,
            basis: "Hertfordshire's £4.8m DfE innovation grant ÷ the 940 families worked with in the first 12 months (the grant ran 2014-16; priced at 2015-16, its middle)",
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

/// What the family group conference trial followed.
pub const FGC_FOLLOW_UP: FollowUp = FollowUp {
    years: 1,
    beyond: false,
    basis: "The trial followed the children for 12 months after the pre-proceedings letter: fewer were looked after at 12 months (days in care differed significantly at 6 months, not at 12). Time in care after those 12 months was not measured, so it is counted only if you choose to (Benefits after the period observed).",
};

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
            default: None,
        },
        eligible: None,
        placement: Placement::Foster,
        duration: Duration::Council,
        nests_in: Some("family-safeguarding"),
        effects: vec![
            Effect {
                quantity: Quantity::InCareAt12Months,
                measure: Measure::CohortPoints { control_pct: 44.8 },
                size: Range::by_rule(8.6, g),
                range_basis: RangeBasis::Convention,
                finding: "looked after 12 months later: 36.2% with a conference, 44.8% without (8.6 points lower)",
                follow_up: FGC_FOLLOW_UP,
                source: src,
                verification: Verification::Verified,
            },
            Effect {
                quantity: Quantity::CareProceedings,
                measure: Measure::CohortPoints { control_pct: 71.7 },
                size: Range::by_rule(12.5, g),
                range_basis: RangeBasis::Convention,
                finding: "care proceedings issued: 59.2% with a conference, 71.7% without (12.5 points lower)",
                follow_up: FGC_FOLLOW_UP,
                source: src,
                verification: Verification::Verified,
            },
        ],
        case_benefits: vec![],
        cost: None,
        not_counted: "Fewer days in care at 6 months (87 against 115) is covered by the fall in children in care at 12 months.",
        caveats: &[
            "No cost per conference is published with the trial: enter your own.",
            "The trial publishes confidence intervals, but they are not among the verified figures here: the range shown is this calculator's convention.",
        ],
    }
}

fn pause() -> Programme {
    let g = Grade::Qed;
    Programme {
        id: "pause",
        name: "Pause",
        summary: "An 18-month programme of intensive support for women who have had children removed. Areas with a Pause practice saw 14.4 fewer infants enter care a year (about 30%) than comparison areas.",
        grade: g,
        cohort: Cohort {
            unit: "Pause practices (one practice is the scale studied)",
            hint: "The evaluation compared areas with one Pause practice against areas without. A council with fewer infants entering care than the studied areas (48 a year) can run at most part of a practice's effect.",
            default: Some(CohortDefault::Cases(1.0)),
        },
        eligible: Some(Eligible {
            base: EligibleBase::InfantCareEntries,
            per_unit: 1.0 / PAUSE_STUDIED_INFANT_ENTRIES,
            basis: "one practice per 48 infants entering care a year, the studied areas' average (14.4 ÷ 30%)",
        }),
        placement: Placement::Foster,
        duration: Duration::Council,
        nests_in: Some("family-safeguarding"),
        effects: vec![Effect {
            quantity: Quantity::InfantCareEntries,
            measure: Measure::CouncilRelative,
            size: Range::by_rule(30.0, g),
            range_basis: RangeBasis::Convention,
            finding: "about 30% fewer infants under 12 months entering care in Pause areas than in comparison areas (14.4 a year per area; 215 over 3 years in 5 areas)",
            follow_up: FollowUp {
                years: 3,
                beyond: true,
                basis: "Entries were counted year by year over three years in five areas. An entry avoided is one event in its year; the time in care it would have led to is costed at the council's average stay (Length of an avoided stay), as Pause's own 4- and 18-year ratios cost the care avoided over those years.",
            },
            source: citation::BODDY_2020,
            verification: Verification::Verified,
        }],
        case_benefits: vec![],
        cost: None,
        not_counted: "Women's own outcomes (employment +60%, housing) are not turned into money.",
        caveats: &["No cost per practice is published in the verified sources: enter your own annual cost."],
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
            default: None,
        },
        eligible: None,
        placement: Placement::Foster,
        duration: Duration::Council,
        nests_in: Some("family-safeguarding"),
        effects: vec![],
        case_benefits: vec![
            CaseBenefit {
                agency: Agency::ChildrensServices,
                per_case: Range::by_rule(73_357.0, g),
                years: 5,
                price_year: 2024,
                basis: "£73,357 a case to councils, mostly care placements and legal costs; spread evenly over 5 years (the London model's horizon; the national model's timing is not published)",
                source: citation::CJI_2024,
            },
            CaseBenefit {
                agency: Agency::OtherPublic,
                per_case: Range::by_rule(74_068.0 - 73_357.0, g),
                years: 5,
                price_year: 2024,
                basis: "£74,068 − £73,357 = £711 a case to other public services, spread evenly over 5 years",
                source: citation::CJI_2024,
            },
        ],
        cost: Some(PublishedCost {
            per_case: 18_000.0,
            price_year: 2024,
            basis: "national FDAC cost-benefit model, cost per case (published 2024; taken as 2024-25 prices)",
            source: citation::CJI_2024,
            verification: Verification::Verified,
        }),
        not_counted: "Benefits are a cost model's per-case figures, not counts of children.",
        caveats: &[
            "The timing of benefits within five years is not published; they are spread evenly.",
            "With Family Safeguarding also chosen, the council's benefit applies only to the risk Family Safeguarding leaves.",
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
            default: None,
        },
        eligible: None,
        placement: Placement::Foster,
        duration: Duration::UntilAdult { entry_age: 15.0 },
        nests_in: Some("family-safeguarding"),
        effects: vec![Effect {
            quantity: Quantity::CareEntries,
            measure: Measure::CohortObserved { observed_pct: 14.0 },
            size: Range { low: 0.0, central: 0.0, high: 0.0 },
            range_basis: RangeBasis::Convention,
            finding: "86% of referred young people stayed out of care (14% entered)",
            follow_up: FollowUp {
                years: 2,
                beyond: true,
                basis: "Young people referred from April 2015 to March 2017 were followed to the end of the evaluation. An entry avoided is one event; the stay it would have led to is costed at the council's average stay, no longer than until 18.",
            },
            source: citation::LUSHEY_2017,
            verification: Verification::Verified,
        }],
        case_benefits: vec![],
        cost: None,
        not_counted: "Falls in arrests (38%), missing episodes and hospital admissions are not turned into money.",
        caveats: &[
            "No comparison group: you must say what share would have entered care without the service.",
            "The placement avoided is costed at foster care, for no longer than until 18 from entry at 15 (a convention: the cohort was aged 12 and over). North Yorkshire halved its residential placements, but no source here says which placement each avoided entry would have had; choose a children's home if you know it would have been one.",
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
                assert!(e.size.high <= e.size.central || e.range_basis == RangeBasis::Published);
            }
            for b in &p.case_benefits {
                assert!(
                    b.per_case.low <= b.per_case.central && b.per_case.central <= b.per_case.high
                );
            }
            if let Some(c) = &p.cost {
                assert!(c.per_case > 0.0, "{}", p.id);
                assert!(
                    crate::data::prices::index(c.price_year).is_some(),
                    "{}",
                    p.id
                );
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
