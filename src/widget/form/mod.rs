//! The form: the table of number inputs ([`fields`]), the inputs drawn from it
//! ([`inputs`]), and the council picker with the DfE file reader ([`council`]).

pub mod council;
pub mod fields;
pub mod inputs;
