"""
Normalize: one canonical spelling for the same Vietnamese text, so that search,
deduplication and models see one form. Each step reports what it changed.
"""

from __future__ import annotations

import unicodedata

import regex

INVISIBLE_RE = regex.compile("[\u200b\u2060\ufeff\u00ad]")
UNICODE_SPACE_RE = regex.compile("[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
LINE_EDGE_SPACE_RE = regex.compile(r"^[ \t]+|[ \t]+(?=\r?$)", regex.MULTILINE)
SPACE_RUN_RE = regex.compile(r"[ \t]{2,}")


def remove_invisible_characters(text: str) -> str:
    """
    Remove zero-width spaces, word joiners, stray BOMs and soft hyphens copied out of HTML.

        >>> remove_invisible_characters("Hà\u200b Nội")
        'Hà Nội'
    """
    # ZERO WIDTH JOINER is left alone: it holds emoji sequences together.
    return INVISIBLE_RE.sub("", text)


def replace_unicode_spaces(text: str) -> str:
    """
    Turn no-break and other Unicode spaces into a plain space.

        >>> replace_unicode_spaces("Hà\u00a0Nội")
        'Hà Nội'
    """
    return UNICODE_SPACE_RE.sub(" ", text)


def compose_nfc(text: str) -> str:
    """
    Compose letters and combining marks (NFC), as Vietnamese text is normally stored.

        >>> compose_nfc("Ha\u0300 Nô\u0323i")
        'Hà Nội'
    """
    return unicodedata.normalize("NFC", text)


def collapse_spaces(text: str) -> str:
    """
    Collapse runs of spaces inside a line into one and trim spaces at line ends.

        >>> collapse_spaces("  Hà   Nội ")
        'Hà Nội'
    """
    return SPACE_RUN_RE.sub(" ", LINE_EDGE_SPACE_RE.sub("", text))
