//! The scenario: everything a user chooses, in one versioned, serialisable
//! value. The CLI, the widget, share links and exports all use this format;
//! the table of fields ([`crate::scenario::fields`]) describes each field
//! once, and `docs/scenario-format.md` shows that table. A new field is a
//! member here and a row there: the table's tests fail until both are in.
//!
//! Percentages are written as percent numbers (`3.5` means 3.5%), money in
//! pounds at 2025-26 prices (the defaults are uprated from their own price
//! years, see [`crate::data::prices`]), counts as numbers of children, cases or
//! events. A blank figure is `null` (or absent): "no figure", never zero.

use serde::{Deserialize, Serialize};

use crate::base::outcome::{Agency, Outcome};
use crate::data::defaults as d;
use crate::data::evidence::{Grade, Placement, EVIDENCE_SET};

/// The scenario format version this build reads and writes.
pub const FORMAT_VERSION: u32 = 2;

/// A complete scenario.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    /// Format version; must be [`FORMAT_VERSION`]. Read as 0 when absent
    /// (no version was ever 0), which [`crate::scenario::decode::decode`]
    /// refuses as not a scenario at all.
    #[serde(default)]
    pub version: u32,
    /// Evidence set the figures come from, e.g. `2026.1`.
    pub evidence_set: String,
    /// A name for the scenario, shown in comparisons and exports.
    #[serde(default)]
    pub label: String,
    /// The council's own figures.
    pub council: Council,
    /// Unit costs (defaults are cited in [`crate::data::defaults`]).
    #[serde(default)]
    pub unit_costs: UnitCosts,
    /// Method assumptions.
    #[serde(default)]
    pub assumptions: Assumptions,
    /// The programmes funded.
    pub programmes: Vec<ProgrammeChoice>,
    /// Settings of the uncertainty analysis.
    #[serde(default)]
    pub uncertainty: UncertaintySettings,
}

/// How the Monte Carlo simulation draws.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct UncertaintySettings {
    /// Number of simulations, 1 to 100,000.
    pub draws: u32,
    /// Seed of the random number generator: the same seed gives the same
    /// results everywhere.
    pub seed: u32,
    /// Each unit cost is drawn from a triangle of ± this share around its
    /// value, %.
    pub unit_cost_spread_pct: f64,
    /// Each programme's engagement is drawn from a triangle of ± this share
    /// around its value (never above 100% reach), %.
    pub engagement_spread_pct: f64,
}

impl Default for UncertaintySettings {
    fn default() -> UncertaintySettings {
        UncertaintySettings {
            draws: 10_000,
            seed: 2026,
            unit_cost_spread_pct: d::UNIT_COST_SPREAD_PCT,
            engagement_spread_pct: d::ENGAGEMENT_SPREAD_PCT,
        }
    }
}

/// A council's figures. `None` means "no figure"; it is only an error when
/// a chosen programme needs it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Council {
    /// ONS code, e.g. `E10000015`, when taken from the official tables.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// Council name, as the user or the tables give it.
    pub name: String,
    /// Year (at 31 March) of the official figures, when taken from them.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub data_year: Option<u16>,
    /// Children aged 0–17.
    pub population_0_17: Option<f64>,
    /// Children looked after at 31 March.
    pub children_looked_after: Option<f64>,
    /// Children starting to be looked after in the year.
    pub care_starts: Option<f64>,
    /// Children ceasing to be looked after in the year.
    pub care_ceased: Option<f64>,
    /// Children on child protection plans at 31 March.
    pub cp_plans: Option<f64>,
    /// Children in need at 31 March.
    pub children_in_need: Option<f64>,
    /// Care proceedings issued a year (optional; not in the national tables).
    pub care_proceedings: Option<f64>,
    /// Repeat police call-outs to families a year (partner figure, optional).
    pub police_incidents: Option<f64>,
    /// Adult emergency hospital admissions of parents a year (partner
    /// figure, optional; used only by custom programmes).
    pub emergency_admissions: Option<f64>,
    /// Infants under 12 months starting to be looked after a year
    /// (optional; not in the national tables).
    pub infant_care_starts: Option<f64>,
    /// The council's net spend on children looked after per looked-after
    /// child, £ a year (MHCLG revenue outturn ÷ children looked after): an
    /// average, not a marginal cost.
    pub cla_spend_per_child: Option<f64>,
}

