"""
UTF-8 read as Windows-1252, Latin-1 or Mac Roman (`Ä‘Ã£ cÃ³` for `đã có`), decoded
by ftfy; words ftfy leaves are decoded where the document shows the same damage.

This is the only module that uses ftfy's internals (its character tables, its one
decoding step): a new ftfy that changes them is met here alone, and each pattern
built from them falls back to ftfy's own behaviour when their shape changes.
"""

from __future__ import annotations

import functools
import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from vnclean import lazy, tables
from vnclean.edits import apply
from vnclean.model import Edit
from vnclean.repair.codepages import (
    CODE_PAGES,
    ftfy_key,
    utf8_view_classes,
    utf8_view_re,
)
from vnclean.repair.leftovers import (
    decode_parts,
    decode_word,
    frequent_count,
    loses_syllables,
    only_hyphen_mojibake,
    plan_codec,
    reads_as_legacy,
    vietnamese_only_re,
)
from vnclean.repair.words import line_edits

if TYPE_CHECKING:
    import ftfy


def _ftfy_config() -> ftfy.TextFixerConfig:
    import ftfy

    return ftfy.TextFixerConfig(
        # These change correct text: curly quotes, full-width forms and ligatures are
        # the writer's choice, not damage.
        uncurl_quotes=False,
        fix_character_width=False,
        fix_latin_ligatures=False,
        # Normalization is the normalize stage's job; entities are handled there too.
        normalization=None,
        unescape_html=False,
        # Line breaks are the writer's: CRLF stays CRLF. Terminal escapes are no
        # mojibake. Kept: surrogate pairs are UTF-16 decoding damage no other step
        # joins; C1 controls are Windows-1252 punctuation read as Latin-1, decoded with
        # the mojibake beside them (`â€œsenza modifiche\x94`); the control characters
        # ftfy removes include its own 0x1A marker for a lost byte (normalize would
        # remove the rest anyway).
        fix_line_breaks=False,
        remove_terminal_escapes=False,
        explain=False,
    )


# ftfy's configurations (FTFY_CONFIG, FTFY_EXPLAIN, FTFY_EXPLAIN_NOT_LOSSY) and the
# patterns built from its tables are made when first asked for: a text in which no
# line can hold mojibake never needs ftfy.
def __getattr__(name: str) -> Any:
    made = {
        "FTFY_CONFIG": lambda: _configs()[0],
        "FTFY_EXPLAIN": lambda: _configs()[1],
        "FTFY_EXPLAIN_NOT_LOSSY": lambda: _configs()[2],
        "FTFY_ALWAYS_RE": _always_re,
        "NOT_IN_ANY_CODE_PAGE_RE": _not_in_any_code_page_re,
        "UTF8_DETECTOR_RE": _utf8_detector_re,
    }.get(name)
    if made is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return made()


@functools.cache
def _configs() -> tuple[ftfy.TextFixerConfig, ...]:
    config = _ftfy_config()
    explain = config._replace(explain=True)
    return config, explain, explain._replace(replace_lossy_sequences=False)


def fix_mojibake(text: str) -> str:
    """
    Decode UTF-8 that was read as Windows-1252, Latin-1 or Mac Roman (ftfy).

        >>> fix_mojibake("Ä‘Ã£ cÃ³")
        'đã có'
        >>> str(fix_mojibake("Ná»™i dung\\nÄ‘Ã£ cÃ³ ngÆ°á»\\x9di dÃ¹ng"))
        'Nội dung\\nđã có người dùng'
    """
    # ftfy decodes lines it finds bad enough. A word it leaves (`Ná»™i dung` alone on
    # its line, a word next to damage ftfy cannot place) is decoded only when ftfy
    # decoded lines of the document with the same codec, or two such words stand in
    # the document, and the word decodes to frequent Vietnamese syllables; words ftfy
    # and this check both reject are left alone.
    suspects = _suspect_lines(text)
    decoded, codecs_used = _ftfy_lines(text, suspects)
    # Each codec once: a word a codec did not decode, it would not decode again.
    codecs = tuple(
        dict.fromkeys((*[c for c, _ in codecs_used.most_common()], *CODE_PAGES))
    )
    candidates = _candidate_lines(text, suspects, decoded, codecs)
    mended = _mend_leftovers(
        candidates, _leftover_words(candidates, codecs), codecs_used
    )
    edits: list[Edit] = []
    for offset in sorted(decoded.keys() | mended.keys()):
        line, fixed, plan = candidates[offset]
        final = str(apply(fixed, mended[offset]))
        if final == line:
            continue
        reasons = {e.after: e.reason for e in mended[offset]}
        edits.extend(
            line_edits(offset, line, final, reasons, f"ftfy: {plan or 'none'}")
        )
    return apply(text, edits)


