//! The worked example in docs/methodology.md matches the projection of
//! docs/examples/derbyshire-family-safeguarding.json to the penny, and the
//! example's council figures are those of the official table; the
//! social-return example of §7a matches that of
//! docs/examples/gmca-mentoring-illustration.json to the penny.

use std::path::Path;

use outcome_model::{decode, project, Cohorts, Projection, Scenario};

fn root() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
}

fn example() -> Projection {
    project(&scenario("derbyshire-family-safeguarding.json")).expect("example is valid")
}

fn scenario(file: &str) -> Scenario {
    let text = std::fs::read_to_string(root().join("docs/examples").join(file))
        .expect("example scenario is readable");
    let mut de = serde_json::Deserializer::from_str(&text);
    decode(&mut de).expect("example decodes")
}

/// The rows of the table between `<!-- NAME:start -->` and
/// `<!-- NAME:end -->` in docs/methodology.md, cells trimmed.
fn table(doc: &str, name: &str) -> Vec<Vec<String>> {
    let start = doc
        .find(&format!("<!-- {name}:start -->"))
        .expect("start marker");
    let end = doc
        .find(&format!("<!-- {name}:end -->"))
        .expect("end marker");
    doc[start..end]
        .lines()
        .filter(|l| l.starts_with("| 20"))
        .map(|l| {
            l.trim_matches('|')
                .split('|')
                .map(|c| c.trim().to_string())
                .collect()
        })
        .collect()
}

fn money(text: &str) -> f64 {
    text.replace(',', "")
        .trim()
        .parse()
        .expect("a number in the table")
}

/// Each cell of a table row (as the docs print it) equals its figure to
/// the penny.
#[track_caller]
fn to_the_penny<T: AsRef<str>>(year: &str, cells: &[(T, f64)]) {
    for (text, value) in cells {
        let text = text.as_ref();
        assert_eq!(
            format!("{:.2}", money(text)),
            format!("{value:.2}"),
            "{year} {text}"
        );
    }
}

#[test]
fn methodology_table_matches_the_projection_to_the_penny() {
    let doc = std::fs::read_to_string(root().join("docs/methodology.md")).expect("doc readable");
    let start = doc
        .find("<!-- worked-example:start -->")
        .expect("start marker");
    let end = doc.find("<!-- worked-example:end -->").expect("end marker");
    let rows: Vec<Vec<&str>> = doc[start..end]
        .lines()
        .filter(|l| l.starts_with("| 20"))
        .map(|l| l.trim_matches('|').split('|').map(str::trim).collect())
        .collect();
    let p = example();
    assert_eq!(rows.len(), p.years.len(), "one row per year");
    for (row, y) in rows.iter().zip(&p.years) {
        assert_eq!(row[0], y.label);
        let pennies = [
            (row[1], y.gross_savings),
            (row[2], y.cost),
            (row[3], y.net),
            (row[4], y.cumulative_net),
            (row[6], y.pv_savings),
            (row[7], y.pv_cost),
        ];
        to_the_penny(&y.label, &pennies);
        assert_eq!(row[5], format!("{:.6}", y.discount_factor));
    }
    let s = &p.summary;
    for (needle, value) in [
        ("NPV £", s.npv),
        ("PV savings £", s.pv_savings),
        ("PV cost £", s.pv_cost),
    ] {
        let expected = format!("{needle}{}", with_commas(value));
        assert!(doc.contains(&expected), "doc states {expected}");
    }
    assert_eq!(format!("{:.2}", s.bcr.unwrap()), "0.47");
    assert_eq!(format!("{:.2}", s.financial_roi.unwrap()), "-0.77");
    assert_eq!(s.payback_label, None);
    assert_eq!(s.public_payback_label, None);
    let impact = format!(
        "Net present budget impact to the council\n£{}",
        with_commas(s.budget_npv)
    );
    assert!(
        doc.contains(&impact.replace("\n", " ")) || doc.contains(&impact),
        "doc states {impact}"
    );
}

fn with_commas(x: f64) -> String {
    let text = format!("{:.2}", x.abs());
    let (whole, pence) = text.split_once('.').unwrap();
    let mut out = String::new();
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    let sign = if x < 0.0 { "-" } else { "" };
    format!("{sign}{out}.{pence}")
}

