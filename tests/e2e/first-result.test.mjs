// The first result written into the page by the build
// (scripts/prerender.mjs): a reader sees the default scenario's figures at
// the first paint, before and without the calculator's download; the
// calculator's module is fetched once the page is idle (not with
// data-saver on), the calculator starts when first used and then draws the
// same thing in place, keeping whatever the reader had typed or opened. A visit that
// shows another scenario never shows the written one.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { byId, openPage, useSiteAndBrowser } from './helpers.mjs';

const PHONE = { width: 390, height: 844 };

const wasmRequests = (requests) => requests.filter((r) => /\.wasm(\.js)?$/.test(r.url));

// The text and position of the headline and the figures, to compare the
// written result with the calculator's own drawing.
async function results(page) {
  return page.evaluate(() => {
    const root = document.querySelector('outcome-calculator').shadowRoot;
    const status = root.getElementById('status');
    const figures = root.getElementById('figures');
    const box = status.getBoundingClientRect();
    // The share-link and embed-code boxes (read-only) name the page's own
    // address, which the written page cannot know.
    const fields = [...root.querySelectorAll('input[id], select[id]')]
      .filter((el) => !el.readOnly)
      .map((el) =>
      el.type === 'checkbox' ? `${el.id}:${el.checked}` : `${el.id}=${el.value}`,
    );
    return {
      status: status.textContent,
      figures: figures?.textContent ?? null,
      fields,
      top: Math.round(box.top + window.scrollY),
      height: Math.round(document.documentElement.scrollHeight),
    };
  });
}

const live = (page) =>
  page.waitForFunction(() => document.querySelector('outcome-calculator').hasAttribute('data-live'));

