//! The pure outcome model: council figures and programme choices in,
//! year-by-year outcomes, costs, savings and Green Book summary figures out.
//!
//! No I/O, no clock, no JavaScript: it builds and tests natively, and the
//! `model_is_pure` test keeps it so. `docs/methodology.md` gives every
//! formula with a worked example.

pub mod backtest;
pub mod citation;
pub mod compare;
pub mod council_data;
pub mod council_preset;
pub mod csc_spend;
pub mod csv;
pub mod decode;
pub mod default_scenario;
pub mod defaults;
pub mod dfe_import;
pub mod engine;
pub mod error;
pub mod evidence;
pub mod export;
pub mod history;
pub mod label;
pub mod link;
pub mod neighbour_compare;
pub mod neighbours;
pub mod outcome;
pub mod parse;
pub mod per_child;
pub mod plausible;
pub mod presets;
pub mod prices;
pub mod project;
pub mod published;
pub mod resolve;
pub mod rollout;
pub mod scenario;
pub mod sorted;
pub mod spend;
mod summary;
pub mod trend;
pub mod uncertainty;
pub mod validate;

pub use decode::decode;
pub use default_scenario::default_scenario;
pub use error::{Error, ErrorKind};
pub use outcome::{Agency, ByAgency, Outcome};
pub use project::{BreakEven, Counts, ProgrammeResult, Projection, Summary, Year};
pub use scenario::{
    Assumptions, Cashable, Council, CustomEffect, CustomMeasure, CustomProgramme, EffectLevel,
    OptimismByGrade, ProgrammeChoice, Scenario, UncertaintySettings, UnitCosts, FORMAT_VERSION,
};
pub use summary::project;
pub use validate::validate;
