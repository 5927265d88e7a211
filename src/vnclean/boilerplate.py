"""
Strip: drop the page furniture that scraping leaves around an article (comment
widgets, related-news lists, footers, image alt text, datelines and bylines) and lay
the rest out as one paragraph per line, paragraphs separated by a blank line.

No single phrase list decides. Each line is judged on several signals: the widget
phrases in `data/boilerplate.json` (plus the user's `Rules`), its place relative to the
article body (one contiguous run of prose; widgets and related lists sit after it),
its quality as prose, whether it repeats a neighbour or copies accented text without
its diacritics, and, with a learned `Profile`, whether it recurs across many pages of
the same site. When the signals disagree the line stays: losing a paragraph is worse
than keeping a stray line.

Public API:

- ``strip_boilerplate(text, *, rules=None, profile=None) -> Explained``: the step.
- ``Rules.load(path) -> Rules``: user patterns from JSON (or TOML on Python >= 3.11),
  read as data, never executed; they are tried before the shipped ones. Format::

      {"patterns": [{"kind": "footer", "pattern": "Bản tin do .+ thực hiện",
                     "reason": "house footer", "section": false, "where": "anywhere"}],
       "phrases": [{"kind": "sidebar", "text": "Góc thư giãn"}],
       "keep": ["Bình luận của chuyên gia.*"]}

  ``kind`` is one of `KINDS`; a pattern must match the whole line (case-insensitive,
  spaces collapsed); ``keep`` patterns protect lines from every signal.
- ``ProfileBuilder().add(text)`` for each document of one site, then
  ``.build(min_docs=None) -> Profile``; ``Profile.save(path)``, ``Profile.load(path)``.
  A profile stores hashes of normalised lines (CCNet style), not text. The default
  threshold is max(5, 1% of the documents): a line quoted in two or three articles
  is never treated as furniture, and on a large site a line must recur on one page in
  a hundred. Exact duplicate documents count once.
"""

from __future__ import annotations

import bisect
import functools
import hashlib
import importlib.resources
import json
import math
import re
import tempfile
import unicodedata
import weakref
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import regex
from unidecode import unidecode

from vnclean import metadata, syllable
from vnclean.model import Edit, Explained, Removed

KINDS = (
    "comment-widget",
    "share-widget",
    "related-list",
    "sidebar",
    "navigation",
    "tags",
    "footer",
    "image-alt",
    "image-filename",
    "photo-placeholder",
    "video-ad",
    "dateline",
    "byline",
    "punctuation",
)

NEWLINE_RE = regex.compile(r"\r\n|\r|\n")
SPACE_RE = regex.compile(r"\s+")
PUNCTUATION_ONLY_RE = regex.compile(r"^[\p{P}\p{S}\p{Z}\s]*$")
DIGITS_ONLY_RE = regex.compile(r"^[\p{N}\p{P}\p{S}\s]*\p{N}[\p{N}\p{P}\p{S}\s]*$")
WORD_RE = regex.compile(r"[\p{L}\p{N}]+(?:['’.-][\p{L}\p{N}]+)*")
# The same words for the stdlib `re`, which scans faster; it agrees with WORD_RE on
# every printable character (checked over all code points), and its older Unicode
# tables leave newer characters unassigned, hence not printable.
FAST_WORD_RE = re.compile(r"[^\W_]+(?:['’.-][^\W_]+)*")
# Two joiners before a letter or digit (`a..b`, `x.-y`), where metadata's words, which
# run on through joiners and `_`, take two of these words for one.
JOINER_PAIR_RE = re.compile(r"['’.-]{2}[^\W_]")
LETTERS_RE = regex.compile(r"\p{L}+")
URL_RE = regex.compile(
    r"(?:https?://|www\.)\S+|\b[\w-]+(?:\.[\w-]+)+/\S*", regex.IGNORECASE
)
IMAGE_FILE_RE = regex.compile(
    r"(?:(?:image|img|photo|ảnh)\s*:\s*)?\S*\.(?:jpe?g|png|gif|webp|bmp|svg)(?:\?\S*)?"
    r"|(?:img|dsc|dscf|dcim|pic|image|photo)[_-]?\d+\S*"
    r"|\d{1,4}(?:[._-]\d{1,4}){3,}",  # 19.4.2017.2; a bare date is a dateline
    regex.IGNORECASE,
)
PLACEHOLDER_RE = regex.compile(
    r"^(?P<title>.+?)\s*[-–—]\s*(?:Ảnh|Hình|Photo|Video)\s*\d+\s*$", regex.IGNORECASE
)
ALT_SUFFIX_RE = regex.compile(
    r"\b(?:hinh anh|hinh|anh|photo|image)\s*\d+\s*$", regex.IGNORECASE
)
HASHTAG_RE = regex.compile(r"#[\p{L}\p{N}_]+")
NUMBERED_RE = regex.compile(r"^\\s*\\d{1,2}[.)]?\\s+\\p{Lu}")
BULLET_RE = regex.compile(r"^\s*(?:[•●▪■◆►▶»>*·+]|-(?=\s))\s*")
# "Headline 0 0 Teaser…": view and comment counters between a headline and its teaser.
COUNTERS_RE = regex.compile(
    r"[\p{L}\p{P}]\s+\d{1,5}\s+\d{1,5}\s+[\p{Lu}\p{Pi}\p{Ps}\"]"
)
# Two digits with only spaces between them, which COUNTERS_RE needs: a first test in
# the stdlib `re`, which scans faster. Its \s holds every `regex` \s, and astral
# characters stand in for the digits its older Unicode tables lack (both checked over
# all code points).
COUNTERS_HINT_RE = re.compile(r"[\d\U00010000-\U0010ffff]\s+[\d\U00010000-\U0010ffff]")
# Patterns used inline below, compiled once (a call such as regex.sub(pattern, ...)
# pays for a cache lookup and flag handling on every line).
DIGIT_RE = regex.compile(r"\d")
# The line breaks, kept by the split; the stdlib `re` splits faster.
BREAK_RE = re.compile(r"(\r\n|\r|\n)")
SLASH_JOIN_RE = regex.compile(r"\s+/\s+")
SENTENCE_BREAK_RE = regex.compile(r"[.!?…]\s")
BREADCRUMB_SPLIT_RE = regex.compile(r"\s*[›»>|]\s*")
THEO_LINE_RE = regex.compile(r"(?i)theo\s+(.+?)\.?$")
PUNCTUATION_RUN_RE = regex.compile(r"[\p{P}\p{S}]+")
# Rules.match sorts the patterns by the first characters of a line, this many.
PREFIX = 4
# A line's words are counted up to this many when it is split: most tests ask about
# fewer, and the few that ask about more go through `_Line.has_words`.
COUNT_WORDS_TO = 13
# COUNT_WORDS_TO of FAST_WORD_RE's words from the start of a line, each taken whole by
# possessive quantifiers (the stdlib `re` has them from Python 3.11; without them the
# count falls back to subn).
try:
    ENOUGH_WORDS_RE: re.Pattern[str] | None = re.compile(
        rf"(?:[\W_]*+[^\W_]++(?:['’.-][^\W_]++)*+){{{COUNT_WORDS_TO}}}"
    )
