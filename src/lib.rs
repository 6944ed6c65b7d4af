//! Children's services outcome calculator.
//!
//! If a council funded Family Safeguarding, Pause, FDAC, Family Group
//! Conferencing or No Wrong Door, how many fewer children would enter care or
//! need a protection plan, what would it cost, what would it save and for
//! whom, and when would it pay back?
//!
//! [`model`] is the pure calculation; the browser binding and widget are
//! compiled only for `wasm32`.
#![forbid(unsafe_code)]

pub mod model;
