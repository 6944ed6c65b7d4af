//! Loading the official DfE underlying-data files: each layout is read,
//! the files merge into the built-in figures, and wrong or damaged files give
//! clear errors.

use std::path::Path;

use outcome_model::data::presets::{self, OwnedPreset, Preset};
use outcome_model::import::dfe::{self, FileKind, Import};
use outcome_model::{base::csv, base::error::Location, Error};

const CLA_NAME: &str = "cla_number_and_rate_per_10k_children.csv";
const CIN_NAME: &str = "b1_children_in_need_2013_to_2025.csv";
const CPP_NAME: &str = "d5_cpps_at31march_by_duration_2013_to_2025.csv";
const COMPACT_NAME: &str = "la_presets_2025.csv";

const CLA: &str =
    include_str!("../../../tests/fixtures/dfe/cla_number_and_rate_per_10k_children.csv");
const CIN: &str = include_str!("../../../tests/fixtures/dfe/b1_children_in_need_2013_to_2025.csv");
const CPP: &str =
    include_str!("../../../tests/fixtures/dfe/d5_cpps_at31march_by_duration_2013_to_2025.csv");
const COMPACT: &str = include_str!("../../../tests/fixtures/dfe/la_presets_2025.csv");

/// The councils of the fixtures that exist in 2025 (Cumbria does not).
const CODES: [&str; 5] = [
    "E06000023", // Bristol, City of
    "E09000001", // City of London
    "E10000014", // Hampshire
    "E10000015", // Hertfordshire
    "E06000053", // Isles of Scilly
];

fn load(files: &[(&str, &str)], year: Option<u16>) -> Result<Import, Error> {
    let files: Vec<(&str, &[u8])> = files.iter().map(|(n, t)| (*n, t.as_bytes())).collect();
    dfe::import(&files, year)
}

fn all_three() -> [(&'static str, &'static str); 3] {
    [(CLA_NAME, CLA), (CIN_NAME, CIN), (CPP_NAME, CPP)]
}

fn built_in(code: &str, year: u16) -> OwnedPreset {
    presets::find(code, year)
        .unwrap_or_else(|| panic!("{code} {year} is built in"))
        .owned()
}

fn council<'a>(import: &'a Import, code: &str) -> &'a OwnedPreset {
    import
        .councils
        .iter()
        .find(|p| p.code == code)
        .unwrap_or_else(|| panic!("{code} is imported"))
}

/// The 1-based line of the first line of `text` that contains all of `parts`.
fn line_of(text: &str, parts: &[&str]) -> usize {
    text.lines()
        .position(|l| parts.iter().all(|p| l.contains(p)))
        .map(|i| i + 1)
        .unwrap_or_else(|| panic!("a line with {parts:?}"))
}

/// Writes rows as CSV with CRLF endings, quoting fields that need it.
fn write_csv(rows: &[Vec<String>]) -> String {
    let mut out = String::new();
    for row in rows {
        let fields: Vec<String> = row
            .iter()
            .map(|f| {
                if f.contains([',', '"', '\r', '\n']) {
                    format!("\"{}\"", f.replace('"', "\"\""))
                } else {
                    f.clone()
                }
            })
            .collect();
        out.push_str(&fields.join(","));
        out.push_str("\r\n");
    }
    out
}

/// Which of the seven figures a file gives.
type Gives = [bool; 7];

