"""
Vietnamese typed in a legacy font encoding and read as Windows-1252: `Céng hoµ x·
héi` for `Cộng hoà xã hội`.

Before Unicode, Vietnamese was typed in 8-bit fonts (TCVN3/ABC, VNI, VISCII, VPS) or
Windows-1258; such text copied into a web page shows Western letters and symbols in
place of the Vietnamese ones. The tables in `legacy/` give each encoding's bytes and
letters. A paragraph is decoded only where the decoding turns broken words into
frequent syllables and the document as a whole favours that encoding, or, for a
short stretch the document shows nothing else about, where only one reading exists
and every word it changes was broken and becomes a frequent syllable.
"""

from __future__ import annotations

import functools
import itertools
import re
import unicodedata
from collections import Counter
from collections.abc import Iterator
from typing import NamedTuple

import regex

from vnclean import syllable, tables
from vnclean.edits import apply
from vnclean.model import Edit, per_text
from vnclean.repair.codepages import CODE_PAGES, as_bytes
from vnclean.repair.evidence import (
    attested,
    cased,
    forms_word,
    frequent,
    much_better,
    seen,
    vietnamese_letters,
)
from vnclean.repair.words import LINE_RE, line_edits

LEGACY_ENCODINGS = ("tcvn3", "vni", "viscii", "vps")
LEGACY_NAMES = {
    "tcvn3": "TCVN3 (ABC)",
    "vni": "VNI-Windows",
    "viscii": "VISCII",
    "vps": "VPS",
    "cp1258": "Windows-1258",
}


@functools.cache
def _legacy_table(name: str) -> dict[bytes, str]:
    """The encoding's byte sequences and the letters they stand for."""
    table = {}
    for row in tables.rows("vnclean.repair", f"legacy/{name}.tsv"):
        legacy, letter = row[:2]
        key = bytes.fromhex(legacy)
        # 0xA0 is a no-break space far more often than VISCII's Õ.
        if key != b"\xa0":
            table[key] = letter
    return table


def _decode_legacy(line: str, name: str) -> str:
    """`line`, read as Windows-1252, decoded from the legacy encoding `name`."""
    if name == "cp1258":
        data = as_bytes(line)
        if data is None:
            return line
        try:
            return unicodedata.normalize("NFC", data.decode("cp1258"))
        except UnicodeDecodeError:
            return line
    pattern, letters = _legacy_pattern(name)
    return unicodedata.normalize("NFC", pattern.sub(lambda m: letters[m.group()], line))


@functools.cache
def _legacy_pattern(name: str) -> tuple[regex.Pattern, dict[str, str]]:
    """A pattern for the table's byte sequences as a Windows-1252 reader shows them
    (a C1 byte either way: `€` or U+0080), longest first, and their letters."""
    letters = {}
    for data, letter in _legacy_table(name).items():
        views = [
            {bytes([b]).decode(CODE_PAGES[0])}
            | ({chr(b)} if 0x80 <= b < 0xA0 else set())
            for b in data
        ]
        for view in itertools.product(*views):
            letters.setdefault("".join(view), letter)
    keys = sorted(letters, key=len, reverse=True)
    return regex.compile("|".join(regex.escape(k) for k in keys)), letters


def _legacy_words(text: str) -> list[str]:
    words = (w.strip(".,;:!?\"'()[]{}<>-–—…“”‘’/") for w in text.split())
    return [w for w in words if w and not w.isdigit()]


