"""
The one loader for the data files shipped inside the package.

A table lives beside the code that reads it (`vnclean/repair/legacy/tcvn3.tsv`,
`vnclean/normalize/homoglyphs.tsv`) or, when several stages read it, in
`vnclean/data/`. Tab-separated tables are UTF-8 NFC, start with `#` lines naming
their source and licence, then a row naming the columns, then one entry per line.
Each file is read once per process.
"""

from __future__ import annotations

import functools
import importlib
import json
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
    column names left out.

        >>> rows("vnclean", "data/rhymes.tsv")[0]
        ('a', '', 'a', '')
    """
    lines = [ln for ln in read(package, name).splitlines() if ln and ln[0] != "#"]
    return tuple(tuple(line.split("\t")) for line in lines[1:])


def load_json(package: str, name: str) -> Any:
    """A JSON data file, parsed afresh (callers may keep and change what they get)."""
    return json.loads(read(package, name))
