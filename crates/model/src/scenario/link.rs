//! Share links and embed attributes: a scenario as URL query parameters.
//!
//! Keys are the scenario format's own field names (see
//! `docs/scenario-format.md`), flattened, as the table of fields
//! ([`crate::scenario::fields`]) names them: council figures and assumptions by
//! name (`care_starts=424&horizon_years=5`), the programmes as a list
//! (`programmes=family-safeguarding,pause`) and their settings as
//! `<programme>.<field>` (`pause.annual_cost=250000`). Only values that
//! differ from the defaults are written, so links stay short, but every
//! council figure is written so a link keeps its numbers when the official
//! tables are updated. `v` is the format version and `evidence` the evidence
//! set.
//!
//! The element `<outcome-calculator>` takes the same names as attributes.

use crate::base::error::{Error, ErrorKind};
use crate::base::outcome::{Agency, Outcome};
use crate::data::evidence::{Grade, Placement, EVIDENCE_SET};
use crate::scenario::fields::{self, Access, Kind, Link, Preset, FIELDS};
use crate::scenario::format::{
    Baseline, Cohorts, CustomBenefit, CustomEffect, CustomMeasure, CustomProgramme, EffectLevel,
    ProgrammeChoice, Scenario, FORMAT_VERSION,
};
use crate::scenario::parse;

/// Longest query string read, in bytes.
pub const MAX_QUERY: usize = 8_192;

/// Most problems [`apply`] lists one by one; the rest are counted in one
/// more line. Settings it does not know are listed one by one only up to
/// [`MAX_UNKNOWN_LISTED`], else counted in one line.
pub const MAX_LISTED: usize = 10;

/// See [`MAX_LISTED`].
pub const MAX_UNKNOWN_LISTED: usize = 3;

/// Parameters that sites, newsletters and social networks add to a link
/// they pass on (campaign tags and click ids). They say nothing about the
/// scenario, so a link carrying them is read as if they were not there.
/// Every key starting with [`TRACKING_PREFIXES`] is one too.
pub const TRACKING: &[&str] = &[
    "fbclid",
    "gclid",
    "gclsrc",
    "dclid",
    "gbraid",
    "wbraid",
    "msclkid",
    "twclid",
    "ttclid",
    "li_fat_id",
    "igshid",
    "yclid",
    "mc_cid",
    "mc_eid",
    "_ga",
    "_gl",
    "_hsenc",
    "_hsmi",
    "mkt_tok",
    "oly_anon_id",
    "oly_enc_id",
    "vero_id",
    "rb_clickid",
    "s_cid",
    "ref",
    "ref_src",
    "ref_url",
    "referrer",
    "source",
    "share",
    "amp",
    "cmpid",
    "ocid",
    "at_medium",
    "at_campaign",
    "ito",
    "spm",
];

/// Key prefixes of tracking parameters (`utm_source`, `utm_medium`, …,
/// `pk_campaign`, `mtm_source`); see [`TRACKING`].
pub const TRACKING_PREFIXES: &[&str] = &["utm_", "pk_", "mtm_", "hsa_"];

/// True for a parameter added to links for tracking ([`TRACKING`],
/// [`TRACKING_PREFIXES`]), which a link is read without.
///
/// ```
/// use outcome_model::scenario::link;
/// assert!(link::is_tracking("fbclid") && link::is_tracking("utm_source"));
/// assert!(!link::is_tracking("care_starts"));
/// ```
pub fn is_tracking(key: &str) -> bool {
    let key = key.trim();
    TRACKING.iter().any(|t| key.eq_ignore_ascii_case(t))
        || TRACKING_PREFIXES.iter().any(|p| {
            key.len() > p.len()
                && key.is_char_boundary(p.len())
                && key[..p.len()].eq_ignore_ascii_case(p)
        })
}

/// Every key a link or element attribute may carry (besides the settings
/// of each programme, `<programme id>.<key>`), from the table of fields.
///
/// ```
/// use outcome_model::scenario::link;
/// assert!(link::keys().contains(&"care_proceedings_cost"));
/// ```
pub fn keys() -> Vec<&'static str> {
    FIELDS
        .iter()
        .filter_map(|f| match f.link {
            Link::Top(key) => Some(key),
            _ => None,
        })
        .collect()
}

/// Percent-encodes a value for a query string (RFC 3986 unreserved kept).
pub fn encode_component(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(b as char)
            }
            b' ' => out.push('+'),
            _ => {
                const HEX: &[u8; 16] = b"0123456789ABCDEF";
                out.push('%');
                out.push(HEX[(b >> 4) as usize] as char);
                out.push(HEX[(b & 15) as usize] as char);
            }
        }
    }
    out
}

