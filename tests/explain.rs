//! Every figure's working: for every output of a set of scenarios, the
//! derivation's own steps reproduce the projection's figure (money to the
//! penny), every input has a source, and an unknown path is an error that
//! names it.

use outcome_calculator::model::context::council_data::CouncilData;
use outcome_calculator::model::context::history::OwnedSeries;
use outcome_calculator::model::context::trend::scenario_trends;
use outcome_calculator::model::data::evidence::{library, Grade, Placement};
use outcome_calculator::model::explain::{self, Derivation, Source, Step, StepKind, Workings};
use outcome_calculator::model::scenario::council_preset;
use outcome_calculator::model::scenario::fields;
use outcome_calculator::model::{
    default_scenario, Agency, Baseline, BaselineTrends, Cohorts, CustomBenefit, CustomEffect,
    CustomMeasure, CustomProgramme, EffectLevel, ErrorKind, Outcome, ProgrammeChoice, Scenario,
};

/// Every council's history, from the council data file the page loads.
fn council_history() -> Vec<OwnedSeries> {
    CouncilData::from_module(include_str!("../www/data/council-data.js"))
        .expect("the council data file reads")
        .history
}

/// A programme with the figures its evidence needs from the user.
fn choice(id: &str) -> ProgrammeChoice {
    let mut c = ProgrammeChoice::new(id);
    match id {
        "fgc-pre-proceedings" => {
            c.cohort = Some(120.0);
            c.cost_per_case = Some(2_500.0);
        }
        "pause" => c.annual_cost = 450_000.0,
        "fdac" => c.cohort = Some(25.0),
        "no-wrong-door" => {
            c.cohort = Some(150.0);
            c.counterfactual_pct = Some(45.0);
            c.cost_per_case = Some(9_000.0);
        }
        _ => {}
    }
    c
}

fn custom() -> ProgrammeChoice {
    let mut c = ProgrammeChoice::new("custom");
    c.cohort = Some(200.0);
    c.cost_per_case = Some(3_000.0);
    c.annual_cost = 50_000.0;
    c.setup_cost = 80_000.0;
    c.deadweight_pct = 10.0;
    c.attribution_pct = 5.0;
    c.custom = Some(CustomProgramme {
        name: "Edge of care team".into(),
        grade: Grade::Qed,
        effects: vec![
            CustomEffect {
                outcome: Outcome::CareEntries,
                measure: CustomMeasure::PercentagePoints,
                low: 2.0,
                central: 5.0,
                high: 8.0,
                baseline: Some(30.0),
            },
            CustomEffect {
                outcome: Outcome::PoliceIncidents,
                measure: CustomMeasure::PerCouncil,
                low: 10.0,
                central: 20.0,
                high: 30.0,
                baseline: Some(400.0),
            },
            CustomEffect {
                outcome: Outcome::CpPlans,
                measure: CustomMeasure::Relative,
                low: 1.0,
                central: 3.0,
                high: 5.0,
                baseline: None,
            },
            CustomEffect {
                outcome: Outcome::EmergencyAdmissions,
                measure: CustomMeasure::PercentagePoints,
                low: 1.0,
                central: 2.0,
                high: 3.0,
                baseline: Some(10.0),
            },
        ],
        benefits: Vec::new(),
        cohorts: Default::default(),
        nature: outcome_calculator::model::Nature::Programme,
    });
    c
}

/// Hertfordshire's official figures with `programmes`, a few simulations.
fn with(label: &str, programmes: Vec<ProgrammeChoice>) -> (String, Scenario) {
    let mut s = default_scenario();
    s.programmes = programmes;
    s.council.care_proceedings = Some(300.0);
    s.council.police_incidents = Some(2_000.0);
    s.council.emergency_admissions = Some(800.0);
    s.uncertainty.draws = 200;
    (label.to_string(), s)
}

