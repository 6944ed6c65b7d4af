//! Putting a council's official figures into a scenario, and telling which
//! of them the user has since changed.
//!
//! The figures come from [`presets`] (built in) or from an import of the
//! official files ([`crate::import::dfe::Import::apply`]); both are lists of
//! [`Preset`]. Only the figures the national tables hold are set: care
//! proceedings, police call-outs and emergency admissions are the user's own and
//! are kept. A figure the tables do not publish is `None`, never zero.

use crate::base::error::{Error, ErrorKind};
use crate::data::presets::{self, Preset};
use crate::scenario::format::{Council, Scenario};

impl<S: AsRef<str>> Preset<S> {
    /// The council figures for a scenario: code, name, year and every
    /// figure the scenario holds (`None` stays `None`). Children in need
    /// episodes started has no place in a scenario and is left out.
    ///
    /// ```
    /// use outcome_model::data::presets;
    /// let herts = presets::find("E10000015", 2025).unwrap().to_council();
    /// assert_eq!(herts.children_looked_after, Some(999.0));
    /// assert_eq!(herts.data_year, Some(2025));
    /// ```
    pub fn to_council(&self) -> Council {
        let f = |x: Option<u32>| x.map(f64::from);
        Council {
            code: Some(self.code.as_ref().to_string()),
            name: self.name.as_ref().to_string(),
            data_year: Some(self.year),
            population_0_17: f(self.population_0_17),
            children_looked_after: f(self.children_looked_after),
            care_starts: f(self.care_starts),
            care_ceased: f(self.care_ceased),
            cp_plans: f(self.cp_plans),
            children_in_need: f(self.children_in_need),
            // MHCLG revenue outturn, the latest year with a usable figure,
            // uprated to 2025-26 prices: an average, offered as an
            // alternative to the marginal placement cost.
            cla_spend_per_child: crate::data::per_child::latest(self.code.as_ref())
                .map(|(y, v)| (v * crate::data::prices::uplift(y - 1) * 100.0).round() / 100.0),
            ..Council::default()
        }
    }
}

/// One council figure the official tables hold.
pub struct Figure {
    /// Its scenario path, which is also the id of its input in the widget
    /// (e.g. `council.cp_plans`).
    pub key: &'static str,
    /// What it counts, in words that can follow "not published:".
    pub words: &'static str,
    /// The figure in a preset (a count of children).
    pub official: fn(&Preset<&str>) -> Option<u32>,
    /// The figure in a scenario's council.
    pub slot: fn(&mut Council) -> &mut Option<f64>,
}

macro_rules! figure {
    ($key:literal, $words:literal, $f:ident) => {
        Figure {
            key: $key,
            words: $words,
            official: |p| p.$f,
            slot: |c| &mut c.$f,
        }
    };
}

/// The council figures of a scenario that come from the official tables,
/// in the order of the form.
pub const FIGURES: [Figure; 6] = [
    figure!(
        "council.children_looked_after",
        "children looked after",
        children_looked_after
    ),
    figure!("council.care_starts", "children starting care", care_starts),
    figure!("council.care_ceased", "children leaving care", care_ceased),
    figure!("council.cp_plans", "child protection plans", cp_plans),
    figure!(
        "council.children_in_need",
        "children in need",
        children_in_need
    ),
    figure!(
        "council.population_0_17",
        "children aged 0 to 17",
        population_0_17
    ),
];

fn borrowed<S: AsRef<str>>(p: &Preset<S>) -> Preset<&str> {
    Preset {
        code: p.code.as_ref(),
        old_code: p.old_code.as_ref(),
        name: p.name.as_ref(),
        region: p.region.as_ref(),
        year: p.year,
        population_0_17: p.population_0_17,
        children_looked_after: p.children_looked_after,
        care_starts: p.care_starts,
        care_ceased: p.care_ceased,
        children_in_need: p.children_in_need,
        cin_started: p.cin_started,
        cp_plans: p.cp_plans,
    }
}

/// The official value of the figure with scenario path `key` (e.g.
/// `council.cp_plans`), or `None` when it is not published or `key` is not
/// a figure of the tables.
///
/// ```
/// use outcome_model::{scenario::council_preset, data::presets};
/// let herts = presets::find("E10000015", 2025).unwrap();
/// assert_eq!(council_preset::official(herts, "council.cp_plans"), Some(614.0));
/// ```
pub fn official<S: AsRef<str>>(p: &Preset<S>, key: &str) -> Option<f64> {
    let b = borrowed(p);
    FIGURES
        .iter()
        .find(|f| f.key == key)
        .and_then(|f| (f.official)(&b))
        .map(f64::from)
}

/// Puts the preset's code, name, year and figures into the scenario's
/// council. Figures the tables do not hold are kept; programmes and
/// assumptions are untouched.
pub fn apply<S: AsRef<str>>(s: &mut Scenario, p: &Preset<S>) {
    let b = borrowed(p);
    let c = &mut s.council;
    c.code = Some(b.code.to_string());
    c.name = b.name.to_string();
    c.data_year = Some(b.year);
    for f in &FIGURES {
        *(f.slot)(c) = (f.official)(&b).map(f64::from);
    }
    // Its own spend per looked-after child, or none: never another
    // council's.
    c.cla_spend_per_child = b.to_council().cla_spend_per_child;
}

