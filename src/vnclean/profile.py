"""
Learning a site's boilerplate: the lines a site prints on many of its pages (menus,
footers, "Đọc nhiều" boxes), counted over a folder or a crawl of the site. The strip
stage removes a line a `Profile` has seen in many documents; `vnclean learn`, the
CLI's ``--profile`` and `vnclean.dask` share this module.

Profiles are learned from repaired and normalized text (`prepare_for_learning`), the
text the strip stage sees, so that a line matches its profile entry however the page
was encoded.

- ``ProfileBuilder().add(text)`` for each document of one site, then
  ``.build(min_docs=None) -> Profile``; ``Profile.save(path)``, ``Profile.load(path)``.
  A profile stores hashes of normalised lines (CCNet style), not text. The default
  threshold is max(5, 1% of the documents): a line quoted in two or three articles
  is never treated as furniture, and on a large site a line must recur on one page in
  a hundred. Exact duplicate documents count once.
"""

from __future__ import annotations

import hashlib
import json
import math
import tempfile
import unicodedata
import weakref
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import regex

from vnclean.model import Config
from vnclean.pipeline import run
from vnclean.segments import LINE_BREAK_RE
from vnclean.strip.lines import collapse

DIGIT_RE = regex.compile(r"\d")
# A profile builder keeps this many distinct lines' counts in memory (about 50 MB),
# then moves them to SPILL_FILES temporary files, a record of a line's hash and its
# count per line.
MAX_KEPT_COUNTS = 500_000
SPILL_FILES = 16
DIGEST_BYTES = 8  # of a line's hash: profiles store these, not text
COUNT_BYTES = 4


def prepare_for_learning(text: str, **options: Any) -> str:
    """
    `text` as the strip stage will see it: repaired and normalized as
    `vnclean.clean(text, **options)` would, not stripped. Profiles are learned from
    this text.

        >>> prepare_for_learning("Ha\\u0300 Nô\\u0323i\\nĐọc nhiều")
        'Hà Nội\\nĐọc nhiều'
    """
    return run(text, Config(**{**options, "strip": False}), explain=False).text


def prepare_all_for_learning(texts: Iterable[str]) -> list[str]:
    """`prepare_for_learning` of each text, with the default options: a batch."""
    return [prepare_for_learning(text) for text in texts]


def normalize_line(line: str) -> str:
    """
    The form lines are compared in across documents, as CCNet does: NFC, lowercase,
    every digit folded to 0, whitespace collapsed.

        >>> normalize_line("  Đọc   nhiều 2024 ")
        'đọc nhiều 0000'
    """
    text = unicodedata.normalize("NFC", line).lower()
    text = DIGIT_RE.sub("0", text)
    return collapse(text)


def line_hash(line: str) -> str:
    """A short stable hash of `normalize_line(line)`: profiles store these, not text."""
    return _digest(normalize_line(line)).hex()


@dataclass
class Profile:
    """
    A site's recurring lines, learned from many of its pages: hashes of normalised
    lines and the number of documents each was seen in. Pass it as
    ``strip_boilerplate(text, profile=...)``; a line whose hash is in the profile is
    furniture "seen in N of M documents of this site".
    """

    documents: int
    min_docs: int
    counts: dict[str, int] = field(default_factory=dict)

    def seen(self, line: str) -> int:
        """In how many documents `line` was seen (0 below the threshold)."""
        return self.counts.get(line_hash(line), 0)

    def save(self, path: str | Path) -> None:
        """Write the profile as JSON (hashes and counts only, no text)."""
        data = {
            "format": "vnclean-profile",
            "version": 1,
            "normalization": "NFC, lowercase, digits to 0, whitespace collapsed; blake2b-64",
            "documents": self.documents,
            "min_docs": self.min_docs,
            "lines": dict(sorted(self.counts.items())),
        }
        Path(path).write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")

    @classmethod
    def load(cls, path: str | Path) -> Profile:
        """Read a profile written by `save` (plain JSON data)."""
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
        except json.JSONDecodeError as error:
            raise ValueError(f"{path}: {error}") from None
        if not isinstance(data, dict) or data.get("format") != "vnclean-profile":
            raise ValueError(f"{path}: not a vnclean profile")
        counts = {str(k): int(v) for k, v in dict(data.get("lines", {})).items()}
        return cls(int(data["documents"]), int(data["min_docs"]), counts)


