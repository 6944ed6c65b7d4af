//! Calibration: the model run with each evaluation's own inputs, against
//! what the evaluation published (docs/methodology.md §7), row by row.
//!
//! A row is one of three kinds. A **calibration** must land within ±30% of
//! the published figure. A row that only **restates** the model's own
//! inputs is run and shown, labelled so, and does not count as a
//! calibration. A row **outside** the band is explained item by item in
//! the docs, and its ratio is pinned here (±2%) so that the explanation
//! cannot go stale. Every row is run; none is only printed.

use outcome_model::{
    data::prices, data::unprojected, default_scenario, project, scenario::ready, Council,
    ProgrammeChoice, Projection, Scenario,
};

/// No haircuts and no cost uplift: the evaluations' own figures carry none.
fn as_published(
    council: Council,
    programme: ProgrammeChoice,
    horizon: u32,
    funded: u32,
) -> Scenario {
    let mut s = Scenario::new(council, vec![programme]);
    let a = &mut s.assumptions;
    a.horizon_years = horizon;
    a.funding_years = funded;
    a.optimism_bias_costs_pct = 0.0;
    a.optimism_bias_benefits.rct_pct = 0.0;
    a.optimism_bias_benefits.qed_pct = 0.0;
    a.optimism_bias_benefits.before_after_pct = 0.0;
    a.optimism_bias_benefits.modelled_pct = 0.0;
    s
}

fn run(s: &Scenario) -> Projection {
    project(s).unwrap_or_else(|e| panic!("{e:?}"))
}

/// Hertfordshire as the evaluation found it: plans and children in need at
/// 31 March 2014 (before the January 2015 launch); care starts, looked
/// after and leaving care from 2019, the first year the DfE file has them.
/// No year is given, so the council's later running of the programme does
/// not apply: these are the figures before it.
pub fn hertfordshire_then() -> Council {
    Council {
        code: Some("E10000015".into()),
        name: "Hertfordshire".into(),
        cp_plans: Some(1_140.0),
        children_in_need: Some(5_882.0),
        care_starts: Some(412.0),
        children_looked_after: Some(929.0),
        care_ceased: Some(376.0),
        ..Council::default()
    }
}

/// The kind of a calibration row.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Kind {
    /// Must land within ±30% of the published figure.
    Calibration,
    /// Restates the model's own inputs: shown, not counted.
    Restates,
    /// Outside ±30%, explained item by item in methodology §7; the ratio
    /// is pinned at this value (±2%).
    Explained(f64),
}

/// One row of methodology §7's calibration table.
#[derive(Debug, Clone)]
pub struct Row {
    /// A key, also written in the docs' row.
    pub key: &'static str,
    /// The published figure, in the row's unit.
    pub published: f64,
    /// The model's figure, in the same unit.
    pub model: f64,
    /// Its kind.
    pub kind: Kind,
}

impl Row {
    pub fn ratio(&self) -> f64 {
        self.model / self.published
    }
}

/// The evaluation's first-year saving to children's services from care
/// and plans, in 2025-26 prices: £2.6m in 2015-16.
fn fs_published() -> f64 {
    2_600_000.0 * prices::uplift(2015)
}

/// Family Safeguarding on the evaluation's own inputs: the council's
/// saving from care and plans in each of years 1–3, funded throughout.
fn family_safeguarding_years() -> Vec<Row> {
    let mut fs = ProgrammeChoice::new("family-safeguarding");
    fs.cohort = Some(940.0);
    fs.eligible = Some(940.0);
    let s = as_published(hertfordshire_then(), fs, 3, 3);
    let p = run(&s);
    let u = &s.unit_costs;
    let keys = ["fs-herts-year-1", "fs-herts-year-2", "fs-herts-year-3"];
    p.years
        .iter()
        .zip(keys)
        .map(|(y, key)| Row {
            key,
            published: fs_published(),
            model: y.counts.children_in_care_fewer * 52.0 * u.foster_weekly
                + y.counts.cp_plans_fewer * u.cp_plan_annual,
            kind: Kind::Calibration,
        })
        .collect()
}

