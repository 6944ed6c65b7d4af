// Share links and workshop use: a link carries every field and gives back
// the same results; a damaged link is named and the defaults are shown; an
// older evidence set is offered the current one; the address follows the
// form; "Copy link" copies or selects; the scenario is saved on this device
// and restored, URL parameters win, "Start again" clears it; presenter mode.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  byId,
  formatViolations,
  openPage,
  runAxe,
  useSiteAndBrowser,
  waitForWidget,
  resultsText,
} from './helpers.mjs';

let site;
let browser;

useSiteAndBrowser((s, b) => {
  site = s;
  browser = b;
});

const STATUS = byId('status');

async function ready(page) {
  await waitForWidget(page);
  await page.locator('outcome-calculator .oc').waitFor({ state: 'visible' });
  await page.locator(STATUS).filter({ hasText: /^(Over |Results not updated)/ }).waitFor();
}

async function open(query = '', options = {}) {
  const opened = await openPage(browser, site.url + query, options);
  await ready(opened.page);
  return opened;
}

/** What the results say: the sentence, the key figures, the break-even
 * and bear-in-mind lists and the year-by-year table (the simulation
 * section, worked out in the background, is left out). */
/** What the results say, once the charts and tables have caught up. */
const results = resultsText;

/** Every input's value (text, ticked, chosen), by id; thousands
 * separators left out, as the form adds them to figures it fills in. */
const formValues = (page) =>
  page.evaluate(() => {
    const root = document.querySelector('outcome-calculator').shadowRoot;
    const out = {};
    for (const i of root.querySelectorAll('form input')) {
      out[i.id] = i.type === 'text' ? i.value.replace(/,/g, '') : i.checked;
    }
    return out;
  });

const shareLink = (page) => page.locator(byId('share-link')).inputValue();

const DEFAULT_STATUS =
  /^Over 5 years \(2026-27 to 2030-31\), in 2025-26 prices: the council is out of pocket by £[\d.]+ million in cash after costs \(discounted\); its cash does not pay back within the period\. Across the public purse: net cost £[\d.]+ million\.$/;

