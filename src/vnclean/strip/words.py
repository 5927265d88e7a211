"""
Counting the words of a line, the evidence most strip signals start from: a menu
entry has one to three words, a headline a dozen, a paragraph more.

Two meanings of "word" are in use, each with its own pattern:

- `WORD_RE`, a word of running text: letters and digits, with inner apostrophes,
  dots or hyphens kept inside it ("COVID-19", "v.v", "H'Mông"). The judge counts
  these.
- `CREDIT_WORD_RE`, a word as a credit or dateline is measured: it runs on through
  dots, apostrophes, hyphens and underscores, so "Baochinhphu.vn" and "PV_VOV" are
  one word each. `metadata` counts these.

Each has a twin in the stdlib `re` (`WORD_PRINTABLE_RE`, `CREDIT_WORD_PRINTABLE_RE`)
used on printable text, where the two agree; `word_finder` and `count_credit_words`
choose between them, and tests/test_perf_equivalence.py proves the twins equal.
"""

from __future__ import annotations

import re

import regex

from vnclean import lazy

WORD_RE = lazy.compile(r"[\p{L}\p{N}]+(?:['’.-][\p{L}\p{N}]+)*")
# WORD_RE for the stdlib `re`: the same words on every printable character (checked
# over all code points); the older Unicode tables of `re` leave newer characters
# unassigned, hence not printable, so those lines go to WORD_RE.
WORD_PRINTABLE_RE = re.compile(r"[^\W_]+(?:['’.-][^\W_]+)*")
CREDIT_WORD_RE = lazy.compile(r"[\p{L}\p{N}][\p{L}\p{N}.'’_-]*")
# CREDIT_WORD_RE for the stdlib `re`, the same on every printable character.
CREDIT_WORD_PRINTABLE_RE = re.compile(r"[^\W_][\w.'’-]*")
# Two joiners before a letter or digit (`a..b`, `x.-y`): there a credit word runs on
# and takes two words of running text for one.
JOINER_PAIR_RE = re.compile(r"['’.-]{2}[^\W_]")
LETTERS_RE = lazy.compile(r"\p{L}+")

# A line's words are counted up to this many when it is split: most signals ask about
# fewer, and the few that ask about more go through `Line.has_words`.
COUNT_WORDS_TO = 13
# COUNT_WORDS_TO words of WORD_PRINTABLE_RE from the start of a line, each taken
# whole: one match tells a paragraph from a shorter line. The pattern needs the `re`
# of Python 3.11 or later; without it `count_words` counts word by word.
try:
    ENOUGH_WORDS_RE: re.Pattern[str] | None = re.compile(
        rf"(?:[\W_]*+[^\W_]++(?:['’.-][^\W_]++)*+){{{COUNT_WORDS_TO}}}"
    )
except re.error:
    ENOUGH_WORDS_RE = None


def word_finder(text: str) -> re.Pattern[str] | regex.Pattern[str]:
    """The pattern that finds the words of `text`: WORD_RE or its stdlib twin."""
    return WORD_PRINTABLE_RE if text.isprintable() else WORD_RE


def count_words(text: str, most: int) -> int:
    """
    The number of words of running text in `text`, counting no further than `most`:
    on a paragraph the count stops long before its end.

        >>> count_words("Bộ Y tế khuyến cáo người dân", 13), count_words("COVID-19", 13)
        (7, 1)
    """
    finder = word_finder(text)
    if (
        most == COUNT_WORDS_TO
        and finder is WORD_PRINTABLE_RE
        and ENOUGH_WORDS_RE
        and ENOUGH_WORDS_RE.match(text)
    ):
        return most
    return finder.subn("", text, count=most)[1]


def count_credit_words(line: str, most: int) -> int:
    """
    The number of credit words in `line`, counting no further than `most`.

        >>> count_credit_words("Theo Hà Văn/Baochinhphu.vn", 11)
        4
    """
    finder = CREDIT_WORD_PRINTABLE_RE if line.isprintable() else CREDIT_WORD_RE
    return finder.subn("", line, count=most)[1]


def counts_alike(text: str) -> bool:
    """
    Whether `text` has as many credit words as words of running text: on a printable
    line they differ only where a credit word runs on through `_` or two joiners.
    """
    return "_" not in text and text.isprintable() and not JOINER_PAIR_RE.search(text)
