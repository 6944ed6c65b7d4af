// No script injection. Classic payloads go in through every way outside
// text reaches the calculator: the page address (share-link parameters and
// embed options), the <outcome-calculator> element's attributes, a typed
// field, a scenario file opened in the widget (label, council name, custom
// programme name; pinned into the comparison), and the official DfE files
// with a hostile council name. Each time:
//   - no dialog opens (every payload calls alert),
//   - nothing in the shadow root is, or ever was, a <script>, <iframe>,
//     <object> or <embed>, an element with an on* attribute, or a link or
//     source starting with javascript: (a MutationObserver watches from
//     before the page loads, so short-lived nodes count too),
//   - where the widget shows the text, it shows it as text.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import {
  byId,
  openPage,
  ROOT,
  useSiteAndBrowser,
  waitForWidget,
} from './helpers.mjs';

const PAYLOADS = [
  '<img src=x onerror=alert(1)>',
  '"><script>alert(1)</script>',
  'javascript:alert(1)',
  '</style><svg onload=alert(1)>',
  "{{constructor.constructor('alert(1)')()}}",
  "'><iframe src=javascript:alert(1)></iframe>",
  '<a href="javascript:alert(1)">click</a>',
  '${alert(1)}<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
];

const EVIDENCE = readFileSync(join(ROOT, 'crates', 'model', 'src', 'data', 'evidence.rs'), 'utf8').match(
  /pub const EVIDENCE_SET: &str = "([^"]+)"/,
)[1];
const FIXTURES = join(ROOT, 'tests', 'fixtures', 'dfe');

// Runs in the page before any of its scripts: records every dangerous node
// or attribute that ever appears in the document or in a shadow root.
function watchForInjection() {
  const seen = [];
  window.__injection = seen;
  const BAD_TAGS = new Set(['SCRIPT', 'IFRAME', 'OBJECT', 'EMBED', 'FRAME', 'BASE']);
  const URL_ATTRS = new Set(['href', 'src', 'xlink:href', 'action', 'formaction', 'data']);
  // The page's own two scripts: the loader, and start.js, which decides
  // before the first paint whether the result written in the page stands.
  const allowed = (el) =>
    el.tagName === 'SCRIPT' &&
    el.getRootNode() === document &&
    (el.src.endsWith('/outcome-calculator.js') || el.src.endsWith('/start.js'));
  const watched = new WeakSet();
  // One element's own tag and attributes (and, once, a shadow root the
  // parser made: the first result written into the page). Its children
  // are checked as they arrive (childList records) or with their subtree.
  const checkOne = (el) => {
    if (el.shadowRoot && !watched.has(el.shadowRoot)) {
      watched.add(el.shadowRoot);
      watch(el.shadowRoot);
      for (const child of el.shadowRoot.querySelectorAll('*')) checkOne(child);
    }
    if (BAD_TAGS.has(el.tagName.toUpperCase()) && !allowed(el)) {
      seen.push(`<${el.tagName.toLowerCase()}> element`);
    }
    for (const a of el.attributes) {
      const name = a.name.toLowerCase();
      if (name.startsWith('on')) seen.push(`${name} attribute on <${el.tagName.toLowerCase()}>`);
      if (URL_ATTRS.has(name) && /^\s*javascript:/i.test(a.value)) {
        seen.push(`${name}="${a.value}" on <${el.tagName.toLowerCase()}>`);
      }
    }
  };
  // A node that arrived, with everything inside it: each element once.
  const check = (node) => {
    if (!(node instanceof Element)) return;
    checkOne(node);
    for (const child of node.querySelectorAll('*')) checkOne(child);
  };
  const observer = new MutationObserver((records) => {
    for (const r of records) {
      if (r.type === 'attributes') checkOne(r.target);
      for (const n of r.addedNodes) check(n);
    }
  });
  const watch = (node) =>
    observer.observe(node, { subtree: true, childList: true, attributes: true });
  const attach = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (init) {
    const root = attach.call(this, init);
    if (!watched.has(root)) {
      watched.add(root);
      watch(root);
    }
    return root;
  };
  watch(document);
  document.addEventListener('DOMContentLoaded', () => {
    for (const host of document.querySelectorAll('outcome-calculator')) check(host);
  });
}