#[test]
fn each_layout_is_detected_and_read() {
    // (file, kind, rows used, councils, which figures it gives)
    let cases: [(&str, &str, FileKind, usize, usize, Gives); 4] = [
        (
            CLA_NAME,
            CLA,
            FileKind::LookedAfter,
            15,
            5,
            [true, true, true, true, false, false, false],
        ),
        (
            CIN_NAME,
            CIN,
            FileKind::ChildrenInNeed,
            5,
            5,
            [false, false, false, false, true, true, false],
        ),
        // City of London and the Isles of Scilly have no published figure
        // for child protection plans, so the file alone gives them nothing.
        (
            CPP_NAME,
            CPP,
            FileKind::ProtectionPlans,
            3,
            3,
            [false, false, false, false, false, false, true],
        ),
        (
            COMPACT_NAME,
            COMPACT,
            FileKind::CompactPresets,
            5,
            5,
            [true; 7],
        ),
    ];
    for (name, text, kind, rows, councils, gives) in cases {
        let header = &csv::records(text).expect("fixture is csv")[0].fields;
        assert_eq!(dfe::detect(header), Some(kind), "{name}");

        let import = load(&[(name, text)], None).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(import.year, 2025, "{name}");
        assert_eq!(import.files, [(kind, rows)], "{name}");
        assert_eq!(import.councils.len(), councils, "{name}");
        assert!(
            import.councils.windows(2).all(|w| w[0].name < w[1].name),
            "{name}: sorted by name"
        );
        for p in &import.councils {
            let want = built_in(&p.code, 2025);
            assert_eq!(
                (&p.name, &p.old_code, &p.region, p.year),
                (&want.name, &want.old_code, &want.region, want.year),
                "{name} {}",
                p.code
            );
            for (i, (found, expected)) in p.figures().iter().zip(want.figures()).enumerate() {
                let expected = if gives[i] { expected } else { None };
                assert_eq!(*found, expected, "{name} {} figure {i}", p.code);
            }
        }
    }
}

#[test]
fn three_files_merge_into_the_published_figures() {
    let import = load(&all_three(), None).expect("the fixtures load");
    assert_eq!(import.year, 2025);
    assert_eq!(
        import.files,
        [
            (FileKind::LookedAfter, 15),
            (FileKind::ChildrenInNeed, 5),
            (FileKind::ProtectionPlans, 5),
        ]
    );
    assert_eq!(
        council(&import, "E10000015"),
        &Preset {
            code: "E10000015".to_string(),
            old_code: "919".to_string(),
            name: "Hertfordshire".to_string(),
            region: "East of England".to_string(),
            year: 2025,
            population_0_17: Some(277_480),
            children_looked_after: Some(999),
            care_starts: Some(424),
            care_ceased: Some(404),
            children_in_need: Some(5_848),
            cin_started: Some(3_559),
            cp_plans: Some(614),
        }
    );
    let mut expected: Vec<OwnedPreset> = CODES.iter().map(|c| built_in(c, 2025)).collect();
    expected.sort_by(|a, b| a.name.cmp(&b.name));
    assert_eq!(import.councils, expected);
    assert!(
        import
            .warnings
            .iter()
            .any(|w| w.contains("no longer existed") && w.contains("Cumbria")),
        "{:?}",
        import.warnings
    );

    // The order of the files does not matter, and neither does adding the
    // calculator's own table with the same figures.
    let [cla, cin, cpp] = all_three();
    for files in [
        vec![cpp, cla, cin],
        vec![cin, cpp, cla],
        vec![cla, cin, cpp, (COMPACT_NAME, COMPACT)],
    ] {
        assert_eq!(load(&files, None).expect("loads").councils, expected);
    }

    // 2024, asked for, is the 2024 table.
    let earlier = load(&all_three(), Some(2024)).expect("2024 loads");
    assert_eq!(earlier.year, 2024);
    let mut expected: Vec<OwnedPreset> = CODES.iter().map(|c| built_in(c, 2024)).collect();
    expected.sort_by(|a, b| a.name.cmp(&b.name));
    assert_eq!(earlier.councils, expected);
}

#[test]
fn two_year_time_periods_are_the_year_at_31_march() {
    let financial = |text: &str| {
        text.replace("2025,Reporting year", "202425,Financial year")
            .replace("2024,Reporting year", "202324,Financial year")
    };
    let (cla, cin, cpp) = (financial(CLA), financial(CIN), financial(CPP));
    assert!(cla.contains("\r\n202425,Financial year,Local authority"));
    let import = load(
        &[(CLA_NAME, &cla), (CIN_NAME, &cin), (CPP_NAME, &cpp)],
        None,
    )
    .expect("loads");
    assert_eq!(import.year, 2025);
    assert_eq!(
        import.councils,
        load(&all_three(), None).expect("loads").councils
    );
    let earlier = load(&[(CLA_NAME, &cla)], Some(2024)).expect("loads");
    assert_eq!(
        council(&earlier, "E10000015").children_looked_after,
        Some(971)
    );
}

