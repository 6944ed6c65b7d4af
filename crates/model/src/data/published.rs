//! One cell of an official table as it was published: a number, the code
//! printed instead of one, or nothing.
//!
//! The council history, spending and neighbour tables
//! ([`history`](crate::context::history), [`spend`](crate::context::spend)) keep every cell
//! this way so that a missing figure can say *why* it is missing. A code is
//! never a zero: [`Published::value`] is `None` for it.

use crate::base::error::{Error, ErrorKind, Location};

/// A published cell. `S` is the text type: `&'static str` in the built-in
/// tables, `String` when read from a file.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Published<S = &'static str> {
    /// A figure, as printed (a count of children, or £ thousand).
    Value(f64),
    /// A code printed instead of a figure: `c` confidential, `x` not
    /// available, `u` low reliability, `z` not applicable (DfE); `[x]` data
    /// not received in time, `[z]` not collected, `[note 4]` see note
    /// (MHCLG).
    Code(S),
    /// An empty cell: the source has no figure at all.
    Blank,
}

impl<S: AsRef<str>> Published<S> {
    /// The figure, or `None` for a code or a blank (never zero).
    ///
    /// ```
    /// use outcome_model::data::published::Published;
    /// assert_eq!(Published::<&str>::Value(12.0).value(), Some(12.0));
    /// assert_eq!(Published::Code("c").value(), None);
    /// assert_eq!(Published::<&str>::Blank.value(), None);
    /// ```
    pub fn value(&self) -> Option<f64> {
        match self {
            Published::Value(v) => Some(*v),
            _ => None,
        }
    }

    /// The same cell with owned text.
    pub fn owned(&self) -> Published<String> {
        match self {
            Published::Value(v) => Published::Value(*v),
            Published::Code(c) => Published::Code(c.as_ref().to_string()),
            Published::Blank => Published::Blank,
        }
    }

    /// Why there is no figure, in lower-case words; `None` for a figure.
    ///
    /// ```
    /// use outcome_model::data::published::Published;
    /// assert_eq!(Published::Code("c").why_missing(), Some("suppressed to protect confidentiality (c)"));
    /// ```
    pub fn why_missing(&self) -> Option<&'static str> {
        match self {
            Published::Value(_) => None,
            Published::Blank => Some("not in the source"),
            Published::Code(c) => Some(match c.as_ref() {
                "c" => "suppressed to protect confidentiality (c)",
                "x" => "not available (x)",
                "u" => "low reliability (u)",
                "z" => "not applicable (z)",
                "[x]" => "return not received in time ([x])",
                "[z]" => "not collected ([z])",
                "[note 4]" => "not provided by the council: only the total was given ([note 4])",
                _ => "not published",
            }),
        }
    }
}

/// Reads a cell of an official table: a plain decimal number (no thousands
/// commas, no exponent, at most 15 significant digits), a code (`c`, `x`, `u`, `z`, or anything in square
/// brackets such as `[x]` or `[note 4]`), or blank. `field` names the cell
/// in an error. Negative figures are allowed (net spending can be below
/// zero); callers that read counts check the sign themselves.
///
/// ```
/// use outcome_model::data::published::{read, Published};
/// assert_eq!(read("120818.05", "x").unwrap(), Published::Value(120818.05));
/// assert_eq!(read("[note 4]", "x").unwrap(), Published::Code("[note 4]".to_string()));
/// assert_eq!(read("", "x").unwrap(), Published::Blank);
/// assert!(read("12a", "x").is_err());
/// ```
pub fn read(cell: &str, field: impl Into<Location>) -> Result<Published<String>, Error> {
    let cell = cell.trim();
    if cell.is_empty() {
        return Ok(Published::Blank);
    }
    let is_code = matches!(cell, "c" | "x" | "u" | "z")
        || (cell.starts_with('[') && cell.ends_with(']') && cell.len() > 2);
    if is_code {
        return Ok(Published::Code(cell.to_string()));
    }
    decimal(cell).map(Published::Value).ok_or_else(|| {
        Error::new(
            field,
            ErrorKind::NotANumber {
                text: cell.to_string(),
            },
        )
    })
}

/// A plain decimal (`-12.345`, `.5`, `7`) with at most 15 significant
/// digits and 15 decimals, as the nearest `f64`: the digits as a whole
/// number divided by a power of ten, both exact in an `f64`, so the one
/// rounding gives the same value as Rust's own parser. Written out so the
/// browser build does not carry the general float parser.
fn decimal(cell: &str) -> Option<f64> {
    let (negative, rest) = match cell.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, cell),
    };
    let (whole, fraction) = rest.split_once('.').unwrap_or((rest, ""));
    if whole.is_empty() && fraction.is_empty() {
        return None;
    }
    let digits = || whole.bytes().chain(fraction.bytes());
    if !digits().all(|b| b.is_ascii_digit()) || fraction.len() > 15 {
        return None;
    }
    let significant = digits().skip_while(|b| *b == b'0').count();
    if significant > 15 {
        return None;
    }
    let mantissa = digits().fold(0u64, |n, b| n * 10 + u64::from(b - b'0'));
    let scale = 10u64.pow(fraction.len() as u32);
    let v = mantissa as f64 / scale as f64;
    Some(if negative { -v } else { v })
}
