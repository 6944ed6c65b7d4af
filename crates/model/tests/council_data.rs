//! The council history, spending and neighbour tables: the council data
//! file (`www/data/council-data.js`, the one form the page, the CLI and
//! these tests read) is exactly what the generator writes from the official
//! files, and its figures agree with the checks published in
//! `data/official/SOURCES.md`.
//!
//! These tests fail (they never skip) when the data folder is absent: the
//! data file must always be checked against its source.

use std::path::{Path, PathBuf};

mod council_file;

use outcome_model::base::error::Location;
use outcome_model::context::council_data::{self, CouncilData};
use outcome_model::context::history::{self, Measure};
use outcome_model::context::neighbours::{self, Closeness};
use outcome_model::context::spend::{self, SpendCaveat, SpendYear};
use outcome_model::data::published::Published;

fn root() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
}

fn official(name: &str) -> String {
    let path: PathBuf = root().join("data/official").join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e}; the official files are part of the repository (data/official/)",
            path.display()
        )
    })
}

/// The council data, read from the file as the CLI and the page read it.
fn d() -> &'static CouncilData {
    council_file::data()
}

const OUT_OF_DATE: &str = "is out of date: run `cargo run --bin gen-council-data`";

#[test]
fn row_counts() {
    // SOURCES.md, "Row counts".
    let per_year: &[(u16, usize)] = &[
        (2013, 152),
        (2014, 152),
        (2015, 152),
        (2016, 152),
        (2017, 152),
        (2018, 152),
        (2019, 152),
        (2020, 151),
        (2021, 151),
        (2022, 152),
        (2023, 152),
        (2024, 153),
        (2025, 153),
    ];
    for &(year, n) in per_year {
        let rows = d()
            .history
            .iter()
            .filter(|s| s.cell(year, Measure::Population).is_some())
            .count();
        assert_eq!(rows, n, "history {year}");
    }
    let total: usize = d().history.iter().map(|s| s.rows.len()).sum();
    assert_eq!(total, 1976);
    for (year, n) in [
        (SpendYear::Y2022_23, 152),
        (SpendYear::Y2023_24, 153),
        (SpendYear::Y2024_25, 153),
    ] {
        assert_eq!(d().spend_rows(year).len(), n, "{}", year.label());
    }
    assert_eq!(d().neighbours.len(), 153);
}

#[test]
fn hertfordshire() {
    let cases: &[(u16, Measure, Option<f64>)] = &[
        (2025, Measure::LookedAfter, Some(999.0)),
        (2025, Measure::CpPlans, Some(614.0)),
        (2025, Measure::ChildrenInNeed, Some(5_848.0)),
        (2025, Measure::Population, Some(277_480.0)),
        (2024, Measure::LookedAfter, Some(971.0)),
        (2013, Measure::CpPlans, Some(578.0)),
        (2018, Measure::LookedAfter, None),
    ];
    for &(year, measure, expected) in cases {
        let got = history::figure(&d().history, "E10000015", year, measure).expect("a row");
        assert_eq!(got.value(), expected, "{year} {measure:?}");
    }
    assert_eq!(
        history::series(&d().history, "E10000015", Measure::CpPlans).len(),
        13
    );
    let s = spend::council_spend(
        d().spend_rows(SpendYear::Y2024_25),
        "e10000015",
        SpendYear::Y2024_25,
    )
    .expect("a row");
    assert_eq!(s.name, "Hertfordshire");
    assert_eq!(s.cla_total, Some(120_818_050.0));
    assert_eq!(s.total_childrens_social_care, Some(246_884_480.0));
    let n = neighbours::neighbours(&d().neighbours, "E10000015").expect("neighbours");
    assert_eq!(n.name, "Hertfordshire");
}

#[test]
fn england_row_sums_match_the_published_check() {
    // SOURCES.md, "England totals published by DfE vs sum of council rows":
    // the "rows" figures.
    let cases: &[(u16, Measure, f64)] = &[
        (2013, Measure::ChildrenInNeed, 367_358.0),
        (2013, Measure::CpPlans, 42_510.0),
        (2013, Measure::Population, 11_265_306.0),
        (2019, Measure::LookedAfter, 78_141.0),
        (2021, Measure::CareCeased, 28_116.0),
        (2024, Measure::CinStarted, 371_895.0),
        (2025, Measure::LookedAfter, 81_766.0),
        (2025, Measure::CareStarts, 32_265.0),
        (2025, Measure::CpPlans, 49_411.0),
        (2025, Measure::ChildrenInNeed, 402_398.0),
        (2025, Measure::Population, 12_183_016.0),
    ];
    for &(year, measure, expected) in cases {
        let got = history::england_series(&d().history, measure)
            .into_iter()
            .find(|(y, _)| *y == year)
            .and_then(|(_, v)| v);
        assert_eq!(got, Some(expected), "{year} {measure:?}");
    }
    // No looked-after figures before 2019: none, not zero.
    let cla = history::england_series(&d().history, Measure::LookedAfter);
    assert!(cla
        .iter()
        .filter(|(y, _)| *y < 2019)
        .all(|(_, v)| v.is_none()));
}

