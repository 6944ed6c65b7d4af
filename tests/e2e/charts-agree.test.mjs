// Every chart agrees with its own figures: for the default scenario and 20
// random ones (a council, the programmes that need no extra figure, years
// of funding and of projection, discount rate, a typed care count), the
// chart of the council's cash and cost so far has its lines, its payback
// marker, its sentence, its table and the key figure on one basis (cash to
// the council, not discounted), and the agencies chart says it is not
// discounted and adds up to its own total.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { byId, openCalculator, useSiteAndBrowser, waitUntil } from './helpers.mjs';

let site;
let browser;

useSiteAndBrowser((s, b) => {
  site = s;
  browser = b;
});

/** "£1.5 million", "-£843,072", "£0" as pounds (to the figure's rounding). */
function pounds(text) {
  const t = text.replace(/\s+/g, ' ').trim();
  const m = t.match(/^(-?)£([\d,.]+)( million| billion)?$/);
  assert.ok(m, `not money: "${t}"`);
  const scale = m[3] === ' million' ? 1e6 : m[3] === ' billion' ? 1e9 : 1;
  return (m[1] ? -1 : 1) * Number(m[2].replace(/,/g, '')) * scale;
}

/** What the charts and key figures show, read from the page. */
function read() {
  const root = document.querySelector('outcome-calculator').shadowRoot;
  const cells = (tr) => [...tr.querySelectorAll('th, td')].map((c) => c.textContent.replace(/:.*$/s, '').trim());
  const figure = (id) => root.querySelector(`svg[data-chart="${id}"]`).closest('figure');
  const cum = figure('oc-cumulative');
  const svg = cum.querySelector('svg');
  const mark = svg.querySelector('.oc-mark');
  const dots = [...svg.querySelectorAll('circle.oc-dot-a')].map((c) => Number(c.getAttribute('cx')));
  const keys = {};
  for (const dt of root.querySelectorAll('#figures dt')) {
    const dd = dt.nextElementSibling;
    keys[dt.textContent.trim()] = (dd?.querySelector('button') ?? dd?.firstChild)?.textContent.replace(/:.*$/s, '').trim();
  }
  const ag = figure('oc-agencies');
  return {
    says: cum.querySelector('.oc-caption-says').textContent,
    head: cells(cum.querySelector('thead tr')),
    rows: [...cum.querySelectorAll('tbody tr')].map(cells),
    marker: [...svg.querySelectorAll('text')].map((t) => t.textContent).find((t) => /pays back/i.test(t)) ?? null,
    markX: mark ? Number(mark.getAttribute('x1')) : null,
    dots,
    keys,
    agSays: ag.querySelector('.oc-caption-says').textContent,
    agRows: [...ag.querySelectorAll('tbody tr')].map(cells),
  };
}

function check(shown, what) {
  const { says, head, rows, marker, markX, dots, keys } = shown;
  assert.deepEqual(
    head.slice(1),
    ['Cash savings to the council so far', 'Cost so far', "Council's cash less cost so far", 'Savings to every agency less cost so far'],
    what,
  );
  // The model's rule: the first year with a cost so far whose cash less
  // cost so far is not below zero (the sign of the net is exact even where
  // the amounts are rounded to £0.1 million).
  const pays = (col) => rows.find((r) => pounds(r[2]) > 0 && !r[col].startsWith('-'))?.[0] ?? null;
  const cash = pays(3);
  const every = pays(4);
  if (cash) {
    assert.match(says, new RegExp(`^Cash savings to the council so far overtake the cost so far in ${cash}\\.`), what);
    assert.equal(marker, `Council's cash pays back ${cash}`, what);
    // The marker stands on that year's point of the lines.
    // (The first point of the lines' colour is the legend's.)
    const points = dots.slice(-rows.length);
    const i = rows.findIndex((r) => r[0] === cash);
    assert.ok(Math.abs(markX - points[i]) < 0.01, `${what}: marker at x=${markX}, the year's point at ${points[i]}`);
    assert.equal(keys['Pays back in cash to the council'], cash, what);
    // Where the chart's lines cross: cash at or above cost that year, below it the year before.
    const [cashNow, costNow] = [pounds(rows[i][1]), pounds(rows[i][2])];
    assert.ok(cashNow >= costNow - 0.05e6 * (cashNow >= 1e6), `${what}: ${rows[i]}`);
  } else {
    assert.match(says, /^Cash savings to the council so far stay below the cost so far for all \d+ years\./, what);
    assert.equal(marker, null, what);
    assert.match(keys['Pays back in cash to the council'], /^not within \d+ years$/, what);
  }
  if (every) {
    assert.match(says, new RegExp(`Counting savings to every agency, not just cash to the council, they do in ${every}\\.`), what);
    assert.equal(keys['Pays back to the public purse'], every, what);
  } else {
    assert.equal(keys['Pays back to the public purse'], undefined, what);
  }
  assert.match(says, /Not discounted, in 2025-26 prices\.$/, what);
  // Every row's net is its cash less its cost, to the rounding shown.
  for (const r of rows) {
    const [c, k, net] = [pounds(r[1]), pounds(r[2]), pounds(r[3])];
    const slack = [c, k, net].some((x) => Math.abs(x) >= 1e6) ? 0.16e6 : 2;
    assert.ok(Math.abs(c - k - net) <= slack, `${what}: ${r.join(' | ')}`);
  }
  // The agencies chart: its basis said, its rows adding up to its total.
  assert.match(shown.agSays, /Over \d+ years, not discounted, in 2025-26 prices\.$/, what);
  const agencies = shown.agRows.slice(0, -2).map((r) => pounds(r[1]));
  const total = pounds(shown.agRows.at(-2)[1]);
  const slack = 0.06e6 * (agencies.length + 1) + 2;
  assert.ok(Math.abs(agencies.reduce((a, b) => a + b, 0) - total) <= slack, `${what}: ${JSON.stringify(shown.agRows)}`);
}

