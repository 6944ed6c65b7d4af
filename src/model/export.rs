//! Plain-text exports shared by the CLI and the widget.

use super::project::Projection;
use super::rollout::{Rollout, Totals};
use super::scenario::Scenario;

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
    "ae_attendances_avoided",
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
            n2(c.ae_attendances_avoided),
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

/// One row per council of a roll-out, with a header, then a row per region
/// and one for the whole group (code `TOTAL`).
pub fn rollout_csv(r: &Rollout) -> String {
    let mut out = String::from(
        "code,council,region,data_year,care_entries_avoided,children_in_care_fewer,cp_plans_fewer,children_in_need_fewer,cost,savings,cashable_savings,npv\n",
    );
    let mut row = |code: &str, name: &str, region: &str, t: &Totals| {
        let cells = [
            csv_field(code),
            csv_field(name),
            csv_field(region),
            r.data_year.to_string(),
            n2(t.care_entries_avoided),
            n2(t.children_in_care_fewer),
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
        row(c.code, c.name, c.region, &c.totals);
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
    use super::csv_field;

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
