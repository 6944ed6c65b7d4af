// Writes the served pages (www/index.html, www/embed.html) from their
// sources in www/pages/, each with the calculator's first result already in
// it: the build opens the page in headless Chromium, lets the calculator
// (the same WebAssembly module the reader gets) compute the default
// scenario, and writes what it drew into the page as a declarative shadow
// root. A reader sees the figures at the first paint; the loader fetches
// the calculator only when the reader starts to use it (or at once where
// the scenario is not the default: a link, a saved copy, a frame), and it
// then draws the same thing in place.
//
// Without Chromium the pages are written without a first result, and the
// calculator loads at once as before.

import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';

import { startServer } from './serve.mjs';

/** Pages the build writes: source in www/pages/, output in www/. */
export const PAGES = ['index.html', 'embed.html'];

/** Marks the calculator element a page's first result is written into. */
const HOST = /<outcome-calculator\b([^>]*)>/;

/**
 * The folder of each council's first result, for the iframe page
 * (www/first/CODE.json): the calculator's drawing of the scenario
 * `embed.html?council=CODE` opens, stamped with the exact scenario parts of
 * an address it is for (start.js compares them, character for character).
 */
export const FIRST_DIR = 'first';

/** Written inside the declarative shadow root so the loader knows it. */
export const SNAPSHOT_ATTR = 'data-first-result';

function source(www, page) {
  return readFileSync(join(www, 'pages', page), 'utf8');
}

/** Writes every page as its source, with no first result. */
export function writePlainPages(www) {
  for (const page of PAGES) writeFileSync(join(www, page), source(www, page));
}

// The shadow root's markup as the calculator drew it, made fit to sit in
// the page: the stylesheet by its address relative to the page (the loader
// gives the calculator an absolute one), nothing that marks it as started.
function clean(html, base) {
  return html.split(base).join('');
}

/**
 * Renders each page's calculator in Chromium and writes the page with its
 * first result. `chromium` is playwright-core's; `executablePath` the
 * browser. Returns [{ page, bytes }] for the report.
 */
export async function prerender({ www, chromium, executablePath, args }) {
  writePlainPages(www);
  const server = startServer({ port: 0, root: www });
  await once(server, 'listening');
  const origin = `http://127.0.0.1:${server.address().port}/`;
  const browser = await chromium.launch({ executablePath, args, headless: true });
  const written = [];
  try {
    for (const page of PAGES) {
      const context = await browser.newContext({ viewport: { width: 1024, height: 768 } });
      const tab = await context.newPage();
      const errors = [];
      tab.on('pageerror', (e) => errors.push(e.message));
      tab.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
      await tab.goto(`${origin}${page}`, { waitUntil: 'load' });
      // The calculator starts when asked (a reader's first touch); here at once.
      await tab.evaluate(() => document.querySelector('outcome-calculator').start());
      await tab.locator('outcome-calculator [id="status"]').filter({ hasText: /^Over / }).waitFor();
      await tab
        .locator('outcome-calculator [id="oc-sure"][aria-busy="false"][data-npv-p50]')
        .waitFor({ timeout: 20_000 })
        .catch(() => {});
      const locks = await lockNotes(browser, `${origin}${page}`, lockKeys(www));
      const html = await tab.evaluate((locks) => {
        const root = document.querySelector('outcome-calculator').shadowRoot;
        // Each lockable field's note, hidden, where the calculator puts it,
        // with what locking changes on its controls: start.js shows those
        // the address locks (so `lock` keeps the written result).
        for (const { key, anchor, path, before, note, set } of locks.found) {
          let parent = anchor ? root.getElementById(anchor) : root;
          for (const i of path) parent = parent?.children[i];
          if (!parent) throw new Error(`lock=${key}: no place for its note`);
          const p = document.createElement('template');
          p.innerHTML = note;
          const el = p.content.firstElementChild;
          el.hidden = true;
          el.setAttribute('data-lock', key);
          el.setAttribute('data-lock-set', JSON.stringify(set));
          parent.insertBefore(el, parent.children[before] ?? null);
        }
        root.querySelector('.oc').setAttribute('data-lock-none', locks.none.join(' '));
        // Markup carries attributes, not the state the calculator set
        // through properties: write each field's state as its attribute,
        // so the page shows what the calculator showed.
        for (const el of root.querySelectorAll('input')) {
          if (el.type === 'checkbox' || el.type === 'radio') el.toggleAttribute('checked', el.checked);
          else if (el.type !== 'file') el.setAttribute('value', el.value);
        }
        for (const el of root.querySelectorAll('option')) el.toggleAttribute('selected', el.selected);
        for (const el of root.querySelectorAll('textarea')) el.textContent = el.value;
        return root.getHTML();
      }, locks);
      await context.close();
      if (errors.length) throw new Error(`${page}: ${errors.join('; ')}`);
      const text = source(www, page);
      if (!HOST.test(text)) throw new Error(`www/pages/${page} has no <outcome-calculator> element`);
      const snapshot = clean(html, origin);
      const out = text.replace(
        HOST,
        (tag) => `${tag}<template shadowrootmode="open" ${SNAPSHOT_ATTR}>${snapshot}</template>`,
      );
      writeFileSync(join(www, page), out);
      written.push({ page, bytes: Buffer.byteLength(out) });
    }
    const councils = await councilResults(browser, www, origin);
    written.push(councils.report);
    // The iframe page names the councils that have one, so it asks for no
    // file that is not there.
    const embed = readFileSync(join(www, 'embed.html'), 'utf8');
    const meta = '<meta name="oc-first-results" content="first/">';
    if (!embed.includes(meta)) throw new Error(`www/pages/embed.html has no ${meta}`);
    writeFileSync(
      join(www, 'embed.html'),
      embed.replace(meta, `<meta name="oc-first-results" content="first/" data-councils="${councils.codes.join(' ')}">`),
    );
  } catch (err) {
    rmSync(join(www, FIRST_DIR), { recursive: true, force: true });
    throw err;
  } finally {
    await browser.close();
    server.closeAllConnections?.();
    server.close();
  }
  return written;
}

