"""
Changes told once per kind: the same `'\\xa0' -> ' '` made 37 times is one line,
`×37, lines 3–41`, under its step and reason; removed lines in a row of one kind are
one entry.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from vnclean.review.trace import Located, RemovedLine


@dataclass
class Fold:
    """Identical changes (same step, reason, before and after) of one document."""

    first: Located  # the first one, whose context is shown
    count: int = 0
    lines: list[int] = field(default_factory=list)


@dataclass
class Reason:
    """The folded changes a step made for one reason."""

    step: str
    reason: str
    folds: list[Fold] = field(default_factory=list)

    @property
    def count(self) -> int:
        return sum(fold.count for fold in self.folds)


def by_reason(located: Iterable[Located]) -> list[Reason]:
    """
    The changes grouped by step and reason, in the order first met, identical
    changes folded.

        >>> from vnclean.model import Change
        >>> nbsp = [Located(Change("s", i, i + 1, "\\xa0", " ", "why"), i, "") for i in (3, 9, 41)]
        >>> [(r.step, r.count, [(f.count, lines(f.lines)) for f in r.folds]) for r in by_reason(nbsp)]
        [('s', 3, [(3, 'lines 3, 9, 41')])]
    """
    reasons: dict[tuple[str, str], Reason] = {}
    folds: dict[tuple[str, str, str, str], Fold] = {}
    for item in located:
        change = item.change
        key = (change.step, change.reason)
        if key not in reasons:
            reasons[key] = Reason(change.step, change.reason)
        fold_key = (*key, change.before, change.after)
        if fold_key not in folds:
            folds[fold_key] = Fold(item)
            reasons[key].folds.append(folds[fold_key])
        fold = folds[fold_key]
        fold.count += 1
        fold.lines.append(item.line)
    return list(reasons.values())


def by_kind(removed: Iterable[RemovedLine]) -> list[list[RemovedLine]]:
    """Removed lines grouped by kind, in the order kinds are first met."""
    kinds: dict[str, list[RemovedLine]] = {}
    for line in removed:
        kinds.setdefault(line.removed.kind, []).append(line)
    return list(kinds.values())


def lines(numbers: Iterable[int]) -> str:
    """
    Line numbers, said briefly.

        >>> lines([3]), lines([3, 3]), lines([3, 7]), lines([3, 9, 41, 5])
        ('line 3', 'line 3', 'lines 3, 7', 'lines 3–41')
    """
    distinct = sorted(set(numbers))
    if len(distinct) == 1:
        return f"line {distinct[0]}"
    if len(distinct) <= 3:
        return "lines " + ", ".join(map(str, distinct))
    return f"lines {distinct[0]}–{distinct[-1]}"
