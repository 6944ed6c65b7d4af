//! A working as indented text: the sentence, the formula, the chain from
//! the figure down to its inputs, the sources, and the inputs that move it
//! most. The CLI's `--explain` prints this.

use crate::data::citation::Citation;
use crate::explain::derivation::{Derivation, Op, Source, Step, StepKind};
use crate::explain::words::{number, source_words};

/// The working as text.
///
/// ```
/// use outcome_model::{default_scenario, explain};
/// let d = explain::explain(&default_scenario(), "years[0].cost").unwrap();
/// let text = explain::text::render(&d);
/// assert!(text.starts_with("Cost, 2026-27 (years[0].cost)"));
/// assert!(text.contains("Sources"));
/// ```
pub fn render(d: &Derivation) -> String {
    let mut out = format!("{} ({})\n{}\n\n", d.label, d.path, d.sentence);
    out.push_str(&format!(
        "Formula: {}\n         {}\n\n",
        d.formula, d.symbols
    ));
    out.push_str("Working:\n");
    step(&mut out, &d.step, 1);
    if !d.shared.is_empty() {
        out.push_str("\nWorked out once and used above:\n");
        for (id, s) in d.shared.iter().enumerate() {
            out.push_str(&format!("  [{}]\n", id + 1));
            step(&mut out, s, 2);
        }
    }
    out.push_str("\nSources:\n");
    let mut cited: Vec<Citation> = Vec::new();
    let mut other: Vec<String> = Vec::new();
    d.walk(&mut |s| {
        if let StepKind::Input { source } = &s.kind {
            match source {
                Source::Cited { citation, .. } | Source::Official { citation, .. }
                    if !cited.iter().any(|c| c.id == citation.id) =>
                {
                    cited.push(*citation);
                }
                _ => {}
            }
            let words = match source {
                Source::Yours { field } => Some(format!("your figure: {field}")),
                Source::Official {
                    field,
                    council_name,
                    council_code,
                    dataset,
                    ..
                } => Some(format!(
                    "{council_name} ({council_code}), official: {field}, {dataset}"
                )),
                _ => None,
            };
            if let Some(w) = words {
                if !other.contains(&w) {
                    other.push(w);
                }
            }
        }
    });
    for w in &other {
        out.push_str(&format!("  - {w}\n"));
    }
    for c in &cited {
        out.push_str(&format!(
            "  - [{}] {}, {} ({}). {}\n",
            c.id, c.publisher, c.title, c.year, c.url
        ));
    }
    out.push_str("\nWhat moves this number most");
    match &d.sensitivity_note {
        Some(n) => out.push_str(&format!(" ({n}):\n")),
        None => out.push_str(":\n"),
    }
    if d.sensitive.is_empty() {
        out.push_str("  nothing the one-at-a-time analysis varies moves it\n");
    }
    for (k, s) in d.sensitive.iter().enumerate() {
        let unit = if d.sensitivity_note.is_some() && d.path.starts_with("uncertainty.") {
            crate::explain::derivation::Unit::Pounds
        } else {
            d.unit
        };
        out.push_str(&format!(
            "  {}. {} [{}]: {} with {}, {} with {}\n",
            k + 1,
            s.input,
            s.fields.join(", "),
            number(s.value_low, unit),
            s.low_label,
            number(s.value_high, unit),
            s.high_label
        ));
    }
    out
}

fn step(out: &mut String, s: &Step, depth: usize) {
    let pad = "  ".repeat(depth);
    let value = number(s.value, s.unit);
    let price = match &s.price_year {
        Some(y) if s.unit.is_money() => format!(" ({y} prices)"),
        _ => String::new(),
    };
    match &s.kind {
        // A percentage read as a share: one line, the percentage's.
        StepKind::Operation {
            op: Op::Percent,
            of,
        } if of.len() == 1 && matches!(of[0].kind, StepKind::Input { .. }) => {
            if let StepKind::Input { source } = &of[0].kind {
                out.push_str(&format!(
                    "{pad}{}  {}  <- {}\n",
                    number(of[0].value, of[0].unit),
                    of[0].label,
                    source_words(source)
                ));
            }
        }
        StepKind::Operation { op, of } => {
            out.push_str(&format!(
                "{pad}{value}{price}  {} = {}\n",
                s.label,
                op.words()
            ));
            for c in of {
                step(out, c, depth + 1);
            }
        }
        StepKind::Input { source } => {
            out.push_str(&format!(
                "{pad}{value}{price}  {}  <- {}\n",
                s.label,
                source_words(source)
            ));
        }
        StepKind::Simulated { seed, draws, from } => {
            out.push_str(&format!(
                "{pad}{value}{price}  {} = simulation result ({draws} simulations, seed {seed}), drawn from:\n",
                s.label
            ));
            for c in from {
                step(out, c, depth + 1);
            }
        }
        StepKind::Same { id } => {
            out.push_str(&format!(
                "{pad}{value}{price}  {}  (worked out at [{}] below)\n",
                s.label,
                id + 1
            ));
        }
        StepKind::Searched { how, from } => {
            out.push_str(&format!(
                "{pad}{value}{price}  {} = found by search: {how}; from:\n",
                s.label
            ));
            for c in from {
                step(out, c, depth + 1);
            }
        }
    }
}