/// Rodger et al. (2020): "annual savings exceed costs within two years".
/// At the calculator's defaults (Derbyshire, funded throughout), the
/// council's savings in year 2 ÷ the cost in year 2; published: at least 1.
fn family_safeguarding_rodger_at_defaults() -> Row {
    let mut s = default_scenario();
    s.assumptions.horizon_years = 3;
    s.assumptions.funding_years = 3;
    let p = run(&s);
    let y = &p.years[1];
    Row {
        key: "fs-rodger-defaults",
        published: 1.0,
        model: y.savings.childrens_services / y.cost,
        kind: Kind::Explained(0.445),
    }
}

/// FDAC national model: net savings per £1 over five years.
fn fdac_national() -> (Row, Option<u32>) {
    let mut f = ProgrammeChoice::new("fdac");
    f.cohort = Some(100.0);
    let p = run(&as_published(Council::default(), f, 5, 1));
    let s = &p.summary;
    (
        Row {
            key: "fdac-national",
            published: 3.20,
            model: (s.pv_savings - s.pv_cost) / s.pv_cost,
            kind: Kind::Restates,
        },
        s.payback_year,
    )
}

/// FDAC London (2016): £2.30 of savings per £1 over five years, for 46
/// cases at £12,170 each (2014-15). The library carries the national
/// model's benefit per case; with London's cost it gives this ratio.
fn fdac_london() -> Row {
    let mut f = ProgrammeChoice::new("fdac");
    f.cohort = Some(46.0);
    f.cost_per_case = Some(12_170.0 * prices::uplift(2014));
    let mut s = as_published(Council::default(), f, 5, 1);
    s.assumptions.discount_rate_pct = 0.0;
    let p = run(&s);
    Row {
        key: "fdac-london",
        published: 2.30,
        model: p.summary.pv_savings / p.summary.pv_cost,
        kind: Kind::Explained(1.960),
    }
}

/// FDAC London (2016): net saving £15,850 a case over five years (£729,000
/// for the 46 cases of 2014-15). The model's net saving a case, undiscounted,
/// with London's cost and the national model's benefit, in 2025-26 prices;
/// the published figure uprated from 2014-15.
fn fdac_london_net() -> Row {
    let mut f = ProgrammeChoice::new("fdac");
    f.cohort = Some(46.0);
    f.cost_per_case = Some(12_170.0 * prices::uplift(2014));
    let p = run(&as_published(Council::default(), f, 5, 1));
    let s = &p.summary;
    Row {
        key: "fdac-london-net",
        published: 15_850.0 * prices::uplift(2014),
        model: (s.total_savings - s.total_cost) / 46.0,
        kind: Kind::Explained(2.693),
    }
}

/// A studied Pause area: 48 infants entering care a year (the studied
/// areas' average, 14.4 ÷ 30%), England's average stay.
fn pause_area() -> Council {
    Council {
        name: "A studied Pause area".into(),
        infant_care_starts: Some(48.0),
        ..Council::default()
    }
}

/// Pause's own illustrative running cost, £ a practice a year: about £9m
/// for 100 women at 5 sites over 5 years (pause.org.uk, before the 2020
/// evaluation; no price year given, taken as 2016-17).
fn pause_practice_cost() -> f64 {
    9_000_000.0 / 5.0 / 5.0 * prices::uplift(2016)
}

/// Pause: £4.50 of savings per £1 over 4 years (Boddy et al. 2020), one
/// practice funded for the 4 years, at Pause's own illustrative cost.
fn pause_four_years() -> Row {
    let mut pc = ProgrammeChoice::new("pause");
    pc.annual_cost = pause_practice_cost();
    let p = run(&as_published(pause_area(), pc, 4, 4));
    Row {
        key: "pause-4-years",
        published: 4.50,
        model: p.summary.bcr.expect("a cost"),
        kind: Kind::Explained(0.495),
    }
}

/// Pause: £7.61 of savings per £1 over 18 years (Boddy et al. 2020), one
/// practice funded throughout, at Pause's own illustrative cost.
fn pause_eighteen_years() -> Row {
    let mut pc = ProgrammeChoice::new("pause");
    pc.annual_cost = pause_practice_cost();
    let p = run(&as_published(pause_area(), pc, 18, 18));
    Row {
        key: "pause-18-years",
        published: 7.61,
        model: p.summary.bcr.expect("a cost"),
        kind: Kind::Explained(0.383),
    }
}

