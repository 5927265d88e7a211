"""
Normalize: one canonical spelling for the same Vietnamese text, so that search,
deduplication and models see one form. Each step reports what it changed.

The steps run in the order `pipeline.STEPS` gives (entities and control characters
first, then invisible characters and spaces, composition, look-alike letters, stray
combining marks, tone placement, spacing last). Every step that rewrites a word asks
`syllable` first: a word is changed only when the result is a Vietnamese syllable, so
English, names, other scripts, URLs, e-mail addresses and code pass through untouched.
"""

from __future__ import annotations

import bisect
import functools
import html
import html.entities
import importlib.resources
import re
import unicodedata
from collections.abc import Callable

import regex

from vnclean import syllable
from vnclean.model import Edit, Explained, per_text

# --- patterns -------------------------------------------------------------------------

# Plain character classes: the stdlib `re` scans them about twice as fast as `regex`.
INVISIBLE_RE = re.compile("[\u200b\u2060\ufeff\u00ad]")
UNICODE_SPACE_RE = re.compile("[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
# A trailing run is matched from its first space only, and possessively: trying every
# space of a long inner run as a possible line end would take quadratic time.
LINE_EDGE_SPACE_RE = regex.compile(r"^[ \t]+|(?<![ \t])[ \t]++(?=\r?$)", regex.MULTILINE)
SPACE_RUN_RE = regex.compile(r"[ \t]{2,}")
C1_RE = re.compile("[\u0080-\u009f]")
CONTROL_RE = re.compile("[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]")
ENTITY_RE = regex.compile(
    r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});"
)
ENTITY_TAIL_RE = regex.compile(r"#?[A-Za-z0-9]{1,31};")
HTML_TAG_RE = regex.compile(
    r"</?(?:p|div|span|a|br|img|li|ul|ol|table|tr|td|th|h[1-6]|b|i|em|strong"
    r"|script|style|body|html|head|meta|link|section|article|figure|iframe|input"
    r"|form)\b[^<>]*>",
    regex.IGNORECASE,
)
# A word: letters with their combining marks, not glued to digits or underscores
# (identifiers such as `Hòa_Bình2` are code, not prose).
WORD_RE = regex.compile(r"(?<![\w\p{M}])[\p{L}\p{M}]+(?![\w\p{M}])")
LATIN_RE = regex.compile(r"\p{Latin}")
NEWLINE_RE = regex.compile(r"\n")
# Chunks (runs of non-space) that hold URLs, e-mail addresses or paths: their words are
# never rewritten. URL_MARK_RE finds where to look; URLISH_RE judges the whole chunk.
URL_MARK_RE = regex.compile(r"://|www\.|@|\.(?:com|vn|org|net|html?)\b|[\\/]")
URLISH_RE = regex.compile(r"://|^www\.|@\S|[\\/].*[\\/]|\.(?:com|vn|org|net|html?)\b")
SPACE_RE = regex.compile(r"\s")
NON_SPACE_RE = regex.compile(r"\S*")
# Words carrying a tone mark: the only ones tone placement looks at.
TONED_RE = regex.compile(
    "[\u0300\u0301\u0303\u0309\u0323"
    + "".join(
        char
        for char in map(chr, range(0xC0, 0x1F00))
        if char.isalpha() and syllable.split_letter(char)[1] > 0
    )
    + "]"
)