# Offset -> (line, its text after ftfy, ftfy's plan), for lines of one document.
Lines = dict[int, tuple[str, str, str]]
# A word ftfy left that a codec decodes: (line offset, start and end in the line as
# ftfy left it, the decoded word, whether its line alone is evidence enough).
Leftover = tuple[int, int, int, str, bool]


def _ftfy_lines(text: str, suspects: dict[int, str]) -> tuple[Lines, Counter[str]]:
    """
    The lines ftfy changes, and how many lines it decoded with each codec. The other
    lines are never given to ftfy: searches over the whole text prove ftfy would
    leave them as they are.
    """
    # ftfy's change to a line stands only if it keeps every frequent syllable there:
    # next to a C1 control or a soft hyphen it would re-decode correct Vietnamese
    # (`Giá\x93` -> `Giᓠ`, `DÂ\xadN` -> `DN`).
    codecs_used: Counter[str] = Counter()
    lines: Lines = {}
    weak: dict[int, tuple[str, str, str, str | None]] = {}
    # Characters ftfy always changes are looked for per line only where the text
    # holds one.
    always = bool(suspects) and bool(_always_re().search(text))
    for offset, line in suspects.items():
        if not _ftfy_may_change(line, always):
            continue
        fixed = _ftfy_line(line)
        if (
            fixed.text == line
            or loses_syllables(line, fixed.text)
            or only_hyphen_mojibake(line, fixed.text)
            or reads_as_legacy(fixed.text)
        ):
            continue
        codec = plan_codec(fixed.explanation)
        plan = " then ".join(f"{a} {p}" for a, p in fixed.explanation or [])
        text_fixed = fixed.text
        mixed = _mixed_pages_reading(line, text_fixed)
        if mixed is not None:
            codec, text_fixed = CODE_PAGES[1], mixed
            plan = f"runs read as {CODE_PAGES[1]} with {CODE_PAGES[0]} forms"
        if rests_on_spaces(line):
            weak[offset] = (line, text_fixed, plan, codec)
            continue
        if codec:
            codecs_used[codec] += 1
        lines[offset] = (line, text_fixed, plan)
    # A line whose only sign of damage is Â or Ã before a space (the letter Â, the
    # Portuguese Ã) is decoded only in a document that shows the damage elsewhere.
    if lines:
        for offset, (line, text_fixed, plan, codec) in weak.items():
            if codec:
                codecs_used[codec] += 1
            lines[offset] = (line, text_fixed, plan)
    return lines, codecs_used


# Â or Ã standing alone before one space: in UTF-8 read as Windows-1252 the space
# may stand for a lost no-break byte (à is C3 A0), but a lone Â or Ã is also a
# letter of correct text (`nguyên âm Â`, Portuguese `Ã`). At the end of a word
# (`voilÃ le`) or before two spaces (`voilÃ  le`) it is the damage itself.
LONE_LEAD_RE = lazy.compile("[ÂÃ](?<![^\\W\\d_].) (?! )", engine=re)


