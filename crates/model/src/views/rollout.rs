//! "What if every council in England (or in a region) did this?" Each
//! council's own official figures go through the same model with the same
//! programmes and assumptions; the results are summed.
//!
//! **Each council's cases follow its own caseload** ([`RULE`], a
//! convention of this calculator): a programme with an eligible caseload
//! (Family Safeguarding's families per child on a plan, Pause's practices
//! per infant entering care) serves the same share of each council's
//! eligible caseload as the scenario's cases are of the scenario council's;
//! any other programme's cases are scaled by the council's children
//! starting care beside the scenario council's (its children aged 0 to 17
//! when either council has no count of care starts). The yearly and set-up
//! costs scale with the cases. The scenario's own council keeps its
//! programmes exactly as entered.

use std::cmp::Ordering;

use serde::Serialize;

use crate::base::outcome::Outcome;
use crate::base::sorted::{self, Map};
use crate::calc::engine::{self, Draw, Plan, Work, AGENCIES, OUTCOMES};
use crate::calc::plausible::{self, Warning};
use crate::calc::resolve::{self, Change};
use crate::data::evidence::{self, CohortDefault, CUSTOM_ID};
use crate::data::presets::{self, Preset};
use crate::scenario::format::{Council, ProgrammeChoice, Scenario};
use crate::scenario::validate::validate;

/// How each council's cases are set, in words (a convention; see the
/// module).
pub const RULE: &str = "Each council serves the same share of its own eligible caseload as your \
council does of its own (for a programme without an eligible caseload, cases in proportion to its \
children starting care, or to its children aged 0 to 17 where either council has no count of care \
starts); yearly and set-up costs follow the cases. This is a convention of this calculator.";

/// Totals for a group of councils over the horizon.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Totals {
    /// Councils included.
    pub councils: u32,
    /// Children who did not enter care.
    pub care_entries_avoided: f64,
    /// Child-years in care avoided.
    pub children_in_care_fewer: f64,
    /// Children not in care 12 months after their family was served, who
    /// would have been without the programme (the measure of effects
    /// measured as "in care at 12 months", such as family group
    /// conferences'; their time in care is in `children_in_care_fewer`).
    pub not_in_care_at_12_months: f64,
    /// CP plan-years avoided.
    pub cp_plans_fewer: f64,
    /// CIN case-years avoided.
    pub children_in_need_fewer: f64,
    /// Programme cost, £.
    pub cost: f64,
    /// Savings, £.
    pub savings: f64,
    /// Cashable savings, £.
    pub cashable: f64,
    /// Net present value, £.
    pub npv: f64,
}

impl Totals {
    fn add(&mut self, o: &Totals) {
        self.councils += o.councils;
        self.care_entries_avoided += o.care_entries_avoided;
        self.children_in_care_fewer += o.children_in_care_fewer;
        self.not_in_care_at_12_months += o.not_in_care_at_12_months;
        self.cp_plans_fewer += o.cp_plans_fewer;
        self.children_in_need_fewer += o.children_in_need_fewer;
        self.cost += o.cost;
        self.savings += o.savings;
        self.cashable += o.cashable;
        self.npv += o.npv;
    }
}

/// One council's result.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CouncilResult {
    /// ONS code.
    pub code: String,
    /// Name.
    pub name: String,
    /// Region.
    pub region: String,
    /// Its totals.
    pub totals: Totals,
}

/// A council left out, and why.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Skipped {
    /// ONS code.
    pub code: String,
    /// Name.
    pub name: String,
    /// The first missing or bad figure, in words.
    pub reason: String,
}

/// The roll-out's results.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Rollout {
    /// Year of the official figures used.
    pub data_year: u16,
    /// Years the totals cover (the scenario's horizon).
    pub years: u32,
    /// The region, or `None` for England.
    pub region: Option<String>,
    /// Totals over every council included.
    pub total: Totals,
    /// Totals by region, in the order regions first appear alphabetically.
    pub by_region: Vec<(String, Totals)>,
    /// Every council included, largest fall in care entries first.
    pub councils: Vec<CouncilResult>,
    /// Councils left out because a figure the programmes need is not
    /// published (suppressed) for them.
    pub skipped: Vec<Skipped>,
}

/// Runs `template`'s programmes and assumptions for every council (or every
/// council in `region`) with the official figures of `year`. The template's
/// own council figures are replaced, and each council's cases follow its
/// own caseload ([`RULE`], [`scaled`]).
pub fn rollout(template: &Scenario, year: u16, region: Option<&str>) -> Rollout {
    rollout_over(template, presets::all(year), year, region)
}

