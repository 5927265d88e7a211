"""
Input and output for the command-line tool: turning bytes into text without guessing
wrong, finding the input files under folders, reading JSON lines in bounded batches,
writing files so that a crash never leaves a half-written one, and mapping work over
a process pool in input order.

Nothing here looks at what the text says beyond deciding its encoding.
"""

from __future__ import annotations

import codecs
import collections
import concurrent.futures
import contextlib
import errno
import fnmatch
import itertools
import json
import os
import shutil
import stat
import tempfile
import threading
import time
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import IO, Any, TypeVar

import regex

from vnclean import syllable
from vnclean.errors import (
    BinaryFileError,
    DecodeError,
    InputError,
    RecordError,
    VncleanError,
)

T = TypeVar("T")
R = TypeVar("R")

# Temporary files of an atomic write: hidden, and never ending in the input's suffix,
# so a later run never takes one left by a killed run for an input.
TEMP_PREFIX = "."
TEMP_MARK = ".vnclean-tmp-"
TEMP_RE = regex.compile(r"^\..*\.vnclean-tmp-[^.]*$")
WORD_RE = regex.compile(r"[^\W\d_]+")
# Legacy single-byte code pages tried for bytes that are not UTF-8, in this order.
LEGACY_ENCODINGS = ("cp1258", "cp1252")
# Share of the words with diacritics that must be valid Vietnamese syllables before a
# legacy decoding is believed.
VALID_SHARE = 0.9
# A text file is one document, held in memory several times over while it is cleaned
# (about 25 bytes for each byte read): a larger one is refused, with a hint. JSON lines
# are read record by record and have no such limit.
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
    marked = [word for word in WORD_RE.findall(text) if not word.isascii()]
    if not marked:
        return False
    valid = sum(syllable.is_valid(word) for word in marked)
    return valid >= VALID_SHARE * len(marked)


def open_bytes(path: str, name: str) -> IO[bytes]:
    """The file at `path` open for reading bytes; an `InputError` naming `name`."""
    try:
        return open(path, "rb")
    except OSError as error:
        raise InputError(name, _os_problem(error)) from None


def read_bytes(path: str, name: str, limit: int = MAX_DOCUMENT_BYTES) -> bytes:
    """
    The bytes of the file at `path`; an `InputError` naming `name` if unreadable or
    larger than `limit`.
    """
    with open_bytes(path, name) as file:
        try:
            size = os.fstat(file.fileno()).st_size
            if size > limit:
                raise _too_large(name, size, limit)
            return read_at_most(file, name, limit)  # a file may grow, /dev/zero never ends
        except OSError as error:
            raise InputError(name, _os_problem(error)) from None


def read_at_most(stream: IO[bytes], name: str, limit: int) -> bytes:
    """All of `stream` (a file or stdin), or an `InputError` past `limit` bytes."""
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise _too_large(name, None, limit)
    return data


def _too_large(name: str, size: int | None, limit: int) -> InputError:
    found = f"{_megabytes(size)}; " if size is not None else ""
    return InputError(
        name,
        f"too large to clean as one document ({found}the limit is {_megabytes(limit)},"
        " see --max-size): split it, or give it as JSON lines",
    )


def _megabytes(size: int) -> str:
    return f"{size / 1_000_000:,.0f} MB" if size >= 10_000_000 else f"{size:,} bytes"


def _os_problem(error: OSError) -> str:
    if error.errno == errno.ELOOP:
        return "symlink loop"
    if error.errno == errno.ENOENT:
        return "no such file or folder"
    if error.errno == errno.EISDIR:
        return "is a folder"
    return f"cannot read ({error.strerror or error})"


# Finding inputs -----------------------------------------------------------------------


@dataclass(frozen=True)
class Input:
    """One input: a file (`path`) or stdin (`data`), or one that failed to be found."""

    display: str  # the name messages use: the path as the user wrote it, or "<stdin>"
    path: str | None  # None for stdin
    relative: str  # where it goes under the output folder
    problem: VncleanError | None = None
    data: bytes | None = None  # stdin's bytes, read by the caller


@dataclass(frozen=True)
class Skipped:
    """A path met during a folder walk and left alone, with why."""

    display: str
    reason: str
    warn: bool  # a loop or a link out of the tree: worth a warning; else -v only