TONE_MARKS = frozenset(syllable.TONE_MARKS[1:])  # acute, grave, hook, tilde, dot below
MODIFIER_MARKS = frozenset("\u0302\u0306\u031b")  # circumflex, breve, horn
VIETNAMESE_MARKS = TONE_MARKS | MODIFIER_MARKS
STRAY_MARKS = "\u0300\u0301\u0303\u0309\u0323\u0302\u0306\u031b"
STRAY_MARK_RE = regex.compile(f"[{STRAY_MARKS}]")
DETACHED_MARK_RE = regex.compile(
    r"(?<![\w\p{M}])(\p{L}+) ([\u0300\u0301\u0303\u0309\u0323])(?=(.?))", regex.DOTALL
)
DETACHED_MARKS = "\u0300\u0301\u0303\u0309\u0323"
DETACHED_HINT_RE = regex.compile("\\s[\u0300\u0301\u0303\u0309\u0323]")
DECORATIVE_MARKS = (
    "\u0332\u0333\u0336\u033c"  # low line, double low line, stroke, seagull
)
DECORATED_RUN_RE = regex.compile(
    rf"(?:[^\p{{M}}\n]\p{{M}}*?[{DECORATIVE_MARKS}]\p{{M}}*)+"
)
DECORATIVE_RE = regex.compile(f"[{DECORATIVE_MARKS}]")
CELSIUS_RE = regex.compile("(?<=\\d ?[°º])\u0421")
# Vietnamese abbreviations with an eth for Đ: QÐ, HÐND, ÐBSCL.
ETH_ABBREVIATION_RE = regex.compile("[A-Z]*Ð[A-ZÐ]*")
# Letters with macron or caron: pinyin, whose tone marks follow Chinese rules.
PINYIN_RE = regex.compile("[āēīōūǖǎěǐǒǔǚǜĀĒĪŌŪǍĚǏǑǓ]")
# A word in another script that no look-alike explains: real Russian or Greek.
FOREIGN_SCRIPT_RE = regex.compile(r"[\p{Cyrillic}\p{Greek}\p{Armenian}]")

# Rare alternatives lose to a composed tone only below this share of its frequency.
RARE_RATIO = 100
# Mixed-script words mapped to valid syllables needed to call a document obfuscated.
OBFUSCATION_EVIDENCE = 2


# --- invisible characters, controls, entities, spaces ---------------------------------


@per_text  # four steps in a row ask about the same text
def _printable(text: str) -> bool:
    """
    True when `text` holds no control, format or unusual space character besides tab,
    line feed and carriage return: then the steps that remove or replace those have
    nothing to do. `str.isprintable` scans in C, far faster than a regex.

        >>> _printable("Hà Nội\\tmưa\\r\\n"), _printable("Hà\u00a0Nội"), _printable("a\\x00")
        (True, False, False)
    """
    # Every character those steps touch (C0 and C1 controls, DEL, zero-width and
    # no-break spaces, BOM, soft hyphen, Unicode spaces) is of a category
    # (Cc, Cf, Zs) that isprintable rejects; tests/test_perf_equivalence.py checks.
    for layout in "\n\r\t":
        if layout in text:
            text = text.replace(layout, "")
    return text.isprintable()


def decode_html_entities(text: str) -> str:
    """
    Decode HTML character references (&amp; &nbsp; &#7879; &#x1EC7;) left in plain text.

        >>> decode_html_entities("Vi&#7879;t Nam &amp; Lào")
        'Việt Nam & Lào'
    """
    # Real HTML (with tags) is left alone: its entities are markup, not damage. A name
    # without its semicolon (`&copy2`, `?a=1&not=2` in URLs) is left alone too.
    if HTML_TAG_RE.search(text):
        return text
    return ENTITY_RE.sub(_decode_entity, text)


def _decode_entity(match: regex.Match[str]) -> str:
    entity = match.group()
    if entity[1] != "#" and entity[1:] not in html.entities.html5:
        return entity
    if entity == "&amp;" and ENTITY_TAIL_RE.match(match.string, match.end()):
        # &amp;amp; was escaped twice, which repair undoes; decoding one level here
        # would leave an entity that a second run decodes again.
        return entity
    decoded = html.unescape(entity)
    return entity if decoded == "\ufffd" else decoded


def replace_c1_punctuation(text: str) -> str:
    """
    Turn C1 control characters that are Windows-1252 punctuation read as Latin-1 back
    into that punctuation (U+0096 → –, U+0093 U+0094 → “ ”, U+0085 → …).

        >>> replace_c1_punctuation("2020\\x962021")
        '2020–2021'
    """
    # The five C1 bytes Windows-1252 leaves undefined are removed by the next step.
    if _printable(text):  # C1 controls are not printable
        return text
    return C1_RE.sub(lambda m: _cp1252(m.group()), text)


@functools.cache
def _cp1252(char: str) -> str:
    try:
        return bytes([ord(char)]).decode("cp1252")
    except UnicodeDecodeError:
        return char


def remove_control_characters(text: str) -> str:
    """
    Remove control characters that have no place in text.

        >>> remove_control_characters("Hà\\x00 Nội\\x8d")
        'Hà Nội'
    """
    # Tab, line feed and carriage return are kept: they are layout.
    if _printable(text):
        return text
    text = CONTROL_RE.sub("", text)
    return C1_RE.sub("", text)


