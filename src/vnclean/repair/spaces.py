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
import re
from collections import defaultdict

import regex

from vnclean import lazy, syllable
from vnclean.edits import apply
from vnclean.model import Edit, per_text
from vnclean.repair.evidence import (
    LEARNED_RATIO,
    MAX_SYLLABLE_CHARS,
    RATIO,
    forms_word,
    frequent,
    seen,
    vietnamese_letters,
)
from vnclean.repair.reading import read_words
from vnclean.repair.words import LETTER

# A token that may hold syllables glued together: letters, digits and no-break spaces.
GLUED_TOKEN_RE = lazy.compile(r"[\p{L}\p{M}\p{N}\u00a0]+")
GLUED_PART_RE = lazy.compile(r"[\p{L}\p{M}\p{N}\u00a0]")

# A no-break space right after a letter is a site: the up to 12 letters before it and
# after it are all a syllable can need (lookarounds, so neighbouring sites overlap).
NBSP_SITE_RE = lazy.compile(f"(?<=({LETTER}{{1,12}}))\u00a0(?=({LETTER}{{0,12}}))")
NOT_WORD_RE = lazy.compile(r"[^\w]")


@per_text  # two steps in a row ask about the same text
def _nbsp_sites(text: str) -> tuple[tuple[int, str, str], ...]:
    """
    (index of the no-break space, the word before it, the letters after it) for each
    no-break space after a letter whose UTF-8 ends in 0xA0 (_nbsp_byte_letters): the
    only places the damage leaves one.
    """
    sites = []
    for pair in _nbsp_byte_pair_re().finditer(text):
        site = NBSP_SITE_RE.match(text, pair.start())
        assert site is not None  # a letter stands before the no-break space
        sites.append((site.start(), site.group(1), site.group(2)))
    return tuple(sites)


@functools.cache
def _nbsp_byte_pair_re() -> re.Pattern:
    """A no-break space after a letter of _nbsp_byte_letters."""
    letters = "".join(sorted(_nbsp_byte_letters()))
    return re.compile(f"\u00a0(?<=[{letters}]\u00a0)")


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


# A letter whose UTF-8 ends in 0xA0, a space, and the end of a syllable (i o u y m n
# p t c ng nh ch): the byte became a space when another tool decoded the text (`Thà
# nh`, `là m`, `nà y`).
SPLIT_RE = lazy.compile(
    f"(?<!{LETTER})({LETTER}*[àƠẠỠ]) ((?i:ng|nh|ch|[iouymnptc]))(?!{LETTER})"
)
# The end of every SPLIT_RE match: a text without one holds none. Found without
# trying every word's start, as SPLIT_RE must.
SPLIT_TAIL_RE = lazy.compile(f"[àƠẠỠ] (?i:ng|nh|ch|[iouymnptc])(?!{LETTER})")
# The same letter, a space, and punctuation that follows a word: the byte of a word's
# last letter became the space (`nhà .`), mended where the document shows the damage.
SPLIT_BEFORE_MARK_RE = lazy.compile(
    f"(?<={LETTER}[àƠẠỠ]|(?<!{LETTER})[àƠẠỠ]) (?=[.,;:!?…)])"
)
# Ends that are never words on their own: before them the split shows itself.
NO_WORD_ENDS = frozenset({"ng", "nh", "ch"})
# Distinct split words that prove the damage in a document: then every split whose
# joined word is a frequent syllable is mended (`là m`, `và o`, `bà i`).
MIN_SPLIT_WORDS = 2
# A joined word likelier than its two parts side by side (unigram frequencies, per
# token of the corpus) is read joined once the document shows the damage: there
# `nhà o` and `nhào` were written alike.
JOIN_RATIO = 1


def _proves_split(left: str, right: str) -> bool:
    """The split word cannot have been written so: its end is no word and the
    joined word is commoner than the part before the space (`Thà nh`), or the part
    before the space is LEARNED_RATIO times rarer than the joined word (`nà y`,
    `toà n`; not `là m`, which chat writes for là mình)."""
    joined = left + right
    if not (frequent(joined) and seen(joined)):
        return False
    if right.lower() in NO_WORD_ENDS and syllable.frequency(
        joined
    ) > syllable.frequency(left):
        return True
    return syllable.frequency(joined) >= LEARNED_RATIO * max(
        syllable.frequency(left), 1
    )


