"""The normalize steps one by one, the look-alike table, and properties of the stage."""

from __future__ import annotations

import importlib.resources
import unicodedata

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from vnclean import clean, normalize, pipeline, syllable
from vnclean.model import Explained

NORMALIZE_STEPS = [
    step for step in pipeline.STEPS if pipeline.stage_of(step) == "normalize"
]


def _run(step, text: str, **kwargs: str) -> str:
    return str(step(text, **kwargs))


def test_the_stage_lists_its_steps_in_pipeline_order() -> None:
    assert normalize.STEPS == NORMALIZE_STEPS


# --- entities, controls, invisibles, spaces -------------------------------------------


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Vi&#7879;t &amp; L&#xE0;o", "Việt & Lào"),
        ("A&nbsp;B", "A\u00a0B"),
        ("gi&aacute;", "giá"),
        ("AT&T và R&D", "AT&T và R&D"),  # no entity
        ("?a=1&not=2&copy2", "?a=1&not=2&copy2"),  # no semicolon: left alone
        ("&foo; &#0;", "&foo; &#0;"),  # unknown name, NUL reference
        (
            "&amp;amp; &amp;#7879;",
            "&amp;amp; &amp;#7879;",
        ),  # escaped twice: repair's job
        ("<p>Vi&#7879;t</p>", "<p>Vi&#7879;t</p>"),  # real HTML
    ],
)
def test_decode_html_entities(text: str, want: str) -> None:
    assert _run(normalize.decode_html_entities, text) == want


def test_c1_punctuation_and_controls() -> None:
    text = "a\x96b \x93c\x94 d\x85 \x80 \x81e\x00\x1bf\tg\r\n"
    text = _run(normalize.replace_c1_punctuation, text)
    assert text == "a–b “c” d… € \x81e\x00\x1bf\tg\r\n"
    assert _run(normalize.remove_control_characters, text) == "a–b “c” d… € ef\tg\r\n"


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("ng\u00adười", "người"),
        ("\ufeffHà\u200b Nội\u2060", "Hà Nội"),
        ("ᵭ\u200cứa ƅ\u200cé", "ᵭứa ƅé"),  # ZWNJ inside Latin words
        ("می\u200cخواهم", "می\u200cخواهم"),  # ZWNJ in Persian stays
        ("👨\u200d👩\u200d👧", "👨\u200d👩\u200d👧"),  # ZWJ stays
    ],
)
def test_remove_invisible_characters(text: str, want: str) -> None:
    assert _run(normalize.remove_invisible_characters, text) == want


def test_spaces() -> None:
    assert _run(normalize.replace_unicode_spaces, "a\u00a0b\u2009c\u3000d") == "a b c d"
    assert _run(normalize.collapse_spaces, " a  b \n c\t\td ") == "a b\nc d"


# --- composition and marks ------------------------------------------------------------


def test_compose_nfc_handles_decomposed_and_windows_1258() -> None:
    assert _run(normalize.compose_nfc, unicodedata.normalize("NFD", "Người")) == "Người"
    assert _run(normalize.compose_nfc, "Ngươ\u0300i") == "Người"


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("đôị\u0323", "đội"),
        ("Ướ\u0301c", "Ước"),
        ("miể\u0303n", "miễn"),  # the composed hook would make a rare syllable
        ("đôí\u0300", "đối"),  # the composed mark wins, and moves to ô
        ("Nôị\u0309", "Nội"),
        ("Sơ\u031bn phươ\u031bng", "Sơn phương"),
        ("Lạng\u0323", "Lạng"),
        ("x\u0303 q\u0323", "x\u0303 q\u0323"),  # marks on foreign bases stay
        ("cafè\u0301", "cafè\u0301"),  # no syllable results: left alone
    ],
)
def test_remove_stray_marks(text: str, want: str) -> None:
    assert _run(normalize.remove_stray_marks, text) == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("thi \u0323trường", "thị trường"),
        ("nghiêp \u0323 nặng", "nghiệp nặng"),
        ("Tỉnh \u0323lộ", "Tỉnh lộ"),
        ("Thuy \u0323Điển", "Thụy Điển"),  # the lost position goes where "old" puts it
        ("\u0323 là dấu nặng", "\u0323 là dấu nặng"),  # a mark cited alone
        ("abc \u0323d", "abc \u0323d"),
    ],
)
def test_attach_detached_marks(text: str, want: str) -> None:
    assert _run(normalize.attach_detached_marks, text) == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("P\u033ch\u033cố\u033c \u033cc\u033cổ\u033c", "Phố cổ"),
        (
            "Rowan\u033c \u033cAtkinson\u033c",
            "Rowan\u033c \u033cAtkinson\u033c",
        ),  # only one mark
        (
            "".join(c + "\u033c" for c in "Rowan Atkinson"),
            "Rowan Atkinson",
        ),  # whole line
        (
            "trạng b\u033c.\u033co\u033c.\u033cm\u033c hàng",
            "trạng b\u033c.\u033co\u033c.\u033cm\u033c hàng",
        ),
    ],
)
def test_remove_decorative_marks(text: str, want: str) -> None:
    assert _run(normalize.remove_decorative_marks, text) == want


