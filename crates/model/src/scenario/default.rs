//! The scenario a new visitor sees.

use crate::data::{adopters, presets};
use crate::scenario::format::{ProgrammeChoice, Scenario};

/// ONS code of the council the calculator opens with: Derbyshire, the
/// council at the median rate of children looked after per 10,000 in the
/// latest official figures, among the councils with every count published
/// and no programme of the library in the table of councils known to run
/// one ([`median_council`]). A convention: a council whose figures already
/// contain a programme's effect (Hertfordshire, where Family Safeguarding
/// began) would count it twice.
pub const DEFAULT_COUNCIL: &str = "E10000007";

/// The programme the calculator opens with.
pub const DEFAULT_PROGRAMME: &str = "family-safeguarding";

/// The default council's latest official figures with Family Safeguarding
/// and the default assumptions.
///
/// ```
/// let s = outcome_model::default_scenario();
/// assert_eq!(s.council.name, "Derbyshire");
/// assert!(outcome_model::project(&s).is_ok());
/// ```
pub fn default_scenario() -> Scenario {
    let council = presets::latest(DEFAULT_COUNCIL)
        .map(|p| p.to_council())
        .unwrap_or_default();
    let mut s = Scenario::new(council, vec![ProgrammeChoice::new(DEFAULT_PROGRAMME)]);
    s.label = format!("{}: Family Safeguarding", s.council.name);
    s
}

/// The council at the median rate of children looked after per 10,000
/// children in the latest official figures (the lower middle of an even
/// count, by name within a rate), among those with every count published
/// and not known to run any programme ([`adopters::ADOPTIONS`]).
pub fn median_council() -> Option<&'static presets::Preset> {
    let mut eligible: Vec<(f64, &presets::Preset)> = presets::all(presets::LATEST_YEAR)
        .iter()
        .filter(|p| !adopters::ADOPTIONS.iter().any(|a| a.code == p.code))
        .filter_map(|p| {
            let counts = [
                p.children_looked_after?,
                p.care_starts?,
                p.care_ceased?,
                p.children_in_need?,
                p.cp_plans?,
            ];
            let pop = p.population_0_17?;
            (pop > 0 && counts.iter().all(|&c| c > 0)).then(|| {
                (
                    (f64::from(counts[0]) * 10_000.0 / f64::from(pop)).round(),
                    p,
                )
            })
        })
        .collect();
    eligible.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.name.cmp(b.1.name)));
    let n = eligible.len();
    (n > 0).then(|| eligible[(n - 1) / 2].1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_council_is_the_median_council_and_runs_no_programme() {
        let m = median_council().expect("councils with figures");
        assert_eq!(m.code, DEFAULT_COUNCIL, "{}", m.name);
        assert!(adopters::ADOPTIONS
            .iter()
            .all(|a| a.code != DEFAULT_COUNCIL));
    }
}
