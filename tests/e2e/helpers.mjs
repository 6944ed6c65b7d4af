// Shared helpers for the end-to-end tests (node --test tests/e2e/).
//
// Typical use:
//
//   import { before, after, test } from 'node:test';
//   import { startSite, launchBrowser, openPage, runAxe } from './helpers.mjs';
//
//   let site, browser;
//   before(async () => { site = await startSite(); browser = await launchBrowser(); });
//   after(async () => { await browser?.close(); await site?.close(); });
//
//   test('…', async () => {
//     const { page, consoleErrors, close } = await openPage(browser, site.url);
//     …
//     await close();
//   });
//
// Contexts enforce the page's Content-Security-Policy unless opened with
// { bypassCSP: true }, which only the accessibility (axe) checks need: axe
// is injected as an inline script, which the policy rightly forbids.

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { once } from 'node:events';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { after, before } from 'node:test';
import { chromium } from 'playwright-core';
import { startServer } from '../../scripts/serve.mjs';
import { APT_LINE, findChromium as findSystemChromium } from '../../scripts/setup.mjs';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const WWW = join(ROOT, 'www');

const require = createRequire(import.meta.url);

/**
 * How long any wait of the end-to-end tests may last, in milliseconds: long
 * enough for a 2-core machine running another build beside the suite (the
 * calculator's module is compiled on first use), short enough that a page
 * that never answers fails the test. E2E_WAIT_MS overrides it.
 */
export const WAIT_MS = Number(process.env.E2E_WAIT_MS ?? 120_000);

/**
 * Waits until `fn` (run in the page with `arg`) returns something truthy;
 * on giving up, the error says what it waited for, for how long, and what
 * `state` (run in the page) found, rather than a bare time-out.
 */
export async function waitUntil(page, what, fn, arg = null, { timeout = WAIT_MS, state } = {}) {
  try {
    return await page.waitForFunction(fn, arg, { timeout });
  } catch (err) {
    if (err?.name !== 'TimeoutError') throw err;
    let found = '';
    if (state) {
      found = await page.evaluate(state).then(
        (v) => `; found: ${typeof v === 'string' ? v : JSON.stringify(v)}`,
        (e) => `; the page could not be read: ${e.message}`,
      );
    }
    throw new Error(`gave up after ${Math.round(timeout / 1000)} s waiting for ${what}${found}`);
  }
}

/** What the calculator element shows, in a line, for a wait's message. */
function calculatorState() {
  const el = document.querySelector('outcome-calculator');
  if (!el) return 'no <outcome-calculator> element';
  const root = el.shadowRoot;
  return [
    `defined: ${customElements.get('outcome-calculator') !== undefined}`,
    `live: ${el.hasAttribute('data-live')}`,
    `shadow children: ${root?.childElementCount ?? 'no shadow root'}`,
    `status: ${JSON.stringify(root?.getElementById('status')?.textContent?.slice(0, 80) ?? null)}`,
    `notice: ${JSON.stringify((root?.getElementById('start-failed') ?? root?.getElementById('fault'))?.textContent?.slice(0, 120) ?? null)}`,
  ].join(', ');
}

/** Chromium's command-line switches: the same as webdriver.json uses. */
export const CHROMIUM_ARGS = JSON.parse(readFileSync(join(ROOT, 'webdriver.json'), 'utf8'))[
  'goog:chromeOptions'
].args;

/** The Chromium binary: $CHROMIUM, /usr/bin/chromium, or `chromium` on PATH. */
export function findChromium() {
  const found = findSystemChromium();
  if (!found) throw new Error(`Chromium not found. Install it with: ${APT_LINE}`);
  return found;
}

/**
 * Serves `root` (default www/) on a free port of 127.0.0.1.
 * Returns { url, port, server, close() }; url ends with '/'.
 */
