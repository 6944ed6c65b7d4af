// The demo page and its server: security headers, MIME types, path
// traversal, the fallback text and the licence credit. The calculator's own
// behaviour is tested in its own files.

import assert from 'node:assert/strict';
import { request } from 'node:http';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { CSP, chooseEncoding } from '../../scripts/serve.mjs';
import {
  formatViolations,
  launchBrowser,
  offOriginRequests,
  openPage,
  runAxe,
  startSite,
  waitForWidget,
} from './helpers.mjs';

const OGL_CREDIT =
  'Contains public sector information licensed under the Open Government Licence v3.0. ' +
  'Source: Department for Education; Office for National Statistics.';

// GET with the path sent exactly as written (fetch would normalise `..`).
function rawGet(port, path, headers = {}, method = 'GET') {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method, headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

const squash = (text) => text.replace(/\s+/g, ' ').trim();

describe('static server', () => {
  let site;
  let fixtureRoot;
  let fixture;

  before(async () => {
    site = await startSite();
    // A throwaway root with the smallest valid wasm module, so the MIME
    // check does not depend on a build having run.
    fixtureRoot = mkdtempSync(join(tmpdir(), 'outcome-calculator-serve-'));
    writeFileSync(join(fixtureRoot, 'tiny.wasm'), Buffer.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]));
    writeFileSync(join(fixtureRoot, 'index.html'), '<!doctype html><title>t</title>');
    writeFileSync(join(fixtureRoot, 'big.js'), 'export const x = 1;\n'.repeat(2000));
    writeFileSync(join(fixtureRoot, 'tiny.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
    fixture = await startSite({ root: fixtureRoot });
  });

  after(async () => {
    await fixture?.close();
    await site?.close();
    if (fixtureRoot) rmSync(fixtureRoot, { recursive: true, force: true });
  });

  test('sends the Content-Security-Policy and hardening headers with the page', async () => {
    const res = await rawGet(site.port, '/');
    assert.equal(res.status, 200);
    assert.match(res.headers['content-type'], /^text\/html/);
    assert.equal(res.headers['content-security-policy'], CSP);
    assert.equal(
      CSP,
      "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; " +
        "img-src 'self' data: blob:; connect-src 'self'; base-uri 'none'; form-action 'none'",
    );
    assert.equal(res.headers['x-content-type-options'], 'nosniff');
    assert.equal(res.headers['referrer-policy'], 'no-referrer');
  });

  test('serves JavaScript and CSS with their MIME types', async () => {
    const js = await rawGet(site.port, '/outcome-calculator.js');
    assert.equal(js.status, 200);
    assert.match(js.headers['content-type'], /^text\/javascript/);
    const css = await rawGet(site.port, '/page.css');
    assert.equal(css.status, 200);
    assert.match(css.headers['content-type'], /^text\/css/);
  });

  test('serves .wasm as application/wasm', async () => {
    const res = await rawGet(fixture.port, '/tiny.wasm');
    assert.equal(res.status, 200);
    assert.equal(res.headers['content-type'], 'application/wasm');
    assert.equal(res.headers['content-security-policy'], CSP);
    assert.deepEqual([...res.body], [0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]);
  });

  for (const path of [
    '/../Cargo.toml',
    '/../../Cargo.toml',
    '/%2e%2e/Cargo.toml',
    '/%2E%2E%2FCargo.toml',
    '/pkg/..%2f..%2fCargo.toml',
    '/..%5cCargo.toml',
    '/../scripts/serve.mjs',
    '/%00index.html',
  ]) {
    test(`refuses path traversal: ${path}`, async () => {
      const res = await rawGet(site.port, path);
      assert.ok([400, 403, 404].includes(res.status), `status ${res.status}`);
      assert.doesNotMatch(res.body.toString(), /\[package\]|startServer/);
    });
  }

  test('compresses what it serves, as the browser asks, and says so in Vary', async () => {
    const raw = readFileSync(join(fixtureRoot, 'big.js'));
    const gz = await rawGet(fixture.port, '/big.js', { 'Accept-Encoding': 'gzip' });
    assert.equal(gz.headers['content-encoding'], 'gzip');
    assert.match(gz.headers.vary, /Accept-Encoding/);
    assert.equal(Number(gz.headers['content-length']), gz.body.length);
    assert.deepEqual(gunzipSync(gz.body), raw);
    assert.ok(gz.body.length < raw.length / 10, `${gz.body.length} of ${raw.length} bytes`);

    // Brotli where the browser takes it (Chromium sends "gzip, deflate, br, zstd").
    const br = await rawGet(fixture.port, '/big.js', { 'Accept-Encoding': 'gzip, deflate, br, zstd' });
    assert.equal(br.headers['content-encoding'], 'br');
    assert.deepEqual(brotliDecompressSync(br.body), raw);

    // Nothing accepted, or refused with q=0: the file as it is.
    for (const accept of [undefined, 'identity', 'br;q=0, gzip;q=0', 'deflate']) {
      const plain = await rawGet(fixture.port, '/big.js', accept ? { 'Accept-Encoding': accept } : {});
      assert.equal(plain.headers['content-encoding'], undefined, String(accept));
      assert.match(plain.headers.vary, /Accept-Encoding/);
      assert.deepEqual(plain.body, raw);
    }
    // HEAD says what GET would send, without a body.
    const head = await rawGet(fixture.port, '/big.js', { 'Accept-Encoding': 'gzip' }, 'HEAD');
    assert.equal(head.headers['content-encoding'], 'gzip');
    assert.equal(Number(head.headers['content-length']), gz.body.length);
    assert.equal(head.body.length, 0);
    // Images that are compressed already go as they are.
    const png = await rawGet(fixture.port, '/tiny.png', { 'Accept-Encoding': 'gzip, br' });
    assert.equal(png.headers['content-encoding'], undefined);
    assert.equal(png.body.length, 4);

    assert.equal(chooseEncoding('gzip;q=1, br;q=0.5'), 'gzip');
    assert.equal(chooseEncoding('*'), 'br');
    assert.equal(chooseEncoding('*;q=0, gzip'), 'gzip');
    assert.equal(chooseEncoding('GZIP'), 'gzip');
    assert.equal(chooseEncoding(''), null);
  });

  test('the widget files are much smaller compressed', async () => {
    const accept = { 'Accept-Encoding': 'gzip, deflate, br, zstd' };
    let raw = 0;
    let sent = 0;
    for (const path of ['/outcome-calculator.js', '/pkg/outcome_calculator.js', '/pkg/outcome_calculator_bg.wasm', '/widget.css']) {
      const res = await rawGet(site.port, path, accept);
      assert.equal(res.status, 200, path);
      assert.equal(res.headers['content-encoding'], 'br', path);
      raw += brotliDecompressSync(res.body).length;
      sent += res.body.length;
    }
    // Measured: 346,119 bytes sent for 901,865 (38%).
    assert.ok(sent < raw * 0.45, `${sent} bytes sent for ${raw}`);
  });

  test('the calculator files may be loaded by pages of other origins; pages are not shared', async () => {
    for (const path of ['/outcome-calculator.js', '/pkg/outcome_calculator.js', '/widget.css', '/embed-parent.js']) {
      const res = await rawGet(site.port, path);
      assert.equal(res.headers['access-control-allow-origin'], '*', path);
    }
    const wasm = await rawGet(fixture.port, '/tiny.wasm');
    assert.equal(wasm.headers['access-control-allow-origin'], '*');
    const page = await rawGet(site.port, '/');
    assert.equal(page.headers['access-control-allow-origin'], undefined);
  });

  test('answers 404 for a missing file and 405 for other methods', async () => {
    assert.equal((await rawGet(site.port, '/no-such-file.js')).status, 404);
    const status = await new Promise((resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port: site.port, path: '/', method: 'POST' },
        (res) => {
          res.resume();
          resolve(res.statusCode);
        },
      );
      req.on('error', reject);
      req.end();
    });
    assert.equal(status, 405);
  });
});

