"""
The repair stage: golden cases (tests/cases/repair: clean sentences written for vnclean
and corrupted the ways scraped text is; tests/cases/negative: text that must pass
unchanged), unit tests per step, and properties.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vnclean import clean, clean_and_explain, repair, replay, syllable
from vnclean.pipeline import STEPS, stage_of
from vnclean.repair import substitutions

CASES = Path(__file__).resolve().parent / "cases"
REPAIR_STEPS = repair.STEPS


def test_the_stage_lists_its_steps_in_pipeline_order() -> None:
    assert [step for step in STEPS if stage_of(step) == "repair"] == repair.STEPS
    assert all(step.__module__.startswith("vnclean.repair.") for step in repair.STEPS)


def _repair(text: str) -> str:
    return clean(text, normalize=False, strip=False)


def _golden() -> list:
    params = []
    for group in ("repair", "negative"):
        for source in sorted((CASES / group).glob("*.in.txt")):
            expected = source.with_name(source.name.replace(".in.txt", ".out.txt"))
            name = source.name[: -len(".in.txt")]
            params.append(pytest.param(source, expected, id=f"{group}/{name}"))
    return params


@pytest.mark.parametrize(("source", "expected"), _golden())
def test_case(source: Path, expected: Path) -> None:
    text = source.read_text(encoding="utf-8")
    want = expected.read_text(encoding="utf-8") if expected.exists() else text
    assert _repair(text) == want
    assert clean(text) == want
    assert clean(want) == want  # stable on a second pass


@pytest.mark.parametrize(("source", "expected"), _golden())
def test_explanation_replays(source: Path, expected: Path) -> None:
    text = source.read_text(encoding="utf-8")
    result = clean_and_explain(text, normalize=False, strip=False)
    assert replay(text, result.changes) == result.text
    assert all(change.reason for change in result.changes)


# --- negative cases that need characters a golden file hides -------------------


@pytest.mark.parametrize(
    "text",
    [
        "Hà\u00a0Nội là thủ đô.",
        "Hà\u00a0Nội, cà\u00a0phê và bà\u00a0ngoại",  # no-break spaces, no damage learned
        "Thử thách, lịch sử và ứng cử viên.",
        "Ô nhiễm ở TP.HCM: chỉ số AQI 152, theo iqair.com; liên hệ: a.b@c.vn.",
        "CÔNG TÁC TRÌNH BÀY KÝ KẾT: ĐẠI HỘI ĐẢNG BỘ TỈNH",
        "Smörgåsbord, façade, naïve, Ångström, Øresund, Łódź, Dvořák.",
        "Ελληνικά κείμενα και Русский текст рядом.",
        "ĐĂNG CHUNG| 14/10/2016 20:55 — “Trích dẫn” ‘đơn’ … «Pháp»",
    ],
)
def test_repair_leaves_correct_text_alone(text: str) -> None:
    assert _repair(text) == text


# --- learned substitutions and stray no-break spaces: what is learned, and what stays

DAMAGED = (
    "Chiửu nay nhiửu người vử quê. Аảng bộ tỉnh họp; Аảng viên đửu có mặt.\n"
    "Điửu đó cho thấy quyửn lợi của Аảng viên. Thử thách, lịch sử, cử tri, "
    "tử tế, xử lý. Vẫn như vậy.\n"
)


def test_learned_substitutions_fix_impossible_syllables_only() -> None:
    fixed = str(repair.fix_learned_substitutions(DAMAGED))
    assert "Chiều nay nhiều người về quê. Đảng bộ" in fixed
    assert "Điều đó cho thấy quyền lợi của Đảng viên" in fixed
    assert "Thử thách, lịch sử, cử tri, tử tế, xử lý." in fixed


def test_learned_substitution_reports_its_evidence() -> None:
    edits = repair.fix_learned_substitutions(DAMAGED).edits
    reasons = {e.reason.split(":")[0] for e in edits}
    assert any(r.startswith("ử→ề in ") for r in reasons)
    assert any(r.startswith("А→Đ in ") for r in reasons)


def test_a_real_word_is_no_evidence_for_the_reverse_substitution() -> None:
    # Under ử→ề the correct `sửa` would read `sềa`; it must not vote for ề→ử, which
    # would then turn the correct `chỉnh tề` (tề is 39 times rarer than tử) into
    # `chỉnh tử`.
    text = "Chiửu nay, nhiửu người vử quê; điửu đó. Anh sửa xe, sửa nhà, mặc chỉnh tề."
    assert "ề" not in substitutions._learn_substitutions(text)
    assert str(repair.fix_learned_substitutions(text)) == (
        "Chiều nay, nhiều người về quê; điều đó. Anh sửa xe, sửa nhà, mặc chỉnh tề."
    )


def test_one_impossible_word_teaches_nothing() -> None:
    text = "Chiửu nay trời mưa. Chiửu mai cũng thế. Thử xem."
    assert repair.fix_learned_substitutions(text) == text


def test_cyrillic_look_alikes_are_not_learned_as_damage() -> None:
    # A homoglyph-obfuscated text (Cyrillic А for A) is normalize's business.
    text = "Аi cũng biết Аnh và Аi Cập, Аn Giang, Аnh ấy."
    assert repair.fix_learned_substitutions(text) == text


def test_stray_no_break_space_is_learned_and_names_keep_theirs() -> None:
    text = "cà\u00a0ng lâu cà\u00a0ng tốt, thà\u00a0nh phố Hà\u00a0Nội và\u00a0o ngà\u00a0y mới"
    fixed = str(repair.remove_stray_no_break_spaces(text))
    assert fixed == "càng lâu càng tốt, thành phố Hà\u00a0Nội vào ngày mới"


def test_glued_syllables_split_only_next_to_learned_damage() -> None:
    damaged = "cà\u00a0ng nà\u00a0y, thà\u00a0nh phố nhấn mạnhvà\u00a0 cho biết"
    assert "mạnh và\u00a0 cho" in str(repair.split_glued_syllables(damaged))
    typos = "Nữca sĩđã hát, Bảnlàm việc, mạnhvà cho"
    assert repair.split_glued_syllables(typos) == typos


def test_glued_tokens_that_are_not_vietnamese_stay() -> None:
    text = "cà\u00a0ng nà\u00a0y, thà\u00a0nh phố HanoiPrintPack và\u00a0 Baochinhphu.vn và\u00a0"
    assert repair.split_glued_syllables(text) == text


# --- mojibake, lost bytes, legacy fonts, entities -------------------------------------


def test_short_mojibake_line_follows_the_document() -> None:
    text = "Ná»™i dung\nÄ‘Ã£ cÃ³ ngÆ°á»\x9di dÃ¹ng má»›i\n"
    assert _repair(text) == "Nội dung\nđã có người dùng mới\n"


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # A word whose bytes are UTF-8 for a frequent syllable, on a line with no
        # letter only correct Vietnamese has: no correct text holds such byte pairs.
        ("Mã: Ná»™i\n", "Mã: Nội\n"),
        ("bá»\xada", "bửa"),  # the soft-hyphen byte inside
        ("BÃŒ", "BÌ"),
        # Beside correct Vietnamese one word is no evidence: «Rụng lá»…» could be
        # meant (a guillemet and an ellipsis after lá).
        ("Mã số: Ná»™i\n", "Mã số: Ná»™i\n"),
        ("«Rụng lá»…»", "«Rụng lá»…»"),
    ],
)
def test_lone_mojibake_word_needs_a_line_without_correct_vietnamese(
    text: str, want: str
) -> None:
    assert _repair(text) == want


def test_lost_byte_reasons_name_the_reading() -> None:
    text = "Ä‘á» nghá»‹ Ä‘Ã£ cÃ³ nhiá»u ngÆ°á»i"
    edits = repair.restore_lost_bytes(text).edits
    assert any("reads 'đề nghị'" in e.reason for e in edits)
    assert _repair(text) == "đề nghị đã có nhiều người"


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Ph¸t biÓu", "Phát biểu"),
        ("Céng hoµ x· héi chñ nghÜa ViÖt Nam", "Cộng hoà xã hội chủ nghĩa Việt Nam"),
        ("Vieät Nam ñoäc laäp", "Việt Nam độc lập"),
    ],
)
def test_legacy_fonts(text: str, want: str) -> None:
    assert _repair(text) == want


@pytest.mark.parametrize(
    "text",
    [
        "Straße Größe",
        "Ich möchte über München fahren",
        "¿Dónde está?",
        "Ça coûte 5 €",
        "Él está aquí; ¿vámonos?",
        "Dvořák",
    ],
)
def test_legacy_fonts_leave_other_languages(text: str) -> None:
    assert repair.decode_legacy_fonts(text) == text


def test_entities() -> None:
    assert _repair("Vi&amp;#7879;t Nam &amp;amp; Lào") == "Việt Nam & Lào"
    assert _repair("10Î&frac14;s") == "10μs"
    assert _repair("&Atilde;&iexcl;o kho&Atilde;&iexcl;c") == "áo khoác"
    # A single level of escaping is the normalize stage's: repair leaves it.
    assert repair.unescape_html_twice("AT&amp;T &lt;b&gt;") == "AT&amp;T &lt;b&gt;"


# --- properties -----------------------------------------------------------------------

SYLLABLES = sorted(w for w in syllable.lexicon() if syllable.is_valid(w))
WORDS = st.one_of(
    st.sampled_from(SYLLABLES),
    st.sampled_from(SYLLABLES).map(str.capitalize),
    st.from_regex(r"[A-Za-z]{1,10}", fullmatch=True),
    st.integers(min_value=0, max_value=10**9).map(str),
    st.from_regex(r"https?://[a-z]{2,8}\.(com|vn|org)/[a-z0-9-]{0,12}", fullmatch=True),
    st.from_regex(r"[a-z]{2,8}@[a-z]{2,8}\.vn", fullmatch=True),
)


@settings(derandomize=True, max_examples=300, deadline=None)
@given(st.lists(WORDS, min_size=1, max_size=40))
def test_correct_text_is_left_alone(words: list[str]) -> None:
    text = " ".join(words)
    for step in REPAIR_STEPS:
        assert str(step(text)) == text, step.__name__


MOJIBAKE_ALPHABET = st.sampled_from(
    list("ÃÄÅÆáâºª»¼½¾¿€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ¡¢£¤¥¦§¨©«¬®¯°±²³´µ¶·¸¹")
    + list("\x81\x8d\x8f\x90\x9d\xa0 ?&;#amp")
    + list("aeiouđươngh. \n")
)


@settings(derandomize=True, max_examples=400, deadline=None)
@given(st.one_of(st.text(), st.text(MOJIBAKE_ALPHABET)))
def test_repair_never_fails_and_explains_itself(text: str) -> None:
    result = clean_and_explain(text, normalize=False, strip=False)
    assert replay(text, result.changes) == result.text
    assert _repair(result.text) == result.text  # a second pass finds nothing more


# --- regressions ----------------------------------------------------------------


@pytest.mark.parametrize("newline", ["\r\n", "\r", "\n", "\u2028"])
def test_line_breaks_kept(newline: str) -> None:
    # ftfy's fix_line_breaks is off: newlines are the writer's, not damage. (U+0085 is
    # left out: in scraped text it is Windows-1252 `…` read as Latin-1.)
    text = f"Dòng một{newline}Dòng hai{newline}"
    assert _repair(text) == text


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Giá\x93 rẻ\x94 lắm", "Giá“ rẻ” lắm"),  # C1 quotes beside correct Vietnamese
        ("DÂ\xadN TỘC", "DÂN TỘC"),  # a soft hyphen inside a word
        ("HÃ Ná»™i lÃ  thá»§ Ä‘Ã´", "Hà Nội là thủ đô"),  # real mojibake still decoded
        ("Hà Nội là Ä‘Ã£ cÃ³", "Hà Nội là đã có"),  # next to correct text too
    ],
)
def test_ftfy_never_lowers_frequent_syllables(text: str, want: str) -> None:
    assert clean(text, strip=False) == want


LINEAR_INPUTS = {
    # One 400 000-letter word: no syllable is longer than 16 characters.
    "one long word": lambda n: "ệ" * n,
    # Damage repeated: each distinct word is judged once.
    "repeated damage": lambda n: "Аảng Аiửu điửu " * (n // 15),
    # No-break spaces, each a site the learning looks at.
    "no-break spaces": lambda n: "\u00a0" * n,
}


@pytest.mark.slow
@pytest.mark.parametrize("make", LINEAR_INPUTS.values(), ids=LINEAR_INPUTS.keys())
def test_repair_is_linear(make) -> None:
    import time

    spent = []
    for size in (100_000, 400_000):
        text = make(size)
        start = time.perf_counter()
        for step in REPAIR_STEPS:
            text = str(step(text))
        spent.append(time.perf_counter() - start)
    # Generous, as in test_adversarial: a busy machine can make a 0.05 s run take
    # 0.5 s, but a quadratic step takes far longer than 10x the quarter plus 2 s.
    assert spent[1] < 10 * spent[0] + 2, f"{spent[1]:.2f} s, {spent[0]:.2f} s for 1/4"


def test_symbols_read_as_windows_1252_on_ticker_lines() -> None:
    # ▲ and ► are E2 96 B2 and E2 96 BA: three characters no writer types in a row.
    text = "Giá vàng hôm nay\nâ–² 1,2%\nâ–º 12.500\n"
    assert _repair(text) == "Giá vàng hôm nay\n▲ 1,2%\n► 12.500\n"


def test_residue_needs_a_syllable_that_is_no_word_alone() -> None:
    # ng for người in chat: màng is rarer than mà, so the space is a real one.
    assert _repair("mà ng ta nói, là ng yêu") == "mà ng ta nói, là ng yêu"
    assert _repair("Thà nh phố") == "Thành phố"
    # Ã and two spaces: à's 0xA0 byte became a space; one intact word is enough then.
    assert _repair("HÃ  Ná»™i") == "Hà Nội"


@pytest.mark.parametrize(
    ("fragment", "want"),
    [
        ("Vieät Nam", "Việt Nam"),  # VNI
        ("CHÖÔNG XV", "CHƯƠNG XV"),  # VNI capitals
        ("®\xadîc", "được"),  # TCVN3: 0xAD is ư, not a soft hyphen
        ("giaù triï", "giá trị"),  # VNI: i with the tone-mark byte of other vowels
        ("cã mét", "có một"),  # TCVN3: two syllables far rarer than their readings
        ("bao giê", "bao giờ"),  # one far rarer, making a word only as read
        ("phaïm vaø hình phaït Phaàn thứ nhất", "phạm và hình phạt Phần thứ nhất"),
        ("Tôi yêu Vieät Nam.", "Tôi yêu Việt Nam."),  # a capital inside a sentence
        ("ông Nguyeãn", "ông Nguyễn"),
    ],
)
def test_a_short_legacy_fragment_decodes_alone(fragment: str, want: str) -> None:
    assert _repair(fragment) == want


@pytest.mark.parametrize(
    "text",
    [
        "naïve café",
        "Noël à Paris",
        "São Paulo é ótimo",
        "Müller Straße",
        "boà",
        "mét",  # a metre, though TCVN3 mét is một
        "dài 5 mét",
        "Thõa Thõa",  # one distinct word is no evidence
        # g, c before e/ê: slang spelling, not TCVN3 gột, gộp, cờ
        "Đi thôi, gét gô!",
        "Hôm nay gép quá.",
        "cê quá",
        # unseen syllables that make a Viet74K word as written: no TCVN3 số số
        "sè sè",
        "oàng oàng",
        "KÌN KÌN",
        # a syllable of a Viet74K word the subtitles lack: no TCVN3 số, VNI rồng
        "sè",
        "Roàng là tên riêng.",
        "Thôm Rang",  # valid, unseen, nothing broken beside it: no VNI Thơm
        "Kích thước hạt 5 µm, sai số ± 0,5 mm.",  # micrometres, no TCVN3 àm
        "dày (10µm)",
        # a lone sign between words is punctuation: no TCVN3 ã/ô beside dựng, xỏ
        "chi · dùng",
        "ninh « xá",
        "Cầu thủ Loïc ghi bàn.",  # a French name, no VNI Lọc
        "theo Loïc",
    ],
)
def test_short_foreign_words_are_no_legacy_fragment(text: str) -> None:
    assert _repair(text) == text


@pytest.mark.parametrize("text", ["KÃ\x9c", "oÁ oÁ", "Ä‘Ã£ cÃ³ KÃœHL"])
def test_a_decoding_that_reads_as_a_legacy_font_is_not_made(text: str) -> None:
    # ftfy reads KÃ\x9c as KÜ, which TCVN3 reads as Kĩ; the tone mover would make
    # óA of oÁ, TCVN3's úA: either way a second run would change the text again.
    once = clean(text, strip=False)
    assert clean(once, strip=False) == once