def remove_invisible_characters(text: str) -> str:
    """
    Remove zero-width spaces, word joiners, stray BOMs and soft hyphens copied from HTML.

        >>> remove_invisible_characters("Hà\u200b Nội, ng\u00adười, ᵭ\u200cứa")
        'Hà Nội, người, ᵭứa'
    """
    # ZERO WIDTH JOINER is left alone: it holds emoji sequences together. ZERO WIDTH
    # NON-JOINER goes only between Latin letters; Persian and Indic scripts need it.
    if _printable(text):
        return text
    return _latin_zwnj_re().sub("", INVISIBLE_RE.sub("", text))


@functools.cache
def _latin_zwnj_re() -> regex.Pattern[str]:
    # ZERO WIDTH NON-JOINER after a Latin letter or a look-alike is obfuscation.
    lookalikes = regex.escape("".join(homoglyphs()))
    return regex.compile(rf"(?<=[\p{{Latin}}{lookalikes}]\p{{M}}*)\u200c+(?=\p{{L}})")


def replace_unicode_spaces(text: str) -> str:
    """
    Turn no-break and other Unicode spaces into a plain space.

        >>> replace_unicode_spaces("Hà\u00a0Nội")
        'Hà Nội'
    """
    if _printable(text):
        return text
    return UNICODE_SPACE_RE.sub(" ", text)


MARK_PILE_RE = regex.compile(r"(?<=\p{M}{16})\p{M}+")


def limit_combining_marks(text: str) -> str:
    """
    Cut piles of more than 16 combining marks on one letter ("Zalgo" text) to 16: no
    writing system stacks more, and sorting a long pile into canonical order costs
    time that grows with the square of its length.

        >>> len(limit_combining_marks("a" + "\u0301" * 40))
        17
    """
    # Vietnamese needs at most two marks on a letter; the pile is cut, not judged:
    # remove_stray_marks decides later which of the remaining marks belong.
    if text.isascii():
        return text
    return MARK_PILE_RE.sub("", text)


def compose_nfc(text: str) -> str:
    """
    Compose letters and combining marks (NFC), as Vietnamese text is normally stored.

        >>> compose_nfc("Ha\u0300 Nô\u0323i")
        'Hà Nội'
    """
    # Windows-1258 style (â + combining acute) composes here too; marks NFC cannot
    # place are left for remove_stray_marks.
    return unicodedata.normalize("NFC", text)


def collapse_spaces(text: str) -> str:
    """
    Collapse runs of spaces inside a line into one and trim spaces at line ends.

        >>> collapse_spaces("  Hà   Nội ")
        'Hà Nội'
    """
    if not _has_space_to_collapse(text):
        return text
    return SPACE_RUN_RE.sub(" ", LINE_EDGE_SPACE_RE.sub("", text))


def _has_space_to_collapse(text: str) -> bool:
    """
    Whether collapse_spaces could match anything, by substring tests that run in C:
    a tab, two spaces, a space at the start or end of a line (before CR LF too).

        >>> _has_space_to_collapse("Hà Nội\\r\\nmưa"), _has_space_to_collapse("Hà \\r\\n")
        (False, True)
    """
    return (
        "\t" in text
        or "  " in text
        or "\n " in text
        or " \n" in text
        or " \r" in text
        or text.startswith(" ")
        or text.endswith(" ")
    )


# --- decorative marks -----------------------------------------------------------------


def remove_decorative_marks(text: str) -> str:
    """
    Remove decorative combining marks (seagull below, low line) added under every
    letter of a Vietnamese sentence to dodge filters.

        >>> remove_decorative_marks("H\u033cà\u033c \u033cN\u033cộ\u033ci\u033c")
        'Hà Nội'
    """
    # A run is cleaned when it is a whole line with a word in it, or when it spans
    # two words or more and most of them become Vietnamese syllables: `b̼.̼o̼.̼m̼`, a
    # deliberate mark on a few letters inside a sentence, stays.
    if not any(mark in text for mark in DECORATIVE_MARKS):  # `in` is faster than a regex
        return text
    return _substitute(text, DECORATED_RUN_RE, _undecorate)


def _undecorate(match: regex.Match[str]) -> tuple[str, str] | None:
    plain = DECORATIVE_RE.sub("", match.group())
    words = WORD_RE.findall(plain)
    valid = sum(syllable.is_valid(word) for word in words)
    text = match.string
    whole_line = (match.start() == 0 or text[match.start() - 1] in "\r\n") and (
        match.end() == len(text) or text[match.end()] in "\r\n"
    )
    if (whole_line and words) or (valid >= 2 and 2 * valid >= len(words)):
        return plain, "decorative marks under every letter"
    return None