/// [`rollout`] over given presets, such as those of an import
/// ([`crate::import::dfe::Import::apply`]); `year` is the year they are for.
pub fn rollout_over<S: AsRef<str>>(
    template: &Scenario,
    presets: &[Preset<S>],
    year: u16,
    region: Option<&str>,
) -> Rollout {
    let mut w = Work::default();
    // One copy of the template, its council replaced for each council.
    let mut s = template.clone();
    let mut councils = Vec::new();
    let mut skipped = Vec::new();
    for p in presets
        .iter()
        .filter(|p| region.is_none_or(|r| p.region.as_ref().eq_ignore_ascii_case(r)))
    {
        let (code, name) = (p.code.as_ref().to_string(), p.name.as_ref().to_string());
        s.council = p.to_council();
        s.programmes = if s.council.code == template.council.code {
            template.programmes.clone()
        } else {
            scaled(template, &s.council)
        };
        match council_totals(&s, &mut w) {
            Ok(totals) => councils.push(CouncilResult {
                code,
                name,
                region: p.region.as_ref().to_string(),
                totals,
            }),
            Err(reason) => skipped.push(Skipped { code, name, reason }),
        }
    }
    let mut total = Totals::default();
    let mut by_region: Map<String, Totals> = Map::new();
    for c in &councils {
        total.add(&c.totals);
        by_region
            .get_or_insert_with(c.region.clone(), Totals::default)
            .add(&c.totals);
    }
    sorted::sort_by(&mut councils, |a, b| {
        match b
            .totals
            .children_in_care_fewer
            .total_cmp(&a.totals.children_in_care_fewer)
        {
            Ordering::Less => true,
            Ordering::Equal => a.name < b.name,
            Ordering::Greater => false,
        }
    });
    Rollout {
        data_year: year,
        years: template.assumptions.horizon_years,
        region: region.map(str::to_string),
        total,
        by_region: by_region.into_iter().collect(),
        councils,
        skipped,
    }
}

/// Totals for the template `s` with one council's figures.
fn council_totals(s: &Scenario, w: &mut Work) -> Result<Totals, String> {
    let plan = match validate(s) {
        Ok(valid) => Plan::new(valid),
        Err(errors) => return Err(errors[0].to_string()),
    };
    engine::simulate(&plan, &Draw::central(), w);
    let (n, h) = (plan.programmes.len(), plan.horizon);
    let mut t = Totals {
        councils: 1,
        ..Totals::default()
    };
    for i in 0..n {
        for y in 0..h {
            let k = i * h + y;
            let at = |o: Outcome| w.avoided[k * OUTCOMES + o.index()];
            t.care_entries_avoided += at(Outcome::CareEntries);
            t.cp_plans_fewer += at(Outcome::CpPlans);
            t.children_in_need_fewer += at(Outcome::ChildrenInNeed);
            t.children_in_care_fewer += w.child_years[k];
            t.not_in_care_at_12_months += not_in_care_at_12_months(&plan, w, i, y);
            let sv: f64 = w.savings[k * AGENCIES..(k + 1) * AGENCIES].iter().sum();
            t.savings += sv;
            t.cashable += w.cashable[k];
            t.cost += w.cost[k];
        }
    }
    t.npv = engine::npv(&plan, w);
    Ok(t)
}

/// The template's programme choices for a council with figures `k`: each
/// choice whose cases are set (typed, or a library default of a number of
/// cases) serves the same share of `k`'s eligible caseload as it does of the
/// template council's; a programme without an eligible caseload is scaled
/// by `k`'s care starts beside the template council's, or its children aged
/// 0 to 17 where either has no count of care starts ([`RULE`]). A typed
/// eligible caseload is the template council's, so `k`'s own is used. A
/// choice with no figure to scale by is left as entered; yearly and set-up
/// costs scale with the cases.
pub fn scaled(template: &Scenario, k: &Council) -> Vec<ProgrammeChoice> {
    let mut s = template.clone();
    s.council = k.clone();
    template
        .programmes
        .iter()
        .map(|c| {
            let mut c = c.clone();
            let library = evidence::find(&c.programme).filter(|_| c.programme != CUSTOM_ID);
            let cohort = c
                .cohort
                .or(match library.as_ref().and_then(|p| p.cohort.default) {
                    Some(CohortDefault::Cases(n)) => Some(n),
                    _ => None,
                });
            let Some(cohort) = cohort else {
                // The whole eligible caseload (the default), or no cases
                // set: the council's own caseload, or nothing to scale.
                return c;
            };
            let factor = match library.as_ref().filter(|p| p.eligible.is_some()) {
                Some(prog) => {
                    let theirs = c.eligible.or_else(|| resolve::eligible(template, prog));
                    let ours = resolve::eligible(&s, prog);
                    c.eligible = None;
                    match (theirs, ours) {
                        (Some(t), Some(o)) if t > 0.0 => Some(o / t),
                        // The council has no eligible caseload: the effect
                        // is left out for it, and its cases scale below.
                        _ => by_count(&template.council, k),
                    }
                }
                None => by_count(&template.council, k),
            };
            if let Some(f) = factor {
                c.cohort = Some(cohort * f);
                c.annual_cost *= f;
                c.setup_cost *= f;
            }
            c
        })
        .collect()
}

