//! Scenarios side by side: the key results of each, their difference from
//! the first, and the settings in which they differ.

use crate::calc::projection::Projection;
use crate::scenario::link;

/// What a key result counts, for formatting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// Children or cases.
    Count,
    /// Pounds.
    Money,
    /// Pounds of savings per pound of cost.
    Ratio,
    /// Year of the programme (1 = its first year).
    Year,
}

/// One key result across the compared scenarios.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// What it is, as a table row header.
    pub label: &'static str,
    /// How to write it.
    pub unit: Unit,
    /// Its value in each scenario; none when it has none (no cost, so no
    /// benefit-cost ratio; no payback within the horizon).
    pub values: Vec<Option<f64>>,
    /// Each value minus the first scenario's; the first is always none, and
    /// so is any difference where either side has no value.
    pub differences: Vec<Option<f64>>,
}

/// The key results of one projection: (label, unit, value).
/// Money is discounted, in 2025-26 prices.
pub fn key_results(p: &Projection) -> [(&'static str, Unit, Option<f64>); 7] {
    let s = &p.summary;
    [
        (
            "Time in care avoided (child-years)",
            Unit::Count,
            Some(s.counts.children_in_care_fewer),
        ),
        (
            "Net budget impact to the council",
            Unit::Money,
            Some(s.budget_npv),
        ),
        ("Programme cost", Unit::Money, Some(s.pv_cost)),
        ("Savings", Unit::Money, Some(s.pv_savings)),
        ("Net present value", Unit::Money, Some(s.npv)),
        ("Benefit-cost ratio", Unit::Ratio, s.bcr),
        (
            "Pays back in year",
            Unit::Year,
            s.payback_year.map(f64::from),
        ),
    ]
}

/// The key results of each projection in rows, with differences from the
/// first projection.
pub fn rows(projections: &[&Projection]) -> Vec<Row> {
    let all: Vec<_> = projections.iter().map(|p| key_results(p)).collect();
    let Some(first) = all.first() else {
        return Vec::new();
    };
    first
        .iter()
        .enumerate()
        .map(|(i, (label, unit, _))| {
            let values: Vec<Option<f64>> = all.iter().map(|r| r[i].2).collect();
            let base = values[0];
            let differences = values
                .iter()
                .enumerate()
                .map(|(j, v)| match (j, base, v) {
                    (0, _, _) => None,
                    (_, Some(a), Some(b)) => Some(b - a),
                    _ => None,
                })
                .collect();
            Row {
                label,
                unit: *unit,
                values,
                differences,
            }
        })
        .collect()
}

/// The share-link settings in which `other` differs from `base`: (link key,
/// value in `base`, value in `other`), blank where a side does not set it.
/// Keys follow the order of `base`'s link, then any only `other` has.
pub fn setting_differences(
    base: &crate::scenario::format::Scenario,
    other: &crate::scenario::format::Scenario,
) -> Vec<(String, String, String)> {
    let a = link::pairs(&link::to_query(base)).unwrap_or_default();
    let b = link::pairs(&link::to_query(other)).unwrap_or_default();
    let value = |list: &[(String, String)], key: &str| {
        list.iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    let mut keys: Vec<&String> = a.iter().map(|(k, _)| k).collect();
    for (k, _) in &b {
        if !keys.contains(&k) {
            keys.push(k);
        }
    }
    keys.into_iter()
        .filter_map(|k| {
            let (x, y) = (value(&a, k), value(&b, k));
            (x != y).then(|| (k.clone(), x, y))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{default_scenario, project};

    #[test]
    fn differences_are_from_the_first_scenario() {
        let a = default_scenario();
        let mut b = a.clone();
        b.assumptions.funding_years = b.assumptions.horizon_years.min(2);
        b.assumptions.horizon_years = 5;
        let (pa, pb) = (project(&a).unwrap(), project(&b).unwrap());
        let rows = rows(&[&pa, &pb, &pa]);
        assert_eq!(rows.len(), 7);
        for r in &rows {
            assert_eq!(r.values.len(), 3);
            assert_eq!(r.differences[0], None);
            match (r.values[0], r.values[1]) {
                (Some(x), Some(y)) => assert_eq!(r.differences[1], Some(y - x)),
                _ => assert_eq!(r.differences[1], None),
            }
            if r.values[0].is_some() {
                assert_eq!(r.differences[2], Some(0.0), "{}", r.label);
            }
        }
        let cost = rows.iter().find(|r| r.label == "Programme cost").unwrap();
        assert_eq!(cost.values[0], Some(pa.summary.pv_cost));
        assert_eq!(cost.values[1], Some(pb.summary.pv_cost));
    }

    #[test]
    fn no_projections_no_rows() {
        assert!(rows(&[]).is_empty());
    }

    #[test]
    fn setting_differences_name_each_changed_setting() {
        let a = default_scenario();
        let mut b = a.clone();
        b.assumptions.funding_years = 1;
        b.label = "funded one year".into();
        let d = setting_differences(&a, &b);
        let keys: Vec<&str> = d.iter().map(|x| x.0.as_str()).collect();
        assert!(keys.contains(&"funding_years"), "{keys:?}");
        assert!(keys.contains(&"label"), "{keys:?}");
        let f = d.iter().find(|x| x.0 == "funding_years").unwrap();
        assert_eq!(f.2, "1");
        assert_ne!(f.1, f.2);
        assert!(setting_differences(&a, &a).is_empty());
    }
}
