"""
Marks that do not belong where they sit: decorative marks drawn under every letter to
dodge filters, a tone mark typed after a space, duplicated or stray marks on a
Vietnamese word (a second tone mark included: dàì, gíá), and the horn typed on one
vowel of ươ only (đuợc, bưóc). A word changes only when the result is a Vietnamese
syllable, so marks in mathematics, other languages and decoration stay.
"""

from __future__ import annotations

import functools
import re
import unicodedata

import regex

from vnclean import edits, lazy, syllable
from vnclean.normalize.words import LETTER_WORD_RE, find_words

TONE_MARKS = frozenset(syllable.TONE_MARKS[1:])  # acute, grave, hook, tilde, dot below
MODIFIER_MARKS = frozenset("\u0302\u0306\u031b")  # circumflex, breve, horn
VIETNAMESE_MARKS = TONE_MARKS | MODIFIER_MARKS
_TONE_CLASS = "[" + "".join(sorted(TONE_MARKS)) + "]"
# A Vietnamese mark: the words remove_stray_marks reads hold one.
STRAY_MARK_RE = lazy.compile("[" + "".join(sorted(VIETNAMESE_MARKS)) + "]")
# A tone mark typed after a space, the word before it, and what follows the mark.
DETACHED_MARK_RE = lazy.compile(
    rf"(?<![\w\p{{M}}])(\p{{L}}+) ({_TONE_CLASS})(?=(.?))", regex.DOTALL
)
DETACHED_HINT_RE = lazy.compile(rf"\s{_TONE_CLASS}")
DECORATIVE_MARKS = (
    "\u0332\u0333\u0336\u033c"  # low line, double low line, stroke, seagull
)
DECORATED_RUN_RE = lazy.compile(
    rf"(?:[^\p{{M}}\n]\p{{M}}*?[{DECORATIVE_MARKS}]\p{{M}}*)+"
)
DECORATIVE_RE = lazy.compile(f"[{DECORATIVE_MARKS}]")
# Letters with a composed tone mark (à á ả ã ạ ... ỳ ý ỷ ỹ ỵ).
TONED_LETTERS = "".join(
    char
    for char in map(chr, range(0xC0, 0x1F00))
    # A letter that decomposes into nothing holds no mark.
    if unicodedata.decomposition(char)
    and char.isalpha()
    and syllable.split_letter(char)[1] > 0
    and syllable.split_letter(char)[0].lower() in syllable.VOWELS
)
# Two toned letters in one word: no syllable carries two tone marks.
TWO_TONES_RE = lazy.compile(f"[{TONED_LETTERS}][\\p{{L}}\\p{{M}}]*[{TONED_LETTERS}]")
STRAY_OR_TWO_TONES_RE = lazy.compile(f"{STRAY_MARK_RE.pattern}|{TWO_TONES_RE.pattern}")

# Rare alternatives lose to a composed tone only below this share of its frequency.
RARE_RATIO = 100


def remove_decorative_marks(text: str) -> str:
    """
    Remove decorative combining marks (seagull below, low line) added under every
    letter of a Vietnamese sentence to dodge filters.

        >>> remove_decorative_marks("H\u033cà\u033c \u033cN\u033cộ\u033ci\u033c")
        'Hà Nội'
    """
    # A run is cleaned when it is a whole line with a word in it, or when it spans
    # two words or more and most of them become Vietnamese syllables: `b̼.̼o̼.̼m̼`, a
    # deliberate mark on a few letters inside a sentence, stays.
    if not any(mark in text for mark in DECORATIVE_MARKS):
        return text
    return edits.substitute(text, DECORATED_RUN_RE.finditer(text), _undecorate)


def _undecorate(match: regex.Match[str]) -> tuple[str, str] | None:
    plain = DECORATIVE_RE.sub("", match.group())
    words = LETTER_WORD_RE.findall(plain)
    valid = sum(syllable.is_valid(word) for word in words)
    text = match.string
    whole_line = (match.start() == 0 or text[match.start() - 1] in "\r\n") and (
        match.end() == len(text) or text[match.end()] in "\r\n"
    )
    if (whole_line and words) or (valid >= 2 and 2 * valid >= len(words)):
        return plain, "decorative marks under every letter"
    return None