# --- look-alike letters ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("сủa", "của"),
        ("ᴛɦư", "thư"),
        ("Ðà Nẵng", "Đà Nẵng"),
        ("70°С", "70°C"),
        ("ƈύ\u031bu", "cứu"),  # Greek ύ decomposes; the horn composes after mapping
        ("тнì нôм ѕaυ вé н đã", "thì hôm sau bé h đã"),  # obfuscated: a lone н maps too
        ("Кедр", "Кедр"),
        ("Япония окончательно", "Япония окончательно"),
        ("(Ю. М. Соколов)", "(Ю. М. Соколов)"),
        ("α = 2β", "α = 2β"),
        ("Guðrún", "Guðrún"),
        ("Quyết định 23-QÐ/TW của HÐND", "Quyết định 23-QĐ/TW của HĐND"),
        ("GUÐRÚN and the BBC", "GUÐRÚN and the BBC"),  # no Vietnamese around
        ("Ð", "Ð"),
        ("сủa мà на Москва", "của mà на Москва"),  # a Russian line keeps на
    ],
)
def test_replace_look_alike_letters(text: str, want: str) -> None:
    assert _run(normalize.replace_look_alike_letters, text) == want


def test_look_alike_edits_give_reasons() -> None:
    out = normalize.replace_look_alike_letters("Giá сủa vàng")
    assert isinstance(out, Explained)
    assert [(e.start, e.end, e.after) for e in out.edits] == [(4, 7, "của")]
    assert "look-alike" in out.edits[0].reason


def test_homoglyph_table_is_nfc_unique_and_maps_to_latin() -> None:
    path = importlib.resources.files("vnclean.normalize") / "homoglyphs.tsv"
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("#") and any(
        "Unicode" in line for line in lines if line[:1] == "#"
    )
    rows = [line.split("\t") for line in lines if line and not line.startswith("#")]
    assert rows[0] == ["lookalike", "latin", "note"]
    keys = [row[0] for row in rows[1:]]
    assert len(keys) == len(set(keys))
    for key, latin, note in rows[1:]:
        assert len(key) == 1 and unicodedata.normalize("NFC", key) == key, key
        assert len(latin) == 1 and regex.match(r"\p{Latin}", latin), key
        assert key != latin and note
    assert normalize.homoglyphs()["с"] == "c"


# --- tone placement -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "style", "want"),
    [
        ("hoà khoẻ thuỷ Uỷ", "old", "hòa khỏe thủy Ủy"),
        ("hòa khỏe thủy Ủy", "new", "hoà khoẻ thuỷ Uỷ"),
        ("hoà hòa", "keep", "hoà hòa"),
        ("quý già giữa hoàng thuyết khuya", "new", "quý già giữa hoàng thuyết khuya"),
        ("quý già giữa hoàng thuyết khuya", "old", "quý già giữa hoàng thuyết khuya"),
        ("baỏ Tòan ngừơi", "keep", "bảo Toàn người"),
        ("HÒA BÌNH", "new", "HOÀ BÌNH"),
        ("Còte café là-bas déjà", "old", "Còte café là-bas déjà"),
        ("Bắc Kinh (Běijīng) nói duì", "old", "Bắc Kinh (Běijīng) nói duì"),
        ("nói duì", "old", "nói dùi"),  # without pinyin around, a misplaced mark
        ("https://x.vn/hoà hoà@x.com Hoà_2", "old", "https://x.vn/hoà hoà@x.com Hoà_2"),
    ],
)
def test_place_tone_marks(text: str, style: str, want: str) -> None:
    assert _run(normalize.place_tone_marks, text, tone_style=style) == want


def test_tone_edits_say_why() -> None:
    out = normalize.place_tone_marks("Tòan hoà", tone_style="old")
    assert [e.reason for e in out.edits] == [
        "tone mark on the wrong vowel",
        "tone mark placed in the old style",
    ]


# --- properties -----------------------------------------------------------------------

