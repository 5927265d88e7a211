"""
Where each change of a run happened in the input a person has in front of them.

A step's `Change` is placed in the text that step received; here every change, and
every line the strip stage removed, is traced back through the earlier steps to a
line of the input, with a few words around it. The strip stage's changes are not
repairs: the lines it removed are listed as removed lines with their kind, and the
blank lines it lays out between paragraphs are counted once, as layout.

`review` gathers all that for one document, with the rows a reader is shown: each
changed line as a word diff, each removed line with its kind, and how many unchanged
lines lie between.
"""

from __future__ import annotations

import bisect
import difflib
import functools
from collections.abc import Iterable
from dataclasses import dataclass, field

from vnclean.model import Change, Removed, Result
from vnclean.review.worddiff import DELETE, INSERT, Piece, word_diff
from vnclean.segments import LINE_BREAK_RE, TOKEN_RE

CONTEXT_WORDS = 3  # on each side of a change
CONTEXT_CHARS = 30


@dataclass(frozen=True)
class Located:
    """A change, the 1-based input line it happened on, and the words around it."""

    change: Change
    line: int
    text: str = field(repr=False, compare=False)  # the text its step received

    @functools.cached_property
    def _sides(self) -> tuple[str, str]:
        # Worked out for the few changes shown, not for the thousands of a document.
        return _context(self.text, self.change.start, self.change.end)

    @property
    def left(self) -> str:
        return self._sides[0]

    @property
    def right(self) -> str:
        return self._sides[1]

    @property
    def context(self) -> str:
        """A few words before the change, what it changed, a few words after."""
        return self.left + self.change.before + self.right


@dataclass(frozen=True)
class RemovedLine:
    """A line the strip stage removed, numbered as a line of the input."""

    removed: Removed
    line: int


@dataclass(frozen=True)
class Row:
    """
    One thing a reader is shown: a changed line (`changed`, its word diff), a line
    only in the input (`deleted`) or only in the output (`inserted`), a removed line
    (`removed`, with its kind), or `same`: `count` unchanged lines left out.
    """

    kind: str
    line: int = 0  # in the input; for `inserted`, the input line it follows
    before: str = ""  # the input line (changed, deleted, removed)
    after: str = ""  # the line as cleaned (changed, inserted)
    removed: Removed | None = None
    count: int = 0

    @functools.cached_property
    def pieces(self) -> tuple[Piece, ...]:
        """The line as deleted and inserted words; worked out when first shown."""
        if self.kind == "changed":
            return tuple(word_diff(self.before, self.after))
        if self.kind == "inserted":
            return (Piece(INSERT, self.after),)
        return (Piece(DELETE, self.before),) if self.before else ()


@dataclass
class Document:
    """What one document's review shows."""

    name: str
    rows: list[Row] = field(default_factory=list)
    repairs: list[Located] = field(default_factory=list)
    removed: list[RemovedLine] = field(default_factory=list)
    layout: list[Located] = field(default_factory=list)
    lines: int = 0  # of the input


def review(name: str, before: str, result: Result) -> Document:
    """
    The review of one document cleaned from `before` into `result`.

        >>> from vnclean import clean_and_explain
        >>> doc = review("a.txt", "Hà\\u00a0Nội\\nTrả lời", clean_and_explain("Hà\\u00a0Nội\\nTrả lời"))
        >>> [(r.kind, r.line) for r in doc.rows]
        [('changed', 1), ('removed', 2)]
        >>> [(x.line, x.change.before) for x in doc.repairs], doc.removed[0].removed.kind
        ([(1, '\\xa0')], 'comment-widget')
    """
    texts, maps = _replay(before, result.changes)
    starts = _line_starts(before)
    document = Document(name, lines=len(starts))
    strip_steps = _strip_steps()
    pre_strip = len(texts) - 1  # the text the strip stage received
    for index, (text, changes) in enumerate(texts[:-1]):
        step = changes[0].step
        if step in strip_steps and pre_strip == len(texts) - 1:
            pre_strip = index
        for change in changes:
            origin = _origin(maps, index, change.start)
            line = bisect.bisect_right(starts, origin)
            located = Located(change, line, text)
            if step not in strip_steps:
                document.repairs.append(located)
            elif not (change.before.strip() or change.after.strip()):
                document.layout.append(located)
    stripped = texts[pre_strip][0]
    stripped_starts = _line_starts(stripped)
    for removed in result.removed:
        if removed.line < len(stripped_starts):
            origin = _origin(maps, pre_strip, stripped_starts[removed.line])
            line = bisect.bisect_right(starts, origin)
        else:
            line = 0  # a line the steps before it could not have made; not expected
        document.removed.append(RemovedLine(removed, line))
    document.rows = _rows(before, stripped, result.removed)
    return document


