//! The pure outcome model: council figures and programme choices in,
//! year-by-year outcomes, costs, savings and Green Book summary figures out.
//!
//! No I/O, no clock, no JavaScript: it builds and tests natively, and the
//! `model_is_pure` test keeps it so. `docs/methodology.md` gives every
//! formula with a worked example.

pub mod base;
pub mod calc;
pub mod context;
pub mod data;
pub mod explain;
pub mod import;
pub mod scenario;
pub mod views;

pub use base::error::{Error, ErrorKind, Location};
pub use base::outcome::{Agency, ByAgency, Outcome};
pub use calc::project::{project, project_valid};
pub use calc::projection::{BreakEven, Counts, ProgrammeResult, Projection, Summary, Year};
pub use scenario::decode::decode;
pub use scenario::default::default_scenario;
pub use scenario::format::{
    Assumptions, Baseline, BaselineTrends, Cashable, Cohorts, Council, CustomBenefit, CustomEffect,
    CustomMeasure, CustomProgramme, EffectLevel, Nature, OptimismByGrade, ProgrammeChoice,
    Scenario, UncertaintySettings, UnitCosts, FORMAT_VERSION,
};
pub use scenario::valid::{Valid, ValidScenario};
pub use scenario::validate::validate;