def find_inputs(
    paths: Iterable[str],
    *,
    glob: str = "*.txt",
    follow_links: bool = False,
    exclude: Iterable[str] = (),
) -> Iterator[Input | Skipped]:
    """
    The inputs named by `paths`, in order: files as given (symlinks followed), the
    files under folders that match `glob` (sorted, recursed), each file once. Folders
    in `exclude` (an output folder inside an input folder) are never entered. A path
    that cannot be used comes out as an `Input` with its `problem` set.
    """
    walker = _Walker(glob, follow_links, {os.path.realpath(path) for path in exclude})
    for path in paths:
        try:
            info = os.stat(path)
        except OSError as error:
            yield _failed(path, InputError(path, _os_problem(error)))
            continue
        if stat.S_ISDIR(info.st_mode):
            yield from walker.walk(path)
        elif stat.S_ISREG(info.st_mode):
            if walker.first_time(os.path.realpath(path)):
                yield Input(path, path, os.path.basename(path))
        else:
            yield _failed(path, InputError(path, "not a regular file or folder"))


def _failed(path: str, problem: VncleanError) -> Input:
    return Input(path, path, os.path.basename(path), problem)


@dataclass
class _Walker:
    """One walk over all the input folders, so each file and folder comes up once."""

    glob: str
    follow_links: bool
    excluded: set[str]
    seen: set[str] = field(default_factory=set)  # real paths of the files yielded
    walked: set[str] = field(default_factory=set)  # real paths of the folders entered

    def first_time(self, real: str) -> bool:
        new = real not in self.seen
        self.seen.add(real)
        return new

    def walk(self, root: str) -> Iterator[Input | Skipped]:
        real = os.path.realpath(root)
        if real not in self.walked:
            self.walked.add(real)
            yield from self._folder(root, "", (real,), real)

    def _folder(
        self, folder: str, relative: str, parents: tuple[str, ...], root: str
    ) -> Iterator[Input | Skipped]:
        # `parents`: the real paths of this folder and those above it, up to `root`.
        try:
            entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
        except OSError as error:
            yield _failed(folder, InputError(folder, _os_problem(error)))
            return
        for entry in entries:
            if TEMP_RE.match(entry.name):
                continue
            path = os.path.join(folder, entry.name)
            real = os.path.realpath(path)
            if entry.is_symlink():
                reason = _unfollowable(path, real, root, parents, self.follow_links)
                if reason:
                    yield Skipped(path, reason, warn=self.follow_links)
                    continue
            try:
                is_dir, is_file = entry.is_dir(), entry.is_file()
            except OSError as error:
                yield Skipped(path, _os_problem(error), warn=True)
                continue
            rel = os.path.join(relative, entry.name)
            if is_dir and real not in self.excluded and real not in self.walked:
                self.walked.add(real)
                yield from self._folder(path, rel, (*parents, real), root)
            elif (
                is_file
                and fnmatch.fnmatch(entry.name, self.glob)
                and self.first_time(real)
            ):
                yield Input(path, path, rel)


def _unfollowable(
    path: str, real: str, root: str, parents: tuple[str, ...], follow_links: bool
) -> str | None:
    if not follow_links:
        return "symbolic link, not followed without --follow-links"
    try:
        os.stat(path)
    except OSError as error:
        return "symlink loop" if error.errno == errno.ELOOP else "broken symbolic link"
    if real in parents:
        return "symlink loop"
    if not is_within(real, root):
        return "symbolic link to outside the input tree"
    return None


def is_within(path: str, folder: str) -> bool:
    """True when the real `path` is `folder` or lies under it."""
    path, folder = os.path.realpath(path), os.path.realpath(folder)
    return os.path.commonpath([path, folder]) == folder


def output_path(folder: str, relative: str, suffix: str = "") -> str:
    """Where an input goes under the output `folder`; never outside it."""
    target = os.path.normpath(os.path.join(folder, relative + suffix))
    if os.path.isabs(relative) or not is_within(target, folder):
        raise InputError(
            relative, f"output path would leave the output folder {folder}"
        )
    return target


# Writing ------------------------------------------------------------------------------


@contextlib.contextmanager
def atomic_writer(
    path: str, *, mode_of: str | None = None, backup: str | None = None
) -> Iterator[IO[bytes]]:
    """
    A binary file that replaces `path` only once everything was written and synced:
    the bytes go to a hidden temporary file beside it, then `os.replace`. Readers see
    the old file or the new one, never a mix. With `backup`, the old file is first
    kept as `path + backup`. The new file takes the permissions of `mode_of`.
    """
    folder, name = os.path.split(os.path.abspath(path))
    os.makedirs(folder, exist_ok=True)
    fd, temp = tempfile.mkstemp(prefix=f"{TEMP_PREFIX}{name}{TEMP_MARK}", dir=folder)
    try:
        with os.fdopen(fd, "wb") as file:
            yield file
            file.flush()
            os.fsync(file.fileno())
        if mode_of is not None:
            os.chmod(temp, stat.S_IMODE(os.stat(mode_of).st_mode))
        if backup and os.path.exists(path):
            # Copied in chunks: a JSON-lines corpus may not fit in memory.
            with (
                open(path, "rb") as old,
                atomic_writer(path + backup, mode_of=path) as copy,
            ):
                shutil.copyfileobj(old, copy)
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise


