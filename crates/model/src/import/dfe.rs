//! Newer council figures from the official files, loaded by the user.
//!
//! The Department for Education publishes its statistics on Explore
//! Education Statistics together with "underlying data" CSV files. When a
//! newer year is published, a user can load those files to update the
//! council presets without a new release of the calculator: [`import`] reads
//! and checks them and merges them into one [`OwnedPreset`] per council, and
//! [`Import::apply`] lays the result over the built-in presets.
//!
//! # The files read
//!
//! Columns are found by name (any letter case, any order); other columns
//! are ignored. Each file must also have `time_period`, `geographic_level`,
//! `new_la_code` and `la_name`; `old_la_code` and `region_name` are read
//! when present.
//!
//! | File | Column | Figure (counts of children) |
//! | --- | --- | --- |
//! | `cla_number_and_rate_per_10k_children.csv` | `population_estimate` | children aged 0 to 17 |
//! | | `children_count` (or `number`) where `population_type` (or `population_count`) is "Children looked after on (or at) 31 March each year" | children looked after at 31 March |
//! | | … where it is "Children starting to be looked after each year" | children starting care in the year to 31 March |
//! | | … where it is "Children ceasing to be looked after each year" | children leaving care in the year to 31 March |
//! | `b1_children_in_need_2013_to_YYYY.csv` | `At31_episodes` | children in need at 31 March |
//! | | `Started_episodes` | children in need episodes started in the year to 31 March |
//! | `d5_cpps_at31march_by_duration_2013_to_YYYY.csv` | `CPP_At31` | child protection plans at 31 March |
//! | `la_presets_YYYY.csv` (the calculator's own table) | see [`presets::COLUMNS`] | every figure |
//!
//! The older names `population_count` and `number` are those of earlier
//! releases of the looked-after file; newer releases call the same columns
//! `population_type` and `children_count`. Both are read.
//!
//! The children in need and child protection files have a `category`
//! column. The rows read are those whose category covers all children:
//! "Children in Need" (b1) and "Child Protection Plans by length of time"
//! (d5) as published up to 2025, or "Total" or "All children" (any letter
//! case). A file whose local-authority rows all share one category is read
//! whatever that category is called.
//!
//! # Rules
//!
//! - Only rows whose `geographic_level` is "Local authority" are read;
//!   national and regional rows are skipped.
//! - `time_period` is the year at 31 March: `2025`, or the two-year form
//!   `202425` (also `2024/25` or `2024-25`), both meaning 2025. See
//!   [`year_at_31_march`].
//! - A blank cell or a suppression code (`c`, `z`, `x`, `u`, `k`, `low`,
//!   `:`, any letter case) is "no figure" (`None`), never zero.
//! - The files are merged by `new_la_code`, for one year: the latest in any
//!   file, or the year asked for. Files without figures for that year add
//!   nothing (with a warning).
//! - Councils that no longer existed at 31 March of that year
//!   ([`presets::is_retired`]) and councils with no figure at all are left
//!   out, with a warning.
//! - Two rows (in one file or in two) that give the same council, year and
//!   figure different numbers are an error. A number and "no figure" are not
//!   in conflict: the number is kept.
//! - Names and regions come from the files (`la_name`, `region_name`); for a
//!   file without a region the region of the built-in table is kept when the
//!   council is known there.
//!
//! Errors name the file and, for a problem inside it, the line and column,
//! as `cla_number_and_rate_per_10k_children.csv line 12, column
//! children_count`. No input makes the reader panic.

use crate::base::csv;
use crate::base::error::{Error, ErrorKind, Location};
use crate::base::sorted::{self, Map, Set};
use crate::data::presets::{self, OwnedPreset, Preset, FIGURES, FIGURE_NAMES};

/// Which file a CSV file is, told by its column names ([`detect`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FileKind {
    /// The calculator's own `la_presets_YYYY.csv`: every figure, one year
    /// (taken from the file name).
    CompactPresets,
    /// `cla_number_and_rate_per_10k_children.csv`: children aged 0 to 17,
    /// children looked after, starting and leaving care.
    LookedAfter,
    /// `b1_children_in_need_2013_to_YYYY.csv`: children in need at 31 March
    /// and episodes started.
    ChildrenInNeed,
    /// `d5_cpps_at31march_by_duration_2013_to_YYYY.csv`: child protection
    /// plans at 31 March.
    ProtectionPlans,
}

impl FileKind {
    /// What the file holds, in words, with its published name:
    /// `children looked after (cla_number_and_rate_per_10k_children.csv)`.
    pub fn label(self) -> &'static str {
        match self {
            FileKind::CompactPresets => "council presets (la_presets_YYYY.csv)",
            FileKind::LookedAfter => {
                "children looked after (cla_number_and_rate_per_10k_children.csv)"
            }
            FileKind::ChildrenInNeed => "children in need (b1_children_in_need_2013_to_YYYY.csv)",
            FileKind::ProtectionPlans => {
                "child protection plans (d5_cpps_at31march_by_duration_2013_to_YYYY.csv)"
            }
        }
    }
}

/// The result of reading the files: one preset per council for one year.
#[derive(Debug, Clone, PartialEq)]
pub struct Import {
    /// The year of the figures (at 31 March, or the year to 31 March).
    pub year: u16,
    /// One preset per council, sorted by name (then code). Counts are
    /// numbers of children; `None` is "no figure".
    pub councils: Vec<OwnedPreset>,
    /// For each file given, in the same order: what it is and how many of
    /// its rows were used (local-authority rows of `year` for councils that
    /// are kept).
    pub files: Vec<(FileKind, usize)>,
    /// Things the user should know, in plain words: files without figures
    /// for `year`, councils left out, figures that are missing.
    pub warnings: Vec<String>,
}

/// The file that gives each figure.
const FIGURE_FILES: [FileKind; FIGURES] = [
    FileKind::LookedAfter,
    FileKind::LookedAfter,
    FileKind::LookedAfter,
    FileKind::LookedAfter,
    FileKind::ChildrenInNeed,
    FileKind::ChildrenInNeed,
    FileKind::ProtectionPlans,
];

