"""
The lines the strip stage judges: each non-blank line of the input with its place,
its word count and, once judged, the kind of furniture it is and why. Also the
shapes that several signals share: what reads as prose, what as a headline.
"""

from __future__ import annotations

import functools
import re
import sys
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field

from vnclean import lazy
from vnclean.segments import LINE_BREAK_RE
from vnclean.strip.words import COUNT_WORDS_TO, count_words, word_finder

# The line breaks of LINE_BREAK_RE, kept by `split_lines` (a captured group).
LINE_BREAK_KEPT_RE = re.compile(f"({LINE_BREAK_RE.pattern})")
WHITESPACE_RUN_RE = lazy.compile(r"\s+")
# "Headline 0 0 Teaser…": view and comment counters between a headline and its teaser.
COUNTERS_RE = lazy.compile(r"[\p{L}\p{P}]\s+\d{1,5}\s+\d{1,5}\s+[\p{Lu}\p{Pi}\p{Ps}\"]")
# A prefilter for COUNTERS_RE in the stdlib `re`: two digits with only spaces between
# them. Its \s holds every `regex` \s, and astral characters stand in for the digits
# its older Unicode tables lack (both checked over all code points in
# tests/test_perf_equivalence.py).
COUNTERS_HINT_RE = re.compile(r"[\d\U00010000-\U0010ffff]\s+[\d\U00010000-\U0010ffff]")
TERMINAL = (".", "!", "?", "…", '"', "”", "»", ")", "'", "’", ":")
SENTENCE_END = (".", "!", "?", "…", '"', "”", "»", ")", "'", "’")

# A signal's finding: the kind of furniture, the reason, what the line says.
Verdict = tuple[str, str, Mapping[str, str] | None]


@dataclass(slots=True)
class Line:
    index: int
    start: int  # offsets of the stripped text in the step's input
    end: int
    text: str
    count: int  # of words, counted up to COUNT_WORDS_TO
    kind: str | None = None
    reason: str = ""
    meta: dict[str, str] = field(default_factory=dict)
    protected: bool = False  # the user's rules say keep
    # What the line's text alone says (`signals.own_verdict`): worked out on the first
    # pass and reused, since the text and the rules stay the same on every pass.
    verdict: Verdict | None = None
    read: bool = False  # whether `verdict` has been worked out
    # What the properties below work out when first asked.
    _words: list[str] | None = field(default=None, repr=False, compare=False)
    _count31: int | None = field(default=None, repr=False, compare=False)
    _counters: bool | None = field(default=None, repr=False, compare=False)

    @property
    def words(self) -> list[str]:
        """
        The words of the line (see `words.WORD_RE`); a word that many lines of the
        page use is one string they share.
        """
        if self._words is None:
            found = word_finder(self.text).findall(self.text)
            self._words = list(map(sys.intern, found))
        return self._words

    def has_words(self, number: int) -> bool:
        """Whether the line has `number` words or more (`number` at most 31)."""
        if number <= COUNT_WORDS_TO or self.count < COUNT_WORDS_TO:
            return self.count >= number  # the count is exact, or enough
        if self._count31 is None:
            self._count31 = count_words(self.text, 31)
        return self._count31 >= number

    @property
    def counters(self) -> bool:
        """A headline, view and comment counters, a teaser."""
        if self._counters is None:
            self._counters = (
                self.count >= 10
                and COUNTERS_HINT_RE.search(self.text) is not None
                and COUNTERS_RE.search(self.text) is not None
            )
        return self._counters

    @property
    def removed(self) -> bool:
        return self.kind is not None

    def remove(
        self, kind: str, reason: str, meta: Mapping[str, str] | None = None
    ) -> None:
        """Mark the line as furniture, unless a signal before did or rules keep it."""
        if self.kind is None and not self.protected:
            self.kind, self.reason = kind, reason
            self.meta = dict(meta or {})


def split_lines(text: str) -> list[Line]:
    """The lines of `text` that hold more than white space, numbered among all."""
    lines: list[Line] = []
    pieces = LINE_BREAK_KEPT_RE.split(
        text
    )  # a line, its break, a line, ..., the last line
    position = 0
    for index, (body, end) in enumerate(zip(pieces[::2], pieces[1::2] + [""])):
        stripped = body.strip()
        if stripped:  # a blank line only parts paragraphs; the layout is redone
            start = position + len(body) - len(body.lstrip())
            count = count_words(stripped, COUNT_WORDS_TO)
            lines.append(Line(index, start, start + len(stripped), stripped, count))
        position += len(body) + len(end)
    return lines


@functools.lru_cache(maxsize=8192)  # each line is collapsed by several signals
def collapse(text: str) -> str:
    """
    NFC, every run of whitespace one space, no space at the ends: the form in which
    a line is matched against rules and compared with other lines.

        >>> collapse(" Hà\\u00a0 Nội "), collapse("Hà Nội ")
        ('Hà Nội', 'Hà Nội')
    """
    text = unicodedata.normalize("NFC", text)
    # A printable text has no whitespace but the plain space (every other White_Space
    # character is a control or a separator), so without two spaces in a row there
    # is nothing to collapse but the ends (tests/test_perf_equivalence.py).
    if "  " not in text and text.isprintable():
        return text.strip()
    return WHITESPACE_RUN_RE.sub(" ", text).strip()


def is_prose(line: Line) -> bool:
    """A line that reads as a paragraph: a sentence, or long enough to be one."""
    return line.count >= 12 or (line.count >= 4 and line.text.endswith(SENTENCE_END))


def is_headline(line: Line) -> bool:
    """A short line without final punctuation, as headlines and menu items are."""
    return (
        line.count >= 3
        and not line.text.endswith((".", ":", ";", "…", ","))
        and not line.has_words(31)
    )
