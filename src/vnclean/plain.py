"""
Plainly valid words: the attested syllables in every case they are written in, and
the one question the word-level steps ask of a text with them, "which of its tokens
are not plainly valid?".

Most of a Vietnamese text is attested syllables, written in lowercase, Capitalized
or UPPERCASE, alone or between punctuation (`Hà`, `NỘI`, `“nhà”,`). Such a word is
no evidence of damage to any repair step and is left as it is by tone placement in
the style its spelling already follows. A step takes these words away from the
text's tokens with one set difference against `forms(spellings)`, and looks only at
what is left.

tests/test_perf_equivalence.py checks that `forms` is what `syllable.written_as`
accepts, and that each step's answer on the words left is its answer on the text.
"""

from __future__ import annotations

import functools

from vnclean import syllable


@functools.lru_cache(maxsize=8)
def forms(spellings: frozenset[str]) -> frozenset[str]:
    """
    Each of `spellings` (lowercase syllables) written in lowercase, Capitalized and
    UPPERCASE: the words `syllable.written_as(word, spellings)` accepts.

        >>> sorted(forms(frozenset({"hòa"})))
        ['HÒA', 'Hòa', 'hòa']
    """
    # One line per syllable: the letters of a syllable are all cased, so the title
    # case of a line is its first letter in capitals, as str.capitalize writes it.
    lines = "\n".join(spellings)
    written = {*spellings, *lines.title().split("\n"), *lines.upper().split("\n")}
    written.discard("")  # no syllable is empty; a token of punctuation alone is none
    return frozenset(written)


def attested_forms() -> frozenset[str]:
    """The attested syllables in the cases a syllable is written in."""
    return forms(syllable.attested_spellings())


def unplain_tokens(tokens: frozenset[str], written: frozenset[str]) -> set[str]:
    """
    The tokens (runs of non-space) other than one of `written` (a `forms` set), alone
    or between syllable.PUNCTUATION.

        >>> written = forms(frozenset(["hà", "nội"]))
        >>> sorted(unplain_tokens(frozenset(["Hà", "Nội,", "“HÀ", "hÀ", "x"]), written))
        ['hÀ', 'x']
    """
    strip = syllable.PUNCTUATION
    return {t for t in tokens - written if t.strip(strip) not in written}


def plain_words(words: set[str] | frozenset[str]) -> bool:
    """Every one of `words` is an attested syllable in a case a syllable is written in."""
    return attested_forms().issuperset(words)
