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
// write the pages with their first result (scripts/prerender.mjs); report
// gzipped sizes and fail above the budgets.

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
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import {
  capture,
  ensureBuildTools,
  findChromium,
  note,
  ROOT,
  runOrStop,
  step,
  stop,
  WASM_TARGET,
  wasmOpt,
} from './setup.mjs';
import { prerender, writePlainPages } from './prerender.mjs';

// Two budgets, gzipped.
//
// First load: what a reader downloads before the first result is on the
// screen, which is the page (with the first result written into it by the
// build), its CSS, the widget's CSS and the two small scripts. The
// calculator itself is fetched when the reader first uses it. Goal 50 KB.
const FIRST_LOAD_BUDGET = 120 * 1024;
const FIRST_LOAD_GOAL = 50 * 1024;
// The calculator, fetched on first use: the WebAssembly module and its
// bindings. It holds every council's figures and the DfE file reader,
// share links, compare, exports and JSON import, the uncertainty charts,
// the national view and "Your council in context" (its figures are a data
// file loaded when the panel opens). History of the budget: 275 KB, then
// 285 KB for method 2; the scenario file now goes through the browser's
// own JSON (12.7 KB less), the context panel adds 18 KB and the table of
// fields 2 KB (286.8 KB), and the model compiled for speed (Cargo.toml,
// profile.wasm-release.package.outcome-model) 35 KB for a Monte Carlo
// 4.3 times faster (321.9 KB), and every figure a button that opens its
// working, whose own code is a separate module fetched on first use (5 KB:
// 327.2 KB), then the baseline without the programmes (flat, the council's
// own trend or England's, each outcome's history, baseline and projection
// on one chart), the half-way illustration as a scenario and the council's
// own unit cost beside the national default in the context panel (12.3 KB;
// 340.3 KB with the workings sheet; the first load is unchanged), and
// charts laid out for phones (text measured and wrapped) with redraws split
// so that typing redraws only the key figures (343.4 KB), then one Widget
// value per calculator (1 KB less), redrawing only what differs and the
// simulation in slices (345.8 KB), then the plausibility warnings on every
// figure (a typed count against the council's official figures, its
// children and its other counts; results against its children in care and
// its spend; roll-out totals against England) and the roll-out's cases
// following each council's own caseload, with its three care measures
// (6.6 KB; 352.4 KB), then method 3: each effect counted for the period
// its study observed, the conventions drawn in the simulation with the gap
// to the headline explained, the table of councils already running a
// programme with its sources, and the notices of what a result does not
// count (8.8 KB; 361.2 KB); and, measured on their own from 345.8 KB,
// saved work kept through every link, fault and reset (tracking
// parameters ignored, a saved copy of an older evidence set kept, "Undo"
// after "Start again", "Try again with your figures" after a fault; 4 KB),
// saves that fail said and a second tab's save noticed (1.1 KB), and
// scenario files read exactly as strictly as the CLI: every key of the
// file seen, through the model's `scenario::tree` in place of
// serde-wasm-bindgen's deserializer, which looks up only the fields it
// knows (13.3 KB), and each drawing's listeners and observers released
// when it is drawn again (0.9 KB); together 383.9 KB. Then custom
// programmes' benefits in money the GMCA way (a value a case a year over
// its years with its own drop-off; one cohort or one a funded year), in
// the model and in the form (13.0 KB; 397.1 KB). Then, with a profile of
// the module by function and crate (docs/methodology.md §9): wasm-opt
// --converge (2.8 KB less; 394.3 KB), and the scenario file's strict
// decoder (serde over the whole format, with serde_path_to_error: a tenth
// of the module's code) moved to the workings module, fetched when a file
// is opened (41.5 KB less; 352.8 KB); then the DfE files read in slices
// with their progress and "Stop loading", radios taken out of their group
// before a redraw removes them and the programmes shown on the evidence
// page named in the picker (3.5 KB; 356.3 KB); then a programme that waits
// for a figure no source publishes while the results for the rest stay up,
// Esc leaving presenter mode and the printout naming the council (2.1 KB;
// 358.4 KB), the field being typed in held in place while the results
// above it redraw (0.8 KB; 359.2 KB), then chart pictures whose title,
// council, scenario and source lines are wrapped to the picture's width,
// and the offline file's share panel that says its link opens only on this
// device and builds the link on a hosted copy's address when given
// (1.9 KB; 361.2 KB), then the compact embed's "Open the full calculator"
// link with the scenario in its address and the view and sections options
// (0.3 KB, within the budget; 361.5 KB), then the scenario checked once a
// change (a valid-scenario type, one written link shared by the address, the
// saved copy and the embed codes, the simulation reusing the projected
// figure) and a custom programme's `nature` read instead of its name
// (1.0 KB; 362.5 KB); then "Your council in context" drawn by the
// on-demand module (the workings module), its panel and controls kept
// here (29.6 KB less; 332.9 KB), then the national roll-out worked out
// and drawn there too, the councils of the year passed with the scenario
// (8.0 KB less; 324.9 KB), then the DfE files read by the on-demand module
// too, the figures coming back as arrays (25.5 KB less; 299.4 KB), then
// the report CSV and the charts' SVG and PNG files made there (11.9 KB
// less; 287.5 KB), and the half-way illustration applied only when no
// figure was typed while the module made it (0.8 KB; 288.3 KB), and with
// errors' places as data and the widget's update cycle and panel hooks
// merged (0.8 KB; 289.1 KB), then a share link's error and an error's
// place from a path made once rather than in each caller (1.2 KB less;
// 287.9 KB): 288.5 KB; then the model compiled for size, as the widget is,
// with only its kernel and the loops that run it (the projection, the Monte
// Carlo and the tornado) compiled for speed, instantiated in a crate of
// their own (crates/kernel; the Monte Carlo no slower; 13.7 KB less;
// 274.3 KB), 274.5 KB with the kernel's fuller record the same day:
// 275.0 KB; then numbers written as text without core's float formatting
// (share links, the projection's notes and a warning, through the model's
// base::decimal and the ryu crate; 5.4 KB less; 274.6 -> 269.2 KB, and
// 274.8 -> 269.5 KB with the workings reading the kernel's named steps):
// 270.0 KB.
// The budget sits just above the size so any growth
// fails the build and is a decision; the issue's goal is 170 KB.
const CALCULATOR_BUDGET = 270.0 * 1024;

