"""
Short legacy-font fragments, built from the mechanism: two frequent syllables typed
in TCVN3 or VNI and read as Windows-1252 (`thá d¹i`, `roài chieán`), alone on a
line, or in TCVN3 between Unicode words, as text pasted from an old document into a
page shows them. A fragment inside Unicode must decode where it holds a word no
correct text holds (a character no correct Vietnamese holds, a TCVN3 sign or capital
inside a word: `x«ng`, `chiÕc`; a word that is no syllable as written and a
frequent one decoded: `thêi`); the Unicode words beside it never change, and a word
that makes a word with its Unicode neighbour as written stays (`vô hiệu`).
"""

from __future__ import annotations

import random
import unicodedata

import pytest

from vnclean import clean, syllable
from vnclean.repair.codepages import as_bytes
from vnclean.repair.evidence import _followers, _pair_rows, much_better
from vnclean.repair.legacy_stretches import decode_legacy, legacy_table

FREQUENT = 200
BEFORE, AFTER = "Tôi đã đọc", "trong sách."


def typed_in(name: str, text: str) -> str:
    """`text` (small letters) typed in a legacy font, read as Windows-1252."""
    encode: dict[str, bytes] = {}
    for data, letter in legacy_table(name).items():
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
    # The rest are fragments of syllables as written (tói tó is túi tú) or where the
    # Unicode word beside a broken one is commoner as written (lòng phµm).
    assert restored >= 0.93 * len(cases), (restored, len(cases))


@pytest.mark.parametrize(("name", "share"), [("tcvn3", 0.98), ("vni", 0.99)])
def test_a_fragment_alone_on_its_line_decodes(name: str, share: float) -> None:
    cases = fragments()
    restored = 0
    for fragment in cases:
        got = clean(typed_in(name, fragment) + "\n", strip=False, tone_style="keep")
        restored += got == clean(fragment + "\n", strip=False, tone_style="keep")
    # The rest read as Unicode syllables as they stand (TCVN3 `tói tó` for túi tú,
    # VNI `nít trò` for nít trị) or keep a syllable RATIO times commoner as written
    # than its reading (TCVN3 `cô` beside `cÇu`).
    assert restored >= share * len(cases), (restored, len(cases))


def risky_words(count: int = 60) -> list[tuple[str, str]]:
    """Unicode syllables typed in Windows-1252 letters whose TCVN3 reading is as
    common (vô reads vụ, chó chú), each with a syllable it makes a word with."""
    pairs = {first: _followers(first) for first in _pair_rows()}
    found = []
    for word, n in sorted(syllable.lexicon().items(), key=lambda kv: -kv[1]):
        if n < FREQUENT or word.isascii() or as_bytes(word) is None:
            continue
        reading = decode_legacy(word, "tcvn3")
        partners = sorted(p for p in pairs.get(word, ()) if syllable.is_valid(p))
        if reading != word and much_better(reading, word, ratio=1) and partners:
            found.append((word, partners[0]))
    return found[:count]


def test_a_unicode_word_that_makes_a_word_with_its_neighbour_stays() -> None:
    cases = risky_words()
    assert len(cases) >= 30
    for word, partner in cases:
        text = f"Theo {tcvn3('luật này')} {word} {partner}."
        got = clean(text, strip=False, normalize=False)
        assert got == f"Theo luật này {word} {partner}.", (text, got)


def test_vni_i_with_a_tone_mark_byte_reads_as_the_one_byte_letter() -> None:
    # VNI gives í ì ỉ ĩ ị bytes of their own; some text carries i + the tone-mark
    # byte every other vowel takes (`triï` for trị), which the font shows alike.
    one_byte = {"í": "í", "ì": "ì", "ỉ": "æ", "ĩ": "ó", "ị": "ò"}
    two_byte = {"í": "iù", "ì": "iø", "ỉ": "iû", "ĩ": "iõ", "ị": "iï"}
    cases = [f for f in fragments() if any(c in f for c in one_byte)]
    assert len(cases) > 20
    for fragment in cases:
        typed = typed_in("vni", fragment)
        split = typed
        for letter, form in two_byte.items():
            if letter in fragment:
                split = split.replace(one_byte[letter], form)
        want = clean(fragment + "\n", strip=False, tone_style="keep")
        # The two-byte form is no Unicode syllable, so it decodes where the one-byte
        # form does, and also where that one reads as Unicode (nít trò).
        assert clean(split + "\n", strip=False, tone_style="keep") == want, split


def test_fragments_clean_once() -> None:
    # A reading chosen on the first pass is the one a second pass keeps: VPS must not
    # read a TCVN3 `quµ` as `quÌ`, nor VNI take `mæ` once normalize removed the
    # soft hyphen (TCVN3's ư) that made `mæ th\xadêng` TCVN3's mổ thường.
    for fragment in fragments():
        for text in (
            typed_in("vni", fragment),
            f"{BEFORE} {tcvn3(fragment)} {AFTER}",
            f"Theo {tcvn3(fragment)}, tôi nói.",
        ):
            once = clean(text, strip=False, tone_style="keep")
            assert clean(once, strip=False, tone_style="keep") == once, text
