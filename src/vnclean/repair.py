"""
Repair: undo encoding damage before anything else looks at the text.

ftfy handles UTF-8 that was decoded with the wrong single-byte codec and whose bytes
all survived. The other steps add what only knowledge of Vietnamese can do: they
learn, from the whole document, which corruption it suffered (a lost byte, a
character swapped for a look-alike by a one-byte error, a legacy font encoding) and
undo it only where the syllable model says the result is a real, frequent syllable
and the text as found is impossible or far rarer. Every change carries its evidence.

Thresholds shared by the steps:

- a repaired word must be a valid syllable seen at least `MIN_FREQUENCY` times;
- a valid syllable is only replaced by a syllable `RATIO` times more frequent
  (`LEARNED_RATIO` for a substitution the document has shown: `hử`→`hề` but `thử`,
  `sử`, `cử`, `tử`, `xử` stay);
- a mapping learned from the document needs `MIN_WORDS` distinct words that it turns
  from impossible into frequent syllables, and twice the votes of any rival mapping.
"""

from __future__ import annotations

import functools
import html
import importlib.resources
import itertools
import math
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterator

import ftfy
import ftfy.bad_codecs
import ftfy.chardata
import ftfy.fixes
import regex

from vnclean import syllable
from vnclean.model import Edit, Explained, per_text

FTFY_CONFIG = ftfy.TextFixerConfig(
    # These change correct text: curly quotes, full-width forms and ligatures are
    # the writer's choice, not damage.
    uncurl_quotes=False,
    fix_character_width=False,
    fix_latin_ligatures=False,
    # Normalization is the normalize stage's job; entities are handled there too.
    normalization=None,
    unescape_html=False,
    # Line breaks are the writer's: CRLF stays CRLF. Terminal escapes are no mojibake.
    # Kept: surrogate pairs are UTF-16 decoding damage no other step joins; C1 controls
    # are Windows-1252 punctuation read as Latin-1, decoded with the mojibake beside
    # them (`â€œsenza modifiche\x94`); the control characters ftfy removes include its
    # own 0x1A marker for a lost byte (normalize would remove the rest anyway).
    fix_line_breaks=False,
    remove_terminal_escapes=False,
    explain=False,
)
FTFY_EXPLAIN = FTFY_CONFIG._replace(explain=True)

MIN_FREQUENCY = 20
RATIO = 50
LEARNED_RATIO = 10
MIN_WORDS = 2

LETTERS_RE = regex.compile(r"[\p{L}\p{M}]+")
LINE_RE = regex.compile(r"[^\n]*\n|[^\n]+")
NONSPACE_RE = regex.compile(r"\S+")
SPACE_RE = regex.compile(r"\s")  # what NONSPACE_RE ends a word at


# --- shared helpers ------------------------------------------------------------


# No syllable is longer: onset (3) + rhyme (4) letters, plus 3 marks if decomposed.
MAX_SYLLABLE_CHARS = 16


def _frequent(word: str) -> bool:
    """A valid syllable seen at least MIN_FREQUENCY times."""
    # The length test first: a long word would cost a scan per candidate spelling.
    return (
        len(word) <= MAX_SYLLABLE_CHARS
        and syllable.is_valid(word)
        and syllable.frequency(word) >= MIN_FREQUENCY
    )


def _attested(word: str) -> bool:
    """A valid syllable the corpus has seen at least once."""
    return syllable.is_valid(word) and syllable.frequency(word) >= 1


def _much_better(new: str, old: str, ratio: int = RATIO) -> bool:
    """`new` is a frequent syllable and `old` is impossible or `ratio` times rarer."""
    if not _frequent(new):
        return False
    if not syllable.is_valid(old):
        return True
    return syllable.frequency(new) >= ratio * max(syllable.frequency(old), 1)


def _cased(word: str) -> bool:
    """Written in lower case, upper case or title case, as a syllable can be."""
    return (
        word.islower() or word.isupper() or (word[0].isupper() and word[1:].islower())
    )


def _vietnamese_score(text: str) -> float | None:
    """
    Mean log frequency of the words in `text` when every word is a frequent
    Vietnamese syllable in a plausible case and at least one carries a diacritic;
    otherwise None.
    """
    words = LETTERS_RE.findall(text)
    if not words or all(w.isascii() for w in words):
        return None
    score = 0.0
    for word in words:
        if (
            not _cased(word)
            or not syllable.is_valid(word)
            or syllable.frequency(word) < 1
        ):
            return None
        score += math.log(syllable.frequency(word) + 1)
    return score / len(words)


QUOTES = frozenset("“”‘’")


def _abbreviation(word: str) -> bool:
    """An abbreviation such as QĐ or HĐND: capitals without vowels, one of them Đ."""
    return "Đ" in word and set(word) <= set("BCDĐFGHJKLMNPQRSTVWXZ")


# A word run holding a digit, a letter and a non-ASCII character (và8). Anchored at
# the start of the run, so each run is scanned once: linear in a long word.
GLUED_DIGIT_RE = regex.compile(r"(?<!\w)(?=\w*\d)(?=\w*[^\W\d_])\w*[^\x00-\x7f]\w*")


def _span_score(text: str) -> float | None:
    """
    How well a decoded span reads as Vietnamese: the mean log frequency of its words,
    or None when a non-ASCII word is no frequent syllable (or abbreviation), or a
    symbol is one a lost byte cannot have been. ASCII words count as neutral.
    """
    if GLUED_DIGIT_RE.search(text):
        return None  # a letter glued to a digit (và8): a space was read as a byte
    total, count, found = 0.0, 0, False
    for word in LETTERS_RE.findall(text):
        count += 1
        if word.isascii():
            if syllable.is_valid(word):
                total += math.log(syllable.frequency(word) + 1)
            continue
        if _cased(word) and syllable.is_valid(word):
            # A name the subtitles never saw (Nẵng) may stand beside the repaired word.
            total += math.log(syllable.frequency(word) + 1)
            found = found or syllable.frequency(word) >= 1
        elif _abbreviation(word):
            found = True
        else:
            return None
    symbols = [
        c
        for c in text
        if not c.isascii()
        and not c.isalpha()
        and not unicodedata.category(c).startswith("M")
    ]
    # A filled byte can only make controls, invisible spaces, ‐ or † out of a
    # punctuation mark's bytes; none of them is what the writer typed.
    if any(unicodedata.category(c)[0] in "CZ" or c in "‐†" for c in symbols):
        return None
    if not (found or any(c in QUOTES for c in symbols)):
        return None
    return total / max(count, 1)


# Code pages UTF-8 is read with by mistake; Windows-1252 (with Latin-1) by far the
# most often, Windows-1250 in Central European setups (`hĂ i` for `hài`).
CODE_PAGES = ("sloppy-windows-1252", "sloppy-windows-1250")


@functools.cache
def _byte_of(codec: str = CODE_PAGES[0]) -> dict[str, int]:
    """Each character of the sloppy code page view (and Latin-1's C1) and its byte."""
    table = {chr(b): b for b in range(0x80, 0xA0)}  # Latin-1 C1 controls
    for b in range(256):
        table[bytes([b]).decode(codec)] = b
    return table


@functools.cache
def _undefined(codec: str) -> tuple[int, ...]:
    """The bytes the strict code page cannot decode (0x81 0x8D 0x8F 0x90 0x9D)."""
    strict = codec.removeprefix("sloppy-")
    undefined = []
    for b in range(0x80, 0x100):
        try:
            bytes([b]).decode(strict)
        except UnicodeDecodeError:
            undefined.append(b)
    return tuple(undefined)


