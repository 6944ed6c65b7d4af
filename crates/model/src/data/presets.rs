//! Council presets: each English council's published figures at 31 March,
//! ready to fill a scenario's council
//! ([`crate::scenario::council_preset`]).
//!
//! The figures come from the Department for Education's *Children looked
//! after in England including adoption* and *Characteristics of children in
//! need*, with ONS mid-year estimates of children aged 0 to 17, as kept in
//! `data/official/la_presets_YYYY.csv`. The tables in
//! `presets_table.rs` are generated from those files by
//! `cargo run --bin gen-presets` (which calls [`parse_table`] and
//! [`render_table`]); a test checks they still match.
//!
//! A figure the official tables suppress (`c` confidential, `z` not
//! applicable, `x` not available, `u` low reliability) or leave blank is
//! `None`, never zero. Anything showing these figures must carry [`CREDIT`].

use crate::base::csv;
use crate::base::error::{Error, ErrorKind, Location};

#[rustfmt::skip]
#[path = "presets_table.rs"]
mod table;

/// Attribution required by the Open Government Licence wherever the preset
/// figures are shown.
pub const CREDIT: &str = "Contains public sector information licensed under the Open Government Licence v3.0. Source: Department for Education; Office for National Statistics.";

/// The latest year (at 31 March) with presets.
pub const LATEST_YEAR: u16 = table::LATEST;

/// Every year (at 31 March) with presets, oldest first.
pub const YEARS: &[u16] = &table::YEARS;

/// One council's published figures at 31 March of `year`. Counts are numbers
/// of children; `None` is "no published figure" (suppressed or blank).
///
/// `Preset` (the default, with `&'static str` text) is what the built-in
/// tables hold; [`OwnedPreset`] is what [`parse_table`] reads from a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Preset<S = &'static str> {
    /// ONS code, e.g. `E10000015`.
    pub code: S,
    /// The Department for Education's three-digit code, e.g. `919`.
    pub old_code: S,
    /// Council name as DfE publishes it, e.g. `Bristol, City of`.
    pub name: S,
    /// Region (London is split into Inner and Outer London).
    pub region: S,
    /// Year of the figures: at 31 March of this year, or for the year to it.
    pub year: u16,
    /// Children aged 0 to 17 (the ONS estimate DfE uses for its rates).
    pub population_0_17: Option<u32>,
    /// Children looked after at 31 March.
    pub children_looked_after: Option<u32>,
    /// Children starting to be looked after in the year to 31 March.
    pub care_starts: Option<u32>,
    /// Children ceasing to be looked after in the year to 31 March.
    pub care_ceased: Option<u32>,
    /// Children in need at 31 March.
    pub children_in_need: Option<u32>,
    /// Children in need episodes started in the year to 31 March.
    pub cin_started: Option<u32>,
    /// Children on child protection plans at 31 March.
    pub cp_plans: Option<u32>,
}

/// A preset read from a file at run time.
pub type OwnedPreset = Preset<String>;

/// Number of figures in a preset.
pub const FIGURES: usize = 7;

/// The figures in words, in the order of [`Preset::figures`].
pub const FIGURE_NAMES: [&str; FIGURES] = [
    "children aged 0 to 17",
    "children looked after",
    "children starting care",
    "children leaving care",
    "children in need",
    "children in need episodes started",
    "child protection plans",
];

impl<S> Preset<S> {
    /// The figures in the column order of `la_presets_YYYY.csv`: children
    /// aged 0 to 17, looked after, starting care, leaving care, in need,
    /// in-need episodes started and on protection plans.
    pub fn figures(&self) -> [Option<u32>; FIGURES] {
        [
            self.population_0_17,
            self.children_looked_after,
            self.care_starts,
            self.care_ceased,
            self.children_in_need,
            self.cin_started,
            self.cp_plans,
        ]
    }

    /// The figures in the order of [`Preset::figures`], to set.
    pub fn figures_mut(&mut self) -> [&mut Option<u32>; FIGURES] {
        [
            &mut self.population_0_17,
            &mut self.children_looked_after,
            &mut self.care_starts,
            &mut self.care_ceased,
            &mut self.children_in_need,
            &mut self.cin_started,
            &mut self.cp_plans,
        ]
    }
}

