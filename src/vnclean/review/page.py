"""
The style and script of the HTML report, inline so that the page is one file that
opens from disk with no network. The script pages through the documents held as JSON
in the page, filters them by step, kind of removed line and status, searches their
names and texts, and builds every element with textContent: a scraped text is never
read as markup.
"""

from __future__ import annotations

CSS = """
:root { --del: #ffd7d5; --del-ink: #82071e; --ins: #ccffd8; --ins-ink: #055d20;
  --grey: #6e7781; --line: #d0d7de; --bar: #54aeff; --bar2: #d4a72c; }
* { box-sizing: border-box; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  margin: 0 auto; max-width: 1100px; padding: 16px 24px; color: #1f2328; }
h1 { font-size: 22px; margin: 4px 0 12px; }
h2 { font-size: 17px; margin: 24px 0 8px; border-bottom: 1px solid var(--line); }
h3 { font-size: 14px; margin: 14px 0 4px; }
code, .text, .rows { font-family: ui-monospace, "SFMono-Regular", Menlo, monospace;
  font-size: 13px; }
.cards { display: flex; gap: 12px; flex-wrap: wrap; }
.card { border: 1px solid var(--line); border-radius: 6px; padding: 8px 14px; }
.card b { display: block; font-size: 22px; }
.card.failed b { color: var(--del-ink); }
.charts { display: grid; grid-template-columns: 1fr 1fr; gap: 24px; }
table.chart { border-collapse: collapse; width: 100%; }
table.chart td { padding: 2px 6px; vertical-align: middle; white-space: nowrap; }
table.chart td.bar { width: 45%; }
table.chart td.n { text-align: right; font-variant-numeric: tabular-nums; }
.bar div { height: 12px; background: var(--bar); border-radius: 2px; min-width: 1px; }
#kinds .bar div { background: var(--bar2); }
.kind { border-left: 3px solid var(--line); padding: 2px 0 2px 10px; margin: 8px 0; }
.kind p { margin: 2px 0; color: var(--grey); }
.kind ul { margin: 2px 0; padding-left: 18px; }
del { background: var(--del); color: var(--del-ink); text-decoration: line-through; }
ins { background: var(--ins); color: var(--ins-ink); text-decoration: none; }
.inv { border: 1px dotted currentColor; border-radius: 3px; font-size: 11px;
  padding: 0 1px; }
.removed { color: var(--grey); }
.removed .text { text-decoration: line-through; text-decoration-color: #aaa; }
.badge { display: inline-block; border-radius: 10px; padding: 0 7px; font-size: 12px;
  background: #eaeef2; color: #1f2328; margin-left: 4px; }
.badge.kindb { background: #fff1c2; }
.filters { position: sticky; top: 0; background: #fff; padding: 8px 0;
  display: flex; gap: 8px; flex-wrap: wrap; align-items: center; z-index: 1;
  border-bottom: 1px solid var(--line); }
.filters input[type=search] { flex: 1; min-width: 200px; padding: 4px 8px; }
article { border: 1px solid var(--line); border-radius: 6px; margin: 12px 0;
  padding: 8px 12px; }
article:target, article.target { outline: 2px solid var(--bar); }
article header { display: flex; justify-content: space-between; gap: 8px;
  flex-wrap: wrap; }
article header .name { font-weight: 600; word-break: break-all; }
.rows { display: grid; grid-template-columns: max-content 1fr; column-gap: 10px;
  margin: 6px 0; }
.rows .ln { color: var(--grey); text-align: right; user-select: none; }
.rows .text { white-space: pre-wrap; word-break: break-word; }
.rows .same { color: var(--grey); font-style: italic; }
.meta { margin: 4px 0; color: var(--grey); }
.meta dt { display: inline; font-weight: 600; }
.meta dd { display: inline; margin: 0 12px 0 4px; }
details.reasons summary { cursor: pointer; color: var(--grey); }
details.reasons li { margin: 2px 0; }
.error { color: var(--del-ink); }
.pager { display: flex; gap: 8px; align-items: center; margin: 8px 0; }
.muted { color: var(--grey); }
"""

