"""
What `--diff` prints. To a terminal: each changed line once, with the deleted and
inserted words coloured inside it, the removed lines with their kind, and hidden
characters named (`⟨NBSP⟩`), so a scraped page cannot drive the terminal. To a pipe or
file: a unified diff that `patch` and `git apply` take, byte for byte. Under either,
the reasons: grouped by step, identical changes folded, each with its line and a few
words around it; removed lines by kind; the strip stage's layout said once.
"""

from __future__ import annotations

import difflib
import os
import sys
from collections.abc import Iterable, Iterator
from typing import IO

from rich.console import Console
from rich.text import Text

from vnclean.model import Result
from vnclean.report import counted
from vnclean.review import fold
from vnclean.review.trace import Document, RemovedLine, Row, review
from vnclean.review.visible import pieces, shown
from vnclean.review.worddiff import DELETE, INSERT, shortened

FOLDS_SHOWN = 10  # per reason; the rest are counted
SHOWN_CHARS = 40  # of a changed or removed text in a reason line
CONTEXT_KEPT = 40  # characters of unchanged text kept on each side of a change
GUTTER = 6  # columns of the line number
STYLES = {
    "header": "bold",
    "number": "cyan",
    DELETE: "white on red",
    INSERT: "black on green",
    "hidden": "magenta",
    "removed": "dim",
    "kind": "yellow",
    "same": "dim",
    "step": "bold yellow",
    "reason": "yellow",
    "layout": "dim yellow",
}


def print_diff(
    name: str,
    before: str,
    after: str,
    result: Result,
    color: bool | None = None,
    stream: IO[str] | None = None,
) -> None:
    """
    Print the diff of one input to `stream` (stdout): the word-level view on a
    terminal, or anywhere with `color` True (--color); the unified diff with its
    reasons when piped, with `color` False (--no-color) or NO_COLOR set, since the
    word-level view shows deleted and inserted words by colour alone.
    """
    stream = stream or sys.stdout
    if color is None:
        color = _isatty(stream) and not os.environ.get("NO_COLOR")
    if color:
        console = _Console(
            file=stream, force_terminal=True, highlight=False, soft_wrap=True
        )
        for line in terminal_lines(name, before, after, result):
            console.print(line)
        return
    write_lines(diff_lines(name, before, after, result), stream)


class _Console(Console):
    """A console whose reader going away (`| head`) ends the run as for a pipe."""

    def on_broken_pipe(self) -> None:
        raise BrokenPipeError


def _isatty(stream: IO[str]) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def diff_lines(name: str, before: str, after: str, result: Result) -> Iterator[str]:
    """
    A unified diff of one input, each line ending in a newline, then its reasons as
    `#` lines. Headers name the input as given; `patch -p0` applies the diff.

        >>> from vnclean.model import Change
        >>> spaces = Change("collapse_spaces", 1, 3, "  ", " ", "Collapse spaces")
        >>> result = Result("a b\\n", [spaces])
        >>> print("".join(diff_lines("a.txt", "a  b\\n", result.text, result)), end="")
        --- a.txt
        +++ a.txt
        @@ -1 +1 @@
        -a  b
        +a b
        # collapse_spaces: Collapse spaces (1 change)
        #   '  ' -> ' ', line 1: "a  b"
    """
    if before == after:
        yield f"# {shown(name)}: re-encoded as UTF-8\n"
        return
    header = shown(name)
    lines = difflib.unified_diff(
        before.splitlines(keepends=True),
        after.splitlines(keepends=True),
        fromfile=header,
        tofile=header,
    )
    for line in lines:
        if line.endswith("\n"):
            yield line
        else:
            yield line + "\n"
            if line[:1] in "+- ":
                yield "\\ No newline at end of file\n"
    for text, _style in explanation(review(name, before, result)):
        yield f"# {text}\n"


def explanation(document: Document) -> Iterator[tuple[str, str]]:
    """The reasons of one document, line by line, each with its style."""
    by_step: dict[str, list[fold.Reason]] = {}
    for reason in fold.by_reason(document.repairs):
        by_step.setdefault(reason.step, []).append(reason)
    for step, reasons in by_step.items():
        total = counted(sum(r.count for r in reasons), "change")
        if len(reasons) == 1:
            yield f"{step}: {shown(reasons[0].reason)} ({total})", "step"
            yield from _folds(reasons[0], "  ")
            continue
        yield f"{step} ({total})", "step"
        for reason in reasons:
            yield f"  {shown(reason.reason)} ({reason.count})", "reason"
            yield from _folds(reason, "    ")
    for lines in fold.by_kind(document.removed):
        first = lines[0].removed
        if len(lines) == 1:
            where = f"line {lines[0].line} ({first.kind})"
            yield (
                f"removed {where}: {shown(first.reason)}: {_short(first.text)}",
                "kind",
            )
            continue
        numbers = fold.lines(line.line for line in lines)
        yield f"removed {len(lines)} lines ({first.kind}), {numbers}:", "kind"
        reasons: dict[str, list[RemovedLine]] = {}
        for line in lines:
            reasons.setdefault(line.removed.reason, []).append(line)
        for reason, alike in reasons.items():
            times = f" ×{len(alike)}" if len(alike) > 1 else ""
            example = _short(alike[0].removed.text)
            yield f"  {shown(reason)}{times}: {example}", "kind"
    if document.layout:
        reasons = sorted({item.change.reason for item in document.layout})
        steps = sorted({item.change.step for item in document.layout})
        breaks = counted(len(document.layout), "paragraph break")
        told = f"{', '.join(steps)} ({'; '.join(reasons)})"
        yield f"layout: {breaks} laid out by {told}, not repairs", "layout"


