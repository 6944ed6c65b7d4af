// The WebAssembly build timed in Node, through its JS exports (so the
// JS ↔ wasm conversion of scenarios and results is included), and the
// plain-JavaScript kernel (bench/mc-kernel.js) on the same Monte Carlo.
//
//   node bench/wasm.mjs [--pkg DIR]     # prints one line of JSON
//
// Times, each the median of several repetitions after a warm-up:
//   projection_ms  project(defaultScenario())
//   mc_ms          simulate(): default scenario, 10,000 draws × 10 years
//   mc_js_ms       the same Monte Carlo in plain JavaScript (the same
//                  generator, so the same draws: mc_max_rel_diff is the
//                  largest relative difference over every percentile and
//                  share of the two results)
//   national_ms    rollout() of every library programme (five calls: the
//                  build has no single export for all programmes at once)
// and, untimed, mc_all_max_rel_diff: the same comparison as mc_max_rel_diff
// with every library programme in one scenario (bench/common.mjs,
// `allProgrammes`), which exercises what the default scenario does not
// (nesting, cohort and observed-rate effects, per-case benefits spread over
// years). Either difference at or above MAX_REL_DIFF stops the bench: the
// two sides would not be running the same Monte Carlo.

import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import {
  PKG,
  allProgrammes,
  loadWasm,
  medianMs,
  median,
  nationalTemplates,
  tenYears,
} from './common.mjs';
import { simulateJs } from './mc-kernel.js';

/** Largest relative difference allowed between the wasm and JS results. */
export const MAX_REL_DIFF = 1e-9;

/** Every percentile and share of a simulation result, in one list. */
function figures(sim) {
  return [
    sim.npv.p10,
    sim.npv.p50,
    sim.npv.p90,
    sim.npv_positive_share,
    ...sim.years.flatMap((y) =>
      ['net', 'cumulative_net', 'cumulative_pv_net']
        .flatMap((k) => [y[k].p10, y[k].p50, y[k].p90])
        .concat(y.paid_back_share),
    ),
  ];
}

/**
 * The largest relative difference between two simulation results over
 * every figure (relative to the figure, or absolute below 1).
 */
function maxRelDiff(wasmSim, jsSim, what) {
  const a = figures(wasmSim);
  const b = figures(jsSim);
  if (a.length !== b.length) throw new Error(`${what}: the wasm and JS results differ in shape`);
  const diff = Math.max(
    ...a.map((x, i) => (x === b[i] ? 0 : Math.abs(x - b[i]) / Math.max(Math.abs(x), 1))),
  );
  if (!(diff < MAX_REL_DIFF)) {
    throw new Error(
      `${what}: the JS kernel differs from wasm by ${diff} (relative; at most ${MAX_REL_DIFF}): ` +
        'bench/mc-kernel.js no longer runs the same Monte Carlo',
    );
  }
  return diff;
}

export async function benchWasm({ pkgDir = PKG } = {}) {
  const wasm = await loadWasm(pkgDir);
  const base = wasm.defaultScenario();
  const library = wasm.library();
  const constants = wasm.modelConstants();

  // (a) one projection, break-even search included.
  const projection_ms = medianMs(() => wasm.project(base), { warm: 200, reps: 21, batch: 100 });

  // (b) Monte Carlo, wasm and JS, repetitions interleaved so both see the
  // same machine.
  const mc = tenYears(base);
  let wasmSim;
  let jsSim;
  const runWasm = () => {
    wasmSim = wasm.simulate(mc);
  };
  const runJs = () => {
    jsSim = simulateJs(mc, library, constants);
  };
  for (let i = 0; i < 5; i++) {
    runWasm();
    runJs();
  }
  const wasmTimes = [];
  const jsTimes = [];
  for (let r = 0; r < 21; r++) {
    let t0 = performance.now();
    runWasm();
    wasmTimes.push(performance.now() - t0);
    t0 = performance.now();
    runJs();
    jsTimes.push(performance.now() - t0);
  }
  // Every percentile and share of the two results, side by side; then the
  // same for every programme at once.
  const mc_max_rel_diff = maxRelDiff(wasmSim, jsSim, 'default scenario');
  const all = allProgrammes(base, library);
  const allWasm = wasm.simulate(all);
  const allJs = simulateJs(all, library, constants);
  const mc_all_max_rel_diff = maxRelDiff(allWasm, allJs, 'every programme');
  const mc_ms = median(wasmTimes);
  const mc_js_ms = median(jsTimes);
  const npvWasm = wasmSim.npv.p50;
  const npvJs = jsSim.npv.p50;

  // (e) every council × every programme × 10 years.
  const templates = nationalTemplates(base, library);
  let councils = 0;
  const national_ms = medianMs(
    () => {
      councils = 0;
      for (const t of templates) councils += wasm.rollout(t, 0, undefined).councils.length;
    },
    { warm: 3, reps: 15 },
  );

  return {
    projection_ms,
    mc_ms,
    mc_js_ms,
    national_ms,
    mc_npv_p50_wasm: npvWasm,
    mc_npv_p50_js: npvJs,
    mc_npv_p50_diff_pct: (100 * (npvJs - npvWasm)) / Math.abs(npvWasm),
    mc_max_rel_diff,
    mc_all_max_rel_diff,
    mc_all_npv_p50_wasm: allWasm.npv.p50,
    mc_all_npv_p50_js: allJs.npv.p50,
    mc_positive_share_wasm: wasmSim.npv_positive_share,
    mc_positive_share_js: jsSim.npv_positive_share,
    national_council_runs: councils,
    engine: `node ${process.versions.node} (V8 ${process.versions.v8})`,
  };
}

const isMain = process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const i = process.argv.indexOf('--pkg');
  const pkgDir = i > 0 ? resolve(process.argv[i + 1]) : PKG;
  console.log(JSON.stringify(await benchWasm({ pkgDir })));
}
