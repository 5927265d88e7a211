"""
The pieces every part of vnclean cuts text into, one pattern for each meaning: lines
and the break that ends them, tokens between white space, runs of letters.

A "token" is what a reader sees as one word on the page, punctuation included
(`Nội,`); a "letter run" is its letters and combining marks alone (`Nội`), which is
what the syllable model judges. A line break is whichever the text uses: LF, CR LF
or a lone CR (old Mac files, some CMS exports).
"""

from __future__ import annotations

from vnclean import lazy

LINE_BREAK_RE = lazy.compile(r"\r\n|\r|\n")
TOKEN_RE = lazy.compile(r"\S+")  # a run of characters between white space
LETTER = r"[\p{L}\p{M}]"  # a letter or a combining mark
LETTER_RUN_RE = lazy.compile(LETTER + "+")  # the letters of a word, marks included


def newline_of(text: str) -> str:
    """
    The line break `text` uses (its first one), or LF when it has none: lines added
    to a text, and the break a text file ends with, follow its convention.

        >>> newline_of("Hà Nội\\r\\nHuế"), newline_of("Hà Nội")
        ('\\r\\n', '\\n')
    """
    match = LINE_BREAK_RE.search(text)
    return match.group() if match else "\n"
