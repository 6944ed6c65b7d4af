//! What every room uses: the outcomes and agencies, the error type with
//! where it happened, the sorted collections that keep `BTreeMap` out of the
//! browser build, the CSV reader, numbers as text without core's float
//! formatting, and the counters the tests read. It names
//! no other folder of the model.

pub mod counts;
pub mod csv;
pub mod decimal;
pub mod error;
pub mod outcome;
pub mod sorted;