impl<S: AsRef<str>> Preset<S> {
    /// The same preset with owned text.
    pub fn owned(&self) -> OwnedPreset {
        Preset {
            code: self.code.as_ref().to_string(),
            old_code: self.old_code.as_ref().to_string(),
            name: self.name.as_ref().to_string(),
            region: self.region.as_ref().to_string(),
            year: self.year,
            population_0_17: self.population_0_17,
            children_looked_after: self.children_looked_after,
            care_starts: self.care_starts,
            care_ceased: self.care_ceased,
            children_in_need: self.children_in_need,
            cin_started: self.cin_started,
            cp_plans: self.cp_plans,
        }
    }
}

/// The presets of `year` (at 31 March), sorted by name; empty for a year
/// without presets.
pub fn all(year: u16) -> &'static [Preset] {
    table::TABLES
        .iter()
        .find(|(y, _)| *y == year)
        .map_or(&[], |(_, presets)| presets)
}

/// The preset of the council with ONS code `code` (e.g. `E10000015`; any
/// letter case) or DfE code (e.g. `919`) in `year`.
pub fn find(code: &str, year: u16) -> Option<&'static Preset> {
    let code = code.trim();
    all(year)
        .iter()
        .find(|p| p.code.eq_ignore_ascii_case(code) || p.old_code == code)
}

/// The council's preset for the latest year that has one (see [`find`]).
pub fn latest(code: &str) -> Option<&'static Preset> {
    YEARS.iter().rev().find_map(|&year| find(code, year))
}

/// Where a preset's figures come from, in a sentence for the page or an
/// export, naming any figure that is not published:
///
/// ```
/// use outcome_model::data::presets;
/// let herts = presets::find("E10000015", 2025).unwrap();
/// assert_eq!(presets::source_line(herts), "Hertfordshire: figures at 31 March 2025 from the \
///     Department for Education (children looked after; children in need) and ONS population \
///     estimates.");
/// ```
pub fn source_line<S: AsRef<str>>(p: &Preset<S>) -> String {
    let mut line = format!(
        "{}: figures at 31 March {} from the Department for Education (children looked after; \
         children in need) and ONS population estimates.",
        p.name.as_ref(),
        p.year
    );
    let missing: Vec<&str> = p
        .figures()
        .iter()
        .zip(FIGURE_NAMES)
        .filter(|(x, _)| x.is_none())
        .map(|(_, what)| what)
        .collect();
    if !missing.is_empty() {
        line.push_str(" Not published for this council: ");
        line.push_str(&missing.join(", "));
        line.push('.');
    }
    line
}

/// A council that no longer exists. The official tables keep a row for it
/// with every figure suppressed; [`parse_table`] leaves such rows out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Retired {
    /// ONS code.
    pub code: &'static str,
    /// Name.
    pub name: &'static str,
    /// Date it was abolished.
    pub abolished: &'static str,
    /// First year whose 31 March it did not see.
    pub gone_from: u16,
    /// ONS codes of the councils that took over its children's services.
    pub successors: &'static [&'static str],
}

/// Councils abolished by local government reorganisation.
pub const RETIRED: &[Retired] = &[
    Retired {
        code: "E10000006",
        name: "Cumbria",
        abolished: "1 April 2023",
        gone_from: 2024,
        // Cumberland; Westmorland and Furness.
        successors: &["E06000063", "E06000064"],
    },
    Retired {
        code: "E10000021",
        name: "Northamptonshire",
        abolished: "1 April 2021",
        gone_from: 2022,
        // North Northamptonshire; West Northamptonshire.
        successors: &["E06000061", "E06000062"],
    },
];

/// Whether the council with ONS code `code` no longer existed at 31 March
/// of `year`, by [`RETIRED`].
pub fn is_retired(code: &str, year: u16) -> bool {
    RETIRED
        .iter()
        .any(|r| r.code.eq_ignore_ascii_case(code.trim()) && year >= r.gone_from)
}

