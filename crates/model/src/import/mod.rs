//! Reading files people bring: the DfE statistics files (read with the CSV reader of `base`).

pub mod dfe;