/// Unit costs, in pounds at 2025-26 prices.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct UnitCosts {
    /// Foster care, £ per child per week.
    pub foster_weekly: f64,
    /// Children's home, £ per child per week.
    pub residential_weekly: f64,
    /// Child protection plan, £ per child per year.
    pub cp_plan_annual: f64,
    /// Child in need case, £ per child per year.
    pub cin_annual: f64,
    /// Care proceedings, £ per case.
    pub care_proceedings: f64,
    /// The council's share of the cost of care proceedings, %.
    pub care_proceedings_council_pct: f64,
    /// Police, £ per incident.
    pub police_incident: f64,
    /// NHS, £ per adult emergency admission.
    pub emergency_admission: f64,
}

impl Default for UnitCosts {
    fn default() -> UnitCosts {
        UnitCosts {
            foster_weekly: d::foster_weekly(),
            residential_weekly: d::residential_weekly(),
            cp_plan_annual: d::cp_plan_annual(),
            cin_annual: d::cin_annual(),
            care_proceedings: d::care_proceedings(),
            care_proceedings_council_pct: d::CARE_PROCEEDINGS_LA_PCT,
            police_incident: d::police_incident(),
            emergency_admission: d::emergency_admission(),
        }
    }
}

impl UnitCosts {
    /// Cost of a child in foster care for a year (£): 52 weeks.
    ///
    /// ```
    /// use outcome_model::UnitCosts;
    /// let costs = UnitCosts { foster_weekly: 600.0, ..UnitCosts::default() };
    /// assert_eq!(costs.foster_annual(), 31_200.0);
    /// ```
    pub fn foster_annual(&self) -> f64 {
        52.0 * self.foster_weekly
    }

    /// Cost of a child in a children's home for a year (£): 52 weeks.
    pub fn residential_annual(&self) -> f64 {
        52.0 * self.residential_weekly
    }
}

/// Which end of each effect range to use.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EffectLevel {
    /// The low end.
    Low,
    /// The published figure.
    #[default]
    Central,
    /// The high end.
    High,
}

/// Optimism bias on benefits by evidence grade (%).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct OptimismByGrade {
    /// Randomised controlled trial, %.
    pub rct_pct: f64,
    /// Comparison-area study, %.
    pub qed_pct: f64,
    /// Before-and-after in one council, %.
    pub before_after_pct: f64,
    /// Modelled estimate, %.
    pub modelled_pct: f64,
}

impl Default for OptimismByGrade {
    fn default() -> OptimismByGrade {
        let [rct_pct, qed_pct, before_after_pct, modelled_pct] = d::OPTIMISM_BENEFITS_PCT;
        OptimismByGrade {
            rct_pct,
            qed_pct,
            before_after_pct,
            modelled_pct,
        }
    }
}

impl OptimismByGrade {
    /// The haircut for a grade, %.
    pub fn for_grade(&self, grade: Grade) -> f64 {
        match grade {
            Grade::Rct => self.rct_pct,
            Grade::Qed => self.qed_pct,
            Grade::BeforeAfter => self.before_after_pct,
            Grade::Modelled => self.modelled_pct,
        }
    }
}

/// Cashable share of each kind of saving (%).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Cashable {
    /// Foster placements (and the council's average spend), %.
    pub care_pct: f64,
    /// Children's home placements, %.
    pub residential_pct: f64,
    /// Child protection plan case management (staff time), %.
    pub cp_plans_pct: f64,
    /// Child in need case management (staff time), %.
    pub children_in_need_pct: f64,
    /// Care proceedings, %.
    pub care_proceedings_pct: f64,
    /// Police time, %.
    pub police_pct: f64,
    /// NHS emergency admissions, %.
    pub nhs_pct: f64,
    /// Monetised per-case benefits (FDAC: "predominantly cashable"), %.
    pub case_benefits_pct: f64,
}

impl Default for Cashable {
    fn default() -> Cashable {
        Cashable {
            care_pct: d::CASHABLE_FOSTER_PCT,
            residential_pct: d::CASHABLE_RESIDENTIAL_PCT,
            cp_plans_pct: 0.0,
            children_in_need_pct: 0.0,
            care_proceedings_pct: 0.0,
            police_pct: 0.0,
            nhs_pct: 0.0,
            case_benefits_pct: d::CASHABLE_CASE_BENEFITS_PCT,
        }
    }
}