#[test]
fn suppressed_figures_are_no_figure_never_zero() {
    let y2025 = load(&all_three(), None).expect("loads");
    let y2024 = load(&all_three(), Some(2024)).expect("loads");
    type Figure = fn(&OwnedPreset) -> Option<u32>;
    let cases: [(&Import, &str, &str, Figure, Option<u32>); 8] = [
        (&y2025, "E09000001", "c", |p| p.children_looked_after, None),
        (&y2025, "E09000001", "c", |p| p.cp_plans, None),
        (&y2025, "E09000001", "15", |p| p.care_starts, Some(15)),
        (&y2025, "E06000053", "z", |p| p.children_looked_after, None),
        (&y2025, "E06000053", "z", |p| p.care_ceased, None),
        (&y2024, "E10000014", "u", |p| p.children_in_need, None),
        (&y2024, "E10000014", "u", |p| p.cp_plans, None),
        (&y2024, "E06000053", "0", |p| p.cp_plans, Some(0)),
    ];
    for (import, code, cell, figure, expected) in cases {
        assert_eq!(
            figure(council(import, code)),
            expected,
            "{code} {} ({cell})",
            import.year
        );
    }

    // Every suppression code, in any case, and a blank cell.
    for code in ["c", "z", "x", "u", "k", "low", "LOW", ":", "C", ""] {
        let text = CPP.replace(
            "Hertfordshire,Child Protection Plans by length of time,614,",
            &format!("Hertfordshire,Child Protection Plans by length of time,{code},"),
        );
        let import = load(&[(CPP_NAME, &text)], None).expect("loads");
        assert!(
            import.councils.iter().all(|p| p.code != "E10000015"),
            "{code:?}: Hertfordshire has no figure left"
        );
        assert_eq!(import.councils.len(), 2, "{code:?}");
    }
}

#[test]
fn columns_are_found_by_name_in_any_order_and_case() {
    let expected = load(&all_three(), None).expect("loads").councils;
    let shuffled: Vec<String> = [CLA, CIN, CPP]
        .iter()
        .map(|text| {
            let mut rows: Vec<Vec<String>> = csv::parse(text).expect("csv");
            for row in &mut rows {
                row.reverse();
            }
            if let Some(header) = rows.first_mut() {
                for name in header.iter_mut() {
                    *name = format!(" {} ", name.to_uppercase());
                }
                header.push("an_extra_column".to_string());
            }
            for row in rows.iter_mut().skip(1) {
                row.push("ignored".to_string());
            }
            write_csv(&rows)
        })
        .collect();
    let import = load(
        &[
            (CLA_NAME, &shuffled[0]),
            (CIN_NAME, &shuffled[1]),
            (CPP_NAME, &shuffled[2]),
        ],
        None,
    )
    .expect("loads");
    assert_eq!(import.councils, expected);

    // Earlier releases of the looked-after file name two columns and one
    // population type differently.
    let older = CLA
        .replace(",population_type,", ",population_count,")
        .replace(",children_count,", ",number,")
        .replace("looked after on 31 March", "looked after at 31 March");
    let import = load(
        &[(CLA_NAME, &older), (CIN_NAME, CIN), (CPP_NAME, CPP)],
        None,
    )
    .expect("the older layout loads");
    assert_eq!(import.councils, expected);

    // LF line endings and a byte order mark.
    let lf = format!("\u{feff}{}", CIN.replace("\r\n", "\n"));
    assert_eq!(
        load(&[(CIN_NAME, &lf)], None).expect("loads").councils,
        load(&[(CIN_NAME, CIN)], None).expect("loads").councils
    );
}