def _legacy_gain(
    line: str, decoded: str, capitals: bool = False
) -> tuple[int, int, int, int]:
    """
    Of the words a decoding changes: how many it turns into frequent syllables and
    into non-syllables, and how many were broken and valid before it. With
    `capitals` (an encoding with capitals of its own: all but TCVN3) a word in no
    case a word is written in counts as no syllable (VPS `quÌ` for TCVN3 `quµ`).
    """
    # Words are cut at spaces, not at non-letters: `Chi¬u` is one broken word, not
    # the valid `Chi` and `u`.
    before = Counter(_legacy_words(line))
    after = Counter(_legacy_words(decoded))
    good = bad = 0
    for word, count in (after - before).items():
        if word.isascii():
            continue  # a fragment left by a decoding error, not evidence
        if len(word) > 1 and attested(word) and (cased(word) or not capitals):
            good += count  # a lone letter between symbols (◊ợ◊) is no evidence either
        elif not (len(word) == 1 and syllable.is_valid(word)):
            bad += count
    gone = before - after
    broken = sum(n for w, n in gone.items() if not seen(w) and not _hyphenated(w))
    return good, bad, broken, sum(gone.values()) - broken


def _hyphenated(word: str) -> bool:
    """A syllable once its soft hyphens go, each between two letters (x\xada for xa):
    correct text with an invisible hyphen, not TCVN3's ư (\xadu is ưu, nh\xad như)."""
    bare = word.replace("\xad", "")
    return bare != word and bool(bare) and seen(bare) and word[0] != "\xad" != word[-1]


def decode_legacy_fonts(text: str) -> str:
    """
    Decode Vietnamese typed in a legacy font encoding (TCVN3, VNI, VISCII, VPS,
    Windows-1258) and read as Windows-1252.

        >>> str(decode_legacy_fonts("Céng hoµ x· héi chñ nghÜa ViÖt Nam"))
        'Cộng hoà xã hội chủ nghĩa Việt Nam'
    """
    # Per paragraph: a decoding must turn at least two broken words into frequent
    # syllables, at most a fifth of the changed words into non-syllables, and change
    # more broken words than valid ones (`Ra tay sau ân ái` is correct and reads as
    # TCVN3 `õn ỏi` too). A paragraph with one such word, changing no more valid
    # words than broken ones, follows an encoding the document has already shown.
    # German, French, Spanish and correct Vietnamese words decode to non-syllables, so
    # they never pass; a paragraph that is UTF-8 mojibake is left to ftfy.
    if not _legacy_candidates(text):
        return text
    fits: list[tuple[_Piece, dict[str, tuple[bool, int, str]]]] = []
    totals: Counter[str] = Counter()
    for line in _pieces(text):
        found = _fits(line.group())
        if as_bytes(line.group()) is not None and _reads_in_part(line.group(), found):
            # A line held by Windows-1252 that does not read as a whole may go on in
            # Unicode words of Windows-1252 letters (`Theo luËt nµy vô biên`): its
            # stretch of legacy words is read alone.
            stretch = _trimmed(line.start(), line.group(), broken=_broken_tokens(text))
            fit = _fits(stretch.text) if stretch.text != line.group() else {}
            if fit and (not found or _only_reading(stretch.text, fit)):
                line, found = stretch, fit
        for name, (strong, good, _) in found.items():
            totals[name] += good if strong else 0
        if found:
            fits.append((line, found))
    # One document, one encoding: each paragraph takes the encoding that fits it and
    # that the document's strong paragraphs favour most (VISCII, VPS and TCVN3 share
    # some codes, so a paragraph alone may be ambiguous).
    ranked = [name for name, total in totals.most_common() if total > 0]
    edits: list[Edit] = []
    for line, found in fits:
        name = next((n for n in ranked if n in found), None)
        if name is None:
            name = _only_reading(line.group(), found)
            if name is None:
                continue
            why = "its broken words become frequent syllables under no other encoding"
        else:
            why = (
                f"{found[name][1]} broken words here become frequent syllables, and"
                f" {totals[name]} in this document"
            )
        strong, good, decoded = found[name]
        if _reads_as_utf8(line.group(), good):
            continue  # UTF-8 read as Windows-1252: the mojibake steps' business
        edits.extend(_legacy_edits(line, decoded, name, why))
    return apply(text, edits)