export async function startSite({ root = WWW } = {}) {
  const server = startServer({ port: 0, root });
  await once(server, 'listening');
  const { port } = server.address();
  return {
    server,
    port,
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}

/** Launches headless Chromium. Close it with `await browser.close()`. */
export async function launchBrowser(options = {}) {
  return chromium.launch({
    executablePath: findChromium(),
    args: CHROMIUM_ARGS,
    headless: true,
    ...options,
  });
}

/**
 * Opens `url` in a fresh browser context and records what happens.
 *
 * options:
 *   bypassCSP     true only for axe checks (default false: the CSP applies)
 *   viewport      e.g. { width: 320, height: 640 }
 *   colorScheme   'light' | 'dark'
 *   waitUntil     passed to page.goto (default 'load')
 *   context       any other browser.newContext options
 *
 * Returns { context, page, response, consoleErrors, consoleMessages,
 *           requests, failedRequests, cspViolations, close() }.
 *   consoleErrors   console.error messages and uncaught exceptions (strings)
 *   requests        every request: { url, method, resourceType }
 *   failedRequests  { url, failure }
 *   cspViolations   console messages that report a Content-Security-Policy block
 */
export async function openPage(browser, url, options = {}) {
  const {
    bypassCSP = false,
    viewport = { width: 1024, height: 768 },
    colorScheme = 'light',
    waitUntil = 'load',
    context: contextOptions = {},
  } = options;
  const context = await browser.newContext({ bypassCSP, viewport, colorScheme, ...contextOptions });
  // Every locator wait, action and navigation of the test gets the same
  // limit, sized for a busy machine.
  context.setDefaultTimeout(WAIT_MS);
  context.setDefaultNavigationTimeout(WAIT_MS);
  const page = await context.newPage();
  const consoleErrors = [];
  const consoleMessages = [];
  const requests = [];
  const failedRequests = [];
  const cspViolations = [];
  page.on('console', (msg) => {
    const text = msg.text();
    consoleMessages.push({ type: msg.type(), text });
    if (msg.type() === 'error') consoleErrors.push(text);
    if (/Content Security Policy/i.test(text)) cspViolations.push(text);
  });
  page.on('pageerror', (err) => consoleErrors.push(`uncaught: ${err.message}`));
  page.on('request', (req) =>
    requests.push({ url: req.url(), method: req.method(), resourceType: req.resourceType() }),
  );
  page.on('requestfailed', (req) =>
    failedRequests.push({ url: req.url(), failure: req.failure()?.errorText ?? 'failed' }),
  );
  const response = url ? await page.goto(url, { waitUntil }) : null;
  return {
    context,
    page,
    response,
    consoleErrors,
    consoleMessages,
    requests,
    failedRequests,
    cspViolations,
    close: () => context.close(),
  };
}

/** Requests that went anywhere but `origin` (e.g. 'http://127.0.0.1:1234'). */
export function offOriginRequests(requests, origin) {
  return requests.filter((r) => {
    if (r.url.startsWith('data:') || r.url.startsWith('blob:')) return false;
    return new URL(r.url).origin !== origin;
  });
}

/**
 * Starts the calculator, as a reader's first touch would (the page may hold
 * the first result the build wrote into it; the calculator is fetched when
 * first used), and waits until it has drawn itself in its shadow root.
 */
export async function waitForWidget(page, { timeout = WAIT_MS } = {}) {
  await waitUntil(
    page,
    'the page to define <outcome-calculator>',
    () => customElements.get('outcome-calculator') !== undefined,
    null,
    { timeout, state: calculatorState },
  );
  await page.evaluate(() => {
    const el = document.querySelector('outcome-calculator');
    // Not awaited: a fault inside the calculator shows its own message.
    el?.start?.();
  });
  await waitUntil(
    page,
    'the calculator to start (data-live) or show why it could not',
    () => {
      const el = document.querySelector('outcome-calculator');
      const root = el?.shadowRoot;
      const failed = root?.getElementById('start-failed') || root?.getElementById('fault');
      return Boolean(root && root.childElementCount > 0 && (el.hasAttribute('data-live') || failed));
    },
    null,
    { timeout, state: calculatorState },
  );
}

/**
 * What the results say: the sentence, the key figures, the break-even and
 * bear-in-mind lists and the year-by-year table (the simulation section,
 * worked out in the background, is left out), once the charts and tables
 * have caught up with the typing (`#figures[data-pending]` while they
 * wait).
 */
export async function resultsText(page) {
  await waitUntil(
    page,
    'the charts and tables to catch up with the typing (#figures without data-pending)',
    () => !document.querySelector('outcome-calculator').shadowRoot.getElementById('figures').hasAttribute('data-pending'),
    null,
    { state: calculatorState },
  );
  return page.evaluate(() => {
    const root = document.querySelector('outcome-calculator').shadowRoot;
    const parts = [root.getElementById('status').textContent];
    for (const el of root.querySelectorAll('#figures > .oc-keys, #figures > .oc-list, #oc-years')) {
      parts.push(el.textContent);
    }
    return parts.join('\n');
  });
}

/** A selector for the element with this id inside the calculator. Ids hold
 * dots (they are scenario paths), so they are matched as attributes. */
export const byId = (id) => `outcome-calculator [id="${id}"]`;

/**
 * Opens `url` and waits until the calculator is shown (once its stylesheet
 * is in) with its first results.
 */
export async function openCalculator(browser, url, options = {}) {
  const opened = await openPage(browser, url, options);
  await waitForWidget(opened.page);
  await opened.page.locator('outcome-calculator .oc').waitFor({ state: 'visible' });
  await opened.page.locator(byId('status')).filter({ hasText: /^Over / }).waitFor();
  return opened;
}

/**
 * Starts the demo site and Chromium before a file's tests and closes them
 * after; `set(site, browser)` hands them to the file.
 */
export function useSiteAndBrowser(set) {
  let site;
  let browser;
  before(async () => {
    site = await startSite();
    browser = await launchBrowser();
    set(site, browser);
  });
  after(async () => {
    await browser?.close();
    await site?.close();
  });
}

/**
 * Writes `contents` to a file called `name` in a fresh temporary folder and
 * returns its path, for setInputFiles. A path is handed to the browser as
 * a file on disk, where a buffer is copied into the page through the
 * protocol (base64, decoded by the page itself: 77 s for 16 MB with the
 * CPU slowed 10 times, 17 s without, on a busy 2-core machine).
 */
export function fileOnDisk(name, contents) {
  const dir = mkdtempSync(join(tmpdir(), 'oc-e2e-'));
  if (filesOnDisk.length === 0) {
    process.on('exit', () => {
      for (const d of filesOnDisk) rmSync(d, { recursive: true, force: true });
    });
  }
  filesOnDisk.push(dir);
  const path = join(dir, name);
  writeFileSync(path, contents);
  return path;
}

const filesOnDisk = [];

let axeSource;

/**
 * Runs axe-core on the page (open shadow roots included) and returns its
 * results. The page must come from openPage(..., { bypassCSP: true }).
 *
 * context: axe's context argument, e.g. { exclude: [['outcome-calculator']] }
 * options: axe's run options; defaults to the WCAG 2.2 A and AA rules.
 */
export async function runAxe(page, context = undefined, options = undefined) {
  axeSource ??= readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  try {
    await page.addScriptTag({ content: axeSource });
  } catch (err) {
    throw new Error(
      `could not inject axe-core (was the page opened with { bypassCSP: true }?): ${err.message}`,
    );
  }
  const runOptions = options ?? {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
  };
  return page.evaluate(
    ([ctx, opts]) => window.axe.run(ctx ?? document, opts),
    [context ?? null, runOptions],
  );
}

/** One line per axe violation, for assertion messages. */
export function formatViolations(violations) {
  return violations
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help}\n` +
        v.nodes.map((n) => `    ${n.target.join(' ')}: ${n.failureSummary}`).join('\n'),
    )
    .join('\n');
}