/// Pause: £1.2m–£2.1m net saving a year (the 2017 evaluation of 7
/// practices; whether for each practice or all seven is not stated in the
/// sources checked). The model's net saving a year for one practice once
/// its first cohorts' stays are all counted (year 4), against the middle
/// of the range.
fn pause_net_a_year() -> Row {
    let mut pc = ProgrammeChoice::new("pause");
    pc.annual_cost = pause_practice_cost();
    let p = run(&as_published(pause_area(), pc, 4, 4));
    Row {
        key: "pause-net-a-year",
        published: 1_650_000.0,
        model: p.years[3].net,
        kind: Kind::Explained(0.647),
    }
}

/// Family group conferences for every family at pre-proceedings in
/// England (Foundations, 2023): more than 2,000 children a year kept out
/// of care, and more than £150m saved within two years (2023-24 prices).
/// The families a year are those the 2,000 imply at the trial's 8.6
/// points; England's looked-after children and leavers give the stay.
fn fgc_national() -> (Row, Row) {
    let england = Council {
        name: "England".into(),
        children_looked_after: Some(81_766.0),
        care_ceased: Some(34_450.0),
        ..Council::default()
    };
    let mut g = ProgrammeChoice::new("fgc-pre-proceedings");
    g.cohort = Some(2_000.0 / 0.086);
    g.cost_per_case = Some(0.0);
    let p = run(&as_published(england, g, 2, 2));
    let children = 2_000.0 / 0.086 * 0.086;
    let council: f64 = p.years.iter().map(|y| y.savings.childrens_services).sum();
    (
        Row {
            key: "fgc-national-children",
            published: 2_000.0,
            model: children,
            kind: Kind::Restates,
        },
        Row {
            key: "fgc-national-savings",
            published: 150_000_000.0 * prices::uplift(2023),
            model: council,
            kind: Kind::Calibration,
        },
    )
}

/// Leeds Family Valued, the family group conference strand: £755 saved a
/// family in social work time (Mason et al. 2017; no price year given,
/// taken as 2016-17). The programme as the evidence page opens it, on
/// 100 families, without haircuts: the saving a family served.
fn family_valued_per_family() -> Row {
    let mut s = ready::family_valued();
    s.programmes[0].cohort = Some(100.0);
    s.programmes[0].cost_per_case = Some(0.0);
    let mut s = Scenario {
        assumptions: as_published(Council::default(), s.programmes[0].clone(), 1, 1).assumptions,
        ..s
    };
    s.assumptions.cashable.case_benefits_pct = 0.0;
    let p = run(&s);
    Row {
        key: "fv-fgc-per-family",
        published: unprojected::FV_PER_FAMILY * prices::uplift(unprojected::FV_PRICE_YEAR),
        model: p.years[0].savings.childrens_services / 100.0,
        kind: Kind::Restates,
    }
}

/// Family group conferences at pre-proceedings, the strand of Supporting
/// Families: Investing in Practice: Foundations' saving of £960 a child
/// referred in the first year (as reported by Coram; no price year given,
/// taken as 2023-24). The model's saving to the council a child referred
/// in the first year, on the trial's effects and England's stay.
fn fgc_first_year_per_child() -> Row {
    let england = Council {
        name: "England".into(),
        children_looked_after: Some(81_766.0),
        care_ceased: Some(34_450.0),
        ..Council::default()
    };
    let mut g = ProgrammeChoice::new("fgc-pre-proceedings");
    g.cohort = Some(1_000.0);
    g.cost_per_case = Some(0.0);
    let p = run(&as_published(england, g, 1, 1));
    Row {
        key: "fgc-first-year-per-child",
        published: 960.0 * prices::uplift(2023),
        model: p.years[0].savings.childrens_services / 1_000.0,
        kind: Kind::Explained(3.176),
    }
}

