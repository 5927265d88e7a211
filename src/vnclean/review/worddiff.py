"""
The difference between two lines, word by word: which words were deleted, which
inserted, and what stayed. A paragraph of 300 words with one `Аảng` mended to `Đảng`
is shown as that one word, not as two near-identical lines.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

import regex

# A word (letters with their marks, digits), a run of spaces, or any other single
# character: a no-break space between two words is a change of its own.
TOKEN_RE = regex.compile(r"[\w\p{M}]+|[ \t]+|.", regex.V1 | regex.DOTALL)
# Past this many tokens a line is compared as one piece (a 50,000-word "line" of a
# page without line breaks would cost difflib seconds).
MOST_TOKENS = 5000
EQUAL, DELETE, INSERT = "=", "-", "+"


@dataclass(frozen=True)
class Piece:
    """A run of a word diff: kept (`=`), deleted (`-`) or inserted (`+`)."""

    op: str
    text: str


def tokens(text: str) -> list[str]:
    """
    The tokens a word diff compares.

        >>> tokens("Hà\\u00a0Nội, 2016")
        ['Hà', '\\xa0', 'Nội', ',', ' ', '2016']
    """
    return TOKEN_RE.findall(text)


def word_diff(before: str, after: str) -> list[Piece]:
    """
    The pieces that turn `before` into `after`, a deletion before its insertion;
    adjacent pieces of one kind are joined.

        >>> [(p.op, p.text) for p in word_diff("Ban Аảng và  Ban", "Ban Đảng và Ban")]
        [('=', 'Ban '), ('-', 'Аảng'), ('+', 'Đảng'), ('=', ' và'), ('-', '  '), ('+', ' '), ('=', 'Ban')]
    """
    old, new = tokens(before), tokens(after)
    if len(old) > MOST_TOKENS or len(new) > MOST_TOKENS:
        return _joined([Piece(DELETE, before), Piece(INSERT, after)])
    pieces: list[Piece] = []
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            pieces.append(Piece(EQUAL, "".join(old[i1:i2])))
            continue
        if i2 > i1:
            pieces.append(Piece(DELETE, "".join(old[i1:i2])))
        if j2 > j1:
            pieces.append(Piece(INSERT, "".join(new[j1:j2])))
    return _joined(pieces)


def _joined(pieces: list[Piece]) -> list[Piece]:
    out: list[Piece] = []
    for piece in pieces:
        if not piece.text:
            continue
        if out and out[-1].op == piece.op:
            out[-1] = Piece(piece.op, out[-1].text + piece.text)
        else:
            out.append(piece)
    return out


def shortened(pieces: list[Piece], keep: int = 30) -> list[Piece]:
    """
    The same pieces with long kept runs cut to `keep` characters on each side of a
    change, `…` marking the cut: a little context, not the whole paragraph.

        >>> [p.text for p in shortened(word_diff("a " * 50 + "x", "a " * 50 + "y"), 4)]
        ['…a a ', 'x', 'y']
    """
    out: list[Piece] = []
    last = len(pieces) - 1
    for index, piece in enumerate(pieces):
        text = piece.text
        if piece.op == EQUAL:
            first_piece, last_piece = index == 0, index == last
            if first_piece and len(text) > keep:
                text = "…" + text[-keep:]
            elif last_piece and len(text) > keep:
                text = text[:keep] + "…"
            elif len(text) > 2 * keep + 1:
                text = text[:keep] + "…" + text[-keep:]
        out.append(Piece(piece.op, text))
    return out