// Column names, with the older spellings after the current ones.
const TIME_PERIOD: &[&str] = &["time_period"];
const LEVEL: &[&str] = &["geographic_level"];
const CODE: &[&str] = &["new_la_code"];
const NAME: &[&str] = &["la_name"];
const OLD_CODE: &[&str] = &["old_la_code"];
const REGION: &[&str] = &["region_name"];
const CATEGORY: &[&str] = &["category"];
const POPULATION_TYPE: &[&str] = &["population_type", "population_count"];
const POPULATION: &[&str] = &["population_estimate"];
const CLA_COUNT: &[&str] = &["children_count", "number"];
const CIN_AT31: &[&str] = &["At31_episodes"];
const CIN_STARTED: &[&str] = &["Started_episodes"];
const CPP_AT31: &[&str] = &["CPP_At31"];

/// Categories that mean "all children" in the children in need and child
/// protection files (compared in any letter case).
const ALL_CHILDREN: &[&str] = &[
    "Children in Need",
    "Child Protection Plans by length of time",
    "Total",
    "All children",
];

/// Cells that hold no figure: suppression codes (compared in any letter
/// case). A blank cell is no figure too.
const NO_FIGURE: &[&str] = &["c", "z", "x", "u", "k", "low", ":"];

/// The position of the first of `names` in `header` (any letter case,
/// spaces around ignored).
fn column(header: &[String], names: &[&str]) -> Option<usize> {
    names
        .iter()
        .find_map(|n| header.iter().position(|h| h.trim().eq_ignore_ascii_case(n)))
}

/// Which file a header row belongs to, by its column names (any letter
/// case, any order), or `None` for a file the calculator does not read.
///
/// ```
/// use outcome_model::import::dfe::{detect, FileKind};
/// let header: Vec<String> = "time_period,geographic_level,new_la_code,la_name,CPP_At31"
///     .split(',').map(String::from).collect();
/// assert_eq!(detect(&header), Some(FileKind::ProtectionPlans));
/// ```
pub fn detect(header: &[String]) -> Option<FileKind> {
    let has = |names: &[&str]| column(header, names).is_some();
    let official = has(TIME_PERIOD) && has(LEVEL) && has(CODE);
    if official {
        if has(CPP_AT31) {
            Some(FileKind::ProtectionPlans)
        } else if has(CIN_AT31) && has(CIN_STARTED) {
            Some(FileKind::ChildrenInNeed)
        } else if has(POPULATION_TYPE) && has(CLA_COUNT) {
            Some(FileKind::LookedAfter)
        } else {
            None
        }
    } else if has(CODE)
        && ["pop_0_17", "cla_31mar", "cin_31mar", "cpp_31mar"]
            .iter()
            .any(|c| has(&[c]))
    {
        // The calculator's own table; `presets::parse_table` checks its
        // header exactly.
        Some(FileKind::CompactPresets)
    } else {
        None
    }
}

/// The year at 31 March of a `time_period` cell: `2025` is 2025, and the
/// two-year forms `202425`, `2024/25` and `2024-25` are 2025 too. `None`
/// for anything else (including `202426`, whose years do not follow on).
///
/// ```
/// use outcome_model::import::dfe::year_at_31_march;
/// assert_eq!(year_at_31_march("2025"), Some(2025));
/// assert_eq!(year_at_31_march("202425"), Some(2025));
/// assert_eq!(year_at_31_march("2025a"), None);
/// ```
pub fn year_at_31_march(time_period: &str) -> Option<u16> {
    let t = time_period.trim();
    let number = |s: Option<&str>| -> Option<u16> {
        let s = s?;
        if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        s.parse().ok()
    };
    let year = match t.len() {
        4 => number(Some(t))?,
        6 | 7 => {
            let first = number(t.get(..4))?;
            let rest = if t.len() == 7 {
                let separator = t.get(4..5)?;
                if separator != "/" && separator != "-" {
                    return None;
                }
                t.get(5..)
            } else {
                t.get(4..)
            };
            let end = number(rest)?;
            let next = first.checked_add(1)?;
            if next % 100 != end {
                return None;
            }
            next
        }
        _ => return None,
    };
    (1900..=2200).contains(&year).then_some(year)
}

/// Where something is: `name line 12`, or `csv line 12` for a file without
/// a name.
fn place(file: &str, line: usize) -> Location {
    csv::line_field(line).in_file(file)
}

fn cell_place(file: &str, line: usize, column: &str) -> Location {
    csv::place(line, Some(column)).in_file(file)
}

/// The file's name as a field, `file` for a file without a name.
fn file_field(file: &str) -> String {
    if file.is_empty() {
        "file".to_string()
    } else {
        file.to_string()
    }
}

/// An error of the kind `kind` (an [`ErrorKind`] variant's constructor)
/// at `field`, in the words `reason`.
fn invalid(
    kind: fn(String) -> ErrorKind,
    field: impl Into<Location>,
    reason: impl Into<String>,
) -> Error {
    Error::new(field, kind(reason.into()))
}

/// An error of the CSV reader or [`presets::parse_table`] (at a line of a
/// file not yet named), named by the file.
fn in_file(file: &str, error: Error) -> Error {
    error.in_file(file)
}

/// A count of children from a cell, or `None` for a blank cell or a
/// suppression code. `field` names the cell in errors.
fn count(cell: &str, field: impl FnOnce() -> Location) -> Result<Option<u32>, Error> {
    let cell = cell.trim();
    if cell.is_empty() || NO_FIGURE.iter().any(|c| cell.eq_ignore_ascii_case(c)) {
        return Ok(None);
    }
    if let Some(digits) = crate::data::presets::digits_only(cell) {
        return match digits.parse::<u32>() {
            Ok(n) => Ok(Some(n)),
            Err(_) => Err(invalid(
                |reason| ErrorKind::BadCount { reason },
                field(),
                format!("\u{201c}{cell}\u{201d} is too large for a count of children"),
            )),
        };
    }
    match presets::decimal_is_negative(cell) {
        Some(true) => Err(invalid(
            |reason| ErrorKind::BadCount { reason },
            field(),
            format!("\u{201c}{cell}\u{201d} is below zero: a count cannot be negative"),
        )),
        Some(false) => Err(invalid(
            |reason| ErrorKind::BadCount { reason },
            field(),
            format!("\u{201c}{cell}\u{201d} is not a whole number of children"),
        )),
        None => Err(Error::new(
            field(),
            ErrorKind::NotANumber {
                text: cell.to_string(),
            },
        )),
    }
}