#[test]
fn codes_are_never_zero() {
    for s in &d().history {
        for (year, figures) in &s.rows {
            for (m, cell) in Measure::ALL.iter().zip(figures) {
                if !matches!(cell, Published::Value(_)) {
                    assert_eq!(
                        history::figure(&d().history, &s.code, *year, *m)
                            .unwrap()
                            .value(),
                        None
                    );
                    assert!(cell.why_missing().is_some());
                }
            }
        }
    }
    // Birmingham's 2024-25 return was not received: every figure is missing.
    let b = spend::council_spend(
        d().spend_rows(SpendYear::Y2024_25),
        "E08000025",
        SpendYear::Y2024_25,
    )
    .unwrap();
    assert_eq!(b.caveats, [SpendCaveat::ReturnNotReceived]);
    for v in [
        b.cla_total,
        b.cla_residential,
        b.cla_fostering,
        b.cla_other,
        b.safeguarding,
        b.family_support,
        b.total_childrens_social_care,
    ] {
        assert_eq!(v, None);
    }
    // Gateshead 2024-25 gave only the looked-after total.
    let g = spend::council_spend(
        d().spend_rows(SpendYear::Y2024_25),
        "E08000037",
        SpendYear::Y2024_25,
    )
    .unwrap();
    assert_eq!(g.caveats, [SpendCaveat::ClaBreakdownNotProvided]);
    assert!(g.cla_total.is_some());
    assert_eq!(
        (g.cla_residential, g.cla_fostering, g.cla_other),
        (None, None, None)
    );
}

#[test]
fn returns_not_received_match_the_notes() {
    // SOURCES.md, "Rows with a Notes entry" (M: values [x]).
    let cases: &[(SpendYear, &[&str])] = &[
        (SpendYear::Y2024_25, &["Birmingham", "Cumberland", "Slough"]),
        (
            SpendYear::Y2023_24,
            &[
                "Barking and Dagenham",
                "Birmingham",
                "Bradford",
                "Calderdale",
                "Cornwall",
                "North Somerset",
                "Redbridge",
                "Somerset",
                "Thurrock",
                "Walsall",
                "Westmorland and Furness",
            ],
        ),
        (
            SpendYear::Y2022_23,
            &["Birmingham", "Slough", "Thurrock", "Torbay"],
        ),
    ];
    for (year, expected) in cases {
        let mut got: Vec<String> = d()
            .spend_rows(*year)
            .iter()
            .filter_map(|r| spend::council_spend(d().spend_rows(*year), &r.code, *year))
            .filter(|s| s.caveats.contains(&SpendCaveat::ReturnNotReceived))
            .map(|s| s.name)
            .collect();
        got.sort();
        assert_eq!(got, expected.to_vec(), "{}", year.label());
    }
}

#[test]
fn cla_lines_that_do_not_add_up_match_the_published_check() {
    // SOURCES.md, "Councils where the four CLA sub-lines do not add to
    // cla_total (>£1k)".
    let cases: &[(SpendYear, &[&str])] = &[
        (SpendYear::Y2024_25, &[]),
        (SpendYear::Y2023_24, &["Richmond upon Thames"]),
        (
            SpendYear::Y2022_23,
            &[
                "Harrow",
                "Kingston upon Thames",
                "North Yorkshire",
                "Plymouth",
                "Richmond upon Thames",
                "Sandwell",
                "Warrington",
            ],
        ),
    ];
    for (year, expected) in cases {
        let mut got: Vec<String> = d()
            .spend_rows(*year)
            .iter()
            .filter_map(|r| spend::council_spend(d().spend_rows(*year), &r.code, *year))
            .filter(|s| s.caveats.contains(&SpendCaveat::ClaLinesDoNotAddUp))
            .map(|s| s.name)
            .collect();
        got.sort();
        assert_eq!(got, expected.to_vec(), "{}", year.label());
    }
}

