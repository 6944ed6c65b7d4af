// Measures what moves while the pages load on a phone: each load's
// cumulative layout shift (every `layout-shift` entry counted, those
// Chromium marks as after recent input too, though the standard CLS
// leaves those out), what shifted (the nodes and their boxes before and after),
// and when the first £ figure was on the screen, inside the first
// 390×844 screen or not.
//
//   node scripts/layout-shift.mjs                       # 5 loads each of index.html and embed.html
//   LOADS=10 node scripts/layout-shift.mjs 'embed.html?view=compact'
//   FAST=1 node scripts/layout-shift.mjs                # no network or CPU slowdown
//   node scripts/layout-shift.mjs 'frame:embed.html?view=compact&id=calc-1'
//                                  # in an article's iframe (the documented snippet)
//
// The pages are served by scripts/serve.mjs (compressed, with its CSP) on
// a free port, and loaded in headless Chromium (CHROMIUM, else
// /usr/bin/chromium) at 390×844 with touch, over "slow 4G" (400 ms round
// trip, 1.6 Mbit/s down, 750 kbit/s up) with the CPU 4 times slower, each
// in a fresh context (nothing cached). Each load is watched for 8 s after
// its load event, long enough for the calculator to be fetched in the
// background. Prints one line a load and, for a load that shifted, what
// moved. Exits 1 if any load shifted.

import { once } from 'node:events';
import { createServer } from 'node:http';
import { loadavg, cpus } from 'node:os';
import { chromium } from 'playwright-core';
import { startServer } from './serve.mjs';

/** Slow 4G, as the issue measured it. */
export const SLOW_4G = {
  offline: false,
  latency: 400,
  downloadThroughput: (1.6 * 1024 * 1024) / 8,
  uploadThroughput: (750 * 1024) / 8,
};

/** Watches the page from before its first byte: layout shifts and the first £. */
function watch() {
  const shifts = [];
  window.__shifts = shifts;
  window.__firstPound = null;
  const describe = (node) => {
    if (!node) return '(removed)';
    if (node.nodeType !== 1) return node.nodeName;
    const el = node;
    const where = el.getRootNode() instanceof ShadowRoot ? 'shadow ' : '';
    return `${where}${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${
      typeof el.className === 'string' && el.className ? `.${el.className.trim().split(/\s+/).join('.')}` : ''
    }`;
  };
  const box = (r) => `${Math.round(r.x)},${Math.round(r.y)} ${Math.round(r.width)}×${Math.round(r.height)}`;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      shifts.push({
        value: e.value,
        at: Math.round(e.startTime),
        hadRecentInput: e.hadRecentInput,
        sources: (e.sources ?? []).map((s) => `${describe(s.node)} ${box(s.previousRect)} → ${box(s.currentRect)}`),
      });
    }
  }).observe({ type: 'layout-shift', buffered: true });
  // The first frame in which a £ figure of the calculator's sentence is
  // shown (styled, visible) and where it is.
  const look = () => {
    const status = document.querySelector('outcome-calculator')?.shadowRoot?.getElementById('status');
    if (
      status &&
      /£/.test(status.textContent) &&
      status.checkVisibility({ visibilityProperty: true }) &&
      getComputedStyle(status).visibility === 'visible'
    ) {
      const r = status.getBoundingClientRect();
      window.__firstPound = { at: Math.round(performance.now()), top: Math.round(r.top + scrollY) };
      return;
    }
    requestAnimationFrame(look);
  };
  requestAnimationFrame(look);
}

/**
 * Loads `url` once as a phone (390×844, touch) over `network` (CDP
 * network conditions; null for none) with the CPU `cpuRate` times slower,
 * and watches it for `settleMs` after its load event; `framed`: in an
 * iframe of an article on another origin, as the documented snippet puts
 * it, counting the article's shifts and the frame's. Returns { cls (the
 * sum of every layout shift), shifts, firstPound: { at, top } or null }.
 */
