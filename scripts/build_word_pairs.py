"""
Rebuild src/vnclean/repair/word_pairs.tsv, the pairs of syllables that stand next to
each other inside a Vietnamese word, and word_triples.tsv, the words of three
syllables, from the Viet74K word list.

    pip download underthesea==9.5.0 --no-deps -d /tmp/ut
    python scripts/build_word_pairs.py /tmp/ut/underthesea-9.5.0-py3-none-any.whl

The input is the wheel of the underthesea package (Apache-2.0), from which only
`underthesea/corpus/data/Viet74K.txt` is read: one word a line, 73,901 words, 64,668
of two or more syllables, 49,581 of exactly two. (The VLSP 2013 data the package also
ships is not read.) A path to Viet74K.txt itself works too. Each word is lowercased
and NFC; only words of two syllables are kept, without a hyphen (`a-di-đà`, loanwords
spelled by parts) and with both syllables valid by vnclean.syllable; each syllable is
written in the old tone style, as the readers look it up. A row holds a syllable and,
space-separated, the syllables that follow it in some word. The triples are the
words of exactly three syllables, a hyphen read as a space (`Đông-nam á`), each
syllable valid; a row holds the first two syllables and the thirds that end a word
after them.

From the same wheel, `underthesea/address/data/mapping.json` (Vietnam's provinces,
districts and wards, which underthesea takes from vietnamadminunits) gives
name_syllables.tsv: each syllable of a place name, with the number of names it is
part of and the syllables that follow it in a name (Phú Thọ). Vietnamese place names and personal names draw on the same syllables
(`Ngọc`, `Thọ`, `Hiền`, `Đức`, `Nguyễn`), which the subtitles behind the syllable
frequencies rarely show.
"""

from __future__ import annotations

import itertools
import json
import re
import sys
import unicodedata
import zipfile
from collections import defaultdict
from pathlib import Path

from vnclean import syllable

OUT = (
    Path(__file__).resolve().parent.parent
    / "src"
    / "vnclean"
    / "repair"
    / "word_pairs.tsv"
)
TRIPLES_OUT = OUT.with_name("word_triples.tsv")
NAMES_OUT = OUT.with_name("name_syllables.tsv")
MEMBER = "underthesea/corpus/data/Viet74K.txt"
ADDRESS_MEMBER = "underthesea/address/data/mapping.json"
# Words of two syllables: longer entries are mostly sayings (`muối bỏ biển`), whose
# inner pairs (`bỏ biển`) are no word and would outvote one (`bờ biển`).
SYLLABLES = 2
HEADER = """\
# Vietnamese words of two syllables (lowercase, NFC, tone marks in the old style): a
# syllable, then the syllables that follow it in some word.
# Derived by scripts/build_word_pairs.py from Viet74K.txt, the word list shipped in
# the underthesea package 9.5.0 (github.com/undertheseanlp/underthesea), licence
# Apache-2.0 (https://www.apache.org/licenses/LICENSE-2.0). Words with a hyphen or a
# syllable that vnclean.syllable rejects are left out.
"""


def canonical(word: str) -> str | None:
    """A syllable in lower case with its mark placed the old way, or None."""
    parsed = syllable.parse(word)
    if parsed is None or not syllable.is_valid(word):
        return None
    return syllable.spell(parsed, "old")


def read_words(source: str) -> list[str]:
    if source.endswith(".whl"):
        with zipfile.ZipFile(source) as wheel:
            return wheel.read(MEMBER).decode("utf-8").splitlines()
    return Path(source).read_text(encoding="utf-8").splitlines()


def main(source: str) -> None:
    follows: dict[str, set[str]] = defaultdict(set)
    words = kept = 0
    for line in read_words(source):
        word = unicodedata.normalize("NFC", line.strip()).lower()
        parts = word.split()
        if len(parts) != SYLLABLES or "-" in word:
            continue
        words += 1
        spelled = [canonical(p) for p in parts]
        if None in spelled:
            continue
        kept += 1
        for first, second in itertools.pairwise(spelled):
            follows[first].add(second)
    rows = sorted(follows.items())
    body = "".join(f"{first}\t{' '.join(sorted(after))}\n" for first, after in rows)
    OUT.write_text(HEADER + "syllable\tfollowed by\n" + body, encoding="utf-8")
    pairs = sum(len(after) for after in follows.values())
    print(f"{kept} of {words} words of two syllables, {pairs} pairs -> {OUT}")
    write_triples(source)
    if source.endswith(".whl"):
        write_name_syllables(source)


