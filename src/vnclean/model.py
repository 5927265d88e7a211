"""
The small value types every module shares: what a run is configured with (`Config`),
what a step may say about its own work (`Edit`, `Removed`, `Explained`) and what a run
returns (`Change`, `Result`); and `per_text`, the cache steps share for one text.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

R = TypeVar("R")

TONE_STYLES = ("old", "new", "keep")


@dataclass(frozen=True)
class Config:
    """How to clean: which stages run, which steps are skipped, and their options."""

    repair: bool = True
    normalize: bool = True
    strip: bool = True
    tone_style: str = "old"
    skip: frozenset[str] = frozenset()
    # Boilerplate rules added by the user (--rules) and a learned site profile.
    rules: Any = None
    profile: Any = None

    def __post_init__(self) -> None:
        # Any collection of step names will do (a set, a list); kept as a frozenset.
        object.__setattr__(self, "skip", frozenset(self.skip))
        if self.tone_style not in TONE_STYLES:
            raise ValueError(
                f"tone_style must be one of {', '.join(TONE_STYLES)}, not {self.tone_style!r}"
            )


@dataclass(frozen=True)
class Change:
    """
    One change a step made: `text[start:end]` was `before` and became `after`.

    Offsets index the text as the step received it (for the first step that changed
    anything, the input); `vnclean.replay` applies a list of changes in order.
    """

    step: str
    start: int
    end: int
    before: str
    after: str
    reason: str


@dataclass(frozen=True)
class Edit:
    """A step's own account of one replacement in its input, with the evidence."""

    start: int
    end: int
    after: str
    reason: str


@dataclass(frozen=True)
class Removed:
    """A line the boilerplate stage dropped, what kind of furniture it is, and why."""

    line: int  # 0-based index of the line in the text the step received
    text: str
    kind: str  # comment-widget, related-list, footer, image-alt, dateline, byline, ...
    reason: str


class Explained(str):
    """
    A step's output that carries its own explanation: the edits that turn the step's
    input into this text, the lines it removed and the metadata it found.

        >>> out = Explained("Hà Nội", edits=[Edit(2, 4, " ", "no-break space")])
        >>> out == "Hà Nội", out.edits[0].reason
        (True, 'no-break space')
    """

    edits: tuple[Edit, ...]
    removed: tuple[Removed, ...]
    metadata: Mapping[str, str]

    def __new__(  # noqa: PYI034 (Explained is never subclassed)
        cls,
        text: str,
        *,
        edits: Iterable[Edit] = (),
        removed: Iterable[Removed] = (),
        metadata: Mapping[str, str] | None = None,
    ) -> Explained:
        self = super().__new__(cls, text)
        self.edits = tuple(edits)
        self.removed = tuple(removed)
        self.metadata = dict(metadata or {})
        return self


@dataclass
class Result:
    """What `clean_and_explain` returns."""

    text: str
    changes: list[Change] = field(default_factory=list)
    removed: list[Removed] = field(default_factory=list)
    metadata: dict[str, str] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready view, as the CLI's json/jsonl output writes it."""
        return {
            "text": self.text,
            "metadata": dict(self.metadata),
            "changes": [vars(c) for c in self.changes],
            "removed": [vars(r) for r in self.removed],
        }


# The last text and answer of each `per_text` function.
_REMEMBERED: list[list[Any]] = []


def forget_texts() -> None:
    """
    Let every `per_text` function forget its last text: once a step has changed the
    text, no later step asks about the text before, and a large document is not
    kept in memory once per function.
    """
    for last in _REMEMBERED:
        last.clear()


def per_text(function: Callable[[str], R]) -> Callable[[str], R]:
    """
    Remember `function`'s answer for the last text it was given, that very object:
    steps in a row receive the same text object while none changes it, and a str
    cannot change, so the same object has the same answer.
    """
    last: list[tuple[str, R]] = []
    _REMEMBERED.append(last)

    @functools.wraps(function)
    def remembered(text: str) -> R:
        if last and last[0][0] is text:
            return last[0][1]
        answer = function(text)
        last[:] = [(text, answer)]
        return answer

    return remembered
