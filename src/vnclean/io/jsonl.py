"""
JSON lines: reading a stream line by line, grouping lines into batches of bounded
size for the workers, and checking that a record holds the text field.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator
from typing import IO, Any, TypeVar

from vnclean.errors import RecordError

T = TypeVar("T")
# Records (or documents) go to the workers in batches of this many, or fewer once
# they hold BATCH_BYTES, so that the work divides evenly among the workers whatever
# the length of the records.
RECORDS_PER_BATCH = 512
BATCH_BYTES = 512 * 1024
# A lone surrogate: no character of its own, so UTF-8 cannot write it.
SURROGATE_RE = re.compile("[\ud800-\udfff]")


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


def json_bytes(value: Any, indent: int | None = None) -> bytes:
    """
    `value` as UTF-8 JSON, with any lone surrogate written as its `\\u` escape: a
    record may hold one (JSON allows `"\\ud800"`), and so may a file name that is not
    UTF-8, which Python keeps as surrogates. Read back, the escape gives the same
    string.

        >>> json_bytes({"title": "a \\ud800", "text": "Hà"})
        b'{"title": "a \\\\ud800", "text": "H\\xc3\\xa0"}'
    """
    text = json.dumps(value, ensure_ascii=False, indent=indent)
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:
        # Surrogates stand only inside JSON strings, where their escape is valid.
        return SURROGATE_RE.sub(lambda m: f"\\u{ord(m[0]):04x}", text).encode("utf-8")
