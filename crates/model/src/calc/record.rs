//! What the kernel decided and worked out, recorded when asked: which
//! terms it added where (with each cohort's change per case, its change
//! before timing and its nesting factor), which stays followed from the
//! entries avoided, which benefits in money it counted (and how much),
//! which totals it held to the council's counts, and each programme's
//! money and cost in each year, part by part ([`Money`]). The workings ([`crate::explain`]) are
//! built over this record and show its numbers, so a change to the
//! kernel's timing, lag rules, caps or money formulas reaches them without
//! a second copy of those rules. The fast path records nothing
//! ([`Nothing`]): its calls compile to nothing.

use crate::base::outcome::Outcome;
use crate::calc::resolve::{CareFall, Change};

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
#[derive(Debug, Clone, Copy, PartialEq)]
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
    /// The change per case: the effect's size ÷ 100 × the quantity it
    /// moves per case (for children in need, less the falls in plans and
    /// in children looked after inside it, none below 0), on its count's
    /// trend when measured as a share of the council's count.
    pub per_case: f64,
    /// The change the effect makes for the cohort before its timing: the
    /// change per case (on its count's trend and the yearly change of the
    /// counts, for one measured as a share of the council's count) ×
    /// cases served × adjustment.
    pub change: f64,
    /// The nesting factor for the cohort: 1 − the share of the parent
    /// programme's caseload covered × its fall in care time after
    /// adjustment (1 when the programme nests in none). It applies to
    /// care time and entries only.
    pub nest: f64,
    /// The share of the parent programme's caseload covered × its fall in
    /// care time after adjustment: 1 − `nest` (0 when it nests in none).
    pub nest_fall: f64,
    /// What it adds that year: children, child-years or events (0 when
    /// nothing of the effect is kept that year).
    pub value: f64,
}

/// An effect's change per case served as the kernel works it out before
/// its cohorts, at the run's size: programme `programme`'s effect `effect`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PerCase {
    /// The programme, in plan order.
    pub programme: usize,
    /// The effect, in the programme's order.
    pub effect: usize,
    /// Its size as a share: size ÷ 100.
    pub share: f64,
    /// The change per case served: `share` × the quantity it moves per
    /// case, before any trend.
    pub change: f64,
    /// For a fall in care time: the share of a year in care (the
    /// programme's years in care, no more than 1, years) and the fall in
    /// children looked after at 31 March per case (`change` × it), which
    /// a fall in children in need of all tiers contains.
    pub at_31_march: Option<[f64; 2]>,
}

/// The change per case of a fall in children in need of all tiers for the
/// cases served in year `cohort`, part by part: each part on its count's
/// trend (when measured as a share of the council's count).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Tiers {
    /// The programme, in plan order.
    pub programme: usize,
    /// The effect, in the programme's order.
    pub effect: usize,
    /// The year (0-based) its cases were served.
    pub cohort: usize,
    /// The change in children in need, all tiers, per case.
    pub all: f64,
    /// The programme's fall in protection plans per case.
    pub plans: f64,
    /// Its fall in children looked after at 31 March per case.
    pub looked_after: f64,
    /// `all` − `plans`.
    pub less_plans: f64,
    /// That − `looked_after` (the change per case is that, none below 0).
    pub less_looked_after: f64,
}

/// A total the kernel held to the council's count: outcome `outcome`
/// (`OUTCOMES`: time in care) in year `year`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Held {
    /// The outcome, by [`Outcome::index`] (`OUTCOMES`: time in care).
    pub outcome: usize,
    /// The year (0-based).
    pub year: usize,
    /// The council's count that year (the bound).
    pub bound: f64,
    /// The programmes' total before it was held.
    pub total: f64,
    /// The factor every programme's figure was scaled by: bound ÷ total.
    pub factor: f64,
}

