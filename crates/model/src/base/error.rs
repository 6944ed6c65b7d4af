//! Errors: every one says where it is (a field of the scenario, or a line
//! of a file people bring, as data: [`Location`]) and what is wrong (its
//! [`ErrorKind`], whose words come from [`Error::message`]).

use std::fmt;

/// What is wrong with a field. A kind carries the figures a program
/// needs (the bounds of a number, a text's limit) beside its words, and nothing the scenario at the field already holds (the
/// text typed, the three ends of a range): every figure carried beside the
/// words makes each copy and drop of an error larger in the browser build
/// (a list's limits beside their words cost 0.4 KB gzipped, measured; a
/// text's limit alone, its words made from it, costs nothing).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[non_exhaustive]
pub enum ErrorKind {
    /// A figure the calculation needs was left blank (or is suppressed in the
    /// official data). `why` says what needs it.
    Missing { why: String },
    /// Not a finite number (NaN or infinity).
    NotFinite,
    /// Outside the range the calculator accepts.
    OutOfRange { min: f64, max: f64 },
    /// Text that is not a number the calculator can read.
    NotANumber { text: String },
    /// A programme id that is not in the evidence library.
    UnknownProgramme { id: String },
    /// A scenario written for a format version this build does not read.
    UnsupportedVersion { found: u32, supported: u32 },
    /// An evidence set this build does not hold.
    UnknownEvidenceSet { found: String },
    /// The scenario text could not be read at all (bad JSON, wrong type).
    Malformed { detail: String },
    /// A share-link setting (query key) this calculator does not read.
    UnknownSetting,
    /// A file that is not a calculator scenario at all (no format version,
    /// or version 0). `reason`, like every `reason` below, is the words,
    /// written by the code that finds the problem, so a module that never
    /// finds it carries none of them.
    NotAScenario { reason: String },
    /// A file with nothing in it (or no header row).
    EmptyFile { reason: String },
    /// A file whose header lacks a column the reader needs, or has others.
    WrongColumns { reason: String },
    /// A row with more or fewer fields than the first row.
    WrongFieldCount { reason: String },
    /// A quoted field never closed, or text after its closing quote.
    BadQuote { reason: String },
    /// A file that is not UTF-8 text (UTF-16, a spreadsheet, a zip).
    NotText { reason: String },
    /// A file, a link or a set of files larger than the calculator reads.
    TooLarge { reason: String },
    /// A file that is none of the official files the calculator reads.
    NotAKnownFile { reason: String },
    /// A cell that should hold a count of children and does not (not a whole number, below zero, too large).
    BadCount { reason: String },
    /// A cell the reader cannot use (a year, an ONS code, a blank name).
    BadCell { reason: String },
    /// Files with none of the rows (or none of the year) the calculator needs.
    NoRows { reason: String },
    /// Two different figures for the same council, year and measure.
    Conflict { reason: String },
    /// A share link whose escapes (`%..`) do not decode.
    Damaged { reason: String },
    /// A value that is not one of the names a setting takes (`low`, `foster`, a programme in the list).
    UnknownName { reason: String },
    /// A number where a whole number is needed.
    NotAWholeNumber { reason: String },
    /// A list written in the wrong shape (`25,60,100`, `outcome:measure:low:central:high`).
    BadList { reason: String },
    /// A field left blank that takes a figure whatever else is chosen
    /// (typed into the form; a scenario's blank is [`ErrorKind::Missing`]
    /// when something needs it).
    Blank { reason: String },
    /// Text longer than the `max` characters the calculator keeps (a
    /// label, a council's or a programme's name).
    TooLong { max: usize },
    /// A list (the field's) with fewer or more entries than the calculator
    /// takes, the limits in the words (the programmes, the years of the ramp, a custom programme's
    /// effects and benefits).
    WrongLength { reason: String },
    /// A range given as low, middle and high that are the wrong way round
    /// (low ≤ middle ≤ high does not hold); the three are the field's
    /// siblings in the scenario (`low`, `central` or `value`, `high`).
    OutOfOrder { reason: String },
    /// A number written with a decimal comma (`12,5`), which could be read
    /// two ways; the words repeat the text as typed (shortened).
    DecimalComma { reason: String },
    /// A council code (the field's) that names no council in the official
    /// figures asked for, or no council given at all.
    UnknownCouncil { reason: String },
    /// A council (the field's) that was abolished before the figures asked
    /// for (the words name the councils to choose).
    Abolished { reason: String },
    /// More unknown settings in a link than are worth naming one by one
    /// (the words count them and name the first few).
    UnknownSettings { reason: String },
    /// More problems, beyond those listed before this one (the words count
    /// them).
    MoreProblems { reason: String },
    /// A file needed and not given, or no file chosen at all.
    MissingFile { reason: String },
    /// A file whose year cannot be told (from its name or its rows) and
    /// for which none was chosen.
    NoYear { reason: String },
    /// A figure the projection does not have (the field is the path asked
    /// for, e.g. `years[12].cost`).
    UnknownOutput { path: String },
    /// A figure the calculator has no value for in this scenario (no
    /// payback within the horizon, no ratio without a cost, a count the
    /// official figures leave blank, no gap to illustrate); `why` says so.
    NoFigure { why: String },
}

