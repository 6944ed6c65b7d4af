// <outcome-calculator>: loads the WebAssembly calculator and mounts it in the
// element's shadow root. Embed with:
//   <script type="module" src="https://example.org/outcome-calculator.js"></script>
//   <outcome-calculator></outcome-calculator>

import init, { initSync, mount } from './pkg/outcome_calculator.js';

// The single-file page (dist/outcome-calculator.html) sets this to the
// module's bytes (base64) and the widget's CSS, so that it runs from disk.
const inline = globalThis.OUTCOME_CALCULATOR_INLINE;

let ready;

function start() {
  if (typeof WebAssembly !== 'object') {
    return Promise.reject(new Error('WebAssembly is not available'));
  }
  ready ??= inline
    ? Promise.resolve().then(() =>
        initSync({ module: Uint8Array.from(atob(inline.wasm), (c) => c.charCodeAt(0)) }),
      )
    : init({ module_or_path: new URL('./pkg/outcome_calculator_bg.wasm', import.meta.url) });
  return ready;
}

function showFailure(root) {
  const box = document.createElement('div');
  box.setAttribute('role', 'alert');
  const title = document.createElement('p');
  const strong = document.createElement('strong');
  strong.textContent = 'The calculator could not start in this browser.';
  title.append(strong);
  const help = document.createElement('p');
  help.textContent = 'It needs a current browser with WebAssembly turned on. ';
  const reload = document.createElement('a');
  reload.href = location.href;
  reload.textContent = 'Reload the page';
  help.append(reload, ' to try again.');
  box.append(title, help);
  root.replaceChildren(box);
}

class OutcomeCalculator extends HTMLElement {
  #started = false;

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
      mount(root, this);
    } catch (err) {
      console.error('outcome-calculator: could not start', err);
      showFailure(root);
    }
  }
}

if (!customElements.get('outcome-calculator')) {
  customElements.define('outcome-calculator', OutcomeCalculator);
}
