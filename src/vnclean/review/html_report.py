"""
`--report FILE.html`: one page a person opens to review a whole run. It shows how many
documents were cleaned, left unchanged or failed, the changes per step and the lines
removed per kind as bars, every step's reason with examples linking to their
documents, and per document its repairs word by word (`<del>`/`<ins>`), its removed
lines greyed with their kind and its metadata, filtered by step, kind and status and
searched by a box.

The page holds, per document, only what changed: each changed line cut to a little
context around its changes and the removed lines, not the unchanged paragraphs, so
10,000 documents stay a page a browser opens at once; the script builds 50 at a time.
Built with the standard library (`html.escape`, `json`): the page is one template,
and nothing in it needs a templating library.
"""

from __future__ import annotations

import collections
import datetime
import functools
import html
import json
from dataclasses import dataclass, field
from typing import Any

from vnclean.model import Result
from vnclean.report import counted
from vnclean.review import fold
from vnclean.review.page import CSS, SCRIPT
from vnclean.review.trace import Row, review
from vnclean.review.visible import NAMES, pieces
from vnclean.review.worddiff import shortened

EXAMPLES = 5  # per step and per kind of removed line, with links to their documents
KEPT_CONTEXT = 30  # characters of unchanged text kept on each side of a change
PIECE_CHARS = 100  # of one deleted or inserted text kept in the page
REMOVED_CHARS = 80  # of a removed line: enough to know it again
# Characters of text kept per document: its first changed and removed lines, all of
# them in most articles; the rest are counted. A document of mojibake changes every
# word, and all of it twice would make the page larger than the corpus.
DOCUMENT_CHARS = 4000
PIECES_KEPT = 16  # per changed line
FOLDS_KEPT = 3  # per reason and document