except re.error:
    ENOUGH_WORDS_RE = None
TERMINAL = (".", "!", "?", "…", '"', "”", "»", ")", "'", "’", ":")
SENTENCE_END = (".", "!", "?", "…", '"', "”", "»", ")", "'", "’")


# ---------------------------------------------------------------- rules (data)


@dataclass(frozen=True)
class Pattern:
    """One furniture pattern: a regex that must match a whole line, and its kind."""

    kind: str
    pattern: str
    reason: str
    section: bool = False  # a heading: the headline list under it is furniture too
    where: str = "anywhere"  # or "tail": only after the article's last paragraph
    # Every line the pattern matches holds one of these phrases (lowercase): a fast
    # first test that changes no answer.
    requires: tuple[str, ...] = ()

    @functools.cached_property
    def compiled(self) -> regex.Pattern[str]:
        return regex.compile(self.pattern, regex.IGNORECASE | regex.V0)


MAX_WIDGET_LENGTH = 1000  # characters; longer lines are never matched against patterns
# Answers kept per Rules (pattern matches, line verdicts) start afresh past this many
# distinct lines, so a long corpus cannot grow them without bound.
MAX_KEPT_LINES = 50_000
# A profile builder keeps this many distinct lines' counts in memory (about 50 MB),
# then moves them to this many temporary files, 12 bytes a line (hash and count).
MAX_KEPT_COUNTS = 500_000
SPILL_FILES = 16
DIGEST_BYTES = 8  # of a line's hash: profiles store these, not text
COUNT_BYTES = 4


