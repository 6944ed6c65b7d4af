//! The model's kernel and the loops that run it many times, compiled for
//! speed: the projection (its switching values run the kernel about fifty
//! times an effect), the Monte Carlo and the tornado.
//!
//! The code is the model's ([`outcome_model::calc::engine`],
//! [`outcome_model::calc::project`], [`outcome_model::calc::uncertainty`]);
//! this crate only instantiates it. Cargo sets the optimisation level per
//! crate, and a generic function is compiled in the crate that
//! instantiates it, with that crate's level, which holds through
//! link-time optimisation. The model's entry points are generic over the
//! run of the kernel they call (`project_valid_with`, `Simulator::step_with`,
//! `finish_with`, `tornado_valid_with`); given [`simulate`], a function of
//! this crate, they and the kernel itself (`engine::simulate_recorded`,
//! generic over its recorder) are compiled here, and so are the kernel's
//! small helpers, which the model marks `#[inline]` for this (a function
//! neither generic nor inline stays the model's, compiled for size, and
//! costs the Monte Carlo about half as much time again). The browser build compiles
//! this crate at opt-level 3 and the model, like the widget, for size
//! (`Cargo.toml`, `profile.wasm-release.package.outcome-kernel`), so only
//! the loops where the time goes pay for speed in bytes.
//!
//! Every function gives exactly what the model's own function of the same
//! name gives (the same code, the same arithmetic in the same order).

use outcome_model::calc::engine::{self, Draw, Plan, Work};
use outcome_model::calc::project;
use outcome_model::calc::projection::Projection;
use outcome_model::calc::record::Recorder;
use outcome_model::calc::uncertainty::{self, Bar, Simulation, Simulator};
use outcome_model::scenario::valid::Valid;

/// One run of the kernel into `w`: [`engine::simulate`], compiled here.
pub fn simulate(plan: &Plan, draw: &Draw, w: &mut Work) {
    engine::simulate_recorded(plan, draw, w, &mut Quiet);
}

/// Records nothing, as [`outcome_model::calc::record::Nothing`] does, but
/// is this crate's own type: the kernel's generic functions instantiated
/// with it can only be compiled here. With the model's `Nothing`, rustc
/// links the instance the model already compiled (for size, in the
/// browser), as it shares generic instances between crates. Like
/// `Nothing`, it keeps none of what the kernel tells it (the trait's
/// methods record nothing unless a recorder says otherwise).
struct Quiet;

impl Recorder for Quiet {}

/// [`outcome_model::project_valid`], compiled here.
pub fn project_valid(v: Valid) -> Projection {
    project::project_valid_with(v, simulate)
}

/// [`Simulator::step`], compiled here: runs up to `slice` more draws and
/// returns whether all are done.
pub fn step(sim: &mut Simulator, slice: usize) -> bool {
    sim.step_with(slice, simulate)
}

/// [`Simulator::finish`], compiled here.
pub fn finish(sim: Simulator) -> Simulation {
    sim.finish_with(simulate)
}

/// [`uncertainty::simulate_valid`], compiled here.
pub fn simulate_valid(v: Valid) -> Simulation {
    finish(Simulator::new(v))
}

/// [`uncertainty::tornado_valid`], compiled here.
pub fn tornado_valid(v: Valid) -> Vec<Bar> {
    uncertainty::tornado_valid_with(v, simulate)
}

#[cfg(test)]
mod tests {
    use super::*;
    use outcome_model::data::evidence::{library, Measure};
    use outcome_model::scenario::council_preset;
    use outcome_model::scenario::format::{ProgrammeChoice, Scenario};
    use outcome_model::{default_scenario, validate};

    include!("../../model/tests/common/runnable.rs");

    /// The default scenario, each library programme alone, every programme
    /// together over 7 years, and that with Birmingham's figures and a
    /// baseline that follows England's trend.
    fn scenarios() -> Vec<(String, Scenario)> {
        let mut out = vec![("the default scenario".to_string(), default_scenario())];
        for p in library() {
            let mut s = default_scenario();
            s.uncertainty.draws = 300;
            s.programmes = vec![runnable(p.id)];
            out.push((format!("{} alone", p.id), s));
        }
        let mut s = default_scenario();
        s.uncertainty.draws = 1_001;
        s.uncertainty.seed = 9;
        s.programmes = library().iter().map(|p| runnable(p.id)).collect();
        s.assumptions.horizon_years = 7;
        out.push(("every programme, 7 years".to_string(), s.clone()));
        council_preset::apply_preset(&mut s, "E08000025", 2025).expect("birmingham is a council");
        out.push(("birmingham's figures, every programme".to_string(), s));
        out
    }

    /// Every number written out exactly (`Debug` gives each `f64`'s
    /// shortest round trip, and tells -0.0 from 0.0).
    fn exact<T: std::fmt::Debug>(v: &T) -> String {
        format!("{v:?}")
    }

    #[test]
    fn the_kernel_here_gives_the_models_own_figures() {
        for (what, s) in scenarios() {
            let v = validate(&s).unwrap_or_else(|e| panic!("{what}: {e:?}"));
            let p = project_valid(v);
            assert!(
                p.summary.budget_npv != 0.0,
                "{what}: a projection with figures"
            );
            assert_eq!(exact(&p), exact(&outcome_model::project_valid(v)), "{what}");
            let sim = simulate_valid(v);
            assert_eq!(
                exact(&sim),
                exact(&uncertainty::simulate_valid(v)),
                "{what}"
            );
            let bars = tornado_valid(v);
            assert!(!bars.is_empty(), "{what}: a tornado with bars");
            assert_eq!(
                exact(&bars),
                exact(&uncertainty::tornado_valid(v)),
                "{what}"
            );
        }
    }

    #[test]
    fn slices_here_give_the_models_whole_run() {
        for (what, s) in scenarios() {
            let v = validate(&s).unwrap_or_else(|e| panic!("{what}: {e:?}"));
            let mut sim = Simulator::new(v);
            let mut slices = 0;
            while !step(&mut sim, 97) {
                slices += 1;
            }
            assert!(slices > 0, "{what}: run in more than one slice");
            assert_eq!(
                exact(&finish(sim)),
                exact(&uncertainty::simulate_valid(v)),
                "{what}"
            );
        }
    }

    #[test]
    fn one_run_here_is_the_models_run() {
        let s = default_scenario();
        let v = validate(&s).unwrap();
        let plan = Plan::new(v);
        let (mut here, mut there) = (Work::default(), Work::default());
        simulate(&plan, &Draw::central(), &mut here);
        engine::simulate(&plan, &Draw::central(), &mut there);
        assert!(engine::budget_npv(&plan, &here) != 0.0);
        assert_eq!(exact(&here), exact(&there));
    }
}
