//! Plain-text exports shared by the CLI and the widget.

use crate::calc::projection::Projection;
use crate::data::defaults::Sourced;
use crate::scenario::fields::{by_path, Access, Preset, FIELDS};
use crate::scenario::format::Scenario;
use crate::views::rollout::{Rollout, Totals};

/// Quotes a CSV field when it needs it (RFC 4180). Text that a spreadsheet
/// would run as a formula (`=`, `+`, `-`, `@` first) is prefixed with `'`.
pub fn csv_field(text: &str) -> String {
    let risky = text
        .chars()
        .next()
        .is_some_and(|c| matches!(c, '=' | '+' | '-' | '@' | '\t' | '\r'))
        && text.parse::<f64>().is_err();
    let text = if risky {
        format!("'{text}")
    } else {
        text.to_string()
    };
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

/// A number to two decimals (pence for money).
fn n2(x: f64) -> String {
    format!("{x:.2}")
}

/// A cited default's source in a line: publisher, year, how it was checked
/// and, for money, its price year.
fn cited(d: &Sourced) -> String {
    let prices = match d.price_year {
        None => String::new(),
        Some(y) => format!(
            ", {} in {} prices, uprated to {}",
            d.published,
            crate::data::prices::label(y),
            crate::data::prices::PRICE_BASE_LABEL
        ),
    };
    format!(
        "{} {} ({}){}",
        d.source.publisher,
        d.source.year,
        d.verification.label(),
        prices
    )
}

/// Column names of [`years_csv`].
pub const YEAR_COLUMNS: &[&str] = &[
    "scenario",
    "council",
    "year",
    "financial_year",
    "care_entries_avoided",
    "children_in_care_fewer",
    "care_days_avoided",
    "cp_plans_fewer",
    "children_in_need_fewer",
    "care_proceedings_avoided",
    "police_incidents_avoided",
    "emergency_admissions_avoided",
    "savings_childrens_services",
    "savings_police",
    "savings_nhs",
    "savings_courts_legal",
    "savings_other_public",
    "gross_savings",
    "cashable_savings",
    "cost",
    "net",
    "cumulative_net",
    "discount_factor",
    "pv_savings",
    "pv_cost",
    "cumulative_pv_net",
];

/// One row per year of the projection, money in pounds to the penny, counts
/// to two decimals, with a header row.
pub fn years_csv(name: &str, s: &Scenario, p: &Projection) -> String {
    let mut out = YEAR_COLUMNS.join(",");
    out.push('\n');
    let label = if s.label.is_empty() { name } else { &s.label };
    for y in &p.years {
        let c = &y.counts;
        let row = [
            csv_field(label),
            csv_field(&s.council.name),
            y.year.to_string(),
            y.label.clone(),
            n2(c.care_entries_avoided),
            n2(c.children_in_care_fewer),
            n2(c.care_days_avoided),
            n2(c.cp_plans_fewer),
            n2(c.children_in_need_fewer),
            n2(c.care_proceedings_avoided),
            n2(c.police_incidents_avoided),
            n2(c.emergency_admissions_avoided),
            n2(y.savings.childrens_services),
            n2(y.savings.police),
            n2(y.savings.nhs),
            n2(y.savings.courts_legal),
            n2(y.savings.other_public),
            n2(y.gross_savings),
            n2(y.cashable_savings),
            n2(y.cost),
            n2(y.net),
            n2(y.cumulative_net),
            format!("{:.6}", y.discount_factor),
            n2(y.pv_savings),
            n2(y.pv_cost),
            n2(y.cumulative_pv_net),
        ];
        out.push_str(&row.join(","));
        out.push('\n');
    }
    out
}

/// The full export a council officer can file: what was assumed (each
/// default with its source), the programmes and their evidence, the results
/// year by year, the summary, the notes and the warnings
/// ([`crate::calc::plausible::warnings`]: section `warning`, the field as
/// the item, the message as the value) — as one CSV with a `section` column.
/// `date` is the export date as the caller's clock gives it (the model has
/// no clock), e.g. `2026-11-23`.
pub fn report_csv(s: &Scenario, p: &Projection, date: &str) -> String {
    let mut out = String::from("section,item,value,unit,source\n");
    let mut line = |section: &str, item: &str, value: String, unit: &str, source: &str| {
        let cells = [
            csv_field(section),
            csv_field(item),
            csv_field(&value),
            csv_field(unit),
            csv_field(source),
        ];
        out.push_str(&cells.join(","));
        out.push('\n');
    };
    line("about", "scenario", s.label.clone(), "", "");
    line("about", "exported", date.to_string(), "date", "");
    line(
        "about",
        "scenario format version",
        s.version.to_string(),
        "",
        "",
    );
    line("about", "evidence set", s.evidence_set.clone(), "", "");
    line(
        "about",
        "council figures",
        s.council.name.clone(),
        "",
        if s.council.code.is_some() {
            crate::data::presets::CREDIT
        } else {
            "entered by the user"
        },
    );
    // Every number of the scenario, as the table of fields labels it: the
    // council's figures, then unit costs, assumptions and the uncertainty
    // settings, each default with its source.
    for f in FIELDS {
        let Access::Scenario(get, _) = f.access else {
            continue;
        };
        let (section, _) = f.path.split_once('.').unwrap_or(("", f.path));
        if f.path == "assumptions.care_years" {
            continue;
        }
        let value = get(s);
        let source = match (f.preset, value) {
            (_, None) => String::new(),
            (Preset::Cited, Some(v)) => match f.cited() {
                Some(d) if d.value == v => cited(&d),
                _ => "entered by the user".into(),
            },
            (Preset::Convention(x), Some(v)) if x == v => "a convention of this calculator".into(),
            _ if section == "council" => String::new(),
            _ => "entered by the user".into(),
        };
        let value = value
            .map(|x| format!("{x}"))
            .unwrap_or_else(|| "no figure".into());
        line(section, f.label, value, f.unit, &source);
    }
    let a = &s.assumptions;
    let label = |path| by_path(path).map_or(("", ""), |f| (f.label, f.unit));
    let (item, unit) = label("assumptions.care_years");
    line(
        "assumptions",
        item,
        format!("{}", p.summary.care_years),
        unit,
        "",
    );
    let ramp: Vec<String> = a.ramp_pct.iter().map(|x| format!("{x}")).collect();
    let (item, unit) = label("assumptions.ramp_pct");
    line("assumptions", item, ramp.join(" "), unit, "");
    for (r, c) in p.programmes.iter().zip(&s.programmes) {
        let source = crate::data::evidence::find(&c.programme)
            .and_then(|prog| {
                prog.effects
                    .first()
                    .map(|e| e.source)
                    .or(prog.case_benefits.first().map(|b| b.source))
            })
            .map(|cit| {
                format!(
                    "{}, {} ({}) {}",
                    cit.publisher, cit.title, cit.year, cit.url
                )
            })
            .unwrap_or_else(|| "defined by the user".into());
        line(
            "programme",
            &r.name,
            r.grade.label().to_string(),
            "evidence grade",
            &source,
        );
        line(
            "programme",
            &format!("{}: cohort", r.name),
            format!("{}", r.cohort),
            "cases a year",
            "",
        );
        line(
            "programme",
            &format!("{}: cost per case", r.name),
            n2(r.cost_per_case),
            "£",
            "",
        );
        line(
            "programme",
            &format!("{}: engagement", r.name),
            format!("{}", c.engagement_pct),
            "%",
            "",
        );
        for b in &r.break_even {
            let needed = b.needed.map(n2).unwrap_or_else(|| "none".into());
            line(
                "programme",
                &format!(
                    "{}: {} effect used / needed to break even",
                    r.name,
                    b.outcome.label()
                ),
                format!("{} / {}", n2(b.used), needed),
                b.measure,
                "",
            );
        }
    }
    let sm = &p.summary;
    let opt = |v: Option<f64>| {
        v.map(|x| format!("{x:.4}"))
            .unwrap_or_else(|| "none".into())
    };
    let summary = [
        ("total savings", n2(sm.total_savings), "£"),
        ("cashable savings", n2(sm.total_cashable), "£"),
        ("total cost", n2(sm.total_cost), "£"),
        ("present value of savings", n2(sm.pv_savings), "£"),
        ("present value of cost", n2(sm.pv_cost), "£"),
        ("net present value", n2(sm.npv), "£"),
        ("net present budget impact", n2(sm.budget_npv), "£"),
        ("benefit-cost ratio", opt(sm.bcr), "ratio"),
        (
            "financial return on investment",
            opt(sm.financial_roi),
            "ratio",
        ),
        (
            "payback year",
            sm.payback_label
                .clone()
                .unwrap_or_else(|| "not within the horizon".into()),
            "",
        ),
        (
            "care entries avoided",
            n2(sm.counts.care_entries_avoided),
            "children",
        ),
        (
            "child-years in care avoided",
            n2(sm.counts.children_in_care_fewer),
            "child-years",
        ),
        (
            "child protection plan-years avoided",
            n2(sm.counts.cp_plans_fewer),
            "plan-years",
        ),
        (
            "children in need case-years avoided",
            n2(sm.counts.children_in_need_fewer),
            "case-years",
        ),
    ];
    for (item, value, unit) in summary {
        line("summary", item, value, unit, "");
    }
    for note in p.headline_notes.iter().chain(&p.notes) {
        line("note", "", note.clone(), "", "");
    }
    // Figures beyond what the council, or England, could have.
    for w in crate::calc::plausible::warnings(s, p) {
        line("warning", w.field(), w.message(), "", "");
    }
    out.push('\n');
    out.push_str(&years_csv(&s.label, s, p));
    out
}

/// Column names of [`rollout_csv`]. The care columns are three measures,
/// each named for what it counts: care entries avoided (programmes measured
/// on entries: Pause, No Wrong Door), child-years in care avoided (every
/// programme that changes care, Family Safeguarding's days in care and
/// family group conferences' children in care 12 months on included), and
/// children not in care 12 months after their family was served (family
/// group conferences' measure).
pub const ROLLOUT_COLUMNS: &[&str] = &[
    "code",
    "council",
    "region",
    "data_year",
    "care_entries_avoided",
    "child_years_in_care_avoided",
    "children_not_in_care_at_12_months",
    "cp_plan_years_avoided",
    "children_in_need_case_years_avoided",
    "cost",
    "savings",
    "cashable_savings",
    "npv",
];

/// One row per council of a roll-out, with a header ([`ROLLOUT_COLUMNS`]),
/// then a row per region and one for the whole group (code `TOTAL`).
pub fn rollout_csv(r: &Rollout) -> String {
    let mut out = ROLLOUT_COLUMNS.join(",");
    out.push('\n');
    let mut row = |code: &str, name: &str, region: &str, t: &Totals| {
        let cells = [
            csv_field(code),
            csv_field(name),
            csv_field(region),
            r.data_year.to_string(),
            n2(t.care_entries_avoided),
            n2(t.children_in_care_fewer),
            n2(t.not_in_care_at_12_months),
            n2(t.cp_plans_fewer),
            n2(t.children_in_need_fewer),
            n2(t.cost),
            n2(t.savings),
            n2(t.cashable),
            n2(t.npv),
        ];
        out.push_str(&cells.join(","));
        out.push('\n');
    };
    for c in &r.councils {
        row(&c.code, &c.name, &c.region, &c.totals);
    }
    for (region, t) in &r.by_region {
        row("REGION", region, region, t);
    }
    let scope = r.region.as_deref().unwrap_or("England");
    row("TOTAL", scope, scope, &r.total);
    out
}

#[cfg(test)]
mod tests {
    use super::{csv_field, report_csv};
    use crate::data::presets;
    use crate::{default_scenario, project};

    #[test]
    fn the_report_has_a_warnings_section() {
        let mut s = default_scenario();
        s.council = presets::find("E06000009", presets::LATEST_YEAR)
            .unwrap()
            .to_council();
        let clean = report_csv(&s, &project(&s).unwrap(), "2026-12-07");
        assert!(!clean.contains("\nwarning,"), "{clean}");
        s.council.care_starts = Some(1_000_000.0);
        let text = report_csv(&s, &project(&s).unwrap(), "2026-12-07");
        assert!(
            text.contains(
                "\nwarning,council.care_starts,\"1,000,000 children starting care is more than all the council's 28,923 children aged 0 to 17\",,\n"
            ),
            "{text}"
        );
    }

    #[test]
    fn fields_are_quoted_and_formulas_defused() {
        let cases = [
            ("Leeds", "Leeds"),
            ("Bristol, City of", "\"Bristol, City of\""),
            ("say \"hi\"", "\"say \"\"hi\"\"\""),
            ("=HYPERLINK(\"x\")", "\"'=HYPERLINK(\"\"x\"\")\""),
            ("-12.5", "-12.5"),
            ("@SUM(A1)", "'@SUM(A1)"),
        ];
        for (input, expected) in cases {
            assert_eq!(csv_field(input), expected, "{input}");
        }
    }
}