class ProfileBuilder:
    """
    Learns a `Profile` from the documents of one site, in one pass.

        >>> builder = ProfileBuilder()
        >>> for town in ("Huế", "Vinh", "Hội An", "Đà Lạt", "Sa Pa", "Cần Thơ"):
        ...     builder.add(f"Mưa lớn ở {town} từ chiều qua.\\nĐọc nhiều")
        >>> profile = builder.build()
        >>> profile.seen("ĐỌC NHIỀU"), profile.seen("Mưa lớn ở Huế từ chiều qua.")
        (6, 0)

    A document is counted once per distinct line. Exact copies of a document (the same
    article scraped twice) count once, so a republished story does not make its own
    paragraphs look like furniture.

    Every distinct line is counted to the end, under the 8 bytes of its hash (about
    100 bytes a line in memory). Past `max_kept` distinct lines the counts move to
    SPILL_FILES temporary files, split by hash, and `build` adds them up one file at
    a time: the counts stay exact, and memory stays bounded on any corpus.
    """

    def __init__(self, max_kept: int = MAX_KEPT_COUNTS) -> None:
        self.documents = 0
        self.max_kept = max_kept
        self._counts: Counter[bytes] = Counter()
        self._fingerprints: set[bytes] = set()
        self._spilled: list[IO[bytes]] = []

    def add(self, text: str) -> None:
        """Count the distinct lines of one document."""
        lines = {normalize_line(line) for line in LINE_BREAK_RE.split(text)}
        lines.discard("")
        fingerprint = _digest("\n".join(sorted(lines)))
        if fingerprint in self._fingerprints:
            return
        self._fingerprints.add(fingerprint)
        self.documents += 1
        self._counts.update(map(_digest, lines))
        if len(self._counts) > self.max_kept:
            self._spill()

    def _spill(self) -> None:
        """Append the counts in memory to the temporary files, and forget them."""
        if not self._spilled:
            # Open as long as the builder is: closed (and so deleted) when it goes.
            self._spilled = [
                tempfile.TemporaryFile()  # noqa: SIM115
                for _ in range(SPILL_FILES)
            ]
            weakref.finalize(self, _close_all, self._spilled)
        parts = [bytearray() for _ in self._spilled]
        for digest, count in self._counts.items():
            parts[digest[0] % SPILL_FILES] += digest + count.to_bytes(
                COUNT_BYTES, "little"
            )
        for file, part in zip(self._spilled, parts):
            file.write(part)
        self._counts.clear()

    def _counted(self) -> Iterator[Counter[bytes]]:
        """All the counts, a share of the lines at a time."""
        if not self._spilled:
            yield self._counts
            return
        self._spill()
        for file in self._spilled:
            file.seek(0)
            data = file.read()  # and the next spill appends at the end again
            share: Counter[bytes] = Counter()
            size = DIGEST_BYTES + COUNT_BYTES
            for start in range(0, len(data), size):
                record = data[start : start + size]
                share[record[:DIGEST_BYTES]] += int.from_bytes(
                    record[DIGEST_BYTES:], "little"
                )
            yield share

    def build(self, min_docs: int | None = None) -> Profile:
        """
        The profile of lines seen in at least `min_docs` documents. The default,
        max(5, 1% of the documents), can never remove a line seen in only a handful
        of pages: five pages sharing a sentence is a template, two is a quotation.
        An explicit `min_docs` below 3 is raised to 3 for the same reason.
        """
        if min_docs is None:
            min_docs = max(5, math.ceil(self.documents / 100))
        min_docs = max(3, min_docs)
        counts = {
            digest.hex(): n
            for share in self._counted()
            for digest, n in share.items()
            if n >= min_docs
        }
        return Profile(self.documents, min_docs, counts)


def _close_all(files: list[IO[bytes]]) -> None:
    for file in files:
        file.close()


def _digest(normalized: str) -> bytes:
    digest = hashlib.blake2b(normalized.encode("utf-8"), digest_size=DIGEST_BYTES)
    return digest.digest()