/// Method assumptions (the Green Book / GMCA chain).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Assumptions {
    /// First financial year of the programme, e.g. 2026 for 2026-27.
    pub start_year: u16,
    /// Years projected, 1 to 20 ([`crate::scenario::fields::MAX_YEARS`]).
    pub horizon_years: u32,
    /// Years the programme is funded, 1 to 20; at or beyond the horizon means
    /// funded throughout.
    pub funding_years: u32,
    /// Yearly fall in each year's cohort's benefits after its first year
    /// (drop-off), %. No funding means no new cohort; only the tails of
    /// cohorts already served continue.
    pub drop_off_pct: f64,
    /// Share of each effect counted after the years its study observed it,
    /// %; `None` counts it as each programme's own published costing did
    /// (for most effects, nothing after the period observed). A choice
    /// beyond the evidence: the results say so when it is set.
    pub beyond_observed_pct: Option<f64>,
    /// Discount rate, % a year.
    pub discount_rate_pct: f64,
    /// Optimism bias added to programme costs, %.
    pub optimism_bias_costs_pct: f64,
    /// Optimism bias taken off benefits, by evidence grade.
    pub optimism_bias_benefits: OptimismByGrade,
    /// Share of full reach in year 1, 2, …; the last value holds after.
    pub ramp_pct: Vec<f64>,
    /// Yearly change in the counts without the programme, %.
    pub baseline_trend_pct: f64,
    /// What the counts without the programmes follow: held flat (the
    /// default: the back-test in `docs/methodology.md` found no trend
    /// forecasts better), the council's own trend or England's trend.
    #[serde(skip_serializing_if = "Baseline::is_flat")]
    pub baseline: Baseline,
    /// The yearly change of each outcome that [`Assumptions::baseline`]
    /// uses when it is not flat, % a year (filled in from the council's
    /// published history, so a link or file reproduces its numbers).
    #[serde(skip_serializing_if = "BaselineTrends::is_empty")]
    pub baseline_trends: BaselineTrends,
    /// Average years a child entering care stays; `None` uses the council's
    /// looked-after count ÷ children leaving care, or England's figure.
    pub care_years: Option<f64>,
    /// Cashable shares.
    pub cashable: Cashable,
    /// Which end of the effect ranges to use.
    pub effect_level: EffectLevel,
}

impl Default for Assumptions {
    fn default() -> Assumptions {
        Assumptions {
            start_year: 2026,
            horizon_years: 5,
            funding_years: 5,
            drop_off_pct: 0.0,
            beyond_observed_pct: None,
            discount_rate_pct: d::DISCOUNT_PCT,
            optimism_bias_costs_pct: d::OPTIMISM_COSTS_PCT,
            optimism_bias_benefits: OptimismByGrade::default(),
            ramp_pct: d::RAMP_PCT.to_vec(),
            baseline_trend_pct: 0.0,
            baseline: Baseline::Flat,
            baseline_trends: BaselineTrends::default(),
            care_years: None,
            cashable: Cashable::default(),
            effect_level: EffectLevel::Central,
        }
    }
}

/// What the counts without the programmes follow over the years.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Baseline {
    /// The council's figures held flat (moved only by
    /// [`Assumptions::baseline_trend_pct`]).
    #[default]
    Flat,
    /// Each outcome moved by the council's own trend: its yearly change
    /// over its last five published years.
    CouncilTrend,
    /// Each outcome moved by England's yearly change over the same years.
    EnglandTrend,
}

impl Baseline {
    /// Every choice, in the order the page offers them.
    pub const ALL: [Baseline; 3] = [
        Baseline::Flat,
        Baseline::CouncilTrend,
        Baseline::EnglandTrend,
    ];

    /// The word a file or link writes: `flat`, `council_trend`,
    /// `england_trend`.
    pub fn word(self) -> &'static str {
        match self {
            Baseline::Flat => "flat",
            Baseline::CouncilTrend => "council_trend",
            Baseline::EnglandTrend => "england_trend",
        }
    }

    /// Reads a [`Baseline::word`].
    pub fn parse(text: &str) -> Option<Baseline> {
        Baseline::ALL.into_iter().find(|b| b.word() == text.trim())
    }

    /// Whose trend the counts follow, in words: `the council's own
    /// trend`, `England's trend`; `None` when they are held flat.
    pub fn whose(self) -> Option<&'static str> {
        match self {
            Baseline::Flat => None,
            Baseline::CouncilTrend => Some("the council's own trend"),
            Baseline::EnglandTrend => Some("England's trend"),
        }
    }

    /// Whether the counts are held flat.
    pub fn is_flat(&self) -> bool {
        *self == Baseline::Flat
    }
}