/// The scenarios checked: the default, every programme alone, all
/// together, a custom programme, a council preset, variations that reach
/// the caps, the floors, nesting, drop-off, discounting and growth, and
/// baselines that follow a trend ([`trend_scenarios`]).
fn scenarios() -> Vec<(String, Scenario)> {
    let mut out = Vec::new();
    let mut d = default_scenario();
    d.uncertainty.draws = 200;
    out.push(("the default scenario".to_string(), d));
    for p in library() {
        out.push(with(&format!("{} alone", p.id), vec![choice(p.id)]));
    }
    let all: Vec<ProgrammeChoice> = library().iter().map(|p| choice(p.id)).collect();
    out.push(with("every programme together", all.clone()));
    out.push(with("a custom programme", vec![custom()]));
    let mut everything = all.clone();
    everything.push(custom());
    let (_, mut s) = with(
        "every programme and a custom one, everything varied",
        everything,
    );
    s.assumptions.horizon_years = 7;
    s.assumptions.funding_years = 3;
    s.assumptions.drop_off_pct = 20.0;
    s.assumptions.baseline_trend_pct = 2.5;
    s.assumptions.ramp_pct = vec![50.0, 80.0, 100.0];
    s.assumptions.effect_level = EffectLevel::Low;
    s.assumptions.optimism_bias_costs_pct = 20.0;
    s.programmes[0].deadweight_pct = 15.0;
    s.programmes[0].placement = Some(Placement::CouncilAverage);
    s.council.cla_spend_per_child = Some(95_000.0);
    s.programmes[4].placement = Some(Placement::Residential);
    out.push((
        "every programme and a custom one, everything varied".into(),
        s,
    ));
    // A council preset, at the high end.
    let (_, mut s) = with("Birmingham's official figures", all);
    council_preset::apply_preset(&mut s, "E08000025", 2025).expect("Birmingham is a council");
    s.assumptions.effect_level = EffectLevel::High;
    s.assumptions.care_years = Some(0.8);
    out.push(("Birmingham's official figures".into(), s));
    // The totals held to the council's own counts.
    let (_, mut s) = with(
        "a small council, the counts binding",
        vec![
            choice("family-safeguarding"),
            choice("no-wrong-door"),
            choice("fgc-pre-proceedings"),
            custom(),
        ],
    );
    s.council.care_starts = Some(40.0);
    s.council.children_looked_after = Some(30.0);
    s.council.care_proceedings = Some(5.0);
    s.council.police_incidents = Some(3.0);
    s.council.emergency_admissions = Some(1.0);
    s.programmes[1].cohort = Some(400.0);
    s.programmes[2].cohort = Some(300.0);
    out.push(("a small council, the counts binding".into(), s));
    out.extend(trend_scenarios());
    out.extend(benefit_scenarios());
    out
}

/// A custom programme with benefits in money, the GMCA way: one to the
/// council and one to another agency, each lasting its own years with its
/// own drop-off (the scenario's drop-off set too, which they do not
/// follow), beside an effect on a count; then the same served as one
/// cohort in the first year only, at the low end, with Family
/// Safeguarding beside it.
fn benefit_scenarios() -> Vec<(String, Scenario)> {
    let mut out = Vec::new();
    let mut mentoring = custom();
    mentoring.cohort = Some(120.0);
    if let Some(c) = mentoring.custom.as_mut() {
        c.name = "Mentoring".into();
        c.effects.truncate(1);
        c.benefits = vec![
            CustomBenefit {
                name: "Fewer exclusions: a place kept".into(),
                agency: Agency::ChildrensServices,
                low: 400.0,
                value: 850.5,
                high: 1_200.0,
                years: 4,
                drop_off_pct: 25.0,
            },
            CustomBenefit {
                name: String::new(),
                agency: Agency::OtherPublic,
                low: 1_000.0,
                value: 2_345.67,
                high: 3_000.0,
                years: 9,
                drop_off_pct: 12.5,
            },
        ];
    }
    let name = "a custom programme with benefits in money, a cohort each funded year";
    let (_, mut s) = with(name, vec![mentoring.clone()]);
    s.assumptions.horizon_years = 8;
    s.assumptions.funding_years = 3;
    s.assumptions.drop_off_pct = 30.0;
    s.assumptions.ramp_pct = vec![50.0, 100.0];
    out.push((name.to_string(), s));
    let name = "a custom programme with benefits in money, one cohort, at the low end";
    if let Some(c) = mentoring.custom.as_mut() {
        c.cohorts = Cohorts::FirstYearOnly;
    }
    let (_, mut s) = with(name, vec![choice("family-safeguarding"), mentoring]);
    s.assumptions.horizon_years = 6;
    s.assumptions.funding_years = 4;
    s.assumptions.effect_level = EffectLevel::Low;
    s.assumptions.cashable.case_benefits_pct = 60.0;
    out.push((name.to_string(), s));
    out
}

