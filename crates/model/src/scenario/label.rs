//! The scenario's label when the user has not written one: the council and
//! the programmes, e.g. "Kent: Family Safeguarding, Family Group
//! Conferencing at pre-proceedings". It follows the scenario as the council
//! or the programmes change; a label the user wrote stays as written.

use crate::data::{evidence, presets};
use crate::scenario::format::Scenario;

/// The programmes' names, in the scenario's order.
fn programme_names(s: &Scenario) -> Vec<String> {
    s.programmes
        .iter()
        .map(|c| match &c.custom {
            Some(x) => x.name.clone(),
            None => {
                evidence::find(&c.programme).map_or_else(|| c.programme.clone(), |p| p.name.into())
            }
        })
        .collect()
}

/// The label made from the council and the programmes.
pub fn automatic(s: &Scenario) -> String {
    let council = match s.council.name.trim() {
        "" => "Your council",
        n => n,
    };
    let names = programme_names(s);
    if names.is_empty() {
        council.to_string()
    } else {
        format!("{council}: {}", names.join(", "))
    }
}

/// True when `label` is one this calculator made (empty, or a council's
/// name, alone or before ": "), so it may follow the scenario; false for a
/// label the user wrote.
pub fn is_automatic(label: &str) -> bool {
    let council = label.split_once(": ").map_or(label, |(c, _)| c).trim();
    council.is_empty()
        || council == "Your council"
        || presets::all(presets::LATEST_YEAR)
            .iter()
            .any(|p| p.name == council)
}

/// Brings an automatic label up to date; a written one is left alone.
/// True when the label changed.
pub fn refresh(s: &mut Scenario) -> bool {
    if !is_automatic(&s.label) {
        return false;
    }
    let new = automatic(s);
    if new == s.label {
        return false;
    }
    s.label = new;
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{default_scenario, ProgrammeChoice};

    #[test]
    fn the_label_follows_council_and_programmes() {
        let mut s = default_scenario();
        assert_eq!(s.label, "Derbyshire: Family Safeguarding");
        assert!(is_automatic(&s.label));
        s.council = presets::latest("E10000016").unwrap().to_council();
        s.programmes
            .push(ProgrammeChoice::new("fgc-pre-proceedings"));
        assert!(refresh(&mut s));
        assert_eq!(
            s.label,
            "Kent: Family Safeguarding, Family Group Conferencing at pre-proceedings"
        );
        s.programmes.clear();
        refresh(&mut s);
        assert_eq!(s.label, "Kent");
    }

    #[test]
    fn a_written_label_stays() {
        let mut s = default_scenario();
        s.label = "Option B for the June board".into();
        assert!(!refresh(&mut s));
        assert_eq!(s.label, "Option B for the June board");
        assert!(!is_automatic("Pilot in the north"));
        assert!(is_automatic(""));
    }
}