@functools.cache
def _byte_translation(codec: str) -> dict[int, int]:
    """_byte_of as a str.translate table; characters up to U+00FF it lacks go to
    U+0100, which (like every other character it lacks) Latin-1 cannot encode."""
    table = {ord(c): b for c, b in _byte_of(codec).items()}
    for code in range(0x100):
        table.setdefault(code, 0x100)
    return table


def _as_bytes(text: str, codec: str = CODE_PAGES[0]) -> bytes | None:
    """`text` as the bytes a reader with this code page saw, or None if impossible."""
    # A search and str.translate run in C: a per-character loop costs 10 times more.
    if _outside_view_re(codec).search(text):
        return None  # correct Vietnamese: found at its first ư, ơ or ạ
    try:
        # The code page's own encoder maps every character it has as the view does
        # (tests/test_repair.py checks each code point), several times faster than
        # the translation below; it fails on the view's Latin-1 C1 controls. (Tried
        # after the search: a failure costs more than the search.)
        return text.encode(codec)
    except UnicodeEncodeError:
        pass
    return text.translate(_byte_translation(codec)).encode("latin-1")


@functools.cache
def _outside_view_re(codec: str) -> re.Pattern:
    """A character the code page's view lacks."""
    return re.compile(f"[^{re.escape(''.join(sorted(_byte_of(codec))))}]")


NOT_LATIN1_RE = re.compile("[^\x00-\xff]")


def _as_bytes_or_nul(text: str, codec: str = CODE_PAGES[0]) -> bytes:
    """_as_bytes, with a NUL for each character outside the code page's view: never
    part of UTF-8, and a word boundary."""
    return NOT_LATIN1_RE.sub("\x00", text.translate(_nul_translation(codec))).encode(
        "latin-1"
    )


@functools.cache
def _nul_translation(codec: str) -> dict[int, int]:
    return {c: 0 if b == 0x100 else b for c, b in _byte_translation(codec).items()}


def _as_mojibake(data: bytes, codec: str = CODE_PAGES[0]) -> str:
    return data.decode(codec)


@functools.cache
def _vietnamese_letters() -> frozenset[str]:
    """Every letter with a diacritic that Vietnamese uses, both cases."""
    letters = {"đ"}
    for base in "aăâeêioôơuưy":
        for mark in syllable.TONE_MARKS:
            letters.add(unicodedata.normalize("NFC", base + mark))
    letters = {c for c in letters if not c.isascii()}
    return frozenset(letters | {c.upper() for c in letters})


# --- kind 6: HTML escaped twice -------------------------------------------------

DOUBLE_ESCAPED_RE = regex.compile(
    r"&amp;(?:amp;)*(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});"
)
SINGLE_REF_RE = regex.compile(r"&#(?:[0-9]{1,7}|[xX][0-9a-fA-F]{1,6});")


def unescape_html_twice(text: str) -> str:
    """
    Decode HTML entities that were escaped twice or more (`&amp;#7879;` for `ệ`,
    `&amp;amp;` for `&`), or that split UTF-8 mojibake (`Î&frac14;`), so later steps
    see the text.

        >>> unescape_html_twice("Vi&amp;#7879;t Nam &amp;amp; Lào")
        'Việt Nam & Lào'
    """
    # A lone `&amp;` or `&lt;` is left to the normalize stage: it may be meant. Only the
    # chain `&amp;` + entity is unambiguous evidence that a CMS escaped text twice; in a
    # document that shows it, numeric references (`&#7879;`) are the same damage.
    if "&" not in text:
        return text  # no entity at all: the common case, proved at C speed
    edits = _entangled_entities(text)
    if not DOUBLE_ESCAPED_RE.search(text):
        return _apply(text, edits)
    taken = {i for e in edits for i in range(e.start, e.end)}
    for match in regex.finditer(
        DOUBLE_ESCAPED_RE.pattern + "|" + SINGLE_REF_RE.pattern, text
    ):
        raw = match.group()
        decoded = raw
        for _ in range(raw.count("amp;") + 1):
            decoded = html.unescape(decoded)
        if decoded != raw and "&" not in decoded[1:] and match.start() not in taken:
            levels = raw.count("amp;") + 1
            edits.append(
                Edit(
                    match.start(),
                    match.end(),
                    decoded,
                    f"HTML entity escaped {levels} time(s): {raw} is {decoded!r}",
                )
            )
    return _apply(text, edits)


ENTITY_RE = regex.compile(
    r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});"
)


# An ampersand that starts no entity: it parts two runs of entities and other
# non-space characters, as a space does.
BARE_AMPERSAND_RE = regex.compile(
    r"&(?!(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});)"
)


def _entangled_entities(text: str) -> list[Edit]:
    """
    Entities inside UTF-8 mojibake (`Î&frac14;` for `Î¼`, μ; `&#195;&#161;` for
    `Ã¡`, á): decoded together with the characters around them, they are the
    Windows-1252 view of UTF-8, which the next steps decode.
    """
    edits = []
    # A run never crosses a line break, so only lines holding an entity are read.
    for line in LINE_RE.finditer(text):
        if ENTITY_RE.search(line.group()):
            edits.extend(_entangled_entities_in(line.group(), line.start()))
    return edits


def _entity_runs(text: str) -> Iterator[tuple[int, int]]:
    """
    (start, end) of each run of entities and characters that are neither white space
    nor `&`, holding an `&`: a run without one holds no entity. Found as non-space
    tokens cut at their bare ampersands, not by one regex repeating a group over the
    run, whose memory grows with its length (20 MB of `&amp;` ran out of it).

        >>> [(s, e) for s, e in _entity_runs("a&b&amp;c d&#39; e")]
        [(2, 9), (10, 16)]
    """
    for token in NONSPACE_RE.finditer(text):
        if "&" not in token.group():
            continue
        start = token.start()
        for bare in BARE_AMPERSAND_RE.finditer(text, token.start(), token.end()):
            if bare.start() > start and "&" in text[start : bare.start()]:
                yield start, bare.start()
            start = bare.end()
        if token.end() > start and "&" in text[start : token.end()]:
            yield start, token.end()


def _entangled_entities_in(text: str, offset: int) -> list[Edit]:
    edits = []
    for start, end in _entity_runs(text):
        token = text[start:end]
        if not ENTITY_RE.search(token):
            continue
        decoded = html.unescape(token)
        data = _as_bytes(decoded)
        if decoded == token or data is None or data.isascii():
            continue
        try:
            as_utf8 = data.decode("utf-8")
        except UnicodeDecodeError:
            continue
        if as_utf8 != decoded:
            edits.append(
                Edit(
                    offset + start,
                    offset + end,
                    decoded,
                    f"HTML entities inside UTF-8 mojibake: {token!r} is {decoded!r},"
                    f" UTF-8 for {as_utf8!r}",
                )
            )
    return edits


def _apply(text: str, edits: list[Edit]) -> str:
    """`text` with non-overlapping `edits` applied, as an Explained string."""
    if not edits:
        return text
    edits = sorted(edits, key=lambda e: e.start)
    parts, at = [], 0
    for edit in edits:
        parts.append(text[at : edit.start])
        parts.append(edit.after)
        at = edit.end
    parts.append(text[at:])
    return Explained("".join(parts), edits=edits)


# --- kinds 1 and 2: UTF-8 read as Windows-1252 ----------------------------------