/// Whether `code` looks like an ONS code such as `E10000015`.
fn is_ons_code(code: &str) -> bool {
    code.len() == 9
        && code.starts_with(|c: char| c.is_ascii_uppercase())
        && code.bytes().skip(1).all(|b| b.is_ascii_digit())
}

/// Names, at most `MAX` of them, then how many more.
fn name_list(names: &[String]) -> String {
    const MAX: usize = 6;
    let mut out = names
        .iter()
        .take(MAX)
        .cloned()
        .collect::<Vec<_>>()
        .join("; ");
    if names.len() > MAX {
        out.push_str(&format!(" and {} more", names.len() - MAX));
    }
    out
}

/// Years, as `2024` or `2013 to 2025` or `2021, 2023`.
fn year_list(years: &Set<u16>) -> String {
    let (Some(first), Some(last)) = (years.first(), years.last()) else {
        return "none".to_string();
    };
    let contiguous = usize::from(last - first) + 1 == years.len();
    if years.len() == 1 {
        first.to_string()
    } else if contiguous {
        format!("{first} to {last}")
    } else {
        years
            .iter()
            .map(u16::to_string)
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// One local-authority row of a file.
struct Row {
    line: usize,
    year: u16,
    code: String,
    old_code: String,
    name: String,
    region: String,
    /// Each figure: `None` when the row does not give it; `Some(None)` when
    /// it gives "no figure".
    values: [Option<Option<u32>>; FIGURES],
}

/// One file, read.
struct Source<'a> {
    file: &'a str,
    kind: FileKind,
    /// The header name of the column of each figure, for messages.
    columns: [String; FIGURES],
    rows: Vec<Row>,
    /// Values of `population_type` that were not read.
    ignored: Set<String>,
}

impl Source<'_> {
    fn years(&self) -> Set<u16> {
        self.rows.iter().map(|r| r.year).collect()
    }
}

/// Largest file read, in bytes (20 MB). The largest of the DfE files the
/// calculator reads, every council and year since 2013, is a few MB; a
/// larger one is not one of them, and reading it would hold the page.
pub const MAX_FILE_BYTES: usize = 20 * 1024 * 1024;

/// Most rows read from one file (a header and 200,000 rows).
pub const MAX_ROWS: usize = 200_000;

/// Most councils the files may name (England has 153 with children's
/// services; with the codes of councils since replaced, fewer than 170).
pub const MAX_COUNCILS: usize = 400;

/// The error for a file larger than [`MAX_FILE_BYTES`] (the browser checks
/// the size before reading the file).
pub fn too_large(file: &str) -> Error {
    invalid(
        |reason| ErrorKind::TooLarge { reason },
        file_field(file),
        format!(
            "the file is larger than {} MB: the DfE files the calculator reads are smaller; \
             choose the CSV underlying data file",
            MAX_FILE_BYTES / (1024 * 1024)
        ),
    )
}

/// True when the bytes look like UTF-16 text: a byte order mark, or a zero
/// byte in every other place of the first characters.
fn is_utf16(bytes: &[u8]) -> bool {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return true;
    }
    let head = &bytes[..bytes.len().min(64)];
    head.len() >= 8 && {
        let zeros_even = head.iter().step_by(2).filter(|b| **b == 0).count();
        let zeros_odd = head.iter().skip(1).step_by(2).filter(|b| **b == 0).count();
        let half = head.len() / 2;
        zeros_even * 10 >= half * 9 || zeros_odd * 10 >= half * 9
    }
}

/// The text of a file: UTF-8 without NUL bytes, not empty, not too large.
fn text_of<'a>(file: &str, bytes: &'a [u8]) -> Result<&'a str, Error> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(too_large(file));
    }
    if is_utf16(bytes) {
        return Err(invalid(
            |reason| ErrorKind::NotText { reason },
            file_field(file),
            "the file is UTF-16 text, not UTF-8: save it as \u{201c}CSV UTF-8\u{201d}",
        ));
    }
    if bytes.contains(&0) {
        return Err(invalid(
            |reason| ErrorKind::NotText { reason },
            file_field(file),
            "the file is not a CSV text file: it may be a spreadsheet or a zip file; \
             download the CSV underlying data file instead",
        ));
    }
    let Ok(text) = std::str::from_utf8(bytes) else {
        let field = match csv::records_from_bytes(bytes) {
            Err(e) => in_file(file, e).field,
            Ok(_) => file_field(file).into(),
        };
        return Err(invalid(
            |reason| ErrorKind::NotText { reason },
            field,
            "the file is not a CSV text file in UTF-8: this line has a character that is not \
             UTF-8; save the file as \u{201c}CSV UTF-8\u{201d}",
        ));
    };
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    if body.trim().is_empty() {
        return Err(invalid(
            |reason| ErrorKind::EmptyFile { reason },
            file_field(file),
            "the file is empty: an underlying data file starts with a header row",
        ));
    }
    Ok(text)
}

/// The error for a file of more than [`MAX_ROWS`] rows.
fn too_many_rows(file: &str) -> Error {
    invalid(
        |reason| ErrorKind::TooLarge { reason },
        file_field(file),
        format!(
            "the file has more rows than the {MAX_ROWS} the calculator reads: it is not one of \
             the DfE files it reads"
        ),
    )
}

fn not_a_known_file(file: &str, line: usize, header: &[String]) -> Error {
    let mut found: Vec<String> = header
        .iter()
        .take(5)
        .map(|h| h.trim().to_string())
        .collect();
    if header.len() > 5 {
        found.push("\u{2026}".to_string());
    }
    invalid(
        |reason| ErrorKind::NotAKnownFile { reason },
        place(file, line),
        format!(
            "this is not one of the DfE files the calculator reads: \
             cla_number_and_rate_per_10k_children.csv (children looked after), \
             b1_children_in_need_2013_to_YYYY.csv (children in need) and \
             d5_cpps_at31march_by_duration_2013_to_YYYY.csv (child protection plans) from \
             Explore Education Statistics, or the calculator\u{2019}s own la_presets_YYYY.csv; \
             its first row is \u{201c}{}\u{201d}",
            found.join(",")
        ),
    )
}