/** Records every violation the browser reports, from the document or a
 * shadow root, in `window.__violations`. */
const recordViolations = (page) =>
  page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener(
      'securitypolicyviolation',
      (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`),
      true,
    );
  });

describe('demo page in Chromium', () => {
  let site;
  let browser;

  before(async () => {
    site = await startSite();
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await site?.close();
  });

  test('has the heading, the element, the no-script text and the OGL credit', async () => {
    const { page, close } = await openPage(browser, site.url);
    try {
      assert.equal(
        squash(await page.locator('h1').textContent()),
        "Children's services outcome calculator",
      );
      assert.equal(await page.locator('outcome-calculator').count(), 1);
      const noscript = squash(await page.locator('noscript').textContent());
      assert.match(noscript, /needs JavaScript and WebAssembly/);
      const footer = squash(await page.locator('footer').textContent());
      assert.ok(footer.includes(OGL_CREDIT), `footer was: ${footer}`);
      const snippet = await page.locator('pre code').first().textContent();
      assert.match(snippet, /<script type="module" src="[^"]*outcome-calculator\.js"><\/script>/);
      assert.match(snippet, /<outcome-calculator><\/outcome-calculator>/);
    } finally {
      await close();
    }
  });

  test('the page itself breaks no rule of its Content-Security-Policy', async () => {
    const { page, response, cspViolations, close } = await openPage(browser, site.url);
    try {
      assert.equal(response.headers()['content-security-policy'], CSP);
      // Every stylesheet the page links must have loaded under the policy.
      const sheets = await page.evaluate(() =>
        [...document.styleSheets].map((s) => ({ href: s.href, rules: s.cssRules.length })),
      );
      assert.ok(sheets.some((s) => s.href?.endsWith('/page.css') && s.rules > 0));
      assert.equal(await page.locator('[style]').count(), 0, 'no inline style attributes');
      assert.equal(await page.locator('script:not([src])').count(), 0, 'no inline scripts');
      const pageViolations = cspViolations.filter((v) => !/outcome-calculator|pkg\//.test(v));
      assert.deepEqual(pageViolations, []);
    } finally {
      await close();
    }
  });

  test('the calculator works under the strict policy: results, no violation, no request after load', async () => {
    const { page, consoleErrors, cspViolations, requests, close } = await openPage(browser, null);
    try {
      await recordViolations(page);
      const response = await page.goto(site.url);
      assert.equal(response.headers()['content-security-policy'], CSP);
      await waitForWidget(page);
      const status = page.locator('outcome-calculator [id="status"]');
      await status.filter({ hasText: /^Over 5 years / }).waitFor();
      await page.locator('outcome-calculator .oc').waitFor({ state: 'visible' });
      const loaded = requests.length;

      // Use it: type, tick a programme, open every folded section.
      await page.locator('outcome-calculator [id="assumptions.horizon_years"]').fill('3');
      await status.filter({ hasText: /^Over 3 years / }).waitFor();
      await page.locator('outcome-calculator [id="choose.pause"]').check();
      for (const summary of await page.locator('outcome-calculator summary').all()) {
        if (await summary.isVisible()) await summary.click();
      }
      await page.waitForTimeout(500);
      assert.ok((await page.locator('outcome-calculator svg').count()) > 0, 'charts drawn');

      assert.deepEqual(await page.evaluate(() => window.__violations), []);
      assert.deepEqual(cspViolations, []);
      assert.deepEqual(consoleErrors.filter((e) => !/favicon/.test(e)), []);
      assert.deepEqual(offOriginRequests(requests, new URL(site.url).origin), []);
      // Once running, the calculator asks only for its own council data
      // file, when "Your council in context" opens, and its on-demand
      // module (pkg-workings/), when a panel drawn by it opens: same
      // origin, nothing of the reader's in them.
      assert.deepEqual(
        requests
          .slice(loaded)
          .map((r) => new URL(r.url))
          .filter(
            (u) =>
              u.origin !== new URL(site.url).origin ||
              (u.pathname !== '/data/council-data.js' && !u.pathname.startsWith('/pkg-workings/')),
          )
          .map((u) => u.href),
        [],
        'no network request once the calculator is running but its own data file',
      );
    } finally {
      await close();
    }
  });

  test('under the policy with no connect-src, the module comes as a script and the calculator works', async () => {
    // The policy hosts are told about, without the connect-src the page
    // itself sends: fetching the .wasm is refused, so the loader imports
    // the same bytes as a script.
    const strict = "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data: blob:";
    const { page, consoleErrors, requests, close } = await openPage(browser, null);
    try {
      await recordViolations(page);
      await page.route(site.url, async (route) => {
        const response = await route.fetch();
        await route.fulfill({ response, headers: { ...response.headers(), 'content-security-policy': strict } });
      });
      const response = await page.goto(site.url);
      assert.equal(response.headers()['content-security-policy'], strict);
      await waitForWidget(page);
      const status = page.locator('outcome-calculator [id="status"]');
      await status.filter({ hasText: /^Over 5 years / }).waitFor();
      await page.locator('outcome-calculator [id="assumptions.horizon_years"]').fill('3');
      await status.filter({ hasText: /^Over 3 years / }).waitFor();
      assert.ok(requests.some((r) => r.url.endsWith('/pkg/outcome_calculator_bg.wasm.js')), 'the script form was used');
      // The only things refused are the fetches of the .wasm (the page's
      // preload and the loader's): nothing inline, no eval, no style.
      const violations = await page.evaluate(() => window.__violations);
      assert.ok(violations.length > 0);
      for (const v of violations) assert.match(v, /^connect-src .*\/pkg\/outcome_calculator_bg\.wasm$/);
      assert.deepEqual(
        consoleErrors.filter((e) => !/favicon|Content Security Policy|Failed to fetch|preload/.test(e)),
        [],
      );
    } finally {
      await close();
    }
  });

  test('reads at 320 px without sideways scrolling', async () => {
    const { page, close } = await openPage(browser, site.url, {
      viewport: { width: 320, height: 640 },
    });
    try {
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      assert.ok(overflow <= 0, `page is ${overflow}px wider than the viewport`);
    } finally {
      await close();
    }
  });

  for (const colorScheme of ['light', 'dark']) {
    test(`the page around the calculator passes axe (WCAG 2.2 AA), ${colorScheme}`, async () => {
      const { page, close } = await openPage(browser, site.url, { bypassCSP: true, colorScheme });
      try {
        const results = await runAxe(page, { exclude: [['outcome-calculator']] });
        assert.equal(results.violations.length, 0, formatViolations(results.violations));
      } finally {
        await close();
      }
    });
  }
});