def rests_on_spaces(line: str) -> bool:
    """
    ftfy's only evidence on `line` is Â or Ã before a space: with those spaces read
    as spaces, ftfy would leave the line alone.

        >>> rests_on_spaces("Nguyên âm Â đọc là ớ."), rests_on_spaces("cÃ y lÃºa")
        (True, False)
    """
    if not LONE_LEAD_RE.search(line):
        return False
    probe = LONE_LEAD_RE.sub("A ", line)
    return _ftfy_line(probe).text == probe


def _mixed_pages_reading(line: str, fixed: str) -> str | None:
    """
    The line read run by run with Windows-1250 and its Windows-1252 forms, where
    that gives more frequent syllables than ftfy's reading: ftfy reads `thĆ°Ć¡ng`
    (Ć is C6 in 1250, ° and ¡ B0 and A1 in 1252) as `thðáng`, the mixed view as
    `thương`.
    """
    # Only on a line that shows both pages in one character's bytes (Ă¡, Ć°): no
    # language spells so, while ftfy's reading of other text stands (Portuguese `Ã
    # s` is às, Thai `à¸\xa0` is ภ).
    if not _mixed_pages_re().search(line):
        return None
    mixed = decode_parts(line, CODE_PAGES[1])
    if mixed in (line, fixed):
        return None
    return mixed if frequent_count(mixed) > frequent_count(fixed) else None


@functools.cache
def _mixed_pages_re() -> re.Pattern:
    """A UTF-8 lead byte as one code page shows it and a continuation byte as only
    the other shows it (`Ă¡`: C3 in Windows-1250, A1 in Windows-1252)."""
    first, second = CODE_PAGES
    own = {
        codec: {bytes([b]).decode(codec): b for b in range(0x80, 0x100)}
        for codec in CODE_PAGES
    }
    only = {
        codec: {c: b for c, b in own[codec].items() if c not in own[other]}
        for codec, other in ((first, second), (second, first))
    }

    def chars(codec: str, low: int, high: int) -> str:
        return re.escape("".join(c for c, b in only[codec].items() if low <= b <= high))

    # The lead first, then which page it leads in: leads are rare in correct text.
    pairs = [
        f"(?<=[{chars(lead, 0xC2, 0xF4)}])[{chars(follow, 0x80, 0xBF)}]"
        for lead, follow in ((second, first), (first, second))
    ]
    leads = "".join(chars(lead, 0xC2, 0xF4) for lead in (second, first))
    return re.compile(f"[{leads}](?:{'|'.join(pairs)})")


def _candidate_lines(
    text: str, suspects: dict[int, str], decoded: Lines, codecs: tuple[str, ...]
) -> Lines:
    """
    Every line that may hold a word ftfy left which one of `codecs` decodes, as ftfy
    left it. A word decodes only if it holds a UTF-8 lead byte and a continuation
    byte in some code page's view: the suspects hold every line ftfy left that holds
    one in the Windows-1252 view, a search over the whole text finds those of
    another code page ftfy decoded with, and the lines ftfy changed are searched
    again.
    """
    candidates = {offset: (line, line, "") for offset, line in suspects.items()}
    for codec, view in zip(codecs, _views(codecs)):
        if codec == CODE_PAGES[0]:
            continue
        for offset, line in _lines_matching(view, text):
            candidates.setdefault(offset, (line, line, ""))
    candidates.update(decoded)
    return candidates


def _views(codecs: tuple[str, ...]) -> list[re.Pattern]:
    """
    Each codec's UTF-8 lead and continuation inside a word: the code pages' as
    as_bytes reads them (a Windows-1250 line may hold Windows-1252 forms), another
    codec's as its encoder does.
    """
    return [utf8_view_re(c, c in CODE_PAGES, in_word=True) for c in codecs]


# A word for the leftover pass: a no-break space inside it is the last byte of à
# (C3 A0) that restore_lost_bytes put back (`hĂ\u00a0ng`), not a space between words.
LEFTOVER_TOKEN_RE = lazy.compile(r"(?:\S|\u00a0)+")