/// Decodes a percent-encoded query component; `None` for bad escapes or
/// text that is not UTF-8.
pub fn decode_component(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' => {
                let hex = |c: u8| (c as char).to_digit(16);
                let hi = bytes.get(i + 1).copied().and_then(hex)?;
                let lo = bytes.get(i + 2).copied().and_then(hex)?;
                out.push((hi * 16 + lo) as u8);
                i += 2;
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8(out).ok()
}

/// A number as a link writes it: shortest form that reads back exactly.
fn num(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 1e15 {
        format!("{}", x as i64)
    } else {
        crate::base::decimal::shortest(x)
    }
}

fn level_name(l: EffectLevel) -> &'static str {
    match l {
        EffectLevel::Low => "low",
        EffectLevel::Central => "central",
        EffectLevel::High => "high",
    }
}

fn outcome_name(o: Outcome) -> &'static str {
    match o {
        Outcome::CareEntries => "care_entries",
        Outcome::CpPlans => "cp_plans",
        Outcome::ChildrenInNeed => "children_in_need",
        Outcome::CareProceedings => "care_proceedings",
        Outcome::PoliceIncidents => "police_incidents",
        Outcome::EmergencyAdmissions => "emergency_admissions",
    }
}

fn measure_name(m: CustomMeasure) -> &'static str {
    match m {
        CustomMeasure::Relative => "relative",
        CustomMeasure::PercentagePoints => "percentage_points",
        CustomMeasure::PerCouncil => "per_council",
    }
}

fn grade_name(g: Grade) -> &'static str {
    match g {
        Grade::Rct => "rct",
        Grade::Qed => "qed",
        Grade::BeforeAfter => "before_after",
        Grade::Modelled => "modelled",
    }
}

/// The scenario as a query string (without the leading `?`).
///
/// ```
/// use outcome_model::{scenario::link, Council, ProgrammeChoice, Scenario};
/// let council = Council { care_starts: Some(424.0), ..Council::default() };
/// let s = Scenario::new(council, vec![ProgrammeChoice::new("family-safeguarding")]);
/// let q = link::to_query(&s);
/// assert!(q.contains("care_starts=424"));
/// assert_eq!(link::from_query(&q).unwrap(), s);
/// ```
pub fn to_query(s: &Scenario) -> String {
    query_of(&to_pairs(s))
}

