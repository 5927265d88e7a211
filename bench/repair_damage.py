"""
Benchmark the repair stage: corrupt clean Vietnamese the ways scraped text is
corrupted, clean it, and count how much comes back exactly.

    PYTHONPATH=src python3 bench/repair_damage.py [CLEAN_TEXT_FILE ...]

Default input: samples/expected/*.txt. Each file is one document; each kind below
corrupts the whole document (kinds 1-5 are document-level corruptions; kind 7
sprinkles characters copied out of HTML, seeded by the text, so every run is alike). For each kind
it prints the sentences the corruption touched, the share of those that
`vnclean.clean(..., strip=False, tone_style="keep")` restores exactly (compared with
the same call on the clean text), and the characters changed in sentences the
corruption left alone. A last row gives the characters the repair stage changes in
the clean documents themselves (repair only, no normalize): it must be 0.

Self-contained: a table of (kind, damage function); a damage function returns the
corrupted text and the text expected back (they differ only where the corruption
destroys information, e.g. TCVN3 has no capital letters with tone marks).
"""

from __future__ import annotations

import difflib
import html
import html.entities
import random
import sys
import time
import unicodedata
import zlib
from collections.abc import Callable
from pathlib import Path

import ftfy
import ftfy.bad_codecs  # registers sloppy-windows-1252
import regex
from unidecode import unidecode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

import vnclean

Damage = Callable[[str], "tuple[str, str]"]
SENTENCE_RE = regex.compile(r"(?<=[.!?…])\s+")


# --- kinds 1 and 2: UTF-8 read with the wrong code page ---------------------------


def as_cp1252(text: str) -> tuple[str, str]:
    return text.encode("utf-8").decode("sloppy-windows-1252"), text


def as_latin1(text: str) -> tuple[str, str]:
    return text.encode("utf-8").decode("latin-1"), text


def as_mac_roman(text: str) -> tuple[str, str]:
    return text.encode("utf-8").decode("mac_roman"), text


def as_cp1252_twice(text: str) -> tuple[str, str]:
    once = as_cp1252(text)[0]
    return once.encode("utf-8").decode("sloppy-windows-1252"), text


def as_cp1252_every_other_line(text: str) -> tuple[str, str]:
    lines = text.split("\n")
    nonempty = [i for i, line in enumerate(lines) if line.strip()]
    damaged = set(nonempty[1::2])
    return "\n".join(
        as_cp1252(l)[0] if i in damaged else l for i, l in enumerate(lines)
    ), text


def as_cp1252_c1_dropped(text: str) -> tuple[str, str]:
    data = text.encode("utf-8")
    return data.decode("cp1252", errors="ignore"), text


def as_cp1252_c1_question(text: str) -> tuple[str, str]:
    data = text.encode("utf-8")
    out = data.decode("cp1252", errors="replace").replace("\ufffd", "?")
    return out, text


def as_cp1252_nbsp_space(text: str) -> tuple[str, str]:
    return as_cp1252(text)[0].replace("\xa0", " "), text


def as_cp1250_nbsp_space(text: str) -> tuple[str, str]:
    damaged = text.encode("utf-8").decode("sloppy-windows-1250")
    return damaged.replace("\xa0", " "), text


def as_cp1252_nbsp_dropped(text: str) -> tuple[str, str]:
    return as_cp1252(text)[0].replace("\xa0", ""), text


def as_latin1_c1_removed(text: str) -> tuple[str, str]:
    """Every byte 0x80-0x9F lost: read as Latin-1, C1 controls then removed."""
    latin1 = text.encode("utf-8").decode("latin-1")
    return "".join(c for c in latin1 if not 0x80 <= ord(c) < 0xA0), text


def as_cp1252_undefined_as_space(text: str) -> tuple[str, str]:
    damaged = text.encode("utf-8").decode("cp1252", errors="replace")
    return damaged.replace("\ufffd", " "), text


def as_cp1250_with_cp1252_forms(text: str) -> tuple[str, str]:
    """Bytes from 0xC0 read as Windows-1250, the others as Windows-1252 (KhĂ¡ch)."""
    out = [
        bytes([b]).decode("sloppy-windows-1250" if b >= 0xC0 else "sloppy-windows-1252")
        for b in text.encode("utf-8")
    ]
    return "".join(out).replace("\xa0", " "), text