/// Baselines that follow a trend: the council's own trend for a council
/// preset with every programme, England's trend with the typed yearly
/// change of every count as well, and a trend of the user's own, falling
/// for some counts and rising for others, where the counts bind.
fn trend_scenarios() -> Vec<(String, Scenario)> {
    let mut out = Vec::new();
    let mut everything: Vec<ProgrammeChoice> = library().iter().map(|p| choice(p.id)).collect();
    everything.push(custom());
    let name = "Birmingham on its own trend, every programme and a custom one";
    let (_, mut s) = with(name, everything.clone());
    council_preset::apply_preset(&mut s, "E08000025", 2025).expect("Birmingham is a council");
    s.assumptions.baseline = Baseline::CouncilTrend;
    s.assumptions.baseline_trends =
        scenario_trends(&council_history(), "E08000025", Baseline::CouncilTrend);
    s.assumptions.horizon_years = 8;
    s.assumptions.drop_off_pct = 10.0;
    out.push((name.to_string(), s));
    let name = "Hertfordshire on England's trend and a yearly change of every count";
    let (_, mut s) = with(name, everything);
    s.assumptions.baseline = Baseline::EnglandTrend;
    s.assumptions.baseline_trends =
        scenario_trends(&council_history(), "E10000015", Baseline::EnglandTrend);
    s.assumptions.baseline_trend_pct = 1.5;
    s.assumptions.effect_level = EffectLevel::High;
    out.push((name.to_string(), s));
    let name = "a council of the user's own on their own trend, the counts binding";
    let (_, mut s) = with(
        name,
        vec![
            choice("family-safeguarding"),
            choice("no-wrong-door"),
            choice("fgc-pre-proceedings"),
            custom(),
        ],
    );
    let mut intensive = custom();
    if let Some(c) = intensive.custom.as_mut() {
        c.name = "Intensive family support".into();
        c.effects = vec![
            CustomEffect {
                outcome: Outcome::CpPlans,
                measure: CustomMeasure::PercentagePoints,
                low: 10.0,
                central: 20.0,
                high: 30.0,
                baseline: Some(40.0),
            },
            CustomEffect {
                outcome: Outcome::ChildrenInNeed,
                measure: CustomMeasure::Relative,
                low: 60.0,
                central: 80.0,
                high: 90.0,
                baseline: None,
            },
        ];
    }
    intensive.cohort = Some(300.0);
    s.programmes.push(intensive);
    s.council.code = None;
    s.council.data_year = None;
    s.council.care_starts = Some(40.0);
    s.council.children_looked_after = Some(30.0);
    s.council.cp_plans = Some(25.0);
    s.council.children_in_need = Some(80.0);
    s.council.care_proceedings = Some(5.0);
    s.programmes[1].cohort = Some(400.0);
    s.programmes[2].cohort = Some(300.0);
    s.assumptions.baseline = Baseline::CouncilTrend;
    s.assumptions.baseline_trends = BaselineTrends {
        looked_after_pct: Some(-6.0),
        care_starts_pct: Some(-12.0),
        cp_plans_pct: Some(-8.5),
        children_in_need_pct: Some(3.25),
    };
    s.assumptions.horizon_years = 6;
    s.assumptions.care_years = Some(2.0);
    out.push((name.to_string(), s));
    out
}

/// The number at `path` (`years[2].cost`) of a serialised projection.
fn json_at(json: &serde_json::Value, path: &str) -> Option<f64> {
    let mut node = json;
    for part in path.split('.') {
        let (name, index) = match part.split_once('[') {
            Some((name, rest)) => (name, rest.trim_end_matches(']').parse::<usize>().ok()),
            None => (part, None),
        };
        node = node.get(name)?;
        if let Some(k) = index {
            node = node.get(k)?;
        }
    }
    node.as_f64()
}

