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

A `regex` pattern is compiled by `regex_compile`, which takes the compiled code
from the user's cache folder when an earlier run stored it there (the code `regex`
itself pickles a pattern with), keyed by the versions of Python and `regex`.

tests/test_perf_equivalence.py checks that every such constant compiles to the
pattern `regex.compile` (or `re.compile`) gives for its source and flags, and that
stored code gives the pattern `regex.compile` gives.
"""

from __future__ import annotations

import atexit
import os
import re
import sys
from types import ModuleType
from typing import Any

import regex

from vnclean import tables

# Patterns beyond this many are compiled but not stored.
MAX_STORED = 5000


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
            if self._engine is regex:
                found = regex_compile(self.pattern, self._flags)
            else:
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


def regex_compile(pattern: str, flags: int = 0) -> Any:
    """`regex.compile(pattern, flags)`, with the compiled code an earlier run stored."""
    store = _store()
    key = (pattern, int(flags))
    data = store.get(key)
    if data is not None:
        try:
            return regex._regex.compile(*data)
        except Exception:  # noqa: BLE001, S110 - not this regex's code: compile anew
            pass
    compiled = regex.compile(pattern, flags)
    if len(store) < MAX_STORED:
        store[key] = compiled._pickled_data
        if not _added:
            atexit.register(save_store)
        _added.append(key)
    return compiled


_stored: list[dict[tuple[str, int], Any]] = []  # the store, once read
_added: list[tuple[str, int]] = []  # patterns compiled in this process, not stored


def _store() -> dict[tuple[str, int], Any]:
    if not _stored:
        found = tables.stored(STORE, _store_key())
        _stored.append(dict(found) if isinstance(found, dict) else {})
    return _stored[0]


def save_store() -> None:
    """Write the compiled code of the patterns this process compiled to the store."""
    if not _added:
        return
    tables.store(STORE, _store_key(), _store())
    _added.clear()


STORE = "regex-code"  # the cache folder's file of compiled pattern code


def _store_key() -> tuple[str, ...]:
    """What stored code depends on: Python, and the version and build of `regex`."""
    built = getattr(regex._regex, "__file__", "") or ""
    try:
        stat = os.stat(built)
        size = f"{stat.st_size}:{stat.st_mtime_ns}"
    except OSError:
        size = ""
    return (sys.version, str(getattr(regex, "__version__", "")), built, size)
