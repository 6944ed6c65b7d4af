//! The Green Book summary and the public entry point, [`project`].

use super::engine::{self, Plan, Work};
use super::error::Error;
use super::evidence::EVIDENCE_SET;
use super::outcome::{Agency, ByAgency};
use super::project::{assemble, notes, BreakEven, Counts, Projection, Summary};
use super::resolve::{self, Kind};
use super::scenario::{Scenario, FORMAT_VERSION};
use super::validate::validate;

/// Projects a scenario: validates it, runs the chain year by year, and adds
/// the summary figures. Returns every input problem when it is not valid.
///
/// ```
/// use outcome_calculator::model::{project, Council, ProgrammeChoice, Scenario};
/// let council = Council { care_starts: Some(400.0), cp_plans: Some(600.0),
///     children_in_need: Some(5_000.0), ..Council::default() };
/// let scenario = Scenario::new(council, vec![ProgrammeChoice::new("family-safeguarding")]);
/// let result = project(&scenario).unwrap();
/// assert_eq!(result.years.len(), 5);
/// assert!(result.summary.counts.care_entries_avoided > 0.0);
/// ```
pub fn project(s: &Scenario) -> Result<Projection, Vec<Error>> {
    validate(s)?;
    Ok(project_valid(s))
}

/// [`project`] for a scenario already validated.
pub(crate) fn project_valid(s: &Scenario) -> Projection {
    let plan = Plan::new(s);
    let mut work = Work::default();
    let scale = engine::break_even_scale(&plan, &mut work);
    engine::simulate(&plan, &engine::Draw::scaled(1.0), &mut work);
    let (years, mut programmes) = assemble(&plan, &work, s.assumptions.start_year);

    for (res, p) in programmes.iter_mut().zip(&plan.programmes) {
        res.break_even = p
            .effects
            .iter()
            .filter(|e| counted(&plan, e))
            .map(|e| BreakEven {
                outcome: e.outcome,
                measure: match e.kind {
                    Kind::Relative => "relative",
                    Kind::Points { .. } => "points",
                    Kind::PerCouncil { .. } => "per_council",
                },
                used: e.size,
                needed: scale.and_then(|k| {
                    let v = e.size * k;
                    let cap = match e.kind {
                        Kind::Relative => 100.0,
                        Kind::Points { control } => control,
                        Kind::PerCouncil { counterfactual } => counterfactual,
                    };
                    (v <= cap).then_some(v)
                }),
            })
            .collect();
    }

    let mut counts = Counts::default();
    let mut by_agency = ByAgency::default();
    let (mut total_s, mut total_c, mut total_cash) = (0.0, 0.0, 0.0);
    let (mut pv_s, mut pv_c, mut pv_cash) = (0.0, 0.0, 0.0);
    for y in &years {
        let c = &y.counts;
        counts.care_entries_avoided += c.care_entries_avoided;
        counts.children_in_care_fewer += c.children_in_care_fewer;
        counts.care_days_avoided += c.care_days_avoided;
        counts.cp_plans_fewer += c.cp_plans_fewer;
        counts.children_in_need_fewer += c.children_in_need_fewer;
        counts.care_proceedings_avoided += c.care_proceedings_avoided;
        counts.police_incidents_avoided += c.police_incidents_avoided;
        counts.ae_attendances_avoided += c.ae_attendances_avoided;
        for a in Agency::ALL {
            by_agency.add(a, y.savings.get(a));
        }
        total_s += y.gross_savings;
        total_c += y.cost;
        total_cash += y.cashable_savings;
        pv_s += y.pv_savings;
        pv_c += y.pv_cost;
        pv_cash += y.cashable_savings * y.discount_factor;
    }
    let payback = years
        .iter()
        .find(|y| y.cumulative_cost > 0.0 && y.cumulative_net >= 0.0);
    let ratio = |num: f64| (pv_c > 0.0).then(|| num / pv_c);
    let summary = Summary {
        counts,
        savings_by_agency: by_agency,
        total_savings: total_s,
        total_cashable: total_cash,
        total_cost: total_c,
        pv_savings: pv_s,
        pv_cashable: pv_cash,
        pv_cost: pv_c,
        npv: pv_s - pv_c,
        budget_npv: pv_cash - pv_c,
        bcr: ratio(pv_s),
        financial_roi: ratio(pv_cash - pv_c),
        payback_year: payback.map(|y| y.year),
        payback_label: payback.map(|y| y.label.clone()),
        break_even_scale_pct: scale.map(|k| k * 100.0),
        care_years: plan.care_years,
        care_annual_cost: plan.unit[0],
    };
    Projection {
        version: FORMAT_VERSION,
        evidence_set: EVIDENCE_SET.to_string(),
        notes: notes(&plan),
        years,
        programmes,
        summary,
    }
}

/// False for a relative effect whose council figure is blank: it is left out
/// of the projection, so it has no switching value either.
fn counted(plan: &Plan, e: &resolve::Effect) -> bool {
    !matches!(e.kind, Kind::Relative) || plan.council[e.outcome.index()].is_some()
}
