"""
Tone placement: the two conventions of where a tone mark sits on a Vietnamese
syllable (old: hòa, khỏe, thủy; new: hoà, khoẻ, thuỷ), and marks typed on a vowel
that neither convention uses (Tòan for Toàn).
"""

from __future__ import annotations

import functools
import unicodedata

import regex

from vnclean import edits, lazy, plain, syllable
from vnclean.normalize.words import LETTER_WORD_RE, find_words_at, line_of

# A tone mark, alone or composed into a letter: the only words tone placement reads.
TONED_RE = lazy.compile(
    "["
    + "".join(syllable.TONE_MARKS)
    + "".join(
        char
        for char in map(chr, range(0xC0, 0x1F00))
        # A letter that decomposes into nothing holds no mark.
        if unicodedata.decomposition(char)
        and char.isalpha()
        and syllable.split_letter(char)[1] > 0
    )
    + "]"
)
# A misplaced mark is moved only where the result was seen this often.
MIN_FREQUENCY = 20
# Letters with macron or caron: pinyin, whose tone marks follow Chinese rules.
PINYIN_RE = lazy.compile("[āēīōūǖǎěǐǒǔǚǜĀĒĪŌŪǍĚǏǑǓ]")


def place_tone_marks(text: str, *, tone_style: str = "old") -> str:
    """
    Put each tone mark on the vowel where the chosen convention places it
    (old: hòa, khỏe, thủy; new: hoà, khoẻ, thuỷ) and move misplaced marks (Tòan → Toàn).

        >>> place_tone_marks("Tòan dân hoà thuận, baỏ vệ")
        'Toàn dân hòa thuận, bảo vệ'
        >>> place_tone_marks("hòa Tòan", tone_style="keep")
        'hòa Toàn'
    """
    # With "keep" a correctly placed mark stays in whatever style the source used, but
    # a mark on a wrong vowel is still moved: keep means keep the style, not the error.
    # Words that are not Vietnamese syllables (Còte, café, là-bas) are never touched,
    # nor lines with pinyin (Zhōngguó, duì), whose marks sit by other rules.
    words = _words_to_retone(text, tone_style)
    if not words:
        return text
    pinyin = {line_of(text, m) for m in PINYIN_RE.finditer(text)}

    def replace(match: regex.Match[str]) -> tuple[str, str] | None:
        if pinyin and line_of(text, match) in pinyin:
            return None
        return _retone(match.group(), tone_style)

    return edits.substitute(text, words, replace)


@functools.lru_cache(maxsize=65536)
def _retone(word: str, tone_style: str) -> tuple[str, str] | None:
    """The word with its tone mark placed by `tone_style`, and why; None to keep it."""
    if syllable.split_tone(word)[1] <= 0 or syllable.parse(word) is None:
        return None
    if word not in (word.lower(), word.capitalize(), word.upper()):
        return None  # no syllable is written oÁ: not Vietnamese to retone
    if syllable.is_valid(word):
        if tone_style == "keep":
            return None
        new = syllable.respell(word, tone_style)
        reason = f"tone mark placed in the {tone_style} style"
    else:
        new = syllable.respell(word, "old" if tone_style == "keep" else tone_style)
        reason = "tone mark on the wrong vowel"
        # Only into a syllable the corpus knows well: a word that is none before and
        # hardly one after is no Vietnamese to retone (VNI residue `aù`, the `iá` of
        # the undecodable `Ä?iá??u`). A word with a letter only Vietnamese writes
        # (ư ơ, a hook) is Vietnamese whatever its mark: into any attested syllable
        # (thửơ is thưở).
        least = 1 if syllable.looks_vietnamese(word) else MIN_FREQUENCY
        if not new or syllable.frequency(new) < least:
            return None
    return (new, reason) if new and new != word else None


# --- the shortcut: which words to ask ------------------------------------------------
# The plain answer is every toned word, find_words(text, TONED_RE);
# tests/test_perf_equivalence.py checks that the shortcut changes the same words and
# that every spelling in _settled_spellings is one `_retone` leaves alone.


def _words_to_retone(text: str, tone_style: str) -> list[regex.Match[str]]:
    """
    The toned words of `text` that `_retone` changes (and a few in URLs or pinyin
    lines, which `place_tone_marks` keeps, or holding such a word's letters).

    Most runs of non-space are an attested syllable spelled in the chosen style,
    alone or between punctuation: the runs of the text that are none of those are
    found by one set difference, and only their words are asked about. A run asked
    about with nothing to retone is remembered across texts. The words that change
    are then found in the text by their letters, and each hit is widened to the
    whole word it sits in.
    """
    unknown = plain.unplain_tokens(
        syllable.distinct_tokens(text), _settled_forms(tone_style)
    )
    if not unknown:
        return []
    offsets = functools.partial(_retone_offsets, tone_style)
    changing = _SETTLED[tone_style].unsettled(frozenset(unknown), offsets)
    if not changing:
        return []
    words = {
        LETTER_WORD_RE.match(token, offset).group()  # type: ignore[union-attr]
        for token in changing
        for offset in offsets(token)
    }
    positions: list[int] = []
    for word in words:
        at = text.find(word)
        while at >= 0:
            positions.append(at)
            at = text.find(word, at + len(word))
    positions.sort()
    return find_words_at(text, positions, TONED_RE)


_SETTLED = {style: syllable.SettledTokens() for style in ("old", "new", "keep")}


@functools.cache
def _settled_spellings(tone_style: str) -> frozenset[str]:
    """
    The attested syllables (lowercase) that tone placement in `tone_style` leaves as
    they are. Every attested syllable is valid, so only those whose mark the two
    styles place differently (hòa/hoà, thủy/thuỷ: a medial o or u before a, e or y,
    nothing after) are asked whether they move.
    """
    return frozenset(syllable.lexicon().keys() - _moving_spellings(tone_style))


@functools.cache
def _moving_spellings(tone_style: str) -> frozenset[str]:
    """The attested syllables tone placement in `tone_style` respells."""
    return frozenset(
        word
        for word in syllable.lexicon()
        if word[-2:] in _SHIFTING_ENDINGS and _retone(word, tone_style)
    )


@functools.cache
def _settled_forms(tone_style: str) -> frozenset[str]:
    """_settled_spellings in the cases a syllable is written in (plain.forms)."""
    # A word's forms are its own: lowercased, each is the word again.
    return plain.attested_forms() - plain.forms(_moving_spellings(tone_style))


# The last two letters of a syllable whose mark the old and new styles place apart.
_SHIFTING_ENDINGS = frozenset(
    unicodedata.normalize("NFC", first + mark_first + second + mark_second)
    for first, second in (("o", "a"), ("o", "e"), ("u", "y"))
    for mark in syllable.TONE_MARKS
    for mark_first, mark_second in ((mark, ""), ("", mark))
)


@functools.lru_cache(maxsize=65536)
def _retone_offsets(tone_style: str, token: str) -> tuple[int, ...]:
    """
    Where the toned words of `token`, a run of non-space, that `_retone` changes start
    in it. They are the words the whole text holds there: LETTER_WORD_RE needs no
    character beyond a space.
    """
    return tuple(
        match.start()
        for match in LETTER_WORD_RE.finditer(token)
        if TONED_RE.search(match.group()) and _retone(match.group(), tone_style)
    )
