// Sizes outcome-calculator iframes to fit their content. Load it from the
// calculator's host, after the iframe:
//
//   <iframe id="calc-1" src="https://calculator.example/embed.html?view=compact&amp;id=calc-1"
//     title="Children's services outcome calculator" loading="lazy" width="100%" height="840"
//     style="width: 100%; border: 0"></iframe>
//   <script src="https://calculator.example/embed-parent.js" defer></script>
//
// (A copy on your own site works too: then say where the calculator is,
// <script src="/js/embed-parent.js" data-origin="https://calculator.example" defer>.)
//
// The frame posts {type: 'outcome-calculator:height', id, height}. A message
// resizes a frame only when all of these hold, and is ignored otherwise:
// - it names the id of an <iframe> in this page (data.id), and comes from
//   that iframe's own window (event.source is its contentWindow);
// - the iframe is a calculator this page placed: its src is embed.html on
//   the calculator's origin, with the same id in its address;
// - the message comes from that origin (event.origin).
// The height is kept between MIN and MAX, 8,000 px. The compact calculator
// (view=compact, the documented default) is 840 px from 390 px wide up
// (883 px at 320 px), so its frame is always its content's height. The whole calculator at laptop
// width is about 6,100 px, so it fits with a section open, and no frame can
// push the rest of the page more than about ten laptop screens (eleven
// phone screens) away; a taller calculator scrolls inside its frame.

(() => {
  const TYPE = 'outcome-calculator:height';
  const MIN = 200;
  const MAX = 8000;
  const script = document.currentScript;
  let calculator;
  try {
    calculator = new URL(script?.dataset.origin || script?.src || location.href).origin;
  } catch {
    return;
  }

  window.addEventListener('message', (event) => {
    const data = event.data;
    if (!data || typeof data !== 'object' || data.type !== TYPE) return;
    if (event.origin !== calculator || typeof data.id !== 'string' || !data.id) return;
    const height = Number(data.height);
    if (!Number.isFinite(height)) return;
    const iframe = document.getElementById(data.id);
    if (!(iframe instanceof HTMLIFrameElement) || event.source !== iframe.contentWindow) return;
    let src;
    try {
      src = new URL(iframe.src, location.href);
    } catch {
      return;
    }
    if (src.origin !== calculator || !src.pathname.endsWith('/embed.html')) return;
    if (src.searchParams.get('id') !== data.id) return;
    iframe.style.height = `${Math.round(Math.min(MAX, Math.max(MIN, height)))}px`;
  });
})();
