"""
The words the normalize steps may rewrite, and the lines they sit on.

A word here is a run of letters with their combining marks, standing apart from
digits and underscores, and outside any URL, e-mail address or file path: `hoà` in
`https://x.vn/hoà` or `Hoà_2` is part of an address or an identifier, which must come
through byte for byte, not prose.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable

import regex

from vnclean import lazy
from vnclean.model import per_text
from vnclean.segments import LETTER

# Letters with their combining marks, not glued to digits or underscores
# (identifiers such as `Hòa_Bình2` are code, not prose).
LETTER_WORD_RE = lazy.compile(r"(?<![\w\p{M}])[\p{L}\p{M}]+(?![\w\p{M}])")
LETTER_OR_MARK_RE = lazy.compile(LETTER)
# Runs of non-space ("chunks") that hold URLs, e-mail addresses or paths: their words
# are never rewritten. URL_MARK_RE finds where to look; URLISH_RE judges the whole chunk.
URL_MARK_RE = lazy.compile(r"://|www\.|@|\.(?:com|vn|org|net|html?)\b|[\\/]")
URLISH_RE = lazy.compile(r"://|^www\.|@\S|[\\/].*[\\/]|\.(?:com|vn|org|net|html?)\b")
# The chunk around a position: the run of non-space that ends there (read backwards)
# and the one that starts there.
CHUNK_HEAD_RE = lazy.compile(r"(?r)\S*")
CHUNK_TAIL_RE = lazy.compile(r"\S*")
LINE_FEED_RE = lazy.compile(r"\n")


def find_words(
    text: str, must: regex.Pattern[str] | None = None
) -> list[regex.Match[str]]:
    """
    Words outside URLs, e-mail addresses and paths (and matching `must`, if given).

        >>> [m.group() for m in find_words("Hoà_2 https://x.vn/hoà hoà")]
        ['hoà']
    """
    if must is not None and not must.search(text):
        return []
    in_url = _in_url_chunk(text)
    found = []
    for match in LETTER_WORD_RE.finditer(text):
        if must is not None and not must.search(match.group()):
            continue
        if in_url(match.start()):
            continue
        found.append(match)
    return found


def find_words_at(
    text: str, positions: list[int], must: regex.Pattern[str]
) -> list[regex.Match[str]]:
    """
    The words `find_words(text, must)` finds that hold one of `positions` (sorted):
    the same matches, for a step that already knows where its words are.
    """
    in_url = _in_url_chunk(text)
    found: list[regex.Match[str]] = []
    for position in positions:
        if found and position < found[-1].end():
            continue
        start = position
        while start and LETTER_OR_MARK_RE.match(text, start - 1):
            start -= 1
        # A LETTER_WORD_RE match can only start where its run of letters starts.
        match = LETTER_WORD_RE.match(text, start)
        if match is None or match.end() <= position:
            continue
        if not must.search(match.group()) or in_url(match.start()):
            continue
        found.append(match)
    return found


def _in_url_chunk(text: str) -> Callable[[int], bool]:
    """A test: does a position of `text` fall inside a URL, e-mail or path chunk?"""
    skip = _url_chunks(text)
    starts = [start for start, _ in skip]

    def inside(position: int) -> bool:
        i = bisect.bisect_right(starts, position) - 1
        return i >= 0 and position < skip[i][1]

    return inside


def _url_chunks(text: str) -> list[tuple[int, int]]:
    """(start, end) of the runs of non-space characters that are URLs, e-mails, paths."""
    chunks: list[tuple[int, int]] = []
    for mark in URL_MARK_RE.finditer(text):
        if chunks and mark.start() < chunks[-1][1]:
            continue
        start = CHUNK_HEAD_RE.match(text, 0, mark.start()).start()  # type: ignore[union-attr]
        end = CHUNK_TAIL_RE.match(text, mark.start()).end()  # type: ignore[union-attr]
        if URLISH_RE.search(text[start:end]):
            chunks.append((start, end))
    return chunks


def line_of(text: str, match: regex.Match[str]) -> int:
    """The number of the line (from 0) where `match` starts."""
    return bisect.bisect_right(_line_starts(text), match.start()) - 1


@per_text  # asked once per word
def _line_starts(text: str) -> tuple[int, ...]:
    return (0, *(m.end() for m in LINE_FEED_RE.finditer(text)))