/// Whether the derivation's own steps give the figure: money to the
/// penny, everything else to a billionth.
fn adds_up(d: &Derivation) -> Result<(), String> {
    let got = d.evaluate();
    let ok = if d.unit.is_money() {
        (got - d.value).abs() < 0.005
    } else {
        (got - d.value).abs() <= 1e-9 * d.value.abs().max(1.0)
    };
    if ok && got.is_finite() {
        Ok(())
    } else {
        Err(format!(
            "{}: the steps give {got}, the projection {}",
            d.path, d.value
        ))
    }
}

/// Whether `path` (`programmes[0].cohort`, `assumptions.ramp_pct[1]`) is a
/// field of the scenario format, so that the form can link to it.
fn is_field(path: &str) -> bool {
    let mut general = String::new();
    let mut in_index = false;
    for c in path.chars() {
        match c {
            '[' => {
                general.push('[');
                in_index = true;
            }
            ']' => {
                general.push(']');
                in_index = false;
            }
            _ if in_index => {}
            c => general.push(c),
        }
    }
    fields::by_path(&general).is_some() || fields::by_path(general.trim_end_matches("[]")).is_some()
}

/// Whether every input names a source: a scenario field, a council's
/// official table, a citation, or the method's rule.
fn sourced(step: &Step) -> Result<(), String> {
    let mut bad = Vec::new();
    step.walk(&mut |s| {
        if let StepKind::Input { source } = &s.kind {
            let ok = match source {
                Source::Yours { field } => is_field(field),
                Source::Official {
                    field,
                    council_code,
                    dataset,
                    citation,
                    ..
                } => {
                    is_field(field)
                        && !council_code.is_empty()
                        && !dataset.is_empty()
                        && citation.url.starts_with("https://")
                }
                Source::Cited {
                    basis,
                    citation,
                    field,
                    ..
                } => {
                    !basis.is_empty()
                        && citation.url.starts_with("https://")
                        && field.as_deref().is_none_or(is_field)
                }
                Source::Method { rule } => !rule.is_empty(),
            };
            if !ok {
                bad.push(format!("{} ({source:?})", s.label));
            }
        }
        if s.label.is_empty() {
            bad.push("a step with no label".to_string());
        }
    });
    if bad.is_empty() {
        Ok(())
    } else {
        Err(bad.join("; "))
    }
}

/// Each operation's recorded value is what its operands give, and every
/// sum of money has its price year.
fn consistent(step: &Step) -> Result<(), String> {
    let mut bad = Vec::new();
    step.walk(&mut |s| {
        if s.unit.is_money() && s.price_year.is_none() {
            bad.push(format!("{}: money without a price year", s.label));
        }
        if let StepKind::Operation { .. } = &s.kind {
            let got = s.evaluate();
            if (got - s.value).abs() > 1e-9 * s.value.abs().max(1.0) {
                bad.push(format!(
                    "{}: {} recorded, {got} worked out",
                    s.label, s.value
                ));
            }
        }
    });
    if bad.is_empty() {
        Ok(())
    } else {
        Err(bad.join("; "))
    }
}