# Bytes Windows-1252 leaves undefined; a decoder that drops them loses part of
# ề ọ ỏ Ố ờ Đ ... The no-break-space byte of à (C3 A0) is often dropped as well.
UNDEFINED_BYTES = (0x81, 0x8D, 0x8F, 0x90, 0x9D)
LOST_BYTES = (*UNDEFINED_BYTES, 0xA0)
# A space standing for the no-break-space byte is likelier than a byte lost next to a
# real space: reading it so earns this much (in log frequency, about 20 times), and
# far more in a document that shows `Ã` + two spaces (`và` + space, its 0xA0 byte
# turned into a space), so `cÃ y` reads `cày` there rather than `cà y`.
SPACE_AS_NBSP_BONUS = 3.0
SPACE_AS_NBSP_SHOWN_BONUS = 8.0
# à Ơ Ạ Ỡ end in 0xA0: their lead bytes followed by two spaces show the conversion.
NBSP_AS_SPACE_SHOWN_RE = regex.compile(rb"(?:[\xc3\xc6]|\xe1[\xba\xbb])  ")
# After a space, an opening quote or bracket starts a word: that space is real.
OPENING_RE = regex.compile(rb"[\"'(\[]|\xe2\x80[\x98\x9c]")
MAX_COMBINATIONS = 4096


# A UTF-8 sequence missing exactly its last byte: a two-byte lead alone, or a
# three-byte lead with one continuation byte.
GAP_RE = regex.compile(rb"[\xc2-\xdf](?![\x80-\xbf])|[\xe0-\xef][\x80-\xbf](?![\x80-\xbf])")


def _gaps(
    data: bytes, undefined: tuple[int, ...] = UNDEFINED_BYTES
) -> list[tuple[int, list[tuple[int, bytes]]]]:
    """
    Places where a UTF-8 sequence misses a byte, each with its repair options as
    (bytes replaced, bytes put there).
    """
    gaps = []
    # Lead bytes start every sequence, and continuation bytes never lead: the search
    # finds the same sequences a byte-by-byte walk would, in C.
    for match in GAP_RE.finditer(data):
        j = match.end()
        options: list[tuple[int, bytes]] = []
        if j < len(data) and data[j] == 0x3F:
            # A decoder writes "?" for the bytes it cannot decode: the undefined ones.
            options.extend((1, bytes([b])) for b in undefined)
        else:
            if j < len(data) and data[j] == 0x20 and not OPENING_RE.match(data, j + 1):
                options.append((1, b"\xa0"))  # the no-break space became a space
            options.extend((0, bytes([b])) for b in (*undefined, 0xA0))
        gaps.append((j, options))
    return gaps


@functools.cache
def _gap_char_re(codec: str) -> re.Pattern:
    """
    GAP_RE over text in the code page's view rather than over its bytes: it finds a
    gap in `text` exactly where GAP_RE finds one in _as_bytes_or_nul(text, codec).
    """
    # _as_bytes_or_nul turns each character into one byte (NUL outside the view), so
    # a class of characters per byte class reads the same as the bytes.
    byte_of = _byte_translation(codec)
    chars: dict[tuple[int, int], list[str]] = {
        (0xC2, 0xDF): [], (0xE0, 0xEF): [], (0x80, 0xBF): []
    }
    for code, byte in byte_of.items():
        for low, high in chars:
            if low <= byte <= high:
                chars[(low, high)].append(chr(code))
    two, three, cont = (f"[{re.escape(''.join(sorted(c)))}]" for c in chars.values())
    return re.compile(f"{two}(?!{cont})|{three}{cont}(?!{cont})")


def _word_span(data: bytes, start: int, end: int) -> tuple[int, int]:
    # NUL stands for a character outside the Windows-1252 view: a word boundary.
    while start > 0 and data[start - 1] not in b" \t\n\r\x00":
        start -= 1
    while end < len(data) and data[end] not in b" \t\n\r\x00":
        end += 1
    return start, end


def _repair_span(
    data: bytes, start: int, end: int, gaps: list, bonus: float = SPACE_AS_NBSP_BONUS
) -> tuple[bytes, str] | None:
    """The best repair of data[start:end] with its gaps filled, and its decoding."""
    best: tuple[float, bytes, str] | None = None
    choices = [options for _, options in gaps]
    if math.prod(len(c) for c in choices) > MAX_COMBINATIONS:
        return None
    for combo in itertools.product(*choices):
        pieces, at = [], start
        for (where, _), (skip, put) in zip(gaps, combo):
            pieces.append(data[at:where])
            pieces.append(put)
            at = where + skip
        pieces.append(data[at:end])
        candidate = b"".join(pieces)
        try:
            decoded = candidate.decode("utf-8")
        except UnicodeDecodeError:
            continue
        score = _span_score(decoded)
        if score is None:
            continue
        score += bonus * sum(put == b"\xa0" and skip for skip, put in combo)
        if best is None or score > best[0]:
            best = (score, candidate, decoded)
    return None if best is None else (best[1], best[2])


def _lost_byte_repairs(
    text: str, codec: str = CODE_PAGES[0]
) -> list[tuple[int, int, str, str]]:
    """(start, end, complete mojibake, decoded) for each word that lost a byte."""
    repairs = []
    shown = NBSP_AS_SPACE_SHOWN_RE.search(_as_bytes_or_nul(text, codec))
    bonus = SPACE_AS_NBSP_SHOWN_BONUS if shown else SPACE_AS_NBSP_BONUS
    for line in LINE_RE.finditer(text):
        data = _as_bytes_or_nul(line.group(), codec)
        gaps = _gaps(data, _undefined(codec))
        if not gaps:
            continue
        spans: list[list] = []
        for where, options in gaps:
            skip_space = any(skip for skip, put in options if put == b"\xa0")
            start, end = _word_span(data, where, where + (1 if skip_space else 0))
            if skip_space:
                _, end = _word_span(data, where + 1, where + 1)
            if spans and start < spans[-1][1]:
                spans[-1][1] = max(end, spans[-1][1])
                spans[-1][2].append((where, options))
            else:
                spans.append([start, end, [(where, options)]])
        for start, end, span_gaps in spans:
            found = _repair_span(data, start, end, span_gaps, bonus)
            if found is not None:
                base = line.start()
                repairs.append(
                    (base + start, base + end, _as_mojibake(found[0], codec), found[1])
                )
    return repairs


def _complete_mojibake_words(text: str, codec: str = CODE_PAGES[0]) -> set[str]:
    """Words whose code page bytes are UTF-8 for frequent Vietnamese syllables."""
    return {w for w in set(_view_words(text, codec)) if _complete_mojibake(w, codec)}


def _view_words_re(codec: str) -> re.Pattern:
    """A UTF-8 lead and continuation byte of the code page's view inside a word."""
    return _utf8_view_re(codec, by_table=True, in_word=True)


@functools.cache
def _any_view_word_re() -> re.Pattern:
    """_view_words_re of any code page, in one search: one scan of correct text."""
    classes = [_utf8_view_classes(c, by_table=True, in_word=True) for c in CODE_PAGES]
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
            yield from (w for w in NONSPACE_RE.findall(line) if view.search(w))


@functools.lru_cache(maxsize=65536)
def _complete_mojibake(word: str, codec: str) -> bool:
    """The word's code page bytes are UTF-8 for frequent Vietnamese syllables."""
    if word.isascii() or not _utf8_view_re(codec, by_table=True).search(word):
        return False
    data = _as_bytes(word, codec)
    if data is None:
        return False
    try:
        decoded = data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return decoded != word and _vietnamese_score(decoded) is not None


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
    # Two cheap proofs that nothing changes come first, so the evidence is gathered
    # only where a repair is possible. Without a word that could be intact mojibake
    # (correct text, even with no-break spaces) there is no evidence.
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
    if len(evidence) < 2:
        return text
    repairs = _lost_byte_repairs(text, codec)
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
    return _apply(text, edits)


