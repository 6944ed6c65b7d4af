// <outcome-calculator>: loads the WebAssembly calculator and mounts it in the
// element's shadow root. Embed with:
//   <script type="module" src="https://example.org/outcome-calculator.js"></script>
//   <outcome-calculator></outcome-calculator>

import init, { initSync, mount } from './pkg/outcome_calculator.js';

// The single-file page (dist/outcome-calculator.html) sets this to the
// module's bytes (base64) and the widget's CSS, so that it runs from disk.
const inline = globalThis.OUTCOME_CALCULATOR_INLINE;

let ready;

// The module's own file; where the page's policy refuses to fetch it (a
// TypeError, not a module that fails to compile: most likely a
// Content-Security-Policy with no connect-src), the same bytes as a
// script, which script-src 'self' allows.
function load() {
  return init({ module_or_path: new URL('./pkg/outcome_calculator_bg.wasm', import.meta.url) }).catch(
    async (err) => {
      if (!(err instanceof TypeError)) throw err;
      const { default: bytes } = await import('./pkg/outcome_calculator_bg.wasm.js');
      return init({ module_or_path: bytes });
    },
  );
}

function start() {
  if (typeof WebAssembly !== 'object') {
    return Promise.reject(new Error('WebAssembly is not available'));
  }
  if (ready) return ready;
  ready = inline
    ? Promise.resolve().then(() =>
        initSync({ module: Uint8Array.from(atob(inline.wasm), (c) => c.charCodeAt(0)) }),
      )
    : load();
  // The browser's first number formatter loads its locale data, some tens
  // of milliseconds; do that while the module downloads and compiles
  // rather than after, when the calculator formats its first results.
  try {
    new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP' }).format(1);
  } catch {
    // Formatting is the calculator's business; it reports its own faults.
  }
  return ready;
}

// Shown when the calculator cannot start: no WebAssembly, or its files
// could not be fetched or compiled. Text only, styled by widget.css when
// that loads. (A fault once running is handled inside the calculator,
// which offers a reset.)
function showFailure(root, host, noWasm) {
  const sheet = document.createElement('link');
  sheet.rel = 'stylesheet';
  sheet.href = `${host.getAttribute('data-base') ?? ''}widget.css`;
  const box = document.createElement('div');
  box.className = 'oc-notice oc-notice--alert';
  box.id = 'start-failed';
  box.setAttribute('role', 'alert');
  const title = document.createElement('p');
  title.className = 'oc-notice-title';
  const strong = document.createElement('strong');
  strong.textContent = 'The calculator could not start.';
  title.append(strong);
  const help = document.createElement('p');
  help.textContent = noWasm
    ? 'This browser does not run WebAssembly, which the calculator needs. Open this page in a current version of Chrome, Edge, Firefox or Safari, or ask your IT team whether WebAssembly has been turned off. '
    : 'Its files could not be loaded. Check your connection, then ';
  const reload = document.createElement('a');
  reload.href = location.href;
  reload.textContent = noWasm ? 'Reload the page' : 'reload the page';
  help.append(reload, noWasm ? ' after changing browser.' : ' to try again.');
  box.append(title, help);
  root.replaceChildren(...(host.hasAttribute('data-inline-css') ? [] : [sheet]), box);
}

class OutcomeCalculator extends HTMLElement {
  #started = false;

  // The council history, spending and neighbour figures (about 56 KB
  // gzipped) are not part of the first download: the calculator asks for
  // them when a reader opens "Your council in context". Resolves to the
  // bundle's text; the single-file page has no such file and rejects.
  loadCouncilData() {
    return import(new URL('./data/council-data.js', import.meta.url).href).then((m) => m.default);
  }

  async connectedCallback() {
    const root = this.shadowRoot ?? this.attachShadow({ mode: 'open' });
    // Moving the element in the page reconnects it; mount only once.
    if (this.#started) return;
    this.#started = true;
    if (inline) {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(inline.css);
      root.adoptedStyleSheets = [sheet];
      this.setAttribute('data-inline-css', '');
    }
    // The calculator loads widget.css from the loader's own folder.
    if (!this.hasAttribute('data-base')) {
      this.setAttribute('data-base', new URL('./', import.meta.url).href);
    }
    try {
      await start();
    } catch (err) {
      console.error('outcome-calculator: could not start', err);
      showFailure(root, this, typeof WebAssembly !== 'object');
      return;
    }
    try {
      mount(root, this);
    } catch (err) {
      console.error('outcome-calculator: could not start', err);
      // A fault inside the calculator has already put its message, with a
      // reset button, in place.
      if (!root.getElementById('fault')) showFailure(root, this, false);
    }
  }
}

if (!customElements.get('outcome-calculator')) {
  customElements.define('outcome-calculator', OutcomeCalculator);
}
