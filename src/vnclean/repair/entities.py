"""
HTML escaped twice: `&amp;#7879;` for `ệ`, and entities that split UTF-8 mojibake.

A CMS that escapes text already escaped leaves `&amp;` before every entity; a page
that escaped the characters of mojibake one by one leaves `Î&frac14;` for `Î¼` (μ).
Both hide text from the steps after this one, so they are decoded first.
"""

from __future__ import annotations

import html
from collections.abc import Iterator

from vnclean import lazy
from vnclean.edits import apply
from vnclean.model import Edit
from vnclean.repair.codepages import as_bytes
from vnclean.repair.words import LINE_RE, TOKEN_RE

# What follows the `&` of an entity: a decimal or hexadecimal reference or a name.
ENTITY_BODY = r"(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});"
ENTITY_RE = lazy.compile("&" + ENTITY_BODY)
# `&amp;` once or more before an entity: escaped twice or more.
DOUBLE_ESCAPED_RE = lazy.compile("&amp;(?:amp;)*" + ENTITY_BODY)
SINGLE_REF_RE = lazy.compile(r"&#(?:[0-9]{1,7}|[xX][0-9a-fA-F]{1,6});")
# What a document that shows double escaping has decoded: both of the above.
ESCAPED_RE = lazy.compile(DOUBLE_ESCAPED_RE.pattern + "|" + SINGLE_REF_RE.pattern)
# An ampersand that starts no entity: it parts two runs of entities and other
# non-space characters, as a space does.
BARE_AMPERSAND_RE = lazy.compile(f"&(?!{ENTITY_BODY})")


def unescape_html_twice(text: str) -> str:
    """
    Decode HTML entities that were escaped twice or more (`&amp;#7879;` for `ệ`,
    `&amp;amp;` for `&`), or that split UTF-8 mojibake (`Î&frac14;`), so later steps
    see the text.

        >>> unescape_html_twice("Vi&amp;#7879;t Nam &amp;amp; Lào")
        'Việt Nam & Lào'
    """
    # A lone `&amp;` or `&lt;` is left to the normalize stage: it may be meant. Only the
    # chain `&amp;` + entity is unambiguous evidence that a CMS escaped text twice; in a
    # document that shows it, numeric references (`&#7879;`) are the same damage.
    if "&" not in text:
        return text  # no entity at all
    edits = _entangled_entities(text)
    if not DOUBLE_ESCAPED_RE.search(text):
        return apply(text, edits)
    taken = {i for e in edits for i in range(e.start, e.end)}
    for match in ESCAPED_RE.finditer(text):
        raw = match.group()
        decoded = raw
        for _ in range(raw.count("amp;") + 1):
            decoded = html.unescape(decoded)
        if decoded != raw and "&" not in decoded[1:] and match.start() not in taken:
            levels = raw.count("amp;") + 1
            edits.append(
                Edit(
                    match.start(),
                    match.end(),
                    decoded,
                    f"HTML entity escaped {levels} time(s): {raw} is {decoded!r}",
                )
            )
    return apply(text, edits)


def _entangled_entities(text: str) -> list[Edit]:
    """
    Entities inside UTF-8 mojibake (`Î&frac14;` for `Î¼`, μ; `&#195;&#161;` for
    `Ã¡`, á): decoded together with the characters around them, they are the
    Windows-1252 view of UTF-8, which the next steps decode.
    """
    edits = []
    # A run never crosses a line break, so only lines holding an entity are read.
    for line in LINE_RE.finditer(text):
        if ENTITY_RE.search(line.group()):
            edits.extend(_entangled_entities_in(line.group(), line.start()))
    return edits


def _entity_runs(text: str) -> Iterator[tuple[int, int]]:
    """
    (start, end) of each run of entities and characters that are neither white space
    nor `&`, holding an `&`: a run without one holds no entity. Found as tokens cut
    at their bare ampersands (tests/test_perf_equivalence.py checks they are the runs
    one repeating pattern finds).

        >>> [(s, e) for s, e in _entity_runs("a&b&amp;c d&#39; e")]
        [(2, 9), (10, 16)]
    """
    for token in TOKEN_RE.finditer(text):
        if "&" not in token.group():
            continue
        start = token.start()
        for bare in BARE_AMPERSAND_RE.finditer(text, token.start(), token.end()):
            if bare.start() > start and "&" in text[start : bare.start()]:
                yield start, bare.start()
            start = bare.end()
        if token.end() > start and "&" in text[start : token.end()]:
            yield start, token.end()


def _entangled_entities_in(text: str, offset: int) -> list[Edit]:
    edits = []
    for start, end in _entity_runs(text):
        token = text[start:end]
        if not ENTITY_RE.search(token):
            continue
        decoded = html.unescape(token)
        data = as_bytes(decoded)
        if decoded == token or data is None or data.isascii():
            continue
        try:
            as_utf8 = data.decode("utf-8")
        except UnicodeDecodeError:
            continue
        if as_utf8 != decoded:
            edits.append(
                Edit(
                    offset + start,
                    offset + end,
                    decoded,
                    f"HTML entities inside UTF-8 mojibake: {token!r} is {decoded!r},"
                    f" UTF-8 for {as_utf8!r}",
                )
            )
    return edits