SCRIPT = r"""
"use strict";
const DATA = JSON.parse(document.getElementById("data").textContent);
const DOCS = DATA.documents;
const PAGE = 50;
const HIDDEN = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}\u00a0\u2000-\u200a\u202f\u205f\u3000\ufffd]/gu;
const $ = (id) => document.getElementById(id);
let page = 0, matches = [], searchText = null;

function el(tag, cls, text) {
  const node = document.createElement(tag);
  if (cls) node.className = cls;
  if (text !== undefined) visible(node, text);
  return node;
}

// Hidden characters as their names, as `vnclean clean --diff` shows them.
function visible(node, text) {
  let last = 0;
  for (const m of text.matchAll(HIDDEN)) {
    if (m.index > last) node.append(text.slice(last, m.index));
    const c = m[0], code = c.codePointAt(0);
    const name = DATA.names[c] ||
      (code >= 0xdc80 && code <= 0xdcff ? "\\x" + (code - 0xdc00).toString(16)
        : "U+" + code.toString(16).toUpperCase().padStart(4, "0"));
    const span = document.createElement("span");
    span.className = "inv";
    span.textContent = name;
    node.append(span);
    last = m.index + c.length;
  }
  if (last < text.length) node.append(text.slice(last));
  return node;
}

// A change of spaces alone is shown as dots, or it could not be seen.
function dots(text) { return /^ +$/.test(text) ? "·".repeat(text.length) : text; }

function plural(n, noun) { return n + " " + noun + (n === 1 ? "" : "s"); }

function haystack(doc) {
  const parts = [doc.n];
  for (const row of doc.r || []) {
    if (row[0] === "c") for (const p of row[2]) parts.push(p[1]);
    else if (row[0] !== "s") parts.push(row[2]);
  }
  for (const [key, value] of Object.entries(doc.m || {})) parts.push(key, value);
  return parts.join("\n").toLowerCase();
}

function filter() {
  const step = $("f-step").value, kind = $("f-kind").value;
  const status = $("f-status").value, query = $("q").value.trim().toLowerCase();
  if (query && searchText === null) searchText = DOCS.map(haystack);
  matches = [];
  for (let i = 0; i < DOCS.length; i++) {
    const doc = DOCS[i];
    if (status === "changed" ? doc.s === "u" : status && doc.s !== status) continue;
    if (step && !(doc.st && doc.st[step])) continue;
    if (kind && !(doc.k && doc.k[kind])) continue;
    if (query && !searchText[i].includes(query)) continue;
    matches.push(i);
  }
}

function renderRows(doc) {
  const rows = el("div", "rows");
  for (const row of doc.r || []) {
    const type = row[0];
    if (type === "s") {
      rows.append(el("span", "ln", ""), el("span", "same", "⋯ " + plural(row[1], "unchanged line")));
      continue;
    }
    rows.append(el("span", "ln", String(row[1])));
    const text = el("span", "text");
    if (type === "c") {
      for (const [op, part] of row[2]) {
        text.append(el(op === "-" ? "del" : op === "+" ? "ins" : "span", "", op === "=" ? part : dots(part)));
      }
    } else if (type === "r") {
      const line = el("span", "removed");
      line.append(el("span", "text", row[2]), el("span", "badge kindb", row[3]));
      line.title = row[4];
      text.append(line);
    } else {
      text.append(el(type === "d" ? "del" : "ins", "", row[2]));
    }
    rows.append(text);
  }
  if (doc.more) rows.append(el("span", "ln", ""), el("span", "same", "⋯ " + plural(doc.more, "more line") + " not kept in the report: vnclean clean --diff shows them all"));
  return rows;
}

function renderDoc(i) {
  const doc = DOCS[i];
  const art = el("article");
  art.id = "doc-" + i;
  const head = el("header");
  const name = el("span", "name", doc.n);
  const badges = el("span");
  const label = {c: "cleaned", u: "unchanged", f: "failed"}[doc.s];
  badges.append(el("span", "badge", label));
  for (const [step, n] of Object.entries(doc.st || {})) badges.append(el("span", "badge", step + " " + n));
  for (const [kind, n] of Object.entries(doc.k || {})) badges.append(el("span", "badge kindb", kind + " " + n));
  head.append(name, badges);
  art.append(head);
  if (doc.e) art.append(el("p", "error", doc.e));
  const meta = Object.entries(doc.m || {});
  if (meta.length) {
    const dl = el("dl", "meta");
    for (const [key, value] of meta) dl.append(el("dt", "", key), el("dd", "", value));
    art.append(dl);
  }
  if (doc.r && doc.r.length) art.append(renderRows(doc));
  if (doc.x && doc.x.length) {
    const details = el("details", "reasons");
    details.append(el("summary", "", "reasons"));
    const list = el("ul");
    for (const [step, reason, count, folds] of doc.x) {
      const li = el("li");
      const said = reason || DATA.reasons[step] || "";
      li.append(el("b", "", step), " ", el("span", "", said + " (" + count + ")"));
      const inner = el("ul");
      for (const [before, after, n, lines] of folds) {
        const item = el("li");
        item.append(el("del", "", dots(before)), " → ", el("ins", "", dots(after)),
          " " + (n > 1 ? "×" + n + ", " : "") + lines);
        inner.append(item);
      }
      li.append(inner);
      list.append(li);
    }
    if (doc.l) list.append(el("li", "muted", "layout: " + plural(doc.l, "paragraph break") + " laid out, not repairs"));
    details.append(list);
    art.append(details);
  }
  return art;
}

function render() {
  const pages = Math.max(1, Math.ceil(matches.length / PAGE));
  page = Math.min(Math.max(page, 0), pages - 1);
  const list = $("documents");
  list.replaceChildren();
  const end = Math.min(matches.length, (page + 1) * PAGE);
  for (let k = page * PAGE; k < end; k++) list.append(renderDoc(matches[k]));
  $("shown").textContent = matches.length
    ? (page * PAGE + 1) + "–" + end + " of " + plural(matches.length, "document")
    : "no document matches";
  $("page").textContent = "page " + (page + 1) + " of " + pages;
  $("prev").disabled = page === 0;
  $("next").disabled = page >= pages - 1;
}

function update() { filter(); page = 0; render(); }

function goTo(hash) {
  const m = /^#doc-(\d+)$/.exec(hash);
  if (!m) return;
  const i = Number(m[1]);
  let at = matches.indexOf(i);
  if (at < 0) {
    $("f-step").value = ""; $("f-kind").value = ""; $("f-status").value = ""; $("q").value = "";
    filter();
    at = matches.indexOf(i);
  }
  if (at < 0) return;
  page = Math.floor(at / PAGE);
  render();
  const node = $("doc-" + i);
  node.classList.add("target");
  node.scrollIntoView();
}

let timer = 0;
$("q").addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(update, 200); });
for (const id of ["f-step", "f-kind", "f-status"]) $(id).addEventListener("change", update);
$("prev").addEventListener("click", () => { page--; render(); scrollTo(0, $("docs").offsetTop); });
$("next").addEventListener("click", () => { page++; render(); scrollTo(0, $("docs").offsetTop); });
window.addEventListener("hashchange", () => goTo(location.hash));
for (const a of document.querySelectorAll("a[data-step]")) {
  a.addEventListener("click", (e) => { e.preventDefault(); $("f-step").value = a.dataset.step; update(); $("docs").scrollIntoView(); });
}
for (const a of document.querySelectorAll("a[data-kind]")) {
  a.addEventListener("click", (e) => { e.preventDefault(); $("f-kind").value = a.dataset.kind; update(); $("docs").scrollIntoView(); });
}
filter();
render();
if (location.hash) goTo(location.hash);
document.documentElement.dataset.rendered = performance.now().toFixed(0);
// When the summary was first painted, for bench/report_size.py.
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    if (entry.name === "first-contentful-paint") {
      document.documentElement.dataset.painted = entry.startTime.toFixed(0);
    }
  }
}).observe({type: "paint", buffered: true});
document.addEventListener("DOMContentLoaded", () => {
  document.documentElement.dataset.loaded = performance.now().toFixed(0);
});
"""