/// A benefit in money the kernel counted: programme `programme`'s per-case
/// value `value` (its place in the programme), for the cases served in
/// year `cohort`, in year `year`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Benefit {
    /// The programme, in plan order.
    pub programme: usize,
    /// The value, in the programme's order.
    pub value: usize,
    /// The year (0-based) its cases were served.
    pub cohort: usize,
    /// The year (0-based) it counts in.
    pub year: usize,
    /// The cohort's benefit, all years together: cases × value ×
    /// adjustment (× the nesting factor for children's services), £.
    pub whole: f64,
    /// The cohort's benefit in its first year before any drop-off:
    /// cases × value × adjustment (× the nesting factor for children's
    /// services) ÷ the years it is spread over, £ (2025-26 prices).
    pub per_year: f64,
    /// What it adds in `year`: `per_year` × the share kept that year, £.
    pub amount: f64,
    /// The cash to the council from it, £ (0 for another agency's).
    pub cash: f64,
    /// The nesting factor it was multiplied by (1 for another agency's,
    /// or when the programme nests in none).
    pub nest: f64,
    /// 1 − `nest`: the share of the parent's caseload covered × its fall
    /// in care time (0 for another agency's, or when it nests in none).
    pub nest_fall: f64,
}

/// One programme's money and cost in one year, part by part, as the
/// kernel worked them out (£, 2025-26 prices). The totals by agency and
/// the council's cash are the run's own [`crate::calc::engine::Work`].
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Money {
    /// Care savings: child-years in care avoided × £ a year in care.
    pub care: f64,
    /// Protection plan savings: plan-years avoided × £ a plan-year.
    pub cp: f64,
    /// Children in need savings: case-years avoided × £ a case-year.
    pub cin: f64,
    /// Care proceedings savings, all payers: proceedings avoided × £ a case.
    pub court: f64,
    /// The council's share of the care proceedings savings.
    pub council_court: f64,
    /// The rest of the care proceedings savings: to courts, Cafcass and
    /// legal aid.
    pub courts: f64,
    /// Police savings: call-outs avoided × £ an incident.
    pub police: f64,
    /// NHS savings: admissions avoided × £ an admission.
    pub nhs: f64,
    /// Cash from care: care savings × the cashable share of the placement.
    pub care_cash: f64,
    /// Cash from protection plans.
    pub cp_cash: f64,
    /// Cash from children in need.
    pub cin_cash: f64,
    /// Cash from the council's share of care proceedings.
    pub court_cash: f64,
    /// Cases served × cost per case (0 once funding has stopped).
    pub cases_cost: f64,
    /// Cost before optimism bias: cases × cost per case + yearly cost
    /// (+ set-up cost in the first year); 0 once funding has stopped.
    pub cost_before: f64,
    /// Cost: `cost_before` × (1 + optimism bias).
    pub cost: f64,
}

/// One programme's totals in one year, as the projection summed them
/// (£, 2025-26 prices).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct ProgrammeYear {
    /// Savings to every agency.
    pub savings: f64,
    /// Their present value: savings × the year's discount factor.
    pub pv_savings: f64,
    /// The present value of the cost.
    pub pv_cost: f64,
    /// Days in care avoided: child-years in care avoided × 365.
    pub care_days: f64,
}

/// One year's sums across programmes that the projection works out but
/// does not report (£, 2025-26 prices).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct YearSums {
    /// Cash savings to the council less cost.
    pub cash_net: f64,
    /// Present value of savings less cost.
    pub pv_net: f64,
    /// Present value of cash savings less cost.
    pub pv_cash_net: f64,
    /// Present value of the cash savings.
    pub pv_cash: f64,
    /// Present value of the savings to each agency, [`crate::base::outcome::Agency::ALL`]
    /// order.
    pub pv_by_agency: [f64; 5],
}

