"""
Furniture rules as data: the widget phrases shipped in `boilerplate.json` beside this
module, and the user's own (``--rules FILE``), each a regular expression that must
match a whole line, with the kind of furniture it marks. A rules file is read as
data, never executed. Format::

    {"patterns": [{"kind": "footer", "pattern": "Bản tin do .+ thực hiện",
                   "reason": "house footer", "section": false, "where": "anywhere"}],
     "phrases": [{"kind": "sidebar", "text": "Góc thư giãn"}],
     "keep": ["Bình luận của chuyên gia.*"]}

``kind`` is one of `KINDS`; a pattern is matched case-insensitively against the line
with its spaces collapsed; ``keep`` patterns protect lines from every signal.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import regex

from vnclean import lazy, tables
from vnclean.strip.lines import collapse

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
# Rules.match narrows the patterns by the first characters of a line, this many.
PREFIX = 2


@dataclass(frozen=True)
class Pattern:
    """One furniture pattern: a regex that must match a whole line, and its kind."""

    kind: str
    pattern: str
    reason: str
    section: bool = False  # a heading: the headline list under it is furniture too
    where: str = "anywhere"  # or "tail": only after the article's last paragraph
    # Every line the pattern matches holds one of these phrases (lowercase), so a
    # line without any of them is not tried against it.
    requires: tuple[str, ...] = ()

    @functools.cached_property
    def compiled(self) -> regex.Pattern[str]:
        return compile_pattern(self.pattern)


@functools.lru_cache(maxsize=4096)
def compile_pattern(source: str) -> regex.Pattern[str]:
    """
    A furniture pattern as it is matched: case-insensitively, V0 syntax. A rule is
    checked with this when it is loaded, so what is checked is what is matched.
    """
    return lazy.regex_compile(source, regex.IGNORECASE | regex.V0)


MAX_WIDGET_LENGTH = 1000  # characters; longer lines are never matched against patterns
# Answers kept per Rules (pattern matches, line verdicts) start afresh past this many
# distinct lines, so a long corpus cannot grow them without bound.
MAX_KEPT_LINES = 10_000


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
            # A bad rules file, reported as the loaders' other ValueErrors are.
            raise ValueError(  # noqa: TRY004
                f"{origin}: expected a table with a 'patterns' list"
            )
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
                _compiled(source)
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
                compile_pattern(source)
            except regex.error as error:
                raise ValueError(f"{origin}: pattern {number}: {error}") from None
            patterns.append(
                Pattern(
                    kind=kind,
                    pattern=source,
                    reason=str(entry.get("reason") or f"matches the rule {source!r}"),
                    section=bool(entry.get("section", False)),
                    where="tail" if entry.get("where") == "tail" else "anywhere",
                    requires=tuple(fold_case(r) for r in requires),
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
        """The patterns shipped in ``boilerplate.json``."""
        return _shipped_rules()

    def __add__(self, other: Rules) -> Rules:
        return Rules(self.patterns + other.patterns, self.keep + other.keep)

    def keeps(self, line: str) -> bool:
        """True when a "keep" pattern matches the whole of `line`."""
        if not self.keep:
            return False  # the usual case: no need to collapse the line
        key = collapse(line)
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
            # No widget, footer or byline is this long.
            cache[line] = None
            return None
        key = collapse(line)
        # A pattern that requires a phrase the line lacks cannot match it.
        folded = fold_case(key) if self._required else ""
        found = next(
            (
                p
                for p in self._could_start(key[:PREFIX])
                if (not p.requires or any(phrase in folded for phrase in p.requires))
                and p.compiled.fullmatch(key)
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
        a partial match asks the regex engine itself, once per distinct prefix. Only
        the patterns the prefix one letter shorter could start are asked (one that
        cannot start "Th" cannot start "The").
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


def fold_case(text: str) -> str:
    """
    `text` lowercased as case-insensitive `regex` compares it, one character for one.

        >>> fold_case("Bản QUYỀN")
        'bản quyền'
    """
    if "\u0130" in text or "\u017f" in text:  # İ and ſ: rare outside Turkish, old print
        text = text.translate(CASE_FOLD)
    return text.lower()


@functools.lru_cache(maxsize=1024)
def _compiled(source: str) -> regex.Pattern[str]:
    return regex.compile(source, regex.IGNORECASE)


@functools.cache
def _shipped_rules() -> Rules:
    data = tables.load_json("vnclean.strip", "boilerplate.json")
    return Rules.from_data(data, origin="boilerplate.json")
