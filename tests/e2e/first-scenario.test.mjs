// A campaign group's copied embed shows its council's figures at the first
// paint, the documented scenario options keep their written first result,
// and `lock` with the form shown keeps the written result:
//
//   - the iframe code "Copy embed code" writes after choosing a council
//     (and the short `council=CODE`) shows that council's figures before
//     the calculator has arrived (the build's www/first/CODE.json,
//     compared with the address character for character), in an article's
//     600 px column and on a 390×844 phone, light and dark; once the
//     calculator is live it shows the same figures in the same place;
//   - a scenario one figure away from it waits for the calculator, saying
//     so, with nothing moving, and never shows the council's figures;
//   - `lock` where the form is shown keeps the written result, with each
//     locked field's note and read-only input as the calculator draws them;
//   - `funding_years=3`, the documented iframe snippet's option, shows its
//     own figures before the calculator starts, compact in an article's
//     600 px column and full on a 390×844 phone, and the same figures in
//     the same place once the calculator is live; the compact drawings
//     (the snippet's, a council's) carry no form;
//   - the example in embed.html's comment (full view, `lock`, `hide`,
//     `theme` and `funding_years=3`) keeps its result with its lock note;
//   - a scenario the build did not draw waits, says so, and asks for no
//     drawing.

import assert from 'node:assert/strict';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { byId, launchBrowser, openPage, startSite, WWW } from './helpers.mjs';
import { documentedScenarios, drawingName } from '../../scripts/prerender.mjs';

let site;
let browser;
let article;
let HOST;
const pages = new Map();

before(async () => {
  site = await startSite();
  browser = await launchBrowser();
  article = createServer((req, res) => {
    const body = pages.get(new URL(req.url, 'http://x').pathname);
    res.writeHead(body ? 200 : 404, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(body ?? 'not found');
  }).listen(0, '127.0.0.1');
  await once(article, 'listening');
  HOST = `http://127.0.0.1:${article.address().port}/`;
});

after(async () => {
  await browser?.close();
  await site?.close();
  article?.closeAllConnections();
  article?.close();
});

const STATUS = byId('status');
const COUNCIL = 'E06000009';
const FIRST = JSON.parse(readFileSync(join(WWW, 'first', `${COUNCIL}.json`), 'utf8'));

/** Holds the calculator's module back until `release()`. */
async function holdModule(page) {
  let release = () => {};
  const arrived = new Promise((resolve) => {
    release = resolve;
  });
  await page.route(/\.wasm$/, async (route) => {
    await arrived;
    await route.continue().catch(() => {});
  });
  return release;
}

/** Every layout shift in this document, from its start. */
function watchShifts() {
  window.__shifts = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__shifts.push(e.value);
  }).observe({ type: 'layout-shift', buffered: true });
}

/** An article with the iframe code, in a column `column` px wide (or the whole width). */
function articleWith(src, column) {
  return `<!doctype html><html lang="en"><head><title>Article</title><link rel="icon" href="data:,">
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body style="margin:0"><main style="max-width:${column ? `${column}px` : 'none'};margin:0 auto">
<h1>Article</h1><p>Before the calculator.</p>
<iframe id="calc-1" src="${src}" title="Children's services outcome calculator"
  loading="lazy" width="100%" height="840" style="width: 100%; border: 0"></iframe>
<p id="after">The article goes on.</p></main>
</body></html>`;
}

