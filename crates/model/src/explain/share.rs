//! Steps used in several places of a working, worked out once: a
//! programme's cases served or its adjustment appears in every year's
//! savings, and a figure summed over years and programmes would otherwise
//! repeat them hundreds of times.

use std::collections::hash_map::DefaultHasher;
use std::collections::HashMap;
use std::hash::{Hash, Hasher};

use crate::explain::derivation::{Source, Step, StepKind};

/// Steps of at least this many steps are shared when they recur.
const MIN_SIZE: usize = 4;

/// Fingerprint and size of every step, in the order [`Step::walk`] visits
/// them.
pub(crate) fn fingerprints(step: &Step, out: &mut Vec<(u64, usize)>) -> (u64, usize) {
    let at = out.len();
    out.push((0, 0));
    let mut h = DefaultHasher::new();
    step.label.hash(&mut h);
    step.value.to_bits().hash(&mut h);
    (step.unit as u8).hash(&mut h);
    step.price_year.hash(&mut h);
    let mut size = 1;
    let mut children = |of: &[Step], h: &mut DefaultHasher| {
        for c in of {
            let (ch, cs) = fingerprints(c, out);
            ch.hash(h);
            size += cs;
        }
    };
    match &step.kind {
        StepKind::Operation { op, of } => {
            (0u8, *op as u8).hash(&mut h);
            children(of, &mut h);
        }
        StepKind::Input { source } => {
            1u8.hash(&mut h);
            match source {
                Source::Yours { field } => (0u8, field).hash(&mut h),
                Source::Official { field, year, .. } => (1u8, field, year).hash(&mut h),
                Source::Cited {
                    field,
                    basis,
                    citation,
                    ..
                } => (2u8, field, basis, citation.id).hash(&mut h),
                Source::Method { rule } => (3u8, rule).hash(&mut h),
            }
        }
        StepKind::Simulated { seed, draws, from } => {
            (2u8, seed, draws).hash(&mut h);
            children(from, &mut h);
        }
        StepKind::Searched { how, from } => {
            (3u8, how).hash(&mut h);
            children(from, &mut h);
        }
        StepKind::Same { id } => (4u8, id).hash(&mut h),
    }
    let fp = h.finish();
    out[at] = (fp, size);
    (fp, size)
}

struct Sharing {
    prints: Vec<(u64, usize)>,
    counts: HashMap<u64, usize>,
    ids: HashMap<u64, usize>,
    shared: Vec<Step>,
    next: usize,
}

impl Sharing {
    fn rebuild(&mut self, step: Step) -> Step {
        let (fp, size) = self.prints[self.next];
        let recurs = size >= MIN_SIZE && self.counts.get(&fp).copied().unwrap_or(0) > 1;
        if recurs {
            if let Some(&id) = self.ids.get(&fp) {
                self.next += size;
                return same(&step, id);
            }
        }
        self.next += 1;
        let Step {
            label,
            value,
            unit,
            price_year,
            kind,
        } = step;
        let mut each = |of: Vec<Step>| of.into_iter().map(|c| self.rebuild(c)).collect();
        let kind = match kind {
            StepKind::Operation { op, of } => StepKind::Operation { op, of: each(of) },
            StepKind::Simulated { seed, draws, from } => StepKind::Simulated {
                seed,
                draws,
                from: each(from),
            },
            StepKind::Searched { how, from } => StepKind::Searched {
                how,
                from: each(from),
            },
            other => other,
        };
        let step = Step {
            label,
            value,
            unit,
            price_year,
            kind,
        };
        if recurs {
            let id = self.shared.len();
            self.ids.insert(fp, id);
            let stand_in = same(&step, id);
            self.shared.push(step);
            stand_in
        } else {
            step
        }
    }
}

/// A step standing for shared step `id`.
fn same(step: &Step, id: usize) -> Step {
    Step {
        label: step.label.clone(),
        value: step.value,
        unit: step.unit,
        price_year: step.price_year.clone(),
        kind: StepKind::Same { id },
    }
}

/// The working with every step of some size that appears more than once
/// worked out once, in the list returned beside it.
pub(crate) fn share(step: Step) -> (Step, Vec<Step>) {
    let mut prints = Vec::new();
    fingerprints(&step, &mut prints);
    let mut counts = HashMap::new();
    for (fp, _) in &prints {
        *counts.entry(*fp).or_insert(0) += 1;
    }
    let mut sharing = Sharing {
        prints,
        counts,
        ids: HashMap::new(),
        shared: Vec::new(),
        next: 0,
    };
    let top = sharing.rebuild(step);
    // The figure itself is never only a reference.
    let top = match top.kind {
        StepKind::Same { id } if id + 1 == sharing.shared.len() => {
            sharing.shared.pop().expect("the figure's own step")
        }
        _ => top,
    };
    (top, sharing.shared)
}