/// The scenario as a link's key/value pairs, in the link's order, before
/// encoding: what [`pairs`] reads back from [`to_query`]'s text, so a
/// caller that wants both (the embed code's attributes and its address)
/// writes the scenario once.
///
/// ```
/// use outcome_model::{default_scenario, scenario::link};
/// let s = default_scenario();
/// let parts = link::to_pairs(&s);
/// assert_eq!(link::pairs(&link::query_of(&parts)).unwrap(), parts);
/// ```
pub fn to_pairs(s: &Scenario) -> Vec<(String, String)> {
    crate::base::counts::note(crate::base::counts::Step::Link);
    let defaults = Scenario::new(Default::default(), Vec::new());
    let mut parts: Vec<(String, String)> = vec![
        ("v".into(), s.version.to_string()),
        ("evidence".into(), s.evidence_set.clone()),
    ];
    if !s.label.is_empty() {
        parts.push(("label".into(), s.label.clone()));
    }
    if let Some(code) = &s.council.code {
        parts.push(("council".into(), code.clone()));
    }
    if !s.council.name.is_empty() {
        parts.push(("name".into(), s.council.name.clone()));
    }
    if let Some(y) = s.council.data_year {
        parts.push(("data_year".into(), y.to_string()));
    }
    for f in FIELDS {
        let (Link::Top(key), Access::Scenario(get, _)) = (f.link, f.access) else {
            continue;
        };
        let v = get(s);
        if v != get(&defaults) {
            match v {
                Some(x) => parts.push((key.into(), num(x))),
                None if f.blank => parts.push((key.into(), String::new())),
                None => {}
            }
        }
    }
    if s.assumptions.ramp_pct != defaults.assumptions.ramp_pct {
        let list: Vec<String> = s.assumptions.ramp_pct.iter().map(|x| num(*x)).collect();
        parts.push(("ramp_pct".into(), list.join(",")));
    }
    if !s.assumptions.baseline.is_flat() {
        parts.push(("baseline".into(), s.assumptions.baseline.word().into()));
    }
    if s.assumptions.effect_level != EffectLevel::Central {
        parts.push((
            "effect_level".into(),
            level_name(s.assumptions.effect_level).into(),
        ));
    }
    let ids: Vec<&str> = s.programmes.iter().map(|p| p.programme.as_str()).collect();
    parts.push(("programmes".into(), ids.join(",")));
    for p in &s.programmes {
        let fresh = ProgrammeChoice::new(&p.programme);
        for f in FIELDS {
            let (Link::Programme(key), Access::Programme(get, _)) = (f.link, f.access) else {
                continue;
            };
            let v = get(p);
            if v != get(&fresh) {
                parts.push((
                    format!("{}.{key}", p.programme),
                    v.map(num).unwrap_or_default(),
                ));
            }
        }
        if let Some(place) = p.placement {
            parts.push((
                format!("{}.placement", p.programme),
                placement_name(place).into(),
            ));
        }
        if let Some(c) = &p.custom {
            let id = &p.programme;
            parts.push((format!("{id}.name"), c.name.clone()));
            parts.push((format!("{id}.grade"), grade_name(c.grade).into()));
            for (j, e) in c.effects.iter().enumerate() {
                let mut spec = format!(
                    "{}:{}:{}:{}:{}",
                    outcome_name(e.outcome),
                    measure_name(e.measure),
                    num(e.low),
                    num(e.central),
                    num(e.high)
                );
                if let Some(b) = e.baseline {
                    spec.push(':');
                    spec.push_str(&num(b));
                }
                parts.push((format!("{id}.effect{}", j + 1), spec));
            }
            for (j, b) in c.benefits.iter().enumerate() {
                let spec = format!(
                    "{}:{}:{}:{}:{}:{}:{}",
                    b.agency.key(),
                    num(b.low),
                    num(b.value),
                    num(b.high),
                    b.years,
                    num(b.drop_off_pct),
                    b.name
                );
                parts.push((format!("{id}.benefit{}", j + 1), spec));
            }
            if !c.cohorts.is_default() {
                parts.push((format!("{id}.cohorts"), c.cohorts.word().into()));
            }
            if !c.nature.is_default() {
                parts.push((format!("{id}.nature"), c.nature.word().into()));
            }
        }
    }
    parts
}

/// Pairs as a query string (without the leading `?`), each key and value
/// encoded.
pub fn query_of(parts: &[(String, String)]) -> String {
    parts
        .iter()
        .map(|(k, v)| format!("{}={}", encode_component(k), encode_component(v)))
        .collect::<Vec<_>>()
        .join("&")
}

// Once for each kind of text, not written into each caller (the browser
// build is smaller by about 1 KB).
#[inline(never)]
fn bad(field: &str, kind: fn(String) -> ErrorKind, reason: impl Into<String>) -> Error {
    Error::new(field, kind(reason.into()))
}

// The kinds of a link's problems, each made in one place.
fn too_large(reason: String) -> ErrorKind {
    ErrorKind::TooLarge { reason }
}
fn damaged(reason: String) -> ErrorKind {
    ErrorKind::Damaged { reason }
}
fn whole(reason: String) -> ErrorKind {
    ErrorKind::NotAWholeNumber { reason }
}
fn name(reason: String) -> ErrorKind {
    ErrorKind::UnknownName { reason }
}
fn list(reason: String) -> ErrorKind {
    ErrorKind::BadList { reason }
}
fn unknown_settings(reason: String) -> ErrorKind {
    ErrorKind::UnknownSettings { reason }
}
fn more_problems(reason: String) -> ErrorKind {
    ErrorKind::MoreProblems { reason }
}

/// Reads a number from a link: exactly as written when it is plain digits
/// (so every value round-trips bit for bit), otherwise as a person might
/// type it (`1,250`, `12%`).
fn number_of(key: &str, value: &str) -> Result<Option<f64>, Error> {
    let t = value.trim();
    let plain = !t.is_empty()
        && t.bytes()
            .all(|b| b.is_ascii_digit() || b == b'.' || b == b'-')
        && t.bytes().any(|b| b.is_ascii_digit());
    if plain {
        if let Ok(x) = t.parse::<f64>() {
            if x.is_finite() {
                return Ok(Some(x));
            }
        }
    }
    parse::number(value).map_err(|kind| Error::new(key, kind))
}

