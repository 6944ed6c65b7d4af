//! Errors: every one names the field it is about and says what is wrong.

use std::fmt;

/// What is wrong with a field.
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
    /// Anything else, in words.
    Invalid { reason: String },
    /// A figure the projection does not have (the field is the path asked
    /// for, e.g. `years[12].cost`).
    UnknownOutput { path: String },
    /// A figure the projection has no value for in this scenario (no
    /// payback within the horizon, no ratio without a cost); `why` says so.
    NoFigure { why: String },
}

/// A problem with one input, named by its path in the scenario format
/// (e.g. `council.care_starts` or `programmes[1].engagement_pct`).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Error {
    /// Path of the field in the scenario format.
    pub field: String,
    /// What is wrong.
    #[serde(flatten)]
    pub kind: ErrorKind,
}

impl Error {
    /// An error about `field`.
    pub fn new(field: impl Into<String>, kind: ErrorKind) -> Error {
        Error {
            field: field.into(),
            kind,
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
            ErrorKind::Invalid { reason } => reason.clone(),
            ErrorKind::UnknownOutput { path } => format!(
                "there is no figure called \u{201c}{path}\u{201d}: the list of outputs names every figure that can be explained"
            ),
            ErrorKind::NoFigure { why } => why.clone(),
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
        format!("{x}")
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
}