// A scan of the page as it is now (the observer covers what came and went).
function scanNow() {
  const problems = [...window.__injection];
  for (const host of document.querySelectorAll('outcome-calculator')) {
    const root = host.shadowRoot;
    if (!root) continue;
    for (const el of root.querySelectorAll('script, iframe, object, embed, frame, base')) {
      problems.push(`<${el.tagName.toLowerCase()}> in the shadow root`);
    }
    for (const el of root.querySelectorAll('*')) {
      for (const a of el.attributes) {
        if (a.name.toLowerCase().startsWith('on')) problems.push(`${a.name} on <${el.tagName}>`);
        if (/^\s*javascript:/i.test(a.value) && /href|src|action/i.test(a.name)) {
          problems.push(`${a.name}="${a.value}"`);
        }
      }
    }
  }
  return problems;
}

// Every piece of text the widgets show: text nodes, and the values of
// inputs, text areas and options.
function shownText() {
  const parts = [];
  for (const host of document.querySelectorAll('outcome-calculator')) {
    const root = host.shadowRoot;
    if (!root) continue;
    parts.push(root.textContent);
    for (const el of root.querySelectorAll('input, textarea')) parts.push(el.value);
  }
  return parts.join('\n');
}

let site;
let browser;

useSiteAndBrowser((s, b) => {
  site = s;
  browser = b;
});

/** Opens a page with the watcher installed; records dialogs. */
async function open(query = '') {
  const opened = await openPage(browser, null);
  const dialogs = [];
  opened.page.on('dialog', (d) => {
    dialogs.push(d.message());
    d.dismiss().catch(() => {});
  });
  await opened.page.addInitScript(watchForInjection);
  await visit(opened.page, query);
  return { ...opened, dialogs };
}

/** Loads the page (again) with a query and waits for the calculator. */
async function visit(page, query) {
  await page.goto(`${site.url}${query}`);
  await waitForWidget(page);
  await page.locator(byId('status')).first().waitFor({ state: 'attached' });
}

/** Fails if anything ran or was injected; returns the text shown. */
async function assertClean(page, dialogs, what) {
  // Give any injected handler (an image error, say) time to fire.
  await page.waitForTimeout(200);
  assert.deepEqual(dialogs, [], `${what}: a dialog opened`);
  assert.deepEqual(await page.evaluate(scanNow), [], `${what}: markup was injected`);
  return page.evaluate(shownText);
}

