// <outcome-calculator>: loads the WebAssembly calculator and mounts it in the
// element's shadow root. Embed with:
//   <script type="module" src="https://example.org/outcome-calculator.js"></script>
//   <outcome-calculator></outcome-calculator>

import init, { mount } from './pkg/outcome_calculator.js';

// The single-file page (dist/outcome-calculator.html) sets this to the
// modules' bytes (gzipped, then base64) and the widget's CSS, so that it
// runs from disk.
const inline = globalThis.OUTCOME_CALCULATOR_INLINE;

let ready;

// A module's own .wasm file; where the page's policy refuses to fetch it
// (a TypeError, not a module that fails to compile: most likely a
// Content-Security-Policy with no connect-src), the same bytes as a
// script, which script-src 'self' allows.
function instantiate(initModule, wasm, bytesAsScript) {
  return initModule({ module_or_path: wasm }).catch(async (err) => {
    if (!(err instanceof TypeError)) throw err;
    const { default: bytes } = await bytesAsScript();
    return initModule({ module_or_path: bytes });
  });
}

// The bytes of a module held inline by the single-file page: gzipped
// (half the size), then base64; the browser's own DecompressionStream
// unpacks them.
const inlineBytes = (base64) =>
  new Response(
    new Blob([Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))])
      .stream()
      .pipeThrough(new DecompressionStream('gzip')),
  ).arrayBuffer();

const WASM_URL = new URL('./pkg/outcome_calculator_bg.wasm', import.meta.url);

// The module fetched and compiled ahead of the reader's first use (see
// fetchAhead); null once that has failed, when start() fetches it itself.
let ahead;

// The browser's first number formatter loads its locale data, some tens
// of milliseconds; do that while the module downloads and compiles rather
// than after, when the calculator formats its first results.
function warmFormatter() {
  try {
    new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP' }).format(1);
  } catch {
    // Formatting is the calculator's business; it reports its own faults.
  }
}

// Fetches and compiles the calculator's module without starting it. The
// browser compiles as the bytes arrive (off the page's main thread) when
// the server says application/wasm, as wasm-bindgen's own loader does.
async function compileAhead() {
  const res = await fetch(WASM_URL);
  if (!res.ok) throw new Error(`${WASM_URL} answered ${res.status}`);
  return typeof WebAssembly.compileStreaming === 'function' &&
    res.headers.get('Content-Type') === 'application/wasm'
    ? WebAssembly.compileStreaming(res)
    : WebAssembly.compile(await res.arrayBuffer());
}

// Whether the reader has asked for less data (Chromium's Data Saver, the
// Save-Data setting) or is on a 2G connection: then nothing is fetched
// before it is used.
function savingData() {
  const c = navigator.connection;
  return Boolean(c && (c.saveData || /(^|-)2g$/.test(c.effectiveType ?? '')));
}

// Once the first result written into the page is on the screen and the
// page is idle, the module is fetched and compiled in the background, so
// that the reader's first tap finds it ready; never before the page has
// loaded and painted, never with data-saver on, and only once for every
// calculator on the page. A failure here costs nothing: start() fetches
// the module itself (and falls back to its script form) as before.
function fetchAhead() {
  const go = () => {
    if (ready || ahead !== undefined || savingData() || typeof WebAssembly !== 'object') return;
    ahead = compileAhead().catch(() => null);
    warmFormatter();
  };
  const idle = () =>
    typeof requestIdleCallback === 'function' ? requestIdleCallback(go, { timeout: 3000 }) : setTimeout(go, 200);
  // Where the browser reports its first contentful paint, once that is
  // reported (the task after a frame's requestAnimationFrame can run a few
  // milliseconds before the frame is on the screen); elsewhere the task
  // after the next frame (requestAnimationFrame does not run while the tab
  // is in the background).
  const fcp = () => performance.getEntriesByName('first-contentful-paint').length > 0;
  const painted = () => {
    if (typeof PerformanceObserver !== 'function' || !PerformanceObserver.supportedEntryTypes?.includes('paint')) {
      requestAnimationFrame(() => setTimeout(idle, 0));
    } else if (fcp()) {
      idle();
    } else {
      const seen = new PerformanceObserver(() => {
        if (!fcp()) return;
        seen.disconnect();
        idle();
      });
      seen.observe({ type: 'paint' });
    }
  };
  if (document.readyState === 'complete') painted();
  else window.addEventListener('load', painted, { once: true });
}

