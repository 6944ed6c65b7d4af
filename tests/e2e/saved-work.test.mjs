// Saved work is never removed except by the reader: a link the calculator
// refuses (wholly or in part) leaves the saved copy as it was; tracking
// parameters (fbclid, utm_*, gclid …) are not errors; a saved copy made with
// an older evidence set opens with the current one and its text as it was
// is kept; "Start again" can be undone.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { byId, openPage, useSiteAndBrowser, waitForWidget } from './helpers.mjs';

let site;
let browser;

useSiteAndBrowser((s, b) => {
  site = s;
  browser = b;
});

const STATUS = byId('status');
const KEY = 'outcome-calculator:scenario:/#';

async function ready(page) {
  await waitForWidget(page);
  await page.locator('outcome-calculator .oc').waitFor({ state: 'visible' });
  await page.locator(STATUS).filter({ hasText: /^(Over |Results not updated)/ }).waitFor();
}

const savedCopy = (page) => page.evaluate((k) => localStorage.getItem(k), KEY);

/** A page with care starts 515 typed and saved on the device. */
async function withSavedWork() {
  const opened = await openPage(browser, site.url);
  const { page } = opened;
  await ready(page);
  await page.locator(byId('council.care_starts')).fill('515');
  await page.locator(STATUS).filter({ hasText: /^Over / }).waitFor();
  await page.waitForFunction((k) => (localStorage.getItem(k) ?? '').includes('care_starts=515'), KEY);
  return { ...opened, mine: await savedCopy(page) };
}

