"""
The shape of the files a user hands to `clean`: boilerplate rules (`--rules`) and a
learned profile (`--profile`). A file of the wrong shape is a usage error that says in
one line what is wrong and where, before any input is read; the stage's own loaders
then read the values.

    >>> rules_problem({"patterns": "abc"})
    "'patterns' must be a list of tables, not a string"
    >>> rules_problem({"pattern": []})
    "unknown key 'pattern' (known: about, patterns, phrases, keep)"
    >>> profile_problem({"format": "vnclean-profile", "min_docs": 2, "lines": {}})
    "no 'documents' count"
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from typing import Any

PROFILE_FORMAT = "vnclean-profile"
SITE_PROFILES_FORMAT = "vnclean-site-profiles"


def shape_problem(path: str, option: str) -> str | None:
    """
    What is wrong with the shape of the file given to `option` (--rules or
    --profile), or None when it is well shaped or cannot be parsed here (the stage's
    loader then says why it cannot be read).
    """
    try:
        with open(path, encoding="utf-8") as file:
            text = file.read()
        if os.path.splitext(path)[1].lower() == ".toml":
            import tomllib

            data = tomllib.loads(text)
        else:
            data = json.loads(text)
    except (OSError, ValueError, ImportError):
        return None
    return (rules_problem if option == "--rules" else profile_problem)(data)


# The keys a rules file may use: any other is a misspelling that would be ignored.
RULES_KEYS = ("about", "patterns", "phrases", "keep")
ENTRY_KEYS = ("kind", "pattern", "text", "reason", "section", "where", "requires")


def _unknown(table: Mapping, known: tuple[str, ...]) -> str | None:
    unknown = [key for key in table if key not in known]
    if not unknown:
        return None
    return f"unknown key {unknown[0]!r} (known: {', '.join(known)})"


def rules_problem(data: Any) -> str | None:
    """What is wrong with the shape of parsed rules, or None."""
    if not isinstance(data, Mapping):
        return f"must be a table of 'patterns', 'phrases' and 'keep', not {_kind(data)}"
    unknown = _unknown(data, RULES_KEYS)
    if unknown:
        return unknown
    for key, needs in (("patterns", "pattern"), ("phrases", "text")):
        entries = data.get(key, [])
        if not isinstance(entries, list):
            return f"'{key}' must be a list of tables, not {_kind(entries)}"
        for number, entry in enumerate(entries, start=1):
            noun = key[:-1]
            if not isinstance(entry, Mapping):
                return f"{noun} {number} must be a table, not {_kind(entry)}"
            unknown = _unknown(entry, ENTRY_KEYS)
            if unknown:
                return f"{noun} {number}: {unknown}"
            if not isinstance(entry.get(needs), str) or not entry[needs]:
                return f"{noun} {number} needs a '{needs}' string"
            if not isinstance(entry.get("kind", ""), str):
                return f"{noun} {number}: 'kind' must be a string"
            requires = entry.get("requires", [])
            if not isinstance(requires, list) or not all(
                isinstance(phrase, str) for phrase in requires
            ):
                return f"{noun} {number}: 'requires' must be a list of strings"
    keep = data.get("keep", [])
    if not isinstance(keep, list) or not all(isinstance(k, str) for k in keep):
        return "'keep' must be a list of pattern strings"
    return None


def profile_problem(data: Any) -> str | None:
    """
    What is wrong with the shape of a parsed profile, or of the profiles of several
    sites (`vnclean learn --site-field`), or None.

        >>> profile_problem({"format": "vnclean-site-profiles", "sites": {"a.vn": {}}})
        "site 'a.vn': no 'documents' count"
    """
    if isinstance(data, Mapping) and data.get("format") == SITE_PROFILES_FORMAT:
        sites = data.get("sites", {})
        if not isinstance(sites, Mapping):
            return "'sites' must map each site to its profile"
        for site, profile in sites.items():
            problem = _profile_problem(profile)
            if problem:
                return f"site {site!r}: {problem}"
        return None
    if not isinstance(data, Mapping) or data.get("format") != PROFILE_FORMAT:
        return "not a vnclean profile (made by `vnclean learn`)"
    return _profile_problem(data)


def _profile_problem(data: Any) -> str | None:
    if not isinstance(data, Mapping):
        return f"must be a table, not {_kind(data)}"
    for key in ("documents", "min_docs"):
        if key not in data:
            return f"no {key!r} count"
        if not _count(data[key]):
            return f"{key!r} must be a whole number, not {_kind(data[key])}"
    lines = data.get("lines", {})
    if not isinstance(lines, Mapping) or not all(
        isinstance(key, str) and _count(n) for key, n in lines.items()
    ):
        return "'lines' must map line hashes to document counts"
    return None


def _count(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _kind(value: Any) -> str:
    names = {str: "a string", int: "a number", float: "a number", bool: "true/false"}
    names |= {list: "a list", dict: "a table", type(None): "null"}
    return names.get(type(value), type(value).__name__)
