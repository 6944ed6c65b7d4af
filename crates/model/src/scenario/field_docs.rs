//! The field tables of `docs/scenario-format.md`, written from
//! [`crate::scenario::fields::FIELDS`]. `cargo run --bin gen-field-docs`
//! puts them between the marker comments [`START`] and [`END`]; a test fails
//! when the committed file and the table disagree.

use crate::data::defaults::Sourced;
use crate::data::evidence::{self, CUSTOM_ID};
use crate::scenario::fields::{Bounds, Field, Kind, Link, Preset, FIELDS};
use crate::scenario::validate::MAX_COUNT;

/// The comment that opens the generated part of the docs.
pub const START: &str = "<!-- fields: generated from crates/model/src/scenario/fields.rs by `cargo run --bin gen-field-docs`; do not edit by hand -->";
/// The comment that closes it.
pub const END: &str = "<!-- fields: end -->";

/// The section a field is documented in: `council`, `programmes[]`, … (""
/// for the top level).
fn section(path: &str) -> &str {
    if path.starts_with("programmes[].custom.") {
        "programmes[].custom"
    } else {
        path.split_once('.').map_or("", |(head, _)| head)
    }
}

/// A number as the docs write it: thousands commas, no trailing `.0`.
///
/// ```
/// use outcome_model::scenario::field_docs::number;
/// assert_eq!(number(2_000_000.0), "2,000,000");
/// assert_eq!(number(-50.0), "−50");
/// assert_eq!(number(876.66), "876.66");
/// ```
pub fn number(x: f64) -> String {
    let text = format!("{}", x.abs());
    let (whole, fraction) = text.split_once('.').unwrap_or((&text, ""));
    let mut out = String::new();
    if x < 0.0 {
        out.push('−');
    }
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if !fraction.is_empty() {
        out.push('.');
        out.push_str(fraction);
    }
    out
}

/// A number of a field: whole numbers under 10,000 (years, seeds) without
/// a comma.
fn value(f: &Field, x: f64) -> String {
    if f.kind == Kind::Integer && x.abs() < 10_000.0 {
        format!("{x}")
    } else {
        number(x)
    }
}

/// Where the link carries a field, as the docs write it.
fn link(f: &Field) -> String {
    match f.link {
        Link::Top(key) => format!("`{key}`"),
        Link::Programme(key) => format!("`<id>.{key}`"),
        Link::Packed(key) => format!("part of `<id>.{key}`N"),
    }
}

/// A citation in short: "PSSRU 2017".
fn short(s: &Sourced) -> String {
    let p = s.source.publisher;
    let end = p.find([',', '(']).unwrap_or(p.len());
    format!("{} {}", p[..end].trim_end(), s.source.year)
}

/// The default of a field and its source, in words.
fn preset(f: &Field) -> String {
    match f.preset {
        Preset::Required => "required".into(),
        Preset::Blank => "blank".into(),
        Preset::Convention(x) => format!("{} (convention)", value(f, x)),
        Preset::Word("") => "empty".into(),
        Preset::Word(w) => format!("`\"{w}\"` (convention)"),
        Preset::Programme => "the programme's".into(),
        Preset::Cited => match f.cited() {
            None => "cited (missing)".into(),
            Some(s) => {
                let value = match f.kind {
                    Kind::PercentList => format!("`[{}]`", number(s.value)),
                    _ => number(s.value),
                };
                let published = match s.price_year {
                    Some(y) => format!(
                        "£{} in {} prices, ",
                        number(s.published),
                        crate::data::prices::label(y)
                    ),
                    None => String::new(),
                };
                let kind = match s.verification {
                    crate::data::citation::Verification::Convention => "convention after ",
                    _ => "",
                };
                let value = if f.blank {
                    format!("blank; when needed {value}")
                } else {
                    value
                };
                format!("{value} ({published}{kind}{})", short(&s))
            }
        },
    }
}

/// What a field accepts, in words.
fn bounds(f: &Field) -> String {
    match f.bounds {
        Bounds::Any => "—".into(),
        Bounds::Range(min, max) if min == max => value(f, min),
        Bounds::Range(min, max) => format!("{}–{}", value(f, min), value(f, max)),
        Bounds::Chars(n) => format!("≤ {n} characters"),
        Bounds::Words(words) => words
            .iter()
            .map(|w| format!("`{w}`"))
            .collect::<Vec<_>>()
            .join(", "),
        Bounds::Programmes => {
            let mut ids: Vec<String> = evidence::library()
                .iter()
                .map(|p| format!("`{}`", p.id))
                .collect();
            ids.push(format!("`{CUSTOM_ID}`"));
            ids.join(", ")
        }
        Bounds::ByMeasure => format!("0–100; `per_council`: 0–{}", number(MAX_COUNT)),
    }
}

/// A table cell: no line breaks, no bare `|`.
fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}

/// The generated part of the docs, from [`START`] to [`END`] inclusive: one
/// table per section of the format.
pub fn markdown() -> String {
    let mut out = String::from(START);
    out.push('\n');
    let mut current = None;
    for f in FIELDS {
        let sec = section(f.path);
        if current != Some(sec) {
            current = Some(sec);
            let title = if sec.is_empty() {
                "Top level".to_string()
            } else {
                format!("`{sec}`")
            };
            out.push_str(&format!(
                "\n### {title}\n\n| Field | Link | Kind | Unit | Default | Bounds | Label |\n|---|---|---|---|---|---|---|\n"
            ));
        }
        let name = if sec.is_empty() {
            f.path
        } else {
            &f.path[sec.len() + 1..]
        };
        let row = [
            format!("`{name}`"),
            link(f),
            format!(
                "{}{}",
                f.kind.word(),
                if f.blank { ", may be blank" } else { "" }
            ),
            if f.unit.is_empty() {
                "—".to_string()
            } else {
                f.unit.to_string()
            },
            preset(f),
            bounds(f),
            f.label.to_string(),
        ];
        let row: Vec<String> = row.iter().map(|c| cell(c)).collect();
        out.push_str(&format!("| {} |\n", row.join(" | ")));
    }
    out.push('\n');
    out.push_str(END);
    out
}

/// `text` with its generated part replaced by [`markdown`]; `None` when the
/// markers are missing.
pub fn replace(text: &str) -> Option<String> {
    let start = text.find(START)?;
    let end = text[start..].find(END)? + start + END.len();
    Some(format!("{}{}{}", &text[..start], markdown(), &text[end..]))
}