/// Cell `i` of a row, without spaces around; blank when the row is short.
fn cell(row: &csv::Record, i: usize) -> &str {
    row.fields.get(i).map_or("", |s| s.trim())
}

/// The last part of a path: `la_presets_2025.csv` of `data/la_presets_2025.csv`.
fn base_name(file: &str) -> &str {
    file.rsplit(['/', '\\']).next().unwrap_or(file)
}

/// Reads one file.
fn read_records<'a>(
    file: &'a str,
    text: &str,
    records: &[csv::Record],
    year: Option<u16>,
) -> Result<Source<'a>, Error> {
    if records.len() > MAX_ROWS + 1 {
        return Err(too_many_rows(file));
    }
    let Some((header, rows)) = records.split_first() else {
        return Err(invalid(
            |reason| ErrorKind::EmptyFile { reason },
            file_field(file),
            "the file is empty",
        ));
    };
    let Some(kind) = detect(&header.fields) else {
        return Err(not_a_known_file(file, header.line, &header.fields));
    };
    if kind == FileKind::CompactPresets {
        return read_compact(file, text, records, year);
    }

    let need = |names: &[&str]| {
        column(&header.fields, names).ok_or_else(|| {
            invalid(
                |reason| ErrorKind::WrongColumns { reason },
                place(file, header.line),
                format!(
                    "this looks like the {} file but it has no \u{201c}{}\u{201d} column",
                    kind.label(),
                    names.first().copied().unwrap_or_default()
                ),
            )
        })
    };
    let time_period = need(TIME_PERIOD)?;
    let level = need(LEVEL)?;
    let code_at = need(CODE)?;
    let name_at = need(NAME)?;
    let old_code_at = column(&header.fields, OLD_CODE);
    let region_at = column(&header.fields, REGION);
    let category_at = column(&header.fields, CATEGORY);
    let header_name = |i: usize| header.fields.get(i).map_or("", |h| h.trim()).to_string();

    // Which column gives which figure.
    let mut figure_at: [Option<usize>; FIGURES] = [None; FIGURES];
    let mut population_type_at = None;
    match kind {
        FileKind::LookedAfter => {
            figure_at[0] = Some(need(POPULATION)?);
            let count_at = need(CLA_COUNT)?;
            for slot in &mut figure_at[1..4] {
                *slot = Some(count_at);
            }
            population_type_at = Some(need(POPULATION_TYPE)?);
        }
        FileKind::ChildrenInNeed => {
            figure_at[4] = Some(need(CIN_AT31)?);
            figure_at[5] = Some(need(CIN_STARTED)?);
        }
        FileKind::ProtectionPlans => figure_at[6] = Some(need(CPP_AT31)?),
        // Read by `read_compact` above.
        FileKind::CompactPresets => {}
    }
    let columns: [String; FIGURES] =
        std::array::from_fn(|i| figure_at[i].map(header_name).unwrap_or_default());

    let is_local = |row: &csv::Record| cell(row, level).eq_ignore_ascii_case("Local authority");

    // The categories to read.
    let categories: Set<&str> = match category_at {
        Some(at) => rows
            .iter()
            .filter(|r| is_local(r))
            .map(|r| cell(r, at))
            .collect(),
        None => Set::new(),
    };
    let known = |c: &str| ALL_CHILDREN.iter().any(|k| c.eq_ignore_ascii_case(k));
    if categories.len() > 1 && !categories.iter().any(|c| known(c)) {
        let found: Vec<String> = categories
            .iter()
            .take(6)
            .map(|c| format!("\u{201c}{c}\u{201d}"))
            .collect();
        return Err(invalid(
            |reason| ErrorKind::NoRows { reason },
            format!(
                "{}, column {}",
                file_field(file),
                category_at.map(header_name).unwrap_or_default()
            ),
            format!(
                "none of the categories is the total for all children (found {}): the \
                 calculator reads the rows whose category is \u{201c}Children in Need\u{201d}, \
                 \u{201c}Child Protection Plans by length of time\u{201d}, \u{201c}Total\u{201d} \
                 or \u{201c}All children\u{201d}",
                found.join(", ")
            ),
        ));
    }
    let read_category = |c: &str| categories.len() <= 1 || known(c);

    let mut out = Source {
        file,
        kind,
        columns,
        rows: Vec::new(),
        ignored: Set::new(),
    };
    let mut local_rows = 0usize;
    for row in rows {
        if !is_local(row) {
            continue;
        }
        local_rows += 1;
        let line = row.line;
        let at = |i: usize| cell_place(file, line, &header_name(i));

        let period = cell(row, time_period);
        let Some(row_year) = year_at_31_march(period) else {
            return Err(invalid(
                |reason| ErrorKind::BadCell { reason },
                at(time_period),
                format!("\u{201c}{period}\u{201d} is not a year such as 2025 or 202425"),
            ));
        };
        if let Some(at) = category_at {
            if !read_category(cell(row, at)) {
                continue;
            }
        }

        // Which figures this row gives.
        let mut gives = figure_at.map(|at| at.is_some());
        if let Some(type_at) = population_type_at {
            let kind_of_count = population_type(cell(row, type_at));
            let Some(figure) = kind_of_count else {
                out.ignored.insert(cell(row, type_at).to_string());
                continue;
            };
            gives = [false; FIGURES];
            gives[0] = true;
            gives[figure] = true;
        }

        let code = cell(row, code_at).to_ascii_uppercase();
        if !is_ons_code(&code) {
            return Err(invalid(
                |reason| ErrorKind::BadCell { reason },
                at(code_at),
                format!(
                    "\u{201c}{}\u{201d} is not an ONS code such as E10000015",
                    cell(row, code_at)
                ),
            ));
        }
        let name = cell(row, name_at);
        if name.is_empty() {
            return Err(invalid(
                |reason| ErrorKind::BadCell { reason },
                at(name_at),
                "this cell is blank: every council row needs its name",
            ));
        }
        let mut values = [None; FIGURES];
        for (i, value) in values.iter_mut().enumerate() {
            if let (true, Some(col)) = (gives[i], figure_at[i]) {
                *value = Some(count(cell(row, col), || at(col))?);
            }
        }
        out.rows.push(Row {
            line,
            year: row_year,
            code,
            old_code: old_code_at.map_or("", |i| cell(row, i)).to_string(),
            name: name.to_string(),
            region: region_at.map_or("", |i| cell(row, i)).to_string(),
            values,
        });
    }
    if local_rows == 0 {
        return Err(invalid(
            |reason| ErrorKind::NoRows { reason },
            file_field(file),
            "the file has no local-authority rows (geographic_level \u{201c}Local \
             authority\u{201d}): the calculator needs each council\u{2019}s figures",
        ));
    }
    Ok(out)
}