# --- look-alike letters ---------------------------------------------------------------


@functools.cache
def homoglyphs() -> dict[str, str]:
    """The look-alike table in data/homoglyphs.tsv: look-alike -> Latin letter."""
    path = importlib.resources.files("vnclean") / "data" / "homoglyphs.tsv"
    lines = path.read_text(encoding="utf-8").splitlines()
    rows = [line.split("\t") for line in lines if line and not line.startswith("#")]
    return {row[0]: row[1] for row in rows[1:]}


@functools.cache
def _look_alike_re() -> re.Pattern[str]:
    # Any look-alike at all. The stdlib `re` scans a class in C; a Python loop over the
    # text would not, and one `in` test per look-alike is slow for those whose low
    # byte is common (т U+0442 shares it with B).
    return re.compile("[" + "".join(map(re.escape, homoglyphs())) + "]")


def replace_look_alike_letters(text: str) -> str:
    """
    Replace Cyrillic, Greek, Armenian, small-capital and other look-alike letters
    inside Vietnamese words with the Latin letters they imitate (сủa → của).

        >>> replace_look_alike_letters("Nhà сủa тôι ở Ðà Nẵng, 30°С")
        'Nhà của tôi ở Đà Nẵng, 30°C'
    """
    # Decided per word: a word mixing Latin letters and look-alikes is mapped when it
    # becomes a Vietnamese syllable. When the text holds enough such words it is
    # obfuscated, and then a mixed word that becomes plain ASCII (Mɑɾιɑ) is mapped,
    # and so is a word made only of look-alikes that becomes a syllable or a single
    # letter (нôм, an initial н) when the words beside it hold Latin letters and its
    # line has no word of another script that no look-alike explains. Real Russian or
    # Greek (Кедр, α = 2β, Ю. М. Соколов, на Москва) stays: its letters are not all
    # look-alikes, its neighbours are not Latin, or the result is no Vietnamese. An
    # upper-case abbreviation with an eth (QÐ, HÐND) in a Vietnamese text gets its Đ. A Cyrillic С after a
    # degree sign is the Celsius C.
    if not _look_alike_re().search(text):
        return text
    matches = _words(text)
    mapped = {word: _map_word(word) for word in {m.group() for m in matches}}
    evidence = sum(
        1
        for word, (kind, new) in mapped.items()
        if kind == "mixed" and _is_syllable(new)
    )
    obfuscated = evidence >= OBFUSCATION_EVIDENCE
    foreign_lines = _lines_with_foreign_words(text, matches, mapped)
    position = {m.start(): i for i, m in enumerate(matches)}

    @functools.cache
    def vietnamese() -> bool:
        return any(syllable.looks_vietnamese(m.group()) for m in matches)

    def latin_neighbours(match: regex.Match[str], both: bool) -> bool:
        i = position[match.start()]
        line = _line_of(text, match)
        seen = 0
        for j in (i - 1, i + 1):
            if 0 <= j < len(matches) and _line_of(text, matches[j]) == line:
                if not LATIN_RE.search(matches[j].group()):
                    return False
                seen += 1
        return seen == 2 if both else seen > 0

    def replace(match: regex.Match[str]) -> tuple[str, str] | None:
        word = match.group()
        kind, new = mapped[word]
        if kind == "none" or new == word:
            return None
        if kind == "mixed" and _is_syllable(new):
            return new, "look-alike letters in a Vietnamese word"
        if kind == "mixed" and ETH_ABBREVIATION_RE.fullmatch(word) and vietnamese():
            return new, "eth (Ð) typed for Đ in an abbreviation"
        if not obfuscated:
            return None
        if kind == "mixed" and new.isascii():
            return new, "look-alike letters in an obfuscated text"
        if kind == "pure" and (_is_syllable(new) or len(new) == 1):
            # A lone letter (α, н) needs Latin words on both sides: an initial in prose.
            both = len(new) == 1
            if _line_of(text, match) not in foreign_lines and latin_neighbours(
                match, both
            ):
                return new, "look-alike letters in an obfuscated text"
        return None

    # Only a word with a look-alike can change; the others still count as neighbours.
    candidates = [m for m in matches if mapped[m.group()][0] != "none"]
    text = _substitute(text, None, replace, matches=candidates)
    return _substitute(
        text, CELSIUS_RE, lambda _: ("C", "Cyrillic С used as Celsius C")
    )