function start() {
  if (typeof WebAssembly !== 'object') {
    return Promise.reject(new Error('WebAssembly is not available'));
  }
  if (ready) return ready;
  ready = inline
    ? inlineBytes(inline.wasm).then((bytes) => init({ module_or_path: bytes }))
    : Promise.resolve(ahead).then((module) =>
        module
          ? init({ module_or_path: module })
          : instantiate(init, WASM_URL, () => import('./pkg/outcome_calculator_bg.wasm.js')),
      );
  warmFormatter();
  return ready;
}

// Every figure's working is drawn by a module of its own
// (pkg-workings/), fetched the first time a reader opens one, which also
// reads scenario files: the calculator itself does not carry their code.
// The single-file page holds it inline.
let workings;
function loadWorkings() {
  if (workings) return workings;
  if (inline?.workings) {
    workings = inlineBytes(inline.workings).then((bytes) => {
      const m = globalThis.OUTCOME_CALCULATOR_WORKINGS();
      m.initSync({ module: bytes });
      return m;
    });
    return workings;
  }
  workings = import('./pkg-workings/outcome_calculator.js').then(async (m) => {
    await instantiate(
      m.default,
      new URL('./pkg-workings/outcome_calculator_bg.wasm', import.meta.url),
      () => import('./pkg-workings/outcome_calculator_bg.wasm.js'),
    );
    return m;
  });
  // A failed download may be tried again.
  workings.catch(() => {
    workings = undefined;
  });
  return workings;
}

// Why the calculator could not start: 'no-wasm' (the browser has no
// WebAssembly), 'policy' (the page's Content-Security-Policy forbids
// compiling it: no 'wasm-unsafe-eval') or 'files' (its files could not
// be fetched, or arrived damaged).
function failureKind(err) {
  if (typeof WebAssembly !== 'object') return 'no-wasm';
  const text = String(err?.message ?? err);
  if (/Content Security Policy|wasm-unsafe-eval|wasm-eval|unsafe-eval/i.test(text)) return 'policy';
  return 'files';
}

// A notice box in the calculator's style (widget.css), text only.
function notice(id, title, parts) {
  const box = document.createElement('div');
  box.className = 'oc-notice oc-notice--alert';
  box.id = id;
  box.setAttribute('role', 'alert');
  const head = document.createElement('p');
  head.className = 'oc-notice-title';
  const strong = document.createElement('strong');
  strong.textContent = title;
  head.append(strong);
  const help = document.createElement('p');
  help.append(...parts);
  box.append(head, help);
  return box;
}

function link(href, words) {
  const a = document.createElement('a');
  a.href = href;
  a.textContent = words;
  return a;
}

// Seen even if the styles cannot be loaded (a page may keep the
// calculator hidden until they are).
function reveal(host) {
  host.style.visibility = 'visible';
  host.style.setProperty('--oc-show', 'visible');
  host.style.setProperty('--oc-wait-note', 'hidden');
}

