//! The names the calculator's "Your council in context" panel
//! (`widget::tools::context`) and the on-demand module that draws its
//! content (`workings::context`) share: the calculator answers the
//! controls the module draws.

use crate::dom::cat;
use crate::model::Baseline;

/// The baseline radios' `name`; each radio's id is `context-baseline-<word>`.
pub const BASELINE: &str = "context-baseline";

/// The radio's id for a baseline.
pub fn radio_id(b: Baseline) -> String {
    cat(&[BASELINE, "-", b.word()])
}

/// The id of the button that makes the half-way illustration a scenario.
pub const HALF_WAY: &str = "context-half-way";

/// The id of the line that says why the illustration could not be made.
pub const HALF_WAY_SAID: &str = "context-half-way-said";

/// The id of the button that costs every programme's children at the
/// council's average spend.
pub const USE_AVERAGE: &str = "context-use-average";
