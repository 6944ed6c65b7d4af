// Privacy: no cookies, no analytics, and no request at all once the page's
// own files have loaded, while a person edits, compares, exports, copies a
// link, imports a file, uses presenter mode and resets. Every request during
// loading goes to the page's own origin.

import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import {
  byId,
  offOriginRequests,
  openPage,
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

/** Requests that reached the network (not blob: or data: URLs made in the page). */
const network = (requests) => requests.filter((r) => !/^(blob|data):/.test(r.url));

// An embed shows presenter mode only when asked for it (?presenter).
for (const path of ['', 'embed.html?presenter']) {
  test(`${path || 'the page'}: no cookies and no requests after loading but the calculator's own files, whatever the reader does`, async () => {
    const opened = await openPage(browser, site.url + path);
    const { page, context, requests, consoleErrors } = opened;
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: site.url });
    await waitForWidget(page);
    await page.locator('outcome-calculator .oc').waitFor({ state: 'visible' });
    await page.locator(STATUS).filter({ hasText: /^Over / }).waitFor();
    await page.waitForLoadState('networkidle');
    const origin = new URL(site.url).origin;
    assert.deepEqual(offOriginRequests(requests, origin), [], 'everything loads from the page’s own origin');
    const loaded = requests.length;
    const root = page.locator('outcome-calculator');

    // Edit, including a mistake and its correction.
    await page.locator(byId('council.care_starts')).fill('12a');
    await page.locator(byId('council.care_starts')).fill('480');
    await root.locator('[id="choose.pause"]').check();
    await page.locator(byId('pause.cohort')).fill('20');
    await page.locator(byId('pause.cost_per_case')).fill('12000');
    await page.locator(STATUS).filter({ hasText: /^Over / }).waitFor();

    // Compare.
    await root.getByRole('button', { name: 'Pin this scenario as A' }).click();
    await page.locator(byId('assumptions.funding_years')).fill('2');
    await page.locator(STATUS).filter({ hasText: /^Over / }).waitFor();
    await root.getByRole('button', { name: 'Pin this scenario as B' }).click();

    // Export everything.
    const downloads = [];
    page.on('download', (d) => downloads.push(d.suggestedFilename()));
    for (const name of ['Download the report (CSV)', 'Download the scenario file (JSON)']) {
      await Promise.all([page.waitForEvent('download'), root.getByRole('button', { name }).click()]);
    }
    for (const format of ['svg', 'png']) {
      await Promise.all([
        page.waitForEvent('download'),
        root.locator(`button[data-chart="oc-cumulative"][data-format="${format}"]`).click(),
      ]);
    }
    assert.equal(downloads.length, 4);

    // Copy the link; open the explanation; presenter mode.
    await root.getByRole('button', { name: 'Copy link' }).click();
    await page.locator(byId('share-link-done')).filter({ hasText: /Copied/ }).waitFor();
    await page.locator(byId('explain')).evaluate((d) => (d.open = true));
    await page.locator(byId('presenter')).click();

    // Open a scenario file, put a pinned scenario back, reset.
    const dir = mkdtempSync(join(tmpdir(), 'oc-privacy-'));
    const file = join(dir, 'scenario.json');
    writeFileSync(file, await page.evaluate(() => '{"version": 2, "evidence_set": "2026.2", "council": {"care_starts": 300, "children_looked_after": 700, "care_ceased": 280, "cp_plans": 400, "children_in_need": 3000}, "programmes": [{"programme": "family-safeguarding", "cohort": 400}]}'));
    await page.locator(byId('import')).setInputFiles(file);
    await page.locator(byId('bar-status')).filter({ hasText: /scenario file is open/ }).waitFor();
    await root.getByRole('button', { name: 'Put back into the form: scenario A' }).click();
    await page.locator(byId('bar-status')).filter({ hasText: /back in the form/ }).waitFor();
    await root.getByRole('button', { name: 'Start again' }).click();
    await root.getByRole('button', { name: 'Yes, start again' }).click();
    await page.locator(STATUS).filter({ hasText: /^Over / }).waitFor();
    await page.waitForTimeout(500);

    // Nothing but the calculator's own module that reads scenario files
    // (and draws workings), fetched from the page's origin when the file
    // was opened.
    const later = network(requests.slice(loaded));
    assert.deepEqual(
      later.map((r) => `${r.method} ${r.url}`),
      ['GET pkg-workings/outcome_calculator.js', 'GET pkg-workings/outcome_calculator_bg.wasm'].map((p) =>
        p.replace(' ', ` ${site.url}`),
      ),
      'no requests after loading but the calculator’s own files',
    );
    assert.deepEqual(await context.cookies(), []);
    assert.equal(await page.evaluate(() => document.cookie), '');
    assert.deepEqual(consoleErrors, []);
    await opened.close();
  });
}