def _leftover_words(
    candidates: Lines, codecs: tuple[str, ...]
) -> dict[str, list[Leftover]]:
    """Codec -> the words of the candidate lines it decodes to frequent syllables."""
    leftovers: dict[str, list[Leftover]] = defaultdict(list)
    views = _views(codecs)
    for offset in sorted(candidates):
        line, fixed, _ = candidates[offset]
        if not any(view.search(fixed) for view in views):
            continue
        guarded = bool(vietnamese_only_re().search(line))
        for word in LEFTOVER_TOKEN_RE.finditer(fixed):
            if word.group().isascii():
                continue
            for codec in codecs:
                decoded = decode_word(word.group(), codec)
                # The same guard as for ftfy's lines: `Giá\x93` stays, beside `rẻ`.
                if decoded and not (
                    guarded and frequent_count(decoded) < frequent_count(word.group())
                ):
                    # On a line with no letter only correct Vietnamese has, a word
                    # that decodes to frequent syllables (bá»\xada -> bửa, BÃŒ -> BÌ)
                    # is evidence enough: correct text never holds such byte pairs.
                    leftovers[codec].append(
                        (offset, word.start(), word.end(), decoded, not guarded)
                    )
                    break
    return leftovers


def _mend_leftovers(
    candidates: Lines,
    leftovers: dict[str, list[Leftover]],
    codecs_used: Counter[str],
) -> dict[int, list[Edit]]:
    """
    Line offset -> edits decoding the words ftfy left, where the document shows the
    damage: ftfy decoded lines with the same codec, two distinct words decode so, or
    the word's line holds no correct Vietnamese.
    """
    mended: dict[int, list[Edit]] = defaultdict(list)
    for codec, found in leftovers.items():
        distinct = {candidates[n][1][s:e] for n, s, e, _, _ in found}
        evidence = codecs_used[codec] > 0 or len(distinct) >= 2
        why = (
            f"ftfy decoded {codecs_used[codec]} line(s) of this document so"
            if codecs_used[codec]
            else f"{len(distinct)} words of this document decode so"
        )
        for offset, start, end, decoded, alone in found:
            if not (evidence or alone):
                continue
            word = candidates[offset][1][start:end]
            because = why if evidence else "its line holds no correct Vietnamese"
            reason = (
                f"UTF-8 read as {codec}, left by ftfy: {because}, and {word!r} reads"
                f" {decoded!r}, a frequent syllable"
            )
            mended[offset].append(Edit(start, end, decoded, reason))
    return mended


# --- Which lines ftfy could change, proved without running it -----------------
# Each of these stands in for asking ftfy; tests/test_perf_equivalence.py checks
# that they agree with ftfy itself.


@functools.cache
def ftfy_tables() -> dict[str, Any]:
    """What the patterns below read from ftfy's character tables."""
    key = ftfy_key("__init__.py", "chardata.py", "bad_codecs/sloppy.py")
    return tables.derived("ftfy-chardata", key, _ftfy_chardata)


def _ftfy_chardata() -> dict[str, Any]:
    import ftfy.chardata

    detector = ftfy.chardata.UTF8_DETECTOR_RE
    return {
        "control": "".join(chr(c) for c in ftfy.chardata.CONTROL_CHARS),
        "code_pages": "".join(
            sorted(
                {
                    ch
                    for enc in ftfy.chardata.CHARMAP_ENCODINGS
                    for ch in bytes(range(0x100)).decode(enc)  # sloppy: 0x1A is �
                }
            )
        ),
        "detector": [detector.pattern, detector.flags],
    }


@functools.cache
def _always_re() -> re.Pattern:
    """What ftfy (in FTFY_CONFIG) changes without first finding the text bad:
    surrogates, C1 controls and the control characters it removes."""
    control = ftfy_tables()["control"]
    return re.compile("[\ud800-\udfff\x80-\x9f" + re.escape(control) + "]")


