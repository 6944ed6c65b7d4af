#!/usr/bin/env node
// Writes docs/screenshot.png: the top of the calculator on the demo page
// with its default scenario (the form, the results and the first charts),
// as served by scripts/serve.mjs, in headless Chromium. Run after a build.
//
//   node scripts/screenshot.mjs [out.png] [width] [height]

import { once } from 'node:events';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { startServer } from './serve.mjs';
import { CHROMIUM_ARGS, ROOT, WWW, findChromium } from '../tests/e2e/helpers.mjs';

const out = process.argv[2] ?? join(ROOT, 'docs', 'screenshot.png');
const width = Number(process.argv[3] ?? 1280);
const height = Number(process.argv[4] ?? 1500);
const server = startServer({ port: 0, root: WWW });
await once(server, 'listening');
const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
try {
  const page = await browser.newPage({ viewport: { width, height: 900 } });
  await page.goto(`http://127.0.0.1:${server.address().port}/`);
  await page.locator('outcome-calculator [id="status"]').filter({ hasText: /^Over / }).waitFor();
  // The range of results fills in once the page has settled.
  await page.locator('outcome-calculator [id="oc-sure"][aria-busy="false"]').waitFor();
  const box = await page.locator('outcome-calculator').boundingBox();
  await page.screenshot({
    path: out,
    fullPage: true,
    clip: { x: box.x, y: box.y, width: box.width, height: Math.min(box.height, height) },
  });
  console.log(`wrote ${out}`);
} finally {
  await browser.close();
  server.close();
}