@functools.lru_cache(maxsize=65536)
def _map_word(word: str) -> tuple[str, str]:
    """('mixed' | 'pure' | 'none', the word with look-alikes mapped and composed)."""
    table = homoglyphs()
    out = []
    has_lookalike = has_latin = False
    for char in word:
        if char in table:
            out.append(table[char])
            has_lookalike = True
            continue
        decomposed = unicodedata.normalize("NFD", char)
        if decomposed[0] in table:  # Greek ά ὶ ύ: the base is a look-alike
            out.append(table[decomposed[0]] + decomposed[1:])
            has_lookalike = True
        elif unicodedata.combining(char):
            out.append(char)
        elif LATIN_RE.match(char):
            out.append(char)
            has_latin = True
        else:
            return "none", word  # a letter no look-alike explains: another script
    if not has_lookalike:
        return "none", word
    new = unicodedata.normalize("NFC", "".join(out))
    new = _repair_marks(new) or new
    return ("mixed" if has_latin else "pure"), new


def _lines_with_foreign_words(
    text: str, matches: list[regex.Match[str]], mapped: dict[str, tuple[str, str]]
) -> set[int]:
    lines = set()
    for match in matches:
        word = match.group()
        if FOREIGN_SCRIPT_RE.search(word) and mapped[word][0] == "none":
            lines.add(_line_of(text, match))
    return lines


def _line_of(text: str, match: regex.Match[str]) -> int:
    return bisect.bisect_right(_line_starts(text), match.start()) - 1


@per_text  # asked once per word
def _line_starts(text: str) -> tuple[int, ...]:
    return (0, *(m.end() for m in NEWLINE_RE.finditer(text)))


def _is_syllable(word: str) -> bool:
    return syllable.parse(word) is not None


# --- stray combining marks ------------------------------------------------------------


def attach_detached_marks(text: str) -> str:
    """
    Put back a tone mark that was typed after a space (thi ̣trường → thị trường).

        >>> attach_detached_marks("Giá thi \u0323trấn, công nghiêp \u0323 nhẹ")
        'Giá thị trấn, công nghiệp nhẹ'
    """
    # The mark goes to the word before the space when that word has no tone and takes
    # it as a valid syllable; after a word that already has a tone it is dropped. A
    # mark after a space with no word before it (a diacritic cited alone) stays.
    if not any(mark in text for mark in DETACHED_MARKS) or not DETACHED_HINT_RE.search(
        text
    ):  # the substring tests are far faster than the regex, and usually enough
        return text
    return _substitute(text, DETACHED_MARK_RE, _attach)


def _attach(match: regex.Match[str]) -> tuple[str, str] | None:
    word, mark, following = match.group(1), match.group(2), match.group(3)
    space = "" if following in ("", " ", "\n", "\r", "\t") else " "
    _, tone, _ = syllable.split_tone(word)
    if tone == 0:
        fixed = _repair_marks(word + mark)
        if fixed is not None:
            # Where the mark sat is lost, so it goes where the default style puts it.
            fixed = syllable.respell(fixed, "old") or fixed
            return fixed + space, "tone mark typed after a space"
        return None
    if tone > 0 and syllable.is_valid(word):
        return word + space, "stray tone mark after a space"
    return None


def remove_stray_marks(text: str) -> str:
    """
    Remove duplicated or stray combining marks on a Vietnamese word (đôị̣ → đội,
    miể̃n → miễn, Sơ̛n → Sơn).

        >>> remove_stray_marks("đôị\u0323 bóng, Sơ\u031bn La, miể\u0303n thuế")
        'đội bóng, Sơn La, miễn thuế'
    """
    # Only words whose marks all are Vietnamese ones and that become a valid syllable
    # change; a mark on a non-Vietnamese base (math, decoration) stays.
    if not any(mark in text for mark in STRAY_MARKS):  # faster than STRAY_MARK_RE
        return text
    return _substitute(text, None, _fix_marks, matches=_words(text, STRAY_MARK_RE))


def _fix_marks(match: regex.Match[str]) -> tuple[str, str] | None:
    fixed = _repair_marks(match.group())
    return (fixed, "duplicated or stray combining mark") if fixed else None