/**
 * The link names a `lock` may give (docs/scenario-format.md's tables: the
 * top-level ones, and each programme's as `<id>.field`), and the two
 * that lock groups of controls.
 */
function lockKeys(www) {
  const doc = readFileSync(join(www, '..', 'docs', 'scenario-format.md'), 'utf8');
  const keys = new Set(['programmes', 'effect_level']);
  const fields = new Set();
  for (const m of doc.matchAll(/^\| `[^`]+` \| `([^`]+)` \|/gm)) {
    if (/^[a-z0-9_]+$/.test(m[1])) keys.add(m[1]);
    const own = /^<id>\.([a-z0-9_]+)$/.exec(m[1]);
    if (own) fields.add(own[1]);
  }
  return { keys: [...keys], fields: [...fields] };
}

/**
 * What `lock=KEY` does to the default drawing, for each key, found by
 * drawing the default scenario once a key with the calculator itself:
 * `found` (the note it adds: its markup, and where, by the nearest
 * ancestor with an id and the child indices from it; and the attributes
 * it sets on the controls, by id) and `none` (keys that change nothing).
 */
async function lockNotes(browser, url, { keys, fields }) {
  // In a tab of its own: the drawings taken away leave their timers to
  // fail there, harmlessly.
  const context = await browser.newContext({ viewport: { width: 1024, height: 768 } });
  const tab = await context.newPage();
  await tab.goto(url, { waitUntil: 'load' });
  const locks = await tab.evaluate(
    async ({ keys, fields }) => {
      const main = document.querySelector('outcome-calculator').shadowRoot;
      // A programme's own fields where the drawing has them.
      const all = [...keys];
      for (const input of main.querySelectorAll('input[id*="."], select[id*="."]')) {
        const [id, field] = input.id.split('.');
        if (fields.includes(field) && !all.includes(input.id) && /^[a-z-]+$/.test(id)) all.push(input.id);
      }
      const controls = 'input, select, textarea, button, fieldset';
      const watched = ['readonly', 'disabled', 'class', 'aria-describedby', 'data-describedby'];
      const draw = async (key) => {
        const probe = document.createElement('outcome-calculator');
        if (key) probe.setAttribute('lock', key);
        probe.style.position = 'absolute';
        probe.style.width = '1024px';
        document.body.append(probe);
        await probe.start();
        return probe;
      };
      // The same drawing with nothing locked, to compare with.
      const plain = await draw(null);
      const found = [];
      const none = [];
      for (const key of all) {
        const probe = await draw(key);
        const root = probe.shadowRoot;
        const notes = [...root.querySelectorAll('.oc-locked-note')];
        const set = [];
        for (const el of root.querySelectorAll(controls)) {
          const was = el.id && plain.shadowRoot.getElementById(el.id);
          if (!was || !main.getElementById(el.id)) continue;
          for (const name of watched) {
            const value = el.getAttribute(name);
            if (value !== was.getAttribute(name)) set.push([el.id, name, value]);
          }
        }
        if (!notes.length && !set.length) none.push(key);
        for (const note of notes) {
          let anchor = note.parentElement;
          const path = [];
          while (anchor && !anchor.id) {
            path.unshift([...anchor.parentNode.children].indexOf(anchor));
            anchor = anchor.parentElement;
          }
          const before = [...note.parentElement.children].indexOf(note);
          // No ancestor with an id: from the shadow root.
          found.push({ key, anchor: anchor?.id ?? '', path, before, note: note.outerHTML, set });
        }
        probe.remove();
      }
      plain.remove();
      return { found, none };
    },
    { keys, fields },
  );
  await context.close();
  return locks;
}

/**
 * Writes each council's first result (www/first/CODE.json): the compact
 * iframe page opened at `embed.html?view=compact&council=CODE`, the
 * calculator's drawing once it has worked that scenario out (as data:
 * elements, attributes and text), stamped with the two scenario parts an
 * address can carry for it: `council=CODE` (`short`: what was asked) and
 * the scenario of the iframe code the calculator itself writes for it
 * (`scenario`, which "Copy embed code" gives a campaign group that chose
 * the council). A council whose
 * scenario gives no result as it stands (a figure it must be asked for)
 * gets no file, and its frames wait for the calculator as before.
 */
async function councilResults(browser, www, origin) {
  const dir = join(www, FIRST_DIR);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir);
  const context = await browser.newContext({ viewport: { width: 1024, height: 768 } });
  // Each council as a new visitor sees it: nothing saved from the last.
  await context.addInitScript(() => localStorage.clear());
  const tab = await context.newPage();
  const errors = [];
  tab.on('pageerror', (e) => errors.push(e.message));
  await tab.goto(`${origin}embed.html`, { waitUntil: 'load' });
  const codes = await tab.evaluate(() =>
    [...document.querySelector('outcome-calculator').shadowRoot.querySelectorAll('#council-pick option')]
      .map((o) => o.value)
      .filter((v) => /^E\d{8}$/.test(v)),
  );
  const written = [];
  let bytes = 0;
  for (const code of codes) {
    await tab.goto(`${origin}embed.html?view=compact&council=${code}`, { waitUntil: 'load' });
    // Drawn, and its embed code written (once the input has settled); or
    // refused (a figure the council does not publish is needed), when the
    // default figures are drawn with a notice and no file is written.
    const drawn = await tab
      .waitForFunction(
        (code) => {
          const root = document.querySelector('outcome-calculator[data-live]')?.shadowRoot;
          if (!root) return false;
          if ([...root.querySelectorAll('.oc-notice--alert')].some((n) => n.checkVisibility())) return 'refused';
          const written = [...root.querySelectorAll('textarea')].some(
            (t) => t.value.includes('embed.html?view=compact&amp;') && t.value.includes(`&amp;council=${code}&amp;`),
          );
          return written && /\S/.test(root.getElementById('status')?.textContent ?? '') && 'drawn';
        },
        code,
        { timeout: 20_000 },
      )
      .then((h) => h.jsonValue());
    if (drawn !== 'drawn') continue;
    const found = await tab.evaluate(() => {
      const root = document.querySelector('outcome-calculator').shadowRoot;
      if (!/^Over /.test(root.getElementById('status').textContent)) return null;
      // The iframe code the calculator writes: its scenario sits between
      // the view and the frame's id, escaped for the attribute.
      if ([...root.querySelectorAll('.oc-notice--alert')].some((n) => n.checkVisibility())) return null;
      const code = [...root.querySelectorAll('textarea')]
        .map((t) => t.value)
        .find((text) => text.includes('embed.html?view=compact&amp;'));
      const m = code && /embed\.html\?view=compact&amp;(.*?)&amp;id=outcome-calculator-1"/.exec(code);
      if (!m) return null;
      const scenario = m[1].replace(/&lt;/g, '<').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
      for (const el of root.querySelectorAll('input')) {
        if (el.type === 'checkbox' || el.type === 'radio') el.toggleAttribute('checked', el.checked);
        else if (el.type !== 'file') el.setAttribute('value', el.value);
      }
      for (const el of root.querySelectorAll('option')) el.toggleAttribute('selected', el.selected);
      for (const el of root.querySelectorAll('textarea')) el.textContent = el.value;
      const oc = [...root.children].find((el) => el.classList.contains('oc'));
      // The drawing as plain data (no markup to parse in the page): a node
      // is its text, or [name, [[attribute, value], …], [children], 1 if SVG].
      const SVG = 'http://www.w3.org/2000/svg';
      const tree = (node) =>
        node.nodeType === Node.TEXT_NODE
          ? node.data
          : [
              node.localName,
              [...node.attributes].map((a) => [a.name, a.value]),
              [...node.childNodes].filter((c) => c.nodeType === Node.TEXT_NODE || c.nodeType === Node.ELEMENT_NODE).map(tree),
              ...(node.namespaceURI === SVG ? [1] : []),
            ];
      return oc ? { scenario, drawing: tree(oc) } : null;
    });
    if (!found) continue;
    const out = clean(
      JSON.stringify({ scenario: found.scenario, short: `council=${code}`, drawing: found.drawing }),
      origin,
    );
    writeFileSync(join(dir, `${code}.json`), out);
    written.push(code);
    bytes += Buffer.byteLength(out);
  }
  await context.close();
  if (errors.length) throw new Error(`${FIRST_DIR}/: ${errors.join('; ')}`);
  const files = written.length;
  return {
    codes: written,
    report: {
      page: `${FIRST_DIR}/ (${files} of ${codes.length} councils, ${Math.round(bytes / 1024)} KB in all; each`,
      bytes: bytes / Math.max(files, 1),
    },
  };
}