@dataclass(frozen=True)
class Rules:
    """
    A set of furniture patterns, loaded from data (JSON, or TOML on Python >= 3.11).
    Patterns are regular expressions matched against a whole line; nothing in a rules
    file is ever executed.

        >>> rules = Rules.from_data({"patterns": [
        ...     {"kind": "footer", "pattern": "Bản tin do .+ thực hiện"}]})
        >>> rules.match("Bản tin do Phòng Văn hóa thực hiện").kind
        'footer'

    A rules file may also list ``"keep"`` patterns: lines matching one of them are
    never removed, whatever the other signals say.
    """

    patterns: tuple[Pattern, ...] = ()
    keep: tuple[str, ...] = ()

    @classmethod
    def from_data(cls, data: Mapping[str, Any], origin: str = "rules") -> Rules:
        """Rules from a parsed mapping: ``{"patterns": [{"kind", "pattern", ...}]}``."""
        if not isinstance(data, Mapping):
            raise ValueError(f"{origin}: expected a table with a 'patterns' list")
        entries = list(data.get("patterns", []))
        for phrase in data.get("phrases", []):
            # A phrase is plain text: matched literally, an optional colon after it.
            entries.append(
                {
                    "reason": f"matches the phrase {phrase['text']!r}",
                    **phrase,
                    "pattern": regex.escape(phrase["text"]) + r"\s*:?",
                }
            )
        keep = data.get("keep", [])
        if not isinstance(keep, list) or not all(isinstance(k, str) for k in keep):
            raise ValueError(f"{origin}: 'keep' must be a list of pattern strings")
        for source in keep:
            try:
                regex.compile(source)
            except regex.error as error:
                raise ValueError(
                    f"{origin}: keep pattern {source!r}: {error}"
                ) from None
        patterns = []
        for number, entry in enumerate(entries, start=1):
            kind = entry.get("kind")
            if kind not in KINDS:
                raise ValueError(
                    f"{origin}: pattern {number}: kind must be one of "
                    f"{', '.join(KINDS)}, not {kind!r}"
                )
            source = entry.get("pattern")
            if not isinstance(source, str) or not source:
                raise ValueError(
                    f"{origin}: pattern {number}: 'pattern' must be a string"
                )
            requires = entry.get("requires") or []
            if not isinstance(requires, list) or not all(
                isinstance(r, str) and r for r in requires
            ):
                raise ValueError(
                    f"{origin}: pattern {number}: 'requires' must be a list of phrases"
                )
            try:
                regex.compile(source, regex.IGNORECASE)
            except regex.error as error:
                raise ValueError(f"{origin}: pattern {number}: {error}") from None
            patterns.append(
                Pattern(
                    kind=kind,
                    pattern=source,
                    reason=str(entry.get("reason") or f"matches the rule {source!r}"),
                    section=bool(entry.get("section", False)),
                    where="tail" if entry.get("where") == "tail" else "anywhere",
                    requires=tuple(_fold_case(r) for r in requires),
                )
            )
        return cls(tuple(patterns), tuple(keep))

    @classmethod
    def load(cls, path: str | Path) -> Rules:
        """
        Read user rules from `path`: ``.toml`` through `tomllib` (Python >= 3.11),
        anything else as JSON. Raises ValueError with a one-line message when the file
        is not valid rules.
        """
        path = Path(path)
        text = path.read_text(encoding="utf-8")
        if path.suffix.lower() == ".toml":
            try:
                import tomllib
            except ModuleNotFoundError:  # Python 3.10
                raise ValueError(
                    f"{path}: TOML rules need Python 3.11; use JSON"
                ) from None
            try:
                data = tomllib.loads(text)
            except tomllib.TOMLDecodeError as error:
                raise ValueError(f"{path}: {error}") from None
        else:
            try:
                data = json.loads(text)
            except json.JSONDecodeError as error:
                raise ValueError(f"{path}: {error}") from None
        return cls.from_data(data, origin=str(path))

    @classmethod
    def shipped(cls) -> Rules:
        """The patterns shipped in ``data/boilerplate.json``."""
        return _shipped_rules()

    def __add__(self, other: Rules) -> Rules:
        return Rules(self.patterns + other.patterns, self.keep + other.keep)

    def keeps(self, line: str) -> bool:
        """True when a "keep" pattern matches the whole of `line`."""
        if not self.keep:
            return False  # the usual case: no need to collapse the line
        key = _collapse(line)
        return any(_compiled(source).fullmatch(key) for source in self.keep)

    def match(self, line: str) -> Pattern | None:
        """The first pattern that matches the whole of `line`, if any."""
        # Each line is asked about several times; the answers are kept per Rules.
        cache: dict[str, Pattern | None] = self.__dict__.setdefault("_matches", {})
        if line in cache:
            return cache[line]
        if len(cache) > MAX_KEPT_LINES:
            cache.clear()
        if len(line) > MAX_WIDGET_LENGTH:
            # No widget, footer or byline is this long, and a pattern with two
            # open-ended parts may take time quadratic in the line to fail.
            cache[line] = None
            return None
        key = _collapse(line)
        # Patterns that require a phrase the line lacks cannot match it; `in` on the
        # folded line is much faster than a case-insensitive search.
        folded = _fold_case(key) if self._required else ""
        hinted = any(phrase in folded for phrase in self._required)
        found = next(
            (
                p
                for p in self._could_start(key[:PREFIX])
                if (hinted or not p.requires) and p.compiled.fullmatch(key)
            ),
            None,
        )
        cache[line] = found
        return found

    @functools.cached_property
    def _required(self) -> frozenset[str]:
        return frozenset(phrase for p in self.patterns for phrase in p.requires)

    def _could_start(self, prefix: str) -> tuple[Pattern, ...]:
        """
        The patterns, in order, that some line beginning with `prefix` could match:
        a partial match asks the regex engine itself, once per distinct prefix, so
        most lines try a handful of patterns instead of all of them. Only the patterns
        the prefix one letter shorter could start are asked (one that cannot start
        "Th" cannot start "The"), so a new prefix costs a handful of partial matches.
        """
        table: dict[str, tuple[Pattern, ...]] = self.__dict__.setdefault(
            "_by_prefix", {}
        )
        found = table.get(prefix)
        if found is None:
            if len(table) > MAX_KEPT_LINES:
                table.clear()
            shorter = self._could_start(prefix[:-1]) if prefix else self.patterns
            found = tuple(
                p for p in shorter if p.compiled.fullmatch(prefix, partial=True)
            )
            table[prefix] = found
        return found


# Characters that case-insensitive `regex` matches with a lowercase letter although
# str.lower() does not give that letter (checked over every code point).
CASE_FOLD = str.maketrans({"\u0130": "i", "\u017f": "s"})


def _fold_case(text: str) -> str:
    """
    `text` lowercased as case-insensitive `regex` compares it, one character for one.

        >>> _fold_case("Bản QUYỀN")
        'bản quyền'
    """
    if "\u0130" in text or "\u017f" in text:  # rare; translate is slow on long text
        text = text.translate(CASE_FOLD)
    return text.lower()


@functools.lru_cache(maxsize=1024)
def _compiled(source: str) -> regex.Pattern[str]:
    return regex.compile(source, regex.IGNORECASE)


@functools.cache
def _shipped_rules() -> Rules:
    path = importlib.resources.files("vnclean") / "data" / "boilerplate.json"
    return Rules.from_data(
        json.loads(path.read_text("utf-8")), origin="boilerplate.json"
    )


# ---------------------------------------------------------------- site profiles


def normalize_line(line: str) -> str:
    """
    The form lines are compared in across documents, as CCNet does: NFC, lowercase,
    every digit folded to 0, whitespace collapsed.

        >>> normalize_line("  Đọc   nhiều 2024 ")
        'đọc nhiều 0000'
    """
    text = unicodedata.normalize("NFC", line).lower()
    text = DIGIT_RE.sub("0", text)
    return _collapse(text)


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
        lines = {normalize_line(line) for line in NEWLINE_RE.split(text)}
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
            self._spilled = [tempfile.TemporaryFile() for _ in range(SPILL_FILES)]
            # Closed (and so deleted) when the builder goes.
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


# ---------------------------------------------------------------- the step


# A signal's finding: the kind of furniture, the reason, what the line says.
_Verdict = tuple[str, str, Mapping[str, str] | None]


