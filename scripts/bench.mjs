#!/usr/bin/env node
// Benchmarks: figures to read, not timed tests.
//
//   npm run bench                 # or: node scripts/bench.mjs
//   node scripts/bench.mjs --pkg DIR
//
// (a) one projection, native and wasm; (b) the Monte Carlo, 10,000 draws ×
// 10 years, in wasm and native; (c) navigation →
// first result painted in headless Chromium, and a reader's first use →
// the calculator loaded and drawn in its place, also on a phone (slow 4G,
// the CPU 4× slower: a tap after 5 s of reading and one at once, against
// the module's download alone); (d) input change → results
// updated, the simulation the widget runs once the input settles, and
// typing with the CPU slowed 4 times (input event → next painted frame,
// p95); (e) every council × every programme × 10 years, native and wasm. Prints
// a table against the targets, then one line:
//   bench: projection_native_ms=… … wasm_vs_native=… load_1m=…
//
// The wasm side in Node is the JavaScript API build (dist/api, the `api`
// feature); the browser side is the widget (www/pkg). Both are built first
// (node scripts/build.mjs) when missing or older than the sources. With
// --pkg DIR the Node side uses another wasm-bindgen `--target web` build
// of the API instead of dist/api.
//
// The machine may be shared: the load average is printed before and after
// and ends the last line. Compare figures taken at a similar load.

import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';

import { LIB, PKG, ROOT, WWW, fmt } from '../bench/common.mjs';

const WWW_PKG = join(WWW, 'pkg');
const args = process.argv.slice(2);
const pkgArg = args.indexOf('--pkg');
const pkgDir = pkgArg >= 0 ? resolve(args[pkgArg + 1] ?? '') : PKG;

function step(title) {
  console.log(`\n==> ${title}`);
}

function fail(text) {
  console.error(`\nbench failed: ${text}`);
  process.exit(1);
}

// Runs a command; returns its stdout (stderr passes through).
function run(cmd, cmdArgs, { quiet = false } = {}) {
  const r = spawnSync(cmd, cmdArgs, {
    cwd: ROOT,
    encoding: 'utf8',
    stdio: ['ignore', quiet ? 'pipe' : 'inherit', 'inherit'],
    maxBuffer: 16 * 1024 * 1024,
  });
  if (r.error) fail(`could not run ${cmd}: ${r.error.message}`);
  if (r.status !== 0) fail(`${cmd} ${cmdArgs.join(' ')} exited with status ${r.status}`);
  return r.stdout ?? '';
}

// The last line of JSON a bench script printed.
function lastJson(text, what) {
  const line = text.trim().split('\n').reverse().find((l) => l.startsWith('{'));
  if (!line) fail(`${what} printed no JSON:\n${text}`);
  return JSON.parse(line);
}

const haveBuild = (dir) =>
  existsSync(join(dir, `${LIB}.js`)) && existsSync(join(dir, `${LIB}_bg.wasm`));

// Newest modification time of the files under `dir` that pass `keep`, ms.
function newest(dir, keep) {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) t = Math.max(t, newest(p, keep));
    else if (keep(p)) t = Math.max(t, statSync(p).mtimeMs);
  }
  return t;
}

const sources = Math.max(
  newest(join(ROOT, 'src'), (p) => p.endsWith('.rs')),
  statSync(join(ROOT, 'Cargo.toml')).mtimeMs,
);
const stale = (dir) => !haveBuild(dir) || statSync(join(dir, `${LIB}_bg.wasm`)).mtimeMs < sources;
const load = () =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(', ');

step(`Load average ${load()} (1, 5, 15 minutes) on ${cpus().length} cores`);

if (stale(WWW_PKG) || (pkgDir === PKG && stale(PKG))) {
  step('Building (node scripts/build.mjs): the builds are missing or older than the sources');
  const r = spawnSync('node', ['scripts/build.mjs'], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) {
    if (!haveBuild(WWW_PKG) || !haveBuild(pkgDir)) fail('the build failed and there is no earlier one');
    console.log('    the build failed: timing the earlier builds, which are older than the sources');
  }
}
if (!haveBuild(pkgDir)) fail(`no ${LIB}.js and ${LIB}_bg.wasm in ${pkgDir}`);

step('Native (cargo run --release --bin bench-native)');
const native = lastJson(
  run('cargo', ['run', '--quiet', '--release', '--bin', 'bench-native'], { quiet: true }),
  'bench-native',
);
console.log(`    ${JSON.stringify(native)}`);

// Each JS bench runs in its own Node process so neither warms the other.
step(`WebAssembly and plain JavaScript in Node ${process.version}`);
const node = lastJson(
  run('node', ['bench/wasm.mjs', '--pkg', pkgDir], { quiet: true }),
  'bench/wasm.mjs',
);
console.log(`    ${JSON.stringify(node)}`);

step('Headless Chromium');
const browser = lastJson(run('node', ['bench/browser.mjs'], { quiet: true }), 'bench/browser.mjs');
console.log(`    ${JSON.stringify(browser)}`);

