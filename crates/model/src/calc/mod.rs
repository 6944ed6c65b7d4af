//! The calculation: programmes resolved against the evidence, the year-by-year engine, the projection and its summary, the uncertainty simulation.

pub mod baseline;
pub mod engine;
pub mod plausible;
pub mod project;
pub mod projection;
pub mod record;
pub mod resolve;
pub mod uncertainty;