@dataclass
class _Line:
    index: int
    start: int  # offsets of the stripped text in the step's input
    end: int
    text: str
    count: int  # of words, counted up to COUNT_WORDS_TO
    kind: str | None = None
    reason: str = ""
    meta: dict[str, str] = field(default_factory=dict)
    protected: bool = False  # the user's rules say keep
    # What the line's text alone says (`_own_verdict`); worked out on the first pass
    # and reused, since the text and the rules stay the same on every pass.
    verdict: _Verdict | None = None
    read: bool = False  # whether `verdict` has been worked out

    @functools.cached_property
    def words(self) -> list[str]:
        """The words of the line; few lines need them, all need their number."""
        return _word_finder(self.text).findall(self.text)

    def has_words(self, number: int) -> bool:
        """Whether the line has `number` words or more (`number` at most 31)."""
        if number <= COUNT_WORDS_TO or self.count < COUNT_WORDS_TO:
            return self.count >= number  # the count is exact, or enough
        return self._count_to_31 >= number

    @functools.cached_property
    def _count_to_31(self) -> int:
        # Past the words counted on the split, count on once; few lines are asked.
        return _count_words(self.text, 31)

    @functools.cached_property
    def counters(self) -> bool:
        """A headline, view and comment counters, a teaser (asked on every pass)."""
        return (
            self.count >= 10
            and COUNTERS_HINT_RE.search(self.text) is not None
            and COUNTERS_RE.search(self.text) is not None
        )

    @property
    def removed(self) -> bool:
        return self.kind is not None

    def remove(
        self, kind: str, reason: str, meta: Mapping[str, str] | None = None
    ) -> None:
        if self.kind is None and not self.protected:
            self.kind, self.reason = kind, reason
            self.meta = dict(meta or {})


def strip_boilerplate(
    text: str,
    *,
    rules: Rules | str | Path | None = None,
    profile: Profile | str | Path | None = None,
) -> str:
    """
    Drop boilerplate lines and lay out one paragraph per line with blank lines between.

        >>> out = strip_boilerplate("Hà Nội mưa to\\n.\\nSáng nay trời mưa.\\nTrả lời")
        >>> out
        'Hà Nội mưa to\\n\\nSáng nay trời mưa.\\n'
        >>> [(r.line, r.kind) for r in out.removed]
        [(1, 'punctuation'), (3, 'comment-widget')]

    `rules` (a `Rules`) adds the user's patterns to the shipped ones; `profile` (a
    `Profile`) removes lines that recur across the site's pages; either may also be
    given as a path, read once. The result is an
    `Explained` string: its edits replay the input into the output, `removed` lists
    every dropped line with its kind and evidence, `metadata` holds the date, author,
    source and title found on lines of their own.
    """
    if isinstance(rules, (str, Path)):
        rules = _load_rules(str(rules))
    if isinstance(profile, (str, Path)):
        profile = _load_profile(str(profile))
    active = _with_shipped(rules) if rules is not None else Rules.shipped()
    content = _split(text)
    for line in content:
        line.protected = active.keeps(line.text)
    kept = _judge_until_stable(content, active, profile)
    newline = _newline_of(text)
    out = (newline * 2).join(line.text for line in kept) + newline if kept else ""
    removed = [
        Removed(l.index, l.text, l.kind or "", l.reason) for l in content if l.removed
    ]
    return Explained(
        out,
        edits=_edits(text, content, kept, newline),
        removed=removed,
        metadata=_metadata(content, kept),
    )


def _judge_until_stable(
    content: list[_Line], rules: Rules, profile: Profile | None
) -> list[_Line]:
    """
    Judge the lines, then judge the lines that stay as a second pass over the output
    would, until no more go: judges look at neighbours, and a removed line can make
    two copies neighbours or join two short runs into a menu. Lines only ever go,
    so this ends; most documents need one extra look.
    """
    kept = content
    while True:
        _judge(kept, rules, profile)
        survivors = [line for line in kept if not line.removed]
        if len(survivors) == len(kept):
            return survivors
        kept = survivors


@functools.lru_cache(maxsize=8)
def _with_shipped(rules: Rules) -> Rules:
    """
    The user's patterns, then the shipped ones, so the user's can give a line another
    kind: one object for every document, which keeps the answers it has worked out.
    """
    return rules + Rules.shipped()


@functools.lru_cache(maxsize=8)
def _load_rules(path: str) -> Rules:
    return Rules.load(path)


@functools.lru_cache(maxsize=8)
def _load_profile(path: str) -> Profile:
    return Profile.load(path)


def _split(text: str) -> list[_Line]:
    """The lines of `text` that hold more than white space, numbered among all."""
    lines: list[_Line] = []
    pieces = BREAK_RE.split(text)  # a line, its break, a line, ..., the last line
    position = 0
    for index, (body, end) in enumerate(zip(pieces[::2], pieces[1::2] + [""])):
        stripped = body.strip()
        if stripped:  # a blank line only parts paragraphs; the layout is redone
            start = position + len(body) - len(body.lstrip())
            count = _count_words(stripped, COUNT_WORDS_TO)
            lines.append(_Line(index, start, start + len(stripped), stripped, count))
        position += len(body) + len(end)
    return lines


def _count_words(text: str, most: int) -> int:
    """
    The number of words in `text`, counting no further than `most`: on a paragraph
    the count stops long before the end of it.
    """
    finder = _word_finder(text)
    if most == COUNT_WORDS_TO and finder is FAST_WORD_RE and ENOUGH_WORDS_RE:
        if ENOUGH_WORDS_RE.match(text):
            return most  # a paragraph: one match, and no copy of the rest of it
    # subn counts the words it deletes in C, with no match objects.
    return finder.subn("", text, count=most)[1]


def _word_finder(text: str) -> re.Pattern[str] | regex.Pattern[str]:
    # The stdlib `re` scans faster, and agrees with WORD_RE on printable text.
    return FAST_WORD_RE if text.isprintable() else WORD_RE