#[test]
fn every_output_of_every_scenario_adds_up_from_sourced_inputs() {
    let mut checked = 0;
    let (mut expanded_steps, mut shared_steps) = (0, 0);
    let mut failures = Vec::new();
    // The steps the scenarios are chosen to reach.
    let mut reached = [
        ("held to the council's", false),
        ("risk left by", false),
        ("share of the benefits left", false),
        ("baseline growth", false),
        ("baseline trend of", false),
        (", on the trend to", false),
        ("children in need only, per case", false),
        ("uprating from", false),
        ("stay left", false),
    ];
    for (name, s) in scenarios() {
        let mut w = Workings::new(&s).unwrap_or_else(|e| panic!("{name}: {e}"));
        let paths = w.outputs();
        assert!(paths.len() > 100, "{name}: {} outputs", paths.len());
        let json = serde_json::to_value(w.projection()).expect("serialises");
        for path in paths {
            // Each path names the projection's own figure, as serialised;
            // an average over the years is its total ÷ the years.
            if let Some(count) = path.strip_prefix("summary.average_counts.") {
                let total = json_at(&json, &format!("summary.counts.{count}")).expect("a total");
                assert_eq!(
                    explain::projection_value(w.projection(), &path),
                    Some(total / w.projection().years.len() as f64),
                    "{name}: {path}"
                );
            } else if !path.starts_with("uncertainty.") {
                assert_eq!(
                    explain::projection_value(w.projection(), &path),
                    json_at(&json, &path),
                    "{name}: {path}"
                );
            }
            let d = match w.derivation(&path, false) {
                Ok(d) => d,
                Err(e) => {
                    failures.push(format!("{name}: {path}: {e}"));
                    continue;
                }
            };
            // The working as one tree gives the figure too.
            let whole = d.expanded();
            if (whole.evaluate() - d.value).abs() > 0.005_f64.max(1e-9 * d.value.abs()) {
                failures.push(format!(
                    "{name}: {path}: the tree written out gives {}",
                    whole.evaluate()
                ));
            }
            expanded_steps += whole.size();
            shared_steps += d.step.size() + d.shared.iter().map(Step::size).sum::<usize>();
            for check in [adds_up(&d), sourced(&whole), consistent(&whole)] {
                if let Err(e) = check {
                    failures.push(format!("{name}: {e}"));
                }
            }
            assert!(!d.sentence.is_empty() && !d.formula.is_empty(), "{path}");
            if path.starts_with("summary.") {
                d.walk(&mut |x| {
                    for (words, seen) in reached.iter_mut() {
                        *seen |= x.label.contains(*words);
                    }
                });
            }
            checked += 1;
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {checked} derivations fail:\n{}",
        failures.len(),
        failures
            .iter()
            .take(40)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
    eprintln!("{checked} derivations add up; {shared_steps} steps written once, {expanded_steps} written out");
    assert!(
        shared_steps * 2 < expanded_steps,
        "sharing saves little: {shared_steps} of {expanded_steps}"
    );
    for (words, seen) in reached {
        assert!(seen, "no working reaches a step \u{201c}{words}\u{201d}");
    }
    assert!(checked > 2_000, "{checked}");
}

#[test]
fn a_derivation_that_does_not_add_up_fails() {
    let mut d = explain::explain(&default_scenario(), "summary.budget_npv").expect("explains");
    assert!(adds_up(&d).is_ok());
    // Change one input's value: the steps no longer give the figure.
    fn first_input(s: &mut Step) -> Option<&mut Step> {
        if matches!(s.kind, StepKind::Input { .. }) {
            return Some(s);
        }
        match &mut s.kind {
            StepKind::Operation { of, .. } => of.iter_mut().find_map(first_input),
            _ => None,
        }
    }
    let leaf = match first_input(&mut d.step) {
        Some(leaf) => leaf,
        None => d.shared.iter_mut().find_map(first_input).expect("an input"),
    };
    leaf.value *= 1.01;
    assert!(adds_up(&d).is_err());
}

#[test]
fn a_leaf_without_a_source_fails() {
    let d = explain::explain(&default_scenario(), "years[1].savings.childrens_services")
        .expect("explains");
    assert!(sourced(&d.step).is_ok());
    let blank = Step::input(
        "a figure from nowhere",
        1.0,
        explain::Unit::Factor,
        Source::Yours {
            field: String::new(),
        },
    );
    assert!(sourced(&blank).is_err());
}

#[test]
fn unknown_paths_are_errors_naming_the_path() {
    let s = default_scenario();
    for path in [
        "summary.nothing",
        "years[5].cost",
        "years[0].savings.fire",
        "programmes[3].cost",
        "uncertainty.npv.p20",
        "",
    ] {
        let e = explain::explain(&s, path).expect_err(path);
        assert_eq!(
            e.field,
            outcome_calculator::model::base::error::Location::from(path)
        );
        assert!(
            matches!(&e.kind, ErrorKind::UnknownOutput { path: p } if p == path),
            "{path}: {e:?}"
        );
        assert!(e.to_string().contains("there is no figure called"), "{e}");
    }
    // A figure with no value in this scenario says why.
    let mut free = s.clone();
    free.programmes[0].cost_per_case = Some(0.0);
    let e = explain::explain(&free, "summary.bcr").expect_err("no cost, no ratio");
    assert!(matches!(e.kind, ErrorKind::NoFigure { .. }), "{e:?}");
    // An invalid scenario names its bad field.
    let mut bad = s.clone();
    bad.assumptions.discount_rate_pct = f64::NAN;
    let e = explain::explain(&bad, "summary.npv").expect_err("invalid");
    assert_eq!(
        e.field,
        outcome_calculator::model::base::error::Location::from("assumptions.discount_rate_pct")
    );
}

#[test]
fn the_headline_names_its_sources_and_what_moves_it() {
    let s = default_scenario();
    let d = explain::explain(&s, "summary.budget_npv").expect("explains");
    assert_eq!(d.price_year.as_deref(), Some("2025-26"));
    assert!(
        d.sentence.contains("discounted at 3.5% a year"),
        "{}",
        d.sentence
    );
    let inputs = d.inputs();
    // Derbyshire's official figures, the cited defaults and the evidence.
    assert!(inputs.iter().any(|i| matches!(&i.kind, StepKind::Input { source: Source::Official { field, council_code, .. } } if field == "council.care_starts" && council_code == "E10000007")));
    assert!(inputs.iter().any(|i| matches!(&i.kind, StepKind::Input { source: Source::Cited { field: Some(f), .. } } if f == "unit_costs.foster_weekly")));
    assert!(inputs.iter().any(|i| matches!(&i.kind, StepKind::Input { source: Source::Cited { citation, field: None, .. } } if citation.id == "forrester-2017")));
    // A changed figure is the user's own.
    let mut mine = s.clone();
    mine.council.care_starts = Some(500.0);
    let d2 = explain::explain(&mine, "summary.budget_npv").expect("explains");
    assert!(d2.inputs().iter().any(|i| matches!(&i.kind, StepKind::Input { source: Source::Yours { field } } if field == "council.care_starts")));
    // The inputs that move it most, largest first, each with its fields.
    assert!((2..=3).contains(&d.sensitive.len()), "{:?}", d.sensitive);
    let swing = |k: usize| (d.sensitive[k].value_high - d.sensitive[k].value_low).abs();
    assert!(swing(0) >= swing(1));
    assert!(d.sensitive.iter().all(|x| !x.fields.is_empty()));
    // The same one-at-a-time analysis as the tornado: the same largest bar.
    let bars = outcome_calculator::model::calc::uncertainty::tornado(&s).expect("valid");
    assert_eq!(bars[0].input, d.sensitive[0].input);
    assert!((bars[0].npv_low - d.sensitive[0].value_low).abs() < 0.005);
}

#[test]
fn a_simulation_result_says_so_and_lists_its_ranges() {
    let mut s = default_scenario();
    s.uncertainty.draws = 300;
    let d = explain::explain(&s, "uncertainty.npv.p50").expect("explains");
    match &d.step.kind {
        StepKind::Simulated { seed, draws, from } => {
            assert_eq!((*seed, *draws), (2026, 300));
            assert!(from.iter().any(|x| x.label.contains("low end")));
            assert!(from.iter().any(|x| matches!(&x.kind, StepKind::Input { source: Source::Yours { field } } if field == "uncertainty.seed")));
        }
        other => panic!("{other:?}"),
    }
    let sim = outcome_calculator::model::calc::uncertainty::simulate(&s).expect("valid");
    assert_eq!(d.value, sim.npv.p50);
    assert!(
        d.sentence.contains("300 simulations with seed 2026"),
        "{}",
        d.sentence
    );
}

#[test]
fn workings_serialise_and_print() {
    let s = default_scenario();
    let d = explain::explain(&s, "years[2].savings.police").expect("explains");
    let json = serde_json::to_value(&d).expect("serialises");
    assert_eq!(json["path"], "years[2].savings.police");
    assert_eq!(json["step"]["kind"], "operation");
    let text = explain::text::render(&d);
    assert!(text.contains("Working:") && text.contains("What moves this number most"));
}

/// Runs the CLI.
fn cli(args: &[&str]) -> (bool, String, String) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_outcome-calculator"))
        .args(args)
        .output()
        .expect("the CLI runs");
    (
        out.status.success(),
        String::from_utf8(out.stdout).expect("utf-8"),
        String::from_utf8(out.stderr).expect("utf-8"),
    )
}

#[test]
fn the_cli_prints_a_working_as_text_and_as_json() {
    let file = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/docs/examples/derbyshire-family-safeguarding.json"
    );
    let (ok, out, _) = cli(&["--explain", "summary.budget_npv", file]);
    assert!(ok);
    // The opening lines shown in docs/methodology.md are the CLI's.
    let doc = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/methodology.md"))
        .expect("docs/methodology.md");
    let shown = doc
        .split("<!-- explain-example:start -->\n```text\n")
        .nth(1)
        .and_then(|rest| rest.split("```\n<!-- explain-example:end -->").next())
        .expect("the example in docs/methodology.md");
    assert!(
        out.starts_with(shown),
        "docs/methodology.md §8a shows:\n{shown}\nthe CLI prints:\n{out}"
    );
    assert!(
        out.starts_with("Net present budget impact to the council (summary.budget_npv)\n−£9.05m"),
        "{out}"
    );
    assert!(out.contains("Derbyshire's official figure"));
    assert!(out.contains("What moves this number most:\n  1. "));
    let (ok, out, _) = cli(&["--explain-json", "years[2].savings.police", file]);
    assert!(ok);
    let json: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    assert_eq!(json["path"], "years[2].savings.police");
    let (ok, out2, _) = cli(&[
        "--explain",
        "years[2].savings.police",
        "--explain-json",
        file,
    ]);
    assert!(ok);
    assert_eq!(out, out2);
    let (ok, _, err) = cli(&["--explain", "years[9].cost", file]);
    assert!(!ok);
    assert!(
        err.contains("years[9].cost: there is no figure called"),
        "{err}"
    );
    let (ok, out, _) = cli(&["--outputs", file]);
    assert!(ok && out.lines().any(|l| l == "summary.budget_npv"));
    let (ok, out, _) = cli(&["--help"]);
    assert!(ok && out.contains("--explain OUTPUT") && out.contains("--explain-json"));
}

