"""
The one way a step reports what it changed, and the way a reader replays it.

A step with evidence builds `Edit`s (start, end, new text, reason) over the text it
received and returns `apply(text, edits)`; a step that rewrites matches of a pattern
returns `substitute(text, matches, fix)`. Either gives an `Explained` string that
carries its edits. For a step that returns a plain string, the pipeline recovers its
changes with `diff_spans` and takes the reason from the step's docstring.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable

import regex

from vnclean import lazy
from vnclean.model import Change, Edit, Explained

Fix = Callable[[regex.Match[str]], "tuple[str, str] | None"]


def apply(text: str, edits: Iterable[Edit]) -> str:
    """
    `text` with non-overlapping `edits` applied, as an `Explained` string.

        >>> out = apply("Ha Noi", [Edit(0, 2, "Hà", "tone"), Edit(3, 6, "Nội", "tone")])
        >>> out, [e.reason for e in out.edits]
        ('Hà Nội', ['tone', 'tone'])
    """
    edits = sorted(edits, key=lambda e: e.start)
    if not edits:
        return text
    parts, at = [], 0
    for edit in edits:
        parts.append(text[at : edit.start])
        parts.append(edit.after)
        at = edit.end
    parts.append(text[at:])
    joined = "".join(parts)
    del parts  # the pieces are a copy of the text: gone before the result is made
    return Explained(joined, edits=edits)


def substitute(text: str, matches: Iterable[regex.Match[str]], fix: Fix) -> str:
    """
    Replace each match (in order, not overlapping) by what `fix` returns for it, a
    (new text, reason) pair, or keep it where `fix` returns None.

        >>> import regex
        >>> substitute("a1 b2", regex.finditer(r"\\d", "a1 b2"), lambda m: ("#", "digit"))
        'a# b#'
    """
    edits = []
    for match in matches:
        found = fix(match)
        if found is None or found[0] == match.group():
            continue
        edits.append(Edit(match.start(), match.end(), found[0], found[1]))
    return apply(text, edits)


def replay(text: str, changes: Iterable[Change]) -> str:
    """
    Apply `changes` to the text they were made from, step by step: this is how a
    reader checks that the explanation accounts for every difference.

    Spans are offsets into the text as their step received it, so the changes of one
    step are applied together (from the end, so earlier offsets stay valid) before
    the next step's.
    """
    by_step: dict[str, list[Change]] = {}
    for change in changes:
        by_step.setdefault(change.step, []).append(change)
    for steps_changes in by_step.values():
        for change in sorted(
            steps_changes, key=lambda c: (c.start, c.end), reverse=True
        ):
            text = text[: change.start] + change.after + text[change.end :]
    return text


MAX_DIFF_ITEMS = 2000  # lines or words difflib compares at once
# A word, a run of spaces, or one other sign: the units a changed line is diffed in.
DIFF_TOKEN_RE = lazy.compile(r"\w+|\s+|[^\w\s]", regex.V1)


def diff_spans(before: str, after: str) -> list[tuple[int, int, str]]:
    """
    The spans of `before` that must be replaced to make `after`, as (start, end, new),
    at word granularity. Lines are matched first, then the words of changed lines.

        >>> diff_spans("Hà  Nội", "Hà Nội")
        [(2, 4, ' ')]
    """
    old_lines = before.splitlines(keepends=True)
    new_lines = after.splitlines(keepends=True)
    spans: list[tuple[int, int, str]] = []
    old_offsets = _offsets(old_lines)
    for tag, i1, i2, j1, j2 in opcodes(old_lines, new_lines):
        if tag == "equal":
            continue
        if tag == "replace" and i2 - i1 == j2 - j1:
            for k in range(i2 - i1):
                base = old_offsets[i1 + k]
                for start, end, new in _token_spans(
                    old_lines[i1 + k], new_lines[j1 + k]
                ):
                    spans.append((base + start, base + end, new))
        else:
            spans.append((old_offsets[i1], old_offsets[i2], "".join(new_lines[j1:j2])))
    return spans


def opcodes(
    old: list[str], new: list[str], most: int | None = MAX_DIFF_ITEMS
) -> list[tuple[str, int, int, int, int]]:
    """
    difflib's opcodes between the common head and tail, where a step's few changes
    lie. With difflib's autojunk a run of one repeated item (blank lines, a word said
    500 times) may be matched coarsely, but the opcodes still turn `old` into `new`.
    Past `most` items the middle is reported as one change.
    """
    head = 0
    limit = min(len(old), len(new))
    while head < limit and old[head] == new[head]:
        head += 1
    tail = 0
    while tail < limit - head and old[-1 - tail] == new[-1 - tail]:
        tail += 1
    old_middle, new_middle = old[head : len(old) - tail], new[head : len(new) - tail]
    codes = [("equal", 0, head, 0, head)] if head else []
    if most is not None and max(len(old_middle), len(new_middle)) > most:
        codes.append(("replace", head, len(old) - tail, head, len(new) - tail))
    else:
        matcher = difflib.SequenceMatcher(None, old_middle, new_middle)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            codes.append((tag, head + i1, head + i2, head + j1, head + j2))
    if tail:
        codes.append(("equal", len(old) - tail, len(old), len(new) - tail, len(new)))
    return codes


def _offsets(parts: list[str]) -> list[int]:
    offsets = [0]
    for part in parts:
        offsets.append(offsets[-1] + len(part))
    return offsets


def _token_spans(before: str, after: str) -> Iterable[tuple[int, int, str]]:
    old = DIFF_TOKEN_RE.findall(before)
    new = DIFF_TOKEN_RE.findall(after)
    old_offsets = _offsets(old)
    for tag, i1, i2, j1, j2 in opcodes(old, new):
        if tag != "equal":
            yield old_offsets[i1], old_offsets[i2], "".join(new[j1:j2])
