//! The projection's chain as steps, programme by programme and year by
//! year, each number kept with how it was reached. Built only when a
//! working is asked for, over the kernel's own record of the central run
//! ([`crate::calc::record`]): which terms there are, where each lands and
//! what it adds, which benefits count in which years and how much, which
//! totals are held to the council's counts and how, and each programme's
//! money and cost part by part are read from it, and what the kernel
//! works out once before a run (the adjustment, cases served, timing
//! factors, unit costs and shares) from its [`Plan`]; this module names
//! each step, gives each input its source and shows the kernel's numbers
//! ([`Step::recorded`]) rather than working them out again.

use crate::base::outcome::{Agency, Outcome};
use crate::calc::baseline::Series;
use crate::calc::engine::{self, Plan, Work, AGENCIES, OUTCOMES};
use crate::calc::project::summarise_recorded;
use crate::calc::projection::{year_label, Projection};
use crate::calc::record::{self, Benefit, Lands, Money, Record};
use crate::calc::resolve::Change;
use crate::data::citation::Verification;
use crate::data::evidence::{Grade, Placement};
use crate::data::prices::PRICE_BASE_LABEL;
use crate::explain::derivation::{Op, Source, Step, Unit};
use crate::explain::source::Sources;
use crate::scenario::format::Scenario;
use crate::scenario::valid::Valid;

pub(super) const CARE: usize = Outcome::CareEntries as usize;
pub(super) const CP: usize = Outcome::CpPlans as usize;
pub(super) const CIN: usize = Outcome::ChildrenInNeed as usize;
pub(super) const COURT: usize = Outcome::CareProceedings as usize;
pub(super) const POLICE: usize = Outcome::PoliceIncidents as usize;
pub(super) const NHS: usize = Outcome::EmergencyAdmissions as usize;

/// One effect of one programme, ready to explain.
pub(crate) struct EffectSteps {
    /// Its size before adjustments.
    pub(crate) size: Step,
    /// The change per case served in a year before growth, adjustment and
    /// timing (size ÷ 100 × the quantity per unit), the kernel's; for a
    /// change in children in need of all tiers, before the tiers inside it
    /// are taken out ([`Tiers::only`], cohort by cohort).
    pub(crate) per_case: Step,
    /// Where its range comes from, for the simulation's inputs.
    pub(crate) source: Source,
    /// For a change in children in need of all tiers, the parts its change
    /// per case is worked out from; `None` for any other change.
    pub(crate) tiers: Option<Tiers>,
}

/// The parts of a programme's change in children in need only, per case
/// served: its change in children in need of all tiers, less its falls in
/// protection plans and in children looked after, which are inside it.
#[derive(Clone)]
pub(crate) struct Tiers {
    /// The change in children in need, all tiers, per case.
    pub(crate) all: Step,
    /// The fall in protection plans per case, where it has one.
    pub(crate) plans: Option<Step>,
    /// The fall in children looked after at 31 March per case, where it
    /// has one.
    pub(crate) looked_after: Option<Step>,
}

impl Tiers {
    /// The change in children in need only per case for one cohort, none
    /// below 0, with the kernel's parts for it (`kernel`) and its change
    /// per case (`per_case`): each part first passed through `moved` with
    /// the kind of change it is and the kernel's value of it (to move it
    /// by its count's trend; `|x, _, _| x` leaves it).
    pub(crate) fn only(
        &self,
        kernel: &record::Tiers,
        per_case: f64,
        moved: impl Fn(Step, Change, f64) -> Step,
    ) -> Step {
        let mut x = moved(self.all.clone(), Change::ChildrenInNeedAllTiers, kernel.all);
        for (part, label, change, value, after) in [
            (
                &self.plans,
                "less the fall in protection plans",
                Change::CpPlans,
                kernel.plans,
                kernel.less_plans,
            ),
            (
                &self.looked_after,
                "less the fall in children looked after",
                Change::CareTime,
                kernel.looked_after,
                kernel.less_looked_after,
            ),
        ] {
            if let Some(part) = part {
                x = Step::recorded(
                    label,
                    Unit::Factor,
                    Op::Difference,
                    vec![x, moved(part.clone(), change, value)],
                    after,
                );
            }
        }
        if x.value < 0.0 {
            Step::recorded(
                "children in need only, per case (none below 0)",
                Unit::Factor,
                Op::Max,
                vec![
                    x,
                    Sources::method("zero", 0.0, Unit::Factor, "no fall below zero"),
                ],
                per_case,
            )
        } else {
            valued(x.named("children in need only, per case"), per_case)
        }
    }
}

