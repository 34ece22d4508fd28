"""The report's inline stylesheet and script (vanilla JS: table sorting and search, document switching)."""

from __future__ import annotations

from pipeline.report.docview import COLORS

_MARK_COLOURS = "".join(f'mark.entity[data-label="{label}"]{{background:{c}}}' for label, c in COLORS.items())

STYLE = (
    """
:root{--fg:#222;--muted:#666;--line:#ddd;--head:#f4f4f4;--accent:#3b6ea8}
*{box-sizing:border-box}
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:var(--fg);line-height:1.45}
header,main{max-width:1180px;margin:0 auto;padding:0 1.2rem}
header{padding-top:1.2rem}
h1{margin:.2rem 0} h2,section.doc{scroll-margin-top:3rem}
h2{margin-top:2.2rem;border-bottom:2px solid var(--line);padding-bottom:.2rem}
nav{position:sticky;top:0;background:#fff;border-bottom:1px solid var(--line);padding:.4rem 1.2rem;z-index:5}
nav a{margin-right:1rem;color:var(--accent);text-decoration:none}
.muted,.note{color:var(--muted)} .note{font-size:.88rem;margin:.3rem 0}
.stats{display:flex;flex-wrap:wrap;gap:.6rem;margin:.8rem 0;padding:0;list-style:none}
.stats li{background:var(--head);border-radius:6px;padding:.4rem .8rem}
.stats b{font-size:1.25rem;display:block}
.charts{display:flex;flex-wrap:wrap;gap:1.2rem 2rem}
figure.chart{margin:0;max-width:100%;overflow-x:auto}
figcaption{font-weight:600;margin:.6rem 0 .3rem}
svg text{font-size:12px;fill:#333} svg .bar{fill:var(--accent)} svg .frame{fill:#fafafa;stroke:#e4e4e4}
svg .axis{stroke:#bbb} svg .tick{font-size:10px;fill:#777} svg .ptitle{font-size:11px;font-weight:600}
.tools{display:flex;gap:1rem;align-items:center;margin:.5rem 0}
.tools input{padding:.35rem .5rem;min-width:18rem;border:1px solid #bbb;border-radius:4px}
.scroll{max-height:32rem;overflow:auto;border:1px solid var(--line)}
table{border-collapse:collapse;width:100%}
th,td{border-bottom:1px solid var(--line);padding:.3rem .5rem;text-align:left;vertical-align:top;font-size:.9rem}
th{background:var(--head);position:sticky;top:0;cursor:pointer;user-select:none;white-space:nowrap}
th::after{content:" \\2195";color:#aaa} th[aria-sort=ascending]::after{content:" \\2191";color:#333}
th[aria-sort=descending]::after{content:" \\2193";color:#333}
td.num,th.num{text-align:right}
select{max-width:100%;padding:.3rem}
section.doc{border:1px solid var(--line);border-radius:6px;padding:.4rem 1rem 1rem;margin-top:.8rem}
dl.meta{display:grid;grid-template-columns:max-content 1fr;gap:.1rem .8rem;font-size:.9rem}
dl.meta dt{color:var(--muted)} dl.meta dd{margin:0;overflow-wrap:anywhere}
.layers button{border:1px solid #bbb;background:#fff;border-radius:4px;padding:.3rem .7rem;margin-right:.4rem}
.layers button{cursor:pointer}
.layers button[aria-pressed=true]{background:var(--accent);color:#fff;border-color:var(--accent)}
mark.entity{padding:.25em .4em;margin:0 .15em;line-height:1;border-radius:.35em;background:#ddd}
mark.entity .el{font-size:.7em;font-weight:bold;margin-left:.4rem;vertical-align:middle}
div.entities{line-height:2.3;margin-top:.5rem}
.legend mark.entity{font-size:.85rem}
"""
    + _MARK_COLOURS
)

SCRIPT = r"""
(function () {
  "use strict";
  var collator = new Intl.Collator("vi", {numeric: true, sensitivity: "base"});
  function fold(s) {
    return s.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/\u0111/g, "d");
  }
  function cellValue(row, i) {
    var cell = row.cells[i];
    return cell ? cell.textContent.trim() : "";
  }
  function sortTable(table, th, col) {
    var body = table.tBodies[0], rows = Array.prototype.slice.call(body.rows);
    var asc = th.getAttribute("aria-sort") !== "ascending", numeric = th.classList.contains("num");
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (h) { h.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", asc ? "ascending" : "descending");
    rows.sort(function (a, b) {
      var x = cellValue(a, col), y = cellValue(b, col);
      var r = numeric ? (parseFloat(x) || 0) - (parseFloat(y) || 0) : collator.compare(x, y);
      return asc ? r : -r;
    });
    var frag = document.createDocumentFragment();
    rows.forEach(function (r) { frag.appendChild(r); });
    body.appendChild(frag);
  }
  document.querySelectorAll("table.sortable").forEach(function (table) {
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, col) {
      th.title = "Sort";
      th.addEventListener("click", function () { sortTable(table, th, col); });
    });
  });
  document.querySelectorAll("input.search").forEach(function (input) {
    var table = document.getElementById(input.getAttribute("data-table"));
    var count = document.getElementById(input.getAttribute("data-count"));
    var rows = Array.prototype.slice.call(table.tBodies[0].rows), folded = null;
    input.addEventListener("input", function () {
      if (!folded) { folded = new Map(rows.map(function (r) { return [r, fold(r.textContent)]; })); }
      var terms = fold(input.value).split(/\s+/).filter(Boolean), shown = 0;
      rows.forEach(function (r) {
        var text = folded.get(r);
        var ok = terms.every(function (t) { return text.indexOf(t) >= 0; });
        r.hidden = !ok;
        if (ok) { shown++; }
      });
      if (count) { count.textContent = shown + " of " + rows.length + " rows"; }
    });
  });
  var select = document.getElementById("doc-select");
  function showDocument(index, scroll) {
    var target = document.getElementById("doc-" + index);
    if (!target) { return; }
    document.querySelectorAll("section.doc").forEach(function (s) { s.hidden = s !== target; });
    if (select) { select.value = String(index); }
    if (scroll && target.scrollIntoView) { target.scrollIntoView(); }
  }
  if (select) {
    select.addEventListener("change", function () {
      showDocument(select.value, false);
      try { history.replaceState(null, "", "#doc-" + select.value); } catch (e) { /* some browsers, file:// */ }
    });
  }
  function fromHash(scroll) {
    var m = /^#doc-(\d+)$/.exec(location.hash);
    if (m) { showDocument(m[1], scroll); }
  }
  window.addEventListener("hashchange", function () { fromHash(true); });
  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest('a[href^="#doc-"]') : null;
    if (link) { showDocument(link.getAttribute("href").slice(5), false); }
  });
  document.querySelectorAll(".layers button").forEach(function (button) {
    button.addEventListener("click", function () {
      var doc = button.closest("section.doc"), key = button.getAttribute("data-layer");
      doc.querySelectorAll(".layers button").forEach(function (b) {
        b.setAttribute("aria-pressed", b === button ? "true" : "false");
      });
      doc.querySelectorAll("div.layer").forEach(function (d) { d.hidden = d.getAttribute("data-layer") !== key; });
    });
  });
  if (/^#doc-\d+$/.test(location.hash)) { fromHash(true); } else { showDocument(0, false); }
})();
"""
