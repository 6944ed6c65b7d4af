//! Reading files people bring: the CSV reader and the DfE statistics files.

pub mod csv;
pub mod dfe;
