// Every figure opens its own working: the figure is a button, the working
// opens below it with the reader's numbers (sentence, formula, the chain
// down to sourced inputs, what moves it most), follows the answers while
// open, and comes from a module fetched only the first time one is opened.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import {
  byId,
  formatViolations,
  openCalculator,
  runAxe,
  useSiteAndBrowser,
} from './helpers.mjs';

const HEADLINE = 'outcome-calculator button[data-explain="summary.budget_npv"]';
const panel = (path) => byId(`working:${path}`);
const workingsRequests = (requests) => requests.filter((r) => r.url.includes('/pkg-workings/'));

describe('every figure opens its working', () => {
  let site;
  let browser;
  useSiteAndBrowser((s, b) => {
    site = s;
    browser = b;
  });

  test('the headline opens by keyboard, with the live numbers, sources and what moves it most', async () => {
    const { page, requests, consoleErrors, close } = await openCalculator(browser, site.url);
    assert.deepEqual(workingsRequests(requests), [], 'the workings module is fetched only when used');
    const button = page.locator(HEADLINE);
    const shown = (await button.textContent()).replace(/:.*$/, '');
    await button.focus();
    await page.keyboard.press('Enter');
    const box = page.locator(panel('summary.budget_npv'));
    const sentence = box.locator('.oc-working-sentence');
    await sentence.waitFor();
    assert.equal(await button.getAttribute('aria-expanded'), 'true');
    assert.ok(workingsRequests(requests).length > 0, 'the workings module was fetched');
    // The sentence works the headline out from the figures on screen.
    assert.match(await sentence.textContent(), /net present budget impact to the council = £[\d.]+m .* − £[\d.]+m/);
    // The default scenario costs the council more than it saves in cash.
    assert.match(shown, /^[-−]?£[\d.]+ million$/);
    // The chain: the figure to the penny, its two parts, each input sourced.
    const steps = box.locator('.oc-working-steps');
    assert.match(await steps.locator('.oc-working-value').first().textContent(), /^[-−]?£[\d,]+\.\d\d$/);
    // Open steps, first closed one first, down to the inputs.
    for (let i = 0; i < 12 && (await steps.locator('.oc-working-source').count()) === 0; i++) {
      await steps.locator('details:not([open]) > summary').filter({ visible: true }).first().click();
    }
    const sources = await steps.locator('.oc-working-source').allTextContents();
    assert.ok(sources.length > 0, 'inputs are shown');
    for (const s of sources) assert.ok(s.trim().length > 0, 'every input says where it comes from');
    // What moves it most: inputs linked to their fields.
    const moves = box.locator('.oc-working-moves li');
    assert.ok((await moves.count()) >= 2);
    const link = moves.locator('a[data-target]').first();
    const target = await link.getAttribute('data-target');
    await link.click();
    const focused = await page.evaluate(() => document.querySelector('outcome-calculator').shadowRoot.activeElement?.id);
    assert.equal(focused, target, 'the link moves to the input');
    // Enter again closes it.
    await button.focus();
    await page.keyboard.press('Enter');
    assert.equal(await page.locator(panel('summary.budget_npv')).count(), 0);
    assert.equal(await button.getAttribute('aria-expanded'), 'false');
    assert.deepEqual(consoleErrors, []);
    await close();
  });

  test('a chart point opens its working, and an open working follows the answers', async () => {
    const { page, consoleErrors, close } = await openCalculator(browser, site.url);
    const table = page.locator(byId('oc-cumulative-table'));
    await table.locator('summary').focus();
    await page.keyboard.press('Enter');
    const cell = table.locator('button[data-explain="years[2].cumulative_cash_net"]');
    const shown = (await cell.textContent()).replace(/:.*$/, '');
    await cell.focus();
    await page.keyboard.press('Enter');
    const sentence = page.locator(panel('years[2].cumulative_cash_net')).locator('.oc-working-sentence');
    await sentence.waitFor();
    const before = await sentence.textContent();
    assert.match(before, /£/);
    assert.match(shown, /£/);
    await page.locator(byId('council.care_starts')).fill('600');
    await page.locator(panel('years[2].cumulative_cash_net')).locator('.oc-working-sentence').filter({ hasNotText: before }).waitFor();
    assert.deepEqual(consoleErrors, []);
    await close();
  });

  test('the range\'s figures open their working: a simulation, its settings and ranges', async () => {
    const { page, consoleErrors, close } = await openCalculator(browser, site.url);
    await page.locator('outcome-calculator [id="oc-sure"][aria-busy="false"][data-npv-p50]').waitFor();
    const table = page.locator(byId('oc-fan-table'));
    await table.locator('summary').click();
    const path = 'uncertainty.years[4].cumulative_net.p50';
    await table.locator(`button[data-explain="${path}"]`).click();
    const box = page.locator(panel(path));
    await box.locator('.oc-working-sentence').waitFor();
    assert.match(await box.textContent(), /simulations \(seed [\d,]+\)/);
    assert.deepEqual(consoleErrors, []);
    await close();
  });

  for (const colorScheme of ['light', 'dark']) {
    test(`an opened working shows its sources at the top, linked, with no further click (${colorScheme})`, async () => {
      const { page, consoleErrors, close } = await openCalculator(browser, site.url, { colorScheme });
      await page.locator(HEADLINE).click();
      const box = page.locator(panel('summary.budget_npv'));
      await box.locator('.oc-working-sentence').waitFor();
      const sources = box.locator('.oc-working-sources');
      await sources.waitFor({ state: 'visible' });
      // Above the chain of steps.
      const [top, steps] = await Promise.all([
        sources.evaluate((el) => el.getBoundingClientRect().top),
        box.locator('.oc-working-steps').evaluate((el) => el.getBoundingClientRect().top),
      ]);
      assert.ok(top < steps, 'the sources come before the steps');
      const first = sources.locator('a[href^="http"]').first();
      assert.ok(await first.isVisible(), 'the first source link is visible');
      assert.ok((await first.textContent()).trim().length > 10);
      // Every source is named once, with the inputs it gives.
      const items = await sources.locator('li').allTextContents();
      assert.ok(items.length >= 2, items.join('\n'));
      assert.equal(new Set(items).size, items.length);
      assert.ok(items.some((t) => /Department for Education/.test(t)), items.join('\n'));
      // The sources of every input of the working are among them.
      assert.deepEqual(consoleErrors, []);
      await close();
    });
  }

  test('the printed handout carries the headline figures\' workings', async () => {
    const { page, close } = await openCalculator(browser, site.url);
    await page.evaluate(() => {
      window.print = () => {
        window.__printed = true;
      };
    });
    await page.locator('outcome-calculator').getByRole('button', { name: 'Print' }).click();
    await page.waitForFunction(() => window.__printed === true);
    const sheet = page.locator(byId('oc-print-workings'));
    assert.match(await sheet.textContent(), /How the headline figures are worked out.*Net present budget impact/s);
    await close();
  });

  test('the workings download as a CSV sheet, step by step down to sourced inputs', async () => {
    const { page, consoleErrors, close } = await openCalculator(browser, site.url);
    const shown = (await page.locator(HEADLINE).textContent()).replace(/:.*$/, '');
    const [file] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('outcome-calculator').getByRole('button', { name: 'Download the workings (CSV)' }).click(),
    ]);
    assert.match(file.suggestedFilename(), /-workings\.csv$/);
    const text = await new Promise((ok, fail) => {
      file.createReadStream().then((stream) => {
        const chunks = [];
        stream.on('data', (c) => chunks.push(c));
        stream.on('end', () => ok(Buffer.concat(chunks).toString('utf8')));
        stream.on('error', fail);
      }, fail);
    });
    const lines = text.trim().split('\n');
    assert.equal(lines[0], 'figure,step,depth,label,value,unit,price year,source');
    const first = lines.find((l) => l.startsWith('summary.budget_npv,1,0,'));
    assert.ok(first, 'the headline is the first figure');
    const value = Number(first.split(',')[4]);
    const millions = `£${Math.abs(value / 1e6).toFixed(1)} million`;
    assert.equal(shown.replace('−', '-'), value < 0 ? `-${millions}` : millions, 'the sheet holds the figure on screen');
    // Every input row names its source.
    const inputs = lines.filter((l) => /your figure|official figure|Department|Treasury|HM |evaluation|fixed/i.test(l));
    assert.ok(inputs.length > 5, `${inputs.length} sourced rows`);
    // A sensible size: a working met again is written once and referred
    // to by its figure and step (it was 2.58 MB written out every time).
    assert.ok(text.length < 250_000, `${text.length} bytes`);
    const rows = new Set(lines.slice(1).map((l) => l.split(',').slice(0, 2).join(' step ')));
    const refs = lines.filter((l) => l.includes('the same working as '));
    assert.ok(refs.length > 0);
    for (const l of refs) {
      const [, figure, step] = l.match(/the same working as ([\w.]+) step (\d+), above/);
      assert.ok(rows.has(`${figure} step ${step}`), `${l} refers to a row that is not there`);
    }
    for (const figure of ['summary.budget_npv', 'summary.pv_cashable', 'summary.pv_cost', 'summary.npv', 'summary.bcr']) {
      assert.ok(lines.some((l) => l.startsWith(`${figure},1,0,`)), figure);
    }
    assert.deepEqual(consoleErrors, []);
    await close();
  });

  for (const colorScheme of ['light', 'dark']) {
    test(`axe finds nothing with a working open at 320 px (${colorScheme})`, async () => {
      const { page, close } = await openCalculator(browser, site.url, {
        bypassCSP: true,
        colorScheme,
        viewport: { width: 320, height: 640 },
      });
      await page.locator(HEADLINE).click();
      const box = page.locator(panel('summary.budget_npv'));
      await box.locator('.oc-working-sentence').waitFor();
      await box.locator('details:not([open]) > summary').first().click();
      const wide = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(wide <= 320, `the page is ${wide} px wide`);
      const { violations } = await runAxe(page, { include: [['outcome-calculator']] });
      assert.equal(violations.length, 0, formatViolations(violations));
      await close();
    });
  }
});
