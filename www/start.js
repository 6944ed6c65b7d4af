// Runs before the page is first painted. The page holds the calculator's
// first result for the default scenario (written by the build); when this
// visit will show another scenario (settings in the address, or a scenario
// saved on this device) that result would be wrong for a moment, so the
// page is marked and the calculator stays hidden until it has drawn the
// right one (page.css, outcome-calculator.js).
//
// Options that change how the result is shown but not its figures (view,
// sections, theme, hide, presenter, lock) keep the written result: they
// are copied from
// the address onto the calculator element as its attributes as soon as
// the element is parsed (before the first paint), where widget.css
// applies them, exactly as on an element a host page wrote itself.
//
// The iframe page (embed.html, marked by its meta oc-first-results) also
// has other first results beside it, written by the build: each council's
// compact drawing (www/first/CODE.json: `council=CODE`, stamped with the
// scenario parts of the addresses it is for), and the documented
// scenarios (`funding_years=N`, …) in the compact and the full view
// (www/first/NAME.json, named by the view and a hash of the scenario parts
// as written; the meta lists the names, so nothing absent is asked for).
// When this visit's scenario is exactly one of those stamps, character for
// character, that drawing replaces the default one before it is shown;
// anything else (one figure changed, a saved copy) waits for the
// calculator. No figure is read or worked out here.
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
  var lockValue = null;
  // Locked fields where the form is shown: their notes are in the written
  // result, hidden; shown below once it has arrived.
  var lockForm = false;
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
        try {
          lockValue = at < 0 ? '' : decodeURIComponent(pair.slice(at + 1).replace(/\+/g, ' '));
        } catch (e) {
          other = true;
        }
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
  var given = {};
  copy.forEach(function (kv) {
    given[kv[0]] = kv[1];
  });
  // The compact view (its own drawing), and whether the form is shown.
  var compact = given.sections === undefined && given.view === 'compact';
  var noForm =
    given.sections === undefined
      ? compact
      : given.sections
          .split(',')
          .map(function (s) {
            return s.trim();
          })
          .indexOf('form') < 0;
  if (locks) {
    if (!noForm) {
      if (lockValue === null) other = true;
      else {
        lockForm = true;
        copy.push(['lock', lockValue]);
      }
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
  // The calculator starts as soon as it can: its bindings and module are
  // fetched while the page is read, not once the loader has run and asked
  // for them. (Only beside its files: the single offline file, which
  // holds them, has no preload of widget.css.)
  var fetchAhead = function (low) {
    if (!document.querySelector('link[rel="preload"][href="widget.css"]')) return;
    var ahead = function (rel, href, as) {
      var link = document.createElement('link');
      link.rel = rel;
      link.href = href;
      if (low) link.setAttribute('fetchpriority', 'low');
      if (as) {
        link.as = as;
        link.crossOrigin = 'anonymous';
      }
      document.head.appendChild(link);
    };
    ahead('modulepreload', 'pkg/outcome_calculator.js');
    ahead('preload', 'pkg/outcome_calculator_bg.wasm', 'fetch');
  };
  if (other) document.documentElement.setAttribute('data-calculator-wait', '');
  var firsts = document.querySelector('meta[name="oc-first-results"]');
  var asked = scenario.join('&');
  // The drawing written for this scenario and view, if any: a council's
  // (compact only) by its code, any other by its name.
  var file = null;
  if (other && !saved && firsts && typeof fetch === 'function') {
    var listed = function (name, attr) {
      return (firsts.getAttribute(attr) || '').split(' ').indexOf(name) >= 0;
    };
    // The 32-bit FNV-1a hash of the scenario as written (the build's
    // drawingName): a name for a string, not a figure.
    var h = 0x811c9dc5;
    for (var j = 0; j < asked.length; j++) h = Math.imul(h ^ asked.charCodeAt(j), 16777619);
    var name = (compact ? 'c' : 'f') + ('0000000' + (h >>> 0).toString(16)).slice(-8);
    if (compact && council !== null && /^E[0-9]{8}$/.test(council) && listed(council, 'data-councils')) file = council;
    else if (listed(name, 'data-drawn')) file = name;
  }
  // Resolved once the drawing is in place, or will not be.
  var swapped = null;
  if (file !== null) {
    // The written result before the calculator's module, which is
    // fetched beside it at a lower priority (it is needed if the
    // scenario is not the stamp's).
    var got = fetch(firsts.content + file + '.json', { priority: 'high' }).then(function (r) {
      return r.ok ? r.json() : null;
    });
    fetchAhead(true);
    var parsed = new Promise(function (resolve) {
      if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', resolve);
      else resolve();
    });
    swapped = Promise.all([got, parsed])
      .then(function (both) {
        var first = both[0];
        if (!first || (first.scenario !== asked && first.short !== asked)) return;
        // The drawing, element by element (no markup is parsed).
        var make = function (node) {
          if (typeof node === 'string') return document.createTextNode(node);
          var el = node[3]
            ? document.createElementNS('http://www.w3.org/2000/svg', node[0])
            : document.createElement(node[0]);
          node[1].forEach(function (a) {
            el.setAttribute(a[0], a[1]);
          });
          node[2].forEach(function (c) {
            el.appendChild(make(c));
          });
          return el;
        };
        var el = document.querySelector('outcome-calculator[data-url-state]');
        var root = el && !el.hasAttribute('data-live') && el.shadowRoot;
        var old = root && root.firstElementChild;
        while (old && !old.classList.contains('oc')) old = old.nextElementSibling;
        if (!old) return;
        old.replaceWith(make(first.drawing));
        document.documentElement.removeAttribute('data-calculator-wait');
      })
      .catch(function () {
        // Not there (a build without Chromium): the calculator draws it.
      });
  } else if (other) {
    fetchAhead(false);
  }
  if (!copy.length || typeof MutationObserver !== 'function') {
    if (lockForm) other = true;
    return;
  }
  // Shows the notes of the fields the address locks and locks their
  // controls as the calculator does (the build wrote both: the notes
  // hidden, and on each what locking sets, from the calculator's own
  // drawing). A field the written result cannot show locked (none
  // written, and not one that changes nothing) makes the page wait for
  // the calculator.
  var showLocks = function (el) {
    var root = el.shadowRoot;
    var oc = root && root.querySelector('.oc');
    var none = ((oc && oc.getAttribute('data-lock-none')) || '').split(' ');
    var notes = root ? root.querySelectorAll('[data-lock]') : [];
    var ok = Boolean(oc);
    lockValue.split(',').forEach(function (name) {
      name = name.trim();
      if (!name || !ok) return;
      var mine = [].filter.call(notes, function (n) {
        return n.getAttribute('data-lock') === name;
      });
      if (!mine.length && none.indexOf(name) < 0) ok = false;
      mine.forEach(function (n) {
        n.hidden = false;
        JSON.parse(n.getAttribute('data-lock-set') || '[]').forEach(function (s) {
          var c = root.getElementById(s[0]);
          if (!c) return;
          if (s[2] === null) c.removeAttribute(s[1]);
          else c.setAttribute(s[1], s[3] ? (c.getAttribute(s[1]) || '') + ' ' + s[2] : s[2]);
        });
      });
    });
    if (!ok) {
      document.documentElement.setAttribute('data-calculator-wait', '');
      if (typeof el.start === 'function') el.start();
    }
    el.removeAttribute('data-lock-pending');
  };
  // The calculator that keeps its scenario in the address (data-url-state).
  var put = function (el) {
    copy.forEach(function (kv) {
      if (!el.hasAttribute(kv[0])) el.setAttribute(kv[0], kv[1]);
    });
    if (lockForm && !el.hasAttribute('data-live')) el.setAttribute('data-lock-pending', '');
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
    var el = found();
    if (!el || !lockForm) return;
    // On the drawing the page shows: the scenario's, once it is in.
    if (swapped) {
      swapped.then(function () {
        showLocks(el);
      });
    } else showLocks(el);
  });
})();