def _folds(reason: fold.Reason, indent: str) -> Iterator[tuple[str, str]]:
    for item in reason.folds[:FOLDS_SHOWN]:
        change = item.first.change
        times = f" ×{item.count}" if item.count > 1 else ""
        context = shown(item.first.context)
        where = fold.lines(item.lines)
        said = f"{_short(change.before)} -> {_short(change.after)}{times}"
        yield f'{indent}{said}, {where}: "{context}"', ""
    rest = reason.folds[FOLDS_SHOWN:]
    if rest:
        more = counted(sum(item.count for item in rest), "change")
        yield f"{indent}... and {len(rest)} more ({more})", ""


def _short(text: str) -> str:
    if len(text) > SHOWN_CHARS:
        text = text[: SHOWN_CHARS - 1] + "…"
    return repr(text)


def terminal_lines(
    name: str, before: str, after: str, result: Result
) -> Iterator[Text]:
    """The word-level view of one input, as rich Text lines with no markup."""
    yield Text(f"━━ {shown(name)}", style=STYLES["header"])
    if before == after:
        yield Text("re-encoded as UTF-8, text unchanged", style=STYLES["same"])
        return
    document = review(name, before, result)
    if not (document.rows or document.repairs or document.removed):
        yield Text("only line breaks changed", style=STYLES["same"])
    for rows in _removed_together(document.rows):
        yield _row(rows[0])
        if len(rows) > 1:
            kind = rows[0].removed.kind if rows[0].removed else ""
            more = f"⋯ {counted(len(rows) - 1, 'more line')} removed: {kind}"
            yield Text(" " * GUTTER + more, style=STYLES["kind"])
    for text, style in explanation(document):
        yield Text(text, style=STYLES.get(style, ""))
    yield Text("")  # between documents


def _removed_together(rows: list[Row]) -> Iterator[list[Row]]:
    """Rows one by one, but a run of lines removed as one kind together."""
    run: list[Row] = []
    for row in rows:
        if run and _kind(row) == _kind(run[0]):
            run.append(row)
            continue
        if run:
            yield run
        run = [row] if row.kind == "removed" else []
        if not run:
            yield [row]
    if run:
        yield run


def _kind(row: Row) -> str | None:
    return row.removed.kind if row.removed else None


def _row(row: Row) -> Text:
    if row.kind == "same":
        return Text(" " * GUTTER + f"⋯ {counted(row.count, 'unchanged line')}", "dim")
    line = Text()
    line.append(f"{row.line:>{GUTTER - 1}} ", style=STYLES["number"])
    if row.kind == "removed" and row.removed is not None:
        text = row.pieces[0].text if row.pieces else row.removed.text
        _append(line, text[: CONTEXT_KEPT * 3], STYLES["removed"])
        line.append(f"  ← removed: {row.removed.kind}", style=STYLES["kind"])
        return line
    for piece in shortened(list(row.pieces), CONTEXT_KEPT):
        _append(line, piece.text, STYLES.get(piece.op, ""))
    return line


def _append(line: Text, text: str, style: str) -> None:
    for run, hidden in pieces(text, keep_tabs=True):
        line.append(run, style=f"{style} {STYLES['hidden']}" if hidden else style)


def _encoded(text: str) -> bytes:
    # A file name that is not UTF-8 goes out as the bytes it was; a lone surrogate
    # from a broken JSON escape cannot, and is written as its escape.
    try:
        return text.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        return text.encode("utf-8", "backslashreplace")


def write_lines(lines: Iterable[str], stream: IO[str] | None = None) -> None:
    """Lines of text to `stream`, as bytes where it has them."""
    stream = stream or sys.stdout
    binary = getattr(stream, "buffer", None)
    data = "".join(lines)
    if binary is None:
        stream.write(data)
    else:
        binary.write(_encoded(data))
    stream.flush()
