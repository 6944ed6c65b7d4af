//! The form: the table of number inputs ([`fields`]), the inputs drawn from it
//! ([`inputs`]), the council picker with the DfE file reader ([`council`]),
//! and the error shown next to any of them ([`errors`]).

pub mod council;
pub mod errors;
pub mod fields;
pub mod inputs;
