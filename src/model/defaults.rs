//! Default figures for unit costs and assumptions, each with its source.
//!
//! The UI lists these next to the inputs; `docs/methodology.md` repeats them.

use serde::Serialize;

use super::citation::{self, Citation, Verification};

/// A default value and where it comes from.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Sourced {
    /// Scenario-format field it fills, e.g. `unit_costs.foster_weekly`.
    pub field: &'static str,
    /// The value, in the field's unit.
    pub value: f64,
    /// Unit, e.g. "£ a week".
    pub unit: &'static str,
    /// Price year of a money figure ("" for non-money figures).
    pub price_year: &'static str,
    /// How the figure is built, in words.
    pub basis: &'static str,
    /// The source.
    pub source: Citation,
    /// How it was checked.
    pub verification: Verification,
}

/// Foster care, full cost per child per week (£, 2016/17 prices).
pub const FOSTER_WEEKLY: f64 = 646.0;
/// Children's home, cost per place per year (£, 2023-24 prices).
pub const RESIDENTIAL_ANNUAL: f64 = 318_400.0;
/// Children's home, cost per child per week (£): the annual cost ÷ 52, to the penny.
pub const RESIDENTIAL_WEEKLY: f64 = 6_123.08;
/// Share of children in care in children's homes (%), worked out as
/// (£3.1bn ÷ £318,400 a place) ÷ 81,770 children looked after, to one decimal.
pub const RESIDENTIAL_SHARE_PCT: f64 = 11.9;
/// Case-management cost of a child protection plan for a year (£, 2008/09):
/// £1,864 per six months × 2.
pub const CP_PLAN_ANNUAL: f64 = 3_728.0;
/// Case-management cost of a child in need case for a year (£, 2008/09):
/// £1,416 per six months × 2.
pub const CIN_ANNUAL: f64 = 2_832.0;
/// Care proceedings: cost of a section 31 care order application (£, 2005/06).
pub const CARE_PROCEEDINGS: f64 = 25_000.0;
/// The council's part of a care order application (%): £6,250 of £25,000.
pub const CARE_PROCEEDINGS_LA_PCT: f64 = 25.0;
/// Police cost of a domestic violence incident (£, 2008/09).
pub const POLICE_INCIDENT: f64 = 415.0;
/// A&E attendance (£, 2016/17).
pub const AE_ATTENDANCE: f64 = 148.0;
/// Mean years in care for England, 2025: 81,766 looked after at 31 March ÷
/// 34,450 leaving care in the year, to two decimals. Used when the council's
/// own figures are missing.
pub const ENGLAND_CARE_YEARS: f64 = 2.37;

/// Green Book discount rate (%).
pub const DISCOUNT_PCT: f64 = 3.5;
/// Green Book upper bound of optimism bias for outsourced operating costs (%).
pub const OPTIMISM_COSTS_PCT: f64 = 41.0;
/// Optimism bias on benefits by grade (%): RCT, comparison-area, before/after, modelled.
pub const OPTIMISM_BENEFITS_PCT: [f64; 4] = [10.0, 25.0, 40.0, 40.0];
/// Share of full reach in years 1, 2, 3 and after (%).
pub const RAMP_PCT: [f64; 3] = [25.0, 60.0, 100.0];
/// Yearly fall in a programme's effect once its funding ends (%).
pub const DECAY_AFTER_FUNDING_PCT: f64 = 50.0;

/// Spread of unit costs in the uncertainty analysis, ± % (a convention).
pub const UNIT_COST_SPREAD_PCT: f64 = 25.0;
/// Spread of engagement in the uncertainty analysis, ± % (a convention).
pub const ENGAGEMENT_SPREAD_PCT: f64 = 25.0;