/// The columns of a `la_presets_YYYY.csv` file, in order.
pub const COLUMNS: [&str; 12] = [
    "new_la_code",
    "old_la_code",
    "la_name",
    "region",
    "pop_0_17",
    "cla_31mar",
    "cla_rate_per_10k",
    "cla_starts",
    "cla_ceased",
    "cin_31mar",
    "cin_episodes_started",
    "cpp_31mar",
];

/// The year in a preset file's name: `la_presets_2025.csv` gives 2025.
pub fn file_year(file_name: &str) -> Option<u16> {
    let digits = file_name
        .strip_prefix("la_presets_")?
        .strip_suffix(".csv")?;
    if digits.len() == 4 && digits.bytes().all(|b| b.is_ascii_digit()) {
        digits.parse().ok()
    } else {
        None
    }
}

fn cell_field(line: usize, column: &str) -> Location {
    csv::place(line, Some(column))
}

/// An error of the kind `kind` (an [`ErrorKind`] variant's constructor)
/// at `field`, in the words `reason`.
fn invalid(kind: fn(String) -> ErrorKind, field: Location, reason: String) -> Error {
    Error::new(field, kind(reason))
}

fn bad_count(reason: String) -> ErrorKind {
    ErrorKind::BadCount { reason }
}
fn bad_cell(reason: String) -> ErrorKind {
    ErrorKind::BadCell { reason }
}
fn wrong_columns(reason: String) -> ErrorKind {
    ErrorKind::WrongColumns { reason }
}

/// Whether a cell holds no figure: blank, or a suppression code.
fn suppressed(cell: &str) -> bool {
    cell.is_empty() || matches!(cell, "c" | "z" | "x" | "u" | "C" | "Z" | "X" | "U")
}

/// Digits, optionally grouped in thousands by commas (`1,250`); also
/// used by the reader of newer DfE files.
pub(crate) fn digits_only(cell: &str) -> Option<String> {
    let mut groups = cell.split(',');
    let first = groups.next()?;
    let mut out = first.to_string();
    let mut grouped = false;
    for group in groups {
        if group.len() != 3 || first.is_empty() || first.len() > 3 {
            return None;
        }
        out.push_str(group);
        grouped = true;
    }
    let ok = !out.is_empty() && out.bytes().all(|b| b.is_ascii_digit());
    (ok && (!grouped || !first.starts_with('0'))).then_some(out)
}

/// A count of children, or `None` for a suppressed or blank cell.
fn count(cell: &str, line: usize, column: &str) -> Result<Option<u32>, Error> {
    let cell = cell.trim();
    if suppressed(cell) {
        return Ok(None);
    }
    let field = cell_field(line, column);
    if let Some(digits) = digits_only(cell) {
        return match digits.parse::<u32>() {
            Ok(n) => Ok(Some(n)),
            Err(_) => Err(invalid(
                bad_count,
                field,
                format!("\u{201c}{cell}\u{201d} is too large for a count of children"),
            )),
        };
    }
    match decimal_is_negative(cell) {
        Some(true) => Err(invalid(
            bad_count,
            field,
            format!("\u{201c}{cell}\u{201d} is below zero: a count cannot be negative"),
        )),
        Some(false) => Err(invalid(
            bad_count,
            field,
            format!("\u{201c}{cell}\u{201d} is not a whole number of children"),
        )),
        None => Err(Error::new(
            field,
            ErrorKind::NotANumber {
                text: cell.to_string(),
            },
        )),
    }
}

/// Whether a cell that is a plain decimal number (`12.5`, `-3`, `.5`; no
/// exponent, `NaN` or `inf`) is below zero; `None` when it is not one.
pub(crate) fn decimal_is_negative(cell: &str) -> Option<bool> {
    let (negative, rest) = match cell.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, cell.strip_prefix('+').unwrap_or(cell)),
    };
    let (whole, fraction) = rest.split_once('.').unwrap_or((rest, ""));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if (whole.is_empty() && fraction.is_empty()) || !digits(whole) || !digits(fraction) {
        return None;
    }
    Some(negative && rest.bytes().any(|b| b.is_ascii_digit() && b != b'0'))
}