#[test]
fn flagged_councils_still_look_as_the_caveats_describe() {
    // Sandwell: almost nothing on the looked-after lines, tens of millions
    // under other children's and families services, every year.
    for year in SpendYear::ALL {
        let s = spend::council_spend(d().spend_rows(year), "E08000028", year).unwrap();
        assert!(s.caveats.contains(&SpendCaveat::ClaRecordedElsewhere));
        assert!(s.cla_total.unwrap().abs() < 1_000_000.0, "{}", year.label());
        assert!(s.other_children_family_services.unwrap() > 50_000_000.0);
        assert_eq!(
            spend::per_child(d().spend_rows(year), &d().history, "E08000028", year).ok(),
            None
        );
    }
    // 2023-24: Harrow reported no looked-after spending, Richmond no
    // sub-lines, Southwark a negative total.
    let y = SpendYear::Y2023_24;
    let harrow = spend::council_spend(d().spend_rows(y), "E09000015", y).unwrap();
    assert_eq!(harrow.cla_total, Some(0.0));
    let richmond = spend::council_spend(d().spend_rows(y), "E09000027", y).unwrap();
    assert_eq!(richmond.cla_residential, Some(0.0));
    let southwark = spend::council_spend(d().spend_rows(y), "E09000028", y).unwrap();
    assert!(southwark.cla_total.unwrap() < 0.0);
    for s in [harrow, richmond, southwark] {
        assert!(
            s.caveats.contains(&SpendCaveat::ClaUnreliable),
            "{}",
            s.name
        );
        assert_eq!(
            spend::per_child(d().spend_rows(y), &d().history, &s.code, y).ok(),
            None
        );
    }
}

/// Looked-after spend over the average of the two 31 March counts, with no
/// caveat applied, as `SOURCES.md` computes it for its check.
fn raw_per_child(code: &str, year: SpendYear) -> Option<f64> {
    let total = spend::council_spend(d().spend_rows(year), code, year)?.cla_total?;
    let start =
        history::figure(&d().history, code, year.ends() - 1, Measure::LookedAfter)?.value()?;
    let end = history::figure(&d().history, code, year.ends(), Measure::LookedAfter)?.value()?;
    Some(total / ((start + end) / 2.0))
}

#[test]
fn spend_per_child_matches_the_published_check() {
    // SOURCES.md, "Spend per looked-after child": councils computed and
    // their median (£k), then councils with a usable figure here (the
    // flagged councils left out).
    let cases: &[(SpendYear, usize, f64, usize)] = &[
        (SpendYear::Y2024_25, 148, 106.3, 147),
        (SpendYear::Y2023_24, 140, 90.4, 136),
        (SpendYear::Y2022_23, 147, 78.6, 146),
    ];
    for &(year, n, median_k, usable) in cases {
        let raw: Vec<Option<f64>> = d()
            .spend_rows(year)
            .iter()
            .map(|r| raw_per_child(&r.code, year))
            .filter(Option::is_some)
            .collect();
        assert_eq!(raw.len(), n, "{}", year.label());
        // SOURCES.md takes the upper of the two middle values of an even
        // count.
        let mut sorted: Vec<f64> = raw.iter().flatten().copied().collect();
        sorted.sort_by(f64::total_cmp);
        let median = sorted[sorted.len() / 2];
        assert_eq!(
            (median / 100.0).round() / 10.0,
            median_k,
            "{}",
            year.label()
        );
        let got = d()
            .spend_rows(year)
            .iter()
            .filter_map(|r| {
                spend::per_child(d().spend_rows(year), &d().history, &r.code, year).ok()
            })
            .count();
        assert_eq!(got, usable, "{}", year.label());
    }
    // Hertfordshire 2024-25: £120,818.05k / ((971 + 999) / 2).
    let herts = spend::per_child(
        d().spend_rows(SpendYear::Y2024_25),
        &d().history,
        "E10000015",
        SpendYear::Y2024_25,
    )
    .ok()
    .unwrap();
    assert!((herts - 120_818_050.0 / 985.0).abs() < 1e-6);
}

#[test]
fn neighbours_are_current_councils() {
    let mut bands = [0usize; 5];
    for n in &d().neighbours {
        assert!(history::figure(&d().history, &n.code, 2025, Measure::Population).is_some());
        for (code, band) in &n.neighbours {
            assert!(
                neighbours::neighbours(&d().neighbours, code).is_some(),
                "{code}"
            );
            bands[Closeness::ALL.iter().position(|b| b == band).unwrap()] += 1;
        }
    }
    // SOURCES.md: Extremely close 12, Very close 820, Close 513, Somewhat
    // close 136, Not close 49.
    assert_eq!(bands, [12, 820, 513, 136, 49]);
}

