//! The table of fields against the scenario type, the link codec,
//! validation and the defaults (`crates/model/tests/field_docs.rs` holds it against the
//! docs).

use std::collections::BTreeSet;

use serde_json::Value;

use super::*;
use crate::base::outcome::Agency;
use crate::base::outcome::Outcome;
use crate::data::evidence::{Grade, Placement};
use crate::scenario::format::{
    Cohorts, Council, CustomBenefit, CustomEffect, CustomMeasure, CustomProgramme,
};
use crate::scenario::link;

/// A scenario with every optional field filled and a custom programme, so
/// that serialising it writes every field of the format.
fn full() -> Scenario {
    let council = Council {
        code: Some("E10000015".into()),
        name: "Hertfordshire".into(),
        data_year: Some(2025),
        population_0_17: Some(250_000.0),
        children_looked_after: Some(1_000.0),
        care_starts: Some(424.0),
        care_ceased: Some(400.0),
        cp_plans: Some(600.0),
        children_in_need: Some(5_000.0),
        care_proceedings: Some(150.0),
        police_incidents: Some(2_000.0),
        emergency_admissions: Some(300.0),
        infant_care_starts: Some(40.0),
        cla_spend_per_child: Some(90_000.0),
    };
    let mut own = ProgrammeChoice::new("custom");
    own.cohort = Some(900.0);
    own.eligible = Some(1_000.0);
    own.placement = Some(Placement::Residential);
    own.cost_per_case = Some(2_000.0);
    own.counterfactual_pct = Some(10.0);
    own.custom = Some(CustomProgramme {
        name: "Our own".into(),
        grade: Grade::Qed,
        effects: vec![CustomEffect {
            outcome: Outcome::CpPlans,
            measure: CustomMeasure::PercentagePoints,
            low: 1.0,
            central: 2.0,
            high: 3.0,
            baseline: Some(20.0),
        }],
        benefits: vec![CustomBenefit {
            name: "Fewer days of school missed".into(),
            agency: Agency::OtherPublic,
            low: 100.0,
            value: 200.0,
            high: 300.0,
            years: 3,
            drop_off_pct: 20.0,
        }],
        cohorts: Cohorts::FirstYearOnly,
        nature: crate::scenario::format::Nature::Illustration,
    });
    let fs = ProgrammeChoice::new("family-safeguarding");
    let mut s = Scenario::new(council, vec![own, fs]);
    s.label = "Everything".into();
    s.assumptions.care_years = Some(2.5);
    s.assumptions.baseline = crate::scenario::format::Baseline::CouncilTrend;
    s.assumptions.baseline_trends = crate::scenario::format::BaselineTrends {
        looked_after_pct: Some(-1.5),
        care_starts_pct: Some(2.0),
        cp_plans_pct: Some(-3.0),
        children_in_need_pct: Some(0.5),
    };
    s
}

/// The paths of the leaves of a JSON value: objects are followed, an array
/// of objects is written `[]` and followed through each item, any other
/// array is a leaf.
fn leaves(value: &Value, path: &str, out: &mut BTreeSet<String>) {
    let join = |name: &str| {
        if path.is_empty() {
            name.to_string()
        } else {
            format!("{path}.{name}")
        }
    };
    match value {
        Value::Object(map) => {
            for (name, v) in map {
                leaves(v, &join(name), out);
            }
        }
        Value::Array(items) if items.first().is_some_and(Value::is_object) => {
            for item in items {
                leaves(item, &format!("{path}[]"), out);
            }
        }
        _ => {
            out.insert(path.to_string());
        }
    }
}

/// The node at a table path in a serialised scenario (`[]` is the first
/// item).
fn node<'a>(value: &'a mut Value, path: &str) -> &'a mut Value {
    let mut node = value;
    for part in path.split('.') {
        let (name, array) = match part.strip_suffix("[]") {
            Some(name) => (name, true),
            None => (part, false),
        };
        node = node.get_mut(name).unwrap_or_else(|| panic!("{path}"));
        if array {
            node = node.get_mut(0).unwrap_or_else(|| panic!("{path}"));
        }
    }
    node
}

