//! The built-in council presets: they match the official files they are
//! generated from, and the published figures and totals.

use std::path::{Path, PathBuf};

use outcome_model::{base::csv, data::presets, data::presets::Preset};

/// The official files the tables are generated from, kept in the
/// repository (`data/official/`, with their sources and licence).
fn data_dir() -> PathBuf {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../..")).join("data/official")
}

/// The preset files, by year. Panics when the folder or a file cannot be
/// read: the repository holds them, so a missing one is a failure, never a
/// reason to check nothing.
fn data_files() -> Vec<(u16, String)> {
    let dir = data_dir();
    let entries = std::fs::read_dir(&dir).unwrap_or_else(|e| {
        panic!(
            "{}: {e}; the official files are part of the repository",
            dir.display()
        )
    });
    let mut files: Vec<(u16, String)> = entries
        .filter_map(|e| {
            let path = e.ok()?.path();
            let year = presets::file_year(path.file_name()?.to_str()?)?;
            Some((year, std::fs::read_to_string(&path).expect("readable file")))
        })
        .collect();
    files.sort();
    let years: Vec<u16> = files.iter().map(|(y, _)| *y).collect();
    assert_eq!(
        years,
        presets::YEARS.to_vec(),
        "{}: one la_presets_YYYY.csv for each built-in year",
        dir.display()
    );
    files
}

#[test]
fn committed_table_is_what_the_generator_writes() {
    let files = data_files();
    let tables: Vec<(u16, Vec<presets::OwnedPreset>)> = files
        .iter()
        .map(|(year, text)| {
            (
                *year,
                presets::parse_table(text, *year).expect("valid file"),
            )
        })
        .collect();
    let committed = std::fs::read_to_string(
        Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
            .join("crates/model/src/data/presets_table.rs"),
    )
    .expect("the table is committed");
    assert!(
        presets::render_table(&tables) == committed,
        "crates/model/src/data/presets_table.rs is out of date: run `cargo run --bin gen-presets`"
    );
    // And the compiled table holds the same presets.
    for (year, parsed) in &tables {
        let mut parsed = parsed.clone();
        parsed.sort_by(|a, b| a.name.cmp(&b.name));
        let built_in: Vec<presets::OwnedPreset> =
            presets::all(*year).iter().map(Preset::owned).collect();
        assert_eq!(built_in, parsed, "{year}");
    }
}

#[test]
fn retired_councils_are_exactly_the_rows_without_figures() {
    let files = data_files();
    for (year, text) in &files {
        let rows = csv::records(text).expect("well-formed csv");
        let mut without_figures: Vec<&str> = rows[1..]
            .iter()
            .filter(|r| {
                r.fields[4..]
                    .iter()
                    .all(|c| matches!(c.as_str(), "" | "c" | "z" | "x" | "u"))
            })
            .map(|r| r.fields[0].as_str())
            .collect();
        without_figures.sort();
        let mut retired: Vec<&str> = presets::RETIRED
            .iter()
            .filter(|r| presets::is_retired(r.code, *year))
            .map(|r| r.code)
            .collect();
        retired.sort();
        assert_eq!(without_figures, retired, "{year}");
        assert_eq!(rows.len() - 1, 155, "{year}: rows in the file");
    }
}

#[test]
fn councils_each_year() {
    let cases: &[(u16, usize)] = &[(2024, 153), (2025, 153), (2023, 0), (2026, 0)];
    for &(year, n) in cases {
        let all = presets::all(year);
        assert_eq!(all.len(), n, "{year}");
        for name in ["Cumbria", "Northamptonshire"] {
            assert!(!all.iter().any(|p| p.name == name), "{name} {year}");
        }
        for code in ["E10000006", "E10000021"] {
            assert!(presets::find(code, year).is_none(), "{code} {year}");
        }
    }
    assert_eq!(presets::LATEST_YEAR, 2025);
}

#[test]
fn hertfordshire() {
    type Get = fn(&Preset) -> Option<u32>;
    let cases: &[(&str, Get, Option<u32>)] = &[
        ("looked after", |p| p.children_looked_after, Some(999)),
        ("cp plans", |p| p.cp_plans, Some(614)),
        ("children in need", |p| p.children_in_need, Some(5_848)),
        ("children", |p| p.population_0_17, Some(277_480)),
        ("care starts", |p| p.care_starts, Some(424)),
        ("care ceased", |p| p.care_ceased, Some(404)),
    ];
    let herts = presets::find("E10000015", 2025).expect("Hertfordshire 2025");
    assert_eq!(herts.name, "Hertfordshire");
    assert_eq!(herts.region, "East of England");
    assert_eq!(presets::latest("e10000015"), Some(herts));
    for (what, get, expected) in cases {
        assert_eq!(get(herts), *expected, "{what}");
    }
}

