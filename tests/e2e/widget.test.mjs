// The calculator in the demo page, as a person uses it: default results,
// typing, a bad value, the keyboard alone, and axe-core in the default,
// error, dark and 320 px states. One browser, a fresh context per test.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  byId,
  formatViolations,
  openCalculator,
  runAxe,
  useSiteAndBrowser,
} from './helpers.mjs';

let site;
let browser;

useSiteAndBrowser((s, b) => {
  site = s;
  browser = b;
});

// Playwright's CSS selectors reach into open shadow roots.
const STATUS = byId('status');

async function open(options = {}) {
  const opened = await openCalculator(browser, site.url, options);
  // "How sure are we?" fills in once the input has settled.
  await opened.page.locator(`${byId('oc-sure')}[aria-busy="false"]`).waitFor();
  return opened;
}

const statusText = (page) => page.locator(STATUS).textContent();

/** The id of the focused element, looking inside shadow roots. */
const focusedId = (page) =>
  page.evaluate(() => {
    let a = document.activeElement;
    while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
    return a?.id ?? null;
  });

// The widget and everything in its shadow root; the demo page around it is
// checked by page.test.mjs.
async function expectNoViolations(page, state) {
  const { violations } = await runAxe(page, { include: [['outcome-calculator']] });
  assert.equal(violations.length, 0, `axe, ${state}:\n${formatViolations(violations)}`);
}

/** Opens every folded section so that axe checks what is inside. */
const openAllDetails = (page) =>
  page.evaluate(() => {
    const root = document.querySelector('outcome-calculator').shadowRoot;
    for (const d of root.querySelectorAll('details')) d.open = true;
  });