#[test]
fn every_field_of_the_scenario_has_exactly_one_entry() {
    let json = serde_json::to_value(full()).unwrap();
    let mut paths = BTreeSet::new();
    leaves(&json, "", &mut paths);
    let table: Vec<&str> = FIELDS.iter().map(|f| f.path).collect();
    let unique: BTreeSet<String> = table.iter().map(|p| p.to_string()).collect();
    assert_eq!(unique.len(), table.len(), "a path is in the table twice");
    let missing: Vec<_> = paths.difference(&unique).collect();
    let extra: Vec<_> = unique.difference(&paths).collect();
    assert!(missing.is_empty(), "fields not in the table: {missing:?}");
    assert!(
        extra.is_empty(),
        "table rows that are not fields: {extra:?}"
    );
}

#[test]
fn every_link_key_is_unique() {
    let mut seen = BTreeSet::new();
    for f in FIELDS {
        let written = match f.link {
            Link::Top(key) => key.to_string(),
            Link::Programme(key) => format!("<id>.{key}"),
            Link::Packed(_) => continue,
        };
        assert!(!written.is_empty(), "{}", f.path);
        assert!(seen.insert(written.clone()), "{written} is used twice");
        // A programme's setting sits inside it; a top-level key never has a dot.
        let in_programme =
            f.path.starts_with("programmes[].") && f.path != "programmes[].programme";
        assert_eq!(
            matches!(f.link, Link::Programme(_)),
            in_programme,
            "{}",
            f.path
        );
    }
    assert_eq!(
        link::keys().len(),
        FIELDS
            .iter()
            .filter(|f| matches!(f.link, Link::Top(_)))
            .count()
    );
}

#[test]
fn each_number_field_reads_and_writes_its_own_path() {
    for f in FIELDS {
        if matches!(f.access, Access::Other) {
            continue;
        }
        let mut s = full();
        let value = match f.bounds {
            Bounds::Range(min, max) => (min + max.min(1e6)) / 2.0,
            _ => panic!("{}: a number field needs a range", f.path),
        };
        let value = if f.kind == Kind::Integer {
            value.round()
        } else {
            value + 0.125
        };
        match f.access {
            Access::Scenario(get, set) => {
                set(&mut s, Some(value));
                assert_eq!(get(&s), Some(value), "{}", f.path);
                set(&mut s, None);
                assert_eq!(get(&s).is_none(), f.blank, "{}: blank", f.path);
                set(&mut s, Some(value));
            }
            Access::Programme(get, set) => {
                let p = &mut s.programmes[0];
                set(p, Some(value));
                assert_eq!(get(p), Some(value), "{}", f.path);
                set(p, None);
                assert_eq!(get(p).is_none(), f.blank, "{}: blank", f.path);
                set(p, Some(value));
            }
            Access::Other => continue,
        }
        let mut json = serde_json::to_value(&s).unwrap();
        let written = node(&mut json, f.path).as_f64();
        assert_eq!(written, Some(value), "{} writes another field", f.path);
    }
}

#[test]
fn number_fields_and_only_they_have_access() {
    for f in FIELDS {
        let number = matches!(
            f.kind,
            Kind::Number | Kind::Integer | Kind::Percent | Kind::Money
        );
        let packed = matches!(f.link, Link::Packed(_));
        let special = ["version", "council.data_year"].contains(&f.path);
        assert_eq!(
            !matches!(f.access, Access::Other),
            number && !packed && !special,
            "{}",
            f.path
        );
        if f.form != Form::None {
            assert!(
                !matches!(f.access, Access::Other),
                "{} is in the form",
                f.path
            );
            assert!(!f.label.is_empty(), "{}", f.path);
        }
        assert!(!f.label.is_empty(), "{} has no label", f.path);
    }
}

