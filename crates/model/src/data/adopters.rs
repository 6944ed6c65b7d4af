//! Councils known to run a programme already, and since when: a council
//! whose official figures postdate its start already count whatever the
//! programme achieved there, so a projection must not count it again.
//!
//! The table holds what published sources name; it is not a complete list
//! (the councils that took up Family Safeguarding through Strengthening
//! Families, Protecting Children after 2019 are only partly named in the
//! sources checked), and the results say so.

use serde::Serialize;

use crate::data::citation::{self, Citation, Verification};

/// One council known to run one programme.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Adoption {
    /// The programme: a library id, or the name of one the library does
    /// not project.
    pub programme: &'static str,
    /// The council's ONS code, as in the official tables.
    pub code: &'static str,
    /// The council's name, as the DfE spells it.
    pub council: &'static str,
    /// The calendar year the programme started there.
    pub since: u16,
    /// What the source says, in words.
    pub basis: &'static str,
    /// The source.
    pub source: Citation,
    /// How it was checked.
    pub verification: Verification,
}

const fn row(
    programme: &'static str,
    code: &'static str,
    council: &'static str,
    since: u16,
    basis: &'static str,
    source: Citation,
) -> Adoption {
    Adoption {
        programme,
        code,
        council,
        since,
        basis,
        source,
        verification: Verification::AsCited,
    }
}

const FS: &str = "family-safeguarding";
const NWD: &str = "no-wrong-door";
const PAUSE: &str = "pause";
/// Leeds Family Valued: in the table so that its councils are known; shown
/// on the evidence page, not projected by the library.
pub const FAMILY_VALUED: &str = "Family Valued";

/// Inside Out: shown on the evidence page, not projected.
pub const INSIDE_OUT: &str = "Inside Out";
/// Partners in Practice: shown on the evidence page, not projected.
pub const PIP: &str = "Partners in Practice";
/// Contextual Safeguarding: shown on the evidence page, not projected.
pub const CONTEXTUAL: &str = "Contextual Safeguarding";

const FS_R2: &str =
    "one of four councils given £11.6m to take up Family Safeguarding from May 2017";
const NWD_R: &str = "named to take up No Wrong Door with North Yorkshire's support under Strengthening Families, Protecting Children";
const FV_R: &str =
    "named to take up Family Valued with Leeds under Strengthening Families, Protecting Children";
const PAUSE_P: &str =
    "one of the seven Pause practices funded by the innovation programme from November 2014";

/// Every council the sources name, by programme.
pub const ADOPTIONS: &[Adoption] = &[
    row(FS, "E10000015", "Hertfordshire", 2015, "Family Safeguarding began in Hertfordshire: its teams started work in 2015 with a £4.8m innovation grant", citation::FORRESTER_2017),
    row(FS, "E06000036", "Bracknell Forest", 2017, FS_R2, citation::INNOVATION_FS_ROUND2),
    row(FS, "E06000032", "Luton", 2017, FS_R2, citation::INNOVATION_FS_ROUND2),
    row(FS, "E06000031", "Peterborough", 2017, FS_R2, citation::INNOVATION_FS_ROUND2),
    row(FS, "E06000037", "West Berkshire", 2017, FS_R2, citation::INNOVATION_FS_ROUND2),
    row(FS, "E10000003", "Cambridgeshire", 2020, "an early adopter of Family Safeguarding under Strengthening Families, Protecting Children, launching around February 2020", citation::DFE_SFPC_2019),
    row(FS, "E08000030", "Walsall", 2020, "selected in October 2019 to implement Family Safeguarding under Strengthening Families, Protecting Children", citation::SFPC_ADOPTERS_2019),
    row(FS, "E06000020", "Telford and Wrekin", 2020, "selected in October 2019; Family Safeguarding rolled out from October 2020", citation::SFPC_ADOPTERS_2019),
    row(FS, "E10000017", "Lancashire", 2021, "awarded a place at the end of 2019; its Family Safeguarding service launched in January 2021", citation::SFPC_ADOPTERS_2019),
    row(NWD, "E06000065", "North Yorkshire", 2015, "No Wrong Door began in North Yorkshire: the evaluation followed young people referred from April 2015", citation::LUSHEY_2017),
    row(NWD, "E06000002", "Middlesbrough", 2019, "North Yorkshire's trailblazer partner under Strengthening Families, Protecting Children", citation::NWD_ROLLOUT_2019),
    row(NWD, "E08000005", "Rochdale", 2020, NWD_R, citation::NWD_ROLLOUT_2019),
    row(NWD, "E06000003", "Redcar and Cleveland", 2020, NWD_R, citation::NWD_ROLLOUT_2019),
    row(NWD, "E10000020", "Norfolk", 2020, NWD_R, citation::NWD_ROLLOUT_2019),
    row(NWD, "E06000007", "Warrington", 2021, "its No Wrong Door hub opened on 1 April 2021", citation::NWD_ROLLOUT_2019),
    row(NWD, "E06000016", "Leicester", 2020, NWD_R, citation::NWD_ROLLOUT_2019),
    row(PAUSE, "E09000012", "Hackney", 2013, "Pause began in Hackney, where its first pilot ran from 2013", citation::PAUSE_PRACTICES_2017),
    row(PAUSE, "E08000017", "Doncaster", 2015, PAUSE_P, citation::PAUSE_PRACTICES_2017),
    row(PAUSE, "E09000011", "Greenwich", 2015, PAUSE_P, citation::PAUSE_PRACTICES_2017),
    row(PAUSE, "E06000010", "Kingston upon Hull, City of", 2015, PAUSE_P, citation::PAUSE_PRACTICES_2017),
    row(PAUSE, "E09000019", "Islington", 2015, PAUSE_P, citation::PAUSE_PRACTICES_2017),
    row(PAUSE, "E09000025", "Newham", 2015, PAUSE_P, citation::PAUSE_PRACTICES_2017),
    row(PAUSE, "E09000028", "Southwark", 2015, PAUSE_P, citation::PAUSE_PRACTICES_2017),
    row(FAMILY_VALUED, "E08000035", "Leeds", 2015, "Family Valued began in Leeds in January 2015 with a £4.85m innovation grant", citation::INNOVATION_FAMILY_VALUED),
    row(FAMILY_VALUED, "E06000005", "Darlington", 2019, FV_R, citation::FAMILY_VALUED_ROLLOUT),
    row(FAMILY_VALUED, "E10000031", "Warwickshire", 2020, FV_R, citation::FAMILY_VALUED_ROLLOUT),
    row(FAMILY_VALUED, "E08000021", "Newcastle upon Tyne", 2020, FV_R, citation::FAMILY_VALUED_ROLLOUT),
    row(FAMILY_VALUED, "E08000026", "Coventry", 2020, FV_R, citation::FAMILY_VALUED_ROLLOUT),
    row(FAMILY_VALUED, "E08000029", "Solihull", 2020, FV_R, citation::FAMILY_VALUED_ROLLOUT),
    row(FAMILY_VALUED, "E08000014", "Sefton", 2020, FV_R, citation::FAMILY_VALUED_ROLLOUT),
];