def residue_after_ftfy(text: str) -> tuple[str, str]:
    """The no-break-space byte became a space, and another tool (ftfy) decoded the
    rest: `Thà nh`, `là ng` are left with a space inside the word."""
    damaged = text.encode("utf-8").decode("sloppy-windows-1252").replace("\xa0", " ")
    return ftfy.fix_text(damaged, uncurl_quotes=False), text


# --- kind 3: letters swapped by a one-byte error ---------------------------------


def swap_bytes(pairs: dict[str, str]) -> Damage:
    def damage(text: str) -> tuple[str, str]:
        return "".join(pairs.get(c, c) for c in text), text

    return damage


# ề E1 BB 81 -> ử E1 BB AD, Đ C4 90 -> А D0 90 (sample 001)
SAMPLE_001 = {"ề": "ử", "Đ": "\u0410"}
# ộ E1 BB 99 -> ờ? no: ệ E1 BB 87 -> ỵ E1 BB B5 (another block-internal byte)
OTHER = {"ệ": "ỵ"}


# --- kind 4: a no-break space after à, and spaces lost before it ------------------


def nbsp_after_a_grave(text: str) -> tuple[str, str]:
    return text.replace("à", "à\u00a0"), text


def nbsp_and_glued(text: str) -> tuple[str, str]:
    damaged = text.replace("à", "à\u00a0")
    # Lose the space before every fifth "và".
    count = 0

    def lose(match: regex.Match) -> str:
        nonlocal count
        count += 1
        return match.group(1) if count % 5 == 0 else match.group()

    return regex.sub(r"(?<=\p{Ll}) (và\u00a0)", lose, damaged), text


# --- kind 5: legacy Vietnamese encodings read as Windows-1252 -----------------------


def legacy(name: str) -> Damage:
    from vnclean.repair.legacy_stretches import legacy_table

    encode: dict[str, bytes] = {}
    for data, letter in legacy_table(name).items():
        encode.setdefault(letter, data)

    def damage(text: str) -> tuple[str, str]:
        out, expected = bytearray(), []
        for char in unicodedata.normalize("NFC", text):
            if char in encode:
                out += encode[char]
                expected.append(char)
            elif char.lower() in encode:  # TCVN3: a capital is the small letter's byte
                out += encode[char.lower()]
                expected.append(char.lower())
            else:
                # Punctuation the legacy set lacks, or whose Windows-1252 byte is a
                # letter there (VISCII and VPS use 0x80-0x9F), was typed in ASCII.
                try:
                    data = char.encode("cp1252")
                except UnicodeEncodeError:
                    data = b"?"
                if data[0] >= 0x80 and any(k[:1] == data for k in encode.values()):
                    data = unidecode(char).encode("ascii", "replace")[:1] or b"?"
                out += data
                expected.append(data.decode("cp1252"))
        return out.decode("sloppy-windows-1252"), "".join(expected)

    return damage


def as_cp1258(text: str) -> tuple[str, str]:
    """Windows-1258 (base letter + combining tone) read as Windows-1252."""
    out, expected = [], []
    for char in unicodedata.normalize("NFC", text):
        try:
            data = char.encode("cp1258")
        except UnicodeEncodeError:
            decomposed = unicodedata.normalize("NFD", char)
            tones = [m for m in decomposed if m in "\u0300\u0301\u0303\u0309\u0323"]
            base = unicodedata.normalize(
                "NFC", "".join(m for m in decomposed if m not in tones)
            )
            try:
                data = base.encode("cp1258") + "".join(tones).encode("cp1258")
            except UnicodeEncodeError:
                data = b"?"
                char = "?"
        out.append(data.decode("sloppy-windows-1252"))
        expected.append(char)
    return "".join(out), "".join(expected)


# Short legacy fragments: two syllables of a line typed in a legacy font, as text
# pasted from an old document shows them. Only small letters are re-typed (TCVN3 has
# no toned capitals), and the choice is seeded by the text, so every run is alike.
FRAGMENT_RE = regex.compile(r"(?<!\S)\p{Ll}+ \p{Ll}+(?!\S)")


