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

import { readFileSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';

import { startServer } from './serve.mjs';

/** Pages the build writes: source in www/pages/, output in www/. */
export const PAGES = ['index.html', 'embed.html'];

/** Marks the calculator element a page's first result is written into. */
const HOST = /<outcome-calculator\b([^>]*)>/;

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
  } finally {
    await browser.close();
    server.closeAllConnections?.();
    server.close();
  }
  return written;
}