def _fits(piece: str) -> dict[str, tuple[bool, int, str]]:
    """
    The encodings whose reading of `piece` turns broken words into frequent
    syllables: for each, whether the evidence is strong, how many such words, and
    the reading.
    """
    found = {}
    # Judged without the control and zero-width characters the normalize stage
    # removes, so a second run judges the same words.
    for name in (*LEGACY_ENCODINGS, "cp1258"):
        decoded = _decode_legacy(piece, name)
        if decoded == piece:
            continue
        probe = _quiet(piece, name)
        good, bad, broken, was_valid = _legacy_gain(
            probe, _decode_legacy(probe, name), capitals=name != "tcvn3"
        )
        strong = good >= 2 and bad * 4 <= good and broken >= 2 and broken > was_valid
        if strong or (good >= 1 and bad == 0 and broken >= max(1, was_valid)):
            found[name] = (strong, good, decoded)
    return found


# Control characters (not tab or line breaks) and zero-width characters: the
# normalize stage removes them. The soft hyphen stays: it is TCVN3's ư.
QUIET_RE = regex.compile(
    "[\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\x7f\\u200b-\\u200d\\u2060\\ufeff]"
)


# C1 controls: letters in VISCII and VPS, nothing in the other encodings, where the
# normalize stage removes them (or makes Windows-1252 punctuation of them).
C1_RE = regex.compile("[\\x80-\\x9f]")


def _quiet(text: str, name: str) -> str:
    """`text` without what the normalize stage removes and `name` does not read."""
    text = QUIET_RE.sub("", text)
    return text if name in ("viscii", "vps") else C1_RE.sub("", text)


class _Piece(NamedTuple):
    """A stretch of a line that a legacy decoding reads as a whole."""

    offset: int
    text: str

    def start(self) -> int:
        return self.offset

    def group(self) -> str:
        return self.text


# A word holding a character outside Windows-1252: correct Vietnamese (thứ), or
# Greek or Hebrew mojibake; none of it was typed in a legacy font.
OUTSIDE_TOKEN_RE = regex.compile(r"\S*[^\x00-\xff€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ]\S*")


def _pieces(text: str) -> Iterator[_Piece]:
    """
    The stretches of each line that a legacy font may have typed: the whole line,
    or, on a line that goes on in Unicode (`phaïm vaø hình phaït Phaàn thứ nhất`),
    each run of words held by Windows-1252.
    """
    broken = _broken_tokens(text)
    for line in LINE_RE.finditer(text):
        if line.group().isascii():
            continue
        if as_bytes(line.group()) is not None:
            yield _Piece(line.start(), line.group())
            continue
        # Beside correct Unicode a stretch counts only with a word no correct text
        # holds (see _legacy_word): its à, é, ô and soft hyphens are Unicode's. A line
        # without one has no such stretch.
        if not _shows_legacy_sign(line.group()) and (
            not broken or broken.isdisjoint(line.group().split())
        ):
            continue
        at, before = 0, ""
        for outside in OUTSIDE_TOKEN_RE.finditer(line.group()):
            piece = line.group()[at : outside.start()]
            if _holds_legacy_word(piece, broken) and as_bytes(piece) is not None:
                yield _trimmed(
                    line.start() + at, piece, before, outside.group(), broken
                )
            at, before = outside.end(), outside.group()
        piece = line.group()[at:]
        if at and _holds_legacy_word(piece, broken) and as_bytes(piece) is not None:
            yield _trimmed(line.start() + at, piece, before, "", broken)


@per_text
def _broken_tokens(text: str) -> frozenset[str]:
    """
    The tokens of `text` that are no syllable as written, though every character is
    a Vietnamese letter, and a frequent syllable in TCVN3 or VNI (`thêi` is thời,
    `muén` muộn, `nuèt` nuốt): typed in a legacy font. Names, foreign words and
    typos of correct text read as no syllable there (`café` as cafộ).
    """
    found = set()
    for token in syllable.unattested_tokens(text):
        word = WORD_EDGE_RE.sub("", token)
        if (
            word.isascii()
            or syllable.is_valid(word)
            or _hyphenated(word)
            or as_bytes(word) is None
        ):
            continue
        for name in ("tcvn3", "vni"):
            reading = _decode_legacy(_quiet(word, name), name)
            if len(reading) > 1 and frequent(reading) and cased(reading):
                found.add(token)
    return frozenset(found)