for (const colorScheme of ['light', 'dark']) {
  describe(`a council's copied embed: ${colorScheme}`, () => {
    test('the iframe code copied after choosing a council shows its figures before the calculator arrives, in a 600 px column', async () => {
      // The code as the calculator writes it, for the council chosen.
      const maker = await openPage(browser, `${site.url}index.html`, { colorScheme });
      await maker.page.locator('outcome-calculator').evaluate((el) => el.start());
      await maker.page.locator('outcome-calculator[data-live]').waitFor({ state: 'attached' });
      await maker.page.locator(byId('council-pick')).selectOption(COUNCIL);
      const code = await maker.page.waitForFunction((c) => {
        const root = document.querySelector('outcome-calculator').shadowRoot;
        return [...root.querySelectorAll('textarea')].map((t) => t.value).find((v) => v.startsWith('<iframe') && v.includes(`council=${c}&amp;`));
      }, COUNCIL);
      const iframe = await code.jsonValue();
      await maker.close();
      const src = /src="([^"]+)"/.exec(iframe)[1].replace(/&amp;/g, '&');
      assert.equal(new URL(src).search, `?view=compact&${FIRST.scenario}&id=outcome-calculator-1`);

      const { page, close, consoleErrors } = await openPage(browser, null, { viewport: { width: 1024, height: 900 }, colorScheme });
      const release = await holdModule(page);
      pages.set('/copied.html', articleWith(src.replace(/&/g, '&amp;'), 600));
      await page.goto(`${HOST}copied.html`);
      const frame = page.frameLocator('#calc-1');
      await frame.locator(STATUS).filter({ hasText: /£/ }).waitFor();
      const inner = page.frame({ url: /embed\.html/ });
      const written = {
        status: await frame.locator(STATUS).textContent(),
        box: await frame.locator(STATUS).boundingBox(),
      };
      // The compact drawing: no form (the view does not show it).
      assert.equal(await frame.locator(byId('council-pick')).count(), 0);
      assert.equal(await inner.evaluate(() => document.documentElement.hasAttribute('data-calculator-wait')), false);
      assert.equal(await frame.locator('outcome-calculator').getAttribute('data-live'), null, 'shown before the calculator');
      assert.equal(await frame.locator(STATUS).isVisible(), true);
      // Inside the first phone-sized screen of the column.
      assert.ok(written.box.y + written.box.height < 900, JSON.stringify(written.box));

      // The calculator, once live, shows the same figures in the same place.
      release();
      await frame.locator('outcome-calculator[data-live]').waitFor({ state: 'attached' });
      assert.equal(await frame.locator(STATUS).textContent(), written.status);
      assert.deepEqual(await frame.locator(STATUS).boundingBox(), written.box);
      assert.equal(await frame.locator(byId('council-pick')).inputValue(), COUNCIL);
      assert.deepEqual(consoleErrors, []);
      await close();
    });

    test('the short council=CODE shows the same figures on a 390×844 phone, with no shift', async () => {
      const { page, close, consoleErrors } = await openPage(browser, null, { viewport: { width: 390, height: 844 }, colorScheme });
      await page.addInitScript(watchShifts);
      const release = await holdModule(page);
      await page.goto(`${site.url}embed.html?view=compact&council=${COUNCIL}&theme=${colorScheme}&id=x`);
      await page.locator(STATUS).filter({ hasText: /£/ }).waitFor({ state: 'visible' });
      const status = await page.locator(STATUS).textContent();
      assert.equal(await page.locator(byId('council-pick')).count(), 0, 'a compact drawing, without the form');
      assert.equal(await page.locator('outcome-calculator').getAttribute('data-live'), null);
      const box = await page.locator(STATUS).boundingBox();
      assert.ok(box.y < 844);
      release();
      // Not in a frame, the written result waits for the reader's first
      // touch (or starts at once when the page was still waiting for the
      // council's file as the loader ran).
      await page.locator('outcome-calculator').evaluate((el) => el.start());
      await page.locator('outcome-calculator[data-live]').waitFor({ state: 'attached' });
      assert.equal(await page.locator(STATUS).textContent(), status);
      assert.deepEqual(await page.locator(STATUS).boundingBox(), box);
      assert.equal(await page.locator(byId('council-pick')).inputValue(), COUNCIL);
      await page.waitForTimeout(300);
      assert.deepEqual(await page.evaluate(() => window.__shifts), []);
      assert.deepEqual(consoleErrors, []);
      await close();
    });

    test('one figure away from the council’s scenario waits, says so, never shows the council’s figures, and nothing moves', async () => {
      const { page, close, consoleErrors } = await openPage(browser, null, { viewport: { width: 390, height: 844 }, colorScheme });
      await page.addInitScript(watchShifts);
      const release = await holdModule(page);
      const other = FIRST.scenario.replace(/&care_starts=(\d+)/, (_, n) => `&care_starts=${Number(n) + 1}`);
      assert.notEqual(other, FIRST.scenario);
      await page.goto(`${site.url}embed.html?view=compact&${other}&id=x`);
      // The council's file is asked for, and refused by the comparison.
      await page.waitForLoadState('load');
      await page.waitForTimeout(500);
      assert.equal(await page.evaluate(() => document.documentElement.hasAttribute('data-calculator-wait')), true);
      assert.equal(await page.locator(STATUS).isVisible(), false, 'no figures before the calculator');
      const note = await page.locator('outcome-calculator').evaluate((el) => {
        const before = getComputedStyle(el, '::before');
        return { content: before.content, visibility: before.visibility };
      });
      assert.match(note.content, /Working out the figures for this scenario/);
      assert.equal(note.visibility, 'visible');
      release();
      await page.locator('outcome-calculator[data-live]').waitFor({ state: 'attached' });
      await page.locator(STATUS).filter({ hasText: /£/ }).waitFor({ state: 'visible' });
      assert.equal(await page.locator(byId('council.care_starts')).inputValue(), String(Number(/&care_starts=(\d+)/.exec(FIRST.scenario)[1]) + 1));
      assert.deepEqual(await page.evaluate(() => window.__shifts), []);
      assert.deepEqual(consoleErrors, []);
      await close();
    });

    test('lock with the form shown keeps the written result, with the notes and read-only fields the calculator draws', async () => {
      const { page, close, consoleErrors } = await openPage(browser, null, { viewport: { width: 390, height: 844 }, colorScheme });
      await page.addInitScript(watchShifts);
      const release = await holdModule(page);
      await page.goto(`${site.url}embed.html?sections=results,form,link&lock=care_starts,programmes,funding_years&theme=${colorScheme}&id=x`);
      await page.locator(STATUS).filter({ hasText: /£/ }).waitFor({ state: 'visible' });
      assert.equal(await page.evaluate(() => document.documentElement.hasAttribute('data-calculator-wait')), false);
      assert.equal(await page.locator('outcome-calculator').getAttribute('data-live'), null);
      const look = () =>
        page.locator('outcome-calculator').evaluate((el) => {
          const root = el.shadowRoot;
          const out = {};
          for (const id of ['council.care_starts', 'assumptions.funding_years']) {
            const input = root.getElementById(id);
            const note = root.getElementById(`${id}-locked`);
            out[id] = {
              readOnly: input.readOnly,
              className: input.className,
              describedBy: input.getAttribute('aria-describedby'),
              note: note?.textContent,
              noteShown: note?.checkVisibility() ?? false,
              top: Math.round(input.getBoundingClientRect().top + scrollY),
            };
          }
          const boxes = [...root.querySelectorAll('#programmes input[type=checkbox]')];
          out.programmes = {
            disabled: boxes.every((b) => b.disabled),
            note: root.getElementById('programmes-locked')?.textContent,
          };
          out.otherNotes = [...root.querySelectorAll('.oc-locked-note')].filter((n) => n.checkVisibility()).length;
          return out;
        });
      const written = await look();
      assert.equal(written['council.care_starts'].readOnly, true);
      assert.equal(written['council.care_starts'].noteShown, true);
      assert.match(written['council.care_starts'].note, /cannot be changed/);
      assert.equal(written.programmes.disabled, true);
      assert.equal(written.otherNotes, 3);
      release();
      await page.locator('outcome-calculator').evaluate((el) => el.start());
      await page.locator('outcome-calculator[data-live]').waitFor({ state: 'attached' });
      assert.deepEqual(await look(), written, 'the calculator draws the locked fields as they were written');
      await page.waitForTimeout(300);
      assert.deepEqual(await page.evaluate(() => window.__shifts), []);
      assert.deepEqual(consoleErrors, []);
      await close();
    });
  });
}

