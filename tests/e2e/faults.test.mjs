// Faults and limits in the browser:
//   - the WebAssembly module blocked, corrupt, refused by the page's
//     Content-Security-Policy, or WebAssembly missing altogether: the
//     element says why, with what to do; the result written into the page
//     stays with what the reader typed, marked as not theirs, and files
//     that failed can be fetched again in place;
//   - widget.css missing: the calculator is shown plain, with a notice;
//   - a slow download: what the reader typed into the written result is
//     marked as not worked out until the calculator is live;
//   - JavaScript off: the <noscript> text explains the page;
//   - numbers at the limits typed into the widget: results or a message
//     next to the field, never a dead widget, never NaN or Infinity.
// (A panic inside the calculator is tested for real in tests/wasm_fault.rs.)

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  byId,
  openPage,
  useSiteAndBrowser,
  waitForWidget,
  waitUntil,
  WAIT_MS,
} from './helpers.mjs';

let site;
let browser;

useSiteAndBrowser((s, b) => {
  site = s;
  browser = b;
});


/** Opens the page after `prepare(page)` (routes, init scripts). */
async function openWith(prepare) {
  const opened = await openPage(browser, null);
  await prepare(opened.page);
  await opened.page.goto(site.url);
  await waitForWidget(opened.page);
  return opened;
}

/** The start-up failure message, checked for a title, help and a link. */
async function assertStartFailure(page, help) {
  const box = page.locator('outcome-calculator [id="start-failed"]');
  await box.waitFor();
  assert.equal(await box.getAttribute('role'), 'alert');
  const text = (await box.textContent()).replace(/\s+/g, ' ');
  assert.match(text, /^The calculator could not start\./);
  assert.match(text, help);
  const link = box.locator('a');
  assert.equal(await link.count(), 1);
  assert.equal(await link.getAttribute('href'), site.url);
  assert.match(await link.textContent(), /reload the page/i);
  // Above the result written into the page, which stays as it was, and
  // in view.
  assert.equal(
    await page.evaluate(() => {
      const root = document.querySelector('outcome-calculator').shadowRoot;
      return root.getElementById('start-failed').nextElementSibling?.className;
    }),
    'oc',
  );
  assert.ok(await box.isVisible());
  return text;
}

describe('when the calculator cannot start', () => {
  test('the WebAssembly download is blocked, and its script form too', async () => {
    const { page, close } = await openWith((p) => p.route(/\.wasm(\.js)?$/, (r) => r.abort()));
    await assertStartFailure(page, /Its files could not be loaded\. Check your connection, then reload the page to try again\./);
    await close();
  });

  test('the WebAssembly module is corrupt', async () => {
    const { page, close } = await openWith((p) =>
      p.route('**/*.wasm', (r) =>
        r.fulfill({
          status: 200,
          contentType: 'application/wasm',
          body: Buffer.from('\0asm\x01\0\0\0this is not a module'),
        }),
      ),
    );
    await assertStartFailure(page, /Its files could not be loaded/);
    await close();
  });

  test('the browser has no WebAssembly', async () => {
    const { page, close } = await openWith((p) =>
      p.addInitScript(() => {
        delete globalThis.WebAssembly;
      }),
    );
    await assertStartFailure(page, /This browser does not run WebAssembly, which the calculator needs\./);
    await close();
  });

  test('the message passes as plain text in the page style', async () => {
    const { page, close } = await openWith((p) => p.route(/\.wasm(\.js)?$/, (r) => r.abort()));
    await page.locator('outcome-calculator [id="start-failed"]').waitFor();
    // Styled by widget.css (a bordered notice), which still loads (it may
    // arrive just after the message).
    const styled = await page
      .waitForFunction(
        () => {
          const el = document.querySelector('outcome-calculator')?.shadowRoot?.getElementById('start-failed');
          return el != null && getComputedStyle(el).borderTopWidth !== '0px';
        },
        null,
        { timeout: WAIT_MS },
      )
      .then(() => true, () => false);
    assert.ok(styled, 'the notice has the border widget.css gives it');
    await close();
  });
});