/// `k`'s care starts ÷ the template council's, or its children aged 0 to
/// 17 ÷ the template council's when either has no count of care starts.
fn by_count(template: &Council, k: &Council) -> Option<f64> {
    let ratio = |a: Option<f64>, b: Option<f64>| match (a, b) {
        (Some(a), Some(b)) if b > 0.0 => Some(a / b),
        _ => None,
    };
    ratio(k.care_starts, template.care_starts)
        .or_else(|| ratio(k.population_0_17, template.population_0_17))
}

/// Children not in care 12 months after their family was served by
/// programme `i` in year `t` (cohort *t*), for its effects measured as "in
/// care at 12 months" on the families served: cases × size (points) ÷ 100
/// × adjustment × the nesting factor, as the engine's first-year term
/// (`calc::engine::simulate`) before its half-year profile.
fn not_in_care_at_12_months(plan: &Plan, w: &Work, i: usize, t: usize) -> f64 {
    let h = plan.horizon;
    let p = &plan.programmes[i];
    let cases = w.served[i * h + t];
    if cases == 0.0 {
        return 0.0;
    }
    let nest = match p.parent {
        Some(j) if j != i => {
            let parent = &plan.programmes[j];
            let cover = match parent.eligible {
                Some(e) if e > 0.0 => w.served[j * h + t] / e,
                _ => 0.0,
            };
            let sizes: Vec<f64> = parent.effects.iter().map(|e| e.size).collect();
            1.0 - cover * parent.care_time_reduction(&sizes)
        }
        _ => 1.0,
    };
    p.effects
        .iter()
        .filter(|e| e.change == Change::InCareAt12Months && e.measure == "points")
        .map(|e| e.size / 100.0 * e.per_unit * cases * p.adjustment * nest * plan.persist[0])
        .sum()
}

/// The warnings about a roll-out's totals beside England's own counts (the
/// councils' latest figures, summed): child-years in care avoided a year
/// above England's children looked after, care entries avoided a year
/// above its care starts. `years` is the horizon the totals cover.
pub fn warnings(r: &Rollout, years: u32) -> Vec<Warning> {
    let years = f64::from(years.max(1));
    let t = &r.total;
    let checks = [
        (
            "total.children_in_care_fewer",
            "child-years in care avoided",
            t.children_in_care_fewer,
            "children looked after",
            plausible::england_sum(|p| p.children_looked_after),
        ),
        (
            "total.care_entries_avoided",
            "care entries avoided",
            t.care_entries_avoided,
            "children starting care a year",
            plausible::england_sum(|p| p.care_starts),
        ),
    ];
    checks
        .into_iter()
        .filter(|c| c.2 / years > c.4)
        .map(
            |(field, what, total, count_what, england)| Warning::NationalAboveEngland {
                field,
                what,
                per_year: total / years,
                count_what,
                england,
            },
        )
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::default_scenario;

    /// Hertfordshire with Family Safeguarding and 100 family group
    /// conferences a year at £2,000 each, over `years`.
    fn fs_and_fgc(years: u32) -> Scenario {
        let mut s = default_scenario();
        let mut fgc = ProgrammeChoice::new("fgc-pre-proceedings");
        fgc.cohort = Some(100.0);
        fgc.cost_per_case = Some(2_000.0);
        s.programmes.push(fgc);
        s.assumptions.horizon_years = years;
        s.assumptions.funding_years = years;
        s
    }

    #[test]
    fn children_not_in_care_at_12_months_are_the_engines_first_half_year() {
        // Over one year, a family group conference's children not in care
        // 12 months on count half a child-year each (the engine's profile),
        // nested inside Family Safeguarding's reduction.
        let s = fs_and_fgc(1);
        let plan = Plan::new(validate(&s).expect("valid"));
        let mut w = Work::default();
        engine::simulate(&plan, &Draw::central(), &mut w);
        let n = not_in_care_at_12_months(&plan, &w, 1, 0);
        assert!(n > 0.0);
        assert!(
            (w.child_years[1] - 0.5 * n).abs() < 1e-9,
            "{} {n}",
            w.child_years[1]
        );
        // Family Safeguarding has no such effect.
        assert_eq!(not_in_care_at_12_months(&plan, &w, 0, 0), 0.0);
    }
}