#[test]
fn sums_match_the_published_england_totals() {
    type Get = fn(&Preset) -> Option<u32>;
    // (year, figure, sum of the council rows, published England total)
    let cases: &[(u16, &str, Get, u64, u64)] = &[
        (
            2025,
            "looked after",
            |p| p.children_looked_after,
            81_766,
            81_770,
        ),
        (2025, "cp plans", |p| p.cp_plans, 49_411, 49_420),
        (
            2025,
            "children in need",
            |p| p.children_in_need,
            402_398,
            402_400,
        ),
        (
            2025,
            "children",
            |p| p.population_0_17,
            12_183_016,
            12_183_016,
        ),
        (
            2024,
            "looked after",
            |p| p.children_looked_after,
            83_529,
            83_530,
        ),
        (
            2024,
            "children",
            |p| p.population_0_17,
            12_059_476,
            12_059_476,
        ),
    ];
    for &(year, what, get, sum, published) in cases {
        let total: u64 = presets::all(year)
            .iter()
            .filter_map(get)
            .map(u64::from)
            .sum();
        assert_eq!(total, sum, "{year} {what}");
        let gap = (published as f64 - total as f64).abs() / published as f64;
        assert!(gap <= 0.001, "{year} {what}: {total} vs {published}");
    }
}

#[test]
fn suppressed_figures_are_none_never_zero() {
    type Get = fn(&Preset) -> Option<u32>;
    let cases: &[(&str, u16, &str, Get, Option<u32>)] = &[
        (
            "E09000001",
            2025,
            "looked after",
            |p| p.children_looked_after,
            None,
        ),
        ("E09000001", 2025, "cp plans", |p| p.cp_plans, None),
        (
            "E09000001",
            2025,
            "care starts",
            |p| p.care_starts,
            Some(15),
        ),
        ("E06000053", 2025, "cp plans", |p| p.cp_plans, None),
        (
            "E06000053",
            2025,
            "looked after",
            |p| p.children_looked_after,
            None,
        ),
        ("E06000053", 2024, "cp plans", |p| p.cp_plans, Some(0)),
        (
            "E10000014",
            2024,
            "children in need",
            |p| p.children_in_need,
            None,
        ),
        ("E10000014", 2024, "cp plans", |p| p.cp_plans, None),
        ("E06000019", 2024, "cin started", |p| p.cin_started, None),
    ];
    for &(code, year, what, get, expected) in cases {
        let p = presets::find(code, year).expect(code);
        assert_eq!(get(p), expected, "{} {year} {what}", p.name);
        let council = p.to_council();
        if what == "looked after" {
            assert_eq!(council.children_looked_after, expected.map(f64::from));
        }
    }
    // The only true zero in the tables is Isles of Scilly's 2024 CP plans.
    let zeros: Vec<(u16, &str)> = presets::YEARS
        .iter()
        .flat_map(|&y| presets::all(y))
        .filter(|p| p.figures().contains(&Some(0)))
        .map(|p| (p.year, p.name))
        .collect();
    assert_eq!(zeros, [(2024, "Isles of Scilly")]);
}

#[test]
fn bad_files_are_clear_errors() {
    let header = presets::COLUMNS.join(",");
    let good = "E10000015,919,Hertfordshire,East of England,277480,999,36,424,404,5848,3559,614";
    let cases: Vec<(String, &str, &str)> = vec![
        (
            format!("{}\n{good}\n", header.replace("cpp_31mar", "cp_plans")),
            "csv line 1",
            "column 12 of the header should be \u{201c}cpp_31mar\u{201d}, not \u{201c}cp_plans\u{201d}",
        ),
        (
            format!("{header}\n{good}\n{}\n", good.replace("E10000015", "E10000016").replace(",5848,", ",12a,")),
            "csv line 3, column cin_31mar",
            "\u{201c}12a\u{201d} is not a number",
        ),
        (
            format!("{header}\r\n{good}\r\n\"E06000023,801,Bristol\r\n"),
            "csv line 3",
            "a quoted field that starts on this line is never closed",
        ),
    ];
    for (text, field, message) in cases {
        let error = presets::parse_table(&text, 2025).expect_err(&text);
        assert_eq!(error.field.to_string(), field);
        assert!(error.message().starts_with(message), "{}", error.message());
    }
}
