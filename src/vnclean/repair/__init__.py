"""
Repair: undo encoding damage before anything else looks at the text.

Scraped Vietnamese arrives damaged in a few typical ways, and each step below undoes
one of them, in this order:

1. `unescape_html_twice` (entities.py): `Vi&amp;#7879;t` escaped twice by a CMS.
2. `decode_legacy_fonts` (legacy_fonts.py, legacy_stretches.py): `Céng hoµ` typed in
   TCVN3, VNI, VISCII, VPS or Windows-1258 and read as Windows-1252.
3. `restore_lost_bytes` (lost_bytes.py, with fills.py choosing among the readings):
   UTF-8 read as Windows-1252 that lost a byte on the way (`Ä‘á» nghá»‹`), so the
   next step can decode it.
4. `fix_mojibake` (mojibake.py): UTF-8 read as Windows-1252, Latin-1 or Mac Roman
   (`Ä‘Ã£ cÃ³`), decoded by ftfy, and the words ftfy leaves (leftovers.py).
5. `fix_learned_substitutions` (substitutions.py): a letter swapped by a one-byte
   error throughout the document (`Аảng` for `Đảng`, `điửu` for `điều`).
6. `split_glued_syllables` and 7. `remove_stray_no_break_spaces` (spaces.py): a
   space lost between syllables, a no-break space doubled inside a word (`cà\u00a0ng`).
8. `rejoin_split_syllables` (spaces.py): that byte read as a plain space by another
   tool (`Thà nh`).

Steps 5 to 8 read words whole (reading.py): an invisible character or a character
reference inside a word splits it for no evidence.

ftfy handles UTF-8 decoded with the wrong single-byte codec whose bytes all survived.
The other steps add what only knowledge of Vietnamese can do: they learn, from the
whole document, which corruption it suffered and undo it only where the syllable
model says the result is a real, frequent syllable and the text as found is
impossible or far rarer (evidence.py holds those tests and thresholds). Every change
carries its evidence in its reason. codepages.py is the byte-level view of text the
steps share; words.py the ways they cut text into lines, tokens and letter runs.
"""

from __future__ import annotations

from vnclean.repair.entities import unescape_html_twice
from vnclean.repair.legacy_fonts import decode_legacy_fonts
from vnclean.repair.lost_bytes import restore_lost_bytes
from vnclean.repair.mojibake import fix_mojibake
from vnclean.repair.spaces import (
    rejoin_split_syllables,
    remove_stray_no_break_spaces,
    split_glued_syllables,
)
from vnclean.repair.substitutions import fix_learned_substitutions

# The stage's steps in pipeline order (pipeline.STEPS lists them with the others).
STEPS = [
    unescape_html_twice,
    decode_legacy_fonts,
    restore_lost_bytes,
    fix_mojibake,
    fix_learned_substitutions,
    split_glued_syllables,
    remove_stray_no_break_spaces,
    rejoin_split_syllables,
]

__all__ = [step.__name__ for step in STEPS] + ["STEPS"]
