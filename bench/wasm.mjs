// The WebAssembly build timed in Node, through its JS exports (so the
// JS ↔ wasm conversion of scenarios and results is included).
//
//   node bench/wasm.mjs [--pkg DIR]     # prints one line of JSON
//
// Times, each the median of several repetitions after a warm-up:
//   projection_ms  project(defaultScenario())
//   mc_ms          simulate(): default scenario, 10,000 draws × 10 years
//   national_ms    rollout() of every library programme (five calls: the
//                  build has no single export for all programmes at once)
//
// Its peer is the same model compiled natively (src/bin/bench-native.rs),
// timed in the same run by scripts/bench.mjs. (A plain-JavaScript copy of
// the kernel was compared here until method 3; keeping a third copy of the
// method equal to the Rust one cost more than the figure was worth. Its
// last ratio, wasm ÷ JS 0.51–0.52, is in docs/methodology.md §9.)

import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { PKG, loadWasm, medianMs, median, nationalTemplates, tenYears } from './common.mjs';

export async function benchWasm({ pkgDir = PKG } = {}) {
  const wasm = await loadWasm(pkgDir);
  const base = wasm.defaultScenario();
  const library = wasm.library();

  // (a) one projection, break-even search included.
  const projection_ms = medianMs(() => wasm.project(base), { warm: 200, reps: 21, batch: 100 });

  // (b) Monte Carlo.
  const mc = tenYears(base);
  let wasmSim;
  const runWasm = () => {
    wasmSim = wasm.simulate(mc);
  };
  for (let i = 0; i < 5; i++) runWasm();
  const wasmTimes = [];
  for (let r = 0; r < 21; r++) {
    const t0 = performance.now();
    runWasm();
    wasmTimes.push(performance.now() - t0);
  }
  const mc_ms = median(wasmTimes);

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
    national_ms,
    mc_npv_p50_wasm: wasmSim.npv.p50,
    mc_positive_share_wasm: wasmSim.npv_positive_share,
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
