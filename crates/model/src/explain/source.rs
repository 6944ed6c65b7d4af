//! Where each input of a working comes from: the user's own figure, a
//! council's official figure, or a cited default.

use crate::calc::baseline::Series;
use crate::context::history;
use crate::context::trend::{TrendMethod, LINEAR_YEARS};
use crate::data::citation::{self, Citation, Verification};
use crate::data::defaults;
use crate::data::presets;
use crate::data::prices;
use crate::explain::derivation::{Source, Step, Unit};
use crate::scenario::council_preset;
use crate::scenario::format::Scenario;

/// HM Treasury's GDP deflator series, which uprates every published figure.
pub const DEFLATOR: Citation = Citation {
    id: "hmt-gdp-deflator-2026",
    publisher: "HM Treasury",
    title: "GDP deflators at market prices, and money GDP: March 2026 (Quarterly National Accounts), 2024-25 = 100",
    year: 2026,
    url: prices::VINTAGE_URL,
};

/// Tells the sources of a scenario's fields apart.
pub(crate) struct Sources<'a> {
    s: &'a Scenario,
}

impl<'a> Sources<'a> {
    pub(crate) fn new(s: &'a Scenario) -> Sources<'a> {
        Sources { s }
    }

    /// A scenario field: cited when it holds its sourced default, the
    /// user's own otherwise.
    pub(crate) fn field(&self, label: &str, path: &str, value: f64, unit: Unit) -> Step {
        let default = match path {
            p if p.starts_with("assumptions.optimism_bias_benefits.") => {
                defaults::sourced("assumptions.optimism_bias_benefits").map(|d| {
                    let grade = match p.rsplit('.').next() {
                        Some("rct_pct") => 0,
                        Some("qed_pct") => 1,
                        Some("before_after_pct") => 2,
                        _ => 3,
                    };
                    defaults::Sourced {
                        value: defaults::OPTIMISM_BENEFITS_PCT[grade],
                        ..d
                    }
                })
            }
            p if p.starts_with("assumptions.ramp_pct") => defaults::sourced("assumptions.ramp_pct"),
            p => defaults::sourced(p),
        };
        let source = match default {
            Some(d) if same(d.value, value) => Source::Cited {
                field: Some(path.to_string()),
                basis: d.basis.to_string(),
                citation: d.source,
                verification: d.verification,
            },
            _ => Source::Yours {
                field: path.to_string(),
            },
        };
        let step = Step::input(label, value, unit, source);
        if unit.is_money() {
            step.priced(prices::PRICE_BASE_LABEL)
        } else {
            step
        }
    }

    /// A council figure (`council.cp_plans`): official when the scenario
    /// names a council and year and holds its published figure, the user's
    /// own otherwise.
    pub(crate) fn council(&self, label: &str, path: &str, value: f64) -> Step {
        let k = &self.s.council;
        let official = match (&k.code, k.data_year) {
            (Some(code), Some(year)) => presets::find(code, year)
                .filter(|p| council_preset::official(p, path).is_some_and(|v| same(v, value))),
            _ => None,
        };
        let source = match official {
            Some(p) => Source::Official {
                field: path.to_string(),
                council_code: p.code.to_string(),
                council_name: p.name.to_string(),
                dataset: dataset(path, p.year),
                year: p.year,
                citation: citation::DFE_CLA,
            },
            None => Source::Yours {
                field: path.to_string(),
            },
        };
        let unit = if path == "council.cla_spend_per_child" {
            Unit::PoundsAYear
        } else {
            Unit::Children
        };
        let step = Step::input(label, value, unit, source);
        if unit.is_money() {
            step.priced(prices::PRICE_BASE_LABEL)
        } else {
            step
        }
    }

    /// A baseline trend figure of `series`, % a year ([`Series::path`]).
    /// With the council's own trend or England's and a council named by
    /// its code, it is the figure choosing that baseline works out from
    /// the published history and the scenario carries (as the
    /// projection's note reads it), cited to that history; the user's own
    /// otherwise.
    pub(crate) fn trend(&self, series: Series, value: f64) -> Step {
        let baseline = self.s.assumptions.baseline;
        let label = match baseline.whose() {
            Some(whose) => format!("yearly change in {} ({whose})", series.name()),
            None => format!("yearly change in {}", series.name()),
        };
        let source = match (TrendMethod::of(baseline), &self.s.council.code) {
            (Some(m), Some(code)) => Source::Cited {
                field: Some(series.path().to_string()),
                basis: format!(
                    "{}, worked out from {} published figures ({} to {}): the least-squares slope of the logarithm of the last {}, rounded to 0.01% a year, when this baseline is chosen (a figure that came with a link or a file may differ; \"Your council in context\" says so when it does)",
                    m.name(),
                    if m == TrendMethod::Growth {
                        format!("council {code}'s")
                    } else {
                        "England's (every council's summed)".to_string()
                    },
                    history::FIRST_YEAR,
                    history::LAST_YEAR,
                    LINEAR_YEARS
                ),
                citation: citation::DFE_CLA,
                verification: Verification::Derived,
            },
            _ => Source::Yours {
                field: series.path().to_string(),
            },
        };
        Step::input(label, value, Unit::Percent, source)
    }

    /// A figure of the evidence library or a constant of the data, with
    /// its source.
    pub(crate) fn cited(
        label: &str,
        value: f64,
        unit: Unit,
        basis: &str,
        citation: Citation,
        verification: Verification,
    ) -> Step {
        Step::input(
            label,
            value,
            unit,
            Source::Cited {
                field: None,
                basis: basis.to_string(),
                citation,
                verification,
            },
        )
    }

    /// A fixed number of the method.
    pub(crate) fn method(label: &str, value: f64, unit: Unit, rule: &str) -> Step {
        Step::input(
            label,
            value,
            unit,
            Source::Method {
                rule: rule.to_string(),
            },
        )
    }

    /// The factor that turns pounds of `price_year` into 2025-26 pounds:
    /// the deflator of 2025-26 ÷ that of the price year.
    pub(crate) fn uplift(price_year: u16) -> Step {
        use crate::explain::derivation::Op;
        let index = |year: u16| {
            Sources::cited(
                &format!("GDP deflator, {}", prices::label(year)),
                prices::index(year).unwrap_or(f64::NAN),
                Unit::Index,
                if year >= 2025 {
                    "the OBR's forecast in HM Treasury's series"
                } else {
                    "outturn in HM Treasury's series"
                },
                DEFLATOR,
                Verification::Verified,
            )
        };
        // The factor the model uprates by (`prices::uplift`), shown as
        // the quotient of the two indices.
        Step::recorded(
            format!(
                "uprating from {} to {} prices",
                prices::label(price_year),
                prices::PRICE_BASE_LABEL
            ),
            Unit::Factor,
            Op::Quotient,
            vec![index(prices::PRICE_BASE), index(price_year)],
            prices::uplift(price_year),
        )
    }
}

/// The official table a council figure comes from.
fn dataset(path: &str, year: u16) -> String {
    match path {
        "council.cp_plans" | "council.children_in_need" => format!(
            "Department for Education, Characteristics of children in need, at 31 March {year}"
        ),
        "council.population_0_17" => format!(
            "Office for National Statistics mid-year estimates of children aged 0 to 17, as used by the Department for Education for {year}"
        ),
        _ => format!(
            "Department for Education, Children looked after in England including adoption, year ending 31 March {year}"
        ),
    }
}

/// Two figures the same to a millionth of a penny.
fn same(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-8 * a.abs().max(1.0)
}