/** The text of the element with id `id` in a drawing written by the build. */
function textOf(node, id) {
  if (typeof node === 'string') return null;
  const [, attrs, children] = node;
  const all = (n) => (typeof n === 'string' ? n : n[2].map(all).join(''));
  if (attrs.some(([k, v]) => k === 'id' && v === id)) return all(node);
  for (const c of children) {
    const found = textOf(c, id);
    if (found !== null) return found;
  }
  return null;
}

/** The default scenario's status, as the build wrote it into embed.html. */
const DEFAULT_STATUS = /id="status"[^>]*>([^<]*)</.exec(readFileSync(join(WWW, 'embed.html'), 'utf8'))[1];
const FUNDING = 'funding_years=3';
const DRAWN = {
  compact: JSON.parse(readFileSync(join(WWW, 'first', `${drawingName(FUNDING, true)}.json`), 'utf8')),
  full: JSON.parse(readFileSync(join(WWW, 'first', `${drawingName(FUNDING, false)}.json`), 'utf8')),
};

/** The drawings asked for while a page loads. */
function watchDrawings(page) {
  const asked = [];
  page.on('request', (r) => /\/first\//.test(r.url()) && asked.push(new URL(r.url()).pathname));
  return asked;
}

test('every funding_years from 1 to 20 is drawn in both views, each stamped with its scenario, and the compact ones carry no form', () => {
  const meta = /<meta name="oc-first-results"[^>]*data-drawn="([^"]*)"/.exec(readFileSync(join(WWW, 'embed.html'), 'utf8'));
  assert.ok(meta, 'embed.html lists its drawings');
  const listed = meta[1].split(' ');
  for (let n = 1; n <= 20; n++) {
    for (const compact of [true, false]) {
      const name = drawingName(`funding_years=${n}`, compact);
      assert.ok(listed.includes(name), `${name} listed`);
      const first = JSON.parse(readFileSync(join(WWW, 'first', `${name}.json`), 'utf8'));
      assert.equal(first.scenario, `funding_years=${n}`);
      assert.match(textOf(first.drawing, 'status'), /^Over .*£/);
      assert.equal(textOf(first.drawing, 'assumptions.funding_years') !== null, !compact, `${name}: form only in the full view`);
    }
  }
  // The names differ by view and by scenario.
  assert.equal(new Set(listed).size, listed.length);
  assert.notEqual(textOf(DRAWN.compact.drawing, 'status'), DEFAULT_STATUS);
  assert.equal(textOf(DRAWN.compact.drawing, 'status'), textOf(DRAWN.full.drawing, 'status'));
});