LEXICON = sorted(syllable.lexicon())
ASCII_WORDS = st.from_regex(r"[A-Za-z]{1,10}", fullmatch=True)
NUMBERS = st.from_regex(r"[0-9]{1,6}([.,][0-9]{1,3})?%?", fullmatch=True)
URLS = st.builds(
    lambda host, path: f"https://{host}.vn/{path}",
    st.from_regex(r"[a-z]{2,8}", fullmatch=True),
    st.from_regex(r"[a-z0-9\-]{0,12}", fullmatch=True),
)
SYLLABLES = st.sampled_from(LEXICON).flatmap(
    lambda s: st.sampled_from([s, s.capitalize(), s.upper()])
)
TOKENS = st.one_of(SYLLABLES, SYLLABLES, SYLLABLES, ASCII_WORDS, NUMBERS, URLS)


@settings(derandomize=True, max_examples=300, deadline=None)
@given(st.lists(TOKENS, min_size=1, max_size=30))
def test_clean_text_passes_unchanged_with_keep(tokens: list[str]) -> None:
    text = " ".join(tokens)
    assert clean(text, strip=False, tone_style="keep") == text


TRICKY = (
    "aăâeêioôơuưyđAĐ hkmnpt "
    "àáảãạằắẳẵặầấẩẫậòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"
    "\u0300\u0301\u0303\u0309\u0323\u0302\u0306\u031b\u033c"
    "сυιнтмᴛɦσᵭðÐСкαβ°"
    "\u200b\u200c\u200d\u00ad\ufeff\u00a0\x96\x93\x00"
    "&#;amp7x0\n"
)


@pytest.mark.parametrize("step", NORMALIZE_STEPS, ids=lambda s: s.__name__)
@settings(derandomize=True, max_examples=300, deadline=None)
@given(text=st.text(alphabet=TRICKY, max_size=40))
def test_each_normalize_step_is_idempotent(step, text: str) -> None:
    kwargs = (
        {"tone_style": "old"} if "tone_style" in pipeline._keyword_params(step) else {}
    )
    once = _run(step, text, **kwargs)
    assert _run(step, once, **kwargs) == once


@pytest.mark.parametrize("step", NORMALIZE_STEPS, ids=lambda s: s.__name__)
def test_explained_edits_replay(step) -> None:
    text = "Tòan сủa đôị\u0323 thi \u0323trường ᴛɦư &amp; P\u033ch\u033cố\u033c \u033cc\u033cổ\u033c"
    kwargs = (
        {"tone_style": "old"} if "tone_style" in pipeline._keyword_params(step) else {}
    )
    out = step(text, **kwargs)
    if isinstance(out, Explained):
        rebuilt = text
        for edit in sorted(out.edits, key=lambda e: e.start, reverse=True):
            rebuilt = rebuilt[: edit.start] + edit.after + rebuilt[edit.end :]
        assert rebuilt == str(out)


def test_zwnj_after_a_greek_look_alike_goes() -> None:
    assert _run(normalize.remove_invisible_characters, "cσ\u200cn") == "cσn"


def test_obfuscated_text_keeps_russian_greek_and_formulas() -> None:
    text = (
        "Hôм nay тôι đι нọc ở тrường.\n"
        "Он сказал: на улице холодно, а мы пошли домой.\n"
        "Το σπίτι είναι μεγάλο και ο κήπος όμορφος.\n"
        "Giá ʟúa ở мức ʀấт cao. Xem α = 2β.\n"
    )
    assert _run(normalize.replace_look_alike_letters, text) == (
        "Hôm nay tôi đi học ở trường.\n"
        "Он сказал: на улице холодно, а мы пошли домой.\n"
        "Το σπίτι είναι μεγάλο και ο κήπος όμορφος.\n"
        "Giá lúa ở mức rất cao. Xem α = 2β.\n"
    )


def _bench_kinds() -> list[object]:
    import importlib.util
    import sys
    from pathlib import Path

    path = Path(__file__).resolve().parent.parent / "bench" / "damage.py"
    spec = importlib.util.spec_from_file_location("damage", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["damage"] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module.KINDS


SENTENCES = [
    "Ông Đặng Thế Hùng, Chủ tịch Ủy ban, cho biết mọi người đều khỏe và hòa thuận.",
    "Trời mưa lớn khiến đường vào thị trấn ngập sâu – “không ai ra khỏi nhà được”…",
]


@pytest.mark.parametrize("kind", _bench_kinds(), ids=lambda k: k.name)
def test_known_corruptions_clean_back(kind) -> None:
    import random

    if kind.name == "conflicting stray tone":
        pytest.skip("which of two tones was meant is a guess (see known-failures)")
    for sentence in SENTENCES:
        damaged = kind.damage(sentence, random.Random(7))
        want = kind.target(sentence) if kind.target else sentence
        assert clean(damaged, strip=False, tone_style=kind.tone_style) == want