/// What a run of the kernel, and the projection's sums over it, tell their
/// recorder. Each method records nothing unless a recorder says what it
/// keeps ([`Record`] keeps all of it); a recorder that keeps nothing
/// ([`Nothing`]) is only its name, and its calls compile away.
pub trait Recorder {
    /// An effect's term was added.
    #[inline(always)]
    fn term(&mut self, _term: Term) {}
    /// Programme `i` was asked for `asked` cases in year `t` (cohort ×
    /// reach × ramp) and held to its eligible caseload, of which the
    /// cases served cover `cover` (a share).
    #[inline(always)]
    fn asked(&mut self, _i: usize, _t: usize, _asked: f64, _cover: f64) {}
    /// Programme `i`'s fall in care time, for the programmes nested in it.
    #[inline(always)]
    fn care_fall(&mut self, _i: usize, _fall: CareFall) {}
    /// An effect's change per case before its cohorts.
    #[inline(always)]
    fn per_case(&mut self, _per_case: PerCase) {}
    /// A fall in children in need of all tiers, part by part, for a cohort.
    #[inline(always)]
    fn tiers(&mut self, _tiers: Tiers) {}
    /// A benefit in money was counted.
    #[inline(always)]
    fn benefit(&mut self, _benefit: Benefit) {}
    /// Programme `i`'s money and cost in year `t`.
    #[inline(always)]
    fn money(&mut self, _i: usize, _t: usize, _money: Money) {}
    /// The stay in year `t` of programme `i`'s entries avoided in year `s`
    /// was added: `value` child-years.
    #[inline(always)]
    fn stays(&mut self, _i: usize, _s: usize, _t: usize, _value: f64) {}
    /// A total was held to the council's count.
    #[inline(always)]
    fn held(&mut self, _held: Held) {}
    /// The counts changed before any was held (`child_years`: false) or
    /// the child-years in care before they were held (true), in the
    /// layout of [`crate::calc::engine::Work`].
    #[inline(always)]
    fn unheld(&mut self, _values: &[f64], _child_years: bool) {}
    /// A programme's totals in a year: `k` is `i * horizon + t` for
    /// programme *i*, year *t*.
    #[inline(always)]
    fn programme_year(&mut self, _k: usize, _sums: ProgrammeYear) {}
    /// Year `t`'s sums: `cash_net`, `pv_net` and `pv_cash_net` from the
    /// years' table, then (`pv`) `pv_cash` and `pv_by_agency` from the
    /// summary.
    #[inline(always)]
    fn year(&mut self, _t: usize, _sums: YearSums, _pv: bool) {}
    /// The summary's cash savings for each £1 of cost, in present values,
    /// and that less 1 (`None` without a cost).
    #[inline(always)]
    fn cash_ratio(&mut self, _ratio: Option<(f64, f64)>) {}
}

/// Records nothing: the projection's and the simulation's recorder.
pub struct Nothing;

impl Recorder for Nothing {}

/// The kernel's decisions in one run, in the order it made them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Record {
    /// Effects' terms, programme by programme, cohort, effect, year.
    pub terms: Vec<Term>,
    /// Benefits in money, programme by programme, value, cohort, year.
    pub benefits: Vec<Benefit>,
    /// Money and cost, `[i * horizon + t]` for programme *i*, year *t*.
    pub money: Vec<Money>,
    /// Stays of the entries avoided: (programme, year of entry, year,
    /// child-years).
    pub stays: Vec<(usize, usize, usize, f64)>,
    /// Totals held to the council's count.
    pub held: Vec<Held>,
    /// The counts changed before any was held, `[(i * horizon + t) *
    /// OUTCOMES + o]`.
    pub avoided_unheld: Vec<f64>,
    /// The child-years in care avoided before they were held, `[i *
    /// horizon + t]`.
    pub child_years_unheld: Vec<f64>,
    /// Each programme's totals by year, `[i * horizon + t]`, when the
    /// projection's sums were recorded too.
    pub programme_years: Vec<ProgrammeYear>,
    /// Each year's sums, `[t]`, when the projection's sums were recorded.
    pub years: Vec<YearSums>,
    /// The summary's cash savings for each £1 of cost, and that less 1.
    pub cash_ratio: Option<(f64, f64)>,
    /// Cases asked for and the share of the eligible caseload covered, by
    /// (programme, year), for programmes with an eligible caseload.
    pub asked: Vec<(usize, usize, f64, f64)>,
    /// Each programme's fall in care time, by programme, where it has one.
    pub care_falls: Vec<(usize, CareFall)>,
    /// Each effect's change per case, programme by programme.
    pub per_case: Vec<PerCase>,
    /// The parts of each cohort's fall in children in need of all tiers.
    pub tiers: Vec<Tiers>,
}