/// The yearly change of each outcome without the programmes, % a year
/// (`-2.5` is a fall of 2.5% a year), used when the baseline is a trend.
/// Blank is "no trend figure": that outcome is held flat.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct BaselineTrends {
    /// Children looked after at 31 March, % a year.
    pub looked_after_pct: Option<f64>,
    /// Children starting to be looked after in the year, % a year.
    pub care_starts_pct: Option<f64>,
    /// Children on child protection plans at 31 March, % a year.
    pub cp_plans_pct: Option<f64>,
    /// Children in need at 31 March, % a year.
    pub children_in_need_pct: Option<f64>,
}

impl BaselineTrends {
    /// Whether no outcome has a trend figure.
    pub fn is_empty(&self) -> bool {
        *self == BaselineTrends::default()
    }
}

/// A programme the council funds, with the user's settings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProgrammeChoice {
    /// Programme id from the evidence library, or `custom`.
    pub programme: String,
    /// Cases a year (the programme's cohort unit); `None` uses the
    /// programme's default, where it has one.
    #[serde(default)]
    pub cohort: Option<f64>,
    /// Cases a year the council could serve; `None` uses the programme's
    /// ratio to the council's figures, where it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub eligible: Option<f64>,
    /// The placement a child kept out of care would have had; `None` uses
    /// the programme's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub placement: Option<Placement>,
    /// Share of the cohort (or of the council) reached at full roll-out, %.
    #[serde(default = "hundred")]
    pub engagement_pct: f64,
    /// Scales every effect of the programme, % (100 = as published).
    #[serde(default = "hundred")]
    pub effect_scale_pct: f64,
    /// £ per case a year; `None` uses the published cost, where there is one.
    #[serde(default)]
    pub cost_per_case: Option<f64>,
    /// £ a year regardless of cases (management, premises).
    #[serde(default)]
    pub annual_cost: f64,
    /// £ once, in the first year.
    #[serde(default)]
    pub setup_cost: f64,
    /// Share of the effect that would have happened anyway, %.
    #[serde(default)]
    pub deadweight_pct: f64,
    /// Share of the effect due to other services, %.
    #[serde(default)]
    pub attribution_pct: f64,
    /// For effects measured without a comparison group (No Wrong Door): the
    /// share of the cohort who would have reached the outcome anyway, %.
    #[serde(default)]
    pub counterfactual_pct: Option<f64>,
    /// The user's own programme, when `programme` is `custom`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub custom: Option<CustomProgramme>,
}

fn hundred() -> f64 {
    100.0
}

impl ProgrammeChoice {
    /// A library programme with default settings.
    pub fn new(id: &str) -> ProgrammeChoice {
        ProgrammeChoice {
            programme: id.to_string(),
            cohort: None,
            eligible: None,
            placement: None,
            engagement_pct: 100.0,
            effect_scale_pct: 100.0,
            cost_per_case: None,
            annual_cost: 0.0,
            setup_cost: 0.0,
            deadweight_pct: 0.0,
            attribution_pct: 0.0,
            counterfactual_pct: None,
            custom: None,
        }
    }
}

/// A programme the user defines in full.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CustomProgramme {
    /// Its name.
    pub name: String,
    /// The user's view of the evidence grade (sets the benefit haircut).
    pub grade: Grade,
    /// Its effects on the council's counts (up to 10; a programme needs
    /// at least one effect or one benefit).
    #[serde(default)]
    pub effects: Vec<CustomEffect>,
    /// Its benefits in money, £ a case a year (up to 10), the GMCA model's
    /// way of counting an outcome: a value per case served each year for a
    /// stated number of years, falling by its own drop-off after the first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub benefits: Vec<CustomBenefit>,
    /// Which years it serves cases in: a new cohort each funded year (the
    /// default) or one cohort in the first year only.
    #[serde(default, skip_serializing_if = "Cohorts::is_default")]
    pub cohorts: Cohorts,
    /// What it is: a programme (the default), or arithmetic shown as one,
    /// the half-way illustration
    /// ([`crate::context::neighbour_compare::half_way_scenario`]), whose
    /// results say so first.
    #[serde(default, skip_serializing_if = "Nature::is_default")]
    pub nature: Nature,
}

/// What a custom programme is.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Nature {
    /// A programme of the user's own.
    #[default]
    Programme,
    /// Arithmetic, not a programme: what closing a gap would be worth,
    /// not evidence that any programme would close it.
    Illustration,
}

impl Nature {
    /// Whether this is the default (a programme).
    pub fn is_default(&self) -> bool {
        *self == Nature::Programme
    }

