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
    let s: Scenario = serde_path_to_error::deserialize(d).map_err(|e| {
        let path = e.path().to_string();
        let field = if path == "." { String::new() } else { path };
        let detail = e.into_inner().to_string();
        Error::new(
            if field.is_empty() {
                "scenario".to_string()
            } else {
                field
            },
            ErrorKind::Malformed { detail },
        )
    })?;
    // No version (read as 0): told by the value, not by the decoder's words.
    if s.version == 0 {
        return Err(Error::new(
            "version",
            ErrorKind::Invalid {
                reason: format!(
                    "this is not a calculator scenario (no format version; expected {FORMAT_VERSION})"
                ),
            },
        ));
    }
    Ok(s)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::default::default_scenario;

    /// A scenario without its version is not a scenario: told by the
    /// value read (0), whatever the decoder's own words; a version given
    /// is left to validation.
    #[test]
    fn a_missing_version_is_told_by_the_value_not_the_words() {
        let mut json = serde_json::to_value(default_scenario()).unwrap();
        json.as_object_mut().unwrap().remove("version");
        let e = decode(json.clone()).unwrap_err();
        assert_eq!((e.field.path(), e.code()), ("version", "invalid"));
        json["version"] = 9.into();
        assert_eq!(decode(json).unwrap().version, 9);
    }
}
