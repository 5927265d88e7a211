"""
Where on a line a legacy font typed, and how its bytes read: the tables in `legacy/`
(each encoding's byte sequences and letters), the decoding of text read as
Windows-1252, and the stretches decode_legacy_fonts judges. A line held by
Windows-1252 is one stretch; on a line that goes on in Unicode, a stretch runs from
a word no correct text holds (`kþ`, `x«ng`, `chiÕc`, `thêi`) as far as its
neighbours were typed in the legacy font too.
"""

from __future__ import annotations

import functools
import itertools
import re
import unicodedata
from collections.abc import Iterator
from typing import NamedTuple

import regex

from vnclean import syllable, tables
from vnclean.model import per_text
from vnclean.repair.codepages import CODE_PAGES, as_bytes, byte_of
from vnclean.repair.evidence import (
    cased,
    forms_word,
    frequent,
    much_better,
    seen,
    vietnamese_letters,
)
from vnclean.repair.words import LINE_RE


@functools.cache
def legacy_table(name: str) -> dict[bytes, str]:
    """The encoding's byte sequences and the letters they stand for."""
    table = {}
    for row in tables.rows("vnclean.repair", f"legacy/{name}.tsv"):
        legacy, letter = row[:2]
        key = bytes.fromhex(legacy)
        # 0xA0 is a no-break space far more often than VISCII's Õ.
        if key != b"\xa0":
            table[key] = letter
    return table


def decode_legacy(line: str, name: str) -> str:
    """`line`, read as Windows-1252, decoded from the legacy encoding `name`."""
    if name == "cp1258":
        data = as_bytes(line)
        if data is None:
            return line
        try:
            return unicodedata.normalize("NFC", data.decode("cp1258"))
        except UnicodeDecodeError:
            return line
    pattern, letters = legacy_pattern(name)
    return unicodedata.normalize("NFC", pattern.sub(lambda m: letters[m.group()], line))


@functools.cache
def legacy_pattern(name: str) -> tuple[re.Pattern, dict[str, str]]:
    """A pattern for the table's byte sequences as a Windows-1252 reader shows them
    (a C1 byte either way: `€` or U+0080), longest first, and their letters. The
    sequences are plain strings, which the stdlib `re` matches as `regex` does."""
    letters = legacy_letters(name)
    keys = sorted(letters, key=len, reverse=True)
    return re.compile("|".join(re.escape(k) for k in keys)), letters


@functools.cache
def legacy_letters(name: str) -> dict[str, str]:
    """The table's byte sequences as a Windows-1252 reader shows them, and their
    letters."""
    letters: dict[str, str] = {}
    for data, letter in legacy_table(name).items():
        views = [
            {bytes([b]).decode(CODE_PAGES[0])}
            | ({chr(b)} if 0x80 <= b < 0xA0 else set())
            for b in data
        ]
        for view in itertools.product(*views):
            letters.setdefault("".join(view), letter)
    return letters


def hyphenated(word: str) -> bool:
    """A syllable once its soft hyphens go, each between two letters (x\xada for xa):
    correct text with an invisible hyphen, not TCVN3's ư (\xadu is ưu, nh\xad như)."""
    bare = word.replace("\xad", "")
    return bare != word and bool(bare) and seen(bare) and word[0] != "\xad" != word[-1]


# Control characters (not tab or line breaks) and zero-width characters: the
# normalize stage removes them. The soft hyphen stays: it is TCVN3's ư.
QUIET_RE = regex.compile(
    "[\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\x7f\\u200b-\\u200d\\u2060\\ufeff]"
)


# C1 controls: letters in VISCII and VPS, nothing in the other encodings, where the
# normalize stage removes them (or makes Windows-1252 punctuation of them).
C1_RE = regex.compile("[\\x80-\\x9f]")


def quiet(text: str, name: str) -> str:
    """`text` without what the normalize stage removes and `name` does not read."""
    text = QUIET_RE.sub("", text)
    return text if name in ("viscii", "vps") else C1_RE.sub("", text)


class Piece(NamedTuple):
    """A stretch of a line that a legacy decoding reads as a whole."""

    offset: int
    text: str
    whole: bool = False  # the whole line, held by Windows-1252

    def start(self) -> int:
        return self.offset

    def group(self) -> str:
        return self.text


# A word holding a character outside Windows-1252: correct Vietnamese (thứ), or
# Greek or Hebrew mojibake; none of it was typed in a legacy font.
OUTSIDE_TOKEN_RE = regex.compile(r"\S*[^\x00-\xff€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ]\S*")


def pieces(text: str) -> Iterator[Piece]:
    """
    The stretches of each line that a legacy font may have typed: the whole line,
    or, on a line that goes on in Unicode (`phaïm vaø hình phaït Phaàn thứ nhất`),
    each run of words held by Windows-1252.
    """
    broken = broken_tokens(text)
    if not broken and not shows_legacy_sign(text):
        # No word that correct text never holds: only whole lines held by
        # Windows-1252 can be legacy text.
        yield from whole_lines(text)
        return
    for line in LINE_RE.finditer(text):
        written = line.group()
        if written.isascii():
            continue
        if as_bytes(written) is not None:
            yield Piece(line.start(), written, whole=True)
            continue
        # Beside correct Unicode a stretch counts only with a word no correct text
        # holds (see _legacy_word): its à, é, ô and soft hyphens are Unicode's. A line
        # without one has no such stretch.
        if not shows_legacy_sign(written) and (
            not broken or broken.isdisjoint(written.split())
        ):
            continue
        at, before = 0, ""
        for outside in OUTSIDE_TOKEN_RE.finditer(line.group()):
            piece = line.group()[at : outside.start()]
            if _holds_legacy_word(piece, broken) and as_bytes(piece) is not None:
                yield trimmed(line.start() + at, piece, before, outside.group(), broken)
            at, before = outside.end(), outside.group()
        piece = line.group()[at:]
        if at and _holds_legacy_word(piece, broken) and as_bytes(piece) is not None:
            yield trimmed(line.start() + at, piece, before, "", broken)