@dataclass
class HtmlReport:
    """
    Collects a run document by document, then writes the page.

        >>> from vnclean import clean_and_explain
        >>> page = HtmlReport()
        >>> text = "Hà\\u00a0Nội\\n"
        >>> page.add("a.txt", text, clean_and_explain(text), True)
        >>> page.cleaned, dict(page.steps)
        (1, {'replace_unicode_spaces': 1})
    """

    path: str = "report.html"  # where `write` puts the page
    title: str = "vnclean report"
    cleaned: int = 0
    unchanged: int = 0
    failed: int = 0
    documents: list[dict[str, Any]] = field(default_factory=list)
    steps: collections.Counter[str] = field(default_factory=collections.Counter)
    step_documents: collections.Counter[str] = field(
        default_factory=collections.Counter
    )
    kinds: collections.Counter[str] = field(default_factory=collections.Counter)
    kind_documents: collections.Counter[str] = field(
        default_factory=collections.Counter
    )
    layout: int = 0
    # step -> (before, after) -> the first example: (context, document, reason)
    step_examples: dict[str, dict[tuple[str, str], tuple[str, int, str]]] = field(
        default_factory=dict
    )
    kind_examples: dict[str, list[tuple[str, int, str]]] = field(default_factory=dict)

    def add(self, name: str, before: str, result: Result, changed: bool) -> None:
        """Count one document and keep what it changed."""
        index = len(self.documents)
        if not changed:
            self.unchanged += 1
            self.documents.append({"n": name, "s": "u"})
            return
        self.cleaned += 1
        steps = collections.Counter(change.step for change in result.changes)
        kinds = collections.Counter(line.kind for line in result.removed)
        self.steps.update(steps)
        self.step_documents.update(steps.keys())
        self.kinds.update(kinds)
        self.kind_documents.update(kinds.keys())
        document = review(name, before, result)
        self.layout += len(document.layout)
        reasons = fold.by_reason(document.repairs)
        for reason in reasons:
            examples = self.step_examples.setdefault(reason.step, {})
            for item in reason.folds:
                change = item.first.change
                key = (change.before, change.after)
                if len(examples) < EXAMPLES and key not in examples:
                    context = item.first.context
                    examples[key] = (context, index, reason.reason)
        for line in document.removed:
            examples_of_kind = self.kind_examples.setdefault(line.removed.kind, [])
            if len(examples_of_kind) < EXAMPLES:
                text = _cut(line.removed.text)
                examples_of_kind.append((text, index, line.removed.reason))
        rows: list[list[Any]] = []
        kept = more = 0
        for row in document.rows:
            if kept >= DOCUMENT_CHARS:
                more += row.kind != "same"
                continue
            rows.append(_row(row))
            kept += _chars(rows[-1])
        entry: dict[str, Any] = {"n": name, "s": "c", "st": steps, "k": kinds}
        if result.metadata:
            entry["m"] = result.metadata
        entry["r"] = rows
        if more:
            entry["more"] = more
        entry["x"] = [_reason(reason) for reason in reasons]
        if document.layout:
            entry["l"] = len(document.layout)
        self.documents.append(entry)

    def fail(self, message: str) -> None:
        """Count a document, or an input, that could not be cleaned."""
        self.failed += 1
        self.documents.append({"n": message, "s": "f", "e": message})

    def page(self) -> str:
        """The whole page."""
        reasons = {step: _general_reason(step) for step in self.steps}
        data = {"documents": self.documents, "names": NAMES, "reasons": reasons}
        # Every `<` inside the JSON is escaped, so no text can end the script element.
        payload = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        payload = payload.replace("<", "\\u003c")
        return PAGE.format(
            title=_e(self.title),
            css=CSS,
            summary=self._summary(),
            reasons=self._reasons(),
            filters=self._filters(),
            data=payload,
            script=SCRIPT,
        )

    def write(self, path: str | None = None) -> None:
        """Write the page to `path`, or to the report's own path."""
        # A lone surrogate (from a broken JSON escape) stays a JSON escape.
        with open(path or self.path, "wb") as file:
            file.write(self.page().encode("utf-8", "backslashreplace"))

    # Parts of the page

    def _summary(self) -> str:
        total = self.cleaned + self.unchanged + self.failed
        cards = "".join(
            f'<div class="card {key}" data-count="{key}"><b>{n:,}</b>{label}</div>'
            for key, n, label in (
                ("documents", total, "documents"),
                ("cleaned", self.cleaned, "cleaned"),
                ("unchanged", self.unchanged, "unchanged"),
                ("failed", self.failed, "failed"),
                ("removed", sum(self.kinds.values()), "lines removed"),
            )
        )
        steps = _chart(
            "steps", "step", self.steps, self.step_documents, "Changes per step"
        )
        kinds = _chart(
            "kinds", "kind", self.kinds, self.kind_documents, "Lines removed per kind"
        )
        made = datetime.datetime.now().strftime("%Y-%m-%d %H:%M")
        layout = (
            f'<p class="muted">Layout: {counted(self.layout, "paragraph break")}'
            " laid out by the strip stage (one paragraph per line), not counted as"
            " repairs below.</p>"
            if self.layout
            else ""
        )
        return (
            f'<p class="muted">Made {made} by vnclean.</p>'
            f'<div class="cards">{cards}</div>{layout}'
            f'<div class="charts">{steps}{kinds}</div>'
        )

    def _reasons(self) -> str:
        parts = ['<h2 id="repairs">Repairs by step</h2>']
        for step, n in self.steps.most_common():
            examples = self.step_examples.get(step, {})
            items = "".join(
                f"<li><del>{_v(before)}</del> → <ins>{_v(after)}</ins> in"
                f" <code>{_v(context)}</code> —"
                f' <a href="#doc-{doc}">{_v(self.documents[doc]["n"])}</a>'
                f' <span class="muted">{_v(_specific(reason, step))}</span></li>'
                for (before, after), (context, doc, reason) in examples.items()
            )
            parts.append(
                f'<div class="kind" id="step-{_e(step)}"><h3>'
                f'<a href="#docs" data-step="{_e(step)}">{_e(step)}</a>'
                f' <span class="badge">{n:,}</span></h3>'
                f"<p>{_e(_general_reason(step))}</p><ul>{items}</ul></div>"
            )
        parts.append('<h2 id="removed">Removed lines by kind</h2>')
        for kind, n in self.kinds.most_common():
            items = "".join(
                f'<li class="removed"><span class="text">{_v(text)}</span> —'
                f' <a href="#doc-{doc}">{_v(self.documents[doc]["n"])}</a>'
                f' <span class="muted">{_v(reason)}</span></li>'
                for text, doc, reason in self.kind_examples.get(kind, [])
            )
            parts.append(
                f'<div class="kind" id="kind-{_e(kind)}"><h3>'
                f'<a href="#docs" data-kind="{_e(kind)}">{_e(kind)}</a>'
                f' <span class="badge kindb">{n:,}</span></h3><ul>{items}</ul></div>'
            )
        return "".join(parts)

    def _filters(self) -> str:
        steps = "".join(
            f'<option value="{_e(s)}">{_e(s)}</option>' for s in sorted(self.steps)
        )
        kinds = "".join(
            f'<option value="{_e(k)}">{_e(k)}</option>' for k in sorted(self.kinds)
        )
        return (
            '<select id="f-status" aria-label="status">'
            '<option value="changed">cleaned or failed</option>'
            '<option value="">all documents</option><option value="c">cleaned</option>'
            '<option value="u">unchanged</option><option value="f">failed</option>'
            "</select>"
            f'<select id="f-step" aria-label="step"><option value="">every step</option>'
            f"{steps}</select>"
            f'<select id="f-kind" aria-label="kind"><option value="">every kind</option>'
            f"{kinds}</select>"
            '<input type="search" id="q" placeholder="search names and texts"'
            ' aria-label="search">'
        )


