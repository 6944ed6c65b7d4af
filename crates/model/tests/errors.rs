//! Every kind of error the model raises, raised the way a reader meets it
//! (a scenario, a typed figure, a link, a council code, a file), one row
//! each: the place is data (a field's path, or a file's line and column),
//! the kind carries its figures and names, its code is its JSON `kind`, and
//! its words are lower case after the place they name.

mod council_file;

use council_file::data;
use outcome_model::base::error::Location;
use outcome_model::base::outcome::{Agency, Outcome};
use outcome_model::context::council_data::{bundle, CouncilData};
use outcome_model::context::neighbour_compare::{compare, half_way_counts, half_way_scenario};
use outcome_model::context::{history, neighbours, spend};
use outcome_model::data::evidence::Grade;
use outcome_model::data::presets;
use outcome_model::import::dfe;
use outcome_model::scenario::format::{Cohorts, CustomMeasure, Nature};
use outcome_model::scenario::validate::{MAX_CUSTOM, MAX_PROGRAMMES, MAX_TEXT, MAX_YEARS};
use outcome_model::scenario::{council_preset, link, parse};
use outcome_model::{
    default_scenario, validate, CustomBenefit, CustomEffect, CustomProgramme, Error, ErrorKind,
    ProgrammeChoice, Scenario,
};

const HISTORY: &str = include_str!("../../../data/official/la_history.csv");
const NEIGHBOURS: &str = include_str!("../../../data/official/statistical_neighbours_2025.csv");
const SPEND: &str = include_str!("../../../data/official/la_spend_2024_25.csv");
const PRESETS: &str = include_str!("../../../data/official/la_presets_2025.csv");

/// The header and the first `rows` rows of an official file.
fn head(text: &str, rows: usize) -> String {
    text.lines()
        .take(rows + 1)
        .map(|l| format!("{l}\n"))
        .collect()
}

/// The first error of a check of `s`, after `spoil`.
fn invalid(spoil: impl FnOnce(&mut Scenario)) -> Error {
    let mut s = default_scenario();
    spoil(&mut s);
    validate(&s).expect_err("refused").remove(0)
}

/// A custom programme with these effects and benefits.
fn custom(effects: Vec<CustomEffect>, benefits: Vec<CustomBenefit>) -> impl FnOnce(&mut Scenario) {
    move |s: &mut Scenario| {
        let mut p = ProgrammeChoice::new("custom");
        p.cohort = Some(100.0);
        p.cost_per_case = Some(1_000.0);
        p.custom = Some(CustomProgramme {
            name: "Ours".into(),
            grade: Grade::Qed,
            effects,
            benefits,
            cohorts: Cohorts::default(),
            nature: Nature::default(),
        });
        s.programmes = vec![p];
    }
}

fn effect(low: f64, central: f64, high: f64) -> CustomEffect {
    CustomEffect {
        outcome: Outcome::CareEntries,
        measure: CustomMeasure::Relative,
        low,
        central,
        high,
        baseline: None,
    }
}

fn benefit(low: f64, value: f64, high: f64) -> CustomBenefit {
    CustomBenefit {
        name: "Fewer call-outs".into(),
        agency: Agency::Police,
        low,
        value,
        high,
        years: 1,
        drop_off_pct: 0.0,
    }
}