def _fragments(text: str) -> list[tuple[str, regex.Match[str] | None]]:
    """Each line of `text` with one run of two small-letter words in it, or None."""
    rng = random.Random(zlib.crc32(text.encode("utf-8")))
    chosen = []
    for line in text.split("\n"):
        # Overlapping runs: every pair of neighbouring words is a candidate.
        runs = list(FRAGMENT_RE.finditer(line, overlapped=True))
        chosen.append((line, rng.choice(runs) if runs else None))
    return chosen


def fragment_inside(name: str) -> Damage:
    """Two words of each line typed in `name`, the rest of the line in Unicode."""

    def damage(text: str) -> tuple[str, str]:
        typed = legacy(name)
        lines = []
        for line, run in _fragments(text):
            if run is not None:
                line = line[: run.start()] + typed(run.group())[0] + line[run.end() :]
            lines.append(line)
        return "\n".join(lines), text

    return damage


def fragment_alone(name: str) -> Damage:
    """Each line cut to two of its words, typed in `name` (the expected text: the
    two words in Unicode)."""

    def damage(text: str) -> tuple[str, str]:
        typed = legacy(name)
        damaged, expected = [], []
        for line, run in _fragments(text):
            if run is None:
                damaged.append(line)
                expected.append(line)
            else:
                damaged.append(typed(run.group())[0])
                expected.append(run.group())
        return "\n".join(damaged), "\n".join(expected)

    return damage


# --- kind 7: characters that hide inside words, copied out of HTML -----------------

INVISIBLES = ("\u200b", "\u00ad", "\u200c", "\ufeff", "\u2060")


def invisibles_inside_words(text: str) -> tuple[str, str]:
    """An invisible character after 3 % of the letters, a no-break space for a fifth
    of the spaces (the text is its own seed, so every run damages it alike)."""
    rng = random.Random(zlib.crc32(text.encode("utf-8")))
    out = []
    for i, char in enumerate(text):
        if char == " " and rng.random() < 0.2:
            out.append("\u00a0")
            continue
        out.append(char)
        if char.isalpha() and text[i + 1 : i + 2].isalpha() and rng.random() < 0.03:
            out.append(rng.choice(INVISIBLES))
    return "".join(out), text


def references_inside_words(text: str) -> tuple[str, str]:
    """30 % of the letters outside ASCII as character references (&#7907; &#x1EE3;
    &ecirc;)."""
    rng = random.Random(zlib.crc32(text.encode("utf-8")))
    out = []
    for char in text:
        if not char.isascii() and char.isalpha() and rng.random() < 0.3:
            name = html.entities.codepoint2name.get(ord(char))
            form = rng.randrange(3)
            if form == 2 and name:
                out.append(f"&{name};")
            elif form == 1:
                out.append(f"&#x{ord(char):X};")
            else:
                out.append(f"&#{ord(char)};")
        else:
            out.append(char)
    return "".join(out), text


# --- kind 6: HTML escaped twice ----------------------------------------------------


def escaped_twice(text: str) -> tuple[str, str]:
    refs = "".join(c if c.isascii() else f"&#{ord(c)};" for c in text)
    return html.escape(refs, quote=False), text


def mojibake_as_entities(text: str) -> tuple[str, str]:
    mojibake = as_cp1252(text)[0]
    return "".join(c if c.isascii() else f"&#{ord(c)};" for c in mojibake), text


KINDS: list[tuple[str, Damage]] = [
    ("1 utf8-as-cp1252", as_cp1252),
    ("1 utf8-as-latin1", as_latin1),
    ("1 utf8-as-mac-roman", as_mac_roman),
    ("1 utf8-as-cp1252-twice", as_cp1252_twice),
    ("1 cp1252-every-other-line", as_cp1252_every_other_line),
    ("2 cp1252-c1-bytes-dropped", as_cp1252_c1_dropped),
    ("2 cp1252-c1-bytes-as-?", as_cp1252_c1_question),
    ("2 cp1252-nbsp-as-space", as_cp1252_nbsp_space),
    ("2 cp1252-nbsp-dropped", as_cp1252_nbsp_dropped),
    ("2 cp1250-nbsp-as-space", as_cp1250_nbsp_space),
    ("2 latin1-every-c1-byte-removed", as_latin1_c1_removed),
    ("2 cp1252-undefined-byte-as-space", as_cp1252_undefined_as_space),
    ("2 cp1250-with-cp1252-forms", as_cp1250_with_cp1252_forms),
    ("2 residue after ftfy (0xA0 as space)", residue_after_ftfy),
    ("3 swap ề→ử Đ→А (sample 001)", swap_bytes(SAMPLE_001)),
    ("3 swap ệ→ỵ", swap_bytes(OTHER)),
    ("4 nbsp after à", nbsp_after_a_grave),
    ("4 nbsp after à + glued và", nbsp_and_glued),
    ("5 tcvn3", legacy("tcvn3")),
    ("5 vni", legacy("vni")),
    ("5 viscii", legacy("viscii")),
    ("5 vps", legacy("vps")),
    ("5 cp1258", as_cp1258),
    ("5 tcvn3 two words alone on a line", fragment_alone("tcvn3")),
    ("5 vni two words alone on a line", fragment_alone("vni")),
    ("5 tcvn3 two words inside Unicode", fragment_inside("tcvn3")),
    ("5 vni two words inside Unicode", fragment_inside("vni")),
    ("6 html-escaped-twice", escaped_twice),
    ("6 mojibake-as-entities", mojibake_as_entities),
    ("7 invisibles + no-break spaces", invisibles_inside_words),
    ("7 references inside words", references_inside_words),
]


