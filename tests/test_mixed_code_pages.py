"""
UTF-8 read as Windows-1250 with Windows-1252 forms, built from the mechanism over
every frequent syllable with a letter outside ASCII: each byte from 0xC0 up read as
Windows-1250 (Ć for C6, Ă for C3), the rest as Windows-1252 (° for B0, ¡ for A1), as
lines mixing both pages show (`KhĂ¡ch hĂ ng`, `thĆ°Ć¡ng`). Each syllable must clean
back, never become another word.
"""

from __future__ import annotations

import ftfy.bad_codecs  # noqa: F401  (registers sloppy-windows-1250 and -1252)

from vnclean import clean, syllable

FREQUENT = 20
TEMPLATE = "Khách hàng nói {} với chúng tôi."


def mixed_pages(text: str) -> str:
    """Bytes from 0xC0 up as Windows-1250, the others as Windows-1252; no-break
    spaces as spaces."""
    out = [
        bytes([b]).decode("sloppy-windows-1250" if b >= 0xC0 else "sloppy-windows-1252")
        for b in text.encode("utf-8")
    ]
    return "".join(out).replace("\xa0", " ")


def syllables() -> list[str]:
    return sorted(
        w
        for w, n in syllable.lexicon().items()
        if n >= FREQUENT and syllable.is_valid(w) and not w.isascii()
    )


def test_the_mechanism() -> None:
    assert mixed_pages("thương") == "thĆ°Ć¡ng"


def test_every_syllable_cleans_back() -> None:
    words = syllables()
    assert len(words) > 1000
    restored = 0
    for word in words:
        text = TEMPLATE.format(word)
        got = clean(mixed_pages(text), strip=False, tone_style="keep")
        restored += got == clean(text, strip=False, tone_style="keep")
    assert restored >= 0.98 * len(words), (restored, len(words))