const WWW = join(ROOT, 'www');
const PKG = join(WWW, 'pkg');
const API_PKG = join(ROOT, 'dist', 'api');
// Every figure's working: its own module, fetched on first use.
const WORKINGS_PKG = join(WWW, 'pkg-workings');
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
    // Runs the passes again until the module stops shrinking (2.8 KB
    // gzipped off the calculator).
    '--converge',
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

function sizeRow(label, files) {
  const bytes = gzipped(files);
  const names = files.map((f) => relative(ROOT, f)).join(', ') || 'none';
  note(`${label.padEnd(12)} ${kb(bytes).padStart(9)}  (${names})`);
  return bytes;
}

function reportSizes() {
  step('Download size (gzip -9)');
  note('first load, before the first result is shown:');
  const page = sizeRow('page', [join(WWW, 'index.html')]);
  const css = sizeRow('css', [join(WWW, 'page.css'), join(WWW, 'widget.css')]);
  const scripts = sizeRow('scripts', [join(WWW, 'start.js'), join(WWW, 'outcome-calculator.js')]);
  const first = page + css + scripts;
  note(`first load ${kb(first).padStart(9)}  budget ${kb(FIRST_LOAD_BUDGET)}, goal ${kb(FIRST_LOAD_GOAL)}`);
  note(`(embed.html in place of index.html: ${kb(first - page + gzipped([join(WWW, 'embed.html')]))})`);
  if (first > FIRST_LOAD_BUDGET) {
    fail(`the first load, ${kb(first)} gzipped, is over the ${kb(FIRST_LOAD_BUDGET)} budget`);
  }
  note('the calculator, fetched when the reader first uses it:');
  const wasm = sizeRow('wasm', [WASM_OUT]);
  const glue = sizeRow('bindings', walk(PKG, (p) => p.endsWith('.js') && p !== WASM_SCRIPT));
  const calculator = wasm + glue;
  note(`calculator ${kb(calculator).padStart(9)}  budget ${kb(CALCULATOR_BUDGET)}`);
  if (calculator > CALCULATOR_BUDGET) {
    fail(`the calculator, ${kb(calculator)} gzipped, is over the ${kb(CALCULATOR_BUDGET)} budget`);
  }
  note(`only where fetch is forbidden: ${relative(ROOT, WASM_SCRIPT)} ${kb(gzipped([WASM_SCRIPT]))}`);
}

