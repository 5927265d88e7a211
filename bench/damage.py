#!/usr/bin/env python3
"""
Damage benchmark: break clean Vietnamese text in the ways scraped text is broken, clean
it with vnclean and count how many sentences come back exactly.

    python3 bench/damage.py                                   # samples/expected/*.txt
    python3 bench/damage.py ../shared/data/articles/*.expected.txt
    python3 bench/damage.py --mojibake ../shared/data/mojibake

Each kind of damage is one row of `KINDS`: a name, a function that damages one sentence
(it gets a seeded `random.Random`; a damaged sentence equal to its target means "does
not apply"), the tone style to clean with and, if the target is not the sentence itself, a
function that gives the target. Another stage adds its own kinds by appending rows.

Run from the repository root (or with PYTHONPATH=src); timing is printed per kind.
"""

from __future__ import annotations

import argparse
import difflib
import random
import sys
import time
import unicodedata
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import regex

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

import vnclean
from vnclean import syllable

SENTENCE_RE = regex.compile(r"(?<=[.!?…])\s+(?=\S)")
WORD_RE = regex.compile(r"(?<![\w\p{M}])\p{L}+(?![\w\p{M}])")
TONES = syllable.TONE_MARKS[1:]

Damage = Callable[[str, random.Random], str]


@dataclass(frozen=True)
class Kind:
    name: str
    damage: Damage
    tone_style: str = "keep"
    target: Callable[[str], str] | None = None  # default: the sentence itself


# --- helpers --------------------------------------------------------------------------


def _words(sentence: str, keep: Callable[[str], bool]) -> list[regex.Match[str]]:
    return [m for m in WORD_RE.finditer(sentence) if keep(m.group())]


def _replace_words(
    sentence: str,
    rng: random.Random,
    keep: Callable[[str], bool],
    change: Callable[[str, random.Random], str],
    share: float = 0.0,
) -> str:
    """Apply `change` to one random word that `keep` accepts (or to a share of them)."""
    found = _words(sentence, keep)
    if not found:
        return sentence
    chosen = (
        [m for m in found if rng.random() < share] if share else [rng.choice(found)]
    )
    for match in sorted(chosen, key=lambda m: m.start(), reverse=True):
        sentence = (
            sentence[: match.start()]
            + change(match.group(), rng)
            + sentence[match.end() :]
        )
    return sentence


def _toned(word: str) -> bool:
    return syllable.is_valid(word) and syllable.split_tone(word)[1] > 0


def _tone_letter(word: str) -> tuple[int, int]:
    _, tone, where = syllable.split_tone(word)
    return tone, where


def _strip_tone(char: str) -> str:
    return syllable.split_letter(char)[0]


def _respell_all(sentence: str, style: str) -> str:
    def one(match: regex.Match[str]) -> str:
        word = match.group()
        return (
            (syllable.respell(word, style) or word) if syllable.is_valid(word) else word
        )

    return WORD_RE.sub(one, sentence)


# --- damage functions -----------------------------------------------------------------


def decompose(sentence: str, rng: random.Random) -> str:
    """Fully decomposed (NFD), as macOS file names and some editors store text."""
    return unicodedata.normalize("NFD", sentence)


def decompose_some_words(sentence: str, rng: random.Random) -> str:
    """Some words decomposed, the rest precomposed, as in pasted quotes."""
    return _replace_words(
        sentence,
        rng,
        lambda w: unicodedata.normalize("NFD", w) != w,
        lambda w, rng: unicodedata.normalize("NFD", w),
        0.4,
    )


def eth_for_d(sentence: str, rng: random.Random) -> str:
    """Ð/ð (eth) typed for Đ/đ."""
    return sentence.replace("Đ", "Ð").replace("đ", "ð")


def windows_1258(sentence: str, rng: random.Random) -> str:
    """Base letter precomposed (â ơ ư), tone as a combining mark: Windows-1258 style."""
    out = []
    for char in sentence:
        base, tone = syllable.split_letter(char)
        out.append(base + TONES[tone - 1] if tone else char)
    return "".join(out)


def duplicate_tone(sentence: str, rng: random.Random) -> str:
    """A toned letter followed by the same tone as a combining mark (đội + dot below)."""

    def change(word: str, rng: random.Random) -> str:
        tone, at = _tone_letter(word)
        return word[: at + 1] + TONES[tone - 1] + word[at + 1 :]

    return _replace_words(sentence, rng, _toned, change)