def _plan_codec(plan: list[tuple[str, str]] | None) -> str | None:
    """The codec ftfy re-encoded with when its plan ends in decoding UTF-8."""
    if not plan:
        return None
    encodes = [p for action, p in plan if action == "encode"]
    decodes = [p for action, p in plan if action == "decode"]
    if len(encodes) == 1 and decodes and decodes[-1].startswith("utf-8"):
        return encodes[0]
    return None


# Invisible characters a word may carry inside (ng\u00adười): removed to count it.
IN_WORD_INVISIBLE_RE = regex.compile(
    r"(?<=[\p{L}\p{M}])[\u00ad\u200b\u200c\u200d\u2060\ufeff]+(?=[\p{L}\p{M}])"
)

WORD_EDGE_RE = regex.compile(r"^[^\p{L}\p{M}]+|[^\p{L}\p{M}]+$")


def _frequent_count(text: str) -> int:
    """
    How many words of `text` are frequent valid syllables, read without the soft
    hyphens and zero-width characters inside them: a repair must not lower it.

        >>> _frequent_count("DÂ\u00adN TỘC"), _frequent_count("D\u00adN TỘC")
        (2, 1)
    """
    # Words are cut at spaces, so the fragments of mojibake (`Ná` of `Ná»™i`) count
    # for nothing, and stripped of the punctuation around them (`Giá\x93`).
    words = (WORD_EDGE_RE.sub("", w) for w in IN_WORD_INVISIBLE_RE.sub("", text).split())
    return sum(1 for word in words if word and _frequent(word))


@functools.cache
def _vietnamese_only_re() -> re.Pattern:
    """Vietnamese letters no single-byte code page has (ạ ư ơ ộ ...): never mojibake."""
    letters = _vietnamese_letters() - _byte_of().keys()
    # The standard library's `re`: a class of letters reads the same, found faster.
    return re.compile("[" + re.escape("".join(sorted(letters))) + "]")


def _loses_syllables(line: str, fixed: str) -> bool:
    """
    A decoding of a line that shows correct Vietnamese lowers its count of frequent
    syllables: it re-decoded correct text.

        >>> _loses_syllables("Giá\x93 rẻ\x94 lắm", "Giᓠrẻ” lắm")
        True
    """
    # Only where the line shows letters no code page has: in mojibake alone, fragments
    # (`Ã`, `í`) read as syllables, and decoding them lowers the count.
    if not _vietnamese_only_re().search(line):
        return False
    return _frequent_count(fixed) < _frequent_count(line)


# Plain character-class searches use the standard library's `re`: several times
# faster than `regex` over long non-ASCII text.
# What ftfy (in FTFY_CONFIG) changes without first finding the text bad: surrogates,
# C1 controls and the control characters it removes.
FTFY_ALWAYS_RE = re.compile(
    "[\ud800-\udfff\x80-\x9f"
    + re.escape("".join(chr(c) for c in ftfy.chardata.CONTROL_CHARS))
    + "]"
)
# Characters no code page ftfy re-encodes with has: a line holding one is no
# single-byte mojibake as a whole.
NOT_IN_ANY_CODE_PAGE_RE = re.compile(
    "[^\x00-\x7f"
    + re.escape(
        "".join(
            sorted(
                {
                    ch
                    for enc in ftfy.chardata.CHARMAP_ENCODINGS
                    for ch in bytes(range(0x100)).decode(enc)  # sloppy: 0x1A is �
                }
            )
        )
    )
    + "]"
)


def _ftfy_may_change(line: str, always: bool = True) -> bool:
    """
    Whether ftfy could change `line`: it decodes only text that one code page holds
    whole, or that shows UTF-8 inside, which one cheap search rules out for almost
    every correct line.

        >>> _ftfy_may_change("Hà Nội"), _ftfy_may_change("Ä‘Ã£ cÃ³")
        (False, True)
    """
    # ftfy's is_bad alone costs more than everything else here on correct Vietnamese.
    if always and FTFY_ALWAYS_RE.search(line):
        return True
    if line.isascii():
        return False
    if NOT_IN_ANY_CODE_PAGE_RE.search(line):
        # No code page holds the line, so ftfy can only decode UTF-8 inside it.
        if not UTF8_DETECTOR_RE.search(line):
            return False
        if ftfy.fixes.decode_inconsistent_utf8(line) == line:
            return False
    # ftfy checks its badness measure itself: checking it here too would cost a second
    # pass over every line of mojibake.
    return True


def _fast_utf8_detector() -> re.Pattern:
    """
    ftfy's UTF8_DETECTOR_RE (does the text hold UTF-8 in a code page's view, for
    decode_inconsistent_utf8), found as fast: its lookbehind moved after the lead
    character, which lets the search skip to lead characters; same matches or none.
    """
    pattern = ftfy.chardata.UTF8_DETECTOR_RE.pattern
    classes = re.findall(r"\[[^\]]*\]", pattern)
    if len(classes) != 7 or len(set(classes[2::2])) != 1:
        return ftfy.chardata.UTF8_DETECTOR_RE  # another ftfy: use its own
    behind, one, cont, two, _, three, _ = classes
    return re.compile(
        f"{one[:-1]}{two[1:-1]}{three[1:]}(?<!{behind}.)"
        f"(?:(?<={one}){cont}|(?<={two}){cont}{{2}}|(?<={three}){cont}{{3}})"
    )


UTF8_DETECTOR_RE = _fast_utf8_detector()


@functools.cache
def _suspects_re() -> re.Pattern:
    """
    A character that may show a line fix_mojibake could change, beyond the lines one
    code page holds whole: a character ftfy always changes, one where
    UTF8_DETECTOR_RE may match, or a UTF-8 lead and continuation inside a word in
    the Windows-1252 view. A line without one keeps _ftfy_may_change False and holds
    no word that decodes so.
    """
    always = FTFY_ALWAYS_RE.pattern
    lead, follow = _utf8_view_classes(CODE_PAGES[0], in_word=True)
    classes = re.findall(r"\[[^\]]*\]", ftfy.chardata.UTF8_DETECTOR_RE.pattern)
    if len(classes) != 7 or len(set(classes[2::2])) != 1 or " " not in classes[2]:
        return re.compile(f"{always}|[^\x00-\x7f]")  # another ftfy: nearly every line
    _, one, cont, two, _, three, _ = classes
    rare = cont.replace(" ", "")  # continuations bar the space: rare in correct text
    # A detector match is a lead and 1, 2 or 3 continuations. The search starts at
    # its first continuation that is no space, and looks around it; a match whose
    # continuations are all spaces starts with a lead of the first class and a space,
    # or holds two spaces, which _suspect_lines finds apart.
    after = [
        f"(?<={one}{rare})",
        f"(?<={two}{rare})(?={cont})",
        f"(?<={two} {rare})",
        f"(?<={three}{rare})(?={cont}{{2}})",
        f"(?<={three} {rare})(?={cont})",
        f"(?<={three}  {rare})",
        f"(?<={lead}{follow})",
    ]
    # The character before a continuation is a lead or a space: one test turns away
    # the no-break space after a plain letter (`Hà Nội\u00a0 có`), or a letter such
    # as Đ that leads the first class, at once.
    before = f"[ {one[1:-1]}{two[1:-1]}{three[1:-1]}{lead[1:]}"
    branches = [
        f"(?<={always})",
        f"(?<={one})(?= )",
        f"(?<={before}[{rare[1:-1]}{follow[1:-1]}])(?:{'|'.join(after)})",
    ]
    first = f"{always[:-1]}{one[1:-1]}{rare[1:-1]}{follow[1:]}"
    # Only the first character class leads: a search skips fast to it, and in
    # correct text its characters are rare.
    return re.compile(f"{first}(?:{'|'.join(branches)})")


