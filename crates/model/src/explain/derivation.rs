//! The working of one figure as plain data: a tree of steps, each an
//! operation over the steps below it or an input with its source, that
//! [`Step::evaluate`] recomputes from the leaves up.

use serde::Serialize;

use crate::data::citation::{Citation, Verification};

/// What a number measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    /// Pounds (£), at the price year given beside it.
    Pounds,
    /// £ a week.
    PoundsAWeek,
    /// £ a year.
    PoundsAYear,
    /// £ a case.
    PoundsACase,
    /// Children (a flow: events in a year, or a count at 31 March).
    Children,
    /// Child-years: the average number of children over a year.
    ChildYears,
    /// Days.
    Days,
    /// Cases served (families, children or practices, as the programme says).
    Cases,
    /// Events: proceedings, call-outs, admissions.
    Events,
    /// A percentage (3.5 means 3.5%).
    Percent,
    /// Percentage points: a difference between two percentages.
    Points,
    /// A share from 0 to 1.
    Share,
    /// A multiplier with no unit (a discount factor, a ratio of counts).
    Factor,
    /// A ratio of two sums of money (£ for each £1).
    Ratio,
    /// A year of the projection (1 for the first).
    Year,
    /// A length of time in years.
    Years,
    /// A price index (2024-25 = 100).
    Index,
    /// A number of simulations, or a seed.
    Count,
}

impl Unit {
    /// Whether the unit is money.
    pub fn is_money(self) -> bool {
        matches!(
            self,
            Unit::Pounds | Unit::PoundsAWeek | Unit::PoundsAYear | Unit::PoundsACase
        )
    }

    /// The unit in words, after a number ("£ a week", "child-years").
    pub fn label(self) -> &'static str {
        match self {
            Unit::Pounds => "£",
            Unit::PoundsAWeek => "£ a week",
            Unit::PoundsAYear => "£ a year",
            Unit::PoundsACase => "£ a case",
            Unit::Children => "children",
            Unit::ChildYears => "child-years",
            Unit::Days => "days",
            Unit::Cases => "cases",
            Unit::Events => "events",
            Unit::Percent => "%",
            Unit::Points => "percentage points",
            Unit::Share => "share (0 to 1)",
            Unit::Factor => "factor",
            Unit::Ratio => "£ for each £1",
            Unit::Year => "year of the projection",
            Unit::Years => "years",
            Unit::Index => "index, 2024-25 = 100",
            Unit::Count => "count",
        }
    }
}

/// How an operation combines the steps below it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Op {
    /// a + b + …
    Sum,
    /// a − b
    Difference,
    /// a × b × …
    Product,
    /// a ÷ b
    Quotient,
    /// The smaller of a, b, …: a cap.
    Min,
    /// The larger of a, b, …: a floor.
    Max,
    /// a ÷ 100: a percentage as a share.
    Percent,
    /// 1 − a: the share left.
    Complement,
    /// 1 + a
    OnePlus,
    /// a ^ b, b a whole number of years.
    Power,
    /// 1 ÷ (1 + r ÷ 100) ^ t: the Green Book discount factor for rate r
    /// (%) and t years after the first.
    DiscountFactor,
    /// The first year (1-based) in which the running total of the first
    /// half of the steps (savings less cost, year by year) reaches £0
    /// while the running total of the second half (cost, year by year) is
    /// above £0; 0 when there is none.
    FirstYear,
}

impl Op {
    /// The operation in words.
    pub fn words(self) -> &'static str {
        match self {
            Op::Sum => "sum",
            Op::Difference => "difference",
            Op::Product => "product",
            Op::Quotient => "quotient",
            Op::Min => "the smaller (a cap)",
            Op::Max => "the larger (a floor)",
            Op::Percent => "as a share (÷ 100)",
            Op::Complement => "the share left (1 −)",
            Op::OnePlus => "1 +",
            Op::Power => "to the power",
            Op::DiscountFactor => "discount factor 1 ÷ (1 + r)^t",
            Op::FirstYear => "the first year the running total reaches £0",
        }
    }

    /// The symbol between operands (or before one).
    pub fn symbol(self) -> &'static str {
        match self {
            Op::Sum => "+",
            Op::Difference => "−",
            Op::Product => "×",
            Op::Quotient => "÷",
            Op::Min => "min",
            Op::Max => "max",
            Op::Percent => "÷ 100",
            Op::Complement => "1 −",
            Op::OnePlus => "1 +",
            Op::Power => "^",
            Op::DiscountFactor => "1 ÷ (1 + r)^t",
            Op::FirstYear => "first year ≥ £0",
        }
    }
}

