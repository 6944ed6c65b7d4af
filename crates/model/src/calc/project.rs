//! The Green Book summary and the public entry point, [`project`].

use crate::base::decimal::{shortest, signed};
use crate::base::error::Error;
use crate::base::outcome::{Agency, ByAgency};
use crate::calc::baseline::Series;
use crate::calc::engine::{self, Plan, Work};
use crate::calc::projection::{
    assemble, notes, year_label, BreakEven, Counts, Projection, Summary,
};
use crate::calc::record::{Nothing, Record, Recorder, YearSums};
use crate::data::evidence::EVIDENCE_SET;
use crate::data::prices;
use crate::scenario::format::{Scenario, FORMAT_VERSION};
use crate::scenario::valid::Valid;
use crate::scenario::validate::validate;

/// Projects a scenario: validates it, runs the chain year by year, and adds
/// the summary figures. Returns every input problem when it is not valid.
///
/// ```
/// use outcome_model::{project, Council, ProgrammeChoice, Scenario};
/// let council = Council { care_starts: Some(400.0), cp_plans: Some(600.0),
///     children_in_need: Some(5_000.0), ..Council::default() };
/// let scenario = Scenario::new(council, vec![ProgrammeChoice::new("family-safeguarding")]);
/// let result = project(&scenario).unwrap();
/// assert_eq!(result.years.len(), 5);
/// assert!(result.summary.counts.children_in_care_fewer > 0.0);
/// ```
pub fn project(s: &Scenario) -> Result<Projection, Vec<Error>> {
    Ok(project_valid(validate(s)?))
}

/// [`project`] for a scenario already validated: the central projection,
/// with the switching values.
pub fn project_valid(v: Valid) -> Projection {
    project_valid_with(v, engine::simulate)
}

/// [`project_valid`], each run of the kernel run by `kernel`:
/// [`engine::simulate`], or the same function instantiated in a crate
/// compiled for speed (the calculator's `outcome-kernel`, `crates/kernel`).
/// Generic so that the projection's loops are compiled where it is
/// instantiated, with that crate's optimisation.
pub fn project_valid_with<K: Fn(&Plan, &engine::Draw, &mut Work)>(
    v: Valid,
    kernel: K,
) -> Projection {
    crate::base::counts::note(crate::base::counts::Step::Project);
    let s = v.scenario();
    let plan = Plan::new(v);
    let mut work = Work::default();
    // Switching values first: each run reuses the same buffer.
    let mut switching = Vec::new();
    for k in 0..plan.effect_count() {
        switching.push(engine::switching_size_with(&plan, k, &mut work, &kernel));
    }
    kernel(&plan, &engine::Draw::central(), &mut work);
    summarise(s, &plan, &work, &switching)
}

/// The central run of a validated scenario, recorded: what the kernel
/// decided and worked out, with the projection's sums over it
/// ([`crate::calc::record::Record`]), the run itself and its projection
/// (without break-even sizes). The workings show these numbers.
pub fn record_valid(v: Valid) -> (Record, Work, Projection) {
    let plan = Plan::new(v);
    let (mut record, work) = engine::record(&plan);
    let projection = summarise_recorded(v.scenario(), &plan, &work, &[], &mut record);
    (record, work, projection)
}

/// A projection of one run of the kernel already in `work`; `switching`
/// holds the switching value of each effect in [`engine::Draw::sizes`]
/// order (none given: no break-even sizes).
pub(crate) fn summarise(
    s: &Scenario,
    plan: &Plan,
    work: &Work,
    switching: &[Option<f64>],
) -> Projection {
    summarise_recorded(s, plan, work, switching, &mut Nothing)
}

/// [`summarise`], telling `rec` the sums it works out but does not report
/// (each programme's totals by year, each year's present values; the
/// workings show them).
pub(crate) fn summarise_recorded<R: Recorder>(
    s: &Scenario,
    plan: &Plan,
    work: &Work,
    switching: &[Option<f64>],
    rec: &mut R,
) -> Projection {
    let (years, mut programmes) = assemble(plan, work, s.assumptions.start_year, rec);
    let mut k = 0;
    for (res, p) in programmes.iter_mut().zip(&plan.programmes) {
        res.break_even = p
            .effects
            .iter()
            .map(|e| {
                let needed = switching
                    .get(k)
                    .copied()
                    .flatten()
                    .map(|v| v * p.adjustment);
                k += 1;
                BreakEven {
                    outcome: e.outcome,
                    measure: e.measure,
                    used: e.size,
                    applied: e.size * p.adjustment,
                    needed,
                }
            })
            .collect();
    }
    let mut counts = Counts::default();
    let mut by_agency = ByAgency::default();
    let mut pv_by_agency = ByAgency::default();
    let (mut total_s, mut total_c, mut total_cash) = (0.0, 0.0, 0.0);
    let (mut pv_s, mut pv_c, mut pv_cash) = (0.0, 0.0, 0.0);
    for (t, y) in years.iter().enumerate() {
        counts.add(&y.counts);
        let mut sums = YearSums::default();
        for a in Agency::ALL {
            by_agency.add(a, y.savings.get(a));
            let pv = y.savings.get(a) * y.discount_factor;
            sums.pv_by_agency[a.index()] = pv;
            pv_by_agency.add(a, pv);
        }
        total_s += y.gross_savings;
        total_c += y.cost;
        total_cash += y.cashable_savings;
        pv_s += y.pv_savings;
        pv_c += y.pv_cost;
        sums.pv_cash = y.cashable_savings * y.discount_factor;
        pv_cash += sums.pv_cash;
        rec.year(t, sums, true);
    }
    let payback = years
        .iter()
        .find(|y| y.cumulative_cost > 0.0 && y.cumulative_cash_net >= 0.0);
    let public_payback = years
        .iter()
        .find(|y| y.cumulative_cost > 0.0 && y.cumulative_net >= 0.0);
    let ratio = |num: f64| (pv_c > 0.0).then(|| num / pv_c);
    rec.cash_ratio(ratio(pv_cash).map(|r| (r, r - 1.0)));
    let council = pv_by_agency.get(Agency::ChildrensServices);
    let h = years.len();
    let summary = Summary {
        counts,
        savings_by_agency: by_agency,
        total_savings: total_s,
        total_cashable: total_cash,
        total_cost: total_c,
        pv_savings: pv_s,
        pv_by_agency,
        pv_cashable: pv_cash,
        pv_council_noncash: council - pv_cash,
        pv_other_agencies: pv_s - council,
        pv_cost: pv_c,
        npv: pv_s - pv_c,
        budget_npv: pv_cash - pv_c,
        bcr: ratio(pv_s),
        financial_roi: ratio(pv_cash - pv_c),
        payback_year: payback.map(|y| y.year),
        payback_label: payback.map(|y| y.label.clone()),
        public_payback_year: public_payback.map(|y| y.year),
        public_payback_label: public_payback.map(|y| y.label.clone()),
        cost_switching_pct: ratio(pv_cash).map(|r| (r - 1.0) * 100.0),
        care_years: plan.care_years,
        price_base: prices::PRICE_BASE_LABEL.to_string(),
        horizon_label: match h {
            0 => String::new(),
            1 => year_label(s.assumptions.start_year, 0),
            _ => format!(
                "{} to {}",
                year_label(s.assumptions.start_year, 0),
                year_label(s.assumptions.start_year, h - 1)
            ),
        },
    };
    with_notes(s, plan, work, years, programmes, summary)
}