/// Splits a query string (with or without `?`) into decoded pairs.
pub fn pairs(query: &str) -> Result<Vec<(String, String)>, Error> {
    if query.len() > MAX_QUERY {
        return Err(bad(
            "link",
            too_large,
            format!("the link is longer than {MAX_QUERY} characters"),
        ));
    }
    let query = query.strip_prefix('?').unwrap_or(query);
    let mut out = Vec::new();
    for part in query.split('&').filter(|p| !p.is_empty()) {
        let (k, v) = part.split_once('=').unwrap_or((part, ""));
        let key = decode_component(k).ok_or_else(|| bad("link", damaged, "the link is damaged"))?;
        let value =
            decode_component(v).ok_or_else(|| bad(&key, damaged, "the value is damaged"))?;
        out.push((key, value));
    }
    Ok(out)
}

/// Reads a scenario from a query string. Keys not listed in [`keys`] or
/// programme settings are refused, as are damaged values; every problem is
/// reported. The result still needs [`crate::validate()`].
pub fn from_query(query: &str) -> Result<Scenario, Vec<Error>> {
    let pairs = pairs(query).map_err(|e| vec![e])?;
    apply(Scenario::new(Default::default(), Vec::new()), &pairs)
}

/// Applies key/value pairs (from a link or element attributes) on top of a
/// scenario. `programmes` replaces the programme list; other keys set one
/// field each.
pub fn apply(mut s: Scenario, pairs: &[(String, String)]) -> Result<Scenario, Vec<Error>> {
    let mut errors = Vec::new();
    // Programmes first, so that their settings have somewhere to go.
    if let Some((_, list)) = pairs.iter().rev().find(|(k, _)| k == "programmes") {
        s.programmes = list
            .split(',')
            .map(str::trim)
            .filter(|id| !id.is_empty())
            .take(crate::scenario::validate::MAX_PROGRAMMES + 1)
            .map(ProgrammeChoice::new)
            .collect();
    }
    let mut unknown = Vec::new();
    for (key, value) in pairs {
        match apply_one(&mut s, key, value) {
            Err(e) if matches!(e.kind, ErrorKind::UnknownSetting) => unknown.push(e),
            Err(e) => errors.push(e),
            Ok(()) => {}
        }
    }
    // A council's official figures carry its official name: `name=` cannot
    // put one council's name over another's figures.
    if pairs.iter().any(|(k, _)| k == "council") {
        if let Some(p) = s
            .council
            .code
            .as_deref()
            .and_then(crate::data::presets::latest)
        {
            s.council.name = p.name.to_string();
        }
    }
    if unknown.len() > MAX_UNKNOWN_LISTED {
        let names: Vec<String> = unknown
            .iter()
            .take(MAX_UNKNOWN_LISTED)
            .map(|e| {
                let short: String = e.field.path().chars().take(24).collect();
                format!("\u{201c}{short}\u{201d}")
            })
            .collect();
        errors.insert(
            0,
            bad(
                "link",
                unknown_settings,
                format!(
                    "{} settings in it are not known to this calculator (the first: {}); it may be damaged or made for another tool",
                    grouped(unknown.len()),
                    names.join(", ")
                ),
            ),
        );
    } else {
        errors.splice(0..0, unknown);
    }
    if errors.len() > MAX_LISTED {
        let more = errors.len() - (MAX_LISTED - 1);
        errors.truncate(MAX_LISTED - 1);
        errors.push(bad(
            "link",
            more_problems,
            format!("and {} more problems like these", grouped(more)),
        ));
    }
    if errors.is_empty() {
        Ok(s)
    } else {
        Err(errors)
    }
}

