//! Ready scenarios: programmes as they were funded, opened by name from the
//! command line (`--ready NAME`), from a share link and from the evidence
//! page. Each is built from cited figures; where a figure it needs is not
//! published, the convention used is named in its notes.

use crate::base::outcome::Agency;
use crate::data::citation::{self, Citation};
use crate::data::evidence::{range_rule, Grade};
use crate::data::unprojected::{Unprojected, FV_PER_FAMILY, FV_PRICE_YEAR};
use crate::data::{evidence, prices};
use crate::scenario::default::default_scenario;
use crate::scenario::format::{Council, CustomBenefit, CustomProgramme, ProgrammeChoice, Scenario};

/// One ready scenario.
#[derive(Debug, Clone, Copy)]
pub struct Ready {
    /// The name it is opened by (`--ready NAME`).
    pub id: &'static str,
    /// What it is, in a sentence.
    pub title: &'static str,
    /// How each figure of the scenario is found, conventions named.
    pub notes: &'static [&'static str],
    /// The sources of its figures.
    pub sources: &'static [Citation],
    /// Builds the scenario.
    pub build: fn() -> Scenario,
}

/// Supporting Families: Investing in Practice, the money announced: £15m,
/// in 2019-20 prices (the year it was for).
pub const SFIIP_FUNDING: f64 = 15_000_000.0;
/// Price year of [`SFIIP_FUNDING`]: 2019-20.
pub const SFIIP_PRICE_YEAR: u16 = 2019;
/// Family Drug and Alcohol Courts created or extended by the programme.
pub const SFIIP_FDAC_AREAS: f64 = 15.0;
/// Councils supported to introduce family group conferences at
/// pre-proceedings.
pub const SFIIP_FGC_AREAS: f64 = 24.0;
/// Children in the family group conference trial (21 councils, families
/// entering pre-proceedings from September 2020 to May 2022).
pub const FGC_TRIAL_CHILDREN: f64 = 2_548.0;
/// Share of the trial's families referred for a conference: half were
/// allocated at random to a referral.
pub const FGC_TRIAL_REFERRED_SHARE: f64 = 0.5;

/// Every ready scenario.
pub const ALL: &[Ready] = &[Ready {
    id: "supporting-families-investing-in-practice",
    title: "Supporting Families: Investing in Practice as funded: £15m for one year in up to 40 council areas (39 named: 15 Family Drug and Alcohol Courts, 24 councils introducing family group conferences at pre-proceedings), with what the published evidence says it delivered beside what was spent.",
    notes: &[
        "What was spent: the £15m announced for the year (2019-20 prices), uprated to 2025-26 prices with the GDP deflator; no optimism bias is added, as it is money spent, not an estimate. The later announcement of the partners named £15.5m, of which a proportion funded these two strands.",
        "How it was split between the two strands is not published: the scenario gives each area an equal share (15 of 39 areas to FDAC, 24 of 39 to family group conferences), a convention.",
        "Family group conferences: the children referred in the trial this programme funded, half of its 2,548 children (half the families were allocated at random to a referral), put in the one funded year; the trial recruited for 21 months. Their share of the money is the programme's yearly cost, since no cost per conference is published.",
        "FDAC: the families the courts' share would pay for at the national model's £18,000 a case (2024-25 prices); how many families the 15 courts worked with is not in the sources checked.",
        "The areas' own counts are not summed: both programmes act per family or child served, so no council count is needed; a stay in care avoided is costed at England's average length (2.37 years).",
    ],
    sources: &[
        citation::SFIIP_2019,
        citation::SFIIP_PARTNERS_2019,
        citation::SFIIP_COUNCILS_2019,
        citation::CORAM_2023,
        citation::CJI_2024,
    ],
    build: supporting_families,
}];

/// The ready scenario with this name, if there is one.
pub fn find(id: &str) -> Option<&'static Ready> {
    ALL.iter().find(|r| r.id == id)
}

/// Supporting Families: Investing in Practice as funded (see
/// [`ALL`]'s notes): one year of funding over a 5-year horizon, every pound
/// in 2025-26 prices.
pub fn supporting_families() -> Scenario {
    let total = SFIIP_FUNDING * prices::uplift(SFIIP_PRICE_YEAR);
    let areas = SFIIP_FDAC_AREAS + SFIIP_FGC_AREAS;
    let fdac_cost = evidence::find("fdac")
        .and_then(|p| p.cost)
        .map(|c| c.per_case * prices::uplift(c.price_year))
        .expect("FDAC has a published cost");
    let mut fgc = ProgrammeChoice::new("fgc-pre-proceedings");
    fgc.cohort = Some(FGC_TRIAL_CHILDREN * FGC_TRIAL_REFERRED_SHARE);
    // To the penny, so that the link reads as money.
    fgc.annual_cost = (total * SFIIP_FGC_AREAS / areas * 100.0).round() / 100.0;
    let mut fdac = ProgrammeChoice::new("fdac");
    fdac.cohort = Some(total * SFIIP_FDAC_AREAS / areas / fdac_cost);
    let council = Council {
        name: "The programme's 39 areas together".into(),
        ..Council::default()
    };
    let mut s = Scenario::new(council, vec![fgc, fdac]);
    s.label = "Supporting Families: Investing in Practice (£15m, one year)".into();
    let a = &mut s.assumptions;
    a.horizon_years = 5;
    a.funding_years = 1;
    a.optimism_bias_costs_pct = 0.0;
    s
}

