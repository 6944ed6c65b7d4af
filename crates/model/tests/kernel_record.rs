//! The kernel's record of its run (`calc::record`), which the workings
//! are built over: recording changes no figure of the kernel, every
//! change the kernel counts is in the record, and every money and cost
//! figure a working shows is the record's own number.

use std::collections::{HashMap, HashSet};

use outcome_model::base::outcome::{Agency, Outcome};
use outcome_model::calc::engine::{self, record, Draw, Plan, Work, AGENCIES, OUTCOMES};
use outcome_model::calc::project::record_valid;
use outcome_model::calc::projection::year_label;
use outcome_model::calc::record::{Lands, Money, Record};
use outcome_model::explain::{StepKind, Workings};
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

/// Seeded random scenarios (the same ones every run), valid only.
fn random_scenarios(count: usize) -> Vec<Scenario> {
    use proptest::strategy::{Strategy, ValueTree};
    use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
    let mut runner = TestRunner::new_with_rng(
        Config::default(),
        TestRng::deterministic_rng(RngAlgorithm::ChaCha),
    );
    let strategy = common::scenario();
    let mut out = Vec::new();
    let mut tries = 0;
    while out.len() < count && tries < count * 10 {
        tries += 1;
        let s = strategy
            .new_tree(&mut runner)
            .expect("a scenario")
            .current();
        if validate(&s).is_ok() {
            out.push(s);
        }
    }
    out
}

/// The numbers the workings must show, by the label of the step that
/// shows them: each programme's money and cost by year, each year's and
/// the summary's totals, from the kernel's record and the projection.
fn expected(s: &Scenario) -> (HashMap<String, Vec<u64>>, Record, usize) {
    let v = validate(s).expect("valid");
    let plan = Plan::new(v);
    let (rec, w, p) = record_valid(v);
    let h = plan.horizon;
    let mut map: HashMap<String, Vec<u64>> = HashMap::new();
    let mut put = |label: String, x: f64| map.entry(label).or_default().push(x.to_bits());
    let mut costs = 0;
    for (i, prog) in plan.programmes.iter().enumerate() {
        for t in 0..h {
            let k = i * h + t;
            let m = rec.money[k];
            // The record holds the run's own figures.
            assert_eq!(m.cost.to_bits(), w.cost[k].to_bits());
            let year = year_label(s.assumptions.start_year, t);
            let when = format!("{}, {year}", prog.name);
            put(format!("{}: cost, {year}", prog.name), m.cost);
            costs += usize::from(m.cost != 0.0);
            for (what, x) in [
                ("care savings", m.care),
                ("protection plan savings", m.cp),
                ("children in need savings", m.cin),
                ("care proceedings savings", m.court),
                (
                    "the council's share of care proceedings savings",
                    m.council_court,
                ),
                (
                    "care proceedings savings to courts, Cafcass and legal aid",
                    m.courts,
                ),
                ("police call-out savings", m.police),
                ("emergency admission savings", m.nhs),
                ("cash savings to the council", w.cashable[k]),
            ] {
                put(format!("{what}: {when}"), x);
            }
            for a in Agency::ALL {
                put(
                    format!("savings to {}: {when}", a.label()),
                    w.savings[k * AGENCIES + a.index()],
                );
            }
            put(
                format!("{}: child-years in care avoided, {year}", prog.name),
                rec.child_years_unheld[k],
            );
            put(
                format!(
                    "{}: child-years in care avoided, {year}, held to the council's count",
                    prog.name
                ),
                w.child_years[k],
            );
            put(
                format!("{}: care entries avoided, {year}", prog.name),
                rec.avoided_unheld[k * OUTCOMES + Outcome::CareEntries.index()],
            );
        }
    }
    for (t, y) in p.years.iter().enumerate() {
        let year = &y.label;
        put(format!("cost, {year}"), y.cost);
        put(format!("savings to every agency, {year}"), y.gross_savings);
        put(
            format!("cash savings to the council, {year}"),
            y.cashable_savings,
        );
        put(format!("present value of savings, {year}"), y.pv_savings);
        put(format!("present value of cost, {year}"), y.pv_cost);
        put(
            format!("present value of cash savings, {year}"),
            rec.years[t].pv_cash,
        );
        put(
            format!("cash savings less cost, {year}"),
            rec.years[t].cash_net,
        );
    }
    let sm = &p.summary;
    put(
        "net present budget impact to the council".into(),
        sm.budget_npv,
    );
    put("net present value to the public purse".into(), sm.npv);
    put("present value of cost".into(), sm.pv_cost);
    put(
        "present value of cash savings to the council".into(),
        sm.pv_cashable,
    );
    put(
        "present value of savings to every agency".into(),
        sm.pv_savings,
    );
    put("cost over the years".into(), sm.total_cost);
    (map, rec, costs)
}

