"""
Strip: drop the page furniture that scraping leaves around an article (comment
widgets, related-news lists, footers, image alt text, datelines and bylines) and lay
the rest out as one paragraph per line, paragraphs separated by a blank line.

No single phrase list decides. Each line is judged on several signals (`judge.PASSES`,
in order of trust): the widget phrases in `boilerplate.json` (plus the user's
`Rules`), its place relative to the article body (one contiguous run of prose;
widgets and related lists sit after it), its quality as prose, whether it repeats a
neighbour or copies accented text without its diacritics, and, with a learned
`vnclean.profile.Profile`, whether it recurs across many pages of the same site. When
the signals disagree the line stays: losing a paragraph is worse than keeping a stray
line.

Modules: `words` (counting words), `lines` (the lines judged), `rules` (furniture
patterns as data), `metadata` (datelines and credits), `signals` (what a line's own
text says), `passes` (what its place says), `judge` (the passes in order, then the
model). The model (`model`, weights in `weights.json`) judges the lines the passes
keep from the signals in `features`, with the article span of `span`.
"""

from __future__ import annotations

import bisect
import functools
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from vnclean import edits
from vnclean.model import Edit, Explained, Removed
from vnclean.segments import newline_of
from vnclean.strip.judge import PASSES, judge_until_stable, judge_with_model
from vnclean.strip.lines import Line, is_headline, split_lines
from vnclean.strip.rules import KINDS, Pattern, Rules
from vnclean.strip.signals import LINE_SIGNALS

if TYPE_CHECKING:  # vnclean.profile reads lines as this package does, so imports it
    from vnclean.profile import Profile


def strip_boilerplate(
    text: str,
    *,
    rules: Rules | str | Path | None = None,
    profile: Profile | str | Path | None = None,
) -> str:
    """
    Drop boilerplate lines and lay out one paragraph per line with blank lines between.

        >>> out = strip_boilerplate("Hà Nội mưa to\\n.\\nSáng nay trời mưa.\\nTrả lời")
        >>> out
        'Hà Nội mưa to\\n\\nSáng nay trời mưa.'
        >>> [(r.line, r.kind) for r in out.removed]
        [(1, 'punctuation'), (3, 'comment-widget')]

    `rules` (a `Rules`) adds the user's patterns to the shipped ones; `profile` (a
    `Profile`) removes lines that recur across the site's pages; either may also be
    given as a path, read once. The result is an
    `Explained` string: its edits replay the input into the output, `removed` lists
    every dropped line with its kind and evidence, `metadata` holds the date, author,
    source and title found on lines of their own.
    """
    if isinstance(rules, (str, Path)):
        rules = _load_rules(str(rules))
    if isinstance(profile, (str, Path)):
        profile = _load_profile(str(profile))
    active = _with_shipped(rules) if rules is not None else Rules.shipped()
    content = split_lines(text)
    for line in content:
        line.protected = active.keeps(line.text)
    kept = judge_until_stable(content, active, profile)
    kept = judge_with_model(kept, active, profile)
    changes = _edits(text, content, kept, newline_of(text))
    removed = [
        Removed(l.index, l.text, l.kind or "", l.reason) for l in content if l.removed
    ]
    return Explained(
        edits.apply(text, changes),
        edits=changes,
        removed=removed,
        metadata=_metadata(content, kept),
    )


@functools.lru_cache(maxsize=8)
def _with_shipped(rules: Rules) -> Rules:
    """
    The user's patterns, then the shipped ones, so the user's can give a line another
    kind: one object for every document, which keeps the answers it has worked out.
    """
    return rules + Rules.shipped()


@functools.lru_cache(maxsize=8)
def _load_rules(path: str) -> Rules:
    return Rules.load(path)


@functools.lru_cache(maxsize=8)
def _load_profile(path: str) -> Profile:
    from vnclean.profile import Profile

    return Profile.load(path)


def _metadata(content: list[Line], kept: list[Line]) -> dict[str, str]:
    found: dict[str, str] = {}
    for line in content:
        for key, value in line.meta.items():
            if value and key not in found:
                found[key] = value
    if len(kept) > 1 and not kept[0].has_words(31):
        first = kept[0]
        if is_headline(first) or first.text.isupper():
            found["title"] = first.text
    return found


def _edits(
    text: str, content: list[Line], kept: list[Line], newline: str
) -> list[Edit]:
    """One edit per gap between kept lines: the removed lines and the layout."""
    if not kept:
        return [Edit(0, len(text), "", _gap_reason(content))] if text else []
    removed = [line for line in content if line.removed]  # in order of position
    starts = [line.start for line in removed]

    def removed_between(start: int, end: int) -> list[Line]:
        return removed[
            bisect.bisect_left(starts, start) : bisect.bisect_left(starts, end)
        ]

    changes: list[Edit] = []
    bounds = [0] + [x for line in kept for x in (line.start, line.end)] + [len(text)]
    # The text ends in a line break only when the input did: a title cleaned alone,
    # or a record of a JSON-lines corpus, gains nothing.
    last = newline if text.rstrip(" \t").endswith(("\n", "\r")) else ""
    replacements = [""] + [newline * 2] * (len(kept) - 1) + [last]
    for (start, end), after in zip(zip(bounds[::2], bounds[1::2]), replacements):
        if text[start:end] == after:
            continue
        changes.append(
            Edit(start, end, after, _gap_reason(removed_between(start, end)))
        )
    return changes


def _gap_reason(removed: Iterable[Line]) -> str:
    kinds = sorted({line.kind for line in removed if line.kind})
    if not kinds:
        return "lay out one paragraph per line"
    return "remove " + ", ".join(kinds)


__all__ = [
    "KINDS",
    "LINE_SIGNALS",
    "PASSES",
    "Pattern",
    "Rules",
    "strip_boilerplate",
]
