//! Input checks. Every number must be finite and inside the bounds the table
//! of fields ([`crate::scenario::fields`]) gives it; every
//! figure a chosen programme needs must be there. All problems are reported
//! at once, each naming its field.

use crate::base::error::{Error, ErrorKind, Location};
use crate::base::outcome::Outcome;
use crate::data::evidence::{self, EligibleBase, Measure, Quantity, CUSTOM_ID};
use crate::scenario::fields::{Access, Bounds, FIELDS};
pub use crate::scenario::fields::{
    MAX_COUNT, MAX_POPULATION, MAX_PROGRAMMES, MAX_PROGRAMME_COST, MAX_TEXT, MAX_UNIT_COST,
    MAX_YEARS,
};
use crate::scenario::format::{CustomMeasure, Scenario, FORMAT_VERSION};
use crate::scenario::valid::Valid;

/// Most effects, and most benefits in money, a custom programme takes
/// (the messages say 10 in words).
pub const MAX_CUSTOM: usize = 10;
const _: () = assert!(MAX_CUSTOM == 10);

struct Checker {
    errors: Vec<Error>,
}

/// A field's path, written out only when the field has a problem (the
/// national view validates hundreds of scenarios, nearly all fine).
trait Path {
    fn path(self) -> String;
}

impl Path for &str {
    fn path(self) -> String {
        self.to_string()
    }
}

impl Path for String {
    fn path(self) -> String {
        self
    }
}

/// A path made by a closure, e.g. `Lazy(|| format!("council.{name}"))`.
struct Lazy<F>(F);

impl<F: FnOnce() -> String> Path for Lazy<F> {
    fn path(self) -> String {
        (self.0)()
    }
}

impl Checker {
    fn range(&mut self, field: impl Path, value: f64, min: f64, max: f64) {
        if !value.is_finite() {
            self.errors
                .push(Error::new(field.path(), ErrorKind::NotFinite));
        } else if value < min || value > max {
            self.errors
                .push(Error::new(field.path(), ErrorKind::OutOfRange { min, max }));
        }
    }

    fn optional(&mut self, field: impl Path, value: Option<f64>, min: f64, max: f64) {
        if let Some(v) = value {
            self.range(field, v, min, max);
        }
    }

    fn pct(&mut self, field: impl Path, value: f64) {
        self.range(field, value, 0.0, 100.0);
    }

    fn text(&mut self, field: &str, value: &str) {
        if value.chars().count() > MAX_TEXT {
            self.errors
                .push(Error::new(field, ErrorKind::TooLong { max: MAX_TEXT }));
        }
    }

    fn missing(&mut self, field: impl Path, why: impl Into<String>) {
        self.errors.push(Error::new(
            field.path(),
            ErrorKind::Missing { why: why.into() },
        ));
    }
}