/// The chain as steps. Indices follow [`crate::calc::engine::Work`]:
/// `[i * h + t]` for programme *i*, year *t*.
pub(crate) struct Model<'a> {
    pub(crate) s: &'a Scenario,
    pub(crate) plan: Plan,
    pub(crate) h: usize,
    pub(crate) n: usize,
    pub(crate) src: Sources<'a>,
    /// Years in care per entry (D).
    pub(crate) care_years: Step,
    pub(crate) adjustment: Vec<Step>,
    pub(crate) cohort: Vec<Step>,
    pub(crate) eligible: Vec<Option<Step>>,
    pub(crate) cost_per_case: Vec<Step>,
    /// Per programme, its effects in [`crate::calc::engine::Draw::sizes`] order.
    pub(crate) effects: Vec<Vec<EffectSteps>>,
    /// Per programme, its per-case money values: (value, its source).
    pub(crate) case_values: Vec<Vec<(Step, Source)>>,
    pub(crate) discount: Vec<Step>,
    pub(crate) served: Vec<Step>,
    /// `[(i * h + t) * OUTCOMES + o]`.
    pub(crate) avoided: Vec<Step>,
    pub(crate) child_years: Vec<Step>,
    /// `[(i * h + t) * AGENCIES + a]`.
    pub(crate) savings: Vec<Step>,
    pub(crate) cashable: Vec<Step>,
    pub(crate) cost: Vec<Step>,
    /// The kernel's record of the central run, with the projection's sums
    /// over it: every figure the steps show is read from here or from
    /// `projection`.
    pub(crate) kernel: Record,
    /// The projection of the central run (without break-even sizes).
    pub(crate) projection: Projection,
    /// Each programme's break-even sizes after adjustments, by effect, as
    /// the projection worked them out ([`Model::break_even_of`]).
    pub(crate) needed: Vec<Vec<Option<f64>>>,
}

/// A cohort's change and its nesting factor, with the (programme, year
/// served, effect) they are for.
type CohortChange = ((usize, usize, usize), Step, Option<Step>);

pub(super) fn grade_field(g: Grade) -> &'static str {
    match g {
        Grade::Rct => "assumptions.optimism_bias_benefits.rct_pct",
        Grade::Qed => "assumptions.optimism_bias_benefits.qed_pct",
        Grade::BeforeAfter => "assumptions.optimism_bias_benefits.before_after_pct",
        Grade::Modelled => "assumptions.optimism_bias_benefits.modelled_pct",
    }
}

/// A custom benefit's name, or its place when it has none.
pub(super) fn benefit_name(name: &str, j: usize) -> String {
    if name.trim().is_empty() {
        format!("benefit {}", j + 1)
    } else {
        name.trim().to_string()
    }
}

/// `step` (a percentage) as a share, with the kernel's `value` for it.
pub(super) fn as_share(step: Step, value: f64) -> Step {
    Step::recorded(
        format!("{} as a share", step.label),
        Unit::Share,
        Op::Percent,
        vec![step],
        value,
    )
}

/// `step` unless it is exactly 1 (a factor that changes nothing).
pub(super) fn factor(out: &mut Vec<Step>, step: Step) {
    if step.value != 1.0 {
        out.push(step);
    }
}

