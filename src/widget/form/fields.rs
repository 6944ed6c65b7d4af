//! The table of number inputs: where each lives in the scenario format, its
//! label, hint and affix, and how to read and write it.
//!
//! A field's `key` is its scenario path (`council.care_starts`) and the id of
//! its input. Programme fields are keyed by the path inside a programme
//! choice (`cohort`); their inputs are `<programme id>.<key>`, and their
//! scenario path is `programmes[i].<key>` for the i-th chosen programme.

use crate::model::{ProgrammeChoice, Scenario};

/// What is shown around the input.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Affix {
    /// Nothing.
    None,
    /// A "£" before it.
    Pound,
    /// A "%" after it.
    Pct,
}

/// What blank and fractions mean for a field.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Blank means "no figure".
    Optional,
    /// A figure is needed.
    Required,
    /// A whole number is needed (years).
    Whole,
}

/// How to read and write a field's value.
#[derive(Clone, Copy)]
pub enum Access {
    /// A field of the scenario.
    Scenario(fn(&Scenario) -> Option<f64>, fn(&mut Scenario, Option<f64>)),
    /// A field of one programme choice.
    Choice(
        fn(&ProgrammeChoice) -> Option<f64>,
        fn(&mut ProgrammeChoice, Option<f64>),
    ),
}

/// One number input.
pub struct Field {
    /// Scenario path (or path inside a programme choice).
    pub key: &'static str,
    /// Visible label; says the unit in words (the affix is hidden from
    /// screen readers, as in the GOV.UK pattern).
    pub label: &'static str,
    /// Hint under the label.
    pub hint: &'static str,
    /// £ or %.
    pub affix: Affix,
    /// Blank, figure or whole number.
    pub kind: Kind,
    /// Read and write.
    pub access: Access,
}

macro_rules! field {
    ($key:literal, $label:literal, $hint:literal, $affix:ident, Optional, $($p:ident).+) => {
        Field { key: $key, label: $label, hint: $hint, affix: Affix::$affix, kind: Kind::Optional,
            access: Access::Scenario(|s| s.$($p).+, |s, v| s.$($p).+ = v) }
    };
    ($key:literal, $label:literal, $hint:literal, $affix:ident, Required, $($p:ident).+) => {
        Field { key: $key, label: $label, hint: $hint, affix: Affix::$affix, kind: Kind::Required,
            access: Access::Scenario(|s| Some(s.$($p).+), |s, v| s.$($p).+ = v.unwrap_or_default()) }
    };
    ($key:literal, $label:literal, $hint:literal, $affix:ident, Whole, $t:ty, $($p:ident).+) => {
        Field { key: $key, label: $label, hint: $hint, affix: Affix::$affix, kind: Kind::Whole,
            access: Access::Scenario(|s| Some(f64::from(s.$($p).+)),
                |s, v| s.$($p).+ = v.unwrap_or_default() as $t) }
    };
}

macro_rules! choice {
    ($key:literal, $label:literal, $hint:literal, $affix:ident, Optional, $f:ident) => {
        Field {
            key: $key,
            label: $label,
            hint: $hint,
            affix: Affix::$affix,
            kind: Kind::Optional,
            access: Access::Choice(|c| c.$f, |c, v| c.$f = v),
        }
    };
    ($key:literal, $label:literal, $hint:literal, $affix:ident, Required, $f:ident) => {
        Field {
            key: $key,
            label: $label,
            hint: $hint,
            affix: Affix::$affix,
            kind: Kind::Required,
            access: Access::Choice(|c| Some(c.$f), |c, v| c.$f = v.unwrap_or_default()),
        }
    };
}