#[test]
fn regions_come_from_the_built_in_table_when_a_file_has_none() {
    let rows: Vec<Vec<String>> = csv::parse(CPP).expect("csv");
    let keep: Vec<usize> = (0..rows[0].len())
        .filter(|&i| rows[0][i] != "region_name")
        .collect();
    let without: Vec<Vec<String>> = rows
        .iter()
        .map(|r| keep.iter().map(|&i| r[i].clone()).collect())
        .collect();
    let import = load(&[(CPP_NAME, &write_csv(&without))], None).expect("loads");
    assert_eq!(council(&import, "E10000015").region, "East of England");
    assert_eq!(council(&import, "E06000023").region, "South West");
}

#[test]
fn latest_year_and_files_without_it() {
    // The looked-after file without its 2025 rows: 2025 is still the latest
    // year, and the file adds nothing, with a warning.
    let only_2024: String = CLA
        .split_inclusive("\r\n")
        .filter(|l| !l.starts_with("2025,"))
        .collect();
    let import = load(
        &[(CLA_NAME, &only_2024), (CIN_NAME, CIN), (CPP_NAME, CPP)],
        None,
    )
    .expect("loads");
    assert_eq!(import.year, 2025);
    assert_eq!(import.files[0], (FileKind::LookedAfter, 0));
    assert_eq!(council(&import, "E10000015").children_looked_after, None);
    assert_eq!(council(&import, "E10000015").children_in_need, Some(5_848));
    assert!(
        import
            .warnings
            .iter()
            .any(|w| w.starts_with(CLA_NAME) && w.contains("no figures for 2025")),
        "{:?}",
        import.warnings
    );
}

#[test]
fn identical_duplicates_are_not_conflicts() {
    let import = load(&[(CIN_NAME, CIN), ("copy.csv", CIN)], None).expect("loads");
    assert_eq!(
        import.files,
        [(FileKind::ChildrenInNeed, 5), (FileKind::ChildrenInNeed, 5)]
    );
    assert_eq!(import.councils.len(), 5);
}