def _row(row: Row) -> list[Any]:
    if row.kind == "same":
        return ["s", row.count]
    if row.kind == "changed":
        pieces = [
            [p.op, _cut(p.text)] for p in shortened(list(row.pieces), KEPT_CONTEXT)
        ]
        if len(pieces) > PIECES_KEPT:  # a line of mojibake: every word changed
            pieces = [*pieces[:PIECES_KEPT], ["=", "…"]]
        return ["c", row.line, pieces]
    text = _cut(row.pieces[0].text) if row.pieces else ""
    if row.kind == "removed" and row.removed is not None:
        text = _cut(text, REMOVED_CHARS)
        return ["r", row.line, text, row.removed.kind, row.removed.reason]
    return ["d" if row.kind == "deleted" else "i", row.line, text]


def _chars(row: list[Any]) -> int:
    """The characters of text a row keeps in the page."""
    if row[0] == "c":  # with what each piece costs in JSON
        return sum(len(text) + 8 for _, text in row[2])
    return 0 if row[0] == "s" else len(row[2])


def _reason(reason: fold.Reason) -> list[Any]:
    # The step's own reason is in the page once; a document carries only a reason
    # that says more (the evidence of this document), and no context: its rows
    # show where each change is.
    said = _specific(reason.reason, reason.step)
    folds = [
        [
            item.first.change.before,
            item.first.change.after,
            item.count,
            fold.lines(item.lines),
        ]
        for item in reason.folds[:FOLDS_KEPT]
    ]
    return [reason.step, said, reason.count, folds]


def _chart(
    name: str,
    attribute: str,
    counts: collections.Counter[str],
    documents: collections.Counter[str],
    title: str,
) -> str:
    most = max(counts.values(), default=0) or 1
    rows = "".join(
        f'<tr data-{attribute}="{_e(key)}" data-changes="{n}"'
        f' data-documents="{documents[key]}">'
        f'<td><a href="#{attribute}-{_e(key)}">{_e(key)}</a></td>'
        f'<td class="bar"><div style="width:{100 * n / most:.1f}%"></div></td>'
        f'<td class="n">{n:,}</td><td class="n muted">'
        f"{counted(documents[key], 'doc')}</td></tr>"
        for key, n in counts.most_common()
    )
    empty = "" if counts else '<p class="muted">none</p>'
    return (
        f'<div><h2>{title}</h2>{empty}<table class="chart" id="{name}">'
        f"{rows}</table></div>"
    )


def _cut(text: str, most: int = PIECE_CHARS) -> str:
    return text if len(text) <= most else text[: most - 1] + "…"


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _v(text: str) -> str:
    """
    Text escaped for HTML, its hidden characters named; spaces alone shown as dots.

        >>> _v("<b>\u00a0"), _v("  ")
        ('&lt;b&gt;<span class="inv">NBSP</span>', '··')
    """
    if text and not text.strip(" "):
        return "·" * len(text)
    return "".join(
        f'<span class="inv">{html.escape(run.strip("⟨⟩"))}</span>'
        if hidden
        else html.escape(run, quote=True)
        for run, hidden in pieces(text, keep_tabs=True)
    )


@functools.cache
def _general_reasons() -> dict[str, str]:
    from vnclean.pipeline import STEPS, reason_of

    return {step.__name__: reason_of(step) for step in STEPS}


def _specific(reason: str, step: str) -> str:
    # The reason a step gave for this change, when it says more than its docstring.
    return "" if reason == _general_reason(step) else reason


def _general_reason(step: str) -> str:
    return _general_reasons().get(step, "")


PAGE = """<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>{css}</style>
</head>
<body>
<h1>{title}</h1>
<section id="summary">{summary}</section>
<section id="reasons">{reasons}</section>
<section id="docs">
<h2>Documents</h2>
<div class="filters">{filters}</div>
<div class="pager"><button id="prev">‹ previous</button><span id="page"></span>
<button id="next">next ›</button><span id="shown" class="muted"></span></div>
<div id="documents"></div>
</section>
<script id="data" type="application/json">{data}</script>
<script>{script}</script>
</body>
</html>
"""