def attach_detached_marks(text: str) -> str:
    """
    Put back a tone mark that was typed after a space (thi ̣trường → thị trường).

        >>> attach_detached_marks("Giá thi \u0323trấn, công nghiêp \u0323 nhẹ")
        'Giá thị trấn, công nghiệp nhẹ'
    """
    # The mark goes to the word before the space when that word has no tone and takes
    # it as a valid syllable; after a word that already has a tone it is dropped. A
    # mark after a space with no word before it (a diacritic cited alone) stays.
    if not any(mark in text for mark in TONE_MARKS) or not DETACHED_HINT_RE.search(
        text
    ):
        return text
    return edits.substitute(text, DETACHED_MARK_RE.finditer(text), _attach)


def _attach(match: regex.Match[str]) -> tuple[str, str] | None:
    word, mark, following = match.group(1), match.group(2), match.group(3)
    space = "" if following in ("", " ", "\n", "\r", "\t") else " "
    _, tone, _ = syllable.split_tone(word)
    if tone == 0:
        fixed = repair_marks(word + mark)
        if fixed is not None:
            # Where the mark sat is lost, so it goes where the default style puts it.
            fixed = syllable.respell(fixed, "old") or fixed
            return fixed + space, "tone mark typed after a space"
        return None
    if tone > 0 and syllable.is_valid(word):
        return word + space, "stray tone mark after a space"
    return None


def remove_stray_marks(text: str) -> str:
    """
    Remove duplicated or stray marks on a Vietnamese word (đôị̣ → đội, miể̃n → miễn,
    Sơ̛n → Sơn, and a second tone mark: dàì → dài).

        >>> remove_stray_marks("đôị\u0323 bóng, Sơ\u031bn La, miể\u0303n thuế, dàì")
        'đội bóng, Sơn La, miễn thuế, dài'
    """
    # Only words whose marks all are Vietnamese ones and that become a valid syllable
    # change; a mark on a non-Vietnamese base (math, decoration) stays. A word with
    # two composed tone marks (dàì, Rồì) keeps the one that makes a syllable, and is
    # left alone when both do and neither is far the commoner (hóà: hóa or hòa).
    if not any(mark in text for mark in VIETNAMESE_MARKS) and not _has_two_tones(text):
        return text
    return edits.substitute(text, find_words(text, STRAY_OR_TWO_TONES_RE), _fix_marks)


def _has_two_tones(text: str) -> bool:
    """
    Whether TWO_TONES_RE finds a word with two composed tone marks in `text`. A word
    never crosses a space, and an attested syllable carries one mark at most, so only
    the runs of non-space that are none are searched; tests/test_perf_equivalence.py
    checks this against the search over the whole text.
    """
    return any(TWO_TONES_RE.search(token) for token in syllable.unattested_tokens(text))


def _fix_marks(match: regex.Match[str]) -> tuple[str, str] | None:
    word = match.group()
    fixed = repair_marks(word)
    if not fixed:
        return None
    if STRAY_MARK_RE.search(word):
        return fixed, "duplicated or stray combining mark"
    return fixed, "two tone marks on one syllable"


@functools.lru_cache(maxsize=65536)
def repair_marks(word: str) -> str | None:
    """
    The valid syllable a word with extra combining marks was meant to be, or None.
    Of two tone marks, the one composed into a letter wins unless its syllable is rare
    beside the other (đôí̀ → đối, Nôị̉ → Nội, but miể̃n → miễn).

        >>> repair_marks("đôị\u0323"), repair_marks("Sơ\u031bn"), repair_marks("x\u0301")
        ('đội', 'Sơn', None)
    """
    word = unicodedata.normalize("NFC", word)
    if len(word) > syllable.MAX_WRITTEN_LENGTH:
        return None  # no syllable is this long
    letters: list[str] = []
    tones: list[tuple[int, int]] = []  # (tone, index of the letter it sat on)
    for char in word:
        if unicodedata.combining(char):
            if char not in VIETNAMESE_MARKS or not letters:
                return None
            if char in TONE_MARKS:
                tones.append((syllable.TONE_MARKS.index(char), len(letters) - 1))
                continue
            previous = letters[-1]
            if char not in unicodedata.normalize("NFD", previous):
                letters[-1] = unicodedata.normalize("NFC", previous + char)
            continue
        base, tone = syllable.split_letter(char)
        letters.append(base)
        if tone:
            tones.append((tone, len(letters) - 1))
    bare = "".join(letters)
    candidates: list[str] = []
    for tone, at in tones or [(0, -1)]:
        spelled = _with_tone(bare, tone, at)
        if spelled is not None and spelled not in candidates:
            candidates.append(spelled)
    if not candidates:
        return None
    first = candidates[0]
    best = max(candidates, key=syllable.frequency)
    if not any(unicodedata.combining(c) for c in word):
        # Every tone composed into its letter: none was typed last, so the commoner
        # reading wins only by far, and a tie leaves the word.
        # hòa and hoà are one syllable in two styles, no rival readings.
        same = syllable.respell(best, "old")
        rest = [
            syllable.frequency(c)
            for c in candidates
            if syllable.respell(c, "old") != same
        ]
        if rest and syllable.frequency(best) < RARE_RATIO * max(max(rest), 1):
            return None
        return best
    if syllable.frequency(first) * RARE_RATIO >= syllable.frequency(best):
        return first
    return best