/// Checks a scenario: every problem, each naming its field, or the
/// scenario as [`Valid`], which the kernel and everything built on it take
/// (and so never check again).
///
/// ```
/// use outcome_model::{base::error::Location, validate, Council, ProgrammeChoice, Scenario};
/// let scenario = Scenario::new(Council::default(), vec![ProgrammeChoice::new("family-safeguarding")]);
/// let errors = validate(&scenario).unwrap_err();
/// assert_eq!(errors[0].field, Location::from("council.care_starts"));
/// ```
#[inline(never)]
pub fn validate(s: &Scenario) -> Result<Valid<'_>, Vec<Error>> {
    crate::base::counts::note(crate::base::counts::Step::Validate);
    let mut c = Checker { errors: Vec::new() };
    if s.version != FORMAT_VERSION {
        c.errors.push(Error::new(
            "version",
            ErrorKind::UnsupportedVersion {
                found: s.version,
                supported: FORMAT_VERSION,
            },
        ));
        return Err(c.errors);
    }
    if !evidence::known_set(&s.evidence_set) {
        c.errors.push(Error::new(
            "evidence_set",
            ErrorKind::UnknownEvidenceSet {
                found: s.evidence_set.clone(),
            },
        ));
    }
    c.text("label", &s.label);
    c.text("council.name", &s.council.name);

    // Every number of the scenario, against its bounds in the table.
    for f in FIELDS {
        if let (Access::Scenario(get, _), Bounds::Range(min, max)) = (f.access, f.bounds) {
            c.optional(f.path, get(s), min, max);
        }
    }
    let a = &s.assumptions;
    let most = crate::scenario::fields::MAX_YEARS as usize;
    if a.ramp_pct.is_empty() || a.ramp_pct.len() > most {
        c.errors.push(Error::new(
            "assumptions.ramp_pct",
            ErrorKind::WrongLength {
                reason: format!("give the share of full reach for 1 to {most} years"),
            },
        ));
    }
    for (i, v) in a.ramp_pct.iter().enumerate().take(most) {
        c.pct(Lazy(|| format!("assumptions.ramp_pct[{i}]")), *v);
    }
    if s.programmes.is_empty() {
        c.errors.push(Error::new(
            "programmes",
            ErrorKind::WrongLength {
                reason: "choose at least one programme".into(),
            },
        ));
    }
    if s.programmes.len() > MAX_PROGRAMMES {
        c.errors.push(Error::new(
            "programmes",
            ErrorKind::WrongLength {
                reason: format!("choose at most {MAX_PROGRAMMES} programmes"),
            },
        ));
    }
    for (i, p) in s.programmes.iter().enumerate().take(MAX_PROGRAMMES) {
        check_programme(&mut c, s, i);
        let _ = p;
    }

    if c.errors.is_empty() {
        Ok(Valid::checked(s))
    } else {
        Err(c.errors)
    }
}