@functools.cache
def _not_in_any_code_page_re() -> re.Pattern:
    """Characters no code page ftfy re-encodes with has: a line holding one is no
    single-byte mojibake as a whole."""
    return re.compile("[^\x00-\x7f" + re.escape(ftfy_tables()["code_pages"]) + "]")


def _ftfy_may_change(line: str, always: bool = True) -> bool:
    """
    Whether ftfy could change `line`: it decodes only text that one code page holds
    whole, or that shows UTF-8 inside, which a search rules out for almost every
    correct line.

        >>> _ftfy_may_change("Hà Nội"), _ftfy_may_change("Ä‘Ã£ cÃ³")
        (False, True)
    """
    if always and _always_re().search(line):
        return True
    if line.isascii():
        return False
    if _not_in_any_code_page_re().search(line):
        # No code page holds the line, so ftfy can only decode UTF-8 inside it.
        if not _utf8_detector_re().search(line):
            return False
        import ftfy.fixes

        if ftfy.fixes.decode_inconsistent_utf8(line) == line:
            return False
    # Whether the line is bad enough to decode is ftfy's own judgment.
    return True


# A character class in a pattern's source (`[\xc2-\xdf]`).
CHAR_CLASS_RE = lazy.compile(r"\[[^\]]*\]", engine=re)


def _detector_classes() -> list[str] | None:
    """
    The seven character classes of ftfy's UTF8_DETECTOR_RE: before the lead, a lead
    of one continuation, a continuation, a lead of two, a continuation, a lead of
    three, a continuation (all three alike). None for an ftfy whose pattern has
    another shape.
    """
    classes = CHAR_CLASS_RE.findall(ftfy_tables()["detector"][0])
    if len(classes) != 7 or len(set(classes[2::2])) != 1:
        return None
    return classes


@functools.cache
def _utf8_detector_re() -> re.Pattern:
    """
    ftfy's UTF8_DETECTOR_RE (does the text hold UTF-8 in a code page's view, for
    decode_inconsistent_utf8) with its lookbehind moved after the lead character: it
    matches where ftfy's does. An ftfy whose pattern has another shape keeps its own.
    """
    classes = _detector_classes()
    if classes is None:
        return re.compile(*ftfy_tables()["detector"])  # another ftfy: use its own
    behind, one, cont, two, _, three, _ = classes
    return re.compile(
        f"{one[:-1]}{two[1:-1]}{three[1:]}(?<!{behind}.)"
        f"(?:(?<={one}){cont}|(?<={two}){cont}{{2}}|(?<={three}){cont}{{3}})"
    )


@functools.cache
def _suspects_re() -> re.Pattern:
    """
    A character that may show a line fix_mojibake could change, beyond the lines one
    code page holds whole: a character ftfy always changes, one where
    UTF8_DETECTOR_RE may match, or a UTF-8 lead and continuation inside a word in
    the Windows-1252 view. A line without one keeps _ftfy_may_change False and holds
    no word that decodes so.
    """
    always = _always_re().pattern
    lead, follow = utf8_view_classes(CODE_PAGES[0], in_word=True)
    classes = _detector_classes()
    if classes is None or " " not in classes[2]:
        return re.compile(f"{always}|[^\x00-\x7f]")  # another ftfy: nearly every line
    _, one, cont, two, _, three, _ = classes
    rare = cont.replace(" ", "")  # continuations bar the space: rare in correct text
    # A detector match is a lead and 1, 2 or 3 continuations. The search starts at
    # its first continuation that is no space, and looks around it; a match whose
    # continuations are all spaces starts with a lead of the first class and a space,
    # or holds two spaces, which _suspect_lines finds apart.
    after = [
        f"(?<={one}{rare})",
        f"(?<={two}{rare})(?={cont})",
        f"(?<={two} {rare})",
        f"(?<={three}{rare})(?={cont}{{2}})",
        f"(?<={three} {rare})(?={cont})",
        f"(?<={three}  {rare})",
        f"(?<={lead}{follow})",
    ]
    # The character before a continuation is a lead or a space: one test turns away
    # the no-break space after a plain letter (`Hà Nội\u00a0 có`), or a letter such
    # as Đ that leads the first class, at once.
    before = f"[ {one[1:-1]}{two[1:-1]}{three[1:-1]}{lead[1:]}"
    branches = [
        f"(?<={always})",
        f"(?<={one})(?= )",
        f"(?<={before}[{rare[1:-1]}{follow[1:-1]}])(?:{'|'.join(after)})",
    ]
    first = f"{always[:-1]}{one[1:-1]}{rare[1:-1]}{follow[1:]}"
    # One character class starts every match; in correct text its characters are
    # rare.
    return re.compile(f"{first}(?:{'|'.join(branches)})")