/// The figure (1, 2 or 3) of a `population_type` value of the looked-after
/// file, or `None` for a value the calculator does not read.
fn population_type(value: &str) -> Option<usize> {
    let words: Vec<String> = value
        .split_whitespace()
        .map(str::to_ascii_lowercase)
        .collect();
    let words: Vec<&str> = words.iter().map(String::as_str).collect();
    match words.as_slice() {
        ["children", "looked", "after", "on" | "at", "31", "march", "each", "year"] => Some(1),
        ["children", "starting", "to", "be", "looked", "after", "each", "year"] => Some(2),
        ["children", "ceasing", "to", "be", "looked", "after", "each", "year"] => Some(3),
        _ => None,
    }
}

/// Reads the calculator's own table with [`presets::parse_table`]; its year
/// comes from the file name, or else the year asked for.
fn read_compact<'a>(
    file: &'a str,
    text: &str,
    records: &[csv::Record],
    year: Option<u16>,
) -> Result<Source<'a>, Error> {
    let Some(table_year) = presets::file_year(base_name(file)).or(year) else {
        return Err(invalid(
            |reason| ErrorKind::NoYear { reason },
            file_field(file),
            "the year of a council presets file comes from its name: call it \
             la_presets_YYYY.csv (for example la_presets_2026.csv), or choose the year",
        ));
    };
    let presets = presets::parse_table(text, table_year).map_err(|e| in_file(file, e))?;
    if presets.is_empty() {
        return Err(invalid(
            |reason| ErrorKind::NoRows { reason },
            file_field(file),
            "the file has no council rows: the calculator needs each council\u{2019}s figures",
        ));
    }
    // The line of each council, for messages.
    let lines: Map<String, usize> = records
        .iter()
        .skip(1)
        .filter_map(|r| Some((r.fields.first()?.trim().to_ascii_uppercase(), r.line)))
        .collect();
    let columns = [4, 5, 7, 8, 9, 10, 11].map(|i| presets::COLUMNS[i].to_string());
    let rows = presets
        .into_iter()
        .map(|p| Row {
            line: lines.get(&p.code).copied().unwrap_or(0),
            year: p.year,
            values: p.figures().map(Some),
            code: p.code,
            old_code: p.old_code,
            name: p.name,
            region: p.region,
        })
        .collect();
    Ok(Source {
        file,
        kind: FileKind::CompactPresets,
        columns,
        rows,
        ignored: Set::new(),
    })
}

/// One council being merged.
struct Merged {
    preset: OwnedPreset,
    /// Where each figure came from: (file, line).
    origin: [Option<(usize, usize)>; FIGURES],
    /// The files that gave a row for the council.
    rows_from: Vec<usize>,
}

/// Reads one or more files — each `(file name, bytes)` — and merges them by
/// `new_la_code` into one preset per council for one year: `year` if given,
/// otherwise the latest year in any file.
///
/// See the [module documentation](self) for the files read and the rules.
/// The result holds only what the files give; [`Import::apply`] completes it
/// with the built-in presets.
///
/// Errors (each names the file, and the line and column when it is about a
/// cell): a file that is not CSV text in UTF-8, an empty file, a file the
/// calculator does not read, a damaged CSV file (a quote never closed, a
/// row of the wrong width), a cell that is not a count (`12a`, `-3`,
/// `12.5`), a `time_period` that is not a year, a code that is not an ONS
/// code, a blank council name, a file without local-authority rows, no
/// figures for the year asked for, and two different numbers for the same
/// council, year and figure.
pub fn import(files: &[(&str, &[u8])], year: Option<u16>) -> Result<Import, Error> {
    let mut job = Importer::new(files, year)?;
    loop {
        if let Some(done) = job.step(usize::MAX)? {
            return Ok(done);
        }
    }
}

/// An [`import`] worked in slices: a page reads a large file a few
/// thousand records at a time, between which it answers the reader, shows
/// how far it has got and can stop. The slices give exactly the result and
/// the errors of [`import`].
///
/// ```
/// use outcome_model::import::dfe::Importer;
/// let csv = "a,b\n1,2\n";
/// let mut job = Importer::new(&[("mine.csv", csv.as_bytes())], None).unwrap();
/// assert_eq!(job.progress(), 0.0);
/// // Not one of the files the calculator reads: said once the header is in.
/// assert!(job.step(1_000).is_err());
/// ```
#[derive(Debug, Clone)]
pub struct Importer {
    /// Each file's name and text.
    files: Vec<(String, String)>,
    year: Option<u16>,
    /// The records read so far, file by file.
    records: Vec<Vec<csv::Record>>,
    /// Where the file being read is at.
    reader: csv::Reader,
    /// The file being read.
    at: usize,
}

impl Importer {
    /// Checks each file is text of a size the calculator reads, and gets
    /// ready to read them.
    pub fn new(files: &[(&str, &[u8])], year: Option<u16>) -> Result<Importer, Error> {
        if files.is_empty() {
            return Err(invalid(
                |reason| ErrorKind::MissingFile { reason },
                "files".to_string(),
                "choose one or more files to load",
            ));
        }
        let mut texts = Vec::with_capacity(files.len());
        for (file, bytes) in files {
            texts.push(((*file).to_string(), text_of(file, bytes)?.to_string()));
        }
        Ok(Importer {
            records: vec![Vec::new(); texts.len()],
            files: texts,
            year,
            reader: csv::Reader::new(),
            at: 0,
        })
    }