#[test]
fn each_kind_carries_its_data_and_names_its_place() {
    let unknown_keys: String = (0..5).map(|i| format!("zz{i}=1&")).collect();
    let many_problems: String = (0..15).map(|i| format!("horizon_years=x{i}&")).collect();
    let long = "x".repeat(MAX_TEXT + 1);
    let two_bad_years = format!("{}{}", head(HISTORY, 1), HISTORY.lines().nth(1).unwrap());
    let twice_listed = format!("{}{}", head(SPEND, 1), SPEND.lines().nth(1).unwrap());
    let own_neighbour = {
        let row = NEIGHBOURS.lines().nth(1).unwrap();
        let code = row.split(',').next().unwrap();
        let first = row.split(',').nth(3).unwrap();
        format!("{}{}\n", head(NEIGHBOURS, 0), row.replacen(first, code, 1))
    };
    let herts = compare(data(), "E10000015", 2025).expect("a current council");
    let mut nobody = herts.clone();
    nobody.rows.clear();

    // (the error, its place in words, its code, the words it must hold,
    // what its data must be)
    type Data = fn(&ErrorKind) -> bool;
    let cases: Vec<(Error, String, &str, &str, Data)> = vec![
        (
            invalid(|s| s.label = long.clone()),
            "label".into(),
            "too_long",
            "use at most 200 characters",
            |k| matches!(k, ErrorKind::TooLong { max, .. } if *max == MAX_TEXT),
        ),
        (
            invalid(|s| s.programmes.clear()),
            "programmes".into(),
            "wrong_length",
            "choose at least one programme",
            |k| {
                matches!(k, ErrorKind::WrongLength { .. })
            },
        ),
        (
            invalid(|s| {
                let p = s.programmes[0].clone();
                s.programmes = vec![p; MAX_PROGRAMMES + 1];
            }),
            "programmes".into(),
            "wrong_length",
            "choose at most 10 programmes",
            |k| matches!(k, ErrorKind::WrongLength { .. }),
        ),
        (
            invalid(|s| s.assumptions.ramp_pct = vec![100.0; MAX_YEARS as usize + 1]),
            "assumptions.ramp_pct".into(),
            "wrong_length",
            "for 1 to 20 years",
            |k| matches!(k, ErrorKind::WrongLength { .. }),
        ),
        (
            invalid(custom(Vec::new(), Vec::new())),
            "programmes[0].custom.effects".into(),
            "wrong_length",
            "give at least one effect or one benefit",
            |k| matches!(k, ErrorKind::WrongLength { .. }),
        ),
        (
            invalid(custom(vec![effect(1.0, 2.0, 3.0); MAX_CUSTOM + 1], Vec::new())),
            "programmes[0].custom.effects".into(),
            "wrong_length",
            "give at most 10 effects",
            |k| matches!(k, ErrorKind::WrongLength { .. }),
        ),
        (
            invalid(custom(Vec::new(), vec![benefit(1.0, 2.0, 3.0); MAX_CUSTOM + 2])),
            "programmes[0].custom.benefits".into(),
            "wrong_length",
            "give at most 10 benefits",
            |k| matches!(k, ErrorKind::WrongLength { .. }),
        ),
        (
            invalid(custom(vec![effect(5.0, 2.0, 3.0)], Vec::new())),
            "programmes[0].custom.effects[0].central".into(),
            "out_of_order",
            "the low value must not exceed the central",
            |k| {
matches!(k, ErrorKind::OutOfOrder { .. })
            },
        ),
        (
            invalid(custom(Vec::new(), vec![benefit(1.0, 4.0, 3.0)])),
            "programmes[0].custom.benefits[0].value".into(),
            "out_of_order",
            "nor the value the high",
            |k| {
matches!(k, ErrorKind::OutOfOrder { .. })
            },
        ),
        (
            Error::new(
                "council.care_starts",
                parse::number("12,5").expect_err("a decimal comma"),
            ),
            "council.care_starts".into(),
            "decimal_comma",
            "write decimals with a point",
            |k| matches!(k, ErrorKind::DecimalComma { .. }),
        ),
        (
            link::from_query(&unknown_keys).expect_err("unknown keys").remove(0),
            "link".into(),
            "unknown_settings",
            "5 settings in it are not known",
            |k| {
                matches!(k, ErrorKind::UnknownSettings { .. })
            },
        ),
        (
            link::from_query(&many_problems)
                .expect_err("bad numbers")
                .pop()
                .unwrap(),
            "link".into(),
            "more_problems",
            "and 6 more problems like these",
            |k| matches!(k, ErrorKind::MoreProblems { .. }),
        ),
        (
            link::from_parts(&["Somewhere".to_string()])
                .expect_err("no query")
                .remove(0),
            "scenario".into(),
            "damaged",
            "it is incomplete",
            |k| matches!(k, ErrorKind::Damaged { .. }),
        ),
        (
            council_preset::unknown("E99999999", 2025),
            "council".into(),
            "unknown_council",
            "no council in England has the code \u{201c}E99999999\u{201d}",
            |k| matches!(k, ErrorKind::UnknownCouncil { .. }),
        ),
        (
            council_preset::unknown("e10000006", 2025),
            "council".into(),
            "abolished",
            "Cumbria (E10000006) was abolished on 1 April 2023: choose Cumberland or Westmorland and Furness",
            |k| matches!(k, ErrorKind::Abolished { .. }),
        ),
        (
            presets::parse_table(&PRESETS.replacen(",66465,", ",-4,", 1), 2025).unwrap_err(),
            "csv line 2, column pop_0_17".into(),
            "bad_count",
            "below zero",
            |k| matches!(k, ErrorKind::BadCount { .. }),
        ),
        (
            presets::parse_table(&PRESETS.replacen(",65,", ",-6.5,", 1), 2025).unwrap_err(),
            "csv line 2, column cla_rate_per_10k".into(),
            "bad_cell",
            "is not a rate",
            |k| matches!(k, ErrorKind::BadCell { .. }),
        ),
        (
            presets::parse_table("", 2025).unwrap_err(),
            "csv line 1".into(),
            "empty_file",
            "the file is empty",
            |k| matches!(k, ErrorKind::EmptyFile { .. }),
        ),
        (
            presets::parse_table(&PRESETS.replacen("region", "area", 1), 2025).unwrap_err(),
            "csv line 1".into(),
            "wrong_columns",
            "column 4 of the header should be",
            |k| matches!(k, ErrorKind::WrongColumns { .. }),
        ),
        (
            presets::parse_table(
                &format!("{}{}", head(PRESETS, 1), PRESETS.lines().nth(1).unwrap()),
                2025,
            )
            .unwrap_err(),
            "csv line 3, column new_la_code".into(),
            "conflict",
            "E09000002 is already on line 2",
            |k| matches!(k, ErrorKind::Conflict { .. }),
        ),
        (
            history::parse_table(&two_bad_years).unwrap_err(),
            "csv line 3, column year".into(),
            "conflict",
            "E09000002 has two rows for 2013",
            |k| matches!(k, ErrorKind::Conflict { .. }),
        ),
        (
            history::parse_table(&head(HISTORY, 1).replacen(",2013,", ",1999,", 1)).unwrap_err(),
            "csv line 2, column year".into(),
            "bad_cell",
            "1999 is not a year from",
            |k| matches!(k, ErrorKind::BadCell { .. }),
        ),
        (
            history::parse_table(&head(HISTORY, 1).replacen(",55725,", ",557.5,", 1)).unwrap_err(),
            "csv line 2, column pop_0_17".into(),
            "bad_count",
            "is not a count of children",
            |k| matches!(k, ErrorKind::BadCount { .. }),
        ),
        (
            spend::parse_table(&twice_listed).unwrap_err(),
            "csv line 3, column new_la_code".into(),
            "conflict",
            "E09000002 is listed twice",
            |k| matches!(k, ErrorKind::Conflict { .. }),
        ),
        (
            neighbours::parse_table("").unwrap_err(),
            "csv line 1".into(),
            "empty_file",
            "the file is empty",
            |k| matches!(k, ErrorKind::EmptyFile { .. }),
        ),
        (
            neighbours::parse_table("a,b\n").unwrap_err(),
            "csv line 1".into(),
            "wrong_columns",
            "a neighbours file has the columns",
            |k| matches!(k, ErrorKind::WrongColumns { .. }),
        ),
        (
            neighbours::parse_table(&own_neighbour).unwrap_err(),
            "csv line 2, column sn1_code".into(),
            "bad_cell",
            "the council itself",
            |k| matches!(k, ErrorKind::BadCell { .. }),
        ),
        (
            neighbours::parse_table(&head(NEIGHBOURS, 1).replacen(",Close,", ",Near,", 1))
                .unwrap_err(),
            "csv line 2, column sn1_closeness".into(),
            "bad_cell",
            "\u{201c}Near\u{201d} is not a closeness band",
            |k| matches!(k, ErrorKind::BadCell { .. }),
        ),
        (
            CouncilData::from_bundle(&bundle(&[("la_history.csv", HISTORY)])).unwrap_err(),
            "council data".into(),
            "missing_file",
            "the council data has no la_spend_2022_23.csv",
            |k| matches!(k, ErrorKind::MissingFile { .. }),
        ),
        (
            CouncilData::from_module("export default 1;").unwrap_err(),
            "council data".into(),
            "not_a_known_file",
            "not the module the generator writes",
            |k| matches!(k, ErrorKind::NotAKnownFile { .. }),
        ),
        (
            half_way_counts(&nobody, data(), &[]).unwrap_err(),
            "council".into(),
            "unknown_council",
            "no council to compare",
            |k| matches!(k, ErrorKind::UnknownCouncil { .. }),
        ),
        (
            half_way_scenario(&default_scenario(), &herts, data()).unwrap_err(),
            "council".into(),
            "no_figure",
            "Hertfordshire is at or below its neighbours' median",
            |k| matches!(k, ErrorKind::NoFigure { .. }),
        ),
        (
            dfe::import(&[], None).unwrap_err(),
            "files".into(),
            "missing_file",
            "choose one or more files",
            |k| matches!(k, ErrorKind::MissingFile { .. }),
        ),
        (
            dfe::import(&[("presets.csv", head(PRESETS, 1).as_bytes())], None).unwrap_err(),
            "presets.csv".into(),
            "no_year",
            "comes from its name",
            |k| matches!(k, ErrorKind::NoYear { .. }),
        ),
    ];
    for (error, place, code, words, data) in cases {
        assert_eq!(error.field.to_string(), place, "{error}");
        assert_eq!(error.code(), code, "{error}");
        assert!(data(&error.kind), "{error}: {:?}", error.kind);
        let message = error.message();
        assert!(message.contains(words), "{error}");
        // Lower case, but for a name the message opens with.
        assert!(
            message.starts_with(|c: char| !c.is_uppercase()) || message.starts_with(words),
            "lower case: {message}"
        );
        assert_eq!(error.to_string(), format!("{place}: {message}"));
        let json = serde_json::to_value(&error).unwrap();
        assert_eq!(json["kind"], code, "{json}");
        assert_eq!(json["field"], place.as_str(), "{json}");
    }
}

#[test]
fn a_place_in_a_file_is_its_line_and_column_as_data() {
    let e = presets::parse_table(&PRESETS.replacen(",66465,", ",12.5,", 1), 2025).unwrap_err();
    let Location::File(place) = &e.field else {
        panic!("{e}: a place in the file");
    };
    assert_eq!(place.line, 2);
    assert_eq!(place.column.as_deref(), Some("pop_0_17"));
    assert_eq!(e.field.file_line(), Some(2));
    let named = e.in_file("la_presets_2025.csv");
    assert_eq!(
        named.to_string(),
        "la_presets_2025.csv line 2, column pop_0_17: \u{201c}12.5\u{201d} is not a whole number of children"
    );
}
