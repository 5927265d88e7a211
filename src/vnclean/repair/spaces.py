"""
Spaces that encoding damage added or took away: a no-break space inside a word
(`cà\u00a0ng`, the 0xA0 byte of `à` doubled), a space lost between two syllables
next to that damage (`mạnhvà\u00a0 cho`), and a plain space left inside a word
where another tool decoded that byte as a space (`Thà nh`).

The first two are learned from the document: only where two distinct words show a
stray no-break space after the same letter does either step change anything.
"""

from __future__ import annotations

import functools
from collections import defaultdict

import regex

from vnclean import syllable
from vnclean.edits import apply
from vnclean.model import Edit, per_text
from vnclean.repair.evidence import (
    MAX_SYLLABLE_CHARS,
    RATIO,
    frequent,
    seen,
    vietnamese_letters,
)
from vnclean.repair.reading import read_words
from vnclean.repair.words import LETTER

# A token that may hold syllables glued together: letters, digits and no-break spaces.
GLUED_TOKEN_RE = regex.compile(r"[\p{L}\p{M}\p{N}\u00a0]+")
GLUED_PART_RE = regex.compile(r"[\p{L}\p{M}\p{N}\u00a0]")

# A no-break space right after a letter is a site: the up to 12 letters before it and
# after it are all a syllable can need (lookarounds, so neighbouring sites overlap).
NBSP_SITE_RE = regex.compile(f"(?<=({LETTER}{{1,12}}))\u00a0(?=({LETTER}{{0,12}}))")
NOT_WORD_RE = regex.compile(r"[^\w]")


@per_text  # two steps in a row ask about the same text
def _nbsp_sites(text: str) -> tuple[tuple[int, str, str], ...]:
    """(index of the no-break space, the word before it, the letters after it)."""
    return tuple(
        (m.start(), m.group(1), m.group(2)) for m in NBSP_SITE_RE.finditer(text)
    )


@functools.lru_cache(maxsize=65536)
def _joins(left: str, right: str) -> bool:
    """`left + right` is a frequent syllable and far likelier than two words."""
    joined = left + right
    if not right or not frequent(joined):
        return False
    if not (syllable.is_valid(left) and syllable.is_valid(right)):
        return True
    rarer = min(syllable.frequency(left), syllable.frequency(right))
    return syllable.frequency(joined) >= RATIO * max(rarer, 1)


@functools.cache
def _nbsp_byte_letters() -> frozenset[str]:
    """
    The letters whose UTF-8 ends in the byte 0xA0 (à C3 A0, Ơ C6 A0, Ạ E1 BA A0,
    Ỡ E1 BB A0): a decoder that doubles that byte, or reads it as a no-break space,
    leaves one after them. After any other letter a no-break space is one the page
    chose (`cháu N\u00a0ở`), never this damage.
    """
    return frozenset(c for c in vietnamese_letters() if c.encode()[-1] == 0xA0)


def _learn_stray_nbsp(text: str) -> dict[str, list[str]]:
    """Letters the document shows a stray no-break space after, and words mended."""
    votes: dict[str, set[str]] = defaultdict(set)
    for _, left, right in _nbsp_sites(text):
        if left[-1] in _nbsp_byte_letters() and _joins(left, right):
            votes[left[-1]].add((left + right).lower())
    return {c: sorted(w) for c, w in votes.items() if len(w) >= 2}


def split_glued_syllables(text: str) -> str:
    """
    Put back a space lost between two syllables next to learned encoding damage
    (`mạnhvà\u00a0 cho` -> `mạnh và\u00a0 cho`).

        >>> doc = "càng nà\u00a0y, thà\u00a0nh; nhấn mạnhvà\u00a0 cho. Hà Nội"
        >>> str(split_glued_syllables(doc)).split(";")[1]
        ' nhấn mạnh và\\xa0 cho. Hà Nội'
    """
    # Only a word that carries a stray no-break space the document shows (see
    # remove_stray_no_break_spaces), read without its stray spaces
    # (`ngà\u00a0nhvà\u00a0` is `ngànhvà`), that is no syllable and splits, away from a
    # no-break space, into a frequent syllable after a frequent syllable or a Latin word
    # (`Grabvà`). Words glued by stripped inline HTML (`Nữca`, `sĩđã`) carry no encoding
    # damage and stay as the site wrote them, as do names, hashtags and URLs
    # (`HanoiPrintPack`, `Baochinhphu.vn`, `#VietNam`); `Hà\u00a0Nội` keeps its no-break
    # space.
    learned = _learn_stray_nbsp(text)
    if not learned:
        return text
    edits = []
    end = 0
    # The tokens holding a learned letter before a no-break space, each once, found
    # from the sites the learning has listed.
    for at, left, _ in _nbsp_sites(text):
        if at < end or left[-1] not in learned:
            continue
        start = at
        while start and GLUED_PART_RE.match(text, start - 1):
            start -= 1
        token = GLUED_TOKEN_RE.match(text, start)
        assert token is not None  # the no-break space at `at` is part of it
        end = token.end()
        raw = token.group()
        if token.start() > 0 and text[token.start() - 1] in "#@/.:_-":
            continue  # part of a URL, a hashtag, a handle or a longer token
        kept, cuts = [], set()  # the word read without stray spaces; where they were
        for char in raw:
            if char == "\u00a0" and kept and kept[-1] in learned:
                cuts.add(len(kept))
                continue
            kept.append(char)
        word = "".join(kept)
        if "\u00a0" in word or syllable.is_valid(word):
            continue
        best = None
        # The second part must be a syllable, so it is short: a long token is not cut
        # at every letter.
        for k in range(max(1, len(word) - MAX_SYLLABLE_CHARS), len(word)):
            one, two = word[:k], word[k:]
            if k in cuts or (two[0].isupper() and not one.isupper()):
                continue
            head_ok = frequent(one) or (
                one.isascii() and len(one) > 1 and one.isalnum()
            )
            if head_ok and frequent(two):
                score = min(syllable.frequency(one), syllable.frequency(two))
                if best is None or score > best[0]:
                    best = (score, k)
        if best is None:
            continue
        k = best[1]
        trailing = "\u00a0" if raw.endswith("\u00a0") else ""
        edits.append(
            Edit(
                token.start(),
                token.end(),
                f"{word[:k]} {word[k:]}{trailing}",
                f"space lost between {word[:k]!r} and {word[k:]!r}, in a word"
                f" with the stray no-break space this document shows after"
                f" {', '.join(sorted(learned))}",
            )
        )
    return apply(text, edits)