test('every scenario the documentation shows is drawn in both views (the build fails on one the calculator refuses)', () => {
  const listed = /<meta name="oc-first-results"[^>]*data-drawn="([^"]*)"/
    .exec(readFileSync(join(WWW, 'embed.html'), 'utf8'))[1]
    .split(' ');
  const documented = documentedScenarios(WWW);
  // The 20 funding_years, the README's and the pages' addresses, and the
  // settings' examples.
  assert.ok(documented.length > 20, `${documented.length} documented scenarios`);
  assert.ok(documented.includes('care_starts=424'));
  assert.ok(!documented.some((s) => s.includes('pause')), "the Pause example, which needs the reader's cost, is not read as one");
  for (const scenario of documented) {
    for (const compact of [true, false]) {
      assert.ok(listed.includes(drawingName(scenario, compact)), `${scenario} (${compact ? 'compact' : 'full'}) drawn`);
    }
  }
});

test("the settings' example care_starts=424 is drawn in both views and shows its own figures before the calculator starts; the Pause example, which needs the reader's cost, is not drawn", async () => {
  const index = readFileSync(join(WWW, 'pages', 'index.html'), 'utf8');
  const listed = /<meta name="oc-first-results"[^>]*data-drawn="([^"]*)"/
    .exec(readFileSync(join(WWW, 'embed.html'), 'utf8'))[1]
    .split(' ');
  // Pause publishes no cost: its example needs the reader's figure, so
  // the calculator names it rather than drawing a result; the example says
  // so in its markup, and the build draws every other example or fails.
  assert.ok(index.includes('<code data-needs="pause.annual_cost">programmes="family-safeguarding,pause"</code> with your'));
  for (const compact of [true, false]) {
    assert.ok(!listed.includes(drawingName('programmes=family-safeguarding,pause', compact)));
  }
  for (const scenario of ['care_starts=424']) {
    const [name, value] = scenario.split('=');
    assert.ok(index.includes(`<code>${name}="${value}"</code>`), `${scenario} is a settings example`);
    const statuses = [];
    for (const compact of [true, false]) {
      const file = drawingName(scenario, compact);
      assert.ok(listed.includes(file), `${scenario}: ${file} listed`);
      const first = JSON.parse(readFileSync(join(WWW, 'first', `${file}.json`), 'utf8'));
      assert.equal(first.scenario, scenario);
      statuses.push(textOf(first.drawing, 'status'));
    }
    assert.equal(statuses[0], statuses[1], `${scenario}: the same sentence in both views`);
    assert.notEqual(statuses[0], DEFAULT_STATUS, `${scenario}: not the default's figures`);
  }
  const { page, close, consoleErrors } = await openPage(browser, null, { viewport: { width: 390, height: 844 } });
  const release = await holdModule(page);
  await page.goto(`${site.url}embed.html?view=compact&care_starts=424&id=x`);
  await page.locator(STATUS).filter({ hasText: /£/ }).waitFor({ state: 'visible' });
  const written = await page.locator(STATUS).textContent();
  assert.equal(written, textOf(JSON.parse(readFileSync(join(WWW, 'first', `${drawingName('care_starts=424', true)}.json`), 'utf8')).drawing, 'status'));
  assert.equal(await page.locator('outcome-calculator').getAttribute('data-live'), null, 'shown before the calculator');
  release();
  await page.locator('outcome-calculator[data-live]').waitFor({ state: 'attached' });
  assert.equal(await page.locator(STATUS).textContent(), written);
  assert.deepEqual(consoleErrors, []);
  await close();
});