/// Where an error is.
#[derive(Clone, PartialEq)]
pub enum Location {
    /// A field by its path in the scenario format (`council.care_starts`,
    /// `programmes[1].cohort`), a share-link key, or a named part of a
    /// request (`files`, `year`, `council data`).
    Field(String),
    /// A line of a CSV file (boxed: an error in a file is rare, and an
    /// [`Error`] stays a few words long wherever it is moved).
    File(Box<FilePlace>),
}

/// A line of a CSV file, and the cell when the error is about one. Made
/// by the code that reads files (`base::csv::place`), which gives the
/// words for it too: a build that reads no file carries none of them.
#[derive(Clone)]
pub struct FilePlace {
    /// The file's name; `None` before it is known.
    pub file: Option<String>,
    /// The line the record starts on, counting from 1.
    pub line: usize,
    /// The column, when the error is about one cell.
    pub column: Option<String>,
    /// Writes the place in words (`file line 12, column x`).
    pub words: fn(&FilePlace, &mut fmt::Formatter<'_>) -> fmt::Result,
}

/// Two places are the same line and cell of the same file.
impl PartialEq for FilePlace {
    fn eq(&self, other: &FilePlace) -> bool {
        (&self.file, self.line, &self.column) == (&other.file, other.line, &other.column)
    }
}

impl Location {
    /// The field's path; for a place in a file, its column (or nothing).
    pub fn path(&self) -> &str {
        match self {
            Location::Field(path) => path,
            Location::File(p) => p.column.as_deref().unwrap_or(""),
        }
    }

    /// The line of a file, if the error is in one.
    pub fn file_line(&self) -> Option<usize> {
        match self {
            Location::Field(_) => None,
            Location::File(p) => Some(p.line),
        }
    }

    /// The same place in the file called `name` (a field is left as it is).
    pub fn in_file(self, name: &str) -> Location {
        match self {
            Location::File(mut p) => {
                p.file = (!name.is_empty()).then(|| name.to_string());
                Location::File(p)
            }
            field => field,
        }
    }
}

/// The place in words: the path, or the words the file's reader gives
/// (`file line 12, column x`, `csv` for a file not yet named).
impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Location::Field(path) => f.write_str(path),
            Location::File(p) => (p.words)(p, f),
        }
    }
}

/// A place's debug form is its words.
impl fmt::Debug for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl From<String> for Location {
    fn from(path: String) -> Location {
        Location::Field(path)
    }
}

impl From<&str> for Location {
    // Once, not written into each of the many errors made from a path.
    #[inline(never)]
    fn from(path: &str) -> Location {
        Location::Field(path.to_string())
    }
}

/// In JSON, a place is its words, as [`Error::field`] always was.
impl serde::Serialize for Location {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// A problem with one input: where it is ([`Location`]: a field by its
/// path in the scenario format, e.g. `council.care_starts` or
/// `programmes[1].engagement_pct`, or a line of a file) and what is wrong.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Error {
    /// Where the problem is.
    pub field: Location,
    /// What is wrong.
    #[serde(flatten)]
    pub kind: ErrorKind,
}

impl Error {
    /// An error about `field` (a path, or a [`Location`]).
    pub fn new(field: impl Into<Location>, kind: ErrorKind) -> Error {
        Error {
            field: field.into(),
            kind,
        }
    }

    /// The same error, in the file called `name` when it is about a place
    /// in a file.
    pub fn in_file(mut self, name: &str) -> Error {
        self.field = self.field.in_file(name);
        self
    }

