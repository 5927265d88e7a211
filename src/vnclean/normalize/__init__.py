"""
Normalize: one canonical spelling for the same Vietnamese text, so that search,
deduplication and models see one form. Each step reports what it changed.

The steps, in the order `pipeline.STEPS` runs them, and where each lives:

- `escapes`: terminal escape sequences (colours, screen clearing, window titles),
  removed ahead of the repair stage;
- `characters`: HTML character references, C1 punctuation, control characters,
  invisible characters, Unicode spaces, piles of combining marks, composition (NFC)
  and, last of the whole stage, runs of spaces;
- `marks`: decorative marks under every letter, tone marks typed after a space,
  duplicated or stray marks on a word, the horn typed on one vowel of ươ;
- `look_alikes`: Cyrillic, Greek and other letters standing in for Latin ones,
  from the table `homoglyphs.tsv` beside it;
- `tones`: the old or new placement of the tone mark, and marks on the wrong vowel.

`words` finds the words these steps may rewrite: letters outside URLs, e-mail
addresses and paths. Every step that rewrites a word asks `vnclean.syllable` first:
a word is changed only when the result is a Vietnamese syllable, so English, names,
other scripts, URLs, e-mail addresses and code pass through untouched.
"""

from __future__ import annotations

from vnclean.normalize.characters import (
    collapse_spaces,
    compose_nfc,
    decode_html_entities,
    limit_combining_marks,
    remove_control_characters,
    remove_invisible_characters,
    replace_c1_punctuation,
    replace_unicode_spaces,
)
from vnclean.normalize.escapes import remove_terminal_escapes
from vnclean.normalize.look_alikes import homoglyphs, replace_look_alike_letters
from vnclean.normalize.marks import (
    attach_detached_marks,
    remove_decorative_marks,
    remove_stray_marks,
    restore_missing_horns,
)
from vnclean.normalize.tones import place_tone_marks

# The stage's steps in pipeline order (pipeline.STEPS runs the first ahead of the
# repair stage, the others together; tests/test_normalize.py checks the lists agree).
STEPS = [
    remove_terminal_escapes,  # ahead of the repair stage, whose ftfy takes ESC alone
    decode_html_entities,
    replace_c1_punctuation,
    remove_control_characters,
    remove_invisible_characters,
    replace_unicode_spaces,
    limit_combining_marks,
    compose_nfc,
    remove_decorative_marks,
    replace_look_alike_letters,
    attach_detached_marks,
    remove_stray_marks,
    restore_missing_horns,
    place_tone_marks,
    collapse_spaces,
]

__all__ = [
    "STEPS",
    "attach_detached_marks",
    "collapse_spaces",
    "compose_nfc",
    "decode_html_entities",
    "homoglyphs",
    "limit_combining_marks",
    "place_tone_marks",
    "remove_control_characters",
    "remove_decorative_marks",
    "remove_invisible_characters",
    "remove_stray_marks",
    "remove_terminal_escapes",
    "replace_c1_punctuation",
    "replace_look_alike_letters",
    "replace_unicode_spaces",
    "restore_missing_horns",
]
