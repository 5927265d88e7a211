"""
UTF-8 read as Windows-1252 that lost a byte on the way: `Ä‘á» nghá»‹` for `đề nghị`.

Windows-1252 leaves five bytes undefined (0x81 0x8D 0x8F 0x90 0x9D), and a decoder
drops them or writes `?` (or a space); a reader that takes every byte 0x80-0x9F for
a C1 control and removes it loses them all; the no-break-space byte that ends `à`
(C3 A0) often becomes a plain space. What is left cannot be decoded whole, so ftfy
leaves it. Here each gap is found with the bytes that may fill it, in a document
whose intact words show the same mojibake, and fills.py chooses the reading: the most
frequent syllable, or the one that makes a word with its neighbours.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import Counter
from collections.abc import Iterator

from vnclean import lazy
from vnclean.edits import apply
from vnclean.model import Edit
from vnclean.repair.codepages import (
    CODE_PAGES,
    as_bytes,
    as_bytes_or_nul,
    byte_of,
    byte_translation,
    undefined_bytes,
    utf8_view_classes,
    utf8_view_re,
)
from vnclean.repair.evidence import seen, vietnamese_score
from vnclean.repair.fills import choose, document_counts, readings
from vnclean.repair.words import LETTER_RUN_RE, LINE_RE, TOKEN_RE

# Bytes Windows-1252 leaves undefined; a decoder that drops them loses part of
# ề ọ ỏ Ố ờ Đ ... The no-break-space byte of à (C3 A0) is often dropped as well.
UNDEFINED_BYTES = (0x81, 0x8D, 0x8F, 0x90, 0x9D)
# A space standing for the no-break-space byte is likelier than a byte lost next to a
# real space: reading it so earns this much (in log frequency, about 20 times), and
# far more in a document that shows `Ã` + two spaces (`và` + space, its 0xA0 byte
# turned into a space), so `cÃ y` reads `cày` there rather than `cà y`.
SPACE_AS_NBSP_BONUS = 3.0
SPACE_AS_NBSP_SHOWN_BONUS = 8.0
# à Ơ Ạ Ỡ end in 0xA0: their lead bytes followed by two spaces show the conversion.
NBSP_AS_SPACE_SHOWN_RE = lazy.compile(rb"(?:[\xc3\xc6]|\xe1[\xba\xbb])  ")
# The same lead bytes before a no-break space that came through (`vÃ\xa0`, `cÃ\xa0ng`):
# the document kept its no-break-space bytes, so a space after a gap is a real space
# (`Nam Ã ` is `Nam Á` that lost its 0x81, not `Nam à`).
NBSP_KEPT_RE = lazy.compile(rb"(?:[\xc3\xc6]|\xe1[\xba\xbb])\xa0")
# After a space, an opening quote or bracket starts a word: that space is real.
OPENING_RE = lazy.compile(rb"[\"'(\[]|\xe2\x80[\x98\x9c]")


# A UTF-8 sequence missing exactly its last byte: a two-byte lead alone, or a
# three-byte lead with one continuation byte.
GAP_RE = lazy.compile(
    rb"[\xc2-\xdf](?![\x80-\xbf])|[\xe0-\xef][\x80-\xbf](?![\x80-\xbf])"
)


def _gaps(
    data: bytes,
    undefined: tuple[int, ...] = UNDEFINED_BYTES,
    spaces: bool = True,
    bytes_as_spaces: bool = False,
    nbsp_kept: bool = False,
) -> list[tuple[int, list[tuple[int, bytes]]]]:
    """
    Places where a UTF-8 sequence misses a byte, each with its repair options as
    (bytes replaced, bytes put there); with `spaces`, a space after the gap may be
    the no-break-space byte, and with `bytes_as_spaces` a lost byte; with
    `nbsp_kept` (the document kept its no-break spaces) no 0xA0 was lost.
    """
    gaps = []
    # Lead bytes start every sequence and continuation bytes never lead, so each
    # match is one sequence that misses its last byte.
    for match in GAP_RE.finditer(data):
        j = match.end()
        options: list[tuple[int, bytes]] = []
        if j < len(data) and data[j] == 0x3F:
            # A decoder writes "?" for the bytes it cannot decode: the undefined ones.
            options.extend((1, bytes([b])) for b in undefined)
        else:
            space = j < len(data) and data[j] == 0x20
            if spaces and space and not OPENING_RE.match(data, j + 1):
                options.append((1, b"\xa0"))  # the no-break space became a space
            if bytes_as_spaces and space:
                # So did an undefined byte (`LÃ I XE` for LÁI XE, `chá» n`).
                options.extend((1, bytes([b])) for b in undefined)
            options.extend((0, bytes([b])) for b in undefined)
            if not nbsp_kept:
                options.append((0, b"\xa0"))  # the no-break space was dropped
        lead = match.group()
        gaps.append((j, [o for o in options if _completes(lead, o[1])]))
    if len(undefined) == len(C1_BYTES):
        gaps.extend(_lost_punctuation(data))
        gaps.sort()
    return gaps


C1_BYTES = tuple(range(0x80, 0xA0))
# The lead byte of “ ” – (E2 80 9C, E2 80 9D, E2 80 93) left alone when both bytes
# after it were C1 bytes and went: an opening quote before a word, a dash between
# spaces, a closing quote elsewhere.
LONE_PUNCTUATION_LEAD_RE = lazy.compile(rb"\xe2(?![\x80-\xbf])")


def _lost_punctuation(data: bytes) -> list[tuple[int, list[tuple[int, bytes]]]]:
    gaps = []
    for match in LONE_PUNCTUATION_LEAD_RE.finditer(data):
        before = data[match.start() - 1 : match.start()]
        after = data[match.end() : match.end() + 1]
        if before in (b"", b" ", b"(") and after not in (b"", b" "):
            put = b"\x80\x9c"  # “
        elif before == b" " and after in (b"", b" "):
            put = b"\x80\x93"  # –
        else:
            put = b"\x80\x9d"  # ”
        gaps.append((match.end(), [(0, put)]))
    return gaps


@functools.lru_cache(maxsize=4096)
def _completes(lead: bytes, put: bytes) -> bool:
    """The byte completes the sequence into a letter, a mark, punctuation, a symbol
    or a no-break space: never a control or another space, which nobody typed."""
    try:
        char = (lead + put).decode("utf-8")
    except UnicodeDecodeError:
        return False
    return char == "\xa0" or unicodedata.category(char)[0] not in "CZ"


@functools.cache
def _c1_view_re(codec: str) -> re.Pattern:
    """A character the code page's view gives a byte 0x80-0x9F (“ ” ‘ € ... and the
    C1 controls): mojibake that kept any such byte shows one."""
    chars = {c for c, b in byte_of(codec).items() if 0x80 <= b < 0xA0}
    return re.compile(f"[{re.escape(''.join(sorted(chars)))}]")


# A gap followed by something other than a space or a line's end.
GAP_INSIDE_WORD_RE = lazy.compile(rb"(?:" + GAP_RE.pattern + rb")(?=[^ \r\n])")


def _bytes_became_spaces(text: str, codec: str) -> bool:
    """
    The document shows its lost bytes turned into spaces: no undefined byte came
    through, and a sequence misses its last byte only where a space follows (`chá» n`,
    `Ä‘Æ°á» ng`), never inside a word (`chá»n`), where a byte dropped without trace
    would leave one.
    """
    data = as_bytes_or_nul(text, codec)
    if any(bytes([b]) in data for b in undefined_bytes(codec)):
        return False  # the undefined bytes came through as C1 controls
    return bool(GAP_RE.search(data)) and not GAP_INSIDE_WORD_RE.search(data)


def _lost(text: str, codec: str) -> tuple[int, ...]:
    """
    The bytes the document may have lost: those the code page leaves undefined, or
    every byte 0x80-0x9F when none is left (a reader that took them for C1 controls
    and removed them: `chá»nh` for `chá»‰nh`, `Äá»` for `Ä‘á»`).
    """
    # Latin-1 is what shows those bytes as C1 controls: Windows-1250 mojibake lost
    # only the bytes its page leaves undefined.
    if codec != CODE_PAGES[0] or _c1_view_re(codec).search(text):
        return undefined_bytes(codec)
    return C1_BYTES


@functools.cache
def _gap_char_re(codec: str) -> re.Pattern:
    """
    GAP_RE over text in the code page's view rather than over its bytes: it finds a
    gap in `text` exactly where GAP_RE finds one in as_bytes_or_nul(text, codec).
    """
    # as_bytes_or_nul turns each character into one byte (NUL outside the view), so
    # a class of characters per byte class reads the same as the bytes.
    chars: dict[tuple[int, int], list[str]] = {
        (0xC2, 0xDF): [],  # lead of a two-byte sequence
        (0xE0, 0xEF): [],  # lead of a three-byte sequence
        (0x80, 0xBF): [],  # continuation
    }
    for code, byte in byte_translation(codec).items():
        for (low, high), found in chars.items():
            if low <= byte <= high:
                found.append(chr(code))
    two, three, cont = (f"[{re.escape(''.join(sorted(c)))}]" for c in chars.values())
    return re.compile(f"{two}(?!{cont})|{three}{cont}(?!{cont})")


def _word_span(data: bytes, start: int, end: int) -> tuple[int, int]:
    # NUL stands for a character outside the Windows-1252 view: a word boundary.
    while start > 0 and data[start - 1] not in b" \t\n\r\x00":
        start -= 1
    while end < len(data) and data[end] not in b" \t\n\r\x00":
        end += 1
    return start, end


def _no_break_spaces(view: bytes) -> tuple[bool, bool]:
    """
    (shown, kept): the document shows its no-break-space bytes turned into spaces
    (`HÃ  Ná»™i`), or it kept them (`vÃ\xa0`). Where it shows both, `à`, by far the
    commonest letter ending in 0xA0, decides by its commoner form: a document that
    kept them lost an undefined byte to a space (`Nam Ã  khi` is `Nam Á khi`, its
    0x81 a space, where `vÃ\xa0` is intact).
    """
    shown = NBSP_AS_SPACE_SHOWN_RE.search(view) is not None
    kept = NBSP_KEPT_RE.search(view) is not None
    if shown and kept:
        kept = view.count(b"\xc3\xa0") >= view.count(b"\xc3  ")
        shown = not kept
    return shown, kept


# A token that is one word, with punctuation only at its edges (`nhờ,` `“Giờ`).
WHOLE_WORD_RE = lazy.compile(
    r"(?<!\S)[^\p{L}\p{M}\s]*(\p{L}[\p{L}\p{M}]*)[^\p{L}\p{M}\s]*(?!\S)"
)


def _shown_words(text: str, evidence: set[str], codec: str) -> dict[str, float]:
    """
    The Vietnamese words the document shows intact, in lower case, with their
    weight (fills.document_counts): those written as Unicode (a line that kept its
    bytes) and the intact mojibake words decoded.
    """
    words = Counter(
        unicodedata.normalize("NFC", w).lower()
        for w in WHOLE_WORD_RE.findall(text)
        if not w.isascii() and seen(w)
    )
    for token in _view_words(text, codec):
        if token in evidence:
            data = as_bytes(token, codec)
            if data is not None:
                decoded = data.decode("utf-8").lower()
                words.update(LETTER_RUN_RE.findall(decoded))
    return document_counts(words, len(TOKEN_RE.findall(text)))


def _lost_byte_repairs(
    text: str, codec: str = CODE_PAGES[0], evidence: set[str] | None = None
) -> list[tuple[int, int, str, str]]:
    """(start, end, complete mojibake, decoded) for each word that lost a byte."""
    repairs = []
    shown_words = _shown_words(text, evidence or set(), codec)
    view = as_bytes_or_nul(text, codec)
    shown, kept = _no_break_spaces(view)
    lost = _lost(text, codec)
    spaced = _bytes_became_spaces(text, codec)
    bonus = SPACE_AS_NBSP_SHOWN_BONUS if shown or spaced else SPACE_AS_NBSP_BONUS
    for line in LINE_RE.finditer(text):
        data = as_bytes_or_nul(line.group(), codec)
        gaps = _gaps(
            data,
            lost,
            spaces=bool(shown) or (lost == undefined_bytes(codec) and not kept),
            nbsp_kept=bool(kept),
            bytes_as_spaces=spaced,
        )
        if not gaps:
            continue
        spans: list[list] = []
        for where, options in gaps:
            skip_space = any(skip for skip, _ in options)
            start, end = _word_span(data, where, where + (1 if skip_space else 0))
            if skip_space:
                _, end = _word_span(data, where + 1, where + 1)
            if spans and start < spans[-1][1]:
                spans[-1][1] = max(end, spans[-1][1])
                spans[-1][2].append((where, options))
            else:
                spans.append([start, end, [(where, options)]])
        read = [
            (s, e, readings(data, s, e, g, bonus, shown_words)) for s, e, g in spans
        ]
        for (start, end, _), found in zip(read, choose(data, read)):
            if found is not None:
                base = line.start()
                repairs.append(
                    (base + start, base + end, found[1].decode(codec), found[2])
                )
    return repairs


def _complete_mojibake_words(text: str, codec: str = CODE_PAGES[0]) -> set[str]:
    """Words whose code page bytes are UTF-8 for frequent Vietnamese syllables."""
    return {w for w in set(_view_words(text, codec)) if _complete_mojibake(w, codec)}


def _view_words_re(codec: str) -> re.Pattern:
    """A UTF-8 lead and continuation byte of the code page's view inside a word."""
    return utf8_view_re(codec, by_table=True, in_word=True)


