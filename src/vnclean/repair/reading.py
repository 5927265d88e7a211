"""
Words read whole: the text as its reader sees it, for the word-level repair steps.

Text copied out of HTML hides characters inside words: a character reference where
a letter was escaped (`đư&#7907;c`), and invisible characters (soft hyphen, zero-width
space, non-joiner, joiner, word joiner, BOM). The normalize stage decodes or removes
them later; a word-level repair that gathered its evidence before that would see
fragments (`phầ` + `n`, `đư` + `c`) that look like damage. `read_words` gives the
text with those references decoded and those characters left out, and the way back
to the text's own offsets, so the step edits the text as it came.
"""

from __future__ import annotations

import bisect
import functools
import html
import itertools
import re
import unicodedata

from vnclean import lazy
from vnclean.model import per_text
from vnclean.repair.entities import ENTITY_RE

HIDDEN_IN_WORD = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
HIDDEN_CHAR_RE = re.compile(f"[{HIDDEN_IN_WORD}]")
HIDDEN_RE = lazy.compile(f"{ENTITY_RE.pattern}|[{HIDDEN_IN_WORD}]")


class Reading:
    """
    `text` as its words read, with each place where it differs from `original`
    (a reference decoded, an invisible character left out) remembered.

        >>> reading = Reading("đư&#7907;c phầ\\u00adn")
        >>> reading.text
        'được phần'
        >>> reading.rewrite(5, 9, "phủn")
        (11, 16, 'phủ\\xadn')
    """

    def __init__(self, original: str) -> None:
        self.original = original
        if "&" in original:
            self.pieces, self.text = _read(original)
        else:
            # No reference to decode: the reading is the text without its invisible
            # characters, and where each stood is found once a word is rewritten.
            shown = HIDDEN_CHAR_RE.sub("", original)
            self.text = original if len(shown) == len(original) else shown

    @functools.cached_property
    def pieces(self) -> list[tuple[int, int, int, str]]:
        """(start in the reading, start and end in the original, what the reading
        shows) for each place where the reading differs from the original."""
        return _read(self.original)[0]

    @functools.cached_property
    def _ends(self) -> list[int]:
        return [v + len(shown) for v, _, _, shown in self.pieces]

    @functools.cached_property
    def _starts(self) -> list[int]:
        return [v for v, _, _, _ in self.pieces]

    @functools.cached_property
    def _shifts(self) -> list[int]:
        return list(
            itertools.accumulate(o2 - o1 - len(s) for _, o1, o2, s in self.pieces)
        )

    def _shift(self, count: int) -> int:
        return self._shifts[count - 1] if count else 0

    def start(self, at: int) -> int:
        """Where the character at `at` of the reading starts in the original."""
        # Past every piece that ends by `at`: an invisible character just before the
        # letter is not part of it.
        return at + self._shift(bisect.bisect_right(self._ends, at))

    def end(self, at: int) -> int:
        """Where a span of the reading that ends at `at` ends in the original."""
        # Past every piece that starts before `at`: an invisible character just after
        # the span is not part of it.
        return at + self._shift(bisect.bisect_left(self._starts, at))

    def rewrite(self, start: int, end: int, new: str) -> tuple[int, int, str]:
        """
        The original's span for text[start:end], and what it becomes when the letters
        there become `new` (as long): a letter that changes is written out, and the
        invisible characters and references around it are kept.
        """
        begin, finish = self.start(start), self.end(end)
        parts, at = [], begin
        for i, (was, now) in enumerate(zip(self.text[start:end], new)):
            if was != now:
                parts.append(self.original[at : self.start(start + i)])
                parts.append(now)
                at = self.end(start + i + 1)
        parts.append(self.original[at:finish])
        return begin, finish, "".join(parts)


def _read(original: str) -> tuple[list[tuple[int, int, int, str]], str]:
    """Reading's pieces and text for `original`, each reference and invisible
    character in turn."""
    parts: list[str] = []
    pieces: list[tuple[int, int, int, str]] = []
    at = shift = 0
    if "&" in original or HIDDEN_CHAR_RE.search(original):
        for match in HIDDEN_RE.finditer(original):
            shown = _shown(match.group())
            if shown is None:
                continue
            parts.append(original[at : match.start()])
            parts.append(shown)
            pieces.append((match.start() - shift, match.start(), match.end(), shown))
            shift += match.end() - match.start() - len(shown)
            at = match.end()
    parts.append(original[at:])
    return pieces, "".join(parts) if pieces else original


@functools.lru_cache(maxsize=4096)
def _shown(raw: str) -> str | None:
    """What a reader sees for a reference or an invisible character; None keeps it
    as written (a reference to anything but a letter, a mark or an invisible)."""
    if raw[0] != "&":
        return ""
    decoded = html.unescape(raw)
    if decoded == raw or len(decoded) != 1:
        return None
    if decoded in HIDDEN_IN_WORD:
        return ""
    return decoded if unicodedata.category(decoded)[0] in "LM" else None


@per_text  # the word-level steps in a row read the same text
def read_words(text: str) -> Reading:
    """`text` as its words read (see Reading)."""
    return Reading(text)