/// Whether a rate (children per 10,000) is given: false for a suppressed
/// or blank cell. Read only to check the file; presets do not keep it.
fn rate(cell: &str, line: usize, column: &str) -> Result<bool, Error> {
    let cell = cell.trim();
    if suppressed(cell) {
        return Ok(false);
    }
    let field = cell_field(line, column);
    match decimal_is_negative(cell) {
        Some(false) => Ok(true),
        Some(true) => Err(invalid(
            bad_cell,
            field,
            format!("\u{201c}{cell}\u{201d} is not a rate: it must be zero or more"),
        )),
        None => Err(Error::new(
            field,
            ErrorKind::NotANumber {
                text: cell.to_string(),
            },
        )),
    }
}

fn check_header(fields: &[String], line: usize) -> Result<(), Error> {
    let found: Vec<&str> = fields.iter().map(|f| f.trim()).collect();
    if found.len() != COLUMNS.len() {
        return Err(invalid(
            wrong_columns,
            csv::line_field(line),
            format!(
                "the header has {} columns; a presets file has {}: {}",
                found.len(),
                COLUMNS.len(),
                COLUMNS.join(",")
            ),
        ));
    }
    for (i, (found, want)) in found.iter().zip(COLUMNS).enumerate() {
        if *found != want {
            return Err(invalid(
                wrong_columns,
                csv::line_field(line),
                format!(
                    "column {} of the header should be \u{201c}{want}\u{201d}, not \
                     \u{201c}{found}\u{201d}: a presets file has the columns {}",
                    i + 1,
                    COLUMNS.join(",")
                ),
            ));
        }
    }
    Ok(())
}

/// Reads a file in the `la_presets_YYYY.csv` format (the columns in
/// [`COLUMNS`], a header row first) as the presets of `year`, in file
/// order.
///
/// Blank cells and the suppression codes `c`, `z`, `x` and `u` are `None`.
/// Rows of councils that no longer exist are left out: those with every
/// figure suppressed or blank, and those in [`RETIRED`] for `year`.
///
/// Errors name the line, and the column for a bad cell: a wrong header, a
/// cell that is not a count (`12a`, `-3`, `12.5`), a code that is not an
/// ONS code, a council listed twice, or a file that is not well-formed CSV.
pub fn parse_table(text: &str, year: u16) -> Result<Vec<OwnedPreset>, Error> {
    let records = csv::records(text)?;
    let Some((header, rows)) = records.split_first() else {
        return Err(invalid(
            |reason| ErrorKind::EmptyFile { reason },
            csv::line_field(1),
            "the file is empty: a presets file starts with a header row".to_string(),
        ));
    };
    check_header(&header.fields, header.line)?;

    let mut out: Vec<OwnedPreset> = Vec::with_capacity(rows.len());
    let mut seen: Vec<(String, usize)> = Vec::with_capacity(rows.len());
    for row in rows {
        let line = row.line;
        // The reader makes every row as wide as the header.
        let cell = |i: usize| row.fields.get(i).map_or("", |s| s.trim());

        let code = cell(0).to_ascii_uppercase();
        let well_formed = code.len() == 9
            && code.starts_with(|c: char| c.is_ascii_uppercase())
            && code.bytes().skip(1).all(|b| b.is_ascii_digit());
        if !well_formed {
            return Err(invalid(
                bad_cell,
                cell_field(line, COLUMNS[0]),
                format!(
                    "\u{201c}{}\u{201d} is not an ONS code such as E10000015",
                    cell(0)
                ),
            ));
        }
        let old_code = cell(1);
        if old_code.len() != 3 || !old_code.bytes().all(|b| b.is_ascii_digit()) {
            return Err(invalid(
                bad_cell,
                cell_field(line, COLUMNS[1]),
                format!("\u{201c}{old_code}\u{201d} is not a three-digit DfE code such as 919"),
            ));
        }
        for i in [2, 3] {
            if cell(i).is_empty() {
                return Err(invalid(
                    bad_cell,
                    cell_field(line, COLUMNS[i]),
                    "this cell is blank".to_string(),
                ));
            }
        }
        if let Some((_, first)) = seen.iter().find(|(c, _)| *c == code) {
            return Err(invalid(
                |reason| ErrorKind::Conflict { reason },
                cell_field(line, COLUMNS[0]),
                format!("{code} is already on line {first}"),
            ));
        }
        seen.push((code.clone(), line));

        let population_0_17 = count(cell(4), line, COLUMNS[4])?;
        let children_looked_after = count(cell(5), line, COLUMNS[5])?;
        let has_rate = rate(cell(6), line, COLUMNS[6])?;
        let preset = Preset {
            code,
            old_code: old_code.to_string(),
            name: cell(2).to_string(),
            region: cell(3).to_string(),
            year,
            population_0_17,
            children_looked_after,
            care_starts: count(cell(7), line, COLUMNS[7])?,
            care_ceased: count(cell(8), line, COLUMNS[8])?,
            children_in_need: count(cell(9), line, COLUMNS[9])?,
            cin_started: count(cell(10), line, COLUMNS[10])?,
            cp_plans: count(cell(11), line, COLUMNS[11])?,
        };
        let no_figures = !has_rate && preset.figures().iter().all(Option::is_none);
        if no_figures || is_retired(&preset.code, year) {
            continue;
        }
        out.push(preset);
    }
    Ok(out)
}

