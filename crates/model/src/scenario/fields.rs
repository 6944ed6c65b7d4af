//! The table of scenario fields: every field of the scenario format described
//! once — its path, share-link key, kind, bounds, unit, default, label and
//! hint, and how to read and write it when it is a number.
//!
//! The share-link codec ([`crate::scenario::link`]), validation
//! ([`crate::validate()`]), the CSV report ([`crate::views::export`]), the
//! sourced defaults ([`crate::data::defaults`]), the widget's form and the
//! field tables of `docs/scenario-format.md` (written by
//! [`crate::scenario::field_docs::markdown`]) all read it. A new field is a
//! new row here and a new member of the struct in
//! [`crate::scenario::format`].
//!
//! ```
//! use outcome_model::scenario::fields::{self, Link};
//! let f = fields::by_path("unit_costs.care_proceedings").unwrap();
//! assert_eq!(f.link, Link::Top("care_proceedings_cost"));
//! assert_eq!(fields::by_link_key("care_proceedings_cost").unwrap().path, f.path);
//! ```

use crate::data::defaults as d;
use crate::scenario::format::{ProgrammeChoice, Scenario};

/// Largest count of children, cases or events a council figure may hold.
pub const MAX_COUNT: f64 = 2_000_000.0;
/// Largest child population a council figure may hold.
pub const MAX_POPULATION: f64 = 20_000_000.0;
/// Largest unit cost or cost per case, £.
pub const MAX_UNIT_COST: f64 = 10_000_000.0;
/// Largest yearly or one-off programme cost, £.
pub const MAX_PROGRAMME_COST: f64 = 1_000_000_000.0;
/// Most programmes in one scenario.
pub const MAX_PROGRAMMES: usize = 10;
/// Longest label or name, in characters.
pub const MAX_TEXT: usize = 200;
/// Most years projected or funded, and most values of the roll-out ramp:
/// 20, long enough for the stays in care of the last cohorts of a 10-year
/// programme to run their course (methodology §7), a bound of this
/// calculator.
pub const MAX_YEARS: u32 = 20;

/// What a field holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A count or other plain number.
    Number,
    /// A whole number (years, simulations, a seed).
    Integer,
    /// A percent number: `3.5` means 3.5%.
    Percent,
    /// Pounds at 2025-26 prices.
    Money,
    /// One word from a fixed list.
    Choice,
    /// Free text.
    Text,
    /// A list of percent numbers.
    PercentList,
}

impl Kind {
    /// The kind in words, as the docs write it.
    pub fn word(self) -> &'static str {
        match self {
            Kind::Number => "number",
            Kind::Integer => "integer",
            Kind::Percent => "percent",
            Kind::Money => "money",
            Kind::Choice => "choice",
            Kind::Text => "text",
            Kind::PercentList => "list of percents",
        }
    }
}

/// The values a field accepts.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Bounds {
    /// Any value (informational fields).
    Any,
    /// From `min` to `max` inclusive, in the field's unit.
    Range(f64, f64),
    /// At most this many characters.
    Chars(usize),
    /// One of these words.
    Words(&'static [&'static str]),
    /// A programme id from the evidence library, or `custom`; 1 to
    /// [`crate::scenario::validate::MAX_PROGRAMMES`] of them.
    Programmes,
    /// A custom effect's value: 0–100 for `relative` and
    /// `percentage_points`, 0–[`MAX_COUNT`] for `per_council`.
    ByMeasure,
}

