// Embedding: the iframe page reports its height and the documented parent
// script resizes the frame (and ignores messages from elsewhere); element
// attributes preset and lock fields, hide panels and set the theme; the
// copied embed codes work as they are.
//
// Host pages: for the iframe, another site (a second small server on
// another port, so another origin, with no CSP of its own); for the
// element, pages on the calculator's own origin under its strict CSP
// (served by intercepting the request).

import assert from 'node:assert/strict';
import { once } from 'node:events';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { CSP } from '../../scripts/serve.mjs';
import {
  byId,
  formatViolations,
  launchBrowser,
  openPage,
  runAxe,
  startSite,
  waitForWidget,
  WWW,
} from './helpers.mjs';

let site;
let browser;
let other;
let HOST;
let hostile;
let EVIL;
/** Pages the other site serves, by path. */
const otherPages = new Map();
/** Pages a third, hostile site serves, by path. */
const evilPages = new Map();

/** A server of the given pages, on a free port (so another origin). */
async function pagesServer(pages) {
  const server = createServer((req, res) => {
    const body = pages.get(new URL(req.url, 'http://x').pathname);
    res.writeHead(body ? 200 : 404, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(body ?? 'not found');
  }).listen(0, '127.0.0.1');
  await once(server, 'listening');
  return [server, `http://127.0.0.1:${server.address().port}/`];
}

before(async () => {
  site = await startSite();
  browser = await launchBrowser();
  [other, HOST] = await pagesServer(otherPages);
  [hostile, EVIL] = await pagesServer(evilPages);
});

after(async () => {
  await browser?.close();
  await site?.close();
  for (const server of [other, hostile]) {
    server?.closeAllConnections();
    server?.close();
  }
});

const STATUS = byId('status');

/** Opens `html` as a page at `url` (optionally under the site's CSP). */
async function host(url, html, { csp = false, bypassCSP = false, viewport, colorScheme = 'light' } = {}) {
  if (url.startsWith(HOST)) {
    otherPages.set(new URL(url).pathname, html);
    return openPage(browser, url, { colorScheme, ...(viewport ? { viewport } : {}) });
  }
  const opened = await openPage(browser, null, { bypassCSP, colorScheme, ...(viewport ? { viewport } : {}) });
  await opened.page.route(url, (route) =>
    route.fulfill({
      status: 200,
      contentType: 'text/html; charset=utf-8',
      headers: csp ? { 'Content-Security-Policy': CSP } : {},
      body: html,
    }),
  );
  await opened.page.goto(url);
  return opened;
}

async function ready(page) {
  await waitForWidget(page);
  await page.locator('outcome-calculator .oc').waitFor({ state: 'visible' });
  await page.locator(STATUS).filter({ hasText: /^Over / }).waitFor();
}

describe('iframe', () => {
  test('the frame posts its height and the parent script resizes it', async () => {
    const html = `<!doctype html><html lang="en"><head><title>Article</title><link rel="icon" href="data:,">
<script>
  window.messages = [];
  addEventListener('message', (e) => window.messages.push({ origin: e.origin, data: e.data }));
</script></head>
<body><h1>Article</h1>
<iframe id="calc-1" src="${site.url}embed.html?id=calc-1&funding_years=2" title="Children's services outcome calculator"
  loading="lazy" width="100%" height="300" style="width:100%;border:0"></iframe>
<script src="${site.url}embed-parent.js" defer></script>
</body></html>`;
    const { page, close, consoleErrors } = await host(`${HOST}article.html`, html);
    const iframe = page.locator('#calc-1');
    const frame = page.frameLocator('#calc-1');
    await frame.locator(STATUS).filter({ hasText: /^Over / }).waitFor();

    // Both messages arrive, from the calculator's origin, with its id.
    await page.waitForFunction(() =>
      window.messages.some((m) => m.data?.type === 'outcome-calculator:height') &&
      window.messages.some((m) => m.data?.sentinel === 'amp'),
    );
    const messages = await page.evaluate(() => window.messages);
    const ours = messages.filter((m) => m.data?.type === 'outcome-calculator:height');
    const amp = messages.filter((m) => m.data?.sentinel === 'amp');
    assert.equal(ours.at(-1).origin, new URL(site.url).origin);
    assert.equal(ours.at(-1).data.id, 'calc-1');
    assert.equal(amp.at(-1).data.type, 'embed-size');
    assert.equal(amp.at(-1).data.height, ours.at(-1).data.height);

    // The parent script sets the frame to the content's height.
    const contentHeight = () =>
      page.frame({ url: /embed\.html/ }).evaluate(() => Math.ceil(document.body.getBoundingClientRect().height));
    await page.waitForFunction(() => document.getElementById('calc-1').getBoundingClientRect().height > 1000);
    let want = await contentHeight();
    let have = await iframe.evaluate((el) => el.getBoundingClientRect().height);
    assert.ok(Math.abs(have - want) <= 1, `frame ${have}px, content ${want}px`);

    // The content grows: the frame follows.
    await page.frame({ url: /embed\.html/ }).evaluate(() => {
      const root = document.querySelector('outcome-calculator').shadowRoot;
      root.getElementById('explain').open = true;
    });
    await page.waitForFunction((h) => document.getElementById('calc-1').getBoundingClientRect().height > Math.min(h + 50, 7999), have);
    want = Math.min(8000, await contentHeight());
    have = await iframe.evaluate((el) => el.getBoundingClientRect().height);
    assert.ok(Math.abs(have - want) <= 1, `after opening a section: frame ${have}px, content ${want}px (at most 8,000)`);

    // A message that does not come from the frame changes nothing.
    await page.evaluate(() => window.postMessage({ type: 'outcome-calculator:height', id: 'calc-1', height: 250 }, '*'));
    await page.waitForTimeout(200);
    assert.equal(await iframe.evaluate((el) => el.getBoundingClientRect().height), have);

    // The frame's share link points at the full calculator, not the frame.
    const link = await frame.locator(byId('share-link')).inputValue();
    assert.ok(link.startsWith(site.url + '?'), link);
    assert.match(link, /funding_years=2/);
    assert.deepEqual(consoleErrors, []);
    await close();
  });

  test('a hostile frame cannot resize the host beyond the cap, nor a frame it does not own', async () => {
    // The hostile page claims to be a calculator (embed.html, with an id in
    // its address) on another origin, and sends every height message it
    // can, as fast as it can, for its own frame and for the calculator's.
    evilPages.set('/embed.html', `<!doctype html><html lang="en"><head><title>Not a calculator</title></head><body><p>Hello</p>
<script>
  const shout = () => {
    for (const id of ['evil', 'calc-1', 'calc-2', '']) {
      for (const height of [20001, 1e9, 4999]) {
        parent.postMessage({ type: 'outcome-calculator:height', id, height }, '*');
        top.postMessage({ type: 'outcome-calculator:height', id, height }, '*');
        parent.postMessage({ sentinel: 'amp', type: 'embed-size', height }, '*');
      }
    }
  };
  shout();
  setInterval(shout, 20);
</script></body></html>`);
    const html = `<!doctype html><html lang="en"><head><title>Article</title><link rel="icon" href="data:,"></head>
<body><h1>Article</h1>
<iframe id="evil" src="${EVIL}embed.html?id=evil" title="Advert" width="300" height="250" style="border:0"></iframe>
<iframe id="calc-1" src="${site.url}embed.html?id=calc-1" title="Children's services outcome calculator"
  loading="lazy" width="100%" height="300" style="width:100%;border:0"></iframe>
<p id="after">The article goes on.</p>
<script src="${site.url}embed-parent.js" defer></script>
</body></html>`;
    // A phone: the calculator is taller than the cap there.
    const { page, close } = await host(`${HOST}hostile.html`, html, { viewport: { width: 390, height: 844 } });
    const frame = page.frameLocator('#calc-1');
    await frame.locator(STATUS).filter({ hasText: /^Over / }).waitFor();
    await page.waitForFunction(() => document.getElementById('calc-1').getBoundingClientRect().height > 1000);
    await page.waitForTimeout(500);
    const content = await page
      .frame({ url: /embed\.html\?id=calc-1/ })
      .evaluate(() => Math.ceil(document.body.getBoundingClientRect().height));
    const sizes = await page.evaluate(() => ({
      evil: document.getElementById('evil').getBoundingClientRect().height,
      calc: document.getElementById('calc-1').getBoundingClientRect().height,
      after: document.getElementById('after').getBoundingClientRect().top + scrollY,
      page: document.documentElement.scrollHeight,
    }));
    // The hostile frame keeps the height the page gave it.
    assert.equal(sizes.evil, 250);
    // The calculator follows its own height, up to the cap, whatever the
    // hostile frame says about it.
    assert.ok(content > 8000, `the calculator is ${content}px tall at 390px`);
    assert.equal(sizes.calc, 8000);
    assert.ok(sizes.after < 8000 + 250 + 300, `the next paragraph is at ${sizes.after}px`);
    assert.ok(sizes.page < 8000 + 250 + 400, `the page is ${sizes.page}px tall`);
    await close();
  });

  test('messages that do not come from a frame the page placed are ignored', async () => {
    const html = `<!doctype html><html lang="en"><head><title>Article</title><link rel="icon" href="data:,"></head>
<body>
<!-- Side by side: a frame out of sight is not drawn, so does not report. -->
<iframe id="calc-1" src="${site.url}embed.html?id=calc-1" title="Calculator one" width="320" height="300" style="border:0;vertical-align:top"></iframe>
<iframe id="calc-2" src="${site.url}embed.html?id=calc-2" title="Calculator two" width="320" height="300" style="border:0;vertical-align:top"></iframe>
<iframe id="full" src="${site.url}?id=full" title="Calculator page" width="320" height="300" style="border:0;vertical-align:top"></iframe>
<script src="${site.url}embed-parent.js" defer></script>
</body></html>`;
    const { page, close } = await host(`${HOST}two.html`, html);
    await page.frameLocator('#calc-2').locator(STATUS).filter({ hasText: /^Over / }).waitFor();
    await page.waitForFunction(() =>
      ['calc-1', 'calc-2'].every((id) => document.getElementById(id).getBoundingClientRect().height > 1000),
    );
    const height = (id) => page.evaluate((i) => document.getElementById(i).getBoundingClientRect().height, id);
    const two = await height('calc-2');
    // From calc-1's window, naming calc-2: calc-2 does not move.
    await page.frame({ url: /id=calc-1/ }).evaluate(() =>
      parent.postMessage({ type: 'outcome-calculator:height', id: 'calc-2', height: 777 }, '*'),
    );
    // From the host page itself, naming each frame.
    await page.evaluate(() => {
      for (const id of ['calc-1', 'calc-2', 'full']) {
        window.postMessage({ type: 'outcome-calculator:height', id, height: 777 }, '*');
      }
    });
    await page.waitForTimeout(300);
    assert.equal(await height('calc-2'), two);
    assert.notEqual(await height('calc-1'), 777);
    // The full page is not an embed this page placed: it keeps its height,
    // though it reports its own.
    await page.frameLocator('#full').locator(STATUS).filter({ hasText: /^Over / }).waitFor();
    assert.equal(await height('full'), 300);
    await close();
  });

  test('the frame posts its height only to the parent origin it was given', async () => {
    const html = `<!doctype html><html lang="en"><head><title>Article</title><link rel="icon" href="data:,">
<script>
  window.messages = [];
  addEventListener('message', (e) => window.messages.push(e.data));
</script></head>
<body>
<iframe id="right" src="${site.url}embed.html?id=right&parent_origin=${encodeURIComponent(HOST.slice(0, -1))}" title="One" width="100%" height="300"></iframe>
<iframe id="wrong" src="${site.url}embed.html?id=wrong&parent_origin=${encodeURIComponent(EVIL.slice(0, -1))}" title="Two" width="100%" height="300"></iframe>
<iframe id="found" src="${site.url}embed.html?id=found" title="Three" width="100%" height="300"></iframe>
</body></html>`;
    const { page, close } = await host(`${HOST}origins.html`, html);
    for (const id of ['right', 'wrong', 'found']) {
      await page.frameLocator(`#${id}`).locator(STATUS).filter({ hasText: /^Over / }).waitFor();
    }
    await page.waitForFunction(() => {
      const ids = new Set(window.messages.map((m) => m?.id));
      return ids.has('right') && ids.has('found');
    });
    await page.waitForTimeout(300);
    const ids = await page.evaluate(() => [...new Set(window.messages.map((m) => m?.id))]);
    // A frame told its parent is another origin sends this page nothing.
    assert.ok(!ids.includes('wrong'), ids.join(', '));
    // The option stays in the frame's address as the reader edits.
    const wrong = page.frame({ url: /id=wrong/ });
    assert.match(await wrong.evaluate(() => location.search), /parent_origin=/);
    await close();
  });

  test('the iframe page takes options from its address', async () => {
    const { page, close } = await openPage(browser, `${site.url}embed.html?hide=explain,charts&theme=dark&care_starts=450`);
    await ready(page);
    assert.equal(await page.locator(byId('council.care_starts')).inputValue(), '450');
    assert.equal(await page.locator('outcome-calculator .oc-explain').isVisible(), false);
    assert.equal(await page.locator('outcome-calculator figure').first().isVisible(), false);
    const bg = await page.locator('outcome-calculator .oc').evaluate((el) => getComputedStyle(el).backgroundColor);
    assert.equal(bg, 'rgb(11, 12, 12)');
    // Editing keeps the options in the address.
    await page.locator(byId('council.care_starts')).fill('460');
    await page.waitForFunction(() => location.search.includes('care_starts=460'));
    const search = await page.evaluate(() => location.search);
    assert.match(search, /hide=explain%2Ccharts/);
    assert.match(search, /theme=dark/);
    await close();
  });
});

describe('element attributes', () => {
  const page1 = (attrs) => `<!doctype html><html lang="en"><head><title>Article</title><link rel="icon" href="data:,">
<script type="module" src="outcome-calculator.js"></script></head>
<body><main><h1>Article</h1><outcome-calculator ${attrs}></outcome-calculator></main></body></html>`;

  test('preset and lock fields, hide panels, set the theme, and leave the page address alone', async () => {
    const { page, close, consoleErrors, cspViolations } = await host(
      `${site.url}article.html`,
      page1('care_starts="500" funding_years="2" lock="care_starts,programmes" hide="explain,charts" theme="dark"'),
      { csp: true },
    );
    await ready(page);
    const starts = page.locator(byId('council.care_starts'));
    assert.equal(await starts.inputValue(), '500');
    assert.equal(await page.locator(byId('assumptions.funding_years')).inputValue(), '2');

    // Locked: read-only, with a note the input points to.
    assert.equal(await starts.getAttribute('readonly'), '');
    const note = page.locator(byId('council.care_starts-locked'));
    assert.match(await note.textContent(), /Set by the page this calculator is on/);
    assert.match(await starts.getAttribute('aria-describedby'), /council\.care_starts-locked/);
    await starts.focus();
    await page.keyboard.type('9');
    assert.equal(await starts.inputValue(), '500');
    for (const box of await page.locator('outcome-calculator form input[type=checkbox]').all()) {
      assert.equal(await box.isDisabled(), true);
    }
    assert.match(await page.locator(byId('programmes-locked')).textContent(), /cannot be changed/);

    // Hidden panels and the dark theme.
    assert.equal(await page.locator('outcome-calculator .oc-explain').isVisible(), false);
    assert.equal(await page.locator('outcome-calculator figure').first().isVisible(), false);
    assert.equal(await page.locator('outcome-calculator .oc').evaluate((el) => el.classList.contains('oc-theme-dark')), true);

    // Other fields still work; the article's address is not touched.
    await page.locator(byId('assumptions.funding_years')).fill('3');
    await page.locator(byId('share-link')).filter({ hasNotText: 'x' }).waitFor();
    await page.waitForFunction(() => {
      const v = document.querySelector('outcome-calculator').shadowRoot.getElementById('share-link').value;
      return v.includes('funding_years=3');
    });
    assert.equal(await page.evaluate(() => location.search), '');

    // A scenario file cannot change a locked figure.
    const file = join(mkdtempSync(join(tmpdir(), 'oc-embed-')), 'other.json');
    writeFileSync(file, JSON.stringify({
      version: 2,
      evidence_set: '2026.2',
      council: { care_starts: 300, children_looked_after: 700, care_ceased: 280, cp_plans: 400, children_in_need: 3000 },
      assumptions: { funding_years: 4 },
      programmes: [{ programme: 'family-safeguarding', cohort: 400 }],
    }));
    await page.locator(byId('import')).setInputFiles(file);
    await page.locator(byId('bar-status')).filter({ hasText: /scenario file is open/ }).waitFor();
    assert.equal(await page.locator(byId('assumptions.funding_years')).inputValue(), '4');
    assert.equal(await starts.inputValue(), '500');
    assert.equal(await starts.getAttribute('readonly'), '');

    // In someone else's page nothing is saved: a reload shows the page's figures.
    assert.equal(await page.locator('outcome-calculator .oc-saved').count(), 0);
    assert.deepEqual(await page.evaluate(() => Object.keys(localStorage)), []);
    await page.reload();
    await ready(page);
    assert.equal(await page.locator(byId('assumptions.funding_years')).inputValue(), '2');
    assert.equal(await starts.inputValue(), '500');
    assert.deepEqual(consoleErrors, []);
    assert.deepEqual(cspViolations, []);
    await close();
  });

  test('axe finds nothing with locked fields, the compact mode and the dark theme', async () => {
    const { page, close } = await host(
      `${site.url}axe.html`,
      page1('care_starts="500" lock="care_starts,programmes,effect_level" hide="explain,charts" theme="dark" presenter'),
      { bypassCSP: true },
    );
    await ready(page);
    const { violations } = await runAxe(page, { include: [['outcome-calculator']] });
    assert.equal(violations.length, 0, formatViolations(violations));
    await close();
  });

  test('an attribute that cannot be used is named, and the defaults are shown', async () => {
    const { page, close } = await host(`${site.url}bad.html`, page1('care_starts="lots"'), { csp: true });
    await ready(page);
    const alert = page.locator('outcome-calculator .oc-notice[role=alert]');
    assert.match(await alert.textContent(), /This page's settings could not be used.*care_starts/s);
    assert.equal(await page.locator(byId('council.care_starts')).inputValue(), '405');
    await close();
  });

  test('the copied embed codes show the same scenario', async () => {
    const { page, close } = await openPage(browser, `${site.url}?funding_years=2&care_starts=480`);
    await ready(page);
    const status = await page.locator(STATUS).textContent();
    await page.locator(byId('embed-codes')).evaluate((d) => (d.open = true));
    const script = await page.locator(byId('embed-script')).inputValue();
    const iframe = await page.locator(byId('embed-iframe')).inputValue();
    assert.match(script, /^<script type="module" src="http:\/\/127\.0\.0\.1:\d+\/outcome-calculator\.js"><\/script>/);
    assert.match(script, /care_starts="480"/);
    assert.match(iframe, /<iframe [^>]*src="http:\/\/127\.0\.0\.1:\d+\/embed\.html\?[^"]*funding_years=2/);
    assert.match(iframe, /title="Children's services outcome calculator"/);
    assert.match(iframe, /loading="lazy"/);
    assert.match(iframe, /<script src="[^"]*embed-parent\.js" defer><\/script>/);
    await close();

    // The script code, pasted into a page of another origin: it works
    // because the calculator's host sends CORS headers for its files (and
    // sends them compressed).
    const a = await host(`${HOST}script.html`, `<!doctype html><html lang="en"><head><title>A</title><link rel="icon" href="data:,"></head><body>${script}</body></html>`);
    const wasm = a.page.waitForResponse(/outcome_calculator_bg\.wasm$/);
    await ready(a.page);
    assert.equal(await a.page.locator(STATUS).textContent(), status);
    assert.deepEqual(a.consoleErrors, []);
    assert.deepEqual(a.failedRequests, []);
    const headers = (await wasm).headers();
    assert.equal(headers['access-control-allow-origin'], '*');
    assert.equal(headers['content-encoding'], 'br');
    await a.close();

    // The same code where the calculator's host sends no CORS headers: the
    // browser refuses the module, and the element's own text says so in
    // place of a blank space.
    // (A plain server of the same files, with no such headers.)
    const bare = createServer(async (req, res) => {
      const path = new URL(req.url, 'http://x').pathname;
      const type = { '.js': 'text/javascript', '.wasm': 'application/wasm', '.css': 'text/css' }[extname(path)];
      try {
        const body = await readFile(join(WWW, normalize(path).replace(/^[/\\.]+/, '')));
        res.writeHead(200, { 'Content-Type': type ?? 'text/plain' });
        res.end(body);
      } catch {
        res.writeHead(404);
        res.end();
      }
    }).listen(0, '127.0.0.1');
    await once(bare, 'listening');
    const bareUrl = `http://127.0.0.1:${bare.address().port}/`;
    otherPages.set('/no-cors.html', `<!doctype html><html lang="en"><head><title>C</title><link rel="icon" href="data:,"></head><body>${script.replaceAll(site.url, bareUrl)}</body></html>`);
    const c = await openPage(browser, `${HOST}no-cors.html`);
    const fallback = c.page.locator('outcome-calculator > p');
    await c.page.waitForFunction(() => !document.querySelector('outcome-calculator').shadowRoot);
    await c.page.waitForLoadState('networkidle');
    assert.equal(await fallback.isVisible(), true);
    assert.match(await fallback.textContent(), /should appear here\. If it does not, this page could not load its files\./);
    assert.equal(await c.page.evaluate(() => Boolean(document.querySelector('outcome-calculator').shadowRoot)), false);
    assert.ok(c.consoleErrors.some((e) => /CORS/.test(e)), c.consoleErrors.join('\n'));
    await c.close();
    bare.closeAllConnections();
    bare.close();
    // Once the calculator runs, the text is not shown.
    const d = await host(`${HOST}script.html`, `<!doctype html><html lang="en"><head><title>A</title><link rel="icon" href="data:,"></head><body>${script}</body></html>`);
    await ready(d.page);
    assert.equal(await d.page.locator('outcome-calculator > p').isVisible(), false);
    await d.close();

    // The iframe code.
    const b = await host(`${HOST}frame.html`, `<!doctype html><html lang="en"><head><title>B</title></head><body>${iframe}</body></html>`);
    const frame = b.page.frameLocator('iframe');
    await frame.locator(STATUS).filter({ hasText: /^Over / }).waitFor();
    assert.equal(await frame.locator(STATUS).textContent(), status);
    // Compact, and sized to it.
    assert.match(iframe, /embed\.html\?view=compact&amp;/);
    assert.match(script, /<outcome-calculator view="compact"/);
    await frame.locator('outcome-calculator[data-live]').waitFor({ state: 'attached' });
    const inside = b.page.frame({ url: /embed\.html/ });
    await b.page.waitForFunction(
      (h) => Math.abs(document.querySelector('iframe').getBoundingClientRect().height - h) <= 1,
      await inside.evaluate(() => Math.ceil(document.body.getBoundingClientRect().height)),
    );
    assert.equal(await frame.locator('outcome-calculator .oc-form').isVisible(), false);
    assert.match(await frame.locator(byId('full-link')).getAttribute('href'), /index\.html\?.*care_starts=480/);
    await b.close();
  });
});

// The documented snippets (README "Embedding", docs/embedding.md): compact,
// the size of an article's chart, in a phone's width and in a 600 px
// article column, in light and dark.
describe('compact embed', () => {
  const SIZES = [
    ['a 390 px phone', { width: 390, height: 844 }, null],
    ['a 600 px article column', { width: 1280, height: 900 }, 600],
  ];
  for (const colorScheme of ['light', 'dark']) {
    for (const [where, viewport, column] of SIZES) {
      test(`the documented iframe is compact and exactly as tall as its content: ${where}, ${colorScheme}`, async () => {
        const id = `calc-${colorScheme}-${viewport.width}`;
        const html = `<!doctype html><html lang="en"><head><title>Article</title><link rel="icon" href="data:,">
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body style="margin:0"><main style="max-width:${column ? `${column}px` : 'none'};margin:0 auto">
<h1>Article</h1><p>Before the calculator.</p>
<iframe id="${id}" src="${site.url}embed.html?view=compact&amp;id=${id}" title="Children's services outcome calculator"
  loading="lazy" width="100%" height="900" style="width: 100%; border: 0"></iframe>
<p id="after">The article goes on.</p></main>
<script src="${site.url}embed-parent.js" defer></script>
</body></html>`;
        const { page, close, consoleErrors } = await host(`${HOST}${id}.html`, html, { viewport, colorScheme });
        const frame = page.frameLocator(`#${id}`);
        await frame.locator(STATUS).filter({ hasText: /£/ }).waitFor();
        const inner = () => page.frame({ url: /embed\.html/ });
        // The calculator in a frame starts at once; the frame follows its
        // content as it settles.
        await page.waitForFunction((i) => document.getElementById(i).getBoundingClientRect().height !== 900, id);
        await frame.locator('outcome-calculator[data-live]').waitFor({ state: 'attached' });
        let sizes;
        for (let tries = 0; tries < 50; tries++) {
          await page.waitForTimeout(100);
          const content = await inner().evaluate(() => ({
            scroll: document.documentElement.scrollHeight,
            client: document.documentElement.clientHeight,
            width: document.documentElement.clientWidth,
          }));
          const frameBox = await page.locator(`#${id}`).evaluate((el) => el.getBoundingClientRect());
          sizes = { ...content, frame: frameBox.height, frameWidth: frameBox.width };
          if (Math.abs(sizes.frame - sizes.scroll) <= 1) break;
        }
        // The frame is its content's height: nothing scrolls inside it.
        assert.ok(Math.abs(sizes.frame - sizes.scroll) <= 1, JSON.stringify(sizes));
        assert.ok(sizes.scroll <= sizes.client + 1, `scrolls inside: ${JSON.stringify(sizes)}`);
        // In one phone screen, at either width.
        assert.ok(sizes.frame <= 844, `${sizes.frame}px tall`);
        if (column) assert.ok(Math.abs(sizes.frameWidth - column) <= 1, `${sizes.frameWidth}px wide`);
        const nothingWide = await inner().evaluate(() => document.documentElement.scrollWidth <= innerWidth);
        assert.ok(nothingWide, 'the frame scrolls sideways');

        // The sentence, the key figures, one chart and the link; no form.
        assert.equal(await frame.locator(STATUS).isVisible(), true);
        assert.equal(await frame.locator('outcome-calculator .oc-keys').first().isVisible(), true);
        assert.equal(await frame.locator('outcome-calculator .oc-figure').count() >= 1, true);
        assert.equal(await frame.locator('outcome-calculator .oc-figures-chart .oc-figure').isVisible(), true);
        for (const hidden of ['.oc-form', '.oc-figures-sure', '.oc-figures-more', '.oc-tools', '.oc-explain', '.oc-national']) {
          assert.equal(await frame.locator(`outcome-calculator ${hidden}`).first().isVisible(), false, hidden);
        }
        const link = frame.locator(byId('full-link'));
        assert.equal(await link.isVisible(), true);
        assert.match(await link.textContent(), /^Open the full calculator/);
        assert.match(await link.getAttribute('href'), new RegExp(`^${site.url}index\\.html\\?`));
        assert.equal(await link.getAttribute('target'), '_blank');
        // The article resumes straight after the frame.
        const gap = await page.evaluate((i) => {
          const f = document.getElementById(i).getBoundingClientRect();
          return document.getElementById('after').getBoundingClientRect().top - f.bottom;
        }, id);
        assert.ok(gap < 40, `the article resumes ${gap}px below the frame`);
        // Dark where the reader's device is.
        const bg = await frame.locator('outcome-calculator .oc-status').evaluate((el) => getComputedStyle(el).color);
        assert.equal(bg === 'rgb(11, 12, 12)', colorScheme === 'light', bg);
        assert.deepEqual(consoleErrors, []);
        await close();
      });
    }

    test(`the compact embed shows the written result at its first paint, with every display option: ${colorScheme}`, async () => {
      // The calculator's module never arrives: what is shown is what the
      // build wrote into the page.
      const { page, close } = await openPage(browser, null, { viewport: { width: 390, height: 844 }, colorScheme });
      await page.route(/\.wasm$/, (route) => route.abort());
      await page.goto(`${site.url}embed.html?view=compact&theme=${colorScheme}&hide=explain&lock=care_starts&id=x&parent_origin=https%3A%2F%2Fnews.example`);
      await page.locator(STATUS).filter({ hasText: /£/ }).waitFor();
      assert.equal(await page.evaluate(() => document.documentElement.hasAttribute('data-calculator-wait')), false);
      const host = page.locator('outcome-calculator');
      assert.equal(await host.getAttribute('view'), 'compact');
      assert.equal(await host.getAttribute('theme'), colorScheme);
      assert.equal(await host.getAttribute('data-live'), null);
      assert.equal(await page.locator(STATUS).isVisible(), true);
      assert.equal(await page.locator('outcome-calculator .oc-form').isVisible(), false);
      assert.equal(await page.locator(byId('full-link')).isVisible(), true);
      const bg = await page.locator('outcome-calculator .oc').evaluate((el) => getComputedStyle(el).backgroundColor);
      assert.equal(bg, colorScheme === 'dark' ? 'rgb(11, 12, 12)' : 'rgb(255, 255, 255)');
      await close();
    });

    test(`presenter mode from the address shows on the written result, and stays once the calculator is live: ${colorScheme}`, async () => {
      const { page, close } = await openPage(browser, null, { viewport: { width: 1280, height: 720 }, colorScheme });
      let wasm = () => {};
      const arrived = new Promise((resolve) => {
        wasm = resolve;
      });
      // The module is held back until the written result has been read.
      await page.route(/\.wasm$/, async (route) => {
        await arrived;
        await route.continue();
      });
      await page.goto(`${site.url}embed.html?presenter&id=x`);
      await page.locator(STATUS).filter({ hasText: /£/ }).waitFor();
      assert.equal(await page.evaluate(() => document.documentElement.hasAttribute('data-calculator-wait')), false);
      const host = page.locator('outcome-calculator');
      assert.equal(await host.getAttribute('data-live'), null);
      const zoom = () => page.locator('outcome-calculator .oc').evaluate((el) => Number(getComputedStyle(el).zoom));
      assert.equal(await zoom(), 1.5);
      const button = page.locator(byId('presenter'));
      assert.equal(await button.isVisible(), true);
      assert.equal(await button.getAttribute('aria-pressed'), 'true');
      const before = await page.locator(STATUS).boundingBox();
      wasm();
      await host.evaluate((el) => el.start());
      await page.waitForFunction(() => document.querySelector('outcome-calculator').hasAttribute('data-live'));
      assert.equal(await zoom(), 1.5);
      assert.equal(await button.getAttribute('aria-pressed'), 'true');
      assert.deepEqual(await page.locator(STATUS).boundingBox(), before, 'the figures stay where they were');
      await close();
    });

    test(`axe finds nothing in the compact embed: ${colorScheme}`, async () => {
      const { page, close } = await openPage(browser, `${site.url}embed.html?view=compact&id=x`, {
        bypassCSP: true,
        viewport: { width: 390, height: 844 },
        colorScheme,
      });
      await ready(page);
      const { violations } = await runAxe(page, { include: [['outcome-calculator']] });
      assert.equal(violations.length, 0, formatViolations(violations));
      await close();
    });
  }

  test('sections chooses the parts shown; the element snippet is compact too', async () => {
    const { page, close } = await openPage(browser, `${site.url}embed.html?sections=results,form,link&id=x`, {
      viewport: { width: 390, height: 844 },
    });
    await page.locator(STATUS).filter({ hasText: /£/ }).waitFor();
    assert.equal(await page.locator('outcome-calculator .oc-form').isVisible(), true);
    assert.equal(await page.locator('outcome-calculator .oc-keys--money').isVisible(), true);
    assert.equal(await page.locator('outcome-calculator .oc-figures-chart').isVisible(), false);
    assert.equal(await page.locator('outcome-calculator .oc-tools').isVisible(), false);
    assert.equal(await page.locator(byId('full-link')).isVisible(), true);
    await close();

    // Locked fields where the form is shown keep the written result too:
    // their notes are written hidden and shown from the address
    // (first-scenario.test.mjs); an unknown name waits for the calculator.
    const locked = await openPage(browser, `${site.url}embed.html?sections=results,form&lock=care_starts&id=x`);
    await locked.page.locator(STATUS).filter({ hasText: /£/ }).waitFor({ state: 'visible' });
    assert.equal(await locked.page.evaluate(() => document.documentElement.hasAttribute('data-calculator-wait')), false);
    assert.equal(await locked.page.locator(byId('council.care_starts-locked')).isVisible(), true);
    await locked.close();
    const unknown = await openPage(browser, `${site.url}embed.html?sections=results,form&lock=care_starts,no_such_field&id=x`);
    await unknown.page.locator('outcome-calculator[data-live]').waitFor({ state: 'attached' });
    await unknown.close();

    const el = await host(
      `${site.url}compact.html`,
      `<!doctype html><html lang="en"><head><title>Article</title><link rel="icon" href="data:,">
<script type="module" src="outcome-calculator.js"></script></head>
<body><main><h1>Article</h1><outcome-calculator view="compact" care_starts="480"></outcome-calculator></main></body></html>`,
      { csp: true, viewport: { width: 390, height: 844 } },
    );
    await ready(el.page);
    assert.equal(await el.page.locator('outcome-calculator .oc-form').isVisible(), false);
    assert.match(await el.page.locator(byId('full-link')).getAttribute('href'), /index\.html\?.*care_starts=480/);
    const height = await el.page.locator('outcome-calculator').evaluate((e) => e.getBoundingClientRect().height);
    assert.ok(height <= 844, `${height}px tall`);
    assert.deepEqual(el.cspViolations, []);
    await el.close();
  });
});