def conflicting_tone(sentence: str, rng: random.Random) -> str:
    """A toned letter followed by another tone as a combining mark (miể + tilde)."""

    def change(word: str, rng: random.Random) -> str:
        tone, at = _tone_letter(word)
        other = rng.choice([t for t in range(1, 6) if t != tone])
        return word[: at + 1] + TONES[other - 1] + word[at + 1 :]

    return _replace_words(sentence, rng, _toned, change)


def double_horn(sentence: str, rng: random.Random) -> str:
    """A horn letter followed by a second combining horn (Sơ + horn + n)."""

    def change(word: str, rng: random.Random) -> str:
        at = max(i for i, c in enumerate(word) if _strip_tone(c).lower() in "ơư")
        return word[: at + 1] + "\u031b" + word[at + 1 :]

    return _replace_words(
        sentence,
        rng,
        lambda w: (
            syllable.is_valid(w) and any(_strip_tone(c).lower() in "ơư" for c in w)
        ),
        change,
    )


def detach_dot_below(sentence: str, rng: random.Random) -> str:
    """The dot below typed after the space that follows its word (thi ̣trường)."""
    spots = [
        m
        for m in regex.finditer(r"(?<![\w\p{M}])(\p{L}+) (?=\p{L})", sentence)
        if syllable.is_valid(m.group(1)) and _tone_letter(m.group(1))[0] == 5
    ]
    if not spots:
        return sentence
    match = rng.choice(spots)
    word = match.group(1)
    _, at = _tone_letter(word)
    bare = word[:at] + _strip_tone(word[at]) + word[at + 1 :]
    return sentence[: match.start()] + bare + " \u0323" + sentence[match.end() :]


def misplace_tone(sentence: str, rng: random.Random) -> str:
    """The tone mark on another vowel of the word (Tòan, baỏ, ngừơi)."""

    def ok(word: str) -> bool:
        return (
            _toned(word)
            and len(_vowel_indexes(word)) > 1
            and bool(_misplacements(word))
        )

    def change(word: str, rng: random.Random) -> str:
        return rng.choice(_misplacements(word))

    return _replace_words(sentence, rng, ok, change)


def _vowel_indexes(word: str) -> list[int]:
    return [i for i, c in enumerate(word) if _strip_tone(c).lower() in syllable.VOWELS]


def _misplacements(word: str) -> list[str]:
    bare, tone, at = syllable.split_tone(word)
    out = []
    for i in _vowel_indexes(word):
        if i == at:
            continue
        moved = (
            bare[:i]
            + unicodedata.normalize("NFC", bare[i] + TONES[tone - 1])
            + bare[i + 1 :]
        )
        # Only a misplacement that the other style does not allow (hoà is not damage).
        if not syllable.is_valid(moved):
            out.append(moved)
    return out


def to_new_style(sentence: str, rng: random.Random) -> str:
    """Tone marks in the new style (hoà, khoẻ, thuỷ), to be cleaned to the old one."""
    return _respell_all(sentence, "new")


def to_old_style(sentence: str, rng: random.Random) -> str:
    """Tone marks in the old style (hòa, khỏe, thủy), to be cleaned to the new one."""
    return _respell_all(sentence, "old")


CYRILLIC_GREEK = {
    "a": "а",
    "c": "с",
    "e": "е",
    "o": "о",
    "p": "р",
    "x": "х",
    "y": "у",
    "i": "ι",
    "u": "υ",
    "t": "т",
    "m": "м",
    "h": "н",
    "k": "κ",
    "v": "ν",
}
SMALL_CAPITALS = {
    "n": "ɴ",
    "r": "ʀ",
    "p": "ᴘ",
    "l": "ʟ",
    "a": "ᴀ",
    "g": "ɢ",
    "h": "ʜ",
    "t": "ᴛ",
    "u": "ᴜ",
    "y": "ʏ",
    "c": "ᴄ",
    "m": "ᴍ",
    "d": "ᴅ",
    "i": "ɪ",
}