describe('share links', () => {
  test('a link carries every field and gives back the same results and the same link', async () => {
    const { page, close, consoleErrors } = await open();
    const root = page.locator('outcome-calculator');
    // Every programme, and the high end of the effects.
    for (const box of await root.locator('form input[type=checkbox]').all()) {
      if (!(await box.isChecked())) await box.check();
    }
    await root.locator('[id="level.high"]').check();
    const ids = await page.evaluate(() =>
      [...document.querySelector('outcome-calculator').shadowRoot.querySelectorAll('form input[type=text]')]
        .filter((i) => i.offsetParent !== null || i.closest('details'))
        .map((i) => i.id),
    );
    let changed = 0;
    for (const id of ids) {
      const field = page.locator(byId(id));
      const old = await field.inputValue();
      const n = Number(old.replace(/,/g, ''));
      const pct = (await page.locator(byId(`${id}-group`)).textContent()).includes('%');
      let next;
      if (old === '') next = '7';
      else if (id.endsWith('start_year')) next = String(n + 1);
      else if (pct && n >= 100) next = String(n - 1);
      else next = String(n + 1);
      await page.evaluate(
        ([i, v]) => {
          const input = document.querySelector('outcome-calculator').shadowRoot.getElementById(i);
          input.closest('details')?.setAttribute('open', '');
          input.value = v;
          input.dispatchEvent(new Event('input', { bubbles: true }));
        },
        [id, next],
      );
      if (await page.locator(byId(`${id}-error`)).isVisible()) {
        await page.evaluate(
          ([i, v]) => {
            const input = document.querySelector('outcome-calculator').shadowRoot.getElementById(i);
            input.value = v;
            input.dispatchEvent(new Event('input', { bubbles: true }));
          },
          [id, old],
        );
      } else {
        changed += 1;
      }
    }
    assert.ok(ids.length > 40, `only ${ids.length} inputs found`);
    assert.ok(changed >= ids.length * 0.8, `only ${changed} of ${ids.length} fields could be changed`);
    assert.equal(await page.locator(byId('error-summary')).isVisible(), false);
    await page.locator(STATUS).filter({ hasText: /^Over 6 years/ }).waitFor();

    const link = await shareLink(page);
    const shownResults = await results(page);
    const shownValues = await formValues(page);
    // The address follows the form once the typing has stopped.
    await page.waitForFunction((l) => location.href === l, link);
    await close();

    const again = await open(link.slice(site.url.length));
    assert.equal(await results(again.page), shownResults);
    assert.deepEqual(await formValues(again.page), shownValues);
    assert.equal(await shareLink(again.page), link, 'the link, read and written again, is the same');
    assert.equal(await again.page.locator('outcome-calculator .oc-notice').count(), 0);
    assert.deepEqual(consoleErrors, []);
    assert.deepEqual(again.consoleErrors, []);
    await again.close();
  });

  for (const [what, query, names] of [
    ['a value that is not a number', '?v=1&evidence=2026.1&care_starts=12abc&programmes=family-safeguarding', ['care_starts']],
    ['an unknown parameter', '?colour=red&funding_years=2', ['colour']],
    ['a value out of range', '?horizon_years=40', ['horizon_years']],
    ['a damaged escape', '?care_starts=%ZZ', ['care_starts']],
    ['an unknown format version', '?v=99&programmes=pause', ['v']],
  ]) {
    test(`a tampered link (${what}) is named in an alert and the defaults are shown`, async () => {
      const fresh = await open();
      const defaults = await results(fresh.page);
      await fresh.close();

      const { page, close, consoleErrors } = await open(query);
      const alert = page.locator('outcome-calculator .oc-notice[role=alert]');
      await alert.waitFor();
      const text = await alert.textContent();
      assert.match(text, /This link could not be used/);
      assert.match(text, /shows the default figures instead/);
      for (const name of names) assert.ok(text.includes(name), `the alert names ${name}: ${text}`);
      assert.match(await page.locator(STATUS).textContent(), DEFAULT_STATUS);
      assert.equal(await results(page), defaults);
      assert.equal(await page.locator(byId('council.care_starts')).inputValue(), '405');
      // The damaged link stays in the address until the user changes something.
      assert.equal(await page.evaluate(() => location.search), query);
      assert.deepEqual(consoleErrors, []);
      await close();
    });
  }

  test('a link of the older method says what changed and shows the new numbers', async () => {
    const fresh = await open();
    const link = (await shareLink(fresh.page))
      .replace('v=2&', 'v=1&')
      .replace('evidence=2026.4', 'evidence=2026.1')
      .concat('&decay_after_funding_pct=50&residential_share_pct=12');
    await fresh.close();
    const { page, close } = await open(link.slice(site.url.length));
    const notice = page.locator(byId('older-evidence'));
    await notice.waitFor();
    assert.match(await notice.textContent(), /made with evidence set 2026\.1.*evidence set 2026\.4.*Method 3/s);
    await page.locator(STATUS).filter({ hasText: DEFAULT_STATUS }).waitFor();
    assert.match(await shareLink(page), /evidence=2026\.4/);
    await close();
  });

  test('axe finds nothing with the link alert and the older-evidence notice, light and dark', async () => {
    const fresh = await open();
    const old = (await shareLink(fresh.page)).replace('evidence=2026.4', 'evidence=2026.1');
    await fresh.close();
    for (const [query, colorScheme] of [
      ['?care_starts=many', 'light'],
      [old.slice(site.url.length), 'dark'],
    ]) {
      const { page, close } = await open(query, { bypassCSP: true, colorScheme });
      await page.locator('outcome-calculator .oc-notice').first().waitFor();
      const { violations } = await runAxe(page, { include: [['outcome-calculator']] });
      assert.equal(violations.length, 0, `${query} (${colorScheme}):\n${formatViolations(violations)}`);
      await close();
    }
  });

  test('Copy link copies the link and says so', async () => {
    const { page, context, close } = await open();
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: site.url });
    await page.locator(byId('council.care_starts')).fill('500');
    await page.locator(STATUS).filter({ hasText: /^Over / }).waitFor();
    const link = await shareLink(page);
    assert.match(link, /care_starts=500/);
    await page.locator('outcome-calculator').getByRole('button', { name: 'Copy link' }).click();
    await page.locator(byId('share-link-done')).filter({ hasText: 'Copied to the clipboard.' }).waitFor();
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), link);
    await close();
  });

  test('Copy link while the form has an error says what is wrong and copies nothing', async () => {
    const { page, context, close } = await open();
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: site.url });
    await page.evaluate(() => navigator.clipboard.writeText('what was there before'));
    await page.locator(byId('council.care_starts')).fill('500');
    await page.locator(STATUS).filter({ hasText: /^Over / }).waitFor();
    assert.match(await shareLink(page), /care_starts=500/);
    // A change that cannot be used: the link box no longer offers the
    // older scenario, and the button says why it copies nothing.
    await page.locator(byId('council.care_starts')).fill('5OO');
    await page.locator(STATUS).filter({ hasText: /^Results not updated/ }).waitFor();
    assert.equal(await shareLink(page), '');
    assert.equal(await page.locator(byId('embed-script')).inputValue(), '');
    assert.equal(await page.locator(byId('embed-iframe')).inputValue(), '');
    await page.locator('outcome-calculator').getByRole('button', { name: 'Copy link' }).click();
    const said = page.locator(byId('share-link-done'));
    await said.filter({ hasText: /^Nothing was copied/ }).waitFor();
    const text = await said.textContent();
    assert.match(text, /Correct the form first/);
    assert.match(text, /“5OO” is not a number/, text);
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), 'what was there before');
    // Corrected: the link is back, with the new figure, and copies.
    await page.locator(byId('council.care_starts')).fill('510');
    await page.locator(STATUS).filter({ hasText: /^Over / }).waitFor();
    assert.match(await shareLink(page), /care_starts=510/);
    await page.locator('outcome-calculator').getByRole('button', { name: 'Copy link' }).click();
    await said.filter({ hasText: 'Copied to the clipboard.' }).waitFor();
    assert.match(await page.evaluate(() => navigator.clipboard.readText()), /care_starts=510/);
    await close();
  });

  test('a link with thousands of unknown settings gives one line, not thousands', async () => {
    const query = [];
    for (let i = 0; query.join('&').length < 8000; i++) query.push(`junk${i}=1`);
    const { page, close } = await open(`?${query.join('&')}&funding_years=2`);
    const alert = page.locator('outcome-calculator .oc-notice[role=alert]');
    await alert.waitFor();
    assert.equal(await alert.locator('li').count(), 1);
    const text = await alert.textContent();
    assert.match(text, new RegExp(`${query.length.toLocaleString('en-GB')} settings in it are not known`));
    assert.match(text, /“junk0”, “junk1”, “junk2”/);
    assert.ok((await alert.evaluate((el) => el.getBoundingClientRect().height)) < 400);
    await close();
  });

  test('without the clipboard, Copy link selects the link for the reader to copy', async () => {
    const { page, close } = await open('', {
      context: {},
    });
    await page.evaluate(() => Object.defineProperty(navigator, 'clipboard', { value: undefined }));
    await page.locator('outcome-calculator').getByRole('button', { name: 'Copy link' }).click();
    await page.locator(byId('share-link-done')).filter({ hasText: /text is selected/ }).waitFor();
    const selected = await page.evaluate(() => {
      const input = document.querySelector('outcome-calculator').shadowRoot.getElementById('share-link');
      return [input.selectionStart, input.selectionEnd, input.value.length, input.readOnly];
    });
    assert.equal(selected[0], 0);
    assert.equal(selected[1], selected[2]);
    assert.equal(selected[3], true);
    await close();
  });
});

