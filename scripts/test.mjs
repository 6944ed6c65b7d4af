#!/usr/bin/env node
// Runs every test suite in order and stops at the first failure.
//
//   1. native      cargo test
//   2. properties  the model's invariants over 100,000 random scenarios (release)
//   3. fuzz        200,000 mutated share links, scenarios, CSV files and typed numbers (release)
//   4. wasm        wasm-bindgen-test in headless Chromium (cargo test --target wasm32-unknown-unknown)
//   5. build       node scripts/build.mjs (includes the download-size budget)
//   6. end-to-end  node --test tests/e2e/*.test.mjs (playwright-core + axe-core)
//
// The browser suites need Debian's chromium and chromium-driver.

import { spawn } from 'node:child_process';
import { accessSync, constants, existsSync, readdirSync, readFileSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const results = [];

function onPath(name) {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const p = join(dir, name);
    try {
      accessSync(p, constants.X_OK);
      return p;
    } catch {
      // keep looking
    }
  }
  return null;
}

function executable(p) {
  try {
    accessSync(p, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function findChromium() {
  for (const p of [process.env.CHROMIUM, '/usr/bin/chromium'].filter(Boolean)) {
    if (executable(p)) return p;
  }
  return onPath('chromium');
}

function findChromedriver() {
  for (const p of [process.env.CHROMEDRIVER, '/usr/bin/chromedriver'].filter(Boolean)) {
    if (executable(p)) return p;
  }
  return onPath('chromedriver');
}

// Stops with a plain message, not a stack trace, if the browser is missing.
function requireBrowser(suite) {
  const missing = [];
  const chromium = findChromium();
  const chromedriver = findChromedriver();
  if (!chromium) missing.push('chromium (looked for /usr/bin/chromium and chromium on PATH)');
  if (!chromedriver) missing.push('chromedriver (looked for /usr/bin/chromedriver and chromedriver on PATH)');
  if (missing.length > 0) {
    console.error(`\nThe ${suite} suite needs a browser, and this machine is missing:`);
    for (const m of missing) console.error(`  - ${m}`);
    console.error('Install them with:\n  apt-get install -y chromium chromium-driver');
    results.push({ name: suite, ok: false, detail: 'browser missing' });
    finish(1);
  }
  return { chromium, chromedriver };
}

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

const STEPS = 6;

function header(n, title) {
  console.log(`\n${'='.repeat(72)}\n[${n}/${STEPS}] ${title}\n${'='.repeat(72)}`);
}

function describe(r) {
  if (!r.counts) return r.detail ?? (r.ok ? 'ok' : 'failed');
  const { passed, failed, ignored } = r.counts;
  return `${passed} passed, ${failed} failed${ignored ? `, ${ignored} skipped` : ''}`;
}

function finish(code) {
  console.log(`\n${'='.repeat(72)}\nSummary`);
  for (const r of results) {
    console.log(`  ${r.ok ? 'PASS' : 'FAIL'}  ${r.name.padEnd(12)} ${describe(r)}`);
  }
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

function record(name, { code, output }, counts, detail) {
  const ok = code === 0;
  results.push({ name, ok, counts, detail: detail ?? (ok ? 'ok' : `exit status ${code}`) });
  if (!ok) finish(1);
}

// The wasm tests: tests/wasm*.rs, and the library's own if src/ has any
// #[wasm_bindgen_test]. The other integration tests and the doctests are
// native-only. Returns null when there are none.
function wasmTestArgs() {
  const args = ['test', '--target', 'wasm32-unknown-unknown', '--features', 'api'];
  if (grepTree(join(ROOT, 'src'), /wasm_bindgen_test/)) args.push('--lib');
  const dir = join(ROOT, 'tests');
  if (existsSync(dir)) {
    for (const f of readdirSync(dir).sort()) {
      const m = f.match(/^(wasm[\w-]*)\.rs$/);
      if (m) args.push('--test', m[1]);
    }
  }
  return args.length > 5 ? args : null;
}

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

// 1. Native.
header(1, 'native: cargo test');
{
  const r = await run('cargo', ['test']);
  record('native', r, cargoCounts(r.output));
}

// 2. Properties over 100,000 random scenarios (about 30 s after the
// release build; PROPTEST_CASES in the environment overrides the count).
header(2, 'properties: 100,000 random scenarios');
{
  const cases = process.env.PROPTEST_CASES ?? '100000';
  const r = await run('cargo', ['test', '--release', '--test', 'model_props'], {
    env: { PROPTEST_CASES: cases },
  });
  record('properties', r, cargoCounts(r.output));
}

// 3. A short fuzz pass over the decoders of outside text (the long run is
// recorded in docs/security.md).
header(3, 'fuzz: decoders of share links, scenarios, CSV files and typed numbers');
{
  const execs = process.env.FUZZ_EXECS ?? '200000';
  const r = await run('cargo', ['run', '--release', '--example', 'fuzz_decoders', '--', '--execs', execs]);
  const summary = r.output.match(/^fuzz: .*$/m)?.[0];
  record('fuzz', r, null, r.code === 0 ? summary?.replace(/^fuzz: /, '') : undefined);
}

// 4. WebAssembly in headless Chromium.
header(4, 'wasm: wasm-bindgen-test in headless Chromium');
{
  const { chromedriver } = requireBrowser('wasm');
  const env = {
    CHROMEDRIVER: chromedriver,
    WASM_BINDGEN_TEST_WEBDRIVER_JSON: join(ROOT, 'webdriver.json'),
    // Per test; the default is short for a 2-core machine.
    WASM_BINDGEN_TEST_TIMEOUT: process.env.WASM_BINDGEN_TEST_TIMEOUT ?? '120',
  };
  const args = wasmTestArgs();
  if (args === null) {
    console.log('No wasm tests yet (tests/wasm*.rs or #[wasm_bindgen_test] in src/).');
    record('wasm', { code: 0, output: '' }, { passed: 0, failed: 0, ignored: 0 });
  } else {
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

// 5. The browser build and its size budget.
header(5, 'build: node scripts/build.mjs');
{
  const r = await run(process.execPath, [join(ROOT, 'scripts', 'build.mjs')]);
  const size = r.output.match(/^\s*total\s+([\d.]+ KB)/m)?.[1];
  record('build', r, null, r.code === 0 ? `ok${size ? `, ${size} gzipped` : ''}` : undefined);
}

// 6. End to end.
header(6, 'end-to-end: node --test tests/e2e/');
{
  requireBrowser('end-to-end');
  const dir = join(ROOT, 'tests', 'e2e');
  const files = existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => /\.test\.m?js$/.test(f))
        .sort()
        .map((f) => join('tests', 'e2e', f))
    : [];
  if (files.length === 0) {
    console.error('no end-to-end test files in tests/e2e/');
    record('end-to-end', { code: 1, output: '' }, null, 'no test files');
  }
  const r = await run(process.execPath, ['--test', ...files]);
  record('end-to-end', r, nodeCounts(r.output));
}

finish(0);