/// A count with thousands commas.
fn grouped(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn apply_one(s: &mut Scenario, key: &str, value: &str) -> Result<(), Error> {
    if is_tracking(key) {
        return Ok(());
    }
    match key {
        "programmes" => return Ok(()),
        // Method 1's fields, retired in method 2: the blend of placements
        // (each programme now names the placement it avoids) and the fade
        // after funding (no funding now means no new cohort).
        "decay_after_funding_pct" | "residential_share_pct" => return Ok(()),
        "v" => {
            let v = value
                .trim()
                .parse::<u32>()
                .map_err(|_| bad("v", whole, "the version is not a whole number"))?;
            // Links of method 1 open with the current method (the page
            // names what changed, see `METHOD_CHANGES`).
            if v != FORMAT_VERSION && v != 1 {
                return Err(Error::new(
                    "v",
                    ErrorKind::UnsupportedVersion {
                        found: v,
                        supported: FORMAT_VERSION,
                    },
                ));
            }
            s.version = FORMAT_VERSION;
            return Ok(());
        }
        "evidence" => {
            s.evidence_set = value.chars().take(40).collect();
            return Ok(());
        }
        "label" => {
            s.label = value
                .chars()
                .take(crate::scenario::validate::MAX_TEXT + 1)
                .collect();
            return Ok(());
        }
        "council" => {
            s.council.code =
                (!value.trim().is_empty()).then(|| value.trim().chars().take(20).collect());
            return Ok(());
        }
        "name" => {
            s.council.name = value
                .chars()
                .take(crate::scenario::validate::MAX_TEXT + 1)
                .collect();
            return Ok(());
        }
        "data_year" => {
            s.council.data_year = match value.trim() {
                "" => None,
                t => Some(
                    t.parse()
                        .map_err(|_| bad("data_year", whole, "not a year"))?,
                ),
            };
            return Ok(());
        }
        "effect_level" => {
            s.assumptions.effect_level = match value.trim() {
                "low" => EffectLevel::Low,
                "central" | "" => EffectLevel::Central,
                "high" => EffectLevel::High,
                _ => return Err(bad("effect_level", name, "use low, central or high")),
            };
            return Ok(());
        }
        "baseline" => {
            s.assumptions.baseline = match value.trim() {
                "" => Baseline::Flat,
                t => Baseline::parse(t).ok_or_else(|| {
                    bad("baseline", name, "use flat, council_trend or england_trend")
                })?,
            };
            return Ok(());
        }
        "ramp_pct" => {
            let mut ramp = Vec::new();
            for part in value.split(',').take(11) {
                match number_of("ramp_pct", part)? {
                    Some(x) => ramp.push(x),
                    None => return Err(bad("ramp_pct", list, "give a list such as 25,60,100")),
                }
            }
            s.assumptions.ramp_pct = ramp;
            return Ok(());
        }
        _ => {}
    }
    if let Some(f) = fields::by_link_key(key) {
        let Access::Scenario(_, set) = f.access else {
            return Err(Error::new(key, ErrorKind::UnknownSetting));
        };
        let v = number_of(key, value)?;
        if v.is_none() && !f.blank {
            return Err(Error::new(
                key,
                ErrorKind::Missing {
                    why: "this setting cannot be blank".into(),
                },
            ));
        }
        if f.kind == Kind::Integer {
            let x = v.unwrap_or(0.0);
            if x.fract() != 0.0 || !(0.0..=4_294_967_295.0).contains(&x) {
                return Err(bad(key, whole, "use a whole number"));
            }
        }
        set(s, v);
        return Ok(());
    }
    if let Some((id, field)) = key.split_once('.') {
        let Some(p) = s.programmes.iter_mut().find(|p| p.programme == id) else {
            return Err(bad(
                key,
                name,
                format!("\u{201c}{id}\u{201d} is not in the programmes list"),
            ));
        };
        if let Some(f) = fields::by_programme_key(field) {
            if let Access::Programme(_, set) = f.access {
                // Blank gives back the default of a field that cannot be blank.
                let v = number_of(key, value)?.or(match f.preset {
                    Preset::Convention(x) => Some(x),
                    _ => None,
                });
                set(p, v);
                return Ok(());
            }
        }
        if field == "placement" {
            p.placement = match value.trim() {
                "" => None,
                "foster" => Some(Placement::Foster),
                "residential" => Some(Placement::Residential),
                "council_average" => Some(Placement::CouncilAverage),
                _ => return Err(bad(key, name, "use foster, residential or council_average")),
            };
            return Ok(());
        }
        return apply_custom(p, key, field, value);
    }
    Err(Error::new(key, ErrorKind::UnknownSetting))
}

fn apply_custom(p: &mut ProgrammeChoice, key: &str, field: &str, value: &str) -> Result<(), Error> {
    let custom = p.custom.get_or_insert_with(|| CustomProgramme {
        name: String::new(),
        grade: Grade::BeforeAfter,
        effects: Vec::new(),
        benefits: Vec::new(),
        cohorts: Cohorts::EachFundedYear,
        nature: crate::scenario::format::Nature::Programme,
    });
    match field {
        "name" => {
            custom.name = value
                .chars()
                .take(crate::scenario::validate::MAX_TEXT + 1)
                .collect()
        }
        "grade" => {
            custom.grade = match value {
                "rct" => Grade::Rct,
                "qed" => Grade::Qed,
                "before_after" => Grade::BeforeAfter,
                "modelled" => Grade::Modelled,
                _ => return Err(bad(key, name, "use rct, qed, before_after or modelled")),
            }
        }
        f if f.starts_with("effect") => {
            let index: usize = f["effect".len()..]
                .parse()
                .ok()
                .filter(|i| (1..=10).contains(i))
                .ok_or_else(|| bad(key, name, "effects are numbered effect1 to effect10"))?;
            let parts: Vec<&str> = value.split(':').collect();
            if parts.len() != 5 && parts.len() != 6 {
                return Err(bad(
                    key,
                    list,
                    "write outcome:measure:low:central:high[:baseline]",
                ));
            }
            let outcome = Outcome::ALL
                .into_iter()
                .find(|o| outcome_name(*o) == parts[0])
                .ok_or_else(|| bad(key, name, "unknown outcome"))?;
            let measure = [
                CustomMeasure::Relative,
                CustomMeasure::PercentagePoints,
                CustomMeasure::PerCouncil,
            ]
            .into_iter()
            .find(|m| measure_name(*m) == parts[1])
            .ok_or_else(|| bad(key, name, "unknown measure"))?;
            let n = |t: &str| -> Result<f64, Error> {
                number_of(key, t)?.ok_or_else(|| bad(key, list, "a number is missing"))
            };
            let effect = CustomEffect {
                outcome,
                measure,
                low: n(parts[2])?,
                central: n(parts[3])?,
                high: n(parts[4])?,
                baseline: parts.get(5).map(|t| n(t)).transpose()?,
            };
            while custom.effects.len() < index {
                custom.effects.push(effect.clone());
            }
            custom.effects[index - 1] = effect;
        }
        "nature" => {
            custom.nature = match value.trim() {
                "" => crate::scenario::format::Nature::Programme,
                t => crate::scenario::format::Nature::parse(t)
                    .ok_or_else(|| bad(key, name, "use programme or illustration"))?,
            }
        }
        "cohorts" => {
            custom.cohorts = match value.trim() {
                "" => Cohorts::EachFundedYear,
                t => Cohorts::parse(t)
                    .ok_or_else(|| bad(key, name, "use each_funded_year or first_year_only"))?,
            }
        }
        f if f.starts_with("benefit") => {
            let index: usize = f["benefit".len()..]
                .parse()
                .ok()
                .filter(|i| (1..=10).contains(i))
                .ok_or_else(|| bad(key, name, "benefits are numbered benefit1 to benefit10"))?;
            // The name comes last, so it may hold colons.
            let parts: Vec<&str> = value.splitn(7, ':').collect();
            if parts.len() != 7 {
                return Err(bad(
                    key,
                    list,
                    "write agency:low:value:high:years:drop_off_pct:name",
                ));
            }
            let agency = Agency::ALL
                .into_iter()
                .find(|a| a.key() == parts[0])
                .ok_or_else(|| bad(key, name, "unknown agency"))?;
            let n = |t: &str| -> Result<f64, Error> {
                number_of(key, t)?.ok_or_else(|| bad(key, list, "a number is missing"))
            };
            let years = n(parts[4])?;
            if years.fract() != 0.0 || !(0.0..=f64::from(u32::MAX)).contains(&years) {
                return Err(bad(key, whole, "the years are a whole number"));
            }
            let benefit = CustomBenefit {
                name: parts[6]
                    .chars()
                    .take(crate::scenario::validate::MAX_TEXT + 1)
                    .collect(),
                agency,
                low: n(parts[1])?,
                value: n(parts[2])?,
                high: n(parts[3])?,
                years: years as u32,
                drop_off_pct: n(parts[5])?,
            };
            while custom.benefits.len() < index {
                custom.benefits.push(benefit.clone());
            }
            custom.benefits[index - 1] = benefit;
        }
        _ => return Err(bad(key, name, "this programme setting is not known")),
    }
    Ok(())
}

fn placement_name(p: Placement) -> &'static str {
    match p {
        Placement::Foster => "foster",
        Placement::Residential => "residential",
        Placement::CouncilAverage => "council_average",
    }
}

