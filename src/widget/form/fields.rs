//! The number inputs of the form, taken from the model's table of fields
//! ([`crate::model::scenario::fields`]) when the widget is compiled: where
//! each lives in the scenario format, its label, hint and affix, and how to
//! read and write it.
//!
//! A field's `key` is its scenario path (`council.care_starts`) and the id of
//! its input. Programme fields are keyed by the path inside a programme
//! choice (`cohort`); their inputs are `<programme id>.<key>`, and their
//! scenario path is `programmes[i].<key>` for the i-th chosen programme.

use crate::model::scenario::fields::{self as table, Form};
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

/// A placeholder the groups below start from.
const EMPTY: Field = Field {
    key: "",
    label: "",
    hint: "",
    affix: Affix::None,
    kind: Kind::Required,
    access: Access::Scenario(|_| None, |_, _| {}),
};

/// The input for a row of the model's table of fields: its id (the path,
/// or the name inside a programme choice), label and hint, its affix from
/// the kind and its blank rule.
const fn input(f: &table::Field) -> Field {
    let access = match f.access {
        table::Access::Scenario(get, set) => Access::Scenario(get, set),
        table::Access::Programme(get, set) => Access::Choice(get, set),
        table::Access::Other => panic!("a form field must be a number"),
    };
    let key = match f.link {
        table::Link::Programme(key) => key,
        _ => f.path,
    };
    Field {
        key,
        label: f.label,
        hint: f.hint,
        affix: match f.kind {
            table::Kind::Money => Affix::Pound,
            table::Kind::Percent => Affix::Pct,
            _ => Affix::None,
        },
        kind: match f.kind {
            table::Kind::Integer => Kind::Whole,
            _ if f.blank => Kind::Optional,
            _ => Kind::Required,
        },
        access,
    }
}

/// How many rows of the table the form shows in `group`.
const fn count(group: Form) -> usize {
    let mut n = 0;
    let mut i = 0;
    while i < table::FIELDS.len() {
        if table::FIELDS[i].form as u8 == group as u8 {
            n += 1;
        }
        i += 1;
    }
    n
}

/// The inputs of `group`, in the table's order.
const fn group<const N: usize>(group: Form) -> [Field; N] {
    let mut out = [EMPTY; N];
    let mut n = 0;
    let mut i = 0;
    while i < table::FIELDS.len() {
        if table::FIELDS[i].form as u8 == group as u8 {
            out[n] = input(&table::FIELDS[i]);
            n += 1;
        }
        i += 1;
    }
    out
}

const COUNCIL_INPUTS: [Field; count(Form::Council)] = group(Form::Council);
const TIME_INPUTS: [Field; count(Form::Time)] = group(Form::Time);
const UNIT_COST_INPUTS: [Field; count(Form::UnitCosts)] = group(Form::UnitCosts);
const METHOD_INPUTS: [Field; count(Form::Method)] = group(Form::Method);
const UNCERTAINTY_INPUTS: [Field; count(Form::Uncertainty)] = group(Form::Uncertainty);
const PROGRAMME_INPUTS: [Field; count(Form::Programme)] = group(Form::Programme);

/// The council's figures.
pub const COUNCIL: &[Field] = &COUNCIL_INPUTS;
/// The time frame of the projection.
pub const TIME: &[Field] = &TIME_INPUTS;
/// Unit costs.
pub const UNIT_COSTS: &[Field] = &UNIT_COST_INPUTS;
/// Method assumptions.
pub const METHOD: &[Field] = &METHOD_INPUTS;
/// Settings of the uncertainty analysis.
pub const UNCERTAINTY: &[Field] = &UNCERTAINTY_INPUTS;
/// Settings of one chosen programme. `cohort` and `cost_per_case` take
/// their label and hint from the programme.
pub const PROGRAMME: &[Field] = &PROGRAMME_INPUTS;

/// The input id for a share-link parameter or element attribute: the same
/// id for programme settings (`pause.annual_cost`), else the path of the
/// field the table gives the parameter (`care_proceedings_cost` →
/// `unit_costs.care_proceedings`), when the form has an input for it.
pub fn input_for_key(key: &str) -> Option<&str> {
    if key.contains('.') {
        return find(key).map(|_| key);
    }
    let f = table::by_link_key(key)?;
    find(f.path).map(|(f, _)| f.key)
}

/// The share-link parameter for a scenario path, from the table
/// (`unit_costs.care_proceedings` → `care_proceedings_cost`); programme
/// paths (`programmes[0].cohort`) are the caller's, who knows the ids.
pub fn key_for_path(path: &str) -> Option<&'static str> {
    match table::by_path(path)?.link {
        table::Link::Top(key) => Some(key),
        _ => None,
    }
}

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