def _judge(content: list[_Line], rules: Rules, profile: Profile | None) -> None:
    """Mark furniture lines in place; the order of the passes is the order of trust."""
    for line in content:
        # Later passes see the same text with the same rules: worked out once.
        if not line.read:
            line.verdict, line.read = _own_verdict(line, rules), True
    # Only an ASCII line of four words or more that its own text does not already
    # condemn asks for the accented vocabulary; most documents have none.
    asked = any(
        line.verdict is None and line.text.isascii() and line.count >= 4
        for line in content
    )
    accented = _accented_vocabulary(content) if asked else frozenset()
    for line in content:
        _judge_alone(line, accented)
    _judge_neighbours(content)
    _judge_sections(content, rules)
    _judge_menus(content)
    _judge_tail(content, rules)
    _judge_head(content, rules)
    if profile is not None:
        _judge_profile(content, profile, rules)
    _restore_subheadings(content, rules)


def _restore_subheadings(content: list[_Line], rules: Rules) -> None:
    """
    A widget heading ("Bình luận", "Sự kiện") with kept paragraphs right above and
    right below it is the article's own subheading: the signals conflict, so it stays.
    """
    for position, line in enumerate(content):
        pattern = rules.match(line.text) if line.removed else None
        if pattern is None or not pattern.section or line.protected:
            continue
        before = content[position - 1] if position else None
        after = content[position + 1] if position + 1 < len(content) else None
        if all(
            n is not None and not n.removed and _is_prose(n) for n in (before, after)
        ):
            line.kind, line.reason = None, ""


def _judge_alone(line: _Line, accented: frozenset[str]) -> None:
    """Signals a line carries by itself, wherever it stands."""
    # Of these only the document's vocabulary, which shrinks as lines go, can find
    # something new on a later pass.
    if line.verdict is not None:
        line.remove(*line.verdict)
    elif _is_unaccented_copy(line, accented):
        line.remove(
            "image-alt", "accented text typed without diacritics (image alt text)"
        )


def _own_verdict(line: _Line, rules: Rules) -> _Verdict | None:
    """The first signal that the line's text and the rules give, if any."""
    # It depends on the text alone, and the same lines (a site's furniture) recur
    # from page to page: the verdicts are kept per Rules, like its matches.
    kept: dict[str, _Verdict | None] = rules.__dict__.setdefault("_verdicts", {})
    text = line.text
    if text in kept:
        return kept[text]
    if len(kept) > MAX_KEPT_LINES:
        kept.clear()
    verdict = kept[text] = _read_verdict(line, rules)
    return verdict


def _read_verdict(line: _Line, rules: Rules) -> _Verdict | None:
    text = line.text
    if PUNCTUATION_ONLY_RE.match(text):
        return "punctuation", "only punctuation or spaces", None
    # Neither pattern lets a line have a space, but around the colon of "Ảnh: x.jpg";
    # `in` rules out most lines before the matches.
    if (
        len(text) <= MAX_WIDGET_LENGTH
        and (" " not in text or ":" in text)
        and (
            IMAGE_FILE_RE.fullmatch(text)
            or (URL_RE.fullmatch(text) and IMAGE_FILE_RE.search(text))
        )
    ):
        return "image-filename", "an image file name or number, not text", None
    # A dateline has at most 12 words and a credit at most 10, as metadata counts
    # them; a paragraph counted to COUNT_WORDS_TO here has as many there when both
    # count alike, so neither is looked for (most lines of an article).
    short = line.count < COUNT_WORDS_TO or not _counts_as_metadata_does(text)
    date = metadata.dateline(text) if short else None
    if date is not None:
        return "dateline", f"a date on a line of its own ({date})", {"date": date}
    if DIGITS_ONLY_RE.match(text):
        return "punctuation", "only digits and symbols", None
    pattern = rules.match(text)
    if pattern is not None and pattern.where == "anywhere":
        return pattern.kind, pattern.reason, None
    found = metadata.credit(text) if short else None
    if found is not None and not _weak_theo(text):
        kind, meta = found
        return kind, "a credit on a line of its own", meta
    if _is_link_line(text):
        return "navigation", "a bare link", None
    hashtags = HASHTAG_RE.findall(text) if "#" in text else []  # `in` is faster
    if hashtags and len(hashtags) * 2 >= max(1, len(line.words)):
        return "tags", f"{len(hashtags)} hashtags", None
    if _is_breadcrumb(text):
        return "navigation", "a breadcrumb trail", None
    # Without a slash there is one part; `in` spares the split.
    parts = [part for part in SLASH_JOIN_RE.split(text) if part] if "/" in text else []
    if (
        len(parts) >= 2
        and all(
            4 <= len(WORD_RE.findall(p)) <= 25 and not SENTENCE_BREAK_RE.search(p)
            for p in parts
        )
        and not text.endswith((".", ":"))
    ):
        return "related-list", f"{len(parts)} headlines joined with ' / '", None
    # PLACEHOLDER_RE needs a dash and a final number; testing for them first spares
    # running its lazy title group over every paragraph. (`regex` knows digits that
    # str.isdigit does not yet, all astral.)
    tail = text.rstrip()[-1:]
    placeholder = (
        PLACEHOLDER_RE.match(text)
        if (tail.isdigit() or tail > "\uffff") and any(dash in text for dash in "-–—")
        else None
    )
    if placeholder and not placeholder["title"].rstrip().endswith((".", ":")):
        return (
            "photo-placeholder",
            "the title repeated with '- Ảnh N' for a picture",
            None,
        )
    return None


def _counts_as_metadata_does(text: str) -> bool:
    """
    Whether metadata's word count of `text` is this module's: on a printable line
    both use the stdlib patterns, and theirs differs only by running on through `_`
    or two joiners into the next word.
    """
    return "_" not in text and text.isprintable() and not JOINER_PAIR_RE.search(text)


LABEL_RE = regex.compile(r"[\w-]+", regex.IGNORECASE)
TOP_LABEL_RE = regex.compile(r"[a-z]{2,6}", regex.IGNORECASE)


