// What `npm start` and `npm test` need, installed before the first step that
// needs it, so that either works as the first command on a fresh clone:
//
//   - the system's Chromium and ChromeDriver (the browser tests only): these
//     need root, so a missing one stops with the apt-get line to run;
//   - the npm packages (npm ci when node_modules is missing or does not
//     match package-lock.json);
//   - the wasm32-unknown-unknown Rust target;
//   - the wasm-bindgen CLI of exactly the version in Cargo.lock (it brings
//     wasm-bindgen-test-runner);
//   - a wasm-opt new enough for wasm-bindgen's output (Debian's is too old;
//     the npm package `binaryen` has a newer one).
//
// Each install says in one line what it installs and why. Also the small
// helpers the build and test scripts share.

import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const WASM_TARGET = 'wasm32-unknown-unknown';

/** The one line that installs the system packages (README, .ci/run). */
export const APT_LINE = 'apt-get update && apt-get install -y chromium chromium-driver';

// binaryen before 110 writes the export of a second table (wasm-bindgen's
// externref table) as table 0, and the module then fails to start
// (WebAssembly/binaryen#4711). Debian 12 ships 108.
const WASM_OPT_MIN = 110;

const require = createRequire(import.meta.url);

// `cargo install` puts the wasm-bindgen CLI here; make sure this process and
// its children find it even when the shell's PATH lacks it.
const CARGO_BIN = join(process.env.CARGO_HOME ?? join(homedir(), '.cargo'), 'bin');
if (!(process.env.PATH ?? '').split(delimiter).includes(CARGO_BIN)) {
  process.env.PATH = [CARGO_BIN, process.env.PATH].filter(Boolean).join(delimiter);
}

export function step(title) {
  console.log(`\n==> ${title}`);
}

export function note(text) {
  console.log(`    ${text}`);
}

/** Stops with a plain message (no stack trace). */
export function stop(text) {
  console.error(`\n${text}`);
  process.exit(1);
}

