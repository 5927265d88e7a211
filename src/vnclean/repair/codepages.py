"""
Text as the bytes a reader saw: the byte-level view of the code pages UTF-8 is most
often misread with, which the repair steps share.

A page written in UTF-8 and read as Windows-1252 shows each byte as one character
(`Ä‘` for the two bytes of `đ`). Turning those characters back into bytes, and
knowing which characters stand for UTF-8 lead and continuation bytes, is how every
step recognises that damage.
"""

from __future__ import annotations

import codecs
import functools
import importlib.util
import re
import sys
from encodings import normalize_encoding
from pathlib import Path
from typing import Any

from vnclean import tables
from vnclean.repair.words import WHITESPACE_RE

# Code pages UTF-8 is read with by mistake; Windows-1252 (with Latin-1) by far the
# most often, Windows-1250 in Central European setups (`hĂ i` for `hài`).
# They are ftfy's "sloppy" code pages, which decode every byte.
CODE_PAGES = ("sloppy-windows-1252", "sloppy-windows-1250")


def ftfy_key(*files: str) -> list[Any]:
    """What tables derived from ftfy depend on: Python, and ftfy's `files`."""
    spec = importlib.util.find_spec("ftfy")
    folder = Path(spec.origin).parent if spec and spec.origin else None
    stats = []
    for name in files:
        try:
            found = (folder / name).stat() if folder else None
        except OSError:
            found = None
        stats.append([name, found and found.st_size, found and found.st_mtime_ns])
    return [sys.version, str(folder), stats]


@functools.cache
def code_page_views() -> dict[str, str]:
    """The 256 characters each of CODE_PAGES decodes its bytes to, as ftfy has them."""
    key = ftfy_key("__init__.py", "bad_codecs/__init__.py", "bad_codecs/sloppy.py")
    return tables.derived("ftfy-code-pages", key, _ftfy_code_page_views)


def _ftfy_code_page_views() -> dict[str, str]:
    import ftfy.bad_codecs

    views = {}
    for codec in CODE_PAGES:
        found = ftfy.bad_codecs.search_function(codec)
        assert found is not None, codec
        views[codec] = found.decode(bytes(range(256)))[0]
    return views


def _search_code_page(name: str) -> codecs.CodecInfo | None:
    """
    Python's look-up of a codec by name: each of CODE_PAGES as a character map of
    code_page_views(); ftfy's other codecs ("sloppy-windows-1251", "utf-8-variants")
    from ftfy itself.
    """
    normal = normalize_encoding(name)
    for codec in CODE_PAGES:
        if normal == normalize_encoding(codec):
            return _charmap_codec(codec, code_page_views()[codec])
    if normal.startswith(("sloppy", "utf_8_var", "utf8_var", "cesu", "java_utf")):
        import ftfy.bad_codecs

        return ftfy.bad_codecs.search_function(name)
    return None


def _charmap_codec(name: str, table: str) -> codecs.CodecInfo:
    """A single-byte codec decoding byte b to table[b], built as ftfy builds its own
    (tests/test_perf_equivalence.py compares the two)."""
    encoding_table = codecs.charmap_build(table)

    def encode(text: str, errors: str = "strict") -> tuple[bytes, int]:
        return codecs.charmap_encode(text, errors, encoding_table)

    def decode(data: bytes, errors: str = "strict") -> tuple[str, int]:
        return codecs.charmap_decode(data, errors, table)  # type: ignore[arg-type]

    class IncrementalEncoder(codecs.IncrementalEncoder):
        def encode(self, text: str, final: bool = False) -> bytes:
            return encode(text, self.errors)[0]

    class IncrementalDecoder(codecs.IncrementalDecoder):
        def decode(self, data: bytes, final: bool = False) -> str:  # type: ignore[override]
            return decode(data, self.errors)[0]

    class StreamWriter(codecs.StreamWriter):
        def encode(self, text: str, errors: str = "strict") -> tuple[bytes, int]:
            return encode(text, errors)

    class StreamReader(codecs.StreamReader):
        def decode(self, data: bytes, errors: str = "strict") -> tuple[str, int]:  # type: ignore[override]
            return decode(data, errors)

    return codecs.CodecInfo(
        name=name,
        encode=encode,  # type: ignore[arg-type]
        decode=decode,  # type: ignore[arg-type]
        incrementalencoder=IncrementalEncoder,
        incrementaldecoder=IncrementalDecoder,
        streamreader=StreamReader,
        streamwriter=StreamWriter,
    )