def _is_domain(text: str) -> bool:
    """
    A bare domain: dotted labels, the last of 2 to 6 letters, perhaps a final slash.
    Checked label by label: one regex for it backtracked in time quadratic in a long
    run of dotted labels (`a.a.a.…`, 200 000 of them: 4 s).

        >>> _is_domain("baochinhphu.vn/"), _is_domain("a.b.c")
        (True, False)
    """
    *labels, top = text.removesuffix("/").split(".")
    return (
        bool(labels)
        and TOP_LABEL_RE.fullmatch(top) is not None
        and all(LABEL_RE.fullmatch(label) for label in labels)
    )


def _is_breadcrumb(text: str) -> bool:
    """
    Short section names joined by › » > or |: "Thời sự › Giao thông".

        >>> _is_breadcrumb("Thời sự › Giao thông"), _is_breadcrumb("Giá > 5 triệu đồng")
        (True, False)
    """
    if not ("›" in text or "»" in text or ">" in text or "|" in text):
        return False  # nothing to split on; `in` is much faster than the split
    parts = BREADCRUMB_SPLIT_RE.split(text)
    if len(parts) < 2 or not all(parts) or text.endswith(TERMINAL):
        return False
    return all(len(part.split()) <= 4 and part[:1].isupper() for part in parts)


def _weak_theo(text: str) -> bool:
    # "Theo khoa học" heads a section; "Theo Dân Việt" or "Theo xahoi" credits one.
    match = THEO_LINE_RE.match(text)
    if match is None or "/" in match[1]:
        return False
    first = match[1].split()[0]
    return first.islower() and syllable.is_valid(first)


def _is_link_line(text: str) -> bool:
    """A bare URL or domain, or a short label followed by one ("Xem tại: URL")."""
    # Neither whole-line pattern allows a space; most lines have one.
    if " " not in text and (URL_RE.fullmatch(text) or _is_domain(text)):
        return True
    # A URL has no space and this one must reach the end of the line (bar " ./"),
    # so its slash or www. (any case) is in the line's last part; `in` is much
    # faster than the search, which tries every word of the line.
    if "/" not in text and "w" not in text and "W" not in text:
        return False  # no slash and no www. anywhere: most Vietnamese paragraphs
    end = len(text.rstrip(" ./"))
    last = text[text.rfind(" ", 0, end) + 1 :]
    if "/" not in last and "www." not in last.lower():
        return False
    match = URL_RE.search(text)
    if match is None or match.end() < end:
        return False
    before = text[: match.start()].strip()
    return (
        before.endswith(":")
        and len(WORD_RE.findall(before)) <= 14
        or (len(WORD_RE.findall(before)) <= 2)
    )


@functools.lru_cache(maxsize=65536)
def _fold(word: str) -> str:
    return unidecode(word).lower()


def _accented_vocabulary(content: list[_Line]) -> frozenset[str]:
    """The diacritic-free forms of the document's accented words."""
    words: set[str] = set()
    for line in content:
        words.update(line.words)  # each distinct word is folded once
    return frozenset(_fold(word) for word in words if not word.isascii())


def _is_unaccented_copy(line: _Line, accented: frozenset[str]) -> bool:
    """
    Alt text typed without diacritics: an ASCII line of an accented document whose
    words are the document's accented words with the marks stripped.
    """
    if not line.text.isascii() or line.count < 4 or len(accented) < 20:
        return False
    words = [w.lower() for w in line.words if not w.isdigit()]
    if not words:
        return False
    share = sum(w in accented for w in words) / len(words)
    if ALT_SUFFIX_RE.search(line.text) and share >= 0.5:
        return True
    return share >= 0.85 and not line.text.endswith(SENTENCE_END) and len(words) >= 5


def _judge_neighbours(content: list[_Line]) -> None:
    """
    A caption printed twice (alt text and caption, or the caption and a copy with a
    full stop): keep one, the copy that ends with a full stop when there is one.
    Lines count as copies when they differ only in case, spaces and punctuation.
    """
    # Neighbours are the lines that stay: a copy of a copy, or a copy across a line
    # removed for another reason, goes too, so a second pass finds nothing more.
    kept: _Line | None = None
    for line in content:
        if line.removed:
            continue
        if kept is not None:
            a, b = _collapse(kept.text), _collapse(line.text)
            if a == b:
                line.remove(
                    "image-alt", "repeats the line above (caption printed twice)"
                )
                continue
            if _skeleton(a) == _skeleton(b) and line.count >= 3:
                loser = kept if line.text.endswith(".") else line
                loser.remove(
                    "image-alt",
                    "same caption as its neighbour, which is kept"
                    + (" (it ends in a full stop)" if loser is kept else ""),
                )
                if loser is line:
                    continue
        kept = line


@functools.lru_cache(maxsize=4096)  # each line is compared with both neighbours
def _skeleton(text: str) -> str:
    """
    A line with case, punctuation and spacing folded away.

        >>> _skeleton("Quang cảnh hội nghị.") == _skeleton("quang cảnh  hội nghị")
        True
    """
    return " ".join(PUNCTUATION_RUN_RE.sub(" ", text.casefold()).split())


def _judge_sections(content: list[_Line], rules: Rules) -> None:
    """
    Under a related-news or comment heading after the article has started, the
    headline list (bullets, headlines, their teasers) is furniture until prose resumes;
    under a comment heading, so are the commenters' names and their comments.
    """
    body_started = False
    section: str | None = None
    for position, line in enumerate(content):
        pattern = rules.match(line.text) if line.removed else None
        if pattern is not None and pattern.section:
            section = pattern.kind if body_started else None
            continue
        if line.removed:
            continue
        if section is None:
            body_started = body_started or _is_prose(line)
            continue
        following = _next_kept(content, position)
        own = _tail_match(rules, line)
        if own is not None:  # a tail-only pattern, say a footer line under the list
            line.remove(own.kind, own.reason)
        elif section == "comment-widget" and _is_comment(content, position, rules):
            line.remove("comment-widget", "a reader's comment under the comment box")
        elif (
            BULLET_RE.match(line.text)
            or NUMBERED_RE.match(line.text)
            or _is_headline(line)
        ):
            line.remove(
                "related-list", "a headline listed under a related-news heading"
            )
        elif (
            following is not None
            and (BULLET_RE.match(following.text) or _is_headline(following))
            and _last_removed_is_item(content, position)
        ):
            line.remove(
                "related-list", "a teaser between headlines of a related-news list"
            )
        elif following is None and _last_removed_is_item(content, position):
            line.remove("related-list", "a teaser after the last headline of a list")
        else:
            section = None