/** Runs a command with inherited output; stops on failure. */
export function runOrStop(cmd, args, what = cmd) {
  console.log(`    $ ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { cwd: ROOT, stdio: 'inherit' });
  if (r.error) stop(`${what} failed: could not run ${cmd}: ${r.error.message}`);
  if (r.status !== 0) stop(`${what} failed: ${cmd} exited with status ${r.status}`);
}

/** Runs a command quietly and returns its stdout, or null if it cannot run. */
export function capture(cmd, args) {
  const r = spawnSync(cmd, args, { cwd: ROOT, encoding: 'utf8' });
  if (r.error || r.status !== 0) return null;
  return r.stdout.trim();
}

function executable(path) {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** A program: $ENV_VAR, /usr/bin/NAME, or NAME on PATH; null if none. */
function findProgram(name, envVar) {
  const candidates = [
    process.env[envVar],
    `/usr/bin/${name}`,
    ...(process.env.PATH ?? '').split(delimiter).map((dir) => join(dir, name)),
  ].filter(Boolean);
  return candidates.find(executable) ?? null;
}

export const findChromium = () => findProgram('chromium', 'CHROMIUM');
export const findChromedriver = () => findProgram('chromedriver', 'CHROMEDRIVER');

/** Chromium and ChromeDriver, or a stop with the line that installs them. */
export function requireBrowser() {
  const chromium = findChromium();
  const chromedriver = findChromedriver();
  const missing = [!chromium && 'chromium', !chromedriver && 'chromedriver'].filter(Boolean);
  if (missing.length > 0) {
    stop(
      `The browser tests need ${missing.join(' and ')}, which this machine lacks. ` +
        `Install them (as root), then run the command again:\n  ${APT_LINE}`,
    );
  }
  return { chromium, chromedriver };
}

// The packages package-lock.json pins whose installed version differs
// (or that are absent), as "name (wanted X, found Y)".
function staleNodeModules() {
  const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8'));
  return Object.entries(lock.packages ?? {})
    .filter(([path, pkg]) => path.startsWith('node_modules/') && !pkg.optional)
    .map(([path, pkg]) => [path.slice('node_modules/'.length), pkg.version, installedVersion(path)])
    .filter(([, wanted, found]) => wanted !== found)
    .map(([name, wanted, found]) => `${name} (wanted ${wanted}, found ${found ?? 'none'})`);
}

function installedVersion(path) {
  try {
    return JSON.parse(readFileSync(join(ROOT, path, 'package.json'), 'utf8')).version;
  } catch {
    return null;
  }
}

export function ensureNodeModules() {
  const stale = staleNodeModules();
  if (stale.length === 0) return 'npm packages';
  const why = existsSync(join(ROOT, 'node_modules'))
    ? `node_modules does not match package-lock.json: ${stale.join(', ')}`
    : 'node_modules is missing';
  console.log(`Installing the npm packages (npm ci; wasm-opt for the build, Playwright and axe for the page tests): ${why}.`);
  runOrStop('npm', ['ci', '--no-audit', '--no-fund'], 'npm ci');
  return 'npm packages';
}

export function ensureWasmTarget() {
  const targets = capture('rustup', ['target', 'list', '--installed']);
  if (targets === null) return `${WASM_TARGET} target (rustup not found; assumed present)`;
  if (!targets.split('\n').includes(WASM_TARGET)) {
    console.log(`Adding the Rust target ${WASM_TARGET} (rustup target add): the widget and its browser tests compile to WebAssembly.`);
    runOrStop('rustup', ['target', 'add', WASM_TARGET], 'rustup');
  }
  return `${WASM_TARGET} target`;
}

/** The wasm-bindgen version the crate is built against, from Cargo.lock. */
export function pinnedWasmBindgen() {
  const m = readFileSync(join(ROOT, 'Cargo.lock'), 'utf8').match(
    /\[\[package\]\]\s*\nname = "wasm-bindgen"\s*\nversion = "([^"]+)"/,
  );
  if (!m) stop('cannot find the wasm-bindgen version in Cargo.lock');
  return m[1];
}

export function ensureWasmBindgen() {
  const want = pinnedWasmBindgen();
  const have = capture('wasm-bindgen', ['--version']);
  const runner = capture('wasm-bindgen-test-runner', ['--version']);
  const ok = (v) => v?.split(/\s+/).pop() === want;
  if (!ok(have) || !ok(runner)) {
    console.log(
      `Installing wasm-bindgen-cli ${want} (cargo install, about 4 minutes, once): the crate uses wasm-bindgen ${want}, ` +
        `and its bindings generator and browser test runner must be the same version (found: ${have ?? 'none'}).`,
    );
    // --force: cargo may still list a version whose programs were removed.
    const args = ['install', 'wasm-bindgen-cli', '--version', want, '--force'];
    runOrStop('cargo', args, 'cargo install wasm-bindgen-cli');
  }
  return `wasm-bindgen ${want}`;
}

/** The wasm-opt to run: the system one if new enough, else npm binaryen's. */
export function wasmOpt() {
  const version = capture('wasm-opt', ['--version']);
  const major = Number(version?.match(/version[ _](\d+)/)?.[1] ?? NaN);
  if (major >= WASM_OPT_MIN) return { cmd: 'wasm-opt', args: [], version };
  try {
    const bin = join(dirname(require.resolve('binaryen/package.json')), 'bin', 'wasm-opt');
    const v = capture(process.execPath, [bin, '--version']);
    if (v !== null) return { cmd: process.execPath, args: [bin], version: `${v} (npm binaryen)` };
  } catch {
    // not installed
  }
  return stop(`no wasm-opt ${WASM_OPT_MIN} or newer: package-lock.json should pin the npm package binaryen`);
}

/** What the build needs (npm start). */
export function ensureBuildTools() {
  step('Checking the tools');
  const have = [ensureNodeModules(), ensureWasmTarget(), ensureWasmBindgen(), wasmOpt().version];
  note(`ready: ${have.join(', ')}`);
}

/** What the tests need (npm test): the browser first, as it cannot be installed here. */
export function ensureTestTools() {
  requireBrowser();
  ensureBuildTools();
}