/// Every number the workings show for money and cost is the identical f64
/// the kernel's record (or the projection over it) holds: the workings
/// format the engine's figures and work none out, so a changed formula
/// in the engine changes them with no edit to the workings. Checked on
/// the headline figures' trees, which hold every programme's money and
/// cost in every year, for the scenarios above and seeded random ones.
#[test]
fn every_money_and_cost_figure_of_a_working_is_the_kernel_s_own() {
    let mut all = scenarios();
    all.extend(random_scenarios(40));
    assert!(all.len() > 40, "{} scenarios", all.len());
    let (mut checked, mut costs_seen, mut parts_seen) = (0, 0, 0);
    for s in &all {
        let (map, rec, costs) = expected(s);
        let mut w = Workings::new(s).expect("valid");
        let outputs = w.outputs();
        let mut cost_steps = HashSet::new();
        for path in [
            "summary.budget_npv",
            "summary.npv",
            "summary.total_cost",
            "years[0].counts.children_in_care_fewer",
        ] {
            assert!(outputs.iter().any(|p| p == path), "{}: {path}", s.label);
            let d = w.derivation(path, false).expect("a working");
            let tree = d.expanded();
            tree.walk(&mut |x| {
                let Some(want) = map.get(&x.label) else {
                    return;
                };
                assert!(
                    want.contains(&x.value.to_bits()),
                    "{}: {path}: {} shows {}, the record holds {:?}",
                    s.label,
                    x.label,
                    x.value,
                    want.iter().map(|b| f64::from_bits(*b)).collect::<Vec<_>>()
                );
                checked += 1;
                // A programme's cost: before optimism bias, and its cases'
                // part, are the kernel's too.
                if let (true, StepKind::Operation { of, .. }) =
                    (x.label.contains(": cost, "), &x.kind)
                {
                    if let Some(before) = of
                        .first()
                        .filter(|b| b.label == "cost before optimism bias")
                    {
                        let ok = rec.money.iter().any(|m| {
                            m.cost.to_bits() == x.value.to_bits()
                                && m.cost_before.to_bits() == before.value.to_bits()
                        });
                        assert!(ok, "{}: {} before optimism bias", s.label, x.label);
                        parts_seen += 1;
                    }
                    cost_steps.insert(x.label.clone());
                }
                // The council's cash, part by part.
                if let (true, StepKind::Operation { of, .. }) = (
                    x.label.starts_with("cash savings to the council: "),
                    &x.kind,
                ) {
                    for part in of {
                        let pick: Option<fn(&Money) -> f64> = match part.label.as_str() {
                            "cash from care" => Some(|m| m.care_cash),
                            "cash from protection plans" => Some(|m| m.cp_cash),
                            "cash from children in need" => Some(|m| m.cin_cash),
                            "cash from care proceedings" => Some(|m| m.court_cash),
                            _ => None,
                        };
                        if let Some(f) = pick {
                            let ok = rec
                                .money
                                .iter()
                                .any(|m| f(m).to_bits() == part.value.to_bits());
                            assert!(ok, "{}: {}: {}", s.label, x.label, part.label);
                            parts_seen += 1;
                        }
                    }
                }
            });
        }
        // Every programme's cost in every year it spends is shown (cost
        // steps of programmes with the same name count once).
        assert!(
            cost_steps.len() >= costs.min(1),
            "{}: {} of {costs} costs seen",
            s.label,
            cost_steps.len()
        );
        costs_seen += cost_steps.len();
    }
    assert!(checked > 10_000, "{checked} figures checked");
    eprintln!("{checked} figures, {costs_seen} costs, {parts_seen} parts checked");
    assert!(
        costs_seen > 200 && parts_seen > 1_000,
        "{costs_seen} costs, {parts_seen} parts"
    );
}

