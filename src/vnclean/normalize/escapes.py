"""
Terminal escape sequences in scraped text: colour codes, screen clearing and window
titles that reached a page from a terminal, a log or a console copy-paste. Removed
whole, so they neither act on the terminal of whoever reads the text nor leave their
printable half (`[31m`, `]0;title`) behind once the ESC byte is gone.
"""

from __future__ import annotations

import re

# ECMA-48: a control sequence (CSI) `ESC [`, parameters, intermediates, a final byte;
# an operating-system command (OSC) or string (DCS, PM, APC) up to BEL or `ESC \` on
# the same line; a character set chosen (`ESC ( B`, which `tput sgr0` writes); and the
# cursor and keypad escapes `ESC 7`, `ESC 8`, `ESC =`, `ESC >`. Escapes ending in a
# letter (`ESC c`) are left out: after a stray ESC, that letter is the text's.
# A string never runs past another ESC or its line's end: an unterminated one keeps
# the text after it.
TERMINAL_ESCAPE_RE = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"
    r"|\x1b[\]P^_][^\x07\x1b\n]*(?:\x07|\x1b\\)"
    r"|\x1b[()*+][0-9A-Z]"
    r"|\x1b[78=>]"
)


def remove_terminal_escapes(text: str) -> str:
    """
    Remove terminal escape sequences (colours, screen clearing, window titles) copied
    into the text; they would act on the reader's terminal.

        >>> remove_terminal_escapes("\\x1b[2J\\x1b[1;31mHà Nội\\x1b[0m")
        'Hà Nội'
        >>> remove_terminal_escapes("\\x1b]0;tiêu đề\\x07Huế")
        'Huế'
    """
    # A lone ESC, or an OSC never terminated on its line, is left to the steps that
    # take control characters, which remove the ESC byte alone.
    if "\x1b" not in text:
        return text
    return TERMINAL_ESCAPE_RE.sub("", text)
