"""
Mark typos built from the mechanism, over every frequent syllable of the lexicon:
the horn typed on one vowel of ươ only (được → đuợc, đưọc) and a tone mark typed on
a second vowel too (dài → dàì). Each typo must clean back to its syllable, or, where
the typo is itself a syllable or two readings are both syllables, be left alone:
never become another word.
"""

from __future__ import annotations

import unicodedata

import pytest

from vnclean import clean, syllable

FREQUENT = 20  # the corpus count of a syllable worth testing
HORN_PAIRS = {"ươ": ("uơ", "ưo")}


def _frequent_syllables() -> list[str]:
    counts = syllable.lexicon()
    return sorted(
        w for w, n in counts.items() if n >= FREQUENT and syllable.is_valid(w)
    )


def _strip_horn(letter: str) -> str:
    decomposed = unicodedata.normalize("NFD", letter).replace("\u031b", "")
    return unicodedata.normalize("NFC", decomposed)


def horn_typos() -> list[tuple[str, str]]:
    """(typo, syllable) for each frequent syllable with ươ before a final letter."""
    typos = []
    for word in _frequent_syllables():
        bare = "".join(syllable.split_letter(c)[0] for c in word)
        at = bare.find("ươ")
        if at < 0 or at + 2 >= len(word):
            continue
        for keep in (0, 1):  # keep the horn on ư only, or on ơ only
            letters = list(word)
            lose = at + (1 - keep)
            letters[lose] = _strip_horn(letters[lose])
            typos.append(("".join(letters), word))
    return typos


def doubled_tones() -> list[tuple[str, str]]:
    """(typo, syllable): the syllable's tone typed on one more of its vowels too."""
    typos = []
    for word in _frequent_syllables():
        tone = syllable.split_tone(word)[1]
        if tone <= 0:
            continue
        for i, char in enumerate(word):
            base, own = syllable.split_letter(char)
            if own or base.lower() not in syllable.VOWELS:
                continue
            toned = unicodedata.normalize("NFC", base + syllable.TONE_MARKS[tone])
            typos.append((word[:i] + toned + word[i + 1 :], word))
    return typos


def misplaced_in_pair() -> list[tuple[str, str]]:
    """(typo, syllable): the tone mark typed on the other vowel of ươ, iê, yê or uô
    (tiến → tíên, muốn → múôn), over every frequent syllable that has one."""
    typos = []
    for word in _frequent_syllables():
        parts = syllable.parse(word)
        if parts is None or not parts.tone:
            continue
        if parts.nucleus not in ("ươ", "iê", "yê", "uô"):
            continue
        bare = syllable.split_tone(word)[0]
        at = bare.find(parts.nucleus)
        mark = syllable.TONE_MARKS[parts.tone]
        toned = unicodedata.normalize("NFC", bare[at] + mark)
        typos.append((bare[:at] + toned + bare[at + 1 :], word))
    return typos


KINDS = {
    "horn on one vowel": horn_typos,
    "two tone marks": doubled_tones,
    "mark on the other vowel of ươ iê uô": misplaced_in_pair,
}


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_mark_typos_clean_back_or_stay(kind: str) -> None:
    typos = KINDS[kind]()
    assert typos
    restored = 0
    wrong = []
    for typo, word in typos:
        for form in (typo, typo.capitalize()):
            want = word if form == typo else word.capitalize()
            got = clean(form, strip=False, tone_style="keep")
            if got == want or syllable.respell(got, "old") == syllable.respell(
                want, "old"
            ):
                restored += 1
            elif got != form:
                wrong.append((form, got, want))
    # Never another word; and almost every typo comes back.
    assert not wrong, wrong[:10]
    assert restored >= 0.98 * 2 * len(typos), (restored, 2 * len(typos))


def test_a_typo_that_is_a_syllable_stays() -> None:
    # thuở, huơ, quơ are words: uơ without a final letter is a rhyme of its own.
    for word in ("thuở", "huơ", "quơ", "Thuở ấy"):
        assert clean(word, strip=False) == word


def test_a_mark_misplaced_inside_uo_moves() -> None:
    # thưở, the spelling of thuở with ươ, is attested: its misplaced mark moves.
    assert clean("Ngày thửơ nhỏ, THỬƠ ẤY", strip=False) == "Ngày thưở nhỏ, THƯỞ ẤY"