/// The scenario an unprojected programme's entry opens
/// ([`crate::data::unprojected`]): its own programme pre-filled, or the
/// ready scenario; `None` for an entry with no scenario.
pub fn open(u: &Unprojected) -> Option<Scenario> {
    Some(match u.id {
        "family-valued" => family_valued(),
        "inside-out" => inside_out(),
        "partners-in-practice" => partners_in_practice(),
        "hackney-contextual-safeguarding" => contextual_safeguarding(),
        "supporting-families-investing-in-practice" => supporting_families(),
        _ => return None,
    })
}

/// The calculator's default council with one programme of its own, for
/// one case and at no cost: no cost and no caseload are published for
/// these programmes, so the results are for a case served, and the cost
/// and the cases are the council's to enter (in the scenario's file).
fn own(name: &str, grade: Grade, benefit: CustomBenefit) -> Scenario {
    let mut s = default_scenario();
    let mut c = ProgrammeChoice::new(crate::data::evidence::CUSTOM_ID);
    c.cohort = Some(1.0);
    c.cost_per_case = Some(0.0);
    c.custom = Some(CustomProgramme {
        name: name.into(),
        grade,
        effects: Vec::new(),
        benefits: vec![benefit],
        cohorts: Default::default(),
        nature: crate::scenario::format::Nature::Programme,
    });
    s.programmes = vec![c];
    s.label = String::new();
    s
}

/// A benefit a council must supply: £0 until it does.
fn yours(name: &str) -> CustomBenefit {
    CustomBenefit::blank(name)
}

/// Family Valued's conference strand as the council's own programme: the
/// £755 a family (uprated from 2016-17), a year, staff time, so the
/// cashable share of per-case benefits is 0%.
pub fn family_valued() -> Scenario {
    let g = Grade::Modelled;
    let value = FV_PER_FAMILY * prices::uplift(FV_PRICE_YEAR);
    let mut s = own(
        "Family Valued conferences, a family (Leeds's £755; no cost published)",
        g,
        CustomBenefit {
            name: "less time in the social care system: £755 a family (Mason et al. 2017, 2016-17 prices taken)".into(),
            agency: Agency::ChildrensServices,
            low: value * (1.0 - range_rule(g)),
            value,
            high: value,
            years: 1,
            drop_off_pct: 0.0,
        },
    );
    s.assumptions.cashable.case_benefits_pct = 0.0;
    s
}

fn inside_out() -> Scenario {
    own(
        "Inside Out, a young person (your figures; no cost published)",
        Grade::Modelled,
        yours("placement costs you avoid a young person a year: your figure"),
    )
}

fn partners_in_practice() -> Scenario {
    own(
        "Partners in Practice, a case (your figures; no cost published)",
        Grade::Qed,
        yours("your measured saving a case a year"),
    )
}

fn contextual_safeguarding() -> Scenario {
    own(
        "Contextual Safeguarding, a young person (your figures; no cost published)",
        Grade::BeforeAfter,
        yours("your measured saving a young person a year"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calc::project::project;

    #[test]
    fn every_ready_scenario_runs_and_spends_what_was_announced() {
        for r in ALL {
            let s = (r.build)();
            let p = project(&s).unwrap_or_else(|e| panic!("{}: {e:?}", r.id));
            assert!(find(r.id).is_some());
            assert!(!r.notes.is_empty() && !r.sources.is_empty());
            let spent: f64 = p.years.iter().map(|y| y.cost).sum();
            let announced = SFIIP_FUNDING * prices::uplift(SFIIP_PRICE_YEAR);
            assert!(
                (spent - announced).abs() < 0.01,
                "{spent} against {announced}"
            );
            assert!(p.years[1..].iter().all(|y| y.cost == 0.0));
        }
    }

    #[test]
    fn every_unprojected_entry_opens_a_scenario_that_runs() {
        for u in crate::data::unprojected::ALL {
            let s = open(u).unwrap_or_else(|| panic!("{} opens", u.id));
            project(&s).unwrap_or_else(|e| panic!("{}: {e:?}", u.id));
        }
    }

    #[test]
    fn family_valued_counts_its_published_figure_as_staff_time() {
        let s = family_valued();
        let b = &s.programmes[0].custom.as_ref().unwrap().benefits[0];
        assert!((b.value - 1_024.58).abs() < 0.01, "{}", b.value);
        assert_eq!(s.assumptions.cashable.case_benefits_pct, 0.0);
    }
}
