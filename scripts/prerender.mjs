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

// How long the build waits for the calculator to draw a scenario, and for
// its range: well beyond the few seconds either takes on a busy 2-core
// machine, so that only a calculator that never draws fails the build.
const RANGE_WAIT_MS = 120_000;

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
  // The iframe page's locked fields' notes, for the scenarios' full drawings.
  let embedLocks = null;
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
      await waitRange(tab, page);
      const locks = await lockNotes(browser, `${origin}${page}`, lockKeys(www));
      if (page === 'embed.html') embedLocks = locks;
      await tab.evaluate(putLockNotes, locks);
      await tab.evaluate(settleFields);
      const html = await tab.evaluate(() => document.querySelector('outcome-calculator').shadowRoot.getHTML());
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
    const started = Date.now();
    const councils = await councilResults(browser, www, origin);
    written.push(councils.report);
    const drawn = await scenarioResults(browser, www, origin, embedLocks);
    written.push(drawn.report);
    written.push({ page: `${FIRST_DIR}/ drawn in ${Math.round((Date.now() - started) / 1000)} s; in all`, bytes: councils.bytes + drawn.bytes });
    // The iframe page names the councils that have one, so it asks for no
    // file that is not there.
    const embed = readFileSync(join(www, 'embed.html'), 'utf8');
    const meta = '<meta name="oc-first-results" content="first/">';
    if (!embed.includes(meta)) throw new Error(`www/pages/embed.html has no ${meta}`);
    writeFileSync(
      join(www, 'embed.html'),
      embed.replace(
        meta,
        `<meta name="oc-first-results" content="first/" data-councils="${councils.codes.join(' ')}" data-drawn="${drawn.names.join(' ')}">`,
      ),
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
 * In the page: puts each lockable field's note into the calculator's
 * drawing, hidden, where the calculator puts it, with what locking changes
 * on its controls (from `lockNotes`): start.js shows those the address
 * locks (so `lock` keeps the written result).
 */
function putLockNotes(locks) {
  const root = document.querySelector('outcome-calculator').shadowRoot;
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
}

/**
 * In the page: markup carries attributes, not the state the calculator set
 * through properties: writes each field's state as its attribute, so the
 * written drawing shows what the calculator showed.
 */
function settleFields() {
  const root = document.querySelector('outcome-calculator').shadowRoot;
  for (const el of root.querySelectorAll('input')) {
    if (el.type === 'checkbox' || el.type === 'radio') el.toggleAttribute('checked', el.checked);
    else if (el.type !== 'file') el.setAttribute('value', el.value);
  }
  for (const el of root.querySelectorAll('option')) el.toggleAttribute('selected', el.selected);
  for (const el of root.querySelectorAll('textarea')) el.textContent = el.value;
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
      // The page's own drawing, once the calculator has drawn it: on a page
      // written without a first result it starts by itself, and the
      // programmes' fields read below must be there, whatever the load.
      const host = document.querySelector('outcome-calculator');
      await host.start();
      const main = host.shadowRoot;
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
            const before = was.getAttribute(name);
            if (value === before) continue;
            // Words added to a list (a class, the ids describing it) as
            // the words alone, marked 1.
            if (before && value?.startsWith(`${before} `)) set.push([el.id, name, value.slice(before.length + 1), 1]);
            else set.push([el.id, name, value]);
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
 * The sections of the drawing the compact view (`view=compact` with no
 * `sections`) does not show (widget.css): a compact drawing keeps each as
 * an empty element, so the rest lays out exactly as the calculator's.
 */
const NOT_COMPACT = ['.oc-form', '.oc-figures-sure', '.oc-figures-more', '.oc-national', '.oc-context', '.oc-explain', '.oc-tools'];

/**
 * The short name of a scenario's drawing (www/first/NAME.json): `c` for the
 * compact view or `f` for the full one, then the 32-bit FNV-1a hash of the
 * scenario parts of the address, as written, in 8 hex digits. start.js
 * works out the same name from the address it is given (string hashing,
 * no figures) and still compares the drawing's stamp character for
 * character, so two scenarios with one hash are never confused.
 */
export function drawingName(scenario, compact) {
  let h = 0x811c9dc5;
  for (let i = 0; i < scenario.length; i++) h = Math.imul(h ^ scenario.charCodeAt(i), 16777619);
  return (compact ? 'c' : 'f') + (h >>> 0).toString(16).padStart(8, '0');
}

/**
 * The scenarios the build draws for the iframe page: `funding_years=N` for
 * every allowed N (docs/scenario-format.md: 1 to 20), and the scenario of
 * each iframe address the documentation shows (www/pages/*.html, the
 * README) and of each setting its examples show as an attribute
 * (`care_starts="424"`), read as start.js reads an address: every part but the options
 * that change only how it is shown (view, sections, theme, hide,
 * presenter, lock) and the frame's own (id, parent_origin). A council's
 * own `council=CODE` is left to `councilResults` (compact, by its code).
 */
export function documentedScenarios(www) {
  const display = new Set(['id', 'parent_origin', 'view', 'sections', 'theme', 'hide', 'presenter', 'lock']);
  const out = new Set();
  for (let n = 1; n <= 20; n++) out.add(`funding_years=${n}`);
  const texts = PAGES.map((page) => source(www, page));
  texts.push(readFileSync(join(www, '..', 'README.md'), 'utf8'));
  for (const text of texts) {
    for (const m of text.matchAll(/embed\.html\?([^"'\s<>`)]+)/g)) {
      const query = m[1].replace(/&amp;(amp;)?/g, '&');
      const parts = query.split('&').filter((pair) => pair && !display.has(pair.split('=')[0]));
      // Placeholders (CODE, …) are not scenarios.
      const scenario = parts.join('&');
      if (
        parts.length &&
        parts.every((pair) => /^[a-z0-9_.]+=[A-Za-z0-9_.,-]+$/.test(pair) && !/[A-Z]{3}/.test(pair)) &&
        !/^council=E\d{8}$/.test(scenario)
      )
        out.add(scenario);
    }
    // The settings' examples, written as an element's attributes
    // (`<code>care_starts="424"</code>`), are the same names in an address.
    for (const m of text.matchAll(/<code>([a-z_.]+)="([A-Za-z0-9_.,-]+)"<\/code>/g)) {
      if (!display.has(m[1]) && m[1] !== 'council') out.add(`${m[1]}=${m[2]}`);
    }
  }
  return [...out];
}

/**
 * Waits, in the page, for the calculator to have drawn the address's
 * scenario: 'drawn' (with, where `code` is given, the iframe code it writes
 * for that council) or 'refused' (a figure the scenario must be given: the
 * default figures are drawn with a notice).
 */
async function waitDrawn(tab, { code = null, sure = false } = {}) {
  const state = await tab
    .waitForFunction(
      (code) => {
        const root = document.querySelector('outcome-calculator[data-live]')?.shadowRoot;
        if (!root) return false;
        if ([...root.querySelectorAll('.oc-notice--alert')].some((n) => n.checkVisibility())) return 'refused';
        if (
          code &&
          ![...root.querySelectorAll('textarea')].some(
            (t) => t.value.includes('embed.html?view=compact&amp;') && t.value.includes(`&amp;council=${code}&amp;`),
          )
        )
          return false;
        return /^Over /.test(root.getElementById('status')?.textContent ?? '') && 'drawn';
      },
      code,
      { timeout: RANGE_WAIT_MS },
    )
    .then((h) => h.jsonValue());
  // The range, where the view shows it (as the page's own first result).
  if (state === 'drawn' && sure) await waitRange(tab, tab.url());
  return state === 'drawn';
}

/**
 * Waits for "How sure are we?" to have drawn its range, so that a written
 * page is the same whatever the machine's load: the simulation runs once
 * the input has rested, in slices, and takes a few seconds on a busy
 * machine. A range not drawn within `RANGE_WAIT_MS` fails the build
 * rather than writing a page without it.
 */
async function waitRange(tab, what) {
  await tab
    .locator('outcome-calculator [id="oc-sure"][aria-busy="false"][data-npv-p50]')
    .waitFor({ timeout: RANGE_WAIT_MS })
    .catch(() => {
      throw new Error(`${what}: "How sure are we?" drew no range within ${RANGE_WAIT_MS / 1000} s`);
    });
}

/**
 * In the page: the calculator's drawing as plain data (no markup to parse
 * where it is shown): a node is its text, or [name, [[attribute, value], …],
 * [children], 1 if SVG]. A compact drawing keeps the sections the compact
 * view hides as empty elements (`NOT_COMPACT`).
 */
function drawingTree({ compact, hidden }) {
  const root = document.querySelector('outcome-calculator').shadowRoot;
  const oc = [...root.children].find((el) => el.classList.contains('oc'));
  if (!oc) return null;
  if (compact) {
    for (const el of oc.querySelectorAll(hidden.join(', '))) {
      // Only what this view does not show.
      if (getComputedStyle(el).display === 'none') el.replaceChildren();
    }
  }
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
  return tree(oc);
}

/** A fresh tab, each address opened as a new visitor sees it (nothing saved). */
async function visitorTab(browser) {
  const context = await browser.newContext({ viewport: { width: 1024, height: 768 } });
  await context.addInitScript(() => localStorage.clear());
  const tab = await context.newPage();
  const errors = [];
  tab.on('pageerror', (e) => errors.push(e.message));
  return { context, tab, errors };
}

/**
 * Writes each council's first result (www/first/CODE.json): the compact
 * iframe page opened at `embed.html?view=compact&council=CODE`, the
 * calculator's compact drawing once it has worked that scenario out,
 * stamped with the two scenario parts an address can carry for it:
 * `council=CODE` (`short`: what was asked) and the scenario of the iframe
 * code the calculator itself writes for it (`scenario`, which "Copy embed
 * code" gives a campaign group that chose the council). Compact only: the
 * code the calculator writes is compact, and a council's address without
 * `view=compact` waits for the calculator. A council whose scenario gives
 * no result as it stands (a figure it must be asked for) gets no file, and
 * its frames wait for the calculator as before.
 */
async function councilResults(browser, www, origin) {
  const dir = join(www, FIRST_DIR);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir);
  const { context, tab, errors } = await visitorTab(browser);
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
    if (!(await waitDrawn(tab, { code }))) continue;
    // The iframe code the calculator writes: its scenario sits between
    // the view and the frame's id, escaped for the attribute.
    const scenario = await tab.evaluate(() => {
      const root = document.querySelector('outcome-calculator').shadowRoot;
      const code = [...root.querySelectorAll('textarea')]
        .map((t) => t.value)
        .find((text) => text.includes('embed.html?view=compact&amp;'));
      const m = code && /embed\.html\?view=compact&amp;(.*?)&amp;id=outcome-calculator-1"/.exec(code);
      return m && m[1].replace(/&lt;/g, '<').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
    });
    if (!scenario) continue;
    await tab.evaluate(settleFields);
    const drawing = await tab.evaluate(drawingTree, { compact: true, hidden: NOT_COMPACT });
    if (!drawing) continue;
    const out = clean(JSON.stringify({ scenario, short: `council=${code}`, drawing }), origin);
    writeFileSync(join(dir, `${code}.json`), out);
    written.push(code);
    bytes += Buffer.byteLength(out);
  }
  await context.close();
  if (errors.length) throw new Error(`${FIRST_DIR}/: ${errors.join('; ')}`);
  const files = written.length;
  return {
    codes: written,
    bytes,
    report: {
      page: `${FIRST_DIR}/ (${files} of ${codes.length} councils, compact, ${Math.round(bytes / 1024)} KB in all; each`,
      bytes: bytes / Math.max(files, 1),
    },
  };
}

/**
 * Writes the first result of each documented scenario (`documentedScenarios`)
 * for the iframe page, in both views: www/first/NAME.json (`drawingName`),
 * the calculator's drawing of `embed.html?view=compact&SCENARIO` (compact:
 * the sections that view hides left empty) and of `embed.html?SCENARIO`
 * (full: with the locked fields' notes, hidden, as in the page's own),
 * stamped with the scenario. Returns the names written, for the page.
 */
async function scenarioResults(browser, www, origin, locks) {
  const dir = join(www, FIRST_DIR);
  const { context, tab, errors } = await visitorTab(browser);
  const names = [];
  let compactBytes = 0;
  let fullBytes = 0;
  const scenarios = documentedScenarios(www);
  for (const scenario of scenarios) {
    for (const compact of [true, false]) {
      await tab.goto(`${origin}embed.html?${compact ? 'view=compact&' : ''}${scenario}`, { waitUntil: 'load' });
      // A documented example the calculator refuses is a mistake in the
      // documentation (an example that needs the reader's own figure says
      // so: `<code data-needs="…">`, which is not read as an example).
      if (!(await waitDrawn(tab, { sure: !compact })))
        throw new Error(`the documented example ${scenario} is refused by the calculator: mend the example`);
      if (!compact && locks) await tab.evaluate(putLockNotes, locks);
      await tab.evaluate(settleFields);
      const drawing = await tab.evaluate(drawingTree, { compact, hidden: NOT_COMPACT });
      if (!drawing) continue;
      const name = drawingName(scenario, compact);
      const out = clean(JSON.stringify({ scenario, drawing }), origin);
      writeFileSync(join(dir, `${name}.json`), out);
      names.push(name);
      if (compact) compactBytes += Buffer.byteLength(out);
      else fullBytes += Buffer.byteLength(out);
    }
  }
  await context.close();
  if (errors.length) throw new Error(`${FIRST_DIR}/: ${errors.join('; ')}`);
  const kb = (n) => `${Math.round(n / 1024)} KB`;
  return {
    names,
    bytes: compactBytes + fullBytes,
    report: {
      page: `${FIRST_DIR}/ (${scenarios.length} documented scenarios, ${names.length} drawings: compact ${kb(compactBytes)}, full ${kb(fullBytes)}; each`,
      bytes: (compactBytes + fullBytes) / Math.max(names.length, 1),
    },
  };
}
