"""
The one loader for the data files shipped inside the package.

A table lives beside the code that reads it (`vnclean/repair/legacy/tcvn3.tsv`,
`vnclean/normalize/homoglyphs.tsv`) or, when several stages read it, in
`vnclean/data/`. Tab-separated tables are UTF-8 NFC, start with `#` lines naming
their source and licence, then a row naming the columns, then one entry per line.
Each file is read once per process.

Tables that vnclean derives from another package (the code pages and character
classes of ftfy) are kept as JSON in the user's cache folder by `derived`, under a key
naming what they were derived from; the other package stays the source of truth.
"""

from __future__ import annotations

import contextlib
import errno
import functools
import importlib
import json
import marshal
import os
import stat
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any


@functools.cache
def read(package: str, name: str) -> str:
    """The text of data file `name` (a path relative to `package`'s folder)."""
    # An installed package is a folder: its file is read from there. From a zip (or
    # any other loader) it is read through importlib.resources, which knows them all.
    path = package_file(package, name)
    if path is not None:
        return path.read_text(encoding="utf-8")
    return _read_resource(package, name)


def package_file(package: str, name: str) -> Path | None:
    """The data file as a path in `package`'s folder on disk, if it is there."""
    origin = getattr(importlib.import_module(package), "__file__", None)
    if origin is None:
        return None
    path = Path(origin).parent / name
    return path if path.is_file() else None


def _read_resource(package: str, name: str) -> str:
    import importlib.resources

    return (importlib.resources.files(package) / name).read_text(encoding="utf-8")


@functools.cache
def rows(package: str, name: str) -> tuple[tuple[str, ...], ...]:
    """
    The entries of a tab-separated table: comment lines, blank lines and the row of
    column names left out. A table read from a folder is kept parsed in the cache
    folder (`derived`), under its path, size and time.

        >>> rows("vnclean", "data/rhymes.tsv")[0]
        ('a', '', 'a', '')
    """
    path = package_file(package, name)
    if path is None:
        return parse_rows(read(package, name))
    stat = path.stat()
    key = (sys.version, str(path), stat.st_size, stat.st_mtime_ns)
    cached = "rows-" + "-".join(f"{package}/{name}".replace(".", "/").split("/"))
    return derived(cached, key, lambda: parse_rows(read(package, name)))


def parse_rows(text: str) -> tuple[tuple[str, ...], ...]:
    """The entries of the text of a tab-separated table (see `rows`)."""
    lines = [ln for ln in text.splitlines() if ln and ln[0] != "#"]
    return tuple(tuple(line.split("\t")) for line in lines[1:])


@functools.cache
def counts(package: str, name: str) -> dict[str, int]:
    """
    A table of two columns, an entry and its count, neither holding white space:
    the rows of `rows`, read in one split.

        >>> counts("vnclean", "data/syllables.tsv")["không"] > 0
        True
    """
    lines = read(package, name).split("\n")
    header = next(i for i, line in enumerate(lines) if line and line[0] != "#")
    fields = "\n".join(lines[header + 1 :]).split()
    return dict(zip(fields[::2], map(int, fields[1::2])))


def load_json(package: str, name: str) -> Any:
    """A JSON data file, parsed afresh (callers may keep and change what they get)."""
    return json.loads(read(package, name))


def derived(name: str, key: Any, derive: Callable[[], Any]) -> Any:
    """
    What `derive()` returns (plain data: str, bytes, numbers, tuples, lists, dicts),
    as stored in the user's cache folder under `name` when it was stored with the
    same `key` (naming what the value is derived from: versions, file sizes and
    times); otherwise derived afresh and stored. A cache folder that cannot be read
    or written only means deriving.
    """
    value = stored(name, key, _MISSING)
    if value is _MISSING:
        value = derive()
        store(name, key, value)
    return value


_MISSING = object()


def stored(name: str, key: Any, default: Any = None) -> Any:
    """The value kept in the cache folder under `name` with `key`, or `default`."""
    try:
        data = marshal.loads(read_stored(cache_folder() / f"{name}.marshal"))
        if isinstance(data, dict) and data.get("key") == key:
            return data["value"]
    except (OSError, ValueError, EOFError, TypeError, KeyError):
        pass
    return default


def store(name: str, key: Any, value: Any) -> None:
    """Keep `value` (plain data) in the cache folder under `name` with `key`."""
    path = cache_folder() / f"{name}.marshal"
    temporary = path.with_name(f".{path.name}.{os.getpid()}")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary.write_bytes(marshal.dumps({"key": key, "value": value}))
        os.replace(temporary, path)  # another process reads it whole or not at all
    except (OSError, ValueError):
        with contextlib.suppress(OSError):
            temporary.unlink()


def read_stored(path: Path) -> bytes:
    """
    The bytes of a file of the cache folder, or an OSError when it is not a regular
    file: a pipe or device put there would block or never end.
    """
    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    with open(descriptor, "rb") as file:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            raise OSError(errno.EINVAL, "not a regular file", str(path))
        return file.read()


def cache_folder() -> Path:
    """$VNCLEAN_CACHE_DIR, or vnclean's folder in $XDG_CACHE_HOME (~/.cache)."""
    if os.environ.get("VNCLEAN_CACHE_DIR"):
        return Path(os.environ["VNCLEAN_CACHE_DIR"])
    if sys.platform == "win32" and os.environ.get("LOCALAPPDATA"):
        return Path(os.environ["LOCALAPPDATA"]) / "vnclean" / "cache"
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join("~", ".cache")
    return Path(os.path.expanduser(base)) / "vnclean"