/// Councils running a programme the calculator shows on its evidence page
/// but does not project (`data::unprojected`). Kept apart from
/// [`ADOPTIONS`]: the calculator counts nothing of these programmes, so
/// running one neither stops a council's figures being used as they are
/// nor keeps it from being the council the calculator opens on.
pub const SHOWN: &[Adoption] = &[
    row(INSIDE_OUT, "E10000012", "Essex", 2018, "Inside Out began as a pilot in Essex in July 2018", citation::INSIDE_OUT_2020),
    row(INSIDE_OUT, "E10000015", "Hertfordshire", 2019, "Inside Out extended to Hertfordshire in May 2019", citation::INSIDE_OUT_2020),
    row(INSIDE_OUT, "E10000020", "Norfolk", 2019, "Inside Out rolled out to Norfolk in July 2019", citation::INSIDE_OUT_2020),
    row(PIP, "E10000019", "Lincolnshire", 2016, "Lincolnshire joined the Partners in Practice programme in 2016; the programme ended on 31 March 2020", citation::LINCOLNSHIRE_PIP_2020),
    row(CONTEXTUAL, "E09000012", "Hackney", 2017, "Hackney's Contextual Safeguarding pilot began in 2017 with an innovation programme grant", citation::HACKNEY_CS),
];

/// The council with this ONS code's record of running `programme`, if a
/// source names it.
///
/// ```
/// use outcome_model::data::adopters;
/// let herts = adopters::find("E10000015", "family-safeguarding").unwrap();
/// assert_eq!(herts.since, 2015);
/// assert!(adopters::find("E10000015", "pause").is_none());
/// ```
pub fn find(code: &str, programme: &str) -> Option<&'static Adoption> {
    ADOPTIONS
        .iter()
        .find(|a| a.code == code && a.programme == programme)
}

/// Whether a council's figures at 31 March of `data_year` already contain
/// what the programme achieved there: it started in an earlier year.
pub fn already_in(a: &Adoption, data_year: u16) -> bool {
    a.since < data_year
}

/// The sentence the results show for a council that already runs a
/// programme.
pub fn note(a: &Adoption, name: &str, data_year: Option<u16>) -> String {
    match data_year {
        Some(y) if already_in(a, y) => format!(
            "{} has run {name} since {} ({}). Its figures for {y} already contain what the programme achieved there, so no further effect of it is counted here; its cost still is. Pick a council that does not run it, or enter figures from before {}.",
            a.council, a.since, a.basis, a.since
        ),
        _ => format!(
            "{} has run {name} since {} ({}). If your figures are from after then, they already contain its effect.",
            a.council, a.since, a.basis
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::{evidence, presets};

    #[test]
    fn every_council_is_in_the_official_tables_by_code_and_name() {
        for a in ADOPTIONS.iter().chain(SHOWN) {
            let p = presets::find(a.code, presets::LATEST_YEAR)
                .unwrap_or_else(|| panic!("{} {} not in the tables", a.code, a.council));
            assert_eq!(p.name, a.council, "{}", a.code);
            assert!(a.source.url.starts_with("http"), "{}", a.council);
            assert!((2008..=2025).contains(&a.since), "{}", a.council);
        }
    }

    #[test]
    fn every_programme_is_in_the_library_or_named_as_not_projected() {
        for a in ADOPTIONS.iter().chain(SHOWN) {
            assert!(
                evidence::find(a.programme).is_some()
                    || crate::data::unprojected::ALL
                        .iter()
                        .any(|u| u.adopters == Some(a.programme)),
                "{}",
                a.programme
            );
        }
    }

    #[test]
    fn a_council_appears_once_per_programme() {
        for a in ADOPTIONS.iter().chain(SHOWN) {
            let n = ADOPTIONS
                .iter()
                .chain(SHOWN)
                .filter(|b| b.code == a.code && b.programme == a.programme)
                .count();
            assert_eq!(n, 1, "{} {}", a.council, a.programme);
        }
    }
}