def write_atomically(
    path: str, data: bytes, *, mode_of: str | None = None, backup: str | None = None
) -> None:
    """Write `data` to `path` through `atomic_writer`."""
    with atomic_writer(path, mode_of=mode_of, backup=backup) as file:
        file.write(data)


# JSON lines ---------------------------------------------------------------------------


def numbered_lines(stream: IO[bytes]) -> Iterator[tuple[int, bytes]]:
    """The lines of a binary stream with their 1-based numbers, read one at a time."""
    return enumerate(stream, start=1)


def batched(
    items: Iterable[T], *, most: int, size: int, weight: Callable[[T], int]
) -> Iterator[list[T]]:
    """
    Consecutive batches of `most` items, or fewer once their `weight` adds up to
    `size`. Batches of like size divide evenly among workers whatever the size of the
    items: a corpus of a few long records still makes many batches.

        >>> [len(b) for b in batched(["aaaaa"] * 5, most=2, size=8, weight=len)]
        [2, 2, 1]
        >>> [len(b) for b in batched(["aaaaa"] * 5, most=4, size=8, weight=len)]
        [2, 2, 1]
    """
    batch: list[T] = []
    held = 0
    for item in items:
        batch.append(item)
        held += weight(item)
        if len(batch) >= most or held >= size:
            yield batch
            batch, held = [], 0
    if batch:
        yield batch


def parse_record(name: str, line: bytes, field: str) -> dict[str, Any]:
    """
    The JSON object on one line of a JSON-lines file, checked to hold the string
    field `field`; a `RecordError` naming `name` (file:line) otherwise.

        >>> parse_record("c.jsonl:1", '{"id": 1, "text": "Hà Nội"}'.encode(), "text")
        {'id': 1, 'text': 'Hà Nội'}
        >>> parse_record("c.jsonl:2", b'{"id": 2}', "text")
        Traceback (most recent call last):
        vnclean.errors.RecordError: c.jsonl:2: no field 'text'
    """
    try:
        record = json.loads(line.removeprefix(b"\xef\xbb\xbf"))
    except UnicodeDecodeError:
        raise RecordError(name, "not UTF-8") from None
    except ValueError as error:
        raise RecordError(name, f"invalid JSON ({error})") from None
    if not isinstance(record, dict):
        raise RecordError(name, "not a JSON object")
    if field not in record:
        raise RecordError(name, f"no field {field!r}")
    if not isinstance(record[field], str):
        kind = type(record[field]).__name__
        raise RecordError(name, f"field {field!r} is {kind}, not a string")
    return record


# Parallel work ------------------------------------------------------------------------


def ordered_map(
    function: Callable[[T], R],
    items: Iterable[T],
    *,
    jobs: int,
    initializer: Callable[..., None] | None = None,
    initargs: tuple[object, ...] = (),
) -> Iterator[R]:
    """
    `map(function, items)` over `jobs` processes, results in input order. At most a
    few items per process are in flight, so a long stream is consumed as it goes, in
    bounded memory. One job, or a single item, runs in this process.
    """
    iterator = iter(items)
    head = list(itertools.islice(iterator, 2))
    if jobs <= 1 or len(head) < 2:
        if initializer is not None:
            initializer(*initargs)
        yield from map(function, itertools.chain(head, iterator))
        return
    window = jobs * 2
    pool = concurrent.futures.ProcessPoolExecutor(
        jobs, initializer=_start_worker, initargs=(os.getpid(), initializer, initargs)
    )
    pending: collections.deque[concurrent.futures.Future[R]] = collections.deque()
    try:
        for item in itertools.chain(head, iterator):
            pending.append(pool.submit(function, item))
            if len(pending) >= window:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _start_worker(
    parent: int, initializer: Callable[..., None] | None, initargs: tuple[object, ...]
) -> None:
    threading.Thread(target=_exit_without, args=(parent,), daemon=True).start()
    if initializer is not None:
        initializer(*initargs)


def _exit_without(parent: int) -> None:
    # A parent killed outright (SIGKILL, the OOM killer) cannot shut its pool down,
    # and its workers would wait for work forever: each leaves once it is orphaned.
    while os.getppid() == parent:
        time.sleep(PARENT_CHECK_SECONDS)
    os._exit(1)


PARENT_CHECK_SECONDS = 0.5


__all__ = [
    "Input",
    "Skipped",
    "atomic_writer",
    "batched",
    "decode_bytes",
    "find_inputs",
    "is_within",
    "numbered_lines",
    "open_bytes",
    "ordered_map",
    "output_path",
    "parse_record",
    "read_at_most",
    "read_bytes",
    "write_atomically",
]