describe('the calculator', () => {
  test('opens with the default scenario already computed', async () => {
    const { page, consoleErrors, cspViolations, failedRequests, close } = await open();
    const status = await statusText(page);
    assert.match(
      status,
      /^Over 5 years \(2026-27 to 2030-31\), in 2025-26 prices: the council is out of pocket by £[\d.]+ million in cash after costs \(discounted\); its cash does not pay back within the period\. Across the public purse: net cost £[\d.]+ million\.$/,
    );
    assert.equal(await page.locator(STATUS).getAttribute('role'), 'status');
    assert.equal(await page.locator(STATUS).getAttribute('aria-atomic'), 'true');
    for (const words of ['Time in care avoided', 'Net budget impact to the council', 'Benefit-cost ratio (public value)', 'Pays back in cash to the council']) {
      await page.locator(byId('figures')).getByText(words, { exact: true }).first().waitFor();
    }
    assert.equal(
      await page.locator('outcome-calculator :is(#oc-figures-chart, #oc-figures-more) > figure svg').count(),
      3,
    );
    assert.equal(await page.locator(byId('council.care_starts')).inputValue(), '405');
    assert.equal(await page.locator(byId('error-summary')).isVisible(), false);
    // The stylesheet came through the page's strict CSP.
    const border = await page
      .locator(byId('council.care_starts'))
      .evaluate((el) => getComputedStyle(el).borderTopWidth);
    assert.equal(border, '2px');
    assert.deepEqual(consoleErrors.filter((e) => !/favicon/.test(e)), []);
    assert.deepEqual(cspViolations, []);
    assert.deepEqual(failedRequests, []);
    await close();
  });

  test('updates the results as you type', async () => {
    const { page, close } = await open();
    const before = await statusText(page);
    await page.locator(byId('council.care_starts')).fill('800');
    await page.locator(STATUS).filter({ hasNotText: before }).waitFor();
    const after = await statusText(page);
    assert.match(after, /^Over 5 years /);
    // More children entering care: more for Family Safeguarding to save
    // (the council is out of pocket by less, or saves).
    const saves = (s) => {
      const m = s.match(/the council (saves|is out of pocket by) £([\d.]+) (million|billion)?/);
      const v = Number(m[2]) * (m[3] === 'billion' ? 1e9 : m[3] === 'million' ? 1e6 : 1);
      return m[1] === 'saves' ? v : -v;
    };
    assert.ok(saves(after) > saves(before), `${after} after ${before}`);

    await page.locator(byId('assumptions.horizon_years')).fill('3');
    await page.locator(STATUS).filter({ hasText: /^Over 3 years / }).waitFor();
    await close();
  });

  test('a bad value shows an error, keeps the text and keeps the last results', async () => {
    const { page, close } = await open();
    const figuresBefore = await page.locator(byId('figures')).textContent();
    const field = page.locator(byId('council.care_starts'));
    await field.fill('12a');

    const error = page.locator(byId('council.care_starts-error'));
    await error.waitFor({ state: 'visible' });
    assert.match(await error.textContent(), /^Error: “12a” is not a number/);
    assert.equal(await field.inputValue(), '12a');
    assert.equal(await field.getAttribute('aria-invalid'), 'true');
    assert.match(await field.getAttribute('aria-describedby'), /council\.care_starts-error/);
    assert.match(await statusText(page), /^Results not updated: 1 answer needs correcting\.$/);
    assert.ok(await page.locator(byId('stale')).isVisible());
    assert.equal(await page.locator(byId('figures')).textContent(), figuresBefore);
    // Typing did not move focus.
    assert.equal(await focusedId(page), 'council.care_starts');

    // Enter asks for the results: focus goes to the summary, whose link
    // leads back to the field.
    await field.press('Enter');
    const summary = page.locator(byId('error-summary'));
    await summary.getByText('There is a problem').waitFor();
    assert.equal(await focusedId(page), 'error-summary');
    await summary.getByRole('link', { name: /“12a” is not a number/ }).click();
    assert.equal(await focusedId(page), 'council.care_starts');
    assert.equal(await field.inputValue(), '12a');

    await field.fill('424');
    await page.locator(STATUS).filter({ hasText: /^Over 5 years/ }).waitFor();
    assert.equal(await error.isVisible(), false);
    assert.equal(await summary.isVisible(), false);
    await close();
  });

  test('figures pasted from a spreadsheet are read; a decimal comma is refused with a reason', async () => {
    const { page, close } = await open();
    await openAllDetails(page);
    const link = () =>
      page.evaluate(() => document.querySelector('outcome-calculator').shadowRoot.getElementById('share-link').value);
    for (const [id, text, inLink] of [
      ['unit_costs.cp_plan_annual', '£5,000', 'cp_plan_annual=5000&'],
      ['unit_costs.care_proceedings_council_pct', '50%', 'care_proceedings_council_pct=50&'],
      ['council.care_starts', '1 234', 'care_starts=1234&'],
      ['council.care_starts', '1\u00a0235', 'care_starts=1235&'],
      ['unit_costs.foster_weekly', '\u00a0£1\u202f250.50\u00a0', 'foster_weekly=1250.5&'],
      ['unit_costs.cin_annual', '£ 2 500', 'cin_annual=2500&'],
    ]) {
      await page.locator(byId(id)).fill(text);
      await page.waitForFunction(
        (want) => document.querySelector('outcome-calculator').shadowRoot.getElementById('share-link').value.includes(want),
        inLink,
      );
      assert.equal(await page.locator(byId(`${id}-error`)).isVisible(), false, `${JSON.stringify(text)}: ${await link()}`);
    }
    assert.match(await statusText(page), /^Over /);

    const field = page.locator(byId('assumptions.discount_rate_pct'));
    await field.fill(' 3,5');
    const error = page.locator(byId('assumptions.discount_rate_pct-error'));
    await error.waitFor({ state: 'visible' });
    assert.match(await error.textContent(), /“3,5” has a decimal comma: write decimals with a point/);
    assert.equal(await field.inputValue(), ' 3,5');
    assert.match(await statusText(page), /^Results not updated/);
    await close();
  });

  test('works with the keyboard alone', async () => {
    const { page, close } = await open();
    // Tab from the top of the page to the Family Drug and Alcohol Court box.
    let id = null;
    for (let i = 0; i < 60 && id !== 'choose.fdac'; i++) {
      await page.keyboard.press('Tab');
      id = await focusedId(page);
    }
    assert.equal(id, 'choose.fdac', 'reached the programme checkbox by Tab');
    // The GOV.UK yellow focus ring is showing.
    const outline = await page
      .locator(byId('choose.fdac'))
      .evaluate((el) => getComputedStyle(el).outlineColor);
    assert.equal(outline, 'rgb(255, 221, 0)');

    await page.keyboard.press('Space');
    assert.ok(await page.locator(byId('choose.fdac')).isChecked());
    await page.locator(byId('reveal.fdac')).waitFor({ state: 'visible' });
    // FDAC needs its number of families, which no source publishes: the
    // results for the rest stay up and say FDAC waits for it.
    await page.locator(STATUS).filter({ hasText: /Family Drug and Alcohol Court is not counted yet/ }).waitFor();
    assert.match(await page.locator(STATUS).textContent(), /^Over 5 years/);
    assert.match(
      await page.locator(byId('fdac.cohort-error')).textContent(),
      /how many cases Family Drug and Alcohol Court works with each year/,
    );

    // Past the description (one line and "more"; its source link is
    // inside), the next stop is that field, in the revealed settings.
    await page.keyboard.press('Tab');
    assert.match(
      await page.evaluate(() => {
        const a = document.querySelector('outcome-calculator').shadowRoot.activeElement;
        return `${a?.tagName} ${a?.textContent}`;
      }),
      /^SUMMARY .* more$/,
    );
    await page.keyboard.press('Tab');
    assert.equal(await focusedId(page), 'fdac.cohort');
    await page.keyboard.type('20');
    await page.locator(STATUS).filter({ hasNotText: /not counted yet/ }).waitFor();
    await page
      .locator(byId('figures'))
      .getByText(/^Family Drug and Alcohol Court: /)
      .first()
      .waitFor();

    // Space unticks it again; the results follow.
    await page.locator(byId('choose.fdac')).focus();
    await page.keyboard.press('Space');
    assert.equal(await page.locator(byId('choose.fdac')).isChecked(), false);
    assert.equal(await page.locator(byId('reveal.fdac')).isVisible(), false);

    // A folded section opens with Enter.
    await page.locator('outcome-calculator summary', { hasText: 'Unit costs' }).focus();
    await page.keyboard.press('Enter');
    await page.locator(byId('unit_costs.foster_weekly')).waitFor({ state: 'visible' });

    // The effect level radios move with the arrow keys.
    const before = await statusText(page);
    await page.locator(byId('level.central')).focus();
    await page.keyboard.press('ArrowUp');
    assert.equal(await focusedId(page), 'level.low');
    await page.locator(STATUS).filter({ hasNotText: before }).waitFor();
    await close();
  });

  test('axe-core finds no violations: default state', async () => {
    const { page, close } = await open({ bypassCSP: true });
    await expectNoViolations(page, 'default');
    await close();
  });

  test('axe-core finds no violations: error state', async () => {
    const { page, close } = await open({ bypassCSP: true });
    await page.locator(byId('council.care_starts')).fill('12a');
    await page.locator(byId('choose.pause')).check();
    await page.locator(byId('council.care_starts')).press('Enter');
    await page.locator(byId('error-summary')).waitFor({ state: 'visible' });
    await expectNoViolations(page, 'error');
    await close();
  });

  test('axe-core finds no violations: dark, everything open', async () => {
    const { page, close } = await open({ bypassCSP: true, colorScheme: 'dark' });
    const bg = await page
      .locator('outcome-calculator')
      .evaluate((el) => getComputedStyle(el).backgroundColor);
    assert.equal(bg, 'rgb(11, 12, 12)', 'dark scheme in use');
    await openAllDetails(page);
    await expectNoViolations(page, 'dark');
    await close();
  });

  test('axe-core finds no violations at 320 px, and nothing scrolls sideways', async () => {
    const { page, close } = await open({ bypassCSP: true, viewport: { width: 320, height: 640 } });
    await openAllDetails(page);
    await page.locator(byId('choose.no-wrong-door')).check();
    await expectNoViolations(page, '320 px');
    const widths = await page.evaluate(() => [
      document.documentElement.scrollWidth,
      document.documentElement.clientWidth,
    ]);
    assert.ok(widths[0] <= widths[1], `page scrolls sideways at 320 px: ${widths}`);
    await close();
  });
});