# All continuations spaces after a lead of the second or third class.
DOUBLE_SPACE = "  "


def _lines_matching(pattern: re.Pattern, text: str) -> Iterator[tuple[int, str]]:
    """(offset, line) of each LINE_RE line of `text` in which `pattern` matches, for a
    pattern that never matches a line break."""
    at = 0
    while match := pattern.search(text, at):
        start = text.rfind("\n", 0, match.start()) + 1
        at = text.find("\n", match.start()) + 1 or len(text)
        yield start, text[start:at]


def _suspect_lines(text: str) -> dict[int, str]:
    """
    Offset -> line, in order, for every line for which _ftfy_may_change may be True
    or that holds a word in which the Windows-1252 view shows a UTF-8 lead and
    continuation; found by searches over the whole text, as a line at a time costs
    more than the search.
    """
    suspects = dict(_lines_matching(_suspects_re(), text))
    if DOUBLE_SPACE in text:
        suspects.update(_lines_matching(UTF8_DETECTOR_RE, text))
    # A line that one code page holds whole: ftfy judges it.
    at = 0
    for content in text.split("\n"):
        if not content.isascii() and not NOT_IN_ANY_CODE_PAGE_RE.search(content):
            suspects[at] = text[at : at + len(content) + 1]
        at += len(content) + 1
    return dict(sorted(suspects.items()))


@functools.cache
def _utf8_view_re(
    codec: str, by_table: bool = False, in_word: bool = False
) -> re.Pattern:
    """
    A UTF-8 lead byte followed by a continuation byte, as characters of `codec`'s
    view: every word that decodes as UTF-8 to something else holds one. With
    `in_word`, only two characters that are no white space (NONSPACE_RE's words).
    """
    lead, follow = _utf8_view_classes(codec, by_table, in_word)
    # The search looks for the continuation first and then behind it: in correct
    # Vietnamese, lead characters (à é ô) abound but continuations (“ – \u00a0) are
    # rare, and a search skips fastest to a rare first character.
    return re.compile(f"{follow}(?<={lead}{follow})")


def _utf8_view_classes(
    codec: str, by_table: bool = False, in_word: bool = False
) -> tuple[str, str]:
    """_utf8_view_re's character classes: UTF-8 lead bytes and continuation bytes."""
    if codec == CODE_PAGES[0] or by_table:
        byte_of = _byte_of(codec)  # as _as_bytes reads
    else:
        byte_of = {}  # as str.encode reads, one character at a time
        for char in {chr(b) for b in range(256)} | set(bytes(range(256)).decode(codec)):
            try:
                data = char.encode(codec)
            except UnicodeError:
                continue
            if len(data) == 1:
                byte_of[char] = data[0]
    if in_word:
        byte_of = {c: b for c, b in byte_of.items() if not SPACE_RE.match(c)}
    lead = re.escape("".join(c for c, b in byte_of.items() if 0xC2 <= b <= 0xF4))
    follow = re.escape("".join(c for c, b in byte_of.items() if 0x80 <= b <= 0xBF))
    return f"[{lead}]", f"[{follow}]"


@functools.lru_cache(maxsize=65536)
def _decode_word(word: str, codec: str) -> str | None:
    try:
        data = _as_bytes(word) if codec == "sloppy-windows-1252" else word.encode(codec)
        if data is None:
            return None
        decoded = data.decode("utf-8")
    except (UnicodeError, LookupError):
        return None
    if decoded == word or _vietnamese_score(decoded) is None:
        return None
    return decoded


# ftfy's one decoding step (found or not; private, so looked up with a fallback).
_FTFY_ONE_STEP = getattr(ftfy, "_fix_encoding_one_step_and_explain", None)
# Every sequence ftfy's replace_lossy_sequences replaces holds a 0x1A or `?` byte,
# which only these characters encode to: without them the substitution, a slow
# search over the bytes, cannot change anything, and ftfy records a step only for a
# change.
LOSSY_BYTE_CHARS_RE = re.compile("[?\x1a\ufffd]")
FTFY_EXPLAIN_NOT_LOSSY = FTFY_EXPLAIN._replace(replace_lossy_sequences=False)


def _one_step_config(line: str) -> ftfy.TextFixerConfig:
    if LOSSY_BYTE_CHARS_RE.search(line):
        return FTFY_EXPLAIN
    return FTFY_EXPLAIN_NOT_LOSSY


def _ftfy_line(line: str) -> ftfy.ExplainedText:
    """
    ftfy.fix_and_explain(line, FTFY_EXPLAIN), in a third of the time on mojibake.

        >>> _ftfy_line("Ä‘Ã£ cÃ³") == ftfy.fix_and_explain("Ä‘Ã£ cÃ³", FTFY_EXPLAIN)
        True
    """
    # ftfy repeats its decoding step, then its other fixers, until nothing changes,
    # then runs everything once more to be sure: on a line of mojibake its badness
    # search runs three times, twice over the whole decoded line. When one step
    # decodes the line into text ftfy cannot change (what _ftfy_may_change proves,
    # as it does for the lines fix_mojibake never gives ftfy), every later pass finds
    # nothing, and ftfy returns that text with that one step's plan: so do we.
    if _FTFY_ONE_STEP is not None:
        fixed, plan = _FTFY_ONE_STEP(line, _one_step_config(line))
        if fixed != line and not _ftfy_may_change(fixed):
            return ftfy.ExplainedText(fixed, plan)
    return ftfy.fix_and_explain(line, FTFY_EXPLAIN)


