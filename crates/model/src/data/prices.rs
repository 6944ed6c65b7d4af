//! One price base. Every money figure carries its price year and is uprated
//! to [`PRICE_BASE`] with HM Treasury's GDP deflator before anything is
//! added up (Green Book 2022, paras 5.11–5.12: costs and benefits in real
//! base-year prices, general inflation removed with the GDP deflator).
//!
//! The series is HM Treasury, *GDP deflators at market prices, and money
//! GDP: March 2026 (Quarterly National Accounts)*, financial years,
//! 2024-25 = 100: outturn to 2024-25 (ONS series L8GG, Quarterly National
//! Accounts of 31 March 2026), 2025-26 onwards the OBR forecast of the
//! Spring Statement of 3 March 2026.

/// The price base of every result: pounds in 2025-26 prices.
pub const PRICE_BASE: u16 = 2025;

/// The price base as shown to readers.
pub const PRICE_BASE_LABEL: &str = "2025-26";

/// The deflator vintage, as cited.
pub const VINTAGE: &str = "HM Treasury, GDP deflators at market prices, and money GDP, March 2026 (Quarterly National Accounts); 2024-25 = 100";

/// Where the series is published.
pub const VINTAGE_URL: &str = "https://www.gov.uk/government/statistics/gdp-deflators-at-market-prices-and-money-gdp-march-2026-quarterly-national-accounts";

/// GDP deflator index by financial year (the year it starts in: 2008 is
/// 2008-09), 2024-25 = 100. Years from 2025 are the OBR's forecast.
pub const DEFLATOR: &[(u16, f64)] = &[
    (2004, 59.7172),
    (2005, 61.3576),
    (2006, 63.2017),
    (2007, 64.4380),
    (2008, 66.8397),
    (2009, 67.7042),
    (2010, 68.8561),
    (2011, 70.3261),
    (2012, 71.5454),
    (2013, 73.0337),
    (2014, 74.0662),
    (2015, 74.5804),
    (2016, 76.0754),
    (2017, 77.0388),
    (2018, 78.7948),
    (2019, 80.8738),
    (2020, 85.1002),
    (2021, 85.3036),
    (2022, 91.2996),
    (2023, 96.1117),
    (2024, 100.0000),
    (2025, 103.2388),
];

/// The deflator index of a financial year, if the series has it.
pub fn index(year: u16) -> Option<f64> {
    DEFLATOR.iter().find(|(y, _)| *y == year).map(|(_, v)| *v)
}

/// The factor that turns pounds of `price_year` into [`PRICE_BASE`] pounds:
/// index(base) ÷ index(price year).
///
/// ```
/// use outcome_model::data::prices::{uplift, PRICE_BASE};
/// assert_eq!(uplift(PRICE_BASE), 1.0);
/// // £1 of 2008-09 is 103.2388 / 66.8397 = £1.5446 of 2025-26.
/// assert!((uplift(2008) - 1.544573).abs() < 1e-6);
/// ```
///
/// # Panics
///
/// When the year is not in [`DEFLATOR`]; every price year in the library is
/// (a test checks it), and user figures are entered in base-year prices.
pub fn uplift(price_year: u16) -> f64 {
    let base = index(PRICE_BASE).expect("the base year is in the series");
    let from = index(price_year).expect("every price year in the library is in the series");
    base / from
}

/// A financial-year label, `2008-09` for 2008.
pub fn label(year: u16) -> String {
    format!("{year}-{:02}", (year + 1) % 100)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_series_is_consecutive_and_rising_to_the_base() {
        for w in DEFLATOR.windows(2) {
            assert_eq!(w[1].0, w[0].0 + 1);
        }
        assert_eq!(index(2024), Some(100.0));
        assert!(index(PRICE_BASE).is_some());
    }

    #[test]
    fn uprating_matches_the_index_ratio() {
        for (year, want) in [
            (2024, 1.032388),
            (2016, 103.2388 / 76.0754),
            (2005, 103.2388 / 61.3576),
        ] {
            assert!((uplift(year) - want).abs() < 1e-12, "{year}");
        }
        assert_eq!(label(2005), "2005-06");
        assert_eq!(label(2099), "2099-00");
    }
}