def _clean(text: str) -> str:
    return vnclean.clean(text, strip=False, tone_style="keep")


def _sentences(text: str) -> list[list[str]]:
    return [SENTENCE_RE.split(line) for line in text.split("\n")]


def _changed_chars(before: str, after: str) -> int:
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    return sum(
        max(i2 - i1, j2 - j1)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes()
        if tag != "equal"
    )


def measure(documents: list[str], damage: Damage) -> tuple[int, int, int]:
    """(sentences damaged, restored exactly, chars changed in undamaged sentences)."""
    damaged_total = exact = false_chars = 0
    for doc in documents:
        damaged, expected = damage(doc)
        want = _sentences(_clean(expected))
        got = _sentences(_clean(damaged))
        raw = _sentences(damaged)
        source = _sentences(expected)
        if len(want) != len(got):
            got = [[]] * len(want)
        for line_want, line_got, line_raw, line_src in zip(want, got, raw, source):
            touched = line_raw != line_src
            if len(line_want) != len(line_got):
                if touched:
                    damaged_total += len(line_want)
                else:
                    false_chars += _changed_chars(
                        " ".join(line_want), " ".join(line_got)
                    )
                continue
            for i, (w, g) in enumerate(zip(line_want, line_got)):
                hit = touched and (
                    i >= len(line_raw)
                    or i >= len(line_src)
                    or line_raw[i] != line_src[i]
                )
                if hit:
                    damaged_total += 1
                    exact += w == g
                    if w != g and VERBOSE:
                        print(f"  want {w!r}\n  got  {g!r}")
                else:
                    false_chars += _changed_chars(w, g)
    return damaged_total, exact, false_chars


VERBOSE = False


def main(argv: list[str]) -> None:
    global VERBOSE
    VERBOSE = "-v" in argv
    argv = [a for a in argv if a != "-v"]
    only = [a[len("--kind=") :] for a in argv if a.startswith("--kind=")]
    argv = [a for a in argv if not a.startswith("--kind=")]
    paths = [Path(p) for p in argv] or sorted(
        (ROOT / "samples" / "expected").glob("*.txt")
    )
    documents = [p.read_text(encoding="utf-8") for p in paths]
    documents = [d for d in documents if d.strip()]
    print(
        f"{len(documents)} clean documents, "
        f"{sum(len(s) for d in documents for s in _sentences(d))} sentences"
    )
    print(
        f"{'kind':34} {'damaged':>8} {'exact':>8} {'%':>7} {'false chars':>12} {'s':>6}"
    )
    for name, damage in KINDS:
        if only and not any(o in name for o in only):
            continue
        started = time.perf_counter()
        total, exact, false = measure(documents, damage)
        share = 100 * exact / total if total else 100.0
        print(
            f"{name:34} {total:8} {exact:8} {share:6.1f}% {false:12} "
            f"{time.perf_counter() - started:6.1f}"
        )
    clean_changes = sum(
        _changed_chars(d, vnclean.clean(d, normalize=False, strip=False))
        for d in documents
    )
    print(
        f"{'clean text, repair stage only':34} {'':8} {'':8} {'':7} {clean_changes:12}"
    )


if __name__ == "__main__":
    main(sys.argv[1:])
