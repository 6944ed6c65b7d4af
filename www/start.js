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
//
// The iframe page (embed.html, marked by its meta oc-first-results) also
// has each council's first result beside it (www/first/CODE.html, written
// by the build: the calculator's drawing of `council=CODE`, stamped with
// the scenario parts of the addresses it is for). When this visit's
// scenario is exactly one of those, character for character, that drawing
// replaces the default one before it is shown; anything else (one figure
// changed, a saved copy) waits for the calculator. No figure is read or
// worked out here.
(function () {
  // Options that change nothing the calculator works out.
  var plumbing = ['id', 'parent_origin'];
  var shown = ['view', 'sections', 'theme', 'hide', 'presenter'];
  var other = false;
  var locks = false;
  var copy = [];
  // The scenario's own parts of the address, as written, in order.
  var scenario = [];
  var council = null;
  var saved = false;
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
        scenario.push(pair);
        if (key === 'council') council = at < 0 ? '' : pair.slice(at + 1);
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
    if (!noForm) {
      other = true;
      // The written drawings have no locked fields' notes.
      council = null;
    }
  }
  try {
    var key = 'outcome-calculator:scenario:' + location.pathname + '#';
    for (var i = 0; i < localStorage.length; i++) {
      if (String(localStorage.key(i)).indexOf(key) === 0) saved = other = true;
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
  var firsts = document.querySelector('meta[name="oc-first-results"]');
  if (
    other &&
    !saved &&
    firsts &&
    council !== null &&
    /^E[0-9]{8}$/.test(council) &&
    typeof fetch === 'function' &&
    typeof DOMParser === 'function'
  ) {
    var asked = scenario.join('&');
    fetch(firsts.content + council + '.html')
      .then(function (r) {
        return r.ok ? r.text() : '';
      })
      .then(function (text) {
        var t = new DOMParser().parseFromString(text, 'text/html').querySelector('template[data-scenario]');
        if (!t || (t.getAttribute('data-scenario') !== asked && t.getAttribute('data-short') !== asked)) return;
        var drawn = t.content.querySelector('.oc');
        var put = function () {
          var el = document.querySelector('outcome-calculator[data-url-state]');
          var root = el && !el.hasAttribute('data-live') && el.shadowRoot;
          var old = root && root.firstElementChild;
          while (old && !old.classList.contains('oc')) old = old.nextElementSibling;
          if (!old || !drawn) return;
          old.replaceWith(document.importNode(drawn, true));
          document.documentElement.removeAttribute('data-calculator-wait');
        };
        if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', put);
        else put();
      })
      .catch(function () {
        // Not there (a build without Chromium): the calculator draws it.
      });
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
