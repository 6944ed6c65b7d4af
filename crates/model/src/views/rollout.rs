//! "What if every council in England (or in a region) did this?" Each
//! council's own official figures go through the same model with the same
//! programmes and assumptions; the results are summed.

use std::cmp::Ordering;

use serde::Serialize;

use crate::calc::engine::{self, Draw, Plan, Work, AGENCIES, OUTCOMES};
use crate::calc::outcome::Outcome;
use crate::calc::sorted::{self, Map};
use crate::data::presets::{self, Preset};
use crate::scenario::format::Scenario;
use crate::scenario::validate::validate;

/// Totals for a group of councils over the horizon.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Totals {
    /// Councils included.
    pub councils: u32,
    /// Children who did not enter care.
    pub care_entries_avoided: f64,
    /// Child-years in care avoided.
    pub children_in_care_fewer: f64,
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
/// own council figures are replaced; its programme cohorts, which are not in
/// the national tables, apply to every council as entered.
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
        region: region.map(str::to_string),
        total,
        by_region: by_region.into_iter().collect(),
        councils,
        skipped,
    }
}

/// Totals for the template `s` with one council's figures.
fn council_totals(s: &Scenario, w: &mut Work) -> Result<Totals, String> {
    if let Err(errors) = validate(s) {
        return Err(errors[0].to_string());
    }
    let plan = Plan::new(s);
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
            let sv: f64 = w.savings[k * AGENCIES..(k + 1) * AGENCIES].iter().sum();
            t.savings += sv;
            t.cashable += w.cashable[k];
            t.cost += w.cost[k];
        }
    }
    t.npv = engine::npv(&plan, w);
    Ok(t)
}