const r = {
  projection_native_ms: native.projection_ms,
  projection_wasm_ms: node.projection_ms,
  mc_native_ms: native.mc_ms,
  mc_wasm_ms: node.mc_ms,
  first_result_ms: browser.first_result_ms,
  static_peer_ms: browser.static_peer_ms,
  first_use_ms: browser.first_use_ms,
  recompute_ms: browser.recompute_ms,
  recompute_p95_ms: browser.recompute_p95_ms,
  uncertainty_browser_ms: browser.uncertainty_ms,
  slow_input_p95_ms: browser.slow_input_p95_ms,
  first_tap_phone_ms: browser.first_tap_phone_ms,
  first_tap_phone_at_once_ms: browser.first_tap_phone_at_once_ms,
  module_download_phone_ms: browser.module_download_phone_ms,
  national_native_ms: native.national_ms,
  national_wasm_ms: node.national_ms,
};
const wasmVsNative = r.mc_wasm_ms / r.mc_native_ms;
const pageVsStatic = r.first_result_ms / r.static_peer_ms;
// The first tap made at once (nothing fetched ahead) against its peer, the
// module's download alone over the same slow link.
const tapVsDownload = r.first_tap_phone_at_once_ms / r.module_download_phone_ms;

const targets = [
  ['(a) projection, native', fmt(r.projection_native_ms), '', null],
  ['(a) projection, wasm', fmt(r.projection_wasm_ms), '', null],
  ['(b) Monte Carlo 10k × 10 y, wasm', fmt(r.mc_wasm_ms), '<= 20 ms', r.mc_wasm_ms <= 20],
  ['(b) Monte Carlo, native', fmt(r.mc_native_ms), '', null],
  ['(b) wasm / native', wasmVsNative.toFixed(2), '<= 1.5', wasmVsNative <= 1.5],
  ['(c) navigation → first result painted', fmt(r.first_result_ms), '<= 150 ms', r.first_result_ms <= 150],
  ['(c) the same page without its scripts', fmt(r.static_peer_ms), '', null],
  ['(c) page / static peer', pageVsStatic.toFixed(2), '<= 2', pageVsStatic <= 2],
  ['(c) first use → calculator live', fmt(r.first_use_ms), '', null],
  ['(c) phone: first tap → live, after 5 s', fmt(r.first_tap_phone_ms), '<= 1000 ms', r.first_tap_phone_ms <= 1000],
  ['(c) phone: first tap → live, at once', fmt(r.first_tap_phone_at_once_ms), '', null],
  ['(c) phone: the module\'s download alone', fmt(r.module_download_phone_ms), '', null],
  ['(c) phone: tap at once / download', tapVsDownload.toFixed(2), '', null],
  ['(d) input → results updated', fmt(r.recompute_ms), '', null],
  ['(d) input → results updated, p95', fmt(r.recompute_p95_ms), '<= 4 ms', r.recompute_p95_ms <= 4],
  ['(d) once settled: simulation + tornado', fmt(r.uncertainty_browser_ms), '', null],
  ['(d) input → painted, CPU 4× slower, p95', fmt(r.slow_input_p95_ms), '<= 100 ms', r.slow_input_p95_ms <= 100],
  ['(e) national view, native', fmt(r.national_native_ms), '', null],
  ['(e) national view, wasm', fmt(r.national_wasm_ms), '<= 5 ms', r.national_wasm_ms <= 5],
];
step(`Results (ms; medians); load average now ${load()}`);
const w0 = Math.max(...targets.map((t) => t[0].length));
for (const [label, value, target, met] of targets) {
  const verdict = met === null ? '' : met ? 'met' : 'MISSED';
  console.log(`    ${label.padEnd(w0)}  ${value.padStart(8)}  ${target.padEnd(9)} ${verdict}`);
}
const steps = browser.first_result_steps ?? {};
console.log(
  `\n    first result: ${browser.first_result_method}; in the DOM at ${fmt(browser.first_result_dom_ms)} ms` +
    `; HTML ${fmt(steps.htmlEnd)}, DOMContentLoaded ${fmt(steps.domContentLoaded)}` +
    `, wasm fetched ${fmt(steps.wasmFetched)}, wasm instantiated ${fmt(steps.wasmReady)} ms`,
);
console.log(
  `    recompute with style and layout: ${fmt(browser.recompute_layout_ms)} ms` +
    (browser.recompute_unchanged ? `; ${browser.recompute_unchanged} changes left the sentence as it was` : '') +
    `; the charts wait for the input to rest 300 ms, the simulation (${browser.uncertainty_draws} draws, in slices of about 6 ms) 400 ms`,
);
console.log(
  `    typing with the CPU 4× slower: ${browser.slow_input_keys} keys, input event → next painted frame` +
    ` p50 ${fmt(browser.slow_input_p50_ms)}, p95 ${fmt(browser.slow_input_p95_ms)}, largest ${fmt(browser.slow_input_max_ms)} ms` +
    ` (the quietest of ${browser.slow_input_runs} runs)`,
);
console.log(
  `    first tap on a phone (slow 4G: 150 ms, 1.6 Mbit/s; CPU 4× slower; a fresh profile): medians of ${browser.first_tap_phone_runs};` +
    ` the module was fetched ahead in ${browser.first_tap_phone_fetched_ahead} of the taps after 5 s`,
);
console.log(
  `    Monte Carlo: median NPV ${node.mc_npv_p50_wasm.toFixed(2)} in wasm;` +
    ` ${(100 * node.mc_positive_share_wasm).toFixed(1)}% of draws positive`,
);
console.log(
  `    national view: ${node.national_council_runs} council runs (five rollout calls);` +
    ` ${node.engine}; ${browser.engine}`,
);

const num = (v) => (Number.isFinite(v) ? Number(v.toPrecision(4)).toString() : 'nan');
console.log(
  '\nbench: ' +
    Object.entries(r)
      .map(([k, v]) => `${k}=${num(v)}`)
      .join(' ') +
    ` wasm_vs_native=${num(wasmVsNative)} page_vs_static=${num(pageVsStatic)}` +
    ` tap_vs_download=${num(tapVsDownload)}` +
    ` load_1m=${loadavg()[0].toFixed(2)}`,
);