#[test]
fn what_moves_a_figure_links_to_fields_of_the_form() {
    let all = scenarios();
    let (name, s) = all
        .iter()
        .find(|(name, _)| name.contains("everything varied"))
        .expect("the scenario with every programme and a custom one");
    for path in [
        "summary.budget_npv",
        "summary.npv",
        "years[1].savings.police",
        "programmes[5].cost",
    ] {
        let d = explain::explain(s, path).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(!d.sensitive.is_empty(), "{name}: {path}");
        for x in &d.sensitive {
            assert!(
                !x.fields.is_empty() && x.fields.iter().all(|f| is_field(f)),
                "{path}: {:?}",
                x.fields
            );
        }
    }
    assert!(!is_field("programmes[0].no_such_field"));
    assert!(
        is_field("programmes[1].custom.effects[2].central") && is_field("assumptions.ramp_pct[3]")
    );
}

#[test]
fn the_workings_sheet_starts_each_figure_with_its_value() {
    let s = outcome_calculator::model::default_scenario();
    let p = outcome_calculator::model::project(&s).expect("projects");
    let csv = outcome_calculator::model::explain::sheet::headline(&s).expect("a sheet");
    let first = csv
        .lines()
        .find(|l| l.starts_with("summary.budget_npv,1,0,"))
        .expect("the headline's first row");
    let value: f64 = first.split(',').nth(4).unwrap().parse().unwrap();
    assert!((value - p.summary.budget_npv).abs() < 0.005, "{value}");
    // Every row of an input names where it comes from.
    for row in csv.lines().skip(1) {
        assert!(
            !row.ends_with(','),
            "a row with no source or operation: {row}"
        );
    }
}

