// Every English council's figures, and the national picture: the council
// picker and its source line, figures changed from the official ones, the
// roll-out to every council (checked against the CLI), loading the official
// DfE files, and axe-core with all of it open.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import {
  ROOT,
  byId,
  fileOnDisk,
  formatViolations,
  openCalculator,
  openPage,
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

const STATUS = byId('status');
const PICK = byId('council-pick');
const FIXTURES = join(ROOT, 'tests', 'fixtures', 'dfe');
const CLA = 'council.children_looked_after';
const CPP = 'council.cp_plans';
const CIN = 'council.children_in_need';

const open = (query = '', options = {}) => openCalculator(browser, `${site.url}${query}`, options);

const value = (page, id) => page.locator(byId(id)).inputValue();
const visible = (page, id) => page.locator(byId(id)).isVisible();

/** The id of the focused element, looking inside shadow roots. */
const focusedId = (page) =>
  page.evaluate(() => {
    let a = document.activeElement;
    while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
    return a?.id ?? null;
  });

/**
 * The CLI's roll-out of a scenario: the default programme and assumptions,
 * with `council` (the figures the widget shows; the roll-out replaces them
 * with each council's own).
 */
function cliRollout(council) {
  const dir = mkdtempSync(join(tmpdir(), 'oc-councils-'));
  const file = join(dir, 'family-safeguarding.json');
  const evidence = readFileSync(join(ROOT, 'crates', 'model', 'src', 'data', 'evidence.rs'), 'utf8').match(
    /pub const EVIDENCE_SET: &str = "([^"]+)"/,
  )[1];
  writeFileSync(
    file,
    JSON.stringify({ version: 2, evidence_set: evidence, council, programmes: [{ programme: 'family-safeguarding' }] }),
  );
  const r = spawnSync(
    'cargo',
    ['run', '--quiet', '--bin', 'outcome-calculator', '--', '--all-councils', file],
    { cwd: ROOT, encoding: 'utf8', timeout: 600_000 },
  );
  assert.equal(r.status, 0, r.stderr);
  return r.stdout;
}

/** The cells of a CSV line (quoted cells may hold commas and "" quotes). */
const cells = (line) =>
  [...line.matchAll(/(?:^|,)("(?:[^"]|"")*"|[^,]*)/g)].map((m) =>
    m[1].startsWith('"') ? m[1].slice(1, -1).replace(/""/g, '"') : m[1],
  );

/** The council figures the form shows, as numbers. */
async function shownCouncil(page) {
  const council = { name: 'Shown' };
  for (const key of ['children_looked_after', 'care_starts', 'care_ceased', 'cp_plans', 'children_in_need', 'population_0_17']) {
    const text = await value(page, `council.${key}`);
    council[key] = text === '' ? null : Number(text.replace(/,/g, ''));
  }
  return council;
}

