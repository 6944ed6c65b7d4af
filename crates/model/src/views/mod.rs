//! Views of a projection: exports, the roll-out table, comparisons of two scenarios, and each outcome without and with the programmes.

pub mod baseline;
pub mod compare;
pub mod evidence_page;
pub mod export;
pub mod rollout;