@functools.cache
def _any_view_word_re() -> re.Pattern:
    """_view_words_re of any code page, as one pattern."""
    classes = [utf8_view_classes(c, by_table=True, in_word=True) for c in CODE_PAGES]
    follows = "".join(follow[1:-1] for _, follow in classes)
    behind = "|".join(f"(?<={lead}{follow})" for lead, follow in classes)
    return re.compile(f"[{follows}](?:{behind})")


def _view_words(text: str, codec: str) -> Iterator[str]:
    """The words of `text`, in order, that hold a UTF-8 lead and continuation byte in
    the code page's view: only they can decode as UTF-8 to something else."""
    # A no-break space, a continuation byte, ends a word (`và\u00a0`): a line with
    # no pair inside a word holds no such word.
    view = _view_words_re(codec)
    if not view.search(text):
        return
    for line in LINE_RE.findall(text):
        if view.search(line):
            yield from (w for w in TOKEN_RE.findall(line) if view.search(w))


@functools.lru_cache(maxsize=65536)
def _complete_mojibake(word: str, codec: str) -> bool:
    """The word's code page bytes are UTF-8 for frequent Vietnamese syllables."""
    if word.isascii() or not utf8_view_re(codec, by_table=True).search(word):
        return False
    data = as_bytes(word, codec)
    if data is None:
        return False
    try:
        decoded = data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return decoded != word and vietnamese_score(decoded) is not None