/// A scenario as text that [`from_parts`] turns back into exactly the same
/// scenario: the council's name as written (a link gives a named council
/// its official name), then one query a programme (a link holds each
/// programme once, a scenario file may list one twice), or one query with
/// no programme. How a scenario read by one WebAssembly module reaches
/// another.
///
/// ```
/// use outcome_model::{scenario::link, Council, ProgrammeChoice, Scenario};
/// let council = Council { care_starts: Some(424.0), ..Council::default() };
/// let p = ProgrammeChoice::new("pause");
/// let s = Scenario::new(council, vec![p.clone(), p]);
/// assert_eq!(link::from_parts(&link::to_parts(&s)).unwrap(), s);
/// ```
pub fn to_parts(s: &Scenario) -> Vec<String> {
    let mut parts = vec![s.council.name.clone()];
    let mut one = s.clone();
    if s.programmes.is_empty() {
        parts.push(to_query(&one));
    }
    for p in &s.programmes {
        one.programmes = vec![p.clone()];
        parts.push(to_query(&one));
    }
    parts
}

/// The scenario [`to_parts`] wrote.
pub fn from_parts(parts: &[String]) -> Result<Scenario, Vec<Error>> {
    let malformed = || vec![bad("scenario", damaged, "it is incomplete")];
    let (name, queries) = parts.split_first().ok_or_else(malformed)?;
    let (first, rest) = queries.split_first().ok_or_else(malformed)?;
    let mut s = from_query(first)?;
    for q in rest {
        let more = from_query(q)?;
        s.programmes.extend(more.programmes);
    }
    s.council.name.clone_from(name);
    Ok(s)
}