/// Where an input comes from. Every input has one: the type allows no
/// other.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Source {
    /// The user's own figure, named by its path in the scenario format
    /// (e.g. `programmes[0].cohort`), which is also its input's id.
    Yours {
        /// Path of the field in the scenario.
        field: String,
    },
    /// A council's official figure, as the scenario holds it unchanged.
    Official {
        /// Path of the field in the scenario.
        field: String,
        /// ONS code of the council.
        council_code: String,
        /// The council's name.
        council_name: String,
        /// The table it comes from, in words.
        dataset: String,
        /// The year (at 31 March) of the figures.
        year: u16,
        /// The publication.
        citation: Citation,
    },
    /// A default or a figure of the evidence library, with its published
    /// source.
    Cited {
        /// Path of the field in the scenario it fills, where it fills one.
        field: Option<String>,
        /// How the figure is built, in words.
        basis: String,
        /// The source.
        citation: Citation,
        /// How it was checked.
        verification: Verification,
    },
    /// A fixed number of the method itself (52 weeks a year, half a year
    /// in the year of entry), with the rule in words.
    Method {
        /// The rule, in words.
        rule: String,
    },
}

/// What a step is.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum StepKind {
    /// An operation on the steps below.
    Operation {
        /// The operation.
        op: Op,
        /// Its operands, in order.
        of: Vec<Step>,
    },
    /// An input.
    Input {
        /// Where it comes from.
        source: Source,
    },
    /// A result of the seeded Monte Carlo simulation: not re-derived here;
    /// the steps below are its settings and the ranges it draws from.
    Simulated {
        /// Seed of the generator.
        seed: u32,
        /// Number of simulations.
        draws: u32,
        /// The settings and ranges it draws from (inputs).
        from: Vec<Step>,
    },
    /// A value found by search (bisection): not re-derived here; the steps
    /// below are what it depends on.
    Searched {
        /// How it was found, in words.
        how: String,
        /// What it depends on.
        from: Vec<Step>,
    },
    /// The step worked out once in the derivation's
    /// [`Derivation::shared`] list at `id` (a step used in several places,
    /// such as a programme's cases served, is worked out once).
    Same {
        /// Its place in [`Derivation::shared`].
        id: usize,
    },
}

/// One step of a working: a value with its unit, and how it was reached.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Step {
    /// What it is, in words.
    pub label: String,
    /// Its value, in `unit`.
    pub value: f64,
    /// Its unit.
    pub unit: Unit,
    /// Price year of a money value, e.g. `2025-26`.
    pub price_year: Option<String>,
    /// Operation, input or simulation result.
    #[serde(flatten)]
    pub kind: StepKind,
}

impl Step {
    /// An input.
    pub fn input(label: impl Into<String>, value: f64, unit: Unit, source: Source) -> Step {
        Step {
            label: label.into(),
            value,
            unit,
            price_year: None,
            kind: StepKind::Input { source },
        }
    }

    /// An operation whose value the working works out from its operands:
    /// only for the one step the kernel never forms (the stay left before
    /// a profile's cap, [`crate::explain`]'s `profile_step`); every other
    /// operation is [`Step::recorded`].
    pub(crate) fn op(label: impl Into<String>, unit: Unit, op: Op, of: Vec<Step>) -> Step {
        let value = apply(op, &of.iter().map(|s| s.value).collect::<Vec<_>>());
        Step::recorded(label, unit, op, of, value)
    }

    /// An operation whose value is the kernel's own, read from its record
    /// ([`crate::calc::record`]) rather than worked out again here: the
    /// operands say how it was reached, [`Step::evaluate`] checks them.
    pub fn recorded(
        label: impl Into<String>,
        unit: Unit,
        op: Op,
        of: Vec<Step>,
        value: f64,
    ) -> Step {
        Step {
            label: label.into(),
            value,
            unit,
            price_year: None,
            kind: StepKind::Operation { op, of },
        }
    }