/// Every sourced default, in the order the UI shows them.
pub const SOURCED: &[Sourced] = &[
    Sourced {
        field: "unit_costs.foster_weekly",
        value: FOSTER_WEEKLY,
        unit: "£ a week",
        price_year: "2016/17",
        basis: "full cost of foster care per child: allowances, administration, social work and support",
        source: citation::PSSRU_2017,
        verification: Verification::Verified,
    },
    Sourced {
        field: "unit_costs.residential_weekly",
        value: RESIDENTIAL_WEEKLY,
        unit: "£ a week",
        price_year: "2023-24",
        basis: "£318,400 a place a year in children's homes ÷ 52",
        source: citation::NAO_2025,
        verification: Verification::Derived,
    },
    Sourced {
        field: "unit_costs.residential_share_pct",
        value: RESIDENTIAL_SHARE_PCT,
        unit: "%",
        price_year: "",
        basis: "£3.1bn spent on children's homes ÷ £318,400 a place ≈ 9,740 places, ÷ 81,770 children looked after in England (2025)",
        source: citation::NAO_2025,
        verification: Verification::Derived,
    },
    Sourced {
        field: "unit_costs.cp_plan_annual",
        value: CP_PLAN_ANNUAL,
        unit: "£ a year",
        price_year: "2008/09",
        basis: "social-care case management of a child on a protection plan, £1,864 per six months × 2; staff time only",
        source: citation::CCFR_2010,
        verification: Verification::AsRecordedInUcd,
    },
    Sourced {
        field: "unit_costs.cin_annual",
        value: CIN_ANNUAL,
        unit: "£ a year",
        price_year: "2008/09",
        basis: "average case management of a child in need, £1,416 per six months × 2; staff time only",
        source: citation::CCFR_2010,
        verification: Verification::AsRecordedInUcd,
    },
    Sourced {
        field: "unit_costs.care_proceedings",
        value: CARE_PROCEEDINGS,
        unit: "£ a case",
        price_year: "2005/06",
        basis: "a section 31 care order application: legal aid £15,000, council £6,250, courts £1,250, Cafcass £2,500; excludes the child's care during proceedings (counted separately)",
        source: citation::CARE_PROCEEDINGS_2006,
        verification: Verification::AsRecordedInUcd,
    },
    Sourced {
        field: "unit_costs.care_proceedings_council_pct",
        value: CARE_PROCEEDINGS_LA_PCT,
        unit: "%",
        price_year: "",
        basis: "£6,250 of £25,000 falls to the council; the rest to courts, Cafcass and legal aid",
        source: citation::CARE_PROCEEDINGS_2006,
        verification: Verification::Derived,
    },
    Sourced {
        field: "unit_costs.police_incident",
        value: POLICE_INCIDENT,
        unit: "£ an incident",
        price_year: "2008/09",
        basis: "police cost of one domestic violence incident",
        source: citation::WALBY_2009,
        verification: Verification::AsRecordedInUcd,
    },
    Sourced {
        field: "unit_costs.ae_attendance",
        value: AE_ATTENDANCE,
        unit: "£ an attendance",
        price_year: "2016/17",
        basis: "NHS reference cost of an A&E attendance",
        source: citation::HFMA_2017,
        verification: Verification::Verified,
    },
    Sourced {
        field: "assumptions.care_years",
        value: ENGLAND_CARE_YEARS,
        unit: "years",
        price_year: "",
        basis: "used only when your council's figures are missing: England's children looked after at 31 March 2025 (81,766) ÷ children leaving care in the year (34,450); otherwise your looked-after count ÷ children leaving care",
        source: citation::DFE_CLA,
        verification: Verification::Derived,
    },
    Sourced {
        field: "assumptions.discount_rate_pct",
        value: DISCOUNT_PCT,
        unit: "% a year",
        price_year: "",
        basis: "HM Treasury social time preference rate",
        source: citation::GREEN_BOOK,
        verification: Verification::Verified,
    },
    Sourced {
        field: "assumptions.optimism_bias_costs_pct",
        value: OPTIMISM_COSTS_PCT,
        unit: "%",
        price_year: "",
        basis: "Green Book upper bound for outsourced operating costs (lower bound 0%)",
        source: citation::GREEN_BOOK,
        verification: Verification::Verified,
    },
    Sourced {
        field: "assumptions.optimism_bias_benefits",
        value: OPTIMISM_BENEFITS_PCT[2],
        unit: "%",
        price_year: "",
        basis: "benefit haircut by evidence grade: trial 10%, comparison-area 25%, before-and-after and modelled 40%. A proposed scheme echoing the 2014 local-partnership guidance, whose own table is not confirmed",
        source: citation::HMT_GMCA_2014,
        verification: Verification::Convention,
    },
    Sourced {
        field: "assumptions.ramp_pct",
        value: RAMP_PCT[0],
        unit: "%",
        price_year: "",
        basis: "reach 25% in year 1, 60% in year 2, 100% after: an illustrative ramp; Family Safeguarding, FDAC and Pause all report breaking even in year 2",
        source: citation::HMT_GMCA_2014,
        verification: Verification::Convention,
    },
    Sourced {
        field: "assumptions.decay_after_funding_pct",
        value: DECAY_AFTER_FUNDING_PCT,
        unit: "% a year",
        price_year: "",
        basis: "how fast the effect fades once funding stops. Nobody knows: councils and ADCS told Parliament durability beyond funding is unclear. Set your own",
        source: citation::HCLG_2019,
        verification: Verification::Convention,
    },
    Sourced {
        field: "uncertainty.unit_cost_spread_pct",
        value: UNIT_COST_SPREAD_PCT,
        unit: "± %",
        price_year: "",
        basis: "how far each unit cost may be from its default in the simulations; unit costs vary widely between councils (Holmes 2021)",
        source: citation::HMT_GMCA_2014,
        verification: Verification::Convention,
    },
    Sourced {
        field: "uncertainty.engagement_spread_pct",
        value: ENGAGEMENT_SPREAD_PCT,
        unit: "± %",
        price_year: "",
        basis: "how far each programme's reach may be from your figure in the simulations",
        source: citation::HMT_GMCA_2014,
        verification: Verification::Convention,
    },
];

/// The sourced default for a field, if there is one.
pub fn sourced(field: &str) -> Option<&'static Sourced> {
    SOURCED.iter().find(|s| s.field == field)
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn every_sourced_default_names_a_scenario_field_and_a_source() {
        let scenario =
            serde_json::to_value(crate::model::Scenario::new(Default::default(), Vec::new()))
                .expect("serialises");
        for s in SOURCED {
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
