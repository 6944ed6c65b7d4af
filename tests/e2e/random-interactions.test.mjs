// Seeded random interaction: 5 seeds × 2,000 steps of typing (good,
// out-of-range and garbage values), ticking, choosing, opening and closing
// panels (the council context panel among them), pinning, restoring,
// "Start again" and its undo. After every 100 steps: no fault, no console
// error, no step held the page 2 s or more and the batch answered within
// seconds (a start year of 20000 with the context panel open used to hang
// the tab), the results read no NaN, Infinity or "undefined", and the text
// typed last in a field is still there. At the end of each seed the browser's own counters
// (after a garbage collection) show the event listeners where they were
// after 400 steps (each drawing's listeners are released when it is drawn
// again) and the live nodes in proportion to what the calculator holds,
// not to the steps taken (a leak gave 148,600 after 5,000 steps; a start
// year of 20000 with the context panel open, over a million).
//
// A failing seed is re-run alone with SEED=<n> (STEPS=<n> to shorten it);
// scripts/random-interactions.mjs runs 50 seeds and prints the memory
// figures.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { byId, openCalculator, useSiteAndBrowser } from './helpers.mjs';
import { counters, describeCounters, steps } from './random-steps.mjs';

let site;
let browser;

useSiteAndBrowser((s, b) => {
  site = s;
  browser = b;
});

const SEEDS = process.env.SEED ? [Number(process.env.SEED)] : [1, 2, 3, 4, 5];
const STEPS = Number(process.env.STEPS ?? 2000);
const BATCH = 100;

describe('seeded random interaction', () => {
  for (const seed of SEEDS) {
    test(`seed ${seed}: ${STEPS} steps, no fault, no hang, no growth`, { timeout: 900_000 }, async () => {
      const { page, close, consoleErrors } = await openCalculator(browser, `${site.url}?council=E10000015`);
      const cdp = await page.context().newCDPSession(page);
      let state = { seed, count: BATCH };
      let early = null;
      const started = Date.now();
      for (let done = 0; done < STEPS; done += BATCH) {
        const t0 = Date.now();
        const out = await Promise.race([
          page.evaluate(steps, { seed: state.seed, count: Math.min(BATCH, STEPS - done) }),
          new Promise((_, reject) => setTimeout(() => reject(new Error(`steps ${done}+ took over 20 s`)), 20_000)),
        ]);
        state = { seed: out.seed };
        // Let timers (the rest after typing, the saving) run.
        await page.waitForTimeout(50);
        const took = Date.now() - t0;
        assert.ok(took < 20_000, `seed ${seed}, steps ${done}+: ${took} ms`);
        assert.equal(await page.locator(byId('fault')).count(), 0, `seed ${seed}, steps ${done}+: a fault`);
        assert.deepEqual(consoleErrors, [], `seed ${seed}, steps ${done}+`);
        // Every step answered within 2 s; the results never read NaN,
        // Infinity or "undefined".
        assert.ok(out.slowest < 2000, `seed ${seed}, steps ${done}+: a step held the page ${Math.round(out.slowest)} ms`);
        assert.equal(out.broken, null, `seed ${seed}, steps ${done}+: the results read ${out.broken}`);
        // The value typed last is still in its field, as typed.
        if (out.last) {
          const now = await page.evaluate(
            (id) => document.querySelector('outcome-calculator').shadowRoot.getElementById(id)?.value,
            out.last.id,
          );
          assert.equal(now, out.last.value, `seed ${seed}, steps ${done}+: ${out.last.id} kept as typed`);
        }
        if (done + BATCH === 400) early = await counters(page, cdp);
      }
      await page.waitForTimeout(800);
      const end = await counters(page, cdp);
      const first = early ?? end;
      console.log(
        `seed ${seed}: ${STEPS} steps in ${((Date.now() - started) / 1000).toFixed(1)} s; ` +
          `after 400: ${describeCounters(first)}; end: ${describeCounters(end)}`,
      );
      // Listeners do not grow; the page's live nodes follow what the
      // calculator holds (its drawing, which grows and shrinks as panels
      // open and close, plus the page around it and a drawing in hand),
      // not the steps taken. Before radios were taken out of their group
      // on redraw, every redraw of the council context panel was kept:
      // 29,143 nodes after 2,000 steps of seed 1 with the calculator
      // holding 2,149, and 90,823 after 5,000 (now 5,075 and 12,984).
      assert.ok(end.listeners <= first.listeners + 40, JSON.stringify({ first, end }));
      // (The counter counts text nodes too, about one an element.)
      assert.ok(end.nodes < 3 * end.held + 8000, JSON.stringify({ first, end }));
      assert.equal(await page.locator(byId('fault')).count(), 0);
      assert.deepEqual(consoleErrors, []);
      await close();
    });
  }
});