/// A kind of step: its name, the test on a step's label that finds it, and
/// every value the kernel holds for it, as bits.
type Kind = (&'static str, Box<dyn Fn(&str) -> bool>, HashSet<u64>);

/// The kernel's own numbers for the steps of a working that are not money:
/// for each kind of step (named by a test on its label), every value the
/// kernel, its plan or the projection holds for it, as bits.
fn kernel_values(s: &Scenario) -> Vec<Kind> {
    let v = validate(s).expect("valid");
    let plan = Plan::new(v);
    let (rec, w, _) = record_valid(v);
    let full = outcome_model::calc::project::project_valid(v);
    let h = plan.horizon;
    let year = |t: usize| year_label(s.assumptions.start_year, t);
    let bits = |v: &mut dyn Iterator<Item = f64>| v.map(f64::to_bits).collect::<HashSet<_>>();
    let names: Vec<String> = plan.programmes.iter().map(|p| p.name.clone()).collect();
    let named = move |suffix: &'static str| {
        let names = names.clone();
        move |l: &str| names.iter().any(|n| l == format!("{n}: {suffix}"))
    };
    let progs = &plan.programmes;
    let d = plan.care_years;
    let years: Vec<String> = (0..h).map(year).collect();
    let in_a_year = move |prefix: &'static str| {
        let years = years.clone();
        move |l: &str| years.iter().any(|y| l == format!("{prefix}{y}"))
    };
    let mut out: Vec<Kind> = vec![
        (
            "adjustment",
            Box::new(named("adjustment to its effects")),
            bits(&mut progs.iter().map(|p| p.adjustment)),
        ),
        (
            "factor of the adjustment",
            Box::new(|l: &str| {
                l.starts_with("share left after ")
                    || l == "scale of the effects as a share"
                    || (l.starts_with("optimism bias on benefits (") && l.ends_with(" as a share"))
            }),
            bits(
                &mut progs
                    .iter()
                    .flat_map(|p| p.adjusted_by.into_iter().chain([p.optimism])),
            ),
        ),
        (
            "eligible caseload",
            Box::new(named("eligible cases a year")),
            bits(&mut progs.iter().filter_map(|p| p.eligible)),
        ),
        (
            "cost per case",
            Box::new(named("cost per case")),
            bits(&mut progs.iter().map(|p| p.cost_per_case)),
        ),
        (
            "cases served",
            Box::new(|l: &str| l.contains(": cases served, ")),
            bits(&mut w.served.iter().copied()),
        ),
        (
            "discount factor",
            Box::new(in_a_year("discount factor, ")),
            bits(&mut plan.discount.iter().copied()),
        ),
        (
            "baseline growth",
            Box::new(in_a_year("baseline growth to ")),
            bits(&mut plan.growth.iter().copied()),
        ),
        (
            "baseline trend",
            Box::new(|l: &str| l.starts_with("baseline trend of ")),
            bits(&mut plan.trend.iter().flatten().copied()),
        ),
        (
            "share of the benefits left",
            Box::new(|l: &str| l.starts_with("share of the benefits left after ")),
            bits(&mut plan.persist.iter().copied()),
        ),
        (
            "share of a custom benefit left",
            Box::new(|l: &str| l.starts_with("share of the benefit left after ")),
            bits(&mut progs.iter().flat_map(|p| {
                let persist = &plan.persist;
                p.case_values
                    .iter()
                    .flat_map(move |c| (0..h).map(move |k| c.keep(k, persist)))
            })),
        ),
        (
            "profile of a stay",
            Box::new(|l: &str| l.starts_with("share of a year in care, ")),
            bits(
                &mut plan
                    .entry_profile
                    .iter()
                    .chain(&plan.stay_profile)
                    .flatten()
                    .copied(),
            ),
        ),
        (
            "years in care",
            Box::new(|l: &str| l == "years in care per entry"),
            bits(&mut std::iter::once(d)),
        ),
        (
            "looked after ÷ leaving care",
            Box::new(|l: &str| l == "years in care per entry: looked after ÷ leaving care"),
            bits(&mut plan.care_quotient.into_iter()),
        ),
        (
            "years of a programme's stay",
            Box::new(|l: &str| l == "years an avoided stay would have lasted (no later than 18)"),
            bits(&mut progs.iter().map(|p| p.care_years)),
        ),
        (
            "a year in care",
            Box::new(|l: &str| {
                l.starts_with("foster care, a year")
                    || l == "a children's home, a year"
                    || l == "the council's spend per looked-after child, a year"
            }),
            bits(&mut plan.care_unit.iter().copied()),
        ),
        (
            "cashable share",
            Box::new(|l: &str| l.starts_with("cashable share of ") && l.ends_with(" as a share")),
            bits(&mut plan.care_cashable.iter().chain(&plan.cashable).copied()),
        ),
        (
            "the council's share of proceedings",
            Box::new(|l: &str| l == "the council's share of care proceedings costs as a share"),
            bits(&mut std::iter::once(plan.proceedings_council)),
        ),
        (
            "1 + optimism bias on costs",
            Box::new(|l: &str| l == "1 + optimism bias on costs"),
            bits(&mut std::iter::once(plan.cost_uplift)),
        ),
        (
            "change for a cohort",
            Box::new(|l: &str| l.contains(": change for the cases served in ")),
            bits(&mut rec.terms.iter().map(|x| x.change)),
        ),
        (
            "change per case of children in need only",
            Box::new(|l: &str| l.starts_with("children in need only, per case")),
            bits(&mut rec.terms.iter().map(|x| x.per_case)),
        ),
        (
            "nesting factor",
            Box::new(|l: &str| l.starts_with("risk left by ")),
            bits(
                &mut rec
                    .terms
                    .iter()
                    .map(|x| x.nest)
                    .chain(rec.benefits.iter().map(|b| b.nest)),
            ),
        ),
        (
            "uprating to 2025-26 prices",
            Box::new(|l: &str| l.starts_with("uprating from ")),
            bits(&mut library().iter().flat_map(|p| {
                p.cost
                    .iter()
                    .map(|c| c.price_year)
                    .chain(p.case_benefits.iter().map(|b| b.price_year))
                    .map(outcome_model::data::prices::uplift)
                    .collect::<Vec<_>>()
            })),
        ),
        (
            "benefit per case",
            Box::new(|l: &str| l.contains(": benefit per case to ")),
            bits(
                &mut progs
                    .iter()
                    .flat_map(|p| p.case_values.iter().map(|c| c.value)),
            ),
        ),
        (
            "break-even size after adjustments",
            Box::new(named("break-even effect, after adjustments")),
            bits(
                &mut full
                    .programmes
                    .iter()
                    .flat_map(|r| r.break_even.iter().filter_map(|b| b.needed)),
            ),
        ),
    ];
    // The kernel's shares of the percentages it is given: every step of a
    // working that is a percentage as a share.
    let shares = progs
        .iter()
        .flat_map(|p| {
            let mut v = vec![p.engagement, p.optimism, p.adjusted_by[3]];
            v.extend(p.taken_off);
            v.extend(p.effects.iter().map(|e| e.beyond));
            v.extend(p.case_values.iter().filter_map(|c| c.yearly_drop_off));
            v
        })
        .chain(rec.per_case.iter().map(|x| x.share))
        .chain(rec.care_falls.iter().map(|(_, f)| f.share))
        .chain(plan.ramp.iter().copied())
        .chain(plan.care_cashable.iter().copied())
        .chain(plan.cashable)
        .chain([
            plan.drop_off,
            plan.yearly.share,
            plan.cost_optimism,
            plan.proceedings_council,
        ])
        .chain(plan.trends.iter().flatten().map(|y| y.share))
        .collect::<Vec<_>>();
    out.push((
        "a percentage as a share",
        Box::new(|l: &str| l.ends_with(" as a share")),
        bits(&mut shares.into_iter()),
    ));
    out.push((
        "share kept a year",
        Box::new(|l: &str| l == "share kept each year"),
        bits(
            &mut std::iter::once(plan.kept).chain(
                progs
                    .iter()
                    .flat_map(|p| p.case_values.iter().filter_map(|c| c.kept_a_year())),
            ),
        ),
    ));
    out.push((
        "1 + a yearly change",
        Box::new(|l: &str| l == "1 + yearly change"),
        bits(
            &mut std::iter::once(plan.yearly.factor)
                .chain(plan.trends.iter().flatten().map(|y| y.factor)),
        ),
    ));
    out.push((
        "years of a trend",
        Box::new(|l: &str| l.starts_with("years of the trend to the end of ")),
        bits(&mut (0..h).map(|t| {
            f64::from(outcome_model::calc::baseline::trend_years(
                plan.lead_years,
                t,
            ))
        })),
    ));
    out.push((
        "change per case served",
        Box::new(|l: &str| {
            l == "change per case served"
                || l == "fall in protection plans per case"
                || l == "fall in children looked after at 31 March per case"
        }),
        bits(
            &mut rec
                .per_case
                .iter()
                .flat_map(|x| std::iter::once(x.change).chain(x.at_31_march.map(|[_, f]| f))),
        ),
    ));
    out.push((
        "share of a year in care",
        Box::new(|l: &str| l == "share of a year in care"),
        bits(
            &mut rec
                .per_case
                .iter()
                .filter_map(|x| x.at_31_march.map(|[y, _]| y)),
        ),
    ));
    out.push((
        "a change per case on its trend",
        Box::new(|l: &str| {
            [
                "change per case served",
                "fall in protection plans per case",
                "fall in children looked after at 31 March per case",
            ]
            .iter()
            .any(|c| l.starts_with(&format!("{c}, on the trend to ")))
        }),
        bits(
            &mut rec.terms.iter().map(|x| x.per_case).chain(
                rec.tiers
                    .iter()
                    .flat_map(|x| [x.all, x.plans, x.looked_after]),
            ),
        ),
    ));
    out.push((
        "children in need only per case, part by part",
        Box::new(|l: &str| {
            l == "less the fall in protection plans"
                || l == "less the fall in children looked after"
        }),
        bits(
            &mut rec
                .tiers
                .iter()
                .flat_map(|x| [x.less_plans, x.less_looked_after]),
        ),
    ));
    out.push((
        "cases asked for",
        Box::new(|l: &str| l.contains(": cases asked for, ")),
        bits(&mut rec.asked.iter().map(|x| x.2)),
    ));
    out.push((
        "share of a caseload covered",
        Box::new(|l: &str| l.starts_with("share of ") && l.ends_with("'s caseload covered")),
        bits(&mut rec.asked.iter().map(|x| x.3).chain([0.0])),
    ));
    out.push((
        "fall in care time after adjustment",
        Box::new(|l: &str| l.ends_with("'s fall in care time after adjustment")),
        bits(&mut rec.care_falls.iter().map(|(_, f)| f.fall)),
    ));
    out.push((
        "covered × fall",
        Box::new(|l: &str| l == "covered × fall"),
        bits(
            &mut rec
                .terms
                .iter()
                .map(|x| x.nest_fall)
                .chain(rec.benefits.iter().map(|b| b.nest_fall)),
        ),
    ));
    out.push((
        "points from the share observed",
        Box::new(|l: &str| {
            l == "counterfactual − observed, points" || l == "points avoided (none below 0)"
        }),
        bits(
            &mut progs
                .iter()
                .flat_map(|p| p.effects.iter().filter_map(|e| e.points))
                .flatten(),
        ),
    ));
    out.push((
        "a count on average over the years",
        Box::new(|l: &str| l.ends_with(", on average over the years")),
        bits(&mut {
            let c = &full.summary.counts;
            [
                c.care_entries_avoided,
                c.children_in_care_fewer,
                c.cp_plans_fewer,
                c.children_in_need_fewer,
                c.care_proceedings_avoided,
                c.police_incidents_avoided,
                c.emergency_admissions_avoided,
            ]
            .map(|x| full.yearly_average(x))
            .into_iter()
        }),
    ));
    // Children in need only, each count on its trend, part by part.
    let cin: Vec<_> = (0..h).filter_map(|t| plan.cin_only_at(t)).collect();
    out.push((
        "children in need only, part by part",
        Box::new(|l: &str| {
            l == "less those on plans"
                || l == "less those looked after"
                || l.starts_with("children in need at 31 March, on the trend to ")
        }),
        bits(
            &mut cin
                .iter()
                .flat_map(|c| [c.all, c.less_plans, c.less_looked_after]),
        ),
    ));
    // The council's counts the totals are held to, before the yearly
    // change of every count.
    out.push((
        "the council's count held to",
        Box::new(|l: &str| {
            [
                "children starting care in the year",
                "children on protection plans at 31 March",
                "children in need only",
                "children looked after at 31 March",
                "care proceedings a year",
                "repeat police call-outs a year",
                "adult emergency admissions a year",
            ]
            .iter()
            .any(|c| l == *c || l.starts_with(&format!("{c}, on the trend to ")))
        }),
        bits(
            &mut (0..=OUTCOMES)
                .flat_map(|o| (0..h).map(move |t| (o, t)))
                .filter_map(|(o, t)| plan.count_at(o, t))
                .chain(cin.iter().flat_map(|c| [c.plans, c.looked_after])),
        ),
    ));
    out
}

