#!/usr/bin/env node
// Builds the browser widget into www/pkg and checks its download size, then
// the JavaScript API (the `api` feature) into dist/api for developers and
// the benchmarks.
//
//   node scripts/build.mjs            # both
//   node scripts/build.mjs --widget   # only the widget
//
// Both also write dist/outcome-calculator.html: the page in one file (CSS,
// JavaScript and the WebAssembly module inlined) that works opened from
// disk with no network, for workshops.
//
// Steps: install what is missing (scripts/setup.mjs: the npm packages, the
// wasm target, the matching wasm-bindgen CLI, a recent wasm-opt); cargo
// build (wasm-release profile); wasm-bindgen --target web; wasm-opt -Oz;
// report gzipped sizes and fail above the budget.

import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import {
  capture,
  ensureBuildTools,
  note,
  ROOT,
  runOrStop,
  step,
  stop,
  WASM_TARGET,
  wasmOpt,
} from './setup.mjs';

// Total gzipped budget for wasm + JS + CSS. The goal is 50 KB. The first
// budget, 120 KB, held for the calculator alone (106 KB); with every council's
// figures and the DfE file reader, share links, compare, exports and JSON
// import, the uncertainty charts and the national view it is 263 KB, of which
// about 41 KB is the scenario file's JSON (serde_json and field-naming
// errors) and 35 KB the council figures and file reader. The budget is set
// just above that so any further growth fails the build and is a decision.
// Raised from 275 to 285 KB for method 2 (281 KB): cohort streams, the
// price base, per-programme placements and each council's spend per
// looked-after child, the ranges' sources, and the embed safeguards (about
// 6 KB together). Bringing it down means loading the council tables and
// the JSON code only when used.
const BUDGET_BYTES = 285 * 1024;
const GOAL_BYTES = 50 * 1024;

const WWW = join(ROOT, 'www');
const PKG = join(WWW, 'pkg');
const API_PKG = join(ROOT, 'dist', 'api');
const OFFLINE = join(ROOT, 'dist', 'outcome-calculator.html');
const CRATE_LIB = 'outcome_calculator';
const TARGET = WASM_TARGET;
const PROFILE = 'wasm-release';
const WASM_OUT = join(PKG, `${CRATE_LIB}_bg.wasm`);
// The same bytes as a script, for hosts whose policy forbids fetch (below).
const WASM_SCRIPT = `${WASM_OUT}.js`;

function fail(text) {
  stop(`build failed: ${text}`);
}

function run(cmd, args) {
  runOrStop(cmd, args, 'build');
}

// Where cargo puts its output (honours CARGO_TARGET_DIR and .cargo/config).
function targetDir() {
  const meta = capture('cargo', ['metadata', '--format-version', '1', '--no-deps']);
  if (meta !== null) {
    try {
      return JSON.parse(meta).target_directory;
    } catch {
      // fall through
    }
  }
  return process.env.CARGO_TARGET_DIR ?? join(ROOT, 'target');
}

// Runs wasm-opt -Oz on the bindgen output, and keeps its result only if it
// is smaller gzipped (what a reader downloads): for some modules -Oz shrinks
// the raw bytes but compresses worse.
function optimise(file) {
  const opt = wasmOpt();
  note(`using ${opt.version}`);
  const tmp = file.replace(/\.wasm$/, '.opt.wasm');
  run(opt.cmd, [
    ...opt.args,
    '-Oz',
    // Features rustc enables by default for wasm32-unknown-unknown; wasm-opt
    // rejects the module unless they are allowed.
    '--enable-bulk-memory',
    '--enable-nontrapping-float-to-int',
    '--enable-sign-ext',
    '--enable-mutable-globals',
    '--enable-reference-types',
    '--enable-multivalue',
    file,
    '-o',
    tmp,
  ]);
  const before = { raw: statSync(file).size, gz: gzipped([file]) };
  const after = { raw: statSync(tmp).size, gz: gzipped([tmp]) };
  note(`raw ${kb(before.raw)} -> ${kb(after.raw)}; gzipped ${kb(before.gz)} -> ${kb(after.gz)}`);
  if (after.gz <= before.gz) {
    renameSync(tmp, file);
    note('kept the optimised module');
  } else {
    rmSync(tmp);
    note('kept the unoptimised module: it is smaller gzipped');
  }
}

function walk(dir, keep) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .map((name) => join(dir, name))
    .filter((p) => statSync(p).isFile() && keep(p))
    .sort();
}

function gzipped(files) {
  return files.reduce((sum, f) => sum + gzipSync(readFileSync(f), { level: 9 }).length, 0);
}

function kb(bytes) {
  return `${(bytes / 1024).toFixed(1)} KB`;
}

function reportSizes() {
  step('Download size (gzip -9)');
  const wasm = [WASM_OUT];
  // What a reader downloads; the module as a script is fetched only where
  // the module itself cannot be, and is reported on its own.
  const js = [...walk(PKG, (p) => p.endsWith('.js')), ...walk(WWW, (p) => p.endsWith('.js'))].filter(
    (p) => p !== WASM_SCRIPT,
  );
  const css = [...walk(PKG, (p) => p.endsWith('.css')), ...walk(WWW, (p) => p.endsWith('.css'))];
  const rows = [
    ['wasm', wasm],
    ['js', js],
    ['css', css],
  ].map(([label, files]) => [label, files, gzipped(files)]);
  for (const [label, files, bytes] of rows) {
    const names = files.map((f) => relative(ROOT, f)).join(', ') || 'none';
    note(`${label.padEnd(5)} ${kb(bytes).padStart(9)}  (${names})`);
  }
  const total = rows.reduce((sum, r) => sum + r[2], 0);
  note(`total ${kb(total).padStart(9)}  budget ${kb(BUDGET_BYTES)}, goal ${kb(GOAL_BYTES)}`);
  if (total > BUDGET_BYTES) {
    fail(`gzipped total ${kb(total)} is over the ${kb(BUDGET_BYTES)} budget`);
  }
  if (total > GOAL_BYTES) note(`within budget; ${kb(total - GOAL_BYTES)} above the goal`);
  note(`only where fetch is forbidden: ${relative(ROOT, WASM_SCRIPT)} ${kb(gzipped([WASM_SCRIPT]))}`);
}

