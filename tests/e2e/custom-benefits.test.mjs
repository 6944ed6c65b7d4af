// A custom programme's benefits in money, counted the GMCA way
// (methodology §7a): a link brings a programme of the reader's own with one
// benefit; the reader adds a benefit, fills it in and sees the results
// change, chooses one cohort, removes a benefit, and a bad value is named
// next to its field and keeps the last results. axe-core finds nothing.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  byId,
  formatViolations,
  openPage,
  runAxe,
  useSiteAndBrowser,
  waitForWidget,
} from './helpers.mjs';

let site;
let browser;

useSiteAndBrowser((s, b) => {
  site = s;
  browser = b;
});

const STATUS = byId('status');

// The illustration of methodology §7a, as a link: 60 cases a year at
// £1,500, one benefit to other public services.
const LINK =
  '?v=2&evidence=2026.4&name=An+illustrative+council&horizon_years=5&funding_years=3' +
  '&programmes=custom&custom.cohort=60&custom.cost_per_case=1500&custom.annual_cost=20000' +
  '&custom.deadweight_pct=20&custom.attribution_pct=10&custom.name=Mentoring&custom.grade=qed' +
  '&custom.benefit1=other_public%3A1000%3A2000%3A3000%3A3%3A25%3AFewer+days+of+school+missed';

async function open(options = {}) {
  const opened = await openPage(browser, site.url + LINK, options);
  await waitForWidget(opened.page);
  await opened.page.locator('outcome-calculator .oc').waitFor({ state: 'visible' });
  await opened.page.locator(STATUS).filter({ hasText: /^Over 5 years/ }).waitFor();
  return opened;
}

/**
 * The figures, once they differ from `before` and have all caught up with
 * the answers: the charts and tables (#figures without data-pending) and
 * the simulation worked out in the background (#oc-sure not aria-busy).
 * Read at the first change, they could hold the charts or the simulation
 * of the answers before, and on a busy machine did.
 */
async function figuresAfter(page, before) {
  const figures = page.locator(byId('figures'));
  await page.waitForFunction(
    ([sel, old]) => {
      const f = document.querySelector('outcome-calculator').shadowRoot.querySelector(sel);
      return (
        f !== null &&
        f.textContent !== old &&
        !f.hasAttribute('data-pending') &&
        f.querySelector('#oc-sure')?.getAttribute('aria-busy') === 'false'
      );
    },
    ['[id="figures"]', before],
  );
  return figures.textContent();
}

/** The id of the focused element, looking inside shadow roots. */
const focusedId = (page) =>
  page.evaluate(() => {
    let a = document.activeElement;
    while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
    return a?.id ?? null;
  });

describe('custom benefits', () => {
  test('adding a benefit, one cohort and removing one change the results', async () => {
    const { page, close } = await open();
    const rows = page.locator(byId('own0-rows'));
    assert.equal(await page.locator(byId('own0.benefit0.name')).inputValue(), 'Fewer days of school missed');
    assert.equal(await page.locator(byId('own0.benefit0.agency')).inputValue(), 'other_public');
    assert.equal(await page.locator(byId('own0.benefit0.value')).inputValue(), '2,000');
    assert.equal(await page.locator(byId('own0.benefit0.drop_off_pct')).inputValue(), '25');
    assert.match(await rows.textContent(), /Benefit 1/);
    const start = await figuresAfter(page, null);

    // Add a benefit: its first input has focus; it counts nothing yet.
    await page.locator(byId('own0-add')).click();
    assert.equal(await focusedId(page), 'own0.benefit1.name');
    assert.match(await rows.textContent(), /Benefit 2/);
    await page.locator(byId('own0.benefit1.name')).fill('Fewer referrals to children\u2019s social care');
    await page.locator(byId('own0.benefit1.agency')).selectOption('childrens_services');
    await page.locator(byId('own0.benefit1.value')).fill('1000');
    // With no range yet, its ends follow the value.
    assert.equal(await page.locator(byId('own0.benefit1.high')).inputValue(), '1,000');
    await page.locator(byId('own0.benefit1.years')).fill('2');
    await page.locator(byId('own0.benefit1.drop_off_pct')).fill('50');
    const added = await figuresAfter(page, start);
    assert.notEqual(added, start);
    await page.locator(STATUS).filter({ hasText: /^Over 5 years/ }).waitFor();

    // One cohort, in the first year only: less is served, the results change.
    await page.locator(byId('own0.cohorts.first_year_only')).check();
    const one = await figuresAfter(page, added);
    await page.locator(byId('own0.cohorts.each_funded_year')).check();
    assert.equal(await figuresAfter(page, one), added);

    // Remove the first benefit: its row goes, focus goes to "Add a benefit".
    await page.locator(byId('own0.benefit0.remove')).click();
    assert.equal(await page.locator(byId('own0.benefit0.row')).count(), 0);
    assert.equal(await focusedId(page), 'own0-add');
    assert.doesNotMatch(await rows.textContent(), /Benefit 2/);
    const removed = await figuresAfter(page, added);
    assert.notEqual(removed, start);
    await close();
  });

  test('a bad value is named next to its field and keeps the last results', async () => {
    // axe-core is injected as a script, which the page's policy refuses.
    const { page, close } = await open({ bypassCSP: true });
    const figures = await page.locator(byId('figures')).textContent();
    const field = page.locator(byId('own0.benefit0.value'));
    await field.fill('lots');
    const error = page.locator(byId('own0.benefit0.value-error'));
    await error.waitFor({ state: 'visible' });
    assert.match(await error.textContent(), /^Error: “lots” is not a number/);
    assert.equal(await field.inputValue(), 'lots');
    assert.equal(await field.getAttribute('aria-invalid'), 'true');
    assert.match(await page.locator(STATUS).textContent(), /^Results not updated: 1 answer needs correcting\.$/);
    assert.equal(await page.locator(byId('figures')).textContent(), figures);

    // Out of its range: validation names the field.
    await field.fill('2000');
    await page.locator(byId('own0.benefit0.years')).fill('30');
    const years = page.locator(byId('own0.benefit0.years-error'));
    await years.waitFor({ state: 'visible' });
    assert.match(await years.textContent(), /enter a number from 1 to 20/i);
    await page.locator(byId('own0.benefit0.years')).fill('3');
    await page.locator(STATUS).filter({ hasText: /^Over 5 years/ }).waitFor();
    assert.equal(await years.isVisible(), false);

    const { violations } = await runAxe(page, { include: [['outcome-calculator']] });
    assert.deepEqual(violations, [], formatViolations(violations));
    await close();
  });
});
