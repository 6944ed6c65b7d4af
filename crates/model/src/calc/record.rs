//! What the kernel decided, recorded when asked: which terms it added
//! where, which stays followed from the entries avoided, which benefits in
//! money it counted and which totals it held to the council's counts. The
//! workings ([`crate::explain`]) are built over this record, so a change to
//! the kernel's timing, lag rules or caps reaches them without a second
//! copy of those rules. The fast path records nothing ([`Nothing`]): its
//! calls compile to nothing.

use crate::base::outcome::Outcome;
use crate::calc::engine::{self, Draw, Plan, Work};
use crate::calc::resolve::Change;

/// Where a term of an effect lands, by the kind of change and the years
/// since its cohort was served.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lands {
    /// Child-years in care, timed by the profile of a stay after an entry.
    CareTime,
    /// Child-years in care, timed by the profile of the rest of a stay
    /// after 12 months.
    Stay,
    /// Care entries, in the year served only.
    Entries,
    /// Half a child-year of a count (plans, children in need) in the year
    /// served and half in the next: a count at 31 March.
    Half(Outcome),
    /// Events of an outcome in the year served only.
    Flow(Outcome),
}

impl Lands {
    /// Where a change of kind `change` lands `lag` years after its cohort
    /// was served; `None` when it adds nothing that year.
    #[inline]
    pub fn of(change: Change, lag: usize) -> Option<Lands> {
        match change {
            Change::CareTime => Some(Lands::CareTime),
            Change::InCareAt12Months => Some(Lands::Stay),
            Change::CareEntries => (lag == 0).then_some(Lands::Entries),
            Change::CpPlans => (lag < 2).then_some(Lands::Half(Outcome::CpPlans)),
            Change::ChildrenInNeedAllTiers | Change::ChildrenInNeedOnly => {
                (lag < 2).then_some(Lands::Half(Outcome::ChildrenInNeed))
            }
            Change::Flow(o) => (lag == 0).then_some(Lands::Flow(o)),
        }
    }
}

/// One term of an effect the kernel added: programme `programme`'s effect
/// `effect` (its place in the programme), for the cases served in year
/// `cohort`, in year `year`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Term {
    /// The programme, in plan order.
    pub programme: usize,
    /// The effect, in the programme's order.
    pub effect: usize,
    /// The year (0-based) its cases were served.
    pub cohort: usize,
    /// The year (0-based) it counts in.
    pub year: usize,
    /// Where it lands.
    pub lands: Lands,
}

/// What a run of the kernel tells its recorder.
pub trait Recorder {
    /// An effect's term was added.
    fn term(&mut self, term: Term);
    /// A benefit in money: programme `i`'s value `j`, cohort `s`, year `t`.
    fn benefit(&mut self, i: usize, j: usize, s: usize, t: usize);
    /// The stay in year `t` of programme `i`'s entries avoided in year `s`
    /// was added.
    fn stays(&mut self, i: usize, s: usize, t: usize);
    /// The total of outcome `o` (`OUTCOMES`: time in care) in year `t` was
    /// held to the council's count.
    fn held(&mut self, o: usize, t: usize);
}

/// Records nothing: the projection's and the simulation's recorder.
pub struct Nothing;

impl Recorder for Nothing {
    #[inline(always)]
    fn term(&mut self, _: Term) {}
    #[inline(always)]
    fn benefit(&mut self, _: usize, _: usize, _: usize, _: usize) {}
    #[inline(always)]
    fn stays(&mut self, _: usize, _: usize, _: usize) {}
    #[inline(always)]
    fn held(&mut self, _: usize, _: usize) {}
}

/// The kernel's decisions in one run, in the order it made them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Record {
    /// Effects' terms, programme by programme, cohort, effect, year.
    pub terms: Vec<Term>,
    /// Benefits in money: (programme, value, cohort, year).
    pub benefits: Vec<(usize, usize, usize, usize)>,
    /// Stays of the entries avoided: (programme, year of entry, year).
    pub stays: Vec<(usize, usize, usize)>,
    /// Totals held to the council's count: (outcome, year).
    pub held: Vec<(usize, usize)>,
}

impl Recorder for Record {
    fn term(&mut self, term: Term) {
        self.terms.push(term);
    }
    fn benefit(&mut self, i: usize, j: usize, s: usize, t: usize) {
        self.benefits.push((i, j, s, t));
    }
    fn stays(&mut self, i: usize, s: usize, t: usize) {
        self.stays.push((i, s, t));
    }
    fn held(&mut self, o: usize, t: usize) {
        self.held.push((o, t));
    }
}

impl Record {
    /// Whether the total of outcome `o` in year `t` was held.
    pub fn was_held(&self, o: usize, t: usize) -> bool {
        self.held.contains(&(o, t))
    }
}

/// Runs the kernel at the central draw and returns what it decided, with
/// the run's results.
pub fn record(plan: &Plan) -> (Record, Work) {
    let mut rec = Record::default();
    let mut w = Work::default();
    engine::simulate_recorded(plan, &Draw::central(), &mut w, &mut rec);
    (rec, w)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calc::engine::OUTCOMES;
    use crate::data::evidence::{library, Measure};
    use crate::scenario::default::default_scenario;
    use crate::scenario::format::{ProgrammeChoice, Scenario};
    use crate::scenario::validate::validate;

    /// The default scenario, each library programme alone over ten years
    /// (with the figures its evidence leaves to the user), and all of
    /// them together.
    fn scenarios() -> Vec<Scenario> {
        let choice = |id: &str| {
            let p = library().into_iter().find(|p| p.id == id).expect("known");
            let mut c = ProgrammeChoice::new(p.id);
            if p.cohort.default.is_none() {
                c.cohort = Some(100.0);
            }
            if p.cost.is_none() {
                c.annual_cost = 500_000.0;
            }
            if p.effects
                .iter()
                .any(|e| matches!(e.measure, Measure::CohortObserved { .. }))
            {
                c.counterfactual_pct = Some(40.0);
            }
            c
        };
        let ids: Vec<&str> = library().iter().map(|p| p.id).collect();
        let mut out = vec![default_scenario()];
        for id in &ids {
            let mut s = default_scenario();
            s.assumptions.horizon_years = 10;
            s.assumptions.funding_years = 3;
            s.programmes = vec![choice(id)];
            out.push(s);
        }
        let mut all = default_scenario();
        all.assumptions.horizon_years = 10;
        all.programmes = ids.iter().map(|id| choice(id)).collect();
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
                            landed(
                                &|l| matches!(l, Lands::Half(x) | Lands::Flow(x) if x.index() == o),
                            )
                        };
                        assert!(
                            found,
                            "{}: outcome {o} of programme {i} in year {t}",
                            s.label
                        );
                    }
                    if w.child_years[k] != 0.0 {
                        let stays = rec.stays.iter().any(|&(si, _, st)| (si, st) == (i, t));
                        assert!(
                            stays || landed(&|l| matches!(l, Lands::CareTime | Lands::Stay)),
                            "{}: time in care of programme {i} in year {t}",
                            s.label
                        );
                    }
                }
            }
            for &(o, t) in &rec.held {
                assert!(w.capped[o], "{}: outcome {o} held in year {t}", s.label);
            }
        }
        assert!(terms > 50, "the scenarios add terms ({terms})");
    }
}