// The served pages, each with the calculator's first result in it. Needs
// Chromium (in the README's apt-get line); without it the pages are
// written without one and the calculator loads at once.
async function writePages() {
  step('Pages with their first result (www/index.html, www/embed.html from www/pages/)');
  const executablePath = findChromium();
  if (!executablePath) {
    writePlainPages(WWW);
    note('Chromium not found: pages written without a first result');
    return;
  }
  const require = createRequire(import.meta.url);
  const { chromium } = require('playwright-core');
  const args = JSON.parse(readFileSync(join(ROOT, 'webdriver.json'), 'utf8'))['goog:chromeOptions'].args;
  try {
    for (const { page, bytes } of await prerender({ www: WWW, chromium, executablePath, args })) {
      note(`www/${page}: ${kb(bytes)}`);
    }
  } catch (err) {
    fail(`could not write the first result into the pages: ${err.message}`);
  }
}

// The workings module, fetched when a reader first opens a figure's
// working (191.3 KB: the model for size, the derivations with the
// baseline's trend steps, and the workings sheet with its number
// formatting; then 200.6 KB with the plausibility warnings, the roll-out's
// per-council cases and method 3's steps for what is counted after the
// period each study observed; 205.4 KB with the workings of custom
// benefits and the strict scenario reader; 220.6 KB once it also reads the
// scenario files a reader opens, whose decoder left the calculator: 41.5 KB
// off the calculator for 15.2 KB here, as the workings already decoded the
// scenario, now through the same strict reader; 221.9 KB with the
// working of the council's cash savings so far, the payback chart's line;
// 223.2 KB with each working's sources listed at its top and the workings
// sheet writing a working met again once, referred to by its figure and
// step: 67 KB for the default scenario in place of 945 KB); 226.2 KB once
// the workings follow the kernel's own record of its run (a second,
// recording instantiation of the kernel, 2.8 KB) rather than repeating its
// loops, lag rules and caps; 259.7 KB once it also draws "Your council in
// context" (the model's context code at opt-level z, read from the council
// figures; 29.6 KB off the calculator for 32.9 KB here, where a module of
// its own would carry the strict reader and the runtime a second time);
// 273.5 KB once it also works out and draws the national roll-out (8.0 KB
// off the calculator for 13.8 KB here: the kernel's projection without a
// record is a second instantiation here, beside the recording one the
// workings use, with the roll-out's plausibility checks and its CSV);
// 294.4 KB once it also reads the DfE files a reader loads (25.5 KB off
// the calculator for 20.9 KB here; the single offline file 4.4 KB smaller);
// 308.6 KB once it also makes the report CSV and the charts' files (11.9 KB
// off the calculator for 14.2 KB here); 309.2 KB once a scenario file
// without a version, or without evidence_set, council or programmes, is
// told which (the scenario read through its parts, 0.5 KB); 3.4 KB more
// (308.9 to 312.3 KB, measured alone) once the workings show the kernel's
// own money and cost rather than working them out again (the recording
// kernel also records each programme's money and cost by part, each
// benefit's amounts, each term's value and each hold, and the
// projection's sums are recorded through the same recorder): 312.9 KB
// with both; 2.9 KB more (312.9 to 315.8 KB) once every step the kernel
// works out shows the kernel's own number rather than working it out
// again (the recording kernel also records each cohort's change per case,
// its change before timing and its nesting factor, and the workings read
// the plan's adjustment factors, timing factors, shares, unit costs and
// counts): 315.9 KB; 316.0 KB once the model's projection, Monte Carlo
// and tornado take the kernel's run as an argument and its small helpers
// are inline, for the calculator's kernel crate (0.2 KB here for 13.6 KB
// off the calculator): 316.5 KB; 317.2 KB once the steps the kernel
// worked out only inside a larger expression are read from its plan and
// record too (1.1 KB, 316.1 to 317.2 KB); 322.0 KB (from 317.2 KB) once
// the model writes numbers through base::decimal and ryu, which took
// core's float formatting out of the calculator (5.3 KB less there); this
// module keeps core's too, for serde's errors and the workings' fixed
// places (4.8 KB): 322.5 KB.
const WORKINGS_BUDGET = 322.5 * 1024;

