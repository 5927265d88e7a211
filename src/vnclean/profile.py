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
- ``ProfileBuilder().add(text, site=...)`` for the documents of many sites at once
  (a JSON-lines crawl), then ``.build_sites() -> {site: Profile}``, in the same
  bounded memory however many sites there are. `site_of` names a record's site.
  ``SiteProfiles(profiles).save(path)`` keeps them in one file, for `vnclean clean
  --profile FILE --site-field NAME`; ``file_format(path)`` tells the two files apart.
"""

from __future__ import annotations

import functools
import json
import math
import unicodedata
import weakref
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any
from urllib.parse import urlsplit

from vnclean import lazy
from vnclean.model import Config
from vnclean.pipeline import run
from vnclean.segments import LINE_BREAK_RE
from vnclean.strip.lines import collapse

DIGIT_RE = lazy.compile(r"\d")
# A profile builder keeps this many distinct lines' counts in memory (about 50 MB),
# then moves them to SPILL_FILES temporary files, a record of a line's hash and its
# count per line.
MAX_KEPT_COUNTS = 500_000
SPILL_FILES = 16
DIGEST_BYTES = 8  # of a line's hash: profiles store these, not text
COUNT_BYTES = 4
SITE_BYTES = 4  # the number of a line's site, before its hash, while counting


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


def prepare_sites_for_learning(
    documents: Iterable[tuple[str, str]],
) -> list[tuple[str, str]]:
    """`prepare_for_learning` of the text of each (site, text): a batch of a crawl."""
    return [(site, prepare_for_learning(text)) for site, text in documents]


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


def site_of(value: object) -> str:
    """
    The site a record names: the host of a URL, without "www."; any other text
    (a site's name or id) as it is; "" for none.

        >>> site_of("https://www.vnexpress.net/thoi-su/abc-123.html")
        'vnexpress.net'
        >>> site_of("Báo Lào Cai"), site_of(None), site_of(" ")
        ('Báo Lào Cai', '', '')
    """
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if not isinstance(value, str):
        return ""
    value = value.strip()
    if "://" not in value:
        return value
    try:
        host = urlsplit(value).hostname or ""
    except ValueError:  # a malformed address ("http://[::1") is a name like any other
        return value
    return host.lower().removeprefix("www.")


def line_hash(line: str) -> str:
    """A short stable hash of `normalize_line(line)`: profiles store these, not text."""
    return _digest(normalize_line(line)).hex()


DocumentLines = tuple[bytes, list[bytes]]


def document_lines(text: str) -> DocumentLines:
    """
    What a profile counts of one document: the hash of its distinct lines together,
    which tells exact copies of a document apart, and the hash of each, every line
    compared as `normalize_line` gives it.
    """
    lines = {normalize_line(line) for line in LINE_BREAK_RE.split(text)}
    lines.discard("")
    return _digest("\n".join(sorted(lines))), list(map(_digest, lines))


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
        data = {"format": PROFILE, "version": 1, **self._data()}
        Path(path).write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")

    @classmethod
    def load(cls, path: str | Path) -> Profile:
        """Read a profile written by `save` (plain JSON data)."""
        data = _read(path)
        if isinstance(data, dict) and data.get("format") == SITE_PROFILES:
            raise ValueError(
                f"{path}: the profiles of {len(data.get('sites', {}))} sites, learned"
                " by --site-field: give the records' --site-field too"
            )
        if not isinstance(data, dict) or data.get("format") != PROFILE:
            raise ValueError(f"{path}: not a vnclean profile")
        return cls._from(data)

    def _data(self) -> dict[str, Any]:
        return {
            "normalization": NORMALIZATION,
            "documents": self.documents,
            "min_docs": self.min_docs,
            "lines": dict(sorted(self.counts.items())),
        }

    @classmethod
    def _from(cls, data: Mapping[str, Any]) -> Profile:
        counts = {str(k): int(v) for k, v in dict(data.get("lines", {})).items()}
        return cls(int(data["documents"]), int(data["min_docs"]), counts)


@dataclass
class SiteProfiles:
    """
    The profiles of the sites of one crawl, each site's recurring lines apart, as
    `vnclean learn --site-field` saves them and `clean --profile --site-field` reads
    them: a record is cleaned with the profile of its site, `site_of` its field.

        >>> sites = SiteProfiles({"a.vn": Profile(6, 5, {"00ff": 6})})
        >>> sites.sites["a.vn"].min_docs
        5
    """

    sites: dict[str, Profile]

    def save(self, path: str | Path) -> None:
        """Write the profiles as one JSON file (hashes and counts only, no text)."""
        data = {
            "format": SITE_PROFILES,
            "version": 1,
            "sites": {site: p._data() for site, p in sorted(self.sites.items())},
        }
        Path(path).write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")

    @classmethod
    def load(cls, path: str | Path) -> SiteProfiles:
        """Read the profiles written by `save` (plain JSON data)."""
        data = _read(path)
        if not isinstance(data, dict) or data.get("format") != SITE_PROFILES:
            raise ValueError(f"{path}: not the vnclean profiles of several sites")
        sites = dict(data.get("sites", {}))
        return cls({str(site): Profile._from(found) for site, found in sites.items()})


PROFILE, SITE_PROFILES = "vnclean-profile", "vnclean-site-profiles"
NORMALIZATION = "NFC, lowercase, digits to 0, whitespace collapsed; blake2b-64"


def file_format(path: str | Path) -> str | None:
    """The format a profile file names (PROFILE or SITE_PROFILES); None if unreadable."""
    try:
        data = _read(path)
    except (OSError, ValueError):
        return None
    found = data.get("format") if isinstance(data, dict) else None
    return found if isinstance(found, str) else None


def _read(path: str | Path) -> Any:
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except json.JSONDecodeError as error:
        raise ValueError(f"{path}: {error}") from None


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

    Documents of several sites are counted apart when `add` names their `site`, and
    `build_sites` gives each site its own profile: a crawl that mixes sites is learned
    in one pass and one memory bound.

    Every distinct line is counted to the end, under the 8 bytes of its hash (about
    100 bytes a line in memory). Past `max_kept` distinct lines the counts move to
    SPILL_FILES temporary files, split by hash, and `build` adds them up one file at
    a time: the counts stay exact, and memory stays bounded on any corpus.
    """

    def __init__(self, max_kept: int = MAX_KEPT_COUNTS) -> None:
        self.max_kept = max_kept
        # A count's key is its site's number (SITE_BYTES) and its line's hash.
        self._sites: dict[str, bytes] = {}
        self._documents: Counter[str] = Counter()
        self._counts: Counter[bytes] = Counter()
        self._fingerprints: set[bytes] = set()
        self._spilled: list[IO[bytes]] = []

    @property
    def documents(self) -> int:
        """The distinct documents counted, of every site."""
        return sum(self._documents.values())

    def add(self, text: str, site: str = "") -> None:
        """Count the distinct lines of one document of `site`."""
        self.add_lines(document_lines(text), site)

    def add_lines(self, lines: DocumentLines, site: str = "") -> None:
        """Count one document of `site` by its `document_lines`."""
        fingerprint, digests = lines
        prefix = self._sites.get(site)
        if prefix is None:
            prefix = len(self._sites).to_bytes(SITE_BYTES, "little")
            self._sites[site] = prefix
        fingerprint = prefix + fingerprint
        if fingerprint in self._fingerprints:
            return
        self._fingerprints.add(fingerprint)
        self._documents[site] += 1
        self._counts.update(prefix + digest for digest in digests)
        if len(self._counts) > self.max_kept:
            self._spill()

    def _spill(self) -> None:
        """Append the counts in memory to the temporary files, and forget them."""
        if not self._spilled:
            # Open as long as the builder is: closed (and so deleted) when it goes.
            import tempfile  # loaded only when the counts spill

            self._spilled = [
                tempfile.TemporaryFile()  # noqa: SIM115
                for _ in range(SPILL_FILES)
            ]
            weakref.finalize(self, _close_all, self._spilled)
        parts = [bytearray() for _ in self._spilled]
        for key, count in self._counts.items():
            parts[key[SITE_BYTES] % SPILL_FILES] += key + count.to_bytes(
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
        key_bytes = SITE_BYTES + DIGEST_BYTES
        size = key_bytes + COUNT_BYTES
        for file in self._spilled:
            file.seek(0)
            data = file.read()  # and the next spill appends at the end again
            share: Counter[bytes] = Counter()
            for start in range(0, len(data), size):
                record = data[start : start + size]
                share[record[:key_bytes]] += int.from_bytes(
                    record[key_bytes:], "little"
                )
            yield share

    def build(self, min_docs: int | None = None, site: str = "") -> Profile:
        """
        The profile of lines seen in at least `min_docs` documents (of `site`). The
        default, max(5, 1% of the documents), can never remove a line seen in only a
        handful of pages: five pages sharing a sentence is a template, two is a
        quotation. An explicit `min_docs` below 3 is raised to 3 for the same reason.
        """
        built = self.build_sites(min_docs).get(site)
        return built or Profile(0, _threshold(0, min_docs), {})

    def build_sites(self, min_docs: int | None = None) -> dict[str, Profile]:
        """The profile of each site, each with its own threshold (see `build`)."""
        sites = {prefix: site for site, prefix in self._sites.items()}
        profiles = {
            prefix: Profile(
                self._documents[site], _threshold(self._documents[site], min_docs)
            )
            for prefix, site in sites.items()
        }
        for share in self._counted():
            for key, n in share.items():
                profile = profiles[key[:SITE_BYTES]]
                if n >= profile.min_docs:
                    profile.counts[key[SITE_BYTES:].hex()] = n
        return {sites[prefix]: profile for prefix, profile in profiles.items()}


def _threshold(documents: int, min_docs: int | None) -> int:
    if min_docs is None:
        min_docs = max(5, math.ceil(documents / 100))
    return max(3, min_docs)


def _close_all(files: list[IO[bytes]]) -> None:
    for file in files:
        file.close()


@functools.cache
def _blake2b() -> Any:
    import hashlib  # loaded only to learn or match a profile

    return hashlib.blake2b


def _digest(normalized: str) -> bytes:
    digest = _blake2b()(normalized.encode("utf-8"), digest_size=DIGEST_BYTES)
    return digest.digest()
