// A library programme made runnable: one copy, included (`include!`) by
// the model's test binaries (through `common`), the Monte Carlo's unit
// tests and the kernel crate's tests, each with `library`, `Measure` and
// `ProgrammeChoice` in scope.

/// The library programme `id` made runnable with the figures its evidence
/// leaves to the user: a cohort of 100 cases a year, £500,000 a year, a
/// 40% comparison group.
pub fn runnable(id: &str) -> ProgrammeChoice {
    let p = library()
        .into_iter()
        .find(|p| p.id == id)
        .expect("a programme of the library");
    let mut c = ProgrammeChoice::new(p.id);
    if p.cohort.default.is_none() {
        c.cohort = Some(100.0);
    }
    if p.cost.is_none() {
        c.annual_cost = 500_000.0;
    }
    if p.effects
        .iter()
        .any(|e| matches!(e.measure, Measure::CohortObserved { .. }))
    {
        c.counterfactual_pct = Some(40.0);
    }
    c
}
