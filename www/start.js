// Runs before the page is first painted. The page holds the calculator's
// first result for the default scenario (written by the build); when this
// visit will show another scenario (settings in the address, embed options,
// or a scenario saved on this device) that result would be wrong for a
// moment, so the page is marked and the calculator stays hidden until it
// has drawn the right one (page.css, outcome-calculator.js).
(function () {
  // Options that change nothing the calculator draws.
  var plumbing = ['id', 'parent_origin'];
  var other = false;
  location.search
    .slice(1)
    .split('&')
    .forEach(function (pair) {
      var key = pair.split('=')[0];
      if (key && plumbing.indexOf(key) < 0) other = true;
    });
  try {
    var saved = 'outcome-calculator:scenario:' + location.pathname + '#';
    for (var i = 0; i < localStorage.length; i++) {
      if (String(localStorage.key(i)).indexOf(saved) === 0) other = true;
    }
  } catch (e) {
    // No storage (a sandboxed frame, or turned off): nothing saved.
  }
  if (other) document.documentElement.setAttribute('data-calculator-wait', '');
})();
