// Every programme gives an answer the moment it is chosen: ticking one
// whose figure no source publishes (Pause's cost, how many families the
// council's FDAC or FGC team or No Wrong Door hub works with, No Wrong
// Door's share that would have entered care) keeps the results for the
// rest up, with the programme named as not counted yet in the results'
// sentence, and asks for the figure under its box, where the reader is
// looking: on a phone the box does not move and the request is on the
// screen. Typing the figure brings the programme into the results.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { byId, openCalculator, useSiteAndBrowser, waitUntil } from './helpers.mjs';

let site;
let browser;

useSiteAndBrowser((s, b) => {
  site = s;
  browser = b;
});

const PHONE = { width: 390, height: 844 };

// Each programme, and a value for every figure it waits for.
const PROGRAMMES = [
  ['pause', { 'pause.annual_cost': '£250,000' }],
  ['fdac', { 'fdac.cohort': '30' }],
  ['fgc-pre-proceedings', { 'fgc-pre-proceedings.cohort': '60', 'fgc-pre-proceedings.cost_per_case': '£1,500' }],
  [
    'no-wrong-door',
    { 'no-wrong-door.cohort': '40', 'no-wrong-door.cost_per_case': '£6,000', 'no-wrong-door.counterfactual_pct': '30' },
  ],
];

const status = (page) => page.locator(byId('status')).textContent();

describe('every programme gives an answer when it is chosen', () => {
  for (const colorScheme of ['light', 'dark']) {
    for (const [id, figures] of PROGRAMMES) {
      test(`${id} on a phone (${colorScheme})`, async () => {
        const { page, close, consoleErrors } = await openCalculator(browser, site.url, {
          viewport: PHONE,
          colorScheme,
          context: { hasTouch: true, isMobile: true },
        });
        const box = page.locator(byId(`choose.${id}`));
        await box.scrollIntoViewIfNeeded();
        const before = await box.boundingBox();
        await box.tap();
        const note = page.locator(byId(`waiting.${id}`));
        await note.waitFor();
        // The box stays where the finger is; the request is on the screen.
        const after = await box.boundingBox();
        assert.ok(Math.abs(after.y - before.y) <= 1, `the box moved from y=${before.y} to y=${after.y}`);
        const at = await note.boundingBox();
        assert.ok(at.y >= 0 && at.y + Math.min(at.height, 40) <= PHONE.height, `the request at y=${at.y} is on the screen`);
        assert.match(await note.textContent(), /^Not counted yet\. .* needs (a figure|figures) that no source publishes/);
        // The results for the rest stay up, and say what is left out.
        assert.match(await status(page), /^Over \d+ years .* is not counted yet: it needs a figure, asked for under its box\.$/);
        assert.equal(await page.locator(byId('error-summary')).isVisible(), false);
        assert.equal(await page.locator(byId('stale')).isVisible(), false);
        // Each figure's field says what it is.
        for (const field of Object.keys(figures)) {
          const error = page.locator(byId(`${field.replace(/\.annual_cost$/, '.cost_per_case')}-error`));
          assert.ok((await error.isVisible()) || field.endsWith('.annual_cost'), `${field} is asked for`);
        }
        // Given, the programme joins the results.
        for (const [field, value] of Object.entries(figures)) await page.locator(byId(field)).fill(value);
        await waitUntil(page, `${id} in the results`, () => !document.querySelector('outcome-calculator').shadowRoot.getElementById('status').textContent.includes('not counted'));
        assert.equal(await note.isVisible(), false);
        assert.match(await status(page), /^Over \d+ years/);
        assert.deepEqual(consoleErrors, []);
        await close();
      });
    }
  }
});

describe('no field moves when the reader types', () => {
  for (const viewport of [PHONE, { width: 1366, height: 768 }]) {
    test(`at ${viewport.width}×${viewport.height}`, async () => {
      const { page, close, consoleErrors } = await openCalculator(browser, site.url, { viewport });
      // A figure that changes the results above, one that makes an error
      // summary appear above, one out of range.
      for (const id of ['council.care_starts', 'council.children_looked_after', 'assumptions.funding_years']) {
        const field = page.locator(byId(id));
        await field.scrollIntoViewIfNeeded();
        const before = (await field.boundingBox()).y;
        await field.focus();
        await page.keyboard.press('End');
        await page.keyboard.type('7');
        // The key figures now, the charts and tables once typing rests.
        await page.waitForTimeout(900);
        const after = (await field.boundingBox()).y;
        assert.ok(Math.abs(after - before) <= 1, `${id} moved from y=${before} to y=${after}`);
        await page.keyboard.press('Backspace');
        await page.waitForTimeout(900);
        assert.ok(Math.abs((await field.boundingBox()).y - before) <= 1, `${id} moved back`);
      }
      assert.deepEqual(consoleErrors, []);
      await close();
    });
  }
});