def fix_mojibake(text: str) -> str:
    """
    Decode UTF-8 that was read as Windows-1252, Latin-1 or Mac Roman (ftfy).

        >>> fix_mojibake("Ä‘Ã£ cÃ³")
        'đã có'
        >>> str(fix_mojibake("Ná»™i dung\\nÄ‘Ã£ cÃ³ ngÆ°á»\\x9di dÃ¹ng"))
        'Nội dung\\nđã có người dùng'
    """
    # ftfy decodes lines it finds bad enough. A word it leaves (`Ná»™i dung` alone on
    # its line, a word next to damage ftfy cannot place) is decoded only when ftfy
    # decoded lines of the document with the same codec, or two such words stand in
    # the document, and the word decodes to frequent Vietnamese syllables; words ftfy
    # and this check both reject are left alone.
    # ftfy's change to a line stands only if it keeps every frequent syllable there:
    # next to a C1 control or a soft hyphen it would re-decode correct Vietnamese
    # (`Giá\x93` -> `Giᓠ`, `DÂ\xadN` -> `DN`).
    codecs_used: Counter[str] = Counter()
    # Offset -> (line, ftfy's text, ftfy's plan) for the lines ftfy changed. The other
    # lines are never given to ftfy: whole-text searches prove most of them clean.
    lines: dict[int, tuple[str, str, str]] = {}
    suspects = _suspect_lines(text)
    # Else no line needs the search.
    always = bool(suspects) and bool(FTFY_ALWAYS_RE.search(text))
    for offset, line in suspects.items():
        if not _ftfy_may_change(line, always):
            continue
        fixed = _ftfy_line(line)
        if fixed.text == line or _loses_syllables(line, fixed.text):
            continue
        codec = _plan_codec(fixed.explanation)
        if codec:
            codecs_used[codec] += 1
        plan = " then ".join(f"{a} {p}" for a, p in fixed.explanation or [])
        lines[offset] = (line, fixed.text, plan)
    leftovers: dict[str, list[tuple[int, int, int, str, bool]]] = defaultdict(list)
    # Each codec once: a word a codec did not decode, it would not decode again.
    leftover_codecs = tuple(
        dict.fromkeys((*[c for c, _ in codecs_used.most_common()], CODE_PAGES[0]))
    )
    # A word decodes only if it holds a UTF-8 lead byte and a continuation byte in
    # some code page's view: the suspects hold every line ftfy left that holds one in
    # the Windows-1252 view, a search over the whole text finds those of another
    # code page ftfy decoded with, and the lines ftfy changed are searched again.
    views = [_utf8_view_re(c, in_word=True) for c in leftover_codecs]
    candidates = {offset: (line, line, "") for offset, line in suspects.items()}
    for codec in set(leftover_codecs) - {CODE_PAGES[0]}:
        for offset, line in _lines_matching(_utf8_view_re(codec, in_word=True), text):
            candidates.setdefault(offset, (line, line, ""))
    candidates.update(lines)
    for offset in sorted(candidates):
        line, fixed, _ = candidates[offset]
        if not any(view.search(fixed) for view in views):
            continue
        guarded = bool(_vietnamese_only_re().search(line))
        for word in NONSPACE_RE.finditer(fixed):
            if word.group().isascii():
                continue
            for codec in leftover_codecs:
                decoded = _decode_word(word.group(), codec)
                # The same guard as for ftfy's lines: `Giá\x93` stays, beside `rẻ`.
                if decoded and not (
                    guarded and _frequent_count(decoded) < _frequent_count(word.group())
                ):
                    # On a line with no letter only correct Vietnamese has, a word
                    # that decodes to frequent syllables (bá»\xada -> bửa, BÃŒ -> BÌ)
                    # is evidence enough: correct text never holds such byte pairs.
                    leftovers[codec].append(
                        (offset, word.start(), word.end(), decoded, not guarded)
                    )
                    break
    mended: dict[int, list[Edit]] = defaultdict(list)
    for codec, found in leftovers.items():
        distinct = {candidates[n][1][s:e] for n, s, e, _, _ in found}
        evidence = codecs_used[codec] > 0 or len(distinct) >= 2
        why = (
            f"ftfy decoded {codecs_used[codec]} line(s) of this document so"
            if codecs_used[codec]
            else f"{len(distinct)} words of this document decode so"
        )
        for offset, start, end, decoded, alone in found:
            if not (evidence or alone):
                continue
            word = candidates[offset][1][start:end]
            because = why if evidence else "its line holds no correct Vietnamese"
            reason = (
                f"UTF-8 read as {codec}, left by ftfy: {because}, and {word!r} reads"
                f" {decoded!r}, a frequent syllable"
            )
            mended[offset].append(Edit(start, end, decoded, reason))
    edits: list[Edit] = []
    for offset in sorted(lines.keys() | mended.keys()):
        line, fixed, plan = candidates[offset]
        final = str(_apply(fixed, mended[offset]))
        if final == line:
            continue
        reasons = {e.after: e.reason for e in mended[offset]}
        edits.extend(
            _line_edits(offset, line, final, reasons, f"ftfy: {plan or 'none'}")
        )
    return _apply(text, edits)


# White space as the regex module's `\s` reads it (Unicode White_Space; not the
# separators U+001C..U+001F that `re` also counts), spelled out for `re`, which
# splits faster. A test compares the two over every code point.
WHITESPACE = (
    "\t\n\x0b\x0c\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
)
WHITESPACE_SPLIT_RE = re.compile(f"([{WHITESPACE}]+)")
# A line and its decoding holding one of these a different number of times split
# into different separators (the no-break space of `Ã\xa0`, à, is the common case).
COUNTED_SPACES = (" ", "\xa0", "\t")


def _line_edits(
    offset: int, line: str, fixed: str, reasons: dict[str, str], default: str
) -> list[Edit]:
    """
    Edits turning `line` into `fixed`, word by word when both have the same words
    and spaces (decoding keeps them), else one edit for the line: linear time.
    """
    if any(line.count(c) != fixed.count(c) for c in COUNTED_SPACES):
        # The separators differ, found without splitting (a split makes an object of
        # every word): the test below would fail.
        return [Edit(offset, offset + len(line), fixed, default)]
    old = WHITESPACE_SPLIT_RE.split(line)
    new = WHITESPACE_SPLIT_RE.split(fixed)
    if len(old) != len(new) or any(o != n for o, n in zip(old[1::2], new[1::2])):
        return [Edit(offset, offset + len(line), fixed, default)]
    edits, at = [], offset
    for o, n in zip(old, new):
        if o != n:
            reason = next((r for d, r in reasons.items() if d in n), default)
            edits.append(Edit(at, at + len(o), n, reason))
        at += len(o)
    return edits


# --- kind 5: legacy Vietnamese font encodings ----------------------------------

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
    path = importlib.resources.files("vnclean") / "data" / "legacy" / f"{name}.tsv"
    table = {}
    lines = [
        ln
        for ln in path.read_text("utf-8").splitlines()
        if ln and not ln.startswith("#")
    ]
    for row in lines[1:]:
        legacy, letter = row.split("\t")[:2]
        key = bytes.fromhex(legacy)
        # 0xA0 is a no-break space far more often than VISCII's Õ.
        if key != b"\xa0":
            table[key] = letter
    return table


def _decode_legacy(line: str, name: str) -> str:
    """`line`, read as Windows-1252, decoded from the legacy encoding `name`."""
    if name == "cp1258":
        data = _as_bytes(line)
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


def _legacy_gain(line: str, decoded: str) -> tuple[int, int, int, int]:
    """
    Of the words a decoding changes: how many it turns into frequent syllables and
    into non-syllables, and how many were broken and valid before it.
    """
    # Words are cut at spaces, not at non-letters: `Chi¬u` is one broken word, not
    # the valid `Chi` and `u`.
    before = Counter(_legacy_words(line))
    after = Counter(_legacy_words(decoded))
    good = bad = 0
    for word, count in (after - before).items():
        if word.isascii():
            continue  # a fragment left by a decoding error, not evidence
        if len(word) > 1 and _attested(word):
            good += count  # a lone letter between symbols (◊ợ◊) is no evidence either
        elif not (len(word) == 1 and syllable.is_valid(word)):
            bad += count
    gone = before - after
    broken = sum(n for w, n in gone.items() if not _seen(w))
    return good, bad, broken, sum(gone.values()) - broken


