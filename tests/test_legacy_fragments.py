"""
Short legacy-font fragments inside a line of correct Unicode, built from the
mechanism: two frequent syllables typed in TCVN3 (whose bytes Windows-1252 shows
as ¹ Õ æ ...) between Unicode words, as text pasted from an old document into a
page shows them. The fragment must decode where it holds a character no correct
Vietnamese holds; the Unicode words beside it never change.
"""

from __future__ import annotations

import random
import unicodedata

from vnclean import clean, syllable
from vnclean.repair.legacy_fonts import _legacy_table

FREQUENT = 200
BEFORE, AFTER = "Tôi đã đọc", "trong sách."


def tcvn3(text: str) -> str:
    """`text` typed in TCVN3 (a capital as its small letter) read as Windows-1252."""
    encode: dict[str, bytes] = {}
    for data, letter in _legacy_table("tcvn3").items():
        encode.setdefault(letter, data)
    out = bytearray()
    for char in unicodedata.normalize("NFC", text.lower()):
        out += encode.get(char) or char.encode("ascii")
    return out.decode("cp1252", errors="replace")


def fragments(count: int = 300) -> list[str]:
    words = sorted(
        w
        for w, n in syllable.lexicon().items()
        if n >= FREQUENT and syllable.is_valid(w) and not w.isascii()
    )
    rng = random.Random(15)
    return [f"{rng.choice(words)} {rng.choice(words)}" for _ in range(count)]


def test_the_mechanism() -> None:
    assert tcvn3("thỏ dại") == "thá d¹i"


def test_fragments_inside_unicode_decode_and_leave_their_neighbours() -> None:
    cases = fragments()
    restored = 0
    for fragment in cases:
        text = f"{BEFORE} {tcvn3(fragment)} {AFTER}"
        got = clean(text, strip=False, tone_style="keep")
        assert got.startswith(BEFORE + " ") and got.endswith(" " + AFTER), got
        restored += got == clean(
            f"{BEFORE} {fragment} {AFTER}", strip=False, tone_style="keep"
        )
    # The rest are fragments with no character correct Vietnamese lacks (h·y
    # huyÕt) or whose first word is a syllable as written (thá d¹i).
    assert restored >= 0.65 * len(cases), (restored, len(cases))