// pkg/outcome_calculator_bg.wasm.js: the module's bytes as a JavaScript
// module. A page whose Content-Security-Policy allows scripts from this
// site but no connect-src (for example default-src 'none'; script-src
// 'self' 'wasm-unsafe-eval') blocks the loader's fetch of the .wasm; the
// loader then imports this instead, which script-src allows.
function writeWasmScript() {
  const b64 = readFileSync(WASM_OUT).toString('base64');
  writeFileSync(
    WASM_SCRIPT,
    [
      '// The calculator\'s WebAssembly module, for pages that forbid fetching it (see outcome-calculator.js).',
      `const b64 = ${JSON.stringify(b64)};`,
      'export default Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));',
      '',
    ].join('\n'),
  );
}

// Compiles the library with the given features and writes the bindings to
// `out`.
function buildPackage(label, features, out) {
  step(`${label}: compiling for ${TARGET} (profile ${PROFILE}${features.length ? `, features ${features.join(',')}` : ''})`);
  const featureArgs = features.length ? ['--features', features.join(',')] : [];
  run('cargo', ['build', '--lib', '--target', TARGET, '--profile', PROFILE, ...featureArgs]);
  step(`${label}: generating the JS bindings (wasm-bindgen --target web)`);
  const wasmIn = join(targetDir(), TARGET, PROFILE, `${CRATE_LIB}.wasm`);
  rmSync(out, { recursive: true, force: true });
  run('wasm-bindgen', ['--target', 'web', '--no-typescript', '--out-dir', out, wasmIn]);
  step(`${label}: optimising for size (wasm-opt -Oz)`);
  optimise(join(out, `${CRATE_LIB}_bg.wasm`));
}

// Text that may sit inside a <script> or <style> element: "</" would end it.
function inlineSafe(text) {
  return text.replace(/<\/(script|style)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');
}

// dist/outcome-calculator.html: index.html with page.css in a <style>, and
// one module script holding the wasm-bindgen glue, the module (base64,
// started with initSync) and the widget's CSS (given to its shadow root as
// a constructed stylesheet), and the loader. Works from file:// with no
// requests. It is not served under the strict CSP the hosted page has.
function writeOffline() {
  step('Single-file page (dist/outcome-calculator.html)');
  let html = readFileSync(join(WWW, 'index.html'), 'utf8');
  const pageCss = readFileSync(join(WWW, 'page.css'), 'utf8');
  const widgetCss = readFileSync(join(WWW, 'widget.css'), 'utf8');
  const glue = readFileSync(join(PKG, `${CRATE_LIB}.js`), 'utf8');
  const loader = readFileSync(join(WWW, 'outcome-calculator.js'), 'utf8');
  const wasm = readFileSync(WASM_OUT).toString('base64');

  const exportLine = /^export \{ initSync, __wbg_init as default \};\s*$/m;
  const importLine = /^import init, \{ initSync, mount \} from '\.\/pkg\/outcome_calculator\.js';\s*$/m;
  if (!exportLine.test(glue)) fail('the wasm-bindgen glue no longer ends with the expected export line');
  if (!importLine.test(loader)) fail('outcome-calculator.js no longer has the expected import line');
  const script = [
    glue.replace(exportLine, 'const init = __wbg_init;').replace(/^export function /gm, 'function '),
    `globalThis.OUTCOME_CALCULATOR_INLINE = { wasm: ${JSON.stringify(wasm)}, css: ${JSON.stringify(widgetCss)} };`,
    loader.replace(importLine, ''),
  ].join('\n');

  const styleTag = '<link rel="stylesheet" href="page.css">';
  const scriptTag = '<script type="module" src="outcome-calculator.js"></script>';
  if (!html.includes(styleTag) || !html.includes(scriptTag)) {
    fail('www/index.html no longer links page.css and outcome-calculator.js as expected');
  }
  // Nothing to fetch ahead: everything is in the file.
  const preloads = /^ *<!-- Fetched while the page loads[^\n]*\n|^ *<link rel="(?:module)?preload"[^>]*>\n/gm;
  html = html
    .replace(preloads, '')
    .replace(styleTag, () => `<style>\n${inlineSafe(pageCss)}\n</style>`)
    .replace(scriptTag, () => `<script type="module">\n${inlineSafe(script)}\n</script>`);
  mkdirSync(dirname(OFFLINE), { recursive: true });
  writeFileSync(OFFLINE, html);
  note(`${relative(ROOT, OFFLINE)}: ${kb(statSync(OFFLINE).size)} (${kb(gzipSync(html, { level: 9 }).length)} gzipped)`);
}

ensureBuildTools();
buildPackage('widget', [], PKG);
writeWasmScript();
writeOffline();
reportSizes();
if (!process.argv.includes('--widget')) {
  buildPackage('JavaScript API', ['api'], API_PKG);
  note(`JavaScript API in ${relative(ROOT, API_PKG)}/ (${kb(gzipped([join(API_PKG, `${CRATE_LIB}_bg.wasm`)]))} gzipped wasm)`);
}
console.log(`\nbuild ok: www/ is ready to serve`);
