// Sizes outcome-calculator iframes to fit their content. Copy this file to
// your site and load it after the iframe:
//
//   <iframe id="outcome-calculator-1" src="https://calculator.example/embed.html?id=outcome-calculator-1"
//     title="Children's services outcome calculator" loading="lazy" width="100%" height="900"></iframe>
//   <script src="/js/embed-parent.js" defer></script>
//
// The frame posts {type: 'outcome-calculator:height', id, height}. A message
// is used only if it comes from one of this page's iframes (event.source is
// that iframe's window) and from the origin in the iframe's src.

(() => {
  const TYPE = 'outcome-calculator:height';
  const MIN = 200;
  const MAX = 20000;

  window.addEventListener('message', (event) => {
    const data = event.data;
    if (!data || typeof data !== 'object' || data.type !== TYPE) return;
    const height = Number(data.height);
    if (!Number.isFinite(height)) return;
    for (const iframe of document.querySelectorAll('iframe')) {
      if (event.source !== iframe.contentWindow) continue;
      let origin;
      try {
        origin = new URL(iframe.src, location.href).origin;
      } catch {
        return;
      }
      if (event.origin !== origin) return;
      iframe.style.height = `${Math.round(Math.min(MAX, Math.max(MIN, height)))}px`;
      return;
    }
  });
})();
