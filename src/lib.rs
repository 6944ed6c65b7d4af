//! Children's services outcome calculator.
//!
//! If a council funded Family Safeguarding, Pause, FDAC, Family Group
//! Conferencing or No Wrong Door, how many fewer children would enter care or
//! need a protection plan, what would it cost, what would it save and for
//! whom, and when would it pay back?
//!
//! [`model`] is the pure calculation and builds anywhere; the widget is
//! compiled only for `wasm32`, and the JavaScript API (`binding`) only for
//! `wasm32` with the `api` feature.
//!
//! ```
//! use outcome_calculator::model::{project, Council, ProgrammeChoice, Scenario};
//! let council = Council { care_starts: Some(424.0), cp_plans: Some(614.0),
//!     children_in_need: Some(5_848.0), ..Council::default() };
//! let scenario = Scenario::new(council, vec![ProgrammeChoice::new("family-safeguarding")]);
//! let p = project(&scenario).unwrap();
//! println!("net present value £{:.0}", p.summary.npv);
//! ```
#![forbid(unsafe_code)]

/// The pure model, its own crate (`crates/model`) so that the compiler
/// keeps JavaScript out of it.
pub use outcome_model as model;

#[cfg(all(target_arch = "wasm32", feature = "api"))]
pub mod binding;

/// DOM helpers and number formatting, shared by the widget and the
/// workings drawn on demand.
#[cfg(all(target_arch = "wasm32", any(feature = "widget", feature = "workings")))]
pub mod dom;

#[cfg(all(target_arch = "wasm32", feature = "widget"))]
pub mod widget;

/// Councils' figures as JavaScript arrays, between the widget and the
/// on-demand module.
#[cfg(all(target_arch = "wasm32", any(feature = "widget", feature = "workings")))]
pub mod council_rows;

#[cfg(all(target_arch = "wasm32", any(feature = "api", feature = "workings")))]
pub mod js_value;

#[cfg(all(target_arch = "wasm32", feature = "workings"))]
pub mod workings;
