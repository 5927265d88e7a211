"""
The difference between two lines, word by word: which words were deleted, which
inserted, and what stayed. A paragraph of 300 words with one `Аảng` mended to `Đảng`
is shown as that one word, not as two near-identical lines.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from vnclean.edits import opcodes

# A word (letters with their marks, digits), a run of spaces, or any other single
# character: a no-break space between two words is a change of its own.
WORD_DIFF_TOKEN_RE = regex.compile(r"[\w\p{M}]+|[ \t]+|.", regex.V1 | regex.DOTALL)
# Words with the plain spaces after them: what lines are compared by first, since a
# space repeated all over a line would match anywhere.
WORD_WITH_SPACE_RE = regex.compile(
    r"[\w\p{M}]+[ \t]*|[ \t]+|.[ \t]*", regex.V1 | regex.DOTALL
)
# A changed run of words longer than this stays as it is, not compared token by token.
MOST_REFINED = 40
# Past this many tokens a line is compared as one piece: a page scraped without line
# breaks is one "line" of 50,000 words, which no reader follows word by word.
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
    return WORD_DIFF_TOKEN_RE.findall(text)


def word_diff(before: str, after: str) -> list[Piece]:
    """
    The pieces that turn `before` into `after`, a deletion before its insertion;
    adjacent pieces of one kind are joined.

        >>> [(p.op, p.text) for p in word_diff("Ban Аảng và  Ban", "Ban Đảng và Ban")]
        [('=', 'Ban '), ('-', 'Аảng'), ('+', 'Đảng'), ('=', ' và'), ('-', '  '), ('+', ' '), ('=', 'Ban')]
    """
    old, new = WORD_WITH_SPACE_RE.findall(before), WORD_WITH_SPACE_RE.findall(after)
    if len(old) > MOST_TOKENS or len(new) > MOST_TOKENS:
        return _joined([Piece(DELETE, before), Piece(INSERT, after)])
    pieces: list[Piece] = []
    for tag, i1, i2, j1, j2 in opcodes(old, new, most=None):
        if tag == "equal":
            pieces.append(Piece(EQUAL, "".join(old[i1:i2])))
        else:
            pieces.extend(_refined("".join(old[i1:i2]), "".join(new[j1:j2])))
    return _merged(_joined(pieces))


def _merged(pieces: list[Piece]) -> list[Piece]:
    """
    Changes parted only by spaces told as one: a line of mojibake reads as the
    damaged words, then the mended words, not as word after word after word.

        >>> [(p.op, p.text) for p in word_diff("CÃ¡n sá»± Ä‘Ã£", "Cán sự đã")]
        [('-', 'CÃ¡n sá»± Ä‘Ã£'), ('+', 'Cán sự đã')]
    """
    groups: list[list[str]] = []  # [op, old, new]; op "=" or "~" (changed)
    for piece in pieces:
        if piece.op == EQUAL:
            groups.append([EQUAL, piece.text, piece.text])
            continue
        old = piece.text if piece.op == DELETE else ""
        new = piece.text if piece.op == INSERT else ""
        if groups and groups[-1][0] == "~":
            groups[-1][1] += old
            groups[-1][2] += new
        elif (
            len(groups) >= 2
            and groups[-1][0] == EQUAL
            and not groups[-1][1].strip()
            and groups[-2][0] == "~"
        ):
            space = groups.pop()[1]
            groups[-1][1] += space + old
            groups[-1][2] += space + new
        else:
            groups.append(["~", old, new])
    out: list[Piece] = []
    for op, old, new in groups:
        if op == EQUAL:
            out.append(Piece(EQUAL, old))
            continue
        if old:
            out.append(Piece(DELETE, old))
        if new:
            out.append(Piece(INSERT, new))
    return out


def _refined(before: str, after: str) -> list[Piece]:
    """
    A changed run of words, told token by token (`và  ` -> `và ` is a change of
    spaces), when it is short; a whole line of mojibake stays word by word.
    """
    old, new = tokens(before), tokens(after)
    if len(old) > MOST_REFINED or len(new) > MOST_REFINED:
        return [Piece(DELETE, before), Piece(INSERT, after)]
    pieces = []
    for tag, i1, i2, j1, j2 in opcodes(old, new, most=None):
        if tag == "equal":
            pieces.append(Piece(EQUAL, "".join(old[i1:i2])))
            continue
        pieces.append(Piece(DELETE, "".join(old[i1:i2])))
        pieces.append(Piece(INSERT, "".join(new[j1:j2])))
    return pieces


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
