//! What the kernel decided, recorded when asked: which terms it added
//! where, which stays followed from the entries avoided, which benefits in
//! money it counted and which totals it held to the council's counts. The
//! workings ([`crate::explain`]) are built over this record, so a change to
//! the kernel's timing, lag rules or caps reaches them without a second
//! copy of those rules. The fast path records nothing ([`Nothing`]): its
//! calls compile to nothing.

use crate::base::outcome::Outcome;
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