/// The council's figures.
pub const COUNCIL: &[Field] = &[
    field!(
        "council.children_looked_after",
        "Children looked after",
        "Children in care at 31 March.",
        None,
        Optional,
        council.children_looked_after
    ),
    field!(
        "council.care_starts",
        "Children starting to be looked after in a year",
        "Children who came into care during the year.",
        None,
        Optional,
        council.care_starts
    ),
    field!(
        "council.care_ceased",
        "Children leaving care in a year",
        "With children looked after, this gives how long a child stays in care.",
        None,
        Optional,
        council.care_ceased
    ),
    field!(
        "council.cp_plans",
        "Children on child protection plans",
        "At 31 March.",
        None,
        Optional,
        council.cp_plans
    ),
    field!(
        "council.children_in_need",
        "Children in need",
        "At 31 March.",
        None,
        Optional,
        council.children_in_need
    ),
    field!(
        "council.population_0_17",
        "Children aged 0 to 17",
        "For reference: it does not change the results.",
        None,
        Optional,
        council.population_0_17
    ),
    field!(
        "council.infant_care_starts",
        "Infants under 1 starting to be looked after a year",
        "Optional. Not in the national tables. Pause's reach is bounded by it; left blank, the studied areas' 48 a year (never more than all your care starts).",
        None,
        Optional,
        council.infant_care_starts
    ),
    field!(
        "council.cla_spend_per_child",
        "Net spend per looked-after child a year, in pounds (your council's average)",
        "MHCLG revenue outturn, uprated to 2025-26: an average, not what one child fewer saves. Used only for a programme costed at it.",
        Pound,
        Optional,
        council.cla_spend_per_child
    ),
    field!(
        "council.care_proceedings",
        "Care proceedings issued a year",
        "Optional. Not in the national tables: use your council's own count.",
        None,
        Optional,
        council.care_proceedings
    ),
    field!(
        "council.police_incidents",
        "Repeat police call-outs to families a year",
        "Optional, from your police partner. Left blank, police savings are not counted.",
        None,
        Optional,
        council.police_incidents
    ),
    field!(
        "council.emergency_admissions",
        "Adult emergency admissions of parents a year",
        "Optional, from your NHS partner. Left blank, NHS savings are not counted.",
        None,
        Optional,
        council.emergency_admissions
    ),
];

/// The time frame of the projection.
pub const TIME: &[Field] = &[
    field!(
        "assumptions.start_year",
        "First year of the programme",
        "For example, 2026 for the financial year 2026-27.",
        None,
        Whole,
        u16,
        assumptions.start_year
    ),
    field!(
        "assumptions.horizon_years",
        "Years to project",
        "From 1 to 10.",
        None,
        Whole,
        u32,
        assumptions.horizon_years
    ),
    field!(
        "assumptions.funding_years",
        "Years the programme is funded",
        "From 1 to 10. After funding ends no new families are served; those already served keep their benefits while they last.",
        None,
        Whole,
        u32,
        assumptions.funding_years
    ),
];

/// Unit costs.
pub const UNIT_COSTS: &[Field] = &[
    field!(
        "unit_costs.foster_weekly",
        "Foster care, cost per child a week, in pounds",
        "",
        Pound,
        Required,
        unit_costs.foster_weekly
    ),
    field!(
        "unit_costs.residential_weekly",
        "Children's home, cost per child a week, in pounds",
        "",
        Pound,
        Required,
        unit_costs.residential_weekly
    ),
    field!(
        "unit_costs.cp_plan_annual",
        "Child protection plan, cost per child a year, in pounds",
        "",
        Pound,
        Required,
        unit_costs.cp_plan_annual
    ),
    field!(
        "unit_costs.cin_annual",
        "Child in need case, cost per child a year, in pounds",
        "",
        Pound,
        Required,
        unit_costs.cin_annual
    ),
    field!(
        "unit_costs.care_proceedings",
        "Care proceedings, cost per case, in pounds",
        "",
        Pound,
        Required,
        unit_costs.care_proceedings
    ),
    field!(
        "unit_costs.care_proceedings_council_pct",
        "Council's share of the cost of care proceedings, percentage",
        "",
        Pct,
        Required,
        unit_costs.care_proceedings_council_pct
    ),
    field!(
        "unit_costs.police_incident",
        "Police, cost per incident, in pounds",
        "",
        Pound,
        Required,
        unit_costs.police_incident
    ),
    field!(
        "unit_costs.emergency_admission",
        "Adult emergency admission, cost, in pounds",
        "",
        Pound,
        Required,
        unit_costs.emergency_admission
    ),
];

