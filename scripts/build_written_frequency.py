"""
Rebuild src/vnclean/repair/written_frequency.tsv, how often each Vietnamese syllable
is written (Wikipedia, web text, subtitles), from wordfreq's small Vietnamese list.

    python scripts/build_written_frequency.py wordfreq_small_vi.tsv

The input is the TSV `word<TAB>frequency<TAB>zipf` derived from
`wordfreq/data/small_vi.msgpack.gz` of the PyPI package wordfreq 3.1.1 (data CC BY-SA
4.0; its Vietnamese sources are Wikipedia, OPUS OpenSubtitles 2018 and OSCAR web
text). Each word is lowercased and NFC; only valid syllables by vnclean.syllable are
kept, written in the old tone style as the readers look them up, and the
frequencies of spellings that meet there are added. A row holds a syllable and its
frequency per billion words, rounded.

The syllable table of vnclean.syllable counts subtitles only, where the words of
news are rare (`huyện` 34 times against `huyền` 920); fills.py, choosing the reading
of a word that lost a byte, lets a share of this table's frequency stand for a
syllable that text writes far more often than subtitles say.
"""

from __future__ import annotations

import sys
import unicodedata
from collections import defaultdict
from pathlib import Path

from vnclean import syllable

OUT = (
    Path(__file__).resolve().parent.parent
    / "src"
    / "vnclean"
    / "repair"
    / "written_frequency.tsv"
)
HEADER = """\
# How often each Vietnamese syllable is written, per billion words (lowercase, NFC,
# tone marks in the old style).
# Derived by scripts/build_written_frequency.py from wordfreq's small Vietnamese list
# (PyPI wordfreq 3.1.1, wordfreq/data/small_vi.msgpack.gz, by Robyn Speer and
# contributors; sources: Wikipedia, OPUS OpenSubtitles 2018, OSCAR web text).
# Licence: CC BY-SA 4.0 (https://creativecommons.org/licenses/by-sa/4.0/), as its
# source is; this table alone is under it. Words that vnclean.syllable does not take
# for a valid syllable are left out.
"""


def main(source: str) -> None:
    per_billion: dict[str, float] = defaultdict(float)
    lines = Path(source).read_text(encoding="utf-8").splitlines()
    for line in lines[1:]:
        word, frequency, _ = line.split("\t")
        word = unicodedata.normalize("NFC", word).lower()
        if not syllable.is_valid(word):
            continue
        spelled = syllable.respell(word, "old")
        if spelled is None:
            continue
        per_billion[spelled] += float(frequency) * 1e9
    rows = sorted(per_billion.items(), key=lambda item: (-item[1], item[0]))
    body = "".join(f"{word}\t{round(count)}\n" for word, count in rows)
    OUT.write_text(HEADER + "syllable\tper billion\n" + body, encoding="utf-8")
    print(f"{len(rows)} syllables of {len(lines) - 1} words -> {OUT}")


if __name__ == "__main__":
    main(sys.argv[1])