/** Sets up a random scenario in the form (mulberry32 from `seed`). */
function randomScenario(seed) {
  let a = seed >>> 0;
  const rand = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const root = document.querySelector('outcome-calculator').shadowRoot;
  const put = (id, value) => {
    const el = root.getElementById(id);
    el.value = value;
    el.dispatchEvent(new Event('input', { bubbles: true }));
  };
  const pick = root.getElementById('council-pick');
  pick.selectedIndex = 1 + Math.floor(rand() * (pick.options.length - 1));
  pick.dispatchEvent(new Event('change', { bubbles: true }));
  const want = { 'family-safeguarding': rand() < 0.8, fdac: rand() < 0.5 };
  if (!want['family-safeguarding'] && !want.fdac) want.fdac = true;
  for (const [id, on] of Object.entries(want)) {
    const box = root.getElementById(`choose.${id}`);
    if (box.checked !== on) box.click();
  }
  // FDAC has no published number of families a council's court serves:
  // the reader gives it.
  if (want.fdac) put('fdac.cohort', String(10 + Math.floor(rand() * 50)));
  const horizon = 3 + Math.floor(rand() * 8);
  put('assumptions.horizon_years', String(horizon));
  put('assumptions.funding_years', String(1 + Math.floor(rand() * horizon)));
  put('assumptions.discount_rate_pct', ['3.5', '1.5', '0', '5'][Math.floor(rand() * 4)]);
  const starts = root.getElementById('council.care_starts');
  if (rand() < 0.5 && !starts.readOnly) put('council.care_starts', String(50 + Math.floor(rand() * 900)));
  return pick.value;
}

/** Waits for the results of what was typed: current, charts caught up. */
async function settled(page) {
  await waitUntil(page, 'current results with the charts caught up', () => {
    const root = document.querySelector('outcome-calculator').shadowRoot;
    return (
      /^Over /.test(root.getElementById('status').textContent) &&
      !root.getElementById('figures').hasAttribute('data-pending') &&
      root.getElementById('stale').hidden
    );
  }, null, {
    state: () => {
      const root = document.querySelector('outcome-calculator').shadowRoot;
      const errors = [...root.querySelectorAll('#error-list li')].map((li) => li.textContent);
      return `status: ${root.getElementById('status').textContent}; errors: ${errors.join(' | ')}`;
    },
  });
}

describe('charts agree with their own figures', () => {
  // Light: 20 random scenarios; dark (the same drawing in other colours):
  // the first 5 of them.
  for (const [colorScheme, seeds] of [['light', 20], ['dark', 5]]) {
    test(`the default scenario and ${seeds} random ones (${colorScheme})`, { timeout: 600_000 }, async () => {
      const { page, close, consoleErrors } = await openCalculator(browser, site.url, { colorScheme });
      await settled(page);
      check(await page.evaluate(read), 'default scenario');
      let paid = 0;
      for (let seed = 1; seed <= seeds; seed++) {
        const council = await page.evaluate(randomScenario, seed);
        await settled(page);
        const shown = await page.evaluate(read);
        check(shown, `seed ${seed} (${council})`);
        if (shown.marker) paid++;
      }
      // Both kinds of result were met: paying back and not.
      if (seeds === 20) assert.ok(paid > 0 && paid < 20, `${paid} of 20 pay back`);
      assert.deepEqual(consoleErrors, []);
      await close();
    });
  }
});
