// The evidence page (www/evidence.html, written from the evidence library by
// `cargo run --bin gen-evidence`): every programme has its entry, projected
// or shown with why not; each entry's link opens it in the calculator (a
// library programme chosen in the picker, a programme shown and not
// projected as the reader's own programme, Supporting Families: Investing
// in Practice as its ready scenario); the calculator's picker names the
// programmes it does not project and links the page. The page runs under
// the strict policy, and axe-core finds nothing on it.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  byId,
  formatViolations,
  openCalculator,
  openPage,
  runAxe,
  useSiteAndBrowser,
} from './helpers.mjs';

let site;
let browser;

useSiteAndBrowser((s, b) => {
  site = s;
  browser = b;
});

const PROJECTED = ['family-safeguarding', 'fgc-pre-proceedings', 'pause', 'fdac', 'no-wrong-door'];
const SHOWN = {
  'family-valued': 'Family Valued conferences',
  'inside-out': 'Inside Out',
  'partners-in-practice': 'Partners in Practice',
  'hackney-contextual-safeguarding': 'Contextual Safeguarding',
};
const READY = 'supporting-families-investing-in-practice';

/** The href of an entry's link into the calculator. */
async function openLink(page, id) {
  const link = page.locator(`section[id="${id}"] a.evidence-open`);
  assert.equal(await link.count(), 1, `${id} has one link into the calculator`);
  return link.getAttribute('href');
}

/** Whether the picker's box for a library programme is ticked. */
const ticked = (page, id) => page.locator(byId(`choose.${id}`)).isChecked();