/// The evidence set a link was made with, when it is not this build's.
pub fn older_evidence(s: &Scenario) -> Option<&str> {
    (s.evidence_set != EVIDENCE_SET).then_some(s.evidence_set.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::base::error::Location;

    fn errors_of(query: &str) -> Vec<Error> {
        from_query(query).expect_err(query)
    }

    #[test]
    fn the_official_name_wins_over_name_for_a_named_council() {
        let pairs = pairs("council=E10000015&name=Kent&care_starts=400").unwrap();
        let s = apply(crate::default_scenario(), &pairs).unwrap();
        assert_eq!(s.council.name, "Hertfordshire");
        // Without a council code the name is the user's own.
        let s = from_query("name=My%20area&care_starts=400").unwrap();
        assert_eq!(s.council.name, "My area");
    }

    #[test]
    fn tracking_parameters_are_ignored_not_errors() {
        for key in [
            "fbclid",
            "gclid",
            "utm_source",
            "utm_campaign",
            "UTM_Medium",
            "mc_cid",
            "mc_eid",
            "msclkid",
            "_ga",
            "ref",
        ] {
            let q = format!("funding_years=3&{key}=IwAR0abc");
            let s = apply(crate::default_scenario(), &pairs(&q).unwrap()).expect(&q);
            assert_eq!(s.assumptions.funding_years, 3, "{q}");
        }
        // No setting of the calculator is taken for one.
        assert!(keys().iter().all(|k| !is_tracking(k)));
        // Look-alikes are still unknown.
        assert!(!is_tracking("utm_"));
        assert!(!is_tracking("fbclidx"));
        assert!(from_query("v=2&programmes=&colour=red").is_err());
    }

    #[test]
    fn custom_benefits_and_cohorts_round_trip() {
        let mut p = ProgrammeChoice::new("custom");
        p.cohort = Some(60.0);
        p.custom = Some(CustomProgramme {
            name: "Mentoring".into(),
            grade: Grade::Qed,
            effects: Vec::new(),
            benefits: vec![
                CustomBenefit {
                    name: "Fewer days of school missed: a & b = c?".into(),
                    agency: Agency::OtherPublic,
                    low: 300.0,
                    value: 1.0 / 3.0 * 1_000.0,
                    high: 900.5,
                    years: 3,
                    drop_off_pct: 20.0,
                },
                CustomBenefit {
                    name: String::new(),
                    agency: Agency::ChildrensServices,
                    low: 0.0,
                    value: 0.0,
                    high: 0.0,
                    years: 20,
                    drop_off_pct: 0.0,
                },
            ],
            cohorts: Cohorts::FirstYearOnly,
            nature: crate::scenario::format::Nature::Programme,
        });
        let s = Scenario::new(Default::default(), vec![p]);
        let q = to_query(&s);
        assert!(q.contains("custom.benefit1=other_public%3A300%3A"), "{q}");
        assert!(q.contains("custom.cohorts=first_year_only"), "{q}");
        assert_eq!(from_query(&q), Ok(s));
    }

    #[test]
    fn bad_custom_benefits_name_their_setting() {
        let cases = [
            ("custom.benefit1=nobody:1:2:3:3:20:x", "unknown agency"),
            ("custom.benefit1=nhs:1:2:3:3:20", "write agency:low"),
            ("custom.benefit1=nhs:1:2:3:2.5:20:x", "whole number"),
            ("custom.benefit1=nhs:1::3:3:20:x", "a number is missing"),
            ("custom.benefit11=nhs:1:2:3:3:20:x", "benefit1 to benefit10"),
            (
                "custom.cohorts=sometimes",
                "each_funded_year or first_year_only",
            ),
        ];
        for (setting, words) in cases {
            let e = errors_of(&format!("v=2&programmes=custom&{setting}"));
            let key = setting.split('=').next().unwrap();
            assert_eq!(e[0].field, Location::Field(key.into()), "{setting}");
            assert!(e[0].message().contains(words), "{setting}: {e:?}");
        }
    }

    #[test]
    fn a_few_unknown_settings_are_named_one_by_one() {
        let e = errors_of("v=2&programmes=&foo=1&bar=2");
        let fields: Vec<&str> = e.iter().map(|e| e.field.path()).collect();
        assert_eq!(fields, ["foo", "bar"]);
        assert_eq!(e[0].kind, ErrorKind::UnknownSetting);
        assert_eq!(e[0].message(), "this link setting is not known");
    }

    #[test]
    fn thousands_of_unknown_settings_give_one_line() {
        let query: Vec<String> = (0..4000).map(|i| format!("x{i}=1")).collect();
        let query = query.join("&");
        assert!(query.len() > MAX_QUERY);
        // The longest query read holds about 1,600 of them.
        let cut = &query[..query[..MAX_QUERY].rfind('&').unwrap()];
        let e = errors_of(cut);
        assert_eq!(e.len(), 1, "{e:?}");
        assert_eq!(e[0].field, Location::from("link"));
        let m = e[0].message();
        assert!(m.starts_with("1,"), "{m}");
        assert!(m.contains("settings in it are not known"), "{m}");
        assert!(
            m.contains("\u{201c}x0\u{201d}, \u{201c}x1\u{201d}, \u{201c}x2\u{201d})"),
            "{m}"
        );
        // Too long a query is one problem too.
        assert_eq!(errors_of(&query).len(), 1);
    }

    #[test]
    fn many_bad_values_are_listed_up_to_a_limit_then_counted() {
        let mut query = String::from("v=2&programmes=");
        for _ in 0..50 {
            query.push_str("&care_starts=lots");
        }
        query.push_str("&a=1&b=2&c=3&d=4");
        let e = errors_of(&query);
        assert_eq!(e.len(), MAX_LISTED);
        assert!(e[0].message().contains("4 settings in it are not known"));
        assert_eq!(e[1].field, Location::from("care_starts"));
        assert_eq!(
            e[MAX_LISTED - 1].message(),
            format!("and {} more problems like these", 51 - (MAX_LISTED - 1))
        );
    }

    /// Each kind of problem a link can have is told by its kind, for the
    /// page and programs to read, and its words name what to write.
    #[test]
    fn a_links_problems_are_told_by_their_kind() {
        let cases = [
            ("care_starts=lots", "care_starts", "not_a_number"),
            ("horizon_years=7.5", "horizon_years", "not_a_whole_number"),
            ("v=x", "v", "not_a_whole_number"),
            ("data_year=soon", "data_year", "not_a_whole_number"),
            ("v=9", "v", "unsupported_version"),
            ("effect_level=huge", "effect_level", "unknown_name"),
            ("baseline=wavy", "baseline", "unknown_name"),
            ("nosuch.cohort=1", "nosuch.cohort", "unknown_name"),
            ("ramp_pct=25,,100", "ramp_pct", "bad_list"),
            ("care_starts=%ZZ", "care_starts", "damaged"),
            ("%ZZ=1", "link", "damaged"),
            ("colour=red", "colour", "unknown_setting"),
            ("horizon_years=", "horizon_years", "missing"),
        ];
        for (setting, field, code) in cases {
            let e = errors_of(&format!("v=2&programmes=&{setting}"));
            assert_eq!(e[0].field, Location::Field(field.into()), "{setting}");
            assert_eq!(e[0].code(), code, "{setting}: {e:?}");
            let m = e[0].message();
            assert_eq!(m, m.to_lowercase(), "{setting}");
        }
        let e = errors_of(&"x".repeat(MAX_QUERY + 1));
        assert_eq!((e[0].field.path(), e[0].code()), ("link", "too_large"));
        // A figure out of its range is read, and refused by validation.
        let s = from_query("horizon_years=99").unwrap();
        let e = crate::validate(&s).unwrap_err();
        assert_eq!(
            e[0].field,
            Location::Field("assumptions.horizon_years".into())
        );
        assert_eq!(e[0].code(), "out_of_range");
    }
}
