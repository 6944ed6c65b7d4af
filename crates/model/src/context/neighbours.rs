//! Each council's ten statistical neighbours: the councils most like it,
//! by the Department for Education's statistical-neighbour model (2025
//! model, updated May 2025), with the published closeness band.
//!
//! `data/official/statistical_neighbours_2025.csv` is read by
//! [`parse_table`] from the council data file
//! ([`crate::context::council_data`]). Anything showing the neighbours must
//! carry [`CREDIT`].

use crate::base::csv;
use crate::base::error::{Error, ErrorKind, Location};

/// Attribution required by the Open Government Licence.
pub const CREDIT: &str = "Contains public sector information licensed under the Open Government Licence v3.0. Source: Department for Education, Children's services statistical neighbour benchmarking tool (2025 model).";

/// How close a neighbour is, as DfE bands it (closest first).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Closeness {
    /// Extremely close.
    ExtremelyClose,
    /// Very close.
    VeryClose,
    /// Close.
    Close,
    /// Somewhat close.
    SomewhatClose,
    /// Not close.
    NotClose,
}

impl Closeness {
    /// Every band, closest first.
    pub const ALL: [Closeness; 5] = [
        Closeness::ExtremelyClose,
        Closeness::VeryClose,
        Closeness::Close,
        Closeness::SomewhatClose,
        Closeness::NotClose,
    ];

    /// The band as DfE writes it: `Very close`.
    pub fn label(self) -> &'static str {
        match self {
            Closeness::ExtremelyClose => "Extremely close",
            Closeness::VeryClose => "Very close",
            Closeness::Close => "Close",
            Closeness::SomewhatClose => "Somewhat close",
            Closeness::NotClose => "Not close",
        }
    }

    /// Reads a band as DfE writes it (any letter case, trimmed).
    pub fn parse(text: &str) -> Option<Closeness> {
        let t = text.trim();
        Closeness::ALL
            .into_iter()
            .find(|c| c.label().eq_ignore_ascii_case(t))
    }
}

/// One council's neighbours, closest first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Neighbours<S = &'static str> {
    /// ONS code of the council.
    pub code: S,
    /// Its name as DfE spells it.
    pub name: S,
    /// The ten neighbours' ONS codes with their closeness, closest first.
    pub neighbours: [(S, Closeness); 10],
}

/// A row read from a file.
pub type OwnedNeighbours = Neighbours<String>;

/// The neighbours of the council with ONS code `code` (any letter case)
/// among `rows`; `None` for a code with none (a former council, or not a
/// council).
pub fn neighbours<'a, S: AsRef<str>>(
    rows: &'a [Neighbours<S>],
    code: &str,
) -> Option<&'a Neighbours<S>> {
    let code = code.trim();
    rows.iter()
        .find(|n| n.code.as_ref().eq_ignore_ascii_case(code))
}

/// The median of the figures that are present; `None` when there are none.
///
/// ```
/// use outcome_model::context::neighbours::median;
/// assert_eq!(median(&[Some(3.0), None, Some(1.0), Some(2.0)]), Some(2.0));
/// assert_eq!(median(&[Some(1.0), Some(2.0)]), Some(1.5));
/// assert_eq!(median(&[None]), None);
/// ```
pub fn median(values: &[Option<f64>]) -> Option<f64> {
    let mut v: Vec<f64> = values.iter().flatten().copied().collect();
    if v.is_empty() {
        return None;
    }
    // The sort of `sorted` (the browser calls this); the few figures of a
    // comparison need nothing faster.
    crate::base::sorted::sort_by(&mut v, |a, b| a < b);
    let n = v.len();
    Some(if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    })
}

/// An error of the kind `kind` (an [`ErrorKind`] variant's constructor)
/// at `field`, in the words `reason`.
fn invalid(kind: fn(String) -> ErrorKind, field: Location, reason: String) -> Error {
    Error::new(field, kind(reason))
}

fn bad_cell(reason: String) -> ErrorKind {
    ErrorKind::BadCell { reason }
}

/// Reads `statistical_neighbours_2025.csv`: `new_la_code, old_la_code,
/// la_name`, then `sn{k}_code, sn{k}_closeness` for k = 1 to 10. Errors
/// name the line and column: a wrong header, an unknown closeness band, a
/// blank neighbour, a council that is its own neighbour or lists one twice.
pub fn parse_table(text: &str) -> Result<Vec<OwnedNeighbours>, Error> {
    let records = csv::records(text)?;
    let Some((header, rows)) = records.split_first() else {
        return Err(invalid(
            |reason| ErrorKind::EmptyFile { reason },
            csv::line_field(1),
            "the file is empty".to_string(),
        ));
    };
    let mut columns = vec![
        "new_la_code".to_string(),
        "old_la_code".to_string(),
        "la_name".to_string(),
    ];
    for k in 1..=10 {
        columns.push(format!("sn{k}_code"));
        columns.push(format!("sn{k}_closeness"));
    }
    let found: Vec<&str> = header.fields.iter().map(|f| f.trim()).collect();
    if found != columns {
        return Err(invalid(
            |reason| ErrorKind::WrongColumns { reason },
            csv::line_field(header.line),
            format!("a neighbours file has the columns {}", columns.join(",")),
        ));
    }
    let mut out: Vec<OwnedNeighbours> = Vec::with_capacity(rows.len());
    for row in rows {
        let cell = |i: usize| row.fields.get(i).map_or("", |s| s.trim());
        let field = |i: usize| csv::place(row.line, Some(columns[i].as_str()));
        let mut list: Vec<(String, Closeness)> = Vec::with_capacity(10);
        for k in 0..10 {
            let (c, b) = (3 + 2 * k, 4 + 2 * k);
            let code = cell(c);
            if code.is_empty() || code == cell(0) || list.iter().any(|(n, _)| n == code) {
                return Err(invalid(
                    bad_cell,
                    field(c),
                    format!("\u{201c}{code}\u{201d} is blank, the council itself, or listed twice"),
                ));
            }
            let band = Closeness::parse(cell(b)).ok_or_else(|| {
                invalid(
                    bad_cell,
                    field(b),
                    format!("\u{201c}{}\u{201d} is not a closeness band", cell(b)),
                )
            })?;
            list.push((code.to_string(), band));
        }
        let mut list = list.into_iter();
        out.push(Neighbours {
            code: cell(0).to_string(),
            name: cell(2).to_string(),
            neighbours: std::array::from_fn(|_| list.next().expect("ten neighbours")),
        });
    }
    Ok(out)
}
