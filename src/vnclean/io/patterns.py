"""
File name patterns, as `--glob` and `--exclude` take them: a pattern without a slash
matches a file or folder's name wherever it is (`*.txt`, `.git`); one with a slash
matches its path under the input folder, where `**` stands for any number of folders
(`news/**/*.txt`, `**/draft-*`).

    >>> matcher = Patterns(("*.txt", "news/**/*.md"))
    >>> [matcher.matches(p) for p in ("a/b.txt", "news/x/y/c.md", "c.md")]
    [True, True, False]
"""

from __future__ import annotations

import re
from collections.abc import Iterable


class Patterns:
    """Several patterns; a path matches when any of them does."""

    def __init__(self, patterns: Iterable[str]) -> None:
        self.patterns = tuple(patterns)
        self._by_name = [_compile(p) for p in self.patterns if "/" not in p]
        self._by_path = [
            _compile(p.removeprefix("./")) for p in self.patterns if "/" in p
        ]

    def __bool__(self) -> bool:
        return bool(self.patterns)

    def __str__(self) -> str:
        return ", ".join(self.patterns)

    def matches(self, relative: str) -> bool:
        """True when a pattern matches `relative` (a path under the input folder)."""
        name = relative.rsplit("/", 1)[-1]
        return any(p.match(name) for p in self._by_name) or any(
            p.match(relative) for p in self._by_path
        )


def _compile(pattern: str) -> re.Pattern[str]:
    parts, i = [], 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            parts.append("(?:.*/)?")
            i += 3
        elif pattern.startswith("**", i):
            parts.append(".*")
            i += 2
        elif pattern[i] == "*":
            parts.append("[^/]*")
            i += 1
        elif pattern[i] == "?":
            parts.append("[^/]")
            i += 1
        elif pattern[i] == "[" and "]" in pattern[i + 2 :]:
            end = pattern.index("]", i + 2)
            inside = pattern[i + 1 : end]
            negated = inside.startswith("!")
            body = re.escape(inside[1:] if negated else inside).replace("\\-", "-")
            parts.append(f"[{'^' if negated else ''}{body}]")
            i = end + 1
        else:
            parts.append(re.escape(pattern[i]))
            i += 1
    return re.compile("".join(parts) + r"\Z", re.DOTALL)