describe('council figures', () => {
  test('?council=E10000015 opens with Hertfordshire 2025 and the source line', async () => {
    const { page, consoleErrors, close } = await open('?council=E10000015');
    assert.equal(await page.locator(PICK).inputValue(), 'E10000015');
    assert.equal(await value(page, CLA), '999');
    assert.equal(await value(page, CPP), '614');
    assert.equal(await value(page, CIN), '5,848');
    const source = page.locator(byId('council-source'));
    assert.ok(await source.isVisible());
    assert.match(
      await source.textContent(),
      /^Figures for Hertfordshire at 31 March 2025 from the Department for Education/,
    );
    assert.match(
      await page.locator(byId('council-credit')).textContent(),
      /Open Government Licence v3\.0/,
    );
    assert.ok(await page.locator(byId('council-credit')).isVisible());
    assert.equal(await page.locator(byId('council-year')).inputValue(), '2025');
    assert.deepEqual(consoleErrors.filter((e) => !/favicon/.test(e)), []);
    await close();
  });

  test('council="E10000015" works as an attribute of the element', async () => {
    const { page, close } = await open();
    await page.evaluate(() => {
      const el = document.createElement('outcome-calculator');
      el.id = 'second';
      el.setAttribute('council', 'E10000015');
      document.body.append(el);
    });
    const second = (id) => `#second [id="${id}"]`;
    await page.locator(`${second('status')}`).filter({ hasText: /^Over / }).waitFor();
    assert.equal(await page.locator(second('council-pick')).inputValue(), 'E10000015');
    assert.equal(await page.locator(second(CLA)).inputValue(), '999');
    assert.equal(await page.locator(second(CPP)).inputValue(), '614');
    assert.equal(await page.locator(second(CIN)).inputValue(), '5,848');
    assert.match(
      await page.locator(second('council-source')).textContent(),
      /^Figures for Hertfordshire at 31 March 2025 from the Department for Education/,
    );
    await close();
  });

  test('a link naming a council that no longer exists says which councils replaced it', async () => {
    const { page, close } = await openPage(browser, `${site.url}?council=E10000006`);
    await waitForWidget(page);
    const error = page.locator(byId('council-pick-error'));
    await error.waitFor();
    assert.equal(
      await error.textContent(),
      'Error: Cumbria (E10000006) was abolished on 1 April 2023: choose Cumberland or Westmorland and Furness',
    );
    const link = page.locator(`${byId('error-summary')} a[data-target="council-pick"]`);
    await link.click();
    assert.equal(await focusedId(page), 'council-pick');
    await page.locator(PICK).selectOption('E06000063');
    assert.equal(await error.isVisible(), false);
    await page.locator(STATUS).filter({ hasText: /^Over / }).waitFor();
    assert.match(await page.locator(byId('council-source')).textContent(), /^Figures for Cumberland at 31 March 2025/);
    await close();
  });

  test('the picker is a labelled select grouped by region, and the year changes the figures', async () => {
    // Hertfordshire, named in the link: the fixtures hold its figures.
    const { page, close } = await open('?council=E10000015');
    const label = await page.locator('outcome-calculator label[for="council-pick"]').textContent();
    assert.equal(label, 'Council');
    const groups = await page.locator(`${PICK} optgroup`).evaluateAll((gs) => gs.map((g) => g.label));
    assert.equal(groups.length, 10);
    assert.ok(groups.includes('East of England') && groups.includes('Inner London'));
    assert.equal(await page.locator(`${PICK} optgroup option`).count(), 153);

    await page.locator(byId('council-year')).selectOption('2024');
    assert.equal(await value(page, CLA), '971');
    assert.match(await page.locator(byId('council-source')).textContent(), /31 March 2024/);

    await page.locator(PICK).selectOption('E08000025');
    assert.match(await page.locator(byId('council-source')).textContent(), /^Figures for Birmingham at 31 March 2024/);
    assert.equal(await value(page, CLA), '2,296');
    await close();
  });

  test('every council in the picker computes, and unpublished figures are asked for, never zero', async () => {
    const { page, consoleErrors, close } = await open();
    const report = await page.evaluate(async () => {
      const root = document.querySelector('outcome-calculator').shadowRoot;
      const pick = root.getElementById('council-pick');
      const status = root.getElementById('status');
      const summary = root.getElementById('error-summary');
      const codes = [...pick.querySelectorAll('optgroup option')].map((o) => o.value);
      const ids = [
        'council.children_looked_after',
        'council.care_starts',
        'council.care_ceased',
        'council.cp_plans',
        'council.children_in_need',
        'council.population_0_17',
      ];
      const failures = [];
      let computed = 0;
      let asked = 0;
      const started = performance.now();
      for (const code of codes) {
        pick.value = code;
        pick.dispatchEvent(new Event('change', { bubbles: true }));
        const name = pick.selectedOptions[0].textContent;
        const source = root.getElementById('council-source').textContent;
        if (!source.startsWith(`Figures for ${name} at 31 March 2025`)) failures.push(`${name}: source "${source}"`);
        for (const id of ids) {
          if (root.getElementById(id).value === '0') failures.push(`${name}: ${id} is 0`);
        }
        if (summary.hidden) {
          if (!/^Over \d+ years? \(/.test(status.textContent)) failures.push(`${name}: "${status.textContent}"`);
          computed += 1;
        } else {
          // Only figures that are not published may be missing, each
          // left blank and marked.
          const targets = [...summary.querySelectorAll('a[data-target]')].map((a) => a.dataset.target);
          const figures = targets.filter((t) => t.startsWith('council.'));
          if (figures.length === 0) failures.push(`${name}: errors ${targets.join(', ')}`);
          for (const id of figures) {
            const note = root.getElementById(`${id}-note`);
            if (root.getElementById(id).value !== '' || note.hidden || !/^Not published/.test(note.textContent)) {
              failures.push(`${name}: ${id} not asked for`);
            }
          }
          asked += 1;
        }
      }
      return { count: codes.length, computed, asked, failures, ms: performance.now() - started };
    });
    assert.deepEqual(report.failures, []);
    assert.equal(report.count, 153);
    assert.ok(report.computed >= 150, `computed ${report.computed}`);
    assert.equal(report.computed + report.asked, 153);
    console.log(`# every council: ${report.computed} computed, ${report.asked} ask for figures, ${Math.round(report.ms)} ms`);
    assert.deepEqual(consoleErrors.filter((e) => !/favicon/.test(e)), []);
    await close();
  });

  test('a changed figure is marked, and can be reset one by one or all at once', async () => {
    // Hertfordshire, named in the link: the fixtures hold its figures.
    const { page, close } = await open('?council=E10000015');
    const group = page.locator(byId(`${CLA}-group`));
    assert.equal(await visible(page, `${CLA}-note`), false);
    await page.locator(byId(CLA)).fill('1000');
    const note = page.locator(byId(`${CLA}-note`));
    await note.waitFor();
    assert.equal(await note.textContent(), 'Changed from 999, the official figure.');
    assert.match(await group.getAttribute('class'), /oc-field--changed/);
    const described = await page.locator(byId(CLA)).getAttribute('aria-describedby');
    assert.ok(described.split(' ').includes(`${CLA}-note`), described);
    const reset = page.locator(byId(`${CLA}-reset`));
    assert.match(await reset.textContent(), /^Reset to official figure for Children looked after \(999\)$/);
    assert.ok(await visible(page, 'council-reset-all'));

    await reset.click();
    assert.equal(await value(page, CLA), '999');
    assert.equal(await visible(page, `${CLA}-note`), false);
    assert.doesNotMatch(await group.getAttribute('class'), /oc-field--changed/);
    assert.equal(await focusedId(page), CLA);
    assert.equal(await visible(page, 'council-reset-all'), false);

    // A bad value is a change too; reset all puts everything back.
    await page.locator(byId(CPP)).fill('6x');
    await page.locator(byId(CIN)).fill('6000');
    assert.ok(await visible(page, `${CPP}-reset`));
    await page.locator(byId('council-reset-all')).click();
    assert.equal(await value(page, CPP), '614');
    assert.equal(await value(page, CIN), '5,848');
    assert.equal(await page.locator(byId('error-summary')).isVisible(), false);
    await page.locator(STATUS).filter({ hasText: /^Over / }).waitFor();
    assert.equal(await focusedId(page), 'council-pick');

    // With the keyboard: the reset button is reached by Tab after the input.
    await page.locator(byId(CLA)).fill('998');
    await page.locator(byId(CLA)).press('Tab');
    assert.equal(await focusedId(page), `${CLA}-reset`);
    await page.keyboard.press('Enter');
    assert.equal(await value(page, CLA), '999');
    await close();
  });

  test('the national roll-out agrees with the CLI, by region and for England', async () => {
    const { page, close } = await open();
    const cli = cliRollout(await shownCouncil(page));
    await page.locator('outcome-calculator #national > summary').click();
    const totals = page.locator(byId('national-totals'));
    await totals.waitFor();
    const text = await page.locator(byId('national-results')).textContent();
    assert.match(text, /^England: \d+ councils, over 5 years/);
    assert.equal(await page.locator(`${byId('national-by-region')} tbody tr`).count(), 10);
    assert.equal(await page.locator(`${byId('national-top')} tbody tr`).count(), 10);

    // The download is the CLI's output, byte for byte.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator(byId('national-download')).click(),
    ]);
    assert.equal(download.suggestedFilename(), 'roll-out-england-2025.csv');
    const csv = readFileSync(await download.path(), 'utf8');
    assert.equal(csv, cli);

    // The totals on screen are the CLI's TOTAL row.
    const total = cli.split('\n').find((l) => l.startsWith('TOTAL,')).split(',');
    const years = Math.round(Number(total[5])).toLocaleString('en-GB');
    assert.match(await totals.textContent(), new RegExp(`Time in care avoided${years}child-years`));
    const rows = cli.split('\n').filter((l) => /^E\d{8},/.test(l));
    assert.match(text, new RegExp(`^England: ${rows.length} councils`));
    // The CLI lists councils largest effect first, as the widget's top ten.
    const top = await page.locator(`${byId('national-top')} tbody th`).allTextContents();
    const [, firstName, firstRegion] = cells(rows[0]);
    assert.equal(top[0], `${firstName} (${firstRegion})`);

    await page.locator(byId('national-region')).selectOption('East of England');
    await page.locator(byId('national-results')).getByText(/^East of England: 11 councils/).waitFor();
    assert.equal(await page.locator(byId('national-by-region')).count(), 0);
    const east = cli.split('\n').filter((l) => l.includes(',East of England,') && /^E\d{8},/.test(l));
    assert.equal(east.length, 11);

    // It follows the scenario.
    const before = await totals.textContent();
    await page.locator(byId('assumptions.horizon_years')).fill('3');
    await page.locator(byId('national-results')).getByText(/over 3 years/).waitFor();
    assert.notEqual(await page.locator(byId('national-totals')).textContent(), before);
    await close();
  });

  test('loading the official DfE files updates the picker; a bad file changes nothing', async () => {
    // Hertfordshire, named in the link: the fixtures hold its figures.
    const { page, close } = await open('?council=E10000015');
    const names = [
      'cla_number_and_rate_per_10k_children.csv',
      'b1_children_in_need_2013_to_2025.csv',
      'd5_cpps_at31march_by_duration_2013_to_2025.csv',
    ];
    const file = (name, edit = (t) => t) => ({
      name,
      mimeType: 'text/csv',
      buffer: Buffer.from(edit(readFileSync(join(FIXTURES, name), 'utf8'))),
    });
    await page.locator('outcome-calculator summary', { hasText: 'Load newer figures' }).click();
    const input = page.locator(byId('council-files'));

    // A damaged file: a clear message naming it, and nothing else changes.
    await input.setInputFiles([
      file(names[0]),
      file(names[2], (t) => t.replace(',614,217,', ',6x4,217,')),
    ]);
    const error = page.locator(byId('council-files-error'));
    await error.waitFor();
    assert.match(await error.textContent(), /^Error: Nothing was loaded: d5_cpps_at31march_by_duration_2013_to_2025\.csv line 4, column CPP_At31: /);
    assert.equal(await value(page, CPP), '614');
    assert.equal(await page.locator(byId('council-loaded')).textContent(), '');
    assert.equal(await page.locator(`${byId('council-year')} option`).count(), 2);
    assert.equal(await page.locator(byId('council-files')).getAttribute('aria-describedby'), 'council-files-hint council-files-error');

    // The input is cleared once read, so the same file can be chosen again.
    assert.equal(await input.evaluate((i) => i.files.length), 0);

    // A file the calculator does not read.
    await input.setInputFiles([{ name: 'notes.csv', mimeType: 'text/csv', buffer: Buffer.from('a,b\n1,2\n') }]);
    await page.locator(byId('council-files-error')).getByText(/notes\.csv/).waitFor();
    assert.equal(await value(page, CPP), '614');

    // Good files, with Hertfordshire's plans changed: the picker uses them.
    await input.setInputFiles([
      file(names[0]),
      file(names[1]),
      file(names[2], (t) => t.replace(',614,217,', ',700,217,')),
    ]);
    const loaded = page.locator(byId('council-loaded'));
    await loaded.getByText(/^Loaded the figures at 31 March 2025 for \d+ councils/).waitFor();
    for (const n of names) assert.match(await loaded.textContent(), new RegExp(n.replace(/\./g, '\\.')));
    assert.equal(await error.isVisible(), false);
    assert.equal(await value(page, CPP), '700');
    assert.equal(await visible(page, `${CPP}-note`), false, 'the new figure is the official one');
    assert.match(await page.locator(byId('council-source')).textContent(), /the files you loaded/);
    assert.match(
      await page.locator(`${byId('council-year')} option:checked`).textContent(),
      /^31 March 2025 \(from the files you loaded\)$/,
    );
    await page.locator(STATUS).filter({ hasText: /^Over / }).waitFor();
    await close();
  });

  test('a large file is read in slices: the page answers, says how far it has got, and can stop', async () => {
    const { page, close } = await open('?council=E10000015');
    // The looked-after file's rows, repeated to 16 MB (the same figures
    // again, so it stays valid).
    const name = 'cla_number_and_rate_per_10k_children.csv';
    const [header, ...rows] = readFileSync(join(FIXTURES, name), 'utf8').trimEnd().split('\n');
    const body = `${rows.join('\n')}\n`;
    const big = Buffer.from(`${header}\n${body.repeat(Math.ceil((16 * 1024 * 1024) / body.length))}`);
    // Handed to the browser as a file on disk (as a reader's would be).
    const file = fileOnDisk(name, big);
    await page.locator('outcome-calculator summary', { hasText: 'Load newer figures' }).click();
    const input = page.locator(byId('council-files'));
    const CLA_NOW = await page.locator(byId(CLA)).inputValue();

    // Stopped part way: nothing changes. (A slow phone: the CPU 10 times
    // slower, so that the reading lasts long enough to be stopped.)
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 10 });
    await input.setInputFiles([file]);
    const progress = page.locator(byId('council-progress'));
    await progress.waitFor();
    assert.match(await progress.textContent(), /^Reading cla_number_and_rate_per_10k_children\.csv: \d+%/);
    // The page answers between slices.
    const t0 = Date.now();
    await page.evaluate(() => 1);
    assert.ok(Date.now() - t0 < 2000, `the page answered in ${Date.now() - t0} ms`);
    await page.locator(byId('council-stop')).click();
    await page.locator(byId('council-loaded')).getByText(/^Loading stopped\. Nothing was changed/).waitFor();
    assert.equal(await page.locator(byId(CLA)).inputValue(), CLA_NOW);
    assert.equal(await progress.count(), 0);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });

    // Read to the end: the figures are used, as from the small file.
    await input.setInputFiles([file]);
    await page
      .locator(byId('council-loaded'))
      .getByText(/^Loaded the figures at 31 March 2025 for \d+ councils/)
      .waitFor();
    assert.match(await page.locator(byId("council-loaded")).textContent(), /children looked after \(cla_number_and_rate_per_10k_children\.csv\), [\d,]+ rows used/);
    await close();
  });

  test('at 320 px the picker, the loader and the national panel fit without sideways scrolling', async () => {
    const { page, close } = await open('', { viewport: { width: 320, height: 640 } });
    await page.locator(PICK).selectOption('E06000058'); // the longest name
    await page.locator(byId(CLA)).fill('1000');
    await page.evaluate(() => {
      const root = document.querySelector('outcome-calculator').shadowRoot;
      for (const d of root.querySelectorAll('details')) d.open = true;
    });
    await page.locator(byId('national-totals')).waitFor();
    const overflow = await page.evaluate(() => {
      const root = document.querySelector('outcome-calculator').shadowRoot;
      const oc = root.querySelector('.oc');
      const right = oc.getBoundingClientRect().right;
      const mine = [root.getElementById('council-pick').closest('fieldset'), root.getElementById('national')];
      // Tables scroll inside their own keyboard-focusable region.
      return mine
        .flatMap((part) => [part, ...part.querySelectorAll('*')])
        .filter((e) => !e.closest('.oc-scroll') && e.getBoundingClientRect().right > right + 1)
        .map((e) => `${e.tagName.toLowerCase()}#${e.id}.${e.className}`);
    });
    assert.deepEqual(overflow, []);
    await close();
  });

  for (const colorScheme of ['light', 'dark']) {
    test(`axe-core finds no violations with the picker, a changed figure, the loader and the national panel open (${colorScheme})`, async () => {
      const { page, close } = await open('', { bypassCSP: true, colorScheme });
      await page.locator(byId(CLA)).fill('1000');
      await page.evaluate(() => {
        const root = document.querySelector('outcome-calculator').shadowRoot;
        for (const d of root.querySelectorAll('details')) d.open = true;
      });
      await page.locator(byId('national-totals')).waitFor();
      await page.locator(PICK).focus();
      const { violations } = await runAxe(page, { include: [['outcome-calculator']] });
      assert.equal(violations.length, 0, formatViolations(violations));
      await close();
    });
  }
});