def _evidence_and_code_page(text: str) -> tuple[set[str], str]:
    """The intact mojibake words of the document and the code page they are read
    with: the second code page only when its words include all of the first's."""
    # Sets compare by inclusion: max keeps the first pair unless the second's set is
    # a proper superset (equal sets fall to the names, and 1252 > 1250).
    return max((_complete_mojibake_words(text, c), c) for c in CODE_PAGES)


def _second_page_may_win(text: str) -> bool:
    """
    False when a word is intact mojibake in the first code page but not in the
    second: then the first is chosen. Stops at the first such word.
    """
    first, second = CODE_PAGES
    return all(
        _complete_mojibake(word, second)
        for word in _view_words(text, first)
        if _complete_mojibake(word, first)
    )


def restore_lost_bytes(text: str) -> str:
    """
    Restore bytes lost from UTF-8 read as Windows-1252 (dropped 0x81 0x8D 0x8F 0x90
    0x9D, a no-break space turned into a space, a `?` for a byte), so it can be decoded.

        >>> restore_lost_bytes("Ä‘á» nghá»‹ Ä‘Ã£ cÃ ng")
        'Ä‘á»\\x81 nghá»‹ Ä‘Ã£ cÃ\\xa0ng'
    """
    # Each lost byte is chosen among the candidates so that the word decodes to the
    # most frequent valid syllable; only in a document where at least two distinct
    # intact words are such mojibake, so `NÃO` in Portuguese is left alone. Correct
    # text, which has no UTF-8 lead byte before a broken sequence, is never touched.
    # The code page is the one under which most intact words of the document are
    # mojibake for Vietnamese.
    # Without a word that could be intact mojibake (correct text, even with
    # no-break spaces) there is no evidence.
    if not _any_view_word_re().search(text):
        return text
    # Whole-document Windows-1252 mojibake misses no byte under Windows-1252 and
    # under Windows-1250 its first word with `Ã` is no mojibake, so 1252 is chosen.
    first, second = CODE_PAGES
    if not _gap_char_re(first).search(text) and (
        not _gap_char_re(second).search(text) or not _second_page_may_win(text)
    ):
        return text
    evidence, codec = _evidence_and_code_page(text)
    # `Ã` + two spaces (`HÃ  Ná»™i`) shows the no-break-space byte of à turned into a
    # space, and Windows-1250 mojibake of Vietnamese (`KhĂ¡ch`) is no other
    # language's spelling: with either, one intact word of it is evidence enough.
    shown = NBSP_AS_SPACE_SHOWN_RE.search(as_bytes_or_nul(text, codec))
    if len(evidence) < (1 if shown or codec != CODE_PAGES[0] else 2):
        return text
    repairs = _lost_byte_repairs(text, codec, evidence)
    if not repairs:
        return text
    page = codec.removeprefix("sloppy-").replace("windows", "Windows")
    edits = [
        Edit(
            start,
            end,
            fixed,
            f"UTF-8 read as {page} lost a byte: {text[start:end]!r} restored"
            f" reads {decoded!r}; {len(evidence)} intact words of this document are"
            " such mojibake",
        )
        for start, end, fixed, decoded in repairs
    ]
    return apply(text, edits)
