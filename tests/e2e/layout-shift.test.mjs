// Nothing moves while the pages load on a phone: the written first result
// shows whole, in place, and the calculator's own drawing takes over
// without a shift (scripts/layout-shift.mjs measures the same on slow 4G
// with the CPU 4 times slower; the README has its figures). Here a lighter
// throttle (slow 4G's network, the CPU twice slower), one load of each
// page in light and in dark, and of the compact embed in an article's
// iframe: the result still arrives in parts, which is what used to move.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { measure, SLOW_4G } from '../../scripts/layout-shift.mjs';
import { useSiteAndBrowser } from './helpers.mjs';

describe('nothing moves while the page loads on a phone', () => {
  let site;
  let browser;
  useSiteAndBrowser((s, b) => {
    site = s;
    browser = b;
  });

  for (const colorScheme of ['light', 'dark']) {
    for (const path of ['index.html', 'embed.html', 'embed.html?view=compact&id=calc-1', 'frame:embed.html?view=compact&id=calc-1']) {
      test(`${path}, ${colorScheme}: no layout shift, and a £ figure in the first screen`, async () => {
        // frame: the documented snippet in an article on another origin,
        // the article's shifts and the frame's counted.
        const r = await measure(browser, site.url + path.replace(/^frame:/, ''), {
          network: SLOW_4G,
          cpuRate: 2,
          settleMs: 3000,
          colorScheme,
          framed: path.startsWith('frame:'),
        });
        assert.equal(r.cls, 0, JSON.stringify(r.shifts, null, 1));
        assert.ok(r.firstPound, 'no £ figure was shown');
        assert.ok(r.firstPound.top < 844, `the first £ is at y=${r.firstPound.top}`);
      });
    }
  }
});
