"""The pages' only script, inline (no external asset): copy buttons, the index's filter and
the reader's today (a plan's timeline line, "in 12 days" beside an anniversary's next day:
a page built once stays right every day, and rebuilding on another day rewrites nothing).
Without JavaScript the buttons and the filter stay hidden, every calendar is listed and
today is not marked; the words come from the page (``data-*``), so the script is the same
in every language.

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
var now = new Date(), today = Date.UTC(now.getFullYear(), now.getMonth(), now.getDate());
function day(iso) { return Date.parse(iso + "T00:00:00Z"); }
function two(n) { return (n < 10 ? "0" : "") + n; }
each("svg[data-lo]", function (s) {
  var i = Math.round((today - day(s.getAttribute("data-lo"))) / 864e5);
  var days = +s.getAttribute("data-days"), y = +s.getAttribute("data-y");
  if (!(i >= 0 && i < days)) return;
  var ns = "http://www.w3.org/2000/svg", cx = (6 + (i + 0.5) / days * 588).toFixed(1);
  var word = s.getAttribute("data-today"), line = document.createElementNS(ns, "line");
  var tip = document.createElementNS(ns, "title"), label = document.createElementNS(ns, "text");
  [["class", "t"], ["x1", cx], ["x2", cx], ["y1", 38], ["y2", y + 4]].forEach(function (a) {
    line.setAttribute(a[0], a[1]);
  });
  tip.textContent = word + ": " + two(now.getDate()) + "/" + two(now.getMonth() + 1) + "/" +
    now.getFullYear();
  line.appendChild(tip);
  label.setAttribute("x", cx);
  label.setAttribute("y", y + 18);
  label.setAttribute("text-anchor", cx < 60 ? "start" : cx > 540 ? "end" : "middle");
  label.textContent = word;
  s.appendChild(line);
  s.appendChild(label);
  each("[data-today]", function (li) { if (li.tagName === "LI") li.hidden = false; });
});
each("[data-next]", function (el) {
  var left = Math.round((day(el.getAttribute("data-next")) - today) / 864e5);
  if (left < 0) return;
  el.textContent = " (" + (left ? el.getAttribute("data-in").replace("{n}", left) :
                                  el.getAttribute("data-is")) + ")";
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
