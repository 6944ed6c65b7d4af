// The readers' journeys: on a phone the answer comes first (page and
// compact embed); the embed leaves presenter mode and "Start again" to the
// full page; presenter mode fills the screen; the label follows the
// scenario into file names; figures beyond the council or England carry a
// warning; at 320 and 390 px no chart's labels collide or leave it, and
// the tornado keeps its amounts; exported charts carry their title,
// council, scenario, price year and source; a skip link and a file input
// focus ring that can be seen.

import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { byId, openCalculator, useSiteAndBrowser } from './helpers.mjs';

let site;
let browser;
useSiteAndBrowser((s, b) => {
  site = s;
  browser = b;
});
const dir = mkdtempSync(join(tmpdir(), 'oc-journeys-'));
const PHONE = { width: 390, height: 844 };

const focusedId = (page) =>
  page.evaluate(() => {
    let a = document.activeElement;
    while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
    return a?.id ?? null;
  });

async function firstScreen(path, colorScheme) {
  const { page, close } = await openCalculator(browser, site.url + path, { viewport: PHONE, colorScheme });
  const status = page.locator(byId('status'));
  const text = await status.textContent();
  const box = await status.boundingBox();
  return { page, close, text, box };
}

describe('results first on a phone', () => {
  for (const [path, colorScheme] of ['index.html', 'embed.html'].flatMap((p) => [[p, 'light'], [p, 'dark']])) {
    test(`${path} at 390×844 shows a £ figure in the first screen (${colorScheme})`, async () => {
      const { page, close, text, box } = await firstScreen(path, colorScheme);
      assert.match(text, /£\d/);
      assert.ok(box.y < PHONE.height, `the sentence is at ${box.y} px`);
      // The first £ figure itself, not only the top of its sentence, is on
      // the first screen.
      const pound = await page.evaluate(() => {
        const status = document.querySelector('outcome-calculator').shadowRoot.getElementById('status');
        const walker = document.createTreeWalker(status, NodeFilter.SHOW_TEXT);
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          const at = n.data.search(/£\d/);
          if (at < 0) continue;
          const range = document.createRange();
          range.setStart(n, at);
          range.setEnd(n, Math.min(n.data.length, at + 6));
          return range.getBoundingClientRect().bottom;
        }
        return null;
      });
      assert.ok(pound !== null && pound <= PHONE.height, `the first £ figure ends at y=${pound}`);
      // The results come before the form.
      const order = await page.evaluate(() => {
        const root = document.querySelector('outcome-calculator').shadowRoot;
        const r = root.getElementById('results').getBoundingClientRect().top;
        const f = root.querySelector('.oc-form').getBoundingClientRect().top;
        return r < f;
      });
      assert.ok(order, 'the results are above the form');
      await close();
    });
  }

  test('at 390 px: the answer and one chart, then the programmes, the years of funding right under them and the council, then the rest', async () => {
    const { page, close } = await firstScreen('index.html');
    const tops = await page.evaluate(() => {
      const root = document.querySelector('outcome-calculator').shadowRoot;
      const top = (sel) => root.querySelector(sel)?.getBoundingClientRect().top ?? null;
      return {
        sentence: top('[id="status"]'),
        figures: top('.oc-keys'),
        chart: top('svg[data-chart="oc-cumulative"]'),
        programmes: top('[id="programmes"]'),
        council: top('[id="council-pick"]'),
        funding: top('[id="assumptions.funding_years"]'),
        range: top('[id="oc-sure"]'),
        otherCharts: top('svg[data-chart="oc-agencies"]'),
        tools: top('[id="tools"]'),
      };
    });
    const order = ['sentence', 'figures', 'chart', 'programmes', 'funding', 'council', 'range', 'otherCharts', 'tools'];
    for (const k of order) assert.equal(typeof tops[k], 'number', `${k} is on the page`);
    const sorted = [...order].sort((a, b) => tops[a] - tops[b]);
    assert.deepEqual(sorted, order, JSON.stringify(tops));
    // The less-used settings are folded away.
    const open = await page.locator('outcome-calculator form details[open]').count();
    assert.equal(open, 0, 'no folded section of the form is open');
    await close();
  });

  test('programme descriptions are one line with "more"', async () => {
    const { page, close } = await firstScreen('index.html');
    const more = page.locator('outcome-calculator details.oc-more').first();
    assert.equal(await more.evaluate((d) => d.open), false);
    const summary = more.locator('summary');
    assert.match(await summary.textContent(), /more$/);
    const line = await summary.boundingBox();
    assert.ok(line.height < 40, `the closed description is ${line.height} px tall`);
    await summary.click();
    assert.equal(await more.evaluate((d) => d.open), true);
    assert.match(await more.textContent(), /Evidence:/);
    await close();
  });
});