def remove_stray_no_break_spaces(text: str) -> str:
    """
    Remove a no-break space that the document shows was inserted inside words after
    the same letter (`cà\u00a0ng`, `nà\u00a0y`: the 0xA0 byte of `à` doubled).

        >>> str(remove_stray_no_break_spaces("cà\u00a0ng nà\u00a0y ở Hà\u00a0Nội"))
        'càng này ở Hà\u00a0Nội'
    """
    # Learned only when two distinct words in the document mend this way with the part
    # after the space no syllable or far rarer; then applied where the joined word is a
    # frequent syllable, or before a space or punctuation (`và\u00a0 `, `Trà\u00a0,`):
    # `Hà\u00a0Nội` keeps its no-break space.
    learned = _learn_stray_nbsp(text)
    if not learned:
        return text
    edits = []
    for at, left, right in _nbsp_sites(text):
        # Once the document shows the damage, the learned letter + no-break space is
        # mended wherever the joined word is a syllable the corpus has seen
        # (`và\u00a0o`, `bà\u00a0o`, `Bà\u00a0u`).
        follower = text[at + 1 : at + 2]
        stray_before_mark = not follower or NOT_WORD_RE.match(follower)
        joins = bool(right) and seen(left + right)
        if left[-1] in learned and (stray_before_mark or joins):
            examples = ", ".join(learned[left[-1]][:3])
            edits.append(
                Edit(
                    at,
                    at + 1,
                    "",
                    f"stray no-break space after {left[-1]}: {len(learned[left[-1]])}"
                    f" words in this document mend so ({examples})",
                )
            )
    return apply(text, edits)


# A letter whose UTF-8 ends in 0xA0, a space, and the end of a syllable that is no
# word on its own (ng, nh, ch): the byte became a space when another tool decoded
# the text (`Thà nh`, `cà ng`). Single letters (m, t, c, n) are left: chat writes
# them for mình, tôi, có, nó.
SPLIT_RE = regex.compile(f"(?<!{LETTER})({LETTER}*[àƠẠỠ]) ((?:ng|nh|ch))(?!{LETTER})")
# The end of every SPLIT_RE match: a text without one holds none. Found without
# trying every word's start, as SPLIT_RE must.
SPLIT_TAIL_RE = regex.compile(f"[àƠẠỠ] (?:ng|nh|ch)(?!{LETTER})")


def rejoin_split_syllables(text: str) -> str:
    """
    Remove a space that stands for the 0xA0 byte inside a word another tool decoded
    (`Thà nh` → `Thành`, `cà ng` → `càng`).

        >>> rejoin_split_syllables("Thà nh phố, cà ng đông; mà ng ta nói")
        'Thành phố, càng đông; mà ng ta nói'
    """
    # Only before ng, nh or ch, which are never words, and where the joined word is
    # a frequent syllable commoner than the word before the space: chat writes ng
    # for người, so `mà ng ta` (màng is rarer than mà) stays.
    if " n" not in text and " c" not in text:
        return text
    # Words read whole: `ng&#224;i` is ngài, no fragment `ng`.
    view = read_words(text)
    if not SPLIT_TAIL_RE.search(view.text):
        return text
    edits = []
    for match in SPLIT_RE.finditer(view.text):
        left, right = match.group(1), match.group(2)
        joined = left + right
        if frequent(joined) and syllable.frequency(joined) > syllable.frequency(left):
            space = view.start(match.end(1))
            edits.append(
                Edit(
                    space,
                    space + 1,
                    "",
                    f"the 0xA0 byte of {left[-1]} read as a space inside"
                    f" {left + right!r}",
                )
            )
    return apply(text, edits)
