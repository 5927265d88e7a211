"""
Characters that are not letters but ride along with scraped Vietnamese text: HTML
character references, C1 and C0 control characters, invisible characters, Unicode
spaces, piles of combining marks, decomposed letters, and runs of spaces. Each is
turned into the one plain form Vietnamese text is stored in, or removed.
"""

from __future__ import annotations

import functools
import html
import html.entities
import re
import unicodedata

import regex

from vnclean import lazy
from vnclean.model import per_text
from vnclean.normalize.look_alikes import homoglyphs
from vnclean.repair.entities import ENTITY_RE  # &#7879; &#x1EC7; &amp;, with its ;

# Character classes the stdlib `re` scans; each holds only characters `_printable`
# rejects (tests/test_perf_equivalence.py checks).
INVISIBLE_RE = re.compile("[\u200b\u2060\ufeff\u00ad]")
UNICODE_SPACE_RE = re.compile("[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
C1_RE = re.compile("[\u0080-\u009f]")
CONTROL_RE = re.compile("[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]")
# Spaces and tabs at the start of a line, and the whole run of them that ends a line
# (before CR LF too).
LINE_EDGE_SPACE_RE = lazy.compile(r"^[ \t]+|(?<![ \t])[ \t]++(?=\r?$)", regex.MULTILINE)
SPACE_RUN_RE = lazy.compile(r"[ \t]{2,}")
ENTITY_TAIL_RE = lazy.compile(r"#?[A-Za-z0-9]{1,31};")
HTML_TAG_RE = lazy.compile(
    r"</?(?:p|div|span|a|br|img|li|ul|ol|table|tr|td|th|h[1-6]|b|i|em|strong"
    r"|script|style|body|html|head|meta|link|section|article|figure|iframe|input"
    r"|form)\b[^<>]*>",
    regex.IGNORECASE,
)
MARK_PILE_RE = lazy.compile(r"(?<=\p{M}{16})\p{M}+")


# --- the shortcut the four character steps share --------------------------------------


@per_text  # four steps in a row ask about the same text
def _printable(text: str) -> bool:
    """
    True when `text` holds no control, format or unusual space character besides tab,
    line feed and carriage return: then the steps that remove or replace those have
    nothing to do.

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


# --- the steps, in pipeline order -----------------------------------------------------


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


def limit_combining_marks(text: str) -> str:
    """
    Cut piles of more than 16 combining marks on one letter ("Zalgo" text, whose
    marks spill over the lines around it) to 16: no writing system stacks more.

        >>> len(limit_combining_marks("a" + "\u0301" * 40))
        17
    """
    # Vietnamese needs at most two marks on a letter; the pile is cut, not judged:
    # remove_stray_marks decides later which of the remaining marks belong. Cut
    # before compose_nfc, which then never has to put a whole pile in order.
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
    Whether collapse_spaces could match anything: a tab, two spaces, a space at the
    start or end of a line (before CR LF too). A shortcut that
    tests/test_perf_equivalence.py proves misses nothing.

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
