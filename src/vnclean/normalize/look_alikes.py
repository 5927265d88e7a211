"""
Look-alike letters: Cyrillic, Greek, Armenian, small-capital and other letters that
obfuscated or mistyped Vietnamese text uses in place of Latin ones (сủa for của),
listed in homoglyphs.tsv beside this module. A word is mapped back only on evidence
that it is Vietnamese, so real Russian, Greek and formulas stay.
"""

from __future__ import annotations

import functools
import re
import unicodedata

import regex

from vnclean import edits, lazy, syllable, tables
from vnclean.normalize.marks import repair_marks
from vnclean.normalize.words import find_words, line_of

LATIN_RE = lazy.compile(r"\p{Latin}")
CELSIUS_RE = lazy.compile("(?<=\\d ?[°º])\u0421")
# Vietnamese abbreviations with an eth for Đ: QÐ, HÐND, ÐBSCL.
ETH_ABBREVIATION_RE = lazy.compile("[A-Z]*Ð[A-ZÐ]*")
# A word in another script that no look-alike explains: real Russian or Greek.
FOREIGN_SCRIPT_RE = lazy.compile(r"[\p{Cyrillic}\p{Greek}\p{Armenian}]")

# Mixed-script words mapped to valid syllables needed to call a document obfuscated.
OBFUSCATION_EVIDENCE = 2


@functools.cache
def homoglyphs() -> dict[str, str]:
    """The look-alike table in homoglyphs.tsv: look-alike -> Latin letter."""
    return {row[0]: row[1] for row in tables.rows(__package__, "homoglyphs.tsv")}


@functools.cache
def _look_alike_re() -> re.Pattern[str]:
    # Any look-alike at all, as one character class of the stdlib `re`; a shortcut
    # that tests/test_perf_equivalence.py proves to be exactly the table.
    return re.compile("[" + "".join(map(re.escape, homoglyphs())) + "]")


def replace_look_alike_letters(text: str) -> str:
    """
    Replace Cyrillic, Greek, Armenian, small-capital and other look-alike letters
    inside Vietnamese words with the Latin letters they imitate (сủa → của).

        >>> replace_look_alike_letters("Nhà сủa тôι ở Ðà Nẵng, 30°С")
        'Nhà của tôi ở Đà Nẵng, 30°C'
    """
    # Decided per word: a word mixing Latin letters and look-alikes is mapped when it
    # becomes a Vietnamese syllable. When the text holds enough such words it is
    # obfuscated, and then a mixed word that becomes plain ASCII (Mɑɾιɑ) is mapped,
    # and so is a word made only of look-alikes that becomes a syllable or a single
    # letter (нôм, an initial н) when the words beside it hold Latin letters and its
    # line has no word of another script that no look-alike explains. Real Russian or
    # Greek (Кедр, α = 2β, Ю. М. Соколов, на Москва) stays: its letters are not all
    # look-alikes, its neighbours are not Latin, or the result is no Vietnamese. An
    # upper-case abbreviation with an eth (QÐ, HÐND) in a Vietnamese text gets its Đ.
    # A Cyrillic С after a degree sign is the Celsius C.
    if not _look_alike_re().search(text):
        return text
    matches = find_words(text)
    mapped = {word: _map_word(word) for word in {m.group() for m in matches}}
    evidence = sum(
        1
        for word, (kind, new) in mapped.items()
        if kind == "mixed" and _is_syllable(new)
    )
    obfuscated = evidence >= OBFUSCATION_EVIDENCE
    foreign_lines = _lines_with_foreign_words(text, matches, mapped)
    position = {m.start(): i for i, m in enumerate(matches)}

    @functools.cache
    def vietnamese() -> bool:
        return any(syllable.looks_vietnamese(m.group()) for m in matches)

    def latin_neighbours(match: regex.Match[str], both: bool) -> bool:
        i = position[match.start()]
        line = line_of(text, match)
        seen = 0
        for j in (i - 1, i + 1):
            if 0 <= j < len(matches) and line_of(text, matches[j]) == line:
                if not LATIN_RE.search(matches[j].group()):
                    return False
                seen += 1
        return seen == 2 if both else seen > 0

    def replace(match: regex.Match[str]) -> tuple[str, str] | None:
        word = match.group()
        kind, new = mapped[word]
        if kind == "none" or new == word:
            return None
        if kind == "mixed" and _is_syllable(new):
            return new, "look-alike letters in a Vietnamese word"
        if kind == "mixed" and ETH_ABBREVIATION_RE.fullmatch(word) and vietnamese():
            return new, "eth (Ð) typed for Đ in an abbreviation"
        if not obfuscated:
            return None
        if kind == "mixed" and new.isascii():
            return new, "look-alike letters in an obfuscated text"
        if kind == "pure" and (_is_syllable(new) or len(new) == 1):
            # A lone letter (α, н) needs Latin words on both sides: an initial in prose.
            both = len(new) == 1
            if line_of(text, match) not in foreign_lines and latin_neighbours(
                match, both
            ):
                return new, "look-alike letters in an obfuscated text"
        return None

    # Only a word with a look-alike can change; the others still count as neighbours.
    candidates = [m for m in matches if mapped[m.group()][0] != "none"]
    text = edits.substitute(text, candidates, replace)
    return edits.substitute(
        text, CELSIUS_RE.finditer(text), lambda _: ("C", "Cyrillic С used as Celsius C")
    )


@functools.lru_cache(maxsize=65536)
def _map_word(word: str) -> tuple[str, str]:
    """('mixed' | 'pure' | 'none', the word with look-alikes mapped and composed)."""
    table = homoglyphs()
    out = []
    has_lookalike = has_latin = False
    for char in word:
        if char in table:
            out.append(table[char])
            has_lookalike = True
            continue
        decomposed = unicodedata.normalize("NFD", char)
        if decomposed[0] in table:  # Greek ά ὶ ύ: the base is a look-alike
            out.append(table[decomposed[0]] + decomposed[1:])
            has_lookalike = True
        elif unicodedata.combining(char):
            out.append(char)
        elif LATIN_RE.match(char):
            out.append(char)
            has_latin = True
        else:
            return "none", word  # a letter no look-alike explains: another script
    if not has_lookalike:
        return "none", word
    new = unicodedata.normalize("NFC", "".join(out))
    new = repair_marks(new) or new
    return ("mixed" if has_latin else "pure"), new


def _lines_with_foreign_words(
    text: str, matches: list[regex.Match[str]], mapped: dict[str, tuple[str, str]]
) -> set[int]:
    lines = set()
    for match in matches:
        word = match.group()
        if FOREIGN_SCRIPT_RE.search(word) and mapped[word][0] == "none":
            lines.add(line_of(text, match))
    return lines


def _is_syllable(word: str) -> bool:
    return syllable.parse(word) is not None