/// Where a share link or element attribute carries the field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Link {
    /// A parameter of its own: `care_starts=424`.
    Top(&'static str),
    /// A parameter of each programme: `<programme id>.<key>`
    /// (`pause.annual_cost=250000`).
    Programme(&'static str),
    /// A part of the programme parameter `<programme id>.<key>N`, N from 1
    /// to 10 (`custom.effect1=care_entries:relative:5:10:15`).
    Packed(&'static str),
}

/// The value a field takes when a scenario leaves it out.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Preset {
    /// None: the field must be given.
    Required,
    /// "No figure": blank, which is not zero.
    Blank,
    /// A value set by this calculator's convention.
    Convention(f64),
    /// Words set by convention (choices and text).
    Word(&'static str),
    /// A published figure, cited in [`crate::data::defaults`] under this
    /// field's path (for a blank field: the figure used when it is blank).
    Cited,
    /// The chosen programme's own figure from the evidence library.
    Programme,
}

/// Which group of the widget's form shows the field as a number input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    /// Not a number input of the form.
    None,
    /// "Your council's figures".
    Council,
    /// "Time frame and evidence".
    Time,
    /// "Unit costs".
    UnitCosts,
    /// "Method assumptions".
    Method,
    /// "Uncertainty settings".
    Uncertainty,
    /// Each chosen programme's settings.
    Programme,
}

/// Reads a number field of the scenario; `None` is blank.
pub type Get = fn(&Scenario) -> Option<f64>;
/// Writes a number field of the scenario; `None` blanks a field that may be
/// blank and leaves any other unchanged.
pub type Set = fn(&mut Scenario, Option<f64>);
/// Reads a number field of one programme choice.
pub type ProgrammeGet = fn(&ProgrammeChoice) -> Option<f64>;
/// Writes a number field of one programme choice (as [`Set`]).
pub type ProgrammeSet = fn(&mut ProgrammeChoice, Option<f64>);

/// How to read and write a field.
#[derive(Debug, Clone, Copy)]
pub enum Access {
    /// A number field of the scenario.
    Scenario(Get, Set),
    /// A number field of each programme choice.
    Programme(ProgrammeGet, ProgrammeSet),
    /// Text, a choice, a list or a custom effect: read and written by hand
    /// where it is used.
    Other,
}

/// One field of the scenario format.
#[derive(Debug, Clone, Copy)]
pub struct Field {
    /// Path in the scenario format: `council.care_starts`,
    /// `programmes[].cohort`, `programmes[].custom.effects[].low`.
    pub path: &'static str,
    /// Where a share link carries it.
    pub link: Link,
    /// What it holds.
    pub kind: Kind,
    /// What it accepts.
    pub bounds: Bounds,
    /// Whether it may be blank (`null`), meaning "no figure".
    pub blank: bool,
    /// Unit in words, e.g. `£ a week`, `% a year`, `children a year`.
    pub unit: &'static str,
    /// The value when left out, and where it comes from.
    pub preset: Preset,
    /// The label people read: the form's, or a sentence in the same style
    /// for fields the form does not show.
    pub label: &'static str,
    /// The form's hint under the label, if any.
    pub hint: &'static str,
    /// Where the form shows it.
    pub form: Form,
    /// How to read and write it.
    pub access: Access,
}

impl Field {
    /// The field's name inside its programme choice, for `programmes[]`
    /// fields (`programmes[].cohort` → `cohort`).
    pub fn in_programme(&self) -> Option<&'static str> {
        self.path.strip_prefix("programmes[].")
    }

    /// The cited default of this field, if it has one.
    pub fn cited(&self) -> Option<d::Sourced> {
        match self.preset {
            Preset::Cited => d::sourced(self.path),
            _ => None,
        }
    }
}

/// The field with this path, e.g. `assumptions.discount_rate_pct` or
/// `programmes[].cohort`.
pub fn by_path(path: &str) -> Option<&'static Field> {
    FIELDS.iter().find(|f| f.path == path)
}

/// The field a top-level share-link parameter writes, e.g. `care_starts`.
pub fn by_link_key(key: &str) -> Option<&'static Field> {
    FIELDS
        .iter()
        .find(|f| matches!(f.link, Link::Top(k) if k == key))
}

/// The field a programme's share-link parameter writes: `cohort` for
/// `pause.cohort`.
pub fn by_programme_key(key: &str) -> Option<&'static Field> {
    FIELDS
        .iter()
        .find(|f| matches!(f.link, Link::Programme(k) if k == key))
}

macro_rules! access {
    (opt $($p:ident).+) => {
        Access::Scenario(|s| s.$($p).+, |s, v| s.$($p).+ = v)
    };
    (num $($p:ident).+) => {
        Access::Scenario(|s| Some(s.$($p).+), |s, v| {
            if let Some(v) = v {
                s.$($p).+ = v
            }
        })
    };
    (int $($p:ident).+) => {
        Access::Scenario(|s| Some(f64::from(s.$($p).+)), |s, v| {
            if let Some(v) = v {
                s.$($p).+ = v as _
            }
        })
    };
    (programme opt $f:ident) => {
        Access::Programme(|p| p.$f, |p, v| p.$f = v)
    };
    (programme num $f:ident) => {
        Access::Programme(|p| Some(p.$f), |p, v| {
            if let Some(v) = v {
                p.$f = v
            }
        })
    };
}

/// Templates the rows below start from.
const TEXT: Field = Field {
    path: "",
    link: Link::Top(""),
    kind: Kind::Text,
    bounds: Bounds::Chars(MAX_TEXT),
    blank: false,
    unit: "",
    preset: Preset::Word(""),
    label: "",
    hint: "",
    form: Form::None,
    access: Access::Other,
};
const COUNT: Field = Field {
    kind: Kind::Number,
    bounds: Bounds::Range(0.0, MAX_COUNT),
    blank: true,
    preset: Preset::Blank,
    form: Form::Council,
    ..TEXT
};
const COST: Field = Field {
    kind: Kind::Money,
    bounds: Bounds::Range(0.0, MAX_UNIT_COST),
    preset: Preset::Cited,
    form: Form::UnitCosts,
    ..TEXT
};
const PCT: Field = Field {
    kind: Kind::Percent,
    bounds: Bounds::Range(0.0, 100.0),
    unit: "%",
    preset: Preset::Convention(0.0),
    ..TEXT
};
const YEARS: Field = Field {
    kind: Kind::Integer,
    bounds: Bounds::Range(1.0, MAX_YEARS as f64),
    unit: "years",
    preset: Preset::Convention(5.0),
    form: Form::Time,
    ..TEXT
};
const TREND: Field = Field {
    bounds: Bounds::Range(-50.0, 50.0),
    blank: true,
    unit: "% a year",
    preset: Preset::Blank,
    ..PCT
};
const EFFECT: Field = Field {
    link: Link::Packed("effect"),
    kind: Kind::Number,
    bounds: Bounds::ByMeasure,
    unit: "% or events a year, by measure",
    preset: Preset::Required,
    ..TEXT
};
const BENEFIT: Field = Field {
    link: Link::Packed("benefit"),
    kind: Kind::Money,
    bounds: Bounds::Range(0.0, MAX_UNIT_COST),
    unit: "£ a case a year",
    preset: Preset::Required,
    ..TEXT
};

