"""
Characters a reader cannot see, shown as names: the no-break space that a repair
turned into a space, the zero-width space inside a word, the soft hyphen, and every
control character, so that a scraped page never drives the terminal (ESC [2J clears
the screen, ESC ] 0; sets the window title) and an invisible change is still seen.

`pieces` cuts a text into plain runs and escapes; the terminal and the HTML report
each style the escapes their own way.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator

import regex

# Names a reader of Vietnamese web text meets; any other hidden character is shown by
# its code point.
NAMES = {
    "\u00a0": "NBSP",
    "\u200b": "ZWSP",
    "\u00ad": "SHY",
    "\u200c": "ZWNJ",
    "\u200d": "ZWJ",
    "\u2060": "WJ",
    "\ufeff": "BOM",
    "\u202f": "NNBSP",
    "\u3000": "IDSP",
    "\t": "TAB",
    "\n": "LF",
    "\x1b": "ESC",
    "\x00": "NUL",
    "\x07": "BEL",
    "\x08": "BS",
    "\r": "CR",
    "\x7f": "DEL",
    "\ufffd": "U+FFFD",
}
# Controls (C0, DEL, C1, which include the 8-bit CSI), format characters (zero-width
# spaces, soft hyphens, bidi overrides that reorder what follows), line and paragraph
# separators, the Unicode spaces that look like a space, lone surrogates (a file name
# that is not UTF-8, a broken JSON escape) and the replacement character.
HIDDEN_RE = regex.compile(
    r"[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}\u00a0\u2000-\u200a\u202f\u205f\u3000\ufffd]"
)
# A combining mark with nothing before it would sit on the character in front of the
# escape; shown on a dotted circle, as Unicode's charts show it.
DOTTED_CIRCLE = "\u25cc"


def name_of(char: str) -> str:
    """
    The name shown for a hidden character.

        >>> name_of("\\u00a0"), name_of("\\x1b"), name_of("\\u202e"), name_of("\\udce9")
        ('NBSP', 'ESC', 'U+202E', '\\\\xe9')
    """
    if char in NAMES:
        return NAMES[char]
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:
        # A byte of a file name that is not UTF-8, as Python's surrogateescape keeps it.
        return f"\\x{code - 0xDC00:02x}"
    if 0xD800 <= code <= 0xDFFF:
        return f"\\u{code:04x}"  # a lone surrogate, from a broken JSON escape
    return f"U+{code:04X}"


def pieces(text: str, *, keep_tabs: bool = False) -> Iterator[tuple[str, bool]]:
    """
    `text` as (run, hidden) pairs: plain runs as they are, each hidden character as
    its name in ⟨⟩ (a lone surrogate as its Python escape), with `hidden` true.

        >>> list(pieces("Hà\\u00a0Nội\\x1b[2J"))
        [('Hà', False), ('⟨NBSP⟩', True), ('Nội', False), ('⟨ESC⟩', True), ('[2J', False)]
    """
    position = 0
    for match in HIDDEN_RE.finditer(text):
        char = match.group()
        if keep_tabs and char == "\t":
            continue
        if match.start() > position:
            yield _plain(text[position : match.start()]), False
        # Surrogates are shown as Python escapes (`\\xe9`), as every message shows
        # them; the rest by name.
        name = name_of(char)
        yield (name if name[0] == "\\" else f"⟨{name}⟩"), True
        position = match.end()
    if position < len(text):
        yield _plain(text[position:]), False


def shown(text: str, *, keep_tabs: bool = False) -> str:
    """
    `text` with hidden characters named: safe to print to a terminal.

        >>> shown("a\\u200bb\\x9b31m")
        'a⟨ZWSP⟩b⟨U+009B⟩31m'
    """
    return "".join(run for run, _ in pieces(text, keep_tabs=keep_tabs))


def _plain(run: str) -> str:
    if unicodedata.combining(run[0]):
        return DOTTED_CIRCLE + run
    return run
