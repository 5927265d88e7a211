"""
The guard on ftfy's changes and the words it leaves: which code page ftfy decoded a
line from, whether its decoding loses Vietnamese syllables a line had, and how one
leftover word (`hĂ ng`, `Ä‘iá»` beside decoded text) decodes on its own.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from vnclean import lazy
from vnclean.repair.codepages import CODE_PAGES, as_bytes, byte_of
from vnclean.repair.evidence import frequent, vietnamese_letters, vietnamese_score
from vnclean.repair.legacy_fonts import decode_legacy_fonts
from vnclean.repair.legacy_stretches import shows_legacy_sign
from vnclean.repair.words import LETTER


def plan_codec(plan: list[tuple[str, str]] | None) -> str | None:
    """The codec ftfy re-encoded with when its plan ends in decoding UTF-8."""
    if not plan:
        return None
    encodes = [p for action, p in plan if action == "encode"]
    decodes = [p for action, p in plan if action == "decode"]
    if len(encodes) == 1 and decodes and decodes[-1].startswith("utf-8"):
        return encodes[0]
    return None


# Invisible characters a word may carry inside (ng\u00adười): removed to count it.
IN_WORD_INVISIBLE_RE = lazy.compile(
    rf"(?<={LETTER})[\u00ad\u200b\u200c\u200d\u2060\ufeff]+(?={LETTER})"
)

WORD_EDGE_RE = lazy.compile(r"^[^\p{L}\p{M}]+|(?<=[\p{L}\p{M}])[^\p{L}\p{M}]+$")


def frequent_count(text: str) -> int:
    """
    How many words of `text` are frequent valid syllables, read without the soft
    hyphens and zero-width characters inside them: a repair must not lower it.

        >>> frequent_count("DÂ\u00adN TỘC"), frequent_count("D\u00adN TỘC")
        (2, 1)
    """
    # Words are cut at spaces, so the fragments of mojibake (`Ná` of `Ná»™i`) count
    # for nothing, and stripped of the punctuation around them (`Giá\x93`).
    words = (
        WORD_EDGE_RE.sub("", w) for w in IN_WORD_INVISIBLE_RE.sub("", text).split()
    )
    return sum(1 for word in words if word and frequent(word))


@functools.cache
def vietnamese_only_re() -> re.Pattern:
    """Vietnamese letters no single-byte code page has (ạ ư ơ ộ ...): never mojibake.
    (Ă and ă are Windows-1250's C3 and E3: `KhĂ¡ch` is mojibake.)"""
    letters = vietnamese_letters().difference(*(byte_of(c) for c in CODE_PAGES))
    return re.compile("[" + re.escape("".join(sorted(letters))) + "]")


# Â or â right before a soft hyphen inside a word: C2 AD is the soft hyphen's own
# UTF-8, but Âu with a hyphen copied out of HTML is far likelier than mojibake.
HYPHEN_MOJIBAKE_RE = re.compile("[Ââ](?=\xad[^\\W\\d_])")


def only_hyphen_mojibake(line: str, fixed: str) -> bool:
    """
    All ftfy changed is removing an Â or â before a soft hyphen between letters
    (`Â\xadu`): a letter of correct text, not the soft hyphen's UTF-8 read as
    Windows-1252.

        >>> only_hyphen_mojibake("Â\xadu", "\xadu")
        True
        >>> only_hyphen_mojibake("cÃ³ Â\xad ", "có \xad ")
        False
    """
    return bool(HYPHEN_MOJIBAKE_RE.search(line)) and (
        HYPHEN_MOJIBAKE_RE.sub("", line) == HYPHEN_MOJIBAKE_RE.sub("", fixed)
    )


def loses_syllables(line: str, fixed: str) -> bool:
    """
    A decoding of a line that shows correct Vietnamese lowers its count of frequent
    syllables: it re-decoded correct text.

        >>> loses_syllables("Giá\x93 rẻ\x94 lắm", "Giᓠrẻ” lắm")
        True
    """
    # Only where the line shows letters no code page has: in mojibake alone, fragments
    # (`Ã`, `í`) read as syllables, and decoding them lowers the count.
    if not vietnamese_only_re().search(line):
        return False
    return frequent_count(fixed) < frequent_count(line)


def reads_as_legacy(fixed: str) -> bool:
    """
    ftfy's decoding of a line reads in turn as a legacy font: no Vietnamese came out
    of it, and a second run would decode it again (`KÃ\x9c` gives `KÜ`, TCVN3's Kĩ;
    `oÃ\xa0m` gives `oàm`, VNI's ồm). Such a decoding is left undone.
    """
    # Decoded Vietnamese holds letters Windows-1252 lacks (ư ơ ạ) and no sign of a
    # legacy font: such a line is not read again.
    if as_bytes(fixed) is None and not shows_legacy_sign(fixed):
        return False
    return str(decode_legacy_fonts(fixed)) != fixed


@functools.lru_cache(maxsize=65536)
def decode_word(word: str, codec: str) -> str | None:
    """`word`'s bytes in `codec` read as UTF-8, if that gives Vietnamese syllables."""
    try:
        data = as_bytes(word, codec) if codec in CODE_PAGES else word.encode(codec)
        if data is None:
            decoded = decode_parts(word, codec) if codec in CODE_PAGES else word
        else:
            decoded = data.decode("utf-8")
    except UnicodeDecodeError:
        # A run that is no UTF-8 beside one that is: a quote typed as Windows-1252
        # before the word (`“ngĆ°á»\x9di”`).
        decoded = decode_parts(word, codec) if codec in CODE_PAGES else word
    except (UnicodeError, LookupError):
        return None
    if decoded == word:
        return None
    if vietnamese_score(decoded) is None and not _symbols_only(decoded):
        return None
    return decoded


def decode_parts(word: str, codec: str) -> str:
    """
    A word ftfy decoded in part (`Ä‘iểm`): each run of the code page's characters
    in it read as UTF-8 where that run is UTF-8, the rest kept.
    """
    parts = []
    for run in _view_runs_re(codec).split(word):
        data = as_bytes(run, codec) if run else None
        try:
            parts.append(data.decode("utf-8") if data else run)
        except UnicodeDecodeError:
            parts.append(run)
    return "".join(parts)


@functools.cache
def _view_runs_re(codec: str) -> re.Pattern:
    """A run of the code page's non-ASCII characters, kept by split."""
    chars = "".join(sorted(c for c in byte_of(codec) if not c.isascii()))
    return re.compile(f"([{re.escape(chars)}]+)")


def _symbols_only(decoded: str) -> bool:
    """
    Letters only ASCII ones, and every other character a symbol, punctuation mark or
    other number of three UTF-8 bytes (arrows, shapes, dashes, ™, ⁰): `â–²` for ▲
    and `â–º` for ► on a ticker's lines, `i-Spinâ„¢` for i-Spin™. Those three
    characters in a row are never what a writer typed.
    """
    found = False
    for c in decoded:
        if c.isascii():
            continue
        if c < "\u0800" or unicodedata.category(c) not in SYMBOL_CATEGORIES:
            return False
        found = True
    return found


SYMBOL_CATEGORIES = frozenset(
    {"Sm", "Sc", "Sk", "So", "Pd", "Ps", "Pe", "Pi", "Pf", "Po", "No"}
)