describe('what the reader typed survives a failed start', () => {
  test('typed into the written result, the module blocked: kept, marked, and worked out on "Try again"', async () => {
    const { page, close } = await openPage(browser, null);
    let blocked = true;
    await page.route(/\.wasm(\.js)?$/, (r) => (blocked ? r.abort() : r.continue()));
    await page.goto(site.url);
    const field = page.locator(byId('council.care_starts'));
    await field.fill('777');
    await assertStartFailure(page, /Its files could not be loaded/);
    assert.equal(await field.inputValue(), '777', 'the typed figure is kept');
    const stale = page.locator(byId('stale'));
    assert.ok(await stale.isVisible());
    assert.match(await stale.textContent(), /for the default scenario, not for what you typed/);
    // The connection is back: "Try again" starts the calculator in place
    // and it works out the figure typed.
    blocked = false;
    await page.locator('outcome-calculator [id="start-failed"] button').click();
    await waitUntil(page, 'the calculator to start', () => document.querySelector('outcome-calculator').hasAttribute('data-live'));
    assert.equal(await page.locator('outcome-calculator [id="start-failed"]').count(), 0);
    assert.equal(await field.inputValue(), '777');
    await page.locator(byId('status')).filter({ hasText: /^Over / }).waitFor();
    assert.equal(await stale.isVisible(), false);
    await close();
  });

  test("the page's policy forbids WebAssembly: says so and who can fix it", async () => {
    const { page, close } = await openPage(browser, null);
    await page.route(
      (url) => url.pathname === '/' || url.pathname.endsWith('.html'),
      async (r) => {
        const res = await r.fetch();
        const headers = { ...res.headers() };
        headers['content-security-policy'] = headers['content-security-policy'].replace(" 'wasm-unsafe-eval'", '');
        await r.fulfill({ response: res, headers });
      },
    );
    await page.goto(site.url);
    await waitForWidget(page);
    const box = page.locator('outcome-calculator [id="start-failed"]');
    const text = (await box.textContent()).replace(/\s+/g, ' ');
    assert.match(text, /^The calculator could not start\./);
    assert.match(text, /security policy \(its Content-Security-Policy\) does not allow WebAssembly/);
    assert.match(text, /adding 'wasm-unsafe-eval' to the policy's script-src/);
    assert.doesNotMatch(text, /Check your connection/);
    assert.match(await box.locator('a').textContent(), /open the calculator on its own page/);
    await close();
  });
});

describe('a slow start', () => {
  test('figures typed before the calculator is live are marked until it has worked them out', async () => {
    const { page, close } = await openPage(browser, null);
    let release;
    const held = new Promise((resolve) => {
      release = resolve;
    });
    await page.route(/\.wasm$/, async (r) => {
      await held;
      await r.continue();
    });
    await page.goto(site.url);
    const field = page.locator(byId('council.care_starts'));
    await field.fill('777');
    const stale = page.locator(byId('stale'));
    await stale.waitFor();
    assert.match(await stale.textContent(), /^Not updated yet\. The figures below are for the scenario this page opened with; the calculator is starting to work out yours\./);
    release();
    await waitUntil(page, 'the calculator to start', () => document.querySelector('outcome-calculator').hasAttribute('data-live'));
    await page.locator(byId('status')).filter({ hasText: /^Over / }).waitFor();
    assert.equal(await stale.isVisible(), false);
    assert.equal(await field.inputValue(), '777');
    await close();
  });
});

describe('the stylesheet is missing', () => {
  for (const path of ['', 'embed.html']) {
    test(`${path || 'index.html'}: shown plain with a notice, before and after the calculator starts`, async () => {
      const { page, close } = await openPage(browser, null);
      await page.route('**/widget.css', (r) => r.fulfill({ status: 404, body: 'not found' }));
      await page.goto(site.url + path);
      const box = page.locator('outcome-calculator [id="styles-failed"]');
      await box.waitFor();
      assert.match((await box.textContent()).replace(/\s+/g, ' '), /The calculator's styles could not be loaded\.\s*It is shown plain, and its figures are not affected\. Reload the page to try again\./);
      assert.ok(await page.locator(byId('status')).isVisible(), 'the figures are in view');
      await waitForWidget(page);
      await page.locator(byId('status')).filter({ hasText: /^Over / }).waitFor();
      assert.ok(await box.isVisible(), 'still said once the calculator is live');
      assert.ok(await page.locator(byId('council.care_starts')).isVisible());
      await close();
    });
  }
});

describe('without JavaScript', () => {
  test('the <noscript> text explains the page', async () => {
    const { page, close } = await openPage(browser, site.url, {
      context: { javaScriptEnabled: false },
    });
    const text = (await page.locator('body').innerText()).replace(/\s+/g, ' ');
    assert.match(text, /The figures below are for the calculator's default scenario\./);
    assert.match(text, /it needs JavaScript and WebAssembly: turn on JavaScript, or open this page/);
    // The default scenario's result, written into the page, is shown.
    const status = await page.locator('outcome-calculator [id="status"]').textContent();
    assert.match(status, /^Over 5 years \(\d{4}-\d{2} to \d{4}-\d{2}\), in 2025-26 prices: the council (saves|is out of pocket by) £/);
    // The page around it still reads: heading and the embed instructions.
    assert.match(text, /Children's services outcome calculator/);
    await close();
  });
});

describe('limits typed into the widget', () => {
  let opened;

  before(async () => {
    opened = await openPage(browser, site.url);
    await waitForWidget(opened.page);
    await opened.page.locator(byId('status')).filter({ hasText: /^Over / }).waitFor();
  });

  after(async () => opened?.close());

  /** Page text and values of the widget, for NaN and Infinity. */
  const allText = (page) =>
    page.evaluate(() => {
      const root = document.querySelector('outcome-calculator').shadowRoot;
      return [root.textContent, ...[...root.querySelectorAll('input')].map((i) => i.value)].join('\n');
    });

  const cases = [
    // [field, typed, what to expect: 'results' or a pattern for its message]
    ['council.care_starts', '1e300', /is not a number/],
    ['council.care_starts', '999999999999999', /enter a number from 0 to/i],
    ['council.care_starts', '0.000000000000001', 'results'],
    ['council.care_starts', '0', 'results'],
    ['council.care_starts', '', /enter a figure/i],
    ['family-safeguarding.engagement_pct', '100', 'results'],
    ['family-safeguarding.engagement_pct', '1e-300', /is not a number/],
    ['family-safeguarding.cost_per_case', '999999999999999999999', /is not a number|enter a number from/i],
    ['assumptions.horizon_years', '0', /from 1 to 20/],
    ['assumptions.horizon_years', '21', /from 1 to 20/],
    ['assumptions.horizon_years', '1', 'results'],
    ['assumptions.horizon_years', '20', 'results'],
    ['assumptions.horizon_years', '', /enter a figure/i],
    ['assumptions.discount_rate_pct', '1e300', /is not a number/],
    ['unit_costs.foster_weekly', '0', 'results'],
  ];

  for (const [field, typed, expect] of cases) {
    test(`${field} = "${typed}"`, async () => {
      const { page } = opened;
      const input = page.locator(byId(field));
      // Open any folded section around the field, as a person would.
      await input.evaluate((el) => {
        for (let d = el.closest('details'); d; d = d.parentElement?.closest('details')) d.open = true;
      });
      const original = await input.inputValue();
      await input.fill(typed);
      const error = page.locator(byId(`${field}-error`));
      try {
        if (expect === 'results') {
          await page.locator(byId('status')).filter({ hasText: /^Over / }).waitFor();
          assert.equal(await error.isVisible(), false, 'no message');
          assert.equal(await page.locator(byId('stale')).isVisible(), false, 'results are current');
        } else {
          await error.waitFor();
          assert.match(await error.textContent(), expect);
          assert.equal(await input.inputValue(), typed, 'the text is kept as typed');
        }
        assert.doesNotMatch(await allText(page), /\bNaN\b|Infinity|undefined/);
      } finally {
        // Still alive: putting the figure back brings the results back
        // (and leaves the form as it was for the next case).
        await input.fill(original);
      }
      await page.locator(byId('status')).filter({ hasText: /^Over / }).waitFor();
      assert.equal(await error.isVisible(), false);
    });
  }

  test('every field empty at once: messages, no dead widget, then back to results', async () => {
    const { page } = opened;
    const inputs = page.locator('outcome-calculator input[inputmode]:visible');
    const count = await inputs.count();
    assert.ok(count >= 10, `${count} number fields`);
    const originals = [];
    for (let i = 0; i < count; i++) {
      originals.push(await inputs.nth(i).inputValue());
      await inputs.nth(i).fill('');
    }
    const summary = page.locator(byId('error-summary'));
    await page.locator('outcome-calculator button[type="submit"]').first().click();
    await summary.waitFor();
    assert.ok((await page.locator(`${byId('error-list')} li`).count()) > 0);
    assert.doesNotMatch(await allText(page), /\bNaN\b|Infinity|undefined/);
    for (let i = 0; i < count; i++) await inputs.nth(i).fill(originals[i]);
    await page.locator(byId('status')).filter({ hasText: /^Over / }).waitFor();
    assert.equal(await summary.isVisible(), false);
  });
});
