"""
Turning the bytes of a text file into text without guessing wrong, and reading those
bytes within a size limit. Nothing here looks at what the text says beyond deciding
its encoding.
"""

from __future__ import annotations

import codecs
import errno
import os
import unicodedata
from typing import IO

from vnclean import syllable
from vnclean.errors import BinaryFileError, DecodeError, InputError
from vnclean.segments import LETTER_RUN_RE

# Legacy single-byte code pages tried for bytes that are not UTF-8, in this order.
LEGACY_ENCODINGS = ("cp1258", "cp1252")
# Share of the words with diacritics that must be valid Vietnamese syllables before a
# legacy decoding is believed.
VALID_SHARE = 0.9
# A text file is one document, held in memory several times over while it is cleaned
# (about 25 bytes for each byte read): a larger one is refused, with a hint. JSON lines
# are read record by record, each record under the same limit.
MAX_DOCUMENT_BYTES = 32_000_000
# UTF-32 LE comes before UTF-16 LE: its BOM starts with the same two bytes.
BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def decode_bytes(data: bytes, name: str) -> str:
    """
    Decode the bytes of a text file named `name`: UTF-8 with or without a BOM, UTF-16
    or UTF-32 with a BOM (the BOM is dropped), or, for bytes that are not UTF-8,
    Windows-1258 or Windows-1252 when the result is convincingly Vietnamese. Raise
    `DecodeError` (`BinaryFileError` for NUL bytes) rather than return mangled text.

        >>> decode_bytes("Hà Nội".encode("utf-8-sig"), "a.txt")
        'Hà Nội'
        >>> cp1258 = b"H\\xe0 N\\xf4\\xf2i l\\xe0 thu\\xd2 \\xf0\\xf4"
        >>> decode_bytes(cp1258, "a.txt")
        'Hà Nội là thủ đô'
        >>> decode_bytes(b"PDF\\x00", "notes.pdf")
        Traceback (most recent call last):
        vnclean.errors.BinaryFileError: notes.pdf: binary file (NUL byte at offset 3)
    """
    for bom, encoding in BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding)
            except UnicodeDecodeError as error:
                offset = error.start + len(bom)
                raise DecodeError(
                    name,
                    f"invalid {encoding.upper()} at byte offset {offset} after its BOM",
                ) from None
    nul = data.find(b"\0")
    if nul >= 0:
        hint = "; UTF-16 without a byte-order mark?" if _looks_utf16(data) else ""
        raise BinaryFileError(name, f"binary file (NUL byte at offset {nul}{hint})")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        bad = error.start
    for encoding in LEGACY_ENCODINGS:
        try:
            text = unicodedata.normalize("NFC", data.decode(encoding))
        except UnicodeDecodeError:
            continue
        if _convincingly_vietnamese(text):
            return text
    raise DecodeError(
        name,
        f"not UTF-8 (byte 0x{data[bad]:02x} at offset {bad}) and not recognisably"
        " Vietnamese in Windows-1258 or Windows-1252",
    )


def _looks_utf16(data: bytes) -> bool:
    # ASCII in UTF-16 puts a NUL in every other byte.
    even, odd = data[0::2], data[1::2]
    return max(even.count(0), odd.count(0)) > len(data) // 4


def _convincingly_vietnamese(text: str) -> bool:
    # A wrong code page turns the letters with diacritics into words no Vietnamese
    # writer would spell; the right one makes nearly all of them valid syllables.
    marked = [word for word in LETTER_RUN_RE.findall(text) if not word.isascii()]
    if not marked:
        return False
    valid = sum(syllable.is_valid(word) for word in marked)
    return valid >= VALID_SHARE * len(marked)


def open_bytes(path: str, name: str) -> IO[bytes]:
    """The file at `path` open for reading bytes; an `InputError` naming `name`."""
    try:
        return open(path, "rb")
    except OSError as error:
        raise InputError(name, os_problem(error)) from None


def read_bytes(path: str, name: str, limit: int = MAX_DOCUMENT_BYTES) -> bytes:
    """
    The bytes of the file at `path`; an `InputError` naming `name` if unreadable or
    larger than `limit`.
    """
    with open_bytes(path, name) as file:
        try:
            size = os.fstat(file.fileno()).st_size
            if size > limit:
                raise too_large(name, size, limit)
            return read_at_most(
                file, name, limit
            )  # a file may grow, /dev/zero never ends
        except OSError as error:
            raise InputError(name, os_problem(error)) from None


READ_SLICE = 64 * 1024 * 1024  # bytes asked of a stream at a time


def read_at_most(stream: IO[bytes], name: str, limit: int) -> bytes:
    """All of `stream` (a file or stdin), or an `InputError` past `limit` bytes."""
    # Read in slices: one read of `limit + 1` bytes would reserve them all at once,
    # and a generous --max-size is no reason to fail on memory.
    chunks = []
    left = limit + 1
    while left > 0:
        chunk = stream.read(min(left, READ_SLICE))
        if not chunk:
            break
        chunks.append(chunk)
        left -= len(chunk)
    data = b"".join(chunks)
    if len(data) > limit:
        raise too_large(name, None, limit)
    return data


def too_large(name: str, size: int | None, limit: int) -> InputError:
    """The error for an input or record larger than `limit` bytes (--max-size)."""
    found = f"{_megabytes(size)}; " if size is not None else ""
    return InputError(
        name,
        f"too large to clean as one document ({found}the limit is {_megabytes(limit)},"
        " see --max-size): split it, or give it as JSON lines",
    )


def _megabytes(size: int) -> str:
    return f"{size / 1_000_000:,.0f} MB" if size >= 10_000_000 else f"{size:,} bytes"


def os_problem(error: OSError) -> str:
    if error.errno == errno.ELOOP:
        return "symlink loop"
    if error.errno == errno.ENOENT:
        return "no such file or folder"
    if error.errno == errno.EISDIR:
        return "is a folder"
    return f"cannot read ({error.strerror or error})"