export async function measure(
  browser,
  url,
  { network = SLOW_4G, cpuRate = 4, settleMs = 8000, colorScheme = 'light', framed = false } = {},
) {
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 3,
    isMobile: true,
    hasTouch: true,
    colorScheme,
  });
  await context.addInitScript(watch);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  if (network) {
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await cdp.send('Network.emulateNetworkConditions', network);
  }
  if (cpuRate > 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpuRate });
  // An article on another origin (a server of its own on another port)
  // with the documented snippet.
  let articleServer;
  let article;
  if (framed) {
    const { origin, pathname, search } = new URL(url);
    const id = new URLSearchParams(search).get('id') ?? '';
    const body = `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>Article</title><link rel="icon" href="data:,"></head>
<body style="margin:0;padding:0 16px;font:18px/1.5 Georgia,serif"><h1>A news article</h1>
<p>${'The article before the calculator. '.repeat(6)}</p>
<iframe id="${id}" src="${origin}${pathname}${search.replaceAll('&', '&amp;')}" title="Children's services outcome calculator"
  loading="lazy" width="100%" height="840" style="width: 100%; border: 0"></iframe>
<script src="${origin}/embed-parent.js" defer></script>
<p>${'The article after the calculator. '.repeat(40)}</p></body></html>`;
    articleServer = createServer((req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      res.end(body);
    }).listen(0, '127.0.0.1');
    await once(articleServer, 'listening');
    article = `http://127.0.0.1:${articleServer.address().port}/article.html`;
  }
  await page.goto(framed ? article : url, { waitUntil: 'load', timeout: 120_000 });
  await page.waitForTimeout(settleMs);
  const read = () => ({
    shifts: window.__shifts,
    firstPound: window.__firstPound,
    origin: performance.timeOrigin,
  });
  const out = await page.evaluate(read);
  if (framed) {
    // The frame's shifts are the reader's too; its first £ on the page's clock.
    const inner = await page.frame({ url: /embed\.html/ })?.evaluate(read);
    if (inner) {
      out.shifts.push(...inner.shifts.map((s) => ({ ...s, sources: s.sources.map((x) => `(in the frame) ${x}`) })));
      if (inner.firstPound) {
        const top = await page.evaluate(() => document.querySelector('iframe').getBoundingClientRect().top + scrollY);
        out.firstPound = {
          at: Math.round(inner.firstPound.at + inner.origin - out.origin),
          top: Math.round(inner.firstPound.top + top),
        };
      }
    }
  }
  await context.close();
  articleServer?.closeAllConnections();
  articleServer?.close();
  const cls = out.shifts.reduce((sum, s) => sum + s.value, 0);
  return { cls, shifts: out.shifts, firstPound: out.firstPound };
}


async function main() {
  const pages = process.argv.slice(2);
  if (!pages.length) pages.push('index.html', 'embed.html');
  const loads = Number(process.env.LOADS ?? 5);
  const fast = Boolean(process.env.FAST);
  const server = startServer({ port: 0, root: new URL('../www/', import.meta.url).pathname });
  await once(server, 'listening');
  const origin = `http://127.0.0.1:${server.address().port}/`;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox'],
    headless: true,
  });
  const load = () => loadavg().map((l) => l.toFixed(2)).join(', ');
  console.log(
    `${fast ? 'no throttling' : 'slow 4G, CPU 4× slower'}; 390×844 with touch; ${cpus().length} cores, load average ${load()}`,
  );
  let moved = false;
  try {
    for (const path of pages) {
      for (let i = 1; i <= loads; i++) {
        const framed = path.startsWith('frame:');
        const r = await measure(browser, origin + path.replace(/^frame:/, ''), {
          framed,
          ...(fast ? { network: null, cpuRate: 1 } : {}),
        });
        const pound = r.firstPound
          ? `first £ ${(r.firstPound.at / 1000).toFixed(2)} s at y=${r.firstPound.top}${r.firstPound.top < 844 ? ' (first screen)' : ''}`
          : 'no £ shown';
        console.log(`${path}  load ${i}: CLS ${r.cls.toFixed(4)}  ${pound}`);
        for (const s of r.shifts) {
          moved = true;
          console.log(`    ${s.value.toFixed(4)} at ${s.at} ms${s.hadRecentInput ? ' (after input)' : ''}`);
          for (const src of s.sources) console.log(`      ${src}`);
        }
      }
    }
  } finally {
    await browser.close();
    server.closeAllConnections?.();
    server.close();
  }
  console.log(`load average after: ${load()}`);
  process.exitCode = moved ? 1 : 0;
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
