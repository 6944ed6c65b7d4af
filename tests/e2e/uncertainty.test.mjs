// "How sure are we?" in the demo page: the simulation runs once the input
// settles, shows a sentence, a fan chart and a tornado with tables, gives
// exactly the command-line tool's numbers for the same scenario and seed,
// names bad settings, and passes axe-core with the charts shown.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import { describe, test } from 'node:test';
import {
  byId,
  formatViolations,
  openPage,
  ROOT,
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

const SURE = byId('oc-sure');

async function open(options = {}) {
  const opened = await openPage(browser, site.url, options);
  await waitForWidget(opened.page);
  await opened.page.locator('outcome-calculator .oc').waitFor({ state: 'visible' });
  await settled(opened.page);
  return opened;
}

/** Waits until the simulation for the current answers is shown. */
async function settled(page) {
  await page.locator(`${SURE}[aria-busy="false"][data-npv-p50]`).waitFor();
}

/** The simulated figures the section carries, as numbers. */
const figures = (page) =>
  page.evaluate(() => {
    const s = document.querySelector('outcome-calculator').shadowRoot.getElementById('oc-sure');
    const num = (name) => Number(s.getAttribute(`data-${name}`));
    return {
      draws: num('draws'),
      seed: num('seed'),
      p10: num('npv-p10'),
      p50: num('npv-p50'),
      p90: num('npv-p90'),
    };
  });

const sentence = (page) => page.locator(byId('oc-sure-sentence')).textContent();

/** Opens every folded section, as a person would to reach the settings. */
const openAllDetails = (page) =>
  page.evaluate(() => {
    const root = document.querySelector('outcome-calculator').shadowRoot;
    for (const d of root.querySelectorAll('details')) d.open = true;
  });

/** How many simulations the widget has run (its performance measures). */
const runs = (page) =>
  page.evaluate(() => performance.getEntriesByName('oc:uncertainty').length);

/**
 * The CLI's output for a scenario file (cargo run, as the other end-to-end
 * tests run it: `cargo test` has built it, where a release build of the
 * CLI alone, with its link-time optimisation, took 3 minutes on a busy
 * 2-core machine; the figures are the same to the bit, which this test
 * checks).
 */
function cli(file) {
  const cargoBin = join(homedir(), '.cargo', 'bin');
  const out = execFileSync(
    process.env.CARGO ?? 'cargo',
    ['run', '--quiet', '--bin', 'outcome-calculator', '--', '--simulate', file],
    {
      cwd: ROOT,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
      env: { ...process.env, PATH: `${cargoBin}${delimiter}${process.env.PATH}` },
    },
  );
  return JSON.parse(out);
}

describe('how sure are we', () => {
  test('shows the sentence, a fan chart and a tornado, each with a table', async () => {
    const { page, consoleErrors, close } = await open();
    assert.match(
      await sentence(page),
      /^In (\d+|none|fewer than 1|only \d+) ((of|in) 10 )?simulations? .*(pays? for (itself|themselves)).*\.$/,
    );
    const f = await figures(page);
    assert.equal(f.draws, 10_000);
    assert.equal(f.seed, 2026);
    assert.ok(f.p10 < f.p50 && f.p50 < f.p90, JSON.stringify(f));

    const sure = page.locator(SURE);
    assert.equal(await sure.locator('figure svg[aria-hidden="true"]').count(), 2);
    for (const id of ['oc-fan', 'oc-tornado']) {
      const table = page.locator(byId(`${id}-table`));
      await table.locator('summary').click();
      const rows = await table.locator('tbody tr').count();
      assert.ok(rows >= 3, `${id}: ${rows} rows`);
    }
    // The headline counts nothing after the 12 months Family Safeguarding's
    // evaluation followed; the simulations draw from none to all of it, so
    // their middle is above the headline and the panel says why.
    const gap = await page.locator(byId('oc-sure-gap')).textContent();
    assert.match(gap, /^The headline is .*above the headline.*Benefits after the period each study observed/s);
    // The conventions drawn are listed with their ranges.
    const drawn = await sure.locator('li[data-field]').evaluateAll((ls) => ls.map((l) => l.dataset.field));
    for (const field of [
      'assumptions.beyond_observed_pct',
      'assumptions.drop_off_pct',
      'assumptions.care_years',
      'assumptions.cashable.care_pct',
    ]) {
      assert.ok(drawn.includes(field), `${field} in ${drawn}`);
    }
    // The fan's table has a row per year; its last median is the caption's.
    assert.equal(await page.locator(`${byId('oc-fan-table')} tbody tr`).count(), 5);
    const caption = await sure.locator('figure').first().locator('figcaption').textContent();
    const lastMedian = await page
      .locator(`${byId('oc-fan-table')} tbody tr`)
      .last()
      .locator('td')
      .nth(1)
      .locator('button')
      .evaluate((b) => b.firstChild.textContent);
    assert.ok(caption.includes(`are ${lastMedian} in the middle`), `${caption} / ${lastMedian}`);
    // The tornado's largest swing comes first.
    const swing = await page.evaluate(() => {
      const root = document.querySelector('outcome-calculator').shadowRoot;
      const money = (t) => {
        const m = t.replace(/[£,]/g, '');
        const k = m.endsWith(' million') ? 1e6 : m.endsWith(' billion') ? 1e9 : 1;
        return parseFloat(m) * k;
      };
      return [...root.querySelectorAll('#oc-tornado-table tbody tr')].map((tr) => {
        const td = tr.querySelectorAll('td');
        return Math.abs(money(td[1].textContent) - money(td[3].textContent));
      });
    });
    for (let i = 1; i < swing.length; i++) {
      assert.ok(swing[i - 1] >= swing[i] * 0.99, `tornado order: ${swing}`);
    }
    assert.deepEqual(consoleErrors, []);
    await close();
  });

  test('same scenario and seed: exactly the command-line tool\u2019s numbers', async () => {
    const example = join(ROOT, 'docs', 'examples', 'derbyshire-family-safeguarding.json');
    const want = cli(example).simulation;
    const { page, close } = await open();
    await openAllDetails(page);
    // The example file: Hertfordshire's 2025 figures (the widget's
    // default), 3 years, funded for 2.
    await page.locator(byId('assumptions.horizon_years')).fill('3');
    await page.locator(byId('assumptions.funding_years')).fill('2');
    await settled(page);
    const got = await figures(page);
    assert.equal(got.draws, want.draws);
    assert.equal(got.seed, want.seed);
    assert.equal(got.p10, want.npv.p10);
    assert.equal(got.p50, want.npv.p50);
    assert.equal(got.p90, want.npv.p90);
    assert.equal(await sentence(page), want.sentence);
    await close();
  });

  test('runs once the input settles, not on every keystroke', async () => {
    const { page, close } = await open();
    const before = await runs(page);
    const status = page.locator(byId('status'));
    const first = await status.textContent();
    await page.locator(byId('council.care_starts')).pressSequentially('1', { delay: 20 });
    await page.locator(byId('council.care_starts')).pressSequentially('23', { delay: 20 });
    // The headline follows each keystroke at once.
    assert.notEqual(await status.textContent(), first);
    assert.equal(await page.locator(SURE).getAttribute('aria-busy'), 'true');
    await settled(page);
    assert.equal((await runs(page)) - before, 1);
    await close();
  });

  test('settings: another seed, fewer draws, and bad values named', async () => {
    const { page, close } = await open();
    await openAllDetails(page);
    const base = await figures(page);
    await page.locator(byId('uncertainty.seed')).fill('7');
    await settled(page);
    const other = await figures(page);
    assert.equal(other.seed, 7);
    assert.notEqual(other.p50, base.p50);
    // Within sampling: the medians of two seeds are close.
    assert.ok(Math.abs(other.p50 - base.p50) < 0.05 * Math.abs(base.p50), `${other.p50} ${base.p50}`);

    await page.locator(byId('uncertainty.draws')).fill('500');
    await settled(page);
    assert.equal((await figures(page)).draws, 500);

    for (const [id, text, message] of [
      ['uncertainty.draws', 'many', /is not a number/],
      ['uncertainty.draws', '0', /from 1 to 100,?000/],
      ['uncertainty.unit_cost_spread_pct', '150', /from 0 to 100/],
    ]) {
      const input = page.locator(byId(id));
      await input.fill(text);
      assert.equal(await input.inputValue(), text, 'the text is kept');
      assert.equal(await input.getAttribute('aria-invalid'), 'true');
      assert.match(await page.locator(byId(`${id}-error`)).textContent(), message);
      await input.fill(id === 'uncertainty.draws' ? '500' : '25');
      assert.equal(await input.getAttribute('aria-invalid'), null);
    }
    await close();
  });

  for (const colorScheme of ['light', 'dark']) {
    test(`axe-core: no violations with the charts and tables shown (${colorScheme})`, async () => {
      const { page, close } = await open({ bypassCSP: true, colorScheme });
      await openAllDetails(page);
      const { violations } = await runAxe(page, { include: [['outcome-calculator']] });
      assert.equal(violations.length, 0, formatViolations(violations));
      await close();
    });
  }
});