@functools.lru_cache(maxsize=65536)
def _repair_marks(word: str) -> str | None:
    """
    The valid syllable a word with extra combining marks was meant to be, or None.
    Of two tone marks, the one composed into a letter wins unless its syllable is rare
    beside the other (đôí̀ → đối, Nôị̉ → Nội, but miể̃n → miễn).
    """
    word = unicodedata.normalize("NFC", word)
    if len(word) > syllable.MAX_WRITTEN_LENGTH:
        return None  # no syllable is this long: every tone below would be tried on it
    letters: list[str] = []
    tones: list[tuple[int, int]] = []  # (tone, index of the letter it sat on)
    for char in word:
        if unicodedata.combining(char):
            if char not in VIETNAMESE_MARKS or not letters:
                return None
            if char in TONE_MARKS:
                tones.append((syllable.TONE_MARKS.index(char), len(letters) - 1))
                continue
            previous = letters[-1]
            if char not in unicodedata.normalize("NFD", previous):
                letters[-1] = unicodedata.normalize("NFC", previous + char)
            continue
        base, tone = syllable.split_letter(char)
        letters.append(base)
        if tone:
            tones.append((tone, len(letters) - 1))
    bare = "".join(letters)
    candidates: list[str] = []
    for tone, at in tones or [(0, -1)]:
        spelled = _with_tone(bare, tone, at)
        if spelled is not None and spelled not in candidates:
            candidates.append(spelled)
    if not candidates:
        return None
    first = candidates[0]
    best = max(candidates, key=syllable.frequency)
    if syllable.frequency(first) * RARE_RATIO >= syllable.frequency(best):
        return first
    return best


def _with_tone(bare: str, tone: int, at: int) -> str | None:
    if tone == 0:
        return bare if syllable.is_valid(bare) else None
    if (
        bare[at].lower() not in syllable.VOWELS
    ):  # a mark on a consonant: any vowel will do
        vowels = [i for i, char in enumerate(bare) if char.lower() in syllable.VOWELS]
        if not vowels:
            return None
        at = vowels[0]
    marked = unicodedata.normalize("NFC", bare[at] + syllable.TONE_MARKS[tone])
    word = bare[:at] + marked + bare[at + 1 :]
    if syllable.is_valid(word):
        return word
    return syllable.respell(word, "old")


# --- tone placement -------------------------------------------------------------------


def place_tone_marks(text: str, *, tone_style: str = "old") -> str:
    """
    Put each tone mark on the vowel where the chosen convention places it
    (old: hòa, khỏe, thủy; new: hoà, khoẻ, thuỷ) and move misplaced marks (Tòan → Toàn).

        >>> place_tone_marks("Tòan dân hoà thuận, baỏ vệ")
        'Toàn dân hòa thuận, bảo vệ'
        >>> place_tone_marks("hòa Tòan", tone_style="keep")
        'hòa Toàn'
    """

    # With "keep" a correctly placed mark stays in whatever style the source used, but
    # a mark on a wrong vowel is still moved: keep means keep the style, not the error.
    # Words that are not Vietnamese syllables (Còte, café, là-bas) are never touched,
    # nor lines with pinyin (Zhōngguó, duì), whose marks sit by other rules.
    # Each distinct token is asked once, and a token with nothing to retone is
    # remembered across texts: on most texts no token holds a word to retone, and on
    # the others only the words those tokens hold are looked at.
    offsets = functools.partial(_retone_offsets, tone_style)
    changing = _SETTLED[tone_style].unsettled(syllable.distinct_tokens(text), offsets)
    if not changing:
        return text
    positions = [
        token.start() + offset
        for token in TOKEN_RE.finditer(text)
        if token.group() in changing
        for offset in offsets(token.group())
    ]
    words = _words_at(text, positions, TONED_RE)
    pinyin = {_line_of(text, m) for m in PINYIN_RE.finditer(text)}

    def replace(match: regex.Match[str]) -> tuple[str, str] | None:
        if pinyin and _line_of(text, match) in pinyin:
            return None
        return _retone(match.group(), tone_style)

    return _substitute(text, None, replace, matches=words)


_SETTLED = {style: syllable.SettledTokens() for style in ("old", "new", "keep")}
# A run of non-space, as str.split() cuts them: the stdlib `re` and str agree on what
# white space is (both ask str.isspace), and `re` scans it in C.
TOKEN_RE = re.compile(r"\S+")