def _obfuscate(table: dict[str, str], share: float) -> Damage:
    def change(word: str, rng: random.Random) -> str:
        return "".join(table.get(c, c) for c in word)

    def damage(sentence: str, rng: random.Random) -> str:
        return _replace_words(
            sentence,
            rng,
            lambda w: (
                syllable.is_valid(w)
                and any(c in table for c in w)
                and not all(c in table for c in w)
            ),
            change,
            share,
        )

    return damage


def _insert_inside_words(char: str) -> Damage:
    def change(word: str, rng: random.Random) -> str:
        at = rng.randrange(1, len(word))
        return word[:at] + char + word[at:]

    def damage(sentence: str, rng: random.Random) -> str:
        return _replace_words(sentence, rng, lambda w: len(w) > 1, change, 0.3)

    return damage


def zwnj_after_d(sentence: str, rng: random.Random) -> str:
    """ᵭ + ZERO WIDTH NON-JOINER for đ, as obfuscated pages write it."""
    return sentence.replace("đ", "ᵭ\u200c")


def nbsp(sentence: str, rng: random.Random) -> str:
    """No-break spaces between some words."""
    return regex.sub(" ", lambda m: "\u00a0" if rng.random() < 0.3 else " ", sentence)


C1 = {
    "–": "\x96",
    "—": "\x97",
    "“": "\x93",
    "”": "\x94",
    "‘": "\x91",
    "’": "\x92",
    "…": "\x85",
}


def c1_punctuation(sentence: str, rng: random.Random) -> str:
    """Windows-1252 punctuation read as Latin-1: C1 controls (U+0096 for –)."""
    return "".join(C1.get(c, c) for c in sentence)


def html_entities(sentence: str, rng: random.Random) -> str:
    """Some letters as numeric character references, & as &amp;, spaces as &nbsp;."""
    out = []
    for char in sentence:
        if char == "&":
            out.append("&amp;")
        elif ord(char) > 127 and rng.random() < 0.3:
            out.append(
                f"&#{ord(char)};" if rng.random() < 0.5 else f"&#x{ord(char):X};"
            )
        elif char == " " and rng.random() < 0.1:
            out.append("&nbsp;")
        else:
            out.append(char)
    return "".join(out)


def seagull_below(sentence: str, rng: random.Random) -> str:
    """U+033C COMBINING SEAGULL BELOW after every character, as a decoration."""
    if "\u033c" in sentence:
        return sentence  # already decorated on purpose: no target to restore
    return "".join(c + "\u033c" for c in sentence)


KINDS: list[Kind] = [
    Kind("decomposed (NFD)", decompose),
    Kind("partly decomposed", decompose_some_words),
    Kind("Windows-1258 style", windows_1258),
    Kind("duplicated tone mark", duplicate_tone),
    Kind("conflicting stray tone", conflicting_tone),
    Kind("doubled horn", double_horn),
    Kind("dot below after a space", detach_dot_below),
    Kind("misplaced tone mark", misplace_tone),
    Kind("new style -> old", to_new_style, "old", lambda s: _respell_all(s, "old")),
    Kind("old style -> new", to_old_style, "new", lambda s: _respell_all(s, "new")),
    Kind("Cyrillic/Greek, one word", _obfuscate(CYRILLIC_GREEK, 0.0)),
    Kind("Cyrillic/Greek, most words", _obfuscate(CYRILLIC_GREEK, 0.7)),
    Kind("small capitals, most words", _obfuscate(SMALL_CAPITALS, 0.7)),
    Kind("eth for đ", eth_for_d),
    Kind("ZWSP inside words", _insert_inside_words("\u200b")),
    Kind("soft hyphen inside words", _insert_inside_words("\u00ad")),
    Kind("ᵭ + ZWNJ", zwnj_after_d),
    Kind("no-break spaces", nbsp),
    Kind("C1 punctuation", c1_punctuation),
    Kind("HTML entities", html_entities),
    Kind("seagull below everywhere", seagull_below),
]


# --- running --------------------------------------------------------------------------


def sentences(paths: list[Path]) -> list[str]:
    found = []
    for path in paths:
        for line in path.read_text(encoding="utf-8").splitlines():
            found.extend(
                s for s in SENTENCE_RE.split(line.strip()) if WORD_RE.search(s)
            )
    return found


def changed_chars(before: str, after: str) -> int:
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    return sum(
        max(i2 - i1, j2 - j1)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes()
        if tag != "equal"
    )


