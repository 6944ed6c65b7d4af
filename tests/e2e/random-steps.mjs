// The seeded random interaction shared by the end-to-end test
// (random-interactions.test.mjs, 5 seeds in `npm test`) and the long run
// (scripts/random-interactions.mjs, 50 seeds, memory figures).

/**
 * Runs `count` random steps in the page from generator state `seed`:
 * typing good, out-of-range and garbage values, ticking, choosing,
 * opening and closing sections (the council context panel among them),
 * pinning, restoring, "Start again" and its undo. Returns the new state
 * and the last value typed, to check it stays as typed.
 *
 * Runs in the page (passed to page.evaluate), so it is self-contained.
 */
export function steps({ seed, count }) {
  // mulberry32
  let a = seed >>> 0;
  const rand = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = (list) => list[Math.floor(rand() * list.length)];
  const VALUES = [
    '0', '1', '2', '3', '5', '10', '11', '424', '515', '2026', '2030', '1,234', '£5,000', '50%',
    '20000', '202600', '2000000', '-1', '9999999999', '1e308', 'abc', '', ' ', '12.5', '0.1',
  ];
  const SKIP = new Set(['csv', 'json', 'workings', 'print', 'chart']);
  const root = document.querySelector('outcome-calculator').shadowRoot;
  // The longest a single step held the page (its handlers run as it is
  // dispatched), in milliseconds.
  let slowest = 0;
  for (let i = 0; i < count; i++) {
    const began = performance.now();
    step();
    slowest = Math.max(slowest, performance.now() - began);
  }
  function step() {
    const r = rand();
    if (r < 0.5) {
      const inputs = [...root.querySelectorAll('form input[type=text]')].filter((x) => !x.readOnly && x.offsetParent !== null);
      if (!inputs.length) return;
      const input = pick(inputs);
      input.value = pick(VALUES);
      input.dispatchEvent(new Event('input', { bubbles: true }));
    } else if (r < 0.6) {
      const boxes = [...root.querySelectorAll('form input[type=checkbox], form input[type=radio]')].filter((x) => x.offsetParent !== null);
      if (!boxes.length) return;
      pick(boxes).click();
    } else if (r < 0.7) {
      const details = [...root.querySelectorAll('details')];
      if (!details.length) return;
      const d = pick(details);
      d.open = !d.open;
    } else if (r < 0.78) {
      const select = root.getElementById('council-pick');
      if (!select || !select.options.length) return;
      select.selectedIndex = Math.floor(rand() * Math.min(select.options.length, 40));
      select.dispatchEvent(new Event('change', { bubbles: true }));
    } else {
      const buttons = [...root.querySelectorAll('button')].filter(
        (b) => b.offsetParent !== null && !SKIP.has(b.dataset.action) && !b.dataset.copy && !b.disabled,
      );
      if (!buttons.length) return;
      pick(buttons).click();
    }
  }
  // What the results say, for NaN, Infinity or "undefined".
  const results = root.getElementById('results')?.textContent ?? '';
  const broken = results.match(/\bNaN\b|Infinity|undefined/)?.[0] ?? null;
  const inputs = [...root.querySelectorAll('form input[type=text]')].filter((x) => !x.readOnly && x.offsetParent !== null);
  let last = null;
  if (inputs.length) {
    const input = pick(inputs);
    input.value = pick(VALUES);
    input.dispatchEvent(new Event('input', { bubbles: true }));
    last = { id: input.id, value: input.value };
  }
  return { seed: a, last, slowest, broken };
}

/**
 * The browser's counters after a full garbage collection: live DOM nodes
 * and event listeners (whole page), the nodes the calculator's shadow
 * root holds, the JavaScript heap and the calculator's WebAssembly memory
 * (bytes).
 */
export async function counters(page, cdp) {
  await cdp.send('HeapProfiler.collectGarbage');
  const c = await cdp.send('Memory.getDOMCounters');
  const heap = await cdp.send('Runtime.getHeapUsage');
  const inPage = await page.evaluate(async () => {
    const el = document.querySelector('outcome-calculator');
    return { held: el.shadowRoot.querySelectorAll('*').length, wasm: await el.memoryBytes() };
  });
  return { nodes: c.nodes, listeners: c.jsEventListeners, held: inPage.held, jsHeap: heap.usedSize, wasm: inPage.wasm };
}

/** Counters as a line: "12,345 nodes, 60 listeners, widget 2,100, JS 9.1 MB, wasm 2.6 MB". */
export function describeCounters(c) {
  const n = (x) => x.toLocaleString('en-GB');
  const mb = (x) => `${(x / 1048576).toFixed(1)} MB`;
  return `${n(c.nodes)} nodes, ${n(c.listeners)} listeners, widget ${n(c.held)}, JS ${mb(c.jsHeap)}, wasm ${mb(c.wasm)}`;
}