    /// The share of the files' text read so far, from 0 to 1.
    pub fn progress(&self) -> f64 {
        let total: usize = self.files.iter().map(|f| f.1.len()).sum();
        let done: usize = self
            .files
            .iter()
            .take(self.at)
            .map(|f| f.1.len())
            .sum::<usize>()
            + if self.at < self.files.len() {
                self.reader.position()
            } else {
                0
            };
        if total == 0 {
            1.0
        } else {
            done as f64 / total as f64
        }
    }

    /// The name of the file being read (the last one once all are read).
    pub fn file(&self) -> &str {
        self.files
            .get(self.at.min(self.files.len().saturating_sub(1)))
            .map_or("", |f| f.0.as_str())
    }

    /// Reads up to `records` more records; once every file is read, works
    /// out the import and returns it.
    pub fn step(&mut self, records: usize) -> Result<Option<Import>, Error> {
        let mut left = records;
        while self.at < self.files.len() {
            let (name, text) = &self.files[self.at];
            let out = &mut self.records[self.at];
            let before = out.len();
            let done = self
                .reader
                .read(text, left.min(MAX_ROWS + 2), out)
                .map_err(|e| in_file(name, e))?;
            if out.len() > MAX_ROWS + 1 {
                return Err(too_many_rows(name));
            }
            left = left.saturating_sub(out.len() - before);
            if !done {
                if left == 0 {
                    return Ok(None);
                }
                continue;
            }
            self.at += 1;
            self.reader = csv::Reader::new();
            if left == 0 {
                return Ok(None);
            }
        }
        let mut sources = Vec::with_capacity(self.files.len());
        for ((file, text), records) in self.files.iter().zip(&self.records) {
            sources.push(read_records(file, text, records, self.year)?);
        }
        combine(sources, self.year).map(Some)
    }
}

/// Merges the files read into one preset per council for one year.
fn combine(sources: Vec<Source<'_>>, year: Option<u16>) -> Result<Import, Error> {
    let councils: Set<&str> = sources
        .iter()
        .flat_map(|s| s.rows.iter().map(|r| r.code.as_str()))
        .collect();
    if councils.len() > MAX_COUNCILS {
        return Err(invalid(
            |reason| ErrorKind::TooLarge { reason },
            "files".to_string(),
            format!(
                "the files name {} councils, more than the {MAX_COUNCILS} the calculator reads \
                 (England has 153 with children\u{2019}s services)",
                councils.len()
            ),
        ));
    }

    let years: Set<u16> = sources.iter().flat_map(Source::years).collect();
    let year = match year {
        Some(y) if years.contains(&y) => y,
        Some(y) => {
            return Err(invalid(
                |reason| ErrorKind::NoRows { reason },
                "year".to_string(),
                format!(
                    "the files have no council figures for {y}: they hold {}",
                    year_list(&years)
                ),
            ))
        }
        None => match years.last() {
            Some(&y) => y,
            None => {
                return Err(invalid(
                    |reason| ErrorKind::NoRows { reason },
                    "files".to_string(),
                    "the files have no council figures",
                ))
            }
        },
    };

    let mut warnings = Vec::new();
    let mut retired: Map<String, String> = Map::new();
    let mut merged: Map<String, Merged> = Map::new();
    for (s, source) in sources.iter().enumerate() {
        let held = source.years();
        if !held.contains(&year) {
            warnings.push(format!(
                "{} has no figures for {year} (it holds {}), so nothing was taken from it",
                file_field(source.file),
                year_list(&held)
            ));
        }
        if !source.ignored.is_empty() {
            let ignored: Vec<String> = source
                .ignored
                .iter()
                .map(|t| format!("\u{201c}{t}\u{201d}"))
                .collect();
            warnings.push(format!(
                "{}: rows whose population type is {} were not read",
                file_field(source.file),
                name_list(&ignored)
            ));
        }
        for row in source.rows.iter().filter(|r| r.year == year) {
            if presets::is_retired(&row.code, year) {
                retired.insert(row.code.clone(), row.name.clone());
                continue;
            }
            let council = merged.get_or_insert_with(row.code.clone(), || Merged {
                preset: Preset {
                    code: row.code.clone(),
                    old_code: String::new(),
                    name: row.name.clone(),
                    region: String::new(),
                    year,
                    population_0_17: None,
                    children_looked_after: None,
                    care_starts: None,
                    care_ceased: None,
                    children_in_need: None,
                    cin_started: None,
                    cp_plans: None,
                },
                origin: [None; FIGURES],
                rows_from: Vec::new(),
            });
            merge(council, row, s, &sources, year)?;
        }
    }

    // Leave out councils without a single figure.
    let (kept, empty): (Vec<Merged>, Vec<Merged>) = merged
        .into_values()
        .partition(|m| m.preset.figures().iter().any(Option::is_some));
    if !retired.is_empty() {
        let names: Vec<String> = retired.into_values().collect();
        warnings.push(format!(
            "left out councils that no longer existed at 31 March {year}: {}",
            name_list(&names)
        ));
    }
    if !empty.is_empty() {
        let names: Vec<String> = empty.iter().map(|m| m.preset.name.clone()).collect();
        warnings.push(format!(
            "left out councils with no figure for {year} in the files: {}",
            name_list(&names)
        ));
    }

    // Councils that one kind of file gives and another lacks.
    let kinds: Set<FileKind> = sources
        .iter()
        .filter(|s| s.rows.iter().any(|r| r.year == year))
        .map(|s| s.kind)
        .collect();
    for kind in &kinds {
        let missing: Vec<String> = kept
            .iter()
            .filter(|m| !m.rows_from.iter().any(|&s| sources[s].kind == *kind))
            .map(|m| m.preset.name.clone())
            .collect();
        if !missing.is_empty() {
            warnings.push(format!(
                "the {} file has no {year} row for {}",
                kind.label(),
                name_list(&missing)
            ));
        }
    }

    let mut used = vec![0usize; sources.len()];
    for m in &kept {
        for &s in &m.rows_from {
            used[s] += 1;
        }
    }
    let mut councils: Vec<OwnedPreset> = kept
        .into_iter()
        .map(|m| {
            let mut p = m.preset;
            if p.region.is_empty() {
                if let Some(built_in) = presets::latest(&p.code) {
                    p.region = built_in.region.to_string();
                }
            }
            p
        })
        .collect();
    sort(&mut councils);
    Ok(Import {
        year,
        councils,
        files: sources.iter().map(|s| s.kind).zip(used).collect(),
        warnings,
    })
}

