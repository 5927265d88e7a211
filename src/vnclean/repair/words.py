"""
How the repair steps cut text: into lines, into tokens between white space, into runs
of letters; and how a line decoded as a whole is reported word by word.

Each pattern has one meaning, named by what it finds. A "token" is what a reader sees
as one word on the page, punctuation included (`Ná»™i,`); a "letter run" is the
letters and combining marks alone (`Ná`, `i`), which is what the syllable model
judges. Both are `vnclean.segments`' patterns, the ones every part of vnclean uses;
the repair steps take them from here with the rest.
"""

from __future__ import annotations

import re

from vnclean import lazy
from vnclean.model import Edit
from vnclean.segments import LETTER, LETTER_RUN_RE, TOKEN_RE

LINE_RE = lazy.compile(r"[^\n]*\n|[^\n]+")  # a line with its line break
WHITESPACE_RE = lazy.compile(r"\s")  # what ends a token


# White space as the regex module's `\s` reads it (Unicode White_Space; not the
# separators U+001C..U+001F that `re` also counts), spelled out for `re`;
# tests/test_perf_equivalence.py checks the two agree on every code point.
WHITESPACE = "\t\n\x0b\x0c\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
WHITESPACE_SPLIT_RE = re.compile(f"([{WHITESPACE}]+)")
# A line and its decoding holding one of these a different number of times split
# into different separators (the no-break space of `Ã\xa0`, à, is the common case).
COUNTED_SPACES = (" ", "\xa0", "\t")


def line_edits(
    offset: int, line: str, fixed: str, reasons: dict[str, str], default: str
) -> list[Edit]:
    """
    Edits turning `line` into `fixed`, word by word when both have the same words
    and spaces (decoding keeps them), else one edit for the line.
    """
    if any(line.count(c) != fixed.count(c) for c in COUNTED_SPACES):
        # The separators differ: the words cannot be paired.
        return [Edit(offset, offset + len(line), fixed, default)]
    old = WHITESPACE_SPLIT_RE.split(line)
    new = WHITESPACE_SPLIT_RE.split(fixed)
    if len(old) != len(new) or old[1::2] != new[1::2]:
        return [Edit(offset, offset + len(line), fixed, default)]
    edits, at = [], offset
    for o, n in zip(old, new):
        if o != n:
            reason = (
                next((r for d, r in reasons.items() if d in n), default)
                if reasons
                else default
            )
            edits.append(Edit(at, at + len(o), n, reason))
        at += len(o)
    return edits


__all__ = [
    "COUNTED_SPACES",
    "LETTER",
    "LETTER_RUN_RE",
    "LINE_RE",
    "TOKEN_RE",
    "WHITESPACE",
    "WHITESPACE_RE",
    "WHITESPACE_SPLIT_RE",
    "line_edits",
]