for (const colorScheme of ['light', 'dark']) {
  describe(`the documented funding_years=3: ${colorScheme}`, () => {
    test('the documented compact iframe snippet shows its figures before the calculator starts, in a 600 px column, and the same once live', async () => {
      const { page, close, consoleErrors } = await openPage(browser, null, { viewport: { width: 1024, height: 900 }, colorScheme });
      const release = await holdModule(page);
      // www/pages/index.html's snippet, on this site.
      const snippet = /src="https:\/\/your-site\.example\/(embed\.html\?[^"]+)"/.exec(
        readFileSync(join(WWW, 'pages', 'index.html'), 'utf8').replace(/&amp;amp;/g, '&amp;'),
      )[1];
      assert.equal(snippet, 'embed.html?view=compact&amp;funding_years=3&amp;id=outcome-calculator-1');
      pages.set(`/years-${colorScheme}.html`, articleWith(`${site.url}${snippet}&amp;theme=${colorScheme}`, 600));
      await page.goto(`${HOST}years-${colorScheme}.html`);
      const frame = page.frameLocator('#calc-1');
      await frame.locator(STATUS).filter({ hasText: /£/ }).waitFor({ state: 'visible' });
      const inner = page.frame({ url: /embed\.html/ });
      const written = {
        status: await frame.locator(STATUS).textContent(),
        box: await frame.locator(STATUS).boundingBox(),
      };
      assert.equal(written.status, textOf(DRAWN.compact.drawing, 'status'));
      assert.notEqual(written.status, DEFAULT_STATUS);
      assert.equal(await inner.evaluate(() => document.documentElement.hasAttribute('data-calculator-wait')), false);
      assert.equal(await frame.locator('outcome-calculator').getAttribute('data-live'), null, 'shown before the calculator');
      assert.equal(await frame.locator(byId('assumptions.funding_years')).count(), 0, 'the compact drawing has no form');
      assert.ok(written.box.y + written.box.height < 900, JSON.stringify(written.box));

      release();
      await frame.locator('outcome-calculator[data-live]').waitFor({ state: 'attached' });
      assert.equal(await frame.locator(STATUS).textContent(), written.status);
      assert.deepEqual(await frame.locator(STATUS).boundingBox(), written.box);
      assert.equal(await frame.locator(byId('assumptions.funding_years')).inputValue(), '3');
      assert.deepEqual(consoleErrors, []);
      await close();
    });

    test('funding_years=3 in the full view shows its figures and its form on a 390×844 phone before the calculator starts, with no shift', async () => {
      const { page, close, consoleErrors } = await openPage(browser, null, { viewport: { width: 390, height: 844 }, colorScheme });
      await page.addInitScript(watchShifts);
      const release = await holdModule(page);
      const asked = watchDrawings(page);
      await page.goto(`${site.url}embed.html?${FUNDING}&theme=${colorScheme}&id=x`);
      await page.locator(STATUS).filter({ hasText: /£/ }).waitFor({ state: 'visible' });
      assert.deepEqual(asked, [`/first/${drawingName(FUNDING, false)}.json`]);
      const status = await page.locator(STATUS).textContent();
      assert.equal(status, textOf(DRAWN.full.drawing, 'status'));
      assert.notEqual(status, DEFAULT_STATUS);
      assert.equal(await page.evaluate(() => document.documentElement.hasAttribute('data-calculator-wait')), false);
      assert.equal(await page.locator('outcome-calculator').getAttribute('data-live'), null);
      assert.equal(await page.locator(byId('assumptions.funding_years')).inputValue(), '3');
      const box = await page.locator(STATUS).boundingBox();
      assert.ok(box.y < 844, JSON.stringify(box));
      release();
      await page.locator('outcome-calculator').evaluate((el) => el.start());
      await page.locator('outcome-calculator[data-live]').waitFor({ state: 'attached' });
      assert.equal(await page.locator(STATUS).textContent(), status);
      assert.deepEqual(await page.locator(STATUS).boundingBox(), box);
      assert.equal(await page.locator(byId('assumptions.funding_years')).inputValue(), '3');
      await page.waitForTimeout(300);
      assert.deepEqual(await page.evaluate(() => window.__shifts), []);
      assert.deepEqual(consoleErrors, []);
      await close();
    });

    test("embed.html's own example keeps its written result, with its lock note shown", async () => {
      const comment = /embed\.html\?(id=my-calculator&[^\s]+)/.exec(readFileSync(join(WWW, 'pages', 'embed.html'), 'utf8'))[1];
      assert.match(comment, /lock=care_starts/);
      assert.match(comment, /funding_years=3/);
      const { page, close, consoleErrors } = await openPage(browser, null, { viewport: { width: 390, height: 844 }, colorScheme });
      await page.addInitScript(watchShifts);
      const release = await holdModule(page);
      await page.goto(`${site.url}embed.html?${comment.replace(/theme=dark/, `theme=${colorScheme}`)}`);
      await page.locator(STATUS).filter({ hasText: /£/ }).waitFor({ state: 'visible' });
      assert.equal(await page.evaluate(() => document.documentElement.hasAttribute('data-calculator-wait')), false);
      assert.equal(await page.locator('outcome-calculator').getAttribute('data-live'), null);
      const look = () =>
        page.locator('outcome-calculator').evaluate((el) => {
          const root = el.shadowRoot;
          const input = root.getElementById('council.care_starts');
          const note = root.getElementById('council.care_starts-locked');
          return {
            status: root.getElementById('status').textContent,
            years: root.getElementById('assumptions.funding_years').value,
            readOnly: input.readOnly,
            note: note?.textContent,
            noteShown: note?.checkVisibility() ?? false,
            notes: [...root.querySelectorAll('.oc-locked-note')].filter((n) => n.checkVisibility()).length,
            top: Math.round(input.getBoundingClientRect().top + scrollY),
          };
        });
      const written = await look();
      assert.equal(written.status, textOf(DRAWN.full.drawing, 'status'));
      assert.equal(written.years, '3');
      assert.equal(written.readOnly, true);
      assert.equal(written.noteShown, true);
      assert.match(written.note, /cannot be changed/);
      assert.equal(written.notes, 1);
      release();
      await page.locator('outcome-calculator').evaluate((el) => el.start());
      await page.locator('outcome-calculator[data-live]').waitFor({ state: 'attached' });
      assert.deepEqual(await look(), written, 'the calculator draws what was written');
      await page.waitForTimeout(300);
      assert.deepEqual(await page.evaluate(() => window.__shifts), []);
      assert.deepEqual(consoleErrors, []);
      await close();
    });

    test('a scenario the build did not draw waits, says so, and asks for no drawing', async () => {
      const { page, close, consoleErrors } = await openPage(browser, null, { viewport: { width: 390, height: 844 }, colorScheme });
      await page.addInitScript(watchShifts);
      const release = await holdModule(page);
      const asked = watchDrawings(page);
      // funding_years=3 written another way: the same figures, another string.
      await page.goto(`${site.url}embed.html?view=compact&funding_years=03&theme=${colorScheme}&id=x`);
      await page.waitForLoadState('load');
      await page.waitForTimeout(500);
      assert.deepEqual(asked, []);
      assert.equal(await page.evaluate(() => document.documentElement.hasAttribute('data-calculator-wait')), true);
      assert.equal(await page.locator(STATUS).isVisible(), false, 'no figures before the calculator');
      const note = await page.locator('outcome-calculator').evaluate((el) => getComputedStyle(el, '::before').content);
      assert.match(note, /Working out the figures for this scenario/);
      release();
      await page.locator('outcome-calculator[data-live]').waitFor({ state: 'attached' });
      await page.locator(STATUS).filter({ hasText: /£/ }).waitFor({ state: 'visible' });
      assert.equal(await page.locator(STATUS).textContent(), textOf(DRAWN.compact.drawing, 'status'));
      assert.deepEqual(await page.evaluate(() => window.__shifts), []);
      assert.deepEqual(consoleErrors, []);
      await close();
    });
  });
}
