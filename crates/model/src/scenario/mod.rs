//! What the user asks: the versioned scenario format, its decoding, validation, share links, errors and the default scenario.

pub mod decode;
pub mod default;
pub mod error;
pub mod field_docs;
pub mod fields;
pub mod format;
pub mod label;
pub mod link;
pub mod parse;
pub mod tree;
pub mod valid;
pub mod validate;