STRETCH_WORD_RE = regex.compile(r"\S+")


def _trimmed(
    offset: int,
    piece: str,
    before: str = "",
    after: str = "",
    broken: frozenset[str] = frozenset(),
) -> _Piece:
    """
    A stretch beside correct Unicode, without the Unicode words at its edges: it
    runs from a word no correct text holds (see _legacy_word) as far as its
    neighbours were typed in the legacy font too, broken as they stand (`d¹i`,
    `xoaù`) or rarer as written than decoded (`choàng` for VNI `chồng`, `thá`
    for TCVN3 `thỏ`). `Tôi đã đọc thá d¹i trong sách.` reads `thá d¹i`. `before`
    and `after` are the Unicode words around the piece, `broken` the document's
    _broken_tokens.
    """
    words = [w.group() for w in STRETCH_WORD_RE.finditer(piece)]
    spans = [w.span() for w in STRETCH_WORD_RE.finditer(piece)]
    marked = [w in broken or _legacy_word(w) for w in words]
    if not any(marked):
        return _Piece(offset, piece)
    first = marked.index(True)
    last = len(marked) - 1 - marked[::-1].index(True)
    outer = [before, *words, after]  # outer[i + 1] is words[i]
    while first > 0 and _typed_in_legacy(words[first - 1], outer[first - 1], ""):
        first -= 1
    while last < len(words) - 1 and _typed_in_legacy(
        words[last + 1], "", outer[last + 3]
    ):
        last += 1
    start, end = spans[first][0], spans[last][1]
    return _Piece(offset + start, piece[start:end])


def _typed_in_legacy(word: str, before: str, after: str) -> bool:
    """
    A word beside a legacy stretch that belongs to it: broken as it stands, or no
    commoner as written than its TCVN3 or VNI reading, a frequent syllable (`bã`
    beside `kþ` is bó; `Tôi` beside it stays), unless it makes a word as written
    with its neighbour on the far side (`vô hiệu`: vô stays).
    """
    bare = WORD_EDGE_RE.sub("", word)
    if not bare or bare.isascii() and syllable.is_valid(bare):
        return False
    if not seen(bare):
        return True
    before, after = WORD_EDGE_RE.sub("", before), WORD_EDGE_RE.sub("", after)
    if (before and forms_word(before, bare)) or (after and forms_word(bare, after)):
        return False
    readings = {_decode_legacy(bare, name) for name in ("tcvn3", "vni")} - {bare}
    return any(much_better(reading, bare, ratio=1) for reading in readings)


# Punctuation around a word.
WORD_EDGE_RE = regex.compile(r"^[^\p{L}\p{M}\xad]+|[^\p{L}\p{M}\xad]+$")


@functools.cache
def _legacy_only_re() -> regex.Pattern:
    """A character of the Windows-1252 view that correct Vietnamese does not hold:
    no Vietnamese letter, no soft hyphen, no no-break space, no typographic mark."""
    view = bytes(range(0x80, 0x100)).decode(CODE_PAGES[0], errors="ignore")
    usual = vietnamese_letters() | set("\xad\xa0“”‘’–—…•°€«»·×©§")
    chars = sorted(c for c in view if c not in usual)
    return regex.compile("[" + regex.escape("".join(chars)) + "]")