    /// Its word in the scenario format and share links.
    pub fn word(self) -> &'static str {
        match self {
            Nature::Programme => "programme",
            Nature::Illustration => "illustration",
        }
    }

    /// The choice a word names.
    pub fn parse(word: &str) -> Option<Nature> {
        [Nature::Programme, Nature::Illustration]
            .into_iter()
            .find(|n| n.word() == word)
    }
}

/// Which years a custom programme serves cases in.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Cohorts {
    /// A new cohort of cases in each funded year.
    #[default]
    EachFundedYear,
    /// One cohort, served in the first year only; the yearly cost still
    /// runs in each funded year, the cost per case only with the cases.
    FirstYearOnly,
}

impl Cohorts {
    /// Every choice, in the form's order.
    pub const ALL: [Cohorts; 2] = [Cohorts::EachFundedYear, Cohorts::FirstYearOnly];

    /// Whether this is the default (a cohort each funded year).
    pub fn is_default(&self) -> bool {
        *self == Cohorts::EachFundedYear
    }

    /// Its word in the scenario format and share links.
    pub fn word(self) -> &'static str {
        match self {
            Cohorts::EachFundedYear => "each_funded_year",
            Cohorts::FirstYearOnly => "first_year_only",
        }
    }

    /// The choice a word names.
    pub fn parse(word: &str) -> Option<Cohorts> {
        Cohorts::ALL.into_iter().find(|c| c.word() == word)
    }
}

/// One benefit of a custom programme in money: £ a case served each year,
/// for `years` years, falling by `drop_off_pct` a year after the first
/// (the GMCA cost-benefit model's outcome with its own lag and drop-off;
/// HM Treasury, PSTN and New Economy 2014). The programme's deadweight,
/// attribution, optimism bias and effect scale are taken off it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CustomBenefit {
    /// What the benefit is, e.g. "fewer days of school missed".
    pub name: String,
    /// Who gains: the council's children's services (cashable at
    /// `assumptions.cashable.case_benefits_pct`) or another agency.
    pub agency: Agency,
    /// Low value, £ a case a year, 2025-26 prices.
    pub low: f64,
    /// The value used, £ a case a year, 2025-26 prices (low ≤ value ≤ high).
    pub value: f64,
    /// High value, £ a case a year, 2025-26 prices.
    pub high: f64,
    /// Years it lasts from the year a case is served, 1 to
    /// [`crate::scenario::fields::MAX_YEARS`].
    pub years: u32,
    /// Its yearly fall after the first year, % (0–100).
    #[serde(default)]
    pub drop_off_pct: f64,
}

impl CustomBenefit {
    /// A benefit still to be filled in: named, to the council's children's
    /// services, worth £0 for one year.
    ///
    /// ```
    /// use outcome_model::CustomBenefit;
    /// let b = CustomBenefit::blank("fewer school days missed");
    /// assert_eq!((b.value, b.years), (0.0, 1));
    /// ```
    pub fn blank(name: &str) -> CustomBenefit {
        CustomBenefit {
            name: name.into(),
            agency: Agency::ChildrensServices,
            low: 0.0,
            value: 0.0,
            high: 0.0,
            years: 1,
            drop_off_pct: 0.0,
        }
    }
}

/// One effect of a custom programme.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CustomEffect {
    /// What it moves.
    pub outcome: Outcome,
    /// How it is measured: `relative` (% of the council's count),
    /// `percentage_points` (of the cohort) or `per_council` (events a year).
    pub measure: CustomMeasure,
    /// Low value.
    pub low: f64,
    /// Central value.
    pub central: f64,
    /// High value.
    pub high: f64,
    /// For `percentage_points`: share of the cohort reaching the outcome
    /// without the programme, %. For `per_council`: events a year without it.
    #[serde(default)]
    pub baseline: Option<f64>,
}

/// How a custom effect is measured.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CustomMeasure {
    /// % reduction in the council's count.
    Relative,
    /// Percentage points of the cohort.
    PercentagePoints,
    /// Events avoided a year.
    PerCouncil,
}

impl Scenario {
    /// An empty scenario in the current format and evidence set, with default
    /// unit costs and assumptions, for the given council figures.
    pub fn new(council: Council, programmes: Vec<ProgrammeChoice>) -> Scenario {
        Scenario {
            version: FORMAT_VERSION,
            evidence_set: EVIDENCE_SET.to_string(),
            label: String::new(),
            council,
            unit_costs: UnitCosts::default(),
            assumptions: Assumptions::default(),
            programmes,
            uncertainty: UncertaintySettings::default(),
        }
    }
}