def _is_comment(content: list[_Line], position: int, rules: Rules) -> bool:
    """
    A commenter's name, or a line next to one or next to a comment control ("Trả
    lời", "Thích", "2 giờ trước"). A heading or another comment is no evidence: an
    opinion piece may have a "Bình luận" subheading with paragraphs under it.
    """
    line = content[position]
    if metadata.name_line(line.text):
        return True
    neighbours = (
        content[max(0, position - 1) : position] + content[position + 1 : position + 2]
    )
    for other in neighbours:
        pattern = rules.match(other.text)
        if (
            pattern is not None
            and pattern.kind == "comment-widget"
            and not pattern.section
        ):
            return True
        if metadata.name_line(other.text) and other.kind == "comment-widget":
            return True
    return False


def _judge_menus(content: list[_Line]) -> None:
    """
    Runs of one-to-three-word lines are menus: three or more above the article or
    after it, five or more anywhere (a subheading stands alone, a menu never does).
    """
    prose = [line.index for line in content if not line.removed and _is_prose(line)]
    first, last = (prose[0], prose[-1]) if prose else (len(content) * 10, -1)
    run: list[_Line] = []
    for line in content + [None]:  # type: ignore[list-item]
        if line is not None and line.kind == "punctuation":
            continue  # gone from the output, so it cannot part a run (idempotence)
        if line is not None and (_is_menu_item(line) or line.kind == "navigation"):
            run.append(line)
            continue
        if not run:
            continue  # most lines: no run to judge
        items = [item for item in run if not item.removed]
        outside = all(item.index < first or item.index > last for item in items)
        if items and (len(run) >= 5 or (len(run) >= 3 and outside)):
            for item in items:
                item.remove(
                    "navigation", f"one of {len(run)} short lines in a row (a menu)"
                )
        run = []


def _is_menu_item(line: _Line) -> bool:
    # Digits mark list content ("200g thịt bò"), never a menu entry.
    return (
        not line.removed
        and 1 <= line.count <= 3
        and len(line.text) <= 30
        and not line.text.endswith(TERMINAL)
        and not any(c.isdigit() for c in line.text)
    )


def _last_removed_is_item(content: list[_Line], position: int) -> bool:
    before = content[position - 1] if position else None
    return before is not None and before.kind == "related-list"


def _next_kept(content: list[_Line], position: int) -> _Line | None:
    for line in content[position + 1 :]:
        if not line.removed:
            return line
    return None


def _judge_tail(content: list[_Line], rules: Rules) -> None:
    """
    After the article's last paragraph: names, sources, a repeat of the title,
    headline lists and stray words are furniture there, though not above it.
    """
    kept = [line for line in content if not line.removed]
    # The article's last paragraph, looked for from the end.
    paragraphs = (
        line
        for line in reversed(kept)
        if _is_prose(line) and _tail_match(rules, line) is None
    )
    final = next(paragraphs, None)
    if final is None:
        return
    last = final.index
    title = (
        _collapse(kept[0].text).rstrip(".").lower()
        if kept and _is_headline(kept[0])
        else None
    )
    tail = [line for line in content if line.index > last and not line.removed]
    place = {line.index: position for position, line in enumerate(content)}
    first_tail = place[last] + 1
    for line in tail:
        pattern = _tail_match(rules, line)
        if pattern is not None:
            line.remove(pattern.kind, pattern.reason)
        elif title and _collapse(line.text).rstrip(".").lower() == title:
            line.remove("related-list", "repeats the title after the article")
        elif metadata.credit(line.text) is not None:
            kind, meta = metadata.credit(line.text)  # type: ignore[misc]
            line.remove(kind, "a source credit after the article", meta)
        elif metadata.name_line(line.text):
            line.remove(
                "byline",
                "a name on its own line after the article",
                {"author": line.text}
                if line.text.lower() not in ("tổng hợp", "st")
                else {},
            )
        elif _vietnamese_share(line) < 0.3 and line.count <= 3:
            line.remove("sidebar", "stray non-Vietnamese word after the article")
    # Three or more headlines in a row after the article and after some furniture (a
    # byline, share buttons): a related-news list. Right under the last paragraph
    # the same shape is a run of photo captions.
    run: list[_Line] = []
    for line in tail + [None]:  # type: ignore[list-item]
        if (
            line is not None
            and not line.removed
            and _is_headline(line)
            and line.count >= 5
        ):
            run.append(line)
            continue
        after_furniture = bool(run) and any(
            other.removed for other in content[first_tail : place[run[0].index]]
        )
        if len(run) >= 3 and after_furniture and not _looks_like_verse(run):
            for item in run:
                item.remove(
                    "related-list",
                    f"one of {len(run)} headlines listed after the article",
                )
        run = []
    _judge_counter_lists(content)


def _judge_head(content: list[_Line], rules: Rules) -> None:
    """
    Headlines in a row above the article, under a list heading ("Tin mới") or five
    and more of them, are a news ticker or a list of other stories. The last two
    stay: the title and a caption or kicker sit there, and losing the title is worse
    than keeping one stray headline. A title and two captions are not a ticker.
    """
    # Here a paragraph must end like a sentence: headlines run to a dozen words. Only
    # the first one matters, so the lines after it are not asked.
    first = next(
        (
            line
            for line in content
            if not line.removed
            and (
                line.text.endswith(SENTENCE_END)
                and line.count >= 6
                or line.has_words(30)
            )
        ),
        None,
    )
    if first is None:
        return
    run: list[_Line] = []
    headed = False
    for line in content:
        if line.index >= first.index:
            break
        if line.removed:
            pattern = rules.match(line.text)
            if not run:
                headed = pattern is not None and pattern.section
            continue
        if _is_headline(line) and line.count >= 5:
            run.append(line)
        else:
            run, headed = [], False
    if (len(run) >= 5 or headed and len(run) >= 3) and not _looks_like_verse(run):
        for item in run[:-2]:
            item.remove(
                "related-list", f"one of {len(run)} headlines listed above the article"
            )


