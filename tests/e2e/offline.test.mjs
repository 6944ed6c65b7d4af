// The single-file page (dist/outcome-calculator.html, written by
// node scripts/build.mjs): opened from disk with the network off, it starts,
// is styled, calculates, and asks for nothing but itself.

import assert from 'node:assert/strict';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, test } from 'node:test';
import {
  byId,
  launchBrowser,
  openPage,
  ROOT,
  waitForWidget,
  WWW,
} from './helpers.mjs';

const FILE = join(ROOT, 'dist', 'outcome-calculator.html');

let browser;

before(async () => {
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
});

const STATUS = byId('status');

test('the single file holds the current build', () => {
  assert.ok(existsSync(FILE), `${FILE} is missing: run node scripts/build.mjs`);
  const html = readFileSync(FILE, 'utf8');
  // Each module is held gzipped, then base64, once.
  const packed = (file) => gzipSync(readFileSync(join(WWW, file)), { level: 9 }).toString('base64');
  for (const file of ['pkg/outcome_calculator_bg.wasm', 'pkg-workings/outcome_calculator_bg.wasm']) {
    const parts = html.split(packed(file)).length - 1;
    assert.equal(parts, 1, `the inlined ${file} is not the one in www/ (run node scripts/build.mjs), or is there twice`);
  }
  assert.ok(statSync(FILE).size <= 1024 * 1024, `the file is ${statSync(FILE).size} bytes, over 1 MB`);
  assert.ok(html.includes(JSON.stringify(readFileSync(join(WWW, 'widget.css'), 'utf8'))), 'widget.css is not the current one');
  // Nothing to fetch: no script, stylesheet or image from another file
  // (the inlined script and style themselves left out of the check).
  const markup = html.replace(/<script type="module">[\s\S]*?<\/script>/, '').replace(/<style>[\s\S]*?<\/style>/, '');
  assert.match(html, /<script type="module">\n/);
  assert.doesNotMatch(markup, /<(script|link|img)[^>]+(src|href)="(?!data:)[^"#]/);
});

test('opened from disk with no network, it works', async () => {
  const opened = await openPage(browser, null);
  const { page, context, requests, consoleErrors } = opened;
  await context.setOffline(true);
  const url = pathToFileURL(FILE).href;
  await page.goto(url);
  await waitForWidget(page);
  await page.locator('outcome-calculator .oc').waitFor({ state: 'visible' });
  await page.locator(STATUS).filter({ hasText: /^Over 5 years / }).waitFor();

  // Styled: the widget's CSS reached its shadow root without a request.
  const border = await page.locator(byId('council.care_starts')).evaluate((el) => getComputedStyle(el).borderTopWidth);
  assert.equal(border, '2px');
  const pageFont = await page.evaluate(() => getComputedStyle(document.body).fontFamily);
  assert.match(pageFont, /Arial/i, 'the page CSS is inlined');

  // It calculates, keeps the scenario in the address, and exports.
  const before = await page.locator(STATUS).textContent();
  await page.locator(byId('council.care_starts')).fill('600');
  await page.locator(STATUS).filter({ hasNotText: before }).waitFor();
  const link = await page.locator(byId('share-link')).inputValue();
  assert.ok(link.startsWith(`${url}?v=2&`), `the share link is this file's: ${link}`);
  assert.match(link, /care_starts=600/);
  const root = page.locator('outcome-calculator');
  await root.getByRole('button', { name: 'Pin this scenario as A' }).click();
  await page.locator('outcome-calculator #compare-body table').waitFor();
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    root.getByRole('button', { name: 'Download the report (CSV)' }).click(),
  ]);
  assert.match(file.suggestedFilename(), /\.csv$/);

  const elsewhere = requests.filter((r) => r.url !== url && !/^(data|blob):/.test(r.url) && !r.url.startsWith(url.split('?')[0]));
  assert.deepEqual(elsewhere, [], 'only the file itself is read');
  assert.deepEqual(consoleErrors, []);
  await opened.close();
});

/** The single file opened from disk with the network off (any request
 * that is not the file itself is also refused). */
async function openOffline(query = '', options = {}) {
  const opened = await openPage(browser, null, options);
  const { page, context } = opened;
  await context.setOffline(true);
  await context.route('**/*', (route) =>
    route.request().url().startsWith('file:') ? route.continue() : route.abort('internetdisconnected'),
  );
  const url = pathToFileURL(FILE).href;
  await page.goto(url + query);
  await waitForWidget(page);
  await page.locator('outcome-calculator .oc').waitFor({ state: 'visible' });
  await page.locator(STATUS).filter({ hasText: /^Over / }).waitFor();
  return { ...opened, url };
}