fn check_programme(c: &mut Checker, s: &Scenario, i: usize) {
    let p = &s.programmes[i];
    let at = |name: &'static str| Lazy(move || format!("programmes[{i}].{name}"));
    for f in FIELDS {
        if let (Access::Programme(get, _), Bounds::Range(min, max), Some(name)) =
            (f.access, f.bounds, f.in_programme())
        {
            c.optional(at(name), get(p), min, max);
        }
    }

    // What the programme needs from the council and the user.
    let mut outcomes: Vec<Outcome> = Vec::new();
    let mut needs_cohort = false;
    let name;
    let published_cost;
    let cohort_default;
    if p.programme == CUSTOM_ID {
        let Some(custom) = &p.custom else {
            c.missing(at("custom"), "describe your own programme's effects");
            return;
        };
        name = if custom.name.trim().is_empty() {
            "your programme".to_string()
        } else {
            custom.name.clone()
        };
        c.text(&at("custom.name").path(), &custom.name);
        if custom.effects.is_empty() && custom.benefits.is_empty() {
            c.errors.push(Error::new(
                at("custom.effects").path(),
                ErrorKind::WrongLength {
                    reason: "give at least one effect or one benefit".into(),
                },
            ));
        }
        if custom.effects.len() > MAX_CUSTOM {
            c.errors.push(Error::new(
                at("custom.effects").path(),
                ErrorKind::WrongLength {
                    reason: "give at most 10 effects".into(),
                },
            ));
        }
        if custom.benefits.len() > MAX_CUSTOM {
            c.errors.push(Error::new(
                at("custom.benefits").path(),
                ErrorKind::WrongLength {
                    reason: "give at most 10 benefits".into(),
                },
            ));
        }
        for (j, b) in custom.benefits.iter().enumerate().take(MAX_CUSTOM) {
            let bf =
                |n: &'static str| Lazy(move || format!("programmes[{i}].custom.benefits[{j}].{n}"));
            c.text(&bf("name").path(), &b.name);
            c.range(bf("low"), b.low, 0.0, MAX_UNIT_COST);
            c.range(bf("value"), b.value, 0.0, MAX_UNIT_COST);
            c.range(bf("high"), b.high, 0.0, MAX_UNIT_COST);
            if b.low.is_finite()
                && b.value.is_finite()
                && b.high.is_finite()
                && !(b.low <= b.value && b.value <= b.high)
            {
                c.errors.push(Error::new(
                    bf("value").path(),
                    ErrorKind::OutOfOrder {
                        reason: "the low value must not exceed the value, nor the value the high"
                            .into(),
                    },
                ));
            }
            c.range(bf("years"), f64::from(b.years), 1.0, f64::from(MAX_YEARS));
            c.pct(bf("drop_off_pct"), b.drop_off_pct);
            // A value per case needs the cases.
            needs_cohort = true;
        }
        for (j, e) in custom.effects.iter().enumerate().take(MAX_CUSTOM) {
            let ef =
                |n: &'static str| Lazy(move || format!("programmes[{i}].custom.effects[{j}].{n}"));
            let max = match e.measure {
                CustomMeasure::Relative | CustomMeasure::PercentagePoints => 100.0,
                CustomMeasure::PerCouncil => MAX_COUNT,
            };
            c.range(ef("low"), e.low, 0.0, max);
            c.range(ef("central"), e.central, 0.0, max);
            c.range(ef("high"), e.high, 0.0, max);
            if e.low.is_finite()
                && e.central.is_finite()
                && e.high.is_finite()
                && !(e.low <= e.central && e.central <= e.high)
            {
                c.errors.push(Error::new(
                    ef("central").path(),
                    ErrorKind::OutOfOrder {
                        reason:
                            "the low value must not exceed the central, nor the central the high"
                                .into(),
                    },
                ));
            }
            match e.measure {
                CustomMeasure::Relative => outcomes.push(e.outcome),
                CustomMeasure::PercentagePoints => {
                    needs_cohort = true;
                    match e.baseline {
                        None => c.missing(
                            ef("baseline"),
                            "the share of the cohort reaching this outcome without the programme",
                        ),
                        Some(b) => c.range(ef("baseline"), b, 0.0, 100.0),
                    }
                }
                CustomMeasure::PerCouncil => match e.baseline {
                    None => c.missing(
                        ef("baseline"),
                        "the number of these events a year without the programme",
                    ),
                    Some(b) => c.range(ef("baseline"), b, 0.0, MAX_COUNT),
                },
            }
        }
        published_cost = false;
        cohort_default = false;
    } else {
        let Some(prog) = evidence::find(&p.programme) else {
            c.errors.push(Error::new(
                at("programme").path(),
                ErrorKind::UnknownProgramme {
                    id: p.programme.clone(),
                },
            ));
            return;
        };
        name = prog.name.to_string();
        for e in &prog.effects {
            match e.measure {
                Measure::CouncilRelative => match e.quantity {
                    Quantity::CareTime | Quantity::CareEntries => {
                        outcomes.push(Outcome::CareEntries)
                    }
                    Quantity::InfantCareEntries => {}
                    q => outcomes.push(q.outcome()),
                },
                Measure::CohortPoints { .. } => needs_cohort = true,
                Measure::CohortObserved { .. } => {
                    needs_cohort = true;
                    if p.counterfactual_pct.is_none() {
                        c.missing(
                            at("counterfactual_pct"),
                            format!(
                                "{name} has no comparison group: say what share of the cohort would have {} without it",
                                match e.quantity.outcome() {
                                    Outcome::CareEntries => "entered care".to_string(),
                                    other => format!("reached \u{201c}{}\u{201d}", other.label()),
                                }
                            ),
                        );
                    }
                }
            }
        }
        if !prog.case_benefits.is_empty() {
            needs_cohort = true;
        }
        published_cost = prog.cost.is_some();
        // The eligible caseload comes from the council's plans.
        if prog
            .eligible
            .is_some_and(|el| el.base == EligibleBase::CpPlans)
            && p.eligible.is_none()
        {
            outcomes.push(Outcome::CpPlans);
        }
        cohort_default = prog.cohort.default.is_some();
    }

    // Council figures needed by relative effects on the core outcomes.
    let k = &s.council;
    for o in outcomes {
        let (field, value) = match o {
            Outcome::CareEntries => ("care_starts", k.care_starts),
            Outcome::CpPlans => ("cp_plans", k.cp_plans),
            Outcome::ChildrenInNeed => ("children_in_need", k.children_in_need),
            // Partner and court figures are optional: without them the
            // effect is left out and a note says so.
            _ => continue,
        };
        if value.is_none()
            && !c
                .errors
                .iter()
                .any(|e| matches!(&e.field, Location::Field(p) if p.strip_prefix("council.") == Some(field)))
        {
            c.missing(
                format!("council.{field}"),
                format!("{name} changes {}", o.label()),
            );
        }
    }

    let has_cost =
        published_cost || p.cost_per_case.is_some() || p.annual_cost > 0.0 || p.setup_cost > 0.0;
    if !has_cost {
        c.missing(
            at("cost_per_case"),
            format!("no cost is published for {name}: enter a cost per case or a yearly cost"),
        );
    }
    let per_case_cost = published_cost || p.cost_per_case.is_some_and(|v| v > 0.0);
    if p.placement == Some(evidence::Placement::CouncilAverage)
        && s.council.cla_spend_per_child.is_none()
    {
        c.missing(
            "council.cla_spend_per_child",
            format!("{name} is costed at your council's average spend per looked-after child"),
        );
    }
    if (needs_cohort || per_case_cost) && p.cohort.is_none() && !cohort_default {
        c.missing(
            at("cohort"),
            format!("how many cases {name} works with each year"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Council, ProgrammeChoice, Scenario};

    fn base() -> Scenario {
        let council = Council {
            care_starts: Some(400.0),
            cp_plans: Some(600.0),
            children_in_need: Some(5_000.0),
            ..Council::default()
        };
        Scenario::new(council, vec![ProgrammeChoice::new("family-safeguarding")])
    }

    #[test]
    fn each_bad_input_names_its_field() {
        type Spoil = fn(&mut Scenario);
        let cases: Vec<(&str, Spoil)> = vec![
            ("council.care_starts", |s| {
                s.council.care_starts = Some(f64::NAN)
            }),
            ("council.cp_plans", |s| s.council.cp_plans = Some(-1.0)),
            ("council.care_starts", |s| s.council.care_starts = None),
            ("unit_costs.foster_weekly", |s| {
                s.unit_costs.foster_weekly = f64::INFINITY
            }),
            ("council.cla_spend_per_child", |s| {
                s.council.cla_spend_per_child = Some(-1.0)
            }),
            ("assumptions.horizon_years", |s| {
                s.assumptions.horizon_years = 0
            }),
            ("assumptions.horizon_years", |s| {
                s.assumptions.horizon_years = 21
            }),
            ("assumptions.discount_rate_pct", |s| {
                s.assumptions.discount_rate_pct = 25.0
            }),
            ("assumptions.ramp_pct", |s| s.assumptions.ramp_pct.clear()),
            ("programmes", |s| s.programmes.clear()),
            ("programmes[0].programme", |s| {
                s.programmes[0].programme = "magic".into()
            }),
            ("programmes[0].engagement_pct", |s| {
                s.programmes[0].engagement_pct = 150.0
            }),
            ("programmes[0].cohort", |s| {
                s.programmes[0] = ProgrammeChoice::new("fgc-pre-proceedings");
                s.programmes[0].cost_per_case = Some(500.0);
            }),
            ("programmes[0].cost_per_case", |s| {
                s.programmes[0] = ProgrammeChoice::new("pause");
            }),
            ("programmes[0].counterfactual_pct", |s| {
                s.programmes[0] = ProgrammeChoice::new("no-wrong-door");
                s.programmes[0].cohort = Some(100.0);
                s.programmes[0].annual_cost = 1.0;
            }),
            ("programmes[0].custom.benefits[0].value", |s| {
                s.programmes[0] = benefit_programme();
                let b = &mut s.programmes[0].custom.as_mut().unwrap().benefits[0];
                b.value = b.high + 1.0;
            }),
            ("programmes[0].custom.benefits[0].low", |s| {
                s.programmes[0] = benefit_programme();
                s.programmes[0].custom.as_mut().unwrap().benefits[0].low = -1.0;
            }),
            ("programmes[0].custom.benefits[0].high", |s| {
                s.programmes[0] = benefit_programme();
                s.programmes[0].custom.as_mut().unwrap().benefits[0].high = f64::NAN;
            }),
            ("programmes[0].custom.benefits[0].years", |s| {
                s.programmes[0] = benefit_programme();
                s.programmes[0].custom.as_mut().unwrap().benefits[0].years = 0;
            }),
            ("programmes[0].custom.benefits[0].years", |s| {
                s.programmes[0] = benefit_programme();
                s.programmes[0].custom.as_mut().unwrap().benefits[0].years = 21;
            }),
            ("programmes[0].custom.benefits[0].drop_off_pct", |s| {
                s.programmes[0] = benefit_programme();
                s.programmes[0].custom.as_mut().unwrap().benefits[0].drop_off_pct = 101.0;
            }),
            ("programmes[0].custom.benefits[0].name", |s| {
                s.programmes[0] = benefit_programme();
                s.programmes[0].custom.as_mut().unwrap().benefits[0].name = "x".repeat(201);
            }),
            ("programmes[0].custom.benefits", |s| {
                s.programmes[0] = benefit_programme();
                let c = s.programmes[0].custom.as_mut().unwrap();
                c.benefits = vec![c.benefits[0].clone(); 11];
            }),
            ("programmes[0].custom.effects", |s| {
                s.programmes[0] = benefit_programme();
                s.programmes[0].custom.as_mut().unwrap().benefits.clear();
            }),
            ("programmes[0].cohort", |s| {
                s.programmes[0] = benefit_programme();
                s.programmes[0].cohort = None;
            }),
            ("version", |s| s.version = 9),
            ("evidence_set", |s| s.evidence_set = "1999.1".into()),
        ];
        for (field, spoil) in cases {
            let mut s = base();
            spoil(&mut s);
            let errors = validate(&s).expect_err(field);
            assert!(
                errors.iter().any(|e| e.field == Location::from(field)),
                "{field}: got {errors:?}"
            );
            for e in &errors {
                let m = e.message();
                assert!(m.chars().next().is_some_and(|c| !c.is_uppercase()), "{m}");
            }
        }
    }

    /// A custom programme with one benefit in money and no effects.
    fn benefit_programme() -> ProgrammeChoice {
        let mut p = ProgrammeChoice::new(CUSTOM_ID);
        p.cohort = Some(100.0);
        p.cost_per_case = Some(1_000.0);
        p.custom = Some(crate::CustomProgramme {
            name: "Mentoring".into(),
            grade: crate::data::evidence::Grade::Qed,
            effects: Vec::new(),
            benefits: vec![crate::CustomBenefit {
                name: "Fewer days of school missed".into(),
                agency: crate::Agency::OtherPublic,
                low: 500.0,
                value: 1_000.0,
                high: 1_500.0,
                years: 3,
                drop_off_pct: 20.0,
            }],
            cohorts: Default::default(),
            nature: crate::scenario::format::Nature::Programme,
        });
        p
    }

    #[test]
    fn the_base_scenario_is_valid() {
        assert!(validate(&base()).is_ok());
        let mut s = base();
        s.programmes[0] = benefit_programme();
        assert!(
            validate(&s).is_ok(),
            "a programme with benefits and no effects"
        );
    }
}