/// Every step of a working that reads the kernel's number, not money (the
/// test above has those): the adjustment, eligible caseload, cost per
/// case, cases served, discount, growth and trend factors, shares kept,
/// profiles of a stay, years in care, £ a year in care, cashable shares,
/// each cohort's change, the nesting factor, benefits per case, the
/// council's counts and the break-even sizes: each is the identical f64
/// the kernel, its plan or the projection holds, so a step that worked
/// its value out again, and differed in the last bit, fails here.
#[test]
fn every_figure_of_a_working_the_kernel_works_out_is_its_own() {
    let mut all = scenarios();
    let mut trend = default_scenario();
    trend.assumptions.baseline = outcome_model::Baseline::CouncilTrend;
    trend.assumptions.baseline_trends = outcome_model::BaselineTrends {
        looked_after_pct: Some(-6.0),
        care_starts_pct: Some(-12.0),
        cp_plans_pct: Some(-8.5),
        children_in_need_pct: Some(3.25),
    };
    trend.council.children_looked_after = Some(30.0);
    trend.council.cp_plans = Some(25.0);
    trend.council.children_in_need = Some(80.0);
    trend.council.care_proceedings = Some(5.0);
    trend.programmes = library().iter().map(|p| common::runnable(p.id)).collect();
    trend.assumptions.horizon_years = 8;
    trend.assumptions.drop_off_pct = 15.0;
    trend.assumptions.baseline_trend_pct = 1.5;
    trend.council.care_starts = Some(20.0);
    all.push(trend);
    // The low end of each effect: the points from the share observed are
    // a step of their own below the size.
    let mut low = default_scenario();
    low.programmes = vec![common::runnable("no-wrong-door")];
    low.assumptions.effect_level = outcome_model::EffectLevel::Low;
    all.push(low);
    // Children in need only held to the council's count: its parts are
    // steps of their own.
    let mut held = default_scenario();
    held.council.children_in_need = Some(100.0);
    held.council.cp_plans = Some(20.0);
    held.council.children_looked_after = Some(30.0);
    let mut c = outcome_model::ProgrammeChoice::new("custom");
    c.cohort = Some(100.0);
    c.cost_per_case = Some(1_000.0);
    c.custom = Some(outcome_model::CustomProgramme {
        name: "A team for children in need".into(),
        grade: outcome_model::data::evidence::Grade::Qed,
        effects: vec![outcome_model::CustomEffect {
            outcome: Outcome::ChildrenInNeed,
            measure: outcome_model::CustomMeasure::Relative,
            low: 80.0,
            central: 90.0,
            high: 100.0,
            baseline: None,
        }],
        benefits: Vec::new(),
        cohorts: outcome_model::Cohorts::EachFundedYear,
        nature: outcome_model::Nature::Programme,
    });
    held.programmes = vec![c];
    all.push(held);
    let fixed = all.len();
    all.extend(random_scenarios(40));
    let mut seen: HashMap<&'static str, usize> = HashMap::new();
    for (n, s) in all.iter().enumerate() {
        let classes = kernel_values(s);
        let mut w = Workings::new(s).expect("valid");
        let outputs = w.outputs();
        let mut paths: Vec<String> = [
            "summary.budget_npv",
            "summary.npv",
            "years[0].counts.children_in_care_fewer",
            "summary.average_counts.cp_plans_fewer",
            "summary.average_counts.children_in_need_fewer",
        ]
        .iter()
        .map(|p| p.to_string())
        .collect();
        for p in &outputs {
            let programme = p.starts_with("programmes[")
                && (p.ends_with(".cohort")
                    || p.ends_with(".eligible")
                    || p.ends_with(".cost_per_case")
                    || (n < fixed && p.ends_with(".needed")));
            if programme {
                paths.push(p.clone());
            }
        }
        for path in paths.iter().filter(|p| outputs.contains(p)) {
            let d = w.derivation(path, false).expect("a working");
            d.expanded().walk(&mut |x| {
                // An input is the scenario's or the evidence's own figure.
                if !matches!(x.kind, StepKind::Operation { .. }) {
                    return;
                }
                for (kind, is, want) in &classes {
                    if is(&x.label) {
                        assert!(
                            want.contains(&x.value.to_bits()),
                            "{}: {path}: {} ({kind}) shows {}, the kernel holds {:?}",
                            s.label,
                            x.label,
                            x.value,
                            want.iter().map(|b| f64::from_bits(*b)).collect::<Vec<_>>()
                        );
                        *seen.entry(kind).or_default() += 1;
                    }
                }
            });
        }
    }
    let classes = kernel_values(&default_scenario());
    for (kind, _, _) in &classes {
        assert!(
            seen.get(kind).is_some_and(|n| *n > 0),
            "no working shows a step of kind {kind}: {seen:?}"
        );
    }
    eprintln!("{seen:?}");
}