// Shown when the calculator cannot start, with what to do for its cause.
// A result written into the page (www/pages/) stays, with what the reader
// typed into it, marked as not worked out; otherwise the box is all there
// is. `retry` (for files that failed) tries again in place. (A fault once
// running is handled inside the calculator, which offers to try again.)
function showFailure(root, host, kind, retry) {
  root.getElementById('start-failed')?.remove();
  const help =
    kind === 'no-wasm'
      ? [
          'This browser does not run WebAssembly, which the calculator needs. Open this page in a current version of Chrome, Edge, Firefox or Safari, or ask your IT team whether WebAssembly has been turned off. ',
          link(location.href, 'Reload the page'),
          ' after changing browser.',
        ]
      : kind === 'policy'
        ? [
            "This page's security policy (its Content-Security-Policy) does not allow WebAssembly, which the calculator needs. Whoever runs the site can allow it by adding 'wasm-unsafe-eval' to the policy's script-src. Meanwhile, ",
            link(host.getAttribute('data-base') ?? './', 'open the calculator on its own page'),
            '.',
          ]
        : ['Its files could not be loaded. Check your connection, then ', link(location.href, 'reload the page'), ' to try again.'];
  const box = notice('start-failed', 'The calculator could not start.', help);
  if (kind === 'files' && retry) {
    const again = document.createElement('button');
    again.type = 'button';
    again.className = 'oc-button oc-button--secondary';
    again.textContent = 'Try again';
    again.addEventListener('click', retry, { once: true });
    box.append(again);
  }
  // (A visit waiting for another scenario keeps the default's figures
  // hidden: they are not what it asked for.)
  const written = !document.documentElement.hasAttribute('data-calculator-wait') && root.querySelector('.oc');
  if (written) {
    // The figures already in the page are the default scenario's: say so
    // if the reader has typed others.
    const stale = root.getElementById('stale');
    if (stale && !stale.hidden) {
      stale.replaceChildren(
        Object.assign(document.createElement('strong'), { textContent: 'Not updated. ' }),
        'The figures below are for the default scenario, not for what you typed: the calculator could not start to work them out.',
      );
    }
    written.before(box);
  } else {
    const sheet = document.createElement('link');
    sheet.rel = 'stylesheet';
    sheet.href = `${host.getAttribute('data-base') ?? ''}widget.css`;
    root.replaceChildren(...(host.hasAttribute('data-inline-css') ? [] : [sheet]), box);
  }
  reveal(host);
  return box;
}

// The calculator's styles (widget.css) failed to load: it is shown plain,
// with a notice, rather than staying hidden (page.css keeps the written
// result hidden until its styles are in). Watches the shadow root's
// stylesheet; the host's `data-styles-failed` says it has failed.
function watchStyles(root, host, { added = false } = {}) {
  const put = () => {
    if (!root.getElementById('styles-failed')) {
      const box = notice('styles-failed', "The calculator's styles could not be loaded.", [
        'It is shown plain, and its figures are not affected. ',
        link(location.href, 'Reload the page'),
        ' to try again.',
      ]);
      const first = root.querySelector('.oc, #start-failed');
      if (first) first.before(box);
      else root.append(box);
    }
    reveal(host);
  };
  if (host.hasAttribute('data-styles-failed')) {
    put();
    return;
  }
  const sheet = root.querySelector('link[rel="stylesheet"]');
  if (!sheet || sheet.sheet) return;
  const failed = () => {
    if (sheet.sheet || !sheet.isConnected) return;
    host.setAttribute('data-styles-failed', '');
    put();
  };
  sheet.addEventListener('error', failed, { once: true });
  // A sheet the calculator has just added is loading: its events say how
  // it ends. One written into the page may have failed before this script
  // ran: once the page has loaded (which waits for its stylesheets), a
  // sheet that is still not in has failed.
  if (added) return;
  if (document.readyState === 'complete') failed();
  else window.addEventListener('load', failed, { once: true });
}