/// Sets one figure (by scenario path) back to its official value. Returns
/// false when `key` is not a figure of the tables.
pub fn reset<S: AsRef<str>>(s: &mut Scenario, p: &Preset<S>, key: &str) -> bool {
    let b = borrowed(p);
    match FIGURES.iter().find(|f| f.key == key) {
        Some(f) => {
            *(f.slot)(&mut s.council) = (f.official)(&b).map(f64::from);
            true
        }
        None => false,
    }
}

/// The figures whose value in the scenario differs from the official one:
/// scenario path and official value (`None` when it is not published).
pub fn changed<S: AsRef<str>>(s: &Scenario, p: &Preset<S>) -> Vec<(&'static str, Option<f64>)> {
    let b = borrowed(p);
    let mut c = s.council.clone();
    FIGURES
        .iter()
        .filter_map(|f| {
            let official = (f.official)(&b).map(f64::from);
            (*(f.slot)(&mut c) != official).then_some((f.key, official))
        })
        .collect()
}

/// The preset of the council with ONS code `code` (any letter case) or DfE
/// code in `list`.
pub fn find_in<'a, S: AsRef<str>>(list: &'a [Preset<S>], code: &str) -> Option<&'a Preset<S>> {
    let code = code.trim();
    list.iter()
        .find(|p| p.code.as_ref().eq_ignore_ascii_case(code) || p.old_code.as_ref() == code)
}

/// The regions in `list`, sorted, each once.
pub fn regions<S: AsRef<str>>(list: &[Preset<S>]) -> Vec<&str> {
    let mut r: Vec<&str> = Vec::new();
    for p in list {
        if let Err(i) = r.binary_search(&p.region.as_ref()) {
            r.insert(i, p.region.as_ref());
        }
    }
    r
}

/// Why no council has the code `code` in `year`'s figures, naming the
/// councils that took over from one that was abolished.
pub fn unknown(code: &str, year: u16) -> Error {
    let code = code.trim();
    let kind = match presets::RETIRED
        .iter()
        .find(|r| r.code.eq_ignore_ascii_case(code) && year >= r.gone_from)
    {
        Some(r) => {
            let names: Vec<&str> = r
                .successors
                .iter()
                .filter_map(|c| presets::find(c, year).map(|p| p.name))
                .collect();
            ErrorKind::Abolished {
                reason: format!(
                    "{} ({}) was abolished on {}: choose {}",
                    r.name,
                    r.code,
                    r.abolished,
                    names.join(" or ")
                ),
            }
        }
        None => ErrorKind::UnknownCouncil {
            reason: format!(
                "no council in England has the code \u{201c}{code}\u{201d} in the figures at 31 March {year}"
            ),
        },
    };
    Error::new("council", kind)
}

/// Puts the built-in figures of the council with code `code` at 31 March
/// of `year` into the scenario ([`apply`]).
///
/// ```
/// use outcome_model::{scenario::council_preset, default_scenario};
/// let mut s = default_scenario();
/// council_preset::apply_preset(&mut s, "E08000025", 2025).unwrap();
/// assert_eq!(s.council.name, "Birmingham");
/// assert!(council_preset::apply_preset(&mut s, "E99999999", 2025).is_err());
/// ```
pub fn apply_preset(s: &mut Scenario, code: &str, year: u16) -> Result<(), Error> {
    let p = presets::find(code, year).ok_or_else(|| unknown(code, year))?;
    apply(s, p);
    Ok(())
}

/// For a scenario from a link or the element's attributes: when it names a
/// council (`council=E10000015`) but gives none of the figures of the
/// tables, fills them from the built-in presets of its `data_year` (the
/// latest year when it has none, or one without presets). Returns whether
/// it filled them. A link that carries figures keeps them.
pub fn complete(s: &mut Scenario) -> Result<bool, Error> {
    let Some(code) = s.council.code.clone() else {
        return Ok(false);
    };
    let mut c = s.council.clone();
    if FIGURES.iter().any(|f| (f.slot)(&mut c).is_some()) {
        return Ok(false);
    }
    let year = s
        .council
        .data_year
        .filter(|y| presets::YEARS.contains(y))
        .unwrap_or(presets::LATEST_YEAR);
    apply_preset(s, &code, year)?;
    Ok(true)
}

/// The scenario to lay a link's or the element's attributes' pairs on:
/// when they name a council (`council=E10000015`, and `data_year=2024` for
/// an earlier year), `base` with that council's official figures, so that
/// the figures the pairs give themselves win and the rest are the
/// council's own; otherwise `base` as it is.
///
/// ```
/// use outcome_model::{scenario::council_preset, default_scenario, scenario::link};
/// let pairs = link::pairs("council=E08000025&care_starts=500").unwrap();
/// let base = council_preset::base_for(default_scenario(), &pairs).unwrap();
/// let s = link::apply(base, &pairs).unwrap();
/// assert_eq!(s.council.name, "Birmingham");
/// assert_eq!(s.council.care_starts, Some(500.0));
/// assert_eq!(s.council.children_looked_after, Some(2_317.0));
/// ```
pub fn base_for(mut base: Scenario, pairs: &[(String, String)]) -> Result<Scenario, Error> {
    let last = |key: &str| {
        pairs
            .iter()
            .rev()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.trim())
    };
    let Some(code) = last("council").filter(|c| !c.is_empty()) else {
        return Ok(base);
    };
    let year = last("data_year")
        .and_then(|y| y.parse::<u16>().ok())
        .filter(|y| presets::YEARS.contains(y))
        .unwrap_or(presets::LATEST_YEAR);
    apply_preset(&mut base, code, year)?;
    Ok(base)
}