#[test]
fn a_trend_shows_in_the_working_with_its_figure_and_source() {
    let all = trend_scenarios();
    let inputs_of = |d: &Derivation| -> Vec<Source> {
        d.inputs()
            .into_iter()
            .filter_map(|i| match &i.kind {
                StepKind::Input { source } => Some(source.clone()),
                _ => None,
            })
            .collect()
    };
    // The council's own trend, worked out from the published figures.
    let (_, own) = &all[0];
    let d = explain::explain(own, "summary.npv").expect("explains");
    assert!(inputs_of(&d).iter().any(|s| matches!(s, Source::Cited { field: Some(f), citation, .. } if f == "assumptions.baseline_trends.care_starts_pct" && citation.id == "dfe-cla")));
    let text = explain::text::render(&d);
    assert!(
        text.contains("baseline trend of children starting to be looked after in the year, to 2026-27: ")
            && text.contains("yearly change in child protection plans at 31 March (the council's own trend)")
            && text.contains("worked out from the published figures (assumptions.baseline_trends.cp_plans_pct)")
            && text.contains("years from the council's figures to the end of 2026-27  <- method: the council's figures are at 31 March 2025; 2026-27 ends on 31 March 2027"),
        "{text}"
    );
    // A trend of the user's own, held to counts that follow it.
    let (name, mine) = &all[2];
    let d = explain::explain(mine, "summary.npv").expect("explains");
    assert!(inputs_of(&d).iter().any(|s| matches!(s, Source::Yours { field } if field == "assumptions.baseline_trends.cp_plans_pct")), "{name}");
    let mut held_to_a_trend = false;
    d.walk(&mut |x| {
        if x.label.starts_with("held to the council's") {
            x.walk(&mut |y| held_to_a_trend |= y.label.contains(", on the trend to "));
        }
    });
    assert!(held_to_a_trend, "{name}: no cap follows the trend");
    // Trend figures with a flat baseline change nothing, and show nowhere.
    let mut flat = mine.clone();
    flat.assumptions.baseline = Baseline::Flat;
    let d = explain::explain(&flat, "summary.budget_npv").expect("explains");
    let mut trended = false;
    d.walk(&mut |x| trended |= x.label.contains("trend"));
    assert!(!trended, "a flat baseline shows a trend");
}

