// Export and compare: the report CSV and the scenario file download with
// what they should hold; the scenario file is the command-line
// calculator's format (it reads it and gets the same net present value)
// and opens again with identical results; a bad file is named; each chart
// downloads as SVG and PNG; pinned scenarios side by side, restored and
// removed; axe-core on the compare and presenter states.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import {
  ROOT,
  byId,
  formatViolations,
  openCalculator,
  runAxe,
  useSiteAndBrowser,
  resultsText,
} from './helpers.mjs';

let site;
let browser;
const dir = mkdtempSync(join(tmpdir(), 'oc-export-'));

useSiteAndBrowser((s, b) => {
  site = s;
  browser = b;
});

const STATUS = byId('status');

const open = (query = '', options = {}) => openCalculator(browser, site.url + query, options);

/** What the results say, once the charts and tables have caught up. */
const results = resultsText;

/** The command-line calculator's projection of a scenario file. */
function cliProjection(path) {
  const cli = spawnSync('cargo', ['run', '--quiet', '--bin', 'outcome-calculator', '--', path], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 600_000,
  });
  assert.equal(cli.status, 0, cli.stderr);
  return JSON.parse(cli.stdout);
}

/** Clicks a button and returns the download's name and bytes. */
async function download(page, button) {
  const [file] = await Promise.all([page.waitForEvent('download'), button.click()]);
  const path = join(dir, file.suggestedFilename());
  await file.saveAs(path);
  return { name: file.suggestedFilename(), bytes: readFileSync(path), path };
}

/** A CSV line split into cells (quotes honoured). */
function cells(line) {
  const out = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted && c === '"' && line[i + 1] === '"') {
      cur += '"';
      i++;
    } else if (c === '"') quoted = !quoted;
    else if (c === ',' && !quoted) {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out;
}

/**
 * The boxes of an SVG file's texts, drawn in the page: each text's right
 * edge and the image's width (its viewBox), in the same units.
 */
const textBoxes = (page, svgText) =>
  page.evaluate((svgText) => {
    const doc = new DOMParser().parseFromString(svgText, 'image/svg+xml');
    const svg = document.importNode(doc.documentElement, true);
    const holder = document.createElement('div');
    holder.append(svg);
    document.body.append(holder);
    const [x0, , width] = svg.getAttribute('viewBox').split(' ').map(Number);
    const boxes = [...svg.querySelectorAll('text')]
      .filter((t) => t.textContent.trim() !== '')
      .map((t) => {
        const b = t.getBBox();
        return { text: t.textContent, left: b.x - x0, right: b.x + b.width - x0 };
      });
    holder.remove();
    return { width, boxes, fileWidth: Number(svg.getAttribute('width')), fileHeight: Number(svg.getAttribute('height')) };
  }, svgText);

