#!/usr/bin/env node
// Lighthouse on the demo page and the embed, mobile and desktop: figures to
// read, not a test.
//
//   npm install --no-save lighthouse     # once; it is not a dependency
//   node scripts/lighthouse.mjs          # prints a table and one line of JSON
//
// Serves www/ compressed (scripts/serve.mjs) on a free port and runs
// Lighthouse's performance, accessibility and best-practices categories
// with Chromium ($CHROME_PATH, else /usr/bin/chromium) in headless mode.
// Mobile is Lighthouse's default (a mid-range phone, simulated slow 4G and
// a CPU 4 times slower); desktop is its desktop preset. No network is
// needed. The machine may be shared: the load average is printed with the
// figures.

import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { startServer } from './serve.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const LIGHTHOUSE = join(ROOT, 'node_modules', '.bin', 'lighthouse');
const CHROME = process.env.CHROME_PATH ?? '/usr/bin/chromium';
const PAGES = ['index.html', 'embed.html'];
const FORMS = ['mobile', 'desktop'];

/** The figures of one Lighthouse report (scores 0-100, times in ms). */
function figures(report) {
  const score = (c) => Math.round((report.categories[c]?.score ?? 0) * 100);
  const audit = (a) => report.audits[a]?.numericValue ?? NaN;
  return {
    performance: score('performance'),
    accessibility: score('accessibility'),
    best_practices: score('best-practices'),
    lcp_ms: Math.round(audit('largest-contentful-paint')),
    tbt_ms: Math.round(audit('total-blocking-time')),
    cls: Number(audit('cumulative-layout-shift').toFixed(3)),
  };
}

/** Runs Lighthouse once on `url`; resolves to its figures. (Not spawnSync:
 * the server answering Lighthouse runs in this process.) */
async function lighthouse(url, form, out) {
  const file = join(out, `${form}-${url.split('/').pop()}.json`);
  const args = [
    url,
    '--quiet',
    '--output=json',
    `--output-path=${file}`,
    '--only-categories=performance,accessibility,best-practices',
    '--chrome-flags=--headless=new --no-sandbox',
    ...(form === 'desktop' ? ['--preset=desktop'] : []),
  ];
  const child = spawn(LIGHTHOUSE, args, {
    env: { ...process.env, CHROME_PATH: CHROME },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const [status] = await once(child, 'exit');
  if (status !== 0 || !existsSync(file)) {
    throw new Error(`lighthouse exited with status ${status} on ${url} (${form})`);
  }
  return figures(JSON.parse(readFileSync(file, 'utf8')));
}

if (!existsSync(LIGHTHOUSE)) {
  console.error('Lighthouse is not installed: npm install --no-save lighthouse');
  process.exit(1);
}
const server = startServer({ port: 0 });
await once(server, 'listening');
const base = `http://127.0.0.1:${server.address().port}/`;
const out = mkdtempSync(join(tmpdir(), 'oc-lighthouse-'));
const rows = [];
try {
  for (const page of PAGES) {
    for (const form of FORMS) rows.push({ page, form, ...(await lighthouse(base + page, form, out)) });
  }
} finally {
  server.closeAllConnections?.();
  server.close();
}
console.log(`load average ${loadavg().map((x) => x.toFixed(2)).join(', ')}; reports in ${out}`);
console.log('page        form     perf  a11y  best  LCP ms  TBT ms  CLS');
for (const r of rows) {
  console.log(
    `${r.page.padEnd(11)} ${r.form.padEnd(8)} ${String(r.performance).padStart(4)}  ` +
      `${String(r.accessibility).padStart(4)}  ${String(r.best_practices).padStart(4)}  ` +
      `${String(r.lcp_ms).padStart(6)}  ${String(r.tbt_ms).padStart(6)}  ${r.cls}`,
  );
}
console.log(JSON.stringify(rows));
