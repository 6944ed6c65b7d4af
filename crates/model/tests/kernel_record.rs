//! The kernel's record of its run (`calc::record`), which the workings
//! are built over: recording changes no figure of the kernel, and every
//! change the kernel counts is in the record.

use outcome_model::base::outcome::Outcome;
use outcome_model::calc::engine::{self, record, Draw, Plan, Work, OUTCOMES};
use outcome_model::calc::record::Lands;
mod common;

use outcome_model::data::evidence::library;
use outcome_model::scenario::default::default_scenario;
use outcome_model::scenario::format::Scenario;
use outcome_model::scenario::validate::validate;

/// The default scenario, each library programme alone over ten years
/// (with the figures its evidence leaves to the user), and all of
/// them together.
fn scenarios() -> Vec<Scenario> {
    let ids: Vec<&str> = library().iter().map(|p| p.id).collect();
    let mut out = vec![default_scenario()];
    for id in &ids {
        let mut s = default_scenario();
        s.assumptions.horizon_years = 10;
        s.assumptions.funding_years = 3;
        s.programmes = vec![common::runnable(id)];
        out.push(s);
    }
    let mut all = default_scenario();
    all.assumptions.horizon_years = 10;
    all.programmes = ids.iter().map(|id| common::runnable(id)).collect();
    out.push(all);
    out
}

#[test]
fn recording_changes_no_figure_of_the_kernel() {
    for s in scenarios() {
        let plan = Plan::new(validate(&s).expect("valid"));
        let mut fast = Work::default();
        engine::simulate(&plan, &Draw::central(), &mut fast);
        let (_, recorded) = record(&plan);
        let bits = |v: &[f64]| v.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
        assert_eq!(bits(&fast.avoided), bits(&recorded.avoided), "{}", s.label);
        assert_eq!(bits(&fast.child_years), bits(&recorded.child_years));
        assert_eq!(bits(&fast.savings), bits(&recorded.savings));
        assert_eq!(bits(&fast.cashable), bits(&recorded.cashable));
        assert_eq!(bits(&fast.cost), bits(&recorded.cost));
    }
}

#[test]
fn every_change_the_kernel_counts_is_in_its_record() {
    let mut terms = 0;
    for s in scenarios() {
        let plan = Plan::new(validate(&s).expect("valid"));
        let (rec, w) = record(&plan);
        let h = plan.horizon;
        terms += rec.terms.len();
        for i in 0..plan.programmes.len() {
            for t in 0..h {
                let k = i * h + t;
                let landed = |f: &dyn Fn(Lands) -> bool| {
                    rec.terms
                        .iter()
                        .any(|x| x.programme == i && x.year == t && f(x.lands))
                };
                for o in 0..OUTCOMES {
                    if w.avoided[k * OUTCOMES + o] == 0.0 {
                        continue;
                    }
                    let found = if o == Outcome::CareEntries.index() {
                        landed(&|l| l == Lands::Entries)
                    } else {
                        landed(&|l| matches!(l, Lands::Half(x) | Lands::Flow(x) if x.index() == o))
                    };
                    assert!(
                        found,
                        "{}: outcome {o} of programme {i} in year {t}",
                        s.label
                    );
                }
                if w.child_years[k] != 0.0 {
                    let stays = rec.stays.iter().any(|&(si, _, st, _)| (si, st) == (i, t));
                    assert!(
                        stays || landed(&|l| matches!(l, Lands::CareTime | Lands::Stay)),
                        "{}: time in care of programme {i} in year {t}",
                        s.label
                    );
                }
            }
        }
        for x in &rec.held {
            let (o, t) = (x.outcome, x.year);
            assert!(w.capped[o], "{}: outcome {o} held in year {t}", s.label);
        }
    }
    assert!(terms > 50, "the scenarios add terms ({terms})");
}
