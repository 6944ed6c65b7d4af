//! The pure outcome model: council figures and programme choices in,
//! year-by-year outcomes, costs, savings and Green Book summary figures out.
//!
//! No I/O, no clock, no JavaScript: it builds and tests natively, and the
//! `model_is_pure` test keeps it so.

pub mod citation;
pub mod defaults;
pub mod error;
pub mod evidence;
pub mod outcome;
pub mod scenario;

pub use error::{Error, ErrorKind};
pub use outcome::{Agency, ByAgency, Outcome};
pub use scenario::{
    Assumptions, Cashable, Council, CustomEffect, CustomMeasure, CustomProgramme, EffectLevel,
    OptimismByGrade, ProgrammeChoice, Scenario, UnitCosts, FORMAT_VERSION,
};