/// Every row of the table, in the docs' order.
pub fn rows() -> Vec<Row> {
    let mut out = family_safeguarding_years();
    out.push(family_safeguarding_rodger_at_defaults());
    out.push(fdac_national().0);
    out.push(fdac_london());
    out.push(fdac_london_net());
    out.push(pause_four_years());
    out.push(pause_eighteen_years());
    out.push(pause_net_a_year());
    let (children, savings) = fgc_national();
    out.push(children);
    out.push(savings);
    out.push(fgc_first_year_per_child());
    out.push(family_valued_per_family());
    out
}

#[test]
fn every_row_is_in_its_band_or_explained() {
    for row in rows() {
        let r = row.ratio();
        match row.kind {
            Kind::Calibration => assert!(
                (0.7..=1.3).contains(&r),
                "{}: model {:.0} against {:.0}, ratio {r:.3}",
                row.key,
                row.model,
                row.published
            ),
            Kind::Restates => assert!(r.is_finite(), "{}", row.key),
            Kind::Explained(pinned) => {
                assert!(
                    !(0.7..=1.3).contains(&r),
                    "{} is now within ±30% ({r:.3}): make it a calibration",
                    row.key
                );
                assert!(
                    (r / pinned - 1.0).abs() <= 0.02,
                    "{}: ratio {r:.3}, the docs explain {pinned}",
                    row.key
                );
            }
        }
    }
}

#[test]
fn the_docs_table_shows_every_row_with_the_models_ratio() {
    let doc = std::fs::read_to_string(
        std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
            .join("docs/methodology.md"),
    )
    .expect("methodology");
    for row in rows() {
        let line = doc
            .lines()
            .find(|l| l.starts_with('|') && l.contains(&format!("`{}`", row.key)))
            .unwrap_or_else(|| panic!("methodology §7 has no row `{}`", row.key));
        let ratio = format!("ratio {:.2}", row.ratio());
        assert!(
            line.contains(&ratio),
            "row `{}` should say {ratio}: {line}",
            row.key
        );
        let label = match row.kind {
            Kind::Calibration => "within ±30%",
            Kind::Restates => "restates the model's inputs",
            Kind::Explained(_) => "outside ±30%",
        };
        assert!(
            line.to_lowercase().contains(label),
            "row `{}` should say {label:?}",
            row.key
        );
    }
}

#[test]
fn family_safeguarding_saves_the_same_each_year_as_the_evaluation_found_in_the_first() {
    // Every year of the projection is as well supported as the first: on
    // the evaluation's inputs, years 2 and 3 save what year 1 saves.
    let years = family_safeguarding_years();
    for y in &years[1..] {
        assert!((y.model / years[0].model - 1.0).abs() < 1e-9, "{y:?}");
    }
}

#[test]
fn fdac_national_breaks_even_in_year_2() {
    assert_eq!(fdac_national().1, Some(2));
}

#[test]
fn hertfordshire_today_counts_none_of_the_programme_it_already_runs() {
    // Its 2025 figures already contain what Family Safeguarding achieved
    // there since 2015: the projection counts no further effect and says so.
    let mut s = default_scenario();
    s.council = outcome_model::data::presets::latest("E10000015")
        .unwrap()
        .to_council();
    let p = run(&s);
    assert_eq!(p.summary.total_savings, 0.0);
    assert!(p.summary.total_cost > 0.0);
    assert!(
        p.headline_notes[0].contains("has run Family Safeguarding since 2015"),
        "{:?}",
        p.headline_notes
    );
}

#[test]
fn kent_says_that_no_programme_diverts_unaccompanied_asylum_seeking_children() {
    let mut s = default_scenario();
    s.council = outcome_model::data::presets::latest("E10000016")
        .unwrap()
        .to_council();
    let p = run(&s);
    assert!(
        p.headline_notes
            .iter()
            .any(|n| n.contains("unaccompanied asylum-seeking children") && n.contains("Kent")),
        "{:?}",
        p.headline_notes
    );
    // Derbyshire spends little on them: no such note.
    let d = run(&default_scenario());
    assert!(d.headline_notes.is_empty(), "{:?}", d.headline_notes);
}
