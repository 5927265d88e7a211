"""
The Vietnamese syllable model that repair and normalize consult.

A written syllable is an onset, a rhyme (medial glide, nucleus, coda) and one of six
tones, the tone mark sitting on one vowel of the rhyme. `parse` splits a word into
those parts whatever vowel the tone mark sits on; `is_valid` also asks that the mark
sits where the old or the new convention puts it; `spell` writes a syllable with the
mark where a chosen convention puts it. Phonotactics decide validity (`k`, `gh`, `ngh`
only before front vowels, codas `p t c ch` only with the sắc or nặng tone, ...);
`frequency` says how often a syllable was seen in a large corpus.

    >>> parse("Thuyết")
    Syllable(onset='th', medial='u', nucleus='yê', coda='t', tone=1)
    >>> is_valid("điều"), is_valid("điửu"), is_valid("Queensland")
    (True, False, False)
    >>> spell(parse("hoà"), "old"), spell(parse("Ủy"), "new")
    ('hòa', 'uỷ')
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterator
from typing import NamedTuple

from vnclean import tables
from vnclean.model import per_text

# Tones in the order Vietnamese grammars list them; 0 is ngang (no mark).
TONE_MARKS = ("", "\u0301", "\u0300", "\u0309", "\u0303", "\u0323")
TONE_NAMES = ("ngang", "sắc", "huyền", "hỏi", "ngã", "nặng")
STOP_CODAS = frozenset({"p", "t", "c", "ch"})
ONSETS = (
    "ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "qu", "th", "tr",
    "b", "c", "d", "đ", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x",
)  # fmt: skip
FRONT_ONLY_ONSETS = frozenset({"k", "gh", "ngh"})  # only before i, y, e, ê
BACK_ONLY_ONSETS = frozenset({"c", "g", "ng"})  # never before i, y, e, ê
# nghiêng, the longest syllables, have 7 letters; decomposed, each may carry 2 marks.
MAX_WRITTEN_LENGTH = 21
FRONT_VOWELS = frozenset("iyeê")
VOWELS = frozenset("aăâeêioôơuưy")
# Where the tone mark goes inside a two-letter nucleus: mía, múa, mưa; tiến, muốn, mướn.
NUCLEUS_MARK_INDEX = {
    "ia": 0, "ya": 0, "ua": 0, "ưa": 0, "iê": 1, "yê": 1, "uô": 1, "ươ": 1, "oo": 1,
}  # fmt: skip
# Rhymes whose mark moved in the "new" style: hòa/hoà, khỏe/khoẻ, thủy/thuỷ.
SHIFTING_NUCLEI = frozenset({"a", "e", "y"})


class Syllable(NamedTuple):
    onset: str
    medial: str
    nucleus: str
    coda: str
    tone: int  # index into TONE_NAMES


class Rhyme(NamedTuple):
    medial: str
    nucleus: str
    coda: str


@functools.cache
def rhymes() -> dict[str, Rhyme]:
    """The rhyme table in data/rhymes.tsv: written rhyme -> (medial, nucleus, coda)."""
    table: dict[str, Rhyme] = {}
    for row in tables.rows("vnclean", "data/rhymes.tsv"):
        rhyme, medial, nucleus, coda = (*row, "", "", "")[:4]
        table[rhyme] = Rhyme(medial, nucleus, coda)
    return table


@functools.cache
def _qu_rhymes() -> dict[str, Rhyme]:
    # After qu the u is the medial: qua, quy, quyết, quân are qu + a rhyme of the
    # medial-u series with its u dropped, or of the a/ă/e/ơ series without medial.
    table = {r: v for r, v in rhymes().items() if not v.medial and r[0] in "aăâeêiơô"}
    table.update(
        {
            r[1:]: Rhyme("", v.nucleus, v.coda)
            for r, v in rhymes().items()
            if v.medial == "u"
        }
    )
    return table


@functools.cache
def lexicon() -> dict[str, int]:
    """Attested syllables (lowercase NFC) and their corpus counts, from data/syllables.tsv."""
    return tables.counts("vnclean", "data/syllables.tsv")


@functools.cache
def _split_letter(char: str) -> tuple[str, int]:
    """A letter without its tone mark, and the tone: 'ề' -> ('ê', 2)."""
    decomposed = unicodedata.normalize("NFD", char)
    tone = 0
    kept = []
    for part in decomposed:
        if part in TONE_MARKS[1:]:
            tone = TONE_MARKS.index(part)
        else:
            kept.append(part)
    return unicodedata.normalize("NFC", "".join(kept)), tone


def split_letter(char: str) -> tuple[str, int]:
    """
    A letter without its tone mark, and the tone (0 for none); case is kept.

        >>> split_letter("Ề"), split_letter("ư")
        (('Ê', 2), ('ư', 0))
    """
    return _split_letter(char)


def split_tone(word: str) -> tuple[str, int, int]:
    """
    `word` without its tone mark, the tone, and the index of the marked letter
    (-1 for ngang). A word with two tone marks has no valid reading: tone -1.

        >>> split_tone("Người")
        ('Ngươi', 2, 3)
    """
    letters = []
    tone, where = 0, -1
    for index, char in enumerate(unicodedata.normalize("NFC", word)):
        base, mark = _split_letter(char)
        if mark:
            if tone:
                return word, -1, -1
            tone, where = mark, index
        letters.append(base)
    return "".join(letters), tone, where


@functools.lru_cache(maxsize=65536)
def parse(word: str) -> Syllable | None:
    """
    The parts of a Vietnamese syllable, lowercase and without the tone mark, or None
    when `word` cannot be one. The mark may sit on any vowel (see `is_valid`).

        >>> parse("giữa")
        Syllable(onset='gi', medial='', nucleus='ưa', coda='', tone=4)
        >>> parse("quýt"), parse("ngi")
        (Syllable(onset='qu', medial='', nucleus='y', coda='t', tone=1), None)
    """
    if len(word) > MAX_WRITTEN_LENGTH:
        return None  # no syllable is this long, however many marks it carries
    bare, tone, _ = split_tone(word.lower())
    if tone < 0 or not bare.isalpha():
        return None
    for onset in (*ONSETS, ""):
        if not bare.startswith(onset):
            continue
        rest = bare[len(onset) :]
        if onset == "gi":
            # gì, gìn, giếng: the i of gi is also the rhyme's first letter.
            rhyme = rhymes().get(rest) or rhymes().get("i" + rest)
        elif onset == "qu":
            rhyme = _qu_rhymes().get(rest)
        else:
            rhyme = rhymes().get(rest)
        if rhyme is not None and _allowed(onset, rhyme, tone):
            return Syllable(onset, rhyme.medial, rhyme.nucleus, rhyme.coda, tone)
    return None


def _allowed(onset: str, rhyme: Rhyme, tone: int) -> bool:
    if rhyme.coda in STOP_CODAS and tone not in (1, 5):
        return False  # p t c ch close a syllable only with sắc or nặng
    first = (rhyme.medial or rhyme.nucleus)[0]
    if onset in FRONT_ONLY_ONSETS and first not in FRONT_VOWELS:
        return False
    if onset in BACK_ONLY_ONSETS and first in FRONT_VOWELS:
        return False
    if rhyme.nucleus == "ươ" and not rhyme.coda:
        # ươ takes a coda or glide (mương, mười; open it is ưa: mưa). Only thưở, a
        # spelling of thuở the corpus attests, is written open.
        return onset == "th" and tone == 3
    if onset == "" and rhyme.nucleus == "iê":
        return False  # a syllable with no onset writes yê: yên, not iên
    if onset and rhyme.nucleus == "yê" and not rhyme.medial:
        return onset == "qu"  # after a consonant it is iê: tiên, not tyên
    return True


def mark_index(syllable: Syllable, style: str = "old") -> int:
    """
    Where the tone mark goes, as an index into the rhyme (medial + nucleus + coda).

        >>> mark_index(parse("hoa"), "old"), mark_index(parse("hoa"), "new")
        (0, 1)
    """
    medial, nucleus, coda = syllable.medial, syllable.nucleus, syllable.coda
    if medial and not coda and nucleus in SHIFTING_NUCLEI and style == "old":
        return 0
    return len(medial) + NUCLEUS_MARK_INDEX.get(nucleus, 0)


def spell(syllable: Syllable, style: str = "old") -> str:
    """The syllable written in lowercase with its tone mark placed by `style` (old/new)."""
    rhyme = syllable.medial + syllable.nucleus + syllable.coda
    # gì, giếng: the written i belongs to both the onset gi and the rhyme.
    onset = "g" if syllable.onset == "gi" and rhyme.startswith("i") else syllable.onset
    if syllable.tone:
        at = mark_index(syllable, style)
        marked = unicodedata.normalize("NFC", rhyme[at] + TONE_MARKS[syllable.tone])
        rhyme = rhyme[:at] + marked + rhyme[at + 1 :]
    return onset + rhyme


def respell(word: str, style: str = "old") -> str | None:
    """
    `word` with its tone mark where `style` puts it, keeping the case of each letter;
    None when `word` is not a Vietnamese syllable.

        >>> respell("Uỷ", "old"), respell("baỏ", "new"), respell("ngừơi")
        ('Ủy', 'bảo', 'người')
    """
    syllable = parse(word)
    if syllable is None:
        return None
    spelled = spell(syllable, style)
    if len(spelled) != len(word):
        return None
    return "".join(s.upper() if w.isupper() else s for s, w in zip(spelled, word))


@functools.lru_cache(maxsize=65536)
def is_valid(word: str) -> bool:
    """
    True when `word` (any case) is a Vietnamese syllable spelled with its tone mark
    where the old or the new convention puts it.

        >>> is_valid("quý"), is_valid("Tòan"), is_valid("mạnhvà")
        (True, False, False)
    """
    if word in _attested_forms():
        return True  # every attested syllable is valid, in the cases it is written in
    word = unicodedata.normalize("NFC", word)
    parts = parse(word)
    if parts is None:
        return False
    old = spell(parts, "old")
    # Spelled in lowercase, as the word must be, letter for letter.
    return word.lower() in (old, spell(parts, "new"))


def _attested_forms() -> frozenset[str]:
    from vnclean import plain

    return plain.attested_forms()


def frequency(word: str) -> int:
    """How often the syllable was seen in the corpus behind data/syllables.tsv (0 if never)."""
    return lexicon().get(unicodedata.normalize("NFC", word).lower(), 0)


@functools.cache
def _vietnamese_only_letters() -> frozenset[str]:
    # đ ă ơ ư, the hook and the dot below, a tilde on e i u y, and any tone mark on
    # â ê ô ă: no other language written in Latin letters uses them.
    letters = set("đăơư")
    for base in "aăâeêioôơuưy":
        for tone, mark in enumerate(TONE_MARKS[1:], start=1):
            letter = unicodedata.normalize("NFC", base + mark)
            if tone in (3, 5) or base in "ăâêôơư" or (tone == 4 and base in "eiuy"):
                letters.add(letter)
    return frozenset(letters)


def looks_vietnamese(word: str) -> bool:
    """
    True when `word` carries a letter only Vietnamese uses (đ ơ ư, a hook or a dot
    below, a tone mark on â ê ô, ...): such a word that is not a valid syllable is
    broken Vietnamese, while `café` or `Größe` is simply another language.

        >>> looks_vietnamese("điửu"), looks_vietnamese("Queensland"), looks_vietnamese("Größe")
        (True, False, False)
    """
    letters = _vietnamese_only_letters()
    return any(char in letters for char in unicodedata.normalize("NFC", word.lower()))


def classify(word: str) -> str:
    """
    "vietnamese" for a valid syllable, "broken" for a word that looks Vietnamese but
    cannot be one, "foreign" for anything else (English, names, other languages).

        >>> [classify(w) for w in ("Đảng", "điửu", "HanoiPrintPack", "café", "HĐND")]
        ['vietnamese', 'broken', 'foreign', 'foreign', 'foreign']
    """
    if is_valid(word):
        return "vietnamese"
    if parse(word) is not None:
        return "broken"  # a syllable with its tone mark on the wrong vowel: Tòan
    if not any(_split_letter(char)[0] in VOWELS for char in word.lower()):
        return "foreign"  # abbreviations such as HĐND or CĐV try to be no syllable
    return "broken" if looks_vietnamese(word) else "foreign"


# Punctuation that may stand around a word in a run of non-space: none of it is a
# letter, digit, underscore, mark or space, so a run stripped of it that is a word
# held that word alone.
PUNCTUATION = (
    "\"'()[]{}<>.,;:!?\u2026\u201c\u201d\u2018\u2019\u00ab\u00bb-\u2013\u2014/*"
)


def written_as(word: str, spellings: frozenset[str] | set[str]) -> bool:
    """
    `word` is one of `spellings` (lowercase) written in lowercase, Capitalized or
    UPPERCASE, the cases a syllable is written in.

        >>> [written_as(w, {"hòa"}) for w in ("hòa", "Hòa", "HÒA", "hÒa")]
        [True, True, True, False]
    """
    lower = word.lower()
    return lower in spellings and word in (lower, lower.capitalize(), lower.upper())


@functools.cache
def attested_spellings() -> frozenset[str]:
    """The attested syllables (lowercase NFC), as a set to take from a text's tokens."""
    return frozenset(lexicon())


