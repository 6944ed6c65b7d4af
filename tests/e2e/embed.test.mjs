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
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
} from './helpers.mjs';

let site;
let browser;
let other;
let HOST;
/** Pages the other site serves, by path. */
const otherPages = new Map();

before(async () => {
  site = await startSite();
  browser = await launchBrowser();
  other = createServer((req, res) => {
    const body = otherPages.get(new URL(req.url, 'http://x').pathname);
    res.writeHead(body ? 200 : 404, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(body ?? 'not found');
  }).listen(0, '127.0.0.1');
  await once(other, 'listening');
  HOST = `http://127.0.0.1:${other.address().port}/`;
});

after(async () => {
  await browser?.close();
  await site?.close();
  other?.closeAllConnections();
  other?.close();
});

const STATUS = byId('status');

/** Opens `html` as a page at `url` (optionally under the site's CSP). */
async function host(url, html, { csp = false, bypassCSP = false } = {}) {
  if (url.startsWith(HOST)) {
    otherPages.set(new URL(url).pathname, html);
    return openPage(browser, url);
  }
  const opened = await openPage(browser, null, { bypassCSP });
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
    await page.waitForFunction((h) => document.getElementById('calc-1').getBoundingClientRect().height > h + 50, have);
    want = await contentHeight();
    have = await iframe.evaluate((el) => el.getBoundingClientRect().height);
    assert.ok(Math.abs(have - want) <= 1, `after opening a section: frame ${have}px, content ${want}px`);

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
    assert.equal(await page.locator(byId('council.care_starts')).inputValue(), '424');
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

    // The script code, pasted into a page (the calculator's origin here: a
    // module script from another origin needs the host to send CORS headers).
    const a = await host(`${site.url}script.html`, `<!doctype html><html lang="en"><head><title>A</title></head><body>${script}</body></html>`);
    await ready(a.page);
    assert.equal(await a.page.locator(STATUS).textContent(), status);
    await a.close();

    // The iframe code.
    const b = await host(`${HOST}frame.html`, `<!doctype html><html lang="en"><head><title>B</title></head><body>${iframe}</body></html>`);
    const frame = b.page.frameLocator('iframe');
    await frame.locator(STATUS).filter({ hasText: /^Over / }).waitFor();
    assert.equal(await frame.locator(STATUS).textContent(), status);
    await b.page.waitForFunction(() => document.querySelector('iframe').getBoundingClientRect().height > 1000);
    await b.close();
  });
});