    /// The kind of problem as a short code, the same as the `kind` of the
    /// error's JSON form, for programs to read instead of the message.
    ///
    /// ```
    /// use outcome_model::{Error, ErrorKind};
    /// let e = Error::new("council.care_starts", ErrorKind::NotFinite);
    /// assert_eq!(e.code(), "not_finite");
    /// ```
    pub fn code(&self) -> &'static str {
        match &self.kind {
            ErrorKind::Missing { .. } => "missing",
            ErrorKind::NotFinite => "not_finite",
            ErrorKind::OutOfRange { .. } => "out_of_range",
            ErrorKind::NotANumber { .. } => "not_a_number",
            ErrorKind::UnknownProgramme { .. } => "unknown_programme",
            ErrorKind::UnsupportedVersion { .. } => "unsupported_version",
            ErrorKind::UnknownEvidenceSet { .. } => "unknown_evidence_set",
            ErrorKind::Malformed { .. } => "malformed",
            ErrorKind::UnknownSetting => "unknown_setting",
            ErrorKind::NotAScenario { .. } => "not_a_scenario",
            ErrorKind::EmptyFile { .. } => "empty_file",
            ErrorKind::WrongColumns { .. } => "wrong_columns",
            ErrorKind::WrongFieldCount { .. } => "wrong_field_count",
            ErrorKind::BadQuote { .. } => "bad_quote",
            ErrorKind::NotText { .. } => "not_text",
            ErrorKind::TooLarge { .. } => "too_large",
            ErrorKind::NotAKnownFile { .. } => "not_a_known_file",
            ErrorKind::BadCount { .. } => "bad_count",
            ErrorKind::BadCell { .. } => "bad_cell",
            ErrorKind::NoRows { .. } => "no_rows",
            ErrorKind::Conflict { .. } => "conflict",
            ErrorKind::Damaged { .. } => "damaged",
            ErrorKind::UnknownName { .. } => "unknown_name",
            ErrorKind::NotAWholeNumber { .. } => "not_a_whole_number",
            ErrorKind::BadList { .. } => "bad_list",
            ErrorKind::Blank { .. } => "blank",
            ErrorKind::TooLong { .. } => "too_long",
            ErrorKind::WrongLength { .. } => "wrong_length",
            ErrorKind::OutOfOrder { .. } => "out_of_order",
            ErrorKind::DecimalComma { .. } => "decimal_comma",
            ErrorKind::UnknownCouncil { .. } => "unknown_council",
            ErrorKind::Abolished { .. } => "abolished",
            ErrorKind::UnknownSettings { .. } => "unknown_settings",
            ErrorKind::MoreProblems { .. } => "more_problems",
            ErrorKind::MissingFile { .. } => "missing_file",
            ErrorKind::NoYear { .. } => "no_year",
            ErrorKind::UnknownOutput { .. } => "unknown_output",
            ErrorKind::NoFigure { .. } => "no_figure",
        }
    }

    /// The message alone, without the field path: lower case, plain words.
    pub fn message(&self) -> String {
        match &self.kind {
            ErrorKind::Missing { why } => format!("enter a figure: {why}"),
            ErrorKind::NotFinite => "enter an ordinary number".to_string(),
            ErrorKind::OutOfRange { min, max } => {
                format!("enter a number from {} to {}", plain(*min), plain(*max))
            }
            ErrorKind::NotANumber { text } => {
                format!("\u{201c}{text}\u{201d} is not a number: use digits, for example 1,250 or 12.5")
            }
            ErrorKind::UnknownProgramme { id } => {
                format!("there is no programme called \u{201c}{id}\u{201d}")
            }
            ErrorKind::UnsupportedVersion { found, supported } => format!(
                "this scenario uses format version {found}; this calculator reads version {supported}"
            ),
            ErrorKind::UnknownEvidenceSet { found } => {
                format!("evidence set \u{201c}{found}\u{201d} is not known to this calculator")
            }
            ErrorKind::Malformed { detail } => format!("the scenario could not be read: {detail}"),
            ErrorKind::UnknownSetting => "this link setting is not known".to_string(),
            ErrorKind::TooLong { max } => format!("use at most {max} characters"),
            ErrorKind::UnknownOutput { path } => format!(
                "there is no figure called \u{201c}{path}\u{201d}: the list of outputs names every figure that can be explained"
            ),
            ErrorKind::NoFigure { why } => why.clone(),
            ErrorKind::NotAScenario { reason }
            | ErrorKind::EmptyFile { reason }
            | ErrorKind::WrongColumns { reason }
            | ErrorKind::WrongFieldCount { reason }
            | ErrorKind::BadQuote { reason }
            | ErrorKind::NotText { reason }
            | ErrorKind::TooLarge { reason }
            | ErrorKind::NotAKnownFile { reason }
            | ErrorKind::BadCount { reason }
            | ErrorKind::BadCell { reason }
            | ErrorKind::NoRows { reason }
            | ErrorKind::Conflict { reason }
            | ErrorKind::Damaged { reason }
            | ErrorKind::UnknownName { reason }
            | ErrorKind::NotAWholeNumber { reason }
            | ErrorKind::BadList { reason }
            | ErrorKind::Blank { reason }
            | ErrorKind::WrongLength { reason, .. }
            | ErrorKind::OutOfOrder { reason }
            | ErrorKind::DecimalComma { reason }
            | ErrorKind::UnknownCouncil { reason }
            | ErrorKind::Abolished { reason }
            | ErrorKind::UnknownSettings { reason }
            | ErrorKind::MoreProblems { reason }
            | ErrorKind::MissingFile { reason }
            | ErrorKind::NoYear { reason } => reason.clone(),
        }
    }
}