#[test]
fn defaults_are_the_format_s_own() {
    let fresh = Scenario::new(Council::default(), vec![ProgrammeChoice::new("pause")]);
    for f in FIELDS {
        let value = match f.access {
            Access::Scenario(get, _) => get(&fresh),
            Access::Programme(get, _) => get(&fresh.programmes[0]),
            Access::Other => continue,
        };
        match f.preset {
            Preset::Blank | Preset::Programme => assert_eq!(value, None, "{}", f.path),
            Preset::Convention(x) => assert_eq!(value, Some(x), "{}", f.path),
            Preset::Cited => {
                let cited = f
                    .cited()
                    .unwrap_or_else(|| panic!("{} has no source", f.path));
                let expected = if f.blank { None } else { Some(cited.value) };
                assert_eq!(value, expected, "{}", f.path);
            }
            Preset::Required | Preset::Word(_) => panic!("{}: a number's default", f.path),
        }
    }
    // Every sourced default fills a field (or the fields of one object) of
    // the table, which says so.
    for s in crate::data::defaults::sourced_all() {
        let rows: Vec<&Field> = FIELDS
            .iter()
            .filter(|f| f.path == s.field || f.path.starts_with(&format!("{}.", s.field)))
            .collect();
        assert!(!rows.is_empty(), "{} is not in the table", s.field);
        assert!(!s.unit().is_empty(), "{}", s.field);
        if rows.len() == 1 {
            assert_eq!(rows[0].preset, Preset::Cited, "{}", s.field);
        }
    }
}

#[test]
fn every_word_a_choice_allows_is_read_and_no_other() {
    for f in FIELDS {
        let Bounds::Words(words) = f.bounds else {
            continue;
        };
        for word in words.iter().chain(&["nonsense"]) {
            let mut json = serde_json::to_value(full()).unwrap();
            *node(&mut json, f.path) = Value::String(word.to_string());
            let read = serde_json::from_value::<Scenario>(json);
            assert_eq!(read.is_ok(), *word != "nonsense", "{}: {word}", f.path);
        }
    }
}

#[test]
fn every_number_round_trips_through_a_link_exactly() {
    let awkward = [0.1 + 0.2, 1.0 / 3.0, 1e-7, 123_456.789_012_345];
    for f in FIELDS {
        let Bounds::Range(min, max) = f.bounds else {
            continue;
        };
        let mut values = vec![Some(min), Some(max)];
        if f.kind != Kind::Integer {
            values.extend(awkward.iter().map(|a| Some(min + (max - min) * a / 1e6)));
        }
        if f.blank {
            values.push(None);
        }
        for v in values {
            let mut s = full();
            s.programmes.truncate(1);
            match f.access {
                Access::Scenario(_, set) => set(&mut s, v),
                Access::Programme(_, set) => set(&mut s.programmes[0], v),
                Access::Other => continue,
            }
            let q = link::to_query(&s);
            assert_eq!(link::from_query(&q), Ok(s), "{}: {q}", f.path);
        }
    }
}

#[test]
fn each_number_out_of_bounds_is_refused_by_its_path() {
    for f in FIELDS {
        let Bounds::Range(min, max) = f.bounds else {
            continue;
        };
        for v in [min - 1.0, max + 1.0] {
            let mut s = full();
            let path = match f.access {
                Access::Scenario(get, set) => {
                    set(&mut s, Some(v));
                    if get(&s) != Some(v) {
                        continue; // not representable: an unsigned or 16-bit field
                    }
                    f.path.to_string()
                }
                Access::Programme(get, set) => {
                    set(&mut s.programmes[0], Some(v));
                    assert_eq!(get(&s.programmes[0]), Some(v));
                    f.path.replace("[]", "[0]")
                }
                Access::Other => continue,
            };
            let errors = crate::validate(&s).expect_err(f.path);
            assert!(
                errors.iter().any(
                    |e| e.field == crate::base::error::Location::Field(path.clone())
                        && e.kind == crate::ErrorKind::OutOfRange { min, max }
                ),
                "{path} = {v}: {errors:?}"
            );
        }
    }
}