def whole_lines(text: str) -> Iterator[Piece]:
    """The lines of `text` (as LINE_RE cuts them, with their line breaks) that
    Windows-1252 holds and that are not ASCII alone, in order."""
    for line in _whole_line_re().finditer(text):
        yield Piece(line.start(), line.group(), whole=True)


@functools.cache
def _whole_line_re() -> re.Pattern:
    """A line of characters Windows-1252 holds (see as_bytes), one of them not ASCII."""
    held = "".join(sorted(set(byte_of()) - {"\n"}))
    return re.compile(f"(?m)^(?=[^\\n]*[^\\x00-\\x7f])[{re.escape(held)}]*(?:\\n|\\Z)")


@per_text
def broken_tokens(text: str) -> frozenset[str]:
    """
    The tokens of `text` that are no syllable as written, though every character is
    a Vietnamese letter, and a frequent syllable in TCVN3 or VNI (`thêi` is thời,
    `muén` muộn, `nuèt` nuốt): typed in a legacy font. Names, foreign words and
    typos of correct text read as no syllable there (`café` as cafộ).
    """
    found = set()
    for token in syllable.unattested_tokens(text):
        word = WORD_EDGE_RE.sub("", token)
        if not _letters_re().fullmatch(word):
            continue  # mojibake, symbols, other scripts: no word of letters alone
        if (
            word.isascii()
            or syllable.is_valid(word)
            or hyphenated(word)
            or as_bytes(word) is None
        ):
            continue
        for name in ("tcvn3", "vni"):
            reading = decode_legacy(quiet(word, name), name)
            if len(reading) > 1 and frequent(reading) and cased(reading):
                found.add(token)
    return frozenset(found)


@functools.cache
def _letters_re() -> re.Pattern:
    """A word of ASCII letters and the Vietnamese letters Windows-1252 holds."""
    view = bytes(range(0x80, 0x100)).decode(CODE_PAGES[0], errors="ignore")
    letters = "".join(c for c in view if c in vietnamese_letters())
    return re.compile(f"[A-Za-z{re.escape(letters)}]+")


STRETCH_WORD_RE = regex.compile(r"\S+")


def trimmed(
    offset: int,
    piece: str,
    before: str = "",
    after: str = "",
    broken: frozenset[str] = frozenset(),
) -> Piece:
    """
    A stretch beside correct Unicode, without the Unicode words at its edges: it
    runs from a word no correct text holds (see _legacy_word) as far as its
    neighbours were typed in the legacy font too, broken as they stand (`d¹i`,
    `xoaù`) or rarer as written than decoded (`choàng` for VNI `chồng`, `thá`
    for TCVN3 `thỏ`). `Tôi đã đọc thá d¹i trong sách.` reads `thá d¹i`. `before`
    and `after` are the Unicode words around the piece, `broken` the document's
    broken_tokens.
    """
    words = [w.group() for w in STRETCH_WORD_RE.finditer(piece)]
    spans = [w.span() for w in STRETCH_WORD_RE.finditer(piece)]
    marked = [w in broken or _legacy_word(w) for w in words]
    if not any(marked):
        return Piece(offset, piece)
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
    return Piece(offset + start, piece[start:end])


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
    readings = {decode_legacy(bare, name) for name in ("tcvn3", "vni")} - {bare}
    if not any(much_better(reading, bare, ratio=1) for reading in readings):
        return False
    before, after = WORD_EDGE_RE.sub("", before), WORD_EDGE_RE.sub("", after)
    return not (
        (before and forms_word(before, bare)) or (after and forms_word(bare, after))
    )


# Punctuation around a word.
WORD_EDGE_RE = regex.compile(
    r"^[^\p{L}\p{M}\xad]+|(?<=[\p{L}\p{M}\xad])[^\p{L}\p{M}\xad]+$"
)


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
    signs = "".join(sorted(c for c in legacy_letters("tcvn3") if c in "©«·»×§"))
    return signs, "".join(c for c in view if c.isupper())


@functools.cache
def _sign_start_re() -> re.Pattern:
    """Every character a match of _legacy_sign_re starts with. The plain `re` module
    finds one of them in a line many times faster than `regex` finds a match, and
    most lines hold none."""
    signs, capitals = _sign_characters()
    chars = _legacy_only_re().pattern[1:-1] + re.escape(signs + "\xad" + capitals)
    return re.compile(f"[{chars}]")


def shows_legacy_sign(text: str) -> bool:
    """Whether `text` holds a match of _legacy_sign_re: one starting at one of the
    characters _sign_start_re finds."""
    sign = _legacy_sign_re()
    return any(sign.match(text, at.start()) for at in _sign_start_re().finditer(text))


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
    return not hyphenated(WORD_EDGE_RE.sub("", word) or word)


def _holds_legacy_word(piece: str, broken: frozenset[str] = frozenset()) -> bool:
    """Whether a stretch holds a word no correct text holds (see _legacy_word), or
    one of the document's broken_tokens."""
    words = piece.split()
    if broken and not broken.isdisjoint(words):
        return True
    return shows_legacy_sign(piece) and any(_legacy_word(w) for w in words)