#[test]
fn bad_files_are_refused_with_the_line() {
    let head = history::COLUMNS.join(",");
    let cases: &[(&str, &str)] = &[
        ("E1,1,A,2013,12a,,,,,,", "csv line 2, column pop_0_17"),
        ("E1,1,A,2013,-3,,,,,,", "csv line 2, column pop_0_17"),
        ("E1,1,A,2013,1.5,,,,,,", "csv line 2, column pop_0_17"),
        ("E1,1,A,1999,1,,,,,,", "csv line 2, column year"),
        (
            "E1,1,A,2013,1,,,,,,\nE1,1,A,2013,1,,,,,,",
            "csv line 3, column year",
        ),
        (
            "E1,1,A,2013,1,,,,,,\nE1,2,A,2014,1,,,,,,",
            "csv line 3, column new_la_code",
        ),
    ];
    for (rows, field) in cases {
        let err = history::parse_table(&format!("{head}\n{rows}\n")).unwrap_err();
        assert_eq!(err.field.to_string(), *field, "{rows}");
    }
    assert!(spend::parse_table("a,b\n").is_err());
    assert!(neighbours::parse_table("a,b\n").is_err());
}

#[test]
fn the_bundle_the_page_loads_is_the_official_files() {
    let files: Vec<(String, String)> = council_data::bundle_files()
        .into_iter()
        .map(|name| {
            let text = official(&name);
            (name, text)
        })
        .collect();
    let refs: Vec<(&str, &str)> = files
        .iter()
        .map(|(n, t)| (n.as_str(), t.as_str()))
        .collect();
    let text = council_data::bundle(&refs);
    let committed = std::fs::read_to_string(root().join(council_data::BUNDLE_PATH))
        .expect("the bundle is committed");
    assert!(
        council_data::bundle_module(&text) == committed,
        "{} {OUT_OF_DATE}",
        council_data::BUNDLE_PATH
    );
    // It reads back as exactly the official files read one by one, and as
    // the data the CLI and these tests take in.
    let loaded = CouncilData::from_bundle(&text).expect("a valid bundle");
    assert!(loaded == *d());
    let history = history::parse_table(&official("la_history.csv")).expect("valid file");
    assert!(loaded.history == history);
    for year in SpendYear::ALL {
        let rows = spend::parse_table(&official(&year.file_name())).expect("valid file");
        assert!(
            loaded.spend_rows(year) == rows.as_slice(),
            "{}",
            year.label()
        );
    }
    let neighbours =
        neighbours::parse_table(&official("statistical_neighbours_2025.csv")).expect("valid file");
    assert!(loaded.neighbours == neighbours);
    assert!(council_file::MODULE == committed);
    // And a damaged bundle names the file.
    let err = CouncilData::from_bundle(&text.replace(
        "E10000015,919,Hertfordshire,2013,255703",
        "E10000015,919,Hertfordshire,2013,25a",
    ))
    .unwrap_err();
    let Location::File(place) = &err.field else {
        panic!("a place in a file: {err:?}");
    };
    assert_eq!(
        (place.file.as_deref(), place.line, place.column.as_deref()),
        (Some("la_history.csv"), 55, Some("pop_0_17"))
    );
    assert_eq!(
        err.field.to_string(),
        "la_history.csv line 55, column pop_0_17"
    );
    assert!(CouncilData::from_bundle("").is_err());
}

#[test]
fn figures_read_exactly_as_the_standard_parser_reads_them() {
    use outcome_model::base::csv;
    use outcome_model::data::published;
    let mut checked = 0;
    for name in council_data::bundle_files() {
        for row in csv::records(&official(&name)).unwrap().iter().skip(1) {
            for cell in &row.fields[3..] {
                if let Ok(expected) = cell.parse::<f64>() {
                    let got = published::read(cell, "cell").unwrap().value();
                    assert_eq!(got.map(f64::to_bits), Some(expected.to_bits()), "{cell}");
                    checked += 1;
                }
            }
        }
    }
    assert!(checked > 18_000, "{checked}");
    let cases: &[(&str, Option<f64>)] = &[
        ("-20", Some(-20.0)),
        (".5", Some(0.5)),
        ("39182.99959", Some(39182.99959)),
        ("0.1", Some(0.1)),
        ("1e3", None),
        ("1,000", None),
        ("--1", None),
        ("1.2.3", None),
        ("1234567890123456", None),
        ("", None),
    ];
    for (cell, expected) in cases {
        let got = published::read(cell, "cell").ok().and_then(|p| p.value());
        assert_eq!(got, *expected, "{cell}");
    }
}

#[test]
fn every_council_in_the_picker_has_history_and_neighbours() {
    use outcome_model::data::presets;
    for &year in presets::YEARS {
        for p in presets::all(year) {
            let s = history::find(&d().history, p.code)
                .unwrap_or_else(|| panic!("{} has no history", p.name));
            assert_eq!(
                s.value(year, Measure::Population),
                p.population_0_17.map(f64::from)
            );
            assert!(
                neighbours::neighbours(&d().neighbours, p.code).is_some(),
                "{} has no neighbours",
                p.name
            );
        }
    }
}