/// Method assumptions.
pub const METHOD: &[Field] = &[
    field!(
        "assumptions.discount_rate_pct",
        "Discount rate, percentage a year",
        "",
        Pct,
        Required,
        assumptions.discount_rate_pct
    ),
    field!(
        "assumptions.optimism_bias_costs_pct",
        "Optimism bias added to programme costs, percentage",
        "",
        Pct,
        Required,
        assumptions.optimism_bias_costs_pct
    ),
    field!(
        "assumptions.care_years",
        "Years a child entering care stays in care",
        "Leave blank to work it out from your figures. ",
        None,
        Optional,
        assumptions.care_years
    ),
];

/// Settings of the uncertainty analysis.
pub const UNCERTAINTY: &[Field] = &[
    field!(
        "uncertainty.draws",
        "Number of simulations",
        "From 1 to 100,000. More give steadier ranges but take longer to work out; 10,000 is usually plenty.",
        None,
        Whole,
        u32,
        uncertainty.draws
    ),
    field!(
        "uncertainty.seed",
        "Seed for the random draws",
        "Any whole number. The same seed gives the same results here and in the command-line tool; try another to check the ranges do not depend on it.",
        None,
        Whole,
        u32,
        uncertainty.seed
    ),
    field!(
        "uncertainty.unit_cost_spread_pct",
        "Spread of unit costs either side of the figure used, percentage",
        "Each unit cost is drawn between this much below and above its figure, most often near it.",
        Pct,
        Required,
        uncertainty.unit_cost_spread_pct
    ),
    field!(
        "uncertainty.engagement_spread_pct",
        "Spread of the share reached either side of the figure used, percentage",
        "Each programme's share reached is drawn between this much below and above its figure (never above 100%).",
        Pct,
        Required,
        uncertainty.engagement_spread_pct
    ),
];

/// Settings of one chosen programme. `cohort` and `cost_per_case` take
/// their label and hint from the programme.
pub const PROGRAMME: &[Field] = &[
    choice!("cohort", "", "", None, Optional, cohort),
    choice!("eligible", "Eligible caseload a year", "Served cases never exceed it. Left blank, worked out from your council's figures where the evidence allows.", None, Optional, eligible),
    choice!("counterfactual_pct", "Share of them who would have entered care without it, percentage", "There is no comparison group: North Yorkshire's figures are consistent with many rates; say what you expect.", Pct, Optional, counterfactual_pct),
    choice!("engagement_pct", "Share reached at full roll-out, percentage", "100 means every case above (or the whole council) is reached once the programme is running fully.", Pct, Required, engagement_pct),
    choice!("cost_per_case", "Cost per case a year, in pounds", "", Pound, Optional, cost_per_case),
    choice!("annual_cost", "Other yearly cost, in pounds", "Management, premises and anything not paid per case.", Pound, Required, annual_cost),
    choice!("deadweight_pct", "Deadweight, percentage", "Share of the change that would have happened anyway.", Pct, Required, deadweight_pct),
    choice!("attribution_pct", "Attribution to other services, percentage", "Share of the change due to other services.", Pct, Required, attribution_pct),
];

/// The field for an input id, and the programme id for programme fields.
pub fn find(id: &str) -> Option<(&'static Field, Option<&str>)> {
    let all = COUNCIL
        .iter()
        .chain(TIME)
        .chain(UNIT_COSTS)
        .chain(METHOD)
        .chain(UNCERTAINTY);
    if let Some(f) = all.into_iter().find(|f| f.key == id) {
        return Some((f, None));
    }
    let (programme, key) = id.split_once('.')?;
    PROGRAMME
        .iter()
        .find(|f| f.key == key)
        .map(|f| (f, Some(programme)))
}