def _replay(
    text: str, changes: Iterable[Change]
) -> tuple[list[tuple[str, list[Change]]], list[_Map]]:
    """
    The text each changing step received, with its changes, and at the end the text
    the last one made (with no changes); and for each step, the map of its output
    back to its input.
    """
    by_step: dict[str, list[Change]] = {}
    for change in changes:
        by_step.setdefault(change.step, []).append(change)
    texts: list[tuple[str, list[Change]]] = []
    maps: list[_Map] = []
    for step_changes in by_step.values():
        ordered = sorted(step_changes, key=lambda c: (c.start, c.end))
        texts.append((text, step_changes))
        parts: list[str] = []
        position = 0
        for change in ordered:
            parts.append(text[position : change.start])
            parts.append(change.after)
            position = change.end
        parts.append(text[position:])
        maps.append(_Map(ordered))
        text = "".join(parts)
    texts.append((text, []))
    return texts, maps


class _Map:
    """From an offset in a step's output to the offset in its input it came from."""

    def __init__(self, ordered: list[Change]) -> None:
        self.changes = ordered
        self.new_starts: list[int] = []
        shift = 0
        for change in ordered:
            self.new_starts.append(change.start + shift)
            shift += len(change.after) - (change.end - change.start)

    def back(self, offset: int) -> int:
        index = bisect.bisect_right(self.new_starts, offset) - 1
        if index < 0:
            return offset
        change = self.changes[index]
        new_start = self.new_starts[index]
        if offset < new_start + len(change.after):
            return change.start  # inside what the step wrote: where it wrote it
        return offset - (new_start + len(change.after)) + change.end


def _origin(maps: list[_Map], index: int, offset: int) -> int:
    # `offset` is in the text step `index` received; earlier steps map it back.
    for step_map in reversed(maps[:index]):
        offset = step_map.back(offset)
    return offset


def _line_starts(text: str) -> list[int]:
    return [0] + [match.end() for match in LINE_BREAK_RE.finditer(text)]


def _context(text: str, start: int, end: int) -> tuple[str, str]:
    """A few words on each side of text[start:end], on its line."""
    line_start = max(text.rfind("\n", 0, start) + 1, start - 4 * CONTEXT_CHARS)
    line_end = text.find("\n", end)
    line_end = min(len(text) if line_end < 0 else line_end, end + 4 * CONTEXT_CHARS)
    left = text[line_start:start]
    right = text[end:line_end]
    words = TOKEN_RE.findall(left)
    if len(words) > CONTEXT_WORDS:
        left = left[left.rindex(words[-CONTEXT_WORDS]) :]
    words = TOKEN_RE.findall(right)
    if len(words) > CONTEXT_WORDS:
        cut = right.index(words[CONTEXT_WORDS - 1]) + len(words[CONTEXT_WORDS - 1])
        right = right[:cut]
    return left[-CONTEXT_CHARS:], right[:CONTEXT_CHARS]


@functools.cache
def _strip_steps() -> frozenset[str]:
    # Imported here: the pipeline imports every stage, and a review needs none of them.
    from vnclean.pipeline import STEPS, STRIP, stage_of

    return frozenset(step.__name__ for step in STEPS if stage_of(step) == STRIP)


def _rows(before: str, stripped: str, removed: Iterable[Removed]) -> list[Row]:
    """
    The rows of a review: input lines against the lines the strip stage received
    (repairs keep lines where they are), then that stage's removed lines marked.
    Blank lines are layout, and left out.
    """
    old = LINE_BREAK_RE.split(before)
    new = LINE_BREAK_RE.split(stripped)
    removed_at = {line.line: line for line in removed}
    rows: list[Row] = []
    same = 0

    def add(row: Row) -> None:
        nonlocal same
        if same:
            rows.append(Row("same", count=same))
            same = 0
        rows.append(row)

    for tag, i1, i2, j1, j2 in _line_opcodes(old, new):
        paired = tag == "equal" or (tag == "replace" and i2 - i1 == j2 - j1)
        if paired:
            for i, j in zip(range(i1, i2), range(j1, j2)):
                if j in removed_at:
                    add(Row("removed", i + 1, old[i], removed=removed_at[j]))
                elif not new[j].strip():
                    continue  # layout
                elif old[i] == new[j]:
                    same += 1
                else:
                    add(Row("changed", i + 1, old[i], new[j]))
            continue
        for i in range(i1, i2):
            if old[i].strip():
                add(Row("deleted", i + 1, old[i]))
        for j in range(j1, j2):
            if j in removed_at:
                add(Row("removed", i1 + 1, removed_at[j].text, removed=removed_at[j]))
            elif new[j].strip():
                add(Row("inserted", i1, after=new[j]))
    if same and rows:
        rows.append(Row("same", count=same))
    return rows


def _line_opcodes(
    old: list[str], new: list[str]
) -> list[tuple[str, int, int, int, int]]:
    # Repairs rarely add or remove a line: then lines pair one to one.
    if len(old) == len(new):
        return [("replace", 0, len(old), 0, len(new))]
    return difflib.SequenceMatcher(None, old, new).get_opcodes()