/// Adds one row to a council, or says how it conflicts with what is there.
fn merge(
    council: &mut Merged,
    row: &Row,
    source: usize,
    sources: &[Source],
    year: u16,
) -> Result<(), Error> {
    let file = sources.get(source).map_or("", |s| s.file);
    council.rows_from.push(source);
    let p = &mut council.preset;
    if p.old_code.is_empty() {
        p.old_code.clone_from(&row.old_code);
    }
    if p.region.is_empty() {
        p.region.clone_from(&row.region);
    }
    let (name, code) = (p.name.clone(), p.code.clone());
    for (i, slot) in p.figures_mut().into_iter().enumerate() {
        let Some(Some(new)) = row.values[i] else {
            continue;
        };
        match (*slot, council.origin[i]) {
            (Some(old), Some((s0, line0))) if old != new => {
                let column = sources.get(source).map_or("", |s| s.columns[i].as_str());
                let first = sources.get(s0).map_or("", |s| s.file);
                let there = if s0 == source {
                    format!("line {line0}")
                } else {
                    place(first, line0).to_string()
                };
                return Err(invalid(
                    |reason| ErrorKind::Conflict { reason },
                    cell_place(file, row.line, column),
                    format!(
                        "two different figures for {} in {year} for {name} ({code}): \
                         {new} here and {old} on {there}",
                        FIGURE_NAMES[i]
                    ),
                ));
            }
            (None, _) => {
                *slot = Some(new);
                council.origin[i] = Some((source, row.line));
            }
            _ => {}
        }
    }
    Ok(())
}

fn sort(councils: &mut [OwnedPreset]) {
    sorted::sort_by(councils, |a, b| (&a.name, &a.code) < (&b.name, &b.code));
}