/// Files given to `import`: (name, bytes).
type Files = Vec<(&'static str, Vec<u8>)>;

#[test]
fn bad_files_are_clear_errors() {
    let herts_cla = line_of(CLA, &["Hertfordshire", "looked after on"]);
    let herts_cpp = line_of(CPP, &["2025,", "Hertfordshire"]);
    let herts_compact = line_of(COMPACT, &["Hertfordshire"]);
    let bristol_cin = line_of(CIN, &["2025,", "Bristol"]);
    let truncated_quote = &CIN[..CIN.find("\"Bristol").expect("Bristol") + 5];
    let truncated_row = &CIN[..CIN.find("2025,Reporting year,Local").expect("row") + 40];
    let duplicate = CPP.replacen(
        "2024,Reporting year,National",
        "2025,Reporting year,Local authority,E92000001,England,E12000006,East of England,\
         919,E10000015,Hertfordshire,Child Protection Plans by length of time,615,1,1,1,1,1,\
         1,1,1,1,1\r\n2024,Reporting year,National",
        1,
    );
    let conflict = format!(
        "two different figures for child protection plans in 2025 for Hertfordshire \
         (E10000015): 615 here and 614 on line {herts_cpp}"
    );
    let across = format!("614 here and 613 on {COMPACT_NAME} line {herts_compact}");
    let compact_613 = COMPACT.replace(",5848,3559,614", ",5848,3559,613");
    let mut zip = b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00".to_vec();
    zip.extend_from_slice(&[0xff, 0xfe, 0x00, 0x9c, 0x13]);

    // (files, year, field of the error, words in its message)
    let cases: Vec<(Files, Option<u16>, String, &str)> = vec![
        (
            vec![("notes.csv", b"code,name\r\nE1,x\r\n".to_vec())],
            None,
            "notes.csv line 1".to_string(),
            "this is not one of the dfe files the calculator reads",
        ),
        (
            vec![(
                CLA_NAME,
                CLA.replace(",277480,999,36", ",277480,12a,36").into(),
            )],
            None,
            format!("{CLA_NAME} line {herts_cla}, column children_count"),
            "\u{201c}12a\u{201d} is not a number",
        ),
        (
            vec![(CPP_NAME, CPP.replace(",614,217,", ",-614,217,").into())],
            None,
            format!("{CPP_NAME} line {herts_cpp}, column CPP_At31"),
            "below zero",
        ),
        (
            vec![(CIN_NAME, truncated_quote.into())],
            None,
            format!("{CIN_NAME} line {bristol_cin}"),
            "never closed",
        ),
        (
            vec![(CIN_NAME, truncated_row.into())],
            None,
            format!("{CIN_NAME} line 4"),
            "this row has 4 fields but the first row has 19",
        ),
        (
            vec![("download.csv", zip)],
            None,
            "download.csv".to_string(),
            "the file is not a csv text file",
        ),
        (
            vec![(
                "latin1.csv",
                [CIN.as_bytes(), b"2025,Reporting year,Caf\xe9\r\n"].concat(),
            )],
            None,
            "latin1.csv line 16".to_string(),
            "the file is not a csv text file in utf-8",
        ),
        (
            vec![("empty.csv", Vec::new())],
            None,
            "empty.csv".to_string(),
            "the file is empty",
        ),
        (
            vec![("blank.csv", b"\r\n\r\n  \r\n".to_vec())],
            None,
            "blank.csv".to_string(),
            "the file is empty",
        ),
        (
            vec![(
                CIN_NAME,
                CIN.lines().take(3).collect::<Vec<_>>().join("\r\n").into(),
            )],
            None,
            CIN_NAME.to_string(),
            "no local-authority rows",
        ),
        (
            vec![(
                CIN_NAME,
                CIN.replacen("2025,Reporting year,Local", "20x5,Reporting year,Local", 1)
                    .into(),
            )],
            None,
            format!("{CIN_NAME} line 4, column time_period"),
            "\u{201c}20x5\u{201d} is not a year",
        ),
        (
            vec![(CIN_NAME, CIN.replacen(",la_name,", ",la_nom,", 1).into())],
            None,
            format!("{CIN_NAME} line 1"),
            "no \u{201c}la_name\u{201d} column",
        ),
        (
            vec![(CPP_NAME, CPP.replacen("E10000015", "Herts", 1).into())],
            None,
            format!("{CPP_NAME} line {herts_cpp}, column new_la_code"),
            "\u{201c}herts\u{201d} is not an ons code",
        ),
        (
            vec![(CPP_NAME, CPP.replacen(",Hertfordshire,", ",,", 1).into())],
            None,
            format!("{CPP_NAME} line {herts_cpp}, column la_name"),
            "this cell is blank",
        ),
        (
            vec![(
                CIN_NAME,
                CIN.replace("Children in Need", "Boys")
                    .replacen("Boys", "Girls", 3)
                    .into(),
            )],
            None,
            format!("{CIN_NAME}, column category"),
            "none of the categories is the total for all children",
        ),
        (
            vec![(CLA_NAME, CLA.into()), (CIN_NAME, CIN.into())],
            Some(2019),
            "year".to_string(),
            "no council figures for 2019: they hold 2024 to 2025",
        ),
        (
            vec![(CPP_NAME, duplicate.into())],
            None,
            format!(
                "{CPP_NAME} line {}, column CPP_At31",
                line_of(CPP, &["2024,", "National"])
            ),
            &conflict,
        ),
        (
            vec![(COMPACT_NAME, compact_613.into()), (CPP_NAME, CPP.into())],
            None,
            format!("{CPP_NAME} line {herts_cpp}, column CPP_At31"),
            &across,
        ),
        (
            vec![("presets.csv", COMPACT.into())],
            None,
            "presets.csv".to_string(),
            "comes from its name",
        ),
        (
            vec![(COMPACT_NAME, COMPACT.replace(",999,", ",9x9,").into())],
            None,
            format!("{COMPACT_NAME} line {herts_compact}, column cla_31mar"),
            "\u{201c}9x9\u{201d} is not a number",
        ),
        (
            Vec::new(),
            None,
            "files".to_string(),
            "choose one or more files",
        ),
    ];
    // The kind of each case's error, in the order of the cases: what a
    // program reads, never the words.
    let codes = [
        "not_a_known_file",
        "not_a_number",
        "bad_count",
        "bad_quote",
        "wrong_field_count",
        "not_text",
        "not_text",
        "empty_file",
        "empty_file",
        "no_rows",
        "bad_cell",
        "wrong_columns",
        "bad_cell",
        "bad_cell",
        "no_rows",
        "no_rows",
        "conflict",
        "conflict",
        "no_year",
        "not_a_number",
        "missing_file",
    ];
    assert_eq!(codes.len(), cases.len());
    for ((files, year, field, words), code) in cases.into_iter().zip(codes) {
        let given: Vec<(&str, &[u8])> = files.iter().map(|(n, b)| (*n, b.as_slice())).collect();
        let names: Vec<&str> = files.iter().map(|(n, _)| *n).collect();
        let error = dfe::import(&given, year).expect_err(&field);
        assert_eq!(error.field.to_string(), field, "{names:?}: {error}");
        assert_eq!(error.code(), code, "{names:?}: {error}");
        let message = error.message();
        assert!(
            message.to_lowercase().contains(&words.to_lowercase()),
            "{names:?}: {message}"
        );
        assert!(
            message.starts_with(|c: char| !c.is_uppercase()),
            "{names:?}: {message}"
        );
    }
}

#[test]
fn applying_an_import_of_the_same_year_keeps_the_built_in_figures() {
    let table = presets::all(2025);
    let import = load(&[(CPP_NAME, &CPP.replace(",614,217,", ",700,217,"))], None)
        .expect("loads")
        .apply(table);
    assert_eq!(import.year, 2025);
    assert_eq!(import.councils.len(), table.len());
    let herts = council(&import, "E10000015");
    assert_eq!(herts.cp_plans, Some(700), "the import replaces");
    assert_eq!(herts.children_looked_after, Some(999), "the built-in stays");
    for p in &import.councils {
        if p.code != "E10000015" {
            assert_eq!(p, &built_in(&p.code, 2025));
        }
    }
    assert!(
        !import.warnings.iter().any(|w| w.contains("not mixed")),
        "{:?}",
        import.warnings
    );

    // The three files of 2025 give back the built-in table.
    let full = load(&all_three(), None).expect("loads").apply(table);
    let expected: Vec<OwnedPreset> = table.iter().map(Preset::owned).collect();
    assert_eq!(full.councils, expected);
}

#[test]
fn applying_a_newer_import_never_mixes_years() {
    let newer = CLA.replace("2025,Reporting year", "2026,Reporting year");
    let import = load(&[(CLA_NAME, &newer)], None).expect("loads");
    assert_eq!(import.year, 2026);
    let applied = import.apply(presets::all(2025));
    assert_eq!(applied.year, 2026);
    assert_eq!(applied.councils.len(), presets::all(2025).len());
    assert!(applied.councils.iter().all(|p| p.year == 2026));

    let herts = council(&applied, "E10000015");
    assert_eq!(
        herts.figures(),
        [
            Some(277_480),
            Some(999),
            Some(424),
            Some(404),
            None,
            None,
            None
        ]
    );
    let leeds = council(&applied, "E08000035");
    assert_eq!(leeds.name, "Leeds");
    assert_eq!(leeds.figures(), [None; 7]);

    let warned = |words: &[&str]| {
        applied
            .warnings
            .iter()
            .any(|w| words.iter().all(|x| w.contains(x)))
    };
    assert!(
        warned(&[
            "148 councils are not in the loaded files and have no 2026 figures",
            "Barking and Dagenham",
            "the built-in figures are for 2025",
        ]),
        "{:#?}",
        applied.warnings
    );
    assert!(
        warned(&[
            "no 2026 figure for child protection plans for 3 councils",
            "Hertfordshire"
        ]),
        "{:#?}",
        applied.warnings
    );
    assert!(
        warned(&[
            "no 2026 figure for children in need for",
            "b1_children_in_need"
        ]),
        "{:#?}",
        applied.warnings
    );
}

/// The official 2025 table read through `import` is the built-in 2025
/// table.
#[test]
fn the_official_table_round_trips() {
    let dir = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../..")).join("data/official");
    for year in presets::YEARS {
        let name = format!("la_presets_{year}.csv");
        let bytes = std::fs::read(dir.join(&name)).unwrap_or_else(|e| {
            panic!(
                "{}: {e}; the official files are part of the repository",
                dir.join(&name).display()
            )
        });
        let import = dfe::import(&[(name.as_str(), bytes.as_slice())], None)
            .expect("the official file loads");
        let expected: Vec<OwnedPreset> = presets::all(*year).iter().map(Preset::owned).collect();
        assert_eq!(import.year, *year);
        assert_eq!(import.files, [(FileKind::CompactPresets, expected.len())]);
        assert_eq!(import.councils, expected, "{year}");
        assert_eq!(import.apply(presets::all(*year)).councils, expected);
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod props {
    use super::*;
    use proptest::prelude::*;

    const FIXTURES: [(&str, &str); 4] = [
        (CLA_NAME, CLA),
        (CIN_NAME, CIN),
        (CPP_NAME, CPP),
        (COMPACT_NAME, COMPACT),
    ];

    /// An edit of a file: at a position (a fraction of its length), delete,
    /// insert or replace bytes.
    #[derive(Debug, Clone)]
    enum Edit {
        Delete(f64, usize),
        Insert(f64, Vec<u8>),
        Replace(f64, u8),
        Truncate(f64),
    }

    fn edit() -> impl Strategy<Value = Edit> {
        let at = 0.0..1.0f64;
        let bytes = prop_oneof![
            3 => proptest::collection::vec(
                prop::sample::select(b",\"\r\n0123456789cxzuk:.- E\xc3\xa9".to_vec()),
                1..4,
            ),
            1 => proptest::collection::vec(any::<u8>(), 1..4),
        ];
        prop_oneof![
            (at.clone(), 1usize..6).prop_map(|(a, n)| Edit::Delete(a, n)),
            (at.clone(), bytes).prop_map(|(a, b)| Edit::Insert(a, b)),
            (at.clone(), any::<u8>()).prop_map(|(a, b)| Edit::Replace(a, b)),
            at.prop_map(Edit::Truncate),
        ]
    }

    fn apply(text: &str, edits: &[Edit]) -> Vec<u8> {
        let mut bytes = text.as_bytes().to_vec();
        let index = |bytes: &Vec<u8>, at: f64| ((bytes.len() as f64) * at) as usize;
        for e in edits {
            match e {
                Edit::Delete(at, n) => {
                    let i = index(&bytes, *at).min(bytes.len());
                    let end = (i + n).min(bytes.len());
                    bytes.drain(i..end);
                }
                Edit::Insert(at, new) => {
                    let i = index(&bytes, *at).min(bytes.len());
                    bytes.splice(i..i, new.iter().copied());
                }
                Edit::Replace(at, b) => {
                    let i = index(&bytes, *at);
                    if let Some(slot) = bytes.get_mut(i) {
                        *slot = *b;
                    }
                }
                Edit::Truncate(at) => {
                    let i = index(&bytes, *at);
                    bytes.truncate(i);
                }
            }
        }
        bytes
    }

    fn check(result: Result<Import, Error>) -> Result<(), TestCaseError> {
        match result {
            Ok(import) => {
                for p in &import.councils {
                    prop_assert_eq!(p.year, import.year);
                    prop_assert_eq!(p.code.len(), 9);
                    prop_assert!(!p.name.is_empty());
                }
            }
            Err(error) => {
                prop_assert!(!error.field.to_string().is_empty());
                prop_assert!(!error.message().is_empty());
            }
        }
        Ok(())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        #[test]
        fn random_bytes_never_panic(
            bytes in proptest::collection::vec(any::<u8>(), 0..512),
            name in prop::sample::select(vec![CLA_NAME, COMPACT_NAME, "x.csv", ""]),
            year in proptest::option::of(2020u16..2030),
        ) {
            let result = dfe::import(&[(name, &bytes)], year);
            if let Ok(import) = &result {
                let _ = import.apply(presets::all(2025));
            }
        }

        #[test]
        fn damaged_files_never_panic(
            which in 0usize..4,
            edits in proptest::collection::vec(edit(), 1..5),
            year in proptest::option::of(2023u16..2027),
        ) {
            let (name, text) = FIXTURES[which];
            let damaged = apply(text, &edits);
            let result = dfe::import(&[(name, &damaged)], year);
            if let Ok(import) = &result {
                let applied = import.apply(presets::all(2025));
                prop_assert!(applied.councils.iter().all(|p| p.year == import.year));
            }
            check(result)?;
        }

        #[test]
        fn damaged_files_with_good_ones_never_panic(
            which in 0usize..4,
            edits in proptest::collection::vec(edit(), 1..3),
        ) {
            let (name, text) = FIXTURES[which];
            let damaged = apply(text, &edits);
            let mut files: Vec<(&str, &[u8])> =
                FIXTURES.iter().map(|(n, t)| (*n, t.as_bytes())).collect();
            files[which] = (name, &damaged);
            check(dfe::import(&files, None))?;
        }
    }
}

/// UTF-16 text (as Excel's "Unicode text" writes it) is named as such, not
/// taken for a spreadsheet or a zip file.
#[test]
fn utf16_files_are_named_as_utf16() {
    let mut le = vec![0xFF, 0xFE];
    le.extend(CIN.encode_utf16().flat_map(u16::to_le_bytes));
    let mut be_no_mark = Vec::new();
    be_no_mark.extend(CIN.encode_utf16().flat_map(u16::to_be_bytes));
    for bytes in [le, be_no_mark] {
        let e = dfe::import(&[(CIN_NAME, &bytes)], None).unwrap_err();
        assert_eq!(e.field, Location::Field(CIN_NAME.into()));
        assert_eq!(e.code(), "not_text");
        let m = e.message();
        assert!(m.contains("UTF-16") && m.contains("CSV UTF-8"), "{m}");
        assert!(!m.contains("spreadsheet"), "{m}");
    }
}

/// Too large a file, too many rows or too many councils are refused with a
/// message naming the file, before the figures are read.
#[test]
fn size_rows_and_councils_are_limited() {
    let big = vec![b'a'; dfe::MAX_FILE_BYTES + 1];
    let e = dfe::import(&[(CIN_NAME, &big)], None).unwrap_err();
    assert_eq!(e.field, Location::Field(CIN_NAME.into()));
    assert_eq!(e.code(), "too_large");
    assert!(e.message().contains("larger than 20 MB"), "{}", e.message());
    assert_eq!(dfe::too_large(CIN_NAME).to_string(), e.to_string());

    let header = CIN.lines().next().unwrap();
    let row = CIN
        .lines()
        .find(|l| l.contains("Hertfordshire") && l.starts_with("2025"))
        .expect("a Hertfordshire row");
    // Short rows: counted before they are read.
    let blank = format!("{}\n", ",".repeat(header.matches(',').count()));
    let many_rows = format!("{header}\n{}", blank.repeat(dfe::MAX_ROWS + 1));
    let e = load(&[(CIN_NAME, &many_rows)], None).unwrap_err();
    assert_eq!(e.field, Location::Field(CIN_NAME.into()));
    assert_eq!(e.code(), "too_large");
    assert!(
        e.message().contains("more rows than the 200000"),
        "{}",
        e.message()
    );

    // 20,130 invented councils: refused, naming how many.
    let mut invented = String::from(header);
    invented.push('\n');
    for i in 0..(dfe::MAX_COUNCILS + 1) {
        invented.push_str(&row.replace("E10000015", &format!("E1{:07}", 9_000_000 + i)));
        invented.push('\n');
    }
    let e = load(&[(CIN_NAME, &invented)], None).unwrap_err();
    assert_eq!(e.field, Location::Field("files".into()));
    assert_eq!(e.code(), "too_large");
    assert!(e.message().contains("401 councils"), "{}", e.message());
}