    /// A sum with the kernel's own value, leaving out operands of exactly
    /// zero when any is not (they change nothing and would only lengthen
    /// the working).
    pub fn recorded_sum(label: impl Into<String>, unit: Unit, of: Vec<Step>, value: f64) -> Step {
        Step::recorded(label, unit, Op::Sum, nonzero(of), value)
    }

    /// The same step with a price year (money in those prices).
    pub fn priced(mut self, year: &str) -> Step {
        self.price_year = Some(year.to_string());
        self
    }

    /// The same step with another label.
    pub fn named(mut self, label: impl Into<String>) -> Step {
        self.label = label.into();
        self
    }

    /// The value recomputed from the inputs up: each operation applied to
    /// its operands' recomputed values. A simulation or search result is
    /// its recorded value.
    ///
    /// ```
    /// use outcome_model::explain::{Op, Source, Step, Unit};
    /// let rule = |r: &str| Source::Method { rule: r.into() };
    /// let weekly = Step::input("foster care", 876.66, Unit::PoundsAWeek, rule("test"));
    /// let weeks = Step::input("weeks a year", 52.0, Unit::Factor, rule("52 weeks a year"));
    /// let year = Step::recorded("a year", Unit::PoundsAYear, Op::Product, vec![weekly, weeks], 45_586.32);
    /// assert!((year.evaluate() - 45_586.32).abs() < 1e-9);
    /// ```
    ///
    /// A step worked out elsewhere ([`StepKind::Same`]) is its recorded
    /// value here; [`Derivation::evaluate`] works it out from its own steps.
    pub fn evaluate(&self) -> f64 {
        self.evaluate_with(&[])
    }

    /// [`Step::evaluate`], working out each [`StepKind::Same`] step from
    /// `shared`.
    pub fn evaluate_with(&self, shared: &[Step]) -> f64 {
        match &self.kind {
            StepKind::Operation { op, of } => apply(
                *op,
                &of.iter()
                    .map(|s| s.evaluate_with(shared))
                    .collect::<Vec<_>>(),
            ),
            StepKind::Same { id } => shared
                .get(*id)
                .map_or(self.value, |s| s.evaluate_with(shared)),
            StepKind::Input { .. } | StepKind::Simulated { .. } | StepKind::Searched { .. } => {
                self.value
            }
        }
    }

    /// Every input below this step (and the step itself if it is one), in
    /// order, repeats included.
    pub fn inputs(&self) -> Vec<&Step> {
        let mut out = Vec::new();
        self.walk(&mut |s| {
            if matches!(s.kind, StepKind::Input { .. }) {
                out.push(s);
            }
        });
        out
    }

    /// Calls `f` on this step and every step below it, parents first.
    pub fn walk<'a>(&'a self, f: &mut dyn FnMut(&'a Step)) {
        f(self);
        match &self.kind {
            StepKind::Operation { of, .. }
            | StepKind::Simulated { from: of, .. }
            | StepKind::Searched { from: of, .. } => {
                for s in of {
                    s.walk(f);
                }
            }
            StepKind::Input { .. } | StepKind::Same { .. } => {}
        }
    }

    /// Number of steps in the tree.
    pub fn size(&self) -> usize {
        let mut n = 0;
        self.walk(&mut |_| n += 1);
        n
    }
}

/// The operands of a sum less those of exactly zero, when any is not.
fn nonzero(of: Vec<Step>) -> Vec<Step> {
    if of.iter().any(|s| s.value != 0.0) {
        of.into_iter().filter(|s| s.value != 0.0).collect()
    } else {
        of
    }
}

