//! "Councils like yours": the comparison with statistical neighbours.

mod council_file;

use council_file::data;
use outcome_model::context::history::Measure;
use outcome_model::context::neighbour_compare::{
    compare, half_way, half_way_counts, half_way_scenario, to_csv, Role, ILLUSTRATION_NAME,
};
use outcome_model::context::neighbours::median;

fn round1(x: Option<f64>) -> Option<f64> {
    x.map(|v| (v * 10.0).round() / 10.0)
}

#[test]
fn hertfordshire_beside_its_neighbours() {
    let c = compare(data(), "e10000015", 2025).expect("a current council");
    assert_eq!(c.rows.len(), 13);
    assert_eq!(c.rows[0].name, "Hertfordshire");
    assert!(c.rows[1..11]
        .iter()
        .all(|r| matches!(r.role, Role::Neighbour(_))));
    // 999 looked after of 277,480 children; 614 plans; 5,848 in need.
    let herts = c.rows[0].rates;
    assert_eq!(round1(herts.looked_after), Some(36.0));
    assert_eq!(round1(herts.cp_plans), Some(22.1));
    assert_eq!(round1(herts.children_in_need), Some(210.8));
    // The median row is the median of the neighbours.
    let la: Vec<Option<f64>> = c.rows[1..11].iter().map(|r| r.rates.looked_after).collect();
    assert_eq!(c.rows[11].rates.looked_after, median(&la));
    // England: 81,766 of 12,183,016 (the council rows summed).
    assert_eq!(round1(c.rows[12].rates.looked_after), Some(67.1));
    assert!(c.rows[12].rates.spend_per_looked_after_child.is_some());
}

#[test]
fn missing_figures_stay_missing() {
    // City of London: looked-after count suppressed in 2025, so no rate and
    // no spend per child; its row is still there.
    let c = compare(data(), "E09000001", 2025).unwrap();
    assert_eq!(c.rows[0].rates.looked_after, None);
    assert_eq!(c.rows[0].rates.spend_per_looked_after_child, None);
    let csv = to_csv(&c);
    let line = csv.lines().nth(1).unwrap();
    assert!(
        line.starts_with("council,E09000001,City of London,,2025,2024-25,,"),
        "{line}"
    );
    // Former councils have no neighbours.
    assert!(compare(data(), "E10000006", 2025).is_none());
}

#[test]
fn csv_carries_the_credit_and_the_average_cost_note() {
    let csv = to_csv(&compare(data(), "E10000015", 2025).unwrap());
    let widths: Vec<usize> = csv.lines().map(|l| l.matches(',').count()).collect();
    assert_eq!(csv.lines().count(), 16);
    assert!(csv.contains("Open Government Licence v3.0"));
    assert!(csv.contains("Department for Education; Ministry of Housing, Communities and Local Government; Office for National Statistics"));
    assert!(csv.contains("an average cost"));
    // Quoted cells aside, every row has the header's width.
    assert!(widths[..14].iter().all(|w| *w == widths[0]));
}

#[test]
fn half_way_to_the_median() {
    let cases: &[(f64, f64, f64, Option<f64>)] = &[
        (400.0, 100_000.0, 30.0, Some(350.0)),
        (200.0, 100_000.0, 30.0, Some(250.0)),
        (300.0, 100_000.0, 30.0, Some(300.0)),
        (300.0, 0.0, 30.0, None),
        (300.0, 100_000.0, -1.0, None),
    ];
    for &(count, pop, med, expected) in cases {
        assert_eq!(half_way(count, pop, med), expected, "{count} {pop} {med}");
    }
}

/// The half-way scenario takes off, as a share of each count, the gap the
/// half-way counts show: care starts and plans as they are, children in
/// need less the fall in plans. Blackpool is above its neighbours' median.
#[test]
fn the_half_way_scenario_follows_the_half_way_counts() {
    let data = data();
    let c = compare(data, "E06000009", 2025).expect("a current council");
    let measures = [
        Measure::CareStarts,
        Measure::CpPlans,
        Measure::ChildrenInNeed,
    ];
    let counts = half_way_counts(&c, data, &measures).expect("published figures");
    let fall = |i: usize| {
        let h = counts[i];
        (
            h.now.unwrap(),
            (h.now.unwrap() - h.half_way.unwrap()).max(0.0),
        )
    };
    let (starts, plans, need) = (fall(0), fall(1), fall(2));
    let expected: Vec<f64> = [starts, plans, (need.0, (need.1 - plans.1).max(0.0))]
        .iter()
        .filter(|(_, f)| *f > 0.0)
        .map(|(now, f)| (f / now * 100.0).min(100.0))
        .collect();
    assert!(!expected.is_empty(), "Blackpool has a gap to illustrate");
    let s = half_way_scenario(&outcome_model::default_scenario(), &c, data)
        .expect("a gap to illustrate");
    let custom = s.programmes[0]
        .custom
        .as_ref()
        .expect("one programme of its own");
    assert_eq!(custom.name, ILLUSTRATION_NAME);
    assert_eq!(
        custom.nature,
        outcome_model::scenario::format::Nature::Illustration,
        "marked as an illustration, not by its name"
    );
    let got: Vec<f64> = custom.effects.iter().map(|e| e.central).collect();
    assert_eq!(got, expected);
    // A council with no published history is named in the error.
    let mut none = c.clone();
    none.rows[0].code = Some("E99999999".into());
    let err = half_way_counts(&none, data, &measures).unwrap_err();
    assert_eq!(
        err.field,
        outcome_model::base::error::Location::from("council")
    );
}