describe('no script injection', () => {
  test('the watch itself sees injected markup (and the policy blocks it)', async () => {
    const { page, dialogs, cspViolations, close } = await open();
    await page.evaluate(() => {
      const root = document.querySelector('outcome-calculator').shadowRoot;
      const probe = document.createElement('div');
      root.append(probe);
      // What the calculator must never do, done here on purpose.
      probe.innerHTML = '<img src=x onerror="alert(1)"><a href="javascript:void 0">x</a>';
      probe.remove();
    });
    await page.waitForTimeout(300);
    const seen = await page.evaluate(scanNow);
    assert.ok(seen.includes('onerror attribute on <img>'), seen.join('; '));
    assert.ok(seen.some((s) => s.startsWith('href="javascript:')), seen.join('; '));
    // Even then nothing runs: the page's Content-Security-Policy refuses
    // inline handlers, and says so.
    assert.deepEqual(dialogs, []);
    assert.ok(cspViolations.length > 0, 'the policy reported the blocked handler');
    await close();
  });

  test('through the page address: share-link parameters and embed options', async () => {
    const { page, dialogs, close } = await open();
    for (const p of PAYLOADS) {
      // Text parameters that are kept, and options.
      const kept = new URLSearchParams({ name: p, label: p, theme: p, hide: p, lock: p, id: p });
      await visit(page, `?${kept}`);
      await assertClean(page, dialogs, `kept parameters ${p}`);
      // The share link carries the text back out, encoded.
      const link = await page.locator(byId('share-link')).inputValue();
      assert.equal(new URL(link).searchParams.get('name'), p, 'the name survives as text');

      // Parameters that are refused: the error messages quote the text.
      const refused = new URLSearchParams({ programmes: `family-safeguarding,${p}`, evidence: p });
      await visit(page, `?${refused}`);
      const shown = await assertClean(page, dialogs, `refused parameters ${p}`);
      assert.ok(
        shown.includes(`there is no programme called \u201c${p}\u201d`),
        `the unknown programme ${p} is quoted as text`,
      );
    }
    await close();
  });

  test('through attributes on <outcome-calculator>', async () => {
    const { page, dialogs, close } = await open();
    await page.evaluate((payloads) => {
      for (const [i, p] of payloads.entries()) {
        const el = document.createElement('outcome-calculator');
        for (const name of ['name', 'label', 'evidence', 'theme', 'hide', 'lock']) {
          el.setAttribute(name, p);
        }
        el.setAttribute('programmes', `family-safeguarding,${p}`);
        el.id = `hostile-${i}`;
        document.body.append(el);
      }
    }, PAYLOADS);
    await page.waitForFunction(
      (n) =>
        [...document.querySelectorAll('outcome-calculator[id^="hostile-"]')].filter(
          (el) => el.shadowRoot?.querySelector('[id="status"]'),
        ).length === n,
      PAYLOADS.length,
    );
    const shown = await assertClean(page, dialogs, 'element attributes');
    for (const p of PAYLOADS) {
      assert.ok(shown.includes(`there is no programme called \u201c${p}\u201d`), `${p} shown as text`);
    }
    await close();
  });

  test('through a typed field', async () => {
    const { page, dialogs, close } = await open();
    for (const p of PAYLOADS) {
      await page.locator(byId('council.care_starts')).fill(p);
      await page.locator(byId('council.care_starts-error')).waitFor();
      const shown = await assertClean(page, dialogs, `typed ${p}`);
      assert.ok(shown.includes(`\u201c${p.slice(0, 23)}`), `${p} quoted as text`);
      assert.equal(await page.locator(byId('council.care_starts')).inputValue(), p, 'kept as typed');
    }
    await close();
  });

  test('through a scenario file, and pinned into the comparison', async () => {
    const { page, dialogs, close } = await open();
    for (const p of PAYLOADS) {
      const scenario = {
        version: 2,
        evidence_set: EVIDENCE,
        label: p,
        council: { name: p, care_starts: 424, cp_plans: 614, children_in_need: 5848 },
        programmes: [
          { programme: 'family-safeguarding' },
          {
            programme: 'custom',
            cohort: 100,
            annual_cost: 50000,
            custom: {
              name: p,
              grade: 'rct',
              effects: [
                { outcome: 'care_entries', measure: 'relative', low: 1, central: 2, high: 3 },
              ],
            },
          },
        ],
      };
      await page.locator(byId('import')).setInputFiles({
        name: 'hostile.json',
        mimeType: 'application/json',
        buffer: Buffer.from(JSON.stringify(scenario)),
      });
      await page.locator(byId('bar-status')).getByText('The scenario file is open').waitFor();
      // One pin at a time: the comparison holds a few.
      const unpin = page.locator('outcome-calculator [data-action="unpin"]');
      while ((await unpin.count()) > 0) await unpin.first().click();
      await page.locator(byId('pin')).click();
      const shown = await assertClean(page, dialogs, `scenario file ${p}`);
      const pinned = await page.locator(byId('compare-body')).textContent();
      assert.ok(pinned.includes(p), `the label ${p} is shown as text in the comparison`);
      assert.ok(shown.includes(p));
      // Clear the status for the next file.
      await page.evaluate(() => {
        const root = document.querySelector('outcome-calculator').shadowRoot;
        root.getElementById('bar-status').textContent = '';
      });
    }
    await close();
  });

  test('through the official DfE files: a hostile council name', async () => {
    const { page, dialogs, close } = await open();
    const names = [
      'cla_number_and_rate_per_10k_children.csv',
      'b1_children_in_need_2013_to_2025.csv',
      'd5_cpps_at31march_by_duration_2013_to_2025.csv',
    ];
    const input = page.locator(byId('council-files'));
    if ((await input.count()) === 0) {
      // The upload is not in this build: nothing else to test here.
      await close();
      return;
    }
    await page.locator('outcome-calculator summary', { hasText: 'Load newer figures' }).click();
    for (const p of PAYLOADS.slice(0, 4)) {
      const quoted = `"${p.replace(/"/g, '""')}"`;
      await input.setInputFiles(
        names.map((name) => ({
          name,
          mimeType: 'text/csv',
          buffer: Buffer.from(
            readFileSync(join(FIXTURES, name), 'utf8').replaceAll(',Hertfordshire,', `,${quoted},`),
          ),
        })),
      );
      await page.locator(byId('council-loaded')).getByText(/^Loaded the figures/).waitFor();
      const shown = await assertClean(page, dialogs, `council name ${p}`);
      assert.ok(shown.includes(p), `${p} is a council name, shown as text`);
      // Choosing that council puts its name into the scenario.
      await page.locator(byId('council-pick')).selectOption('E10000015');
      await page.locator(byId('status')).filter({ hasText: /^Over / }).waitFor();
      await assertClean(page, dialogs, `council ${p} chosen`);
    }
    await close();
  });
});
