"""
Rebuild src/vnclean/repair/syllable_pairs.tsv, how often two Vietnamese syllables
stand next to each other in running text, from Vietnamese Wikipedia article texts.

    python scripts/build_syllable_pairs.py DIR [MIN_COUNT]

DIR holds the article texts as .txt files (UTF-8), as read from the repository
undertheseanlp/corpus.viwiki (folder viwiki/); scripts/viwiki_pages.tsv lists the
pages read (repository, path, commit). Wikipedia text is CC BY-SA; the table derived
from it stays under CC BY-SA 4.0.

Each line is split into runs of letters; two runs count as a pair only when only
spaces stand between them (a comma, a full stop, a bracket or a line break ends the
run of neighbours), and only when both are valid syllables by vnclean.syllable. Each
syllable is lowercased, NFC and written in the old tone style, as the readers look
them up. One article counts a pair at most PER_PAGE times. Pairs counted fewer than
MIN_COUNT times are left out (default 1: the sample is small, so every pair is kept
and the table stays under 300 KB; raise it as the sample grows). A row holds a
syllable, how many times it was counted, and the syllables that follow it with their
counts; the row `*` holds the syllables counted in all.

A word that lost a byte of its UTF-8 encoding reads several ways that differ only in
the tone (nhờ nhỏ, mời mọi, bờ bỏ); fills.py lets the syllable beside it choose, and
this table says how often text writes each reading with that neighbour (`sống nhờ`,
`nhà nhỏ`, `lời mời`, `vào bờ`).
"""

from __future__ import annotations

import sys
import unicodedata
from collections import Counter
from pathlib import Path

import regex

from vnclean import syllable

OUT = (
    Path(__file__).resolve().parent.parent
    / "src"
    / "vnclean"
    / "repair"
    / "syllable_pairs.tsv"
)
HEADER = """\
# How often two Vietnamese syllables stand next to each other, with only a space
# between, in running text (lowercase, NFC, tone marks in the old style).
# Derived by scripts/build_syllable_pairs.py from Vietnamese Wikipedia article texts
# as stored in the repository undertheseanlp/corpus.viwiki (folder viwiki/; the pages
# read are listed in scripts/viwiki_pages.tsv). Wikipedia text is by its
# contributors under CC BY-SA; this table alone is under CC BY-SA 4.0
# (https://creativecommons.org/licenses/by-sa/4.0/), as its source is. Pairs seen
# fewer than {min_count} times in all are left out. A row holds a syllable, how many times
# it was counted, and the syllables that follow it with their counts (`second:count`);
# the row `*` gives the syllables counted in all.
syllable\tcount\tfollowed by
*\t{total}\t
"""
# A pair counts at most this many times in one article: a page repeats its own
# phrases (`châu Á và châu Âu` all through the page on Asia), which says little of
# how often other text puts the two syllables side by side.
PER_PAGE = 2
# Letters with their combining marks, and the spaces that keep two words neighbours.
WORD_RE = regex.compile(r"\p{L}[\p{L}\p{M}]*")
SPACES_RE = regex.compile(r"[ \t\u00a0]+")


def _syllable(word: str) -> str | None:
    word = unicodedata.normalize("NFC", word).lower()
    if not syllable.is_valid(word):
        return None
    return syllable.respell(word, "old")


def count_syllables(
    text: str,
) -> tuple[Counter[str], Counter[tuple[str, str]]]:
    """The syllables of text, and the pairs of neighbours with only spaces between."""
    syllables: Counter[str] = Counter()
    pairs: Counter[tuple[str, str]] = Counter()
    for line in text.splitlines():
        previous: str | None = None
        end = 0
        for match in WORD_RE.finditer(line):
            between = line[end : match.start()]
            current = _syllable(match.group())
            if current:
                syllables[current] += 1
            if previous and current and SPACES_RE.fullmatch(between):
                pairs[previous, current] += 1
            previous, end = current, match.end()
    return syllables, pairs


def main(folder: str, min_count: int = 1) -> None:
    syllables: Counter[str] = Counter()
    pairs: Counter[tuple[str, str]] = Counter()
    for path in sorted(Path(folder).glob("*.txt")):
        counted, paired = count_syllables(path.read_text(encoding="utf-8"))
        syllables.update(counted)
        pairs.update({pair: min(n, PER_PAGE) for pair, n in paired.items()})
    followers: dict[str, list[str]] = {}
    for (first, second), count in sorted(pairs.items()):
        if count >= min_count:
            followers.setdefault(first, []).append(f"{second}:{count}")
    lines = [
        f"{word}\t{syllables[word]}\t{' '.join(followers.get(word, []))}"
        for word in sorted(syllables)
    ]
    header = HEADER.format(min_count=min_count, total=sum(syllables.values()))
    OUT.write_text(header + "\n".join(lines) + "\n", encoding="utf-8")
    kept = sum(len(f) for f in followers.values())
    print(f"{kept} pairs of {len(pairs)} kept; {sum(syllables.values())} syllables")


if __name__ == "__main__":
    main(sys.argv[1], *(int(a) for a in sys.argv[2:3]))
