// Runs before the page is first painted. The page holds the calculator's
// first result for the default scenario (written by the build); when this
// visit will show another scenario (settings in the address, or a scenario
// saved on this device) that result would be wrong for a moment, so the
// page is marked and the calculator stays hidden until it has drawn the
// right one (page.css, outcome-calculator.js).
//
// Options that change how the result is shown but not its figures (view,
// sections, theme, hide, presenter; lock where the form is not shown) keep the
// written result: they are copied from
// the address onto the calculator element as its attributes as soon as
// the element is parsed (before the first paint), where widget.css
// applies them, exactly as on an element a host page wrote itself.
(function () {
  // Options that change nothing the calculator works out.
  var plumbing = ['id', 'parent_origin'];
  var shown = ['view', 'sections', 'theme', 'hide', 'presenter'];
  var other = false;
  var locks = false;
  var copy = [];
  location.search
    .slice(1)
    .split('&')
    .forEach(function (pair) {
      var at = pair.indexOf('=');
      var key = at < 0 ? pair : pair.slice(0, at);
      if (!key || plumbing.indexOf(key) >= 0) return;
      // Locked fields are in the form: they change nothing shown where
      // the form is not (below).
      if (key === 'lock') {
        locks = true;
        return;
      }
      if (shown.indexOf(key) >= 0) {
        var value = '';
        try {
          value = at < 0 ? '' : decodeURIComponent(pair.slice(at + 1).replace(/\+/g, ' '));
        } catch (e) {
          // A damaged value: the calculator names it.
          other = true;
        }
        copy.push([key, value.toLowerCase()]);
      } else {
        other = true;
      }
    });
  if (locks) {
    var given = {};
    copy.forEach(function (kv) {
      given[kv[0]] = kv[1];
    });
    var sections = given.sections;
    var noForm =
      sections === undefined
        ? given.view === 'compact'
        : sections
            .split(',')
            .map(function (s) {
              return s.trim();
            })
            .indexOf('form') < 0;
    if (!noForm) other = true;
  }
  try {
    var saved = 'outcome-calculator:scenario:' + location.pathname + '#';
    for (var i = 0; i < localStorage.length; i++) {
      if (String(localStorage.key(i)).indexOf(saved) === 0) other = true;
    }
  } catch (e) {
    // No storage (a sandboxed frame, or turned off): nothing saved.
  }
  if (other) {
    document.documentElement.setAttribute('data-calculator-wait', '');
    // The calculator starts as soon as it can: its bindings and module are
    // fetched while the page is read, not once the loader has run and asked
    // for them. (Only beside its files: the single offline file, which
    // holds them, has no preload of widget.css.)
    if (document.querySelector('link[rel="preload"][href="widget.css"]')) {
      var ahead = function (rel, href, as) {
        var link = document.createElement('link');
        link.rel = rel;
        link.href = href;
        if (as) {
          link.as = as;
          link.crossOrigin = 'anonymous';
        }
        document.head.appendChild(link);
      };
      ahead('modulepreload', 'pkg/outcome_calculator.js');
      ahead('preload', 'pkg/outcome_calculator_bg.wasm', 'fetch');
    }
  }
  if (!copy.length || typeof MutationObserver !== 'function') return;
  // The calculator that keeps its scenario in the address (data-url-state).
  var put = function (el) {
    copy.forEach(function (kv) {
      if (!el.hasAttribute(kv[0])) el.setAttribute(kv[0], kv[1]);
    });
  };
  var found = function () {
    var el = document.querySelector('outcome-calculator[data-url-state]');
    if (el) put(el);
    return el;
  };
  // Mutation records are delivered before the browser next renders.
  var watch = new MutationObserver(function () {
    if (found()) watch.disconnect();
  });
  watch.observe(document.documentElement, { childList: true, subtree: true });
  document.addEventListener('DOMContentLoaded', function () {
    watch.disconnect();
    found();
  });
})();
