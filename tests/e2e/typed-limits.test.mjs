// Every panel and chart draws only validated values: with "Your council in
// context" open, a start year of 20000, 202600 or 2000000 and years to
// project of 0, -1 or 9999999999 are marked as wrong in the form, the
// panel keeps the last valid scenario's lines, and the page neither hangs
// nor panics (the issue measured 1.1 to 1.5 million nodes, a 6.4 GB hang
// and an index out of range before).

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { byId, openCalculator, useSiteAndBrowser } from './helpers.mjs';

let site;
let browser;

useSiteAndBrowser((s, b) => {
  site = s;
  browser = b;
});

const nodes = (page) =>
  page.evaluate(() => document.querySelector('outcome-calculator').shadowRoot.querySelectorAll('*').length);

describe('typed values out of range', () => {
  test('with the context panel open, out-of-range years neither hang nor panic', async () => {
    const { page, close, consoleErrors } = await openCalculator(browser, `${site.url}?council=E10000015`);
    await page.locator(`${byId('context')} > summary`).click();
    await page.locator(`${byId('context-body')} caption`).filter({ hasText: /as published$/ }).waitFor();
    // The council's own trend: the baseline's loops run over every year.
    await page.locator(byId('context-baseline-council_trend')).check();
    await page.locator(byId('status')).filter({ hasText: /^Over / }).waitFor();
    const before = await nodes(page);
    const panelBefore = await page.locator(byId('context-body')).innerText();

    for (const [id, value] of [
      ['assumptions.start_year', '20000'],
      ['assumptions.start_year', '202600'],
      ['assumptions.start_year', '2000000'],
      ['assumptions.horizon_years', '0'],
      ['assumptions.horizon_years', '-1'],
      ['assumptions.horizon_years', '9999999999'],
    ]) {
      const field = page.locator(byId(id));
      const started = Date.now();
      await field.fill(value);
      // The form says what is wrong with this field.
      await page.locator(byId('status')).filter({ hasText: /^Results not updated/ }).waitFor({ timeout: 5_000 });
      await page.locator(`outcome-calculator [id="${id}"][aria-invalid=true]`).waitFor({ timeout: 5_000 });
      // Past the redraw after typing rests (300 ms) and the panel's own.
      await page.waitForTimeout(600);
      const took = Date.now() - started;
      assert.ok(took < 5_000, `${id}=${value} took ${took} ms`);
      const now = await nodes(page);
      assert.ok(now < before * 1.2, `${id}=${value}: ${now} nodes against ${before}`);
      assert.equal(await page.locator(byId('fault')).count(), 0, `${id}=${value}: no fault`);
      assert.equal(await page.locator(byId('context-body')).innerText(), panelBefore, `${id}=${value}: panel kept`);
      // Back to a good value before the next.
      await field.fill(id === 'assumptions.start_year' ? '2026' : '5');
      await page.locator(byId('status')).filter({ hasText: /^Over / }).waitFor();
    }
    assert.deepEqual(consoleErrors, []);
    await close();
  });
});