#[test]
fn the_report_export_carries_sources_version_date_and_years() {
    let text =
        std::fs::read_to_string(root().join("docs/examples/derbyshire-family-safeguarding.json"))
            .unwrap();
    let mut de = serde_json::Deserializer::from_str(&text);
    let s = decode(&mut de).unwrap();
    let p = project(&s).unwrap();
    let csv = outcome_model::views::export::report_csv(&s, &p, "2026-11-23");
    for needle in [
        "about,evidence set,2026.4",
        "about,exported,2026-11-23",
        "PSSRU",
        "2016-17 prices",
        "Open Government Licence",
        "summary,net present value,-6192818.84",
        "financial_year",
        "2028-29",
    ] {
        assert!(csv.contains(needle), "export lacks {needle}");
    }
    // Every line parses as CSV with the expected number of fields.
    let sections = csv.split("\n\n").collect::<Vec<_>>();
    assert_eq!(sections.len(), 2);
    for row in outcome_model::base::csv::parse(sections[0]).unwrap() {
        assert_eq!(row.len(), 5, "{row:?}");
    }
}

#[test]
fn the_social_return_example_matches_the_projection_to_the_penny() {
    let doc = std::fs::read_to_string(root().join("docs/methodology.md")).expect("doc readable");
    let s = scenario("gmca-mentoring-illustration.json");
    assert!(
        s.label.starts_with("Illustration, not evidence"),
        "{}",
        s.label
    );
    let p = project(&s).expect("example is valid");
    let rows = table(&doc, "gmca-example");
    assert_eq!(rows.len(), p.years.len(), "one row per year");
    for (row, y) in rows.iter().zip(&p.years) {
        assert_eq!(row[0], y.label);
        assert_eq!(money(&row[1]), y.served, "{} cases served", y.label);
        let pennies = [
            (&row[2], y.savings.other_public),
            (&row[3], y.savings.childrens_services),
            (&row[4], y.gross_savings),
            (&row[5], y.cashable_savings),
            (&row[6], y.cost),
            (&row[7], y.net),
            (&row[8], y.cumulative_net),
            (&row[10], y.pv_savings),
            (&row[11], y.pv_cost),
        ];
        to_the_penny(&y.label, &pennies);
        assert_eq!(row[9], format!("{:.6}", y.discount_factor));
    }
    let sum = &p.summary;
    for (needle, value) in [
        ("NPV to the public purse £", sum.npv),
        ("PV savings\n£", sum.pv_savings),
        ("PV cost £", sum.pv_cost),
        ("net present budget impact £", sum.budget_npv),
        ("PV cash £", sum.pv_cashable),
    ] {
        let expected = format!("{needle}{}", with_commas(value));
        let flat = doc.replace('\n', " ");
        assert!(
            doc.contains(&expected) || flat.contains(&expected.replace('\n', " ")),
            "doc states {expected}"
        );
    }
    assert_eq!(format!("{:.2}", sum.bcr.unwrap()), "1.25");
    assert!(doc.contains("public-value BCR 1.25"));
    assert_eq!(sum.payback_label, None);
    assert_eq!(sum.public_payback_label.as_deref(), Some("2029-30"));
    // One cohort: its three years of benefits, its cost per case in the
    // first year only, the yearly cost in each funded year.
    let mut one = s.clone();
    one.programmes[0].custom.as_mut().unwrap().cohorts = Cohorts::FirstYearOnly;
    let p = project(&one).expect("valid");
    let savings: Vec<f64> = p.years.iter().map(|y| y.gross_savings).collect();
    let cost: Vec<f64> = p.years.iter().map(|y| y.cost).collect();
    for (got, want) in savings.iter().zip([97_200.0, 64_800.0, 36_450.0, 0.0, 0.0]) {
        assert!((got - want).abs() < 0.005, "{savings:?}");
    }
    for (got, want) in cost.iter().zip([155_100.0, 28_200.0, 28_200.0, 0.0, 0.0]) {
        assert!((got - want).abs() < 0.005, "{cost:?}");
    }
    for needle in [
        "(£97,200, £64,800, £36,450)",
        "£155,100 in the first year, then £28,200",
    ] {
        assert!(doc.contains(needle), "doc states {needle}");
    }
}