for (const colorScheme of ['light', 'dark']) {
  test(`from disk with no network, "Your council in context" shows the council's history and neighbours (${colorScheme})`, async () => {
    const { page, requests, consoleErrors, close, url } = await openOffline('?council=E10000015', { colorScheme });
    await page.locator(`${byId('context')} > summary`).click();
    const body = page.locator(byId('context-body'));
    await body.locator('caption').filter({ hasText: /as published$/ }).first().waitFor();
    const text = await body.innerText();
    assert.doesNotMatch(text, /could not be loaded/);
    assert.match(text, /Hertfordshire/);
    assert.match(text, /neighbour/i);
    // 2025 as published: 999 looked after.
    const last = await page.evaluate(() => {
      const root = document.querySelector('outcome-calculator').shadowRoot;
      const table = [...root.querySelectorAll('table')].find((t) =>
        t.querySelector('caption')?.textContent.startsWith('Hertfordshire: children at 31 March'),
      );
      return [...table.querySelectorAll('tbody tr')].at(-1).children[1].textContent;
    });
    assert.equal(last, '999');
    const elsewhere = requests.filter((r) => !/^(data|blob):/.test(r.url) && !r.url.startsWith(url));
    assert.deepEqual(elsewhere, [], 'only the file itself is read');
    assert.deepEqual(consoleErrors, []);
    await close();
  });
}

test('from disk, the share panel says the link opens only on this device, and builds it on a hosted copy given', async () => {
  const { page, consoleErrors, close, url } = await openOffline();
  const note = page.locator(byId('share-offline'));
  assert.match(await note.innerText(), /opens the scenario only on this device/);
  const link = page.locator(byId('share-link'));
  assert.ok((await link.inputValue()).startsWith(`${url}?v=2&`));

  // Not a web address: the field's error names it, the link stays.
  const hosted = page.locator(byId('share-hosted'));
  await hosted.fill('intranet calculator');
  await hosted.press('Enter');
  await hosted.blur();
  const error = page.locator(byId('share-hosted-error'));
  await error.waitFor({ state: 'visible' });
  assert.match(await error.textContent(), /^Error: Address of a hosted copy: /);
  assert.equal(await hosted.getAttribute('aria-invalid'), 'true');
  assert.ok((await link.inputValue()).startsWith(`${url}?v=2&`));

  // A hosted copy's address: the link is built on it, with the scenario.
  await hosted.fill('https://www.example.gov.uk/outcome-calculator/?old=1#x');
  await hosted.blur();
  await page.waitForFunction(() =>
    document.querySelector('outcome-calculator').shadowRoot.getElementById('share-link').value.startsWith('https://www.example.gov.uk/'),
  );
  const built = await link.inputValue();
  assert.ok(built.startsWith('https://www.example.gov.uk/outcome-calculator/?v=2&'), built);
  assert.ok(await error.isHidden());
  assert.equal(await page.locator('outcome-calculator').getAttribute('hosted-url'), 'https://www.example.gov.uk/outcome-calculator/');
  // It follows the scenario.
  await page.locator(byId('council.care_starts')).fill('600');
  await page.waitForFunction(() =>
    /care_starts=600/.test(document.querySelector('outcome-calculator').shadowRoot.getElementById('share-link').value),
  );
  assert.ok((await link.inputValue()).startsWith('https://www.example.gov.uk/outcome-calculator/?v=2&'));
  assert.deepEqual(consoleErrors, []);
  await close();
});

test('the element\'s hosted-url attribute gives the address a share link is built on', async () => {
  const { page, close } = await openOffline();
  // Set before the calculator draws the panel: read at each refresh.
  await page.evaluate(() => document.querySelector('outcome-calculator').setAttribute('hosted-url', 'https://calc.example.org/'));
  await page.locator(byId('council.care_starts')).fill('601');
  await page.waitForFunction(() =>
    document.querySelector('outcome-calculator').shadowRoot.getElementById('share-link').value.startsWith('https://calc.example.org/?v=2&'),
  );
  assert.equal(await page.locator(byId('share-hosted')).inputValue(), 'https://calc.example.org/');
  await close();
});