#[test]
fn a_custom_benefit_s_working_shows_its_value_cases_adjustment_and_own_drop_off() {
    let all = benefit_scenarios();
    let (name, s) = &all[0];
    // Year 3 (2028-27): the cohort of 2026-27 two years on, of 2027-28 one
    // year on, of 2028-29 in its first year.
    let d = explain::explain(s, "years[2].savings.other_public").expect("a figure");
    assert!((d.evaluate() - d.value).abs() < 0.005, "{name}");
    let mut fields = Vec::new();
    let mut years_since = Vec::new();
    for step in std::iter::once(&d.step).chain(&d.shared) {
        step.walk(&mut |x| {
            if let StepKind::Input { source } = &x.kind {
                if let Source::Yours { field } = source {
                    fields.push(field.clone());
                }
                if x.label == "years since served" {
                    years_since.push(x.value);
                }
            }
        });
    }
    for field in [
        "programmes[0].custom.benefits[1].value",
        "programmes[0].custom.benefits[1].drop_off_pct",
        "programmes[0].cohort",
        "programmes[0].deadweight_pct",
        "programmes[0].attribution_pct",
        "programmes[0].effect_scale_pct",
    ] {
        assert!(fields.iter().any(|f| f == field), "{field} in {fields:?}");
    }
    // Its own drop-off, not the scenario's.
    assert!(
        !fields.iter().any(|f| f == "assumptions.drop_off_pct"),
        "{fields:?}"
    );
    years_since.sort_by(f64::total_cmp);
    years_since.dedup();
    assert_eq!(years_since, [1.0, 2.0]);
    // With one cohort, no cases after the first year and so no cost per
    // case, while the yearly cost runs on in each funded year.
    let (name, s) = &all[1];
    let mut alone = s.clone();
    alone.programmes.remove(0);
    let p = outcome_calculator::model::project(&alone).expect("valid");
    assert!(p.years[0].served > 0.0, "{name}");
    let uplift = 1.0 + alone.assumptions.optimism_bias_costs_pct / 100.0;
    for t in 1..4 {
        assert_eq!(p.years[t].served, 0.0, "{name}: year {t}");
        let yearly = alone.programmes[0].annual_cost * uplift;
        assert!((p.years[t].cost - yearly).abs() < 0.005, "{name}: year {t}");
        let d = explain::explain(&alone, &format!("years[{t}].served")).expect("a figure");
        assert_eq!(d.evaluate(), 0.0);
    }
    assert_eq!(p.years[4].cost, 0.0, "{name}: funding stops after 4 years");
}
