"""The syllable model: parsing, phonotactic validity, tone placement, the lexicon."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
import regex

from vnclean import syllable

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
WORD_RE = regex.compile(r"\p{L}+")


def test_every_syllable_of_the_expected_samples_is_valid() -> None:
    for path in (SAMPLES / "expected").glob("*.txt"):
        text = unicodedata.normalize("NFC", path.read_text(encoding="utf-8"))
        for word in WORD_RE.findall(text):
            assert syllable.classify(word) != "broken", (path.name, word)


@pytest.mark.parametrize("word", ["điửu", "quyửn", "Аảng", "mạnhvà", "nhiửu", "Chiửu"])
def test_classic_broken_forms_are_invalid(word: str) -> None:
    assert not syllable.is_valid(word)


@pytest.mark.parametrize(
    "word", ["Queensland", "HanoiPrintPack", "Straße", "café", "COVID"]
)
def test_other_languages_are_foreign_not_broken(word: str) -> None:
    assert syllable.classify(word) == "foreign"


@pytest.mark.parametrize("word", ["điửu", "quyửn", "ngừơi", "Tòan", "baỏ"])
def test_damaged_vietnamese_is_broken(word: str) -> None:
    assert syllable.classify(word) == "broken"


@pytest.mark.parametrize(
    ("word", "reason"),
    [
        ("cát", "stop coda with sắc"),
        ("cạp", "stop coda with nặng"),
        ("kiên", "k before a front vowel"),
        ("nghe", "ngh before a front vowel"),
        ("ghế", "gh before a front vowel"),
        ("quý", "qu onset"),
        ("gì", "gi sharing its i"),
        ("giếng", "gi sharing its i"),
        ("yêu", "yê without onset"),
        ("khuya", "uya"),
        ("khuỷu", "uyu"),
        ("xoong", "oo"),
        ("ở", "bare vowel"),
    ],
)
def test_valid_syllables(word: str, reason: str) -> None:
    assert syllable.is_valid(word), reason


@pytest.mark.parametrize(
    ("word", "reason"),
    [
        ("càt", "stop coda with huyền"),
        ("cap", "stop coda with ngang"),
        ("kan", "k before a back vowel"),
        ("ngi", "ng before a front vowel"),
        ("ge", "g before a front vowel"),
        ("tyên", "yê after a consonant"),
        ("iên", "iê without onset"),
        ("quo", "qu before o"),
        ("hóà", "two tone marks"),
    ],
)
def test_invalid_syllables(word: str, reason: str) -> None:
    assert not syllable.is_valid(word), reason


@pytest.mark.parametrize(
    ("old", "new"),
    [("hòa", "hoà"), ("khỏe", "khoẻ"), ("thủy", "thuỷ"), ("Ủy", "Uỷ"), ("HÒA", "HOÀ")],
)
def test_only_oa_oe_uy_without_coda_differ_between_styles(old: str, new: str) -> None:
    assert syllable.respell(new, "old") == old
    assert syllable.respell(old, "new") == new


@pytest.mark.parametrize(
    "word", ["quý", "già", "giữa", "hoàng", "thuyết", "khuya", "người", "ngoài", "tuần"]
)
def test_same_in_both_styles(word: str) -> None:
    assert syllable.respell(word, "old") == syllable.respell(word, "new") == word


@pytest.mark.parametrize(
    ("wrong", "right"),
    [("baỏ", "bảo"), ("Tòan", "Toàn"), ("ngừơi", "người"), ("muón", "muốn")],
)
def test_respell_moves_a_misplaced_mark(wrong: str, right: str) -> None:
    if syllable.parse(wrong) is None:
        pytest.skip("not a misplaced mark but a missing letter")
    assert syllable.respell(wrong) == right


def test_frequency_ranks_common_syllables_high() -> None:
    assert syllable.frequency("về") > 1000 * max(1, syllable.frequency("vử"))
    assert syllable.frequency("Người") == syllable.frequency("người") > 100_000
    assert syllable.frequency("xyz") == 0


def test_lexicon_entries_are_valid_lowercase_nfc() -> None:
    for word in syllable.lexicon():
        assert word == unicodedata.normalize("NFC", word).lower()
        assert syllable.is_valid(word), word


@pytest.mark.parametrize(
    ("char", "want"),
    [("ề", ("ê", 2)), ("Ự", ("Ư", 5)), ("a", ("a", 0)), ("ý", ("y", 1))],
)
def test_split_letter_keeps_case_and_base_marks(
    char: str, want: tuple[str, int]
) -> None:
    assert syllable.split_letter(char) == want


def test_settled_tokens_ask_new_tokens_only_and_stay_bounded() -> None:
    asked: list[str] = []

    def needs(token: str) -> bool:
        asked.append(token)
        return token.startswith("x")

    memo = syllable.SettledTokens(limit=3)
    assert memo.unsettled(frozenset({"a", "b", "xa"}), needs) == {"xa"}
    assert memo.unsettled(frozenset({"a", "b", "xa", "c"}), needs) == {"xa"}
    # Settled tokens are not asked again; one that needs work is.
    assert sorted(asked) == ["a", "b", "c", "xa", "xa"]
    for n in range(10):
        memo.unsettled(frozenset({f"t{n}"}), needs)
    assert len(memo.settled) <= 4  # cleared once past the limit