@functools.lru_cache(maxsize=65536)
def _retone_offsets(tone_style: str, token: str) -> tuple[int, ...]:
    """
    Where the toned words of `token`, a run of non-space, that `_retone` changes start
    in it. They are the words the whole text holds there: WORD_RE needs no character
    beyond a space.
    """
    return tuple(
        match.start()
        for match in WORD_RE.finditer(token)
        if TONED_RE.search(match.group()) and _retone(match.group(), tone_style)
    )


@functools.lru_cache(maxsize=65536)
def _retone(word: str, tone_style: str) -> tuple[str, str] | None:
    if syllable.split_tone(word)[1] <= 0 or syllable.parse(word) is None:
        return None
    if syllable.is_valid(word):
        if tone_style == "keep":
            return None
        new = syllable.respell(word, tone_style)
        reason = f"tone mark placed in the {tone_style} style"
    else:
        new = syllable.respell(word, "old" if tone_style == "keep" else tone_style)
        reason = "tone mark on the wrong vowel"
    return (new, reason) if new and new != word else None


# --- helpers --------------------------------------------------------------------------


def _words(text: str, must: regex.Pattern[str] | None = None) -> list[regex.Match[str]]:
    """Words outside URLs, e-mail addresses and paths (and matching `must`, if given)."""
    if must is not None and not must.search(text):
        return []
    in_url = _in_url_chunk(text)
    found = []
    for match in WORD_RE.finditer(text):
        if must is not None and not must.search(match.group()):
            continue
        if in_url(match.start()):
            continue
        found.append(match)
    return found


def _in_url_chunk(text: str) -> Callable[[int], bool]:
    """A test: does a position of `text` fall inside a URL, e-mail or path chunk?"""
    skip = _url_chunks(text)
    starts = [start for start, _ in skip]

    def inside(position: int) -> bool:
        i = bisect.bisect_right(starts, position) - 1
        return i >= 0 and position < skip[i][1]

    return inside


WORD_CHAR_RE = regex.compile(r"[\p{L}\p{M}]")


def _words_at(
    text: str, positions: list[int], must: regex.Pattern[str]
) -> list[regex.Match[str]]:
    """
    The words `_words(text, must)` finds that hold one of `positions` (sorted): the
    same matches, without walking every word of the text.
    """
    in_url = _in_url_chunk(text)
    found: list[regex.Match[str]] = []
    for position in positions:
        if found and position < found[-1].end():
            continue
        start = position
        while start and WORD_CHAR_RE.match(text, start - 1):
            start -= 1
        # A WORD_RE match can only start where its run of letters starts.
        match = WORD_RE.match(text, start)
        if match is None or match.end() <= position:
            continue
        if not must.search(match.group()) or in_url(match.start()):
            continue
        found.append(match)
    return found


def _url_chunks(text: str) -> list[tuple[int, int]]:
    """(start, end) of the runs of non-space characters that are URLs, e-mails, paths."""
    chunks: list[tuple[int, int]] = []
    for mark in URL_MARK_RE.finditer(text):
        if chunks and mark.start() < chunks[-1][1]:
            continue
        start = mark.start()
        while start > 0 and not SPACE_RE.match(text, start - 1):
            start -= 1
        end = NON_SPACE_RE.match(text, mark.start()).end()  # type: ignore[union-attr]
        if URLISH_RE.search(text[start:end]):
            chunks.append((start, end))
    return chunks


def _substitute(
    text: str,
    pattern: regex.Pattern[str] | None,
    fix: Callable[[regex.Match[str]], tuple[str, str] | None],
    *,
    matches: list[regex.Match[str]] | None = None,
) -> str:
    """Apply `fix` to each match; return an `Explained` text whose edits give reasons."""
    if matches is None:
        assert pattern is not None
        matches = list(pattern.finditer(text))
    found = matches
    parts: list[str] = []
    edits: list[Edit] = []
    last = 0
    for match in found:
        result = fix(match)
        if result is None:
            continue
        new, reason = result
        if new == match.group():
            continue
        parts.append(text[last : match.start()])
        parts.append(new)
        edits.append(Edit(match.start(), match.end(), new, reason))
        last = match.end()
    if not edits:
        return text
    parts.append(text[last:])
    return Explained("".join(parts), edits=edits)
