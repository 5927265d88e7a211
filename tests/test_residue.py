"""
Residue after another tool, built from the mechanism over every frequent syllable
that holds à, Ơ, Ạ or Ỡ before more letters (their UTF-8 ends in the byte 0xA0): the
byte became a space and ftfy decoded the rest, so `thành` arrives as `thà nh`, `làm`
as `là m`. In a document that shows the damage each such word must clean back; a
lone split that is two words as written stays.
"""

from __future__ import annotations

import ftfy
import ftfy.bad_codecs  # registers sloppy-windows-1252
import pytest
import regex

from vnclean import clean, clean_and_explain, syllable

FREQUENT = 20
SPLIT_LETTERS = "àƠẠỠ"
# Two words whose splits prove the damage (ngà y, nà y): the document around each case.
TEMPLATE = "Ngày này, {} ở đây."


def residue(text: str) -> str:
    """The no-break-space byte turned into a space, then ftfy decoded the rest."""
    damaged = text.encode("utf-8").decode("sloppy-windows-1252").replace("\xa0", " ")
    return ftfy.fix_text(damaged, uncurl_quotes=False)


def split_words() -> list[str]:
    """Frequent syllables, in lower case and title case, with a letter of
    SPLIT_LETTERS before more letters."""
    words = []
    for word, count in syllable.lexicon().items():
        if count < FREQUENT or not syllable.is_valid(word):
            continue
        for form in (word, word.capitalize()):
            at = max(form.find(c) for c in SPLIT_LETTERS)
            # A capital Ơ Ạ Ỡ splits too, but ftfy leaves such a word undecoded (`Æ
            # i`): mojibake, not this residue.
            if 0 <= at < len(form) - 1 and form[at].islower():
                words.append(form)
    return sorted(set(words))


def test_the_mechanism_splits_the_word() -> None:
    assert residue(TEMPLATE.format("thành")) == "Ngà y nà y, thà nh ở đây."


def test_split_words_clean_back_where_the_document_shows_the_damage() -> None:
    words = split_words()
    assert len(words) > 100
    restored = 0
    for word in words:
        text = TEMPLATE.format(word)
        got = clean(residue(text), strip=False, tone_style="keep")
        if got == clean(text, strip=False, tone_style="keep"):
            restored += 1
        else:
            # Never another word: only the split itself may be left.
            assert got.replace(" ", "") == text.replace(" ", ""), (word, got)
    assert restored >= 0.95 * len(words), (restored, len(words))


@pytest.mark.parametrize(
    "text",
    [
        "Cô và o đi chợ.",  # o (aunt) after và: one split-like pair proves nothing
        "mà ng ta nói, là ng yêu",  # chat: ng for người
        "Anh nói là m thích.",  # chat: m for mình
        "Thế à? Ừ, vậy mà .",  # a space before punctuation, and no split word
        "Xà ng",  # xàng is no attested syllable: alone, nothing shows the split
    ],
)
def test_a_lone_split_like_pair_stays(text: str) -> None:
    assert clean(text, normalize=False, strip=False) == text


def test_reasons_name_the_evidence() -> None:
    text = residue("Ngày này tôi làm bài ở nhà.")
    result = clean_and_explain(text, strip=False)
    edits = [c for c in result.changes if c.step == "rejoin_split_syllables"]
    shown = [c for c in edits if "split words show this damage" in c.reason]
    assert shown  # là m, bà i, nhà . need the document's evidence
    assert regex.search(r"làm bài ở nhà\.", clean(text, strip=False))


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Về là ng xóm cũ.", "Về làng xóm cũ."),
        ("Cô nói nhẹ nhà ng thôi.", "Cô nói nhẹ nhàng thôi."),
        ("Phòng gọn gà ng, sạch sẽ.", "Phòng gọn gàng, sạch sẽ."),
        # xàng is rare alone, but xàng xê is the word (a tune of cải lương).
        ("Điệu xà ng xê vang lên.", "Điệu xàng xê vang lên."),
    ],
)
def test_a_lone_split_that_makes_a_word_with_its_neighbour_is_mended(
    text: str, want: str
) -> None:
    assert clean(text, normalize=False, strip=False) == want
