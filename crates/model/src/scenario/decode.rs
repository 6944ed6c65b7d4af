//! Reading a scenario from any serde format (JSON text in the CLI, a JS
//! object in the browser), with errors that name the field.

use serde::Deserializer;

use crate::base::error::{Error, ErrorKind};
use crate::scenario::format::{Scenario, FORMAT_VERSION};

/// Decodes a scenario. A wrong type or unknown field becomes an [`Error`]
/// whose `field` is the path to it, e.g. `programmes[0].cohort`.
pub fn decode<'de, D: Deserializer<'de>>(d: D) -> Result<Scenario, Error>
where
    D::Error: std::fmt::Display,
{
    serde_path_to_error::deserialize(d).map_err(|e| {
        let path = e.path().to_string();
        let field = if path == "." { String::new() } else { path };
        let detail = e.into_inner().to_string();
        if detail.contains("missing field `version`") {
            return Error::new(
                "version",
                ErrorKind::Invalid {
                    reason: format!(
                        "this is not a calculator scenario (no format version; expected {FORMAT_VERSION})"
                    ),
                },
            );
        }
        Error::new(
            if field.is_empty() { "scenario".to_string() } else { field },
            ErrorKind::Malformed { detail },
        )
    })
}
