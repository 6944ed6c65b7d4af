// "Your council in context": Hertfordshire's history 2013-2025, its own
// trend as the baseline and its ten statistical neighbours; every council
// in the picker shows its history and neighbours or says which figure is
// missing and why; the half-way button makes a scenario labelled an
// illustration; the council's own spend per looked-after child beside the
// national default, with its caveats; the council data file is fetched only when the panel
// opens; axe-core with the panel open (light and dark); 320 px without
// sideways scrolling; and the CLI's --history and --neighbours.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, test } from 'node:test';
import {
  ROOT,
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

const PICK = byId('council-pick');
const DATA_FILE = /\/data\/council-data\.js$/;

const open = (query = '', options = {}) => openCalculator(browser, `${site.url}${query}`, options);

/** Opens the panel and waits for the council's figures in it. */
async function openPanel(page) {
  await page.locator(`${byId('context')} > summary`).click();
  await page
    .locator(`${byId('context-body')} caption`)
    .filter({ hasText: /as published$/ })
    .waitFor();
}

/** The text of the panel's body. */
const panelText = (page) => page.locator(byId('context-body')).innerText();

/** The rows of the table with this caption, as arrays of cell texts. */
const tableRows = (page, caption) =>
  page.evaluate((caption) => {
    const root = document.querySelector('outcome-calculator').shadowRoot;
    const table = [...root.querySelectorAll('table')].find((t) =>
      t.querySelector('caption')?.textContent.startsWith(caption),
    );
    if (!table) return null;
    return [...table.querySelectorAll('tbody tr')].map((tr) =>
      [...tr.children].map((c) => c.textContent),
    );
  }, caption);

const shareLink = (page) => page.locator(byId('share-link')).inputValue();

async function expectNoViolations(page, what) {
  const results = await runAxe(page);
  assert.deepEqual(results.violations, [], `${what}:\n${formatViolations(results.violations)}`);
}

/** The CLI's output (exit status checked). */
function cli(args) {
  const r = spawnSync('cargo', ['run', '--quiet', '--bin', 'outcome-calculator', '--', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 600_000,
  });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout;
}

describe('your council in context', () => {
  test('Hertfordshire: history 2013-2025, its own trend as the baseline, its 10 neighbours', async () => {
    const { page, close, consoleErrors } = await open('?council=E10000015');
    await openPanel(page);
    const history = await tableRows(page, 'Hertfordshire: children at 31 March');
    assert.deepEqual(
      history.map((r) => r[0]),
      ['2013', '2014', '2015', '2016', '2017', '2018', '2019', '2020', '2021', '2022', '2023', '2024', '2025'],
    );
    // 2025 as published: 999 looked after, 614 plans, 5,848 children in need.
    assert.deepEqual(history.at(-1), ['2025', '999', '424', '614', '5,848']);

    // Flat by default: the without line holds the latest figure.
    assert.ok(await page.locator(byId('context-baseline-flat')).isChecked());
    let cla = await tableRows(page, 'Children looked after at 31 March');
    const flatRows = cla.filter((r) => r[2] !== '');
    assert.ok(flatRows.length >= 5, JSON.stringify(cla));
    assert.ok(flatRows.every((r) => r[2] === '999'), JSON.stringify(flatRows));
    // Hertfordshire has run Family Safeguarding since 2015: its figures
    // already contain it, so the line with the programme is the line
    // without it.
    assert.ok(flatRows.filter((r) => r[3] !== '').every((r) => r[3] === '999'), JSON.stringify(flatRows));

    // The council's own trend: the baseline moves, the link carries it.
    await page.locator(byId('context-baseline-council_trend')).check();
    await page.locator(byId('context-body')).filter({ hasText: /a (rise|fall) of [\d.]+% a year/ }).waitFor();
    cla = await tableRows(page, 'Children looked after at 31 March');
    const trendRows = cla.filter((r) => r[2] !== '');
    assert.ok(trendRows.some((r) => r[2] !== '999'), JSON.stringify(trendRows));
    for (const id of ['cla', 'starts', 'cpp', 'cin']) {
      assert.equal(await page.locator(`outcome-calculator svg[data-chart="oc-context-line-${id}"]`).count(), 1, id);
    }
    const link = await shareLink(page);
    assert.match(link, /baseline=council_trend/);
    assert.match(link, /trend_looked_after_pct=-?[\d.]+/);
    assert.match(await page.locator(byId('figures')).innerText(), /Without the programmes the counts follow the council's own trend/);
    // Focus stays on the choice after the panel is drawn again.
    const focused = await page.evaluate(() => {
      let a = document.activeElement;
      while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
      return a?.id;
    });
    assert.equal(focused, 'context-baseline-council_trend');

    // The link opens with the same numbers.
    const opened = await openCalculator(browser, link);
    await openPanel(opened.page);
    assert.ok(await opened.page.locator(byId('context-baseline-council_trend')).isChecked());
    assert.deepEqual(await tableRows(opened.page, 'Children looked after at 31 March'), cla);
    await opened.close();

    // Its ten statistical neighbours, their median and England.
    const compared = await tableRows(page, 'Hertfordshire and its statistical neighbours');
    assert.equal(compared.length, 13);
    assert.match(compared[0][0], /^Hertfordshire$/);
    assert.equal(compared.filter((r) => /\((extremely|very|somewhat|not )?\s?close\)$/.test(r[0])).length, 10);
    assert.equal(compared.at(-1)[0], 'England');
    const text = await panelText(page);
    assert.match(text, /Open Government Licence v3\.0/);
    assert.match(text, /Department for Education; Ministry of Housing, Communities and Local Government; Office for National Statistics/);
    assert.match(text, /an average, not/i);
    assert.deepEqual(consoleErrors, []);
    await close();
  });

  test('every council in the picker shows its history and neighbours, or says what is missing and why', async () => {
    const { page, close, consoleErrors } = await open('?council=E10000015');
    await openPanel(page);
    const problems = await page.evaluate(async () => {
      const root = document.querySelector('outcome-calculator').shadowRoot;
      const pick = root.getElementById('council-pick');
      const body = root.getElementById('context-body');
      const codes = [...pick.querySelectorAll('option')].map((o) => o.value).filter(Boolean);
      const out = [];
      for (const code of codes) {
        pick.value = code;
        pick.dispatchEvent(new Event('change', { bubbles: true }));
        // The panel is drawn by the on-demand module: busy until it is.
        while (body.getAttribute('aria-busy') === 'true') await new Promise((r) => setTimeout(r, 0));
        const captions = [...body.querySelectorAll('caption')].map((c) => c.textContent);
        const history = captions.some((c) => c.endsWith('as published'));
        const neighbours = captions.some((c) => c.includes('and its statistical neighbours'));
        const text = body.textContent;
        const saysWhy = /no statistical neighbours|not in the Department for Education's history/.test(text);
        if (!(history && neighbours) && !saysWhy) out.push(`${code}: nothing shown or said`);
        // A missing figure is named with why, never shown as 0.
        const rows = [...body.querySelectorAll('table')]
          .find((t) => t.querySelector('caption').textContent.includes('and its statistical neighbours'))
          ?.querySelectorAll('tbody tr');
        for (const tr of rows ?? []) {
          for (const td of tr.querySelectorAll('td')) {
            if (td.textContent === '0' || td.textContent === '£0') out.push(`${code}: a zero in ${tr.textContent}`);
          }
        }
        const notes = [...body.querySelectorAll('.oc-context-notes li')].map((li) => li.textContent);
        const blanks = [...body.querySelectorAll('tbody td')].filter((td) => td.textContent === 'no figure').length;
        if (blanks > 0 && !notes.some((n) => /No (usable )?spend|suppressed|not |no figure|confidential|low reliability|not received/i.test(n))) {
          out.push(`${code}: ${blanks} blank figures without a reason`);
        }
      }
      return { count: codes.length, out };
    });
    assert.equal(problems.count, 153);
    assert.deepEqual(problems.out, []);
    assert.deepEqual(consoleErrors, []);
    await close();
  });

  test('the half-way button makes a scenario labelled an illustration', async () => {
    // Blackpool is above its neighbours' median.
    const { page, close } = await open('?council=E06000009');
    await openPanel(page);
    const text = await panelText(page);
    assert.match(text, /an illustration of the gap, not evidence that any programme would close it/);
    await page.locator(byId('context-half-way')).click();
    const figures = page.locator(byId('figures'));
    await figures.filter({ hasText: /This scenario is an illustration/ }).waitFor();
    assert.match(await figures.innerText(), /not evidence that any programme would close it/);
    assert.match(await page.locator('outcome-calculator').evaluate((el) => el.shadowRoot.textContent), /Illustration: half-way to the neighbours' median \(not a programme\)/);
    const link = await shareLink(page);
    assert.match(decodeURIComponent(link.replace(/\+/g, ' ')), /label=Illustration, not evidence of any programme/);
    await close();

    // A council at or below the median on every rate is told so.
    const herts = await open('?council=E10000015');
    await openPanel(herts.page);
    await herts.page.locator(byId('context-half-way')).click();
    await herts.page.locator(byId('context-half-way-said')).filter({ hasText: /no gap to illustrate/ }).waitFor();
    await herts.close();
  });

  test("the council's own spend per looked-after child beside the national default, with its caveats", async () => {
    const { page, close } = await open('?council=E06000009');
    await openPanel(page);
    let text = await panelText(page);
    assert.match(text, /National default: foster care, £45,586 a year/);
    // Blackpool's own figure (2024-25 outturn, uprated), not another council's.
    const own = text.match(/Blackpool's own net spend per looked-after child, as the calculator uses it: £([\d,]+) a year/);
    assert.ok(own, text);
    assert.notEqual(own[1], '126,631');
    assert.match(text, /an average,\s+not what one child fewer saves/);
    assert.match(text, /Sandwell's is/);
    await page.locator(byId('context-use-average')).click();
    assert.ok(await page.locator(byId('family-safeguarding.placement.council_average')).isChecked());
    assert.match(await shareLink(page), /family-safeguarding\.placement=council_average/);

    // Sandwell records its looked-after spending elsewhere; Birmingham's
    // returns were not received: missing, never zero, and no button.
    for (const [code, why] of [
      ['E08000028', /recorded outside the looked-after lines/],
      ['E08000025', /return was not received in time/],
    ]) {
      await page.locator(PICK).selectOption(code);
      text = await panelText(page);
      assert.match(text, why, code);
      assert.match(text, /No spend per looked-after child for [^:]+: missing, not zero/, code);
      assert.equal(await page.locator(byId('context-use-average')).count(), 0, code);
    }
    await close();
  });

  test('the council data file is fetched only when the panel opens', async () => {
    const first = await openPage(browser, site.url);
    await first.page.waitForLoadState('networkidle');
    assert.deepEqual(first.requests.filter((r) => DATA_FILE.test(r.url)), [], 'not in the first load');
    await first.close();

    const { page, close, requests } = await open('?council=E10000015');
    await page.locator(PICK).selectOption('E08000025');
    await page.waitForTimeout(300);
    assert.deepEqual(requests.filter((r) => DATA_FILE.test(r.url)), [], 'not when the calculator starts');
    await openPanel(page);
    assert.equal(requests.filter((r) => DATA_FILE.test(r.url)).length, 1, 'once the panel opens');
    await close();
  });

  for (const colorScheme of ['light', 'dark']) {
    test(`axe-core finds no violations with the panel open (${colorScheme})`, async () => {
      const { page, close } = await open('?council=E10000015', { bypassCSP: true, colorScheme });
      await openPanel(page);
      await page.locator(byId('context-baseline-england_trend')).check();
      await page.locator(byId('context-body')).filter({ hasText: /a (rise|fall) of/ }).waitFor();
      await page.evaluate(() => {
        const root = document.querySelector('outcome-calculator').shadowRoot;
        for (const d of root.getElementById('context').querySelectorAll('details')) d.open = true;
      });
      await expectNoViolations(page, colorScheme);
      await close();
    });
  }

  test('at 320 px the open panel does not scroll sideways', async () => {
    const { page, close } = await open('?council=E10000015', { viewport: { width: 320, height: 640 } });
    await openPanel(page);
    await page.locator(byId('context-baseline-council_trend')).check();
    await page.evaluate(() => {
      const root = document.querySelector('outcome-calculator').shadowRoot;
      for (const d of root.getElementById('context').querySelectorAll('details')) d.open = true;
    });
    const widths = await page.evaluate(() => [
      document.documentElement.scrollWidth,
      document.documentElement.clientWidth,
    ]);
    assert.ok(widths[0] <= widths[1], `page scrolls sideways at 320 px: ${widths}`);
    await close();
  });

  test('the CLI prints the history with its baseline and the neighbours as CSV', () => {
    const history = cli(['--council', 'E10000015', '--history']);
    assert.match(history, /^2025,277480,999,424,614,5848,/m);
    assert.match(history, /# baseline: flat \(last figure\) \(the default: the back-test's winner\)/);
    const own = cli(['--council', 'E10000015', '--history', '--method', 'growth']);
    assert.match(own, /# baseline: the council's own trend/);
    const neighbours = cli(['--council', 'E10000015', '--neighbours']).trim().split('\n');
    assert.match(neighbours[0], /^role,/);
    assert.equal(neighbours.filter((l) => l.startsWith('neighbour,')).length, 10);
  });
});