/// The projection of `years`, `programmes` and `summary`, with its notes:
/// apart from [`summarise_recorded`] so that a second recorder does not
/// compile them twice.
fn with_notes(
    s: &Scenario,
    plan: &Plan,
    work: &Work,
    years: Vec<crate::calc::projection::Year>,
    programmes: Vec<crate::calc::projection::ProgrammeResult>,
    summary: Summary,
) -> Projection {
    let mut notes = notes(plan, work);
    if let Some(note) = baseline_note(s) {
        notes.push(note);
    }
    // Said first: what the figures do not count, or count beyond the
    // evidence.
    let mut first = Vec::new();
    if let Some(code) = s.council.code.as_deref() {
        for c in &s.programmes {
            if let Some(a) = crate::data::adopters::find(code, &c.programme) {
                let name = crate::data::evidence::find(&c.programme).map_or("it", |p| p.name);
                first.push(crate::data::adopters::note(a, name, s.council.data_year));
            }
        }
    }
    if let Some(share) = s
        .council
        .code
        .as_deref()
        .and_then(crate::data::csc_spend::asylum_share)
        .filter(|share| *share >= ASYLUM_NOTE_SHARE && !s.programmes.is_empty())
    {
        first.push(format!(
            "In {}, {}% of {}'s net spend on children looked after went on unaccompanied asylum-seeking children (MHCLG revenue outturn). None of these programmes keeps those children out of care, so an effect taken as a share of the council's care starts or children looked after may overstate what a programme could do here.",
            crate::data::csc_spend::YEAR,
            shortest((share * 100.0).round()),
            s.council.name
        ));
    }
    if let Some(v) = s.assumptions.beyond_observed_pct {
        let windowed = plan
            .programmes
            .iter()
            .flat_map(|p| p.effects.iter())
            .any(|e| e.observed_years < plan.horizon);
        if windowed && v > 0.0 {
            first.push(format!(
                "You count {}% of each effect after the period its study observed (for Family Safeguarding and family group conferences, the first 12 months). That is a choice beyond the evidence: with the default, nothing after that period is counted.",
                shortest(v)
            ));
        }
    }
    if s.evidence_set != EVIDENCE_SET {
        first.insert(
            0,
            format!(
                "This scenario was made with evidence set {}; these figures use evidence set {EVIDENCE_SET}, with its own figures. {}",
                s.evidence_set,
                crate::data::evidence::METHOD_CHANGES
            ),
        );
    }

    let illustration = s.programmes.iter().any(|c| {
        c.custom
            .as_ref()
            .is_some_and(|p| p.nature == crate::scenario::format::Nature::Illustration)
    });
    if illustration {
        notes.insert(
            0,
            "This scenario is an illustration: the council moved half-way to its statistical neighbours' median rates, at no cost. It shows what the gap is worth, not evidence that any programme would close it.".to_string(),
        );
    }
    Projection {
        version: FORMAT_VERSION,
        evidence_set: EVIDENCE_SET.to_string(),
        headline_notes: first,
        notes,
        years,
        programmes,
        summary,
    }
}

/// From this share of a council's spend on children looked after going on
/// unaccompanied asylum-seeking children, the results say so (a convention:
/// a tenth).
pub const ASYLUM_NOTE_SHARE: f64 = 0.1;

/// What the counts without the programmes follow, when it is not the
/// council's figures held flat.
fn baseline_note(s: &Scenario) -> Option<String> {
    let a = &s.assumptions;
    let whose = a.baseline.whose()?;
    let parts: Vec<String> = Series::ALL
        .iter()
        .map(|k| match k.trend(&a.baseline_trends) {
            Some(p) => format!("{} {}% a year", k.name(), signed(p)),
            None => format!("{} held flat (no trend figure)", k.name()),
        })
        .collect();
    Some(format!(
        "Without the programmes the counts follow {whose}: {}. Flat forecast as well as any trend when tested on every council, so this is an assumption to explore, not a better forecast.",
        parts.join("; ")
    ))
}
