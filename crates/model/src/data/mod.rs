//! What the calculation draws on: the evidence, cited defaults, prices and deflators, published results, and each council's official figures.

pub mod adopters;
pub mod citation;
pub mod csc_spend;
pub mod defaults;
pub mod evidence;
pub mod per_child;
pub mod presets;
pub mod prices;
pub mod published;
pub mod unprojected;
