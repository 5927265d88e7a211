"""
What counts as evidence that a repair gives Vietnamese: the syllable model's verdicts
and the thresholds every repair step shares.

- a repaired word must be a valid syllable seen at least `MIN_FREQUENCY` times;
- a valid syllable is only replaced by a syllable `RATIO` times more frequent
  (`LEARNED_RATIO` for a substitution the document has shown: `hử`→`hề` but `thử`,
  `sử`, `cử`, `tử`, `xử` stay);
- a mapping learned from the document needs `MIN_WORDS` distinct words that it turns
  from impossible into frequent syllables, and twice the votes of any rival mapping.

Beyond one syllable, `forms_word` says whether two neighbouring syllables are two
syllables of one word of the Viet74K list (`chỉnh tề`, `tồn tại`): where a lost byte
or a swapped letter leaves two readings, the one that makes a word with its
neighbour is what was written.
"""

from __future__ import annotations

import functools
import math
import unicodedata

from vnclean import syllable, tables
from vnclean.repair.words import LETTER_RUN_RE

MIN_FREQUENCY = 20
RATIO = 50
LEARNED_RATIO = 10
MIN_WORDS = 2


# No syllable is longer: onset (3) + rhyme (4) letters, plus 3 marks if decomposed.
MAX_SYLLABLE_CHARS = 16


def frequent(word: str) -> bool:
    """A valid syllable seen at least MIN_FREQUENCY times."""
    return (
        len(word) <= MAX_SYLLABLE_CHARS
        and syllable.frequency(word) >= MIN_FREQUENCY
        and syllable.is_valid(word)
    )


def attested(word: str) -> bool:
    """A valid syllable the corpus has seen at least once."""
    return syllable.frequency(word) >= 1 and syllable.is_valid(word)


def much_better(new: str, old: str, ratio: int = RATIO) -> bool:
    """`new` is a frequent syllable and `old` is impossible or `ratio` times rarer."""
    if not frequent(new):
        return False
    if not syllable.is_valid(old):
        return True
    return syllable.frequency(new) >= ratio * max(syllable.frequency(old), 1)


def cased(word: str) -> bool:
    """Written in lower case, upper case or title case, as a syllable can be."""
    return (
        word.islower() or word.isupper() or (word[0].isupper() and word[1:].islower())
    )


def vietnamese_score(text: str) -> float | None:
    """
    Mean log frequency of the words in `text` when every word is a frequent
    Vietnamese syllable in a plausible case and at least one carries a diacritic;
    otherwise None.
    """
    words = LETTER_RUN_RE.findall(text)
    if not words or all(w.isascii() for w in words):
        return None
    score = 0.0
    for word in words:
        if (
            not cased(word)
            or not syllable.is_valid(word)
            or syllable.frequency(word) < 1
        ):
            return None
        score += math.log(syllable.frequency(word) + 1)
    return score / len(words)


def abbreviation(word: str) -> bool:
    """An abbreviation such as QĐ or HĐND: capitals without vowels, one of them Đ."""
    return "Đ" in word and set(word) <= set("BCDĐFGHJKLMNPQRSTVWXZ")


@functools.cache
def vietnamese_letters() -> frozenset[str]:
    """Every letter with a diacritic that Vietnamese uses, both cases."""
    letters = {"đ"}
    for base in "aăâeêioôơuưy":
        for mark in syllable.TONE_MARKS:
            letters.add(unicodedata.normalize("NFC", base + mark))
    letters = {c for c in letters if not c.isascii()}
    return frozenset(letters | {c.upper() for c in letters})


def seen(word: str) -> bool:
    """A valid syllable in a plausible case that the corpus has seen."""
    return cased(word) and attested(word)


@functools.cache
def _word_syllables() -> frozenset[str]:
    """The syllables of the two-syllable words of the Viet74K list."""
    rows = _pair_rows()
    return frozenset(rows).union(*(after.split() for after in rows.values()))


def in_a_word(word: str) -> bool:
    """
    A syllable (either tone style) of some word of the Viet74K list, in a case a
    word is written in, whether or not the subtitles have it (`sè`, `choàm`).

        >>> in_a_word("sè"), in_a_word("SÈ"), in_a_word("sÈ")
        (True, True, False)
    """
    return (
        cased(word)
        and syllable.is_valid(word)
        and _old_style(word) in _word_syllables()
    )


@functools.lru_cache(maxsize=65536)
def _old_style(word: str) -> str | None:
    """A syllable in lower case with its mark placed the old way, as the table has it."""
    return syllable.respell(word.lower(), "old")


def forms_word(first: str, second: str) -> bool:
    """
    The two syllables (either tone style) stand next to each other in a word of the
    Viet74K word list, in a case a word is written in (`khác ý`, `Hòa bình`, `HÒA
    BÌNH`, `Hòa Bình`; not `khác Ý`).

        >>> forms_word("chỉnh", "tề"), forms_word("chềnh", "tề"), forms_word("Hoà", "bình")
        (True, False, True)
    """
    if first.islower() and not second.islower():
        return False
    one, two = _old_style(first), _old_style(second)
    return one is not None and two is not None and two in _followers(one)


@functools.cache
def _pair_rows() -> dict[str, str]:
    """Syllable -> the syllables that follow it inside a word, as word_pairs.tsv
    lists them (separated by spaces)."""
    return dict(tables.rows("vnclean.repair", "word_pairs.tsv"))


@functools.lru_cache(maxsize=65536)
def _followers(first: str) -> frozenset[str]:
    """The syllables that follow `first` inside a word, read from the one row asked
    about."""
    return frozenset(_pair_rows().get(first, "").split())


@functools.cache
def _word_triples() -> dict[str, frozenset[str]]:
    """Two syllables -> the syllables that end a word of three after them
    (word_triples.tsv)."""
    return {
        two: frozenset(ends.split())
        for two, ends in tables.rows("vnclean.repair", "word_triples.tsv")
    }


def forms_triple(first: str, second: str, third: str) -> bool:
    """
    The three syllables make a word of three syllables of the Viet74K list, in a
    case a word is written in (`Đông Nam Á`, `đông nam á`; not `đông nam Á`).

        >>> forms_triple("Đông", "Nam", "Á"), forms_triple("Đông", "Nam", "Ý")
        (True, False)
    """
    if not (forms_case(first, second) and forms_case(second, third)):
        return False
    one, two, three = _old_style(first), _old_style(second), _old_style(third)
    if one is None or two is None or three is None:
        return False
    return three in _word_triples().get(f"{one} {two}", ())


def forms_case(first: str, second: str) -> bool:
    """Two syllables in cases one word may have: not a small letter then a capital."""
    return not (first.islower() and not second.islower())
