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
 * (www/first/CODE.html): the calculator's drawing of the scenario
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
      const html = await tab.evaluate(() => {
        const root = document.querySelector('outcome-calculator').shadowRoot;
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
      });
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
    written.push(await councilResults(browser, www, origin));
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

// Escapes text for an HTML attribute in double quotes.
const attr = (text) => text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/**
 * Writes each council's first result (www/first/CODE.html): the compact
 * iframe page opened at `embed.html?view=compact&council=CODE`, the
 * calculator's drawing once it has worked that scenario out, in a
 * <template> stamped with the two scenario parts an address can carry for
 * it: `council=CODE` (what was asked) and the scenario of the iframe code
 * the calculator itself writes for it (`data-scenario`, which "Copy embed
 * code" gives a campaign group that chose the council). A council whose
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
  let files = 0;
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
      return oc ? { scenario, html: oc.outerHTML } : null;
    });
    if (!found) continue;
    const out = `<template data-scenario="${attr(found.scenario)}" data-short="council=${code}">${clean(found.html, origin)}</template>\n`;
    writeFileSync(join(dir, `${code}.html`), out);
    files += 1;
    bytes += Buffer.byteLength(out);
  }
  await context.close();
  if (errors.length) throw new Error(`${FIRST_DIR}/: ${errors.join('; ')}`);
  return { page: `${FIRST_DIR}/ (${files} of ${codes.length} councils, ${Math.round(bytes / 1024)} KB in all)`, bytes: bytes / Math.max(files, 1) };
}