@per_text
def unattested_tokens(text: str) -> frozenset[str]:
    """
    The distinct runs of non-space in `text` other than an attested syllable written
    in lowercase, Capitalized or UPPERCASE, alone or between PUNCTUATION: the runs
    whose words a step may have to look at. Most of a text's runs are taken away by
    one set difference.

        >>> sorted(unattested_tokens("Hà Nội, “HÀ NỘI” hÀ Tòan"))
        ['Tòan', 'hÀ']
    """
    from vnclean import plain

    return frozenset(
        plain.unplain_tokens(distinct_tokens(text), plain.attested_forms())
    )


# The runs of non-space `distinct_tokens` returns, with their places: the stdlib `re`
# and str.split agree on what white space is (both ask str.isspace).
NON_SPACE_RUN_RE = re.compile(r"\S+")


@per_text
def distinct_tokens(text: str) -> frozenset[str]:
    """
    The distinct runs of non-space in `text`. A word never crosses a space, so a step
    that asks each token once about its words has asked about every word: most
    documents repeat their words, and steps in a row often see the same text.
    """
    return distinct_tokens_by_piece(text)


# Pieces of this many characters (then to the next space) are split one at a time, so
# a long document is never held as the list of all its tokens.
TOKEN_PIECE = 1 << 16
# The rest of the run of non-space a piece would otherwise cut in two.
RUN_TAIL_RE = re.compile(r"\S*")