impl Recorder for Record {
    fn asked(&mut self, i: usize, t: usize, asked: f64, cover: f64) {
        self.asked.push((i, t, asked, cover));
    }
    fn care_fall(&mut self, i: usize, fall: CareFall) {
        self.care_falls.push((i, fall));
    }
    fn per_case(&mut self, per_case: PerCase) {
        self.per_case.push(per_case);
    }
    fn tiers(&mut self, tiers: Tiers) {
        self.tiers.push(tiers);
    }
    fn term(&mut self, term: Term) {
        self.terms.push(term);
    }
    fn benefit(&mut self, benefit: Benefit) {
        self.benefits.push(benefit);
    }
    fn money(&mut self, _: usize, _: usize, money: Money) {
        // The kernel works programme by programme, year by year: the
        // order of `[i * horizon + t]`.
        self.money.push(money);
    }
    fn stays(&mut self, i: usize, s: usize, t: usize, value: f64) {
        self.stays.push((i, s, t, value));
    }
    fn held(&mut self, held: Held) {
        self.held.push(held);
    }
    fn unheld(&mut self, values: &[f64], child_years: bool) {
        let to = if child_years {
            &mut self.child_years_unheld
        } else {
            &mut self.avoided_unheld
        };
        to.clear();
        to.extend_from_slice(values);
    }
    fn programme_year(&mut self, k: usize, sums: ProgrammeYear) {
        if self.programme_years.len() <= k {
            self.programme_years.resize(k + 1, ProgrammeYear::default());
        }
        self.programme_years[k] = sums;
    }
    fn year(&mut self, t: usize, sums: YearSums, pv: bool) {
        if self.years.len() <= t {
            self.years.resize(t + 1, YearSums::default());
        }
        let y = &mut self.years[t];
        if pv {
            y.pv_cash = sums.pv_cash;
            y.pv_by_agency = sums.pv_by_agency;
        } else {
            y.cash_net = sums.cash_net;
            y.pv_net = sums.pv_net;
            y.pv_cash_net = sums.pv_cash_net;
        }
    }
    fn cash_ratio(&mut self, ratio: Option<(f64, f64)>) {
        self.cash_ratio = ratio;
    }
}

impl Record {
    /// Programme `i`'s cases asked for in year `t` and the share of its
    /// eligible caseload covered, if it has one.
    pub fn asked_at(&self, i: usize, t: usize) -> Option<(f64, f64)> {
        self.asked
            .iter()
            .find(|x| (x.0, x.1) == (i, t))
            .map(|x| (x.2, x.3))
    }

    /// Programme `i`'s fall in care time, if it has one.
    pub fn care_fall_of(&self, i: usize) -> Option<CareFall> {
        self.care_falls.iter().find(|x| x.0 == i).map(|x| x.1)
    }

    /// Effect `j` of programme `i`'s change per case.
    pub fn per_case_of(&self, i: usize, j: usize) -> Option<&PerCase> {
        self.per_case
            .iter()
            .find(|x| (x.programme, x.effect) == (i, j))
    }

    /// The parts of effect `j` of programme `i`'s change per case in
    /// children in need for the cohort of year `s`.
    pub fn tiers_of(&self, i: usize, j: usize, s: usize) -> Option<&Tiers> {
        self.tiers
            .iter()
            .find(|x| (x.programme, x.effect, x.cohort) == (i, j, s))
    }

    /// How the total of outcome `o` in year `t` was held, if it was.
    pub fn held_at(&self, o: usize, t: usize) -> Option<&Held> {
        self.held.iter().find(|x| (x.outcome, x.year) == (o, t))
    }
}
