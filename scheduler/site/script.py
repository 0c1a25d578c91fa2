"""The pages' only script, inline (no external asset): copy buttons and the index's filter.
Without JavaScript both stay hidden and every calendar is listed; the words come from the
page (``data-*``), so the script is the same in every language.

The filter folds like :func:`scheduler.names.fold`: NFD, combining marks dropped, đ → d,
lower case; every word typed must occur in a card's text ("tuyen giao" finds "Tuyên giáo")."""

from __future__ import annotations

SCRIPT = """(function () {
"use strict";
function fold(s) {
  return s.normalize("NFD").replace(/[\\u0300-\\u036f]/g, "").replace(/[\\u0111\\u0110]/g, "d")
    .toLowerCase();
}
function each(sel, f) { Array.prototype.forEach.call(document.querySelectorAll(sel), f); }
each("button.copy", function (b) { b.hidden = false; });
document.addEventListener("click", function (ev) {
  var b = ev.target.closest ? ev.target.closest("button.copy") : null;
  if (!b) return;
  var box = document.getElementById(b.getAttribute("aria-controls"));
  if (!box) return;
  function show(key) {
    b.textContent = b.getAttribute(key);
    setTimeout(function () { b.textContent = b.getAttribute("data-label"); }, 2500);
  }
  function select() {
    var r = document.createRange(), s = window.getSelection();
    r.selectNodeContents(box); s.removeAllRanges(); s.addRange(r);
    var ok = false;
    try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
    show(ok ? "data-done" : "data-select");
  }
  if (navigator.clipboard && window.isSecureContext) {
    navigator.clipboard.writeText(box.textContent).then(function () { show("data-done"); },
                                                         select);
  } else {
    select();
  }
});
var q = document.getElementById("q");
if (!q) return;
document.getElementById("find").hidden = false;
var cards = [], groups = [], out = document.getElementById("found");
each(".card[data-q]", function (c) { cards.push([c, fold(c.getAttribute("data-q"))]); });
each("[data-group]", function (g) { groups.push(g); });
function run() {
  var words = fold(q.value).split(/\\s+/).filter(Boolean), n = 0;
  cards.forEach(function (c) {
    var on = words.every(function (w) { return c[1].indexOf(w) >= 0; });
    c[0].hidden = !on;
    if (on) n += 1;
  });
  groups.forEach(function (g) { g.hidden = !g.querySelector(".card:not([hidden])"); });
  out.textContent = !words.length ? "" :
    n ? out.getAttribute("data-some").replace("{n}", n) : out.getAttribute("data-none");
}
q.addEventListener("input", run);
if (q.value) run();
})();"""
