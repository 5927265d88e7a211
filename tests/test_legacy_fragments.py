"""
Short legacy-font fragments, built from the mechanism: two frequent syllables typed
in TCVN3 or VNI and read as Windows-1252 (`thá d¹i`, `roài chieán`), alone on a
line, or in TCVN3 between Unicode words, as text pasted from an old document into a
page shows them. A fragment inside Unicode must decode where it holds a character no
correct Vietnamese holds; the Unicode words beside it never change.
"""

from __future__ import annotations

import random
import unicodedata

import pytest

from vnclean import clean, syllable
from vnclean.repair.legacy_fonts import _legacy_table

FREQUENT = 200
BEFORE, AFTER = "Tôi đã đọc", "trong sách."


def typed_in(name: str, text: str) -> str:
    """`text` (small letters) typed in a legacy font, read as Windows-1252."""
    encode: dict[str, bytes] = {}
    for data, letter in _legacy_table(name).items():
        encode.setdefault(letter, data)
    out = bytearray()
    for char in unicodedata.normalize("NFC", text.lower()):
        out += encode.get(char) or char.encode("ascii")
    return out.decode("cp1252", errors="replace")


def tcvn3(text: str) -> str:
    return typed_in("tcvn3", text)


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


@pytest.mark.parametrize(("name", "share"), [("tcvn3", 0.85), ("vni", 0.93)])
def test_a_fragment_alone_on_its_line_decodes(name: str, share: float) -> None:
    cases = fragments()
    restored = 0
    for fragment in cases:
        got = clean(typed_in(name, fragment) + "\n", strip=False, tone_style="keep")
        restored += got == clean(fragment + "\n", strip=False, tone_style="keep")
    # The rest read as Unicode syllables as they stand (TCVN3 `lóa` for lúa, VNI
    # `sô` for sơ) or keep a syllable as written beside a rare reading.
    assert restored >= share * len(cases), (restored, len(cases))