@functools.cache
def _legacy_sign_re() -> regex.Pattern:
    """
    What no correct word holds, though each character may be a Vietnamese letter or
    usual punctuation: a character of _legacy_only_re; a sign TCVN3 gives a letter
    (© « · » × §: â ô ã ằ ì Đ) against a letter (`s©n`, `«ng`); a capital after a
    small letter (`tÊm`, `chiÕc`: TCVN3's capitals are toned small letters); a soft
    hyphen (TCVN3's ư) against a letter, which _legacy_word checks further.
    """
    signs, capitals = _sign_characters()
    return regex.compile(
        f"{_legacy_only_re().pattern}"
        f"|[{regex.escape(signs)}\xad](?:(?<=\\p{{L}}.)|(?=\\p{{L}}))"
        f"|[{regex.escape(capitals)}](?<=\\p{{Ll}}.)"
    )


@functools.cache
def _sign_characters() -> tuple[str, str]:
    """The signs TCVN3 gives a letter, and the capitals of the Windows-1252 view."""
    view = bytes(range(0x80, 0x100)).decode(CODE_PAGES[0], errors="ignore")
    signs = "".join(sorted(c for c in _legacy_pattern("tcvn3")[1] if c in "©«·»×§"))
    return signs, "".join(c for c in view if c.isupper())


@functools.cache
def _sign_start_re() -> re.Pattern:
    """Every character a match of _legacy_sign_re starts with. The plain `re` module
    finds one of them in a line many times faster than `regex` finds a match, and
    most lines hold none."""
    signs, capitals = _sign_characters()
    chars = _legacy_only_re().pattern[1:-1] + re.escape(signs + "\xad" + capitals)
    return re.compile(f"[{chars}]")


def _shows_legacy_sign(text: str) -> bool:
    """Whether `text` holds a match of _legacy_sign_re."""
    return bool(_sign_start_re().search(text)) and bool(_legacy_sign_re().search(text))


def _legacy_word(word: str) -> bool:
    """
    A word no correct text holds as written (see _legacy_sign_re): `kþ`, `x«ng`,
    `chiÕc`, `nh\xad`. A soft hyphen inside a word that is a syllable without it is
    an invisible hyphen of correct text (`x\xada` is xa), not TCVN3's ư.
    """
    sign = _sign_start_re().search(word) and _legacy_sign_re().search(word)
    if not sign:
        return False
    if sign.group() != "\xad" or _legacy_sign_re().search(word, sign.end()):
        return True
    return not _hyphenated(WORD_EDGE_RE.sub("", word) or word)


def _holds_legacy_word(piece: str, broken: frozenset[str] = frozenset()) -> bool:
    """Whether a stretch holds a word no correct text holds (see _legacy_word), or
    one of the document's _broken_tokens."""
    words = piece.split()
    if broken and not broken.isdisjoint(words):
        return True
    return _shows_legacy_sign(piece) and any(_legacy_word(w) for w in words)


def _only_reading(piece: str, found: dict[str, tuple[bool, int, str]]) -> str | None:
    """
    The encoding (TCVN3 or VNI) of a stretch the document shows no other evidence
    for: every reading that fits gives the same text, every word it changes was
    broken and becomes a frequent syllable (`Vieät Nam`, `CHÖÔNG XV`, TCVN3
    `®\xadîc`).
    """
    # TCVN3 and VNI only: VISCII and VPS give letters to most Latin-1 characters
    # and to the C1 controls, so a short stretch reads as Vietnamese too easily.
    found = {n: f for n, f in found.items() if n in ("tcvn3", "vni")}
    if len({decoded for _, _, decoded in found.values()}) > 1:
        # Two readings: the one that leaves no broken word (TCVN3 `mæ th\xadêng` is
        # mổ thường; VNI reads mỉ and leaves th\xadêng).
        found = {n: f for n, f in found.items() if not _leaves_broken(piece, n)}
    if len({decoded for _, _, decoded in found.values()}) != 1:
        return None
    name = next(iter(found))
    piece = _quiet(piece, name)
    decoded = _decode_legacy(piece, name)
    _, bad, broken, _ = _legacy_gain(piece, decoded)
    if bad or not broken:
        return None
    before, after = Counter(_legacy_words(piece)), Counter(_legacy_words(decoded))
    if not all(frequent(w) and cased(w) for w in after - before):
        return None
    # A word that is a syllable as written was typed in Unicode where it is RATIO
    # times commoner than its reading (`cô` beside TCVN3 `cÇu`), or, unseen, where
    # its mark sits as one tone style places it (`boà`, the new style, is no VNI
    # bồ). Otherwise it follows the broken words beside it, one stretch being typed
    # in one font: VNI `roài chieán` is rồi chiến, `tò voâ` tị vô, `baéc hoà` bắc
    # hồ, TCVN3 `nh\xad vì` như vỡ.
    if any(
        syllable.is_valid(w)
        and (
            much_better(w, _decode_legacy(w, name))
            or not seen(w)
            and syllable.respell(w, "old") != syllable.respell(w, "new")
        )
        for w in before - after
    ):
        return None
    if _keeps_a_word(_legacy_words(piece), _legacy_words(decoded)):
        return None
    return name