impl<'a> Model<'a> {
    /// Rebuilds the chain of a validated scenario.
    pub(crate) fn new(v: Valid<'a>) -> Model<'a> {
        let plan = Plan::new(v);
        let s = v.scenario();
        let h = plan.horizon;
        let n = plan.programmes.len();
        // The kernel's run at the central draw, recorded, and the
        // projection's sums over it, recorded too.
        let (mut kernel, work) = engine::record(&plan);
        let projection = summarise_recorded(s, &plan, &work, &[], &mut kernel);
        // The steps read the record from the model as they are built; the
        // chain walks a copy of it while it fills the model in.
        let terms = kernel.clone();
        let src = Sources::new(s);
        let mut m = Model {
            s,
            h,
            n,
            src,
            care_years: Step::input(
                "",
                0.0,
                Unit::Years,
                Source::Method {
                    rule: String::new(),
                },
            ),
            adjustment: Vec::new(),
            cohort: Vec::new(),
            eligible: Vec::new(),
            cost_per_case: Vec::new(),
            effects: Vec::new(),
            case_values: Vec::new(),
            discount: Vec::new(),
            served: Vec::new(),
            avoided: Vec::new(),
            child_years: Vec::new(),
            savings: Vec::new(),
            cashable: Vec::new(),
            cost: Vec::new(),
            kernel,
            projection,
            needed: Vec::new(),
            plan,
        };
        m.care_years = m.years_in_care();
        for i in 0..n {
            let adj = m.adjustment_of(i);
            m.adjustment.push(adj);
            let e = m.eligible_of(i);
            m.eligible.push(e);
            let c = m.cohort_of(i);
            m.cohort.push(c);
            let cpc = m.cost_per_case_of(i);
            m.cost_per_case.push(cpc);
            let fx = m.effects_of(i);
            m.effects.push(fx);
            let cv = m.case_values_of(i);
            m.case_values.push(cv);
        }
        m.discount = (0..h).map(|t| m.discount_step(t)).collect();
        m.served = (0..n)
            .flat_map(|i| (0..h).map(move |t| (i, t)))
            .map(|(i, t)| m.served_step(i, t, work.served[i * h + t]))
            .collect();
        m.chain(&terms, &work);
        m
    }

    /// Takes the break-even sizes after adjustments from `p`, the
    /// projection with them (the kernel's search × the adjustment).
    pub(crate) fn break_even_of(&mut self, p: &Projection) {
        self.needed = p
            .programmes
            .iter()
            .map(|r| r.break_even.iter().map(|b| b.needed).collect())
            .collect();
    }

    pub(super) fn label_of(&self, i: usize) -> &str {
        &self.plan.programmes[i].name
    }

    pub(super) fn year(&self, t: usize) -> String {
        year_label(self.s.assumptions.start_year, t)
    }

    /// The field `pct` at `path` as a share, its value the kernel's own
    /// (`share`, from its plan or record).
    pub(super) fn kernel_share(&self, label: &str, path: &str, pct: f64, share: f64) -> Step {
        as_share(self.src.field(label, path, pct, Unit::Percent), share)
    }

    /// The changes, caps and money, over the kernel's own record of the
    /// terms it added and the totals it held ([`crate::calc::record`]):
    /// which terms there are, where each lands and which totals are held
    /// are the engine's decisions, read here, not made again.
    fn chain(&mut self, kernel: &Record, work: &Work) {
        let (n, h) = (self.n, self.h);
        let mut avoided: Vec<Vec<Step>> = vec![Vec::new(); n * h * OUTCOMES];
        let mut years: Vec<Vec<Step>> = vec![Vec::new(); n * h];
        let mut case_money: Vec<Vec<Step>> = vec![Vec::new(); n * h * AGENCIES];
        // The change for a cohort (programme, year served, effect), and
        // the programme's profiles, made once for their terms.
        let mut cohort: Option<CohortChange> = None;
        let mut profiles: Option<(usize, Vec<Step>, Vec<Step>)> = None;
        for term in &kernel.terms {
            let (i, j, s, t) = (term.programme, term.effect, term.cohort, term.year);
            let (lag, k) = (t - s, i * h + t);
            let e = &self.plan.programmes[i].effects[j];
            let name = &self.plan.programmes[i].name;
            if cohort.as_ref().is_none_or(|(at, _, _)| *at != (i, s, j)) {
                cohort = Some((
                    (i, s, j),
                    self.cohort_change(i, s, j, term.per_case, term.change),
                    self.nest(i, s, term.nest, term.nest_fall),
                ));
            }
            if profiles.as_ref().is_none_or(|(at, _, _)| *at != i) {
                profiles = Some((i, self.profile(i, false), self.profile(i, true)));
            }
            let (Some((_, x, nf)), Some((_, entry, stay))) = (&cohort, &profiles) else {
                continue;
            };
            let counted = self.counted(e, lag);
            let keep = self.persist(lag);
            let when = format!("{name}, cohort of {}, in {}", self.year(s), self.year(t));
            let step = |unit: Unit, what: &str, timing: Option<Step>, nested: bool| -> Step {
                let mut of = vec![x.clone()];
                if let Some(tm) = timing {
                    of.push(tm);
                }
                if nested {
                    if let Some(f) = nf {
                        of.push(f.clone());
                    }
                }
                factor(&mut of, keep.clone());
                if let Some(c) = &counted {
                    factor(&mut of, c.clone());
                }
                Step::recorded(format!("{what}: {when}"), unit, Op::Product, of, term.value)
            };
            match term.lands {
                Lands::CareTime => years[k].push(step(
                    Unit::ChildYears,
                    "child-years in care avoided",
                    Some(entry[lag].clone()),
                    true,
                )),
                Lands::Stay => years[k].push(step(
                    Unit::ChildYears,
                    "child-years in care avoided",
                    Some(stay[lag].clone()),
                    true,
                )),
                Lands::Entries => avoided[k * OUTCOMES + CARE].push(step(
                    Unit::Children,
                    "care entries avoided",
                    None,
                    true,
                )),
                Lands::Half(o) => {
                    let half = Sources::method(
                        "half a year",
                        0.5,
                        Unit::Years,
                        "a count at 31 March is costed as half a child-year in the year served and half in the next",
                    );
                    avoided[k * OUTCOMES + o.index()].push(step(
                        Unit::ChildYears,
                        if o.index() == CP {
                            "child-years on protection plans avoided"
                        } else {
                            "child-years in need only avoided"
                        },
                        Some(half),
                        false,
                    ));
                }
                Lands::Flow(o) => avoided[k * OUTCOMES + o.index()].push(step(
                    Unit::Events,
                    &format!("{} avoided", o.label()),
                    None,
                    false,
                )),
            }
        }
        // Monetised per-case values, in the years the kernel counted each
        // cohort's value.
        let mut case_cash: Vec<Vec<Step>> = vec![Vec::new(); n * h];
        let mut b = 0;
        while b < kernel.benefits.len() {
            let x = &kernel.benefits[b];
            let (i, j, s) = (x.programme, x.value, x.cohort);
            let end = b + kernel.benefits[b..]
                .iter()
                .take_while(|y| (y.programme, y.value, y.cohort) == (i, j, s))
                .count();
            let counted = &kernel.benefits[b..end];
            b = end;
            let steps = if self.plan.programmes[i].case_values[j]
                .yearly_drop_off
                .is_some()
            {
                // A custom benefit: its value each year, with its own
                // drop-off.
                self.custom_benefit(counted)
            } else {
                self.library_benefit(counted)
            };
            let a = self.plan.programmes[i].case_values[j].agency;
            for (x, step) in counted.iter().zip(steps) {
                let k = i * h + x.year;
                if a == Agency::ChildrensServices {
                    case_cash[k].push(
                        Step::recorded(
                            "cash from a per-case benefit",
                            Unit::Pounds,
                            Op::Product,
                            vec![
                                step.clone(),
                                self.kernel_share(
                                    "cashable share of per-case benefits",
                                    "assumptions.cashable.case_benefits_pct",
                                    self.s.assumptions.cashable.case_benefits_pct,
                                    self.plan.cashable[OUTCOMES],
                                ),
                            ],
                            x.cash,
                        )
                        .priced(PRICE_BASE_LABEL),
                    );
                }
                case_money[k * AGENCIES + a.index()].push(step);
            }
        }
        let sum = |label: String, unit: Unit, v: Vec<Step>, value: f64| {
            Step::recorded_sum(label, unit, v, value)
        };
        // Entries, capped; then the stays that follow from them.
        let mut av: Vec<Step> = avoided
            .into_iter()
            .enumerate()
            .map(|(x, v)| {
                let (k, o) = (x / OUTCOMES, x % OUTCOMES);
                let (i, t) = (k / h, k % h);
                let unit = match o {
                    CARE => Unit::Children,
                    CP | CIN => Unit::ChildYears,
                    _ => Unit::Events,
                };
                sum(
                    format!(
                        "{}: {} avoided, {}",
                        self.label_of(i),
                        what(o),
                        self.year(t)
                    ),
                    unit,
                    v,
                    kernel.avoided_unheld[x],
                )
            })
            .collect();
        self.limit(kernel, work, &mut av, CARE);
        let mut cy = years;
        let mut profile: Option<(usize, Vec<Step>)> = None;
        for &(i, s, t, value) in &kernel.stays {
            if profile.as_ref().is_none_or(|(at, _)| *at != i) {
                profile = Some((i, self.profile(i, false)));
            }
            let Some((_, entry)) = &profile else {
                continue;
            };
            let entries = &av[(i * h + s) * OUTCOMES + CARE];
            let mut of = vec![entries.clone(), entry[t - s].clone()];
            factor(&mut of, self.persist(t - s));
            cy[i * h + t].push(Step::recorded(
                format!(
                    "child-years in care of the entries avoided in {}, in {}",
                    self.year(s),
                    self.year(t)
                ),
                Unit::ChildYears,
                Op::Product,
                of,
                value,
            ));
        }
        let mut cy: Vec<Step> = cy
            .into_iter()
            .enumerate()
            .map(|(k, v)| {
                sum(
                    format!(
                        "{}: child-years in care avoided, {}",
                        self.label_of(k / h),
                        self.year(k % h)
                    ),
                    Unit::ChildYears,
                    v,
                    kernel.child_years_unheld[k],
                )
            })
            .collect();
        for o in 1..OUTCOMES {
            self.limit(kernel, work, &mut av, o);
        }
        self.limit_stock(kernel, work, &mut cy);
        // Money and cost.
        let u = &self.s.unit_costs;
        let cash = &self.s.assumptions.cashable;
        let money =
            |label: &str, path: &str, v: f64, unit: Unit| self.src.field(label, path, v, unit);
        let weeks = || Sources::method("weeks a year", 52.0, Unit::Factor, "52 weeks a year");
        let mut savings = Vec::with_capacity(n * h * AGENCIES);
        let mut cashable = Vec::with_capacity(n * h);
        let mut cost = Vec::with_capacity(n * h);
        for i in 0..n {
            let p = &self.plan.programmes[i];
            let name = p.name.clone();
            let care_unit = match p.placement {
                Placement::Foster => Step::recorded(
                    "foster care, a year",
                    Unit::PoundsAYear,
                    Op::Product,
                    vec![
                        weeks(),
                        money(
                            "foster care, a week",
                            "unit_costs.foster_weekly",
                            u.foster_weekly,
                            Unit::PoundsAWeek,
                        ),
                    ],
                    self.plan.care_unit[i],
                ),
                Placement::Residential => Step::recorded(
                    "a children's home, a year",
                    Unit::PoundsAYear,
                    Op::Product,
                    vec![
                        weeks(),
                        money(
                            "a children's home, a week",
                            "unit_costs.residential_weekly",
                            u.residential_weekly,
                            Unit::PoundsAWeek,
                        ),
                    ],
                    self.plan.care_unit[i],
                ),
                Placement::CouncilAverage => match self.s.council.cla_spend_per_child {
                    Some(v) => self.src.council(
                        "the council's spend per looked-after child, a year",
                        "council.cla_spend_per_child",
                        v,
                    ),
                    None => Step::recorded(
                        "foster care, a year (no council average given)",
                        Unit::PoundsAYear,
                        Op::Product,
                        vec![
                            weeks(),
                            money(
                                "foster care, a week",
                                "unit_costs.foster_weekly",
                                u.foster_weekly,
                                Unit::PoundsAWeek,
                            ),
                        ],
                        self.plan.care_unit[i],
                    ),
                },
            }
            .priced(PRICE_BASE_LABEL);
            let care_cash = match p.placement {
                Placement::Residential => self.kernel_share(
                    "cashable share of children's home savings",
                    "assumptions.cashable.residential_pct",
                    cash.residential_pct,
                    self.plan.care_cashable[i],
                ),
                _ => self.kernel_share(
                    "cashable share of care savings",
                    "assumptions.cashable.care_pct",
                    cash.care_pct,
                    self.plan.care_cashable[i],
                ),
            };
            for t in 0..h {
                let k = i * h + t;
                let m: Money = kernel.money[k];
                let when = format!("{name}, {}", self.year(t));
                let pounds = |label: String, of: Vec<Step>, value: f64| {
                    Step::recorded(label, Unit::Pounds, Op::Product, of, value)
                        .priced(PRICE_BASE_LABEL)
                };
                let care = pounds(
                    format!("care savings: {when}"),
                    vec![cy[k].clone(), care_unit.clone()],
                    m.care,
                );
                let cp = pounds(
                    format!("protection plan savings: {when}"),
                    vec![
                        av[k * OUTCOMES + CP].clone(),
                        money(
                            "a protection plan, a year",
                            "unit_costs.cp_plan_annual",
                            u.cp_plan_annual,
                            Unit::PoundsAYear,
                        ),
                    ],
                    m.cp,
                );
                let cin = pounds(
                    format!("children in need savings: {when}"),
                    vec![
                        av[k * OUTCOMES + CIN].clone(),
                        money(
                            "a child in need case, a year",
                            "unit_costs.cin_annual",
                            u.cin_annual,
                            Unit::PoundsAYear,
                        ),
                    ],
                    m.cin,
                );
                let court = pounds(
                    format!("care proceedings savings: {when}"),
                    vec![
                        av[k * OUTCOMES + COURT].clone(),
                        money(
                            "care proceedings, a case",
                            "unit_costs.care_proceedings",
                            u.care_proceedings,
                            Unit::PoundsACase,
                        ),
                    ],
                    m.court,
                );
                let council_court = pounds(
                    format!("the council's share of care proceedings savings: {when}"),
                    vec![
                        court.clone(),
                        self.kernel_share(
                            "the council's share of care proceedings costs",
                            "unit_costs.care_proceedings_council_pct",
                            u.care_proceedings_council_pct,
                            self.plan.proceedings_council,
                        ),
                    ],
                    m.council_court,
                );
                let police = pounds(
                    format!("police call-out savings: {when}"),
                    vec![
                        av[k * OUTCOMES + POLICE].clone(),
                        money(
                            "a police incident",
                            "unit_costs.police_incident",
                            u.police_incident,
                            Unit::PoundsACase,
                        ),
                    ],
                    m.police,
                );
                let nhs = pounds(
                    format!("emergency admission savings: {when}"),
                    vec![
                        av[k * OUTCOMES + NHS].clone(),
                        money(
                            "an emergency admission",
                            "unit_costs.emergency_admission",
                            u.emergency_admission,
                            Unit::PoundsACase,
                        ),
                    ],
                    m.nhs,
                );
                let cases = |a: Agency| case_money[k * AGENCIES + a.index()].clone();
                for a in Agency::ALL {
                    let mut of = cases(a);
                    match a {
                        Agency::ChildrensServices => {
                            of.extend([care.clone(), cp.clone(), cin.clone(), council_court.clone()])
                        }
                        Agency::CourtsLegal => of.push(
                            Step::recorded(
                                format!("care proceedings savings to courts, Cafcass and legal aid: {when}"),
                                Unit::Pounds,
                                Op::Difference,
                                vec![court.clone(), council_court.clone()],
                                m.courts,
                            )
                            .priced(PRICE_BASE_LABEL),
                        ),
                        Agency::Police => of.push(police.clone()),
                        Agency::Nhs => of.push(nhs.clone()),
                        Agency::OtherPublic => {}
                    }
                    savings.push(
                        Step::recorded_sum(
                            format!("savings to {}: {when}", a.label()),
                            Unit::Pounds,
                            of,
                            work.savings[k * AGENCIES + a.index()],
                        )
                        .priced(PRICE_BASE_LABEL),
                    );
                }
                let mut of = std::mem::take(&mut case_cash[k]);
                of.push(pounds(
                    "cash from care".into(),
                    vec![care, care_cash.clone()],
                    m.care_cash,
                ));
                of.push(pounds(
                    "cash from protection plans".into(),
                    vec![
                        cp,
                        self.kernel_share(
                            "cashable share of protection plan savings",
                            "assumptions.cashable.cp_plans_pct",
                            cash.cp_plans_pct,
                            self.plan.cashable[CP],
                        ),
                    ],
                    m.cp_cash,
                ));
                of.push(pounds(
                    "cash from children in need".into(),
                    vec![
                        cin,
                        self.kernel_share(
                            "cashable share of children in need savings",
                            "assumptions.cashable.children_in_need_pct",
                            cash.children_in_need_pct,
                            self.plan.cashable[CIN],
                        ),
                    ],
                    m.cin_cash,
                ));
                of.push(pounds(
                    "cash from care proceedings".into(),
                    vec![
                        council_court,
                        self.kernel_share(
                            "cashable share of care proceedings savings",
                            "assumptions.cashable.care_proceedings_pct",
                            cash.care_proceedings_pct,
                            self.plan.cashable[COURT],
                        ),
                    ],
                    m.court_cash,
                ));
                cashable.push(
                    Step::recorded_sum(
                        format!("cash savings to the council: {when}"),
                        Unit::Pounds,
                        of,
                        work.cashable[k],
                    )
                    .priced(PRICE_BASE_LABEL),
                );
                cost.push(self.cost_step(i, t, &m));
            }
        }
        self.avoided = av;
        self.child_years = cy;
        self.savings = savings;
        self.cashable = cashable;
        self.cost = cost;
    }

    /// A custom benefit's steps, one for each year the kernel counted it
    /// (`counted`: one value of one programme for one cohort): cases ×
    /// value a case a year × adjustment × (1 − its drop-off)^(years since
    /// served), each value the kernel's.
    fn custom_benefit(&self, counted: &[Benefit]) -> Vec<Step> {
        let Some(x) = counted.first() else {
            return Vec::new();
        };
        let (i, j, s) = (x.programme, x.value, x.cohort);
        let h = self.h;
        let p = &self.plan.programmes[i];
        let c = &p.case_values[j];
        let a = c.agency.index();
        let what = benefit_name(
            &self.s.programmes[i]
                .custom
                .as_ref()
                .expect("a custom benefit belongs to a custom programme")
                .benefits[j]
                .name,
            j,
        );
        let mut of = vec![
            self.served[i * h + s].clone(),
            self.case_values[i][j].0.clone(),
            self.adjustment[i].clone(),
        ];
        if a == Agency::ChildrensServices.index() {
            if let Some(f) = self.nest(i, s, x.nest, x.nest_fall) {
                of.push(f);
            }
        }
        let first = Step::recorded(
            format!(
                "{}: {what}, to {}, cohort of {}, in its first year",
                p.name,
                c.agency.label(),
                self.year(s)
            ),
            Unit::Pounds,
            Op::Product,
            of,
            x.per_year,
        )
        .priced(PRICE_BASE_LABEL);
        counted
            .iter()
            .map(|x| {
                let t = x.year;
                kept_in_year(
                    first.clone(),
                    self.benefit_keep(i, j, t - s),
                    || {
                        format!(
                            "{}: {what}, to {}, cohort of {}, in {}",
                            p.name,
                            c.agency.label(),
                            self.year(s),
                            self.year(t)
                        )
                    },
                    x.amount,
                )
            })
            .collect()
    }

    /// The change effect `j` of programme `i` makes for the cases served
    /// in year `s`, before its timing: per case (on its count's trend and
    /// the typed yearly change when measured as a share of the council's
    /// count) × cases served × adjustment, with the kernel's values for
    /// the change per case (`per_case`) and for the cohort (`value`).
    fn cohort_change(&self, i: usize, s: usize, j: usize, per_case: f64, value: f64) -> Step {
        let e = &self.plan.programmes[i].effects[j];
        let name = &self.plan.programmes[i].name;
        let steps = &self.effects[i][j];
        // An effect measured as a share of the council's count: each
        // count it is a share of moved by its trend, the kernel's value.
        let relative = e.measure == "relative";
        let move_by = |step: Step, change: Change, v: f64| {
            if relative {
                self.on_trend(step, Series::of(change), s, v)
            } else {
                step
            }
        };
        let x = match (&steps.tiers, self.kernel.tiers_of(i, j, s)) {
            (Some(t), Some(k)) => t.only(k, per_case, move_by),
            _ => valued(
                move_by(steps.per_case.clone(), e.change, per_case),
                per_case,
            ),
        };
        let mut of = vec![x];
        if relative {
            factor(&mut of, self.growth(s));
        }
        of.push(self.served[i * self.h + s].clone());
        of.push(self.adjustment[i].clone());
        Step::recorded(
            format!("{name}: change for the cases served in {}", self.year(s)),
            Unit::Factor,
            Op::Product,
            of,
            value,
        )
    }

    /// A library benefit's steps, one for each year the kernel counted it
    /// (`counted`: one value of one programme for one cohort): cases ×
    /// value a case × adjustment, spread evenly over the benefit's years,
    /// each year's share kept by the scenario's drop-off, each value the
    /// kernel's.
    fn library_benefit(&self, counted: &[Benefit]) -> Vec<Step> {
        let Some(x) = counted.first() else {
            return Vec::new();
        };
        let (i, j, s) = (x.programme, x.value, x.cohort);
        let h = self.h;
        let p = &self.plan.programmes[i];
        let name = &p.name;
        let c = &p.case_values[j];
        let a = c.agency.index();
        let mut of = vec![
            self.served[i * h + s].clone(),
            self.case_values[i][j].0.clone(),
            self.adjustment[i].clone(),
        ];
        if a == Agency::ChildrensServices.index() {
            if let Some(f) = self.nest(i, s, x.nest, x.nest_fall) {
                of.push(f);
            }
        }
        let per_year = Step::recorded(
            format!(
                "{name}: benefit a year to {}, cohort of {}",
                c.agency.label(),
                self.year(s)
            ),
            Unit::Pounds,
            Op::Quotient,
            vec![
                Step::recorded(
                    "cases × benefit per case × adjustment",
                    Unit::Pounds,
                    Op::Product,
                    of,
                    x.whole,
                )
                .priced(PRICE_BASE_LABEL),
                Sources::cited(
                    "years the benefit is spread over",
                    c.years as f64,
                    Unit::Years,
                    match &self.case_values[i][j].1 {
                        Source::Cited { basis, .. } => basis,
                        _ => "",
                    },
                    match &self.case_values[i][j].1 {
                        Source::Cited { citation, .. } => *citation,
                        _ => crate::data::citation::GREEN_BOOK,
                    },
                    Verification::Derived,
                ),
            ],
            x.per_year,
        )
        .priced(PRICE_BASE_LABEL);
        counted
            .iter()
            .map(|x| {
                kept_in_year(
                    per_year.clone(),
                    self.persist(x.year - s),
                    || per_year.label.clone(),
                    x.amount,
                )
            })
            .collect()
    }

    /// Programme `i`'s cost in year `t`, with the kernel's figures `m`.
    fn cost_step(&self, i: usize, t: usize, m: &Money) -> Step {
        let c = &self.s.programmes[i];
        let label = format!("{}: cost, {}", self.label_of(i), self.year(t));
        if t >= self.plan.funded_years {
            return Sources::method(
                &label,
                m.cost,
                Unit::Pounds,
                "nothing is spent once funding has stopped (assumptions.funding_years)",
            )
            .priced(PRICE_BASE_LABEL);
        }
        let mut of = vec![
            Step::recorded(
                "cases served × cost per case",
                Unit::Pounds,
                Op::Product,
                vec![
                    self.served[i * self.h + t].clone(),
                    self.cost_per_case[i].clone(),
                ],
                m.cases_cost,
            )
            .priced(PRICE_BASE_LABEL),
            self.src.field(
                "yearly cost",
                &format!("programmes[{i}].annual_cost"),
                c.annual_cost,
                Unit::Pounds,
            ),
        ];
        if t == 0 {
            of.push(self.src.field(
                "set-up cost",
                &format!("programmes[{i}].setup_cost"),
                c.setup_cost,
                Unit::Pounds,
            ));
        }
        Step::recorded(
            label,
            Unit::Pounds,
            Op::Product,
            vec![
                Step::recorded(
                    "cost before optimism bias",
                    Unit::Pounds,
                    Op::Sum,
                    of,
                    m.cost_before,
                )
                .priced(PRICE_BASE_LABEL),
                Step::recorded(
                    "1 + optimism bias on costs",
                    Unit::Factor,
                    Op::OnePlus,
                    vec![self.kernel_share(
                        "optimism bias on costs",
                        "assumptions.optimism_bias_costs_pct",
                        self.s.assumptions.optimism_bias_costs_pct,
                        self.plan.cost_optimism,
                    )],
                    self.plan.cost_uplift,
                ),
            ],
            m.cost,
        )
        .priced(PRICE_BASE_LABEL)
    }
}

/// A benefit in one year: its first year's amount `first` × the share of
/// it kept that year (`keep`), with the kernel's `amount`; `first` itself
/// (named as it is) when all of it is kept.
fn kept_in_year(first: Step, keep: Step, label: impl FnOnce() -> String, amount: f64) -> Step {
    let mut of = vec![first];
    factor(&mut of, keep);
    if of.len() == 1 {
        of.pop().expect("one")
    } else {
        Step::recorded(label(), Unit::Pounds, Op::Product, of, amount)
    }
    .priced(PRICE_BASE_LABEL)
}

/// `step` with the kernel's own value for it (from its plan or its
/// record) in place of the one worked out from its operands.
pub(super) fn valued(mut step: Step, value: f64) -> Step {
    step.value = value;
    step
}

pub(super) fn what(o: usize) -> &'static str {
    match o {
        CARE => "care entries",
        CP => "child-years on protection plans",
        CIN => "child-years in need only",
        COURT => "care proceedings",
        POLICE => "repeat police call-outs",
        _ => "adult emergency admissions",
    }
}
