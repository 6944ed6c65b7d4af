//! Checks that a result is within what a council, or England, could have:
//! pure functions that return the warning to show beside the figures, or
//! `None` when nothing is beyond reach.

use crate::{data::csc_spend, data::presets, Projection, Scenario};

/// England's children aged 0 to 17: the councils' figures in the latest
/// built-in tables, summed (about 12.2 million).
pub fn england_children() -> f64 {
    presets::all(presets::LATEST_YEAR)
        .iter()
        .filter_map(|p| p.population_0_17)
        .map(f64::from)
        .sum()
}

/// The council's savings in its best year beside its whole children's
/// social care spend in [`csc_spend::YEAR`], when they are more.
#[derive(Debug, Clone, PartialEq)]
pub struct AboveSpend {
    /// The financial year of the largest savings, e.g. `2029-30`.
    pub year: String,
    /// The council's savings that year, £.
    pub savings: f64,
    /// Its total children's social care net spend, £.
    pub spend: f64,
}

/// `Some` when the council's savings in any one year are more than its
/// whole children's social care spend (`None` for a council without an
/// official code or figure).
pub fn above_spend(s: &Scenario, p: &Projection) -> Option<AboveSpend> {
    let spend = csc_spend::total(s.council.code.as_deref()?)?;
    let best = p.years.iter().max_by(|a, b| {
        a.savings
            .childrens_services
            .total_cmp(&b.savings.childrens_services)
    })?;
    let savings = best.savings.childrens_services;
    (savings > spend).then(|| AboveSpend {
        year: best.label.clone(),
        savings,
        spend,
    })
}

/// The most children the council's figures (or the fall in children in
/// need) count, when it
/// is more than England has aged 0 to 17.
pub fn above_england(s: &Scenario, p: &Projection) -> Option<f64> {
    let k = &s.council;
    let most = [
        k.population_0_17,
        k.children_looked_after,
        k.care_starts,
        k.cp_plans,
        k.children_in_need,
    ]
    .into_iter()
    .flatten()
    .chain(p.years.iter().map(|y| y.counts.children_in_need_fewer))
    .fold(0.0, f64::max);
    (most > england_children()).then_some(most)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{default_scenario, project};

    fn kent() -> Scenario {
        let mut s = default_scenario();
        let p = presets::find("E10000016", presets::LATEST_YEAR).unwrap();
        s.council = p.to_council();
        s
    }

    #[test]
    fn england_has_about_twelve_million_children() {
        let n = england_children();
        assert!((11_500_000.0..13_000_000.0).contains(&n), "{n}");
    }

    #[test]
    fn an_ordinary_scenario_has_no_warning() {
        let s = kent();
        let p = project(&s).unwrap();
        assert_eq!(above_spend(&s, &p), None);
        assert_eq!(above_england(&s, &p), None);
    }

    #[test]
    fn savings_above_the_councils_spend_are_flagged() {
        let mut s = kent();
        s.council.population_0_17 = Some(18_000_000.0);
        s.council.children_looked_after = Some(1_900_000.0);
        s.council.care_starts = Some(1_900_000.0);
        s.council.children_in_need = Some(1_900_000.0);
        s.council.cp_plans = Some(1_900_000.0);
        let p = project(&s).unwrap();
        let w = above_spend(&s, &p).expect("a warning");
        assert!(w.savings > w.spend, "{w:?}");
        assert_eq!(Some(w.spend), csc_spend::total("E10000016"));
        assert_eq!(above_england(&s, &p), Some(18_000_000.0));
        // No official code: nothing to compare the savings with.
        s.council.code = None;
        assert_eq!(above_spend(&s, &p), None);
    }
}