describe('workshop use', () => {
  test('the scenario is saved on this device, restored, beaten by a link, and cleared by Start again', async () => {
    const { page, close } = await open();
    assert.match(await page.locator('outcome-calculator .oc-topbar').textContent(), /Saved on this device only\./);
    await page.locator(byId('assumptions.funding_years')).fill('2');
    await page.locator(STATUS).filter({ hasText: /^Over / }).waitFor();
    const edited = await results(page);

    // Back to the bare address: the saved copy comes back.
    await page.goto(site.url);
    await ready(page);
    assert.equal(await page.locator(byId('assumptions.funding_years')).inputValue(), '2');
    assert.equal(await results(page), edited);

    // A link's parameters win over the saved copy, which is kept.
    const savedCopy = () =>
      page.evaluate(() =>
        Object.entries(localStorage).filter(([k]) => k.startsWith('outcome-calculator:scenario:')).map(([, v]) => v),
      );
    const mine = await savedCopy();
    assert.equal(mine.length, 1);
    await page.goto(`${site.url}?funding_years=4`);
    await ready(page);
    assert.equal(await page.locator(byId('assumptions.funding_years')).inputValue(), '4');
    await page.locator(byId('saved-aside')).waitFor();
    await page.waitForTimeout(400);
    assert.deepEqual(await savedCopy(), mine);

    // Start again asks first, then clears the figures, the saved copy and the address.
    const root = page.locator('outcome-calculator');
    await root.getByRole('button', { name: 'Start again' }).click();
    await page.locator(byId('reset-confirm')).waitFor();
    assert.match(await page.locator(byId('reset-confirm')).textContent(), /clear the copy saved on this device/);
    await root.getByRole('button', { name: 'Cancel' }).click();
    assert.equal(await page.locator(byId('reset-confirm')).isVisible(), false);
    assert.equal(await page.locator(byId('assumptions.funding_years')).inputValue(), '4');
    await root.getByRole('button', { name: 'Start again' }).click();
    await root.getByRole('button', { name: 'Yes, start again' }).click();
    await page.locator(byId('bar-status')).filter({ hasText: /back to the defaults/ }).waitFor();
    assert.match(await page.locator(STATUS).textContent(), DEFAULT_STATUS);
    assert.equal(await page.evaluate(() => location.search), '');
    const saved = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('outcome-calculator')));
    assert.deepEqual(saved, []);
    await page.goto(site.url);
    await ready(page);
    assert.match(await page.locator(STATUS).textContent(), DEFAULT_STATUS);
    await close();
  });

  test('a share link never silently replaces the scenario saved on this device', async () => {
    const { page, close } = await open();
    const root = page.locator('outcome-calculator');
    const savedCopy = () =>
      page.evaluate(() =>
        Object.entries(localStorage).filter(([k]) => k.startsWith('outcome-calculator:scenario:')).map(([, v]) => v),
      );
    await page.locator(byId('council.care_starts')).fill('515');
    await page.locator(STATUS).filter({ hasText: /^Over / }).waitFor();
    await page.waitForFunction(() => Object.values(localStorage).some((v) => v.includes('care_starts=515')));
    const mine = await savedCopy();

    // A colleague's link: their figures, a notice, and the saved copy kept,
    // even after changing their figures and reloading.
    await page.goto(`${site.url}?care_starts=333`);
    await ready(page);
    const notice = page.locator(byId('saved-aside'));
    await notice.waitFor();
    assert.match(await notice.textContent(), /Your own scenario is still saved/);
    assert.equal(await page.locator(byId('council.care_starts')).inputValue(), '333');
    await page.locator(byId('assumptions.funding_years')).fill('2');
    await page.locator(STATUS).filter({ hasText: /^Over / }).waitFor();
    await page.waitForFunction(() => location.search.includes('funding_years=2'));
    assert.deepEqual(await savedCopy(), mine);
    await page.reload();
    await ready(page);
    assert.equal(await page.locator(byId('assumptions.funding_years')).inputValue(), '2');
    await notice.waitFor();
    assert.deepEqual(await savedCopy(), mine);

    // "Open my saved scenario" brings it back.
    await root.getByRole('button', { name: 'Open my saved scenario' }).click();
    await page.locator(byId('bar-status')).filter({ hasText: /saved scenario is back/ }).waitFor();
    assert.equal(await page.locator(byId('council.care_starts')).inputValue(), '515');
    assert.equal(await notice.count(), 0);
    assert.match(await page.evaluate(() => location.search), /care_starts=515/);

    // The same link again, and this time keep the link's scenario.
    await page.goto(`${site.url}?care_starts=333`);
    await ready(page);
    await notice.waitFor();
    await root.getByRole('button', { name: "Save this link's scenario instead" }).click();
    await page.locator(byId('bar-status')).filter({ hasText: /now the one saved/ }).waitFor();
    assert.equal(await notice.count(), 0);
    const saved = await savedCopy();
    assert.equal(saved.length, 1);
    assert.match(saved[0], /care_starts=333/);
    // Then changes are saved as usual.
    await page.locator(byId('council.care_starts')).fill('334');
    await page.waitForFunction(() => Object.values(localStorage).some((v) => v.includes('care_starts=334')));

    // A link that is the saved scenario already says nothing.
    await page.goto(`${site.url}?${(await savedCopy())[0]}`);
    await ready(page);
    await page.waitForTimeout(300);
    assert.equal(await notice.count(), 0);
    await close();
  });

  test('works where storage is refused, and says nothing is saved', async () => {
    const opened = await openPage(browser, null);
    await opened.context.addInitScript(() => {
      Object.defineProperty(window, 'localStorage', {
        get() {
          throw new DOMException('The operation is insecure.', 'SecurityError');
        },
      });
    });
    await opened.page.goto(site.url);
    await ready(opened.page);
    await opened.page.locator(byId('council.care_starts')).fill('450');
    await opened.page.locator(STATUS).filter({ hasText: /^Over / }).waitFor();
    assert.match(await shareLink(opened.page), /care_starts=450/);
    const note = await opened.page.locator(byId('saved-note')).textContent();
    assert.match(note, /^Not saved/);
    assert.doesNotMatch(note, /Saved on this device only/);
    assert.deepEqual(opened.consoleErrors, []);
    await opened.close();
  });

  test('presenter mode makes the type larger and says it is on', async () => {
    const { page, close } = await open();
    const size = () =>
      page.locator(STATUS).evaluate((el) => el.getBoundingClientRect().height);
    const before = await size();
    const button = page.locator(byId('presenter'));
    assert.equal(await button.getAttribute('aria-pressed'), 'false');
    await button.click();
    assert.equal(await button.getAttribute('aria-pressed'), 'true');
    assert.equal(await page.locator('outcome-calculator .oc').evaluate((el) => el.classList.contains('oc-presenter')), true);
    assert.ok((await size()) > before * 1.2, 'the type is larger');
    await button.click();
    assert.equal(await button.getAttribute('aria-pressed'), 'false');
    await close();
  });
});
