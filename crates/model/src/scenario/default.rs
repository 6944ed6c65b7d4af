//! The scenario a new visitor sees.

use crate::data::presets;
use crate::scenario::format::{ProgrammeChoice, Scenario};

/// ONS code of the council the calculator opens with: Hertfordshire, where
/// Family Safeguarding began.
pub const DEFAULT_COUNCIL: &str = "E10000015";

/// The programme the calculator opens with.
pub const DEFAULT_PROGRAMME: &str = "family-safeguarding";

/// Hertfordshire's latest official figures with Family Safeguarding and the
/// default assumptions.
///
/// ```
/// let s = outcome_model::default_scenario();
/// assert_eq!(s.council.name, "Hertfordshire");
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