/// Every field of the scenario format, in the order of the docs and the form.
pub const FIELDS: &[Field] = &[
    // Top level.
    Field {
        path: "version",
        link: Link::Top("v"),
        kind: Kind::Integer,
        bounds: Bounds::Range(2.0, 2.0),
        preset: Preset::Required,
        label: "Scenario format version (share links of version 1 still open, with the current method and a notice)",
        ..TEXT
    },
    Field {
        path: "evidence_set",
        link: Link::Top("evidence"),
        bounds: Bounds::Chars(40),
        preset: Preset::Required,
        label: "Evidence library version the figures come from, e.g. 2026.4",
        ..TEXT
    },
    Field {
        path: "label",
        link: Link::Top("label"),
        label: "A name for the scenario",
        ..TEXT
    },
    // The council's figures.
    Field {
        path: "council.code",
        link: Link::Top("council"),
        bounds: Bounds::Chars(20),
        blank: true,
        preset: Preset::Blank,
        label: "The council's ONS code, e.g. E10000015 (its official name and figures come with it)",
        ..TEXT
    },
    Field {
        path: "council.name",
        link: Link::Top("name"),
        label: "Council name",
        ..TEXT
    },
    Field {
        path: "council.data_year",
        link: Link::Top("data_year"),
        kind: Kind::Integer,
        bounds: Bounds::Any,
        blank: true,
        unit: "year at 31 March",
        preset: Preset::Blank,
        label: "Year of the official figures (informational)",
        ..TEXT
    },
    Field {
        path: "council.children_looked_after",
        link: Link::Top("children_looked_after"),
        unit: "children at 31 March",
        label: "Children looked after",
        hint: "Children in care at 31 March.",
        access: access!(opt council.children_looked_after),
        ..COUNT
    },
    Field {
        path: "council.care_starts",
        link: Link::Top("care_starts"),
        unit: "children a year",
        label: "Children starting to be looked after in a year",
        hint: "Children who came into care during the year.",
        access: access!(opt council.care_starts),
        ..COUNT
    },
    Field {
        path: "council.care_ceased",
        link: Link::Top("care_ceased"),
        unit: "children a year",
        label: "Children leaving care in a year",
        hint: "With children looked after, this gives how long a child stays in care.",
        access: access!(opt council.care_ceased),
        ..COUNT
    },
    Field {
        path: "council.cp_plans",
        link: Link::Top("cp_plans"),
        unit: "children at 31 March",
        label: "Children on child protection plans",
        hint: "At 31 March.",
        access: access!(opt council.cp_plans),
        ..COUNT
    },
    Field {
        path: "council.children_in_need",
        link: Link::Top("children_in_need"),
        unit: "children at 31 March",
        label: "Children in need",
        hint: "At 31 March.",
        access: access!(opt council.children_in_need),
        ..COUNT
    },
    Field {
        path: "council.population_0_17",
        link: Link::Top("population_0_17"),
        bounds: Bounds::Range(0.0, MAX_POPULATION),
        unit: "children",
        label: "Children aged 0 to 17",
        hint: "For reference and the checks on the other figures: it does not change the results.",
        access: access!(opt council.population_0_17),
        ..COUNT
    },
    Field {
        path: "council.infant_care_starts",
        link: Link::Top("infant_care_starts"),
        unit: "infants a year",
        label: "Infants under 1 starting to be looked after a year",
        hint: "Optional. Not in the national tables. Pause's reach is bounded by it; left blank, the studied areas' 48 a year (never more than all your care starts; with no care starts either, Pause's effect is left out).",
        access: access!(opt council.infant_care_starts),
        ..COUNT
    },
    Field {
        path: "council.cla_spend_per_child",
        link: Link::Top("cla_spend_per_child"),
        kind: Kind::Money,
        bounds: Bounds::Range(0.0, MAX_UNIT_COST),
        unit: "£ a child a year",
        label: "Net spend per looked-after child a year, in pounds (your council's average)",
        hint: "MHCLG revenue outturn, uprated to 2025-26: an average, not what one child fewer saves. Used only for a programme costed at it.",
        access: access!(opt council.cla_spend_per_child),
        ..COUNT
    },
    Field {
        path: "council.care_proceedings",
        link: Link::Top("care_proceedings"),
        unit: "cases a year",
        label: "Care proceedings issued a year",
        hint: "Optional. Not in the national tables: use your council's own count.",
        access: access!(opt council.care_proceedings),
        ..COUNT
    },
    Field {
        path: "council.police_incidents",
        link: Link::Top("police_incidents"),
        unit: "incidents a year",
        label: "Repeat police call-outs to families a year",
        hint: "Optional, from your police partner. Left blank, police savings are not counted.",
        access: access!(opt council.police_incidents),
        ..COUNT
    },
    Field {
        path: "council.emergency_admissions",
        link: Link::Top("emergency_admissions"),
        unit: "admissions a year",
        label: "Adult emergency admissions of parents a year",
        hint: "Optional, from your NHS partner. Left blank, NHS savings are not counted.",
        access: access!(opt council.emergency_admissions),
        ..COUNT
    },
    // Unit costs.
    Field {
        path: "unit_costs.foster_weekly",
        link: Link::Top("foster_weekly"),
        bounds: Bounds::Range(0.0, 100_000.0),
        unit: "£ a week",
        label: "Foster care, cost per child a week, in pounds",
        access: access!(num unit_costs.foster_weekly),
        ..COST
    },
    Field {
        path: "unit_costs.residential_weekly",
        link: Link::Top("residential_weekly"),
        bounds: Bounds::Range(0.0, 100_000.0),
        unit: "£ a week",
        label: "Children's home, cost per child a week, in pounds",
        access: access!(num unit_costs.residential_weekly),
        ..COST
    },
    Field {
        path: "unit_costs.cp_plan_annual",
        link: Link::Top("cp_plan_annual"),
        unit: "£ a year",
        label: "Child protection plan, cost per child a year, in pounds",
        access: access!(num unit_costs.cp_plan_annual),
        ..COST
    },
    Field {
        path: "unit_costs.cin_annual",
        link: Link::Top("cin_annual"),
        unit: "£ a year",
        label: "Child in need case, cost per child a year, in pounds",
        access: access!(num unit_costs.cin_annual),
        ..COST
    },
    Field {
        path: "unit_costs.care_proceedings",
        link: Link::Top("care_proceedings_cost"),
        unit: "£ a case",
        label: "Care proceedings, cost per case, in pounds",
        access: access!(num unit_costs.care_proceedings),
        ..COST
    },
    Field {
        path: "unit_costs.care_proceedings_council_pct",
        link: Link::Top("care_proceedings_council_pct"),
        preset: Preset::Cited,
        label: "Council's share of the cost of care proceedings, percentage",
        form: Form::UnitCosts,
        access: access!(num unit_costs.care_proceedings_council_pct),
        ..PCT
    },
    Field {
        path: "unit_costs.police_incident",
        link: Link::Top("police_incident"),
        unit: "£ an incident",
        label: "Police, cost per incident, in pounds",
        access: access!(num unit_costs.police_incident),
        ..COST
    },
    Field {
        path: "unit_costs.emergency_admission",
        link: Link::Top("emergency_admission"),
        unit: "£ an admission",
        label: "Adult emergency admission, cost, in pounds",
        access: access!(num unit_costs.emergency_admission),
        ..COST
    },
    // Method assumptions.
    Field {
        path: "assumptions.start_year",
        link: Link::Top("start_year"),
        bounds: Bounds::Range(2000.0, 2100.0),
        unit: "financial year (2026 = 2026-27)",
        preset: Preset::Convention(2026.0),
        label: "First year of the programme",
        hint: "For example, 2026 for the financial year 2026-27.",
        access: access!(int assumptions.start_year),
        ..YEARS
    },
    Field {
        path: "assumptions.horizon_years",
        link: Link::Top("horizon_years"),
        label: "Years to project",
        hint: "From 1 to 20. A horizon longer than the funding counts the stays in care of the last families served.",
        access: access!(int assumptions.horizon_years),
        ..YEARS
    },
    Field {
        path: "assumptions.funding_years",
        link: Link::Top("funding_years"),
        label: "Years the programme is funded",
        hint: "From 1 to 20. After funding ends no new families are served; those already served keep their benefits while they last.",
        access: access!(int assumptions.funding_years),
        ..YEARS
    },
    Field {
        path: "assumptions.discount_rate_pct",
        link: Link::Top("discount_rate_pct"),
        bounds: Bounds::Range(0.0, 20.0),
        unit: "% a year",
        preset: Preset::Cited,
        label: "Discount rate, percentage a year",
        form: Form::Method,
        access: access!(num assumptions.discount_rate_pct),
        ..PCT
    },
    Field {
        path: "assumptions.optimism_bias_costs_pct",
        link: Link::Top("optimism_bias_costs_pct"),
        bounds: Bounds::Range(0.0, 200.0),
        preset: Preset::Cited,
        label: "Optimism bias added to programme costs, percentage",
        form: Form::Method,
        access: access!(num assumptions.optimism_bias_costs_pct),
        ..PCT
    },
    Field {
        path: "assumptions.care_years",
        link: Link::Top("care_years"),
        kind: Kind::Number,
        bounds: Bounds::Range(0.1, 18.0),
        blank: true,
        unit: "years",
        preset: Preset::Cited,
        label: "Years a child entering care stays in care",
        hint: "Leave blank to work it out from your figures. ",
        form: Form::Method,
        access: access!(opt assumptions.care_years),
    },
    Field {
        path: "assumptions.drop_off_pct",
        link: Link::Top("drop_off_pct"),
        unit: "% a year",
        preset: Preset::Cited,
        label: "Yearly fall in each cohort's benefits after its first year, percentage (no funding means no new cohort)",
        hint: "From a cohort's second year on, it reduces what the cohort still brings: time in care (Family Safeguarding's days in care, the stays after avoided entries, children not in care 12 months on), the second half-year of plans and children in need, and per-case values such as FDAC's. Events counted in the year served (entries, proceedings, police call-outs, admissions) are not reduced.",
        access: access!(num assumptions.drop_off_pct),
        ..PCT
    },
    Field {
        path: "assumptions.beyond_observed_pct",
        link: Link::Top("beyond_observed_pct"),
        kind: Kind::Number,
        bounds: Bounds::Range(0.0, 100.0),
        blank: true,
        unit: "%",
        preset: Preset::Cited,
        label: "Benefits after the period each study observed, percentage counted",
        hint: "Leave blank to count what each evaluation's own costing counted: for most effects, nothing after the months its study followed the families. Any figure here is a choice beyond the evidence, and the results say so. ",
        form: Form::Method,
        access: access!(opt assumptions.beyond_observed_pct),
    },
    Field {
        path: "assumptions.optimism_bias_benefits.rct_pct",
        link: Link::Top("optimism_rct_pct"),
        preset: Preset::Convention(d::OPTIMISM_BENEFITS_PCT[0]),
        label: "Optimism bias taken off benefits found by a randomised controlled trial, percentage",
        access: access!(num assumptions.optimism_bias_benefits.rct_pct),
        ..PCT
    },
    Field {
        path: "assumptions.optimism_bias_benefits.qed_pct",
        link: Link::Top("optimism_qed_pct"),
        preset: Preset::Convention(d::OPTIMISM_BENEFITS_PCT[1]),
        label: "Optimism bias taken off benefits found by a comparison-area study, percentage",
        access: access!(num assumptions.optimism_bias_benefits.qed_pct),
        ..PCT
    },
    Field {
        path: "assumptions.optimism_bias_benefits.before_after_pct",
        link: Link::Top("optimism_before_after_pct"),
        preset: Preset::Convention(d::OPTIMISM_BENEFITS_PCT[2]),
        label: "Optimism bias taken off benefits found before and after in one council, percentage",
        access: access!(num assumptions.optimism_bias_benefits.before_after_pct),
        ..PCT
    },
    Field {
        path: "assumptions.optimism_bias_benefits.modelled_pct",
        link: Link::Top("optimism_modelled_pct"),
        preset: Preset::Convention(d::OPTIMISM_BENEFITS_PCT[3]),
        label: "Optimism bias taken off modelled benefits, percentage",
        access: access!(num assumptions.optimism_bias_benefits.modelled_pct),
        ..PCT
    },
    Field {
        path: "assumptions.ramp_pct",
        link: Link::Top("ramp_pct"),
        kind: Kind::PercentList,
        preset: Preset::Cited,
        label: "Share of full reach in year 1, 2, …, percentage; the last holds after (1 to 20 values; a link writes 25,60,100)",
        ..PCT
    },
    Field {
        path: "assumptions.baseline_trend_pct",
        link: Link::Top("baseline_trend_pct"),
        bounds: Bounds::Range(-50.0, 50.0),
        unit: "% a year",
        label: "Yearly change in the counts without the programmes, percentage",
        access: access!(num assumptions.baseline_trend_pct),
        ..PCT
    },
    Field {
        path: "assumptions.baseline",
        link: Link::Top("baseline"),
        kind: Kind::Choice,
        bounds: Bounds::Words(&["flat", "council_trend", "england_trend"]),
        preset: Preset::Word("flat"),
        label: "The counts without the programmes: held flat, the council's own trend or England's trend",
        ..TEXT
    },
    Field {
        path: "assumptions.baseline_trends.looked_after_pct",
        link: Link::Top("trend_looked_after_pct"),
        label: "Yearly change in children looked after without the programmes, percentage (used when the baseline is a trend)",
        access: access!(opt assumptions.baseline_trends.looked_after_pct),
        ..TREND
    },
    Field {
        path: "assumptions.baseline_trends.care_starts_pct",
        link: Link::Top("trend_care_starts_pct"),
        label: "Yearly change in children starting to be looked after without the programmes, percentage (used when the baseline is a trend)",
        access: access!(opt assumptions.baseline_trends.care_starts_pct),
        ..TREND
    },
    Field {
        path: "assumptions.baseline_trends.cp_plans_pct",
        link: Link::Top("trend_cp_plans_pct"),
        label: "Yearly change in child protection plans without the programmes, percentage (used when the baseline is a trend)",
        access: access!(opt assumptions.baseline_trends.cp_plans_pct),
        ..TREND
    },
    Field {
        path: "assumptions.baseline_trends.children_in_need_pct",
        link: Link::Top("trend_children_in_need_pct"),
        label: "Yearly change in children in need without the programmes, percentage (used when the baseline is a trend)",
        access: access!(opt assumptions.baseline_trends.children_in_need_pct),
        ..TREND
    },
    Field {
        path: "assumptions.cashable.care_pct",
        link: Link::Top("cashable_care_pct"),
        preset: Preset::Cited,
        label: "Cashable share of savings on foster and council-average placements, percentage",
        access: access!(num assumptions.cashable.care_pct),
        ..PCT
    },
    Field {
        path: "assumptions.cashable.residential_pct",
        link: Link::Top("cashable_residential_pct"),
        preset: Preset::Cited,
        label: "Cashable share of savings on children's home placements, percentage",
        access: access!(num assumptions.cashable.residential_pct),
        ..PCT
    },
    Field {
        path: "assumptions.cashable.cp_plans_pct",
        link: Link::Top("cashable_cp_plans_pct"),
        label: "Cashable share of savings on child protection plans (staff time), percentage",
        access: access!(num assumptions.cashable.cp_plans_pct),
        ..PCT
    },
    Field {
        path: "assumptions.cashable.children_in_need_pct",
        link: Link::Top("cashable_children_in_need_pct"),
        label: "Cashable share of savings on children in need (staff time), percentage",
        access: access!(num assumptions.cashable.children_in_need_pct),
        ..PCT
    },
    Field {
        path: "assumptions.cashable.care_proceedings_pct",
        link: Link::Top("cashable_care_proceedings_pct"),
        label: "Cashable share of the council's savings on care proceedings, percentage",
        access: access!(num assumptions.cashable.care_proceedings_pct),
        ..PCT
    },
    Field {
        path: "assumptions.cashable.police_pct",
        link: Link::Top("cashable_police_pct"),
        label: "Cashable share of police savings, percentage (other services' savings are never the council's cash)",
        access: access!(num assumptions.cashable.police_pct),
        ..PCT
    },
    Field {
        path: "assumptions.cashable.nhs_pct",
        link: Link::Top("cashable_nhs_pct"),
        label: "Cashable share of NHS savings, percentage (other services' savings are never the council's cash)",
        access: access!(num assumptions.cashable.nhs_pct),
        ..PCT
    },
    Field {
        path: "assumptions.cashable.case_benefits_pct",
        link: Link::Top("cashable_case_benefits_pct"),
        preset: Preset::Cited,
        label: "Cashable share of monetised per-case benefits, percentage",
        access: access!(num assumptions.cashable.case_benefits_pct),
        ..PCT
    },
    Field {
        path: "assumptions.effect_level",
        link: Link::Top("effect_level"),
        kind: Kind::Choice,
        bounds: Bounds::Words(&["low", "central", "high"]),
        preset: Preset::Word("central"),
        label: "Size of the effects: the low end of each range, the published figure less the optimism bias for its grade, or the published figure as it stands (no optimism bias)",
        ..TEXT
    },
    // Settings of the uncertainty analysis.
    Field {
        path: "uncertainty.draws",
        link: Link::Top("draws"),
        bounds: Bounds::Range(1.0, 100_000.0),
        unit: "simulations",
        preset: Preset::Convention(10_000.0),
        label: "Number of simulations",
        hint: "From 1 to 100,000. More give steadier ranges but take longer to work out; 10,000 is usually plenty.",
        form: Form::Uncertainty,
        access: access!(int uncertainty.draws),
        ..YEARS
    },
    Field {
        path: "uncertainty.seed",
        link: Link::Top("seed"),
        bounds: Bounds::Range(0.0, 4_294_967_295.0),
        unit: "",
        preset: Preset::Convention(2026.0),
        label: "Seed for the random draws",
        hint: "Any whole number. The same seed gives the same results here and in the command-line tool; try another to check the ranges do not depend on it.",
        form: Form::Uncertainty,
        access: access!(int uncertainty.seed),
        ..YEARS
    },
    Field {
        path: "uncertainty.unit_cost_spread_pct",
        link: Link::Top("unit_cost_spread_pct"),
        unit: "± %",
        preset: Preset::Cited,
        label: "Spread of unit costs either side of the figure used, percentage",
        hint: "Each unit cost is drawn between this much below and above its figure, most often near it.",
        form: Form::Uncertainty,
        access: access!(num uncertainty.unit_cost_spread_pct),
        ..PCT
    },
    Field {
        path: "uncertainty.engagement_spread_pct",
        link: Link::Top("engagement_spread_pct"),
        unit: "± %",
        preset: Preset::Cited,
        label: "Spread of the share reached either side of the figure used, percentage",
        hint: "Each programme's share reached is drawn between this much below and above its figure (never above 100%).",
        form: Form::Uncertainty,
        access: access!(num uncertainty.engagement_spread_pct),
        ..PCT
    },
    // Each chosen programme.
    Field {
        path: "programmes[].programme",
        link: Link::Top("programmes"),
        kind: Kind::Choice,
        bounds: Bounds::Programmes,
        preset: Preset::Required,
        label: "Programme (a link lists them: programmes=family-safeguarding,pause)",
        ..TEXT
    },
    Field {
        path: "programmes[].cohort",
        link: Link::Programme("cohort"),
        unit: "cases a year",
        preset: Preset::Programme,
        label: "Cases a year, in the programme's own unit",
        form: Form::Programme,
        access: access!(programme opt cohort),
        ..COUNT
    },
    Field {
        path: "programmes[].eligible",
        link: Link::Programme("eligible"),
        unit: "cases a year",
        preset: Preset::Programme,
        label: "Eligible caseload a year",
        hint: "Served cases never exceed it. Left blank, worked out from your council's figures where the evidence allows.",
        form: Form::Programme,
        access: access!(programme opt eligible),
        ..COUNT
    },
    Field {
        path: "programmes[].counterfactual_pct",
        link: Link::Programme("counterfactual_pct"),
        blank: true,
        preset: Preset::Blank,
        label: "Share of them who would have entered care without it, percentage",
        hint: "There is no comparison group: North Yorkshire's figures are consistent with many rates; say what you expect.",
        form: Form::Programme,
        access: access!(programme opt counterfactual_pct),
        ..PCT
    },
    Field {
        path: "programmes[].engagement_pct",
        link: Link::Programme("engagement_pct"),
        preset: Preset::Convention(100.0),
        label: "Share reached at full roll-out, percentage",
        hint: "100 means every case above (or the whole council) is reached once the programme is running fully.",
        form: Form::Programme,
        access: access!(programme num engagement_pct),
        ..PCT
    },
    Field {
        path: "programmes[].effect_scale_pct",
        link: Link::Programme("effect_scale_pct"),
        bounds: Bounds::Range(0.0, 500.0),
        preset: Preset::Convention(100.0),
        label: "Share of the published effect, percentage (100 = as published)",
        access: access!(programme num effect_scale_pct),
        ..PCT
    },
    Field {
        path: "programmes[].cost_per_case",
        link: Link::Programme("cost_per_case"),
        blank: true,
        unit: "£ a case a year",
        preset: Preset::Programme,
        label: "Cost per case a year, in pounds",
        form: Form::Programme,
        access: access!(programme opt cost_per_case),
        ..COST
    },
    Field {
        path: "programmes[].placement",
        link: Link::Programme("placement"),
        kind: Kind::Choice,
        bounds: Bounds::Words(&["foster", "residential", "council_average"]),
        blank: true,
        preset: Preset::Programme,
        label: "A child kept out of care is costed at: the placement the child would have had",
        ..TEXT
    },
    Field {
        path: "programmes[].annual_cost",
        link: Link::Programme("annual_cost"),
        bounds: Bounds::Range(0.0, MAX_PROGRAMME_COST),
        unit: "£ a year",
        preset: Preset::Convention(0.0),
        label: "Other yearly cost, in pounds",
        hint: "Management, premises and anything not paid per case.",
        form: Form::Programme,
        access: access!(programme num annual_cost),
        ..COST
    },
    Field {
        path: "programmes[].setup_cost",
        link: Link::Programme("setup_cost"),
        bounds: Bounds::Range(0.0, MAX_PROGRAMME_COST),
        unit: "£ once, in year 1",
        preset: Preset::Convention(0.0),
        label: "Set-up cost, in pounds",
        form: Form::None,
        access: access!(programme num setup_cost),
        ..COST
    },
    Field {
        path: "programmes[].deadweight_pct",
        link: Link::Programme("deadweight_pct"),
        label: "Deadweight, percentage",
        hint: "Share of the change that would have happened anyway.",
        form: Form::Programme,
        access: access!(programme num deadweight_pct),
        ..PCT
    },
    Field {
        path: "programmes[].attribution_pct",
        link: Link::Programme("attribution_pct"),
        label: "Attribution to other services, percentage",
        hint: "Share of the change due to other services.",
        form: Form::Programme,
        access: access!(programme num attribution_pct),
        ..PCT
    },
    // The user's own programme (`programme` is `custom`).
    Field {
        path: "programmes[].custom.name",
        link: Link::Programme("name"),
        preset: Preset::Required,
        label: "Your programme's name",
        ..TEXT
    },
    Field {
        path: "programmes[].custom.grade",
        link: Link::Programme("grade"),
        kind: Kind::Choice,
        bounds: Bounds::Words(&["rct", "qed", "before_after", "modelled"]),
        preset: Preset::Required,
        label: "Your view of the evidence grade: sets the benefit haircut",
        ..TEXT
    },
    Field {
        path: "programmes[].custom.effects[].outcome",
        kind: Kind::Choice,
        bounds: Bounds::Words(&[
            "care_entries",
            "cp_plans",
            "children_in_need",
            "care_proceedings",
            "police_incidents",
            "emergency_admissions",
        ]),
        unit: "",
        label: "What the effect moves (1 to 10 effects)",
        ..EFFECT
    },
    Field {
        path: "programmes[].custom.effects[].measure",
        kind: Kind::Choice,
        bounds: Bounds::Words(&["relative", "percentage_points", "per_council"]),
        unit: "",
        label: "How it is measured: % of the council's count, percentage points of the cohort, or events a year",
        ..EFFECT
    },
    Field {
        path: "programmes[].custom.effects[].low",
        label: "Low value of the effect",
        ..EFFECT
    },
    Field {
        path: "programmes[].custom.effects[].central",
        label: "Central value of the effect (low ≤ central ≤ high)",
        ..EFFECT
    },
    Field {
        path: "programmes[].custom.effects[].high",
        label: "High value of the effect",
        ..EFFECT
    },
    Field {
        path: "programmes[].custom.effects[].baseline",
        blank: true,
        preset: Preset::Blank,
        label: "Without the programme: % of the cohort reaching the outcome (percentage_points) or events a year (per_council)",
        ..EFFECT
    },
    Field {
        path: "programmes[].custom.benefits[].name",
        kind: Kind::Text,
        bounds: Bounds::Chars(MAX_TEXT),
        unit: "",
        label: "What the benefit is, e.g. fewer days of school missed (up to 10 benefits; a programme needs at least one effect or benefit)",
        hint: "A benefit in money, counted the GMCA way: a value per case served each year, for a number of years, falling by its own drop-off.",
        ..BENEFIT
    },
    Field {
        path: "programmes[].custom.benefits[].agency",
        kind: Kind::Choice,
        bounds: Bounds::Words(&[
            "childrens_services",
            "police",
            "nhs",
            "courts_legal",
            "other_public",
        ]),
        unit: "",
        label: "Who gains: the council's children's services (cash at the cashable share of per-case benefits) or another public service",
        ..BENEFIT
    },
    Field {
        path: "programmes[].custom.benefits[].low",
        label: "Low value of the benefit, in pounds a case a year",
        hint: "The low end of its range, for the simulation and the low setting.",
        ..BENEFIT
    },
    Field {
        path: "programmes[].custom.benefits[].value",
        label: "Value of the benefit, in pounds a case a year (low ≤ value ≤ high)",
        hint: "In 2025-26 prices, before deadweight, attribution and optimism bias, which are taken off it.",
        ..BENEFIT
    },
    Field {
        path: "programmes[].custom.benefits[].high",
        label: "High value of the benefit, in pounds a case a year",
        hint: "The high end of its range, for the simulation and the high setting.",
        ..BENEFIT
    },
    Field {
        path: "programmes[].custom.benefits[].years",
        kind: Kind::Integer,
        bounds: Bounds::Range(1.0, MAX_YEARS as f64),
        unit: "years",
        label: "Years the benefit lasts, counting the year a case is served",
        hint: "Years beyond the horizon are not counted.",
        ..BENEFIT
    },
    Field {
        path: "programmes[].custom.benefits[].drop_off_pct",
        kind: Kind::Percent,
        bounds: Bounds::Range(0.0, 100.0),
        unit: "% a year",
        preset: Preset::Convention(0.0),
        label: "Drop-off of the benefit, percentage a year after its first year",
        hint: "This benefit's own: the scenario's drop-off does not apply to it.",
        ..BENEFIT
    },
    Field {
        path: "programmes[].custom.cohorts",
        link: Link::Programme("cohorts"),
        kind: Kind::Choice,
        bounds: Bounds::Words(&["each_funded_year", "first_year_only"]),
        preset: Preset::Word("each_funded_year"),
        label: "Cases served: a new cohort in each funded year, or one cohort in the first year only",
        hint: "With one cohort, the cost per case is paid for that cohort only; the other yearly cost runs in each funded year.",
        ..TEXT
    },
    Field {
        path: "programmes[].custom.nature",
        link: Link::Programme("nature"),
        kind: Kind::Choice,
        bounds: Bounds::Words(&["programme", "illustration"]),
        preset: Preset::Word("programme"),
        label: "What it is: a programme, or an illustration of the gap to the council's statistical neighbours (not a programme)",
        hint: "Its results say first that it is an illustration, not evidence that any programme would do it.",
        ..TEXT
    },
];

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;

impl d::Sourced {
    /// The unit of the field this default fills, or of the fields of an
    /// object (`assumptions.optimism_bias_benefits`), from the table.
    pub fn unit(&self) -> &'static str {
        FIELDS
            .iter()
            .find(|f| {
                f.path
                    .strip_prefix(self.field)
                    .is_some_and(|rest| rest.is_empty() || rest.starts_with('.'))
            })
            .map_or("", |f| f.unit)
    }
}
