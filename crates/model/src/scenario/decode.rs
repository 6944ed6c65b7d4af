//! Reading a scenario from any serde format (JSON text in the CLI, a JS
//! object in the browser), with errors that name the field.

use serde::{Deserialize, Deserializer};

use crate::base::error::{Error, ErrorKind};
use crate::scenario::format::{
    Assumptions, Council, ProgrammeChoice, Scenario, UncertaintySettings, UnitCosts, FORMAT_VERSION,
};

/// A scenario as read, before its version and the parts it cannot do
/// without are checked: the fields of [`Scenario`] (whose own derive is
/// not used for reading), with the version and the three parts every
/// scenario has optional, so that a file missing them is told in order,
/// the version first, each part by its name. [`decode`] builds the
/// [`Scenario`] from it field by field, so a field added there and not
/// here does not compile.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Parts {
    #[serde(default)]
    version: Given<u32>,
    #[serde(default)]
    evidence_set: Given<String>,
    #[serde(default)]
    label: String,
    #[serde(default)]
    council: Given<Council>,
    #[serde(default)]
    unit_costs: UnitCosts,
    #[serde(default)]
    assumptions: Assumptions,
    #[serde(default)]
    programmes: Given<Vec<ProgrammeChoice>>,
    #[serde(default)]
    uncertainty: UncertaintySettings,
}

/// A part of a scenario as given, `None` when the file leaves it out. Read
/// as the part itself (a `null` is refused as before, not taken for
/// "left out"), through the same deserializer, so the browser build holds
/// each part's reader once (an `Option` would hold a second).
struct Given<T>(Option<T>);

impl<T> Default for Given<T> {
    fn default() -> Self {
        Given(None)
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Given<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        T::deserialize(d).map(|t| Given(Some(t)))
    }
}

/// Decodes a scenario. A wrong type or unknown field becomes an [`Error`]
/// whose `field` is the path to it, e.g. `programmes[0].cohort`. A file
/// with no format version (or version 0, which no calculator wrote) is
/// not a scenario ([`ErrorKind::NotAScenario`], field `version`); a
/// scenario without `evidence_set`, `council` or `programmes` names the
/// one missing ([`ErrorKind::Malformed`]). A version given is left to
/// validation.
pub fn decode<'de, D: Deserializer<'de>>(d: D) -> Result<Scenario, Error>
where
    D::Error: std::fmt::Display,
{
    let p: Parts = serde_path_to_error::deserialize(d).map_err(|e| {
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
    // The first problem, in the order a reader would put them right.
    let Parts {
        version,
        evidence_set,
        label,
        council,
        unit_costs,
        assumptions,
        programmes,
        uncertainty,
    } = p;
    let (field, kind) = match (version.0, evidence_set.0, council.0, programmes.0) {
        (Some(version @ 1..), Some(evidence_set), Some(council), Some(programmes)) => {
            return Ok(Scenario {
                version,
                evidence_set,
                label,
                council,
                unit_costs,
                assumptions,
                programmes,
                uncertainty,
            })
        }
        (None | Some(0), ..) => (
            "version",
            ErrorKind::NotAScenario {
                reason: if version.0.is_none() {
                    NO_VERSION
                } else {
                    VERSION_0
                }
                .to_string(),
            },
        ),
        (_, evidence_set, council, _) => (
            if evidence_set.is_none() {
                "evidence_set"
            } else if council.is_none() {
                "council"
            } else {
                "programmes"
            },
            ErrorKind::Malformed {
                detail: "this part of a scenario is missing".to_string(),
            },
        ),
    };
    Err(Error::new(field, kind))
}

/// What a file without a format version is told (the words name the
/// version this build reads: `FORMAT_VERSION`, checked below).
const NO_VERSION: &str = "this is not a calculator scenario (no format version; expected 2)";
/// What a file of format version 0, which no calculator wrote, is told.
const VERSION_0: &str = "this is not a calculator scenario (format version 0; expected 2)";
// The words above name the version read: a new version changes them too.
const _: () = assert!(FORMAT_VERSION == 2);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::base::error::Location;
    use crate::scenario::default::default_scenario;

    /// A scenario without its version is not a scenario: told by the
    /// value read (0), whatever the decoder's own words; a version given
    /// is left to validation.
    #[test]
    fn a_missing_version_is_told_by_the_value_not_the_words() {
        let mut json = serde_json::to_value(default_scenario()).unwrap();
        json.as_object_mut().unwrap().remove("version");
        let e = decode(json.clone()).unwrap_err();
        assert_eq!((e.field.path(), e.code()), ("version", "not_a_scenario"));
        json["version"] = 9.into();
        assert_eq!(decode(json).unwrap().version, 9);
    }

    /// What a file missing its version or one of the parts every scenario
    /// has is told: the version first (a file without one, or with
    /// version 0, is not a scenario at all, whatever else it lacks), then
    /// the part missing by name. Before, a file without a version that
    /// also lacked a part was told only of serde's first missing field, at
    /// the field `scenario`, and version 0 read as "no format version".
    #[test]
    fn a_missing_version_or_part_is_named() {
        let full = serde_json::to_value(default_scenario()).unwrap();
        let without = |keys: &[&str]| {
            let mut json = full.clone();
            for k in keys {
                json.as_object_mut().unwrap().remove(*k);
            }
            json
        };
        let with_version = |mut json: serde_json::Value, v: u32| {
            json["version"] = v.into();
            json
        };
        let no_version = "this is not a calculator scenario (no format version; expected 2)";
        let version_0 = "this is not a calculator scenario (format version 0; expected 2)";
        let part = "the scenario could not be read: this part of a scenario is missing";
        let cases = [
            (
                without(&["version"]),
                "version",
                "not_a_scenario",
                no_version,
            ),
            (
                without(&["version", "evidence_set", "council", "programmes"]),
                "version",
                "not_a_scenario",
                no_version,
            ),
            (
                without(&["version", "council"]),
                "version",
                "not_a_scenario",
                no_version,
            ),
            (
                with_version(full.clone(), 0),
                "version",
                "not_a_scenario",
                version_0,
            ),
            (
                with_version(without(&["council", "programmes"]), 0),
                "version",
                "not_a_scenario",
                version_0,
            ),
            (
                without(&["evidence_set"]),
                "evidence_set",
                "malformed",
                part,
            ),
            (without(&["council"]), "council", "malformed", part),
            (without(&["programmes"]), "programmes", "malformed", part),
            (
                without(&["council", "programmes"]),
                "council",
                "malformed",
                part,
            ),
        ];
        for (json, field, code, message) in cases {
            let e = decode(json.clone()).unwrap_err();
            assert_eq!(e.field, Location::Field(field.into()), "{json}");
            assert_eq!((e.code(), e.message().as_str()), (code, message), "{json}");
        }
    }

    /// Reading through the parts loses nothing: the default scenario, and
    /// one with every optional part left out, read back as they were.
    #[test]
    fn every_field_is_read_back() {
        let s = default_scenario();
        assert_eq!(decode(serde_json::to_value(&s).unwrap()).unwrap(), s);
        let mut json = serde_json::to_value(&s).unwrap();
        for k in ["label", "unit_costs", "assumptions", "uncertainty"] {
            json.as_object_mut().unwrap().remove(k);
        }
        let read = decode(json).unwrap();
        assert_eq!(read.unit_costs, Default::default());
        assert_eq!(read.assumptions, Default::default());
        assert_eq!(read.uncertainty, Default::default());
        assert_eq!((read.label.as_str(), &read.council), ("", &s.council));
    }
}