describe('embeds and presenter mode', () => {
  test('a reader\'s embed has no presenter or "Start again" buttons; ?presenter has them', async () => {
    const { page, close } = await firstScreen('embed.html');
    assert.equal(await page.locator(byId('presenter')).isVisible(), false);
    assert.equal(await page.locator(byId('reset')).isVisible(), false);
    await close();
    const p = await firstScreen('embed.html?presenter');
    assert.equal(await p.page.locator(byId('presenter')).isVisible(), true);
    await p.close();
    const full = await firstScreen('index.html');
    assert.equal(await full.page.locator(byId('presenter')).isVisible(), true);
    await full.close();
  });

  test('presenter mode fills the screen in larger type', async () => {
    const { page, close } = await openCalculator(browser, `${site.url}index.html`, {
      viewport: { width: 1366, height: 768 },
    });
    const size = () =>
      page.locator(byId('status')).evaluate((el) => {
        const zoom = Number(getComputedStyle(el.closest('.oc')).zoom) || 1;
        return parseFloat(getComputedStyle(el).fontSize) * zoom;
      });
    const before = await size();
    await page.locator(byId('presenter')).click();
    const host = await page.locator('outcome-calculator').boundingBox();
    assert.ok(host.width >= 1300, `the calculator is ${host.width} px wide`);
    assert.ok(host.y <= 1, 'it starts at the top of the screen');
    assert.ok((await size()) >= before * 1.4, 'the type is larger');
    // Esc leaves it, as it leaves a full-screen view, with the focus on
    // the button that turns it on again.
    await page.locator(byId('council.care_starts')).focus();
    await page.keyboard.press('Escape');
    await page.waitForFunction(() => !document.querySelector('outcome-calculator').hasAttribute('data-presenting'));
    assert.equal(await page.locator(byId('presenter')).getAttribute('aria-pressed'), 'false');
    assert.equal(await page.evaluate(() => document.querySelector('outcome-calculator').shadowRoot.activeElement?.id), 'presenter');
    assert.ok((await size()) < before * 1.1, 'the type is back');
    await close();
  });
});

describe('labels follow the scenario', () => {
  test('after choosing Kent, the label and the file names follow', async () => {
    const { page, close } = await openCalculator(browser, `${site.url}index.html`);
    await page.locator(byId('council-pick')).selectOption('E10000016');
    await page.locator(byId('status')).filter({ hasText: /^Over / }).waitFor();
    const button = page
      .locator('outcome-calculator')
      .getByRole('button', { name: 'Download the scenario file (JSON)' });
    const [file] = await Promise.all([page.waitForEvent('download'), button.click()]);
    assert.match(file.suggestedFilename(), /^kent-family-safeguarding/);
    const path = join(dir, file.suggestedFilename());
    await file.saveAs(path);
    const json = JSON.parse(readFileSync(path, 'utf8'));
    assert.equal(json.label, 'Kent: Family Safeguarding');
    await close();
  });

  test('a preset link cannot put one council\'s name over another\'s figures', async () => {
    const { page, close } = await openCalculator(
      browser,
      `${site.url}index.html?council=E10000015&name=Kent`,
    );
    const button = page
      .locator('outcome-calculator')
      .getByRole('button', { name: 'Download the scenario file (JSON)' });
    const [file] = await Promise.all([page.waitForEvent('download'), button.click()]);
    const path = join(dir, 'preset.json');
    await file.saveAs(path);
    const json = JSON.parse(readFileSync(path, 'utf8'));
    assert.equal(json.council.name, 'Hertfordshire');
    assert.doesNotMatch(json.label, /Kent/);
    await close();
  });
});

