"""
Rebuild src/vnclean/data/syllables.tsv, the attested Vietnamese syllables and their
counts, from the public frequency lists described in the README.

    python scripts/build_lexicon.py ../shared/data/lexicon/vi_syllables_opensubtitles2018.tsv

The input is `syllable<TAB>count` (the OpenSubtitles 2018 list from hermitdave/
FrequencyWords, NFC, lowercased, merged; CC BY-SA 4.0). Only tokens that are valid
Vietnamese syllables by the phonotactic model in vnclean.syllable are kept, so English
words that happen to be spelled like syllables ("can", "long", "the") stay, and everything
else ("you", "ok", "wow") goes. The output keeps the input's licence.
"""

from __future__ import annotations

import sys
import unicodedata
from collections import Counter
from pathlib import Path

from vnclean import syllable

OUT = (
    Path(__file__).resolve().parent.parent
    / "src"
    / "vnclean"
    / "data"
    / "syllables.tsv"
)
HEADER = """\
# Attested Vietnamese syllables (lowercase, NFC) and how often each was seen.
# Derived by scripts/build_lexicon.py from FrequencyWords (Hermit Dave), content/2018/vi
# (vi_full.txt + vi_ignored.txt, merged as vi_syllables_opensubtitles2018.tsv), built from
# OPUS OpenSubtitles 2018 (opus.nlpl.eu, from opensubtitles.org).
# Licence: CC BY-SA 4.0 (https://creativecommons.org/licenses/by-sa/4.0/), as the source.
# Kept: tokens that vnclean.syllable.is_valid accepts (both tone-mark styles).
"""


def main(source: str) -> None:
    counts: Counter[str] = Counter()
    lines = Path(source).read_text(encoding="utf-8").splitlines()
    for line in lines[1:]:
        word, _, count = line.partition("\t")
        word = unicodedata.normalize("NFC", word).lower()
        if syllable.is_valid(word):
            counts[word] += int(count)
    rows = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    body = "".join(f"{word}\t{count}\n" for word, count in rows)
    OUT.write_text(HEADER + "syllable\tcount\n" + body, encoding="utf-8")
    print(f"{len(rows)} syllables, {sum(counts.values())} tokens -> {OUT}")


if __name__ == "__main__":
    main(sys.argv[1])