describe('the first result in the page', () => {
  let site;
  let browser;
  useSiteAndBrowser((s, b) => {
    site = s;
    browser = b;
  });

  for (const [path, colorScheme] of ['index.html', 'embed.html', 'embed.html?view=compact&id=calc-1'].flatMap((p) => [
    [p, 'light'],
    [p, 'dark'],
  ])) {
    test(`${path} at 390 px shows a £ figure in the first screen before the calculator is fetched (${colorScheme})`, async () => {
      const { page, requests, consoleErrors, cspViolations, close } = await openPage(
        browser,
        `${site.url}${path}`,
        { viewport: PHONE, colorScheme },
      );
      const status = page.locator(byId('status'));
      await status.waitFor({ state: 'visible' });
      assert.match(await status.textContent(), /^Over 5 years .*£[\d.]+ (million|thousand)/);
      const box = await status.boundingBox();
      assert.ok(box.y < PHONE.height, `the headline starts at ${box.y} px`);
      // Once the page is idle the module is fetched ahead of the first
      // use, never before the page has loaded and its first result has
      // been painted; the calculator is not started.
      await page.waitForFunction(() => performance.getEntriesByType('resource').some((e) => e.name.endsWith('.wasm')));
      const times = await page.evaluate(() => ({
        painted: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null,
        loaded: performance.getEntriesByType('navigation')[0].loadEventEnd,
        fetched: performance.getEntriesByType('resource').filter((e) => e.name.endsWith('.wasm')).map((e) => e.startTime),
      }));
      assert.notEqual(times.painted, null);
      assert.equal(times.fetched.length, 1, 'fetched once');
      assert.ok(times.fetched[0] >= times.painted, `fetched at ${times.fetched[0]} ms, painted at ${times.painted} ms`);
      assert.ok(times.fetched[0] >= times.loaded, `fetched at ${times.fetched[0]} ms, loaded at ${times.loaded} ms`);
      assert.deepEqual(wasmRequests(requests).map((r) => new URL(r.url).pathname.split('/').pop()), ['outcome_calculator_bg.wasm']);
      assert.equal(await page.evaluate(() => document.querySelector('outcome-calculator').hasAttribute('data-live')), false);
      assert.deepEqual(cspViolations, []);
      assert.deepEqual(consoleErrors, []);
      await close();
    });
  }

  test('with data-saver on, nothing is fetched before the calculator is used', async () => {
    const { page, requests, consoleErrors, close } = await openPage(browser, null, { viewport: PHONE });
    await page.addInitScript(() => {
      Object.defineProperty(NetworkInformation.prototype, 'saveData', { get: () => true });
    });
    await page.goto(`${site.url}index.html`);
    await page.locator(byId('status')).waitFor({ state: 'visible' });
    // Past the longest the page waits for an idle moment (3 s).
    await page.waitForTimeout(3500);
    assert.deepEqual(wasmRequests(requests), [], 'the calculator is fetched only when used');
    await page.locator(byId('council.care_starts')).click();
    await live(page);
    assert.equal(wasmRequests(requests).length, 1);
    assert.deepEqual(consoleErrors, []);
    await close();
  });

  test('a tap once the module is fetched ahead starts the calculator from it, with no second download', async () => {
    const { page, requests, consoleErrors, close } = await openPage(browser, `${site.url}index.html`);
    await page.locator(byId('status')).waitFor({ state: 'visible' });
    await page.waitForFunction(() => performance.getEntriesByType('resource').some((e) => e.name.endsWith('.wasm')));
    const before = (await results(page)).status;
    await page.locator(byId('council.care_starts')).fill('900');
    await live(page);
    await page.locator(byId('status')).filter({ hasNotText: before }).waitFor();
    assert.equal(wasmRequests(requests).length, 1);
    assert.deepEqual(consoleErrors, []);
    await close();
  });

  test('the calculator, once used, draws the same result in the same place', async () => {
    const { page, requests, consoleErrors, close } = await openPage(browser, `${site.url}index.html`);
    await page.locator(byId('status')).waitFor({ state: 'visible' });
    const written = await results(page);
    await page.evaluate(() => document.querySelector('outcome-calculator').start());
    await live(page);
    assert.equal(wasmRequests(requests).length, 1);
    const drawn = await results(page);
    assert.equal(drawn.status, written.status);
    assert.equal(drawn.figures, written.figures);
    assert.deepEqual(drawn.fields, written.fields, 'every field shows what the calculator shows');
    assert.equal(drawn.top, written.top, 'the headline did not move');
    assert.deepEqual(consoleErrors, []);
    await close();
  });

  test('what a reader types before the calculator has loaded is kept and computed', async () => {
    const { page, consoleErrors, close } = await openPage(browser, `${site.url}index.html`, {
      viewport: PHONE,
    });
    const before = (await results(page)).status;
    // Slow the download, so the typing lands on the written page.
    await page.route(/\.wasm$/, async (route) => {
      await new Promise((ok) => setTimeout(ok, 400));
      await route.continue();
    });
    const field = page.locator(byId('council.care_starts'));
    await field.click();
    await field.fill('900');
    await live(page);
    assert.equal(await page.locator(byId('council.care_starts')).inputValue(), '900');
    await page.locator(byId('status')).filter({ hasNotText: before }).waitFor();
    const focused = await page.evaluate(
      () => document.querySelector('outcome-calculator').shadowRoot.activeElement?.id,
    );
    assert.equal(focused, 'council.care_starts', 'the focus stays in the field');
    assert.deepEqual(consoleErrors, []);
    await close();
  });

  test('a tap on a figure\'s working before the calculator has loaded opens that working once it has', async () => {
    // The calculator's module is held back until after the tap.
    let release;
    const held = new Promise((ok) => {
      release = ok;
    });
    const { page, consoleErrors, close } = await openPage(browser, null, {
      viewport: PHONE,
      context: { hasTouch: true, isMobile: true },
    });
    await page.route(/\.wasm$/, async (route) => {
      await held;
      await route.continue();
    });
    await page.goto(`${site.url}index.html`);
    const figure = page.locator('outcome-calculator button[data-explain="summary.budget_npv"]');
    await figure.waitFor({ state: 'visible' });
    assert.equal(
      await page.evaluate(() => document.querySelector('outcome-calculator').hasAttribute('data-live')),
      false,
      'the calculator is not live before the tap',
    );
    await figure.tap();
    assert.equal(
      await page.evaluate(() => document.querySelector('outcome-calculator').hasAttribute('data-live')),
      false,
      'the tap landed on the written page',
    );
    release();
    await live(page);
    const box = page.locator(byId('working:summary.budget_npv'));
    await box.locator('.oc-working-sentence').waitFor();
    assert.equal(await figure.getAttribute('aria-expanded'), 'true');
    assert.deepEqual(consoleErrors, []);
    await close();
  });

  test('a section opened before the calculator has loaded stays open', async () => {
    const { page, close } = await openPage(browser, `${site.url}index.html`);
    const id = await page.evaluate(() => {
      const all = document.querySelector('outcome-calculator').shadowRoot.querySelectorAll('details[id]:not([open])');
      return [...all].find((d) => !d.closest('#oc-sure'))?.id ?? null;
    });
    assert.ok(id, 'the written page has a closed section');
    await page.locator(`${byId(id)} > summary`).click();
    await live(page);
    assert.equal(await page.locator(byId(id)).getAttribute('open'), '');
    await close();
  });

  test('the written result is never painted without its styles while they load', async () => {
    const drawing = (page) =>
      page.evaluate(() => {
        const oc = document.querySelector('outcome-calculator').shadowRoot?.querySelector('.oc');
        return oc ? getComputedStyle(oc).visibility : 'none drawn';
      });
    const styled = await openPage(browser, `${site.url}index.html`);
    assert.equal(await drawing(styled.page), 'visible');
    await styled.close();
    // widget.css slow to arrive: the written result stays hidden rather
    // than shown unstyled, and shows once the styles are in.
    {
      const { page, context, close } = await openPage(browser, null);
      let release;
      const held = new Promise((resolve) => {
        release = resolve;
      });
      await context.route(/widget\.css$/, async (route) => {
        await held;
        await route.continue();
      });
      await page.goto(`${site.url}index.html`, { waitUntil: 'commit' });
      await page.waitForFunction(() => document.querySelector('outcome-calculator') !== null);
      await page.waitForTimeout(500);
      // (Chromium holds the parser at the stylesheet: nothing drawn yet.)
      assert.match(await drawing(page), /^(hidden|none drawn)$/);
      release();
      await page.waitForFunction(() => {
        const oc = document.querySelector('outcome-calculator').shadowRoot?.querySelector('.oc');
        return oc && getComputedStyle(oc).visibility === 'visible';
      });
      assert.equal(await page.locator('outcome-calculator [id="styles-failed"]').count(), 0);
      await close();
    }
    // widget.css cannot be loaded at all: shown plain, with a notice
    // (faults.test.mjs), never a blank the height of the calculator.
    {
      const { page, context, close } = await openPage(browser, null);
      await context.route(/widget\.css$/, (route) => route.abort());
      await page.goto(`${site.url}index.html`, { waitUntil: 'load' });
      await page.locator('outcome-calculator [id="styles-failed"]').waitFor();
      assert.equal(await drawing(page), 'visible');
      await page.evaluate(() => document.querySelector('outcome-calculator').start());
      await live(page);
      assert.equal(await drawing(page), 'visible');
      await close();
    }
  });

  test('a link to another scenario never shows the written result', async () => {
    const { page, close } = await openPage(browser, `${site.url}index.html?funding_years=2`, {
      waitUntil: 'commit',
    });
    await page.waitForFunction(() => document.querySelector('outcome-calculator') !== null);
    // What the reader sees: the calculator's drawing in its shadow root.
    const shown = () =>
      page.evaluate(() => {
        const drawing = document.querySelector('outcome-calculator').shadowRoot?.querySelector('.oc');
        return drawing ? getComputedStyle(drawing).visibility : 'none drawn';
      });
    const hidden = await page.evaluate(() => {
      const el = document.querySelector('outcome-calculator');
      const drawing = el.shadowRoot?.querySelector('.oc');
      return (
        document.documentElement.hasAttribute('data-calculator-wait') &&
        (el.hasAttribute('data-live') || !drawing || getComputedStyle(drawing).visibility === 'hidden')
      );
    });
    assert.ok(hidden, 'the page is marked and the written result hidden until the calculator has drawn');
    await live(page);
    assert.equal(await page.locator(byId('assumptions.funding_years')).inputValue(), '2');
    assert.equal(await shown(), 'visible');
    await close();
  });

  test('a scenario saved on this device is shown in place of the written result', async () => {
    const { page, context, close } = await openPage(browser, `${site.url}index.html`);
    await page.evaluate(() => document.querySelector('outcome-calculator').start());
    await live(page);
    await page.locator(byId('assumptions.funding_years')).fill('2');
    await page.waitForTimeout(1500);
    const again = await context.newPage();
    await again.goto(`${site.url}index.html`);
    assert.ok(await again.evaluate(() => document.documentElement.hasAttribute('data-calculator-wait')));
    await again.waitForFunction(() => document.querySelector('outcome-calculator').hasAttribute('data-live'));
    assert.equal(await again.locator(byId('assumptions.funding_years')).inputValue(), '2');
    await close();
  });
});
