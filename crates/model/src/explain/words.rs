//! Numbers and formulas in words: the sentence that opens a working and
//! the formula of each kind of figure.

use crate::calc::baseline::Series;
use crate::explain::derivation::{Op, Source, Step, StepKind, Unit};

/// Thousands separated by commas: `1234567` is `1,234,567`.
fn commas(whole: u64) -> String {
    let digits = whole.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A number to `dp` decimal places with commas, trailing zeros kept off.
fn plain(x: f64, dp: usize) -> String {
    let sign = if x < 0.0 { "−" } else { "" };
    let text = format!("{:.*}", dp, x.abs());
    let (whole, frac) = text.split_once('.').unwrap_or((&text, ""));
    let frac = frac.trim_end_matches('0');
    let whole = commas(whole.parse().unwrap_or(0));
    if frac.is_empty() {
        format!("{sign}{whole}")
    } else {
        format!("{sign}{whole}.{frac}")
    }
}

/// Pounds as a reader would write them: £2.11m, £52,400, £113.64.
fn money(x: f64) -> String {
    let sign = if x < 0.0 { "−" } else { "" };
    let a = x.abs();
    if a >= 1e6 {
        format!("{sign}£{}m", plain(a / 1e6, 2))
    } else if a >= 1e4 {
        format!("{sign}£{}", commas(a.round() as u64))
    } else {
        let text = format!("{a:.2}");
        let (whole, pence) = text.split_once('.').unwrap_or((&text, "00"));
        format!("{sign}£{}.{pence}", commas(whole.parse().unwrap_or(0)))
    }
}

/// A value with its unit, e.g. `£1.09m`, `41.2 child-years`, `64.2%`.
///
/// ```
/// use outcome_model::explain::{words::number, Unit};
/// assert_eq!(number(2_114_000.0, Unit::Pounds), "£2.11m");
/// assert_eq!(number(876.66, Unit::PoundsAWeek), "£876.66 a week");
/// assert_eq!(number(0.642, Unit::Share), "64.2%");
/// assert_eq!(number(49.608, Unit::ChildYears), "49.61 child-years");
/// ```
pub fn number(x: f64, unit: Unit) -> String {
    match unit {
        Unit::Pounds => money(x),
        Unit::PoundsAWeek => format!("{} a week", money(x)),
        Unit::PoundsAYear => format!("{} a year", money(x)),
        Unit::PoundsACase => format!("{} a case", money(x)),
        Unit::Percent => format!("{}%", plain(x, 2)),
        Unit::Points => format!("{} points", plain(x, 2)),
        Unit::Share => format!("{}%", plain(x * 100.0, 2)),
        Unit::Factor => plain(x, 6),
        Unit::Ratio => plain(x, 2),
        Unit::Year => format!("year {}", plain(x, 0)),
        Unit::Index => plain(x, 4),
        Unit::Count => plain(x, 0),
        Unit::Years if plain(x, 2) == "1" => "1 year".to_string(),
        Unit::Years => format!("{} years", plain(x, 2)),
        Unit::Children | Unit::ChildYears | Unit::Days | Unit::Cases | Unit::Events => {
            format!("{} {}", plain(x, 2), unit.label())
        }
    }
}

/// A source in a few words.
pub fn source_words(source: &Source) -> String {
    match source {
        Source::Yours { field } => format!("your figure ({field})"),
        Source::Official {
            field,
            council_name,
            dataset,
            ..
        } => format!("{council_name}'s official figure: {dataset} ({field})"),
        Source::Cited {
            field, citation, ..
        } => match field {
            Some(f) if Series::ALL.iter().any(|k| k.path() == f) => format!(
                "worked out from the published figures ({f}): {}, {} ({})",
                citation.publisher, citation.year, citation.id
            ),
            Some(f) => format!(
                "default ({f}): {}, {} ({})",
                citation.publisher, citation.year, citation.id
            ),
            None => format!(
                "{}, {} ({})",
                citation.publisher, citation.year, citation.id
            ),
        },
        Source::Method { rule } => format!("method: {rule}"),
    }
}

fn operand(s: &Step) -> String {
    format!("{} ({})", number(s.value, s.unit), s.label)
}

/// The opening sentence: the figure, then how its last step reaches it.
pub fn sentence(value: f64, step: &Step, discount_pct: Option<f64>) -> String {
    let mut head = number(value, step.unit);
    // "148.8 fewer child-years in care", not "148.8 child-years fewer child-years in care".
    let unit = format!(" {}", step.unit.label());
    if head.ends_with(&unit) && step.label.contains(unit.trim()) {
        head.truncate(head.len() - unit.len());
    }
    let top = step;
    // A sum of one figure says nothing: read the figure it passes on.
    let mut step = step;
    while let StepKind::Operation { op: Op::Sum, of } = &step.kind {
        match of.as_slice() {
            [only] if matches!(only.kind, StepKind::Operation { .. }) => step = only,
            _ => break,
        }
    }
    let body = match &step.kind {
        StepKind::Operation { op, of } => {
            let parts: Vec<String> = of.iter().map(operand).collect();
            let join = |sep: &str| parts.join(sep);
            let rest = match op {
                Op::Sum if parts.len() > 4 => format!(
                    "the sum of {} figures, from {} to {}",
                    parts.len(),
                    parts[0],
                    parts[parts.len() - 1]
                ),
                Op::Sum => join(" + "),
                Op::Difference => join(" − "),
                Op::Product => join(" × "),
                Op::Quotient => join(" ÷ "),
                Op::Min => format!("the smaller of {}", join(" and ")),
                Op::Max => format!("the larger of {}", join(" and ")),
                Op::Percent => format!("{} ÷ 100", join("")),
                Op::Complement => format!("1 − {}", join("")),
                Op::OnePlus => format!("1 + {}", join("")),
                Op::Power => join(" to the power "),
                Op::DiscountFactor => format!(
                    "1 ÷ (1 + {})^{}",
                    parts.first().cloned().unwrap_or_default(),
                    of.get(1).map_or(0.0, |s| s.value)
                ),
                Op::FirstYear => {
                    "the first year in which the running total so far reaches £0".to_string()
                }
            };
            if parts.is_empty() {
                format!("{head} {}: nothing adds to it", top.label)
            } else if top.unit == Unit::Year {
                format!("{} is the {}: {rest}", capital(&head), top.label)
            } else {
                format!("{head} {} = {rest}", top.label)
            }
        }
        StepKind::Input { source } => {
            format!("{head} {}: {}", top.label, source_words(source))
        }
        StepKind::Simulated { seed, draws, .. } => format!(
            "{head} {}: a result of {} simulations with seed {seed}, drawing from the ranges listed",
            top.label,
            number(f64::from(*draws), Unit::Count)
        ),
        StepKind::Searched { .. } => format!("{head} {}: found by search", top.label),
        StepKind::Same { .. } => format!("{head} {}", top.label),
    };
    let mut out = body;
    if top.unit.is_money() {
        out.push_str(", in 2025-26 prices");
    }
    if let Some(r) = discount_pct {
        out.push_str(&format!(", discounted at {}% a year", plain(r, 2)));
    }
    out.push('.');
    out
}

/// The formula of a figure, in words and in symbols, by its path.
pub fn formula(path: &str) -> (&'static str, &'static str) {
    let last = path.rsplit('.').next().unwrap_or(path);
    let within = |p: &str| path.contains(p);
    if path.starts_with("uncertainty.") {
        return (
            "a percentile (or share) of the council's cash savings less cost over many simulations, each drawing every effect, per-case benefit, unit cost and engagement from its range and running the whole projection",
            "value of rank round((N − 1) × q) among N simulated results, q = 0.1, 0.5 or 0.9",
        );
    }
    if within(".average_counts.") {
        return (
            "the figure over all the years ÷ the years of the projection: for a stock (children on a plan, in need), how many fewer on an average day",
            "Σₜ count[t] ÷ years",
        );
    }
    if within(".counts.") {
        return match last {
            "children_in_care_fewer" => (
                "child-years in care avoided: for each cohort served, cases × change per case × adjustment × the share of the stay falling in the year × the share of benefits left, summed over cohorts and programmes and held to the council's children looked after",
                "Σᵢ Σₛ served[s] × per case × adjust × profile[t − s] × (1 − drop-off)^(t − s) × nest[s]",
            ),
            "care_days_avoided" => ("child-years in care avoided × 365", "child-years × 365"),
            "care_entries_avoided" => (
                "care entries avoided in the year the cases are served, held to the council's children starting care",
                "Σᵢ served[t] × per case × adjust × nest[t]",
            ),
            "cp_plans_fewer" | "children_in_need_fewer" => (
                "a count at 31 March, costed as half a child-year in the year served and half in the next",
                "Σᵢ Σₛ served[s] × per case × adjust × ½ for t − s ∈ {0, 1}",
            ),
            _ => (
                "events avoided in the year the cases are served",
                "Σᵢ served[t] × per case × adjust",
            ),
        };
    }
    match last {
        "budget_npv" => (
            "present value of the council's cash savings minus present value of cost",
            "Σₜ cashₜ × dfₜ − Σₜ costₜ × dfₜ, dfₜ = 1 ÷ (1 + r)^t",
        ),
        "npv" => (
            "present value of every agency's savings minus present value of cost",
            "Σₜ savingsₜ × dfₜ − Σₜ costₜ × dfₜ",
        ),
        "pv_savings" | "pv_cashable" | "pv_cost" => (
            "each year's figure times its discount factor, summed over the years",
            "Σₜ xₜ × dfₜ, dfₜ = 1 ÷ (1 + r)^t",
        ),
        "pv_council_noncash" => (
            "present value of the council's savings minus present value of its cash savings",
            "PV(council savings) − PV(cash)",
        ),
        "pv_other_agencies" => (
            "present value of every agency's savings minus the council's",
            "PV(savings) − PV(council savings)",
        ),
        "bcr" => (
            "present value of every agency's savings for each £1 of present value of cost",
            "PV(savings) ÷ PV(cost)",
        ),
        "financial_roi" => (
            "the council's net present budget impact for each £1 of present value of cost",
            "(PV(cash) − PV(cost)) ÷ PV(cost)",
        ),
        "payback_year" | "public_payback_year" => (
            "the first year in which savings so far reach cost so far, not discounted",
            "min { t : Σᵤ≤ₜ (savingsᵤ − costᵤ) ≥ 0 }",
        ),
        "cost_switching_pct" => (
            "how far costs could rise (or must fall) before the council's net present budget impact is £0",
            "(PV(cash) ÷ PV(cost) − 1) × 100",
        ),
        "care_years" => (
            "years a child entering care stays: children looked after ÷ children leaving care",
            "D = looked after ÷ leaving care",
        ),
        "discount_factor" => ("the Green Book discount factor", "1 ÷ (1 + r)^t"),
        "served" => (
            "cases a year × engagement × share of full reach, no more than the eligible caseload, none once funding stops",
            "min(cohort × engagement × ramp[t], eligible)",
        ),
        "cost" if !path.starts_with("programmes") || within("].cost") => (
            "(cases served × cost per case + yearly cost + set-up in the first year) × (1 + optimism bias on costs)",
            "Σᵢ (served × cost per case + annual + set-up) × (1 + OB)",
        ),
        "cashable_savings" => (
            "each saving to the council times its cashable share",
            "Σ savings × cashable share",
        ),
        "cumulative_cash_savings" => (
            "each year's savings to the council times its cashable share, so far",
            "Σᵤ≤ₜ cashable savingsᵤ",
        ),
        "gross_savings" | "total_savings" | "savings" => (
            "changes in counts times unit costs, and per-case benefits, for every agency",
            "Σ agencies Σ programmes (change × unit cost)",
        ),
        "net" | "cumulative_net" | "cumulative_cash_net" => (
            "savings minus cost (so far, where cumulative; cash to the council only, where cash)",
            "Σᵤ≤ₜ (savingsᵤ − costᵤ)",
        ),
        "cumulative_pv_net" | "cumulative_pv_cash_net" => (
            "savings minus cost, each year discounted, so far",
            "Σᵤ≤ₜ (savingsᵤ − costᵤ) × dfᵤ",
        ),
        "cohort" => ("cases a year at full reach", "cohort"),
        "eligible" => (
            "the council figure the caseload scales with × cases per unit of it",
            "council figure × ratio",
        ),
        "cost_per_case" => (
            "the published cost per case uprated to 2025-26 prices, or your own",
            "cost × deflator(2025-26) ÷ deflator(price year)",
        ),
        "used" => ("the effect's size before adjustments", "size"),
        "applied" => (
            "the effect's size after deadweight, attribution, optimism bias and scale",
            "size × (1 − DW)(1 − A)(1 − OB)(scale)",
        ),
        "needed" => (
            "the size after adjustments at which the council's net present budget impact is £0, other effects as entered",
            "size* × adjust, where budget NPV(size*) = 0",
        ),
        _ => (
            "savings to this agency: changes in counts times unit costs, and per-case benefits",
            "Σᵢ change × unit cost",
        ),
    }
}

fn capital(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(first) => first.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}