def _leaves_broken(piece: str, name: str) -> bool:
    """Whether the reading of `piece` in `name` keeps a word that is broken."""
    words = _legacy_words(_decode_legacy(_quiet(piece, name), name))
    return any(not (w.isascii() or seen(w) or _hyphenated(w)) for w in words)


def _reads_in_part(line: str, found: dict[str, tuple[bool, int, str]]) -> bool:
    """Whether a line may be legacy words beside Unicode ones: no reading fits it
    as a whole, or its reading changes a Unicode word (see _keeps_a_word)."""
    if not any(strong for strong, _, _ in found.values()):
        return _only_reading(line, found) is None
    return any(
        _keeps_a_word(_legacy_words(line), _legacy_words(decoded))
        for _, _, decoded in found.values()
    )


def _keeps_a_word(words: list[str], readings: list[str]) -> bool:
    """
    A syllable as written that the reading changes makes a word of the Viet74K list
    with its neighbour as written, and its reading makes none with the neighbour's
    reading: a Unicode word beside the legacy ones (`Theo luËt nµy tù binh`: tù
    binh, not tự binh).
    """
    if len(words) != len(readings):
        return False
    for i, (word, reading) in enumerate(zip(words, readings)):
        if word == reading or not syllable.is_valid(word):
            continue
        pairs = [(i - 1, i), (i, i + 1)]
        pairs = [(a, b) for a, b in pairs if a >= 0 and b < len(words)]
        if any(forms_word(words[a], words[b]) for a, b in pairs) and not any(
            forms_word(readings[a], readings[b]) for a, b in pairs
        ):
            return True
    return False


def _legacy_candidates(text: str) -> bool:
    """
    Whether a paragraph (or a stretch of one, see _pieces) could take a legacy
    decoding: one held by Windows-1252 whose bytes are not UTF-8. Paragraphs that are UTF-8 (UTF-8 mojibake) are never decoded
    (see _reads_as_utf8), so a document of them alone needs no legacy reading at all.
    """
    for piece in _pieces(text):
        data = as_bytes(piece.text)
        if data is None:
            continue
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            return True
    return False


def _reads_as_utf8(line: str, good: int) -> bool:
    """
    The paragraph's Windows-1252 bytes are UTF-8 (any script: ftfy will decode it), or
    UTF-8 with lost bytes that yields as many Vietnamese words as a legacy reading.
    """
    data = as_bytes(line)
    if data is None:
        return False
    try:
        return data.decode("utf-8") != line
    except UnicodeDecodeError:
        as_utf8 = data.decode("utf-8", errors="replace")
        return as_utf8 != line and _legacy_gain(line, as_utf8)[0] >= good


def _legacy_edits(line, decoded: str, name: str, why: str) -> list[Edit]:
    reason = f"{LEGACY_NAMES[name]} read as Windows-1252: {why}"
    return line_edits(line.start(), line.group(), decoded, {}, reason)