def _seen(word: str) -> bool:
    """A valid syllable in a plausible case that the corpus has seen."""
    return _cased(word) and _attested(word)


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
    fits: list[tuple[object, dict[str, tuple[bool, int, str]]]] = []
    totals: Counter[str] = Counter()
    for line in LINE_RE.finditer(text):
        # A paragraph typed in a legacy font and read as Windows-1252 holds nothing
        # outside Windows-1252: correct Vietnamese, Greek or Hebrew mojibake does.
        if line.group().isascii() or _as_bytes(line.group()) is None:
            continue
        found = {}
        for name in (*LEGACY_ENCODINGS, "cp1258"):
            decoded = _decode_legacy(line.group(), name)
            if decoded == line.group():
                continue
            good, bad, broken, was_valid = _legacy_gain(line.group(), decoded)
            strong = (
                good >= 2 and bad * 4 <= good and broken >= 2 and broken > was_valid
            )
            if strong or (good >= 1 and bad == 0 and broken >= max(1, was_valid)):
                found[name] = (strong, good, decoded)
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
            continue
        strong, good, decoded = found[name]
        if _reads_as_utf8(line.group(), good):
            continue  # UTF-8 read as Windows-1252: the mojibake steps' business
        why = (
            f"{good} broken words here become frequent syllables, and"
            f" {totals[name]} in this document"
        )
        edits.extend(_legacy_edits(line, decoded, name, why))
    return _apply(text, edits)


def _legacy_candidates(text: str) -> bool:
    """
    Whether a paragraph could take a legacy decoding: one held by Windows-1252 whose
    bytes are not UTF-8. Paragraphs that are UTF-8 (UTF-8 mojibake) are never decoded
    (see _reads_as_utf8), so a document of them alone needs no legacy reading at all.
    """
    for line in LINE_RE.finditer(text):
        if line.group().isascii():
            continue
        data = _as_bytes(line.group())
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
    data = _as_bytes(line)
    if data is None:
        return False
    try:
        return data.decode("utf-8") != line
    except UnicodeDecodeError:
        as_utf8 = data.decode("utf-8", errors="replace")
        return as_utf8 != line and _legacy_gain(line, as_utf8)[0] >= good


def _legacy_edits(line, decoded: str, name: str, why: str) -> list[Edit]:
    reason = f"{LEGACY_NAMES[name]} read as Windows-1252: {why}"
    return _line_edits(line.start(), line.group(), decoded, {}, reason)


# --- kind 3: characters swapped by a one-byte error ------------------------------


@functools.cache
def _neighbours(char: str) -> tuple[str, ...]:
    """
    Vietnamese letters one byte error away from `char` in UTF-8 (ử E1 BB AD and ề
    E1 BB 81; Cyrillic А D0 90 and Đ C4 90), or one code page away
    (the same byte read as Windows-1252, Latin-1 or Mac Roman).
    """
    letters = _vietnamese_letters()
    found = set()
    data = char.encode("utf-8")
    for i in range(len(data)):
        for value in range(256):
            if value == data[i]:
                continue
            try:
                other = (data[:i] + bytes([value]) + data[i + 1 :]).decode("utf-8")
            except UnicodeDecodeError:
                continue
            if other in letters:
                found.add(other)
    for one, two in itertools.permutations(("cp1252", "latin-1", "mac_roman"), 2):
        try:
            other = char.encode(one).decode(two)
        except UnicodeError:
            continue
        if other in letters:
            found.add(other)
    found.discard(char)
    return tuple(sorted(found))


@functools.cache
def _look_alike(char: str) -> str | None:
    """The ASCII letter a Cyrillic or Greek letter imitates (А -> A), if any."""
    name = unicodedata.name(char, "")
    if not name.startswith(("CYRILLIC", "GREEK")):
        return None
    from unidecode import unidecode

    ascii_form = unidecode(char)
    return ascii_form if len(ascii_form) == 1 and ascii_form.isalpha() else None


def _latin_context(text: str, start: int, end: int) -> bool:
    """The letters around text[start:end] are Latin, with at least one nearby."""
    around = text[max(0, start - 4) : start] + text[end : end + 4]
    letters = [c for c in around if c.isalpha()]
    return bool(letters) and all(
        unicodedata.name(c, "").startswith("LATIN") for c in letters
    )


def _mixed_script(word: str) -> bool:
    # Over the distinct letters, once per word: a long word costs one pass.
    return _mixed_letters(frozenset(word))


@functools.lru_cache(maxsize=65536)
def _mixed_letters(letters: frozenset[str]) -> bool:
    scripts = {unicodedata.name(c, "?").split()[0] for c in letters if c.isalpha()}
    return "LATIN" in scripts and bool(scripts & {"CYRILLIC", "GREEK"})


def _learn_substitutions(text: str) -> dict[str, tuple[str, str, list[str]]]:
    """source char -> (target, the evidence, example words), learned from `text`."""
    # Letter runs never cross white space, so each distinct token is looked at once,
    # and one without a suspect word is remembered across texts. The first round hears
    # only words that vote on their own, and most documents have none: then nothing
    # can be learned, and no word needs counting.
    if not _SETTLED.unsettled(syllable.distinct_tokens(text), _suspect_words):
        return {}
    tokens = Counter(text.split())
    suspects: Counter[str] = Counter()
    for token, count in tokens.items():
        for word in _suspect_words(token):
            suspects[word] += count
    learned = _vote(suspects, {})
    if not learned:
        return {}
    counts: Counter[str] = Counter()
    for token, count in tokens.items():
        for word in _token_words(token):
            counts[word] += count
    # A second round: a word with two damaged letters (Аiửu) becomes evidence for the
    # second once the first (ử→ề) is learned.
    found = _vote(counts, {c: t for c, (t, _, _) in learned.items()})
    if not found.keys() <= learned.keys():
        learned.update(found)
    # The document is shown damaged by one-byte errors: now one impossible word is
    # enough for another substitution with a clear winner (Аặc in a document that
    # showed ử→ề).
    known = {c: t for c, (t, _, _) in learned.items()}
    for char, found in _vote(counts, known, min_words=1).items():
        learned.setdefault(char, found)
    return learned


_SETTLED = syllable.SettledTokens()  # tokens none of whose words votes alone


@functools.lru_cache(maxsize=65536)
def _token_words(token: str) -> tuple[str, ...]:
    """The words of `token` short enough to be syllables: longer, none to mend."""
    return tuple(
        word
        for word in LETTERS_RE.findall(token)
        if len(word) <= syllable.MAX_WRITTEN_LENGTH
    )


@functools.lru_cache(maxsize=65536)
def _suspect_words(token: str) -> tuple[str, ...]:
    """The words of `token` that vote for a substitution before any is learned."""
    return tuple(word for word in _token_words(token) if _word_votes(word, (), False))


def _vote(
    counts: Counter[str], known: dict[str, str], min_words: int = MIN_WORDS
) -> dict[str, tuple[str, str, list[str]]]:
    votes: dict[tuple[str, str], set[str]] = defaultdict(set)
    occurrences: Counter[tuple[str, str]] = Counter()
    frozen = tuple(sorted(known.items()))
    for original, count in counts.items():
        for pair in _word_votes(original, frozen, min_words < MIN_WORDS):
            votes[pair].add(original)
            occurrences[pair] += count
    learned = {}
    for char in {c for c, _ in votes}:
        ranked = sorted(
            ((len(w), t) for (c, t), w in votes.items() if c == char), reverse=True
        )
        top, target = ranked[0]
        rival = ranked[1][0] if len(ranked) > 1 else 0
        if target == _look_alike(char) or top < 2 * rival:
            continue  # a look-alike is normalize's business; a tie is no evidence
        words = sorted(votes[(char, target)])
        # A Latin word carrying a Cyrillic or Greek letter is impossible on its face:
        # one such word seen three times is evidence enough.
        mixed = all(_mixed_script(w) for w in words) and (
            len(words) >= 2 or occurrences[(char, target)] >= 3
        )
        if len(words) >= min_words or mixed:
            seen = occurrences[(char, target)]
            basis = f"{len(words)} impossible word{'s' if len(words) > 1 else ''}"
            if seen > len(words):
                basis += f" ({seen} times)"
            if min_words < MIN_WORDS and not mixed:
                basis += " and another substitution learned"
            learned[char] = (target, basis, words[:3])
    return learned