function reportWorkings() {
  note("every figure's working, fetched when a reader first opens one:");
  const w = sizeRow('workings', [join(WORKINGS_PKG, `${CRATE_LIB}_bg.wasm`), join(WORKINGS_PKG, `${CRATE_LIB}.js`)]);
  note(`workings   ${kb(w).padStart(9)}  budget ${kb(WORKINGS_BUDGET)}`);
  if (w > WORKINGS_BUDGET) fail(`the workings module, ${kb(w)} gzipped, is over the ${kb(WORKINGS_BUDGET)} budget`);
}

// pkg/outcome_calculator_bg.wasm.js: the module's bytes as a JavaScript
// module. A page whose Content-Security-Policy allows scripts from this
// site but no connect-src (for example default-src 'none'; script-src
// 'self' 'wasm-unsafe-eval') blocks the loader's fetch of the .wasm; the
// loader then imports this instead, which script-src allows.
function writeWasmScript(wasmFile = WASM_OUT) {
  const b64 = readFileSync(wasmFile).toString('base64');
  writeFileSync(
    `${wasmFile}.js`,
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
// `features` null: the default features (the widget); else exactly these.
function buildPackage(label, features, out, profile = PROFILE) {
  step(`${label}: compiling for ${TARGET} (profile ${profile}${features ? `, only the features ${features.join(',')}` : ''})`);
  const featureArgs = features ? ['--no-default-features', '--features', features.join(',')] : [];
  run('cargo', ['build', '--lib', '--target', TARGET, '--profile', profile, ...featureArgs]);
  step(`${label}: generating the JS bindings (wasm-bindgen --target web)`);
  const wasmIn = join(targetDir(), TARGET, profile, `${CRATE_LIB}.wasm`);
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
// one module script holding the wasm-bindgen glue, the module (gzipped and
// base64) and the widget's CSS (given to its shadow root as
// a constructed stylesheet), the council figures behind "Your council in
// context" (gzipped and base64), and the loader. Works from file:// with no
// requests. It is not served under the strict CSP the hosted page has.
// The single file is e-mailed and carried on memory sticks: at most 1 MB
// (it was 1,979 KB with the modules as plain base64).
const OFFLINE_BUDGET = 1024 * 1024;

function writeOffline() {
  step('Single-file page (dist/outcome-calculator.html)');
  // The page's source: the first result written into the served page links
  // widget.css, which the single file carries inside itself instead.
  let html = readFileSync(join(WWW, 'pages', 'index.html'), 'utf8');
  const pageCss = readFileSync(join(WWW, 'page.css'), 'utf8');
  const widgetCss = readFileSync(join(WWW, 'widget.css'), 'utf8');
  const glue = readFileSync(join(PKG, `${CRATE_LIB}.js`), 'utf8');
  const loader = readFileSync(join(WWW, 'outcome-calculator.js'), 'utf8');
  // Each module gzipped, then base64 (the loader unpacks it with the
  // browser's DecompressionStream): the file is about half the size.
  const packed = (file) => gzipSync(readFileSync(file), { level: 9 }).toString('base64');
  const wasm = packed(WASM_OUT);
  const workingsGlue = readFileSync(join(WORKINGS_PKG, `${CRATE_LIB}.js`), 'utf8');
  const workingsWasm = packed(join(WORKINGS_PKG, `${CRATE_LIB}_bg.wasm`));
  // The council history, spending and neighbours ("Your council in
  // context"), which the hosted page fetches as data/council-data.js: the
  // module's one string, gzipped and base64 like the modules.
  const councilModule = readFileSync(join(WWW, 'data', 'council-data.js'), 'utf8');
  const councilText = councilModule.match(/^export default ("(?:[^"\\]|\\.)*");\s*$/m);
  if (!councilText) fail('data/council-data.js no longer holds one `export default "..."` string');
  const councilData = gzipSync(Buffer.from(JSON.parse(councilText[1]), 'utf8'), { level: 9 }).toString('base64');

  const exportLine = /^export \{ initSync, __wbg_init as default \};\s*$/m;
  const importLine = /^import init, \{ mount \} from '\.\/pkg\/outcome_calculator\.js';\s*$/m;
  if (!exportLine.test(glue)) fail('the wasm-bindgen glue no longer ends with the expected export line');
  if (!exportLine.test(workingsGlue)) fail('the workings glue no longer ends with the expected export line');
  if (!importLine.test(loader)) fail('outcome-calculator.js no longer has the expected import line');
  const script = [
    glue.replace(exportLine, 'const init = __wbg_init;').replace(/^export function /gm, 'function '),
    // The workings module's glue in a scope of its own (its names are the
    // calculator's too), started from its bytes when first used.
    'globalThis.OUTCOME_CALCULATOR_WORKINGS = () => {',
    workingsGlue.replace(exportLine, '').replace(/^export function /gm, 'function '),
    'return { initSync, draw_working, draw_print, workings_csv, read_scenario_file, draw_context, context_baseline, context_half_way, draw_national, read_dfe, report_csv, export_chart };',
    '};',
    `globalThis.OUTCOME_CALCULATOR_INLINE = { wasm: ${JSON.stringify(wasm)}, css: ${JSON.stringify(widgetCss)}, workings: ${JSON.stringify(workingsWasm)}, councilData: ${JSON.stringify(councilData)} };`,
    loader.replace(importLine, ''),
  ].join('\n');

  const styleTag = '<link rel="stylesheet" href="page.css">';
  const scriptTag = '<script type="module" src="outcome-calculator.js"></script>';
  const startTag = '<script src="start.js"></script>';
  if (!html.includes(styleTag) || !html.includes(scriptTag) || !html.includes(startTag)) {
    fail('www/index.html no longer links page.css, start.js and outcome-calculator.js as expected');
  }
  const startJs = readFileSync(join(WWW, 'start.js'), 'utf8');
  // Nothing to fetch ahead: everything is in the file.
  const preloads = /^ *<!-- Fetched while the page loads[^\n]*\n|^ *<link rel="(?:module)?preload"[^>]*>\n/gm;
  html = html
    .replace(preloads, '')
    .replace(styleTag, () => `<style>\n${inlineSafe(pageCss)}\n</style>`)
    .replace(startTag, () => `<script>\n${inlineSafe(startJs)}\n</script>`)
    .replace(scriptTag, () => `<script type="module">\n${inlineSafe(script)}\n</script>`);
  mkdirSync(dirname(OFFLINE), { recursive: true });
  writeFileSync(OFFLINE, html);
  const bytes = statSync(OFFLINE).size;
  note(`${relative(ROOT, OFFLINE)}: ${kb(bytes)} (${kb(gzipSync(html, { level: 9 }).length)} gzipped)  budget ${kb(OFFLINE_BUDGET)}`);
  if (bytes > OFFLINE_BUDGET) fail(`the single-file page, ${kb(bytes)}, is over the ${kb(OFFLINE_BUDGET)} budget`);
}

ensureBuildTools();
buildPackage('widget', null, PKG);
writeWasmScript();
buildPackage('workings', ['workings'], WORKINGS_PKG, 'wasm-workings');
writeWasmScript(join(WORKINGS_PKG, `${CRATE_LIB}_bg.wasm`));
await writePages();
writeOffline();
reportSizes();
reportWorkings();
if (!process.argv.includes('--widget')) {
  buildPackage('JavaScript API', ['api'], API_PKG);
  note(`JavaScript API in ${relative(ROOT, API_PKG)}/ (${kb(gzipped([join(API_PKG, `${CRATE_LIB}_bg.wasm`)]))} gzipped wasm)`);
}
console.log(`\nbuild ok: www/ is ready to serve`);
