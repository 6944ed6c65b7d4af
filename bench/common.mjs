// Shared pieces of the benchmarks: paths, loading the wasm build in Node,
// timing, and the scenarios every side times.

import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const WWW = join(ROOT, 'www');
// The JavaScript API build (node scripts/build.mjs writes it).
export const PKG = join(ROOT, 'dist', 'api');
export const LIB = 'outcome_calculator';

/** Years projected in the Monte Carlo and the national view. */
export const YEARS = 10;
/** Draws in the Monte Carlo. */
export const DRAWS = 10_000;

// Settings for the national view where a programme's evidence gives none
// (the same rule as `national_templates` in src/bin/bench-native.rs): no
// cohort stand-in → 100 cases a year; no published cost → £500,000 a year;
// an effect without a comparison group → a 40% counterfactual.
export const BENCH_COHORT = 100;
export const BENCH_ANNUAL_COST = 500_000;
export const BENCH_COUNTERFACTUAL_PCT = 40;

/** Loads a wasm-bindgen `--target web` build from `pkgDir` synchronously. */
export async function loadWasm(pkgDir = PKG) {
  const mod = await import(pathToFileURL(join(pkgDir, `${LIB}.js`)).href);
  mod.initSync({ module: readFileSync(join(pkgDir, `${LIB}_bg.wasm`)) });
  return mod;
}

/**
 * Median time of one call of `f`, ms: `warm` unmeasured calls, then `reps`
 * repetitions of `batch` calls each.
 */
export function medianMs(f, { warm = 3, reps = 15, batch = 1 } = {}) {
  for (let i = 0; i < warm; i++) f();
  const times = [];
  for (let r = 0; r < reps; r++) {
    const t0 = performance.now();
    for (let i = 0; i < batch; i++) f();
    times.push((performance.now() - t0) / batch);
  }
  return median(times);
}

export function median(values) {
  const v = [...values].sort((a, b) => a - b);
  const m = v.length >> 1;
  return v.length % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
}

/** The default scenario over YEARS years, funded throughout, DRAWS draws. */
export function tenYears(defaultScenario) {
  const s = structuredClone(defaultScenario);
  s.assumptions.horizon_years = YEARS;
  s.assumptions.funding_years = YEARS;
  s.uncertainty.draws = DRAWS;
  return s;
}

/**
 * A library programme chosen as the benches choose it: its own cohort where
 * the evidence gives a stand-in (else BENCH_COHORT), its published cost
 * (else BENCH_ANNUAL_COST), and BENCH_COUNTERFACTUAL_PCT for an effect
 * without a comparison group.
 */
export function benchChoice(p) {
  return {
    programme: p.id,
    cohort: p.cohort.default ? null : BENCH_COHORT,
    engagement_pct: 100,
    effect_scale_pct: 100,
    cost_per_case: null,
    annual_cost: p.cost ? 0 : BENCH_ANNUAL_COST,
    setup_cost: 0,
    deadweight_pct: 0,
    attribution_pct: 0,
    counterfactual_pct: p.effects.some((e) => e.measure === 'cohort_observed')
      ? BENCH_COUNTERFACTUAL_PCT
      : null,
  };
}

/** One scenario per library programme, as the native bench builds them. */
export function nationalTemplates(defaultScenario, library) {
  return library.map((p) => {
    const s = tenYears(defaultScenario);
    s.programmes = [benchChoice(p)];
    s.label = p.name;
    return s;
  });
}

/** A number for the report: 3 significant figures, at most 3 decimals. */
export function fmt(ms) {
  if (!Number.isFinite(ms)) return 'n/a';
  if (ms >= 100) return ms.toFixed(0);
  if (ms >= 10) return ms.toFixed(1);
  if (ms >= 1) return ms.toFixed(2);
  return ms.toFixed(3);
}