def _looks_like_verse(run: list[_Line]) -> bool:
    """Lines of six and eight syllables in turn (lục bát), or all of one short length."""
    counts = [line.count for line in run]  # exact up to COUNT_WORDS_TO, above 8
    alternating = all(
        a != b and {a, b} <= {6, 7, 8} for a, b in zip(counts, counts[1:])
    )
    return alternating or (len(set(counts)) == 1 and counts[0] <= 8)


def _judge_counter_lists(content: list[_Line]) -> None:
    """Headline + view/comment counters + teaser, three or more in a row: a sidebar."""
    # Three lines in a row include one at every third position: when none of those
    # has counters there is no run, and the other lines need not be searched.
    if not any(line.counters for line in content[::3]):
        return
    run: list[_Line] = []
    for line in content + [None]:  # type: ignore[list-item]
        if line is not None and line.counters:
            run.append(line)
            continue
        if len(run) >= 3:
            for item in run:
                item.remove(
                    "sidebar", f"one of {len(run)} teasers with view/comment counters"
                )
        run = []


def _judge_profile(content: list[_Line], profile: Profile, rules: Rules) -> None:
    """
    Lines the site prints on many pages. The kind comes from the line's own shape
    when it has one (a widget phrase, a credit, a menu entry), else from its place.
    """
    kept = [line for line in content if not line.removed]
    body = [line for line in kept if _is_prose(line) and not profile.seen(line.text)]
    last = body[-1].index if body else -1
    for line in kept:
        seen = profile.seen(line.text)
        if seen >= profile.min_docs:
            pattern = rules.match(line.text)
            if pattern is not None:
                kind = pattern.kind
            elif metadata.credit(line.text) or metadata.name_line(line.text):
                kind = "byline"
            elif _is_menu_item(line):
                kind = "navigation"
            else:
                kind = "footer" if line.index > last else "sidebar"
            line.remove(
                kind, f"seen in {seen} of {profile.documents} documents of this site"
            )


def _tail_match(rules: Rules, line: _Line) -> Pattern | None:
    """A pattern for a line after the article; a full sentence there is still prose."""
    pattern = rules.match(line.text)
    sentence = line.count >= 10 and line.text.endswith((".", "!", "?"))
    if pattern is not None and pattern.where == "tail" and sentence:
        return None
    return pattern


def _is_prose(line: _Line) -> bool:
    """A line that reads as a paragraph: a sentence, or long enough to be one."""
    return line.count >= 12 or (
        line.count >= 4 and line.text.endswith(SENTENCE_END)
    )


def _is_headline(line: _Line) -> bool:
    """A short line without final punctuation, as headlines and menu items are."""
    return (
        line.count >= 3
        and not line.text.endswith((".", ":", ";", "…", ","))
        and not line.has_words(31)
    )


def _vietnamese_share(line: _Line) -> float:
    words = LETTERS_RE.findall(line.text)
    if not words:
        return 0.0
    return sum(syllable.is_valid(word) for word in words) / len(words)


def _metadata(content: list[_Line], kept: list[_Line]) -> dict[str, str]:
    found: dict[str, str] = {}
    for line in content:
        for key, value in line.meta.items():
            if value and key not in found:
                found[key] = value
    if len(kept) > 1 and not kept[0].has_words(31):
        first = kept[0]
        if _is_headline(first) or first.text.isupper():
            found["title"] = first.text
    return found


def _edits(
    text: str, content: list[_Line], kept: list[_Line], newline: str
) -> list[Edit]:
    """One edit per gap between kept lines: the removed lines and the layout."""
    if not kept:
        return [Edit(0, len(text), "", _gap_reason(content))] if text else []
    removed = [line for line in content if line.removed]  # in order of position
    starts = [line.start for line in removed]

    def removed_between(start: int, end: int) -> list[_Line]:
        return removed[
            bisect.bisect_left(starts, start) : bisect.bisect_left(starts, end)
        ]

    edits: list[Edit] = []
    bounds = [0] + [x for line in kept for x in (line.start, line.end)] + [len(text)]
    replacements = [""] + [newline * 2] * (len(kept) - 1) + [newline]
    for (start, end), after in zip(zip(bounds[::2], bounds[1::2]), replacements):
        if text[start:end] == after:
            continue
        edits.append(Edit(start, end, after, _gap_reason(removed_between(start, end))))
    return edits


def _gap_reason(removed: Iterable[_Line]) -> str:
    kinds = sorted({line.kind for line in removed if line.kind})
    if not kinds:
        return "lay out one paragraph per line"
    return "remove " + ", ".join(kinds)


@functools.lru_cache(maxsize=8192)  # each line is collapsed by several signals
def _collapse(text: str) -> str:
    """
    NFC, every run of whitespace one space, no space at the ends.

        >>> _collapse(" Hà\\u00a0 Nội "), _collapse("Hà Nội ")
        ('Hà Nội', 'Hà Nội')
    """
    text = unicodedata.normalize("NFC", text)
    # A printable text has no whitespace but the plain space (every other White_Space
    # character is a control or a separator), so without two spaces in a row there
    # is nothing to collapse; both tests run in C, the regex would not.
    if "  " not in text and text.isprintable():
        return text.strip()
    return SPACE_RE.sub(" ", text).strip()


def _newline_of(text: str) -> str:
    match = NEWLINE_RE.search(text)
    return match.group() if match else "\n"