describe('chart pictures name the council and the scenario and fit their words', () => {
  // The longest council name there is, at a phone's width and a laptop's.
  const COUNCIL = 'Bournemouth, Christchurch and Poole';
  for (const colorScheme of ['light', 'dark']) {
    for (const viewport of [{ width: 390, height: 844 }, { width: 1366, height: 768 }]) {
      test(`${colorScheme}, ${viewport.width} px: every chart as SVG and PNG`, async () => {
        const { page, close } = await open('?council=E06000058', { colorScheme, viewport });
        for (const chart of ['oc-cumulative', 'oc-agencies', 'oc-outcomes']) {
          const button = (format) =>
            page.locator(`outcome-calculator button[data-chart="${chart}"][data-format="${format}"]`);
          const svg = await download(page, button('svg'));
          const text = svg.bytes.toString('utf8');
          const { width, boxes, fileWidth, fileHeight } = await textBoxes(page, text);
          assert.ok(boxes.length > 3, `${chart}: ${boxes.length} texts`);
          for (const b of boxes) {
            assert.ok(b.left >= -0.5 && b.right <= width + 0.5, `${chart}: "${b.text}" runs from ${b.left} to ${b.right}, outside 0 to ${width}`);
          }
          // The subtitle and the source line, whole (wrapped, not cut).
          const words = boxes.map((b) => b.text).join(' ');
          assert.match(words, /Source: Children's Services Outcome Calculator; DfE and ONS council figures; published unit costs\./);
          assert.ok(words.includes(COUNCIL), `${chart}: the council is named: ${words}`);
          assert.match(words, /Scenario: .+\. Money in 2025-26 prices\./, `${chart}: the scenario is named`);
          // The PNG is that picture, drawn at twice its size.
          const png = await download(page, button('png'));
          assert.equal(png.bytes.readUInt32BE(16), fileWidth * 2, `${chart}: PNG width`);
          assert.ok(Math.abs(png.bytes.readUInt32BE(20) - fileHeight * 2) <= 2, `${chart}: PNG height`);
        }
        await close();
      });
    }
  }
});

describe('downloads', () => {
  test('the report CSV holds the inputs, their sources, the years and the summary', async () => {
    const { page, close } = await open();
    await page.locator(byId('council.care_starts')).fill('500');
    await page.locator(STATUS).filter({ hasText: /^Over / }).waitFor();
    const { name, bytes } = await download(page, page.locator('outcome-calculator').getByRole('button', { name: 'Download the report (CSV)' }));
    assert.match(name, /\.csv$/);
    const text = bytes.toString('utf8');
    const rows = text.trim().split('\n').map(cells);
    assert.deepEqual(rows[0], ['section', 'item', 'value', 'unit', 'source']);
    const find = (section, item) => rows.find((r) => r[0] === section && r[1].includes(item));
    assert.match(find('about', 'exported')[2], /^\d{4}-\d{2}-\d{2}$/);
    assert.ok(rows.some((r) => r.includes('500')), 'the edited figure is in the report');
    const costs = rows.filter((r) => r[0] === 'unit_costs');
    assert.ok(costs.length >= 8 && costs.every((r) => r[4].length > 0), 'unit costs carry their sources');
    const years = rows.filter((r) => r[0] !== 'summary' && r.some((c) => /^20\d\d-\d\d$/.test(c)));
    assert.equal(years.length, 5, 'the five years are in the report');
    const npv = Number(find('summary', 'net present value')[2]);
    assert.ok(Number.isFinite(npv));
    assert.match(await page.locator(byId('export-status')).textContent(), /downloading as a CSV file/);
    await close();
  });

  test('the scenario file is the command-line format, and opens again with identical results', async () => {
    const { page, close } = await open();
    await page.locator(byId('assumptions.funding_years')).fill('3');
    await page.locator(byId('council.care_starts')).fill('455');
    await page.locator(STATUS).filter({ hasText: /^Over / }).waitFor();
    const shown = await results(page);
    const { name, bytes, path } = await download(page, page.locator('outcome-calculator').getByRole('button', { name: 'Download the scenario file (JSON)' }));
    assert.match(name, /\.json$/);
    const scenario = JSON.parse(bytes.toString('utf8'));
    assert.equal(scenario.version, 2);
    assert.equal(scenario.evidence_set, '2026.4');
    assert.equal(scenario.council.care_starts, 455);
    assert.equal(scenario.assumptions.funding_years, 3);
    assert.deepEqual(scenario.programmes.map((p) => p.programme), ['family-safeguarding']);
    // Pretty-printed like the command-line calculator's own files.
    assert.match(bytes.toString('utf8'), /^\{\n {2}"version": 2,\n/);

    // The command-line calculator reads it and gets the same net present value.
    const projection = cliProjection(path);
    const report = await download(page, page.locator('outcome-calculator').getByRole('button', { name: 'Download the report (CSV)' }));
    const npvRow = report.bytes.toString('utf8').split('\n').map(cells).find((r) => r[0] === 'summary' && r[1] === 'net present value');
    assert.equal(Number(npvRow[2]), Math.round(projection.summary.npv * 100) / 100);

    // Change everything back, then open the file: the same results.
    await page.locator(byId('assumptions.funding_years')).fill('1');
    await page.locator(STATUS).filter({ hasNotText: shown.split('\n')[0] }).waitFor();
    await page.locator(byId('import')).setInputFiles(path);
    await page.locator(byId('bar-status')).filter({ hasText: /scenario file is open/ }).waitFor();
    assert.equal(await results(page), shown);
    assert.equal(await page.locator(byId('assumptions.funding_years')).inputValue(), '3');
    await close();
  });

  test('a scenario file with the user\'s own programme keeps it: listed in the form, counted as the CLI counts it', async () => {
    const { page, close } = await open();
    const { bytes } = await download(page, page.locator('outcome-calculator').getByRole('button', { name: 'Download the scenario file (JSON)' }));
    const scenario = JSON.parse(bytes.toString('utf8'));
    scenario.programmes.push({
      programme: 'custom',
      cohort: 120,
      cost_per_case: 3000,
      custom: {
        name: 'Edge of care <b>outreach</b>',
        grade: 'qed',
        effects: [{ outcome: 'care_entries', measure: 'relative', low: 2, central: 5, high: 8 }],
      },
    });
    const path = join(dir, 'own-programme.json');
    writeFileSync(path, JSON.stringify(scenario, null, 2));
    const projection = cliProjection(path);

    await page.locator(byId('import')).setInputFiles(path);
    await page.locator(byId('bar-status')).filter({ hasText: /scenario file is open/ }).waitFor();
    const own = page.locator(byId('programmes-own'));
    assert.match(await own.textContent(), /\u201cEdge of care <b>outreach<\/b>\u201d, your own programme/);
    const report = await download(page, page.locator('outcome-calculator').getByRole('button', { name: 'Download the report (CSV)' }));
    const npvRow = report.bytes.toString('utf8').split('\n').map(cells).find((r) => r[0] === 'summary' && r[1] === 'net present value');
    assert.equal(Number(npvRow[2]), Math.round(projection.summary.npv * 100) / 100);
    // The file written back holds both programmes, as they came.
    const again = await download(page, page.locator('outcome-calculator').getByRole('button', { name: 'Download the scenario file (JSON)' }));
    assert.deepEqual(JSON.parse(again.bytes.toString('utf8')).programmes.map((p) => p.programme), ['family-safeguarding', 'custom']);
    await close();
  });

  test('a file that cannot be used is named, and the form is kept', async () => {
    const { page, close } = await open();
    await page.locator(byId('council.care_starts')).fill('466');
    await page.locator(STATUS).filter({ hasText: /^Over / }).waitFor();
    const before = await results(page);
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ version: 2, evidence_set: '2026.2', council: { care_starts: 'many' }, programmes: [] }));
    await page.locator(byId('import')).setInputFiles(bad);
    const error = page.locator(byId('import-error'));
    await error.waitFor({ state: 'visible' });
    assert.match(await error.textContent(), /^Error: The file could not be used: council\.care_starts/);
    assert.equal(await results(page), before);
    assert.equal(await page.locator(byId('council.care_starts')).inputValue(), '466');
    await close();
  });

  for (const chart of ['oc-cumulative', 'oc-agencies', 'oc-outcomes']) {
    test(`the chart ${chart} downloads as SVG and PNG`, async () => {
      const { page, close, cspViolations } = await open();
      const figure = page.locator(`outcome-calculator svg[data-chart="${chart}"]`);
      const size = await figure.evaluate((el) => [el.getBoundingClientRect().width, el.getBoundingClientRect().height].map(Math.round));
      const svg = await download(page, page.locator(`outcome-calculator button[data-chart="${chart}"][data-format="svg"]`));
      assert.match(svg.name, /\.svg$/);
      const text = svg.bytes.toString('utf8');
      assert.match(text, /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<svg /);
      // The chart's own size, with a heading (title, council, scenario,
      // price year: 48 px a line each) above it and the source (22 px)
      // under it, more where they wrap.
      const [, fileHeight] = text.match(new RegExp(`width="${size[0]}" height="(\\d+)"`));
      const extra = Number(fileHeight) - size[1];
      assert.ok(extra >= 69 && extra <= 200, `height ${fileHeight}`);
      assert.match(text, /Money in 2025-26 prices\./);
      assert.match(text, /Source: /);
      assert.match(text, /<title>[^<]+<\/title>/);
      assert.doesNotMatch(text, /class="/, 'styles are written into the file, not left to classes');
      assert.match(text, /stroke="rgb\(/);
      assert.match(text, /<text [^>]*font-family="/);

      const png = await download(page, page.locator(`outcome-calculator button[data-chart="${chart}"][data-format="png"]`));
      assert.match(png.name, /\.png$/);
      assert.deepEqual([...png.bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
      assert.equal(png.bytes.readUInt32BE(16), size[0] * 2);
      assert.ok(Math.abs(png.bytes.readUInt32BE(20) - Number(fileHeight) * 2) <= 2);
      assert.deepEqual(cspViolations, []);
      await close();
    });
  }
});

describe('print', () => {
  test('prints a handout: the results and charts, not the form, the tools or the page chrome', async () => {
    const { page, close } = await open();
    await page.emulateMedia({ media: 'print' });
    const visible = (sel) => page.locator(sel).first().isVisible();
    assert.equal(await visible('outcome-calculator .oc-form'), false);
    assert.equal(await visible('outcome-calculator .oc-topbar'), false);
    assert.equal(await visible('outcome-calculator .oc-panel-share'), false);
    assert.equal(await visible('outcome-calculator .oc-chart-buttons'), false);
    assert.equal(await visible('.site-header'), false);
    assert.equal(await visible('.embed-docs'), false);
    assert.equal(await visible(STATUS), true);
    assert.equal(await visible('outcome-calculator figure svg'), true);
    const pdf = await page.pdf({ format: 'A4' });
    assert.ok(pdf.length > 10_000);
    await close();
  });
});

describe('compare', () => {
  test('pins scenarios side by side with their differences, restores and removes them', async () => {
    const { page, close } = await open();
    const root = page.locator('outcome-calculator');
    const funding = page.locator(byId('assumptions.funding_years'));
    await funding.fill('5');
    await page.locator(STATUS).filter({ hasText: /^Over / }).waitFor();
    await root.getByRole('button', { name: 'Pin this scenario as A' }).click();
    assert.match(await page.locator(byId('compare-status')).textContent(), /Pinned this scenario as A/);
    await funding.fill('3');
    await page.locator(STATUS).filter({ hasText: /^Over / }).waitFor();
    await root.getByRole('button', { name: 'Pin this scenario as B' }).click();

    const table = page.locator('outcome-calculator #compare-body table');
    const head = await table.locator('thead th').allTextContents();
    assert.deepEqual(head, ['Result', 'Scenario A', 'Scenario B', 'B compared with A']);
    const row = async (label) => table.locator('tbody tr').filter({ has: page.getByRole('rowheader', { name: label, exact: true }) }).locator('td').allTextContents();
    for (const label of ['Time in care avoided (child-years)', 'Net budget impact to the council', 'Programme cost', 'Savings', 'Net present value', 'Benefit-cost ratio', 'Pays back in year']) {
      assert.equal((await row(label)).length, 3, label);
    }
    // Funded for 3 years rather than 5: it costs less.
    const cost = await row('Programme cost');
    assert.match(cost[2], /^−£/);
    const b = page.locator('outcome-calculator .oc-pin').nth(1);
    assert.match(await b.textContent(), /Years the programme is funded: 3 \(A: 5\)/);

    // Put A back into the form.
    await root.getByRole('button', { name: 'Put back into the form: scenario A' }).click();
    await page.locator(byId('bar-status')).filter({ hasText: 'Scenario A is back in the form.' }).waitFor();
    assert.equal(await page.locator(byId('assumptions.funding_years')).inputValue(), '5');
    assert.equal(await page.locator('outcome-calculator .oc-pin').count(), 2, 'pins are kept');

    // Remove A: B becomes A.
    await root.getByRole('button', { name: 'Remove scenario A' }).click();
    assert.match(await page.locator(byId('compare-status')).textContent(), /Removed scenario A/);
    assert.deepEqual(await table.locator('thead th').allTextContents(), ['Result', 'Scenario A']);
    await close();
  });

  test('axe finds nothing in the compare and presenter states', async () => {
    const { page, close } = await open('', { bypassCSP: true });
    const root = page.locator('outcome-calculator');
    await root.getByRole('button', { name: 'Pin this scenario as A' }).click();
    await page.locator(byId('assumptions.funding_years')).fill('2');
    await page.locator(STATUS).filter({ hasText: /^Over / }).waitFor();
    await root.getByRole('button', { name: 'Pin this scenario as B' }).click();
    await page.locator(byId('embed-codes')).evaluate((d) => (d.open = true));
    let { violations } = await runAxe(page, { include: [['outcome-calculator']] });
    assert.equal(violations.length, 0, `compare:\n${formatViolations(violations)}`);

    await page.locator(byId('presenter')).click();
    await root.getByRole('button', { name: 'Start again' }).click();
    ({ violations } = await runAxe(page, { include: [['outcome-calculator']] }));
    assert.equal(violations.length, 0, `presenter:\n${formatViolations(violations)}`);

    await page.emulateMedia({ colorScheme: 'dark' });
    ({ violations } = await runAxe(page, { include: [['outcome-calculator']] }));
    assert.equal(violations.length, 0, `presenter, dark:\n${formatViolations(violations)}`);
    await close();
  });
});