describe('plausibility', () => {
  test('figures beyond England and the council\'s spend carry a warning', async () => {
    const query =
      'council=E10000016&population_0_17=18000000&children_looked_after=1900000' +
      '&care_starts=1900000&children_in_need=1900000&cp_plans=1900000';
    const { page, close } = await openCalculator(browser, `${site.url}index.html?${query}`);
    const warnings = await page.locator('outcome-calculator .oc-warning').allTextContents();
    assert.ok(warnings.some((w) => /more than England has aged 0 to 17/.test(w)), warnings.join('\n'));
    assert.ok(warnings.some((w) => /whole children's social care spend/.test(w)), warnings.join('\n'));
    await close();
    // An extra zero or three: Blackpool (28,923 children aged 0 to 17) with
    // a million children starting care.
    const typo = await openCalculator(
      browser,
      `${site.url}index.html?council=E06000009&care_starts=1000000`,
    );
    const said = await typo.page.locator('outcome-calculator .oc-warning').allTextContents();
    assert.ok(said.some((w) => /28,923 children aged 0 to 17/.test(w)), said.join('\n'));
    assert.ok(said.some((w) => /official figure \(165 at 31 March 2025\)/.test(w)), said.join('\n'));
    await typo.close();
    const ok = await openCalculator(browser, `${site.url}index.html`);
    assert.equal(await ok.page.locator('outcome-calculator .oc-warning').count(), 0);
    await ok.close();
  });
});

describe('charts and exports', () => {
  // Every chart's text, measured as drawn: [chart, text, box] per label,
  // and each chart's box; the "Pays back" label against the lines.
  const measureCharts = (page) =>
    page.evaluate(() => {
      const root = document.querySelector('outcome-calculator').shadowRoot;
      const box = (el) => {
        const r = el.getBoundingClientRect();
        return { left: r.left, right: r.right, top: r.top, bottom: r.bottom };
      };
      return [...root.querySelectorAll('svg[data-chart]')].map((svg) => ({
        chart: svg.dataset.chart,
        frame: box(svg),
        texts: [...svg.querySelectorAll('text')].map((t) => ({ words: t.textContent, box: box(t) })),
        lines: [...svg.querySelectorAll('path.oc-line')].map(box),
        bars: svg.querySelectorAll('rect.oc-bar-a').length - 1,
      }));
    });
  const meet = (a, b) =>
    a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5;

  const scenarios = ['horizon_years=20', 'programmes=family-safeguarding,fgc-pre-proceedings'];
  for (const [width, query] of [320, 390].flatMap((w) => scenarios.map((q) => [w, q]))) {
    test(`at ${width} px (${query}) no chart's labels overlap or leave the chart; the tornado keeps its £ labels`, async () => {
      const { page, close } = await openCalculator(browser, `${site.url}index.html?${query}`, {
        viewport: { width, height: 800 },
      });
      await page.locator('outcome-calculator [id="oc-sure"][aria-busy="false"][data-npv-p50]').waitFor();
      const charts = await measureCharts(page);
      const names = charts.map((c) => c.chart);
      for (const id of ['oc-fan', 'oc-tornado', 'oc-cumulative', 'oc-agencies', 'oc-outcomes']) {
        assert.ok(names.includes(id), `${id} is drawn (${names.join(', ')})`);
      }
      const problems = [];
      for (const { chart, frame, texts, lines } of charts) {
        // Measured as laid out, not as a placeholder.
        assert.ok(frame.right - frame.left > 200, `${chart} is ${frame.right - frame.left} px wide`);
        assert.ok(texts.length > 0 && texts.every((t) => t.box.right > t.box.left), `${chart}'s text is laid out`);
        texts.forEach(({ words, box }, i) => {
          if (box.left < frame.left - 0.5 || box.right > frame.right + 0.5 || box.top < frame.top - 0.5 || box.bottom > frame.bottom + 0.5) {
            problems.push(`${chart}: "${words}" leaves the chart`);
          }
          for (const other of texts.slice(i + 1)) {
            if (meet(box, other.box)) problems.push(`${chart}: "${words}" overlaps "${other.words}"`);
          }
          if (/Pays back|pays back/.test(words) && lines.some((l) => meet(box, l))) {
            problems.push(`${chart}: "${words}" is over a line`);
          }
        });
      }
      assert.deepEqual(problems, []);
      const tornado = charts.find((c) => c.chart === 'oc-tornado');
      const amounts = tornado.texts
        .filter((t) => !/^As entered|^£0$/.test(t.words))
        .reduce((sum, t) => sum + (t.words.match(/£/g) ?? []).length, 0);
      assert.ok(tornado.bars > 0, 'the tornado has bars');
      assert.equal(amounts, 2 * tornado.bars, 'every bar has the amounts at both its ends');
      await close();
    });
  }

  test('an exported chart carries its title, council, scenario, price year and source', async () => {
    const { page, close } = await openCalculator(browser, `${site.url}index.html`);
    const button = page.locator('outcome-calculator button[data-format="svg"]').first();
    const [file] = await Promise.all([page.waitForEvent('download'), button.click()]);
    const path = join(dir, file.suggestedFilename());
    await file.saveAs(path);
    const svg = readFileSync(path, 'utf8');
    for (const words of ['Derbyshire', 'Scenario: Derbyshire: Family Safeguarding', '2025-26 prices', 'Source:']) {
      assert.ok(svg.includes(words), `the file says "${words}"`);
    }
    await close();
  });
});

describe('keyboard', () => {
  test('the first tab stop skips to the results', async () => {
    const { page, close } = await openCalculator(browser, `${site.url}embed.html`);
    await page.keyboard.press('Tab');
    const name = await page.evaluate(() => {
      const a = document.querySelector('outcome-calculator').shadowRoot.activeElement;
      return a?.textContent;
    });
    assert.equal(name, 'Skip to the results');
    await page.keyboard.press('Enter');
    assert.equal(await focusedId(page), 'results-title');
    await close();
  });

  test('the file input\'s focus ring is at least 3:1 against white', async () => {
    const { page, close } = await openCalculator(browser, `${site.url}index.html`);
    const input = page.locator(byId('council-files'));
    await input.focus();
    const color = await input.evaluate((el) => getComputedStyle(el).outlineColor);
    const [r, g, b] = color.match(/\d+/g).map(Number);
    const lin = (c) => {
      const s = c / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    };
    const l = 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
    const contrast = 1.05 / (l + 0.05);
    assert.ok(contrast >= 3, `the ring is ${contrast.toFixed(2)}:1 (${color})`);
    await close();
  });
});

describe('on paper', () => {
  test('a printout names the council and the scenario', async () => {
    const { page, close } = await openCalculator(browser, `${site.url}index.html?council=E06000009`);
    const whose = page.locator(byId('results-for'));
    assert.equal(await whose.isVisible(), false, 'on screen the form says it');
    await page.emulateMedia({ media: 'print' });
    assert.ok(await whose.isVisible());
    assert.match(await whose.textContent(), /^Blackpool: Family Safeguarding$/);
    await page.emulateMedia({ media: 'screen' });
    await close();
  });
});