// What the reader has done to the first result written into the page
// (www/pages/, scripts/prerender.mjs) before the calculator took over:
// values typed or chosen, sections opened, where the focus is, the button
// pressed (by its id, or a figure's working button by its data-explain
// path). The calculator draws the same elements with the same ids, so
// this is put back on them once it has, and nothing typed is lost.
function takeState(root) {
  const fields = [];
  for (const el of root.querySelectorAll('input[id], select[id], textarea[id]')) {
    if (el.type === 'checkbox' || el.type === 'radio') {
      if (el.checked !== el.defaultChecked) fields.push([el.id, 'checked', el.checked]);
    } else if (el.tagName === 'SELECT') {
      const chosen = [...el.options].find((o) => o.selected);
      const initial = [...el.options].find((o) => o.defaultSelected) ?? el.options[0];
      if (chosen && chosen !== initial) fields.push([el.id, 'value', el.value]);
    } else if (el.value !== el.defaultValue) {
      fields.push([el.id, 'value', el.value]);
    }
  }
  const opened = [...root.querySelectorAll('details[id]')].map((d) => [d.id, d.open]);
  const active = root.activeElement;
  const focus = active?.id
    ? { id: active.id, start: active.selectionStart ?? null, end: active.selectionEnd ?? null }
    : null;
  return { fields, opened, focus };
}

function putState(root, state, pressed) {
  const byId = (id) => root.getElementById(id);
  for (const [id, open] of state.opened) {
    const d = byId(id);
    if (d && d.open !== open) d.open = open;
  }
  for (const [id, prop, value] of state.fields) {
    const el = byId(id);
    if (!el) continue;
    el[prop] = value;
    el.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    el.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
  }
  const f = state.focus && byId(state.focus.id);
  if (f) {
    f.focus({ preventScroll: true });
    if (state.focus.start !== null) {
      try {
        f.setSelectionRange(state.focus.start, state.focus.end);
      } catch {
        // Not a text field.
      }
    }
  }
  const b = pressed?.id
    ? byId(pressed.id)
    : pressed?.explain
      ? root.querySelector(`button[data-explain="${CSS.escape(pressed.explain)}"]`)
      : null;
  if (b && b.tagName === 'BUTTON') b.click();
}

// Whether the first result written into the page may stand until the
// reader uses the calculator: www/start.js marks the page when the
// scenario is not the default one (a link, a saved copy, embed options),
// and a frame starts at once because its host page sizes it by the
// calculator's messages.
function startsAtOnce() {
  return document.documentElement.hasAttribute('data-calculator-wait') || window.parent !== window;
}

const FIRST_USE = ['pointerdown', 'keydown', 'focusin', 'touchstart', 'input'];

// Resolves once the pointer that went down has been lifted (or the touch
// became a scroll) and the click it makes has run; after 5 s in any case.
function released() {
  return new Promise((done) => {
    const ends = ['pointerup', 'pointercancel'];
    const end = () => {
      clearTimeout(timer);
      for (const type of ends) window.removeEventListener(type, end, true);
      setTimeout(done, 0);
    };
    const timer = setTimeout(end, 5000);
    for (const type of ends) window.addEventListener(type, end, true);
  });
}

class OutcomeCalculator extends HTMLElement {
  #connected = false;
  #starting = null;
  #pressed = null;
  #released = null;

  // The council history, spending and neighbour figures (about 56 KB
  // gzipped) are not part of the first download: the calculator asks for
  // them when a reader opens "Your council in context". Resolves to the
  // bundle's text. The single-file page carries them inside itself
  // (gzipped, then base64) and reads them with no request.
  loadCouncilData() {
    if (inline?.councilData) {
      return inlineBytes(inline.councilData).then((bytes) => new TextDecoder().decode(bytes));
    }
    return import(new URL('./data/council-data.js', import.meta.url).href).then((m) => m.default);
  }