def _joins(left: str, right: str) -> bool:
    """The joined word is a frequent syllable, far likelier than its parts apart."""
    joined = left + right
    if not (frequent(joined) and seen(joined)):
        return False
    together = syllable.frequency(joined) * _corpus_tokens()
    apart = syllable.frequency(left) * max(syllable.frequency(right), 1)
    return together >= JOIN_RATIO * apart


WORD_BEFORE_RE = lazy.compile(f"({LETTER}+)[ \u00a0]*$")
WORD_AFTER_RE = lazy.compile(f"^[ \u00a0]*({LETTER}+)")


def _makes_word(text: str, match: regex.Match, joined: str) -> bool:
    """The joined word makes a word of the Viet74K list with the word before or after
    it (`là ng quê` is làng quê, `nhẹ nhà ng` nhẹ nhàng; `mà ng ta` makes none)."""
    before = WORD_BEFORE_RE.search(text, max(0, match.start() - 16), match.start())
    after = WORD_AFTER_RE.search(text[match.end() : match.end() + 16])
    return bool(
        (before and forms_word(before.group(1), joined))
        or (after and forms_word(joined, after.group(1)))
    )


@functools.cache
def _corpus_tokens() -> int:
    return sum(syllable.lexicon().values())


def rejoin_split_syllables(text: str) -> str:
    """
    Remove a space that stands for the 0xA0 byte inside a word another tool decoded
    (`Thà nh` → `Thành`, `cà ng` → `càng`; `là m` → `làm` where the document shows
    this damage).

        >>> rejoin_split_syllables("Thà nh phố đông; mà ng ta nói")
        'Thành phố đông; mà ng ta nói'
        >>> rejoin_split_syllables("Ngà y nà y tôi là m và ng")
        'Ngày này tôi làm vàng'
    """
    # Alone, a split mends only before ng, nh or ch, which are never words, where
    # the joined word is a frequent syllable commoner than the word before the
    # space: chat writes ng for người, so `mà ng ta` (màng is rarer than mà) stays.
    # Where MIN_SPLIT_WORDS distinct words prove the damage (Thà nh, nà y, ngà y),
    # every split whose joined word is far likelier than its parts apart is mended:
    # there `là m` and `làm` were written alike.
    if " " not in text:
        return text
    # Words read whole: `ng&#224;i` is ngài, no fragment `ng`.
    view = read_words(text)
    if not SPLIT_TAIL_RE.search(view.text):
        return text
    # A rare joined word (xàng) counts only where it makes a word with a neighbour
    # (Xà ng xê is the xàng xê of cải lương).
    sites = [
        (m, m.group(1), m.group(2))
        for m in SPLIT_RE.finditer(view.text)
        if frequent(m.group(1) + m.group(2))
        or m.group(2).lower() in NO_WORD_ENDS
        and syllable.is_valid(m.group(1) + m.group(2))
    ]
    proven = {(l + r).lower() for _, l, r in sites if _proves_split(l, r)}
    shown = len(proven) >= MIN_SPLIT_WORDS
    edits = []
    for match, left, right in sites:
        joined = left + right
        alone = right.lower() in NO_WORD_ENDS and (
            frequent(joined)
            and syllable.frequency(joined) > syllable.frequency(left)
            or _makes_word(view.text, match, joined)
        )
        if not (alone or (shown and _joins(left, right))):
            continue
        space = view.start(match.end(1))
        reason = f"the 0xA0 byte of {left[-1]} read as a space inside {joined!r}"
        if not alone:
            examples = ", ".join(sorted(proven)[:3])
            reason += f"; {len(proven)} split words show this damage ({examples})"
        edits.append(Edit(space, space + 1, "", reason))
    if shown:
        examples = ", ".join(sorted(proven)[:3])
        for match in SPLIT_BEFORE_MARK_RE.finditer(view.text):
            space = view.start(match.start())
            letter = view.text[match.start() - 1]
            edits.append(
                Edit(
                    space,
                    space + 1,
                    "",
                    f"the 0xA0 byte of {letter} read as a space before punctuation;"
                    f" {len(proven)} split words show this damage ({examples})",
                )
            )
    return apply(text, edits)
