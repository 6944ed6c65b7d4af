//! How often the costly steps run: validation, the central projection and
//! the share link written. Counted only with the `counts` feature, which
//! the tests turn on (`tests/wasm_widget.rs` checks each runs once for a
//! change of input); without it [`note`] is empty and compiles to nothing.

/// A step counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// [`crate::validate`].
    Validate = 0,
    /// A central projection ([`crate::calc::project::project_valid`]).
    Project = 1,
    /// A scenario written as link pairs ([`crate::scenario::link::to_pairs`]).
    Link = 2,
}

#[cfg(feature = "counts")]
static COUNTS: [std::sync::atomic::AtomicUsize; 3] = [
    std::sync::atomic::AtomicUsize::new(0),
    std::sync::atomic::AtomicUsize::new(0),
    std::sync::atomic::AtomicUsize::new(0),
];

/// Counts one run of `step` (nothing without the `counts` feature).
#[inline(always)]
pub fn note(step: Step) {
    #[cfg(feature = "counts")]
    COUNTS[step as usize].fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    #[cfg(not(feature = "counts"))]
    let _ = step;
}

/// The runs of each step counted so far, in [`Step`] order
/// (validate, project, link).
#[cfg(feature = "counts")]
pub fn read() -> [usize; 3] {
    [0, 1, 2].map(|i| COUNTS[i].load(std::sync::atomic::Ordering::Relaxed))
}
