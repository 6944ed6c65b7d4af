//! A scenario that passed validation, as a type: [`Valid`] (borrowed) and
//! [`ValidScenario`] (owned, to keep). Only [`crate::validate`] makes one,
//! so the kernel ([`crate::calc::engine::Plan::new`]), the projection, the
//! Monte Carlo and the tornado take it and never check again.

use std::ops::Deref;

use crate::scenario::format::Scenario;

/// A scenario that passed [`crate::validate`]: every number finite and in
/// its bounds, every figure a chosen programme needs present.
///
/// ```
/// use outcome_model::{default_scenario, validate};
/// let s = default_scenario();
/// let valid = validate(&s).unwrap();
/// assert_eq!(valid.assumptions.horizon_years, s.assumptions.horizon_years);
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Valid<'a>(&'a Scenario);

impl<'a> Valid<'a> {
    /// Made by [`crate::validate`] only.
    pub(crate) fn checked(s: &'a Scenario) -> Valid<'a> {
        Valid(s)
    }

    /// A scenario the model derived from a valid one without leaving the
    /// bounds validation checks: one input of the tornado moved to an end
    /// of its range, or one council's official figures put into a template
    /// that passed. Used inside the model only, where that is known.
    pub(crate) fn derived(s: &'a Scenario) -> Valid<'a> {
        Valid(s)
    }

    /// The scenario itself.
    pub fn scenario(self) -> &'a Scenario {
        self.0
    }

    /// An owned copy, to keep past this borrow.
    pub fn to_owned(self) -> ValidScenario {
        ValidScenario(self.0.clone())
    }
}

impl Deref for Valid<'_> {
    type Target = Scenario;
    fn deref(&self) -> &Scenario {
        self.0
    }
}

/// An owned [`Valid`] scenario (the widget keeps the last one it drew).
#[derive(Debug, Clone, PartialEq)]
pub struct ValidScenario(Scenario);

impl ValidScenario {
    /// Borrowed, to pass to the kernel.
    pub fn valid(&self) -> Valid<'_> {
        Valid(&self.0)
    }

    /// The scenario, no longer marked valid.
    pub fn into_inner(self) -> Scenario {
        self.0
    }
}

impl Deref for ValidScenario {
    type Target = Scenario;
    fn deref(&self) -> &Scenario {
        &self.0
    }
}
