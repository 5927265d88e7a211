"""
Correct text whose only damage is invisible comes back as the correct text.

Text copied out of HTML carries characters that hide inside words: zero-width spaces,
soft hyphens, zero-width non-joiners, BOMs and word joiners after some letters,
no-break spaces for some spaces, and character references (`đư&#7907;c`) where a
letter was escaped. None of them is damage to the letters, so no repair may change a
letter because of them: a word split by one is still one word for the evidence the
repair steps gather. Checked by hypothesis over text built from frequent syllables of
the lexicon, names, English words, numbers and URLs, under every tone style, and for
idempotence over the same inputs.
"""

from __future__ import annotations

import html
import html.entities
import random

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from vnclean import clean
from vnclean.syllable import lexicon

# hypothesis imports mypy_extensions while it reports a falsifying example; under
# filterwarnings = error its DeprecationWarning would replace the report.
pytestmark = pytest.mark.filterwarnings(
    "ignore:mypy_extensions.TypedDict is deprecated:DeprecationWarning"
)
SETTINGS = settings(
    derandomize=True,
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
TONE_STYLES = ("old", "new", "keep")
# ZERO WIDTH SPACE, SOFT HYPHEN, ZERO WIDTH NON-JOINER, BOM, WORD JOINER.
INVISIBLES = ("\u200b", "\u00ad", "\u200c", "\ufeff", "\u2060")
NAMES = (
    "Nguyễn Văn Hùng",
    "Trần Thị Thu Hà",
    "Lê Quang Đạo",
    "Phạm Minh Chính",
    "Võ Nguyên Giáp",
    "Đà Nẵng",
    "Thừa Thiên Huế",
    "Bà Rịa - Vũng Tàu",
    "Hồ Chí Minh",
    "Châu Âu",
    "Tây Nguyên",
    "Bến Cát",
)
ENGLISH = [
    "the",
    "and",
    "of",
    "with",
    "COVID-19",
    "iPhone",
    "Google",
    "Facebook",
    "Samsung",
    "SEA",
    "Games",
    "World",
    "Cup",
    "FIFA",
    "UNESCO",
    "online",
    "marketing",
    "video",
    "clip",
    "livestream",
    "startup",
    "e-mail",
    "check-in",
]
HOSTS = ("vnexpress.net", "tuoitre.vn", "baochinhphu.vn", "example.com")
PUNCTUATION = ("", "", "", "", ",", ".", ":", ";", "!", "?", "…")


def _vocabulary() -> list[str]:
    """
    Frequent syllables first (hypothesis shrinks toward them), then rarer ones,
    capitalised syllables, names, English words, numbers and URLs.
    """
    rng = random.Random(15)
    counts = lexicon()
    by_count = sorted(counts, key=lambda s: (-counts[s], s))
    words = by_count[:4000]
    words += [s.capitalize() for s in by_count[:800]]
    words += [s.upper() for s in by_count[:100]]
    words += [*NAMES, *ENGLISH]
    for _ in range(100):
        words.append(
            rng.choice(
                [
                    str(rng.randrange(10 ** rng.randint(1, 7))),
                    f"{rng.randint(1, 999)}.{rng.randint(0, 999):03d}",
                    f"{rng.randint(1, 31)}/{rng.randint(1, 12)}/{rng.randint(1990, 2030)}",
                    f"{rng.randint(0, 100)}%",
                ]
            )
        )
    for _ in range(30):
        slug = "-".join(rng.choice(ENGLISH).lower() for _ in range(rng.randint(1, 4)))
        words.append(f"https://{rng.choice(HOSTS)}/{slug}-{rng.randint(1, 10**5)}.html")
    return words


VOCABULARY = _vocabulary()


@st.composite
def correct_documents(draw: st.DrawFn) -> str:
    """A few lines of sentences made of real words, in the old tone style."""
    lines = []
    for _ in range(draw(st.integers(1, 6))):
        indices = draw(
            st.lists(st.integers(0, len(VOCABULARY) - 1), min_size=1, max_size=40)
        )
        words = []
        for index in indices:
            words.append(VOCABULARY[index] + draw(st.sampled_from(PUNCTUATION)))
        line = " ".join(words)
        lines.append(line[0].upper() + line[1:])
    return "\n".join(lines)


def sprinkle_invisibles(text: str, seed: int, rate: float) -> str:
    """
    An invisible character after about `rate` of the letters followed by a letter,
    and a no-break space for a fifth of the spaces, as copied out of HTML.
    """
    rng = random.Random(seed)
    out = []
    for i, char in enumerate(text):
        if char == " " and rng.random() < 0.2:
            out.append("\u00a0")
            continue
        out.append(char)
        following = text[i + 1 : i + 2]
        if char.isalpha() and following.isalpha() and rng.random() < rate:
            out.append(rng.choice(INVISIBLES))
    return "".join(out)


def escape_letters(text: str, seed: int, rate: float) -> str:
    """
    About `rate` of the letters outside ASCII written as character references, in
    decimal, in hexadecimal or by name where HTML has one, and some spaces as
    `&nbsp;` and soft hyphens as `&shy;` inside words.
    """
    rng = random.Random(seed)
    out = []
    for i, char in enumerate(text):
        if not char.isascii() and char.isalpha() and rng.random() < rate:
            name = html.entities.codepoint2name.get(ord(char))
            form = rng.randrange(3)
            if form == 2 and name:
                out.append(f"&{name};")
            elif form == 1:
                out.append(f"&#x{ord(char):X};")
            else:
                out.append(f"&#{ord(char)};")
        elif char == " " and rng.random() < rate / 3:
            out.append("&nbsp;")
        else:
            out.append(char)
            following = text[i + 1 : i + 2]
            if char.isalpha() and following.isalpha() and rng.random() < rate / 10:
                out.append("&shy;")
    return "".join(out)


RATES = st.sampled_from([0.03, 0.1, 0.3])
SEEDS = st.integers(0, 2**32 - 1)


@SETTINGS
@given(correct_documents(), SEEDS, RATES)
@example("Phần đầu của châu Âu. Vậy được thuận lợi, phần lớn đầu tư.", 3, 0.3)
def test_invisible_characters_inside_words_repair_nothing(
    text: str, seed: int, rate: float
) -> None:
    damaged = sprinkle_invisibles(text, seed, rate)
    for style in TONE_STYLES:
        assert clean(damaged, strip=False, tone_style=style) == clean(
            text, strip=False, tone_style=style
        )


@SETTINGS
@given(correct_documents(), SEEDS, RATES)
@example("Được nước, được đường trường; nước được.", 1, 0.3)
def test_character_references_inside_words_repair_nothing(
    text: str, seed: int, rate: float
) -> None:
    damaged = escape_letters(text, seed, rate)
    for style in TONE_STYLES:
        assert clean(damaged, strip=False, tone_style=style) == clean(
            text, strip=False, tone_style=style
        )


@SETTINGS
@given(correct_documents(), SEEDS, RATES)
@example("Tôi tôi tôi không cứ\nHoà ngài", 0, 0.03)  # Hoà ng&#224;i: no fragment ng
def test_both_at_once_repair_nothing(text: str, seed: int, rate: float) -> None:
    damaged = escape_letters(sprinkle_invisibles(text, seed, rate), seed + 1, rate)
    assert clean(damaged, strip=False) == clean(text, strip=False)


@SETTINGS
@given(correct_documents(), SEEDS, RATES, st.sampled_from(TONE_STYLES))
def test_clean_is_idempotent_on_sprinkled_text(
    text: str, seed: int, rate: float, style: str
) -> None:
    damaged = escape_letters(sprinkle_invisibles(text, seed, rate), seed, rate)
    once = clean(damaged, strip=False, tone_style=style)
    assert clean(once, strip=False, tone_style=style) == once


@SETTINGS
@given(correct_documents(), SEEDS, RATES)
def test_repair_stage_alone_changes_no_letter(
    text: str, seed: int, rate: float
) -> None:
    # Without the normalize stage the invisibles and references stay; the repair
    # stage must still read the words they sit in as whole words.
    damaged = escape_letters(sprinkle_invisibles(text, seed, rate), seed, rate)
    repaired = clean(damaged, normalize=False, strip=False)
    assert _letters(repaired) == _letters(damaged)


def _letters(text: str) -> str:
    # References decoded: the repair stage may decode those it finds entangled in a
    # token that reads as mojibake, which changes no letter.
    return "".join(c for c in html.unescape(text) if c not in INVISIBLES)


def test_correct_text_is_unchanged_in_the_old_style() -> None:
    # The vocabulary is correct text: without sprinkles it comes back as written.
    rng = random.Random(1)
    for _ in range(20):
        text = " ".join(rng.choice(VOCABULARY) for _ in range(30))
        assert clean(text, strip=False, tone_style="keep") == text


@pytest.mark.parametrize(
    "text",
    [
        "Từ thời x\u00ada, người dân d\u00ada hấu trồng trên bãi.",
        "Nhìn từ tr\u00adên cao, d\u00adi tích hiện ra rõ ràng.",
        "x\u00ada kia",
        "Â\u00adu và Châ\u00adu Â\u00adu",  # Â + soft hyphen is also its UTF-8 as cp1252
    ],
)
def test_a_soft_hyphen_in_correct_text_is_no_tcvn3_letter(text: str) -> None:
    # 0xAD is TCVN3's ư, but a word that is a syllable without it (xa, dưa → da,
    # trên) is correct text with an invisible hyphen.
    assert clean(text, strip=False) == clean(text.replace("\u00ad", ""), strip=False)
