#!/usr/bin/env node
// Writes docs/screenshot.png: the demo page with its default scenario, as
// served by scripts/serve.mjs, in headless Chromium. Run after a build.
//
//   node scripts/screenshot.mjs [out.png] [width]

import { once } from 'node:events';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { startServer } from './serve.mjs';
import { CHROMIUM_ARGS, ROOT, WWW, findChromium } from '../tests/e2e/helpers.mjs';

const out = process.argv[2] ?? join(ROOT, 'docs', 'screenshot.png');
const width = Number(process.argv[3] ?? 1100);
const server = startServer({ port: 0, root: WWW });
await once(server, 'listening');
const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
try {
  const page = await browser.newPage({ viewport: { width, height: 900 } });
  await page.goto(`http://127.0.0.1:${server.address().port}/`);
  await page.locator('outcome-calculator [role="status"]').first().waitFor();
  await page.waitForTimeout(300);
  await page.locator('outcome-calculator').screenshot({ path: out });
  console.log(`wrote ${out}`);
} finally {
  await browser.close();
  server.close();
}