# All continuations spaces after a lead of the second or third class.
DOUBLE_SPACE = "  "


def _lines_matching(pattern: re.Pattern, text: str) -> Iterator[tuple[int, str]]:
    """(offset, line) of each LINE_RE line of `text` in which `pattern` matches, for a
    pattern that never matches a line break."""
    at = 0
    while match := pattern.search(text, at):
        start = text.rfind("\n", 0, match.start()) + 1
        at = text.find("\n", match.start()) + 1 or len(text)
        yield start, text[start:at]


def _suspect_lines(text: str) -> dict[int, str]:
    """
    Offset -> line, in order, for every line for which _ftfy_may_change may be True
    or that holds a word in which the Windows-1252 view shows a UTF-8 lead and
    continuation, found by searches over the whole text.
    """
    suspects = dict(_lines_matching(_suspects_re(), text))
    if DOUBLE_SPACE in text:
        suspects.update(_lines_matching(_utf8_detector_re(), text))
    # A line that one code page holds whole: ftfy judges it.
    at = 0
    for content in text.split("\n"):
        if not content.isascii() and not _not_in_any_code_page_re().search(content):
            suspects[at] = text[at : at + len(content) + 1]
        at += len(content) + 1
    return dict(sorted(suspects.items()))


# Every sequence ftfy's replace_lossy_sequences replaces holds a 0x1A or `?` byte,
# which only these characters encode to: without them the substitution cannot
# change anything, and ftfy records a step only for a change.
LOSSY_BYTE_CHARS_RE = lazy.compile("[?\x1a\ufffd]", engine=re)


def _one_step_config(line: str) -> ftfy.TextFixerConfig:
    if LOSSY_BYTE_CHARS_RE.search(line):
        return _configs()[1]
    return _configs()[2]


def _ftfy_line(line: str) -> ftfy.ExplainedText:
    """
    What ftfy.fix_and_explain(line, FTFY_EXPLAIN) returns, taken from ftfy's single
    decoding step where that step already gives ftfy's answer.

        >>> import ftfy
        >>> ftfy.fix_and_explain("Ä‘Ã£ cÃ³", _configs()[1]) == _ftfy_line("Ä‘Ã£ cÃ³")
        True
    """
    # ftfy repeats its decoding step, then its other fixers, until nothing changes,
    # then runs everything once more to be sure. When one step decodes the line into
    # text ftfy cannot change (what _ftfy_may_change proves, as it does for the lines
    # fix_mojibake never gives ftfy), every later pass finds nothing, and ftfy returns
    # that text with that one step's plan: so do we.
    import ftfy

    # ftfy's one decoding step (found or not; private, so looked up with a fallback).
    one_step = getattr(ftfy, "_fix_encoding_one_step_and_explain", None)
    if one_step is not None:
        fixed, plan = one_step(line, _one_step_config(line))
        if fixed != line and not _ftfy_may_change(fixed):
            return ftfy.ExplainedText(fixed, plan)
    return ftfy.fix_and_explain(line, _configs()[1])