def _with_tone(bare: str, tone: int, at: int) -> str | None:
    if tone == 0:
        return bare if syllable.is_valid(bare) else None
    if bare[at].lower() not in syllable.VOWELS:
        # A mark on a consonant: any vowel will do.
        vowels = [i for i, char in enumerate(bare) if char.lower() in syllable.VOWELS]
        if not vowels:
            return None
        at = vowels[0]
    marked = unicodedata.normalize("NFC", bare[at] + syllable.TONE_MARKS[tone])
    word = bare[:at] + marked + bare[at + 1 :]
    if syllable.is_valid(word):
        return word
    return syllable.respell(word, "old")


# `uơ` or `ưo` before a final consonant or glide: the horn typed on one vowel of ươ
# only (đuợc, truớc, bưóc, nguời). Without a letter after it (thuở, huơ, quơ) the
# rhyme is uơ itself, and stays.
U_WITHOUT_HORN = "uúùủũụUÚÙỦŨỤ"
O_WITH_HORN = "ơớờởỡợƠỚỜỞỠỢ"
U_WITH_HORN = "ưứừửữựƯỨỪỬỮỰ"
O_WITHOUT_HORN = "oóòỏõọOÓÒỎÕỌ"
HALF_HORN_RE = lazy.compile(
    f"[{U_WITHOUT_HORN}][{O_WITH_HORN}]\\p{{L}}|[{U_WITH_HORN}][{O_WITHOUT_HORN}]\\p{{L}}"
)
# The vowel pair of HALF_HORN_RE alone, found from its second vowel: a text without
# one holds no half horn (tests/test_perf_equivalence.py).
HALF_HORN_PAIR_RE = re.compile(
    f"[{O_WITH_HORN}{O_WITHOUT_HORN}]"
    f"(?:(?<=[{U_WITHOUT_HORN}][{O_WITH_HORN}])|(?<=[{U_WITH_HORN}][{O_WITHOUT_HORN}]))"
)
# A syllable the corpus has seen this often is a word, not a typo's accident.
HORN_MIN_FREQUENCY = 20


def restore_missing_horns(text: str) -> str:
    """
    Put back the horn typed on only one vowel of ươ before a final consonant or glide
    (đuợc → được, bưóc → bước, nguời → người).

        >>> restore_missing_horns("đuợc đi truớc, bưóc nguời ta; thuở ấy")
        'được đi trước, bước người ta; thuở ấy'
    """
    # A word that is a syllable as written (thuở, quơ, huơ) stays, and so does one
    # that no horn makes a frequent syllable (names, other languages).
    if not HALF_HORN_PAIR_RE.search(text) or not HALF_HORN_RE.search(text):
        return text
    return edits.substitute(text, find_words(text, HALF_HORN_RE), _fix_horn)


def _fix_horn(match: regex.Match[str]) -> tuple[str, str] | None:
    fixed = with_both_horns(match.group())
    return (fixed, "horn typed on one vowel of ươ only") if fixed else None


@functools.lru_cache(maxsize=65536)
def with_both_horns(word: str) -> str | None:
    """
    The frequent syllable `word` becomes with ươ for its uơ or ưo, or None.

        >>> with_both_horns("đuợc"), with_both_horns("thuở"), with_both_horns("Bưóc")
        ('được', None, 'Bước')
    """
    if syllable.is_valid(word):
        return None
    found = HALF_HORN_RE.search(word)
    if found is None:
        return None
    at = found.start()
    pair = word[at : at + 2]
    horned = "".join(_horned(char) for char in pair)
    fixed = word[:at] + horned + word[at + 2 :]
    if not syllable.is_valid(fixed):
        fixed = syllable.respell(fixed, "old") or ""
    if not fixed or syllable.frequency(fixed) < HORN_MIN_FREQUENCY:
        return None
    return fixed


def _horned(char: str) -> str:
    base, tone = syllable.split_letter(char)
    horn = {"u": "ư", "U": "Ư", "o": "ơ", "O": "Ơ"}.get(base, base)
    return unicodedata.normalize("NFC", horn + syllable.TONE_MARKS[tone])