@functools.lru_cache(maxsize=65536)
def _word_votes(
    original: str, known: tuple[tuple[str, str], ...], weak: bool
) -> tuple[tuple[str, str], ...]:
    """The (letter, target) pairs a distinct word votes for; cached per word."""
    if original.isascii() or _attested(original):
        # A word as written that is a real syllable is no evidence, even where a
        # learned letter would make it impossible: `sửa` under ử→ề must not vote
        # for ề→ử, which would turn `chỉnh tề` into `chỉnh tử`.
        return ()
    mapping = dict(known)
    word = "".join(mapping.get(c, c) for c in original)
    if word.isascii() or _attested(word):
        return ()
    if weak and syllable.is_valid(word):
        return ()  # on weaker evidence, only impossible words count
    if not any(unicodedata.name(c, "").startswith("LATIN") for c in set(word)):
        return ()  # a Russian or Greek word is another language, not damage
    if len(word) == 1:
        return ()  # an initial (N.Đ.C) is no syllable to begin with
    pairs = []
    mixed = _mixed_script(word)
    for char in sorted({c for c in word if not c.isascii()}):
        # The word votes once per letter, for the target that makes it the most
        # frequent syllable: điửu -> điều, not điệu.
        alike = _look_alike(char)
        fits = [
            (syllable.frequency(word.replace(char, target)), target)
            for target in [*_neighbours(char), *([alike] if alike else [])]
            if _frequent(word.replace(char, target))
            or (mixed and _abbreviation(word.replace(char, target)))
        ]
        if fits:
            pairs.append((char, max(fits)[1]))
    return tuple(pairs)


def fix_learned_substitutions(text: str) -> str:
    """
    Undo letters swapped by a one-byte error that the document shows consistently
    (Cyrillic `А` for `Đ`, `ử` for `ề`), learned from its impossible syllables.

        >>> str(fix_learned_substitutions("Chiửu nay, nhiửu người vử quê; điửu đó thử thách."))
        'Chiều nay, nhiều người về quê; điều đó thử thách.'
    """
    # Only words that are impossible, or valid but RATIO times rarer than the result,
    # change: `thử sử cử` stay even where ử→ề was learned. Clean regions of the same
    # document, other languages and names never hold the learned source letter in an
    # impossible word, so they are left alone.
    learned = _learn_substitutions(text)
    if not learned:
        return text
    edits: list[Edit] = []
    fixed_words: Counter[str] = Counter()
    pending = []
    # Each distinct word is judged once; only a lone letter depends on its place.
    judged: dict[str, tuple[str, bool]] = {}
    for match in _words_holding(frozenset(learned)).finditer(text):
        word = match.group()
        if word not in judged:
            new = "".join(learned[c][0] if c in learned else c for c in word)
            # A Latin word with a Cyrillic letter is impossible: QА becomes QĐ, a
            # site's glued `độАộ` becomes `độĐộ`.
            good = _much_better(new, word, LEARNED_RATIO) or (
                _mixed_script(word) and not _mixed_script(new)
            )
            judged[word] = (new, good)
        new, good = judged[word]
        # So does a lone letter between Latin letters and dots (`N.А.C`).
        if good or (
            len(word) == 1
            and not unicodedata.name(word, "").startswith("LATIN")
            and _latin_context(text, match.start(), match.end())
        ):
            pending.append((match, new))
            for c in {c for c in word if c in learned}:
                fixed_words[c] += 1
    reasons: dict[str, str] = {}
    for match, new in pending:
        if match.group() not in reasons:
            sources = [c for c in dict.fromkeys(match.group()) if c in learned]
            reasons[match.group()] = "; ".join(
                f"{c}→{learned[c][0]} in {fixed_words[c]} words: {learned[c][1]} in"
                f" this document fit this substitution ({', '.join(learned[c][2])})"
                for c in sources
            )
        edits.append(Edit(match.start(), match.end(), new, reasons[match.group()]))
    return _apply(text, edits)


@functools.lru_cache(maxsize=256)
def _words_holding(letters: frozenset[str]) -> regex.Pattern[str]:
    """
    The words LETTERS_RE finds that hold one of `letters`. A match starts only where
    a word does, so a word without them costs one pass, not one per letter.
    """
    wanted = "".join(map(regex.escape, sorted(letters)))
    letter = r"[\p{L}\p{M}]"
    return regex.compile(f"(?<!{letter}){letter}*?[{wanted}]{letter}*")


# --- kind 4: a stray no-break space, and syllables glued together ---------------


# A no-break space right after a letter is a site: the up to 12 letters before it and
# after it are all a syllable can need (lookarounds, so neighbouring sites overlap).
NBSP_SITE_RE = regex.compile(
    "(?<=([\\p{L}\\p{M}]{1,12}))\u00a0(?=([\\p{L}\\p{M}]{0,12}))"
)
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
    if not right or not _frequent(joined):
        return False
    if not (syllable.is_valid(left) and syllable.is_valid(right)):
        return True
    rarer = min(syllable.frequency(left), syllable.frequency(right))
    return syllable.frequency(joined) >= RATIO * max(rarer, 1)


def _learn_stray_nbsp(text: str) -> dict[str, list[str]]:
    """Letters the document shows a stray no-break space after, and words mended."""
    votes: dict[str, set[str]] = defaultdict(set)
    for _, left, right in _nbsp_sites(text):
        if _joins(left, right):
            votes[left[-1]].add(left + right)
    return {c: sorted(w) for c, w in votes.items() if len(w) >= 2}


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
        joins = bool(right) and _seen(left + right)
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
    return _apply(text, edits)


GLUED_TOKEN_RE = regex.compile(r"[\p{L}\p{M}\p{N}\u00a0]+")
GLUED_PART_RE = regex.compile(r"[\p{L}\p{M}\p{N}\u00a0]")


def split_glued_syllables(text: str) -> str:
    """
    Put back a space lost between two syllables next to learned encoding damage
    (`mạnhvà\u00a0 cho` -> `mạnh và\u00a0 cho`).

        >>> doc = "càng nà\u00a0y, thà\u00a0nh; nhấn mạnhvà\u00a0 cho. Hà Nội"
        >>> str(split_glued_syllables(doc)).split(";")[1]
        ' nhấn mạnh và\\xa0 cho. Hà Nội'
    """
    # Gate: only a word that carries a stray no-break space the document shows (see
    # remove_stray_no_break_spaces), read without its stray spaces
    # (`ngà\u00a0nhvà\u00a0` is `ngànhvà`), that is no syllable and splits, away from a
    # no-break space, into a
    # frequent syllable after a frequent syllable or a Latin word (`Grabvà`). Words
    # glued by stripped inline HTML (`Nữca`, `sĩđã`) carry no encoding damage and stay
    # as the site wrote them, as do names, hashtags and URLs (`HanoiPrintPack`,
    # `Baochinhphu.vn`, `#VietNam`); `Hà\u00a0Nội` keeps its no-break space.
    learned = _learn_stray_nbsp(text)
    if not learned:
        return text
    edits = []
    end = 0
    # The tokens holding a learned letter before a no-break space, each once: found
    # from those sites, which the learning has listed, not by reading every word.
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
            head_ok = _frequent(one) or (
                one.isascii() and len(one) > 1 and one.isalnum()
            )
            if head_ok and _frequent(two):
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
    return _apply(text, edits)
