#!/usr/bin/env node
// The long seeded random-interaction run: many seeds of random typing,
// ticking, choosing and pressing in the calculator (the steps of
// tests/e2e/random-steps.mjs), each in a fresh page, checking after every
// 100 steps that the page answered, showed no fault and no console error,
// and printing the page's counters (live DOM nodes, event listeners, the
// calculator's nodes, JavaScript heap, WebAssembly memory) every 1,000
// steps. A failing seed prints the command that replays it.
//
//   node scripts/random-interactions.mjs                 # seeds 1–50, 2,000 steps each
//   SEEDS=7 STEPS=5000 node scripts/random-interactions.mjs
//   SEEDS=1-10 node scripts/random-interactions.mjs
//
// Needs the built page (npm run build) and Chromium.

import { startSite, launchBrowser, openCalculator, byId } from '../tests/e2e/helpers.mjs';
import { counters, describeCounters, steps } from '../tests/e2e/random-steps.mjs';

function seedList(text) {
  if (!text) return Array.from({ length: 50 }, (_, i) => i + 1);
  return text.split(',').flatMap((part) => {
    const [from, to] = part.split('-').map(Number);
    if (!Number.isInteger(from) || (to !== undefined && !Number.isInteger(to))) {
      throw new Error(`SEEDS: "${part}" is not a seed or a range like 1-50`);
    }
    return to === undefined ? [from] : Array.from({ length: to - from + 1 }, (_, i) => from + i);
  });
}

const SEEDS = seedList(process.env.SEEDS);
const STEPS = Number(process.env.STEPS ?? 2000);
const BATCH = 100;
const REPORT = 1000;
const ANSWER_MS = 20_000;

async function runSeed(browser, url, seed) {
  const { page, close, consoleErrors } = await openCalculator(browser, `${url}?council=E10000015`);
  try {
    const cdp = await page.context().newCDPSession(page);
    const start = await counters(page, cdp);
    console.log(`seed ${seed}: start: ${describeCounters(start)}`);
    let state = seed;
    const started = Date.now();
    for (let done = 0; done < STEPS; done += BATCH) {
      const out = await Promise.race([
        page.evaluate(steps, { seed: state, count: Math.min(BATCH, STEPS - done) }),
        new Promise((_, reject) =>
          setTimeout(() => reject(new Error(`steps ${done}+ took over ${ANSWER_MS / 1000} s`)), ANSWER_MS),
        ),
      ]);
      state = out.seed;
      await page.waitForTimeout(50);
      if (await page.locator(byId('fault')).count()) throw new Error(`steps ${done}+: the calculator showed a fault`);
      if (consoleErrors.length) throw new Error(`steps ${done}+: ${consoleErrors.join(' | ')}`);
      if (out.slowest >= 2000) throw new Error(`steps ${done}+: a step held the page ${Math.round(out.slowest)} ms`);
      if (out.broken) throw new Error(`steps ${done}+: the results read ${out.broken}`);
      if (out.last) {
        const now = await page.evaluate(
          (id) => document.querySelector('outcome-calculator').shadowRoot.getElementById(id)?.value,
          out.last.id,
        );
        if (now !== out.last.value) throw new Error(`steps ${done}+: ${out.last.id} is "${now}", typed "${out.last.value}"`);
      }
      if ((done + BATCH) % REPORT === 0) {
        await page.waitForTimeout(800);
        console.log(`seed ${seed}: after ${done + BATCH}: ${describeCounters(await counters(page, cdp))}`);
      }
    }
    return { seed, ok: true, seconds: (Date.now() - started) / 1000 };
  } finally {
    await close();
  }
}

const site = await startSite();
const browser = await launchBrowser();
const failed = [];
try {
  for (const seed of SEEDS) {
    try {
      const r = await runSeed(browser, site.url, seed);
      console.log(`seed ${seed}: ${STEPS} steps passed in ${r.seconds.toFixed(1)} s`);
    } catch (err) {
      failed.push(seed);
      console.log(`seed ${seed}: FAILED: ${err.message}`);
      console.log(`  replay: SEEDS=${seed} STEPS=${STEPS} node scripts/random-interactions.mjs`);
    }
  }
} finally {
  await browser.close();
  await site.close();
}
console.log(`${SEEDS.length - failed.length} of ${SEEDS.length} seeds passed${failed.length ? `; failed: ${failed.join(', ')}` : ''}`);
process.exit(failed.length ? 1 : 0);
