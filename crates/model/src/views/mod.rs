//! Views of a projection: exports, the roll-out table and comparisons of two scenarios.

pub mod compare;
pub mod export;
pub mod rollout;