def distinct_tokens_by_piece(text: str, piece: int = TOKEN_PIECE) -> frozenset[str]:
    """frozenset(text.split()), splitting `text` a piece at a time at white space."""
    if len(text) <= piece:
        return frozenset(text.split())
    tokens: set[str] = set()
    for part in _pieces(text, piece):
        tokens.update(part.split())
    return frozenset(tokens)


def token_counts(text: str, piece: int = TOKEN_PIECE) -> Counter[str]:
    """Counter(text.split()), splitting `text` a piece at a time at white space."""
    counts: Counter[str] = Counter()
    for part in _pieces(text, piece):
        counts.update(part.split())
    return counts


def _pieces(text: str, piece: int) -> Iterator[str]:
    """`text` cut into pieces of about `piece` characters, each cut at white space."""
    start = 0
    while start < len(text):
        end = RUN_TAIL_RE.match(text, start + piece).end()  # type: ignore[union-attr]
        yield text[start:end]
        start = end


class SettledTokens:
    """
    The tokens one question about words was already asked of and answered "nothing
    to do", remembered across texts, so only the tokens a text adds are asked about:
    a corpus repeats most of its words. Forgotten all at once past `limit` tokens,
    so memory stays bounded on any corpus.
    """

    def __init__(self, limit: int = 100_000) -> None:
        self.settled: set[str] = set()
        self.limit = limit

    def unsettled(
        self, tokens: frozenset[str], needs: Callable[[str], object]
    ) -> set[str]:
        """The tokens for which `needs` is true; it is asked of new tokens only."""
        new = tokens - self.settled
        found = set(filter(needs, new))
        if len(self.settled) > self.limit:
            self.settled.clear()
        self.settled |= new - found
        return found
