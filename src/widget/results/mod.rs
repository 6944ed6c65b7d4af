//! The results: the live sentence and figures ([`figures`]), the SVG charts
//! with their tables ([`charts`]), "How sure are we?" ([`uncertainty`]),
//! England's view ([`national`]), "How this is calculated" ([`method`])
//! and each figure's own working ([`working`]).

pub mod charts;
pub mod figures;
pub mod method;
pub mod national;
pub mod uncertainty;
pub mod working;
