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
    /// A share-link setting (query key) this calculator does not read.
    UnknownSetting,
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
            ErrorKind::Invalid { .. } => "invalid",
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
            ErrorKind::Invalid { reason: s() },
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