impl Import {
    /// The presets to use after the import: the imported councils, with the
    /// built-in presets (`built_in`, e.g. [`presets::all`] of
    /// [`presets::LATEST_YEAR`]) filling what the import lacks.
    ///
    /// - A figure from the import replaces the built-in one.
    /// - A figure the import lacks (no file gave it, or it is suppressed),
    ///   and a council the import lacks, keep the built-in figures only when
    ///   the built-in preset is for the same year. Otherwise the figure is
    ///   `None` — years are never mixed — and `warnings` says which figures
    ///   of which councils are missing.
    ///
    /// Every preset returned is for `self.year`, sorted by name (then code);
    /// councils that no longer existed in that year are left out. `files` is
    /// kept; `warnings` gains the new warnings after the import's own.
    pub fn apply<S: AsRef<str>>(&self, built_in: &[Preset<S>]) -> Import {
        let year = self.year;
        // One built-in preset per council: the one for `year` if there is
        // one, else the latest.
        let mut base: Map<String, &Preset<S>> = Map::new();
        for p in built_in {
            let code = p.code.as_ref().trim().to_ascii_uppercase();
            let better = base
                .get(&code)
                .is_none_or(|q| q.year != year && (p.year == year || p.year > q.year));
            if better {
                base.insert(code, p);
            }
        }

        let mut out: Map<String, OwnedPreset> = self
            .councils
            .iter()
            .map(|p| (p.code.to_ascii_uppercase(), p.clone()))
            .collect();
        let mut lost: [Vec<String>; FIGURES] = Default::default();
        let mut absent: Vec<String> = Vec::new();
        let mut other_years: Set<u16> = Set::new();
        for (code, b) in base {
            if presets::is_retired(&code, year) {
                continue;
            }
            let same_year = b.year == year;
            if !same_year {
                other_years.insert(b.year);
            }
            let built = b.figures();
            match out.get_mut(&code) {
                Some(p) => {
                    let name = p.name.clone();
                    for (i, slot) in p.figures_mut().into_iter().enumerate() {
                        if slot.is_none() && built[i].is_some() {
                            if same_year {
                                *slot = built[i];
                            } else {
                                lost[i].push(name.clone());
                            }
                        }
                    }
                }
                None => {
                    let mut p = b.owned();
                    p.code = code.clone();
                    if !same_year {
                        p.year = year;
                        for slot in p.figures_mut() {
                            *slot = None;
                        }
                        absent.push(p.name.clone());
                    }
                    out.insert(code, p);
                }
            }
        }

        let mut warnings = self.warnings.clone();
        let from = year_list(&other_years);
        if !absent.is_empty() {
            sorted::sort_by(&mut absent, |a, b| a < b);
            warnings.push(format!(
                "{} council{} not in the loaded files and {} no {year} figures: {} (the \
                 built-in figures are for {from} and are not mixed with {year}; enter the \
                 figures or load a file that has them)",
                absent.len(),
                if absent.len() == 1 { " is" } else { "s are" },
                if absent.len() == 1 { "has" } else { "have" },
                name_list(&absent)
            ));
        }
        for (i, names) in lost.iter_mut().enumerate() {
            if names.is_empty() {
                continue;
            }
            sorted::sort_by(names, |a, b| a < b);
            warnings.push(format!(
                "no {year} figure for {} for {} council{}: {} (the built-in figures are for \
                 {from} and are not mixed with {year}; enter the figures or load the {} file)",
                FIGURE_NAMES[i],
                names.len(),
                if names.len() == 1 { "" } else { "s" },
                name_list(names),
                FIGURE_FILES[i].label()
            ));
        }

        let mut councils: Vec<OwnedPreset> = out.into_values().collect();
        sort(&mut councils);
        Import {
            year,
            councils,
            files: self.files.clone(),
            warnings,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(text: &str) -> Vec<String> {
        text.split(',').map(String::from).collect()
    }

    #[test]
    fn years_at_31_march() {
        let cases: &[(&str, Option<u16>)] = &[
            ("2025", Some(2025)),
            (" 2025 ", Some(2025)),
            ("202425", Some(2025)),
            ("2024/25", Some(2025)),
            ("2024-25", Some(2025)),
            ("209900", Some(2100)),
            ("199900", Some(2000)),
            ("202426", None),
            ("202524", None),
            ("2024/2025", None),
            ("2024 25", None),
            ("25", None),
            ("", None),
            ("20a5", None),
            ("+202", None),
            ("0001", None),
            ("9999", None),
            ("2025\u{e9}", None),
            ("\u{e9}\u{e9}\u{e9}", None),
            ("2024\u{e9}5", None),
        ];
        for (text, year) in cases {
            assert_eq!(year_at_31_march(text), *year, "{text:?}");
        }
    }

    #[test]
    fn cells_read_as_counts_or_no_figure() {
        let cases: &[(&str, Result<Option<u32>, &str>)] = &[
            ("0", Ok(Some(0))),
            ("999", Ok(Some(999))),
            (" 614 ", Ok(Some(614))),
            ("1,250", Ok(Some(1250))),
            ("4294967295", Ok(Some(u32::MAX))),
            ("", Ok(None)),
            ("c", Ok(None)),
            ("z", Ok(None)),
            ("x", Ok(None)),
            ("u", Ok(None)),
            ("k", Ok(None)),
            ("low", Ok(None)),
            ("LOW", Ok(None)),
            (":", Ok(None)),
            ("C", Ok(None)),
            ("12a", Err("\u{201c}12a\u{201d} is not a number")),
            ("-3", Err("below zero")),
            ("12.5", Err("not a whole number")),
            ("1,25", Err("is not a number")),
            ("4294967296", Err("too large")),
            ("NaN", Err("is not a number")),
            ("inf", Err("is not a number")),
            ("cc", Err("is not a number")),
        ];
        for (cell, expected) in cases {
            let found = count(cell, || Location::from("here"));
            match (found, expected) {
                (Ok(x), Ok(want)) => assert_eq!(x, *want, "{cell:?}"),
                (Err(e), Err(reason)) => {
                    assert_eq!(e.field, Location::from("here"));
                    assert!(e.message().contains(reason), "{cell:?}: {}", e.message());
                }
                (found, _) => panic!("{cell:?}: {found:?}"),
            }
        }
    }

    #[test]
    fn files_are_told_by_their_columns() {
        let cases: &[(&str, Option<FileKind>)] = &[
            (
                "time_period,time_identifier,geographic_level,country_code,country_name,\
                 region_code,region_name,old_la_code,la_name,new_la_code,population_type,\
                 population_estimate,children_count,rate_per_10000",
                Some(FileKind::LookedAfter),
            ),
            (
                "time_period,geographic_level,new_la_code,population_count,number",
                Some(FileKind::LookedAfter),
            ),
            (
                "TIME_PERIOD, Geographic_Level ,New_LA_Code,Population_Type,Children_Count",
                Some(FileKind::LookedAfter),
            ),
            (
                "time_period,geographic_level,new_la_code,category,At31_episodes,\
                 Started_episodes",
                Some(FileKind::ChildrenInNeed),
            ),
            (
                "new_la_code,time_period,cpp_at31,geographic_level",
                Some(FileKind::ProtectionPlans),
            ),
            (
                "new_la_code,old_la_code,la_name,region,pop_0_17,cla_31mar,cla_rate_per_10k,\
                 cla_starts,cla_ceased,cin_31mar,cin_episodes_started,cpp_31mar",
                Some(FileKind::CompactPresets),
            ),
            (
                "new_la_code,la_name,cla_31mar",
                Some(FileKind::CompactPresets),
            ),
            (
                "time_period,geographic_level,new_la_code,At31_episodes",
                None,
            ),
            (
                "time_period,geographic_level,At31_episodes,Started_episodes",
                None,
            ),
            ("code,name", None),
            ("", None),
        ];
        for (header, kind) in cases {
            assert_eq!(detect(&strings(header)), *kind, "{header}");
        }
    }

    #[test]
    fn population_types() {
        let cases: &[(&str, Option<usize>)] = &[
            ("Children looked after on 31 March each year", Some(1)),
            ("Children looked after at 31 March each year", Some(1)),
            ("children  looked after AT 31 march each year ", Some(1)),
            ("Children starting to be looked after each year", Some(2)),
            ("Children ceasing to be looked after each year", Some(3)),
            ("Children looked after", None),
            ("", None),
        ];
        for (value, figure) in cases {
            assert_eq!(population_type(value), *figure, "{value:?}");
        }
    }

    #[test]
    fn lists_for_messages() {
        let years = |ys: &[u16]| ys.iter().copied().collect::<Set<u16>>();
        assert_eq!(year_list(&years(&[])), "none");
        assert_eq!(year_list(&years(&[2025])), "2025");
        assert_eq!(year_list(&years(&[2013, 2014, 2015])), "2013 to 2015");
        assert_eq!(year_list(&years(&[2021, 2023])), "2021, 2023");
        let names: Vec<String> = (1..=8).map(|i| format!("C{i}")).collect();
        assert_eq!(name_list(&names[..2]), "C1; C2");
        assert_eq!(name_list(&names), "C1; C2; C3; C4; C5; C6 and 2 more");
    }

    #[test]
    fn errors_of_the_csv_reader_name_the_file() {
        let cases = [
            ("a.csv", csv::place(3, None), "a.csv line 3"),
            ("a.csv", csv::place(3, Some("x")), "a.csv line 3, column x"),
            ("", csv::place(3, None), "csv line 3"),
            ("a.csv", Location::from("year"), "year"),
        ];
        for (file, field, expected) in cases {
            let e = in_file(
                file,
                invalid(|reason| ErrorKind::BadCell { reason }, field, "r"),
            );
            assert_eq!(e.field.to_string(), expected);
            assert_eq!(e.field.file_line(), (expected != "year").then_some(3));
        }
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod props {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn years_never_panic(text in "\\PC{0,10}") {
            let _ = year_at_31_march(&text);
        }

        #[test]
        fn counts_never_panic(text in "[0-9,.\\-a-z: ]{0,12}") {
            let _ = count(&text, || Location::from(""));
        }

        #[test]
        fn any_bytes_are_read_or_refused(
            bytes in proptest::collection::vec(any::<u8>(), 0..256),
            year in proptest::option::of(2000u16..2030),
        ) {
            let _ = import(&[("random.csv", &bytes)], year);
        }
    }
}