describe('evidence page', () => {
  test('every programme has its entry, the shown ones with why not and what to supply', async () => {
    const { page, cspViolations, consoleErrors, close } = await openPage(browser, `${site.url}evidence.html`);
    for (const id of [...PROJECTED, ...Object.keys(SHOWN), READY]) {
      const entry = page.locator(`section[id="${id}"]`);
      assert.equal(await entry.count(), 1, id);
      const text = await entry.textContent();
      assert.match(text, /Who runs it and since when/, id);
      assert.match(text, /What is not known/, id);
      assert.match(text, /Published cost-benefit figure/, id);
      assert.match(text, /Finding.*Population.*Measure.*Period.*Design.*Sample/s, id);
    }
    for (const id of [...Object.keys(SHOWN), READY]) {
      const text = await page.locator(`section[id="${id}"]`).textContent();
      assert.match(text, /Why it is not projected/, id);
      assert.match(text, /What a council would need to supply/, id);
    }
    // Who runs it comes from the table of adopting councils.
    assert.match(await page.locator('section[id="inside-out"]').textContent(), /Essex since 2018/);
    assert.match(await page.locator('section[id="family-valued"]').textContent(), /Leeds since 2015/);
    assert.deepEqual(cspViolations, []);
    assert.deepEqual(consoleErrors, []);
    await close();
  });

  test('axe-core finds nothing on the page', async () => {
    const { page, close } = await openPage(browser, `${site.url}evidence.html`, { bypassCSP: true });
    const { violations } = await runAxe(page);
    assert.equal(violations.length, 0, formatViolations(violations));
    await close();
  });

  test('each projected programme opens chosen, or is chosen in the picker, which asks for its figures', async () => {
    const { page: ev, close: closeEv } = await openPage(browser, `${site.url}evidence.html`);
    const hrefs = {};
    for (const id of PROJECTED) {
      const entry = ev.locator(`section[id="${id}"]`);
      if (await entry.locator('a.evidence-open').count()) {
        hrefs[id] = await openLink(ev, id);
      } else {
        assert.match(await entry.textContent(), /Choose it in the picker; it asks for/, id);
      }
    }
    await closeEv();
    // Family Safeguarding runs at its published figures: its link opens it.
    assert.ok(hrefs['family-safeguarding']);
    for (const id of PROJECTED) {
      const { page, consoleErrors, close } = await openCalculator(browser, site.url + (hrefs[id] ?? ''));
      if (hrefs[id]) {
        assert.equal(await ticked(page, id), true, id);
        for (const other of PROJECTED.filter((o) => o !== id)) {
          assert.equal(await ticked(page, other), false, `${id}: ${other}`);
        }
      } else {
        await page.locator(byId(`choose.${id}`)).check();
        assert.equal(await ticked(page, id), true, id);
        await page.locator(byId(`reveal.${id}`)).waitFor({ state: 'visible' });
      }
      assert.deepEqual(consoleErrors, [], id);
      await close();
    }
  });

  test('each programme shown, not projected, opens as the reader\u2019s own programme', async () => {
    const { page: ev, close: closeEv } = await openPage(browser, `${site.url}evidence.html`);
    const hrefs = {};
    for (const id of Object.keys(SHOWN)) hrefs[id] = await openLink(ev, id);
    await closeEv();
    for (const [id, name] of Object.entries(SHOWN)) {
      const { page, consoleErrors, close } = await openCalculator(browser, site.url + hrefs[id]);
      assert.match(await page.locator(byId('programmes-own')).textContent(), new RegExp(name), id);
      for (const p of PROJECTED) assert.equal(await ticked(page, p), false, `${id}: ${p}`);
      // Its benefit in money is there to fill in.
      assert.ok((await page.locator(byId('own0.benefit0.name')).inputValue()).length > 0, id);
      assert.deepEqual(consoleErrors, [], id);
      await close();
    }
  });

  test('Family Valued opens with Leeds\u2019s £755 a family, uprated, as its benefit', async () => {
    const { page: ev, close: closeEv } = await openPage(browser, `${site.url}evidence.html`);
    const href = await openLink(ev, 'family-valued');
    await closeEv();
    const { page, close } = await openCalculator(browser, site.url + href);
    assert.equal(await page.locator(byId('own0.benefit0.value')).inputValue(), '1,024.58');
    assert.equal(await page.locator(byId('own0.benefit0.agency')).inputValue(), 'childrens_services');
    await close();
  });

  test('Supporting Families: Investing in Practice opens as its ready scenario', async () => {
    const { page: ev, close: closeEv } = await openPage(browser, `${site.url}evidence.html`);
    const href = await openLink(ev, READY);
    await closeEv();
    assert.match(href, /funding_years=1/);
    const { page, consoleErrors, close } = await openCalculator(browser, site.url + href);
    assert.equal(await ticked(page, 'fgc-pre-proceedings'), true);
    assert.equal(await ticked(page, 'fdac'), true);
    const status = await page.locator(byId('status')).textContent();
    assert.match(status, /^Over 5 years/);
    assert.deepEqual(consoleErrors, []);
    await close();
  });

  test('a link of evidence set 2026.3 opens with a notice of what 2026.4 adds and the same numbers', async () => {
    const fresh = await openCalculator(browser, site.url);
    const link = await fresh.page.locator(byId('share-link')).inputValue();
    const status = await fresh.page.locator(byId('status')).textContent();
    await fresh.close();
    assert.match(link, /evidence=2026\.4/);
    const old = link.replace('evidence=2026.4', 'evidence=2026.3').slice(site.url.length);
    const { page, close } = await openCalculator(browser, site.url + old);
    const notice = page.locator(byId('older-evidence'));
    await notice.waitFor();
    assert.match(await notice.textContent(), /made with evidence set 2026\.3.*Evidence set 2026\.4 adds Leeds Family Valued/s);
    await page.locator(byId('status')).filter({ hasText: status }).waitFor();
    await close();
  });

  test('the picker names the programmes it does not project and links the page', async () => {
    const { page, close } = await openCalculator(browser, site.url);
    const more = page.locator(byId('programmes-more'));
    assert.match(await more.textContent(), /Leeds Family Valued, Inside Out, Partners in Practice, Contextual Safeguarding, Supporting Families: Investing in Practice/);
    assert.equal(await more.locator('a').getAttribute('href'), 'evidence.html#shown');
    await close();
  });
});