describe('saved work', () => {
  test('no link, refused or partly refused, removes the saved scenario', async () => {
    const { page, close, mine, consoleErrors } = await withSavedWork();
    const links = [
      '?funding_years=3&fbclid=IwAR0abc',
      '?utm_source=newsletter&utm_medium=email',
      '?gclid=abc&funding_years=2',
      '?care_starts=abc',
      '?horizon_years=21',
      '?v=3',
      '?programmes=foo',
      '?colour=red&funding_years=2',
      '?care_starts=%ZZ',
      '?fbclid=IwAR0abc',
    ];
    for (const query of links) {
      await page.goto(site.url + query);
      await ready(page);
      // Past the time a save would take (the input rests 400 ms).
      await page.waitForTimeout(700);
      assert.equal(await savedCopy(page), mine, `the saved copy after ${query}`);
    }
    // Back to the bare address: the saved copy opens.
    await page.goto(site.url);
    await ready(page);
    assert.equal(await page.locator(byId('council.care_starts')).inputValue(), '515');
    assert.deepEqual(consoleErrors, []);
    await close();
  });

  test('tracking parameters are ignored, not named as errors', async () => {
    const { page, close } = await withSavedWork();
    await page.goto(`${site.url}?funding_years=3&fbclid=IwAR0abc&utm_source=x&gclid=1&mc_cid=2&_ga=3&ref=home`);
    await ready(page);
    assert.equal(await page.locator('outcome-calculator .oc-notice[role=alert]').count(), 0);
    assert.equal(await page.locator(byId('assumptions.funding_years')).inputValue(), '3');
    // The link is shown over the saved scenario, which is kept aside.
    await page.locator(byId('saved-aside')).waitFor();
    // A link of tracking parameters only is no link: the saved copy opens.
    await page.goto(`${site.url}?fbclid=IwAR0abc`);
    await ready(page);
    assert.equal(await page.locator(byId('council.care_starts')).inputValue(), '515');
    assert.equal(await page.locator(byId('saved-aside')).count(), 0);
    await close();
  });

  test('a refused link shows the defaults and offers the saved scenario back', async () => {
    const { page, close, mine } = await withSavedWork();
    await page.goto(`${site.url}?care_starts=abc`);
    await ready(page);
    await page.locator('outcome-calculator .oc-notice[role=alert]').waitFor();
    const aside = page.locator(byId('saved-aside'));
    assert.match(await aside.textContent(), /default figures are shown.*kept as it was/s);
    // Typing over the defaults does not save over the saved copy.
    await page.locator(byId('assumptions.funding_years')).fill('2');
    await page.locator(STATUS).filter({ hasText: /^Over / }).waitFor();
    await page.waitForTimeout(700);
    assert.equal(await savedCopy(page), mine);
    await page.locator('outcome-calculator').getByRole('button', { name: 'Open my saved scenario' }).click();
    await page.locator(byId('bar-status')).filter({ hasText: /saved scenario is back/ }).waitFor();
    assert.equal(await page.locator(byId('council.care_starts')).inputValue(), '515');
    await close();
  });

  test('a saved copy of an older evidence set opens with a notice and is kept', async () => {
    const { page, close, mine } = await withSavedWork();
    const old = mine.replace(/evidence=[^&]*/, 'evidence=2026.1');
    assert.notEqual(old, mine);
    await page.evaluate(([k, v]) => localStorage.setItem(k, v), [KEY, old]);
    await page.goto(site.url);
    await ready(page);
    const notice = page.locator(byId('older-evidence'));
    await notice.waitFor();
    assert.match(await notice.textContent(), /Your saved scenario was made with an older method/);
    assert.equal(await page.locator(byId('council.care_starts')).inputValue(), '515');
    await page.waitForTimeout(700);
    // The copy as it was, under a key of its own; the usual key has the
    // same figures.
    assert.equal(await page.evaluate((k) => localStorage.getItem(`${k}:evidence-2026.1`), KEY), old);
    assert.match(await savedCopy(page), /care_starts=515/);
    await close();
  });

  test('"Start again" clears the saved copy only when asked, and can be undone', async () => {
    const { page, close, mine } = await withSavedWork();
    const root = page.locator('outcome-calculator');
    await root.getByRole('button', { name: 'Start again' }).click();
    await root.getByRole('button', { name: 'Yes, start again' }).click();
    await page.locator(byId('bar-status')).filter({ hasText: /back to the defaults/ }).waitFor();
    assert.equal(await page.locator(byId('council.care_starts')).inputValue(), '405');
    assert.equal(await savedCopy(page), null);
    await root.getByRole('button', { name: 'Undo' }).click();
    await page.locator(byId('bar-status')).filter({ hasText: /Undone/ }).waitFor();
    assert.equal(await page.locator(byId('council.care_starts')).inputValue(), '515');
    assert.equal(await savedCopy(page), mine);
    await close();
  });

  for (const [what, init] of [
    [
      'setItem throws (storage full)',
      () => {
        Storage.prototype.setItem = function () {
          throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
        };
      },
    ],
    [
      'localStorage is null (storage switched off)',
      () => {
        Object.defineProperty(window, 'localStorage', { get: () => null });
      },
    ],
  ]) {
    test(`a save that fails says so: ${what}`, async () => {
      const opened = await openPage(browser, null);
      await opened.context.addInitScript(init);
      const { page } = opened;
      await page.goto(site.url);
      await ready(page);
      await page.locator(byId('council.care_starts')).fill('515');
      await page.locator(STATUS).filter({ hasText: /^Over / }).waitFor();
      const note = page.locator(byId('saved-note'));
      await note.filter({ hasText: /^Not saved/ }).waitFor({ timeout: 3_000 });
      assert.doesNotMatch(await note.textContent(), /Saved on this device only/);
      // What was typed is still there, and in the link.
      assert.equal(await page.locator(byId('council.care_starts')).inputValue(), '515');
      assert.match(await page.locator(byId('share-link')).inputValue(), /care_starts=515/);
      assert.deepEqual(opened.consoleErrors, []);
      await opened.close();
    });
  }

  test('two tabs: a save in one is never silently overwritten by the other', async () => {
    const { page: a, context, close, consoleErrors } = await withSavedWork();
    const b = await context.newPage();
    await b.goto(site.url);
    await ready(b);
    assert.equal(await b.locator(byId('council.care_starts')).inputValue(), '515');
    await b.locator(byId('council.care_starts')).fill('333');
    await b.locator(STATUS).filter({ hasText: /^Over / }).waitFor();
    await b.waitForFunction((k) => (localStorage.getItem(k) ?? '').includes('care_starts=333'), KEY);

    // Tab A hears of it, stops saving and offers the choice.
    const notice = a.locator(byId('saved-elsewhere'));
    await notice.waitFor();
    assert.match(await notice.textContent(), /Another tab saved a different scenario/);
    await a.locator(byId('assumptions.funding_years')).fill('2');
    await a.locator(STATUS).filter({ hasText: /^Over / }).waitFor();
    await a.waitForTimeout(700);
    assert.match(await savedCopy(a), /care_starts=333/);
    assert.doesNotMatch(await savedCopy(a), /funding_years=2/);

    // Opening the other tab's scenario brings its figures in.
    await a.locator('outcome-calculator').getByRole('button', { name: "Open the other tab's scenario" }).click();
    await a.locator(byId('bar-status')).filter({ hasText: /saved scenario is back/ }).waitFor();
    assert.equal(await a.locator(byId('council.care_starts')).inputValue(), '333');

    // Or keeping this tab's: B hears of A's save, and A's is saved.
    await a.locator(byId('council.care_starts')).fill('444');
    await a.waitForFunction((k) => (localStorage.getItem(k) ?? '').includes('care_starts=444'), KEY);
    await b.locator(byId('saved-elsewhere')).waitFor();
    await b.locator('outcome-calculator').getByRole('button', { name: "Keep this tab's scenario" }).click();
    await b.locator(byId('bar-status')).filter({ hasText: /now the one saved/ }).waitFor();
    assert.match(await savedCopy(b), /care_starts=333/);
    assert.deepEqual(consoleErrors, []);
    await close();
  });
});