def clean(text: str, tone_style: str) -> str:
    return vnclean.clean(text, strip=False, tone_style=tone_style)


def run_kinds(pool: list[str]) -> None:
    print(f"{'kind':<30} {'sentences':>9} {'restored':>9} {'share':>7} {'ms':>6}")
    for kind in KINDS:
        total = restored = 0
        failures: list[tuple[str, str]] = []
        started = time.perf_counter()
        for sentence in pool:
            rng = random.Random(zlib.crc32((kind.name + sentence).encode()))
            damaged = kind.damage(sentence, rng)
            want = kind.target(sentence) if kind.target else sentence
            if damaged == want:
                continue  # this damage does not apply to this sentence
            total += 1
            got = clean(damaged, kind.tone_style)
            if got == want:
                restored += 1
            elif len(failures) < 3:
                failures.append((got, want))
        ms = (time.perf_counter() - started) * 1000
        share = f"{restored / total:.1%}" if total else "-"
        print(f"{kind.name:<30} {total:>9} {restored:>9} {share:>7} {ms:>6.0f}")
        if VERBOSE:
            for got, want in failures:
                print(f"    got:  {_excerpt(got, want)}")


def _excerpt(got: str, want: str) -> str:
    matcher = difflib.SequenceMatcher(None, got, want, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "equal":
            return f"{got[max(0, i1 - 15) : i2 + 15]!r} want {want[max(0, j1 - 15) : j2 + 15]!r}"
    return ""


def run_clean_check(paths: list[Path]) -> None:
    total = changed = 0
    for path in paths:
        text = path.read_text(encoding="utf-8")
        out = clean(text, "keep")
        n = changed_chars(text, out)
        total += len(text)
        changed += n
        if n and VERBOSE:
            print(f"    {path.name}: {_excerpt(out, text)}")
    print(f"\nclean text, tone_style=keep: {changed} of {total} characters changed")


def run_mojibake(folder: Path) -> None:
    kinds = _kinds_of(folder / "SOURCES.md")
    cases = sorted(folder.glob("*.expected.txt"))
    right = 0
    failures = []
    for expected in cases:
        source = expected.with_name(expected.name.replace(".expected", ""))
        got = clean(source.read_text(encoding="utf-8"), "keep")
        if got == expected.read_text(encoding="utf-8"):
            right += 1
        else:
            failures.append(
                (
                    source.name,
                    kinds.get(source.name, "?"),
                    _excerpt(got, expected.read_text(encoding="utf-8")),
                )
            )
    print(f"\nreal cases in {folder}: {right} of {len(cases)} exactly right")
    by_kind: dict[str, list[int]] = {}
    for expected in cases:
        name = expected.name.replace(".expected", "")
        row = by_kind.setdefault(kinds.get(name, "?"), [0, 0])
        row[1] += 1
        row[0] += all(f[0] != name for f in failures)
    for kind, (ok, n) in sorted(by_kind.items()):
        print(f"  {kind:<30} {ok:>3} / {n}")
    for name, kind, excerpt in failures:
        print(f"  FAIL {name} ({kind}): {excerpt}")


def _kinds_of(sources: Path) -> dict[str, str]:
    kinds = {}
    if sources.exists():
        for line in sources.read_text(encoding="utf-8").splitlines():
            cells = [c.strip() for c in line.split("|")]
            if len(cells) > 3 and cells[1].endswith(".txt"):
                kinds[cells[1]] = cells[2]
    return kinds


VERBOSE = False


def main(argv: list[str] | None = None) -> int:
    global VERBOSE
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "files", nargs="*", type=Path, help="clean Vietnamese text files"
    )
    parser.add_argument(
        "--mojibake", type=Path, help="folder of real cases with .expected.txt"
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="show failures")
    args = parser.parse_args(argv)
    VERBOSE = args.verbose
    paths = args.files or sorted((ROOT / "samples" / "expected").glob("*.txt"))
    pool = [s for s in sentences(paths) if clean(s, "keep") == s]
    print(f"{len(paths)} files, {len(pool)} sentences that are clean already\n")
    run_kinds(pool)
    run_clean_check(paths)
    if args.mojibake:
        run_mojibake(args.mojibake)
    return 0


if __name__ == "__main__":
    sys.exit(main())
