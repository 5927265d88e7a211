"""
Repair: undo encoding damage before anything else looks at the text.

ftfy handles UTF-8 that was decoded with the wrong single-byte codec and whose bytes
all survived. Later steps add what only knowledge of Vietnamese can do.
"""

from __future__ import annotations

import ftfy

FTFY_CONFIG = ftfy.TextFixerConfig(
    # These change correct text: curly quotes, full-width forms and ligatures are
    # the writer's choice, not damage.
    uncurl_quotes=False,
    fix_character_width=False,
    fix_latin_ligatures=False,
    # Normalization is the normalize stage's job; entities are handled there too.
    normalization=None,
    unescape_html=False,
    explain=False,
)


def fix_mojibake(text: str) -> str:
    """
    Decode UTF-8 that was read as Windows-1252, Latin-1 or Mac Roman (ftfy).

        >>> fix_mojibake("Ä‘Ã£ cÃ³")
        'đã có'
    """
    return ftfy.fix_text(text, FTFY_CONFIG)