TRIPLES_HEADER = HEADER.replace(
    "# Vietnamese words of two syllables (lowercase, NFC, tone marks in the old style): a\n"
    "# syllable, then the syllables that follow it in some word.",
    "# Vietnamese words of three syllables (lowercase, NFC, tone marks in the old style,\n"
    "# a hyphen read as a space): two syllables, then the syllables that end a word\n"
    "# after them.",
).replace("Words with a hyphen or a\n# syllable", "Words with a\n# syllable")


def write_triples(source: str) -> None:
    ends: dict[str, set[str]] = defaultdict(set)
    kept = 0
    for line in read_words(source):
        word = unicodedata.normalize("NFC", line.strip()).lower()
        parts = word.replace("-", " ").split()
        if len(parts) != 3:
            continue
        spelled = [canonical(p) for p in parts]
        if None in spelled:
            continue
        kept += 1
        ends[f"{spelled[0]} {spelled[1]}"].add(spelled[2])
    body = "".join(f"{two}\t{' '.join(sorted(e))}\n" for two, e in sorted(ends.items()))
    TRIPLES_OUT.write_text(
        TRIPLES_HEADER + "syllables\tending\n" + body, encoding="utf-8"
    )
    print(f"{kept} words of three syllables -> {TRIPLES_OUT}")


NAMES_HEADER = """\
# Syllables of Vietnamese place names (provinces, districts, wards; NFC, tone marks
# in the old style, as written: capitalised), with the number of names each is part
# of and the syllables that follow it in some name.
# Derived by scripts/build_word_pairs.py from underthesea/address/data/mapping.json,
# shipped in the underthesea package 9.5.0 (github.com/undertheseanlp/underthesea),
# licence Apache-2.0 (https://www.apache.org/licenses/LICENSE-2.0); underthesea takes
# the names from vietnamadminunits. The kind of unit (Tỉnh, Huyện, Phường ...) is left
# out, and so are names with a digit or a syllable vnclean.syllable rejects.
"""
UNIT_RE = re.compile(
    r"^(?:Thành phố|Tỉnh|Quận|Huyện|Thị xã|Phường|Xã|Thị trấn|Đặc khu)\s+"
)


def _title(part: str) -> str | None:
    """A capitalised syllable in the old tone style, or None."""
    spelled = canonical(part)
    if spelled is None or not (part[:1].isupper() and part[1:].islower()):
        return None
    return spelled[0].upper() + spelled[1:]


def write_name_syllables(wheel_path: str) -> None:
    with zipfile.ZipFile(wheel_path) as wheel:
        mapping = json.loads(wheel.read(ADDRESS_MEMBER).decode("utf-8"))
    names = set()
    provinces = [*mapping["province_names"].values()]
    provinces += mapping["old_province_names"].values()
    names.update(province["short"] for province in provinces)
    for row in mapping["ward_mapping"]:
        for key in ("old_district", "old_ward", "new_ward"):
            if row.get(key):
                names.add(UNIT_RE.sub("", unicodedata.normalize("NFC", row[key])))
    counts: dict[str, int] = defaultdict(int)
    follows: dict[str, set[str]] = defaultdict(set)
    for name in names:
        if any(c.isdigit() for c in name):
            continue
        parts = [_title(part) for part in name.split()]
        if None in parts:
            continue
        for part in set(parts):
            counts[part] += 1
        for first, second in itertools.pairwise(parts):
            follows[first].add(second)
    rows = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    body = "".join(
        f"{name}\t{count}\t{' '.join(sorted(follows[name]))}\n" for name, count in rows
    )
    NAMES_OUT.write_text(
        NAMES_HEADER + "syllable\tplace names\tfollowed by\n" + body,
        encoding="utf-8",
    )
    print(f"{len(rows)} syllables of {len(names)} place names -> {NAMES_OUT}")


if __name__ == "__main__":
    main(sys.argv[1])
