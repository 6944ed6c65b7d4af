//! What the user asks: the versioned scenario format, its decoding, validation, share links, errors and the default scenario.

pub mod council_preset;
pub mod decode;
pub mod default;
pub mod field_docs;
pub mod fields;
pub mod format;
pub mod label;
pub mod link;
pub mod parse;
pub mod ready;
pub mod tree;
pub mod valid;
pub mod validate;