/// An operation on values.
fn apply(op: Op, v: &[f64]) -> f64 {
    let at = |i: usize| v.get(i).copied().unwrap_or(0.0);
    match op {
        Op::Sum => v.iter().fold(0.0, |a, b| a + b),
        Op::Difference => at(0) - at(1),
        Op::Product => v.iter().fold(1.0, |a, b| a * b),
        Op::Quotient => at(0) / at(1),
        Op::Min => v.iter().copied().fold(f64::INFINITY, f64::min),
        Op::Max => v.iter().copied().fold(f64::NEG_INFINITY, f64::max),
        Op::Percent => at(0) / 100.0,
        Op::Complement => 1.0 - at(0),
        Op::OnePlus => 1.0 + at(0),
        Op::Power => at(0).powi(at(1) as i32),
        Op::DiscountFactor => 1.0 / (1.0 + at(0) / 100.0).powi(at(1) as i32),
        Op::FirstYear => {
            let h = v.len() / 2;
            let (mut net, mut cost) = (0.0, 0.0);
            for t in 0..h {
                net += v[t];
                cost += v[h + t];
                if cost > 0.0 && net >= 0.0 {
                    return (t + 1) as f64;
                }
            }
            0.0
        }
    }
}

/// One input the figure is most sensitive to, from the same one-at-a-time
/// analysis as the tornado: the figure with the input at each end of its
/// range, everything else as entered.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Sensitivity {
    /// The input, in words.
    pub input: String,
    /// The scenario fields it stands for (the form's inputs to link to).
    pub fields: Vec<String>,
    /// The low end, in words.
    pub low_label: String,
    /// The high end, in words.
    pub high_label: String,
    /// The figure with the input at its low end.
    pub value_low: f64,
    /// The figure with the input at its high end.
    pub value_high: f64,
}

/// The working of one figure.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Derivation {
    /// The figure's path in the projection, e.g. `summary.budget_npv` or
    /// `years[2].savings.police`.
    pub path: String,
    /// What it is, in words.
    pub label: String,
    /// The figure.
    pub value: f64,
    /// Its unit.
    pub unit: Unit,
    /// Price year of a money figure, e.g. `2025-26`.
    pub price_year: Option<String>,
    /// The figure in one sentence with the live numbers.
    pub sentence: String,
    /// The formula in words.
    pub formula: String,
    /// The formula in symbols.
    pub symbols: String,
    /// The working, from the figure down to its inputs.
    pub step: Step,
    /// Steps used in more than one place, each worked out once; a
    /// [`StepKind::Same`] step stands for one of them by its place here.
    pub shared: Vec<Step>,
    /// The two or three inputs that move the figure most, largest first.
    pub sensitive: Vec<Sensitivity>,
    /// How the sensitivities were found, when not for the figure itself.
    pub sensitivity_note: Option<String>,
}

impl Derivation {
    /// The figure recomputed from its steps alone, each shared step worked
    /// out from its own ([`Step::evaluate_with`]).
    pub fn evaluate(&self) -> f64 {
        self.step.evaluate_with(&self.shared)
    }

    /// Calls `f` on every step of the working and of its shared steps.
    pub fn walk<'a>(&'a self, f: &mut dyn FnMut(&'a Step)) {
        self.step.walk(f);
        for s in &self.shared {
            s.walk(f);
        }
    }

    /// Every input of the working and of its shared steps, in order.
    pub fn inputs(&self) -> Vec<&Step> {
        let mut out = self.step.inputs();
        for s in &self.shared {
            out.extend(s.inputs());
        }
        out
    }

    /// The working as one tree, each shared step written out where it is
    /// used.
    pub fn expanded(&self) -> Step {
        expand(&self.step, &self.shared)
    }
}

fn expand(step: &Step, shared: &[Step]) -> Step {
    let kind = match &step.kind {
        StepKind::Same { id } => match shared.get(*id) {
            Some(s) => return expand(s, shared),
            None => step.kind.clone(),
        },
        StepKind::Operation { op, of } => StepKind::Operation {
            op: *op,
            of: of.iter().map(|s| expand(s, shared)).collect(),
        },
        StepKind::Simulated { seed, draws, from } => StepKind::Simulated {
            seed: *seed,
            draws: *draws,
            from: from.iter().map(|s| expand(s, shared)).collect(),
        },
        StepKind::Searched { how, from } => StepKind::Searched {
            how: how.clone(),
            from: from.iter().map(|s| expand(s, shared)).collect(),
        },
        StepKind::Input { .. } => step.kind.clone(),
    };
    Step {
        kind,
        ..step.clone()
    }
}