codecs.register(_search_code_page)


@functools.cache
def byte_of(codec: str = CODE_PAGES[0]) -> dict[str, int]:
    """Each character of the sloppy code page view (and Latin-1's C1) and its byte;
    the second code page's view takes the first's characters as well."""
    table = {chr(b): b for b in range(0x80, 0xA0)}  # Latin-1 C1 controls
    for b in range(256):
        table[bytes([b]).decode(codec)] = b
    if codec != CODE_PAGES[0]:
        # Lines read with Windows-1250 hold Windows-1252 forms too (`KhĂ¡ch`: Ă is
        # C3 in 1250, ¡ is A1 in 1252), and no character stands for two different
        # bytes in the two pages, so the view takes both.
        for char, b in byte_of(CODE_PAGES[0]).items():
            table.setdefault(char, b)
    return table


@functools.cache
def undefined_bytes(codec: str) -> tuple[int, ...]:
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
def byte_translation(codec: str) -> dict[int, int]:
    """byte_of as a str.translate table; characters up to U+00FF it lacks go to
    U+0100, which (like every other character it lacks) Latin-1 cannot encode."""
    table = {ord(c): b for c, b in byte_of(codec).items()}
    for code in range(0x100):
        table.setdefault(code, 0x100)
    return table


def as_bytes(text: str, codec: str = CODE_PAGES[0]) -> bytes | None:
    """`text` as the bytes a reader with this code page saw, or None if impossible."""
    if _outside_view_re(codec).search(text):
        return None  # correct Vietnamese: found at its first ư, ơ or ạ
    try:
        # The code page's own encoder maps every character it has as the view does
        # (tests/test_perf_equivalence.py checks each code point); it fails on the
        # view's Latin-1 C1 controls, which the table below maps.
        return text.encode(codec)
    except UnicodeEncodeError:
        pass
    return text.translate(byte_translation(codec)).encode("latin-1")


@functools.cache
def _outside_view_re(codec: str) -> re.Pattern:
    """A character the code page's view lacks."""
    return re.compile(f"[^{re.escape(''.join(sorted(byte_of(codec))))}]")


NOT_LATIN1_RE = re.compile("[^\x00-\xff]")


def as_bytes_or_nul(text: str, codec: str = CODE_PAGES[0]) -> bytes:
    """as_bytes, with a NUL for each character outside the code page's view: never
    part of UTF-8, and a word boundary."""
    return NOT_LATIN1_RE.sub("\x00", text.translate(_nul_translation(codec))).encode(
        "latin-1"
    )


@functools.cache
def _nul_translation(codec: str) -> dict[int, int]:
    return {c: 0 if b == 0x100 else b for c, b in byte_translation(codec).items()}


@functools.cache
def utf8_view_re(
    codec: str, by_table: bool = False, in_word: bool = False
) -> re.Pattern:
    """
    A UTF-8 lead byte followed by a continuation byte, as characters of `codec`'s
    view: every word that decodes as UTF-8 to something else holds one. With
    `in_word`, only two characters that are no white space (TOKEN_RE's words).
    """
    lead, follow = utf8_view_classes(codec, by_table, in_word)
    # The continuation first, its lead behind it: in correct Vietnamese lead
    # characters (à é ô) abound and continuations (“ – \u00a0) are rare.
    return re.compile(f"{follow}(?<={lead}{follow})")


def utf8_view_classes(
    codec: str, by_table: bool = False, in_word: bool = False
) -> tuple[str, str]:
    """utf8_view_re's character classes: UTF-8 lead bytes and continuation bytes."""
    if codec == CODE_PAGES[0] or by_table:
        table = byte_of(codec)  # as as_bytes reads
    else:
        table = {}  # as str.encode reads, one character at a time
        for char in {chr(b) for b in range(256)} | set(bytes(range(256)).decode(codec)):
            try:
                data = char.encode(codec)
            except UnicodeError:
                continue
            if len(data) == 1:
                table[char] = data[0]
    if in_word:
        table = {c: b for c, b in table.items() if not WHITESPACE_RE.match(c)}
    lead = re.escape("".join(c for c, b in table.items() if 0xC2 <= b <= 0xF4))
    follow = re.escape("".join(c for c, b in table.items() if 0x80 <= b <= 0xBF))
    return f"[{lead}]", f"[{follow}]"