/// The Rust source of `presets_table.rs` for the given years' presets:
/// one static array a year, sorted by name (then code).
pub fn render_table(tables: &[(u16, Vec<OwnedPreset>)]) -> String {
    use std::fmt::Write as _;

    let mut tables: Vec<(u16, Vec<&OwnedPreset>)> = tables
        .iter()
        .map(|(year, presets)| {
            let mut sorted: Vec<&OwnedPreset> = presets.iter().collect();
            sorted.sort_by(|a, b| a.name.cmp(&b.name).then_with(|| a.code.cmp(&b.code)));
            (*year, sorted)
        })
        .collect();
    tables.sort_by_key(|(year, _)| *year);
    let years: Vec<String> = tables.iter().map(|(y, _)| y.to_string()).collect();
    let latest = tables.last().map_or(0, |(y, _)| *y);

    let mut s = String::new();
    s.push_str(
        "// generated by `cargo run --bin gen-presets` from data/official; do not edit\n\
         \n\
         //! Council figures at 31 March, one table a year, sorted by name.\n\
         \n\
         use super::Preset;\n\
         \n",
    );
    let _ = writeln!(s, "/// Years with presets, oldest first.");
    let _ = writeln!(
        s,
        "pub(super) const YEARS: [u16; {}] = [{}];\n",
        years.len(),
        years.join(", ")
    );
    let _ = writeln!(s, "/// The latest year with presets.");
    let _ = writeln!(s, "pub(super) const LATEST: u16 = {latest};\n");
    let _ = writeln!(s, "/// Each year's presets.");
    let entries: Vec<String> = tables
        .iter()
        .map(|(y, _)| format!("({y}, &Y{y})"))
        .collect();
    let _ = writeln!(
        s,
        "pub(super) static TABLES: [(u16, &[Preset]); {}] = [{}];",
        tables.len(),
        entries.join(", ")
    );
    let n = |x: Option<u32>| x.map_or("None".to_string(), |v| format!("Some({v})"));
    for (year, presets) in &tables {
        let _ = writeln!(s, "\n/// {} councils at 31 March {year}.", presets.len());
        let _ = writeln!(s, "static Y{year}: [Preset; {}] = [", presets.len());
        for p in presets {
            let _ = writeln!(
                s,
                "    Preset {{ code: {:?}, old_code: {:?}, name: {:?}, region: {:?}, year: {}, \
                 population_0_17: {}, children_looked_after: {}, care_starts: {}, \
                 care_ceased: {}, children_in_need: {}, cin_started: {}, cp_plans: {} }},",
                p.code,
                p.old_code,
                p.name,
                p.region,
                p.year,
                n(p.population_0_17),
                n(p.children_looked_after),
                n(p.care_starts),
                n(p.care_ceased),
                n(p.children_in_need),
                n(p.cin_started),
                n(p.cp_plans),
            );
        }
        s.push_str("];\n");
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::format::Council;

    const HEADER: &str = "new_la_code,old_la_code,la_name,region,pop_0_17,cla_31mar,\
                          cla_rate_per_10k,cla_starts,cla_ceased,cin_31mar,\
                          cin_episodes_started,cpp_31mar";

    fn file(rows: &[&str]) -> String {
        let mut text = format!("{HEADER}\r\n");
        for row in rows {
            text.push_str(row);
            text.push_str("\r\n");
        }
        text
    }

    #[test]
    fn cells_read_as_counts_or_no_figure() {
        let cases: &[(&str, Option<Option<u32>>)] = &[
            ("0", Some(Some(0))),
            ("999", Some(Some(999))),
            (" 614 ", Some(Some(614))),
            ("1,250", Some(Some(1250))),
            ("277,480", Some(Some(277_480))),
            ("4294967295", Some(Some(u32::MAX))),
            ("", Some(None)),
            ("  ", Some(None)),
            ("c", Some(None)),
            ("z", Some(None)),
            ("x", Some(None)),
            ("u", Some(None)),
            ("C", Some(None)),
            ("12a", None),
            ("k", None),
            ("-", None),
            ("-3", None),
            ("12.5", None),
            ("1,25", None),
            (",250", None),
            ("1250,", None),
            ("0,250", None),
            ("4294967296", None),
            ("NaN", None),
            ("\u{663}", None),
        ];
        for (cell, expected) in cases {
            let found = count(cell, 7, "cla_31mar");
            match (found, expected) {
                (Ok(x), Some(want)) => assert_eq!(x, *want, "{cell:?}"),
                (Err(e), None) => {
                    assert_eq!(
                        e.field,
                        crate::base::csv::place(7, Some("cla_31mar")),
                        "{cell:?}"
                    );
                    let message = e.message();
                    assert!(message.contains(cell.trim()), "{cell:?}: {message}");
                }
                (found, _) => panic!("{cell:?}: {found:?}"),
            }
        }
    }

    #[test]
    fn file_years() {
        let cases = [
            ("la_presets_2025.csv", Some(2025)),
            ("la_presets_2024.csv", Some(2024)),
            ("la_presets_25.csv", None),
            ("la_presets_2025.csv.bak", None),
            ("presets_2025.csv", None),
            ("la_presets_+202.csv", None),
            ("SOURCES.md", None),
        ];
        for (name, year) in cases {
            assert_eq!(file_year(name), year, "{name}");
        }
    }

    #[test]
    fn reads_rows_and_leaves_out_retired_councils() {
        let text = file(&[
            "E10000015,919,Hertfordshire,East of England,277480,999,36,424,404,5848,3559,614",
            "E06000023,801,\"Bristol, City of\",South West,92705,753,81,271,288,3023,2417,375",
            "E09000001,201,City of London,Inner London,847,c,c,15,18,69,27,c",
            "E10000006,909,Cumbria,North West,x,z,z,z,z,,,",
            "E99999999,999,Nowhere,North West,,,,,,,,",
            "E10000021,928,Northamptonshire,East Midlands,10,1,1,1,1,1,1,1",
        ]);
        let presets = parse_table(&text, 2025).unwrap();
        let names: Vec<&str> = presets.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(
            names,
            ["Hertfordshire", "Bristol, City of", "City of London"]
        );
        let herts = &presets[0];
        assert_eq!(
            herts,
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
        let city = &presets[2];
        assert_eq!(city.children_looked_after, None);
        assert_eq!(city.cp_plans, None);
        assert_eq!(city.care_starts, Some(15));

        // Before reorganisation Northamptonshire is an ordinary council.
        let earlier = parse_table(&text, 2021).unwrap();
        assert!(earlier.iter().any(|p| p.name == "Northamptonshire"));
        assert!(!earlier.iter().any(|p| p.name == "Cumbria"));
    }

    #[test]
    fn bad_files_are_errors() {
        let herts =
            "E10000015,919,Hertfordshire,East of England,277480,999,36,424,404,5848,3559,614";
        let cases: Vec<(String, &str, &str)> = vec![
            (String::new(), "csv line 1", "the file is empty"),
            ("code,name\r\nE1,x\r\n".to_string(), "csv line 1", "the header has 2 columns"),
            (
                file(&[herts]).replace("la_name", "name"),
                "csv line 1",
                "column 3 of the header should be \u{201c}la_name\u{201d}, not \u{201c}name\u{201d}",
            ),
            (
                file(&[&herts.replace(",999,", ",12a,")]),
                "csv line 2, column cla_31mar",
                "\u{201c}12a\u{201d} is not a number",
            ),
            (
                file(&[herts, &herts.replace("E10000015", "E10000016").replace(",614", ",-1")]),
                "csv line 3, column cpp_31mar",
                "below zero",
            ),
            (
                file(&[&herts.replace(",36,", ",3x6,")]),
                "csv line 2, column cla_rate_per_10k",
                "is not a number",
            ),
            (
                file(&[&herts.replace(",36,", ",-36,")]),
                "csv line 2, column cla_rate_per_10k",
                "zero or more",
            ),
            (
                file(&[herts, herts]),
                "csv line 3, column new_la_code",
                "E10000015 is already on line 2",
            ),
            (
                file(&[&herts.replace("E10000015", "Herts")]),
                "csv line 2, column new_la_code",
                "not an ons code",
            ),
            (
                file(&[&herts.replace(",919,", ",91,")]),
                "csv line 2, column old_la_code",
                "three-digit",
            ),
            (
                file(&[&herts.replace("Hertfordshire", " ")]),
                "csv line 2, column la_name",
                "blank",
            ),
            (
                file(&[herts, "E06000023,801,\"Bristol, City of,South West,1,1,1,1,1,1,1,1"]),
                "csv line 3",
                "never closed",
            ),
            (
                file(&[herts, "E06000023,801,Bristol,South West,1,1,1"]),
                "csv line 3",
                "this row has 7 fields but the first row has 12",
            ),
        ];
        for (text, field, reason) in cases {
            let error = parse_table(&text, 2025).expect_err(&text);
            assert_eq!(error.field.to_string(), field, "{text}");
            let message = error.message().to_lowercase();
            assert!(
                message.contains(&reason.to_lowercase()),
                "{text}: {message}"
            );
        }
    }

    #[test]
    fn built_in_tables() {
        assert_eq!(LATEST_YEAR, 2025);
        assert_eq!(YEARS, [2024, 2025]);
        assert!(all(2019).is_empty());
        for &year in YEARS {
            let presets = all(year);
            assert_eq!(presets.len(), 153, "{year}");
            assert!(presets.windows(2).all(|w| w[0].name < w[1].name), "{year}");
            assert!(presets.iter().all(|p| p.year == year));
            for retired in RETIRED {
                assert!(find(retired.code, year).is_none());
                for successor in retired.successors {
                    assert!(find(successor, year).is_some(), "{successor} {year}");
                }
            }
        }
    }

    #[test]
    fn finding_councils() {
        let cases: &[(&str, u16, Option<&str>)] = &[
            ("E10000015", 2025, Some("Hertfordshire")),
            ("e10000015", 2025, Some("Hertfordshire")),
            (" E10000015 ", 2024, Some("Hertfordshire")),
            ("919", 2025, Some("Hertfordshire")),
            ("E06000023", 2025, Some("Bristol, City of")),
            ("E10000006", 2025, None),
            ("E10000015", 2023, None),
            ("", 2025, None),
        ];
        for (code, year, name) in cases {
            assert_eq!(find(code, *year).map(|p| p.name), *name, "{code} {year}");
        }
        assert_eq!(latest("E10000015").map(|p| p.year), Some(LATEST_YEAR));
        assert_eq!(latest("E10000021"), None);
    }

    #[test]
    fn councils_from_presets() {
        let herts = latest("E10000015").unwrap();
        let council = herts.to_council();
        assert_eq!(
            council,
            Council {
                code: Some("E10000015".to_string()),
                name: "Hertfordshire".to_string(),
                data_year: Some(2025),
                population_0_17: Some(277_480.0),
                children_looked_after: Some(999.0),
                care_starts: Some(424.0),
                care_ceased: Some(404.0),
                cp_plans: Some(614.0),
                children_in_need: Some(5_848.0),
                cla_spend_per_child: council.cla_spend_per_child,
                ..Council::default()
            }
        );
        // The spend per looked-after child is the outturn's, uprated.
        let data = crate::context::council_data::tests::data();
        let (year, spend) =
            crate::context::spend_tables::latest_per_child(data, "E10000015").unwrap();
        let uprated = spend * crate::data::prices::uplift(year.ends() - 1);
        assert!((council.cla_spend_per_child.unwrap() - uprated).abs() < 0.006);
        assert_eq!(herts.owned().to_council(), council);

        let city = find("E09000001", 2025).unwrap().to_council();
        assert_eq!(city.children_looked_after, None);
        assert_eq!(city.cp_plans, None);
        assert_eq!(city.care_starts, Some(15.0));
    }

    #[test]
    fn source_lines() {
        let cases = [
            (
                "E10000015",
                2025,
                "Hertfordshire: figures at 31 March 2025 from the Department for Education \
                 (children looked after; children in need) and ONS population estimates.",
            ),
            (
                "E09000001",
                2025,
                "City of London: figures at 31 March 2025 from the Department for Education \
                 (children looked after; children in need) and ONS population estimates. \
                 Not published for this council: children looked after, child protection plans.",
            ),
            (
                "E10000014",
                2024,
                "Hampshire: figures at 31 March 2024 from the Department for Education \
                 (children looked after; children in need) and ONS population estimates. \
                 Not published for this council: children in need, children in need episodes \
                 started, child protection plans.",
            ),
        ];
        for (code, year, expected) in cases {
            assert_eq!(source_line(find(code, year).unwrap()), expected);
        }
    }

    #[test]
    fn rendering_round_trips() {
        let text = file(&[
            "E10000015,919,Hertfordshire,East of England,277480,999,36,424,404,5848,3559,614",
            "E06000023,801,\"Bristol, \"\"City\"\" of\",South West,92705,753,81,271,288,3023,2417,c",
        ]);
        let presets = parse_table(&text, 2025).unwrap();
        let source = render_table(&[(2025, presets)]);
        assert!(source.starts_with(
            "// generated by `cargo run --bin gen-presets` from data/official; do not edit\n"
        ));
        assert!(source.contains("pub(super) const LATEST: u16 = 2025;"));
        assert!(source.contains("static Y2025: [Preset; 2] = ["));
        let bristol = source.find("\"Bristol, \\\"City\\\" of\"").unwrap();
        assert!(bristol < source.find("\"Hertfordshire\"").unwrap());
        assert!(source.contains("cp_plans: None }"));
        assert!(source.contains("cp_plans: Some(614) }"));
    }

    #[test]
    fn decimals_are_told_apart_without_float_parsing() {
        let cases = [
            ("12.5", Some(false)),
            ("0.5", Some(false)),
            (".5", Some(false)),
            ("12.", Some(false)),
            ("+3", Some(false)),
            ("-3", Some(true)),
            ("-0.25", Some(true)),
            ("-0", Some(false)),
            ("-.0", Some(false)),
            ("12a", None),
            ("1.2.3", None),
            (".", None),
            ("-", None),
            ("", None),
            ("1e3", None),
            ("NaN", None),
            ("inf", None),
            ("--5", None),
            ("1,250.5", None),
        ];
        for (cell, expected) in cases {
            assert_eq!(decimal_is_negative(cell), expected, "{cell:?}");
            // Where float parsing reads a plain decimal, it agrees.
            if let (Some(negative), Ok(x)) = (expected, cell.parse::<f64>()) {
                assert_eq!(negative, x < 0.0, "{cell:?}");
            }
        }
    }
}