  connectedCallback() {
    // Moving the element in the page reconnects it; mount only once.
    if (this.#connected) return;
    this.#connected = true;
    // The calculator loads widget.css from the loader's own folder.
    if (!this.hasAttribute('data-base')) {
      this.setAttribute('data-base', new URL('./', import.meta.url).href);
    }
    const root = this.shadowRoot;
    if (root && !inline) watchStyles(root, this);
    // Presenter mode asked for by the page is shown on the written result
    // too (widget.css); its button says it is on.
    const presenter = this.getAttribute('presenter');
    if (root && presenter !== null && presenter !== 'false') {
      root.getElementById('presenter')?.setAttribute('aria-pressed', 'true');
    }
    if (!root || inline || startsAtOnce()) {
      this.start();
      return;
    }
    // What the reader types into the written result is worked out once the
    // calculator is live; until then its figures are marked as not theirs.
    const typed = (e) => {
      if (this.hasAttribute('data-live')) return;
      if (!e.composedPath()[0]?.matches?.('input, select, textarea')) return;
      const stale = root.getElementById('stale');
      if (stale) {
        stale.replaceChildren(
          Object.assign(document.createElement('strong'), { textContent: 'Not updated yet. ' }),
          'The figures below are for the scenario this page opened with; the calculator is starting to work out yours.',
        );
        stale.hidden = false;
      }
      root.removeEventListener('input', typed, true);
      root.removeEventListener('change', typed, true);
    };
    root.addEventListener('input', typed, true);
    root.addEventListener('change', typed, true);
    // The page holds the first result: the calculator itself starts when
    // the reader first touches, types or tabs into it. Its module is
    // fetched and compiled ahead of that once the page is idle (unless the
    // reader saves data), so that the first tap finds it ready.
    const first = (e) => {
      if (e.type === 'pointerdown') {
        // A button by its id, or a figure's working button (which has
        // none) by the figure's path.
        const b = e.composedPath()[0]?.closest?.('button');
        this.#pressed = b?.id ? { id: b.id } : b?.dataset.explain ? { explain: b.dataset.explain } : null;
        this.#released = released();
      }
      for (const type of FIRST_USE) root.removeEventListener(type, first, true);
      this.start();
    };
    for (const type of FIRST_USE) root.addEventListener(type, first, { capture: true, passive: true });
    fetchAhead();
  }

  /**
   * Draws the working of the figure at `path` of `scenario` into `panel`
   * (called by the calculator when a reader opens a figure's working).
   */
  openWorking(panel, scenario, path) {
    return loadWorkings()
      // A panel redrawn away while the module loaded (the reader typed or
      // restored a pin meanwhile) is not drawn into: nothing went wrong.
      .then((m) => (panel.isConnected ? m.draw_working(panel, scenario, path) : undefined))
      .catch((err) => {
        if (!panel.isConnected) return;
        console.error('outcome-calculator: could not draw the working', err);
        const p = document.createElement('p');
        p.className = 'oc-working-sentence';
        p.textContent = 'The working could not be loaded. Check your connection, then select the figure again.';
        panel.replaceChildren(p);
      });
  }

  /**
   * Reads a scenario file's text (called by the calculator when a reader
   * opens one): the strict reader is in the workings module. Resolves to
   * `{ parts }` (the scenario) or `{ message }` (why it cannot be used).
   */
  readScenario(text) {
    return loadWorkings().then((m) => m.read_scenario_file(text));
  }

  /**
   * Draws "Your council in context" into the panel's `body` for
   * `scenario` (with `shown`, the last scenario that passed validation, or
   * null), with the council figures: the panel's code is in the on-demand
   * module. Resolves to whether it was drawn; never rejects (the
   * calculator says what failed).
   */
  drawContext(body, scenario, shown) {
    return Promise.all([loadWorkings(), this.loadCouncilData().catch(() => undefined)])
      .then(([m, text]) => {
        // A panel redrawn away while the module loaded is not drawn into.
        if (body.isConnected) m.draw_context(body, scenario, shown, text);
        return true;
      })
      .catch((err) => {
        console.error('outcome-calculator: could not draw the council in context', err);
        return false;
      });
  }

  /**
   * `scenario` with the baseline whose word is `value` and its yearly
   * figures from the council's history ("Your council in context").
   * Resolves to `{ parts }` or `{ message }`, as `readScenario`.
   */
  contextBaseline(value, scenario) {
    return loadWorkings().then((m) => m.context_baseline(value, scenario));
  }

  /**
   * The half-way illustration of "Your council in context" made from
   * `scenario`, as a scenario: `{ parts }` or `{ message }`.
   */
  contextHalfWay(scenario) {
    return loadWorkings().then((m) => m.context_half_way(scenario));
  }

  /**
   * Draws the national roll-out of `scenario` over `councils`, those of
   * `year` (an array a council), in `region` into the panel's
   * `body`, or with `download` offers it as a CSV file: its code is in the
   * on-demand module. Resolves to whether it was done; never rejects.
   */
  drawNational(body, scenario, year, region, councils, download) {
    return loadWorkings()
      .then((m) => {
        if (body.isConnected) m.draw_national(body, scenario, year, region, councils, download);
        return true;
      })
      .catch((err) => {
        console.error('outcome-calculator: could not draw the roll-out', err);
        return false;
      });
  }

  /**
   * Reads the DfE files `names` (their bytes `buffers`) for the council
   * picker, showing how far it has got in `status`, and calls `done` with
   * the figures or `{ message }`: the reader is in the on-demand module.
   */
  readDfe(status, names, buffers, done) {
    return loadWorkings()
      .then((m) => m.read_dfe(status, names, buffers, done))
      .catch((err) => {
        console.error('outcome-calculator: could not read the files', err);
        done({ message: 'the files could not be read: check your connection, then choose them again' });
      });
  }

  /** The report as CSV text, for the export panel: made by the on-demand module. */
  reportCsv(scenario) {
    return loadWorkings().then((m) => m.report_csv(scenario));
  }

  /**
   * Downloads the chart `id` (its `svg` element) as `format` ('svg' or
   * 'png') for `scenario`: drawn by the on-demand module.
   */
  exportChart(svg, id, format, scenario) {
    return loadWorkings().then((m) => m.export_chart(svg, id, format, scenario));
  }

  /** The headline figures' workings as CSV text, for the export panel. */
  workingsCsv(scenario) {
    return loadWorkings().then((m) => m.workings_csv(scenario));
  }

  /** Draws the headline figures' workings for the printed handout. */
  printWorkings(section, scenario) {
    return loadWorkings().then((m) => m.draw_print(section, scenario));
  }

  /**
   * The calculator's WebAssembly memory in bytes (0 before it has started),
   * for checking that a long session stays bounded.
   */
  async memoryBytes() {
    if (!ready) return 0;
    const exports = await ready.catch(() => null);
    return exports?.memory?.buffer?.byteLength ?? 0;
  }

  /** Fetches and starts the calculator (once); resolves when it is drawn. */
  start() {
    this.#starting ??= this.#mount();
    return this.#starting;
  }

  async #mount() {
    const root = this.shadowRoot ?? this.attachShadow({ mode: 'open' });
    if (inline) {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(inline.css);
      root.adoptedStyleSheets = [sheet];
      this.setAttribute('data-inline-css', '');
    }
    try {
      await start();
    } catch (err) {
      console.error('outcome-calculator: could not start', err);
      // Files that failed may be fetched again; what was typed stays.
      ready = undefined;
      showFailure(root, this, failureKind(err), () => {
        root.getElementById('start-failed')?.remove();
        this.#starting = this.#mount();
      });
      return;
    }
    // A first tap is let finish on the written page (a section it opens
    // stays open; a button it pressed is pressed again below) before the
    // calculator draws over it: with the module fetched ahead, that can be
    // sooner than the finger is lifted.
    await this.#released;
    const state = takeState(root);
    try {
      mount(root, this);
    } catch (err) {
      console.error('outcome-calculator: could not start', err);
      // A fault inside the calculator has already put its message, with a
      // reset button, in place.
      if (!root.getElementById('fault')) showFailure(root, this, 'files');
      return;
    }
    this.setAttribute('data-live', '');
    watchStyles(root, this, { added: true });
    putState(root, state, this.#pressed);
  }
}

if (!customElements.get('outcome-calculator')) {
  customElements.define('outcome-calculator', OutcomeCalculator);
}
