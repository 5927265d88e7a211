"""
Patterns compiled when first used. A module names its patterns as module-level
`UPPER_RE` constants; `lazy.compile(source, flags)` stands for
`regex.compile(source, flags)` (`engine=re` for the standard library's), and the
pattern is compiled by the first search, match or substitution that asks for it,
once per process: a text that never needs a pattern (a photo credit's shape, a
dateline's) never has it built.

    >>> DATE_RE = compile(r"\\d{1,2}/\\d{1,2}/\\d{4}")
    >>> DATE_RE.pattern
    '\\\\d{1,2}/\\\\d{1,2}/\\\\d{4}'
    >>> DATE_RE.search("Hà Nội, 2/9/1945").group()
    '2/9/1945'

tests/test_perf_equivalence.py checks that every such constant compiles to the
pattern `regex.compile` (or `re.compile`) gives for its source and flags.
"""

from __future__ import annotations

import re
from types import ModuleType
from typing import Any

import regex


class LazyPattern:
    """A compiled pattern made on first use; `pattern` is its source meanwhile."""

    def __init__(self, pattern: str, flags: int, engine: ModuleType) -> None:
        self.pattern = pattern
        self._flags = flags
        self._engine = engine

    def compiled(self) -> Any:
        """The pattern, compiled (once)."""
        found = self.__dict__.get("_compiled")
        if found is None:
            found = self._engine.compile(self.pattern, self._flags)
            self.__dict__["_compiled"] = found
            # The compiled pattern's methods and attributes are this object's
            # from now on.
            for name in dir(found):
                if not name.startswith("_") and name != "pattern":
                    self.__dict__[name] = getattr(found, name)
        return found

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        return getattr(self.compiled(), name)

    def __repr__(self) -> str:
        return f"lazy.compile({self.pattern!r}, {self._flags!r})"


def compile(pattern: str, flags: int = 0, engine: ModuleType = regex) -> Any:
    """`engine.compile(pattern, flags)`, done when the pattern is first used."""
    if engine not in (regex, re):
        raise ValueError(f"no such pattern engine: {engine!r}")
    return LazyPattern(pattern, flags, engine)
