#!/usr/bin/env node
// Runs every test suite in order and stops at the first failure.
//
//   0. set-up      installs what is missing (scripts/setup.mjs); stops with
//                  the apt-get line if Chromium or ChromeDriver is missing
//   1. format      cargo fmt --check
//   2. commands    node --test tests/*.test.mjs (the README's commands are .ci/run's)
//   3. lint        cargo clippy -D warnings, native (all targets) and wasm32
//   4. docs        cargo doc --no-deps with -D warnings
//   5. native      cargo test
//   6. properties  the model's invariants over 100,000 random scenarios (release,
//                  without link-time optimisation: see RELEASE_CHECKS)
//   7. fuzz        200,000 mutated share links, scenarios, CSV files and typed numbers
//                  (the same release build)
//   8. wasm        wasm-bindgen-test in headless Chromium (cargo test --target wasm32-unknown-unknown)
//   9. build       node scripts/build.mjs (includes the download-size budget)
//  10. end-to-end  node --test tests/e2e/*.test.mjs (playwright-core + axe-core)

import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureTestTools, requireBrowser, ROOT, WASM_TARGET } from './setup.mjs';

const results = [];

const ANSI = /\x1b\[[0-9;]*m/g;

// Runs a command, showing its output as it comes and keeping a copy.
function run(cmd, args, { env = {} } = {}) {
  console.log(`$ ${[...Object.entries(env).map(([k, v]) => `${k}=${v}`), cmd, ...args].join(' ')}`);
  return new Promise((resolve) => {
    const child = spawn(cmd, args, {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => {
      process.stdout.write(d);
      output += d;
    });
    child.stderr.on('data', (d) => {
      process.stderr.write(d);
      output += d;
    });
    child.on('error', (err) => {
      output += `\n${err.message}\n`;
      console.error(`could not run ${cmd}: ${err.message}`);
    });
    child.on('close', (code) => resolve({ code: code ?? 1, output: output.replace(ANSI, '') }));
  });
}

// Adds up cargo's (and wasm-bindgen-test-runner's) "test result:" lines.
function cargoCounts(output) {
  let passed = 0;
  let failed = 0;
  let ignored = 0;
  let found = false;
  for (const m of output.matchAll(
    /test result: \w+\. (\d+) passed; (\d+) failed(?:; (\d+) ignored)?/g,
  )) {
    found = true;
    passed += Number(m[1]);
    failed += Number(m[2]);
    ignored += Number(m[3] ?? 0);
  }
  return found ? { passed, failed, ignored } : null;
}

// Reads node --test's closing counts (TAP "# pass N" or spec "ℹ pass N").
function nodeCounts(output) {
  const get = (word) => {
    const all = [...output.matchAll(new RegExp(`^(?:#|ℹ) ${word} (\\d+)\\s*$`, 'gm'))];
    return all.length ? Number(all[all.length - 1][1]) : null;
  };
  const passed = get('pass');
  const failed = get('fail');
  if (passed === null || failed === null) return null;
  return { passed, failed, ignored: (get('skipped') ?? 0) + (get('todo') ?? 0) };
}

const STEPS = 10;
let stepNumber = 0;

// When the current step began (ms), for each suite's time in the summary.
let stepStarted = Date.now();

function header(title) {
  stepNumber += 1;
  stepStarted = Date.now();
  console.log(`\n${'='.repeat(72)}\n[${stepNumber}/${STEPS}] ${title}\n${'='.repeat(72)}`);
}

function describe(r) {
  if (!r.counts) return r.detail ?? (r.ok ? 'ok' : 'failed');
  const { passed, failed, ignored } = r.counts;
  return `${passed} passed, ${failed} failed${ignored ? `, ${ignored} skipped` : ''}`;
}

function finish(code) {
  console.log(`\n${'='.repeat(72)}\nSummary`);
  for (const r of results) {
    const took = `${r.seconds} s`.padStart(7);
    console.log(`  ${r.ok ? 'PASS' : 'FAIL'}  ${r.name.padEnd(12)} ${took}  ${describe(r)}`);
  }
  const seconds = results.reduce((s, r) => s + r.seconds, 0);
  console.log(`time: ${Math.floor(seconds / 60)} min ${seconds % 60} s in the suites`);
  const counted = results.filter((r) => r.counts);
  const passed = counted.reduce((s, r) => s + r.counts.passed, 0);
  const failed = counted.reduce((s, r) => s + r.counts.failed, 0);
  if (code === 0) {
    console.log('All suites passed.');
  } else {
    console.log(`Stopped at the first failing suite: ${results[results.length - 1]?.name}.`);
  }
  console.log(`total: ${passed} passed, ${failed} failed`);
  process.exit(code);
}

// A suite that skipped or ignored a test fails: nothing in this project is
// optional, and a test that skips checks nothing. (A test that truly needs
// something optional would say so in its name and be listed here.)
function record(name, { code, output }, counts, detail) {
  const skipped = counts?.ignored ?? 0;
  const ok = code === 0 && skipped === 0;
  const why = code !== 0 ? `exit status ${code}` : `${skipped} test(s) skipped or ignored`;
  const seconds = Math.round((Date.now() - stepStarted) / 1000);
  stepStarted = Date.now();
  results.push({ name, ok, counts, seconds, detail: detail ?? (ok ? 'ok' : why) });
  if (!ok) {
    if (code === 0) console.error(`\n${name}: ${why}; every test must run`);
    finish(1);
  }
}

// What the wasm tests compile: tests/wasm*.rs, and the library's own tests
// if src/ has any #[wasm_bindgen_test]. The other integration tests and the
// doctests are native-only.
function wasmTestTargets() {
  const targets = grepTree(join(ROOT, 'src'), /wasm_bindgen_test/) ? ['--lib'] : [];
  const dir = join(ROOT, 'tests');
  if (existsSync(dir)) {
    for (const f of readdirSync(dir).sort()) {
      const m = f.match(/^(wasm[\w-]*)\.rs$/);
      if (m) targets.push('--test', m[1]);
    }
  }
  return targets;
}

const WASM_ARGS = ['--target', WASM_TARGET, '--features', 'api'];

function grepTree(dir, re) {
  if (!existsSync(dir)) return false;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    if (entry.isDirectory() ? grepTree(p, re) : p.endsWith('.rs') && re.test(readFileSync(p, 'utf8'))) {
      return true;
    }
  }
  return false;
}

// The node test files in a folder of tests/, as paths from the root.
function nodeTestFiles(...dir) {
  const abs = join(ROOT, ...dir);
  if (!existsSync(abs)) return [];
  return readdirSync(abs)
    .filter((f) => /\.test\.m?js$/.test(f))
    .sort()
    .map((f) => join(...dir, f));
}

// Runs node --test over a folder's files; fails when there are none.
async function nodeSuite(name, ...dir) {
  const files = nodeTestFiles(...dir);
  if (files.length === 0) {
    console.error(`no test files in ${join(...dir)}/`);
    record(name, { code: 1, output: '' }, null, 'no test files');
  }
  const r = await run(process.execPath, ['--test', ...files]);
  record(name, r, nodeCounts(r.output));
}

// Runs a cargo check that reports nothing when it passes.
async function cargoCheck(name, args, env) {
  const r = await run('cargo', args, { env });
  record(name, r, null);
}

// 0. Set-up: what a fresh clone lacks, before anything long.
ensureTestTools();

header('format: cargo fmt --check');
await cargoCheck('format', ['fmt', '--check']);

header("commands: the README's set-up is what .ci/run runs");
await nodeSuite('commands', 'tests');

header('lint: cargo clippy -D warnings, native and wasm32');
// Every feature, so code behind one that is off by default is linted too.
await cargoCheck('lint native', ['clippy', '--all-targets', '--all-features', '--', '-D', 'warnings']);
// The library as the page and the API build it, and the wasm tests.
const wasmLintTargets = ['--lib', ...wasmTestTargets().filter((t) => t !== '--lib')];
await cargoCheck('lint wasm32', [
  'clippy',
  '--target',
  WASM_TARGET,
  '--all-features',
  ...wasmLintTargets,
  '--',
  '-D',
  'warnings',
]);

header('docs: cargo doc --no-deps, warnings as errors');
await cargoCheck('docs', ['doc', '--no-deps'], { RUSTDOCFLAGS: '-D warnings' });

header('native: cargo test');
{
  const r = await run('cargo', ['test']);
  record('native', r, cargoCounts(r.output));
}

// The properties and the fuzz run are optimised (release) but built
// without the release profile's link-time optimisation into one codegen
// unit, which only the shipped programs need: on a busy 2-core machine
// (load 8 to 11) the two builds took 380 s and 334 s with it and 132 s and
// 14 s without, and the runs as long (properties 49 to 53 s either way,
// fuzz 5.4 to 5.8 s). The same code and the same checks; the environment
// of these two steps alone, so the widget's build (profile wasm-release,
// which inherits from release) is untouched.
const RELEASE_CHECKS = { CARGO_PROFILE_RELEASE_LTO: 'false', CARGO_PROFILE_RELEASE_CODEGEN_UNITS: '16' };

// Properties over 100,000 random scenarios (about 30 s after the release
// build; PROPTEST_CASES in the environment overrides the count).
header('properties: 100,000 random scenarios');
{
  const cases = process.env.PROPTEST_CASES ?? '100000';
  const r = await run('cargo', ['test', '--release', '--test', 'model_props'], {
    env: { ...RELEASE_CHECKS, PROPTEST_CASES: cases },
  });
  record('properties', r, cargoCounts(r.output));
}

// A short fuzz pass over the decoders of outside text (the long run is
// recorded in docs/security.md).
header('fuzz: decoders of share links, scenarios, CSV files and typed numbers');
{
  const execs = process.env.FUZZ_EXECS ?? '200000';
  const r = await run('cargo', ['run', '--release', '--example', 'fuzz_decoders', '--', '--execs', execs], {
    env: RELEASE_CHECKS,
  });
  const summary = r.output.match(/^fuzz: .*$/m)?.[0];
  record('fuzz', r, null, r.code === 0 ? summary?.replace(/^fuzz: /, '') : undefined);
}

header('wasm: wasm-bindgen-test in headless Chromium');
{
  const { chromedriver } = requireBrowser();
  const env = {
    CHROMEDRIVER: chromedriver,
    WASM_BINDGEN_TEST_WEBDRIVER_JSON: join(ROOT, 'webdriver.json'),
    // Per test; the default is short for a 2-core machine.
    WASM_BINDGEN_TEST_TIMEOUT: process.env.WASM_BINDGEN_TEST_TIMEOUT ?? '120',
  };
  const targets = wasmTestTargets();
  if (targets.length === 0) {
    console.log('No wasm tests yet (tests/wasm*.rs or #[wasm_bindgen_test] in src/).');
    record('wasm', { code: 0, output: '' }, { passed: 0, failed: 0, ignored: 0 });
  } else {
    const args = ['test', ...WASM_ARGS, ...targets];
    let r = await run('cargo', args, { env });
    if (r.code !== 0 && /failed to bind/i.test(r.output)) {
      console.log('\nChromeDriver wrote to stderr at start-up; retrying with CHROMEDRIVER_ARGS=--silent');
      r = await run('cargo', args, { env: { ...env, CHROMEDRIVER_ARGS: '--silent' } });
    }
    const counts = cargoCounts(r.output);
    const none = /no tests to run/i.test(r.output) && !counts;
    record('wasm', r, counts ?? (none ? { passed: 0, failed: 0, ignored: 0 } : null));
  }
}

header('build: node scripts/build.mjs');
{
  const r = await run(process.execPath, [join(ROOT, 'scripts', 'build.mjs')]);
  const size = r.output.match(/^\s*total\s+([\d.]+ KB)/m)?.[1];
  record('build', r, null, r.code === 0 ? `ok${size ? `, ${size} gzipped` : ''}` : undefined);
}

header('end-to-end: node --test tests/e2e/');
await nodeSuite('end-to-end', 'tests', 'e2e');

finish(0);
