"""
Realistic whole-document corruptions of clean text, shared by the benchmarks.

    >>> mojibake("Nội đã")
    'Ná»™i Ä‘Ã£'
"""

from __future__ import annotations

import codecs
import unicodedata


def _c1_for_undefined(error: UnicodeDecodeError) -> tuple[str, int]:
    # Windows-1252 leaves 0x81, 0x8D, 0x8F, 0x90, 0x9D undefined; browsers and most
    # scrapers decode them as the C1 control of the same number, so do we.
    bad = error.object[error.start : error.end]
    return "".join(chr(b) for b in bad), error.end


codecs.register_error("vnclean-bench-c1", _c1_for_undefined)


def mojibake(text: str) -> str:
    """UTF-8 bytes read as Windows-1252, as a browser would."""
    return text.encode("utf-8").decode("cp1252", errors="vnclean-bench-c1")


def decomposed(text: str) -> str:
    """Letters and marks decomposed (NFD), as macOS and some editors store them."""
    return unicodedata.normalize("NFD", text)


def sprinkled(text: str) -> str:
    """Every 5th space a no-break space, a zero-width space after every 7th word."""
    words = text.split(" ")
    out = []
    for index, word in enumerate(words):
        out.append(word)
        if index % 7 == 6:
            out.append("\u200b")
        if index < len(words) - 1:
            out.append("\u00a0" if index % 5 == 4 else " ")
    return "".join(out)


def new_style(text: str) -> str:
    """Every tone mark where the new convention puts it: hòa -> hoà, thủy -> thuỷ."""
    import regex

    from vnclean import syllable

    def respell(match: regex.Match[str]) -> str:
        word = match.group()
        if not syllable.is_valid(word):
            return word
        return syllable.respell(word, "new") or word

    return regex.sub(r"\p{L}+", respell, text)