/// A number as a person would write it: no trailing `.0`, thousands commas.
fn plain(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 1e15 {
        let digits = format!("{}", x.abs() as u64);
        let mut out = String::new();
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i) % 3 == 0 {
                out.push(',');
            }
            out.push(c);
        }
        if x < 0.0 {
            out.insert(0, '-');
        }
        out
    } else {
        super::decimal::shortest(x)
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.field, self.message())
    }
}

impl std::error::Error for Error {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_name_the_field_and_are_lower_case() {
        let cases = [
            (
                Error::new("council.care_starts", ErrorKind::NotFinite),
                "council.care_starts: enter an ordinary number",
            ),
            (
                Error::new(
                    "assumptions.horizon_years",
                    ErrorKind::OutOfRange {
                        min: 1.0,
                        max: 10.0,
                    },
                ),
                "assumptions.horizon_years: enter a number from 1 to 10",
            ),
            (
                Error::new(
                    "council.cp_plans",
                    ErrorKind::OutOfRange {
                        min: 0.0,
                        max: 1_000_000.0,
                    },
                ),
                "council.cp_plans: enter a number from 0 to 1,000,000",
            ),
        ];
        for (error, expected) in cases {
            assert_eq!(error.to_string(), expected);
        }
    }

    #[test]
    fn every_code_is_the_kind_of_the_json_form() {
        let s = || "x".to_string();
        let kinds = [
            ErrorKind::Missing { why: s() },
            ErrorKind::NotFinite,
            ErrorKind::OutOfRange { min: 0.0, max: 1.0 },
            ErrorKind::NotANumber { text: s() },
            ErrorKind::UnknownProgramme { id: s() },
            ErrorKind::UnsupportedVersion {
                found: 9,
                supported: 2,
            },
            ErrorKind::UnknownEvidenceSet { found: s() },
            ErrorKind::Malformed { detail: s() },
            ErrorKind::UnknownSetting,
            ErrorKind::NotAScenario { reason: s() },
            ErrorKind::EmptyFile { reason: s() },
            ErrorKind::WrongColumns { reason: s() },
            ErrorKind::WrongFieldCount { reason: s() },
            ErrorKind::BadQuote { reason: s() },
            ErrorKind::NotText { reason: s() },
            ErrorKind::TooLarge { reason: s() },
            ErrorKind::NotAKnownFile { reason: s() },
            ErrorKind::BadCount { reason: s() },
            ErrorKind::BadCell { reason: s() },
            ErrorKind::NoRows { reason: s() },
            ErrorKind::Conflict { reason: s() },
            ErrorKind::Damaged { reason: s() },
            ErrorKind::UnknownName { reason: s() },
            ErrorKind::NotAWholeNumber { reason: s() },
            ErrorKind::BadList { reason: s() },
            ErrorKind::Blank { reason: s() },
            ErrorKind::TooLong { max: 1 },
            ErrorKind::WrongLength { reason: s() },
            ErrorKind::OutOfOrder { reason: s() },
            ErrorKind::DecimalComma { reason: s() },
            ErrorKind::UnknownCouncil { reason: s() },
            ErrorKind::Abolished { reason: s() },
            ErrorKind::UnknownSettings { reason: s() },
            ErrorKind::MoreProblems { reason: s() },
            ErrorKind::MissingFile { reason: s() },
            ErrorKind::NoYear { reason: s() },
            ErrorKind::UnknownOutput { path: s() },
            ErrorKind::NoFigure { why: s() },
        ];
        let mut seen = Vec::new();
        for kind in kinds {
            let e = Error::new("f", kind);
            let json = serde_json::to_value(&e).unwrap();
            assert_eq!(json["kind"], e.code(), "{e:?}");
            assert!(!seen.contains(&e.code()), "{} twice", e.code());
            seen.push(e.code());
        }
    }
}
