//! Default figures for unit costs and assumptions, each with its source.
//!
//! The UI lists these next to the inputs; `docs/methodology.md` repeats them.

use serde::Serialize;

use crate::data::citation::{self, Citation, Verification};
use crate::data::prices;

/// A default value and where it comes from.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Sourced {
    /// Scenario-format field it fills, e.g. `unit_costs.foster_weekly`.
    pub field: &'static str,
    /// The value in the scenario, in the field's unit (money uprated to
    /// 2025-26 prices and rounded to the penny).
    pub value: f64,
    /// The figure as published, before uprating.
    pub published: f64,
    /// Price year of a money figure (the financial year it starts in), or
    /// `None` for figures that are not money.
    pub price_year: Option<u16>,
    /// How the figure is built, in words.
    pub basis: &'static str,
    /// The source.
    pub source: Citation,
    /// How it was checked.
    pub verification: Verification,
}

/// A published money figure in 2025-26 prices, to the penny.
pub fn in_base_prices(published: f64, price_year: u16) -> f64 {
    (published * prices::uplift(price_year) * 100.0).round() / 100.0
}

macro_rules! money {
    ($(#[$doc:meta])* $name:ident, $pub_name:ident, $value:expr, $year:expr) => {
        $(#[$doc])*
        pub const $pub_name: (f64, u16) = ($value, $year);
        #[doc = concat!("[`", stringify!($pub_name), "`] in 2025-26 prices, to the penny.")]
        pub fn $name() -> f64 {
            in_base_prices($pub_name.0, $pub_name.1)
        }
    };
}

money!(
    /// Foster care, full cost per child per week (£646, 2016-17 prices).
    foster_weekly, FOSTER_WEEKLY, 646.0, 2016
);
money!(
    /// Children's home, cost per child per week: £318,400 a place a year
    /// (2023-24 prices) ÷ 52, to the penny.
    residential_weekly, RESIDENTIAL_WEEKLY, 6_123.08, 2023
);
money!(
    /// Case management of a child protection plan for a year: £1,864 per
    /// six months × 2 (2008-09 prices).
    cp_plan_annual, CP_PLAN_ANNUAL, 3_728.0, 2008
);
money!(
    /// Case management of a child in need for a year: £1,416 per six months
    /// × 2 (2008-09 prices).
    cin_annual, CIN_ANNUAL, 2_832.0, 2008
);
money!(
    /// A section 31 care order application (£25,000, 2005-06 prices).
    care_proceedings, CARE_PROCEEDINGS, 25_000.0, 2005
);
money!(
    /// Police cost of a domestic violence incident (£415, 2008-09 prices).
    police_incident, POLICE_INCIDENT, 415.0, 2008
);
money!(
    /// A non-elective (emergency) inpatient episode (£1,590, 2016-17 prices).
    emergency_admission, EMERGENCY_ADMISSION, 1_590.0, 2016
);

/// The council's part of a care order application (%): £6,250 of £25,000.
pub const CARE_PROCEEDINGS_LA_PCT: f64 = 25.0;
/// Mean years in care for England, 2025: 81,766 looked after at 31 March ÷
/// 34,450 leaving care in the year, to two decimals. Used when the council's
/// own figures are missing.
pub const ENGLAND_CARE_YEARS: f64 = 2.37;
/// Cashable share of foster placement savings (%): the allowances and
/// administration in the full cost of foster care (£408 of £636 a week,
/// 2012-13), which stop; the social work in it (£228) is staff time.
pub const CASHABLE_FOSTER_PCT: f64 = 64.2;
/// Cashable share of the council's monetised per-case benefits (%): a
/// convention — the FDAC model calls them "predominantly cashable".
pub const CASHABLE_CASE_BENEFITS_PCT: f64 = 100.0;
/// Cashable share of children's home savings (%): the share of places run
/// privately (NAO 2025: 84%), which stop when not needed.
pub const CASHABLE_RESIDENTIAL_PCT: f64 = 84.0;

/// Green Book discount rate (%).
pub const DISCOUNT_PCT: f64 = 3.5;
/// Green Book upper bound of optimism bias for outsourced operating costs (%).
pub const OPTIMISM_COSTS_PCT: f64 = 41.0;
/// Optimism bias on benefits by grade (%): RCT, comparison-area, before/after, modelled.
pub const OPTIMISM_BENEFITS_PCT: [f64; 4] = [10.0, 25.0, 40.0, 40.0];
/// Share of full reach in year 1 and after (%): the evaluated services
/// reached their first-year caseloads in their first year.
pub const RAMP_PCT: [f64; 1] = [100.0];

/// Spread of unit costs in the uncertainty analysis, ± % (a convention).
pub const UNIT_COST_SPREAD_PCT: f64 = 25.0;
/// Spread of engagement in the uncertainty analysis, ± % (a convention).
pub const ENGAGEMENT_SPREAD_PCT: f64 = 25.0;

const fn money(
    field: &'static str,
    (published, year): (f64, u16),
    basis: &'static str,
    source: Citation,
    verification: Verification,
) -> Sourced {
    Sourced {
        field,
        value: f64::NAN,
        published,
        price_year: Some(year),
        basis,
        source,
        verification,
    }
}

const fn plain(
    field: &'static str,
    value: f64,
    basis: &'static str,
    source: Citation,
    verification: Verification,
) -> Sourced {
    Sourced {
        field,
        value,
        published: value,
        price_year: None,
        basis,
        source,
        verification,
    }
}

/// Every sourced default, in the order the UI shows them. Money values are
/// filled in 2025-26 prices, and units from the table of fields, by
/// [`sourced_all`].
const SOURCED: &[Sourced] = &[
    money(
        "unit_costs.foster_weekly",
        FOSTER_WEEKLY,
        "full cost of foster care per child: allowances, administration, social work and support",
        citation::PSSRU_2017,
        Verification::Verified,
    ),
    money(
        "unit_costs.residential_weekly",
        RESIDENTIAL_WEEKLY,
        "£318,400 a place a year in children's homes ÷ 52",
        citation::NAO_2025,
        Verification::Derived,
    ),
    money(
        "unit_costs.cp_plan_annual",
        CP_PLAN_ANNUAL,
        "social-care case management of a child on a protection plan, £1,864 per six months × 2; staff time only",
        citation::CCFR_2010,
        Verification::AsRecordedInUcd,
    ),
    money(
        "unit_costs.cin_annual",
        CIN_ANNUAL,
        "average case management of a child in need, £1,416 per six months × 2; staff time only",
        citation::CCFR_2010,
        Verification::AsRecordedInUcd,
    ),
    money(
        "unit_costs.care_proceedings",
        CARE_PROCEEDINGS,
        "a section 31 care order application: legal aid £15,000, council £6,250, courts £1,250, Cafcass £2,500; excludes the child's care during proceedings (counted separately)",
        citation::CARE_PROCEEDINGS_2006,
        Verification::AsRecordedInUcd,
    ),
    plain(
        "unit_costs.care_proceedings_council_pct",
        CARE_PROCEEDINGS_LA_PCT,
        "£6,250 of £25,000 falls to the council; the rest to courts, Cafcass and legal aid",
        citation::CARE_PROCEEDINGS_2006,
        Verification::Derived,
    ),
    money(
        "unit_costs.police_incident",
        POLICE_INCIDENT,
        "police cost of one domestic violence incident",
        citation::WALBY_2009,
        Verification::AsRecordedInUcd,
    ),
    money(
        "unit_costs.emergency_admission",
        EMERGENCY_ADMISSION,
        "NHS reference cost of a non-elective (emergency) inpatient episode, excluding excess bed days",
        citation::HFMA_2017,
        Verification::Verified,
    ),
    plain(
        "assumptions.care_years",
        ENGLAND_CARE_YEARS,
        "used only when your council's figures are missing: England's children looked after at 31 March 2025 (81,766) ÷ children leaving care in the year (34,450); otherwise your looked-after count ÷ children leaving care",
        citation::DFE_CLA,
        Verification::Derived,
    ),
    plain(
        "assumptions.cashable.care_pct",
        CASHABLE_FOSTER_PCT,
        "the allowances and administration in the full cost of foster care (£408 of £636 a week) stop when a placement is not needed; the social work in it (£228) is staff time, not cash. Set 100% if the placement avoided would have been bought from an agency",
        citation::UCHSC_2013,
        Verification::Derived,
    ),
    plain(
        "assumptions.cashable.residential_pct",
        CASHABLE_RESIDENTIAL_PCT,
        "84% of children's home places are run privately; those placements stop when not needed, council-run homes do not",
        citation::NAO_2025,
        Verification::Verified,
    ),
    plain(
        "assumptions.cashable.case_benefits_pct",
        CASHABLE_CASE_BENEFITS_PCT,
        "a convention: the national FDAC model calls the council's benefits \u{201c}predominantly cashable\u{201d} without a share",
        citation::CJI_2024,
        Verification::Convention,
    ),
    plain(
        "assumptions.discount_rate_pct",
        DISCOUNT_PCT,
        "HM Treasury social time preference rate (Green Book Annex A6)",
        citation::GREEN_BOOK,
        Verification::Verified,
    ),
    plain(
        "assumptions.optimism_bias_costs_pct",
        OPTIMISM_COSTS_PCT,
        "Green Book upper bound for outsourced operating costs (lower bound 0%; paras 5.43–5.46 and Annex 5)",
        citation::GREEN_BOOK,
        Verification::Verified,
    ),
    plain(
        "assumptions.optimism_bias_benefits",
        OPTIMISM_BENEFITS_PCT[2],
        "benefit haircut by evidence grade: trial 10%, comparison-area 25%, before-and-after and modelled 40%. The Green Book has no generic values for benefits (para 5.45) and points to the 2014 local-partnership guidance; this scheme is a convention echoing it",
        citation::HMT_GMCA_2014,
        Verification::Convention,
    ),
    plain(
        "assumptions.ramp_pct",
        RAMP_PCT[0],
        "full reach from year 1: Hertfordshire's teams worked with 940 families in their first 12 months; set a ramp if your roll-out is slower",
        citation::FORRESTER_2017,
        Verification::Convention,
    ),
    plain(
        "assumptions.drop_off_pct",
        0.0,
        "how fast a cohort's benefits fade after its first year. The evaluations followed families for a year or less; the tail is bounded anyway by how long an avoided stay in care would have lasted. Set your own",
        citation::HCLG_2019,
        Verification::Convention,
    ),
    plain(
        "assumptions.beyond_observed_pct",
        0.0,
        "used when blank for effects whose evaluation costed only the period it observed (Family Safeguarding: the first 12 months; family group conferences: 12 months): nothing after it is counted. Effects whose evaluation costed the years after (an entry avoided, costed over the stay it would have led to) count them in full. Green Book and GMCA appraisals count benefits over the period the evidence supports (lag and drop-off)",
        citation::HMT_GMCA_2014,
        Verification::Convention,
    ),
    plain(
        "uncertainty.unit_cost_spread_pct",
        UNIT_COST_SPREAD_PCT,
        "how far each unit cost may be from its default in the simulations; unit costs vary widely between councils (Holmes 2021)",
        citation::HMT_GMCA_2014,
        Verification::Convention,
    ),
    plain(
        "uncertainty.engagement_spread_pct",
        ENGAGEMENT_SPREAD_PCT,
        "how far each programme's reach may be from your figure in the simulations",
        citation::HMT_GMCA_2014,
        Verification::Convention,
    ),
];

/// A sourced default with its value in the scenario (money in 2025-26
/// prices). Its unit is its field's, in the table of fields
/// (`Sourced::unit`).
fn filled(s: &Sourced) -> Sourced {
    Sourced {
        value: match s.price_year {
            Some(year) => in_base_prices(s.published, year),
            None => s.value,
        },
        ..*s
    }
}

/// Every sourced default with its value in the scenario (money in 2025-26
/// prices), in the order the UI shows them.
///
/// ```
/// use outcome_model::data::defaults::sourced_all;
/// let foster = &sourced_all()[0];
/// assert_eq!((foster.field, foster.unit()), ("unit_costs.foster_weekly", "£ a week"));
/// ```
pub fn sourced_all() -> Vec<Sourced> {
    SOURCED.iter().map(filled).collect()
}

/// The sourced default for a field, if there is one.
pub fn sourced(field: &str) -> Option<Sourced> {
    SOURCED.iter().find(|s| s.field == field).map(filled)
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn every_sourced_default_names_a_scenario_field_and_a_source() {
        let scenario = serde_json::to_value(crate::Scenario::new(Default::default(), Vec::new()))
            .expect("serialises");
        for s in sourced_all() {
            let mut node = &scenario;
            for part in s.field.split('.') {
                node = node
                    .get(part)
                    .unwrap_or_else(|| panic!("{} is not a scenario field", s.field));
            }
            assert!(s.source.url.starts_with("https://"), "{}", s.field);
            assert!(!s.basis.is_empty());
            if let Some(v) = node.as_f64() {
                assert_eq!(v, s.value, "{} default matches its source", s.field);
            }
        }
    }
}
